//! Applying an endpoint call to the lifecycle data of the spec: creating a
//! resource, or checking and applying a transition, then answering. Nothing
//! here names a provider or an endpoint; every rule is a field of the IR's
//! [`Transition`].

use axum::http::HeaderMap;
use payspec_codegen_core::ir::{
    AttributeSource, DecideInput, Endpoint, Fact, KeySource, Lifecycle, Literal, Provider,
    Transition,
};
use serde_json::{json, Value};

use crate::decide::DecisionValue;
use crate::generate;
use crate::notify::{self, Pending};
use crate::respond::{self, provider_error};
use crate::world::{self, Resource, World};
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

/// One call: what was called and what it carried.
pub struct Call<'a> {
    /// The provider.
    pub provider: &'a Provider,
    /// The endpoint.
    pub endpoint: &'a Endpoint,
    /// Path parameters by name.
    pub params: &'a [(String, String)],
    /// Request headers.
    pub headers: &'a HeaderMap,
    /// The validated request body.
    pub request: &'a Value,
}

/// Applies the transition `call.endpoint` performs (if any) and builds the answer.
pub fn apply(app: &App, world: &mut World, call: &Call<'_>) -> Outcome {
    let (provider, endpoint, request) = (call.provider, call.endpoint, call.request);
    let found = provider.lifecycles.iter().find_map(|l| {
        l.transitions
            .iter()
            .find(|t| t.endpoint.as_ref().is_some_and(|e| e.name == endpoint.name))
            .map(|t| (l, t))
    });
    let Some((lifecycle, transition)) = found else {
        let (status, mut body) = respond::success(provider, endpoint, request);
        let source = generate::Source {
            now: world.now(),
            request,
            headers: call.headers,
        };
        generate::fill(provider, endpoint, status, &mut body, &source, None);
        return answer(status, body);
    };
    let Some(trigger) = &transition.endpoint else {
        return answer(500, json!({}));
    };
    let key = match &trigger.key {
        KeySource::Body(path) => respond::get(request, path)
            .and_then(Value::as_str)
            .map(str::to_owned),
        KeySource::PathParam(name) => call
            .params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone()),
    };
    let Some(key) = key else {
        return answer(
            400,
            provider_error(
                provider,
                400,
                "BAD_REQUEST",
                "the request does not name the resource",
            ),
        );
    };
    let refuse = |reason: &str, code: &str, keep_documented_message: bool| {
        refusal(call, transition, reason, code, keep_documented_message)
    };
    if transition.creates {
        return create(world, call, lifecycle, transition, key);
    }
    let now = world.now();
    let Some(r) = world.find_mut(&provider.name, &lifecycle.name, &trigger.matches, &key) else {
        return not_found(call, lifecycle, transition, &key);
    };
    if transition.reads {
        return read(call, lifecycle, transition, r, now);
    }
    // A repeated idempotency key gets the first call's answer; nothing is
    // applied again (Midtrans: "If you want to do retry the same refund
    // request please use the same refund_key").
    let idempotency = transition.idempotent_by.as_deref().and_then(|path| {
        let value = respond::get(request, path).and_then(Value::as_str)?;
        Some((transition.action.clone(), value.to_owned()))
    });
    if let Some((status, body, first)) = idempotency.as_ref().and_then(|k| r.replies.get(k)) {
        // Past its window a key is spent ("After 7 days, the same refund key
        // cannot be used anymore"): refused, and nothing is applied.
        return match &transition.idempotent_window {
            Some((days, error, error_status)) if !world::within_days_of(*first, *days, now) => {
                let reason = format!("the key was first used over {days} days ago");
                let refused = (error.clone(), *error_status);
                refuse_with(call, Some(&refused), &reason, "DUPLICATE_KEY", true)
            }
            _ => answer(*status, body.clone()),
        };
    }

    if !transition.from.contains(&r.state) {
        let reason = format!(
            "cannot {} a {} that is {}",
            transition.action, lifecycle.name, r.state
        );
        return refuse(&reason, "INVALID_STATE", false);
    }
    if let Some(days) = transition.within_days {
        if !world::within(r, days, now) {
            let reason = format!("the {} window of {days} days has passed", transition.action);
            return refuse(&reason, "INVALID_STATE", false);
        }
    }
    if let Some(reason) = crate::guards::refusal(provider, lifecycle, transition, r) {
        return refuse(&reason, "INVALID_STATE", false);
    }
    for (path, attribute) in &transition.same {
        if let Some(expected) = r.attributes.get(attribute) {
            let given = respond::get(request, path).and_then(Value::as_str);
            if given != Some(expected.as_str()) {
                let reason = format!("{path} is not the {attribute} of this {}", lifecycle.name);
                return refuse(&reason, "INVALID_REQUEST", false);
            }
        }
    }
    let remaining = r.amount - r.applied;
    let amount = match read_amount(request, transition.amount.as_deref()) {
        Ok(Some(a)) => a,
        Ok(None) => remaining,
        Err(reason) => return refuse(reason, "INVALID_AMOUNT", false),
    };
    let limit = if transition.cumulative {
        remaining
    } else {
        r.amount
    };
    if amount > limit || amount <= 0 {
        return refuse("amount over the limit", "INVALID_AMOUNT", true);
    }
    let decided = match decide(provider, transition, r, amount) {
        Ok(decided) => decided,
        Err(reason) => return refuse(&reason, "INVALID_STATE", false),
    };

    let was = r.state.clone();
    if transition.cumulative {
        r.applied += amount;
        if r.applied == r.amount {
            world::enter(r, &transition.action, &transition.to, amount, now);
        } else if let Some(partial) = &transition.partial_to {
            world::enter(r, &transition.action, partial, amount, now);
        } else {
            r.history.push((transition.action.clone(), amount));
        }
    } else {
        world::enter(r, &transition.action, &transition.to, amount, now);
    }
    for (name, source) in &transition.attributes {
        // `answer.` attributes are read by creating calls only (their
        // answer is written after the resource exists).
        if let Some(value) = attribute_value(call, source, None) {
            r.attributes.insert(name.clone(), value);
        }
    }
    let mut notifications = Vec::new();
    // A state change is notified; so is each part of an amount applied
    // while in a partial state (every partial refund is its own notification).
    if r.state != was || transition.partial_to.as_ref() == Some(&r.state) {
        notifications.extend(notify::build(app, provider, lifecycle, transition, r));
    }
    let (status, mut body) = respond::success(provider, endpoint, request);
    generate::fill(
        provider,
        endpoint,
        status,
        &mut body,
        &generate::Source {
            now,
            request,
            headers: call.headers,
        },
        Some(&mut r.attributes),
    );
    if let Some((path, value)) = decided {
        respond::set(&mut body, path, value);
    }
    write_facts(&mut body, &transition.respond, lifecycle, r);
    if let Some(key) = idempotency {
        r.replies.insert(key, (status, body.clone(), now));
    }
    Outcome {
        status,
        body,
        notifications,
    }
}

/// No resource has the call's key: the transition's documented not-found
/// body (the docs' sample as it is), or a provider-shaped 404.
fn not_found(
    call: &Call<'_>,
    lifecycle: &Lifecycle,
    transition: &Transition,
    key: &str,
) -> Outcome {
    let documented = transition.not_found.as_ref().and_then(|(name, status)| {
        let body = respond::documented_error(call.provider, call.endpoint, name, call.request)?;
        Some((*status, body))
    });
    let (status, body) = documented.unwrap_or_else(|| {
        let message = format!("no {} `{key}`", lifecycle.name);
        (
            404,
            provider_error(call.provider, 404, "NOT_FOUND", &message),
        )
    });
    answer(status, body)
}

/// A read-only transition (a status query): the endpoint's success body
/// with the resource's facts, in the states `from` allows (any when empty).
fn read(
    call: &Call<'_>,
    lifecycle: &Lifecycle,
    transition: &Transition,
    r: &mut Resource,
    now: std::time::SystemTime,
) -> Outcome {
    if !transition.from.is_empty() && !transition.from.contains(&r.state) {
        let reason = format!(
            "cannot {} a {} that is {}",
            transition.action, r.resource, r.state
        );
        return refusal(call, transition, &reason, "INVALID_STATE", false);
    }
    let (status, mut body) = respond::success(call.provider, call.endpoint, call.request);
    // The values made up for this resource (its transaction id, times), or
    // fresh ones kept for the next answer: never the docs' constants.
    let source = generate::Source {
        now,
        request: call.request,
        headers: call.headers,
    };
    // Facts first: a generated shape may depend on one (a VA number's bank).
    write_facts(&mut body, &transition.respond, lifecycle, r);
    generate::fill(
        call.provider,
        call.endpoint,
        status,
        &mut body,
        &source,
        Some(&mut r.attributes),
    );
    answer(status, body)
}

/// A creating transition: a new resource in state `to`, unless one with the
/// same key exists.
fn create(
    world: &mut World,
    call: &Call<'_>,
    lifecycle: &Lifecycle,
    transition: &Transition,
    key: String,
) -> Outcome {
    let provider = call.provider;
    if world
        .find_mut(&provider.name, &lifecycle.name, "id", &key)
        .is_some()
    {
        let reason = format!("{} `{key}` already exists", lifecycle.name);
        return refusal(call, transition, &reason, "DUPLICATE_INVOICE_NUMBER", false);
    }
    let amount = match read_amount(call.request, transition.amount.as_deref()) {
        Ok(a) => a.unwrap_or(0),
        Err(reason) => return refusal(call, transition, reason, "INVALID_AMOUNT", false),
    };
    let attributes = transition
        .attributes
        .iter()
        .filter_map(|(name, source)| Some((name.clone(), attribute_value(call, source, None)?)))
        .collect();
    let now = world.now();
    let mut r = Resource::new(
        &provider.name,
        &lifecycle.name,
        &key,
        &transition.to,
        amount,
        now,
    );
    r.attributes = attributes;
    r.history.push((transition.action.clone(), amount));
    let (status, mut body) = respond::success(provider, call.endpoint, call.request);
    let source = generate::Source {
        now,
        request: call.request,
        headers: call.headers,
    };
    // Facts first: a generated shape may depend on one (a VA number's bank).
    write_facts(&mut body, &transition.respond, lifecycle, &r);
    generate::fill(
        provider,
        call.endpoint,
        status,
        &mut body,
        &source,
        Some(&mut r.attributes),
    );
    // Attributes read from the answer, now that it is written.
    for (name, source) in &transition.attributes {
        if let (AttributeSource::Answer(_), Some(value)) =
            (source, attribute_value(call, source, Some(&body)))
        {
            r.attributes.insert(name.clone(), value);
        }
    }
    world.insert(r);
    answer(status, body)
}

/// The amount at `path` of the request: `Ok(None)` when the transition reads
/// none or the request leaves it out.
fn read_amount(request: &Value, path: Option<&str>) -> Result<Option<i64>, &'static str> {
    let Some(value) = path.and_then(|p| respond::get(request, p)) else {
        return Ok(None);
    };
    value
        .as_i64()
        .or_else(|| value.as_str().and_then(|s| s.parse().ok()))
        .map(Some)
        .ok_or("the amount is not a whole number of rupiah")
}

/// A resource attribute's value from the call, as a string.
/// `answer` is the call's success body, once written (`None` before).
fn attribute_value(
    call: &Call<'_>,
    source: &AttributeSource,
    answer: Option<&Value>,
) -> Option<String> {
    let scalar = |value: &Value| match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    };
    match source {
        AttributeSource::Header(name) => call
            .headers
            .get(name.as_str())
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned),
        AttributeSource::Body(path) => scalar(respond::get(call.request, path)?),
        AttributeSource::Answer(path) => scalar(respond::get(answer?, path)?),
    }
}

/// Consults the transition's decision table: `Ok(Some((path, value)))` is
/// the result to write into the response, `Err` the refusal.
fn decide<'t>(
    provider: &Provider,
    transition: &'t Transition,
    r: &Resource,
    amount: i64,
) -> Result<Option<(&'t str, Value)>, String> {
    let Some(d) = &transition.decide else {
        return Ok(None);
    };
    let Some(table) = crate::decide::find(provider, &d.table) else {
        return Err(format!("the spec has no decision table `{}`", d.table));
    };
    let full = amount == r.amount && r.applied == 0;
    let lookup = |name: &str| -> Option<DecisionValue> {
        let (_, source) = d.inputs.iter().find(|(n, _)| n == name)?;
        match source {
            DecideInput::StateIn(states) => Some(DecisionValue::Bool(states.contains(&r.state))),
            DecideInput::FullAmount(wanted) => Some(DecisionValue::Bool(full == *wanted)),
            DecideInput::Attribute(a) => r.attributes.get(a).map(|v| crate::guards::as_input(v)),
            DecideInput::Value(Literal::Boolean(b)) => Some(DecisionValue::Bool(*b)),
            DecideInput::Value(Literal::String(s)) => Some(DecisionValue::Wire(s.clone())),
            DecideInput::Value(_) => None,
        }
    };
    let value = match crate::decide::evaluate(provider, table, &lookup) {
        Ok(Some(DecisionValue::Wire(w))) => json!(w),
        Ok(Some(DecisionValue::Bool(true))) => json!(true),
        Ok(Some(DecisionValue::Bool(false)) | None) => return Err(d.unmatched.clone()),
        Err(e) => return Err(format!("cannot decide {}: {e}", d.table)),
    };
    Ok(d.write.as_deref().map(|path| (path, value)))
}

/// Writes `facts` about `r` (a transition's `respond`, a notification's
/// `fill`) into `body` at their paths; `lifecycle` names its states.
pub(crate) fn write_facts(
    body: &mut Value,
    facts: &[(String, Fact)],
    lifecycle: &Lifecycle,
    r: &Resource,
) {
    for (path, fact) in facts {
        if let Some(value) = fact_value(fact, lifecycle, r) {
            respond::set(body, path, value);
        }
    }
}

/// The value of `fact` about `r`; `None` for an attribute it lacks or a
/// `state_values` entry that does not list its state.
pub(crate) fn fact_value(fact: &Fact, lifecycle: &Lifecycle, r: &Resource) -> Option<Value> {
    let of_state = |pairs: &[(String, String)]| {
        pairs
            .iter()
            .find(|(state, _)| *state == r.state)
            .map(|(_, value)| json!(value))
    };
    Some(match fact {
        Fact::Id => json!(r.id),
        Fact::State => json!(r.state),
        Fact::StateName => of_state(&lifecycle.state_names).unwrap_or_else(|| json!(r.state)),
        Fact::Amount => json!(r.amount),
        Fact::AmountDecimal => json!(format!("{}.00", r.amount)),
        Fact::Applied => json!(r.applied),
        Fact::Attribute(name) => json!(r.attributes.get(name)?),
        Fact::StateValue(name) => {
            let (_, by_state) = lifecycle.state_values.iter().find(|(n, _)| n == name)?;
            of_state(by_state)?
        }
    })
}

/// The refusal answer: the transition's documented error body (its message
/// replaced by `reason` unless the docs' message is the one meant), or a
/// provider-shaped error with `code`.
fn refusal(
    call: &Call<'_>,
    transition: &Transition,
    reason: &str,
    code: &str,
    keep_documented_message: bool,
) -> Outcome {
    refuse_with(
        call,
        transition.refused.as_ref(),
        reason,
        code,
        keep_documented_message,
    )
}

/// [`refusal`] with the documented error body (by spec name) and status.
fn refuse_with(
    call: &Call<'_>,
    refused: Option<&(String, u16)>,
    reason: &str,
    code: &str,
    keep_documented_message: bool,
) -> Outcome {
    let (name, status) = match refused {
        Some((name, status)) => (Some(name.as_str()), *status),
        None => (None, 400),
    };
    let documented =
        name.and_then(|n| respond::documented_error(call.provider, call.endpoint, n, call.request));
    let body = match documented {
        Some(mut body) => {
            if !keep_documented_message {
                respond::set_message(&mut body, call.provider, reason);
            }
            body
        }
        None => provider_error(call.provider, status, code, reason),
    };
    answer(status, body)
}
