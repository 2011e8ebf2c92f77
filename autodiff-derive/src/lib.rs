//! Procedural macros of the `autodiff` crate. Use them through the facade:
//! `use autodiff::prelude::*;`.
//!
//! - [`macro@differentiable`] turns an ordinary `f64` function into one you
//!   can call as before **and** differentiate.
#![deny(missing_docs)]

mod attr;
mod expand;
mod fallback;
mod rewrite;
mod valid;

use proc_macro::TokenStream;

/// Makes an `f64` function differentiable in place: `f(x)` still returns
/// an `f64`, and `f.grad(x)`, `f.value_and_grad(x)`, `f.hessian(x)` and
/// `f.jacobian(x)` give exact derivatives.
///
/// The function is rewritten into a generic function of the same name over
/// a `Scalar` type parameter: `f64` in types, float literals, `f64` constants
/// (`std::f64::consts::PI`, `f64::EPSILON`), `f64::sin(x)`-style calls and
/// `as f64` casts of integers all become that scalar. Integer literals and
/// indices stay as they are. A parameter marked `#[constant]` keeps its
/// type and is not differentiated.
///
/// ```ignore
/// use autodiff::prelude::*;
///
/// #[differentiable]
/// fn f(x: f64) -> f64 {
///     2.0 * x.sin() * x.exp()
/// }
///
/// assert_eq!(f(0.0), 0.0);
/// assert_eq!(f.grad(0.0), 2.0);
/// ```
///
/// See the `autodiff` crate documentation for the supported signatures and
/// the errors it reports.
#[proc_macro_attribute]
pub fn differentiable(attr: TokenStream, item: TokenStream) -> TokenStream {
    expand::differentiable(attr.into(), item.into()).into()
}
