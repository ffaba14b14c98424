//! Checking callers and signing answers with the provider's recipes (the
//! same ones the client runs, built from the IR the sandbox loaded).

use axum::http::HeaderMap;
use payspec_codegen_core::ir::Auth;
use payspec_signing::recipe::{
    self, Context, Credentials, Headers, Message, Recipe, RecipeError, Scheme, Source, Text,
};

/// Who the caller is, once authenticated.
#[derive(Debug, Clone, Default)]
pub struct Caller {
    /// The request's generated id (DOKU's `Request-Id`), when its recipe
    /// has one; empty otherwise.
    pub request_id: String,
    /// Every value of the verified request recipe (a response recipe reads
    /// them with `sent:`).
    pub values: Vec<(Text, Vec<u8>)>,
    /// Request headers the response echoes (declared both as request and
    /// response headers), as received.
    pub echo: Vec<(String, String)>,
}

/// Why a caller was refused: an error code for the provider's error body
/// and a reason (no secrets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// `INVALID_SIGNATURE`, or `INVALID_TIMESTAMP` for a stale timestamp.
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

/// The request's headers, as the executor reads them.
struct Received<'h>(&'h HeaderMap);

impl Headers for Received<'_> {
    fn header(&self, name: &str) -> Option<&str> {
        self.0.get(name).and_then(|v| v.to_str().ok())
    }
}

/// A request as received, for the recipe that checks it.
pub struct Incoming<'a> {
    /// Its headers.
    pub headers: &'a HeaderMap,
    /// Its method, upper case.
    pub method: &'a str,
    /// Its path, without the query.
    pub target: &'a str,
    /// Its body bytes as received.
    pub body: &'a [u8],
}

/// Checks `request` with `recipe` (the provider's request recipe, or its
/// token flow's for the token endpoint), given the access token it
/// carries; `Err` says why (no secrets). A timestamp the recipe carries
/// further than `tolerance` from the sandbox clock is refused after the
/// signature checks out.
pub fn check(
    scheme: &Scheme,
    recipe: Option<&Recipe>,
    creds: &Credentials,
    tolerance: Option<std::time::Duration>,
    request: &Incoming<'_>,
    token: Option<&str>,
) -> Result<Caller, Refused> {
    let Some(recipe) = recipe else {
        return Ok(Caller::default());
    };
    let is_get = request.method == "GET";
    let message = Message {
        method: request.method,
        target: request.target,
        query: None,
        body: if is_get { &[] } else { request.body },
        has_body: !is_get,
    };
    let received = Received(request.headers);
    let mut cx = Context::new(creds);
    cx.headers = &received;
    cx.token = token;
    let verified = recipe::verify(scheme, recipe, &message, &cx)
        .map_err(|e| Refused::from(explain(scheme, &e)))?;
    if let Some(tolerance) = tolerance {
        for value in recipe.values.iter() {
            if !matches!(value.source, Source::Now(_)) {
                continue;
            }
            let Some(stamp) = verified.value(&value.name) else {
                continue;
            };
            let stamp = String::from_utf8_lossy(stamp);
            crate::clock::check_fresh(&stamp, std::time::SystemTime::now(), tolerance).map_err(
                |reason| Refused {
                    code: "INVALID_TIMESTAMP",
                    reason,
                },
            )?;
        }
    }
    let request_id = recipe
        .values
        .iter()
        .find(|v| v.source.generated_id_max_len().is_some())
        .and_then(|v| verified.value(&v.name))
        .map(|id| String::from_utf8_lossy(id).into_owned())
        .unwrap_or_default();
    Ok(Caller {
        request_id,
        values: verified.values,
        echo: Vec::new(),
    })
}

/// Why a request did not verify, with how to configure a key the sandbox
/// cannot use (a signature verified with an RSA public key needs its PEM).
fn explain(scheme: &Scheme, error: &RecipeError) -> String {
    match error {
        RecipeError::BadKey(name) => match scheme.credential(name) {
            Some(decl) => {
                let what = if decl.env.ends_with("_FILE") {
                    "the file of the PEM public key"
                } else {
                    "the PEM public key"
                };
                format!(
                    "{error}: start the sandbox with --credential {}=<{what}>",
                    decl.env
                )
            }
            None => error.to_string(),
        },
        _ => error.to_string(),
    }
}

/// The headers that sign a response `body` to `caller`'s request, from the
/// provider's response recipe (none when it has no response recipe).
pub fn sign_response(
    auth: &Auth,
    creds: &Credentials,
    caller: &Caller,
    method: &str,
    target: &str,
    body: &[u8],
) -> Vec<(String, String)> {
    let scheme = &auth.recipes;
    let Some(recipe) = &scheme.response else {
        return Vec::new();
    };
    let message = Message {
        method,
        target,
        query: None,
        body,
        has_body: true,
    };
    let mut cx = Context::new(creds);
    cx.sent = &caller.values;
    match recipe::sign(scheme, recipe, &message, &cx) {
        Ok(signed) => signed.headers,
        Err(e) => {
            tracing::warn!(error = %e, "the response recipe could not sign");
            Vec::new()
        }
    }
}

/// The headers and body-field values that sign a notification `body` sent
/// to `target`, from the provider's notification recipe.
pub fn sign_notification(
    auth: &Auth,
    creds: &Credentials,
    set: &[(&str, &str)],
    target: &str,
    body: &[u8],
) -> Result<recipe::Signed, recipe::RecipeError> {
    recipe::sign_notification(&auth.recipes, creds, set, target, body).unwrap_or_else(|| {
        Ok(recipe::Signed {
            values: Vec::new(),
            headers: Vec::new(),
            fields: Vec::new(),
        })
    })
}
