//! `ENDPOINTS`: every endpoint and notification of the provider as data,
//! with type-erased body checks, for tooling (the sandbox, tests).

use proc_macro2::TokenStream;
use quote::quote;

use super::{ident, method_str, Ctx, EmitError, Scope};
use crate::ir::{Decision, DecisionType, EndpointKind, HttpMethod};

pub(crate) fn emit(ctx: &Ctx<'_>) -> Result<TokenStream, EmitError> {
    let p = ctx.p;
    let provider = p.name.as_str();
    let mut entries = Vec::new();
    for e in &p.endpoints {
        let item = format!("endpoint {}", e.name);
        let name = e.name.as_str();
        let kind = match e.kind {
            EndpointKind::Endpoint => quote!(crate::registry::EndpointKind::Endpoint),
            EndpointKind::Notification => quote!(crate::registry::EndpointKind::Notification),
        };
        let method = match e.method {
            Some(HttpMethod::GET) => quote!(Some(crate::transport::Method::Get)),
            Some(HttpMethod::POST) => quote!(Some(crate::transport::Method::Post)),
            None => quote!(None),
        };
        let path = match &e.path {
            Some(path) => quote!(Some(#path)),
            None => quote!(None),
        };
        let request = match &e.request {
            Some(body) => {
                let ty = type_path(ctx, &item, body)?;
                // Only request-role structs implement `Validate`; a
                // notification body is decoded, not validated.
                let validates = ctx.struct_def(body).is_some_and(|s| s.roles.request);
                if validates {
                    quote!(Some(crate::registry::check::<#ty>))
                } else {
                    quote!(Some(crate::registry::decode::<#ty>))
                }
            }
            None => quote!(None),
        };
        let mut responses = Vec::new();
        // A body with rules (conditions on what the provider sends) is
        // checked against them, so the sandbox's answers are held to them.
        let reader = |body: &str| {
            if ctx.struct_def(body).is_some_and(|s| !s.rules.is_empty()) {
                quote!(check)
            } else {
                quote!(decode)
            }
        };
        for r in &e.responses {
            let ty = type_path(ctx, &item, &r.body)?;
            let status = proc_macro2::Literal::u16_unsuffixed(r.status);
            let read = reader(&r.body);
            responses.push(quote!((#status, crate::registry::#read::<#ty>)));
        }
        let mut errors = Vec::new();
        for er in &e.errors {
            let ty = type_path(ctx, &item, &er.body)?;
            let error_name = er.name.as_str();
            let read = reader(&er.body);
            errors.push(quote!((#error_name, crate::registry::#read::<#ty>)));
        }
        entries.push(quote! {
            crate::registry::EndpointInfo {
                provider: #provider,
                name: #name,
                kind: #kind,
                method: #method,
                path: #path,
                request: #request,
                responses: &[#(#responses),*],
                errors: &[#(#errors),*],
            }
        });
    }
    let listing: Vec<String> = p
        .endpoints
        .iter()
        .map(|e| match (e.method, &e.path) {
            (Some(m), Some(path)) => format!("- `{}`: `{} {}`", e.name, method_str(m), path),
            _ => format!("- `{}`: notification", e.name),
        })
        .collect();
    let doc = super::doc::attrs(&format!(
        "Every endpoint and notification of {}, with type-erased body checks, for tooling that \
         works across endpoints (a sandbox server, tests), which reaches it through \
         `payspec::registry::endpoints`; hidden from the merchant-facing docs.\n\n{}",
        p.title,
        listing.join("\n")
    ));
    let decisions = decisions(ctx)?;
    Ok(quote! {
        #doc
        #[doc(hidden)]
        pub const ENDPOINTS: &[crate::registry::EndpointInfo] = &[#(#entries),*];
        #decisions
    })
}

/// `DECISIONS`: every decision table of the provider behind one
/// type-erased signature (inputs by name as wire strings or booleans), so
/// tooling (the sandbox's lifecycle guards) can call a table by its spec name.
fn decisions(ctx: &Ctx<'_>) -> Result<TokenStream, EmitError> {
    let p = ctx.p;
    let provider = p.name.as_str();
    let mut entries = Vec::new();
    for d in &p.decisions {
        entries.push(decision_entry(ctx, provider, d)?);
    }
    let listing: Vec<String> = p
        .decisions
        .iter()
        .map(|d| format!("- `{}`", d.name))
        .collect();
    let doc = super::doc::attrs(&format!(
        "Every decision table of {}, callable by name with its inputs given as wire values or \
         booleans, for tooling that works across tables (the sandbox's lifecycle guards), which \
         reaches it through `payspec::registry::decision`; hidden from the merchant-facing docs.{}",
        p.title,
        if listing.is_empty() {
            String::new()
        } else {
            format!("\n\n{}", listing.join("\n"))
        }
    ));
    Ok(quote! {
        #doc
        #[doc(hidden)]
        pub static DECISIONS: &[crate::registry::DecisionInfo] = &[#(#entries),*];
    })
}

fn decision_entry(ctx: &Ctx<'_>, provider: &str, d: &Decision) -> Result<TokenStream, EmitError> {
    let item = format!("decision {}", d.name);
    let func = ident(&d.name).map_err(|m| ctx.err(&item, m))?;
    let func = ctx.item_path(&func, &d.scope, &Scope::Provider)?;
    let name = d.name.as_str();
    let mut lets = Vec::new();
    let mut args = Vec::new();
    let mut input_names = Vec::new();
    for (i, input) in d.inputs.iter().enumerate() {
        let var = quote::format_ident!("input{}", i);
        let input_name = input.name.as_str();
        input_names.push(input_name);
        match (&input.ty, input.optional) {
            (DecisionType::Boolean, false) => {
                lets.push(quote!(let #var = crate::registry::input_bool(inputs, #input_name)?;));
                args.push(quote!(#var));
            }
            (DecisionType::Boolean, true) => {
                lets.push(
                    quote!(let #var = crate::registry::input_bool_opt(inputs, #input_name)?;),
                );
                args.push(quote!(#var));
            }
            (DecisionType::Enum(e), false) => {
                let ty = ctx.enum_path(e, &Scope::Provider, &item)?;
                lets.push(
                    quote!(let #var: #ty = crate::registry::input_enum(inputs, #input_name)?;),
                );
                args.push(quote!(&#var));
            }
            (DecisionType::Enum(e), true) => {
                let ty = ctx.enum_path(e, &Scope::Provider, &item)?;
                lets.push(quote!(
                    let #var: Option<#ty> = crate::registry::input_enum_opt(inputs, #input_name)?;
                ));
                args.push(quote!(#var.as_ref()));
            }
        }
    }
    if lets.is_empty() {
        lets.push(quote!(let _ = inputs;));
    }
    let call = quote!(#func(#(#args),*));
    let result = match (&d.output, d.otherwise.is_some()) {
        (DecisionType::Boolean, true) => quote!(Some(crate::registry::DecisionValue::Bool(#call))),
        (DecisionType::Boolean, false) => quote!(#call.map(crate::registry::DecisionValue::Bool)),
        (DecisionType::Enum(_), true) => quote!(Some(crate::registry::output_enum(&#call))),
        (DecisionType::Enum(_), false) => {
            quote!(#call.as_ref().map(crate::registry::output_enum))
        }
    };
    let boolean = d.output == DecisionType::Boolean;
    Ok(quote! {
        crate::registry::DecisionInfo {
            provider: #provider,
            name: #name,
            inputs: &[#(#input_names),*],
            boolean: #boolean,
            evaluate: |inputs| {
                #(#lets)*
                Ok(#result)
            },
        }
    })
}

/// The path of a body struct from the provider module's root.
fn type_path(ctx: &Ctx<'_>, item: &str, name: &str) -> Result<TokenStream, EmitError> {
    let def = ctx
        .struct_def(name)
        .ok_or_else(|| ctx.err(item, format!("body type `{name}` is not a struct")))?;
    let id = ident(name).map_err(|m| ctx.err(item, m))?;
    ctx.item_path(&id, &def.scope, &Scope::Provider)
}
