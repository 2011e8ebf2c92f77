//! Accumulator patterns: running means, Welford, Kahan, folds into tuples,
//! accumulators seeded from constant data.

use autodiff::prelude::*;

/// Polynomial coefficients held as plain data.
pub struct Quadratic {
    pub c0: f64,
    pub c1: f64,
    pub c2: f64,
}

// form: accumulator_from_struct_field
#[differentiable]
fn accumulator_from_struct_field(x: f64, #[constant] p: &Quadratic) -> f64 {
    let mut e = p.c0;
    e += x * p.c1;
    e += x * x * p.c2;
    e
}

#[test]
fn accumulator_from_struct_field_fd() {
    let p = Quadratic { c0: 0.5, c1: -1.5, c2: 2.25 };
    check_scalar!((|x| accumulator_from_struct_field(x, &p)), [0.3, 1.7, -2.2]);
}

// form: zero_then_add_constant
#[differentiable]
fn zero_then_add_constant(x: f64, #[constant] offset: f64) -> f64 {
    let mut acc = 0.0;
    acc += offset;
    acc += x.sin();
    acc -= offset * x;
    acc * acc
}

#[test]
fn zero_then_add_constant_fd() {
    check_scalar!((|x| zero_then_add_constant(x, 0.75)), [0.3, 1.7, -2.2]);
}

// form: running_mean
#[differentiable]
fn running_mean(x: &[f64]) -> f64 {
    let mut mean = 0.0;
    for (i, xi) in x.iter().enumerate() {
        mean += (xi - mean) / (i + 1) as f64;
    }
    mean
}

#[test]
fn running_mean_fd() {
    check_slice!(running_mean, [[0.3, -1.7, 2.2], [1.5, 0.25, -3.0, 4.0], [6.5]]);
}

// form: welford_variance
#[differentiable]
fn welford_variance(x: &[f64]) -> f64 {
    let mut mean = 0.0;
    let mut m2 = 0.0;
    let mut n = 0.0;
    for &xi in x {
        n += 1.0;
        let delta = xi - mean;
        mean += delta / n;
        m2 += delta * (xi - mean);
    }
    m2 / (n - 1.0)
}

#[test]
fn welford_variance_fd() {
    check_slice!(welford_variance, [[0.3, -1.7, 2.2], [1.5, 0.25, -3.0, 4.0], [10.0, 10.5]]);
}

// form: kahan_sum
#[differentiable]
fn kahan_sum(x: &[f64]) -> f64 {
    let mut sum = 0.0;
    let mut c = 0.0;
    for &xi in x {
        let y = xi * xi - c;
        let t = sum + y;
        c = (t - sum) - y;
        sum = t;
    }
    sum
}

#[test]
fn kahan_sum_fd() {
    check_slice!(kahan_sum, [[0.3, -1.7, 2.2], [1.5, 0.25, -3.0, 4.0], [1e3, 1e-3]]);
}

// form: fold_into_tuple
#[differentiable]
fn fold_into_tuple(x: &[f64]) -> f64 {
    let n = x.len() as f64;
    let (s, s2) = x.iter().fold((0.0, 0.0), |(s, s2), &v| (s + v, s2 + v * v));
    s2 / n - (s / n).powi(2)
}

#[test]
fn fold_into_tuple_fd() {
    check_slice!(fold_into_tuple, [[0.3, -1.7, 2.2], [1.5, 0.25, -3.0, 4.0], [0.1, 0.9]]);
}

// form: sub_assign_ref
#[differentiable]
fn sub_assign_ref(x: &[f64]) -> f64 {
    let mut remaining = 10.0;
    for v in x {
        remaining -= v;
    }
    remaining * remaining
}

#[test]
fn sub_assign_ref_fd() {
    check_slice!(sub_assign_ref, [[0.3, -1.7, 2.2], [1.5, 0.25, -3.0, 4.0], [20.0]]);
}

// form: div_assign_by_differentiated
#[differentiable]
fn div_assign_by_differentiated(x: f64) -> f64 {
    let mut y = x;
    for k in 1..5 {
        y /= k as f64 + x;
    }
    y
}

#[test]
fn div_assign_by_differentiated_fd() {
    check_scalar!(div_assign_by_differentiated, [0.3, 1.7, 2.2, 7.5]);
}

// form: horner_seeded_from_constant
#[differentiable]
fn horner_seeded_from_constant(x: f64, #[constant] c: &[f64]) -> f64 {
    let mut s = c[0];
    for &ci in &c[1..] {
        s = s * x + ci;
    }
    s
}

#[test]
fn horner_seeded_from_constant_fd() {
    let c = [2.0, -3.0, 0.5, 1.25];
    check_scalar!((|x| horner_seeded_from_constant(x, &c)), [0.3, 1.7, -2.2]);
}

// form: geometric_decay_sum
#[differentiable]
fn geometric_decay_sum(r: f64) -> f64 {
    let mut total = 0.0;
    let mut weight = 1.0;
    for _ in 0..40 {
        total += weight;
        weight *= r;
    }
    total
}

#[test]
fn geometric_decay_sum_fd() {
    check_scalar!(geometric_decay_sum, [0.3, 0.77, -0.45]);
}

// form: max_tracking_loop
#[differentiable]
fn max_tracking_loop(x: &[f64]) -> f64 {
    let mut best = f64::NEG_INFINITY;
    let mut best_sq = 0.0;
    for &v in x {
        if v > best {
            best = v;
            best_sq = v * v;
        }
    }
    best + best_sq
}

#[test]
fn max_tracking_loop_fd() {
    check_slice!(max_tracking_loop, [[0.3, -1.7, 2.2], [1.5, 0.25, -3.0, 4.0], [-9.0, -8.0]]);
}

// form: accumulate_into_vec_push
#[differentiable]
fn accumulate_into_vec_push(x: f64) -> f64 {
    let mut prefix = Vec::with_capacity(8);
    let mut acc = 0.0;
    for k in 0..8 {
        acc += (x * k as f64).cos();
        prefix.push(acc);
    }
    prefix.iter().map(|p| p * p).sum::<f64>() / prefix.len() as f64
}

#[test]
fn accumulate_into_vec_push_fd() {
    check_scalar!(accumulate_into_vec_push, [0.3, 1.7, -2.2]);
}

// form: tuple_accumulators_from_struct_fields
#[differentiable]
fn tuple_accumulators_from_struct_fields(x: f64, #[constant] p: &Quadratic) -> f64 {
    // a linear recurrence started from constant data: t_{k+1} = x·t_k + c2·t_{k-1}
    let (mut prev, mut cur) = (p.c0, p.c1);
    for _ in 0..6 {
        let next = x * cur + p.c2 * prev;
        prev = cur;
        cur = next;
    }
    cur
}

#[test]
fn tuple_accumulators_from_struct_fields_fd() {
    let p = Quadratic { c0: 0.5, c1: -1.5, c2: 0.25 };
    check_scalar!((|x| tuple_accumulators_from_struct_fields(x, &p)), [0.3, 1.7, -2.2]);
}
