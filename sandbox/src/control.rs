//! The test-control API under `/_sandbox/`: seed, move along a lifecycle,
//! read, reset, inject faults. No authentication: the sandbox is for tests.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use serde_json::{json, Value};

use crate::dispatch::{json_response, lock};
use crate::world::{self, Fault, Seed};
use crate::App;

/// The control routes (state is attached by the caller).
pub fn routes() -> Router<Arc<App>> {
    Router::new()
        .route("/_sandbox/seed", post(seed))
        .route("/_sandbox/reset", post(reset))
        .route("/_sandbox/faults", post(fault))
        .route("/_sandbox/clock", get(read_clock).post(move_clock))
        .route("/_sandbox/{provider}/{resource}/{id}", get(read))
        .route("/_sandbox/{provider}/{resource}/{id}/{action}", post(act))
}

fn bad(message: impl Into<String>) -> Response {
    json_response(400, &json!({ "error": message.into() }), &[])
}

/// `POST /_sandbox/seed`: one [`Seed`] or an array of them.
async fn seed(State(app): State<Arc<App>>, body: Bytes) -> Response {
    let seeds: Vec<Seed> = match serde_json::from_slice::<Value>(&body) {
        Ok(Value::Array(items)) => match serde_json::from_value(Value::Array(items)) {
            Ok(s) => s,
            Err(e) => return bad(e.to_string()),
        },
        Ok(one) => match serde_json::from_value(one) {
            Ok(s) => vec![s],
            Err(e) => return bad(e.to_string()),
        },
        Err(e) => return bad(e.to_string()),
    };
    let mut w = lock(&app);
    for s in seeds {
        if let Err(e) = w.seed(&app.ir, s) {
            return bad(e);
        }
    }
    tracing::info!(path = "/_sandbox/seed", status = 200, "control");
    json_response(200, &json!({ "seeded": true }), &[])
}

/// `POST /_sandbox/reset`: forget every resource, Request-Id and fault.
async fn reset(State(app): State<Arc<App>>) -> Response {
    lock(&app).reset();
    tracing::info!(path = "/_sandbox/reset", status = 200, "control");
    json_response(200, &json!({ "reset": true }), &[])
}

/// `POST /_sandbox/faults`: a [`Fault`] for the next calls of one endpoint.
async fn fault(State(app): State<Arc<App>>, body: Bytes) -> Response {
    let f: Fault = match serde_json::from_slice(&body) {
        Ok(f) => f,
        Err(e) => return bad(e.to_string()),
    };
    let known = app
        .ir
        .providers
        .iter()
        .any(|p| p.endpoints.iter().any(|e| e.name == f.endpoint));
    if !known {
        return bad(format!("no endpoint `{}`", f.endpoint));
    }
    lock(&app).faults.insert(f.endpoint.clone(), f);
    json_response(200, &json!({ "fault": true }), &[])
}

/// The sandbox clock as JSON: its UTC time and its offset from the real one.
fn clock_view(w: &world::World) -> Value {
    json!({
        "now": payspec_signing::time::utc_timestamp(w.now()),
        "offset_secs": w.clock_offset_secs,
    })
}

/// `GET /_sandbox/clock`.
async fn read_clock(State(app): State<Arc<App>>) -> Response {
    json_response(200, &clock_view(&lock(&app)), &[])
}

/// How to move the clock: exactly one key.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct MoveClock {
    /// Seconds to move it by (negative: back).
    #[serde(default)]
    advance_secs: Option<i64>,
    /// A UTC time (`2026-01-31T00:00:00Z`) to set it to.
    #[serde(default)]
    set: Option<String>,
}

/// `POST /_sandbox/clock`: `{"advance_secs": N}` or `{"set": "…Z"}`; the
/// clock then runs on from there. Resource times, windows (`within_days`)
/// and generated timestamps read it.
async fn move_clock(State(app): State<Arc<App>>, body: Bytes) -> Response {
    let m: MoveClock = match serde_json::from_slice(&body) {
        Ok(m) => m,
        Err(e) => return bad(e.to_string()),
    };
    let mut w = lock(&app);
    let offset = match (m.advance_secs, m.set.as_deref()) {
        (Some(secs), None) => w.clock_offset_secs.checked_add(secs),
        (None, Some(at)) => {
            let Some(target) = payspec_signing::time::parse_utc(at) else {
                return bad(format!(
                    "`{at}` is not a UTC time like 2026-01-31T00:00:00Z"
                ));
            };
            let real = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or(0);
            i64::try_from(target)
                .ok()
                .zip(i64::try_from(real).ok())
                .and_then(|(t, r)| t.checked_sub(r))
        }
        _ => return bad("give exactly one of `advance_secs` and `set`"),
    };
    let Some(offset) = offset else {
        return bad("the clock cannot move that far");
    };
    w.clock_offset_secs = offset;
    tracing::info!(path = "/_sandbox/clock", status = 200, offset, "control");
    json_response(200, &clock_view(&w), &[])
}

/// `GET /_sandbox/{provider}/{resource}/{id}`: the resource's state.
async fn read(
    State(app): State<Arc<App>>,
    Path((provider, resource, id)): Path<(String, String, String)>,
) -> Response {
    let mut w = lock(&app);
    match w.find_mut(&provider, &resource, "id", &id) {
        Some(r) => json_response(200, &world::view(r), &[]),
        None => json_response(
            404,
            &json!({ "error": format!("no {provider}/{resource}/{id}") }),
            &[],
        ),
    }
}

/// What a control action may carry: attributes the provider would assign at
/// that step (`authorize_id` when a card payment is authorized).
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ActBody {
    #[serde(default)]
    attributes: std::collections::HashMap<String, String>,
}

/// `POST /_sandbox/{provider}/{resource}/{id}/{action}`: a control-only
/// transition (`pay`, `settle`, `expire`, `authorize`), checked against the
/// spec's from-states; an optional body `{"attributes": {…}}` sets
/// attributes on the resource with it.
async fn act(
    State(app): State<Arc<App>>,
    Path((provider, resource, id, action)): Path<(String, String, String, String)>,
    body: Bytes,
) -> Response {
    let extra: ActBody = if body.iter().all(u8::is_ascii_whitespace) {
        ActBody::default()
    } else {
        match serde_json::from_slice(&body) {
            Ok(b) => b,
            Err(e) => return bad(e.to_string()),
        }
    };
    let lifecycle = match world::lifecycle(&app.ir, &provider, &resource) {
        Ok(l) => l,
        Err(e) => return json_response(404, &json!({ "error": e }), &[]),
    };
    let Some(t) = lifecycle.transitions.iter().find(|t| t.action == action) else {
        return bad(format!("{provider}/{resource} has no action `{action}`"));
    };
    if t.endpoint.is_some() {
        return bad(format!(
            "`{action}` is done by calling endpoint `{}`",
            t.endpoint.as_ref().map_or("", |e| e.name.as_str())
        ));
    }
    let Some(spec) = app.ir.providers.iter().find(|p| p.name == provider) else {
        return bad("unknown provider");
    };
    let (view, pending) = {
        let mut w = lock(&app);
        let now = w.now();
        let Some(r) = w.find_mut(&provider, &resource, "id", &id) else {
            return json_response(
                404,
                &json!({ "error": format!("no {provider}/{resource}/{id}") }),
                &[],
            );
        };
        if !t.from.contains(&r.state) {
            return json_response(
                409,
                &json!({ "error": format!("cannot {action} from state {}", r.state), "state": r.state }),
                &[],
            );
        }
        world::enter(r, &action, &t.to, 0, now);
        r.attributes.extend(extra.attributes);
        (
            world::view(r),
            crate::notify::build(&app, spec, lifecycle, t, r),
        )
    };
    crate::notify::send_all(&app, pending.into_iter().collect());
    tracing::info!(%provider, %resource, %action, status = 200, "control");
    json_response(200, &view, &[])
}
