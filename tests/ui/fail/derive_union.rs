use autodiff::prelude::*;

#[derive(Differentiable)]
union Bits<T: Copy> {
    x: T,
    y: u64,
}

fn main() {}
