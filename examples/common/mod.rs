//! Shared pieces of the examples, the tour and `tests/seeds.rs`.
//!
//! - [`seeds`]: the computations of SEEDS.md's programs (the derivative
//!   table, finite differences, gradient descent, the backprop network, the
//!   seed's `Function`/`prime()` class), written as a user of the crate
//!   writes them. `tests/seeds.rs` includes this file too and checks every
//!   number against SEEDS.md, so the examples cannot drift.
//! - [`plot`]: a small layer over `plotters`' SVG backend (line charts with
//!   linear or log axes, panels, heat maps, 3-D surfaces).
//! - [`figures`]: the pictures that both an example and the tour draw.
//! - [`rosenbrock`]: the function the argmin examples minimise.
//!
//! Cargo does not build this directory as an example (an example is
//! `examples/*.rs` or `examples/*/main.rs`); each example pulls it in with
//! `mod common;`.

// Each example uses only some of these helpers.
#![allow(dead_code)]

pub mod figures;
pub mod plot;
pub mod rosenbrock;
pub mod seeds;
