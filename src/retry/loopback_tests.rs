//! Retries against a loopback server that counts attempts: a keyed call is
//! repeated up to the policy's limit, an unkeyed one is sent once, and no
//! retry starts once the provider's key lifetime has passed.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use payspec_signing::recipe::{Credentials, Scheme};

use super::{Idempotency, IdempotencyKey, RetryPolicy};
use crate::client::runtime::Runtime;
use crate::client::{Call, CallOptions};
use crate::transport::ReqwestTransport;

/// A provider that is always unavailable, slowly when asked.
#[derive(Default)]
struct Server {
    attempts: AtomicUsize,
    /// The `Idempotency-Key` of every attempt.
    keys: Mutex<Vec<String>>,
    /// How long it takes to answer.
    latency: Mutex<Duration>,
}

async fn unavailable(State(server): State<Arc<Server>>, headers: HeaderMap) -> StatusCode {
    server.attempts.fetch_add(1, Ordering::SeqCst);
    let key = headers
        .get("Idempotency-Key")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    server.keys.lock().unwrap().push(key.to_owned());
    let latency = *server.latency.lock().unwrap();
    tokio::time::sleep(latency).await;
    StatusCode::SERVICE_UNAVAILABLE
}

async fn serve(server: Arc<Server>) -> String {
    let app = Router::new()
        .route("/pay", post(unavailable))
        .with_state(server);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    format!("http://{address}")
}

/// A runtime for a provider keyed by an `Idempotency-Key` header that it
/// remembers for `key_lifetime`, retrying up to 3 attempts.
async fn runtime(server: &Arc<Server>, key_lifetime: Option<Duration>) -> Runtime {
    let idempotency: &'static Idempotency = Box::leak(Box::new(Idempotency {
        key: IdempotencyKey::Header("Idempotency-Key"),
        key_lifetime,
    }));
    Runtime {
        provider: "keyed",
        scheme: Box::leak(Box::new(Scheme::default())),
        errors: Box::leak(Box::default()),
        call_headers: Box::leak(Box::new([crate::client::OptionalHeader {
            name: "Idempotency-Key",
            methods: &[],
            max_len: None,
            list: None,
        }])),
        idempotency: Some(idempotency),
        credentials: Credentials::new(),
        base_url: serve(Arc::clone(server)).await,
        retry: RetryPolicy::attempts(3)
            .with_delays(Duration::from_millis(5), Duration::from_millis(20)),
        verify_responses: false,
        transport: Arc::new(ReqwestTransport::new(Duration::from_secs(10))),
        fixed_now: None,
        token: Default::default(),
    }
}

async fn status(runtime: &Runtime, options: &CallOptions) -> u16 {
    runtime
        .exchange(&Call::post("pay", "/pay"), b"{}".to_vec(), options)
        .await
        .expect("an answer")
        .response
        .status
}

#[tokio::test]
async fn a_keyed_call_is_retried_with_the_same_key_up_to_the_limit() {
    let server = Arc::new(Server::default());
    let runtime = runtime(&server, Some(Duration::from_secs(300))).await;
    let keyed = CallOptions::new().header("Idempotency-Key", "key-1");
    assert_eq!(status(&runtime, &keyed).await, 503);
    assert_eq!(server.attempts.load(Ordering::SeqCst), 3);
    assert_eq!(*server.keys.lock().unwrap(), ["key-1"; 3]);
}

#[tokio::test]
async fn a_call_without_the_key_is_sent_once() {
    let server = Arc::new(Server::default());
    let runtime = runtime(&server, None).await;
    assert_eq!(status(&runtime, &CallOptions::new()).await, 503);
    assert_eq!(server.attempts.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn no_retry_starts_after_the_key_lifetime() {
    let server = Arc::new(Server::default());
    // The first answer takes longer than the provider remembers the key:
    // a repeat would be processed as a new request.
    *server.latency.lock().unwrap() = Duration::from_millis(300);
    let runtime = runtime(&server, Some(Duration::from_millis(200))).await;
    let keyed = CallOptions::new().header("Idempotency-Key", "key-2");
    assert_eq!(status(&runtime, &keyed).await, 503);
    assert_eq!(server.attempts.load(Ordering::SeqCst), 1);
}
