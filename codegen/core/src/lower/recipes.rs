//! `auth:` lowered to the recipe types `payspec-signing` executes, with
//! every unknown word, dangling name and leaked key reported at its line.
//!
//! The vocabulary (spec/README.md, "Signature recipes") is closed: a value
//! is a source, or `[source, step, …]`; outputs are templates over values.

use crate::spec::value::Yaml;
use payspec_signing::recipe::{
    secret_reaches, CredentialDecl, CredentialKind, Line, List, Output, Recipe, Scheme, Source,
    Step, Template, TimeFormat, Value, ACCESS_TOKEN,
};

use super::{Sink, Src};
use crate::ir::{Endpoint, Struct};
use crate::spec::model::{AuthSpec, CredentialKindSpec, OutputSpec, RecipeSpec};

/// The longest `numeric_id` a recipe may ask for (a header value, not a payload).
const MAX_NUMERIC_ID: u64 = 128;

/// The input words a value or template may name.
const INPUTS: &[&str] = &["method", "target", "target_with_query", "body"];
/// Source words that take an argument.
const SOURCES: &[&str] = &[
    "body",
    "header",
    "credential",
    "now",
    "uuid_v4",
    "numeric_id",
    "field",
    "sent",
    "literal",
    "template",
    "lines",
    "join",
    "basic",
];
/// Transform words.
const STEPS: &[&str] = &[
    "sha256",
    "sha512",
    "hex",
    "base64",
    "base64url",
    "minify",
    "hmac_sha256",
    "hmac_sha512",
    "rsa_sha256",
    "jwt_hs256",
];
const TIME_HELP: &str = "the runtime writes `iso8601_utc` (2020-08-12T09:45:42Z) and \
                         `{ format: iso8601_offset, zone: \"+07:00\" }` (2024-03-26T16:01:41+07:00)";

/// Which direction a recipe serves.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Direction {
    Request,
    Response,
    Notification,
    /// The request to the access-token endpoint.
    Token,
}

impl Direction {
    pub(super) fn key(self) -> &'static str {
        match self {
            Direction::Request => "request",
            Direction::Response => "response",
            Direction::Notification => "notification",
            Direction::Token => "token.request",
        }
    }
}

/// What the recipes may refer to besides `auth:` itself: the provider's
/// endpoints and structs (the token flow names its endpoint and paths into
/// its answer).
pub(super) struct Api<'a> {
    /// Every endpoint and notification of the provider.
    pub endpoints: &'a [Endpoint],
    /// Every struct of the provider.
    pub structs: &'a [Struct],
}

/// Lowers the credentials and recipes of `auth`; problems go to `sink`.
pub(super) fn lower(sink: &mut Sink, src: Src<'_>, auth: &AuthSpec, api: &Api<'_>) -> Scheme {
    let credentials: Vec<CredentialDecl> = auth
        .credentials
        .iter()
        .map(|(name, c)| {
            if !is_snake(name) {
                sink.error(
                    src.loc(&format!("auth.credentials.{name}")),
                    "L016",
                    format!("credential name `{name}` is not snake_case"),
                    "credential names become `Config` constructor arguments: write them in snake_case",
                );
            }
            CredentialDecl {
                name: name.clone().into(),
                kind: match c.kind {
                    CredentialKindSpec::Id => CredentialKind::Id,
                    CredentialKindSpec::Key => CredentialKind::Key,
                    CredentialKindSpec::Sent => CredentialKind::Sent,
                },
                env: c.env.clone().into(),
                doc: c.doc.clone().into(),
            }
        })
        .collect();
    let mut scheme = Scheme {
        credentials: credentials.into(),
        request: None,
        response: None,
        notification: None,
        token: None,
    };
    let token_request = auth.token.as_ref().map(|t| &t.request);
    for (direction, spec) in [
        (Direction::Token, &token_request),
        (Direction::Request, &auth.request.as_ref()),
        (Direction::Response, &auth.response.as_ref()),
        (Direction::Notification, &auth.notification.as_ref()),
    ] {
        let Some(spec) = spec else { continue };
        let recipe = Lowering {
            sink: &mut *sink,
            src,
            scheme: &scheme,
            direction,
            has_token: auth.token.is_some(),
            values: Vec::new(),
        }
        .recipe(spec);
        for (output, key) in secret_reaches(&scheme, &recipe) {
            let place = if spec.headers.contains_key(&output) {
                "headers"
            } else {
                "fields"
            };
            sink.error(
                src.loc(&format!("auth.{}.{place}.{output}", direction.key())),
                "L037",
                format!(
                    "signing key `{key}` reaches `{output}` without a MAC, signature or digest \
                     covering it: it would be sent in the clear"
                ),
                "pass it through hmac_sha256/hmac_sha512/rsa_sha256/jwt_hs256 as the key, or \
                 through sha256/sha512; declare it `kind: sent` only if the provider wants it sent \
                 as it is",
            );
        }
        match direction {
            Direction::Request => scheme.request = Some(recipe),
            Direction::Response => scheme.response = Some(recipe),
            Direction::Notification => scheme.notification = Some(recipe),
            Direction::Token => {
                if let Some(spec) = &auth.token {
                    scheme.token = super::token_flow::lower(sink, src, spec, recipe, api);
                }
            }
        }
    }
    if auth.token.is_some() {
        super::token_flow::check_carried(sink, src, scheme.request.as_ref());
    }
    scheme
}

fn is_snake(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        && !name.starts_with(|c: char| c.is_ascii_digit())
}

struct Lowering<'s, 'a> {
    sink: &'s mut Sink,
    src: Src<'a>,
    scheme: &'s Scheme,
    direction: Direction,
    /// Whether the provider declares a token flow (`auth.token`).
    has_token: bool,
    /// Values lowered so far in this recipe.
    values: Vec<String>,
}

impl Lowering<'_, '_> {
    fn base(&self) -> String {
        format!("auth.{}", self.direction.key())
    }

    fn err(&mut self, path: &str, code: &'static str, message: String, help: impl Into<String>) {
        let loc = self.src.loc(path);
        self.sink.error(loc, code, message, help);
    }

    fn recipe(mut self, spec: &RecipeSpec) -> Recipe {
        let mut values = Vec::new();
        for (name, yaml) in &spec.values {
            let path = format!("{}.values.{name}", self.base());
            if !is_snake(name) {
                self.err(
                    &path,
                    "L039",
                    format!("value name `{name}` is not snake_case"),
                    "templates refer to values as `{name}`: write names in snake_case",
                );
            } else if INPUTS.contains(&name.as_str())
                || name == ACCESS_TOKEN
                || self.scheme.credential(name).is_some()
            {
                self.err(
                    &path,
                    "L039",
                    format!("value `{name}` has the name of an input or credential"),
                    format!("rename the value: `{{{name}}}` in a template would be ambiguous"),
                );
            }
            if let Some(value) = self.value(&path, name, yaml) {
                values.push(value);
            }
            self.values.push(name.clone());
        }
        let headers = self.outputs(&spec.headers, "headers");
        let fields = self.outputs(&spec.fields, "fields");
        if spec.headers.is_empty() && spec.fields.is_empty() {
            let path = self.base();
            self.err(
                &path,
                "L039",
                format!(
                    "the {} recipe writes no header or field",
                    self.direction.key()
                ),
                "add `headers:` (or `fields:`) with the templates the signature travels in",
            );
        }
        Recipe {
            values: values.into(),
            headers: headers.into(),
            fields: fields.into(),
        }
    }

    fn outputs(
        &mut self,
        specs: &indexmap::IndexMap<String, OutputSpec>,
        place: &str,
    ) -> Vec<Output> {
        let mut out = Vec::new();
        for (name, spec) in specs {
            let path = format!("{}.{place}.{name}", self.base());
            let (text, ignore_case) = match spec {
                OutputSpec::Template(t) => (t.as_str(), false),
                OutputSpec::Options {
                    template,
                    ignore_case,
                } => (template.as_str(), *ignore_case),
            };
            if let Some(template) = self.template(&path, text) {
                out.push(Output {
                    name: name.clone().into(),
                    template,
                    ignore_case,
                });
            }
        }
        out
    }

    /// Whether `name` can be referred to here.
    fn known(&self, name: &str) -> bool {
        self.values.iter().any(|v| v == name)
            || (INPUTS.contains(&name) && name != "body")
            || (name == ACCESS_TOKEN && self.token_here())
            || self.scheme.credential(name).is_some()
    }

    /// Whether this recipe may use the access token: the request recipe of
    /// a provider with a token flow.
    fn token_here(&self) -> bool {
        self.has_token && self.direction == Direction::Request
    }

    fn no_token(&mut self, path: &str) {
        let (message, help) = if self.has_token {
            (
                format!(
                    "the {} recipe uses `access_token`, which only the request recipe has",
                    self.direction.key()
                ),
                "the token endpoint's own request is signed without a token, and responses and \
                 notifications do not carry ours: use `access_token` in `auth.request` only",
            )
        } else {
            (
                "`access_token` is used, but the provider declares no token flow".to_owned(),
                "declare `auth.token` (the endpoint that issues the token and where the token is \
                 in its answer), or remove the reference",
            )
        };
        self.err(path, "L046", message, help);
    }

    fn unknown_name(&mut self, path: &str, name: &str) {
        if name == ACCESS_TOKEN {
            self.no_token(path);
            return;
        }
        let direction = self.direction.key();
        self.err(
            path,
            "L036",
            format!(
                "the {direction} recipe uses `{name}`, which is not an earlier value of this \
                 direction, an input (method, target, target_with_query) or a credential"
            ),
            "define the value above its first use in this direction (each direction has its \
             own values), or declare the credential under `auth.credentials`",
        );
    }

    fn template(&mut self, path: &str, text: &str) -> Option<Template> {
        match Template::parse(text) {
            Ok(t) => {
                let unknown: Vec<String> = t
                    .references()
                    .filter(|r| !self.known(r))
                    .map(str::to_owned)
                    .collect();
                for name in &unknown {
                    self.unknown_name(path, name);
                }
                unknown.is_empty().then_some(t)
            }
            Err(why) => {
                self.err(
                    path,
                    "L039",
                    format!("template `{text}`: {why}"),
                    "write `{value}` for a value and `{{` / `}}` for literal braces",
                );
                None
            }
        }
    }

    fn value(&mut self, path: &str, name: &str, yaml: &Yaml) -> Option<Value> {
        let (source_yaml, steps_yaml, source_path) = match yaml {
            Yaml::Sequence(items) if !items.is_empty() => {
                (&items[0], &items[1..], format!("{path}[0]"))
            }
            Yaml::Sequence(_) => {
                self.err(
                    path,
                    "L034",
                    format!("value `{name}` is an empty list"),
                    "write a source, or `[source, step, …]`",
                );
                return None;
            }
            other => (other, &[][..], path.to_owned()),
        };
        let source = self.source(&source_path, source_yaml);
        let mut steps = Vec::new();
        let mut ok = source.is_some();
        for (i, step) in steps_yaml.iter().enumerate() {
            match self.step(&format!("{path}[{}]", i + 1), step) {
                Some(s) => steps.push(s),
                None => ok = false,
            }
        }
        ok.then(|| Value {
            name: name.to_owned().into(),
            source: source.unwrap_or(Source::Method),
            steps: steps.into(),
        })
    }

    fn source(&mut self, path: &str, yaml: &Yaml) -> Option<Source> {
        let (word, arg) = match word_and_arg(yaml) {
            Some(pair) => pair,
            None => {
                self.err(
                    path,
                    "L034",
                    "a value source is a word (`body`, `method`, a value's name) or a mapping \
                     with one key (`now: iso8601_utc`)"
                        .to_owned(),
                    format!("sources: {}", SOURCES.join(", ")),
                );
                return None;
            }
        };
        let arg_path = format!("{path}.{word}");
        Some(match (word.as_str(), arg) {
            ("method", None) => Source::Method,
            ("target", None) => Source::Target,
            ("target_with_query", None) => Source::TargetWithQuery,
            ("body", None) => Source::Body { or: None },
            (ACCESS_TOKEN, None) if self.token_here() => Source::Token,
            (ACCESS_TOKEN, _) => {
                self.no_token(path);
                return None;
            }
            ("body", Some(arg)) => {
                let or = self.str_key(&arg_path, arg, "or")?;
                Source::Body {
                    or: Some(or.into()),
                }
            }
            ("uuid_v4", None) => Source::Uuid { max_len: 36 },
            ("uuid_v4", Some(arg)) => {
                let max_len = arg.get("max_len").and_then(Yaml::as_u64).filter(|n| *n > 0);
                match max_len {
                    Some(n) => Source::Uuid {
                        max_len: usize::try_from(n).unwrap_or(usize::MAX),
                    },
                    None => {
                        self.err(
                            &arg_path,
                            "L039",
                            "uuid_v4 takes `{ max_len: N }` with N at least 1".to_owned(),
                            "the id is a UUID v4 (36 characters), shortened to max_len",
                        );
                        return None;
                    }
                }
            }
            ("numeric_id", arg) => {
                let max_len = arg
                    .and_then(|a| a.get("max_len"))
                    .and_then(Yaml::as_u64)
                    .filter(|n| (1..=MAX_NUMERIC_ID).contains(n));
                let Some(n) = max_len else {
                    self.err(
                        &arg_path,
                        "L039",
                        format!(
                            "numeric_id takes `{{ max_len: N }}` with N from 1 to {MAX_NUMERIC_ID}"
                        ),
                        "a fresh id is N random digits: give the longest the provider accepts",
                    );
                    return None;
                };
                Source::Digits {
                    max_len: usize::try_from(n).unwrap_or(usize::MAX),
                }
            }
            ("now", Some(arg)) => Source::Now(self.time_format(&arg_path, arg)?),
            ("header", Some(arg)) => Source::Header(self.scalar(&arg_path, arg)?.into()),
            ("field", Some(arg)) => Source::Field(self.scalar(&arg_path, arg)?.into()),
            ("literal", Some(arg)) => Source::Literal(self.scalar(&arg_path, arg)?.into()),
            ("credential", Some(arg)) => {
                let name = self.scalar(&arg_path, arg)?;
                self.credential(&arg_path, &name)?;
                Source::Credential(name.into())
            }
            ("sent", Some(arg)) => {
                let name = self.scalar(&arg_path, arg)?;
                let in_request = self
                    .scheme
                    .request
                    .as_ref()
                    .is_some_and(|r| r.value(&name).is_some());
                if self.direction != Direction::Response || !in_request {
                    self.err(
                        &arg_path,
                        "L036",
                        format!(
                            "`sent: {name}` needs a value `{name}` of the request recipe, read \
                             while verifying its response"
                        ),
                        "`sent` is for the response recipe only, and names a value the request \
                         recipe defines",
                    );
                    return None;
                }
                Source::Sent(name.into())
            }
            ("template", Some(arg)) => {
                let text = self.scalar(&arg_path, arg)?;
                Source::Template(self.template(&arg_path, &text)?)
            }
            ("lines", Some(arg)) => Source::Lines(self.lines(&arg_path, arg)?),
            ("join", Some(arg)) => {
                let sep = self.str_key(&arg_path, arg, "sep")?;
                let parts = match arg.get("parts") {
                    Some(parts) => self.lines(&format!("{arg_path}.parts"), parts)?,
                    None => {
                        self.err(
                            &arg_path,
                            "L039",
                            "join needs `parts: [...]`".to_owned(),
                            "write `join: { sep: \":\", parts: [\"{a}\", \"{b}\"] }`",
                        );
                        return None;
                    }
                };
                Source::Join {
                    sep: sep.into(),
                    parts,
                }
            }
            ("basic", Some(arg)) => {
                let user = self.str_key(&arg_path, arg, "user")?;
                self.credential(&arg_path, &user)?;
                let password = match arg.get("password").and_then(Yaml::as_str) {
                    Some(p) => {
                        self.credential(&arg_path, p)?;
                        Some(p.to_owned().into())
                    }
                    None => None,
                };
                Source::Basic {
                    user: user.into(),
                    password,
                }
            }
            (name, None) if self.known(name) => {
                if self.scheme.credential(name).is_some() {
                    Source::Credential(name.to_owned().into())
                } else {
                    Source::Value(name.to_owned().into())
                }
            }
            (name, None) if !SOURCES.contains(&name) => {
                if self.values.iter().any(|v| v == name) || looks_like_value(name) {
                    self.unknown_name(path, name);
                } else {
                    self.unknown_source(path, name);
                }
                return None;
            }
            (name, _) if !SOURCES.contains(&name) && !INPUTS.contains(&name) => {
                self.unknown_source(path, name);
                return None;
            }
            (name, _) => {
                self.err(
                    path,
                    "L034",
                    format!("source `{name}` is written with the wrong shape"),
                    "see spec/README.md, \"Signature recipes\", for each source's form",
                );
                return None;
            }
        })
    }

    fn unknown_source(&mut self, path: &str, name: &str) {
        self.err(
            path,
            "L034",
            format!("`{name}` is not a source the runtime knows, nor a value defined above"),
            format!(
                "sources: method, target, target_with_query, {}; or the name of an earlier value \
                 or a credential",
                SOURCES.join(", ")
            ),
        );
    }

    fn step(&mut self, path: &str, yaml: &Yaml) -> Option<Step> {
        let Some((word, arg)) = word_and_arg(yaml) else {
            self.err(
                path,
                "L035",
                "a step is a word (`sha256`) or a mapping with one key (`hmac_sha256: secret_key`)"
                    .to_owned(),
                format!("steps: {}", STEPS.join(", ")),
            );
            return None;
        };
        let keyed = |this: &mut Self, arg: Option<&Yaml>| -> Option<String> {
            let arg_path = format!("{path}.{word}");
            let name = match arg {
                Some(a) => this.scalar(&arg_path, a)?,
                None => {
                    this.err(
                        path,
                        "L035",
                        format!("`{word}` needs the credential it is keyed with"),
                        format!("write `{word}: <credential>`"),
                    );
                    return None;
                }
            };
            let kind = this.credential(&arg_path, &name)?;
            if kind != CredentialKind::Key {
                this.err(
                    &arg_path,
                    "L039",
                    format!("`{word}` is keyed with `{name}`, which is not `kind: key`"),
                    "a MAC or signature key must be a credential declared `kind: key`",
                );
                return None;
            }
            Some(name)
        };
        Some(match (word.as_str(), arg) {
            ("sha256", None) => Step::Sha256,
            ("sha512", None) => Step::Sha512,
            ("hex", None) => Step::Hex,
            ("base64", None) => Step::Base64,
            ("base64url", None) => Step::Base64Url,
            ("minify", None) => Step::Minify,
            ("hmac_sha256", a) => Step::HmacSha256(keyed(self, a)?.into()),
            ("hmac_sha512", a) => Step::HmacSha512(keyed(self, a)?.into()),
            ("rsa_sha256", a) => Step::RsaSha256(keyed(self, a)?.into()),
            ("jwt_hs256", a) => Step::JwtHs256(keyed(self, a)?.into()),
            (w, _) => {
                let known = STEPS.contains(&w);
                self.err(
                    path,
                    "L035",
                    if known {
                        format!("step `{w}` takes no argument")
                    } else {
                        format!("`{w}` is not a transform the runtime knows")
                    },
                    format!("steps: {}", STEPS.join(", ")),
                );
                return None;
            }
        })
    }

    fn credential(&mut self, path: &str, name: &str) -> Option<CredentialKind> {
        match self.scheme.credential(name) {
            Some(c) => Some(c.kind),
            None => {
                self.err(
                    path,
                    "L036",
                    format!("`{name}` is not a declared credential"),
                    "declare it under `auth.credentials` with its kind and environment variable",
                );
                None
            }
        }
    }

    fn time_format(&mut self, path: &str, arg: &Yaml) -> Option<TimeFormat> {
        let (format, zone) = match arg {
            Yaml::String(f) => (f.as_str(), None),
            Yaml::Mapping(_) => (
                arg.get("format").and_then(Yaml::as_str).unwrap_or(""),
                arg.get("zone").and_then(Yaml::as_str),
            ),
            _ => ("", None),
        };
        match (format, zone) {
            ("iso8601_utc", None) => Some(TimeFormat::Utc),
            ("iso8601_offset", Some(zone)) => match TimeFormat::parse_zone(zone) {
                Some(minutes) => Some(TimeFormat::Offset(minutes)),
                None => {
                    self.err(
                        path,
                        "L038",
                        format!("zone `{zone}` is not an offset the runtime can write"),
                        "write the zone as +HH:MM or -HH:MM (`+07:00` for WIB)",
                    );
                    None
                }
            },
            ("iso8601_offset", None) => {
                self.err(
                    path,
                    "L038",
                    "iso8601_offset needs a declared `zone`".to_owned(),
                    TIME_HELP,
                );
                None
            }
            (other, _) => {
                self.err(
                    path,
                    "L038",
                    format!("the runtime cannot write timestamp format `{other}`"),
                    TIME_HELP,
                );
                None
            }
        }
    }

    fn lines(&mut self, path: &str, yaml: &Yaml) -> Option<List<Line>> {
        let Yaml::Sequence(items) = yaml else {
            self.err(
                path,
                "L039",
                "expected a list of templates".to_owned(),
                "write `- \"Name:{value}\"`, or `- { line: \"…\", when: body }`",
            );
            return None;
        };
        let mut lines = Vec::new();
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            let item_path = format!("{path}[{i}]");
            let (text, when_body) = match item {
                Yaml::String(t) => (t.clone(), false),
                Yaml::Mapping(_) => {
                    let when = item.get("when").and_then(Yaml::as_str);
                    if !matches!(when, None | Some("body")) {
                        self.err(
                            &item_path,
                            "L039",
                            format!("`when: {}` is not a condition", when.unwrap_or_default()),
                            "the one condition is `when: body` (the message has a body: every \
                             method but GET)",
                        );
                        ok = false;
                        continue;
                    }
                    match item.get("line").and_then(Yaml::as_str) {
                        Some(t) => (t.to_owned(), when.is_some()),
                        None => {
                            self.err(
                                &item_path,
                                "L039",
                                "a conditional line needs `line: \"…\"`".to_owned(),
                                "write `{ line: \"Digest:{digest}\", when: body }`",
                            );
                            ok = false;
                            continue;
                        }
                    }
                }
                _ => {
                    self.err(
                        &item_path,
                        "L039",
                        "expected a template string".to_owned(),
                        "quote the line",
                    );
                    ok = false;
                    continue;
                }
            };
            match self.template(&item_path, &text) {
                Some(template) => lines.push(Line {
                    template,
                    when_body,
                }),
                None => ok = false,
            }
        }
        ok.then(|| lines.into())
    }

    fn scalar(&mut self, path: &str, yaml: &Yaml) -> Option<String> {
        match yaml {
            Yaml::String(s) => Some(s.clone()),
            Yaml::Number(n) => Some(n.to_string()),
            Yaml::Bool(b) => Some(b.to_string()),
            _ => {
                self.err(
                    path,
                    "L039",
                    "expected a single text value".to_owned(),
                    "write a string",
                );
                None
            }
        }
    }

    fn str_key(&mut self, path: &str, yaml: &Yaml, key: &str) -> Option<String> {
        match yaml.get(key).and_then(Yaml::as_str) {
            Some(s) => Some(s.to_owned()),
            None => {
                self.err(
                    path,
                    "L039",
                    format!("expected `{key}:` here"),
                    "see spec/README.md, \"Signature recipes\"",
                );
                None
            }
        }
    }
}

/// A plain word, or the one key of a one-key mapping with its value.
fn word_and_arg(yaml: &Yaml) -> Option<(String, Option<&Yaml>)> {
    match yaml {
        Yaml::String(word) => Some((word.clone(), None)),
        Yaml::Mapping(map) if map.len() == 1 => {
            let (k, v) = map.iter().next()?;
            Some((k.as_str()?.to_owned(), Some(v)))
        }
        _ => None,
    }
}

/// A name with an underscore reads as a value the author meant to define.
fn looks_like_value(name: &str) -> bool {
    name.contains('_') && !STEPS.contains(&name)
}
