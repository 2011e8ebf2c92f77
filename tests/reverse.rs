//! scratch
use autodiff::prelude::*;

#[test]
fn scratch() {
    let r = gradient_reverse(|v| (v[0] - v[0]).sqrt(), &[1.0]);
    let f = gradient_forward(|v| (v[0] - v[0]).sqrt(), &[1.0]);
    println!("sqrt(x-x): rev {r:?} fwd {f:?}");
    let r = gradient_reverse(|v| (v[0] * 0.0).sqrt(), &[1.0]);
    let f = gradient_forward(|v| (v[0] * 0.0).sqrt(), &[1.0]);
    println!("sqrt(0x): rev {r:?} fwd {f:?}");
    let r = gradient_reverse(|v| (v[0] * v[1]).sqrt(), &[0.0, 0.0]);
    let f = gradient_forward(|v| (v[0] * v[1]).sqrt(), &[0.0, 0.0]);
    println!("sqrt(xy) at 0: rev {r:?} fwd {f:?}");
    let r = gradient_reverse(|v| (v[0] * v[1]).sqrt(), &[0.0, 1.0]);
    let f = gradient_forward(|v| (v[0] * v[1]).sqrt(), &[0.0, 1.0]);
    println!("sqrt(xy) at (0,1): rev {r:?} fwd {f:?}");
    let r = gradient_reverse(|v| (v[0] + v[1]).sqrt() * 0.0, &[0.0, 0.0]);
    let f = gradient_forward(|v| (v[0] + v[1]).sqrt() * 0.0, &[0.0, 0.0]);
    println!("sqrt(x+y)*0: rev {r:?} fwd {f:?}");
    let r = gradient_reverse(|v| (v[0] + v[1]).sqrt() * v[2], &[0.0, 0.0, 0.0]);
    let f = gradient_forward(|v| (v[0] + v[1]).sqrt() * v[2], &[0.0, 0.0, 0.0]);
    println!("sqrt(x+y)*z: rev {r:?} fwd {f:?}");
    let r = gradient_reverse(|v| v[0].abs() , &[-0.0]);
    println!("abs -0 {r:?}");
    let r = gradient_reverse(|v| v[0].max(v[1]) , &[1.0, 1.0]);
    let f = gradient_forward(|v| v[0].max(v[1]) , &[1.0, 1.0]);
    println!("max tie rev {r:?} fwd {f:?}");
}
