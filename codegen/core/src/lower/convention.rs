//! `error_convention:` lowered to the data the client runtime and the
//! sandbox read (`payspec_signing::convention`), with each malformed path
//! or code reported at its line.

use std::borrow::Cow;

use payspec_signing::convention::ErrorConvention;
use payspec_signing::recipe::Text;

use super::{Sink, Src};
use crate::ir::{CodeKind, ErrorMember, ErrorShape, MemberSource, MemberValue, Provider};
use crate::spec::model::ErrorConventionSpec;

/// Lowers a provider's convention; without one, only the HTTP status decides.
pub(crate) fn lower(
    sink: &mut Sink,
    src: Src<'_>,
    spec: Option<&ErrorConventionSpec>,
) -> (ErrorConvention, ErrorShape) {
    let Some(spec) = spec else {
        return (ErrorConvention::default(), ErrorShape::default());
    };
    let mut path = |key: &str, value: &str| -> Text {
        check_path(sink, src, &format!("error_convention.{key}"), value);
        Cow::Owned(value.to_owned())
    };
    let code = spec.code.as_deref().map(|p| path("code", p));
    let message = spec
        .message
        .iter()
        .enumerate()
        .map(|(i, p)| path(&format!("message[{i}]"), p))
        .collect::<Vec<_>>();
    let message_local = spec
        .message_local
        .as_deref()
        .map(|p| path("message_local", p));
    let success_flag = spec
        .success_flag
        .as_deref()
        .map(|p| path("success_flag", p));
    let result = spec.result.as_deref().map(|p| path("result", p));
    let success_codes = success_codes(
        sink,
        src,
        "error_convention",
        &spec.success_codes,
        code.is_some(),
    );
    if let Some(status) = spec.replay_status.filter(|s| !(100..=599).contains(s)) {
        sink.error(
            src.loc("error_convention.replay_status"),
            "L040",
            format!("`replay_status` {status} is not an HTTP status code"),
            "give the status (100 to 599) with which the provider replays an original response",
        );
    }
    let convention = ErrorConvention {
        code,
        message: Cow::Owned(message),
        message_local,
        success_codes,
        success_flag,
        result,
        replay_status: spec.replay_status,
    };
    let shape = shape(sink, src, spec, &convention);
    (convention, shape)
}

/// The words only a writer of error bodies reads (`code_kind`,
/// `message_per_code`, `members`), checked against the rest (L085–L087).
fn shape(
    sink: &mut Sink,
    src: Src<'_>,
    spec: &ErrorConventionSpec,
    convention: &ErrorConvention,
) -> ErrorShape {
    let has_code = convention.code.is_some();
    if spec.code_kind.is_some() && !has_code {
        sink.error(
            src.loc("error_convention.code_kind"),
            "L085",
            "`code_kind` without a `code` path: there is no code to have a kind".to_owned(),
            "add `code:` (where the body carries its code), or drop `code_kind`",
        );
    }
    if spec.message_per_code && (!has_code || convention.message.is_empty()) {
        sink.error(
            src.loc("error_convention.message_per_code"),
            "L085",
            "`message_per_code` needs both a `code` and a `message` path".to_owned(),
            "add the `code:` and `message:` paths the provider's error bodies use, or drop `message_per_code`",
        );
    }
    if matches!(
        spec.code_kind,
        Some(CodeKind::NumericString | CodeKind::Number)
    ) {
        for (i, code) in spec.success_codes.iter().enumerate() {
            if !code.bytes().all(|b| b.is_ascii_digit() || b == b'x') {
                sink.error(
                    src.loc(&format!("error_convention.success_codes[{i}]")),
                    "L087",
                    format!("success code `{code}` is not digits, but `code_kind` says the code is a number"),
                    "write the code's digits (`x` for any one digit), or correct `code_kind`",
                );
            }
        }
    }
    let taken: Vec<(&str, &str)> = [("code", convention.code.as_deref())]
        .into_iter()
        .chain(convention.message.iter().map(|m| ("message", Some(&**m))))
        .chain([
            ("message_local", convention.message_local.as_deref()),
            ("success_flag", convention.success_flag.as_deref()),
            ("result", convention.result.as_deref()),
        ])
        .filter_map(|(k, p)| Some((k, p?)))
        .collect();
    let mut members: Vec<ErrorMember> = Vec::new();
    for (path, member) in &spec.members {
        let key = format!("error_convention.members.{path}");
        check_path(sink, src, &key, path);
        let overlaps = |other: &str| {
            other == path
                || other.starts_with(&format!("{path}."))
                || path.starts_with(&format!("{other}."))
        };
        let clash = taken
            .iter()
            .map(|(k, p)| (format!("`{k}` ({p})"), *p))
            .chain(
                members
                    .iter()
                    .map(|m| (format!("member `{}`", m.path), &*m.path)),
            )
            .find(|(_, other)| overlaps(other));
        if let Some((what, _)) = clash {
            sink.error(
                src.loc(&key),
                "L086",
                format!("member `{path}` overlaps {what}: one body cannot hold both"),
                "give the member a path of its own, outside the code, message and result",
            );
            continue;
        }
        let value = match (&member.value, member.from) {
            (Some(value), None) => match serde_json::to_value(value) {
                Ok(json) => MemberValue::Fixed(json),
                Err(e) => {
                    sink.error(
                        src.loc(&format!("{key}.value")),
                        "L086",
                        format!("member `{path}`: the value is not JSON ({e})"),
                        "write a string, number, boolean or null",
                    );
                    continue;
                }
            },
            (None, Some(from)) => MemberValue::From(from),
            _ => {
                sink.error(
                    src.loc(&key),
                    "L086",
                    format!("member `{path}` needs exactly one of `value` and `from`"),
                    "write `value: <fixed JSON>` or `from: code | code_words | message`",
                );
                continue;
            }
        };
        match value {
            MemberValue::From(MemberSource::Code) if !has_code => sink.error(
                src.loc(&format!("{key}.from")),
                "L087",
                format!("member `{path}` copies the code, but the convention has no `code` path"),
                "add `code:` to `error_convention`",
            ),
            MemberValue::From(MemberSource::CodeWords)
                if spec.code_kind != Some(CodeKind::Symbol) =>
            {
                sink.error(
                    src.loc(&format!("{key}.from")),
                    "L087",
                    format!(
                        "member `{path}` spells out the code's words, but `code_kind` is not `symbol`"
                    ),
                    "declare `code_kind: symbol` (a code like `PAYMENT_FAILED`), or take the member `from: code`",
                )
            }
            MemberValue::From(MemberSource::Message) if convention.message.is_empty() => sink
                .error(
                    src.loc(&format!("{key}.from")),
                    "L087",
                    format!("member `{path}` copies the message, but the convention has no `message` path"),
                    "add `message:` to `error_convention`",
                ),
            _ => {}
        }
        members.push(ErrorMember {
            path: path.clone(),
            value,
        });
    }
    ErrorShape {
        code_kind: spec.code_kind,
        message_per_code: spec.message_per_code,
        members,
    }
}

/// The words of a symbolic code, each capitalised: `PAYMENT_FAILED` →
/// `Payment Failed` (DOKU's `error.type` beside its `error.code`).
pub fn code_words(code: &str) -> String {
    code.split('_')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next().map_or_else(String::new, |f| {
                f.to_uppercase().collect::<String>() + &c.as_str().to_lowercase()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a JSON value is a code of `kind`.
fn is_code_of(kind: CodeKind, value: &serde_json::Value) -> bool {
    match (kind, value) {
        (CodeKind::Symbol, serde_json::Value::String(s)) => {
            !s.is_empty()
                && s.bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
                && !s.bytes().all(|b| b.is_ascii_digit())
        }
        (CodeKind::NumericString, serde_json::Value::String(s)) => {
            !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
        }
        (CodeKind::Number, serde_json::Value::Number(n)) => n.is_i64() || n.is_u64(),
        _ => false,
    }
}

/// The provider's documented samples against its declared words: a code
/// of another kind than `code_kind` (L088), and an error body whose member
/// is not what the convention writes (W012), each at the body's struct.
pub(crate) fn check_samples(p: &Provider, sink: &mut Sink) {
    let Some(code_path) = p.error_convention.code.as_deref() else {
        return;
    };
    let error_bodies: Vec<&str> = p
        .endpoints
        .iter()
        .flat_map(|e| e.errors.iter().map(|b| b.body.as_str()))
        .collect();
    let is_error_body: std::collections::HashSet<&str> = error_bodies.iter().copied().collect();
    // By name: a search per body made this quadratic in the endpoints.
    let types = crate::ir::Indexed::new(p);
    let bodies = p
        .endpoints
        .iter()
        .flat_map(|e| e.responses.iter().map(|r| r.body.as_str()))
        .chain(error_bodies.iter().copied());
    let mut seen = std::collections::HashSet::new();
    for name in bodies {
        if !seen.insert(name) {
            continue;
        }
        let Some(st) = types.struct_named(name) else {
            continue;
        };
        for example in &st.examples {
            let Ok(json) = serde_json::from_str::<serde_json::Value>(&example.json) else {
                continue;
            };
            let Some(code) = payspec_signing::convention::lookup(&json, code_path) else {
                continue;
            };
            if let Some(kind) = p.error_shape.code_kind {
                if !is_code_of(kind, code) {
                    sink.error(
                        st.loc.clone(),
                        "L088",
                        format!(
                            "`{name}` sample `{}`: the code `{code_path}` is {code}, not a {} as `error_convention.code_kind` says",
                            example.name,
                            kind_words(kind)
                        ),
                        "correct `code_kind` to what the docs' samples carry, or record the contradiction in a discrepancy and fix the sample",
                    );
                }
            }
            if !is_error_body.contains(name) {
                continue;
            }
            for member in &p.error_shape.members {
                let Some(found) = payspec_signing::convention::lookup(&json, &member.path) else {
                    continue;
                };
                let message = p
                    .error_convention
                    .message
                    .iter()
                    .find_map(|m| payspec_signing::convention::lookup(&json, m));
                let expected = match &member.value {
                    MemberValue::Fixed(v) => Some(v.clone()),
                    MemberValue::From(MemberSource::Code) => Some(code.clone()),
                    MemberValue::From(MemberSource::CodeWords) => code
                        .as_str()
                        .map(|c| serde_json::Value::String(code_words(c))),
                    MemberValue::From(MemberSource::Message) => message.cloned(),
                };
                if let Some(expected) = expected.filter(|e| e != found) {
                    sink.warn(
                        st.loc.clone(),
                        "W012",
                        format!(
                            "`{name}` sample `{}`: member `{}` is {found}, but the error convention writes {expected}",
                            example.name, member.path
                        ),
                        "correct the member's `value`/`from` in `error_convention.members`, or record the docs' contradiction in a discrepancy",
                    );
                }
            }
        }
    }
}

fn kind_words(kind: CodeKind) -> &'static str {
    match kind {
        CodeKind::Symbol => "symbolic string (`NOT_FOUND`)",
        CodeKind::NumericString => "string of digits (`\"404\"`)",
        CodeKind::Number => "JSON integer",
    }
}

/// Checks a list of success codes at `key` (a provider's convention or an
/// endpoint's override); `has_code`: whether the convention says where the
/// code is, without which no code can be compared.
pub(crate) fn success_codes(
    sink: &mut Sink,
    src: Src<'_>,
    key: &str,
    codes: &[String],
    has_code: bool,
) -> Cow<'static, [Text]> {
    let at = |rest: &str| match key {
        "" => format!("success_codes{rest}"),
        key => format!("{key}.success_codes{rest}"),
    };
    if !codes.is_empty() && !has_code {
        sink.error(
            src.loc(&at("")),
            "L041",
            "`success_codes` without a `code` path: there is no code to compare".to_owned(),
            "add `code:` to the provider's `error_convention` (where the body carries its code)",
        );
    }
    for (i, code) in codes.iter().enumerate() {
        if code.is_empty() || code.chars().any(char::is_whitespace) {
            sink.error(
                src.loc(&at(&format!("[{i}]"))),
                "L041",
                format!("success code `{code}` is empty or contains a space"),
                "write the code as the body carries it (`\"200\"`), `x` for any one character (`2xx`)",
            );
        }
    }
    Cow::Owned(codes.iter().map(|c| Cow::Owned(c.clone())).collect())
}

/// A dotted JSON path: member names separated by single dots.
fn check_path(sink: &mut Sink, src: Src<'_>, key: &str, path: &str) {
    if path
        .split('.')
        .any(|segment| segment.is_empty() || segment.trim() != segment)
    {
        sink.error(
            src.loc(key),
            "L040",
            format!("`{path}` is not a dotted JSON path"),
            "name members separated by single dots, without spaces: `error.code`, `message.EN`",
        );
    }
}
