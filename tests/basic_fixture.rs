//! L025 is gone: a second provider on Midtrans' HTTP Basic recipe, the
//! codegen fixture `wallet` (its committed output under
//! `codegen/tests/expected/wallet*`, kept current by the codegen test
//! `basic_fixture`), compiles in one binary next to `payspec::midtrans`, and
//! each client sends its own key: the header is computed here with base64,
//! not by the recipe.

#![deny(missing_docs)]

use std::sync::{Arc, Mutex};

use base64::Engine as _;
use payspec::transport::{BoxFuture, HttpRequest, HttpResponse, Transport, TransportError};

include!("support/generated_root.rs");

use payspec::{Error, Secret};

include!("../codegen/tests/expected/wallet.rs");

/// Answers `{"status_code":"200",…}` and keeps each request's Authorization.
#[derive(Default)]
struct Recording {
    authorization: Mutex<Vec<String>>,
}

impl Transport for Recording {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        let auth = request
            .headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("Authorization"))
            .map(|(_, v)| v.clone())
            .unwrap_or_default();
        self.authorization.lock().unwrap().push(auth);
        let body = br#"{"status_code":"200","status_message":"Success, transaction is canceled","order_id":"ORDER-1","transaction_status":"cancel","gross_amount":"10000.00"}"#;
        Box::pin(async move {
            Ok(HttpResponse {
                status: 200,
                headers: Vec::new(),
                body: body.to_vec(),
            })
        })
    }
}

fn basic(key: &str) -> String {
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{key}:"))
    )
}

#[tokio::test]
async fn each_basic_provider_sends_its_own_key() {
    let transport = Arc::new(Recording::default());
    let mid = payspec::midtrans::Client::with_transport(
        payspec::midtrans::Config::new("http://127.0.0.1:9", "SB-Mid-server-key"),
        transport.clone(),
    );
    let wallet: wallet::Client = client::Client(payspec::client::Client::with_transport(
        wallet::Config::new("http://127.0.0.1:9", Secret::new("wallet-key")).0,
        transport.clone(),
    ));
    mid.cancel("ORDER-1").await.expect("midtrans cancel");
    let voided: Result<wallet::payments::VoidResponse, Error> = wallet.void("PAY-1").await;
    assert_eq!(voided.expect("wallet void").status_code, "200");
    assert_eq!(
        *transport.authorization.lock().unwrap(),
        [basic("SB-Mid-server-key"), basic("wallet-key")]
    );
    // Two descriptors, one runtime: each names its provider.
    assert_eq!(payspec::midtrans::DESCRIPTOR.name, "midtrans");
    assert_eq!(wallet::DESCRIPTOR.name, "wallet");
}
