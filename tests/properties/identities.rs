//! Algebraic identities on every number type, to rounding: both sides of
//! each identity agree in value and in every derivative part; the product,
//! quotient and chain rules (with Leibniz' rule for second and higher
//! derivatives) hold between a combination of functions and the functions'
//! own derivatives.

use core::f64::consts::FRAC_2_SQRT_PI;

use autodiff::prelude::*;
use proptest::prelude::*;

use crate::support::{config, log_uniform, parts, signed, Num, Report, Univariate};
use crate::unary::U;

/// Identities `lhs(x) = rhs(x)`.
#[derive(Clone, Copy, Debug)]
enum Id {
    /// sin²x + cos²x = 1
    SinCos,
    /// cosh²x - sinh²x = 1
    CoshSinh,
    /// exp(ln x) = x
    ExpLn,
    /// ln(exp x) = x
    LnExp,
    /// 2^(log₂ x) = x
    Exp2Log2,
    /// exp_m1(ln_1p x) = x
    ExpM1Ln1p,
    /// √x·√x = x
    SqrtSquared,
    /// (∛x)³ = x
    CbrtCubed,
    /// (xᵖ)^(1/p) = x
    PowInverse(f64),
    /// xˣ = exp(x ln x), through a differentiated exponent
    SelfPower,
    /// xⁿ = x·x·…·x (and its reciprocal for n < 0)
    PowiProduct(i32),
    /// tan x = sin x / cos x
    TanQuotient,
    /// σ(x) + σ(-x) = 1
    SigmoidSymmetry,
    /// softplus(x) - softplus(-x) = x
    SoftplusDifference,
    /// erf x + erfc x = 1
    ErfErfc,
    /// atan2(sin x, cos x) = x on (-π, π)
    Atan2SinCos,
    /// hypot(x, 0.7)² = x² + 0.49
    HypotSquared,
    /// asin(sin x) = x on (-π/2, π/2)
    AsinSin,
    /// acos(cos x) = x on (0, π)
    AcosCos,
    /// atan(tan x) = x on (-π/2, π/2)
    AtanTan,
    /// asinh(sinh x) = x
    AsinhSinh,
    /// acosh(cosh x) = x for x > 0
    AcoshCosh,
    /// atanh(tanh x) = x
    AtanhTanh,
    /// d/dx sin = cos, with the derivative taken by a nested `derivative`
    DerivativeOfSin,
    /// d/dx ln = 1/x
    DerivativeOfLn,
    /// d/dx atan = 1/(1 + x²)
    DerivativeOfAtan,
    /// d/dx tanh = 1 - tanh²
    DerivativeOfTanh,
    /// d/dx erf = 2/√π e^(-x²)
    DerivativeOfErf,
    /// d/dx softplus = σ
    DerivativeOfSoftplus,
    /// d/dx asinh = 1/√(1 + x²)
    DerivativeOfAsinh,
}

/// One side of an identity, as a function.
#[derive(Clone, Copy, Debug)]
struct Side(Id, bool);

impl Univariate for Side {
    fn eval<T: Num>(self, x: T) -> T
    where
        f64: F64Ops<T> + core::ops::Rem<T, Output = T>,
    {
        let Side(id, left) = self;
        let one = T::one();
        match (id, left) {
            (Id::SinCos, true) => x.sin().powi(2) + x.cos().powi(2),
            (Id::SinCos | Id::CoshSinh | Id::SigmoidSymmetry | Id::ErfErfc, false) => one,
            (Id::CoshSinh, true) => x.cosh() * x.cosh() - x.sinh() * x.sinh(),
            (Id::ExpLn, true) => x.ln().exp(),
            (Id::LnExp, true) => x.exp().ln(),
            (Id::Exp2Log2, true) => x.log2().exp2(),
            (Id::ExpM1Ln1p, true) => x.ln_1p().exp_m1(),
            (Id::SqrtSquared, true) => x.sqrt() * x.sqrt(),
            (Id::CbrtCubed, true) => x.cbrt().powi(3),
            (Id::PowInverse(p), true) => x.powf(T::cst(p)).powf(T::cst(p.recip())),
            (Id::SelfPower, true) => x.powf(x),
            (Id::SelfPower, false) => (x * x.ln()).exp(),
            (Id::PowiProduct(n), true) => x.powi(n),
            (Id::PowiProduct(n), false) => {
                let p = (0..n.unsigned_abs()).fold(one, |p, _| p * x);
                if n < 0 {
                    one / p
                } else {
                    p
                }
            }
            (Id::TanQuotient, true) => x.tan(),
            (Id::TanQuotient, false) => x.sin() / x.cos(),
            (Id::SigmoidSymmetry, true) => x.sigmoid() + (-x).sigmoid(),
            (Id::SoftplusDifference, true) => x.softplus() - (-x).softplus(),
            (Id::ErfErfc, true) => x.erf() + x.erfc(),
            (Id::Atan2SinCos, true) => x.sin().atan2(x.cos()),
            (Id::HypotSquared, true) => x.hypot(T::cst(0.7)).powi(2),
            (Id::HypotSquared, false) => x * x + 0.49,
            (Id::AsinSin, true) => x.sin().asin(),
            (Id::AcosCos, true) => x.cos().acos(),
            (Id::AtanTan, true) => x.tan().atan(),
            (Id::AsinhSinh, true) => x.sinh().asinh(),
            (Id::AcoshCosh, true) => x.cosh().acosh(),
            (Id::AtanhTanh, true) => x.tanh().atanh(),
            (
                Id::ExpLn
                | Id::LnExp
                | Id::Exp2Log2
                | Id::ExpM1Ln1p
                | Id::SqrtSquared
                | Id::CbrtCubed
                | Id::PowInverse(_)
                | Id::SoftplusDifference
                | Id::Atan2SinCos
                | Id::AsinSin
                | Id::AcosCos
                | Id::AtanTan
                | Id::AsinhSinh
                | Id::AcoshCosh
                | Id::AtanhTanh,
                false,
            ) => x,
            (Id::DerivativeOfSin, true) => derivative(|y| y.sin(), x),
            (Id::DerivativeOfSin, false) => x.cos(),
            (Id::DerivativeOfLn, true) => derivative(|y| y.ln(), x),
            (Id::DerivativeOfLn, false) => x.recip(),
            (Id::DerivativeOfAtan, true) => derivative(|y| y.atan(), x),
            (Id::DerivativeOfAtan, false) => (x * x + 1.0).recip(),
            (Id::DerivativeOfTanh, true) => derivative(|y| y.tanh(), x),
            (Id::DerivativeOfTanh, false) => one - x.tanh().powi(2),
            (Id::DerivativeOfErf, true) => derivative(|y| y.erf(), x),
            (Id::DerivativeOfErf, false) => (-x * x).exp() * FRAC_2_SQRT_PI,
            (Id::DerivativeOfSoftplus, true) => derivative(|y| y.softplus(), x),
            (Id::DerivativeOfSoftplus, false) => x.sigmoid(),
            (Id::DerivativeOfAsinh, true) => derivative(|y| y.asinh(), x),
            (Id::DerivativeOfAsinh, false) => (x * x + 1.0).sqrt().recip(),
        }
    }
}

impl Id {
    /// The magnitude of the terms that cancel in the value and in each
    /// derivative (rounding in them is what the two sides may differ by), as
    /// (s, r): the k-th derivative's terms are at most s·rᵏ·k!. Each part is
    /// also compared relative to its own size.
    fn scale(self, x: f64) -> (f64, f64) {
        let ax = x.abs();
        // Rounding of ln x (absolute ε|ln x|) is amplified by exp into a
        // relative error ε|ln x|.
        let log_factor = 4.0 * (1.0 + x.abs().ln().abs());
        match self {
            Id::SinCos | Id::Atan2SinCos => (4.0, 2.0),
            Id::CoshSinh => (8.0 * x.cosh().powi(2), 2.0),
            Id::ExpLn | Id::Exp2Log2 | Id::SqrtSquared | Id::CbrtCubed => {
                (ax * log_factor, 1.0 / ax)
            }
            Id::LnExp | Id::SoftplusDifference => (1.0 + ax, 1.0),
            Id::ExpM1Ln1p => ((1.0 + x) * 4.0 * (1.0 + x.ln_1p().abs()), 1.0 / (1.0 + x)),
            Id::PowInverse(p) => {
                let l = 10.0 * (1.0 + p.abs() + 1.0 / p.abs()) * log_factor;
                (ax * l, (1.0 + p.abs() + 1.0 / p.abs()) / ax)
            }
            Id::SelfPower => {
                let k = 4.0 * (1.0 + (x * x.ln()).abs());
                (x.powf(x) * k, 1.0 + x.ln().abs() + 1.0 / x)
            }
            Id::PowiProduct(n) => {
                let n = f64::from(n.abs());
                (ax.powf(n) * 4.0 * (n + 1.0), (n + 1.0) / ax)
            }
            Id::TanQuotient => {
                let t = x.tan().abs();
                (4.0 * (1.0 + t * t) * (1.0 + t), 2.0 * (1.0 + t))
            }
            Id::SigmoidSymmetry => (2.0, 1.0),
            Id::ErfErfc => (2.0, 2.0 + ax),
            Id::HypotSquared => (4.0 * (1.0 + ax).powi(2), 1.0),
            Id::AsinSin => (4.0 / x.cos().abs(), 1.0 / x.cos().abs()),
            Id::AcosCos => (4.0 / x.sin().abs(), 1.0 / x.sin().abs()),
            Id::AtanTan => (4.0 * (1.0 + x.tan().powi(2)), 2.0 * (1.0 + x.tan().abs())),
            Id::AsinhSinh => (4.0 * x.cosh(), 1.0),
            Id::AcoshCosh => {
                let coth = x.cosh() / x.sinh();
                (8.0 * coth.powi(3) * (1.0 + ax), coth)
            }
            Id::AtanhTanh => (8.0 * x.cosh().powi(4), 2.0),
            Id::DerivativeOfLn => (2.0 / ax, 1.0 / ax),
            Id::DerivativeOfSin
            | Id::DerivativeOfAtan
            | Id::DerivativeOfTanh
            | Id::DerivativeOfErf
            | Id::DerivativeOfSoftplus
            | Id::DerivativeOfAsinh => (2.0, 2.0 + ax),
        }
    }
}

/// Checks `id` at `x` on every number type: every part of both sides, to
/// [`ID_TOL`](crate::support::ID_TOL) relative to the larger of the
/// identity's scale and the parts themselves.
fn check_identity(id: Id, x: f64) -> Result<(), TestCaseError> {
    let (s, r) = id.scale(x);
    let mut report = Report::new(format!("{id:?} at x = {x:e}"));
    for (lhs, rhs) in parts(Side(id, true), x).into_iter().zip(parts(Side(id, false), x)) {
        let k = lhs.order;
        let factorial = (1..=k).product::<usize>() as f64;
        let order_scale = s * r.powi(k as i32) * factorial;
        report.identity(
            lhs.name,
            lhs.got,
            rhs.got,
            order_scale.max(lhs.got.abs()).max(rhs.got.abs()),
        );
    }
    report.finish()
}

macro_rules! identities {
    ($($name:ident: $id:expr, $x:ident in $points:expr;)*) => {
        proptest! {
            #![proptest_config(config())]
            $(
                #[test]
                fn $name($x in $points) {
                    check_identity($id, $x)?;
                }
            )*
        }
    };
}

identities! {
    sin_squared_plus_cos_squared: Id::SinCos, x in -20.0f64..20.0;
    cosh_squared_minus_sinh_squared: Id::CoshSinh, x in -5.0f64..5.0;
    exp_of_ln: Id::ExpLn, x in log_uniform(1e-3, 1e3);
    ln_of_exp: Id::LnExp, x in -30.0f64..30.0;
    exp2_of_log2: Id::Exp2Log2, x in log_uniform(1e-3, 1e3);
    exp_m1_of_ln_1p: Id::ExpM1Ln1p, x in -0.9f64..10.0;
    sqrt_squared: Id::SqrtSquared, x in log_uniform(1e-3, 1e3);
    cbrt_cubed: Id::CbrtCubed, x in signed(log_uniform(1e-3, 1e3));
    self_power_through_a_dual_exponent: Id::SelfPower, x in 0.1f64..5.0;
    tan_is_sin_over_cos: Id::TanQuotient, x in -1.5f64..1.5;
    sigmoid_symmetry: Id::SigmoidSymmetry, x in -30.0f64..30.0;
    softplus_difference: Id::SoftplusDifference, x in -30.0f64..30.0;
    erf_plus_erfc: Id::ErfErfc, x in -6.0f64..6.0;
    atan2_of_sin_cos: Id::Atan2SinCos, x in -3.0f64..3.0;
    hypot_squared: Id::HypotSquared, x in -10.0f64..10.0;
    asin_of_sin: Id::AsinSin, x in -1.2f64..1.2;
    acos_of_cos: Id::AcosCos, x in 0.4f64..2.7;
    atan_of_tan: Id::AtanTan, x in -1.4f64..1.4;
    asinh_of_sinh: Id::AsinhSinh, x in -5.0f64..5.0;
    acosh_of_cosh: Id::AcoshCosh, x in 0.5f64..5.0;
    atanh_of_tanh: Id::AtanhTanh, x in -1.5f64..1.5;
    derivative_of_sin: Id::DerivativeOfSin, x in -5.0f64..5.0;
    derivative_of_ln: Id::DerivativeOfLn, x in 0.3f64..3.0;
    derivative_of_atan: Id::DerivativeOfAtan, x in -5.0f64..5.0;
    derivative_of_tanh: Id::DerivativeOfTanh, x in -3.0f64..3.0;
    derivative_of_erf: Id::DerivativeOfErf, x in -3.0f64..3.0;
    derivative_of_softplus: Id::DerivativeOfSoftplus, x in -10.0f64..10.0;
    derivative_of_asinh: Id::DerivativeOfAsinh, x in -5.0f64..5.0;
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn pow_then_inverse_pow(
        p in signed(log_uniform(0.2, 5.0)),
        x in log_uniform(0.1, 10.0),
    ) {
        check_identity(Id::PowInverse(p), x)?;
    }

    #[test]
    fn powi_is_repeated_multiplication(n in -6i32..=6, x in signed(log_uniform(0.1, 10.0))) {
        check_identity(Id::PowiProduct(n), x)?;
    }
}

// --- product, quotient and chain rules ------------------------------------------

/// Functions positive and smooth on [0.3, 3]: denominators and inner
/// functions.
const POSITIVE: [U; 14] = [
    U::Sin,
    U::Exp,
    U::Sqrt,
    U::Atan,
    U::Tanh,
    U::Erf,
    U::Recip,
    U::Cbrt,
    U::Sigmoid,
    U::Asinh,
    U::Powi(3),
    U::Powf(2.5),
    U::Cosh,
    U::Softplus,
];

/// Functions smooth on [0.3, 3]: numerators.
const SMOOTH: [U; 6] = [U::Cos, U::Ln, U::Erfc, U::ExpM1, U::Log10, U::Sinh];

/// Functions smooth on (0, ∞) (the range of [`POSITIVE`] on [0.3, 3]):
/// outer functions of a composition.
const OUTER: [U; 10] =
    [U::Sin, U::Cos, U::Atan, U::Tanh, U::Erf, U::Sigmoid, U::Asinh, U::Softplus, U::Ln, U::Sqrt];

/// A combination of two functions.
#[derive(Clone, Copy, Debug)]
enum Combo {
    Product(U, U),
    Quotient(U, U),
    /// `Compose(f, g)` = f∘g
    Compose(U, U),
}

impl Univariate for Combo {
    fn eval<T: Num>(self, x: T) -> T
    where
        f64: F64Ops<T> + core::ops::Rem<T, Output = T>,
    {
        match self {
            Combo::Product(f, g) => f.eval(x) * g.eval(x),
            Combo::Quotient(f, g) => f.eval(x) / g.eval(x),
            Combo::Compose(f, g) => f.eval(g.eval(x)),
        }
    }
}

/// f and its first four derivatives at `x`: f, f', f'' by AD with
/// `Dual2_64`, f''' and f'''' by `Jet64<5>` (each checked against finite
/// differences in `unary.rs`).
fn derivatives_of(f: U, x: f64) -> [f64; 5] {
    let y = f.eval(Dual2_64::variable(x));
    let j = f.eval(Jet64::<5>::variable(x)).derivatives();
    [y.re, y.v1, y.v2, j[3], j[4]]
}

/// n choose k.
fn binomial(n: usize, k: usize) -> f64 {
    (0..k).fold(1.0, |b, i| b * (n - i) as f64 / (i + 1) as f64)
}

/// The value and derivatives up to the fourth of a combination by the
/// textbook rules, each with the sum of the magnitudes of its terms:
///
/// - (fg)' = f'g + fg', (fg)'' = f''g + 2f'g' + fg'', and Leibniz'
///   (fg)⁽ⁿ⁾ = Σₖ C(n, k) f⁽ᵏ⁾g⁽ⁿ⁻ᵏ⁾ at every order;
/// - (f/g)' = (f'g - fg')/g², (f/g)'' = (f''g² - 2f'g'g - fg''g + 2fg'²)/g³,
///   and beyond q⁽ⁿ⁾ = (f⁽ⁿ⁾ - Σₖ<ₙ C(n, k) q⁽ᵏ⁾g⁽ⁿ⁻ᵏ⁾)/g, Leibniz' rule
///   for f = qg;
/// - (f∘g)' = f'(g)g', (f∘g)'' = f''(g)g'² + f'(g)g'', and Faà di Bruno's
///   formula for the third and fourth derivatives.
fn by_the_rules(combo: Combo, x: f64) -> [(f64, f64); 5] {
    let sum =
        |terms: &[f64]| (terms.iter().sum::<f64>(), terms.iter().map(|t| t.abs()).sum::<f64>());
    match combo {
        Combo::Product(f, g) => {
            let (f, g) = (derivatives_of(f, x), derivatives_of(g, x));
            core::array::from_fn(|n| {
                let terms: Vec<f64> = (0..=n).map(|k| binomial(n, k) * f[k] * g[n - k]).collect();
                sum(&terms)
            })
        }
        Combo::Quotient(f, g) => {
            let (f, g) = (derivatives_of(f, x), derivatives_of(g, x));
            let g3 = g[0] * g[0] * g[0];
            let mut q = [
                sum(&[f[0] / g[0]]),
                sum(&[f[1] / g[0], -f[0] * g[1] / (g[0] * g[0])]),
                sum(&[
                    f[2] * g[0] * g[0] / g3,
                    -2.0 * f[1] * g[1] * g[0] / g3,
                    -f[0] * g[2] * g[0] / g3,
                    2.0 * f[0] * g[1] * g[1] / g3,
                ]),
                (0.0, 0.0),
                (0.0, 0.0),
            ];
            for n in 3..5 {
                let rest: f64 = (0..n).map(|k| binomial(n, k) * q[k].0 * g[n - k]).sum();
                let rest_scale: f64 =
                    (0..n).map(|k| binomial(n, k) * q[k].1 * g[n - k].abs()).sum();
                q[n] = ((f[n] - rest) / g[0], (f[n].abs() + rest_scale) / g[0].abs());
            }
            q
        }
        Combo::Compose(f, g) => {
            let g = derivatives_of(g, x);
            let f = derivatives_of(f, g[0]);
            [
                sum(&[f[0]]),
                sum(&[f[1] * g[1]]),
                sum(&[f[2] * g[1] * g[1], f[1] * g[2]]),
                sum(&[f[3] * g[1].powi(3), 3.0 * f[2] * g[1] * g[2], f[1] * g[3]]),
                sum(&[
                    f[4] * g[1].powi(4),
                    6.0 * f[3] * g[1] * g[1] * g[2],
                    3.0 * f[2] * g[2] * g[2],
                    4.0 * f[2] * g[1] * g[3],
                    f[1] * g[4],
                ]),
            ]
        }
    }
}

/// Checks a combination on every number type against the rules.
fn check_rules(combo: Combo, x: f64) -> Result<(), TestCaseError> {
    let expected = by_the_rules(combo, x);
    let mut report = Report::new(format!("{combo:?} at x = {x:e}"));
    for part in parts(combo, x) {
        let (want, scale) = expected[part.order];
        report.identity(part.name, part.got, want, scale.max(part.got.abs()));
    }
    report.finish()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn product_rule_and_leibniz(
        f in prop::sample::select([POSITIVE.as_slice(), SMOOTH.as_slice()].concat()),
        g in prop::sample::select(POSITIVE.to_vec()),
        x in 0.3f64..3.0,
    ) {
        check_rules(Combo::Product(f, g), x)?;
    }

    #[test]
    fn quotient_rule(
        f in prop::sample::select([POSITIVE.as_slice(), SMOOTH.as_slice()].concat()),
        g in prop::sample::select(POSITIVE.to_vec()),
        x in 0.3f64..3.0,
    ) {
        check_rules(Combo::Quotient(f, g), x)?;
    }

    #[test]
    fn chain_rule(
        f in prop::sample::select(OUTER.to_vec()),
        g in prop::sample::select(POSITIVE.to_vec()),
        x in 0.3f64..3.0,
    ) {
        check_rules(Combo::Compose(f, g), x)?;
    }
}
