//! The SNAP fixture provider (`codegen/tests/fixtures/snap`, DOKU SNAP's
//! scheme): its recipes as the emitter writes them
//! (`codegen/tests/expected/snap_auth.rs`, compiled here) run by the client
//! runtime against a loopback server that checks every signature with its
//! own implementation: RSA with a key pair made here, HMAC-SHA512 and minify
//! written here. No Rust is written for the provider. The generated client
//! methods are not used: the client shape is being replaced by one generated
//! provider descriptor, so the calls go through the runtime's request loop.

use std::collections::HashSet;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::{Json, Router};
use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use hmac::{Hmac, Mac as _};
use payspec_signing::recipe::Credentials;
use rsa::pkcs8::{EncodePrivateKey as _, LineEnding};
use rsa::signature::Verifier as _;
use serde_json::{json, Value};
use sha2::{Digest as _, Sha256, Sha512};

use crate::client::runtime::Runtime;
use crate::client::{Call, CallOptions};
use crate::retry::RetryPolicy;
use crate::transport::ReqwestTransport;
use crate::Secret;

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

/// The provider: verifies, counts, and records what did not verify.
struct Server {
    public_key: rsa::RsaPublicKey,
    va_path: String,
    token_requests: AtomicUsize,
    calls: AtomicUsize,
    issued: Mutex<Vec<String>>,
    external_ids: Mutex<HashSet<String>>,
    failures: Mutex<Vec<String>>,
}

impl Server {
    fn refuse(&self, why: String) -> (StatusCode, Json<Value>) {
        self.failures.lock().unwrap().push(why);
        (
            StatusCode::UNAUTHORIZED,
            Json(json!({ "responseCode": "4017300", "responseMessage": "Unauthorized" })),
        )
    }
}

fn header<'h>(headers: &'h HeaderMap, name: &str) -> &'h str {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

/// `2024-03-26T16:01:41+07:00`, checked character by character.
fn is_wib_timestamp(text: &str) -> bool {
    let shape = "dddd-dd-ddTdd:dd:dd+07:00";
    text.len() == shape.len()
        && text.chars().zip(shape.chars()).all(|(c, s)| match s {
            'd' => c.is_ascii_digit(),
            s => c == s,
        })
}

/// JSON whitespace outside strings removed, written here for the check.
fn minify(body: &[u8]) -> Vec<u8> {
    let (mut out, mut in_string, mut escaped) = (Vec::new(), false, false);
    for &b in body {
        if in_string {
            out.push(b);
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
        } else if !matches!(b, b' ' | b'\t' | b'\r' | b'\n') {
            in_string = b == b'"';
            out.push(b);
        }
    }
    out
}

fn lower_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

async fn token(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    body: Bytes,
) -> (StatusCode, Json<Value>) {
    let n = server.token_requests.fetch_add(1, Ordering::SeqCst) + 1;
    let (client_key, timestamp) = (
        header(&headers, "X-CLIENT-KEY"),
        header(&headers, "X-TIMESTAMP"),
    );
    if client_key != CLIENT_ID || !is_wib_timestamp(timestamp) {
        return server.refuse(format!(
            "token: X-CLIENT-KEY {client_key:?}, X-TIMESTAMP {timestamp:?}"
        ));
    }
    if &body[..] != br#"{"grantType":"client_credentials"}"# {
        return server.refuse("token: body".to_owned());
    }
    let signature = STANDARD
        .decode(header(&headers, "X-SIGNATURE"))
        .ok()
        .and_then(|bytes| rsa::pkcs1v15::Signature::try_from(bytes.as_slice()).ok());
    let verifier = rsa::pkcs1v15::VerifyingKey::<Sha256>::new(server.public_key.clone());
    let signed = format!("{client_key}|{timestamp}");
    if !signature.is_some_and(|s| verifier.verify(signed.as_bytes(), &s).is_ok()) {
        return server.refuse("token: X-SIGNATURE".to_owned());
    }
    let token = format!("snap-token-{n}");
    server.issued.lock().unwrap().push(token.clone());
    (
        StatusCode::OK,
        Json(json!({
            "responseCode": "2007300",
            "responseMessage": "Successful",
            "accessToken": token,
            "tokenType": "Bearer",
            "expiresIn": "900",
            "additionalInfo": ""
        })),
    )
}

async fn create_va(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    body: Bytes,
) -> (StatusCode, Json<Value>) {
    server.calls.fetch_add(1, Ordering::SeqCst);
    let token = header(&headers, "Authorization")
        .strip_prefix("Bearer ")
        .unwrap_or_default();
    if !server.issued.lock().unwrap().iter().any(|t| t == token) {
        return server.refuse(format!("call: token {token:?}"));
    }
    let timestamp = header(&headers, "X-TIMESTAMP");
    let external_id = header(&headers, "X-EXTERNAL-ID");
    if !is_wib_timestamp(timestamp)
        || header(&headers, "X-PARTNER-ID") != CLIENT_ID
        || header(&headers, "CHANNEL-ID") != "H2H"
        || external_id.is_empty()
        || external_id.len() > 36
    {
        return server
            .refuse("call: X-TIMESTAMP, X-PARTNER-ID, CHANNEL-ID or X-EXTERNAL-ID".into());
    }
    let string_to_sign = format!(
        "POST:{}:{token}:{}:{timestamp}",
        server.va_path,
        lower_hex(&Sha256::digest(minify(&body)))
    );
    let mut mac = Hmac::<Sha512>::new_from_slice(CLIENT_SECRET.as_bytes()).unwrap();
    mac.update(string_to_sign.as_bytes());
    let expected = STANDARD.encode(mac.finalize().into_bytes());
    if header(&headers, "X-SIGNATURE") != expected {
        return server.refuse("call: X-SIGNATURE".to_owned());
    }
    // Each accepted call has its own id (a refused one may be sent again).
    if !server
        .external_ids
        .lock()
        .unwrap()
        .insert(external_id.to_owned())
    {
        return server.refuse(format!("call: X-EXTERNAL-ID {external_id} repeated"));
    }
    (
        StatusCode::OK,
        Json(json!({ "responseCode": "2002700", "responseMessage": "Successful" })),
    )
}

/// A running server, and a runtime with the fixture's recipes and a key
/// pair made here.
async fn setup(client_secret: &str) -> (Arc<Server>, Runtime, String) {
    let va_path = va_path();
    let private_key = rsa::RsaPrivateKey::new(&mut rsa::rand_core::OsRng, 1024).unwrap();
    let pem = private_key.to_pkcs8_pem(LineEnding::LF).unwrap();
    let server = Arc::new(Server {
        public_key: private_key.to_public_key(),
        va_path: va_path.clone(),
        token_requests: AtomicUsize::new(0),
        calls: AtomicUsize::new(0),
        issued: Mutex::new(Vec::new()),
        external_ids: Mutex::new(HashSet::new()),
        failures: Mutex::new(Vec::new()),
    });
    let app = Router::new()
        .route("/authorization/v1/access-token/b2b", post(token))
        .route(&va_path, post(create_va))
        .with_state(Arc::clone(&server));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base_url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
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
    assert_eq!(server.external_ids.lock().unwrap().len(), 3);
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
