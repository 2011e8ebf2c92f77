//! [`softmax`] over a slice.

use crate::Real;

/// softmax(x)ᵢ = e^{xᵢ} / Σⱼ e^{xⱼ}, computed without overflow (shifted by
/// the largest element, which leaves the result and its derivatives
/// unchanged). Its Jacobian is diag(s) - s sᵀ. An empty slice gives an empty
/// `Vec`.
///
/// ```
/// use autodiff_core::{softmax, Dual64};
///
/// let s = softmax(&[1.0, 2.0, 3.0]);
/// assert!((s.iter().sum::<f64>() - 1.0).abs() < 1e-15);
///
/// // ∂s₀/∂x₀ = s₀(1 - s₀)
/// let x = [Dual64::variable(1.0), Dual64::constant(2.0), Dual64::constant(3.0)];
/// let d = softmax(&x);
/// assert!((d[0].eps - s[0] * (1.0 - s[0])).abs() < 1e-15);
/// ```
pub fn softmax<T: Real>(x: &[T]) -> Vec<T> {
    let Some(max) = x.iter().copied().reduce(T::max) else {
        return Vec::new();
    };
    let exps: Vec<T> = x.iter().map(|&xi| (xi - max).exp()).collect();
    let total: T = exps.iter().copied().sum();
    exps.into_iter().map(|e| e / total).collect()
}
