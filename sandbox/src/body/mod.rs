//! Bodies held to the spec by reading the IR, the way the generated types
//! hold them: [`decode`] reads a body as its struct would (wire names and
//! aliases, the JSON kinds a discrepancy note allows, unknown keys dropped)
//! and returns the JSON that struct keeps; [`validate`] then runs the field
//! checks and cross-field rules its `Validate` impl runs. The sandbox thus
//! serves any spec it loads, without compiling the client generated from it.

mod decode;
mod rules;
mod validate;

use payspec_codegen_core::ir::{Field, Provider, Struct};
use payspec_runtime::validation::ValidationErrors;
use serde_json::Value;

/// Why a body was refused.
#[derive(Debug)]
pub enum Rejection {
    /// Not JSON, or JSON that does not fit the struct; `path` is where.
    Malformed {
        /// JSON path of the failure (`.` for the document itself).
        path: String,
        /// What does not fit, without the value (it may be card data).
        message: String,
    },
    /// Well-formed, but breaks the spec's field checks or rules.
    Invalid(ValidationErrors),
}

/// Reads a request (or notification) body as struct `name` of `provider`
/// and, for a request struct, validates it; `Ok` is the body as the struct
/// keeps it.
pub fn check_request(provider: &Provider, name: &str, bytes: &[u8]) -> Result<Value, Rejection> {
    let s = find(provider, name)?;
    let value = decode::document(provider, s, bytes)?;
    // Only request structs are validated: a notification body is decoded.
    if s.roles.request {
        validate::body(provider, s, &value).map_err(Rejection::Invalid)?;
    }
    Ok(value)
}

/// Holds an endpoint's path parameters (`params`, decoded from the
/// request path) to their fields' checks, as the generated client does
/// before sending.
pub fn check_path_params(
    provider: &Provider,
    fields: &[Field],
    params: &[(String, String)],
) -> Result<(), Rejection> {
    validate::path_params(provider, fields, params).map_err(Rejection::Invalid)
}

/// Reads an answer as response struct `name`, holding it to the struct's
/// rules (`responses.<status>.rules`) when it has any.
pub fn check_answer(provider: &Provider, name: &str, body: &Value) -> Result<(), Rejection> {
    let s = find(provider, name)?;
    let value = decode::document(provider, s, body.to_string().as_bytes())?;
    if !s.rules.is_empty() {
        validate::body(provider, s, &value).map_err(Rejection::Invalid)?;
    }
    Ok(())
}

fn find<'p>(provider: &'p Provider, name: &str) -> Result<&'p Struct, Rejection> {
    provider
        .structs
        .iter()
        .find(|s| s.name == name)
        .ok_or_else(|| Rejection::Malformed {
            path: ".".to_owned(),
            message: format!("the spec has no struct {name}"),
        })
}

/// The documented value `wire` spells in enum `name` (itself, or the value
/// it is an alias of); an undocumented value stays as it is, as the
/// generated enum's `Unknown(String)` keeps it.
pub fn canonical_wire(provider: &Provider, name: &str, wire: String) -> String {
    provider
        .enums
        .iter()
        .find(|e| e.name == name)
        .and_then(|e| {
            e.values
                .iter()
                .find(|x| x.wire == wire || x.aliases.contains(&wire))
        })
        .map_or(wire, |x| x.wire.clone())
}

/// `prefix.field`, or `field` at the root.
fn join(prefix: &str, field: &str) -> String {
    if prefix.is_empty() {
        field.to_owned()
    } else {
        format!("{prefix}.{field}")
    }
}

#[cfg(test)]
mod tests {
    //! The interpretation agrees with the generated types: every documented
    //! sample and conformance-case body of `spec/`, and variants of each with
    //! a member removed or a value replaced, get the same answer from
    //! [`check_request`] as from the registry of the compiled `payspec`
    //! crate (a dev-dependency only): the same canonical JSON, the same
    //! violations (path, rule, message), or a refusal at the same path.

    use payspec::registry::{self, BodyRejection};
    use payspec_runtime::validation::ValidationErrors;
    use serde_json::{json, Value};

    use super::{check_request, Rejection};
    use crate::respond::real_spec;

    /// `v` with each member removed in turn, and each scalar replaced by
    /// values that break lengths, formats, minimums and kinds.
    fn variants(v: &Value) -> Vec<Value> {
        let mut out = vec![v.clone()];
        match v {
            Value::Object(map) => {
                for (key, member) in map {
                    let mut without = map.clone();
                    without.remove(key);
                    out.push(Value::Object(without));
                    for changed in variants(member).into_iter().skip(1) {
                        let mut with = map.clone();
                        with.insert(key.clone(), changed);
                        out.push(Value::Object(with));
                    }
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    for changed in variants(item).into_iter().skip(1) {
                        let mut with = items.clone();
                        with[i] = changed;
                        out.push(Value::Array(with));
                    }
                }
            }
            Value::String(_) => out.extend([
                json!(""),
                json!("x".repeat(300)),
                json!("ü?"),
                json!(12),
                json!("12"),
            ]),
            Value::Number(_) => {
                out.extend([json!(0), json!(-1), json!("7"), json!(1.5), json!(true)])
            }
            Value::Bool(_) => out.extend([json!("true"), json!(1)]),
            Value::Null => out.push(json!("x")),
        }
        out
    }

    type Verdict = Result<Value, (String, Vec<(String, String, String)>)>;

    /// The violations as (path, rule, message).
    fn listed(errors: &ValidationErrors) -> Vec<(String, String, String)> {
        errors
            .violations()
            .iter()
            .map(|v| (v.path.clone(), v.rule.to_owned(), v.message.clone()))
            .collect()
    }

    fn generated(r: Result<Value, BodyRejection>) -> Verdict {
        r.map_err(|e| match e {
            BodyRejection::Malformed { path, .. } => (path, Vec::new()),
            BodyRejection::Invalid(errors) => (String::new(), listed(&errors)),
        })
    }

    fn interpreted(r: Result<Value, Rejection>) -> Verdict {
        r.map_err(|e| match e {
            Rejection::Malformed { path, .. } => (path, Vec::new()),
            Rejection::Invalid(errors) => (String::new(), listed(&errors)),
        })
    }

    /// The one known difference: a value a lenient field (`also_accepts`)
    /// cannot convert is refused by the generated decoder at the enclosing
    /// object (`order`), by the interpretation at the member itself
    /// (`order.auto_redirect`).
    fn lenient_refusal_one_level_deeper(got: &Verdict, want: &Verdict) -> bool {
        match (got, want) {
            (Err((deeper, a)), Err((object, b))) if a.is_empty() && b.is_empty() => {
                deeper.rsplit_once('.').map(|(parent, _)| parent) == Some(object.as_str())
            }
            _ => false,
        }
    }

    #[test]
    fn request_bodies_get_the_generated_types_answer() {
        let ir = real_spec();
        let (mut compared, mut refused) = (0, 0);
        for provider in &ir.providers {
            for endpoint in &provider.endpoints {
                let Some(name) = &endpoint.request else {
                    continue;
                };
                let check = registry::endpoints(&provider.name)
                    .iter()
                    .find(|e| e.name == endpoint.name)
                    .and_then(|e| e.request)
                    .expect("every body has a registry check");
                let s = provider
                    .structs
                    .iter()
                    .find(|s| &s.name == name)
                    .expect("the body struct");
                let samples = s.examples.iter().map(|e| e.json.clone()).chain(
                    endpoint
                        .cases
                        .iter()
                        .filter_map(|c| c.spec.request.body.clone()),
                );
                for text in samples {
                    let Ok(sample) = serde_json::from_str::<Value>(&text) else {
                        continue;
                    };
                    for body in variants(&sample) {
                        let bytes = body.to_string().into_bytes();
                        let want = generated(check(&bytes));
                        let got = interpreted(check_request(provider, name, &bytes));
                        assert!(
                            got == want || lenient_refusal_one_level_deeper(&got, &want),
                            "{} {}: {body}\n  interpreted {got:?}\n  generated   {want:?}",
                            provider.name,
                            endpoint.name
                        );
                        compared += 1;
                        refused += usize::from(want.is_err());
                    }
                }
            }
        }
        // Enough bodies, and both answers well represented.
        assert!(
            compared > 1000 && refused > 300 && compared - refused > 300,
            "{compared} compared, {refused} refused"
        );
    }
}
