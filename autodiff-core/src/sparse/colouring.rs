//! Colourings of a sparsity pattern.
