//! [`Scalar`]: the one bound generic numeric code writes.

use core::ops::{Add, AddAssign, Div, DivAssign, Mul, MulAssign, Neg, Rem, Sub, SubAssign};

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

/// Arithmetic with `f64` on the **left** of a scalar `T`: `2.0 * x`,
/// `k - x`, for `k: f64`.
///
/// Every number type of this crate has it, but Rust cannot make it part of
/// [`Scalar`] (a trait cannot promise impls on `f64`). `#[differentiable]`
/// fns carry it as a bound, `where f64: F64Ops<T>`, so that inside them a
/// `#[constant]` parameter, a struct field or a plain function's result can
/// stand on the left of a differentiated value. Hand-written generic code
/// that calls a `#[differentiable]` fn states the same bound:
///
/// ```
/// use autodiff_core::{derivative, F64Ops, Scalar};
///
/// fn scaled<T: Scalar>(k: f64, x: T) -> T
/// where
///     f64: F64Ops<T>,
/// {
///     k * x - 1.0
/// }
/// assert_eq!(derivative(|x| scaled(3.0, x), 2.0), 3.0);
/// ```
#[diagnostic::on_unimplemented(
    message = "`f64` cannot be combined with `{T}` on its left",
    label = "needs `f64: F64Ops<{T}>`",
    note = "#[differentiable] fns require `f64: F64Ops<T>` so that f64 values can stand on the left of differentiated ones; add `where f64: autodiff::F64Ops<{T}>` to the calling generic fn (every number type of autodiff satisfies it)"
)]
pub trait F64Ops<T>:
    Add<T, Output = T> + Sub<T, Output = T> + Mul<T, Output = T> + Div<T, Output = T>
{
}

impl<T> F64Ops<T> for f64 where
    f64: Add<T, Output = T> + Sub<T, Output = T> + Mul<T, Output = T> + Div<T, Output = T>
{
}

/// Arithmetic on **references** to a scalar: `&a * &b`, `&a + b`, `-&a`,
/// as `f64` has (so `xs.iter().map(|x| x * x)` works).
///
/// Implemented for `&T` of every number type of this crate; like
/// [`F64Ops`] it cannot be part of [`Scalar`], so `#[differentiable]` fns
/// carry it as a bound, `for<'r> &'r T: RefOps<T>`, which hand-written
/// generic code calling them states too:
///
/// ```
/// use autodiff_core::{derivative, RefOps, Scalar};
///
/// fn sum_of_squares<T: Scalar>(xs: &[T]) -> T
/// where
///     for<'r> &'r T: RefOps<T>,
/// {
///     xs.iter().map(|x| x * x).sum()
/// }
/// assert_eq!(derivative(|x| sum_of_squares(&[x, x]), 3.0), 12.0);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` does not support arithmetic on references",
    note = "#[differentiable] fns require `for<'r> &'r T: RefOps<T>`; add it to the calling generic fn (every number type of autodiff satisfies it)"
)]
pub trait RefOps<T>:
    Sized
    + Add<Self, Output = T>
    + Add<T, Output = T>
    + Sub<Self, Output = T>
    + Sub<T, Output = T>
    + Mul<Self, Output = T>
    + Mul<T, Output = T>
    + Div<Self, Output = T>
    + Div<T, Output = T>
    + Neg<Output = T>
{
}

impl<'a, T> RefOps<T> for &'a T where
    &'a T: Add<&'a T, Output = T>
        + Add<T, Output = T>
        + Sub<&'a T, Output = T>
        + Sub<T, Output = T>
        + Mul<&'a T, Output = T>
        + Mul<T, Output = T>
        + Div<&'a T, Output = T>
        + Div<T, Output = T>
        + Neg<Output = T>
{
}
