//! Gradient benchmark: cost of forward-mode gradients and Hessians of a
//! function of many variables, against hand-written derivatives and against
//! num-dual.
//!
//! The function is the extended Rosenbrock function
//!
//! ```text
//! f(x) = Σ_{i=0}^{n-2} [100 (x_{i+1} − x_i²)² + (1 − x_i)²]
//! ```
//!
//! evaluated at the fixed point `x_i = 0.5 + 0.1 · (i mod 8) · (−1)^i`
//! (values between −0.2 and 1.2: far from the minimum at `x = 1`, and
//! bounded, so the n = 1000 sums do not lose their precision).
//!
//! Three criterion groups hold the variants side by side:
//!
//! 1. `rosenbrock n=10 gradient`: the plain `f64` value; value and gradient
//!    coded by hand ([`gradient_by_hand`], the lower bound for any AD);
//!    autodiff's [`gradient`] (one pass of `DualVec<f64, 10>`); num-dual's
//!    `gradient` (one pass of `DualSVec64<10>` over an `SVector`).
//! 2. `rosenbrock n=10 hessian`: value, gradient and (tridiagonal) Hessian
//!    coded by hand ([`hessian_by_hand`]); autodiff's [`hessian`] (one pass
//!    of `Dual2Vec<f64, 10>`); num-dual's `hessian` (one pass of
//!    `Dual2SVec64<10>`); and autodiff with 55 `HyperDual64` passes, one per
//!    entry of the upper triangle ([`hessian_by_hyperduals`]).
//! 3. `rosenbrock n=1000 gradient`: the hand-written gradient into a `Vec`;
//!    autodiff's [`gradient_slice`] (chunks of [`CHUNK`] lanes) and
//!    [`gradient_slice_chunked`] with 4, 16 and 32 lanes (to choose
//!    [`CHUNK`]); num-dual's `gradient` over a `DVector` (one pass of the
//!    heap-allocated `DualDVec64`) and num-dual's `Gradients::gradient` for
//!    `Dyn` (n passes of `Dual64`).
//!
//! The function has to be written twice, because num-dual's types do not
//! implement `num_traits::Float`: once over this crate's [`Scalar`], on a
//! slice ([`rosenbrock`], with [`rosenbrock_array`] for `[T; N]`), and once
//! over num-dual's `DualNum` on anything indexable ([`rosenbrock_num_dual`],
//! which takes nalgebra's `SVector` and `DVector`). Both copies perform the
//! same operations in the same order: the squares are written `d * d` (not
//! `powi(2)`), and `(1 − x_i)²` as `e * e` with `e = x_i − 1` (the same
//! square; the constant goes on the right, where [`Scalar`] takes an `f64`).
//!
//! num-dual does not re-export nalgebra, and nalgebra is not a dependency of
//! this package, so the nalgebra vectors are never named here: they are
//! built with `From::from` (an array for `SVector`, a `Vec` for `DVector`)
//! and their types inferred from the return type written on each closure.
//!
//! Before any timing, `main` runs [`sanity_check`], which asserts that the
//! hand-written gradient and Hessian match finite differences and that every
//! AD result equals the hand-written one to a relative 1e-12; a wrong result
//! makes the benchmark panic instead of timing something meaningless.
//!
//! Run it with
//!
//! ```text
//! cargo bench --bench gradient
//! # quicker, rougher figures:
//! cargo bench --bench gradient -- --warm-up-time 1 --measurement-time 3
//! ```
//!
//! Criterion writes its estimates (mean, median, …) to
//! `target/criterion/<group>/<function>/new/estimates.json`.

mod common;

use std::hint::black_box;
use std::time::Duration;

use autodiff::chunked::CHUNK;
use autodiff::prelude::*;
use common::{assert_all_close, assert_close, point, rosenbrock, rosenbrock_num_dual, REL};
use criterion::Criterion;

/// The number of variables of the fixed-size groups.
const N: usize = 10;

/// The number of variables of the runtime-length group.
const N_LARGE: usize = 1000;

/// Name of the fixed-size gradient group.
const GROUP_GRADIENT: &str = "rosenbrock n=10 gradient";

/// Name of the fixed-size Hessian group.
const GROUP_HESSIAN: &str = "rosenbrock n=10 hessian";

/// Name of the runtime-length gradient group.
const GROUP_LARGE: &str = "rosenbrock n=1000 gradient";

/// The evaluation point of the fixed-size groups, as an array.
fn point_array() -> [f64; N] {
    let x = point(N);
    core::array::from_fn(|i| x[i])
}

/// [`rosenbrock`] for a fixed number of variables, the form the [`gradient`]
/// and [`hessian`] drivers call.
fn rosenbrock_array<T: Scalar, const M: usize>(x: [T; M]) -> T {
    rosenbrock(&x)
}

/// Hand-written value and gradient of [`rosenbrock`] in plain `f64`, written
/// into `grad` (which must have the length of `x`).
///
/// Term i, `t_i = 100 d_i² + e_i²` with `d_i = x_{i+1} − x_i²` and
/// `e_i = x_i − 1`, contributes
///
/// ```text
/// ∂t_i/∂x_i     = −400 x_i d_i + 2 e_i
/// ∂t_i/∂x_{i+1} =  200 d_i
/// ```
///
/// Returns f(x).
fn gradient_by_hand_into(x: &[f64], grad: &mut [f64]) -> f64 {
    assert_eq!(x.len(), grad.len(), "gradient_by_hand_into: x and grad differ in length");
    grad.fill(0.0);
    let mut value = 0.0;
    for i in 0..x.len().saturating_sub(1) {
        let (xi, xj) = (x[i], x[i + 1]);
        let d = xj - xi * xi;
        let e = xi - 1.0;
        value += d * d * 100.0 + e * e;
        grad[i] += -400.0 * xi * d + 2.0 * e;
        grad[i + 1] += 200.0 * d;
    }
    value
}

/// Hand-written value and gradient for a fixed number of variables (see
/// [`gradient_by_hand_into`]).
fn gradient_by_hand<const M: usize>(x: &[f64; M]) -> (f64, [f64; M]) {
    let mut grad = [0.0; M];
    let value = gradient_by_hand_into(x, &mut grad);
    (value, grad)
}

/// Hand-written value and gradient for a runtime length, the gradient in a
/// new `Vec` (see [`gradient_by_hand_into`]).
fn gradient_by_hand_vec(x: &[f64]) -> (f64, Vec<f64>) {
    let mut grad = vec![0.0; x.len()];
    let value = gradient_by_hand_into(x, &mut grad);
    (value, grad)
}

/// Hand-written value, gradient and Hessian of [`rosenbrock`] in plain
/// `f64`. The Hessian is tridiagonal; term i (notation of
/// [`gradient_by_hand_into`]) contributes
///
/// ```text
/// ∂²t_i/∂x_i²        = 1200 x_i² − 400 x_{i+1} + 2
/// ∂²t_i/∂x_i∂x_{i+1} = −400 x_i
/// ∂²t_i/∂x_{i+1}²    = 200
/// ```
fn hessian_by_hand<const M: usize>(x: &[f64; M]) -> (f64, [f64; M], [[f64; M]; M]) {
    let (value, grad) = gradient_by_hand(x);
    let mut hess = [[0.0; M]; M];
    for i in 0..M.saturating_sub(1) {
        let (xi, xj) = (x[i], x[i + 1]);
        hess[i][i] += 1200.0 * xi * xi - 400.0 * xj + 2.0;
        hess[i][i + 1] = -400.0 * xi;
        hess[i + 1][i] = -400.0 * xi;
        hess[i + 1][i + 1] += 200.0;
    }
    (value, grad, hess)
}

/// Value, gradient and Hessian with this crate's `HyperDual64`: one pass per
/// entry of the upper triangle (`M(M+1)/2` passes, 55 for M = 10), seeding
/// `x_i` with ε₁ and `x_j` with ε₂, the Hessian mirrored into the lower
/// triangle.
#[allow(clippy::needless_range_loop)] // i and j index both hess[i][j] and hess[j][i]
fn hessian_by_hyperduals<const M: usize>(x: &[f64; M]) -> (f64, [f64; M], [[f64; M]; M]) {
    let mut value = f64::NAN;
    let mut grad = [0.0; M];
    let mut hess = [[0.0; M]; M];
    for i in 0..M {
        for j in i..M {
            let inputs: [HyperDual64; M] = core::array::from_fn(|k| {
                let seed = |on: bool| if on { 1.0 } else { 0.0 };
                HyperDual64::new(x[k], seed(k == i), seed(k == j), 0.0)
            });
            let y = rosenbrock_array(inputs);
            value = y.re;
            grad[j] = y.eps2;
            hess[i][j] = y.eps1eps2;
            hess[j][i] = y.eps1eps2;
        }
    }
    (value, grad, hess)
}

/// Checks the hand-written gradient and Hessian at `x` against central
/// finite differences of [`rosenbrock`] and of the hand-written gradient.
fn check_by_hand_against_finite_differences(x: &[f64; N]) {
    let (value, grad, hess) = hessian_by_hand(x);
    assert_close("hand-written f", value, rosenbrock(x), 1e-14);
    let h = 1e-6;
    for j in 0..N {
        let (mut plus, mut minus) = (*x, *x);
        plus[j] += h;
        minus[j] -= h;
        let fd = (rosenbrock(&plus) - rosenbrock(&minus)) / (2.0 * h);
        assert_close(&format!("hand-written ∂f/∂x{j} vs central difference"), grad[j], fd, 1e-6);
        let (gp, gm) = (gradient_by_hand(&plus).1, gradient_by_hand(&minus).1);
        for i in 0..N {
            let fd2 = (gp[i] - gm[i]) / (2.0 * h);
            assert_close(
                &format!("hand-written ∂²f/∂x{i}∂x{j} vs central difference"),
                hess[i][j],
                fd2,
                1e-6,
            );
        }
    }
}

/// Checks, before anything is timed, that every benchmarked variant computes
/// the right thing: the hand-written derivatives against finite differences,
/// then every AD gradient and Hessian (both libraries, both sizes, every
/// chunk size) against the hand-written ones, to a relative [`REL`].
fn sanity_check() {
    // n = 10, fixed size.
    let x = point_array();
    assert!(x.iter().all(|&xi| xi != 1.0), "the point must not be the minimum");
    check_by_hand_against_finite_differences(&x);
    let (value, grad) = gradient_by_hand(&x);
    let (_, _, hess) = hessian_by_hand(&x);

    let (av, ag) = gradient(rosenbrock_array, x);
    assert_close("autodiff gradient value", av, value, REL);
    assert_all_close("autodiff gradient", &ag, &grad, REL);

    let xs = From::from(x);
    let (nv, ng) =
        num_dual::gradient(|v| -> num_dual::DualSVec64<N> { rosenbrock_num_dual(&v, N) }, &xs);
    assert_close("num-dual gradient value", nv, value, REL);
    assert_all_close("num-dual gradient", ng.iter(), &grad, REL);

    let (hv, hg, hh) = hessian(rosenbrock_array, x);
    assert_close("autodiff hessian value", hv, value, REL);
    assert_all_close("autodiff hessian gradient", &hg, &grad, REL);
    assert_all_close("autodiff hessian", hh.as_flattened(), hess.as_flattened(), REL);

    let (yv, yg, yh) = hessian_by_hyperduals(&x);
    assert_close("autodiff HyperDual value", yv, value, REL);
    assert_all_close("autodiff HyperDual gradient", &yg, &grad, REL);
    assert_all_close("autodiff HyperDual hessian", yh.as_flattened(), hess.as_flattened(), REL);

    let (mv, mg, mh) =
        num_dual::hessian(|v| -> num_dual::Dual2SVec64<N> { rosenbrock_num_dual(&v, N) }, &xs);
    assert_close("num-dual hessian value", mv, value, REL);
    assert_all_close("num-dual hessian gradient", mg.iter(), &grad, REL);
    for i in 0..N {
        for j in 0..N {
            assert_close(&format!("num-dual hessian[{i}][{j}]"), mh[(i, j)], hess[i][j], REL);
        }
    }

    // n = 1000, runtime length.
    let x = point(N_LARGE);
    let (value, grad) = gradient_by_hand_vec(&x);
    assert_close("hand-written f (n = 1000)", value, rosenbrock(&x), 1e-14);

    let check = |what: &str, (v, g): (f64, Vec<f64>)| {
        assert_close(&format!("{what} value"), v, value, REL);
        assert_all_close(what, &g, &grad, REL);
    };
    check("autodiff gradient_slice", gradient_slice(rosenbrock, &x));
    check("autodiff chunked C=4", gradient_slice_chunked::<_, 4>(rosenbrock, &x));
    check("autodiff chunked C=16", gradient_slice_chunked::<_, 16>(rosenbrock, &x));
    check("autodiff chunked C=32", gradient_slice_chunked::<_, 32>(rosenbrock, &x));

    let xd = From::from(x.clone());
    let (dv, dg) =
        num_dual::gradient(|v| -> num_dual::DualDVec64 { rosenbrock_num_dual(&v, N_LARGE) }, &xd);
    assert_close("num-dual DualDVec64 value", dv, value, REL);
    assert_all_close("num-dual DualDVec64 gradient", dg.iter(), &grad, REL);
    let (gv, gg) = <_ as num_dual::Gradients>::gradient(
        |v, _: &()| -> num_dual::Dual64 { rosenbrock_num_dual(&v, N_LARGE) },
        &xd,
        &(),
    );
    assert_close("num-dual Gradients (Dyn) value", gv, value, REL);
    assert_all_close("num-dual Gradients (Dyn) gradient", gg.iter(), &grad, REL);
}

/// Registers the group [`GROUP_GRADIENT`]: plain value, hand-written
/// gradient, autodiff and num-dual gradients at n = 10. Each iteration reads
/// the point through `black_box` and passes the whole result to `black_box`.
fn bench_gradient(c: &mut Criterion) {
    let x = point_array();
    let xs = From::from(x);
    let mut group = c.benchmark_group(GROUP_GRADIENT);
    group.measurement_time(Duration::from_secs(3));

    group.bench_function("f64", |b| b.iter(|| black_box(rosenbrock(black_box(&x)))));

    group.bench_function("hand-written", |b| b.iter(|| black_box(gradient_by_hand(black_box(&x)))));

    group.bench_function("autodiff gradient", |b| {
        b.iter(|| black_box(gradient(rosenbrock_array, black_box(x))))
    });

    group.bench_function("num-dual gradient", |b| {
        b.iter(|| {
            black_box(num_dual::gradient(
                |v| -> num_dual::DualSVec64<N> { rosenbrock_num_dual(&v, N) },
                black_box(&xs),
            ))
        })
    });

    group.finish();
}

/// Registers the group [`GROUP_HESSIAN`]: hand-written Hessian, autodiff
/// `hessian` (`Dual2Vec`), num-dual `hessian` (`Dual2SVec64`) and 55
/// `HyperDual64` passes at n = 10, each returning value, gradient and
/// Hessian.
fn bench_hessian(c: &mut Criterion) {
    let x = point_array();
    let xs = From::from(x);
    let mut group = c.benchmark_group(GROUP_HESSIAN);
    group.measurement_time(Duration::from_secs(3));

    group.bench_function("hand-written", |b| b.iter(|| black_box(hessian_by_hand(black_box(&x)))));

    group.bench_function("autodiff hessian", |b| {
        b.iter(|| black_box(hessian(rosenbrock_array, black_box(x))))
    });

    group.bench_function("num-dual hessian", |b| {
        b.iter(|| {
            black_box(num_dual::hessian(
                |v| -> num_dual::Dual2SVec64<N> { rosenbrock_num_dual(&v, N) },
                black_box(&xs),
            ))
        })
    });

    group.bench_function("autodiff 55 HyperDual passes", |b| {
        b.iter(|| black_box(hessian_by_hyperduals(black_box(&x))))
    });

    group.finish();
}

/// Registers the group [`GROUP_LARGE`]: hand-written gradient, autodiff
/// chunked gradients (default [`CHUNK`], and 4, 16, 32 lanes) and num-dual's
/// two runtime-length gradients at n = 1000. The quadratic-cost variants
/// (everything but the hand-written one) take fewer samples.
fn bench_large(c: &mut Criterion) {
    let x = point(N_LARGE);
    let xd = From::from(x.clone());
    let mut group = c.benchmark_group(GROUP_LARGE);
    group.measurement_time(Duration::from_secs(3));

    group.bench_function("hand-written", |b| {
        b.iter(|| black_box(gradient_by_hand_vec(black_box(&x))))
    });

    group.sample_size(30);
    group.bench_function(format!("autodiff gradient_slice (CHUNK={CHUNK})"), |b| {
        b.iter(|| black_box(gradient_slice(rosenbrock, black_box(&x))))
    });
    group.bench_function("autodiff chunked C=4", |b| {
        b.iter(|| black_box(gradient_slice_chunked::<_, 4>(rosenbrock, black_box(&x))))
    });
    group.bench_function("autodiff chunked C=16", |b| {
        b.iter(|| black_box(gradient_slice_chunked::<_, 16>(rosenbrock, black_box(&x))))
    });
    group.bench_function("autodiff chunked C=32", |b| {
        b.iter(|| black_box(gradient_slice_chunked::<_, 32>(rosenbrock, black_box(&x))))
    });

    group.sample_size(10);
    group.bench_function("num-dual gradient DualDVec64 (1 pass)", |b| {
        b.iter(|| {
            black_box(num_dual::gradient(
                |v| -> num_dual::DualDVec64 { rosenbrock_num_dual(&v, N_LARGE) },
                black_box(&xd),
            ))
        })
    });
    group.bench_function("num-dual Gradients Dyn (n Dual64 passes)", |b| {
        b.iter(|| {
            black_box(<_ as num_dual::Gradients>::gradient(
                |v, _: &()| -> num_dual::Dual64 { rosenbrock_num_dual(&v, N_LARGE) },
                black_box(&xd),
                &(),
            ))
        })
    });

    group.finish();
}

/// Runs [`sanity_check`], then the benchmarks (what `criterion_main!` would
/// generate, with the check in front), then criterion's final summary.
fn main() {
    sanity_check();
    let mut criterion = Criterion::default().configure_from_args();
    bench_gradient(&mut criterion);
    bench_hessian(&mut criterion);
    bench_large(&mut criterion);
    criterion.final_summary();
}
