//! Values the provider makes up (transaction ids, approval codes, payment
//! URLs, times), generated in the shape the spec's `generated:` key gives
//! instead of repeating the docs' sample constants. A value generated for a
//! resource is kept in its attributes (`generated:<path>`), so later answers
//! about the same resource repeat it, as the provider's would.

use std::collections::HashMap;
use std::time::SystemTime;

use axum::http::HeaderMap;
use payspec_codegen_core::ir::{Endpoint, Format, Generated, Provider, TemplatePart, Type};
use serde_json::Value;

use crate::respond;
use crate::world::shift;

/// What generated values may be made from.
pub struct Source<'a> {
    /// The sandbox clock.
    pub now: SystemTime,
    /// The validated request body.
    pub request: &'a Value,
    /// The request headers.
    pub headers: &'a HeaderMap,
}

/// Fills every field with a `generated:` shape that the answer (the
/// endpoint's `status` body) carries. `memo` is the resource's attributes,
/// when the answer is about one.
pub fn fill(
    provider: &Provider,
    endpoint: &Endpoint,
    status: u16,
    body: &mut Value,
    source: &Source<'_>,
    memo: Option<&mut HashMap<String, String>>,
) {
    if let Some(r) = endpoint.responses.iter().find(|r| r.status == status) {
        fill_body(provider, &r.body, body, source, memo);
    }
}

/// [`fill`] for a body of struct `struct_name` (a notification's), with
/// the values kept in `memo` (the resource's attributes) repeated.
pub fn fill_body(
    provider: &Provider,
    struct_name: &str,
    body: &mut Value,
    source: &Source<'_>,
    mut memo: Option<&mut HashMap<String, String>>,
) {
    walk(provider, struct_name, body, "", source, &mut memo);
}

fn walk(
    provider: &Provider,
    struct_name: &str,
    value: &mut Value,
    prefix: &str,
    source: &Source<'_>,
    memo: &mut Option<&mut HashMap<String, String>>,
) {
    let Some(s) = provider.structs.iter().find(|s| s.name == struct_name) else {
        return;
    };
    let Value::Object(map) = value else {
        return;
    };
    for f in &s.fields {
        // A shape chosen by a sibling is resolved before the slot is borrowed.
        let shape = f.generated.as_ref().map(|g| by_sibling(g, map));
        let Some(slot) = map.get_mut(&f.wire_name) else {
            continue;
        };
        let path = if prefix.is_empty() {
            f.wire_name.clone()
        } else {
            format!("{prefix}.{}", f.wire_name)
        };
        if let Some(shape) = shape {
            let key = format!("generated:{path}");
            let kept = memo.as_deref().and_then(|m| m.get(&key)).cloned();
            let text = kept.unwrap_or_else(|| {
                let made =
                    chosen(f.generated.as_ref(), source).unwrap_or_else(|| make(shape, source));
                if let Some(m) = memo.as_deref_mut() {
                    m.insert(key, made.clone());
                }
                made
            });
            *slot = Value::String(text);
            continue;
        }
        match &f.ty {
            Type::Struct(name) => walk(provider, name, slot, &path, source, memo),
            Type::Array(inner) => {
                if let (Type::Struct(name), Value::Array(items)) = (inner.as_ref(), slot) {
                    for item in items {
                        walk(provider, name, item, &format!("{path}[]"), source, memo);
                    }
                }
            }
            _ => {}
        }
    }
}

/// The caller's own value for a [`Generated::Custom`] field (a custom VA
/// number), when the request carries one.
fn chosen(g: Option<&Generated>, source: &Source<'_>) -> Option<String> {
    match g? {
        Generated::Custom { request, .. } => match respond::get(source.request, request) {
            Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
            _ => None,
        },
        _ => None,
    }
}

/// The shape `g` stands for in the object `siblings`: for a
/// [`Generated::BySibling`], the one listed for the sibling's value (else
/// its `otherwise`).
fn by_sibling<'g>(g: &'g Generated, siblings: &serde_json::Map<String, Value>) -> &'g Generated {
    match g {
        Generated::BySibling {
            field,
            shapes,
            otherwise,
        } => {
            let value = siblings.get(field).and_then(Value::as_str);
            shapes
                .iter()
                .find(|(v, _)| Some(v.as_str()) == value)
                .map_or(otherwise, |(_, shape)| shape)
        }
        // The caller chose no value ([`chosen`] is asked first): its shape.
        Generated::Custom { otherwise, .. } => by_sibling(otherwise, siblings),
        other => other,
    }
}

/// One value of `shape`.
pub fn make(shape: &Generated, source: &Source<'_>) -> String {
    match shape {
        Generated::UuidV4 => uuid::Uuid::new_v4().to_string(),
        Generated::Digits(n) => (0..*n).map(|_| fastrand::digit(10)).collect(),
        Generated::Alnum(n) => (0..*n).map(|_| fastrand::alphanumeric()).collect(),
        Generated::Timestamp {
            format,
            offset_minutes,
            after_secs,
        } => timestamp(source.now, *format, *offset_minutes, *after_secs),
        // Outside an object (no sibling to read): the shape for any value.
        Generated::BySibling { otherwise, .. } => make(otherwise, source),
        Generated::Custom { otherwise, .. } => {
            chosen(Some(shape), source).unwrap_or_else(|| make(otherwise, source))
        }
        Generated::Template(parts) => parts
            .iter()
            .map(|part| match part {
                TemplatePart::Text(text) => text.clone(),
                TemplatePart::Generated(g) => make(g, source),
                TemplatePart::Request(path) => match respond::get(source.request, path) {
                    Some(Value::String(s)) => s.clone(),
                    Some(other @ (Value::Number(_) | Value::Bool(_))) => other.to_string(),
                    _ => String::new(),
                },
                TemplatePart::Header(name) => source
                    .headers
                    .get(name.as_str())
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default()
                    .to_owned(),
            })
            .collect(),
    }
}

/// `now` plus `after_secs`, as `format` at `offset_minutes` from UTC.
fn timestamp(now: SystemTime, format: Format, offset_minutes: i32, after_secs: i64) -> String {
    let local = shift(now, i64::from(offset_minutes) * 60 + after_secs);
    let utc = payspec_signing::time::utc_timestamp(local);
    match format {
        // `YYYY-MM-DD HH:MM:SS`, the wall-clock time at the offset.
        Format::LocalDateTime => utc.trim_end_matches('Z').replacen('T', " ", 1),
        _ => utc,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::time::{Duration, UNIX_EPOCH};

    #[test]
    fn timestamps_are_written_at_their_offset() {
        // 2020-09-22T01:51:00Z is 08:51:00 in WIB (GMT+7).
        let now = UNIX_EPOCH + Duration::from_secs(1_600_739_460);
        assert_eq!(
            timestamp(now, Format::LocalDateTime, 420, 0),
            "2020-09-22 08:51:00"
        );
        assert_eq!(
            timestamp(now, Format::UtcTimestamp, 0, 0),
            "2020-09-22T01:51:00Z"
        );
        assert_eq!(
            timestamp(now, Format::LocalDateTime, 420, 8 * 86_400),
            "2020-09-30 08:51:00"
        );
    }

    #[test]
    fn shapes_have_their_length_and_alphabet() {
        let headers = HeaderMap::new();
        let request = serde_json::json!({"order": {"invoice_number": "INV-1"}});
        let source = Source {
            now: UNIX_EPOCH,
            request: &request,
            headers: &headers,
        };
        let digits = make(&Generated::Digits(6), &source);
        assert_eq!(digits.len(), 6);
        assert!(digits.bytes().all(|b| b.is_ascii_digit()), "{digits}");
        let id = make(&Generated::UuidV4, &source);
        let parsed = uuid::Uuid::parse_str(&id).expect("a UUID");
        assert_eq!(parsed.get_version_num(), 4);
        let url = make(
            &Generated::Template(vec![
                TemplatePart::Text("https://x/?inv=".into()),
                TemplatePart::Request("order.invoice_number".into()),
            ]),
            &source,
        );
        assert_eq!(url, "https://x/?inv=INV-1");
    }
}
