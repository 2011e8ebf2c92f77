//! Property tests (`proptest`) of every elementary function and operator on
//! every number type: `Dual64`, `Dual2_64`, `HyperDual64`, `Dual<Dual64>`,
//! `Dual<Dual2_64>`, `DualVec64<2>`, `Dual2Vec64<2>` and `Jet64<5>`, and
//! the reverse-mode `Var64` and `Var<Dual64>`.
//!
//! - `unary`, `binary`: at random points of each function's domain (kept
//!   away from singularities and kinks by a margin), the first derivative
//!   agrees with a Richardson-extrapolated central difference of the same
//!   function on `f64`, and each higher derivative (to the fourth, through
//!   `Jet64<5>`) with one of the AD derivative an order lower (tolerance
//!   and why: [`support::FD_TOL`]);
//! - `identities`: sin² + cos² = 1, exp(ln x) = x and two dozen more hold
//!   to rounding in value and in every derivative part, and products,
//!   quotients and compositions obey the product, quotient and chain rules,
//!   Leibniz' rule and Faà di Bruno's formula ([`support::ID_TOL`]);
//! - `reverse`: reverse mode (`Var64` through `gradient_reverse`,
//!   `Var<Dual64>` through `hvp_slice`) gives forward mode's gradient and
//!   Hessian–vector product to rounding, for every function of `unary` and
//!   `binary` and for random expression trees over 3–4 inputs
//!   ([`reverse::REV_TOL`]).
//!
//! A failing case prints every disagreeing part (type, part, AD, reference);
//! proptest shrinks it and records it in `*.proptest-regressions` next to
//! the module, which is committed.

mod binary;
mod identities;
mod reverse;
mod support;
mod unary;
