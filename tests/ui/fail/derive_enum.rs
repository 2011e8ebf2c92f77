use autodiff::prelude::*;

#[derive(Differentiable)]
enum Shape<T> {
    Circle(T),
    Square(T),
}

fn main() {}
