//! Sparse Jacobians and Hessians (in progress).

mod colouring;
mod matrix;
mod pattern;

pub use matrix::SparseMatrix;
pub use pattern::{PatternChanged, SparsityPattern};
