//! nalgebra benchmark: cost of differentiating a linear solve and a
//! determinant by running nalgebra's LU decomposition on a matrix of dual
//! numbers, against num-dual's dual numbers and against hand-written
//! derivatives in `f64`.
//!
//! The matrix depends on one parameter θ:
//!
//! ```text
//! A(θ) = A₀ + θ B,    θ₀ = 0.3,   n = 20
//! ```
//!
//! with fixed pseudo-random entries (a tiny linear congruential generator,
//! [`Lcg`]): `B` and the off-diagonal entries of `A₀` lie in [−1, 1), the
//! diagonal of `A₀` in [2n − 1, 2n + 1). Every row of `A(θ₀)` is therefore
//! strictly diagonally dominant (diagonal ≥ 2n − 2.3 against an off-diagonal
//! sum below 1.3 (n − 1)): `A(θ₀)` is well conditioned and partial pivoting
//! never swaps a row. The right-hand side `b` has entries in [−1, 1).
//!
//! Two criterion groups hold the variants side by side:
//!
//! 1. `lu_solve_20`: `x(θ) = A(θ)⁻¹ b` and `dx/dθ` at θ₀:
//!    - `autodiff Dual64`: `A(θ₀ + ε)` as a matrix of this crate's `Dual64`
//!      (entries `(A₀ + θ₀B)ᵢⱼ + Bᵢⱼ ε`), `lu().solve(&b)`, then the real and
//!      ε parts of the solution;
//!    - `num-dual Dual64`: the same with `num_dual::Dual64`;
//!    - `hand-written`: one `f64` LU of `A(θ₀)`, `x = A⁻¹b`, and
//!      `dx/dθ = −A⁻¹(B x)` by a second solve with the same factors (the
//!      lower bound for forward mode);
//!    - `f64`: the plain `f64` solve alone, the cost of one evaluation.
//! 2. `det_20`: `det A(θ)` and `d det A/dθ` at θ₀:
//!    - `autodiff Dual64` and `num-dual Dual64`: `determinant()` of the dual
//!      matrix;
//!    - `hand-written`: Jacobi's formula `d det A/dθ = det A · tr(A⁻¹B)` from
//!      one `f64` LU (`A⁻¹B` by an n-column solve with those factors, which
//!      costs about three times the factorisation: Jacobi's formula is not
//!      cheaper than differentiating the elimination itself);
//!    - `f64`: the plain `f64` determinant alone.
//!
//! Every variant is run twice, on a statically sized `SMatrix<_, 20, 20>`
//! (what num-dual's users write) and on a heap-allocated `DMatrix<_>` (the
//! size known at run time), through the same generic code ([`solve_dual`],
//! [`solve_by_hand`], … are generic over the dimension `D`).
//!
//! What a user holds is `A₀`, `B`, `b` (in `f64`) and θ, so those are built
//! once, outside the timed closures; every timed closure builds its own
//! `A(θ)` from them (the `f64` matrix, or the dual matrix carrying `B` as its
//! derivative, and for the solve the right-hand side converted to constant
//! duals), factorises, and returns value and derivative as `f64`: the
//! construction is part of each variant's cost, the same for all.
//!
//! Before any timing, `main` runs [`sanity_check`], which asserts that the
//! hand-written derivatives match central finite differences, and that the
//! values and derivatives of both dual-number libraries, at both matrix
//! kinds, equal the hand-written ones to a relative [`REL`] = 1e-10; a wrong
//! result makes the benchmark panic instead of timing something meaningless.
//!
//! Run it with
//!
//! ```text
//! cargo bench --features nalgebra --bench nalgebra
//! # only the sanity check and one pass of each variant:
//! cargo bench --features nalgebra --bench nalgebra -- --test
//! ```
//!
//! Criterion writes its estimates (mean, median, …) to
//! `target/criterion/<group>/<function>/new/estimates.json`.

use std::hint::black_box;
use std::time::Duration;

use autodiff::Dual64;
use criterion::Criterion;
use nalgebra::allocator::Allocator;
use nalgebra::{
    Const, DMatrix, DVector, DefaultAllocator, Dim, DimMin, Dyn, OMatrix, OVector, RealField,
    SMatrix, SVector,
};

/// The dimension of the matrix.
const N: usize = 20;

/// The parameter value at which every variant differentiates.
const THETA: f64 = 0.3;

/// The relative tolerance to which every AD result must equal the
/// hand-written one.
const REL: f64 = 1e-10;

/// Name of the linear-solve group.
const GROUP_SOLVE: &str = "lu_solve_20";

/// Name of the determinant group.
const GROUP_DET: &str = "det_20";

/// A tiny linear congruential generator (Knuth's MMIX constants), for
/// deterministic matrix entries without a dependency.
struct Lcg(u64);

impl Lcg {
    /// The next number, uniform in [−1, 1), from the top 53 bits of the state.
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 11) as f64 / (1u64 << 52) as f64 - 1.0
    }
}

/// The data a user holds: `A(θ) = A₀ + θB` and the right-hand side `b`, for
/// a square dimension `D` (`Const<20>` or `Dyn`).
struct Problem<D: Dim>
where
    DefaultAllocator: Allocator<D, D> + Allocator<D>,
{
    /// `A₀`, diagonally dominant.
    a0: OMatrix<f64, D, D>,
    /// `B = dA/dθ`.
    b: OMatrix<f64, D, D>,
    /// The right-hand side `b` of `A x = b`.
    rhs: OVector<f64, D>,
}

/// The fixed statically sized problem (see the module documentation for the
/// entries).
fn problem_static() -> Problem<Const<N>> {
    let mut lcg = Lcg(2024);
    let a0 = SMatrix::<f64, N, N>::from_fn(|i, j| {
        let u = lcg.next();
        if i == j {
            2.0 * N as f64 + u
        } else {
            u
        }
    });
    let b = SMatrix::<f64, N, N>::from_fn(|_, _| lcg.next());
    let rhs = SVector::<f64, N>::from_fn(|_, _| lcg.next());
    Problem { a0, b, rhs }
}

/// The same problem, heap-allocated with the size known at run time.
fn problem_dynamic(p: &Problem<Const<N>>) -> Problem<Dyn> {
    Problem {
        a0: DMatrix::from_column_slice(N, N, p.a0.as_slice()),
        b: DMatrix::from_column_slice(N, N, p.b.as_slice()),
        rhs: DVector::from_column_slice(p.rhs.as_slice()),
    }
}

/// `A(θ)` with entry `(i, j)` built as `make(A₀ᵢⱼ + θ Bᵢⱼ, Bᵢⱼ)`: a value
/// and its θ-derivative, from which `make` builds a dual number (or drops
/// the derivative, for `f64`).
fn matrix_at<T, D>(p: &Problem<D>, theta: f64, make: impl Fn(f64, f64) -> T) -> OMatrix<T, D, D>
where
    T: nalgebra::Scalar,
    D: Dim,
    DefaultAllocator: Allocator<D, D> + Allocator<D>,
{
    p.a0.zip_map(&p.b, |a, b| make(a + theta * b, b))
}

/// `x` and `dx/dθ` at θ by LU of the dual matrix `A(θ + ε)`: `make(value,
/// derivative)` builds the library's dual number, `parts` splits one into
/// `(value, derivative)`. The same code for both libraries.
fn solve_dual<T, D>(
    p: &Problem<D>,
    theta: f64,
    make: impl Fn(f64, f64) -> T,
    parts: impl Fn(&T) -> (f64, f64),
) -> (OVector<f64, D>, OVector<f64, D>)
where
    T: RealField + Copy,
    D: DimMin<D, Output = D>,
    DefaultAllocator: Allocator<D, D> + Allocator<D>,
{
    let a = matrix_at(p, theta, &make);
    let rhs = p.rhs.map(|r| make(r, 0.0));
    let x = a.lu().solve(&rhs).expect("A(θ) is nonsingular");
    (x.map(|xi| parts(&xi).0), x.map(|xi| parts(&xi).1))
}

/// Hand-written `x = A⁻¹b` and `dx/dθ = −A⁻¹(B x)` (from
/// `A x = b ⇒ A dx + B x = 0`), both solves with one `f64` LU of `A(θ)`.
fn solve_by_hand<D>(p: &Problem<D>, theta: f64) -> (OVector<f64, D>, OVector<f64, D>)
where
    D: DimMin<D, Output = D>,
    DefaultAllocator: Allocator<D, D> + Allocator<D>,
{
    let lu = matrix_at(p, theta, |a, _| a).lu();
    let x = lu.solve(&p.rhs).expect("A(θ) is nonsingular");
    let mut dx = &p.b * &x;
    assert!(lu.solve_mut(&mut dx), "A(θ) is nonsingular");
    dx.neg_mut();
    (x, dx)
}

/// The plain `f64` solve `x = A(θ)⁻¹ b`: the cost of one evaluation.
fn solve_f64<D>(p: &Problem<D>, theta: f64) -> OVector<f64, D>
where
    D: DimMin<D, Output = D>,
    DefaultAllocator: Allocator<D, D> + Allocator<D>,
{
    matrix_at(p, theta, |a, _| a).lu().solve(&p.rhs).expect("A(θ) is nonsingular")
}

/// `det A(θ)` and its θ-derivative as `determinant()` of the dual matrix
/// `A(θ + ε)` (`make` and `parts` as in [`solve_dual`]).
fn det_dual<T, D>(
    p: &Problem<D>,
    theta: f64,
    make: impl Fn(f64, f64) -> T,
    parts: impl Fn(&T) -> (f64, f64),
) -> (f64, f64)
where
    T: RealField + Copy,
    D: DimMin<D, Output = D>,
    DefaultAllocator: Allocator<D, D> + Allocator<D>,
{
    parts(&matrix_at(p, theta, make).determinant())
}

/// Hand-written `det A(θ)` and Jacobi's `d det A/dθ = det A · tr(A⁻¹B)`,
/// from one `f64` LU of `A(θ)` (its determinant, and `A⁻¹B` by an n-column
/// solve with its factors).
fn det_by_hand<D>(p: &Problem<D>, theta: f64) -> (f64, f64)
where
    D: DimMin<D, Output = D>,
    DefaultAllocator: Allocator<D, D> + Allocator<D>,
{
    let lu = matrix_at(p, theta, |a, _| a).lu();
    let det = lu.determinant();
    let trace = lu.solve(&p.b).expect("A(θ) is nonsingular").trace();
    (det, det * trace)
}

/// The plain `f64` determinant of `A(θ)`.
fn det_f64<D>(p: &Problem<D>, theta: f64) -> f64
where
    D: DimMin<D, Output = D>,
    DefaultAllocator: Allocator<D, D> + Allocator<D>,
{
    matrix_at(p, theta, |a, _| a).determinant()
}

/// This crate's `Dual64` from a value and a derivative.
fn autodiff_make(re: f64, eps: f64) -> Dual64 {
    Dual64::new(re, eps)
}

/// This crate's `Dual64` as `(value, derivative)`.
fn autodiff_parts(d: &Dual64) -> (f64, f64) {
    (d.re, d.eps)
}

/// num-dual's `Dual64` from a value and a derivative.
fn num_dual_make(re: f64, eps: f64) -> num_dual::Dual64 {
    num_dual::Dual64::new(re, eps)
}

/// num-dual's `Dual64` as `(value, derivative)`.
fn num_dual_parts(d: &num_dual::Dual64) -> (f64, f64) {
    (d.re, d.eps)
}

/// Asserts `|a − b| ≤ rel · scale`, naming the quantity on failure.
fn assert_close(what: &str, a: f64, b: f64, scale: f64, rel: f64) {
    assert!(
        (a - b).abs() <= rel * scale,
        "nalgebra bench sanity check failed for {what}: {a} vs {b} \
         (difference {:e}, relative tolerance {rel:e} of {scale:e})",
        (a - b).abs()
    );
}

/// [`assert_close`] for two scalars, relative to the larger magnitude.
fn assert_close_scalar(what: &str, a: f64, b: f64, rel: f64) {
    assert_close(what, a, b, a.abs().max(b.abs()), rel);
}

/// [`assert_close`] for every entry of two equally long vectors, relative to
/// the largest magnitude of any entry (so an entry near zero is held to the
/// vector's scale, not its own).
fn assert_close_vec(what: &str, a: &[f64], b: &[f64], rel: f64) {
    assert_eq!(a.len(), b.len(), "nalgebra bench sanity check: {what} has the wrong length");
    let scale = a.iter().chain(b).fold(0.0f64, |m, v| m.max(v.abs()));
    for (k, (&ak, &bk)) in a.iter().zip(b).enumerate() {
        assert_close(&format!("{what}[{k}]"), ak, bk, scale, rel);
    }
}

/// Checks every variant on one problem (`kind` names its matrix type in
/// the messages): the hand-written derivatives against central differences
/// of the `f64` variants, the hand-written values against the `f64` ones,
/// and both dual-number libraries against the hand-written results.
fn check_problem<D>(kind: &str, p: &Problem<D>)
where
    D: DimMin<D, Output = D>,
    DefaultAllocator: Allocator<D, D> + Allocator<D>,
{
    let h = 1e-5;

    // Linear solve.
    let (x, dx) = solve_by_hand(p, THETA);
    assert_close_vec(
        &format!("{kind} hand-written x vs f64"),
        x.as_slice(),
        solve_f64(p, THETA).as_slice(),
        1e-14,
    );
    let fd = (solve_f64(p, THETA + h) - solve_f64(p, THETA - h)) / (2.0 * h);
    assert_close_vec(
        &format!("{kind} hand-written dx/dθ vs central difference"),
        dx.as_slice(),
        fd.as_slice(),
        1e-6,
    );
    for (name, (v, d)) in [
        ("autodiff", solve_dual(p, THETA, autodiff_make, autodiff_parts)),
        ("num-dual", solve_dual(p, THETA, num_dual_make, num_dual_parts)),
    ] {
        assert_close_vec(
            &format!("{kind} {name} x vs hand-written"),
            v.as_slice(),
            x.as_slice(),
            REL,
        );
        assert_close_vec(
            &format!("{kind} {name} dx/dθ vs hand-written"),
            d.as_slice(),
            dx.as_slice(),
            REL,
        );
    }

    // Determinant.
    let (det, ddet) = det_by_hand(p, THETA);
    assert_close_scalar(&format!("{kind} hand-written det vs f64"), det, det_f64(p, THETA), 1e-14);
    let fd = (det_f64(p, THETA + h) - det_f64(p, THETA - h)) / (2.0 * h);
    assert_close_scalar(
        &format!("{kind} hand-written d det/dθ vs central difference"),
        ddet,
        fd,
        1e-6,
    );
    for (name, (v, d)) in [
        ("autodiff", det_dual(p, THETA, autodiff_make, autodiff_parts)),
        ("num-dual", det_dual(p, THETA, num_dual_make, num_dual_parts)),
    ] {
        assert_close_scalar(&format!("{kind} {name} det vs hand-written"), v, det, REL);
        assert_close_scalar(&format!("{kind} {name} d det/dθ vs hand-written"), d, ddet, REL);
    }
}

/// Checks, before anything is timed, that every benchmarked variant computes
/// the right thing: the problem is diagonally dominant at θ₀, the
/// hand-written derivatives match finite differences, and every AD result
/// (both libraries, `SMatrix` and `DMatrix`) equals the hand-written one to
/// a relative [`REL`]; the two matrix kinds agree with each other as well.
fn sanity_check() {
    let p = problem_static();
    let a = matrix_at(&p, THETA, |a, _| a);
    for i in 0..N {
        let off: f64 = (0..N).filter(|&j| j != i).map(|j| a[(i, j)].abs()).sum();
        assert!(a[(i, i)].abs() > off, "row {i} of A(θ₀) is not diagonally dominant");
    }
    // The derivative must not be trivially small, or the comparisons say little.
    let (det, ddet) = det_by_hand(&p, THETA);
    assert!(ddet.abs() > 1e-3 * det.abs(), "d det/dθ = {ddet} is negligible against det = {det}");

    let d = problem_dynamic(&p);
    check_problem("SMatrix", &p);
    check_problem("DMatrix", &d);

    let (xs, dxs) = solve_dual(&p, THETA, autodiff_make, autodiff_parts);
    let (xd, dxd) = solve_dual(&d, THETA, autodiff_make, autodiff_parts);
    assert_close_vec("autodiff x SMatrix vs DMatrix", xs.as_slice(), xd.as_slice(), REL);
    assert_close_vec("autodiff dx/dθ SMatrix vs DMatrix", dxs.as_slice(), dxd.as_slice(), REL);
    let (vs, ds) = det_dual(&p, THETA, autodiff_make, autodiff_parts);
    let (vd, dd) = det_dual(&d, THETA, autodiff_make, autodiff_parts);
    assert_close_scalar("autodiff det SMatrix vs DMatrix", vs, vd, REL);
    assert_close_scalar("autodiff d det/dθ SMatrix vs DMatrix", ds, dd, REL);
}

/// Registers the eight variants of one group, four for each matrix kind:
/// `$plain` (`f64` alone), `$by_hand` and `$dual` with each library's
/// `Dual64`. Each iteration reads the problem and θ through `black_box` and
/// passes the whole result (value and derivative) to `black_box`.
macro_rules! bench_group {
    ($c:expr, $name:expr, $ps:expr, $pd:expr, $plain:ident, $by_hand:ident, $dual:ident) => {{
        let mut group = $c.benchmark_group($name);
        group.measurement_time(Duration::from_secs(3));
        bench_group!(@kind group, "SMatrix", $ps, $plain, $by_hand, $dual);
        bench_group!(@kind group, "DMatrix", $pd, $plain, $by_hand, $dual);
        group.finish();
    }};
    (@kind $group:ident, $kind:literal, $p:expr, $plain:ident, $by_hand:ident, $dual:ident) => {
        let p = $p;
        $group.bench_function(concat!("f64 (", $kind, ")"), |b| {
            b.iter(|| black_box($plain(black_box(p), black_box(THETA))))
        });
        $group.bench_function(concat!("hand-written (", $kind, ")"), |b| {
            b.iter(|| black_box($by_hand(black_box(p), black_box(THETA))))
        });
        $group.bench_function(concat!("autodiff Dual64 (", $kind, ")"), |b| {
            b.iter(|| black_box($dual(black_box(p), black_box(THETA), autodiff_make, autodiff_parts)))
        });
        $group.bench_function(concat!("num-dual Dual64 (", $kind, ")"), |b| {
            b.iter(|| black_box($dual(black_box(p), black_box(THETA), num_dual_make, num_dual_parts)))
        });
    };
}

/// Runs [`sanity_check`], then the benchmarks (what `criterion_main!` would
/// generate, with the check in front), then criterion's final summary.
fn main() {
    sanity_check();
    let ps = problem_static();
    let pd = problem_dynamic(&ps);
    let mut criterion = Criterion::default().configure_from_args();
    bench_group!(criterion, GROUP_SOLVE, &ps, &pd, solve_f64, solve_by_hand, solve_dual);
    bench_group!(criterion, GROUP_DET, &ps, &pd, det_f64, det_by_hand, det_dual);
    criterion.final_summary();
}
