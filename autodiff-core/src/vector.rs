//! Drivers for functions of a fixed number of inputs, `[T; N]`: gradient,
//! Jacobian and Hessian in one pass each, and directional derivatives.
//!
//! For inputs whose length is known only at run time see
//! [`chunked`](crate::chunked).

use crate::{Dual, Dual2Vec, DualVec, Real};

/// Seeds input `i` of `x` as variable `i` of a vector number type, built in
/// place (`from_fn`) so the compiler writes each number once instead of
/// moving whole arrays around.
#[inline(always)]
fn seed<T: Copy, D, const N: usize>(x: [T; N], variable: impl Fn(T, usize) -> D) -> [D; N] {
    core::array::from_fn(|i| variable(x[i], i))
}

/// The value and gradient of f: ℝᴺ → ℝ, (f(x), ∇f(x)), in one pass.
///
/// ```
/// use autodiff_core::{gradient, Float};
///
/// let (f, g) = gradient(|v: [_; 2]| v[0] * v[1].sin(), [1.0, 2.0]);
/// assert_eq!(f, 2.0f64.sin());
/// assert_eq!(g, [2.0f64.sin(), 2.0f64.cos()]);
/// ```
///
/// A generic fn item works too:
///
/// ```
/// use autodiff_core::{gradient, Scalar};
///
/// fn rosenbrock<T: Scalar>(x: [T; 2]) -> T {
///     (T::cst(1.0) - x[0]).powi(2) + (x[1] - x[0] * x[0]).powi(2) * 100.0
/// }
/// assert_eq!(gradient(rosenbrock, [1.0, 1.0]), (0.0, [0.0, 0.0]));
/// assert_eq!(gradient(rosenbrock, [0.0, 0.0]).1, [-2.0, 0.0]);
/// ```
#[inline]
pub fn gradient<T: Real, const N: usize>(
    f: impl FnOnce([DualVec<T, N>; N]) -> DualVec<T, N>,
    x: [T; N],
) -> (T, [T; N]) {
    let y = f(seed(x, DualVec::variable));
    (y.re, y.eps)
}

/// The value and Jacobian of f: ℝᴺ → ℝᴹ, (f(x), J) with
/// `J[i][j]` = ∂fᵢ/∂xⱼ, in one pass.
///
/// ```
/// use autodiff_core::{jacobian, Float};
///
/// // polar to Cartesian: (r cos θ, r sin θ)
/// let (p, j) = jacobian(|v: [_; 2]| [v[0] * v[1].cos(), v[0] * v[1].sin()], [2.0, 0.0]);
/// assert_eq!(p, [2.0, 0.0]);
/// assert_eq!(j, [[1.0, -0.0], [0.0, 2.0]]);
/// ```
#[inline]
pub fn jacobian<T: Real, const N: usize, const M: usize>(
    f: impl FnOnce([DualVec<T, N>; N]) -> [DualVec<T, N>; M],
    x: [T; N],
) -> ([T; M], [[T; N]; M]) {
    let y = f(seed(x, DualVec::variable));
    (y.map(|yi| yi.re), y.map(|yi| yi.eps))
}

/// The value, gradient and Hessian of f: ℝᴺ → ℝ in one pass, with
/// [`Dual2Vec`] (each mixed second derivative computed once).
///
/// ```
/// use autodiff_core::{hessian, Scalar};
///
/// fn rosenbrock<T: Scalar>(x: [T; 2]) -> T {
///     (T::cst(1.0) - x[0]).powi(2) + (x[1] - x[0] * x[0]).powi(2) * 100.0
/// }
/// let (f, g, h) = hessian(rosenbrock, [1.0, 1.0]);
/// assert_eq!((f, g), (0.0, [0.0, 0.0]));
/// assert_eq!(h, [[802.0, -400.0], [-400.0, 200.0]]);
/// ```
#[inline]
pub fn hessian<T: Real, const N: usize>(
    f: impl FnOnce([Dual2Vec<T, N>; N]) -> Dual2Vec<T, N>,
    x: [T; N],
) -> (T, [T; N], [[T; N]; N]) {
    let y = f(seed(x, Dual2Vec::variable));
    (y.re, y.grad, y.hessian())
}

/// The value and directional derivative of f: ℝᴺ → ℝ at `x` along `v`,
/// (f(x), ∇f(x)·v), in one pass with plain [`Dual`]s: the cost of two
/// function evaluations, whatever N is.
///
/// ```
/// use autodiff_core::jvp;
///
/// // f = x² + 3y: ∇f = (2x, 3), along (1, 1) at (2, 0): 4 + 3
/// let (f, d) = jvp(|v: [_; 2]| v[0] * v[0] + v[1] * 3.0, [2.0, 0.0], [1.0, 1.0]);
/// assert_eq!((f, d), (4.0, 7.0));
/// ```
#[inline]
pub fn jvp<T: Real, const N: usize>(
    f: impl FnOnce([Dual<T>; N]) -> Dual<T>,
    x: [T; N],
    v: [T; N],
) -> (T, T) {
    let y = f(core::array::from_fn(|i| Dual::new(x[i], v[i])));
    (y.re, y.eps)
}

/// The value, gradient and Hessian-vector product H(x)·v of f: ℝᴺ → ℝ, in
/// one pass and without forming the Hessian: forward over forward, each
/// input a [`DualVec`] (for the gradient) of [`Dual`]s (for the direction
/// `v`), so the work grows as N, not N².
///
/// ```
/// use autodiff_core::hvp;
///
/// // f = x²y: H = [[2y, 2x], [2x, 0]]; at (1, 3) along (1, 2): (6 + 4, 2)
/// let (f, g, hv) = hvp(|v: [_; 2]| v[0] * v[0] * v[1], [1.0, 3.0], [1.0, 2.0]);
/// assert_eq!((f, g, hv), (3.0, [6.0, 1.0], [10.0, 2.0]));
/// ```
#[inline]
pub fn hvp<T: Real, const N: usize>(
    f: impl FnOnce([DualVec<Dual<T>, N>; N]) -> DualVec<Dual<T>, N>,
    x: [T; N],
    v: [T; N],
) -> (T, [T; N], [T; N]) {
    let inputs = core::array::from_fn(|i| DualVec::variable(Dual::new(x[i], v[i]), i));
    let y = f(inputs);
    (y.re.re, y.eps.map(|e| e.re), y.eps.map(|e| e.eps))
}
