//! Checking callers the way each provider does, and signing DOKU responses.

use axum::http::HeaderMap;
use payspec::Secret;
use payspec_codegen_core::ir::{Auth, AuthScheme, TokenClaims};
use payspec_signing::doku::{self, Components, Direction};
use subtle::ConstantTimeEq as _;

use crate::Credentials;

/// Who the caller is, once authenticated.
#[derive(Debug, Clone, Default)]
pub struct Caller {
    /// DOKU `Request-Id` (empty for other providers).
    pub request_id: String,
}

fn header<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

/// Why a caller was refused: an error code for the provider's error body
/// and a reason (no secrets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// `INVALID_SIGNATURE`, or `INVALID_TIMESTAMP` for a stale DOKU timestamp.
    pub code: &'static str,
    /// What is wrong.
    pub reason: String,
}

impl From<String> for Refused {
    fn from(reason: String) -> Self {
        Refused {
            code: "INVALID_SIGNATURE",
            reason,
        }
    }
}

impl From<&str> for Refused {
    fn from(reason: &str) -> Self {
        Refused::from(reason.to_owned())
    }
}

/// Checks the request's credentials under `scheme`; `Err` says why (no
/// secrets). A DOKU `Request-Timestamp` further than `tolerance` from the
/// sandbox clock is refused after the signature checks out.
#[allow(clippy::too_many_arguments)]
pub fn check(
    auth: &Auth,
    creds: &Credentials,
    tolerance: Option<std::time::Duration>,
    headers: &HeaderMap,
    target: &str,
    is_get: bool,
    body: &[u8],
) -> Result<Caller, Refused> {
    match auth.scheme {
        AuthScheme::DokuHmacSha256 => {
            let client_id =
                header(headers, "Client-Id").ok_or("the Client-Id header is missing")?;
            if client_id != creds.doku_client_id {
                return Err("unknown Client-Id".into());
            }
            let request_id =
                header(headers, "Request-Id").ok_or("the Request-Id header is missing")?;
            let timestamp = header(headers, "Request-Timestamp")
                .ok_or("the Request-Timestamp header is missing")?;
            let components = Components {
                direction: Direction::Request,
                client_id,
                request_id,
                timestamp,
                target,
                body: (!is_get).then_some(body),
            };
            doku::verify(
                &creds.doku_secret_key,
                &components,
                header(headers, "Signature"),
            )
            .map_err(|e| e.to_string())?;
            if let Some(tolerance) = tolerance {
                crate::clock::check_fresh(timestamp, std::time::SystemTime::now(), tolerance)
                    .map_err(|reason| Refused {
                        code: "INVALID_TIMESTAMP",
                        reason,
                    })?;
            }
            Ok(Caller {
                request_id: request_id.to_owned(),
            })
        }
        AuthScheme::MidtransBasic => {
            let expected = payspec_signing::midtrans::basic_auth(&creds.midtrans_server_key);
            match header(headers, "Authorization") {
                Some(given) if same(given, &expected) => Ok(Caller::default()),
                Some(_) => Err("the server key is wrong".into()),
                None => Err("the Authorization header is missing".into()),
            }
        }
        AuthScheme::BillerJwtHs256 => {
            let key = header(headers, "KEY").ok_or("the KEY header is missing")?;
            if !same(key, creds.biller_api_key.expose()) {
                return Err("the KEY header is wrong".into());
            }
            let token = header(headers, "TOKEN").ok_or("the TOKEN header is missing")?;
            let claims = payspec_signing::biller::verify(&creds.biller_token_secret, token)
                .map_err(|e| e.to_string())?;
            // What the claims must be is the spec's `token_claims`.
            let parse = |b: &[u8]| serde_json::from_slice::<serde_json::Value>(b).ok();
            let ok = match auth.token_claims {
                Some(TokenClaims::RequestBody) | None => {
                    claims == body || (parse(&claims).is_some() && parse(&claims) == parse(body))
                }
                Some(TokenClaims::Empty) => claims.is_empty() || claims == b"{}",
            };
            if !ok {
                return Err("the token's claims are not what the spec says they are".into());
            }
            Ok(Caller::default())
        }
    }
}

/// `(Response-Timestamp, Signature)` for a DOKU response body.
pub fn sign_doku_response(
    secret: &Secret,
    client_id: &str,
    request_id: &str,
    target: &str,
    body: &[u8],
) -> (String, String) {
    let timestamp = payspec_signing::time::now_utc_timestamp();
    let components = Components {
        direction: Direction::Response,
        client_id,
        request_id,
        timestamp: &timestamp,
        target,
        body: Some(body),
    };
    let signature = doku::sign(secret, &components);
    (timestamp, signature)
}
