//! `Validate` for request structs: field checks (length, format, documented
//! enum values), recursion into nested structs and arrays, then the struct's
//! cross-field rules.

use std::collections::HashSet;

use super::stmt::{self, Stmt};
use super::text::{str_lit, Call, Code};
use super::{ident, rules, Ctx, EmitError};
use crate::ir::{Field, Struct, Type};

/// A value being checked: a place (`self.order`) or a reference binding (`item`).
#[derive(Clone)]
pub(crate) enum Val {
    /// A place expression of type `T`.
    Place(String),
    /// A binding of type `&T`.
    Ref(String),
}

impl Val {
    /// An expression of type `&T`.
    pub(crate) fn reference(&self) -> String {
        match self {
            Val::Place(p) => format!("&{p}"),
            Val::Ref(r) => r.clone(),
        }
    }

    /// The expression to call a method on (auto-deref works for both forms).
    pub(crate) fn receiver(&self) -> &str {
        match self {
            Val::Place(p) | Val::Ref(p) => p,
        }
    }
}

/// The `Validate` impl of a request struct.
pub(crate) fn emit(ctx: &Ctx<'_>, s: &Struct, c: &mut Code) -> Result<(), EmitError> {
    let item = format!("struct {}", s.name);
    let name = ident(&s.name).map_err(|m| ctx.err(&item, m))?;
    let mut checks = Vec::new();
    // Field checks guard what is sent; a response body's impl checks only
    // its rules (its lengths and formats are documented, not enforced).
    if s.roles.request {
        for f in &s.fields {
            checks.extend(field_checks(ctx, s, f)?);
        }
    }
    for r in &s.rules {
        checks.extend(rules::emit(ctx, s, r)?);
    }
    c.open(&format!(
        "impl payspec_runtime::validation::Validate for {name} {{"
    ));
    if checks.is_empty() {
        // A struct with nothing to check still implements `Validate`, so
        // callers can validate any request alike.
        c.line("fn validate_in(&self, _v: &mut payspec_runtime::validation::Validator) {}");
    } else {
        c.open("fn validate_in(&self, v: &mut payspec_runtime::validation::Validator) {");
        stmt::print(c, &checks);
        c.close("}");
    }
    c.close("}");
    Ok(())
}

/// `v.<method>(args);`
pub(crate) fn v_call(method: &str, args: Vec<Call>) -> Stmt {
    Stmt::semi(Call::method("v", &format!(".{method}("), args, ")"))
}

fn field_checks(ctx: &Ctx<'_>, s: &Struct, f: &Field) -> Result<Vec<Stmt>, EmitError> {
    let item = format!("struct {}, field {}", s.name, f.wire_name);
    let field = ident(&f.rust_name).map_err(|m| ctx.err(&item, m))?;
    let wire = f.wire_name.as_str();
    let val = if f.optional {
        Val::Ref("value".to_owned())
    } else {
        Val::Place(format!("self.{field}"))
    };
    let body = match &f.ty {
        Type::Array(inner) => array_checks(ctx, f, inner, wire, &val, &item)?,
        ty => value_checks(ctx, f, ty, &str_lit(wire), wire, &val, &item)?,
    };
    Ok(if f.optional && !body.is_empty() {
        vec![Stmt::block(
            format!("if let Some(value) = &self.{field}"),
            body,
        )]
    } else {
        body
    })
}

fn array_checks(
    ctx: &Ctx<'_>,
    f: &Field,
    inner: &Type,
    wire: &str,
    list: &Val,
    item: &str,
) -> Result<Vec<Stmt>, EmitError> {
    match inner {
        Type::Array(_) => {
            if has_checks(ctx, f, inner) {
                Err(ctx.err(item, "checks on arrays of arrays are not supported"))
            } else {
                Ok(Vec::new())
            }
        }
        Type::Struct(name) => {
            if !struct_needs_validation(ctx, name, &mut HashSet::new()) {
                return Ok(Vec::new());
            }
            Ok(vec![v_call(
                "each",
                vec![Call::plain(str_lit(wire)), Call::plain(list.reference())],
            )])
        }
        ty => {
            let element = format!("{}[{{i}}]", wire.replace('{', "{{").replace('}', "}}"));
            let mut checks = value_checks(
                ctx,
                f,
                ty,
                "&name",
                wire,
                &Val::Ref("item".to_owned()),
                item,
            )?;
            if checks.is_empty() {
                return Ok(checks);
            }
            let name = Call::macro_call("format", vec![Call::plain(str_lit(&element))]);
            checks.insert(0, Stmt::semi(name.after("let name = ")));
            Ok(vec![Stmt::block(
                format!("for (i, item) in {}.iter().enumerate()", list.receiver()),
                checks,
            )])
        }
    }
}

/// Checks of one (non-array) value; `name` is the field name expression
/// (`"amount"` or `&name` for an array element), `wire` the static wire name.
fn value_checks(
    ctx: &Ctx<'_>,
    f: &Field,
    ty: &Type,
    name: &str,
    wire: &str,
    val: &Val,
    item: &str,
) -> Result<Vec<Stmt>, EmitError> {
    let mut out = Vec::new();
    let text = match ty {
        Type::String => Some(val.reference()),
        Type::Integer | Type::AmountIdr => Some(format!("&{}.to_string()", val.receiver())),
        Type::Decimal | Type::Enum(_) => Some(format!("{}.as_str()", val.receiver())),
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
            let args = [name, text, &usize_opt(f.min_len), &usize_opt(f.max_len)];
            out.push(v_call(
                "check_len",
                args.into_iter().map(Call::plain).collect(),
            ));
        }
        if let Some(format) = f.format {
            let variant = ident(format.rust_variant()).map_err(|m| ctx.err(item, m))?;
            let format = format!("payspec_runtime::validation::Format::{variant}");
            let args = [name, text, &format];
            out.push(v_call(
                "check_format",
                args.into_iter().map(Call::plain).collect(),
            ));
        }
    }
    if let Some(min) = f.minimum {
        let number = match (ty, val) {
            (Type::AmountIdr, _) => format!("{}.0", val.receiver()),
            (Type::Integer, Val::Place(p)) => p.clone(),
            (Type::Integer, Val::Ref(r)) => format!("*{r}"),
            _ => return Err(ctx.err(item, "a minimum needs an amount or integer field")),
        };
        let args = [name.to_owned(), number, min.to_string()];
        out.push(v_call(
            "check_min",
            args.into_iter().map(Call::plain).collect(),
        ));
    }
    match ty {
        Type::Enum(e) if ctx.enum_def(e).is_some_and(|e| e.in_request) => {
            let args = [name.to_owned(), val.reference()];
            out.push(v_call(
                "check_known",
                args.into_iter().map(Call::plain).collect(),
            ));
        }
        Type::Struct(st) if struct_needs_validation(ctx, st, &mut HashSet::new()) => {
            let args = [str_lit(wire), val.reference()];
            out.push(v_call(
                "nested",
                args.into_iter().map(Call::plain).collect(),
            ));
        }
        _ => {}
    }
    Ok(out)
}

fn usize_opt(n: Option<u32>) -> String {
    match n {
        Some(n) => format!("Some({n})"),
        None => "None".to_owned(),
    }
}

/// Whether a field of type `ty` produces any check.
fn has_checks(ctx: &Ctx<'_>, f: &Field, ty: &Type) -> bool {
    field_limits(f) || type_has_checks(ctx, ty, &mut HashSet::new())
}

fn type_has_checks(ctx: &Ctx<'_>, ty: &Type, seen: &mut HashSet<String>) -> bool {
    match ty {
        Type::Enum(e) => ctx.enum_def(e).is_some_and(|e| e.in_request),
        Type::Struct(s) => struct_needs_validation(ctx, s, seen),
        Type::Array(inner) => type_has_checks(ctx, inner, seen),
        _ => false,
    }
}

/// Whether the field carries a limit of its own (length, format, minimum).
fn field_limits(f: &Field) -> bool {
    f.max_len.is_some() || f.min_len.is_some() || f.format.is_some() || f.minimum.is_some()
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
        || s.fields
            .iter()
            .any(|f| field_limits(f) || type_has_checks(ctx, &f.ty, seen));
    // `seen` holds the structs on the current path only, so a type used by
    // two fields is looked at twice rather than taken for a cycle.
    seen.remove(name);
    needs
}
