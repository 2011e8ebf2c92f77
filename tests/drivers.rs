//! The driver functions as a user calls them: closures with inferred
//! parameter types, generic fn items bounded by `Float` or `Scalar`, nesting.

use approx::assert_relative_eq;
use autodiff::prelude::*;

/// Generic code written against num-traits only.
fn float_only<T: Float>(x: T) -> T {
    let two = T::one() + T::one();
    x.powi(3) * x.sin() / two
}

/// Generic code written against Scalar: f64 constants on the right.
fn scalar<T: Scalar>(x: T) -> T {
    (x * 3.0 + 2.0).powi(2) + x.erf() * 0.5
}

#[test]
fn a_float_bounded_fn_differentiates_to_first_and_second_order() {
    // f = x³ sin x / 2
    // f' = (3x² sin x + x³ cos x)/2
    // f'' = (6x sin x + 6x² cos x - x³ sin x)/2
    for x in [-2.0f64, 0.3, 1.0, 4.0] {
        let (s, c) = x.sin_cos();
        let d1 = (3.0 * x * x * s + x.powi(3) * c) / 2.0;
        let d2 = (6.0 * x * s + 6.0 * x * x * c - x.powi(3) * s) / 2.0;
        assert_relative_eq!(derivative(float_only, x), d1, max_relative = 1e-14);
        let (f, f1, f2) = second_derivative(float_only, x);
        assert_relative_eq!(f, float_only(x), max_relative = 1e-15);
        assert_relative_eq!(f1, d1, max_relative = 1e-14);
        assert_relative_eq!(f2, d2, max_relative = 1e-13);
    }
}

#[test]
fn a_scalar_bounded_fn_differentiates_to_first_and_second_order() {
    // f = (3x + 2)² + erf(x)/2
    // f' = 6(3x + 2) + e^{-x²}/√π
    // f'' = 18 - 2x e^{-x²}/√π
    let sqrt_pi = std::f64::consts::PI.sqrt();
    for x in [-1.5f64, 0.0, 0.7, 2.0] {
        let g = (-x * x).exp() / sqrt_pi;
        let (f, f1, f2) = second_derivative(scalar, x);
        assert_relative_eq!(f, scalar(x), max_relative = 1e-15);
        assert_relative_eq!(f1, 6.0 * (3.0 * x + 2.0) + g, max_relative = 1e-14);
        assert_relative_eq!(f2, 18.0 - 2.0 * x * g, max_relative = 1e-14);
        let (v, d) = value_and_derivative(scalar, x);
        assert_eq!((v, d), (f, f1));
    }
}

#[test]
fn closures_need_no_annotations() {
    assert_eq!(derivative(|x| x.sqrt(), 0.0), f64::INFINITY);
    assert_eq!(derivative(|x| x * x, 3.0), 6.0);
    assert_eq!(second_derivative(|x| x.exp(), 0.0), (1.0, 1.0, 1.0));
    let a = 2.5;
    // Capturing an f64: d/dx aˣ = aˣ ln a
    let (v, d) = value_and_derivative(|x| Dual::cst(a).powf(x), 2.0);
    assert_relative_eq!(v, a * a, max_relative = 1e-15);
    assert_relative_eq!(d, a * a * a.ln(), max_relative = 1e-15);
}

#[test]
fn second_partials_of_a_two_variable_fn() {
    // f = x⁴ + y² + x y³: fx = 4x³ + y³, fy = 2y + 3xy², fxy = 3y²
    let f = |x: HyperDual64, y: HyperDual64| x.powi(4) + y * y + x * y.powi(3);
    let (v, fx, fy, fxy) = second_partial_derivative(f, (2.0, -1.0));
    assert_eq!((v, fx, fy, fxy), (16.0 + 1.0 - 2.0, 32.0 - 1.0, -2.0 + 6.0, 3.0));
}

#[test]
fn nested_derivatives_keep_their_variables_apart() {
    // d/dx [x · d/dy (x + y)] at 1 = 1 (perturbation confusion would give 2).
    let d = derivative(|x| x * derivative(|y| Dual::from(x) + y, x), 1.0);
    assert_eq!(d, 1.0);
    // d/dx [x · d/dy (x y)] = d/dx x² = 2x
    let d = derivative(|x| x * derivative(|y| Dual::from(x) * y, x), 3.0);
    assert_eq!(d, 6.0);
}

#[test]
fn a_derivative_of_a_derivative_is_the_second_derivative() {
    // Differentiating the derivative of a closure that captures nothing.
    let d2 = derivative(|x| derivative(|y| y.sin() * y.exp(), x), 0.5);
    let (_, _, expected) = second_derivative(|y| y.sin() * y.exp(), 0.5);
    assert_relative_eq!(d2, expected, max_relative = 1e-15);
    // 2 cos x eˣ
    assert_relative_eq!(d2, 2.0 * 0.5f64.cos() * 0.5f64.exp(), max_relative = 1e-15);
    // Third derivative by nesting a Dual2 in a Dual: (x⁴)''' = 24x.
    let third = derivative(|x| second_derivative(|y| y.powi(4), x).2, 2.0);
    assert_eq!(third, 48.0);
}

#[test]
fn the_seed_material_lab_values() {
    // ../shared/SEEDS.md: J = w², 2w, w³, 1/w, 1/w² at the lab's points.
    assert_eq!(derivative(|w| w * w, 3.0), 6.0);
    assert_eq!(derivative(|w| w * 2.0, -3.0), 2.0);
    assert_eq!(derivative(|w| w.powi(3), 2.0), 12.0);
    assert_eq!(derivative(|w| w.recip(), 2.0), -0.25);
    assert_eq!(derivative(|w| (w * w).recip(), 4.0), -0.03125);
}
