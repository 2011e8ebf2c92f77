//! Taylor mode: `Jet` and the drivers `taylor`, `derivatives`,
//! `nth_derivative` and `taylor_along`.
//!
//! Reference values are closed forms (series of eˣ, sin, ln(1 + x), …),
//! values printed by mpmath 1.3 at 40 digits (quoted where used), and the
//! independent second-order types `Dual2` and `HyperDual`.

use autodiff::prelude::*;
use num_traits::{One, Zero};

fn factorial(n: usize) -> f64 {
    (1..=n).map(|k| k as f64).product()
}

fn binomial(n: usize, k: usize) -> f64 {
    factorial(n) / (factorial(k) * factorial(n - k))
}

/// |got − expected| ≤ rel·|expected| (+ `abs` for expected values near 0).
#[track_caller]
fn assert_close(got: f64, expected: f64, rel: f64, abs: f64, what: &str) {
    assert!(
        (got - expected).abs() <= rel * expected.abs() + abs,
        "{what}: got {got:e}, expected {expected:e}"
    );
}

#[track_caller]
fn assert_series<const K: usize>(got: [f64; K], expected: impl Fn(usize) -> f64, what: &str) {
    for (k, &g) in got.iter().enumerate() {
        assert_close(g, expected(k), 1e-14, 0.0, &format!("{what}, c{k}"));
    }
}

#[test]
fn series_at_zero_match_closed_forms_to_order_20() {
    let odd = |k: usize| k % 2 == 1;
    let sign = |m: usize| if m % 2 == 0 { 1.0 } else { -1.0 };
    assert_series(taylor::<_, 21>(|x| x.exp(), 0.0), |k| 1.0 / factorial(k), "exp");
    let sin = |k: usize| if odd(k) { sign(k / 2) / factorial(k) } else { 0.0 };
    assert_series(taylor::<_, 21>(|x| x.sin(), 0.0), sin, "sin");
    let cos = |k: usize| if odd(k) { 0.0 } else { sign(k / 2) / factorial(k) };
    assert_series(taylor::<_, 21>(|x| x.cos(), 0.0), cos, "cos");
    let ln_1p = |k: usize| if k == 0 { 0.0 } else { -sign(k) / k as f64 };
    assert_series(taylor::<_, 21>(|x| x.ln_1p(), 0.0), ln_1p, "ln_1p");
    assert_series(taylor::<_, 21>(|x| (x + 1.0).ln(), 0.0), ln_1p, "ln(1 + x)");
    let gauss = |k: usize| if odd(k) { 0.0 } else { sign(k / 2) / factorial(k / 2) };
    assert_series(taylor::<_, 21>(|x| (-x * x).exp(), 0.0), gauss, "exp(-x²)");
    assert_series(taylor::<_, 21>(|x| (1.0 - x).recip(), 0.0), |_| 1.0, "recip(1 - x)");
    assert_series(taylor::<_, 21>(|x| 1.0 / (1.0 - x), 0.0), |_| 1.0, "1/(1 - x)");
    let sinh = |k: usize| if odd(k) { 1.0 / factorial(k) } else { 0.0 };
    assert_series(taylor::<_, 21>(|x| x.sinh(), 0.0), sinh, "sinh");
    let atan = |k: usize| if odd(k) { sign(k / 2) / k as f64 } else { 0.0 };
    assert_series(taylor::<_, 21>(|x| x.atan(), 0.0), atan, "atan");
    // 2/√π Σ (-1)ⁿ x²ⁿ⁺¹/(n!(2n + 1))
    let erf = |k: usize| {
        let n = k / 2;
        if odd(k) {
            std::f64::consts::FRAC_2_SQRT_PI * sign(n) / (factorial(n) * k as f64)
        } else {
            0.0
        }
    };
    assert_series(taylor::<_, 21>(|x| x.erf(), 0.0), erf, "erf");
    // √(1 + x) = Σ C(1/2, k) xᵏ
    let mut c = 1.0;
    let sqrt: Vec<f64> = (0..21)
        .map(|k| {
            let ck = c;
            c *= (0.5 - k as f64) / (k + 1) as f64;
            ck
        })
        .collect();
    assert_series(taylor::<_, 21>(|x| (x + 1.0).sqrt(), 0.0), |k| sqrt[k], "sqrt(1 + x)");
    // sympy: tan, asin
    let tan = [0.0, 1.0, 0.0, 1.0 / 3.0, 0.0, 2.0 / 15.0, 0.0, 17.0 / 315.0, 0.0, 62.0 / 2835.0];
    assert_series(taylor::<_, 10>(|x| x.tan(), 0.0), |k| tan[k], "tan");
    let asin = [0.0, 1.0, 0.0, 1.0 / 6.0, 0.0, 3.0 / 40.0, 0.0, 5.0 / 112.0, 0.0, 35.0 / 1152.0];
    assert_series(taylor::<_, 10>(|x| x.asin(), 0.0), |k| asin[k], "asin");
}

#[test]
fn the_gamma_family_matches_its_series() {
    // Γ(1.5 + t), ln Γ(1.5 + t): mpmath.taylor(gamma / loggamma, 1.5, 5)
    let gamma = [
        0.886226925452758,
        0.03233839744888501,
        0.4148134536883012,
        -0.1072948045647722,
        0.1446453590446215,
        -0.0775230522998542,
    ];
    let ln_gamma = [
        -0.1207822376352452,
        0.03648997397857652,
        0.4674011002723397,
        -0.1381327740390533,
        0.05871212641676822,
        -0.02895208188889354,
    ];
    let got = taylor::<_, 6>(|x| x.gamma(), 1.5);
    for k in 0..6 {
        assert_close(got[k], gamma[k], 1e-12, 0.0, "gamma");
    }
    let got = taylor::<_, 6>(|x| x.ln_gamma(), 1.5);
    for k in 0..6 {
        assert_close(got[k], ln_gamma[k], 1e-12, 0.0, "ln_gamma");
    }
    // ψ = (ln Γ)', ψ₁ = ψ': the same series shifted.
    let digamma = taylor::<_, 5>(|x| x.digamma(), 1.5);
    let trigamma = taylor::<_, 4>(|x| x.polygamma(1), 1.5);
    for k in 0..4 {
        let psi = (k + 1) as f64 * ln_gamma[k + 1];
        assert_close(digamma[k], psi, 1e-12, 0.0, "digamma");
        let psi1 = ((k + 1) * (k + 2)) as f64 * ln_gamma[k + 2];
        assert_close(trigamma[k], psi1, 1e-12, 0.0, "polygamma(1)");
    }
}

#[test]
fn the_nth_derivative_of_xn_is_n_factorial_and_zero_beyond() {
    for x0 in [1.7, -2.0, 0.0, 0.5] {
        for n in 0..=12usize {
            let powi = derivatives::<_, 15>(|x| x.powi(n as i32), x0);
            let powf = derivatives::<_, 15>(|x| x.powf(Jet::constant(n as f64)), x0);
            let product = derivatives::<_, 15>(|x| (0..n).fold(Jet::one(), |p, _| p * x), x0);
            for (what, d) in [("powi", powi), ("powf", powf), ("product", product)] {
                for (k, &dk) in d.iter().enumerate() {
                    // dᵏ/dxᵏ xⁿ = n!/(n − k)! xⁿ⁻ᵏ
                    let expected = if k > n {
                        0.0
                    } else {
                        factorial(n) / factorial(n - k) * x0.powi((n - k) as i32)
                    };
                    assert_close(
                        dk,
                        expected,
                        1e-13,
                        0.0,
                        &format!("{what} x^{n} at {x0}, order {k}"),
                    );
                    if k > n {
                        assert_eq!(dk, 0.0, "{what} x^{n} at {x0}, order {k}: exactly 0");
                    }
                }
            }
        }
    }
    assert_eq!(nth_derivative::<_, 8>(|x| x.powi(7), 3.0), 5040.0);
    assert_eq!(nth_derivative::<_, 9>(|x| x.powi(7), 3.0), 0.0);
}

#[test]
fn products_follow_leibniz_rule() {
    // (fg)⁽ⁿ⁾ = Σ C(n, k) f⁽ⁿ⁻ᵏ⁾ g⁽ᵏ⁾ with f = ln(1 + x²), g = eˣ cos x, each
    // differentiated on its own.
    let f = |x: Jet64<13>| (x * x).ln_1p();
    let g = |x: Jet64<13>| x.exp() * x.cos();
    for x0 in [0.7, -1.2] {
        let (df, dg) = (derivatives(f, x0), derivatives(g, x0));
        let dfg = derivatives(|x| f(x) * g(x), x0);
        for n in 0..13 {
            let leibniz: f64 = (0..=n).map(|k| binomial(n, k) * df[n - k] * dg[k]).sum();
            assert_close(dfg[n], leibniz, 1e-12, 1e-12, &format!("(fg)^({n}) at {x0}"));
        }
    }
    // A closed form: (x eˣ)⁽ⁿ⁾ = (x + n) eˣ.
    let d = derivatives::<_, 16>(|x| x * x.exp(), 0.5);
    for (n, &dn) in d.iter().enumerate() {
        assert_close(dn, (0.5 + n as f64) * 0.5f64.exp(), 1e-14, 0.0, "(x e^x)^(n)");
    }
}

/// e^(-1/x²), continued by 0 at 0: smooth, with every derivative 0 at 0.
fn flat<T: Scalar>(x: T) -> T {
    if x == T::zero() {
        T::zero()
    } else {
        (-(x * x).recip()).exp()
    }
}

#[test]
fn exp_of_minus_one_over_x_squared() {
    assert_eq!(taylor::<_, 21>(flat, 0.0), [0.0; 21]);
    // f' = 2/x³ f, f'' = (4 − 6x²)/x⁶ f, f''' = 4(6x⁴ − 9x² + 2)/x⁹ f
    // (sympy); at 0.5 (mpmath): 0.2930502222197469, 2.930502222197469, 4.68880355551595.
    let d = derivatives::<_, 4>(flat, 0.5);
    let f = (-4.0f64).exp();
    assert_eq!(d[0], f);
    assert_close(d[1], 16.0 * f, 1e-15, 0.0, "f'");
    assert_close(d[2], (4.0 - 1.5) * 64.0 * f, 1e-14, 0.0, "f''");
    assert_close(d[3], 4.0 * (6.0 / 16.0 - 9.0 / 4.0 + 2.0) * 512.0 * f, 1e-14, 0.0, "f'''");
    assert_close(d[3], 4.68880355551595, 1e-14, 0.0, "f''' (mpmath)");
}

/// eˣ/√(sin³x + cos³x), the function of the benches.
fn bench_f<T: Scalar>(x: T) -> T {
    let (s, c) = x.sin_cos();
    x.exp() / (s * s * s + c * c * c).sqrt()
}

#[test]
fn the_eighth_derivative_of_the_bench_function() {
    // mpmath.diff(f, 1.5, 8) = 253664.344430156142933966...
    assert_close(nth_derivative::<_, 9>(bench_f, 1.5), 253664.34443015614, 1e-12, 0.0, "f⁽⁸⁾");
    // f' and f'' (mpmath): 4.053427893898621, 9.463073681596603
    let d = derivatives::<_, 3>(bench_f, 1.5);
    assert_close(d[1], 4.053427893898621, 1e-14, 0.0, "f'");
    assert_close(d[2], 9.463073681596603, 1e-14, 0.0, "f''");
}

/// Runs each expression of `x` on `Jet64<3>`, `Dual2_64` and `HyperDual64`
/// at a few points and compares value (exactly), f' and f''; then, on a
/// `Jet<Dual64, 6>` whose value is itself seeded, checks every order:
/// d/dx₀ cₖ(x₀) = (k + 1)·cₖ₊₁.
macro_rules! agree {
    ($($name:literal: |$x:ident| $body:expr;)*) => {$(
        for x0 in [0.3, 0.75, -0.6, 1.7] {
            let j = { let $x = Jet64::<3>::variable(x0); $body };
            let d = { let $x = Dual2_64::variable(x0); $body };
            let h = { let $x = HyperDual64::variable(x0); $body };
            let what = format!("{} at {x0}", $name);
            assert!(j.c[0] == d.re || (j.c[0].is_nan() && d.re.is_nan()), "{what}: value");
            assert_eq!(d.re.to_bits(), h.re.to_bits(), "{what}: value");
            let scale = d.re.abs().max(d.v1.abs()).max(d.v2.abs()).max(1.0);
            assert_close(j.c[1], d.v1, 1e-13, 1e-14 * scale, &format!("{what}, Dual2 f'"));
            assert_close(j.c[1], h.eps1, 1e-13, 1e-14 * scale, &format!("{what}, HyperDual f'"));
            assert_close(2.0 * j.c[2], d.v2, 1e-12, 1e-13 * scale, &format!("{what}, Dual2 f''"));
            assert_close(2.0 * j.c[2], h.eps1eps2, 1e-12, 1e-13 * scale, &format!("{what}, f''"));
            let n = { let $x = Jet::<Dual64, 6>::variable(Dual64::variable(x0)); $body };
            for k in 0..5 {
                let (got, expected) = (n.c[k].eps, (k + 1) as f64 * n.c[k + 1].re);
                let tol = 1e-11 * expected.abs().max(n.c[k].re.abs()).max(1.0);
                assert_close(got, expected, 0.0, tol, &format!("{what}, order {}", k + 1));
            }
        }
    )*};
}

#[test]
fn every_function_agrees_with_dual2_and_hyperdual() {
    agree! {
        "add": |x| x + x * x;
        "sub": |x| 2.0 - x * x;
        "mul": |x| x * (x - 3.0) * 2.0;
        "div": |x| x / (x * x + 1.0);
        "f64 / x": |x| 2.0 / (x + 3.0);
        "rem": |x| x % 0.4;
        "rem in b": |x| 5.0 % (x + 2.0);
        "neg": |x| -x;
        "recip": |x| x.recip();
        "sqrt": |x| (x * x + 0.1).sqrt();
        "cbrt": |x| x.cbrt();
        "powi(-3)": |x| x.powi(-3);
        "powi(5)": |x| x.powi(5);
        "powf(2.5)": |x| (x * x + 0.5).powf(Real::cst(2.5));
        "powf(-0.7)": |x| x.abs().powf(Real::cst(-0.7));
        "powf(jet)": |x| (x * x + 0.5).powf(x);
        "exp": |x| x.exp();
        "exp2": |x| x.exp2();
        "exp_m1": |x| x.exp_m1();
        "ln": |x| (x * x + 0.5).ln();
        "log": |x| (x * x + 0.5).log(x + 3.0);
        "log2": |x| (x * x + 0.5).log2();
        "log10": |x| (x * x + 0.5).log10();
        "ln_1p": |x| (x * x).ln_1p();
        "sin": |x| x.sin();
        "cos": |x| x.cos();
        "sin_cos": |x| { let (s, c) = x.sin_cos(); s * c };
        "tan": |x| x.tan();
        "asin": |x| (x * 0.5).asin();
        "acos": |x| (x * 0.5).acos();
        "atan": |x| x.atan();
        "atan2": |x| x.atan2(x * x + 0.3);
        "atan2 in x": |x| (x * x + 0.3).atan2(x);
        "sinh": |x| x.sinh();
        "cosh": |x| x.cosh();
        "tanh": |x| (x * 2.0).tanh();
        "asinh": |x| x.asinh();
        "acosh": |x| (x * x + 1.2).acosh();
        "atanh": |x| (x * 0.5).atanh();
        "hypot": |x| x.hypot(x * 2.0 - 1.5);
        "abs": |x| (x * x - 0.5).abs();
        "signum": |x| x.signum() * x;
        "floor": |x| (x * 3.0).floor() + x;
        "ceil": |x| (x * 3.0).ceil() * x;
        "round": |x| (x * 3.0).round() * x;
        "trunc": |x| (x * 3.0).trunc() * x;
        "fract": |x| (x * 3.0).fract();
        "max": |x| x.max(x * x);
        "min": |x| x.min(x * x);
        "clamp": |x| (x * 2.0).clamp(Real::cst(-1.0), Real::cst(1.0));
        "mul_add": |x| x.mul_add(x, x.exp());
        "copysign": |x| x.exp().copysign(x);
        "to_degrees": |x| x.to_degrees();
        "to_radians": |x| x.to_radians();
        "erf": |x| x.erf();
        "erfc": |x| x.erfc();
        "sigmoid": |x| (x * 3.0).sigmoid();
        "softplus": |x| (x * 3.0).softplus();
        "relu": |x| x.relu() * x;
        "leaky_relu": |x| x.leaky_relu(0.01) * x;
        "elu": |x| x.elu(1.5) * x;
        "bench f": |x| bench_f(x);
    }
}

#[test]
fn the_gamma_family_agrees_with_dual2_and_hyperdual() {
    agree! {
        "gamma": |x| (x + 2.0).gamma();
        "ln_gamma": |x| (x + 2.0).ln_gamma();
        "digamma": |x| (x + 2.0).digamma();
        "polygamma(2)": |x| (x + 2.0).polygamma(2);
        "gamma left of 0": |x| (x - 2.6).gamma();
    }
}

#[test]
fn edge_conventions() {
    let inf = f64::INFINITY;
    // A zero coefficient stays zero where the slope is infinite.
    assert_eq!(Jet64::<5>::constant(0.0).sqrt().c, [0.0; 5]);
    assert_eq!(Jet64::<5>::constant(0.0).cbrt().c, [0.0; 5]);
    assert_eq!(Jet64::<4>::constant(0.0).powf(Real::cst(0.5)).c, [0.0; 4]);
    assert_eq!(Jet64::<4>::constant(1.0).asin().c[1..], [0.0; 3]);
    assert_eq!(Jet64::<4>::constant(0.0).ln().c, [-inf, 0.0, 0.0, 0.0]);
    // A seeded 0: the one-sided limits, √t: +∞, −∞, +∞, ...
    assert_eq!(taylor::<_, 5>(|x| x.sqrt(), 0.0), [0.0, inf, -inf, inf, -inf]);
    // powf(0, p) and the zeroth power.
    assert_eq!(taylor::<_, 4>(|x| x.powf(Real::cst(2.5)), 0.0)[..3], [0.0, 0.0, 0.0]);
    assert_eq!(taylor::<_, 5>(|x| x.powf(Real::cst(2.0)), 0.0), [0.0, 0.0, 1.0, 0.0, 0.0]);
    assert_eq!(taylor::<_, 4>(|x| x.powf(Real::cst(1.0)), 0.0), [0.0, 1.0, 0.0, 0.0]);
    assert_eq!(taylor::<_, 3>(|x| x.powf(Real::cst(0.5)), 0.0), [0.0, inf, -inf]);
    assert_eq!(taylor::<_, 3>(|x| x.powf(Real::cst(-1.0)), 0.0), [inf, -inf, inf]);
    assert_eq!(taylor::<_, 3>(|x| x.powi(-1), 0.0), [inf, -inf, inf]);
    for x0 in [0.0, -0.0, 2.0, -3.0, inf] {
        assert_eq!(taylor::<_, 4>(|x| x.powf(Real::cst(0.0)), x0), [1.0, 0.0, 0.0, 0.0]);
        assert_eq!(taylor::<_, 4>(|x| x.powi(0), x0), [1.0, 0.0, 0.0, 0.0]);
    }
    // A jet exponent at x = 0 drops the ln x term (y > 0).
    let c = taylor::<_, 4>(|x| x.powf(x + 2.0), 0.0);
    assert_eq!(c, [0.0, 0.0, 1.0, 0.0]);
    // abs: slope signum at ±0; max/min: the second argument at a tie.
    assert_eq!(taylor::<_, 3>(|x| x.abs(), 0.0), [0.0, 1.0, 0.0]);
    assert_eq!(taylor::<_, 3>(|x| x.abs(), -0.0), [0.0, -1.0, 0.0]);
    let (a, b) = (Jet64::new([1.0, 2.0, 3.0]), Jet64::new([1.0, 5.0, 7.0]));
    assert_eq!(a.max(b).c, b.c);
    assert_eq!(a.min(b).c, b.c);
    assert_eq!(taylor::<_, 3>(|x| x.relu(), 0.0), [0.0, 0.0, 0.0]);
    // Rounding is flat, fract has slope 1, % is truncated.
    assert_eq!(taylor::<_, 3>(|x| x.floor(), 2.5), [2.0, 0.0, 0.0]);
    assert_eq!(taylor::<_, 3>(|x| x.fract(), 2.5), [0.5, 1.0, 0.0]);
    assert_eq!(taylor::<_, 3>(|x| x % 2.0, -7.5), [-1.5, 1.0, 0.0]);
    assert_eq!(taylor::<_, 3>(|x| Jet::constant(7.5) % x, 2.0), [1.5, -3.0, 0.0]);
    // Outside the domain every coefficient is NaN, from the first that x
    // moves in; a constant stays constant.
    type Unary = fn(Jet64<4>) -> Jet64<4>;
    let outside: [(&str, Unary, f64); 9] = [
        ("ln", |x| x.ln(), -1.0),
        ("log2", |x| x.log2(), -1.0),
        ("log10", |x| x.log10(), -1.0),
        ("ln_1p", |x| x.ln_1p(), -2.0),
        ("asin", |x| x.asin(), 2.0),
        ("acos", |x| x.acos(), 2.0),
        ("atanh", |x| x.atanh(), 2.0),
        ("acosh", |x| x.acosh(), 0.5),
        ("powf(1/3)", |x| x.powf(Real::cst(1.0 / 3.0)), -8.0),
    ];
    for (name, f, x0) in outside {
        assert!(f(Jet::variable(x0)).c.iter().all(|c| c.is_nan()), "{name}({x0})");
        let y = f(Jet::new([x0, 0.0, 1.0, 0.0]));
        assert!(y.c[0].is_nan() && y.c[1] == 0.0 && y.c[2].is_nan(), "{name}({x0} + t²)");
        assert_eq!(f(Jet::constant(x0)).c[1..], [0.0; 3], "{name}(constant {x0})");
    }
    // hypot of a subnormal value keeps its slope (scaled, not overflowed).
    assert_eq!(taylor::<_, 3>(|x| x.hypot(Jet::constant(0.0)), 5e-324), [5e-324, 1.0, 0.0]);
    // atan2 and hypot at the origin: 0 at every order.
    assert_eq!(taylor::<_, 4>(|x| x.atan2(x), 0.0), [0.0; 4]);
    assert_eq!(taylor::<_, 4>(|x| x.hypot(x), 0.0), [0.0; 4]);
}

#[test]
fn directional_expansion_of_x_squared_y() {
    // f(x0 + t, y0 + 2t) = x0²y0 + (2x0y0 + 2x0²)t + (y0 + 4x0)t² + 2t³
    for (x0, y0) in [(1.0, 3.0), (-2.0, 0.5), (0.0, 0.0)] {
        let c = taylor_along(|[x, y]: [Jet64<6>; 2]| x * x * y, [x0, y0], [1.0, 2.0]);
        let expected = [x0 * x0 * y0, 2.0 * x0 * y0 + 2.0 * x0 * x0, y0 + 4.0 * x0, 2.0, 0.0, 0.0];
        assert_eq!(c, expected, "at ({x0}, {y0})");
    }
}

#[test]
fn jets_nest_over_duals() {
    // The inner dual differentiates the coefficients in x₀. Closed form:
    // f = x eˣ, cₖ = (x₀ + k) e^x₀/k!.
    let x = Jet::<Dual64, 4>::variable(Dual64::variable(0.5));
    let y = x * x.exp();
    for k in 0..4 {
        let ck = (0.5 + k as f64) * 0.5f64.exp() / factorial(k);
        assert_close(y.c[k].re, ck, 1e-15, 0.0, "c_k");
        // d/dx₀ cₖ = (x₀ + k + 1) e^x₀/k! = (k + 1) cₖ₊₁
        let dck = (1.5 + k as f64) * 0.5f64.exp() / factorial(k);
        assert_close(y.c[k].eps, dck, 1e-14, 0.0, "d/dx0 c_k");
    }
    // + − × ÷ exp sin on Jet<Dual64, 4>: the values are those of Jet64<4>,
    // the inner derivatives the next coefficients.
    fn g<T: Scalar>(x: T) -> T {
        x * x.exp() - x.sin() / (x + 1.0) + (x - 2.0) * x.sin().exp()
    }
    let (nested, plain) =
        (g(Jet::<Dual64, 4>::variable(Dual64::variable(0.7))), g(Jet64::<4>::variable(0.7)));
    for k in 0..4 {
        assert_eq!(nested.c[k].re, plain.c[k], "c_{k}");
        if k < 3 {
            assert_close(
                nested.c[k].eps,
                (k + 1) as f64 * plain.c[k + 1],
                1e-13,
                1e-14,
                "d/dx0 c_k",
            );
        }
    }
    // And jets of jets: the mixed coefficients of eˣ⁺ʸ are 1/(i! j!).
    let x = Jet::<Jet64<4>, 4>::variable(Jet::variable(0.0));
    let y = x.exp();
    for i in 0..4 {
        for j in 0..4 {
            assert_close(y.c[i].c[j], 1.0 / (factorial(i) * factorial(j)), 1e-15, 0.0, "e^(s+t)");
        }
    }
}

#[test]
fn jets_are_scalars_with_the_usual_traits() {
    fn generic<T: Scalar>(x: T) -> T {
        (x * 3.0 + 2.0).powi(2) + T::cst(1.0)
    }
    // (3x + 2)² + 1 at 1: 26, 30, 18/2
    assert_eq!(taylor::<_, 4>(generic, 1.0), [26.0, 30.0, 9.0, 0.0]);
    assert_eq!(Jet64::<3>::default().c, [0.0; 3]);
    assert_eq!(Jet64::new([1.0, -2.0, 0.5, 3.0]).to_string(), "1 + -2t + 0.5t² + 3t³");
    assert_eq!(format!("{:.1}", Jet64::new([1.0, 0.25])), "1.0 + 0.2t");
    // is_zero and is_one look at the value, as comparisons do.
    assert!(Jet64::<3>::zero().is_zero() && Jet64::<3>::variable(0.0).is_zero());
    assert!(!Jet64::<3>::variable(0.5).is_zero());
    assert!(Jet64::<3>::one().is_one() && Jet64::<3>::variable(1.0).is_one());
    assert!(!Jet64::<3>::variable(2.0).is_one());
    assert!(Jet64::new([1.0, 9.0]) == Jet64::new([1.0, -9.0]));
    assert!(Jet64::new([1.0, 9.0]) < Jet64::new([2.0, -9.0]));
    let mut x = Jet64::new([1.0, 2.0, 3.0]);
    x += 1.0;
    x *= 2.0;
    assert_eq!((x + 1.0).c, [5.0, 4.0, 6.0]);
    assert_eq!((1.0 - x).c, [-3.0, -4.0, -6.0]);
    assert_eq!([x, x].iter().sum::<Jet64<3>>().c, [8.0, 8.0, 12.0]);
    assert_eq!(Jet64::<9>::ORDER, 8);
}

const AWKWARD: [f64; 14] = [
    f64::NAN,
    f64::INFINITY,
    f64::NEG_INFINITY,
    0.0,
    -0.0,
    5e-324,
    -5e-324,
    f64::MIN_POSITIVE,
    f64::MAX,
    f64::MIN,
    1.0,
    -1.0,
    0.5,
    -2.5,
];

#[test]
fn no_function_panics_and_values_are_exactly_f64s() {
    let same = |a: f64, b: f64| (a.is_nan() && b.is_nan()) || a == b;
    for &re in &AWKWARD {
        for &d in &AWKWARD {
            for c in [[re, d, d, d], [re, 1.0, d, 0.0], [re, 0.0, 0.0, d]] {
                let (x, xf) = (Jet64::new(c), re);
                let checks = [
                    ("recip", x.recip(), xf.recip()),
                    ("sqrt", x.sqrt(), xf.sqrt()),
                    ("cbrt", x.cbrt(), xf.cbrt()),
                    ("exp", x.exp(), xf.exp()),
                    ("exp2", x.exp2(), xf.exp2()),
                    ("exp_m1", x.exp_m1(), xf.exp_m1()),
                    ("ln", x.ln(), xf.ln()),
                    ("log", x.log(x), xf.log(xf)),
                    ("log2", x.log2(), xf.log2()),
                    ("log10", x.log10(), xf.log10()),
                    ("ln_1p", x.ln_1p(), xf.ln_1p()),
                    ("sin", x.sin(), xf.sin()),
                    ("cos", x.cos(), xf.cos()),
                    ("tan", x.tan(), xf.tan()),
                    ("asin", x.asin(), xf.asin()),
                    ("acos", x.acos(), xf.acos()),
                    ("atan", x.atan(), xf.atan()),
                    ("sinh", x.sinh(), xf.sinh()),
                    ("cosh", x.cosh(), xf.cosh()),
                    ("tanh", x.tanh(), xf.tanh()),
                    ("asinh", x.asinh(), xf.asinh()),
                    ("acosh", x.acosh(), xf.acosh()),
                    ("atanh", x.atanh(), xf.atanh()),
                    ("abs", x.abs(), xf.abs()),
                    ("signum", x.signum(), xf.signum()),
                    ("floor", x.floor(), xf.floor()),
                    ("round", x.round(), xf.round()),
                    ("fract", x.fract(), xf.fract()),
                    ("powi(-3)", x.powi(-3), xf.powi(-3)),
                    ("powi(2)", x.powi(2), xf.powi(2)),
                    ("powi(7)", x.powi(7), xf.powi(7)),
                    ("powf(2.5)", x.powf(Real::cst(2.5)), xf.powf(2.5)),
                    ("powf(1/3)", x.powf(Real::cst(1.0 / 3.0)), xf.powf(1.0 / 3.0)),
                    ("powf(self)", x.powf(x), xf.powf(xf)),
                    ("hypot", x.hypot(x), xf.hypot(xf)),
                    ("atan2", x.atan2(x), xf.atan2(xf)),
                    ("rem", (x % x), xf % xf),
                    ("div", (x / x), xf / xf),
                    ("mul", (x * x), xf * xf),
                    ("mul_add", x.mul_add(x, x), xf * xf + xf),
                    ("to_degrees", x.to_degrees(), xf.to_degrees()),
                    ("erf", x.erf(), Real::erf(xf)),
                    ("erfc", x.erfc(), Real::erfc(xf)),
                    ("gamma", x.gamma(), Real::gamma(xf)),
                    ("ln_gamma", x.ln_gamma(), Real::ln_gamma(xf)),
                    ("polygamma(1)", x.polygamma(1), Real::polygamma(xf, 1)),
                    ("sigmoid", x.sigmoid(), xf.sigmoid()),
                    ("softplus", x.softplus(), xf.softplus()),
                    ("elu", x.elu(1.0), xf.elu(1.0)),
                ];
                let constant = c[1..] == [0.0; 3];
                for (name, got, expected) in checks {
                    let value = got.c[0];
                    assert!(
                        same(value, expected),
                        "{name}({c:?}) = {value:e}, f64 gives {expected:e}"
                    );
                    // A constant stays a constant through every function.
                    assert!(!constant || got.c[1..] == [0.0; 3], "{name}({c:?}) = {got:?}");
                }
                let _ = (x.clamp(x, x), x.max(x), x.min(x), x.copysign(-x), x.sin_cos());
                let _ = (x.polygamma(u32::MAX), x.powi(i32::MIN), x.powi(i32::MAX), x.ceil());
                let _ = (x.trunc(), x.relu(), x.leaky_relu(0.1), -x, x - x, x + x);
            }
        }
    }
}
