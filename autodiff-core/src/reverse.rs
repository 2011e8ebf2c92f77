//! The reverse-mode drivers: record `f` once on [`Var`]s, sweep back.
//!
//! A gradient costs one recording and one sweep, whatever the number of
//! inputs; a vector–Jacobian product wᵀJ one sweep; a Jacobian one sweep
//! per output (so it pays for wide functions, m ≪ n); a Hessian–vector
//! product ([`hvp_slice`]) one recording over `Var<Dual<T>>` (forward over
//! reverse) and one sweep in dual numbers.

use crate::chunked::check_lengths;
use crate::tape::{foreign_variable, Recording, Tape};
use num_traits::{One, Zero};

use crate::chunked::CHUNK;
use crate::{Dual, DualVec, Real, Var};

/// Records `f` at `x` on a fresh tape: the result, the finished tape and
/// its id.
pub(crate) fn record<T: Real, R>(x: &[T], f: impl FnOnce(&[Var<T>]) -> R) -> (R, Tape<T>, u32) {
    let recording = Recording::<T>::start(x);
    let id = recording.id();
    let y = f(recording.inputs());
    (y, recording.finish(), id)
}

/// Where a sweep for output `y` (of the call with tape `id`) with weight
/// `w` starts: its slot and the adjoint it puts there. `None` for a
/// constant output (derivative 0).
pub(crate) fn seed<T: Real>(y: &Var<T>, id: u32, w: T) -> Option<(u32, T)> {
    match y.place() {
        None => None,
        Some((slot, tape, scale)) if tape == id => Some((slot, w * scale)),
        Some(_) => foreign_variable(),
    }
}

/// The gradient of `f: ℝⁿ → ℝ` at `x` by reverse mode: `(f(x), ∇f(x))`,
/// from one recording of `f` and one sweep back, at a small constant
/// multiple of one evaluation of `f` for any n.
///
/// ```
/// use autodiff_core::{gradient_reverse, Scalar};
///
/// fn rosenbrock<T: Scalar>(x: &[T]) -> T {
///     x.windows(2).map(|w| (T::cst(1.0) - w[0]).powi(2) + (w[1] - w[0] * w[0]).powi(2) * 100.0).sum()
/// }
///
/// let x = vec![0.5; 1000];
/// let (value, grad) = gradient_reverse(|x| rosenbrock(x), &x);
/// assert_eq!(value, rosenbrock(&x[..]));
/// // ∂f/∂x₀ = -2(1 - x₀) - 400 x₀ (x₁ - x₀²)
/// assert!((grad[0] - (-1.0 - 200.0 * 0.25)).abs() < 1e-12);
/// ```
pub fn gradient_reverse<T: Real>(f: impl FnOnce(&[Var<T>]) -> Var<T>, x: &[T]) -> (T, Vec<T>) {
    let (y, mut tape, id) = record(x, f);
    let grad = match seed(&y, id, T::one()) {
        Some(start) => tape.sweep([start], x.len()).to_vec(),
        None => vec![T::zero(); x.len()],
    };
    (y.value(), grad)
}

/// The vector–Jacobian product wᵀJ of `f: ℝⁿ → ℝᵐ` at `x`, in one
/// recording and one sweep: `(f(x), wᵀJ)`, with `wᵀJ` of length n.
///
/// Panics if `w` does not have one weight per output of `f`.
///
/// ```
/// use autodiff_core::{vjp, Var64};
///
/// // f(x, y) = (xy, x + y): wᵀJ = (w₀y + w₁, w₀x + w₁)
/// let f = |v: &[Var64]| vec![v[0] * v[1], v[0] + v[1]];
/// let (y, wj) = vjp(f, &[2.0, 3.0], &[1.0, 10.0]);
/// assert_eq!(y, vec![6.0, 5.0]);
/// assert_eq!(wj, vec![13.0, 12.0]);
/// ```
pub fn vjp<T: Real>(
    f: impl FnOnce(&[Var<T>]) -> Vec<Var<T>>,
    x: &[T],
    w: &[T],
) -> (Vec<T>, Vec<T>) {
    let (y, mut tape, id) = record(x, f);
    assert!(
        y.len() == w.len(),
        "vjp: f returned {} outputs but w has {} weights; give one weight per output",
        y.len(),
        w.len()
    );
    let seeds: Vec<(u32, T)> = y.iter().zip(w).filter_map(|(yi, &wi)| seed(yi, id, wi)).collect();
    let wj = tape.sweep(seeds, x.len()).to_vec();
    (y.iter().map(Var::value).collect(), wj)
}

/// The Jacobian of `f: ℝⁿ → ℝᵐ` at `x` from one recording of `f`, read
/// off the tape by rows, one reverse sweep per output, when there are at
/// most about as many outputs as inputs, and otherwise by columns, one
/// forward sweep of the tape per 8 inputs (a forward sweep carrying 8
/// tangents costs about 8 reverse sweeps).
/// Returns `(f(x), J)`, `J[i][j] = ∂fᵢ/∂xⱼ`. (`.jacobian` on a slice uses
/// it; [`jacobian_slice`](crate::jacobian_slice) is forward mode, by
/// columns, without a tape.)
///
/// ```
/// use autodiff_core::{jacobian_reverse, Float, Var64};
///
/// let f = |v: &[Var64]| vec![v[0] * v[1] * v[2], v[0].sin()];
/// let (y, j) = jacobian_reverse(f, &[1.0, 2.0, 3.0]);
/// assert_eq!(y[0], 6.0);
/// assert_eq!(j[0], vec![6.0, 3.0, 2.0]);
/// assert_eq!(j[1], vec![1f64.cos(), 0.0, 0.0]);
/// ```
pub fn jacobian_reverse<T: Real>(
    f: impl FnOnce(&[Var<T>]) -> Vec<Var<T>>,
    x: &[T],
) -> (Vec<T>, Vec<Vec<T>>) {
    let n = x.len();
    let (y, mut tape, id) = record(x, f);
    let outputs: Vec<Option<(u32, T)>> = y.iter().map(|yi| seed(yi, id, T::one())).collect();
    let values = y.iter().map(Var::value).collect();
    // One forward sweep carrying 8 tangents costs about as much as 8
    // reverse sweeps (measured on dense 64-input functions), so rows win
    // up to about as many outputs as inputs.
    if y.len() <= n.div_ceil(CHUNK) * CHUNK {
        let rows = outputs
            .iter()
            .map(|out| match out {
                Some(start) => tape.sweep([*start], n).to_vec(),
                None => vec![T::zero(); n],
            })
            .collect();
        return (values, rows);
    }
    let mut rows = vec![vec![T::zero(); n]; y.len()];
    for start in (0..n).step_by(CHUNK) {
        for (row, lanes) in
            rows.iter_mut().zip(tape.tangents::<CHUNK>(&outputs, n, |k| {
                k.checked_sub(start).filter(|&lane| lane < CHUNK)
            }))
        {
            for (entry, lane) in row.iter_mut().skip(start).zip(lanes) {
                *entry = lane;
            }
        }
    }
    (values, rows)
}

/// The value, gradient and Hessian–vector product H(x)·v of f: ℝⁿ → ℝ for
/// a runtime length n, without forming the Hessian, by forward over
/// reverse: one recording of `f` over `Var<Dual<T>>` (each value carries
/// its directional derivative along `v`) and one sweep back in dual
/// numbers, whose adjoints are ∇f + (H·v)ε; at
/// a constant multiple of one evaluation of `f` for any n. Returns
/// `(f(x), ∇f(x), H(x)·v)`.
///
/// # Panics
///
/// If `x` and `v` differ in length; the message names both lengths.
///
/// ```
/// use autodiff_core::hvp_slice;
///
/// // f = x²y: H = [[2y, 2x], [2x, 0]]; at (1, 3) along (1, 2): (10, 2)
/// let (f, g, hv) = hvp_slice(|x| x[0] * x[0] * x[1], &[1.0, 3.0], &[1.0, 2.0]);
/// assert_eq!((f, g, hv), (3.0, vec![6.0, 1.0], vec![10.0, 2.0]));
/// ```
#[allow(clippy::type_complexity)]
pub fn hvp_slice<T: Real>(
    f: impl FnOnce(&[Var<Dual<T>>]) -> Var<Dual<T>>,
    x: &[T],
    v: &[T],
) -> (T, Vec<T>, Vec<T>) {
    check_lengths("hvp_slice", x, v);
    let along_v: Vec<Dual<T>> = x.iter().zip(v).map(|(&xi, &vi)| Dual::new(xi, vi)).collect();
    let (y, mut tape, id) = record(&along_v, f);
    let adjoints = match seed(&y, id, Dual::one()) {
        Some(start) => tape.sweep([start], x.len()).to_vec(),
        None => vec![Dual::zero(); x.len()],
    };
    let (grad, hv) = adjoints.iter().map(|a| (a.re, a.eps)).unzip();
    (y.value().re, grad, hv)
}

/// The dense Hessian of `f: ℝⁿ → ℝ` by forward over reverse: `f` is
/// recorded on `Var<DualVec<T, 8>>`, each value carrying its derivatives
/// along 8 of the n input directions, and one sweep back in those numbers
/// gives 8 columns (their adjoints are ∇f and the columns' entries). That
/// is ⌈n/8⌉ recordings and sweeps, so the cost grows as n · (one evaluation
/// of `f`) rather than the n² of nested forward mode
/// ([`hessian_slice`](crate::hessian_slice), faster below about 6
/// inputs). Returns `(f(x), ∇f(x), H)`, with `H` symmetric (the upper
/// triangle mirrored).
///
/// ```
/// use autodiff_core::{hessian_reverse, Scalar};
///
/// fn f<T: Scalar>(x: &[T]) -> T {
///     x[0] * x[0] * x[1] + x[1].exp()
/// }
/// let (_, _, h) = hessian_reverse(|x| f(x), &[1.0, 0.0]);
/// assert_eq!(h, vec![vec![0.0, 2.0], vec![2.0, 1.0]]);
/// ```
#[allow(clippy::type_complexity)]
pub fn hessian_reverse<T: Real>(
    f: impl Fn(&[Var<DualVec<T, CHUNK>>]) -> Var<DualVec<T, CHUNK>>,
    x: &[T],
) -> (T, Vec<T>, Vec<Vec<T>>) {
    let n = x.len();
    let mut value = T::nan();
    let mut grad = vec![T::zero(); n];
    let mut hess = vec![vec![T::zero(); n]; n];
    for start in (0..n.max(1)).step_by(CHUNK) {
        // Input k moves along direction `start + lane` when k is that one.
        let seeded: Vec<DualVec<T, CHUNK>> = x
            .iter()
            .enumerate()
            .map(|(k, &xk)| DualVec::variable(xk, k.wrapping_sub(start)))
            .collect();
        let (y, mut tape, id) = record(&seeded, &f);
        value = y.value().re;
        let Some(seed) = seed(&y, id, DualVec::one()) else { continue };
        let adjoints = tape.sweep([seed], n);
        for (k, a) in adjoints.iter().enumerate() {
            grad[k] = a.re;
            for (lane, &h) in a.eps.iter().enumerate().filter(|&(lane, _)| start + lane < n) {
                let j = start + lane;
                if k <= j {
                    hess[k][j] = h;
                    hess[j][k] = h;
                }
            }
        }
    }
    (value, grad, hess)
}
