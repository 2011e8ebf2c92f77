use autodiff::prelude::*;

#[differentiable]
fn residuals(x: f64, #[constant] out: &mut [f64]) -> f64 {
    out[0] = x * 2.0;
    x
}

fn main() {}
