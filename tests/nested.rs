//! Derivatives of derivatives: every carrier nested in every other keeps its
//! perturbation apart (no perturbation confusion), closures that capture an
//! outer variable differentiate through it, gradients nest in gradients, and
//! Hessians built by nesting first-order types agree with `hessian` and
//! with the closed form.
//!
//! The basic case (d/dx [x · d/dy (x + y)] = 1 with `derivative` in
//! `derivative`) is in `tests/drivers.rs`; here are the other pairings.

use approx::assert_relative_eq;
use autodiff::prelude::*;

/// Relative tolerance: every reference is a closed form evaluated in f64.
const TOL: f64 = 1e-13;

// --- perturbation confusion ------------------------------------------------------
//
// d/dx [x · d/dy (x + y)] = d/dx [x · 1] = 1. Confusing the inner and the
// outer perturbation gives d/dy (x + y) = 2 (x's ε counted as y's), hence 2.

#[test]
fn confusion_with_a_second_order_outer_carrier() {
    // Dual2 outside, Dual inside: f = x, f' = 1, f'' = 0.
    let r = second_derivative(|x| x * derivative(|y| Dual::from(x) + y, x), 1.0);
    assert_eq!(r, (1.0, 1.0, 0.0));
    // HyperDual outside (two directions), Dual inside.
    let r =
        second_partial_derivative(|x, z| x * z * derivative(|y| Dual::from(x) + y, x), (1.0, 2.0));
    // f = xz: f, ∂x = z, ∂z = x, ∂x∂z = 1
    assert_eq!(r, (2.0, 2.0, 1.0, 1.0));
    // Jet outside: f = x, so (1, 1, 0, 0).
    let d = derivatives::<_, 4>(|x| x * derivative(|y| Dual::from(x) + y, x), 1.0);
    assert_eq!(d, [1.0, 1.0, 0.0, 0.0]);
}

#[test]
fn confusion_with_a_vector_outer_carrier() {
    // ∇ [x₀ · d/dy (x₀ + x₁ + y)] = ∇ x₀ = (1, 0)
    let (f, g) = gradient(
        |x: [DualVec64<2>; 2]| x[0] * derivative(|y| Dual::from(x[0] + x[1]) + y, x[0]),
        [1.0, 3.0],
    );
    assert_eq!((f, g), (1.0, [1.0, 0.0]));
    // The Hessian of x₀² · d/dy (x₀ x₁ y) = x₀³ x₁: [[6x₀x₁, 3x₀²], [3x₀², 0]]
    let (f, g, h) = hessian(
        |x: [Dual2Vec64<2>; 2]| x[0] * x[0] * derivative(|y| Dual::from(x[0] * x[1]) * y, x[1]),
        [2.0, 3.0],
    );
    assert_eq!((f, g, h), (24.0, [36.0, 8.0], [[36.0, 12.0], [12.0, 0.0]]));
}

#[test]
fn confusion_with_other_inner_carriers() {
    // Inner gradient: d/dx [x · ∂/∂y₀ (x + y₀ + y₁)] = 1
    let d = derivative(
        |x| {
            let (_, g) =
                gradient(|y: [DualVec<Dual64, 2>; 2]| DualVec::from(x) + y[0] + y[1], [x, x]);
            x * g[0]
        },
        1.0,
    );
    assert_eq!(d, 1.0);
    // Inner second derivative: d/dx [x · d²/dy² (x + y)²/2] = d/dx x = 1
    let d = derivative(|x| x * second_derivative(|y| (Dual2::from(x) + y).powi(2) * 0.5, x).2, 1.0);
    assert_eq!(d, 1.0);
    // Inner Jet: d/dx [x · d/dy (x + y)] with the inner derivative from a Jet.
    let d = derivative(|x| x * nth_derivative::<_, 2>(|y| Jet::from(x) + y, x), 1.0);
    assert_eq!(d, 1.0);
}

#[test]
fn confusion_three_levels_deep() {
    // d/dz (x y z) = x y; d/dy [x y · x y] = 2x²y, at y = x: 2x³;
    // d/dx [x · 2x³] = 8x³.
    let f = |x: Dual64| {
        x * derivative(
            |y| {
                let xd = Dual::from(x);
                xd * y * derivative(|z| Dual::constant(xd * y) * z, y)
            },
            x,
        )
    };
    for x0 in [1.0, -0.5, 2.0] {
        assert_relative_eq!(derivative(f, x0), 8.0 * x0 * x0 * x0, max_relative = TOL);
    }
}

// --- closures capturing the outer variable -----------------------------------------

/// h(x) = d/dy sin(x y) at y = x = x cos x², written with a closure that
/// captures x.
fn h<T: Scalar>(x: T) -> T {
    derivative(|y| (Dual::from(x) * y).sin(), x)
}

#[test]
fn a_derivative_of_a_derivative_of_a_closure_capturing_the_outer_variable() {
    for x in [-1.3f64, 0.2, 0.9, 1.7] {
        let (s, c) = (x * x).sin_cos();
        let h0 = x * c;
        // h' = cos x² - 2x² sin x²
        let h1 = c - 2.0 * x * x * s;
        // h'' = -6x sin x² - 4x³ cos x²
        let h2 = -6.0 * x * s - 4.0 * x.powi(3) * c;
        assert_relative_eq!(h(x), h0, max_relative = TOL);
        assert_relative_eq!(derivative(h, x), h1, max_relative = TOL);
        let (v, d1, d2) = second_derivative(h, x);
        assert_relative_eq!(v, h0, max_relative = TOL);
        assert_relative_eq!(d1, h1, max_relative = TOL);
        assert_relative_eq!(d2, h2, max_relative = TOL, epsilon = 1e-14);
        // The same second derivative by nesting `derivative` once more.
        assert_relative_eq!(
            derivative(|x| derivative(h, x), x),
            h2,
            max_relative = TOL,
            epsilon = 1e-14
        );
        // And by a Jet: h''' = -6 sin x² - 24x² cos x² + 8x⁴ sin x²
        let h3 = -6.0 * s - 24.0 * x * x * c + 8.0 * x.powi(4) * s;
        let d = derivatives::<_, 4>(h, x);
        assert_relative_eq!(d[2], h2, max_relative = TOL, epsilon = 1e-14);
        assert_relative_eq!(d[3], h3, max_relative = TOL, epsilon = 1e-13);
    }
}

#[test]
fn two_inner_derivatives_each_capturing_the_outer_variables() {
    // g(x) = d/dy [d/dz (x y z²) at z = y] at y = x = d/dy [2x y²] = 4x²,
    // so g'(x) = 8x.
    let g = |x: Dual64| {
        derivative(
            |y| {
                let xd = Dual::from(x);
                derivative(|z| Dual::from(xd * y) * z * z, y)
            },
            x,
        )
    };
    for x0 in [-2.0, 0.5, 3.0] {
        assert_eq!(g(Dual64::constant(x0)).re, 4.0 * x0 * x0);
        assert_eq!(derivative(g, x0), 8.0 * x0);
    }
}

#[test]
fn derivatives_of_taylor_coefficients_and_taylor_coefficients_of_derivatives() {
    // d/dx [d²/dy² (x y⁴) at y = x] = d/dx 12x³ = 36x²
    let d = derivative(|x| nth_derivative::<_, 3>(|y| Jet::from(x) * y.powi(4), x), 2.0);
    assert_eq!(d, 144.0);
    // The derivatives of x · d/dy (x y²) at y = x = 2x³: 2x³, 6x², 12x, 12
    let d = derivatives::<_, 4>(|x| x * derivative(|y| Dual::from(x) * y * y, x), 1.5);
    assert_eq!(d, [6.75, 13.5, 18.0, 12.0]);
}

// --- gradients inside gradients ---------------------------------------------------

/// h(x, y) = x₀ y₀² + x₁ y₀ y₁
fn inner<T: Scalar>(x: [T; 2], y: [T; 2]) -> T {
    x[0] * y[0] * y[0] + x[1] * y[0] * y[1]
}

/// f(x) = g(x) · ‖∇ᵧ h(x, y) at y = x‖ with g(x) = x₀ + x₁², the inner
/// gradient taken by `gradient` inside the outer function.
fn outer<T: Scalar>(x: [T; 2]) -> T {
    let (_, v) = gradient(|y: [DualVec<T, 2>; 2]| inner(x.map(DualVec::from), y), x);
    (x[0] + x[1] * x[1]) * (v[0] * v[0] + v[1] * v[1]).sqrt()
}

#[test]
fn a_gradient_inside_a_gradient() {
    for x in [[1.0f64, 2.0], [-0.5, 1.5], [2.0, -3.0]] {
        // v = ∇ᵧh at y = x = (2x₀² + x₁², x₀x₁), N = |v|, J = ∂v/∂x
        let v = [2.0 * x[0] * x[0] + x[1] * x[1], x[0] * x[1]];
        let n = v[0].hypot(v[1]);
        let j = [[4.0 * x[0], 2.0 * x[1]], [x[1], x[0]]];
        let g = x[0] + x[1] * x[1];
        let dg = [1.0, 2.0 * x[1]];
        // ∇f = N ∇g + g Jᵀv / N
        let expected: [f64; 2] =
            core::array::from_fn(|i| n * dg[i] + g * (j[0][i] * v[0] + j[1][i] * v[1]) / n);

        let (f, grad) = gradient(outer, x);
        assert_relative_eq!(f, g * n, max_relative = TOL);
        for i in 0..2 {
            assert_relative_eq!(grad[i], expected[i], max_relative = TOL);
        }
        // The same through a runtime-length outer gradient.
        let (_, grad) = gradient_slice(|x| outer([x[0], x[1]]), &x);
        assert_relative_eq!(grad[0], expected[0], max_relative = TOL);
        assert_relative_eq!(grad[1], expected[1], max_relative = TOL);
    }
}

// --- Hessians by nesting first-order types --------------------------------------

/// f = x₀² x₁ + x₁ sin x₂ + e^(x₀ x₂)
fn f3<T: Scalar>(x: [T; 3]) -> T {
    x[0] * x[0] * x[1] + x[1] * x[2].sin() + (x[0] * x[2]).exp()
}

/// The Hessian of [`f3`] in closed form.
fn f3_hessian(x: [f64; 3]) -> [[f64; 3]; 3] {
    let e = (x[0] * x[2]).exp();
    let h01 = 2.0 * x[0];
    let h02 = e * (1.0 + x[0] * x[2]);
    let h12 = x[2].cos();
    [
        [2.0 * x[1] + x[2] * x[2] * e, h01, h02],
        [h01, 0.0, h12],
        [h02, h12, -x[1] * x[2].sin() + x[0] * x[0] * e],
    ]
}

#[track_caller]
fn assert_matrix(got: [[f64; 3]; 3], expected: [[f64; 3]; 3]) {
    for i in 0..3 {
        for j in 0..3 {
            assert_relative_eq!(got[i][j], expected[i][j], max_relative = TOL, epsilon = 1e-15);
        }
    }
}

#[test]
fn hessians_by_nesting_agree_with_hessian_and_the_closed_form() {
    for x in [[1.0f64, 2.0, 0.5], [-0.7, 0.3, 1.9], [0.0, -1.0, -2.0]] {
        let expected = f3_hessian(x);
        let (_, _, h) = hessian(f3, x);
        assert_matrix(h, expected);

        // Dual<DualVec>: the outer ε along eᵢ, the inner gradient: row i.
        let rows: [[f64; 3]; 3] = core::array::from_fn(|i| {
            let y = f3::<Dual<DualVec64<3>>>(core::array::from_fn(|j| {
                let along = if i == j { 1.0 } else { 0.0 };
                Dual::new(DualVec::variable(x[j], j), DualVec::constant(along))
            }));
            y.eps.eps
        });
        assert_matrix(rows, h);
        assert_matrix(rows, expected);

        // DualVec<DualVec>: the whole Hessian in one pass.
        let y = f3::<DualVec<DualVec64<3>, 3>>(core::array::from_fn(|j| {
            DualVec::new(
                DualVec::variable(x[j], j),
                core::array::from_fn(|k| DualVec::constant(if k == j { 1.0 } else { 0.0 })),
            )
        }));
        assert_matrix(y.eps.map(|row| row.eps), expected);

        // DualVec<Dual> (hvp) along each unit vector: the columns.
        let cols: [[f64; 3]; 3] = core::array::from_fn(|i| {
            hvp(f3, x, core::array::from_fn(|k| if k == i { 1.0 } else { 0.0 })).2
        });
        assert_matrix(cols, expected);

        // Jet<DualVec>: the first Taylor coefficient along eᵢ is ∂ᵢf, whose
        // gradient is row i.
        let rows: [[f64; 3]; 3] = core::array::from_fn(|i| {
            let y = f3::<Jet<DualVec64<3>, 2>>(core::array::from_fn(|j| {
                let along = if i == j { 1.0 } else { 0.0 };
                Jet::new([DualVec::variable(x[j], j), DualVec::constant(along)])
            }));
            y.c[1].eps
        });
        assert_matrix(rows, expected);
    }
}

/// Where a derivative is singular or undefined, a nested `Dual<Dual64>`
/// (the derivative of f′'s formula) gives the f″ of the crate docs' edge
/// table, as `Dual2_64` does (its own f″ formula): the one-sided limits of
/// √x and ∛x at the zeros, NaN outside a domain.
#[test]
fn nested_second_derivatives_follow_the_edge_table() {
    const INF: f64 = f64::INFINITY;
    type Case = (&'static str, fn(Dual<Dual64>) -> Dual<Dual64>, f64, f64, f64);
    let cases: [Case; 8] = [
        ("sqrt at +0", |x| x.sqrt(), 0.0, INF, -INF),
        ("sqrt at -0", |x| x.sqrt(), -0.0, INF, -INF),
        ("cbrt at +0", |x| x.cbrt(), 0.0, INF, -INF),
        ("cbrt at -0 (from the left)", |x| x.cbrt(), -0.0, INF, INF),
        ("ln(-1)", |x| x.ln(), -1.0, f64::NAN, f64::NAN),
        ("atanh(2)", |x| x.atanh(), 2.0, f64::NAN, f64::NAN),
        ("acosh(0.5)", |x| x.acosh(), 0.5, f64::NAN, f64::NAN),
        ("x % 0", |x| x % 0.0, 1.0, f64::NAN, f64::NAN),
    ];
    let same = |a: f64, b: f64| (a.is_nan() && b.is_nan()) || a == b;
    for (case, f, x, d1, d2) in cases {
        let y = f(Dual::new(Dual64::new(x, 1.0), Dual64::new(1.0, 0.0)));
        assert!(same(y.re.eps, d1) && same(y.eps.re, d1), "{case}: f' = {:?}, expected {d1}", y);
        assert!(same(y.eps.eps, d2), "{case}: f'' = {}, expected {d2}", y.eps.eps);
    }
}
