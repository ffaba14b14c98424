//! Which calls a retry policy repeats, from each provider's `retry:` in its
//! spec, counted on a loopback server that is unavailable (HTTP 503):
//! DOKU's calls carry their Request-Id (every one is repeated with it),
//! Midtrans' POSTs only with an `Idempotency-Key`, GETs always, and the
//! biller's POSTs (no `retry:`) never.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::any;
use axum::Router;
use payspec::doku::checkout::{CancelOrderOrder, CancelOrderPayment, CancelOrderRequest};
use payspec::midtrans::{CallOptions, TransactionRef};
use payspec::retry::RetryPolicy;
use payspec::Error;

/// A provider that is down: every request is answered 503.
#[derive(Default)]
struct Down {
    attempts: AtomicUsize,
    /// Each attempt's method, path and the header `watch` names.
    seen: Mutex<Vec<(String, String, String)>>,
    watch: Mutex<&'static str>,
}

async fn down(
    State(down): State<Arc<Down>>,
    method: axum::http::Method,
    uri: axum::http::Uri,
    headers: HeaderMap,
) -> StatusCode {
    down.attempts.fetch_add(1, Ordering::SeqCst);
    let watched = *down.watch.lock().unwrap();
    let value = headers
        .get(watched)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    down.seen
        .lock()
        .unwrap()
        .push((method.to_string(), uri.path().to_owned(), value));
    StatusCode::SERVICE_UNAVAILABLE
}

async fn serve(watch: &'static str) -> (String, Arc<Down>) {
    let state = Arc::new(Down::default());
    *state.watch.lock().unwrap() = watch;
    let app = Router::new()
        .fallback(any(down))
        .with_state(Arc::clone(&state));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    (format!("http://{address}"), state)
}

fn three_attempts() -> RetryPolicy {
    RetryPolicy::attempts(3).with_delays(Duration::from_millis(5), Duration::from_millis(20))
}

fn unavailable<T: std::fmt::Debug>(result: Result<T, Error>) {
    match result {
        Err(Error::Api(api)) => assert_eq!(api.status, 503),
        other => panic!("expected the 503, got {other:?}"),
    }
}

fn midtrans(base_url: &str) -> payspec::midtrans::Client {
    payspec::midtrans::Client::new(
        payspec::midtrans::Config::new(base_url, "SB-Mid-server-key").retry(three_attempts()),
    )
}

#[tokio::test]
async fn a_midtrans_post_without_an_idempotency_key_is_sent_once() {
    let (base, down) = serve("Idempotency-Key").await;
    unavailable(midtrans(&base).cancel("ORDER-1").await);
    assert_eq!(down.attempts.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_midtrans_post_with_an_idempotency_key_is_retried_with_it() {
    let (base, down) = serve("Idempotency-Key").await;
    let options = CallOptions::new().header("Idempotency-Key", "cancel-ORDER-1");
    unavailable(midtrans(&base).cancel_with("ORDER-1", &options).await);
    assert_eq!(down.attempts.load(Ordering::SeqCst), 3);
    let seen = down.seen.lock().unwrap().clone();
    assert!(
        seen.iter()
            .all(|(m, p, key)| m == "POST" && p == "/v2/ORDER-1/cancel" && key == "cancel-ORDER-1"),
        "{seen:?}"
    );
}

#[tokio::test]
async fn a_midtrans_get_is_retried_without_a_key() {
    let (base, down) = serve("Idempotency-Key").await;
    unavailable(
        midtrans(&base)
            .get_status(TransactionRef::OrderId("ORDER-1".into()))
            .await,
    );
    assert_eq!(down.attempts.load(Ordering::SeqCst), 3);
    let seen = down.seen.lock().unwrap().clone();
    assert!(seen.iter().all(|(m, _, _)| m == "GET"), "{seen:?}");
}

#[tokio::test]
async fn every_doku_call_is_retried_with_its_request_id() {
    let (base, down) = serve("Request-Id").await;
    let client = payspec::doku::Client::new(
        payspec::doku::Config::new(&base, "MCH-0001", "SK-secret").retry(three_attempts()),
    );
    unavailable(
        client
            .cancel_order(&CancelOrderRequest::new(
                CancelOrderOrder::new("INV-1"),
                CancelOrderPayment::new("req-0001"),
                "customer asked",
            ))
            .await,
    );
    assert_eq!(down.attempts.load(Ordering::SeqCst), 3);
    let seen = down.seen.lock().unwrap().clone();
    let first = seen[0].2.clone();
    assert!(!first.is_empty());
    assert!(seen.iter().all(|(_, _, id)| *id == first), "{seen:?}");
}

#[tokio::test]
async fn a_biller_post_is_sent_once_its_spec_declares_no_key() {
    let (base, down) = serve("KEY").await;
    let client = payspec::biller::Client::new(
        payspec::biller::Config::new(&base, "api-key", "token-secret").retry(three_attempts()),
    );
    unavailable(
        client
            .bill_cancel(&payspec::biller::bill::BillCancelRequest::new(
                "ayopop", "43554", "5324354",
            ))
            .await,
    );
    assert_eq!(down.attempts.load(Ordering::SeqCst), 1);
}
