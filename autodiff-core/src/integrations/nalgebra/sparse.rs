//! [`SparseMatrix`] to nalgebra-sparse's [`CsrMatrix`].

use nalgebra_sparse::CsrMatrix;

use crate::{Real, SparseMatrix};

impl<T: Real + nalgebra::Scalar> SparseMatrix<T> {
    /// The same matrix as a nalgebra-sparse [`CsrMatrix`] (feature
    /// `nalgebra`): the same structural nonzeros, in the same order.
    ///
    /// ```
    /// use autodiff_core::{jacobian_sparse, Var64};
    ///
    /// let (_, j) = jacobian_sparse(|x: &[Var64]| vec![x[0] * x[1], x[1] * 3.0], &[2.0, 5.0]);
    /// let csr = j.to_csr();
    /// assert_eq!(csr.nnz(), 3);
    /// assert_eq!(csr.row_offsets(), &[0, 2, 3]);
    /// assert_eq!(csr.col_indices(), &[0, 1, 1]);
    /// assert_eq!(csr.values(), &[5.0, 2.0, 3.0]);
    /// ```
    pub fn to_csr(&self) -> CsrMatrix<T> {
        let pattern = self.pattern();
        let cols = (0..pattern.nrows()).flat_map(|i| pattern.row(i)).map(|&j| j as usize);
        CsrMatrix::try_from_csr_data(
            self.nrows(),
            self.ncols(),
            pattern.offsets().to_vec(),
            cols.collect(),
            self.values().to_vec(),
        )
        .expect("a SparsityPattern is valid compressed-row data")
    }
}

impl<T: Real + nalgebra::Scalar> From<&SparseMatrix<T>> for CsrMatrix<T> {
    /// [`SparseMatrix::to_csr`].
    fn from(m: &SparseMatrix<T>) -> Self {
        m.to_csr()
    }
}
