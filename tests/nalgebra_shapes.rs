//! nalgebra vectors in and out of `.grad`, `.value_and_grad`, `.hessian`
//! and `.jacobian`, on `#[differentiable]` fns and on generic fns bound by
//! nalgebra's `RealField`, checked against closed forms.
#![cfg(feature = "nalgebra")]

use autodiff::prelude::*;
use nalgebra::{DMatrix, DVector, Matrix2, Matrix3, SMatrix, SVector, Vector3};

/// |got − want| ≤ tol·max(|want|, 1), with the numbers in the message.
fn close(got: f64, want: f64, tol: f64, what: &str) {
    assert!((got - want).abs() <= tol * want.abs().max(1.0), "{what}: got {got:e}, want {want:e}");
}

/// f = ‖x‖ sin x₀ + 2 x·x: `norm` needs nalgebra's field on the scalar
/// while `sin` stays `Float`'s.
#[differentiable]
fn norm_times_sine(x: SVector<f64, 3>) -> f64 {
    x.norm() * x[0].sin() + x.dot(&x) * 2.0
}

#[test]
fn static_vector_gradient_and_hessian() {
    let x = SVector::<f64, 3>::new(1.0, 2.0, 3.0);
    let r = x.norm();
    let s = x[0].sin();
    let c = x[0].cos();
    // ∂f/∂xᵢ = xᵢ/r · s + [i = 0] r c + 4xᵢ
    let want: [f64; 3] =
        core::array::from_fn(|i| x[i] / r * s + if i == 0 { r * c } else { 0.0 } + 4.0 * x[i]);
    let g: SVector<f64, 3> = norm_times_sine.grad(x);
    let (value, g2) = norm_times_sine.value_and_grad(x);
    close(value, norm_times_sine(x), 1e-15, "value");
    for i in 0..3 {
        close(g[i], want[i], 1e-14, "gradient");
        close(g2[i], want[i], 1e-14, "value_and_grad");
    }
    // ∂²f/∂xᵢ∂xⱼ = (δᵢⱼ/r − xᵢxⱼ/r³) s + ([i = 0]xⱼ + [j = 0]xᵢ) c / r − [i = j = 0] r s + 4δᵢⱼ
    let h: SMatrix<f64, 3, 3> = norm_times_sine.hessian(x);
    for i in 0..3 {
        for j in 0..3 {
            let d = if i == j { 1.0 } else { 0.0 };
            let mut want = (d / r - x[i] * x[j] / (r * r * r)) * s + 4.0 * d;
            want += (if i == 0 { x[j] } else { 0.0 } + if j == 0 { x[i] } else { 0.0 }) * c / r;
            if i == 0 && j == 0 {
                want -= r * s;
            }
            close(h[(i, j)], want, 1e-13, &format!("hessian ({i}, {j})"));
        }
    }
}

/// f = Σ sin xᵢ + ‖x‖², over 20 inputs (three chunked passes).
#[differentiable]
fn sines(x: &DVector<f64>) -> f64 {
    x.iter().map(|xi| xi.sin()).sum::<f64>() + x.norm_squared()
}

#[test]
fn dynamic_vector_gradient_and_hessian() {
    let x = DVector::from_fn(20, |i, _| 0.1 * i as f64 - 0.7);
    let g: DVector<f64> = sines.grad(&x);
    let (value, g2) = sines.value_and_grad(&x);
    close(value, sines(&x), 1e-15, "value");
    let h: DMatrix<f64> = sines.hessian(&x);
    assert_eq!((g.len(), h.shape()), (20, (20, 20)));
    for i in 0..20 {
        close(g[i], x[i].cos() + 2.0 * x[i], 1e-15, "gradient");
        close(g2[i], g[i], 0.0, "value_and_grad");
        for j in 0..20 {
            let want = if i == j { 2.0 - x[i].sin() } else { 0.0 };
            close(h[(i, j)], want, 1e-15, "hessian");
        }
    }
}

/// The same by value: `DVector<f64>` in, `DVector<f64>` out.
#[differentiable]
fn sines_by_value(x: DVector<f64>) -> f64 {
    sines(&x)
}

#[test]
fn dynamic_vector_by_value() {
    let x = DVector::from_vec(vec![0.5, -1.0, 2.0]);
    let g = sines_by_value.grad(x.clone());
    let h = sines_by_value.hessian(x.clone());
    for i in 0..3 {
        close(g[i], x[i].cos() + 2.0 * x[i], 1e-15, "gradient");
        close(h[(i, i)], 2.0 - x[i].sin(), 1e-15, "hessian");
    }
}

/// r(x) = 3 x∘x (elementwise), a `DVector` output: J = diag(6x).
#[differentiable]
fn squares(x: &DVector<f64>) -> DVector<f64> {
    x.map(|xi| xi * xi) * 3.0
}

#[test]
fn dynamic_jacobian() {
    let x = DVector::from_fn(11, |i, _| 1.0 + i as f64);
    let j: DMatrix<f64> = squares.jacobian(&x);
    assert_eq!(j.shape(), (11, 11));
    for r in 0..11 {
        for c in 0..11 {
            close(j[(r, c)], if r == c { 6.0 * x[r] } else { 0.0 }, 0.0, "jacobian");
        }
    }
    let by_value = (|v: DVector<_>| squares(&v)).jacobian(x.clone());
    assert_eq!(by_value, j);
}

/// r(x) = (x₀x₁, e^{x₁}), a static output from a static input.
#[differentiable]
fn pair(x: Vector3<f64>) -> SVector<f64, 2> {
    SVector::<f64, 2>::new(x[0] * x[1], x[1].exp() + x[2])
}

#[test]
fn static_jacobian() {
    let x = Vector3::new(2.0, 0.5, -1.0);
    let j: SMatrix<f64, 2, 3> = pair.jacobian(x);
    let want = SMatrix::<f64, 2, 3>::new(0.5, 2.0, 0.0, 0.0, 0.5f64.exp(), 1.0);
    for r in 0..2 {
        for c in 0..3 {
            close(j[(r, c)], want[(r, c)], 1e-15, "jacobian");
        }
    }
}

/// Code generic over nalgebra's `RealField` differentiates through the
/// methods as it is: log det of [[a, b], [b, c]] = ln(ac − b²).
fn log_det<T: nalgebra::RealField + Copy>(p: SVector<T, 3>) -> T {
    Matrix2::new(p[0], p[1], p[1], p[2]).determinant().ln()
}

#[test]
fn a_generic_real_field_fn() {
    let (a, b, c) = (2.0, 0.5, 3.0);
    let d = a * c - b * b;
    let g = log_det.grad(SVector::<f64, 3>::new(a, b, c));
    for (got, want) in g.iter().zip([c / d, -2.0 * b / d, a / d]) {
        close(*got, want, 1e-15, "gradient of log det");
    }
    let h = log_det.hessian(SVector::<f64, 3>::new(a, b, c));
    // ∂²/∂a² ln(ac − b²) = −c²/d²
    close(h[(0, 0)], -c * c / (d * d), 1e-14, "hessian of log det");
}

/// `use nalgebra::*` beside the prelude: the one name both export,
/// `Scalar`, is settled by one `use`.
mod glob_imports {
    use autodiff::prelude::*;
    #[allow(unused_imports)]
    use nalgebra::*;
    // The one line: autodiff's `Scalar` wins over both globs.
    use autodiff::Scalar;

    fn cube<T: Scalar>(x: T) -> T {
        x.powi(3)
    }

    #[test]
    fn both_globs_with_one_line() {
        assert_eq!(cube.grad(2.0), 12.0);
        let v: Vector3<f64> = Vector3::new(1.0, 2.0, 2.0);
        assert_eq!(v.norm(), 3.0);
    }
}

/// det [[x, 1], [1, y]] = xy − 1 by LU, generic over nalgebra's field.
fn det_xy<T: nalgebra::RealField + Copy>(x: T, y: T) -> T {
    Matrix2::new(x, T::one(), T::one(), y).lu().determinant()
}

/// Every number type, nested ones too, is a `RealField`: the mixed partial
/// of xy − 1 is 1, its Hessian [[0, 1], [1, 0]], and x² − 1 at 2 has the
/// Taylor coefficients [3, 4, 1].
#[test]
fn every_number_type_is_a_real_field() {
    let h = det_xy(HyperDual64::new(2.0, 1.0, 0.0, 0.0), HyperDual64::new(3.0, 0.0, 1.0, 0.0));
    assert_eq!([h.re, h.eps1, h.eps2, h.eps1eps2], [5.0, 3.0, 2.0, 1.0]);

    let d = det_xy(Dual2Vec64::<2>::variable(2.0, 0), Dual2Vec64::<2>::variable(3.0, 1));
    assert_eq!(d.hessian(), [[0.0, 1.0], [1.0, 0.0]]);

    let x = Jet64::<3>::variable(2.0);
    assert_eq!(det_xy(x, x).c, [3.0, 4.0, 1.0]);

    let v = det_xy(DualVec64::<2>::variable(2.0, 0), DualVec64::<2>::variable(3.0, 1));
    assert_eq!((v.re, v.eps), (5.0, [3.0, 2.0]));

    // d/dx d/dy through two levels of Dual: 1.
    let nested = det_xy(
        Dual::new(Dual64::new(2.0, 1.0), Dual64::cst(0.0)),
        Dual::new(Dual64::cst(3.0), Dual64::cst(1.0)),
    );
    assert_eq!(nested.eps.eps, 1.0);

    let f = det_xy(Dual32::new(2.0, 1.0), Dual32::cst(3.0));
    assert_eq!((f.re, f.eps), (5.0, 3.0));
}

/// A curve t ↦ (cos t, sin t, t²) returning a `DVector`: its Jacobian at a
/// scalar is the vector of derivatives; from a slice input, a `DVector` of
/// rows.
#[differentiable]
fn curve(t: f64) -> DVector<f64> {
    DVector::from_vec(vec![t.cos(), t.sin(), t * t])
}

#[differentiable]
fn products(x: &[f64]) -> SVector<f64, 2> {
    SVector::<f64, 2>::new(x[0] * x[1], x[1] * x[2])
}

#[test]
fn vector_outputs_of_scalar_and_slice_inputs() {
    let t = 0.7;
    let d: DVector<f64> = curve.jacobian(t);
    for (got, want) in d.iter().zip([-t.sin(), t.cos(), 2.0 * t]) {
        close(*got, want, 1e-15, "d curve / dt");
    }
    let rows: SVector<Vec<f64>, 2> = products.jacobian(&[2.0, 3.0, 5.0][..]);
    assert_eq!(rows[0], [3.0, 2.0, 0.0]);
    assert_eq!(rows[1], [0.0, 5.0, 3.0]);
}

/// A `#[differentiable]` fn that factorises: its scalar is a `RealField`,
/// and its scalar, reference and integer method calls (`sin`, `max`,
/// `powi`, `abs`, an index's `max`) still resolve.
/// f(x) = ‖A(x)⁻¹b‖² + ln det A(x) + Σ sin xᵢ + max(x₀, ½)² with
/// A(x) = A₀ + diag(x).
#[differentiable]
fn factorised(x: SVector<f64, 3>) -> f64 {
    let a = Matrix3::new(4.0, 1.0, 0.0, 1.0, 3.0, 1.0, 0.0, 1.0, 2.0) + Matrix3::from_diagonal(&x);
    let y = a.lu().solve(&Vector3::new(1.0, 2.0, 3.0)).expect("A(x) is invertible");
    let mut s = 0.0;
    for i in 0..3 {
        let j = i.max(1).min(2);
        s += x[i].sin() + 0.0 * x[j].abs();
    }
    let sines: f64 = x.iter().map(|xi| xi.sin()).sum();
    y.norm_squared() + a.determinant().ln() + s + sines - s
        + x[0].max(0.5).powi(2)
        + a.abs()[(0, 1)]
}

#[test]
fn a_differentiable_fn_that_factorises() {
    let x = SVector::<f64, 3>::new(0.3, -0.2, 0.9);
    let a = Matrix3::new(4.0, 1.0, 0.0, 1.0, 3.0, 1.0, 0.0, 1.0, 2.0) + Matrix3::from_diagonal(&x);
    let inv = a.try_inverse().expect("invertible");
    let y = inv * Vector3::new(1.0, 2.0, 3.0);
    let w = inv.transpose() * y;
    // ∂/∂xᵢ: ‖y‖² gives −2 yᵢ (A⁻ᵀy)ᵢ; ln det gives (A⁻¹)ᵢᵢ; Σ sin gives
    // cos xᵢ; max(x₀, ½)² gives 0 at x₀ = 0.3 (the constant ½ wins).
    let want: [f64; 3] = core::array::from_fn(|i| -2.0 * y[i] * w[i] + inv[(i, i)] + x[i].cos());
    let value = y.norm_squared()
        + a.determinant().ln()
        + x.iter().map(|v| v.sin()).sum::<f64>()
        + 0.25
        + 1.0;
    close(factorised(x), value, 1e-14, "value");
    let g = factorised.grad(x);
    for i in 0..3 {
        close(g[i], want[i], 1e-14, &format!("∂f/∂x{i}"));
    }
}

/// ‖(a, b, ab)‖ through nalgebra, called from fns that name no nalgebra
/// type: a `Scalar` is a `SimdRealField` with the feature, so the bound
/// composes.
#[differentiable]
fn lifted_norm(a: f64, b: f64) -> f64 {
    Vector3::new(a, b, a * b).norm()
}

#[differentiable]
fn calls_lifted_norm(t: f64) -> f64 {
    lifted_norm(t, 2.0 * t)
}

/// Hand-written generic code bound by `Scalar` takes nalgebra's norms too.
fn generic_norm<T: Scalar>(v: SVector<T, 2>) -> T {
    v.norm() * 3.0
}

#[test]
fn nalgebra_calls_compose() {
    // g(t) = ‖(t, 2t, 2t²)‖ = t √(5 + 4t²); g' = √(5 + 4t²) + 4t²/√(5 + 4t²).
    let t = 0.8;
    let r = (5.0 + 4.0 * t * t).sqrt();
    close(calls_lifted_norm.grad(t), r + 4.0 * t * t / r, 1e-15, "composed derivative");
    let g = generic_norm.grad(SVector::<f64, 2>::new(3.0, 4.0));
    close(g[0], 3.0 * 0.6, 1e-15, "∂/∂x 3‖v‖");
    close(g[1], 3.0 * 0.8, 1e-15, "∂/∂y 3‖v‖");
}

/// ln det of [[t, 1], [1, 2t]] by LU: a fn that factorises.
#[differentiable]
fn log_det_of(t: f64) -> f64 {
    Matrix2::new(t, 1.0, 1.0, 2.0 * t).lu().determinant().ln()
}

/// Its caller names no decomposition: `real_field` gives it the bound.
#[differentiable(real_field)]
fn twice_log_det(t: f64) -> f64 {
    2.0 * log_det_of(t) + t.sin()
}

#[test]
fn a_caller_of_a_factorising_fn() {
    // d/dt [2 ln(2t² − 1) + sin t] = 8t/(2t² − 1) + cos t
    let t = 1.5;
    close(twice_log_det.grad(t), 8.0 * t / (2.0 * t * t - 1.0) + t.cos(), 1e-14, "derivative");
}

/// ‖x × w‖² + w·x with `w` constant `f64` data, lifted by `map(f64::from)`:
/// the gradient is 2(x₀, x₁, 0) + w for w = e₃.
#[differentiable]
fn with_data(x: Vector3<f64>, #[constant] w: &Vector3<f64>) -> f64 {
    let w = w.map(f64::from);
    x.cross(&w).norm_squared() + w.dot(&x)
}

#[test]
fn constant_nalgebra_data_lifted() {
    let w = Vector3::new(0.0, 0.0, 1.0);
    let g = (|x| with_data(x, &w)).grad(Vector3::new(1.0, 2.0, 3.0));
    assert_eq!(g, Vector3::new(2.0, 4.0, 1.0));
}

/// Every method name that nalgebra's `RealField` shares with `Float`, in a
/// fn that factorises: the macro's list of names and the library's
/// functions must agree (a name the macro missed would be ambiguous, one
/// the library missed would not resolve). The gradient against central
/// differences, at a point away from every kink.
#[differentiable]
fn every_shared_name(x: SVector<f64, 2>) -> f64 {
    let (a, b) = (x[0], x[1]);
    let det = Matrix2::new(a, 0.0, 0.0, 1.0).determinant();
    let (s, c) = a.sin_cos();
    let rounded = a.floor() + a.ceil() + a.round() + a.trunc() + a.fract() + a.signum();
    let unary = a.abs() + a.recip() + a.sqrt() + a.cbrt() + a.exp() + a.exp2() + a.exp_m1();
    let logs = a.ln() + a.ln_1p() + a.log2() + a.log10() + a.log(3.0);
    let trig = a.sin() + a.cos() + a.tan() + (a / 4.0).asin() + (a / 4.0).acos() + a.atan() + s * c;
    let hyper = a.sinh() + a.cosh() + a.tanh() + a.asinh() + (a + 1.0).acosh() + (a / 4.0).atanh();
    let binary = a.powi(3) + a.powf(b) + a.hypot(b) + a.copysign(-b) + a.max(b) + a.min(b);
    let more = a.atan2(b) + a.mul_add(b, 1.0) + a.clamp(0.0, b);
    #[allow(deprecated)]
    let sub = a.abs_sub(b);
    let flags = f64::from(u8::from(a.is_finite() && a.is_sign_positive() && !a.is_sign_negative()));
    det + rounded + unary + logs + trig + hyper + binary + more + sub + flags
}

#[test]
fn every_shared_name_resolves_in_a_factorising_fn() {
    let x = SVector::<f64, 2>::new(1.3, 2.1);
    let g = every_shared_name.grad(x);
    let h = 1e-6;
    for i in 0..2 {
        let (mut up, mut down) = (x, x);
        up[i] += h;
        down[i] -= h;
        let fd = (every_shared_name(up) - every_shared_name(down)) / (2.0 * h);
        close(g[i], fd, 1e-7, &format!("∂/∂x{i}"));
    }
}
