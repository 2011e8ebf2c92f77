//! The derivative of a composition (seed 001's `Function` class with
//! `prime()` and `Composition(Linear(2, 0), Linear(3, 0), Linear(4, 0))`,
//! whose derivative is 24 everywhere), three ways: the seed's class with
//! `prime` written once by AD, generic functions, and `#[differentiable]`
//! fns. The seed's hand-made chain rule (a product of `prime`s along the
//! forward pass) is checked against AD.
//!
//! Run with `cargo run --release --example composition [DIR]`; the picture
//! goes to `DIR` (default `target/plots/`).

mod common;

use autodiff::prelude::*;
use common::plot::{sample, save_panels, Chart, Legend, Style};
use common::seeds::{sigma, Composition, Function, Linear, Sigmoid};

// The same functions, generic over the number type.
fn f1<T: Scalar>(x: T) -> T {
    x * 2.0
}
fn f2<T: Scalar>(x: T) -> T {
    x * 3.0
}
fn f3<T: Scalar>(x: T) -> T {
    x * 4.0
}

// And as `#[differentiable]` fns calling each other.
#[differentiable]
fn double(x: f64) -> f64 {
    2.0 * x
}
#[differentiable]
fn triple(x: f64) -> f64 {
    3.0 * x
}
#[differentiable]
fn quadruple(x: f64) -> f64 {
    4.0 * x
}
#[differentiable]
fn times_24(x: f64) -> f64 {
    quadruple(triple(double(x)))
}

fn main() -> common::plot::Result {
    let f = Composition((Linear(2.0, 0.0), Linear(3.0, 0.0), Linear(4.0, 0.0)));
    println!("f = Composition(Linear(2, 0), Linear(3, 0), Linear(4, 0)), f(x) = 24x:");
    for x in [-10.0, -1.5, 0.0, 2.0, 7.25] {
        // The seed's chain rule by hand: the forward pass x → 2x → 6x, then
        // the product of each function's prime at its input.
        let by_hand = Linear(2.0, 0.0).prime(x)
            * Linear(3.0, 0.0).prime(2.0 * x)
            * Linear(4.0, 0.0).prime(6.0 * x);
        println!(
            "  x = {x:>6}: f(x) = {:>6}, f.prime(x) = {}, generic {}, #[differentiable] {}, product of primes {by_hand}",
            f.call(x),
            f.prime(x),
            derivative(|x| f3(f2(f1(x))), x),
            times_24.grad(x)
        );
    }

    println!("\nSigmoid.prime(x) next to the seed's σ(x) − σ(x)²:");
    for x in [-2.0, 0.0, 3.0] {
        println!(
            "  x = {x:>4}: AD {:.15}, seed formula {:.15}",
            Sigmoid.prime(x),
            sigma(x) - sigma(x).powi(2)
        );
    }
    let g = Composition((Linear(2.0, -1.0), Sigmoid));
    println!("g = Composition(Linear(2, -1), Sigmoid), g'(x) = 2σ'(2x − 1):");
    for x in [-1.0, 0.5, 2.0] {
        let s = sigma(2.0 * x - 1.0);
        println!(
            "  x = {x:>4}: g.prime(x) = {:.15}, closed form {:.15}",
            g.prime(x),
            2.0 * s * (1.0 - s)
        );
    }

    let prime_24 =
        Chart::new("The derivative of f(x) = 24x (seed fig. 12.8)", -10.0..10.0, 0.0..30.0)
            .labels("x", "")
            .legend(Legend::LowerRight)
            .series(
                "f.prime(x), by AD",
                sample(|x| f.prime(x), -10.0, 10.0, 200),
                Style::Thick,
                None,
            );
    let sigmoid_chart = Chart::new("g = Sigmoid ∘ Linear(2, −1)", -4.0..4.0, -0.1..1.1)
        .labels("x", "")
        .legend(Legend::UpperLeft)
        .line("g(x)", sample(|x| g.call(x), -4.0, 4.0, 200))
        .line("g.prime(x), by AD", sample(|x| g.prime(x), -4.0, 4.0, 200))
        .dots(
            "2σ(2x − 1)(1 − σ(2x − 1))",
            sample(|x| 2.0 * sigma(2.0 * x - 1.0) * (1.0 - sigma(2.0 * x - 1.0)), -3.75, 3.75, 15),
        );
    let dir = common::plot::out_dir();
    save_panels(
        &dir.join("composition.svg"),
        "Derivatives of compositions: Function::prime by AD",
        2,
        (600, 420),
        &[prime_24, sigmoid_chart],
    )?;
    Ok(())
}
