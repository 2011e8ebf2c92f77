//! Driver functions: seed the right dual number, call `f`, read the
//! derivatives off the result.
//!
//! Each takes `f` as any closure or generic fn item over the dual type, so
//! closure parameter types are inferred: `derivative(|x| x.sqrt(), 4.0)`.

use crate::{Dual, Dual2, HyperDual, Real};

/// The derivative f'(x).
///
/// ```
/// use autodiff_core::{derivative, Float, Scalar};
///
/// assert_eq!(derivative(|x| x * x, 3.0), 6.0);
/// assert_eq!(derivative(|x| x.sqrt(), 4.0), 0.25);
///
/// fn g<T: Scalar>(x: T) -> T {
///     (x * 3.0 + 2.0).powi(2)
/// }
/// assert_eq!(derivative(g, 1.0), 30.0);
/// ```
///
/// Nested calls differentiate different variables and never mix them up:
/// d/dx [x · d/dy (x + y)] = d/dx [x · 1] = 1.
///
/// ```
/// use autodiff_core::{derivative, Dual};
///
/// let d = derivative(|x| x * derivative(|y| Dual::from(x) + y, x), 1.0);
/// assert_eq!(d, 1.0);
/// ```
#[inline]
pub fn derivative<T: Real>(f: impl FnOnce(Dual<T>) -> Dual<T>, x: T) -> T {
    f(Dual::variable(x)).eps
}

/// The value and derivative, (f(x), f'(x)), from one evaluation.
///
/// ```
/// use autodiff_core::{value_and_derivative, Float};
///
/// let (y, dy) = value_and_derivative(|x| x.sin() * x.exp(), 0.0);
/// assert_eq!((y, dy), (0.0, 1.0));
/// ```
#[inline]
pub fn value_and_derivative<T: Real>(f: impl FnOnce(Dual<T>) -> Dual<T>, x: T) -> (T, T) {
    let y = f(Dual::variable(x));
    (y.re, y.eps)
}

/// The value, first and second derivative, (f(x), f'(x), f''(x)), from one
/// evaluation with a [`Dual2`].
///
/// ```
/// use autodiff_core::{second_derivative, Float};
///
/// // x³ at 2: 8, 3x² = 12, 6x = 12
/// assert_eq!(second_derivative(|x| x.powi(3), 2.0), (8.0, 12.0, 12.0));
/// ```
#[inline]
pub fn second_derivative<T: Real>(f: impl FnOnce(Dual2<T>) -> Dual2<T>, x: T) -> (T, T, T) {
    let y = f(Dual2::variable(x));
    (y.re, y.v1, y.v2)
}

/// The value, both first partials and the mixed second partial of f(x, y):
/// (f, ∂f/∂x, ∂f/∂y, ∂²f/∂x∂y), from one evaluation with [`HyperDual`]s.
///
/// ```
/// use autodiff_core::{second_partial_derivative, Float};
///
/// // f = x e^y at (1, 0): f = 1, fx = e^y = 1, fy = x e^y = 1, fxy = e^y = 1
/// let r = second_partial_derivative(|x, y| x * y.exp(), (1.0, 0.0));
/// assert_eq!(r, (1.0, 1.0, 1.0, 1.0));
/// ```
#[inline]
pub fn second_partial_derivative<T: Real>(
    f: impl FnOnce(HyperDual<T>, HyperDual<T>) -> HyperDual<T>,
    (x, y): (T, T),
) -> (T, T, T, T) {
    let z = T::zero();
    let r = f(HyperDual::new(x, T::one(), z, z), HyperDual::new(y, z, T::one(), z));
    (r.re, r.eps1, r.eps2, r.eps1eps2)
}
