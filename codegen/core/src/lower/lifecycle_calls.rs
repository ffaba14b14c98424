//! Lowering what a lifecycle transition reads from and writes to its call:
//! `creates` with `attributes`, `same`, `decide` and `respond` (code L027).
//! The state and endpoint checks of a transition are in `lifecycle.rs`.

use indexmap::IndexMap;

use super::{Sink, Src};
use crate::ir::{
    AttributeSource, Decide, DecideInput, DecisionType, Endpoint, Fact, Literal, Provider, Type,
};
use crate::spec::model::{DecideSpec, TransitionSpec};
use crate::spec::value::Yaml;

/// What the checks of one transition need to know.
pub(crate) struct Ctx<'a> {
    /// The finished provider.
    pub provider: &'a Provider,
    /// The file.
    pub src: Src<'a>,
    /// `lifecycle.<resource>.transitions.<action>`.
    pub at: &'a str,
    /// The action name.
    pub action: &'a str,
    /// The resource's states.
    pub states: &'a [String],
    /// The endpoint performing the action, if it exists.
    pub endpoint: Option<&'a Endpoint>,
}

impl Ctx<'_> {
    fn error(&self, sink: &mut Sink, key: &str, message: String, help: &str) {
        self.error_code(sink, "L027", key, message, help);
    }

    fn error_code(
        &self,
        sink: &mut Sink,
        code: &'static str,
        key: &str,
        message: String,
        help: &str,
    ) {
        let path = if key.is_empty() {
            self.at.to_owned()
        } else {
            format!("{}.{key}", self.at)
        };
        sink.error(self.src.loc(&path), code, message, help);
    }

    /// The request body's struct name.
    fn request(&self) -> Option<&str> {
        self.endpoint.and_then(|e| e.request.as_deref())
    }

    /// The 2xx response body's struct name.
    fn response(&self) -> Option<&str> {
        self.endpoint.and_then(|e| {
            e.responses
                .iter()
                .find(|r| (200..300).contains(&r.status))
                .map(|r| r.body.as_str())
        })
    }
}

/// Checks `creates` against `from` and `key`.
pub(crate) fn check_creates(cx: &Ctx<'_>, t: &TransitionSpec, sink: &mut Sink) {
    if t.creates {
        if !t.from.is_empty() {
            cx.error(
                sink,
                "from",
                format!(
                    "lifecycle action `{}` creates its resource, so it has no from-states",
                    cx.action
                ),
                "drop `from`; a creating action starts the resource in `to`",
            );
        }
        if t.endpoint.is_none() || t.key.is_none() {
            cx.error(
                sink,
                "creates",
                format!(
                    "lifecycle action `{}` creates a resource but has no endpoint and key",
                    cx.action
                ),
                "name the endpoint that creates it and the request field that is its key",
            );
        }
    } else if t.from.is_empty() && !t.reads {
        cx.error(
            sink,
            "",
            format!("lifecycle action `{}` has no from-states", cx.action),
            "list the states it is allowed from in `from`, or set `creates: true`",
        );
    }
}

/// Checks a read-only action (`reads`): it answers an endpoint's call and
/// changes nothing, so it has an endpoint and none of the keys that apply
/// or record something.
pub(crate) fn check_reads(cx: &Ctx<'_>, t: &TransitionSpec, sink: &mut Sink) {
    if !t.reads {
        return;
    }
    if cx.endpoint.is_none() {
        cx.error(
            sink,
            "reads",
            format!(
                "lifecycle action `{}` only reads, but no endpoint calls it",
                cx.action
            ),
            "name the endpoint that queries the resource, and its `key`",
        );
    }
    let writes = [
        ("creates", t.creates),
        ("amount", t.amount.is_some()),
        ("cumulative", t.cumulative),
        ("within_days", t.within_days.is_some()),
        ("guard", t.guard.is_some()),
        ("attributes", !t.attributes.is_empty()),
        ("same", !t.same.is_empty()),
        ("decide", t.decide.is_some()),
    ];
    for (key, present) in writes {
        if present {
            cx.error(
                sink,
                key,
                format!(
                    "lifecycle action `{}` only reads, so `{key}` does not apply",
                    cx.action
                ),
                "drop it; a read-only action answers with `respond` facts (and `not_found`)",
            );
        }
    }
}

/// L066 and L067: `partial_to` is a declared state of a cumulative action;
/// `idempotent_by` is a string request field of an endpoint action that
/// neither creates nor only reads.
pub(crate) fn check_partial_and_idempotent(cx: &Ctx<'_>, t: &TransitionSpec, sink: &mut Sink) {
    if let Some(partial) = &t.partial_to {
        if !cx.states.contains(partial) {
            cx.error_code(
                sink,
                "L066",
                "partial_to",
                format!("state `{partial}` is not one of the resource's states"),
                "declare it in `states`",
            );
        }
        if !t.cumulative {
            cx.error_code(
                sink,
                "L066",
                "partial_to",
                format!(
                    "lifecycle action `{}` applies its amount once, so it has no partial state",
                    cx.action
                ),
                "set `cumulative: true`, or drop `partial_to`",
            );
        }
    }
    let Some(path) = &t.idempotent_by else {
        return;
    };
    if cx.endpoint.is_none() || t.creates || t.reads {
        cx.error_code(
            sink,
            "L067",
            "idempotent_by",
            format!(
                "lifecycle action `{}` is not an endpoint call that changes a resource",
                cx.action
            ),
            "use idempotent_by on an endpoint action that neither creates nor only reads",
        );
    } else if !matches!(
        body_type(cx.provider, cx.request(), path),
        Some(Type::String)
    ) {
        cx.error_code(
            sink,
            "L067",
            "idempotent_by",
            format!("`{path}` is not a string field of the endpoint's request body"),
            "give the dotted path of the request's idempotency key (refund_key)",
        );
    }
}

/// Lowers `attributes:`: body paths must be scalar request fields.
pub(crate) fn attributes(
    cx: &Ctx<'_>,
    specs: &IndexMap<String, String>,
    sink: &mut Sink,
) -> Vec<(String, AttributeSource)> {
    let mut out = Vec::new();
    for (name, source) in specs {
        let key = format!("attributes.{name}");
        if cx.endpoint.is_none() {
            cx.error(
                sink,
                &key,
                format!("attribute `{name}` is set from a call, but the action has no endpoint"),
                "attributes come from an endpoint's request; seed them for control-only actions",
            );
            continue;
        }
        if let Some(header) = source.strip_prefix("header.") {
            if header.is_empty() {
                cx.error(
                    sink,
                    &key,
                    "`header.` names no header".to_owned(),
                    "write header.<Name> (header.Request-Id)",
                );
            }
            out.push((name.clone(), AttributeSource::Header(header.to_owned())));
            continue;
        }
        if let Some(path) = source.strip_prefix("answer.") {
            match body_type(cx.provider, cx.response(), path) {
                Some(Type::Struct(_) | Type::Array(_) | Type::Json) | None => cx.error(
                    sink,
                    &key,
                    format!("`{path}` is not a scalar field of the endpoint's 2xx response body"),
                    "give answer.<dotted path> of a string, number, boolean or enum field of the \
                     success answer (answer.payment_type)",
                ),
                Some(_) => {}
            }
            out.push((name.clone(), AttributeSource::Answer(path.to_owned())));
            continue;
        }
        match body_type(cx.provider, cx.request(), source) {
            Some(Type::Struct(_) | Type::Array(_) | Type::Json) | None => cx.error(
                sink,
                &key,
                format!("`{source}` is not a scalar field of the endpoint's request body"),
                "give the dotted path of a string, number, boolean or enum field (payment.type), \
                 or header.<Name>",
            ),
            Some(_) => {}
        }
        out.push((name.clone(), AttributeSource::Body(source.clone())));
    }
    out
}

/// Lowers `same:`: request string fields compared with resource attributes.
pub(crate) fn same(
    cx: &Ctx<'_>,
    specs: &IndexMap<String, String>,
    sink: &mut Sink,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (path, attribute) in specs {
        if !matches!(
            body_type(cx.provider, cx.request(), path),
            Some(Type::String)
        ) {
            cx.error(
                sink,
                &format!("same.{path}"),
                format!("`{path}` is not a string field of the endpoint's request body"),
                "give the dotted path of a string field (payment.original_request_id)",
            );
        }
        out.push((path.clone(), attribute.clone()));
    }
    out
}

/// Lowers `respond:`: response paths that exist, facts that are known.
pub(crate) fn respond(
    cx: &Ctx<'_>,
    specs: &IndexMap<String, String>,
    sink: &mut Sink,
) -> Vec<(String, Fact)> {
    let mut out = Vec::new();
    for (path, fact) in specs {
        let key = format!("respond.{path}");
        if written_type(cx.provider, cx.response(), path).is_none() {
            cx.error(
                sink,
                &key,
                format!("`{path}` is not a field of the endpoint's success response"),
                "give the dotted path of a field of the 2xx response body",
            );
        }
        match parse_fact(fact) {
            Some(f) => out.push((path.clone(), f)),
            None => cx.error(
                sink,
                &key,
                format!("`{fact}` is not a resource fact"),
                FACT_HELP,
            ),
        }
    }
    out
}

/// How to write a resource fact (`respond:` values, a notification's `fill:`).
pub(crate) const FACT_HELP: &str =
    "use id, state, state_name, amount, amount_decimal, applied, attribute.<name> or state_value.<name>";

/// A resource fact by its spec spelling.
pub(crate) fn parse_fact(text: &str) -> Option<Fact> {
    match text {
        "id" => Some(Fact::Id),
        "state" => Some(Fact::State),
        "state_name" => Some(Fact::StateName),
        "amount" => Some(Fact::Amount),
        "amount_decimal" => Some(Fact::AmountDecimal),
        "applied" => Some(Fact::Applied),
        other => {
            let named = |prefix: &str| other.strip_prefix(prefix).filter(|a| !a.is_empty());
            named("attribute.")
                .map(|a| Fact::Attribute(a.to_owned()))
                .or_else(|| named("state_value.").map(|v| Fact::StateValue(v.to_owned())))
        }
    }
}

/// Lowers `decide:`: a decision table of the provider, every required input
/// given from a source of the right kind, `write` a response field.
pub(crate) fn decide(cx: &Ctx<'_>, spec: &DecideSpec, sink: &mut Sink) -> Option<Decide> {
    let table = spec.table.as_str();
    let Some(decision) = cx.provider.decisions.iter().find(|d| d.name == table) else {
        cx.error(
            sink,
            "decide.table",
            format!("`{table}` is not a decision table of this provider"),
            "name one of the provider's `decisions`",
        );
        return None;
    };
    if cx.endpoint.is_none() {
        cx.error(
            sink,
            "decide",
            format!("`decide` on action `{}`, which has no endpoint", cx.action),
            "a decision is consulted on a call; give the action an endpoint",
        );
    }
    let mut inputs = Vec::new();
    for input in &decision.inputs {
        if !input.optional && !spec.inputs.contains_key(&input.name) {
            cx.error(
                sink,
                "decide.inputs",
                format!("input `{}` of `{table}` is not given", input.name),
                "say where it comes from: state_in, full_amount, attribute or value",
            );
        }
    }
    for (name, source) in &spec.inputs {
        let key = format!("decide.inputs.{name}");
        let Some(input) = decision.inputs.iter().find(|i| &i.name == name) else {
            cx.error(
                sink,
                &key,
                format!("`{table}` has no input `{name}`"),
                "use the decision's input names",
            );
            continue;
        };
        let boolean = input.ty == DecisionType::Boolean;
        let given = [
            source.state_in.is_some(),
            source.full_amount.is_some(),
            source.attribute.is_some(),
            source.value.is_some(),
        ];
        if given.iter().filter(|g| **g).count() != 1 {
            cx.error(
                sink,
                &key,
                format!("input `{name}` needs exactly one source"),
                "give one of state_in, full_amount, attribute, value",
            );
            continue;
        }
        let lowered = if let Some(states) = &source.state_in {
            for state in states {
                if !cx.states.contains(state) {
                    cx.error(
                        sink,
                        &key,
                        format!("state `{state}` is not one of the resource's states"),
                        "use states from `states`",
                    );
                }
            }
            DecideInput::StateIn(states.clone())
        } else if let Some(full) = source.full_amount {
            DecideInput::FullAmount(full)
        } else if let Some(attribute) = &source.attribute {
            DecideInput::Attribute(attribute.clone())
        } else {
            let value = source.value.as_ref();
            match (value, &input.ty) {
                (Some(Yaml::Bool(b)), DecisionType::Boolean) => {
                    DecideInput::Value(Literal::Boolean(*b))
                }
                (Some(Yaml::String(s)), DecisionType::Enum(e))
                    if cx
                        .provider
                        .enums
                        .iter()
                        .any(|x| &x.name == e && x.values.iter().any(|v| &v.wire == s)) =>
                {
                    DecideInput::Value(Literal::String(s.clone()))
                }
                _ => {
                    cx.error(
                        sink,
                        &key,
                        format!("the value of input `{name}` is not of its type"),
                        "a boolean input takes true/false, an enum input one of its wire values",
                    );
                    continue;
                }
            }
        };
        let kind_ok = match &lowered {
            DecideInput::StateIn(_) | DecideInput::FullAmount(_) => boolean,
            DecideInput::Attribute(_) | DecideInput::Value(_) => true,
        };
        if !kind_ok {
            cx.error(
                sink,
                &key,
                format!(
                    "input `{name}` is not a boolean, so state_in and full_amount cannot give it"
                ),
                "use attribute or value for an enum input",
            );
            continue;
        }
        inputs.push((name.clone(), lowered));
    }
    if let Some(write) = &spec.write {
        if written_type(cx.provider, cx.response(), write).is_none() {
            cx.error(
                sink,
                "decide.write",
                format!("`{write}` is not a field of the endpoint's success response"),
                "give the dotted path of a field of the 2xx response body",
            );
        }
    }
    Some(Decide {
        table: table.to_owned(),
        inputs,
        write: spec.write.clone(),
        unmatched: spec.unmatched.clone(),
    })
}

/// The type of the field at dotted `path` below struct `root`, if it exists.
pub(crate) fn body_type<'p>(
    provider: &'p Provider,
    root: Option<&str>,
    path: &str,
) -> Option<&'p Type> {
    // Paths the sandbox reads from a request name one value: no `[]` steps.
    if path.contains("[]") {
        return None;
    }
    written_type(provider, root, path)
}

/// [`body_type`] for a path the sandbox writes (`respond`, a notification's
/// `fill`, `decide.write`), where a step `name[]` means every element of
/// an array of objects (`va_numbers[].bank`).
pub(crate) fn written_type<'p>(
    provider: &'p Provider,
    root: Option<&str>,
    path: &str,
) -> Option<&'p Type> {
    let mut current = root?;
    let mut steps = path.split('.').peekable();
    while let Some(step) = steps.next() {
        // `name[]`: every element of an array of objects (`va_numbers[].bank`).
        let (name, each) = step.strip_suffix("[]").map_or((step, false), |n| (n, true));
        let s = provider.structs.iter().find(|s| s.name == current)?;
        let field = s.fields.iter().find(|f| f.wire_name == name)?;
        if steps.peek().is_none() {
            return (!each).then_some(&field.ty);
        }
        match (&field.ty, each) {
            (Type::Struct(next), false) => current = next,
            (Type::Array(inner), true) => match inner.as_ref() {
                Type::Struct(next) => current = next,
                _ => return None,
            },
            _ => return None,
        }
    }
    None
}
