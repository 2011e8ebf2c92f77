//! The extended Rosenbrock function of the argmin examples, and its
//! standard start.

use autodiff::prelude::*;

/// The extended Rosenbrock function Σ 100 (xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)²:
/// ordinary `f64` code, made generic over the number type by
/// `#[differentiable]`. Its minimum is 0, at all ones.
#[differentiable]
pub fn rosenbrock(x: &[f64]) -> f64 {
    let mut sum = 0.0;
    for i in 0..x.len() - 1 {
        let d = x[i + 1] - x[i] * x[i];
        let e = 1.0 - x[i];
        sum += 100.0 * d * d + e * e;
    }
    sum
}

/// The standard start: −1.2 at even indices, 1.0 at odd ones.
pub fn standard_start(n: usize) -> Vec<f64> {
    (0..n).map(|i| if i % 2 == 0 { -1.2 } else { 1.0 }).collect()
}
