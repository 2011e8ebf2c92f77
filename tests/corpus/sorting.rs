//! Sorting and selecting differentiated values: medians, order statistics,
//! max/min by folds and comparators.

use autodiff::prelude::*;

// form: median_sort_by_total_cmp
#[differentiable]
fn median_sort_by_total_cmp(x: &[f64]) -> f64 {
    let mut v = x.to_vec();
    v.sort_by(|a, b| a.total_cmp(b));
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        0.5 * (v[n / 2 - 1] + v[n / 2])
    }
}

#[test]
fn median_sort_by_total_cmp_fd() {
    check_slice!(
        median_sort_by_total_cmp,
        [[0.3, -1.7, 2.2], [1.5, 0.25, -3.0, 4.0], [5.0, 1.0, 3.0, 2.5, 4.0]]
    );
}

// form: median_sort_by_partial_cmp
#[differentiable]
fn median_sort_by_partial_cmp(x: &[f64]) -> f64 {
    let mut v: Vec<f64> = x.iter().map(|xi| xi.exp()).collect();
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

#[test]
fn median_sort_by_partial_cmp_fd() {
    check_slice!(median_sort_by_partial_cmp, [[0.3, -1.7, 2.2], [1.5, 0.25, -3.0, 4.0], [0.9]]);
}

// form: max_by_method_fold
#[differentiable]
fn max_by_method_fold(x: &[f64]) -> f64 {
    x.iter().fold(f64::NEG_INFINITY, |m, &v| m.max(v))
        - x.iter().fold(f64::INFINITY, |m, &v| m.min(v))
}

#[test]
fn max_by_method_fold_fd() {
    check_slice!(max_by_method_fold, [[0.3, -1.7, 2.2], [1.5, 0.25, -3.0, 4.0], [0.5, 0.6]]);
}

// form: max_by_partial_cmp_unwrap
#[differentiable]
fn max_by_partial_cmp_unwrap(x: &[f64]) -> f64 {
    let m = *x.iter().max_by(|a, b| a.partial_cmp(b).unwrap()).unwrap();
    m * m
}

#[test]
fn max_by_partial_cmp_unwrap_fd() {
    check_slice!(
        max_by_partial_cmp_unwrap,
        [[0.3, -1.7, 2.2], [1.5, 0.25, -3.0, 4.0], [-0.5, -0.6]]
    );
}

// form: trimmed_mean_sorted
#[differentiable]
fn trimmed_mean_sorted(x: &[f64]) -> f64 {
    let mut v = x.to_vec();
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let inner = &v[1..v.len() - 1];
    inner.iter().sum::<f64>() / inner.len() as f64
}

#[test]
fn trimmed_mean_sorted_fd() {
    check_slice!(
        trimmed_mean_sorted,
        [[0.3, -1.7, 2.2, 0.9], [1.5, 0.25, -3.0, 4.0], [5.0, 1.0, 3.0]]
    );
}

// form: top_k_descending_total_cmp
#[differentiable]
fn top_k_descending_total_cmp(x: &[f64], #[constant] k: usize) -> f64 {
    let mut v = x.to_vec();
    v.sort_by(|a, b| b.total_cmp(a));
    v.iter().take(k).map(|t| t * t).sum()
}

#[test]
fn top_k_descending_total_cmp_fd() {
    check_slice!(
        (|x: &_| top_k_descending_total_cmp(x, 2)),
        [[0.3, -1.7, 2.2], [1.5, 0.25, -3.0, 4.0], [5.0, 1.0, 3.0]]
    );
}

// form: argmin_then_index
#[differentiable]
fn argmin_then_index(x: &[f64]) -> f64 {
    let i = x.iter().enumerate().min_by(|a, b| a.1.total_cmp(b.1)).map(|(i, _)| i).unwrap();
    x[i].powi(2) + x.len() as f64 * x[0]
}

#[test]
fn argmin_then_index_fd() {
    check_slice!(argmin_then_index, [[0.3, -1.7, 2.2], [1.5, 0.25, -3.0, 4.0], [0.5]]);
}

// form: sort_unstable_rank_weights
#[differentiable]
fn sort_unstable_rank_weights(x: &[f64]) -> f64 {
    let mut v = x.to_vec();
    v.sort_unstable_by(|a, b| a.partial_cmp(b).unwrap());
    v.iter().enumerate().map(|(i, t)| (i + 1) as f64 * t).sum()
}

#[test]
fn sort_unstable_rank_weights_fd() {
    check_slice!(
        sort_unstable_rank_weights,
        [[0.3, -1.7, 2.2], [1.5, 0.25, -3.0, 4.0], [5.0, 1.0, 3.0]]
    );
}

// form: clamp_to_sorted_bounds
#[differentiable]
fn clamp_to_sorted_bounds(x: [f64; 3]) -> f64 {
    let mut v = x;
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let [lo, mid, hi] = v;
    (mid - lo) * (hi - mid)
}

#[test]
fn clamp_to_sorted_bounds_fd() {
    check_array!(clamp_to_sorted_bounds, [[0.3, -1.7, 2.2], [1.5, 0.25, -3.0], [5.0, 1.0, 3.0]]);
}
