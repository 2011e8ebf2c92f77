//! Closures defined in the body: typed, untyped, capturing, FnMut, passed on.

use autodiff::prelude::*;

/// A generic helper, as users write one: midpoint quadrature. Called with
/// a differentiated closure, it is `#[differentiable]` too (its own type
/// parameter stays).
#[differentiable]
fn midpoint<F: Fn(f64) -> f64>(f: F, a: f64, b: f64, n: usize) -> f64 {
    let h = (b - a) / n as f64;
    (0..n).map(|i| f(a + (i as f64 + 0.5) * h)).sum::<f64>() * h
}

// form: closure_capturing_parameter
#[differentiable]
fn closure_capturing_parameter(x: f64) -> f64 {
    let f = |t: f64| t * x + t.sin();
    f(2.0) * f(3.0)
}

#[test]
fn closure_capturing_parameter_fd() {
    check_scalar!(closure_capturing_parameter, [0.3, 1.7, -2.2]);
}

// form: closure_untyped_argument
#[differentiable]
fn closure_untyped_argument(x: f64) -> f64 {
    let sq = |v| v * v;
    sq(x) + sq(x.sin())
}

#[test]
fn closure_untyped_argument_fd() {
    check_scalar!(closure_untyped_argument, [0.3, 1.7, -2.2]);
}

// form: closure_capturing_constant
#[differentiable]
fn closure_capturing_constant(x: f64, #[constant] k: f64) -> f64 {
    let g = |t| k * t;
    g(x).exp() + g(x * x)
}

#[test]
fn closure_capturing_constant_fd() {
    check_scalar!((|x| closure_capturing_constant(x, 0.75)), [0.3, 1.7, -2.2]);
}

// form: closure_returning_closure
#[differentiable]
fn closure_returning_closure(x: f64) -> f64 {
    let make = |a: f64| move |t: f64| a * t + a.powi(2);
    let f = make(x);
    f(2.0) + make(0.5)(x)
}

#[test]
fn closure_returning_closure_fd() {
    check_scalar!(closure_returning_closure, [0.3, 1.7, -2.2]);
}

// form: closure_fnmut_accumulator
#[differentiable]
fn closure_fnmut_accumulator(x: &[f64]) -> f64 {
    let mut total = 0.0;
    let mut add = |v: f64| total += v * v;
    for &v in x {
        add(v);
    }
    total
}

#[test]
fn closure_fnmut_accumulator_fd() {
    check_slice!(closure_fnmut_accumulator, [[0.3, -1.7, 2.2], [1.5, 0.25, -3.0, 4.0], [0.5]]);
}

// form: closure_passed_to_plain_generic_helper
#[differentiable]
fn closure_passed_to_plain_generic_helper(k: f64) -> f64 {
    midpoint(|t| (k * t).exp(), 0.0, 1.0, 50)
}

#[test]
fn closure_passed_to_plain_generic_helper_fd() {
    check_scalar!(closure_passed_to_plain_generic_helper, [0.3, 1.7, -2.2]);
}

// form: closure_by_ref_times_constant
#[differentiable]
fn closure_by_ref_times_constant(x: &[f64], #[constant] scale: f64) -> f64 {
    let f = |v: &f64| (v * scale).tanh();
    x.iter().map(f).sum()
}

#[test]
fn closure_by_ref_times_constant_fd() {
    check_slice!(
        (|x: &_| closure_by_ref_times_constant(x, 0.8)),
        [[0.3, -1.7, 2.2], [1.5, 0.25, -3.0, 4.0], [0.5]]
    );
}

// form: closure_composition
#[differentiable]
fn closure_composition(x: f64) -> f64 {
    let f = |t: f64| t.exp();
    let g = |t: f64| t.ln_1p();
    let h = |t: f64| g(f(t)) * t;
    h(x) + g(x.abs())
}

#[test]
fn closure_composition_fd() {
    check_scalar!(closure_composition, [0.3, 1.7, -2.2]);
}

// form: closure_stored_in_vec
#[differentiable]
fn closure_stored_in_vec(x: f64) -> f64 {
    let basis: Vec<Box<dyn Fn(f64) -> f64>> =
        vec![Box::new(|t| t), Box::new(|t| t * t), Box::new(f64::cos)];
    basis.iter().map(|b| b(x)).sum()
}

#[test]
fn closure_stored_in_vec_fd() {
    check_scalar!(closure_stored_in_vec, [0.3, 1.7, -2.2]);
}

// form: closure_returns_tuple
#[differentiable]
fn closure_returns_tuple(x: f64, y: f64) -> f64 {
    let grad_like = |a: f64, b: f64| (2.0 * a * b, a * a + b.cos());
    let (u, v) = grad_like(x, y);
    u * v
}

#[test]
fn closure_returns_tuple_fd() {
    check_tuple2!(closure_returns_tuple, [(0.3, 1.7), (-2.2, 0.4), (1.1, -0.9)]);
}

// form: impl_fn_parameter
#[differentiable]
fn impl_fn_parameter(f: impl Fn(f64) -> f64, x: f64) -> f64 {
    f(f(x)) + f(x) * x
}

#[test]
fn impl_fn_parameter_fd() {
    // The inner closure calls a method on its parameter, so the outer one
    // goes through a driver, which names its type (`.grad` on a closure
    // cannot, see the macro docs).
    for x in [0.3, 1.7, -2.2] {
        let plain = |v: &[f64]| impl_fn_parameter(|t| t.sin() + 0.5 * t, v[0]);
        let ad = derivative(|x| impl_fn_parameter(|t| t.sin() + 0.5 * t, x), x);
        crate::support::grad("impl_fn_parameter derivative", &plain, &[x], &ad);
    }
}

// form: iterator_successors_and_format
#[differentiable]
fn iterator_successors_and_format(x: f64) -> f64 {
    let halvings: Vec<f64> = std::iter::successors(Some(x), |&t| Some(t * 0.5)).take(10).collect();
    let label = format!("{:.3}", halvings[1]);
    assert!(!label.is_empty());
    halvings.iter().map(|t| t.cos()).sum()
}

#[test]
fn iterator_successors_and_format_fd() {
    check_scalar!(iterator_successors_and_format, [0.3, 1.7, -2.2]);
}

// form: nested_helper_fn
#[differentiable]
fn nested_helper_fn(x: f64, #[constant] k: f64) -> f64 {
    // a local helper, written as a plain f64 fn inside the body
    fn smooth_abs(t: f64, eps: f64) -> f64 {
        (t * t + eps * eps).sqrt()
    }
    fn count_steps(n: usize) -> usize {
        n * 2
    }
    smooth_abs(x - k, 0.1) * count_steps(2) as f64 + smooth_abs(k, 0.5)
}

#[test]
fn nested_helper_fn_fd() {
    check_scalar!((|x| nested_helper_fn(x, 0.75)), [0.3, 1.7, -2.2]);
}

// form: turbofish_types
#[differentiable]
fn turbofish_types(x: f64) -> f64 {
    let mut v = Vec::<f64>::with_capacity(3);
    v.extend([x, 2.0 * x, x * x]);
    let total = v.iter().copied().sum::<f64>();
    let parsed = "1.5".parse::<f64>().unwrap_or(0.0);
    total * parsed
}

#[test]
fn turbofish_types_fd() {
    check_scalar!(turbofish_types, [0.3, 1.7, -2.2]);
}
