//! Tangent lines and a tangent plane from exact derivatives: the tangent
//! of f at x₀ is y = f(x₀) + f'(x₀)(x − x₀), the tangent plane of
//! f(x, y) at (x₀, y₀) is z = f + ∂f/∂x (x − x₀) + ∂f/∂y (y − y₀).
//!
//! Run with `cargo run --release --example tangents [DIR]`; the pictures go
//! to `DIR` (default `target/plots/`).

mod common;

use autodiff::prelude::*;
use common::plot::{color, sample, save_panels, Chart, Legend, Style, Surface};
use common::seeds::quartic_bowl;
use plotters::style::{BLACK, RED};

/// The seed's first example.
#[differentiable]
fn square(x: f64) -> f64 {
    x * x
}

/// A cubic with two horizontal tangents, at x = ±1.
#[differentiable]
fn cubic(x: f64) -> f64 {
    x.powi(3) - 3.0 * x
}

/// The tangent line of a function with value `y0` and slope `slope` at `x0`.
fn tangent(x0: f64, y0: f64, slope: f64) -> impl Fn(f64) -> f64 {
    move |x| y0 + slope * (x - x0)
}

fn main() -> common::plot::Result {
    let dir = common::plot::out_dir();

    // Seed 003: x² near 3 maps (2.9, 3.1) to (8.41, 9.61); the ratio of the
    // intervals, 1.2/0.2 = 6, is the slope of the tangent at 3.
    let (y0, slope) = square.value_and_grad(3.0);
    let ratio = (square(3.1) - square(2.9)) / (3.1 - 2.9);
    println!("x² at 3: value {y0}, slope by AD {slope} (closed form 2x = 6), secant over (2.9, 3.1) {ratio:.12}");
    let parabola = Chart::new("x² and its tangent at 3 (slope 6)", -1.0..5.0, -5.0..25.0)
        .labels("x", "y")
        .series("x²", sample(square, -1.0, 5.0, 200), Style::Thick, Some(BLACK))
        .line("tangent y = 9 + 6(x − 3)", sample(tangent(3.0, y0, slope), -1.0, 5.0, 2))
        .dots("secant points (2.9, 8.41), (3.1, 9.61)", vec![(2.9, 2.9 * 2.9), (3.1, 3.1 * 3.1)]);

    let mut cubic_chart =
        Chart::new("x³ − 3x and tangents from cubic.grad(x₀)", -2.5..2.5, -6.0..6.0)
            .labels("x", "y")
            .legend(Legend::UpperLeft)
            .series("x³ − 3x", sample(cubic, -2.5, 2.5, 300), Style::Thick, Some(BLACK));
    for (i, x0) in [-1.0, 0.0, 1.6].into_iter().enumerate() {
        let (y0, slope) = cubic.value_and_grad(x0);
        println!("x³ − 3x at {x0:>4}: value {y0:>8.4}, slope by AD {slope:>7.4} (closed form 3x² − 3 = {:>7.4})", 3.0 * x0 * x0 - 3.0);
        let line = sample(tangent(x0, y0, slope), x0 - 0.9, x0 + 0.9, 2);
        cubic_chart = cubic_chart
            .series(
                &format!("tangent at {x0}, slope {slope:.2}"),
                line,
                Style::Line,
                Some(color(i)),
            )
            .series("", vec![(x0, y0)], Style::Dots, Some(color(i)));
    }
    save_panels(
        &dir.join("tangent_lines.svg"),
        "Tangent lines from exact derivatives",
        2,
        (620, 460),
        &[parabola, cubic_chart],
    )?;

    // The tangent plane of f(x, y) = x⁴ + y² at (1, −0.8).
    let (x0, y0) = (1.0, -0.8);
    let (z0, (fx, fy)) = quartic_bowl.value_and_grad((x0, y0));
    println!(
        "\nx⁴ + y² at ({x0}, {y0}): value {z0:.4}, gradient by AD [{fx:.4}, {fy:.4}] (closed form [4x³, 2y] = [{:.4}, {:.4}])",
        4.0 * x0 * x0 * x0,
        2.0 * y0
    );
    let plane = move |x: f64, y: f64| z0 + fx * (x - x0) + fy * (y - y0);
    for d in [0.1, 0.01, 0.001] {
        let gap = quartic_bowl(x0 + d, y0 + d) - plane(x0 + d, y0 + d);
        println!(
            "  at a step of ({d}, {d}): surface − plane = {gap:.3e} (shrinks as the step squared)"
        );
    }
    Surface::new("z = x⁴ + y² and its tangent plane at (1, −0.8)", -1.5..1.5, -1.5..1.5, -1.5..6.0)
        .surface("x⁴ + y²", quartic_bowl, BLACK, 0.45, true)
        .patch("tangent plane", plane, (0.5..1.5, -1.3..-0.3), RED, 0.6, false)
        .curve("(x₀, y₀, f(x₀, y₀))", vec![(x0, y0, z0)], BLACK)
        .save(&dir.join("tangent_plane.svg"))?;
    Ok(())
}
