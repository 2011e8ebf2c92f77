//! `#[differentiable]`: parse, validate, rewrite, emit.

use proc_macro2::{Ident, Span, TokenStream};
use quote::ToTokens;
use syn::visit_mut::VisitMut;
use syn::{FnArg, GenericParam, ItemFn, ReturnType};

use crate::attr::strip_constants;
use crate::fallback;
use crate::rewrite::Rewriter;
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
    if !attr.is_empty() {
        return Err(syn::Error::new_spanned(
            attr,
            "#[differentiable] takes no arguments; mark constant parameters with #[constant]",
        ));
    }
    let mut f: ItemFn = syn::parse2(item).map_err(|e| {
        syn::Error::new(
            e.span(),
            format!(
                "#[differentiable] goes on a fn (a free fn or a method of an inherent impl): {e}"
            ),
        )
    })?;
    valid::check(&f)?;

    let constants = strip_constants(&mut f.sig.inputs);
    let scalar = Ident::new(SCALAR, Span::call_site());
    let mut rewriter = Rewriter { scalar: scalar.clone() };

    for (arg, constant) in f.sig.inputs.iter_mut().zip(constants) {
        if let (FnArg::Typed(t), false) = (arg, constant) {
            rewriter.visit_type_mut(&mut t.ty);
        }
    }
    if let ReturnType::Type(_, ty) = &mut f.sig.output {
        rewriter.visit_type_mut(ty);
    }
    rewriter.visit_block_mut(&mut f.block);

    f.sig.generics.params.push(GenericParam::Type(syn::parse_quote!(#scalar: ::autodiff::Scalar)));
    // Every number type of the crate has: f64 on the left of a
    // differentiated value (`k * x` with `k` a #[constant] parameter, a field
    // or a plain fn's result)...
    // and arithmetic on references (`xs.iter().map(|x| x * x)`).
    let predicates = &mut f.sig.generics.make_where_clause().predicates;
    predicates.push(syn::parse_quote!(f64: ::autodiff::F64Ops<#scalar>));
    predicates.push(syn::parse_quote!(for<'r> &'r #scalar: ::autodiff::RefOps<#scalar>));
    Ok(f.into_token_stream())
}
