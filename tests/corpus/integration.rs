//! Quadrature and ODE steppers with the differentiated parameter inside.

use autodiff::prelude::*;

const GAUSS_NODES: [f64; 3] = [-0.774_596_669_241_483_4, 0.0, 0.774_596_669_241_483_4];
const GAUSS_WEIGHTS: [f64; 3] = [5.0 / 9.0, 8.0 / 9.0, 5.0 / 9.0];

// form: trapezoid_rule
#[differentiable]
fn trapezoid_rule(a: f64) -> f64 {
    // ∫₀¹ e^{a t} dt
    let n = 200;
    let h = 1.0 / n as f64;
    let mut s = 0.5 * (1.0 + a.exp());
    for i in 1..n {
        let t = i as f64 * h;
        s += (a * t).exp();
    }
    s * h
}

#[test]
fn trapezoid_rule_fd() {
    check_scalar!(trapezoid_rule, [0.3, 1.7, -2.2]);
}

// form: simpson_with_closure
#[differentiable]
fn simpson_with_closure(k: f64) -> f64 {
    let f = |t: f64| (k * t).sin() / (1.0 + t * t);
    let (a, b, n) = (0.0, 2.0, 100);
    let h = (b - a) / n as f64;
    let mut s = f(a) + f(b);
    for i in 1..n {
        let w = if i % 2 == 1 { 4.0 } else { 2.0 };
        s += w * f(a + i as f64 * h);
    }
    s * h / 3.0
}

#[test]
fn simpson_with_closure_fd() {
    check_scalar!(simpson_with_closure, [0.3, 1.7, -2.2]);
}

// form: euler_decay
#[differentiable]
fn euler_decay(k: f64) -> f64 {
    let mut y = 1.0;
    let dt = 0.01;
    for _ in 0..100 {
        y += -k * y * dt;
    }
    y
}

#[test]
fn euler_decay_fd() {
    check_scalar!(euler_decay, [0.3, 1.7, -2.2]);
}

// form: rk4_pendulum_tuple_state
#[differentiable]
fn rk4_pendulum_tuple_state(theta0: f64, #[constant] g_over_l: f64) -> f64 {
    let rhs = |th: f64, om: f64| (om, -g_over_l * th.sin());
    let (mut th, mut om) = (theta0, 0.0);
    let h = 0.01;
    for _ in 0..100 {
        let (k1t, k1o) = rhs(th, om);
        let (k2t, k2o) = rhs(th + 0.5 * h * k1t, om + 0.5 * h * k1o);
        let (k3t, k3o) = rhs(th + 0.5 * h * k2t, om + 0.5 * h * k2o);
        let (k4t, k4o) = rhs(th + h * k3t, om + h * k3o);
        th += h / 6.0 * (k1t + 2.0 * k2t + 2.0 * k3t + k4t);
        om += h / 6.0 * (k1o + 2.0 * k2o + 2.0 * k3o + k4o);
    }
    th
}

#[test]
fn rk4_pendulum_tuple_state_fd() {
    check_scalar!((|t| rk4_pendulum_tuple_state(t, 9.81)), [0.3, 1.7, -2.2]);
}

// form: rk4_step_differentiable_helper
#[differentiable]
fn logistic_rhs(y: f64, r: f64) -> f64 {
    r * y * (1.0 - y)
}

#[differentiable]
fn rk4_step(y: f64, r: f64, h: f64) -> f64 {
    let k1 = logistic_rhs(y, r);
    let k2 = logistic_rhs(y + 0.5 * h * k1, r);
    let k3 = logistic_rhs(y + 0.5 * h * k2, r);
    let k4 = logistic_rhs(y + h * k3, r);
    y + h / 6.0 * (k1 + 2.0 * k2 + 2.0 * k3 + k4)
}

#[differentiable]
fn rk4_step_differentiable_helper(r: f64) -> f64 {
    let mut y = 0.1;
    for _ in 0..50 {
        y = rk4_step(y, r, 0.1);
    }
    y
}

#[test]
fn rk4_step_differentiable_helper_fd() {
    check_scalar!(rk4_step_differentiable_helper, [0.3, 1.7, -0.2]);
}

// form: midpoint_rule_constant_n
#[differentiable]
fn midpoint_rule_constant_n(a: f64, #[constant] n: usize) -> f64 {
    (0..n)
        .map(|i| {
            let t = (i as f64 + 0.5) / n as f64;
            (a * t * t).cos()
        })
        .sum::<f64>()
        / n as f64
}

#[test]
fn midpoint_rule_constant_n_fd() {
    check_scalar!((|a| midpoint_rule_constant_n(a, 64)), [0.3, 1.7, -2.2]);
}

// form: gauss_legendre_module_consts
#[differentiable]
fn gauss_legendre_module_consts(a: f64) -> f64 {
    let mut s = 0.0;
    for (&x, &w) in GAUSS_NODES.iter().zip(&GAUSS_WEIGHTS) {
        s += w * (a * x).exp();
    }
    s
}

#[test]
fn gauss_legendre_module_consts_fd() {
    check_scalar!(gauss_legendre_module_consts, [0.3, 1.7, -2.2]);
}

// form: leapfrog_energy_drift
#[differentiable]
fn leapfrog_energy_drift(q0: f64, #[constant] steps: usize) -> f64 {
    let (mut q, mut p) = (q0, 0.0);
    let dt = 0.1;
    for _ in 0..steps {
        p -= 0.5 * dt * q.powi(3);
        q += dt * p;
        p -= 0.5 * dt * q.powi(3);
    }
    0.5 * p * p + 0.25 * q.powi(4)
}

#[test]
fn leapfrog_energy_drift_fd() {
    check_scalar!((|q| leapfrog_energy_drift(q, 50)), [0.3, 1.7, -1.2]);
}

// form: inline_const_nodes_in_body
#[differentiable]
fn inline_const_nodes_in_body(a: f64) -> f64 {
    const NODES: [f64; 2] = [-0.577_350_269_189_625_8, 0.577_350_269_189_625_8];
    NODES.iter().map(|&t| (a * t).sin().powi(2) + t * a).sum()
}

#[test]
fn inline_const_nodes_in_body_fd() {
    check_scalar!(inline_const_nodes_in_body, [0.3, 1.7, -2.2]);
}

// form: heat_equation_explicit
#[differentiable]
fn heat_equation_explicit(kappa: f64) -> f64 {
    let n = 12;
    let mut u: Vec<f64> =
        (0..n).map(|i| (std::f64::consts::PI * i as f64 / (n - 1) as f64).sin()).collect();
    let (dx, dt) = (1.0 / (n - 1) as f64, 1e-3);
    for _ in 0..50 {
        let prev = u.clone();
        for i in 1..n - 1 {
            u[i] = prev[i] + kappa * dt / (dx * dx) * (prev[i + 1] - 2.0 * prev[i] + prev[i - 1]);
        }
    }
    u.iter().sum()
}

#[test]
fn heat_equation_explicit_fd() {
    check_scalar!(heat_equation_explicit, [0.3, 1.7, 0.05]);
}
