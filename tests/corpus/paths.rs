//! `f64::sin`, `f64::max`, `f64::hypot`, `f64::from` used as values (in
//! map/fold/reduce) and called by path.

use autodiff::prelude::*;

// form: fold_with_f64_max_path
#[differentiable]
fn fold_with_f64_max_path(x: &[f64]) -> f64 {
    x.iter().copied().fold(f64::NEG_INFINITY, f64::max)
}

#[test]
fn fold_with_f64_max_path_fd() {
    check_slice!(fold_with_f64_max_path, [[0.3, -1.7, 2.2], [1.5, 0.25, -3.0, 4.0], [-0.5, -0.6]]);
}

// form: reduce_with_f64_min_path
#[differentiable]
fn reduce_with_f64_min_path(x: &[f64]) -> f64 {
    x.iter().copied().reduce(f64::min).unwrap_or(0.0).powi(2)
}

#[test]
fn reduce_with_f64_min_path_fd() {
    check_slice!(reduce_with_f64_min_path, [[0.3, -1.7, 2.2], [1.5, 0.25, -3.0, 4.0], [0.5, 0.6]]);
}

// form: map_with_f64_sin_path
#[differentiable]
fn map_with_f64_sin_path(x: &[f64]) -> f64 {
    x.iter().copied().map(f64::sin).sum()
}

#[test]
fn map_with_f64_sin_path_fd() {
    check_slice!(map_with_f64_sin_path, [[0.3, -1.7, 2.2], [1.5, 0.25, -3.0, 4.0], [9.5]]);
}

// form: hypot_called_by_path
#[differentiable]
fn hypot_called_by_path(x: &[f64]) -> f64 {
    x.chunks(2).map(|c| f64::hypot(c[0], c[1])).sum::<f64>()
        + x.windows(2).map(|w| w[0].hypot(w[1])).sum::<f64>()
}

#[test]
fn hypot_called_by_path_fd() {
    check_slice!(hypot_called_by_path, [[0.3, -1.7, 2.2, 0.4], [1.5, 0.25, -3.0, 4.0], [0.5, 0.6]]);
}

// form: map_f64_from_integers
#[differentiable]
fn map_f64_from_integers(x: f64) -> f64 {
    (1..=4).map(f64::from).map(|k| (k * x).sin() / k).sum()
}

#[test]
fn map_f64_from_integers_fd() {
    check_scalar!(map_f64_from_integers, [0.3, 1.7, -2.2]);
}

// form: f64_from_call_on_constant
#[differentiable]
fn f64_from_call_on_constant(x: f64, #[constant] n: u32) -> f64 {
    x * f64::from(n) + (x / f64::from(n + 1)).exp()
}

#[test]
fn f64_from_call_on_constant_fd() {
    check_scalar!((|x| f64_from_call_on_constant(x, 3)), [0.3, 1.7, -2.2]);
}

// form: closure_calling_f64_exp_path
#[differentiable]
fn closure_calling_f64_exp_path(x: &[f64]) -> f64 {
    x.iter().map(|&v| f64::exp(-v * v)).sum::<f64>().ln()
}

#[test]
fn closure_calling_f64_exp_path_fd() {
    check_slice!(closure_calling_f64_exp_path, [[0.3, -1.7, 2.2], [1.5, 0.25, -3.0, 4.0], [0.5]]);
}

// form: fold_with_ops_add_path
#[differentiable]
fn fold_with_ops_add_path(x: &[f64]) -> f64 {
    x.iter().map(|v| v.cos()).fold(0.0, std::ops::Add::add)
}

#[test]
fn fold_with_ops_add_path_fd() {
    check_slice!(fold_with_ops_add_path, [[0.3, -1.7, 2.2], [1.5, 0.25, -3.0, 4.0], [0.5]]);
}

// form: f64_methods_called_by_path
#[differentiable]
fn f64_methods_called_by_path(x: f64) -> f64 {
    f64::max(x, 0.0).powi(2)
        + f64::mul_add(x, 2.0, 1.0)
        + f64::atan2(x, 2.0)
        + f64::powf(x.abs(), 1.5)
}

#[test]
fn f64_methods_called_by_path_fd() {
    check_scalar!(f64_methods_called_by_path, [0.3, 1.7, -2.2]);
}

// form: linf_norm_abs_and_max_paths
#[differentiable]
fn linf_norm_abs_and_max_paths(x: &[f64]) -> f64 {
    x.iter().copied().map(f64::abs).fold(0.0, f64::max)
}

#[test]
fn linf_norm_abs_and_max_paths_fd() {
    check_slice!(linf_norm_abs_and_max_paths, [[0.3, -1.7, 1.2], [1.5, 0.25, -3.0, 2.0], [-0.5]]);
}

// form: map_sqrt_path_after_square
#[differentiable]
fn map_sqrt_path_after_square(x: &[f64]) -> f64 {
    x.iter().map(|v| v * v + 1.0).map(f64::sqrt).sum()
}

#[test]
fn map_sqrt_path_after_square_fd() {
    check_slice!(map_sqrt_path_after_square, [[0.3, -1.7, 2.2], [1.5, 0.25, -3.0, 4.0], [0.0]]);
}

// form: fn_pointer_table
#[differentiable]
fn fn_pointer_table(x: f64) -> f64 {
    let fs: [fn(f64) -> f64; 3] = [f64::sin, f64::cos, f64::tanh];
    fs.iter().map(|f| f(x)).sum()
}

#[test]
fn fn_pointer_table_fd() {
    check_scalar!(fn_pointer_table, [0.3, 1.7, -2.2]);
}

// form: sort_by_f64_total_cmp_path
#[differentiable]
fn sort_by_f64_total_cmp_path(x: &[f64]) -> f64 {
    let mut v: Vec<f64> = x.iter().map(|t| t.sin()).collect();
    v.sort_by(f64::total_cmp);
    v[0] * v[v.len() - 1]
}

#[test]
fn sort_by_f64_total_cmp_path_fd() {
    check_slice!(
        sort_by_f64_total_cmp_path,
        [[0.3, -1.7, 2.2], [1.5, 0.25, -3.0, 4.0], [0.5, 0.6]]
    );
}

// form: max_by_f64_total_cmp_path
#[differentiable]
fn max_by_f64_total_cmp_path(x: &[f64]) -> f64 {
    x.iter().copied().max_by(f64::total_cmp).unwrap().exp()
}

#[test]
fn max_by_f64_total_cmp_path_fd() {
    check_slice!(max_by_f64_total_cmp_path, [[0.3, -1.7, 2.2], [1.5, 0.25, -3.0, 4.0], [0.5, 0.6]]);
}

// form: fold_with_f64_hypot_path
#[differentiable]
fn fold_with_f64_hypot_path(x: &[f64]) -> f64 {
    x.iter().copied().fold(0.0, f64::hypot)
}

#[test]
fn fold_with_f64_hypot_path_fd() {
    check_slice!(fold_with_f64_hypot_path, [[0.3, -1.7, 2.2], [1.5, 0.25, -3.0, 4.0], [0.5, 0.6]]);
}
