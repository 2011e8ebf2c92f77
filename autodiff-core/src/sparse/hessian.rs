//! [`hessian_sparse`] and its prepared form [`SparseHessian`].

use std::sync::Arc;

use super::colouring::{star_colouring, star_colouring_cost, star_sources, Colouring};
use super::compressed::hessian_compressed;
use super::detect::{interactions, RecordingShape};
use super::STEPS_PER_LANE;
use crate::tape::foreign_variable;
use crate::tape2::{Output2, Recording2, Tape2};
use crate::{PatternChanged, Real, SparseMatrix, SparsityPattern, Var2};

/// The value, gradient and sparse Hessian of `f: ℝⁿ → ℝ` at `x`:
/// `(f(x), ∇f(x), H)`, with `H` a symmetric [`SparseMatrix`] holding only
/// the entries that can be nonzero.
///
/// `f` runs once, on [`Var2`]s: each operation of two variables records
/// its first and second partial derivatives. The Hessian's pattern is
/// read off that recording (inputs i and j interact where an operation
/// curves in operands depending on them), star-coloured (Gebremedhin,
/// Manne and Pothen: every entry is read from one column of H·S, and
/// columns may share a colour at distance 2, so an arrowhead takes 2
/// colours), and one forward and one reverse sweep of the recording per 8
/// colours give ∇f and H·S (second-order adjoints). The cost follows the
/// colours: a tridiagonal Hessian (Rosenbrock) takes 3 lanes whatever n
/// is. A dense `f` falls back to 8 columns per sweep pair.
///
/// The pattern is the one at `x`: the branch taken there, and second
/// derivatives that vanish at x (sin″ at 0, the curvature of x³ at 0)
/// leave their entries out, as they are 0 there; [`SparseHessian`]
/// detects and colours once for many points, and reports an entry outside
/// its pattern.
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
/// // ∂f/∂x₀ = -2(1 - x₀) - 400x₀(x₁ - x₀²)
/// assert!((g[0] - (-1.0 - 200.0 * 0.25)).abs() < 1e-12);
/// ```
#[allow(clippy::type_complexity)]
pub fn hessian_sparse<T: Real>(
    f: impl FnOnce(&[Var2<T>]) -> Var2<T>,
    x: &[T],
) -> (T, Vec<T>, SparseMatrix<T>) {
    let (value, tape, output) = record2(f, x);
    let prepared = SparseHessian::from_tape(&tape, output, x.len());
    let (grad, h) = prepared.evaluate(&tape, output);
    (value, grad, h)
}

/// A sparse Hessian driver prepared at one point: the pattern detected
/// there, its star colouring and where each entry is read, reused at
/// every later point. Evaluating at a new point records `f` once and
/// sweeps once forward and once back per 8 colours.
///
/// # When to prepare again
///
/// As for [`SparseJacobian`](crate::SparseJacobian): a new recording that
/// made the same operations on the same variables, curving in the same
/// places, has the same pattern. One that did not (another branch, or a
/// second derivative that vanished at the point of preparation and does
/// not here) is detected again, and an entry outside the prepared pattern
/// is reported as [`PatternChanged`] instead of being dropped. Prepare at
/// a generic point (not at 0, where x³ and sin have no curvature) when
/// the pattern should hold everywhere.
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
    /// use autodiff_core::{Float, SparseHessian, Var2_64};
    /// let prepared = SparseHessian::prepare(|x: &[Var2_64]| x[0] * x[1] + x[2].exp(), &[1.0; 3]);
    /// assert_eq!(prepared.pattern().nnz(), 3);
    /// ```
    pub fn prepare<T: Real>(f: impl FnOnce(&[Var2<T>]) -> Var2<T>, x: &[T]) -> Self {
        let (_, tape, output) = record2(f, x);
        Self::from_tape(&tape, output, x.len())
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
        f: impl FnOnce(&[Var2<T>]) -> Var2<T>,
        x: &[T],
    ) -> Result<(T, Vec<T>, SparseMatrix<T>), PatternChanged> {
        let n = self.pattern.ncols();
        assert!(
            x.len() == n,
            "SparseHessian::hessian: prepared for {n} inputs but x has {}",
            x.len()
        );
        let (value, tape, output) = record2(f, x);
        // The marks are each slot's curvature, then the output's.
        let same = tape.shape_is(self.shape.parents(), self.shape.marks())
            && self.shape.marks().last() == Some(&output_curves(output))
            && self.shape.output_slots() == [output.map(|o| o.slot)];
        if !same {
            let here = detect_pattern(&tape, output, n, usize::MAX);
            if let Some((row, col)) = here.first_outside(&self.pattern) {
                return Err(PatternChanged { row, col });
            }
        }
        let (grad, h) = self.evaluate(&tape, output);
        Ok((value, grad, h))
    }

    /// The prepared pattern (symmetric).
    pub fn pattern(&self) -> &Arc<SparsityPattern> {
        &self.pattern
    }

    /// The number of colours: the lanes each evaluation's sweeps carry
    /// (up to 8 per pair of sweeps).
    pub fn colours(&self) -> usize {
        self.colouring.count
    }

    /// The prepared driver for a finished recording.
    fn from_tape<T: Real>(tape: &Tape2<T>, output: Option<Output2<T>>, n: usize) -> Self {
        // Node-lanes of a dense evaluation: the most detection and
        // colouring may cost before they stop paying (a step of either is
        // a few instructions, a node-lane of the sweeps over ten).
        let dense_cost =
            tape.parents().len().saturating_mul(n.max(1)).saturating_mul(STEPS_PER_LANE);
        let pattern = detect_pattern(tape, output, n, dense_cost);
        // A pattern a quarter full or more (no colouring saves more than 4
        // lanes in 5), or one whose colouring would cost more than a dense
        // evaluation, is evaluated densely: column j in lane j.
        let dense = pattern.nnz().saturating_mul(4) >= n.saturating_mul(n)
            || star_colouring_cost(&pattern) > dense_cost;
        let (colouring, sources) = if dense {
            // (i, j) and (j, i) from the upper one: H is exactly symmetric.
            let sources = pattern.iter().map(|(i, j)| (i.min(j) as u32, i.max(j) as u32));
            (Colouring::identity(n), sources.collect())
        } else {
            let colouring = star_colouring(&pattern);
            let mut sources = star_sources(&pattern, &colouring);
            // Read (i, j) and (j, i) from the same place, so H is exactly
            // symmetric.
            for (k, (i, j)) in pattern.iter().enumerate() {
                if i > j {
                    let upper = pattern.position(j, i).expect("the pattern is symmetric");
                    sources[k] = sources[upper];
                }
            }
            (colouring, sources)
        };
        let marks = tape.curvature().chain([output_curves(output)]).collect();
        let shape =
            RecordingShape::new(tape.parents().collect(), marks, vec![output.map(|o| o.slot)]);
        SparseHessian { pattern: Arc::new(pattern), colouring, sources, shape }
    }

    /// The gradient and the Hessian on the prepared pattern, from the
    /// recording.
    fn evaluate<T: Real>(
        &self,
        tape: &Tape2<T>,
        output: Option<Output2<T>>,
    ) -> (Vec<T>, SparseMatrix<T>) {
        let n = self.pattern.ncols();
        let Some(output) = output else {
            // A constant f: no derivatives (and an empty pattern).
            let values = vec![T::zero(); self.pattern.nnz()];
            return (vec![T::zero(); n], SparseMatrix::new(Arc::clone(&self.pattern), values));
        };
        let (grad, b) = hessian_compressed(tape, output, &self.colouring);
        let k = self.colouring.count;
        let values = self.sources.iter().map(|&(r, c)| b[r as usize * k + c as usize]).collect();
        (grad, SparseMatrix::new(Arc::clone(&self.pattern), values))
    }
}

/// The symmetric Hessian pattern of `output` on `tape`, dense when
/// detecting it would take more than `budget` entries.
fn detect_pattern<T: Real>(
    tape: &Tape2<T>,
    output: Option<Output2<T>>,
    n: usize,
    budget: usize,
) -> SparsityPattern {
    let parents: Vec<[u32; 2]> = tape.parents().collect();
    let curvature: Vec<u8> = tape.curvature().collect();
    let output = output.map(|o| (o.slot, output_curves(Some(o)) != 0));
    interactions(&parents, &curvature, output, n, budget)
        .unwrap_or_else(|| SparsityPattern::dense(n, n))
}

/// 1 when the output's own chain curves (its second derivative with
/// respect to its slot is not 0), else 0.
fn output_curves<T: Real>(output: Option<Output2<T>>) -> u8 {
    output.map_or(0, |o| u8::from(!o.d2.is_zero_in_every_part()))
}

/// Records `f` at `x` on a fresh second-order tape: `f(x)`, the
/// recording, and where its result sits (`None` for a constant).
fn record2<T: Real>(
    f: impl FnOnce(&[Var2<T>]) -> Var2<T>,
    x: &[T],
) -> (T, Tape2<T>, Option<Output2<T>>) {
    let recording = Recording2::start(x);
    let id = recording.id();
    let y = f(recording.inputs());
    let tape = recording.finish();
    let output = match y.place() {
        None => None,
        Some((slot, tape_id, d1, d2)) if tape_id == id => Some(Output2 { slot, d1, d2 }),
        Some(_) => foreign_variable(),
    };
    (y.value(), tape, output)
}
