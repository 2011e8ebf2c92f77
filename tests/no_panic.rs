//! Every function and operator, on every number type, over awkward inputs
//! (NaN, ±∞, ±0, subnormals, the extremes) in the value and in the
//! derivative parts: nothing panics, and the value part is always exactly
//! what the same function gives on `f64`.
//!
//! The reverse-mode types run inside their drivers: `Var64` as the input
//! variable of `jacobian_reverse` (every function's result is an output,
//! so each is swept back to the input, through infinite and NaN partials)
//! and as a constant; `Var<Dual64>` (forward over reverse) as the input of
//! `jacobian_reverse` with awkward derivative parts too, and of
//! `hvp_slice` from each result in turn; `Var2_64` (second-order reverse)
//! as the input of `hessian_sparse` from each result in turn, once as the
//! input itself (its one-variable operations are carried along, not
//! recorded), once recorded on the tape as x₀ - x₁ at (x, 0), and as a
//! constant, plus every function of two numbers of two `Var2_64` inputs
//! at every pair of awkward values (recorded with their awkward first and
//! second partials, swept back by `hessian_sparse`). The expected values
//! are `f64`'s own functions.

use core::cell::{Cell, RefCell};

use autodiff::prelude::*;

const AWKWARD: [f64; 14] = [
    f64::NAN,
    f64::INFINITY,
    f64::NEG_INFINITY,
    0.0,
    -0.0,
    5e-324,
    -5e-324,
    f64::MIN_POSITIVE,
    f64::MAX,
    f64::MIN,
    1.0,
    -1.0,
    0.5,
    -2.5,
];

/// Same number, NaN equal to NaN. The sign of a zero is not compared:
/// `f64::max(-0.0, 0.0)` may return either zero, ours returns the second.
fn same(a: f64, b: f64) -> bool {
    (a.is_nan() && b.is_nan()) || a == b
}

/// Applies every unary function to `x` (of any number type, through the
/// real part `re` for comparison with f64) and checks the value.
macro_rules! sweep_unary {
    ($x:expr, $xf:expr, $re:expr) => {{
        let (x, xf) = ($x, $xf);
        let re = $re;
        let checks = [
            ("recip", re(x.recip()), xf.recip()),
            ("sqrt", re(x.sqrt()), xf.sqrt()),
            ("cbrt", re(x.cbrt()), xf.cbrt()),
            ("exp", re(x.exp()), xf.exp()),
            ("exp2", re(x.exp2()), xf.exp2()),
            ("exp_m1", re(x.exp_m1()), xf.exp_m1()),
            ("ln", re(x.ln()), xf.ln()),
            ("log2", re(x.log2()), xf.log2()),
            ("log10", re(x.log10()), xf.log10()),
            ("ln_1p", re(x.ln_1p()), xf.ln_1p()),
            ("sin", re(x.sin()), xf.sin()),
            ("cos", re(x.cos()), xf.cos()),
            ("tan", re(x.tan()), xf.tan()),
            ("asin", re(x.asin()), xf.asin()),
            ("acos", re(x.acos()), xf.acos()),
            ("atan", re(x.atan()), xf.atan()),
            ("sinh", re(x.sinh()), xf.sinh()),
            ("cosh", re(x.cosh()), xf.cosh()),
            ("tanh", re(x.tanh()), xf.tanh()),
            ("asinh", re(x.asinh()), xf.asinh()),
            ("acosh", re(x.acosh()), xf.acosh()),
            ("atanh", re(x.atanh()), xf.atanh()),
            ("abs", re(x.abs()), xf.abs()),
            ("signum", re(x.signum()), xf.signum()),
            ("floor", re(x.floor()), xf.floor()),
            ("ceil", re(x.ceil()), xf.ceil()),
            ("round", re(x.round()), xf.round()),
            ("trunc", re(x.trunc()), xf.trunc()),
            ("fract", re(x.fract()), xf.fract()),
            ("powi(-3)", re(x.powi(-3)), xf.powi(-3)),
            ("powi(0)", re(x.powi(0)), xf.powi(0)),
            ("powi(1)", re(x.powi(1)), xf.powi(1)),
            ("powi(2)", re(x.powi(2)), xf.powi(2)),
            ("powi(7)", re(x.powi(7)), xf.powi(7)),
            ("powf(2.5)", re(x.powf(Real::cst(2.5))), xf.powf(2.5)),
            ("powf(0)", re(x.powf(Real::cst(0.0))), xf.powf(0.0)),
            ("powf(self)", re(x.powf(x)), xf.powf(xf)),
            ("hypot", re(x.hypot(x)), xf.hypot(xf)),
            ("atan2", re(x.atan2(x)), xf.atan2(xf)),
            ("max", re(x.max(x)), xf.max(xf)),
            ("min", re(x.min(x)), xf.min(xf)),
            ("rem", re(x % x), xf % xf),
            ("add", re(x + x), xf + xf),
            ("sub", re(x - x), xf - xf),
            ("mul", re(x * x), xf * xf),
            ("div", re(x / x), xf / xf),
            ("neg", re(-x), -xf),
            ("mul_add", re(x.mul_add(x, x)), xf * xf + xf),
            ("copysign", re(x.copysign(-x)), xf.copysign(-xf)),
            ("to_degrees", re(x.to_degrees()), xf.to_degrees()),
            ("erf", re(x.erf()), Real::erf(xf)),
            ("erfc", re(x.erfc()), Real::erfc(xf)),
            ("gamma", re(x.gamma()), Real::gamma(xf)),
            ("ln_gamma", re(x.ln_gamma()), Real::ln_gamma(xf)),
            ("digamma", re(x.digamma()), Real::digamma(xf)),
            ("polygamma(1)", re(x.polygamma(1)), Real::polygamma(xf, 1)),
            ("sigmoid", re(x.sigmoid()), xf.sigmoid()),
            ("softplus", re(x.softplus()), xf.softplus()),
            ("relu", re(x.relu()), xf.relu()),
            ("leaky_relu", re(x.leaky_relu(0.01)), xf.leaky_relu(0.01)),
            ("elu", re(x.elu(1.0)), xf.elu(1.0)),
        ];
        for (name, got, expected) in checks {
            assert!(same(got, expected), "{name}({xf:e}) = {got:e}, f64 gives {expected:e}");
        }
        let _ = x.sin_cos();
        let _ = x.clamp(x, x);
        let _ = softmax(&[x, x]);
    }};
}

#[test]
fn dual_never_panics_and_keeps_f64_values() {
    for &re in &AWKWARD {
        for &eps in &AWKWARD {
            sweep_unary!(Dual64::new(re, eps), re, |d: Dual64| d.re);
        }
    }
}

#[test]
fn dual2_never_panics_and_keeps_f64_values() {
    for &re in &AWKWARD {
        for &d in &AWKWARD {
            sweep_unary!(Dual2_64::new(re, d, d), re, |d: Dual2_64| d.re);
            sweep_unary!(Dual2_64::new(re, 1.0, d), re, |d: Dual2_64| d.re);
        }
    }
}

#[test]
fn hyperdual_never_panics_and_keeps_f64_values() {
    for &re in &AWKWARD {
        for &d in &AWKWARD {
            sweep_unary!(HyperDual64::new(re, d, 1.0, d), re, |d: HyperDual64| d.re);
        }
    }
}

#[test]
fn nested_dual_never_panics_and_keeps_f64_values() {
    for &re in &AWKWARD {
        for &d in &AWKWARD {
            let x = Dual::new(Dual64::new(re, d), Dual64::new(1.0, d));
            sweep_unary!(x, re, |d: Dual<Dual64>| d.re.re);
        }
    }
}

#[test]
fn var_never_panics_and_keeps_f64_values() {
    for &re in &AWKWARD {
        // The input variable: every result is an output of its own, and
        // `jacobian_reverse` sweeps back from each.
        let (values, jac) = jacobian_reverse(
            |v: &[Var64]| {
                let outputs = RefCell::new(Vec::new());
                sweep_unary!(v[0], re, |d: Var64| {
                    outputs.borrow_mut().push(d);
                    d.value()
                });
                outputs.into_inner()
            },
            &[re],
        );
        assert_eq!(values.len(), jac.len());
        assert!(jac.iter().all(|row| row.len() == 1));
        // A constant inside the driver call, and outside any.
        let (value, grad) = gradient_reverse(
            |v: &[Var64]| {
                sweep_unary!(Var64::constant(re), re, |d: Var64| d.value());
                v[0] * 0.0
            },
            &[re],
        );
        assert!(same(value, re * 0.0) && grad.len() == 1);
        sweep_unary!(Var64::constant(re), re, |d: Var64| d.value());
    }
}

#[test]
fn var_of_dual_never_panics_and_keeps_f64_values() {
    for &re in &AWKWARD {
        for &d in &AWKWARD {
            // The input variable carries the derivative part d; every
            // result is an output, swept back in `Dual64` arithmetic.
            let (values, jac) = jacobian_reverse(
                |v: &[Var<Dual64>]| {
                    let outputs = RefCell::new(Vec::new());
                    sweep_unary!(v[0], re, |r: Var<Dual64>| {
                        outputs.borrow_mut().push(r);
                        r.value().re
                    });
                    outputs.into_inner()
                },
                &[Dual64::new(re, d)],
            );
            assert_eq!(values.len(), jac.len());
            assert!(jac.iter().all(|row| row.len() == 1));
        }
        // hvp_slice (one recording, one sweep) from each result in turn.
        let mut k = 0;
        loop {
            let count = Cell::new(0);
            hvp_slice(
                |v: &[Var<Dual64>]| {
                    let outputs = RefCell::new(Vec::new());
                    sweep_unary!(v[0], re, |r: Var<Dual64>| {
                        outputs.borrow_mut().push(r);
                        r.value().re
                    });
                    let outputs = outputs.into_inner();
                    count.set(outputs.len());
                    outputs[k]
                },
                &[re],
                &[1.0],
            );
            k += 1;
            if k >= count.get() {
                break;
            }
        }
    }
}

/// `hessian_sparse` of `f` from each of the results `sweep_unary!` applies
/// to `x(v)`, in turn (`f` records them all; result `k` is the output).
fn var2_sweep_each(x: fn(&[Var2_64]) -> Var2_64, at: &[f64], re: f64) {
    let mut k = 0;
    loop {
        let count = Cell::new(0);
        let (value, grad, h) = hessian_sparse(
            |v: &[Var2_64]| {
                let outputs = RefCell::new(Vec::new());
                sweep_unary!(x(v), re, |r: Var2_64| {
                    outputs.borrow_mut().push(r);
                    r.value()
                });
                let outputs = outputs.into_inner();
                count.set(outputs.len());
                outputs[k]
            },
            at,
        );
        let _ = (value, h.to_dense());
        assert_eq!(grad.len(), at.len());
        k += 1;
        if k >= count.get() {
            break;
        }
    }
}

/// Every function of two numbers, on `Var2_64` and on `f64`.
#[allow(clippy::type_complexity)]
const BINARY: [(&str, fn(Var2_64, Var2_64) -> Var2_64, fn(f64, f64) -> f64); 14] = [
    ("add", |a, b| a + b, |a, b| a + b),
    ("sub", |a, b| a - b, |a, b| a - b),
    ("mul", |a, b| a * b, |a, b| a * b),
    ("div", |a, b| a / b, |a, b| a / b),
    ("rem", |a, b| a % b, |a, b| a % b),
    ("powf", |a, b| a.powf(b), f64::powf),
    ("hypot", |a, b| a.hypot(b), f64::hypot),
    ("atan2", |a, b| a.atan2(b), f64::atan2),
    ("log", |a, b| a.log(b), f64::log),
    ("copysign", |a, b| a.copysign(b), f64::copysign),
    ("max", |a, b| a.max(b), f64::max),
    ("min", |a, b| a.min(b), f64::min),
    ("mul_add", |a, b| a.mul_add(b, a), |a, b| a * b + a),
    ("a·b + a/b", |a, b| a * b + a / b, |a, b| a * b + a / b),
];

#[test]
fn var2_never_panics_and_keeps_f64_values() {
    for &re in &AWKWARD {
        // The input variable: one-variable operations carry the value
        // and both derivatives along; `hessian_sparse` from each result.
        var2_sweep_each(|v| v[0], &[re], re);
        // x recorded on the tape (a node of two variables, exact):
        // every result's partials are swept back through it.
        var2_sweep_each(|v| v[0] - v[1], &[re, 0.0], re);
        // A constant inside the driver call, and outside any.
        let (value, grad, h) = hessian_sparse(
            |v: &[Var2_64]| {
                sweep_unary!(Var2_64::constant(re), re, |d: Var2_64| d.value());
                v[0] * 0.0
            },
            &[re],
        );
        assert!(same(value, re * 0.0) && grad.len() == 1 && h.nrows() == 1);
        sweep_unary!(Var2_64::constant(re), re, |d: Var2_64| d.value());
        // Two input variables: each function of two numbers is recorded
        // with its (awkward) first and second partials and swept back.
        for &other in &AWKWARD {
            for (name, f, f64_f) in BINARY {
                let (value, grad, h) = hessian_sparse(|v: &[Var2_64]| f(v[0], v[1]), &[re, other]);
                let expected = f64_f(re, other);
                assert!(
                    same(value, expected),
                    "{name}({re:e}, {other:e}) = {value:e}, f64 gives {expected:e}"
                );
                assert_eq!((grad.len(), h.to_dense().len()), (2, 2));
            }
        }
    }
}

#[test]
fn parsing_and_casting_never_panic() {
    use num_traits::{FromPrimitive, Num, ToPrimitive};
    for s in ["", "-", "1e400", "nan", "inf", "0x10", "1.5.5", "٣"] {
        for radix in [2, 10, 16, 36] {
            let _ = Dual64::from_str_radix(s, radix);
        }
    }
    for &x in &AWKWARD {
        let d = Dual64::new(x, x);
        let _ = (d.to_i64(), d.to_u64(), d.to_i128(), d.to_f32());
        let _ = Dual64::from_f64(x);
    }
}
