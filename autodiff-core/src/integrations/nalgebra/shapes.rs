//! nalgebra vectors as inputs of `.grad`, `.value_and_grad`, `.hessian` and
//! `.jacobian`, and nalgebra vectors as outputs of `.jacobian`:
//!
//! | `x` | the function takes | `.grad(x)` | `.hessian(x)` | `.jacobian(x)` (vector output) |
//! |---|---|---|---|---|
//! | `SVector<f64, N>` | `SVector<T, N>` | `SVector<f64, N>` | `SMatrix<f64, N, N>` | `SMatrix<f64, M, N>` |
//! | `&DVector<f64>` | `&DVector<T>` | `DVector<f64>` | `DMatrix<f64>` | `DMatrix<f64>` |
//! | `DVector<f64>` | `DVector<T>` | `DVector<f64>` | `DMatrix<f64>` | `DMatrix<f64>` |
//!
//! The Jacobian has one row per output and one column per input; an output
//! `SVector<T, M>` gives `M` static rows, a `DVector<T>` dynamic ones
//! (`OMatrix<f64, Dyn, Const<N>>` for a static input).
//!
//! A function of the other input shapes (a scalar, a tuple, an array, a
//! slice) that returns an `SVector` or a `DVector` has `.jacobian(x)` too:
//! a vector of rows, each shaped like `x` (for a scalar input, the vector
//! of derivatives).
//!
//! A static vector is one pass of `DualVec<f64, N>` (`Dual2Vec` for the
//! Hessian), as an array `[f64; N]` is; a dynamic one goes through the
//! slice drivers, as a slice does (reverse mode, and forward over reverse
//! for the Hessian), copying the inputs into a `DVector`.

use core::cell::Cell;

use nalgebra::allocator::Allocator;
use nalgebra::{
    ArrayStorage, Const, DMatrix, DVector, DefaultAllocator, Dim, Dyn, OMatrix, SMatrix, SVector,
    VecStorage,
};

use crate::chunked::CHUNK;
use crate::methods::Outputs;
use crate::shapes::{GradAt, HessianAt, JacobianAt, ValueAndGradAt};
use crate::{
    gradient, gradient_slice, hessian, hessian_reverse, jacobian_reverse, Dual2Vec, DualVec, Var,
};

/// A vector output of a function: `SVector<D, M>` or `DVector<D>`, whose
/// Jacobian is a matrix with as many rows, static or dynamic.
pub trait VectorOutput<D> {
    /// The number of rows, `Const<M>` or `Dyn`.
    type Rows: Dim;
    /// The number of outputs.
    fn rows(&self) -> Self::Rows;
    /// Output `i`.
    fn output(&self, i: usize) -> D;
}

impl<D: nalgebra::Scalar + Copy, const M: usize> VectorOutput<D> for SVector<D, M> {
    type Rows = Const<M>;
    fn rows(&self) -> Const<M> {
        Const
    }
    fn output(&self, i: usize) -> D {
        self[i]
    }
}

impl<D: nalgebra::Scalar + Copy> VectorOutput<D> for DVector<D> {
    type Rows = Dyn;
    fn rows(&self) -> Dyn {
        Dyn(self.len())
    }
    fn output(&self, i: usize) -> D {
        self[i]
    }
}

/// The number type of a dynamic vector's Hessian: forward over reverse,
/// as for slices.
type Hess = Var<DualVec<f64, CHUNK>>;

// --- SVector<f64, N>: one pass of N lanes -------------------------------------------

impl<F, const N: usize> GradAt<SVector<f64, N>> for F
where
    F: Fn(SVector<DualVec<f64, N>, N>) -> DualVec<f64, N>,
{
    type Output = SVector<f64, N>;
    fn shaped_gradient(&self, x: SVector<f64, N>) -> SVector<f64, N> {
        gradient(|v| self(SVector::from(v)), x.into()).1.into()
    }
}

impl<F, const N: usize> ValueAndGradAt<SVector<f64, N>> for F
where
    F: Fn(SVector<DualVec<f64, N>, N>) -> DualVec<f64, N>,
{
    type Value = f64;
    type Gradient = SVector<f64, N>;
    fn shaped_value_and_gradient(&self, x: SVector<f64, N>) -> (f64, SVector<f64, N>) {
        let (value, g) = gradient(|v| self(SVector::from(v)), x.into());
        (value, g.into())
    }
}

impl<F, const N: usize> HessianAt<SVector<f64, N>> for F
where
    F: Fn(SVector<Dual2Vec<f64, N>, N>) -> Dual2Vec<f64, N>,
{
    type Output = SMatrix<f64, N, N>;
    fn shaped_hessian(&self, x: SVector<f64, N>) -> SMatrix<f64, N, N> {
        let h = hessian(|v| self(SVector::from(v)), x.into()).2;
        SMatrix::from_fn(|i, j| h[i][j])
    }
}

impl<F, O, const N: usize> JacobianAt<SVector<f64, N>> for F
where
    F: Fn(SVector<DualVec<f64, N>, N>) -> O,
    O: VectorOutput<DualVec<f64, N>>,
    DefaultAllocator: Allocator<O::Rows, Const<N>>,
{
    type Output = OMatrix<f64, O::Rows, Const<N>>;
    fn shaped_jacobian(&self, x: SVector<f64, N>) -> Self::Output {
        let y = self(SVector::from(core::array::from_fn(|i| DualVec::variable(x[i], i))));
        OMatrix::from_fn_generic(y.rows(), Const::<N>, |i, j| y.output(i).eps[j])
    }
}

// --- DVector<f64>: chunked passes -------------------------------------------------------
//
// Written once over a function of a `DVector` (each pass's inputs copied into
// it); `&DVector` inputs pass it by reference.

/// The value and gradient at a dynamic vector.
fn dynamic_value_and_gradient(
    f: impl Fn(DVector<Var<f64>>) -> Var<f64>,
    x: &DVector<f64>,
) -> (f64, DVector<f64>) {
    let (value, g) = gradient_slice(|v| f(DVector::from_column_slice(v)), x.as_slice());
    (value, DVector::from_vec(g))
}

/// The Hessian at a dynamic vector.
fn dynamic_hessian(f: impl Fn(DVector<Hess>) -> Hess, x: &DVector<f64>) -> DMatrix<f64> {
    let h = hessian_reverse(|v| f(DVector::from_column_slice(v)), x.as_slice()).2;
    DMatrix::from_fn(x.len(), x.len(), |i, j| h[i][j])
}

/// The Jacobian at a dynamic vector: one row per output.
fn dynamic_jacobian<O>(
    f: impl Fn(DVector<Var<f64>>) -> O,
    x: &DVector<f64>,
) -> OMatrix<f64, O::Rows, Dyn>
where
    O: VectorOutput<Var<f64>>,
    DefaultAllocator: Allocator<O::Rows, Dyn>,
{
    let rows = Cell::new(None);
    let j = jacobian_reverse(
        |v| {
            let y = f(DVector::from_column_slice(v));
            rows.set(Some(y.rows()));
            (0..y.rows().value()).map(|i| y.output(i)).collect()
        },
        x.as_slice(),
    )
    .1;
    let rows = rows.get().expect("f is evaluated at least once");
    OMatrix::from_fn_generic(rows, Dyn(x.len()), |i, k| j[i][k])
}

impl<F> GradAt<&DVector<f64>> for F
where
    F: Fn(&DVector<Var<f64>>) -> Var<f64>,
{
    type Output = DVector<f64>;
    fn shaped_gradient(&self, x: &DVector<f64>) -> DVector<f64> {
        dynamic_value_and_gradient(|v| self(&v), x).1
    }
}

impl<F> ValueAndGradAt<&DVector<f64>> for F
where
    F: Fn(&DVector<Var<f64>>) -> Var<f64>,
{
    type Value = f64;
    type Gradient = DVector<f64>;
    fn shaped_value_and_gradient(&self, x: &DVector<f64>) -> (f64, DVector<f64>) {
        dynamic_value_and_gradient(|v| self(&v), x)
    }
}

impl<F> HessianAt<&DVector<f64>> for F
where
    F: Fn(&DVector<Hess>) -> Hess,
{
    type Output = DMatrix<f64>;
    fn shaped_hessian(&self, x: &DVector<f64>) -> DMatrix<f64> {
        dynamic_hessian(|v| self(&v), x)
    }
}

impl<F, O> JacobianAt<&DVector<f64>> for F
where
    F: Fn(&DVector<Var<f64>>) -> O,
    O: VectorOutput<Var<f64>>,
    DefaultAllocator: Allocator<O::Rows, Dyn>,
{
    type Output = OMatrix<f64, O::Rows, Dyn>;
    fn shaped_jacobian(&self, x: &DVector<f64>) -> Self::Output {
        dynamic_jacobian(|v| self(&v), x)
    }
}

impl<F> GradAt<DVector<f64>> for F
where
    F: Fn(DVector<Var<f64>>) -> Var<f64>,
{
    type Output = DVector<f64>;
    fn shaped_gradient(&self, x: DVector<f64>) -> DVector<f64> {
        dynamic_value_and_gradient(self, &x).1
    }
}

impl<F> ValueAndGradAt<DVector<f64>> for F
where
    F: Fn(DVector<Var<f64>>) -> Var<f64>,
{
    type Value = f64;
    type Gradient = DVector<f64>;
    fn shaped_value_and_gradient(&self, x: DVector<f64>) -> (f64, DVector<f64>) {
        dynamic_value_and_gradient(self, &x)
    }
}

impl<F> HessianAt<DVector<f64>> for F
where
    F: Fn(DVector<Hess>) -> Hess,
{
    type Output = DMatrix<f64>;
    fn shaped_hessian(&self, x: DVector<f64>) -> DMatrix<f64> {
        dynamic_hessian(self, &x)
    }
}

impl<F, O> JacobianAt<DVector<f64>> for F
where
    F: Fn(DVector<Var<f64>>) -> O,
    O: VectorOutput<Var<f64>>,
    DefaultAllocator: Allocator<O::Rows, Dyn>,
{
    type Output = OMatrix<f64, O::Rows, Dyn>;
    fn shaped_jacobian(&self, x: DVector<f64>) -> Self::Output {
        dynamic_jacobian(self, &x)
    }
}

// --- vector outputs of the other inputs ----------------------------------------------------

/// A `DVector` of outputs for the other input shapes (a scalar, a tuple,
/// an array or a slice): `.jacobian(x)` gives a `DVector` of rows, each
/// shaped like `x` (so a scalar input gives the vector of derivatives).
impl<D: Copy> Outputs<D> for DVector<D> {
    type Map<G> = DVector<G>;
    fn map_outputs<G>(self, f: impl FnMut(D) -> G) -> DVector<G> {
        dynamic(self.iter().copied().map(f).collect())
    }
    fn into_vec(self) -> Vec<D> {
        self.iter().copied().collect()
    }
    fn from_rows<G: Default>(rows: Vec<G>) -> DVector<G> {
        dynamic(rows)
    }
}

/// An `SVector` of outputs for the other input shapes, as [`DVector`]'s.
impl<D: Copy, const M: usize> Outputs<D> for SVector<D, M> {
    type Map<G> = SVector<G, M>;
    fn map_outputs<G>(self, f: impl FnMut(D) -> G) -> SVector<G, M> {
        SMatrix::from_data(ArrayStorage([self.data.0[0].map(f)]))
    }
    fn into_vec(self) -> Vec<D> {
        self.data.0[0].into()
    }
    fn from_rows<G: Default>(rows: Vec<G>) -> SVector<G, M> {
        let mut rows = rows.into_iter();
        SMatrix::from_data(ArrayStorage([core::array::from_fn(|_| {
            rows.next().unwrap_or_default()
        })]))
    }
}

/// A `DVector` of any element type (nalgebra's constructors want
/// `nalgebra::Scalar`).
fn dynamic<G>(entries: Vec<G>) -> DVector<G> {
    DVector::from_data(VecStorage::new(Dyn(entries.len()), Const::<1>, entries))
}
