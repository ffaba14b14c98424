//! Serving the spec's endpoints: route, authenticate (access tokens
//! included), inject faults, replay answered request ids, validate, apply
//! the lifecycle, issue tokens, answer.

use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::Response;
use axum::Router;
use payspec_codegen_core::ir::{Endpoint, EndpointKind, HttpMethod, Provider};
use serde_json::{json, Value};

use crate::auth;
use crate::body::{self, Rejection};
use crate::engine::{self, Outcome};
use crate::respond::provider_error;
use crate::token;
use crate::world::Answered;
use crate::App;

/// Every route: the control API, then the spec's endpoints.
pub fn router(app: Arc<App>) -> Router {
    crate::control::routes().fallback(handle).with_state(app)
}

/// A matched endpoint with its path parameters.
struct Matched<'a> {
    provider: &'a Provider,
    endpoint: &'a Endpoint,
    params: Vec<(String, String)>,
}

fn route<'a>(app: &'a App, method: &Method, path: &str) -> Option<Matched<'a>> {
    for provider in &app.ir.providers {
        for endpoint in &provider.endpoints {
            if endpoint.kind != EndpointKind::Endpoint {
                continue;
            }
            let method_ok = match endpoint.method {
                Some(HttpMethod::GET) => method == Method::GET,
                Some(HttpMethod::POST) => method == Method::POST,
                None => false,
            };
            let Some(template) = &endpoint.path else {
                continue;
            };
            if !method_ok {
                continue;
            }
            if let Some(params) = match_path(template, path) {
                return Some(Matched {
                    provider,
                    endpoint,
                    params,
                });
            }
        }
    }
    None
}

/// Matches `/v2/{id}/cancel` against `/v2/ORDER-1/cancel`.
fn match_path(template: &str, path: &str) -> Option<Vec<(String, String)>> {
    let t: Vec<&str> = template.trim_matches('/').split('/').collect();
    let p: Vec<&str> = path.trim_matches('/').split('/').collect();
    if t.len() != p.len() {
        return None;
    }
    let mut params = Vec::new();
    for (t, p) in t.iter().zip(&p) {
        if let Some(name) = t.strip_prefix('{').and_then(|n| n.strip_suffix('}')) {
            if p.is_empty() {
                return None;
            }
            params.push((name.to_owned(), percent_decode(p)));
        } else if t != p {
            return None;
        }
    }
    Some(params)
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

async fn handle(
    State(app): State<Arc<App>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let path = uri.path().to_owned();
    let Some(m) = route(&app, &method, &path) else {
        tracing::info!(%method, %path, status = 404, "no such endpoint");
        return json_response(
            404,
            &json!({"error": "no endpoint of the spec has this method and path"}),
            &[],
        );
    };
    // A provider that replays the original answer to a repeated request id
    // (its spec's `error_convention.replay_status`) remembers its answers.
    let replay_status = m.provider.error_convention.replay_status;
    let name = m.endpoint.name.as_str();
    let log = |status: u16, note: &str| {
        tracing::info!(provider = %m.provider.name, endpoint = name, %method, %path, status, note, "request");
    };

    let creds = app.credentials.for_scheme(&m.provider.auth.recipes);
    // The token endpoint is signed by its flow's recipe; every other call
    // by the request recipe, with the token it carries.
    let token_flow = token::flow_of(m.provider, m.endpoint);
    let recipe = match token_flow {
        Some(flow) => Some(&flow.request),
        None => m.provider.auth.recipes.request.as_ref(),
    };
    let incoming = auth::Incoming {
        headers: &headers,
        method: method.as_str(),
        target: &path,
        body: &body,
    };
    let checked = bearer(&app, m.provider, token_flow.is_some(), &headers).and_then(|token| {
        auth::check(
            &m.provider.auth.recipes,
            recipe,
            &creds,
            app.timestamp_tolerance,
            &incoming,
            token.as_deref(),
        )
    });
    let caller = match checked {
        Ok(mut caller) => {
            caller.echo = m
                .provider
                .response_headers
                .iter()
                .filter(|h| {
                    // Echoed: declared on both, and not written by the
                    // response recipe (a response's own signature).
                    let signed = m.provider.auth.recipes.response.as_ref().is_some_and(|r| {
                        r.headers
                            .iter()
                            .any(|o| o.name.eq_ignore_ascii_case(&h.wire_name))
                    });
                    !signed
                        && m.provider
                            .request_headers
                            .iter()
                            .any(|r| r.wire_name == h.wire_name)
                })
                .filter_map(|h| {
                    let value = headers.get(h.wire_name.as_str())?.to_str().ok()?;
                    Some((h.wire_name.clone(), value.to_owned()))
                })
                .collect();
            caller
        }
        Err(refused) => {
            log(401, "authentication failed");
            let body = provider_error(
                m.provider,
                401,
                refused.code,
                &format!("Unauthorized: {}", refused.reason),
            );
            return json_response(401, &body, &[]);
        }
    };

    let fault = lock(&app).take_fault(name);
    if let Some(f) = &fault {
        if f.delay_ms > 0 {
            tokio::time::sleep(Duration::from_millis(f.delay_ms)).await;
        }
        if let Some(status) = f.status {
            log(status, "injected fault");
            let body = provider_error(
                m.provider,
                status,
                "INTERNAL_ERROR",
                "sandbox fault: injected error",
            );
            return json_response(status, &body, &[]);
        }
    }

    // Validation is pure: outside the lock.
    let request = match body::check_path_params(m.provider, &m.endpoint.path_params, &m.params)
        .map_err(violations)
        .and_then(|()| validate(m.provider, m.endpoint, &body))
    {
        Ok(v) => v,
        Err(violations) => {
            log(400, "validation failed");
            let mut error = provider_error(
                m.provider,
                400,
                "BAD_REQUEST",
                "the request does not match the spec",
            );
            if let Value::Object(map) = &mut error {
                map.insert("violations".to_owned(), violations);
            }
            return finish(&app, &m, &caller, 400, &error, fault.as_ref());
        }
    };

    // Replay check, processing and recording in one critical section.
    let fingerprint = format!("{path}\n{}", body_digest(&body));
    let (status, response, notifications) = {
        let mut world = lock(&app);
        // A request without an id (a token request) is never a replay.
        let replays = replay_status.is_some() && !caller.request_id.is_empty();
        let replay = if replays {
            world.answered.get(&caller.request_id).cloned()
        } else {
            None
        };
        match replay {
            Some(seen) if seen.fingerprint == fingerprint => {
                drop(world);
                let status = replay_status.unwrap_or(409);
                log(status, "replay of an answered Request-Id");
                let original: Value = serde_json::from_slice(&seen.body).unwrap_or(Value::Null);
                return finish(&app, &m, &caller, status, &original, fault.as_ref());
            }
            Some(_) => {
                drop(world);
                // 400, not 409: a 409 means "here is your original answer" to
                // DOKU clients, and this is not one.
                log(400, "Request-Id reused with another request");
                let body = provider_error(
                    m.provider,
                    400,
                    "DUPLICATE_REQUEST_ID",
                    "Request-Id was already used for a different request",
                );
                return finish(&app, &m, &caller, 400, &body, fault.as_ref());
            }
            None => {}
        }
        let call = engine::Call {
            provider: m.provider,
            endpoint: m.endpoint,
            params: &m.params,
            headers: &headers,
            request: &request,
        };
        let mut outcome: Outcome = engine::apply(&app, &mut world, &call);
        // The token endpoint's answer carries a token issued now (checked
        // against the spec with the rest of the answer).
        if let Some(flow) = token_flow.filter(|_| (200..300).contains(&outcome.status)) {
            let now = world.now();
            token::grant(
                &mut world.tokens,
                &m.provider.name,
                flow,
                &mut outcome.body,
                now,
            );
        }
        if let Err(broken) = answer_conforms(m.provider, m.endpoint, outcome.status, &outcome.body)
        {
            // The sandbox's own answer breaks a condition of the spec (a
            // response rule): a sandbox defect, said so rather than sent.
            outcome.status = 500;
            outcome.body = provider_error(m.provider, 500, "SANDBOX_ANSWER_BREAKS_SPEC", &broken);
        }
        if replays {
            world.answered.insert(
                caller.request_id.clone(),
                Answered {
                    fingerprint,
                    body: outcome.body.to_string().into_bytes(),
                },
            );
        }
        (outcome.status, outcome.body, outcome.notifications)
    };
    crate::notify::send_all(&app, notifications);
    log(
        status,
        if fault.as_ref().is_some_and(|f| f.drop_after_processing) {
            "processed; connection dropped (fault)"
        } else {
            "processed"
        },
    );
    finish(&app, &m, &caller, status, &response, fault.as_ref())
}

/// The access token a call carries, checked against the tokens issued to
/// its provider: `Ok(None)` for a provider without a token flow and for
/// the token endpoint itself.
fn bearer(
    app: &App,
    provider: &Provider,
    is_token_endpoint: bool,
    headers: &HeaderMap,
) -> Result<Option<String>, auth::Refused> {
    let (Some(_), Some(recipe), false) = (
        &provider.auth.recipes.token,
        &provider.auth.recipes.request,
        is_token_endpoint,
    ) else {
        return Ok(None);
    };
    let Some(token) = token::carried(recipe, headers)? else {
        return Ok(None);
    };
    let world = lock(app);
    world.tokens.check(&provider.name, &token, world.now())?;
    Ok(Some(token))
}

/// Decodes and validates the body as the spec's request struct says;
/// `Err` is the list of violations as JSON.
fn validate(provider: &Provider, endpoint: &Endpoint, body: &[u8]) -> Result<Value, Value> {
    let Some(request) = &endpoint.request else {
        return Ok(if body.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(body).unwrap_or(Value::Null)
        });
    };
    body::check_request(provider, request, body).map_err(violations)
}

/// A refusal as the sandbox's `violations` array.
fn violations(rejection: Rejection) -> Value {
    match rejection {
        Rejection::Malformed { path, message } => json!([
            { "path": path, "rule": "malformed", "message": message }
        ]),
        Rejection::Invalid(errors) => Value::Array(
            errors
                .violations()
                .iter()
                .map(|v| json!({ "path": v.path, "rule": v.rule, "message": v.message }))
                .collect(),
        ),
    }
}

/// Checks a success answer against the response struct of its status,
/// holding it to the body's rules (`responses.<status>.rules`).
fn answer_conforms(
    provider: &Provider,
    endpoint: &Endpoint,
    status: u16,
    body: &Value,
) -> Result<(), String> {
    let Some(response) = endpoint.responses.iter().find(|r| r.status == status) else {
        return Ok(());
    };
    match body::check_answer(provider, &response.body, body) {
        Ok(()) => Ok(()),
        Err(Rejection::Malformed { path, message }) => Err(format!("{path}: {message}")),
        Err(Rejection::Invalid(errors)) => Err(errors
            .violations()
            .iter()
            .map(|v| format!("{}: {} ({})", v.path, v.message, v.rule))
            .collect::<Vec<_>>()
            .join("; ")),
    }
}

/// Signs (with the response recipe, if any) and sends the answer, or breaks
/// the connection for a drop fault.
fn finish(
    app: &App,
    m: &Matched<'_>,
    caller: &auth::Caller,
    status: u16,
    body: &Value,
    fault: Option<&crate::world::Fault>,
) -> Response {
    let bytes = body.to_string().into_bytes();
    // Response headers the spec also declares on requests ("Same as the
    // request") are echoed, as the docs' samples show.
    let mut extra: Vec<(String, String)> = caller.echo.clone();
    if m.provider.auth.recipes.response.is_some() {
        let path = m.endpoint.path.as_deref().unwrap_or("/");
        let target = fill(path, &m.params);
        let creds = app.credentials.for_scheme(&m.provider.auth.recipes);
        let method = match m.endpoint.method {
            Some(HttpMethod::GET) => "GET",
            _ => "POST",
        };
        extra.extend(auth::sign_response(
            &m.provider.auth,
            &creds,
            caller,
            method,
            &target,
            &bytes,
        ));
    }
    let extra: Vec<(&str, String)> = extra.iter().map(|(n, v)| (n.as_str(), v.clone())).collect();
    if fault.is_some_and(|f| f.drop_after_processing) {
        return Response::builder()
            .status(status)
            .body(Body::new(crate::drop_body::Broken))
            .unwrap_or_else(|_| Response::new(Body::empty()));
    }
    bytes_response(status, bytes, &extra)
}

/// The SHA-256 of a request body, base64: what a replayed request must
/// repeat to be answered from the record.
fn body_digest(body: &[u8]) -> String {
    use base64::Engine as _;
    use sha2::Digest as _;
    base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(body))
}

/// The concrete path of a template (the signature's Request-Target).
fn fill(template: &str, params: &[(String, String)]) -> String {
    let mut out = template.to_owned();
    for (name, value) in params {
        out = out.replace(
            &format!("{{{name}}}"),
            &payspec_signing::encode_path_segment(value),
        );
    }
    out
}

pub(crate) fn json_response(status: u16, body: &Value, extra: &[(&str, String)]) -> Response {
    bytes_response(status, body.to_string().into_bytes(), extra)
}

fn bytes_response(status: u16, body: Vec<u8>, extra: &[(&str, String)]) -> Response {
    let mut builder = Response::builder()
        .status(StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR))
        .header("Content-Type", "application/json");
    for (name, value) in extra {
        builder = builder.header(*name, value.as_str());
    }
    builder
        .body(Body::from(body))
        .unwrap_or_else(|_| Response::new(Body::empty()))
}

/// The state lock; a panic elsewhere while holding it leaves usable data
/// (every update is a single assignment), so poisoning is ignored.
pub(crate) fn lock(app: &App) -> std::sync::MutexGuard<'_, crate::world::World> {
    app.world.lock().unwrap_or_else(|p| p.into_inner())
}

#[cfg(test)]
mod tests {
    use super::match_path;

    #[test]
    fn templates_match_segments_and_decode_parameters() {
        assert_eq!(
            match_path("/v2/{id}/cancel", "/v2/ORDER%2F1/cancel"),
            Some(vec![("id".to_owned(), "ORDER/1".to_owned())])
        );
        assert_eq!(match_path("/v2/{id}/cancel", "/v2/cancel"), None);
        assert_eq!(
            match_path("/checkout/v3/cancellations", "/checkout/v3/cancellations"),
            Some(vec![])
        );
    }
}
