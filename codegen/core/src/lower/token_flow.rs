//! `auth.token` lowered: the endpoint that issues the access token, the body
//! it is sent, and the JSON paths of the token and its lifetime in the
//! answer, each checked against the endpoint the spec describes (L045–L049,
//! W008).

use payspec_signing::recipe::{Piece, Recipe, Source, Template, TokenFlow, ACCESS_TOKEN};

use super::recipes::Api;
use super::{Sink, Src};
use crate::ir::{EndpointKind, HttpMethod, Struct, Type};
use crate::spec::model::TokenSpec;

/// Seconds before expiry a token is replaced when the spec does not say.
const DEFAULT_REFRESH_BEFORE: u64 = 60;

/// The token flow of `spec`, its request signed by `request` (already
/// lowered); `None` after an error.
pub(super) fn lower(
    sink: &mut Sink,
    src: Src<'_>,
    spec: &TokenSpec,
    request: Recipe,
    api: &Api<'_>,
) -> Option<TokenFlow> {
    let endpoint = api.endpoints.iter().find(|e| e.name == spec.endpoint);
    let endpoint = match endpoint {
        Some(e) if e.kind == EndpointKind::Endpoint => e,
        found => {
            let what = if found.is_some() {
                "is a notification"
            } else {
                "is not an endpoint of this provider"
            };
            sink.error(
                src.loc("auth.token.endpoint"),
                "L045",
                format!("token endpoint `{}` {what}", spec.endpoint),
                "name the endpoint file (its `name:`) that issues the access token",
            );
            return None;
        }
    };
    let (Some(method), Some(path)) = (endpoint.method, endpoint.path.as_deref()) else {
        // L015 has reported the endpoint without a method or path.
        return None;
    };
    let answer = endpoint
        .responses
        .iter()
        .find(|r| (200..300).contains(&r.status));
    let Some(answer) = answer else {
        sink.error(
            src.loc("auth.token.endpoint"),
            "L045",
            format!(
                "token endpoint `{}` documents no success (2xx) response body to read the token \
                 from",
                spec.endpoint
            ),
            "add the token answer under the endpoint's `responses: { 200: … }`",
        );
        return None;
    };
    let mut ok = true;
    match serde_json::from_str::<serde_json::Value>(&spec.body) {
        Ok(serde_json::Value::Object(_)) => {}
        Ok(_) | Err(_) => {
            sink.error(
                src.loc("auth.token.body"),
                "L047",
                "the token request body is not a JSON object".to_owned(),
                "write the body the token endpoint is sent, exactly, e.g. \
                 `body: '{\"grantType\":\"client_credentials\"}'`",
            );
            ok = false;
        }
    }
    ok &= check_path(
        sink,
        src,
        api.structs,
        &answer.body,
        ("access_token", &spec.access_token),
        |ty| *ty == Type::String,
        "a string",
    );
    match &spec.expires_in {
        Some(p) => {
            ok &= check_path(
                sink,
                src,
                api.structs,
                &answer.body,
                ("expires_in", p),
                |ty| matches!(ty, Type::Integer | Type::String),
                "an integer or a string of digits",
            );
        }
        None => sink.warn(
            src.loc("auth.token"),
            "W008",
            "the token flow has no `expires_in`: a token is kept until the provider answers 401"
                .to_owned(),
            "name the lifetime field of the token answer (`expires_in: expiresIn`) so the \
             client refreshes before the token expires",
        ),
    }
    ok.then(|| TokenFlow {
        endpoint: spec.endpoint.clone().into(),
        method: match method {
            HttpMethod::GET => "GET",
            HttpMethod::POST => "POST",
        }
        .into(),
        path: path.to_owned().into(),
        body: spec.body.clone().into(),
        request,
        access_token: spec.access_token.clone().into(),
        expires_in: spec.expires_in.clone().map(Into::into),
        refresh_before: spec.refresh_before.unwrap_or(DEFAULT_REFRESH_BEFORE),
    })
}

/// Checks that dotted `path` (written at `auth.token.<key>`) names a field of
/// struct `root` of a type `fits` accepts.
fn check_path(
    sink: &mut Sink,
    src: Src<'_>,
    structs: &[Struct],
    root: &str,
    (key, path): (&str, &str),
    fits: impl Fn(&Type) -> bool,
    wanted: &str,
) -> bool {
    let loc = src.loc(&format!("auth.token.{key}"));
    let mut current = root.to_owned();
    let mut segments = path.split('.').peekable();
    while let Some(segment) = segments.next() {
        let field = structs
            .iter()
            .find(|s| s.name == current)
            .and_then(|s| s.fields.iter().find(|f| f.wire_name == segment));
        let Some(field) = field else {
            sink.error(
                loc,
                "L048",
                format!("`{path}`: the token answer `{current}` has no field `{segment}`"),
                "write the dotted JSON path of the field as the endpoint's success response \
                 names it on the wire",
            );
            return false;
        };
        match (&field.ty, segments.peek()) {
            (ty, None) if fits(ty) => return true,
            (_, None) => {
                sink.error(
                    loc,
                    "L048",
                    format!("`{path}` is not {wanted} in the token answer"),
                    format!("`{key}` must name {wanted}"),
                );
                return false;
            }
            (Type::Struct(inner), Some(_)) => current.clone_from(inner),
            (_, Some(_)) => {
                sink.error(
                    loc,
                    "L048",
                    format!("`{path}`: `{segment}` is not an object in the token answer"),
                    "only object fields have members",
                );
                return false;
            }
        }
    }
    false
}

/// A provider with a token flow must send the token: its request recipe
/// uses `access_token` (L049).
pub(super) fn check_carried(sink: &mut Sink, src: Src<'_>, request: Option<&Recipe>) {
    if request.is_some_and(uses_token) {
        return;
    }
    sink.error(
        src.loc("auth.token"),
        "L049",
        "the provider has a token flow, but no request recipe uses `access_token`".to_owned(),
        "send it from `auth.request`, e.g. `headers: { Authorization: \"Bearer {access_token}\" }`",
    );
}

/// Whether any value or output of `recipe` reads the access token.
fn uses_token(recipe: &Recipe) -> bool {
    let in_template = |t: &Template| {
        t.pieces
            .iter()
            .any(|p| matches!(p, Piece::Value(v) if v == ACCESS_TOKEN))
    };
    recipe.values.iter().any(|v| match &v.source {
        Source::Token => true,
        Source::Template(t) => in_template(t),
        Source::Lines(lines) | Source::Join { parts: lines, .. } => {
            lines.iter().any(|l| in_template(&l.template))
        }
        _ => false,
    }) || recipe
        .headers
        .iter()
        .chain(recipe.fields.iter())
        .any(|o| in_template(&o.template))
}
