//! Decoding of generated structs: a `payspec_runtime::wire::WireStruct` impl that
//! matches each object key to its field, and a one-line `Deserialize` impl
//! calling the runtime's shared visitor.
//!
//! Written out instead of `#[derive(serde::Deserialize)]` because the derive
//! expands to a field enum with its own visitor and a second (sequence)
//! visitor per struct, which dominated the compile time of the generated
//! crate (BENCHMARKS.md, section 3). Behaviour matches the derive for
//! objects: same error texts, unknown keys ignored, optional fields absent
//! or `null` → `None`.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::{ident, types::is_lenient, Ctx, EmitError};
use crate::ir::Struct;

pub(crate) fn emit(ctx: &Ctx<'_>, s: &Struct) -> Result<TokenStream, EmitError> {
    let item = format!("struct {}", s.name);
    let name = ident(&s.name).map_err(|m| ctx.err(&item, m))?;
    let expecting = format!("struct {}", s.name);
    let mut field_names = Vec::new();
    for f in &s.fields {
        let field_item = format!("struct {}, field {}", s.name, f.wire_name);
        field_names.push(ident(&f.rust_name).map_err(|m| ctx.err(&field_item, m))?);
    }
    // The locals holding each field's value are named after the fields, so
    // the map and key variables take names no field has.
    let map = unused_name("map", &field_names);
    let key = unused_name("key", &field_names);
    let mut arms = Vec::new();
    let mut inits = Vec::new();
    for (f, field) in s.fields.iter().zip(&field_names) {
        let wire = &f.wire_name;
        let aliases = &f.aliases;
        let read = match (f.also_accepts.is_empty(), f.optional) {
            (true, _) => quote!(value),
            (false, optional) => {
                if !is_lenient(&f.ty) {
                    return Err(ctx.err(
                        format!("struct {}, field {}", s.name, f.wire_name),
                        "`also_accepts` is only supported on string, integer, boolean and amount fields",
                    ));
                }
                if optional {
                    quote!(lenient_opt)
                } else {
                    quote!(lenient)
                }
            }
        };
        arms.push(quote! {
            #wire #(| #aliases)* => #map.#read(&mut #field, #wire)?,
        });
        inits.push(if f.optional {
            quote!(#field: payspec_runtime::wire::optional(#field))
        } else {
            quote!(#field: #map.required(#field, #wire)?)
        });
    }
    let read_entries = if s.fields.is_empty() {
        quote! {
            while #map.next_key()?.is_some() {
                #map.skip()?;
            }
        }
    } else {
        quote! {
            while let Some(#key) = #map.next_key()? {
                match #key.as_str() {
                    #(#arms)*
                    _ => #map.skip()?,
                }
            }
        }
    };
    // Hidden from rustdoc: the impl is how `Deserialize` works, not API a
    // merchant calls, and it would be listed on every type's page.
    Ok(quote! {
        #[doc(hidden)]
        impl payspec_runtime::wire::WireStruct for #name {
            const EXPECTING: &'static str = #expecting;

            fn from_map<'de, A: serde::de::MapAccess<'de>>(
                mut #map: payspec_runtime::wire::StructMap<'de, A>,
            ) -> Result<Self, A::Error> {
                #(let mut #field_names = None;)*
                #read_entries
                Ok(Self { #(#inits),* })
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                payspec_runtime::wire::deserialize_struct(deserializer)
            }
        }
    })
}

/// `base`, or `base_`, `base__`… when a field already has that name.
fn unused_name(base: &str, fields: &[Ident]) -> Ident {
    let mut name = base.to_owned();
    while fields.iter().any(|f| f == name.as_str()) {
        name.push('_');
    }
    Ident::new(&name, proc_macro2::Span::call_site())
}
