//! [`DualVec`]: a value and its gradient with respect to N inputs.

use core::fmt;
use core::ops::{Add, Div, Mul, Neg, Sub};

use crate::number::{
    impl_number, nonfinite_product, nonfinite_quotient, quotient_part, times, ChainRule, DualNumber,
};
use crate::rules::{Rule, Rule2};
use crate::Real;

/// A value and its partial derivatives with respect to `N` inputs:
/// `re + Σᵢ eps[i]·εᵢ` with every εᵢεⱼ = 0.
///
/// Seeding input `i` with the unit vector `eᵢ` (see [`DualVec::variable`])
/// gives the whole gradient, or a whole row of a Jacobian, in one
/// evaluation. The [`gradient`](crate::gradient) and
/// [`jacobian`](crate::jacobian) drivers do this for you.
///
/// ```
/// use autodiff_core::{DualVec64, Float};
///
/// let x = DualVec64::<2>::variable(1.0, 0);
/// let y = DualVec64::<2>::variable(2.0, 1);
/// let f = x * y.exp(); // ∇f = (e^y, x e^y)
/// let e2 = 2.0f64.exp();
/// assert_eq!(f.eps, [e2, e2]);
/// ```
#[derive(Clone, Copy, Debug)]
pub struct DualVec<T, const N: usize> {
    /// The value.
    pub re: T,
    /// The partial derivatives.
    pub eps: [T; N],
}

/// A [`DualVec`] over `f64`.
pub type DualVec64<const N: usize> = DualVec<f64, N>;
/// A [`DualVec`] over `f32`.
pub type DualVec32<const N: usize> = DualVec<f32, N>;

impl<T: Real, const N: usize> DualVec<T, N> {
    /// The number with value `re` and partial derivatives `eps`.
    ///
    /// ```
    /// use autodiff_core::DualVec64;
    /// assert_eq!(DualVec64::new(1.5, [2.0, 0.0]).to_string(), "1.5 + [2, 0]ε");
    /// ```
    #[inline]
    pub fn new(re: T, eps: [T; N]) -> Self {
        DualVec { re, eps }
    }

    /// Input number `i` of `N`: value `x`, partial derivative 1 with respect
    /// to itself and 0 to the others. An `i` of `N` or more gives a constant.
    ///
    /// ```
    /// use autodiff_core::DualVec64;
    /// assert_eq!(DualVec64::<3>::variable(5.0, 1).eps, [0.0, 1.0, 0.0]);
    /// ```
    #[inline]
    pub fn variable(x: T, i: usize) -> Self {
        let mut eps = [T::zero(); N];
        if let Some(e) = eps.get_mut(i) {
            *e = T::one();
        }
        DualVec { re: x, eps }
    }

    /// A constant: every partial derivative 0.
    #[inline]
    pub fn constant(x: T) -> Self {
        DualVec { re: x, eps: [T::zero(); N] }
    }
}

impl<T: Real, const N: usize> Default for DualVec<T, N> {
    /// Zero.
    fn default() -> Self {
        DualVec::constant(T::zero())
    }
}

impl<T: Real, const N: usize> From<T> for DualVec<T, N> {
    /// The constant `x`.
    #[inline]
    fn from(x: T) -> Self {
        DualVec::constant(x)
    }
}

/// `[f(a[i], b[i]); N]`, written in place over a copy of `a`: a plain loop
/// stays inlined and vectorized for any N, where `array::from_fn` stops being
/// inlined above ~20 lanes.
#[inline(always)]
fn zip<T: Copy, const N: usize>(a: [T; N], b: [T; N], f: impl Fn(T, T) -> T) -> [T; N] {
    let mut out = a;
    for (o, bi) in out.iter_mut().zip(b) {
        *o = f(*o, bi);
    }
    out
}

/// `[f(a[i]); N]`, in place over a copy of `a` (see [`zip`]).
#[inline(always)]
fn map<T: Copy, const N: usize>(a: [T; N], f: impl Fn(T) -> T) -> [T; N] {
    let mut out = a;
    for o in out.iter_mut() {
        *o = f(*o);
    }
    out
}

impl<T: Real, const N: usize> DualNumber<T> for DualVec<T, N> {
    const ORDER: u32 = 1;

    #[inline(always)]
    fn re(&self) -> T {
        self.re
    }
    #[inline(always)]
    fn from_re(re: T) -> Self {
        DualVec::constant(re)
    }
    #[inline(always)]
    fn is_constant(&self) -> bool {
        self.eps.iter().all(|e| e.is_zero_in_every_part())
    }
    #[inline(always)]
    fn map_parts(self, f: impl Fn(T) -> T) -> Self {
        DualVec { re: f(self.re), eps: map(self.eps, f) }
    }
    #[inline(always)]
    fn shift(self, c: T) -> Self {
        DualVec { re: self.re + c, eps: self.eps }
    }
    #[inline]
    fn all_parts(&self, other: &Self, mut pred: impl FnMut(&T, &T) -> bool) -> bool {
        pred(&self.re, &other.re) && self.eps.iter().zip(&other.eps).all(|(a, b)| pred(a, b))
    }
    // (a + Σaᵢεᵢ)(b + Σbᵢεᵢ) = ab + Σ(abᵢ + aᵢb)εᵢ, each product zero-wins.
    #[inline(always)]
    fn zero_wins_product(self, other: Self) -> Self {
        DualVec {
            re: self.re.zero_wins_mul(other.re),
            eps: core::array::from_fn(|i| {
                self.re.zero_wins_mul(other.eps[i]) + self.eps[i].zero_wins_mul(other.re)
            }),
        }
    }
}

impl<T: Real, const N: usize> ChainRule<T> for DualVec<T, N> {
    // f(a + Σ aᵢεᵢ) = f(a) + Σ f'(a)aᵢεᵢ
    #[inline(always)]
    fn chain(self, f: Rule<T>) -> Self {
        DualVec { re: f.f0, eps: map(self.eps, |e| times(f.f1, e)) }
    }
    // f(a, b) = f + Σ (fₓaᵢ + f_y bᵢ)εᵢ
    #[inline(always)]
    fn chain2(self, other: Self, f: Rule2<T>) -> Self {
        DualVec { re: f.f0, eps: zip(self.eps, other.eps, |a, b| times(f.fx, a) + times(f.fy, b)) }
    }
}

// (a + Σaᵢεᵢ) + (b + Σbᵢεᵢ) = (a + b) + Σ(aᵢ + bᵢ)εᵢ
impl<T: Real, const N: usize> Add for DualVec<T, N> {
    type Output = Self;
    #[inline(always)]
    fn add(self, rhs: Self) -> Self {
        DualVec { re: self.re + rhs.re, eps: zip(self.eps, rhs.eps, |a, b| a + b) }
    }
}

// (a + Σaᵢεᵢ) - (b + Σbᵢεᵢ) = (a - b) + Σ(aᵢ - bᵢ)εᵢ
impl<T: Real, const N: usize> Sub for DualVec<T, N> {
    type Output = Self;
    #[inline(always)]
    fn sub(self, rhs: Self) -> Self {
        DualVec { re: self.re - rhs.re, eps: zip(self.eps, rhs.eps, |a, b| a - b) }
    }
}

// (a + Σaᵢεᵢ)(b + Σbᵢεᵢ) = ab + Σ(aᵢb + abᵢ)εᵢ
impl<T: Real, const N: usize> Mul for DualVec<T, N> {
    type Output = Self;
    #[inline(always)]
    fn mul(self, rhs: Self) -> Self {
        let (a, b) = (self.re, rhs.re);
        let ab = a * b;
        if let Some(p) = nonfinite_product(self, rhs, ab) {
            return p;
        }
        DualVec { re: ab, eps: zip(self.eps, rhs.eps, |ai, bi| ai * b + a * bi) }
    }
}

// (a + Σaᵢεᵢ)/(b + Σbᵢεᵢ) = a/b + Σ(aᵢ - (a/b)bᵢ)/b εᵢ
impl<T: Real, const N: usize> Div for DualVec<T, N> {
    type Output = Self;
    #[inline(always)]
    fn div(self, rhs: Self) -> Self {
        let b = rhs.re;
        let q = self.re / b;
        if let Some(d) = nonfinite_quotient(self, rhs, q) {
            return d;
        }
        DualVec { re: q, eps: zip(self.eps, rhs.eps, |ai, bi| quotient_part(ai - q * bi, b)) }
    }
}

// -(a + Σaᵢεᵢ) = -a - Σaᵢεᵢ
impl<T: Real, const N: usize> Neg for DualVec<T, N> {
    type Output = Self;
    #[inline(always)]
    fn neg(self) -> Self {
        DualVec { re: -self.re, eps: map(self.eps, |e| -e) }
    }
}

impl_number!([T: Real, const N: usize] DualVec<T, N>);

impl<T: Real, const N: usize> fmt::Display for DualVec<T, N> {
    /// `1.5 + [2, 0]ε`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::display::{write_list, Part};
        let p = f.precision();
        write!(f, "{} + ", Part(&self.re, p))?;
        write_list(f, &self.eps, p)?;
        f.write_str("ε")
    }
}
