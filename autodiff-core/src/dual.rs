//! [`Dual`]: a value and its first derivative.

use core::fmt;
use core::ops::{Add, Div, Mul, Neg, Sub};

use crate::number::{impl_number, times, ChainRule, DualNumber};
use crate::rules::{Rule, Rule2};
use crate::Real;

/// A dual number `re + eps·ε` with ε² = 0: a value and its first derivative.
///
/// Evaluating `f` at `x + 1ε` gives `f(x) + f'(x)ε`, so the derivative comes
/// out exactly, to rounding, with no step size to choose:
///
/// ```
/// use autodiff_core::{Dual64, Float};
///
/// // (3 + ε)² = 9 + 6ε, so d(x²)/dx at 3 is 6.
/// let x = Dual64::variable(3.0);
/// assert_eq!(x * x, Dual64::new(9.0, 6.0));
/// assert_eq!((x * x).eps, 6.0);
///
/// let y = x.sin() * x.exp();
/// assert_eq!(y.eps, 3.0f64.cos() * 3.0f64.exp() + 3.0f64.sin() * 3.0f64.exp());
/// ```
///
/// `T` may itself be a dual number: `Dual<Dual64>` carries second
/// derivatives, and keeps nested derivatives apart (see
/// [`derivative`](crate::derivative)).
#[derive(Clone, Copy, Debug, Default)]
pub struct Dual<T> {
    /// The value.
    pub re: T,
    /// The first derivative.
    pub eps: T,
}

/// A [`Dual`] over `f64`.
pub type Dual64 = Dual<f64>;
/// A [`Dual`] over `f32`.
pub type Dual32 = Dual<f32>;

impl<T: Real> Dual<T> {
    /// The dual number `re + eps·ε`.
    ///
    /// ```
    /// use autodiff_core::Dual64;
    /// let x = Dual64::new(1.5, 2.0);
    /// assert_eq!(x.to_string(), "1.5 + 2ε");
    /// ```
    #[inline]
    pub fn new(re: T, eps: T) -> Self {
        Dual { re, eps }
    }

    /// The variable to differentiate with respect to: `x + 1ε`.
    ///
    /// ```
    /// use autodiff_core::Dual64;
    /// assert_eq!(Dual64::variable(2.0).eps, 1.0);
    /// ```
    #[inline]
    pub fn variable(x: T) -> Self {
        Dual { re: x, eps: T::one() }
    }

    /// A constant: `x + 0ε`.
    ///
    /// ```
    /// use autodiff_core::Dual64;
    /// assert_eq!(Dual64::constant(2.0).eps, 0.0);
    /// ```
    #[inline]
    pub fn constant(x: T) -> Self {
        Dual { re: x, eps: T::zero() }
    }
}

impl<T: Real> From<T> for Dual<T> {
    /// The constant `x + 0ε`.
    #[inline]
    fn from(x: T) -> Self {
        Dual::constant(x)
    }
}

impl<T: Real> DualNumber<T> for Dual<T> {
    const ORDER: u32 = 1;

    #[inline]
    fn re(&self) -> T {
        self.re
    }
    #[inline]
    fn from_re(re: T) -> Self {
        Dual::constant(re)
    }
    #[inline]
    fn is_constant(&self) -> bool {
        self.eps.is_zero_in_every_part()
    }
    #[inline]
    fn map_parts(self, f: impl Fn(T) -> T) -> Self {
        Dual { re: f(self.re), eps: f(self.eps) }
    }
    #[inline]
    fn shift(self, c: T) -> Self {
        Dual { re: self.re + c, eps: self.eps }
    }
    #[inline]
    fn all_parts(&self, other: &Self, mut pred: impl FnMut(&T, &T) -> bool) -> bool {
        pred(&self.re, &other.re) && pred(&self.eps, &other.eps)
    }
    // (a + a'ε)(b + b'ε) = ab + (ab' + a'b)ε, each product zero-wins.
    #[inline(always)]
    fn zero_wins_product(self, other: Self) -> Self {
        Dual {
            re: self.re.zero_wins_mul(other.re),
            eps: self.re.zero_wins_mul(other.eps) + self.eps.zero_wins_mul(other.re),
        }
    }
    /// `Var<Dual<f64>>`, forward over reverse, has a store of its own.
    #[inline(always)]
    fn with_own_tapes<R>(f: impl FnOnce(&mut crate::tape::TapeStore<Self>) -> R) -> R {
        T::with_dual_tapes(f)
    }
}

impl<T: Real> ChainRule<T> for Dual<T> {
    // f(a + a'ε) = f(a) + f'(a)a'ε
    #[inline]
    fn chain(self, f: Rule<T>) -> Self {
        Dual { re: f.f0, eps: times(f.f1, self.eps) }
    }
    // f(a + a'ε, b + b'ε) = f + (fₓa' + f_y b')ε
    #[inline]
    fn chain2(self, other: Self, f: Rule2<T>) -> Self {
        Dual { re: f.f0, eps: times(f.fx, self.eps) + times(f.fy, other.eps) }
    }
}

// (a + a'ε) + (b + b'ε) = (a + b) + (a' + b')ε
impl<T: Real> Add for Dual<T> {
    type Output = Self;
    #[inline]
    fn add(self, rhs: Self) -> Self {
        Dual { re: self.re + rhs.re, eps: self.eps + rhs.eps }
    }
}

// (a + a'ε) - (b + b'ε) = (a - b) + (a' - b')ε
impl<T: Real> Sub for Dual<T> {
    type Output = Self;
    #[inline]
    fn sub(self, rhs: Self) -> Self {
        Dual { re: self.re - rhs.re, eps: self.eps - rhs.eps }
    }
}

// (a + a'ε)(b + b'ε) = ab + (a'b + ab')ε
impl<T: Real> Mul for Dual<T> {
    type Output = Self;
    #[inline]
    fn mul(self, rhs: Self) -> Self {
        // Each term is 0 where its derivative part is, even beside ∞: a
        // product of constants stays constant (∞·2 has derivative 0). No
        // branch: the selects vectorize with the arithmetic.
        Dual { re: self.re * rhs.re, eps: times(rhs.re, self.eps) + times(self.re, rhs.eps) }
    }
}

// (a + a'ε)/(b + b'ε) = a/b + (a' - (a/b)b')/b ε
impl<T: Real> Div for Dual<T> {
    type Output = Self;
    #[inline]
    fn div(self, rhs: Self) -> Self {
        // As the product: 1/0 of constants is ∞ with derivative 0.
        let re = self.re / rhs.re;
        let inv = rhs.re.recip();
        Dual { re, eps: times(inv, self.eps - times(re, rhs.eps)) }
    }
}

// -(a + a'ε) = -a - a'ε
impl<T: Real> Neg for Dual<T> {
    type Output = Self;
    #[inline]
    fn neg(self) -> Self {
        Dual { re: -self.re, eps: -self.eps }
    }
}

impl_number!([T: Real] Dual<T>);

impl<T: Real> fmt::Display for Dual<T> {
    /// `1.5 + 2ε`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = f.precision();
        write!(f, "{} + {}ε", crate::display::Part(&self.re, p), crate::display::Part(&self.eps, p))
    }
}
