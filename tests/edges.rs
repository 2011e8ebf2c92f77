//! The conventions at the edges, row by row as the crate docs state them
//! (autodiff-core/src/lib.rs, "Conventions at the edges").

use autodiff::prelude::*;

fn var(x: f64) -> Dual64 {
    Dual64::variable(x)
}

fn cst(x: f64) -> Dual64 {
    Dual64::constant(x)
}

/// Asserts value and derivative exactly, NaN equal to NaN and signs of
/// infinities checked.
#[track_caller]
fn assert_dual(d: Dual64, re: f64, eps: f64) {
    let same = |a: f64, b: f64| (a.is_nan() && b.is_nan()) || a == b;
    assert!(same(d.re, re) && same(d.eps, eps), "got {d:?}, expected re = {re}, eps = {eps}");
}

#[test]
fn comparisons_look_at_the_real_part_only() {
    assert_eq!(Dual64::new(1.0, 5.0), Dual64::new(1.0, -3.0));
    assert!(Dual64::new(1.0, 100.0) < Dual64::new(2.0, -100.0));
    assert_dual(Dual64::new(3.0, 1.0).max(Dual64::new(2.0, 7.0)), 3.0, 1.0);
    assert_dual(Dual64::new(3.0, 1.0).min(Dual64::new(2.0, 7.0)), 2.0, 7.0);
    assert_dual(Dual64::new(5.0, 1.0).clamp(cst(0.0), cst(4.0)), 4.0, 0.0);
    assert_dual(Dual64::new(-5.0, 1.0).clamp(cst(0.0), cst(4.0)), 0.0, 0.0);
    assert_dual(Dual64::new(2.0, 1.0).clamp(cst(0.0), cst(4.0)), 2.0, 1.0);
}

#[test]
fn max_and_min_return_the_second_argument_at_a_tie() {
    let a = Dual64::new(1.0, 2.0);
    let b = Dual64::new(1.0, 3.0);
    assert_dual(a.max(b), 1.0, 3.0);
    assert_dual(a.min(b), 1.0, 3.0);
    assert_dual(b.max(a), 1.0, 2.0);
}

#[test]
fn max_and_min_skip_nan_as_f64_does() {
    let nan = Dual64::new(f64::NAN, 1.0);
    assert_dual(nan.max(var(2.0)), 2.0, 1.0);
    assert_dual(var(2.0).max(nan), 2.0, 1.0);
    assert_dual(nan.min(var(2.0)), 2.0, 1.0);
    assert_dual(var(2.0).min(nan), 2.0, 1.0);
}

#[test]
fn relu_has_derivative_zero_at_zero() {
    assert_dual(var(0.0).relu(), 0.0, 0.0);
    assert_dual(var(1e-300).relu(), 1e-300, 1.0);
    assert_dual(var(-1e-300).relu(), 0.0, 0.0);
}

#[test]
fn abs_has_the_slope_of_signum_at_signed_zeros() {
    assert_dual(var(0.0).abs(), 0.0, 1.0);
    assert_dual(var(-0.0).abs(), 0.0, -1.0);
    assert_dual(var(-2.0).abs(), 2.0, -1.0);
}

#[test]
fn a_zero_derivative_stays_zero_where_the_slope_is_infinite() {
    // Unseeded constants at singular points of f'.
    assert_dual(cst(0.0).sqrt(), 0.0, 0.0);
    assert_dual(cst(0.0).cbrt(), 0.0, 0.0);
    assert_dual(cst(1.0).asin(), std::f64::consts::FRAC_PI_2, 0.0);
    assert_dual(cst(-1.0).acos(), std::f64::consts::PI, 0.0);
    assert_dual(cst(1.0).atanh(), f64::INFINITY, 0.0);
    assert_dual(cst(0.0).ln(), f64::NEG_INFINITY, 0.0);
    assert_dual(cst(0.0).powf(cst(0.5)), 0.0, 0.0);
    assert_dual(cst(-1.0).sqrt(), f64::NAN, 0.0);
    // Second order too: f'' infinite, derivative parts zero.
    let y = Dual2_64::constant(0.0).sqrt();
    assert_eq!((y.re, y.v1, y.v2), (0.0, 0.0, 0.0));
    let y = HyperDual64::constant(0.0).sqrt();
    assert_eq!((y.eps1, y.eps2, y.eps1eps2), (0.0, 0.0, 0.0));
    // Nested: the inner dual's derivative parts are zero too.
    let y = Dual::new(Dual64::constant(0.0), Dual64::constant(0.0)).sqrt();
    assert_eq!((y.eps.re, y.eps.eps), (0.0, 0.0));
}

#[test]
fn a_norm_written_as_sqrt_of_a_dot_product_has_gradient_zero_at_zero() {
    let norm = |x: Dual64, y: Dual64| (x * x + y * y).sqrt();
    assert_dual(norm(var(0.0), cst(0.0)), 0.0, 0.0);
    assert_dual(norm(cst(0.0), var(0.0)), 0.0, 0.0);
}

#[test]
fn sqrt_and_cbrt_of_a_seeded_zero_have_infinite_slope() {
    assert_dual(var(0.0).sqrt(), 0.0, f64::INFINITY);
    assert_dual(var(0.0).cbrt(), 0.0, f64::INFINITY);
    let (_, d1, d2) = second_derivative(|x| x.sqrt(), 0.0);
    assert_eq!((d1, d2), (f64::INFINITY, f64::NEG_INFINITY));
}

#[test]
fn powf_at_zero() {
    assert_dual(var(0.0).powf(cst(2.5)), 0.0, 0.0);
    assert_dual(var(0.0).powf(cst(2.0)), 0.0, 0.0);
    assert_dual(var(0.0).powf(cst(1.0)), 0.0, 1.0);
    assert_dual(var(0.0).powf(cst(0.5)), 0.0, f64::INFINITY);
    assert_dual(var(0.0).powf(cst(0.0)), 1.0, 0.0);
    // The value is exactly f64's.
    assert_dual(var(0.0).powf(cst(-1.0)), f64::INFINITY, f64::NEG_INFINITY);
    // Second derivatives at 0: p(p-1)0^(p-2).
    assert_eq!(second_derivative(|x| x.powf(Dual2::constant(2.5)), 0.0), (0.0, 0.0, 0.0));
    assert_eq!(second_derivative(|x| x.powf(Dual2::constant(2.0)), 0.0), (0.0, 0.0, 2.0));
    assert_eq!(second_derivative(|x| x.powf(Dual2::constant(1.0)), 0.0), (0.0, 1.0, 0.0));
}

#[test]
fn the_zeroth_power_is_flat_everywhere() {
    for x in [0.0, -0.0, 2.0, -3.0, f64::INFINITY] {
        assert_dual(var(x).powf(cst(0.0)), 1.0, 0.0);
        assert_dual(var(x).powi(0), 1.0, 0.0);
        assert_eq!(second_derivative(|x| x.powi(0), x), (1.0, 0.0, 0.0));
    }
}

#[test]
fn powi_of_zero_to_minus_one_is_infinite_not_nan() {
    assert_dual(var(0.0).powi(-1), f64::INFINITY, f64::NEG_INFINITY);
    assert_dual(var(0.0).recip(), f64::INFINITY, f64::NEG_INFINITY);
    assert_dual(var(0.0).powi(1), 0.0, 1.0);
    assert_eq!(second_derivative(|x| x.powi(1), 0.0), (0.0, 1.0, 0.0));
}

#[test]
fn a_dual_exponent_at_zero_drops_the_log_term() {
    // d/dy 0^y = 0^y ln 0 → 0 for y > 0.
    let (f, fx, fy, fxy) = second_partial_derivative(|x, y| x.powf(y), (0.0, 2.0));
    assert_eq!((f, fx, fy, fxy), (0.0, 0.0, 0.0, 0.0));
    let (f, fx, fy, _) = second_partial_derivative(|x, y| x.powf(y), (0.0, 1.0));
    assert_eq!((f, fx, fy), (0.0, 1.0, 0.0));
}

#[test]
fn rounding_functions_are_flat_and_fract_has_slope_one() {
    for x in [-2.5, -0.5, 0.0, 0.5, 1.5, 2.0] {
        assert_dual(var(x).floor(), x.floor(), 0.0);
        assert_dual(var(x).ceil(), x.ceil(), 0.0);
        assert_dual(var(x).round(), x.round(), 0.0);
        assert_dual(var(x).trunc(), x.trunc(), 0.0);
        assert_dual(var(x).signum(), x.signum(), 0.0);
        assert_dual(var(x).fract(), x.fract(), 1.0);
    }
}

#[test]
fn rem_is_truncated_with_partials_one_and_minus_trunc() {
    assert_dual(var(7.5) % cst(2.0), 1.5, 1.0);
    assert_dual(cst(7.5) % var(2.0), 1.5, -3.0);
    assert_dual(var(-7.5) % cst(2.0), -1.5, 1.0);
    assert_dual(var(7.5) % 2.0, 1.5, 1.0);
}

#[test]
fn atan2_and_hypot_at_the_origin_have_derivative_zero() {
    for (x, y) in [(0.0, 0.0), (-0.0, 0.0), (0.0, -0.0)] {
        let a = second_partial_derivative(|y, x| y.atan2(x), (y, x));
        assert_eq!(a, (f64::atan2(y, x), 0.0, 0.0, 0.0));
        let h = second_partial_derivative(|x, y| x.hypot(y), (x, y));
        assert_eq!(h, (0.0, 0.0, 0.0, 0.0));
    }
    assert_eq!(second_derivative(|x| x.hypot(Dual2::constant(0.0)), 0.0), (0.0, 0.0, 0.0));
}

#[test]
fn outside_the_domain_value_and_derivative_are_nan() {
    for y in [var(-1.0).ln(), var(2.0).asin(), var(2.0).acos(), var(2.0).atanh(), var(0.5).acosh()]
    {
        assert_dual(y, f64::NAN, f64::NAN);
    }
    assert_dual(var(-1.0).log2(), f64::NAN, f64::NAN);
    assert_dual(var(-2.0).ln_1p(), f64::NAN, f64::NAN);
    assert_dual(var(-8.0).powf(cst(1.0 / 3.0)), f64::NAN, f64::NAN);
}

#[test]
fn at_the_domain_boundary_the_slope_is_infinite() {
    assert_dual(var(0.0).ln(), f64::NEG_INFINITY, f64::INFINITY);
    assert_dual(var(1.0).asin(), std::f64::consts::FRAC_PI_2, f64::INFINITY);
    assert_dual(var(-1.0).asin(), -std::f64::consts::FRAC_PI_2, f64::INFINITY);
    assert_dual(var(1.0).acos(), 0.0, f64::NEG_INFINITY);
    assert_dual(var(-1.0).acos(), std::f64::consts::PI, f64::NEG_INFINITY);
    assert_dual(var(1.0).atanh(), f64::INFINITY, f64::INFINITY);
    assert_dual(var(-1.0).atanh(), f64::NEG_INFINITY, f64::INFINITY);
}

#[test]
fn clamp_never_panics_even_with_min_above_max() {
    assert_dual(var(0.0).clamp(cst(3.0), cst(1.0)), 3.0, 0.0);
    assert_dual(var(5.0).clamp(cst(3.0), cst(1.0)), 1.0, 0.0);
    assert_dual(Dual64::new(f64::NAN, 1.0).clamp(cst(0.0), cst(1.0)), f64::NAN, 1.0);
}

#[test]
fn products_and_quotients_of_constants_stay_constant_at_infinity_and_zero() {
    assert_dual(cst(1.0) / cst(0.0), f64::INFINITY, 0.0);
    assert_dual(cst(f64::INFINITY) * cst(2.0), f64::INFINITY, 0.0);
    assert_dual(cst(0.0) * cst(f64::INFINITY), f64::NAN, 0.0);
    assert_dual(var(2.0) * cst(f64::INFINITY), f64::INFINITY, f64::INFINITY);
    assert_dual(var(1.0) / cst(0.0), f64::INFINITY, f64::INFINITY);
    assert_dual(cst(3.0) / var(f64::INFINITY), 0.0, 0.0);
    let y = Dual2_64::constant(1.0) / Dual2_64::constant(0.0);
    assert_eq!((y.re, y.v1, y.v2), (f64::INFINITY, 0.0, 0.0));
    let y = HyperDual64::constant(f64::NEG_INFINITY) * HyperDual64::constant(2.0);
    assert_eq!((y.eps1, y.eps2, y.eps1eps2), (0.0, 0.0, 0.0));
    let y = DualVec64::<3>::constant(1.0) / DualVec64::<3>::constant(0.0);
    assert_eq!(y.eps, [0.0; 3]);
}
