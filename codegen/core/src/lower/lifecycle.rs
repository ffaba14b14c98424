//! Lowering `lifecycle:` sections: stateful resources for the sandbox.
//!
//! Runs after the rest of the provider is lowered, because transitions name
//! endpoints, request fields, error bodies and decision tables, all of which
//! are checked here (L024) against the finished [`Provider`].

use indexmap::IndexMap;

use super::lifecycle_calls::{self, body_type};
use super::lifecycle_notification;
use super::{names, Sink, Src};
use crate::ir::{
    DecisionType, Fact, KeySource, Lifecycle, LifecycleNotification, Provider, Transition,
    TransitionEndpoint, Type,
};
use crate::spec::model::{LifecycleSpec, TransitionSpec};

/// Lowers every resource of `specs`; problems go to `sink`.
pub(crate) fn lower(
    provider: &Provider,
    src: Src<'_>,
    specs: &IndexMap<String, LifecycleSpec>,
    sink: &mut Sink,
) -> Vec<Lifecycle> {
    specs
        .iter()
        .map(|(name, spec)| lower_one(provider, src, name, spec, sink))
        .collect()
}

fn lower_one(
    provider: &Provider,
    src: Src<'_>,
    name: &str,
    spec: &LifecycleSpec,
    sink: &mut Sink,
) -> Lifecycle {
    let key = format!("lifecycle.{name}");
    let loc = src.loc(&key);
    if !names::is_snake(name) {
        sink.error(
            loc.clone(),
            "L016",
            format!("lifecycle resource `{name}` is not a snake_case Rust identifier"),
            "use lower-case words joined by `_`",
        );
    }
    let check_state = |state: &str, at: &str, sink: &mut Sink| {
        if !spec.states.iter().any(|s| s == state) {
            sink.error(
                src.loc(at),
                "L024",
                format!("state `{state}` is not one of `{name}`'s states"),
                format!(
                    "declare it in {key}.states, or use one of: {}",
                    spec.states.join(", ")
                ),
            );
        }
    };
    check_state(&spec.initial, &format!("{key}.initial"), sink);
    let mut transitions = Vec::new();
    for (action, t) in &spec.transitions {
        let at = format!("{key}.transitions.{action}");
        for (i, state) in t.from.iter().enumerate() {
            check_state(state, &format!("{at}.from[{i}]"), sink);
        }
        match (&t.to, t.reads) {
            (Some(to), false) => check_state(to, &format!("{at}.to"), sink),
            (None, false) => sink.error(
                src.loc(&at),
                "L027",
                format!("lifecycle action `{action}` has no `to`"),
                "name the state it moves to, or set `reads: true` for a query that moves nothing",
            ),
            (Some(_), true) => sink.error(
                src.loc(&format!("{at}.to")),
                "L027",
                format!("lifecycle action `{action}` only reads, so it moves to no state"),
                "drop `to`, or drop `reads` if the call changes the resource",
            ),
            (None, true) => {}
        }
        transitions.push(lower_transition(
            provider,
            src,
            &at,
            action,
            t,
            &spec.states,
            sink,
        ));
    }
    let notification = spec.notification.as_ref().and_then(|n| {
        lifecycle_notification::lower(provider, src, &format!("{key}.notification"), n, sink)
    });
    check_state_names(src, &key, spec, &transitions, notification.as_ref(), sink);
    check_state_values(src, &key, spec, &transitions, notification.as_ref(), sink);
    Lifecycle {
        name: name.to_owned(),
        doc: spec.doc.clone(),
        states: spec.states.clone(),
        initial: spec.initial.clone(),
        transitions,
        notification,
        state_names: spec
            .state_names
            .iter()
            .map(|(state, name)| (state.clone(), name.clone()))
            .collect(),
        state_values: spec
            .state_values
            .iter()
            .map(|(name, by_state)| {
                let values = by_state.iter().map(|(s, v)| (s.clone(), v.clone()));
                (name.clone(), values.collect())
            })
            .collect(),
        loc,
    }
}

/// Every fact a transition's `respond` or a notification's `fill` writes,
/// with its spec key.
fn written_facts<'a>(
    key: &'a str,
    transitions: &'a [Transition],
    notification: Option<&'a LifecycleNotification>,
) -> impl Iterator<Item = (String, &'a Fact)> + 'a {
    let transition_uses = transitions.iter().flat_map(move |t| {
        t.respond.iter().map(move |(path, fact)| {
            (
                format!("{key}.transitions.{}.respond.{path}", t.action),
                fact,
            )
        })
    });
    let resource_fill = notification.map(|n| (format!("{key}.notification"), n));
    let transition_fills = transitions.iter().filter_map(move |t| {
        let n = t.notification.as_ref()?;
        Some((format!("{key}.transitions.{}.notification", t.action), n))
    });
    let notification_uses =
        resource_fill
            .into_iter()
            .chain(transition_fills)
            .flat_map(|(at, n)| {
                n.fill
                    .iter()
                    .map(move |(path, fact)| (format!("{at}.fill.{path}"), fact))
            });
    transition_uses.chain(notification_uses)
}

/// L101: `state_values` lists declared states and a `state_value.<name>`
/// fact names one of its entries; W013: an entry nothing writes.
fn check_state_values(
    src: Src<'_>,
    key: &str,
    spec: &LifecycleSpec,
    transitions: &[Transition],
    notification: Option<&LifecycleNotification>,
    sink: &mut Sink,
) {
    for (name, by_state) in &spec.state_values {
        let table = format!("state_values.{name}");
        check_declared(
            src,
            (key, &table),
            by_state.keys(),
            &spec.states,
            "L101",
            sink,
        );
    }
    let mut used = Vec::new();
    for (at, fact) in written_facts(key, transitions, notification) {
        let Fact::StateValue(name) = fact else {
            continue;
        };
        used.push(name.clone());
        if !spec.state_values.contains_key(name) {
            sink.error(
                src.loc(&at),
                "L101",
                format!("the `state_value.{name}` fact names no `state_values` entry"),
                "add the entry under the resource's `state_values`, or write another fact",
            );
        }
    }
    for name in spec.state_values.keys() {
        if !used.contains(name) {
            sink.warn(
                src.loc(&format!("{key}.state_values.{name}")),
                "W013",
                format!("state_values.{name} is written by no `respond` or `fill`"),
                format!("write it with the fact `state_value.{name}`, or drop it"),
            );
        }
    }
}

/// `code` at `{key}.{table}.{state}` for each `listed` state that is not
/// one of `states`.
fn check_declared<'a>(
    src: Src<'_>,
    (key, table): (&str, &str),
    listed: impl IntoIterator<Item = &'a String>,
    states: &[String],
    code: &'static str,
    sink: &mut Sink,
) {
    let at = format!("{key}.{table}");
    for state in listed {
        if !states.contains(state) {
            sink.error(
                src.loc(&format!("{at}.{state}")),
                code,
                format!("`{state}` in {table} is not one of the resource's states"),
                format!("use one of: {}", states.join(", ")),
            );
        }
    }
}

/// L065: `state_names` names declared states, and the `state_name` fact is
/// used only where the resource has them.
fn check_state_names(
    src: Src<'_>,
    key: &str,
    spec: &LifecycleSpec,
    transitions: &[Transition],
    notification: Option<&LifecycleNotification>,
    sink: &mut Sink,
) {
    let names = spec.state_names.keys();
    check_declared(src, (key, "state_names"), names, &spec.states, "L065", sink);
    if !spec.state_names.is_empty() {
        return;
    }
    for (at, fact) in written_facts(key, transitions, notification) {
        if *fact == Fact::StateName {
            sink.error(
                src.loc(&at),
                "L065",
                "the `state_name` fact needs the resource's `state_names`".to_owned(),
                "add state_names (state → the provider's name), or write `state`",
            );
        }
    }
}

fn lower_transition(
    provider: &Provider,
    src: Src<'_>,
    at: &str,
    action: &str,
    t: &TransitionSpec,
    spec_states: &[String],
    sink: &mut Sink,
) -> Transition {
    let loc = src.loc(at);
    let mut error = |path: &str, message: String, help: &str| {
        sink.error(src.loc(path), "L024", message, help);
    };
    let endpoint = t.endpoint.as_deref().and_then(|e| {
        provider.endpoints.iter().find(|x| x.name == e).or_else(|| {
            error(
                &format!("{at}.endpoint"),
                format!("lifecycle action `{action}` names endpoint `{e}`, which does not exist"),
                "name an endpoint of this provider, or drop `endpoint` for a control-only action",
            );
            None
        })
    });
    let request = endpoint.and_then(|e| e.request.as_deref());
    let mut trigger = None;
    match (endpoint, t.key.as_deref()) {
        (Some(e), Some(key)) => {
            let source = match key.strip_prefix("path.") {
                Some(param) => {
                    if !e.path_params.iter().any(|p| p.wire_name == param) {
                        error(
                            &format!("{at}.key"),
                            format!(
                                "`{key}`: endpoint `{}` has no path parameter `{param}`",
                                e.name
                            ),
                            "use path.<param> with a parameter of the endpoint's path",
                        );
                    }
                    KeySource::PathParam(param.to_owned())
                }
                None => {
                    if !matches!(body_type(provider, request, key), Some(Type::String)) {
                        error(
                            &format!("{at}.key"),
                            format!(
                                "`{key}` is not a string field of `{}`'s request body",
                                e.name
                            ),
                            "give the dotted path of a string field (order.invoice_number)",
                        );
                    }
                    KeySource::Body(key.to_owned())
                }
            };
            trigger = Some(TransitionEndpoint {
                name: e.name.clone(),
                key: source,
                matches: t.matches.clone().unwrap_or_else(|| "id".to_owned()),
            });
        }
        (Some(e), None) => error(
            at,
            format!("lifecycle action `{action}` has an endpoint but no `key`"),
            &format!("say which field of `{}` names the resource", e.name),
        ),
        (None, Some(_)) if t.endpoint.is_none() => error(
            &format!("{at}.key"),
            format!("lifecycle action `{action}` has a `key` but no endpoint"),
            "control-only actions address resources by id; drop `key`",
        ),
        _ => {}
    }
    if let Some(amount) = &t.amount {
        if !matches!(
            body_type(provider, request, amount),
            Some(Type::AmountIdr | Type::Integer)
        ) {
            error(
                &format!("{at}.amount"),
                format!("`{amount}` is not an amount field of the endpoint's request body"),
                "give the dotted path of an amount_idr field (refund.amount)",
            );
        }
    }
    match (&t.guard, t.guard_states.is_empty()) {
        (Some(guard), true) => {
            let ok = provider
                .decisions
                .iter()
                .any(|d| &d.name == guard && d.output == DecisionType::Boolean);
            if !ok {
                error(
                    &format!("{at}.guard"),
                    format!("guard `{guard}` is not a boolean decision table of this provider"),
                    "name a decision whose output is boolean, or add guard_states for an enum one",
                );
            }
        }
        (Some(guard), false) => {
            let output = provider
                .decisions
                .iter()
                .find(|d| &d.name == guard)
                .and_then(|d| match &d.output {
                    DecisionType::Enum(name) => provider.enums.iter().find(|e| &e.name == name),
                    DecisionType::Boolean => None,
                });
            match output {
                None => error(
                    &format!("{at}.guard"),
                    format!(
                        "guard `{guard}` with guard_states is not an enum-valued decision table"
                    ),
                    "guard_states maps an enum decision's values to states",
                ),
                Some(e) => {
                    for (value, states) in &t.guard_states {
                        if !e.values.iter().any(|v| &v.wire == value) {
                            error(
                                &format!("{at}.guard_states.{value}"),
                                format!("`{value}` is not a value of `{}`", e.name),
                                "use the enum's wire values",
                            );
                        }
                        for state in states {
                            if !spec_states.iter().any(|s| s == state) {
                                error(
                                    &format!("{at}.guard_states.{value}"),
                                    format!("state `{state}` is not one of the resource's states"),
                                    "use states from `states`",
                                );
                            }
                        }
                    }
                }
            }
        }
        (None, false) => error(
            &format!("{at}.guard_states"),
            "guard_states without a guard".to_owned(),
            "name the decision in `guard`",
        ),
        (None, true) => {}
    }
    let cx = lifecycle_calls::Ctx {
        provider,
        src,
        at,
        action,
        states: spec_states,
        endpoint,
    };
    lifecycle_calls::check_creates(&cx, t, sink);
    lifecycle_calls::check_reads(&cx, t, sink);
    let attributes = lifecycle_calls::attributes(&cx, &t.attributes, sink);
    let same = lifecycle_calls::same(&cx, &t.same, sink);
    let decide = t
        .decide
        .as_ref()
        .and_then(|d| lifecycle_calls::decide(&cx, d, sink));
    let respond = lifecycle_calls::respond(&cx, &t.respond, sink);
    lifecycle_calls::check_partial_and_idempotent(&cx, t, sink);
    let mut error = |path: &str, message: String, help: &str| {
        sink.error(src.loc(path), "L024", message, help);
    };
    let refused = t.refused.as_ref().map(|body| {
        let documented = endpoint.and_then(|e| e.errors.iter().find(|b| &b.name == body));
        if documented.is_none() {
            error(
                &format!("{at}.refused"),
                format!("`{body}` is not an error body of the action's endpoint"),
                "name one of the endpoint's `errors:`",
            );
        }
        let status = t
            .refused_status
            .or_else(|| documented.and_then(|b| b.status))
            .unwrap_or(400);
        (body.clone(), status)
    });
    let not_found = t.not_found.as_ref().map(|body| {
        let documented = endpoint.and_then(|e| e.errors.iter().find(|b| &b.name == body));
        if documented.is_none() {
            error(
                &format!("{at}.not_found"),
                format!("`{body}` is not an error body of the action's endpoint"),
                "name one of the endpoint's `errors:`",
            );
        }
        if t.creates {
            error(
                &format!("{at}.not_found"),
                format!("lifecycle action `{action}` creates its resource, so it never misses one"),
                "drop `not_found`",
            );
        }
        let status = t
            .not_found_status
            .or_else(|| documented.and_then(|b| b.status))
            .unwrap_or(404);
        (body.clone(), status)
    });
    let notification = transition_notification(provider, src, at, action, t, sink);
    let idempotent_window = t.idempotent_window.as_ref().map(|w| {
        let documented = endpoint.and_then(|e| e.errors.iter().find(|b| b.name == w.refused));
        let wat = format!("{at}.idempotent_window");
        if t.idempotent_by.is_none() {
            sink.error(
                src.loc(&wat),
                "L102",
                format!(
                    "lifecycle action `{action}` has an `idempotent_window` but no `idempotent_by`"
                ),
                "name the request field of the idempotency key in `idempotent_by`",
            );
        }
        if w.days == 0 {
            sink.error(
                src.loc(&format!("{wat}.days")),
                "L102",
                "an `idempotent_window` of 0 days replays nothing".to_owned(),
                "give the number of days the docs allow a retry in",
            );
        }
        if documented.is_none() {
            sink.error(
                src.loc(&format!("{wat}.refused")),
                "L102",
                format!(
                    "`{}` is not an error body of the action's endpoint",
                    w.refused
                ),
                "name one of the endpoint's `errors:`",
            );
        }
        let status = w
            .refused_status
            .or_else(|| documented.and_then(|b| b.status))
            .unwrap_or(400);
        (w.days, w.refused.clone(), status)
    });
    Transition {
        action: action.to_owned(),
        endpoint: trigger,
        from: t.from.clone(),
        to: t.to.clone().unwrap_or_default(),
        reads: t.reads,
        not_found,
        within_days: t.within_days,
        amount: t.amount.clone(),
        cumulative: t.cumulative,
        partial_to: t.partial_to.clone(),
        idempotent_by: t.idempotent_by.clone(),
        idempotent_window,
        guard: t.guard.clone(),
        guard_states: t
            .guard_states
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        refused,
        creates: t.creates,
        attributes,
        same,
        decide,
        respond,
        notification,
        source: t.source.clone(),
        loc,
    }
}

/// A transition's own `notification` (L024/L027 as the resource's); on a
/// read-only action, which changes no state and so sends nothing, it is L075.
fn transition_notification(
    provider: &Provider,
    src: Src<'_>,
    at: &str,
    action: &str,
    t: &TransitionSpec,
    sink: &mut Sink,
) -> Option<LifecycleNotification> {
    let spec = t.notification.as_ref()?;
    let key = format!("{at}.notification");
    if t.reads {
        sink.error(
            src.loc(&key),
            "L075",
            format!("lifecycle action `{action}` only reads, so it never sends a notification"),
            "drop `notification`, or give it to an action that changes the state",
        );
    }
    lifecycle_notification::lower(provider, src, &key, spec, sink)
}
