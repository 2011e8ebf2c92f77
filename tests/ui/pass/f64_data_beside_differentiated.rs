//! f64 data beside differentiated values, as users write it: accumulators
//! that start from a field or an element, comparisons either way round,
//! references, integer casts of a differentiated value (its step), and
//! `#[constant] let` for a constant computed inside.
#![deny(warnings, clippy::all)]

use autodiff::prelude::*;

/// Constant data.
pub struct Poly {
    /// Coefficients, lowest first.
    pub c: [f64; 3],
    /// A cut-off.
    pub cut: f64,
}

#[differentiable]
fn eval(x: f64, #[constant] p: &Poly) -> f64 {
    let mut acc = p.c[2];
    for ci in p.c[..2].iter().rev() {
        acc = acc * x + ci;
    }
    let mut best = p.cut;
    for &ci in &p.c {
        if ci > best {
            best = ci;
        }
    }
    let t: f64 = p.cut;
    let i = (x * 2.0).floor() as usize % 3;
    #[constant]
    let half_cut = 0.5 * p.cut;
    if p.cut < x && x > t {
        acc + best * &p.c[i] + half_cut
    } else {
        acc
    }
}

fn main() {
    let p = Poly { c: [1.0, 2.0, 3.0], cut: 0.5 };
    // acc = 1 + 2x + 3x², d/dx = 2 + 6x
    let d = (|x| eval(x, &p)).grad(1.25);
    assert!((d - 9.5).abs() < 1e-14);
}
