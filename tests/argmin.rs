#![cfg(feature = "argmin")]
//! The argmin adapter (`argmin_objective!`, `argmin_residuals!`): its cost,
//! gradient, Hessian, residuals and Jacobian equal the crate's own drivers
//! (`gradient_slice`, `hessian_reverse`, `jacobian_reverse`) and hand-written
//! closed forms, over `Vec<f64>` and nalgebra `DVector<f64>` parameters, for
//! functions with constant data; and argmin's L-BFGS, Newton and
//! Gauss–Newton reach the known minimum of small problems with them.

use approx::assert_relative_eq;
use argmin::core::{CostFunction, Executor, Gradient, Hessian, Jacobian, Operator, State};
use argmin::solver::gaussnewton::GaussNewton;
use argmin::solver::linesearch::MoreThuenteLineSearch;
use argmin::solver::newton::{Newton, NewtonCG};
use argmin::solver::quasinewton::LBFGS;
use autodiff::argmin::nalgebra::{DMatrix, DVector};
use autodiff::prelude::*;
use autodiff::{
    argmin_objective, argmin_residuals, gradient_slice, hessian_reverse, jacobian_reverse,
};

/// The objective's data: a weight `a_i` and a centre `c_i` per variable.
const DATA: [(f64, f64); 4] = [(1.0, 0.5), (2.0, -1.0), (0.5, 2.0), (3.0, 0.25)];
/// The coupling of neighbours, small enough that the minimum stays at c
/// with a positive definite Hessian.
const COUPLING: f64 = 0.3;

/// f(x) = Σ a_i d_i² + Σ d_i⁴ + b Σ d_i d_{i+1}, d = x − c: its gradient
/// vanishes at x = c, the minimum (f = 0).
#[differentiable]
fn objective(x: &[f64], #[constant] data: &[(f64, f64)], #[constant] b: f64) -> f64 {
    let mut f = 0.0;
    for i in 0..x.len() {
        let d = x[i] - data[i].1;
        f += data[i].0 * d * d + d * d * d * d;
        if i + 1 < x.len() {
            f += b * d * (x[i + 1] - data[i + 1].1);
        }
    }
    f
}

/// ∇f by hand: 2 a_i d_i + 4 d_i³ + b (d_{i−1} + d_{i+1}).
fn objective_gradient(x: &[f64]) -> Vec<f64> {
    let d: Vec<f64> = x.iter().zip(&DATA).map(|(x, (_, c))| x - c).collect();
    (0..x.len())
        .map(|i| {
            let mut g = 2.0 * DATA[i].0 * d[i] + 4.0 * d[i].powi(3);
            if i > 0 {
                g += COUPLING * d[i - 1];
            }
            if i + 1 < x.len() {
                g += COUPLING * d[i + 1];
            }
            g
        })
        .collect()
}

/// The Hessian by hand: 2 a_i + 12 d_i² on the diagonal, b beside it.
fn objective_hessian(x: &[f64]) -> Vec<Vec<f64>> {
    let n = x.len();
    (0..n)
        .map(|i| {
            (0..n)
                .map(|j| {
                    if i == j {
                        2.0 * DATA[i].0 + 12.0 * (x[i] - DATA[i].1).powi(2)
                    } else if i.abs_diff(j) == 1 {
                        COUPLING
                    } else {
                        0.0
                    }
                })
                .collect()
        })
        .collect()
}

/// The residuals of y = a·e^(−k t) at the data (t, y): generic over the
/// scalar, written by hand rather than by `#[differentiable]`.
fn decay<T: Scalar>(p: &[T], data: &[(f64, f64)]) -> Vec<T> {
    data.iter().map(|&(t, y)| p[0] * (p[1] * -t).exp() - y).collect()
}

/// The Jacobian of [`decay`] by hand: rows (e^(−k t), −a t e^(−k t)).
fn decay_jacobian(p: &[f64], data: &[(f64, f64)]) -> Vec<Vec<f64>> {
    data.iter()
        .map(|&(t, _)| {
            let e = (-p[1] * t).exp();
            vec![e, -p[0] * t * e]
        })
        .collect()
}

/// Exact measurements of a = 1.5, k = 0.7 at five times.
fn decay_data() -> Vec<(f64, f64)> {
    [0.0, 0.5, 1.0, 2.0, 4.0].iter().map(|&t| (t, 1.5 * (-0.7 * t).exp())).collect()
}

/// Points to compare at.
fn points() -> Vec<Vec<f64>> {
    vec![vec![0.0, 0.0, 0.0, 0.0], vec![1.0, -2.0, 0.5, 3.0], vec![-0.3, 0.7, 2.2, -1.1]]
}

fn matrix(rows: &[Vec<f64>]) -> DMatrix<f64> {
    DMatrix::from_fn(rows.len(), rows[0].len(), |i, j| rows[i][j])
}

#[test]
fn objective_over_vec_equals_the_drivers_and_the_closed_forms() {
    let problem = argmin_objective!(|x| objective(x, &DATA, COUPLING));
    for x in points() {
        let cost = problem.cost(&x).unwrap();
        let gradient = problem.gradient(&x).unwrap();
        let hessian = problem.hessian(&x).unwrap();

        assert_eq!(cost, objective(&x, &DATA, COUPLING));
        let (value, by_driver) = gradient_slice(|x| objective(x, &DATA, COUPLING), &x);
        assert_eq!(value, cost);
        assert_eq!(gradient, by_driver);
        let (h_value, h_gradient, by_driver) =
            hessian_reverse(|x| objective(x, &DATA, COUPLING), &x);
        assert_relative_eq!(h_value, cost, max_relative = 1e-15);
        assert_eq!(hessian, by_driver);

        for (g, want) in gradient.iter().zip(objective_gradient(&x)) {
            assert_relative_eq!(*g, want, epsilon = 1e-13, max_relative = 1e-13);
        }
        for (g, want) in h_gradient.iter().zip(objective_gradient(&x)) {
            assert_relative_eq!(*g, want, epsilon = 1e-13, max_relative = 1e-13);
        }
        for (row, want) in hessian.iter().zip(objective_hessian(&x)) {
            for (h, want) in row.iter().zip(want) {
                assert_relative_eq!(*h, want, epsilon = 1e-13, max_relative = 1e-13);
            }
        }
        // The `#[differentiable]` fn's own `.grad` agrees too.
        let by_method = (|x: &_| objective(x, &DATA, COUPLING)).grad(&x[..]);
        assert_eq!(by_method, gradient);
    }
}

#[test]
fn objective_over_dvector_equals_the_vec_problem() {
    let vec_problem = argmin_objective!(|x| objective(x, &DATA, COUPLING));
    let problem = argmin_objective!(|x| objective(x, &DATA, COUPLING)).dvector();
    for x in points() {
        let dx = DVector::from_vec(x.clone());
        assert_eq!(problem.cost(&dx).unwrap(), vec_problem.cost(&x).unwrap());
        assert_eq!(
            problem.gradient(&dx).unwrap(),
            DVector::from_vec(vec_problem.gradient(&x).unwrap())
        );
        let hessian: DMatrix<f64> = problem.hessian(&dx).unwrap();
        assert_eq!(hessian.shape(), (4, 4));
        assert_eq!(hessian, matrix(&vec_problem.hessian(&x).unwrap()));
        assert_relative_eq!(hessian, matrix(&objective_hessian(&x)), epsilon = 1e-13);
        // Symmetric, as computed (not symmetrised).
        assert_relative_eq!(hessian, hessian.transpose(), epsilon = 1e-13);
    }
}

#[test]
fn a_generic_fn_path_and_a_closure_give_the_same_problem() {
    fn sum_of_cubes<T: Scalar>(x: &[T]) -> T {
        x.iter().map(|&xi| xi.powi(3)).sum()
    }
    let by_path = argmin_objective!(sum_of_cubes);
    let by_closure = argmin_objective!(|x| sum_of_cubes(x));
    let x = vec![1.0, -2.0, 0.5];
    assert_eq!(by_path.cost(&x).unwrap(), -6.875);
    assert_eq!(by_path.gradient(&x).unwrap(), vec![3.0, 12.0, 0.75]);
    assert_eq!(by_path.gradient(&x).unwrap(), by_closure.gradient(&x).unwrap());
    assert_eq!(
        by_path.hessian(&x).unwrap(),
        vec![vec![6.0, 0.0, 0.0], vec![0.0, -12.0, 0.0], vec![0.0, 0.0, 3.0]]
    );
}

#[test]
fn the_hessian_covers_more_variables_than_one_chunk() {
    // 19 variables: three passes of 8 lanes in the forward-over-reverse
    // Hessian. f = Σ x_i x_{i+1}² has H_{i,i+1} = 2 x_{i+1}, H_{i+1,i+1} = 2 x_i.
    fn chain<T: Scalar>(x: &[T]) -> T {
        x.windows(2).map(|w| w[0] * w[1] * w[1]).sum()
    }
    let n = 19;
    let x: Vec<f64> = (0..n).map(|i| 0.1 * i as f64 - 0.7).collect();
    let h = argmin_objective!(chain).hessian(&x).unwrap();
    for i in 0..n {
        for j in 0..n {
            let want = if i + 1 == j {
                2.0 * x[j]
            } else if j + 1 == i {
                2.0 * x[i]
            } else if i == j && i > 0 {
                2.0 * x[i - 1]
            } else {
                0.0
            };
            assert_relative_eq!(h[i][j], want, epsilon = 1e-14);
        }
    }
}

#[test]
fn residuals_over_vec_equal_the_drivers_and_the_closed_forms() {
    let data = decay_data();
    let problem = argmin_residuals!(|p| decay(p, &data));
    for p in [vec![1.0, 1.0], vec![2.0, 0.3], vec![-0.5, 1.7]] {
        let r = problem.apply(&p).unwrap();
        let j = problem.jacobian(&p).unwrap();
        assert_eq!(r, decay(&p, &data));
        let (values, by_driver) = jacobian_reverse(|p| decay(p, &data), &p);
        assert_eq!(values, r);
        assert_eq!(j, by_driver);
        for (row, want) in j.iter().zip(decay_jacobian(&p, &data)) {
            for (jij, want) in row.iter().zip(want) {
                assert_relative_eq!(*jij, want, epsilon = 1e-15, max_relative = 1e-14);
            }
        }
        // ½‖r‖² and its gradient Jᵀr.
        let cost = problem.cost(&p).unwrap();
        assert_relative_eq!(cost, r.iter().map(|r| r * r).sum::<f64>() / 2.0, max_relative = 1e-15);
        let gradient = problem.gradient(&p).unwrap();
        for k in 0..2 {
            let want: f64 = j.iter().zip(&r).map(|(row, r)| row[k] * r).sum();
            assert_relative_eq!(gradient[k], want, epsilon = 1e-15, max_relative = 1e-13);
        }
        let (_, by_gradient) =
            gradient_slice(|p| decay(p, &data).into_iter().map(|r| r * r).sum::<Var64>() * 0.5, &p);
        for (g, want) in gradient.iter().zip(by_gradient) {
            assert_relative_eq!(*g, want, epsilon = 1e-15, max_relative = 1e-13);
        }
    }
}

#[test]
fn residuals_over_dvector_equal_the_vec_problem() {
    let data = decay_data();
    let vec_problem = argmin_residuals!(|p| decay(p, &data));
    let problem = argmin_residuals!(|p| decay(p, &data)).dvector();
    for p in [vec![1.0, 1.0], vec![2.0, 0.3]] {
        let dp = DVector::from_vec(p.clone());
        assert_eq!(problem.apply(&dp).unwrap(), DVector::from_vec(vec_problem.apply(&p).unwrap()));
        let j: DMatrix<f64> = problem.jacobian(&dp).unwrap();
        assert_eq!(j.shape(), (data.len(), 2));
        assert_eq!(j, matrix(&vec_problem.jacobian(&p).unwrap()));
        assert_relative_eq!(
            j,
            matrix(&decay_jacobian(&p, &data)),
            epsilon = 1e-15,
            max_relative = 1e-14
        );
        assert_eq!(problem.cost(&dp).unwrap(), vec_problem.cost(&p).unwrap());
        assert_eq!(
            problem.gradient(&dp).unwrap(),
            DVector::from_vec(vec_problem.gradient(&p).unwrap())
        );
    }
}

#[test]
fn differentiable_residuals_with_constant_data() {
    #[differentiable]
    fn line(p: &[f64], #[constant] data: &[(f64, f64)]) -> Vec<f64> {
        data.iter().map(|&(x, y)| p[0] * x + p[1] - y).collect()
    }
    let data = [(0.0, 1.0), (1.0, 3.0), (2.0, 5.5)];
    let problem = argmin_residuals!(|p| line(p, &data));
    assert_eq!(problem.apply(&vec![2.0, 1.0]).unwrap(), vec![0.0, 0.0, -0.5]);
    assert_eq!(
        problem.jacobian(&vec![2.0, 1.0]).unwrap(),
        vec![vec![0.0, 1.0], vec![1.0, 1.0], vec![2.0, 1.0]]
    );
    assert_eq!(problem.cost(&vec![2.0, 1.0]).unwrap(), 0.125);
    assert_eq!(problem.gradient(&vec![2.0, 1.0]).unwrap(), vec![-1.0, -0.5]);
}

/// L-BFGS (Vec parameters) reaches x = c.
#[test]
fn lbfgs_converges_to_the_minimum() {
    let problem = argmin_objective!(|x| objective(x, &DATA, COUPLING));
    let solver = LBFGS::new(MoreThuenteLineSearch::new(), 5).with_tolerance_grad(1e-12).unwrap();
    let result = Executor::new(problem, solver)
        .configure(|state| state.param(vec![3.0, 3.0, -3.0, -3.0]).max_iters(200))
        .run()
        .unwrap();
    let x = result.state().get_best_param().unwrap();
    for (xi, (_, c)) in x.iter().zip(&DATA) {
        assert_relative_eq!(*xi, *c, epsilon = 1e-8);
    }
    assert!(result.state().get_best_cost() < 1e-16);
}

/// Newton's method (DVector parameters, the exact Hessian) reaches x = c,
/// quadratically: the gradient is ~0 after a few steps.
#[test]
fn newton_converges_to_the_minimum() {
    let problem = argmin_objective!(|x| objective(x, &DATA, COUPLING)).dvector();
    let result = Executor::new(problem, Newton::<f64>::new())
        .configure(|state| state.param(DVector::from_vec(vec![1.0, 0.0, 1.0, 1.0])).max_iters(30))
        .run()
        .unwrap();
    let x = result.state().get_best_param().unwrap();
    for (xi, (_, c)) in x.iter().zip(&DATA) {
        assert_relative_eq!(*xi, *c, epsilon = 1e-12);
    }
    assert!(objective_gradient(x.as_slice()).iter().all(|g| g.abs() < 1e-12));
}

/// Newton-CG (Vec parameters, the Hessian as rows) reaches x = c.
#[test]
fn newton_cg_converges_to_the_minimum() {
    let problem = argmin_objective!(|x| objective(x, &DATA, COUPLING));
    let solver = NewtonCG::new(MoreThuenteLineSearch::new());
    let result = Executor::new(problem, solver)
        .configure(|state| state.param(vec![3.0, 3.0, -3.0, -3.0]).max_iters(100))
        .run()
        .unwrap();
    let x = result.state().get_best_param().unwrap();
    for (xi, (_, c)) in x.iter().zip(&DATA) {
        assert_relative_eq!(*xi, *c, epsilon = 1e-7);
    }
}

/// Gauss–Newton (DVector parameters, the DMatrix Jacobian) recovers
/// a = 1.5, k = 0.7 from exact data.
#[test]
fn gauss_newton_converges_to_the_minimum() {
    let data = decay_data();
    let problem = argmin_residuals!(|p| decay(p, &data)).dvector();
    let result = Executor::new(problem, GaussNewton::<f64>::new())
        .configure(|state| state.param(DVector::from_vec(vec![1.0, 1.0])).max_iters(50))
        .run()
        .unwrap();
    let p = result.state().get_best_param().unwrap();
    assert_relative_eq!(p[0], 1.5, epsilon = 1e-10);
    assert_relative_eq!(p[1], 0.7, epsilon = 1e-10);
    assert!(result.state().get_best_cost() < 1e-10);
}
