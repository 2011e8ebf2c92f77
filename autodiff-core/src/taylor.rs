//! Taylor-mode drivers: seed a [`Jet`], call `f`, read the Taylor
//! coefficients or derivatives off the result.
//!
//! The number of coefficients `K` is a const generic: the order of the
//! expansion is K − 1. Choose it with a turbofish, `taylor::<_, 6>(f, x0)`
//! (orders 0..=5), or let it be inferred from the result's type
//! (`let c: [f64; 6] = taylor(f, x0);`) or from the closure's parameter
//! (`|x: Jet64<6>| ...`). Each driver takes `f` as any closure or generic
//! fn item over `Jet<T, K>`, so closure parameter types are inferred.

use crate::{Jet, Real};

/// The Taylor coefficients c₀..c_{K−1} of f around x₀: cₖ = f⁽ᵏ⁾(x₀)/k!, so
/// f(x₀ + t) ≈ Σₖ cₖ tᵏ. `K` is the number of coefficients (order K − 1).
///
/// ```
/// use autodiff_core::{taylor, Float, Scalar};
///
/// // eˣ = Σ xᵏ/k!
/// let c = taylor::<_, 5>(|x| x.exp(), 0.0);
/// assert_eq!(c[..3], [1.0, 1.0, 0.5]);
/// assert!((c[4] - 1.0 / 24.0).abs() < 1e-17);
///
/// // 1/(1 − x) = Σ xᵏ, with a generic fn item and the order inferred
/// fn geometric<T: Scalar>(x: T) -> T {
///     (T::one() - x).recip()
/// }
/// let c: [f64; 4] = taylor(geometric, 0.0);
/// assert_eq!(c, [1.0; 4]);
/// ```
#[inline]
pub fn taylor<T: Real, const K: usize>(f: impl FnOnce(Jet<T, K>) -> Jet<T, K>, x0: T) -> [T; K] {
    f(Jet::variable(x0)).c
}

/// The derivatives f(x₀), f'(x₀), …, f⁽ᴷ⁻¹⁾(x₀) (cₖ·k!) from one
/// evaluation. `K` is their number: `derivatives::<_, 4>` gives up to f'''.
///
/// ```
/// use autodiff_core::{derivatives, Float};
///
/// // x⁴ at 2: 16, 4x³ = 32, 12x² = 48, 24x = 48, 24, then 0
/// let d = derivatives::<_, 6>(|x| x.powi(4), 2.0);
/// assert_eq!(d, [16.0, 32.0, 48.0, 48.0, 24.0, 0.0]);
/// ```
#[inline]
pub fn derivatives<T: Real, const K: usize>(
    f: impl FnOnce(Jet<T, K>) -> Jet<T, K>,
    x0: T,
) -> [T; K] {
    f(Jet::variable(x0)).derivatives()
}

/// The highest derivative a `Jet<T, K>` carries, f⁽ⁿ⁾(x₀) = n!·cₙ with
/// **n = K − 1**: `nth_derivative::<_, 9>` is the 8th derivative.
///
/// ```
/// use autodiff_core::{nth_derivative, Float};
///
/// // d⁴/dx⁴ sin x = sin x; K = 5 coefficients reach order 4.
/// let d4 = nth_derivative::<_, 5>(|x| x.sin(), 1.0);
/// assert!((d4 - 1.0f64.sin()).abs() < 1e-14);
/// // d⁵/dx⁵ x⁵ = 5! = 120
/// assert_eq!(nth_derivative::<_, 6>(|x| x.powi(5), 3.0), 120.0);
/// ```
#[inline]
pub fn nth_derivative<T: Real, const K: usize>(f: impl FnOnce(Jet<T, K>) -> Jet<T, K>, x0: T) -> T {
    let d = derivatives(f, x0);
    d[K - 1]
}

/// The Taylor coefficients of t ↦ f(x + t·v) at t = 0 for a function of
/// `M` variables: c₀ = f(x), c₁ = ∇f(x)·v (the directional derivative),
/// c₂ = vᵀ∇²f(x)v/2, …, up to order K − 1, from one evaluation.
///
/// ```
/// use autodiff_core::{taylor_along, Jet64};
///
/// // f(x, y) = x²y along v = (1, 2) from (1, 3):
/// // (1 + t)²(3 + 2t) = 3 + 8t + 7t² + 2t³
/// let c = taylor_along(|[x, y]: [Jet64<5>; 2]| x * x * y, [1.0, 3.0], [1.0, 2.0]);
/// assert_eq!(c, [3.0, 8.0, 7.0, 2.0, 0.0]);
/// ```
#[inline]
pub fn taylor_along<T: Real, const K: usize, const M: usize>(
    f: impl FnOnce([Jet<T, K>; M]) -> Jet<T, K>,
    x: [T; M],
    v: [T; M],
) -> [T; K] {
    let seeded = core::array::from_fn(|i| {
        let mut xi = Jet::constant(x[i]);
        if K > 1 {
            xi.c[1] = v[i];
        }
        xi
    });
    f(seeded).c
}
