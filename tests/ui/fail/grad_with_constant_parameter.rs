use autodiff::prelude::*;

#[differentiable]
fn scaled(x: f64, #[constant] k: f64) -> f64 {
    k * x.sin()
}

fn main() {
    let _ = scaled.grad(1.0);
}
