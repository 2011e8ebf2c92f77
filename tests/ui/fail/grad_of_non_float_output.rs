use autodiff::prelude::*;

#[differentiable]
fn root(x: f64) -> Option<f64> {
    if x >= 0.0 {
        Some(x.sqrt())
    } else {
        None
    }
}

fn main() {
    let _ = root.grad(4.0);
}
