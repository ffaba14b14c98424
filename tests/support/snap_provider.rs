//! A loopback stand-in for the SNAP fixture provider
//! (`codegen/tests/fixtures/snap`) that checks every signature with code
//! written here, not payspec's: the token request's SHA256withRSA with the
//! public key of a pair the test made, each call's HMAC-SHA512 over
//! `METHOD:path:token:lowerhex(SHA-256(minify(body))):timestamp`, with
//! minify written here too. It counts token requests and calls and records
//! why anything was refused. Shared by the client runtime's test
//! (`src/client/token/snap_fixture_tests.rs`) and the generated client's
//! (`sandbox/tests/snap_fixture.rs`).

use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::{Json, Router};
use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use hmac::{Hmac, Mac as _};
use rsa::signature::Verifier as _;
use serde_json::{json, Value};
use sha2::{Digest as _, Sha256, Sha512};

/// The fixture's token endpoint.
pub const TOKEN_PATH: &str = "/authorization/v1/access-token/b2b";

/// The provider: who the merchant is, and what it saw.
pub struct Provider {
    client_id: String,
    client_secret: String,
    public_key: rsa::RsaPublicKey,
    va_path: String,
    /// Token requests received, verified or not.
    pub token_requests: AtomicUsize,
    /// Calls to the VA endpoint received, verified or not.
    pub calls: AtomicUsize,
    issued: Mutex<Vec<String>>,
    external_ids: Mutex<HashSet<String>>,
    /// Why each refused request was refused.
    pub failures: Mutex<Vec<String>>,
}

impl Provider {
    fn refuse(&self, why: String) -> (StatusCode, Json<Value>) {
        self.failures.lock().unwrap().push(why);
        (
            StatusCode::UNAUTHORIZED,
            Json(json!({ "responseCode": "4017300", "responseMessage": "Unauthorized" })),
        )
    }

    /// How many calls were accepted, each with its own X-EXTERNAL-ID.
    pub fn accepted_calls(&self) -> usize {
        self.external_ids.lock().unwrap().len()
    }
}

/// Serves the provider on 127.0.0.1 (a port the OS picks) for the merchant
/// `client_id` / `client_secret` whose token requests verify with
/// `public_key`, the VA endpoint at `va_path`; returns it and its base URL.
pub async fn serve(
    client_id: &str,
    client_secret: &str,
    public_key: rsa::RsaPublicKey,
    va_path: &str,
) -> (Arc<Provider>, String) {
    let provider = Arc::new(Provider {
        client_id: client_id.to_owned(),
        client_secret: client_secret.to_owned(),
        public_key,
        va_path: va_path.to_owned(),
        token_requests: AtomicUsize::new(0),
        calls: AtomicUsize::new(0),
        issued: Mutex::new(Vec::new()),
        external_ids: Mutex::new(HashSet::new()),
        failures: Mutex::new(Vec::new()),
    });
    let app = Router::new()
        .route(TOKEN_PATH, post(token))
        .route(va_path, post(create_va))
        .with_state(Arc::clone(&provider));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base_url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (provider, base_url)
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
pub fn minify(body: &[u8]) -> Vec<u8> {
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
    State(provider): State<Arc<Provider>>,
    headers: HeaderMap,
    body: Bytes,
) -> (StatusCode, Json<Value>) {
    let n = provider.token_requests.fetch_add(1, Ordering::SeqCst) + 1;
    let (client_key, timestamp) = (
        header(&headers, "X-CLIENT-KEY"),
        header(&headers, "X-TIMESTAMP"),
    );
    if client_key != provider.client_id || !is_wib_timestamp(timestamp) {
        return provider.refuse(format!(
            "token: X-CLIENT-KEY {client_key:?}, X-TIMESTAMP {timestamp:?}"
        ));
    }
    if &body[..] != br#"{"grantType":"client_credentials"}"# {
        return provider.refuse("token: body".to_owned());
    }
    let signature = STANDARD
        .decode(header(&headers, "X-SIGNATURE"))
        .ok()
        .and_then(|bytes| rsa::pkcs1v15::Signature::try_from(bytes.as_slice()).ok());
    let verifier = rsa::pkcs1v15::VerifyingKey::<Sha256>::new(provider.public_key.clone());
    let signed = format!("{client_key}|{timestamp}");
    if !signature.is_some_and(|s| verifier.verify(signed.as_bytes(), &s).is_ok()) {
        return provider.refuse("token: X-SIGNATURE".to_owned());
    }
    let token = format!("snap-token-{n}");
    provider.issued.lock().unwrap().push(token.clone());
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
    State(provider): State<Arc<Provider>>,
    headers: HeaderMap,
    body: Bytes,
) -> (StatusCode, Json<Value>) {
    provider.calls.fetch_add(1, Ordering::SeqCst);
    let token = header(&headers, "Authorization")
        .strip_prefix("Bearer ")
        .unwrap_or_default();
    if !provider.issued.lock().unwrap().iter().any(|t| t == token) {
        return provider.refuse(format!("call: token {token:?}"));
    }
    let timestamp = header(&headers, "X-TIMESTAMP");
    let external_id = header(&headers, "X-EXTERNAL-ID");
    if !is_wib_timestamp(timestamp)
        || header(&headers, "X-PARTNER-ID") != provider.client_id
        || header(&headers, "CHANNEL-ID") != "H2H"
        || external_id.is_empty()
        || external_id.len() > 36
    {
        return provider
            .refuse("call: X-TIMESTAMP, X-PARTNER-ID, CHANNEL-ID or X-EXTERNAL-ID".into());
    }
    let string_to_sign = format!(
        "POST:{}:{token}:{}:{timestamp}",
        provider.va_path,
        lower_hex(&Sha256::digest(minify(&body)))
    );
    let mut mac = Hmac::<Sha512>::new_from_slice(provider.client_secret.as_bytes()).unwrap();
    mac.update(string_to_sign.as_bytes());
    let expected = STANDARD.encode(mac.finalize().into_bytes());
    if header(&headers, "X-SIGNATURE") != expected {
        return provider.refuse("call: X-SIGNATURE".to_owned());
    }
    // Each accepted call has its own id (a refused one may be sent again).
    if !provider
        .external_ids
        .lock()
        .unwrap()
        .insert(external_id.to_owned())
    {
        return provider.refuse(format!("call: X-EXTERNAL-ID {external_id} repeated"));
    }
    (
        StatusCode::OK,
        Json(json!({ "responseCode": "2002700", "responseMessage": "Successful" })),
    )
}
