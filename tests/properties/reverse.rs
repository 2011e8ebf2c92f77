//! Reverse mode against forward mode: the gradient from one reverse sweep
//! (`gradient_reverse` over `Var64`) equals the forward-mode gradient
//! (`gradient_forward` over `DualVec64<8>`) to rounding, and the
//! Hessian–vector product of forward over reverse (`hvp_slice` over
//! `Var<Dual64>`) equals the forward-over-forward Hessian
//! (`hessian_slice`) times v, for
//!
//! - every function of one variable of [`crate::unary`] and every function
//!   of two of [`crate::binary`], with random parameters, at random points;
//! - random expression trees of depth up to 5 over 3 or 4 inputs, built from
//!   all of those functions, constants and the inputs.
//!
//! The reference is forward mode, which the other property modules check
//! against finite differences. Both modes apply the same derivative rules,
//! so they differ only in the order in which the chain rule's products are
//! multiplied and summed: each component must agree to [`REV_TOL`]
//! relative to the largest forward component, or, where the chain rule's
//! terms cancel, to the size of those terms if larger (for trees from
//! [`Expr::magnitudes`]: the chain rule with every partial replaced by its
//! absolute value; for H·v of one function at least the largest
//! Σⱼ|Hᵢⱼvⱼ|, and for σ, hypot and atan2 the size of the terms their
//! second derivatives cancel from, [`second_order_terms`],
//! [`second_order_terms2`]). Cases where the forward value or a forward
//! component is not finite (outside a domain, an overflow) are skipped;
//! everywhere else a NaN or an infinity from reverse mode fails. Values
//! must agree to rounding.

use autodiff::prelude::*;
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

use crate::binary::B;
use crate::support::{config, log_uniform, signed, Bivariate, Num, RefOps, Univariate};
use crate::unary::U;

/// Relative tolerance of reverse against forward mode.
const REV_TOL: f64 = 1e-12;

/// Below this size of a gradient or H·v (relative to [`REV_TOL`]'s scale)
/// intermediate products underflow and the modes are not compared
/// ([`compare`]).
const NEAR_UNDERFLOW: f64 = 1e-150;

/// The parameters of the parametrised functions of [`U`].
#[derive(Clone, Copy, Debug)]
struct Params {
    /// A nonzero constant of moderate size (0.1 to 10, either sign).
    c: f64,
    /// An integer power.
    n: i32,
    /// A real power.
    p: f64,
    /// A slope of leaky_relu and elu.
    alpha: f64,
    /// A logarithm's base.
    base: f64,
    /// The order of a polygamma.
    k: u32,
}

/// Random parameters, over the ranges of the `unary` properties.
fn params() -> impl Strategy<Value = Params> {
    (
        signed(log_uniform(0.1, 10.0)),
        -6i32..=8,
        prop_oneof![Just(0.0), Just(1.0), Just(2.0), Just(0.5), -4.0f64..4.0],
        0.01f64..2.0,
        log_uniform(0.05, 20.0).prop_filter("base away from 1", |b| b.ln().abs() > 0.05),
        1u32..=3,
    )
        .prop_map(|(c, n, p, alpha, base, k)| Params { c, n, p, alpha, base, k })
}

/// How many entries [`unary_functions`] has.
const UNARY_COUNT: usize = 76;

/// Every function of [`U`], with the parameters `q`.
fn unary_functions(q: Params) -> [U; UNARY_COUNT] {
    let Params { c, n, p, alpha, base, k } = q;
    [
        U::Neg,
        U::Recip,
        U::Inv,
        U::Sqrt,
        U::Cbrt,
        U::Exp,
        U::Exp2,
        U::ExpM1,
        U::Ln,
        U::Log2,
        U::Log10,
        U::Log(base),
        U::Ln1p,
        U::Sin,
        U::Cos,
        U::SinCos0,
        U::SinCos1,
        U::Tan,
        U::Asin,
        U::Acos,
        U::Atan,
        U::Sinh,
        U::Cosh,
        U::Tanh,
        U::Asinh,
        U::Acosh,
        U::Atanh,
        U::Abs,
        U::Signum,
        U::Floor,
        U::Ceil,
        U::Round,
        U::Trunc,
        U::Fract,
        U::Powi(n),
        U::PowI32(n),
        U::Powf(p),
        U::PowF64(p),
        U::Erf,
        U::Erfc,
        U::Gamma,
        U::LnGamma,
        U::Digamma,
        U::Polygamma(k),
        U::Sigmoid,
        U::Softplus,
        U::Relu,
        U::LeakyRelu(alpha),
        U::Elu(alpha),
        U::ToDegrees,
        U::ToRadians,
        U::Clamp(-c.abs(), c.abs()),
        U::Max(c),
        U::Min(c),
        U::AddF(c),
        U::FAdd(c),
        U::SubF(c),
        U::FSub(c),
        U::MulF(c),
        U::FMul(c),
        U::DivF(c),
        U::FDiv(c),
        U::RemF(c),
        U::FRem(c),
        U::AddAssignF(c),
        U::SubAssignF(c),
        U::MulAssignF(c),
        U::DivAssignF(c),
        U::RemAssignF(c),
        U::MulAdd(c.abs()),
        U::MulAddTrait(c.abs()),
        // A second point of each kinked function's parameter space.
        U::Clamp(-1.0, 2.0),
        U::Max(0.0),
        U::Min(0.0),
        U::Powi(-1),
        U::Powf(1.5),
    ]
}

/// Every function of [`B`].
const BINARY_FUNCTIONS: [B; 29] = [
    B::Add,
    B::Sub,
    B::Mul,
    B::Div,
    B::Rem,
    B::RefAdd,
    B::RefSub,
    B::RefMul,
    B::RefDiv,
    B::RefRem,
    B::AddAssign,
    B::SubAssign,
    B::MulAssign,
    B::DivAssign,
    B::RemAssign,
    B::Atan2,
    B::Hypot,
    B::Powf,
    B::Pow,
    B::Log,
    B::Max,
    B::Min,
    B::Clamp,
    B::AbsSub,
    B::Copysign,
    B::MulAdd,
    B::MulAddTrait,
    B::Sum,
    B::Product,
];

/// A point of any scale: uniform on [-20, 20], log-uniform of either sign
/// on [1e-3, 1e3], or inside (-1, 1) (the domain of asin, acos, atanh).
fn point() -> impl Strategy<Value = f64> {
    prop_oneof![-20.0f64..20.0, signed(log_uniform(1e-3, 1e3)), -1.0f64..1.0]
}

/// An expression over the inputs `x[0..n]`.
#[derive(Clone, Debug)]
enum Expr {
    Input(usize),
    Const(f64),
    Unary(U, Box<Expr>),
    Binary(B, Box<Expr>, Box<Expr>),
}

impl Expr {
    /// The expression at `x`, on any number type.
    fn eval<T: Num>(&self, x: &[T]) -> T
    where
        f64: F64Ops<T> + core::ops::Rem<T, Output = T>,
        for<'a> &'a T: RefOps<T>,
    {
        match self {
            Expr::Input(i) => x[*i],
            Expr::Const(c) => T::cst(*c),
            Expr::Unary(f, a) => f.eval(a.eval(x)),
            Expr::Binary(f, a, b) => f.eval(a.eval(x), b.eval(x)),
        }
    }
}

/// `a·b`, 0 where either is 0 (a magnitude times an infinite one).
fn mul0(a: f64, b: f64) -> f64 {
    if a == 0.0 || b == 0.0 {
        0.0
    } else {
        a * b
    }
}

/// The magnitude of a local partial: |d|, and 0 where d is infinite or
/// NaN. Where the forward result is finite (the only cases compared), such
/// a partial met a derivative that is exactly 0 and contributed nothing.
fn size(d: f64) -> f64 {
    if d.is_finite() {
        d.abs()
    } else {
        0.0
    }
}

/// The magnitudes of the terms the chain rule sums in ∇e and H(e)·v.
struct Magnitudes {
    /// The value of the node.
    value: f64,
    /// Σ over paths of |the product of the partials| to each input.
    grad: Vec<f64>,
    /// Σⱼ grad[j]·|vⱼ|: the terms of ∇e·v.
    grad_v: f64,
    /// The terms of (H·v)ᵢ, likewise.
    hv: Vec<f64>,
    /// Whether an infinite (or NaN) local derivative met an inner
    /// derivative that is exactly 0 only because nonzero terms cancel
    /// (`((x + y) - (y + x)).sqrt()`): forward mode sees the exact 0 and
    /// gives a finite result, reverse mode meets the infinite partial
    /// before the cancellation and gives NaN, as `Var`'s docs say. Such
    /// cases are skipped; `tests/reverse.rs` pins the behaviour.
    singular: bool,
}

/// A case where forward mode's result rests on an exact cancellation
/// ([`Magnitudes::singular`]): reverse mode may give NaN there, but a
/// component it gives as a number must be forward mode's.
fn check_singular(
    what: &dyn Fn() -> String,
    reverse: Vec<f64>,
    forward: impl FnOnce() -> Vec<f64>,
    terms: &[f64],
) -> Result<(), TestCaseError> {
    let forward = forward();
    let tol = REV_TOL * scale(&forward, terms);
    for (i, (r, f)) in reverse.iter().zip(&forward).enumerate() {
        let agree = r.is_nan() || !f.is_finite() || (r - f).abs() <= tol;
        prop_assert!(agree, "{}: component {i}: reverse {r:e}, forward {f:e}", what());
    }
    Ok(())
}

/// Whether a local derivative `d` that is not finite multiplies inner
/// derivative terms of which some are not 0.
fn meets_cancellation(d: f64, inner: &[f64]) -> bool {
    !d.is_finite() && inner.iter().any(|&g| g != 0.0)
}

impl Expr {
    /// The chain rule written out with the absolute values of every
    /// partial (from `Dual2_64` for a function of one number and
    /// `Dual2Vec64<2>` for two): the size of the terms that forward and
    /// reverse mode sum in different orders, at `x` along `v`.
    fn magnitudes(&self, x: &[f64], v: &[f64]) -> Magnitudes {
        let n = x.len();
        match self {
            Expr::Input(i) => {
                let mut grad = vec![0.0; n];
                grad[*i] = 1.0;
                Magnitudes {
                    value: x[*i],
                    grad,
                    grad_v: v[*i].abs(),
                    hv: vec![0.0; n],
                    singular: false,
                }
            }
            Expr::Const(c) => Magnitudes {
                value: *c,
                grad: vec![0.0; n],
                grad_v: 0.0,
                hv: vec![0.0; n],
                singular: false,
            },
            Expr::Unary(f, a) => {
                let a = a.magnitudes(x, v);
                let r = f.eval(Dual2_64::variable(a.value));
                let (d1, d2) = (size(r.v1), size(second_order_terms(*f, r)));
                let grad = a.grad.iter().map(|&g| mul0(d1, g)).collect();
                let hv = (0..n)
                    .map(|i| mul0(mul0(d2, a.grad_v), a.grad[i]) + mul0(d1, a.hv[i]))
                    .collect();
                let singular = a.singular
                    || meets_cancellation(r.v1, &a.grad)
                    || meets_cancellation(r.v2, &[a.grad_v]);
                Magnitudes { value: r.re, grad, grad_v: mul0(d1, a.grad_v), hv, singular }
            }
            Expr::Binary(f, a, b) => {
                let (a, b) = (a.magnitudes(x, v), b.magnitudes(x, v));
                let r =
                    f.eval(Dual2Vec64::<2>::variable(a.value, 0), Dual2Vec64::variable(b.value, 1));
                let h = second_order_terms2(*f, (a.value, b.value), r.hessian());
                let (fx, fy) = match f {
                    // x + y + xy: the terms of ∂x are 1 and y (they cancel
                    // where y ≈ -1), likewise for ∂y.
                    B::Sum => (1.0 + size(b.value), 1.0 + size(a.value)),
                    _ => (size(r.grad[0]), size(r.grad[1])),
                };
                let (fxx, fxy, fyy) = (size(h[0][0]), size(h[0][1]), size(h[1][1]));
                let grad = (0..n).map(|i| mul0(fx, a.grad[i]) + mul0(fy, b.grad[i])).collect();
                let hv = (0..n)
                    .map(|i| {
                        mul0(mul0(fxx, a.grad_v), a.grad[i])
                            + mul0(fxy, mul0(a.grad_v, b.grad[i]) + mul0(b.grad_v, a.grad[i]))
                            + mul0(mul0(fyy, b.grad_v), b.grad[i])
                            + mul0(fx, a.hv[i])
                            + mul0(fy, b.hv[i])
                    })
                    .collect();
                let grad_v = mul0(fx, a.grad_v) + mul0(fy, b.grad_v);
                let second =
                    h.iter().flatten().fold(0.0, |m: f64, d| if d.is_finite() { m } else { *d });
                let singular = a.singular
                    || b.singular
                    || meets_cancellation(r.grad[0], &a.grad)
                    || meets_cancellation(r.grad[1], &b.grad)
                    || meets_cancellation(second, &[a.grad_v, b.grad_v]);
                Magnitudes { value: r.re, grad, grad_v, hv, singular }
            }
        }
    }
}

/// Any function of [`U`] with random parameters.
fn unary_op() -> impl Strategy<Value = U> {
    (0..UNARY_COUNT, params()).prop_map(|(i, q)| unary_functions(q)[i])
}

/// A random expression tree of depth at most 5 over `n` inputs: leaves are
/// inputs (three times in four) and constants, inner nodes any function of
/// [`U`] or [`B`].
fn tree(n: usize) -> impl Strategy<Value = Expr> {
    let leaf = prop_oneof![
        3 => (0..n).prop_map(Expr::Input),
        1 => signed(log_uniform(0.1, 10.0)).prop_map(Expr::Const),
    ];
    leaf.prop_recursive(5, 32, 2, |inner| {
        prop_oneof![
            (unary_op(), inner.clone()).prop_map(|(f, a)| Expr::Unary(f, Box::new(a))),
            (0..BINARY_FUNCTIONS.len(), inner.clone(), inner).prop_map(|(i, a, b)| Expr::Binary(
                BINARY_FUNCTIONS[i],
                Box::new(a),
                Box::new(b)
            )),
        ]
    })
}

/// A tree over 3 or 4 inputs, a point (each coordinate in [-3, 3]) and a
/// direction (each in [-2, 2]).
fn tree_point_direction() -> impl Strategy<Value = (Expr, Vec<f64>, Vec<f64>)> {
    (3usize..=4).prop_flat_map(|n| (tree(n), vec(-3.0f64..3.0, n), vec(-2.0f64..2.0, n)))
}

/// Equal to rounding (a few ulps), NaN equal to NaN, infinities by sign.
fn same_value(got: f64, want: f64) -> bool {
    (got.is_nan() && want.is_nan()) || got == want || (got - want).abs() <= 1e-14 * want.abs()
}

/// Compares reverse (`rev`) with forward (`fwd`) results: the values to
/// rounding, each component of the vectors to [`REV_TOL`] relative to
/// `scale` (exactly where `scale` is 0). Skips the case (passes) where the
/// forward value or a forward component is not finite.
fn compare(
    what: &dyn Fn() -> String,
    part: &str,
    (rev_value, rev): (f64, &[f64]),
    (fwd_value, fwd): (f64, &[f64]),
    scale: f64,
) -> Result<(), TestCaseError> {
    if !fwd_value.is_finite() || fwd.iter().any(|g| !g.is_finite()) {
        return Ok(());
    }
    // Derivatives this small are sums of products of partials whose own
    // products underflow (1e-150² is below f64's smallest normal); the two
    // modes multiply in different orders, so they agree only to the
    // underflow, not relatively. Only the values are compared.
    let derivatives_comparable = scale >= NEAR_UNDERFLOW;
    let mut failures = Vec::new();
    if !same_value(rev_value, fwd_value) {
        failures.push(format!("  value: reverse {rev_value:e}, forward {fwd_value:e}"));
    }
    if rev.len() != fwd.len() {
        failures.push(format!(
            "  {part}: reverse has {} components, forward {}",
            rev.len(),
            fwd.len()
        ));
    }
    for (i, (&r, &f)) in rev.iter().zip(fwd).enumerate().filter(|_| derivatives_comparable) {
        // Written so that NaN fails.
        let ok = (r - f).abs() <= REV_TOL * scale + crate::support::TINY;
        if !ok {
            failures.push(format!(
                "  {part}[{i}]: reverse {r:e}, forward {f:e} (err. {:e}, allowed {:e})",
                (r - f).abs(),
                REV_TOL * scale
            ));
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(TestCaseError::fail(format!("{}:\n{}", what(), failures.join("\n"))))
    }
}

/// The largest magnitude of `v`.
fn max_abs(v: &[f64]) -> f64 {
    v.iter().fold(0.0, |m, g| m.max(g.abs()))
}

/// Checks the gradient of `f` at `x` by reverse against forward mode,
/// relative to the largest forward component or the largest of `terms`
/// (the size of the terms summed in each component), if larger and finite.
fn check_gradient(
    what: &dyn Fn() -> String,
    f: impl Fn(&[Var64]) -> Var64,
    g: impl Fn(&[DualVec64<8>]) -> DualVec64<8>,
    x: &[f64],
    terms: &[f64],
) -> Result<(), TestCaseError> {
    let (rv, rg) = gradient_reverse(f, x);
    let (fv, fg) = gradient_forward(g, x);
    compare(what, "gradient", (rv, &rg), (fv, &fg), scale(&fg, terms))
}

/// The largest magnitude of `result`, or of `terms` if larger and finite.
fn scale(result: &[f64], terms: &[f64]) -> f64 {
    let t = max_abs(terms);
    if t.is_finite() {
        t.max(max_abs(result))
    } else {
        max_abs(result)
    }
}

/// The Hessian's type in `hessian_slice`.
type Hess = DualVec<DualVec64<4>, 4>;

/// Checks H(x)·v of `f` by forward over reverse against the forward
/// Hessian times v, and the gradient that comes with it. Each is compared
/// relative to the largest forward component or the largest of the
/// `(gradient, H·v)` `terms`, if larger and finite (for H·v also the
/// largest Σⱼ|Hᵢⱼvⱼ|).
fn check_hvp(
    what: &dyn Fn() -> String,
    f: impl Fn(&[Var<Dual64>]) -> Var<Dual64>,
    h: impl Fn(&[Hess]) -> Hess,
    (x, v): (&[f64], &[f64]),
    (grad_terms, terms): (&[f64], &[f64]),
) -> Result<(), TestCaseError> {
    let (rv, rg, rhv) = hvp_slice(f, x, v);
    let (fv, fg, fh) = hessian_slice(h, x);
    if fh.iter().flatten().any(|h| !h.is_finite()) {
        return Ok(());
    }
    let fhv: Vec<f64> =
        fh.iter().map(|row| row.iter().zip(v).map(|(hij, vj)| hij * vj).sum()).collect();
    let product_terms: Vec<f64> = fh
        .iter()
        .map(|row| row.iter().zip(v).map(|(hij, vj)| (hij * vj).abs()).sum::<f64>())
        .collect();
    compare(what, "gradient (hvp_slice)", (rv, &rg), (fv, &fg), scale(&fg, grad_terms))?;
    compare(what, "Hv", (rv, &rhv), (fv, &fhv), scale(&product_terms, terms))
}

/// The size of the terms whose sum is the second derivative of `f` as
/// the nested types compute it (the derivative of the rule's f' formula),
/// from `r` = f on `Dual2_64`: |f''|, except for σ, whose f' = e/(1 + e)²
/// (e = e^(-|x|)) differentiates into two terms of size ≈ σ' that cancel
/// near 0.
fn second_order_terms(f: U, r: Dual2_64) -> f64 {
    match f {
        U::Sigmoid => r.v1.abs().max(r.v2.abs()),
        _ => r.v2.abs(),
    }
}

/// The sizes of the terms of the second partials of `f` at `(x, y)` as the
/// nested types compute them, from the Hessian `h`: |hᵢⱼ|, except where
/// the derivative of a first-partial formula cancels: hypot's x/h
/// differentiates into 1/h - x²/h³ (terms of size 1/h), atan2's into
/// terms of size 1/(x² + y²).
fn second_order_terms2(f: B, (x, y): (f64, f64), h: [[f64; 2]; 2]) -> [[f64; 2]; 2] {
    let natural = match f {
        B::Hypot => x.hypot(y).recip(),
        B::Atan2 => (x * x + y * y).recip(),
        _ => 0.0,
    };
    h.map(|row| row.map(|hij| hij.abs().max(natural)))
}

/// Checks `f` of one variable at `x`: gradient and second derivative.
fn check_unary(f: U, x: f64) -> Result<(), TestCaseError> {
    let what = || format!("{f:?} at x = {x:e}");
    check_gradient(&what, |v| f.eval(v[0]), |v| f.eval(v[0]), &[x], &[])?;
    let terms = second_order_terms(f, f.eval(Dual2_64::variable(x)));
    check_hvp(&what, |v| f.eval(v[0]), |v| f.eval(v[0]), (&[x], &[1.0]), (&[], &[terms]))
}

/// Checks `f` of two variables at `(x, y)`: gradient and H·v.
fn check_binary(f: B, x: f64, y: f64, v: [f64; 2]) -> Result<(), TestCaseError> {
    let what = || format!("{f:?} at (x, y) = ({x:e}, {y:e}), v = {v:?}");
    check_gradient(&what, |a| f.eval(a[0], a[1]), |a| f.eval(a[0], a[1]), &[x, y], &[])?;
    let r = f.eval(Dual2Vec64::<2>::variable(x, 0), Dual2Vec64::variable(y, 1));
    let t = second_order_terms2(f, (x, y), r.hessian());
    let terms = t.map(|row| row[0] * v[0].abs() + row[1] * v[1].abs());
    check_hvp(&what, |a| f.eval(a[0], a[1]), |a| f.eval(a[0], a[1]), (&[x, y], &v), (&[], &terms))
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn reverse_equals_forward_for_every_unary_function(x in point(), q in params()) {
        for f in unary_functions(q) {
            check_unary(f, x)?;
        }
    }

    #[test]
    fn reverse_equals_forward_for_every_binary_function(
        x in point(),
        y in point(),
        v in [-2.0f64..2.0, -2.0f64..2.0],
    ) {
        for f in BINARY_FUNCTIONS {
            check_binary(f, x, y, v)?;
        }
    }

    #[test]
    fn reverse_gradient_equals_forward_on_expression_trees((e, x, _) in tree_point_direction()) {
        let what = || format!("{e:?} at x = {x:?}");
        let terms = e.magnitudes(&x, &[0.0; 4][..x.len()]);
        let reverse = |v: &[Var64]| e.eval(v);
        if terms.singular {
            check_singular(
                &what,
                gradient_reverse(reverse, &x).1,
                || gradient_forward(|v| e.eval(v), &x).1,
                &terms.grad,
            )?;
        } else {
            check_gradient(&what, reverse, |v| e.eval(v), &x, &terms.grad)?;
        }
    }

    #[test]
    fn hvp_equals_forward_hessian_times_v_on_expression_trees(
        (e, x, v) in tree_point_direction()
    ) {
        let what = || format!("{e:?} at x = {x:?}, v = {v:?}");
        let terms = e.magnitudes(&x, &v);
        if terms.singular {
            check_singular(
                &what,
                hvp_slice(|a| e.eval(a), &x, &v).1,
                || gradient_forward(|a| e.eval(a), &x).1,
                &terms.grad,
            )?;
        } else {
            check_hvp(&what, |a| e.eval(a), |a| e.eval(a), (&x, &v), (&terms.grad, &terms.hv))?;
        }
    }
}
