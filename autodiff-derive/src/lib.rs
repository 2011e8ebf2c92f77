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
mod shared;
mod valid;

use proc_macro::TokenStream;

/// Makes an `f64` function differentiable in place: `f(x)` still returns
/// an `f64`, and `f.grad(x)`, `f.value_and_grad(x)`, `f.hessian(x)` and
/// `f.jacobian(x)` give exact derivatives.
///
/// The function is rewritten into a generic function of the same name over
/// a `Scalar` type parameter: `f64` in types, float literals, `f64` constants
/// (`std::f64::consts::PI`, `f64::EPSILON`), `f64::sin(x)`-style calls,
/// `f64::sin`, `f64::max` and `f64::from` used as values, and `as f64` casts
/// of integers all become that scalar. Integer literals and indices stay as
/// they are. A parameter marked `#[constant]` keeps its type and is not
/// differentiated.
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
/// - **Inputs:** `f64`, tuples and arrays of `f64` (`[[f64; N]; M]` too, for
///   `.grad`), `&[f64]`, `Vec<f64>`, and `#[derive(Differentiable)]`
///   structs over `f64` (`&Net<f64>`); parameters marked `#[constant]` keep
///   their type (`f64` data, slices, structs, integers, `&mut` output
///   buffers). At least one input must be differentiated. The fn may have
///   its own type and const parameters (`fn norm<const N: usize>(x: [f64;
///   N])`, `fn quad<F: Fn(f64) -> f64>(f: F, ...)`); their bounds take the
///   scalar too. A fn whose inputs are all `f32` is rewritten over `f32`
///   instead.
/// - **Outputs:** `f64` for `.grad`, `.value_and_grad` and `.hessian`; a
///   tuple or array of `f64` (or a `Vec<f64>`) for `.jacobian`. A helper
///   returning anything else (`Option<f64>`, a struct) is fine to call from
///   other differentiable fns.
/// - **Bodies:** ordinary `f64` code. Calls to other differentiable (or
///   generic) fns, recursion, loops, branches, early returns, closures;
///   iterator chains over references with every operator mixing `x`, `&x`,
///   `f64` data and `&f64` data in any order
///   (`xs.iter().map(|x| 2.0 * x)`, `x.iter().zip(w).map(|(xi, wi)| wi * xi)`,
///   `.sum::<f64>()`, `.product()`, a sum of `f64` data);
///   `map(f64::sin)`, `fold(f64::NEG_INFINITY, f64::max)`,
///   `reduce(f64::min)`; comparisons with `f64` data on either side
///   (`if x > p.threshold`, `p.threshold < x`); `f64` data as an argument
///   or receiver of `max`, `min`, `clamp`, `powf`, `atan2`, `hypot`, `log`,
///   `mul_add`, `copysign`, `rem_euclid`, ... beside a differentiated value
///   (`x.max(p.floor)`, `x.powf(p.k)`, `p.floor.max(x)`);
///   `sort_by(|a, b| a.total_cmp(b))`, `rem_euclid`, `div_euclid`,
///   `midpoint`, `round_ties_even`, `next_up`, `next_down` and every
///   `num_traits::Float` method: every stable `f64` method but those of a
///   value's bits (`to_bits`, `to_le_bytes`, ...: read them from the value,
///   `x.to_f64()`) and the `unsafe` `to_int_unchecked`;
///   `x / (n + 1) as f64` with integer data; `x.floor() as usize` (an
///   integer cast of a differentiated value takes its value: a step
///   function, derivative 0, like `floor`); float literals inside `vec!`,
///   `println!`, `assert!`.
/// - **Accumulators that start from `f64` data:** `let mut acc = p.c0;`,
///   `let mut s = c[0];` or `let t: f64 = p.t;` (a variable, a field or an
///   element) start a differentiated value, so `acc += x * p.c1`,
///   `s = s * x + ci` and `best = d` (with `d: f64` data) work. A constant
///   computed inside the fn for a `#[constant]` parameter of another fn is
///   written `#[constant] let k2 = 2.0 * k;` (left as plain `f64`).
/// - **Local helper fns** written inside the body (`fn smooth(t: f64, eps:
///   f64) -> f64 { .. }`) are made differentiable too; `f64` data passed to
///   them (or to the fn itself, recursing) where they take the scalar is
///   lifted.
/// - **Methods** of inherent impls (`fn energy(&self, x: f64) -> f64`);
///   differentiate them through a closure: `(|x| s.energy(x)).grad(2.0)`.
/// - **nalgebra** (feature `nalgebra`): `SVector<f64, N>`, `DVector<f64>`
///   and `&DVector<f64>` inputs and outputs, matrices built and multiplied
///   inside, `norm`, `dot`, `normalize`; a fn that factorises (`lu`,
///   `determinant`, `svd`, ...) gets a `RealField` scalar by itself, and one
///   that calls such a fn writes `#[differentiable(real_field)]`, the
///   attribute's one argument (see the `autodiff-core` guide).
///
/// Code using the attribute compiles under `#![deny(warnings)]` and
/// `cargo clippy -- -D warnings`: everything the macro writes is spanned
/// as macro output, so only the user's own tokens are linted.
///
/// ```
/// use autodiff::prelude::*;
///
/// /// Constant data: a line's coefficients and a cut-off.
/// pub struct Line {
///     pub c0: f64,
///     pub c1: f64,
///     pub cut: f64,
/// }
///
/// #[differentiable]
/// fn hinge(x: &[f64], #[constant] line: &Line) -> f64 {
///     let mut total = 0.0;
///     for xi in x {
///         let y = line.c0 + xi * line.c1;
///         if y > line.cut {
///             total += (y - line.cut).powi(2);
///         }
///     }
///     total / x.len() as f64
/// }
///
/// let line = Line { c0: 1.0, c1: 2.0, cut: 2.0 };
/// // only x = 2 is past the cut: d/dx (1 + 2x - 2)² / 2 = 2(2x - 1) = 6
/// assert_eq!((|x: &_| hinge(x, &line)).grad(&[0.0, 2.0][..]), [0.0, 6.0]);
///
/// #[differentiable]
/// fn horner(x: f64, #[constant] c: &[f64]) -> f64 {
///     let mut s = c[c.len() - 1];
///     for &ci in c[..c.len() - 1].iter().rev() {
///         s = s * x + ci;
///     }
///     s
/// }
/// // 1 + 2x + 3x²: the derivative at 2 is 2 + 6·2 = 14
/// assert_eq!((|x| horner(x, &[1.0, 2.0, 3.0])).grad(2.0), 14.0);
/// ```
///
/// # Cost
///
/// The rewrite's own machinery (the assignment wrappers, the probes that
/// lift `f64` data) compiles away: the same instruction count as the code
/// it emits written by hand. What costs is its rule that every literal is
/// the scalar: arithmetic on data alone (`1.0 - y` with `y` a datum) is done
/// on (constant) dual numbers, and a product with it is a full product. In
/// a hot loop keep such values `f64` with `#[constant] let not_y = 1.0 - y;`
/// (the logistic loss of `benches/differentiable.rs` goes from 1.8× to 1.0×
/// the instructions of a careful hand-written generic version).
///
/// # Bounds
///
/// Inside the fn every `f64` is the scalar type `AutodiffScalar:
/// Scalar`, which has every operator with the scalar, `&scalar`, `f64` or
/// `&f64` on its right. What Rust cannot put in a trait (operators with
/// something else on the left) the fn carries as three bounds:
/// `f64: F64Ops<AutodiffScalar>` (`k * x`, `k < x`),
/// `for<'r> &'r f64: LeftOps<AutodiffScalar>` (`wi * xi`) and
/// `for<'r> &'r AutodiffScalar: RefOps<AutodiffScalar>` (`&x * y`, `-&x`).
/// Every number type of `autodiff` satisfies them; hand-written generic code
/// that calls a differentiable fn states them too. An `f32` fn is generic
/// over `AutodiffScalar: Real + ByRefOps` with
/// `for<'r> &'r AutodiffScalar: LeftOps<AutodiffScalar> + Neg`.
///
/// # What it cannot accept, and what to write instead
///
/// The attribute sees tokens, not types: it cannot know that `p.c` is
/// `f64` data or that `helper` is a plain `f64` fn. Where that matters,
/// this is what you get and what to write:
///
/// | written | what happens | write instead |
/// |---|---|---|
/// | `out[i] += x * k`, `self.total = x * k` into an `f64` place (an output buffer, a field) | an error: an `f64` cannot hold a derivative | keep the value in a local (`let mut acc = ...; acc += x * k;`) and return it; or store `.to_f64()` of it |
/// | `let v: Vec<(f64, f64)> = data.iter().map(\|&(a, b)\| (a, b * x)).collect()` | an `f64` written in a type is the scalar, so `a` must be too | `(f64::from(a), b * x)`, or leave the type to inference |
/// | a struct of your own with `f64` fields built from differentiated values (`State { pos: x, vel: 0.0 }`) | rustc: "expected `f64`, found type parameter `AutodiffScalar`" | make it generic, `struct State<T> { pos: T, vel: T }`, and write `State<f64>` in the fn (it becomes `State<AutodiffScalar>`) |
/// | `y as f64` on a differentiated value | an error: the cast would drop the derivative and go on as a constant | `y` (it already is the scalar); `y.to_f64()` for a constant |
/// | calling a plain `fn(f64) -> f64` helper (or a plain `F: Fn(f64) -> f64` one) with a differentiated value | rustc: "expected `f64`, found type parameter `AutodiffScalar`" | mark the helper `#[differentiable]` too |
/// | `f64` data passed to another differentiable fn or a closure where it takes the scalar (`g(p.c0)`, `f(h)` with `f = \|t: f64\| t * x`), or mixed with it in an array literal (`[x, p.c0]`) | rustc: "expected `AutodiffScalar`, found `f64`" (the macro cannot see `g`'s signature; nested helpers and recursion it does see, and lifts) | `g(f64::from(p.c0))`, `[x, f64::from(p.c0)]` |
/// | `g(x, 2.0 * k)` with `g`'s second parameter `#[constant] f64` | rustc: "expected `f64`, found type parameter `AutodiffScalar`" (a literal inside the fn is the scalar) | `#[constant] let k2 = 2.0 * k;` then `g(x, k2)` |
/// | `f.grad(x)` on a fn with a `#[constant]` parameter | an error that lists the ways out | `(\|x\| f(x, k)).grad(x0)` |
/// | `(\|w\| loss(w, &data)).grad(&w0[..])` over a slice or a struct | an error: Rust cannot infer a closure that takes any borrow from its body | `(\|w: &_\| loss(w, &data)).grad(&w0[..])` |
/// | `(\|x\| x.sin() * k).grad(1.0)`: a method on the closure's parameter | rustc: "type annotations needed" (the closure is checked before `.grad` tells its type) | a driver, which does: `derivative(\|x\| x.sin() * k, 1.0)`; or name the type: `(\|x: Dual64\| x.sin() * k).grad(1.0)` |
/// | `.grad` on a vector-valued fn | an error pointing to `.jacobian` | `.jacobian(x)` |
/// | `.grad(2.0f32)` | an error: the methods take `f64`, so that `f.grad(1.5)` needs no suffix | `derivative(f, 2.0f32)`, `gradient(f, [..])`, `gradient_slice(f, &x)` |
/// | `f32` data beside the scalar in an `f32` fn (`x * k`, `k: f32` a `#[constant]`) | rustc: no `AutodiffScalar * f32` (`f32` numbers have no `f32` operators: both `f32` and `f64` ones would make every unsuffixed literal ambiguous) | `x * f32::from(k)` |
/// | a root or minimum found by a search (bisection, golden section) | the derivative of the program: comparisons carry none, so bisection gives 0 | `implicit_root(g, x_star, theta)` (or `implicit_solve`) from the converged root: the implicit function theorem, exact |
/// | an `async`, `const` or `extern` fn, a method of a *trait* impl | an error: it becomes a generic Rust fn | write it generically over `T: Scalar` by hand (it is then differentiable as it is) |
///
/// The errors of the attribute itself: no `f64` input, an `async`,
/// `const` or `extern` fn, arguments to the attribute (but `real_field`) or
/// to `#[constant]`,
/// `f32` and `f64` inputs mixed. On a method of a *trait* impl the
/// attribute is rejected by rustc (E0049: the method would gain a type
/// parameter the trait does not have).
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
