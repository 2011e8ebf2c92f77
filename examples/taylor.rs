//! Taylor mode: every derivative up to order K − 1 from one evaluation
//! with a `Jet`. Taylor coefficients of sin, cos, ln(1 + x) and e^(−x²)
//! next to their closed forms, eˣ = Σ xᵏ/k! from its n-th derivatives,
//! Leibniz' rule (fg)⁽ⁿ⁾ = Σ C(n, k) f⁽ⁿ⁻ᵏ⁾ g⁽ᵏ⁾ checked numerically, and
//! e^(−1/x²), whose Taylor series at 0 is 0; the partial sums plotted.
//!
//! Run with `cargo run --release --example taylor [DIR]`; the picture goes
//! to `DIR` (default `target/plots/`).

mod common;

use autodiff::prelude::*;
use common::seeds::{binomial, flat, partial_sum};

/// k! as an `f64`.
fn factorial(k: usize) -> f64 {
    (1..=k).map(|i| i as f64).product()
}

fn main() -> common::plot::Result {
    // Coefficients cₖ = f⁽ᵏ⁾(0)/k! from one pass each, against the series
    // every table lists.
    const K: usize = 9;
    type Closed = fn(usize) -> f64;
    let cases: [(&str, [f64; K], &str, Closed); 4] = [
        ("sin x", taylor(|x| x.sin(), 0.0), "(−1)^j/(2j+1)! at k = 2j+1", |k| {
            if k % 2 == 1 {
                (-1f64).powi((k / 2) as i32) / factorial(k)
            } else {
                0.0
            }
        }),
        ("cos x", taylor(|x| x.cos(), 0.0), "(−1)^j/(2j)! at k = 2j", |k| {
            if k % 2 == 0 {
                (-1f64).powi((k / 2) as i32) / factorial(k)
            } else {
                0.0
            }
        }),
        ("ln(1+x)", taylor(|x| x.ln_1p(), 0.0), "(−1)^(k+1)/k", |k| {
            if k == 0 {
                0.0
            } else {
                -(-1f64).powi(k as i32) / k as f64
            }
        }),
        ("e^(−x²)", taylor(|x| (-x * x).exp(), 0.0), "(−1)^j/j! at k = 2j", |k| {
            if k % 2 == 0 {
                (-1f64).powi((k / 2) as i32) / factorial(k / 2)
            } else {
                0.0
            }
        }),
    ];
    for (name, c, rule, closed) in cases {
        println!("{name:<8} Taylor coefficients c₀…c₈ at 0 (closed form {rule}):");
        println!("  Jet:    {:>10.6?}", c.map(|v| v + 0.0)); // + 0.0: print −0 as 0
        println!("  closed: {:>10.6?}", core::array::from_fn::<f64, K, _>(closed));
    }

    // eˣ = Σ xᵏ/k!: every derivative of eˣ at 0 is 1.
    let d = derivatives::<_, 16>(|x| x.exp(), 0.0);
    println!("\nderivatives of eˣ at 0, orders 0..15: {d:?}");
    let c: Vec<f64> = d.iter().enumerate().map(|(k, dk)| dk / factorial(k)).collect();
    for n in [1, 2, 4, 8, 15] {
        let s = partial_sum(&c, n, 1.0);
        println!("  Σ_(k≤{n:>2}) 1/k! = {s:.15}   e − sum = {:.2e}", std::f64::consts::E - s);
    }
    println!(
        "  nth_derivative::<_, 11>(exp, 2) = {} (e² = {})",
        nth_derivative::<_, 11>(|x| x.exp(), 2.0),
        2f64.exp()
    );

    // Leibniz' rule for f = sin, g = exp at 0.7, n = 6.
    const N: usize = 6;
    let x0 = 0.7;
    let f = derivatives::<_, { N + 1 }>(|x| x.sin(), x0);
    let g = derivatives::<_, { N + 1 }>(|x| x.exp(), x0);
    let fg = derivatives::<_, { N + 1 }>(|x| x.sin() * x.exp(), x0)[N];
    let leibniz: f64 = (0..=N).map(|k| binomial(N, k) * f[N - k] * g[k]).sum();
    // (sin · exp)⁽ⁿ⁾ = 2^(n/2) eˣ sin(x + nπ/4)
    let closed =
        2f64.powf(N as f64 / 2.0) * x0.exp() * (x0 + N as f64 * std::f64::consts::FRAC_PI_4).sin();
    println!("\nLeibniz: (sin · exp)⁽⁶⁾(0.7) by Jet {fg:.12}, by Σ C(6,k) f⁽⁶⁻ᵏ⁾g⁽ᵏ⁾ {leibniz:.12}, closed form 2³eˣ sin(x + 6π/4) {closed:.12}");

    // The flat function: all derivatives 0 at 0, yet f ≠ 0.
    let d = derivatives::<_, 8>(flat, 0.0);
    println!(
        "\ne^(−1/x²) (0 at 0): derivatives at 0 {d:?}: its Taylor series is 0, but f(0.5) = {:.6}",
        flat(0.5)
    );

    common::figures::taylor_polynomials(&common::plot::out_dir())?;
    Ok(())
}
