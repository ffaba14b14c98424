//! Security schemes and client-computed headers, described from the
//! provider's request recipe (`auth.request` in `provider.yaml`).

use payspec_signing::recipe::{
    CredentialDecl, CredentialKind, Line, Output, Piece, Recipe, Scheme, Source, Step, Template,
    TimeFormat,
};
use serde_yaml::{Mapping, Value};

use super::schema::put;
use crate::ir::Provider;

/// How the payspec client fills in the request header `wire_name`, when
/// the request recipe computes it (a header that only carries a credential
/// or a fixed text is not computed). Matched case-insensitively.
pub fn computed_header(provider: &Provider, wire_name: &str) -> Option<String> {
    let scheme = &provider.auth.recipes;
    let recipe = scheme.request.as_ref()?;
    let header = recipe
        .headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case(wire_name))?;
    let computed = header
        .template
        .references()
        .any(|name| recipe.value(name).is_some());
    if !computed {
        return None;
    }
    let how = describe_template(scheme, recipe, &header.template);
    Some(if carries_credential(scheme, recipe, header) {
        format!("{how} (`payspec sign {} …` prints it)", provider.name)
    } else {
        how
    })
}

/// One line for the docs: the headers the request recipe writes and how
/// each credential-bearing one is made.
pub fn summary(provider: &Provider) -> String {
    let scheme = &provider.auth.recipes;
    let Some(recipe) = scheme.request.as_ref() else {
        return "no request signature".to_owned();
    };
    let names: Vec<String> = recipe
        .headers
        .iter()
        .map(|h| format!("`{}`", h.name))
        .collect();
    let mut out = format!("Headers {}", names.join(", "));
    for header in recipe
        .headers
        .iter()
        .filter(|h| carries_credential(scheme, recipe, h))
    {
        let how = describe_template(scheme, recipe, &header.template);
        out.push_str(&format!("; `{}` is {how}", header.name));
    }
    out
}

/// Whether the header's value depends on a credential (directly or through
/// the values it references): such a header is a security scheme.
fn carries_credential(scheme: &Scheme, recipe: &Recipe, header: &Output) -> bool {
    header
        .template
        .references()
        .any(|name| depends_on_credential(scheme, recipe, name, 0))
}

fn depends_on_credential(scheme: &Scheme, recipe: &Recipe, name: &str, depth: usize) -> bool {
    if scheme.credential(name).is_some() {
        return true;
    }
    // Recipes are acyclic after lint; the bound keeps a bad one from looping.
    let Some(value) = recipe.value(name).filter(|_| depth < 32) else {
        return false;
    };
    if value.steps.iter().any(|s| s.key().is_some()) {
        return true;
    }
    let refs: Vec<&str> = match &value.source {
        Source::Value(n) | Source::Credential(n) | Source::Sent(n) => vec![n],
        Source::Template(t) => t.references().collect(),
        Source::Lines(lines) | Source::Join { parts: lines, .. } => {
            lines.iter().flat_map(|l| l.template.references()).collect()
        }
        Source::Basic { .. } => return true,
        _ => Vec::new(),
    };
    refs.into_iter()
        .any(|n| depends_on_credential(scheme, recipe, n, depth + 1))
}

fn describe_template(scheme: &Scheme, recipe: &Recipe, template: &Template) -> String {
    let parts: Vec<String> = template
        .pieces
        .iter()
        .map(|piece| match piece {
            Piece::Text(text) => format!("`{text}`"),
            Piece::Value(name) => describe_ref(scheme, recipe, name, 0),
        })
        .collect();
    parts.join(" + ")
}

fn describe_ref(scheme: &Scheme, recipe: &Recipe, name: &str, depth: usize) -> String {
    if let Some(credential) = scheme.credential(name) {
        return format!("the `{}` credential", credential.name);
    }
    match recipe.value(name).filter(|_| depth < 32) {
        Some(value) => {
            let mut text = describe_source(scheme, recipe, &value.source, depth);
            for step in value.steps.iter() {
                text = apply(step, &text);
            }
            text
        }
        None => format!("`{{{name}}}`"),
    }
}

fn apply(step: &Step, input: &str) -> String {
    match step {
        Step::Sha256 => format!("SHA-256 of {input}"),
        Step::Sha512 => format!("SHA-512 of {input}"),
        Step::Hex => format!("lowercase hex of {input}"),
        Step::Base64 => format!("base64 of {input}"),
        Step::Base64Url => format!("unpadded base64url of {input}"),
        Step::Minify => format!("{input} minified (whitespace outside strings removed)"),
        Step::HmacSha256(key) => format!("HMAC-SHA256 keyed with `{key}` over {input}"),
        Step::HmacSha512(key) => format!("HMAC-SHA512 keyed with `{key}` over {input}"),
        Step::RsaSha256(key) => {
            format!("an RSA PKCS#1 v1.5 SHA-256 signature with `{key}` over {input}")
        }
        Step::JwtHs256(key) => {
            format!("an HS256 JWT signed with `{key}` whose claim set is {input}")
        }
    }
}

fn describe_source(scheme: &Scheme, recipe: &Recipe, source: &Source, depth: usize) -> String {
    match source {
        Source::Value(name) => describe_ref(scheme, recipe, name, depth + 1),
        Source::Method => "the HTTP method".to_owned(),
        Source::Target => "the request target".to_owned(),
        Source::TargetWithQuery => "the request target with its query".to_owned(),
        Source::Body { or: None } => "the body as sent".to_owned(),
        Source::Body { or: Some(empty) } => format!("the body as sent (`{empty}` when empty)"),
        Source::Header(name) => format!("the `{name}` header"),
        Source::Credential(name) => format!("the `{name}` credential"),
        Source::Now(TimeFormat::Utc) => "the current UTC time".to_owned(),
        Source::Now(TimeFormat::Offset(_)) => "the current time in the provider's zone".to_owned(),
        Source::Uuid { .. } => "a fresh UUID v4 per request".to_owned(),
        Source::Digits { max_len } => format!("a fresh numeric id of {max_len} digits per request"),
        Source::Field(path) => format!("body field `{path}` as received"),
        Source::Sent(name) => format!("the request's `{name}`"),
        Source::Literal(text) => format!("`{text}`"),
        Source::Template(template) => describe_template(scheme, recipe, template),
        Source::Lines(lines) => format!(
            "the lines {} joined by newlines{}",
            raw_lines(lines),
            defined(scheme, recipe, lines, depth)
        ),
        Source::Join { sep, parts } => format!(
            "{} joined by `{sep}`{}",
            raw_lines(parts),
            defined(scheme, recipe, parts, depth)
        ),
        Source::Basic { user, password } => match password {
            Some(password) => format!("base64(`{user}` + \":\" + `{password}`)"),
            None => format!("base64(`{user}` + \":\")"),
        },
        Source::Token => "the access token".to_owned(),
    }
}

/// The template's text with each value written by `value`.
pub fn shape(template: &Template, value: impl Fn(&str) -> String) -> String {
    template
        .pieces
        .iter()
        .map(|piece| match piece {
            Piece::Text(text) => text.to_string(),
            Piece::Value(name) => value(name),
        })
        .collect()
}

/// The lines as written, `{value}` references kept.
fn raw_lines(lines: &[Line]) -> String {
    let shown: Vec<String> = lines
        .iter()
        .map(|line| {
            let text = shape(&line.template, |name| format!("{{{name}}}"));
            let when = if line.when_body {
                " (only with a body)"
            } else {
                ""
            };
            format!("`{text}`{when}")
        })
        .collect();
    shown.join(", ")
}

/// `, where {digest} is …` for the transformed values the lines reference.
fn defined(scheme: &Scheme, recipe: &Recipe, lines: &[Line], depth: usize) -> String {
    let mut out = String::new();
    for line in lines {
        for name in line.template.references() {
            if recipe.value(name).is_some_and(|v| !v.steps.is_empty()) {
                let how = describe_ref(scheme, recipe, name, depth + 1);
                out.push_str(&format!(", where `{{{name}}}` is {how}"));
            }
        }
    }
    out
}

fn api_key_header(name: &str, description: String) -> Value {
    let mut map = Mapping::new();
    put(&mut map, "type", "apiKey");
    put(&mut map, "in", "header");
    put(&mut map, "name", name);
    put(&mut map, "description", description);
    Value::Mapping(map)
}

/// The provider's security schemes by component name, and the requirement
/// every operation of the provider carries (all schemes together): one per
/// request-recipe header that carries a credential, HTTP Basic where the
/// header is `Basic {…}` over a `basic` value.
pub fn schemes(provider: &Provider) -> (Vec<(String, Value)>, Value) {
    let p = &provider.name;
    let doc = provider.auth.doc.trim_end();
    let scheme = &provider.auth.recipes;
    let mut schemes = Vec::new();
    if let Some(recipe) = scheme.request.as_ref() {
        for header in recipe
            .headers
            .iter()
            .filter(|h| carries_credential(scheme, recipe, h))
        {
            let component = format!("{p}_{}", header.name.to_ascii_lowercase().replace('-', "_"));
            let how = describe_template(scheme, recipe, &header.template);
            let (component, value) = if let Some((user, password)) = basic_user(recipe, header) {
                let password = match password {
                    Some(password) => format!("the `{password}` credential as the password"),
                    None => "empty password".to_owned(),
                };
                let mut map = Mapping::new();
                put(&mut map, "type", "http");
                put(&mut map, "scheme", "basic");
                put(
                    &mut map,
                    "description",
                    format!("The `{user}` credential as the user name, {password}. {doc}"),
                );
                (format!("{p}_basic"), Value::Mapping(map))
            } else if let Some(credential) = static_credential(scheme, header) {
                let about = format!(
                    "The `{}` credential: {}. {doc}",
                    credential.name, credential.doc
                );
                (component, api_key_header(&header.name, about))
            } else {
                let about = format!(
                    "Not a static key: computed per request (`x-payspec-computed`) as {how}. {doc}"
                );
                (component, api_key_header(&header.name, about))
            };
            schemes.push((component, value));
        }
    }
    let mut requirement = Mapping::new();
    for (name, _) in &schemes {
        put(&mut requirement, name, Value::Sequence(Vec::new()));
    }
    (schemes, Value::Sequence(vec![Value::Mapping(requirement)]))
}

/// The user and password credentials of the request recipe's HTTP Basic
/// header, when it has one.
pub fn basic_credentials(provider: &Provider) -> Option<(&str, Option<&str>)> {
    let recipe = provider.auth.recipes.request.as_ref()?;
    recipe.headers.iter().find_map(|h| basic_user(recipe, h))
}

/// The credentials a `Basic {value}` header's value names as its user and
/// password.
fn basic_user<'a>(recipe: &'a Recipe, header: &Output) -> Option<(&'a str, Option<&'a str>)> {
    if header.template.prefix() != "Basic " {
        return None;
    }
    let name = header.template.references().next()?;
    match &recipe.value(name)?.source {
        Source::Basic { user, password } => Some((user, password.as_deref())),
        _ => None,
    }
}

/// The id or sent credential a header carries as it is.
fn static_credential<'a>(scheme: &'a Scheme, header: &Output) -> Option<&'a CredentialDecl> {
    let credential = scheme.credential(header.template.only_value()?)?;
    matches!(credential.kind, CredentialKind::Id | CredentialKind::Sent).then_some(credential)
}
