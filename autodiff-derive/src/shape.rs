//! `#[derive(Differentiable)]`, parse and validate: what each field of the
//! parameter struct is, read from its type.

use proc_macro2::Ident;
use syn::spanned::Spanned;
use syn::{GenericArgument, PathArguments, Type};

use crate::attr::is_constant;

/// How a field's scalars are reached.
pub(crate) enum Shape {
    /// The scalar type parameter itself.
    Scalar,
    /// `[X; N]`: each element, in order.
    Array(Box<Shape>),
    /// `Vec<X>`: each element, in order.
    Vec(Box<Shape>),
    /// Another `Differentiable` struct over the same scalar, `Layer<T>`.
    Nested,
    /// `#[constant]`: cloned, not differentiated.
    Constant,
}

/// The shape of a field of type `ty`, or an error spanned on the type.
pub(crate) fn field_shape(
    ty: &Type,
    scalar: &Ident,
    attrs: &[syn::Attribute],
) -> syn::Result<Shape> {
    if let Some(c) = attrs.iter().find(|a| is_constant(a)) {
        crate::attr::check_constant(c)?;
        if mentions(ty, scalar) {
            return Err(syn::Error::new_spanned(
                ty,
                format!(
                    "a #[constant] field cannot use the scalar type `{scalar}`: the struct is \
                     rebuilt over other scalar types, which a constant cannot follow"
                ),
            ));
        }
        return Ok(Shape::Constant);
    }
    shape(ty, scalar)
}

fn shape(ty: &Type, scalar: &Ident) -> syn::Result<Shape> {
    match ty {
        Type::Path(p) if p.qself.is_none() && p.path.is_ident(scalar) => Ok(Shape::Scalar),
        Type::Array(a) => Ok(Shape::Array(Box::new(shape(&a.elem, scalar)?))),
        Type::Paren(p) => shape(&p.elem, scalar),
        Type::Path(p) if p.qself.is_none() => {
            let last = p.path.segments.last().ok_or_else(|| unsupported(ty, scalar))?;
            let args: Vec<&Type> = match &last.arguments {
                PathArguments::AngleBracketed(a) => a
                    .args
                    .iter()
                    .filter_map(|g| match g {
                        GenericArgument::Type(t) => Some(t),
                        _ => None,
                    })
                    .collect(),
                _ => Vec::new(),
            };
            if last.ident == "Vec" && args.len() == 1 {
                Ok(Shape::Vec(Box::new(shape(args[0], scalar)?)))
            } else if args.len() == 1 && matches!(args[0], Type::Path(t) if t.path.is_ident(scalar))
            {
                Ok(Shape::Nested)
            } else {
                Err(unsupported(ty, scalar))
            }
        }
        _ => Err(unsupported(ty, scalar)),
    }
}

fn unsupported(ty: &Type, scalar: &Ident) -> syn::Error {
    syn::Error::new(
        ty.span(),
        format!(
            "#[derive(Differentiable)] cannot differentiate a field of this type: use the scalar \
             `{scalar}`, an array `[{scalar}; N]` (nested arrays too), `Vec<{scalar}>`, or another \
             #[derive(Differentiable)] struct `Name<{scalar}>`; mark fields that are not \
             parameters #[constant]"
        ),
    )
}

/// Whether `ty` mentions the identifier `scalar`.
fn mentions(ty: &Type, scalar: &Ident) -> bool {
    fn walk(tokens: proc_macro2::TokenStream, scalar: &Ident) -> bool {
        tokens.into_iter().any(|t| match t {
            proc_macro2::TokenTree::Ident(i) => &i == scalar,
            proc_macro2::TokenTree::Group(g) => walk(g.stream(), scalar),
            _ => false,
        })
    }
    walk(quote::ToTokens::to_token_stream(ty), scalar)
}
