//! [`HyperDual`]: first and mixed second partial derivatives in two
//! directions.

use core::fmt;
use core::ops::{Add, Div, Mul, Neg, Sub};

use crate::number::{cross, impl_number, times, with_quotient, ChainRule, DualNumber};
use crate::rules::{Rule, Rule2};
use crate::Real;

/// A hyper-dual number `re + eps1·ε₁ + eps2·ε₂ + eps1eps2·ε₁ε₂` with
/// ε₁² = ε₂² = 0: the value, two directional first derivatives and their
/// mixed second derivative.
///
/// Seeding x with ε₁ and y with ε₂ gives ∂f/∂x, ∂f/∂y and ∂²f/∂x∂y; seeding
/// the same variable with both gives f''.
///
/// ```
/// use autodiff_core::{HyperDual64, Float};
///
/// let x = HyperDual64::new(1.0, 1.0, 0.0, 0.0);
/// let y = HyperDual64::new(2.0, 0.0, 1.0, 0.0);
/// let f = x * y.exp(); // ∂x = e^y, ∂y = x e^y, ∂x∂y = e^y
/// let e2 = 2.0f64.exp();
/// assert_eq!((f.eps1, f.eps2, f.eps1eps2), (e2, e2, e2));
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct HyperDual<T> {
    /// The value.
    pub re: T,
    /// The derivative in the first direction.
    pub eps1: T,
    /// The derivative in the second direction.
    pub eps2: T,
    /// The mixed second derivative.
    pub eps1eps2: T,
}

/// A [`HyperDual`] over `f64`.
pub type HyperDual64 = HyperDual<f64>;
/// A [`HyperDual`] over `f32`.
pub type HyperDual32 = HyperDual<f32>;

impl<T: Real> HyperDual<T> {
    /// The number `re + eps1·ε₁ + eps2·ε₂ + eps1eps2·ε₁ε₂`.
    ///
    /// ```
    /// use autodiff_core::HyperDual64;
    /// let x = HyperDual64::new(1.5, 2.0, 3.0, 4.0);
    /// assert_eq!(x.to_string(), "1.5 + 2ε₁ + 3ε₂ + 4ε₁ε₂");
    /// ```
    #[inline]
    pub fn new(re: T, eps1: T, eps2: T, eps1eps2: T) -> Self {
        HyperDual { re, eps1, eps2, eps1eps2 }
    }

    /// A variable seeded in both directions, `x + ε₁ + ε₂`: any function of
    /// it carries f, f', f' and f''.
    #[inline]
    pub fn variable(x: T) -> Self {
        HyperDual { re: x, eps1: T::one(), eps2: T::one(), eps1eps2: T::zero() }
    }

    /// A constant: every derivative part 0.
    #[inline]
    pub fn constant(x: T) -> Self {
        let z = T::zero();
        HyperDual { re: x, eps1: z, eps2: z, eps1eps2: z }
    }
}

impl<T: Real> From<T> for HyperDual<T> {
    /// The constant `x`.
    #[inline]
    fn from(x: T) -> Self {
        HyperDual::constant(x)
    }
}

impl<T: Real> DualNumber<T> for HyperDual<T> {
    const ORDER: u32 = 2;

    #[inline]
    fn re(&self) -> T {
        self.re
    }
    #[inline]
    fn from_re(re: T) -> Self {
        HyperDual::constant(re)
    }
    #[inline]
    fn is_constant(&self) -> bool {
        self.eps1.is_zero_in_every_part()
            && self.eps2.is_zero_in_every_part()
            && self.eps1eps2.is_zero_in_every_part()
    }
    #[inline]
    fn map_parts(self, f: impl Fn(T) -> T) -> Self {
        HyperDual {
            re: f(self.re),
            eps1: f(self.eps1),
            eps2: f(self.eps2),
            eps1eps2: f(self.eps1eps2),
        }
    }
    #[inline]
    fn shift(self, c: T) -> Self {
        HyperDual { re: self.re + c, ..self }
    }
    #[inline]
    fn all_parts(&self, other: &Self, mut pred: impl FnMut(&T, &T) -> bool) -> bool {
        pred(&self.re, &other.re)
            && pred(&self.eps1, &other.eps1)
            && pred(&self.eps2, &other.eps2)
            && pred(&self.eps1eps2, &other.eps1eps2)
    }
}

impl<T: Real> ChainRule<T> for HyperDual<T> {
    // f(a)₁ = f'a₁, f(a)₂ = f'a₂, f(a)₁₂ = f'a₁₂ + f''a₁a₂
    #[inline]
    fn chain(self, f: Rule<T>) -> Self {
        HyperDual {
            re: f.f0,
            eps1: times(f.f1, self.eps1),
            eps2: times(f.f1, self.eps2),
            eps1eps2: times(f.f1, self.eps1eps2) + times(f.f2, self.eps1 * self.eps2),
        }
    }
    // f(a, b)₁₂ = fₓa₁₂ + f_y b₁₂ + fₓₓa₁a₂ + fₓ_y(a₁b₂ + a₂b₁) + f_yy b₁b₂
    #[inline]
    fn chain2(self, other: Self, f: Rule2<T>) -> Self {
        let (a, b) = (self, other);
        HyperDual {
            re: f.f0,
            eps1: times(f.fx, a.eps1) + times(f.fy, b.eps1),
            eps2: times(f.fx, a.eps2) + times(f.fy, b.eps2),
            eps1eps2: times(f.fx, a.eps1eps2)
                + times(f.fy, b.eps1eps2)
                + times(f.fxx, a.eps1 * a.eps2)
                + times(f.fxy, a.eps1 * b.eps2 + a.eps2 * b.eps1)
                + times(f.fyy, b.eps1 * b.eps2),
        }
    }
}

// every part adds
impl<T: Real> Add for HyperDual<T> {
    type Output = Self;
    #[inline]
    fn add(self, rhs: Self) -> Self {
        HyperDual {
            re: self.re + rhs.re,
            eps1: self.eps1 + rhs.eps1,
            eps2: self.eps2 + rhs.eps2,
            eps1eps2: self.eps1eps2 + rhs.eps1eps2,
        }
    }
}

// every part subtracts
impl<T: Real> Sub for HyperDual<T> {
    type Output = Self;
    #[inline]
    fn sub(self, rhs: Self) -> Self {
        HyperDual {
            re: self.re - rhs.re,
            eps1: self.eps1 - rhs.eps1,
            eps2: self.eps2 - rhs.eps2,
            eps1eps2: self.eps1eps2 - rhs.eps1eps2,
        }
    }
}

// (ab)₁ = a₁b + ab₁, (ab)₂ = a₂b + ab₂, (ab)₁₂ = a₁₂b + a₁b₂ + a₂b₁ + ab₁₂
impl<T: Real> Mul for HyperDual<T> {
    type Output = Self;
    #[inline]
    fn mul(self, rhs: Self) -> Self {
        // Each term is 0 where a derivative part in it is (see `Dual`'s).
        let (a, b) = (self, rhs);
        HyperDual {
            re: a.re * b.re,
            eps1: times(b.re, a.eps1) + times(a.re, b.eps1),
            eps2: times(b.re, a.eps2) + times(a.re, b.eps2),
            eps1eps2: times(b.re, a.eps1eps2)
                + cross(a.eps1, b.eps2)
                + cross(a.eps2, b.eps1)
                + times(a.re, b.eps1eps2),
        }
    }
}

// q = a/b ⇔ a = qb: qᵢ = (aᵢ - qbᵢ)/b, q₁₂ = (a₁₂ - q₁b₂ - q₂b₁ - qb₁₂)/b
impl<T: Real> Div for HyperDual<T> {
    type Output = Self;
    #[inline]
    fn div(self, rhs: Self) -> Self {
        let (a, b) = (self, rhs);
        let re = a.re / b.re;
        with_quotient(a.re, b.re, re, |q, inv, p| {
            let eps1 = p.times(inv, a.eps1 - p.times(q, b.eps1));
            let eps2 = p.times(inv, a.eps2 - p.times(q, b.eps2));
            let eps1eps2 = p.times(
                inv,
                a.eps1eps2 - cross(eps1, b.eps2) - cross(eps2, b.eps1) - p.times(q, b.eps1eps2),
            );
            HyperDual { re, eps1, eps2, eps1eps2 }
        })
    }
}

// every part negates
impl<T: Real> Neg for HyperDual<T> {
    type Output = Self;
    #[inline]
    fn neg(self) -> Self {
        HyperDual { re: -self.re, eps1: -self.eps1, eps2: -self.eps2, eps1eps2: -self.eps1eps2 }
    }
}

impl_number!([T: Real] HyperDual<T>);

impl<T: Real> fmt::Display for HyperDual<T> {
    /// `1.5 + 2ε₁ + 3ε₂ + 4ε₁ε₂`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = f.precision();
        use crate::display::Part;
        write!(
            f,
            "{} + {}ε₁ + {}ε₂ + {}ε₁ε₂",
            Part(&self.re, p),
            Part(&self.eps1, p),
            Part(&self.eps2, p),
            Part(&self.eps1eps2, p)
        )
    }
}
