use autodiff::prelude::*;

#[differentiable]
fn f(x: f64, #[constant] table: &[f64]) -> f64 {
    let i = x as usize;
    table[i] * x
}

fn main() {}
