//! Encoding of generated structs: a `Serialize` impl that writes one JSON
//! object entry per field through the runtime's `payspec_runtime::wire::ObjectWriter`.
//!
//! Written out instead of `#[derive(serde::Serialize)]`: the derive's
//! expansion was the largest part of the generated crate after macro
//! expansion (BENCHMARKS.md, section 3). The JSON is the derive's: fields in
//! declaration order under their wire names, unset optional fields left out.

use proc_macro2::TokenStream;
use quote::quote;

use super::{ident, Ctx, EmitError};
use crate::ir::Struct;

pub(crate) fn emit(ctx: &Ctx<'_>, s: &Struct) -> Result<TokenStream, EmitError> {
    let item = format!("struct {}", s.name);
    let name = ident(&s.name).map_err(|m| ctx.err(&item, m))?;
    let mut writes = Vec::new();
    for f in &s.fields {
        let field_item = format!("struct {}, field {}", s.name, f.wire_name);
        let field = ident(&f.rust_name).map_err(|m| ctx.err(&field_item, m))?;
        let wire = &f.wire_name;
        writes.push(if f.optional {
            quote!(object.optional(#wire, &self.#field)?;)
        } else {
            quote!(object.field(#wire, &self.#field)?;)
        });
    }
    // `object` is a local of the impl, never a field access, so a field of
    // that name cannot clash with it.
    let object = if writes.is_empty() {
        quote!(object)
    } else {
        quote!(mut object)
    };
    Ok(quote! {
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let #object = payspec_runtime::wire::object_writer(serializer)?;
                #(#writes)*
                object.end()
            }
        }
    })
}
