//! Comparison for every number type.
//!
//! `==`, `<` and friends (also against an `f64`, on either side, and
//! `total_cmp`) look at the real part only, so generic code takes
//! the same branch with a dual number as with `f64`. The `approx` traits
//! (`AbsDiffEq`, `RelativeEq`, `UlpsEq`) compare every part, which is what a
//! test of derivatives wants; their tolerance is a number of the same type
//! (nalgebra's `RealField` requires `Epsilon = Self`) whose real part is
//! used for every part: `relative_eq!(a, b, max_relative = Dual64::cst(1e-12))`.

/// See the [module documentation](self).
macro_rules! impl_compare {
    ([$($g:tt)*] $ty:ty) => {
        impl<$($g)*> ::core::cmp::PartialEq for $ty {
            /// Compares the real parts only.
            #[inline]
            fn eq(&self, other: &Self) -> bool {
                use $crate::number::DualNumber;
                self.re() == other.re()
            }
        }

        impl<$($g)*> ::core::cmp::PartialOrd for $ty {
            /// Orders by the real parts only.
            #[inline]
            fn partial_cmp(&self, other: &Self) -> Option<::core::cmp::Ordering> {
                use $crate::number::DualNumber;
                self.re().partial_cmp(&other.re())
            }
        }

        impl<$($g)*> ::core::cmp::PartialEq<f64> for $ty {
            /// Compares the real part with an `f64` constant.
            #[inline]
            fn eq(&self, other: &f64) -> bool {
                use $crate::number::DualNumber;
                self.re() == T::cst(*other)
            }
        }

        impl<$($g)*> ::core::cmp::PartialOrd<f64> for $ty {
            /// Orders the real part against an `f64` constant.
            #[inline]
            fn partial_cmp(&self, other: &f64) -> Option<::core::cmp::Ordering> {
                use $crate::number::DualNumber;
                self.re().partial_cmp(&T::cst(*other))
            }
        }

        impl<$($g)*> ::core::cmp::PartialEq<$ty> for f64 {
            /// Compares an `f64` constant with the real part.
            #[inline]
            fn eq(&self, other: &$ty) -> bool {
                use $crate::number::DualNumber;
                T::cst(*self) == other.re()
            }
        }

        impl<$($g)*> ::core::cmp::PartialOrd<$ty> for f64 {
            /// Orders an `f64` constant against the real part.
            #[inline]
            fn partial_cmp(&self, other: &$ty) -> Option<::core::cmp::Ordering> {
                use $crate::number::DualNumber;
                T::cst(*self).partial_cmp(&other.re())
            }
        }

        impl<$($g)*> ::num_traits::float::TotalOrder for $ty {
            /// IEEE 754 `totalOrder` of the real parts (as `f64::total_cmp`).
            #[inline]
            fn total_cmp(&self, other: &Self) -> ::core::cmp::Ordering {
                use $crate::number::DualNumber;
                ::num_traits::float::TotalOrder::total_cmp(&self.re(), &other.re())
            }
        }

        impl<$($g)*> ::approx::AbsDiffEq for $ty
        where
            T: ::approx::AbsDiffEq<Epsilon = T>,
        {
            /// The tolerance is a number of the same type, as nalgebra's
            /// `RealField` requires; its real part is the tolerance of every
            /// part (write `Dual64::cst(1e-12)`).
            type Epsilon = Self;
            fn default_epsilon() -> Self {
                use $crate::number::DualNumber;
                Self::from_re(T::default_epsilon())
            }
            /// Every part within `epsilon.re`.
            fn abs_diff_eq(&self, other: &Self, epsilon: Self) -> bool {
                use $crate::number::DualNumber;
                let epsilon = epsilon.re();
                self.all_parts(other, |a, b| a.abs_diff_eq(b, epsilon))
            }
        }

        impl<$($g)*> ::approx::RelativeEq for $ty
        where
            T: ::approx::RelativeEq<Epsilon = T>,
        {
            fn default_max_relative() -> Self {
                use $crate::number::DualNumber;
                Self::from_re(T::default_max_relative())
            }
            /// Every part relatively equal, with the real parts of
            /// `epsilon` and `max_relative` as tolerances.
            fn relative_eq(&self, other: &Self, epsilon: Self, max_relative: Self) -> bool {
                use $crate::number::DualNumber;
                let (epsilon, max_relative) = (epsilon.re(), max_relative.re());
                self.all_parts(other, |a, b| a.relative_eq(b, epsilon, max_relative))
            }
        }

        impl<$($g)*> ::approx::UlpsEq for $ty
        where
            T: ::approx::UlpsEq<Epsilon = T>,
        {
            fn default_max_ulps() -> u32 {
                T::default_max_ulps()
            }
            /// Every part within `max_ulps` (or `epsilon.re`).
            fn ulps_eq(&self, other: &Self, epsilon: Self, max_ulps: u32) -> bool {
                use $crate::number::DualNumber;
                let epsilon = epsilon.re();
                self.all_parts(other, |a, b| a.ulps_eq(b, epsilon, max_ulps))
            }
        }
    };
}
pub(crate) use impl_compare;
