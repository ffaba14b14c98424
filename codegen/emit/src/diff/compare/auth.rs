//! Authentication changes: the credentials a `Config` takes, each
//! direction's signature recipe (value by value, output by output) and the
//! token flow. A changed recipe is breaking: one side signs or verifies
//! what the other no longer accepts. Also the error convention, which
//! decides how every response is read.

use payspec_signing::convention::ErrorConvention;
use payspec_signing::recipe::{
    CredentialDecl, Line, Output, Piece, Recipe, Scheme, Source, Step, Template, Text, TimeFormat,
    TokenFlow, Value,
};

use crate::diff::display::Draft;
use crate::diff::ChangeKind as K;
use crate::ir::{ErrorShape, Loc};

/// Every authentication change between `b` and `h`, located at `loc`.
pub(super) fn compare(b: &Scheme, h: &Scheme, loc: &Loc) -> Vec<Draft> {
    let mut out = Vec::new();
    credentials(&b.credentials, &h.credentials, loc, &mut out);
    for (path, what, before, after) in [
        (
            "auth.request",
            "Requests are signed",
            b.request.as_ref(),
            h.request.as_ref(),
        ),
        (
            "auth.response",
            "Responses are verified",
            b.response.as_ref(),
            h.response.as_ref(),
        ),
        (
            "auth.notification",
            "Notifications are verified",
            b.notification.as_ref(),
            h.notification.as_ref(),
        ),
        (
            "auth.token.request",
            "The token request is signed",
            b.token.as_ref().map(|t| &t.request),
            h.token.as_ref().map(|t| &t.request),
        ),
    ] {
        recipe(path, what, before, after, loc, &mut out);
    }
    token_flow(b.token.as_ref(), h.token.as_ref(), loc, &mut out);
    out
}

fn credentials(b: &[CredentialDecl], h: &[CredentialDecl], loc: &Loc, out: &mut Vec<Draft>) {
    let list = |cs: &[CredentialDecl]| {
        cs.iter()
            .map(|c| format!("{} ({:?})", c.name, c.kind).to_lowercase())
            .collect::<Vec<_>>()
            .join(", ")
    };
    if list(b) != list(h) {
        out.push(
            Draft::new(
                K::CredentialsChanged,
                "auth.credentials",
                "credentials changed",
                "`Config::new` takes other credentials (or in another order, or of another kind): every caller's configuration changes.",
            )
            .values(Some(list(b)), Some(list(h)))
            .at(loc),
        );
        return;
    }
    for (bc, hc) in b.iter().zip(h) {
        if bc.env != hc.env {
            out.push(
                Draft::new(
                    K::AuthChanged,
                    format!("auth.credentials.{}.env", hc.name),
                    "credential environment variable changed",
                    "The command-line tools (`payspec sign`, `payspec mock`) read the credential from another environment variable.",
                )
                .values(Some(bc.env.to_string()), Some(hc.env.to_string()))
                .at(loc),
            );
        }
    }
}

fn recipe(
    path: &str,
    what: &str,
    b: Option<&Recipe>,
    h: Option<&Recipe>,
    loc: &Loc,
    out: &mut Vec<Draft>,
) {
    let impact = format!(
        "{what} differently: a client (or receiver) built from the old spec and the provider no longer agree on the signature."
    );
    match (b, h) {
        (None, None) => {}
        (Some(b), Some(h)) if b == h => {}
        (None, Some(h)) | (Some(h), None) => {
            let added = b.is_none();
            let text = Some(recipe_text(h));
            let (before, after) = if added { (None, text) } else { (text, None) };
            let title = format!("{path} recipe {}", if added { "added" } else { "removed" });
            out.push(
                Draft::new(K::AuthRecipeChanged, path, title, impact)
                    .values(before, after)
                    .at(loc),
            );
        }
        (Some(b), Some(h)) => {
            let mut changed =
                |item: String, kind: &str, before: Option<String>, after: Option<String>| {
                    let verb = match (&before, &after) {
                        (None, _) => "added",
                        (_, None) => "removed",
                        _ => "changed",
                    };
                    out.push(
                        Draft::new(
                            K::AuthRecipeChanged,
                            format!("{path}.{item}"),
                            format!("{path}: {kind} {verb}"),
                            impact.clone(),
                        )
                        .values(before, after)
                        .at(loc),
                    );
                };
            let values = |r: &Recipe| -> Vec<(String, String)> {
                r.values
                    .iter()
                    .map(|v| (v.name.to_string(), value_text(v)))
                    .collect()
            };
            for (name, before, after) in pairs(&values(b), &values(h)) {
                changed(
                    format!("values.{name}"),
                    &format!("value `{name}`"),
                    before,
                    after,
                );
            }
            for (section, label, bo, ho) in [
                ("headers", "header", &b.headers, &h.headers),
                ("fields", "body field", &b.fields, &h.fields),
            ] {
                let outputs = |os: &[Output]| -> Vec<(String, String)> {
                    os.iter()
                        .map(|o| (o.name.to_string(), output_text(o)))
                        .collect()
                };
                for (name, before, after) in pairs(&outputs(bo), &outputs(ho)) {
                    changed(
                        format!("{section}.{name}"),
                        &format!("{label} `{name}`"),
                        before,
                        after,
                    );
                }
            }
        }
    }
}

fn token_flow(b: Option<&TokenFlow>, h: Option<&TokenFlow>, loc: &Loc, out: &mut Vec<Draft>) {
    let text = |t: &TokenFlow| {
        format!(
            "{} {} ({}); token at {}{}",
            t.method,
            t.path,
            t.endpoint,
            t.access_token,
            t.expires_in
                .as_ref()
                .map_or(String::new(), |e| format!(", lifetime at {e}"))
        )
    };
    let (before, after) = (b.map(text), h.map(text));
    let body = |t: Option<&TokenFlow>| t.map(|t| t.body.to_string());
    if before != after || body(b) != body(h) {
        out.push(
            Draft::new(
                K::TokenFlowChanged,
                "auth.token",
                "access-token flow changed",
                "Clients fetch or read their access token differently: a client built from the old spec asks the wrong endpoint or reads the wrong member.",
            )
            .values(before, after)
            .at(loc),
        );
    } else if let (Some(b), Some(h)) = (b, h) {
        if b.refresh_before != h.refresh_before {
            out.push(
                Draft::new(
                    K::AuthChanged,
                    "auth.token.refresh_before",
                    "token refresh margin changed",
                    "Tokens are replaced at another margin before they expire.",
                )
                .values(
                    Some(b.refresh_before.to_string()),
                    Some(h.refresh_before.to_string()),
                )
                .at(loc),
            );
        }
    }
}

/// (name, before, after) for every name whose text differs, BASE order
/// first, then names only HEAD has.
fn pairs(
    b: &[(String, String)],
    h: &[(String, String)],
) -> Vec<(String, Option<String>, Option<String>)> {
    let find = |list: &[(String, String)], name: &str| {
        list.iter().find(|(n, _)| n == name).map(|(_, t)| t.clone())
    };
    let mut out = Vec::new();
    for (name, text) in b {
        let after = find(h, name);
        if after.as_ref() != Some(text) {
            out.push((name.clone(), Some(text.clone()), after));
        }
    }
    for (name, text) in h {
        if find(b, name).is_none() {
            out.push((name.clone(), None, Some(text.clone())));
        }
    }
    out
}

/// A recipe in the spec's words: its values, then its outputs.
fn recipe_text(r: &Recipe) -> String {
    r.values
        .iter()
        .map(|v| format!("{}: {}", v.name, value_text(v)))
        .chain(
            r.headers
                .iter()
                .map(|o| format!("header {}: {}", o.name, output_text(o))),
        )
        .chain(
            r.fields
                .iter()
                .map(|o| format!("field {}: {}", o.name, output_text(o))),
        )
        .collect::<Vec<_>>()
        .join("; ")
}

/// `[source, step, …]` in the spec's words.
fn value_text(v: &Value) -> String {
    let mut parts = vec![source_text(&v.source)];
    parts.extend(v.steps.iter().map(step_text));
    if parts.len() == 1 {
        parts.remove(0)
    } else {
        format!("[{}]", parts.join(", "))
    }
}

fn output_text(o: &Output) -> String {
    let text = format!("\"{}\"", template_text(&o.template));
    if o.ignore_case {
        format!("{text} (ignoring case)")
    } else {
        text
    }
}

fn template_text(t: &Template) -> String {
    t.pieces
        .iter()
        .map(|p| match p {
            Piece::Text(text) => text.replace('{', "{{").replace('}', "}}"),
            Piece::Value(name) => format!("{{{name}}}"),
        })
        .collect()
}

fn lines_text(lines: &[Line]) -> String {
    lines
        .iter()
        .map(|l| {
            let text = format!("\"{}\"", template_text(&l.template));
            if l.when_body {
                format!("{text} when body")
            } else {
                text
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn source_text(s: &Source) -> String {
    match s {
        Source::Value(name) | Source::Credential(name) => name.to_string(),
        Source::Method => "method".to_owned(),
        Source::Target => "target".to_owned(),
        Source::TargetWithQuery => "target_with_query".to_owned(),
        Source::Body { or: None } => "body".to_owned(),
        Source::Body { or: Some(or) } => format!("body (or \"{or}\")"),
        Source::Header(name) => format!("header {name}"),
        Source::Now(TimeFormat::Utc) => "now: iso8601_utc".to_owned(),
        Source::Now(TimeFormat::Offset(minutes)) => {
            let sign = if *minutes < 0 { '-' } else { '+' };
            let m = minutes.unsigned_abs();
            format!("now: iso8601_offset {sign}{:02}:{:02}", m / 60, m % 60)
        }
        Source::Uuid { max_len } => format!("uuid_v4 (max_len {max_len})"),
        Source::Digits { max_len } => format!("numeric_id (max_len {max_len})"),
        Source::Field(path) => format!("field {path}"),
        Source::Sent(name) => format!("sent {name}"),
        Source::Literal(text) => format!("literal \"{text}\""),
        Source::Template(t) => format!("\"{}\"", template_text(t)),
        Source::Lines(lines) => format!("lines [{}]", lines_text(lines)),
        Source::Join { sep, parts } => format!("join \"{sep}\" [{}]", lines_text(parts)),
        Source::Basic { user, password } => {
            format!("basic {user}:{}", password.as_deref().unwrap_or(""))
        }
        Source::Token => "access_token".to_owned(),
    }
}

fn step_text(s: &Step) -> String {
    match s {
        Step::Sha256 => "sha256".to_owned(),
        Step::Sha512 => "sha512".to_owned(),
        Step::Hex => "hex".to_owned(),
        Step::Base64 => "base64".to_owned(),
        Step::Base64Url => "base64url".to_owned(),
        Step::Minify => "minify".to_owned(),
        Step::HmacSha256(k) => format!("hmac_sha256: {k}"),
        Step::HmacSha512(k) => format!("hmac_sha512: {k}"),
        Step::RsaSha256(k) => format!("rsa_sha256: {k}"),
        Step::JwtHs256(k) => format!("jwt_hs256: {k}"),
    }
}

/// Changes to `error_convention:`: what the client reads (code and message
/// paths, success codes and flag, result, replay status) is breaking, since
/// a response may now be refused or decoded differently; the words only the
/// sandbox writes (`code_kind`, `message_per_code`, `members`) are info.
pub(super) fn convention(
    b: (&ErrorConvention, &ErrorShape),
    h: (&ErrorConvention, &ErrorShape),
    loc: &Loc,
) -> Vec<Draft> {
    let list = |l: &[Text]| l.join(", ");
    let opt = |o: &Option<Text>| o.as_deref().unwrap_or("none").to_owned();
    let read = |c: &ErrorConvention| {
        [
            ("code", opt(&c.code)),
            ("message", list(&c.message)),
            ("message_local", opt(&c.message_local)),
            ("success_codes", list(&c.success_codes)),
            ("success_flag", opt(&c.success_flag)),
            ("result", opt(&c.result)),
            (
                "replay_status",
                c.replay_status.map_or("none".to_owned(), |s| s.to_string()),
            ),
        ]
    };
    let written = |s: &ErrorShape| {
        [
            ("code_kind", format!("{:?}", s.code_kind)),
            ("message_per_code", s.message_per_code.to_string()),
            ("members", format!("{:?}", s.members)),
        ]
    };
    let read_pairs = read(b.0).into_iter().zip(read(h.0));
    let written_pairs = written(b.1).into_iter().zip(written(h.1));
    let client_reads = read_pairs.map(|pair| (K::ErrorConventionChanged, pair));
    let sandbox_writes = written_pairs.map(|pair| (K::ErrorShapeChanged, pair));
    client_reads
        .chain(sandbox_writes)
        .filter(|(_, ((_, before), (_, after)))| before != after)
        .map(|(kind, ((key, before), (_, after)))| {
            let impact = if kind == K::ErrorConventionChanged {
                "Responses are read differently: a call that succeeded may now be an `Error::Api` (or the reverse), or report another code or message."
            } else {
                "Only the sandbox's error bodies and the lint of samples read it; the client is unchanged."
            };
            Draft::new(
                kind,
                format!("error_convention.{key}"),
                format!("error convention `{key}` changed"),
                impact,
            )
            .values(Some(before), Some(after))
            .at(loc)
        })
        .collect()
}
