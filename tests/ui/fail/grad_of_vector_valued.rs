use autodiff::prelude::*;

#[differentiable]
fn polar(r: f64, theta: f64) -> [f64; 2] {
    [r * theta.cos(), r * theta.sin()]
}

fn main() {
    let _ = polar.grad((1.0, 0.5));
}
