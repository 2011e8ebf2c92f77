use autodiff::prelude::*;

fn plain(x: f64) -> f64 {
    x.sin()
}

#[differentiable]
fn f(x: f64) -> f64 {
    plain(x) * 2.0
}

fn main() {}
