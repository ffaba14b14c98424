//! A caller-supplied [`Transport`]: the clients use it, retries are bounded
//! and only transient failures are retried.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use payspec::client::Call;
use payspec::doku::{Client, Config, ResponseVerification};
use payspec::retry::RetryPolicy;
use payspec::transport::{
    BoxFuture, HttpRequest, HttpResponse, Transport, TransportError, TransportErrorKind,
};
use payspec::validation::{Validate, Validator};
use payspec::Error;

/// Answers each request with the next scripted outcome, recording requests.
struct Scripted {
    outcomes: Mutex<Vec<Result<HttpResponse, TransportError>>>,
    sent: Mutex<Vec<HttpRequest>>,
}

impl Scripted {
    fn new(mut outcomes: Vec<Result<HttpResponse, TransportError>>) -> Arc<Self> {
        outcomes.reverse();
        Arc::new(Scripted {
            outcomes: Mutex::new(outcomes),
            sent: Mutex::new(Vec::new()),
        })
    }
}

impl Transport for Scripted {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        self.sent.lock().unwrap().push(request);
        let outcome = self
            .outcomes
            .lock()
            .unwrap()
            .pop()
            .expect("more requests than scripted outcomes");
        Box::pin(async move { outcome })
    }
}

fn refused() -> Result<HttpResponse, TransportError> {
    Err(TransportError {
        kind: TransportErrorKind::Connect,
        message: "connection refused".into(),
    })
}

fn status(status: u16, body: &str) -> Result<HttpResponse, TransportError> {
    Ok(HttpResponse {
        status,
        headers: Vec::new(),
        body: body.as_bytes().to_vec(),
    })
}

#[derive(serde::Serialize)]
struct Ping {
    note: String,
}

impl Validate for Ping {
    fn validate_in(&self, v: &mut Validator) {
        v.check_len("note", &self.note, None, Some(10));
    }
}

fn client(transport: Arc<Scripted>, attempts: u32) -> Client {
    let policy = RetryPolicy::attempts(attempts)
        .with_delays(Duration::from_millis(1), Duration::from_millis(5));
    let config = Config::new("http://gateway.invalid/base/", "MCH-1", "SK-secret-value")
        .retry(policy)
        .response_verification(ResponseVerification::Skip);
    Client::with_transport(config, transport)
}

#[tokio::test]
async fn retries_stop_at_the_attempt_limit() {
    let transport = Scripted::new(vec![refused(), refused(), refused()]);
    let err = client(transport.clone(), 3)
        .call::<_, serde_json::Value>(Call::post("ping", "/ping"), &Ping { note: "hi".into() })
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err}");
    let sent = transport.sent.lock().unwrap();
    assert_eq!(sent.len(), 3);
    assert_eq!(sent[0].url, "http://gateway.invalid/base/ping");
    let ids: Vec<&str> = sent
        .iter()
        .map(|r| {
            r.headers
                .iter()
                .find(|(n, _)| n == "Request-Id")
                .map(|(_, v)| v.as_str())
                .unwrap()
        })
        .collect();
    assert!(ids.iter().all(|id| *id == ids[0]), "{ids:?}");
    assert!(sent.iter().all(|r| r.body == br#"{"note":"hi"}"#));
}

#[tokio::test]
async fn client_errors_are_not_retried_and_transient_ones_are() {
    let transport = Scripted::new(vec![status(400, r#"{"error":{"code":"BAD"}}"#)]);
    let err = client(transport.clone(), 3)
        .call::<_, serde_json::Value>(Call::post("ping", "/ping"), &Ping { note: "hi".into() })
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Api(api) if api.code.as_deref() == Some("BAD")),
        "{err}"
    );
    assert_eq!(transport.sent.lock().unwrap().len(), 1);

    let transport = Scripted::new(vec![
        status(429, ""),
        status(502, ""),
        status(200, r#"{"ok":true}"#),
    ]);
    let value: serde_json::Value = client(transport.clone(), 3)
        .call(Call::post("ping", "/ping"), &Ping { note: "hi".into() })
        .await
        .unwrap();
    assert_eq!(value["ok"], true);
    assert_eq!(transport.sent.lock().unwrap().len(), 3);
}

#[test]
fn request_debug_shows_header_names_only() {
    let request = HttpRequest {
        method: payspec::transport::Method::Post,
        url: "https://api.doku.com/x".into(),
        headers: vec![("Signature".into(), "HMACSHA256=c2VjcmV0".into())],
        body: b"{\"card\":\"4111111111111111\"}".to_vec(),
    };
    let debug = format!("{request:?}");
    assert!(debug.contains("Signature"), "{debug}");
    assert!(
        !debug.contains("c2VjcmV0") && !debug.contains("4111"),
        "{debug}"
    );
}
