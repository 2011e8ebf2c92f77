//! [`Jet`]: a truncated Taylor series, for derivatives of any order and
//! Taylor expansions (Taylor mode).
//!
//! The arithmetic here is the algebra of truncated power series
//! (Griewank & Walther, *Evaluating Derivatives*, 2nd ed., ch. 13): sums
//! coefficient by coefficient, products by the Cauchy product, quotients by
//! the recurrence that solves `a = q·b`. Every operation costs O(K²) for K
//! coefficients, where nesting [`Dual`](crate::Dual)s to order K − 1 costs
//! 2^(K−1) numbers. The elementary functions are in `jet_float.rs`: their
//! recurrences reach every order, so they cannot be written as the
//! `(f0, f1, f2)` rules the other number types share.

use core::fmt;
use core::ops::{Add, Div, Mul, Neg, Rem, Sub};

use num_traits::{Float, One, Zero};

use crate::number::{quotient_part, times, DualNumber};
use crate::Real;

/// A truncated Taylor series `c₀ + c₁t + c₂t² + … + c_{K−1}t^{K−1}`: a
/// value with its derivatives up to order K − 1, carried together through
/// any computation (Taylor mode).
///
/// **What is stored:** `c[k]` is the Taylor coefficient f⁽ᵏ⁾(x₀)/k! of
/// f(x₀ + t), not the derivative itself; [`derivatives`](Jet::derivatives)
/// multiplies by k!. **What `K` is:** the number of coefficients, so the
/// order is K − 1 ([`Jet::ORDER`]): `Jet<f64, 2>` carries what
/// [`Dual`](crate::Dual) does, `Jet<f64, 3>` what [`Dual2`](crate::Dual2)
/// does, `Jet<f64, 9>` every derivative up to the 8th. (Stable Rust cannot
/// write an array `[T; N + 1]` for a generic `N`, so the type parameter is
/// the length of the array.) `K` must be at least 1: `Jet<T, 0>` is a
/// compile error.
///
/// ```
/// use autodiff_core::{Float, Jet64};
///
/// // x³ around x₀ = 2: 8 + 12t + 6t² + t³
/// let x = Jet64::<5>::variable(2.0);
/// assert_eq!(x.powi(3).c, [8.0, 12.0, 6.0, 1.0, 0.0]);
/// // the derivatives: 8, 3x² = 12, 6x = 12, 6, 0
/// assert_eq!(x.powi(3).derivatives(), [8.0, 12.0, 12.0, 6.0, 0.0]);
///
/// // sin around 0: t - t³/6 + …
/// let s = Jet64::<5>::variable(0.0).sin();
/// assert_eq!(s.c, [0.0, 1.0, 0.0, -1.0 / 6.0, 0.0]);
/// ```
///
/// `Jet` implements [`Scalar`](crate::Scalar), so generic code runs on it
/// unchanged, and it nests (`Jet<Dual64, 4>`). The drivers
/// [`taylor`](crate::taylor), [`derivatives`](crate::derivatives),
/// [`nth_derivative`](crate::nth_derivative) and
/// [`taylor_along`](crate::taylor_along) seed it for you.
#[derive(Clone, Copy, Debug)]
pub struct Jet<T, const K: usize> {
    /// The Taylor coefficients c₀..c_{K−1}: `c[k]` = f⁽ᵏ⁾(x₀)/k!, `c[0]`
    /// the value.
    pub c: [T; K],
}

/// A [`Jet`] over `f64` with `K` coefficients (order K − 1).
pub type Jet64<const K: usize> = Jet<f64, K>;
/// A [`Jet`] over `f32` with `K` coefficients (order K − 1).
pub type Jet32<const K: usize> = Jet<f32, K>;

impl<T: Real, const K: usize> Jet<T, K> {
    /// The order of the series, K − 1: the highest derivative carried.
    ///
    /// ```
    /// use autodiff_core::Jet64;
    /// assert_eq!(Jet64::<9>::ORDER, 8);
    /// ```
    pub const ORDER: usize = K - 1;

    /// The series with coefficients `c` (`c[k]` = f⁽ᵏ⁾/k!).
    ///
    /// ```
    /// use autodiff_core::Jet64;
    /// assert_eq!(Jet64::new([1.0, 2.0, 0.5]).to_string(), "1 + 2t + 0.5t²");
    /// ```
    #[inline]
    pub fn new(c: [T; K]) -> Self {
        const { assert!(K > 0, "a Jet holds at least its value: K ≥ 1") };
        Jet { c }
    }

    /// The variable to expand in: `x + t` (value `x`, first coefficient 1,
    /// the rest 0). With `K = 1` it is the constant `x`.
    ///
    /// ```
    /// use autodiff_core::Jet64;
    /// assert_eq!(Jet64::<4>::variable(2.0).c, [2.0, 1.0, 0.0, 0.0]);
    /// ```
    #[inline]
    pub fn variable(x: T) -> Self {
        let mut y = Self::constant(x);
        if K > 1 {
            y.c[1] = T::one();
        }
        y
    }

    /// A constant: value `x`, every other coefficient 0.
    ///
    /// ```
    /// use autodiff_core::Jet64;
    /// assert_eq!(Jet64::<3>::constant(2.0).c, [2.0, 0.0, 0.0]);
    /// ```
    #[inline]
    pub fn constant(x: T) -> Self {
        let mut c = [T::zero(); K];
        c[0] = x;
        Jet::new(c)
    }

    /// The derivatives f⁽ᵏ⁾(x₀) = k!·cₖ, k = 0..K − 1.
    ///
    /// ```
    /// use autodiff_core::{Float, Jet64};
    /// // x⁴ at 1: 1, 4, 12, 24, 24
    /// let d = Jet64::<5>::variable(1.0).powi(4).derivatives();
    /// assert_eq!(d, [1.0, 4.0, 12.0, 24.0, 24.0]);
    /// ```
    pub fn derivatives(&self) -> [T; K] {
        let mut factorial = T::one();
        let mut d = self.c;
        for (k, dk) in d.iter_mut().enumerate().skip(1) {
            factorial *= T::cst(k as f64);
            *dk *= factorial;
        }
        d
    }

    /// The same coefficients with the value replaced by `y0`.
    #[inline(always)]
    pub(crate) fn with_value(mut self, y0: T) -> Self {
        self.c[0] = y0;
        self
    }

    /// Multiplies every coefficient by `k`.
    #[inline(always)]
    pub(crate) fn scale(self, k: T) -> Self {
        Jet { c: self.c.map(|p| p * k) }
    }
}

impl<T: Real, const K: usize> Default for Jet<T, K> {
    /// The constant 0.
    fn default() -> Self {
        Jet::constant(T::zero())
    }
}

impl<T: Real, const K: usize> From<T> for Jet<T, K> {
    /// The constant `x`.
    #[inline]
    fn from(x: T) -> Self {
        Jet::constant(x)
    }
}

impl<T: Real, const K: usize> DualNumber<T> for Jet<T, K> {
    const ORDER: u32 = Self::ORDER as u32;

    #[inline(always)]
    fn re(&self) -> T {
        const { assert!(K > 0, "a Jet holds at least its value: K ≥ 1") };
        self.c[0]
    }
    #[inline(always)]
    fn from_re(re: T) -> Self {
        Jet::constant(re)
    }
    #[inline(always)]
    fn is_constant(&self) -> bool {
        self.c.iter().skip(1).all(|p| p.is_zero_in_every_part())
    }
    #[inline(always)]
    fn map_parts(self, f: impl Fn(T) -> T) -> Self {
        Jet { c: self.c.map(f) }
    }
    #[inline(always)]
    fn shift(self, c: T) -> Self {
        let mut y = self;
        y.c[0] = self.re() + c;
        y
    }
    #[inline]
    fn all_parts(&self, other: &Self, mut pred: impl FnMut(&T, &T) -> bool) -> bool {
        self.c.iter().zip(&other.c).all(|(a, b)| pred(a, b))
    }
}

// (a + b)ₖ = aₖ + bₖ
impl<T: Real, const K: usize> Add for Jet<T, K> {
    type Output = Self;
    #[inline(always)]
    fn add(self, rhs: Self) -> Self {
        Jet { c: core::array::from_fn(|k| self.c[k] + rhs.c[k]) }
    }
}

// (a - b)ₖ = aₖ - bₖ
impl<T: Real, const K: usize> Sub for Jet<T, K> {
    type Output = Self;
    #[inline(always)]
    fn sub(self, rhs: Self) -> Self {
        Jet { c: core::array::from_fn(|k| self.c[k] - rhs.c[k]) }
    }
}

// (ab)ₖ = Σⱼ₌₀..ₖ aⱼ bₖ₋ⱼ (the Cauchy product, i.e. Leibniz' rule). A
// constant factor b scales: (ab)ₖ = aₖb₀ in O(K), and a zero aₖ stays zero
// even where b₀ is infinite or NaN.
impl<T: Real, const K: usize> Mul for Jet<T, K> {
    type Output = Self;
    #[inline(always)]
    fn mul(self, rhs: Self) -> Self {
        let scaled = |a: Self, b0: T| a.map_parts(|p| times(b0, p));
        let value = self.re() * rhs.re();
        if rhs.is_constant() {
            scaled(self, rhs.re()).with_value(value)
        } else if self.is_constant() {
            scaled(rhs, self.re()).with_value(value)
        } else {
            Jet { c: core::array::from_fn(|k| cauchy(&self.c, &rhs.c, k)) }
        }
    }
}

/// The k-th coefficient of the product of two series, Σⱼ₌₀..ₖ aⱼ bₖ₋ⱼ.
#[inline(always)]
pub(crate) fn cauchy<T: Real>(a: &[T], b: &[T], k: usize) -> T {
    let mut s = a[0] * b[k];
    for j in 1..=k {
        s += a[j] * b[k - j];
    }
    s
}

// q = a/b ⇔ a = qb: q₀ = a₀/b₀, qₖ = (aₖ - Σⱼ₌₁..ₖ bⱼ qₖ₋ⱼ)/b₀. A zero
// coefficient of b contributes nothing and a zero numerator gives 0, even
// where q₀ or 1/b₀ is infinite or NaN: a constant over a constant is a
// constant.
impl<T: Real, const K: usize> Div for Jet<T, K> {
    type Output = Self;
    #[inline(always)]
    fn div(self, rhs: Self) -> Self {
        let (a, b) = (&self.c, &rhs.c);
        let mut q = [T::zero(); K];
        q[0] = self.re() / rhs.re();
        for k in 1..K {
            let mut n = a[k];
            for j in 1..=k {
                n -= times(q[k - j], b[j]);
            }
            q[k] = if n.is_zero_in_every_part() { T::zero() } else { quotient_part(n, b[0]) };
        }
        Jet { c: q }
    }
}

// -(a)ₖ = -aₖ
impl<T: Real, const K: usize> Neg for Jet<T, K> {
    type Output = Self;
    #[inline(always)]
    fn neg(self) -> Self {
        Jet { c: self.c.map(|p| -p) }
    }
}

// a % b = a - b·trunc(a/b) with trunc(a/b) a constant: the value is
// a₀ % b₀ exactly, the other coefficients aₖ - trunc(a₀/b₀)·bₖ.
impl<T: Real, const K: usize> Rem for Jet<T, K> {
    type Output = Self;
    #[inline]
    fn rem(self, rhs: Self) -> Self {
        let m = -(self.re() / rhs.re()).trunc();
        let mut y = Jet { c: core::array::from_fn(|k| self.c[k] + times(m, rhs.c[k])) };
        y.c[0] = self.re() % rhs.re();
        y
    }
}

crate::ops::impl_ops!([T: Real, const K: usize] Jet<T, K>);
crate::compare::impl_compare!([T: Real, const K: usize] Jet<T, K>);
crate::integrations::impl_integrations!([T: Real, const K: usize] Jet<T, K>);

impl<T: Real, const K: usize> fmt::Display for Jet<T, K> {
    /// The truncated Taylor polynomial in t: `1 + 2t + 0.5t²`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const SUPERSCRIPTS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
        let p = f.precision();
        for (k, c) in self.c.iter().enumerate() {
            if k > 0 {
                f.write_str(" + ")?;
            }
            write!(f, "{}", crate::display::Part(c, p))?;
            if k > 0 {
                f.write_str("t")?;
            }
            if k > 1 {
                for digit in k.to_string().bytes() {
                    write!(f, "{}", SUPERSCRIPTS[usize::from(digit - b'0')])?;
                }
            }
        }
        Ok(())
    }
}

// --- the num-traits: as for the other number types (float.rs) --------------

impl<T: Real, const K: usize> Zero for Jet<T, K> {
    #[inline]
    fn zero() -> Self {
        Jet::constant(T::zero())
    }
    /// Whether the value is zero: like comparisons, the real part decides
    /// (a seeded 0 is zero), so generic code branches as with `f64`.
    #[inline]
    fn is_zero(&self) -> bool {
        self.re().is_zero()
    }
}

impl<T: Real, const K: usize> One for Jet<T, K> {
    #[inline]
    fn one() -> Self {
        Jet::constant(T::one())
    }
    /// Whether the value is one (the real part decides, as for
    /// [`is_zero`](num_traits::Zero::is_zero)).
    #[inline]
    fn is_one(&self) -> bool {
        self.re().is_one()
    }
}

impl<T: Real, const K: usize> num_traits::Num for Jet<T, K> {
    type FromStrRadixErr = T::FromStrRadixErr;
    /// Parses the value; the other coefficients are 0.
    fn from_str_radix(s: &str, radix: u32) -> Result<Self, Self::FromStrRadixErr> {
        T::from_str_radix(s, radix).map(Jet::constant)
    }
}

impl<T: Real, const K: usize> num_traits::ToPrimitive for Jet<T, K> {
    fn to_i64(&self) -> Option<i64> {
        self.re().to_i64()
    }
    fn to_u64(&self) -> Option<u64> {
        self.re().to_u64()
    }
    fn to_i128(&self) -> Option<i128> {
        self.re().to_i128()
    }
    fn to_u128(&self) -> Option<u128> {
        self.re().to_u128()
    }
    fn to_f32(&self) -> Option<f32> {
        self.re().to_f32()
    }
    fn to_f64(&self) -> Option<f64> {
        self.re().to_f64()
    }
}

impl<T: Real, const K: usize> num_traits::NumCast for Jet<T, K> {
    fn from<P: num_traits::ToPrimitive>(n: P) -> Option<Self> {
        <T as num_traits::NumCast>::from(n).map(Jet::constant)
    }
}

impl<T: Real, const K: usize> num_traits::FromPrimitive for Jet<T, K> {
    fn from_i64(n: i64) -> Option<Self> {
        <Self as num_traits::NumCast>::from(n)
    }
    fn from_u64(n: u64) -> Option<Self> {
        <Self as num_traits::NumCast>::from(n)
    }
    fn from_f64(n: f64) -> Option<Self> {
        <Self as num_traits::NumCast>::from(n)
    }
}

impl<T: Real, const K: usize> num_traits::Bounded for Jet<T, K> {
    fn min_value() -> Self {
        Jet::constant(<T as Float>::min_value())
    }
    fn max_value() -> Self {
        Jet::constant(<T as Float>::max_value())
    }
}

impl<T: Real, const K: usize> num_traits::Signed for Jet<T, K> {
    fn abs(&self) -> Self {
        Float::abs(*self)
    }
    fn abs_sub(&self, other: &Self) -> Self {
        #[allow(deprecated)]
        Float::abs_sub(*self, *other)
    }
    fn signum(&self) -> Self {
        Float::signum(*self)
    }
    fn is_positive(&self) -> bool {
        self.re() > T::zero()
    }
    fn is_negative(&self) -> bool {
        self.re() < T::zero()
    }
}

impl<T: Real, const K: usize> num_traits::Inv for Jet<T, K> {
    type Output = Self;
    fn inv(self) -> Self {
        Float::recip(self)
    }
}

impl<T: Real, const K: usize> num_traits::Pow<i32> for Jet<T, K> {
    type Output = Self;
    fn pow(self, n: i32) -> Self {
        Float::powi(self, n)
    }
}

impl<T: Real, const K: usize> num_traits::Pow<f64> for Jet<T, K> {
    type Output = Self;
    fn pow(self, p: f64) -> Self {
        self.powf_const(T::cst(p))
    }
}

impl<T: Real, const K: usize> num_traits::Pow<Jet<T, K>> for Jet<T, K> {
    type Output = Self;
    fn pow(self, p: Self) -> Self {
        Float::powf(self, p)
    }
}

impl<T: Real, const K: usize> num_traits::MulAdd for Jet<T, K> {
    type Output = Self;
    fn mul_add(self, a: Self, b: Self) -> Self {
        self * a + b
    }
}

impl<T: Real, const K: usize> num_traits::MulAddAssign for Jet<T, K> {
    fn mul_add_assign(&mut self, a: Self, b: Self) {
        *self = *self * a + b;
    }
}

impl<T: Real, const K: usize> num_traits::FloatConst for Jet<T, K> {
    crate::float::float_consts!(
        E FRAC_1_PI FRAC_1_SQRT_2 FRAC_2_PI FRAC_2_SQRT_PI FRAC_PI_2 FRAC_PI_3
        FRAC_PI_4 FRAC_PI_6 FRAC_PI_8 LN_10 LN_2 LOG10_E LOG2_E PI SQRT_2 TAU
        LOG10_2 LOG2_10
    );
}
