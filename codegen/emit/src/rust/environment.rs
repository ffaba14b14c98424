//! `Environment`: the provider's base URLs as a value.

use proc_macro2::TokenStream;
use quote::quote;

use super::{doc, ident, Ctx, EmitError, Scope};

pub(crate) fn emit(ctx: &Ctx<'_>) -> Result<TokenStream, EmitError> {
    let p = ctx.p;
    let item = "enum Environment";
    if p.enums
        .iter()
        .any(|e| e.name == "Environment" && e.scope == Scope::Provider)
        || p.structs
            .iter()
            .any(|s| s.name == "Environment" && s.scope == Scope::Provider)
    {
        return Err(ctx.err(item, "the name `Environment` is reserved for the base URLs"));
    }
    let mut variants = Vec::new();
    let mut docs = Vec::new();
    let mut urls = Vec::new();
    for env in &p.environments {
        if env.rust_name == "Custom" {
            return Err(ctx.err(
                item,
                "environment `custom` clashes with `Environment::Custom`",
            ));
        }
        variants.push(ident(&env.rust_name).map_err(|m| ctx.err(item, m))?);
        let text = doc::paragraphs([
            format!("`{}`", env.base_url),
            env.doc.as_deref().map(doc::md).unwrap_or_default(),
        ]);
        docs.push(doc::attrs(&text));
        urls.push(env.base_url.as_str());
    }
    let listing: Vec<String> = p
        .environments
        .iter()
        .map(|e| format!("- `{}`: `{}`", e.name, e.base_url))
        .collect();
    // A provider whose docs give no base URL (the biller) still gets the
    // type, with `Custom` as its only way in.
    let listing = if listing.is_empty() {
        "The provider's docs give no base URL: use `Environment::Custom`.".to_owned()
    } else {
        listing.join("\n")
    };
    let enum_doc = doc::attrs(&format!(
        "Where {} requests are sent.\n\n{}",
        p.title, listing
    ));
    Ok(quote! {
        #enum_doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum Environment {
            #(#docs #variants,)*
            /// Another base URL (a mock server, a proxy), without a trailing slash.
            Custom(String),
        }

        impl Environment {
            /// The base URL requests are sent to, without a trailing slash.
            pub fn base_url(&self) -> &str {
                match self {
                    #(Self::#variants => #urls,)*
                    Self::Custom(url) => url,
                }
            }
        }
    })
}
