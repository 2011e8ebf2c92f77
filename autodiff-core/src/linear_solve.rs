//! A small dense linear solve in any number type, for drivers that need
//! one (the Newton steps of [`implicit_solve`](crate::implicit_solve)).

use crate::Real;

/// The solution of `A x = b` for an n×n matrix `a` in row-major order, by
/// Gaussian elimination with partial pivoting on the real parts (so a
/// number type pivots as `f64` would). A singular matrix gives non-finite
/// entries, not a panic.
pub(crate) fn solve<S: Real>(mut a: Vec<S>, mut b: Vec<S>) -> Vec<S> {
    let n = b.len();
    debug_assert_eq!(a.len(), n * n);
    for k in 0..n {
        let pivot =
            (k..n).fold(k, |p, i| if a[i * n + k].abs() > a[p * n + k].abs() { i } else { p });
        if pivot != k {
            for j in 0..n {
                a.swap(k * n + j, pivot * n + j);
            }
            b.swap(k, pivot);
        }
        for i in k + 1..n {
            let m = a[i * n + k] / a[k * n + k];
            for j in k..n {
                let akj = a[k * n + j];
                a[i * n + j] -= m * akj;
            }
            let bk = b[k];
            b[i] -= m * bk;
        }
    }
    for k in (0..n).rev() {
        let s = (k + 1..n).fold(b[k], |s, j| s - a[k * n + j] * b[j]);
        b[k] = s / a[k * n + k];
    }
    b
}

#[cfg(test)]
mod tests {
    use super::solve;

    #[test]
    fn solves_a_system_that_needs_pivoting() {
        // [[0, 2, 1], [1, 1, 0], [2, 0, 3]] x = [7, 3, 11] has x = [1, 2, 3]
        // (hand-checked); the first pivot is 0, so elimination must swap.
        let a = vec![0.0, 2.0, 1.0, 1.0, 1.0, 0.0, 2.0, 0.0, 3.0];
        let x: Vec<f64> = solve(a, vec![7.0, 3.0, 11.0]);
        for (got, want) in x.iter().zip([1.0, 2.0, 3.0]) {
            assert!((got - want).abs() <= 1e-15 * want, "{x:?}");
        }
    }

    #[test]
    fn a_singular_matrix_gives_non_finite_entries() {
        let x = solve(vec![1.0, 2.0, 2.0, 4.0], vec![1.0, 1.0]);
        assert!(x.iter().any(|v: &f64| !v.is_finite()), "{x:?}");
    }
}
