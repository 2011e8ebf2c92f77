//! Methods with `&self`, calls between differentiable fns, recursion.

use autodiff::prelude::*;
use std::f64::consts::PI;

/// A normal distribution with plain f64 parameters.
pub struct Normal {
    pub mu: f64,
    pub sigma: f64,
}

/// A polynomial with plain coefficients.
pub struct Polynomial {
    pub coeffs: Vec<f64>,
}

/// A model without state.
pub struct Activations;

// form: method_normal_pdf
impl Normal {
    #[differentiable]
    pub fn pdf(&self, x: f64) -> f64 {
        let z = (x - self.mu) / self.sigma;
        (-0.5 * z * z).exp() / (self.sigma * (2.0 * PI).sqrt())
    }
}

#[test]
fn method_normal_pdf_fd() {
    let n = Normal { mu: 0.5, sigma: 1.5 };
    check_scalar!((|x| n.pdf(x)), [0.3, 1.7, -2.2]);
}

// form: method_calling_method needs method_normal_pdf
impl Normal {
    #[differentiable]
    pub fn log_pdf_sum(&self, x: f64) -> f64 {
        self.pdf(x).ln() + self.pdf(2.0 * x).ln()
    }
}

#[test]
fn method_calling_method_fd() {
    let n = Normal { mu: 0.5, sigma: 1.5 };
    check_scalar!((|x| n.log_pdf_sum(x)), [0.3, 1.7, -2.2]);
}

// form: method_horner_seeded_from_field
impl Polynomial {
    #[differentiable]
    pub fn eval(&self, x: f64) -> f64 {
        let mut acc = self.coeffs[self.coeffs.len() - 1];
        for &c in self.coeffs.iter().rev().skip(1) {
            acc = acc * x + c;
        }
        acc
    }
}

#[test]
fn method_horner_seeded_from_field_fd() {
    let p = Polynomial { coeffs: vec![1.0, -2.0, 0.5, 0.25] };
    check_scalar!((|x| p.eval(x)), [0.3, 1.7, -2.2]);
}

// form: method_fold_over_field
impl Polynomial {
    #[differentiable]
    pub fn eval_fold(&self, x: f64) -> f64 {
        self.coeffs.iter().rev().fold(0.0, |acc, &c| acc * x + c)
    }
}

#[test]
fn method_fold_over_field_fd() {
    let p = Polynomial { coeffs: vec![1.0, -2.0, 0.5, 0.25] };
    check_scalar!((|x| p.eval_fold(x)), [0.3, 1.7, -2.2]);
}

// form: associated_fn_called_with_self_path
impl Activations {
    #[differentiable]
    pub fn swish(x: f64) -> f64 {
        x / (1.0 + (-x).exp())
    }
}

#[test]
fn associated_fn_called_with_self_path_fd() {
    check_scalar!(Activations::swish, [0.3, 1.7, -2.2]);
}

// form: associated_fn_calls_self_path needs associated_fn_called_with_self_path
impl Activations {
    #[differentiable]
    pub fn swish_sum(x: f64, y: f64) -> f64 {
        Self::swish(x) + Self::swish(x * y)
    }
}

#[test]
fn associated_fn_calls_self_path_fd() {
    check_tuple2!(Activations::swish_sum, [(0.3, 1.7), (-2.2, 0.4), (1.1, -0.9)]);
}

// form: free_fns_calling_each_other
#[differentiable]
fn softplus_by_hand(x: f64) -> f64 {
    (1.0 + x.exp()).ln()
}

#[differentiable]
fn free_fns_calling_each_other(x: &[f64]) -> f64 {
    x.iter().map(|&v| softplus_by_hand(v)).sum::<f64>() + softplus_by_hand(x[0] * x[x.len() - 1])
}

#[test]
fn free_fns_calling_each_other_fd() {
    check_slice!(free_fns_calling_each_other, [[0.3, -1.7, 2.2], [1.5, 0.25, -3.0, 4.0], [0.5]]);
}

// form: recursive_chebyshev
#[differentiable]
fn recursive_chebyshev(n: u32, x: f64) -> f64 {
    match n {
        0 => 1.0,
        1 => x,
        _ => 2.0 * x * recursive_chebyshev(n - 1, x) - recursive_chebyshev(n - 2, x),
    }
}

#[test]
fn recursive_chebyshev_fd() {
    check_scalar!((|x| recursive_chebyshev(5, x)), [0.3, 0.77, -0.45, 1.7]);
}

// form: slice_fn_calls_slice_fn
#[differentiable]
fn sum_of_cubes(x: &[f64]) -> f64 {
    x.iter().map(|&v| v * v * v).sum()
}

#[differentiable]
fn slice_fn_calls_slice_fn(x: &[f64]) -> f64 {
    let head = &x[..x.len() / 2];
    sum_of_cubes(x) - sum_of_cubes(head).sin()
}

#[test]
fn slice_fn_calls_slice_fn_fd() {
    check_slice!(slice_fn_calls_slice_fn, [[0.3, -1.7, 2.2], [1.5, 0.25, -3.0, 4.0], [0.5, 0.25]]);
}

// form: call_with_constant_argument_forwarded
#[differentiable]
fn scaled_energy(x: f64, #[constant] k: f64) -> f64 {
    0.5 * k * x * x
}

#[differentiable]
fn call_with_constant_argument_forwarded(x: f64, #[constant] k: f64) -> f64 {
    // A constant computed from literals is plain data with `#[constant] let`.
    #[constant]
    let k2 = 2.0 * k;
    scaled_energy(x, k) + scaled_energy(x.sin(), k2)
}

#[test]
fn call_with_constant_argument_forwarded_fd() {
    check_scalar!((|x| call_with_constant_argument_forwarded(x, 1.5)), [0.3, 1.7, -2.2]);
}
