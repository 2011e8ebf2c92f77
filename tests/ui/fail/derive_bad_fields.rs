use autodiff::prelude::*;

#[derive(Differentiable)]
struct Params<T> {
    w: [T; 3],
    pair: (T, T),
    maybe: Option<T>,
    count: usize,
    #[constant]
    scale: T,
}

fn main() {}
