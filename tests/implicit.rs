//! Implicit differentiation (`implicit_root`, `implicit_solve`) against the
//! implicit function theorem worked by hand, and against finite differences
//! of re-solving: the root of a cubic, a nonlinear system of 3 unknowns, and
//! the minimiser of a parametrised quadratic (10 unknowns: two chunks).

use autodiff::prelude::*;

/// |got − want| ≤ tol·max(|want|, 1), with the numbers in the message.
fn close(got: f64, want: f64, tol: f64, what: &str) {
    assert!((got - want).abs() <= tol * want.abs().max(1.0), "{what}: got {got:e}, want {want:e}");
}

/// x³ + θx − 1, generic so every number type can call it.
fn cubic<T: Scalar>(x: T, theta: T) -> T {
    x * x * x + theta * x - 1.0
}

/// The real root of x³ + θx − 1 (θ > 0) by bisection: a solver that knows
/// nothing of derivatives.
fn cubic_root(theta: f64) -> f64 {
    let (mut lo, mut hi) = (0.0f64, 1.0f64);
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if cubic(mid, theta) > 0.0 {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    0.5 * (lo + hi)
}

/// dx/dθ = −x/(3x² + θ); d²x/dθ² from differentiating that again:
/// x'' = −(x'D − xD')/D² with D = 3x² + θ, D' = 6xx' + 1.
#[test]
fn root_of_a_cubic_first_and_second_derivative() {
    for theta in [0.5, 2.0, 10.0] {
        let x = cubic_root(theta);
        let d = 3.0 * x * x + theta;
        let dx = -x / d;
        let ddx = -(dx * d - x * (6.0 * x * dx + 1.0)) / (d * d);

        let got = implicit_root(cubic, x, Dual64::variable(theta));
        close(got.re, x, 1e-15, "value");
        close(got.eps, dx, 1e-14, "dx/dθ (Dual64)");

        let got = implicit_root(cubic, x, Dual2_64::variable(theta));
        close(got.v1, dx, 1e-14, "dx/dθ (Dual2_64)");
        close(got.v2, ddx, 1e-13, "d²x/dθ² (Dual2_64)");

        let (_, _, second) = second_derivative(|t| implicit_root(cubic, x, t), theta);
        close(second, ddx, 1e-13, "second_derivative driver");

        // f32: the root rounded to f32, derivatives to f32 precision.
        let got = implicit_root(cubic, x, Dual32::variable(theta as f32));
        close(f64::from(got.eps), dx, 1e-5, "dx/dθ (Dual32)");

        // Finite differences of re-solving: an independent check.
        let h = 1e-5;
        let fd = (cubic_root(theta + h) - cubic_root(theta - h)) / (2.0 * h);
        close(got.eps.into(), fd, 1e-5, "against finite differences");
    }
}

/// The third derivative needs two Newton steps too (exact to order 3) and a
/// fourth three: checked against finite differences of the second
/// derivative, each from the closed form above.
#[test]
fn root_of_a_cubic_higher_orders_through_jets() {
    let theta = 2.0;
    let x = cubic_root(theta);
    let second = |t: f64| {
        let x = cubic_root(t);
        let d = 3.0 * x * x + t;
        let dx = -x / d;
        -(dx * d - x * (6.0 * x * dx + 1.0)) / (d * d)
    };
    let h = 1e-4;
    let third_fd = (second(theta + h) - second(theta - h)) / (2.0 * h);
    let d = nth_derivative::<_, 4>(|t| implicit_root(cubic, x, t), theta);
    close(d, third_fd, 1e-6, "d³x/dθ³ (Jet64<4>)");
}

/// The 3-unknown system
///   g₀ = x₀² + x₁ + x₂ − θ₀,  g₁ = x₀ + x₁² − θ₁x₂,  g₂ = eˣ² + x₀x₁ − θ₀θ₁,
/// solved by Newton with a hand-written Jacobian; dx/dθ = −g_x⁻¹g_θ with
/// both Jacobians written by hand.
fn system<T: Scalar>(x: &[T], th: &[T]) -> Vec<T> {
    vec![
        x[0] * x[0] + x[1] + x[2] - th[0],
        x[0] + x[1] * x[1] - th[1] * x[2],
        x[2].exp() + x[0] * x[1] - th[0] * th[1],
    ]
}

fn system_jacobians(x: [f64; 3], th: [f64; 2]) -> ([[f64; 3]; 3], [[f64; 2]; 3]) {
    let gx = [[2.0 * x[0], 1.0, 1.0], [1.0, 2.0 * x[1], -th[1]], [x[1], x[0], x[2].exp()]];
    let gt = [[-1.0, 0.0], [0.0, -x[2]], [-th[1], -th[0]]];
    (gx, gt)
}

/// Cramer's rule for a 3×3 system: independent of the crate's solver.
fn solve3(a: [[f64; 3]; 3], b: [f64; 3]) -> [f64; 3] {
    let det = |m: [[f64; 3]; 3]| {
        m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
            - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
            + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0])
    };
    let d = det(a);
    core::array::from_fn(|k| {
        let mut m = a;
        for (row, bi) in m.iter_mut().zip(b) {
            row[k] = bi;
        }
        det(m) / d
    })
}

fn solve_system(th: [f64; 2]) -> [f64; 3] {
    let mut x = [1.0, 0.5, 0.2];
    for _ in 0..50 {
        let g = system(&x, &th);
        let (gx, _) = system_jacobians(x, th);
        let step = solve3(gx, [g[0], g[1], g[2]]);
        for (xi, s) in x.iter_mut().zip(step) {
            *xi -= s;
        }
    }
    x
}

#[test]
fn a_nonlinear_system_of_three_unknowns() {
    let th = [2.0, 0.7];
    let x = solve_system(th);
    assert!(system(&x, &th).iter().all(|r| r.abs() < 1e-14), "the test's solver converged");
    let (gx, gt) = system_jacobians(x, th);
    // dx/dθⱼ = −g_x⁻¹ (column j of g_θ)
    let want: Vec<[f64; 3]> =
        (0..2).map(|j| solve3(gx, [-gt[0][j], -gt[1][j], -gt[2][j]])).collect();

    let (value, jac) = jacobian_slice(|t| implicit_solve(system, &x, t), &th);
    for i in 0..3 {
        close(value[i], x[i], 1e-14, "value");
        for j in 0..2 {
            close(jac[i][j], want[j][i], 1e-13, &format!("dx{i}/dθ{j}"));
            let h = 1e-6;
            let (mut up, mut down) = (th, th);
            up[j] += h;
            down[j] -= h;
            let fd = (solve_system(up)[i] - solve_system(down)[i]) / (2.0 * h);
            close(jac[i][j], fd, 1e-7, &format!("dx{i}/dθ{j} against finite differences"));
        }
    }
}

/// The number of unknowns of the quadratic.
const N: usize = 10;

fn a0(i: usize, j: usize) -> f64 {
    if i == j {
        4.0 + i as f64
    } else {
        1.0 / (1.0 + (i + j) as f64)
    }
}

fn b0(i: usize, j: usize) -> f64 {
    if i == j {
        1.0
    } else {
        0.0
    }
}

fn b1(i: usize, j: usize) -> f64 {
    if i.abs_diff(j) == 1 {
        0.5
    } else {
        0.0
    }
}

fn rhs(i: usize) -> f64 {
    1.0 + 0.1 * i as f64
}

/// ∇ₓq = A(θ)x − b, generic so that it serves the Jacobian's and the
/// loss gradient's number types.
fn gradient_of_q<T: Scalar>(x: &[T], t: &[T]) -> Vec<T> {
    (0..N)
        .map(|i| {
            (0..N).fold(T::cst(-rhs(i)), |s, j| {
                s + (t[0] * b0(i, j) + t[1] * b1(i, j) + a0(i, j)) * x[j]
            })
        })
        .collect()
}

/// The minimiser of q(x, θ) = ½xᵀA(θ)x − bᵀx with A(θ) = A₀ + θ₀B₀ + θ₁B₁
/// (10 unknowns: two chunks of the Jacobian), as the root of ∇ₓq = A(θ)x − b:
/// dx*/dθⱼ = −A⁻¹Bⱼx*; and the gradient of the loss L = ½‖x* − t‖² through
/// it, dL/dθⱼ = (x* − t)ᵀ dx*/dθⱼ.
#[test]
fn the_minimiser_of_a_parametrised_quadratic_and_a_loss_of_it() {
    let b: Vec<f64> = (0..N).map(rhs).collect();
    let target: Vec<f64> = (0..N).map(|i| 0.05 * i as f64).collect();
    let th = [0.3, -0.2];
    let a = |i: usize, j: usize, th: [f64; 2]| a0(i, j) + th[0] * b0(i, j) + th[1] * b1(i, j);

    // The user's solver: conjugate gradients on A(θ)x = b in plain f64.
    let solve_cg = |rhs: &[f64], th: [f64; 2]| {
        let mul = |v: &[f64]| -> Vec<f64> {
            (0..N).map(|i| (0..N).map(|j| a(i, j, th) * v[j]).sum()).collect()
        };
        let dot = |u: &[f64], v: &[f64]| -> f64 { u.iter().zip(v).map(|(p, q)| p * q).sum() };
        let mut x = vec![0.0; N];
        let mut r = rhs.to_vec();
        let mut p = r.clone();
        for _ in 0..4 * N {
            let rr = dot(&r, &r);
            if rr < 1e-30 {
                break;
            }
            let ap = mul(&p);
            let alpha = rr / dot(&p, &ap);
            for k in 0..N {
                x[k] += alpha * p[k];
                r[k] -= alpha * ap[k];
            }
            let beta = dot(&r, &r) / rr;
            for k in 0..N {
                p[k] = r[k] + beta * p[k];
            }
        }
        x
    };
    let x = solve_cg(&b, th);

    let (_, jac) = jacobian_slice(|t| implicit_solve(gradient_of_q, &x, t), &th);
    // The closed form, each column one more solve: −A⁻¹(Bⱼx*).
    let bs: [fn(usize, usize) -> f64; 2] = [b0, b1];
    let columns: Vec<Vec<f64>> = bs
        .iter()
        .map(|bj| {
            let bx: Vec<f64> =
                (0..N).map(|i| -(0..N).map(|k| bj(i, k) * x[k]).sum::<f64>()).collect();
            solve_cg(&bx, th)
        })
        .collect();
    for i in 0..N {
        for j in 0..2 {
            close(jac[i][j], columns[j][i], 1e-12, &format!("dx{i}/dθ{j}"));
        }
    }

    // The loss of x*(θ) by reverse mode (`gradient_slice`) and by forward
    // mode: the lift works in either number type.
    let loss = |t: &[Var64]| {
        let xs = implicit_solve(gradient_of_q, &x, t);
        xs.iter().zip(&target).map(|(xi, ti)| (*xi - *ti).powi(2)).sum::<Var64>() * 0.5
    };
    let (l, grad) = gradient_slice(loss, &th);
    let forward_loss = |t: &[DualVec<f64, 8>]| {
        let xs = implicit_solve(gradient_of_q, &x, t);
        xs.iter().zip(&target).map(|(xi, ti)| (*xi - *ti).powi(2)).sum::<DualVec<f64, 8>>() * 0.5
    };
    let (_, forward_grad) = gradient_forward(forward_loss, &th);
    for j in 0..2 {
        close(forward_grad[j], grad[j], 1e-13, &format!("forward dL/dθ{j}"));
    }
    let want_l: f64 = x.iter().zip(&target).map(|(xi, ti)| 0.5 * (xi - ti).powi(2)).sum();
    close(l, want_l, 1e-13, "loss");
    for j in 0..2 {
        let want: f64 = (0..N).map(|i| (x[i] - target[i]) * columns[j][i]).sum();
        close(grad[j], want, 1e-12, &format!("dL/dθ{j}"));
    }
}

/// A system that is not square is a caller's mistake: a panic naming both
/// lengths.
#[test]
#[should_panic(expected = "g returned 1 residuals for 2 unknowns")]
fn a_non_square_system_panics_naming_the_lengths() {
    let g = |x: &[DualVec<Dual64, 8>], t: &[DualVec<Dual64, 8>]| vec![x[0] + x[1] - t[0]];
    implicit_solve(g, &[0.5, 0.5], &[Dual64::variable(1.0)]);
}

/// At a double root g_x = 0: the derivative is undefined, and the result is
/// non-finite rather than a panic or a finite wrong number.
#[test]
fn a_singular_root_gives_a_non_finite_result() {
    // (x − 1)² − θ at θ = 0 has the double root x = 1.
    let got = implicit_root(|x, t| (x - 1.0).powi(2) - t, 1.0, Dual64::variable(0.0));
    assert!(!got.eps.is_finite(), "{got:?}");
}
