//! `.grad(x)`, `.value_and_grad(x)`, `.hessian(x)` and `.jacobian(x)`
//! on functions.
//!
//! The shapes they take and return are described on [`Grad`].

use crate::chunked::CHUNK;
use crate::{
    gradient, gradient_params, gradient_slice, hessian, hessian_slice, jacobian_slice,
    Differentiable, Dual, Dual2, Dual2Vec, DualVec, Real,
};

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
/// | `&[f64]`, `&Vec<f64>` | a slice `&[T]` | `Vec<f64>` | `Vec<Vec<f64>>` |
/// | `Vec<f64>` | a `Vec<T>` | `Vec<f64>` | — |
/// | `&P`, a [`Differentiable`] struct `P<f64>` | `&P<T>` | `P<f64>` | — |
///
/// `.jacobian(x)` is for functions with several outputs (an array `[T; M]`,
/// a tuple of up to 6, or a `Vec<T>` for slice inputs): one row per output,
/// each row shaped like `.grad(x)`.
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
#[diagnostic::on_unimplemented(
    message = "`.grad(x)` cannot differentiate this function at an input of type `{X}`",
    label = "no gradient for this function and input",
    note = "x must match the function's parameters: an f64 for `fn(f64) -> f64`, a tuple `(x, y)` for `fn(f64, f64) -> f64`, an array for `fn([f64; N]) -> f64`, a slice for `fn(&[f64]) -> f64`",
    note = "the function must return one f64 (use `.jacobian(x)` for several outputs), be `#[differentiable]` or generic over `T: Scalar`, and keep `#[constant]` parameters out: `(|w| loss(w, &data)).grad(w0)`"
)]
pub trait Grad<X> {
    /// The gradient, shaped like `x`.
    type Output;
    /// The derivative (scalar `x`) or gradient of `self` at `x`.
    fn grad(&self, x: X) -> Self::Output;
}

/// `.value_and_grad(x)`: the value and the gradient from one pass.
/// See [`Grad`] for the shapes.
#[diagnostic::on_unimplemented(
    message = "`.value_and_grad(x)` cannot differentiate this function at an input of type `{X}`",
    label = "no gradient for this function and input",
    note = "x must match the function's parameters: an f64, a tuple, an array [f64; N] or a slice; the function must return one f64"
)]
pub trait ValueAndGrad<X> {
    /// The value: `f64` (`f32` for an `f32` input).
    type Value;
    /// The gradient, shaped like `x`.
    type Gradient;
    /// `(f(x), ∇f(x))`.
    fn value_and_grad(&self, x: X) -> (Self::Value, Self::Gradient);
}

/// `.hessian(x)`: the second derivative or Hessian matrix, in one pass.
/// See [`Grad`] for the shapes.
#[diagnostic::on_unimplemented(
    message = "`.hessian(x)` cannot differentiate this function at an input of type `{X}`",
    label = "no Hessian for this function and input",
    note = "x must match the function's parameters: an f64, a tuple, an array [f64; N] or a slice; the function must return one f64"
)]
pub trait Hessian<X> {
    /// f'' for a scalar input, else the N×N matrix of second partials.
    type Output;
    /// The second derivative or Hessian of `self` at `x`.
    fn hessian(&self, x: X) -> Self::Output;
}

/// `.jacobian(x)`: the derivatives of every output of a function with
/// several outputs, one row per output. See [`Grad`] for the shapes.
#[diagnostic::on_unimplemented(
    message = "`.jacobian(x)` cannot differentiate this function at an input of type `{X}`",
    label = "no Jacobian for this function and input",
    note = "x must match the function's parameters (an f64, a tuple, an array or a slice) and the function must return an array `[f64; M]`, a tuple of f64s, or (for a slice input) a `Vec<f64>`"
)]
pub trait Jacobian<X> {
    /// One row per output, each shaped like `x`.
    type Output;
    /// The Jacobian of `self` at `x`.
    fn jacobian(&self, x: X) -> Self::Output;
}

/// Several outputs of a function: an array, a tuple or a `Vec` of numbers,
/// mapped element by element.
pub trait Outputs<D> {
    /// The same container holding `G`s.
    type Map<G>;
    /// Applies `f` to every output.
    fn map_outputs<G>(self, f: impl FnMut(D) -> G) -> Self::Map<G>;
}

impl<D, const M: usize> Outputs<D> for [D; M] {
    type Map<G> = [G; M];
    fn map_outputs<G>(self, f: impl FnMut(D) -> G) -> [G; M] {
        self.map(f)
    }
}

impl<D> Outputs<D> for Vec<D> {
    type Map<G> = Vec<G>;
    fn map_outputs<G>(self, f: impl FnMut(D) -> G) -> Vec<G> {
        self.into_iter().map(f).collect()
    }
}

/// The impls for functions of one float type `$f` (`f64` or `f32`): scalar,
/// array and slice inputs.
macro_rules! float_inputs {
    ($f:ty) => {
        // --- scalar input ---------------------------------------------------------------

        impl<F: Fn(Dual<$f>) -> Dual<$f>> Grad<$f> for F {
            type Output = $f;
            fn grad(&self, x: $f) -> $f {
                self(Dual::variable(x)).eps
            }
        }

        impl<F: Fn(Dual<$f>) -> Dual<$f>> ValueAndGrad<$f> for F {
            type Value = $f;
            type Gradient = $f;
            fn value_and_grad(&self, x: $f) -> ($f, $f) {
                let y = self(Dual::variable(x));
                (y.re, y.eps)
            }
        }

        impl<F: Fn(Dual2<$f>) -> Dual2<$f>> Hessian<$f> for F {
            type Output = $f;
            fn hessian(&self, x: $f) -> $f {
                self(Dual2::variable(x)).v2
            }
        }

        impl<F, O> Jacobian<$f> for F
        where
            F: Fn(Dual<$f>) -> O,
            O: Outputs<Dual<$f>>,
        {
            type Output = O::Map<$f>;
            fn jacobian(&self, x: $f) -> O::Map<$f> {
                self(Dual::variable(x)).map_outputs(|y| y.eps)
            }
        }

        // --- array input ------------------------------------------------------------------

        impl<F: Fn([DualVec<$f, N>; N]) -> DualVec<$f, N>, const N: usize> Grad<[$f; N]> for F {
            type Output = [$f; N];
            fn grad(&self, x: [$f; N]) -> [$f; N] {
                gradient(self, x).1
            }
        }

        impl<F: Fn([DualVec<$f, N>; N]) -> DualVec<$f, N>, const N: usize> ValueAndGrad<[$f; N]>
            for F
        {
            type Value = $f;
            type Gradient = [$f; N];
            fn value_and_grad(&self, x: [$f; N]) -> ($f, [$f; N]) {
                gradient(self, x)
            }
        }

        impl<F: Fn([Dual2Vec<$f, N>; N]) -> Dual2Vec<$f, N>, const N: usize> Hessian<[$f; N]>
            for F
        {
            type Output = [[$f; N]; N];
            fn hessian(&self, x: [$f; N]) -> [[$f; N]; N] {
                hessian(self, x).2
            }
        }

        impl<F, O, const N: usize> Jacobian<[$f; N]> for F
        where
            F: Fn([DualVec<$f, N>; N]) -> O,
            O: Outputs<DualVec<$f, N>>,
        {
            type Output = O::Map<[$f; N]>;
            fn jacobian(&self, x: [$f; N]) -> O::Map<[$f; N]> {
                let seeded = core::array::from_fn(|i| DualVec::variable(x[i], i));
                self(seeded).map_outputs(|y| y.eps)
            }
        }

        // --- slice input ----------------------------------------------------------------------

        impl<F: Fn(&[DualVec<$f, CHUNK>]) -> DualVec<$f, CHUNK>> Grad<&[$f]> for F {
            type Output = Vec<$f>;
            fn grad(&self, x: &[$f]) -> Vec<$f> {
                gradient_slice(self, x).1
            }
        }

        impl<F: Fn(&[DualVec<$f, CHUNK>]) -> DualVec<$f, CHUNK>> Grad<&Vec<$f>> for F {
            type Output = Vec<$f>;
            fn grad(&self, x: &Vec<$f>) -> Vec<$f> {
                gradient_slice(self, x).1
            }
        }

        impl<F: Fn(Vec<DualVec<$f, CHUNK>>) -> DualVec<$f, CHUNK>> Grad<Vec<$f>> for F {
            type Output = Vec<$f>;
            fn grad(&self, x: Vec<$f>) -> Vec<$f> {
                gradient_slice(|v: &[DualVec<$f, CHUNK>]| self(v.to_vec()), &x).1
            }
        }

        impl<F: Fn(&[DualVec<$f, CHUNK>]) -> DualVec<$f, CHUNK>> ValueAndGrad<&[$f]> for F {
            type Value = $f;
            type Gradient = Vec<$f>;
            fn value_and_grad(&self, x: &[$f]) -> ($f, Vec<$f>) {
                gradient_slice(self, x)
            }
        }

        impl<F> Hessian<&[$f]> for F
        where
            F: Fn(&[DualVec<DualVec<$f, 4>, 4>]) -> DualVec<DualVec<$f, 4>, 4>,
        {
            type Output = Vec<Vec<$f>>;
            fn hessian(&self, x: &[$f]) -> Vec<Vec<$f>> {
                hessian_slice(self, x).2
            }
        }

        impl<F> Jacobian<&[$f]> for F
        where
            F: Fn(&[DualVec<$f, CHUNK>]) -> Vec<DualVec<$f, CHUNK>>,
        {
            type Output = Vec<Vec<$f>>;
            fn jacobian(&self, x: &[$f]) -> Vec<Vec<$f>> {
                jacobian_slice(self, x).1
            }
        }
    };
}

float_inputs!(f64);
float_inputs!(f32);

// --- a struct of parameters -------------------------------------------------------------

impl<'p, F, P, T> Grad<&'p P> for F
where
    T: Real,
    P: Differentiable<Scalar = T>,
    F: Fn(&P::With<DualVec<T, CHUNK>>) -> DualVec<T, CHUNK>,
{
    type Output = P::With<T>;
    fn grad(&self, p: &'p P) -> P::With<T> {
        gradient_params(self, p).1
    }
}

impl<'p, F, P, T> ValueAndGrad<&'p P> for F
where
    T: Real,
    P: Differentiable<Scalar = T>,
    F: Fn(&P::With<DualVec<T, CHUNK>>) -> DualVec<T, CHUNK>,
{
    type Value = T;
    type Gradient = P::With<T>;
    fn value_and_grad(&self, p: &'p P) -> (T, P::With<T>) {
        gradient_params(self, p)
    }
}

// --- tuple inputs: one scalar parameter each ----------------------------------------------

/// Implements the traits for functions of K scalar parameters, called with
/// a K-tuple of the float type `$f`, through one pass of `DualVec<$f, K>`.
macro_rules! tuple_inputs {
    ($f:ty; $k:literal; $($x:ident $i:tt),+) => {
        impl<F> Grad<($(tuple_inputs!(@float $f, $x),)+)> for F
        where
            F: Fn($(tuple_inputs!(@dual $f, $x, $k)),+) -> DualVec<$f, $k>,
        {
            type Output = ($(tuple_inputs!(@float $f, $x),)+);
            fn grad(&self, x: ($(tuple_inputs!(@float $f, $x),)+)) -> Self::Output {
                let y = self($(DualVec::variable(x.$i, $i)),+);
                ($(y.eps[$i],)+)
            }
        }

        impl<F> ValueAndGrad<($(tuple_inputs!(@float $f, $x),)+)> for F
        where
            F: Fn($(tuple_inputs!(@dual $f, $x, $k)),+) -> DualVec<$f, $k>,
        {
            type Value = $f;
            type Gradient = ($(tuple_inputs!(@float $f, $x),)+);
            fn value_and_grad(&self, x: ($(tuple_inputs!(@float $f, $x),)+)) -> ($f, Self::Gradient) {
                let y = self($(DualVec::variable(x.$i, $i)),+);
                (y.re, ($(y.eps[$i],)+))
            }
        }

        impl<F> Hessian<($(tuple_inputs!(@float $f, $x),)+)> for F
        where
            F: Fn($(tuple_inputs!(@dual2 $f, $x, $k)),+) -> Dual2Vec<$f, $k>,
        {
            type Output = [[$f; $k]; $k];
            fn hessian(&self, x: ($(tuple_inputs!(@float $f, $x),)+)) -> Self::Output {
                self($(Dual2Vec::variable(x.$i, $i)),+).hessian()
            }
        }

        impl<F, O> Jacobian<($(tuple_inputs!(@float $f, $x),)+)> for F
        where
            F: Fn($(tuple_inputs!(@dual $f, $x, $k)),+) -> O,
            O: Outputs<DualVec<$f, $k>>,
        {
            type Output = O::Map<($(tuple_inputs!(@float $f, $x),)+)>;
            fn jacobian(&self, x: ($(tuple_inputs!(@float $f, $x),)+)) -> Self::Output {
                self($(DualVec::variable(x.$i, $i)),+).map_outputs(|y| ($(y.eps[$i],)+))
            }
        }
    };
    (@float $f:ty, $x:ident) => { $f };
    (@dual $f:ty, $x:ident, $k:literal) => { DualVec<$f, $k> };
    (@dual2 $f:ty, $x:ident, $k:literal) => { Dual2Vec<$f, $k> };
}

tuple_inputs!(f64; 2; a 0, b 1);
tuple_inputs!(f64; 3; a 0, b 1, c 2);
tuple_inputs!(f64; 4; a 0, b 1, c 2, d 3);
tuple_inputs!(f64; 5; a 0, b 1, c 2, d 3, e 4);
tuple_inputs!(f64; 6; a 0, b 1, c 2, d 3, e 4, f 5);
tuple_inputs!(f32; 2; a 0, b 1);
tuple_inputs!(f32; 3; a 0, b 1, c 2);
tuple_inputs!(f32; 4; a 0, b 1, c 2, d 3);
tuple_inputs!(f32; 5; a 0, b 1, c 2, d 3, e 4);
tuple_inputs!(f32; 6; a 0, b 1, c 2, d 3, e 4, f 5);

/// Tuples of outputs, mapped element by element.
macro_rules! tuple_outputs {
    ($($d:ident $i:tt),+) => {
        impl<D> Outputs<D> for ($(tuple_outputs!(@d $d),)+) {
            type Map<G> = ($(tuple_outputs!(@g $d),)+);
            fn map_outputs<G>(self, mut f: impl FnMut(D) -> G) -> Self::Map<G> {
                ($(f(self.$i),)+)
            }
        }
    };
    (@d $d:ident) => { D };
    (@g $d:ident) => { G };
}

tuple_outputs!(a 0, b 1);
tuple_outputs!(a 0, b 1, c 2);
tuple_outputs!(a 0, b 1, c 2, d 3);
tuple_outputs!(a 0, b 1, c 2, d 3, e 4);
tuple_outputs!(a 0, b 1, c 2, d 3, e 4, f 5);
