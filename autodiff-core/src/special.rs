//! Real special functions for `f64`: the polygamma family ψ⁽ⁿ⁾.
//!
//! ψ⁽ⁿ⁾(x) is the n-th derivative of the digamma function ψ = Γ'/Γ. It is
//! evaluated in three regimes, with no loop whose length depends on |x|:
//!
//! * **x ≥ T** (T = 20 + min(n, 100)): the asymptotic (Euler–Maclaurin)
//!   expansion, with Bernoulli numbers B₂ₖ,
//!   ψ(z) ~ ln z − 1/(2z) − Σ B₂ₖ/(2k z²ᵏ) and, for n ≥ 1,
//!   ψ⁽ⁿ⁾(z) ~ (−1)ⁿ⁺¹ n!/zⁿ · [1/n + 1/(2z) + Σ B₂ₖ (n+1)₂ₖ₋₁/((2k)! z²ᵏ)]
//!   ((a)ₘ is the rising factorial), summed until the terms are negligible or
//!   start to grow.
//! * **0 < x < T**: the recurrence ψ⁽ⁿ⁾(x) = ψ⁽ⁿ⁾(x+1) − (−1)ⁿ n!/xⁿ⁺¹,
//!   applied ⌈T − x⌉ times to shift the argument into the asymptotic range.
//! * **x < 0**: for n ≤ 30 the reflection formula
//!   ψ⁽ⁿ⁾(x) = (−1)ⁿ ψ⁽ⁿ⁾(1−x) − π dⁿ/dxⁿ cot(πx), where
//!   dⁿ/dxⁿ cot(πx) = πⁿ Pₙ(cot πx) with P₀(c) = c and
//!   P_{k+1}(c) = −(1+c²) Pₖ'(c) (coefficients built in a fixed array).
//!   cot(πx) is taken on the reduced argument x − round(x), which is exact.
//!   For n > 30, the series ψ⁽ⁿ⁾(x) = (−1)ⁿ⁺¹ n! Σₖ (x+k)⁻⁽ⁿ⁺¹⁾ is dominated
//!   by the few terms nearest zero, and only those are summed.
//!
//! Non-positive integers (and every x < −2⁵² is one) are poles: the result is
//! +∞ for odd n (both one-sided limits are +∞) and NaN for even n. `n!/yᵖ`
//! falls back to `exp(ln n! − p ln y)` when `n!` or `yᵖ` overflows, so any n
//! gives a finite or infinite value, never NaN; beyond n = 170 (where n! is not
//! an f64) the result may lose digits or overflow early.

use core::f64::consts::PI;

/// Bernoulli numbers B₂, B₄, …, B₄₀ (B₃₆ = −26315271553053477373/1919190, whose
/// numerator is not an exact f64, is written out correctly rounded).
#[rustfmt::skip]
const BERNOULLI: [f64; 20] = [
    1.0 / 6.0, -1.0 / 30.0, 1.0 / 42.0, -1.0 / 30.0, 5.0 / 66.0, -691.0 / 2730.0, 7.0 / 6.0,
    -3617.0 / 510.0, 43867.0 / 798.0, -174611.0 / 330.0, 854513.0 / 138.0,
    -236364091.0 / 2730.0, 8553103.0 / 6.0, -23749461029.0 / 870.0,
    8615841276005.0 / 14322.0, -7709321041217.0 / 510.0, 2577687858367.0 / 6.0,
    -13711655205088.332, 2929993913841559.0 / 6.0, -261082718496449122051.0 / 13530.0,
];

/// Largest order for which negative arguments use the cot-polynomial
/// reflection; the polynomial Pₙ has degree n + 1.
const REFLECT_MAX_N: u32 = 30;

/// `n!/yᵖ` for `y > 0`, through `exp(ln n! − p ln y)` when `n!` (n > 170) or
/// `yᵖ` overflows, so the result is never NaN.
fn fact_over_pow(n: u32, y: f64, p: f64) -> f64 {
    let fact: f64 = (1..=n.min(171)).map(f64::from).product();
    let d = libm::pow(y, p);
    if fact.is_finite() && d.is_finite() {
        fact / d
    } else {
        libm::exp(libm::lgamma(f64::from(n) + 1.0) - p * libm::log(y))
    }
}

/// ψ⁽ⁿ⁾(x): the polygamma function, the n-th derivative of the digamma
/// function ψ = Γ'/Γ (n = 0 is digamma, n = 1 trigamma, ...).
pub(crate) fn polygamma(n: u32, x: f64) -> f64 {
    if x.is_nan() || x == f64::NEG_INFINITY {
        return f64::NAN;
    }
    if x == f64::INFINITY {
        return if n == 0 { f64::INFINITY } else { 0.0 };
    }
    if x <= 0.0 && x == libm::floor(x) {
        return if n % 2 == 1 { f64::INFINITY } else { f64::NAN };
    }
    if x > 0.0 {
        positive(n, x)
    } else if n <= REFLECT_MAX_N {
        reflect(n, x)
    } else {
        nearest_terms(n, x)
    }
}

/// (−1)ⁿ⁺¹ as an `f64`.
fn odd_sign(n: u32) -> f64 {
    f64::from(n % 2) * 2.0 - 1.0
}

/// ψ⁽ⁿ⁾(x) for finite `x > 0`: upward recurrence, then the asymptotic series.
fn positive(n: u32, x: f64) -> f64 {
    let threshold = 20.0 + f64::from(n.min(100));
    let shifts = if x < threshold { libm::ceil(threshold - x) } else { 0.0 };
    let z = x + shifts;
    let nf = f64::from(n);
    // s = 1/(2z) + Σ B₂ₖ gₖ with gₖ = (n+1)₂ₖ₋₁ / ((2k)! z²ᵏ).
    let z2 = z * z;
    let mut s = 0.5 / z;
    let mut g = (nf + 1.0) / (2.0 * z2);
    let mut last = f64::INFINITY;
    for (k, b) in (1u32..).zip(BERNOULLI) {
        let term = b * g;
        if term.abs() > last {
            break; // the asymptotic series has started to diverge
        }
        s += term;
        if term.abs() <= 1e-17 * s.abs() {
            break;
        }
        last = term.abs();
        let k2 = 2.0 * f64::from(k);
        g *= (nf + k2) * (nf + k2 + 1.0) / ((k2 + 1.0) * (k2 + 2.0) * z2);
    }
    // acc = Σₖ n!/(x+k)ⁿ⁺¹ + tail, summed from the smallest terms up.
    let mut acc = if n == 0 { s } else { fact_over_pow(n, z, nf) * (1.0 / nf + s) };
    // `shifts` is at most 121, so the cast is exact.
    for k in (0..shifts as u32).rev() {
        acc += fact_over_pow(n, x + f64::from(k), nf + 1.0);
    }
    if n == 0 {
        libm::log(z) - acc
    } else {
        odd_sign(n) * acc
    }
}

/// cot(πx), accurate also near the zeros of cot, for non-integer `x`.
fn cot_pi(x: f64) -> f64 {
    let r = x - libm::round(x); // exact, in [−1/2, 1/2]
    let a = r.abs();
    if a <= 0.25 {
        1.0 / libm::tan(PI * r)
    } else {
        // cot(πr) = ±tan(π(1/2 − |r|)); the subtraction is exact.
        libm::copysign(libm::tan(PI * (0.5 - a)), r)
    }
}

/// ψ⁽ⁿ⁾(x) for `x < 0` non-integer and `n ≤ REFLECT_MAX_N`, by reflection.
fn reflect(n: u32, x: f64) -> f64 {
    const LEN: usize = REFLECT_MAX_N as usize + 2;
    // coef[i] is the coefficient of cⁱ in Pₖ; start from P₀(c) = c. Pₙ has
    // degree n + 1 < LEN, so every index below is in bounds.
    let mut coef = [0.0f64; LEN];
    coef[1] = 1.0;
    for _ in 0..n {
        let old = coef;
        for (i, c) in coef.iter_mut().enumerate() {
            // −(1+c²)P'(c): cⁱ gets (i+1)·a[i+1] from P' and (i−1)·a[i−1] from c²P'.
            let up = old.get(i + 1).map_or(0.0, |a| (i + 1) as f64 * a);
            let down = i.checked_sub(1).map_or(0.0, |j| (i as f64 - 1.0) * old[j]);
            *c = -(up + down);
        }
    }
    let c = cot_pi(x);
    // Horner from the leading coefficient of degree n + 1 (never 0·∞).
    let degree = n as usize + 1;
    let poly = coef[..degree].iter().rev().fold(coef[degree], |acc, &a| acc * c + a);
    let cot_part = libm::pow(PI, f64::from(n) + 1.0) * poly;
    let mirrored = polygamma(n, 1.0 - x);
    -odd_sign(n) * mirrored - cot_part
}

/// ψ⁽ⁿ⁾(x) for `x < 0` non-integer and large n: (−1)ⁿ⁺¹ n! Σₖ (x+k)⁻⁽ⁿ⁺¹⁾
/// restricted to the terms x + k = r + j, |j| ≤ 4, nearest zero (r = x − round x);
/// the others are below (1/9)ⁿ⁺¹ of the largest one.
fn nearest_terms(n: u32, x: f64) -> f64 {
    let base = libm::round(x);
    let r = x - base;
    let p = f64::from(n) + 1.0;
    let mut inner = 0.0;
    // Nearest first, so that the exact cancellation of ±1/2 at r = 1/2 is
    // not spoiled by smaller terms added before it.
    for j in [0i32, -1, 1, -2, 2, -3, 3, -4, 4].map(f64::from) {
        if j < base {
            continue;
        }
        let y = r + j;
        inner += libm::pow(r.abs() / y, p); // p is an integer: keeps the sign
    }
    if inner == 0.0 {
        return 0.0; // exact cancellation; avoids ∞·0 below
    }
    odd_sign(n) * fact_over_pow(n, r.abs(), p) * inner
}

#[cfg(test)]
mod tests {
    use super::polygamma;
    use approx::assert_relative_eq;

    // Reference values from mpmath 1.3.0 (30 digits), rounded to f64:
    //
    // from mpmath import mp, polygamma
    // mp.dps = 30
    // xs = [1e-8, 0.1, 0.5, 1.0, 1.5, 2.5, 7.3, 19.9, 20.1, 1e3, 1e10,
    //       -0.5, -1.5, -2.3, -10.7]
    // for x in xs:
    //     print(f"({x!r}, [{', '.join(repr(float(polygamma(n, x))) for n in range(4))}]),")
    // cases = [(n, x) for n in (4, 5, 6) for x in (0.5, 3.7, 25.0, -2.3, -10.7)]
    // cases += [(0, 1e300), (1, 1e300), (0, 1e-300), (0, -1e-300), (1, 1e-150),
    //           (2, -1e-100), (0, -4503599627370495.5), (10, 3.7), (20, -0.3),
    //           (31, -0.3), (40, -0.5), (100, 7.5)]
    // for n, x in cases:
    //     print(f"({n}, {x!r}, {float(polygamma(n, x))!r}),")

    /// (x, [ψ(x), ψ₁(x), ψ₂(x), ψ₃(x)]).
    #[rustfmt::skip]
    const TABLE: [(f64, [f64; 4]); 15] = [
        (1e-08, [-100000000.57721564, 1.0000000000000002e+16, -2e+24, 5.999999999999999e+32]),
        (0.1, [-10.423754940411076, 101.43329915079275, -2001.8614573783436, 60004.51287679026]),
        (0.5, [-1.9635100260214235, 4.934802200544679, -16.82879664423432, 97.40909103400244]),
        (1.0, [-0.5772156649015329, 1.6449340668482264, -2.4041138063191885, 6.493939402266829]),
        (1.5, [0.03648997397857652, 0.9348022005446793, -0.82879664423432, 1.4090910340024372]),
        (2.5, [0.7031566406452432, 0.49035775610023485, -0.2362040516417274, 0.22390584881725206]),
        (7.3, [1.9178203356379862, 0.1467957681314271, -0.02151081444162025, 0.00629315871319849]),
        (19.9, [2.9653837242676784, 0.05153498898307066, -0.002655268277490106, 0.00027355760534575216]),
        (20.1, [2.9756379786475406, 0.051009350700253045, -0.0026013906050221924, 0.00026527568555815585]),
        (1000.0, [6.907255195648812, 0.0010005001666666333, -1.0010004999998333e-06, 2.003001999999e-09]),
        (1e10, [23.025850929890456, 1.00000000005e-10, -1.0000000001e-20, 2.0000000003e-30]),
        (-0.5, [0.03648997397857652, 8.934802200544679, -0.82879664423432, 193.40909103400244]),
        (-1.5, [0.7031566406452432, 9.379246644989124, -0.2362040516417274, 194.59427621918763]),
        (-2.3, [3.3173231575618227, 14.725912160961292, 68.71379252927031, 768.9350646661422]),
        (-10.7, [0.13374481244706443, 14.99018713906938, -68.8454998385991, 769.0194964081203]),
    ];

    /// (n, x, ψ⁽ⁿ⁾(x)): higher orders, extreme arguments, the large-n paths.
    #[rustfmt::skip]
    const MORE: [(u32, f64, f64); 27] = [
        (4, 0.5, -771.4742498266672),
        (4, 3.7, -0.05303861110795396),
        (4, 25.0, -1.662971425007893e-05),
        (4, -2.3, 9738.671736569251),
        (4, -10.7, -9738.760680655909),
        (5, 0.5, 7691.113548602436),
        (5, 3.7, 0.06393975390203979),
        (5, 25.0, 2.7131757700038325e-06),
        (5, -2.3, 165660.05361165272),
        (5, -10.7, 165660.1743185214),
        (6, 0.5, -92203.45792380303),
        (6, 3.7, -0.09576004675283734),
        (6, 25.0, -5.532496491858543e-07),
        (6, -2.3, 3283536.8849092815),
        (6, -10.7, -3283537.0895251976),
        (0, 1e+300, 690.7755278982137),
        (1, 1e+300, 1e-300),
        (0, 1e-300, -9.999999999999999e+299),
        (0, -1e-300, 9.999999999999999e+299),
        (1, 1e-150, 1e+300),
        (2, -1e-100, 1.9999999999999998e+300),
        (0, -4503599627370495.5, 36.04365338911715),
        (10, 3.7, -2.207828787318997),
        (20, -0.3, 2.3258315617066463e+29),
        (31, -0.3, 4.4375332247657395e+50),
        (40, -0.5, -4.919301571242758e+40),
        (100, 7.5, -3.879872527105495e+69),
    ];

    #[test]
    fn matches_mpmath() {
        for (x, expected) in TABLE {
            for (n, want) in (0u32..).zip(expected) {
                assert_relative_eq!(polygamma(n, x), want, max_relative = 1e-12);
            }
        }
        for (n, x, want) in MORE {
            assert_relative_eq!(polygamma(n, x), want, max_relative = 1e-12);
        }
    }

    #[test]
    fn exact_identities() {
        use core::f64::consts::PI;
        const EULER_GAMMA: f64 = 0.577_215_664_901_532_9;
        assert_relative_eq!(polygamma(0, 1.0), -EULER_GAMMA, max_relative = 1e-15);
        assert_relative_eq!(polygamma(1, 1.0), PI * PI / 6.0, max_relative = 1e-15);
        assert_relative_eq!(polygamma(1, 0.5), PI * PI / 2.0, max_relative = 1e-15);
        // ψ(1/2) = −γ − 2 ln 2; ψ⁽ⁿ⁾(x+1) = ψ⁽ⁿ⁾(x) + (−1)ⁿ n!/xⁿ⁺¹.
        let psi_half = -EULER_GAMMA - 2.0 * core::f64::consts::LN_2;
        assert_relative_eq!(polygamma(0, 0.5), psi_half, max_relative = 1e-15);
        assert_relative_eq!(polygamma(2, 4.25), polygamma(2, 3.25) + 2.0 / 3.25f64.powi(3));
    }

    #[test]
    fn poles_nan_and_infinities() {
        // Every float beyond 2⁵² in magnitude is an integer, so -1e16 is a pole.
        for x in [0.0, -0.0, -1.0, -2.0, -7.0, -1e16, -1e20, -1e300] {
            for n in 0..6 {
                let want_nan = n % 2 == 0; // one-sided limits ±∞ differ
                assert_eq!(polygamma(n, x).is_nan(), want_nan, "n={n} x={x}");
                assert!(want_nan || polygamma(n, x) == f64::INFINITY, "n={n} x={x}");
            }
        }
        for n in 0..5 {
            assert!(polygamma(n, f64::NAN).is_nan());
            assert!(polygamma(n, f64::NEG_INFINITY).is_nan());
        }
        assert_eq!(polygamma(0, f64::INFINITY), f64::INFINITY);
        assert_eq!(polygamma(3, f64::INFINITY), 0.0);
        assert_eq!(polygamma(0, 1e-320), f64::NEG_INFINITY); // −1/x overflows
        assert_eq!(polygamma(1, 1e-300), f64::INFINITY);
        assert_eq!(polygamma(1, -1e-300), f64::INFINITY);
    }

    /// Huge orders and arguments: always a number (never NaN), and fast.
    #[test]
    fn never_nan_for_any_order() {
        let xs = [5e-324, 1e-300, 0.3, 1.0, 19.5, 150.0, 1e15, 1e300, f64::MAX];
        let negatives = [-5e-324, -1e-300, -0.5, -0.3, -2.7, -1e6 - 0.5];
        for n in [0, 7, 30, 31, 100, 170, 171, 500, 100_000, u32::MAX] {
            for x in xs.into_iter().chain(negatives) {
                assert!(!polygamma(n, x).is_nan(), "n={n} x={x}");
            }
            assert!(!polygamma(n, -4.5e15 - 0.5).is_nan(), "n={n}");
        }
    }
}
