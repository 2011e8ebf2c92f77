//! `.grad(x)`, `.value_and_grad(x)`, `.hessian(x)` and `.jacobian(x)`
//! on functions.
//!
//! The shapes they take and return are described on [`Grad`].

use crate::shapes::{GradAt, HessianAt, JacobianAt, ValueAndGradAt};

/// `.grad(x)`: the derivative or gradient of a function with one output.
///
/// These extension traits are implemented for every `F: Fn(...)` over the
/// right dual number type, so they work on `#[differentiable]` fns, on
/// hand-written generic fns and on closures alike. The shape of `x` picks
/// the pass, and the result has the same shape:
///
/// | `x` | the function takes | `.grad(x)` | `.hessian(x)` |
/// |---|---|---|---|
/// | `f64` | one scalar | `f64` | `f64` (f'') |
/// | `(f64, f64, ...)` (2 to 6) | that many scalars | the same tuple of partials | `[[f64; K]; K]` |
/// | `[f64; N]` | an array | `[f64; N]` | `[[f64; N]; N]` |
/// | `[[f64; N]; M]` | a matrix | `[[f64; N]; M]` | — |
/// | `&[f64]`, `&Vec<f64>` | a slice `&[T]` | `Vec<f64>` | `Vec<Vec<f64>>` |
/// | `Vec<f64>` | a `Vec<T>` | `Vec<f64>` | — |
/// | `&P`, a [`Differentiable`](crate::Differentiable) struct `P<f64>` | `&P<T>` | `P<f64>` | — |
/// | with the `nalgebra` feature: `SVector<f64, N>` | `SVector<T, N>` | `SVector<f64, N>` | `SMatrix<f64, N, N>` |
/// | with the `nalgebra` feature: `&DVector<f64>`, `DVector<f64>` | `&DVector<T>`, `DVector<T>` | `DVector<f64>` | `DMatrix<f64>` |
///
/// `.jacobian(x)` is for functions with several outputs (an array `[T; M]`,
/// a tuple of up to 6, or for slice inputs also a `Vec<T>`; with the
/// `nalgebra` feature an `SVector` or `DVector`): one row per output, each
/// row shaped like `.grad(x)`; for a nalgebra vector input and output, an
/// `SMatrix`/`DMatrix` with one row per output.
///
/// **Which mode.** The shape picks it too. Scalars, tuples, arrays,
/// matrices and `SVector`s (sizes known at compile time, usually few
/// inputs) go by forward mode, in one pass. Slices, `Vec`s, `DVector`s and
/// parameter structs (sizes known at run time, often many inputs) go by
/// reverse mode: `.grad` and `.value_and_grad` record the function once on
/// [`Var`](crate::Var)s and sweep back once, and `.hessian` goes forward
/// over reverse, one recording and one sweep per 8 columns
/// ([`hessian_reverse`](crate::hessian_reverse)). `.jacobian` records
/// once and reads the rows off the tape by reverse sweeps, or for more
/// outputs than inputs the columns by forward sweeps of the tape
/// ([`jacobian_reverse`](crate::jacobian_reverse)). To force forward mode
/// on a slice, call [`gradient_forward`](crate::gradient_forward),
/// [`jacobian_slice`](crate::jacobian_slice) or
/// [`hessian_slice`](crate::hessian_slice).
///
/// ```
/// use autodiff_core::{Grad, Hessian, Jacobian, Scalar, ValueAndGrad};
///
/// fn f<T: Scalar>(x: T) -> T {
///     x.sin() * x.exp() * 2.0
/// }
/// fn g<T: Scalar>(x: T, y: T) -> T {
///     x * y.exp()
/// }
/// fn rosen<T: Scalar>(x: [T; 2]) -> T {
///     (T::cst(1.0) - x[0]).powi(2) + (x[1] - x[0] * x[0]).powi(2) * 100.0
/// }
///
/// assert_eq!(f.grad(0.0), 2.0);
/// assert_eq!(f.value_and_grad(0.0), (0.0, 2.0));
/// assert_eq!(f.hessian(0.0), 4.0); // 4 cos x eˣ
/// assert_eq!(g.grad((1.0, 0.0)), (1.0, 1.0));
/// assert_eq!(rosen.grad([1.0, 1.0]), [0.0, 0.0]);
/// assert_eq!(rosen.hessian([1.0, 1.0]), [[802.0, -400.0], [-400.0, 200.0]]);
/// assert_eq!((|x: [_; 2]| [x[0] * x[1], x[0] + x[1]]).jacobian([2.0, 3.0]), [[3.0, 2.0], [1.0, 1.0]]);
/// ```
pub trait Grad {
    /// The derivative (scalar `x`) or gradient of `self` at `x`, shaped
    /// like `x`.
    #[inline]
    fn grad<X>(&self, x: X) -> <Self as GradAt<X>>::Output
    where
        Self: GradAt<X>,
    {
        self.shaped_gradient(x)
    }
}

impl<F: ?Sized> Grad for F {}

/// `.value_and_grad(x)`: the value and the gradient from one pass.
/// See [`Grad`] for the shapes.
pub trait ValueAndGrad {
    /// `(f(x), ∇f(x))`: the value and the gradient, shaped like `x`.
    #[inline]
    fn value_and_grad<X>(
        &self,
        x: X,
    ) -> (<Self as ValueAndGradAt<X>>::Value, <Self as ValueAndGradAt<X>>::Gradient)
    where
        Self: ValueAndGradAt<X>,
    {
        self.shaped_value_and_gradient(x)
    }
}

impl<F: ?Sized> ValueAndGrad for F {}

/// `.hessian(x)`: the second derivative or Hessian matrix, in one pass.
/// See [`Grad`] for the shapes.
pub trait Hessian {
    /// The second derivative (scalar `x`) or the N×N matrix of second
    /// partials of `self` at `x`.
    #[inline]
    fn hessian<X>(&self, x: X) -> <Self as HessianAt<X>>::Output
    where
        Self: HessianAt<X>,
    {
        self.shaped_hessian(x)
    }
}

impl<F: ?Sized> Hessian for F {}

/// `.jacobian(x)`: the derivatives of every output of a function with
/// several outputs, one row per output. See [`Grad`] for the shapes.
pub trait Jacobian {
    /// The Jacobian of `self` at `x`: one row per output, each shaped like
    /// `x`.
    #[inline]
    fn jacobian<X>(&self, x: X) -> <Self as JacobianAt<X>>::Output
    where
        Self: JacobianAt<X>,
    {
        self.shaped_jacobian(x)
    }
}

impl<F: ?Sized> Jacobian for F {}

/// Several outputs of a function: an array, a tuple or a `Vec` of numbers,
/// mapped element by element.
pub trait Outputs<D> {
    /// The same container holding `G`s.
    type Map<G>;
    /// Applies `f` to every output.
    fn map_outputs<G>(self, f: impl FnMut(D) -> G) -> Self::Map<G>;
    /// The outputs in order.
    fn into_vec(self) -> Vec<D>;
    /// The container of this shape holding `rows` in order (for a `Vec`,
    /// as many as there are).
    fn from_rows<G: Default>(rows: Vec<G>) -> Self::Map<G>;
}

impl<D, const M: usize> Outputs<D> for [D; M] {
    type Map<G> = [G; M];
    fn map_outputs<G>(self, f: impl FnMut(D) -> G) -> [G; M] {
        self.map(f)
    }
    fn into_vec(self) -> Vec<D> {
        self.into()
    }
    fn from_rows<G: Default>(rows: Vec<G>) -> [G; M] {
        let mut rows = rows.into_iter();
        core::array::from_fn(|_| rows.next().unwrap_or_default())
    }
}

impl<D> Outputs<D> for Vec<D> {
    type Map<G> = Vec<G>;
    fn map_outputs<G>(self, f: impl FnMut(D) -> G) -> Vec<G> {
        self.into_iter().map(f).collect()
    }
    fn into_vec(self) -> Vec<D> {
        self
    }
    fn from_rows<G: Default>(rows: Vec<G>) -> Vec<G> {
        rows
    }
}

/// Tuples of outputs, mapped element by element.
macro_rules! tuple_outputs {
    ($($d:ident $i:tt),+) => {
        impl<D> Outputs<D> for ($(tuple_outputs!(@d $d),)+) {
            type Map<G> = ($(tuple_outputs!(@g $d),)+);
            fn map_outputs<G>(self, mut f: impl FnMut(D) -> G) -> Self::Map<G> {
                ($(f(self.$i),)+)
            }
            fn into_vec(self) -> Vec<D> {
                vec![$(self.$i),+]
            }
            fn from_rows<G: Default>(rows: Vec<G>) -> Self::Map<G> {
                let mut rows = rows.into_iter();
                ($(tuple_outputs!(@next rows $d),)+)
            }
        }
    };
    (@d $d:ident) => { D };
    (@g $d:ident) => { G };
    (@next $rows:ident $d:ident) => { $rows.next().unwrap_or_default() };
}

tuple_outputs!(a 0, b 1);
tuple_outputs!(a 0, b 1, c 2);
tuple_outputs!(a 0, b 1, c 2, d 3);
tuple_outputs!(a 0, b 1, c 2, d 3, e 4);
tuple_outputs!(a 0, b 1, c 2, d 3, e 4, f 5);
