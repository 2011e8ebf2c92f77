//! Newton, fixed-point, secant and bisection iterations inside the fn: the
//! derivative of the solution with respect to a parameter.

use autodiff::prelude::*;

// form: newton_sqrt_fixed_count
#[differentiable]
fn newton_sqrt_fixed_count(a: f64) -> f64 {
    let mut x = a;
    for _ in 0..60 {
        x = 0.5 * (x + a / x);
    }
    x
}

#[test]
fn newton_sqrt_fixed_count_fd() {
    check_scalar!(newton_sqrt_fixed_count, [0.3, 1.7, 22.2]);
}

// form: newton_while_tolerance
#[differentiable]
fn newton_while_tolerance(a: f64) -> f64 {
    // cube root by Newton, stopped on the residual
    let mut x = 1.0;
    let mut iterations = 0;
    while (x * x * x - a).abs() > 1e-14 * a.abs().max(1.0) && iterations < 100 {
        x -= (x * x * x - a) / (3.0 * x * x);
        iterations += 1;
    }
    x
}

#[test]
fn newton_while_tolerance_fd() {
    check_scalar!(newton_while_tolerance, [0.3, 1.7, 22.2]);
}

// form: kepler_equation
#[differentiable]
fn kepler_equation(mean_anomaly: f64, #[constant] e: f64) -> f64 {
    let mut ea = mean_anomaly;
    for _ in 0..30 {
        ea -= (ea - e * ea.sin() - mean_anomaly) / (1.0 - e * ea.cos());
    }
    ea
}

#[test]
fn kepler_equation_fd() {
    check_scalar!((|m| kepler_equation(m, 0.3)), [0.3, 1.7, -2.2]);
}

// form: fixed_point_cosine
#[differentiable]
fn fixed_point_cosine(a: f64) -> f64 {
    let mut x = 0.5;
    for _ in 0..300 {
        x = (a * x).cos();
    }
    x
}

#[test]
fn fixed_point_cosine_fd() {
    check_scalar!(fixed_point_cosine, [0.6, 1.0, 0.85]);
}

// form: newton_with_local_closures
#[differentiable]
fn newton_with_local_closures(p: f64) -> f64 {
    // the root of x³ + p·x - 1
    let f = |x: f64| x * x * x + p * x - 1.0;
    let df = |x: f64| 3.0 * x * x + p;
    let mut x = 1.0;
    for _ in 0..50 {
        x -= f(x) / df(x);
    }
    x
}

#[test]
fn newton_with_local_closures_fd() {
    check_scalar!(newton_with_local_closures, [0.3, 1.7, 4.2]);
}

// form: secant_method
#[differentiable]
fn secant_method(k: f64) -> f64 {
    // the root of e^x - k
    let (mut x0, mut x1): (f64, f64) = (0.0, 1.0);
    for _ in 0..100 {
        let (f0, f1) = (x0.exp() - k, x1.exp() - k);
        if (f1 - f0).abs() < 1e-300 || f1 == 0.0 {
            break;
        }
        let x2 = x1 - f1 * (x1 - x0) / (f1 - f0);
        x0 = x1;
        x1 = x2;
    }
    x1
}

#[test]
fn secant_method_fd() {
    check_scalar!(secant_method, [0.9, 1.7, 3.2]);
}

// form: lambert_w_newton
#[differentiable]
fn lambert_w_newton(x: f64) -> f64 {
    let mut w = if x < 1.0 { x } else { x.ln() };
    for _ in 0..40 {
        let ew = w.exp();
        w -= (w * ew - x) / (ew * (w + 1.0));
    }
    w
}

#[test]
fn lambert_w_newton_fd() {
    check_scalar!(lambert_w_newton, [0.3, 1.7, 22.2]);
}

// form: implicit_equation_two_params
#[differentiable]
fn implicit_equation_two_params(a: f64, b: f64) -> f64 {
    // x with x = a + b·sin x (b < 1), by Newton
    let mut x = a;
    for _ in 0..40 {
        let g = x - a - b * x.sin();
        x -= g / (1.0 - b * x.cos());
    }
    x * x
}

#[test]
fn implicit_equation_two_params_fd() {
    check_tuple2!(implicit_equation_two_params, [(0.3, 0.2), (1.7, -0.5), (-2.2, 0.7)]);
}
