//! A guided tour of the crate through the use cases of SEEDS.md, a few
//! lines each: the derivative table, tangents, finite differences against
//! AD, Taylor mode, gradient descent in 1-D and 2-D, backprop, the
//! derivative of a composition, and SymPy's lab values. Each topic has its
//! own example with more output and pictures.
//!
//! Run with `cargo run --release --example tour [DIR]`; the pictures go to
//! `DIR` (default `target/plots/`).

mod common;

use autodiff::prelude::*;
use common::seeds::*;

fn header(n: usize, title: &str, example: &str) {
    println!("\n── {n}. {title} (more: --example {example}) ──");
}

fn main() -> common::plot::Result {
    let dir = common::plot::out_dir();

    header(1, "Exact derivatives", "derivative_table");
    println!("(3 + ε)² = {}: the dual number carries d(x²)/dx = 6", Dual64::variable(3.0).powi(2));
    for row in
        derivative_table().iter().filter(|r| ["σ(x)", "arcsin x", "x² e^(sin x)"].contains(&r.name))
    {
        let x = row.points[row.points.len() - 1];
        println!(
            "{:<13} at {x}: f' by AD {:.15}, closed form {} = {:.15}",
            row.name,
            (row.ad)(x),
            row.closed_form,
            (row.exact)(x)
        );
    }
    common::figures::activations(&dir)?;

    header(2, "Tangents", "tangents");
    let (y0, slope) = j_square.value_and_grad(3.0);
    println!("x² at 3: tangent y = {y0} + {slope}(x − 3)");
    let (fx, fy) = quartic_bowl.grad((1.0, -0.8));
    println!("x⁴ + y² at (1, −0.8): gradient [{fx}, {fy}] = [4x³, 2y]: the tangent plane's slopes");

    header(3, "Finite differences against AD", "finite_differences");
    for h in SEED_STEPS {
        println!(
            "sin'(1) ≈ forward {:.6}, backward {:.6}, central {:.6} at h = {h}; exact cos 1 = {:.6}",
            forward_difference(f64::sin, 1.0, h),
            backward_difference(f64::sin, 1.0, h),
            central_difference(f64::sin, 1.0, h),
            1f64.cos()
        );
    }
    let errors = difference_errors(1.0);
    let best = |i: usize| errors.iter().map(|(_, e)| e[i]).fold(f64::INFINITY, f64::min);
    println!(
        "smallest error over h from 1 to 1e-16: forward {:.1e}, central {:.1e}; AD's: {}",
        best(0),
        best(2),
        best(3)
    );
    common::figures::finite_difference_errors(&dir, 1.0)?;

    header(4, "Taylor mode", "taylor");
    let c = taylor::<_, 8>(|x| x.sin(), 0.0);
    println!("sin x = x − x³/6 + x⁵/120 − …: coefficients {:.6?}", c.map(|v| v + 0.0));
    let d = derivatives::<_, 16>(|x| x.exp(), 0.0);
    let inv_factorials: Vec<f64> =
        (0..16).map(|k| d[k] / (1..=k).map(|i| i as f64).product::<f64>()).collect();
    println!(
        "e = Σ 1/k! from eˣ's derivatives at 0: {:.15} (e = {:.15})",
        partial_sum(&inv_factorials, 15, 1.0),
        std::f64::consts::E
    );
    common::figures::taylor_polynomials(&dir)?;

    header(5, "Gradient descent on ln(x⁴ + x³ + 2) from −9.41, 5000 steps", "gradient_descent_1d");
    let mut runs = Vec::new();
    for rate in DESCENT_RATES {
        let path = descend(seed_loss, DESCENT_START, rate, DESCENT_STEPS);
        let end = *path.last().unwrap();
        println!("rate {rate:<5}: x = {end:.4}, f(x) = {}", seed_loss(end));
        runs.push((rate, path));
    }
    println!(
        "(the seed's values: x ≈ −6.868 for 0.001; x = −0.75, f = 0.6389714464579207 for 0.01)"
    );
    common::figures::descent_1d(&dir, &runs)?;

    header(6, "Gradient descent on x⁴ + y²", "gradient_descent_2d");
    let path = descend_2d(quartic_bowl, (1.4, 1.8), 0.05, 60);
    let (x, y) = path[path.len() - 1];
    println!(
        "60 steps of rate 0.05 from (1.4, 1.8): ({x:.4}, {y:.4}), f = {:.6}",
        quartic_bowl(x, y)
    );

    header(7, "Backprop by AD: the seed's 2-3-1 network", "backprop");
    let net = START;
    let g = loss_gradient(&net);
    println!(
        "ŷ = {}, loss = {}; ∂L/∂w2 = {}, ∂L/∂w1 = {} (x1) and {} (x2)",
        predict(&net, INPUTS),
        loss(&net, INPUTS, TARGET),
        g.w2[0],
        g.w1[0][0],
        g.w1[0][1]
    );
    let net = train_step(&net);
    println!(
        "one step: w2 = {:.3}, w1 = {:.3} / {:.3}, ŷ = {:.4}, loss = {:.8}",
        net.w2[0],
        net.w1[0][0],
        net.w1[0][1],
        predict(&net, INPUTS),
        loss(&net, INPUTS, TARGET)
    );
    let (losses, _) = train(1e-20, 10_000);
    println!("loss below 1e-20 after {} steps", losses.len() - 1);

    header(8, "The derivative of a composition", "composition");
    let f = Composition((Linear(2.0, 0.0), Linear(3.0, 0.0), Linear(4.0, 0.0)));
    println!(
        "Composition(Linear(2, 0), Linear(3, 0), Linear(4, 0)).prime(x) at −1, 0, 5: {:?}",
        [-1.0, 0.0, 5.0].map(|x| f.prime(x))
    );

    header(9, "SymPy's derivatives, by AD", "symbolic_vs_ad");
    for case in sympy_lab() {
        println!(
            "J = {:<8} SymPy: {:<8} at w = {:>2}: AD {}",
            case.j,
            case.sympy,
            case.w,
            (case.ad)(case.w)
        );
    }
    Ok(())
}
