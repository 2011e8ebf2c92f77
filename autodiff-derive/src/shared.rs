//! nalgebra in a `#[differentiable]` fn: whether it names nalgebra or
//! factorises a matrix, and its method calls when its scalar is also
//! nalgebra's `RealField`.
//!
//! A fn that factorises a matrix (`lu`, `determinant`, `svd`, ...) needs
//! its scalar to be a `RealField`, whose elementary functions have the
//! names of `Float`'s: `x.sin()` would then be ambiguous (E0034). In such a
//! fn every call of one of those names, `recv.sin()`, becomes
//! `::autodiff::__private::shared::sin(recv)`, a function that takes every
//! receiver such a call has in ordinary code (see that module).

use proc_macro2::{Ident, TokenStream, TokenTree};
use quote::quote_spanned;
use syn::spanned::Spanned;
use syn::visit_mut::{self, VisitMut};
use syn::{Expr, ExprPath};

use crate::rewrite::{generated, unparen};

/// The method names `Float` shares with nalgebra's `RealField` and
/// `ComplexField`, with their number of arguments (an iterator's `max()`
/// takes none, so it is left alone).
const SHARED: &[(&str, usize)] = &[
    ("floor", 0),
    ("ceil", 0),
    ("round", 0),
    ("trunc", 0),
    ("fract", 0),
    ("abs", 0),
    ("signum", 0),
    ("recip", 0),
    ("sqrt", 0),
    ("cbrt", 0),
    ("exp", 0),
    ("exp2", 0),
    ("exp_m1", 0),
    ("ln", 0),
    ("ln_1p", 0),
    ("log2", 0),
    ("log10", 0),
    ("sin", 0),
    ("cos", 0),
    ("tan", 0),
    ("asin", 0),
    ("acos", 0),
    ("atan", 0),
    ("sin_cos", 0),
    ("sinh", 0),
    ("cosh", 0),
    ("tanh", 0),
    ("asinh", 0),
    ("acosh", 0),
    ("atanh", 0),
    ("is_finite", 0),
    ("is_sign_positive", 0),
    ("is_sign_negative", 0),
    ("powi", 1),
    ("powf", 1),
    ("log", 1),
    ("hypot", 1),
    ("copysign", 1),
    ("max", 1),
    ("min", 1),
    ("atan2", 1),
    ("abs_sub", 1),
    ("mul_add", 2),
    ("clamp", 2),
];

/// The nalgebra methods and types that need `ComplexField` of the scalar:
/// the decompositions and what is built on them.
const FIELD_METHODS: &[&str] = &[
    "determinant",
    "try_inverse",
    "try_inverse_mut",
    "lu",
    "full_piv_lu",
    "qr",
    "col_piv_qr",
    "svd",
    "svd_unordered",
    "try_svd",
    "try_svd_unordered",
    "polar",
    "symmetric_eigen",
    "symmetric_eigenvalues",
    "try_symmetric_eigen",
    "schur",
    "try_schur",
    "eigenvalues",
    "complex_eigenvalues",
    "cholesky",
    "udu",
    "hessenberg",
    "bidiagonalize",
    "pseudo_inverse",
    "rank",
    "is_invertible",
    "solve_lower_triangular",
    "solve_upper_triangular",
    "solve_lower_triangular_mut",
    "solve_upper_triangular_mut",
];
const FIELD_TYPES: &[&str] = &[
    "LU",
    "FullPivLU",
    "QR",
    "ColPivQR",
    "SVD",
    "SymmetricEigen",
    "Schur",
    "Hessenberg",
    "Bidiagonal",
    "UDU",
    "RealField",
    "ComplexField",
];

fn arity(name: &str) -> Option<usize> {
    SHARED.iter().find(|(n, _)| *n == name).map(|(_, a)| *a)
}

/// Whether the fn calls a nalgebra method (`.lu(`, `.determinant(`) or
/// names a type that needs the scalar to be a `ComplexField`.
pub(crate) fn needs_field(tokens: TokenStream) -> bool {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    trees.iter().enumerate().any(|(k, tree)| match tree {
        TokenTree::Ident(ident) => {
            let name = ident.to_string();
            let called = matches!(trees.get(k.wrapping_sub(1)), Some(TokenTree::Punct(p)) if p.as_char() == '.')
                && matches!(trees.get(k + 1), Some(TokenTree::Group(_)));
            (called && FIELD_METHODS.contains(&name.as_str())) || FIELD_TYPES.contains(&name.as_str())
        }
        TokenTree::Group(group) => needs_field(group.stream()),
        _ => false,
    })
}

/// Rewrites the shared names' calls (see the module documentation).
pub(crate) struct SharedCalls {
    /// The scalar type parameter: `S::sin` paths (from `f64::sin`) go
    /// through `shared` too.
    pub scalar: Ident,
}

impl SharedCalls {
    fn function(&self, name: &Ident) -> TokenStream {
        let span = generated(name.span());
        quote_spanned!(span=> ::autodiff::__private::shared::#name)
    }
}

impl VisitMut for SharedCalls {
    fn visit_expr_mut(&mut self, expr: &mut Expr) {
        visit_mut::visit_expr_mut(self, expr);
        match expr {
            Expr::MethodCall(m)
                if m.turbofish.is_none() && arity(&m.method.to_string()) == Some(m.args.len()) =>
            {
                let f = self.function(&m.method);
                // `(a / 4.0).asin()`: the parentheses go, or they would be
                // unused around the argument.
                let (receiver, args) = (unparen(&m.receiver), m.args.iter());
                let span = generated(m.span());
                *expr = syn::parse_quote_spanned!(span=> #f(#receiver, #(#args),*));
            }
            Expr::Path(ExprPath { qself: None, path, .. })
                if path.segments.len() == 2
                    && path.segments[0].ident == self.scalar
                    && arity(&path.segments[1].ident.to_string()).is_some() =>
            {
                let f = self.function(&path.segments[1].ident);
                *expr = syn::parse_quote!(#f);
            }
            _ => {}
        }
    }
}

/// Whether the fn names a nalgebra vector, matrix or geometric type (or the
/// crate itself): an `f32` fn's scalar then states nalgebra's
/// `SimdRealField`, and one that factorises gets a `RealField` scalar.
pub(crate) fn names_nalgebra(tokens: TokenStream) -> bool {
    const PREFIXES: [&str; 12] = [
        "Matrix",
        "Vector",
        "RowVector",
        "SMatrix",
        "DMatrix",
        "OMatrix",
        "SVector",
        "DVector",
        "OVector",
        "RowSVector",
        "RowDVector",
        "RowOVector",
    ];
    const NAMES: [&str; 14] = [
        "nalgebra",
        "Point",
        "OPoint",
        "Unit",
        "Quaternion",
        "UnitQuaternion",
        "UnitComplex",
        "Rotation",
        "Rotation2",
        "Rotation3",
        "Isometry",
        "Isometry2",
        "Isometry3",
        "Cholesky",
    ];
    tokens.into_iter().any(|tree| match tree {
        TokenTree::Ident(ident) => {
            let name = ident.to_string();
            NAMES.contains(&name.as_str())
                || PREFIXES.iter().any(|p| {
                    name.strip_prefix(p)
                        .is_some_and(|rest| rest.chars().all(|c| c.is_ascii_digit() || c == 'x'))
                })
                || name.starts_with("Point") && name[5..].chars().all(|c| c.is_ascii_digit())
        }
        TokenTree::Group(group) => names_nalgebra(group.stream()),
        _ => false,
    })
}
