//! Symbolic differentiation vs AD (seed 004, the optional lab): the
//! derivatives SymPy prints for J = w², 2w, w³, 1/w, 1/w² (2w, 2, 3w²,
//! −1/w², −2/w³), evaluated at the lab's points, next to the lab's
//! arithmetic estimate (J(w + ε) − J(w))/ε and to AD, which gives SymPy's
//! numbers without the algebra.
//!
//! Run with `cargo run --release --example symbolic_vs_ad [DIR]`; the
//! picture goes to `DIR` (default `target/plots/`).

mod common;

use autodiff::prelude::*;
use common::plot::{sample, save_panels, Chart, Legend, Style};
use common::seeds::{j_square, lab_estimate, sympy_lab};

fn main() -> common::plot::Result {
    println!(
        "{:<8} {:<10} {:>4} {:>12} {:>22} {:>12}",
        "J", "diff(J, w)", "w", "SymPy value", "lab (J(w+ε)−J(w))/ε", "AD"
    );
    for case in sympy_lab() {
        println!(
            "{:<8} {:<10} {:>4} {:>12} {:>22} {:>12}",
            case.j,
            case.sympy,
            case.w,
            (case.symbolic)(case.w),
            lab_estimate(case.value, case.w, 0.001),
            (case.ad)(case.w)
        );
    }
    // The lab also substitutes w = 2 and w = -3 into 2w, and shrinks ε.
    println!(
        "\nJ = w²: dJ/dw at 2 = {} (SymPy 4), at -3 = {} (SymPy -6)",
        j_square.grad(2.0),
        j_square.grad(-3.0)
    );
    println!(
        "J = w² at 3 with ε = 1e-9: lab estimate {} (the lab prints 6.000000496442226), AD {}",
        lab_estimate(j_square, 3.0, 1e-9),
        j_square.grad(3.0)
    );

    let charts: Vec<Chart> = sympy_lab()
        .into_iter()
        .map(|case| {
            let (a, b) = if case.sympy.contains('/') { (0.5, 5.0) } else { (-4.0, 4.0) };
            let values: Vec<f64> = [a, b, case.w].iter().map(|&w| (case.symbolic)(w)).collect();
            let lo = values.iter().copied().fold(f64::INFINITY, f64::min).min(0.0);
            let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max).max(0.0);
            let pad = (hi - lo).max(1.0) * 0.15;
            Chart::new(&format!("J = {}: J' = {}", case.j, case.sympy), a..b, lo - pad..hi + pad)
                .labels("w", "dJ/dw")
                .legend(if case.sympy.starts_with('-') || case.sympy == "2" {
                    Legend::LowerRight
                } else {
                    Legend::UpperLeft
                })
                .series(
                    &format!("SymPy: {}", case.sympy),
                    sample(case.symbolic, a, b, 200),
                    Style::Thick,
                    None,
                )
                .series("AD", sample(case.ad, a, b, 12), Style::Dots, None)
                .series(
                    &format!("lab point w = {}: {}", case.w, (case.ad)(case.w)),
                    vec![(case.w, (case.ad)(case.w))],
                    Style::Ring,
                    Some(plotters::style::BLACK),
                )
        })
        .collect();
    save_panels(
        &common::plot::out_dir().join("symbolic_vs_ad.svg"),
        "SymPy's derivatives and AD at the lab's points",
        3,
        (500, 380),
        &charts,
    )?;
    Ok(())
}
