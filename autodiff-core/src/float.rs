//! `Float`, the other num-traits and [`Real`](crate::Real) for every number
//! type, each method applying a rule of [`rules`](crate::rules) with the
//! type's chain rule.
//!
//! Comparisons and selections (`max`, `min`, `clamp`, `abs_sub`, `copysign`,
//! the `is_*` predicates) look at the real part only, so generic code takes
//! the same branch as it would with `f64`.

/// See the [module documentation](self).
macro_rules! impl_float {
    ([$($g:tt)*] $ty:ty) => {
        impl<$($g)*> ::core::ops::Rem for $ty {
            type Output = Self;
            // a % b = a - b·trunc(a/b)
            #[inline]
            fn rem(self, rhs: Self) -> Self {
                use $crate::number::{ChainRule, DualNumber};
                self.chain2(rhs, $crate::rules::rem(self.re(), rhs.re()))
            }
        }

        impl<$($g)*> ::num_traits::Zero for $ty {
            #[inline]
            fn zero() -> Self {
                use $crate::number::DualNumber;
                Self::from_re(T::zero())
            }
            /// Whether the value is zero: like comparisons, the real part
            /// decides (a seeded 0 is zero), so generic code (nalgebra's
            /// decompositions) branches as with `f64`.
            #[inline]
            fn is_zero(&self) -> bool {
                use $crate::number::DualNumber;
                self.re().is_zero()
            }
        }

        impl<$($g)*> ::num_traits::One for $ty {
            #[inline]
            fn one() -> Self {
                use $crate::number::DualNumber;
                Self::from_re(T::one())
            }
            /// Whether the value is one (the real part decides, as for
            /// `is_zero`).
            #[inline]
            fn is_one(&self) -> bool {
                use $crate::number::DualNumber;
                self.re().is_one()
            }
        }

        impl<$($g)*> ::num_traits::Num for $ty {
            type FromStrRadixErr = T::FromStrRadixErr;
            /// Parses the real part; the derivative parts are 0.
            fn from_str_radix(s: &str, radix: u32) -> Result<Self, Self::FromStrRadixErr> {
                use $crate::number::DualNumber;
                T::from_str_radix(s, radix).map(Self::from_re)
            }
        }

        impl<$($g)*> ::num_traits::ToPrimitive for $ty {
            fn to_i64(&self) -> Option<i64> {
                use $crate::number::DualNumber;
                self.re().to_i64()
            }
            fn to_u64(&self) -> Option<u64> {
                use $crate::number::DualNumber;
                self.re().to_u64()
            }
            fn to_i128(&self) -> Option<i128> {
                use $crate::number::DualNumber;
                self.re().to_i128()
            }
            fn to_u128(&self) -> Option<u128> {
                use $crate::number::DualNumber;
                self.re().to_u128()
            }
            fn to_f32(&self) -> Option<f32> {
                use $crate::number::DualNumber;
                self.re().to_f32()
            }
            fn to_f64(&self) -> Option<f64> {
                use $crate::number::DualNumber;
                self.re().to_f64()
            }
        }

        impl<$($g)*> ::num_traits::NumCast for $ty {
            fn from<P: ::num_traits::ToPrimitive>(n: P) -> Option<Self> {
                use $crate::number::DualNumber;
                <T as ::num_traits::NumCast>::from(n).map(Self::from_re)
            }
        }

        impl<$($g)*> ::num_traits::FromPrimitive for $ty {
            fn from_i64(n: i64) -> Option<Self> {
                <Self as ::num_traits::NumCast>::from(n)
            }
            fn from_u64(n: u64) -> Option<Self> {
                <Self as ::num_traits::NumCast>::from(n)
            }
            fn from_f64(n: f64) -> Option<Self> {
                <Self as ::num_traits::NumCast>::from(n)
            }
        }

        impl<$($g)*> ::num_traits::Bounded for $ty {
            fn min_value() -> Self {
                use $crate::number::DualNumber;
                Self::from_re(<T as ::num_traits::Float>::min_value())
            }
            fn max_value() -> Self {
                use $crate::number::DualNumber;
                Self::from_re(<T as ::num_traits::Float>::max_value())
            }
        }

        impl<$($g)*> ::num_traits::Signed for $ty {
            fn abs(&self) -> Self {
                ::num_traits::Float::abs(*self)
            }
            fn abs_sub(&self, other: &Self) -> Self {
                #[allow(deprecated)]
                ::num_traits::Float::abs_sub(*self, *other)
            }
            fn signum(&self) -> Self {
                ::num_traits::Float::signum(*self)
            }
            fn is_positive(&self) -> bool {
                use $crate::number::DualNumber;
                self.re() > T::zero()
            }
            fn is_negative(&self) -> bool {
                use $crate::number::DualNumber;
                self.re() < T::zero()
            }
        }

        impl<$($g)*> ::num_traits::Inv for $ty {
            type Output = Self;
            fn inv(self) -> Self {
                ::num_traits::Float::recip(self)
            }
        }

        impl<$($g)*> ::num_traits::Pow<i32> for $ty {
            type Output = Self;
            fn pow(self, n: i32) -> Self {
                ::num_traits::Float::powi(self, n)
            }
        }

        impl<$($g)*> ::num_traits::Pow<f64> for $ty {
            type Output = Self;
            fn pow(self, p: f64) -> Self {
                use $crate::number::DualNumber;
                ::num_traits::Float::powf(self, Self::from_re(T::cst(p)))
            }
        }

        impl<$($g)*> ::num_traits::Pow<$ty> for $ty {
            type Output = Self;
            fn pow(self, p: Self) -> Self {
                ::num_traits::Float::powf(self, p)
            }
        }

        impl<$($g)*> ::num_traits::MulAdd for $ty {
            type Output = Self;
            fn mul_add(self, a: Self, b: Self) -> Self {
                self * a + b
            }
        }

        impl<$($g)*> ::num_traits::MulAddAssign for $ty {
            fn mul_add_assign(&mut self, a: Self, b: Self) {
                *self = *self * a + b;
            }
        }

        impl<$($g)*> ::num_traits::FloatConst for $ty {
            $crate::float::float_consts!(
                E FRAC_1_PI FRAC_1_SQRT_2 FRAC_2_PI FRAC_2_SQRT_PI FRAC_PI_2 FRAC_PI_3
                FRAC_PI_4 FRAC_PI_6 FRAC_PI_8 LN_10 LN_2 LOG10_E LOG2_E PI SQRT_2 TAU
                LOG10_2 LOG2_10
            );
        }

        #[deny(unconditional_recursion)]
        impl<$($g)*> ::num_traits::Float for $ty {
            $crate::float::constants!(
                nan infinity neg_infinity neg_zero min_value min_positive_value epsilon max_value
            );
            $crate::float::predicates!(
                is_nan is_infinite is_finite is_normal is_subnormal is_sign_positive
                is_sign_negative
            );
            $crate::float::unary_rules!(
                recip sqrt cbrt exp exp2 exp_m1 ln log2 log10 ln_1p tan asin acos atan
                sinh cosh tanh asinh acosh atanh abs fract
            );

            fn classify(self) -> ::core::num::FpCategory {
                use $crate::number::DualNumber;
                self.re().classify()
            }
            fn integer_decode(self) -> (u64, i16, i8) {
                use $crate::number::DualNumber;
                self.re().integer_decode()
            }

            fn floor(self) -> Self {
                use $crate::number::{ChainRule, DualNumber};
                self.chain($crate::rules::step(self.re().floor()))
            }
            fn ceil(self) -> Self {
                use $crate::number::{ChainRule, DualNumber};
                self.chain($crate::rules::step(self.re().ceil()))
            }
            fn round(self) -> Self {
                use $crate::number::{ChainRule, DualNumber};
                self.chain($crate::rules::step(self.re().round()))
            }
            fn trunc(self) -> Self {
                use $crate::number::{ChainRule, DualNumber};
                self.chain($crate::rules::step(self.re().trunc()))
            }
            fn signum(self) -> Self {
                use $crate::number::{ChainRule, DualNumber};
                self.chain($crate::rules::step(self.re().signum()))
            }

            fn sin(self) -> Self {
                self.sin_cos().0
            }
            fn cos(self) -> Self {
                self.sin_cos().1
            }
            fn sin_cos(self) -> (Self, Self) {
                use $crate::number::{ChainRule, DualNumber};
                let (sin, cos) = $crate::rules::sin_cos(self.re());
                (self.chain(sin), self.chain(cos))
            }

            fn powi(self, n: i32) -> Self {
                use $crate::number::{ChainRule, DualNumber};
                self.chain($crate::rules::powi(self.re(), n))
            }
            fn powf(self, p: Self) -> Self {
                use $crate::number::{ChainRule, DualNumber};
                if p.is_constant() {
                    self.chain($crate::rules::powf(self.re(), p.re()))
                } else {
                    self.chain2(p, $crate::rules::pow(self.re(), p.re()))
                }
            }
            fn log(self, base: Self) -> Self {
                use $crate::number::{ChainRule, DualNumber};
                if base.is_constant() {
                    let ln_b = base.re().ln();
                    self.chain($crate::rules::log_const_base(self.re().log(base.re()), self.re(), ln_b))
                } else {
                    self.ln() / base.ln()
                }
            }
            fn hypot(self, other: Self) -> Self {
                use $crate::number::{ChainRule, DualNumber};
                self.chain2(other, $crate::rules::hypot(self.re(), other.re()))
            }
            fn atan2(self, other: Self) -> Self {
                use $crate::number::{ChainRule, DualNumber};
                self.chain2(other, $crate::rules::atan2(self.re(), other.re()))
            }
            fn mul_add(self, a: Self, b: Self) -> Self {
                self * a + b
            }
            fn to_degrees(self) -> Self {
                self * (180.0 / ::core::f64::consts::PI)
            }
            fn to_radians(self) -> Self {
                self * (::core::f64::consts::PI / 180.0)
            }

            $crate::float::selections!();
        }

        impl<$($g)*> $crate::Real for $ty {
            #[inline]
            fn cst(x: f64) -> Self {
                use $crate::number::DualNumber;
                Self::from_re(T::cst(x))
            }
            #[inline]
            fn is_zero_in_every_part(&self) -> bool {
                use $crate::number::DualNumber;
                self.all_parts(self, |a, _| a.is_zero_in_every_part())
            }
            #[inline]
            fn derivative_order() -> u32 {
                <Self as $crate::number::DualNumber<T>>::ORDER + T::derivative_order()
            }
            #[inline(always)]
            fn with_tapes<R>(f: impl FnOnce(&mut $crate::tape::TapeStore<Self>) -> R) -> R {
                <Self as $crate::number::DualNumber<T>>::with_own_tapes(f)
            }
            #[inline(always)]
            fn zero_wins_mul(self, other: Self) -> Self {
                <Self as $crate::number::DualNumber<T>>::zero_wins_product(self, other)
            }
            $crate::float::unary_rules!(erf erfc gamma ln_gamma sigmoid softplus next_up next_down);
            fn polygamma(self, n: u32) -> Self {
                use $crate::number::{ChainRule, DualNumber};
                self.chain($crate::rules::polygamma(self.re(), n))
            }
        }
    };
}
pub(crate) use impl_float;

/// `Float`'s selections and sign operations, which look at the real part
/// only (so generic code takes the branch it takes with `f64`): `max`,
/// `min` (the second argument at a tie, the non-NaN one as `f64`), `clamp`
/// (never panics), `abs_sub`, `copysign`. Shared by every number type,
/// `Jet` included.
macro_rules! selections {
    () => {
        /// The larger of the two by real part; `other` at a tie, the
        /// non-NaN one if one is NaN (as `f64::max`).
        fn max(self, other: Self) -> Self {
            use $crate::number::DualNumber;
            if other.re().is_nan() || self.re() > other.re() {
                self
            } else {
                other
            }
        }
        /// The smaller of the two by real part; `other` at a tie, the
        /// non-NaN one if one is NaN (as `f64::min`).
        fn min(self, other: Self) -> Self {
            use $crate::number::DualNumber;
            if other.re().is_nan() || self.re() < other.re() {
                self
            } else {
                other
            }
        }
        /// `min` below the interval, `max` above it, `self` inside it
        /// (and for NaN). Never panics, even when `min > max`.
        fn clamp(self, min: Self, max: Self) -> Self {
            use $crate::number::DualNumber;
            if self.re() < min.re() {
                min
            } else if self.re() > max.re() {
                max
            } else {
                self
            }
        }
        fn abs_sub(self, other: Self) -> Self {
            use $crate::number::DualNumber;
            if self.re() <= other.re() {
                <Self as ::num_traits::Zero>::zero()
            } else {
                self - other
            }
        }
        fn copysign(self, sign: Self) -> Self {
            use $crate::number::DualNumber;
            if self.re().is_sign_negative() == sign.re().is_sign_negative() {
                self
            } else {
                -self
            }
        }
    };
}
pub(crate) use selections;

/// Methods `fn name(self) -> Self` that apply `rules::name`.
macro_rules! unary_rules {
    ($($name:ident)*) => {$(
        #[inline]
        fn $name(self) -> Self {
            use $crate::number::{ChainRule, DualNumber};
            self.chain($crate::rules::$name(self.re()))
        }
    )*};
}
pub(crate) use unary_rules;

/// `Float` constants: the inner type's constant, derivative parts 0.
macro_rules! constants {
    ($($name:ident)*) => {$(
        #[inline]
        fn $name() -> Self {
            use $crate::number::DualNumber;
            Self::from_re(<T as ::num_traits::Float>::$name())
        }
    )*};
}
pub(crate) use constants;

/// `FloatConst` constants: the inner type's constant, derivative parts 0.
macro_rules! float_consts {
    ($($name:ident)*) => {$(
        #[inline]
        #[allow(non_snake_case)]
        fn $name() -> Self {
            use $crate::number::DualNumber;
            Self::from_re(<T as ::num_traits::FloatConst>::$name())
        }
    )*};
}
pub(crate) use float_consts;

/// `Float` predicates, asked of the real part.
macro_rules! predicates {
    ($($name:ident)*) => {$(
        #[inline]
        fn $name(self) -> bool {
            use $crate::number::DualNumber;
            self.re().$name()
        }
    )*};
}
pub(crate) use predicates;
