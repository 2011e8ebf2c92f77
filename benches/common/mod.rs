//! What the benches share: Rosenbrock over num-dual's number types.

use std::ops::{Index, Mul, Sub};

use num_dual::DualNum;

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
