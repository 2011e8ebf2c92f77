//! The body rewrite: every `f64` of the fn (or every `f32`, for an `f32`
//! fn) becomes the scalar type parameter, as a `VisitMut` over the
//! signature and the body (and a token walk inside macro calls, whose
//! arguments syn cannot see as expressions).
//!
//! | written | becomes |
//! |---|---|
//! | `f64` in a type (`[f64; 3]`, `&[f64]`, `Vec<f64>`, `\|x: f64\|`) | `S` |
//! | float literal `2.0`, `1e-3`, `2f64` | `S::cst(2.0)` |
//! | `f64::consts::PI`, `std::f64::consts::E`, `f64::EPSILON` | `S::cst(f64::consts::PI)` |
//! | `f64::sin(x)`, `map(f64::sin)` (a method of `Float`/`Real`) | `S::sin(x)`, `map(S::sin)` |
//! | `f64::from(n)`, `map(f64::from)` | `lift_from::<S, _>(n)`, `map(lift_from::<S, _>)` |
//! | `f64::from_bits(b)` (any other fn on `f64`) | `S::cst(f64::from_bits(b))` |
//! | `expr as f64` | `cast::<S, _>(expr)`, which rejects dual numbers |
//! | `x.max(p.floor)`, `p.floor.max(x)`, `f64::max(x, p.floor)` (and `min`, `clamp`, `powf`, `atan2`, `hypot`, `log`, `mul_add`, ...) | `f64` data among the receiver and arguments lifted |
//! | `expr as usize` (any primitive integer) | the value's cast: a step function, derivative 0, like `floor` |
//! | `#[constant] let k2 = 2.0 * k;` | left as written: `f64` data |
//! | `let mut acc = p.c0;`, `let t: f64 = p.t;`, `let (mut a, mut b) = (p.a, p.b);` (a variable, field or element) | `f64` data lifted into the scalar, anything else as it is |
//! | `a = b op c`, `a = b`, `a = p.c`, `a = v[i]` | `assign(.., &mut a)`: `f64` data into a scalar is lifted; a differentiated value into `f64` data is an error that names the fix |
//! | `a += b` (every compound assignment) | `op_assign(b, &mut a)`, whose error names the fix for an `f64` accumulator |
//!
//! Integer literals and indices stay as they are, and so does the other
//! float type. Items nested in the body cannot use the outer fn's type
//! parameter: a nested fn with `f64` inputs is made differentiable on its
//! own, other items (consts, structs) are left alone.
//!
//! Every token the rewrite writes is spanned at the user's code it
//! replaces (errors point there) but resolved at the macro's call site,
//! so rustc and clippy see it as macro output and lint only the user's own
//! tokens.

use proc_macro2::{Group, Ident, Span, TokenStream, TokenTree};
use quote::{quote, quote_spanned, ToTokens};
use syn::parse::ParseStream;
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::visit_mut::{self, VisitMut};
use syn::{
    BinOp, Block, Expr, ExprBinary, ExprCall, ExprCast, ExprLit, ExprParen, ExprPath, Item, Lit,
    Local, Macro, Pat, PatIdent, Path, Stmt, Token, Type, TypePath,
};

/// Methods of `num_traits::Float`, `TotalOrder` and `autodiff::Real` that
/// `f64::name` may name; they are rewritten to `S::name`.
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
    "classify",
    "copysign",
    "cos",
    "cosh",
    "digamma",
    "div_euclid",
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
    "integer_decode",
    "is_finite",
    "is_infinite",
    "is_nan",
    "is_normal",
    "is_sign_negative",
    "is_sign_positive",
    "is_subnormal",
    "leaky_relu",
    "ln",
    "ln_1p",
    "ln_gamma",
    "log",
    "log10",
    "log2",
    "max",
    "midpoint",
    "min",
    "mul_add",
    "next_down",
    "next_up",
    "polygamma",
    "powf",
    "powi",
    "recip",
    "relu",
    "rem_euclid",
    "round",
    "round_ties_even",
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
    "total_cmp",
    "trunc",
];

/// The `Float`/`Real` methods that take more numbers than `self` (`x.max(y)`,
/// `x.powf(p)`): `f64` data among their receiver and arguments is lifted, so
/// that `x.max(p.floor)` and `p.floor.max(x)` work beside a differentiated
/// `x`.
const FLOAT_ARG_METHODS: &[&str] = &[
    "abs_sub",
    "atan2",
    "clamp",
    "copysign",
    "div_euclid",
    "hypot",
    "log",
    "max",
    "midpoint",
    "min",
    "mul_add",
    "powf",
    "rem_euclid",
];

/// The primitive integer types: `x as i32` of a differentiated `x` casts
/// its value.
const INTEGERS: &[&str] =
    &["i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16", "u32", "u64", "u128", "usize"];

/// The float type a fn is written in, which the rewrite replaces.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Float {
    F64,
    F32,
}

impl Float {
    /// `"f64"` or `"f32"`.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Float::F64 => "f64",
            Float::F32 => "f32",
        }
    }
}

/// Whether `ty` mentions the float type `float` anywhere (`f64`,
/// `[f64; 2]`, `&[f64]`, `(f64, usize)`, `Params<f64>`, ...).
pub(crate) fn mentions(ty: &Type, float: Float) -> bool {
    tokens_mention(ty.to_token_stream(), float.name())
}

fn tokens_mention(tokens: TokenStream, name: &str) -> bool {
    tokens.into_iter().any(|t| match t {
        TokenTree::Ident(i) => i == name,
        TokenTree::Group(g) => tokens_mention(g.stream(), name),
        _ => false,
    })
}

/// Whether `path` is exactly the identifier `name`.
fn is_ident_path(path: &Path, name: &str) -> bool {
    path.leading_colon.is_none() && path.segments.len() == 1 && path.is_ident(name)
}

/// SCREAMING_CASE: a constant, not a function.
fn is_constant_name(name: &str) -> bool {
    name.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

/// A span at `at` (for errors) resolved at the macro's call site (so lints
/// see macro output, not the user's code).
pub(crate) fn generated(at: Span) -> Span {
    Span::call_site().located_at(at)
}

/// Drops redundant parentheses around an expression the rewrite moves
/// into a call argument (`(n + 1) as f64` becomes `cast(n + 1)`).
pub(crate) fn unparen(expr: &Expr) -> &Expr {
    match expr {
        Expr::Paren(ExprParen { expr, .. }) => unparen(expr),
        e => e,
    }
}

/// Whether `e` reads a value that needs no coercion to be stored: an
/// arithmetic expression (`a * x + b`), a variable, a field or an element.
/// (`r = &v` and calls may rely on a coercion and are left as they are.)
fn is_value_read(e: &Expr) -> bool {
    matches!(
        e,
        Expr::Binary(ExprBinary {
            op: BinOp::Add(_) | BinOp::Sub(_) | BinOp::Mul(_) | BinOp::Div(_) | BinOp::Rem(_),
            ..
        }) | Expr::Path(_)
            | Expr::Field(_)
            | Expr::Index(_)
    )
}

/// Whether a `let mut` binding's initial value reads `f64` data that an
/// accumulator may start from: a variable, a field or an element
/// (`let mut acc = p.c0;`).
fn is_data_read(e: &Expr) -> bool {
    matches!(e, Expr::Path(_) | Expr::Field(_) | Expr::Index(_))
}

/// The compound assignments and the `__private` fn each becomes.
fn assign_fn(op: &BinOp) -> Option<&'static str> {
    Some(match op {
        BinOp::AddAssign(_) => "add_assign",
        BinOp::SubAssign(_) => "sub_assign",
        BinOp::MulAssign(_) => "mul_assign",
        BinOp::DivAssign(_) => "div_assign",
        BinOp::RemAssign(_) => "rem_assign",
        _ => return None,
    })
}

/// Rewrites a fn's types and body to use the scalar type parameter.
pub(crate) struct Rewriter {
    /// The scalar type parameter.
    pub scalar: Ident,
    /// The float type it replaces.
    pub float: Float,
    /// Fns known to take the scalar (the fn itself, its nested helpers),
    /// with which parameters are the scalar: `f64` data passed there is
    /// lifted (`helper(p.c0, 0.5)`). Innermost last.
    pub known_fns: Vec<(Ident, Vec<bool>)>,
}

impl Rewriter {
    /// Whether a literal is one of the rewritten float type: a float
    /// literal unsuffixed or with its suffix, or an integer literal with
    /// its suffix (`2f64`).
    fn is_float_literal(&self, lit: &Lit) -> bool {
        let name = self.float.name();
        match lit {
            Lit::Float(l) => l.suffix().is_empty() || l.suffix() == name,
            Lit::Int(l) => l.suffix() == name,
            _ => false,
        }
    }

    /// `S::cst(value)` for a value of the rewritten float type, spanned
    /// like the original. An `f32` is widened exactly first.
    fn lift(&self, span: Span, value: TokenStream) -> TokenStream {
        let s = &self.scalar;
        let span = generated(span);
        match self.float {
            Float::F64 => quote_spanned!(span=> <#s as ::autodiff::Real>::cst(#value)),
            Float::F32 => {
                quote_spanned!(span=> <#s as ::autodiff::Real>::cst(<f64 as ::core::convert::From<f32>>::from(#value)))
            }
        }
    }

    /// A float literal lifted: `2.0` becomes `S::cst(2.0)` (`2.0f32` for an
    /// `f32` fn, so it keeps its own rounding).
    fn lift_literal(&self, lit: &Lit) -> TokenStream {
        let value = match (self.float, lit) {
            (Float::F32, Lit::Float(l)) => {
                Lit::Float(syn::LitFloat::new(&format!("{}f32", l.base10_digits()), l.span()))
                    .into_token_stream()
            }
            (Float::F32, Lit::Int(l)) => {
                Lit::Float(syn::LitFloat::new(&format!("{}.0f32", l.base10_digits()), l.span()))
                    .into_token_stream()
            }
            _ => lit.to_token_stream(),
        };
        self.lift(lit.span(), value)
    }

    /// The scalar type parameter, spanned at `at`.
    fn scalar_at(&self, at: Span) -> Ident {
        let mut s = self.scalar.clone();
        s.set_span(generated(at));
        s
    }

    /// If `path` goes through the float type (`f64::X`, `f64::consts::X`,
    /// `std::f64::consts::X`), the names after it.
    fn float_path<'p>(&self, path: &'p Path) -> Option<Vec<&'p Ident>> {
        if path.leading_colon.is_some() && path.segments.len() < 3 {
            return None;
        }
        let names: Vec<&Ident> = path.segments.iter().map(|s| &s.ident).collect();
        let rest = match names.first() {
            Some(i) if *i == "std" || *i == "core" => &names[1..],
            _ => &names[..],
        };
        match rest {
            [f, tail @ ..] if *f == self.float.name() && !tail.is_empty() => Some(tail.to_vec()),
            _ => None,
        }
    }

    /// What a path through the float type becomes, as an expression:
    /// constants are lifted, methods go to the scalar, `from` lifts what it
    /// converts. `None` for anything else (`f64::from_bits`), which a call
    /// lifts whole.
    fn float_path_expr(&self, path: &Path) -> Option<TokenStream> {
        let tail = self.float_path(path)?;
        let last = tail.last()?.to_string();
        let span = path.span();
        if tail.iter().any(|n| *n == "consts") || is_constant_name(&last) {
            return Some(self.lift(span, path.to_token_stream()));
        }
        if tail.len() != 1 {
            return None;
        }
        if SCALAR_METHODS.contains(&last.as_str()) {
            let s = self.scalar_at(span);
            let name = tail[0];
            return Some(quote!(#s::#name));
        }
        if last == "from" {
            // `f64::from(n)`, `map(f64::from)`: the conversion, lifted.
            let s = &self.scalar;
            let span = generated(span);
            return Some(match self.float {
                Float::F64 => quote_spanned!(span=> ::autodiff::__private::lift_from::<#s, _>),
                Float::F32 => quote_spanned!(span=> ::autodiff::__private::lift_from_f32::<#s, _>),
            });
        }
        // Anything else (`f64::from_bits(b)`) is lifted around the call by
        // the caller, and left as it is as a value.
        None
    }

    /// Rewrites the tokens of a macro call: float literals, float
    /// constants, `f64::method` paths and bare float types.
    fn rewrite_tokens(&self, tokens: TokenStream) -> TokenStream {
        let trees: Vec<TokenTree> = tokens.into_iter().collect();
        let mut out = TokenStream::new();
        let mut i = 0;
        while i < trees.len() {
            if let Some((len, path)) = self.path_at(&trees[i..]) {
                let call = match trees.get(i + len) {
                    Some(TokenTree::Group(g))
                        if g.delimiter() == proc_macro2::Delimiter::Parenthesis =>
                    {
                        Some(g)
                    }
                    _ => None,
                };
                match (self.float_path_expr(&path), call) {
                    (Some(t), _) => {
                        out.extend(t);
                        i += len;
                    }
                    (None, Some(args)) => {
                        // `f64::from_bits(b)`: an `f64` value, lifted whole.
                        let args = Group::new(args.delimiter(), self.rewrite_tokens(args.stream()));
                        out.extend(self.lift(path.span(), quote!(#path #args)));
                        i += len + 1;
                    }
                    (None, None) => {
                        out.extend(trees[i..i + len].iter().cloned());
                        i += len;
                    }
                }
                continue;
            }
            match &trees[i] {
                TokenTree::Group(g) => {
                    let mut group = Group::new(g.delimiter(), self.rewrite_tokens(g.stream()));
                    group.set_span(g.span());
                    out.extend([TokenTree::Group(group)]);
                }
                TokenTree::Literal(l) if self.is_float_literal(&Lit::new(l.clone())) => {
                    out.extend(self.lift_literal(&Lit::new(l.clone())));
                }
                TokenTree::Ident(id) if id == self.float.name() => {
                    out.extend([TokenTree::Ident(self.scalar_at(id.span()))]);
                }
                t => out.extend([t.clone()]),
            }
            i += 1;
        }
        out
    }

    /// If `trees` starts with a path through the float type, its length in
    /// tokens and the path.
    fn path_at(&self, trees: &[TokenTree]) -> Option<(usize, Path)> {
        let is_colons = |k: usize| {
            matches!((trees.get(k), trees.get(k + 1)),
                (Some(TokenTree::Punct(a)), Some(TokenTree::Punct(b))) if a.as_char() == ':' && b.as_char() == ':')
        };
        let is_ident = |k: usize| matches!(trees.get(k), Some(TokenTree::Ident(_)));
        if !is_ident(0) {
            return None;
        }
        let mut k = 1;
        while is_colons(k) && is_ident(k + 2) {
            k += 3;
        }
        if k == 1 {
            return None;
        }
        let tokens: TokenStream = trees[..k].iter().cloned().collect();
        let path: Path = syn::parse2(tokens).ok()?;
        self.float_path(&path)?;
        Some((k, path))
    }

    /// Whether a `let` pattern binds a value that an `f64` start is lifted
    /// for: `mut acc` (no type written) or `t: f64`.
    fn lifts(&self, pat: &Pat) -> bool {
        match pat {
            Pat::Ident(PatIdent { mutability: Some(_), subpat: None, .. }) => true,
            Pat::Type(t) => matches!(&*t.ty, Type::Path(p) if p.path.is_ident(&self.scalar)),
            _ => false,
        }
    }

    /// Which parameters of the fn `func` names are the scalar, if it is one
    /// of [`Rewriter::known_fns`].
    fn known_fn(&self, func: &Expr) -> Option<Vec<bool>> {
        let Expr::Path(ExprPath { qself: None, path, .. }) = func else { return None };
        let name = path.get_ident()?;
        self.known_fns.iter().rev().find(|(n, _)| n == name).map(|(_, flags)| flags.clone())
    }

    /// Wraps a variable, field or element read so that `f64` data becomes
    /// the scalar and anything else stays as it is.
    fn lift_data_read(&self, value: &mut Expr) {
        if is_data_read(value) {
            self.lift_value(value);
        }
    }

    /// Wraps a number-valued expression (a receiver or an argument of a
    /// method of [`FLOAT_ARG_METHODS`]) so that `f64` data becomes the
    /// scalar; literals (already lifted), closures and the results of such
    /// methods are left alone.
    fn lift_operand(&self, value: &mut Expr) {
        match unparen(value) {
            Expr::Lit(_) | Expr::Closure(_) => {}
            // `i.max(1).min(2)`, `x.max(p.a).min(p.b)`: the inner call's
            // operands are lifted already, so its result is the scalar
            // where one of them was (probing it again would ask for its
            // type before inference knows it).
            Expr::MethodCall(m) if FLOAT_ARG_METHODS.contains(&m.method.to_string().as_str()) => {}
            _ => self.lift_value(value),
        }
    }

    /// `LocalProbe(value).__autodiff_local::<S>()`: `f64` data lifted,
    /// anything else as it is.
    fn lift_value(&self, value: &mut Expr) {
        let s = &self.scalar;
        let span = generated(value.span());
        let inner = unparen(value);
        let probed = quote_spanned!(span=> {
            #[allow(unused_imports)]
            use ::autodiff::__private::LocalOther as _;
            ::autodiff::__private::LocalProbe(#inner).__autodiff_local::<#s>()
        });
        *value = syn::parse_quote!(#probed);
    }

    /// `a op= b` as `{ let rhs = b; op_assign(rhs, &mut a) }`: the same
    /// evaluation for numbers, and an error that names the fix when `a` is
    /// an `f64` and `b` is differentiated.
    fn compound_assign(&self, e: &ExprBinary, name: &str) -> TokenStream {
        let (left, right) = (&e.left, unparen(&e.right));
        let span = generated(e.op.span());
        let rhs = Ident::new("rhs", Span::mixed_site().located_at(right.span()));
        let f = Ident::new(name, span);
        quote_spanned!(span=> {
            let #rhs = #right;
            ::autodiff::__private::#f(#rhs, &mut #left)
        })
    }
}

impl VisitMut for Rewriter {
    fn visit_type_mut(&mut self, ty: &mut Type) {
        if let Type::Path(TypePath { qself: None, path }) = ty {
            if is_ident_path(path, self.float.name()) {
                let s = self.scalar_at(path.span());
                *ty = syn::parse_quote!(#s);
                return;
            }
        }
        visit_mut::visit_type_mut(self, ty);
    }

    fn visit_expr_mut(&mut self, expr: &mut Expr) {
        match expr {
            Expr::Lit(ExprLit { lit, .. }) if self.is_float_literal(lit) => {
                let lifted = self.lift_literal(lit);
                *expr = syn::parse_quote!(#lifted);
            }
            Expr::Path(ExprPath { qself: None, path, .. }) => match self.float_path_expr(path) {
                Some(t) => *expr = syn::parse_quote!(#t),
                // `Vec::<f64>::new`: the generic arguments are types.
                None => visit_mut::visit_expr_mut(self, expr),
            },
            Expr::MethodCall(m)
                if m.turbofish.is_none()
                    && !m.args.is_empty()
                    && FLOAT_ARG_METHODS.contains(&m.method.to_string().as_str()) =>
            {
                visit_mut::visit_expr_method_call_mut(self, m);
                self.lift_operand(&mut m.receiver);
                m.args.iter_mut().for_each(|a| self.lift_operand(a));
            }
            Expr::Call(ExprCall { func, args, .. }) => {
                for arg in args.iter_mut() {
                    self.visit_expr_mut(arg);
                }
                if let Some(flags) = self.known_fn(func) {
                    // `helper(p.c0, 0.5)`: f64 data where it takes the scalar.
                    for (arg, _) in args.iter_mut().zip(flags).filter(|(_, f)| *f) {
                        self.lift_operand(arg);
                    }
                }
                let lifts_args = matches!(&**func, Expr::Path(ExprPath { qself: None, path, .. })
                    if self.float_path(path).is_some_and(|t| t.len() == 1
                        && FLOAT_ARG_METHODS.contains(&t[0].to_string().as_str())));
                if lifts_args {
                    // `f64::max(x, p.floor)`
                    args.iter_mut().for_each(|a| self.lift_operand(a));
                }
                let Expr::Path(ExprPath { qself: None, path, .. }) = &**func else {
                    self.visit_expr_mut(func);
                    return;
                };
                if self.float_path(path).is_none() {
                    self.visit_expr_mut(func);
                    return;
                }
                match self.float_path_expr(path) {
                    Some(t) => **func = syn::parse_quote!(#t),
                    None => {
                        // `f64::from_bits(b)`: an f64 value, lifted.
                        let lifted = self.lift(expr.span(), expr.to_token_stream());
                        *expr = syn::parse_quote!(#lifted);
                    }
                }
            }
            Expr::Cast(_) => {
                let Expr::Cast(ExprCast { expr: inner, ty, .. }) = expr else { return };
                self.visit_expr_mut(inner);
                let target = match &**ty {
                    Type::Path(TypePath { qself: None, path }) if path.segments.len() == 1 => {
                        path.segments[0].ident.to_string()
                    }
                    _ => return,
                };
                // Spanned on the value cast, which is what an error is about.
                let span = generated(inner.span());
                let value = unparen(inner);
                let s = &self.scalar;
                let checked: TokenStream = if target == self.float.name() {
                    let f = match self.float {
                        Float::F64 => quote_spanned!(span=> cast),
                        Float::F32 => quote_spanned!(span=> cast_f32),
                    };
                    quote_spanned!(span=> ::autodiff::__private::#f::<#s, _>(#value))
                } else if INTEGERS.contains(&target.as_str()) {
                    // Autoref dispatch: a dual number gives its value (a
                    // step function, like `floor`), anything else passes.
                    quote_spanned!(span=> {
                        #[allow(unused_imports)]
                        use ::autodiff::__private::{CastDifferentiated as _, CastOther as _};
                        (&&::autodiff::__private::CastProbe(#value)).__autodiff_cast() as #ty
                    })
                } else {
                    return;
                };
                *expr = syn::parse_quote!(#checked);
            }
            Expr::Assign(a) if is_value_read(unparen(&a.right)) => {
                self.visit_expr_mut(&mut a.left);
                self.visit_expr_mut(&mut a.right);
                let (left, right) = (&a.left, unparen(&a.right));
                let span = generated(a.eq_token.span());
                let rhs = Ident::new("rhs", Span::mixed_site().located_at(right.span()));
                let call = quote_spanned!(span=> {
                    let #rhs = #right;
                    ::autodiff::__private::assign(#rhs, &mut #left)
                });
                *expr = syn::parse_quote!(#call);
            }
            Expr::Binary(e) if assign_fn(&e.op).is_some() => {
                self.visit_expr_mut(&mut e.left);
                self.visit_expr_mut(&mut e.right);
                let name = assign_fn(&e.op).unwrap_or_default();
                let call = self.compound_assign(e, name);
                *expr = syn::parse_quote!(#call);
            }
            _ => visit_mut::visit_expr_mut(self, expr),
        }
    }

    fn visit_local_mut(&mut self, local: &mut Local) {
        // `#[constant] let k2 = 2.0 * k;`: plain `f64` data, left as written
        // (for a `#[constant]` parameter of another differentiable fn).
        let before = local.attrs.len();
        local.attrs.retain(|a| !crate::attr::is_constant(a));
        if local.attrs.len() != before {
            return;
        }
        visit_mut::visit_local_mut(self, local);
        // `let mut acc = p.c0;` (no type written), `let t: f64 = p.t;` and
        // `let (mut lo, mut hi) = (p.lo, p.hi);`: an `f64` start is lifted
        // into the scalar.
        let Some(init) = &mut local.init else { return };
        if init.diverge.is_some() {
            return;
        }
        match (&local.pat, &mut *init.expr) {
            (Pat::Tuple(pats), Expr::Tuple(values)) if pats.elems.len() == values.elems.len() => {
                for (pat, value) in pats.elems.iter().zip(values.elems.iter_mut()) {
                    if self.lifts(pat) {
                        self.lift_data_read(value);
                    }
                }
            }
            (pat, value) if self.lifts(pat) => self.lift_data_read(value),
            _ => {}
        }
    }

    fn visit_macro_mut(&mut self, mac: &mut Macro) {
        // Arguments that parse as expressions (`println!`, `assert!`,
        // `vec![a, b]`, `vec![x; n]`) are rewritten as expressions, casts
        // and all; anything else token by token.
        if let Ok(mut args) = mac.parse_body_with(Punctuated::<Expr, Token![,]>::parse_terminated) {
            args.iter_mut().for_each(|e| self.visit_expr_mut(e));
            mac.tokens = args.into_token_stream();
        } else if let Ok((mut elem, semi, mut len)) = mac.parse_body_with(|input: ParseStream| {
            Ok((input.parse::<Expr>()?, input.parse::<Token![;]>()?, input.parse::<Expr>()?))
        }) {
            self.visit_expr_mut(&mut elem);
            self.visit_expr_mut(&mut len);
            mac.tokens = quote!(#elem #semi #len);
        } else {
            mac.tokens = self.rewrite_tokens(std::mem::take(&mut mac.tokens));
        }
    }

    fn visit_block_mut(&mut self, block: &mut Block) {
        // Nested items cannot see the outer type parameter. A nested fn of
        // f64 inputs (a local helper) is made differentiable on its own
        // first (it may be called before it is written); other items are
        // left as they are (`visit_item_mut`).
        let known = self.known_fns.len();
        for stmt in &mut block.stmts {
            let Stmt::Item(Item::Fn(f)) = stmt else { continue };
            if f.attrs.iter().any(|a| a.path().is_ident("differentiable")) {
                continue;
            }
            let mut rewritten = f.clone();
            if let Ok(flags) = crate::expand::rewrite(&mut rewritten, false) {
                self.known_fns.push((f.sig.ident.clone(), flags));
                *f = rewritten;
            }
        }
        visit_mut::visit_block_mut(self, block);
        self.known_fns.truncate(known);
    }

    fn visit_item_mut(&mut self, _item: &mut Item) {
        // Done by `visit_block_mut` for nested fns; other items stay.
    }
}
