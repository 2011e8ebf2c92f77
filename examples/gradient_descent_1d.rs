//! Gradient descent in one dimension (seed 003): minimise
//! f(x) = ln(x⁴ + x³ + 2) from x = −9.41 in 5000 steps, with f' by AD.
//!
//! The seed's hand-written derivative divides by f instead of by
//! x⁴ + x³ + 2, and reaches −0.75 with rate 0.001 only because of that
//! bug. With the exact derivative, rate 0.001 stops at x ≈ −6.868 after
//! 5000 steps, and rate 0.01 reaches the minimum x = −0.75,
//! f(−0.75) = 0.6389714464579207 (the other stationary point, x = 0, has
//! f = ln 2 ≈ 0.693147).
//!
//! Run with `cargo run --release --example gradient_descent_1d [DIR]`; the
//! picture goes to `DIR` (default `target/plots/`).

mod common;

use autodiff::prelude::*;
use common::seeds::{
    descend, descend_with_seed_bug, seed_loss, DESCENT_RATES, DESCENT_START, DESCENT_STEPS,
};

fn main() -> common::plot::Result {
    // f' = (4x³ + 3x²)/(x⁴ + x³ + 2): AD agrees with the closed form.
    let x = -2.0;
    println!(
        "f'({x}) by AD {}, closed form (4x³ + 3x²)/(x⁴ + x³ + 2) = {}",
        seed_loss.grad(x),
        (4.0 * x * x * x + 3.0 * x * x) / (x.powi(4) + x.powi(3) + 2.0)
    );

    let mut runs = Vec::new();
    for rate in DESCENT_RATES {
        let path = descend(seed_loss, DESCENT_START, rate, DESCENT_STEPS);
        let end = *path.last().unwrap();
        println!(
            "rate {rate:<5}: x after {DESCENT_STEPS} steps = {end:<20}, f(x) = {:<18}, f'(x) = {:.2e}",
            seed_loss(end),
            seed_loss.grad(end)
        );
        runs.push((rate, path));
    }
    println!("seed's values: rate 0.001 stops at x ≈ −6.868; rate 0.01 reaches x = −0.75, f = 0.6389714464579207");
    println!(
        "the minima: f(−0.75) = {:.16}, f(0) = ln 2 = {:.6}",
        seed_loss(-0.75),
        seed_loss(0.0)
    );
    println!(
        "the seed's buggy derivative ((4x³ + 3x²)/f) with rate 0.001 ends at x = {:.6}",
        descend_with_seed_bug(DESCENT_START, 0.001, DESCENT_STEPS)
    );

    common::figures::descent_1d(&common::plot::out_dir(), &runs)?;
    Ok(())
}
