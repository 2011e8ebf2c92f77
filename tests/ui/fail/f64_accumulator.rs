use autodiff::prelude::*;

/// Constant data: a polynomial's coefficients.
pub struct Poly {
    pub c0: f64,
    pub c1: f64,
}

#[differentiable]
fn eval(x: f64, #[constant] p: &Poly) -> f64 {
    let mut e = p.c0;
    e += x * p.c1;
    e
}

fn main() {}
