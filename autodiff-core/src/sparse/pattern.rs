//! [`SparsityPattern`]: where the structural nonzeros of a matrix are.

/// The positions of the structural nonzeros of an `nrows × ncols` matrix,
/// row by row (compressed sparse rows): for each row, its columns in
/// increasing order.
///
/// A sparse driver detects one from a recording of `f`: entry (i, j) is in
/// the pattern when output i depends on input j through the operations
/// recorded at that point, and every entry outside it is exactly 0 there.
///
/// ```
/// use autodiff_core::SparsityPattern;
///
/// let p = SparsityPattern::from_rows(3, vec![vec![0, 2], vec![1]]);
/// assert_eq!((p.nrows(), p.ncols(), p.nnz()), (2, 3, 3));
/// assert!(p.contains(0, 2) && !p.contains(1, 2));
/// assert_eq!(p.row(0), &[0, 2]);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SparsityPattern {
    ncols: usize,
    /// Row i's columns are `cols[offsets[i]..offsets[i + 1]]`.
    offsets: Vec<usize>,
    cols: Vec<u32>,
}

impl SparsityPattern {
    /// The pattern with the given columns in each row (in any order,
    /// repeats allowed), `ncols` columns wide.
    ///
    /// # Panics
    ///
    /// If a column is not below `ncols`; the message names it.
    ///
    /// ```
    /// use autodiff_core::SparsityPattern;
    /// let p = SparsityPattern::from_rows(2, vec![vec![1, 0, 1]]);
    /// assert_eq!(p.row(0), &[0, 1]);
    /// ```
    pub fn from_rows<R, C>(ncols: usize, rows: R) -> Self
    where
        R: IntoIterator<Item = C>,
        C: IntoIterator<Item = u32>,
    {
        let mut offsets = vec![0];
        let mut cols = Vec::new();
        for row in rows {
            let start = cols.len();
            cols.extend(row);
            let new = &mut cols[start..];
            new.sort_unstable();
            if let Some(&last) = new.last() {
                assert!(
                    (last as usize) < ncols,
                    "SparsityPattern::from_rows: column {last} is outside a pattern {ncols} columns wide"
                );
            }
            let kept = dedup_sorted(new);
            cols.truncate(start + kept);
            offsets.push(cols.len());
        }
        SparsityPattern { ncols, offsets, cols }
    }

    /// The pattern with rows already increasing and without repeats (as
    /// detection builds them), taken as they are.
    pub(crate) fn from_sorted_rows<'a>(
        ncols: usize,
        rows: impl Iterator<Item = &'a [u32]>,
    ) -> Self {
        let mut offsets = vec![0];
        let mut cols = Vec::new();
        for row in rows {
            debug_assert!(
                row.windows(2).all(|w| w[0] < w[1]) && row.iter().all(|&j| (j as usize) < ncols)
            );
            cols.extend_from_slice(row);
            offsets.push(cols.len());
        }
        SparsityPattern { ncols, offsets, cols }
    }

    /// The pattern with the given `(row, col)` entries (in any order,
    /// repeats allowed): a counting sort by row, then each row's repeats
    /// dropped and what is left sorted.
    pub(crate) fn from_entries(nrows: usize, ncols: usize, entries: &[(u32, u32)]) -> Self {
        let mut offsets = vec![0usize; nrows + 1];
        for &(i, _) in entries {
            offsets[i as usize + 1] += 1;
        }
        for i in 0..nrows {
            offsets[i + 1] += offsets[i];
        }
        let mut next = offsets.clone();
        let mut cols = vec![0u32; entries.len()];
        for &(i, j) in entries {
            cols[next[i as usize]] = j;
            next[i as usize] += 1;
        }
        // Keep the first of each column in a row (marked with the row),
        // closing the gaps, then sort what is kept.
        let mut seen = vec![usize::MAX; ncols];
        let mut kept = 0;
        for i in 0..nrows {
            let (start, end) = (offsets[i], offsets[i + 1]);
            offsets[i] = kept;
            for k in start..end {
                let j = cols[k];
                if seen[j as usize] != i {
                    seen[j as usize] = i;
                    cols[kept] = j;
                    kept += 1;
                }
            }
            cols[offsets[i]..kept].sort_unstable();
        }
        offsets[nrows] = kept;
        cols.truncate(kept);
        SparsityPattern { ncols, offsets, cols }
    }

    /// Every entry of an `nrows × ncols` matrix.
    ///
    /// ```
    /// use autodiff_core::SparsityPattern;
    /// assert_eq!(SparsityPattern::dense(2, 3).nnz(), 6);
    /// ```
    pub fn dense(nrows: usize, ncols: usize) -> Self {
        let all = (0..ncols as u32).collect::<Vec<_>>();
        Self::from_rows(ncols, (0..nrows).map(|_| all.iter().copied()))
    }

    /// The number of rows.
    pub fn nrows(&self) -> usize {
        self.offsets.len() - 1
    }

    /// The number of columns.
    pub fn ncols(&self) -> usize {
        self.ncols
    }

    /// The number of structural nonzeros.
    pub fn nnz(&self) -> usize {
        self.cols.len()
    }

    /// The columns of row `i`, increasing.
    ///
    /// # Panics
    ///
    /// If `i` is not a row.
    pub fn row(&self, i: usize) -> &[u32] {
        &self.cols[self.offsets[i]..self.offsets[i + 1]]
    }

    /// Where each row starts among the nonzeros (row order), and the
    /// count after the last row.
    pub(crate) fn offsets(&self) -> &[usize] {
        &self.offsets
    }

    /// Whether (i, j) is a structural nonzero (false outside the matrix).
    pub fn contains(&self, i: usize, j: usize) -> bool {
        self.position(i, j).is_some()
    }

    /// The index of (i, j) among the nonzeros in row order, if it is one.
    pub(crate) fn position(&self, i: usize, j: usize) -> Option<usize> {
        if i >= self.nrows() {
            return None;
        }
        let j = u32::try_from(j).ok()?;
        self.row(i).binary_search(&j).ok().map(|k| self.offsets[i] + k)
    }

    /// The nonzeros `(row, col)` in row order.
    ///
    /// ```
    /// use autodiff_core::SparsityPattern;
    /// let p = SparsityPattern::from_rows(2, vec![vec![1], vec![0, 1]]);
    /// assert_eq!(p.iter().collect::<Vec<_>>(), vec![(0, 1), (1, 0), (1, 1)]);
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        (0..self.nrows()).flat_map(move |i| self.row(i).iter().map(move |&j| (i, j as usize)))
    }

    /// The pattern of the transpose.
    ///
    /// ```
    /// use autodiff_core::SparsityPattern;
    /// let p = SparsityPattern::from_rows(3, vec![vec![0, 2]]);
    /// assert_eq!(p.transpose(), SparsityPattern::from_rows(1, vec![vec![0], vec![], vec![0]]));
    /// ```
    pub fn transpose(&self) -> Self {
        let mut counts = vec![0usize; self.ncols + 1];
        for &j in &self.cols {
            counts[j as usize + 1] += 1;
        }
        for j in 0..self.ncols {
            counts[j + 1] += counts[j];
        }
        let offsets = counts.clone();
        let mut next = counts;
        let mut cols = vec![0u32; self.cols.len()];
        for (i, j) in self.iter() {
            cols[next[j]] = i as u32;
            next[j] += 1;
        }
        SparsityPattern { ncols: self.nrows(), offsets, cols }
    }

    /// Whether every nonzero of `self` is one of `other` (of the same
    /// shape).
    ///
    /// ```
    /// use autodiff_core::SparsityPattern;
    /// let small = SparsityPattern::from_rows(2, vec![vec![1]]);
    /// let large = SparsityPattern::from_rows(2, vec![vec![0, 1]]);
    /// assert!(small.is_subset_of(&large) && !large.is_subset_of(&small));
    /// ```
    pub fn is_subset_of(&self, other: &Self) -> bool {
        self.first_outside(other).is_none()
    }

    /// The first nonzero of `self` (in row order) that is not one of
    /// `other`'s; shapes that differ count as outside at once.
    pub(crate) fn first_outside(&self, other: &Self) -> Option<(usize, usize)> {
        if (self.nrows(), self.ncols) != (other.nrows(), other.ncols) {
            return self.iter().next().or(Some((0, 0)));
        }
        (0..self.nrows()).find_map(|i| {
            let theirs = other.row(i);
            self.row(i).iter().find(|j| theirs.binary_search(j).is_err()).map(|&j| (i, j as usize))
        })
    }
}

/// Drops the repeats from sorted `s` in place; returns how many stay.
fn dedup_sorted(s: &mut [u32]) -> usize {
    let mut kept = 0;
    for k in 0..s.len() {
        if kept == 0 || s[k] != s[kept - 1] {
            s[kept] = s[k];
            kept += 1;
        }
    }
    kept
}

/// A prepared sparse driver met a nonzero outside its pattern: at this
/// point `f` depends on inputs (or, for a Hessian, pairs of inputs) it did
/// not depend on where the driver was prepared, typically because it took
/// another branch. The entry is reported rather than dropped; prepare the
/// driver again at this point (or at a point where every branch that
/// matters is taken).
///
/// ```
/// use autodiff_core::{SparseJacobian, Var64};
///
/// // the branch taken decides whether y depends on x₁
/// let f = |x: &[Var64]| vec![if x[0] > 0.0 { x[0] * 2.0 } else { x[0] * x[1] }];
/// let prepared = SparseJacobian::prepare(f, &[1.0, 1.0]);
/// let err = prepared.jacobian(f, &[-1.0, 1.0]).unwrap_err();
/// assert_eq!((err.row, err.col), (0, 1));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PatternChanged {
    /// The row of the entry outside the prepared pattern.
    pub row: usize,
    /// Its column.
    pub col: usize,
}

impl core::fmt::Display for PatternChanged {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(
            f,
            "entry ({}, {}) can be nonzero here but is outside the prepared sparsity pattern \
             (f took another branch); prepare the driver again at this point",
            self.row, self.col
        )
    }
}

impl std::error::Error for PatternChanged {}
