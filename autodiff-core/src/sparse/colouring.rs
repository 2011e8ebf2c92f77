//! Colourings of a sparsity pattern.
//!
//! A sparse driver evaluates a Jacobian (or Hessian) compressed: it seeds
//! one lane per colour instead of one per column, and reads every nonzero
//! off the compressed product. [`column_colouring`] makes that possible for
//! a Jacobian J (from J·S), [`star_colouring`] and [`star_sources`] for a
//! symmetric Hessian H (from H·S, with fewer colours than H's columns would
//! need as a Jacobian). S is the `n × count` 0/1 seed matrix with column j
//! of the pattern in lane `colours[j]`.
//!
//! Both colourings are greedy, in natural order (optimal for banded
//! patterns), and use flat stamp arrays: nothing is allocated per vertex.

use super::pattern::SparsityPattern;

/// A colouring: the colour of each column (or vertex), and how many colours.
///
/// The colours used are exactly `0..count`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Colouring {
    /// The colour of each column (vertex), below `count`.
    pub(crate) colours: Vec<u32>,
    /// How many colours: 0 for no columns, else the largest colour + 1.
    pub(crate) count: usize,
}

/// The colour of a vertex not coloured yet.
impl Colouring {
    /// Each of `n` columns its own colour: dense evaluation, for patterns
    /// whose colouring would cost more than it saves.
    pub(crate) fn identity(n: usize) -> Self {
        Colouring { colours: (0..n as u32).collect(), count: n }
    }
}

const NONE: u32 = u32::MAX;

/// The smallest colour not stamped with `stamp` in `forbidden`.
///
/// `forbidden` must be longer than the number of colours stamped, which
/// holds when it has one slot per vertex: a vertex sees fewer colours than
/// there are other vertices.
fn smallest_free(forbidden: &[usize], stamp: usize) -> u32 {
    let mut c = 0;
    while forbidden[c] == stamp {
        c += 1;
    }
    c as u32
}

/// The colouring with these colours; `count` is the largest + 1 (0 if none).
fn finish(colours: Vec<u32>) -> Colouring {
    let count = colours.iter().map(|&c| c as usize + 1).max().unwrap_or(0);
    Colouring { colours, count }
}

/// Colours the columns of `p` so that two columns with a nonzero in the
/// same row never share a colour (greedy distance-2 colouring of the column
/// intersection graph, columns in natural order). Then J·S (S the
/// `n × count` 0/1 seed matrix, column j in lane `colours[j]`) holds each
/// nonzero J\[i\]\[j\] alone at (i, `colours[j]`).
///
/// Costs about [`column_colouring_cost`]`(p)` steps: O(Σ over rows of
/// len²).
#[cfg(test)]
pub(crate) fn column_colouring(p: &SparsityPattern) -> Colouring {
    column_colouring_with(p, &p.transpose())
}

/// [`column_colouring`] given the transpose `t` of `p` too (the drivers
/// colour rows and columns both, and transpose once).
pub(crate) fn column_colouring_with(p: &SparsityPattern, t: &SparsityPattern) -> Colouring {
    let n = p.ncols();
    // the rows of column j are t.row(j)
    let mut colours = vec![NONE; n];
    // forbidden[c] == j: colour c is taken by a column sharing a row with j
    let mut forbidden = vec![usize::MAX; n];
    for j in 0..n {
        for &i in t.row(j) {
            for &k in p.row(i as usize) {
                let c = colours[k as usize];
                if c != NONE {
                    forbidden[c as usize] = j;
                }
            }
        }
        colours[j] = smallest_free(&forbidden, j);
    }
    finish(colours)
}

/// An estimate, in elementary steps, of what [`column_colouring`]`(p)`
/// costs: the transpose, plus Σ over rows of len² for the colours looked
/// at. Computed in O(rows) steps, to skip colouring when it would cost more
/// than a dense evaluation.
pub(crate) fn column_colouring_cost(p: &SparsityPattern) -> usize {
    let squares = (0..p.nrows()).fold(0usize, |sum, i| {
        let len = p.row(i).len();
        sum.saturating_add(len.saturating_mul(len))
    });
    squares.saturating_add(2 * p.nnz() + p.nrows() + p.ncols())
}

/// Star colouring of a symmetric square pattern `p` (it contains its
/// transpose; the diagonal may or may not be present and is not an edge):
/// a distance-1 colouring in which every path on 4 vertices uses at least
/// 3 colours (Gebremedhin, Manne, Pothen, "What color is your Jacobian?",
/// SIAM Review 2005). With it, every entry of a symmetric H is read
/// directly off the compressed product H·S ([`star_sources`] says where).
///
/// Greedy, vertices in natural order. A vertex v takes the smallest colour
/// that is not
/// 1. the colour of a coloured neighbour;
/// 2. the colour of a coloured x with a path v–w–x–y of coloured w, x, y
///    where y has w's colour (v would end a bicoloured 4-path);
/// 3. the colour of a coloured y with a path w–v–x–y of coloured w, x, y
///    where w and x share a colour (v would be inside one).
///
/// A bicoloured 4-path has a vertex coloured last, an endpoint (caught by 2)
/// or an interior vertex (caught by 3), so none is ever made.
///
/// Costs at most about [`star_colouring_cost`]`(p)` steps: O(Σ_v Σ_{w∈N(v)}
/// Σ_{x∈N(w)} deg(x)).
pub(crate) fn star_colouring(p: &SparsityPattern) -> Colouring {
    let n = p.nrows();
    debug_assert_eq!(n, p.ncols(), "star_colouring: the pattern is not square");
    debug_assert!(*p == p.transpose(), "star_colouring: the pattern is not symmetric");
    let mut colours = vec![NONE; n];
    // forbidden[c] == v: v cannot take colour c
    let mut forbidden = vec![usize::MAX; n];
    // how many coloured neighbours of v have colour c: count[c], valid when
    // counted[c] == v
    let mut counted = vec![usize::MAX; n];
    let mut count = vec![0u32; n];
    for v in 0..n {
        let nv = p.row(v);
        // 1: distance 1; and the colours of v's neighbours counted for 3
        for &w in nv {
            let cw = colours[w as usize];
            if cw == NONE {
                continue; // uncoloured, or v itself
            }
            let cw = cw as usize;
            forbidden[cw] = v;
            if counted[cw] == v {
                count[cw] += 1;
            } else {
                counted[cw] = v;
                count[cw] = 1;
            }
        }
        // 2: v–w–x–y with colour(y) == colour(w) forbids colour(x)
        for &w in nv {
            let cw = colours[w as usize];
            if cw == NONE {
                continue;
            }
            for &x in p.row(w as usize) {
                let cx = colours[x as usize];
                // uncoloured (so also x ≠ v), x == w, or forbidden already
                if cx == NONE || x == w || forbidden[cx as usize] == v {
                    continue;
                }
                // y ≠ x has colour cx ≠ cw, so only y ≠ w needs checking;
                // y ≠ v because v is uncoloured
                if p.row(x as usize).iter().any(|&y| y != w && colours[y as usize] == cw) {
                    forbidden[cx as usize] = v;
                }
            }
        }
        // 3: w–v–x–y with colour(w) == colour(x) forbids colour(y)
        for &x in nv {
            let cx = colours[x as usize];
            if cx == NONE || count[cx as usize] < 2 {
                continue;
            }
            for &y in p.row(x as usize) {
                let cy = colours[y as usize];
                // y == x is coloured cx, forbidden already by 1; y ≠ v
                // because v is uncoloured
                if cy != NONE {
                    forbidden[cy as usize] = v;
                }
            }
        }
        colours[v] = smallest_free(&forbidden, v);
    }
    finish(colours)
}

/// An estimate, in elementary steps, of what [`star_colouring`]`(p)` costs
/// at most: Σ_w deg(w)·(1 + Σ_{x∈N(w)} deg(x)) plus the debug check's
/// transpose, degrees counted with the diagonal. Computed in O(nnz) steps.
pub(crate) fn star_colouring_cost(p: &SparsityPattern) -> usize {
    let deg = |i: usize| p.row(i).len();
    let paths = (0..p.nrows()).fold(0usize, |sum, w| {
        // Σ_{x∈N(w)} deg(x): the walks w–x–y
        let walks = p.row(w).iter().fold(0usize, |s, &x| s.saturating_add(deg(x as usize)));
        sum.saturating_add(deg(w).saturating_mul(walks.saturating_add(1)))
    });
    paths.saturating_add(3 * p.nnz() + 2 * p.nrows())
}

/// For each nonzero (i, j) of the symmetric pattern `p`, in row order (the
/// order of `p.iter()`), where its value sits in the compressed product
/// B = H·S of a symmetric H with that pattern, S seeded by `c` (a
/// [`star_colouring`] of `p`): `(r, k)` such that H\[i\]\[j\] = B\[r\]\[k\].
///
/// The diagonal (i, i) is (i, `colours[i]`); an off-diagonal entry is
/// (i, `colours[j]`) when j is the only neighbour of i with colour
/// `colours[j]`, otherwise (j, `colours[i]`): the star property makes i the
/// only neighbour of j with colour `colours[i]` then (else the two paths
/// would make a bicoloured 4-path).
pub(crate) fn star_sources(p: &SparsityPattern, c: &Colouring) -> Vec<(u32, u32)> {
    let n = p.nrows();
    debug_assert_eq!(c.colours.len(), n, "star_sources: the colouring is for another pattern");
    let colours = &c.colours;
    // how many neighbours of i have colour k: count[k], valid when
    // counted[k] == i
    let mut counted = vec![usize::MAX; c.count];
    let mut count = vec![0u32; c.count];
    let mut sources = Vec::with_capacity(p.nnz());
    for i in 0..n {
        let row = p.row(i);
        for &j in row {
            if j as usize != i {
                let k = colours[j as usize] as usize;
                if counted[k] == i {
                    count[k] += 1;
                } else {
                    counted[k] = i;
                    count[k] = 1;
                }
            }
        }
        for &j in row {
            let k = colours[j as usize];
            // the diagonal is read at (i, colours[i]) (no neighbour shares
            // i's colour)
            if j as usize == i || count[k as usize] == 1 {
                sources.push((i as u32, k));
            } else {
                sources.push((j, colours[i]));
            }
        }
    }
    sources
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic xorshift generator.
    struct Rng(u64);

    impl Rng {
        /// The next 64 random bits.
        fn next(&mut self) -> u64 {
            let mut x = self.0;
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            self.0 = x;
            x
        }

        /// A number below `n` (n > 0).
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }

        /// True with probability `p`.
        fn chance(&mut self, p: f64) -> bool {
            self.unit() < p
        }

        /// A number in [0, 1).
        fn unit(&mut self) -> f64 {
            (self.next() >> 11) as f64 / (1u64 << 53) as f64
        }
    }

    /// The pattern with entry (i, j) where `dense[i][j]`, `ncols` wide.
    fn from_dense(ncols: usize, dense: &[Vec<bool>]) -> SparsityPattern {
        SparsityPattern::from_rows(
            ncols,
            dense.iter().map(|r| (0..ncols as u32).filter(|&j| r[j as usize]).collect::<Vec<_>>()),
        )
    }

    /// A random `m × n` pattern, each entry present with probability
    /// `density`.
    fn random_pattern(rng: &mut Rng, m: usize, n: usize, density: f64) -> SparsityPattern {
        let dense: Vec<Vec<bool>> =
            (0..m).map(|_| (0..n).map(|_| rng.chance(density)).collect()).collect();
        from_dense(n, &dense)
    }

    /// A random symmetric `n × n` pattern, each edge present with
    /// probability `density`, the diagonal all, none or at random.
    fn random_symmetric(rng: &mut Rng, n: usize, density: f64) -> SparsityPattern {
        let mut dense = vec![vec![false; n]; n];
        let diagonal = rng.below(3);
        for (i, row) in dense.iter_mut().enumerate() {
            row[i] = match diagonal {
                0 => false,
                1 => true,
                _ => rng.chance(0.5),
            };
        }
        for (i, j) in (0..n).flat_map(|i| (0..i).map(move |j| (i, j))) {
            if rng.chance(density) {
                dense[i][j] = true;
                dense[j][i] = true;
            }
        }
        from_dense(n, &dense)
    }

    /// The `n × n` band pattern with entries |i − j| ≤ `half`.
    fn banded(n: usize, half: usize) -> SparsityPattern {
        SparsityPattern::from_rows(
            n,
            (0..n).map(|i| (i.saturating_sub(half)..(i + half + 1).min(n)).map(|j| j as u32)),
        )
    }

    /// The arrowhead: vertex 0 joined to every other one, with the
    /// diagonal.
    fn arrowhead(n: usize) -> SparsityPattern {
        SparsityPattern::from_rows(
            n,
            (0..n as u32).map(|i| if i == 0 { (0..n as u32).collect() } else { vec![0, i] }),
        )
    }

    /// The arrowhead with its hub last and without the diagonal.
    fn arrowhead_hub_last(n: usize) -> SparsityPattern {
        let hub = n as u32 - 1;
        SparsityPattern::from_rows(
            n,
            (0..n as u32).map(|i| if i == hub { (0..hub).collect() } else { vec![hub] }),
        )
    }

    /// The 5-point Laplacian on a `side × side` grid, with the diagonal.
    fn grid(side: usize) -> SparsityPattern {
        let id = |r: usize, c: usize| (r * side + c) as u32;
        SparsityPattern::from_rows(
            side * side,
            (0..side * side).map(|v| {
                let (r, c) = (v / side, v % side);
                let mut row = vec![id(r, c)];
                if r > 0 {
                    row.push(id(r - 1, c));
                }
                if r + 1 < side {
                    row.push(id(r + 1, c));
                }
                if c > 0 {
                    row.push(id(r, c - 1));
                }
                if c + 1 < side {
                    row.push(id(r, c + 1));
                }
                row
            }),
        )
    }

    /// The dense form of `p`.
    fn to_dense(p: &SparsityPattern) -> Vec<Vec<bool>> {
        let mut dense = vec![vec![false; p.ncols()]; p.nrows()];
        for (i, j) in p.iter() {
            dense[i][j] = true;
        }
        dense
    }

    /// Checks that `c` has one colour per vertex of `n`, and that `count`
    /// is the number of distinct colours, all of `0..count`.
    fn check_count(c: &Colouring, n: usize) {
        assert_eq!(c.colours.len(), n);
        let mut used = vec![false; n];
        for &k in &c.colours {
            assert!((k as usize) < n, "colour {k} of {n} columns");
            used[k as usize] = true;
        }
        let distinct = used.iter().filter(|&&u| u).count();
        assert_eq!(c.count, distinct, "count is not the number of distinct colours");
        let max = c.colours.iter().map(|&k| k as usize + 1).max().unwrap_or(0);
        assert_eq!(c.count, max, "count is not the largest colour + 1");
    }

    /// Checks by brute force that no two columns of the same colour share
    /// a row of `p`.
    fn check_column(p: &SparsityPattern, c: &Colouring) {
        check_count(c, p.ncols());
        let dense = to_dense(p);
        for j in 0..p.ncols() {
            for k in 0..j {
                if c.colours[j] != c.colours[k] {
                    continue;
                }
                for (i, row) in dense.iter().enumerate() {
                    assert!(
                        !(row[j] && row[k]),
                        "columns {k} and {j} share colour {} and row {i}",
                        c.colours[j]
                    );
                }
            }
        }
    }

    /// Checks by brute force that `c` is a star colouring of symmetric `p`:
    /// adjacent vertices differ, and no path on 4 distinct vertices is
    /// bicoloured.
    fn check_star(p: &SparsityPattern, c: &Colouring) {
        let n = p.nrows();
        check_count(c, n);
        let mut adj = to_dense(p);
        for (i, row) in adj.iter_mut().enumerate() {
            row[i] = false;
        }
        let nbrs: Vec<Vec<usize>> =
            adj.iter().map(|r| (0..n).filter(|&j| r[j]).collect()).collect();
        let col = |v: usize| c.colours[v];
        for a in 0..n {
            for &b in &nbrs[a] {
                assert_ne!(col(a), col(b), "neighbours {a} and {b} share a colour");
                for &x in &nbrs[b] {
                    if x == a {
                        continue;
                    }
                    for &d in &nbrs[x] {
                        if d == a || d == b {
                            continue;
                        }
                        assert!(
                            !(col(a) == col(x) && col(b) == col(d)),
                            "path {a}–{b}–{x}–{d} has two colours: {:?}",
                            [col(a), col(b), col(x), col(d)]
                        );
                    }
                }
            }
        }
    }

    /// Checks that every entry of a symmetric H with random distinct values
    /// on `p` is exactly the entry of B = H·S that [`star_sources`] names.
    fn check_sources(rng: &mut Rng, p: &SparsityPattern, c: &Colouring) {
        let n = p.nrows();
        let mut h = vec![vec![0.0f64; n]; n];
        for (i, j) in p.iter() {
            if j <= i {
                let v = 1.0 + rng.unit();
                h[i][j] = v;
                h[j][i] = v;
            }
        }
        // B[r][k] = Σ_{j: colours[j] = k} H[r][j]
        let mut b = vec![vec![0.0f64; c.count]; n];
        for r in 0..n {
            for j in 0..n {
                b[r][c.colours[j] as usize] += h[r][j];
            }
        }
        let sources = star_sources(p, c);
        assert_eq!(sources.len(), p.nnz());
        for ((i, j), &(r, k)) in p.iter().zip(&sources) {
            let got = b[r as usize][k as usize];
            assert_eq!(
                got.to_bits(),
                h[i][j].to_bits(),
                "H[{i}][{j}] = {} but B[{r}][{k}] = {got}",
                h[i][j]
            );
        }
    }

    #[test]
    fn column_colouring_of_random_patterns() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for _ in 0..400 {
            let m = rng.below(41);
            let n = rng.below(41);
            let density = 0.4 * rng.unit();
            let p = random_pattern(&mut rng, m, n, density);
            check_column(&p, &column_colouring(&p));
        }
    }

    #[test]
    fn column_colouring_compresses_the_jacobian() {
        let mut rng = Rng(12345);
        for _ in 0..100 {
            let (m, n) = (1 + rng.below(30), 1 + rng.below(30));
            let density = 0.3 * rng.unit();
            let p = random_pattern(&mut rng, m, n, density);
            let c = column_colouring(&p);
            let mut jac = vec![vec![0.0f64; n]; m];
            for (i, j) in p.iter() {
                jac[i][j] = 1.0 + rng.unit();
            }
            // B = J·S
            let mut b = vec![vec![0.0f64; c.count]; m];
            for i in 0..m {
                for j in 0..n {
                    b[i][c.colours[j] as usize] += jac[i][j];
                }
            }
            for (i, j) in p.iter() {
                assert_eq!(b[i][c.colours[j] as usize].to_bits(), jac[i][j].to_bits());
            }
        }
    }

    #[test]
    fn column_colouring_of_structured_patterns() {
        for n in 3..40 {
            let p = banded(n, 1);
            let c = column_colouring(&p);
            check_column(&p, &c);
            assert_eq!(c.count, 3, "tridiagonal {n} × {n}");
            let p = banded(n, 2);
            let c = column_colouring(&p);
            check_column(&p, &c);
            assert_eq!(c.count, n.min(5), "pentadiagonal {n} × {n}");
        }
        for (m, n) in [(1, 1), (3, 3), (5, 2), (2, 7), (10, 10)] {
            let p = SparsityPattern::dense(m, n);
            let c = column_colouring(&p);
            check_column(&p, &c);
            assert_eq!(c.count, n, "dense {m} × {n}");
        }
        for (m, n) in [(0, 0), (3, 0), (0, 3), (4, 5)] {
            let p = SparsityPattern::from_rows(n, (0..m).map(|_| Vec::new()));
            let c = column_colouring(&p);
            check_column(&p, &c);
            assert_eq!(c.count, n.min(1), "empty {m} × {n}");
        }
        // a diagonal pattern needs one colour
        let p = banded(20, 0);
        assert_eq!(column_colouring(&p).count, 1);
        let p = grid(6);
        check_column(&p, &column_colouring(&p));
    }

    #[test]
    fn star_colouring_of_random_patterns() {
        let mut rng = Rng(0x2545_f491_4f6c_dd1d);
        for _ in 0..400 {
            let n = rng.below(31);
            let density = 0.4 * rng.unit();
            let p = random_symmetric(&mut rng, n, density);
            let c = star_colouring(&p);
            check_star(&p, &c);
            check_sources(&mut rng, &p, &c);
        }
    }

    #[test]
    fn star_colouring_of_every_small_graph() {
        // every graph on up to 6 vertices, with and without the diagonal
        let mut rng = Rng(7);
        for n in 0..=6usize {
            let pairs: Vec<(usize, usize)> =
                (0..n).flat_map(|i| (0..i).map(move |j| (i, j))).collect();
            for edges in 0u32..1 << pairs.len() {
                let mut dense = vec![vec![false; n]; n];
                for (e, &(i, j)) in pairs.iter().enumerate() {
                    if edges >> e & 1 == 1 {
                        dense[i][j] = true;
                        dense[j][i] = true;
                    }
                }
                for (i, row) in dense.iter_mut().enumerate() {
                    row[i] = edges & 1 == 1;
                }
                let p = from_dense(n, &dense);
                let c = star_colouring(&p);
                check_star(&p, &c);
                check_sources(&mut rng, &p, &c);
            }
        }
    }

    #[test]
    fn star_colouring_of_structured_patterns() {
        let mut rng = Rng(99);
        for n in 1..40 {
            let p = banded(n, 1);
            let c = star_colouring(&p);
            check_star(&p, &c);
            check_sources(&mut rng, &p, &c);
            // a path on 3 vertices is a star: 2 colours
            let best = if n >= 4 { 3 } else { n.min(2) };
            assert_eq!(c.count, best, "tridiagonal {n} × {n}");
        }
        for n in 2..40 {
            for p in [arrowhead(n), arrowhead_hub_last(n)] {
                let c = star_colouring(&p);
                check_star(&p, &c);
                check_sources(&mut rng, &p, &c);
                assert_eq!(c.count, 2, "arrowhead {n} × {n}");
            }
        }
        for side in [1, 2, 3, 6, 10] {
            let p = grid(side);
            let c = star_colouring(&p);
            check_star(&p, &c);
            check_sources(&mut rng, &p, &c);
        }
        for (n, half) in [(30, 2), (30, 3), (1, 0), (5, 0)] {
            let p = banded(n, half);
            let c = star_colouring(&p);
            check_star(&p, &c);
            check_sources(&mut rng, &p, &c);
        }
        for n in 1..8 {
            let p = SparsityPattern::dense(n, n);
            let c = star_colouring(&p);
            check_star(&p, &c);
            check_sources(&mut rng, &p, &c);
            assert_eq!(c.count, n, "dense {n} × {n}");
        }
        let empty = SparsityPattern::from_rows(0, Vec::<Vec<u32>>::new());
        assert_eq!(star_colouring(&empty), Colouring { colours: vec![], count: 0 });
        assert!(star_sources(&empty, &star_colouring(&empty)).is_empty());
    }

    #[test]
    fn star_sources_of_the_tridiagonal() {
        // colours 0 1 0 2: 1's neighbours 0 and 2 are both coloured 0, so
        // (1, 0) and (1, 2) are read from rows 0 and 2
        let p = banded(4, 1);
        let c = star_colouring(&p);
        assert_eq!(c.colours, vec![0, 1, 0, 2]);
        let sources = star_sources(&p, &c);
        let expected = [
            (0, 0), // (0, 0)
            (0, 1), // (0, 1)
            (0, 1), // (1, 0): 1 has two neighbours coloured 0
            (1, 1), // (1, 1)
            (2, 1), // (1, 2)
            (2, 1), // (2, 1): 2's only neighbour coloured 1
            (2, 0), // (2, 2)
            (2, 2), // (2, 3)
            (3, 0), // (3, 2)
            (3, 2), // (3, 3)
        ];
        assert_eq!(sources, expected);
    }

    #[test]
    fn costs_grow_with_the_work() {
        let tri = banded(1000, 1);
        let dense = SparsityPattern::dense(100, 100);
        assert!(column_colouring_cost(&tri) < 20 * tri.nnz());
        assert!(column_colouring_cost(&dense) >= 100 * 100 * 100);
        assert!(star_colouring_cost(&tri) < 40 * tri.nnz());
        assert!(star_colouring_cost(&dense) >= 100 * 100 * 100 * 100);
        let empty = SparsityPattern::from_rows(0, Vec::<Vec<u32>>::new());
        assert_eq!((column_colouring_cost(&empty), star_colouring_cost(&empty)), (0, 0));
    }
}
