//! The "Conventions at the edges" table of the crate docs
//! (autodiff-core/src/lib.rs), row by row, plus the awkward points every AD
//! tool gets asked about: one table, one test.
//!
//! Each row is a function of one variable `x` at one point, seeded
//! (`variable`: derivative parts 1) or unseeded (`constant`: 0), with the
//! expected value f, first derivative f' and second derivative f''. The
//! row runs on `Dual64` (f, f'), `Dual2_64` (f, f', f''), `HyperDual64`
//! seeded in both directions (f, f' twice, f''), and in reverse mode on
//! `Var64` through `gradient_reverse` (f, f'), `Var<Dual64>` (forward
//! over reverse) through `hvp_slice` along 1 (f, f' as the gradient, f''
//! as Hv) and `Var2_64` (second-order reverse) through `hessian_sparse`
//! (f, f' as the gradient, f'' as the Hessian's one entry). In reverse
//! mode a seeded row differentiates with respect to x itself (x is the
//! driver's input variable); an unseeded row uses `Var::constant(x)`
//! (`Var2_64::constant(x)`) inside the closure and differentiates with
//! respect to an unused input, so f' and f'' must come out exactly 0.
//! `Var2_64` carries an operation of one variable along without recording
//! it, so a seeded row runs on it a second time with x recorded on the
//! tape: x = x₀ - x₁ at (x, 0) (a node of two variables, exact, -0.0
//! kept), where ∂/∂x₀ = f', ∂/∂x₁ = -f', ∂²/∂x₀² = ∂²/∂x₁² = f'' and
//! ∂²/∂x₀∂x₁ = -f'', so that the row's infinite and NaN derivatives pass
//! through the tape's sweeps. Comparisons
//! are exact, NaN equal to NaN and infinities compared with their sign
//! (zeros are compared without theirs: `-0.0 == 0.0`).
//!
//! The expected values are the docs' where the docs give them, and else the
//! one-sided limit or the convention stated in the row.

use core::f64::consts::{FRAC_PI_2, PI};

use autodiff::prelude::*;

const INF: f64 = f64::INFINITY;
const NAN: f64 = f64::NAN;

/// The number type of `hvp_slice` (forward over reverse).
type Hvp = Var<Dual64>;

/// One row of the table.
struct Row {
    /// The case, in the docs' words where the docs have it.
    case: &'static str,
    /// The point.
    x: f64,
    /// Whether `x` is seeded (derivative parts 1) or a constant.
    seeded: bool,
    dual: fn(Dual64) -> Dual64,
    dual2: fn(Dual2_64) -> Dual2_64,
    hyper: fn(HyperDual64) -> HyperDual64,
    var: fn(Var64) -> Var64,
    var_dual: fn(Hvp) -> Hvp,
    var2: fn(Var2_64) -> Var2_64,
    /// f, f', f''.
    expect: [f64; 3],
    /// For the norm row: the same function of three inputs, run through
    /// `gradient` at the origin, where it must give value `expect[0]` and
    /// every partial `expect[1]`.
    vector: Option<fn([DualVec64<3>; 3]) -> DualVec64<3>>,
    /// The same for `gradient_reverse` (three `Var64` inputs) and for the
    /// gradient that `hvp_slice` returns (three `Var<Dual64>` inputs).
    vector_reverse: Option<fn(&[Var64]) -> Var64>,
    vector_hvp: Option<fn(&[Hvp]) -> Hvp>,
    /// The same for `hessian_sparse` (three `Var2_64` inputs), whose
    /// Hessian must also have `expect[2]` on its diagonal and 0 off it
    /// (what the forward `hessian` over `Dual2Vec64<3>` gives).
    vector_var2: Option<fn(&[Var2_64]) -> Var2_64>,
}

/// `row!("case", |x| body, at x0, seeded => [f, f', f''])`: the body is
/// pasted into one function per number type. `seeded` is `var` or `cst`.
macro_rules! row {
    ($case:expr, |$x:ident| $body:expr, at $at:expr, $seed:ident => [$f:expr, $d1:expr, $d2:expr]) => {
        Row {
            case: $case,
            x: $at,
            seeded: row!(@$seed),
            dual: |$x| $body,
            dual2: |$x| $body,
            hyper: |$x| $body,
            var: |$x| $body,
            var_dual: |$x| $body,
            var2: |$x| $body,
            expect: [$f, $d1, $d2],
            vector: None,
            vector_reverse: None,
            vector_hvp: None,
            vector_var2: None,
        }
    };
    (@var) => { true };
    (@cst) => { false };
}

/// A constant of the number type in use (inferred), for the second
/// argument of a function of two numbers.
fn c<T: Real>(v: f64) -> T {
    T::cst(v)
}

/// `a / b` with both of the same number type (not `a / 2.0`).
fn quot<T: Real>(a: T, b: T) -> T {
    a / b
}

/// `a * b` with both of the same number type.
fn prod<T: Real>(a: T, b: T) -> T {
    a * b
}

fn rows() -> Vec<Row> {
    let mut rows = vec![
        // --- `==`, `<`, `max`, `min`, `clamp`: compare the real part only ---------
        // At x = 3: x = 3 + ε and 7x - 19 = 2 + 7ε. By real part x is the
        // larger; by derivative part it would be the smaller.
        row!("max compares the real part only: x.max(7x - 19) at 3", |x| x.max(x * 7.0 - 19.0), at 3.0, var => [3.0, 1.0, 0.0]),
        row!("min compares the real part only: x.min(7x - 19) at 3", |x| x.min(x * 7.0 - 19.0), at 3.0, var => [2.0, 7.0, 0.0]),
        row!("< compares the real part only: (x < 7x - 19 ? -x : x) at 3", |x| if x < x * 7.0 - 19.0 { -x } else { x }, at 3.0, var => [3.0, 1.0, 0.0]),
        row!("== compares the real part only: (x == 0·x + 3 ? x : -x) at 3", |x| if x == x * 0.0 + 3.0 { x } else { -x }, at 3.0, var => [3.0, 1.0, 0.0]),
        row!("clamp compares the real part only: x.clamp(0, 4) at 5", |x| x.clamp(c(0.0), c(4.0)), at 5.0, var => [4.0, 0.0, 0.0]),
        row!("clamp compares the real part only: x.clamp(0, 4) at 2", |x| x.clamp(c(0.0), c(4.0)), at 2.0, var => [2.0, 1.0, 0.0]),
        // --- ties -----------------------------------------------------------------
        row!("a.max(b) at a tie is b: x.max(2x - 1) at 1", |x| x.max(x * 2.0 - 1.0), at 1.0, var => [1.0, 2.0, 0.0]),
        row!("a.min(b) at a tie is b: x.min(2x - 1) at 1", |x| x.min(x * 2.0 - 1.0), at 1.0, var => [1.0, 2.0, 0.0]),
        row!("a.max(b) at a tie is b: (2x - 1).max(x) at 1", |x| (x * 2.0 - 1.0).max(x), at 1.0, var => [1.0, 1.0, 0.0]),
        row!("a.min(b) at a tie is b: (2x - 1).min(x) at 1", |x| (x * 2.0 - 1.0).min(x), at 1.0, var => [1.0, 1.0, 0.0]),
        row!("relu(0) = 0.max(0)", |x| x.relu(), at 0.0, var => [0.0, 0.0, 0.0]),
        row!("x.max(0) at 0", |x| x.max(c(0.0)), at 0.0, var => [0.0, 0.0, 0.0]),
        // --- abs ------------------------------------------------------------------
        row!("abs at +0.0", |x| x.abs(), at 0.0, var => [0.0, 1.0, 0.0]),
        row!("abs at -0.0", |x| x.abs(), at -0.0, var => [0.0, -1.0, 0.0]),
        // --- derivative parts 0 stay 0 ----------------------------------------------
        row!("unseeded sqrt(0)", |x| x.sqrt(), at 0.0, cst => [0.0, 0.0, 0.0]),
        row!("unseeded cbrt(0)", |x| x.cbrt(), at 0.0, cst => [0.0, 0.0, 0.0]),
        row!("unseeded asin(1)", |x| x.asin(), at 1.0, cst => [FRAC_PI_2, 0.0, 0.0]),
        row!("unseeded asin(-1)", |x| x.asin(), at -1.0, cst => [-FRAC_PI_2, 0.0, 0.0]),
        row!("unseeded acos(1)", |x| x.acos(), at 1.0, cst => [0.0, 0.0, 0.0]),
        row!("unseeded acos(-1)", |x| x.acos(), at -1.0, cst => [PI, 0.0, 0.0]),
        row!("unseeded acosh(1)", |x| x.acosh(), at 1.0, cst => [0.0, 0.0, 0.0]),
        row!("unseeded atanh(1)", |x| x.atanh(), at 1.0, cst => [INF, 0.0, 0.0]),
        row!("unseeded atanh(-1)", |x| x.atanh(), at -1.0, cst => [-INF, 0.0, 0.0]),
        row!("unseeded ln(0)", |x| x.ln(), at 0.0, cst => [-INF, 0.0, 0.0]),
        row!("unseeded powf(0, 0.5)", |x| x.powf(c(0.5)), at 0.0, cst => [0.0, 0.0, 0.0]),
        row!("unseeded recip(0)", |x| x.recip(), at 0.0, cst => [INF, 0.0, 0.0]),
        // The quotient rule (a/b)' = (a' - (a/b)b')/b meets ∞·0 in (a/b)b'.
        row!("unseeded 1/x at 0 (a constant over a constant 0)", |x| quot(c(1.0), x), at 0.0, cst => [INF, 0.0, 0.0]),
        // The product rule a'b + ab' meets 0·∞ in a'b.
        row!("unseeded 2·x at x = ∞ (a constant times a constant ∞)", |x| prod(c(2.0), x), at INF, cst => [INF, 0.0, 0.0]),
        row!("unseeded sqrt(-1) (f' NaN)", |x| x.sqrt(), at -1.0, cst => [NAN, 0.0, 0.0]),
        row!("unseeded ln(-1) (f' NaN)", |x| x.ln(), at -1.0, cst => [NAN, 0.0, 0.0]),
        // --- seeded 0 under a root: the one-sided limit ---------------------------
        row!("sqrt at a seeded 0", |x| x.sqrt(), at 0.0, var => [0.0, INF, -INF]),
        row!("cbrt at a seeded 0", |x| x.cbrt(), at 0.0, var => [0.0, INF, -INF]),
        row!("cbrt at a seeded -0.0 (f'' from the left)", |x| x.cbrt(), at -0.0, var => [0.0, INF, INF]),
        row!("sqrt at a seeded -0.0", |x| x.sqrt(), at -0.0, var => [0.0, INF, -INF]),
        // √(-t) for t ≤ 0 falls to 0 with slope -∞ at t = 0; -t is -0.0 there.
        row!("sqrt(-t) at a seeded t = 0", |t| (-t).sqrt(), at 0.0, var => [0.0, -INF, -INF]),
        // --- powers at 0 ------------------------------------------------------------
        row!("powf(0, 2.5)", |x| x.powf(c(2.5)), at 0.0, var => [0.0, 0.0, 0.0]),
        row!("powf(0, 2)", |x| x.powf(c(2.0)), at 0.0, var => [0.0, 0.0, 2.0]),
        row!("powf(0, 1)", |x| x.powf(c(1.0)), at 0.0, var => [0.0, 1.0, 0.0]),
        row!("powf(0, 0.5)", |x| x.powf(c(0.5)), at 0.0, var => [0.0, INF, -INF]),
        row!("powf(0, 0) = x.powf(0) at 0", |x| x.powf(c(0.0)), at 0.0, var => [1.0, 0.0, 0.0]),
        row!("x.powf(0) at -3", |x| x.powf(c(0.0)), at -3.0, var => [1.0, 0.0, 0.0]),
        row!("x.powi(0) at 0", |x| x.powi(0), at 0.0, var => [1.0, 0.0, 0.0]),
        row!("powi(0, -1)", |x| x.powi(-1), at 0.0, var => [INF, -INF, INF]),
        row!("dual exponent at x = 0, y = 2: ∂/∂y of 0^y", |y| Float::powf(c(0.0), y), at 2.0, var => [0.0, 0.0, 0.0]),
        row!("dual exponent at x = 0, y = 0.5: ∂/∂y of 0^y", |y| Float::powf(c(0.0), y), at 0.5, var => [0.0, 0.0, 0.0]),
        row!("dual exponent at x = 0, y = 1: ∂/∂y of 0^y", |y| Float::powf(c(0.0), y), at 1.0, var => [0.0, 0.0, 0.0]),
        // t^(t+2) = t²·tᵗ = t² + t³ ln t + …: f'(0) = 0, f''(0) = 2
        row!("dual exponent at x = 0: t.powf(t + 2) at 0", |t| t.powf(t + 2.0), at 0.0, var => [0.0, 0.0, 2.0]),
        // 0^y jumps from 1 (y = 0) to 0 (y > 0): the slope from the right is -∞.
        row!("dual exponent at x = 0, y = 0: ∂/∂y of 0^y", |y| Float::powf(c(0.0), y), at 0.0, var => [1.0, -INF, INF]),
        // --- piecewise constant -------------------------------------------------------
        row!("floor at a jump (2)", |x| x.floor(), at 2.0, var => [2.0, 0.0, 0.0]),
        row!("ceil at a jump (2)", |x| x.ceil(), at 2.0, var => [2.0, 0.0, 0.0]),
        row!("round at a jump (2.5)", |x| x.round(), at 2.5, var => [3.0, 0.0, 0.0]),
        row!("trunc at -2.5", |x| x.trunc(), at -2.5, var => [-2.0, 0.0, 0.0]),
        row!("signum at +0.0", |x| x.signum(), at 0.0, var => [1.0, 0.0, 0.0]),
        row!("signum at -0.0", |x| x.signum(), at -0.0, var => [-1.0, 0.0, 0.0]),
        row!("fract at a jump (2)", |x| x.fract(), at 2.0, var => [0.0, 1.0, 0.0]),
        row!("fract at -2.25", |x| x.fract(), at -2.25, var => [-0.25, 1.0, 0.0]),
        // --- a % b ----------------------------------------------------------------------
        row!("a % b: ∂/∂a = 1 (7.5 % 2)", |a| a % 2.0, at 7.5, var => [1.5, 1.0, 0.0]),
        row!("a % b: ∂/∂b = -trunc(a/b) (7.5 % 2)", |b| 7.5 % b, at 2.0, var => [1.5, -3.0, 0.0]),
        row!("a % b truncates: -7.5 % 2", |a| a % 2.0, at -7.5, var => [-1.5, 1.0, 0.0]),
        // --- atan2 and hypot at the origin: 0 at all orders ---------------------------
        row!("atan2(0, 0): ∂/∂y", |y| y.atan2(c(0.0)), at 0.0, var => [0.0, 0.0, 0.0]),
        row!("atan2(0, 0): ∂/∂x", |x| Float::atan2(c(0.0), x), at 0.0, var => [0.0, 0.0, 0.0]),
        row!("atan2(0, 0): along (1, 1)", |t| t.atan2(t), at 0.0, var => [0.0, 0.0, 0.0]),
        row!("atan2(-0, -0) = -π: along (1, 1)", |t| t.atan2(t), at -0.0, var => [-PI, 0.0, 0.0]),
        row!("hypot(0, 0): ∂/∂x", |x| x.hypot(c(0.0)), at 0.0, var => [0.0, 0.0, 0.0]),
        row!("hypot(0, 0): ∂/∂y", |y| Float::hypot(c(0.0), y), at 0.0, var => [0.0, 0.0, 0.0]),
        row!("hypot(0, 0): along (1, 1)", |t| t.hypot(t), at 0.0, var => [0.0, 0.0, 0.0]),
        // --- outside the domain -----------------------------------------------------------
        row!("ln(-1)", |x| x.ln(), at -1.0, var => [NAN, NAN, NAN]),
        row!("ln(-1e-300)", |x| x.ln(), at -1e-300, var => [NAN, NAN, NAN]),
        row!("ln(-∞)", |x| x.ln(), at -INF, var => [NAN, NAN, NAN]),
        row!("asin(2)", |x| x.asin(), at 2.0, var => [NAN, NAN, NAN]),
        row!("acos(2)", |x| x.acos(), at 2.0, var => [NAN, NAN, NAN]),
        row!("atanh(2)", |x| x.atanh(), at 2.0, var => [NAN, NAN, NAN]),
        row!("acosh(0.5)", |x| x.acosh(), at 0.5, var => [NAN, NAN, NAN]),
        row!("sqrt(-1)", |x| x.sqrt(), at -1.0, var => [NAN, NAN, NAN]),
        row!("x % 0", |x| x % 0.0, at 1.0, var => [NAN, NAN, NAN]),
        row!("1 % x at 0", |x| 1.0 % x, at 0.0, var => [NAN, NAN, NAN]),
        // --- at the boundary of the domain: the one-sided limits ----------------------
        row!("ln(0)", |x| x.ln(), at 0.0, var => [-INF, INF, -INF]),
        row!("log2(0)", |x| x.log2(), at 0.0, var => [-INF, INF, -INF]),
        row!("log10(0)", |x| x.log10(), at 0.0, var => [-INF, INF, -INF]),
        // A constant base takes the one-variable rule; ln x / 2 divides every
        // part by the finite constant: no 0·∞ cross term in f''.
        row!("x.log(2) at 0", |x| x.log(c(2.0)), at 0.0, var => [-INF, INF, -INF]),
        row!("ln(x) / 2 at 0, 2 a number (not an f64)", |x| quot(x.ln(), c(2.0)), at 0.0, var => [-INF, INF, -INF]),
        row!("ln(-0.0)", |x| x.ln(), at -0.0, var => [-INF, INF, -INF]),
        row!("asin(1)", |x| x.asin(), at 1.0, var => [FRAC_PI_2, INF, INF]),
        row!("asin(-1)", |x| x.asin(), at -1.0, var => [-FRAC_PI_2, INF, -INF]),
        row!("acos(1)", |x| x.acos(), at 1.0, var => [0.0, -INF, -INF]),
        row!("acos(-1)", |x| x.acos(), at -1.0, var => [PI, -INF, INF]),
        row!("atanh(1)", |x| x.atanh(), at 1.0, var => [INF, INF, INF]),
        row!("atanh(-1)", |x| x.atanh(), at -1.0, var => [-INF, INF, -INF]),
        row!("acosh(1)", |x| x.acosh(), at 1.0, var => [0.0, INF, -INF]),
        // --- clamp with min > max -----------------------------------------------------------
        row!("clamp with min > max: x.clamp(3, 1) at 0 (below min)", |x| x.clamp(c(3.0), c(1.0)), at 0.0, var => [3.0, 0.0, 0.0]),
        row!("clamp with min > max: x.clamp(3, 1) at 2 (below min)", |x| x.clamp(c(3.0), c(1.0)), at 2.0, var => [3.0, 0.0, 0.0]),
        row!("clamp with min > max: x.clamp(3, 1) at 5 (above max)", |x| x.clamp(c(3.0), c(1.0)), at 5.0, var => [1.0, 0.0, 0.0]),
        row!("clamp selects an argument: x.clamp(3x, x/2) at 1 (below min)", |x| x.clamp(x * 3.0, x * 0.5), at 1.0, var => [3.0, 3.0, 0.0]),
    ];
    // --- the norm of a zero vector, written as sqrt(x·x) -------------------------------
    // |x| has no derivative at 0; 0 is its minimum-norm subgradient, and
    // the second derivative (2δ) is +∞.
    let mut norm = row!("norm of a zero vector, sqrt(x·x)", |x| (x * x).sqrt(), at 0.0, var => [0.0, 0.0, INF]);
    norm.vector = Some(|v| (v[0] * v[0] + v[1] * v[1] + v[2] * v[2]).sqrt());
    norm.vector_reverse = Some(|v| (v[0] * v[0] + v[1] * v[1] + v[2] * v[2]).sqrt());
    norm.vector_hvp = Some(|v| (v[0] * v[0] + v[1] * v[1] + v[2] * v[2]).sqrt());
    norm.vector_var2 = Some(|v| (v[0] * v[0] + v[1] * v[1] + v[2] * v[2]).sqrt());
    rows.push(norm);
    rows
}

/// Equal, NaN equal to NaN; ±∞ compared with their sign, ±0 without.
fn same(a: f64, b: f64) -> bool {
    (a.is_nan() && b.is_nan()) || a == b
}

#[test]
fn conventions_at_the_edges() {
    let mut failures = Vec::new();
    for row in rows() {
        let [f, d1, d2] = row.expect;
        let x = row.x;
        let s = if row.seeded { 1.0 } else { 0.0 };
        let mut check = |ty: &str, part: &str, got: f64, want: f64| {
            if !same(got, want) {
                failures.push(format!("{}: {ty} {part} = {got:e}, expected {want:e}", row.case));
            }
        };
        let r = (row.dual)(Dual64::new(x, s));
        check("Dual64", "f", r.re, f);
        check("Dual64", "f'", r.eps, d1);
        let r = (row.dual2)(Dual2_64::new(x, s, 0.0));
        check("Dual2_64", "f", r.re, f);
        check("Dual2_64", "f'", r.v1, d1);
        check("Dual2_64", "f''", r.v2, d2);
        let r = (row.hyper)(HyperDual64::new(x, s, s, 0.0));
        check("HyperDual64", "f", r.re, f);
        check("HyperDual64", "f' (ε₁)", r.eps1, d1);
        check("HyperDual64", "f' (ε₂)", r.eps2, d1);
        check("HyperDual64", "f''", r.eps1eps2, d2);
        // Reverse mode: a seeded row's x is the input variable; an unseeded
        // row's x is a constant, and the input (at x, unused) gets 0.
        let (var, var_dual) = (row.var, row.var_dual);
        let (value, grad) = if row.seeded {
            gradient_reverse(|v| var(v[0]), &[x])
        } else {
            gradient_reverse(|_| var(Var64::constant(x)), &[x])
        };
        check("Var64", "f", value, f);
        check("Var64", "f'", grad[0], d1);
        let (value, grad, hv) = if row.seeded {
            hvp_slice(|v| var_dual(v[0]), &[x], &[1.0])
        } else {
            let cst = Var::constant(Dual64::constant(x));
            hvp_slice(|_| var_dual(cst), &[x], &[1.0])
        };
        check("Var<Dual64>", "f", value, f);
        check("Var<Dual64>", "f' (gradient)", grad[0], d1);
        check("Var<Dual64>", "f'' (Hv)", hv[0], d2);
        let var2 = row.var2;
        let (value, grad, h) = if row.seeded {
            hessian_sparse(|v| var2(v[0]), &[x])
        } else {
            hessian_sparse(|_| var2(Var2_64::constant(x)), &[x])
        };
        check("Var2_64", "f", value, f);
        check("Var2_64", "f' (gradient)", grad[0], d1);
        check("Var2_64", "f'' (Hessian)", h.get(0, 0), d2);
        if row.seeded {
            let (value, grad, h) = hessian_sparse(|v| var2(v[0] - v[1]), &[x, 0.0]);
            check("Var2_64 (x₀ - x₁)", "f", value, f);
            check("Var2_64 (x₀ - x₁)", "f' (gradient)", grad[0], d1);
            check("Var2_64 (x₀ - x₁)", "∂f/∂x₁", grad[1], -d1);
            check("Var2_64 (x₀ - x₁)", "f'' (Hessian)", h.get(0, 0), d2);
            check("Var2_64 (x₀ - x₁)", "∂²f/∂x₀∂x₁", h.get(0, 1), -d2);
            check("Var2_64 (x₀ - x₁)", "∂²f/∂x₁∂x₀", h.get(1, 0), -d2);
            check("Var2_64 (x₀ - x₁)", "∂²f/∂x₁²", h.get(1, 1), d2);
        }
        if let Some(v) = row.vector {
            let (value, grad) = gradient(v, [x; 3]);
            check("gradient", "f", value, f);
            for (i, g) in grad.into_iter().enumerate() {
                check("gradient", &format!("∂f/∂x{i}"), g, d1);
            }
        }
        if let Some(v) = row.vector_reverse {
            let (value, grad) = gradient_reverse(v, &[x; 3]);
            check("gradient_reverse", "f", value, f);
            for (i, g) in grad.into_iter().enumerate() {
                check("gradient_reverse", &format!("∂f/∂x{i}"), g, d1);
            }
        }
        if let Some(v) = row.vector_hvp {
            let (value, grad, _) = hvp_slice(v, &[x; 3], &[1.0; 3]);
            check("hvp_slice", "f", value, f);
            for (i, g) in grad.into_iter().enumerate() {
                check("hvp_slice", &format!("∂f/∂x{i}"), g, d1);
            }
        }
        if let Some(v) = row.vector_var2 {
            let (value, grad, h) = hessian_sparse(v, &[x; 3]);
            check("hessian_sparse", "f", value, f);
            for (i, g) in grad.into_iter().enumerate() {
                check("hessian_sparse", &format!("∂f/∂x{i}"), g, d1);
            }
            for i in 0..3 {
                for j in 0..3 {
                    let want = if i == j { d2 } else { 0.0 };
                    check("hessian_sparse", &format!("∂²f/∂x{i}∂x{j}"), h.get(i, j), want);
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} disagreement(s):\n{}", failures.len(), failures.join("\n"));
}
