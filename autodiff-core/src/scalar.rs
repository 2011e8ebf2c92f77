//! [`Scalar`]: the one bound generic numeric code writes.

use core::ops::{Add, AddAssign, Div, DivAssign, Mul, MulAssign, Rem, Sub, SubAssign};

use crate::Real;

/// The bound to write on generic numeric code: `fn f<T: Scalar>(x: T) -> T`.
///
/// A `Scalar` is a [`Real`] (so [`num_traits::Float`], `FloatConst` and the
/// extra functions such as [`erf`](Real::erf) and [`sigmoid`](Real::sigmoid))
/// that also does arithmetic with `f64` on the right: `x * 2.0`, `x + 1.0`,
/// `x % 2.0`, `x += 0.5`. Lift a constant with `T::cst(2.0)`; put it on the
/// left as `T::cst(2.0) * x`.
///
/// `f64` and every dual number type are `Scalar` (through a blanket
/// implementation: anything `Real` with those operators is). `f32` is only
/// `Real`, because the orphan rule forbids `f32 * f64`.
///
/// ```
/// use autodiff_core::{derivative, second_derivative, Scalar};
///
/// fn f<T: Scalar>(x: T) -> T {
///     (x * 3.0 + 2.0).powi(2)
/// }
///
/// assert_eq!(f(1.0), 25.0);
/// assert_eq!(derivative(f, 1.0), 30.0); // 6(3x + 2)
/// assert_eq!(second_derivative(f, 1.0), (25.0, 30.0, 18.0));
/// ```
pub trait Scalar:
    Real
    + Add<f64, Output = Self>
    + Sub<f64, Output = Self>
    + Mul<f64, Output = Self>
    + Div<f64, Output = Self>
    + Rem<f64, Output = Self>
    + AddAssign<f64>
    + SubAssign<f64>
    + MulAssign<f64>
    + DivAssign<f64>
{
}

impl<T> Scalar for T where
    T: Real
        + Add<f64, Output = T>
        + Sub<f64, Output = T>
        + Mul<f64, Output = T>
        + Div<f64, Output = T>
        + Rem<f64, Output = T>
        + AddAssign<f64>
        + SubAssign<f64>
        + MulAssign<f64>
        + DivAssign<f64>
{
}
