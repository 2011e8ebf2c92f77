//! Nonlinear least squares with argmin's Gauss–Newton: fitting the
//! Michaelis–Menten law of enzyme kinetics,
//!
//! ```text
//! v(S) = Vmax · S / (Km + S),
//! ```
//!
//! to 40 noisy measurements, with the Jacobian of the residuals by reverse
//! mode. The residuals are one `#[differentiable]` fn of the parameters
//! p = (Vmax, Km) and the data (`#[constant] data: &[(f64, f64)]`), and the
//! problem is one line: `argmin_residuals!(|p| residuals(p, &data)).dvector()`
//! (nalgebra `DVector` parameters and a `DMatrix` Jacobian, since
//! Gauss–Newton inverts JᵀJ).
//!
//! The data: substrate concentrations S spaced geometrically from 0.05 to
//! 20 (mM), rates from the true Vmax = 2.5, Km = 0.8 plus Gaussian noise of
//! σ = 0.05, drawn by a xorshift64* generator with a fixed seed and the
//! Box–Muller transform, so every run sees the same 40 points. The fit
//! starts from the crude guess Vmax = 1, Km = 1.
//!
//! What it checks, and why these tolerances: at the fit, the covariance of
//! the estimate is about σ̂² (JᵀJ)⁻¹ (σ̂² = ‖r‖² / (m − 2), m = 40), whose
//! diagonal gives the standard errors, about 0.020 for Vmax and 0.024 for
//! Km here. The example fails (returns an error) unless
//!
//! - Gauss–Newton converged (the gradient Jᵀr of ½‖r‖² is below 1e-10),
//! - each parameter is within 5% of the truth and within 4 of its standard
//!   errors (a 4σ deviation has a probability of 6e-5),
//! - the residual RMS ‖r‖/√m is within 30% of the noise σ: its expected
//!   value is σ √((m − 2)/m) ≈ 0.97 σ, and its relative spread about
//!   1/√(2m) ≈ 11%, so 30% is almost 3 spreads.
//!
//! The picture, `curve_fit.svg`: the data, the true and the fitted curves,
//! and the residuals.
//!
//! Run with `cargo run --release --features argmin --example curve_fit
//! [DIR]`; the picture goes to `DIR` (default `target/plots/`).

mod common;

use std::time::Instant;

use argmin::core::{Executor, Jacobian, State};
use argmin::solver::gaussnewton::GaussNewton;
use autodiff::argmin::nalgebra::DVector;
use autodiff::argmin_residuals;
use autodiff::prelude::*;
use common::plot::{save_panels, Chart, Legend, Style};

/// The true parameters (Vmax, Km).
const TRUTH: [f64; 2] = [2.5, 0.8];
/// The standard deviation of the measurement noise.
const SIGMA: f64 = 0.05;
/// The number of measurements.
const POINTS: usize = 40;
/// The smallest and largest substrate concentration.
const S_RANGE: (f64, f64) = (0.05, 20.0);
/// The starting guess (Vmax, Km).
const START: [f64; 2] = [1.0, 1.0];

/// The Michaelis–Menten rate at substrate concentration `s`.
#[differentiable]
fn rate(p: &[f64], #[constant] s: f64) -> f64 {
    p[0] * s / (p[1] + s)
}

/// The residuals, model minus measurement, at each `(S, v)` of the data.
#[differentiable]
fn residuals(p: &[f64], #[constant] data: &[(f64, f64)]) -> Vec<f64> {
    data.iter().map(|&(s, v)| rate(p, s) - v).collect()
}

/// xorshift64*: a small deterministic generator, enough for test data.
struct XorShift(u64);

impl XorShift {
    /// A uniform number in (0, 1].
    fn uniform(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        let bits = self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11;
        (bits as f64 + 1.0) / (1u64 << 53) as f64
    }

    /// A standard normal number, by the Box–Muller transform.
    fn normal(&mut self) -> f64 {
        let (u1, u2) = (self.uniform(), self.uniform());
        (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
    }
}

/// The measurements: `POINTS` concentrations spaced geometrically over
/// `S_RANGE`, each rate with noise of `SIGMA`.
fn measurements() -> Vec<(f64, f64)> {
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    let ratio = (S_RANGE.1 / S_RANGE.0).ln();
    (0..POINTS)
        .map(|i| {
            let s = S_RANGE.0 * (ratio * i as f64 / (POINTS - 1) as f64).exp();
            (s, rate(&TRUTH, s) + SIGMA * rng.normal())
        })
        .collect()
}

fn main() -> common::plot::Result {
    let data = measurements();
    let m = data.len() as f64;
    println!(
        "Michaelis–Menten v = Vmax·S/(Km + S): {POINTS} points, S from {} to {}, truth Vmax = {}, Km = {}, noise σ = {SIGMA}",
        S_RANGE.0, S_RANGE.1, TRUTH[0], TRUTH[1]
    );
    println!("the problem is one line: let problem = argmin_residuals!(|p| residuals(p, &data)).dvector();");

    let problem = argmin_residuals!(|p| residuals(p, &data)).dvector();
    let clock = Instant::now();
    let result = Executor::new(problem, GaussNewton::<f64>::new().with_tolerance(1e-14)?)
        .configure(|state| state.param(DVector::from_row_slice(&START)).max_iters(100))
        .run()?;
    let elapsed = clock.elapsed();

    let state = result.state();
    let p = state.get_best_param().ok_or("Gauss–Newton returned no parameters")?.clone();
    let r = residuals(p.as_slice(), &data);
    let half_ss = r.iter().map(|r| r * r).sum::<f64>() / 2.0;
    let rms = (2.0 * half_ss / m).sqrt();

    // The Jacobian at the fit, from the same problem: the gradient Jᵀr of
    // ½‖r‖² and the covariance σ̂²(JᵀJ)⁻¹.
    let jacobian = argmin_residuals!(|p| residuals(p, &data)).dvector().jacobian(&p)?;
    let gradient = jacobian.transpose() * DVector::from_vec(r.clone());
    let sigma_hat2 = 2.0 * half_ss / (m - 2.0);
    let covariance =
        (jacobian.transpose() * &jacobian).try_inverse().ok_or("JᵀJ is singular at the fit")?
            * sigma_hat2;
    let se = [covariance[(0, 0)].sqrt(), covariance[(1, 1)].sqrt()];

    println!(
        "Gauss–Newton from Vmax = {}, Km = {}: {} iterations in {:.3} ms, stopped: {}",
        START[0],
        START[1],
        state.get_iter(),
        elapsed.as_secs_f64() * 1e3,
        state.get_termination_status()
    );
    println!(
        "  {:<5} {:>10} {:>10} {:>10} {:>12} {:>8}",
        "", "fitted", "true", "std err", "rel. error", "in s.e."
    );
    let names = ["Vmax", "Km"];
    let mut worst_rel = 0.0f64;
    let mut worst_se = 0.0f64;
    for k in 0..2 {
        let rel = (p[k] - TRUTH[k]) / TRUTH[k];
        let in_se = (p[k] - TRUTH[k]) / se[k];
        worst_rel = worst_rel.max(rel.abs());
        worst_se = worst_se.max(in_se.abs());
        println!(
            "  {:<5} {:>10.6} {:>10.6} {:>10.6} {:>11.3}% {:>8.2}",
            names[k],
            p[k],
            TRUTH[k],
            se[k],
            100.0 * rel,
            in_se
        );
    }
    println!(
        "  final cost ½‖r‖² = {half_ss:.6e} (argmin's cost ‖r‖ = {:.6e}), residual RMS = {rms:.5} (σ = {SIGMA}), ‖Jᵀr‖ = {:.2e}",
        state.get_best_cost(),
        gradient.norm()
    );

    let dir = common::plot::out_dir();
    let fitted = [p[0], p[1]];
    let curve = |q: [f64; 2]| -> Vec<(f64, f64)> {
        common::plot::linspace(0.0, S_RANGE.1, 400).map(|s| (s, rate(&q, s))).collect()
    };
    let fit_chart = Chart::new("Michaelis–Menten fit by Gauss–Newton", 0.0..S_RANGE.1, 0.0..2.8)
        .labels("substrate S", "rate v")
        .legend(Legend::LowerRight)
        .dots(&format!("{POINTS} measurements, σ = {SIGMA}"), data.clone())
        .dashed(&format!("truth: Vmax = {}, Km = {}", TRUTH[0], TRUTH[1]), curve(TRUTH))
        .series(
            &format!("fit: Vmax = {:.4}, Km = {:.4}", p[0], p[1]),
            curve(fitted),
            Style::Thick,
            None,
        );
    let residual_points: Vec<(f64, f64)> =
        data.iter().zip(&r).map(|(&(s, _), &r)| (s, r)).collect();
    let residual_chart = Chart::new("Residuals, fit − data", 0.0..S_RANGE.1, -0.2..0.2)
        .labels("substrate S", "residual")
        .legend(Legend::UpperRight)
        .dots(&format!("RMS {rms:.4}"), residual_points)
        .dashed(&format!("±σ = ±{SIGMA}"), vec![(0.0, SIGMA), (S_RANGE.1, SIGMA)])
        .series(
            "",
            vec![(0.0, -SIGMA), (S_RANGE.1, -SIGMA)],
            Style::Dashed,
            Some(common::plot::color(1)),
        );
    save_panels(
        &dir.join("curve_fit.svg"),
        "Fitting v = Vmax·S/(Km + S), Jacobian by reverse mode",
        2,
        (620, 440),
        &[fit_chart, residual_chart],
    )?;

    let converged = gradient.norm() < 1e-10;
    let close = worst_rel < 0.05 && worst_se < 4.0;
    let noise_level = (rms / SIGMA - 1.0).abs() < 0.3;
    if !(converged && close && noise_level) {
        return Err(format!(
            "the fit failed: ‖Jᵀr‖ = {:e}, worst relative error {worst_rel:e}, worst in standard errors {worst_se}, RMS/σ = {}",
            gradient.norm(),
            rms / SIGMA
        )
        .into());
    }
    println!("converged: ‖Jᵀr‖ < 1e-10, parameters within 5% and 4 standard errors of the truth, RMS within 30% of σ");
    Ok(())
}
