//! Scalar benchmark: cost of forward-mode derivatives of one scalar function.
//!
//! The function is
//!
//! ```text
//! f(x) = exp(x) / sqrt(sin³x + cos³x)
//! ```
//!
//! evaluated at the fixed point `x = 1.5`, where `sin³x + cos³x ≈ 0.9929 > 0`,
//! so the square root is well defined (and far from its singularity).
//!
//! One criterion group, `scalar f(x) = exp(x)/sqrt(sin^3 x + cos^3 x)`, holds
//! six functions side by side:
//!
//! 1. `f64` – the plain value, the generic [`f`] instantiated at `f64`;
//! 2. `hand-written f'` – value and first derivative coded by hand in `f64`
//!    ([`f_and_df_by_hand`]): the lower bound for what any AD can achieve;
//! 3. `autodiff Dual64` – the generic [`f`] at this crate's `Dual64`, seeded
//!    with `eps = 1`;
//! 4. `num-dual Dual64` – the same function written over num-dual's
//!    `DualNum` trait ([`f_num_dual`]) at `num_dual::Dual64`;
//! 5. `autodiff Dual2_64` – value, first and second derivative with this
//!    crate's `Dual2_64`;
//! 6. `num-dual Dual2_64` – the same with `num_dual::Dual2_64`.
//!
//! The function has to be written twice because num-dual's types do not
//! implement `num_traits::Float` (they implement num-dual's own `DualNum`
//! trait instead), so they cannot be passed to a `T: Scalar` function. Both
//! copies are written in exactly the same form, with the cubes spelled as
//! `s * s * s` (two multiplications, not `powi(3)`), so that both libraries
//! perform the same sequence of operations.
//!
//! Before any timing, `main` runs [`sanity_check`], which asserts that the
//! hand-written derivative matches a central finite difference and that all
//! AD variants agree with it (and the second derivatives with a second
//! difference); a wrong result makes the benchmark panic instead of timing
//! something meaningless.
//!
//! Run it with
//!
//! ```text
//! cargo bench --bench scalar
//! # quicker, rougher figures:
//! cargo bench --bench scalar -- --warm-up-time 1 --measurement-time 3
//! ```
//!
//! Criterion writes its estimates (mean, median, …) to
//! `target/criterion/<group>/<function>/new/estimates.json`.

use std::hint::black_box;

use autodiff::prelude::*;
use criterion::Criterion;
use num_dual::DualNum;

/// The point at which every variant is evaluated.
const X: f64 = 1.5;

/// Name of the single criterion group.
const GROUP: &str = "scalar f(x) = exp(x)/sqrt(sin^3 x + cos^3 x)";

/// `f(x) = eˣ / √(sin³x + cos³x)`, generic over this crate's [`Scalar`]
/// (so it runs at `f64`, `Dual64`, `Dual2_64`, …). Cubes are written as
/// `s * s * s`, identically to [`f_num_dual`].
fn f<T: Scalar>(x: T) -> T {
    let s = x.sin();
    let c = x.cos();
    x.exp() / (s * s * s + c * c * c).sqrt()
}

/// The same `f` as [`f`], written over num-dual's `DualNum` trait (num-dual
/// types do not implement `num_traits::Float`), with the same operations in
/// the same order.
fn f_num_dual<D: DualNum + Copy>(x: D) -> D {
    let s = x.sin();
    let c = x.cos();
    x.exp() / (s * s * s + c * c * c).sqrt()
}

/// Hand-written value and first derivative of `f`, in plain `f64`.
///
/// With `s = sin x`, `c = cos x`, `g = s³ + c³`:
///
/// ```text
/// g'  = 3s²c − 3c²s = 3sc(s − c)
/// f   = eˣ · g^(−1/2)
/// f'  = eˣ g^(−1/2) − ½ eˣ g^(−3/2) g' = f · (1 − g' / (2g))
///     = f · (1 − 1.5 · s c (s − c) / g)
/// ```
///
/// Returns `(f(x), f'(x))`.
fn f_and_df_by_hand(x: f64) -> (f64, f64) {
    let s = x.sin();
    let c = x.cos();
    let g = s * s * s + c * c * c;
    let value = x.exp() / g.sqrt();
    let derivative = value * (1.0 - 1.5 * s * c * (s - c) / g);
    (value, derivative)
}

/// Asserts `|a − b| ≤ rel · max(|a|, |b|, 1)`, naming the quantity on failure.
fn assert_close(what: &str, a: f64, b: f64, rel: f64) {
    let scale = a.abs().max(b.abs()).max(1.0);
    assert!(
        (a - b).abs() <= rel * scale,
        "scalar bench sanity check failed for {what}: {a} vs {b} (relative tolerance {rel})"
    );
}

/// Checks, before anything is timed, that every benchmarked variant computes
/// the right thing at [`X`]: the hand-written `f'` against a central finite
/// difference, `f''` against a second difference, and the four dual-number
/// variants (both libraries, first and second order) against those.
fn sanity_check() {
    let x = X;
    let (s, c) = (x.sin(), x.cos());
    assert!(s * s * s + c * c * c > 0.0, "sin³x + cos³x must be positive at x = {x}");

    // Reference values: plain f64 and finite differences.
    let value = f::<f64>(x);
    let h1 = 1e-5;
    let fd1 = (f::<f64>(x + h1) - f::<f64>(x - h1)) / (2.0 * h1);
    let h2 = 1e-4;
    let fd2 = (f::<f64>(x + h2) - 2.0 * value + f::<f64>(x - h2)) / (h2 * h2);

    // Hand-written derivative against the finite difference.
    let (hv, hd) = f_and_df_by_hand(x);
    assert_close("hand-written f", hv, value, 1e-14);
    assert_close("hand-written f' vs central difference", hd, fd1, 1e-7);

    // First-order duals against the hand-written derivative.
    let ad = f(Dual64::new(x, 1.0));
    assert_close("autodiff Dual64 value", ad.re, value, 1e-14);
    assert_close("autodiff Dual64 f'", ad.eps, hd, 1e-12);
    let nd = f_num_dual(num_dual::Dual64::new(x, 1.0));
    assert_close("num-dual Dual64 value", nd.re, value, 1e-14);
    assert_close("num-dual Dual64 f'", nd.eps, hd, 1e-12);

    // Second-order duals: f' against the hand-written one, f'' against the
    // second difference and against each other.
    let ad2 = f(Dual2_64::new(x, 1.0, 0.0));
    assert_close("autodiff Dual2_64 value", ad2.re, value, 1e-14);
    assert_close("autodiff Dual2_64 f'", ad2.v1, hd, 1e-12);
    assert_close("autodiff Dual2_64 f'' vs second difference", ad2.v2, fd2, 1e-5);
    let nd2 = f_num_dual(num_dual::Dual2_64::new(x, 1.0, 0.0));
    assert_close("num-dual Dual2_64 value", nd2.re, value, 1e-14);
    assert_close("num-dual Dual2_64 f'", nd2.v1, hd, 1e-12);
    assert_close("num-dual Dual2_64 f'' vs second difference", nd2.v2, fd2, 1e-5);
    assert_close("autodiff vs num-dual f''", ad2.v2, nd2.v2, 1e-12);
}

/// Registers the six variants in the single group [`GROUP`]. Each iteration
/// reads `x` through `black_box`, builds the (seeded) input, evaluates, and
/// passes the whole result through `black_box`.
fn bench_scalar(c: &mut Criterion) {
    let mut group = c.benchmark_group(GROUP);

    group.bench_function("f64", |b| b.iter(|| black_box(f::<f64>(black_box(X)))));

    group.bench_function("hand-written f'", |b| {
        b.iter(|| black_box(f_and_df_by_hand(black_box(X))))
    });

    group.bench_function("autodiff Dual64", |b| {
        b.iter(|| black_box(f(Dual64::new(black_box(X), 1.0))))
    });

    group.bench_function("num-dual Dual64", |b| {
        b.iter(|| black_box(f_num_dual(num_dual::Dual64::new(black_box(X), 1.0))))
    });

    group.bench_function("autodiff Dual2_64", |b| {
        b.iter(|| black_box(f(Dual2_64::new(black_box(X), 1.0, 0.0))))
    });

    group.bench_function("num-dual Dual2_64", |b| {
        b.iter(|| black_box(f_num_dual(num_dual::Dual2_64::new(black_box(X), 1.0, 0.0))))
    });

    group.finish();
}

/// Runs [`sanity_check`], then the benchmarks (what `criterion_main!` would
/// generate, with the check in front), then criterion's final summary.
fn main() {
    sanity_check();
    let mut criterion = Criterion::default().configure_from_args();
    bench_scalar(&mut criterion);
    criterion.final_summary();
}
