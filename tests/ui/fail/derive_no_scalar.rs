use autodiff::prelude::*;

#[derive(Differentiable)]
struct Params {
    w: [f64; 3],
}

fn main() {}
