//! The elementary functions whose method names nalgebra's `RealField`
//! shares with `num_traits::Float` (`sin`, `abs`, `max`, ...), as free
//! functions: in a `#[differentiable]` fn whose scalar is also a
//! `RealField` (one that factorises a matrix), `x.sin()` would be
//! ambiguous, so the macro writes `shared::sin(x)`, which takes every
//! receiver such a call has in ordinary code: a number type, `f64` or
//! `f32` (and references to them), an integer for `max`, `min`, `clamp`,
//! `abs` and `signum`, and, with the `nalgebra` feature, a matrix for
//! `abs`.
//!
//! One trait and one function per method: `trait sin` (a type) and
//! `fn sin` (a value) share the name, so the macro writes only the
//! method's name. Each number type implements the traits next to its other
//! impls (the `impl_integrations!` macro of `integrations`).

// The traits are named as the methods they stand for, which take `self` as
// `Float`'s do.
#![allow(non_camel_case_types, clippy::wrong_self_convention)]

/// Invokes [`shared!`] with `$mode` and the list of shared names, their
/// arguments (`A`, `B`: the scalar; `I`: an `i32`) and results (`T`: the
/// scalar; `pair`: two of them).
macro_rules! with_names {
    ($($mode:tt)*) => {
        $crate::__private::shared::shared!($($mode)*;
            floor() -> T; ceil() -> T; round() -> T; trunc() -> T; fract() -> T;
            abs() -> T; signum() -> T; recip() -> T; sqrt() -> T; cbrt() -> T;
            exp() -> T; exp2() -> T; exp_m1() -> T; ln() -> T; ln_1p() -> T;
            log2() -> T; log10() -> T; sin() -> T; cos() -> T; tan() -> T;
            asin() -> T; acos() -> T; atan() -> T; sin_cos() -> pair;
            sinh() -> T; cosh() -> T; tanh() -> T; asinh() -> T; acosh() -> T; atanh() -> T;
            is_finite() -> bool; is_sign_positive() -> bool; is_sign_negative() -> bool;
            powi(n: I) -> T; powf(n: A) -> T; log(base: A) -> T; hypot(other: A) -> T;
            copysign(sign: A) -> T; max(other: A) -> T; min(other: A) -> T;
            atan2(other: A) -> T; abs_sub(other: A) -> T;
            mul_add(a: A, b: B) -> T; clamp(lo: A, hi: B) -> T;
        );
    };
}
pub(crate) use with_names;

/// The traits and functions (`@traits`), or one type's impls
/// (`@impls [generics] Type`), from [`with_names!`]'s list.
macro_rules! shared {
    (@traits; $($name:ident($($arg:ident: $ty:ident),*) -> $ret:ident;)*) => {$(
        /// The receivers of this method (see the module documentation).
        pub trait $name<$($ty),*> {
            /// The method's result.
            type Output;
            /// The method.
            fn $name(self, $($arg: $ty),*) -> Self::Output;
        }

        /// `receiver.method(args)`, unambiguously.
        #[inline(always)]
        pub fn $name<X: $name<$($ty),*>, $($ty),*>(receiver: X, $($arg: $ty),*) -> X::Output {
            receiver.$name($($arg),*)
        }

        /// A reference receiver (`|x: &T| x.sin()`), by its value.
        impl<X: $name<$($ty),*> + Clone, $($ty),*> $name<$($ty),*> for &X {
            type Output = X::Output;
            #[inline(always)]
            fn $name(self, $($arg: $ty),*) -> X::Output {
                <X as $name<$($ty),*>>::$name(self.clone(), $($arg),*)
            }
        }
    )*};

    (@receiver; $($name:ident($($arg:ident: $ty:ident),*) -> $ret:ident;)*) => {
        /// Every shared name, with the scalar's arguments and results: the
        /// bound `#[differentiable]` puts on its scalar where it rewrites
        /// the calls.
        pub trait Receiver: Sized $(+ $name<$($crate::__private::shared::shared!(@arg $ty),)* Output = $crate::__private::shared::shared!(@ret $ret)>)* {}

        impl<X> Receiver for X where X: Sized $(+ $name<$($crate::__private::shared::shared!(@arg $ty),)* Output = $crate::__private::shared::shared!(@ret $ret)>)* {}
    };

    (@impls $g:tt $type:ty; $($name:ident $args:tt -> $ret:ident;)*) => {$(
        $crate::__private::shared::shared!(@impl $g $type; $name $args -> $ret);
    )*};

    (@impl [$($g:tt)*] $type:ty; $name:ident($($arg:ident: $ty:ident),*) -> $ret:ident) => {
        impl<$($g)*> $crate::__private::shared::$name<$($crate::__private::shared::shared!(@arg $ty)),*> for $type {
            type Output = $crate::__private::shared::shared!(@ret $ret);
            #[inline(always)]
            #[allow(deprecated)] // abs_sub
            fn $name(self, $($arg: $crate::__private::shared::shared!(@arg $ty)),*) -> Self::Output {
                <Self as ::num_traits::Float>::$name(self, $($arg),*)
            }
        }
    };

    (@arg A) => { Self };
    (@arg B) => { Self };
    (@arg I) => { i32 };
    (@ret T) => { Self };
    (@ret bool) => { bool };
    (@ret pair) => { (Self, Self) };
}
pub(crate) use shared;

with_names!(@traits);
with_names!(@receiver);
with_names!(@impls [] f64);
with_names!(@impls [] f32);

/// The integer receivers of the shared names: `n.max(1)`, `i.abs()`.
macro_rules! integers {
    ($($int:ty),*) => {$(
        impl max<$int> for $int {
            type Output = $int;
            #[inline(always)]
            fn max(self, other: $int) -> $int {
                Ord::max(self, other)
            }
        }
        impl min<$int> for $int {
            type Output = $int;
            #[inline(always)]
            fn min(self, other: $int) -> $int {
                Ord::min(self, other)
            }
        }
        impl clamp<$int, $int> for $int {
            type Output = $int;
            #[inline(always)]
            fn clamp(self, lo: $int, hi: $int) -> $int {
                Ord::clamp(self, lo, hi)
            }
        }
    )*};
    (@signed $($int:ty),*) => {$(
        impl abs for $int {
            type Output = $int;
            #[inline(always)]
            fn abs(self) -> $int {
                <$int>::abs(self)
            }
        }
        impl signum for $int {
            type Output = $int;
            #[inline(always)]
            fn signum(self) -> $int {
                <$int>::signum(self)
            }
        }
    )*};
}

integers!(u8, u16, u32, u64, u128, usize, i8, i16, i32, i64, i128, isize);
integers!(@signed i8, i16, i32, i64, i128, isize);

/// `m.abs()` on a nalgebra matrix: the entries' absolute values.
#[cfg(feature = "nalgebra")]
impl<T, R, C, S> abs for nalgebra::Matrix<T, R, C, S>
where
    T: nalgebra::Scalar + num_traits::Signed,
    R: nalgebra::Dim,
    C: nalgebra::Dim,
    S: nalgebra::Storage<T, R, C>,
    nalgebra::DefaultAllocator: nalgebra::allocator::Allocator<R, C>,
{
    type Output = nalgebra::OMatrix<T, R, C>;
    #[inline(always)]
    fn abs(self) -> Self::Output {
        nalgebra::Matrix::abs(&self)
    }
}
