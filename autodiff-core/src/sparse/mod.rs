//! Sparse Jacobians and Hessians: detect the pattern, colour it, evaluate
//! compressed.
//!
//! [`jacobian_sparse`] and [`hessian_sparse`] record one call of `f` on a
//! tape, read the sparsity pattern off the recording (which inputs each
//! output depends on), colour it so that structurally orthogonal columns
//! share a colour, and sweep the tape once per colour instead of once per
//! input: the cost follows the number of colours, not n.

mod colouring;
mod compressed;
mod detect;
mod hessian;
mod jacobian;
mod matrix;
mod pattern;

/// How many steps of detection or colouring cost about as much as one
/// node-lane of a sweep (a step is a comparison and a store; a node-lane
/// a few multiplications and additions): detection and colouring may take
/// this many steps per node-lane of a dense evaluation before falling
/// back to it.
const STEPS_PER_LANE: usize = 4;

pub use hessian::{hessian_sparse, SparseHessian};
pub use jacobian::{jacobian_sparse, SparseJacobian};
pub use matrix::SparseMatrix;
pub use pattern::{PatternChanged, SparsityPattern};
