//! Early `return`, guards, `match` on integers and lengths, `if let`.

use autodiff::prelude::*;

// form: guard_clause_return
#[differentiable]
fn guard_clause_return(x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    x.sqrt() * x
}

#[test]
fn guard_clause_return_fd() {
    check_scalar!(guard_clause_return, [0.3, 1.7, 12.2]);
}

// form: return_from_inside_loop
#[differentiable]
fn return_from_inside_loop(x: &[f64]) -> f64 {
    for &v in x {
        if v > 100.0 {
            return v;
        }
    }
    x.iter().map(|v| v * v).sum()
}

#[test]
fn return_from_inside_loop_fd() {
    check_slice!(return_from_inside_loop, [[0.3, -1.7, 2.2], [1.5, 250.0, -3.0], [-0.5]]);
}

// form: match_on_integer_order
#[differentiable]
fn match_on_integer_order(x: f64, #[constant] order: u8) -> f64 {
    match order {
        0 => x,
        1 => x * x,
        2 | 3 => x.powi(order as i32 + 1),
        _ => x.exp(),
    }
}

#[test]
fn match_on_integer_order_fd() {
    for order in 0..5 {
        check_scalar!((|x| match_on_integer_order(x, order)), [0.3, 1.7, -2.2]);
    }
}

// form: match_on_slice_len
#[differentiable]
fn match_on_slice_len(x: &[f64]) -> f64 {
    match x.len() {
        0 => 0.0,
        1 => x[0].sin(),
        n => x.iter().copied().sum::<f64>() / n as f64,
    }
}

#[test]
fn match_on_slice_len_fd() {
    check_slice!(match_on_slice_len, [[0.3], [1.5, 0.25, -3.0, 4.0], [-0.5, 0.75]]);
}

// form: if_let_first_last
#[differentiable]
fn if_let_first_last(x: &[f64]) -> f64 {
    if let (Some(&first), Some(&last)) = (x.first(), x.last()) {
        first * last + (first - last).powi(2)
    } else {
        0.0
    }
}

#[test]
fn if_let_first_last_fd() {
    check_slice!(if_let_first_last, [[0.3, -1.7, 2.2], [1.5, 0.25, -3.0, 4.0], [2.5]]);
}

// form: nan_guard_then_clamp
#[differentiable]
fn nan_guard_then_clamp(x: f64) -> f64 {
    if x.is_nan() {
        return f64::NAN;
    }
    let y = x.clamp(-1.0, 1.0);
    y.powi(3) + x
}

#[test]
fn nan_guard_then_clamp_fd() {
    check_scalar!(nan_guard_then_clamp, [0.3, 1.7, -2.2, -0.45]);
}

// form: return_in_match_arm
#[differentiable]
fn return_in_match_arm(x: f64, #[constant] mode: u32) -> f64 {
    let base = match mode {
        0 => return x.tanh(),
        1 => x.sinh(),
        _ => x.cosh(),
    };
    base * 2.0 - 1.0
}

#[test]
fn return_in_match_arm_fd() {
    for mode in 0..3 {
        check_scalar!((|x| return_in_match_arm(x, mode)), [0.3, 1.7, -2.2]);
    }
}

// form: question_mark_style_option
#[differentiable]
fn question_mark_style_option(x: &[f64]) -> f64 {
    let m = x.iter().copied().reduce(|a, b| a + b).unwrap_or(0.0);
    let Some(&third) = x.get(2) else {
        return m;
    };
    m * third
}

#[test]
fn question_mark_style_option_fd() {
    check_slice!(question_mark_style_option, [[0.3, -1.7, 2.2], [1.5, 0.25], [4.0, 0.5, 0.5, 1.0]]);
}

// form: early_return_piecewise_chain
#[differentiable]
fn early_return_piecewise_chain(x: f64) -> f64 {
    if x < -1.0 {
        return -(x + 1.0).powi(2) - 1.0;
    }
    if x < 1.0 {
        return x.powi(3) * 0.5 - 0.5 * x;
    }
    (x - 1.0).ln_1p()
}

#[test]
fn early_return_piecewise_chain_fd() {
    check_scalar!(early_return_piecewise_chain, [0.3, 1.7, -2.2, -0.8]);
}
