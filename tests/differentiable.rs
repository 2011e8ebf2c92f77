//! `#[differentiable]` in every supported form, checked against closed forms.
#![deny(warnings)]

use approx::assert_relative_eq;
use autodiff::prelude::*;

// --- scalar ---------------------------------------------------------------------

#[differentiable]
fn f(x: f64) -> f64 {
    2.0 * x.sin() * x.exp()
}

#[test]
fn a_scalar_fn_is_still_an_f64_fn_and_differentiates() {
    let x = 1.5f64;
    assert_eq!(f(x), 2.0 * x.sin() * x.exp());
    let as_pointer: fn(f64) -> f64 = f;
    assert_eq!(as_pointer(x), f(x));
    let mapped: Vec<f64> = [0.0, 1.0].into_iter().map(f).collect();
    assert_eq!(mapped, [f(0.0), f(1.0)]);
    // f' = 2(cos x + sin x)eˣ, f'' = 4 cos x eˣ
    assert_relative_eq!(f.grad(x), 2.0 * (x.cos() + x.sin()) * x.exp(), max_relative = 1e-14);
    assert_eq!(f.value_and_grad(x), (f(x), f.grad(x)));
    assert_relative_eq!(f.hessian(x), 4.0 * x.cos() * x.exp(), max_relative = 1e-13);
}

// --- the seed material's lab values ------------------------------------------------

#[differentiable]
fn square(w: f64) -> f64 {
    w * w
}
#[differentiable]
fn double(w: f64) -> f64 {
    2.0 * w
}
#[differentiable]
fn cube(w: f64) -> f64 {
    w.powi(3)
}
#[differentiable]
fn inverse(w: f64) -> f64 {
    1.0 / w
}
#[differentiable]
fn inverse_square(w: f64) -> f64 {
    1.0 / (w * w)
}

#[test]
fn the_seed_lab_values() {
    assert_eq!(square.grad(3.0), 6.0);
    assert_eq!(double.grad(-3.0), 2.0);
    assert_eq!(cube.grad(2.0), 12.0);
    assert_eq!(inverse.grad(2.0), -0.25);
    assert_eq!(inverse_square.grad(4.0), -0.03125);
}

// --- tuples, arrays, slices, several outputs ------------------------------------------

#[differentiable]
fn g(x: f64, y: f64) -> f64 {
    x * y.exp()
}

#[differentiable]
fn three(a: f64, b: f64, c: f64) -> f64 {
    a * b * c + c.powi(2)
}

#[differentiable]
fn rosen(x: [f64; 2]) -> f64 {
    (1.0 - x[0]).powi(2) + 100.0 * (x[1] - x[0] * x[0]).powi(2)
}

#[differentiable]
fn sum_of_squares(x: &[f64]) -> f64 {
    x.iter().map(|&xi| xi * xi).sum()
}

#[differentiable]
fn owned_sum(x: Vec<f64>) -> f64 {
    x.into_iter().map(|xi| xi.powi(3)).sum::<f64>()
}

#[differentiable]
fn polar(r: f64, theta: f64) -> (f64, f64) {
    (r * theta.cos(), r * theta.sin())
}

#[differentiable]
fn curve(t: f64) -> [f64; 3] {
    [t, t * t, t.powi(3)]
}

#[test]
fn tuples_give_tuples_of_partials() {
    // ∂g/∂x = e^y, ∂g/∂y = x e^y; H = [[0, e^y], [e^y, x e^y]]
    let e2 = 2.0f64.exp();
    assert_eq!(g(1.0, 2.0), e2);
    assert_eq!(g.grad((1.0, 2.0)), (e2, e2));
    assert_eq!(g.value_and_grad((3.0, 0.0)), (3.0, (1.0, 3.0)));
    assert_eq!(g.hessian((1.0, 2.0)), [[0.0, e2], [e2, e2]]);
    // ∂/∂a = bc, ∂/∂b = ac, ∂/∂c = ab + 2c
    assert_eq!(three.grad((1.0, 2.0, 3.0)), (6.0, 3.0, 8.0));
}

#[test]
fn arrays_give_array_gradients_and_hessians() {
    assert_eq!(rosen.grad([1.0, 1.0]), [0.0, 0.0]);
    // ∇ = (-2(1 - x) - 400x(y - x²), 200(y - x²)) at (1, 2)
    assert_eq!(rosen.grad([1.0, 2.0]), [-400.0, 200.0]);
    // H = [[2 - 400(y - 3x²)... ]] = [[1200x² - 400y + 2, -400x], [-400x, 200]]
    assert_eq!(rosen.hessian([1.0, 2.0]), [[402.0, -400.0], [-400.0, 200.0]]);
}

#[test]
fn slices_and_vecs_give_vecs() {
    let x: Vec<f64> = (0..11).map(f64::from).collect();
    let twice: Vec<f64> = x.iter().map(|v| 2.0 * v).collect();
    assert_eq!(sum_of_squares(&x), 385.0);
    assert_eq!(sum_of_squares.grad(&x[..]), twice);
    assert_eq!(sum_of_squares.grad(&x), twice);
    assert_eq!(sum_of_squares.value_and_grad(&x[..]), (385.0, twice.clone()));
    let h = sum_of_squares.hessian(&x[..]);
    assert_eq!(h[3][3], 2.0);
    assert_eq!(h[3][4], 0.0);
    assert_eq!(owned_sum.grad(vec![1.0, 2.0]), [3.0, 12.0]);
}

#[test]
fn several_outputs_give_jacobians() {
    let (r, t) = (2.0f64, 0.5f64);
    let j = polar.jacobian((r, t));
    assert_eq!(j, ((t.cos(), -r * t.sin()), (t.sin(), r * t.cos())));
    assert_eq!(curve.jacobian(2.0), [1.0, 4.0, 12.0]);
}

// --- calls, recursion, loops, branches, closures, methods --------------------------------

#[differentiable]
fn inner(x: f64) -> f64 {
    3.0 * x + 2.0
}

#[differentiable]
fn outer(x: f64) -> f64 {
    inner(x).powi(2)
}

#[differentiable]
fn power(x: f64, n: u32) -> f64 {
    if n == 0 {
        1.0
    } else {
        x * power(x, n - 1)
    }
}

#[differentiable]
fn taylor_exp(x: f64) -> f64 {
    let mut sum = 0.0;
    let mut term = 1.0;
    for k in 1..30 {
        sum += term;
        term = term * x / k as f64;
    }
    sum
}

#[differentiable]
fn piecewise(x: f64) -> f64 {
    if x < 0.0 {
        0.0
    } else {
        x * x
    }
}

#[differentiable]
fn with_closure(x: f64) -> f64 {
    let sq = |v: f64| v * v;
    let shift: f64 = 1.0;
    sq(x + shift)
}

#[test]
fn differentiable_fns_call_each_other() {
    // (3x + 2)² → 6(3x + 2)
    assert_eq!(outer.grad(1.0), 30.0);
    assert_eq!(outer.grad(-1.0), -6.0);
}

#[test]
fn recursion_loops_and_branches() {
    // x⁵ → 5x⁴; the integer parameter is not differentiated
    assert_eq!(power(2.0, 5), 32.0);
    assert_eq!((|x| power(x, 5)).grad(2.0), 80.0);
    assert_relative_eq!(taylor_exp.grad(1.0), 1.0f64.exp(), max_relative = 1e-14);
    assert_eq!(piecewise.grad(-1.0), 0.0);
    assert_eq!(piecewise.grad(3.0), 6.0);
    assert_eq!(with_closure.grad(2.0), 6.0);
}

/// A spring.
struct Spring {
    k: f64,
}

impl Spring {
    /// Its energy at extension x.
    #[differentiable]
    fn energy(&self, x: f64) -> f64 {
        0.5 * self.k * x * x
    }
}

#[test]
fn methods_of_inherent_impls() {
    let s = Spring { k: 3.0 };
    assert_eq!(s.energy(2.0), 6.0);
    // F = -dE/dx = -kx
    assert_eq!((|x| s.energy(x)).grad(2.0), 6.0);
}

// --- constants and literals in every form -----------------------------------------------

#[differentiable]
fn constants(x: f64) -> f64 {
    let pi = std::f64::consts::PI;
    let tau: f64 = core::f64::consts::TAU;
    let tiny = f64::EPSILON;
    let n: usize = 3;
    x * pi + tau + tiny + n as f64 + 1e-3 * x + 2f64 * x + f64::sin(x) + f64::max(x, 0.0)
}

#[differentiable]
fn literals_in_macros(x: f64) -> f64 {
    let mut v = vec![1.0, 2.0 * x];
    v.push(x * x);
    let w = vec![0.5; v.len()];
    assert!(v.len() == 3, "three entries, not {}", 2.0);
    debug_assert!(x > -1e300);
    v.iter().copied().sum::<f64>() + w[2] + std::f64::consts::E
}

#[test]
fn constants_and_literals_are_lifted() {
    use std::f64::consts::{E, PI, TAU};
    let x = 2.0f64;
    let expected = x * PI + TAU + f64::EPSILON + 3.0 + 1e-3 * x + 2.0 * x + x.sin() + x;
    assert_eq!(constants(x), expected);
    // π + 1e-3 + 2 + cos x + 1
    assert_relative_eq!(constants.grad(x), PI + 1e-3 + 2.0 + x.cos() + 1.0, max_relative = 1e-15);
    assert_eq!(literals_in_macros(x), 1.0 + 2.0 * x + x * x + 0.5 + E);
    assert_eq!(literals_in_macros.grad(x), 2.0 + 2.0 * x);
}

// --- #[constant] parameters -----------------------------------------------------------------

#[differentiable]
fn loss(w: [f64; 2], #[constant] data: &[(f64, f64)]) -> f64 {
    data.iter().map(|&(x, y)| (x * w[0] + w[1] - y).powi(2)).sum()
}

#[test]
fn constant_parameters_stay_f64() {
    let data = [(1.0, 3.0), (2.0, 5.0), (3.0, 7.5)];
    let w = [2.0, 1.0];
    // residuals r = (0, 0, -0.5); ∇ = Σ 2r(x, 1) = (-3, -1)
    assert_eq!(loss(w, &data), 0.25);
    assert_eq!((|w| loss(w, &data)).grad(w), [-3.0, -1.0]);
    assert_eq!(gradient(|w| loss(w, &data), w).1, [-3.0, -1.0]);
}

// --- nesting with generic code --------------------------------------------------------------

fn generic_caller<T: Scalar>(x: T) -> T
where
    f64: F64Ops<T>,
    for<'r> &'r f64: LeftOps<T>,
    for<'r> &'r T: RefOps<T>,
{
    f(x) + square(x)
}

#[test]
fn generic_code_calls_differentiable_fns() {
    let x = 0.3f64;
    assert_relative_eq!(derivative(generic_caller, x), f.grad(x) + 2.0 * x, max_relative = 1e-15);
    // Third derivative through nesting: (w³)''' = 6
    assert_eq!(derivative(|x| second_derivative(cube, x).2, 1.0), 6.0);
}
