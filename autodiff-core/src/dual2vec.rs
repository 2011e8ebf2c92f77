//! [`Dual2Vec`]: a value, its gradient and its Hessian with respect to N
//! inputs, in one pass.

use core::fmt;
use core::ops::{Add, Div, Mul, Neg, Sub};

use crate::number::{
    impl_number, nonfinite_product, nonfinite_quotient, quotient_part, times, ChainRule, DualNumber,
};
use crate::rules::{Rule, Rule2};
use crate::Real;

/// A value with its gradient and Hessian with respect to `N` inputs, all
/// carried through one evaluation: the multivariate [`Dual2`](crate::Dual2).
///
/// The Hessian is symmetric, so only its upper triangle (`i ≤ j`) is
/// computed, each mixed term once; [`Dual2Vec::hessian`] mirrors it into a
/// full matrix. The [`hessian`](crate::hessian) driver seeds the inputs and
/// unpacks the result for you.
///
/// ```
/// use autodiff_core::{Dual2Vec64, Float};
///
/// let x = Dual2Vec64::<2>::variable(1.0, 0);
/// let y = Dual2Vec64::<2>::variable(2.0, 1);
/// let f = x * x * y; // ∇f = (2xy, x²), H = [[2y, 2x], [2x, 0]]
/// assert_eq!(f.grad, [4.0, 1.0]);
/// assert_eq!(f.hessian(), [[4.0, 2.0], [2.0, 0.0]]);
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Dual2Vec<T, const N: usize> {
    /// The value.
    pub re: T,
    /// The gradient: ∂f/∂xᵢ.
    pub grad: [T; N],
    /// The Hessian's upper triangle: `hess[i][j]` = ∂²f/∂xᵢ∂xⱼ for `i ≤ j`;
    /// entries below the diagonal are not maintained (read the full matrix
    /// with [`Dual2Vec::hessian`]).
    pub hess: [[T; N]; N],
}

/// A [`Dual2Vec`] over `f64`.
pub type Dual2Vec64<const N: usize> = Dual2Vec<f64, N>;

impl<T: Real, const N: usize> Dual2Vec<T, N> {
    /// The number with value `re`, gradient `grad` and Hessian `hess` (only
    /// the upper triangle, `i ≤ j`, is read).
    #[inline]
    pub fn new(re: T, grad: [T; N], hess: [[T; N]; N]) -> Self {
        Dual2Vec { re, grad, hess: upper(|i, j| hess[i][j]) }
    }

    /// Input number `i` of `N`: value `x`, gradient the unit vector `eᵢ`,
    /// Hessian 0. An `i` of `N` or more gives a constant.
    ///
    /// ```
    /// use autodiff_core::Dual2Vec64;
    /// assert_eq!(Dual2Vec64::<2>::variable(5.0, 1).grad, [0.0, 1.0]);
    /// ```
    #[inline]
    pub fn variable(x: T, i: usize) -> Self {
        let mut v = Self::constant(x);
        if let Some(g) = v.grad.get_mut(i) {
            *g = T::one();
        }
        v
    }

    /// A constant: gradient and Hessian 0.
    #[inline]
    pub fn constant(x: T) -> Self {
        Dual2Vec { re: x, grad: [T::zero(); N], hess: [[T::zero(); N]; N] }
    }

    /// The full, symmetric Hessian matrix.
    ///
    /// ```
    /// use autodiff_core::Dual2Vec64;
    /// let h = Dual2Vec64::new(0.0, [0.0; 2], [[1.0, 2.0], [0.0, 3.0]]);
    /// assert_eq!(h.hessian(), [[1.0, 2.0], [2.0, 3.0]]);
    /// ```
    pub fn hessian(&self) -> [[T; N]; N] {
        core::array::from_fn(|i| {
            core::array::from_fn(|j| if i <= j { self.hess[i][j] } else { self.hess[j][i] })
        })
    }
}

impl<T: Real, const N: usize> Default for Dual2Vec<T, N> {
    /// Zero.
    fn default() -> Self {
        Dual2Vec::constant(T::zero())
    }
}

impl<T: Real, const N: usize> From<T> for Dual2Vec<T, N> {
    /// The constant `x`.
    #[inline]
    fn from(x: T) -> Self {
        Dual2Vec::constant(x)
    }
}

/// A matrix whose upper triangle (`i ≤ j`) is `f(i, j)` and whose lower
/// triangle is 0.
#[inline(always)]
fn upper<T: Real, const N: usize>(mut f: impl FnMut(usize, usize) -> T) -> [[T; N]; N] {
    let mut m = [[T::zero(); N]; N];
    for (i, row) in m.iter_mut().enumerate() {
        for (j, entry) in row.iter_mut().enumerate().skip(i) {
            *entry = f(i, j);
        }
    }
    m
}

/// Replaces every upper-triangle entry `m[i][j]` (`i ≤ j`) by
/// `f(i, j, m[i][j])`, in place: the operators update their left operand's
/// matrix rather than build a new one, which saves a fill and a copy of N²
/// numbers per operation.
#[inline(always)]
fn update_upper<T: Copy, const N: usize>(
    m: &mut [[T; N]; N],
    mut f: impl FnMut(usize, usize, T) -> T,
) {
    for (i, row) in m.iter_mut().enumerate() {
        for (j, entry) in row.iter_mut().enumerate().skip(i) {
            *entry = f(i, j, *entry);
        }
    }
}

impl<T: Real, const N: usize> DualNumber<T> for Dual2Vec<T, N> {
    const ORDER: u32 = 2;

    #[inline(always)]
    fn re(&self) -> T {
        self.re
    }
    #[inline(always)]
    fn from_re(re: T) -> Self {
        Dual2Vec::constant(re)
    }
    #[inline(always)]
    fn is_constant(&self) -> bool {
        let mut constant = self.grad.iter().all(|g| g.is_zero_in_every_part());
        upper::<T, N>(|i, j| {
            constant &= self.hess[i][j].is_zero_in_every_part();
            T::zero()
        });
        constant
    }
    #[inline(always)]
    fn map_parts(self, f: impl Fn(T) -> T) -> Self {
        let mut out = self;
        update_upper(&mut out.hess, |_, _, h| f(h));
        out.grad = self.grad.map(&f);
        out.re = f(self.re);
        out
    }
    #[inline(always)]
    fn shift(self, c: T) -> Self {
        Dual2Vec { re: self.re + c, ..self }
    }
    #[inline]
    fn all_parts(&self, other: &Self, mut pred: impl FnMut(&T, &T) -> bool) -> bool {
        let mut all =
            pred(&self.re, &other.re) && self.grad.iter().zip(&other.grad).all(|(a, b)| pred(a, b));
        upper::<T, N>(|i, j| {
            all = all && pred(&self.hess[i][j], &other.hess[i][j]);
            T::zero()
        });
        all
    }
}

impl<T: Real, const N: usize> ChainRule<T> for Dual2Vec<T, N> {
    // ∇(f∘a) = f'∇a, H(f∘a) = f'Ha + f''∇a∇aᵀ
    #[inline(always)]
    fn chain(self, f: Rule<T>) -> Self {
        let g = self.grad;
        let mut out = self;
        update_upper(&mut out.hess, |i, j, h| times(f.f1, h) + times(f.f2, g[i] * g[j]));
        out.grad = g.map(|gi| times(f.f1, gi));
        out.re = f.f0;
        out
    }
    // H f(a, b) = fₓHa + f_yHb + fₓₓ∇a∇aᵀ + fₓ_y(∇a∇bᵀ + ∇b∇aᵀ) + f_yy∇b∇bᵀ
    #[inline(always)]
    fn chain2(self, other: Self, f: Rule2<T>) -> Self {
        let (ag, bg) = (self.grad, other.grad);
        let mut out = self;
        update_upper(&mut out.hess, |i, j, h| {
            times(f.fx, h)
                + times(f.fy, other.hess[i][j])
                + times(f.fxx, ag[i] * ag[j])
                + times(f.fxy, ag[i] * bg[j] + ag[j] * bg[i])
                + times(f.fyy, bg[i] * bg[j])
        });
        out.grad = core::array::from_fn(|i| times(f.fx, ag[i]) + times(f.fy, bg[i]));
        out.re = f.f0;
        out
    }
}

// every part adds
impl<T: Real, const N: usize> Add for Dual2Vec<T, N> {
    type Output = Self;
    #[inline(always)]
    fn add(self, rhs: Self) -> Self {
        let mut out = self;
        update_upper(&mut out.hess, |i, j, h| h + rhs.hess[i][j]);
        out.grad = core::array::from_fn(|i| self.grad[i] + rhs.grad[i]);
        out.re = self.re + rhs.re;
        out
    }
}

// every part subtracts
impl<T: Real, const N: usize> Sub for Dual2Vec<T, N> {
    type Output = Self;
    #[inline(always)]
    fn sub(self, rhs: Self) -> Self {
        let mut out = self;
        update_upper(&mut out.hess, |i, j, h| h - rhs.hess[i][j]);
        out.grad = core::array::from_fn(|i| self.grad[i] - rhs.grad[i]);
        out.re = self.re - rhs.re;
        out
    }
}

// ∇(ab) = b∇a + a∇b, H(ab) = bHa + ∇a∇bᵀ + ∇b∇aᵀ + aHb
impl<T: Real, const N: usize> Mul for Dual2Vec<T, N> {
    type Output = Self;
    #[inline(always)]
    fn mul(self, rhs: Self) -> Self {
        let (a, ag, b) = (self.re, self.grad, rhs);
        let ab = a * b.re;
        if let Some(p) = nonfinite_product(self, rhs, ab) {
            return p;
        }
        let mut out = self;
        update_upper(&mut out.hess, |i, j, h| {
            h * b.re + ag[i] * b.grad[j] + ag[j] * b.grad[i] + a * b.hess[i][j]
        });
        out.grad = core::array::from_fn(|i| ag[i] * b.re + a * b.grad[i]);
        out.re = ab;
        out
    }
}

// q = a/b ⇔ a = qb: ∇q = (∇a - q∇b)/b, Hq = (Ha - ∇q∇bᵀ - ∇b∇qᵀ - qHb)/b
impl<T: Real, const N: usize> Div for Dual2Vec<T, N> {
    type Output = Self;
    #[inline(always)]
    fn div(self, rhs: Self) -> Self {
        let b = rhs;
        let q = self.re / b.re;
        if let Some(d) = nonfinite_quotient(self, rhs, q) {
            return d;
        }
        let g: [T; N] = core::array::from_fn(|i| quotient_part(self.grad[i] - q * b.grad[i], b.re));
        let mut out = self;
        update_upper(&mut out.hess, |i, j, h| {
            quotient_part(h - g[i] * b.grad[j] - g[j] * b.grad[i] - q * b.hess[i][j], b.re)
        });
        out.grad = g;
        out.re = q;
        out
    }
}

// every part negates
impl<T: Real, const N: usize> Neg for Dual2Vec<T, N> {
    type Output = Self;
    #[inline(always)]
    fn neg(self) -> Self {
        self.map_parts(|p| -p)
    }
}

impl_number!([T: Real, const N: usize] Dual2Vec<T, N>);

impl<T: Real, const N: usize> fmt::Display for Dual2Vec<T, N> {
    /// `value + [gradient]ε + [[Hessian]]ε²/2`, e.g. `2 + [4, 1]ε + [[4, 2], [2, 0]]ε²/2`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::display::{write_list, Part};
        let p = f.precision();
        write!(f, "{} + ", Part(&self.re, p))?;
        write_list(f, &self.grad, p)?;
        f.write_str("ε + [")?;
        for (i, row) in self.hessian().iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write_list(f, row, p)?;
        }
        f.write_str("]ε²/2")
    }
}
