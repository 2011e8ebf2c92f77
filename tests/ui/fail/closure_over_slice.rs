use autodiff::prelude::*;

#[differentiable]
fn loss(w: &[f64], #[constant] scale: f64) -> f64 {
    w.iter().map(|wi| scale * wi * wi).sum()
}

fn main() {
    let w = vec![1.0, 2.0];
    let _ = (|w| loss(w, 2.0)).grad(&w[..]);
}
