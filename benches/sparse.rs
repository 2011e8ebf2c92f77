//! Sparse benchmark: what a sparse Jacobian and a sparse Hessian cost by
//! [`jacobian_sparse`] and [`hessian_sparse`] (and their prepared forms
//! [`SparseJacobian`] and [`SparseHessian`]), against one evaluation of the
//! function, hand-written derivatives and the dense drivers, at n = 100,
//! 1,000 and 10,000 variables.
//!
//! Two problems, both tridiagonal:
//!
//! 1. The 1-D Bratu residual ([`bratu`]), with h = 1/(n + 1), λ = 1 and
//!    zero boundary values,
//!
//!    ```text
//!    F_i(u) = 2u_i − u_{i−1} − u_{i+1} − h²λ e^{u_i}
//!    ```
//!
//!    whose Jacobian has 2 − h²λe^{u_i} on the diagonal and −1 beside it.
//! 2. The extended Rosenbrock function of `benches/common` ([`rosenbrock`]),
//!    whose Hessian is tridiagonal.
//!
//! A third group, `dense/<n>`, times the sparse drivers on functions with a
//! dense Jacobian and a dense Hessian ([`dense_residual`], [`dense_energy`])
//! against the dense reverse-mode drivers: there the sparse drivers find
//! nothing to compress and must cost about what the dense ones do.
//!
//! Both are evaluated at the point of `benches/common` ([`point`]):
//! `x_i = 0.5 + 0.1 · (i mod 8) · (−1)^i`.
//!
//! One criterion group per problem and n, `bratu1d_jacobian/<n>` and
//! `rosenbrock_hessian/<n>`, holds these variants:
//!
//! | id | what it computes |
//! |---|---|
//! | `f` | one evaluation on `f64`: F(u) (a new `Vec`), or f(x); the baseline of every ratio |
//! | `hand` | the value and the tridiagonal matrix coded by hand ([`bratu_by_hand`], [`rosenbrock_by_hand`]: F and J; f, ∇f and H), three band vectors |
//! | `sparse` | [`jacobian_sparse`] / [`hessian_sparse`]: record, detect the pattern, colour, sweep |
//! | `prepared` | [`SparseJacobian::jacobian`] / [`SparseHessian::hessian`], prepared once outside the timing: record, compare with the prepared recording, sweep |
//! | `dense_forward` | [`jacobian_slice`] (⌈n/8⌉ passes of `DualVec<f64, 8>`, n ≤ 1,000) / [`hessian_slice`] (nested `DualVec<DualVec<f64, 4>, 4>`, n = 100) |
//! | `dense_reverse` | [`jacobian_reverse`] (n reverse sweeps of one recording, n ≤ 1,000) / [`hessian_reverse`] (⌈n/8⌉ recordings on `Var<DualVec<f64, 8>>`, n ≤ 1,000) |
//! | `num_dual` | num-dual's dense `hessian` over a `DVector` (one pass of `Dual2DVec64`: n-lane gradients and n × n Hessians in every operation), n = 100 |
//!
//! The dense variants cost O(n) evaluations of f or more and fill an n × n
//! matrix, so they are left out at the larger n.
//!
//! How to read the ratios:
//!
//! - sparse / `f` and prepared / `f` are the price of the whole sparse
//!   matrix in evaluations of f; with 3 colours they should not grow with
//!   n. The goals: the Jacobian at n = 10,000 within 20 × f, the Hessian at
//!   n = 1,000 within 50 × f.
//! - sparse − prepared is what detecting and colouring the pattern cost.
//! - hand / `f` is the lower bound for any AD.
//! - dense / sparse grows with n: the dense drivers pay for every one of
//!   the n² entries.
//!
//! Before any timing, `main` runs [`sanity_check`]: the hand-written
//! matrices against central finite differences, then, for every n, every
//! variant's value (and gradient) and matrix against the hand-written ones
//! to a relative [`REL`] — the sparse entries against the hand-written
//! bands, nnz against 3n − 2, and at n = 100 the dense matrices entry by
//! entry. It runs under `cargo bench --bench sparse -- --test` too, so CI
//! catches a wrong result without timing anything.
//!
//! ```text
//! cargo bench --bench sparse
//! cargo bench --bench sparse -- 'bratu1d_jacobian/1000/'   # one group
//! cargo bench --bench sparse -- --test                     # checks only
//! ```
//!
//! Criterion writes its estimates to
//! `target/criterion/<problem>_<n>/<id>/new/estimates.json`.

mod common;

use std::hint::black_box;
use std::time::Duration;

use autodiff::prelude::*;
use common::{assert_all_close, assert_close, point, rosenbrock, rosenbrock_num_dual, REL};
use criterion::{BenchmarkGroup, Criterion};

/// The numbers of variables, one criterion group each per problem.
const SIZES: [usize; 3] = [100, 1_000, 10_000];

/// The size at which the dense matrices are compared entry by entry, and
/// the only one at which the slowest dense drivers (nested forward
/// Hessian, num-dual) run.
const DENSE_CHECK: usize = 100;

/// The largest n at which the other dense drivers run (their cost grows
/// as n², or as n · (one evaluation) with an n × n result).
const DENSE_MAX: usize = 1_000;

/// The Bratu parameter λ.
const LAMBDA: f64 = 1.0;

/// The 1-D Bratu residual with zero boundary values, h = 1/(n + 1):
/// `F_i = 2u_i − u_{i−1} − u_{i+1} − h²λ e^{u_i}`, generic over this
/// crate's [`Scalar`] (`f64`, `DualVec`, `Var`).
///
/// The neighbours beyond the boundary are 0 and are left out rather than
/// subtracted, so the recording holds only the operations on variables.
fn bratu<T: Scalar>(u: &[T]) -> Vec<T> {
    let n = u.len();
    let h = 1.0 / (n + 1) as f64;
    let c = h * h * LAMBDA;
    (0..n)
        .map(|i| {
            let mut r = u[i] * 2.0;
            if i > 0 {
                r -= u[i - 1];
            }
            if i + 1 < n {
                r -= u[i + 1];
            }
            r - u[i].exp() * c
        })
        .collect()
}

/// A tridiagonal n × n matrix by bands: `lower[i]` is entry (i + 1, i),
/// `diag[i]` entry (i, i), `upper[i]` entry (i, i + 1).
#[derive(Clone, Debug)]
struct Tridiagonal {
    lower: Vec<f64>,
    diag: Vec<f64>,
    upper: Vec<f64>,
}

impl Tridiagonal {
    /// The number of rows and columns.
    fn n(&self) -> usize {
        self.diag.len()
    }

    /// Entry (i, j), 0 off the bands.
    fn get(&self, i: usize, j: usize) -> f64 {
        match j as isize - i as isize {
            0 => self.diag[i],
            1 => self.upper[i],
            -1 => self.lower[j],
            _ => 0.0,
        }
    }

    /// The dense matrix, by rows.
    fn to_dense(&self) -> Vec<Vec<f64>> {
        let n = self.n();
        (0..n).map(|i| (0..n).map(|j| self.get(i, j)).collect()).collect()
    }
}

/// Hand-written residual and Jacobian of [`bratu`]: the same residual
/// operations, and the bands `∂F_i/∂u_i = 2 − h²λe^{u_i}`,
/// `∂F_i/∂u_{i±1} = −1`, the exponential computed once for both.
fn bratu_by_hand(u: &[f64]) -> (Vec<f64>, Tridiagonal) {
    let n = u.len();
    let h = 1.0 / (n + 1) as f64;
    let c = h * h * LAMBDA;
    let mut residual = Vec::with_capacity(n);
    let mut diag = Vec::with_capacity(n);
    for i in 0..n {
        let e = u[i].exp() * c;
        let mut r = u[i] * 2.0;
        if i > 0 {
            r -= u[i - 1];
        }
        if i + 1 < n {
            r -= u[i + 1];
        }
        residual.push(r - e);
        diag.push(2.0 - e);
    }
    let off = vec![-1.0; n.saturating_sub(1)];
    (residual, Tridiagonal { lower: off.clone(), diag, upper: off })
}

/// Hand-written value, gradient and Hessian of [`rosenbrock`]. Term i,
/// `t_i = 100 d_i² + e_i²` with `d_i = x_{i+1} − x_i²` and `e_i = x_i − 1`,
/// contributes
///
/// ```text
/// ∂t_i/∂x_i          = −400 x_i d_i + 2 e_i
/// ∂t_i/∂x_{i+1}      =  200 d_i
/// ∂²t_i/∂x_i²        = 1200 x_i² − 400 x_{i+1} + 2
/// ∂²t_i/∂x_i∂x_{i+1} = −400 x_i
/// ∂²t_i/∂x_{i+1}²    =  200
/// ```
///
/// The shares of term i in entry i + 1 are carried to the next iteration
/// in registers (see `gradient_by_hand` in `benches/reverse.rs` for why).
/// The Hessian is symmetric: `lower` and `upper` are equal.
fn rosenbrock_by_hand(x: &[f64]) -> (f64, Vec<f64>, Tridiagonal) {
    let n = x.len();
    let mut grad = vec![0.0; n];
    let mut diag = vec![0.0; n];
    let mut off = Vec::with_capacity(n.saturating_sub(1));
    let mut value = 0.0;
    let (mut carry_g, mut carry_h) = (0.0, 0.0);
    for (w, (g, h)) in x.windows(2).zip(grad.iter_mut().zip(&mut diag)) {
        let (xi, xj) = (w[0], w[1]);
        let d = xj - xi * xi;
        let e = xi - 1.0;
        value += d * d * 100.0 + e * e;
        *g = carry_g + (-400.0 * xi * d + 2.0 * e);
        carry_g = 200.0 * d;
        *h = carry_h + (1200.0 * xi * xi - 400.0 * xj + 2.0);
        carry_h = 200.0;
        off.push(-400.0 * xi);
    }
    if let (Some(g), Some(h)) = (grad.last_mut(), diag.last_mut()) {
        (*g, *h) = (carry_g, carry_h);
    }
    (value, grad, Tridiagonal { lower: off.clone(), diag, upper: off })
}

/// Asserts that `m` has exactly the structure of `expected` (3n − 2
/// structural nonzeros, every one on the bands) and equals it entry by
/// entry to [`REL`].
fn assert_tridiagonal(what: &str, m: &SparseMatrix<f64>, expected: &Tridiagonal) {
    let n = expected.n();
    assert_eq!((m.nrows(), m.ncols()), (n, n), "bench sanity check: {what} has the wrong shape");
    assert_eq!(m.nnz(), 3 * n - 2, "bench sanity check: {what} has the wrong number of nonzeros");
    for (i, j, v) in m.iter() {
        assert!(
            i.abs_diff(j) <= 1,
            "bench sanity check: {what} has an entry ({i}, {j}) off the bands"
        );
        assert_close(&format!("{what}[({i}, {j})]"), v, expected.get(i, j), REL);
    }
}

/// Asserts that the dense matrix `m` equals `expected` entry by entry.
fn assert_dense(what: &str, m: &[Vec<f64>], expected: &Tridiagonal) {
    assert_eq!(m.len(), expected.n(), "bench sanity check: {what} has the wrong number of rows");
    for (i, (row, want)) in m.iter().zip(expected.to_dense()).enumerate() {
        assert_all_close(&format!("{what} row {i}"), row, &want, REL);
    }
}

/// num-dual's dense Hessian at `x` (a `DVector`), the Hessian by rows (for
/// the checks; the bench times `num_dual::hessian` alone).
fn num_dual_hessian(x: &nalgebra::DVector<f64>) -> (f64, Vec<f64>, Vec<Vec<f64>>) {
    let n = x.len();
    let (v, g, h) =
        num_dual::hessian(|v| -> num_dual::Dual2DVec64 { rosenbrock_num_dual(&v, n) }, x);
    let rows = (0..n).map(|i| (0..n).map(|j| h[(i, j)]).collect()).collect();
    (v, g.iter().copied().collect(), rows)
}

/// The hand-written Jacobian and Hessian at n = 10 against central finite
/// differences of [`bratu`] and of the hand-written gradient.
fn check_by_hand_against_finite_differences() {
    let x = point(10);
    let step = 1e-6;
    let (residual, jac) = bratu_by_hand(&x);
    assert_all_close("hand-written Bratu residual", &residual, &bratu(&x), 0.0);
    let (value, grad, hess) = rosenbrock_by_hand(&x);
    assert_close("hand-written Rosenbrock f", value, rosenbrock(&x[..]), 1e-14);
    for j in 0..x.len() {
        let (mut plus, mut minus) = (x.clone(), x.clone());
        plus[j] += step;
        minus[j] -= step;
        let (fp, fm) = (bratu(&plus), bratu(&minus));
        let (gp, gm) = (rosenbrock_by_hand(&plus).1, rosenbrock_by_hand(&minus).1);
        let fd = (rosenbrock(&plus[..]) - rosenbrock(&minus[..])) / (2.0 * step);
        assert_close(&format!("hand-written ∂f/∂x{j} vs central difference"), grad[j], fd, 1e-6);
        for i in 0..x.len() {
            let fd = (fp[i] - fm[i]) / (2.0 * step);
            assert_close(
                &format!("hand-written J[{i}][{j}] vs central difference"),
                jac.get(i, j),
                fd,
                1e-6,
            );
            let fd = (gp[i] - gm[i]) / (2.0 * step);
            assert_close(
                &format!("hand-written H[{i}][{j}] vs central difference"),
                hess.get(i, j),
                fd,
                1e-6,
            );
        }
    }
}

/// Checks, before anything is timed, that every benchmarked variant
/// computes the right thing: the hand-written matrices against finite
/// differences, then at every n every AD result against the hand-written
/// one to a relative [`REL`].
fn sanity_check() {
    check_by_hand_against_finite_differences();
    for n in SIZES {
        let x = point(n);

        // Bratu Jacobian.
        let (residual, jac) = bratu_by_hand(&x);
        assert_all_close(&format!("hand-written residual (n = {n})"), &residual, &bratu(&x), REL);
        let check_residual = |what: &str, y: &[f64]| {
            assert_all_close(&format!("{what} residual (n = {n})"), y, &residual, REL)
        };
        let (y, j) = jacobian_sparse(bratu, &x);
        check_residual("jacobian_sparse", &y);
        assert_tridiagonal(&format!("jacobian_sparse (n = {n})"), &j, &jac);
        let prepared = SparseJacobian::prepare(bratu, &x);
        assert_eq!(prepared.colours(), 3, "bench sanity check: SparseJacobian colours (n = {n})");
        let (y, jp) = prepared.jacobian(bratu, &x).expect("the pattern is the prepared one");
        check_residual("SparseJacobian", &y);
        assert_tridiagonal(&format!("SparseJacobian (n = {n})"), &jp, &jac);
        if n == DENSE_CHECK {
            assert_dense(&format!("jacobian_sparse dense (n = {n})"), &j.to_dense(), &jac);
            assert_dense(&format!("SparseJacobian dense (n = {n})"), &jp.to_dense(), &jac);
        }
        if n <= DENSE_MAX {
            for (what, (y, dense)) in [
                ("jacobian_slice", jacobian_slice(bratu, &x)),
                ("jacobian_reverse", jacobian_reverse(bratu, &x)),
            ] {
                check_residual(what, &y);
                assert_dense(&format!("{what} (n = {n})"), &dense, &jac);
            }
        }

        // Rosenbrock Hessian.
        let (value, grad, hess) = rosenbrock_by_hand(&x);
        assert_close(&format!("hand-written f (n = {n})"), value, rosenbrock(&x[..]), 1e-14);
        let check_value = |what: &str, f: f64, g: &[f64]| {
            assert_close(&format!("{what} value (n = {n})"), f, value, REL);
            assert_all_close(&format!("{what} gradient (n = {n})"), g, &grad, REL);
        };
        let (f, g, h) = hessian_sparse(rosenbrock, &x);
        check_value("hessian_sparse", f, &g);
        assert_tridiagonal(&format!("hessian_sparse (n = {n})"), &h, &hess);
        let prepared = SparseHessian::prepare(rosenbrock, &x);
        assert_eq!(prepared.colours(), 3, "bench sanity check: SparseHessian colours (n = {n})");
        let (f, g, hp) = prepared.hessian(rosenbrock, &x).expect("the pattern is the prepared one");
        check_value("SparseHessian", f, &g);
        assert_tridiagonal(&format!("SparseHessian (n = {n})"), &hp, &hess);
        if n == DENSE_CHECK {
            assert_dense(&format!("hessian_sparse dense (n = {n})"), &h.to_dense(), &hess);
            assert_dense(&format!("SparseHessian dense (n = {n})"), &hp.to_dense(), &hess);
            for (what, (f, g, h)) in [
                ("hessian_slice", hessian_slice(rosenbrock, &x)),
                ("hessian_reverse", hessian_reverse(rosenbrock, &x)),
                ("num-dual hessian", num_dual_hessian(&From::from(x.clone()))),
            ] {
                check_value(what, f, &g);
                assert_dense(&format!("{what} (n = {n})"), &h, &hess);
            }
        } else if n <= DENSE_MAX {
            let (f, g, h) = hessian_reverse(rosenbrock, &x);
            check_value("hessian_reverse", f, &g);
            assert_dense(&format!("hessian_reverse (n = {n})"), &h, &hess);
        }
    }
}

/// The size of the dense group's functions.
const DENSE_N: usize = 64;

/// A residual whose Jacobian is dense: F_i = Σ_j sin((i + 1) x_j) · x_{(j + i) mod n}.
fn dense_residual<T: Scalar>(x: &[T]) -> Vec<T> {
    let n = x.len();
    (0..n).map(|i| (0..n).map(|j| (x[j] * (i + 1) as f64).sin() * x[(j + i) % n]).sum()).collect()
}

/// A function whose Hessian is dense: (Σ x_j)² · e^{Σ x_j / n} plus Σ x_j x_{j+1}.
fn dense_energy<T: Scalar>(x: &[T]) -> T {
    let n = x.len() as f64;
    let s: T = x.iter().copied().sum();
    let chain: T = x.windows(2).map(|w| w[0] * w[1]).sum();
    s * s * (s / n).exp() + chain
}

/// The dense group's sanity check: each sparse driver equals the dense
/// reverse-mode one entry by entry, on a dense pattern.
fn dense_sanity_check() {
    let x = point(DENSE_N);
    let (y, j) = jacobian_sparse(dense_residual, &x);
    let (y_dense, j_dense) = jacobian_reverse(dense_residual, &x);
    assert_all_close("dense jacobian_sparse residual", &y, &y_dense, REL);
    assert_eq!(j.nnz(), DENSE_N * DENSE_N, "bench sanity check: dense Jacobian pattern");
    for (row, dense_row) in j.to_dense().iter().zip(&j_dense) {
        assert_all_close("dense jacobian_sparse", row, dense_row, REL);
    }
    let (f, g, h) = hessian_sparse(dense_energy, &x);
    let (f_dense, g_dense, h_dense) = hessian_reverse(dense_energy, &x);
    assert_close("dense hessian_sparse value", f, f_dense, REL);
    assert_all_close("dense hessian_sparse gradient", &g, &g_dense, REL);
    assert_eq!(h.nnz(), DENSE_N * DENSE_N, "bench sanity check: dense Hessian pattern");
    for (row, dense_row) in h.to_dense().iter().zip(&h_dense) {
        assert_all_close("dense hessian_sparse", row, dense_row, REL);
    }
}

/// Registers the group `dense/<DENSE_N>`: the sparse drivers against the
/// dense reverse-mode ones on [`dense_residual`] and [`dense_energy`].
fn bench_dense(c: &mut Criterion) {
    let x = point(DENSE_N);
    let mut group = group(c, format!("dense/{DENSE_N}"));
    group.bench_function("residual_f", |b| b.iter(|| black_box(dense_residual(black_box(&x[..])))));
    group.bench_function("jacobian_sparse", |b| {
        b.iter(|| black_box(jacobian_sparse(dense_residual, black_box(&x))))
    });
    group.bench_function("jacobian_reverse", |b| {
        b.iter(|| black_box(jacobian_reverse(dense_residual, black_box(&x))))
    });
    group.bench_function("energy_f", |b| b.iter(|| black_box(dense_energy(black_box(&x[..])))));
    group.bench_function("hessian_sparse", |b| {
        b.iter(|| black_box(hessian_sparse(dense_energy, black_box(&x))))
    });
    group.bench_function("hessian_reverse", |b| {
        b.iter(|| black_box(hessian_reverse(dense_energy, black_box(&x))))
    });
    group.finish();
}

/// A group with the modest timing of this bench: 1 s of warm-up, 2 s of
/// measurement, 20 samples.
fn group<'a>(
    c: &'a mut Criterion,
    name: String,
) -> BenchmarkGroup<'a, criterion::measurement::WallTime> {
    let mut group = c.benchmark_group(name);
    group
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(2))
        .sample_size(20);
    group
}

/// Registers the group `bratu1d_jacobian/<n>`. Each iteration reads its
/// inputs through `black_box` and passes the whole result to `black_box`.
fn bench_bratu(c: &mut Criterion, n: usize) {
    let x = point(n);
    let mut group = group(c, format!("bratu1d_jacobian/{n}"));
    group.bench_function("f", |b| b.iter(|| black_box(bratu(black_box(&x[..])))));
    group.bench_function("hand", |b| b.iter(|| black_box(bratu_by_hand(black_box(&x)))));
    group.bench_function("sparse", |b| b.iter(|| black_box(jacobian_sparse(bratu, black_box(&x)))));
    let prepared = SparseJacobian::prepare(bratu, &x);
    group.bench_function("prepared", |b| {
        b.iter(|| black_box(prepared.jacobian(bratu, black_box(&x)).expect("same pattern")))
    });
    if n <= DENSE_MAX {
        group.bench_function("dense_forward", |b| {
            b.iter(|| black_box(jacobian_slice(bratu, black_box(&x))))
        });
        group.bench_function("dense_reverse", |b| {
            b.iter(|| black_box(jacobian_reverse(bratu, black_box(&x))))
        });
    }
    group.finish();
}

/// Registers the group `rosenbrock_hessian/<n>`, as [`bench_bratu`].
fn bench_rosenbrock(c: &mut Criterion, n: usize) {
    let x = point(n);
    let mut group = group(c, format!("rosenbrock_hessian/{n}"));
    group.bench_function("f", |b| b.iter(|| black_box(rosenbrock(black_box(&x[..])))));
    group.bench_function("hand", |b| b.iter(|| black_box(rosenbrock_by_hand(black_box(&x)))));
    group.bench_function("sparse", |b| {
        b.iter(|| black_box(hessian_sparse(rosenbrock, black_box(&x))))
    });
    let prepared = SparseHessian::prepare(rosenbrock, &x);
    group.bench_function("prepared", |b| {
        b.iter(|| black_box(prepared.hessian(rosenbrock, black_box(&x)).expect("same pattern")))
    });
    if n <= DENSE_CHECK {
        group.bench_function("dense_forward", |b| {
            b.iter(|| black_box(hessian_slice(rosenbrock, black_box(&x))))
        });
    }
    if n <= DENSE_MAX {
        group.bench_function("dense_reverse", |b| {
            b.iter(|| black_box(hessian_reverse(rosenbrock, black_box(&x))))
        });
    }
    if n <= DENSE_CHECK {
        let xd: nalgebra::DVector<f64> = From::from(x.clone());
        group.bench_function("num_dual", |b| {
            b.iter(|| {
                black_box(num_dual::hessian(
                    |v| -> num_dual::Dual2DVec64 { rosenbrock_num_dual(&v, n) },
                    black_box(&xd),
                ))
            })
        });
    }
    group.finish();
}

/// Runs [`sanity_check`], then the Bratu groups and the Rosenbrock groups
/// for every n of [`SIZES`], then criterion's final summary.
fn main() {
    sanity_check();
    dense_sanity_check();
    let mut criterion = Criterion::default().configure_from_args();
    for n in SIZES {
        bench_bratu(&mut criterion, n);
    }
    for n in SIZES {
        bench_rosenbrock(&mut criterion, n);
    }
    bench_dense(&mut criterion);
    criterion.final_summary();
}
