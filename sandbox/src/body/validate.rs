//! The field checks of a request struct (length, format, minimum,
//! documented enum values, recursion into nested request structs), then its
//! rules: what the generated `Validate` impl checks, in the same order and
//! with the runtime's own messages.

use payspec_codegen_core::ir::{Field, Provider, Struct, Type};
use payspec_runtime::validation::{ValidationErrors, Validator};
use serde_json::Value;

use super::join;

/// Validates `value` (already decoded as `s`) and returns every violation.
pub(super) fn body(provider: &Provider, s: &Struct, value: &Value) -> Result<(), ValidationErrors> {
    let mut v = Validator::new();
    structure(provider, s, value, "", &mut v);
    v.finish()
}

/// The field checks of an endpoint's path parameters, each named
/// `{name}` as the generated client names it.
pub(super) fn path_params(
    provider: &Provider,
    fields: &[Field],
    params: &[(String, String)],
) -> Result<(), ValidationErrors> {
    let mut v = Validator::new();
    for (name, value) in params {
        if let Some(f) = fields.iter().find(|f| &f.wire_name == name) {
            let value = Value::String(value.clone());
            scalar(provider, f, &f.ty, &value, &format!("{{{name}}}"), &mut v);
        }
    }
    v.finish()
}

/// The checks of `s` on `value`, its paths below `at`. Violations are
/// reported with full paths from a validator kept at the root.
fn structure(provider: &Provider, s: &Struct, value: &Value, at: &str, v: &mut Validator) {
    // A response struct's lengths and formats are documented, not enforced;
    // only its rules are checked.
    if s.roles.request {
        for f in &s.fields {
            if let Some(member) = value.get(&f.wire_name) {
                let here = join(at, &f.wire_name);
                match &f.ty {
                    Type::Array(inner) => {
                        for (i, item) in member.as_array().into_iter().flatten().enumerate() {
                            if !matches!(**inner, Type::Array(_)) {
                                scalar(provider, f, inner, item, &format!("{here}[{i}]"), v);
                            }
                        }
                    }
                    ty => scalar(provider, f, ty, member, &here, v),
                }
            }
        }
    }
    for rule in &s.rules {
        super::rules::check(rule, value, at, v);
    }
}

/// The checks of one non-array value of field `f` at `at`.
fn scalar(provider: &Provider, f: &Field, ty: &Type, value: &Value, at: &str, v: &mut Validator) {
    let text = match (ty, value) {
        (Type::Integer | Type::AmountIdr, Value::Number(n)) => Some(n.to_string()),
        (Type::String | Type::Decimal | Type::Enum(_), Value::String(s)) => Some(s.clone()),
        _ => None,
    };
    if let Some(text) = &text {
        if f.max_len.is_some() || f.min_len.is_some() {
            let limit = |n: Option<u32>| n.map(|n| n as usize);
            v.check_len(at, text, limit(f.min_len), limit(f.max_len));
        }
        if let Some(format) = f.format {
            v.check_format(at, text, format);
        }
    }
    if let (Some(min), Some(n)) = (f.minimum, value.as_i64()) {
        v.check_min(at, n, min);
    }
    match ty {
        Type::Enum(name) => {
            let Some(e) = provider.enums.iter().find(|e| &e.name == name) else {
                return;
            };
            let wire = value.as_str().unwrap_or_default();
            if e.in_request && !e.values.iter().any(|x| x.wire == wire) {
                let documented: Vec<&str> = e.values.iter().map(|x| x.wire.as_str()).collect();
                v.fail(
                    at,
                    "enum",
                    format!(
                        "{wire:?} is not a documented value; use one of {}",
                        documented.join(", ")
                    ),
                );
            }
        }
        Type::Struct(name) => {
            // Only request structs are validated when nested (as generated).
            if let Some(s) = provider
                .structs
                .iter()
                .find(|s| &s.name == name && s.roles.request)
            {
                structure(provider, s, value, at, v);
            }
        }
        _ => {}
    }
}
