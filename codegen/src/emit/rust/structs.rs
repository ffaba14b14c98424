//! Structs: documented field by field, encoded and decoded under their
//! wire names (`encode`, `decode`);
//! request structs also get `new()` and validation.

use proc_macro2::TokenStream;
use quote::quote;

use super::{decode, doc, encode, ident, validate, Ctx, EmitError};
use crate::ir::{Field, RuleKind, Struct};

/// Above this many parameters clippy asks for a builder; a constructor that
/// mirrors the docs' mandatory fields is clearer, so the lint is allowed on
/// that one function only.
const CLIPPY_MAX_ARGS: usize = 7;

pub(crate) fn emit(ctx: &Ctx<'_>, s: &Struct) -> Result<TokenStream, EmitError> {
    let item = format!("struct {}", s.name);
    let name = ident(&s.name).map_err(|m| ctx.err(&item, m))?;
    let mut fields = Vec::new();
    for f in &s.fields {
        fields.push(field(ctx, s, f)?);
    }
    let sensitive = s.fields.iter().any(|f| f.sensitive);
    let derive_debug = (!sensitive).then(|| quote!(Debug,));
    let debug_impl = sensitive.then(|| redacting_debug(ctx, s)).transpose()?;
    let request_impls = if s.roles.request {
        let (new_fn, default_impl) = constructor(ctx, s)?;
        let validate::Validation { trait_impl, method } = validate::emit(ctx, s)?;
        Some(quote! {
            impl #name {
                #new_fn

                #method
            }
            #default_impl
            #trait_impl
        })
    } else {
        None
    };
    let struct_doc = doc::attrs(&struct_doc(s, ctx.usages(&s.name)));
    let decode = decode::emit(ctx, s)?;
    let encode = encode::emit(ctx, s)?;
    Ok(quote! {
        #struct_doc
        #[derive(#derive_debug Clone, PartialEq)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields,)*
        }
        #debug_impl
        #encode
        #decode
        #request_impls
    })
}

fn struct_doc(s: &Struct, usages: &[String]) -> String {
    let mut parts = vec![doc::md(&s.doc), usages.join("\n")];
    if !s.rules.is_empty() {
        let mut rules = String::from("# Rules\n\nFrom the provider docs. `validate()` checks each of them except `depends_on_account`, which the request alone cannot show.");
        for r in &s.rules {
            rules.push_str(&format!(
                "\n\n**{}**: {}\n\n{}",
                r.kind.spec_name(),
                rule_summary(&r.kind),
                doc::block_quote(&r.source)
            ));
        }
        parts.push(rules);
    }
    if !s.examples.is_empty() {
        let mut ex = String::from("# Examples from the provider docs");
        for e in &s.examples {
            ex.push_str(&format!(
                "\n\n{}:\n\n```json\n{}\n```",
                doc::md(&e.name),
                e.json.trim_end()
            ));
        }
        parts.push(ex);
    }
    let text = doc::paragraphs(parts);
    if text.is_empty() {
        // Every public item is documented, even when the spec says nothing.
        format!("The `{}` object of the provider's API.", s.name)
    } else {
        text
    }
}

/// One line saying what a rule requires.
pub(crate) fn rule_summary(kind: &RuleKind) -> String {
    let list = |paths: &[crate::ir::FieldPath]| {
        paths
            .iter()
            .map(|p| format!("`{}`", p.dotted()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match kind {
        RuleKind::RequiredIf { fields, when } => format!(
            "{} required when {}.",
            list(fields),
            super::rules::condition_text(when)
        ),
        RuleKind::OneOfRequired { fields } => {
            format!("at least one of {} must be present.", list(fields))
        }
        RuleKind::SumEquals {
            array,
            multiply,
            equals,
        } => format!(
            "`{}` must equal the sum over `{}` of {}.",
            equals.dotted(),
            array.dotted(),
            multiply
                .iter()
                .map(|m| format!("`{}`", m.dotted()))
                .collect::<Vec<_>>()
                .join(" × ")
        ),
        RuleKind::MaxLenIf {
            field,
            max_len,
            when,
        } => {
            format!(
                "`{}` at most {max_len} characters when {}.",
                field.dotted(),
                super::rules::condition_text(when)
            )
        }
        RuleKind::NotGreaterThan { field, than } => format!(
            "`{}` must not be greater than `{}`.",
            field.dotted(),
            than.dotted()
        ),
        RuleKind::OnlyIf { fields, when } => format!(
            "{} may only be sent when {}.",
            list(fields),
            super::rules::condition_text(when)
        ),
        RuleKind::DependsOnAccount { fields } => format!(
            "whether {} is required depends on the merchant's account setup (not checked).",
            list(fields)
        ),
    }
}

fn field(ctx: &Ctx<'_>, s: &Struct, f: &Field) -> Result<TokenStream, EmitError> {
    let item = format!("struct {}, field {}", s.name, f.wire_name);
    let name = ident(&f.rust_name).map_err(|m| ctx.err(&item, m))?;
    let inner = ctx.rust_type(&f.ty, &s.scope, &item)?;
    let ty = if f.optional {
        quote!(Option<#inner>)
    } else {
        inner
    };
    let field_doc = doc::attrs(&doc::field(f));
    Ok(quote! {
        #field_doc
        pub #name: #ty
    })
}

/// `Debug` that prints `<redacted>` for sensitive fields (and whether an
/// optional one is set), never their value.
fn redacting_debug(ctx: &Ctx<'_>, s: &Struct) -> Result<TokenStream, EmitError> {
    let item = format!("struct {}", s.name);
    let name = ident(&s.name).map_err(|m| ctx.err(&item, m))?;
    let label = &s.name;
    let mut entries = Vec::new();
    for f in &s.fields {
        let field = ident(&f.rust_name).map_err(|m| ctx.err(&item, m))?;
        let label = f.rust_name.trim_start_matches("r#");
        entries.push(match (f.sensitive, f.optional) {
            (false, _) => quote!(.field(#label, &self.#field)),
            (true, false) => quote!(.field(#label, &"<redacted>")),
            (true, true) => quote!(.field(#label, &self.#field.as_ref().map(|_| "<redacted>"))),
        });
    }
    Ok(quote! {
        impl std::fmt::Debug for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(#label)
                    #(#entries)*
                    .finish()
            }
        }
    })
}

/// `new()` taking the mandatory fields without a default, in spec order,
/// and a `Default` impl when it takes none.
fn constructor(ctx: &Ctx<'_>, s: &Struct) -> Result<(TokenStream, Option<TokenStream>), EmitError> {
    let item = format!("struct {}", s.name);
    let name = ident(&s.name).map_err(|m| ctx.err(&item, m))?;
    let mut params = Vec::new();
    let mut inits = Vec::new();
    let mut param_docs = Vec::new();
    for f in &s.fields {
        let field_item = format!("struct {}, field {}", s.name, f.wire_name);
        let field = ident(&f.rust_name).map_err(|m| ctx.err(&field_item, m))?;
        if f.optional {
            inits.push(quote!(#field: None));
        } else if let Some(default) = &f.default {
            let value = ctx.default_value(&f.ty, default, &s.scope, &field_item)?;
            inits.push(quote!(#field: #value));
        } else if f.ty == crate::ir::Type::String {
            params.push(quote!(#field: impl Into<String>));
            inits.push(quote!(#field: #field.into()));
            param_docs.push(format!("`{}`", f.rust_name.trim_start_matches("r#")));
        } else {
            let ty = ctx.rust_type(&f.ty, &s.scope, &field_item)?;
            params.push(quote!(#field: #ty));
            inits.push(quote!(#field));
            param_docs.push(format!("`{}`", f.rust_name.trim_start_matches("r#")));
        }
    }
    let text = if param_docs.is_empty() {
        "Builds it with every optional field unset and defaults applied; set the rest by name."
            .to_owned()
    } else {
        format!(
            "Builds it from its mandatory fields ({}); optional fields start unset and are set by name.",
            param_docs.join(", ")
        )
    };
    let fn_doc = doc::attrs(&text);
    let allow =
        (params.len() > CLIPPY_MAX_ARGS).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    // Clippy wants `Default` wherever `new()` takes no arguments.
    let default_impl = params.is_empty().then(|| {
        quote! {
            impl Default for #name {
                fn default() -> Self {
                    Self::new()
                }
            }
        }
    });
    let new_fn = quote! {
        #fn_doc
        #allow
        pub fn new(#(#params),*) -> Self {
            Self { #(#inits),* }
        }
    };
    Ok((new_fn, default_impl))
}
