//! Notifications: when a resource changes state, POST a signed notification
//! to its URL (or the server's), in the background.

use std::sync::Arc;

use payspec_codegen_core::ir::{Fact, Lifecycle, LifecycleNotification, Provider, Transition};
use payspec_signing::recipe::Source;
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
/// is configured and the spec documents one (the transition's own, else the
/// resource's), signed with the provider's notification recipe (headers,
/// or fields added to the body). Without a documented notification nothing
/// is sent: the sandbox does not invent a provider's body.
pub fn build(
    app: &App,
    provider: &Provider,
    lifecycle: &Lifecycle,
    transition: &Transition,
    r: &mut Resource,
) -> Option<Pending> {
    let url = r.notify_url.clone().or_else(|| app.notify_url.clone())?;
    let mut headers = vec![("Content-Type".to_owned(), "application/json".to_owned())];
    let Some(documented) = transition
        .notification
        .as_ref()
        .or(lifecycle.notification.as_ref())
    else {
        tracing::info!(
            provider = %provider.name,
            resource = %lifecycle.name,
            "the spec documents no notification for this resource: none sent"
        );
        return None;
    };
    let mut body = body(provider, lifecycle, documented, r);
    let n = SEQUENCE.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let number = n.to_string();
    let id = format!("sandbox-notification-{n}");
    // A generated id of the recipe is the sandbox's own, numbered one.
    let set: Vec<(&str, &str)> = provider
        .auth
        .recipes
        .notification
        .iter()
        .flat_map(|r| r.values.iter())
        .filter_map(|v| match v.source {
            Source::Uuid { .. } => Some((&*v.name, id.as_str())),
            // A numeric id gets the notification's number alone.
            Source::Digits { .. } => Some((&*v.name, number.as_str())),
            _ => None,
        })
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

/// The unsigned body about `r`: the example of the documented
/// notification with the resource's facts filled in.
fn body(
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
    use crate::respond::real_spec;
    use crate::world::Resource;

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
                        let body = super::body(provider, lifecycle, notification, &mut r);
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
