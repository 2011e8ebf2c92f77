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
/// ```
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
/// # What it accepts
///
/// - **Inputs:** `f64`, tuples and arrays of `f64`, `&[f64]`, `Vec<f64>`,
///   and `#[derive(Differentiable)]` structs over `f64` (`&Net<f64>`);
///   parameters marked `#[constant]` keep their type. At least one input
///   must be differentiated.
/// - **Outputs:** `f64` for `.grad`, `.value_and_grad` and `.hessian`; a
///   tuple or array of `f64` for `.jacobian`.
/// - **Bodies:** calls to other differentiable (or generic) fns, recursion,
///   loops, branches, closures, `+=` accumulators, iterators, float literals
///   inside `vec!`, `println!`, `assert!`.
/// - **Methods** of inherent impls (`fn energy(&self, x: f64) -> f64`);
///   differentiate them through a closure: `(|x| s.energy(x)).grad(2.0)`.
///
/// Inside the fn every `f64` is the scalar type `AutodiffScalar`; the fn
/// carries the bounds `f64: F64Ops<AutodiffScalar>` (an `f64` value on the
/// left, `k * x`) and `for<'r> &'r AutodiffScalar: RefOps<AutodiffScalar>`
/// (arithmetic on references, `xs.iter().map(|x| x * x)`). Every number
/// type of `autodiff` satisfies both; hand-written generic code that calls
/// a differentiable fn states them too.
///
/// # Errors
///
/// Compile errors on the offending token: no `f64` input, an `async`,
/// `const` or `extern` fn, a fn with its own type or const parameters,
/// arguments to the attribute or to `#[constant]`, casting a differentiated
/// value `as f64`. Calling a plain `fn(f64) -> f64` with a differentiated
/// value is rustc's "expected `f64`, found type parameter
/// `AutodiffScalar`", which points at the attribute: make the callee
/// `#[differentiable]` too. On a method of a *trait* impl the attribute is
/// rejected by rustc (E0049: the method would gain a type parameter the
/// trait does not have); write such a method generically by hand.
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
/// ```
/// use autodiff::prelude::*;
///
/// #[derive(Differentiable)]
/// struct Layer<T> {
///     w: [[T; 2]; 3],
///     b: [T; 3],
///     #[constant]
///     name: &'static str,
/// }
///
/// #[differentiable]
/// fn output(layer: &Layer<f64>, #[constant] x: [f64; 2]) -> f64 {
///     (0..3).map(|i| layer.w[i][0] * x[0] + layer.w[i][1] * x[1] + layer.b[i]).sum()
/// }
///
/// let layer = Layer { w: [[1.0, 2.0]; 3], b: [0.5; 3], name: "hidden" };
/// let g = (|l: &_| output(l, [3.0, 4.0])).grad(&layer);
/// assert_eq!(g.w, [[3.0, 4.0]; 3]);
/// assert_eq!(g.b, [1.0; 3]);
/// assert_eq!(g.name, "hidden");
/// ```
#[proc_macro_derive(Differentiable, attributes(constant))]
pub fn derive_differentiable(item: TokenStream) -> TokenStream {
    derive::differentiable(item.into()).into()
}
