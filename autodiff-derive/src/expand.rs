//! `#[differentiable]`: parse, validate, rewrite, emit.

use proc_macro2::{Ident, Span, TokenStream, TokenTree};
use quote::ToTokens;
use syn::visit_mut::VisitMut;
use syn::{FnArg, ItemFn, ReturnType, Type};

use crate::attr::strip_constants;
use crate::fallback;
use crate::rewrite::{Float, Rewriter};
use crate::shared::{self, SharedCalls};
use crate::valid;

/// The name of the scalar type parameter the fn is made generic over.
const SCALAR: &str = "AutodiffScalar";

/// Expands `#[differentiable]`; on error, the errors and the fn unchanged.
pub(crate) fn differentiable(attr: TokenStream, item: TokenStream) -> TokenStream {
    expand(attr, item.clone()).unwrap_or_else(|e| {
        let mut out = e.into_compile_error();
        out.extend(fallback::original(item));
        out
    })
}

fn expand(attr: TokenStream, item: TokenStream) -> syn::Result<TokenStream> {
    // `real_field`: the scalar is nalgebra's `RealField`, for a fn that calls
    // one that factorises (which gets it by itself).
    let real_field = match attr.clone().into_iter().collect::<Vec<_>>().as_slice() {
        [] => false,
        [TokenTree::Ident(i)] if i == "real_field" => true,
        _ => {
            return Err(syn::Error::new_spanned(
                attr,
                "#[differentiable] takes no arguments but `real_field` (the scalar is nalgebra's RealField, for a fn that calls one that factorises a matrix); mark constant parameters with #[constant]",
            ))
        }
    };
    let mut f: ItemFn = syn::parse2(item).map_err(|e| {
        syn::Error::new(
            e.span(),
            format!(
                "#[differentiable] goes on a fn (a free fn or a method of an inherent impl): {e}"
            ),
        )
    })?;
    rewrite(&mut f, real_field)?;
    Ok(f.into_token_stream())
}

/// Rewrites `f` in place into a generic fn over the scalar, with its
/// bounds; an error (and `f` untouched) if it cannot be made
/// differentiable. Also applied to the fns nested in its body. Returns
/// which of its parameters are the scalar itself (`x: f64`).
pub(crate) fn rewrite(f: &mut ItemFn, real_field: bool) -> syn::Result<Vec<bool>> {
    let float = valid::check(f)?;

    let constants = strip_constants(&mut f.sig.inputs);
    let scalar = Ident::new(SCALAR, Span::call_site());
    let mut rewriter = Rewriter { scalar: scalar.clone(), float, known_fns: Vec::new() };
    let flags: Vec<bool> = f
        .sig
        .inputs
        .iter()
        .zip(&constants)
        .map(|(arg, &constant)| {
            !constant
                && matches!(arg, FnArg::Typed(t)
                    if matches!(&*t.ty, Type::Path(p) if p.qself.is_none() && p.path.is_ident(float.name())))
        })
        .collect();
    if f.sig.receiver().is_none() {
        // Recursive calls pass f64 data as the scalar too.
        rewriter.known_fns.push((f.sig.ident.clone(), flags.clone()));
    }

    for (arg, constant) in f.sig.inputs.iter_mut().zip(constants) {
        if let (FnArg::Typed(t), false) = (arg, constant) {
            rewriter.visit_type_mut(&mut t.ty);
        }
    }
    if let ReturnType::Type(_, ty) = &mut f.sig.output {
        rewriter.visit_type_mut(ty);
    }
    // The fn's own type and const parameters stay, their bounds rewritten
    // (`F: Fn(f64) -> f64` takes the scalar).
    rewriter.visit_generics_mut(&mut f.sig.generics);
    let linear_algebra = shared::names_nalgebra(f.to_token_stream());
    let field = real_field || linear_algebra && shared::needs_field(f.block.to_token_stream());
    rewriter.visit_block_mut(&mut f.block);
    if field {
        SharedCalls { scalar: scalar.clone() }.visit_block_mut(&mut f.block);
    }

    let predicates: Vec<syn::WherePredicate> = match float {
        Float::F64 => {
            f.sig.generics.params.push(syn::parse_quote!(#scalar: ::autodiff::Scalar));
            // What Rust cannot make part of `Scalar`: f64 values on the
            // left of a differentiated one (`k * x`, `k < x`, with `k` a
            // #[constant] parameter, a field or a plain fn's result), `&f64`
            // on the left (`w.iter().zip(x).map(|(wi, xi)| wi * xi)`) and
            // arithmetic on references (`xs.iter().map(|x| x * x)`).
            vec![
                syn::parse_quote!(f64: ::autodiff::F64Ops<#scalar>),
                syn::parse_quote!(for<'r> &'r f64: ::autodiff::LeftOps<#scalar>),
                syn::parse_quote!(for<'r> &'r #scalar: ::autodiff::RefOps<#scalar>),
            ]
        }
        Float::F32 => {
            // f32 numbers are `Real`, not `Scalar` (no `f32 * f64`): the
            // literals are lifted, and references work among the scalars.
            f.sig
                .generics
                .params
                .push(syn::parse_quote!(#scalar: ::autodiff::Real + ::autodiff::ByRefOps));
            vec![
                syn::parse_quote!(for<'r> &'r #scalar: ::autodiff::LeftOps<#scalar> + ::core::ops::Neg<Output = #scalar>),
            ]
        }
    };
    f.sig.generics.make_where_clause().predicates.extend(predicates);
    // A `Scalar` is nalgebra's `SimdRealField` with the feature (`v.norm()`),
    // an `f32` scalar only `Real`: it states that where nalgebra is named. A
    // fn that factorises a matrix needs `RealField`, whose elementary
    // functions share `Float`'s names: its calls of them go through
    // `shared`, whose traits its scalar must have (`LinearAlgebraField`
    // holds both).
    let bound: Option<syn::WherePredicate> = if field {
        Some(syn::parse_quote!(#scalar: ::autodiff::__private::LinearAlgebraField))
    } else if linear_algebra && float == Float::F32 {
        Some(syn::parse_quote!(#scalar: ::autodiff::__private::LinearAlgebra))
    } else {
        None
    };
    f.sig.generics.make_where_clause().predicates.extend(bound);
    Ok(flags)
}
