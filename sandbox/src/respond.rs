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

/// The endpoint's success body: its 2xx example, else the body of a
/// conformance case answered with that status and decoded without error
/// (for a body the docs print no sample of), else `{}`; with every request
/// value copied to the same path where the body has it.
pub fn success(provider: &Provider, endpoint: &Endpoint, request: &Value) -> (u16, Value) {
    let (status, body) = endpoint
        .responses
        .iter()
        .find(|r| (200..300).contains(&r.status))
        .map(|r| {
            let body = example(provider, &r.body).or_else(|| case_body(endpoint, r.status));
            (r.status, body)
        })
        .unwrap_or((200, None));
    let mut body = body.unwrap_or_else(|| json!({}));
    echo(&mut body, request);
    (status, body)
}

/// The body of the first case of `endpoint` answered with `status` whose
/// client decodes it (a case expecting no error), parsed.
fn case_body(endpoint: &Endpoint, status: u16) -> Option<Value> {
    endpoint.cases.iter().find_map(|case| {
        let response = case.spec.response.as_ref()?;
        let decoded = case.spec.error.is_none() && case.spec.decoded.is_some();
        (response.status == status && decoded)
            .then(|| serde_json::from_str(&response.body).ok())
            .flatten()
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    use payspec_codegen_core::ir::{Case, Loc};

    /// The SNAP fixture's token endpoint, its answer's example dropped, and
    /// `cases` (as JSON) given to it.
    fn token_endpoint_with(cases: Value) -> (Provider, Endpoint) {
        let fixture =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../codegen/tests/fixtures/snap");
        let mut provider = payspec_codegen_core::lower::load_dir(&fixture)
            .expect("the fixture loads")
            .ir
            .providers
            .remove(0);
        for s in &mut provider.structs {
            s.examples.clear();
        }
        let mut endpoint = provider
            .endpoints
            .iter()
            .find(|e| e.name == "access_token_b2b")
            .expect("the token endpoint")
            .clone();
        let cases: Vec<payspec_codegen_core::spec::model::CaseSpec> =
            serde_json::from_value(cases).expect("cases");
        endpoint.cases = cases
            .into_iter()
            .map(|spec| Case {
                spec,
                loc: Loc {
                    file: "t.yaml".into(),
                    line: 1,
                    column: 1,
                },
            })
            .collect();
        (provider, endpoint)
    }

    #[test]
    fn without_an_example_a_decoded_case_answer_is_the_success_body() {
        let refused = json!({
            "name": "refused",
            "response": { "status": 200, "body": "{\"responseCode\":\"4017300\"}" },
            "error": { "kind": "api", "status": 200 }
        });
        let issued = json!({
            "name": "issued",
            "response": { "status": 200, "body": "{\"responseCode\":\"2007300\",\"tokenType\":\"Bearer\"}" },
            "decoded": "{}"
        });
        let (provider, endpoint) = token_endpoint_with(json!([refused, issued]));
        assert_eq!(
            success(&provider, &endpoint, &Value::Null),
            (
                200,
                json!({ "responseCode": "2007300", "tokenType": "Bearer" })
            )
        );
        let (provider, endpoint) = token_endpoint_with(json!([]));
        assert_eq!(
            success(&provider, &endpoint, &Value::Null),
            (200, json!({}))
        );
    }
}
