//! The `#[constant]` parameter attribute.

use syn::{Attribute, FnArg, Meta};

/// Whether `attr` is `#[constant]`.
pub(crate) fn is_constant(attr: &Attribute) -> bool {
    attr.path().is_ident("constant")
}

/// Checks that a `#[constant]` attribute is written bare.
pub(crate) fn check_constant(attr: &Attribute) -> syn::Result<()> {
    match &attr.meta {
        Meta::Path(_) => Ok(()),
        _ => Err(syn::Error::new_spanned(
            attr,
            "`#[constant]` takes no arguments: write `#[constant] name: Type`",
        )),
    }
}

/// The attributes of a parameter.
pub(crate) fn param_attrs(arg: &FnArg) -> &[Attribute] {
    match arg {
        FnArg::Receiver(r) => &r.attrs,
        FnArg::Typed(t) => &t.attrs,
    }
}

/// Removes every `#[constant]` attribute from the parameters (they are
/// ours, not the compiler's), returning which parameters had one.
pub(crate) fn strip_constants(
    inputs: &mut syn::punctuated::Punctuated<FnArg, syn::Token![,]>,
) -> Vec<bool> {
    inputs
        .iter_mut()
        .map(|arg| {
            let attrs = match arg {
                FnArg::Receiver(r) => &mut r.attrs,
                FnArg::Typed(t) => &mut t.attrs,
            };
            let before = attrs.len();
            attrs.retain(|a| !is_constant(a));
            attrs.len() != before
        })
        .collect()
}
