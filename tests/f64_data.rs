//! Arithmetic, comparison, sums and assignment with `f64` data beside a
//! number, in every form, for every number type; and the `f64` methods
//! that `Float` lacks (`total_cmp`, `rem_euclid`, `div_euclid`,
//! `round_ties_even`, `midpoint`, `next_up`, `next_down`), against `f64`'s own and closed-form
//! derivatives.
// The forms themselves are under test: `&x * &k`, `x > 1.0 && x < 3.0`.
#![allow(clippy::op_ref, clippy::manual_range_contains)]

use approx::assert_relative_eq;
use autodiff::prelude::*;
use std::cmp::Ordering;

/// `x op k` in all nine forms with `k: f64` (`x op k`, `x op &k`, `&x op k`,
/// `&x op &k`, `x op= &k`, and `k` on the left: `k op x`, `k op &x`,
/// `&k op x`, `&k op &x`) agree with the expected values, every part.
macro_rules! test_f64_op {
    ($x:expr, $op:tt, $op_assign:tt, $k:expr, $right:expr, $left:expr) => {{
        let (x, k, right, left) = ($x, $k, $right, $left);
        assert_relative_eq!(x $op k, right, max_relative = Real::cst(1e-15));
        assert_relative_eq!(x $op &k, right, max_relative = Real::cst(1e-15));
        assert_relative_eq!(&x $op k, right, max_relative = Real::cst(1e-15));
        assert_relative_eq!(&x $op &k, right, max_relative = Real::cst(1e-15));
        let mut c = x;
        c $op_assign &k;
        assert_relative_eq!(c, right, max_relative = Real::cst(1e-15));
        assert_relative_eq!(k $op x, left, max_relative = Real::cst(1e-15));
        assert_relative_eq!(k $op &x, left, max_relative = Real::cst(1e-15));
        assert_relative_eq!(&k $op x, left, max_relative = Real::cst(1e-15));
        assert_relative_eq!(&k $op &x, left, max_relative = Real::cst(1e-15));
    }};
}

#[test]
fn dual_with_f64_data_in_every_form() {
    // x = 3 + 2ε, k = 4
    let x = Dual64::new(3.0, 2.0);
    test_f64_op!(x, +, +=, 4.0, Dual64::new(7.0, 2.0), Dual64::new(7.0, 2.0));
    test_f64_op!(x, -, -=, 4.0, Dual64::new(-1.0, 2.0), Dual64::new(1.0, -2.0));
    test_f64_op!(x, *, *=, 4.0, Dual64::new(12.0, 8.0), Dual64::new(12.0, 8.0));
    // x/4 → (0.75, 0.5); 4/x → (4/3, -4·2/9)
    test_f64_op!(x, /, /=, 4.0, Dual64::new(0.75, 0.5), Dual64::new(4.0 / 3.0, -8.0 / 9.0));
    // 3 % 4 = 3 (slope 1); 4 % x = 1, ∂/∂x = -trunc(4/3)·x' = -2
    test_f64_op!(x, %, %=, 4.0, Dual64::new(3.0, 2.0), Dual64::new(1.0, -2.0));
}

#[test]
fn dual2_and_hyperdual_with_f64_data_in_every_form() {
    // x² at x = 2 as a Dual2: (4, 4, 2); 1/x² → (1/4, -1/4, 3/8)·... via 1/u
    let u = Dual2_64::new(4.0, 4.0, 2.0);
    test_f64_op!(u, *, *=, 0.5, Dual2_64::new(2.0, 2.0, 1.0), Dual2_64::new(2.0, 2.0, 1.0));
    // d/dx x⁻² = -2/x³ = -0.25, d²/dx² = 6/x⁴ = 0.375
    test_f64_op!(u, /, /=, 2.0, Dual2_64::new(2.0, 2.0, 1.0), Dual2_64::new(0.5, -0.5, 0.75));
    let h = HyperDual64::new(2.0, 1.0, 1.0, 0.0);
    // k - x: the parts negate; 1/x: (1/2, -1/4, -1/4, 2/8)
    test_f64_op!(h, -, -=, 1.0, HyperDual64::new(1.0, 1.0, 1.0, 0.0), HyperDual64::new(-1.0, -1.0, -1.0, 0.0));
    test_f64_op!(h, /, /=, 1.0, h, HyperDual64::new(0.5, -0.25, -0.25, 0.25));
}

/// The by-reference and left-hand forms agree with the by-value right-hand
/// form (tested against closed forms above and in `traits.rs`) for the
/// vector and Taylor types.
fn forms_agree<T>(x: T, k: f64)
where
    T: Scalar + approx::RelativeEq<Epsilon = T>,
    f64: F64Ops<T>,
    for<'r> &'r f64: LeftOps<T>,
    for<'r> &'r T: RefOps<T>,
{
    let (sum, diff, prod, quot) = (x + k, T::cst(k) - x, x * k, T::cst(k) / x);
    test_f64_op!(x, +, +=, k, sum, sum);
    test_f64_op!(x, *, *=, k, prod, prod);
    assert_relative_eq!(k - x, diff, max_relative = Real::cst(1e-15));
    assert_relative_eq!(&k - &x, diff, max_relative = Real::cst(1e-15));
    assert_relative_eq!(k / &x, quot, max_relative = Real::cst(1e-15));
    assert_relative_eq!(&k / x, quot, max_relative = Real::cst(1e-15));
    assert_relative_eq!(&x - &k, x - k, max_relative = Real::cst(1e-15));
    assert_relative_eq!(&x / k, x / k, max_relative = Real::cst(1e-15));
    assert_relative_eq!(-&x, -x, max_relative = Real::cst(1e-15));
}

#[test]
fn vector_and_taylor_types_with_f64_data_in_every_form() {
    forms_agree(DualVec64::<3>::new(1.5, [1.0, -2.0, 0.5]), 2.5);
    let mut g = Dual2Vec64::<2>::variable(1.5, 0);
    g = g * g;
    forms_agree(g, -0.75);
    forms_agree(Jet64::<4>::new([1.5, 1.0, 0.25, -0.5]), 3.0);
}

#[test]
fn comparisons_with_f64_data_look_at_the_value() {
    let x = Dual64::new(2.0, 100.0);
    assert!(x > 1.0 && x < 3.0 && x >= 2.0 && x <= 2.0 && x == 2.0 && x != 2.5);
    assert!(1.0 < x && 3.0 > x && 2.0 <= x && 2.0 >= x && 2.0 == x && 2.5 != x);
    assert_eq!(x.partial_cmp(&f64::NAN), None);
    let j = Jet64::<3>::new([-1.0, 5.0, 7.0]);
    assert!(j < 0.0);
    assert!(0.0 > j);
}

#[test]
fn sums_and_products_of_f64_data_are_constants() {
    let data = [1.5, -2.0, 4.0];
    let s: Dual64 = data.iter().sum();
    let p: Dual64 = data.iter().copied().product();
    assert_eq!((s.re, s.eps), (3.5, 0.0));
    assert_eq!((p.re, p.eps), (-12.0, 0.0));
    let t: DualVec64<2> = data.into_iter().sum();
    assert_eq!((t.re, t.eps), (3.5, [0.0, 0.0]));
}

#[test]
fn assignment_lifts_f64_data() {
    let mut x = Dual2_64::new(1.0, 1.0, 1.0);
    x.assign_from(2.5);
    assert_eq!((x.re, x.v1, x.v2), (2.5, 0.0, 0.0));
    let mut y = Dual64::new(1.0, 1.0);
    y.assign_from(Dual64::new(3.0, 4.0));
    assert_eq!((y.re, y.eps), (3.0, 4.0));
}

/// Values from which `rem_euclid`, `div_euclid`, `round_ties_even` and
/// `midpoint` are compared with `f64`'s: signs, zeros, halves, large and
/// tiny magnitudes.
const SAMPLES: [f64; 16] = [
    -7.5, -7.0, -3.25, -2.5, -0.5, -0.0, 0.0, 0.5, 1.5, 2.5, 3.0, 7.25, 1e300, -1e300, 1e-310,
    4.5e15,
];

#[test]
fn rem_and_div_euclid_match_f64_with_their_slopes() {
    for a in SAMPLES {
        for b in [4.0, -4.0, 0.75, -0.75, 3.0] {
            let (r, q) = (a.rem_euclid(b), a.div_euclid(b));
            let x = Dual64::variable(a);
            let y = Dual64::variable(b);
            let ra = Real::rem_euclid(x, Dual64::cst(b));
            let rb = Real::rem_euclid(Dual64::cst(a), y);
            let qa = Real::div_euclid(x, Dual64::cst(b));
            // r = a - b·q: ∂r/∂a = 1, ∂r/∂b = -q; q is a step: slope 0.
            assert_eq!(ra.re.to_bits(), r.to_bits(), "rem_euclid({a}, {b})");
            assert_eq!(qa.re.to_bits(), q.to_bits(), "div_euclid({a}, {b})");
            assert_eq!((ra.eps, rb.eps, qa.eps), (1.0, -q, 0.0), "slopes at ({a}, {b})");
        }
    }
    // a differentiable fn with both, against finite differences of f64
    let f = |a: f64| a.rem_euclid(2.5) * a;
    let (a, h) = (-3.3, 1e-6);
    let fd = (f(a + h) - f(a - h)) / (2.0 * h);
    let ad = derivative(|x: Dual64| Real::rem_euclid(x, Dual64::cst(2.5)) * x, a);
    assert_relative_eq!(ad, fd, max_relative = 1e-8);
}

#[test]
fn round_ties_even_and_midpoint_match_f64() {
    for a in SAMPLES {
        let r = Real::round_ties_even(Dual64::variable(a));
        assert_eq!(r.re.to_bits(), a.round_ties_even().to_bits(), "round_ties_even({a})");
        assert_eq!(r.eps, 0.0);
        for b in SAMPLES {
            let m = Real::midpoint(Dual64::variable(a), Dual64::cst(b));
            assert_eq!(m.re.to_bits(), a.midpoint(b).to_bits(), "midpoint({a}, {b})");
            assert_eq!(m.eps, 0.5);
        }
    }
    let m = Real::midpoint(f64::MAX, f64::MAX);
    assert_eq!(m, f64::MAX);
}

#[test]
fn total_cmp_orders_the_values_as_f64_does() {
    let values = [f64::NAN, -f64::NAN, -1.0, -0.0, 0.0, 1.0, f64::INFINITY, f64::NEG_INFINITY];
    for a in values {
        for b in values {
            let (x, y) = (Dual64::new(a, 3.0), Dual64::new(b, -3.0));
            let ours: Ordering = num_traits::float::TotalOrder::total_cmp(&x, &y);
            assert_eq!(ours, a.total_cmp(&b), "total_cmp({a}, {b})");
        }
    }
    let mut v = [Dual64::new(2.0, 1.0), Dual64::new(-1.0, 2.0), Dual64::new(0.5, 3.0)];
    v.sort_by(|a, b| a.total_cmp(b));
    assert_eq!(v.iter().map(|d| d.eps).collect::<Vec<_>>(), [2.0, 3.0, 1.0]);
}

#[test]
fn next_up_and_down_step_one_ulp_with_slope_one() {
    for a in [1.5, -2.25, 1e300, 3e-310, 0.0, -0.0, f64::MAX, -f64::MAX] {
        // the neighbours by their bits (positive: +1 up; negative: -1 up)
        let up = if a == 0.0 {
            f64::from_bits(1)
        } else if a > 0.0 {
            f64::from_bits(a.to_bits() + 1)
        } else {
            f64::from_bits(a.to_bits() - 1)
        };
        let x = Dual64::variable(a);
        let (u, d) = (Real::next_up(x), Real::next_down(x));
        assert_eq!(u.re.to_bits(), up.to_bits(), "next_up({a})");
        assert_eq!(
            Real::next_down(Dual64::cst(up)).re,
            if a == 0.0 { 0.0 } else { a },
            "next_down(next_up({a}))"
        );
        assert_eq!((u.eps, d.eps), (1.0, 1.0));
    }
    assert_eq!(Real::next_up(f64::INFINITY), f64::INFINITY);
    assert!(Real::next_up(f64::NAN).is_nan());
    let j = Real::next_up(Jet64::<3>::new([1.0, 2.0, 3.0]));
    assert_eq!(j.c, [f64::from_bits(1.0f64.to_bits() + 1), 2.0, 3.0]);
}

#[test]
fn parsing_gives_a_constant() {
    let x: Dual64 = "2.5".parse().unwrap();
    assert_eq!((x.re, x.eps), (2.5, 0.0));
    let j: Jet64<3> = "-1e3".parse().unwrap();
    assert_eq!(j.c, [-1000.0, 0.0, 0.0]);
    assert!("x".parse::<HyperDual64>().is_err());
    assert_eq!("x".parse::<Dual64>().unwrap_err(), "x".parse::<f64>().unwrap_err());
}
