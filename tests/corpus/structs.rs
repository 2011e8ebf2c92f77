//! `#[derive(Differentiable)]` parameter structs, and plain structs of
//! constant data.

use autodiff::prelude::*;

/// A line y = slope·x + intercept.
#[derive(Differentiable)]
pub struct Line<T> {
    pub slope: T,
    pub intercept: T,
}

/// A 2-3-1 tanh network.
#[derive(Differentiable)]
pub struct Mlp<T> {
    pub w: [[T; 2]; 3],
    pub b: [T; 3],
    pub v: [T; 3],
    pub c: T,
}

/// A polynomial with a runtime number of coefficients.
#[derive(Differentiable)]
pub struct Poly<T> {
    pub coef: Vec<T>,
}

/// A scaled inner model.
#[derive(Differentiable)]
pub struct Scaled<T> {
    pub inner: Line<T>,
    pub scale: T,
}

/// Parameters with a constant iteration count carried along.
#[derive(Differentiable)]
pub struct Damped<T> {
    pub k: T,
    pub c: T,
    #[constant]
    pub steps: usize,
}

/// Plain constant data, as a user keeps it.
pub struct Dataset {
    pub xs: Vec<f64>,
    pub ys: Vec<f64>,
}

/// Plain configuration with f64 fields.
pub struct Gate {
    pub threshold: f64,
    pub gain: f64,
}

// form: struct_line_tuple_data
#[differentiable]
fn struct_line_tuple_data(p: &Line<f64>, #[constant] data: &[(f64, f64)]) -> f64 {
    data.iter().map(|&(x, y)| (p.slope * x + p.intercept - y).powi(2)).sum()
}

#[test]
fn struct_line_tuple_data_fd() {
    let data = [(1.0, 3.0), (2.0, 5.5), (-0.5, 0.25)];
    check_params!(
        (|p: &_| struct_line_tuple_data(p, &data)),
        [
            Line { slope: 0.3, intercept: -1.7 },
            Line { slope: 2.0, intercept: 1.0 },
            Line { slope: -3.5, intercept: 0.25 }
        ]
    );
}

// form: struct_mlp_forward
#[differentiable]
fn struct_mlp_forward(net: &Mlp<f64>, #[constant] x: [f64; 2]) -> f64 {
    let mut out = net.c;
    for ((w, b), v) in net.w.iter().zip(&net.b).zip(&net.v) {
        let h = (w[0] * x[0] + w[1] * x[1] + b).tanh();
        out += v * h;
    }
    out
}

#[test]
fn struct_mlp_forward_fd() {
    let net = |s: f64| Mlp {
        w: [[0.5 * s, -0.3], [0.1, 0.8 * s], [-0.6, 0.2]],
        b: [0.05, -0.1 * s, 0.2],
        v: [1.0, -0.5, 0.25 * s],
        c: 0.1,
    };
    check_params!((|p: &_| struct_mlp_forward(p, [0.7, -1.2])), [net(1.0), net(-0.7), net(2.3)]);
}

// form: struct_vec_field_polynomial
#[differentiable]
fn struct_vec_field_polynomial(p: &Poly<f64>, #[constant] x: f64) -> f64 {
    p.coef.iter().rev().fold(0.0, |acc, &c| acc * x + c)
}

#[test]
fn struct_vec_field_polynomial_fd() {
    check_params!(
        (|p: &_| struct_vec_field_polynomial(p, 1.3)),
        [
            Poly { coef: vec![0.3, -1.7, 2.2] },
            Poly { coef: vec![1.5, 0.25, -3.0, 4.0] },
            Poly { coef: vec![0.5] }
        ]
    );
}

// form: struct_nested_model
#[differentiable]
fn struct_nested_model(m: &Scaled<f64>) -> f64 {
    let y = m.inner.slope * 2.0 + m.inner.intercept;
    (m.scale * y).sin() + m.scale.powi(2)
}

#[test]
fn struct_nested_model_fd() {
    let m = |a: f64, b: f64, s: f64| Scaled { inner: Line { slope: a, intercept: b }, scale: s };
    check_params!(struct_nested_model, [m(0.3, -1.7, 2.2), m(1.5, 0.25, -3.0), m(-0.4, 0.6, 0.9)]);
}

// form: struct_constant_field_steps
#[differentiable]
fn struct_constant_field_steps(p: &Damped<f64>) -> f64 {
    let (mut x, mut v) = (1.0, 0.0);
    let dt = 0.05;
    for _ in 0..p.steps {
        let a = -p.k * x - p.c * v;
        v += a * dt;
        x += v * dt;
    }
    x
}

#[test]
fn struct_constant_field_steps_fd() {
    check_params!(
        struct_constant_field_steps,
        [
            Damped { k: 2.0, c: 0.3, steps: 40 },
            Damped { k: 0.7, c: 1.1, steps: 25 },
            Damped { k: 5.5, c: 0.05, steps: 60 }
        ]
    );
}

// form: struct_held_constant_dataset
#[differentiable]
fn struct_held_constant_dataset(p: &Line<f64>, #[constant] d: &Dataset) -> f64 {
    d.xs.iter().zip(&d.ys).map(|(x, y)| (p.slope * x + p.intercept - y).powi(2)).sum::<f64>()
        / d.xs.len() as f64
}

#[test]
fn struct_held_constant_dataset_fd() {
    let d = Dataset { xs: vec![1.0, 2.0, -0.5], ys: vec![3.0, 5.5, 0.25] };
    check_params!(
        (|p: &_| struct_held_constant_dataset(p, &d)),
        [
            Line { slope: 0.3, intercept: -1.7 },
            Line { slope: 2.0, intercept: 1.0 },
            Line { slope: -3.5, intercept: 0.25 }
        ]
    );
}

// form: constant_struct_threshold_compare
#[differentiable]
fn constant_struct_threshold_compare(x: f64, #[constant] g: &Gate) -> f64 {
    if x > g.threshold {
        g.gain * (x - g.threshold)
    } else if g.threshold < -x {
        x * x
    } else {
        0.0
    }
}

#[test]
fn constant_struct_threshold_compare_fd() {
    let g = Gate { threshold: 0.5, gain: 2.5 };
    check_scalar!((|x| constant_struct_threshold_compare(x, &g)), [1.7, 2.2, -2.2, 0.3]);
}

// form: struct_grad_through_local_copy
#[differentiable]
fn struct_grad_through_local_copy(p: &Line<f64>) -> f64 {
    let Line { slope, intercept } = p;
    let a = *slope;
    (a * a + intercept * intercept).sqrt()
}

#[test]
fn struct_grad_through_local_copy_fd() {
    check_params!(
        struct_grad_through_local_copy,
        [
            Line { slope: 0.3, intercept: -1.7 },
            Line { slope: 2.0, intercept: 1.0 },
            Line { slope: -3.5, intercept: 0.25 }
        ]
    );
}

// form: generic_state_struct_in_simulation
/// A simulation's state, generic so that it can hold differentiated values.
#[derive(Clone, Copy)]
struct Oscillator<T> {
    pos: T,
    vel: T,
}

#[differentiable]
fn generic_state_struct_in_simulation(k: f64) -> f64 {
    // symplectic Euler for x'' = -k x, 200 steps of 0.01
    let mut s: Oscillator<f64> = Oscillator { pos: 1.0, vel: 0.0 };
    for _ in 0..200 {
        s.vel -= 0.01 * k * s.pos;
        s.pos += 0.01 * s.vel;
    }
    s.pos + 0.1 * s.vel
}

#[test]
fn generic_state_struct_in_simulation_fd() {
    check_scalar!(generic_state_struct_in_simulation, [0.3, 1.7, 4.2]);
}
