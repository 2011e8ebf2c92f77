//! argmin's Newton method on the extended Rosenbrock function of 100
//! variables, with the exact Hessian by forward over reverse mode, against
//! L-BFGS with the gradient alone.
//!
//! ```text
//! f(x) = Σ_{i=0}^{n-2} [100 (x_{i+1} − x_i²)² + (1 − x_i)²],   n = 100,
//! ```
//!
//! minimum f = 0 at x = (1, …, 1). The problem is one line,
//! `argmin_objective!(rosenbrock).dvector()`: nalgebra `DVector`
//! parameters and a `DMatrix` Hessian, which `Newton` inverts. Each
//! Hessian is ⌈100/8⌉ = 13 sweeps of one tape over `DualVec64<8>`.
//!
//! Pure Newton (`Newton::new()`, full steps, no line search) is not
//! globally convergent, so the example runs it from the standard start
//! (x_i = −1.2 at even i, 1.0 at odd i) and reports what it does; if it does
//! not reach the minimum there, it runs it again from a start closer to it
//! (x_i = 1.2 at even i, 1.0 at odd i, where f = 1166). argmin's Newton
//! has no stopping test of its own, so it runs for a fixed number of
//! iterations and the example reports the first at which ‖∇f‖ < 1e-10.
//! For comparison it also runs L-BFGS (memory 7, Moré–Thuente) from the same
//! start. It prints the iterations, wall time and final cost of each, the
//! cost per iteration, and fails (returns an error) unless Newton reached
//! the minimum: f < 1e-20, max |x_i − 1| < 1e-10.
//!
//! The picture, `rosenbrock_newton.svg`: the cost per iteration of both
//! solvers (log scale), and of pure Newton from the standard start if that
//! run was not the one that converged.
//!
//! Run with `cargo run --release --features argmin --example
//! rosenbrock_newton [DIR]`; the picture goes to `DIR` (default
//! `target/plots/`).

mod common;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use argmin::core::observers::{Observe, ObserverMode};
use argmin::core::{Error, Executor, IterState, State, KV};
use argmin::solver::linesearch::MoreThuenteLineSearch;
use argmin::solver::newton::Newton;
use argmin::solver::quasinewton::LBFGS;
use autodiff::argmin::nalgebra::{DMatrix, DVector};
use autodiff::argmin_objective;
use autodiff::prelude::*;
use common::plot::{Chart, Legend, Style};
use common::rosenbrock::{rosenbrock, standard_start};

/// The number of variables.
const N: usize = 100;
/// Newton's iterations (it has no stopping test).
const NEWTON_ITERS: u64 = 40;
/// The gradient norm at which a run counts as converged.
const TOL_GRAD: f64 = 1e-10;

/// ‖∇f(x)‖, by reverse mode.
fn gradient_norm(x: &[f64]) -> f64 {
    rosenbrock.grad(x).iter().map(|g| g * g).sum::<f64>().sqrt()
}

/// The cost and gradient norm at every iterate Newton visits.
#[derive(Clone, Default)]
struct NewtonHistory(Arc<Mutex<Vec<(f64, f64)>>>);

type NewtonState = IterState<DVector<f64>, DVector<f64>, (), DMatrix<f64>, (), f64>;

impl Observe<NewtonState> for NewtonHistory {
    fn observe_iter(&mut self, state: &NewtonState, _kv: &KV) -> Result<(), Error> {
        let x = state.get_param().ok_or_else(|| Error::msg("Newton has no parameters"))?;
        self.0.lock().unwrap().push((rosenbrock(x.as_slice()), gradient_norm(x.as_slice())));
        Ok(())
    }
}

/// The cost at every L-BFGS iteration.
#[derive(Clone, Default)]
struct LbfgsHistory(Arc<Mutex<Vec<f64>>>);

impl Observe<IterState<Vec<f64>, Vec<f64>, (), (), (), f64>> for LbfgsHistory {
    fn observe_iter(
        &mut self,
        state: &IterState<Vec<f64>, Vec<f64>, (), (), (), f64>,
        _kv: &KV,
    ) -> Result<(), Error> {
        self.0.lock().unwrap().push(state.get_cost());
        Ok(())
    }
}

/// What a Newton run did.
struct NewtonRun {
    x: Vec<f64>,
    history: Vec<(f64, f64)>,
    elapsed: Duration,
}

impl NewtonRun {
    /// The first iteration (1-based) with ‖∇f‖ below the tolerance.
    fn converged_at(&self) -> Option<usize> {
        self.history.iter().position(|&(_, g)| g < TOL_GRAD).map(|k| k + 1)
    }
    fn distance(&self) -> f64 {
        self.x.iter().map(|xi| (xi - 1.0).abs()).fold(0.0, f64::max)
    }
    fn cost(&self) -> f64 {
        rosenbrock(&self.x)
    }
}

/// Newton from `start` for [`NEWTON_ITERS`] iterations.
fn newton(start: &[f64]) -> common::plot::Result<NewtonRun> {
    let history = NewtonHistory::default();
    let problem = argmin_objective!(rosenbrock).dvector();
    let clock = Instant::now();
    let result = Executor::new(problem, Newton::<f64>::new())
        .configure(|state| state.param(DVector::from_row_slice(start)).max_iters(NEWTON_ITERS))
        .add_observer(history.clone(), ObserverMode::Always)
        .run()?;
    let elapsed = clock.elapsed();
    let x = result.state().get_param().ok_or("Newton returned no parameters")?.as_slice().to_vec();
    let history = history.0.lock().unwrap().clone();
    Ok(NewtonRun { x, history, elapsed })
}

/// Prints a Newton run.
fn report(name: &str, start: &[f64], run: &NewtonRun) {
    println!("Newton from the {name} (f = {:.4}):", rosenbrock(start));
    // Up to convergence (f is exactly 0 after it), or the first 12.
    let shown = run.converged_at().unwrap_or(12);
    for (k, (f, g)) in run.history.iter().enumerate().take(shown) {
        println!("  iteration {:>2}: f = {f:.6e}, ‖∇f‖ = {g:.3e}", k + 1);
    }
    if shown < run.history.len() {
        let (f, g) = run.history[run.history.len() - 1];
        println!("  ...\n  iteration {:>2}: f = {f:.6e}, ‖∇f‖ = {g:.3e}", run.history.len());
    }
    match run.converged_at() {
        Some(k) => println!(
            "  ‖∇f‖ < {TOL_GRAD:e} at iteration {k}; {NEWTON_ITERS} iterations in {:.2} ms ({:.3} ms each, a 100 × 100 Hessian and its inverse)",
            run.elapsed.as_secs_f64() * 1e3,
            run.elapsed.as_secs_f64() * 1e3 / NEWTON_ITERS as f64
        ),
        None => println!(
            "  not converged after {NEWTON_ITERS} iterations ({:.2} ms)",
            run.elapsed.as_secs_f64() * 1e3
        ),
    }
    println!("  final cost f = {:.3e}, max |xᵢ − 1| = {:.3e}", run.cost(), run.distance());
}

fn main() -> common::plot::Result {
    println!("the problem is one line: let problem = argmin_objective!(rosenbrock).dvector();");
    let standard = standard_start(N);
    let near: Vec<f64> = (0..N).map(|i| if i % 2 == 0 { 1.2 } else { 1.0 }).collect();

    let first = newton(&standard)?;
    report("standard start (−1.2, 1, −1.2, 1, …)", &standard, &first);
    let converged = |run: &NewtonRun| {
        run.converged_at().is_some() && run.cost() < 1e-20 && run.distance() < 1e-10
    };
    let wandering = first.history.clone();
    let (start, run, start_name) = if converged(&first) {
        (standard.clone(), first, "standard start")
    } else {
        println!("pure Newton does not reach the minimum from there: starting closer");
        let second = newton(&near)?;
        report("start (1.2, 1, 1.2, 1, …)", &near, &second);
        (near, second, "start (1.2, 1, 1.2, 1, …)")
    };

    // L-BFGS from the same start, for comparison.
    let lbfgs_history = LbfgsHistory::default();
    let solver = LBFGS::new(MoreThuenteLineSearch::new(), 7).with_tolerance_grad(TOL_GRAD)?;
    let clock = Instant::now();
    let result = Executor::new(argmin_objective!(rosenbrock), solver)
        .configure(|state| state.param(start.clone()).max_iters(2_000))
        .add_observer(lbfgs_history.clone(), ObserverMode::Always)
        .run()?;
    let lbfgs_elapsed = clock.elapsed();
    let lbfgs_state = result.state();
    let lbfgs_x = lbfgs_state.get_best_param().ok_or("L-BFGS returned no parameters")?;
    println!(
        "L-BFGS from the {start_name}: {} iterations in {:.2} ms, f = {:.3e}, max |xᵢ − 1| = {:.3e}",
        lbfgs_state.get_iter(),
        lbfgs_elapsed.as_secs_f64() * 1e3,
        lbfgs_state.get_best_cost(),
        lbfgs_x.iter().map(|xi| (xi - 1.0).abs()).fold(0.0, f64::max)
    );

    let floor = 1e-32;
    let newton_curve: Vec<(f64, f64)> = std::iter::once((0.0, rosenbrock(&start)))
        .chain(run.history.iter().enumerate().map(|(k, &(f, _))| ((k + 1) as f64, f.max(floor))))
        .take_while(|&(_, f)| f > floor)
        .collect();
    // The log axis cannot show f = 0: say where it is reached.
    let newton_label = match run.history.iter().position(|&(f, _)| f == 0.0) {
        Some(k) => format!("Newton, exact Hessian (f = 0 exactly from iteration {})", k + 1),
        None => "Newton, exact Hessian (forward over reverse)".to_string(),
    };
    let lbfgs_costs = lbfgs_history.0.lock().unwrap().clone();
    let lbfgs_curve: Vec<(f64, f64)> = std::iter::once((0.0, rosenbrock(&start)))
        .chain(lbfgs_costs.iter().enumerate().map(|(k, &f)| ((k + 1) as f64, f.max(floor))))
        .collect();
    let mut iterations = lbfgs_curve.len().max(newton_curve.len()) as f64;
    // Newton from the standard start, if it was not the run shown.
    let standard_curve: Option<Vec<(f64, f64)>> = (start != standard).then(|| {
        std::iter::once((0.0, rosenbrock(&standard)))
            .chain(wandering.iter().enumerate().map(|(k, &(f, _))| ((k + 1) as f64, f.max(floor))))
            .collect()
    });
    if let Some(curve) = &standard_curve {
        iterations = iterations.max(curve.len() as f64);
    }
    let chart = Chart::new(
        &format!("Rosenbrock, n = {N}, from the {start_name}: cost per iteration"),
        0.0..iterations,
        1e-22..1e6,
    )
    .labels("iteration", "f(x)")
    .log(false, true)
    .legend(Legend::LowerRight)
    .series(&newton_label, newton_curve, Style::LineDots, None)
    .series("L-BFGS, memory 7, gradient by reverse mode", lbfgs_curve, Style::Line, None);
    let chart = match standard_curve {
        Some(curve) => chart.series(
            "Newton from the standard start: no line search, it wanders",
            curve,
            Style::Dashed,
            None,
        ),
        None => chart,
    };
    chart.save(&common::plot::out_dir().join("rosenbrock_newton.svg"))?;

    if !converged(&run) {
        return Err(format!(
            "Newton did not converge: f = {:e}, max |xᵢ − 1| = {:e}",
            run.cost(),
            run.distance()
        )
        .into());
    }
    println!("converged: Newton reached f < 1e-20 and max |xᵢ − 1| < 1e-10");
    Ok(())
}
