//! Several outputs (tuples, arrays, `Vec`s) and `.jacobian`.

use autodiff::prelude::*;

// form: polar_to_cartesian_tuple
#[differentiable]
fn polar_to_cartesian_tuple(r: f64, theta: f64) -> (f64, f64) {
    let (s, c) = theta.sin_cos();
    (r * c, r * s)
}

#[test]
fn polar_to_cartesian_tuple_fd() {
    check_jac_tuple2!(polar_to_cartesian_tuple, [(0.3, 1.7), (2.2, -0.4), (5.0, 3.0)]);
}

// form: spherical_to_cartesian_array
#[differentiable]
fn spherical_to_cartesian_array(p: [f64; 3]) -> [f64; 3] {
    let [r, theta, phi] = p;
    [r * theta.sin() * phi.cos(), r * theta.sin() * phi.sin(), r * theta.cos()]
}

#[test]
fn spherical_to_cartesian_array_fd() {
    check_jac_array!(
        spherical_to_cartesian_array,
        [[0.3, 1.7, 2.2], [1.5, 0.25, -3.0], [2.0, 0.5, 0.5]]
    );
}

// form: parametric_curve_array
#[differentiable]
fn parametric_curve_array(t: f64) -> [f64; 3] {
    [t.cos(), t.sin(), 0.1 * t * t]
}

#[test]
fn parametric_curve_array_fd() {
    check_jac_scalar!(parametric_curve_array, [0.3, 1.7, -2.2]);
}

// form: softmax_vec_with_max_fold
#[differentiable]
fn softmax_vec_with_max_fold(x: &[f64]) -> Vec<f64> {
    let m = x.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    let e: Vec<f64> = x.iter().map(|v| (v - m).exp()).collect();
    let z: f64 = e.iter().sum();
    e.iter().map(|v| v / z).collect()
}

#[test]
fn softmax_vec_with_max_fold_fd() {
    check_jac_slice!(
        softmax_vec_with_max_fold,
        [[0.3, -1.7, 2.2], [1.5, 0.25, -3.0, 4.0], [0.5, 0.6]]
    );
}

// form: rotation_by_constant_angle
#[differentiable]
fn rotation_by_constant_angle(v: [f64; 2], #[constant] angle: f64) -> [f64; 2] {
    let (s, c) = angle.sin_cos();
    [c * v[0] - s * v[1], s * v[0] + c * v[1]]
}

#[test]
fn rotation_by_constant_angle_fd() {
    check_jac_array!(
        (|v| rotation_by_constant_angle(v, 0.7)),
        [[0.3, 1.7], [2.2, -0.4], [5.0, 3.0]]
    );
}

// form: mean_and_std_tuple_from_slice
#[differentiable]
fn mean_and_std_tuple_from_slice(x: &[f64]) -> (f64, f64) {
    let n = x.len() as f64;
    let mean = x.iter().copied().sum::<f64>() / n;
    let var = x.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n;
    (mean, var.sqrt())
}

#[test]
fn mean_and_std_tuple_from_slice_fd() {
    check_jac_slice!(
        mean_and_std_tuple_from_slice,
        [[0.3, -1.7, 2.2], [1.5, 0.25, -3.0, 4.0], [0.5, 0.6]]
    );
}

// form: lorenz_vector_field
#[differentiable]
fn lorenz_vector_field(s: [f64; 3]) -> [f64; 3] {
    let (sigma, rho, beta) = (10.0, 28.0, 8.0 / 3.0);
    let [x, y, z] = s;
    [sigma * (y - x), x * (rho - z) - y, x * y - beta * z]
}

#[test]
fn lorenz_vector_field_fd() {
    check_jac_array!(lorenz_vector_field, [[0.3, 1.7, 2.2], [1.5, 0.25, -3.0], [-8.0, 7.5, 27.0]]);
}

// form: value_and_slope_tuple_from_scalar
#[differentiable]
fn value_and_slope_tuple_from_scalar(x: f64) -> (f64, f64, f64) {
    let y = x.exp() * x.sin();
    (y, y * y, y.atan())
}

#[test]
fn value_and_slope_tuple_from_scalar_fd() {
    check_jac_scalar!(value_and_slope_tuple_from_scalar, [0.3, 1.7, -2.2]);
}

// form: normalize_vec_output
#[differentiable]
fn normalize_vec_output(x: &[f64]) -> Vec<f64> {
    let norm = x.iter().map(|v| v * v).sum::<f64>().sqrt();
    x.iter().map(|v| v / norm).collect()
}

#[test]
fn normalize_vec_output_fd() {
    check_jac_slice!(normalize_vec_output, [[0.3, -1.7, 2.2], [1.5, 0.25, -3.0, 4.0], [0.5, 0.6]]);
}

// form: nested_array_matrix_input
#[differentiable]
fn nested_array_matrix_input(m: [[f64; 2]; 2]) -> f64 {
    let det = m[0][0] * m[1][1] - m[0][1] * m[1][0];
    let trace = m[0][0] + m[1][1];
    det * trace.exp()
}

#[test]
fn nested_array_matrix_input_fd() {
    // the gradient of a 2×2 matrix input, shaped like the matrix
    for m in [[[0.3, -1.7], [2.2, 0.4]], [[1.5, 0.25], [-3.0, 1.0]], [[0.5, 0.6], [0.7, 0.8]]] {
        let plain = |v: &[f64]| nested_array_matrix_input([[v[0], v[1]], [v[2], v[3]]]);
        let flat = [m[0][0], m[0][1], m[1][0], m[1][1]];
        crate::support::grad(
            "nested_array_matrix_input.grad",
            &plain,
            &flat,
            &nested_array_matrix_input.grad(m),
        );
    }
}
