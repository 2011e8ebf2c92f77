use autodiff::prelude::*;

#[differentiable]
fn f(x: f64) -> f64 {
    x * x
}

#[differentiable]
fn g(x: f64, y: f64) -> f64 {
    x * y
}

fn main() {
    let _ = f.grad((1.0, 2.0));
    let _ = g.grad(1.0);
    let _ = g.jacobian((1.0, 2.0));
}
