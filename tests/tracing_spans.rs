//! Each call runs in a `payspec.call` span carrying provider, endpoint,
//! Request-Id, attempt and status, and nothing a client logs carries a
//! secret, a signature or an Authorization value.

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::routing::post;
use axum::Router;
use payspec::client::CallOptions;
use payspec::doku::cards::{
    RefundRequest, RefundRequestOrder, RefundRequestPayment, RefundRequestRefund,
};
use payspec::money::Idr;
use tracing_subscriber::fmt::format::FmtSpan;
use tracing_subscriber::fmt::MakeWriter;

use common::serve;

const DOKU_SECRET: &str = "SK-tracing-secret-0123";
const MIDTRANS_KEY: &str = "SB-Mid-server-tracing-secret";

/// Collects everything the subscriber writes.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("log buffer").extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Captured {
    type Writer = Captured;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

impl Captured {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().expect("log buffer")).into_owned()
    }
}

/// Runs `f` with a subscriber that logs every span close with its fields.
async fn logged<F: std::future::Future<Output = ()>>(f: F) -> String {
    let captured = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(captured.clone())
        .with_ansi(false)
        .with_span_events(FmtSpan::CLOSE)
        .with_max_level(tracing::Level::TRACE)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    f.await;
    captured.text()
}

#[tokio::test(flavor = "current_thread")]
async fn a_doku_call_span_names_the_call_and_hides_the_secret() {
    // A 503 every time: the span records the final status and the attempt.
    let server = serve(Router::new().route(
        "/cancellation/credit-card/refund",
        post(|| async { (axum::http::StatusCode::SERVICE_UNAVAILABLE, "{}") }),
    ))
    .await;
    let client = payspec::doku::Client::new(
        payspec::doku::Config::new(&server.base_url, "MCH-TRACE", DOKU_SECRET)
            .timeout(Duration::from_secs(5)),
    );
    let request = RefundRequest::new(
        RefundRequestOrder::new("INV-TRACE"),
        RefundRequestPayment::new("rid-original"),
        RefundRequestRefund::new(Idr(1000)),
    );
    let log = logged(async {
        let result = client
            .card_refund_with(&request, &CallOptions::new().request_id("rid-trace-1"))
            .await;
        assert!(result.is_err(), "a 503 is an error");
    })
    .await;
    for field in [
        "payspec.call",
        "provider=\"doku\"",
        "endpoint=\"card_refund\"",
        "request_id=rid-trace-1",
        "attempt=1",
        "status=503",
    ] {
        assert!(log.contains(field), "span lacks {field}:\n{log}");
    }
    for secret in [DOKU_SECRET, "HMACSHA256="] {
        assert!(!log.contains(secret), "log leaks {secret}:\n{log}");
    }
}

#[tokio::test(flavor = "current_thread")]
async fn a_midtrans_call_span_hides_the_server_key() {
    let server = serve(Router::new().route(
        "/v2/{id}/cancel",
        post(|| async {
            r#"{"status_code":"412","status_message":"Merchant cannot modify the status of the transaction"}"#
        }),
    ))
    .await;
    let client = payspec::midtrans::Client::new(payspec::midtrans::Config::new(
        &server.base_url,
        MIDTRANS_KEY,
    ));
    let log = logged(async {
        let err = client
            .cancel("ORDER-TRACE")
            .await
            .expect_err("412 in the body is an error");
        // The error text is what callers log: it must not carry the key either.
        let shown = format!("{err} {err:?}");
        assert!(shown.contains("412"), "{shown}");
        assert!(
            !shown.contains(MIDTRANS_KEY),
            "error leaks the key: {shown}"
        );
    })
    .await;
    for field in [
        "payspec.call",
        "provider=\"midtrans\"",
        "endpoint=\"cancel\"",
        "status=200",
    ] {
        assert!(log.contains(field), "span lacks {field}:\n{log}");
    }
    assert!(
        !log.contains(MIDTRANS_KEY),
        "log leaks the server key:\n{log}"
    );
    assert!(
        !log.contains("Basic "),
        "log leaks the Authorization value:\n{log}"
    );
}
