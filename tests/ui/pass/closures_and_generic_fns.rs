//! The extension methods work on closures and hand-written generic fns too.
use autodiff::prelude::*;

fn cubic<T: Scalar>(x: T) -> T {
    x.powi(3) - x * 2.0
}

fn main() {
    assert_eq!(cubic.grad(2.0), 10.0);
    assert_eq!(cubic.hessian(2.0), 12.0);
    let k = 3.0;
    assert_eq!((|x: Dual64| x * k).grad(1.0), 3.0);
    assert_eq!((|x: [DualVec64<2>; 2]| x[0] * x[1]).grad([2.0, 5.0]), [5.0, 2.0]);
}
