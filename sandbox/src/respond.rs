//! Response bodies: the docs' examples with the call's values filled in,
//! and error bodies in the shape the provider's `error_convention` declares.

use payspec_codegen_core::ir::{CodeKind, Endpoint, MemberSource, MemberValue, Provider};
use payspec_codegen_core::lower::code_words;
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
    let (status, body, chosen_by) = endpoint
        .responses
        .iter()
        .find(|r| (200..300).contains(&r.status))
        .map(|r| {
            let (body, chosen_by) = crate::choose::response(provider, r, request);
            let body = body.or_else(|| case_body(endpoint, r.status));
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

/// States the sandbox's own `reason` in a documented error body: at the
/// first of the convention's message paths the body has, unless the
/// provider's message is the fixed text of its code (`message_per_code`),
/// which the documented body keeps.
pub fn set_message(body: &mut Value, provider: &Provider, reason: &str) {
    if provider.error_shape.message_per_code {
        return;
    }
    let path = provider
        .error_convention
        .message
        .iter()
        .find(|path| get(body, path).is_some());
    if let Some(path) = path {
        set(body, path, json!(reason));
    }
}

/// The value at dotted `path`.
pub fn get<'v>(body: &'v Value, path: &str) -> Option<&'v Value> {
    path.split('.').try_fold(body, |v, part| v.get(part))
}

/// An error body in the provider's shape, built from its
/// `error_convention`: the code (the sandbox's symbolic `code` for a
/// `symbol` code or an undeclared kind; its HTTP `status` for a numeric
/// one, as the sandbox knows no provider's code table), the message (also
/// in the second language's place), `false` in the success flag, and the
/// declared members. A convention that names neither a code nor a message
/// gets `{"code", "message"}`.
pub fn provider_error(provider: &Provider, status: u16, code: &str, message: &str) -> Value {
    let convention = &provider.error_convention;
    let shape = &provider.error_shape;
    let code_value = match shape.code_kind {
        Some(CodeKind::NumericString) => json!(status.to_string()),
        Some(CodeKind::Number) => json!(status),
        Some(CodeKind::Symbol) | None => json!(code),
    };
    let mut body = json!({});
    let code_path = convention.code.as_deref();
    let message_path = convention.message.first().map(|m| &**m);
    if code_path.is_none() && message_path.is_none() {
        return json!({ "code": code_value, "message": message });
    }
    let mut put = |path: &str, value: Value| insert(&mut body, path, value);
    if let Some(path) = code_path {
        put(path, code_value.clone());
    }
    for path in message_path
        .into_iter()
        .chain(convention.message_local.as_deref())
    {
        put(path, json!(message));
    }
    if let Some(flag) = &convention.success_flag {
        put(flag, json!(false));
    }
    for member in &shape.members {
        let value = match &member.value {
            MemberValue::Fixed(value) => value.clone(),
            MemberValue::From(MemberSource::Code) => code_value.clone(),
            MemberValue::From(MemberSource::CodeWords) => json!(code_words(code)),
            MemberValue::From(MemberSource::Message) => json!(message),
        };
        put(&member.path, value);
    }
    body
}

/// Writes `value` at dotted `path`, creating the objects on the way (a
/// member that is not an object is replaced by one).
fn insert(body: &mut Value, path: &str, value: Value) {
    let (head, rest) = path
        .split_once('.')
        .map_or((path, None), |(h, r)| (h, Some(r)));
    if !body.is_object() {
        *body = json!({});
    }
    let Value::Object(map) = body else {
        return;
    };
    match rest {
        None => {
            map.insert(head.to_owned(), value);
        }
        Some(rest) => insert(map.entry(head).or_insert_with(|| json!({})), rest, value),
    }
}

/// The IR of the repository's `spec/`, for the crate's unit tests.
#[cfg(test)]
pub(crate) fn real_spec() -> payspec_codegen_core::ir::Ir {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    payspec_codegen_core::lower::load_dir(&dir)
        .expect("the real specs load")
        .ir
}

#[cfg(test)]
mod tests {
    use payspec_codegen_core::ir::Ir;
    use serde_json::json;

    use super::{provider_error, real_spec, set_message};

    fn provider<'a>(ir: &'a Ir, name: &str) -> &'a payspec_codegen_core::ir::Provider {
        ir.providers.iter().find(|p| p.name == name).expect(name)
    }

    /// Each provider's refusal, written from its convention alone, is the
    /// body its docs show: DOKU's symbolic code with its words as `type`,
    /// Midtrans' status digits in a string, the biller's numeric envelope.
    #[test]
    fn refusals_follow_each_providers_error_convention() {
        let ir = real_spec();
        assert_eq!(
            provider_error(provider(&ir, "doku"), 404, "NOT_FOUND", "no order `X`"),
            json!({"error": {"code": "NOT_FOUND", "message": "no order `X`", "type": "Not Found"}})
        );
        assert_eq!(
            provider_error(
                provider(&ir, "midtrans"),
                404,
                "NOT_FOUND",
                "no transaction"
            ),
            json!({"status_code": "404", "status_message": "no transaction"})
        );
        assert_eq!(
            provider_error(provider(&ir, "biller"), 400, "BAD_REQUEST", "bad"),
            json!({"responseCode": 400, "success": false, "message": {"ID": "bad", "EN": "bad"}})
        );
    }

    /// Fixed members and members taken from the message are written at
    /// their paths; a provider without a convention gets `{code, message}`.
    #[test]
    fn fixed_and_message_members_and_the_bare_fallback() {
        use payspec_codegen_core::ir::{ErrorMember, MemberSource, MemberValue};
        let ir = real_spec();
        let mut p = provider(&ir, "doku").clone();
        p.error_shape.members = vec![
            ErrorMember {
                path: "error.retryable".to_owned(),
                value: MemberValue::Fixed(json!(false)),
            },
            ErrorMember {
                path: "detail.text".to_owned(),
                value: MemberValue::From(MemberSource::Message),
            },
        ];
        assert_eq!(
            provider_error(&p, 400, "BAD_REQUEST", "why"),
            json!({
                "error": {"code": "BAD_REQUEST", "message": "why", "retryable": false},
                "detail": {"text": "why"}
            })
        );
        p.error_convention = Default::default();
        p.error_shape = Default::default();
        assert_eq!(
            provider_error(&p, 400, "BAD_REQUEST", "why"),
            json!({"code": "BAD_REQUEST", "message": "why"})
        );
    }

    /// A documented body gets the sandbox's reason where the message is
    /// about the one case (DOKU), and keeps the message that is its code's
    /// fixed text (Midtrans).
    #[test]
    fn a_documented_message_is_replaced_only_when_it_is_not_the_codes_text() {
        let ir = real_spec();
        let mut doku = json!({"error": {"code": "PAYMENT_FAILED", "message": "Total Refund amount is Bigger than Original Transaction"}});
        set_message(&mut doku, provider(&ir, "doku"), "not settled");
        assert_eq!(doku["error"]["message"], "not settled");
        let mut midtrans = json!({"status_code": "412", "status_message": "Merchant cannot modify the status of the transaction"});
        let before = midtrans.clone();
        set_message(&mut midtrans, provider(&ir, "midtrans"), "not settled");
        assert_eq!(midtrans, before);
    }
}

#[cfg(test)]
mod case_body_tests {
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
