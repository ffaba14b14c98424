//! JSON Schema (2020-12, as OpenAPI 3.1 uses it) for enums, structs and fields.

use serde_yaml::{Mapping, Value};

use super::format::{self, DECIMAL_PATTERN, INTEGER_STRING_PATTERN};
use super::OpenApiError;
use crate::ir::{
    Condition, ConditionTest, Discrepancy, Enum, Field, FieldPath, Literal, Presence, Provider,
    Rule, RuleKind, Struct, Type, WireKind,
};
use crate::words::{self, Style};

/// A YAML string value.
pub(crate) fn s(text: impl Into<String>) -> Value {
    Value::String(text.into())
}

/// Inserts `key: value` into a mapping.
pub(crate) fn put(map: &mut Mapping, key: &str, value: impl Into<Value>) {
    map.insert(s(key), value.into());
}

/// The component name of a provider's enum or struct (`doku.CardRefundRequest`).
pub fn component_name(provider: &str, type_name: &str) -> String {
    format!("{provider}.{type_name}")
}

/// A `$ref` to a component schema.
pub(crate) fn reference(provider: &str, type_name: &str) -> Value {
    let mut map = Mapping::new();
    put(
        &mut map,
        "$ref",
        format!(
            "#/components/schemas/{}",
            component_name(provider, type_name)
        ),
    );
    Value::Mapping(map)
}

/// A literal as a JSON value.
pub(crate) fn literal(lit: &Literal) -> Value {
    match lit {
        Literal::String(text) => s(text.as_str()),
        Literal::Integer(i) => Value::from(*i),
        Literal::Boolean(b) => Value::Bool(*b),
        Literal::EnumValue { wire, .. } => s(wire.as_str()),
    }
}

/// A discrepancy note as an extension value.
pub(crate) fn discrepancy(d: &Discrepancy) -> Value {
    let mut map = Mapping::new();
    put(&mut map, "about", d.about.as_str());
    put(
        &mut map,
        "quotes",
        Value::Sequence(d.quotes.iter().map(|q| s(q.as_str())).collect()),
    );
    put(&mut map, "accepts", d.accepts.as_str());
    Value::Mapping(map)
}

/// The schema of an enum. Enums used in requests are closed (the provider
/// refuses other values); response-only enums stay open, because the
/// generated code keeps an unknown value instead of failing.
pub fn enum_schema(e: &Enum) -> Value {
    let mut map = Mapping::new();
    // Other spellings are decoded as their value, so they are valid on the wire.
    let values: Vec<Value> = e
        .values
        .iter()
        .flat_map(|v| std::iter::once(&v.wire).chain(&v.aliases))
        .map(|w| s(w.as_str()))
        .collect();
    let mut descriptions = Mapping::new();
    let mut aliases = Mapping::new();
    for v in &e.values {
        put(&mut descriptions, &v.wire, v.doc.as_str());
        if !v.aliases.is_empty() {
            let spelled = v.aliases.iter().map(|a| s(a.as_str())).collect();
            put(&mut aliases, &v.wire, Value::Sequence(spelled));
        }
    }
    if e.in_request {
        put(&mut map, "type", "string");
        put(&mut map, "description", e.doc.as_str());
        put(&mut map, "enum", Value::Sequence(values));
    } else {
        put(
            &mut map,
            "description",
            format!(
                "{} Open: values the docs do not list are kept as `Unknown`.",
                e.doc
            ),
        );
        let mut documented = Mapping::new();
        put(&mut documented, "type", "string");
        put(&mut documented, "enum", Value::Sequence(values));
        let mut other = Mapping::new();
        put(&mut other, "type", "string");
        put(
            &mut map,
            "anyOf",
            Value::Sequence(vec![Value::Mapping(documented), Value::Mapping(other)]),
        );
    }
    put(
        &mut map,
        "x-enum-descriptions",
        Value::Mapping(descriptions),
    );
    if !aliases.is_empty() {
        put(&mut map, "x-payspec-aliases", Value::Mapping(aliases));
    }
    if let Some(d) = &e.discrepancy {
        put(&mut map, "x-payspec-discrepancy", discrepancy(d));
    }
    Value::Mapping(map)
}

/// The schema of a struct. Request-only structs reject unknown properties;
/// anything a response reaches does not, since providers add fields.
pub fn struct_schema(provider: &Provider, st: &Struct) -> Result<Value, OpenApiError> {
    let mut map = Mapping::new();
    put(&mut map, "type", "object");
    if !st.doc.is_empty() {
        put(&mut map, "description", st.doc.as_str());
    }
    let mut properties = Mapping::new();
    let mut required = Vec::new();
    for field in &st.fields {
        put(
            &mut properties,
            &field.wire_name,
            field_schema(&provider.name, field),
        );
        if !field.optional {
            required.push(s(field.wire_name.as_str()));
        }
    }
    put(&mut map, "properties", Value::Mapping(properties));
    if !required.is_empty() {
        put(&mut map, "required", Value::Sequence(required));
    }
    if st.roles.request && !st.roles.response {
        put(&mut map, "additionalProperties", false);
    }
    if !st.examples.is_empty() {
        let mut examples = Vec::new();
        for example in &st.examples {
            let value: Value =
                serde_json::from_str(&example.json).map_err(|e| OpenApiError::BadExample {
                    provider: provider.name.clone(),
                    structure: st.name.clone(),
                    example: example.name.clone(),
                    message: e.to_string(),
                })?;
            examples.push(value);
        }
        put(&mut map, "examples", Value::Sequence(examples));
    }
    if !st.rules.is_empty() {
        put(
            &mut map,
            "x-payspec-rules",
            Value::Sequence(st.rules.iter().map(rule).collect()),
        );
    }
    Ok(Value::Mapping(map))
}

/// The JSON kind a primitive type is on the wire, for `type` lists.
fn wire_kind_name(kind: WireKind) -> &'static str {
    match kind {
        WireKind::String => "string",
        WireKind::Integer => "integer",
        WireKind::Boolean => "boolean",
    }
}

/// The schema of a type alone (no field constraints).
fn type_schema(provider: &str, ty: &Type) -> Mapping {
    let mut map = Mapping::new();
    match ty {
        Type::String => put(&mut map, "type", "string"),
        Type::Integer | Type::AmountIdr => {
            put(&mut map, "type", "integer");
            put(&mut map, "format", "int64");
        }
        Type::Boolean => put(&mut map, "type", "boolean"),
        Type::Decimal => {
            put(&mut map, "type", "string");
            put(&mut map, "pattern", DECIMAL_PATTERN);
        }
        Type::Json => {}
        Type::Enum(name) | Type::Struct(name) => {
            if let Value::Mapping(r) = reference(provider, name) {
                map = r;
            }
        }
        Type::Array(item) => {
            put(&mut map, "type", "array");
            put(
                &mut map,
                "items",
                Value::Mapping(type_schema(provider, item)),
            );
        }
    }
    map
}

/// Applies `apply` to the innermost schema of a (possibly nested) array, so
/// string constraints land on the strings.
fn on_innermost(map: &mut Mapping, apply: &dyn Fn(&mut Mapping)) {
    if map.get("type").and_then(Value::as_str) == Some("array") {
        if let Some(Value::Mapping(items)) = map.get_mut("items") {
            on_innermost(items, apply);
            return;
        }
    }
    apply(map);
}

/// Widens `type` to a list so values the field also accepts validate; a
/// `$ref` becomes an `anyOf`.
fn widen(map: Mapping, also: &[WireKind]) -> Mapping {
    if also.is_empty() {
        return map;
    }
    let extra: Vec<Value> = also.iter().map(|k| s(wire_kind_name(*k))).collect();
    match map.get("type").cloned() {
        Some(Value::String(base)) => {
            let mut map = map;
            let mut types = vec![s(base.as_str())];
            types.extend(
                extra
                    .into_iter()
                    .filter(|t| t.as_str() != Some(base.as_str())),
            );
            let integer_as_string = base == "integer"
                && also.contains(&WireKind::String)
                && !map.contains_key("pattern");
            put(&mut map, "type", Value::Sequence(types));
            if integer_as_string {
                put(&mut map, "pattern", INTEGER_STRING_PATTERN);
            }
            map
        }
        _ => {
            let mut other = Mapping::new();
            put(&mut other, "type", Value::Sequence(extra));
            let mut wide = Mapping::new();
            put(
                &mut wide,
                "anyOf",
                Value::Sequence(vec![Value::Mapping(map), Value::Mapping(other)]),
            );
            wide
        }
    }
}

/// Whether a type is (an array of) strings, so string constraints apply.
fn is_stringish(ty: &Type) -> bool {
    match ty {
        Type::String | Type::Decimal => true,
        Type::Array(item) => is_stringish(item),
        _ => false,
    }
}

/// The description of a field: its doc plus what the type alone cannot say.
fn field_description(field: &Field) -> String {
    let mut parts = Vec::new();
    if !field.doc.is_empty() {
        parts.push(field.doc.trim_end().to_owned());
    }
    if matches!(field.ty, Type::AmountIdr) {
        parts.push("Amount in whole rupiah.".to_owned());
    }
    if let Some(f) = field.format {
        if !is_stringish(&field.ty) {
            parts.push(format!("Format: {}.", words::format(f)));
        }
    }
    parts.join(" ")
}

/// The schema of a field, header or path parameter.
pub fn field_schema(provider: &str, field: &Field) -> Value {
    let mut map = type_schema(provider, &field.ty);
    if is_stringish(&field.ty) {
        on_innermost(&mut map, &|inner| {
            if let Some(max) = field.max_len {
                put(inner, "maxLength", u64::from(max));
            }
            if let Some(min) = field.min_len {
                put(inner, "minLength", u64::from(min));
            }
            if let Some(f) = field.format {
                put(inner, "pattern", format::pattern(f));
            }
        });
    }
    let mut map = widen(map, &field.also_accepts);
    let description = field_description(field);
    if !description.is_empty() {
        put(&mut map, "description", description);
    }
    if let Some(default) = &field.default {
        put(&mut map, "default", literal(default));
    }
    match field.presence {
        Presence::Conditional => put(&mut map, "x-payspec-presence", "conditional"),
        Presence::Recommended => put(&mut map, "x-payspec-presence", "recommended"),
        Presence::Mandatory | Presence::Optional => {}
    }
    if !field.aliases.is_empty() {
        put(
            &mut map,
            "x-aliases",
            Value::Sequence(field.aliases.iter().map(|a| s(a.as_str())).collect()),
        );
    }
    if field.sensitive {
        put(&mut map, "x-payspec-sensitive", true);
    }
    if let Some(d) = &field.discrepancy {
        put(&mut map, "x-payspec-discrepancy", discrepancy(d));
    }
    Value::Mapping(map)
}

fn dotted(paths: &[FieldPath]) -> Value {
    Value::Sequence(paths.iter().map(|p| s(p.dotted())).collect())
}

fn condition(c: &Condition) -> Value {
    let mut map = Mapping::new();
    put(&mut map, "field", c.field.dotted());
    match &c.test {
        ConditionTest::OneOf(values) => match values.as_slice() {
            [one] => put(&mut map, "equals", literal(one)),
            many => put(
                &mut map,
                "one_of",
                Value::Sequence(many.iter().map(literal).collect()),
            ),
        },
        ConditionTest::AbsentOrOneOf(values) => {
            match values.as_slice() {
                [one] => put(&mut map, "equals", literal(one)),
                many => put(
                    &mut map,
                    "one_of",
                    Value::Sequence(many.iter().map(literal).collect()),
                ),
            }
            put(&mut map, "or_absent", true);
        }
        ConditionTest::Present(p) => put(&mut map, "present", *p),
    }
    Value::Mapping(map)
}

/// A rule as an `x-payspec-rules` entry: kind, dotted paths, condition,
/// plain words and the doc sentence it encodes.
fn rule(r: &Rule) -> Value {
    let mut map = Mapping::new();
    put(&mut map, "kind", r.kind.spec_name());
    match &r.kind {
        RuleKind::RequiredIf { fields, when } | RuleKind::OnlyIf { fields, when } => {
            put(&mut map, "fields", dotted(fields));
            put(&mut map, "when", condition(when));
        }
        RuleKind::OneOfRequired { fields } | RuleKind::DependsOnAccount { fields } => {
            put(&mut map, "fields", dotted(fields));
        }
        RuleKind::SumEquals {
            array,
            multiply,
            equals,
        } => {
            put(&mut map, "array", array.dotted());
            put(&mut map, "multiply", dotted(multiply));
            put(&mut map, "equals", equals.dotted());
        }
        RuleKind::MaxLenIf {
            field,
            max_len,
            when,
        } => {
            put(&mut map, "field", field.dotted());
            put(&mut map, "max_len", u64::from(*max_len));
            put(&mut map, "when", condition(when));
        }
        RuleKind::NotGreaterThan { field, than } => {
            put(&mut map, "field", field.dotted());
            put(&mut map, "than", than.dotted());
        }
    }
    put(
        &mut map,
        "description",
        format!("{}.", words::capitalise(&words::rule(&r.kind, Style::Code))),
    );
    put(&mut map, "source", r.source.as_str());
    Value::Mapping(map)
}
