//! Security schemes and client-computed headers, per authentication scheme.

use serde_yaml::{Mapping, Value};

use super::schema::put;
use crate::ir::{AuthScheme, Provider, TokenClaims};

/// Headers the payspec client fills in itself for `scheme`, with why.
/// Matched case-insensitively against the provider's request headers.
pub fn computed_header(scheme: AuthScheme, wire_name: &str) -> Option<&'static str> {
    let table: &[(&str, &str)] = match scheme {
        AuthScheme::DokuHmacSha256 => &[
            ("Request-Id", "a fresh UUID v4 per request"),
            ("Request-Timestamp", "the current UTC time"),
            (
                "Signature",
                "`HMACSHA256=` + base64 HMAC-SHA256, keyed with the secret key, over Client-Id, Request-Id, \
                 Request-Timestamp, Request-Target and, when the request has a body, its Digest \
                 (`payspec sign doku …` prints it)",
            ),
            ("Digest", "base64 SHA-256 of the body"),
        ],
        AuthScheme::MidtransBasic => &[("Authorization", "`Basic base64(server_key + \":\")`")],
        AuthScheme::BillerJwtHs256 => &[("TOKEN", "an HS256 JWT signed with the partner secret")],
    };
    table
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(wire_name))
        .map(|(_, why)| *why)
}

fn api_key_header(name: &str, description: String) -> Value {
    let mut map = Mapping::new();
    put(&mut map, "type", "apiKey");
    put(&mut map, "in", "header");
    put(&mut map, "name", name);
    put(&mut map, "description", description);
    Value::Mapping(map)
}

/// The provider's security schemes by component name, and the requirement
/// every operation of the provider carries (all schemes together).
pub fn schemes(provider: &Provider) -> (Vec<(String, Value)>, Value) {
    let p = &provider.name;
    let doc = provider.auth.doc.trim_end();
    let schemes = match provider.auth.scheme {
        AuthScheme::DokuHmacSha256 => vec![
            (format!("{p}_client_id"), api_key_header("Client-Id", format!("Client ID from the DOKU Back Office. {doc}"))),
            (
                format!("{p}_signature"),
                api_key_header(
                    "Signature",
                    format!(
                        "Not a static key: an HMAC-SHA256 signature computed per request (`x-payspec-computed`). {doc}"
                    ),
                ),
            ),
        ],
        AuthScheme::MidtransBasic => {
            let mut map = Mapping::new();
            put(&mut map, "type", "http");
            put(&mut map, "scheme", "basic");
            put(&mut map, "description", format!("Server key as the user name, empty password. {doc}"));
            vec![(format!("{p}_basic"), Value::Mapping(map))]
        }
        AuthScheme::BillerJwtHs256 => {
            let claims = match provider.auth.token_claims {
                Some(TokenClaims::RequestBody) => " Its claims are the JSON request body as sent.",
                Some(TokenClaims::Empty) => " Its claim set is empty.",
                None => "",
            };
            vec![
                (format!("{p}_key"), api_key_header("KEY", format!("Partner API key. {doc}"))),
                (
                    format!("{p}_token"),
                    api_key_header("TOKEN", format!("An HS256 JWT computed per request.{claims} {doc}")),
                ),
            ]
        }
    };
    let mut requirement = Mapping::new();
    for (name, _) in &schemes {
        put(&mut requirement, name, Value::Sequence(Vec::new()));
    }
    (schemes, Value::Sequence(vec![Value::Mapping(requirement)]))
}
