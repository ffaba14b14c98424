//! Lowering `lifecycle.<resource>.notification`: which of the provider's
//! notifications the sandbox sends on a state change, and which resource
//! facts fill its example body. The name is checked like a transition's
//! endpoint (L024), the `fill` paths and facts like `respond` (L027).

use super::lifecycle_calls::{parse_fact, written_type, FACT_HELP};
use super::{Sink, Src};
use crate::ir::{EndpointKind, LifecycleNotification, Provider};
use crate::spec::model::LifecycleNotificationSpec;

/// Lowers the notification at spec key `at`; `None` when it names nothing usable.
pub(crate) fn lower(
    provider: &Provider,
    src: Src<'_>,
    at: &str,
    spec: &LifecycleNotificationSpec,
    sink: &mut Sink,
) -> Option<LifecycleNotification> {
    let name = &spec.name;
    let body = provider
        .endpoints
        .iter()
        .find(|e| e.kind == EndpointKind::Notification && &e.name == name)
        .and_then(|e| e.request.clone());
    let Some(body) = body else {
        sink.error(
            src.loc(&format!("{at}.name")),
            "L024",
            format!("`{name}` is not a notification of this provider with a body"),
            "name a `kind: notification` file of this provider that has a `request:` body",
        );
        return None;
    };
    let has_example = provider
        .structs
        .iter()
        .any(|s| s.name == body && !s.examples.is_empty());
    if !has_example {
        sink.error(
            src.loc(&format!("{at}.name")),
            "L024",
            format!("notification `{name}` has no example, so the sandbox has no body to send"),
            "copy the notification sample of the docs into its body's `examples:`",
        );
    }
    let mut fill = Vec::new();
    for (path, fact) in &spec.fill {
        let key = format!("{at}.fill.{path}");
        if written_type(provider, Some(&body), path).is_none() {
            sink.error(
                src.loc(&key),
                "L027",
                format!("`{path}` is not a field of notification `{name}`'s body"),
                "give the dotted path of a field of the notification body",
            );
        }
        match parse_fact(fact) {
            Some(f) => fill.push((path.clone(), f)),
            None => sink.error(
                src.loc(&key),
                "L027",
                format!("`{fact}` is not a resource fact"),
                FACT_HELP,
            ),
        }
    }
    let example_by = spec.example_by.as_ref().map(|e| {
        super::example_by::for_notification(
            provider,
            &body,
            e,
            src,
            &format!("{at}.example_by"),
            sink,
        )
    });
    Some(LifecycleNotification {
        name: name.clone(),
        body,
        fill,
        example_by,
    })
}
