//! `ENDPOINTS`: every endpoint and notification of the provider as data,
//! with type-erased body checks, for tooling (the sandbox, tests).

use proc_macro2::TokenStream;
use quote::quote;

use super::{ident, method_str, Ctx, EmitError, Scope};
use crate::ir::{EndpointKind, HttpMethod};

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
        for r in &e.responses {
            let ty = type_path(ctx, &item, &r.body)?;
            let status = proc_macro2::Literal::u16_unsuffixed(r.status);
            responses.push(quote!((#status, crate::registry::decode::<#ty>)));
        }
        let mut errors = Vec::new();
        for er in &e.errors {
            let ty = type_path(ctx, &item, &er.body)?;
            let error_name = er.name.as_str();
            errors.push(quote!((#error_name, crate::registry::decode::<#ty>)));
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
         works across endpoints (a sandbox server, tests).\n\n{}",
        p.title,
        listing.join("\n")
    ));
    Ok(quote! {
        #doc
        pub const ENDPOINTS: &[crate::registry::EndpointInfo] = &[#(#entries),*];
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
