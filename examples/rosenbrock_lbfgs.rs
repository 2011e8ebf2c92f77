//! argmin's L-BFGS on the extended Rosenbrock function of 100 variables,
//! with the gradient by reverse mode: the problem is one line,
//! `argmin_objective!(rosenbrock)`, from one `#[differentiable]` fn.
//!
//! ```text
//! f(x) = Σ_{i=0}^{n-2} [100 (x_{i+1} − x_i²)² + (1 − x_i)²],   n = 100,
//! ```
//!
//! from the standard start x_i = −1.2 at even i and 1.0 at odd i, whose
//! minimum is f = 0 at x = (1, …, 1). The solver is
//! `LBFGS::new(MoreThuenteLineSearch::new(), 7)` (memory 7), stopping when
//! ‖∇f‖ < 1e-10 or, argmin's other test, when one iteration changes the
//! cost by less than `f64::EPSILON` (or after 1,000 iterations). In this
//! chained form the valley is long: the cost falls by about 1 every 5
//! iterations for some 500 iterations, as the coordinates straighten out one
//! after another, then drops to ~1e-16 in a few dozen. The example prints the
//! iterations, the wall time, the final cost and the distance to the
//! minimum, and the cost every 50 iterations; it fails (returns an error)
//! unless the final cost is below 1e-10 and every |x_i − 1| below 1e-5.
//!
//! The picture, `rosenbrock_lbfgs.svg`: the cost and the gradient norm per
//! iteration (log scale).
//!
//! Run with `cargo run --release --features argmin --example
//! rosenbrock_lbfgs [DIR]`; the picture goes to `DIR` (default
//! `target/plots/`).

mod common;

use std::sync::{Arc, Mutex};
use std::time::Instant;

use argmin::core::observers::{Observe, ObserverMode};
use argmin::core::{Error, Executor, IterState, State, KV};
use argmin::solver::linesearch::MoreThuenteLineSearch;
use argmin::solver::quasinewton::LBFGS;
use autodiff::argmin_objective;
use autodiff::prelude::*;
use common::plot::{Chart, Legend, Style};
use common::rosenbrock::{rosenbrock, standard_start};

/// The number of variables.
const N: usize = 100;
/// L-BFGS's memory: the number of past steps kept.
const MEMORY: usize = 7;
/// Stop when the gradient norm is below this...
const TOL_GRAD: f64 = 1e-10;
/// ...or after this many iterations.
const MAX_ITERS: u64 = 1_000;

/// Records the cost and the gradient norm at every iteration.
#[derive(Clone, Default)]
struct History(Arc<Mutex<Vec<(f64, f64)>>>);

impl Observe<IterState<Vec<f64>, Vec<f64>, (), (), (), f64>> for History {
    fn observe_iter(
        &mut self,
        state: &IterState<Vec<f64>, Vec<f64>, (), (), (), f64>,
        _kv: &KV,
    ) -> Result<(), Error> {
        let norm =
            state.get_gradient().map_or(f64::NAN, |g| g.iter().map(|g| g * g).sum::<f64>().sqrt());
        self.0.lock().unwrap().push((state.get_cost(), norm));
        Ok(())
    }
}

fn main() -> common::plot::Result {
    let start = standard_start(N);
    println!(
        "extended Rosenbrock, n = {N}, from x = (−1.2, 1, −1.2, 1, …): f = {}",
        rosenbrock(&start)
    );
    println!("the problem is one line: let problem = argmin_objective!(rosenbrock);");

    let problem = argmin_objective!(rosenbrock);
    let solver = LBFGS::new(MoreThuenteLineSearch::new(), MEMORY).with_tolerance_grad(TOL_GRAD)?;
    let history = History::default();
    let clock = Instant::now();
    let result = Executor::new(problem, solver)
        .configure(|state| state.param(start.clone()).max_iters(MAX_ITERS).counting(true))
        .add_observer(history.clone(), ObserverMode::Always)
        .run()?;
    let elapsed = clock.elapsed();

    let state = result.state();
    let x = state.get_best_param().ok_or("L-BFGS returned no parameters")?;
    let cost = state.get_best_cost();
    let distance = x.iter().map(|xi| (xi - 1.0).abs()).fold(0.0, f64::max);
    let euclidean = x.iter().map(|xi| (xi - 1.0).powi(2)).sum::<f64>().sqrt();
    let history = history.0.lock().unwrap().clone();
    for (k, (cost, norm)) in history.iter().enumerate().filter(|(k, _)| (k + 1) % 50 == 0) {
        println!("  iteration {:>3}: f = {cost:.6e}, ‖∇f‖ = {norm:.3e}", k + 1);
    }
    println!(
        "L-BFGS (memory {MEMORY}, Moré–Thuente): {} iterations in {:.2} ms, stopped: {}",
        state.get_iter(),
        elapsed.as_secs_f64() * 1e3,
        state.get_termination_status()
    );
    println!(
        "  gradient evaluations {}, cost evaluations {}",
        state.get_func_counts().get("gradient_count").copied().unwrap_or(0),
        state.get_func_counts().get("cost_count").copied().unwrap_or(0)
    );
    println!("  final cost f = {cost:.3e}");
    println!("  distance to the minimum (1, …, 1): max |xᵢ − 1| = {distance:.3e}, ‖x − 1‖ = {euclidean:.3e}");
    // Check the reverse-mode gradient at the end against `.grad`.
    let grad = rosenbrock.grad(&x[..]);
    println!(
        "  ‖∇f‖ at the end = {:.3e} (by `rosenbrock.grad`)",
        grad.iter().map(|g| g * g).sum::<f64>().sqrt()
    );

    let points = |pick: fn(&(f64, f64)) -> f64| -> Vec<(f64, f64)> {
        history.iter().enumerate().map(|(k, p)| ((k + 1) as f64, pick(p).max(1e-30))).collect()
    };
    let iterations = history.len() as f64 + 1.0;
    let chart = Chart::new(
        &format!("L-BFGS on Rosenbrock, n = {N}, gradient by reverse mode"),
        0.0..iterations,
        1e-20..1e6,
    )
    .labels("iteration", "")
    .log(false, true)
    .legend(Legend::LowerLeft)
    .series("cost f(x)", points(|p| p.0), Style::Line, None)
    .series("gradient norm ‖∇f‖", points(|p| p.1), Style::Dashed, None);
    chart.save(&common::plot::out_dir().join("rosenbrock_lbfgs.svg"))?;

    if !(cost < 1e-10 && distance < 1e-5) {
        return Err(
            format!("L-BFGS did not converge: f = {cost:e}, max |xᵢ − 1| = {distance:e}").into()
        );
    }
    println!("converged: f < 1e-10 and max |xᵢ − 1| < 1e-5");
    Ok(())
}
