//! Elementary functions and constants as written on `f64`: `rem_euclid`,
//! `clamp`, `hypot`, `atan2`, `mul_add`, `powi`, `powf`, consts.

use autodiff::prelude::*;
use std::f64::consts::{FRAC_PI_4, PI};

// form: wrap_angle_rem_euclid
#[differentiable]
fn wrap_angle_rem_euclid(x: f64) -> f64 {
    let wrapped = (x + PI).rem_euclid(2.0 * PI) - PI;
    wrapped.powi(2)
}

#[test]
fn wrap_angle_rem_euclid_fd() {
    check_scalar!(wrap_angle_rem_euclid, [0.3, 4.7, -5.2]);
}

// form: clamp_then_cube
#[differentiable]
fn clamp_then_cube(x: f64) -> f64 {
    x.clamp(-2.0, 2.0).powi(3) + 0.5 * x
}

#[test]
fn clamp_then_cube_fd() {
    check_scalar!(clamp_then_cube, [0.3, 1.7, -2.2]);
}

// form: hypot_and_atan2
#[differentiable]
fn hypot_and_atan2(x: f64, y: f64) -> f64 {
    x.hypot(y) + y.atan2(x)
}

#[test]
fn hypot_and_atan2_fd() {
    check_tuple2!(hypot_and_atan2, [(0.3, 1.7), (-2.2, 0.4), (1.1, -0.9)]);
}

// form: mul_add_chain
#[differentiable]
fn mul_add_chain(x: f64) -> f64 {
    x.mul_add(2.0, 1.0).mul_add(x, -3.0)
}

#[test]
fn mul_add_chain_fd() {
    check_scalar!(mul_add_chain, [0.3, 1.7, -2.2]);
}

// form: powf_mixed_bases
#[differentiable]
fn powf_mixed_bases(x: f64, y: f64) -> f64 {
    x.powf(y) + x.powf(1.5) + 2.0f64.powf(x)
}

#[test]
fn powf_mixed_bases_fd() {
    check_tuple2!(powf_mixed_bases, [(0.3, 1.7), (2.2, 0.4), (1.1, -0.9)]);
}

// form: epsilon_guarded_norm
#[differentiable]
fn epsilon_guarded_norm(x: f64, y: f64) -> f64 {
    (x * x + y * y + f64::EPSILON).sqrt()
}

#[test]
fn epsilon_guarded_norm_fd() {
    check_tuple2!(epsilon_guarded_norm, [(0.3, 1.7), (-2.2, 0.4), (1.1, -0.9)]);
}

// form: degrees_to_radians
#[differentiable]
fn degrees_to_radians(deg: f64) -> f64 {
    deg.to_radians().sin() + (deg * PI / 180.0).cos()
}

#[test]
fn degrees_to_radians_fd() {
    check_scalar!(degrees_to_radians, [30.0, 117.5, -42.25]);
}

// form: signum_times_sqrt_abs
#[differentiable]
fn signum_times_sqrt_abs(x: f64) -> f64 {
    x.signum() * x.abs().sqrt()
}

#[test]
fn signum_times_sqrt_abs_fd() {
    check_scalar!(signum_times_sqrt_abs, [0.3, 1.7, -2.2]);
}

// form: powi_negative_and_positive
#[differentiable]
fn powi_negative_and_positive(x: f64) -> f64 {
    x.powi(-2) + x.powi(3) - x.powi(0)
}

#[test]
fn powi_negative_and_positive_fd() {
    check_scalar!(powi_negative_and_positive, [0.3, 1.7, -2.2]);
}

// form: max_with_constant_floor
#[differentiable]
fn max_with_constant_floor(x: f64, #[constant] floor: f64) -> f64 {
    x.max(floor).ln() + x.min(10.0) + floor.max(x.sin()) + f64::min(x, floor)
}

#[test]
fn max_with_constant_floor_fd() {
    check_scalar!((|x| max_with_constant_floor(x, 0.5)), [0.3, 1.7, 2.2]);
}

// form: sin_cos_destructured
#[differentiable]
fn sin_cos_destructured(x: f64) -> f64 {
    let (s, c) = x.sin_cos();
    s * c + s.atan2(c)
}

#[test]
fn sin_cos_destructured_fd() {
    check_scalar!(sin_cos_destructured, [0.3, 1.7, -2.2]);
}

// form: bare_imported_consts
#[differentiable]
fn bare_imported_consts(x: f64) -> f64 {
    let mut angle = FRAC_PI_4;
    angle += x;
    PI * angle.sin() + x / PI
}

#[test]
fn bare_imported_consts_fd() {
    check_scalar!(bare_imported_consts, [0.3, 1.7, -2.2]);
}

// form: special_functions_cbrt_expm1_ln1p
#[differentiable]
fn special_functions_cbrt_expm1_ln1p(x: f64) -> f64 {
    x.cbrt() + x.exp_m1() + x.abs().ln_1p() + x.sinh() * x.tanh() - x.cosh().recip()
}

#[test]
fn special_functions_cbrt_expm1_ln1p_fd() {
    check_scalar!(special_functions_cbrt_expm1_ln1p, [0.3, 1.7, -2.2]);
}

// form: log_bases_and_exp2
#[differentiable]
fn log_bases_and_exp2(x: f64) -> f64 {
    x.log10() + x.log2() + x.log(3.0) + x.exp2()
}

#[test]
fn log_bases_and_exp2_fd() {
    check_scalar!(log_bases_and_exp2, [0.3, 1.7, 22.2]);
}

// form: inverse_trig_and_hyperbolic
#[differentiable]
fn inverse_trig_and_hyperbolic(x: f64) -> f64 {
    x.asin() + x.acos() * x.atan() + x.asinh() + (x + 2.0).acosh() + (0.5 * x).atanh()
}

#[test]
fn inverse_trig_and_hyperbolic_fd() {
    check_scalar!(inverse_trig_and_hyperbolic, [0.3, 0.77, -0.45]);
}

// form: three_scalar_params_trig
#[differentiable]
fn three_scalar_params_trig(a: f64, b: f64, c: f64) -> f64 {
    (a * b).sin() + (b - c).cos() * a + c.powi(2) * b.exp()
}

#[test]
fn three_scalar_params_trig_fd() {
    check_tuple3!(
        three_scalar_params_trig,
        [(0.3, 1.7, -2.2), (1.5, 0.25, -3.0), (-0.4, 0.6, 0.9)]
    );
}
