use autodiff::prelude::*;

#[differentiable(order = 2)]
fn f(x: f64) -> f64 {
    x * x
}

#[differentiable]
fn g(x: f64, #[constant(yes)] k: f64) -> f64 {
    x * k
}

fn main() {}
