//! Decoding a page's JSON sample with the spec's types, at the IR level:
//! the JSON is walked against the body's field tree, so no generated code
//! is compiled. Each key the spec lacks, each mandatory field the sample
//! leaves out, each JSON type that differs and each value outside an enum
//! is an [`Issue`] with its JSON path.

use serde_json::Value;

use crate::audit::report::{Kind, Severity};
use crate::audit::view::ProviderView;
use crate::ir::{Field, Loc, Struct, Type, WireKind};

/// One way a sample does not fit the spec's types.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// `sample_field_unknown`, `sample_field_absent`, `sample_type_differs`
    /// or `sample_enum_value`.
    pub kind: Kind,
    /// JSON path (`$.order.line_items[0].price`).
    pub path: String,
    /// The wire name the path ends in, to find it on the page.
    pub key: Option<String>,
    /// Error, or a warning where the spec's types still read the sample.
    pub severity: Severity,
    /// The spec item concerned: the field, or the struct lacking one.
    pub spec: Loc,
    /// What differs and what to do.
    pub message: String,
}

/// Every issue of `value` read as `body`.
///
/// A body the merchant only reads (a response, error or notification)
/// ignores keys it does not know and keeps enum values it does not know
/// (`Unknown`), so there those two are warnings: the spec misses something,
/// but still reads the sample. A request body must name every key it sends
/// and send only listed values, so there they are errors; a JSON type that
/// differs or a mandatory field left out fails decoding in either.
pub fn decode(view: &ProviderView<'_>, body: &Struct, value: &Value) -> Vec<Issue> {
    let mut out = Vec::new();
    check_struct(view, body, &body.loc, value, "$", &mut out);
    if !body.roles.request {
        for issue in &mut out {
            if matches!(issue.kind, Kind::SampleFieldUnknown | Kind::SampleEnumValue) {
                issue.severity = Severity::Warning;
            }
        }
    }
    out
}

/// `owner` is where a missing member is reported: the body, or the field
/// holding a nested object.
fn check_struct(
    view: &ProviderView<'_>,
    s: &Struct,
    owner: &Loc,
    value: &Value,
    path: &str,
    out: &mut Vec<Issue>,
) {
    let Value::Object(map) = value else {
        return;
    };
    for (key, child) in map {
        let child_path = format!("{path}.{key}");
        match s
            .fields
            .iter()
            .find(|f| f.wire_name == *key || f.aliases.iter().any(|a| a == key))
        {
            Some(field) => check_value(view, field, &field.ty, child, &child_path, out),
            None => out.push(Issue {
                kind: Kind::SampleFieldUnknown,
                severity: Kind::SampleFieldUnknown.severity(),
                path: child_path.clone(),
                key: Some(key.clone()),
                spec: owner.clone(),
                message: format!(
                    "the sample sends `{child_path}`, which `{}` has no field for: add the field `{key}` to it (or, if the page's table disagrees, record a discrepancy)",
                    s.name
                ),
            }),
        }
    }
    for field in s.fields.iter().filter(|f| !f.optional) {
        let present =
            map.contains_key(&field.wire_name) || field.aliases.iter().any(|a| map.contains_key(a));
        if !present {
            let field_path = format!("{path}.{}", field.wire_name);
            out.push(Issue {
                kind: Kind::SampleFieldAbsent,
                severity: Kind::SampleFieldAbsent.severity(),
                path: field_path.clone(),
                key: None,
                spec: field.loc.clone(),
                message: format!(
                    "the sample leaves out `{field_path}`, which `{}` makes mandatory: if the page no longer sends it, make it optional (and say why in a discrepancy)",
                    s.name
                ),
            });
        }
    }
}

fn check_value(
    view: &ProviderView<'_>,
    field: &Field,
    ty: &Type,
    value: &Value,
    path: &str,
    out: &mut Vec<Issue>,
) {
    if value.is_null() {
        if !field.optional {
            out.push(type_issue(field, path, "null", "a value"));
        }
        return;
    }
    let accepts = |kind: WireKind| field.also_accepts.contains(&kind);
    let fits = match ty {
        Type::Json => true,
        Type::String | Type::Decimal => {
            value.is_string()
                || (value.is_i64() || value.is_u64()) && accepts(WireKind::Integer)
                || value.is_boolean() && accepts(WireKind::Boolean)
        }
        Type::Integer | Type::AmountIdr => {
            value.is_i64() || value.is_u64() || value.is_string() && accepts(WireKind::String)
        }
        Type::Boolean => value.is_boolean() || value.is_string() && accepts(WireKind::String),
        Type::Enum(name) => {
            if let Some(text) = value.as_str() {
                check_enum(view, field, name, text, path, out);
                true
            } else {
                false
            }
        }
        Type::Struct(name) => {
            if value.is_object() {
                if let Some(s) = view.strukt(name) {
                    check_struct(view, s, &field.loc, value, path, out);
                }
                true
            } else {
                false
            }
        }
        Type::Array(inner) => {
            if let Value::Array(items) = value {
                for (i, item) in items.iter().enumerate() {
                    check_value(view, field, inner, item, &format!("{path}[{i}]"), out);
                }
                true
            } else {
                false
            }
        }
    };
    if !fits {
        out.push(type_issue(field, path, json_kind(value), type_name(ty)));
    }
}

fn check_enum(
    view: &ProviderView<'_>,
    field: &Field,
    name: &str,
    text: &str,
    path: &str,
    out: &mut Vec<Issue>,
) {
    let Some(e) = view.enumeration(name) else {
        return;
    };
    if e.values.iter().any(|v| v.wire == text) {
        return;
    }
    out.push(Issue {
        kind: Kind::SampleEnumValue,
        severity: Kind::SampleEnumValue.severity(),
        path: path.to_owned(),
        key: Some(field.wire_name.clone()),
        spec: e.loc.clone(),
        message: format!(
            "the sample sends `{path}` = \"{text}\", which enum `{name}` lacks: add the value (with the page's description) to `{name}`, or record why it is not one in a discrepancy"
        ),
    });
}

fn type_issue(field: &Field, path: &str, found: &str, expected: &str) -> Issue {
    Issue {
        kind: Kind::SampleTypeDiffers,
        severity: Kind::SampleTypeDiffers.severity(),
        path: path.to_owned(),
        key: Some(field.wire_name.clone()),
        spec: field.loc.clone(),
        message: format!(
            "the sample sends `{path}` as {found}, but the spec's field `{}` is {expected}: change its type, or keep it and add `also_accepts` with a discrepancy quoting both",
            field.wire_name
        ),
    }
}

fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "an integer",
        Value::Number(_) => "a fractional number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn type_name(ty: &Type) -> &'static str {
    match ty {
        Type::String => "a string",
        Type::Integer => "an integer",
        Type::Boolean => "a boolean",
        Type::AmountIdr => "an amount (a JSON integer)",
        Type::Decimal => "a decimal (a JSON string)",
        Type::Json => "any JSON",
        Type::Enum(_) => "an enum (a JSON string)",
        Type::Struct(_) => "an object",
        Type::Array(_) => "an array",
    }
}
