use autodiff::prelude::*;

fn plain(x: f64) -> f64 {
    x.sin()
}

fn main() {
    let _ = plain.grad(1.0);
}
