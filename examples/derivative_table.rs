//! The derivative table of the seed material, by automatic differentiation,
//! next to the closed forms; the activations (sigmoid, tanh, ReLU,
//! LeakyReLU, ELU) plotted with their derivatives; a gradient and the
//! softmax Jacobian.
//!
//! Run with `cargo run --release --example derivative_table [DIR]`; the
//! picture goes to `DIR` (default `target/plots/`).

mod common;

use autodiff::prelude::*;
use common::seeds::{derivative_table, quartic_bowl, Row};

fn print_row(row: &Row) {
    for &x in row.points {
        let (ad, exact) = ((row.ad)(x), (row.exact)(x));
        println!(
            "{:<19} {:>5} {:>12.6} {:>22.15e} {:>22.15e}  {}",
            row.name,
            x,
            (row.f)(x),
            ad,
            exact,
            row.closed_form
        );
    }
}

fn main() -> common::plot::Result {
    println!(
        "{:<19} {:>5} {:>12} {:>22} {:>22}  closed form",
        "f", "x", "f(x)", "f'(x) by AD", "closed form"
    );
    for row in derivative_table() {
        print_row(&row);
    }

    // The infinitesimal view of seed 003: (3 + ε)² = 9 + 6ε.
    let x = Dual64::variable(3.0);
    println!("\n(3 + ε)² = {}   so d(x²)/dx at 3 is 6", x * x);

    // A gradient: ∇(x⁴ + y²) = [4x³, 2y].
    let (x, y) = (1.5, -2.0);
    let (gx, gy) = quartic_bowl.grad((x, y));
    println!(
        "∇(x⁴ + y²) at ({x}, {y}) = [{gx}, {gy}]   closed form [4x³, 2y] = [{}, {}]",
        4.0 * x * x * x,
        2.0 * y
    );

    // softmax: its Jacobian is diag(s) − s sᵀ.
    let z = [1.0, 2.0, 0.5];
    let s = softmax(&z);
    let jac = (|v: [DualVec64<3>; 3]| {
        let out = softmax(&v);
        [out[0], out[1], out[2]]
    })
    .jacobian(z);
    println!("\nsoftmax at {z:?}: s = {s:.6?}");
    for i in 0..3 {
        let closed: Vec<f64> =
            (0..3).map(|j| if i == j { s[i] - s[i] * s[j] } else { -s[i] * s[j] }).collect();
        println!("  Jacobian row {i}: AD {:>10.6?}   diag(s) − s sᵀ {:>10.6?}", jac[i], closed);
    }

    let dir = common::plot::out_dir();
    common::figures::activations(&dir)?;
    Ok(())
}
