//! Procedural macros of the `autodiff` crate. Use them through the facade:
//! `use autodiff::prelude::*;`.
//!
//! - [`macro@differentiable`] turns an ordinary `f64` function into one you
//!   can call as before **and** differentiate.
//! - [`derive@Differentiable`] lets drivers differentiate with respect to a
//!   whole struct of parameters and return the gradient in its shape.
#![deny(missing_docs)]

mod attr;
mod derive;
mod expand;
mod fallback;
mod rewrite;
mod shape;
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

/// Implements `autodiff::Differentiable` for a struct of parameters generic
/// over its scalar, so `gradient_params(loss, &net)` and `loss.grad(&net)`
/// return the gradient as a struct of the same shape.
///
/// Fields may be the scalar `T`, arrays of it (nested), `Vec<T>`, or other
/// `#[derive(Differentiable)]` structs over `T`; `#[constant]` fields are
/// carried along (cloned) and not differentiated.
///
/// ```ignore
/// use autodiff::prelude::*;
///
/// #[derive(Differentiable)]
/// struct Layer<T> {
///     w: [[T; 2]; 3],
///     b: [T; 3],
///     #[constant]
///     name: &'static str,
/// }
/// ```
#[proc_macro_derive(Differentiable, attributes(constant))]
pub fn derive_differentiable(item: TokenStream) -> TokenStream {
    derive::differentiable(item.into()).into()
}
