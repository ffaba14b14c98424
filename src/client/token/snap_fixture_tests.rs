//! The SNAP fixture provider (`codegen/tests/fixtures/snap`, DOKU SNAP's
//! scheme): its recipes as the emitter writes them
//! (`codegen/tests/expected/snap_auth.rs`, compiled here) run by the client
//! runtime against a loopback server that checks every signature with its
//! own implementation (`tests/support/snap_provider.rs`): RSA with a key
//! pair made here, HMAC-SHA512 and minify written there. No Rust is written
//! for the provider. The calls go through the runtime's request loop here;
//! `sandbox/tests/snap_fixture.rs` sends them through the generated client's
//! methods, to the same checking provider and to `payspec mock`.

use std::path::Path;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

use payspec_signing::recipe::Credentials;
use rsa::pkcs8::{EncodePrivateKey as _, LineEnding};
use serde_json::Value;

use crate::client::runtime::Runtime;
use crate::client::{Call, CallOptions};
use crate::retry::RetryPolicy;
use crate::transport::ReqwestTransport;
use crate::Secret;

// The checking provider, shared with the generated client's test.
#[path = "../../../tests/support/snap_provider.rs"]
mod snap_provider;
use snap_provider::{minify, Provider};

const CLIENT_ID: &str = "MCH-0008-1296507211683";
const CLIENT_SECRET: &str = "SK-fixture-secret";

// The emitter's output for the fixture's `auth:` (`pub static AUTH`).
include!("../../../codegen/tests/expected/snap_auth.rs");

/// The fixture as the generator lowers it.
fn lowered() -> payspec_codegen::ir::Provider {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("codegen/tests/fixtures/snap");
    let loaded = payspec_codegen::lower::load_dir(&dir).expect("the SNAP fixture lowers");
    assert!(loaded.warnings.0.is_empty(), "{}", loaded.warnings);
    loaded
        .ir
        .providers
        .into_iter()
        .next()
        .expect("one provider")
}

/// The fixture's VA endpoint path, from the lowered spec.
fn va_path() -> String {
    lowered()
        .endpoints
        .iter()
        .find(|e| e.name == "create_va")
        .and_then(|e| e.path.clone())
        .expect("create_va has a path")
}

/// A running server, and a runtime with the fixture's recipes and a key
/// pair made here.
async fn setup(client_secret: &str) -> (Arc<Provider>, Runtime, String) {
    let va_path = va_path();
    let private_key = rsa::RsaPrivateKey::new(&mut rsa::rand_core::OsRng, 1024).unwrap();
    let pem = private_key.to_pkcs8_pem(LineEnding::LF).unwrap();
    let (server, base_url) = snap_provider::serve(
        CLIENT_ID,
        CLIENT_SECRET,
        private_key.to_public_key(),
        &va_path,
    )
    .await;
    let runtime = Runtime {
        provider: "doku",
        errors: Box::leak(Box::default()),
        call_headers: &[],
        idempotency: None,
        scheme: &AUTH,
        credentials: Credentials::new()
            .with("client_id", Secret::new(CLIENT_ID))
            .with("private_key", Secret::new(pem.as_str()))
            .with("client_secret", Secret::new(client_secret)),
        base_url,
        retry: RetryPolicy::none(),
        verify_responses: false,
        transport: Arc::new(ReqwestTransport::new(Duration::from_secs(10))),
        fixed_now: None,
        token: Default::default(),
    };
    (server, runtime, va_path)
}

/// A request body as a person writes it: indented, so minify matters.
const BODY: &str = r#"{
   "partnerServiceId": "  088899",
   "customerNo": "12345678901234567890",
   "virtualAccountName": "Jokul Doe",
   "trxId": "abcdefgh1234",
   "totalAmount": { "value": "12345678.00", "currency": "IDR" }
}"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn snap_calls_are_signed_as_the_provider_checks() {
    let (server, runtime, va_path) = setup(CLIENT_SECRET).await;
    let call = Call::post("create_va", va_path);
    for _ in 0..3 {
        let exchange = runtime
            .exchange(&call, BODY.as_bytes().to_vec(), &CallOptions::new())
            .await
            .unwrap();
        assert_eq!(exchange.response.status, 200);
        let answer: Value = serde_json::from_slice(&exchange.response.body).unwrap();
        assert_eq!(answer["responseCode"], "2002700");
    }
    assert_eq!(*server.failures.lock().unwrap(), Vec::<String>::new());
    // One token (RSA-signed) for the three calls, each HMAC-signed with it.
    assert_eq!(server.token_requests.load(Ordering::SeqCst), 1);
    assert_eq!(server.calls.load(Ordering::SeqCst), 3);
    assert_eq!(server.accepted_calls(), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_client_secret_is_refused_by_the_checking_server() {
    let (server, runtime, va_path) = setup("SK-not-the-secret").await;
    let exchange = runtime
        .exchange(
            &Call::post("create_va", va_path),
            BODY.as_bytes().to_vec(),
            &CallOptions::new(),
        )
        .await
        .unwrap();
    // Refused, refreshed once, retried once, refused again: the answer.
    assert_eq!(exchange.response.status, 401);
    assert_eq!(server.token_requests.load(Ordering::SeqCst), 2);
    assert_eq!(
        *server.failures.lock().unwrap(),
        ["call: X-SIGNATURE", "call: X-SIGNATURE"]
    );
}

#[test]
fn the_compiled_recipes_are_the_lowered_ones() {
    assert_eq!(AUTH, lowered().auth.recipes);
}

#[test]
fn the_test_minify_matches_the_docs_before_and_after() {
    // doku-snap-asymmetric-signature.txt, "Minify request Body".
    let before = "{\n   \"partnerServiceId\":\"  088899\",\n   \"totalAmount\":{\n      \"value\":\"12345678.00\",\n      \"currency\":\"IDR\"\n   }\n}";
    let after =
        r#"{"partnerServiceId":"  088899","totalAmount":{"value":"12345678.00","currency":"IDR"}}"#;
    assert_eq!(String::from_utf8(minify(before.as_bytes())).unwrap(), after);
}
