//! What each number type supplies: its chain rules ([`DualNumber`]).
//!
//! Everything else (every `Float` method, the num-traits, the operators in all
//! their by-reference and mixed-with-`f64` forms, comparisons and `approx`) is
//! generated from these few methods by the [`impl_number!`] macro, with the
//! derivative rules of [`rules`](crate::rules).

use crate::rules::{Rule, Rule2};
use crate::Real;

/// The parts of a number type whose real part is of type `T`: what the
/// operator and comparison impls ([`impl_ops!`](crate::ops::impl_ops),
/// [`impl_compare!`](crate::compare::impl_compare)) need.
pub(crate) trait DualNumber<T: Real>: Copy {
    /// The highest derivative order the type carries over its real part
    /// (1 for `Dual`, 2 for `Dual2` and `HyperDual`).
    const ORDER: u32;

    /// The real part (the value).
    fn re(&self) -> T;

    /// A constant: real part `re`, every derivative part 0.
    fn from_re(re: T) -> Self;

    /// Whether every derivative part is exactly zero.
    fn is_constant(&self) -> bool;

    /// Applies `f` to every part (value and derivatives): scaling by a
    /// constant.
    fn map_parts(self, f: impl Fn(T) -> T) -> Self;

    /// Adds a constant to the real part.
    fn shift(self, c: T) -> Self;

    /// Whether `pred` holds for every pair of corresponding parts.
    fn all_parts(&self, other: &Self, pred: impl FnMut(&T, &T) -> bool) -> bool;

    /// [`Real::zero_wins_mul`] for the type: every part at once unless
    /// the type multiplies part by part.
    #[inline(always)]
    fn zero_wins_product(self, other: Self) -> Self
    where
        Self: Real,
    {
        if self.is_zero_in_every_part() || other.is_zero_in_every_part() {
            Self::zero()
        } else {
            self * other
        }
    }

    /// Runs `f` on this thread's tapes of `Var<Self>` (what
    /// [`Real::with_tapes`] does for the type): the shared store, found
    /// by type, unless the type has a store of its own.
    #[inline(always)]
    fn with_own_tapes<R>(f: impl FnOnce(&mut crate::tape::TapeStore<Self>) -> R) -> R
    where
        Self: Real,
    {
        crate::tape::with_other_tapes(f)
    }
}

/// The chain rules of a number type that carries derivatives up to second
/// order: every elementary function ([`impl_float!`](crate::float::impl_float))
/// is one of these applied to a rule of [`rules`](crate::rules).
///
/// A type implements this (plus the by-value `+ - * /` and unary `-`, its
/// sum, product and quotient rules) in its own file and invokes
/// [`impl_number!`] for the rest.
pub(crate) trait ChainRule<T: Real>: DualNumber<T> {
    /// `f(self)` given f's value and derivatives at the real part.
    fn chain(self, f: Rule<T>) -> Self;

    /// `f(self, other)` given f's value and partial derivatives at the real
    /// parts.
    fn chain2(self, other: Self, f: Rule2<T>) -> Self;
}

/// `f · e`, except that a zero derivative part stays exactly zero even where
/// `f` is infinite or NaN: a constant passed through `sqrt` at 0 keeps
/// derivative 0 (not `0 · ∞ = NaN`).
#[inline(always)]
pub(crate) fn times<T: Real>(f: T, e: T) -> T {
    f.times_unless_zero(e)
}

/// `x · y` for two derivative parts, 0 when either is exactly 0 even if
/// the other is infinite or NaN: the cross terms of the product and
/// quotient rules (`a'b'`), where a constant's zero must win over `∞`.
#[inline(always)]
pub(crate) fn cross<T: Real>(x: T, y: T) -> T {
    if x.is_zero_in_every_part() {
        T::zero()
    } else {
        x.times_unless_zero(y)
    }
}

/// A product whose value `ab` is not finite (a factor is ±∞ or NaN, or the
/// product overflows) goes through [`guarded_product`]; `None` for a finite
/// product, which takes the type's own product rule. Testing the value,
/// computed anyway, keeps that path one compare long.
#[inline(always)]
pub(crate) fn nonfinite_product<T: Real, D: ChainRule<T>>(a: D, b: D, ab: T) -> Option<D> {
    if ab.is_finite() {
        None
    } else {
        Some(guarded_product(a, b))
    }
}

/// `a·b` such that a constant's zero derivative stays zero (`∞ · 0` would
/// make it NaN). Used by the vector types, where one test of the value
/// guards every lane; inlined, because an out-of-line call would make the
/// compiler keep both operands in memory on the fast path too. (The scalar
/// types guard each term branch-free instead, with [`times`] and [`cross`],
/// which also keeps deeply nested duals from multiplying this path.)
#[inline(always)]
fn guarded_product<T: Real, D: ChainRule<T>>(a: D, b: D) -> D {
    if b.is_constant() && b.re().is_finite() {
        // A finite constant factor scales every part: (∞ + 1ε)·2 = ∞ + 2ε.
        a.map_parts(|p| p * b.re())
    } else if a.is_constant() && a.re().is_finite() {
        b.map_parts(|p| a.re() * p)
    } else {
        a.chain2(b, crate::rules::mul(a.re(), b.re()))
    }
}

/// A quotient whose value `a/b` is not finite (a division by zero, or a
/// non-finite numerator) goes through [`guarded_quotient`]; `None`
/// otherwise.
#[inline(always)]
pub(crate) fn nonfinite_quotient<T: Real, D: ChainRule<T>>(a: D, b: D, q: T) -> Option<D> {
    if q.is_finite() {
        None
    } else {
        Some(guarded_quotient(a, b))
    }
}

/// `a/b` such that a constant's zero derivative stays zero: `1/0` of
/// constants is `∞` with derivative 0 (see [`guarded_product`]).
#[inline(always)]
fn guarded_quotient<T: Real, D: ChainRule<T>>(a: D, b: D) -> D {
    let y = b.re();
    if b.is_constant() && y.is_finite() && y != T::zero() {
        // A finite, non-zero constant divisor scales every part:
        // ln(x)/2 at 0 is (-∞, ∞/2, -∞/2), with no 0·∞ from a cross term.
        a.map_parts(|p| p / y)
    } else {
        a.chain2(b, crate::rules::div(a.re(), y))
    }
}

/// How a formula multiplies a factor by a derivative part: plainly, or so
/// that a zero part wins over an infinite or NaN factor ([`times`]).
#[derive(Clone, Copy)]
pub(crate) enum Products {
    /// As IEEE multiplies: the same as [`times`] where the factor is finite.
    Plain,
    /// [`times`]: a constant's zero derivative stays zero.
    ZeroWins,
}

impl Products {
    /// A factor `f` times a derivative part `e`: [`times`] when zero wins.
    #[inline(always)]
    pub(crate) fn times<T: Real>(self, f: T, e: T) -> T {
        match self {
            Products::Plain => f * e,
            Products::ZeroWins => times(f, e),
        }
    }
}

/// Evaluates the derivative parts of the quotient `a/b`, whose value
/// `quotient` (exactly `a/b`) the caller has computed, by
/// `parts(q, 1/b, products)`, where `q` stands for `a/b` in `(a' - q·b')/b`.
///
/// For `f64` and `f32` where `1/b` is a normal number and `q = a·(1/b)` is
/// finite (every ordinary quotient), `q` is that product, within an ulp of
/// `a/b`, and the products are plain: both factors are finite, so no guard
/// could change them. The derivative parts then need no division of their
/// own and do not wait for the value's: `1/b` is computed as soon as `b` is
/// known, beside everything else, and the parts follow `a` by a few
/// multiplications. Elsewhere (`b` zero, subnormal, huge or not finite, a
/// non-finite quotient, and in nested types) `q` is `quotient` and the
/// products are [`times`].
#[inline(always)]
pub(crate) fn with_quotient<T: Real, D>(
    a: T,
    b: T,
    quotient: T,
    parts: impl Fn(T, T, Products) -> D,
) -> D {
    let inv = b.recip();
    if T::derivative_order() == 0 {
        let q = a * inv;
        if inv.is_normal() && q.is_finite() {
            return parts(q, inv, Products::Plain);
        }
    }
    parts(quotient, inv, Products::ZeroWins)
}

/// `n / b` for a derivative part of a quotient, as a multiplication by
/// `1/b` (which the compiler computes once per division and in parallel with
/// the value `a/b`), falling back to a true division where `1/b` is not a
/// normal number (`b` subnormal, huge, zero or not finite).
#[inline(always)]
pub(crate) fn quotient_part<T: Real>(n: T, b: T) -> T {
    let inv = b.recip();
    if inv.is_normal() {
        n * inv
    } else {
        n / b
    }
}

/// Implements every trait of a number type from its [`DualNumber`] and
/// [`ChainRule`] impls and its by-value `Add`, `Sub`, `Mul`, `Div`, `Neg`.
///
/// Usage: `impl_number!([T: Real] Dual<T>);` The generic parameter holding
/// the real part must be called `T`.
macro_rules! impl_number {
    ([$($g:tt)*] $ty:ty) => {
        $crate::ops::impl_ops!([$($g)*] $ty);
        $crate::float::impl_float!([$($g)*] $ty);
        $crate::compare::impl_compare!([$($g)*] $ty);
        $crate::integrations::impl_integrations!([$($g)*] $ty);
    };
}
pub(crate) use impl_number;
