//! Functions over `f32`, as graphics and ML code writes them, differentiated
//! with the drivers (`derivative(f, 2.0f32)`, `gradient_slice(f, &x)`).

use autodiff::prelude::*;

// form: f32_polynomial
#[differentiable]
fn f32_polynomial(x: f32) -> f32 {
    3.0 * x * x - 2.0 * x + 1.0
}

#[test]
fn f32_polynomial_fd() {
    check_f32!(f32_polynomial, [0.3f32, 1.7, -2.2]);
}

// form: f32_transcendental
#[differentiable]
fn f32_transcendental(x: f32) -> f32 {
    x.sin() * x.exp() + (1.0 + x * x).ln()
}

#[test]
fn f32_transcendental_fd() {
    check_f32!(f32_transcendental, [0.3f32, 1.7, -2.2]);
}

// form: f32_consts_and_cast
#[differentiable]
fn f32_consts_and_cast(x: f32, #[constant] n: u16) -> f32 {
    std::f32::consts::PI * (x / n as f32).cos() + f32::EPSILON
}

#[test]
fn f32_consts_and_cast_fd() {
    check_f32!(|x| f32_consts_and_cast(x, 3), [0.3f32, 1.7, -2.2]);
}

// form: f32_loop_accumulator
#[differentiable]
fn f32_loop_accumulator(x: f32) -> f32 {
    let mut acc = 0.0f32;
    for k in 1..6 {
        acc += (x * k as f32).sin() / k as f32;
    }
    acc
}

#[test]
fn f32_loop_accumulator_fd() {
    check_f32!(f32_loop_accumulator, [0.3f32, 1.7, -2.2]);
}

// form: f32_smoothstep_clamp
#[differentiable]
fn f32_smoothstep_clamp(x: f32) -> f32 {
    let t = ((x - 0.25) / 1.5).clamp(0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}

#[test]
fn f32_smoothstep_clamp_fd() {
    check_f32!(f32_smoothstep_clamp, [0.3f32, 1.1, 0.9]);
}

// form: f32_slice_sum_of_squares
#[differentiable]
fn f32_slice_sum_of_squares(x: &[f32]) -> f32 {
    x.iter().map(|v| v * v).sum()
}

#[test]
fn f32_slice_sum_of_squares_fd() {
    let x = [0.5f32, -1.5, 2.0];
    let (_, g) = gradient_slice(f32_slice_sum_of_squares, &x);
    for (i, gi) in g.iter().enumerate() {
        let partial = |t: f32| {
            let mut v = x;
            v[i] = t;
            f32_slice_sum_of_squares(&v)
        };
        crate::support::check_f32("f32_slice_sum_of_squares.grad", &partial, x[i], *gi);
    }
}
