//! Comparison for every number type.
//!
//! `==`, `<` and friends (also against an `f64`, on either side, and
//! `total_cmp`) look at the real part only, so generic code takes
//! the same branch with a dual number as with `f64`. The `approx` traits
//! (`AbsDiffEq`, `RelativeEq`, `UlpsEq`) compare every part, which is what a
//! test of derivatives wants.

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
            T: ::approx::AbsDiffEq,
            T::Epsilon: Copy,
        {
            type Epsilon = T::Epsilon;
            fn default_epsilon() -> T::Epsilon {
                T::default_epsilon()
            }
            /// Every part within `epsilon`.
            fn abs_diff_eq(&self, other: &Self, epsilon: T::Epsilon) -> bool {
                use $crate::number::DualNumber;
                self.all_parts(other, |a, b| a.abs_diff_eq(b, epsilon))
            }
        }

        impl<$($g)*> ::approx::RelativeEq for $ty
        where
            T: ::approx::RelativeEq,
            T::Epsilon: Copy,
        {
            fn default_max_relative() -> T::Epsilon {
                T::default_max_relative()
            }
            /// Every part relatively equal.
            fn relative_eq(&self, other: &Self, epsilon: T::Epsilon, max_relative: T::Epsilon) -> bool {
                use $crate::number::DualNumber;
                self.all_parts(other, |a, b| a.relative_eq(b, epsilon, max_relative))
            }
        }

        impl<$($g)*> ::approx::UlpsEq for $ty
        where
            T: ::approx::UlpsEq,
            T::Epsilon: Copy,
        {
            fn default_max_ulps() -> u32 {
                T::default_max_ulps()
            }
            /// Every part within `max_ulps`.
            fn ulps_eq(&self, other: &Self, epsilon: T::Epsilon, max_ulps: u32) -> bool {
                use $crate::number::DualNumber;
                self.all_parts(other, |a, b| a.ulps_eq(b, epsilon, max_ulps))
            }
        }
    };
}
pub(crate) use impl_compare;
