//! Finite-difference references for the corpus, and the `check_*!` macros.
//!
//! Every derivative is checked against Richardson-extrapolated central
//! differences of the *plain f64* function (the `#[differentiable]` fn is
//! still callable with `f64`):
//!
//! - first derivatives: D(h) = (f(x + h) - f(x - h)) / 2h with
//!   h = 1e-3 · max(1, |x|), combined as (4 D(h/2) - D(h)) / 3, which is
//!   accurate to O(h⁴) plus rounding of about 1e-12 · |f|;
//! - second derivatives: the same on the 3-point (diagonal) and 4-point
//!   (mixed) stencils of function values, with h = 2e-3 · max(1, |x|).
//!
//! The comparison is relative: |ad - fd| ≤ rel · |fd| + floor, with
//! rel = 1e-6 for gradients and Jacobians and 1e-4 for Hessians. The floor
//! only matters where the exact value is (nearly) 0; it is scaled to the
//! function's magnitude, floor = 1e-9 · (|f(x)| + max|fd|) for gradients and
//! 1e-6 · (|f(x)| + max|fd|) for Hessians, i.e. a few hundred times the
//! rounding noise of the difference quotients, never a fixed constant.

#![allow(dead_code)]

/// Relative tolerance of gradients and Jacobians.
pub const REL_GRAD: f64 = 1e-6;
/// Relative tolerance of Hessians.
pub const REL_HESS: f64 = 1e-4;
/// The zero floor of gradients, relative to |f| + max|∇f|.
pub const FLOOR_GRAD: f64 = 1e-9;
/// The zero floor of Hessians, relative to |f| + max|H|.
pub const FLOOR_HESS: f64 = 1e-6;

fn step(x: f64, base: f64) -> f64 {
    base * x.abs().max(1.0)
}

fn richardson(d: impl Fn(f64) -> f64, h: f64) -> f64 {
    (4.0 * d(h / 2.0) - d(h)) / 3.0
}

fn shifted(x: &[f64], moves: &[(usize, f64)]) -> Vec<f64> {
    let mut v = x.to_vec();
    for &(i, h) in moves {
        v[i] += h;
    }
    v
}

/// ∂f/∂xⱼ for every j, by Richardson-extrapolated central differences.
pub fn fd_grad(f: &dyn Fn(&[f64]) -> f64, x: &[f64]) -> Vec<f64> {
    (0..x.len())
        .map(|j| {
            let d = |h: f64| (f(&shifted(x, &[(j, h)])) - f(&shifted(x, &[(j, -h)]))) / (2.0 * h);
            richardson(d, step(x[j], 1e-3))
        })
        .collect()
}

/// The Jacobian of a vector-valued f, one row per output.
pub fn fd_jac(f: &dyn Fn(&[f64]) -> Vec<f64>, x: &[f64]) -> Vec<Vec<f64>> {
    let m = f(x).len();
    let cols: Vec<Vec<f64>> = (0..x.len())
        .map(|j| {
            let d = |h: f64| -> Vec<f64> {
                let (p, q) = (f(&shifted(x, &[(j, h)])), f(&shifted(x, &[(j, -h)])));
                p.iter().zip(&q).map(|(a, b)| (a - b) / (2.0 * h)).collect()
            };
            let h = step(x[j], 1e-3);
            let (full, half) = (d(h), d(h / 2.0));
            full.iter().zip(&half).map(|(a, b)| (4.0 * b - a) / 3.0).collect()
        })
        .collect();
    (0..m).map(|i| cols.iter().map(|c| c[i]).collect()).collect()
}

/// The Hessian of f by second differences of function values.
pub fn fd_hess(f: &dyn Fn(&[f64]) -> f64, x: &[f64]) -> Vec<Vec<f64>> {
    let n = x.len();
    let fx = f(x);
    let mut h = vec![vec![0.0; n]; n];
    for i in 0..n {
        let hi = step(x[i], 2e-3);
        let diag =
            |s: f64| (f(&shifted(x, &[(i, s)])) - 2.0 * fx + f(&shifted(x, &[(i, -s)]))) / (s * s);
        h[i][i] = richardson(diag, hi);
        for j in 0..i {
            let hj = step(x[j], 2e-3);
            let mixed = |t: f64| {
                let (a, b) = (hi * t, hj * t);
                (f(&shifted(x, &[(i, a), (j, b)]))
                    - f(&shifted(x, &[(i, a), (j, -b)]))
                    - f(&shifted(x, &[(i, -a), (j, b)]))
                    + f(&shifted(x, &[(i, -a), (j, -b)])))
                    / (4.0 * a * b)
            };
            h[i][j] = richardson(mixed, 1.0);
            h[j][i] = h[i][j];
        }
    }
    h
}

/// Any shape of numbers the drivers return, flattened in order.
pub trait Flat {
    /// Appends the numbers to `out`.
    fn flat_into(&self, out: &mut Vec<f64>);
    /// The numbers, in order.
    fn flat(&self) -> Vec<f64> {
        let mut out = Vec::new();
        self.flat_into(&mut out);
        out
    }
}

impl Flat for f64 {
    fn flat_into(&self, out: &mut Vec<f64>) {
        out.push(*self);
    }
}

impl Flat for f32 {
    fn flat_into(&self, out: &mut Vec<f64>) {
        out.push(f64::from(*self));
    }
}

impl<T: Flat, const N: usize> Flat for [T; N] {
    fn flat_into(&self, out: &mut Vec<f64>) {
        self.iter().for_each(|t| t.flat_into(out));
    }
}

impl<T: Flat> Flat for Vec<T> {
    fn flat_into(&self, out: &mut Vec<f64>) {
        self.iter().for_each(|t| t.flat_into(out));
    }
}

impl<A: Flat, B: Flat> Flat for (A, B) {
    fn flat_into(&self, out: &mut Vec<f64>) {
        self.0.flat_into(out);
        self.1.flat_into(out);
    }
}

impl<A: Flat, B: Flat, C: Flat> Flat for (A, B, C) {
    fn flat_into(&self, out: &mut Vec<f64>) {
        self.0.flat_into(out);
        self.1.flat_into(out);
        self.2.flat_into(out);
    }
}

/// Compares `ad` with `fd` element by element (see the module docs).
pub fn compare(what: &str, x: &[f64], fx: f64, ad: &[f64], fd: &[f64], rel: f64, floor: f64) {
    assert_eq!(
        ad.len(),
        fd.len(),
        "{what} at {x:?}: {} AD values, {} FD values",
        ad.len(),
        fd.len()
    );
    let scale = fx.abs() + fd.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    for (k, (a, e)) in ad.iter().zip(fd).enumerate() {
        let tol = rel * e.abs() + floor * scale;
        assert!(
            (a - e).abs() <= tol,
            "{what} at x = {x:?}: entry {k}: AD {a:e} vs FD {e:e} (|diff| {:e} > tol {tol:e})\nAD {ad:?}\nFD {fd:?}",
            (a - e).abs()
        );
    }
}

/// Checks a gradient (any shape) against FD of `f` at `x`.
pub fn grad(what: &str, f: &dyn Fn(&[f64]) -> f64, x: &[f64], ad: &dyn Flat) {
    compare(what, x, f(x), &ad.flat(), &fd_grad(f, x), REL_GRAD, FLOOR_GRAD);
}

/// Checks a Hessian (any shape) against FD of `f` at `x`.
pub fn hess(what: &str, f: &dyn Fn(&[f64]) -> f64, x: &[f64], ad: &dyn Flat) {
    let fd: Vec<f64> = fd_hess(f, x).concat();
    compare(what, x, f(x), &ad.flat(), &fd, REL_HESS, FLOOR_HESS);
}

/// Checks a Jacobian (rows = outputs, any shape) against FD of `f` at `x`.
pub fn jac(what: &str, f: &dyn Fn(&[f64]) -> Vec<f64>, x: &[f64], ad: &dyn Flat) {
    let fd: Vec<f64> = fd_jac(f, x).concat();
    let fx = f(x).iter().fold(0.0f64, |m, v| m.max(v.abs()));
    compare(what, x, fx, &ad.flat(), &fd, REL_GRAD, FLOOR_GRAD);
}

/// f32 references: f32 arithmetic cannot reach 1e-9, so the step is 1e-2
/// and the tolerance 1e-3 relative (floor 1e-4 · (|f| + |f'|)).
pub fn check_f32(what: &str, f: &dyn Fn(f32) -> f32, x: f32, ad: f32) {
    let h = 1e-2 * x.abs().max(1.0);
    let d = |h: f32| (f(x + h) - f(x - h)) / (2.0 * h);
    let fd = (4.0 * d(h / 2.0) - d(h)) / 3.0;
    let tol = 1e-3 * fd.abs() + 1e-4 * (f(x).abs() + fd.abs());
    assert!((ad - fd).abs() <= tol, "{what} at {x}: AD {ad} vs FD {fd} (tol {tol})");
}

/// Checks a struct gradient: `flat_p` are the parameters in visit order,
/// `with` rebuilds the struct with entry `i` moved by `h` and evaluates f.
pub fn params(what: &str, flat_p: &[f64], f: &dyn Fn(&[f64]) -> f64, ad: &[f64]) {
    grad(what, f, flat_p, &ad.to_vec());
}

/// The scalars of a `Differentiable` struct, in visit order.
pub fn flatten<P: autodiff::Differentiable<Scalar = f64>>(p: &P) -> Vec<f64> {
    let mut v = Vec::new();
    p.visit(&mut |&x| v.push(x));
    v
}

/// `p` rebuilt with its scalars replaced by `values` (in visit order).
pub fn rebuild<P: autodiff::Differentiable<Scalar = f64>>(p: &P, values: &[f64]) -> P::With<f64> {
    let mut k = 0;
    p.map(&mut |_| {
        k += 1;
        values[k - 1]
    })
}

/// `f: f64 -> f64`: `.grad` and `.hessian` at every point.
macro_rules! check_scalar {
    ($f:expr, [$($x:expr),+ $(,)?]) => {{
        $({
            let x: f64 = $x;
            let plain = |v: &[f64]| ($f)(v[0]);
            let what = stringify!($f);
            $crate::support::grad(&format!("{what}.grad"), &plain, &[x], &$f.grad(x));
            $crate::support::hess(&format!("{what}.hessian"), &plain, &[x], &$f.hessian(x));
        })+
    }};
}

/// `f(x, y) -> f64`, called with tuples.
macro_rules! check_tuple2 {
    ($f:expr, [$(($a:expr, $b:expr)),+ $(,)?]) => {{
        $({
            let (a, b): (f64, f64) = ($a, $b);
            let plain = |v: &[f64]| ($f)(v[0], v[1]);
            let what = stringify!($f);
            $crate::support::grad(&format!("{what}.grad"), &plain, &[a, b], &$f.grad((a, b)));
            $crate::support::hess(&format!("{what}.hessian"), &plain, &[a, b], &$f.hessian((a, b)));
        })+
    }};
}

/// `f(x, y, z) -> f64`, called with tuples.
macro_rules! check_tuple3 {
    ($f:expr, [$(($a:expr, $b:expr, $c:expr)),+ $(,)?]) => {{
        $({
            let (a, b, c): (f64, f64, f64) = ($a, $b, $c);
            let plain = |v: &[f64]| ($f)(v[0], v[1], v[2]);
            let what = stringify!($f);
            $crate::support::grad(&format!("{what}.grad"), &plain, &[a, b, c], &$f.grad((a, b, c)));
            $crate::support::hess(&format!("{what}.hessian"), &plain, &[a, b, c], &$f.hessian((a, b, c)));
        })+
    }};
}

/// `f([f64; N]) -> f64`.
macro_rules! check_array {
    ($f:expr, [$($x:expr),+ $(,)?]) => {{
        $({
            let x = $x;
            let plain = |v: &[f64]| ($f)(v.try_into().unwrap());
            let what = stringify!($f);
            $crate::support::grad(&format!("{what}.grad"), &plain, &x, &$f.grad(x));
            $crate::support::hess(&format!("{what}.hessian"), &plain, &x, &$f.hessian(x));
        })+
    }};
}

/// `f(&[f64]) -> f64`.
macro_rules! check_slice {
    ($f:expr, [$($x:expr),+ $(,)?]) => {{
        $({
            let x: &[f64] = &$x;
            let plain = |v: &[f64]| ($f)(v);
            let what = stringify!($f);
            $crate::support::grad(&format!("{what}.grad"), &plain, x, &$f.grad(x));
            $crate::support::hess(&format!("{what}.hessian"), &plain, x, &$f.hessian(x));
        })+
    }};
}

/// `f(Vec<f64>) -> f64` (no Hessian for owned vectors).
macro_rules! check_vec {
    ($f:expr, [$($x:expr),+ $(,)?]) => {{
        $({
            let x: Vec<f64> = $x.to_vec();
            let plain = |v: &[f64]| ($f)(v.to_vec());
            $crate::support::grad(&format!("{}.grad", stringify!($f)), &plain, &x, &$f.grad(x.clone()));
        })+
    }};
}

/// `f(&P<f64>) -> f64` for a `#[derive(Differentiable)]` struct.
macro_rules! check_params {
    ($f:expr, [$($p:expr),+ $(,)?]) => {{
        $({
            let p = $p;
            let flat = $crate::support::flatten(&p);
            let plain = |v: &[f64]| ($f)(&$crate::support::rebuild(&p, v));
            let ad = $crate::support::flatten(&$f.grad(&p));
            $crate::support::params(&format!("{}.grad", stringify!($f)), &flat, &plain, &ad);
        })+
    }};
}

/// `.jacobian` of a fn of one scalar returning a tuple or array.
macro_rules! check_jac_scalar {
    ($f:expr, [$($x:expr),+ $(,)?]) => {{
        $({
            let x: f64 = $x;
            let plain = |v: &[f64]| $crate::support::Flat::flat(&($f)(v[0]));
            $crate::support::jac(&format!("{}.jacobian", stringify!($f)), &plain, &[x], &$f.jacobian(x));
        })+
    }};
}

/// `.jacobian` of a fn of two scalars returning a tuple or array.
macro_rules! check_jac_tuple2 {
    ($f:expr, [$(($a:expr, $b:expr)),+ $(,)?]) => {{
        $({
            let (a, b): (f64, f64) = ($a, $b);
            let plain = |v: &[f64]| $crate::support::Flat::flat(&($f)(v[0], v[1]));
            $crate::support::jac(&format!("{}.jacobian", stringify!($f)), &plain, &[a, b], &$f.jacobian((a, b)));
        })+
    }};
}

/// `.jacobian` of a fn of an array returning a tuple or array.
macro_rules! check_jac_array {
    ($f:expr, [$($x:expr),+ $(,)?]) => {{
        $({
            let x = $x;
            let plain = |v: &[f64]| $crate::support::Flat::flat(&($f)(v.try_into().unwrap()));
            $crate::support::jac(&format!("{}.jacobian", stringify!($f)), &plain, &x, &$f.jacobian(x));
        })+
    }};
}

/// `.jacobian` of a fn of a slice returning a `Vec` (or a tuple).
macro_rules! check_jac_slice {
    ($f:expr, [$($x:expr),+ $(,)?]) => {{
        $({
            let x: &[f64] = &$x;
            let plain = |v: &[f64]| $crate::support::Flat::flat(&($f)(v));
            $crate::support::jac(&format!("{}.jacobian", stringify!($f)), &plain, x, &$f.jacobian(x));
        })+
    }};
}

/// `f: f32 -> f32`: `derivative(f, x_f32)`, and `second_derivative`
/// against FD of the derivative (the `.grad` methods take `f64`).
macro_rules! check_f32 {
    ($f:expr, [$($x:expr),+ $(,)?]) => {{
        $({
            let x: f32 = $x;
            let what = stringify!($f);
            $crate::support::check_f32(&format!("{what} derivative"), &|t| ($f)(t), x, derivative($f, x));
            $crate::support::check_f32(
                &format!("{what} second_derivative"),
                &|t| derivative($f, t),
                x,
                second_derivative($f, x).2,
            );
        })+
    }};
}
