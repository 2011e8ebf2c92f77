//! Gradients, Jacobians, Hessians, jvp and hvp against closed forms, for
//! fixed (`[T; N]`) and runtime (`&[T]`) lengths.

use approx::assert_relative_eq;
use autodiff::prelude::*;

// --- the functions and their closed-form derivatives ------------------------

/// The extended Rosenbrock function Σ 100(xᵢ₊₁ - xᵢ²)² + (1 - xᵢ)².
fn rosenbrock<T: Scalar>(x: &[T]) -> T {
    x.windows(2).map(|w| (w[1] - w[0] * w[0]).powi(2) * 100.0 + (T::cst(1.0) - w[0]).powi(2)).sum()
}

/// Its gradient, by hand.
fn rosenbrock_gradient(x: &[f64]) -> Vec<f64> {
    let n = x.len();
    let mut g = vec![0.0; n];
    for i in 0..n.saturating_sub(1) {
        let d = x[i + 1] - x[i] * x[i];
        g[i] += -400.0 * x[i] * d - 2.0 * (1.0 - x[i]);
        g[i + 1] += 200.0 * d;
    }
    g
}

/// Its Hessian, by hand (tridiagonal).
fn rosenbrock_hessian(x: &[f64]) -> Vec<Vec<f64>> {
    let n = x.len();
    let mut h = vec![vec![0.0; n]; n];
    for i in 0..n.saturating_sub(1) {
        h[i][i] += 1200.0 * x[i] * x[i] - 400.0 * x[i + 1] + 2.0;
        h[i + 1][i + 1] += 200.0;
        h[i][i + 1] += -400.0 * x[i];
        h[i + 1][i] += -400.0 * x[i];
    }
    h
}

/// A test point of length n away from the minimum.
fn point(n: usize) -> Vec<f64> {
    (0..n).map(|i| 0.5 + 0.1 * (i % 7) as f64 - 0.05 * (i % 3) as f64).collect()
}

/// A symmetric 3×3 matrix for the quadratic form xᵀAx (gradient 2Ax,
/// Hessian 2A).
const A: [[f64; 3]; 3] = [[2.0, -1.0, 0.5], [-1.0, 3.0, 0.25], [0.5, 0.25, 1.0]];

fn quadratic_form<T: Scalar>(x: [T; 3]) -> T {
    let mut s = T::zero();
    for i in 0..3 {
        for j in 0..3 {
            s += x[i] * x[j] * A[i][j];
        }
    }
    s
}

/// A tiny network: 2 inputs, 2 tanh hidden units, 1 linear output, squared
/// loss against target 1, as a function of its 6 weights
/// w = [w11, w12, w21, w22, v1, v2] at the fixed input (0.5, -1).
fn network_loss<T: Scalar>(w: [T; 6]) -> T {
    let (x1, x2) = (0.5, -1.0);
    let h1 = (w[0] * x1 + w[1] * x2).tanh();
    let h2 = (w[2] * x1 + w[3] * x2).tanh();
    let y = w[4] * h1 + w[5] * h2;
    (y - 1.0).powi(2) * 0.5
}

/// Its gradient by hand (backpropagation).
fn network_gradient(w: [f64; 6]) -> [f64; 6] {
    let (x1, x2) = (0.5, -1.0);
    let h1 = (w[0] * x1 + w[1] * x2).tanh();
    let h2 = (w[2] * x1 + w[3] * x2).tanh();
    let r = w[4] * h1 + w[5] * h2 - 1.0;
    let d1 = r * w[4] * (1.0 - h1 * h1);
    let d2 = r * w[5] * (1.0 - h2 * h2);
    [d1 * x1, d1 * x2, d2 * x1, d2 * x2, r * h1, r * h2]
}

#[track_caller]
fn assert_close(got: &[f64], expected: &[f64]) {
    assert_eq!(got.len(), expected.len());
    for (g, e) in got.iter().zip(expected) {
        assert_relative_eq!(*g, *e, max_relative = 1e-12, epsilon = 1e-12);
    }
}

// --- fixed length -------------------------------------------------------------

#[test]
fn fixed_gradient_and_hessian_of_rosenbrock() {
    let x: [f64; 10] = point(10).try_into().unwrap();
    let (f, g) = gradient(|v: [_; 10]| rosenbrock(&v), x);
    assert_relative_eq!(f, rosenbrock(&x), max_relative = 1e-15);
    assert_close(&g, &rosenbrock_gradient(&x));
    let (f2, g2, h) = hessian(|v: [_; 10]| rosenbrock(&v), x);
    assert_eq!((f2, g2), (f, g));
    let expected = rosenbrock_hessian(&x);
    for i in 0..10 {
        assert_close(&h[i], &expected[i]);
    }
}

#[test]
fn fixed_gradient_of_one_input() {
    assert_eq!(gradient(|[x]| x.exp(), [0.0]), (1.0, [1.0]));
    assert_eq!(hessian(|[x]| x.powi(3), [2.0]), (8.0, [12.0], [[12.0]]));
}

#[test]
fn quadratic_form_has_gradient_2ax_and_hessian_2a() {
    let x = [1.0, -2.0, 0.5];
    let (f, g, h) = hessian(quadratic_form, x);
    assert_relative_eq!(f, quadratic_form(x));
    for i in 0..3 {
        let ax: f64 = (0..3).map(|j| A[i][j] * x[j]).sum();
        assert_relative_eq!(g[i], 2.0 * ax, max_relative = 1e-15);
        assert_close(&h[i], &A[i].map(|a| 2.0 * a));
    }
    assert_eq!(gradient(quadratic_form, x).1, g);
}

#[test]
fn neural_network_loss_gradient_matches_backpropagation() {
    let w = [0.3, -0.2, 0.8, 0.1, 1.5, -0.7];
    let (loss, g) = gradient(network_loss, w);
    assert_relative_eq!(loss, network_loss(w));
    assert_close(&g, &network_gradient(w));
}

#[test]
fn jacobian_of_softmax_is_diag_s_minus_s_st() {
    let x = [0.5, -1.0, 2.0, 0.0];
    let (s, j) = jacobian(
        |v: [DualVec64<4>; 4]| {
            let s = softmax(&v);
            [s[0], s[1], s[2], s[3]]
        },
        x,
    );
    for r in 0..4 {
        for c in 0..4 {
            let expected = if r == c { s[r] * (1.0 - s[r]) } else { -s[r] * s[c] };
            assert_relative_eq!(j[r][c], expected, max_relative = 1e-13, epsilon = 1e-16);
        }
    }
}

#[test]
fn jacobian_of_polar_coordinates() {
    // (r cos θ, r sin θ): J = [[cos θ, -r sin θ], [sin θ, r cos θ]]
    let (r, t) = (2.0f64, 0.7f64);
    let (p, j) = jacobian(|[r, t]| [r * t.cos(), r * t.sin()], [r, t]);
    assert_eq!(p, [r * t.cos(), r * t.sin()]);
    assert_eq!(j, [[t.cos(), -r * t.sin()], [t.sin(), r * t.cos()]]);
}

#[test]
fn jvp_is_the_gradient_dotted_with_v() {
    let x = [0.3, -0.2, 0.8, 0.1, 1.5, -0.7];
    let v = [1.0, 0.5, -2.0, 0.0, 3.0, 1.0];
    let g = network_gradient(x);
    let (f, d) = jvp(network_loss, x, v);
    assert_relative_eq!(f, network_loss(x));
    let expected: f64 = g.iter().zip(v).map(|(gi, vi)| gi * vi).sum();
    assert_relative_eq!(d, expected, max_relative = 1e-13);
}

#[test]
fn hvp_is_the_hessian_times_v() {
    let x: [f64; 10] = point(10).try_into().unwrap();
    let v: [f64; 10] = core::array::from_fn(|i| (i as f64 - 4.5) / 3.0);
    let (f, g, hv) = hvp(|x: [_; 10]| rosenbrock(&x), x, v);
    assert_relative_eq!(f, rosenbrock(&x));
    assert_close(&g, &rosenbrock_gradient(&x));
    let h = rosenbrock_hessian(&x);
    let expected: Vec<f64> =
        h.iter().map(|row| row.iter().zip(v).map(|(a, b)| a * b).sum()).collect();
    assert_close(&hv, &expected);
}

// --- runtime length -------------------------------------------------------------

#[test]
fn runtime_gradient_for_awkward_lengths() {
    // 1, fewer than a chunk, a multiple of the chunk, not a multiple, and 1000.
    for n in [1, 2, 7, 8, 9, 17, 1000] {
        let x = point(n);
        let (f, g) = gradient_slice(rosenbrock, &x);
        assert_relative_eq!(f, rosenbrock(&x), max_relative = 1e-15);
        assert_close(&g, &rosenbrock_gradient(&x));
        let (_, g3) = gradient_slice_chunked::<_, 3>(rosenbrock, &x);
        assert_close(&g3, &g);
    }
}

#[test]
fn runtime_gradient_of_nothing_evaluates_once() {
    let (f, g) = gradient_slice(|x| x.iter().copied().sum::<Var64>() + 1.0, &[]);
    assert_eq!((f, g), (1.0, vec![]));
    let (f, g) = gradient_forward(|x| x.iter().copied().sum::<DualVec64<8>>() + 1.0, &[]);
    assert_eq!((f, g), (1.0, vec![]));
}

#[test]
fn runtime_hessian_for_awkward_lengths() {
    for n in [1, 3, 4, 5, 11] {
        let x = point(n);
        let (f, g, h) = hessian_slice(rosenbrock, &x);
        assert_relative_eq!(f, rosenbrock(&x), max_relative = 1e-15);
        assert_close(&g, &rosenbrock_gradient(&x));
        let expected = rosenbrock_hessian(&x);
        for i in 0..n {
            assert_close(&h[i], &expected[i]);
        }
        let (_, _, h2) = hessian_slice_chunked::<_, 2>(rosenbrock, &x);
        assert_eq!(h2, h);
    }
}

#[test]
fn runtime_jacobian_of_softmax() {
    for n in [1, 5, 13] {
        let x = point(n);
        let (s, j) = jacobian_slice(softmax, &x);
        assert_close(&s, &softmax(&x));
        for r in 0..n {
            for c in 0..n {
                let expected = if r == c { s[r] * (1.0 - s[r]) } else { -s[r] * s[c] };
                assert_relative_eq!(j[r][c], expected, max_relative = 1e-13, epsilon = 1e-16);
            }
        }
    }
}

#[test]
fn runtime_jvp_and_hvp_match_the_gradient_and_hessian() {
    let n = 23;
    let x = point(n);
    let v: Vec<f64> = (0..n).map(|i| ((i * 7) % 5) as f64 - 2.0).collect();
    let g = rosenbrock_gradient(&x);
    let (f, d) = jvp_slice(rosenbrock, &x, &v);
    assert_relative_eq!(f, rosenbrock(&x));
    let expected: f64 = g.iter().zip(&v).map(|(a, b)| a * b).sum();
    assert_relative_eq!(d, expected, max_relative = 1e-12);
    let (f2, g2, hv) = hvp_slice(rosenbrock, &x, &v);
    assert_relative_eq!(f2, f);
    assert_close(&g2, &g);
    let h = rosenbrock_hessian(&x);
    let expected: Vec<f64> =
        h.iter().map(|row| row.iter().zip(&v).map(|(a, b)| a * b).sum()).collect();
    assert_close(&hv, &expected);
}

#[test]
#[should_panic(expected = "hvp_slice: x has length 3 but the direction v has length 2")]
fn hvp_with_mismatched_lengths_names_both() {
    hvp_slice(rosenbrock, &[1.0, 2.0, 3.0], &[1.0, 2.0]);
}

#[test]
#[should_panic(expected = "jvp_slice: x has length 1 but the direction v has length 4")]
fn jvp_with_mismatched_lengths_names_both() {
    jvp_slice(rosenbrock, &[1.0], &[1.0, 2.0, 3.0, 4.0]);
}

#[test]
#[should_panic(expected = "jacobian_slice: f returned 1 outputs in the first pass but 2")]
fn jacobian_with_outputs_of_changing_length_panics() {
    jacobian_slice_chunked::<_, 1>(
        |x| x.iter().take(1 + usize::from(x[1].eps[0] == 1.0)).copied().collect(),
        &[1.0, 2.0],
    );
}
