//! Scalar benchmark: every scalar number type against its num-dual
//! counterpart, with the plain `f64` evaluation beside each.
//!
//! The one-variable function is
//!
//! ```text
//! f(x) = exp(x) / sqrt(sin³x + cos³x)
//! ```
//!
//! at the fixed point `x = 1.5`, where `sin³x + cos³x ≈ 0.9929 > 0`, so the
//! square root is well defined (and far from its singularity). The
//! two-variable function, for the mixed second partial, is
//!
//! ```text
//! g(x, y) = sin(xy) eˣ / y
//! ```
//!
//! at `(1.5, 1.3)`. Four criterion groups, one per derivative:
//!
//! 1. `f'(x) Dual64`: `f64` ([`f`] at `f64`), the value and f′ coded by hand
//!    ([`f_and_df_by_hand`], the lower bound for any AD), this crate's
//!    `Dual64` and num-dual's `Dual64`;
//! 2. `f''(x) Dual2_64`: `f64`, `Dual2_64` of both crates;
//! 3. `f'''(x) third derivative`: `f64`, this crate's `Jet64<4>` (through
//!    [`nth_derivative`]) and num-dual's `Dual3_64`;
//! 4. `g_xy HyperDual64`: [`g`] at `f64`, `HyperDual64` of both crates.
//!
//! The Rosenbrock-10 gradient and Hessian against num-dual are in the
//! `gradient` bench; `cargo bench --bench scalar --bench gradient` runs them
//! all in one go.
//!
//! The functions have to be written twice because num-dual's types do not
//! implement `num_traits::Float` (they implement num-dual's own `DualNum`
//! trait instead), so they cannot be passed to a `T: Scalar` function. Both
//! copies are written in exactly the same form, with the cubes spelled as
//! `s * s * s` (two multiplications, not `powi(3)`), so that both libraries
//! perform the same sequence of operations.
//!
//! Before any timing, `main` runs [`sanity_check`], which asserts that the
//! hand-written derivative matches a central finite difference and that all
//! AD variants agree with it (the second and third derivatives with finite
//! differences, the mixed partial with its closed form, and the two crates
//! with each other); a wrong result makes the benchmark panic instead of
//! timing something meaningless.
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

/// The point at which every variant of [`f`] is evaluated.
const X: f64 = 1.5;

/// The second input of [`g`].
const Y: f64 = 1.3;

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

/// `g(x, y) = sin(xy) eˣ / y`, generic over [`Scalar`], for the mixed
/// partial ∂²g/∂x∂y.
fn g<T: Scalar>(x: T, y: T) -> T {
    (x * y).sin() * x.exp() / y
}

/// The same `g` as [`g`], over num-dual's `DualNum`.
fn g_num_dual<D: DualNum + Copy>(x: D, y: D) -> D {
    (x * y).sin() * x.exp() / y
}

/// ∂²g/∂x∂y in closed form: g_x = eˣ(sin(xy)/y + cos(xy)), so
/// g_xy = eˣ(x cos(xy)/y − sin(xy)/y² − x sin(xy)).
fn g_xy_closed_form(x: f64, y: f64) -> f64 {
    let (s, c) = (x * y).sin_cos();
    x.exp() * (x * c / y - s / (y * y) - x * s)
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
/// the right thing at [`X`] (and [`Y`]): the hand-written `f'` against a
/// central finite difference, `f''` against a second difference, `f'''`
/// against a third difference, the closed-form ∂²g/∂x∂y against a mixed
/// difference, and every dual-number variant of both libraries against
/// those (and against each other). Every value checked is larger than 1 in
/// magnitude, so [`assert_close`]'s tolerance is relative.
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

    // Third derivative: a third central difference, and the two crates.
    let h3 = 1e-3;
    let fd3 = (f::<f64>(x + 2.0 * h3) - 2.0 * f::<f64>(x + h3) + 2.0 * f::<f64>(x - h3)
        - f::<f64>(x - 2.0 * h3))
        / (2.0 * h3 * h3 * h3);
    let aj = nth_derivative::<_, 4>(f, x);
    let nd3 = f_num_dual(num_dual::Dual3_64::new(x, 1.0, 0.0, 0.0));
    assert_close("num-dual Dual3_64 value", nd3.re, value, 1e-14);
    assert_close("autodiff Jet64<4> f''' vs third difference", aj, fd3, 1e-4);
    assert_close("autodiff vs num-dual f'''", aj, nd3.v3, 1e-12);

    // The mixed partial of g: its closed form against a mixed central
    // difference, then both crates against the closed form.
    let exact = g_xy_closed_form(x, Y);
    let h = 1e-4;
    let fdxy =
        (g(x + h, Y + h) - g(x + h, Y - h) - g(x - h, Y + h) + g(x - h, Y - h)) / (4.0 * h * h);
    assert_close("closed-form g_xy vs mixed difference", exact, fdxy, 1e-6);
    let ah = g(HyperDual64::new(x, 1.0, 0.0, 0.0), HyperDual64::new(Y, 0.0, 1.0, 0.0));
    assert_close("autodiff HyperDual64 value", ah.re, g(x, Y), 1e-14);
    assert_close("autodiff HyperDual64 g_xy", ah.eps1eps2, exact, 1e-12);
    let nh = g_num_dual(
        num_dual::HyperDual64::new(x, 1.0, 0.0, 0.0),
        num_dual::HyperDual64::new(Y, 0.0, 1.0, 0.0),
    );
    assert_close("num-dual HyperDual64 g_xy", nh.eps1eps2, exact, 1e-12);
}

/// Registers the four groups, each with the plain `f64` evaluation beside
/// this crate's number type and num-dual's. Each iteration reads the input
/// through `black_box`, builds the (seeded) number, evaluates, and passes
/// the whole result through `black_box`.
fn bench_scalar(c: &mut Criterion) {
    let mut group = c.benchmark_group("f'(x) Dual64");
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
    group.finish();

    let mut group = c.benchmark_group("f''(x) Dual2_64");
    group.bench_function("f64", |b| b.iter(|| black_box(f::<f64>(black_box(X)))));
    group.bench_function("autodiff Dual2_64", |b| {
        b.iter(|| black_box(f(Dual2_64::new(black_box(X), 1.0, 0.0))))
    });
    group.bench_function("num-dual Dual2_64", |b| {
        b.iter(|| black_box(f_num_dual(num_dual::Dual2_64::new(black_box(X), 1.0, 0.0))))
    });
    group.finish();

    let mut group = c.benchmark_group("f'''(x) third derivative");
    group.bench_function("f64", |b| b.iter(|| black_box(f::<f64>(black_box(X)))));
    group.bench_function("autodiff Jet64<4>", |b| {
        b.iter(|| black_box(nth_derivative::<_, 4>(f, black_box(X))))
    });
    group.bench_function("num-dual Dual3_64", |b| {
        b.iter(|| black_box(f_num_dual(num_dual::Dual3_64::new(black_box(X), 1.0, 0.0, 0.0))))
    });
    group.finish();

    let mut group = c.benchmark_group("g_xy HyperDual64");
    group.bench_function("f64", |b| b.iter(|| black_box(g::<f64>(black_box(X), black_box(Y)))));
    group.bench_function("autodiff HyperDual64", |b| {
        b.iter(|| {
            let x = HyperDual64::new(black_box(X), 1.0, 0.0, 0.0);
            black_box(g(x, HyperDual64::new(black_box(Y), 0.0, 1.0, 0.0)))
        })
    });
    group.bench_function("num-dual HyperDual64", |b| {
        b.iter(|| {
            let x = num_dual::HyperDual64::new(black_box(X), 1.0, 0.0, 0.0);
            black_box(g_num_dual(x, num_dual::HyperDual64::new(black_box(Y), 0.0, 1.0, 0.0)))
        })
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
