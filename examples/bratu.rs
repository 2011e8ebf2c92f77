//! Newton's method on the Bratu problem, a nonlinear PDE on a 128 × 128
//! grid (16,384 unknowns), with the sparse Jacobian by reverse mode and a
//! sparse Cholesky factorisation from nalgebra-sparse.
//!
//! The problem: on the unit square,
//!
//! ```text
//! −Δu = λ eᵘ,   u = 0 on the boundary,   λ = 6.0,
//! ```
//!
//! below the turning point λ* ≈ 6.808 past which no solution exists; of
//! the two solutions at λ = 6.0, Newton from u = 0 finds the lower one. The
//! 5-point finite differences on an N × N grid of interior points, h =
//! 1/(N + 1), give one equation per point, scaled by h²:
//!
//! ```text
//! F_ij(u) = 4u_ij − u_(i−1)j − u_(i+1)j − u_i(j−1) − u_i(j+1) − h²λ e^(u_ij) = 0
//! ```
//!
//! (a neighbour on the boundary is 0). [`residual`] writes F once, as
//! ordinary generic code over a slice; the driver records it on `Var64` and
//! returns F and its Jacobian J as a `SparseMatrix`: five nonzeros a row
//! (fewer at the edges), 81,408 in all, out of 268 million entries.
//! `SparseJacobian::prepare` finds the pattern and colours it once (the
//! output prints how many colours; at least 5 are needed, since a point and
//! its four neighbours share the point's row, and the driver's greedy
//! colouring takes a few more). Each Newton step then calls
//! `prepared.jacobian`, which records F once and sweeps the tape once per
//! colour, and returns `Err(PatternChanged)` if F ever depended on an input
//! outside the pattern (it cannot here: the residual takes no branch on u).
//! Each step solves J δ = −F by a sparse Cholesky factorisation (J is
//! symmetric, and positive definite on the lower branch: h²λeᵘ stays below
//! the smallest eigenvalue of the 5-point Laplacian) and sets u ← u + δ;
//! the symbolic factorisation is done once, each step refactors the values.
//!
//! When Newton stops: when the residual has dropped by a factor 1e10 from
//! its start, ‖F(u)‖∞ < 1e-10 · ‖F(0)‖∞ = 1e-10 · h²λ (F(0) = −h²λ at
//! every point). Undoing the scaling, the discrete equation
//! −Δ_h u − λeᵘ = F/h² then holds to 1e-10 · λ at every point: relative to
//! its right-hand side λeᵘ (between 6 and 13.3 here), better than 1e-10. An
//! absolute 1e-10 on the scaled F would ask only 1e-10/h² ≈ 1.7e-6 of the
//! equation. The threshold, 3.6e-14 at N = 128, is about 30 times the
//! rounding floor of F (about 1e-15, from the terms 4u of size 3); as it
//! shrinks with h², a grid past N ≈ 500 would need a looser one. From
//! u = 0 Newton converges quadratically in 5 steps; the example returns
//! an error if it has not converged in 20, so a regression in the driver
//! fails the run.
//!
//! Before Newton the example checks the driver's Jacobian at a small
//! deterministic point against the hand-written one (4 − h²λe^(u_ij) on the
//! diagonal, −1 for each neighbour): its number of nonzeros, 5N² − 4N, and
//! rows at corners, edges and the interior, column by column and value by
//! value; it returns an error on a mismatch beyond 1e-12 relative.
//!
//! The timings printed: the Jacobians and the sparse LU (factorisation
//! and solve) over all Newton steps, and one Jacobian against one
//! evaluation of the residual in `f64` (the mean of 50).
//!
//! The picture, `bratu.svg`: u on the grid as a heat map.
//!
//! Run with `cargo run --release --example bratu [DIR]`; the picture goes
//! to `DIR` (default `target/plots/`).

mod common;

use std::error::Error;
use std::time::{Duration, Instant};

use autodiff::prelude::*;
use autodiff::{SparseJacobian, SparseMatrix};
use common::plot::GridHeatMap;
use nalgebra::DVector;
use nalgebra_sparse::factorization::CscCholesky;
use nalgebra_sparse::CscMatrix;

/// Interior points per side: N² unknowns.
const N: usize = 128;
/// The parameter λ of −Δu = λeᵘ, below the turning point λ* ≈ 6.808.
const LAMBDA: f64 = 6.0;
/// Newton stops when ‖F(u)‖∞ < `TOLERANCE` · ‖F(0)‖∞.
const TOLERANCE: f64 = 1e-10;
/// Newton gives up (and the example fails) after this many steps.
const MAX_STEPS: usize = 20;
/// The largest relative difference allowed between the driver's Jacobian
/// and the hand-written one.
const JACOBIAN_TOLERANCE: f64 = 1e-12;

/// The grid spacing for `n` interior points per side.
fn spacing(n: usize) -> f64 {
    1.0 / (n + 1) as f64
}

/// The index in u of the grid point (i, j), i along x and j along y, both
/// from 0: row after row of constant y.
fn index(i: usize, j: usize, n: usize) -> usize {
    j * n + i
}

/// The neighbours of point k of an `n` × `n` grid that are unknowns (those
/// on the boundary are the fixed 0).
fn neighbours(k: usize, n: usize) -> impl Iterator<Item = usize> {
    let (i, j) = (k % n, k / n);
    [
        (i > 0).then(|| k - 1),
        (i + 1 < n).then(|| k + 1),
        (j > 0).then(|| k - n),
        (j + 1 < n).then(|| k + n),
    ]
    .into_iter()
    .flatten()
}

/// The Bratu residual on an `n` × `n` grid, scaled by h²: F_k = 4u_k −
/// (the neighbours of k) − h²λ e^(u_k). Generic, so that the same code
/// runs on `f64` (the residual) and on `Var64` (recorded for the Jacobian).
fn residual<T: Scalar>(u: &[T], n: usize, lambda: f64) -> Vec<T> {
    let h = spacing(n);
    let source = h * h * lambda;
    (0..n * n)
        .map(|k| {
            let mut f = u[k] * 4.0 - u[k].exp() * source;
            for m in neighbours(k, n) {
                f -= u[m];
            }
            f
        })
        .collect()
}

/// Row `k` of the Jacobian of [`residual`], by hand: (column, value), the
/// diagonal 4 − h²λe^(u_k) and −1 for each neighbour.
fn jacobian_row_by_hand(u: &[f64], n: usize, lambda: f64, k: usize) -> Vec<(usize, f64)> {
    let h = spacing(n);
    let mut row = vec![(k, 4.0 - h * h * lambda * u[k].exp())];
    row.extend(neighbours(k, n).map(|m| (m, -1.0)));
    row.sort_by_key(|&(col, _)| col);
    row
}

/// Compares the rows `rows` of `jacobian` with [`jacobian_row_by_hand`] at
/// `u`: the same columns and values within [`JACOBIAN_TOLERANCE`]
/// relative. Returns the largest relative difference.
fn check_rows(
    jacobian: &SparseMatrix<f64>,
    u: &[f64],
    n: usize,
    rows: &[usize],
) -> Result<f64, Box<dyn Error>> {
    let mut worst = 0.0f64;
    for &k in rows {
        let expected = jacobian_row_by_hand(u, n, LAMBDA, k);
        let columns: Vec<usize> = jacobian.pattern().row(k).iter().map(|&c| c as usize).collect();
        let expected_columns: Vec<usize> = expected.iter().map(|&(c, _)| c).collect();
        if columns != expected_columns {
            return Err(format!(
                "Jacobian row {k}: nonzeros in columns {columns:?}, by hand {expected_columns:?}"
            )
            .into());
        }
        for &(c, v) in &expected {
            let rel = (jacobian.get(k, c) - v).abs() / v.abs();
            if rel.is_nan() || rel > JACOBIAN_TOLERANCE {
                return Err(format!(
                    "Jacobian entry ({k}, {c}): {} by the driver, {v} by hand (relative difference {rel:e})",
                    jacobian.get(k, c)
                )
                .into());
            }
            worst = worst.max(rel);
        }
    }
    Ok(worst)
}

/// The largest |v_k|.
fn max_norm(v: &[f64]) -> f64 {
    v.iter().fold(0.0, |m, x| m.max(x.abs()))
}

/// The Newton step δ: the solution of J δ = −F, by the sparse Cholesky
/// factorisation of the symmetric J, its symbolic part (`cholesky`) made
/// at the first step and reused after.
fn newton_step(
    jacobian: &SparseMatrix<f64>,
    f: &[f64],
    cholesky: &mut Option<CscCholesky<f64>>,
) -> Result<Vec<f64>, Box<dyn Error>> {
    // J is symmetric, so its compressed rows are its compressed columns.
    let matrix = CscMatrix::from(&jacobian.to_csr().transpose());
    match cholesky {
        Some(factor) => factor.refactor(matrix.values())?,
        None => *cholesky = Some(CscCholesky::factor(&matrix)?),
    }
    let factor = cholesky.as_ref().expect("factored above");
    let delta = factor.solve(&DVector::from_iterator(f.len(), f.iter().map(|fk| -fk)));
    Ok(delta.iter().copied().collect())
}

fn main() -> Result<(), Box<dyn Error>> {
    let unknowns = N * N;
    let h = spacing(N);
    let f = |u: &[Var64]| residual(u, N, LAMBDA);
    println!("Bratu problem −Δu = λeᵘ on the unit square, λ = {LAMBDA:.1}, u = 0 on the boundary");
    println!("grid: {N} × {N} interior points, h = 1/{}, {unknowns} unknowns", N + 1);

    // The pattern and the colouring, once.
    let start = Instant::now();
    let mut u = vec![0.0; unknowns];
    let prepared = SparseJacobian::prepare(f, &u);
    let prepare_time = start.elapsed();
    println!(
        "Jacobian: {} nonzeros ({:.1} a row), {} colours, prepared in {:.1} ms",
        prepared.pattern().nnz(),
        prepared.pattern().nnz() as f64 / unknowns as f64,
        prepared.colours(),
        ms(prepare_time)
    );

    // The driver against the hand-written Jacobian, at a small point.
    let probe: Vec<f64> = (0..unknowns).map(|k| 0.1 * (0.7 * k as f64 + 0.3).sin()).collect();
    let (_, jacobian) = prepared.jacobian(f, &probe)?;
    if jacobian.nnz() != 5 * N * N - 4 * N {
        return Err(format!(
            "the Jacobian has {} nonzeros; the 5-point stencil has 5N² − 4N = {}",
            jacobian.nnz(),
            5 * N * N - 4 * N
        )
        .into());
    }
    let middle = index(N / 2, N / 2, N);
    let rows =
        [0, index(N - 1, 0, N), index(N / 2, 0, N), index(0, N / 3, N), middle, unknowns - 1];
    let worst = check_rows(&jacobian, &probe, N, &rows)?;
    println!(
        "Jacobian check against the hand-written one on {} rows: largest relative difference {worst:.1e}",
        rows.len()
    );

    // Newton from u = 0.
    let threshold = TOLERANCE * max_norm(&residual(&u, N, LAMBDA));
    println!("Newton from u = 0, until ‖F‖∞ < {TOLERANCE:e} · ‖F(0)‖∞ = {TOLERANCE:e} · h²λ = {threshold:.2e}:");
    let (mut jacobian_time, mut solve_time) = (Duration::ZERO, Duration::ZERO);
    let mut cholesky = None;
    let start = Instant::now();
    let mut steps = 0;
    loop {
        let f_u = residual(&u, N, LAMBDA);
        let norm = max_norm(&f_u);
        println!("  step {steps:2}: ‖F‖∞ = {norm:.3e}");
        if norm < threshold {
            break;
        }
        if steps == MAX_STEPS {
            return Err(format!(
                "Newton has not converged in {MAX_STEPS} steps: ‖F‖∞ = {norm:e} ≥ {threshold:e}"
            )
            .into());
        }
        let t = Instant::now();
        let (_, jacobian) = prepared.jacobian(f, &u)?;
        jacobian_time += t.elapsed();
        let t = Instant::now();
        let delta = newton_step(&jacobian, &f_u, &mut cholesky)?;
        solve_time += t.elapsed();
        for (uk, dk) in u.iter_mut().zip(&delta) {
            *uk += dk;
        }
        steps += 1;
    }
    let total = start.elapsed();
    let u_max = max_norm(&u);

    // One residual evaluation in f64, for scale.
    let repeats = 50;
    let start = Instant::now();
    for _ in 0..repeats {
        std::hint::black_box(residual(std::hint::black_box(&u), N, LAMBDA));
    }
    let residual_time = start.elapsed() / repeats;

    println!("converged in {steps} Newton steps, {:.1} ms", ms(total));
    println!(
        "  Jacobians: {:.1} ms ({:.2} ms a step: {:.0} times one residual evaluation, {:.3} ms)",
        ms(jacobian_time),
        ms(jacobian_time) / steps as f64,
        jacobian_time.as_secs_f64() / steps as f64 / residual_time.as_secs_f64(),
        ms(residual_time)
    );
    println!(
        "  sparse Cholesky and solves: {:.1} ms ({:.2} ms a step)",
        ms(solve_time),
        ms(solve_time) / steps as f64
    );
    println!("max u = {u_max:.6}");

    // One cell per unknown, centred on its grid point ((i + 1)h, (j + 1)h).
    GridHeatMap::new(
        &format!("Bratu problem: u on the {N} × {N} grid, λ = {LAMBDA:.1}, max u = {u_max:.4}"),
        h / 2.0..1.0 - h / 2.0,
        h / 2.0..1.0 - h / 2.0,
        N,
        u,
    )
    .labels("x", "y", "u")
    .save_sized(&common::plot::out_dir().join("bratu.svg"), (720, 620))?;
    Ok(())
}

/// A duration in milliseconds.
fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}
