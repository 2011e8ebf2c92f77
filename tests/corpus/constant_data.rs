//! `#[constant]` parameters: slices, scalars, `usize`, arrays, tuples of data.

use autodiff::prelude::*;

// form: horner_fold_rev
#[differentiable]
fn horner_fold_rev(x: f64, #[constant] c: &[f64]) -> f64 {
    c.iter().rev().fold(0.0, |acc, &ci| acc * x + ci)
}

#[test]
fn horner_fold_rev_fd() {
    let c = [1.0, -2.0, 0.5, 0.25, -0.125];
    check_scalar!((|x| horner_fold_rev(x, &c)), [0.3, 1.7, -2.2]);
}

// form: horner_for_rev
#[differentiable]
fn horner_for_rev(x: f64, #[constant] c: &[f64]) -> f64 {
    let mut y = 0.0;
    for &ci in c.iter().rev() {
        y = y * x + ci;
    }
    y
}

#[test]
fn horner_for_rev_fd() {
    let c = [1.0, -2.0, 0.5, 0.25, -0.125];
    check_scalar!((|x| horner_for_rev(x, &c)), [0.3, 1.7, -2.2]);
}

// form: divide_by_usize_count
#[differentiable]
fn divide_by_usize_count(x: f64, #[constant] n: usize) -> f64 {
    x.powi(3) / (n + 1) as f64
}

#[test]
fn divide_by_usize_count_fd() {
    check_scalar!((|x| divide_by_usize_count(x, 4)), [0.3, 1.7, -2.2]);
}

// form: compare_with_constant_threshold
#[differentiable]
fn compare_with_constant_threshold(x: f64, #[constant] threshold: f64) -> f64 {
    if x > threshold {
        (x - threshold).powi(2)
    } else {
        0.1 * x
    }
}

#[test]
fn compare_with_constant_threshold_fd() {
    check_scalar!((|x| compare_with_constant_threshold(x, 0.5)), [0.3, 1.7, -2.2]);
}

// form: constant_on_left_of_comparison
#[differentiable]
fn constant_on_left_of_comparison(x: f64, #[constant] lower: f64) -> f64 {
    if lower < x {
        x.ln()
    } else {
        x.exp()
    }
}

#[test]
fn constant_on_left_of_comparison_fd() {
    check_scalar!((|x| constant_on_left_of_comparison(x, 0.5)), [0.3, 1.7, -2.2, 4.5]);
}

// form: least_squares_tuple_data
#[differentiable]
fn least_squares_tuple_data(w: [f64; 2], #[constant] data: &[(f64, f64)]) -> f64 {
    let mut s = 0.0;
    for &(xi, yi) in data {
        let r = w[0] * xi + w[1] - yi;
        s += r * r;
    }
    0.5 * s
}

#[test]
fn least_squares_tuple_data_fd() {
    let data = [(1.0, 3.0), (2.0, 5.5), (-0.5, 0.25)];
    check_array!((|w| least_squares_tuple_data(w, &data)), [[0.3, -1.7], [2.0, 1.0], [-3.5, 0.25]]);
}

// form: constant_scalar_by_reference
#[differentiable]
fn constant_scalar_by_reference(x: f64, #[constant] k: &f64) -> f64 {
    *k * x.exp() + x / *k
}

#[test]
fn constant_scalar_by_reference_fd() {
    check_scalar!((|x| constant_scalar_by_reference(x, &2.5)), [0.3, 1.7, -2.2]);
}

// form: weights_zip_for_loop
#[differentiable]
fn weights_zip_for_loop(x: &[f64], #[constant] w: &[f64]) -> f64 {
    let mut s = 0.0;
    for (xi, wi) in x.iter().zip(w.iter()) {
        s += wi * xi;
    }
    s * s
}

#[test]
fn weights_zip_for_loop_fd() {
    let w = [0.5, -1.25, 2.0];
    check_slice!(
        (|x: &_| weights_zip_for_loop(x, &w)),
        [[0.3, -1.7, 2.2], [1.5, 0.25, -3.0], [0.1, 0.2, 0.3]]
    );
}

// form: constant_array_knots
#[differentiable]
fn constant_array_knots(x: f64, #[constant] knots: [f64; 4]) -> f64 {
    knots.iter().map(|k| (x - k).powi(2)).sum::<f64>().sqrt()
}

#[test]
fn constant_array_knots_fd() {
    let knots = [0.0, 1.0, 2.5, -1.0];
    check_scalar!((|x| constant_array_knots(x, knots)), [0.3, 1.7, -2.2]);
}

// form: constant_tuple_range
#[differentiable]
fn constant_tuple_range(x: f64, #[constant] range: (f64, f64)) -> f64 {
    let (lo, hi) = range;
    let t = (x - lo) / (hi - lo);
    t * t * (3.0 - 2.0 * t)
}

#[test]
fn constant_tuple_range_fd() {
    check_scalar!((|x| constant_tuple_range(x, (-1.0, 2.0))), [0.3, 1.7, -0.2]);
}

// form: distance_to_data_points
#[differentiable]
fn distance_to_data_points(x: f64, #[constant] data: &[f64]) -> f64 {
    data.iter().map(|&d| (x - d).powi(2)).sum::<f64>().sqrt()
}

#[test]
fn distance_to_data_points_fd() {
    let data = [0.0, 1.0, 2.5, -1.0];
    check_scalar!((|x| distance_to_data_points(x, &data)), [0.3, 1.7, -2.2]);
}

// form: table_interpolation_index_cast
#[differentiable]
fn table_interpolation_index_cast(x: f64, #[constant] table: &[f64]) -> f64 {
    // linear interpolation in a table sampled at 0, 1, 2, ...
    let i = (x.floor() as usize).min(table.len() - 2);
    let t = x - i as f64;
    table[i] * (1.0 - t) + table[i + 1] * t
}

#[test]
fn table_interpolation_index_cast_fd() {
    let table = [0.0, 1.0, 4.0, 9.0, 16.0];
    check_scalar!((|x| table_interpolation_index_cast(x, &table)), [0.3, 1.7, 2.2, 3.5]);
}

// form: scale_and_shift_constants
#[differentiable]
fn scale_and_shift_constants(
    x: [f64; 3],
    #[constant] mean: [f64; 3],
    #[constant] std: [f64; 3],
) -> f64 {
    let mut z2 = 0.0;
    for i in 0..3 {
        let z = (x[i] - mean[i]) / std[i];
        z2 += z * z;
    }
    (-0.5 * z2).exp()
}

#[test]
fn scale_and_shift_constants_fd() {
    let (m, s) = ([0.0, 1.0, -1.0], [1.0, 0.5, 2.0]);
    check_array!(
        (|x| scale_and_shift_constants(x, m, s)),
        [[0.3, -1.7, 2.2], [1.5, 0.25, -3.0], [0.1, 1.1, -0.9]]
    );
}

// form: constant_i32_power
#[differentiable]
fn constant_i32_power(x: f64, #[constant] n: i32) -> f64 {
    x.powi(n) / f64::from(n) + x * f64::from(n)
}

#[test]
fn constant_i32_power_fd() {
    check_scalar!((|x| constant_i32_power(x, 3)), [0.3, 1.7, -2.2]);
}

// form: annotated_f64_sum_of_constant_data
#[differentiable]
fn annotated_f64_sum_of_constant_data(x: f64, #[constant] data: &[f64]) -> f64 {
    let total: f64 = data.iter().sum();
    let mean = total / data.len() as f64;
    (x - mean).powi(2) + x * total
}

#[test]
fn annotated_f64_sum_of_constant_data_fd() {
    let data = [1.2, -0.4, 0.9, 2.5];
    check_scalar!((|x| annotated_f64_sum_of_constant_data(x, &data)), [0.3, 1.7, -2.2]);
}

// form: annotated_vec_mixing_data_and_parameter
#[differentiable]
fn annotated_vec_mixing_data_and_parameter(x: f64, #[constant] data: &[(f64, f64)]) -> f64 {
    // An `f64` annotation is the scalar: the data beside the parameter is
    // lifted with `f64::from`, as the macro docs say.
    let scaled: Vec<(f64, f64)> = data.iter().map(|&(a, b)| (f64::from(a), b * x)).collect();
    scaled.iter().map(|&(a, b)| (b - a).powi(2)).sum()
}

#[test]
fn annotated_vec_mixing_data_and_parameter_fd() {
    let data = [(1.0, 3.0), (2.0, 5.5), (-0.5, 0.25)];
    check_scalar!((|x| annotated_vec_mixing_data_and_parameter(x, &data)), [0.3, 1.7, -2.2]);
}

// form: constant_matrix_times_vector
#[differentiable]
fn constant_matrix_times_vector(x: [f64; 3], #[constant] a: &[[f64; 3]; 3]) -> f64 {
    let mut y = [0.0; 3];
    for (yi, row) in y.iter_mut().zip(a) {
        *yi = row.iter().zip(&x).map(|(aij, xj)| aij * xj).sum();
    }
    // a quadratic form xᵀ A x
    x.iter().zip(&y).map(|(xi, yi)| xi * yi).sum()
}

#[test]
fn constant_matrix_times_vector_fd() {
    let a = [[2.0, -1.0, 0.5], [0.0, 1.5, 0.25], [1.0, 0.0, -3.0]];
    check_array!(
        (|x| constant_matrix_times_vector(x, &a)),
        [[0.3, -1.7, 2.2], [1.5, 0.25, -3.0], [0.5, 0.6, 0.7]]
    );
}

// form: module_const_scale
const SCALE: f64 = 2.5;

#[differentiable]
fn module_const_scale(x: f64) -> f64 {
    let mut y = SCALE * x;
    y += x / SCALE;
    y.sin() * SCALE
}

#[test]
fn module_const_scale_fd() {
    check_scalar!(module_const_scale, [0.3, 1.7, -2.2]);
}

// form: data_as_method_arguments
/// Bounds and exponents held as constant data.
pub struct Shape {
    pub lo: f64,
    pub hi: f64,
    pub p: f64,
}

#[differentiable]
fn data_as_method_arguments(x: &[f64], #[constant] s: &Shape, #[constant] w: &[f64]) -> f64 {
    x.iter()
        .zip(w)
        .map(|(xi, wi)| xi.clamp(s.lo, s.hi).powf(s.p) * wi.max(*xi) + xi.hypot(s.p).atan2(s.hi))
        .sum()
}

#[test]
fn data_as_method_arguments_fd() {
    let s = Shape { lo: -1.0, hi: 2.0, p: 2.5 };
    let w = [0.25, 3.0, 1.5];
    check_slice!((|x: &_| data_as_method_arguments(x, &s, &w)), [[0.3, 1.7, 0.9], [1.2, 0.6, 1.9]]);
}
