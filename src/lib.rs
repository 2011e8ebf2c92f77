#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

pub use autodiff_core::*;
pub use autodiff_derive::{differentiable, Differentiable};

/// Everything a user needs, in one import: `use autodiff::prelude::*;`.
///
/// The number types and their aliases, the [`Scalar`] and [`Real`] traits
/// and the bounds `#[differentiable]` fns carry, `num_traits::Float`,
/// `FloatConst` and `TotalOrder` (so `x.sin()` and `x.total_cmp(&y)` work
/// on every type),
/// every driver function, the `.grad(x)`-style extension traits, and the
/// `#[differentiable]` attribute and `#[derive(Differentiable)]`.
pub mod prelude {
    /// argmin problems from one function (feature `argmin`).
    #[cfg(feature = "argmin")]
    pub use autodiff_core::{argmin_objective, argmin_residuals};
    pub use autodiff_core::{check_derivative, check_gradient, DerivativeCheck, GradientCheck};
    pub use autodiff_core::{
        derivative, gradient, gradient_slice, gradient_slice_chunked, hessian, hessian_slice,
        hessian_slice_chunked, hvp, hvp_slice, implicit_root, implicit_solve, jacobian,
        jacobian_slice, jacobian_slice_chunked, jvp, jvp_slice, second_derivative,
        second_partial_derivative, softmax, value_and_derivative, AssignFrom, ByRefOps, Dual,
        Dual2, Dual2Vec, Dual2Vec64, Dual2_32, Dual2_64, Dual32, Dual64, DualVec, DualVec32,
        DualVec64, F64Ops, Float, FloatConst, HyperDual, HyperDual32, HyperDual64, LeftOps, Real,
        RefOps, Scalar, TotalOrder,
    };
    pub use autodiff_core::{derivatives, nth_derivative, taylor, taylor_along, Jet, Jet32, Jet64};
    pub use autodiff_core::{
        gradient_forward, gradient_reverse, hessian_reverse, jacobian_reverse, vjp, Var, Var2,
        Var2_32, Var2_64, Var32, Var64,
    };
    pub use autodiff_core::{
        gradient_params, jvp_params, Differentiable, Grad, Hessian, Jacobian, ValueAndGrad,
    };
    pub use autodiff_core::{
        hessian_sparse, jacobian_sparse, PatternChanged, SparseHessian, SparseJacobian,
        SparseMatrix, SparsityPattern,
    };
    pub use autodiff_derive::{differentiable, Differentiable};
}
