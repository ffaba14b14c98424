//! `payspec mock --spec codegen/tests/fixtures/snap` serves the SNAP fixture
//! provider (DOKU SNAP's scheme: a B2B token endpoint signed SHA256withRSA,
//! then calls that carry the token and are signed HMAC-SHA512 with it) from
//! its spec alone, and the client generated from the same fixture
//! (`codegen/tests/expected/snap.rs` and its type crate, kept current by
//! payspec-codegen's `emit_snap_fixture` test) calls it through its
//! generated methods. The RSA key pair is made here; the sandbox is given
//! the public key, as `payspec mock --credential` would give it.
//!
//! The sandbox checks signatures with the same recipe executor as the
//! client, so those tests prove the serving; the signatures themselves are
//! proved by sending the same generated client to a provider that checks
//! them with code written in the test (`tests/support/snap_provider.rs`).

#![deny(missing_docs)]

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use payspec::transport::{
    BoxFuture, HttpRequest, HttpResponse, ReqwestTransport, Transport, TransportError,
};
use payspec_sandbox::{spawn_for_tests, Credentials, MockOptions, SandboxHandle};
use rsa::pkcs8::{EncodePrivateKey as _, EncodePublicKey as _, LineEnding};
use serde_json::Value;

include!("../../tests/support/generated_root.rs");

// The checking provider, shared with the client runtime's test.
#[path = "../../tests/support/snap_provider.rs"]
mod snap_provider;

use payspec::{Error, Secret};

include!("../../codegen/tests/expected/snap.rs");

const CLIENT_ID: &str = "MCH-0008-1296507211683";
const CLIENT_SECRET: &str = "SK-fixture-secret";
const TOKEN_PATH: &str = snap_provider::TOKEN_PATH;
const VA_PATH: &str = "/snap/v1.1/transfer-va/create-va";

fn fixture_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../codegen/tests/fixtures/snap")
}

/// A key pair made for this test binary (1024 bits: a test key, made fast).
fn key_pair() -> &'static rsa::RsaPrivateKey {
    static KEY: OnceLock<rsa::RsaPrivateKey> = OnceLock::new();
    KEY.get_or_init(|| rsa::RsaPrivateKey::new(&mut rsa::rand_core::OsRng, 1024).expect("a key"))
}

fn private_pem(key: &rsa::RsaPrivateKey) -> String {
    key.to_pkcs8_pem(LineEnding::LF).expect("PEM").to_string()
}

/// A sandbox serving the fixture, given the client id, the client secret
/// and the file of the public key of [`key_pair`].
struct Sandbox {
    base: String,
    _handle: SandboxHandle,
    _keys: tempfile::TempDir,
}

fn start() -> Sandbox {
    start_with(true)
}

/// [`start`], or without the public key when `with_key` is false.
fn start_with(with_key: bool) -> Sandbox {
    let keys = tempfile::tempdir().expect("a temp dir");
    let public = keys.path().join("public.pem");
    let pem = key_pair()
        .to_public_key()
        .to_public_key_pem(LineEnding::LF)
        .expect("PEM");
    std::fs::write(&public, pem).expect("write the public key");
    let mut opts = MockOptions::new(([127, 0, 0, 1], 0).into(), fixture_dir());
    opts.credentials = Credentials::test()
        .with("SNAP_CLIENT_ID", CLIENT_ID)
        .with("SNAP_CLIENT_SECRET", CLIENT_SECRET);
    if with_key {
        opts.credentials
            .set("SNAP_PRIVATE_KEY_FILE", public.display().to_string());
    }
    let (_, handle) = spawn_for_tests(opts).expect("the sandbox serves the fixture");
    Sandbox {
        base: handle.base_url(),
        _handle: handle,
        _keys: keys,
    }
}

/// What to alter in a request after the client signed it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Tamper {
    Nothing,
    /// One byte of every call's body (not the token request's).
    CallBody,
}

/// The client's wire to the sandbox: reqwest, recording every exchange
/// (path, status, answer) and altering requests as told.
struct Wire {
    inner: ReqwestTransport,
    tamper: Tamper,
    token_requests: AtomicUsize,
    exchanges: Mutex<Vec<(String, u16, Value)>>,
}

impl Wire {
    fn new(tamper: Tamper) -> Arc<Self> {
        Arc::new(Wire {
            inner: ReqwestTransport::new(Duration::from_secs(10)),
            tamper,
            token_requests: AtomicUsize::new(0),
            exchanges: Mutex::new(Vec::new()),
        })
    }

    fn statuses(&self, path: &str) -> Vec<u16> {
        let exchanges = self.exchanges.lock().unwrap();
        exchanges
            .iter()
            .filter(|(p, _, _)| p == path)
            .map(|(_, s, _)| *s)
            .collect()
    }

    fn answers(&self, path: &str) -> Vec<Value> {
        let exchanges = self.exchanges.lock().unwrap();
        exchanges
            .iter()
            .filter(|(p, _, _)| p == path)
            .map(|(_, _, a)| a.clone())
            .collect()
    }
}

impl Transport for Wire {
    fn send(
        &self,
        mut request: HttpRequest,
    ) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        let path = request
            .url
            .splitn(4, '/')
            .nth(3)
            .map(|p| format!("/{p}"))
            .unwrap_or_default();
        if path == TOKEN_PATH {
            self.token_requests.fetch_add(1, Ordering::SeqCst);
        } else if self.tamper == Tamper::CallBody {
            if let Some(b) = request.body.iter_mut().find(|b| b.is_ascii_digit()) {
                *b = if *b == b'9' { b'0' } else { *b + 1 };
            }
        }
        Box::pin(async move {
            let response = self.inner.send(request).await?;
            let answer = serde_json::from_slice(&response.body).unwrap_or(Value::Null);
            self.exchanges
                .lock()
                .unwrap()
                .push((path, response.status, answer));
            Ok(response)
        })
    }
}

fn client(sb: &Sandbox, private_key: String, secret: &str, wire: &Arc<Wire>) -> snap::Client {
    client_of(sb.base.clone(), private_key, secret, wire)
}

fn client_of(base: String, private_key: String, secret: &str, wire: &Arc<Wire>) -> snap::Client {
    let transport: Arc<dyn Transport> = wire.clone();
    snap::Client::with_transport(
        snap::Config::new(
            base,
            CLIENT_ID,
            Secret::new(private_key),
            Secret::new(secret),
        ),
        transport,
    )
}

fn va_request(trx_id: &str) -> snap::va::CreateVaRequest {
    snap::va::CreateVaRequest::new(
        "  088899",
        "12345678901234567890",
        "Jokul Doe",
        trx_id,
        snap::va::Amount::new(
            "12345678.00"
                .parse::<payspec::money::Decimal>()
                .expect("an amount"),
            "IDR",
        ),
    )
}

fn api_status(result: Result<snap::va::CreateVaAnswer, Error>) -> (u16, &'static str) {
    match result {
        Err(Error::Api(e)) => (e.status, e.operation),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_generated_client_gets_a_token_and_calls_the_sandbox() {
    let sb = start();
    let wire = Wire::new(Tamper::Nothing);
    let snap = client(&sb, private_pem(key_pair()), CLIENT_SECRET, &wire);
    for n in 0..3 {
        let answer = snap
            .create_va(&va_request(&format!("trx-{n}")))
            .await
            .expect("the sandbox accepts the generated client's call");
        assert_eq!(answer.response_code, "2002700");
    }
    // One RSA-signed token request for three HMAC-signed calls.
    assert_eq!(wire.token_requests.load(Ordering::SeqCst), 1);
    assert_eq!(wire.statuses(TOKEN_PATH), [200]);
    assert_eq!(wire.statuses(VA_PATH), [200, 200, 200]);
    // The token at the flow's path, the documented lifetime (a string of
    // digits, as in the fixture's example) at its own.
    let token = &wire.answers(TOKEN_PATH)[0];
    assert!(
        token["accessToken"]
            .as_str()
            .is_some_and(|t| t.starts_with("sandbox-token-")),
        "{token}"
    );
    assert_eq!(token["expiresIn"], "900");
    assert_eq!(token["responseCode"], "2007300");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_call_signed_with_another_secret_is_refused_after_one_retry() {
    let sb = start();
    let wire = Wire::new(Tamper::Nothing);
    let snap = client(&sb, private_pem(key_pair()), "SK-not-the-secret", &wire);
    let (status, _) = api_status(snap.create_va(&va_request("trx-1")).await);
    assert_eq!(status, 401);
    // The client took the 401 for a stale token: one refresh, one retry.
    assert_eq!(wire.statuses(TOKEN_PATH), [200, 200]);
    let calls = wire.answers(VA_PATH);
    assert_eq!(calls.len(), 2);
    assert!(calls[0].to_string().contains("X-SIGNATURE"), "{}", calls[0]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_changed_after_signing_is_refused() {
    let sb = start();
    let wire = Wire::new(Tamper::CallBody);
    let snap = client(&sb, private_pem(key_pair()), CLIENT_SECRET, &wire);
    let (status, _) = api_status(snap.create_va(&va_request("trx-1")).await);
    assert_eq!(status, 401);
    assert_eq!(wire.statuses(VA_PATH), [401, 401]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_request_signed_with_another_key_is_refused() {
    let sb = start();
    let wire = Wire::new(Tamper::Nothing);
    let other = rsa::RsaPrivateKey::new(&mut rsa::rand_core::OsRng, 1024).expect("a key");
    let snap = client(&sb, private_pem(&other), CLIENT_SECRET, &wire);
    let (status, operation) = api_status(snap.create_va(&va_request("trx-1")).await);
    assert_eq!((status, operation), (401, "access_token_b2b"));
    let refused = &wire.answers(TOKEN_PATH)[0];
    assert!(refused.to_string().contains("X-SIGNATURE"), "{refused}");
    assert!(wire.statuses(VA_PATH).is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_the_public_key_the_refusal_says_how_to_give_it() {
    let sb = start_with(false);
    let wire = Wire::new(Tamper::Nothing);
    let snap = client(&sb, private_pem(key_pair()), CLIENT_SECRET, &wire);
    let (status, operation) = api_status(snap.create_va(&va_request("trx-1")).await);
    assert_eq!((status, operation), (401, "access_token_b2b"));
    let refused = wire.answers(TOKEN_PATH)[0].to_string();
    assert!(
        refused.contains("--credential SNAP_PRIVATE_KEY_FILE=<the file of the PEM public key>"),
        "{refused}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_token_is_refused_and_the_client_gets_another() {
    let sb = start();
    let wire = Wire::new(Tamper::Nothing);
    let snap = client(&sb, private_pem(key_pair()), CLIENT_SECRET, &wire);
    snap.create_va(&va_request("trx-1"))
        .await
        .expect("first call");
    // Past the 900 s the token answer gave, by the sandbox clock only: the
    // client still holds the token as fresh.
    let moved = reqwest::Client::new()
        .post(format!("{}/_sandbox/clock", sb.base))
        .body(r#"{"advance_secs": 901}"#)
        .send()
        .await
        .expect("the clock moves");
    assert_eq!(moved.status(), 200);
    snap.create_va(&va_request("trx-2"))
        .await
        .expect("the call is retried with a new token");
    assert_eq!(wire.statuses(VA_PATH), [200, 401, 200]);
    let refused = &wire.answers(VA_PATH)[1];
    assert!(refused.to_string().contains("expired"), "{refused}");
    assert_eq!(wire.token_requests.load(Ordering::SeqCst), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_the_sandbox_did_not_issue_is_refused() {
    let sb = start();
    let answer = reqwest::Client::new()
        .post(format!("{}{VA_PATH}", sb.base))
        .header("Authorization", "Bearer made-up")
        .body("{}")
        .send()
        .await
        .expect("an answer");
    assert_eq!(answer.status(), 401);
    let body = answer.text().await.expect("a body");
    assert!(body.contains("not one the token endpoint issued"), "{body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_generated_client_signs_as_a_checking_provider_verifies() {
    let (provider, base) = snap_provider::serve(
        CLIENT_ID,
        CLIENT_SECRET,
        key_pair().to_public_key(),
        VA_PATH,
    )
    .await;
    let wire = Wire::new(Tamper::Nothing);
    let snap = client_of(base, private_pem(key_pair()), CLIENT_SECRET, &wire);
    for n in 0..3 {
        let answer = snap
            .create_va(&va_request(&format!("trx-{n}")))
            .await
            .expect("the checking provider accepts the generated client's call");
        assert_eq!(answer.response_code, "2002700");
    }
    assert_eq!(*provider.failures.lock().unwrap(), Vec::<String>::new());
    // One RSA-signed token request; three HMAC-signed calls with its token,
    // each with its own X-EXTERNAL-ID.
    assert_eq!(provider.token_requests.load(Ordering::SeqCst), 1);
    assert_eq!(provider.calls.load(Ordering::SeqCst), 3);
    assert_eq!(provider.accepted_calls(), 3);
}
