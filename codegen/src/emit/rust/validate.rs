//! `Validate` for request structs: field checks (length, format, documented
//! enum values), recursion into nested structs and arrays, then the struct's
//! cross-field rules.

use std::collections::HashSet;

use proc_macro2::TokenStream;
use quote::quote;

use super::{ident, rules, Ctx, EmitError};
use crate::ir::{Field, Struct, Type};

/// A value being checked: a place (`self.order`) or a reference binding (`item`).
#[derive(Clone)]
pub(crate) enum Val {
    /// A place expression of type `T`.
    Place(TokenStream),
    /// A binding of type `&T`.
    Ref(TokenStream),
}

impl Val {
    /// An expression of type `&T`.
    pub(crate) fn reference(&self) -> TokenStream {
        match self {
            Val::Place(p) => quote!(&#p),
            Val::Ref(r) => r.clone(),
        }
    }

    /// The expression to call a method on (auto-deref works for both forms).
    pub(crate) fn receiver(&self) -> TokenStream {
        match self {
            Val::Place(p) | Val::Ref(p) => p.clone(),
        }
    }
}

/// The `Validate` impl of a request struct.
pub(crate) fn emit(ctx: &Ctx<'_>, s: &Struct) -> Result<TokenStream, EmitError> {
    let item = format!("struct {}", s.name);
    let name = ident(&s.name).map_err(|m| ctx.err(&item, m))?;
    let mut checks = Vec::new();
    for f in &s.fields {
        if let Some(c) = field_checks(ctx, s, f)? {
            checks.push(c);
        }
    }
    for r in &s.rules {
        if let Some(c) = rules::emit(ctx, s, r)? {
            checks.push(c);
        }
    }
    // A struct with nothing to check still implements `Validate`, so callers
    // can validate any request alike.
    let v = if checks.is_empty() {
        quote!(_v)
    } else {
        quote!(v)
    };
    Ok(quote! {
        impl payspec_runtime::validation::Validate for #name {
            fn validate_in(&self, #v: &mut payspec_runtime::validation::Validator) {
                #(#checks)*
            }
        }
    })
}

fn field_checks(ctx: &Ctx<'_>, s: &Struct, f: &Field) -> Result<Option<TokenStream>, EmitError> {
    let item = format!("struct {}, field {}", s.name, f.wire_name);
    let field = ident(&f.rust_name).map_err(|m| ctx.err(&item, m))?;
    let wire = f.wire_name.as_str();
    let (val, wrap): (Val, bool) = if f.optional {
        (Val::Ref(quote!(value)), true)
    } else {
        (Val::Place(quote!(self.#field)), false)
    };
    let body = match &f.ty {
        Type::Array(inner) => array_checks(ctx, f, inner, wire, &val, &item)?,
        ty => value_checks(ctx, f, ty, &quote!(#wire), wire, &val, &item)?,
    };
    Ok(body.map(|body| {
        if wrap {
            quote!(if let Some(value) = &self.#field { #body })
        } else {
            body
        }
    }))
}

fn array_checks(
    ctx: &Ctx<'_>,
    f: &Field,
    inner: &Type,
    wire: &str,
    list: &Val,
    item: &str,
) -> Result<Option<TokenStream>, EmitError> {
    let list_ref = list.reference();
    let list = list.receiver();
    match inner {
        Type::Array(_) => {
            if has_checks(ctx, f, inner) {
                Err(ctx.err(item, "checks on arrays of arrays are not supported"))
            } else {
                Ok(None)
            }
        }
        Type::Struct(name) => {
            if !struct_needs_validation(ctx, name, &mut HashSet::new()) {
                return Ok(None);
            }
            Ok(Some(quote!(v.each(#wire, #list_ref);)))
        }
        ty => {
            let element = format!("{}[{{i}}]", wire.replace('{', "{{").replace('}', "}}"));
            let checks = value_checks(
                ctx,
                f,
                ty,
                &quote!(&name),
                wire,
                &Val::Ref(quote!(item)),
                item,
            )?;
            Ok(checks.map(|checks| {
                quote! {
                    for (i, item) in #list.iter().enumerate() {
                        let name = format!(#element);
                        #checks
                    }
                }
            }))
        }
    }
}

/// Checks of one (non-array) value; `name` is the field name expression
/// (`"amount"` or `&name` for an array element), `wire` the static wire name.
fn value_checks(
    ctx: &Ctx<'_>,
    f: &Field,
    ty: &Type,
    name: &TokenStream,
    wire: &str,
    val: &Val,
    item: &str,
) -> Result<Option<TokenStream>, EmitError> {
    let mut out = Vec::new();
    let text = match ty {
        Type::String => Some(val.reference()),
        Type::Integer | Type::AmountIdr => {
            let r = val.receiver();
            Some(quote!(&#r.to_string()))
        }
        Type::Decimal | Type::Enum(_) => {
            let r = val.receiver();
            Some(quote!(#r.as_str()))
        }
        _ => None,
    };
    if f.max_len.is_some() || f.min_len.is_some() || f.format.is_some() {
        let Some(text) = &text else {
            return Err(ctx.err(
                item,
                "length and format limits need a string, number, decimal or enum field",
            ));
        };
        if f.max_len.is_some() || f.min_len.is_some() {
            let min = usize_opt(f.min_len);
            let max = usize_opt(f.max_len);
            out.push(quote!(v.check_len(#name, #text, #min, #max);));
        }
        if let Some(format) = f.format {
            let variant = ident(format.rust_variant()).map_err(|m| ctx.err(item, m))?;
            out.push(quote!(v.check_format(#name, #text, payspec_runtime::validation::Format::#variant);));
        }
    }
    match ty {
        Type::Enum(e) if ctx.enum_def(e).is_some_and(|e| e.in_request) => {
            let r = val.reference();
            out.push(quote!(v.check_known(#name, #r);));
        }
        Type::Struct(st) if struct_needs_validation(ctx, st, &mut HashSet::new()) => {
            let r = val.reference();
            out.push(quote!(v.nested(#wire, #r);));
        }
        _ => {}
    }
    Ok((!out.is_empty()).then(|| quote!(#(#out)*)))
}

fn usize_opt(n: Option<u32>) -> TokenStream {
    match n {
        Some(n) => {
            let lit = proc_macro2::Literal::usize_unsuffixed(n as usize);
            quote!(Some(#lit))
        }
        None => quote!(None),
    }
}

/// Whether a field of type `ty` produces any check.
fn has_checks(ctx: &Ctx<'_>, f: &Field, ty: &Type) -> bool {
    f.max_len.is_some()
        || f.min_len.is_some()
        || f.format.is_some()
        || type_has_checks(ctx, ty, &mut HashSet::new())
}

fn type_has_checks(ctx: &Ctx<'_>, ty: &Type, seen: &mut HashSet<String>) -> bool {
    match ty {
        Type::Enum(e) => ctx.enum_def(e).is_some_and(|e| e.in_request),
        Type::Struct(s) => struct_needs_validation(ctx, s, seen),
        Type::Array(inner) => type_has_checks(ctx, inner, seen),
        _ => false,
    }
}

/// Whether validating struct `name` can report anything (so parents recurse
/// into it only when it does). `seen` breaks cycles.
pub(crate) fn struct_needs_validation(
    ctx: &Ctx<'_>,
    name: &str,
    seen: &mut HashSet<String>,
) -> bool {
    if !seen.insert(name.to_owned()) {
        return false;
    }
    // Only request structs implement `Validate`.
    let Some(s) = ctx.struct_def(name).filter(|s| s.roles.request) else {
        return false;
    };
    let needs = s
        .rules
        .iter()
        .any(|r| !matches!(r.kind, crate::ir::RuleKind::DependsOnAccount { .. }))
        || s.fields.iter().any(|f| {
            f.max_len.is_some()
                || f.min_len.is_some()
                || f.format.is_some()
                || type_has_checks(ctx, &f.ty, seen)
        });
    // `seen` holds the structs on the current path only, so a type used by
    // two fields is looked at twice rather than taken for a cycle.
    seen.remove(name);
    needs
}
