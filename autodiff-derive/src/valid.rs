//! Which signatures `#[differentiable]` accepts. Every problem is reported,
//! each spanned on the offending token with a hint.

use syn::{FnArg, ItemFn, ReturnType, Type};

use crate::attr::{check_constant, is_constant, param_attrs};
use crate::rewrite::{mentions, Float};

/// Collects errors, combining them into one `syn::Error`.
#[derive(Default)]
struct Errors(Option<syn::Error>);

impl Errors {
    fn push(&mut self, e: syn::Error) {
        match &mut self.0 {
            Some(all) => all.combine(e),
            None => self.0 = Some(e),
        }
    }
    fn finish(self) -> syn::Result<()> {
        self.0.map_or(Ok(()), Err)
    }
}

/// Checks that `f` can be made differentiable, and which float type it
/// differentiates: `f64`, or `f32` for a fn with only `f32` inputs.
pub(crate) fn check(f: &ItemFn) -> syn::Result<Float> {
    let mut errors = Errors::default();
    let sig = &f.sig;

    if let Some(t) = &sig.asyncness {
        errors.push(syn::Error::new_spanned(
            t,
            "a #[differentiable] fn cannot be `async`: differentiate a plain fn and call it from async code",
        ));
    }
    if let Some(t) = &sig.constness {
        errors.push(syn::Error::new_spanned(
            t,
            "a #[differentiable] fn cannot be `const`: its math functions (sin, exp, ...) are not const",
        ));
    }
    if let Some(abi) = &sig.abi {
        errors.push(syn::Error::new_spanned(
            abi,
            "a #[differentiable] fn cannot have an `extern` ABI: it becomes a generic Rust fn",
        ));
    }
    if let Some(v) = &sig.variadic {
        errors.push(syn::Error::new_spanned(v, "a #[differentiable] fn cannot be variadic"));
    }
    let (mut f64_inputs, mut f32_inputs) = (Vec::new(), Vec::new());
    for arg in &sig.inputs {
        let attrs = param_attrs(arg);
        let constant = attrs.iter().find(|a| is_constant(a));
        if let Some(c) = constant {
            if let Err(e) = check_constant(c) {
                errors.push(e);
            }
        }
        match arg {
            FnArg::Receiver(r) => {
                if let Some(c) = constant {
                    errors.push(syn::Error::new_spanned(
                        c,
                        "`#[constant]` goes on a typed parameter, not on `self`",
                    ));
                } else if r.colon_token.is_some()
                    && (mentions(&r.ty, Float::F64) || mentions(&r.ty, Float::F32))
                {
                    errors.push(syn::Error::new_spanned(
                        &r.ty,
                        "a typed `self` cannot be differentiated: take the value as a parameter",
                    ));
                }
            }
            FnArg::Typed(t) => {
                if constant.is_none() && mentions(&t.ty, Float::F64) {
                    f64_inputs.push(&t.ty);
                } else if constant.is_none() && mentions(&t.ty, Float::F32) {
                    f32_inputs.push(&t.ty);
                }
            }
        }
    }
    if f64_inputs.is_empty() && f32_inputs.is_empty() {
        errors.push(syn::Error::new_spanned(
            &sig.ident,
            format!(
                "#[differentiable] fn `{}` has no f64 input to differentiate: give it a parameter \
                 of type f64, a tuple or array of f64, `&[f64]` or `Vec<f64>` (or the same of f32; \
                 parameters marked #[constant] do not count)",
                sig.ident
            ),
        ));
    }
    if !f64_inputs.is_empty() {
        for ty in &f32_inputs {
            errors.push(syn::Error::new_spanned(
                ty,
                "a #[differentiable] fn differentiates one float type: this f32 input sits beside \
                 f64 inputs; make it f64, or mark it #[constant]",
            ));
        }
    }
    if let ReturnType::Type(_, ty) = &sig.output {
        if let Type::ImplTrait(_) = **ty {
            errors.push(syn::Error::new_spanned(
                ty,
                "a #[differentiable] fn cannot return `impl Trait`: name the returned type",
            ));
        }
    }
    errors.finish()?;
    Ok(if f64_inputs.is_empty() { Float::F32 } else { Float::F64 })
}
