//! Notifications: when a resource changes state, POST a signed notification
//! to its URL (or the server's), in the background.

use std::sync::Arc;

use payspec_codegen_core::ir::{
    AuthScheme, Fact, Lifecycle, LifecycleNotification, Provider, Transition,
};
use serde_json::{json, Value};

use crate::world::Resource;
use crate::App;

/// A notification waiting to be sent (built under the state lock, sent after it).
pub struct Pending {
    url: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

static SEQUENCE: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// The notification for `r`'s new state, entered by `transition`, if a URL
/// is configured, signed with the provider's notification recipe (headers,
/// or fields added to the body).
pub fn build(
    app: &App,
    provider: &Provider,
    lifecycle: &Lifecycle,
    transition: &Transition,
    r: &mut Resource,
) -> Option<Pending> {
    let url = r.notify_url.clone().or_else(|| app.notify_url.clone())?;
    let mut headers = vec![("Content-Type".to_owned(), "application/json".to_owned())];
    let documented = transition
        .notification
        .as_ref()
        .or(lifecycle.notification.as_ref());
    let mut body = body(provider, lifecycle, documented, r);
    let n = SEQUENCE.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let id = format!("sandbox-notification-{n}");
    // A generated id of the recipe is the sandbox's own, numbered one.
    let set: Vec<(&str, &str)> = provider
        .auth
        .recipes
        .notification
        .iter()
        .flat_map(|r| r.values.iter())
        .filter(|v| matches!(v.source, payspec_signing::recipe::Source::Uuid { .. }))
        .map(|v| (&*v.name, id.as_str()))
        .collect();
    let creds = app.credentials.for_scheme(&provider.auth.recipes);
    let bytes = body.to_string().into_bytes();
    match crate::auth::sign_notification(&provider.auth, &creds, &set, &path_of(&url), &bytes) {
        Ok(signed) => {
            headers.extend(signed.headers);
            if signed.fields.is_empty() {
                return Some(Pending {
                    url,
                    headers,
                    body: bytes,
                });
            }
            if let Some(map) = body.as_object_mut() {
                for (name, value) in signed.fields {
                    map.insert(name, serde_json::Value::String(value));
                }
            }
        }
        Err(e) => tracing::warn!(error = %e, "the notification recipe could not sign"),
    }
    Some(Pending {
        url,
        headers,
        body: body.to_string().into_bytes(),
    })
}

/// The unsigned body about `r`: the example of the `documented`
/// notification (the transition's own, else the resource's), with the
/// resource's facts filled in; or, when the spec documents none, a minimal
/// body in the provider's shape.
fn body(
    provider: &Provider,
    lifecycle: &Lifecycle,
    documented_notification: Option<&LifecycleNotification>,
    r: &mut Resource,
) -> Value {
    match documented_notification {
        Some(notification) => documented(provider, lifecycle, notification, r),
        None => undocumented(provider.auth.scheme, r),
    }
}

/// The example `example_by` picks for `r` (the payment method's own), its
/// facts filled in (except the one that picked it), then the values made up
/// for `r` (its transaction id, VA number, times: those of the charge).
fn documented(
    provider: &Provider,
    lifecycle: &Lifecycle,
    notification: &LifecycleNotification,
    r: &mut Resource,
) -> Value {
    let (body, chosen_by) = crate::choose::notification(provider, lifecycle, notification, r);
    let mut body = body.unwrap_or_else(|| json!({}));
    let fill: Vec<(String, Fact)> = notification
        .fill
        .iter()
        .filter(|(_, fact)| Some(fact) != chosen_by)
        .cloned()
        .collect();
    crate::engine::write_facts(&mut body, &fill, lifecycle, r);
    let (request, headers) = (Value::Null, axum::http::HeaderMap::new());
    let source = crate::generate::Source {
        now: r.entered,
        request: &request,
        headers: &headers,
    };
    crate::generate::fill_body(
        provider,
        &notification.body,
        &mut body,
        &source,
        Some(&mut r.attributes),
    );
    body
}

fn undocumented(scheme: AuthScheme, r: &Resource) -> Value {
    match scheme {
        AuthScheme::DokuHmacSha256 => json!({
            "order": { "invoice_number": r.id, "amount": r.amount },
            "transaction": { "status": r.state.to_uppercase() },
        }),
        AuthScheme::MidtransBasic => json!({
            "order_id": r.id,
            "status_code": "200",
            "gross_amount": format!("{}.00", r.amount),
            "transaction_status": r.state,
        }),
        AuthScheme::BillerJwtHs256 => json!({ "refNumber": r.id, "status": r.state }),
    }
}

/// The path of an absolute URL (`http://h:1/a/b?q` → `/a/b`).
fn path_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let path = rest.find('/').map_or("/", |i| &rest[i..]);
    path.split(['?', '#']).next().unwrap_or("/").to_owned()
}

/// Sends every notification in the background; failures are logged only.
pub fn send_all(app: &Arc<App>, pending: Vec<Pending>) {
    for p in pending {
        let client = app.http.clone();
        tokio::spawn(async move {
            let mut request = client.post(&p.url).body(p.body);
            for (name, value) in &p.headers {
                request = request.header(name.as_str(), value.as_str());
            }
            match request.send().await {
                Ok(response) => {
                    tracing::info!(url = %p.url, status = response.status().as_u16(), "notification sent")
                }
                Err(e) => tracing::warn!(url = %p.url, error = %e, "notification failed"),
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use payspec_codegen_core::ir::Ir;

    use crate::world::Resource;

    fn real_spec() -> Ir {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
        payspec_codegen_core::lower::load_dir(&dir)
            .expect("the real specs load")
            .ir
    }

    /// Every body a documented notification can carry, one per state of
    /// every resource that declares one, passes the crate's own check for
    /// that notification (decode into the generated type, then validate).
    #[test]
    fn every_documented_notification_body_passes_the_generated_check() {
        let ir = real_spec();
        let mut checked = 0;
        for provider in &ir.providers {
            for lifecycle in &provider.lifecycles {
                let own = lifecycle
                    .transitions
                    .iter()
                    .filter_map(|t| t.notification.as_ref());
                for notification in lifecycle.notification.iter().chain(own) {
                    let info = payspec::registry::endpoints(&provider.name)
                        .iter()
                        .find(|e| e.name == notification.name)
                        .expect("the notification is in the registry");
                    let check = info.request.expect("a notification has a body check");
                    for state in &lifecycle.states {
                        let mut r = Resource::new(
                            &provider.name,
                            &lifecycle.name,
                            "ORDER-7",
                            state,
                            30_000,
                            std::time::SystemTime::now(),
                        );
                        let body = super::body(provider, lifecycle, Some(notification), &mut r);
                        let checked_body = check(body.to_string().as_bytes())
                            .unwrap_or_else(|e| panic!("{} {state}: {e}", notification.name));
                        for (path, _) in &notification.fill {
                            assert_eq!(
                                crate::respond::get(&checked_body, path),
                                crate::respond::get(&body, path),
                                "{path} survives decoding"
                            );
                        }
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked >= 6, "only {checked} bodies checked");
    }

    #[test]
    fn notification_target_is_the_url_path() {
        assert_eq!(
            super::path_of("http://127.0.0.1:9/hooks/doku?x=1"),
            "/hooks/doku"
        );
        assert_eq!(super::path_of("http://127.0.0.1:9"), "/");
    }
}
