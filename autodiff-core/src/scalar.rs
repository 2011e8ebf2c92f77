//! [`Scalar`]: the one bound generic numeric code writes; and the three
//! bounds that `#[differentiable]` fns add for what Rust cannot make part
//! of it (a trait can only promise what its own type does, not what `f64`,
//! `&f64` or `&T` do beside it).

use core::iter::{Product, Sum};
use core::ops::{
    Add, AddAssign, Div, DivAssign, Mul, MulAssign, Neg, Rem, RemAssign, Sub, SubAssign,
};

use crate::Real;

/// A trait that is its list of bounds, written once: declared with them as
/// supertraits and implemented for every type that has them.
macro_rules! bounds_alias {
    ($(#[$attr:meta])* pub trait $name:ident $(<$t:ident>)?: $($bound:tt)+) => {
        $(#[$attr])*
        pub trait $name $(<$t>)?: $($bound)+ {}

        impl<X, $($t)?> $name $(<$t>)? for X where X: $($bound)+ {}
    }
}

bounds_alias! {
    /// The bound to write on generic numeric code: `fn f<T: Scalar>(x: T) -> T`.
    ///
    /// A `Scalar` is a [`Real`] (so [`num_traits::Float`], `FloatConst`, the
    /// extra functions such as [`erf`](Real::erf) and [`sigmoid`](Real::sigmoid),
    /// sums over `&T`) that also does arithmetic with a `&T` on the right
    /// (`x * &y`, `acc += &y`) and arithmetic and comparisons with `f64` on the
    /// right: `x * 2.0`, `x + &k`, `x % 2.0`, `x += 0.5`, `x > 0.0`. A sum or
    /// product of `f64` data is one too (`let t: T = data.iter().sum()`), and
    /// so is `f64` data assigned through [`AssignFrom`]. Lift a constant with
    /// `T::cst(2.0)`; put it on the left as `T::cst(2.0) * x`.
    ///
    /// `f64` and every dual number type are `Scalar` (through a blanket
    /// implementation: anything `Real` with those operators is). `f32` is only
    /// `Real`, because the orphan rule forbids `f32 * f64`. With the
    /// `nalgebra` feature a `Scalar` is also nalgebra's `SimdRealField`
    /// (whose methods are all `simd_`-named), so generic code and
    /// `#[differentiable]` fns take `v.norm()`, `v.dot(&w)` and
    /// `Cholesky::new(m)` on vectors and matrices of it.
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
    ///
    /// // References on the right and sums over references come with it.
    /// fn dot<T: Scalar>(x: &[T], w: &[f64]) -> T {
    ///     x.iter().zip(w).fold(T::zero(), |acc, (xi, wi)| acc + *xi * wi)
    /// }
    /// assert_eq!(derivative(|x| dot(&[x, x], &[2.0, 3.0]), 1.0), 5.0);
    /// ```
    ///
    /// What a trait cannot promise is arithmetic with something *else* on the
    /// left of `T`: `k * x` for `k: f64`, `&x * y`, `&k * x`. Every number
    /// type has those too; generic code that needs them states [`F64Ops`],
    /// [`RefOps`] and [`LeftOps`], as `#[differentiable]` fns do.
    pub trait Scalar:
        Real
        + Add<f64, Output = Self>
        + Sub<f64, Output = Self>
        + Mul<f64, Output = Self>
        + Div<f64, Output = Self>
        + Rem<f64, Output = Self>
        + ByRefOps
        + for<'a> Add<&'a f64, Output = Self>
        + for<'a> Sub<&'a f64, Output = Self>
        + for<'a> Mul<&'a f64, Output = Self>
        + for<'a> Div<&'a f64, Output = Self>
        + for<'a> Rem<&'a f64, Output = Self>
        + AddAssign<f64>
        + SubAssign<f64>
        + MulAssign<f64>
        + DivAssign<f64>
        + RemAssign<f64>
        + for<'a> AddAssign<&'a f64>
        + for<'a> SubAssign<&'a f64>
        + for<'a> MulAssign<&'a f64>
        + for<'a> DivAssign<&'a f64>
        + for<'a> RemAssign<&'a f64>
        + PartialEq<f64>
        + PartialOrd<f64>
        + Sum<f64>
        + for<'a> Sum<&'a f64>
        + Product<f64>
        + for<'a> Product<&'a f64>
        + AssignFrom<f64>
        + crate::__private::LinearAlgebra
}

/// Assignment that lifts: `a.assign_from(b)` is `a = b`, and for a number
/// type of this crate `b` may also be `f64` data, lifted into a constant.
///
/// `#[differentiable]` writes `a = b` through it (for `b` a variable, a
/// field, an element or an arithmetic expression), so that `best = d` with
/// `best` a differentiated accumulator and `d: f64` data works, and so
/// that assigning a differentiated value to `f64` data is an error that
/// names the fix. Part of [`Scalar`].
///
/// ```
/// use autodiff_core::{AssignFrom, Dual64};
///
/// let mut best = Dual64::new(1.0, 1.0);
/// best.assign_from(2.5);
/// assert_eq!((best.re, best.eps), (2.5, 0.0));
/// let mut k = 1.0f64;
/// k.assign_from(3.0);
/// assert_eq!(k, 3.0);
/// ```
#[diagnostic::on_unimplemented(
    message = "cannot assign `{R}` to `{Self}`",
    note = "an f64 place (a #[constant] parameter's element, a struct field, f64 data) cannot hold a differentiated value: keep it in a differentiated local that starts from the data, `let mut acc = c[0];` (or `f64::from(v)` for any other start), and return or use that; to store only the value, write `.to_f64()` of it"
)]
pub trait AssignFrom<R> {
    /// `*self = r`, lifting `f64` data into a constant.
    fn assign_from(&mut self, r: R);
}

impl<T> AssignFrom<T> for T {
    #[inline(always)]
    fn assign_from(&mut self, r: T) {
        *self = r;
    }
}

bounds_alias! {
    /// Arithmetic with a reference to the same type on the right: `x * &y`,
    /// `acc += &y`, as `f64` has. Part of [`Scalar`]; an `f32`
    /// `#[differentiable]` fn carries it as `T: Real + ByRefOps`.
    ///
    /// ```
    /// use autodiff_core::{derivative, ByRefOps, Real};
    ///
    /// fn total<T: Real + ByRefOps>(xs: &[T]) -> T {
    ///     let mut acc = T::zero();
    ///     for x in xs {
    ///         acc += x;
    ///     }
    ///     acc * &acc
    /// }
    /// assert_eq!(derivative(|x| total(&[x, x]), 1.0), 8.0);
    /// ```
    pub trait ByRefOps:
        Sized
        + for<'a> Add<&'a Self, Output = Self>
        + for<'a> Sub<&'a Self, Output = Self>
        + for<'a> Mul<&'a Self, Output = Self>
        + for<'a> Div<&'a Self, Output = Self>
        + for<'a> Rem<&'a Self, Output = Self>
        + for<'a> AddAssign<&'a Self>
        + for<'a> SubAssign<&'a Self>
        + for<'a> MulAssign<&'a Self>
        + for<'a> DivAssign<&'a Self>
        + for<'a> RemAssign<&'a Self>
}

bounds_alias! {
    /// `f64` on the **left** of a scalar `T`: `2.0 * x`, `k - x`, `k * &x`,
    /// `k < x`, for `k: f64`.
    ///
    /// Every number type of this crate has it, but Rust cannot make it part of
    /// [`Scalar`] (a trait cannot promise impls on `f64`). `#[differentiable]`
    /// fns carry it as a bound, `where f64: F64Ops<T>`, so that inside them a
    /// `#[constant]` parameter, a struct field or a plain function's result can
    /// stand on the left of a differentiated value. Hand-written generic code
    /// that calls a `#[differentiable]` fn states the same bound (with
    /// [`RefOps`] and [`LeftOps`]):
    ///
    /// ```
    /// use autodiff_core::{derivative, F64Ops, Scalar};
    ///
    /// fn scaled<T: Scalar>(k: f64, x: T) -> T
    /// where
    ///     f64: F64Ops<T>,
    /// {
    ///     if k < x { k * x - 1.0 } else { x }
    /// }
    /// assert_eq!(derivative(|x| scaled(3.0, x), 5.0), 3.0);
    /// ```
    #[diagnostic::on_unimplemented(
        message = "`f64` cannot be combined with `{T}` on its left",
        label = "needs `f64: F64Ops<{T}>`",
        note = "#[differentiable] fns require `f64: F64Ops<T>`, `for<'r> &'r T: RefOps<T>` and `for<'r> &'r f64: LeftOps<T>`; add them to the calling generic fn's where-clause (every number type of autodiff satisfies them)"
    )]
    pub trait F64Ops<T>: LeftOps<T> + PartialEq<T> + PartialOrd<T>
}

bounds_alias! {
    /// Arithmetic with a `T` or a `&T` on the right, giving a `T`: what
    /// `f64`, `&f64` and `&T` values do on the left of a scalar `T` (`k * x`,
    /// `wi * xi` in `w.iter().zip(x)`, `&x * y`).
    ///
    /// `#[differentiable]` fns carry `for<'r> &'r f64: LeftOps<T>` (and
    /// `f64: F64Ops<T>` and `for<'r> &'r T: RefOps<T>`, which include it);
    /// hand-written generic code that calls them states it too:
    ///
    /// ```
    /// use autodiff_core::{derivative, LeftOps, Scalar};
    ///
    /// fn weighted<T: Scalar>(w: &[f64], x: &[T]) -> T
    /// where
    ///     for<'r> &'r f64: LeftOps<T>,
    /// {
    ///     w.iter().zip(x).map(|(wi, xi)| wi * xi).sum()
    /// }
    /// assert_eq!(derivative(|x| weighted(&[2.0, 3.0], &[x, x * x]), 1.0), 8.0);
    /// ```
    #[diagnostic::on_unimplemented(
        message = "`{Self}` cannot be combined with `{T}` on its left",
        note = "#[differentiable] fns require `for<'r> &'r f64: LeftOps<T>`; add it to the calling generic fn's where-clause (every number type of autodiff satisfies it)"
    )]
    pub trait LeftOps<T>:
        Sized
        + Add<T, Output = T>
        + Sub<T, Output = T>
        + Mul<T, Output = T>
        + Div<T, Output = T>
        + Rem<T, Output = T>
        + for<'b> Add<&'b T, Output = T>
        + for<'b> Sub<&'b T, Output = T>
        + for<'b> Mul<&'b T, Output = T>
        + for<'b> Div<&'b T, Output = T>
        + for<'b> Rem<&'b T, Output = T>
}

bounds_alias! {
    /// Arithmetic on **references** to a scalar: `&a * &b`, `&a + b`,
    /// `&a * 2.0`, `&a * &k`, `-&a`, as `f64` has (so
    /// `xs.iter().map(|x| x * x)` works).
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
        note = "#[differentiable] fns require `for<'r> &'r T: RefOps<T>`; add it to the calling generic fn's where-clause (every number type of autodiff satisfies it)"
    )]
    pub trait RefOps<T>:
        LeftOps<T>
        + Add<f64, Output = T>
        + Sub<f64, Output = T>
        + Mul<f64, Output = T>
        + Div<f64, Output = T>
        + Rem<f64, Output = T>
        + for<'b> Add<&'b f64, Output = T>
        + for<'b> Sub<&'b f64, Output = T>
        + for<'b> Mul<&'b f64, Output = T>
        + for<'b> Div<&'b f64, Output = T>
        + for<'b> Rem<&'b f64, Output = T>
        + Neg<Output = T>
}
