//! argmin problems from one function (feature `argmin`).
//!
//! [argmin](https://argmin-rs.org)'s solvers take a problem that
//! implements `CostFunction`, `Gradient`, `Hessian` (or, for least
//! squares, `Operator` and `Jacobian`). [`argmin_objective!`](crate::argmin_objective) builds all of
//! them from one generic or `#[differentiable]` function, and
//! [`argmin_residuals!`](crate::argmin_residuals) from one function returning the residuals:
//!
//! ```
//! use argmin::core::{Executor, State};
//! use argmin::solver::linesearch::MoreThuenteLineSearch;
//! use argmin::solver::quasinewton::LBFGS;
//! use autodiff_core::{argmin_objective, Scalar};
//!
//! fn rosenbrock<T: Scalar>(x: &[T]) -> T {
//!     x.windows(2).map(|w| (T::cst(1.0) - w[0]).powi(2) + (w[1] - w[0] * w[0]).powi(2) * 100.0).sum()
//! }
//!
//! let problem = argmin_objective!(rosenbrock);
//! let solver = LBFGS::new(MoreThuenteLineSearch::new(), 7);
//! let result = Executor::new(problem, solver)
//!     .configure(|state| state.param(vec![-1.2; 10]).max_iters(200))
//!     .run()
//!     .unwrap();
//! let best = result.state().get_best_param().unwrap();
//! assert!(best.iter().all(|xi| (xi - 1.0).abs() < 1e-6));
//! ```
//!
//! The macro pastes the function into one closure per number type (`f64`
//! for the cost, [`Var64`] for the gradient by reverse mode,
//! `Var<DualVec64<8>>` for the Hessian by forward over reverse), so the
//! function is written once. A closure form takes constant data:
//! `argmin_objective!(|p| loss(p, &data))`.
//!
//! Parameters are `Vec<f64>` (argmin-math's `vec` backend, for L-BFGS,
//! gradient descent, Newton-CG, Nelder–Mead, ...). `.dvector()` turns the
//! problem into one over nalgebra `DVector<f64>`, with `DMatrix<f64>`
//! Hessians and Jacobians: what Newton's method and Gauss–Newton need
//! (they invert). That is nalgebra 0.34, the newest argmin-math 0.5
//! supports, re-exported here as [`nalgebra`] so the types match.

use core::marker::PhantomData;

use argmin::core::{CostFunction, Error, Gradient, Hessian, Jacobian, Operator};

use crate::{gradient_slice, hessian_reverse, jacobian_reverse, vjp, DualVec64, Var, Var64};

/// nalgebra 0.34, the version argmin-math's nalgebra backend implements
/// its traits for: build `DVector` parameters from this.
pub use nalgebra_0_34 as nalgebra;

use nalgebra_0_34::{DMatrix, DVector};

/// The number type of the Hessian's recording (forward over reverse).
pub type HessianScalar = Var<DualVec64<8>>;

/// Parameters as `Vec<f64>`, gradients as `Vec<f64>`, Hessians and
/// Jacobians as `Vec<Vec<f64>>` (rows).
#[derive(Clone, Copy, Debug, Default)]
pub struct VecParams;

/// Parameters as nalgebra `DVector<f64>`, gradients as `DVector<f64>`,
/// Hessians and Jacobians as `DMatrix<f64>`.
#[derive(Clone, Copy, Debug, Default)]
pub struct DVectorParams;

/// How a problem's parameters, vectors and matrices are stored: the one
/// thing [`VecParams`] and [`DVectorParams`] differ in, so each argmin
/// trait is implemented once.
pub trait Params {
    /// The parameter and vector type (`Vec<f64>`, `DVector<f64>`).
    type Vector;
    /// The matrix type of Hessians and Jacobians (rows, `DMatrix<f64>`).
    type Matrix;
    /// The entries of a vector.
    fn entries(x: &Self::Vector) -> &[f64];
    /// A vector of `entries`.
    fn vector(entries: Vec<f64>) -> Self::Vector;
    /// A matrix of `rows`, each of `columns` entries.
    fn matrix(rows: Vec<Vec<f64>>, columns: usize) -> Self::Matrix;
}

impl Params for VecParams {
    type Vector = Vec<f64>;
    type Matrix = Vec<Vec<f64>>;
    fn entries(x: &Vec<f64>) -> &[f64] {
        x
    }
    fn vector(entries: Vec<f64>) -> Vec<f64> {
        entries
    }
    fn matrix(rows: Vec<Vec<f64>>, _: usize) -> Vec<Vec<f64>> {
        rows
    }
}

impl Params for DVectorParams {
    type Vector = DVector<f64>;
    type Matrix = DMatrix<f64>;
    fn entries(x: &DVector<f64>) -> &[f64] {
        x.as_slice()
    }
    fn vector(entries: Vec<f64>) -> DVector<f64> {
        DVector::from_vec(entries)
    }
    fn matrix(rows: Vec<Vec<f64>>, columns: usize) -> DMatrix<f64> {
        DMatrix::from_fn(rows.len(), columns, |i, j| rows[i][j])
    }
}

/// An argmin problem for f: ℝⁿ → ℝ, from [`argmin_objective!`](crate::argmin_objective): its cost,
/// gradient (reverse mode) and Hessian (forward over reverse).
///
/// `C`, `G` and `H` are the function over `f64`, [`Var64`] and
/// [`HessianScalar`]; `P` is [`VecParams`] or [`DVectorParams`].
#[derive(Clone, Copy, Debug)]
pub struct Objective<C, G, H, P = VecParams> {
    cost: C,
    gradient: G,
    hessian: H,
    params: PhantomData<P>,
}

impl<C, G, H> Objective<C, G, H> {
    /// The problem from the function over each number type; write
    /// [`argmin_objective!`](crate::argmin_objective) instead, which pastes one function into all
    /// three.
    pub fn new(cost: C, gradient: G, hessian: H) -> Self
    where
        C: Fn(&[f64]) -> f64,
        G: Fn(&[Var64]) -> Var64,
        H: Fn(&[HessianScalar]) -> HessianScalar,
    {
        Objective { cost, gradient, hessian, params: PhantomData }
    }

    /// The same problem over nalgebra `DVector<f64>` parameters (Newton's
    /// method needs the `DMatrix` Hessian's inverse).
    ///
    /// ```
    /// use argmin::core::{Executor, State};
    /// use argmin::solver::newton::Newton;
    /// use autodiff_core::argmin::nalgebra::DVector;
    /// use autodiff_core::{argmin_objective, Scalar};
    ///
    /// fn bowl<T: Scalar>(x: &[T]) -> T {
    ///     (x[0] - 3.0).powi(2) + (x[1] + 1.0).powi(4) + x[0] * x[1]
    /// }
    /// let problem = argmin_objective!(bowl).dvector();
    /// let result = Executor::new(problem, Newton::<f64>::new())
    ///     .configure(|state| state.param(DVector::from_vec(vec![0.0, 0.0])).max_iters(50))
    ///     .run()
    ///     .unwrap();
    /// let x = result.state().get_best_param().unwrap();
    /// // ∇ = (2(x - 3) + y, 4(y + 1)³ + x) = 0
    /// assert!((2.0 * (x[0] - 3.0) + x[1]).abs() < 1e-9);
    /// assert!((4.0 * (x[1] + 1.0).powi(3) + x[0]).abs() < 1e-9);
    /// ```
    pub fn dvector(self) -> Objective<C, G, H, DVectorParams> {
        Objective {
            cost: self.cost,
            gradient: self.gradient,
            hessian: self.hessian,
            params: PhantomData,
        }
    }
}

/// The cost, f(x).
impl<C: Fn(&[f64]) -> f64, G, H, P: Params> CostFunction for Objective<C, G, H, P> {
    type Param = P::Vector;
    type Output = f64;
    fn cost(&self, x: &P::Vector) -> Result<f64, Error> {
        Ok((self.cost)(P::entries(x)))
    }
}

/// The gradient, by reverse mode ([`gradient_slice`]).
impl<C, G: Fn(&[Var64]) -> Var64, H, P: Params> Gradient for Objective<C, G, H, P> {
    type Param = P::Vector;
    type Gradient = P::Vector;
    fn gradient(&self, x: &P::Vector) -> Result<P::Vector, Error> {
        Ok(P::vector(gradient_slice(&self.gradient, P::entries(x)).1))
    }
}

/// The Hessian, by forward over reverse ([`hessian_reverse`]).
impl<C, G, H: Fn(&[HessianScalar]) -> HessianScalar, P: Params> Hessian for Objective<C, G, H, P> {
    type Param = P::Vector;
    type Hessian = P::Matrix;
    fn hessian(&self, x: &P::Vector) -> Result<P::Matrix, Error> {
        let x = P::entries(x);
        Ok(P::matrix(hessian_reverse(&self.hessian, x).2, x.len()))
    }
}

/// An argmin least-squares problem for residuals r: ℝⁿ → ℝᵐ, from
/// [`argmin_residuals!`](crate::argmin_residuals): `Operator` (r itself) and `Jacobian` (by
/// reverse mode, [`jacobian_reverse`]) for Gauss–Newton, and the cost
/// ½‖r‖² with its gradient Jᵀr (one reverse sweep, [`vjp`]) for the
/// solvers that minimise it.
///
/// `R` and `J` are the residual function over `f64` and [`Var64`]; `P` is
/// [`VecParams`] or [`DVectorParams`].
#[derive(Clone, Copy, Debug)]
pub struct Residuals<R, J, P = VecParams> {
    residuals: R,
    jacobian: J,
    params: PhantomData<P>,
}

impl<R, J> Residuals<R, J> {
    /// The problem from the residual function over each number type; write
    /// [`argmin_residuals!`](crate::argmin_residuals) instead.
    pub fn new(residuals: R, jacobian: J) -> Self
    where
        R: Fn(&[f64]) -> Vec<f64>,
        J: Fn(&[Var64]) -> Vec<Var64>,
    {
        Residuals { residuals, jacobian, params: PhantomData }
    }

    /// The same problem over nalgebra `DVector<f64>` parameters and
    /// residuals, with a `DMatrix<f64>` Jacobian (Gauss–Newton inverts
    /// JᵀJ): see [`argmin_residuals!`](crate::argmin_residuals) for an example.
    pub fn dvector(self) -> Residuals<R, J, DVectorParams> {
        Residuals { residuals: self.residuals, jacobian: self.jacobian, params: PhantomData }
    }
}

/// The residuals r(x).
impl<R: Fn(&[f64]) -> Vec<f64>, J, P: Params> Operator for Residuals<R, J, P> {
    type Param = P::Vector;
    type Output = P::Vector;
    fn apply(&self, x: &P::Vector) -> Result<P::Vector, Error> {
        Ok(P::vector((self.residuals)(P::entries(x))))
    }
}

/// The Jacobian of the residuals, one row per residual.
impl<R, J: Fn(&[Var64]) -> Vec<Var64>, P: Params> Jacobian for Residuals<R, J, P> {
    type Param = P::Vector;
    type Jacobian = P::Matrix;
    fn jacobian(&self, x: &P::Vector) -> Result<P::Matrix, Error> {
        let x = P::entries(x);
        Ok(P::matrix(jacobian_reverse(&self.jacobian, x).1, x.len()))
    }
}

/// The cost ½‖r(x)‖².
impl<R: Fn(&[f64]) -> Vec<f64>, J, P: Params> CostFunction for Residuals<R, J, P> {
    type Param = P::Vector;
    type Output = f64;
    fn cost(&self, x: &P::Vector) -> Result<f64, Error> {
        Ok((self.residuals)(P::entries(x)).iter().map(|r| r * r).sum::<f64>() * 0.5)
    }
}

/// The gradient of ½‖r‖², Jᵀr: the vector–Jacobian product (one reverse
/// sweep) with the residuals themselves as weights.
impl<R: Fn(&[f64]) -> Vec<f64>, J: Fn(&[Var64]) -> Vec<Var64>, P: Params> Gradient
    for Residuals<R, J, P>
{
    type Param = P::Vector;
    type Gradient = P::Vector;
    fn gradient(&self, x: &P::Vector) -> Result<P::Vector, Error> {
        let x = P::entries(x);
        Ok(P::vector(vjp(&self.jacobian, x, &(self.residuals)(x)).1))
    }
}

/// An argmin problem ([`Objective`]: cost, gradient and Hessian) from one
/// function of a slice, generic over its scalar or `#[differentiable]`:
/// `argmin_objective!(f)`, or with data, `argmin_objective!(|x| f(x, &data))`.
/// See the [module docs](crate::argmin) for a full example.
///
/// ```
/// use argmin::core::{CostFunction, Gradient};
/// use autodiff_core::{argmin_objective, Scalar};
///
/// fn fit<T: Scalar>(w: &[T], data: &[(f64, f64)]) -> T {
///     data.iter().map(|&(x, y)| (w[0] * x + w[1] - y).powi(2)).sum()
/// }
/// let data = [(0.0, 1.0), (1.0, 3.0), (2.0, 5.5)];
/// let problem = argmin_objective!(|w| fit(w, &data));
/// assert_eq!(problem.cost(&vec![2.0, 1.0]).unwrap(), 0.25);
/// // ∂/∂w₁ = Σ 2(w₀x + w₁ - y) = 2(0 + 0 - 0.5)
/// assert_eq!(problem.gradient(&vec![2.0, 1.0]).unwrap()[1], -1.0);
/// ```
#[macro_export]
macro_rules! argmin_objective {
    (|$x:ident| $body:expr) => {
        $crate::argmin::Objective::new(
            |$x: &[f64]| -> f64 { $body },
            |$x: &[$crate::Var64]| -> $crate::Var64 { $body },
            |$x: &[$crate::argmin::HessianScalar]| -> $crate::argmin::HessianScalar { $body },
        )
    };
    ($f:path) => {
        $crate::argmin_objective!(|x| $f(x))
    };
}

/// An argmin least-squares problem ([`Residuals`]: `Operator`,
/// `Jacobian`, and the cost ½‖r‖² with its gradient) from one function
/// returning the residuals as a `Vec`, generic over its scalar or
/// `#[differentiable]`: `argmin_residuals!(r)` or
/// `argmin_residuals!(|p| r(p, &data))`.
///
/// ```
/// use argmin::core::{Executor, State};
/// use argmin::solver::gaussnewton::GaussNewton;
/// use autodiff_core::argmin::nalgebra::DVector;
/// use autodiff_core::{argmin_residuals, Scalar};
///
/// // y = a·e^(-k t) through three exact points of a = 2, k = 0.5
/// fn residuals<T: Scalar>(p: &[T], data: &[(f64, f64)]) -> Vec<T> {
///     data.iter().map(|&(t, y)| p[0] * (p[1] * -t).exp() - y).collect()
/// }
/// let data: Vec<(f64, f64)> = [0.0f64, 1.0, 3.0].iter().map(|&t| (t, 2.0 * (-0.5 * t).exp())).collect();
/// let problem = argmin_residuals!(|p| residuals(p, &data)).dvector();
/// let result = Executor::new(problem, GaussNewton::<f64>::new())
///     .configure(|state| state.param(DVector::from_vec(vec![1.0, 1.0])).max_iters(30))
///     .run()
///     .unwrap();
/// let p = result.state().get_best_param().unwrap();
/// assert!((p[0] - 2.0).abs() < 1e-9 && (p[1] - 0.5).abs() < 1e-9);
/// ```
#[macro_export]
macro_rules! argmin_residuals {
    (|$x:ident| $body:expr) => {
        $crate::argmin::Residuals::new(
            |$x: &[f64]| -> ::std::vec::Vec<f64> { $body },
            |$x: &[$crate::Var64]| -> ::std::vec::Vec<$crate::Var64> { $body },
        )
    };
    ($f:path) => {
        $crate::argmin_residuals!(|x| $f(x))
    };
}
