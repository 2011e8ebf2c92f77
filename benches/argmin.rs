//! argmin benchmark: a whole L-BFGS solve with the gradient from this crate
//! against the same solve with a hand-written gradient.
//!
//! The problem is the extended Rosenbrock function of `benches/reverse.rs`,
//!
//! ```text
//! f(x) = Σ_{i=0}^{n-2} [100 (x_{i+1} − x_i²)² + (1 − x_i)²],   n = 100,
//! ```
//!
//! from the standard start (x_i = −1.2 at even i, 1.0 at odd i), minimum
//! f = 0 at x = (1, …, 1). The solver is argmin's
//! `LBFGS::new(MoreThuenteLineSearch::new(), 7)`, stopped when
//! ‖∇f‖ < [`TOL_GRAD`] (or the cost changes by less than `f64::EPSILON` in
//! an iteration, argmin's other test). The two variants of the criterion
//! group `argmin lbfgs rosenbrock n=100` differ only in the problem:
//!
//! | id | problem |
//! |---|---|
//! | `hand-written gradient` | [`ByHand`], a struct implementing `CostFunction` and `Gradient` with ∇f coded by hand ([`gradient_by_hand`]) |
//! | `argmin_objective!` | `argmin_objective!(rosenbrock)`: the cost over `f64`, the gradient by reverse mode (`gradient_slice`, one tape a call) |
//!
//! Both evaluate the same cost function ([`rosenbrock`]), and the
//! hand-written gradient sums its terms in the order reverse mode
//! accumulates them, so the two gradients agree to the last bit and both
//! solves take the same path: the same number of iterations, cost and
//! gradient evaluations (with a gradient merely equal to rounding, the
//! 540-iteration path drifts by a few iterations; the sanity check warns if
//! the paths differ). The ratio of their times is then the price of AD
//! inside a real optimiser: the gradient's share of the solve (the
//! line search, L-BFGS's two-loop recursion and argmin's bookkeeping cost
//! the same in both) times reverse mode's overhead over the hand-written
//! gradient.
//!
//! Measured once (release, this workspace's machine): 2.23 ms a solve with
//! the hand-written gradient, 5.64 ms with `argmin_objective!`, a ratio of
//! 2.5; over 1,176 gradients that is about 2.9 µs more a gradient of 100
//! variables (a fresh tape recorded and swept each call).
//!
//! Before any timing, `main` runs [`sanity_check`]: the hand-written
//! gradient against the reverse-mode one at a few points to 1e-12
//! relative (of max(|∂_i f|, 1e-3 ‖∇f‖_∞)), then both solves, which must
//! reach the minimum (f < 1e-10, max |x_i − 1| < 1e-5). It runs under
//! `cargo bench --features argmin --bench argmin -- --test` too.
//!
//! ```text
//! cargo bench --features argmin --bench argmin
//! cargo bench --features argmin --bench argmin -- --test   # checks only
//! ```
//!
//! Criterion writes its estimates to
//! `target/criterion/argmin lbfgs rosenbrock n=100/<id>/new/estimates.json`.

mod common;

use std::hint::black_box;
use std::time::Duration;

use argmin::core::{CostFunction, Error, Executor, Gradient, State};
use argmin::solver::linesearch::MoreThuenteLineSearch;
use argmin::solver::quasinewton::LBFGS;
use autodiff::{argmin_objective, gradient_slice};
use common::rosenbrock;
use criterion::Criterion;

/// The number of variables.
const N: usize = 100;
/// L-BFGS's memory.
const MEMORY: usize = 7;
/// The gradient-norm tolerance that stops the solve.
const TOL_GRAD: f64 = 1e-8;
/// A bound on the iterations (the solve takes about 540).
const MAX_ITERS: u64 = 2_000;

/// ∇f by hand: ∂f/∂x_i = 2 (x_i − 1) − 2 x_i · 200 d_i + 200 d_{i−1},
/// d_i = x_{i+1} − x_i², summed in the order reverse mode accumulates
/// (term by term from the last), so that the two gradients agree to the
/// last bit and the two solves take the same path.
fn gradient_by_hand(x: &[f64]) -> Vec<f64> {
    let mut g = vec![0.0; x.len()];
    for i in (0..x.len() - 1).rev() {
        let d200 = 200.0 * (x[i + 1] - x[i] * x[i]);
        g[i] = 2.0 * (x[i] - 1.0) + (-2.0 * x[i]) * d200;
        g[i + 1] += d200;
    }
    g
}

/// The problem written by hand: the same cost, the hand-written gradient.
struct ByHand;

impl CostFunction for ByHand {
    type Param = Vec<f64>;
    type Output = f64;
    fn cost(&self, x: &Vec<f64>) -> Result<f64, Error> {
        Ok(rosenbrock(&x[..]))
    }
}

impl Gradient for ByHand {
    type Param = Vec<f64>;
    type Gradient = Vec<f64>;
    fn gradient(&self, x: &Vec<f64>) -> Result<Vec<f64>, Error> {
        Ok(gradient_by_hand(x))
    }
}

/// The standard start.
fn standard_start() -> Vec<f64> {
    (0..N).map(|i| if i % 2 == 0 { -1.2 } else { 1.0 }).collect()
}

/// What a solve ends with.
struct Outcome {
    iterations: u64,
    cost: f64,
    param: Vec<f64>,
    gradient_count: u64,
}

/// One L-BFGS solve of `problem` from the standard start.
fn solve<O>(problem: O, count: bool) -> Outcome
where
    O: CostFunction<Param = Vec<f64>, Output = f64>
        + Gradient<Param = Vec<f64>, Gradient = Vec<f64>>,
{
    let solver =
        LBFGS::new(MoreThuenteLineSearch::new(), MEMORY).with_tolerance_grad(TOL_GRAD).unwrap();
    let result = Executor::new(problem, solver)
        .configure(|state| state.param(standard_start()).max_iters(MAX_ITERS).counting(count))
        .run()
        .unwrap();
    let state = result.state();
    Outcome {
        iterations: state.get_iter(),
        cost: state.get_best_cost(),
        param: state.get_best_param().unwrap().clone(),
        gradient_count: state.get_func_counts().get("gradient_count").copied().unwrap_or(0),
    }
}

/// The gradients agree, and both solves reach the minimum along the same
/// path.
fn sanity_check() {
    let points = [
        standard_start(),
        vec![1.0; N],
        (0..N).map(|i| 0.5 + 0.1 * (i % 8) as f64 * if i % 2 == 0 { 1.0 } else { -1.0 }).collect(),
        (0..N).map(|i| (i as f64 * 0.37).sin() * 1.5).collect::<Vec<f64>>(),
    ];
    let problem = argmin_objective!(rosenbrock);
    for (k, x) in points.iter().enumerate() {
        let by_hand = gradient_by_hand(x);
        let by_ad = problem.gradient(x).unwrap();
        assert_eq!(by_ad, gradient_slice(rosenbrock, x).1);
        let same = by_ad.iter().zip(&by_hand).filter(|(a, h)| a == h).count();
        println!("point {k}: {same} of {N} bitwise equal");
        let scale = by_hand.iter().fold(1.0f64, |m, g| m.max(g.abs()));
        for (i, (a, h)) in by_ad.iter().zip(&by_hand).enumerate() {
            assert!(
                (a - h).abs() <= 1e-12 * h.abs().max(scale * 1e-3),
                "point {k}, ∂f/∂x_{i}: AD {a} vs by hand {h}"
            );
        }
        assert_eq!(problem.cost(x).unwrap(), ByHand.cost(x).unwrap());
    }

    let by_hand = solve(ByHand, true);
    let by_ad = solve(argmin_objective!(rosenbrock), true);
    for (what, outcome) in [("hand-written", &by_hand), ("argmin_objective!", &by_ad)] {
        let distance = outcome.param.iter().map(|xi| (xi - 1.0).abs()).fold(0.0, f64::max);
        assert!(
            outcome.cost < 1e-10 && distance < 1e-5,
            "{what}: f = {:e}, max |xᵢ − 1| = {distance:e} after {} iterations",
            outcome.cost,
            outcome.iterations
        );
        println!(
            "{what}: {} iterations, {} gradients, f = {:.3e}, max |xᵢ − 1| = {distance:.3e}",
            outcome.iterations, outcome.gradient_count, outcome.cost
        );
    }
    if (by_hand.iterations, by_hand.gradient_count) != (by_ad.iterations, by_ad.gradient_count) {
        println!("warning: the two solves took different paths; compare times per iteration");
    }
}

fn main() {
    sanity_check();
    let mut criterion = Criterion::default().configure_from_args();
    let mut group = criterion.benchmark_group(format!("argmin lbfgs rosenbrock n={N}"));
    group
        .sample_size(30)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    group.bench_function("hand-written gradient", |b| {
        b.iter(|| black_box(solve(black_box(ByHand), false).iterations))
    });
    group.bench_function("argmin_objective!", |b| {
        b.iter(|| black_box(solve(black_box(argmin_objective!(rosenbrock)), false).iterations))
    });
    group.finish();
    criterion.final_summary();
}
