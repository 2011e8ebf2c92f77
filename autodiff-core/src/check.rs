//! [`check_derivative`] and [`check_gradient`]: compare the derivative a
//! function computes with dual numbers against finite differences of the
//! same function, to test a derivative rule you wrote yourself.

use core::fmt;

use crate::{Dual64, DualVec64};

/// AD against finite differences for one derivative: the result of
/// [`check_derivative`], or one component of a [`GradientCheck`].
///
/// ```
/// use autodiff_core::{check_derivative, Float};
///
/// let c = check_derivative(|x| x.sin(), 1.0);
/// assert_eq!(c.ad, 1.0f64.cos());
/// assert!((c.fd - 1.0f64.cos()).abs() < 1e-12);
/// assert!(c.rel_error < 1e-12);
/// assert!(c.passes(1e-10));
/// println!("{c}"); // at x = 1: AD 0.5403023058681398, FD 0.5403023058681… (± …) …
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DerivativeCheck {
    /// The point (for a gradient component, that input's coordinate).
    pub x: f64,
    /// The function's value there.
    pub value: f64,
    /// The derivative the function computes with dual numbers.
    pub ad: f64,
    /// The finite-difference estimate (Richardson-extrapolated central
    /// differences, Ridders' method).
    pub fd: f64,
    /// The estimated error of `fd`: how much its last extrapolations
    /// disagree. Small (~1e-13 relative) where the function is smooth; large
    /// where it is not smooth within the steps tried, or where it varies too
    /// little to resolve in `f64`.
    pub fd_error: f64,
    /// |ad - fd|.
    pub abs_error: f64,
    /// |ad - fd| / max(|ad|, |fd|) (0 when both are 0).
    pub rel_error: f64,
}

impl DerivativeCheck {
    /// Whether AD and finite differences agree to a relative tolerance `tol`
    /// beyond the finite difference's own error:
    /// |ad - fd| ≤ tol · max(|ad|, |fd|) + `fd_error`. The allowance
    /// `fd_error` lets a derivative that is 0 (or tiny beside the function's
    /// value) pass, where no relative tolerance could. NaN never passes.
    ///
    /// A correct rule passes at 1e-8 at points where the function is smooth;
    /// a wrong one (a sign, a factor, a missing term) is off by far more.
    ///
    /// ```
    /// use autodiff_core::{check_derivative, Dual64, Float};
    ///
    /// // cos'(0) = 0: no relative error can be computed, fd_error covers it.
    /// assert!(check_derivative(|x| x.cos(), 0.0).passes(1e-8));
    /// // A derivative that is off by 1e-6 relative fails at 1e-8.
    /// let off = |x: Dual64| Dual64::new(x.re.exp(), x.eps * x.re.exp() * (1.0 + 1e-6));
    /// assert!(!check_derivative(off, 0.5).passes(1e-8));
    /// assert!(check_derivative(off, 0.5).passes(1e-5));
    /// ```
    pub fn passes(&self, tol: f64) -> bool {
        self.required_tol() <= tol
    }

    /// The smallest `tol` for which [`passes`](Self::passes) holds: the
    /// relative disagreement beyond the finite difference's error (0 if
    /// within it, +∞ if either derivative is NaN or infinite).
    ///
    /// ```
    /// use autodiff_core::{check_derivative, Float};
    ///
    /// let c = check_derivative(|x| x.exp(), 1.0);
    /// assert!(c.required_tol() < 1e-10);
    /// ```
    pub fn required_tol(&self) -> f64 {
        let excess = self.abs_error - self.fd_error;
        if excess.is_nan() || !self.ad.is_finite() || !self.fd.is_finite() {
            f64::INFINITY
        } else if excess <= 0.0 {
            0.0
        } else {
            excess / self.ad.abs().max(self.fd.abs())
        }
    }

    /// A check from the two derivatives.
    fn new(x: f64, value: f64, ad: f64, (fd, fd_error): (f64, f64)) -> Self {
        let abs_error = (ad - fd).abs();
        let scale = ad.abs().max(fd.abs());
        let rel_error = if abs_error == 0.0 { 0.0 } else { abs_error / scale };
        DerivativeCheck { x, value, ad, fd, fd_error, abs_error, rel_error }
    }
}

impl fmt::Display for DerivativeCheck {
    /// `at x = 0.7: AD 0.34602, FD 0.34602 (± 3.1e-14): abs. err. 5.6e-17, rel. err. 1.6e-16`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "at x = {}: AD {}, FD {} (± {:.1e}): abs. err. {:.1e}, rel. err. {:.1e}",
            self.x, self.ad, self.fd, self.fd_error, self.abs_error, self.rel_error
        )
    }
}

/// AD against finite differences for every partial derivative of a
/// function of `N` inputs: the result of [`check_gradient`].
///
/// ```
/// use autodiff_core::{check_gradient, Float};
///
/// let c = check_gradient(|v: [_; 2]| v[0] * v[1].exp(), [2.0, 0.5]);
/// assert_eq!(c.value, 2.0 * 0.5f64.exp());
/// assert_eq!(c.components.map(|p| p.ad), [0.5f64.exp(), 2.0 * 0.5f64.exp()]);
/// assert!(c.passes(1e-10));
/// let (i, worst) = c.worst().unwrap();
/// assert!(i < 2 && worst.rel_error < 1e-10);
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GradientCheck<const N: usize> {
    /// The point.
    pub x: [f64; N],
    /// The function's value there.
    pub value: f64,
    /// Each partial derivative ∂f/∂xᵢ: AD, finite differences in xᵢ, errors.
    pub components: [DerivativeCheck; N],
}

impl<const N: usize> GradientCheck<N> {
    /// Whether every component [passes](DerivativeCheck::passes) at `tol`.
    ///
    /// ```
    /// use autodiff_core::{check_gradient, DualVec64};
    ///
    /// // f = x·y with ∂f/∂y deliberately wrong (x + 1 instead of x).
    /// let wrong = |v: [DualVec64<2>; 2]| {
    ///     let (x, y) = (v[0].re, v[1].re);
    ///     DualVec64::new(x * y, core::array::from_fn(|i| y * v[0].eps[i] + (x + 1.0) * v[1].eps[i]))
    /// };
    /// let c = check_gradient(wrong, [2.0, 3.0]);
    /// assert!(!c.passes(1e-6));
    /// assert_eq!(c.worst().unwrap().0, 1);
    /// ```
    pub fn passes(&self, tol: f64) -> bool {
        self.components.iter().all(|c| c.passes(tol))
    }

    /// The component that needs the largest tolerance to pass (by
    /// [`required_tol`](DerivativeCheck::required_tol), then by relative
    /// error), with its index; `None` when N = 0.
    pub fn worst(&self) -> Option<(usize, &DerivativeCheck)> {
        let key = |c: &DerivativeCheck| (c.required_tol(), c.rel_error);
        self.components.iter().enumerate().max_by(|(_, a), (_, b)| {
            let (ka, kb) = (key(a), key(b));
            ka.0.total_cmp(&kb.0).then(ka.1.total_cmp(&kb.1))
        })
    }
}

impl<const N: usize> fmt::Display for GradientCheck<N> {
    /// The worst component: `worst of 2 partials, ∂f/∂x1 at x = 3: AD …, FD …`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.worst() {
            None => write!(f, "no inputs"),
            Some((i, c)) => write!(f, "worst of {N} partials, ∂f/∂x{i} {c}"),
        }
    }
}

/// Checks the derivative that `f` computes with dual numbers at `x` against
/// finite differences of the same `f`.
///
/// `f` is evaluated once at `Dual64::variable(x)` for its AD derivative,
/// and at `Dual64::constant(t)` for points t near x, whose values give a
/// central difference extrapolated to step 0 (Ridders' method: the step
/// shrinks from 0.1·max(1, |x|) by 1.4 at a time while a Neville tableau
/// eliminates the h², h⁴, … error terms, and the best entry is kept with its
/// error estimate). The first step is shortened until `f` is finite on both
/// sides and the estimate settles, so a point near the edge of the domain
/// or a singularity works.
///
/// This is for testing derivative rules you write yourself — a function on
/// `Dual64` that sets `eps` by hand, a custom type's `ChainRule`, an
/// approximation with its own derivative — not for production: it costs
/// some 20 evaluations of `f` where `f` is smooth, up to ~170 near a
/// singularity. Finite differences need `f` smooth near `x`;
/// at a kink or a jump `fd` means nothing and `fd_error` is large.
///
/// ```
/// use autodiff_core::{check_derivative, Dual64};
///
/// // softsign(x) = x / (1 + |x|), written with its derivative by hand:
/// // softsign'(x) = 1 / (1 + |x|)².
/// fn softsign(x: Dual64) -> Dual64 {
///     let d = 1.0 + x.re.abs();
///     Dual64::new(x.re / d, x.eps / (d * d))
/// }
/// for x in [-3.0, -0.5, 0.7, 10.0] {
///     let c = check_derivative(softsign, x);
///     assert!(c.passes(1e-8), "{c}");
/// }
///
/// // The same rule with the square forgotten is caught.
/// fn softsign_wrong(x: Dual64) -> Dual64 {
///     let d = 1.0 + x.re.abs();
///     Dual64::new(x.re / d, x.eps / d)
/// }
/// let c = check_derivative(softsign_wrong, 0.7);
/// assert!(!c.passes(1e-3));
/// assert!((c.fd - 1.0 / (1.7f64 * 1.7)).abs() < 1e-10); // the true slope
/// ```
///
/// Generic fns and closures over `Dual64` work as with
/// [`derivative`](crate::derivative):
///
/// ```
/// use autodiff_core::{check_derivative, Float, Scalar};
///
/// fn f<T: Scalar>(x: T) -> T {
///     (x * x + 1.0).ln() * x.tanh()
/// }
/// assert!(check_derivative(f, 0.3).passes(1e-8));
/// assert!(check_derivative(|x| x.sqrt(), 1e-4).passes(1e-8)); // near the edge
/// ```
pub fn check_derivative<F>(f: F, x: f64) -> DerivativeCheck
where
    F: Fn(Dual64) -> Dual64,
{
    let y = f(Dual64::variable(x));
    let fd = finite_difference(|t| f(Dual64::constant(t)).re, x);
    DerivativeCheck::new(x, y.re, y.eps, fd)
}

/// Checks the gradient that `f` computes with [`DualVec64`]s at `x`
/// against finite differences of the same `f` in each input, and reports
/// each partial derivative (see [`GradientCheck::worst`] for the worst).
///
/// `f` is evaluated once with every input seeded (as
/// [`gradient`](crate::gradient) does), and for the finite differences at
/// `DualVec64::constant` inputs, moving one coordinate at a time, as in
/// [`check_derivative`].
///
/// ```
/// use autodiff_core::{check_gradient, DualVec64};
///
/// // r = √(x² + y²), with the gradient (x, y)/r written by hand.
/// fn radius(v: [DualVec64<2>; 2]) -> DualVec64<2> {
///     let (x, y) = (v[0].re, v[1].re);
///     let r = x.hypot(y);
///     DualVec64::new(r, core::array::from_fn(|i| (x * v[0].eps[i] + y * v[1].eps[i]) / r))
/// }
/// let c = check_gradient(radius, [3.0, 4.0]);
/// assert!(c.passes(1e-8), "{c}");
/// assert_eq!(c.components.map(|p| p.ad), [0.6, 0.8]);
/// ```
pub fn check_gradient<F, const N: usize>(f: F, x: [f64; N]) -> GradientCheck<N>
where
    F: Fn([DualVec64<N>; N]) -> DualVec64<N>,
{
    let y = f(core::array::from_fn(|i| DualVec64::variable(x[i], i)));
    let components = core::array::from_fn(|i| {
        let along = |t: f64| {
            f(core::array::from_fn(|j| DualVec64::constant(if j == i { t } else { x[j] }))).re
        };
        DerivativeCheck::new(x[i], y.re, y.eps[i], finite_difference(along, x[i]))
    });
    GradientCheck { x, value: y.re, components }
}

/// Finite differences for [`check_derivative`] and [`check_gradient`]:
/// [`ridders`] from a first step of 0.1·max(1, |x|), shortened tenfold
/// until `f` is finite at x ± h; then, while the error estimate is above
/// 1e-10 relative (the steps straddle a singularity or the edge of the
/// domain, say), again from a step ten times shorter, up to six times,
/// keeping the estimate with the smallest error.
fn finite_difference(f: impl Fn(f64) -> f64, x: f64) -> (f64, f64) {
    let mut h = 0.1 * x.abs().max(1.0);
    for _ in 0..12 {
        if f(x + h).is_finite() && f(x - h).is_finite() {
            break;
        }
        h /= 10.0;
    }
    let mut best = ridders(&f, x, h);
    for _ in 0..6 {
        if best.1 <= 1e-10 * best.0.abs() {
            break;
        }
        h /= 10.0;
        let next = ridders(&f, x, h);
        if next.1 < best.1 {
            best = next;
        }
    }
    best
}

/// Ridders' method (Numerical Recipes §5.7, `dfridr`): central differences
/// at steps h, h/1.4, h/1.4², … extrapolated to step 0 in a Neville
/// tableau; returns the entry with the smallest error estimate, and that
/// estimate.
fn ridders(f: impl Fn(f64) -> f64, x: f64, mut h: f64) -> (f64, f64) {
    const SHRINK: f64 = 1.4;
    const SHRINK2: f64 = SHRINK * SHRINK;
    const LEVELS: usize = 10;
    // Stop once the tableau's diagonal moves by more than SAFE times the
    // best error so far: smaller steps only add rounding.
    const SAFE: f64 = 2.0;

    // The central difference with step h, over the step actually taken.
    let central = |h: f64| {
        let (xp, xm) = (x + h, x - h);
        (f(xp) - f(xm)) / (xp - xm)
    };

    // prev[j]: the tableau column of the previous step, extrapolated j times.
    let mut prev = [0.0; LEVELS];
    prev[0] = central(h);
    let (mut best, mut err) = (prev[0], f64::INFINITY);
    for i in 1..LEVELS {
        h /= SHRINK;
        let mut row = [0.0; LEVELS];
        row[0] = central(h);
        let mut factor = SHRINK2;
        for j in 1..=i {
            row[j] = (row[j - 1] * factor - prev[j - 1]) / (factor - 1.0);
            factor *= SHRINK2;
            let e = (row[j] - row[j - 1]).abs().max((row[j] - prev[j - 1]).abs());
            if e <= err {
                best = row[j];
                err = e;
            }
        }
        let diverging = (row[i] - prev[i - 1]).abs() >= SAFE * err;
        prev = row;
        if diverging {
            break;
        }
    }
    (best, err)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Dual, Float, Real};

    #[test]
    fn correct_rules_pass_and_the_finite_difference_is_accurate() {
        // (f, f' in closed form, points)
        type Case = (fn(Dual64) -> Dual64, fn(f64) -> f64, &'static [f64]);
        let cases: [Case; 6] = [
            (|x| x.sin(), |x| x.cos(), &[-3.0, 0.0, 0.5, 2.0, 40.0]),
            (|x| x.exp(), |x| x.exp(), &[-20.0, 0.0, 1.0, 20.0]),
            (|x| x.ln(), |x| 1.0 / x, &[1e-3, 0.5, 1.0, 1e3]),
            (|x| x.atan(), |x| 1.0 / (1.0 + x * x), &[-5.0, 0.0, 0.3, 100.0]),
            (|x| x.powi(7), |x| 7.0 * x.powi(6), &[-2.0, 0.1, 1.5]),
            (
                |x| x.erf(),
                |x| core::f64::consts::FRAC_2_SQRT_PI * (-x * x).exp(),
                &[-1.0, 0.2, 2.5],
            ),
        ];
        for (f, d, points) in cases {
            for &x in points {
                let c = check_derivative(f, x);
                let exact = d(x);
                assert!(c.passes(1e-9), "{c}");
                let fd_err = (c.fd - exact).abs();
                assert!(fd_err <= 1e-9 * exact.abs() + 1e-12, "FD {} vs {exact} at {x}", c.fd);
                assert!(fd_err <= 10.0 * c.fd_error + 1e-12 * exact.abs(), "{c}");
            }
        }
    }

    #[test]
    fn a_wrong_derivative_is_caught() {
        // exp with the derivative of exp(2x) by mistake
        let wrong_factor = |x: Dual64| Dual64::new(x.re.exp(), 2.0 * x.re.exp() * x.eps);
        // sin with the wrong sign
        let wrong_sign = |x: Dual64| Dual64::new(x.re.sin(), -x.re.cos() * x.eps);
        // x³ missing a term of the product rule: (x·x²)' = x² instead of 3x²
        let missing_term = |x: Dual64| Dual64::new(x.re.powi(3), x.re * x.re * x.eps);
        for x in [-1.5, 0.3, 2.0] {
            for (name, f) in [
                ("factor", &wrong_factor as &dyn Fn(Dual64) -> Dual64),
                ("sign", &wrong_sign),
                ("term", &missing_term),
            ] {
                let c = check_derivative(f, x);
                assert!(!c.passes(1e-3), "wrong {name} passed at {x}: {c}");
                assert!(c.rel_error > 0.1, "{c}");
            }
        }
        // A small error is caught too, at a tight tolerance.
        let slightly_off = |x: Dual64| Dual64::new(x.re.sinh(), x.re.cosh() * (1.0 + 1e-7) * x.eps);
        let c = check_derivative(slightly_off, 0.8);
        assert!(!c.passes(1e-8) && c.passes(1e-6), "{c}");
    }

    #[test]
    fn nan_and_infinite_derivatives_never_pass() {
        let nan = |x: Dual64| Dual64::new(x.re, f64::NAN);
        assert!(!check_derivative(nan, 1.0).passes(1.0));
        let inf = |x: Dual64| Dual64::new(x.re, f64::INFINITY);
        assert!(!check_derivative(inf, 1.0).passes(1.0));
        assert_eq!(check_derivative(nan, 1.0).required_tol(), f64::INFINITY);
    }

    #[test]
    fn zero_derivatives_pass_by_the_finite_difference_error() {
        // cos'(0) = 0 and (x - 1)² at 1: no relative error exists.
        let c = check_derivative(|x| x.cos(), 0.0);
        assert_eq!(c.ad, 0.0);
        assert!(c.passes(1e-12), "{c}");
        let c = check_derivative(|x| (x - 1.0).powi(2) + 1e6, 1.0);
        assert!(c.passes(1e-12), "{c}");
        assert_eq!(check_derivative(|x| x * 0.0, 5.0).rel_error, 0.0);
    }

    #[test]
    fn points_near_the_edge_of_the_domain_shrink_the_step() {
        // sqrt at 1e-6: the first step 0.1 would reach x < 0.
        let c = check_derivative(|x| x.sqrt(), 1e-6);
        assert!((c.fd - 500.0).abs() < 1e-6, "{c}");
        assert!(c.passes(1e-8), "{c}");
        let c = check_derivative(|x| x.asin(), 0.999);
        assert!((c.fd - 1.0 / (1.0f64 - 0.999 * 0.999).sqrt()).abs() < 1e-6, "{c}");
    }

    #[test]
    fn gradient_components_are_checked_and_the_worst_reported() {
        // f = x²y + sin z: ∇f = (2xy, x², cos z)
        let f = |v: [DualVec64<3>; 3]| v[0] * v[0] * v[1] + v[2].sin();
        let c = check_gradient(f, [1.5, -2.0, 0.5]);
        assert!(c.passes(1e-9), "{c}");
        let exact = [2.0 * 1.5 * -2.0, 1.5 * 1.5, 0.5f64.cos()];
        for (p, e) in c.components.iter().zip(exact) {
            assert!((p.fd - e).abs() < 1e-9, "{p}");
        }
        assert_eq!(c.x, [1.5, -2.0, 0.5]);
        assert_eq!(c.components[2].x, 0.5);
        assert_eq!(c.value, 1.5 * 1.5 * -2.0 + 0.5f64.sin());

        // The same with ∂f/∂z deliberately wrong: -cos z.
        let wrong = |v: [DualVec64<3>; 3]| {
            let z = v[2];
            let sin_z = DualVec64::new(z.re.sin(), z.eps.map(|e| -z.re.cos() * e));
            v[0] * v[0] * v[1] + sin_z
        };
        let c = check_gradient(wrong, [1.5, -2.0, 0.5]);
        assert!(!c.passes(1e-3));
        assert_eq!(c.worst().map(|(i, _)| i), Some(2));
        assert!(
            c.to_string().starts_with("worst of 3 partials, ∂f/∂x2 at x = 0.5: AD -0.87"),
            "{c}"
        );
        assert!(c.components[0].passes(1e-9) && c.components[1].passes(1e-9));
    }

    #[test]
    fn no_inputs() {
        let c = check_gradient(|_: [DualVec64<0>; 0]| DualVec64::constant(1.0), []);
        assert!(c.passes(0.0) && c.worst().is_none());
        assert_eq!(c.to_string(), "no inputs");
    }

    #[test]
    fn display() {
        let c = DerivativeCheck::new(0.5, 1.0, 2.0, (2.5, 1e-13));
        assert_eq!(
            c.to_string(),
            "at x = 0.5: AD 2, FD 2.5 (± 1.0e-13): abs. err. 5.0e-1, rel. err. 2.0e-1"
        );
        assert_eq!((c.abs_error, c.rel_error), (0.5, 0.2));
        assert!((c.required_tol() - (0.5 - 1e-13) / 2.5).abs() < 1e-15);
    }

    #[test]
    fn a_generic_fn_over_nested_duals_is_checked_at_f64_points() {
        // The checked function may use nested duals inside: here an inner
        // derivative, d/dx [x · d/dy (x y²)] at y = x = 2x³ → 6x².
        let f = |x: Dual64| x * crate::derivative(|y| Dual::from(x) * y * y, x);
        let c = check_derivative(f, 1.5);
        assert_eq!(c.ad, 6.0 * 1.5 * 1.5);
        assert!(c.passes(1e-9), "{c}");
    }
}
