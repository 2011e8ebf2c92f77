//! What is emitted when the macro reports an error: the user's fn,
//! unchanged but for our `#[constant]` attributes, so one mistake gives one
//! message and not a cascade of "cannot find function" errors.

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::ItemFn;

use crate::attr::strip_constants;

/// The fn as written, without `#[constant]` attributes; the raw tokens if
/// they do not even parse as a fn.
pub(crate) fn original(item: TokenStream) -> TokenStream {
    match syn::parse2::<ItemFn>(item.clone()) {
        Ok(mut f) => {
            strip_constants(&mut f.sig.inputs);
            f.into_token_stream()
        }
        Err(_) => item,
    }
}
