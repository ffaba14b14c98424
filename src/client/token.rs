//! The access token of a provider's token flow (`auth.token` in the spec):
//! fetched with the flow's own signed request, cached per credential set,
//! replaced a margin before it expires, fetched once for any number of
//! concurrent callers (single flight), and dropped when the provider answers
//! 401, after which the call is retried once with a new token. Nothing here
//! names a provider: the flow is data (`Scheme::token`).

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::time::{Duration, SystemTime};

use payspec_signing::recipe::{Recipe, Scheme, Text, TokenFlow};
use sha2::{Digest as _, Sha256};

use super::runtime::{Exchange, Runtime};
use super::Call;
use crate::error::Error;
use crate::retry::Repeat;
use crate::transport::Method;

/// The HTTP status with which a provider refuses a token it no longer accepts.
const UNAUTHORIZED: u16 = 401;

/// Sends a call with the token it needs, if the provider has a token flow:
/// `send` is one signed exchange (with its own transient-failure retries)
/// given the token. A 401 answer drops the token and sends once more with a
/// fresh one; a second 401 is the caller's answer, so this never loops.
pub(crate) async fn authorised<F, Fut>(
    runtime: &Runtime,
    call: &Call,
    send: F,
) -> Result<Exchange, Error>
where
    F: Fn(Option<Arc<str>>) -> Fut,
    Fut: std::future::Future<Output = Result<Exchange, Error>>,
{
    let Some(flow) = runtime
        .scheme
        .token
        .as_ref()
        .filter(|flow| !is_token_call(flow, call))
    else {
        return send(None).await;
    };
    let slot = runtime.token.slot(runtime);
    let token = slot.get(runtime, flow).await?;
    let exchange = send(Some(Arc::clone(&token))).await?;
    if exchange.response.status != UNAUTHORIZED {
        return Ok(exchange);
    }
    tracing::warn!("the provider refused the access token (HTTP 401): fetching a new one");
    slot.invalidate(&token).await;
    let token = slot.get(runtime, flow).await?;
    send(Some(token)).await
}

/// The recipe that signs `call`: the token flow's for the token endpoint
/// itself, the request recipe for every other call.
pub(crate) fn request_recipe<'s>(scheme: &'s Scheme, call: &Call) -> Option<&'s Recipe> {
    match &scheme.token {
        Some(flow) if is_token_call(flow, call) => Some(&flow.request),
        _ => scheme.request.as_ref(),
    }
}

/// Whether `call` is the request to the token endpoint.
fn is_token_call(flow: &TokenFlow, call: &Call) -> bool {
    call.method.as_str() == flow.method && call.path == *flow.path
}

/// A cached token.
struct Cached {
    token: Arc<str>,
    /// When to stop using it (its expiry less the flow's margin); `None`:
    /// until the provider refuses it.
    replace_at: Option<SystemTime>,
}

/// The token of one credential set.
#[derive(Default)]
struct Slot {
    /// Bumped after every fetch, so a caller that waited while another
    /// fetched takes that token instead of fetching again (even one that
    /// is already due for replacement).
    fetches: AtomicU64,
    /// Held across a fetch: that is what makes concurrent callers wait for
    /// one token request instead of sending their own.
    cached: tokio::sync::Mutex<Option<Cached>>,
}

impl Slot {
    async fn get(&self, runtime: &Runtime, flow: &TokenFlow) -> Result<Arc<str>, Error> {
        let seen = self.fetches.load(Ordering::Acquire);
        let mut cached = self.cached.lock().await;
        if let Some(c) = cached.as_ref() {
            let fetched_meanwhile = self.fetches.load(Ordering::Acquire) != seen;
            let fresh = match c.replace_at {
                Some(at) => SystemTime::now() < at,
                None => true,
            };
            if fetched_meanwhile || fresh {
                return Ok(Arc::clone(&c.token));
            }
        }
        let fetched = fetch(runtime, flow).await?;
        let token = Arc::clone(&fetched.token);
        *cached = Some(fetched);
        self.fetches.fetch_add(1, Ordering::AcqRel);
        Ok(token)
    }

    /// Drops `token` unless another caller has replaced it already.
    async fn invalidate(&self, token: &Arc<str>) {
        let mut cached = self.cached.lock().await;
        if cached.as_ref().is_some_and(|c| c.token == *token) {
            *cached = None;
        }
    }
}

/// A client's way to its credential set's [`Slot`], found on its first call
/// and kept: a call with a cached token then costs a lock, a clock read and a
/// reference count, not a digest of the credentials and the process-wide map.
#[derive(Clone, Default)]
pub(crate) struct TokenCache(OnceLock<Arc<Slot>>);

impl TokenCache {
    /// The slot of `runtime`'s credential set (the runtime that holds this
    /// cache: its provider, base URL and credentials never change).
    fn slot(&self, runtime: &Runtime) -> &Slot {
        self.0.get_or_init(|| shared_slot(runtime))
    }
}

/// Every credential set's slot, process-wide, so clients built from the same
/// credentials share one token.
fn shared_slot(runtime: &Runtime) -> Arc<Slot> {
    static SLOTS: OnceLock<Mutex<HashMap<[u8; 32], Arc<Slot>>>> = OnceLock::new();
    let key = credential_set(runtime);
    let mut slots = SLOTS
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    Arc::clone(slots.entry(key).or_default())
}

/// A digest naming the provider, base URL and credentials (the map keeps
/// no secret itself).
fn credential_set(runtime: &Runtime) -> [u8; 32] {
    let mut digest = Sha256::new();
    for part in [runtime.provider, &runtime.base_url] {
        digest.update((part.len() as u64).to_be_bytes());
        digest.update(part);
    }
    for decl in runtime.scheme.credentials.iter() {
        let value = runtime
            .credentials
            .get(&decl.name)
            .map_or("", |s| s.expose());
        for part in [&*decl.name, value] {
            digest.update((part.len() as u64).to_be_bytes());
            digest.update(part);
        }
    }
    digest.finalize().into()
}

/// Requests a token from the flow's endpoint, signed by the flow's recipe.
async fn fetch(runtime: &Runtime, flow: &TokenFlow) -> Result<Cached, Error> {
    let Some(method) = method(&flow.method) else {
        return Err(Error::Encode {
            provider: runtime.provider,
            operation: operation(&flow.endpoint),
            message: format!(
                "the token endpoint's method `{}` is not one the runtime sends",
                flow.method
            ),
        });
    };
    let call = Call::new(operation(&flow.endpoint), method, flow.path.to_string());
    let requested_at = SystemTime::now();
    // A token request moves no money: a repeat only issues another token.
    let repeat = Repeat::Within(None);
    let exchange = runtime
        .send_with_retries(&call, None, &[], flow.body.as_bytes(), None, repeat)
        .await?;
    let response = &exchange.response;
    // Refusals (an HTTP error, or a 2xx body whose code or flag says no)
    // are read by the provider's error convention, like any call's.
    let json = super::outcome::token_answer(runtime, &call, response)?;
    let unreadable = |path: &str, message: &str| Error::Decode {
        provider: runtime.provider,
        operation: call.operation,
        status: Some(response.status),
        path: path.to_owned(),
        message: message.to_owned(),
    };
    let token = member(&json, &flow.access_token)
        .and_then(serde_json::Value::as_str)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| unreadable(&flow.access_token, "no access token (a non-empty string)"))?;
    let replace_at = match &flow.expires_in {
        Some(path) => {
            let seconds = member(&json, path)
                .and_then(seconds)
                .ok_or_else(|| unreadable(path, "no token lifetime in whole seconds"))?;
            // Measured from when it was asked for: the provider's clock
            // started no later than that.
            let lifetime = Duration::from_secs(seconds.saturating_sub(flow.refresh_before));
            Some(requested_at + lifetime)
        }
        None => None,
    };
    Ok(Cached {
        token: token.into(),
        replace_at,
    })
}

/// A lifetime in seconds, written as a JSON number or as a string of digits.
fn seconds(value: &serde_json::Value) -> Option<u64> {
    match value {
        serde_json::Value::Number(n) => n.as_u64(),
        serde_json::Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// The member of `json` at dotted `path`.
fn member<'j>(json: &'j serde_json::Value, path: &str) -> Option<&'j serde_json::Value> {
    path.split('.').try_fold(json, |node, key| node.get(key))
}

fn method(name: &str) -> Option<Method> {
    [
        Method::Get,
        Method::Post,
        Method::Put,
        Method::Patch,
        Method::Delete,
    ]
    .into_iter()
    .find(|m| m.as_str() == name)
}

/// The token endpoint's name for logs and errors (a generated scheme
/// borrows it for the whole program; a loaded one gets a generic label).
fn operation(endpoint: &Text) -> &'static str {
    match endpoint {
        Cow::Borrowed(name) => name,
        Cow::Owned(_) => "access_token",
    }
}

#[cfg(test)]
mod snap_fixture_tests;
#[cfg(test)]
mod tests;
