//! Number types and drivers of [`autodiff`](https://docs.rs/autodiff):
//! automatic differentiation with dual numbers (forward mode) and a
//! tape-backed number (reverse mode).
//!
//! Most users depend on the `autodiff` facade crate and write
//! `use autodiff::prelude::*;`; this crate holds the machinery.
//!
//! # A guide
//!
//! ## Exact derivatives from ordinary numeric code
//!
//! Write numeric code once, generically over [`Scalar`], and call it with
//! `f64` for values or with a dual number for derivatives:
//!
//! ```
//! use autodiff_core::{derivative, second_derivative, Scalar};
//!
//! fn f<T: Scalar>(x: T) -> T {
//!     x.sin() * x.exp() * 2.0
//! }
//!
//! let x = 1.5f64;
//! assert_eq!(f(x), 2.0 * x.sin() * x.exp());
//! let exact = 2.0 * (x.cos() + x.sin()) * x.exp();
//! assert!((derivative(f, x) - exact).abs() < 1e-14);
//! let (_, _, f2) = second_derivative(f, x); // f'' = 4 cos x eˣ
//! assert!((f2 - 4.0 * x.cos() * x.exp()).abs() < 1e-13);
//! ```
//!
//! A dual number `a + a'ε` has ε² = 0, so `f(x + ε) = f(x) + f'(x)ε`: the
//! derivative is carried along exactly, to rounding, with no step size to
//! choose. [`Dual`] carries one derivative, [`Dual2`] the first and second
//! of a univariate function, and [`HyperDual`] two directional derivatives
//! and their mixed second derivative.
//!
//! ## `Scalar`, `Real` and `num_traits::Float`
//!
//! Every number type implements [`num_traits::Float`] (and `FloatConst`,
//! `Num`, `NumCast`, `Signed`, `Pow`, `Inv`, `MulAdd`, `Bounded`, ...), so
//! existing code bounded by `T: Float` takes dual numbers unchanged:
//!
//! ```
//! use autodiff_core::{derivative, Float};
//!
//! fn g<T: Float>(x: T) -> T {
//!     x.powi(3) - x
//! }
//! assert_eq!(derivative(g, 2.0), 11.0); // 3x² - 1
//! ```
//!
//! [`Scalar`] adds arithmetic with `f64` on the right (`x * 2.0`), `T::cst`
//! to lift a constant, and the functions `Float` lacks ([`Real::erf`],
//! [`Real::gamma`], [`Real::ln_gamma`], [`Real::digamma`],
//! [`Real::sigmoid`], [`Real::softplus`], [`Real::relu`],
//! [`Real::leaky_relu`], [`Real::elu`]); see [`softmax`] for a slice.
//! [`Real`] is the same without the `f64` operators, so it also covers `f32`
//! (the orphan rule forbids `f32 * f64`).
//!
//! ## Nesting
//!
//! Every type is generic over its real part, which may itself be a dual
//! number: `Dual<Dual64>` carries second derivatives, and derivatives of
//! derivatives keep their variables apart (no perturbation confusion):
//!
//! ```
//! use autodiff_core::{derivative, Dual};
//!
//! // d/dx [x · d/dy (x + y)] at x = 1 is 1.
//! let d = derivative(|x| x * derivative(|y| Dual::from(x) + y, x), 1.0);
//! assert_eq!(d, 1.0);
//! ```
//!
//! ## Reverse mode
//!
//! A dual number carries one derivative per input, so forward mode pays
//! for every input. [`Var`] records each operation on a tape instead, and
//! one sweep back gives the whole gradient, at a small constant multiple
//! of one evaluation of `f` whatever the number of inputs. It implements
//! [`Scalar`] like the dual types, so the same generic code takes it:
//!
//! ```
//! use autodiff_core::{gradient_reverse, hvp_slice, Scalar};
//!
//! fn f<T: Scalar>(x: &[T]) -> T {
//!     x.iter().map(|&xi| xi * xi * xi).sum::<T>().ln()
//! }
//! let x: Vec<f64> = (1..=1000).map(|k| k as f64 / 1000.0).collect();
//! let s: f64 = x.iter().map(|xi| xi * xi * xi).sum();
//! let (_, g) = gradient_reverse(|x| f(x), &x);
//! assert!((g[499] - 3.0 * 0.25 / s).abs() < 1e-15); // ∂f/∂xᵢ = 3xᵢ²/s
//! // forward over reverse: H·v without forming H
//! let v = vec![1.0; x.len()];
//! let (_, _, hv) = hvp_slice(|x| f(x), &x, &v);
//! assert_eq!(hv.len(), 1000);
//! ```
//!
//! The slice and struct drivers ([`gradient_slice`], [`gradient_params`],
//! [`hvp_slice`], and `.grad` / `.hessian` / `.jacobian` on slices,
//! `Vec`s and parameter structs) use reverse mode; the array and scalar drivers use
//! forward mode, which is faster for a few inputs. [`gradient_reverse`],
//! [`vjp`], [`jacobian_reverse`] and [`hessian_reverse`] force reverse
//! mode, [`gradient_forward`], [`jacobian_slice`] and [`hessian_slice`]
//! forward mode. Reverse mode keeps the conventions below: constants are
//! never recorded, and a local partial that is exactly 0 passes no
//! adjoint back, even an infinite one (the gradient of `(x·x).sqrt()` at
//! 0 is 0, as in forward mode).
//!
//! ## Sparse Jacobians and Hessians
//!
//! A Jacobian or Hessian that is mostly zeros (the residual of a
//! discretised ODE or PDE, a chain of coupled terms) costs far less than
//! n sweeps. [`jacobian_sparse`] and [`hessian_sparse`] record one call of
//! `f`, read the sparsity pattern off the recording, colour it (columns
//! that share no row share a colour; a star colouring for the symmetric
//! Hessian) and sweep once per colour, so a tridiagonal matrix takes 3
//! lanes whatever n is. The Jacobian records `f` on [`Var`]s; the Hessian
//! on [`Var2`]s, whose tape keeps each operation's second partials too.
//! They return a [`SparseMatrix`] (`get`, `nnz`,
//! `iter`, `to_dense`, and `to_csr` for nalgebra-sparse with the
//! `nalgebra` feature):
//!
//! ```
//! use autodiff_core::{hessian_sparse, jacobian_sparse, Scalar, SparseJacobian};
//!
//! // 1-D Bratu: Fᵢ = 2uᵢ - uᵢ₋₁ - uᵢ₊₁ - h²eᵘⁱ
//! fn bratu<T: Scalar>(u: &[T]) -> Vec<T> {
//!     let h2 = (1.0 / (u.len() + 1) as f64).powi(2);
//!     let at = |k: usize| u.get(k).copied().unwrap_or(T::cst(0.0));
//!     (0..u.len()).map(|i| u[i] * 2.0 - at(i.wrapping_sub(1)) - at(i + 1) - u[i].exp() * h2).collect()
//! }
//! let u = vec![0.1; 10_000];
//! let (_, j) = jacobian_sparse(|u| bratu(u), &u);
//! assert_eq!(j.nnz(), 3 * 10_000 - 2);
//! assert_eq!(j.get(7, 8), -1.0);
//!
//! // detect and colour once, evaluate at many points (Newton's method)
//! let prepared = SparseJacobian::prepare(|u| bratu(u), &u);
//! assert_eq!(prepared.colours(), 3);
//! let (_, j) = prepared.jacobian(|u| bratu(u), &vec![0.2; 10_000]).unwrap();
//! let h2 = (1.0 / 10_001.0f64).powi(2);
//! assert!((j.get(7, 7) - (2.0 - h2 * 0.2f64.exp())).abs() < 1e-15);
//!
//! // f = Σ xᵢ²xᵢ₊₁: a tridiagonal Hessian
//! let (_, _, h) = hessian_sparse(|x| x.windows(2).map(|w| w[0] * w[0] * w[1]).sum(), &[1.0, 2.0, 3.0]);
//! assert_eq!(h.to_dense(), vec![vec![4.0, 2.0, 0.0], vec![2.0, 6.0, 4.0], vec![0.0, 4.0, 0.0]]);
//! ```
//!
//! The pattern is the one of the branch `f` takes at x. The prepared forms
//! ([`SparseJacobian`], [`SparseHessian`]) reuse one pattern and colouring
//! at new points, and report an entry outside it as [`PatternChanged`]
//! rather than dropping it.
//!
//! ## Conventions at the edges
//!
//! Derivatives are exact at every point where they exist; where they do not,
//! this is what you get, and every row is a test:
//!
//! | case | value | derivative |
//! |---|---|---|
//! | `==`, `<`, `max`, `min`, `clamp` | compare the real part only | generic code branches as with `f64` |
//! | `is_zero()`, `is_one()` (num-traits) | test the real part only: a seeded 0 is zero | as `==`: nalgebra's iterations deflate as with `f64` |
//! | `a.max(b)`, `a.min(b)` at a tie | `b` | `b`'s |
//! | `relu(0)` = `0.max(0)` | 0 | 0 |
//! | `abs` at `+0.0` / `-0.0` | 0 | +1 / -1 (= `signum`) |
//! | any function of a number whose derivative parts are 0 | f(x) | 0, even where f' is infinite or NaN: `sqrt` of an unseeded 0 has derivative 0 |
//! | `sqrt`, `cbrt` at a seeded 0 (`+0.0` or `-0.0`) | 0 | +∞ (the one-sided limit); f'' -∞ (`cbrt` at `-0.0`: +∞, the limit from the left) |
//! | a norm at the origin, `(x·x).sqrt()` | 0 | gradient 0 (the inner derivative 2x is 0, and stays 0 through `sqrt`) |
//! | `powf(0, p)` | `0f64.powf(p)` | 0 for p > 1, 1 for p = 1, +∞ for 0 < p < 1 |
//! | `x.powf(0)`, `x.powi(0)` | 1 | 0 everywhere, 0 included |
//! | `powi(0, -1)` | +∞ | -∞ |
//! | `x.powf(y)` with a dual exponent at x = 0, y > 0 | 0 | the ln x term is dropped: ∂/∂y = 0 |
//! | `x.powf(y)` with a dual exponent at x = 0, y = 0 | 1 | ∂/∂y = -∞ (the slope from y > 0) |
//! | `floor`, `ceil`, `round`, `trunc`, `signum` | as `f64` | 0 |
//! | `fract` | as `f64` | 1 |
//! | `a % b` | as `f64` (truncated) | ∂/∂a = 1, ∂/∂b = -trunc(a/b) |
//! | `a % 0`, `∞ % b` | NaN | NaN |
//! | `*` and `/` of constants at ±∞ or by 0 (`1/0`, `∞·2`) | as `f64` | 0 (a constant stays constant; no `∞·0 = NaN`) |
//! | `atan2(0, 0)`, `hypot(0, 0)` | as `f64` | 0 (all orders): the derivative is undefined there; 0 is the minimum-norm subgradient |
//! | outside a function's domain (`ln(-1)`, `asin(2)`, `atanh(2)`, `acosh(0.5)`) | NaN | NaN |
//! | `ln(0)`, `log2(0)`, `log10(0)` (also at `-0.0`) | -∞ | +∞ (from the right) |
//! | `asin` at ±1; `acos` at ±1 | ±π/2; 0 or π | +∞; -∞ |
//! | `atanh` at ±1; `acosh(1)` | ±∞; 0 | +∞; +∞ |
//! | `clamp` with `min > max` | never panics: `min` below `min`, else `max` above `max` | the selected argument's |
//! | reverse mode ([`Var`]): an inner derivative that is 0 only because recorded terms cancel, `((x + y) - (y + x)).sqrt()` | as `f64` | NaN (forward mode: 0); within one variable, `(x - x).sqrt()`, 0 |
//!
//! No function panics, for any input: NaN, ±∞, ±0 and subnormals included.
//!
//! ## Taylor mode
//!
//! A [`Jet`] carries a truncated Taylor series, so one evaluation gives
//! every derivative up to any order at O(K²) cost per operation:
//!
//! ```
//! use autodiff_core::{derivatives, taylor, Float};
//!
//! // e^(-x²) = 1 - x² + x⁴/2 - …: K = 5 coefficients, orders 0..=4
//! let c = taylor::<_, 5>(|x| (-x * x).exp(), 0.0);
//! assert_eq!(c, [1.0, 0.0, -1.0, 0.0, 0.5]);
//! // x⁵ at 1: 1, 5, 20, 60, 120, 120
//! assert_eq!(derivatives::<_, 6>(|x| x.powi(5), 1.0), [1.0, 5.0, 20.0, 60.0, 120.0, 120.0]);
//! ```
//!
//! `Jet<T, K>` stores the K coefficients f⁽ᵏ⁾(x₀)/k! (order K − 1); see
//! [`taylor`], [`derivatives`], [`nth_derivative`] and [`taylor_along`].
//!
//! ## Implicit differentiation
//!
//! For a solution x*(θ) of g(x, θ) = 0 that your own solver finds (Newton,
//! bisection, a library call), [`implicit_root`] (one unknown) and
//! [`implicit_solve`] (n unknowns) turn the converged `f64` x* into x*(θ)
//! in θ's number type, with dx*/dθ = −g_x⁻¹ g_θ (and higher orders for a
//! higher-order θ), from one Jacobian of g — never by differentiating the
//! solver's iterations. The result is an ordinary number, so a loss of
//! x*(θ) differentiates with any driver:
//!
//! ```
//! use autodiff_core::{derivative, implicit_root, Scalar};
//!
//! fn g<T: Scalar>(x: T, theta: T) -> T {
//!     x * x - theta // x* = √θ
//! }
//! let x_star = 3.0; // from any solver, at θ = 9
//! let dx = derivative(|th| implicit_root(g, x_star, th), 9.0);
//! assert_eq!(dx, 1.0 / 6.0); // d√θ/dθ = 1/(2√θ)
//! ```
//!
//! The derivatives come from Newton steps taken in θ's number type from
//! x*: each step doubles the number of exact orders, so one step (one
//! evaluation of g, or for n unknowns one Jacobian g_x in ⌈n/8⌉ passes)
//! gives first derivatives and two give second derivatives
//! ([`Real::derivative_order`] decides how many). The value part is x*
//! improved by those steps. The derivatives are as accurate as x* is
//! converged (their error is of the order of the residual over g_x); where
//! g_x is singular at x* (a double root, a fold) they are non-finite.
//!
//! ## Linear algebra: nalgebra (feature `nalgebra`)
//!
//! With the `nalgebra` feature every number type is a nalgebra `RealField`
//! (and `ComplexField`), so matrices of dual numbers factorise (LU, QR,
//! Cholesky, SVD, symmetric eigen, Schur), invert, solve and take
//! determinants and norms, and code generic over `T: RealField + Copy`
//! differentiates as it is. The `.grad`, `.value_and_grad`, `.hessian` and
//! `.jacobian` methods take `SVector<f64, N>`, `DVector<f64>` and
//! `&DVector<f64>` and return the gradient as the same vector type and
//! Hessians and Jacobians as `SMatrix`/`DMatrix`.
//!
//! ```
//! # #[cfg(feature = "nalgebra")] {
//! use autodiff_core::{Dual64, Grad, Real};
//! use nalgebra::{Matrix2, SVector};
//!
//! // d det(A + tB)/dt = det(A) tr(A⁻¹B): seed the ε parts with B.
//! let a = Matrix2::new(2.0, 1.0, 1.0, 3.0);
//! let b = Matrix2::new(0.5, 0.0, 1.0, 1.0);
//! let at = a.map(Dual64::cst) + b.map(|bij| Dual64::new(0.0, bij));
//! let want = a.determinant() * (a.try_inverse().unwrap() * b).trace();
//! assert!((at.determinant().eps - want).abs() < 1e-14);
//!
//! // Generic nalgebra code: ∇ ln det [[a, b], [b, c]] = [c, −2b, a]/(ac − b²).
//! fn log_det<T: nalgebra::RealField + Copy>(p: SVector<T, 3>) -> T {
//!     Matrix2::new(p[0], p[1], p[1], p[2]).determinant().ln()
//! }
//! let g = log_det.grad(SVector::<f64, 3>::new(2.0, 0.5, 3.0));
//! assert!((g - SVector::<f64, 3>::new(3.0, -1.0, 2.0) / 5.75).norm() < 1e-15);
//! # }
//! ```
//!
//! **What an iterative decomposition's derivative means.** The symmetric
//! eigen-decomposition, the SVD and the Schur form iterate until the values
//! converge (their tests look at the real parts, as every comparison
//! does); the derivative parts ride through the same iterations, so the
//! result is the derivative of the converged factors: for a simple
//! eigenvalue dλ = wᵀ(dA)v / wᵀv (w, v its left and right eigenvectors;
//! vᵀ(dA)v for a symmetric A), for a simple singular value dσ = uᵀ(dA)v
//! (tested against these closed forms, and to second order for the
//! symmetric eigenvalues). Two cases differ:
//!
//! - At a repeated eigenvalue or singular value the individual ones are
//!   not differentiable, and the derivative parts are whatever the
//!   iteration produced: use symmetric functions of them (their sum, the
//!   trace, the determinant) there.
//! - A matrix whose *value* is already in converged form (diagonal for the
//!   symmetric eigen-decomposition and the SVD, triangular for Schur) is
//!   returned without iterating, so the off-diagonal derivative parts are
//!   dropped: first derivatives of a diagonal symmetric matrix's
//!   eigenvalues and singular values are still right (dλᵢ = dAᵢᵢ), but
//!   second derivatives there, and Schur's eigenvalue derivatives of a
//!   triangular value, are not. Differentiate at a nearby point, or
//!   through the characteristic polynomial, there.
//!
//! **The two `Scalar`s.** nalgebra and this crate both export a trait
//! called `Scalar`. With `use nalgebra::*;` and the prelude's glob in one
//! scope, add `use autodiff::Scalar;` (an explicit import wins over both
//! globs). A type parameter bound by both `Scalar` and nalgebra's
//! `RealField` sees every elementary function twice (`Float::sin` and
//! `ComplexField::sin`, the same function with the same derivative) and
//! `x.sin()` is ambiguous (E0034): write linear-algebra code with
//! `T: RealField + Copy` and scalar code with `T: Scalar`, or call through
//! the trait (`Float::sin(x)`) where one function needs both.
//!
//! **In a `#[differentiable]` fn** and in generic code bound by `Scalar`,
//! the scalar is also nalgebra's `SimdRealField` (whose methods are all
//! `simd_`-prefixed, so `x.sin()` stays unambiguous): arithmetic, `dot`,
//! `norm`, `normalize`, `cross` and `Cholesky::new` work on its vectors and
//! matrices. A `#[differentiable]` fn that factorises (it calls `lu`, `qr`,
//! `cholesky`, `svd`, `symmetric_eigen`, `determinant`, `try_inverse`, …)
//! gets a `RealField` scalar instead, and the macro writes its calls of the
//! names `RealField` shares with `Float` (`x.sin()`, `x.abs()`, `i.max(1)`)
//! as calls of one unambiguous function each. They take numbers, `f64`
//! data, references to them, integers (`max`, `min`, `clamp`, `abs`,
//! `signum`) and matrices (`abs`); a value of another type with a method of
//! one of those names (a quaternion's `ln`) does not work there: write such
//! a function generically over `T: RealField + Copy`, as `log_det` above,
//! and differentiate it with the same methods. A `#[differentiable]` fn
//! that calls one that factorises says so, `#[differentiable(real_field)]`
//! (the compiler's error names it). nalgebra combines only matrices of one
//! element type, so a `#[constant]` vector or matrix of `f64` data meets
//! the differentiated ones as `w.map(f64::from)` (which the macro lifts):
//! `x.cross(&w.map(f64::from))`.
//!
//! ## Drivers
//!
//! [`derivative`], [`value_and_derivative`], [`second_derivative`] and
//! [`second_partial_derivative`] seed the right number, call the function
//! and unpack the result.
#![deny(missing_docs)]
#![deny(unconditional_recursion)]
// A dual number's product and quotient rules are built from sums and
// products of its parts by design.
#![allow(clippy::suspicious_arithmetic_impl)]

#[doc(hidden)]
pub mod __private;
mod check;
pub mod chunked;
mod compare;
mod display;
mod drivers;
mod dual;
mod dual2;
mod dual2vec;
mod dualvec;
mod float;
mod hyperdual;
mod implicit;
mod integrations;
mod jet;
mod jet_float;
mod linear_solve;
mod methods;
mod number;
mod ops;
mod params;
mod real;
mod reverse;
mod rules;
mod scalar;
#[doc(hidden)]
pub mod shapes;
mod softmax;
mod sparse;
mod special;
mod tape;
mod tape2;
mod taylor;
mod var;
mod var2;
mod vector;

pub use check::{check_derivative, check_gradient, DerivativeCheck, GradientCheck};
pub use chunked::{
    gradient_forward, gradient_slice, gradient_slice_chunked, hessian_slice, hessian_slice_chunked,
    jacobian_slice, jacobian_slice_chunked, jvp_slice,
};
pub use drivers::{derivative, second_derivative, second_partial_derivative, value_and_derivative};
pub use dual::{Dual, Dual32, Dual64};
pub use dual2::{Dual2, Dual2_32, Dual2_64};
pub use dual2vec::{Dual2Vec, Dual2Vec64};
pub use dualvec::{DualVec, DualVec32, DualVec64};
pub use hyperdual::{HyperDual, HyperDual32, HyperDual64};
pub use implicit::{implicit_root, implicit_solve};
#[cfg(feature = "argmin")]
pub use integrations::argmin;
pub use jet::{Jet, Jet32, Jet64};
pub use methods::{Grad, Hessian, Jacobian, Outputs, ValueAndGrad};
pub use num_traits::float::TotalOrder;
pub use num_traits::{Float, FloatConst};
pub use params::{gradient_params, jvp_params, Differentiable};
pub use real::Real;
pub use reverse::{gradient_reverse, hessian_reverse, hvp_slice, jacobian_reverse, vjp};
pub use scalar::{AssignFrom, ByRefOps, F64Ops, LeftOps, RefOps, Scalar};
pub use softmax::softmax;
pub use sparse::{
    hessian_sparse, jacobian_sparse, PatternChanged, SparseHessian, SparseJacobian, SparseMatrix,
    SparsityPattern,
};
pub use taylor::{derivatives, nth_derivative, taylor, taylor_along};
pub use var::{Var, Var32, Var64};
pub use var2::{Var2, Var2_32, Var2_64};
pub use vector::{gradient, hessian, hvp, jacobian, jvp};
