//! Response bodies: the docs' examples with the call's values filled in,
//! and provider-shaped error bodies.

use payspec_codegen_core::ir::{AuthScheme, Endpoint, Provider};
use serde_json::{json, Value};

/// The first example of struct `name`, parsed.
pub fn example(provider: &Provider, name: &str) -> Option<Value> {
    let s = provider.structs.iter().find(|s| s.name == name)?;
    s.examples
        .iter()
        .find_map(|e| serde_json::from_str(&e.json).ok())
}

/// The endpoint's success body: its 2xx example (or `{}`), with every
/// request value copied to the same path where the example has it.
pub fn success(provider: &Provider, endpoint: &Endpoint, request: &Value) -> (u16, Value) {
    let (status, body, chosen_by) = endpoint
        .responses
        .iter()
        .find(|r| (200..300).contains(&r.status))
        .map(|r| {
            let (body, chosen_by) = crate::choose::response(provider, r, request);
            (r.status, body, chosen_by)
        })
        .unwrap_or((200, None, None));
    let mut body = body.unwrap_or_else(|| json!({}));
    match chosen_by {
        // The example answers the value that chose it: that value is not echoed.
        Some(path) => {
            let mut request = request.clone();
            remove(&mut request, path);
            echo(&mut body, &request);
        }
        None => echo(&mut body, request),
    }
    (status, body)
}

/// Removes the member at dotted `path`, if there is one.
fn remove(body: &mut Value, path: &str) {
    let (parent, name) = path
        .rsplit_once('.')
        .map_or((None, path), |(p, n)| (Some(p), n));
    let holder = match parent {
        Some(p) => p.split('.').try_fold(body, |v, part| v.get_mut(part)),
        None => Some(body),
    };
    if let Some(Value::Object(map)) = holder {
        map.remove(name);
    }
}

/// The documented error body `error` of `endpoint`, with request values echoed.
pub fn documented_error(
    provider: &Provider,
    endpoint: &Endpoint,
    error: &str,
    request: &Value,
) -> Option<Value> {
    let body = endpoint.errors.iter().find(|e| e.name == error)?;
    let mut value = example(provider, &body.body)?;
    echo(&mut value, request);
    Some(value)
}

/// Copies every leaf of `from` onto `to` where `to` has the same path.
pub fn echo(to: &mut Value, from: &Value) {
    if let (Value::Object(to), Value::Object(from)) = (to, from) {
        for (key, value) in from {
            if let Some(slot) = to.get_mut(key) {
                if slot.is_object() {
                    echo(slot, value);
                } else {
                    *slot = value.clone();
                }
            }
        }
    }
}

/// Sets the value at dotted `path` if the body has it; a step `name[]`
/// (an array) sets it in every element.
pub fn set(body: &mut Value, path: &str, value: Value) {
    let (part, rest) = path
        .split_once('.')
        .map_or((path, None), |(p, r)| (p, Some(r)));
    let (name, each) = part.strip_suffix("[]").map_or((part, false), |n| (n, true));
    let Some(next) = body.get_mut(name) else {
        return;
    };
    match (rest, each) {
        (None, _) => *next = value,
        (Some(rest), false) => set(next, rest, value),
        (Some(rest), true) => {
            if let Value::Array(items) = next {
                for item in items {
                    set(item, rest, value.clone());
                }
            }
        }
    }
}

/// Replaces the message of a documented error body, where the provider's
/// error shape has one the sandbox can fill (DOKU's `error.message`).
pub fn set_message(body: &mut Value, scheme: AuthScheme, message: &str) {
    if scheme == AuthScheme::DokuHmacSha256 {
        set(body, "error.message", json!(message));
    }
}

/// The value at dotted `path`.
pub fn get<'v>(body: &'v Value, path: &str) -> Option<&'v Value> {
    path.split('.').try_fold(body, |v, part| v.get(part))
}

/// An error body in the provider's usual shape.
pub fn provider_error(scheme: AuthScheme, status: u16, code: &str, message: &str) -> Value {
    match scheme {
        AuthScheme::DokuHmacSha256 => json!({
            "error": { "code": code, "message": message, "type": code_type(code) }
        }),
        AuthScheme::MidtransBasic => json!({
            "status_code": status.to_string(),
            "status_message": message,
        }),
        AuthScheme::BillerJwtHs256 => json!({
            "responseCode": status,
            "success": false,
            "message": { "ID": message, "EN": message },
        }),
    }
}

fn code_type(code: &str) -> String {
    code.split('_')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().collect::<String>() + &c.as_str().to_lowercase(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}
