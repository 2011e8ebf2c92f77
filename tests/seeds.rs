//! Every number of `../shared/SEEDS.md`, asserted: the derivative table and
//! the figures of the programs the examples run.
//!
//! The computations are the examples' own (`examples/common/seeds.rs`,
//! included below), so the examples cannot drift from SEEDS.md. Reference
//! values are SEEDS.md's numbers, the seed material's printed values, or
//! closed forms written here in plain `f64`, never the crate's results.

use std::f64::consts::{E, LN_2, PI};

use approx::assert_relative_eq;
use autodiff::prelude::*;

#[allow(dead_code)]
#[path = "../examples/common/seeds.rs"]
mod seeds;

use seeds::*;

/// Checks a derivative at several points against a closed form.
#[track_caller]
fn check(name: &str, ad: impl Fn(f64) -> f64, exact: impl Fn(f64) -> f64, points: &[f64]) {
    for &x in points {
        let (got, want) = (ad(x), exact(x));
        assert!(
            (got - want).abs() <= 1e-13 * want.abs().max(1.0),
            "{name} at {x}: AD {got}, closed form {want}"
        );
    }
}

const XS: [f64; 6] = [-2.5, -1.0, -0.3, 0.4, 1.0, 2.2];
const POSITIVE: [f64; 5] = [0.1, 0.5, 1.0, 2.0, 7.5];
const UNIT: [f64; 5] = [-0.9, -0.5, 0.0, 0.3, 0.75];

// --- the table: derivatives that must come out exactly ------------------------------

#[test]
fn the_lab_values_are_exact() {
    assert_eq!(derivative(|w| w * w, 3.0), 6.0);
    assert_eq!(derivative(|w| w * 2.0, -3.0), 2.0);
    assert_eq!(derivative(|w| w.powi(3), 2.0), 12.0);
    assert_eq!(derivative(|w| w.recip(), 2.0), -0.25);
    assert_eq!(derivative(|w| (w * w).recip(), 4.0), -0.03125);
}

#[test]
fn the_infinitesimal_view() {
    // (3 + ε)² = 9 + 6ε
    let x = Dual64::variable(3.0);
    assert_eq!(x * x, Dual64::new(9.0, 6.0));
    assert_eq!((x * x).to_string(), "9 + 6ε");
}

#[test]
fn the_chain_rule() {
    check(
        "(3x + 2)²",
        |x| derivative(|x| (x * 3.0 + 2.0).powi(2), x),
        |x| 6.0 * (3.0 * x + 2.0),
        &XS,
    );
}

#[test]
fn a_composition_of_linear_functions_has_derivative_24_everywhere() {
    let f = Composition((Linear(2.0, 0.0), Linear(3.0, 0.0), Linear(4.0, 0.0)));
    for x in [-10.0, -1.0, 0.0, 0.5, 3.0, 1e6] {
        assert_eq!(f.prime(x), 24.0, "at {x}");
        assert_eq!(f.call(x), 24.0 * x);
    }
}

#[test]
fn the_textbook_table() {
    check("x^n", |x| derivative(|x| x.powf(Dual64::cst(3.7)), x), |x| 3.7 * x.powf(2.7), &POSITIVE);
    check("x^5", |x| derivative(|x| x.powi(5), x), |x| 5.0 * x.powi(4), &XS);
    check("eˣ", |x| derivative(|x| x.exp(), x), f64::exp, &XS);
    check("aˣ", |x| derivative(|x| Dual64::cst(3.0).powf(x), x), |x| 3f64.powf(x) * 3f64.ln(), &XS);
    check("ln x", |x| derivative(|x| x.ln(), x), |x| 1.0 / x, &POSITIVE);
    check(
        "log_a x",
        |x| derivative(|x| x.log(Dual64::cst(5.0)), x),
        |x| 1.0 / (x * 5f64.ln()),
        &POSITIVE,
    );
    check("sin", |x| derivative(|x| x.sin(), x), f64::cos, &XS);
    check("cos", |x| derivative(|x| x.cos(), x), |x| -x.sin(), &XS);
    check("tan", |x| derivative(|x| x.tan(), x), |x| 1.0 / x.cos().powi(2), &UNIT);
    check("arcsin", |x| derivative(|x| x.asin(), x), |x| 1.0 / (1.0 - x * x).sqrt(), &UNIT);
    check("arccos", |x| derivative(|x| x.acos(), x), |x| -1.0 / (1.0 - x * x).sqrt(), &UNIT);
    check("arctan", |x| derivative(|x| x.atan(), x), |x| 1.0 / (1.0 + x * x), &XS);
}

#[test]
fn the_activations() {
    let s = |x: f64| 1.0 / (1.0 + (-x).exp());
    check("σ", |x| derivative(|x| x.sigmoid(), x), |x| s(x) * (1.0 - s(x)), &XS);
    check("tanh", |x| derivative(|x| x.tanh(), x), |x| 1.0 - x.tanh().powi(2), &XS);
    let relu = |x| derivative(|x| x.relu(), x);
    assert_eq!(
        [relu(-2.0), relu(-0.0), relu(0.0), relu(1e-300), relu(3.0)],
        [0.0, 0.0, 0.0, 1.0, 1.0]
    );
    let leaky = |x| derivative(|x| x.leaky_relu(0.01), x);
    assert_eq!([leaky(-2.0), leaky(0.0), leaky(3.0)], [0.01, 0.01, 1.0]);
    let prelu = |x| derivative(|x| x.leaky_relu(0.2), x);
    assert_eq!([prelu(-2.0), prelu(0.0), prelu(3.0)], [0.2, 0.2, 1.0]);
    let alpha = 1.5;
    let elu = |x: f64| if x > 0.0 { x } else { alpha * x.exp_m1() };
    check(
        "ELU",
        |x| derivative(|x| x.elu(alpha), x),
        |x| if x > 0.0 { 1.0 } else { elu(x) + alpha },
        &[-3.0, -1.0, -0.2, 0.0, 0.5, 2.0],
    );
}

#[test]
fn the_softmax_jacobian_is_diag_s_minus_s_s_transposed() {
    let z = [0.3, -1.2, 2.0, 0.0];
    let e: Vec<f64> = z.iter().map(|v| v.exp()).collect();
    let total: f64 = e.iter().sum();
    let s: Vec<f64> = e.iter().map(|v| v / total).collect();
    let jac = (|v: [DualVec64<4>; 4]| {
        let out = softmax(&v);
        [out[0], out[1], out[2], out[3]]
    })
    .jacobian(z);
    for i in 0..4 {
        for j in 0..4 {
            let want = if i == j { s[i] - s[i] * s[j] } else { -s[i] * s[j] };
            assert_relative_eq!(jac[i][j], want, epsilon = 1e-16, max_relative = 1e-13);
        }
    }
}

#[test]
fn the_gradient_of_x4_plus_y2() {
    for (x, y) in [(1.0, 2.0), (-1.5, 0.3), (0.0, -4.0)] {
        assert_eq!(quartic_bowl.grad((x, y)), (4.0 * x * x * x, 2.0 * y));
        assert_eq!(
            gradient(|v: [_; 2]| v[0].powi(4) + v[1] * v[1], [x, y]).1,
            [4.0 * x.powi(3), 2.0 * y]
        );
    }
}

#[test]
fn the_compositions_of_the_table() {
    check(
        "e^(-x²/2)",
        |x| derivative(|x| (-x * x / 2.0).exp(), x),
        |x| -x * (-x * x / 2.0).exp(),
        &XS,
    );
    check("x² e^(sin x)", |x| bump.grad(x), |x| (2.0 * x + x * x * x.cos()) * x.sin().exp(), &XS);
    check(
        "sin(cos x²)",
        |x| derivative(|x| (x * x).cos().sin(), x),
        |x| -2.0 * x * (x * x).sin() * (x * x).cos().cos(),
        &XS,
    );
    check(
        "(x²+1)/(x²-1)",
        |x| quotient.grad(x),
        |x| -4.0 * x / (x * x - 1.0).powi(2),
        &[-2.5, -0.3, 0.4, 2.2],
    );
}

#[test]
fn the_half_parabola_has_a_derivative_that_is_not_differentiable_at_0() {
    check("0 | x²", |x| half_parabola.grad(x), |x| if x < 0.0 { 0.0 } else { 2.0 * x }, &XS);
    assert_eq!(half_parabola.grad(0.0), 0.0);
    // f'' jumps from 0 to 2 at 0: f' has no derivative there.
    assert_eq!(half_parabola.hessian(-1e-9), 0.0);
    assert_eq!(half_parabola.hessian(1e-9), 2.0);
}

#[test]
fn every_derivative_of_the_flat_function_is_0_at_0() {
    assert_eq!(derivatives::<_, 10>(flat, 0.0), [0.0; 10]);
    // Its Taylor series at 0 is 0, but the function is not.
    assert_relative_eq!(flat(0.5), (-4f64).exp(), max_relative = 1e-15);
    assert!(flat(0.5) > 0.0);
}

#[test]
fn every_row_of_the_examples_table_matches_its_closed_form() {
    for row in derivative_table() {
        check(row.name, row.ad, row.exact, row.points);
    }
}

// --- 3. finite differences -------------------------------------------------------------

#[test]
fn the_difference_quotients_of_sin_match_their_closed_forms() {
    // Sum-to-product: forward = cos(x + h/2) sin(h/2)/(h/2),
    // backward = cos(x − h/2) sin(h/2)/(h/2), central = cos x sin(h)/h.
    for x in [-4.0, -1.0, 0.0, 1.0, 2.5] {
        for h in SEED_STEPS {
            let s = (h / 2.0).sin() / (h / 2.0);
            let close =
                |a: f64, b: f64| assert!((a - b).abs() < 1e-14, "x = {x}, h = {h}: {a} vs {b}");
            close(forward_difference(f64::sin, x, h), (x + h / 2.0).cos() * s);
            close(backward_difference(f64::sin, x, h), (x - h / 2.0).cos() * s);
            close(central_difference(f64::sin, x, h), x.cos() * h.sin() / h);
        }
    }
    // At x = 0 the forward quotient is sin(h)/h: 0.0470400..., 0.8414709..., 0.9983341...
    assert_relative_eq!(
        forward_difference(f64::sin, 0.0, 3.0),
        3f64.sin() / 3.0,
        max_relative = 1e-15
    );
    assert_relative_eq!(
        forward_difference(f64::sin, 0.0, 0.1),
        0.998_334_166_468_281_5,
        max_relative = 1e-12
    );
}

#[test]
fn the_error_sweep_shows_truncation_then_cancellation_and_ad_is_exact() {
    let errors = difference_errors(1.0);
    assert_eq!(errors.len(), 129);
    assert_eq!(errors[0].0, 1.0);
    assert_relative_eq!(errors[128].0, 1e-16, max_relative = 1e-12);
    assert!(errors.iter().all(|(_, e)| e[3] == 0.0), "AD's error is exactly 0");
    let at = |h: f64| errors.iter().find(|(hh, _)| (hh / h - 1.0).abs() < 1e-9).unwrap().1;
    // Truncation: forward error ≈ (h/2)|sin 1|, central ≈ (h²/6)|cos 1|.
    assert_relative_eq!(at(1e-2)[0], 0.005 * 1f64.sin(), max_relative = 0.01);
    assert_relative_eq!(at(1e-2)[2], 1e-4 / 6.0 * 1f64.cos(), max_relative = 0.01);
    // Cancellation: at h = 1e-16 the quotients are useless.
    assert!(at(1e-16)[0] > 1e-2 && at(1e-16)[1] > 1e-2);
    // The best a difference can do is far from exact.
    let best_central = errors.iter().map(|(_, e)| e[2]).fold(f64::INFINITY, f64::min);
    assert!(best_central > 1e-14 && best_central < 1e-9, "{best_central}");
}

// --- 4. Taylor -------------------------------------------------------------------------------

#[test]
fn taylor_coefficients_of_the_four_functions() {
    let fact = |k: usize| (1..=k).map(|i| i as f64).product::<f64>();
    let sin = taylor::<_, 10>(|x| x.sin(), 0.0);
    let cos = taylor::<_, 10>(|x| x.cos(), 0.0);
    let ln1p = taylor::<_, 10>(|x| x.ln_1p(), 0.0);
    let gauss = taylor::<_, 10>(|x| (-x * x).exp(), 0.0);
    for k in 0..10 {
        let sign = |j: usize| if j % 2 == 0 { 1.0 } else { -1.0 };
        let want_sin = if k % 2 == 1 { sign(k / 2) / fact(k) } else { 0.0 };
        let want_cos = if k % 2 == 0 { sign(k / 2) / fact(k) } else { 0.0 };
        let want_ln = if k == 0 { 0.0 } else { -sign(k) / k as f64 };
        let want_gauss = if k % 2 == 0 { sign(k / 2) / fact(k / 2) } else { 0.0 };
        for (name, got, want) in [
            ("sin", sin[k], want_sin),
            ("cos", cos[k], want_cos),
            ("ln(1+x)", ln1p[k], want_ln),
            ("e^-x²", gauss[k], want_gauss),
        ] {
            assert!(
                (got - want).abs() <= 1e-15 * want.abs().max(1e-3),
                "{name} c{k}: {got} vs {want}"
            );
        }
    }
}

#[test]
fn e_is_the_sum_of_the_derivatives_of_exp_over_k_factorial() {
    let d = derivatives::<_, 18>(|x| x.exp(), 0.0);
    let mut c = Vec::new();
    let mut fact = 1.0;
    for (k, dk) in d.iter().enumerate() {
        assert_relative_eq!(*dk, 1.0, max_relative = 1e-15);
        fact *= k.max(1) as f64;
        c.push(dk / fact);
    }
    assert_relative_eq!(partial_sum(&c, 17, 1.0), E, max_relative = 1e-15);
    assert_relative_eq!(partial_sum(&c, 17, -2.0), (-2f64).exp(), max_relative = 1e-9);
}

#[test]
fn leibniz_rule_holds() {
    const N: usize = 7;
    for x0 in [-1.0, 0.0, 0.7, 2.0] {
        let f = derivatives::<_, { N + 1 }>(|x| x.sin(), x0);
        let g = derivatives::<_, { N + 1 }>(|x| x.exp(), x0);
        let fg = derivatives::<_, { N + 1 }>(|x| x.sin() * x.exp(), x0);
        for n in 0..=N {
            let leibniz: f64 = (0..=n).map(|k| binomial(n, k) * f[n - k] * g[k]).sum();
            // (sin · exp)⁽ⁿ⁾ = 2^(n/2) eˣ sin(x + nπ/4)
            let closed = 2f64.powf(n as f64 / 2.0) * x0.exp() * (x0 + n as f64 * PI / 4.0).sin();
            assert!((fg[n] - leibniz).abs() <= 1e-12 * closed.abs().max(1.0), "n = {n}");
            assert!((fg[n] - closed).abs() <= 1e-12 * closed.abs().max(1.0), "n = {n}");
        }
    }
}

// --- 5. gradient descent, 1-D ----------------------------------------------------------------

#[test]
fn the_true_derivative_of_the_seed_loss() {
    check(
        "ln(x⁴ + x³ + 2)",
        |x| seed_loss.grad(x),
        |x| (4.0 * x.powi(3) + 3.0 * x * x) / (x.powi(4) + x.powi(3) + 2.0),
        &[-9.41, -2.0, -0.75, 0.0, 1.0],
    );
}

#[test]
fn descent_at_rate_0_001_stops_near_minus_6_868() {
    let path = descend(seed_loss, -9.41, 0.001, 5000);
    assert_eq!(path.len(), 5001);
    let x = path[5000];
    assert!((x - -6.868).abs() < 5e-4, "{x}");
}

#[test]
fn descent_at_rate_0_01_reaches_the_minimum() {
    let x = *descend(seed_loss, -9.41, 0.01, 5000).last().unwrap();
    assert!((x - -0.75).abs() < 1e-12, "{x}");
    assert!((seed_loss(x) - 0.6389714464579207).abs() <= 2e-16, "{}", seed_loss(x));
    assert_eq!(seed_loss(-0.75), 0.6389714464579207);
    // The other stationary point, x = 0, is higher: f(0) = ln 2.
    assert_relative_eq!(seed_loss(0.0), LN_2, max_relative = 1e-15);
    assert_eq!(seed_loss.grad(0.0), 0.0);
    assert_eq!(seed_loss.grad(-0.75), 0.0);
}

#[test]
fn the_seeds_buggy_derivative_reaches_minus_0_75_by_accident() {
    let x = descend_with_seed_bug(-9.41, 0.001, 5000);
    assert!((x - -0.75).abs() < 1e-6, "{x}");
}

// --- 6. gradient descent, 2-D --------------------------------------------------------------------

#[test]
fn descent_on_the_quartic_bowl_goes_down_to_the_minimum() {
    let path = descend_2d(quartic_bowl, (1.4, 1.8), 0.05, 60);
    assert_eq!(path.len(), 61);
    let f: Vec<f64> = path.iter().map(|&(x, y)| quartic_bowl(x, y)).collect();
    assert!(f.windows(2).all(|w| w[1] < w[0]), "f decreases at every step");
    // y shrinks by exactly 1 − 2·rate a step: y₆₀ = 1.8 · 0.9⁶⁰.
    assert_relative_eq!(path[60].1, 1.8 * 0.9f64.powi(60), max_relative = 1e-12);
    // x follows x ← x − 0.2x³.
    let mut x = 1.4;
    for _ in 0..60 {
        x -= 0.05 * 4.0 * x * x * x;
    }
    assert_relative_eq!(path[60].0, x, max_relative = 1e-12);
}

// --- 7. backprop -------------------------------------------------------------------------------------

#[test]
fn the_forward_pass() {
    let net = START;
    assert_eq!(INPUTS, [40.0, 80.0]);
    assert_eq!(TARGET, 60.0);
    assert_eq!(hidden(&net, INPUTS), [60.0; 3]);
    assert_eq!(predict(&net, INPUTS), 180.0);
    assert_eq!(loss(&net, INPUTS, TARGET), 7200.0);
}

#[test]
fn the_gradients() {
    let dl_dy = (|y_hat: Dual64| (y_hat - 60.0).powi(2) * 0.5).grad(180.0);
    assert_eq!(dl_dy, 120.0);
    let ad = loss_gradient(&START);
    assert_eq!(ad, Net { w1: [[4800.0, 9600.0]; 3], w2: [7200.0; 3] });
    assert_eq!(loss_gradient_by_hand(&START), ad);
}

#[test]
fn one_step_of_training() {
    let net = train_step(&START);
    for j in 0..3 {
        assert_relative_eq!(net.w2[j], 0.928, max_relative = 1e-15);
        assert_relative_eq!(net.w1[j][0], 0.452, max_relative = 1e-15);
        assert_relative_eq!(net.w1[j][1], 0.404, max_relative = 1e-15);
    }
    for z in hidden(&net, INPUTS) {
        assert_relative_eq!(z, 50.4, max_relative = 1e-15);
    }
    assert_relative_eq!(predict(&net, INPUTS), 140.3136, max_relative = 1e-15);
    let l = loss(&net, INPUTS, TARGET);
    assert_relative_eq!(l, 3225.13717248, max_relative = 1e-13);
    assert!(l < 7200.0);
    // The gradient by hand agrees after the step too, when the weights differ.
    let ad = loss_gradient(&net);
    let by_hand = loss_gradient_by_hand(&net);
    for j in 0..3 {
        assert_relative_eq!(ad.w2[j], by_hand.w2[j], max_relative = 1e-14);
        for i in 0..2 {
            assert_relative_eq!(ad.w1[j][i], by_hand.w1[j][i], max_relative = 1e-14);
        }
    }
}

#[test]
fn training_drives_the_loss_to_zero() {
    let (losses, net) = train(1e-20, 10_000);
    assert_eq!(losses[0], 7200.0);
    assert_relative_eq!(losses[1], 3225.13717248, max_relative = 1e-13);
    assert!(losses.len() < 200, "{} steps", losses.len());
    assert!(*losses.last().unwrap() < 1e-20);
    assert!((predict(&net, INPUTS) - 60.0).abs() < 1e-9);
}

// --- 8. composition ----------------------------------------------------------------------------------

#[test]
fn the_seeds_function_class() {
    let s = |x: f64| 1.0 / (1.0 + (-x).exp());
    // The seed's Sigmoid.prime: σ(x) − σ(x)².
    check("Sigmoid.prime", |x| Sigmoid.prime(x), |x| s(x) - s(x).powi(2), &XS);
    let g = Composition((Linear(2.0, -1.0), Sigmoid));
    check("σ(2x − 1)'", |x| g.prime(x), |x| 2.0 * s(2.0 * x - 1.0) * (1.0 - s(2.0 * x - 1.0)), &XS);
    assert_eq!(Linear(2.0, 5.0).prime(3.0), 2.0);
}

// --- 9. the SymPy lab ---------------------------------------------------------------------------------

#[test]
fn sympy_lab_values() {
    let want = [6.0, 2.0, 12.0, -0.25, -0.03125];
    let points = [3.0, -3.0, 2.0, 2.0, 4.0];
    for ((case, want), w) in sympy_lab().iter().zip(want).zip(points) {
        assert_eq!(case.w, w);
        assert_eq!((case.ad)(w), want, "{}", case.j);
        assert_eq!((case.symbolic)(w), want, "{}", case.sympy);
    }
    // 2w at the lab's other points
    assert_eq!(j_square.grad(2.0), 4.0);
    assert_eq!(j_square.grad(-3.0), -6.0);
}

#[test]
fn the_labs_arithmetic_estimates() {
    // What the lab prints for k = (J(w + ε) − J(w))/ε with ε = 0.001 (the
    // lab evaluates 2w at 3, not at −3), and for w² with ε = 1e-9.
    let lab = sympy_lab();
    let printed =
        [6.001, 1.9999999999997797, 12.006000999997823, -0.2498750624687629, -0.031238285155041345];
    for (case, want) in lab.iter().zip(printed) {
        let w = if case.j == "2*w" { 3.0 } else { case.w };
        let tol = if case.j == "w**2" { 1e-9 } else { 1e-15 };
        assert_relative_eq!(lab_estimate(case.value, w, 0.001), want, max_relative = tol);
    }
    assert_relative_eq!(lab_estimate(j_square, 3.0, 1e-9), 6.000000496442226, max_relative = 1e-15);
}
