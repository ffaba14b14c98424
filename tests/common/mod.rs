//! Loopback servers and independent signing helpers shared by the client tests.
//!
//! Nothing here calls payspec's signing code: the servers check what the
//! clients send with hmac/sha2/base64 directly, as the providers would.

#![allow(dead_code)] // each test binary uses a different subset

use std::net::SocketAddr;

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

/// A server on 127.0.0.1:<free port>, stopped when dropped.
pub struct Server {
    pub base_url: String,
    handle: tokio::task::JoinHandle<()>,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.handle.abort();
    }
}

/// Serves `router` on a fresh loopback port.
pub async fn serve(router: axum::Router) -> Server {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr: SocketAddr = listener.local_addr().unwrap();
    let handle = tokio::spawn(async move {
        axum::serve(listener, router).await.unwrap();
    });
    Server {
        base_url: format!("http://{addr}"),
        handle,
    }
}

/// A loopback URL nothing listens on: bind a port, then release it.
pub fn refused_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    format!("http://{addr}")
}

/// base64(SHA-256(body)).
pub fn sha256_b64(body: &[u8]) -> String {
    STANDARD.encode(Sha256::digest(body))
}

/// base64(HMAC-SHA256(key, text)).
pub fn hmac_b64(key: &str, text: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key.as_bytes()).unwrap();
    mac.update(text.as_bytes());
    STANDARD.encode(mac.finalize().into_bytes())
}

/// The DOKU signature header value, with the string assembled by hand.
/// `timestamp_line` is `Request-Timestamp:…` or `Response-Timestamp:…`.
pub fn doku_signature(
    key: &str,
    client_id: &str,
    request_id: &str,
    timestamp_line: &str,
    target: &str,
    body: Option<&[u8]>,
) -> String {
    let mut lines = vec![
        format!("Client-Id:{client_id}"),
        format!("Request-Id:{request_id}"),
        timestamp_line.to_owned(),
        format!("Request-Target:{target}"),
    ];
    if let Some(body) = body {
        lines.push(format!("Digest:{}", sha256_b64(body)));
    }
    format!("HMACSHA256={}", hmac_b64(key, &lines.join("\n")))
}

/// Whether `s` is `YYYY-MM-DDTHH:MM:SSZ`.
pub fn is_utc_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 20
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            10 => *c == b'T',
            13 | 16 => *c == b':',
            19 => *c == b'Z',
            _ => c.is_ascii_digit(),
        })
}

/// Midtrans' notification `signature_key`: lowercase hex SHA-512 of
/// `order_id + status_code + gross_amount + server_key`.
pub fn midtrans_signature_key(
    order_id: &str,
    status_code: &str,
    gross_amount: &str,
    server_key: &str,
) -> String {
    let digest = sha2::Sha512::digest(
        format!("{order_id}{status_code}{gross_amount}{server_key}").as_bytes(),
    );
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// An HS256 JWT over `claims` exactly as given, assembled by hand.
pub fn jwt_hs256(secret: &str, claims: &[u8]) -> String {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(r#"{"alg":"HS256","typ":"JWT"}"#),
        URL_SAFE_NO_PAD.encode(claims)
    );
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(input.as_bytes());
    format!(
        "{input}.{}",
        URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
    )
}
