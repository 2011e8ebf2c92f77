//! Reverse mode against forward mode: the gradient from one reverse sweep
//! (`gradient_reverse` over `Var64`) equals the forward-mode gradient
//! (`gradient_forward` over `DualVec64<8>`) to rounding, and the
//! Hessian–vector product of forward over reverse (`hvp_slice` over
//! `Var<Dual64>`) equals the forward-over-forward Hessian
//! (`hessian_slice`) times v, and the sparse Hessian of second-order
//! reverse mode (`hessian_sparse` over `Var2_64`) equals that Hessian
//! entry by entry, its pattern holding every entry forward mode gives as
//! nonzero, for
//!
//! - every function of one variable of [`crate::unary`] and every function
//!   of two of [`crate::binary`], with random parameters, at random points
//!   (for `hessian_sparse` a function of one variable also runs on
//!   x₀ - x₁ at (x, 0), so that its partials pass through the tape:
//!   `Var2` carries an operation of one variable along unrecorded);
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
//! [`second_order_terms2`]). A sparse Hessian's entry Hᵢⱼ is compared on
//! its own, relative to the larger of |Hᵢⱼ| and the size of its own terms
//! (from [`Expr::magnitudes`] along eⱼ, or those of one function).
//! Cases where the forward value or a forward component is not finite
//! (outside a domain, an overflow) are skipped; everywhere else a NaN or
//! an infinity from reverse mode fails. Values must agree to rounding.

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

/// The number type of [`rule_hessian`]: up to 4 inputs.
type Rules = Dual2Vec64<4>;

/// The Hessian of `f` at `x` (at most 4 inputs) on `Dual2Vec64<4>`, which
/// takes every second derivative from the same rules (`rules.rs`) as
/// `Var2` (and `Dual2`), where the nested types of `hessian_slice`
/// differentiate each rule's f′ formula instead.
fn rule_hessian(f: impl Fn(&[Rules]) -> Rules, x: &[f64]) -> Vec<Vec<f64>> {
    let seeded: Vec<Rules> = x.iter().enumerate().map(|(i, &xi)| Rules::variable(xi, i)).collect();
    let h = f(&seeded).hessian();
    h[..x.len()].iter().map(|row| row[..x.len()].to_vec()).collect()
}

/// Whether an entry `got` agrees with `want` to [`REV_TOL`] relative to
/// `scale` (or exactly: NaN equal to NaN, infinities by sign).
fn entry_agrees(got: f64, want: f64, scale: f64) -> bool {
    (got.is_nan() && want.is_nan())
        || got == want
        || (got - want).abs() <= REV_TOL * scale + crate::support::TINY
}

/// Checks the sparse Hessian of `f` (`hessian_sparse` over `Var2_64`)
/// against the forward Hessian of `h` (`hessian_slice`), and the gradient
/// that comes with it against the forward gradient (relative to the
/// largest forward component or of `grad_terms`, as [`check_hvp`]). Entry
/// Hᵢⱼ is compared relative to the larger of its forward value and
/// `hess_terms[i][j]` (the size of the terms it sums, where finite), and
/// every entry that forward mode gives as nonzero must be in the sparse
/// Hessian's pattern, unless it is 0 to that tolerance: the nested
/// forward types differentiate each rule's f′ formula, whose terms may
/// cancel to a rounding error where the rule's exact second partial is 0
/// (`x.hypot(x)`: 1/h - x²/h³ = 6e-17, where Var2's ∂²/∂x² + 2∂²/∂x∂y +
/// ∂²/∂y² = (y² - 2xy + x²)/h³ is exactly 0 and records no curvature).
/// Skipped (passes) where a forward entry is not finite, as in
/// [`check_hvp`].
///
/// BUG (the rules, not `Var2`): where a rule's own second derivative
/// leaves f64's range in an intermediate product, every type that takes
/// it from the rules (`Dual2`, `HyperDual`, `Dual2Vec`, `Var2`) differs
/// from the nested Hessian, which is right: `recip`'s f″ = 2/x³
/// underflows to 0 for |x| ≳ 1e102 (1/sinh(ψ₃(x)) at x = -2.603: f″ =
/// -7.51e-120 instead of 7.40e-120, the 2s′²/s³ term lost), `powf`'s
/// (p - 1)·f′ overflows before its /x (x = 19.98, p = 235.07: f″ = +∞
/// instead of 7.6e307), `sqrt`'s f″ = -f′/(2x) underflows to 0 for x ≳
/// 1e205. Such an entry, where the rules' forward Hessian (`g`,
/// [`rule_hessian`]) disagrees with the nested one, must equal the rules'
/// instead (and may then be outside the pattern if the rules give exactly
/// 0), except where the rules give NaN: an f″ that underflowed to 0 met
/// an infinite f′², which `Dual2Vec` multiplies to NaN but `Var2`
/// zero-wins to 0 (its products let an exact 0 win on either side), so
/// `Var2` drops the term and gives a finite, wrong entry (√(eˣ) at 700:
/// f″ = 5.0e151 for 2.5e151, `Dual2` NaN); such an entry is not compared.
/// [`rules_second_derivatives_leave_range`] pins all three.
fn check_sparse_hessian(
    what: &dyn Fn() -> String,
    (f, h, g): (
        impl FnOnce(&[Var2_64]) -> Var2_64,
        impl Fn(&[Hess]) -> Hess,
        impl Fn(&[Rules]) -> Rules,
    ),
    x: &[f64],
    (grad_terms, hess_terms): (&[f64], &[Vec<f64>]),
) -> Result<(), TestCaseError> {
    let (rv, rg, rh) = hessian_sparse(f, x);
    let (fv, fg, fh) = hessian_slice(h, x);
    if fh.iter().flatten().any(|h| !h.is_finite()) {
        return Ok(());
    }
    compare(what, "gradient (hessian_sparse)", (rv, &rg), (fv, &fg), scale(&fg, grad_terms))?;
    let n = x.len();
    prop_assert!(
        (rh.nrows(), rh.ncols()) == (n, n),
        "{}: the sparse Hessian is {}×{}, not {n}×{n}",
        what(),
        rh.nrows(),
        rh.ncols()
    );
    let rules = rule_hessian(g, x);
    for i in 0..n {
        for j in 0..n {
            let (fij, gij) = (fh[i][j], rules[i][j]);
            let s = scale(&[fij], &[hess_terms[i][j]]);
            // BUG (the rules): see above.
            let rules_differ = !entry_agrees(gij, fij, s);
            let by_rules = rules_differ
                && (gij.is_nan() || entry_agrees(rh.get(i, j), gij, scale(&[gij], &[s])));
            prop_assert!(
                rh.pattern().contains(i, j)
                    || fij.abs() <= REV_TOL * s + crate::support::TINY
                    || (rules_differ && (gij == 0.0 || gij.is_nan())),
                "{}: H[{i}][{j}] = {fij:e} (forward) is outside the sparse pattern",
                what()
            );
            if !by_rules {
                let part = format!("H[{i}][{j}] (hessian_sparse)");
                compare(what, &part, (rv, &[rh.get(i, j)]), (fv, &[fij]), s)?;
            }
        }
    }
    Ok(())
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
/// terms of size 1/(x² + y²); and where a second partial is itself a sum
/// of terms that cancel (every mode sums them, so each is off by rounding
/// in the terms), which a comparison entry by entry (the sparse Hessian)
/// sees: xʸ's ∂²/∂x∂y = xʸ⁻¹(1 + y ln x) near y ln x = -1, and
/// x.log(y) = ln x / ln y's ∂²/∂y² = ln x (ln y + 2)/(y² ln³ y) near
/// y = e⁻², the sum of ln x/(y² ln² y) and 2 ln x/(y² ln³ y).
fn second_order_terms2(f: B, (x, y): (f64, f64), h: [[f64; 2]; 2]) -> [[f64; 2]; 2] {
    let natural = match f {
        B::Hypot => [[x.hypot(y).recip(); 2]; 2],
        B::Atan2 => [[(x * x + y * y).recip(); 2]; 2],
        B::Powf | B::Pow => {
            let xy = x.powf(y - 1.0).abs() * (1.0 + (y * x.ln()).abs());
            [[0.0, xy], [xy, 0.0]]
        }
        B::Log => {
            let (ln_x, ln_y) = (x.ln(), y.ln());
            let yy = (ln_x / (y * y * ln_y * ln_y)).abs() * (1.0 + 2.0 / ln_y.abs());
            [[0.0, 0.0], [0.0, yy]]
        }
        _ => [[0.0; 2]; 2],
    };
    // `max` keeps |hᵢⱼ| where the natural size is NaN (x < 0 in ln x).
    core::array::from_fn(|i| core::array::from_fn(|j| h[i][j].abs().max(natural[i][j])))
}

/// Checks `f` of one variable at `x`: gradient and second derivative.
fn check_unary(f: U, x: f64) -> Result<(), TestCaseError> {
    let what = || format!("{f:?} at x = {x:e}");
    check_gradient(&what, |v| f.eval(v[0]), |v| f.eval(v[0]), &[x], &[])?;
    let terms = second_order_terms(f, f.eval(Dual2_64::variable(x)));
    check_hvp(&what, |v| f.eval(v[0]), |v| f.eval(v[0]), (&[x], &[1.0]), (&[], &[terms]))?;
    let sparse = |v: &[Var2_64]| f.eval(v[0]);
    let fns = (sparse, |v: &[Hess]| f.eval(v[0]), |v: &[Rules]| f.eval(v[0]));
    check_sparse_hessian(&what, fns, &[x], (&[], &[vec![terms]]))?;
    // x recorded on the tape as x₀ - x₁ at (x, 0): H = f''·[[1, -1], [-1, 1]].
    let what = || format!("{f:?} at x₀ - x₁, (x₀, x₁) = ({x:e}, 0)");
    let recorded = |v: &[Var2_64]| f.eval(v[0] - v[1]);
    let fns = (recorded, |v: &[Hess]| f.eval(v[0] - v[1]), |v: &[Rules]| f.eval(v[0] - v[1]));
    let terms = vec![vec![terms; 2]; 2];
    check_sparse_hessian(&what, fns, &[x, 0.0], (&[], &terms))
}

/// Checks `f` of two variables at `(x, y)`: gradient and H·v.
fn check_binary(f: B, x: f64, y: f64, v: [f64; 2]) -> Result<(), TestCaseError> {
    let what = || format!("{f:?} at (x, y) = ({x:e}, {y:e}), v = {v:?}");
    check_gradient(&what, |a| f.eval(a[0], a[1]), |a| f.eval(a[0], a[1]), &[x, y], &[])?;
    let r = f.eval(Dual2Vec64::<2>::variable(x, 0), Dual2Vec64::variable(y, 1));
    let t = second_order_terms2(f, (x, y), r.hessian());
    let terms = t.map(|row| row[0] * v[0].abs() + row[1] * v[1].abs());
    check_hvp(&what, |a| f.eval(a[0], a[1]), |a| f.eval(a[0], a[1]), (&[x, y], &v), (&[], &terms))?;
    let sparse = |a: &[Var2_64]| f.eval(a[0], a[1]);
    let fns = (sparse, |a: &[Hess]| f.eval(a[0], a[1]), |a: &[Rules]| f.eval(a[0], a[1]));
    let t = t.map(Vec::from).to_vec();
    check_sparse_hessian(&what, fns, &[x, y], (&[], &t))
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

    #[test]
    fn sparse_hessian_equals_forward_hessian_on_expression_trees(
        (e, x, _) in tree_point_direction()
    ) {
        let what = || format!("{e:?} at x = {x:?}");
        let n = x.len();
        // The terms of column j: the magnitudes along eⱼ.
        let columns: Vec<Magnitudes> = (0..n)
            .map(|j| {
                let mut ej = vec![0.0; n];
                ej[j] = 1.0;
                e.magnitudes(&x, &ej)
            })
            .collect();
        let terms: Vec<Vec<f64>> =
            (0..n).map(|i| (0..n).map(|j| columns[j].hv[i].max(columns[i].hv[j])).collect()).collect();
        let grad_terms = &columns[0].grad;
        if columns.iter().any(|c| c.singular) {
            // As for H·v: reverse mode may give NaN where forward mode's
            // result rests on an exact cancellation; a gradient or Hessian
            // entry it gives as a number must be forward mode's.
            //
            // `Var2` adds up the derivatives of an operation of two
            // numbers of one variable by the rule of two operands
            // (fₓa′ + fᵧb′, fₓₓa′² + 2fₓᵧa′b′ + fᵧᵧb′² + fₓa″ + fᵧb″, with
            // fᵧ = -q/b a rounded number), where `Dual2`'s quotient rule
            // ((a′ - q b′)/b) cancels exactly; so it may leave a rounding
            // residue where every other type has an exact 0 (x/(180x/π)
            // ≡ π/180: f′ = 3.5e-18; x.log(x) ≡ 1 at 2.91: f″ = -2.8e-17),
            // which an infinite partial after it turns into ±∞ rather
            // than NaN (that quotient over floor(…) = 0: ∂ = +∞;
            // acosh(x.log(x)): f″ = -∞; every other type 0). Here an
            // infinite component counts as a NaN: both are the singular
            // outcome.
            let singular_outcome =
                |v: Vec<f64>| v.into_iter().map(|h| if h.is_infinite() { f64::NAN } else { h }).collect();
            let (_, rg, rh) = hessian_sparse(|a| e.eval(a), &x);
            check_singular(
                &what,
                singular_outcome(rg),
                || gradient_forward(|a| e.eval(a), &x).1,
                grad_terms,
            )?;
            check_singular(
                &what,
                singular_outcome(rh.to_dense().concat()),
                || hessian_slice(|a| e.eval(a), &x).2.concat(),
                &terms.concat(),
            )?;
        } else {
            let fns = (|a: &[Var2_64]| e.eval(a), |a: &[Hess]| e.eval(a), |a: &[Rules]| e.eval(a));
            check_sparse_hessian(&what, fns, &x, (grad_terms, &terms))?;
        }
    }
}

/// `Var2`'s quotients keep their partials in range where the derivative
/// is (it scales the operands' derivatives by 1/b first, -q·(b′/b), as
/// `Var` and `Dual2` do): the cases where `rules::div`'s partials -q/b,
/// -1/b² and 2q/b² over- or underflow. The expected values are
/// `Dual2_64`'s (f′, f″), which agree with the closed forms.
#[test]
fn var2_quotient_partials() {
    let close = |got: f64, want: f64| (got - want).abs() <= 1e-13 * want.abs();
    let mut failures = Vec::new();
    let mut check = |case: &str, part: &str, got: f64, want: f64| {
        if !close(got, want) {
            failures.push(format!("  {case}: {part} = {got:e}, expected {want:e}"));
        }
    };
    // x/Γ(ψ₂(x)) at 0.2305…: ∂/∂b = -q/b = 1.3e588 overflows;
    // f′ = 4.4e297 (Var2: +∞).
    let x = 0.230_529_715_096_191_6;
    let want = Dual2_64::variable(x) / Dual2_64::variable(x).polygamma(2).gamma();
    let (_, g, _) = hessian_sparse(|v: &[Var2_64]| v[0] / v[0].polygamma(2).gamma(), &[x]);
    check("x/Γ(ψ₂(x)) at 0.2305", "f′", g[0], want.v1);
    // x/e^(x²) at 21.5: ∂/∂b = -q/b = -2e-401 underflows to 0;
    // f′ = (1 - 2x²)e^(-x²) = -1.63e-198 (Var2: 1.8e-201, the 1/b term
    // alone), f″ = (4x³ - 6x)e^(-x²) = 7.0e-197 (Var2: 0).
    let x = Dual2_64::variable(21.5);
    let want = x / (x * x).exp();
    let (_, g, h) = hessian_sparse(|v: &[Var2_64]| v[0] / (v[0] * v[0]).exp(), &[21.5]);
    check("x/e^(x²) at 21.5", "f′", g[0], want.v1);
    check("x/e^(x²) at 21.5", "f″", h.get(0, 0), want.v2);
    // x₀/(10²⁰⁰x₁) at (1, 1), two variables (a node on the tape): q/b and
    // 1/b² = 1e-400 underflow to 0; ∂/∂x₁ = -1e-200, ∂²/∂x₀∂x₁ = -1e-200,
    // ∂²/∂x₁² = 2e-200 (Var2: 0, 0, 0).
    let (_, g, h) = hessian_sparse(|v: &[Var2_64]| v[0] / (v[1] * 1e200), &[1.0, 1.0]);
    check("x₀/(1e200 x₁) at (1, 1)", "∂/∂x₀", g[0], 1e-200);
    check("x₀/(1e200 x₁) at (1, 1)", "∂/∂x₁", g[1], -1e-200);
    check("x₀/(1e200 x₁) at (1, 1)", "∂²/∂x₀∂x₁", h.get(0, 1), -1e-200);
    check("x₀/(1e200 x₁) at (1, 1)", "∂²/∂x₁²", h.get(1, 1), 2e-200);
    assert!(failures.is_empty(), "{} failure(s):\n{}", failures.len(), failures.join("\n"));
}

/// BUG (the rules; see [`check_sparse_hessian`]): three rules whose
/// second derivative leaves f64's range in an intermediate product where
/// f″ itself is finite, on `Var2` and on `Dual2` (the same rules); the
/// nested forward types are right. (For `sqrt`, `Var2`'s answer is finite
/// and wrong, `Dual2`'s NaN.) Ignored until the rules are fixed;
/// the `hessian_sparse` properties compare such entries with the rules'.
#[test]
#[ignore = "BUG: rules::powf's, recip's and sqrt's f″ leave f64's range (see the comment)"]
fn rules_second_derivatives_leave_range() {
    let close = |got: f64, want: f64| (got - want).abs() <= 1e-12 * want.abs();
    let mut failures = Vec::new();
    let mut check = |case: &str, got: f64, want: f64| {
        if !close(got, want) {
            failures.push(format!("  {case}: f″ = {got:e}, expected {want:e}"));
        }
    };
    // powf: f″ = (p - 1)·f′/x with f′ = 6.5e306: (p - 1)·f′ = 1.5e309
    // overflows; p(p - 1)x^(p-2) = 7.6e307 (hessian_slice: 7.622e307).
    let (x, p) = (19.982_912_780_990_468, 235.067_700_276_254_58);
    let want = p * (p - 1.0) * x.powf(p - 2.0);
    let (_, _, h) = hessian_sparse(|v: &[Var2_64]| v[0].powf(Var2_64::constant(p)), &[x]);
    check("Var2 x.powf(p), p constant", h.get(0, 0), want);
    let (_, _, h) = hessian_sparse(|v: &[Var2_64]| v[0].powf(v[1]), &[x, p]);
    check("Var2 x.powf(y)", h.get(0, 0), want);
    check("Dual2 x.powf(p)", Dual2_64::variable(x).powf(Dual2_64::constant(p)).v2, want);
    // recip: f″ = 2/s³ underflows to 0 for s = sinh(ψ₃(x)) = 6.2e125, so
    // (1/s)″ = 2s′²/s³ - s″/s² loses its first term: -7.51e-120 for
    // 7.40e-120 (hessian_slice, hvp_slice and Jet64 agree on 7.398e-120).
    let x = -2.603_251_938_263_924;
    let s = Dual2_64::variable(x).polygamma(3).sinh();
    let want = 2.0 * (s.v1 / s.re).powi(2) / s.re - s.v2 / s.re / s.re;
    let (_, _, h) = hessian_sparse(|v: &[Var2_64]| v[0].polygamma(3).sinh().recip(), &[x]);
    check("Var2 1/sinh(ψ₃(x))", h.get(0, 0), want);
    check("Dual2 1/sinh(ψ₃(x))", s.recip().v2, want);
    // sqrt: f″ = -f′/(2s) = -2.5e-457 underflows to 0 for s = e⁷⁰⁰, and
    // f′² = e¹⁴⁰⁰ overflows; √(eˣ)″ = e^(x/2)/4 = 2.52e151. Var2 zero-wins
    // 0·∞ to 0 and gives the f′·s″ term alone, 5.04e151; Dual2 gives NaN.
    let want = 350f64.exp() / 4.0;
    let (_, _, h) = hessian_sparse(|v: &[Var2_64]| v[0].exp().sqrt(), &[700.0]);
    check("Var2 √(eˣ) at 700", h.get(0, 0), want);
    check("Dual2 √(eˣ) at 700", Dual2_64::variable(700.0).exp().sqrt().v2, want);
    assert!(failures.is_empty(), "{} failure(s):\n{}", failures.len(), failures.join("\n"));
}
