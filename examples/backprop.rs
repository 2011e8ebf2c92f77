//! Backprop by hand and by AD (seed 002): inputs x = (40, 80), target
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
//! Run with `cargo run --release --example backprop [DIR]`; the picture
//! goes to `DIR` (default `target/plots/`).

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
    Ok(())
}
