//! The biller partner API's `TOKEN` header: an HS256 JSON Web Token whose
//! claims are the JSON request body bytes exactly as sent.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::{constant_time_eq, Secret};

/// The JOSE header of every token, `{"alg":"HS256","typ":"JWT"}`.
pub const JWT_HEADER: &str = r#"{"alg":"HS256","typ":"JWT"}"#;

/// What a token's claims are; the spec chooses per endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ClaimSet {
    /// The JSON request body, byte for byte as sent.
    #[default]
    RequestBody,
    /// An empty object, `{}`.
    Empty,
}

impl ClaimSet {
    /// The claims bytes for a request whose body is `body`.
    pub fn claims(self, body: &[u8]) -> &[u8] {
        match self {
            ClaimSet::RequestBody => body,
            ClaimSet::Empty => b"{}",
        }
    }
}

/// Signs `claims` (JSON bytes) as an HS256 JWT: `header.claims.signature`,
/// each part base64url without padding.
pub fn token(secret: &Secret, claims: &[u8]) -> String {
    let signing_input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(JWT_HEADER),
        URL_SAFE_NO_PAD.encode(claims)
    );
    let signature = URL_SAFE_NO_PAD.encode(hmac_sha256(secret, signing_input.as_bytes()));
    format!("{signing_input}.{signature}")
}

/// Why a token was rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenError {
    /// Not three base64url parts separated by dots.
    Malformed,
    /// The header is not `{"alg":"HS256","typ":"JWT"}`.
    UnsupportedHeader,
    /// The signature does not match.
    Mismatch,
}

impl std::fmt::Display for TokenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            TokenError::Malformed => "the token is not three base64url parts separated by dots",
            TokenError::UnsupportedHeader => {
                "the token header is not {\"alg\":\"HS256\",\"typ\":\"JWT\"}"
            }
            TokenError::Mismatch => "the token signature does not match",
        })
    }
}

impl std::error::Error for TokenError {}

/// Checks a token's HS256 signature (constant time) and returns its claims bytes.
pub fn verify(secret: &Secret, token: &str) -> Result<Vec<u8>, TokenError> {
    let mut parts = token.split('.');
    let (Some(header), Some(claims), Some(signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(TokenError::Malformed);
    };
    let header_bytes = URL_SAFE_NO_PAD
        .decode(header)
        .map_err(|_| TokenError::Malformed)?;
    if header_bytes != JWT_HEADER.as_bytes() {
        return Err(TokenError::UnsupportedHeader);
    }
    let signature = URL_SAFE_NO_PAD
        .decode(signature)
        .map_err(|_| TokenError::Malformed)?;
    let expected = hmac_sha256(secret, format!("{header}.{claims}").as_bytes());
    if !constant_time_eq(&expected, &signature) {
        return Err(TokenError::Mismatch);
    }
    URL_SAFE_NO_PAD
        .decode(claims)
        .map_err(|_| TokenError::Malformed)
}

fn hmac_sha256(key: &Secret, message: &[u8]) -> Vec<u8> {
    // HMAC accepts keys of any length; the fallback only keeps this total.
    match Hmac::<Sha256>::new_from_slice(key.expose().as_bytes()) {
        Ok(mut mac) => {
            mac.update(message);
            mac.finalize().into_bytes().to_vec()
        }
        Err(_) => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_round_trips_and_rejects_tampering() {
        let secret = Secret::new("biller-secret");
        let body = br#"{"partnerId":"ayopop","account_number":"43554","ref_number":"5324354"}"#;
        let t = token(&secret, body);
        assert!(t.starts_with("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."));
        assert_eq!(verify(&secret, &t).as_deref(), Ok(&body[..]));
        assert_eq!(verify(&Secret::new("other"), &t), Err(TokenError::Mismatch));
        assert_eq!(verify(&secret, "a.b"), Err(TokenError::Malformed));
        assert_eq!(ClaimSet::Empty.claims(body), b"{}");
    }
}
