//! Feature `nalgebra`: every number type is a nalgebra
//! [`RealField`](::nalgebra::RealField) (so matrices of dual numbers
//! factorise, invert and solve, and generic code bound by `T: RealField`
//! differentiates), and `.grad`, `.value_and_grad`, `.hessian` and
//! `.jacobian` take and return nalgebra vectors and matrices.

mod field;
mod shapes;

pub(crate) use field::impl_nalgebra;
pub use shapes::VectorOutput;
