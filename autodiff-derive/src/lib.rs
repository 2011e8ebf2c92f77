//! Procedural macros of the `autodiff` crate.
//!
//! The `#[differentiable]` attribute lands here; until then the crate only
//! reserves its place in the workspace.
#![deny(missing_docs)]
