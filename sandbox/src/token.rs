//! Access tokens of providers with a token flow (`auth.token` in the spec).
//! The token endpoint's success answer carries a token the sandbox makes up,
//! at the flow's `access_token` path, living as long as the answer's
//! `expires_in` says; every other call must carry a token it issued, not yet
//! expired by the sandbox clock, where the request recipe sends
//! `{access_token}` (`Authorization: Bearer …`), and its signature is
//! checked with that token. Nothing here names a provider.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, SystemTime};

use axum::http::HeaderMap;
use payspec_codegen_core::ir::{Endpoint, Provider};
use payspec_signing::convention::{as_text, lookup};
use payspec_signing::recipe::{Piece, Recipe, TokenFlow, ACCESS_TOKEN};
use serde_json::Value;

use crate::auth::Refused;

/// A token's lifetime when the token answer's example gives none.
pub const DEFAULT_LIFETIME: Duration = Duration::from_secs(900);

/// How many tokens are remembered; the oldest is forgotten first, so a
/// long-running sandbox does not grow without bound.
const CAPACITY: usize = 4096;

/// The error code of a refused token, in the provider's error body.
const INVALID_TOKEN: &str = "INVALID_TOKEN";

/// The tokens issued so far.
#[derive(Default)]
pub struct Issued {
    grants: HashMap<String, Grant>,
    /// Issue order, for forgetting the oldest.
    order: VecDeque<String>,
}

/// One issued token.
struct Grant {
    provider: String,
    /// By the sandbox clock; `None`: until the sandbox is reset.
    expires_at: Option<SystemTime>,
}

impl std::fmt::Debug for Issued {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Tokens are bearer secrets: the count only.
        f.debug_struct("Issued")
            .field("tokens", &self.grants.len())
            .finish()
    }
}

impl Issued {
    /// A new token of `provider`, valid for `lifetime` from `now`.
    pub fn issue(&mut self, provider: &str, lifetime: Option<Duration>, now: SystemTime) -> String {
        let token = format!("sandbox-token-{}", uuid::Uuid::new_v4().simple());
        self.grants.insert(
            token.clone(),
            Grant {
                provider: provider.to_owned(),
                expires_at: lifetime.map(|l| now + l),
            },
        );
        self.order.push_back(token.clone());
        while self.order.len() > CAPACITY {
            if let Some(oldest) = self.order.pop_front() {
                self.grants.remove(&oldest);
            }
        }
        token
    }

    /// `Ok` when `token` was issued to `provider` and has not expired at `now`.
    pub fn check(&self, provider: &str, token: &str, now: SystemTime) -> Result<(), Refused> {
        match self.grants.get(token) {
            Some(grant) if grant.provider == provider => match grant.expires_at {
                Some(at) if now >= at => Err(refused("the access token has expired")),
                _ => Ok(()),
            },
            _ => Err(refused(
                "the access token is not one the token endpoint issued",
            )),
        }
    }
}

fn refused(reason: &str) -> Refused {
    Refused {
        code: INVALID_TOKEN,
        reason: reason.to_owned(),
    }
}

/// The token flow of `provider` when `endpoint` is its token endpoint.
pub fn flow_of<'p>(provider: &'p Provider, endpoint: &Endpoint) -> Option<&'p TokenFlow> {
    provider
        .auth
        .recipes
        .token
        .as_ref()
        .filter(|flow| flow.endpoint == endpoint.name)
}

/// The access token a request carries in the header where `recipe` sends
/// `{access_token}` after a fixed prefix (`Authorization: Bearer …`);
/// `Ok(None)` when the recipe sends no token in a header of its own.
pub fn carried(recipe: &Recipe, headers: &HeaderMap) -> Result<Option<String>, Refused> {
    let Some((name, prefix)) = recipe.headers.iter().find_map(|output| {
        let [prefix @ .., Piece::Value(value)] = &*output.template.pieces else {
            return None;
        };
        let fixed = prefix.iter().all(|p| matches!(p, Piece::Text(_)));
        (value.as_ref() == ACCESS_TOKEN && fixed).then(|| (&*output.name, output.template.prefix()))
    }) else {
        return Ok(None);
    };
    let received = headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| {
            refused(&format!(
                "the {name} header with an access token is missing"
            ))
        })?
        .trim();
    let token = received
        .get(..prefix.len())
        .filter(|p| p.eq_ignore_ascii_case(prefix))
        .map(|_| &received[prefix.len()..])
        .filter(|t| !t.is_empty())
        .ok_or_else(|| {
            refused(&format!(
                "the {name} header is not `{prefix}<access token>`"
            ))
        })?;
    Ok(Some(token.to_owned()))
}

/// Writes a new token into the token endpoint's success `body` (the
/// answer's example): at the flow's `access_token` path, and its lifetime
/// at `expires_in`, which keeps the example's value (the provider's
/// documented lifetime) and its kind (a number or a string of digits).
pub fn grant(
    issued: &mut Issued,
    provider: &str,
    flow: &TokenFlow,
    body: &mut Value,
    now: SystemTime,
) {
    let lifetime = flow.expires_in.as_deref().map(|path| {
        let documented = lookup(body, path);
        let seconds = documented
            .and_then(as_text)
            .and_then(|t| t.trim().parse::<u64>().ok())
            .unwrap_or(DEFAULT_LIFETIME.as_secs());
        let written = match documented {
            Some(Value::String(_)) => Value::String(seconds.to_string()),
            _ => Value::from(seconds),
        };
        put(body, path, written);
        Duration::from_secs(seconds)
    });
    let token = issued.issue(provider, lifetime, now);
    put(body, &flow.access_token, Value::String(token));
}

/// Sets the member at dotted `path`, making the objects on the way.
fn put(body: &mut Value, path: &str, value: Value) {
    let mut node = body;
    let mut parts = path.split('.').peekable();
    while let Some(part) = parts.next() {
        if !node.is_object() {
            *node = Value::Object(serde_json::Map::new());
        }
        let Value::Object(map) = node else {
            return;
        };
        if parts.peek().is_none() {
            map.insert(part.to_owned(), value);
            return;
        }
        node = map.entry(part.to_owned()).or_insert(Value::Null);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use serde_json::json;

    #[test]
    fn a_token_is_known_to_its_provider_until_it_expires() {
        let mut issued = Issued::default();
        let t0 = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        let token = issued.issue("p", Some(Duration::from_secs(900)), t0);
        assert!(issued
            .check("p", &token, t0 + Duration::from_secs(899))
            .is_ok());
        let expired = issued
            .check("p", &token, t0 + Duration::from_secs(900))
            .unwrap_err();
        assert!(expired.reason.contains("expired"), "{expired:?}");
        let other = issued.check("q", &token, t0).unwrap_err();
        assert!(other.reason.contains("not one"), "{other:?}");
        assert!(issued.check("p", "made-up", t0).is_err());
        assert!(!format!("{issued:?}").contains(&token));
    }

    #[test]
    fn the_oldest_tokens_are_forgotten_past_the_capacity() {
        let mut issued = Issued::default();
        let now = SystemTime::UNIX_EPOCH;
        let first = issued.issue("p", None, now);
        let second = issued.issue("p", None, now);
        for _ in 0..CAPACITY - 1 {
            issued.issue("p", None, now);
        }
        assert!(issued.check("p", &first, now).is_err());
        assert!(issued.check("p", &second, now).is_ok());
        assert_eq!(issued.grants.len(), CAPACITY);
    }

    #[test]
    fn put_makes_the_objects_on_the_way() {
        let mut body = json!({ "a": 1 });
        put(&mut body, "data.token", json!("t"));
        put(&mut body, "a", json!(2));
        assert_eq!(body, json!({ "a": 2, "data": { "token": "t" } }));
    }
}
