//! Gradient descent on a surface (seed 003): f(x, y) = x⁴ + y², whose
//! gradient is [4x³, 2y], minimised from (1.4, 1.8) with the gradient by
//! AD; the path drawn on the 3-D surface and on a map of its levels.
//!
//! Run with `cargo run --release --example gradient_descent_2d [DIR]`; the
//! pictures go to `DIR` (default `target/plots/`).

mod common;

use autodiff::prelude::*;
use common::plot::{color, Chart, Legend, Style, Surface};
use common::seeds::{descend_2d, quartic_bowl};
use plotters::style::{BLACK, RED};

fn main() -> common::plot::Result {
    let start = (1.4, 1.8);
    let (rate, steps) = (0.05, 60);
    let (gx, gy) = quartic_bowl.grad(start);
    println!(
        "∇f at {start:?} by AD: [{gx}, {gy}]   closed form [4x³, 2y] = [{}, {}]",
        4.0 * start.0 * start.0 * start.0,
        2.0 * start.1
    );
    let path = descend_2d(quartic_bowl, start, rate, steps);
    for (k, &(x, y)) in path.iter().enumerate().filter(|(k, _)| k % 10 == 0) {
        println!("step {k:>2}: (x, y) = ({x:>8.5}, {y:>8.5}), f = {:.6}", quartic_bowl(x, y));
    }
    println!("the minimum is f(0, 0) = 0: y shrinks by 1 − 2·rate = 0.9 a step, x only as x³ (f is flat in x near 0)");

    let dir = common::plot::out_dir();
    let on_surface = path.iter().map(|&(x, y)| (x, y, quartic_bowl(x, y))).collect();
    Surface::new("Gradient descent on z = x⁴ + y²", -2.0..2.0, -2.0..2.0, 0.0..10.0)
        .surface("x⁴ + y²", quartic_bowl, BLACK, 0.5, true)
        .curve(&format!("{steps} steps of rate {rate} from (1.4, 1.8)"), on_surface, RED)
        .save(&dir.join("gradient_descent_2d_surface.svg"))?;
    Chart::new("Levels of x⁴ + y² (colour bands) and the descent path", -2.0..2.0, -2.0..2.0)
        .labels("x", "y")
        .legend(Legend::LowerLeft)
        .heat_map(quartic_bowl, 0.0, 8.0)
        .series(
            &format!("{steps} steps of rate {rate}, ∇f by AD"),
            path,
            Style::LineDots,
            Some(RED),
        )
        .series("minimum (0, 0)", vec![(0.0, 0.0)], Style::Dots, Some(color(3)))
        .save_sized(&dir.join("gradient_descent_2d_levels.svg"), (640, 600))?;
    Ok(())
}
