//! Every number type is a nalgebra [`RealField`] (and so
//! a [`ComplexField`]), so matrices of dual numbers factorise, invert and
//! solve, and generic code bound by `T: RealField` differentiates.
//!
//! Each method is the number type's own `Float` method (the same derivative
//! rules and edge conventions); comparisons and `approx` follow the crate's
//! conventions (the real part decides branches).
//!
//! [`RealField`]: ::nalgebra::RealField
//! [`ComplexField`]: ::nalgebra::ComplexField

/// `SimdValue`, `Field`, `SubsetOf`/`SupersetOf` (`f32`, `f64`, itself),
/// `ComplexField` and `RealField` for one number type, whatever its real
/// part `T: Real` (`f64`, `f32` or another number type: nesting works), so
/// that `Dual<T>` is a nalgebra field wherever `T` is a [`Real`](crate::Real).
macro_rules! impl_nalgebra {
    ([$($g:tt)*] $ty:ty) => {
        /// A number type is one lane: nalgebra's SIMD machinery sees a scalar.
        impl<$($g)*> ::nalgebra::SimdValue for $ty {
            const LANES: usize = 1;
            type Element = Self;
            type SimdBool = bool;
            #[inline(always)]
            fn splat(val: Self) -> Self {
                val
            }
            #[inline(always)]
            fn extract(&self, _: usize) -> Self {
                *self
            }
            #[inline(always)]
            unsafe fn extract_unchecked(&self, _: usize) -> Self {
                *self
            }
            #[inline(always)]
            fn replace(&mut self, _: usize, val: Self) {
                *self = val;
            }
            #[inline(always)]
            unsafe fn replace_unchecked(&mut self, _: usize, val: Self) {
                *self = val;
            }
            #[inline(always)]
            fn select(self, cond: bool, other: Self) -> Self {
                if cond {
                    self
                } else {
                    other
                }
            }
        }

        impl<$($g)*> ::nalgebra::Field for $ty {}

        impl<$($g)*> ::simba::scalar::SubsetOf<$ty> for $ty {
            #[inline(always)]
            fn to_superset(&self) -> Self {
                *self
            }
            #[inline(always)]
            fn from_superset_unchecked(element: &Self) -> Self {
                *element
            }
            #[inline(always)]
            fn is_in_subset(_: &Self) -> bool {
                true
            }
        }

        $crate::integrations::nalgebra::impl_nalgebra!(@subset f64 [$($g)*] $ty);
        $crate::integrations::nalgebra::impl_nalgebra!(@subset f32 [$($g)*] $ty);

        impl<$($g)*> ::nalgebra::ComplexField for $ty {
            type RealField = Self;

            $crate::integrations::nalgebra::impl_nalgebra!(@forward
                floor() ceil() round() trunc() fract() abs() signum() recip() sqrt() exp()
                exp2() exp_m1() ln_1p() ln() log2() log10() cbrt() sin() cos() tan() asin()
                acos() atan() sinh() cosh() tanh() asinh() acosh() atanh() powf(n: Self)
                log(base: Self) hypot(other: Self) mul_add(a: Self, b: Self);
                powi(n: i32) -> Self; sin_cos() -> (Self, Self)
            );
            $crate::integrations::nalgebra::impl_nalgebra!(@predicates is_finite);

            #[inline]
            fn from_real(re: Self) -> Self {
                re
            }
            #[inline]
            fn real(self) -> Self {
                self
            }
            /// 0: a real number has no imaginary part.
            #[inline]
            fn imaginary(self) -> Self {
                <Self as ::num_traits::Zero>::zero()
            }
            #[inline]
            fn modulus(self) -> Self {
                ::num_traits::Float::abs(self)
            }
            #[inline]
            fn modulus_squared(self) -> Self {
                self * self
            }
            /// 0 for `self >= 0`, π otherwise (as `f64`'s); derivative 0.
            #[inline]
            fn argument(self) -> Self {
                if self >= <Self as ::num_traits::Zero>::zero() {
                    <Self as ::num_traits::Zero>::zero()
                } else {
                    <Self as ::num_traits::FloatConst>::PI()
                }
            }
            #[inline]
            fn norm1(self) -> Self {
                ::num_traits::Float::abs(self)
            }
            #[inline]
            fn scale(self, factor: Self) -> Self {
                self * factor
            }
            #[inline]
            fn unscale(self, factor: Self) -> Self {
                self / factor
            }
            #[inline]
            fn conjugate(self) -> Self {
                self
            }
            /// The same as `powf`: both are real.
            #[inline]
            fn powc(self, n: Self) -> Self {
                ::num_traits::Float::powf(self, n)
            }
            /// `None` below 0, else `Some(self.sqrt())`.
            #[inline]
            fn try_sqrt(self) -> Option<Self> {
                (self >= <Self as ::num_traits::Zero>::zero())
                    .then(|| ::num_traits::Float::sqrt(self))
            }
        }

        impl<$($g)*> ::nalgebra::RealField for $ty {
            $crate::integrations::nalgebra::impl_nalgebra!(@forward
                copysign(sign: Self) max(other: Self) min(other: Self) atan2(other: Self)
                clamp(min: Self, max: Self);
            );
            $crate::integrations::nalgebra::impl_nalgebra!(@predicates is_sign_positive is_sign_negative);
            /// The most negative finite value, as `f64::MIN`.
            #[inline]
            fn min_value() -> Option<Self> {
                Some(<Self as ::num_traits::Float>::min_value())
            }
            #[inline]
            fn max_value() -> Option<Self> {
                Some(<Self as ::num_traits::Float>::max_value())
            }
            $crate::integrations::nalgebra::impl_nalgebra!(@constants
                pi PI, two_pi TAU, frac_pi_2 FRAC_PI_2, frac_pi_3 FRAC_PI_3, frac_pi_4 FRAC_PI_4,
                frac_pi_6 FRAC_PI_6, frac_pi_8 FRAC_PI_8, frac_1_pi FRAC_1_PI, frac_2_pi FRAC_2_PI,
                frac_2_sqrt_pi FRAC_2_SQRT_PI, e E, log2_e LOG2_E, log10_e LOG10_E, ln_2 LN_2,
                ln_10 LN_10
            );
        }
    };

    // `f`'s value embeds as a constant; a number is in `f`'s subset when it
    // is that constant in every part (its derivative parts, nested ones
    // included, are zero, and its value converts exactly).
    (@subset $f:ty [$($g:tt)*] $ty:ty) => {
        impl<$($g)*> ::simba::scalar::SubsetOf<$ty> for $f {
            #[inline]
            fn to_superset(&self) -> $ty {
                <$ty as $crate::Real>::cst(f64::from(*self))
            }
            #[inline]
            fn from_superset_unchecked(element: &$ty) -> $f {
                ::num_traits::ToPrimitive::to_f64(element).unwrap_or(f64::NAN) as $f
            }
            #[inline]
            fn is_in_subset(element: &$ty) -> bool {
                let value = <Self as ::simba::scalar::SubsetOf<$ty>>::from_superset_unchecked(element);
                let back = <Self as ::simba::scalar::SubsetOf<$ty>>::to_superset(&value);
                $crate::Real::is_zero_in_every_part(&(*element - back))
            }
        }
    };

    // `Float`'s method of the same name: the `Self`-valued ones first, then
    // any with another result (`powi`'s argument is no `Self` either).
    (@forward $($name:ident($($arg:ident: $t:ty),*))*; $($other:ident($($oarg:ident: $ot:ty),*) -> $ret:ty);*) => {
        $(
            #[inline]
            fn $name(self, $($arg: $t),*) -> Self {
                ::num_traits::Float::$name(self, $($arg),*)
            }
        )*
        $(
            #[inline]
            fn $other(self, $($oarg: $ot),*) -> $ret {
                ::num_traits::Float::$other(self, $($oarg),*)
            }
        )*
    };

    // `Float`'s predicate of the same name, taken by reference.
    (@predicates $($name:ident)*) => {$(
        #[inline]
        fn $name(&self) -> bool {
            ::num_traits::Float::$name(*self)
        }
    )*};

    (@constants $($name:ident $konst:ident),*) => {$(
        #[inline]
        fn $name() -> Self {
            <Self as ::num_traits::FloatConst>::$konst()
        }
    )*};
}
pub(crate) use impl_nalgebra;
