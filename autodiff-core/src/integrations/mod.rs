//! Integrations with other crates, one file per cargo feature (all off by
//! default).
//!
//! Every number type invokes [`impl_integrations!`] next to its own trait
//! impls, so a number type added later gets every integration too.

#[cfg(feature = "argmin")]
pub mod argmin;
#[cfg(feature = "nalgebra")]
pub(crate) mod nalgebra;
#[cfg(feature = "serde")]
mod serde;

/// The impls of every enabled integration for one number type, and the
/// receivers of `#[differentiable]`'s shared-name functions
/// ([`shared`](crate::__private::shared)); usage as
/// [`impl_number!`](crate::number::impl_number).
macro_rules! impl_integrations {
    ([$($g:tt)*] $ty:ty) => {
        $crate::__private::shared::with_names!(@impls [$($g)*] $ty);
        impl<$($g)*> $crate::__private::LinearAlgebraField for $ty {}
        #[cfg(feature = "nalgebra")]
        $crate::integrations::nalgebra::impl_nalgebra!([$($g)*] $ty);
    };
}
pub(crate) use impl_integrations;
