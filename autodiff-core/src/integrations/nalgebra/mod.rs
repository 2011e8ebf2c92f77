//! Feature `nalgebra`: every number type is a nalgebra
//! [`RealField`](::nalgebra::RealField) (so matrices of dual numbers
//! factorise, invert and solve, and generic code bound by `T: RealField`
//! differentiates), and `.grad`, `.value_and_grad`, `.hessian` and
//! `.jacobian` take and return nalgebra vectors and matrices; a
//! [`SparseMatrix`](crate::SparseMatrix) converts to nalgebra-sparse's
//! `CsrMatrix`.

mod field;
mod shapes;
mod sparse;

pub(crate) use field::impl_nalgebra;
pub use shapes::VectorOutput;
