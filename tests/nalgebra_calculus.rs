#![cfg(feature = "nalgebra")]
//! Derivatives through nalgebra's linear algebra against matrix-calculus
//! closed forms.
//!
//! Each matrix function is differentiated along a line A(t) = A + tB at
//! t = 0: entry (i, j) is seeded with value aᵢⱼ and derivative bᵢⱼ (second
//! derivative 0). The wanted values are the textbook formulas (The Matrix
//! Cookbook; first-order perturbation theory for eigen- and singular values)
//! evaluated with plain `f64` matrices, never with a dual number.
//!
//! Tolerances are relative: to |want| for a scalar, to the largest entry of
//! the wanted value for a matrix or vector.

use autodiff::{Dual, Dual2_64, Dual32, Dual64, DualVec64, Float, Jet64, Real};
use nalgebra::{DMatrix, DVector, Matrix3};

/// Relative tolerance of the direct methods (det, inverse, LU, QR, Cholesky).
const TOL: f64 = 1e-12;
/// Relative tolerance of the iterative decompositions (eigen, SVD).
const TOL_ITER: f64 = 1e-10;
/// Relative tolerance in f32 (ε = 1.2e-7, well-conditioned 4×4 matrices).
const TOL_F32: f64 = 1e-5;

/// The sizes the direct methods are run at: nalgebra has closed forms for
/// the 3×3 determinant and inverse, a cofactor inverse and an LU determinant
/// at 4×4, and the general algorithms (LU determinant, Gauss–Jordan inverse)
/// at 5×5.
const SIZES: [usize; 3] = [3, 4, 5];

// --- checks ------------------------------------------------------------------

/// |got − want| ≤ tol·|want|.
#[track_caller]
fn close(got: f64, want: f64, tol: f64, what: &str) {
    let err = (got - want).abs();
    assert!(
        err <= tol * want.abs(),
        "{what}: got {got:e}, want {want:e}, |diff| = {err:e} > {tol:e}·|want|"
    );
}

/// Entrywise |got − want| ≤ tol·max|want|.
#[track_caller]
fn close_all(got: &[f64], want: &[f64], tol: f64, what: &str) {
    assert_eq!(got.len(), want.len(), "{what}: lengths");
    let scale = want.iter().fold(0.0f64, |m, w| m.max(w.abs()));
    for (k, (g, w)) in got.iter().zip(want).enumerate() {
        let err = (g - w).abs();
        assert!(
            err <= tol * scale,
            "{what}[{k}]: got {g:e}, want {w:e}, |diff| = {err:e} > {tol:e}·{scale:e}\n\
             got  {got:?}\nwant {want:?}"
        );
    }
}

/// One part of every entry of a dual matrix or vector, in storage order
/// (the order of `as_slice`).
fn parts<'a, D: Copy + 'a>(
    m: impl IntoIterator<Item = &'a D>,
    part: impl Fn(D) -> f64,
) -> Vec<f64> {
    m.into_iter().map(|&d| part(d)).collect()
}

/// The index of the one entry of `want` that `got` is (to 1e-8), so that
/// unordered eigen- and singular values are compared with the right one.
#[track_caller]
fn matching(got: f64, want: &[f64]) -> usize {
    let hits: Vec<usize> =
        (0..want.len()).filter(|&j| (got - want[j]).abs() <= 1e-8 * want[j].abs()).collect();
    assert_eq!(hits.len(), 1, "{got} should match exactly one of {want:?}");
    hits[0]
}

// --- matrices ----------------------------------------------------------------

/// A non-symmetric, strictly diagonally dominant n×n matrix (n ≤ 6), so
/// invertible and well conditioned. Its entries are multiples of 1/4, exact
/// in f32.
fn well_conditioned(n: usize) -> DMatrix<f64> {
    DMatrix::from_fn(n, n, |i, j| {
        if i == j {
            4.0 + 0.5 * i as f64
        } else {
            ((3 * i + 5 * j + 1) % 7) as f64 * 0.25 - 0.75
        }
    })
}

/// A non-symmetric direction; `seed` picks one of several. Entries are
/// multiples of 1/4 in [-1, 1].
fn direction(n: usize, seed: usize) -> DMatrix<f64> {
    DMatrix::from_fn(n, n, |i, j| ((7 * seed + 2 * i + 3 * j + i * j) % 9) as f64 * 0.25 - 1.0)
}

/// The symmetric part (M + Mᵀ)/2.
fn sym(m: &DMatrix<f64>) -> DMatrix<f64> {
    (m + m.transpose()) * 0.5
}

/// A symmetric positive definite n×n matrix: the symmetric part of
/// [`well_conditioned`], diagonally dominant with a positive diagonal.
fn spd(n: usize) -> DMatrix<f64> {
    sym(&well_conditioned(n))
}

/// The Householder reflection I − 2uuᵀ/uᵀu, orthogonal.
fn householder(u: &[f64]) -> DMatrix<f64> {
    let u = DVector::from_column_slice(u);
    DMatrix::identity(u.len(), u.len()) - &u * u.transpose() * (2.0 / u.norm_squared())
}

/// The right-hand side of the linear systems.
fn rhs(n: usize) -> DVector<f64> {
    DVector::from_fn(n, |i, _| 1.0 - 0.5 * i as f64 + 0.25 * (i * i) as f64)
}

fn inv(a: &DMatrix<f64>) -> DMatrix<f64> {
    a.clone().try_inverse().expect("the test matrices are invertible")
}

fn tr(m: &DMatrix<f64>) -> f64 {
    m.trace()
}

// --- seeding -----------------------------------------------------------------

/// A + εB.
fn dual(a: &DMatrix<f64>, b: &DMatrix<f64>) -> DMatrix<Dual64> {
    a.zip_map(b, Dual64::new)
}

/// A + tB with value, first derivative B and second derivative 0.
fn dual2(a: &DMatrix<f64>, b: &DMatrix<f64>) -> DMatrix<Dual2_64> {
    a.zip_map(b, |x, y| Dual2_64::new(x, y, 0.0))
}

/// A + εB in f32 (the test matrices are exact in f32).
fn dual32(a: &DMatrix<f64>, b: &DMatrix<f64>) -> DMatrix<Dual32> {
    a.zip_map(b, |x, y| Dual32::new(x as f32, y as f32))
}

// --- sanity of the carriers ----------------------------------------------------

/// `Dual2_64::v2` holds f'' itself (not f''/2): (x²)'' = 2.
#[test]
fn dual2_v2_is_the_second_derivative() {
    let x = Dual2_64::new(3.0, 1.0, 0.0);
    let y = x * x;
    assert_eq!((y.re, y.v1, y.v2), (9.0, 6.0, 2.0));
}

// --- determinant ---------------------------------------------------------------

/// d det(A + tB) = det(A) tr(A⁻¹B), with `Dual64`, at 3×3, 4×4 and 5×5.
#[test]
fn determinant_first_derivative() {
    for n in SIZES {
        let (a, b) = (well_conditioned(n), direction(n, 1));
        let d = dual(&a, &b).determinant();
        let det = a.determinant();
        close(d.re, det, TOL, &format!("det, n = {n}"));
        close(d.eps, det * tr(&(inv(&a) * &b)), TOL, &format!("d det, n = {n}"));
    }
}

/// d² det(A + tB) = det(A) [(tr A⁻¹B)² − tr(A⁻¹BA⁻¹B)], with `Dual2_64`.
#[test]
fn determinant_second_derivative() {
    for n in SIZES {
        let (a, b) = (well_conditioned(n), direction(n, 1));
        let d = dual2(&a, &b).determinant();
        let det = a.determinant();
        let m = inv(&a) * &b;
        close(d.v1, det * tr(&m), TOL, &format!("d det, n = {n}"));
        let want = det * (tr(&m).powi(2) - tr(&(&m * &m)));
        close(d.v2, want, TOL, &format!("d² det, n = {n}"));
    }
}

/// d² det(A + tB) = det(A) [(tr A⁻¹B)² − tr(A⁻¹BA⁻¹B)] with the nested
/// `Dual<Dual64>` seeded (A + ε₁B) + (B + 0ε₁)ε₂: the ε₁ε₂ part is d² det,
/// and both ε₁ and ε₂ parts are d det.
#[test]
fn determinant_second_derivative_nested() {
    for n in SIZES {
        let (a, b) = (well_conditioned(n), direction(n, 2));
        let ad = a.zip_map(&b, |x, y| Dual { re: Dual64::new(x, y), eps: Dual64::new(y, 0.0) });
        let d = ad.determinant();
        let det = a.determinant();
        let m = inv(&a) * &b;
        close(d.re.re, det, TOL, &format!("det, n = {n}"));
        close(d.re.eps, det * tr(&m), TOL, &format!("d det (ε₁), n = {n}"));
        close(d.eps.re, det * tr(&m), TOL, &format!("d det (ε₂), n = {n}"));
        let want = det * (tr(&m).powi(2) - tr(&(&m * &m)));
        close(d.eps.eps, want, TOL, &format!("d² det, n = {n}"));
    }
}

/// det(A + tB) = det(A) Σₖ eₖ(A⁻¹B) tᵏ, a polynomial of degree n whose
/// coefficients are the elementary symmetric polynomials of the eigenvalues
/// of M = A⁻¹B (Newton's identities from pₖ = tr Mᵏ), with `Jet64<5>`
/// (orders 0..=4): at 3×3 the t⁴ coefficient is exactly 0, at 4×4 it is
/// det(A) e₄ = det B.
#[test]
fn determinant_taylor_coefficients() {
    for n in [3, 4] {
        let (a, b) = (well_conditioned(n), direction(n, 2));
        let ad = a.zip_map(&b, |x, y| Jet64::<5>::new([x, y, 0.0, 0.0, 0.0]));
        let c = ad.determinant().c;
        let m = inv(&a) * &b;
        let p: Vec<f64> = (1..=4).map(|k| tr(&m.pow(k as u32))).collect();
        let e1 = p[0];
        let e2 = (e1 * p[0] - p[1]) / 2.0;
        let e3 = (e2 * p[0] - e1 * p[1] + p[2]) / 3.0;
        let e4 = (e3 * p[0] - e2 * p[1] + e1 * p[2] - p[3]) / 4.0;
        let det = a.determinant();
        for (k, ek) in [1.0, e1, e2, e3].into_iter().enumerate() {
            close(c[k], det * ek, TOL, &format!("t^{k} coefficient, n = {n}"));
        }
        if n == 3 {
            assert_eq!(c[4], 0.0, "a 3×3 determinant is cubic in t");
        } else {
            close(c[4], det * e4, TOL, "t⁴ coefficient, n = 4");
            close(c[4], b.determinant(), TOL, "t⁴ coefficient = det B");
        }
    }
}

// --- log det -------------------------------------------------------------------

/// log det A = 2 Σ ln Lᵢᵢ, from the Cholesky factor A = LLᵀ.
fn log_det_cholesky<T: nalgebra::RealField + Copy>(a: DMatrix<T>) -> T {
    let l = a.cholesky().expect("SPD").l();
    let s = l.diagonal().iter().fold(T::zero(), |s, &d| s + d.ln());
    s + s
}

/// For A SPD and B symmetric, through the Cholesky factor:
/// d log det(A + tB) = tr(A⁻¹B) and d² log det(A + tB) = −tr(A⁻¹BA⁻¹B),
/// with `Dual64` and `Dual2_64`.
#[test]
fn log_det_derivatives_by_cholesky() {
    for n in SIZES {
        let (a, b) = (spd(n), sym(&direction(n, 1)));
        let m = inv(&a) * &b;
        let value = a.determinant().ln();
        let d = log_det_cholesky(dual(&a, &b));
        close(d.re, value, TOL, &format!("log det, n = {n}"));
        close(d.eps, tr(&m), TOL, &format!("d log det (Dual64), n = {n}"));
        let d = log_det_cholesky(dual2(&a, &b));
        close(d.re, value, TOL, &format!("log det, n = {n}"));
        close(d.v1, tr(&m), TOL, &format!("d log det (Dual2_64), n = {n}"));
        close(d.v2, -tr(&(&m * &m)), TOL, &format!("d² log det, n = {n}"));
    }
}

/// For A non-symmetric with det A > 0, through `determinant().ln()`:
/// d log det(A + tB) = tr(A⁻¹B), d² log det(A + tB) = −tr(A⁻¹BA⁻¹B).
#[test]
fn log_det_derivatives_by_determinant() {
    for n in SIZES {
        let (a, b) = (well_conditioned(n), direction(n, 3));
        assert!(a.determinant() > 0.0);
        let m = inv(&a) * &b;
        let d = dual(&a, &b).determinant().ln();
        close(d.eps, tr(&m), TOL, &format!("d log det (Dual64), n = {n}"));
        let d = dual2(&a, &b).determinant().ln();
        close(d.v1, tr(&m), TOL, &format!("d log det (Dual2_64), n = {n}"));
        close(d.v2, -tr(&(&m * &m)), TOL, &format!("d² log det, n = {n}"));
    }
}

// --- inverse -------------------------------------------------------------------

/// d (A + tB)⁻¹ = −A⁻¹BA⁻¹, with `try_inverse` and `Dual64`.
#[test]
fn inverse_first_derivative() {
    for n in SIZES {
        let (a, b) = (well_conditioned(n), direction(n, 1));
        let x = dual(&a, &b).try_inverse().expect("invertible");
        let ai = inv(&a);
        close_all(&parts(&x, |d: Dual64| d.re), ai.as_slice(), TOL, &format!("A⁻¹, n = {n}"));
        let want = -(&ai * &b * &ai);
        close_all(&parts(&x, |d: Dual64| d.eps), want.as_slice(), TOL, &format!("d A⁻¹, n = {n}"));
    }
}

/// d² (A + tB)⁻¹ = 2A⁻¹BA⁻¹BA⁻¹ (and d = −A⁻¹BA⁻¹), with `Dual2_64`.
#[test]
fn inverse_second_derivative() {
    for n in SIZES {
        let (a, b) = (well_conditioned(n), direction(n, 2));
        let x = dual2(&a, &b).try_inverse().expect("invertible");
        let ai = inv(&a);
        let d1 = -(&ai * &b * &ai);
        let d2 = &ai * &b * &ai * &b * &ai * 2.0;
        close_all(&parts(&x, |d: Dual2_64| d.v1), d1.as_slice(), TOL, &format!("d A⁻¹, n = {n}"));
        close_all(&parts(&x, |d: Dual2_64| d.v2), d2.as_slice(), TOL, &format!("d² A⁻¹, n = {n}"));
    }
}

// --- linear solves -------------------------------------------------------------

/// The solution of (A + tB)x = b by LU: dx = −A⁻¹Bx and d²x = 2A⁻¹BA⁻¹Bx
/// (`Dual64`, `Dual2_64`); with a moving right-hand side b + tc,
/// dx = A⁻¹(c − Bx).
#[test]
fn lu_solve_derivatives() {
    for n in SIZES {
        let (a, b, r) = (well_conditioned(n), direction(n, 1), rhs(n));
        let ai = inv(&a);
        let x = &ai * &r;
        let what = |s: &str| format!("{s}, n = {n}");

        let xd = dual(&a, &b).lu().solve(&r.map(Dual64::constant)).expect("invertible");
        close_all(&parts(&xd, |d: Dual64| d.re), x.as_slice(), TOL, &what("x"));
        let dx = -(&ai * &b * &x);
        close_all(&parts(&xd, |d: Dual64| d.eps), dx.as_slice(), TOL, &what("dx"));

        let x2 = dual2(&a, &b).lu().solve(&r.map(Dual2_64::constant)).expect("invertible");
        let d2x = &ai * &b * &ai * &b * &x * 2.0;
        close_all(&parts(&x2, |d: Dual2_64| d.v1), dx.as_slice(), TOL, &what("dx (Dual2_64)"));
        close_all(&parts(&x2, |d: Dual2_64| d.v2), d2x.as_slice(), TOL, &what("d²x"));

        let c = DVector::from_fn(n, |i, _| 0.5 - 0.25 * i as f64);
        let xc = dual(&a, &b).lu().solve(&r.zip_map(&c, Dual64::new)).expect("invertible");
        let want = &ai * (&c - &b * &x);
        close_all(&parts(&xc, |d: Dual64| d.eps), want.as_slice(), TOL, &what("dx, b + tc"));
    }
}

/// The solution of (A + tB)x = b by Cholesky, A SPD and B symmetric:
/// dx = −A⁻¹Bx.
#[test]
fn cholesky_solve_derivative() {
    for n in SIZES {
        let (a, b, r) = (spd(n), sym(&direction(n, 1)), rhs(n));
        let ai = inv(&a);
        let x = &ai * &r;
        let xd = dual(&a, &b).cholesky().expect("SPD").solve(&r.map(Dual64::constant));
        close_all(&parts(&xd, |d: Dual64| d.re), x.as_slice(), TOL, &format!("x, n = {n}"));
        let dx = -(&ai * &b * &x);
        close_all(&parts(&xd, |d: Dual64| d.eps), dx.as_slice(), TOL, &format!("dx, n = {n}"));
    }
}

/// The solution of (A + tB)x = b by Householder QR, A and B non-symmetric:
/// dx = −A⁻¹Bx.
#[test]
fn qr_solve_derivative() {
    for n in SIZES {
        let (a, b, r) = (well_conditioned(n), direction(n, 2), rhs(n));
        let ai = inv(&a);
        let x = &ai * &r;
        let xd = dual(&a, &b).qr().solve(&r.map(Dual64::constant)).expect("invertible");
        close_all(&parts(&xd, |d: Dual64| d.re), x.as_slice(), TOL, &format!("x, n = {n}"));
        let dx = -(&ai * &b * &x);
        close_all(&parts(&xd, |d: Dual64| d.eps), dx.as_slice(), TOL, &format!("dx, n = {n}"));
    }
}

// --- symmetric eigenvalues -------------------------------------------------------

/// A = QΛQᵀ with a known orthogonal Q (two reflections) and well separated
/// eigenvalues Λ = (1, 2.5, 4, 7); returns (A, λ, Q).
fn eigen_case() -> (DMatrix<f64>, Vec<f64>, DMatrix<f64>) {
    let q = householder(&[1.0, 2.0, -1.0, 0.5]) * householder(&[0.3, -1.0, 2.0, 1.0]);
    let lambda = vec![1.0, 2.5, 4.0, 7.0];
    let a = &q * DMatrix::from_diagonal(&DVector::from_column_slice(&lambda)) * q.transpose();
    (sym(&a), lambda, q)
}

/// A simple eigenvalue of a symmetric A + tB, B symmetric (`symmetric_eigen`):
/// dλᵢ = qᵢᵀBqᵢ and d²λᵢ = 2 Σⱼ≠ᵢ (qⱼᵀBqᵢ)²/(λᵢ − λⱼ), with `Dual64` and
/// `Dual2_64`.
#[test]
fn symmetric_eigenvalue_derivatives() {
    let (a, lambda, q) = eigen_case();
    let b = sym(&direction(4, 1));
    let bq = q.transpose() * &b * &q; // (qᵢᵀBqⱼ)
    let d1 = |i: usize| bq[(i, i)];
    let d2 = |i: usize| {
        (0..4).filter(|&j| j != i).map(|j| 2.0 * bq[(j, i)].powi(2) / (lambda[i] - lambda[j])).sum()
    };

    let e = dual(&a, &b).symmetric_eigen();
    let mut seen = vec![];
    for ev in e.eigenvalues.iter() {
        let i = matching(ev.re, &lambda);
        seen.push(i);
        close(ev.re, lambda[i], TOL_ITER, &format!("λ{i}"));
        close(ev.eps, d1(i), TOL_ITER, &format!("dλ{i} (Dual64)"));
    }
    seen.sort();
    assert_eq!(seen, [0, 1, 2, 3], "every eigenvalue once");

    let e = dual2(&a, &b).symmetric_eigen();
    for ev in e.eigenvalues.iter() {
        let i = matching(ev.re, &lambda);
        close(ev.v1, d1(i), TOL_ITER, &format!("dλ{i} (Dual2_64)"));
        close(ev.v2, d2(i), TOL_ITER, &format!("d²λ{i}"));
    }
}

/// The eigenvectors of a symmetric A + tB with simple eigenvalues:
/// dqᵢ = Σⱼ≠ᵢ qⱼ (qⱼᵀBqᵢ)/(λᵢ − λⱼ) (up to the sign nalgebra picks for qᵢ),
/// and the recomposition QΛQᵀ has derivative B.
#[test]
fn symmetric_eigenvector_derivatives() {
    let (a, lambda, q) = eigen_case();
    let b = sym(&direction(4, 1));
    let bq = q.transpose() * &b * &q;
    let e = dual(&a, &b).symmetric_eigen();
    for (k, ev) in e.eigenvalues.iter().enumerate() {
        let i = matching(ev.re, &lambda);
        let got = e.eigenvectors.column(k);
        let re = DVector::from_iterator(4, got.iter().map(|d| d.re));
        let sign = re.dot(&q.column(i)).signum();
        close_all(re.as_slice(), (q.column(i) * sign).as_slice(), TOL_ITER, &format!("q{i}"));
        let mut want = DVector::zeros(4);
        for j in (0..4).filter(|&j| j != i) {
            want += q.column(j) * (sign * bq[(j, i)] / (lambda[i] - lambda[j]));
        }
        close_all(
            &parts(got.iter(), |d: Dual64| d.eps),
            want.as_slice(),
            TOL_ITER,
            &format!("dq{i}"),
        );
    }
    let back = e.recompose();
    close_all(&parts(&back, |d: Dual64| d.eps), b.as_slice(), TOL_ITER, "d QΛQᵀ");
}

// --- singular values -------------------------------------------------------------

/// A simple singular value of A + tB (`svd(true, true)`): dσᵢ = uᵢᵀBvᵢ, for a
/// square 4×4 and a tall 4×3 A = UΣVᵀ with known orthogonal U, V; and the
/// recomposition UΣVᵀ has derivative B.
#[test]
fn singular_value_derivatives() {
    let u = householder(&[1.0, -2.0, 0.5, 1.5]) * householder(&[0.2, 1.0, 1.0, -1.0]);
    let v4 = householder(&[2.0, 1.0, -1.0, 0.5]) * householder(&[1.0, 0.0, 3.0, -1.0]);
    let v3 = householder(&[1.0, -1.0, 2.0]);
    let cases = [
        (u.clone(), vec![6.0, 3.5, 2.0, 0.75], v4, direction(4, 1)),
        (
            u.columns(0, 3).into_owned(),
            vec![6.0, 3.5, 1.25],
            v3,
            direction(4, 2).columns(0, 3).into(),
        ),
    ];
    for (u, sigma, v, b) in cases {
        let (rows, cols) = b.shape();
        let a = &u * DMatrix::from_diagonal(&DVector::from_column_slice(&sigma)) * v.transpose();
        let svd = dual(&a, &b).svd(true, true);
        let mut seen = vec![];
        for s in svd.singular_values.iter() {
            let i = matching(s.re, &sigma);
            seen.push(i);
            let want = (u.column(i).transpose() * &b * v.column(i))[(0, 0)];
            close(s.re, sigma[i], TOL_ITER, &format!("σ{i}, {rows}×{cols}"));
            close(s.eps, want, TOL_ITER, &format!("dσ{i}, {rows}×{cols}"));
        }
        seen.sort();
        assert_eq!(seen, (0..sigma.len()).collect::<Vec<_>>(), "every singular value once");
        let back = svd.recompose().expect("U and Vᵀ computed");
        let what = format!("d UΣVᵀ, {rows}×{cols}");
        close_all(&parts(&back, |d: Dual64| d.eps), b.as_slice(), TOL_ITER, &what);
    }
}

// --- norms ---------------------------------------------------------------------

/// For x(t) = v + tw, n = ‖x‖ and u = x/‖x‖ (`norm`, `normalize`):
/// dn = vᵀw/‖v‖, d²n = (‖w‖² − (uᵀw)²)/‖v‖, du = (w − u uᵀw)/‖v‖ and
/// d²u = (−2w dn − v d²n)/‖v‖² + 2v dn²/‖v‖³.
#[test]
fn norm_and_normalize_derivatives() {
    let v = DVector::from_column_slice(&[1.0, -2.0, 2.0, 0.5, 3.0]);
    let w = DVector::from_column_slice(&[0.3, 0.7, -1.1, 2.0, -0.4]);
    // By hand: ‖v‖ = √18.25.
    let n = 18.25f64.sqrt();
    let u = &v / n;
    let dn = v.dot(&w) / n;
    let d2n = (w.norm_squared() - u.dot(&w).powi(2)) / n;
    let du = (&w - &u * u.dot(&w)) / n;
    let d2u = (&w * (-2.0 * dn) - &v * d2n) / (n * n) + &v * (2.0 * dn * dn / (n * n * n));

    let x = v.zip_map(&w, Dual64::new);
    let nd = x.norm();
    close(nd.re, n, TOL, "‖v‖");
    close(nd.eps, dn, TOL, "d‖x‖");
    let ud = x.normalize();
    close_all(&parts(&ud, |d: Dual64| d.re), u.as_slice(), TOL, "v/‖v‖");
    close_all(&parts(&ud, |d: Dual64| d.eps), du.as_slice(), TOL, "d x/‖x‖");

    let x = v.zip_map(&w, |a, b| Dual2_64::new(a, b, 0.0));
    let nd = x.norm();
    close(nd.v1, dn, TOL, "d‖x‖ (Dual2_64)");
    close(nd.v2, d2n, TOL, "d²‖x‖");
    let ud = x.normalize();
    close_all(&parts(&ud, |d: Dual2_64| d.v1), du.as_slice(), TOL, "d x/‖x‖ (Dual2_64)");
    close_all(&parts(&ud, |d: Dual2_64| d.v2), d2u.as_slice(), TOL, "d² x/‖x‖");
}

// --- gradients -----------------------------------------------------------------

/// A(θ) = A + θ₁B₁ + θ₂B₂ + θ₃B₃ with `DualVec64<3>` at θ = 0:
/// ∂det/∂θₖ = det(A) tr(A⁻¹Bₖ), and the LU solution of A(θ)x = b has
/// ∂x/∂θₖ = −A⁻¹Bₖx, all three in one evaluation.
#[test]
fn gradient_of_determinant_and_lu_solution() {
    for n in SIZES {
        let a = well_conditioned(n);
        let bs = [direction(n, 1), direction(n, 2), direction(n, 3)];
        let ad = DMatrix::from_fn(n, n, |i, j| {
            DualVec64::<3>::new(a[(i, j)], [bs[0][(i, j)], bs[1][(i, j)], bs[2][(i, j)]])
        });
        let (ai, r) = (inv(&a), rhs(n));
        let x = &ai * &r;
        let det = ad.determinant();
        let xd = ad.lu().solve(&r.map(DualVec64::<3>::constant)).expect("invertible");
        for (k, bk) in bs.iter().enumerate() {
            let want = a.determinant() * tr(&(&ai * bk));
            close(det.eps[k], want, TOL, &format!("∂det/∂θ{k}, n = {n}"));
            let want = -(&ai * bk * &x);
            let got = parts(&xd, |d: DualVec64<3>| d.eps[k]);
            close_all(&got, want.as_slice(), TOL, &format!("∂x/∂θ{k}, n = {n}"));
        }
    }
}

// --- f32 -------------------------------------------------------------------------

/// In f32 (`Dual32`), against the f64 closed forms for the same (exactly
/// representable) matrices: d det = det(A) tr(A⁻¹B), d A⁻¹ = −A⁻¹BA⁻¹ and
/// the LU solution's dx = −A⁻¹Bx, to a relative 1e-5.
#[test]
fn f32_determinant_inverse_and_lu_solve() {
    for n in SIZES {
        let (a, b, r) = (well_conditioned(n), direction(n, 1), rhs(n));
        let ai = inv(&a);
        let ad = dual32(&a, &b);
        let eps = |d: Dual32| f64::from(d.eps);

        let det = ad.determinant();
        let want = a.determinant() * tr(&(&ai * &b));
        close(f64::from(det.eps), want, TOL_F32, &format!("d det, n = {n}"));

        let x = ad.clone().try_inverse().expect("invertible");
        let want = -(&ai * &b * &ai);
        close_all(&parts(&x, eps), want.as_slice(), TOL_F32, &format!("d A⁻¹, n = {n}"));

        let xd = ad.lu().solve(&r.map(|x| Dual32::constant(x as f32))).expect("invertible");
        let want = -(&ai * &b * (&ai * &r));
        close_all(&parts(&xd, eps), want.as_slice(), TOL_F32, &format!("dx, n = {n}"));
    }
}

// --- generic user code -----------------------------------------------------------

/// User code written once for any `RealField`: log det A + tr A⁻¹.
fn log_det_plus_trace_of_inverse<T: nalgebra::RealField + Copy>(a: Matrix3<T>) -> T {
    let ai = a.try_inverse().expect("invertible");
    a.determinant().ln() + ai.trace()
}

/// f(A) = log det A + tr A⁻¹ called with f64, `Dual64` and `Dual2_64`:
/// f = ln det A + (Σ principal 2×2 minors)/det A (by cofactors),
/// df = tr(A⁻¹B) − tr(A⁻¹BA⁻¹), d²f = −tr(A⁻¹BA⁻¹B) + 2 tr(A⁻¹BA⁻¹BA⁻¹).
#[test]
fn generic_real_field_function() {
    let (a, b) = (well_conditioned(3), direction(3, 2));
    let a3 = Matrix3::from_fn(|i, j| a[(i, j)]);
    let b3 = Matrix3::from_fn(|i, j| b[(i, j)]);
    let m = |i: usize, j: usize| a3[(i, j)];
    let minor = |i: usize, j: usize, k: usize, l: usize| m(i, k) * m(j, l) - m(i, l) * m(j, k);
    let det =
        m(0, 0) * minor(1, 2, 1, 2) - m(0, 1) * minor(1, 2, 0, 2) + m(0, 2) * minor(1, 2, 0, 1);
    let value = det.ln() + (minor(1, 2, 1, 2) + minor(0, 2, 0, 2) + minor(0, 1, 0, 1)) / det;

    let ai = inv(&a);
    let aib = &ai * &b;
    let d1 = tr(&aib) - tr(&(&aib * &ai));
    let d2 = -tr(&(&aib * &aib)) + 2.0 * tr(&(&aib * &aib * &ai));

    close(log_det_plus_trace_of_inverse(a3), value, TOL, "f (f64)");
    let d = log_det_plus_trace_of_inverse(a3.zip_map(&b3, Dual64::new));
    close(d.re, value, TOL, "f (Dual64)");
    close(d.eps, d1, TOL, "df (Dual64)");
    let d = log_det_plus_trace_of_inverse(a3.zip_map(&b3, |x, y| Dual2_64::new(x, y, 0.0)));
    close(d.re, value, TOL, "f (Dual2_64)");
    close(d.v1, d1, TOL, "df (Dual2_64)");
    close(d.v2, d2, TOL, "d²f");
}

/// The eigenvalues of a non-symmetric A = VΛV⁻¹ (V dense and well
/// conditioned), from the iterated real Schur form: for a simple eigenvalue
/// dλᵢ = (V⁻¹BV)ᵢᵢ, the left eigenvector (row i of V⁻¹) against the right
/// one (column i of V).
#[test]
fn schur_eigenvalue_derivatives() {
    let lambda = [1.0, 2.5, 4.0, 7.0];
    let v = well_conditioned(4);
    let v_inv = inv(&v);
    let a = &v * DMatrix::from_diagonal(&DVector::from_column_slice(&lambda)) * &v_inv;
    let b = direction(4, 2);
    let w = &v_inv * &b * &v;

    // `schur()` iterates without a limit: a bounded one fails loudly instead
    // of hanging (a zero test on derivative parts once kept it from
    // deflating).
    let schur = dual(&a, &b).try_schur(Dual64::cst(f64::EPSILON), 10_000).expect("Schur converges");
    let eigenvalues = schur.eigenvalues().expect("real eigenvalues");
    let mut seen = vec![];
    for ev in eigenvalues.iter() {
        let i = matching(ev.re, &lambda);
        seen.push(i);
        close(ev.re, lambda[i], TOL_ITER, &format!("λ{i}"));
        close(ev.eps, w[(i, i)], TOL_ITER, &format!("dλ{i} by Schur"));
    }
    seen.sort();
    assert_eq!(seen, [0, 1, 2, 3], "every eigenvalue once");
}

/// Code bound by `ComplexField` (with real `RealField`) differentiates too:
/// ‖A⁻¹b‖ by `try_inverse` and `norm`, d = −(xᵀA⁻¹Bx)/‖x‖ with x = A⁻¹b.
fn solution_norm<T: nalgebra::ComplexField<RealField = T> + Copy>(
    a: DMatrix<T>,
    b: DVector<T>,
) -> T {
    (a.try_inverse().expect("invertible") * b).norm()
}

#[test]
fn generic_complex_field_function() {
    let (a, b, r) = (well_conditioned(4), direction(4, 3), rhs(4));
    let x = inv(&a) * &r;
    let want = -(x.transpose() * inv(&a) * &b * &x)[(0, 0)] / x.norm();
    let got = solution_norm(dual(&a, &b), r.map(Dual64::constant));
    close(got.re, x.norm(), TOL, "‖x‖");
    close(got.eps, want, TOL, "d‖x‖");
}

/// A symmetric matrix whose value is already diagonal is returned without
/// iterating; its eigenvalues' and singular values' first derivatives are
/// still dλᵢ = Bᵢᵢ (the eigenvectors are the unit vectors), as the crate
/// docs say.
#[test]
fn diagonal_value_first_derivatives() {
    let d = [1.0, 3.0, 4.5];
    let a = DMatrix::from_diagonal(&DVector::from_column_slice(&d));
    let b = sym(&direction(3, 4));
    let e = dual(&a, &b).symmetric_eigen();
    for ev in e.eigenvalues.iter() {
        let i = matching(ev.re, &d);
        close(ev.eps, b[(i, i)], TOL, &format!("dλ{i}"));
    }
    let s = dual(&a, &b).svd(false, false);
    for sv in s.singular_values.iter() {
        let i = matching(sv.re, &d);
        close(sv.eps, b[(i, i)], TOL, &format!("dσ{i}"));
    }
}
