//! Code using the macro compiles cleanly under `#![deny(warnings)]`, with
//! doc comments, visibility and attributes kept.
#![deny(warnings, missing_docs, clippy::all)]

use autodiff::prelude::*;

/// The logistic loss of one sample.
#[differentiable]
#[inline]
pub fn logistic_loss(w: [f64; 2], #[constant] sample: (f64, f64)) -> f64 {
    let (x, y) = sample;
    let z = w[0] * x + w[1];
    let p = z.sigmoid();
    -(y * p.ln() + (1.0 - y) * (1.0 - p).ln())
}

/// Gradient descent on one sample.
pub fn train() -> [f64; 2] {
    let mut w = [0.0, 0.0];
    for _ in 0..10 {
        let g = (|w| logistic_loss(w, (1.0, 1.0))).grad(w);
        w = [w[0] - 0.5 * g[0], w[1] - 0.5 * g[1]];
    }
    w
}

fn main() {
    let w = train();
    assert!(logistic_loss(w, (1.0, 1.0)) < logistic_loss([0.0, 0.0], (1.0, 1.0)));
}
