//! `#[derive(Differentiable)]`: the impl of `autodiff::Differentiable` for a
//! struct of parameters generic over its scalar.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};
use syn::{Data, DeriveInput, GenericParam, Index, Member};

use crate::shape::{field_shape, Shape};

/// Expands the derive; on error, only the errors (the struct itself is the
/// user's and stays as written).
pub(crate) fn differentiable(input: TokenStream) -> TokenStream {
    expand(input).unwrap_or_else(syn::Error::into_compile_error)
}

fn expand(input: TokenStream) -> syn::Result<TokenStream> {
    let input: DeriveInput = syn::parse2(input)?;
    let fields =
        match &input.data {
            Data::Struct(s) => &s.fields,
            Data::Enum(e) => return Err(syn::Error::new_spanned(
                e.enum_token,
                "#[derive(Differentiable)] is for structs of parameters, not enums: the number \
                 and layout of the parameters must not depend on a variant",
            )),
            Data::Union(u) => {
                return Err(syn::Error::new_spanned(
                    u.union_token,
                    "#[derive(Differentiable)] is for structs of parameters, not unions",
                ))
            }
        };
    let scalar = scalar_param(&input)?;

    let mut errors: Option<syn::Error> = None;
    let mut members = Vec::new();
    for (i, field) in fields.iter().enumerate() {
        let member = match &field.ident {
            Some(id) => Member::Named(id.clone()),
            None => Member::Unnamed(Index::from(i)),
        };
        match field_shape(&field.ty, &scalar, &field.attrs) {
            Ok(shape) => members.push((member, shape)),
            Err(e) => match &mut errors {
                Some(all) => all.combine(e),
                None => errors = Some(e),
            },
        }
    }
    if let Some(e) = errors {
        return Err(e);
    }

    let name = &input.ident;
    let u = format_ident!("__AutodiffU");
    let count = members.iter().map(|(m, s)| count(quote!(self.#m), s));
    let visit = members.iter().map(|(m, s)| visit(quote!(self.#m), s));
    let build = members.iter().map(|(m, s)| {
        let value = map(quote!(self.#m), s);
        quote!(#m: #value)
    });
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let with_generics = input.generics.params.iter().map(|p| match p {
        GenericParam::Type(t) if t.ident == scalar => quote!(#u),
        GenericParam::Type(t) => {
            let id = &t.ident;
            quote!(#id)
        }
        GenericParam::Lifetime(l) => {
            let lt = &l.lifetime;
            quote!(#lt)
        }
        GenericParam::Const(c) => {
            let id = &c.ident;
            quote!(#id)
        }
    });
    Ok(quote! {
        #[automatically_derived]
        impl #impl_generics ::autodiff::Differentiable for #name #ty_generics #where_clause {
            type Scalar = #scalar;
            type With<#u> = #name<#(#with_generics),*>;

            fn scalar_count(&self) -> usize {
                0 #(+ #count)*
            }

            fn visit(&self, __f: &mut impl ::core::ops::FnMut(&#scalar)) {
                #(#visit)*
            }

            fn map<#u>(
                &self,
                __f: &mut impl ::core::ops::FnMut(&#scalar) -> #u,
            ) -> Self::With<#u> {
                #name { #(#build),* }
            }
        }
    })
}

/// The struct's one type parameter, the scalar; spanned errors otherwise.
fn scalar_param(input: &DeriveInput) -> syn::Result<Ident> {
    let types: Vec<&syn::TypeParam> = input
        .generics
        .params
        .iter()
        .filter_map(|p| match p {
            GenericParam::Type(t) => Some(t),
            _ => None,
        })
        .collect();
    match types.as_slice() {
        [t] if t.bounds.is_empty() && !bounded_in_where(input, &t.ident) => Ok(t.ident.clone()),
        [t] => Err(syn::Error::new_spanned(
            t,
            "the scalar type parameter of a #[derive(Differentiable)] struct must be unbounded \
             (`struct Net<T>`): the struct is rebuilt over dual number types; put bounds such as \
             `T: Scalar` on the functions that use it",
        )),
        [] => Err(syn::Error::new_spanned(
            &input.ident,
            format!(
                "#[derive(Differentiable)] needs the struct to be generic over its scalar: write \
                 `struct {}<T> {{ ... }}` with fields of type `T`, `[T; N]`, `Vec<T>`, ...",
                input.ident
            ),
        )),
        [_, extra, ..] => Err(syn::Error::new_spanned(
            extra,
            "a #[derive(Differentiable)] struct has exactly one type parameter, its scalar",
        )),
    }
}

/// Whether a where clause bounds `ident`.
fn bounded_in_where(input: &DeriveInput, ident: &Ident) -> bool {
    input.generics.where_clause.as_ref().is_some_and(|w| {
        w.predicates.iter().any(|p| matches!(p, syn::WherePredicate::Type(t) if matches!(&t.bounded_ty, syn::Type::Path(tp) if tp.path.is_ident(ident))))
    })
}

/// The number of scalars in `value` of shape `shape`.
fn count(value: TokenStream, shape: &Shape) -> TokenStream {
    match shape {
        Shape::Scalar => quote!(1usize),
        Shape::Constant => quote!(0usize),
        Shape::Nested => quote!(::autodiff::Differentiable::scalar_count(&#value)),
        Shape::Array(inner) | Shape::Vec(inner) => {
            let each = count(quote!((*__x)), inner);
            quote!(#value.iter().map(|__x| #each).sum::<usize>())
        }
    }
}

/// Calls `__f` on every scalar of `value`.
fn visit(value: TokenStream, shape: &Shape) -> TokenStream {
    match shape {
        Shape::Scalar => quote!(__f(&#value);),
        Shape::Constant => TokenStream::new(),
        Shape::Nested => quote!(::autodiff::Differentiable::visit(&#value, __f);),
        Shape::Array(inner) | Shape::Vec(inner) => {
            let each = visit(quote!((*__x)), inner);
            quote!(for __x in #value.iter() { #each })
        }
    }
}

/// `value` rebuilt with `__f` applied to every scalar.
fn map(value: TokenStream, shape: &Shape) -> TokenStream {
    match shape {
        Shape::Scalar => quote!(__f(&#value)),
        Shape::Constant => quote!(::core::clone::Clone::clone(&#value)),
        Shape::Nested => quote!(::autodiff::Differentiable::map(&#value, __f)),
        Shape::Array(inner) => {
            let each = map(quote!((*__x)), inner);
            quote!(::core::array::from_fn(|__i| {
                let __x = &#value[__i];
                #each
            }))
        }
        Shape::Vec(inner) => {
            let each = map(quote!((*__x)), inner);
            quote!(#value.iter().map(|__x| #each).collect::<::std::vec::Vec<_>>())
        }
    }
}
