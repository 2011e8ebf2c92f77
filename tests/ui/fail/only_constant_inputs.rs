use autodiff::prelude::*;

#[differentiable]
fn scaled(#[constant] k: f64, n: usize) -> f64 {
    k * n as f64
}

fn main() {}
