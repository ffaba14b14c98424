//! Which of a body's documented examples the sandbox answers a call with or
//! sends about a resource (`example_by:`): the docs print one sample per
//! bank or payment method, and each call gets its own kind's. The value
//! that chose the example is not copied over it: the example is the docs'
//! answer to that value (a Permata charge sent as `payment_type` permata is
//! answered, and notified, as `bank_transfer`).

use payspec_codegen_core::ir::{Fact, Lifecycle, LifecycleNotification, Provider, Response};
use serde_json::Value;

use crate::respond;
use crate::world::Resource;

/// The example named `name` of struct `body`, parsed.
fn named(provider: &Provider, body: &str, name: &str) -> Option<Value> {
    let s = provider.structs.iter().find(|s| s.name == body)?;
    let example = s.examples.iter().find(|e| e.name == name)?;
    serde_json::from_str(&example.json).ok()
}

/// The answer's example for `request`, and the request path whose value
/// chose it (not to be echoed); the first example when nothing chooses.
pub fn response<'r>(
    provider: &Provider,
    response: &'r Response,
    request: &Value,
) -> (Option<Value>, Option<&'r str>) {
    let chosen = response.example_by.as_ref().and_then(|choice| {
        let values = choice
            .from
            .iter()
            .map(|path| respond::get(request, path).and_then(Value::as_str));
        let (i, name) = choice.choose(values)?;
        Some((
            named(provider, &response.body, name)?,
            choice.from[i].as_str(),
        ))
    });
    match chosen {
        Some((body, path)) => (Some(body), Some(path)),
        None => (respond::example(provider, &response.body), None),
    }
}

/// The notification's example for resource `r`, and the fact whose value
/// chose it (not to be written over it); the first example when nothing
/// chooses.
pub fn notification<'n>(
    provider: &Provider,
    lifecycle: &Lifecycle,
    notification: &'n LifecycleNotification,
    r: &Resource,
) -> (Option<Value>, Option<&'n Fact>) {
    let chosen = notification.example_by.as_ref().and_then(|choice| {
        let values: Vec<Option<String>> = choice
            .from
            .iter()
            .map(
                |fact| match crate::engine::fact_value(fact, lifecycle, r)? {
                    Value::String(s) => Some(s),
                    other => Some(other.to_string()),
                },
            )
            .collect();
        let (i, name) = choice.choose(values.iter().map(Option::as_deref))?;
        Some((named(provider, &notification.body, name)?, &choice.from[i]))
    });
    match chosen {
        Some((body, fact)) => (Some(body), Some(fact)),
        None => (respond::example(provider, &notification.body), None),
    }
}
