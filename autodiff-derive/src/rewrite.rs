//! The body rewrite: every `f64` of the fn becomes the scalar type
//! parameter, as a `VisitMut` over the signature and the body (and a token
//! walk inside macro calls, whose arguments syn cannot see as expressions).
//!
//! | written | becomes |
//! |---|---|
//! | `f64` in a type (`[f64; 3]`, `&[f64]`, `Vec<f64>`, `\|x: f64\|`) | `S` |
//! | float literal `2.0`, `1e-3`, `2f64` | `S::cst(2.0)` |
//! | `f64::consts::PI`, `std::f64::consts::E`, `f64::EPSILON` | `S::cst(f64::consts::PI)` |
//! | `f64::sin(x)` (a `Float`/`Real` method) | `S::sin(x)` |
//! | `f64::from(n)` (anything else on `f64`) | `S::cst(f64::from(n))` |
//! | `expr as f64` | `cast::<S, _>(expr)`, which rejects dual numbers |
//!
//! Integer literals, indices and `f32` stay as they are. Items nested in the
//! body (inner fns, consts) are left alone: they cannot use the outer fn's
//! type parameter.

use proc_macro2::{Group, Ident, Span, TokenStream, TokenTree};
use quote::{quote, quote_spanned, ToTokens};
use syn::spanned::Spanned;
use syn::visit_mut::{self, VisitMut};
use syn::{Expr, ExprCall, ExprCast, ExprLit, ExprPath, Item, Lit, Macro, Path, Type, TypePath};

/// Methods of `num_traits::Float` and `autodiff::Real` that `f64::name(x)`
/// may call; they are rewritten to `S::name(x)`.
const SCALAR_METHODS: &[&str] = &[
    "abs",
    "abs_sub",
    "acos",
    "acosh",
    "asin",
    "asinh",
    "atan",
    "atan2",
    "atanh",
    "cbrt",
    "ceil",
    "clamp",
    "copysign",
    "cos",
    "cosh",
    "digamma",
    "elu",
    "erf",
    "erfc",
    "exp",
    "exp2",
    "exp_m1",
    "floor",
    "fract",
    "gamma",
    "hypot",
    "leaky_relu",
    "ln",
    "ln_1p",
    "ln_gamma",
    "log",
    "log10",
    "log2",
    "max",
    "min",
    "mul_add",
    "polygamma",
    "powf",
    "powi",
    "recip",
    "relu",
    "round",
    "sigmoid",
    "signum",
    "sin",
    "sin_cos",
    "sinh",
    "softplus",
    "sqrt",
    "tan",
    "tanh",
    "to_degrees",
    "to_radians",
    "trunc",
];

/// Whether `ty` mentions `f64` anywhere (`f64`, `[f64; 2]`, `&[f64]`,
/// `(f64, usize)`, `Params<f64>`, ...).
pub(crate) fn mentions_f64(ty: &Type) -> bool {
    tokens_mention_f64(ty.to_token_stream())
}

fn tokens_mention_f64(tokens: TokenStream) -> bool {
    tokens.into_iter().any(|t| match t {
        TokenTree::Ident(i) => i == "f64",
        TokenTree::Group(g) => tokens_mention_f64(g.stream()),
        _ => false,
    })
}

/// Whether `path` is exactly `f64`.
fn is_f64_path(path: &Path) -> bool {
    path.leading_colon.is_none() && path.segments.len() == 1 && path.is_ident("f64")
}

/// Whether `path` names an `f64` constant: `f64::X`, `f64::consts::X`,
/// `std::f64::consts::X`, `core::f64::X`, ...
fn is_f64_constant(path: &Path) -> bool {
    let names: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
    let rest = match names.first().map(String::as_str) {
        Some("std" | "core") => &names[1..],
        _ => &names[..],
    };
    match rest {
        [f, _] if f == "f64" => is_constant_name(&rest[1]),
        [f, consts, _] if f == "f64" && consts == "consts" => true,
        _ => false,
    }
}

/// SCREAMING_CASE: a constant, not a function.
fn is_constant_name(name: &str) -> bool {
    name.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

/// Whether a literal is an `f64` one: a float literal unsuffixed or with
/// `f64`, or an integer literal with `f64` (`2f64`).
fn is_f64_literal(lit: &Lit) -> bool {
    match lit {
        Lit::Float(l) => matches!(l.suffix(), "" | "f64"),
        Lit::Int(l) => l.suffix() == "f64",
        _ => false,
    }
}

/// Rewrites a fn's types and body to use the scalar type parameter.
pub(crate) struct Rewriter {
    /// The scalar type parameter.
    pub scalar: Ident,
}

impl Rewriter {
    /// `S::cst(tokens)`, spanned like the original.
    fn lift(&self, span: Span, tokens: TokenStream) -> TokenStream {
        let s = &self.scalar;
        quote_spanned!(span=> <#s as ::autodiff::Real>::cst(#tokens))
    }

    /// Rewrites the tokens of a macro call: float literals, `f64` constants,
    /// `f64::method` paths and bare `f64` types.
    fn rewrite_tokens(&self, tokens: TokenStream) -> TokenStream {
        let trees: Vec<TokenTree> = tokens.into_iter().collect();
        let mut out = TokenStream::new();
        let mut i = 0;
        while i < trees.len() {
            // A path starting here: [std|core ::] f64 :: name [:: name]
            if let Some((len, path)) = f64_path_at(&trees[i..]) {
                let span = trees[i].span();
                let names: Vec<String> = path.iter().map(|n| n.to_string()).collect();
                let last = names.last().map(String::as_str).unwrap_or_default();
                let tokens: TokenStream = trees[i..i + len].iter().cloned().collect();
                if names.iter().any(|n| n == "consts") || is_constant_name(last) {
                    out.extend(self.lift(span, tokens));
                } else if SCALAR_METHODS.contains(&last) {
                    let s = &self.scalar;
                    let name = Ident::new(last, path[path.len() - 1].span());
                    out.extend(quote!(#s::#name));
                } else {
                    out.extend(tokens);
                }
                i += len;
                continue;
            }
            match &trees[i] {
                TokenTree::Group(g) => {
                    let mut group = Group::new(g.delimiter(), self.rewrite_tokens(g.stream()));
                    group.set_span(g.span());
                    out.extend([TokenTree::Group(group)]);
                }
                TokenTree::Literal(l) if is_f64_literal(&Lit::new(l.clone())) => {
                    out.extend(self.lift(l.span(), l.to_token_stream()));
                }
                TokenTree::Ident(id) if id == "f64" => {
                    let mut s = self.scalar.clone();
                    s.set_span(id.span());
                    out.extend([TokenTree::Ident(s)]);
                }
                t => out.extend([t.clone()]),
            }
            i += 1;
        }
        out
    }
}

/// If `trees` starts with a path through `f64` (`f64::X`, `std::f64::X`,
/// `f64::consts::X`), its length in tokens and its identifiers after `f64`.
fn f64_path_at(trees: &[TokenTree]) -> Option<(usize, Vec<Ident>)> {
    let ident = |t: Option<&TokenTree>| match t {
        Some(TokenTree::Ident(i)) => Some(i.clone()),
        _ => None,
    };
    let is_colons = |k: usize| {
        matches!((trees.get(k), trees.get(k + 1)),
            (Some(TokenTree::Punct(a)), Some(TokenTree::Punct(b))) if a.as_char() == ':' && b.as_char() == ':')
    };
    let mut k = 0;
    if let Some(first) = ident(trees.first()) {
        if (first == "std" || first == "core") && is_colons(1) {
            k = 3;
        }
    }
    if ident(trees.get(k)).is_none_or(|i| i != "f64") || !is_colons(k + 1) {
        return None;
    }
    k += 3;
    let mut names = vec![ident(trees.get(k))?];
    k += 1;
    while is_colons(k) {
        names.push(ident(trees.get(k + 2))?);
        k += 3;
    }
    Some((k, names))
}

impl VisitMut for Rewriter {
    fn visit_type_mut(&mut self, ty: &mut Type) {
        if let Type::Path(TypePath { qself: None, path }) = ty {
            if is_f64_path(path) {
                let mut s = self.scalar.clone();
                s.set_span(path.span());
                *ty = syn::parse_quote!(#s);
                return;
            }
        }
        visit_mut::visit_type_mut(self, ty);
    }

    fn visit_expr_mut(&mut self, expr: &mut Expr) {
        match expr {
            Expr::Lit(ExprLit { lit, .. }) if is_f64_literal(lit) => {
                let lifted = self.lift(lit.span(), lit.to_token_stream());
                *expr = syn::parse_quote!(#lifted);
            }
            Expr::Path(ExprPath { qself: None, path, .. }) if is_f64_constant(path) => {
                let lifted = self.lift(path.span(), path.to_token_stream());
                *expr = syn::parse_quote!(#lifted);
            }
            Expr::Call(ExprCall { func, args, .. }) => {
                for arg in args.iter_mut() {
                    self.visit_expr_mut(arg);
                }
                let on_f64 = match &**func {
                    Expr::Path(ExprPath { qself: None, path, .. }) if path.segments.len() == 2 => {
                        path.segments[0].ident == "f64" && path.leading_colon.is_none()
                    }
                    _ => false,
                };
                if !on_f64 {
                    self.visit_expr_mut(func);
                    return;
                }
                let Expr::Path(ExprPath { path, .. }) = &mut **func else { return };
                let name = path.segments[1].ident.to_string();
                if SCALAR_METHODS.contains(&name.as_str()) {
                    path.segments[0].ident = self.scalar.clone();
                } else {
                    let lifted = self.lift(expr.span(), expr.to_token_stream());
                    *expr = syn::parse_quote!(#lifted);
                }
            }
            Expr::Cast(ExprCast { ty, .. }) if matches!(&**ty, Type::Path(TypePath { qself: None, path }) if is_f64_path(path)) =>
            {
                let Expr::Cast(ExprCast { expr: inner, .. }) = expr else { return };
                // Spanned on the value cast, which is what the error is about.
                let span = inner.span();
                self.visit_expr_mut(inner);
                let s = &self.scalar;
                let cast: TokenStream =
                    quote_spanned!(span=> ::autodiff::__private::cast::<#s, _>(#inner));
                *expr = syn::parse_quote!(#cast);
            }
            _ => visit_mut::visit_expr_mut(self, expr),
        }
    }

    fn visit_macro_mut(&mut self, mac: &mut Macro) {
        mac.tokens = self.rewrite_tokens(std::mem::take(&mut mac.tokens));
    }

    fn visit_item_mut(&mut self, _item: &mut Item) {
        // Nested items cannot see the outer type parameter: leave them be.
    }
}
