//! Rust types and values for IR types and literals.

use proc_macro2::TokenStream;

use super::text::str_lit;
use super::{ident, Ctx, EmitError};
use crate::ir::{Literal, Scope, Type};

impl Ctx<'_> {
    /// The Rust type of an IR type, named from code in scope `from`.
    pub(crate) fn rust_type(
        &self,
        ty: &Type,
        from: &Scope,
        item: &str,
    ) -> Result<String, EmitError> {
        Ok(match ty {
            Type::String => "String".to_owned(),
            Type::Integer => "i64".to_owned(),
            Type::Boolean => "bool".to_owned(),
            Type::AmountIdr => "payspec_runtime::money::Idr".to_owned(),
            Type::Decimal => "payspec_runtime::money::Decimal".to_owned(),
            Type::Json => "serde_json::Value".to_owned(),
            Type::Enum(name) => {
                let def = self
                    .enum_def(name)
                    .ok_or_else(|| self.err(item, format!("unknown enum `{name}`")))?;
                self.item_path_text(name, &def.scope, from, item)?
            }
            Type::Struct(name) => {
                let def = self
                    .struct_def(name)
                    .ok_or_else(|| self.err(item, format!("unknown struct `{name}`")))?;
                self.item_path_text(name, &def.scope, from, item)?
            }
            Type::Array(inner) => format!("Vec<{}>", self.rust_type(inner, from, item)?),
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
        let id = ident(name).map_err(|m| self.err(item, m))?;
        self.item_path(&id, &def.scope, from)
    }

    /// [`Ctx::item_path`] as text.
    fn item_path_text(
        &self,
        name: &str,
        target: &Scope,
        from: &Scope,
        item: &str,
    ) -> Result<String, EmitError> {
        let id = ident(name).map_err(|m| self.err(item, m))?;
        Ok(match self.area_prefix(target, from)? {
            Some(area) => format!("{area}::{id}"),
            None => id.to_string(),
        })
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
        let text = self.literal_text(lit, from, item)?;
        text.parse()
            .map_err(|e| self.err(item, format!("literal `{text}` does not lex: {e}")))
    }

    /// [`Ctx::literal`] as text.
    pub(crate) fn literal_text(
        &self,
        lit: &Literal,
        from: &Scope,
        item: &str,
    ) -> Result<String, EmitError> {
        Ok(match lit {
            Literal::String(s) => str_lit(s),
            Literal::Integer(i) => i.to_string(),
            Literal::Boolean(b) => b.to_string(),
            Literal::EnumValue {
                enum_name,
                rust_name,
                ..
            } => {
                let def = self
                    .enum_def(enum_name)
                    .ok_or_else(|| self.err(item, format!("unknown enum `{enum_name}`")))?;
                let path = self.item_path_text(enum_name, &def.scope, from, item)?;
                let variant = ident(rust_name).map_err(|m| self.err(item, m))?;
                format!("{path}::{variant}")
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
    ) -> Result<String, EmitError> {
        Ok(match (ty, lit) {
            (Type::String, Literal::String(s)) => format!("{}.to_owned()", str_lit(s)),
            (Type::Integer, Literal::Integer(_)) | (Type::Boolean, Literal::Boolean(_)) => {
                self.literal_text(lit, from, item)?
            }
            (Type::AmountIdr, Literal::Integer(i)) => format!("payspec_runtime::money::Idr({i})"),
            (Type::Enum(name), Literal::EnumValue { enum_name, .. }) if name == enum_name => {
                self.literal_text(lit, from, item)?
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
