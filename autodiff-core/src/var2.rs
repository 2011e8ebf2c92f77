//! [`Var2`]: the second-order reverse-mode number of the sparse Hessian.

use core::fmt;
use core::ops::{Add, Div, Mul, Neg, Sub};

use crate::number::{impl_number, ChainRule, DualNumber};
use crate::rules::{Rule, Rule2};
use crate::tape::NO_TAPE;
use crate::Real;

/// A second-order reverse-mode number: a value, and its first and second
/// derivatives with respect to one slot of a driver call's tape, whose
/// operations record their first *and second* partial derivatives.
///
/// [`hessian_sparse`](crate::hessian_sparse) and
/// [`SparseHessian`](crate::SparseHessian) evaluate `f` once on `Var2`s;
/// the recording holds f's curvature (which operations curve, in which
/// variables), so the Hessian's sparsity pattern is read off it, and one
/// forward and one reverse sweep give ∇f and up to 8 compressed columns of
/// H. Like [`Var`](crate::Var), it implements [`Scalar`](crate::Scalar),
/// so generic and `#[differentiable]` code takes it unchanged; only
/// operations of two different variables are recorded (an operation of
/// one variable, `x.sin()` or `x * x`, carries its first and second
/// derivative along by the chain rule, like [`Dual2`](crate::Dual2); an
/// operation whose two operands are the same variable, `x / (2.0 * x)` or
/// `x.log(x)`, sums both operands' terms, so it may leave a rounding
/// residue where `Dual2`'s own rule gives an exact 0), constants are
/// never recorded, and a derivative part that is exactly 0 stays 0 beside
/// an infinite one.
///
/// ```
/// use autodiff_core::{hessian_sparse, Float, Var2_64};
///
/// // f = sin(x₀) x₁: H = [[-sin(x₀) x₁, cos x₀], [cos x₀, 0]]
/// let (f, g, h) = hessian_sparse(|x: &[Var2_64]| x[0].sin() * x[1], &[0.5, 2.0]);
/// assert_eq!(f, 0.5f64.sin() * 2.0);
/// assert_eq!(g, vec![0.5f64.cos() * 2.0, 0.5f64.sin()]);
/// assert_eq!(h.get(0, 0), -0.5f64.sin() * 2.0);
/// assert_eq!((h.get(0, 1), h.get(1, 0), h.get(1, 1)), (0.5f64.cos(), 0.5f64.cos(), 0.0));
/// ```
///
/// `==`, `<` and the other comparisons look at the value; `Display`
/// shows the value. A `Var2` used outside its driver call panics with a
/// message, as a `Var` does.
#[derive(Clone, Copy, Debug, Default)]
pub struct Var2<T> {
    value: T,
    /// ∂value/∂(the slot's node); meaningless for a constant.
    d1: T,
    /// ∂²value/∂(the slot's node)².
    d2: T,
    slot: u32,
    tape: u32,
}

/// A [`Var2`] over `f64`.
#[allow(non_camel_case_types)]
pub type Var2_64 = Var2<f64>;
/// A [`Var2`] over `f32`.
#[allow(non_camel_case_types)]
pub type Var2_32 = Var2<f32>;

impl<T: Real> Var2<T> {
    /// A constant: recorded nowhere, derivatives 0.
    ///
    /// ```
    /// use autodiff_core::Var2_64;
    /// let c = Var2_64::constant(2.0);
    /// assert_eq!(c.value(), 2.0);
    /// assert!(!c.is_variable());
    /// ```
    #[inline]
    pub fn constant(x: T) -> Self {
        let zero = T::zero();
        Var2 { value: x, d1: zero, d2: zero, slot: 0, tape: NO_TAPE }
    }

    /// The value.
    #[inline]
    pub fn value(&self) -> T {
        self.value
    }

    /// Whether this number depends on the variables of a driver call (it is
    /// recorded on a tape), rather than being a constant.
    #[inline]
    pub fn is_variable(&self) -> bool {
        self.tape != NO_TAPE
    }

    /// Input `slot` of tape `tape`.
    #[inline]
    pub(crate) fn input(value: T, slot: u32, tape: u32) -> Self {
        Var2 { value, d1: T::one(), d2: T::zero(), slot, tape }
    }

    /// The slot, tape id, and first and second derivatives of a variable
    /// (`None` for a constant).
    #[inline]
    pub(crate) fn place(&self) -> Option<(u32, u32, T, T)> {
        self.is_variable().then_some((self.slot, self.tape, self.d1, self.d2))
    }

    /// f(self) for a rule f: the same slot, derivatives by the chain rule
    /// (f′a′ and f′a″ + f″a′²).
    #[inline(always)]
    fn unary(self, f: Rule<T>) -> Self {
        if !self.is_variable() {
            return Var2::constant(f.f0);
        }
        let d1 = f.f1.zero_wins_mul(self.d1);
        let d2 = f.f1.zero_wins_mul(self.d2) + f.f2.zero_wins_mul(self.d1 * self.d1);
        Var2 { value: f.f0, d1, d2, ..self }
    }

    /// f(self, other) for a rule f: recorded on the tape (first and second
    /// partials with respect to each operand's slot) when both are
    /// variables of different slots, carried along otherwise.
    #[inline(always)]
    fn binary(self, other: Self, f: Rule2<T>) -> Self {
        let (a1, a2, b1, b2) = (self.d1, self.d2, other.d1, other.d2);
        // The second derivative through `self` alone, and through `other`.
        let through_self = || f.fx.zero_wins_mul(a2) + f.fxx.zero_wins_mul(a1 * a1);
        let through_other = || f.fy.zero_wins_mul(b2) + f.fyy.zero_wins_mul(b1 * b1);
        match (self.is_variable(), other.is_variable()) {
            (true, true) if self.slot == other.slot && self.tape == other.tape => {
                let d1 = f.fx.zero_wins_mul(a1) + f.fy.zero_wins_mul(b1);
                let mixed = (f.fxy + f.fxy).zero_wins_mul(a1 * b1);
                let d2 = through_self() + through_other() + mixed;
                Var2 { value: f.f0, d1, d2, ..self }
            }
            (true, true) => {
                let partials = [f.fx.zero_wins_mul(a1), f.fy.zero_wins_mul(b1)];
                let second = [through_self(), f.fxy.zero_wins_mul(a1 * b1), through_other()];
                let tapes = [self.tape, other.tape];
                let parents = [self.slot, other.slot];
                let slot = T::with_tapes2(move |s| s.push(tapes, parents, partials, second));
                Var2 { value: f.f0, d1: T::one(), d2: T::zero(), slot, tape: self.tape }
            }
            (true, false) => {
                Var2 { value: f.f0, d1: f.fx.zero_wins_mul(a1), d2: through_self(), ..self }
            }
            (false, true) => {
                Var2 { value: f.f0, d1: f.fy.zero_wins_mul(b1), d2: through_other(), ..other }
            }
            (false, false) => Var2::constant(f.f0),
        }
    }

    /// `self` with `c` added to its value: the same derivatives.
    #[inline(always)]
    fn shifted(self, c: T) -> Self {
        Var2 { value: self.value + c, ..self }
    }
}

impl<T: Real> From<T> for Var2<T> {
    /// The constant `x`.
    #[inline]
    fn from(x: T) -> Self {
        Var2::constant(x)
    }
}

impl<T: Real> DualNumber<T> for Var2<T> {
    const ORDER: u32 = 2;

    #[inline]
    fn re(&self) -> T {
        self.value
    }
    #[inline]
    fn from_re(re: T) -> Self {
        Var2::constant(re)
    }
    #[inline]
    fn is_constant(&self) -> bool {
        !self.is_variable()
    }
    #[inline]
    fn map_parts(self, f: impl Fn(T) -> T) -> Self {
        if self.is_variable() {
            Var2 { value: f(self.value), d1: f(self.d1), d2: f(self.d2), ..self }
        } else {
            Var2::constant(f(self.value))
        }
    }
    #[inline]
    fn shift(self, c: T) -> Self {
        self.shifted(c)
    }
    /// The derivative parts of a `Var2` are its derivatives with respect
    /// to its own slot and 0 elsewhere (as for [`Var`](crate::Var)).
    #[inline]
    fn all_parts(&self, other: &Self, mut pred: impl FnMut(&T, &T) -> bool) -> bool {
        let zero = T::zero();
        let mut both = |a: [T; 2], b: [T; 2]| pred(&a[0], &b[0]) && pred(&a[1], &b[1]);
        let none = [zero; 2];
        both([self.value, zero], [other.value, zero])
            && match (self.place(), other.place()) {
                (None, None) => true,
                (Some((sa, ta, a1, a2)), Some((sb, tb, b1, b2))) if (sa, ta) == (sb, tb) => {
                    both([a1, a2], [b1, b2])
                }
                (Some((.., a1, a2)), Some((.., b1, b2))) => {
                    both([a1, a2], none) && both(none, [b1, b2])
                }
                (Some((.., a1, a2)), None) => both([a1, a2], none),
                (None, Some((.., b1, b2))) => both(none, [b1, b2]),
            }
    }
}

impl<T: Real> ChainRule<T> for Var2<T> {
    #[inline(always)]
    fn chain(self, f: Rule<T>) -> Self {
        self.unary(f)
    }
    #[inline(always)]
    fn chain2(self, other: Self, f: Rule2<T>) -> Self {
        self.binary(other, f)
    }
}

/// The rule of a + s·b: partials (1, s), no curvature.
#[inline(always)]
fn linear<T: Real>(f0: T, s: T) -> Rule2<T> {
    let zero = T::zero();
    Rule2 { f0, fx: T::one(), fy: s, fxx: zero, fxy: zero, fyy: zero }
}

// Adding or subtracting a constant keeps the slot.
impl<T: Real> Add for Var2<T> {
    type Output = Self;
    #[inline(always)]
    fn add(self, rhs: Self) -> Self {
        match (self.is_variable(), rhs.is_variable()) {
            (true, true) => self.binary(rhs, linear(self.value + rhs.value, T::one())),
            (_, false) => self.shifted(rhs.value),
            (false, true) => rhs.shifted(self.value),
        }
    }
}

impl<T: Real> Sub for Var2<T> {
    type Output = Self;
    #[inline(always)]
    fn sub(self, rhs: Self) -> Self {
        match (self.is_variable(), rhs.is_variable()) {
            (true, true) => self.binary(rhs, linear(self.value - rhs.value, -T::one())),
            (_, false) => self.shifted(-rhs.value),
            (false, true) => (-rhs).shifted(self.value),
        }
    }
}

impl<T: Real> Mul for Var2<T> {
    type Output = Self;
    #[inline(always)]
    fn mul(self, rhs: Self) -> Self {
        self.binary(rhs, crate::rules::mul(self.value, rhs.value))
    }
}

// q = a/b, taken as a function of a/b's operands scaled by r = 1/b:
// with a′r, a″r, b′r, b″r in place of a′, a″, b′, b″, its partials are
// (1, -q) and its second partials (0, -1, 2q). Scaling first keeps every
// partial in range where the derivative is: -q·(b′/b), not (-q/b)·b′,
// which underflows for b = e^(x²) at x = 21.5 (as for `Var`).
impl<T: Real> Div for Var2<T> {
    type Output = Self;
    #[inline(always)]
    fn div(self, rhs: Self) -> Self {
        let q = self.value / rhs.value;
        let r = rhs.value.recip();
        let scaled = |v: Self| Var2 { d1: r.zero_wins_mul(v.d1), d2: r.zero_wins_mul(v.d2), ..v };
        let zero = T::zero();
        let rule = Rule2 { f0: q, fx: T::one(), fy: -q, fxx: zero, fxy: -T::one(), fyy: q + q };
        scaled(self).binary(scaled(rhs), rule)
    }
}

impl<T: Real> Neg for Var2<T> {
    type Output = Self;
    #[inline(always)]
    fn neg(self) -> Self {
        Var2 { value: -self.value, d1: -self.d1, d2: -self.d2, ..self }
    }
}

impl_number!([T: Real] Var2<T>);

impl<T: Real> fmt::Display for Var2<T> {
    /// The value (`1.5`); its derivatives exist only after a sweep.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::display::Part(&self.value, f.precision()).fmt(f)
    }
}
