//! The machinery of the property tests: a Richardson-extrapolated finite
//! difference, the traits that let one generic function run on every number
//! type, and the comparisons.

use autodiff::prelude::*;
use num_traits::{Inv, MulAdd, Pow};
use proptest::prelude::*;
use proptest::test_runner::{FileFailurePersistence, TestCaseError};

/// Relative tolerance of AD against finite differences.
///
/// Five levels of Richardson extrapolation from a step `h` at most 1/8 of the
/// distance to the nearest singularity leave a truncation error of order
/// (h/r)¹⁰ ≲ 1e-9 and a rounding error of a few ε·max|f|/h_min ≈ 1e-13·max|f|
/// (the last is added separately as [`Fd::noise`]). So a correct rule agrees
/// to ~1e-10 or better, while a wrong rule (a sign, a factor, a missing term)
/// is off by O(1): 1e-7 leaves three orders of magnitude on both sides.
pub const FD_TOL: f64 = 1e-7;

/// Relative tolerance of algebraic identities: both sides are a handful of
/// correctly rounded operations apart, so they agree to a few hundred ulps of
/// the largest term that cancels (each identity states that scale).
pub const ID_TOL: f64 = 1e-13;

/// An absolute tolerance for numbers so small that their computation may
/// have passed through subnormals, where relative precision is lost:
/// 1e-292 = `f64::MIN_POSITIVE / f64::EPSILON`.
pub const TINY: f64 = f64::MIN_POSITIVE / f64::EPSILON;

/// How many random points each property tries (every case is a few dozen
/// evaluations: the whole suite runs in 2 s in a debug build),
/// and where failing cases are recorded: `<module>.proptest-regressions`
/// next to the module's source, committed with it.
pub fn config() -> ProptestConfig {
    ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        ..ProptestConfig::with_cases(512)
    }
}

/// A finite-difference estimate of a derivative and its rounding noise.
#[derive(Clone, Copy, Debug)]
pub struct Fd {
    /// The estimate.
    pub d: f64,
    /// An absolute allowance for rounding in the differences: 1e4·ε·max|f| /
    /// h_min, where a careful bound is ~3ε·max|f|/h_min.
    pub noise: f64,
}

/// Rounds `h` down to a power of two and `x` to a multiple of h/16, so that
/// every point x ± h/2ᵏ at which [`richardson`] evaluates is exactly
/// representable and the steps are exactly what the extrapolation assumes.
/// (Near x = 1, say, x + 1e-10 is off by up to 1e-6 relative in its
/// distance from x, which would swamp the comparison.) x moves by at most
/// h/32, well inside the margin that `h` keeps from a singularity.
pub fn snap(x: f64, h: f64) -> (f64, f64) {
    let h = 2f64.powi(h.log2().floor() as i32);
    let grid = h / 16.0;
    ((x / grid).round() * grid, h)
}

/// Richardson-extrapolated central differences of `f` at `x`, starting from
/// step `h`: D(h) = (f(x+h) - f(x-h))/2h = f' + c₂h² + c₄h⁴ + …, computed at
/// h, h/2, h/4, h/8, h/16 and extrapolated (Romberg tableau) to eliminate
/// the h², …, h⁸ terms.
pub fn richardson(f: impl Fn(f64) -> f64, x: f64, h: f64) -> Fd {
    const LEVELS: usize = 5;
    let mut prev = [0.0; LEVELS];
    let mut fmax = 0.0f64;
    let mut step = h;
    for level in 0..LEVELS {
        let (a, b) = (f(x + step), f(x - step));
        fmax = fmax.max(a.abs()).max(b.abs());
        let mut row = [0.0; LEVELS];
        row[0] = (a - b) / (2.0 * step);
        let mut four_j = 1.0;
        for j in 1..=level {
            four_j *= 4.0;
            row[j] = row[j - 1] + (row[j - 1] - prev[j - 1]) / (four_j - 1.0);
        }
        prev = row;
        if level + 1 < LEVELS {
            step /= 2.0;
        }
    }
    Fd { d: prev[LEVELS - 1], noise: 1e4 * f64::EPSILON * fmax / step }
}

/// What the test functions need of a number type: `Scalar`, `%=` with an
/// `f64`, and the num-traits operator traits (`Inv`, `Pow`, `MulAdd`).
pub trait Num:
    Scalar
    + core::ops::RemAssign<f64>
    + Inv<Output = Self>
    + Pow<i32, Output = Self>
    + Pow<f64, Output = Self>
    + Pow<Self, Output = Self>
    + MulAdd<Output = Self>
{
}

impl<T> Num for T where
    T: Scalar
        + core::ops::RemAssign<f64>
        + Inv<Output = T>
        + Pow<i32, Output = T>
        + Pow<f64, Output = T>
        + Pow<T, Output = T>
        + MulAdd<Output = T>
{
}

/// A function of one variable written once, generically, so that it runs
/// on `f64` (for finite differences) and on every number type (for AD).
pub trait Univariate: Copy + core::fmt::Debug {
    /// The function.
    fn eval<T: Num>(self, x: T) -> T
    where
        f64: F64Ops<T> + core::ops::Rem<T, Output = T>;
}

/// The by-reference operators, `&a op &b`.
pub trait RefOps<T>:
    Sized
    + core::ops::Add<Self, Output = T>
    + core::ops::Sub<Self, Output = T>
    + core::ops::Mul<Self, Output = T>
    + core::ops::Div<Self, Output = T>
    + core::ops::Rem<Self, Output = T>
{
}

impl<T, R> RefOps<T> for R where
    R: core::ops::Add<R, Output = T>
        + core::ops::Sub<R, Output = T>
        + core::ops::Mul<R, Output = T>
        + core::ops::Div<R, Output = T>
        + core::ops::Rem<R, Output = T>
{
}

/// A function of two variables, as [`Univariate`].
pub trait Bivariate: Copy + core::fmt::Debug {
    /// The function.
    fn eval<T: Num>(self, x: T, y: T) -> T
    where
        f64: F64Ops<T> + core::ops::Rem<T, Output = T>,
        for<'a> &'a T: RefOps<T>;
}

/// One number read off one number type: an estimate of the `order`-th
/// derivative (0 = the value, up to 4) of a univariate function.
#[derive(Clone, Copy, Debug)]
pub struct Part {
    /// The number type and the part read, e.g. `"HyperDual64.eps1eps2"`.
    pub name: &'static str,
    /// Which derivative it estimates.
    pub order: usize,
    /// Its value.
    pub got: f64,
}

/// The direction in which the vector types are seeded, u = (1, -2): their
/// gradient parts are then u·f' and their Hessians uuᵀ·f''. Powers of two,
/// so dividing them out is exact.
const U: [f64; 2] = [1.0, -2.0];

/// `x` seeded in a `Dual<Dual2_64>` whose `.eps.v2` is f'''(x).
pub fn third_derivative_seed(x: f64) -> Dual<Dual2_64> {
    Dual::new(Dual2_64::new(x, 1.0, 0.0), Dual2_64::new(1.0, 0.0, 0.0))
}

/// Evaluates `f` at `x` on every number type and returns every value and
/// derivative part, each normalised to an estimate of f⁽ᵏ⁾(x):
/// `Dual64`, `Dual2_64`, `HyperDual64` (seeded in both directions),
/// `Dual<Dual64>` (x + ε₁ + ε₂), `Dual<Dual2_64>` (up to f'''),
/// `Jet64<5>` (up to f''''), `DualVec64<2>` and `Dual2Vec64<2>` (seeded
/// along [`U`]).
pub fn parts<F: Univariate>(f: F, x: f64) -> Vec<Part> {
    let p = |name, order, got| Part { name, order, got };
    let mut out = Vec::with_capacity(24);

    let r = f.eval(Dual64::variable(x));
    out.extend([p("Dual64.re", 0, r.re), p("Dual64.eps", 1, r.eps)]);

    let r = f.eval(Dual2_64::variable(x));
    out.extend([p("Dual2_64.re", 0, r.re), p("Dual2_64.v1", 1, r.v1), p("Dual2_64.v2", 2, r.v2)]);

    let r = f.eval(HyperDual64::variable(x));
    out.extend([
        p("HyperDual64.re", 0, r.re),
        p("HyperDual64.eps1", 1, r.eps1),
        p("HyperDual64.eps2", 1, r.eps2),
        p("HyperDual64.eps1eps2", 2, r.eps1eps2),
    ]);

    let r = f.eval(Dual::new(Dual64::new(x, 1.0), Dual64::new(1.0, 0.0)));
    out.extend([
        p("Dual<Dual64>.re.re", 0, r.re.re),
        p("Dual<Dual64>.re.eps", 1, r.re.eps),
        p("Dual<Dual64>.eps.re", 1, r.eps.re),
        p("Dual<Dual64>.eps.eps", 2, r.eps.eps),
    ]);

    let r = f.eval(DualVec64::new(x, U));
    out.extend([
        p("DualVec64<2>.re", 0, r.re),
        p("DualVec64<2>.eps[0]", 1, r.eps[0] / U[0]),
        p("DualVec64<2>.eps[1]", 1, r.eps[1] / U[1]),
    ]);

    let r = f.eval(third_derivative_seed(x));
    out.extend([
        p("Dual<Dual2_64>.re.re", 0, r.re.re),
        p("Dual<Dual2_64>.re.v1", 1, r.re.v1),
        p("Dual<Dual2_64>.eps.re", 1, r.eps.re),
        p("Dual<Dual2_64>.re.v2", 2, r.re.v2),
        p("Dual<Dual2_64>.eps.v1", 2, r.eps.v1),
        p("Dual<Dual2_64>.eps.v2", 3, r.eps.v2),
    ]);

    let r = f.eval(Jet64::<5>::variable(x)).derivatives();
    const JET: [&str; 5] =
        ["Jet64<5> f", "Jet64<5> f'", "Jet64<5> f''", "Jet64<5> f'''", "Jet64<5> f''''"];
    out.extend((0..5).map(|k| p(JET[k], k, r[k])));

    let r = f.eval(Dual2Vec64::new(x, U, [[0.0; 2]; 2]));
    let h = r.hessian();
    out.extend([
        p("Dual2Vec64<2>.re", 0, r.re),
        p("Dual2Vec64<2>.grad[0]", 1, r.grad[0] / U[0]),
        p("Dual2Vec64<2>.grad[1]", 1, r.grad[1] / U[1]),
        p("Dual2Vec64<2>.hess[0][0]", 2, h[0][0] / (U[0] * U[0])),
        p("Dual2Vec64<2>.hess[0][1]", 2, h[0][1] / (U[0] * U[1])),
        p("Dual2Vec64<2>.hess[1][0]", 2, h[1][0] / (U[1] * U[0])),
        p("Dual2Vec64<2>.hess[1][1]", 2, h[1][1] / (U[1] * U[1])),
    ]);
    out
}

/// Collects the failed comparisons of one case, to report them all at once.
pub struct Report {
    what: String,
    failures: Vec<String>,
}

impl Report {
    /// A report about `what` (the function and the point).
    pub fn new(what: String) -> Self {
        Report { what, failures: Vec::new() }
    }

    /// A value against the same function on `f64`: equal to rounding (NaN
    /// only where `f64` gives NaN).
    pub fn value(&mut self, name: &str, got: f64, want: f64) {
        let ok = (got.is_nan() && want.is_nan())
            || got == want
            || (got - want).abs() <= ID_TOL * want.abs();
        if !ok {
            self.failures.push(format!("  {name}: value {got:e}, f64 gives {want:e}"));
        }
    }

    /// A derivative against a finite-difference estimate: relative error at
    /// most [`FD_TOL`], beyond the rounding noise of the differences.
    pub fn fd(&mut self, name: &str, got: f64, fd: Fd) {
        let err = (got - fd.d).abs();
        // Written so that NaN fails.
        let ok = err <= FD_TOL * got.abs().max(fd.d.abs()) + fd.noise + TINY;
        if !ok {
            self.failures.push(format!(
                "  {name}: AD {got:e}, finite differences {:e} (± {:e}), rel. err. {:e}",
                fd.d,
                fd.noise,
                err / fd.d.abs()
            ));
        }
    }

    /// Two numbers that must agree to [`ID_TOL`] relative to `scale` (the
    /// magnitude of the terms that cancel), or to [`TINY`] absolutely.
    pub fn identity(&mut self, name: &str, got: f64, want: f64, scale: f64) {
        let err = (got - want).abs();
        let ok = (got.is_nan() && want.is_nan()) || got == want || err <= ID_TOL * scale + TINY;
        if !ok {
            self.failures.push(format!(
                "  {name}: {got:e}, expected {want:e} (err. {err:e}, allowed {:e})",
                ID_TOL * scale
            ));
        }
    }

    /// Passes, or fails the proptest case with every failed comparison.
    pub fn finish(self) -> Result<(), TestCaseError> {
        if self.failures.is_empty() {
            Ok(())
        } else {
            Err(TestCaseError::fail(format!("{}:\n{}", self.what, self.failures.join("\n"))))
        }
    }
}

/// Checks `f` at `x` on every number type: values against `f64`, first
/// derivatives against finite differences of `f` on `f64`, each higher
/// derivative against finite differences of the AD derivative one order
/// lower (`Dual64`, `Dual2_64`, `Dual<Dual2_64>`); `h` is the first step of [`richardson`], at most 1/8 of the
/// distance from `x` to a singularity or a kink of `f`.
pub fn check_univariate<F: Univariate>(f: F, x: f64, h: f64) -> Result<(), TestCaseError> {
    let (x, h) = snap(x, h);
    let value = f.eval(x);
    let d1 = richardson(|t| f.eval(t), x, h);
    let d2 = richardson(|t| f.eval(Dual64::variable(t)).eps, x, h);
    let d3 = richardson(|t| f.eval(Dual2_64::variable(t)).v2, x, h);
    let d4 = richardson(|t| f.eval(third_derivative_seed(t)).eps.v2, x, h);
    let mut report = Report::new(format!("{f:?} at x = {x:e} (h = {h:e})"));
    for part in parts(f, x) {
        match part.order {
            0 => report.value(part.name, part.got, value),
            1 => report.fd(part.name, part.got, d1),
            2 => report.fd(part.name, part.got, d2),
            3 => report.fd(part.name, part.got, d3),
            _ => report.fd(part.name, part.got, d4),
        }
    }
    report.finish()
}

/// The direction (1, C) along which `Dual2_64` differentiates a bivariate
/// function (a power of two).
const C: f64 = 0.5;

/// Checks `f` at `(x, y)` on every number type: the partials fx, fy
/// (`Dual64` seeded in turn, `DualVec64<2>`, `HyperDual64` ε₁ on x and ε₂
/// on y, `Dual<Dual64>` inner on x and outer on y), fxy (`HyperDual64`,
/// `Dual<Dual64>`), the whole Hessian (`Dual2Vec64<2>`) and the first and
/// second derivative along (1, C) (`Dual2_64`, `Jet64<3>`), each against
/// finite differences with first steps `hx`, `hy`.
pub fn check_bivariate<F: Bivariate>(
    f: F,
    x: f64,
    y: f64,
    hx: f64,
    hy: f64,
) -> Result<(), TestCaseError> {
    let ((x, hx), (y, hy)) = (snap(x, hx), snap(y, hy));
    let value = f.eval(x, y);
    let ad_x = |x: f64, y: f64| f.eval(Dual64::variable(x), Dual64::constant(y)).eps;
    let ad_y = |x: f64, y: f64| f.eval(Dual64::constant(x), Dual64::variable(y)).eps;
    let fx = richardson(|t| f.eval(t, y), x, hx);
    let fy = richardson(|t| f.eval(x, t), y, hy);
    let fxx = richardson(|t| ad_x(t, y), x, hx);
    let fxy = richardson(|t| ad_x(x, t), y, hy);
    let fyy = richardson(|t| ad_y(x, t), y, hy);
    // Along the line (x + t, y + Ct); C is a power of two, so the points
    // stay on the grids of `snap`.
    let hg = hx.min(hy / C);
    let g1 = richardson(|t| f.eval(x + t, y + C * t), 0.0, hg);
    let g2 =
        richardson(|t| f.eval(Dual64::new(x + t, 1.0), Dual64::new(y + C * t, C)).eps, 0.0, hg);
    // AD computes g' = fx + C fy and g'' = fxx + 2C fxy + C² fyy: where the
    // terms cancel (along a level line, say) it is off by rounding in them,
    // which the finite differences of g do not see.
    let rounding = |terms: &[f64]| 1e4 * f64::EPSILON * terms.iter().map(|t| t.abs()).sum::<f64>();
    let g1 = Fd { noise: g1.noise.max(rounding(&[fx.d, C * fy.d])), ..g1 };
    let g2 = Fd { noise: g2.noise.max(rounding(&[fxx.d, 2.0 * C * fxy.d, C * C * fyy.d])), ..g2 };

    let mut r = Report::new(format!("{f:?} at (x, y) = ({x:e}, {y:e}) (h = {hx:e}, {hy:e})"));
    let v = f.eval(Dual64::variable(x), Dual64::constant(y));
    r.value("Dual64.re", v.re, value);
    r.fd("Dual64.eps (x seeded)", v.eps, fx);
    r.fd("Dual64.eps (y seeded)", f.eval(Dual64::constant(x), Dual64::variable(y)).eps, fy);

    let v = f.eval(DualVec64::<2>::variable(x, 0), DualVec64::variable(y, 1));
    r.value("DualVec64<2>.re", v.re, value);
    r.fd("DualVec64<2>.eps[0]", v.eps[0], fx);
    r.fd("DualVec64<2>.eps[1]", v.eps[1], fy);

    let v = f.eval(Dual2Vec64::<2>::variable(x, 0), Dual2Vec64::variable(y, 1));
    let h = v.hessian();
    r.value("Dual2Vec64<2>.re", v.re, value);
    r.fd("Dual2Vec64<2>.grad[0]", v.grad[0], fx);
    r.fd("Dual2Vec64<2>.grad[1]", v.grad[1], fy);
    r.fd("Dual2Vec64<2>.hess[0][0]", h[0][0], fxx);
    r.fd("Dual2Vec64<2>.hess[0][1]", h[0][1], fxy);
    r.fd("Dual2Vec64<2>.hess[1][0]", h[1][0], fxy);
    r.fd("Dual2Vec64<2>.hess[1][1]", h[1][1], fyy);

    let v = f.eval(HyperDual64::new(x, 1.0, 0.0, 0.0), HyperDual64::new(y, 0.0, 1.0, 0.0));
    r.value("HyperDual64.re", v.re, value);
    r.fd("HyperDual64.eps1", v.eps1, fx);
    r.fd("HyperDual64.eps2", v.eps2, fy);
    r.fd("HyperDual64.eps1eps2", v.eps1eps2, fxy);

    let v = f.eval(
        Dual::new(Dual64::variable(x), Dual64::constant(0.0)),
        Dual::new(Dual64::constant(y), Dual64::constant(1.0)),
    );
    r.value("Dual<Dual64>.re.re", v.re.re, value);
    r.fd("Dual<Dual64>.re.eps", v.re.eps, fx);
    r.fd("Dual<Dual64>.eps.re", v.eps.re, fy);
    r.fd("Dual<Dual64>.eps.eps", v.eps.eps, fxy);

    let v = f.eval(Dual2_64::new(x, 1.0, 0.0), Dual2_64::new(y, C, 0.0));
    r.value("Dual2_64.re", v.re, value);
    r.fd("Dual2_64.v1 (along (1, C))", v.v1, g1);
    r.fd("Dual2_64.v2 (along (1, C))", v.v2, g2);

    let v = f.eval(Jet64::<3>::new([x, 1.0, 0.0]), Jet64::new([y, C, 0.0])).derivatives();
    r.value("Jet64<3> f", v[0], value);
    r.fd("Jet64<3> f' (along (1, C))", v[1], g1);
    r.fd("Jet64<3> f'' (along (1, C))", v[2], g2);
    r.finish()
}

// --- strategies ----------------------------------------------------------------

/// Log-uniform in [lo, hi] (0 < lo < hi): every scale equally often.
pub fn log_uniform(lo: f64, hi: f64) -> impl Strategy<Value = f64> {
    (lo.ln()..=hi.ln()).prop_map(f64::exp)
}

/// `s` or its negative, with equal probability.
pub fn signed(s: impl Strategy<Value = f64>) -> impl Strategy<Value = f64> {
    (s, any::<bool>()).prop_map(|(m, negative)| if negative { -m } else { m })
}

/// A point `k + frac` with `k` in `ks` and `frac` at least `margin` away
/// from 0, 1/2 and 1 (the jumps of floor, ceil, trunc, round and fract),
/// with its distance to the nearest of them.
pub fn away_from_halves(
    ks: core::ops::Range<i32>,
    margin: f64,
) -> impl Strategy<Value = (f64, f64)> {
    (ks, margin..0.5 - margin, any::<bool>()).prop_map(move |(k, frac, upper)| {
        let frac = if upper { frac + 0.5 } else { frac };
        let dist = [frac, (frac - 0.5).abs(), 1.0 - frac].into_iter().fold(f64::INFINITY, f64::min);
        (f64::from(k) + frac, dist)
    })
}
