//! The reverse-mode drivers (`gradient_reverse`, `vjp`, `jacobian_reverse`,
//! `hvp_slice`, `hessian_reverse`, `gradient_params` and the `.grad`
//! methods on slices and `Vec`s) against hand-written closed forms: the
//! Rosenbrock function's gradient and tridiagonal Hessian, a map ℝ³ → ℝ²
//! with its Jacobian written out, and small functions whose derivatives
//! are stated beside them. Also the corner cases (constant outputs, an
//! output that is an input, no inputs), drivers nested in drivers, many
//! threads at once, `Var`s used outside their call (which panic), tape
//! reuse and `f32`.
//!
//! Every expected value comes from a formula evaluated in plain `f64` (or
//! `f32`), never from the code under test, except where a test says it
//! compares two drivers or two runs (threads, reuse: bitwise). Vectors are
//! compared relative to their largest reference component, with no
//! absolute floor (an all-zero reference must be matched exactly).
#![deny(warnings)]

use std::sync::Barrier;

use autodiff::prelude::*;

// --- helpers -----------------------------------------------------------------------

/// `got` equals `want` to `tol` relative to the largest |want|.
#[track_caller]
fn assert_close(got: &[f64], want: &[f64], tol: f64) {
    assert_eq!(got.len(), want.len(), "lengths differ: got {got:?}, expected {want:?}");
    let scale = want.iter().fold(0.0f64, |m, w| m.max(w.abs()));
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert!(
            (g - w).abs() <= tol * scale,
            "component {i}: got {g:e}, expected {w:e} (err. {:e}, allowed {:e})",
            (g - w).abs(),
            tol * scale
        );
    }
}

/// `got` equals `want` to `tol` relative to `|want|`.
#[track_caller]
fn assert_rel(got: f64, want: f64, tol: f64) {
    assert!(
        (got - want).abs() <= tol * want.abs(),
        "got {got:e}, expected {want:e} (rel. err. {:e})",
        ((got - want) / want).abs()
    );
}

/// The same bits in every component.
fn bits(v: &[f64]) -> Vec<u64> {
    v.iter().map(|x| x.to_bits()).collect()
}

// --- Rosenbrock ----------------------------------------------------------------------

/// f(x) = Σᵢ (1 - xᵢ)² + 100 (xᵢ₊₁ - xᵢ²)², i = 0..n-2.
fn rosenbrock<T: Scalar>(x: &[T]) -> T {
    x.windows(2).map(|w| (T::cst(1.0) - w[0]).powi(2) + (w[1] - w[0] * w[0]).powi(2) * 100.0).sum()
}

/// The same in plain f64, for the expected values.
fn rosenbrock_f64(x: &[f64]) -> f64 {
    x.windows(2).map(|w| (1.0 - w[0]).powi(2) + 100.0 * (w[1] - w[0] * w[0]).powi(2)).sum()
}

/// ∂f/∂xᵢ = [i < n-1] (-2(1 - xᵢ) - 400 xᵢ (xᵢ₊₁ - xᵢ²)) + [i > 0] 200 (xᵢ - xᵢ₋₁²).
fn rosenbrock_gradient(x: &[f64]) -> Vec<f64> {
    let n = x.len();
    (0..n)
        .map(|i| {
            let mut g = 0.0;
            if i + 1 < n {
                g += -2.0 * (1.0 - x[i]) - 400.0 * x[i] * (x[i + 1] - x[i] * x[i]);
            }
            if i > 0 {
                g += 200.0 * (x[i] - x[i - 1] * x[i - 1]);
            }
            g
        })
        .collect()
}

/// The tridiagonal Hessian: Hᵢᵢ = [i < n-1] (2 + 1200 xᵢ² - 400 xᵢ₊₁) + [i > 0] 200,
/// Hᵢ,ᵢ₊₁ = Hᵢ₊₁,ᵢ = -400 xᵢ, every other entry 0.
fn rosenbrock_hessian(x: &[f64]) -> Vec<Vec<f64>> {
    let n = x.len();
    let mut h = vec![vec![0.0; n]; n];
    for i in 0..n {
        if i + 1 < n {
            h[i][i] += 2.0 + 1200.0 * x[i] * x[i] - 400.0 * x[i + 1];
            h[i][i + 1] = -400.0 * x[i];
            h[i + 1][i] = -400.0 * x[i];
        }
        if i > 0 {
            h[i][i] += 200.0;
        }
    }
    h
}

/// A point of n coordinates spread over [-0.2, 1.2], different for each `seed`.
fn point(n: usize, seed: usize) -> Vec<f64> {
    (0..n).map(|i| 0.5 + 0.7 * (1.3 * i as f64 + 0.37 * seed as f64 + 0.2).sin()).collect()
}

#[test]
fn rosenbrock_gradients_for_2_10_and_1000_inputs() {
    for n in [2, 10, 1000] {
        let x = point(n, 0);
        let (value, grad) = gradient_reverse(rosenbrock, &x);
        assert_rel(value, rosenbrock_f64(&x), 1e-14);
        assert_close(&grad, &rosenbrock_gradient(&x), 1e-13);
        // gradient_slice is reverse mode too.
        let (v2, g2) = gradient_slice(rosenbrock, &x);
        assert_eq!((v2.to_bits(), bits(&g2)), (value.to_bits(), bits(&grad)));
    }
    // At the minimum (1, …, 1) the gradient is exactly 0.
    let (value, grad) = gradient_reverse(rosenbrock, &[1.0; 10]);
    assert_eq!((value, grad), (0.0, vec![0.0; 10]));
}

#[test]
fn rosenbrock_hessian_and_hvp_for_10_inputs() {
    let x = point(10, 1);
    let want = rosenbrock_hessian(&x);
    let (value, grad, h) = hessian_reverse(rosenbrock, &x);
    assert_rel(value, rosenbrock_f64(&x), 1e-14);
    assert_close(&grad, &rosenbrock_gradient(&x), 1e-13);
    let scale = want.iter().flatten().fold(0.0f64, |m, w| m.max(w.abs()));
    for i in 0..10 {
        for j in 0..10 {
            let (got, w) = (h[i][j], want[i][j]);
            if i.abs_diff(j) > 1 {
                assert_eq!(got, 0.0, "H[{i}][{j}] off the three diagonals");
            } else {
                assert!((got - w).abs() <= 1e-13 * scale, "H[{i}][{j}] = {got:e}, expected {w:e}");
            }
        }
    }
    // H·v by hand from the tridiagonal H, for two directions.
    for v in [point(10, 7), (0..10).map(|i| if i % 3 == 0 { 1.0 } else { -0.5 }).collect()] {
        let hv_want: Vec<f64> =
            want.iter().map(|row| row.iter().zip(&v).map(|(a, b)| a * b).sum()).collect();
        let (value, grad, hv) = hvp_slice(rosenbrock, &x, &v);
        assert_rel(value, rosenbrock_f64(&x), 1e-14);
        assert_close(&grad, &rosenbrock_gradient(&x), 1e-13);
        assert_close(&hv, &hv_want, 1e-13);
    }
    // Larger n: H·v of the 1000-input function, still by hand.
    let x = point(1000, 2);
    let v = point(1000, 3);
    let h = rosenbrock_hessian(&x);
    let hv_want: Vec<f64> = (0..1000usize)
        .map(|i| (i.saturating_sub(1)..(i + 2).min(1000)).map(|j| h[i][j] * v[j]).sum())
        .collect();
    assert_close(&hvp_slice(rosenbrock, &x, &v).2, &hv_want, 1e-13);
}

// --- vector-valued functions -------------------------------------------------------------

/// f(x) = (x₀ x₁ sin x₂, x₀² + e^(x₁x₂)).
fn f3to2<T: Scalar>(x: &[T]) -> Vec<T> {
    vec![x[0] * x[1] * x[2].sin(), x[0] * x[0] + (x[1] * x[2]).exp()]
}

/// J = [[x₁ sin x₂, x₀ sin x₂, x₀x₁ cos x₂], [2x₀, x₂ e^(x₁x₂), x₁ e^(x₁x₂)]].
fn f3to2_jacobian(x: &[f64]) -> Vec<Vec<f64>> {
    let e = (x[1] * x[2]).exp();
    vec![
        vec![x[1] * x[2].sin(), x[0] * x[2].sin(), x[0] * x[1] * x[2].cos()],
        vec![2.0 * x[0], x[2] * e, x[1] * e],
    ]
}

const X3: [f64; 3] = [0.7, -1.3, 0.4];

#[test]
fn vjp_of_a_map_from_r3_to_r2() {
    let j = f3to2_jacobian(&X3);
    let values_want = [X3[0] * X3[1] * X3[2].sin(), X3[0] * X3[0] + (X3[1] * X3[2]).exp()];
    for w in [[2.0, -0.5], [1.0, 0.0], [0.0, 1.0], [-3.0, 7.25]] {
        // wᵀJ = w₀ J₀ + w₁ J₁
        let want: Vec<f64> = (0..3).map(|k| w[0] * j[0][k] + w[1] * j[1][k]).collect();
        let (values, wj) = vjp(f3to2, &X3, &w);
        assert_close(&values, &values_want, 1e-15);
        assert_close(&wj, &want, 1e-14);
    }
}

#[test]
#[should_panic(expected = "vjp: f returned 2 outputs but w has 3 weights")]
fn vjp_with_the_wrong_number_of_weights_panics() {
    vjp(f3to2, &X3, &[1.0, 2.0, 3.0]);
}

#[test]
fn jacobian_reverse_equals_the_hand_jacobian_and_jacobian_slice() {
    let want = f3to2_jacobian(&X3);
    let (values, j) = jacobian_reverse(f3to2, &X3);
    let (values_fwd, j_fwd) = jacobian_slice(f3to2, &X3);
    assert_eq!(j.len(), 2);
    assert_close(&values, &values_fwd, 1e-15);
    for r in 0..2 {
        assert_close(&j[r], &want[r], 1e-14);
        assert_close(&j[r], &j_fwd[r], 1e-15);
    }
    // Many inputs, few outputs: (Σ xᵢ², Π_{i<4} xᵢ) has rows 2x and the
    // products of the other three of the first four.
    let x = point(50, 4);
    let (_, j) = jacobian_reverse(
        |x| vec![x.iter().map(|&xi| xi * xi).sum(), x[0] * x[1] * x[2] * x[3]],
        &x,
    );
    assert_close(&j[0], &x.iter().map(|xi| 2.0 * xi).collect::<Vec<_>>(), 1e-15);
    let mut row1 = vec![0.0; 50];
    for (k, r) in row1.iter_mut().enumerate().take(4) {
        *r = (0..4).filter(|&i| i != k).map(|i| x[i]).product();
    }
    assert_close(&j[1], &row1, 1e-15);
    // More outputs than inputs: the columns come from forward sweeps of
    // the tape, 8 inputs a sweep. y = (xⱼ x₍ⱼ₊₁₎ mod n, sin xⱼ) for each j:
    // ∂(xⱼx_k)/∂xⱼ = x_k, ∂/∂x_k = xⱼ, ∂ sin xⱼ/∂xⱼ = cos xⱼ.
    let n = 11;
    let x = point(n, 5);
    let tall = |v: &[Var64]| {
        let mut y: Vec<Var64> = (0..n).map(|j| v[j] * v[(j + 1) % n]).collect();
        y.extend(v.iter().map(|vj| vj.sin()));
        y
    };
    let (values, j) = jacobian_reverse(tall, &x);
    assert_eq!(values.len(), 2 * n);
    for r in 0..n {
        let mut want = vec![0.0; n];
        want[r] += x[(r + 1) % n];
        want[(r + 1) % n] += x[r];
        assert_close(&j[r], &want, 1e-15);
        let mut want = vec![0.0; n];
        want[r] = x[r].cos();
        assert_close(&j[n + r], &want, 1e-15);
    }
    // .jacobian on a slice takes the same driver.
    let shaped: Vec<Vec<f64>> = tall.jacobian(&x[..]);
    assert_eq!(shaped, j);
}

// --- #[differentiable] fns and parameter structs ---------------------------------------------

/// E(x) = Σ xᵢ sin xᵢ + x₀x₁: ∂E/∂xᵢ = sin xᵢ + xᵢ cos xᵢ + [i = 0] x₁ + [i = 1] x₀.
#[differentiable]
fn energy(x: &[f64]) -> f64 {
    let s: f64 = x.iter().map(|&xi| xi * xi.sin()).sum();
    s + x[0] * x[1]
}

fn energy_gradient(x: &[f64]) -> Vec<f64> {
    let mut g: Vec<f64> = x.iter().map(|xi| xi.sin() + xi * xi.cos()).collect();
    g[0] += x[1];
    g[1] += x[0];
    g
}

/// Σ xᵢ³ of an owned vector: gradient 3xᵢ².
#[differentiable]
fn owned_cubes(x: Vec<f64>) -> f64 {
    x.into_iter().map(|xi| xi.powi(3)).sum::<f64>()
}

#[test]
fn differentiable_fns_of_slices_and_vecs() {
    let x = point(40, 5);
    let want = energy_gradient(&x);
    assert_close(&energy.grad(&x[..]), &want, 1e-14);
    assert_close(&energy.grad(&x), &want, 1e-14);
    let (value, grad) = energy.value_and_grad(&x[..]);
    let value_want: f64 = x.iter().map(|xi| xi * xi.sin()).sum::<f64>() + x[0] * x[1];
    assert_rel(value, value_want, 1e-14);
    assert_close(&grad, &want, 1e-14);
    let v = vec![1.5, -2.0, 0.25];
    assert_close(&owned_cubes.grad(v.clone()), &[6.75, 12.0, 0.1875], 1e-15);
}

/// A model with an array, a scalar, a runtime-sized field and a constant.
#[derive(Differentiable, Debug, PartialEq)]
struct Model<T> {
    w: [T; 3],
    b: T,
    extra: Vec<T>,
    #[constant]
    name: String,
}

/// L = r² + b Σ eᵢ², r = 2w₀ - w₁ + w₂/2 + b - 1.
fn model_loss<T: Scalar>(m: &Model<T>) -> T {
    let r = m.w[0] * 2.0 - m.w[1] + m.w[2] * 0.5 + m.b - 1.0;
    let e: T = m.extra.iter().map(|&e| e * e).sum();
    r * r + m.b * e
}

#[test]
fn gradient_params_of_a_derived_struct() {
    let m =
        Model { w: [0.3, -1.1, 2.0], b: 0.7, extra: vec![0.5, -1.5, 2.5, 0.1], name: "m".into() };
    let r = 2.0 * m.w[0] - m.w[1] + 0.5 * m.w[2] + m.b - 1.0;
    let e2: f64 = m.extra.iter().map(|e| e * e).sum();
    let (loss, g) = gradient_params(model_loss, &m);
    assert_rel(loss, r * r + m.b * e2, 1e-15);
    // ∂/∂w = 2r (2, -1, 1/2), ∂/∂b = 2r + Σe², ∂/∂eᵢ = 2b eᵢ
    assert_close(&g.w, &[4.0 * r, -2.0 * r, r], 1e-15);
    assert_rel(g.b, 2.0 * r + e2, 1e-15);
    let extra_want: Vec<f64> = m.extra.iter().map(|e| 2.0 * m.b * e).collect();
    assert_close(&g.extra, &extra_want, 1e-15);
    assert_eq!(g.name, "m");
}

// --- corner cases ----------------------------------------------------------------------

#[test]
fn a_constant_output_has_gradient_zero() {
    let x = [1.0, -2.0, 3.0];
    assert_eq!(gradient_reverse(|_| Var64::constant(3.5), &x), (3.5, vec![0.0; 3]));
    // Built from constants only, and an input times the constant 0.
    let c = |_: &[Var64]| {
        let a = Var64::constant(2.0);
        a * a + 1.0
    };
    assert_eq!(gradient_reverse(c, &x), (5.0, vec![0.0; 3]));
    assert_eq!(gradient_reverse(|x| x[1] * 0.0, &x).1, vec![0.0; 3]);
    let (y, j) = jacobian_reverse(|x| vec![Var64::constant(1.0), x[0] * x[2]], &x);
    assert_eq!((y, j), (vec![1.0, 3.0], vec![vec![0.0; 3], vec![3.0, 0.0, 1.0]]));
    assert_eq!(vjp(|_| vec![Var64::constant(4.0)], &x, &[2.0]), (vec![4.0], vec![0.0; 3]));
    let (f, g, hv) = hvp_slice(|_| Var::constant(Dual64::constant(2.0)), &x, &[1.0; 3]);
    assert_eq!((f, g, hv), (2.0, vec![0.0; 3], vec![0.0; 3]));
    let (f, g, h) = hessian_reverse(|x| x[0] * 0.0 + 2.0, &x);
    assert_eq!((f, g, h), (2.0, vec![0.0; 3], vec![vec![0.0; 3]; 3]));
}

#[test]
fn an_output_that_is_an_input() {
    let x = [1.5, -2.5, 4.0];
    assert_eq!(gradient_reverse(|x| x[0], &x), (1.5, vec![1.0, 0.0, 0.0]));
    assert_eq!(gradient_reverse(|x| x[2], &x), (4.0, vec![0.0, 0.0, 1.0]));
    let (y, j) = jacobian_reverse(|x| vec![x[1], x[0], x[1]], &x);
    assert_eq!(y, vec![-2.5, 1.5, -2.5]);
    assert_eq!(j, vec![vec![0.0, 1.0, 0.0], vec![1.0, 0.0, 0.0], vec![0.0, 1.0, 0.0]]);
    assert_eq!(vjp(|x| vec![x[1], x[1]], &x, &[2.0, 3.0]).1, vec![0.0, 5.0, 0.0]);
    let (f, g, hv) = hvp_slice(|x| x[1], &x, &[1.0, 1.0, 1.0]);
    assert_eq!((f, g, hv), (-2.5, vec![0.0, 1.0, 0.0], vec![0.0; 3]));
}

#[test]
fn no_inputs() {
    let (f, g) = gradient_reverse(
        |x| {
            assert!(x.is_empty());
            Var64::constant(1.5)
        },
        &[],
    );
    assert_eq!((f, g), (1.5, vec![]));
    assert_eq!(gradient_reverse(rosenbrock, &[]), (0.0, vec![]));
    assert_eq!(vjp(|_| vec![Var64::constant(2.0)], &[], &[3.0]), (vec![2.0], vec![]));
    let (y, j) = jacobian_reverse(|_| vec![Var64::constant(1.0), Var64::constant(2.0)], &[]);
    assert_eq!((y, j), (vec![1.0, 2.0], vec![vec![], vec![]]));
    let (f, g, hv) = hvp_slice(|_| Var::constant(Dual64::constant(-1.0)), &[], &[]);
    assert_eq!((f, g, hv), (-1.0, vec![], vec![]));
    let (f, g, h) = hessian_reverse(|x| rosenbrock(x) + 0.5, &[]);
    assert_eq!((f, g, h), (0.5, vec![], vec![]));
}

// --- nesting ------------------------------------------------------------------------------

#[test]
fn forward_derivative_inside_a_reverse_gradient() {
    // f(a, b) = d/dt sin(t b) at t = a = b cos(ab):
    // ∂f/∂a = -b² sin(ab), ∂f/∂b = cos(ab) - ab sin(ab).
    let (a, b) = (0.8, -1.7);
    let (f, g) = gradient_reverse(|x| derivative(|t| (t * Dual::from(x[1])).sin(), x[0]), &[a, b]);
    assert_rel(f, b * (a * b).cos(), 1e-15);
    assert_close(&g, &[-b * b * (a * b).sin(), (a * b).cos() - a * b * (a * b).sin()], 1e-14);
}

#[test]
fn reverse_inside_reverse() {
    // Inner: ∂/∂y [y² b + sin y] at y = a = 2ab + cos a, on Var<Var<f64>>
    // with b lifted by Var::constant. Outer gradient: (2b - sin a, 2a).
    let (a, b) = (0.6, 2.5);
    let (f, g) = gradient_reverse(
        |x: &[Var64]| {
            let (inner_value, inner_grad) = gradient_reverse(
                |y: &[Var<Var64>]| y[0] * y[0] * Var::constant(x[1]) + y[0].sin(),
                &[x[0]],
            );
            assert_rel(inner_value.value(), a * a * b + a.sin(), 1e-15);
            inner_grad[0]
        },
        &[a, b],
    );
    assert_rel(f, 2.0 * a * b + a.cos(), 1e-15);
    assert_close(&g, &[2.0 * b - a.sin(), 2.0 * a], 1e-15);
}

#[test]
fn a_plain_gradient_inside_a_gradient_leaves_the_outer_tape_alone() {
    // The inner call records on the same (f64) tape type while the outer one
    // records: ∇(y₀³y₁) at (2, 5) = (60, 8), y₀³y₁ = 40. Outer:
    // f = ab·60 + 40 sin b: ∇f = (60b, 60a + 40 cos b).
    let (a, b) = (1.25, -0.75);
    let (f, g) = gradient_reverse(
        |x| {
            let before = x[0] * x[1];
            let (v, inner) = gradient_reverse(|y| y[0].powi(3) * y[1], &[2.0, 5.0]);
            assert_eq!((v, inner.clone()), (40.0, vec![60.0, 8.0]));
            let after = x[1].sin() * v;
            // A second inner call, between two outer operations.
            let (_, again) = gradient_reverse(|y| y[0] * y[1] * y[2], &[1.0, 2.0, 3.0]);
            assert_eq!(again, vec![6.0, 3.0, 2.0]);
            before * inner[0] + after
        },
        &[a, b],
    );
    assert_rel(f, 60.0 * a * b + 40.0 * b.sin(), 1e-15);
    assert_close(&g, &[60.0 * b, 60.0 * a + 40.0 * b.cos()], 1e-15);
}

// --- derivatives at the edges of the number range ----------------------------------------------

#[test]
fn a_derivative_that_cancels_to_zero_through_the_tape_is_not_seen() {
    // x₀ - x₀ folds into one variable of scale exactly 0, so its square
    // root has gradient 0, as in forward mode (the norm row of the crate
    // docs' edge table).
    assert_eq!(gradient_reverse(|x| (x[0] - x[0]).sqrt(), &[1.0]), (0.0, vec![0.0]));
    // (x₀ + x₁) - (x₁ + x₀) is 0 with a derivative that is 0 only because
    // two recorded nodes cancel: the sweep meets √'s infinite partial
    // first and gives ∞ - ∞ = NaN, the documented limit of reverse mode
    // (`Var`'s docs); forward mode sees the exact 0 and gives 0.
    let f = |x: &[Var64]| ((x[0] + x[1]) - (x[1] + x[0])).sqrt();
    let (value, g) = gradient_reverse(f, &[1.0, 2.0]);
    assert_eq!(value, 0.0);
    assert!(g.iter().all(|gi| gi.is_nan()), "{g:?}");
    let (_, forward) = gradient_forward(|x| ((x[0] + x[1]) - (x[1] + x[0])).sqrt(), &[1.0, 2.0]);
    assert_eq!(forward, vec![0.0, 0.0]);
}

#[test]
fn tiny_derivatives_do_not_underflow() {
    // x₀ / e^(x₁²) at (1, 21.5): ∂/∂x₀ = e^(-x₁²) ≈ 1.8e-201 and
    // ∂/∂x₁ = -2x₁x₀ e^(-x₁²) ≈ -7.6e-200, both normal f64 numbers.
    let (a, b) = (1.0f64, 21.5f64);
    let e = (-(b * b)).exp();
    let (_, g) = gradient_reverse(|x| x[0] / (x[1] * x[1]).exp(), &[a, b]);
    assert_close(&g, &[e, -2.0 * b * a * e], 1e-13);
}

// --- threads and reuse -------------------------------------------------------------------

#[test]
fn eight_threads_at_once_give_the_single_threaded_results_bitwise() {
    // Thread k: Rosenbrock with n = 100(k + 1) at its own point.
    let cases: Vec<Vec<f64>> = (0..8).map(|k| point(100 * (k + 1), k)).collect();
    let single: Vec<(u64, Vec<u64>)> = cases
        .iter()
        .map(|x| {
            let (v, g) = gradient_reverse(rosenbrock, x);
            assert_close(&g, &rosenbrock_gradient(x), 1e-13);
            (v.to_bits(), bits(&g))
        })
        .collect();
    let start = Barrier::new(8);
    std::thread::scope(|s| {
        for (x, want) in cases.iter().zip(&single) {
            let start = &start;
            s.spawn(move || {
                start.wait();
                for _ in 0..200 {
                    let (v, g) = gradient_reverse(rosenbrock, x);
                    assert_eq!((v.to_bits(), bits(&g)), *want, "n = {}", x.len());
                }
            });
        }
    });
}

#[test]
fn a_thousand_calls_give_identical_results() {
    let x = point(30, 6);
    let (v0, g0) = gradient_reverse(rosenbrock, &x);
    assert_close(&g0, &rosenbrock_gradient(&x), 1e-13);
    for _ in 0..1000 {
        let (v, g) = gradient_reverse(rosenbrock, &x);
        assert_eq!((v.to_bits(), bits(&g)), (v0.to_bits(), bits(&g0)));
    }
    // Calls of different sizes in between do not disturb one another.
    for n in [3, 300, 3] {
        let x = point(n, 8);
        assert_close(&gradient_reverse(rosenbrock, &x).1, &rosenbrock_gradient(&x), 1e-13);
    }
}

// --- Vars outside their call ----------------------------------------------------------------

#[test]
#[should_panic(expected = "outside the driver call")]
fn vars_combined_after_their_call_returned_panic() {
    let mut escaped = Vec::new();
    gradient_reverse(
        |x| {
            escaped = x.to_vec();
            x[0] * x[1]
        },
        &[1.0, 2.0],
    );
    let _ = escaped[0] * escaped[1];
}

#[test]
fn a_var_used_alone_after_its_call_keeps_a_true_value() {
    // Operations of one variable record nothing, so they never look at the
    // tape: the value is right, and its derivatives can only be read by
    // handing it to a driver, which panics (the next test).
    let mut escaped = None;
    gradient_reverse(
        |x| {
            escaped = Some(x[0]);
            x[0]
        },
        &[1.0],
    );
    let y = escaped.unwrap().sin() * escaped.unwrap();
    assert_eq!(y.value(), 1f64.sin());
}

#[test]
#[should_panic(expected = "outside the driver call")]
fn an_escaped_var_returned_from_a_later_call_panics() {
    let mut escaped = None;
    gradient_reverse(
        |x| {
            escaped = Some(x[0]);
            x[0]
        },
        &[1.0],
    );
    gradient_reverse(|_| escaped.unwrap() * 2.0, &[1.0]);
}

#[test]
#[should_panic(expected = "outside the driver call")]
fn an_outer_var_mixed_with_an_inner_var_panics() {
    gradient_reverse(
        |x| {
            let (_, g) = gradient_reverse(|y| y[0] * x[0], &[3.0]);
            x[0] * g[0]
        },
        &[2.0],
    );
}

#[test]
#[should_panic(expected = "outside the driver call")]
fn an_outer_var_returned_by_an_inner_call_panics() {
    gradient_reverse(
        |x| {
            let (_, g) = gradient_reverse(|_| x[0].sin(), &[3.0]);
            x[0] * g[0]
        },
        &[2.0],
    );
}

// --- f32 -------------------------------------------------------------------------------

#[test]
fn an_f32_gradient() {
    // f = x₀² x₁ + sin x₁ + e^(x₀ x₂)/x₂:
    // ∇f = (2x₀x₁ + e^(x₀x₂), x₀² + cos x₁, (x₀x₂ - 1) e^(x₀x₂)/x₂²)
    let x = [1.5f32, 0.5, -0.8];
    let (value, g) = gradient_reverse(
        |v: &[Var32]| v[0] * v[0] * v[1] + v[1].sin() + (v[0] * v[2]).exp() / v[2],
        &x,
    );
    let [a, b, c] = x.map(f64::from);
    let e = (a * c).exp();
    let want = [2.0 * a * b + e, a * a + b.cos(), (a * c - 1.0) * e / (c * c)];
    let got: Vec<f64> = g.iter().map(|&gi| f64::from(gi)).collect();
    assert_close(&got, &want, 1e-6);
    assert_rel(f64::from(value), a * a * b + b.sin() + e / c, 1e-6);
}
