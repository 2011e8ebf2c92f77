//! Implicit differentiation: the derivatives of the solution x*(θ) of
//! g(x, θ) = 0, found by your own solver (Newton, bisection, a fixed point,
//! a library), without differentiating the solver's iterations.
//!
//! Given the converged x* as plain `f64`, [`implicit_root`] (one unknown)
//! and [`implicit_solve`] (n unknowns) return x*(θ) as a number of θ's
//! type: its derivative parts are those of the solution, dx*/dθ =
//! −g_x⁻¹ g_θ by the implicit function theorem, and higher ones for a
//! higher-order θ. They are obtained by Newton steps taken in θ's number
//! type from x*: each step doubles the number of exact orders, so one step
//! (one evaluation of g and, for n unknowns, one Jacobian g_x in ⌈n/8⌉
//! passes) gives first derivatives, two give second derivatives
//! ([`Real::derivative_order`] decides). The value part is x* improved by
//! those steps.
//!
//! Because the result is an ordinary number, it composes: a loss of x*(θ)
//! differentiates with any driver (`derivative`, `gradient_slice`, ...),
//! as JAX's `custom_root` and num-dual's implicit derivatives do.
//!
//! The derivatives are as accurate as x* is converged (their error is of
//! the order of the residual g(x*, θ)/g_x); where g_x is singular at x*
//! (a double root, a fold), the derivatives are non-finite, and so is the
//! result.

use crate::chunked::CHUNK;
use crate::linear_solve::solve;
use crate::{jacobian_slice, Dual, DualVec, Real};

/// The number of Newton steps from a converged root that make every
/// derivative part up to `order` exact: the error squares with each step,
/// so k steps are exact to order 2ᵏ − 1.
fn newton_steps(order: u32) -> u32 {
    u32::BITS - order.leading_zeros()
}

/// The root x*(θ) of g(x, θ) = 0 near `x_star`, with its derivatives with
/// respect to θ: pass θ as a dual number and the result carries dx*/dθ
/// (see [the guide](crate#implicit-differentiation) for how and how
/// exact).
///
/// `g` is called with `Dual<S>` numbers, the derivative with respect to x
/// riding in the outer dual part.
///
/// ```
/// use autodiff_core::{derivative, implicit_root, second_derivative, Scalar};
///
/// // x³ + θx − 1 = 0: at θ = 2, the root x* solves it (found by bisection
/// // or any solver), and dx*/dθ = −x*/(3x*² + θ). A generic fn (or a
/// // #[differentiable] one) serves every number type; a closure would do
/// // for one.
/// fn g<T: Scalar>(x: T, th: T) -> T {
///     x * x * x + th * x - 1.0
/// }
/// let theta = 2.0;
/// let (mut lo, mut hi) = (0.0f64, 1.0f64);
/// for _ in 0..60 {
///     let mid = 0.5 * (lo + hi);
///     if mid * mid * mid + theta * mid - 1.0 > 0.0 { hi = mid } else { lo = mid }
/// }
/// let x = 0.5 * (lo + hi);
///
/// let dx = derivative(|th| implicit_root(g, x, th), theta);
/// assert!((dx - (-x / (3.0 * x * x + theta))).abs() < 1e-15);
///
/// // The second derivative, from a second Newton step (closed form by
/// // differentiating x' = −x/(3x² + θ) once more).
/// let (_, _, ddx) = second_derivative(|th| implicit_root(g, x, th), theta);
/// let d = 3.0 * x * x + theta;
/// let want = -(dx * d - x * (6.0 * x * dx + 1.0)) / (d * d);
/// assert!((ddx - want).abs() < 1e-14);
/// ```
pub fn implicit_root<S, G>(g: G, x_star: f64, theta: S) -> S
where
    S: Real,
    G: Fn(Dual<S>, Dual<S>) -> Dual<S>,
{
    let theta = Dual::constant(theta);
    let mut x = S::cst(x_star);
    for _ in 0..newton_steps(S::derivative_order()) {
        let y = g(Dual::variable(x), theta);
        x -= y.re / y.eps;
    }
    x
}

/// The solution x*(θ) ∈ ℝⁿ of the n equations g(x, θ) = 0 near `x_star`,
/// with its derivatives with respect to the parameters θ (any number, each
/// a dual number carrying the directions to differentiate along; see the
/// [guide](crate#implicit-differentiation)).
///
/// `g` is called with `DualVec<S, 8>` numbers (the Jacobian g_x rides in
/// the lanes, 8 unknowns per pass) and returns the n residuals.
///
/// # Panics
///
/// If `g` does not return exactly one residual per unknown.
///
/// ```
/// use autodiff_core::{jacobian_slice, implicit_solve};
///
/// // x₀ + θ₀ x₁ = 1, x₁ − θ₁ x₀ = 0: linear in x, so x* is exact below, and
/// // x*(θ) = [1, θ₁] / (1 + θ₀θ₁).
/// let g = |x: &[_], th: &[_]| vec![x[0] + th[0] * x[1] - 1.0, x[1] - th[1] * x[0]];
/// let theta = [0.5, 2.0];
/// let d = 1.0 + theta[0] * theta[1];
/// let x_star = [1.0 / d, theta[1] / d];
/// let (x, dx) = jacobian_slice(|th| implicit_solve(g, &x_star, th), &theta);
/// assert!((x[1] - x_star[1]).abs() < 1e-15);
/// // dx₀/dθ₀ = −θ₁/d², dx₁/dθ₁ = 1/d²
/// assert!((dx[0][0] + theta[1] / (d * d)).abs() < 1e-15);
/// assert!((dx[1][1] - 1.0 / (d * d)).abs() < 1e-15);
/// ```
pub fn implicit_solve<S, G>(g: G, x_star: &[f64], theta: &[S]) -> Vec<S>
where
    S: Real,
    G: Fn(&[DualVec<S, CHUNK>], &[DualVec<S, CHUNK>]) -> Vec<DualVec<S, CHUNK>>,
{
    let n = x_star.len();
    let theta: Vec<DualVec<S, CHUNK>> = theta.iter().map(|&t| DualVec::constant(t)).collect();
    let mut x: Vec<S> = x_star.iter().map(|&v| S::cst(v)).collect();
    for _ in 0..newton_steps(S::derivative_order()) {
        // The residual and the Jacobian g_x, by the chunked driver over S.
        let (residual, rows) = jacobian_slice(|xs| g(xs, &theta), &x);
        assert_eq!(
            residual.len(),
            n,
            "implicit_solve: g returned {} residuals for {n} unknowns; the system must be square",
            residual.len()
        );
        for (xi, step) in x.iter_mut().zip(solve(rows.concat(), residual)) {
            *xi -= step;
        }
    }
    x
}

#[cfg(test)]
mod tests {
    use super::newton_steps;

    #[test]
    fn newton_steps_cover_the_order() {
        // k steps are exact to order 2ᵏ − 1.
        for (order, steps) in [(0, 0), (1, 1), (2, 2), (3, 2), (4, 3), (7, 3), (8, 4)] {
            assert_eq!(newton_steps(order), steps, "order {order}");
        }
    }
}
