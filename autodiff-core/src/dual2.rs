//! [`Dual2`]: a value with its first and second derivative.

use core::fmt;
use core::ops::{Add, Div, Mul, Neg, Sub};

use crate::number::{cross, impl_number, times, with_quotient, ChainRule, DualNumber};
use crate::rules::{Rule, Rule2};
use crate::Real;

/// The value, first and second derivative of a univariate function, carried
/// together in one pass: `f(x + ε)` truncated after ε², with ε³ = 0.
///
/// `v1` and `v2` hold the derivatives themselves (not Taylor coefficients):
/// evaluating `f` at `Dual2::variable(x)` gives `(f(x), f'(x), f''(x))`.
///
/// ```
/// use autodiff_core::{Dual2_64, Float};
///
/// let x = Dual2_64::variable(2.0);
/// let y = x.powi(3); // x³: 8, 3x² = 12, 6x = 12
/// assert_eq!((y.re, y.v1, y.v2), (8.0, 12.0, 12.0));
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct Dual2<T> {
    /// The value f.
    pub re: T,
    /// The first derivative f'.
    pub v1: T,
    /// The second derivative f''.
    pub v2: T,
}

/// A [`Dual2`] over `f64`.
#[allow(non_camel_case_types)]
pub type Dual2_64 = Dual2<f64>;
/// A [`Dual2`] over `f32`.
#[allow(non_camel_case_types)]
pub type Dual2_32 = Dual2<f32>;

impl<T: Real> Dual2<T> {
    /// The number with value `re`, first derivative `v1`, second `v2`.
    ///
    /// ```
    /// use autodiff_core::Dual2_64;
    /// assert_eq!(Dual2_64::new(1.5, 2.0, 3.0).to_string(), "1.5 + 2ε + 3ε²/2");
    /// ```
    #[inline]
    pub fn new(re: T, v1: T, v2: T) -> Self {
        Dual2 { re, v1, v2 }
    }

    /// The variable to differentiate with respect to: value `x`, first
    /// derivative 1, second 0.
    #[inline]
    pub fn variable(x: T) -> Self {
        Dual2 { re: x, v1: T::one(), v2: T::zero() }
    }

    /// A constant: both derivatives 0.
    #[inline]
    pub fn constant(x: T) -> Self {
        Dual2 { re: x, v1: T::zero(), v2: T::zero() }
    }
}

impl<T: Real> From<T> for Dual2<T> {
    /// The constant `x`.
    #[inline]
    fn from(x: T) -> Self {
        Dual2::constant(x)
    }
}

impl<T: Real> DualNumber<T> for Dual2<T> {
    const ORDER: u32 = 2;

    #[inline]
    fn re(&self) -> T {
        self.re
    }
    #[inline]
    fn from_re(re: T) -> Self {
        Dual2::constant(re)
    }
    #[inline]
    fn is_constant(&self) -> bool {
        self.v1.is_zero_in_every_part() && self.v2.is_zero_in_every_part()
    }
    #[inline]
    fn map_parts(self, f: impl Fn(T) -> T) -> Self {
        Dual2 { re: f(self.re), v1: f(self.v1), v2: f(self.v2) }
    }
    #[inline]
    fn shift(self, c: T) -> Self {
        Dual2 { re: self.re + c, ..self }
    }
    #[inline]
    fn all_parts(&self, other: &Self, mut pred: impl FnMut(&T, &T) -> bool) -> bool {
        pred(&self.re, &other.re) && pred(&self.v1, &other.v1) && pred(&self.v2, &other.v2)
    }
}

impl<T: Real> ChainRule<T> for Dual2<T> {
    // (f∘a)' = f'(a)a', (f∘a)'' = f'(a)a'' + f''(a)a'²
    #[inline]
    fn chain(self, f: Rule<T>) -> Self {
        Dual2 {
            re: f.f0,
            v1: times(f.f1, self.v1),
            v2: times(f.f1, self.v2) + times(f.f2, self.v1 * self.v1),
        }
    }
    // f(a, b)'' = fₓa'' + f_y b'' + fₓₓa'² + 2fₓ_y a'b' + f_yy b'²
    #[inline]
    fn chain2(self, other: Self, f: Rule2<T>) -> Self {
        let (a1, b1) = (self.v1, other.v1);
        let two = T::cst(2.0);
        Dual2 {
            re: f.f0,
            v1: times(f.fx, a1) + times(f.fy, b1),
            v2: times(f.fx, self.v2)
                + times(f.fy, other.v2)
                + times(f.fxx, a1 * a1)
                + times(two * f.fxy, a1 * b1)
                + times(f.fyy, b1 * b1),
        }
    }
}

// (a + b)' = a' + b', (a + b)'' = a'' + b''
impl<T: Real> Add for Dual2<T> {
    type Output = Self;
    #[inline]
    fn add(self, rhs: Self) -> Self {
        Dual2 { re: self.re + rhs.re, v1: self.v1 + rhs.v1, v2: self.v2 + rhs.v2 }
    }
}

// (a - b)' = a' - b', (a - b)'' = a'' - b''
impl<T: Real> Sub for Dual2<T> {
    type Output = Self;
    #[inline]
    fn sub(self, rhs: Self) -> Self {
        Dual2 { re: self.re - rhs.re, v1: self.v1 - rhs.v1, v2: self.v2 - rhs.v2 }
    }
}

// (ab)' = a'b + ab', (ab)'' = a''b + 2a'b' + ab''
impl<T: Real> Mul for Dual2<T> {
    type Output = Self;
    #[inline]
    fn mul(self, rhs: Self) -> Self {
        // Each term is 0 where a derivative part in it is (see `Dual`'s).
        let (a, b) = (self, rhs);
        Dual2 {
            re: a.re * b.re,
            v1: times(b.re, a.v1) + times(a.re, b.v1),
            v2: times(b.re, a.v2) + T::cst(2.0) * cross(a.v1, b.v1) + times(a.re, b.v2),
        }
    }
}

// q = a/b ⇔ a = qb: q' = (a' - qb')/b, q'' = (a'' - 2q'b' - qb'')/b
impl<T: Real> Div for Dual2<T> {
    type Output = Self;
    #[inline]
    fn div(self, rhs: Self) -> Self {
        let (a, b) = (self, rhs);
        let re = a.re / b.re;
        with_quotient(a.re, b.re, re, |q, inv, p| {
            let v1 = p.times(inv, a.v1 - p.times(q, b.v1));
            let v2 = p.times(inv, a.v2 - T::cst(2.0) * cross(v1, b.v1) - p.times(q, b.v2));
            Dual2 { re, v1, v2 }
        })
    }
}

// -(f, f', f'') = (-f, -f', -f'')
impl<T: Real> Neg for Dual2<T> {
    type Output = Self;
    #[inline]
    fn neg(self) -> Self {
        Dual2 { re: -self.re, v1: -self.v1, v2: -self.v2 }
    }
}

impl_number!([T: Real] Dual2<T>);

impl<T: Real> fmt::Display for Dual2<T> {
    /// The truncated Taylor series: `f + f'ε + f''ε²/2`, e.g. `1.5 + 2ε + 3ε²/2`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = f.precision();
        use crate::display::Part;
        write!(f, "{} + {}ε + {}ε²/2", Part(&self.re, p), Part(&self.v1, p), Part(&self.v2, p))
    }
}
