//! Iterator chains over `&[f64]`, as numeric crates write them.

use autodiff::prelude::*;

// form: map_literal_times_ref
#[differentiable]
fn map_literal_times_ref(x: &[f64]) -> f64 {
    x.iter().map(|x| 2.0 * x).sum::<f64>() + x[0] * x[1]
}

#[test]
fn map_literal_times_ref_fd() {
    check_slice!(map_literal_times_ref, [[0.3, -1.7, 2.2], [1.5, 0.25, -3.0, 4.0], [-0.8, 7.1]]);
}

// form: sum_turbofish_over_refs
#[differentiable]
fn sum_turbofish_over_refs(x: &[f64]) -> f64 {
    let s = x.iter().sum::<f64>();
    s * s.sin()
}

#[test]
fn sum_turbofish_over_refs_fd() {
    check_slice!(sum_turbofish_over_refs, [[0.3, -1.7, 2.2], [1.5, 0.25, -3.0, 4.0], [0.9]]);
}

// form: product_over_refs
#[differentiable]
fn product_over_refs(x: &[f64]) -> f64 {
    x.iter().product()
}

#[test]
fn product_over_refs_fd() {
    check_slice!(product_over_refs, [[0.3, -1.7, 2.2], [1.5, 0.25, -3.0, 4.0], [1.1, 1.2]]);
}

// form: zip_constant_weights
#[differentiable]
fn zip_constant_weights(x: &[f64], #[constant] w: &[f64]) -> f64 {
    x.iter().zip(w).map(|(xi, wi)| wi * xi).sum::<f64>().tanh()
}

#[test]
fn zip_constant_weights_fd() {
    let w = [0.5, -1.25, 2.0];
    check_slice!(
        (|x: &_| zip_constant_weights(x, &w)),
        [[0.3, -0.7, 0.2], [0.15, 0.25, -0.3], [-0.1, 0.4, 0.05]]
    );
}

// form: enumerate_index_weight
#[differentiable]
fn enumerate_index_weight(x: &[f64]) -> f64 {
    x.iter().enumerate().map(|(i, xi)| (i as f64 + 1.0) * xi * xi).sum()
}

#[test]
fn enumerate_index_weight_fd() {
    check_slice!(enumerate_index_weight, [[0.3, -1.7, 2.2], [1.5, 0.25, -3.0, 4.0], [-2.5]]);
}

// form: windows_differences
#[differentiable]
fn windows_differences(x: &[f64]) -> f64 {
    x.windows(2).map(|w| (w[1] - w[0]).powi(2)).sum()
}

#[test]
fn windows_differences_fd() {
    check_slice!(windows_differences, [[0.3, -1.7, 2.2], [1.5, 0.25, -3.0, 4.0], [0.1, 0.2]]);
}

// form: cube_of_ref
#[differentiable]
fn cube_of_ref(x: &[f64]) -> f64 {
    x.iter().map(|xi| xi * xi * xi).sum()
}

#[test]
fn cube_of_ref_fd() {
    check_slice!(cube_of_ref, [[0.3, -1.7, 2.2], [1.5, 0.25, -3.0, 4.0], [10.5]]);
}

// form: method_plus_ref
#[differentiable]
fn method_plus_ref(x: &[f64]) -> f64 {
    x.iter().map(|xi| xi.sin() + xi).sum()
}

#[test]
fn method_plus_ref_fd() {
    check_slice!(method_plus_ref, [[0.3, -1.7, 2.2], [1.5, 0.25, -3.0, 4.0], [12.25, -8.5]]);
}

// form: zip_two_differentiated_refs
#[differentiable]
fn zip_two_differentiated_refs(a: &[f64]) -> f64 {
    let b: Vec<f64> = a.iter().map(|v| v.exp()).collect();
    a.iter().zip(&b).map(|(x, y)| x * y).sum()
}

#[test]
fn zip_two_differentiated_refs_fd() {
    check_slice!(zip_two_differentiated_refs, [[0.3, -1.7, 2.2], [1.5, 0.25, -3.0, 1.0], [-0.6]]);
}

// form: filter_then_map
#[differentiable]
fn filter_then_map(x: &[f64]) -> f64 {
    x.iter().filter(|&&v| v > 0.0).map(|v| v.ln()).sum()
}

#[test]
fn filter_then_map_fd() {
    check_slice!(filter_then_map, [[0.3, -1.7, 2.2], [1.5, 0.25, -3.0, 4.0], [7.5, 0.2]]);
}

// form: collect_then_sum_refs
#[differentiable]
fn collect_then_sum_refs(x: &[f64]) -> f64 {
    let squares: Vec<f64> = x.iter().map(|v| v * v).collect();
    let total: f64 = squares.iter().sum();
    total.sqrt()
}

#[test]
fn collect_then_sum_refs_fd() {
    check_slice!(collect_then_sum_refs, [[0.3, -1.7, 2.2], [1.5, 0.25, -3.0, 4.0], [-0.05, 0.02]]);
}

// form: skip_step_by_copied
#[differentiable]
fn skip_step_by_copied(x: &[f64]) -> f64 {
    x.iter().skip(1).step_by(2).copied().map(|v| v.powi(2) * 0.5).sum::<f64>()
}

#[test]
fn skip_step_by_copied_fd() {
    check_slice!(
        skip_step_by_copied,
        [[0.3, -1.7, 2.2], [1.5, 0.25, -3.0, 4.0, 0.5], [0.1, 0.2, 0.3]]
    );
}

// form: rev_zip_autocorrelation
#[differentiable]
fn rev_zip_autocorrelation(x: &[f64]) -> f64 {
    x.iter().rev().zip(x.iter()).map(|(a, b)| a * b).sum()
}

#[test]
fn rev_zip_autocorrelation_fd() {
    check_slice!(rev_zip_autocorrelation, [[0.3, -1.7, 2.2], [1.5, 0.25, -3.0, 4.0], [0.7]]);
}

// form: chunks_exact_pairs
#[differentiable]
fn chunks_exact_pairs(x: &[f64]) -> f64 {
    x.chunks_exact(2).map(|p| p[0] * p[1].cos()).sum()
}

#[test]
fn chunks_exact_pairs_fd() {
    check_slice!(
        chunks_exact_pairs,
        [[0.3, -1.7, 2.2, 0.4], [1.5, 0.25], [-3.0, 4.0, 0.5, 0.5, 9.0, 2.0]]
    );
}

// form: ref_ops_on_named_values
#[differentiable]
#[allow(clippy::op_ref)] // `&a * &b` on purpose: the form under test
fn ref_ops_on_named_values(x: f64, y: f64) -> f64 {
    let a = x.sin();
    let b = y.cos() + 2.0;
    &a * &b + &a / &b - (-&a)
}

#[test]
fn ref_ops_on_named_values_fd() {
    check_tuple2!(ref_ops_on_named_values, [(0.3, 1.7), (-2.2, 0.4), (5.5, -3.1)]);
}

// form: owned_vec_into_iter
#[differentiable]
fn owned_vec_into_iter(x: Vec<f64>) -> f64 {
    let n = x.len() as f64;
    x.into_iter().map(|v| (v / n).exp()).sum::<f64>().ln()
}

#[test]
fn owned_vec_into_iter_fd() {
    check_vec!(owned_vec_into_iter, [[0.3, -1.7, 2.2], [1.5, 0.25, -3.0, 4.0], [0.5]]);
}
