//! The derivative rule of every elementary function, written once.
//!
//! A rule gives a function's value and its first and second derivatives at a
//! point of the inner scalar type `T` (which may itself be a dual number). Each
//! number type applies a rule with its own chain rule
//! ([`DualNumber::chain`](crate::number::DualNumber::chain)), so adding a
//! function is one function here and adding a type is one file.
//!
//! Rules of two arguments ([`Rule2`]) give the partial derivatives up to second
//! order and are applied with
//! [`DualNumber::chain2`](crate::number::DualNumber::chain2).

use crate::Real;

/// Value and first two derivatives of a univariate function at a point.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Rule<T> {
    /// f(x)
    pub f0: T,
    /// f'(x)
    pub f1: T,
    /// f''(x)
    pub f2: T,
}

impl<T: Real> Rule<T> {
    /// A rule from a function's value and derivatives.
    #[inline(always)]
    pub fn new(f0: T, f1: T, f2: T) -> Self {
        Rule { f0, f1, f2 }
    }

    /// A rule whose derivative formulas stay finite outside the function's
    /// domain (`1/x` for `ln` at -1): where the value is NaN the derivatives
    /// are made NaN too, so `ln(-1)` never reports a finite slope. Functions
    /// whose formulas turn NaN by themselves there (`sqrt`, `asin`) skip the
    /// test. The NaN used is `f0` itself: for a nested type (`Dual<Dual64>`,
    /// `Var<Dual64>`) its derivative parts are NaN too, so a derivative of
    /// the derivative is NaN as well, not the 0 of a constant NaN.
    #[inline(always)]
    fn on_domain(f0: T, f1: T, f2: T) -> Self {
        if f0.is_nan() {
            Rule { f0, f1: f0, f2: f0 }
        } else {
            Rule { f0, f1, f2 }
        }
    }

    /// A piecewise-constant function: derivatives 0.
    #[inline(always)]
    fn flat(f0: T) -> Self {
        Rule { f0, f1: T::zero(), f2: T::zero() }
    }
}

/// Value and partial derivatives up to second order of f(x, y).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Rule2<T> {
    /// f(x, y)
    pub f0: T,
    /// ∂f/∂x
    pub fx: T,
    /// ∂f/∂y
    pub fy: T,
    /// ∂²f/∂x²
    pub fxx: T,
    /// ∂²f/∂x∂y
    pub fxy: T,
    /// ∂²f/∂y²
    pub fyy: T,
}

impl<T: Real> Rule2<T> {
    /// All derivatives 0: the convention where a derivative is undefined
    /// (atan2 and hypot at the origin).
    fn flat(f0: T) -> Self {
        let z = T::zero();
        Rule2 { f0, fx: z, fy: z, fxx: z, fxy: z, fyy: z }
    }
}

/// Lifts an `f64` constant.
#[inline(always)]
fn c<T: Real>(x: f64) -> T {
    T::cst(x)
}

// --- arithmetic ----------------------------------------------------------------

/// x·y: partials (y, x), mixed second partial 1. Used for products of
/// non-finite values (each type's own product rule is faster elsewhere).
#[inline(always)]
pub(crate) fn mul<T: Real>(x: T, y: T) -> Rule2<T> {
    let z = T::zero();
    Rule2 { f0: x * y, fx: y, fy: x, fxx: z, fxy: T::one(), fyy: z }
}

/// x/y: partials (1/y, -x/y²), second partials (0, -1/y², 2x/y³). Used for
/// quotients of non-finite values and by zero.
#[inline(always)]
pub(crate) fn div<T: Real>(x: T, y: T) -> Rule2<T> {
    let q = x / y;
    let r = y.recip();
    Rule2 { f0: q, fx: r, fy: -q * r, fxx: T::zero(), fxy: -r * r, fyy: c::<T>(2.0) * q * r * r }
}

// --- powers and roots -------------------------------------------------------

/// 1/x: (1/x, -1/x², 2/x³).
#[inline(always)]
pub(crate) fn recip<T: Real>(x: T) -> Rule<T> {
    let r = x.recip();
    Rule::new(r, -r * r, c::<T>(2.0) * r * r * r)
}

/// xⁿ: (xⁿ, n xⁿ⁻¹, n(n-1) xⁿ⁻²), with x⁰ flat and x¹ linear everywhere
/// (so that 0·∞ never appears at x = 0).
#[inline(always)]
pub(crate) fn powi<T: Real>(x: T, n: i32) -> Rule<T> {
    match n {
        0 => Rule::flat(T::one()),
        1 => Rule::new(x, T::one(), T::zero()),
        2 => Rule::new(x * x, c::<T>(2.0) * x, c(2.0)),
        _ => {
            let nf = c::<T>(n as f64);
            let xn1 = x.powi(n - 1);
            // x^(n-2) = x^(n-1)/x away from 0; at 0 compute it directly.
            let xn2 = if x == T::zero() { x.powi(n - 2) } else { xn1 / x };
            Rule::new(x.powi(n), nf * xn1, nf * c::<T>((n - 1) as f64) * xn2)
        }
    }
}

/// xᵖ for a constant p: (xᵖ, p xᵖ⁻¹, p(p-1) xᵖ⁻²). The value is exactly the
/// inner type's `powf`; at x = 0 the derivative is 0 for p > 1, 1 for p = 1 and
/// +∞ for 0 < p < 1, and x⁰ is flat.
#[inline(always)]
pub(crate) fn powf<T: Real>(x: T, p: T) -> Rule<T> {
    if p.is_zero_in_every_part() {
        return Rule::flat(T::one());
    }
    if p.is_one_in_every_part() {
        return Rule::new(x, T::one(), T::zero());
    }
    let pm1 = p - T::one();
    let xpm1 = x.powf(pm1);
    let f1 = p * xpm1;
    // p(p-1) x^(p-2) = (p-1) f1 / x away from 0; at 0 compute it directly.
    let f2 = if x == T::zero() { p * pm1 * x.powf(pm1 - T::one()) } else { pm1 * f1 / x };
    Rule::new(x.powf(p), f1, f2)
}

/// xʸ in both arguments. At x = 0 with y > 0 the `ln x` factor of the
/// y-derivatives is dropped (xʸ ln x → 0 as x → 0⁺).
#[inline(always)]
pub(crate) fn pow<T: Real>(x: T, y: T) -> Rule2<T> {
    let in_x = powf(x, y);
    let ln_x = if x == T::zero() && y > T::zero() { T::zero() } else { x.ln() };
    let x_ym1 = if y.is_one_in_every_part() { T::one() } else { x.powf(y - T::one()) };
    Rule2 {
        f0: in_x.f0,
        fx: in_x.f1,
        fy: in_x.f0 * ln_x,
        fxx: in_x.f2,
        fxy: x_ym1 * (T::one() + y * ln_x),
        fyy: in_x.f0 * ln_x * ln_x,
    }
}

/// √x: (√x, 1/(2√x), -1/(4x√x) = -2f'³); at 0 the derivatives are +∞
/// and -∞.
#[inline(always)]
pub(crate) fn sqrt<T: Real>(x: T) -> Rule<T> {
    let s = x.sqrt();
    // 0.5/(√x + 0): adding 0 turns √-0 = -0 into +0, so 1/√x is +∞ at
    // either zero, the slope from the right; and in a nested type its own
    // derivative stays -∞ there, so f'' of `Dual<Dual64>` agrees.
    let f1 = (s + T::zero()).recip() * c::<T>(0.5);
    // f'' from f' alone, with no second division.
    Rule::new(s, f1, -c::<T>(2.0) * (f1 * f1 * f1))
}

/// ∛x: (∛x, 1/(3∛x²), -2/(9x∛x²)).
#[inline(always)]
pub(crate) fn cbrt<T: Real>(x: T) -> Rule<T> {
    let r = x.cbrt();
    // (1/∛x)²/3 rather than 1/(3∛x²): at 0 a nested type's ∛x has
    // derivative ∞ and ∛x·∛x would meet 0·∞; 1/∛x is ±∞ with derivative
    // -∞, so f'' keeps the sign of each one-sided limit.
    let inv = r.recip();
    let f1 = inv * inv * c::<T>(1.0 / 3.0);
    Rule::new(r, f1, -c::<T>(2.0 / 3.0) * f1 / x)
}

/// hypot(x, y) = √(x² + y²); all derivatives 0 at the origin.
#[inline(always)]
pub(crate) fn hypot<T: Real>(x: T, y: T) -> Rule2<T> {
    let h = x.hypot(y);
    if h == T::zero() {
        return Rule2::flat(h);
    }
    let h3 = h * h * h;
    Rule2 { f0: h, fx: x / h, fy: y / h, fxx: y * y / h3, fxy: -x * y / h3, fyy: x * x / h3 }
}

// --- exponentials and logarithms ---------------------------------------------

/// eˣ: (eˣ, eˣ, eˣ).
#[inline(always)]
pub(crate) fn exp<T: Real>(x: T) -> Rule<T> {
    let e = x.exp();
    Rule::new(e, e, e)
}

/// 2ˣ: (2ˣ, 2ˣ ln 2, 2ˣ ln² 2).
#[inline(always)]
pub(crate) fn exp2<T: Real>(x: T) -> Rule<T> {
    let e = x.exp2();
    let f1 = e * T::LN_2();
    Rule::new(e, f1, f1 * T::LN_2())
}

/// eˣ - 1: (eˣ - 1, eˣ, eˣ). The slope is `exp`, not `exp_m1 + 1`, which
/// would cancel to 0 for x ≪ 0.
#[inline(always)]
pub(crate) fn exp_m1<T: Real>(x: T) -> Rule<T> {
    let e = x.exp();
    Rule::new(x.exp_m1(), e, e)
}

/// ln x: (ln x, 1/x, -1/x²).
#[inline(always)]
pub(crate) fn ln<T: Real>(x: T) -> Rule<T> {
    // `+ 0`: at -0 the slope is +∞, the limit from the right, as at +0.
    let r = (x + T::zero()).recip();
    Rule::on_domain(x.ln(), r, -r * r)
}

/// log_b x for a constant base b: ln x / ln b.
#[inline(always)]
pub(crate) fn log_const_base<T: Real>(value: T, x: T, ln_b: T) -> Rule<T> {
    let r = (x + T::zero()).recip() / ln_b;
    Rule::on_domain(value, r, -r / x)
}

/// log₂ x: (log₂ x, 1/(x ln 2), -1/(x² ln 2)).
#[inline(always)]
pub(crate) fn log2<T: Real>(x: T) -> Rule<T> {
    log_const_base(x.log2(), x, T::LN_2())
}

/// log₁₀ x: (log₁₀ x, 1/(x ln 10), -1/(x² ln 10)).
#[inline(always)]
pub(crate) fn log10<T: Real>(x: T) -> Rule<T> {
    log_const_base(x.log10(), x, T::LN_10())
}

/// ln(1 + x): (ln(1 + x), 1/(1 + x), -1/(1 + x)²).
#[inline(always)]
pub(crate) fn ln_1p<T: Real>(x: T) -> Rule<T> {
    let r = (x + T::one()).recip();
    Rule::on_domain(x.ln_1p(), r, -r * r)
}

// --- trigonometric ------------------------------------------------------------

/// (sin x, cos x, -sin x) and (cos x, -sin x, -cos x) from one `sin_cos`.
#[inline(always)]
pub(crate) fn sin_cos<T: Real>(x: T) -> (Rule<T>, Rule<T>) {
    let (s, c) = x.sin_cos();
    (Rule::new(s, c, -s), Rule::new(c, -s, -c))
}

/// tan x: (tan x, 1 + tan² x, 2 tan x (1 + tan² x)).
#[inline(always)]
pub(crate) fn tan<T: Real>(x: T) -> Rule<T> {
    let t = x.tan();
    let f1 = T::one() + t * t;
    Rule::new(t, f1, c::<T>(2.0) * t * f1)
}

/// 1 - x²: as (1 - x)(1 + x) near ±1, where 1 - x·x cancels; as
/// 1 - x·x near 0, where the derivative of the product, -(1 + x) + (1 - x),
/// would cancel instead (a nested type's f'' of asin near 0 lost digits).
#[inline(always)]
fn one_minus_square<T: Real>(x: T) -> T {
    if x.abs() < T::cst(0.5) {
        T::one() - x * x
    } else {
        (T::one() - x) * (T::one() + x)
    }
}

/// asin x: (asin x, 1/√(1-x²), x/(1-x²)^{3/2}).
#[inline(always)]
pub(crate) fn asin<T: Real>(x: T) -> Rule<T> {
    let f1 = one_minus_square(x).sqrt().recip();
    Rule::new(x.asin(), f1, x * f1 * f1 * f1)
}

/// acos x: (acos x, -1/√(1-x²), -x/(1-x²)^{3/2}).
#[inline(always)]
pub(crate) fn acos<T: Real>(x: T) -> Rule<T> {
    let f1 = one_minus_square(x).sqrt().recip();
    Rule::new(x.acos(), -f1, -x * f1 * f1 * f1)
}

/// atan x: (atan x, 1/(1+x²), -2x/(1+x²)²).
#[inline(always)]
pub(crate) fn atan<T: Real>(x: T) -> Rule<T> {
    let f1 = (T::one() + x * x).recip();
    Rule::new(x.atan(), f1, -c::<T>(2.0) * x * f1 * f1)
}

/// atan2(y, x), the angle of the point (x, y); its partials are
/// (-y, x)/(x² + y²), and all derivatives are 0 at the origin.
/// The first argument of the rule is `y`, as in `y.atan2(x)`.
#[inline(always)]
pub(crate) fn atan2<T: Real>(y: T, x: T) -> Rule2<T> {
    let f0 = y.atan2(x);
    let r2 = x * x + y * y;
    if r2 == T::zero() {
        return Rule2::flat(f0);
    }
    let r4 = r2 * r2;
    let two_xy = c::<T>(2.0) * x * y;
    Rule2 {
        f0,
        fx: x / r2,
        fy: -y / r2,
        fxx: -two_xy / r4,
        fxy: (y * y - x * x) / r4,
        fyy: two_xy / r4,
    }
}

// --- hyperbolic ----------------------------------------------------------------

/// sinh x: (sinh x, cosh x, sinh x).
#[inline(always)]
pub(crate) fn sinh<T: Real>(x: T) -> Rule<T> {
    let s = x.sinh();
    Rule::new(s, x.cosh(), s)
}

/// cosh x: (cosh x, sinh x, cosh x).
#[inline(always)]
pub(crate) fn cosh<T: Real>(x: T) -> Rule<T> {
    let c = x.cosh();
    Rule::new(c, x.sinh(), c)
}

/// tanh x: (tanh x, 1 - tanh² x, -2 tanh x (1 - tanh² x)). Away from 0 the
/// slope is computed as sech² x = 4e/(1 + e)², e = e^{-2|x|}, which keeps its
/// relative accuracy in the tails, where 1 - tanh² x cancels.
#[inline(always)]
pub(crate) fn tanh<T: Real>(x: T) -> Rule<T> {
    let t = x.tanh();
    let f1 = if x.abs() < T::one() {
        T::one() - t * t
    } else {
        let e = (x.abs() * c::<T>(-2.0)).exp();
        let d = T::one() + e;
        c::<T>(4.0) * e / (d * d)
    };
    Rule::new(t, f1, -c::<T>(2.0) * t * f1)
}

/// asinh x: (asinh x, 1/√(x²+1), -x/(x²+1)^{3/2}).
#[inline(always)]
pub(crate) fn asinh<T: Real>(x: T) -> Rule<T> {
    let f1 = (x * x + T::one()).sqrt().recip();
    Rule::new(x.asinh(), f1, -x * f1 * f1 * f1)
}

/// acosh x: (acosh x, 1/√(x²-1), -x/(x²-1)^{3/2}).
#[inline(always)]
pub(crate) fn acosh<T: Real>(x: T) -> Rule<T> {
    // x² - 1 as (x - 1)(x + 1), exact near 1 (and +0, not -0, at 1).
    let f1 = ((x - T::one()) * (x + T::one())).sqrt().recip();
    Rule::on_domain(x.acosh(), f1, -x * f1 * f1 * f1)
}

/// atanh x: (atanh x, 1/(1-x²), 2x/(1-x²)²).
#[inline(always)]
pub(crate) fn atanh<T: Real>(x: T) -> Rule<T> {
    let f1 = one_minus_square(x).recip();
    Rule::on_domain(x.atanh(), f1, c::<T>(2.0) * x * f1 * f1)
}

// --- piecewise -------------------------------------------------------------------

/// |x|: (|x|, signum x, 0); the slope is +1 at +0.0 and -1 at -0.0.
#[inline(always)]
pub(crate) fn abs<T: Real>(x: T) -> Rule<T> {
    Rule::new(x.abs(), x.signum(), T::zero())
}

/// signum, floor, ceil, round, trunc: derivative 0.
#[inline(always)]
pub(crate) fn step<T: Real>(value: T) -> Rule<T> {
    Rule::flat(value)
}

/// fract x = x - trunc x: derivative 1.
#[inline(always)]
pub(crate) fn fract<T: Real>(x: T) -> Rule<T> {
    Rule::new(x.fract(), T::one(), T::zero())
}

/// next_up x = x + one ulp: taken as the identity, derivative 1.
#[inline(always)]
pub(crate) fn next_up<T: Real>(x: T) -> Rule<T> {
    Rule::new(x.next_up(), T::one(), T::zero())
}

/// next_down x = x - one ulp: derivative 1.
#[inline(always)]
pub(crate) fn next_down<T: Real>(x: T) -> Rule<T> {
    Rule::new(x.next_down(), T::one(), T::zero())
}

/// x % y = x - y trunc(x/y): partials (1, -trunc(x/y)).
#[inline(always)]
pub(crate) fn rem<T: Real>(x: T, y: T) -> Rule2<T> {
    let z = T::zero();
    let f0 = x % y;
    if f0.is_nan() {
        // x % 0, ∞ % y: undefined, and so are its partials (NaN in every
        // part, as in `Rule::on_domain`).
        return Rule2 { f0, fx: f0, fy: f0, fxx: f0, fxy: f0, fyy: f0 };
    }
    Rule2 { f0, fx: T::one(), fy: -(x / y).trunc(), fxx: z, fxy: z, fyy: z }
}

// --- special functions and activations -----------------------------------------

/// erf x: (erf x, 2/√π e^{-x²}, -2x · 2/√π e^{-x²}).
#[inline(always)]
pub(crate) fn erf<T: Real>(x: T) -> Rule<T> {
    let f1 = T::FRAC_2_SQRT_PI() * (-x * x).exp();
    Rule::new(x.erf(), f1, -c::<T>(2.0) * x * f1)
}

/// erfc x = 1 - erf x.
#[inline(always)]
pub(crate) fn erfc<T: Real>(x: T) -> Rule<T> {
    let f1 = T::FRAC_2_SQRT_PI() * (-x * x).exp();
    Rule::new(x.erfc(), -f1, c::<T>(2.0) * x * f1)
}

/// Γ(x): (Γ, Γψ, Γ(ψ² + ψ₁)).
#[inline(always)]
pub(crate) fn gamma<T: Real>(x: T) -> Rule<T> {
    let g = x.gamma();
    let psi = x.digamma();
    Rule::on_domain(g, g * psi, g * (psi * psi + x.polygamma(1)))
}

/// ln|Γ(x)|: (ln|Γ|, ψ, ψ₁).
#[inline(always)]
pub(crate) fn ln_gamma<T: Real>(x: T) -> Rule<T> {
    Rule::new(x.ln_gamma(), x.digamma(), x.polygamma(1))
}

/// ψ⁽ⁿ⁾(x): (ψ⁽ⁿ⁾, ψ⁽ⁿ⁺¹⁾, ψ⁽ⁿ⁺²⁾).
#[inline(always)]
pub(crate) fn polygamma<T: Real>(x: T, n: u32) -> Rule<T> {
    Rule::new(x.polygamma(n), x.polygamma(n + 1), x.polygamma(n + 2))
}

/// σ' and σ'' in forms that keep their relative accuracy in both tails:
/// with e = e^{-|x|}, σ' = e/(1 + e)² and σ'' = ±σ' (e - 1)/(1 + e) (sign of
/// -x), where e - 1 is `exp_m1`.
#[inline(always)]
fn logistic_slopes<T: Real>(x: T) -> (T, T) {
    let e = (-x.abs()).exp();
    let d = T::one() + e;
    let f1 = e / (d * d);
    let f2 = f1 * (-x.abs()).exp_m1() / d;
    (f1, if x < T::zero() { -f2 } else { f2 })
}

/// σ(x) = 1/(1 + e⁻ˣ): (σ, σ(1-σ), σ(1-σ)(1-2σ)).
#[inline(always)]
pub(crate) fn sigmoid<T: Real>(x: T) -> Rule<T> {
    let (f1, f2) = logistic_slopes(x);
    Rule::new(x.sigmoid(), f1, f2)
}

/// softplus(x) = ln(1 + eˣ): (softplus, σ, σ(1-σ)).
#[inline(always)]
pub(crate) fn softplus<T: Real>(x: T) -> Rule<T> {
    Rule::new(x.softplus(), x.sigmoid(), logistic_slopes(x).0)
}
