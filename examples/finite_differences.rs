//! Finite differences against the exact derivative (seed 001, fig. 12.9):
//! the forward, backward and central difference quotients of sin at
//! h = 3, 1, 0.1 next to cos, and their error as h shrinks from 1 to
//! 1e-16 on a log-log plot, next to AD's, which is exact: truncation error
//! for large h, cancellation for small h, and no step to choose with AD.
//!
//! Run with `cargo run --release --example finite_differences [DIR]`; the
//! pictures go to `DIR` (default `target/plots/`).

mod common;

use autodiff::prelude::*;
use common::plot::{color, sample, save_panels, Chart, Legend, Style};
use common::seeds::{
    backward_difference, central_difference, difference_errors, forward_difference, SEED_STEPS,
};
use plotters::style::BLACK;

fn main() -> common::plot::Result {
    let x = 1.0f64;
    println!(
        "d/dx sin x at x = {x}: cos x = {:.15}, AD = {:.15}\n",
        x.cos(),
        derivative(|x| x.sin(), x)
    );
    // The quotients of sin have closed forms (sum-to-product identities):
    // forward = cos(x + h/2)·sin(h/2)/(h/2), backward = cos(x − h/2)·sin(h/2)/(h/2),
    // central = cos x · sin(h)/h.
    println!(
        "{:>5}  {:>28}  {:>28}  {:>28}",
        "h", "forward (closed form)", "backward (closed form)", "central (closed form)"
    );
    for h in SEED_STEPS {
        let s = (h / 2.0).sin() / (h / 2.0);
        println!(
            "{h:>5}  {:>13.9} ({:>12.9})  {:>13.9} ({:>12.9})  {:>13.9} ({:>12.9})",
            forward_difference(f64::sin, x, h),
            (x + h / 2.0).cos() * s,
            backward_difference(f64::sin, x, h),
            (x - h / 2.0).cos() * s,
            central_difference(f64::sin, x, h),
            x.cos() * h.sin() / h,
        );
    }

    println!("\nerror |quotient − cos x| as h shrinks:");
    println!("{:>8}  {:>10}  {:>10}  {:>10}  {:>6}", "h", "forward", "backward", "central", "AD");
    let errors = difference_errors(x);
    for (h, e) in errors.iter().step_by(16) {
        println!("{h:>8.0e}  {:>10.2e}  {:>10.2e}  {:>10.2e}  {:>6.0e}", e[0], e[1], e[2], e[3]);
    }
    for (i, name) in ["forward", "backward", "central"].into_iter().enumerate() {
        let (h, e) =
            errors.iter().map(|(h, e)| (*h, e[i])).min_by(|a, b| a.1.total_cmp(&b.1)).unwrap();
        println!("best {name:<8}: h = {h:.1e}, error {e:.1e}");
    }

    // The seed's figure 12.9, and the same for the other two quotients.
    let dir = common::plot::out_dir();
    type Quotient = fn(fn(f64) -> f64, f64, f64) -> f64;
    let quotients: [(&str, Quotient); 3] = [
        ("forward (f(x+h) − f(x))/h", |f, x, h| forward_difference(f, x, h)),
        ("backward (f(x) − f(x−h))/h", |f, x, h| backward_difference(f, x, h)),
        ("central (f(x+h) − f(x−h))/2h", |f, x, h| central_difference(f, x, h)),
    ];
    let charts: Vec<Chart> = quotients
        .iter()
        .map(|(name, q)| {
            let mut chart = Chart::new(name, -5.0..5.0, -2.5..1.5)
                .labels("x", "")
                .legend(Legend::LowerLeft)
                .series(
                    "cos x (AD: exact)",
                    sample(|x| derivative(|x| x.sin(), x), -5.0, 5.0, 200),
                    Style::Thick,
                    Some(BLACK),
                );
            for (i, h) in SEED_STEPS.into_iter().enumerate() {
                chart = chart.series(
                    &format!("h = {h}"),
                    sample(|x| q(f64::sin, x, h), -5.0, 5.0, 200),
                    Style::Line,
                    Some(color(i + 1)),
                );
            }
            chart
        })
        .collect();
    save_panels(
        &dir.join("finite_differences.svg"),
        "Approximating d/dx sin x with finite differences",
        3,
        (520, 420),
        &charts,
    )?;
    common::figures::finite_difference_errors(&dir, x)?;
    Ok(())
}
