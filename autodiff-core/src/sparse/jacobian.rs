//! [`jacobian_sparse`] and its prepared form [`SparseJacobian`].

use std::sync::Arc;

use super::colouring::{column_colouring_cost, column_colouring_with, Colouring};
use super::compressed::{forward_compressed, reverse_compressed};
use super::detect::{dependencies, RecordingShape};
use super::STEPS_PER_LANE;
use crate::reverse::{record, seed};
use crate::tape::Tape;
use crate::{PatternChanged, Real, SparseMatrix, SparsityPattern, Var};

/// The sparse Jacobian of `f: ℝⁿ → ℝᵐ` at `x`: `(f(x), J)`, with `J` a
/// [`SparseMatrix`] holding only the entries that can be nonzero.
///
/// One call of `f` is recorded on `Var`s (as
/// [`jacobian_reverse`](crate::jacobian_reverse) does); the pattern is
/// read off the recording (output i depends on input j when an operation
/// chain leads from xⱼ to yᵢ), its columns are coloured so that columns
/// sharing no row share a colour, and the tape is swept once per colour
/// (forward sweeps carrying up to 8 colours each) — or, when rows need
/// fewer colours than columns, once per row colour backwards. The cost
/// follows the number of colours: a tridiagonal Jacobian takes 3 lanes
/// whatever n is. A dense `f` falls back to dense sweeps, at about the
/// cost of `jacobian_reverse`.
///
/// The pattern is the one of the branch taken at `x` (`if`, `max`, `abs`
/// are seen at x), so it is exact there; [`SparseJacobian`] detects and
/// colours once for many points.
///
/// ```
/// use autodiff_core::{jacobian_sparse, Scalar};
///
/// // a 1-D diffusion residual: yᵢ = x₍ᵢ₋₁₎ − 2xᵢ + x₍ᵢ₊₁₎ + xᵢ²
/// fn residual<T: Scalar>(x: &[T]) -> Vec<T> {
///     let at = |k: isize| if k < 0 || k as usize >= x.len() { T::cst(0.0) } else { x[k as usize] };
///     (0..x.len() as isize).map(|i| at(i - 1) - at(i) * 2.0 + at(i + 1) + at(i) * at(i)).collect()
/// }
///
/// let x = vec![0.5; 1000];
/// let (y, j) = jacobian_sparse(|x| residual(x), &x);
/// assert_eq!(y.len(), 1000);
/// assert_eq!(j.nnz(), 3 * 1000 - 2);
/// assert_eq!((j.get(5, 4), j.get(5, 5), j.get(5, 6), j.get(5, 7)), (1.0, -1.0, 1.0, 0.0));
/// ```
pub fn jacobian_sparse<T: Real>(
    f: impl FnOnce(&[Var<T>]) -> Vec<Var<T>>,
    x: &[T],
) -> (Vec<T>, SparseMatrix<T>) {
    let (y, mut tape, id) = record(x, f);
    let outputs: Vec<Option<(u32, T)>> = y.iter().map(|yi| seed(yi, id, T::one())).collect();
    let prepared = SparseJacobian::from_tape(&tape, &outputs, x.len());
    let j = prepared.evaluate(&mut tape, &outputs);
    (y.iter().map(Var::value).collect(), j)
}

/// How the compressed Jacobian is read off the tape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Reading {
    /// Forward sweeps, one lane per colour of the columns.
    Columns,
    /// Reverse sweeps, one per colour of the rows.
    Rows,
}

/// A sparse Jacobian driver prepared at one point: the pattern detected
/// there and its colouring, reused at every later point (as
/// DifferentiationInterface's `prepare`). Evaluating at a new point
/// records `f` once and sweeps once per colour, skipping detection and
/// colouring.
///
/// # When to prepare again
///
/// The pattern is the one of the branch `f` takes at the point of
/// preparation. At a new point, [`jacobian`](SparseJacobian::jacobian)
/// first compares the new recording with the prepared one; when `f`
/// recorded the same operations on the same variables (the same branch),
/// the pattern is the same. When it did not, the pattern is detected
/// again and every entry must lie in the prepared pattern; an entry
/// outside it is reported as [`PatternChanged`] rather than dropped —
/// prepare again at that point then.
///
/// ```
/// use autodiff_core::{Scalar, SparseJacobian};
///
/// fn f<T: Scalar>(x: &[T]) -> Vec<T> {
///     x.windows(2).map(|w| w[0] * w[1]).collect()
/// }
///
/// let prepared = SparseJacobian::prepare(|x| f(x), &[1.0; 100]);
/// assert_eq!(prepared.colours(), 2);
/// for t in [0.5, 2.0] {
///     let x: Vec<f64> = (0..100).map(|i| t * i as f64).collect();
///     let (_, j) = prepared.jacobian(|x| f(x), &x).unwrap();
///     assert_eq!((j.get(3, 3), j.get(3, 4)), (x[4], x[3]));
/// }
/// ```
#[derive(Clone, Debug)]
pub struct SparseJacobian {
    pattern: Arc<SparsityPattern>,
    colouring: Colouring,
    reading: Reading,
    shape: RecordingShape,
}

impl SparseJacobian {
    /// Detects the pattern of the Jacobian of `f` at `x` and colours it.
    ///
    /// ```
    /// use autodiff_core::{Float, SparseJacobian, Var64};
    /// let prepared = SparseJacobian::prepare(|x: &[Var64]| vec![x[0] * x[1], x[2].sin()], &[1.0; 3]);
    /// assert_eq!(prepared.pattern().nnz(), 3);
    /// ```
    pub fn prepare<T: Real>(f: impl FnOnce(&[Var<T>]) -> Vec<Var<T>>, x: &[T]) -> Self {
        let (y, tape, id) = record(x, f);
        let outputs: Vec<Option<(u32, T)>> = y.iter().map(|yi| seed(yi, id, T::one())).collect();
        Self::from_tape(&tape, &outputs, x.len())
    }

    /// `(f(x), J)` at a new `x`, on the prepared pattern; `Err` when `f`
    /// has an entry outside it here (see the type's docs).
    ///
    /// # Panics
    ///
    /// If `x` or `f(x)` has another length than at preparation; the
    /// message names both.
    pub fn jacobian<T: Real>(
        &self,
        f: impl FnOnce(&[Var<T>]) -> Vec<Var<T>>,
        x: &[T],
    ) -> Result<(Vec<T>, SparseMatrix<T>), PatternChanged> {
        let (n, m) = (self.pattern.ncols(), self.pattern.nrows());
        assert!(
            x.len() == n,
            "SparseJacobian::jacobian: prepared for {n} inputs but x has {}",
            x.len()
        );
        let (y, mut tape, id) = record(x, f);
        assert!(
            y.len() == m,
            "SparseJacobian::jacobian: prepared for {m} outputs but f returned {}",
            y.len()
        );
        let outputs: Vec<Option<(u32, T)>> = y.iter().map(|yi| seed(yi, id, T::one())).collect();
        let slots = output_slots(&outputs);
        if !(tape.parents_are(self.shape.parents()) && self.shape.output_slots() == slots) {
            let parents: Vec<[u32; 2]> = tape.parents().collect();
            let here = dependencies(&parents, &slots, n);
            if let Some((row, col)) = here.first_outside(&self.pattern) {
                return Err(PatternChanged { row, col });
            }
        }
        let j = self.evaluate(&mut tape, &outputs);
        Ok((y.iter().map(Var::value).collect(), j))
    }

    /// The prepared pattern.
    pub fn pattern(&self) -> &Arc<SparsityPattern> {
        &self.pattern
    }

    /// The number of colours: the sweeps each evaluation makes (forward
    /// sweeps carry up to 8 colours each).
    pub fn colours(&self) -> usize {
        self.colouring.count
    }

    /// The prepared driver for a finished recording.
    fn from_tape<T: Real>(tape: &Tape<T>, outputs: &[Option<(u32, T)>], n: usize) -> Self {
        let m = outputs.len();
        let parents: Vec<[u32; 2]> = tape.parents().collect();
        let slots = output_slots(outputs);
        let pattern = dependencies(&parents, &slots, n);
        // At a quarter full or more, rows average n/4 entries or more, so
        // no colouring saves more than 4 lanes in 5: evaluate densely,
        // without colouring.
        let (colouring, reading) = if pattern.nnz().saturating_mul(4) >= m.saturating_mul(n) {
            if lanes(n) <= m {
                (Colouring::identity(n), Reading::Columns)
            } else {
                (Colouring::identity(m), Reading::Rows)
            }
        } else {
            // Node-lanes of a dense evaluation: the most colouring may
            // cost before it stops paying.
            let dense_cost =
                tape.slots().saturating_mul(n.min(m).max(1)).saturating_mul(STEPS_PER_LANE);
            let transpose = pattern.transpose();
            let columns = colour_within(&pattern, &transpose, dense_cost);
            // A forward sweep of 8 lanes costs about 8 reverse sweeps. The
            // rows need at least as many colours as the longest column
            // has entries: colour them only if that could beat the columns.
            let longest_column = (0..n).map(|j| transpose.row(j).len()).max().unwrap_or(0);
            if lanes(columns.count) <= longest_column {
                (columns, Reading::Columns)
            } else {
                let rows = colour_within(&transpose, &pattern, dense_cost);
                if lanes(columns.count) <= rows.count {
                    (columns, Reading::Columns)
                } else {
                    (rows, Reading::Rows)
                }
            }
        };
        SparseJacobian {
            pattern: Arc::new(pattern),
            colouring,
            reading,
            shape: RecordingShape::new(parents, Vec::new(), slots),
        }
    }

    /// The Jacobian on the prepared pattern, from the tape.
    fn evaluate<T: Real>(
        &self,
        tape: &mut Tape<T>,
        outputs: &[Option<(u32, T)>],
    ) -> SparseMatrix<T> {
        let values = match self.reading {
            Reading::Columns => {
                let b = forward_compressed(tape, outputs, &self.colouring);
                let k = self.colouring.count;
                self.pattern
                    .iter()
                    .map(|(i, j)| b[i * k + self.colouring.colours[j] as usize])
                    .collect()
            }
            Reading::Rows => reverse_compressed(tape, outputs, &self.pattern, &self.colouring),
        };
        SparseMatrix::new(Arc::clone(&self.pattern), values)
    }
}

/// The slot of each output (`None` for a constant).
fn output_slots<T>(outputs: &[Option<(u32, T)>]) -> Vec<Option<u32>> {
    outputs.iter().map(|o| o.as_ref().map(|&(slot, _)| slot)).collect()
}

/// A colouring of the columns of `pattern` (whose transpose is
/// `transpose`), or each column its own colour when colouring would cost
/// more than `budget`.
fn colour_within(
    pattern: &SparsityPattern,
    transpose: &SparsityPattern,
    budget: usize,
) -> Colouring {
    if column_colouring_cost(pattern) <= budget {
        column_colouring_with(pattern, transpose)
    } else {
        Colouring::identity(pattern.ncols())
    }
}

/// The lanes the forward sweeps for `colours` colours carry in all
/// (passes of 8, the last one as narrow as 1, 2, 3 or 4 when it can be).
fn lanes(colours: usize) -> usize {
    let last = match colours % 8 {
        rest @ 0..=4 => rest,
        _ => 8,
    };
    colours / 8 * 8 + last
}
