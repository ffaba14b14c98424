//! Rust types and values for IR types and literals.

use proc_macro2::TokenStream;
use quote::quote;

use super::{ident, Ctx, EmitError};
use crate::ir::{Literal, Scope, Type};

impl Ctx<'_> {
    /// The Rust type of an IR type, named from code in scope `from`.
    pub(crate) fn rust_type(
        &self,
        ty: &Type,
        from: &Scope,
        item: &str,
    ) -> Result<TokenStream, EmitError> {
        Ok(match ty {
            Type::String => quote!(String),
            Type::Integer => quote!(i64),
            Type::Boolean => quote!(bool),
            Type::AmountIdr => quote!(payspec_runtime::money::Idr),
            Type::Decimal => quote!(payspec_runtime::money::Decimal),
            Type::Json => quote!(serde_json::Value),
            Type::Enum(name) => {
                let def = self
                    .enum_def(name)
                    .ok_or_else(|| self.err(item, format!("unknown enum `{name}`")))?;
                self.named(name, &def.scope, from, item)?
            }
            Type::Struct(name) => {
                let def = self
                    .struct_def(name)
                    .ok_or_else(|| self.err(item, format!("unknown struct `{name}`")))?;
                self.named(name, &def.scope, from, item)?
            }
            Type::Array(inner) => {
                let inner = self.rust_type(inner, from, item)?;
                quote!(Vec<#inner>)
            }
        })
    }

    /// The path of an enum by name, from code in scope `from`.
    pub(crate) fn enum_path(
        &self,
        name: &str,
        from: &Scope,
        item: &str,
    ) -> Result<TokenStream, EmitError> {
        let def = self
            .enum_def(name)
            .ok_or_else(|| self.err(item, format!("unknown enum `{name}`")))?;
        self.named(name, &def.scope, from, item)
    }

    fn named(
        &self,
        name: &str,
        target: &Scope,
        from: &Scope,
        item: &str,
    ) -> Result<TokenStream, EmitError> {
        let id = ident(name).map_err(|m| self.err(item, m))?;
        self.item_path(&id, target, from)
    }

    /// A pattern or expression for a literal compared with a value of type `ty`
    /// (`payspec_runtime::money::Idr` values are compared through `.value()`, so an
    /// integer literal stays an integer).
    pub(crate) fn literal(
        &self,
        lit: &Literal,
        from: &Scope,
        item: &str,
    ) -> Result<TokenStream, EmitError> {
        Ok(match lit {
            Literal::String(s) => quote!(#s),
            Literal::Integer(i) => {
                let lit = proc_macro2::Literal::u64_unsuffixed(i.unsigned_abs());
                if *i < 0 {
                    quote!(-#lit)
                } else {
                    quote!(#lit)
                }
            }
            Literal::Boolean(b) => quote!(#b),
            Literal::EnumValue {
                enum_name,
                rust_name,
                ..
            } => {
                let path = self.enum_path(enum_name, from, item)?;
                let variant = ident(rust_name).map_err(|m| self.err(item, m))?;
                quote!(#path::#variant)
            }
        })
    }

    /// An expression building a field's `default` as a value of its type.
    pub(crate) fn default_value(
        &self,
        ty: &Type,
        lit: &Literal,
        from: &Scope,
        item: &str,
    ) -> Result<TokenStream, EmitError> {
        Ok(match (ty, lit) {
            (Type::String, Literal::String(s)) => quote!(#s.to_owned()),
            (Type::Integer, Literal::Integer(_)) | (Type::Boolean, Literal::Boolean(_)) => {
                self.literal(lit, from, item)?
            }
            (Type::AmountIdr, Literal::Integer(_)) => {
                let v = self.literal(lit, from, item)?;
                quote!(payspec_runtime::money::Idr(#v))
            }
            (Type::Enum(name), Literal::EnumValue { enum_name, .. }) if name == enum_name => {
                self.literal(lit, from, item)?
            }
            _ => {
                return Err(self.err(
                    item,
                    format!("a default of {lit:?} cannot be given to a field of type {ty:?}"),
                ));
            }
        })
    }
}

/// Whether `payspec_runtime::wire::Lenient` is implemented for the type.
pub(crate) fn is_lenient(ty: &Type) -> bool {
    matches!(
        ty,
        Type::String | Type::Integer | Type::Boolean | Type::AmountIdr | Type::Decimal
    )
}
