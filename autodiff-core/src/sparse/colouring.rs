//! Colourings of a sparsity pattern (temporary simple versions).

use crate::SparsityPattern;

/// A colouring.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Colouring {
    pub(crate) colours: Vec<u32>,
    pub(crate) count: usize,
}

impl Colouring {
    /// Each of `n` its own colour.
    pub(crate) fn identity(n: usize) -> Self {
        Colouring { colours: (0..n as u32).collect(), count: n }
    }
}

/// Column colouring.
pub(crate) fn column_colouring(p: &SparsityPattern) -> Colouring {
    let t = p.transpose();
    let n = p.ncols();
    let mut colours = vec![u32::MAX; n];
    let mut stamp = vec![usize::MAX; n + 1];
    let mut count = 0;
    for j in 0..n {
        for &i in t.row(j) {
            for &k in p.row(i as usize) {
                if colours[k as usize] != u32::MAX {
                    stamp[colours[k as usize] as usize] = j;
                }
            }
        }
        let c = (0..).find(|&c| stamp[c] != j).unwrap();
        colours[j] = c as u32;
        count = count.max(c + 1);
    }
    Colouring { colours, count }
}

/// Cost.
pub(crate) fn column_colouring_cost(p: &SparsityPattern) -> usize {
    (0..p.nrows()).map(|i| p.row(i).len().pow(2)).sum()
}

/// Star colouring (distance-2 for now).
pub(crate) fn star_colouring(p: &SparsityPattern) -> Colouring {
    let n = p.ncols();
    let mut colours = vec![u32::MAX; n];
    let mut stamp = vec![usize::MAX; n + 1];
    let mut count = 0;
    for v in 0..n {
        for &w in p.row(v) {
            let cw = colours[w as usize];
            if cw != u32::MAX {
                stamp[cw as usize] = v;
            }
            for &x in p.row(w as usize) {
                let cx = colours[x as usize];
                if x as usize != v && cx != u32::MAX {
                    stamp[cx as usize] = v;
                }
            }
        }
        let c = (0..).find(|&c| stamp[c] != v).unwrap();
        colours[v] = c as u32;
        count = count.max(c + 1);
    }
    Colouring { colours, count }
}

/// Cost.
pub(crate) fn star_colouring_cost(p: &SparsityPattern) -> usize {
    (0..p.nrows()).map(|i| p.row(i).iter().map(|&w| p.row(w as usize).len()).sum::<usize>()).sum()
}

/// Sources.
pub(crate) fn star_sources(p: &SparsityPattern, c: &Colouring) -> Vec<(u32, u32)> {
    p.iter()
        .map(|(i, j)| {
            let cj = c.colours[j];
            let unique = p
                .row(i)
                .iter()
                .filter(|&&k| k as usize != i && c.colours[k as usize] == cj)
                .count()
                <= 1;
            if i == j || unique {
                (i as u32, cj)
            } else {
                (j as u32, c.colours[i])
            }
        })
        .collect()
}
