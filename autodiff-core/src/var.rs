//! [`Var`]: the reverse-mode number, a value and its place on a tape.

use core::fmt;
use core::ops::{Add, Div, Mul, Neg, Sub};

use crate::number::{impl_number, ChainRule, DualNumber};
use crate::rules::{Rule, Rule2};
use crate::tape::NO_TAPE;
use crate::Real;

/// A reverse-mode number: a value, and its derivative with respect to one
/// slot of the tape of a driver call.
///
/// `Var` implements [`Scalar`](crate::Scalar) like the forward types, so
/// every generic fn and every `#[differentiable]` fn takes it unchanged.
/// Evaluating `f` on `Var`s records each operation with its local partial
/// derivatives (from the same rules as the forward types); one reverse
/// sweep then gives the whole gradient, at a small constant multiple of
/// one evaluation of `f` however many inputs there are. The drivers
/// ([`gradient_reverse`](crate::gradient_reverse),
/// [`gradient_slice`](crate::gradient_slice), [`vjp`](crate::vjp), ...)
/// create the variables, run the sweep and read the results:
///
/// ```
/// use autodiff_core::{gradient_reverse, Scalar};
///
/// fn f<T: Scalar>(x: &[T]) -> T {
///     x.iter().map(|&xi| xi.sin() * xi).sum()
/// }
///
/// let x = [0.5, 1.0, 2.0];
/// let (value, grad) = gradient_reverse(|x| f(x), &x);
/// assert_eq!(value, f(&x[..]));
/// for (g, xi) in grad.iter().zip(x) {
///     assert!((g - (xi.cos() * xi + xi.sin())).abs() < 1e-15);
/// }
/// ```
///
/// A `Var` is `Copy` and small: its value, its slot and tape, and its
/// derivative with respect to that slot (the *scale*). Only operations of
/// two different variables are recorded; an operation of one variable
/// (`x.sin()`, `x * 2.0`, `x * x`, `-x`, `x + 1.0`) keeps its slot and
/// multiplies the scale by the local derivative, as forward mode would, so
/// chains of them cost no tape at all. Constants ([`Var::constant`],
/// literals, `f64` data) are not recorded, and arithmetic among constants
/// stays constant, so the edge conventions of the crate docs hold.
///
/// Each driver call records on its own tape, on its own thread: calls run
/// on many threads at once, and a driver called inside a function being
/// differentiated records apart. A `Var` that escapes its call keeps its
/// value; reading derivatives through it (returning it to a driver, or
/// combining it with a variable of another call) panics with a message, so
/// it never reads another call's tape.
///
/// Two limits of reverse mode, where forward mode does better: a
/// derivative that is 0 only because recorded terms cancel (∂/∂x of
/// `(x + y) - (y + x)`) is not seen to be 0, so an infinite derivative
/// outside it (`sqrt` at 0) gives NaN where forward mode gives 0 (a
/// cancellation within one variable, `x - x`, folds to an exact 0 and
/// gives 0); and each local partial is a number of its own, so one below
/// the smallest `f64` (about 1e-308) is lost even where the chain's
/// product would not be (quotients are arranged so that theirs are not).
///
/// `==`, `<` and the other comparisons look at the value, as for the
/// forward types. `Display` shows the value.
#[derive(Clone, Copy, Debug, Default)]
pub struct Var<T> {
    value: T,
    /// ∂value/∂(the slot's node); meaningless for a constant.
    scale: T,
    slot: u32,
    tape: u32,
}

/// A [`Var`] over `f64`.
pub type Var64 = Var<f64>;
/// A [`Var`] over `f32`.
pub type Var32 = Var<f32>;

impl<T: Real> Var<T> {
    /// A constant: recorded nowhere, derivative 0 with respect to every
    /// variable.
    ///
    /// ```
    /// use autodiff_core::Var64;
    /// let c = Var64::constant(2.0);
    /// assert_eq!(c.value(), 2.0);
    /// assert!(!c.is_variable());
    /// ```
    #[inline]
    pub fn constant(x: T) -> Self {
        Var { value: x, scale: T::zero(), slot: 0, tape: NO_TAPE }
    }

    /// The value.
    ///
    /// ```
    /// use autodiff_core::{gradient_reverse, Var64};
    /// let (y, _) = gradient_reverse(|x: &[Var64]| {
    ///     assert_eq!(x[0].value(), 3.0);
    ///     x[0] * x[0]
    /// }, &[3.0]);
    /// assert_eq!(y, 9.0);
    /// ```
    #[inline]
    pub fn value(&self) -> T {
        self.value
    }

    /// Whether this number depends on the variables of a driver call (it is
    /// recorded on a tape), rather than being a constant.
    ///
    /// ```
    /// use autodiff_core::{gradient_reverse, Var64};
    /// gradient_reverse(|x: &[Var64]| {
    ///     assert!(x[0].is_variable());
    ///     assert!(!(Var64::constant(2.0) * 3.0).is_variable());
    ///     x[0]
    /// }, &[1.0]);
    /// ```
    #[inline]
    pub fn is_variable(&self) -> bool {
        self.tape != NO_TAPE
    }

    /// Input `slot` of tape `tape`.
    #[inline]
    pub(crate) fn input(value: T, slot: u32, tape: u32) -> Self {
        Var { value, scale: T::one(), slot, tape }
    }

    /// The slot, tape id and scale of a variable (`None` for a constant).
    #[inline]
    pub(crate) fn place(&self) -> Option<(u32, u32, T)> {
        self.is_variable().then_some((self.slot, self.tape, self.scale))
    }

    /// The result `value` of an operation of `self` alone, with local
    /// partial `partial`: the same slot, the scale times the partial (0
    /// where either is 0, even beside an infinite one:
    /// [`Real::zero_wins_mul`]).
    #[inline(always)]
    fn unary(self, value: T, partial: T) -> Self {
        if !self.is_variable() {
            return Var::constant(value);
        }
        Var { value, scale: partial.zero_wins_mul(self.scale), ..self }
    }

    /// The result `value` of an operation of `self` and `other`, with local
    /// partials `d_self` and `d_other`.
    #[inline(always)]
    fn binary(self, other: Self, value: T, d_self: T, d_other: T) -> Self {
        self.combine(other, value, |s| d_self.zero_wins_mul(s), |s| d_other.zero_wins_mul(s))
    }

    /// The result `value` of an operation of `self` and `other`, where
    /// `through_self(s)` is the derivative through `self` of a `self` of
    /// scale `s` (its local partial times `s`), likewise `through_other`:
    /// recorded on the tape only when both are variables of different
    /// slots. (A quotient multiplies its factors in an order that cannot
    /// underflow; the other operations go through [`binary`](Var::binary).)
    #[inline(always)]
    fn combine(
        self,
        other: Self,
        value: T,
        through_self: impl FnOnce(T) -> T,
        through_other: impl FnOnce(T) -> T,
    ) -> Self {
        match (self.is_variable(), other.is_variable()) {
            (true, true) if self.slot == other.slot && self.tape == other.tape => {
                let scale = through_self(self.scale) + through_other(other.scale);
                Var { value, scale, ..self }
            }
            (true, true) => {
                let partials = [through_self(self.scale), through_other(other.scale)];
                let slot = T::record([self.tape, other.tape], [self.slot, other.slot], partials);
                Var { value, scale: T::one(), slot, tape: self.tape }
            }
            (true, false) => Var { value, scale: through_self(self.scale), ..self },
            (false, true) => Var { value, scale: through_other(other.scale), ..other },
            (false, false) => Var::constant(value),
        }
    }

    /// `self` with `c` added to its value: the same derivatives, so the
    /// same slot and scale.
    #[inline(always)]
    fn shifted(self, c: T) -> Self {
        Var { value: self.value + c, ..self }
    }
}

impl<T: Real> From<T> for Var<T> {
    /// The constant `x`.
    #[inline]
    fn from(x: T) -> Self {
        Var::constant(x)
    }
}

impl<T: Real> DualNumber<T> for Var<T> {
    const ORDER: u32 = 1;

    #[inline]
    fn re(&self) -> T {
        self.value
    }
    #[inline]
    fn from_re(re: T) -> Self {
        Var::constant(re)
    }
    #[inline]
    fn is_constant(&self) -> bool {
        !self.is_variable()
    }
    #[inline]
    fn map_parts(self, f: impl Fn(T) -> T) -> Self {
        if self.is_variable() {
            Var { value: f(self.value), scale: f(self.scale), ..self }
        } else {
            Var::constant(f(self.value))
        }
    }
    #[inline]
    fn shift(self, c: T) -> Self {
        self.shifted(c)
    }
    /// The derivative parts of a `Var` are its scale with respect to its
    /// own slot and 0 elsewhere: two numbers agree in every part when their
    /// values agree and their scales agree slot by slot, and a number is
    /// zero in every part when its value and its scale are 0.
    #[inline]
    fn all_parts(&self, other: &Self, mut pred: impl FnMut(&T, &T) -> bool) -> bool {
        let zero = T::zero();
        pred(&self.value, &other.value)
            && match (self.place(), other.place()) {
                (None, None) => pred(&zero, &zero),
                (Some((sa, ta, a)), Some((sb, tb, b))) if (sa, ta) == (sb, tb) => pred(&a, &b),
                (Some((.., a)), Some((.., b))) => pred(&a, &zero) && pred(&zero, &b),
                (Some((.., a)), None) => pred(&a, &zero),
                (None, Some((.., b))) => pred(&zero, &b),
            }
    }
}

impl<T: Real> ChainRule<T> for Var<T> {
    // f(a) keeps a's slot, its scale times f'(a).
    #[inline(always)]
    fn chain(self, f: Rule<T>) -> Self {
        self.unary(f.f0, f.f1)
    }
    #[inline(always)]
    fn chain2(self, other: Self, f: Rule2<T>) -> Self {
        self.binary(other, f.f0, f.fx, f.fy)
    }
}

// ∂(a + b)/∂a = ∂(a + b)/∂b = 1; adding a constant keeps the slot.
impl<T: Real> Add for Var<T> {
    type Output = Self;
    #[inline(always)]
    fn add(self, rhs: Self) -> Self {
        match (self.is_variable(), rhs.is_variable()) {
            (true, true) => self.binary(rhs, self.value + rhs.value, T::one(), T::one()),
            (_, false) => self.shifted(rhs.value),
            (false, true) => Var { value: self.value + rhs.value, ..rhs },
        }
    }
}

// ∂(a - b)/∂a = 1, ∂(a - b)/∂b = -1.
impl<T: Real> Sub for Var<T> {
    type Output = Self;
    #[inline(always)]
    fn sub(self, rhs: Self) -> Self {
        match (self.is_variable(), rhs.is_variable()) {
            (true, true) => self.binary(rhs, self.value - rhs.value, T::one(), -T::one()),
            (_, false) => Var { value: self.value - rhs.value, ..self },
            (false, true) => Var { value: self.value - rhs.value, scale: -rhs.scale, ..rhs },
        }
    }
}

// ∂(ab)/∂a = b, ∂(ab)/∂b = a.
impl<T: Real> Mul for Var<T> {
    type Output = Self;
    #[inline(always)]
    fn mul(self, rhs: Self) -> Self {
        self.binary(rhs, self.value * rhs.value, rhs.value, self.value)
    }
}

// ∂(a/b)/∂a = 1/b, ∂(a/b)/∂b = -(a/b)/b.
impl<T: Real> Div for Var<T> {
    type Output = Self;
    #[inline(always)]
    fn div(self, rhs: Self) -> Self {
        let q = self.value / rhs.value;
        let inv = rhs.value.recip();
        // -q·(b'/b), not (-q/b)·b': for b = e^(x²) at x = 21.5, q/b is
        // 1e-401 (0 in f64) while b'/b = 2x is not.
        self.combine(rhs, q, |s| inv.zero_wins_mul(s), |s| (-q).zero_wins_mul(inv.zero_wins_mul(s)))
    }
}

// ∂(-a)/∂a = -1.
impl<T: Real> Neg for Var<T> {
    type Output = Self;
    #[inline(always)]
    fn neg(self) -> Self {
        Var { value: -self.value, scale: -self.scale, ..self }
    }
}

impl_number!([T: Real] Var<T>);

impl<T: Real> fmt::Display for Var<T> {
    /// The value (`1.5`); its derivatives exist only after a sweep.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::display::Part(&self.value, f.precision()).fmt(f)
    }
}
