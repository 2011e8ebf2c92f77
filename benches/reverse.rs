//! Reverse-mode benchmark: what a gradient and a Hessian–vector product of
//! a function of many variables cost by reverse mode ([`Var`]), against one
//! evaluation of the function, a hand-written gradient, forward mode and
//! num-dual, at n = 10, 100, 1,000 and 10,000 variables.
//!
//! The function is the extended Rosenbrock function of `benches/gradient.rs`,
//!
//! ```text
//! f(x) = Σ_{i=0}^{n-2} [100 (x_{i+1} − x_i²)² + (1 − x_i)²]
//! ```
//!
//! at the point `x_i = 0.5 + 0.1 · (i mod 8) · (−1)^i`, and for the
//! Hessian–vector product along `v_i = 1 − 0.25 · (i mod 5)`.
//!
//! One criterion group per n, `reverse n=<n>`, holds these variants:
//!
//! | id | what it computes |
//! |---|---|
//! | `f64` | f(x) alone, plain `f64` ([`rosenbrock`]) |
//! | `hand-written gradient` | f and ∇f coded by hand ([`gradient_by_hand`]), the lower bound for any AD |
//! | `reverse #[differentiable] .grad` | ∇f of [`rosenbrock_differentiable`], `f.grad(&x[..])` (reverse mode) |
//! | `reverse gradient_reverse` | f and ∇f of the generic [`rosenbrock`] by [`gradient_reverse`] |
//! | `forward gradient_forward` | f and ∇f by forward mode, ⌈n/8⌉ passes of `DualVec<f64, 8>` (n ≤ 1,000 only) |
//! | `num-dual gradient DualDVec64` | num-dual's `gradient` over a `DVector`: one pass of heap vectors of n lanes (n ≤ 1,000 only) |
//! | `hand-written hvp` | f, ∇f and H·v coded by hand ([`hvp_by_hand`]) |
//! | `reverse hvp_slice` | f, ∇f and H·v by [`hvp_slice`], forward over reverse |
//!
//! Forward mode and num-dual cost O(n) evaluations of f each (forward mode
//! ⌈n/8⌉ passes, num-dual one pass whose every operation carries n lanes),
//! so their time grows as n²: at n = 10,000 forward mode would take about
//! 0.1 s a gradient, and they are left out there.
//!
//! How to read the ratios (the times of one group divided by each other):
//!
//! - reverse / `f64` is the price of a whole gradient in evaluations of f;
//!   reverse mode promises a constant, independent of n: each operation of
//!   two variables is recorded once on the tape (a 24-byte node, 4n − 3 of
//!   them for this f, inputs included) and swept once.
//! - reverse / hand-written is what AD costs over careful manual code.
//! - forward / reverse and num-dual / reverse grow linearly with n: at
//!   n = 10 forward mode wins (it keeps no tape); from n = 100 on reverse
//!   mode does, by a factor of about n/30 over forward mode.
//! - hvp / `f64` is the price of H·v (and ∇f with it) in evaluations of f,
//!   also constant in n; hvp / reverse is what the second order adds to a
//!   gradient (the same tape, over `Dual` numbers).
//!
//! The function is written twice, because num-dual's types do not implement
//! `num_traits::Float`: once over this crate's [`Scalar`] ([`rosenbrock`],
//! also as plain `f64` code in [`rosenbrock_differentiable`]) and once over
//! num-dual's `DualNum` ([`rosenbrock_num_dual`]), with the same operations
//! in the same order (`d * d * 100 + e * e`, `d = x_{i+1} − x_i²`,
//! `e = x_i − 1`).
//!
//! Before any timing, `main` runs [`sanity_check`]: the hand-written
//! gradient and H·v against central finite differences, then, for every n,
//! every method's value, gradient and H·v against the hand-written ones to
//! a relative 1e-12. It runs under `cargo bench --bench reverse -- --test`
//! too, so CI catches a wrong result without timing anything.
//!
//! ```text
//! cargo bench --bench reverse
//! cargo bench --bench reverse -- 'n=1000/'   # one group
//! cargo bench --bench reverse -- --test      # checks only, a few seconds
//! ```
//!
//! Criterion writes its estimates to
//! `target/criterion/reverse n=<n>/<id>/new/estimates.json`.

mod common;

use std::hint::black_box;
use std::time::Duration;

use autodiff::prelude::*;
use common::{assert_all_close, assert_close, point, rosenbrock, rosenbrock_num_dual, REL};
use criterion::{BenchmarkGroup, Criterion};

/// The numbers of variables, one criterion group each.
const SIZES: [usize; 4] = [10, 100, 1_000, 10_000];

/// The largest n at which the O(n²) methods (forward mode, num-dual) run.
const QUADRATIC_MAX: usize = 1_000;

/// The direction of the Hessian–vector products: `v_i = 1 − 0.25 (i mod 5)`.
fn direction(n: usize) -> Vec<f64> {
    (0..n).map(|i| 1.0 - 0.25 * (i % 5) as f64).collect()
}

/// The same function written as `f64` code and made differentiable: the
/// same operations as [`rosenbrock`], its literals lifted by the rewrite.
#[differentiable]
fn rosenbrock_differentiable(x: &[f64]) -> f64 {
    let mut sum = 0.0;
    for w in x.windows(2) {
        let d = w[1] - w[0] * w[0];
        let e = w[0] - 1.0;
        sum += d * d * 100.0 + e * e;
    }
    sum
}

/// num-dual's gradient at `x` (a `DVector` built from it), as `Vec`s.
fn num_dual_gradient(x: &nalgebra::DVector<f64>) -> (f64, Vec<f64>) {
    let n = x.len();
    let (v, g) = num_dual::gradient(|v| -> num_dual::DualDVec64 { rosenbrock_num_dual(&v, n) }, x);
    (v, g.iter().copied().collect())
}

/// Hand-written value and gradient of [`rosenbrock`] in plain `f64`.
///
/// Term i, `t_i = 100 d_i² + e_i²` with `d_i = x_{i+1} − x_i²` and
/// `e_i = x_i − 1`, contributes
///
/// ```text
/// ∂t_i/∂x_i     = −400 x_i d_i + 2 e_i
/// ∂t_i/∂x_{i+1} =  200 d_i
/// ```
///
/// The share of term i in `grad[i + 1]` is carried to the next iteration
/// in a register. The obvious `grad[i] += …; grad[i + 1] += …` is 4×
/// slower: the compiler fuses the two updates into one 16-byte
/// load–add–store that overlaps the previous iteration's store, and every
/// iteration stalls on the failed store-to-load forwarding.
fn gradient_by_hand(x: &[f64]) -> (f64, Vec<f64>) {
    let mut grad = vec![0.0; x.len()];
    let mut value = 0.0;
    let mut carry = 0.0;
    for (w, g) in x.windows(2).zip(&mut grad) {
        let (xi, xj) = (w[0], w[1]);
        let d = xj - xi * xi;
        let e = xi - 1.0;
        value += d * d * 100.0 + e * e;
        *g = carry + (-400.0 * xi * d + 2.0 * e);
        carry = 200.0 * d;
    }
    if let Some(last) = grad.last_mut() {
        *last = carry;
    }
    (value, grad)
}

/// Hand-written value, gradient and Hessian–vector product H·v. The
/// Hessian is tridiagonal; term i (notation of [`gradient_by_hand`])
/// contributes
///
/// ```text
/// ∂²t_i/∂x_i²        = 1200 x_i² − 400 x_{i+1} + 2
/// ∂²t_i/∂x_i∂x_{i+1} = −400 x_i
/// ∂²t_i/∂x_{i+1}²    = 200
/// ```
///
/// The shares of term i in entry i + 1 are carried, as in
/// [`gradient_by_hand`].
fn hvp_by_hand(x: &[f64], v: &[f64]) -> (f64, Vec<f64>, Vec<f64>) {
    assert_eq!(x.len(), v.len(), "hvp_by_hand: x and v differ in length");
    let mut grad = vec![0.0; x.len()];
    let mut hv = vec![0.0; x.len()];
    let mut value = 0.0;
    let (mut carry_g, mut carry_h) = (0.0, 0.0);
    for ((w, u), (g, h)) in x.windows(2).zip(v.windows(2)).zip(grad.iter_mut().zip(&mut hv)) {
        let (xi, xj) = (w[0], w[1]);
        let (vi, vj) = (u[0], u[1]);
        let d = xj - xi * xi;
        let e = xi - 1.0;
        value += d * d * 100.0 + e * e;
        *g = carry_g + (-400.0 * xi * d + 2.0 * e);
        carry_g = 200.0 * d;
        let off = -400.0 * xi;
        *h = carry_h + ((1200.0 * xi * xi - 400.0 * xj + 2.0) * vi + off * vj);
        carry_h = off * vi + 200.0 * vj;
    }
    if let (Some(g), Some(h)) = (grad.last_mut(), hv.last_mut()) {
        (*g, *h) = (carry_g, carry_h);
    }
    (value, grad, hv)
}

/// The hand-written gradient and H·v at n = 10 against central finite
/// differences of [`rosenbrock`] and of the hand-written gradient.
fn check_by_hand_against_finite_differences() {
    let (x, v) = (point(10), direction(10));
    let (value, grad, hv) = hvp_by_hand(&x, &v);
    assert_close("hand-written f", value, rosenbrock(&x[..]), 1e-14);
    assert_all_close("hand-written gradient of hvp_by_hand", &grad, &gradient_by_hand(&x).1, 0.0);
    let h = 1e-6;
    for j in 0..x.len() {
        let (mut plus, mut minus) = (x.clone(), x.clone());
        plus[j] += h;
        minus[j] -= h;
        let fd = (rosenbrock(&plus[..]) - rosenbrock(&minus[..])) / (2.0 * h);
        assert_close(&format!("hand-written ∂f/∂x{j} vs central difference"), grad[j], fd, 1e-6);
    }
    // H·v is the derivative of ∇f along v.
    let shifted = |t: f64| -> Vec<f64> { x.iter().zip(&v).map(|(xi, vi)| xi + t * vi).collect() };
    let (gp, gm) = (gradient_by_hand(&shifted(h)).1, gradient_by_hand(&shifted(-h)).1);
    for i in 0..x.len() {
        let fd = (gp[i] - gm[i]) / (2.0 * h);
        assert_close(&format!("hand-written (Hv){i} vs central difference"), hv[i], fd, 1e-6);
    }
}

/// Checks, before anything is timed, that every benchmarked variant
/// computes the right thing: the hand-written derivatives against finite
/// differences, then at every n every AD value, gradient and H·v against
/// the hand-written ones, to a relative [`REL`].
fn sanity_check() {
    check_by_hand_against_finite_differences();
    for n in SIZES {
        let (x, v) = (point(n), direction(n));
        let (value, grad, hv) = hvp_by_hand(&x, &v);
        assert_close(&format!("hand-written f (n = {n})"), value, rosenbrock(&x[..]), 1e-14);
        let check = |what: &str, (f, g): (f64, Vec<f64>)| {
            assert_close(&format!("{what} value (n = {n})"), f, value, REL);
            assert_all_close(&format!("{what} gradient (n = {n})"), &g, &grad, REL);
        };
        check("hand-written", gradient_by_hand(&x));
        check(
            "#[differentiable]",
            (rosenbrock_differentiable(&x), rosenbrock_differentiable.grad(&x[..])),
        );
        check("gradient_reverse", gradient_reverse(rosenbrock, &x));
        if n <= QUADRATIC_MAX {
            check("gradient_forward", gradient_forward(rosenbrock, &x));
            check("num-dual", num_dual_gradient(&From::from(x.clone())));
        }
        let (f, g, h) = hvp_slice(rosenbrock, &x, &v);
        check("hvp_slice", (f, g));
        assert_all_close(&format!("hvp_slice H·v (n = {n})"), &h, &hv, REL);
    }
}

/// Registers the group `reverse n=<n>`: every variant at n variables. Each
/// iteration reads its inputs through `black_box` and passes the whole
/// result to `black_box`.
fn bench_size(c: &mut Criterion, n: usize) {
    let (x, v) = (point(n), direction(n));
    let mut group = c.benchmark_group(format!("reverse n={n}"));
    group.warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(2));

    group.bench_function("f64", |b| b.iter(|| black_box(rosenbrock(black_box(&x[..])))));
    group.bench_function("hand-written gradient", |b| {
        b.iter(|| black_box(gradient_by_hand(black_box(&x))))
    });
    group.bench_function("reverse #[differentiable] .grad", |b| {
        b.iter(|| black_box(rosenbrock_differentiable.grad(black_box(&x[..]))))
    });
    group.bench_function("reverse gradient_reverse", |b| {
        b.iter(|| black_box(gradient_reverse(rosenbrock, black_box(&x))))
    });
    if n <= QUADRATIC_MAX {
        bench_quadratic(&mut group, &x);
    }
    group.bench_function("hand-written hvp", |b| {
        b.iter(|| black_box(hvp_by_hand(black_box(&x), black_box(&v))))
    });
    group.bench_function("reverse hvp_slice", |b| {
        b.iter(|| black_box(hvp_slice(rosenbrock, black_box(&x), black_box(&v))))
    });
    group.finish();
}

/// The variants whose cost grows as n² (forward mode and num-dual), with
/// fewer samples at the larger n.
fn bench_quadratic(group: &mut BenchmarkGroup<'_, criterion::measurement::WallTime>, x: &[f64]) {
    let xd: nalgebra::DVector<f64> = From::from(x.to_vec());
    if x.len() >= QUADRATIC_MAX {
        group.sample_size(20);
    }
    group.bench_function("forward gradient_forward", |b| {
        b.iter(|| black_box(gradient_forward(rosenbrock, black_box(x))))
    });
    group.bench_function("num-dual gradient DualDVec64", |b| {
        b.iter(|| black_box(num_dual_gradient(black_box(&xd))))
    });
    group.sample_size(100);
}

/// Runs [`sanity_check`], then one group per n of [`SIZES`], then
/// criterion's final summary.
fn main() {
    sanity_check();
    let mut criterion = Criterion::default().configure_from_args();
    for n in SIZES {
        bench_size(&mut criterion, n);
    }
    criterion.final_summary();
}
