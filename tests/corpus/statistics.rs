//! Statistics and ML losses: means, variances, likelihoods, softmax,
//! logsumexp, norms, dot products.

use autodiff::prelude::*;
use std::f64::consts::PI;

// form: mean_sum_over_refs
#[differentiable]
fn mean_sum_over_refs(x: &[f64]) -> f64 {
    x.iter().sum::<f64>() / x.len() as f64
}

#[test]
fn mean_sum_over_refs_fd() {
    check_slice!(mean_sum_over_refs, [[0.3, -1.7, 2.2], [1.5, 0.25, -3.0, 4.0], [0.5]]);
}

// form: sample_variance
#[differentiable]
fn sample_variance(x: &[f64]) -> f64 {
    let n = x.len() as f64;
    let mean = x.iter().copied().sum::<f64>() / n;
    x.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0)
}

#[test]
fn sample_variance_fd() {
    check_slice!(sample_variance, [[0.3, -1.7, 2.2], [1.5, 0.25, -3.0, 4.0], [0.5, 0.6]]);
}

// form: normal_log_likelihood
#[differentiable]
fn normal_log_likelihood(params: [f64; 2], #[constant] data: &[f64]) -> f64 {
    let (mu, sigma) = (params[0], params[1]);
    let n = data.len() as f64;
    -n * (sigma.ln() + 0.5 * (2.0 * PI).ln())
        - data.iter().map(|x| (x - mu).powi(2)).sum::<f64>() / (2.0 * sigma * sigma)
}

#[test]
fn normal_log_likelihood_fd() {
    let data = [1.2, -0.4, 0.9, 2.5, 0.1];
    check_array!((|p| normal_log_likelihood(p, &data)), [[0.3, 1.7], [-2.2, 0.4], [0.8, 1.1]]);
}

// form: logsumexp_max_shift
#[differentiable]
fn logsumexp_max_shift(x: &[f64]) -> f64 {
    let m = x.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    m + x.iter().map(|v| (v - m).exp()).sum::<f64>().ln()
}

#[test]
fn logsumexp_max_shift_fd() {
    check_slice!(logsumexp_max_shift, [[0.3, -1.7, 2.2], [1.5, 0.25, -3.0, 4.0], [0.5, 0.6]]);
}

// form: softmax_cross_entropy
#[differentiable]
fn softmax_cross_entropy(logits: &[f64], #[constant] target: usize) -> f64 {
    let m = logits.iter().fold(f64::NEG_INFINITY, |a, &b| a.max(b));
    let z: f64 = logits.iter().map(|&l| (l - m).exp()).sum();
    -(logits[target] - m - z.ln())
}

#[test]
fn softmax_cross_entropy_fd() {
    check_slice!(
        (|l: &_| softmax_cross_entropy(l, 1)),
        [[0.3, -1.7, 2.2], [1.5, 0.25, -3.0, 4.0], [0.5, 0.6]]
    );
}

// form: euclidean_norm
#[differentiable]
fn euclidean_norm(x: &[f64]) -> f64 {
    x.iter().map(|v| v * v).sum::<f64>().sqrt()
}

#[test]
fn euclidean_norm_fd() {
    check_slice!(euclidean_norm, [[0.3, -1.7, 2.2], [1.5, 0.25, -3.0, 4.0], [0.5, 0.6]]);
}

// form: dot_with_constant_vector
#[differentiable]
fn dot_with_constant_vector(x: &[f64], #[constant] y: &[f64]) -> f64 {
    let d: f64 = x.iter().zip(y).map(|(a, b)| a * b).sum();
    d.powi(2)
}

#[test]
fn dot_with_constant_vector_fd() {
    let y = [0.5, -1.25, 2.0];
    check_slice!(
        (|x: &_| dot_with_constant_vector(x, &y)),
        [[0.3, -1.7, 2.2], [1.5, 0.25, -3.0], [0.5, 0.6, 0.7]]
    );
}

// form: huber_loss_constant_delta
#[differentiable]
fn huber_loss_constant_delta(r: f64, #[constant] delta: f64) -> f64 {
    if r.abs() <= delta {
        0.5 * r * r
    } else {
        delta * (r.abs() - 0.5 * delta)
    }
}

#[test]
fn huber_loss_constant_delta_fd() {
    check_scalar!((|r| huber_loss_constant_delta(r, 1.0)), [0.3, 1.7, -2.2]);
}

// form: logistic_regression_bce
#[differentiable]
fn logistic_regression_bce(w: [f64; 2], #[constant] data: &[(f64, f64)]) -> f64 {
    let mut loss = 0.0;
    for &(x, y) in data {
        let z = w[0] * x + w[1];
        let p = 1.0 / (1.0 + (-z).exp());
        loss -= y * p.ln() + (1.0 - y) * (1.0 - p).ln();
    }
    loss / data.len() as f64
}

#[test]
fn logistic_regression_bce_fd() {
    let data = [(0.5, 1.0), (-1.0, 0.0), (2.0, 1.0), (0.1, 0.0)];
    check_array!((|w| logistic_regression_bce(w, &data)), [[0.3, -1.7], [2.2, 0.4], [-0.8, 1.1]]);
}

// form: geometric_mean_logs
#[differentiable]
fn geometric_mean_logs(x: &[f64]) -> f64 {
    (x.iter().map(|v| v.ln()).sum::<f64>() / x.len() as f64).exp()
}

#[test]
fn geometric_mean_logs_fd() {
    check_slice!(geometric_mean_logs, [[0.3, 1.7, 2.2], [1.5, 0.25, 3.0, 4.0], [0.5]]);
}

// form: poisson_log_likelihood_counts
#[differentiable]
fn poisson_log_likelihood_counts(lambda: f64, #[constant] counts: &[u32]) -> f64 {
    counts
        .iter()
        .map(|&k| {
            let ln_k_factorial: f64 = (1..=k).map(|i| (i as f64).ln()).sum();
            k as f64 * lambda.ln() - lambda - ln_k_factorial
        })
        .sum()
}

#[test]
fn poisson_log_likelihood_counts_fd() {
    let counts = [0, 3, 1, 4, 2];
    check_scalar!((|l| poisson_log_likelihood_counts(l, &counts)), [0.3, 1.7, 12.2]);
}

// form: pearson_correlation_constant_y
#[differentiable]
fn pearson_correlation_constant_y(x: &[f64], #[constant] y: &[f64]) -> f64 {
    let n = x.len() as f64;
    let mx = x.iter().copied().sum::<f64>() / n;
    let my = y.iter().sum::<f64>() / n;
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (&a, &b) in x.iter().zip(y) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx).powi(2);
        syy += (b - my).powi(2);
    }
    sxy / (sxx * syy).sqrt()
}

#[test]
fn pearson_correlation_constant_y_fd() {
    let y = [0.5, -1.25, 2.0, 0.75];
    check_slice!(
        (|x: &_| pearson_correlation_constant_y(x, &y)),
        [[0.3, -1.7, 2.2, 0.9], [1.5, 0.25, -3.0, 4.0], [0.1, 0.4, 0.2, 0.3]]
    );
}

// form: mse_loss_zip_constant_targets
#[differentiable]
fn mse_loss_zip_constant_targets(pred: &[f64], #[constant] target: &[f64]) -> f64 {
    pred.iter().zip(target.iter()).map(|(p, t)| (p - t).powi(2)).sum::<f64>() / pred.len() as f64
}

#[test]
fn mse_loss_zip_constant_targets_fd() {
    let t = [0.5, -1.25, 2.0];
    check_slice!(
        (|p: &_| mse_loss_zip_constant_targets(p, &t)),
        [[0.3, -1.7, 2.2], [1.5, 0.25, -3.0], [0.5, 0.6, 0.7]]
    );
}
