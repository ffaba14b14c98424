//! Decoding as a generated struct would: every member read by its wire name
//! or an alias, each value of its field's type (or of a kind its
//! `also_accepts` allows, converted), mandatory members required, unknown
//! keys and `null` optionals dropped. The result is the JSON the struct
//! serialises back to, so the lifecycle engine reads canonical values.

use payspec_codegen_core::ir::{Field, Provider, Struct, Type};
use payspec_runtime::money::Decimal;
use payspec_runtime::wire::kind;
use serde_json::{Map, Value};

use super::{join, Rejection};

/// Parses `bytes` as JSON and decodes it as `s`.
pub(super) fn document(provider: &Provider, s: &Struct, bytes: &[u8]) -> Result<Value, Rejection> {
    let value: Value = serde_json::from_slice(bytes).map_err(|e| Rejection::Malformed {
        path: ".".to_owned(),
        message: e.to_string(),
    })?;
    object(provider, s, value, "")
}

fn malformed(at: &str, message: impl Into<String>) -> Rejection {
    Rejection::Malformed {
        path: if at.is_empty() {
            ".".to_owned()
        } else {
            at.to_owned()
        },
        message: message.into(),
    }
}

fn object(provider: &Provider, s: &Struct, value: Value, at: &str) -> Result<Value, Rejection> {
    let Value::Object(mut members) = value else {
        return Err(malformed(
            at,
            format!("invalid type: {}, expected struct {}", kind(&value), s.name),
        ));
    };
    let mut out = Map::new();
    for f in &s.fields {
        // A value read under an alias is reported under the spelling it
        // came with, as the generated decoder reports it.
        let found = std::iter::once(&f.wire_name)
            .chain(&f.aliases)
            .find_map(|key| members.remove(key).map(|v| (key, v)));
        match found {
            Some((_, Value::Null)) | None if f.optional => {}
            None => {
                let here = join(at, &f.wire_name);
                return Err(malformed(&here, format!("missing field `{}`", f.wire_name)));
            }
            Some((key, v)) => {
                let here = join(at, key);
                out.insert(f.wire_name.clone(), field(provider, f, &f.ty, v, &here)?);
            }
        }
    }
    Ok(Value::Object(out))
}

/// One value of field `f` (or of an element of it, `ty` then being the
/// element type).
fn field(
    provider: &Provider,
    f: &Field,
    ty: &Type,
    v: Value,
    at: &str,
) -> Result<Value, Rejection> {
    // A discrepancy note's `also_accepts` makes the field lenient: the
    // runtime's `Lenient` conversions, whichever kind the note names.
    let lenient = !f.also_accepts.is_empty();
    let wrong = |v: &Value, expected: &str| {
        malformed(
            at,
            format!("invalid type: {}, expected {expected}", kind(v)),
        )
    };
    match (ty, v) {
        (Type::Json, v) => Ok(v),
        (Type::String, Value::String(s)) => Ok(Value::String(s)),
        (Type::String, Value::Number(n)) if lenient && (n.is_i64() || n.is_u64()) => {
            Ok(Value::String(n.to_string()))
        }
        (Type::String, v) => Err(wrong(&v, "a string")),
        (Type::Integer | Type::AmountIdr, Value::Number(n)) => match n.as_i64() {
            Some(i) => Ok(Value::from(i)),
            None => Err(malformed(
                at,
                "invalid value: expected a whole number that fits i64",
            )),
        },
        (Type::Integer | Type::AmountIdr, Value::String(s)) if lenient => {
            match s.trim().parse::<i64>() {
                Ok(i) => Ok(Value::from(i)),
                Err(_) => Err(malformed(
                    at,
                    "expected a whole number, found a string of other characters",
                )),
            }
        }
        (Type::Integer | Type::AmountIdr, v) => Err(wrong(&v, "an integer")),
        (Type::Boolean, Value::Bool(b)) => Ok(Value::Bool(b)),
        (Type::Boolean, Value::String(s)) if lenient && (s == "true" || s == "false") => {
            Ok(Value::Bool(s == "true"))
        }
        (Type::Boolean, v) => Err(wrong(&v, "a boolean")),
        (Type::Decimal, Value::String(s)) => decimal(s, at),
        (Type::Decimal, Value::Number(n)) if lenient && (n.is_i64() || n.is_u64()) => {
            decimal(n.to_string(), at)
        }
        (Type::Decimal, v) => Err(wrong(&v, "a decimal string")),
        (Type::Enum(name), Value::String(s)) => {
            // An alias decodes as its value; an undocumented value is kept
            // (the generated `Unknown(String)`), and validation reports it.
            Ok(Value::String(super::canonical_wire(provider, name, s)))
        }
        (Type::Enum(_), v) => Err(wrong(&v, "a string")),
        (Type::Array(inner), Value::Array(items)) => items
            .into_iter()
            .enumerate()
            .map(|(i, item)| field(provider, f, inner, item, &format!("{at}[{i}]")))
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Array),
        (Type::Array(_), v) => Err(wrong(&v, "an array")),
        (Type::Struct(name), v) => match provider.structs.iter().find(|s| &s.name == name) {
            Some(s) => object(provider, s, v, at),
            None => Err(malformed(at, format!("the spec has no struct {name}"))),
        },
    }
}

fn decimal(text: String, at: &str) -> Result<Value, Rejection> {
    match text.parse::<Decimal>() {
        Ok(d) => Ok(Value::String(d.as_str().to_owned())),
        Err(e) => Err(malformed(at, e.to_string())),
    }
}
