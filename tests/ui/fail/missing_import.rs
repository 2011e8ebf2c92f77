#[autodiff::differentiable]
fn f(x: f64) -> f64 {
    x * x
}

fn main() {
    let _ = f.grad(1.0);
}
