//! How each input shape is differentiated: the impls behind
//! [`Grad`](crate::Grad), [`ValueAndGrad`](crate::ValueAndGrad),
//! [`Hessian`](crate::Hessian) and [`Jacobian`](crate::Jacobian), one per
//! input shape (scalar, array, matrix, slice, `Vec`, tuple, parameter
//! struct).
//!
//! The public traits are implemented for every type and their methods
//! require these, so that `.grad(x)` always resolves as a method, and a
//! function or input it cannot take gets the error messages below, not
//! "no method named `grad`".

use crate::chunked::CHUNK;
use crate::methods::Outputs;
use crate::{
    gradient, gradient_params, gradient_slice, hessian, hessian_reverse, jacobian_reverse,
    Differentiable, Dual, Dual2, Dual2Vec, DualVec, Real, Var,
};

/// One of the traits below: its own message, label and notes, then the
/// notes every method shares (on_unimplemented takes only literals, so
/// they are written once here).
macro_rules! shape_trait {
    (message = $message:literal, label = $label:literal, $(note = $note:literal),+; $item:item) => {
        #[diagnostic::on_unimplemented(
            message = $message,
            label = $label,
            $(note = $note,)+
            note = "a plain f64 fn has no derivative: mark it #[differentiable] (or write it generically over `T: Scalar`)",
            note = "#[constant] parameters stay out of x: differentiate a closure, `(|x| f(x, k)).grad(x0)`; a closure over a slice or a struct writes its parameter as a reference, `(|w: &_| loss(w, &data)).grad(&w0[..])`, because Rust cannot infer a closure over any borrow otherwise",
            note = "the methods take f64 inputs (so `f.grad(1.5)` needs no suffix); differentiate an f32 fn with the drivers: `derivative(f, 2.0f32)`, `gradient(f, x)`, `hessian(f, x)`, `gradient_slice(f, &x)`"
        )]
        $item
    };
}

shape_trait! {
    message = "`.grad(x)` cannot differentiate `{Self}` at this `x`",
    label = "no gradient for this function and input",
    note = "x must match the function's parameters: an f64 for `fn(f64) -> f64`, a tuple `(x, y)` for `fn(f64, f64) -> f64`, an array for `fn([f64; N]) -> f64`, a slice for `fn(&[f64]) -> f64`",
    note = "the function must return one f64: for an array, tuple or Vec of outputs use `.jacobian(x)`";
    /// The gradient of a function with one output at an input of shape `X`.
    pub trait GradAt<X> {
        /// The gradient, shaped like `x`.
        type Output;
        /// The gradient.
        fn shaped_gradient(&self, x: X) -> Self::Output;
    }
}

shape_trait! {
    message = "`.value_and_grad(x)` cannot differentiate `{Self}` at this `x`",
    label = "no gradient for this function and input",
    note = "x must match the function's parameters: an f64, a tuple, an array [f64; N] or a slice; the function must return one f64 (for several outputs use `.jacobian(x)`)";
    /// The value and gradient at an input of shape `X`.
    pub trait ValueAndGradAt<X> {
        /// The value.
        type Value;
        /// The gradient, shaped like `x`.
        type Gradient;
        /// `(f(x), ∇f(x))`.
        fn shaped_value_and_gradient(&self, x: X) -> (Self::Value, Self::Gradient);
    }
}

shape_trait! {
    message = "`.hessian(x)` cannot differentiate `{Self}` at this `x`",
    label = "no Hessian for this function and input",
    note = "x must match the function's parameters: an f64, a tuple, an array [f64; N] or a slice; the function must return one f64 (for several outputs use `.jacobian(x)`)";
    /// The Hessian at an input of shape `X`.
    pub trait HessianAt<X> {
        /// The second derivative or Hessian.
        type Output;
        /// The Hessian.
        fn shaped_hessian(&self, x: X) -> Self::Output;
    }
}

shape_trait! {
    message = "`.jacobian(x)` cannot differentiate `{Self}` at this `x`",
    label = "no Jacobian for this function and input",
    note = "x must match the function's parameters (an f64, a tuple, an array or a slice) and the function must return an array `[f64; M]`, a tuple of f64s or a `Vec<f64>`";
    /// The Jacobian at an input of shape `X`.
    pub trait JacobianAt<X> {
        /// One row per output.
        type Output;
        /// The Jacobian.
        fn shaped_jacobian(&self, x: X) -> Self::Output;
    }
}

// --- scalar input ---------------------------------------------------------------

impl<F: Fn(Dual<f64>) -> Dual<f64>> GradAt<f64> for F {
    type Output = f64;
    fn shaped_gradient(&self, x: f64) -> f64 {
        self(Dual::variable(x)).eps
    }
}

impl<F: Fn(Dual<f64>) -> Dual<f64>> ValueAndGradAt<f64> for F {
    type Value = f64;
    type Gradient = f64;
    fn shaped_value_and_gradient(&self, x: f64) -> (f64, f64) {
        let y = self(Dual::variable(x));
        (y.re, y.eps)
    }
}

impl<F: Fn(Dual2<f64>) -> Dual2<f64>> HessianAt<f64> for F {
    type Output = f64;
    fn shaped_hessian(&self, x: f64) -> f64 {
        self(Dual2::variable(x)).v2
    }
}

impl<F, O> JacobianAt<f64> for F
where
    F: Fn(Dual<f64>) -> O,
    O: Outputs<Dual<f64>>,
{
    type Output = O::Map<f64>;
    fn shaped_jacobian(&self, x: f64) -> O::Map<f64> {
        self(Dual::variable(x)).map_outputs(|y| y.eps)
    }
}

// --- array input ------------------------------------------------------------------

impl<F: Fn([DualVec<f64, N>; N]) -> DualVec<f64, N>, const N: usize> GradAt<[f64; N]> for F {
    type Output = [f64; N];
    fn shaped_gradient(&self, x: [f64; N]) -> [f64; N] {
        gradient(self, x).1
    }
}

impl<F: Fn([DualVec<f64, N>; N]) -> DualVec<f64, N>, const N: usize> ValueAndGradAt<[f64; N]>
    for F
{
    type Value = f64;
    type Gradient = [f64; N];
    fn shaped_value_and_gradient(&self, x: [f64; N]) -> (f64, [f64; N]) {
        gradient(self, x)
    }
}

impl<F: Fn([Dual2Vec<f64, N>; N]) -> Dual2Vec<f64, N>, const N: usize> HessianAt<[f64; N]> for F {
    type Output = [[f64; N]; N];
    fn shaped_hessian(&self, x: [f64; N]) -> [[f64; N]; N] {
        hessian(self, x).2
    }
}

impl<F, O, const N: usize> JacobianAt<[f64; N]> for F
where
    F: Fn([DualVec<f64, N>; N]) -> O,
    O: Outputs<DualVec<f64, N>>,
{
    type Output = O::Map<[f64; N]>;
    fn shaped_jacobian(&self, x: [f64; N]) -> O::Map<[f64; N]> {
        let seeded = core::array::from_fn(|i| DualVec::variable(x[i], i));
        self(seeded).map_outputs(|y| y.eps)
    }
}

// --- slice input ----------------------------------------------------------------------

impl<F: Fn(&[Var<f64>]) -> Var<f64>> GradAt<&[f64]> for F {
    type Output = Vec<f64>;
    fn shaped_gradient(&self, x: &[f64]) -> Vec<f64> {
        gradient_slice(self, x).1
    }
}

impl<F: Fn(&[Var<f64>]) -> Var<f64>> GradAt<&Vec<f64>> for F {
    type Output = Vec<f64>;
    fn shaped_gradient(&self, x: &Vec<f64>) -> Vec<f64> {
        gradient_slice(self, x).1
    }
}

impl<F: Fn(Vec<Var<f64>>) -> Var<f64>> GradAt<Vec<f64>> for F {
    type Output = Vec<f64>;
    fn shaped_gradient(&self, x: Vec<f64>) -> Vec<f64> {
        gradient_slice(|v: &[Var<f64>]| self(v.to_vec()), &x).1
    }
}

impl<F: Fn(&[Var<f64>]) -> Var<f64>> ValueAndGradAt<&[f64]> for F {
    type Value = f64;
    type Gradient = Vec<f64>;
    fn shaped_value_and_gradient(&self, x: &[f64]) -> (f64, Vec<f64>) {
        gradient_slice(self, x)
    }
}

impl<F: Fn(&[Var<DualVec<f64, CHUNK>>]) -> Var<DualVec<f64, CHUNK>>> HessianAt<&[f64]> for F {
    type Output = Vec<Vec<f64>>;
    fn shaped_hessian(&self, x: &[f64]) -> Vec<Vec<f64>> {
        hessian_reverse(self, x).2
    }
}

impl<F, O> JacobianAt<&[f64]> for F
where
    F: Fn(&[Var<f64>]) -> O,
    O: Outputs<Var<f64>>,
{
    type Output = O::Map<Vec<f64>>;
    /// One row per output (a `Vec`, an array or a tuple of them), each a
    /// `Vec<f64>` over the inputs, from one recording
    /// ([`jacobian_reverse`](crate::jacobian_reverse)).
    fn shaped_jacobian(&self, x: &[f64]) -> O::Map<Vec<f64>> {
        O::from_rows(jacobian_reverse(|v| self(v).into_vec(), x).1)
    }
}

// --- nested array input (a matrix) --------------------------------------------------

/// The value and the gradient with respect to an `M×N` matrix `x`, in
/// passes of [`CHUNK`] lanes over its entries in row-major order.
fn matrix_gradient<F, const N: usize, const M: usize>(
    f: &F,
    x: [[f64; N]; M],
) -> (f64, [[f64; N]; M])
where
    F: Fn([[DualVec<f64, CHUNK>; N]; M]) -> DualVec<f64, CHUNK>,
{
    let mut g = [[0.0; N]; M];
    let mut start = 0;
    loop {
        let seeded = core::array::from_fn(|i| {
            core::array::from_fn(|j| match (i * N + j).checked_sub(start) {
                Some(lane) if lane < CHUNK => DualVec::variable(x[i][j], lane),
                _ => DualVec::constant(x[i][j]),
            })
        });
        let y = f(seeded);
        for (lane, k) in (start..(start + CHUNK).min(N * M)).enumerate() {
            g[k / N][k % N] = y.eps[lane];
        }
        start += CHUNK;
        if start >= N * M {
            return (y.re, g);
        }
    }
}

impl<F, const N: usize, const M: usize> GradAt<[[f64; N]; M]> for F
where
    F: Fn([[DualVec<f64, CHUNK>; N]; M]) -> DualVec<f64, CHUNK>,
{
    type Output = [[f64; N]; M];
    fn shaped_gradient(&self, x: [[f64; N]; M]) -> [[f64; N]; M] {
        matrix_gradient(self, x).1
    }
}

impl<F, const N: usize, const M: usize> ValueAndGradAt<[[f64; N]; M]> for F
where
    F: Fn([[DualVec<f64, CHUNK>; N]; M]) -> DualVec<f64, CHUNK>,
{
    type Value = f64;
    type Gradient = [[f64; N]; M];
    fn shaped_value_and_gradient(&self, x: [[f64; N]; M]) -> (f64, [[f64; N]; M]) {
        matrix_gradient(self, x)
    }
}

// --- a struct of parameters -------------------------------------------------------------

impl<'p, F, P, T> GradAt<&'p P> for F
where
    T: Real,
    P: Differentiable<Scalar = T>,
    F: Fn(&P::With<Var<T>>) -> Var<T>,
{
    type Output = P::With<T>;
    fn shaped_gradient(&self, p: &'p P) -> P::With<T> {
        gradient_params(self, p).1
    }
}

impl<'p, F, P, T> ValueAndGradAt<&'p P> for F
where
    T: Real,
    P: Differentiable<Scalar = T>,
    F: Fn(&P::With<Var<T>>) -> Var<T>,
{
    type Value = T;
    type Gradient = P::With<T>;
    fn shaped_value_and_gradient(&self, p: &'p P) -> (T, P::With<T>) {
        gradient_params(self, p)
    }
}

// --- tuple inputs: one scalar parameter each ----------------------------------------------

/// Implements the traits for functions of K scalar parameters, called with
/// a K-tuple, through one pass of `DualVec<f64, K>`.
macro_rules! tuple_inputs {
    ($k:literal; $($x:ident $i:tt),+) => {
        impl<F> GradAt<($(tuple_inputs!(@f64 $x),)+)> for F
        where
            F: Fn($(tuple_inputs!(@dual $x $k)),+) -> DualVec<f64, $k>,
        {
            type Output = ($(tuple_inputs!(@f64 $x),)+);
            fn shaped_gradient(&self, x: ($(tuple_inputs!(@f64 $x),)+)) -> Self::Output {
                let y = self($(DualVec::variable(x.$i, $i)),+);
                ($(y.eps[$i],)+)
            }
        }

        impl<F> ValueAndGradAt<($(tuple_inputs!(@f64 $x),)+)> for F
        where
            F: Fn($(tuple_inputs!(@dual $x $k)),+) -> DualVec<f64, $k>,
        {
            type Value = f64;
            type Gradient = ($(tuple_inputs!(@f64 $x),)+);
            fn shaped_value_and_gradient(&self, x: ($(tuple_inputs!(@f64 $x),)+)) -> (f64, Self::Gradient) {
                let y = self($(DualVec::variable(x.$i, $i)),+);
                (y.re, ($(y.eps[$i],)+))
            }
        }

        impl<F> HessianAt<($(tuple_inputs!(@f64 $x),)+)> for F
        where
            F: Fn($(tuple_inputs!(@dual2 $x $k)),+) -> Dual2Vec<f64, $k>,
        {
            type Output = [[f64; $k]; $k];
            fn shaped_hessian(&self, x: ($(tuple_inputs!(@f64 $x),)+)) -> Self::Output {
                self($(Dual2Vec::variable(x.$i, $i)),+).hessian()
            }
        }

        impl<F, O> JacobianAt<($(tuple_inputs!(@f64 $x),)+)> for F
        where
            F: Fn($(tuple_inputs!(@dual $x $k)),+) -> O,
            O: Outputs<DualVec<f64, $k>>,
        {
            type Output = O::Map<($(tuple_inputs!(@f64 $x),)+)>;
            fn shaped_jacobian(&self, x: ($(tuple_inputs!(@f64 $x),)+)) -> Self::Output {
                self($(DualVec::variable(x.$i, $i)),+).map_outputs(|y| ($(y.eps[$i],)+))
            }
        }
    };
    (@f64 $x:ident) => { f64 };
    (@dual $x:ident $k:literal) => { DualVec<f64, $k> };
    (@dual2 $x:ident $k:literal) => { Dual2Vec<f64, $k> };
}

tuple_inputs!(2; a 0, b 1);
tuple_inputs!(3; a 0, b 1, c 2);
tuple_inputs!(4; a 0, b 1, c 2, d 3);
tuple_inputs!(5; a 0, b 1, c 2, d 3, e 4);
tuple_inputs!(6; a 0, b 1, c 2, d 3, e 4, f 5);

#[cfg(feature = "nalgebra")]
pub use crate::integrations::nalgebra::VectorOutput;
