//! Enums: every documented value plus an `Unknown(String)` fallback, so a
//! value the provider adds later never breaks deserialisation.

use proc_macro2::TokenStream;
use quote::quote;

use super::{doc, ident, Ctx, EmitError};
use crate::ir::Enum;

pub(crate) fn emit(ctx: &Ctx<'_>, e: &Enum) -> Result<TokenStream, EmitError> {
    let item = format!("enum {}", e.name);
    let name = ident(&e.name).map_err(|m| ctx.err(&item, m))?;
    if e.values.is_empty() {
        return Err(ctx.err(&item, "an enum needs at least one documented value"));
    }
    let mut variants = Vec::new();
    for v in &e.values {
        if v.rust_name == "Unknown" {
            return Err(ctx.err(
                &item,
                format!(
                    "value {:?} is named `Unknown`, which is the fallback variant",
                    v.wire
                ),
            ));
        }
        variants.push(ident(&v.rust_name).map_err(|m| ctx.err(&item, m))?);
    }
    let wires: Vec<&str> = e.values.iter().map(|v| v.wire.as_str()).collect();
    let variant_docs = e.values.iter().map(|v| {
        doc::attrs(&doc::paragraphs([
            format!("`{:?}`", v.wire),
            doc::md(&v.doc),
        ]))
    });

    let mut text = vec![doc::md(&e.doc)];
    text.push(format!(
        "A value the docs do not list arrives as [`{0}::Unknown`] instead of failing; \
         in a request it is reported by `validate()`.",
        e.name
    ));
    if let Some(d) = &e.discrepancy {
        text.push(doc::discrepancy(d));
    }
    let enum_doc = doc::attrs(&doc::paragraphs(text));

    Ok(quote! {
        #enum_doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum #name {
            #(#variant_docs #variants,)*
            /// A value the docs do not list, kept as received.
            Unknown(String),
        }

        impl #name {
            /// The documented wire values, in the docs' order.
            pub const VALUES: &'static [&'static str] = &[#(#wires),*];

            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#variants => #wires,)*
                    Self::Unknown(value) => value,
                }
            }
        }

        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#wires => Self::#variants,)*
                    other => Self::Unknown(other.to_owned()),
                }
            }
        }

        impl From<String> for #name {
            fn from(value: String) -> Self {
                match value.as_str() {
                    #(#wires => Self::#variants,)*
                    _ => Self::Unknown(value),
                }
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        // Borrows the wire value: a documented one is matched without allocating.
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                payspec_runtime::wire::deserialize_wire_enum(deserializer)
            }
        }

        impl payspec_runtime::wire::WireEnum for #name {
            fn as_wire(&self) -> &str {
                self.as_str()
            }

            fn is_unknown(&self) -> bool {
                matches!(self, Self::Unknown(_))
            }

            fn documented(&self) -> &'static [&'static str] {
                Self::VALUES
            }
        }
    })
}
