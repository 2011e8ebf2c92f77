//! What the `#[differentiable]` rewrite costs at run time: a function
//! written the way `f64` code is written (an iterator chain over references
//! zipped with constant data, a `-=` accumulator, an integer cast), against
//! the same operations written generically by hand, a hand-written
//! gradient, and num-dual.
//!
//! The function is the mean logistic loss of 8 weights over 32 fixed
//! samples,
//!
//! ```text
//! L(w) = −(1/m) Σ_s [y_s ln p_s + (1 − y_s) ln(1 − p_s)],  p_s = σ(w·x_s),
//! ∂L/∂w_j = (1/m) Σ_s (p_s − y_s) x_sj.
//! ```
//!
//! Six variants in one criterion group, each giving value and gradient:
//! `#[differentiable]` with `.value_and_grad` ([`logistic_loss`], one pass
//! of `DualVec<f64, 8>`); the same with its data-only arithmetic kept
//! `f64` by `#[constant] let` ([`logistic_loss_hoisted`]); what the rewrite emits, written by hand over
//! `T: Scalar` ([`logistic_loss_lifted`]: the ratio of the two is the cost
//! of the rewrite's machinery, probes and assignment wrappers); the loss
//! written generically with `f64` data kept `f64` ([`logistic_loss_generic`]:
//! the ratio to it is the cost of lifting every literal); by hand
//! ([`gradient_by_hand`], the lower bound); num-dual's `gradient` (one pass
//! of `DualSVec64<8>`, [`logistic_loss_num_dual`]).
//!
//! `main` first runs [`sanity_check`] (the hand-written gradient against
//! finite differences, and every AD result against it), so a wrong result
//! stops the benchmark; CI runs it with `--test`.
//!
//! ```text
//! cargo bench --bench differentiable
//! ```

use std::hint::black_box;
use std::time::Duration;

use autodiff::prelude::*;
use criterion::Criterion;
use num_dual::DualNum;

/// Weights.
const N: usize = 8;
/// Samples.
const M: usize = 32;

/// A fixed data set: features in [-1, 1], labels 0 or 1.
fn samples() -> Vec<([f64; N], f64)> {
    (0..M)
        .map(|s| {
            let x = core::array::from_fn(|j| (((s * 7 + j * 3) % 11) as f64 - 5.0) / 5.0);
            (x, (s % 3 == 0) as u8 as f64)
        })
        .collect()
}

/// The weights the gradient is taken at.
fn weights() -> [f64; N] {
    core::array::from_fn(|j| 0.3 - 0.1 * j as f64)
}

/// The loss as ordinary `f64` code, made differentiable.
#[differentiable]
fn logistic_loss(w: [f64; N], #[constant] data: &[([f64; N], f64)]) -> f64 {
    let mut total = 0.0;
    for (x, y) in data {
        let z: f64 = w.iter().zip(x).map(|(wi, xi)| wi * xi).sum();
        let p = 1.0 / (1.0 + (-z).exp());
        total -= y * p.ln() + (1.0 - y) * (1.0 - p).ln();
    }
    total / data.len() as f64
}

/// [`logistic_loss`] with its data-only arithmetic (`1.0 - y`, the count)
/// kept `f64` by `#[constant] let`, as the macro docs advise for hot loops.
#[differentiable]
fn logistic_loss_hoisted(w: [f64; N], #[constant] data: &[([f64; N], f64)]) -> f64 {
    let mut total = 0.0;
    for (x, y) in data {
        let z: f64 = w.iter().zip(x).map(|(wi, xi)| wi * xi).sum();
        let p = 1.0 / (1.0 + (-z).exp());
        #[constant]
        let not_y = 1.0 - y;
        total -= y * p.ln() + not_y * (1.0 - p).ln();
    }
    #[constant]
    let m = data.len() as f64;
    total / m
}

/// What the rewrite makes of [`logistic_loss`], written by hand: every
/// literal lifted to `T::cst`, so `1.0 - y` is a (constant) number.
fn logistic_loss_lifted<T: Scalar>(w: [T; N], data: &[([f64; N], f64)]) -> T {
    let mut total = T::cst(0.0);
    for (x, y) in data {
        let z: T = w.iter().zip(x).map(|(wi, xi)| *wi * *xi).sum();
        let p = T::cst(1.0) / (T::cst(1.0) + (-z).exp());
        total -= p.ln() * *y + (T::cst(1.0) - *y) * (T::cst(1.0) - p).ln();
    }
    total / T::cst(data.len() as f64)
}

/// The same loss written generically by hand as a careful user would:
/// `f64` data stays `f64` (`(1.0 - y)` is a plain number).
fn logistic_loss_generic<T: Scalar>(w: [T; N], data: &[([f64; N], f64)]) -> T {
    let mut total = T::zero();
    for (x, y) in data {
        let z: T = w.iter().zip(x).map(|(wi, xi)| *wi * *xi).sum();
        let p = T::one() / ((-z).exp() + 1.0);
        total -= p.ln() * *y + (T::one() - p).ln() * (1.0 - y);
    }
    total / data.len() as f64
}

/// The same operations over num-dual's numbers.
fn logistic_loss_num_dual<D: DualNum<Primitive = f64> + Copy>(
    w: &[D],
    data: &[([f64; N], f64)],
) -> D {
    let mut total = D::zero();
    for (x, y) in data {
        let z = w.iter().zip(x).fold(D::zero(), |acc, (wi, xi)| acc + *wi * *xi);
        let p = D::one() / ((-z).exp() + 1.0);
        total -= p.ln() * *y + (D::one() - p).ln() * (1.0 - y);
    }
    total / data.len() as f64
}

/// Value and gradient by hand: `(1/m) Σ (p_s − y_s) x_s`.
fn gradient_by_hand(w: &[f64; N], data: &[([f64; N], f64)]) -> (f64, [f64; N]) {
    let (mut value, mut grad) = (0.0, [0.0; N]);
    for (x, y) in data {
        let z: f64 = w.iter().zip(x).map(|(wi, xi)| wi * xi).sum();
        let p = 1.0 / (1.0 + (-z).exp());
        value -= y * p.ln() + (1.0 - y) * (1.0 - p).ln();
        for j in 0..N {
            grad[j] += (p - y) * x[j];
        }
    }
    let m = data.len() as f64;
    (value / m, grad.map(|g| g / m))
}

/// Asserts that the hand-written gradient matches central finite
/// differences and that every AD variant matches it to a relative 1e-12.
fn sanity_check() {
    let (w, data) = (weights(), samples());
    let (value, grad) = gradient_by_hand(&w, &data);
    for j in 0..N {
        let h = 1e-6;
        let (mut up, mut down) = (w, w);
        up[j] += h;
        down[j] -= h;
        let fd = (logistic_loss(up, &data) - logistic_loss(down, &data)) / (2.0 * h);
        assert!((fd - grad[j]).abs() <= 1e-7 * grad[j].abs().max(1e-3), "FD check of ∂L/∂w{j}");
    }
    let close = |a: f64, b: f64| (a - b).abs() <= 1e-12 * b.abs().max(1e-12);
    let (v1, g1) = (|w| logistic_loss(w, &data)).value_and_grad(w);
    let (v2, g2) = gradient(|w| logistic_loss_generic(w, &data), w);
    let (v4, g4) = gradient(|w| logistic_loss_lifted(w, &data), w);
    let (v5, g5) = (|w| logistic_loss_hoisted(w, &data)).value_and_grad(w);
    let (v3, g3) = num_dual::gradient(
        |v| -> num_dual::DualSVec64<N> { logistic_loss_num_dual(v.as_slice(), &data) },
        &From::from(w),
    );
    let results = [
        (v1, g1.to_vec()),
        (v2, g2.to_vec()),
        (v3, g3.iter().copied().collect()),
        (v4, g4.to_vec()),
        (v5, g5.to_vec()),
    ];
    for (v, g) in results {
        assert!(close(v, value), "value {v} against {value}");
        for j in 0..N {
            assert!(close(g[j], grad[j]), "∂L/∂w{j}: {} against {}", g[j], grad[j]);
        }
    }
}

fn bench(c: &mut Criterion) {
    let (w, data) = (weights(), samples());
    let ws = From::from(w);
    let mut group = c.benchmark_group("logistic loss, 8 weights, 32 samples");
    group.measurement_time(Duration::from_secs(3));
    group.bench_function("hand-written", |b| {
        b.iter(|| black_box(gradient_by_hand(black_box(&w), &data)))
    });
    group.bench_function("#[differentiable] value_and_grad", |b| {
        b.iter(|| black_box((|w| logistic_loss(w, &data)).value_and_grad(black_box(w))))
    });
    group.bench_function("#[differentiable] with #[constant] let", |b| {
        b.iter(|| black_box((|w| logistic_loss_hoisted(w, &data)).value_and_grad(black_box(w))))
    });
    group.bench_function("rewrite's output by hand, gradient", |b| {
        b.iter(|| black_box(gradient(|w| logistic_loss_lifted(w, &data), black_box(w))))
    });
    group.bench_function("generic by hand, gradient", |b| {
        b.iter(|| black_box(gradient(|w| logistic_loss_generic(w, &data), black_box(w))))
    });
    group.bench_function("num-dual gradient", |b| {
        b.iter(|| {
            black_box(num_dual::gradient(
                |v| -> num_dual::DualSVec64<N> { logistic_loss_num_dual(v.as_slice(), &data) },
                black_box(&ws),
            ))
        })
    });
    group.finish();
}

/// Runs [`sanity_check`], then the benchmarks.
fn main() {
    sanity_check();
    let mut c = Criterion::default().configure_from_args();
    bench(&mut c);
    c.final_summary();
}
