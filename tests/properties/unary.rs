//! Every elementary function of one variable, and every operator with an
//! `f64` on either side, on every number type, against finite differences
//! over its domain.

use autodiff::prelude::*;
use num_traits::{Inv, MulAdd, Pow};
use proptest::prelude::*;

use crate::support::{
    away_from_halves, check_univariate, config, log_uniform, signed, Num, Univariate,
};

/// The functions of one variable; parameters are constants (`f64`).
#[derive(Clone, Copy, Debug)]
pub enum U {
    Neg,
    Recip,
    Inv,
    Sqrt,
    Cbrt,
    Exp,
    Exp2,
    ExpM1,
    Ln,
    Log2,
    Log10,
    /// `log` with a constant base.
    Log(f64),
    Ln1p,
    Sin,
    Cos,
    /// `sin_cos().0` and `.1`.
    SinCos0,
    SinCos1,
    Tan,
    Asin,
    Acos,
    Atan,
    Sinh,
    Cosh,
    Tanh,
    Asinh,
    Acosh,
    Atanh,
    Abs,
    Signum,
    Floor,
    Ceil,
    Round,
    Trunc,
    Fract,
    Powi(i32),
    /// `num_traits::Pow<i32>`.
    PowI32(i32),
    /// `powf` with a constant exponent.
    Powf(f64),
    /// `num_traits::Pow<f64>`.
    PowF64(f64),
    Erf,
    Erfc,
    Gamma,
    LnGamma,
    Digamma,
    Polygamma(u32),
    Sigmoid,
    Softplus,
    Relu,
    LeakyRelu(f64),
    Elu(f64),
    ToDegrees,
    ToRadians,
    /// `clamp` between constants.
    Clamp(f64, f64),
    /// `max` and `min` with a constant.
    Max(f64),
    Min(f64),
    /// `x op c` and `c op x` for an `f64` constant c, and `x op= c`.
    AddF(f64),
    FAdd(f64),
    SubF(f64),
    FSub(f64),
    MulF(f64),
    FMul(f64),
    DivF(f64),
    FDiv(f64),
    RemF(f64),
    FRem(f64),
    AddAssignF(f64),
    SubAssignF(f64),
    MulAssignF(f64),
    DivAssignF(f64),
    RemAssignF(f64),
    /// `x.mul_add(x, c)` and through `num_traits::MulAdd`.
    MulAdd(f64),
    MulAddTrait(f64),
}

impl Univariate for U {
    fn eval<T: Num>(self, x: T) -> T
    where
        f64: F64Ops<T> + core::ops::Rem<T, Output = T>,
    {
        match self {
            U::Neg => -x,
            U::Recip => x.recip(),
            U::Inv => Inv::inv(x),
            U::Sqrt => x.sqrt(),
            U::Cbrt => x.cbrt(),
            U::Exp => x.exp(),
            U::Exp2 => x.exp2(),
            U::ExpM1 => x.exp_m1(),
            U::Ln => x.ln(),
            U::Log2 => x.log2(),
            U::Log10 => x.log10(),
            U::Log(b) => x.log(T::cst(b)),
            U::Ln1p => x.ln_1p(),
            U::Sin => x.sin(),
            U::Cos => x.cos(),
            U::SinCos0 => x.sin_cos().0,
            U::SinCos1 => x.sin_cos().1,
            U::Tan => x.tan(),
            U::Asin => x.asin(),
            U::Acos => x.acos(),
            U::Atan => x.atan(),
            U::Sinh => x.sinh(),
            U::Cosh => x.cosh(),
            U::Tanh => x.tanh(),
            U::Asinh => x.asinh(),
            U::Acosh => x.acosh(),
            U::Atanh => x.atanh(),
            U::Abs => x.abs(),
            U::Signum => x.signum(),
            U::Floor => x.floor(),
            U::Ceil => x.ceil(),
            U::Round => x.round(),
            U::Trunc => x.trunc(),
            U::Fract => x.fract(),
            U::Powi(n) => x.powi(n),
            U::PowI32(n) => Pow::pow(x, n),
            U::Powf(p) => x.powf(T::cst(p)),
            U::PowF64(p) => Pow::pow(x, p),
            U::Erf => x.erf(),
            U::Erfc => x.erfc(),
            U::Gamma => x.gamma(),
            U::LnGamma => x.ln_gamma(),
            U::Digamma => x.digamma(),
            U::Polygamma(n) => x.polygamma(n),
            U::Sigmoid => x.sigmoid(),
            U::Softplus => x.softplus(),
            U::Relu => x.relu(),
            U::LeakyRelu(a) => x.leaky_relu(a),
            U::Elu(a) => x.elu(a),
            U::ToDegrees => x.to_degrees(),
            U::ToRadians => x.to_radians(),
            U::Clamp(lo, hi) => x.clamp(T::cst(lo), T::cst(hi)),
            U::Max(c) => x.max(T::cst(c)),
            U::Min(c) => x.min(T::cst(c)),
            U::AddF(c) => x + c,
            U::FAdd(c) => c + x,
            U::SubF(c) => x - c,
            U::FSub(c) => c - x,
            U::MulF(c) => x * c,
            U::FMul(c) => c * x,
            U::DivF(c) => x / c,
            U::FDiv(c) => c / x,
            U::RemF(c) => x % c,
            U::FRem(c) => c % x,
            U::AddAssignF(c) => {
                let mut y = x;
                y += c;
                y
            }
            U::SubAssignF(c) => {
                let mut y = x;
                y -= c;
                y
            }
            U::MulAssignF(c) => {
                let mut y = x;
                y *= c;
                y
            }
            U::DivAssignF(c) => {
                let mut y = x;
                y /= c;
                y
            }
            U::RemAssignF(c) => {
                let mut y = x;
                y %= c;
                y
            }
            U::MulAdd(c) => Float::mul_add(x, x, T::cst(c)),
            U::MulAddTrait(c) => MulAdd::mul_add(x, x, T::cst(c)),
        }
    }
}

/// Steps for functions analytic on the whole real line whose Taylor series
/// converge at least a distance 1 away (entire functions, tanh, atan, ...).
const H: f64 = 0.05;

/// The first step for a function singular at 0, at `x`.
fn h_rel(x: f64) -> f64 {
    x.abs() / 16.0
}

/// The first step at a point `dist` away from a singularity or a jump.
fn h_near(dist: f64) -> f64 {
    H.min(dist / 8.0)
}

/// A point inside (-1, 1) and its distance d to ±1, spread over all scales
/// of d from 1e-6 to 1.
///
/// Closer to ±1 the rules' 1 - x² (asin, acos, atanh; x² - 1 for acosh)
/// cancels: f' carries a rounding error of up to ε/2d relative, which is
/// harmless in f' itself (5e-10 at d = 1e-7) but is magnified by 1/h in the
/// finite difference of f' that checks f''.
fn inside_unit_interval() -> impl Strategy<Value = (f64, f64)> {
    signed(log_uniform(1e-6, 1.0)).prop_map(|d| {
        let x = (1.0 - d.abs()).copysign(d);
        (x, 1.0 - x.abs())
    })
}

/// Any nonzero constant of moderate size.
fn constant() -> impl Strategy<Value = f64> {
    signed(log_uniform(0.1, 10.0))
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn neg_and_angle_conversions(x in -100.0f64..100.0) {
        for f in [U::Neg, U::ToDegrees, U::ToRadians] {
            check_univariate(f, x, H)?;
        }
    }

    #[test]
    fn recip_and_inv(x in signed(log_uniform(1e-2, 1e2))) {
        check_univariate(U::Recip, x, h_rel(x))?;
        check_univariate(U::Inv, x, h_rel(x))?;
    }

    #[test]
    fn sqrt(x in log_uniform(1e-3, 1e3)) {
        check_univariate(U::Sqrt, x, h_rel(x))?;
    }

    #[test]
    fn cbrt(x in signed(log_uniform(1e-3, 1e3))) {
        check_univariate(U::Cbrt, x, h_rel(x))?;
    }

    #[test]
    fn exp_exp2(x in -30.0f64..30.0) {
        check_univariate(U::Exp, x, H)?;
        check_univariate(U::Exp2, x, H)?;
    }

    #[test]
    fn exp_m1(x in -10.0f64..30.0) {
        check_univariate(U::ExpM1, x, H)?;
    }

    /// exp_m1' = eˣ is computed as exp_m1(x) + 1, which cancels for x ≪ 0:
    /// relative error 2e-8 at x = -20, 2e-4 at -30, and 0 instead of 4e-18
    /// at -40 (elu(x) for x < 0 inherits it).
    #[test]
    fn exp_m1_and_elu_far_left(x in -40.0f64..-10.0) {
        check_univariate(U::ExpM1, x, H)?;
        check_univariate(U::Elu(1.0), x, H)?;
    }

    #[test]
    fn logarithms(x in log_uniform(1e-3, 1e3)) {
        for f in [U::Ln, U::Log2, U::Log10] {
            check_univariate(f, x, h_rel(x))?;
        }
    }

    #[test]
    fn log_with_a_constant_base(
        x in log_uniform(1e-3, 1e3),
        b in log_uniform(0.05, 20.0).prop_filter("base away from 1", |b| b.ln().abs() > 0.05),
    ) {
        check_univariate(U::Log(b), x, h_rel(x))?;
    }

    #[test]
    fn ln_1p(one_plus_x in log_uniform(1e-3, 1e3)) {
        check_univariate(U::Ln1p, one_plus_x - 1.0, h_rel(one_plus_x))?;
    }

    #[test]
    fn sin_cos(x in -20.0f64..20.0) {
        for f in [U::Sin, U::Cos, U::SinCos0, U::SinCos1] {
            check_univariate(f, x, H)?;
        }
    }

    #[test]
    fn tan(k in -3i32..=3, theta in -1.55f64..1.55) {
        let x = f64::from(k) * core::f64::consts::PI + theta;
        check_univariate(U::Tan, x, h_near(core::f64::consts::FRAC_PI_2 - theta.abs()))?;
    }

    #[test]
    fn asin_acos_atanh((x, dist) in inside_unit_interval()) {
        for f in [U::Asin, U::Acos, U::Atanh] {
            check_univariate(f, x, h_near(dist))?;
        }
    }

    #[test]
    fn atan(x in -50.0f64..50.0) {
        check_univariate(U::Atan, x, H)?;
    }

    #[test]
    fn sinh_cosh_tanh(x in -20.0f64..20.0) {
        for f in [U::Sinh, U::Cosh, U::Tanh] {
            check_univariate(f, x, H)?;
        }
    }

    #[test]
    fn asinh(x in signed(log_uniform(1e-3, 1e3))) {
        // Singular at ±i: the radius of convergence is |x ± i| ≥ max(1, |x|).
        check_univariate(U::Asinh, x, H * x.abs().max(1.0))?;
    }

    #[test]
    fn acosh(d in log_uniform(1e-6, 1e3)) {
        // From 1 + 1e-6, as asin above.
        let x = 1.0 + d;
        check_univariate(U::Acosh, x, h_rel(x - 1.0))?;
    }

    #[test]
    fn abs(x in signed(log_uniform(1e-3, 1e2))) {
        check_univariate(U::Abs, x, h_near(x.abs()))?;
    }

    #[test]
    fn piecewise_constant_and_fract((x, dist) in away_from_halves(-20..20, 0.01)) {
        for f in [U::Signum, U::Floor, U::Ceil, U::Round, U::Trunc, U::Fract] {
            check_univariate(f, x, h_near(dist))?;
        }
    }

    #[test]
    fn powi(n in -6i32..=8, x in signed(log_uniform(0.05, 20.0))) {
        check_univariate(U::Powi(n), x, h_rel(x))?;
        check_univariate(U::PowI32(n), x, h_rel(x))?;
    }

    #[test]
    fn powf_constant_exponent(
        p in prop_oneof![Just(0.0), Just(1.0), Just(2.0), Just(0.5), -4.0f64..4.0],
        x in log_uniform(1e-3, 1e3),
    ) {
        check_univariate(U::Powf(p), x, h_rel(x))?;
        check_univariate(U::PowF64(p), x, h_rel(x))?;
    }

    #[test]
    fn erf_erfc(x in -6.0f64..6.0) {
        check_univariate(U::Erf, x, H)?;
        check_univariate(U::Erfc, x, H)?;
    }

    #[test]
    fn logistic_activations(x in -30.0f64..30.0) {
        check_univariate(U::Sigmoid, x, H)?;
        check_univariate(U::Softplus, x, H)?;
    }

    #[test]
    fn piecewise_activations(
        x in signed(log_uniform(1e-3, 30.0)).prop_filter("see exp_m1_and_elu_far_left", |x| *x > -10.0),
        alpha in 0.01f64..2.0,
    ) {
        for f in [U::Relu, U::LeakyRelu(alpha), U::Elu(alpha)] {
            check_univariate(f, x, h_near(x.abs()))?;
        }
    }

    #[test]
    fn clamp_max_min(x in -5.0f64..5.0, c in -5.0f64..5.0) {
        let (lo, hi) = (-1.0, 2.0);
        let dist = (x - lo).abs().min((x - hi).abs());
        prop_assume!(dist > 1e-3 && (x - c).abs() > 1e-3);
        check_univariate(U::Clamp(lo, hi), x, h_near(dist))?;
        check_univariate(U::Max(c), x, h_near((x - c).abs()))?;
        check_univariate(U::Min(c), x, h_near((x - c).abs()))?;
    }

    #[test]
    fn arithmetic_with_an_f64(x in -10.0f64..10.0, c in constant()) {
        for f in [
            U::AddF(c), U::FAdd(c), U::SubF(c), U::FSub(c), U::MulF(c), U::FMul(c),
            U::DivF(c), U::AddAssignF(c), U::SubAssignF(c), U::MulAssignF(c),
            U::DivAssignF(c),
            // x² + |c| never cancels, so f64's fused mul_add and the dual
            // numbers' x·x + c agree to rounding.
            U::MulAdd(c.abs()), U::MulAddTrait(c.abs()),
        ] {
            check_univariate(f, x, H)?;
        }
    }

    #[test]
    fn f64_divided_by_a_number(x in signed(log_uniform(1e-2, 1e2)), c in constant()) {
        check_univariate(U::FDiv(c), x, h_rel(x))?;
    }

    #[test]
    fn remainder_by_an_f64(c in constant(), (q, dist) in away_from_halves(-20..20, 0.01)) {
        // x = q·c, so x/c = q stays away from the integers, where x % c jumps.
        let x = q * c;
        let h = h_near(dist * c.abs());
        check_univariate(U::RemF(c), x, h)?;
        check_univariate(U::RemAssignF(c), x, h)?;
    }

    #[test]
    fn f64_remainder_by_a_number(x in constant(), (q, dist) in away_from_halves(-20..20, 0.01)) {
        // c % x jumps where c/x is an integer; c/x = q moves by q·dx/x.
        let c = q * x;
        check_univariate(U::FRem(c), x, h_near(dist * x.abs() / q.abs().max(1.0)))?;
    }
}

/// The gamma family: Γ, ln|Γ|, ψ and ψ⁽ⁿ⁾.
mod special {
    use super::*;

    /// A point of (-5, 20) at least 0.05 away from the poles 0, -1, ..., -4,
    /// and the first step there.
    fn gamma_domain() -> impl Strategy<Value = (f64, f64)> {
        prop_oneof![
            log_uniform(0.05, 20.0).prop_map(|x| (x, super::h_near(x))),
            (-5i32..0, 0.05f64..0.95).prop_map(|(k, frac)| {
                (f64::from(k) + frac, super::h_near(frac.min(1.0 - frac)))
            }),
        ]
    }

    proptest! {
        #![proptest_config(config())]

        #[test]
        fn gamma_family((x, h) in gamma_domain(), n in 1u32..=3) {
            for f in [U::Gamma, U::LnGamma, U::Digamma, U::Polygamma(n)] {
                check_univariate(f, x, h)?;
            }
        }
    }
}
