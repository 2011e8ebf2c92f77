//! The pictures that an example and the tour both draw.

use std::path::{Path, PathBuf};

use autodiff::prelude::*;

use super::plot::{color, sample, save_panels, Chart, Legend, Result, Style};
use super::seeds::{self, difference_errors, partial_sum, seed_loss};

/// The activations of seeds 001 and 002 (sigmoid, tanh, ReLU, LeakyReLU,
/// ELU) and the seed's piecewise x², each with its derivative by AD and,
/// as dots, the closed form. Writes `activations.svg` in `dir`.
pub fn activations(dir: &Path) -> Result<PathBuf> {
    let names = ["σ(x)", "tanh x", "ReLU", "LeakyReLU", "ELU α=1", "0 | x² (x<0 | x≥0)"];
    let table = seeds::derivative_table();
    let charts: Vec<Chart> = names
        .iter()
        .map(|&name| {
            let row = table.iter().find(|r| r.name == name).expect("a row of the table");
            let y = if name.starts_with('0') { -0.5..4.0 } else { -1.5..2.5 };
            let (a, b) = if name.starts_with('0') { (-2.0, 2.0) } else { (-4.0, 4.0) };
            let title = match name {
                "LeakyReLU" => "LeakyReLU (0.01)".to_string(),
                "0 | x² (x<0 | x≥0)" => "0 for x < 0, x² after".to_string(),
                _ => name.to_string(),
            };
            Chart::new(&title, a..b, y)
                .labels("x", "")
                .legend(Legend::UpperLeft)
                .line("f", sample(row.f, a, b, 400))
                .series("f′ by AD", sample(row.ad, a, b, 400), Style::Line, Some(color(1)))
                .series(
                    &format!("f′ = {}", row.closed_form),
                    sample(row.exact, a + 0.125, b - 0.125, 15),
                    Style::Dots,
                    Some(color(2)),
                )
        })
        .collect();
    let path = dir.join("activations.svg");
    save_panels(
        &path,
        "Activations and their derivatives (AD lines, closed forms dots)",
        3,
        (520, 400),
        &charts,
    )?;
    Ok(path)
}

/// The error of the forward, backward and central differences of sin at
/// `x` as h goes from 1 to 1e-16, on a log-log plot, next to AD's (which
/// is exactly 0 and is drawn at 1e-17). Writes
/// `finite_difference_errors.svg`.
pub fn finite_difference_errors(dir: &Path, x: f64) -> Result<PathBuf> {
    const FLOOR: f64 = 1e-17;
    let errors = difference_errors(x);
    let curve = |i: usize| -> Vec<(f64, f64)> {
        errors.iter().map(|&(h, e)| (h, e[i].max(FLOOR))).collect()
    };
    let ad_label = if errors.iter().all(|(_, e)| e[3] == 0.0) {
        "AD: error exactly 0 (drawn at 1e-17)".to_string()
    } else {
        "AD".to_string()
    };
    let chart = Chart::new(
        &format!("Error of d/dx sin at x = {x} against cos x, as the step h shrinks"),
        5e-17..2.0,
        1e-24..10.0,
    )
    .labels("step h", "|approximation − cos x|")
    .log(true, true)
    .legend(Legend::LowerRight)
    .series("forward (f(x+h) − f(x))/h", curve(0), Style::Line, None)
    .series("backward (f(x) − f(x−h))/h", curve(1), Style::Dashed, None)
    .series("central (f(x+h) − f(x−h))/2h", curve(2), Style::Line, None)
    .series(&ad_label, curve(3), Style::Thick, None);
    let path = dir.join("finite_difference_errors.svg");
    chart.save_sized(&path, (900, 560))?;
    Ok(path)
}

/// Taylor polynomials around 0 of sin, cos, ln(1 + x), e^(−x²), eˣ and
/// the flat function e^(−1/x²), their coefficients from one `taylor` pass
/// each (eˣ's from its derivatives, cₖ = f⁽ᵏ⁾(0)/k!). Writes `taylor.svg`.
pub fn taylor_polynomials(dir: &Path) -> Result<PathBuf> {
    const K: usize = 12;
    let exp_coefficients = {
        let d = derivatives::<_, K>(|x| x.exp(), 0.0);
        let mut factorial = 1.0;
        core::array::from_fn(|k| {
            factorial *= k.max(1) as f64;
            d[k] / factorial
        })
    };
    type Case = (&'static str, fn(f64) -> f64, [f64; K], (f64, f64), (f64, f64), &'static [usize]);
    let cases: [Case; 6] = [
        (
            "sin x",
            f64::sin,
            taylor(|x| x.sin(), 0.0),
            (-7.0, 7.0),
            (-2.5, 2.5),
            &[1, 3, 5, 7, 9, 11],
        ),
        (
            "cos x",
            f64::cos,
            taylor(|x| x.cos(), 0.0),
            (-7.0, 7.0),
            (-2.5, 2.5),
            &[0, 2, 4, 6, 8, 10],
        ),
        (
            "ln(1 + x)",
            f64::ln_1p,
            taylor(|x| x.ln_1p(), 0.0),
            (-0.99, 2.0),
            (-3.0, 2.0),
            &[1, 2, 3, 5, 8, 11],
        ),
        (
            "e^(−x²)",
            |x| (-x * x).exp(),
            taylor(|x| (-x * x).exp(), 0.0),
            (-3.0, 3.0),
            (-1.0, 1.5),
            &[0, 2, 4, 6, 8, 10],
        ),
        (
            "eˣ = Σ xᵏ/k!",
            f64::exp,
            exp_coefficients,
            (-4.0, 4.0),
            (-2.0, 30.0),
            &[0, 1, 2, 3, 5, 8],
        ),
        (
            "e^(−1/x²), f(0) = 0",
            seeds::flat,
            taylor(seeds::flat, 0.0),
            (-3.0, 3.0),
            (-0.2, 1.0),
            &[11],
        ),
    ];
    let charts: Vec<Chart> = cases
        .iter()
        .map(|(name, f, c, (a, b), (lo, hi), orders)| {
            let mut chart =
                Chart::new(&format!("{name} and Taylor polynomials at 0"), *a..*b, *lo..*hi)
                    .labels("x", "")
                    .legend(Legend::LowerLeft)
                    .series(
                        name,
                        sample(f, *a, *b, 400),
                        Style::Thick,
                        Some(plotters::style::BLACK),
                    );
            for (i, &n) in orders.iter().enumerate() {
                let points = sample(|x| partial_sum(c, n, x), *a, *b, 400);
                let label = if orders.len() == 1 {
                    format!("every order (≤ {n}): 0")
                } else {
                    format!("order {n}")
                };
                chart = chart.series(&label, points, Style::Dashed, Some(color(i)));
            }
            chart
        })
        .collect();
    let path = dir.join("taylor.svg");
    save_panels(
        &path,
        "Taylor polynomials from Jet coefficients (taylor, derivatives)",
        3,
        (540, 430),
        &charts,
    )?;
    Ok(path)
}

/// The 1-D descent paths, one per learning rate, on the curve of the
/// seed's f(x) = ln(x⁴ + x³ + 2), and x against the step. Writes
/// `gradient_descent_1d.svg`.
pub fn descent_1d(dir: &Path, runs: &[(f64, Vec<f64>)]) -> Result<PathBuf> {
    let f = |x: f64| seed_loss(x);
    let mut on_curve = Chart::new("f(x) = ln(x⁴ + x³ + 2) and the iterates", -10.0..2.0, 0.0..9.5)
        .labels("x", "f(x)")
        .legend(Legend::UpperRight)
        .series("f", sample(f, -10.0, 2.0, 600), Style::Thick, Some(plotters::style::BLACK));
    let mut by_step = Chart::new("x after each step", 0.0..5000.0, -10.0..0.5)
        .labels("step", "x")
        .legend(Legend::LowerRight);
    for (i, (rate, path)) in runs.iter().enumerate() {
        let every = (path.len() / 60).max(1);
        let dots = path.iter().step_by(every).map(|&x| (x, f(x))).collect();
        let end = *path.last().expect("a path");
        on_curve = on_curve.series(
            &format!("rate {rate}: {} steps, ends at x = {end:.4}", path.len() - 1),
            dots,
            Style::Dots,
            Some(color(i)),
        );
        let steps = path.iter().enumerate().map(|(k, &x)| (k as f64, x)).collect();
        by_step = by_step.series(&format!("rate {rate}"), steps, Style::Line, Some(color(i)));
    }
    on_curve = on_curve.series(
        "minimum x = −0.75",
        vec![(-0.75, f(-0.75))],
        Style::Dots,
        Some(plotters::style::BLACK),
    );
    let path = dir.join("gradient_descent_1d.svg");
    save_panels(
        &path,
        "Gradient descent on ln(x⁴ + x³ + 2) from x = −9.41, f′ by AD",
        2,
        (620, 460),
        &[on_curve, by_step],
    )?;
    Ok(path)
}
