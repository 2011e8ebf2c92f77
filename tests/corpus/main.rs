//! A corpus of ordinary f64 numeric Rust, each fn marked `#[differentiable]`,
//! each checked against Richardson-extrapolated finite differences of the
//! same fn called with plain f64 (see `support.rs`).
//!
//! One topic per module; every form starts with a `// form: NAME` marker
//! (optionally `needs OTHER`), so it can be built in isolation.
#![deny(warnings)]
#![deny(clippy::all)]

#[macro_use]
mod support;

mod accumulators;
mod closures;
mod constant_data;
mod early_returns;
mod f32;
mod integration;
mod iterators;
mod loops;
mod math;
mod methods;
mod multi_output;
mod newton;
mod paths;
mod sorting;
mod statistics;
mod structs;
