//! `Float` and [`Real`] for [`Jet`]: every elementary function by its
//! Taylor recurrence (Griewank & Walther, *Evaluating Derivatives*, 2nd ed.,
//! ch. 13, table 13.2).
//!
//! Notation: the argument is x(t) = x₀ + x₁t + …, the result y = f(x). Most
//! functions satisfy y' = x'·d with d algebraic in x or in y ("integrate the
//! derivative", [`integrate`]): y₀ = f(x₀) and yₖ = (1/k) Σⱼ₌₁..ₖ j xⱼ dₖ₋ⱼ,
//! where d is a jet computed first (1/(1 + x²) for atan) or built from y as
//! it grows (y for exp, 1 + y² for tan). Logarithms, roots and powers solve
//! their defining identity (e^y = x, y² = x, x y' = p x' y) for the next
//! coefficient. Where neither works (the gamma family; powers at x₀ = 0 or
//! ±∞) the Taylor coefficients of f at x₀ are composed with x − x₀
//! ([`compose`]). Every function is O(K²) except those compositions, O(K³).
//!
//! As for the other number types:
//! - the value c₀ is exactly the inner type's function of x₀;
//! - a coefficient of x that is zero contributes zero even where the
//!   derivative is infinite or NaN, so a constant stays a constant through
//!   every function (`sqrt` of a constant 0 has zero higher coefficients);
//! - comparisons and selections (`max`, `min`, `clamp`, `copysign`, the
//!   predicates) look at the value only; ties return the second argument.

use core::num::FpCategory;

use num_traits::{Float, One};

use crate::jet::{cauchy, Jet};
use crate::number::{quotient_part, times, DualNumber};
use crate::{rules, Real};

/// `k` in `T`.
#[inline(always)]
fn n<T: Real>(k: usize) -> T {
    T::cst(k as f64)
}

/// `num/d` for the next coefficient of a recurrence, exactly 0 when `num` is
/// 0 (even where `d` is 0 or NaN).
#[inline(always)]
fn ratio<T: Real>(num: T, d: T) -> T {
    if num.is_zero_in_every_part() {
        T::zero()
    } else {
        quotient_part(num, d)
    }
}

/// The coefficients of x'(t): (j + 1)·xⱼ₊₁ (the last one, beyond the
/// order, is 0).
#[inline(always)]
fn slope<T: Real, const K: usize>(x: &[T; K]) -> [T; K] {
    core::array::from_fn(|j| if j + 1 < K { n::<T>(j + 1) * x[j + 1] } else { T::zero() })
}

/// Solves y' = x'·d from y₀: yₖ = (1/k) Σᵢ₌₀..ₖ₋₁ (x')ᵢ dₖ₋₁₋ᵢ. `d(y, m)`
/// gives dₘ; it is called for m = 0, 1, … in turn, once y₀..yₘ are known,
/// so d may be built from y itself.
#[inline(always)]
fn integrate<T: Real, const K: usize>(
    x: &[T; K],
    y0: T,
    mut d: impl FnMut(&[T; K], usize) -> T,
) -> [T; K] {
    let dx = slope(x);
    let mut y = [T::zero(); K];
    let mut dm = [T::zero(); K];
    y[0] = y0;
    for k in 1..K {
        dm[k - 1] = d(&y, k - 1);
        let mut s = times(dm[k - 1], dx[0]);
        for i in 1..k {
            s += times(dm[k - 1 - i], dx[i]);
        }
        y[k] = s / n(k);
    }
    y
}

/// (sin, cos) from (s₀, c₀): s' = c x', c' = -s x'; with `hyperbolic`,
/// (sinh, cosh): s' = c x', c' = s x'.
#[inline(always)]
fn sin_cos_series<T: Real, const K: usize>(
    x: &[T; K],
    (s0, c0): (T, T),
    hyperbolic: bool,
) -> ([T; K], [T; K]) {
    let dx = slope(x);
    let (mut s, mut c) = ([T::zero(); K], [T::zero(); K]);
    (s[0], c[0]) = (s0, c0);
    for k in 1..K {
        let (mut ss, mut cc) = (T::zero(), T::zero());
        for i in 0..k {
            ss += times(c[k - 1 - i], dx[i]);
            cc += times(s[k - 1 - i], dx[i]);
        }
        s[k] = ss / n(k);
        c[k] = if hyperbolic { cc / n(k) } else { -cc / n(k) };
    }
    (s, c)
}

/// y = ln u from y₀ and u₀, where u's other coefficients are x's (u = x or
/// 1 + x): u y' = u', so yₖ = (uₖ − (1/k) Σⱼ₌₁..ₖ₋₁ j yⱼ uₖ₋ⱼ)/u₀.
#[inline(always)]
fn log_series<T: Real, const K: usize>(x: &[T; K], y0: T, u0: T) -> [T; K] {
    let mut y = [T::zero(); K];
    y[0] = y0;
    for k in 1..K {
        let mut s = T::zero();
        for j in 1..k {
            s += times(y[j] * n(j), x[k - j]);
        }
        y[k] = ratio(x[k] - s / n(k), u0);
    }
    y
}

/// y = √x from y₀: y² = x, so yₖ = (xₖ − Σⱼ₌₁..ₖ₋₁ yⱼ yₖ₋ⱼ)/(2y₀).
#[inline(always)]
fn sqrt_series<T: Real, const K: usize>(x: &[T; K], y0: T) -> [T; K] {
    let two_y0 = y0 + y0;
    let mut y = [T::zero(); K];
    y[0] = y0;
    for k in 1..K {
        let mut s = x[k];
        for j in 1..k {
            s -= y[j] * y[k - j];
        }
        y[k] = ratio(s, two_y0);
    }
    y
}

/// y = xᵖ for a constant p from y₀, x₀ ≠ 0 finite: x y' = p x' y, so
/// yₖ = Σⱼ₌₀..ₖ₋₁ (p(k − j) − j) xₖ₋ⱼ yⱼ / (k x₀). For an integer p the
/// coefficients beyond the p-th are exactly 0.
#[inline(always)]
fn power_series<T: Real, const K: usize>(x: &[T; K], p: T, y0: T) -> [T; K] {
    let mut y = [T::zero(); K];
    y[0] = y0;
    for k in 1..K {
        let mut s = T::zero();
        for j in 0..k {
            s += times(times(y[j], p * n(k - j) - n(j)), x[k - j]);
        }
        y[k] = ratio(s, x[0]) / n(k);
    }
    y
}

/// f(x(t)) from the Taylor coefficients a of f at x₀ (aₖ = f⁽ᵏ⁾(x₀)/k!):
/// Σₖ aₖ hᵏ with h = x − x₀, accumulating the powers of h (hᵏ starts at
/// tᵏ). O(K³/6). A zero coefficient of hᵏ contributes 0 even where aₖ is
/// infinite.
fn compose<T: Real, const K: usize>(x: &[T; K], a: &[T; K]) -> [T; K] {
    let mut y = [T::zero(); K];
    y[0] = a[0];
    let mut h = *x;
    h[0] = T::zero();
    let mut p = h;
    for (k, &ak) in a.iter().enumerate().skip(1) {
        for m in k..K {
            y[m] += times(ak, p[m]);
        }
        // p ← p·h; p is O(tᵏ) and h is O(t).
        let mut next = [T::zero(); K];
        for m in k + 1..K {
            for i in k..m {
                next[m] += times(p[i], h[m - i]);
            }
        }
        p = next;
    }
    y
}

/// xᵖ composed from its Taylor coefficients at x₀, C(p, k)·x₀^(p−k), with
/// `pow(k)` = x₀^(p−k): where the recurrence divides by x₀ = ±0 or ±∞. A
/// zero binomial coefficient (k > p for an integer p) gives 0, not 0·∞.
/// The value is `y0`.
fn power_composed<T: Real, const K: usize>(
    x: &[T; K],
    p: T,
    y0: T,
    pow: impl Fn(usize) -> T,
) -> [T; K] {
    let mut a = [T::zero(); K];
    a[0] = y0;
    let mut binomial = T::one();
    for (k, ak) in a.iter_mut().enumerate().skip(1) {
        binomial = binomial * (p - n(k - 1)) / n(k);
        *ak = times(pow(k), binomial);
    }
    compose(x, &a)
}

impl<T: Real, const K: usize> Jet<T, K> {
    /// `y' = x'·d` for a jet `d` given in full, with value `y0`.
    #[inline(always)]
    fn integrate_with(self, y0: T, d: Self) -> Self {
        self.in_domain(Jet { c: integrate(&self.c, y0, |_, m| d.c[m]) })
    }

    /// `y` = f(self), except that outside f's domain (the value is NaN) the
    /// coefficients are NaN too from the first one that x moves in, as the
    /// other types' rules do: `ln(-1)` never reports a finite slope, and a
    /// constant stays a constant.
    #[inline(always)]
    fn in_domain(self, mut y: Self) -> Self {
        if y.re().is_nan() {
            if let Some(first) = self.c.iter().skip(1).position(|p| !p.is_zero_in_every_part()) {
                for yk in &mut y.c[first + 1..] {
                    *yk = T::nan();
                }
            }
        }
        y
    }

    /// The largest magnitude among the coefficients of `self` and `other`:
    /// the scale that keeps their squares from overflowing.
    #[inline(always)]
    fn largest(&self, other: &Self) -> T {
        self.c.iter().chain(&other.c).fold(T::zero(), |m, p| m.max(p.abs()))
    }

    /// Divides every coefficient by `h`.
    #[inline(always)]
    fn div_by(self, h: T) -> Self {
        self.map_parts(|p| p / h)
    }

    /// xᵖ for a constant exponent. x⁰ is the constant 1 everywhere (0
    /// included), x¹ is x; at x₀ = 0 (and ±∞) the coefficients are
    /// C(p, k)·x₀^(p−k): at 0 the slope is 0 for p > 1, 1 for p = 1, +∞ for
    /// 0 < p < 1.
    pub(crate) fn powf_const(self, p: T) -> Self {
        if p.is_zero_in_every_part() {
            return Self::one();
        }
        if p.is_one_in_every_part() {
            return self;
        }
        let x0 = self.re();
        let y0 = x0.powf(p);
        let c = if x0 == T::zero() || x0.is_infinite() {
            power_composed(&self.c, p, y0, |k| x0.powf(p - n(k)))
        } else {
            power_series(&self.c, p, y0)
        };
        Jet { c }
    }
}

#[deny(unconditional_recursion)]
impl<T: Real, const K: usize> Float for Jet<T, K> {
    crate::float::constants!(
        nan infinity neg_infinity neg_zero min_value min_positive_value epsilon max_value
    );
    crate::float::predicates!(
        is_nan is_infinite is_finite is_normal is_subnormal is_sign_positive is_sign_negative
    );

    fn classify(self) -> FpCategory {
        self.re().classify()
    }
    fn integer_decode(self) -> (u64, i16, i8) {
        self.re().integer_decode()
    }

    // Piecewise constant: every coefficient but the value is 0.
    fn floor(self) -> Self {
        Jet::constant(self.re().floor())
    }
    fn ceil(self) -> Self {
        Jet::constant(self.re().ceil())
    }
    fn round(self) -> Self {
        Jet::constant(self.re().round())
    }
    fn trunc(self) -> Self {
        Jet::constant(self.re().trunc())
    }
    fn signum(self) -> Self {
        Jet::constant(self.re().signum())
    }
    /// x − trunc x: slope 1.
    fn fract(self) -> Self {
        self.in_domain(self.with_value(self.re().fract()))
    }
    /// Slope `signum`: +1 at `+0.0`, −1 at `-0.0`; no curvature.
    fn abs(self) -> Self {
        let s = self.re().signum();
        self.in_domain(self.map_parts(|p| times(s, p)).with_value(self.re().abs()))
    }

    /// q·x = 1: qₖ = −(Σⱼ₌₁..ₖ xⱼ qₖ₋ⱼ)/x₀.
    fn recip(self) -> Self {
        let x = &self.c;
        let mut q = [T::zero(); K];
        q[0] = x[0].recip();
        for k in 1..K {
            let mut s = T::zero();
            for j in 1..=k {
                s -= times(q[k - j], x[j]);
            }
            q[k] = ratio(s, x[0]);
        }
        Jet { c: q }
    }
    fn sqrt(self) -> Self {
        Jet { c: sqrt_series(&self.c, self.re().sqrt()) }
    }
    fn cbrt(self) -> Self {
        let (x0, third) = (self.re(), T::cst(1.0 / 3.0));
        let y0 = x0.cbrt();
        let c = if x0 == T::zero() || x0.is_infinite() {
            power_composed(&self.c, third, y0, |k| x0.powf(third - n(k)))
        } else {
            power_series(&self.c, third, y0)
        };
        Jet { c }
    }
    fn powi(self, n: i32) -> Self {
        match n {
            0 => Self::one(),
            1 => self,
            _ => {
                let (x0, p) = (self.re(), T::cst(f64::from(n)));
                let y0 = x0.powi(n);
                let c = if x0 == T::zero() || x0.is_infinite() {
                    power_composed(&self.c, p, y0, |k| x0.powi(n.saturating_sub(k as i32)))
                } else {
                    power_series(&self.c, p, y0)
                };
                Jet { c }
            }
        }
    }
    /// xʸ. A constant exponent uses the power recurrence; otherwise
    /// xʸ = e^(y ln x) with value `x₀.powf(y₀)`. At x₀ = 0 with y₀ > 0 the
    /// ln x term is dropped: the exponent's variation contributes nothing.
    fn powf(self, p: Self) -> Self {
        let (x0, p0) = (self.re(), p.re());
        if p.is_constant() || (x0 == T::zero() && p0 > T::zero()) {
            return self.powf_const(p0);
        }
        let u = p * self.ln();
        Jet { c: integrate(&u.c, x0.powf(p0), |y, m| y[m]) }
    }

    fn exp(self) -> Self {
        Jet { c: integrate(&self.c, self.re().exp(), |y, m| y[m]) }
    }
    fn exp2(self) -> Self {
        Jet { c: integrate(&self.c, self.re().exp2(), |y, m| y[m] * T::LN_2()) }
    }
    fn exp_m1(self) -> Self {
        self.exp().with_value(self.re().exp_m1())
    }
    fn ln(self) -> Self {
        self.in_domain(Jet { c: log_series(&self.c, self.re().ln(), self.re()) })
    }
    fn log(self, base: Self) -> Self {
        self.ln() / base.ln()
    }
    fn log2(self) -> Self {
        let ln = Jet { c: log_series(&self.c, T::zero(), self.re()) };
        self.in_domain(ln.map_parts(|p| p / T::LN_2()).with_value(self.re().log2()))
    }
    fn log10(self) -> Self {
        let ln = Jet { c: log_series(&self.c, T::zero(), self.re()) };
        self.in_domain(ln.map_parts(|p| p / T::LN_10()).with_value(self.re().log10()))
    }
    fn ln_1p(self) -> Self {
        let x0 = self.re();
        self.in_domain(Jet { c: log_series(&self.c, x0.ln_1p(), x0 + T::one()) })
    }

    fn sin(self) -> Self {
        self.sin_cos().0
    }
    fn cos(self) -> Self {
        self.sin_cos().1
    }
    fn sin_cos(self) -> (Self, Self) {
        let (s, c) = sin_cos_series(&self.c, self.re().sin_cos(), false);
        (Jet { c: s }, Jet { c })
    }
    /// tan' = 1 + tan².
    fn tan(self) -> Self {
        let d = |y: &[T; K], m| {
            let s = cauchy(y, y, m);
            if m == 0 {
                T::one() + s
            } else {
                s
            }
        };
        Jet { c: integrate(&self.c, self.re().tan(), d) }
    }
    /// asin' = 1/√(1 − x²).
    fn asin(self) -> Self {
        let d = (Self::one() - self * self).sqrt().recip();
        self.integrate_with(self.re().asin(), d)
    }
    /// acos' = −1/√(1 − x²).
    fn acos(self) -> Self {
        let d = -(Self::one() - self * self).sqrt().recip();
        self.integrate_with(self.re().acos(), d)
    }
    /// atan' = 1/(1 + x²).
    fn atan(self) -> Self {
        let d = (Self::one() + self * self).recip();
        self.integrate_with(self.re().atan(), d)
    }
    /// atan2(y, x)' = (x y' − y x')/(x² + y²), computed on y and x scaled
    /// by their largest coefficient (no overflow). At the origin every coefficient but the
    /// value is 0 (the derivative is undefined there).
    fn atan2(self, other: Self) -> Self {
        let (y0, x0) = (self.re(), other.re());
        let h = y0.hypot(x0);
        if h.is_zero_in_every_part() || (self.is_constant() && other.is_constant()) {
            return Jet::constant(y0.atan2(x0));
        }
        let m = self.largest(&other);
        let (v, u) = (self.div_by(m), other.div_by(m));
        let (du, dv) = (Jet { c: slope(&u.c) }, Jet { c: slope(&v.c) });
        let q = (u * dv - v * du) / (u * u + v * v);
        let mut y = [T::zero(); K];
        y[0] = y0.atan2(x0);
        for (k, yk) in y.iter_mut().enumerate().skip(1) {
            *yk = q.c[k - 1] / n(k);
        }
        Jet { c: y }
    }

    fn sinh(self) -> Self {
        let x0 = self.re();
        Jet { c: sin_cos_series(&self.c, (x0.sinh(), x0.cosh()), true).0 }
    }
    fn cosh(self) -> Self {
        let x0 = self.re();
        Jet { c: sin_cos_series(&self.c, (x0.sinh(), x0.cosh()), true).1 }
    }
    /// tanh' = 1 − tanh², its value taken from the rule that keeps its
    /// accuracy in the tails.
    fn tanh(self) -> Self {
        let x0 = self.re();
        let d0 = rules::tanh(x0).f1;
        let d = |y: &[T; K], m| if m == 0 { d0 } else { -cauchy(y, y, m) };
        Jet { c: integrate(&self.c, x0.tanh(), d) }
    }
    /// asinh' = 1/√(x² + 1).
    fn asinh(self) -> Self {
        let d = (self * self + Self::one()).sqrt().recip();
        self.integrate_with(self.re().asinh(), d)
    }
    /// acosh' = 1/√(x² − 1).
    fn acosh(self) -> Self {
        let d = (self * self - Self::one()).sqrt().recip();
        self.integrate_with(self.re().acosh(), d)
    }
    /// atanh' = 1/(1 − x²).
    fn atanh(self) -> Self {
        let d = (Self::one() - self * self).recip();
        self.integrate_with(self.re().atanh(), d)
    }

    /// √(x² + y²), computed on x and y scaled by their largest coefficient
    /// (no overflow, and no loss when the value is subnormal).
    /// At the origin every coefficient but the value is 0.
    fn hypot(self, other: Self) -> Self {
        let h = self.re().hypot(other.re());
        if h.is_zero_in_every_part() || (self.is_constant() && other.is_constant()) {
            return Jet::constant(h);
        }
        let m = self.largest(&other);
        let (u, v) = (self.div_by(m), other.div_by(m));
        let s = u * u + v * v;
        Jet { c: sqrt_series(&s.c, h / m) }.scale(m).with_value(h)
    }
    fn mul_add(self, a: Self, b: Self) -> Self {
        self * a + b
    }
    fn to_degrees(self) -> Self {
        self * (180.0 / core::f64::consts::PI)
    }
    fn to_radians(self) -> Self {
        self * (core::f64::consts::PI / 180.0)
    }

    crate::float::selections!();
}

impl<T: Real, const K: usize> Real for Jet<T, K> {
    #[inline]
    fn cst(x: f64) -> Self {
        Jet::constant(T::cst(x))
    }
    #[inline]
    fn is_zero_in_every_part(&self) -> bool {
        self.c.iter().all(|p| p.is_zero_in_every_part())
    }
    #[inline]
    fn derivative_order() -> u32 {
        <Self as DualNumber<T>>::ORDER + T::derivative_order()
    }
    /// erf' = 2/√π e^(−x²).
    fn erf(self) -> Self {
        let d = (-self * self).exp().scale(T::FRAC_2_SQRT_PI());
        self.integrate_with(self.re().erf(), d)
    }
    /// erfc' = −2/√π e^(−x²).
    fn erfc(self) -> Self {
        let d = (-self * self).exp().scale(-T::FRAC_2_SQRT_PI());
        self.integrate_with(self.re().erfc(), d)
    }
    /// Γ = Γ(x₀)·e^(ln|Γ(x)| − ln|Γ(x₀)|): the exponential recurrence on
    /// the jet of `ln_gamma`, started at the value Γ(x₀) (sign included).
    fn gamma(self) -> Self {
        let l = self.ln_gamma();
        Jet { c: integrate(&l.c, self.re().gamma(), |y, m| y[m]) }
    }
    /// Composed from its derivatives at x₀, ln|Γ|⁽ᵏ⁾ = ψ⁽ᵏ⁻¹⁾.
    fn ln_gamma(self) -> Self {
        let x0 = self.re();
        let mut a = [T::zero(); K];
        a[0] = x0.ln_gamma();
        let mut factorial = T::one();
        for (k, ak) in a.iter_mut().enumerate().skip(1) {
            factorial *= n(k);
            *ak = x0.polygamma(k as u32 - 1) / factorial;
        }
        Jet { c: compose(&self.c, &a) }
    }
    /// Composed from its derivatives at x₀, ψ⁽ⁿ⁺ᵏ⁾.
    fn polygamma(self, order: u32) -> Self {
        let x0 = self.re();
        let mut a = [T::zero(); K];
        a[0] = x0.polygamma(order);
        let mut factorial = T::one();
        for (k, ak) in a.iter_mut().enumerate().skip(1) {
            factorial *= n(k);
            *ak = x0.polygamma(order.saturating_add(k as u32)) / factorial;
        }
        Jet { c: compose(&self.c, &a) }
    }
    /// σ' = σ(1 − σ), its value taken from the rule that keeps its accuracy
    /// in the tails.
    fn sigmoid(self) -> Self {
        let x0 = self.re();
        let d0 = rules::sigmoid(x0).f1;
        let d = |y: &[T; K], m| if m == 0 { d0 } else { y[m] - cauchy(y, y, m) };
        Jet { c: integrate(&self.c, x0.sigmoid(), d) }
    }
    /// softplus' = σ.
    fn softplus(self) -> Self {
        self.integrate_with(self.re().softplus(), self.sigmoid())
    }
    /// The identity shifted by one ulp: only the value moves.
    fn next_up(self) -> Self {
        let mut y = self;
        y.c[0] = self.re().next_up();
        y
    }
    /// The identity shifted down by one ulp: only the value moves.
    fn next_down(self) -> Self {
        let mut y = self;
        y.c[0] = self.re().next_down();
        y
    }
}
