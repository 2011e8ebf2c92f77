//! Backprop by hand and by AD, twice.
//!
//! **Part 1, the seed's network (seed 002):** inputs x = (40, 80), target
//! y = 60, a hidden layer of three linear units with every weight 0.5, an
//! output unit with every weight 1, loss ½(y − ŷ)², learning rate 1e-5.
//! The forward pass, the gradients the seed computes by hand (next to AD's,
//! from one forward pass), one step, and training until the loss is ~0,
//! with its curve.
//!
//! The weights live in a `#[derive(Differentiable)]` struct `Net<T>`
//! (`w1: [[T; 2]; 3]`, `w2: [T; 3]`), so AD hands the gradient back as a
//! `Net` of the same shape.
//!
//! **Part 2, a multilayer perceptron of 10,401 weights:** 1 → 100 → 100 → 1
//! with tanh on both hidden layers ([`Mlp`]), fit to y = sin(3x)·e^(−x²)
//! at 200 evenly spaced points of [−2, 2] (deterministic data, and a
//! deterministic start from a fixed seed). The loss is the mean squared
//! error, written as ordinary `f64` code under `#[differentiable]`
//! ([`mse`]); its gradient with respect to every weight comes from
//! `gradient_params`, which is reverse mode: one recording of the loss on
//! the tape and one sweep back, at a small multiple of one evaluation of
//! the loss however many weights there are (forward mode would need
//! ⌈10,401/8⌉ = 1,301 passes). Training is Adam, written here in a few
//! lines, on mini-batches of the data. It prints the loss every so often,
//! the number of steps, the wall time and the final loss, and how long one
//! gradient takes against one evaluation of the loss.
//!
//! Run with `cargo run --release --example backprop [DIR]`; the pictures
//! (`backprop_training.svg`, `backprop_mlp.svg`) go to `DIR` (default
//! `target/plots/`).

mod common;

use autodiff::prelude::*;
use common::plot::{save_panels, Chart, Legend, Style};
use common::seeds::{
    hidden, loss, loss_gradient, loss_gradient_by_hand, predict, train, train_step, INPUTS, START,
    TARGET,
};

fn main() -> common::plot::Result {
    let net = START;
    let (z, y_hat, l) = (hidden(&net, INPUTS), predict(&net, INPUTS), loss(&net, INPUTS, TARGET));
    println!(
        "forward:  z = {z:?} (seed: 60 each), ŷ = {y_hat} (seed: 180), loss = {l} (seed: 7200)"
    );

    // ∂L/∂ŷ: differentiate the loss as a function of ŷ alone.
    let dl_dy = (|y_hat: Dual64| (y_hat - TARGET).powi(2) * 0.5).grad(y_hat);
    let ad = loss_gradient(&net);
    let by_hand = loss_gradient_by_hand(&net);
    println!("gradients: ∂L/∂ŷ = {dl_dy} (seed: 120)");
    println!("  ∂L/∂w2 (output weights)  AD {:?}  by hand {:?}  seed 7200 each", ad.w2, by_hand.w2);
    println!(
        "  ∂L/∂w1 (on x1, x2)        AD {:?}  by hand {:?}  seed 4800 / 9600",
        ad.w1, by_hand.w1
    );

    let net = train_step(&net);
    let (z, y_hat, l) = (hidden(&net, INPUTS), predict(&net, INPUTS), loss(&net, INPUTS, TARGET));
    println!(
        "one step: w2 = {:.12} (seed 0.928), w1 = {:.12} / {:.12} (seed 0.452 / 0.404)",
        net.w2[0], net.w1[0][0], net.w1[0][1]
    );
    println!("          z = {:.12} (seed 50.4), ŷ = {y_hat:.12} (seed 140.3136), loss = {l:.10} (seed 3225.13717248 < 7200)", z[0]);

    let (losses, net) = train(1e-20, 10_000);
    let steps = losses.len() - 1;
    for (k, l) in losses.iter().enumerate().filter(|(k, _)| k % 25 == 0) {
        println!("  step {k:>3}: loss {l:.3e}");
    }
    println!(
        "trained: {steps} steps to a loss below 1e-20; ŷ = {} (target 60), weights {net:.6?}",
        predict(&net, INPUTS)
    );

    let curve: Vec<(f64, f64)> = losses.iter().enumerate().map(|(k, &l)| (k as f64, l)).collect();
    let y_hats: Vec<(f64, f64)> = {
        let mut net = START;
        (0..=steps)
            .map(|k| {
                let p = (k as f64, predict(&net, INPUTS));
                net = train_step(&net);
                p
            })
            .collect()
    };
    let n = steps as f64;
    let loss_chart = Chart::new("Training loss ½(y − ŷ)² (log scale)", 0.0..n, 1e-22..1e5)
        .labels("step", "loss")
        .log(false, true)
        .legend(Legend::UpperRight)
        .series("loss, gradient by AD, rate 1e-5", curve, Style::LineDots, None);
    let output_chart = Chart::new("Network output ŷ, first 40 steps", 0.0..40.0, 40.0..190.0)
        .labels("step", "ŷ")
        .legend(Legend::UpperRight)
        .series("ŷ", y_hats, Style::LineDots, None)
        .dashed("target y = 60", vec![(0.0, TARGET), (40.0, TARGET)]);
    let dir = common::plot::out_dir();
    save_panels(
        &dir.join("backprop_training.svg"),
        "Training the seed's 2-3-1 linear network",
        2,
        (620, 440),
        &[loss_chart, output_chart],
    )?;

    perceptron(&dir)
}

// --- Part 2: a multilayer perceptron of 10,401 weights ------------------------------------

/// Units in each hidden layer.
const HIDDEN: usize = 100;
/// Data points, evenly spaced on [−2, 2].
const POINTS: usize = 200;
/// Samples per mini-batch: 10 batches make one pass over the data.
const BATCH: usize = 20;
/// Adam's step size at the start; it decays to a tenth by [`MAX_STEPS`].
const RATE: f64 = 5e-3;
/// Training stops when the mean squared error over all the data is below
/// this, checked every [`CHECK_EVERY`] steps...
const GOAL: f64 = 1e-5;
/// ...or after this many steps.
const MAX_STEPS: usize = 5_000;
/// How often the full loss is computed (for the curve and the stop).
const CHECK_EVERY: usize = 50;
/// How often it is printed.
const PRINT_EVERY: usize = 500;

/// A perceptron 1 → [`HIDDEN`] → [`HIDDEN`] → 1 with tanh on both hidden
/// layers: 100 + 100 + 10,000 + 100 + 100 + 1 = 10,401 weights. Deriving
/// `Differentiable` makes it one flat list of scalars for
/// `gradient_params`, which hands the gradient back as an `Mlp` too.
#[derive(Differentiable, Clone, Debug)]
struct Mlp<T> {
    /// Layer 1: unit j computes tanh(w1[j]·x + b1[j]).
    w1: Vec<T>,
    /// Layer 1 biases.
    b1: Vec<T>,
    /// Layer 2: `w2[j]` holds unit j's weights on the units of layer 1.
    w2: Vec<Vec<T>>,
    /// Layer 2 biases.
    b2: Vec<T>,
    /// The output: one weight per unit of layer 2...
    w3: Vec<T>,
    /// ...and a bias.
    b3: T,
}

/// The perceptron's output at `x`, written as `f64` code. Over `Var`s one
/// call records about 20,300 nodes on the tape, two per weight of layer 2
/// (its product and its term of the sum); the products with the datum `x`
/// and the `tanh`s record nothing (an operation of one variable folds into
/// that variable).
#[differentiable]
fn mlp(net: &Mlp<f64>, #[constant] x: f64) -> f64 {
    let h1: Vec<f64> = net.w1.iter().zip(&net.b1).map(|(w, b)| (w * x + b).tanh()).collect();
    let mut y = net.b3;
    for ((row, b), w) in net.w2.iter().zip(&net.b2).zip(&net.w3) {
        let z = row.iter().zip(&h1).map(|(wi, hi)| wi * hi).sum::<f64>() + b;
        y += w * z.tanh();
    }
    y
}

/// The mean squared error of the perceptron on `data`.
#[differentiable]
fn mse(net: &Mlp<f64>, #[constant] data: &[(f64, f64)]) -> f64 {
    let mut total = 0.0;
    for &(x, y) in data {
        let r = mlp(net, x) - y;
        total += r * r;
    }
    total / data.len() as f64
}

/// The function the perceptron learns.
fn target(x: f64) -> f64 {
    (3.0 * x).sin() * (-x * x).exp()
}

/// The data: (x, target(x)) at [`POINTS`] evenly spaced x of [−2, 2].
fn mlp_data() -> Vec<(f64, f64)> {
    (0..POINTS)
        .map(|k| {
            let x = -2.0 + 4.0 * k as f64 / (POINTS - 1) as f64;
            (x, target(x))
        })
        .collect()
}

/// SplitMix64: a small deterministic generator, so every run is the same.
struct SplitMix(u64);

impl SplitMix {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform on [−1, 1).
    fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 52) as f64 - 1.0
    }

    /// Uniform on 0..n.
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

/// A random start: layer 1 spreads its units' centres −b/w over the data
/// (w uniform on ±4, b on ±4); layers 2 and 3 have the uniform weights of
/// variance 1/fan-in (±√3/10); the other biases start at 0.
fn initial_mlp(rng: &mut SplitMix) -> Mlp<f64> {
    let spread = 3f64.sqrt() / (HIDDEN as f64).sqrt();
    let mut layer =
        |n: usize, scale: f64| -> Vec<f64> { (0..n).map(|_| scale * rng.uniform()).collect() };
    let w1 = layer(HIDDEN, 4.0);
    let b1 = layer(HIDDEN, 4.0);
    let w2 = (0..HIDDEN).map(|_| layer(HIDDEN, spread)).collect();
    let w3 = layer(HIDDEN, spread);
    Mlp { w1, b1, w2, b2: vec![0.0; HIDDEN], w3, b3: 0.0 }
}

/// Adam (Kingma & Ba): moving averages of the gradient and of its square,
/// one per weight, and a step of `rate` times their corrected ratio.
struct Adam {
    m: Vec<f64>,
    v: Vec<f64>,
    t: i32,
}

impl Adam {
    const BETA1: f64 = 0.9;
    const BETA2: f64 = 0.999;
    const EPSILON: f64 = 1e-8;

    fn new(weights: usize) -> Self {
        Adam { m: vec![0.0; weights], v: vec![0.0; weights], t: 0 }
    }

    /// The weights after one step along the gradient `grad`.
    fn step(&mut self, net: &Mlp<f64>, grad: &Mlp<f64>, rate: f64) -> Mlp<f64> {
        // Adam works on vectors: flatten the weights and the gradient,
        // step, and rebuild the network from the new weights.
        let (w, g) = (net.to_vec(), grad.to_vec());
        self.t += 1;
        let c1 = 1.0 - Self::BETA1.powi(self.t);
        let c2 = 1.0 - Self::BETA2.powi(self.t);
        let stepped: Vec<f64> = (0..w.len())
            .map(|k| {
                let (m, v) = (&mut self.m[k], &mut self.v[k]);
                *m = Self::BETA1 * *m + (1.0 - Self::BETA1) * g[k];
                *v = Self::BETA2 * *v + (1.0 - Self::BETA2) * g[k] * g[k];
                w[k] - rate * (*m / c1) / ((*v / c2).sqrt() + Self::EPSILON)
            })
            .collect();
        net.with_values(&stepped)
    }
}

/// The mean time of `runs` calls of `f`, in seconds.
fn time_per_call<R>(runs: usize, mut f: impl FnMut() -> R) -> f64 {
    let start = std::time::Instant::now();
    for _ in 0..runs {
        std::hint::black_box(f());
    }
    start.elapsed().as_secs_f64() / runs as f64
}

/// Part 2: trains the perceptron, prints its progress and saves the fit.
fn perceptron(dir: &std::path::Path) -> common::plot::Result {
    let data = mlp_data();
    let mut rng = SplitMix(2024);
    let mut net = initial_mlp(&mut rng);
    let start_fit = common::plot::sample(|x| mlp(&net, x), -2.0, 2.0, 400);
    let weights = net.scalar_count();
    println!();
    println!(
        "multilayer perceptron 1 → {HIDDEN} → {HIDDEN} → 1 (tanh), {weights} weights, \
         fit to sin(3x)·e^(−x²) at {POINTS} points of [−2, 2]"
    );

    // One gradient against one evaluation of the loss, on all the data and
    // on one batch (each timed after a first, warm-up call: the first
    // gradient grows the tape's buffers, which later calls reuse).
    let (full, few) = (&data[..], &data[..BATCH]);
    for points in [full, few] {
        let _ = gradient_params(|n| mse(n, points), &net);
        let runs = 2_000 / points.len();
        let loss_time = time_per_call(runs, || mse(&net, points));
        let grad_time = time_per_call(runs / 4, || gradient_params(|n| mse(n, points), &net));
        println!(
            "  {:>3} points: one loss (f64) {:.3} ms, one gradient (reverse mode, all \
             {weights} partials) {:.3} ms = {:.1} losses",
            points.len(),
            loss_time * 1e3,
            grad_time * 1e3,
            grad_time / loss_time
        );
    }

    let start = std::time::Instant::now();
    let mut adam = Adam::new(weights);
    let mut order: Vec<usize> = (0..POINTS).collect();
    let mut batch = Vec::with_capacity(BATCH);
    let mut curve = vec![(0.0, mse(&net, &data))];
    println!("  step     0: mse {:.3e}", curve[0].1);
    let mut steps = 0;
    'training: loop {
        // One pass over the data in a fresh random order (Fisher–Yates),
        // BATCH points a step.
        for i in (1..POINTS).rev() {
            order.swap(i, rng.below(i + 1));
        }
        for chunk in order.chunks(BATCH) {
            batch.clear();
            batch.extend(chunk.iter().map(|&k| data[k]));
            let (_, grad) = gradient_params(|n| mse(n, &batch), &net);
            let rate = RATE * 0.1f64.powf(steps as f64 / MAX_STEPS as f64);
            net = adam.step(&net, &grad, rate);
            steps += 1;
            if steps % CHECK_EVERY == 0 {
                let l = mse(&net, &data);
                curve.push((steps as f64, l));
                if steps % PRINT_EVERY == 0 || l < GOAL {
                    println!("  step {steps:>5}: mse {l:.3e}");
                }
                if l < GOAL {
                    break 'training;
                }
            }
            if steps == MAX_STEPS {
                break 'training;
            }
        }
    }
    let elapsed = start.elapsed().as_secs_f64();
    let final_loss = mse(&net, &data);
    println!(
        "trained: {steps} Adam steps on batches of {BATCH} in {elapsed:.2} s \
         ({:.2} ms a step); final mse {final_loss:.3e} (goal {GOAL:.0e}), \
         largest error {:.3e}",
        elapsed * 1e3 / steps as f64,
        data.iter().map(|&(x, y)| (mlp(&net, x) - y).abs()).fold(0.0, f64::max)
    );

    let fit = common::plot::sample(|x| mlp(&net, x), -2.0, 2.0, 400);
    let fit_chart = Chart::new("Data and fit", -2.0..2.0, -0.9..0.9)
        .labels("x", "y")
        .legend(Legend::UpperLeft)
        .series("y = sin(3x)·e^(−x²), 200 points", data.clone(), Style::Dots, None)
        .series("perceptron at the start", start_fit, Style::Dashed, None)
        .series("perceptron after training", fit, Style::Line, None);
    let top = curve.iter().map(|&(_, l)| l).fold(GOAL, f64::max) * 2.0;
    let loss_chart = Chart::new(
        "Mean squared error on all the data (log scale)",
        0.0..steps as f64,
        GOAL / 10.0..top,
    )
    .labels("Adam step", "mse")
    .log(false, true)
    .legend(Legend::UpperRight)
    .series("mse, gradients by reverse mode", curve, Style::Line, None)
    .dashed("goal", vec![(0.0, GOAL), (steps as f64, GOAL)]);
    save_panels(
        &dir.join("backprop_mlp.svg"),
        &format!("A 1-100-100-1 tanh perceptron, {weights} weights, trained by Adam"),
        2,
        (620, 440),
        &[fit_chart, loss_chart],
    )?;
    if final_loss < GOAL {
        Ok(())
    } else {
        Err(format!("the perceptron did not reach the goal: mse {final_loss:.3e} ≥ {GOAL:.0e}")
            .into())
    }
}
