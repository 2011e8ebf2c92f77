//! [`SparseMatrix`]: what the sparse drivers return.

use std::sync::Arc;

use crate::{Real, SparsityPattern};

/// A sparse matrix: a [`SparsityPattern`] and one value per structural
/// nonzero, in row order. Entries off the pattern are exactly 0.
///
/// [`jacobian_sparse`](crate::jacobian_sparse) and
/// [`hessian_sparse`](crate::hessian_sparse) return one; a prepared driver
/// returns matrices that share its pattern (the pattern is behind an
/// [`Arc`], so a new matrix copies no structure).
///
/// ```
/// use autodiff_core::{jacobian_sparse, Var64};
///
/// // y₀ = x₀x₁, y₁ = 3x₁: three of four entries can be nonzero
/// let (y, j) = jacobian_sparse(|x: &[Var64]| vec![x[0] * x[1], x[1] * 3.0], &[2.0, 5.0]);
/// assert_eq!(y, vec![10.0, 15.0]);
/// assert_eq!(j.nnz(), 3);
/// assert_eq!((j.get(0, 0), j.get(0, 1), j.get(1, 0), j.get(1, 1)), (5.0, 2.0, 0.0, 3.0));
/// assert_eq!(j.to_dense(), vec![vec![5.0, 2.0], vec![0.0, 3.0]]);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct SparseMatrix<T> {
    pattern: Arc<SparsityPattern>,
    values: Vec<T>,
}

impl<T: Real> SparseMatrix<T> {
    /// The matrix with `values` (one per nonzero of `pattern`, in row order).
    ///
    /// # Panics
    ///
    /// If the counts differ; the message names both.
    ///
    /// ```
    /// use autodiff_core::{SparseMatrix, SparsityPattern};
    /// use std::sync::Arc;
    ///
    /// let p = Arc::new(SparsityPattern::from_rows(2, vec![vec![0], vec![0, 1]]));
    /// let m = SparseMatrix::new(p, vec![1.0, 2.0, 3.0]);
    /// assert_eq!(m.get(1, 0), 2.0);
    /// ```
    pub fn new(pattern: Arc<SparsityPattern>, values: Vec<T>) -> Self {
        assert!(
            pattern.nnz() == values.len(),
            "SparseMatrix::new: the pattern has {} nonzeros but {} values were given",
            pattern.nnz(),
            values.len()
        );
        SparseMatrix { pattern, values }
    }

    /// The number of rows.
    pub fn nrows(&self) -> usize {
        self.pattern.nrows()
    }

    /// The number of columns.
    pub fn ncols(&self) -> usize {
        self.pattern.ncols()
    }

    /// The number of structural nonzeros: entries that can be nonzero for
    /// the pattern detected (some may be 0 at this point).
    pub fn nnz(&self) -> usize {
        self.values.len()
    }

    /// Entry (i, j): its value on the pattern, 0 off it.
    ///
    /// # Panics
    ///
    /// If (i, j) is outside the matrix; the message names the shape.
    pub fn get(&self, i: usize, j: usize) -> T {
        assert!(
            i < self.nrows() && j < self.ncols(),
            "SparseMatrix::get: ({i}, {j}) is outside a {} × {} matrix",
            self.nrows(),
            self.ncols()
        );
        self.pattern.position(i, j).map_or_else(T::zero, |k| self.values[k])
    }

    /// The structural nonzeros `(row, col, value)`, in row order.
    ///
    /// ```
    /// use autodiff_core::{hessian_sparse, Scalar};
    ///
    /// // f = x₀² + x₀x₁: H = [[2, 1], [1, 0]], three structural nonzeros
    /// let (_, _, h) = hessian_sparse(|x| x[0] * x[0] + x[0] * x[1], &[1.0, 1.0]);
    /// let entries: Vec<_> = h.iter().collect();
    /// assert_eq!(entries, vec![(0, 0, 2.0), (0, 1, 1.0), (1, 0, 1.0)]);
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = (usize, usize, T)> + '_ {
        self.pattern.iter().zip(&self.values).map(|((i, j), &v)| (i, j, v))
    }

    /// The values of the structural nonzeros, in row order.
    pub fn values(&self) -> &[T] {
        &self.values
    }

    /// The pattern.
    pub fn pattern(&self) -> &Arc<SparsityPattern> {
        &self.pattern
    }

    /// The dense matrix, by rows: `to_dense()[i][j]` is `get(i, j)`.
    pub fn to_dense(&self) -> Vec<Vec<T>> {
        let mut dense = vec![vec![T::zero(); self.ncols()]; self.nrows()];
        for (i, j, v) in self.iter() {
            dense[i][j] = v;
        }
        dense
    }
}
