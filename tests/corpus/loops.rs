//! `for`, `while` and `loop` with accumulators, as numerical recipes write them.

use autodiff::prelude::*;

// form: for_sum_of_products
#[differentiable]
fn for_sum_of_products(x: &[f64]) -> f64 {
    let mut s = 0.0;
    for xi in x {
        s += xi * xi;
    }
    s
}

#[test]
fn for_sum_of_products_fd() {
    check_slice!(for_sum_of_products, [[0.3, -1.7, 2.2], [1.5, 0.25, -3.0, 4.0], [8.0]]);
}

// form: for_add_assign_ref
#[differentiable]
fn for_add_assign_ref(x: &[f64]) -> f64 {
    let mut s = 0.0;
    for xi in x {
        s += xi;
    }
    s.exp()
}

#[test]
fn for_add_assign_ref_fd() {
    check_slice!(for_add_assign_ref, [[0.3, -1.7, 2.2], [1.5, 0.25, -3.0, 1.0], [-0.4]]);
}

// form: for_product_mul_assign
#[differentiable]
fn for_product_mul_assign(x: &[f64]) -> f64 {
    let mut p = 1.0;
    for &xi in x.iter() {
        p *= 1.0 + xi * xi;
    }
    p.ln()
}

#[test]
fn for_product_mul_assign_fd() {
    check_slice!(for_product_mul_assign, [[0.3, -1.7, 2.2], [1.5, 0.25, -3.0, 4.0], [0.05]]);
}

// form: for_index_neighbours
#[differentiable]
fn for_index_neighbours(x: [f64; 4]) -> f64 {
    let mut energy = 0.0;
    for i in 1..x.len() {
        energy += (x[i] - x[i - 1]).powi(2) + 0.1 * x[i].powi(4);
    }
    energy
}

#[test]
fn for_index_neighbours_fd() {
    check_array!(
        for_index_neighbours,
        [[0.3, -1.7, 2.2, 0.9], [1.5, 0.25, -3.0, 4.0], [-0.1, 0.2, 0.3, -0.4]]
    );
}

// form: while_halving_count
#[differentiable]
fn while_halving_count(x: f64) -> f64 {
    let mut y = x;
    let mut n = 0;
    while y > 1.0 {
        y /= 2.0;
        n += 1;
    }
    y * n as f64 + y.sqrt()
}

#[test]
fn while_halving_count_fd() {
    check_scalar!(while_halving_count, [3.0, 0.7, 13.7, 100.3]);
}

// form: loop_break_series
#[differentiable]
fn loop_break_series(x: f64) -> f64 {
    // sin x by its Taylor series, summed until the terms vanish
    let mut term = x;
    let mut sum = 0.0;
    let mut k = 1;
    loop {
        sum += term;
        term *= -x * x / ((2 * k) * (2 * k + 1)) as f64;
        k += 1;
        if term.abs() < 1e-18 {
            break;
        }
    }
    sum
}

#[test]
fn loop_break_series_fd() {
    check_scalar!(loop_break_series, [0.3, 1.7, -2.2, 4.5]);
}

// form: nested_for_pairs
#[differentiable]
fn nested_for_pairs(x: [f64; 3]) -> f64 {
    let mut s = 0.0;
    for (i, a) in x.iter().enumerate() {
        for b in &x[i + 1..] {
            s += a * b;
        }
    }
    s
}

#[test]
fn nested_for_pairs_fd() {
    check_array!(nested_for_pairs, [[0.3, -1.7, 2.2], [1.5, 0.25, -3.0], [4.0, 4.5, 5.0]]);
}

// form: repeated_multiply_constant_count
#[differentiable]
fn repeated_multiply_constant_count(x: f64, #[constant] n: usize) -> f64 {
    let mut y = 1.0;
    for _ in 0..n {
        y *= x;
    }
    y
}

#[test]
fn repeated_multiply_constant_count_fd() {
    check_scalar!((|x| repeated_multiply_constant_count(x, 5)), [0.3, 1.7, -2.2]);
}

// form: compound_interest_from_constant
#[differentiable]
fn compound_interest_from_constant(
    rate: f64,
    #[constant] years: u32,
    #[constant] principal: f64,
) -> f64 {
    let mut balance = principal;
    for _ in 0..years {
        balance *= 1.0 + rate;
    }
    balance
}

#[test]
fn compound_interest_from_constant_fd() {
    check_scalar!((|r| compound_interest_from_constant(r, 10, 1000.0)), [0.05, 0.013, 0.25]);
}

// form: while_with_counter_and_break
#[differentiable]
fn while_with_counter_and_break(x: f64) -> f64 {
    let mut i = 0;
    let mut acc = x;
    while i < 100 {
        acc = acc.cos() + 0.5 * x;
        i += 1;
        if i == 7 {
            break;
        }
    }
    acc
}

#[test]
fn while_with_counter_and_break_fd() {
    check_scalar!(while_with_counter_and_break, [0.3, 1.7, -2.2]);
}

// form: for_step_by_range_cast
#[differentiable]
fn for_step_by_range_cast(x: f64) -> f64 {
    let mut s = 0.0;
    for k in (1..20).step_by(3) {
        let kf = k as f64;
        s += (kf * x).sin() / kf;
    }
    s
}

#[test]
fn for_step_by_range_cast_fd() {
    check_scalar!(for_step_by_range_cast, [0.3, 1.7, -2.2]);
}

// form: for_over_array_by_value
#[differentiable]
fn for_over_array_by_value(x: [f64; 3]) -> f64 {
    let mut norm2 = 0.0;
    for v in x {
        norm2 += v * v;
    }
    let mut m = 0.0;
    for v in x.iter().map(|v| *v * 2.0) {
        m += v;
    }
    norm2.sqrt() + m
}

#[test]
fn for_over_array_by_value_fd() {
    check_array!(
        for_over_array_by_value,
        [[0.3, -1.7, 2.2], [1.5, 0.25, -3.0], [1e-2, 2e-2, 3e-2]]
    );
}
