//! A first look: derivatives of textbook functions, computed with dual
//! numbers, printed next to their closed forms.
//!
//! Run with `cargo run --release --example quickstart`.

use autodiff::prelude::*;

/// One row: a function written generically, its closed-form derivative, a
/// point.
struct Row {
    name: &'static str,
    closed_form: &'static str,
    x: f64,
    ad: fn(f64) -> (f64, f64),
    exact: fn(f64) -> f64,
}

/// The rows of the table, from the derivative table users learn first.
fn rows() -> Vec<Row> {
    vec![
        Row {
            name: "x²",
            closed_form: "2x",
            x: 3.0,
            ad: |x| value_and_derivative(|x| x * x, x),
            exact: |x| 2.0 * x,
        },
        Row {
            name: "1/w²",
            closed_form: "-2/w³",
            x: 4.0,
            ad: |x| value_and_derivative(|w| w.powi(-2), x),
            exact: |w| -2.0 / w.powi(3),
        },
        Row {
            name: "(3x + 2)²",
            closed_form: "6(3x + 2)",
            x: 1.0,
            ad: |x| value_and_derivative(|x| (x * 3.0 + 2.0).powi(2), x),
            exact: |x| 6.0 * (3.0 * x + 2.0),
        },
        Row {
            name: "sin x · eˣ",
            closed_form: "(cos x + sin x) eˣ",
            x: 1.5,
            ad: |x| value_and_derivative(|x| x.sin() * x.exp(), x),
            exact: |x| (x.cos() + x.sin()) * x.exp(),
        },
        Row {
            name: "arctan x",
            closed_form: "1/(1 + x²)",
            x: 0.5,
            ad: |x| value_and_derivative(|x| x.atan(), x),
            exact: |x| 1.0 / (1.0 + x * x),
        },
        Row {
            name: "σ(x)",
            closed_form: "σ(1 - σ)",
            x: 0.8,
            ad: |x| value_and_derivative(|x| x.sigmoid(), x),
            exact: |x| x.sigmoid() * (1.0 - x.sigmoid()),
        },
        Row {
            name: "e^(-x²/2)",
            closed_form: "-x e^(-x²/2)",
            x: 1.2,
            ad: |x| value_and_derivative(|x| (-x * x / 2.0).exp(), x),
            exact: |x| -x * (-x * x / 2.0).exp(),
        },
        Row {
            name: "√x at 0",
            closed_form: "+∞ (one-sided)",
            x: 0.0,
            ad: |x| value_and_derivative(|x| x.sqrt(), x),
            exact: |_| f64::INFINITY,
        },
    ]
}

fn main() {
    println!(
        "{:<12} {:>6} {:>22} {:>22}  closed form",
        "f", "x", "f'(x) by AD", "closed form value"
    );
    for row in rows() {
        let (_, d) = (row.ad)(row.x);
        let exact = (row.exact)(row.x);
        println!("{:<12} {:>6} {:>22} {:>22}  {}", row.name, row.x, d, exact, row.closed_form);
    }

    // The infinitesimal view: (3 + ε)² = 9 + 6ε.
    let x = Dual64::variable(3.0);
    println!("\n(3 + ε)² = {}", x * x);

    // Value, first and second derivative in one pass.
    let (f, f1, f2) = second_derivative(|x| x.powi(3), 2.0);
    println!("x³ at 2: f = {f}, f' = {f1} (3x² = 12), f'' = {f2} (6x = 12)");
}
