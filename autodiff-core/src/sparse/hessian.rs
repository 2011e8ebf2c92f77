//! [`hessian_sparse`] and its prepared form [`SparseHessian`].

use std::sync::Arc;

use super::colouring::{star_colouring, star_colouring_cost, star_sources, Colouring};
use super::compressed::forward_compressed;
use super::detect::{detect_pattern, RecordingShape};
use crate::reverse::{record, seed};
use crate::tape::Tape;
use crate::{gradient_reverse, PatternChanged, Real, SparseMatrix, SparsityPattern, Var};

/// The value, gradient and sparse Hessian of `f: ℝⁿ → ℝ` at `x`:
/// `(f(x), ∇f(x), H)`, with `H` a symmetric [`SparseMatrix`] holding only
/// the entries that can be nonzero.
///
/// `f` runs once, on `Var<Var<T>>` (reverse over reverse): the gradient's
/// sweep is itself recorded, so one recording holds ∇f as a function of
/// x. The Hessian's pattern is read off it (∂ᵢf depends on xⱼ), made
/// symmetric and star-coloured (Gebremedhin, Manne and Pothen: every
/// entry can be read from one column of H·S, and sharing a colour needs
/// less than distance 2, so an arrowhead takes 2 colours); then one
/// forward sweep of that recording, carrying up to 8 colours, gives
/// H·S. The cost follows the colours: a tridiagonal Hessian (Rosenbrock)
/// takes 3 lanes whatever n is. A dense `f` falls back to 8 columns per
/// sweep.
///
/// The pattern is the one at `x`: the branch taken there, and second
/// derivatives that vanish at x (sin″ at 0) may leave their entries out,
/// as they are 0 there; [`SparseHessian`] detects and colours once for
/// many points, and reports an entry outside its pattern.
///
/// ```
/// use autodiff_core::{hessian_sparse, Scalar};
///
/// fn rosenbrock<T: Scalar>(x: &[T]) -> T {
///     x.windows(2).map(|w| (T::cst(1.0) - w[0]).powi(2) + (w[1] - w[0] * w[0]).powi(2) * 100.0).sum()
/// }
///
/// let x = vec![0.5; 1000];
/// let (f, g, h) = hessian_sparse(|x| rosenbrock(x), &x);
/// assert_eq!(f, rosenbrock(&x[..]));
/// assert_eq!(h.nnz(), 3 * 1000 - 2);
/// // ∂²f/∂x₀² = 2 - 400(x₁ - 3x₀²), ∂²f/∂x₀∂x₁ = -400x₀
/// assert!((h.get(0, 0) - (2.0 - 400.0 * (0.5 - 0.75))).abs() < 1e-12);
/// assert_eq!(h.get(0, 1), -200.0);
/// assert_eq!(h.get(0, 2), 0.0);
/// # let _ = g;
/// ```
#[allow(clippy::type_complexity)]
pub fn hessian_sparse<T: Real>(
    f: impl FnOnce(&[Var<Var<T>>]) -> Var<Var<T>>,
    x: &[T],
) -> (T, Vec<T>, SparseMatrix<T>) {
    let (value, grad, tape, outputs) = record_gradient(f, x);
    let prepared = SparseHessian::from_tape(&tape, &outputs, x.len());
    let h = prepared.evaluate(&tape, &outputs);
    (value, grad, h)
}

/// A sparse Hessian driver prepared at one point: the pattern detected
/// there, its star colouring and where each entry is read, reused at
/// every later point. Evaluating at a new point records `f` once and
/// makes one forward sweep per 8 colours.
///
/// # When to prepare again
///
/// As for [`SparseJacobian`](crate::SparseJacobian): a new recording that
/// made the same operations on the same variables has the same pattern;
/// one that did not (another branch, or a second derivative that
/// vanished at the point of preparation and does not here) is detected
/// again, and an entry outside the prepared pattern is reported as
/// [`PatternChanged`] instead of being dropped. Prepare at a generic
/// point (not at 0, where x³ and sin have no curvature) when the
/// pattern should hold everywhere.
///
/// ```
/// use autodiff_core::{Scalar, SparseHessian};
///
/// // an arrowhead: x₀ meets every other input
/// fn f<T: Scalar>(x: &[T]) -> T {
///     x[1..].iter().map(|&xi| (x[0] * xi).sin()).sum()
/// }
///
/// let prepared = SparseHessian::prepare(|x| f(x), &[0.3; 50]);
/// assert_eq!(prepared.colours(), 2);
/// let (_, _, h) = prepared.hessian(|x| f(x), &[0.7; 50]).unwrap();
/// // ∂²/∂x₀∂x₁ sin(x₀x₁) = cos(x₀x₁) - x₀x₁ sin(x₀x₁)
/// let p = 0.7 * 0.7_f64;
/// assert!((h.get(0, 1) - (p.cos() - p * p.sin())).abs() < 1e-15);
/// assert_eq!(h.get(1, 2), 0.0);
/// ```
#[derive(Clone, Debug)]
pub struct SparseHessian {
    pattern: Arc<SparsityPattern>,
    colouring: Colouring,
    /// For each entry of the pattern, the row and colour of H·S it is read
    /// from.
    sources: Vec<(u32, u32)>,
    shape: RecordingShape,
}

impl SparseHessian {
    /// Detects the pattern of the Hessian of `f` at `x` and colours it.
    ///
    /// ```
    /// use autodiff_core::{Float, SparseHessian, Var};
    /// let prepared = SparseHessian::prepare(|x: &[Var<Var<f64>>]| x[0] * x[1] + x[2].exp(), &[1.0; 3]);
    /// assert_eq!(prepared.pattern().nnz(), 3);
    /// ```
    pub fn prepare<T: Real>(f: impl FnOnce(&[Var<Var<T>>]) -> Var<Var<T>>, x: &[T]) -> Self {
        let (_, _, tape, outputs) = record_gradient(f, x);
        Self::from_tape(&tape, &outputs, x.len())
    }

    /// `(f(x), ∇f(x), H)` at a new `x`, on the prepared pattern; `Err`
    /// when `f` has an entry outside it here (see the type's docs).
    ///
    /// # Panics
    ///
    /// If `x` has another length than at preparation; the message names
    /// both.
    #[allow(clippy::type_complexity)]
    pub fn hessian<T: Real>(
        &self,
        f: impl FnOnce(&[Var<Var<T>>]) -> Var<Var<T>>,
        x: &[T],
    ) -> Result<(T, Vec<T>, SparseMatrix<T>), PatternChanged> {
        let n = self.pattern.ncols();
        assert!(
            x.len() == n,
            "SparseHessian::hessian: prepared for {n} inputs but x has {}",
            x.len()
        );
        let (value, grad, tape, outputs) = record_gradient(f, x);
        if !self.shape.matches(&tape, &outputs) {
            let here = detect_pattern(&tape, &outputs, n, usize::MAX).symmetrized();
            if let Some((row, col)) = here.first_outside(&self.pattern) {
                return Err(PatternChanged { row, col });
            }
        }
        Ok((value, grad, self.evaluate(&tape, &outputs)))
    }

    /// The prepared pattern (symmetric).
    pub fn pattern(&self) -> &Arc<SparsityPattern> {
        &self.pattern
    }

    /// The number of colours: the lanes each evaluation's forward sweeps
    /// carry (up to 8 per sweep).
    pub fn colours(&self) -> usize {
        self.colouring.count
    }

    /// The prepared driver for a recording of the gradient.
    fn from_tape<T: Real>(tape: &Tape<T>, outputs: &[Option<(u32, T)>], n: usize) -> Self {
        // Lane-sweeps of a dense evaluation: the most detection and
        // colouring may cost before they stop paying.
        let dense_cost = tape.slots().saturating_mul(n.max(1));
        let pattern = detect_pattern(tape, outputs, n, dense_cost).symmetrized();
        let colouring = if star_colouring_cost(&pattern) <= dense_cost {
            star_colouring(&pattern)
        } else {
            Colouring::identity(n)
        };
        let mut sources = star_sources(&pattern, &colouring);
        // Read (i, j) and (j, i) from the same place, so H is exactly
        // symmetric.
        for (k, (i, j)) in pattern.iter().enumerate() {
            if i > j {
                let upper = pattern.position(j, i).expect("the pattern is symmetric");
                sources[k] = sources[upper];
            }
        }
        SparseHessian {
            pattern: Arc::new(pattern),
            colouring,
            sources,
            shape: RecordingShape::of(tape, outputs),
        }
    }

    /// The Hessian on the prepared pattern, from the gradient's recording.
    fn evaluate<T: Real>(&self, tape: &Tape<T>, outputs: &[Option<(u32, T)>]) -> SparseMatrix<T> {
        let b = forward_compressed(tape, outputs, &self.colouring);
        let k = self.colouring.count;
        let values = self.sources.iter().map(|&(r, c)| b[r as usize * k + c as usize]).collect();
        SparseMatrix::new(Arc::clone(&self.pattern), values)
    }
}

/// Records the gradient of `f` at `x` (its reverse sweep on `Var`s, so
/// that the recording holds ∇f as a function of x): `f(x)`, `∇f(x)`, the
/// recording, and where each gradient entry sits on it.
#[allow(clippy::type_complexity)]
fn record_gradient<T: Real>(
    f: impl FnOnce(&[Var<Var<T>>]) -> Var<Var<T>>,
    x: &[T],
) -> (T, Vec<T>, Tape<T>, Vec<Option<(u32, T)>>) {
    let ((value, grad), tape, id) = record(x, |x| gradient_reverse(f, x));
    let outputs = grad.iter().map(|g| seed(g, id, T::one())).collect();
    (value.value(), grad.iter().map(Var::value).collect(), tape, outputs)
}
