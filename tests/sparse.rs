//! The sparse drivers (`jacobian_sparse`, `hessian_sparse`, and their
//! prepared forms `SparseJacobian` and `SparseHessian`) against
//! hand-written closed forms: banded PDE residuals (1-D Bratu, a 2-D
//! 5-point stencil, a pentadiagonal 4th-order stencil), arrowheads, random
//! sparse patterns, branches that change the pattern, dense functions and
//! the corner cases (no inputs, no outputs, constant rows, f32, linear
//! functions, repeated variables, wrong lengths).
//!
//! Every expected matrix is written out entry by entry from its formula,
//! evaluated in plain `f64` (or `f32`); the dense drivers
//! (`jacobian_reverse`, `jacobian_slice`, `hessian_reverse`,
//! `hessian_slice`) are only a second check beside them. Every entry of
//! the full dense matrix (`to_dense()`) is compared: an entry the closed
//! form makes 0 must be exactly 0; any other entry to `1e-13` relative to
//! max(|got|, |expected|, Σ|terms|), where Σ|terms| is the magnitude of the
//! terms the closed form adds (for a one-term entry that is the plain
//! relative test; for a sum it admits the rounding of its terms, which
//! cancellation can make large relative to the sum). Entries whose
//! arithmetic is exact (the constant bands of a stencil, ±1 of a
//! selection) are compared with `==`. Patterns are compared with the
//! closed-form structure exactly (every entry that can be nonzero is in
//! it, and nothing else is), and their counts with a formula written in
//! the test.
#![deny(warnings)]
// The closed forms index by row and column as the formulas do.
#![allow(clippy::needless_range_loop)]

use autodiff::prelude::*;

// --- helpers -----------------------------------------------------------------------

/// The relative tolerance of f64 entries.
const TOL: f64 = 1e-13;

/// The relative tolerance of f32 entries (≈ 40 ulps).
const TOL32: f32 = 5e-6;

/// One entry of a hand-written matrix: its value and the magnitude of the
/// terms that make it up (Σ|terms|).
#[derive(Clone, Copy, Debug)]
struct Entry {
    value: f64,
    magnitude: f64,
}

/// A hand-written matrix: its shape and, row by row, the entries that can
/// be nonzero (its structure), each with its value at the point.
#[derive(Clone, Debug)]
struct Want {
    nrows: usize,
    ncols: usize,
    rows: Vec<Vec<(usize, Entry)>>,
}

impl Want {
    fn new(nrows: usize, ncols: usize) -> Self {
        Want { nrows, ncols, rows: vec![Vec::new(); nrows] }
    }

    /// Adds `terms` to entry (i, j), making it structurally nonzero.
    fn add(&mut self, i: usize, j: usize, terms: &[f64]) {
        assert!(i < self.nrows && j < self.ncols, "({i}, {j}) outside the expected matrix");
        let row = &mut self.rows[i];
        let k = match row.iter().position(|&(c, _)| c == j) {
            Some(k) => k,
            None => {
                row.push((j, Entry { value: 0.0, magnitude: 0.0 }));
                row.len() - 1
            }
        };
        let e = &mut row[k].1;
        for &t in terms {
            e.value += t;
            e.magnitude += t.abs();
        }
    }

    /// The number of structural entries.
    fn count(&self) -> usize {
        self.rows.iter().map(Vec::len).sum()
    }

    /// Row i as a dense row (0 off the structure).
    fn dense_row(&self, i: usize) -> Vec<Entry> {
        let mut row = vec![Entry { value: 0.0, magnitude: 0.0 }; self.ncols];
        for &(j, e) in &self.rows[i] {
            row[j] = e;
        }
        row
    }

    /// The value of (i, j): 0 off the structure.
    fn value(&self, i: usize, j: usize) -> Entry {
        self.rows[i]
            .iter()
            .find(|&&(c, _)| c == j)
            .map_or(Entry { value: 0.0, magnitude: 0.0 }, |&(_, e)| e)
    }

    /// The structure as a pattern.
    fn pattern(&self) -> SparsityPattern {
        SparsityPattern::from_rows(
            self.ncols,
            self.rows.iter().map(|r| r.iter().map(|&(j, _)| j as u32)),
        )
    }

    /// Whether (i, j) is in the structure.
    fn has(&self, i: usize, j: usize) -> bool {
        i < self.nrows && self.rows[i].iter().any(|&(c, _)| c == j)
    }
}

/// Whether `got` equals `want` to `TOL` relative to max(|got|, |want|,
/// Σ|terms|) (exactly when all are 0).
fn entry_ok(got: f64, want: Entry) -> bool {
    let scale = got.abs().max(want.value.abs()).max(want.magnitude);
    (got - want.value).abs() <= TOL * scale
}

/// `got` equals `want` as [`entry_ok`] tells.
#[track_caller]
fn assert_entry(got: f64, want: Entry, what: &str) {
    assert!(
        entry_ok(got, want),
        "{what}: got {got:e}, expected {:e} (err. {:e}, relative {:e})",
        want.value,
        (got - want.value).abs(),
        (got - want.value).abs() / got.abs().max(want.value.abs()).max(want.magnitude)
    );
}

/// `got` equals `want` to `tol` relative to max(|got|, |want|).
#[track_caller]
fn assert_rel(got: f64, want: f64, what: &str) {
    assert_entry(got, Entry { value: want, magnitude: want.abs() }, what);
}

/// The shape, internal consistency (`get`, `iter`, `values`, `to_dense`
/// and the pattern agree) and every entry of the dense matrix of `got`
/// against `want`.
#[track_caller]
fn assert_values(got: &SparseMatrix<f64>, want: &Want, what: &str) {
    assert_eq!((got.nrows(), got.ncols()), (want.nrows, want.ncols), "{what}: shape");
    assert_consistent(got, what);
    let dense = got.to_dense();
    for (i, row) in dense.iter().enumerate() {
        let want_row = want.dense_row(i);
        for (j, (&g, &w)) in row.iter().zip(&want_row).enumerate() {
            if !entry_ok(g, w) {
                assert_entry(g, w, &format!("{what}: entry ({i}, {j})"));
            }
        }
    }
}

/// `get`, `iter`, `values`, `nnz` and `to_dense` tell the same story.
#[track_caller]
fn assert_consistent<T: Real + std::fmt::Debug>(got: &SparseMatrix<T>, what: &str) {
    let p = got.pattern();
    assert_eq!((p.nrows(), p.ncols()), (got.nrows(), got.ncols()), "{what}: pattern shape");
    assert_eq!(got.nnz(), p.nnz(), "{what}: nnz");
    assert_eq!(got.values().len(), p.nnz(), "{what}: values");
    let entries: Vec<(usize, usize, T)> = got.iter().collect();
    let positions: Vec<(usize, usize)> = p.iter().collect();
    assert_eq!(entries.len(), positions.len(), "{what}: iter length");
    let mut last = None;
    for (k, (&(i, j, v), &(pi, pj))) in entries.iter().zip(&positions).enumerate() {
        assert_eq!((i, j), (pi, pj), "{what}: iter position {k}");
        assert!(v == got.values()[k], "{what}: iter value {k}");
        assert!(p.contains(i, j), "{what}: ({i}, {j}) iterated but not contained");
        assert!(last < Some((i, j)), "{what}: iter out of row order at ({i}, {j})");
        last = Some((i, j));
    }
    let dense = got.to_dense();
    assert_eq!(dense.len(), got.nrows(), "{what}: dense rows");
    // `get` everywhere on small matrices; on large ones on the pattern, next
    // to it and at the ends of each row
    let everywhere = got.nrows() * got.ncols() <= 40_000;
    for (i, row) in dense.iter().enumerate() {
        assert_eq!(row.len(), got.ncols(), "{what}: dense row {i} length");
        let mut on = vec![false; got.ncols()];
        for &j in p.row(i) {
            on[j as usize] = true;
        }
        for (j, &v) in row.iter().enumerate() {
            if !on[j] {
                assert!(v == T::zero(), "{what}: ({i}, {j}) off the pattern is not 0");
            }
        }
        let mut probe: Vec<usize> = if everywhere {
            (0..got.ncols()).collect()
        } else {
            let near = p
                .row(i)
                .iter()
                .flat_map(|&j| [j as usize, (j as usize).wrapping_sub(1), j as usize + 1]);
            near.chain([0, got.ncols().wrapping_sub(1)]).filter(|&j| j < got.ncols()).collect()
        };
        probe.dedup();
        for j in probe {
            let (v, g) = (row[j], got.get(i, j));
            assert!(v == g || (v.is_nan() && g.is_nan()), "{what}: get({i}, {j}) vs dense");
            assert_eq!(p.contains(i, j), on[j], "{what}: contains({i}, {j})");
        }
    }
}

/// The pattern of `got` is exactly the structure of `want`.
#[track_caller]
fn assert_pattern(got: &SparseMatrix<f64>, want: &Want, what: &str) {
    let expected = want.pattern();
    if **got.pattern() != expected {
        let extra: Vec<_> = got.pattern().iter().filter(|&(i, j)| !want.has(i, j)).collect();
        let missing: Vec<_> =
            expected.iter().filter(|&(i, j)| !got.pattern().contains(i, j)).collect();
        panic!("{what}: pattern differs; entries the function cannot produce: {extra:?}, missing: {missing:?}");
    }
}

/// The pattern of `got` lies inside the structure of `want` (at a point
/// where some entries vanish, the drivers may leave them out).
#[track_caller]
fn assert_pattern_within(got: &SparseMatrix<f64>, want: &Want, what: &str) {
    let extra: Vec<_> = got.pattern().iter().filter(|&(i, j)| !want.has(i, j)).collect();
    assert!(extra.is_empty(), "{what}: entries the function cannot produce: {extra:?}");
    assert!(got.pattern().is_subset_of(&want.pattern()), "{what}: is_subset_of");
}

/// The bits of a float, to compare exactly (-0.0 and NaN payloads
/// included).
trait ToBits: Real + std::fmt::Debug {
    fn bits(self) -> u64;
}

impl ToBits for f64 {
    fn bits(self) -> u64 {
        self.to_bits()
    }
}

impl ToBits for f32 {
    fn bits(self) -> u64 {
        u64::from(self.to_bits())
    }
}

/// `h` is square and exactly symmetric: pattern and bits.
#[track_caller]
fn assert_symmetric<T: ToBits>(h: &SparseMatrix<T>, what: &str) {
    assert_eq!(h.nrows(), h.ncols(), "{what}: a Hessian is square");
    let p = h.pattern();
    assert_eq!(**p, p.transpose(), "{what}: the pattern is not symmetric");
    let dense = h.to_dense();
    for i in 0..h.nrows() {
        for j in 0..i {
            assert_eq!(
                h.get(i, j).bits(),
                h.get(j, i).bits(),
                "{what}: get({i}, {j}) vs get({j}, {i})"
            );
            let (a, b) = (dense[i][j], dense[j][i]);
            assert!(a.bits() == b.bits(), "{what}: H[{i}][{j}] = {a:?} but H[{j}][{i}] = {b:?}");
        }
    }
}

/// The bits of every value.
fn bits(v: &[f64]) -> Vec<u64> {
    v.iter().map(|x| x.to_bits()).collect()
}

/// The same pattern and the same bits in every value.
#[track_caller]
fn assert_same_matrix(a: &SparseMatrix<f64>, b: &SparseMatrix<f64>, what: &str) {
    assert_eq!(**a.pattern(), **b.pattern(), "{what}: patterns");
    assert_eq!(bits(a.values()), bits(b.values()), "{what}: values");
}

/// A prepared Jacobian's result equals a fresh `jacobian_sparse`, bitwise.
#[track_caller]
fn assert_same_jacobian(
    a: &(Vec<f64>, SparseMatrix<f64>),
    b: &(Vec<f64>, SparseMatrix<f64>),
    what: &str,
) {
    assert_eq!(bits(&a.0), bits(&b.0), "{what}: f(x)");
    assert_same_matrix(&a.1, &b.1, what);
}

/// A prepared Hessian's result equals a fresh `hessian_sparse`, bitwise.
#[track_caller]
fn assert_same_hessian(
    a: &(f64, Vec<f64>, SparseMatrix<f64>),
    b: &(f64, Vec<f64>, SparseMatrix<f64>),
    what: &str,
) {
    assert_eq!(a.0.to_bits(), b.0.to_bits(), "{what}: f(x)");
    assert_eq!(bits(&a.1), bits(&b.1), "{what}: gradient");
    assert_same_matrix(&a.2, &b.2, what);
}

/// A dense matrix from a secondary driver against `want`, to `tol`
/// relative to max(|got|, |want|, Σ|terms|, `floor`): the dense drivers
/// round differently, so they get a looser tolerance.
#[track_caller]
fn assert_dense_close(got: &[Vec<f64>], want: &Want, tol: f64, what: &str) {
    assert_eq!(got.len(), want.nrows, "{what}: rows");
    for (i, row) in got.iter().enumerate() {
        assert_eq!(row.len(), want.ncols, "{what}: row {i}");
        let want_row = want.dense_row(i);
        for (j, (&g, &w)) in row.iter().zip(&want_row).enumerate() {
            let scale = g.abs().max(w.value.abs()).max(w.magnitude);
            assert!(
                (g - w.value).abs() <= tol * scale,
                "{what}: ({i}, {j}) = {g:e}, expected {:e}",
                w.value
            );
        }
    }
}

/// Vectors entry by entry (values with their term magnitudes).
#[track_caller]
fn assert_vector(got: &[f64], want: &[Entry], what: &str) {
    assert_eq!(got.len(), want.len(), "{what}: length");
    for (k, (&g, &w)) in got.iter().zip(want).enumerate() {
        if !entry_ok(g, w) {
            assert_entry(g, w, &format!("{what}[{k}]"));
        }
    }
}

/// A one-term entry.
fn one(v: f64) -> Entry {
    Entry { value: v, magnitude: v.abs() }
}

/// A sum of terms.
fn sum(terms: &[f64]) -> Entry {
    Entry { value: terms.iter().sum(), magnitude: terms.iter().map(|t| t.abs()).sum() }
}

/// A deterministic xorshift64 generator (no dependencies).
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in [lo, hi).
    fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }

    /// Uniform in 0..n.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// A smooth point with values in [mid - amp, mid + amp], different for
/// each `seed`.
fn wave(n: usize, seed: usize, mid: f64, amp: f64) -> Vec<f64> {
    (0..n).map(|i| mid + amp * (0.73 * i as f64 + 1.1 * seed as f64 + 0.3).sin()).collect()
}

// --- 1. banded PDE residuals ------------------------------------------------------------

/// The 1-D Bratu residual with u₀ = uₙ₊₁ = 0, h = 1/(n + 1):
/// Fᵢ = 2uᵢ − uᵢ₋₁ − uᵢ₊₁ − h²λe^{uᵢ}.
fn bratu<T: Scalar>(u: &[T], lambda: f64) -> Vec<T> {
    let n = u.len();
    let h2l = lambda / ((n + 1) as f64).powi(2);
    let at = |k: isize| if k < 0 || k as usize >= n { T::cst(0.0) } else { u[k as usize] };
    (0..n as isize).map(|i| at(i) * 2.0 - at(i - 1) - at(i + 1) - at(i).exp() * h2l).collect()
}

/// Fᵢ in f64.
fn bratu_f64(u: &[f64], lambda: f64) -> Vec<Entry> {
    let n = u.len();
    let h2l = lambda / ((n + 1) as f64).powi(2);
    let at = |k: isize| if k < 0 || k as usize >= n { 0.0 } else { u[k as usize] };
    (0..n as isize)
        .map(|i| sum(&[2.0 * at(i), -at(i - 1), -at(i + 1), -h2l * at(i).exp()]))
        .collect()
}

/// Jᵢᵢ = 2 − h²λe^{uᵢ}, Jᵢ,ᵢ±₁ = −1 (inside 0..n), every other entry 0.
fn bratu_jacobian(u: &[f64], lambda: f64) -> Want {
    let n = u.len();
    let h2l = lambda / ((n + 1) as f64).powi(2);
    let mut want = Want::new(n, n);
    for i in 0..n {
        if i > 0 {
            want.add(i, i - 1, &[-1.0]);
        }
        want.add(i, i, &[2.0, -h2l * u[i].exp()]);
        if i + 1 < n {
            want.add(i, i + 1, &[-1.0]);
        }
    }
    want
}

/// Points for Bratu: zeros, a smooth positive bump, negatives, large
/// values (e^700 ≈ 1e304), alternating signs.
fn bratu_points(n: usize) -> Vec<Vec<f64>> {
    vec![
        vec![0.0; n],
        (0..n)
            .map(|i| 3.0 * (std::f64::consts::PI * (i + 1) as f64 / (n + 1) as f64).sin())
            .collect(),
        wave(n, 1, -20.0, 15.0),
        wave(n, 2, 350.0, 350.0),
        (0..n).map(|i| if i % 2 == 0 { 1.5 } else { -2.5 }).collect(),
    ]
}

#[test]
fn bratu_1d_tridiagonal_jacobian() {
    let n = 1000;
    let lambda = 3.5;
    let prepared = SparseJacobian::prepare(|u| bratu(u, lambda), &vec![0.1; n]);
    // column colouring of a tridiagonal pattern
    assert_eq!(prepared.colours(), 3);
    assert_eq!(prepared.pattern().nnz(), 3 * n - 2);
    for (k, u) in bratu_points(n).iter().enumerate() {
        let what = format!("Bratu point {k}");
        let want = bratu_jacobian(u, lambda);
        assert_eq!(want.count(), 3 * n - 2);
        let fresh = jacobian_sparse(|u| bratu(u, lambda), u);
        assert_vector(&fresh.0, &bratu_f64(u, lambda), &format!("{what}: F"));
        assert_values(&fresh.1, &want, &what);
        assert_pattern(&fresh.1, &want, &what);
        assert_eq!(fresh.1.nnz(), 3 * n - 2);
        // the off-diagonals are exactly −1
        for i in 1..n {
            assert!(
                fresh.1.get(i, i - 1) == -1.0 && fresh.1.get(i - 1, i) == -1.0,
                "{what}: band {i}"
            );
        }
        assert_eq!(**prepared.pattern(), **fresh.1.pattern());
        let again = prepared.jacobian(|u| bratu(u, lambda), u).unwrap();
        assert_same_jacobian(&again, &fresh, &what);
    }
    // the dense drivers agree (one point; n² entries)
    let u = &bratu_points(n)[1];
    let want = bratu_jacobian(u, lambda);
    let (_, dense) = jacobian_reverse(|u| bratu(u, lambda), u);
    assert_dense_close(&dense, &want, 1e-12, "jacobian_reverse");
}

/// The 2-D residual on an m × m grid (zero Dirichlet boundary), the
/// unknown at (r, c) being u[r·m + c]:
/// F = 4u − u_N − u_S − u_W − u_E − h²λe^u + u·u_E/10.
fn bratu_2d<T: Scalar>(u: &[T], m: usize, lambda: f64) -> Vec<T> {
    let h2l = lambda / ((m + 1) as f64).powi(2);
    let at = |r: isize, c: isize| {
        if r < 0 || c < 0 || r as usize >= m || c as usize >= m {
            T::cst(0.0)
        } else {
            u[r as usize * m + c as usize]
        }
    };
    let mut f = Vec::with_capacity(m * m);
    for r in 0..m as isize {
        for c in 0..m as isize {
            let centre = at(r, c);
            f.push(
                centre * 4.0
                    - at(r - 1, c)
                    - at(r + 1, c)
                    - at(r, c - 1)
                    - at(r, c + 1)
                    - centre.exp() * h2l
                    + centre * at(r, c + 1) / 10.0,
            );
        }
    }
    f
}

/// J(k, k) = 4 − h²λe^{u_k} + u_E/10, J(k, N/S/W) = −1, J(k, E) = −1 + u_k/10
/// (neighbours inside the grid only).
fn bratu_2d_jacobian(u: &[f64], m: usize, lambda: f64) -> Want {
    let h2l = lambda / ((m + 1) as f64).powi(2);
    let big = m * m;
    let mut want = Want::new(big, big);
    for r in 0..m {
        for c in 0..m {
            let k = r * m + c;
            let east = if c + 1 < m { u[k + 1] } else { 0.0 };
            want.add(k, k, &[4.0, -h2l * u[k].exp(), east / 10.0]);
            if r > 0 {
                want.add(k, k - m, &[-1.0]);
            }
            if r + 1 < m {
                want.add(k, k + m, &[-1.0]);
            }
            if c > 0 {
                want.add(k, k - 1, &[-1.0]);
            }
            if c + 1 < m {
                want.add(k, k + 1, &[-1.0, u[k] / 10.0]);
            }
        }
    }
    want
}

#[test]
fn bratu_2d_five_point_jacobian() {
    let m = 20;
    let big = m * m;
    let lambda = 6.0;
    // 5 per unknown, less one per unknown on each of the 4 sides of the grid
    let nnz = 5 * big - 4 * m;
    assert_eq!(nnz, 1920);
    let prepared = SparseJacobian::prepare(|u| bratu_2d(u, m, lambda), &wave(big, 7, 0.2, 0.1));
    // a row holds 5 columns, which need 5 different colours; a column meets
    // 12 others (distance ≤ 2), so a greedy colouring needs at most 13
    assert!((5..=13).contains(&prepared.colours()), "{} colours", prepared.colours());
    let points = [
        vec![0.0; big],
        wave(big, 3, 1.0, 2.0),
        wave(big, 4, -50.0, 40.0),
        (0..big).map(|k| if (k / m + k % m) % 2 == 0 { 100.0 } else { -7.5 }).collect(),
    ];
    for (p, u) in points.iter().enumerate() {
        let what = format!("2-D point {p}");
        let want = bratu_2d_jacobian(u, m, lambda);
        assert_eq!(want.count(), nnz);
        let fresh = jacobian_sparse(|u| bratu_2d(u, m, lambda), u);
        assert_values(&fresh.1, &want, &what);
        assert_pattern(&fresh.1, &want, &what);
        assert_eq!(fresh.1.nnz(), nnz);
        let again = prepared.jacobian(|u| bratu_2d(u, m, lambda), u).unwrap();
        assert_same_jacobian(&again, &fresh, &what);
        if p == 1 {
            let (_, dense) = jacobian_slice(|u| bratu_2d(u, m, lambda), u);
            assert_dense_close(&dense, &want, 1e-12, "jacobian_slice");
        }
    }
}

/// A 4th-order stencil with nonlinear bands (zero boundary values):
/// Fᵢ = −uᵢ₋₂ + 16uᵢ₋₁ − 30uᵢ + 16uᵢ₊₁ − uᵢ₊₂ + uᵢ³/10 + uᵢ₋₂uᵢ₊₂/2.
fn stencil4<T: Scalar>(u: &[T]) -> Vec<T> {
    let n = u.len();
    let at = |k: isize| if k < 0 || k as usize >= n { T::cst(0.0) } else { u[k as usize] };
    (0..n as isize)
        .map(|i| {
            -at(i - 2) + at(i - 1) * 16.0 - at(i) * 30.0 + at(i + 1) * 16.0 - at(i + 2)
                + at(i).powi(3) / 10.0
                + at(i - 2) * at(i + 2) / 2.0
        })
        .collect()
}

/// Jᵢ,ᵢ₋₂ = −1 + uᵢ₊₂/2, Jᵢ,ᵢ₋₁ = Jᵢ,ᵢ₊₁ = 16, Jᵢᵢ = −30 + 3uᵢ²/10,
/// Jᵢ,ᵢ₊₂ = −1 + uᵢ₋₂/2 (u outside 0..n is 0).
fn stencil4_jacobian(u: &[f64]) -> Want {
    let n = u.len();
    let at = |k: isize| if k < 0 || k as usize >= n { 0.0 } else { u[k as usize] };
    let mut want = Want::new(n, n);
    for i in 0..n {
        let s = i as isize;
        if i >= 2 {
            want.add(i, i - 2, &[-1.0, at(s + 2) / 2.0]);
        }
        if i >= 1 {
            want.add(i, i - 1, &[16.0]);
        }
        want.add(i, i, &[-30.0, 3.0 * u[i] * u[i] / 10.0]);
        if i + 1 < n {
            want.add(i, i + 1, &[16.0]);
        }
        if i + 2 < n {
            want.add(i, i + 2, &[-1.0, at(s - 2) / 2.0]);
        }
    }
    want
}

#[test]
fn pentadiagonal_fourth_order_stencil() {
    let n = 500;
    let nnz = 5 * n - 6;
    let prepared = SparseJacobian::prepare(stencil4, &wave(n, 0, 1.0, 0.5));
    // a row holds 5 columns; a column meets 8 others
    assert!((5..=9).contains(&prepared.colours()), "{} colours", prepared.colours());
    let points = [
        vec![0.0; n],
        wave(n, 5, 0.0, 3.0),
        wave(n, 6, -1e3, 5e2),
        (0..n).map(|i| [1e6, -1e-6, 0.0, 42.0][i % 4]).collect(),
    ];
    for (p, u) in points.iter().enumerate() {
        let what = format!("stencil point {p}");
        let want = stencil4_jacobian(u);
        assert_eq!(want.count(), nnz);
        let fresh = jacobian_sparse(stencil4, u);
        assert_values(&fresh.1, &want, &what);
        assert_pattern(&fresh.1, &want, &what);
        assert_eq!(fresh.1.nnz(), nnz);
        for i in 1..n {
            assert!(fresh.1.get(i, i - 1) == 16.0 && fresh.1.get(i - 1, i) == 16.0);
        }
        let again = prepared.jacobian(stencil4, u).unwrap();
        assert_same_jacobian(&again, &fresh, &what);
    }
    let u = &points[1];
    let (_, dense) = jacobian_reverse(stencil4, u);
    assert_dense_close(&dense, &stencil4_jacobian(u), 1e-12, "jacobian_reverse");
}

// --- 2. arrowheads -------------------------------------------------------------------------

/// F₀ = Σⱼ xⱼ², Fᵢ = x₀xᵢ + xᵢ³ (i ≥ 1).
fn arrow<T: Scalar>(x: &[T]) -> Vec<T> {
    let mut f = vec![x.iter().map(|&xj| xj * xj).sum::<T>()];
    f.extend(x[1..].iter().map(|&xi| x[0] * xi + xi.powi(3)));
    f
}

/// J₀ⱼ = 2xⱼ, Jᵢ₀ = xᵢ, Jᵢᵢ = x₀ + 3xᵢ² (i ≥ 1), every other entry 0.
fn arrow_jacobian(x: &[f64]) -> Want {
    let n = x.len();
    let mut want = Want::new(n, n);
    want.add(0, 0, &[2.0 * x[0]]);
    for i in 1..n {
        want.add(0, i, &[2.0 * x[i]]);
        want.add(i, 0, &[x[i]]);
        want.add(i, i, &[x[0], 3.0 * x[i] * x[i]]);
    }
    want
}

fn arrow_points(n: usize) -> Vec<Vec<f64>> {
    vec![
        vec![0.0; n],
        wave(n, 0, 0.5, 1.0),
        wave(n, 1, -3.0, 1.0),
        (0..n).map(|i| if i == 0 { -1e5 } else { 1e3 * (i as f64).sqrt() }).collect(),
        (0..n).map(|i| if i == 0 { 2.0 } else { 0.0 }).collect(),
    ]
}

#[test]
fn arrowhead_jacobian() {
    let n = 50;
    let nnz = n + 2 * (n - 1);
    let prepared = SparseJacobian::prepare(arrow, &wave(n, 9, 1.0, 0.3));
    // a dense row and a dense column: every column (and row) its own colour
    assert_eq!(prepared.colours(), n);
    for (p, x) in arrow_points(n).iter().enumerate() {
        let what = format!("arrowhead J point {p}");
        let want = arrow_jacobian(x);
        assert_eq!(want.count(), nnz);
        let fresh = jacobian_sparse(arrow, x);
        let y0 = sum(&x.iter().map(|v| v * v).collect::<Vec<_>>());
        assert_entry(fresh.0[0], y0, "F₀");
        for i in 1..n {
            assert_entry(fresh.0[i], sum(&[x[0] * x[i], x[i].powi(3)]), "Fᵢ");
        }
        assert_values(&fresh.1, &want, &what);
        assert_pattern(&fresh.1, &want, &what);
        let again = prepared.jacobian(arrow, x).unwrap();
        assert_same_jacobian(&again, &fresh, &what);
        if p == 1 {
            let (_, dense) = jacobian_slice(arrow, x);
            assert_dense_close(&dense, &want, 1e-12, "jacobian_slice");
            let (_, dense) = jacobian_reverse(arrow, x);
            assert_dense_close(&dense, &want, 1e-12, "jacobian_reverse");
        }
    }
}

/// f = Σᵢ≥₁ (x₀xᵢ)² + sin xᵢ.
fn arrow_f<T: Scalar>(x: &[T]) -> T {
    x[1..].iter().map(|&xi| (x[0] * xi).powi(2) + xi.sin()).sum()
}

/// ∂₀f = Σ 2x₀xᵢ², ∂ᵢf = 2x₀²xᵢ + cos xᵢ;
/// H₀₀ = Σ 2xᵢ², H₀ᵢ = Hᵢ₀ = 4x₀xᵢ, Hᵢᵢ = 2x₀² − sin xᵢ, Hᵢⱼ = 0 for 1 ≤ i ≠ j.
fn arrow_hessian(x: &[f64]) -> (Entry, Vec<Entry>, Want) {
    let n = x.len();
    let value =
        sum(&x[1..].iter().flat_map(|&xi| [(x[0] * xi).powi(2), xi.sin()]).collect::<Vec<_>>());
    let mut grad = vec![sum(&x[1..].iter().map(|&xi| 2.0 * x[0] * xi * xi).collect::<Vec<_>>())];
    grad.extend(x[1..].iter().map(|&xi| sum(&[2.0 * x[0] * x[0] * xi, xi.cos()])));
    let mut h = Want::new(n, n);
    h.add(0, 0, &x[1..].iter().map(|&xi| 2.0 * xi * xi).collect::<Vec<_>>());
    for i in 1..n {
        h.add(0, i, &[4.0 * x[0] * x[i]]);
        h.add(i, 0, &[4.0 * x[0] * x[i]]);
        h.add(i, i, &[2.0 * x[0] * x[0], -x[i].sin()]);
    }
    (value, grad, h)
}

#[test]
fn arrowhead_hessian() {
    let n = 40;
    let nnz = n + 2 * (n - 1);
    let prepared = SparseHessian::prepare(arrow_f, &wave(n, 2, 0.7, 0.2));
    assert!(prepared.colours() <= n);
    assert_eq!(prepared.pattern().nnz(), nnz);
    let generic = [
        wave(n, 3, 0.5, 1.0),
        wave(n, 4, -2.0, 1.5),
        (0..n).map(|i| if i == 0 { -3e3 } else { 1e2 + i as f64 }).collect::<Vec<_>>(),
    ];
    for (p, x) in generic.iter().enumerate() {
        let what = format!("arrowhead H point {p}");
        let (value, grad, want) = arrow_hessian(x);
        assert_eq!(want.count(), nnz);
        let fresh = hessian_sparse(arrow_f, x);
        assert_entry(fresh.0, value, "f");
        assert_vector(&fresh.1, &grad, "∇f");
        assert_values(&fresh.2, &want, &what);
        assert_pattern(&fresh.2, &want, &what);
        assert_symmetric(&fresh.2, &what);
        for i in 1..n {
            for j in i + 1..n {
                assert!(fresh.2.get(i, j) == 0.0 && !fresh.2.pattern().contains(i, j));
                assert!(fresh.2.get(j, i) == 0.0 && !fresh.2.pattern().contains(j, i));
            }
        }
        let again = prepared.hessian(arrow_f, x).unwrap();
        assert_same_hessian(&again, &fresh, &what);
        assert_symmetric(&again.2, &what);
        if p == 0 {
            let (_, _, dense) = hessian_reverse(arrow_f, x);
            assert_dense_close(&dense, &want, 1e-12, "hessian_reverse");
            let (_, _, dense) = hessian_slice(arrow_f, x);
            assert_dense_close(&dense, &want, 1e-12, "hessian_slice");
        }
    }
    // Where second derivatives vanish (x = 0, x₀ = 0) the pattern may be
    // smaller, but never outside the structure, and the values are right.
    let awkward = [
        vec![0.0; n],
        (0..n).map(|i| if i == 0 { 0.0 } else { 0.5 - i as f64 / n as f64 }).collect::<Vec<_>>(),
        (0..n).map(|i| if i == 0 { 1.5 } else { 0.0 }).collect::<Vec<_>>(),
    ];
    for (p, x) in awkward.iter().enumerate() {
        let what = format!("arrowhead H awkward point {p}");
        let (value, grad, want) = arrow_hessian(x);
        let fresh = hessian_sparse(arrow_f, x);
        assert_entry(fresh.0, value, "f");
        assert_vector(&fresh.1, &grad, "∇f");
        assert_values(&fresh.2, &want, &what);
        assert_pattern_within(&fresh.2, &want, &what);
        assert_symmetric(&fresh.2, &what);
        // the prepared driver (generic pattern) is right here too
        let again = prepared.hessian(arrow_f, x).unwrap();
        assert_values(&again.2, &want, &what);
        assert_eq!(**again.2.pattern(), want.pattern());
        assert_symmetric(&again.2, &what);
    }
}

// --- 3. random sparse patterns --------------------------------------------------------------

/// One term c · sin(x_j + d) of row i.
#[derive(Clone, Copy, Debug)]
struct Term {
    i: usize,
    j: usize,
    c: f64,
    d: f64,
}

/// Random terms for an m × n residual: every row but a few (left empty,
/// so constant) gets 1 to 6 terms; a column may repeat within a row.
fn random_terms(rng: &mut XorShift, m: usize, n: usize) -> Vec<Term> {
    let mut terms = Vec::new();
    for i in 0..m {
        if i % 17 == 5 {
            continue;
        }
        for _ in 0..1 + rng.below(6) {
            let j = rng.below(n);
            terms.push(Term { i, j, c: rng.range(-2.0, 2.0), d: rng.range(-3.0, 3.0) });
            if rng.below(10) == 0 {
                // the same entry again
                terms.push(Term { i, j, c: rng.range(-2.0, 2.0), d: rng.range(-3.0, 3.0) });
            }
        }
    }
    terms
}

/// Fᵢ = Σ_{terms of row i} c · sin(x_j + d).
fn random_residual<T: Scalar>(x: &[T], terms: &[Term], m: usize) -> Vec<T> {
    let mut rows: Vec<Vec<T>> = vec![Vec::new(); m];
    for t in terms {
        rows[t.i].push((x[t.j] + t.d).sin() * t.c);
    }
    rows.into_iter().map(|r| r.into_iter().sum()).collect()
}

/// Jᵢⱼ = Σ_{terms (i, j)} c · cos(x_j + d).
fn random_jacobian(x: &[f64], terms: &[Term], m: usize) -> Want {
    let mut want = Want::new(m, x.len());
    for t in terms {
        want.add(t.i, t.j, &[t.c * (x[t.j] + t.d).cos()]);
    }
    want
}

#[test]
fn random_sparse_jacobian() {
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    for (n, m) in [(60, 60), (60, 45), (30, 80)] {
        let terms = random_terms(&mut rng, m, n);
        let structure = random_jacobian(&vec![0.0; n], &terms, m);
        let nnz = structure.count();
        let f = |x: &[Var64]| random_residual(x, &terms, m);
        let prepared = SparseJacobian::prepare(f, &wave(n, 1, 0.3, 1.0));
        // one colour per column or per row at most; a row (or a column) of
        // k entries needs k colours
        let longest_row = (0..m).map(|i| structure.rows[i].len()).max().unwrap_or(0);
        let t = structure.pattern().transpose();
        let longest_col = (0..n).map(|j| t.row(j).len()).max().unwrap_or(0);
        assert!(prepared.colours() <= n.max(m), "{} colours", prepared.colours());
        assert!(
            prepared.colours() >= longest_row.min(longest_col),
            "{} colours",
            prepared.colours()
        );
        assert_eq!(prepared.pattern().nnz(), nnz);
        let points = [
            vec![0.0; n],
            (0..n).map(|_| rng.range(-4.0, 4.0)).collect::<Vec<_>>(),
            (0..n).map(|_| rng.range(-1e4, 1e4)).collect::<Vec<_>>(),
            wave(n, 8, -1.0, 0.5),
        ];
        for (p, x) in points.iter().enumerate() {
            let what = format!("random J {n}×{m} point {p}");
            let want = random_jacobian(x, &terms, m);
            let fresh = jacobian_sparse(f, x);
            let mut y = vec![Vec::new(); m];
            for t in &terms {
                y[t.i].push(t.c * (x[t.j] + t.d).sin());
            }
            assert_vector(&fresh.0, &y.iter().map(|r| sum(r)).collect::<Vec<_>>(), "F");
            assert_values(&fresh.1, &want, &what);
            assert_pattern(&fresh.1, &want, &what);
            assert_eq!(fresh.1.nnz(), nnz);
            for i in (0..m).filter(|i| i % 17 == 5) {
                assert!(
                    fresh.1.pattern().row(i).is_empty() && fresh.0[i] == 0.0,
                    "constant row {i}"
                );
            }
            let again = prepared.jacobian(f, x).unwrap();
            assert_same_jacobian(&again, &fresh, &what);
            if p == 1 {
                let (_, dense) = jacobian_reverse(f, x);
                assert_dense_close(&dense, &want, 1e-12, "jacobian_reverse");
            }
        }
    }
}

/// f = Σ_{pairs} c·xᵢxⱼ (i ≠ j) + Σ qᵢxᵢ² + Σ_{i ≡ 0 mod 3} e^{xᵢ}/(i + 1).
struct RandomQuadratic {
    pairs: Vec<(usize, usize, f64)>,
    squares: Vec<(usize, f64)>,
}

impl RandomQuadratic {
    fn new(rng: &mut XorShift, n: usize, pairs: usize) -> Self {
        let mut seen = std::collections::BTreeSet::new();
        let mut list = Vec::new();
        while list.len() < pairs {
            let (i, j) = (rng.below(n), rng.below(n));
            if i != j && seen.insert((i, j)) {
                list.push((i, j, rng.range(-2.0, 2.0)));
            }
        }
        let squares = (0..n).filter(|i| i % 4 == 1).map(|i| (i, rng.range(0.5, 3.0))).collect();
        RandomQuadratic { pairs: list, squares }
    }

    fn eval<T: Scalar>(&self, x: &[T]) -> T {
        let mut f = T::cst(0.0);
        for &(i, j, c) in &self.pairs {
            f += x[i] * x[j] * c;
        }
        for &(i, q) in &self.squares {
            f += x[i] * x[i] * q;
        }
        for (i, &xi) in x.iter().enumerate().filter(|(i, _)| i % 3 == 0) {
            f += xi.exp() / (i + 1) as f64;
        }
        f
    }

    /// ∂ₖf = Σ_{(k, j)} c xⱼ + Σ_{(i, k)} c xᵢ + 2qₖxₖ + [k ≡ 0] e^{xₖ}/(k + 1);
    /// Hᵢⱼ = Σ_{pairs {i, j}} c, Hᵢᵢ = 2qᵢ + [i ≡ 0] e^{xᵢ}/(i + 1).
    fn expected(&self, x: &[f64]) -> (Entry, Vec<Entry>, Want) {
        let n = x.len();
        let mut value = Vec::new();
        let mut grad = vec![Vec::new(); n];
        let mut h = Want::new(n, n);
        for &(i, j, c) in &self.pairs {
            value.push(c * x[i] * x[j]);
            grad[i].push(c * x[j]);
            grad[j].push(c * x[i]);
            h.add(i, j, &[c]);
            h.add(j, i, &[c]);
        }
        for &(i, q) in &self.squares {
            value.push(q * x[i] * x[i]);
            grad[i].push(2.0 * q * x[i]);
            h.add(i, i, &[2.0 * q]);
        }
        for i in (0..n).filter(|i| i % 3 == 0) {
            let e = x[i].exp() / (i + 1) as f64;
            value.push(e);
            grad[i].push(e);
            h.add(i, i, &[e]);
        }
        (sum(&value), grad.iter().map(|g| sum(g)).collect(), h)
    }
}

#[test]
fn random_sparse_hessian() {
    let mut rng = XorShift(0x2545_F491_4F6C_DD1D);
    let n = 60;
    let q = RandomQuadratic::new(&mut rng, n, 90);
    let structure = q.expected(&vec![0.0; n]).2;
    let nnz = structure.count();
    let prepared = SparseHessian::prepare(|x| q.eval(x), &wave(n, 3, 0.1, 1.0));
    assert!(prepared.colours() <= n);
    assert_eq!(**prepared.pattern(), structure.pattern());
    let points = [
        vec![0.0; n],
        (0..n).map(|_| rng.range(-3.0, 3.0)).collect::<Vec<_>>(),
        (0..n).map(|_| rng.range(-300.0, 300.0)).collect::<Vec<_>>(),
        wave(n, 11, 2.0, 0.5),
    ];
    for (p, x) in points.iter().enumerate() {
        let what = format!("random H point {p}");
        let (value, grad, want) = q.expected(x);
        let fresh = hessian_sparse(|x| q.eval(x), x);
        assert_entry(fresh.0, value, "f");
        assert_vector(&fresh.1, &grad, "∇f");
        assert_values(&fresh.2, &want, &what);
        assert_pattern(&fresh.2, &want, &what);
        assert_eq!(fresh.2.nnz(), nnz);
        assert_symmetric(&fresh.2, &what);
        let again = prepared.hessian(|x| q.eval(x), x).unwrap();
        assert_same_hessian(&again, &fresh, &what);
        if p == 1 {
            let (_, _, dense) = hessian_reverse(|x| q.eval(x), x);
            assert_dense_close(&dense, &want, 1e-12, "hessian_reverse");
        }
    }
}

// --- 4. branches that change the pattern ----------------------------------------------------

/// F(x) = [x₀x₁, x₂] for x₀ > 0, [x₀, x₁x₂] otherwise.
fn branchy<T: Scalar>(x: &[T]) -> Vec<T> {
    if x[0] > 0.0 {
        vec![x[0] * x[1], x[2]]
    } else {
        vec![x[0], x[1] * x[2]]
    }
}

/// [[x₁, x₀, 0], [0, 0, 1]] for x₀ > 0; [[1, 0, 0], [0, x₂, x₁]] otherwise.
fn branchy_jacobian(x: &[f64]) -> Want {
    let mut want = Want::new(2, 3);
    if x[0] > 0.0 {
        want.add(0, 0, &[x[1]]);
        want.add(0, 1, &[x[0]]);
        want.add(1, 2, &[1.0]);
    } else {
        want.add(0, 0, &[1.0]);
        want.add(1, 1, &[x[2]]);
        want.add(1, 2, &[x[1]]);
    }
    want
}

#[test]
fn jacobian_branch_changes_the_pattern() {
    let points = [
        [2.0, -3.0, 5.0],
        [-1.5, 2.0, 3.0],
        [0.0, 4.0, -6.0],
        [-0.0, 0.0, 0.0],
        [1e-300, 1e300, -1.0],
    ];
    for x in &points {
        let want = branchy_jacobian(x);
        let (y, j) = jacobian_sparse(branchy, x);
        let y_want = if x[0] > 0.0 { [x[0] * x[1], x[2]] } else { [x[0], x[1] * x[2]] };
        assert_eq!(y, y_want);
        assert_values(&j, &want, &format!("branchy at {x:?}"));
        assert_pattern(&j, &want, &format!("branchy at {x:?}"));
        assert_eq!(j.nnz(), 3);
    }
    let prepared = SparseJacobian::prepare(branchy, &[1.0, 1.0, 1.0]);
    assert_eq!(**prepared.pattern(), SparsityPattern::from_rows(3, vec![vec![0, 1], vec![2]]));
    // the other branch: (1, 1) is the first entry (row order) outside
    for x in [[-1.5, 2.0, 3.0], [0.0, 4.0, -6.0], [-0.0, 0.0, 0.0]] {
        let err = prepared.jacobian(branchy, &x).unwrap_err();
        assert_eq!(err, PatternChanged { row: 1, col: 1 });
        assert!(err.to_string().contains("entry (1, 1)"), "{err}");
    }
    // the same branch: Ok and right
    for x in [[2.0, -3.0, 5.0], [1e-300, 1e300, -1.0], [7.0, 0.0, 0.0]] {
        let (y, j) = prepared.jacobian(branchy, &x).unwrap();
        assert_eq!(y, vec![x[0] * x[1], x[2]]);
        assert_values(&j, &branchy_jacobian(&x), "prepared branchy");
        assert!(j.get(1, 2) == 1.0 && j.get(0, 0) == x[1] && j.get(0, 1) == x[0]);
        assert_same_jacobian(&(y, j), &jacobian_sparse(branchy, &x), "prepared branchy");
    }
    // prepared on the other side: the first outside is (0, 1)
    let other = SparseJacobian::prepare(branchy, &[-1.0, 1.0, 1.0]);
    assert_eq!(
        other.jacobian(branchy, &[3.0, 1.0, 1.0]).unwrap_err(),
        PatternChanged { row: 0, col: 1 }
    );
}

/// F = [x₁ for x₀ > 0, else the constant 2; x₀x₂].
fn sometimes_constant<T: Scalar>(x: &[T]) -> Vec<T> {
    let f0 = if x[0] > 0.0 { x[1] } else { T::cst(2.0) };
    vec![f0, x[0] * x[2]]
}

#[test]
fn jacobian_output_constant_on_one_branch() {
    let structure = |x: &[f64]| {
        let mut want = Want::new(2, 3);
        if x[0] > 0.0 {
            want.add(0, 1, &[1.0]);
        }
        want.add(1, 0, &[x[2]]);
        want.add(1, 2, &[x[0]]);
        want
    };
    // prepared where row 0 is constant: its entry (0, 1) is outside later
    let constant = SparseJacobian::prepare(sometimes_constant, &[-1.0, 1.0, 1.0]);
    assert!(constant.pattern().row(0).is_empty());
    let err = constant.jacobian(sometimes_constant, &[1.0, 5.0, 6.0]).unwrap_err();
    assert_eq!(err, PatternChanged { row: 0, col: 1 });
    let (y, j) = constant.jacobian(sometimes_constant, &[-3.0, 5.0, 6.0]).unwrap();
    assert_eq!(y, vec![2.0, -18.0]);
    assert_values(&j, &structure(&[-3.0, 5.0, 6.0]), "constant row");
    // prepared where row 0 is x₁: the constant row fits inside
    let variable = SparseJacobian::prepare(sometimes_constant, &[1.0, 1.0, 1.0]);
    for x in [[-3.0, 5.0, 6.0], [2.0, -1.0, 0.5], [0.0, 1.0, 1.0]] {
        let (y, j) = variable.jacobian(sometimes_constant, &x).unwrap();
        assert_eq!(y, vec![if x[0] > 0.0 { x[1] } else { 2.0 }, x[0] * x[2]]);
        assert_values(&j, &structure(&x), "variable row");
        let fresh = jacobian_sparse(sometimes_constant, &x);
        assert_pattern(&fresh.1, &structure(&x), "fresh");
        assert_values(&fresh.1, &structure(&x), "fresh");
    }
}

/// F = [Σⱼ xⱼ², 3x₀]: one dense row beside a sparse one, m ≪ n.
fn dense_row<T: Scalar>(x: &[T]) -> Vec<T> {
    vec![x.iter().map(|&xj| xj * xj).sum(), x[0] * 3.0]
}

/// J₀ⱼ = 2xⱼ, J₁₀ = 3: n + 1 entries.
fn dense_row_jacobian(x: &[f64]) -> Want {
    let mut want = Want::new(2, x.len());
    for (j, &xj) in x.iter().enumerate() {
        want.add(0, j, &[2.0 * xj]);
    }
    want.add(1, 0, &[3.0]);
    want
}

#[test]
fn one_dense_row_values() {
    for n in [3, 8, 50] {
        for x in [wave(n, 1, 0.5, 1.0), vec![0.0; n], wave(n, 2, -1e3, 10.0)] {
            let want = dense_row_jacobian(&x);
            let (_, j) = jacobian_sparse(dense_row, &x);
            assert_values(&j, &want, "one dense row");
            assert_pattern_within(
                &want_as_matrix(&want),
                &matrix_of_pattern(&j),
                "structure ⊆ pattern",
            );
            let prepared = SparseJacobian::prepare(dense_row, &x);
            assert_same_jacobian(
                &prepared.jacobian(dense_row, &x).unwrap(),
                &jacobian_sparse(dense_row, &x),
                "prepared",
            );
        }
    }
}

/// The pattern of a dense row beside a sparse one is exact (n + 1 entries).
#[test]
fn one_dense_row_pattern() {
    for n in [3, 8, 50] {
        let x = wave(n, 1, 0.5, 1.0);
        let (_, j) = jacobian_sparse(dense_row, &x);
        assert_pattern(&j, &dense_row_jacobian(&x), &format!("one dense row, n = {n}"));
        assert_eq!(j.nnz(), n + 1);
    }
}

/// A matrix with `want`'s structure (its values), to compare patterns.
fn want_as_matrix(want: &Want) -> SparseMatrix<f64> {
    let pattern = want.pattern();
    let values = pattern.iter().map(|(i, j)| want.value(i, j).value).collect();
    SparseMatrix::new(std::sync::Arc::new(pattern), values)
}

/// `m`'s pattern as a structure (its values).
fn matrix_of_pattern(m: &SparseMatrix<f64>) -> Want {
    let mut want = Want::new(m.nrows(), m.ncols());
    for (i, j, v) in m.iter() {
        want.add(i, j, &[v]);
    }
    want
}

/// The recording changes but the entries stay inside the prepared pattern.
/// F₀ = max(x₀x₁, x₀ + x₁) (both sides are recorded; the one selected
/// decides the output), F₁ = x₀ x₁ for x₀ > 0 else 3x₁ (a branch that only
/// drops an entry), F₂ = x₂ sin x₀ + x₁.
fn within<T: Scalar>(x: &[T]) -> Vec<T> {
    let f0 = (x[0] * x[1]).max(x[0] + x[1]);
    let f1 = if x[0] > 0.0 { x[0] * x[1] } else { x[1] * 3.0 };
    vec![f0, f1, x[2] * x[0].sin() + x[1]]
}

fn within_jacobian(x: &[f64]) -> Want {
    let mut want = Want::new(3, 3);
    if x[0] * x[1] > x[0] + x[1] {
        want.add(0, 0, &[x[1]]);
        want.add(0, 1, &[x[0]]);
    } else {
        want.add(0, 0, &[1.0]);
        want.add(0, 1, &[1.0]);
    }
    if x[0] > 0.0 {
        want.add(1, 0, &[x[1]]);
        want.add(1, 1, &[x[0]]);
    } else {
        want.add(1, 1, &[3.0]);
    }
    want.add(2, 0, &[x[2] * x[0].cos()]);
    want.add(2, 1, &[1.0]);
    want.add(2, 2, &[x[0].sin()]);
    want
}

#[test]
fn jacobian_recording_changes_inside_the_pattern() {
    // x₀x₁ = 6 > x₀ + x₁ = 5 and x₀ > 0: the largest pattern
    let prepared = SparseJacobian::prepare(within, &[2.0, 3.0, 1.0]);
    assert_eq!(prepared.pattern().nnz(), 7);
    for x in
        [[2.0, 3.0, 1.0], [0.5, 0.5, -2.0], [-1.0, 4.0, 3.0], [-2.0, -3.0, 0.0], [3.0, 4.0, 1e3]]
    {
        let what = format!("within at {x:?}");
        let want = within_jacobian(&x);
        let (y, j) = prepared.jacobian(within, &x).unwrap();
        assert_eq!(y, within(&x[..]));
        assert_values(&j, &want, &what);
        assert_eq!(**j.pattern(), **prepared.pattern());
        // the fresh driver sees this branch's own pattern
        let fresh = jacobian_sparse(within, &x);
        assert_values(&fresh.1, &want, &what);
        assert_pattern(&fresh.1, &want, &what);
        assert_eq!(fresh.0, y);
    }
}

/// f = x₀x₁ + x₂² for x₀ > 0, x₁x₂ + x₀² otherwise.
fn branchy_f<T: Scalar>(x: &[T]) -> T {
    if x[0] > 0.0 {
        x[0] * x[1] + x[2] * x[2]
    } else {
        x[1] * x[2] + x[0] * x[0]
    }
}

fn branchy_hessian(x: &[f64]) -> (f64, [f64; 3], Want) {
    let mut h = Want::new(3, 3);
    if x[0] > 0.0 {
        h.add(0, 1, &[1.0]);
        h.add(1, 0, &[1.0]);
        h.add(2, 2, &[2.0]);
        (x[0] * x[1] + x[2] * x[2], [x[1], x[0], 2.0 * x[2]], h)
    } else {
        h.add(0, 0, &[2.0]);
        h.add(1, 2, &[1.0]);
        h.add(2, 1, &[1.0]);
        (x[1] * x[2] + x[0] * x[0], [2.0 * x[0], x[2], x[1]], h)
    }
}

#[test]
fn hessian_branch_changes_the_pattern() {
    for x in
        [[2.0, -3.0, 5.0], [-1.5, 2.0, 3.0], [0.0, 0.0, 0.0], [4.0, 0.0, 0.0], [-1e150, 1e150, 2.0]]
    {
        let what = format!("branchy f at {x:?}");
        let (value, grad, want) = branchy_hessian(&x);
        let (v, g, h) = hessian_sparse(branchy_f, &x);
        assert_eq!((v, g.as_slice()), (value, &grad[..]), "{what}");
        assert_values(&h, &want, &what);
        assert_pattern(&h, &want, &what);
        assert_symmetric(&h, &what);
        // the entries are exact: 1 and 2
        for (i, j, hij) in h.iter() {
            assert!(hij == want.value(i, j).value, "{what}: ({i}, {j})");
        }
    }
    let prepared = SparseHessian::prepare(branchy_f, &[1.0, 1.0, 1.0]);
    assert_eq!(
        **prepared.pattern(),
        SparsityPattern::from_rows(3, vec![vec![1], vec![0], vec![2]])
    );
    for x in [[-1.5, 2.0, 3.0], [0.0, 0.0, 0.0]] {
        // here the pattern is (0, 0), (1, 2), (2, 1): (0, 0) is outside first
        assert_eq!(prepared.hessian(branchy_f, &x).unwrap_err(), PatternChanged { row: 0, col: 0 });
    }
    for x in [[2.0, -3.0, 5.0], [4.0, 0.0, 0.0], [1e-3, 1e3, -7.0]] {
        let (value, grad, want) = branchy_hessian(&x);
        let got = prepared.hessian(branchy_f, &x).unwrap();
        assert_eq!((got.0, got.1.as_slice()), (value, &grad[..]));
        assert_values(&got.2, &want, "prepared branchy f");
        assert_symmetric(&got.2, "prepared branchy f");
        assert_same_hessian(&got, &hessian_sparse(branchy_f, &x), "prepared branchy f");
    }
}

/// f = Σᵢ xᵢ³xᵢ₊₁: every second derivative vanishes at x = 0.
fn cubic_chain<T: Scalar>(x: &[T]) -> T {
    x.windows(2).map(|w| w[0].powi(3) * w[1]).sum()
}

/// ∂ᵢf = [i < n−1] 3xᵢ²xᵢ₊₁ + [i > 0] xᵢ₋₁³; Hᵢᵢ = [i < n−1] 6xᵢxᵢ₊₁,
/// Hᵢ,ᵢ₊₁ = Hᵢ₊₁,ᵢ = 3xᵢ².
fn cubic_chain_hessian(x: &[f64]) -> (Entry, Vec<Entry>, Want) {
    let n = x.len();
    let value = sum(&x.windows(2).map(|w| w[0].powi(3) * w[1]).collect::<Vec<_>>());
    let mut grad = vec![Vec::new(); n];
    let mut h = Want::new(n, n);
    for i in 0..n - 1 {
        grad[i].push(3.0 * x[i] * x[i] * x[i + 1]);
        grad[i + 1].push(x[i].powi(3));
        h.add(i, i, &[6.0 * x[i] * x[i + 1]]);
        h.add(i, i + 1, &[3.0 * x[i] * x[i]]);
        h.add(i + 1, i, &[3.0 * x[i] * x[i]]);
    }
    (value, grad.iter().map(|g| sum(g)).collect(), h)
}

#[test]
fn hessian_prepared_where_second_derivatives_vanish() {
    let n = 6;
    let nnz = 3 * (n - 1);
    let at_zero = SparseHessian::prepare(cubic_chain, &[0.0; 6]);
    // the pattern at 0 lies inside the structure
    let structure = cubic_chain_hessian(&[1.0; 6]).2;
    assert_eq!(structure.count(), nnz);
    assert!(at_zero.pattern().is_subset_of(&structure.pattern()));
    // at 0 itself: every entry 0
    let (v, g, h) = at_zero.hessian(cubic_chain, &[0.0; 6]).unwrap();
    assert_eq!((v, g), (0.0, vec![0.0; 6]));
    assert!(h.to_dense().iter().flatten().all(|&e| e == 0.0));
    // at 1 the prepared pattern misses entries: Err, never wrong values
    for x in [vec![1.0; 6], wave(6, 1, 0.0, 2.0), vec![-1.0, 2.0, -3.0, 4.0, -5.0, 6.0]] {
        let (value, grad, want) = cubic_chain_hessian(&x);
        assert_eq!(want.pattern(), structure.pattern());
        let fresh = hessian_sparse(cubic_chain, &x);
        assert_entry(fresh.0, value, "f");
        assert_vector(&fresh.1, &grad, "∇f");
        assert_values(&fresh.2, &want, "cubic chain");
        assert_pattern(&fresh.2, &want, "cubic chain");
        assert_symmetric(&fresh.2, "cubic chain");
        let first_missing = want
            .pattern()
            .iter()
            .find(|&(i, j)| !at_zero.pattern().contains(i, j))
            .expect("the pattern at 0 misses entries");
        let err = at_zero.hessian(cubic_chain, &x).unwrap_err();
        assert_eq!((err.row, err.col), first_missing, "at {x:?}");
    }
    // prepared at a generic point: Ok everywhere, x = 0 included
    let generic = SparseHessian::prepare(cubic_chain, &wave(6, 2, 1.0, 0.5));
    assert_eq!(**generic.pattern(), structure.pattern());
    for x in
        [vec![0.0; 6], vec![1.0; 6], vec![0.0, 1.0, 0.0, -2.0, 0.0, 3.0], wave(6, 5, -1e3, 10.0)]
    {
        let (value, grad, want) = cubic_chain_hessian(&x);
        let (v, g, h) = generic.hessian(cubic_chain, &x).unwrap();
        assert_entry(v, value, "f");
        assert_vector(&g, &grad, "∇f");
        assert_values(&h, &want, "cubic chain (generic)");
        assert_symmetric(&h, "cubic chain (generic)");
    }
}

/// max(x₀²x₁², x₀x₁) + e^{x₂}: both sides of the max are recorded and
/// use the same inputs; the larger side's Hessian pattern holds the other.
fn max_f<T: Scalar>(x: &[T]) -> T {
    (x[0] * x[0] * x[1] * x[1]).max(x[0] * x[1]) + x[2].exp()
}

fn max_hessian(x: &[f64]) -> Want {
    let mut h = Want::new(3, 3);
    let (a, b) = (x[0], x[1]);
    if a * a * b * b > a * b {
        h.add(0, 0, &[2.0 * b * b]);
        h.add(0, 1, &[4.0 * a * b]);
        h.add(1, 0, &[4.0 * a * b]);
        h.add(1, 1, &[2.0 * a * a]);
    } else {
        h.add(0, 1, &[1.0]);
        h.add(1, 0, &[1.0]);
    }
    h.add(2, 2, &[x[2].exp()]);
    h
}

#[test]
fn hessian_recording_changes_inside_the_pattern() {
    let prepared = SparseHessian::prepare(max_f, &[2.0, 3.0, 0.5]);
    assert_eq!(prepared.pattern().nnz(), 5);
    for x in
        [[2.0, 3.0, 0.5], [0.5, 0.5, -1.0], [-3.0, 4.0, 2.0], [0.25, 0.5, 0.0], [1.5, -2.0, 3.0]]
    {
        let what = format!("max f at {x:?}");
        let want = max_hessian(&x);
        let (_, _, h) = prepared.hessian(max_f, &x).unwrap();
        assert_values(&h, &want, &what);
        assert_symmetric(&h, &what);
        let (_, _, fresh) = hessian_sparse(max_f, &x);
        assert_values(&fresh, &want, &what);
        assert_pattern(&fresh, &want, &what);
        assert_symmetric(&fresh, &what);
    }
}

// --- 5. dense functions ----------------------------------------------------------------------

/// Fᵢ = Σⱼ sin((i + 1)xⱼ) x₍ⱼ₊ᵢ₎ mod n.
fn dense_map<T: Scalar>(x: &[T]) -> Vec<T> {
    let n = x.len();
    (0..n).map(|i| (0..n).map(|j| (x[j] * (i + 1) as f64).sin() * x[(j + i) % n]).sum()).collect()
}

/// Jᵢₖ = (i + 1) cos((i + 1)xₖ) x₍ₖ₊ᵢ₎ mod n + sin((i + 1)x₍ₖ₋ᵢ₎ mod n).
fn dense_jacobian(x: &[f64]) -> Want {
    let n = x.len();
    let mut want = Want::new(n, n);
    for i in 0..n {
        let a = (i + 1) as f64;
        for k in 0..n {
            let back = (k + n - i % n) % n;
            want.add(i, k, &[a * (x[k] * a).cos() * x[(k + i) % n], (x[back] * a).sin()]);
        }
    }
    want
}

#[test]
fn dense_jacobian_matches_and_pattern_is_dense() {
    let n = 40;
    let prepared = SparseJacobian::prepare(dense_map, &wave(n, 1, 0.4, 0.3));
    assert!(prepared.colours() <= n);
    assert_eq!(**prepared.pattern(), SparsityPattern::dense(n, n));
    let points = [wave(n, 2, 0.0, 1.0), wave(n, 3, -2.0, 0.7), wave(n, 4, 50.0, 30.0)];
    for (p, x) in points.iter().enumerate() {
        let what = format!("dense J point {p}");
        let want = dense_jacobian(x);
        assert_eq!(want.count(), n * n);
        let fresh = jacobian_sparse(dense_map, x);
        assert_values(&fresh.1, &want, &what);
        assert_pattern(&fresh.1, &want, &what);
        assert_eq!(**fresh.1.pattern(), SparsityPattern::dense(n, n));
        let again = prepared.jacobian(dense_map, x).unwrap();
        assert_same_jacobian(&again, &fresh, &what);
        if p == 0 {
            let (_, dense) = jacobian_reverse(dense_map, x);
            assert_dense_close(&dense, &want, 1e-12, "jacobian_reverse");
            let (_, dense) = jacobian_slice(dense_map, x);
            assert_dense_close(&dense, &want, 1e-12, "jacobian_slice");
        }
    }
}

/// f = S² e^{S/n}, S = Σⱼ xⱼ.
fn dense_f<T: Scalar>(x: &[T]) -> T {
    let s: T = x.iter().copied().sum();
    s * s * (s / x.len() as f64).exp()
}

/// ∂ⱼf = e^u (2S + S²/n), Hᵢⱼ = e^u (2 + 4u + u²) for every i, j (u = S/n).
fn dense_hessian(x: &[f64]) -> (f64, Vec<Entry>, Want) {
    let n = x.len();
    let s: f64 = x.iter().sum();
    let u = s / n as f64;
    let e = u.exp();
    let g = sum(&[e * 2.0 * s, e * s * s / n as f64]);
    let mut h = Want::new(n, n);
    for i in 0..n {
        for j in 0..n {
            h.add(i, j, &[2.0 * e, 4.0 * u * e, u * u * e]);
        }
    }
    (s * s * e, vec![g; n], h)
}

#[test]
fn dense_hessian_matches_and_pattern_is_dense() {
    let n = 24;
    let prepared = SparseHessian::prepare(dense_f, &wave(n, 0, 0.3, 0.2));
    assert!(prepared.colours() <= n);
    assert_eq!(**prepared.pattern(), SparsityPattern::dense(n, n));
    let points =
        [wave(n, 1, 0.5, 1.0), wave(n, 2, -0.2, 0.1), wave(n, 3, 20.0, 5.0), vec![-4.0; n]];
    for (p, x) in points.iter().enumerate() {
        let what = format!("dense H point {p}");
        let (value, grad, want) = dense_hessian(x);
        let fresh = hessian_sparse(dense_f, x);
        assert_rel(fresh.0, value, "f");
        assert_vector(&fresh.1, &grad, "∇f");
        assert_values(&fresh.2, &want, &what);
        assert_pattern(&fresh.2, &want, &what);
        assert_symmetric(&fresh.2, &what);
        let again = prepared.hessian(dense_f, x).unwrap();
        assert_same_hessian(&again, &fresh, &what);
        if p == 0 {
            let (_, _, dense) = hessian_reverse(dense_f, x);
            assert_dense_close(&dense, &want, 1e-12, "hessian_reverse");
            let (_, _, dense) = hessian_slice(dense_f, x);
            assert_dense_close(&dense, &want, 1e-12, "hessian_slice");
        }
    }
}

// --- 6. edge cases -----------------------------------------------------------------------------

#[test]
fn no_inputs() {
    let (y, j) =
        jacobian_sparse(|_: &[Var64]| vec![Var64::constant(2.0), Var64::constant(-1.0)], &[]);
    assert_eq!(y, vec![2.0, -1.0]);
    assert_eq!((j.nrows(), j.ncols(), j.nnz()), (2, 0, 0));
    assert_eq!(j.to_dense(), vec![Vec::<f64>::new(); 2]);
    assert_consistent(&j, "no inputs");
    let prepared = SparseJacobian::prepare(|_: &[Var64]| vec![Var64::constant(2.0)], &[]);
    assert_eq!(prepared.colours(), 0);
    let (y, j) = prepared.jacobian(|_: &[Var64]| vec![Var64::constant(3.0)], &[]).unwrap();
    assert_eq!((y, j.nrows(), j.ncols(), j.nnz()), (vec![3.0], 1, 0, 0));

    let (v, g, h) = hessian_sparse(|_| Var2::constant(5.0), &[]);
    assert_eq!((v, g, h.nrows(), h.ncols(), h.nnz()), (5.0, vec![], 0, 0, 0));
    assert_symmetric(&h, "no inputs");
    let prepared = SparseHessian::prepare(|_: &[Var2_64]| Var2_64::constant(1.0), &[]);
    assert_eq!(prepared.colours(), 0);
    let (v, g, h) = prepared.hessian(|_| Var2::constant(7.0), &[]).unwrap();
    assert_eq!((v, g, h.nnz()), (7.0, vec![], 0));
}

#[test]
fn no_outputs() {
    let (y, j) = jacobian_sparse(|_: &[Var64]| vec![], &[1.0, 2.0, 3.0]);
    assert!(y.is_empty());
    assert_eq!((j.nrows(), j.ncols(), j.nnz()), (0, 3, 0));
    assert_consistent(&j, "no outputs");
    let prepared = SparseJacobian::prepare(|_: &[Var64]| vec![], &[1.0, 2.0, 3.0]);
    assert!(prepared.colours() <= 3);
    let (y, j) = prepared.jacobian(|_: &[Var64]| vec![], &[4.0, 5.0, 6.0]).unwrap();
    assert!(y.is_empty() && j.nnz() == 0 && j.nrows() == 0 && j.ncols() == 3);
}

/// [x₀x₁, 7, sin x₁, x₂, x₀]: a constant row and two rows that are inputs.
fn mixed<T: Scalar>(x: &[T]) -> Vec<T> {
    vec![x[0] * x[1], T::cst(7.0), x[1].sin(), x[2], x[0]]
}

#[test]
fn constant_rows_and_outputs_that_are_inputs() {
    for x in [[2.0, -3.0, 0.5], [0.0, 0.0, 0.0], [-1e8, 1e-8, 4.0]] {
        let mut want = Want::new(5, 3);
        want.add(0, 0, &[x[1]]);
        want.add(0, 1, &[x[0]]);
        want.add(2, 1, &[x[1].cos()]);
        want.add(3, 2, &[1.0]);
        want.add(4, 0, &[1.0]);
        let (y, j) = jacobian_sparse(mixed, &x);
        assert_eq!(y, vec![x[0] * x[1], 7.0, x[1].sin(), x[2], x[0]]);
        assert_values(&j, &want, "mixed");
        assert_pattern(&j, &want, "mixed");
        assert!(j.pattern().row(1).is_empty());
        assert!(j.get(3, 2) == 1.0 && j.get(4, 0) == 1.0);
        let prepared = SparseJacobian::prepare(mixed, &[1.0, 1.0, 1.0]);
        assert_same_jacobian(&prepared.jacobian(mixed, &x).unwrap(), &(y, j), "mixed prepared");
    }
    // a permutation: J = [[0, 1], [1, 0]] exactly
    let (y, j) = jacobian_sparse(|x: &[Var64]| vec![x[1], x[0]], &[3.0, 4.0]);
    assert_eq!((y, j.to_dense()), (vec![4.0, 3.0], vec![vec![0.0, 1.0], vec![1.0, 0.0]]));
    assert_eq!(j.nnz(), 2);
    // every output constant: an empty pattern
    let (y, j) = jacobian_sparse(|_: &[Var64]| vec![Var64::constant(1.0); 4], &[3.0, 4.0]);
    assert_eq!((y, j.nnz(), j.to_dense()), (vec![1.0; 4], 0, vec![vec![0.0; 2]; 4]));
}

/// Fᵢ = xᵢxᵢ₊₁ + sin xᵢ (i < n − 1), Fₙ₋₁ = xₙ₋₁ (f32: `Real`, not `Scalar`).
fn chain32<T: Real>(x: &[T]) -> Vec<T> {
    let n = x.len();
    let mut f: Vec<T> = (0..n - 1).map(|i| x[i] * x[i + 1] + x[i].sin()).collect();
    f.push(x[n - 1]);
    f
}

/// f = Σ xᵢ²xᵢ₊₁ + cos x₀ in f32.
fn chain32_f<T: Real>(x: &[T]) -> T {
    x.windows(2).map(|w| w[0] * w[0] * w[1]).fold(x[0].cos(), |a, b| a + b)
}

#[track_caller]
fn assert_f32(got: f32, want: f32, what: &str) {
    let scale = got.abs().max(want.abs());
    assert!((got - want).abs() <= TOL32 * scale, "{what}: got {got:e}, expected {want:e}");
}

#[test]
fn f32_jacobian_and_hessian() {
    let n = 30;
    let prepared = SparseJacobian::prepare(chain32, &vec![0.5f32; n]);
    assert_eq!(prepared.colours(), 2);
    for x in [
        (0..n).map(|i| (i as f32 * 0.37).sin() * 2.0).collect::<Vec<f32>>(),
        vec![0.0f32; n],
        (0..n).map(|i| -100.0 + i as f32).collect(),
    ] {
        let (y, j) = jacobian_sparse(chain32, &x);
        assert_consistent(&j, "f32 J");
        assert_eq!(j.nnz(), 2 * (n - 1) + 1);
        for i in 0..n - 1 {
            assert_f32(y[i], x[i] * x[i + 1] + x[i].sin(), "f32 F");
        }
        assert_eq!(y[n - 1], x[n - 1]);
        let dense = j.to_dense();
        for i in 0..n {
            for k in 0..n {
                let want = if i == n - 1 {
                    if k == i {
                        1.0
                    } else {
                        0.0
                    }
                } else if k == i {
                    x[i + 1] + x[i].cos()
                } else if k == i + 1 {
                    x[i]
                } else {
                    0.0
                };
                assert!(j.pattern().contains(i, k) == (k == i || (k == i + 1 && i < n - 1)));
                if want == 0.0 {
                    assert!(dense[i][k] == 0.0, "f32 J ({i}, {k})");
                } else {
                    assert_f32(dense[i][k], want, &format!("f32 J ({i}, {k})"));
                }
            }
        }
        let again = prepared.jacobian(chain32, &x).unwrap();
        assert_eq!(again.0, y);
        assert_eq!(
            again.1.values().iter().map(|v| v.to_bits()).collect::<Vec<_>>(),
            j.values().iter().map(|v| v.to_bits()).collect::<Vec<_>>()
        );

        // H: Hᵢᵢ = 2xᵢ₊₁ (i < n−1) − [i = 0] cos x₀, Hᵢ,ᵢ₊₁ = 2xᵢ
        let (v, g, h) = hessian_sparse(chain32_f, &x);
        assert_consistent(&h, "f32 H");
        assert_symmetric(&h, "f32 H");
        let mut v_want = x[0].cos();
        for w in x.windows(2) {
            v_want += w[0] * w[0] * w[1];
        }
        assert_f32(v, v_want, "f32 f");
        for k in 0..n {
            let mut gk = if k == 0 { -x[0].sin() } else { 0.0 };
            if k + 1 < n {
                gk += 2.0 * x[k] * x[k + 1];
            }
            if k > 0 {
                gk += x[k - 1] * x[k - 1];
            }
            if gk == 0.0 {
                assert!(g[k] == 0.0, "f32 ∇f[{k}]");
            } else {
                assert_f32(g[k], gk, "f32 ∇f");
            }
        }
        if x.iter().all(|&v| v != 0.0) {
            assert_eq!(h.nnz(), 3 * (n - 1), "f32 H nnz");
        } else {
            assert!(h.nnz() <= 3 * (n - 1), "f32 H nnz");
        }
        let dense = h.to_dense();
        for i in 0..n {
            for k in 0..n {
                let mut want = 0.0f32;
                let mut structural = false;
                if i == k && i + 1 < n {
                    want += 2.0 * x[i + 1];
                    structural = true;
                }
                if i == 0 && k == 0 {
                    want -= x[0].cos();
                }
                if k == i + 1 || i == k + 1 {
                    want = 2.0 * x[i.min(k)];
                    structural = true;
                }
                assert!(
                    !h.pattern().contains(i, k) || structural || (i, k) == (0, 0),
                    "f32 H ({i}, {k})"
                );
                if want == 0.0 {
                    assert!(dense[i][k] == 0.0, "f32 H ({i}, {k}) = {}", dense[i][k]);
                } else {
                    assert_f32(dense[i][k], want, &format!("f32 H ({i}, {k})"));
                }
            }
        }
    }
}

#[test]
fn hessian_of_a_linear_function_is_empty() {
    fn linear<T: Scalar>(x: &[T]) -> T {
        x.iter().enumerate().map(|(i, &xi)| xi * (i as f64 - 2.5)).sum::<T>() + 3.0
    }
    let prepared = SparseHessian::prepare(linear, &[1.0; 6]);
    assert_eq!(prepared.pattern().nnz(), 0);
    for x in [[0.0; 6], [1.0, -2.0, 3.0, -4.0, 5.0, -6.0], [1e300, -1e300, 0.0, 1.0, 2.0, 3.0]] {
        let want_f = sum(&x
            .iter()
            .enumerate()
            .map(|(i, xi)| xi * (i as f64 - 2.5))
            .chain([3.0])
            .collect::<Vec<_>>());
        let grad: Vec<f64> = (0..6).map(|i| i as f64 - 2.5).collect();
        let (v, g, h) = hessian_sparse(linear, &x);
        assert_entry(v, want_f, "linear f");
        assert_eq!(g, grad);
        assert_eq!((h.nrows(), h.ncols(), h.nnz()), (6, 6, 0));
        assert_eq!(h.to_dense(), vec![vec![0.0; 6]; 6]);
        assert_symmetric(&h, "linear");
        let (v2, g2, h2) = prepared.hessian(linear, &x).unwrap();
        assert_eq!((v2.to_bits(), g2, h2.nnz()), (v.to_bits(), grad, 0));
    }
    // a constant: no gradient either
    let (v, g, h) = hessian_sparse(|_| Var2::constant(2.0), &[1.0, 2.0]);
    assert_eq!((v, g, h.nnz()), (2.0, vec![0.0, 0.0], 0));
}

#[test]
fn repeated_variables() {
    // x₀·x₀ folds onto one variable
    let f = |x: &[Var64]| vec![x[0] * x[0], x[0] * x[0] * x[1], x[1] * x[1] * x[1] * x[1]];
    for x in [[3.0, -2.0], [0.0, 0.0], [-1e5, 7.0]] {
        let mut want = Want::new(3, 2);
        want.add(0, 0, &[2.0 * x[0]]);
        want.add(1, 0, &[2.0 * x[0] * x[1]]);
        want.add(1, 1, &[x[0] * x[0]]);
        want.add(2, 1, &[4.0 * x[1].powi(3)]);
        let (y, j) = jacobian_sparse(f, &x);
        assert_eq!(y, vec![x[0] * x[0], x[0] * x[0] * x[1], x[1] * x[1] * x[1] * x[1]]);
        assert_values(&j, &want, "repeated");
        assert_pattern(&j, &want, "repeated");
    }
    // f = x₀² + x₀x₀x₁: H = [[2 + 2x₁, 2x₀], [2x₀, 0]]
    let g = |x: &[Var2_64]| x[0] * x[0] + x[0] * x[0] * x[1];
    for x in [[3.0, -2.0], [1.5, 0.25], [-4.0, 1e3]] {
        let mut want = Want::new(2, 2);
        want.add(0, 0, &[2.0, 2.0 * x[1]]);
        want.add(0, 1, &[2.0 * x[0]]);
        want.add(1, 0, &[2.0 * x[0]]);
        let (v, grad, h) = hessian_sparse(g, &x);
        assert_eq!(v, x[0] * x[0] + x[0] * x[0] * x[1]);
        assert_vector(&grad, &[sum(&[2.0 * x[0], 2.0 * x[0] * x[1]]), one(x[0] * x[0])], "∇f");
        assert_values(&h, &want, "repeated H");
        assert_pattern(&h, &want, "repeated H");
        assert_symmetric(&h, "repeated H");
    }
    // H of x₀·x₀ alone
    let (_, _, h) = hessian_sparse(|x| x[0] * x[0], &[5.0]);
    assert_eq!((h.nnz(), h.get(0, 0)), (1, 2.0));
}

#[test]
#[should_panic(expected = "SparseJacobian::jacobian: prepared for 3 inputs but x has 2")]
fn prepared_jacobian_wrong_input_length() {
    let prepared = SparseJacobian::prepare(branchy, &[1.0, 1.0, 1.0]);
    let _ = prepared.jacobian(branchy, &[1.0, 1.0]);
}

#[test]
#[should_panic(expected = "SparseJacobian::jacobian: prepared for 2 outputs but f returned 3")]
fn prepared_jacobian_wrong_output_length() {
    let prepared = SparseJacobian::prepare(branchy, &[1.0, 1.0, 1.0]);
    let _ = prepared.jacobian(|x: &[Var64]| vec![x[0], x[1], x[2]], &[1.0, 1.0, 1.0]);
}

#[test]
#[should_panic(expected = "SparseHessian::hessian: prepared for 3 inputs but x has 4")]
fn prepared_hessian_wrong_input_length() {
    let prepared = SparseHessian::prepare(branchy_f, &[1.0, 1.0, 1.0]);
    let _ = prepared.hessian(branchy_f, &[1.0, 1.0, 1.0, 1.0]);
}

// --- 8. prepared = fresh, bitwise, at several points ---------------------------------------------

#[test]
fn prepared_equals_fresh_bitwise() {
    // Jacobians: tridiagonal, arrowhead, random
    let n = 200;
    let tri = SparseJacobian::prepare(|u| bratu(u, 1.0), &wave(n, 0, 0.5, 0.5));
    let arr = SparseJacobian::prepare(arrow, &wave(n, 1, 0.5, 0.5));
    let mut rng = XorShift(77);
    let terms = random_terms(&mut rng, n, n);
    let rand_f = |x: &[Var64]| random_residual(x, &terms, n);
    let rnd = SparseJacobian::prepare(rand_f, &wave(n, 2, 0.5, 0.5));
    // Hessians: arrowhead, random, tridiagonal
    let arr_h = SparseHessian::prepare(arrow_f, &wave(n, 3, 0.5, 0.5));
    let q = RandomQuadratic::new(&mut rng, n, 300);
    let rnd_h = SparseHessian::prepare(|x| q.eval(x), &wave(n, 4, 0.5, 0.5));
    let chain_h = SparseHessian::prepare(cubic_chain, &wave(n, 5, 1.0, 0.5));
    for seed in 10..14 {
        let x = wave(n, seed, 0.3 * seed as f64 - 3.0, 1.0 + seed as f64);
        let what = format!("seed {seed}");
        assert_same_jacobian(
            &tri.jacobian(|u| bratu(u, 1.0), &x).unwrap(),
            &jacobian_sparse(|u| bratu(u, 1.0), &x),
            &what,
        );
        assert_same_jacobian(&arr.jacobian(arrow, &x).unwrap(), &jacobian_sparse(arrow, &x), &what);
        assert_same_jacobian(
            &rnd.jacobian(rand_f, &x).unwrap(),
            &jacobian_sparse(rand_f, &x),
            &what,
        );
        let h = arr_h.hessian(arrow_f, &x).unwrap();
        assert_same_hessian(&h, &hessian_sparse(arrow_f, &x), &what);
        assert_symmetric(&h.2, &what);
        let h = rnd_h.hessian(|x| q.eval(x), &x).unwrap();
        assert_same_hessian(&h, &hessian_sparse(|x| q.eval(x), &x), &what);
        assert_symmetric(&h.2, &what);
        let h = chain_h.hessian(cubic_chain, &x).unwrap();
        assert_same_hessian(&h, &hessian_sparse(cubic_chain, &x), &what);
        assert_symmetric(&h.2, &what);
        // the values are right too
        let (_, _, want) = cubic_chain_hessian(&x);
        assert_values(&h.2, &want, &what);
        let (_, _, want) = q.expected(&x);
        assert_values(&hessian_sparse(|x| q.eval(x), &x).2, &want, &what);
    }
}
