use autodiff::prelude::*;
use nalgebra::Matrix2;

#[differentiable]
fn log_det_of(t: f64) -> f64 {
    Matrix2::new(t, 1.0, 1.0, 2.0 * t).lu().determinant().ln()
}

// Calls a fn that factorises without saying so: the error names
// `#[differentiable(real_field)]`.
#[differentiable]
fn twice_log_det(t: f64) -> f64 {
    2.0 * log_det_of(t)
}

fn main() {
    let _ = twice_log_det.grad(1.5);
}
