//! Notifications: when a resource changes state, POST a signed notification
//! to its URL (or the server's), in the background.

use std::sync::Arc;

use payspec_codegen_core::ir::AuthScheme;
use payspec_signing::doku::{Components, Direction};
use serde_json::json;

use crate::world::Resource;
use crate::App;

/// A notification waiting to be sent (built under the state lock, sent after it).
pub struct Pending {
    url: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

static SEQUENCE: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// The notification for `r`'s new state, if a URL is configured.
pub fn build(app: &App, scheme: AuthScheme, r: &Resource) -> Option<Pending> {
    let url = r.notify_url.clone().or_else(|| app.notify_url.clone())?;
    let creds = &app.credentials;
    let mut headers = vec![("Content-Type".to_owned(), "application/json".to_owned())];
    let body = match scheme {
        AuthScheme::DokuHmacSha256 => {
            let body = json!({
                "order": { "invoice_number": r.id, "amount": r.amount },
                "transaction": { "status": r.state.to_uppercase() },
            })
            .to_string()
            .into_bytes();
            let n = SEQUENCE.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let request_id = format!("sandbox-notification-{n}");
            let timestamp = payspec_signing::time::now_utc_timestamp();
            let target = path_of(&url);
            let signature = payspec_signing::doku::sign(
                &creds.doku_secret_key,
                &Components {
                    direction: Direction::Request,
                    client_id: &creds.doku_client_id,
                    request_id: &request_id,
                    timestamp: &timestamp,
                    target: &target,
                    body: Some(&body),
                },
            );
            headers.push(("Client-Id".to_owned(), creds.doku_client_id.clone()));
            headers.push(("Request-Id".to_owned(), request_id));
            headers.push(("Request-Timestamp".to_owned(), timestamp));
            headers.push(("Signature".to_owned(), signature));
            body
        }
        AuthScheme::MidtransBasic => {
            let gross = format!("{}.00", r.amount);
            let signature = payspec_signing::midtrans::signature_key(
                &r.id,
                "200",
                &gross,
                &creds.midtrans_server_key,
            );
            json!({
                "order_id": r.id,
                "status_code": "200",
                "gross_amount": gross,
                "transaction_status": r.state,
                "signature_key": signature,
            })
            .to_string()
            .into_bytes()
        }
        AuthScheme::BillerJwtHs256 => json!({ "refNumber": r.id, "status": r.state })
            .to_string()
            .into_bytes(),
    };
    Some(Pending { url, headers, body })
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
    #[test]
    fn notification_target_is_the_url_path() {
        assert_eq!(
            super::path_of("http://127.0.0.1:9/hooks/doku?x=1"),
            "/hooks/doku"
        );
        assert_eq!(super::path_of("http://127.0.0.1:9"), "/");
    }
}
