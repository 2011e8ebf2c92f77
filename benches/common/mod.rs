//! What the benches share: the extended Rosenbrock function over this
//! crate's numbers and over num-dual's, the evaluation point, and the
//! sanity checks' comparison.

// Each bench uses only some of these.
#![allow(dead_code)]

use std::ops::{Index, Mul, Sub};

use autodiff::Scalar;
use num_dual::DualNum;

/// The relative tolerance to which every AD result must equal the
/// hand-written one.
pub const REL: f64 = 1e-12;

/// The evaluation point with `n` variables:
/// `x_i = 0.5 + 0.1 · (i mod 8) · (−1)^i`.
pub fn point(n: usize) -> Vec<f64> {
    (0..n)
        .map(|i| {
            let sign = if i % 2 == 0 { 1.0 } else { -1.0 };
            0.5 + 0.1 * (i % 8) as f64 * sign
        })
        .collect()
}

/// The extended Rosenbrock function over a slice, generic over this
/// crate's [`Scalar`] (`f64`, the dual numbers, `Var`, `Var<Dual>`).
///
/// Each term is `d * d * 100 + e * e` with `d = x_{i+1} − x_i * x_i` and
/// `e = x_i − 1`, accumulated from zero, exactly as in
/// [`rosenbrock_num_dual`].
pub fn rosenbrock<T: Scalar>(x: &[T]) -> T {
    let mut sum = T::zero();
    for w in x.windows(2) {
        let (xi, xj) = (w[0], w[1]);
        let d = xj - xi * xi;
        let e = xi - 1.0;
        sum += d * d * 100.0 + e * e;
    }
    sum
}

/// Asserts `|a − b| ≤ rel · max(|a|, |b|, 1)`, naming the quantity on failure.
pub fn assert_close(what: &str, a: f64, b: f64, rel: f64) {
    let scale = a.abs().max(b.abs()).max(1.0);
    assert!(
        (a - b).abs() <= rel * scale,
        "bench sanity check failed for {what}: {a} vs {b} (relative tolerance {rel})"
    );
}

/// [`assert_close`] for every entry of two equally long sequences.
pub fn assert_all_close<'a>(
    what: &str,
    a: impl IntoIterator<Item = &'a f64>,
    b: impl IntoIterator<Item = &'a f64>,
    rel: f64,
) {
    let (a, b): (Vec<f64>, Vec<f64>) =
        (a.into_iter().copied().collect(), b.into_iter().copied().collect());
    assert_eq!(a.len(), b.len(), "bench sanity check: {what} has the wrong length");
    for (k, (&ak, &bk)) in a.iter().zip(&b).enumerate() {
        assert_close(&format!("{what}[{k}]"), ak, bk, rel);
    }
}

/// The extended Rosenbrock function Σ 100 dᵢ² + eᵢ², dᵢ = xᵢ₊₁ − xᵢ²,
/// eᵢ = xᵢ − 1, written over num-dual's `DualNum` for any vector indexable
/// by `usize` (nalgebra's `SVector` and `DVector`) with `n` entries, with
/// the same operations in the same order as the benches' own `rosenbrock`.
///
/// The operands are borrowed (`&a * &b`), because the heap-allocated
/// `DualDVec64` is not `Copy`; for the `Copy` types this costs nothing.
pub fn rosenbrock_num_dual<D, V>(x: &V, n: usize) -> D
where
    D: DualNum<Primitive = f64>,
    V: Index<usize, Output = D> + ?Sized,
    for<'a> &'a D: Mul<&'a D, Output = D> + Sub<&'a D, Output = D>,
{
    let mut sum = D::zero();
    for i in 1..n {
        let (xi, xj) = (&x[i - 1], &x[i]);
        let d = xj - &(xi * xi);
        let e = xi.clone() - 1.0;
        sum += &d * &d * 100.0 + &e * &e;
    }
    sum
}
