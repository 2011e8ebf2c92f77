use autodiff::prelude::*;

#[derive(Differentiable)]
struct Params<T: Scalar> {
    w: [T; 3],
}

fn main() {}
