//! Applying an endpoint call to the lifecycle data of the spec.

use payspec_codegen_core::ir::{AuthScheme, Endpoint, KeySource, Provider, Transition};
use serde_json::{json, Value};

use crate::notify::{self, Pending};
use crate::respond::{self, provider_error};
use crate::world::{self, World};
use crate::App;

/// What a call did.
pub struct Outcome {
    /// HTTP status.
    pub status: u16,
    /// Body.
    pub body: Value,
    /// Notifications to send once the lock is released.
    pub notifications: Vec<Pending>,
}

fn answer(status: u16, body: Value) -> Outcome {
    Outcome {
        status,
        body,
        notifications: Vec::new(),
    }
}

/// Applies the transition `endpoint` performs (if any) and builds the answer.
pub fn apply(
    app: &App,
    world: &mut World,
    provider: &Provider,
    endpoint: &Endpoint,
    params: &[(String, String)],
    request: &Value,
) -> Outcome {
    let scheme = provider.auth.scheme;
    let found = provider.lifecycles.iter().find_map(|l| {
        l.transitions
            .iter()
            .find(|t| t.endpoint.as_ref().is_some_and(|e| e.name == endpoint.name))
            .map(|t| (l, t))
    });
    let Some((lifecycle, transition)) = found else {
        let (status, body) = respond::success(provider, endpoint, request);
        return answer(status, body);
    };
    let Some(trigger) = &transition.endpoint else {
        return answer(500, json!({}));
    };
    let key = match &trigger.key {
        KeySource::Body(path) => respond::get(request, path)
            .and_then(Value::as_str)
            .map(str::to_owned),
        KeySource::PathParam(name) => params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone()),
    };
    let Some(key) = key else {
        return answer(
            400,
            provider_error(
                scheme,
                400,
                "BAD_REQUEST",
                "the request does not name the resource",
            ),
        );
    };
    let Some(r) = world.find_mut(&provider.name, &lifecycle.name, &trigger.matches, &key) else {
        return answer(
            404,
            provider_error(
                scheme,
                404,
                "NOT_FOUND",
                &format!("no {} `{key}`", lifecycle.name),
            ),
        );
    };
    let refuse = |reason: &str, keep_documented_message: bool| {
        refusal(
            provider,
            endpoint,
            transition,
            request,
            reason,
            keep_documented_message,
        )
    };

    if !transition.from.contains(&r.state) {
        return refuse(
            &format!(
                "cannot {} a {} that is {}",
                transition.action, lifecycle.name, r.state
            ),
            false,
        );
    }
    if let Some(days) = transition.within_days {
        if !world::within(r, days) {
            return refuse(
                &format!("the {} window of {days} days has passed", transition.action),
                false,
            );
        }
    }
    if let Some(guard) = &transition.guard {
        use crate::guards::Verdict;
        let refused = match crate::guards::evaluate(&provider.name, guard, &r.attributes) {
            Some(Verdict::Bool(true)) => None,
            Some(Verdict::Bool(false)) => Some(format!(
                "{guard} does not allow this for the {}",
                lifecycle.name
            )),
            Some(Verdict::Value(value)) => {
                let allowed = value
                    .as_ref()
                    .and_then(|v| transition.guard_states.iter().find(|(k, _)| k == v));
                match allowed {
                    Some((v, states)) if !states.contains(&r.state) => {
                        Some(format!("{guard} is {v}: not allowed while {}", r.state))
                    }
                    _ => None,
                }
            }
            None => Some(format!("the sandbox cannot evaluate guard {guard}")),
        };
        if let Some(reason) = refused {
            return refuse(&reason, false);
        }
    }
    let remaining = r.amount - r.applied;
    let amount = match transition
        .amount
        .as_deref()
        .map(|p| respond::get(request, p))
    {
        Some(Some(v)) => match v
            .as_i64()
            .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
        {
            Some(a) => a,
            None => return refuse("the amount is not a whole number of rupiah", false),
        },
        _ => remaining,
    };
    let limit = if transition.cumulative {
        remaining
    } else {
        r.amount
    };
    if amount > limit || amount <= 0 {
        return refuse("amount over the limit", true);
    }

    // Provider rules decided by the generated decision functions.
    let mut body_fix: Vec<(&str, Value)> = Vec::new();
    if provider.name == "doku" && endpoint.name == "card_refund" {
        let settled = r.state == "settled";
        let full = amount == r.amount && r.applied == 0;
        match payspec::doku::cards::refund_type(settled, full, false) {
            Some(kind) => {
                body_fix.push((
                    "refund.type",
                    json!(payspec::wire::WireEnum::as_wire(&kind)),
                ));
                body_fix.push(("refund.status", json!("SUCCESS")));
            }
            None => {
                return refuse(
                    "VOID: refund.amount must equal order.amount before settlement",
                    false,
                )
            }
        }
    }

    let was = r.state.clone();
    if transition.cumulative {
        r.applied += amount;
        if r.applied == r.amount {
            world::enter(r, &transition.action, &transition.to, amount);
        } else {
            r.history.push((transition.action.clone(), amount));
        }
    } else {
        world::enter(r, &transition.action, &transition.to, amount);
    }
    let mut notifications = Vec::new();
    if r.state != was {
        notifications.extend(notify::build(app, scheme, r));
    }
    let (status, mut body) = respond::success(provider, endpoint, request);
    for (path, value) in body_fix {
        respond::set(&mut body, path, value);
    }
    if scheme == AuthScheme::MidtransBasic {
        respond::set(&mut body, "order_id", json!(r.id));
        respond::set(&mut body, "transaction_status", json!(r.state));
        respond::set(&mut body, "gross_amount", json!(format!("{}.00", r.amount)));
    }
    if scheme == AuthScheme::BillerJwtHs256 {
        respond::set(&mut body, "data.refNumber", json!(r.id));
        respond::set(&mut body, "data.amount", json!(r.amount));
    }
    Outcome {
        status,
        body,
        notifications,
    }
}

/// The refusal answer: the transition's documented error body (its message
/// replaced by `reason` unless the docs' message is the one meant), or a
/// provider-shaped error.
fn refusal(
    provider: &Provider,
    endpoint: &Endpoint,
    transition: &Transition,
    request: &Value,
    reason: &str,
    keep_documented_message: bool,
) -> Outcome {
    let scheme = provider.auth.scheme;
    let (name, status) = match &transition.refused {
        Some((name, status)) => (Some(name.as_str()), *status),
        None => (None, 400),
    };
    let documented = name.and_then(|n| respond::documented_error(provider, endpoint, n, request));
    let body = match documented {
        Some(mut body) => {
            if !keep_documented_message && scheme == AuthScheme::DokuHmacSha256 {
                respond::set(&mut body, "error.message", json!(reason));
            }
            body
        }
        None => provider_error(scheme, status, "INVALID_STATE", reason),
    };
    answer(status, body)
}
