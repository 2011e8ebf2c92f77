//! [`Real`]: what every number type is, and what dual numbers are built over.

use core::fmt::{Debug, Display};
use core::iter::{Product, Sum};
use core::str::FromStr;

use num_traits::float::TotalOrder;
use num_traits::{Float, FloatConst, NumAssignOps};

use crate::special;

/// A real number type: `f32`, `f64` or any dual number over them, nested
/// to any depth.
///
/// `Real` is [`num_traits::Float`] and [`FloatConst`] plus the functions
/// `Float` lacks (error and gamma functions, activations, the `f64`
/// methods [`rem_euclid`](Real::rem_euclid), [`div_euclid`](Real::div_euclid),
/// [`round_ties_even`](Real::round_ties_even), [`midpoint`](Real::midpoint),
/// [`next_up`](Real::next_up), [`next_down`](Real::next_down) and, through [`TotalOrder`], `total_cmp`) and [`Real::cst`] to lift an
/// `f64` constant. It also has sums and products over references
/// (`xs.iter().sum()`) and parsing (`"1.5".parse()`, the value with
/// derivative parts 0), as `f64` does, and the `approx` comparisons with a
/// tolerance of its own type (as nalgebra's `RealField` requires, so that
/// with the `nalgebra` feature every number type over any `T: Real` is a
/// `RealField`). Every dual type of this crate is generic over
/// a `T: Real` and is itself `Real`, so `Dual<Dual<f64>>` works.
///
/// Generic code usually writes the stronger bound [`Scalar`](crate::Scalar),
/// which adds arithmetic with `f64` on the right (`x * 2.0`). `f32` is
/// `Real` but not `Scalar`: Rust's orphan rule forbids implementing
/// `f32 * f64`. Write `T: Real` to accept `f32` too.
///
/// Only names that `Float` does not have are declared here, so calling
/// `x.sin()` is never ambiguous. On a concrete `f64`, `x.erf()`, `x.gamma()`
/// and `x.ln_gamma()` share their names with unstable inherent methods of
/// the standard library; rustc then warns (`unstable_name_collisions`) and
/// uses this trait. Generic code (`T: Real`) is not affected.
///
/// ```
/// use autodiff_core::{Dual64, Real};
///
/// let x = Dual64::new(0.5, 1.0);
/// let y = x.erf();
/// // erf'(x) = 2/√π e^{-x²}
/// let expected = 2.0 / core::f64::consts::PI.sqrt() * (-0.25f64).exp();
/// assert!((y.eps - expected).abs() < 1e-15);
/// ```
pub trait Real:
    Float
    + FloatConst
    + NumAssignOps
    + Sum
    + Product
    + for<'a> Sum<&'a Self>
    + for<'a> Product<&'a Self>
    + TotalOrder
    + FromStr<Err: Debug + Display>
    + approx::RelativeEq<Epsilon = Self>
    + approx::UlpsEq<Epsilon = Self>
    + Debug
    + Display
    + Default
    + Send
    + Sync
    + 'static
{
    /// Lifts an `f64` constant into this type (derivative parts 0).
    ///
    /// ```
    /// use autodiff_core::{Dual64, Real};
    /// assert_eq!(Dual64::cst(2.0), Dual64::new(2.0, 0.0));
    /// ```
    fn cst(x: f64) -> Self;

    /// The highest order of derivative the type carries: 0 for `f64` and
    /// `f32`, 1 for `Dual<f64>` and `DualVec`, 2 for `Dual2`, `HyperDual`
    /// and `Dual<Dual<f64>>`, K − 1 for `Jet<f64, K>`. Drivers that build a
    /// result by Newton steps ([`implicit_root`](crate::implicit_root))
    /// take as many as this order needs.
    ///
    /// ```
    /// use autodiff_core::{Dual, Dual2_64, Dual64, Real};
    /// assert_eq!(f64::derivative_order(), 0);
    /// assert_eq!(Dual64::derivative_order(), 1);
    /// assert_eq!(Dual2_64::derivative_order(), 2);
    /// assert_eq!(Dual::<Dual2_64>::derivative_order(), 3);
    /// ```
    fn derivative_order() -> u32 {
        0
    }

    /// Whether every part, value and derivatives, is exactly zero: what
    /// the chain rules test to keep a constant's zero derivative zero
    /// beside an infinite factor. (`num_traits::Zero::is_zero` looks at the
    /// value only, as comparisons do.)
    #[doc(hidden)]
    fn is_zero_in_every_part(&self) -> bool {
        self.is_zero()
    }

    /// Whether the value is exactly one and every derivative part zero.
    #[doc(hidden)]
    fn is_one_in_every_part(&self) -> bool {
        (*self - Self::one()).is_zero_in_every_part()
    }

    /// `self · e`, but 0 where `e` is zero in every part even if `self` is
    /// ±∞ or NaN: the chain rules' guarded product (`number::times`).
    /// Primitive floats mask the product's bits instead of branching, so
    /// the guard stays one compare and one `and` beside the multiply.
    #[doc(hidden)]
    #[inline(always)]
    fn times_unless_zero(self, e: Self) -> Self {
        if e.is_zero_in_every_part() {
            Self::zero()
        } else {
            self * e
        }
    }

    /// `self · other` where each product of parts with an exactly zero
    /// factor is 0, even beside ∞ or NaN: how reverse mode multiplies a
    /// local partial by a derivative, so that a zero derivative stays zero
    /// (for `f64`: 0 if either factor is 0; for a dual number, part by
    /// part, so `(∞ + 0ε)(0 + 2ε)` is `0 + ∞ε`).
    #[doc(hidden)]
    fn zero_wins_mul(self, other: Self) -> Self {
        if self.is_zero_in_every_part() || other.is_zero_in_every_part() {
            Self::zero()
        } else {
            self * other
        }
    }

    /// Runs `f` on this thread's reverse-mode tapes for `Self`
    /// ([`Var<Self>`](crate::Var) records there).
    #[doc(hidden)]
    fn with_tapes<R>(f: impl FnOnce(&mut crate::tape::TapeStore<Self>) -> R) -> R {
        crate::tape::with_other_tapes(f)
    }

    /// Runs `f` on this thread's reverse-mode tapes for `Dual<Self>`
    /// (forward over reverse: `Var<Dual<Self>>` records there).
    #[doc(hidden)]
    fn with_dual_tapes<R>(
        f: impl FnOnce(&mut crate::tape::TapeStore<crate::Dual<Self>>) -> R,
    ) -> R {
        crate::tape::with_other_tapes(f)
    }

    /// Runs `f` on this thread's second-order tapes for `Self`
    /// ([`Var2<Self>`](crate::Var2) records there).
    #[doc(hidden)]
    fn with_tapes2<R>(f: impl FnOnce(&mut crate::tape2::TapeStore2<Self>) -> R) -> R {
        crate::tape2::with_other_tapes2(f)
    }

    /// Appends a node to this thread's recording tape for `Self` (what
    /// every operation on a [`Var<Self>`](crate::Var) does): its operands'
    /// tape ids, their slots and the partials; returns the new slot.
    #[doc(hidden)]
    #[inline(always)]
    fn record(tapes: [u32; 2], parents: [u32; 2], partials: [Self; 2]) -> u32 {
        Self::with_tapes(move |s| s.push(tapes, parents, partials))
    }

    /// The error function, erf x = 2/√π ∫₀ˣ e^{-t²} dt.
    fn erf(self) -> Self;

    /// The complementary error function, erfc x = 1 - erf x, accurate for
    /// large x.
    fn erfc(self) -> Self;

    /// The gamma function Γ(x). At 0 and the negative integers it follows
    /// C's `tgamma` (±∞ or NaN).
    fn gamma(self) -> Self;

    /// ln|Γ(x)|, the logarithm of the absolute value of the gamma function.
    fn ln_gamma(self) -> Self;

    /// The digamma function ψ(x) = Γ'(x)/Γ(x), the derivative of
    /// [`ln_gamma`](Real::ln_gamma).
    fn digamma(self) -> Self {
        self.polygamma(0)
    }

    /// The polygamma function ψ⁽ⁿ⁾(x), the n-th derivative of
    /// [`digamma`](Real::digamma). At a pole (0, -1, -2, ...) it is +∞ for
    /// odd n and NaN for even n (the one-sided limits differ).
    fn polygamma(self, n: u32) -> Self;

    /// The logistic sigmoid σ(x) = 1/(1 + e⁻ˣ), computed without overflow;
    /// σ' = σ(1 - σ).
    fn sigmoid(self) -> Self;

    /// softplus(x) = ln(1 + eˣ), computed without overflow; its derivative
    /// is the sigmoid.
    fn softplus(self) -> Self;

    /// The rectified linear unit, max(x, 0). Its derivative is 1 for x > 0
    /// and 0 for x ≤ 0 (at a tie `max` returns its argument, the constant 0).
    fn relu(self) -> Self {
        self.max(Self::zero())
    }

    /// Leaky ReLU: x for x > 0, `alpha`·x otherwise (derivative 1, or
    /// `alpha` for x ≤ 0). With a learnable `alpha` this is PReLU.
    fn leaky_relu(self, alpha: f64) -> Self {
        if self > Self::zero() {
            self
        } else {
            self * Self::cst(alpha)
        }
    }

    /// The least nonnegative remainder of `self / rhs`, as
    /// `f64::rem_euclid`: `r = self - rhs·q` with `q =
    /// self.div_euclid(rhs)`, so ∂r/∂self = 1 and ∂r/∂rhs = -q. The value
    /// is `f64`'s exactly; `rhs = 0` gives NaN.
    ///
    /// ```
    /// use autodiff_core::{derivative, Dual64, Real};
    ///
    /// assert_eq!(Real::rem_euclid(-7.0f64, 4.0), 1.0);
    /// // r = x - 4·floor(x/4): slope 1 between the jumps
    /// assert_eq!(derivative(|x: Dual64| x.rem_euclid(Dual64::cst(4.0)), -7.0), 1.0);
    /// ```
    fn rem_euclid(self, rhs: Self) -> Self {
        let r = self % rhs;
        if r < Self::zero() {
            r + rhs.abs()
        } else {
            r
        }
    }

    /// The Euclidean quotient, as `f64::div_euclid`: `self / rhs` rounded
    /// so that `self.rem_euclid(rhs)` is nonnegative. A step function:
    /// derivative 0.
    fn div_euclid(self, rhs: Self) -> Self {
        let q = (self / rhs).trunc();
        if self % rhs < Self::zero() {
            if rhs > Self::zero() {
                q - Self::one()
            } else {
                q + Self::one()
            }
        } else {
            q
        }
    }

    /// Rounds half-way cases to the even integer, as
    /// `f64::round_ties_even`. A step function: derivative 0.
    fn round_ties_even(self) -> Self {
        let half = Self::cst(0.5);
        if (self - self.trunc()).abs() == half {
            (self * half).round() * Self::cst(2.0)
        } else {
            self.round()
        }
    }

    /// The midpoint (a + b)/2 without overflow, as `f64::midpoint`;
    /// derivative ½ in each argument.
    fn midpoint(self, other: Self) -> Self {
        let half = Self::cst(0.5);
        let lo = Self::min_positive_value() * Self::cst(2.0);
        let hi = Self::max_value() * half;
        let (abs_a, abs_b) = (self.abs(), other.abs());
        if abs_a <= hi && abs_b <= hi {
            (self + other) * half
        } else if abs_a < lo {
            self + other * half
        } else if abs_b < lo {
            self * half + other
        } else {
            self * half + other * half
        }
    }

    /// The least number greater than `self`, as `f64::next_up`: the value
    /// one unit in the last place up (NaN stays NaN, +∞ stays +∞). Its
    /// derivative is taken as 1, that of the identity it differs from by
    /// one rounding step.
    fn next_up(self) -> Self;

    /// The greatest number less than `self`, as `f64::next_down`;
    /// derivative 1, as [`next_up`](Real::next_up).
    fn next_down(self) -> Self;

    /// The exponential linear unit: x for x > 0, `alpha`·(eˣ - 1) otherwise;
    /// its derivative is 1, or ELU(x) + `alpha` for x ≤ 0.
    fn elu(self, alpha: f64) -> Self {
        if self > Self::zero() {
            self
        } else {
            self.exp_m1() * Self::cst(alpha)
        }
    }
}

/// `Real` for a primitive float: special functions from `libm` (digamma and
/// polygamma from [`special`], evaluated in `f64`).
macro_rules! impl_real_for_float {
    ($t:ty, $bits:ty, $tapes:path, $dual_tapes:path, $tapes2:path, $erf:path, $erfc:path, $tgamma:path, $lgamma:path, $nextafter:path) => {
        impl Real for $t {
            #[inline(always)]
            fn with_tapes<R>(f: impl FnOnce(&mut crate::tape::TapeStore<Self>) -> R) -> R {
                $tapes(f)
            }
            #[inline(always)]
            fn with_dual_tapes<R>(
                f: impl FnOnce(&mut crate::tape::TapeStore<crate::Dual<Self>>) -> R,
            ) -> R {
                $dual_tapes(f)
            }
            #[inline(always)]
            fn with_tapes2<R>(f: impl FnOnce(&mut crate::tape2::TapeStore2<Self>) -> R) -> R {
                $tapes2(f)
            }
            #[inline(always)]
            fn cst(x: f64) -> Self {
                x as $t
            }
            #[inline(always)]
            fn times_unless_zero(self, e: Self) -> Self {
                // all ones where e ≠ 0 (NaN included), all zeros where e = ±0
                let keep = <$bits>::from(e != 0.0).wrapping_neg();
                <$t>::from_bits((self * e).to_bits() & keep)
            }
            #[inline]
            fn erf(self) -> Self {
                $erf(self)
            }
            #[inline]
            fn erfc(self) -> Self {
                $erfc(self)
            }
            #[inline]
            fn gamma(self) -> Self {
                $tgamma(self)
            }
            #[inline]
            fn ln_gamma(self) -> Self {
                $lgamma(self)
            }
            #[inline]
            fn polygamma(self, n: u32) -> Self {
                special::polygamma(n, self as f64) as $t
            }
            #[inline]
            fn sigmoid(self) -> Self {
                // e^{-|x|} never overflows.
                let e = (-self.abs()).exp();
                if self >= 0.0 {
                    1.0 / (1.0 + e)
                } else {
                    e / (1.0 + e)
                }
            }
            #[inline]
            fn softplus(self) -> Self {
                self.max(0.0) + (-self.abs()).exp().ln_1p()
            }
            #[inline]
            fn next_up(self) -> Self {
                $nextafter(self, <$t>::INFINITY)
            }
            #[inline]
            fn next_down(self) -> Self {
                $nextafter(self, <$t>::NEG_INFINITY)
            }
        }
    };
}

impl_real_for_float!(
    f64,
    u64,
    crate::tape::with_f64_tapes,
    crate::tape::with_dual_f64_tapes,
    crate::tape2::with_f64_tapes2,
    libm::erf,
    libm::erfc,
    libm::tgamma,
    libm::lgamma,
    libm::nextafter
);
impl_real_for_float!(
    f32,
    u32,
    crate::tape::with_f32_tapes,
    crate::tape::with_dual_f32_tapes,
    crate::tape2::with_f32_tapes2,
    libm::erff,
    libm::erfcf,
    libm::tgammaf,
    libm::lgammaf,
    libm::nextafterf
);
