//! Taylor-mode benchmark: higher derivatives of one scalar function with
//! [`Jet`] against the dual numbers that compute the same thing.
//!
//! The function is the one of `benches/scalar.rs`,
//!
//! ```text
//! f(x) = exp(x) / sqrt(sin³x + cos³x)
//! ```
//!
//! at `x = 1.5`, where `sin³x + cos³x ≈ 0.9929 > 0`.
//!
//! Two criterion groups:
//!
//! 1. `order 2: Jet vs Dual2` – value, f' and f'' with `Jet64<3>` (three
//!    Taylor coefficients) and with `Dual2_64`, next to the plain `f64`
//!    value;
//! 2. `order 8: Jet vs nested duals` – the 8th derivative with `Jet64<9>`
//!    (nine coefficients, O(K²) work per operation) and with eight nested
//!    [`Dual`]s, `Dual<Dual<…Dual<f64>…>>`, seeded `x + ε₁ + … + ε₈`, whose
//!    ε₁ε₂⋯ε₈ part is f⁽⁸⁾ (2⁸ = 256 numbers per value).
//!
//! Before any timing, `main` runs [`sanity_check`]: the order-2 results of
//! both types agree with each other and with finite differences, and the
//! 8th derivative agrees between the two types and with mpmath's
//! `diff(f, 1.5, 8)`; a wrong result panics instead of timing something
//! meaningless.
//!
//! Run it with
//!
//! ```text
//! cargo bench --bench taylor
//! # quicker, rougher figures:
//! cargo bench --bench taylor -- --warm-up-time 1 --measurement-time 3
//! ```
//!
//! Criterion writes its estimates (mean, median, …) to
//! `target/criterion/<group>/<function>/new/estimates.json`.

use std::hint::black_box;

use autodiff::prelude::*;
use criterion::Criterion;

/// The point at which every variant is evaluated.
const X: f64 = 1.5;

/// f⁽⁸⁾(1.5) from mpmath (`mp.dps = 40; mp.diff(f, 1.5, 8)`).
const EIGHTH_DERIVATIVE: f64 = 253_664.344_430_156_14;

/// `f(x) = eˣ / √(sin³x + cos³x)`, generic over [`Scalar`]; the cubes are
/// written `s * s * s`, as in `benches/scalar.rs`.
fn f<T: Scalar>(x: T) -> T {
    let s = x.sin();
    let c = x.cos();
    x.exp() / (s * s * s + c * c * c).sqrt()
}

/// Eight nested dual numbers: derivatives up to the 8th.
type Dual8 = Dual<Dual<Dual<Dual<Dual<Dual<Dual<Dual<f64>>>>>>>>;

/// A number type seeded as `x + ε₁ + … + εₙ`, one ε per nesting level,
/// whose ε₁⋯εₙ part is then the n-th derivative.
trait Nested: Scalar {
    /// `x + ε₁ + … + εₙ`.
    fn seed(x: f64) -> Self;
    /// The ε₁⋯εₙ part.
    fn top(self) -> f64;
}

impl Nested for f64 {
    fn seed(x: f64) -> Self {
        x
    }
    fn top(self) -> f64 {
        self
    }
}

impl<T: Nested> Nested for Dual<T> {
    fn seed(x: f64) -> Self {
        Dual::new(T::seed(x), T::one())
    }
    fn top(self) -> f64 {
        self.eps.top()
    }
}

/// f⁽⁸⁾(x) with [`Jet`]: nine Taylor coefficients, the last times 8!.
fn eighth_by_jet(x: f64) -> f64 {
    nth_derivative::<_, 9>(f, x)
}

/// f⁽⁸⁾(x) with eight nested [`Dual`]s.
fn eighth_by_nested_duals(x: f64) -> f64 {
    f(Dual8::seed(x)).top()
}

/// Asserts `|a − b| ≤ rel · max(|a|, |b|, 1)`, naming the quantity on failure.
fn assert_close(what: &str, a: f64, b: f64, rel: f64) {
    let scale = a.abs().max(b.abs()).max(1.0);
    assert!(
        (a - b).abs() <= rel * scale,
        "taylor bench sanity check failed for {what}: {a} vs {b} (relative tolerance {rel})"
    );
}

/// Checks, before anything is timed, that every variant computes the right
/// thing at [`X`].
fn sanity_check() {
    let x = X;
    let value = f::<f64>(x);
    let h1 = 1e-5;
    let fd1 = (f::<f64>(x + h1) - f::<f64>(x - h1)) / (2.0 * h1);
    let h2 = 1e-4;
    let fd2 = (f::<f64>(x + h2) - 2.0 * value + f::<f64>(x - h2)) / (h2 * h2);

    let d2 = f(Dual2_64::variable(x));
    assert_close("Dual2_64 value", d2.re, value, 0.0);
    assert_close("Dual2_64 f' vs central difference", d2.v1, fd1, 1e-8);
    assert_close("Dual2_64 f'' vs second difference", d2.v2, fd2, 1e-5);
    let j = f(Jet64::<3>::variable(x)).derivatives();
    assert_close("Jet64<3> value", j[0], value, 0.0);
    assert_close("Jet64<3> vs Dual2_64 f'", j[1], d2.v1, 1e-14);
    assert_close("Jet64<3> vs Dual2_64 f''", j[2], d2.v2, 1e-13);

    let by_jet = eighth_by_jet(x);
    let by_duals = eighth_by_nested_duals(x);
    assert_close("f⁽⁸⁾: Jet64<9> vs nested duals", by_jet, by_duals, 1e-12);
    assert_close("f⁽⁸⁾: Jet64<9> vs mpmath", by_jet, EIGHTH_DERIVATIVE, 1e-12);
}

/// Order 2: `f64`, `Dual2_64` and `Jet64<3>`.
fn bench_order_2(c: &mut Criterion) {
    let mut group = c.benchmark_group("order 2: Jet vs Dual2");
    group.bench_function("f64", |b| b.iter(|| black_box(f::<f64>(black_box(X)))));
    group.bench_function("Dual2_64", |b| b.iter(|| black_box(f(Dual2_64::variable(black_box(X))))));
    group.bench_function("Jet64<3>", |b| {
        b.iter(|| black_box(f(Jet64::<3>::variable(black_box(X)))))
    });
    group.finish();
}

/// Order 8: `Jet64<9>` and eight nested `Dual`s, each returning f⁽⁸⁾.
fn bench_order_8(c: &mut Criterion) {
    let mut group = c.benchmark_group("order 8: Jet vs nested duals");
    group.bench_function("Jet64<9>", |b| b.iter(|| black_box(eighth_by_jet(black_box(X)))));
    group.bench_function("Dual^8 (nested)", |b| {
        b.iter(|| black_box(eighth_by_nested_duals(black_box(X))))
    });
    group.finish();
}

/// Runs [`sanity_check`], then both groups, then criterion's summary.
fn main() {
    sanity_check();
    let mut criterion = Criterion::default().configure_from_args();
    bench_order_2(&mut criterion);
    bench_order_8(&mut criterion);
    criterion.final_summary();
}
