//! A differentiable fn keeps its own type and const parameters; their
//! bounds take the scalar too.
#![deny(warnings, clippy::all)]

use autodiff::prelude::*;

#[differentiable]
fn norm<const N: usize>(x: [f64; N]) -> f64 {
    x.iter().map(|xi| xi * xi).sum::<f64>().sqrt()
}

#[differentiable]
fn midpoint_rule<F: Fn(f64) -> f64>(f: F, a: f64, b: f64) -> f64 {
    (b - a) * f(0.5 * (a + b))
}

fn main() {
    let g = norm.grad([3.0, 4.0]);
    assert!((g[0] - 0.6).abs() < 1e-15 && (g[1] - 0.8).abs() < 1e-15);
    // d/db (b - 0)·(b/2)² = 3b²/4
    let d = derivative(|b| midpoint_rule(|t| t * t, Dual64::cst(0.0), b), 2.0);
    assert!((d - 3.0).abs() < 1e-15);
}
