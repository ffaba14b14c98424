//! `payspec sign PROVIDER` and `payspec verify PROVIDER NOTIFICATION`:
//! signature debugging with the recipes of the spec. Secrets come from the
//! environment variables the spec names and are never printed.

use std::fs;
use std::path::{Path, PathBuf};

use clap::Args;
use payspec_codegen_core::ir::{EndpointKind, Provider};
use payspec_signing::recipe::{
    self, Context, CredentialDecl, CredentialKind, Credentials, Message, Recipe, Scheme, Source,
    Step,
};
use payspec_signing::Secret;

use super::{default_spec, load, print_stdout, Failure};

/// Markers around a string that is signed, so leading and trailing
/// whitespace shows.
const BEGIN: &str = "-----BEGIN STRING TO SIGN-----";
const END: &str = "-----END STRING TO SIGN-----";

/// `payspec sign PROVIDER …` arguments.
#[derive(Debug, Args)]
pub struct SignArgs {
    /// The provider whose request recipe signs (`doku`).
    provider: String,
    /// The HTTP method; GET is signed without a body.
    #[arg(long, value_name = "M", default_value = "POST")]
    method: String,
    /// The request target (`/cancellation/credit-card/refund`), with `?query` if any.
    #[arg(long, value_name = "PATH")]
    target: String,
    /// The exact body bytes sent (required unless the method is GET).
    #[arg(long, value_name = "FILE")]
    body: Option<PathBuf>,
    /// A value to use instead of generating it (`request_id=…`,
    /// `timestamp=…`), a header input, or an `id` credential.
    #[arg(long = "set", value_name = "NAME=VALUE")]
    set: Vec<String>,
    /// The recipe's `id` credential (same as `--set <its name>=ID`).
    #[arg(long, value_name = "ID")]
    client_id: Option<String>,
    /// The recipe's generated id (same as `--set <its name>=RID`).
    #[arg(long, value_name = "RID")]
    request_id: Option<String>,
    /// The recipe's timestamp (same as `--set <its name>=TS`).
    #[arg(long, value_name = "TS")]
    timestamp: Option<String>,
    /// The spec directory.
    #[arg(long, value_name = "DIR", default_value_os_t = default_spec())]
    spec: PathBuf,
}

/// `payspec verify PROVIDER NOTIFICATION …` arguments.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The provider (`midtrans`), or `<provider>-notification`.
    provider: String,
    /// The notification's spec name (`cancel_notification`); optional when
    /// the provider has one notification recipe (it always has at most one).
    notification: Option<String>,
    /// The notification's body, exactly as received.
    #[arg(long, value_name = "FILE")]
    body: PathBuf,
    /// The path of your notification URL as the provider called it.
    #[arg(long, value_name = "PATH", default_value = "/")]
    target: String,
    /// A received header, `Name: value` or `Name=value` (repeat for each).
    #[arg(long = "header", value_name = "HEADER")]
    headers: Vec<String>,
    /// The spec directory.
    #[arg(long, value_name = "DIR", default_value_os_t = default_spec())]
    spec: PathBuf,
}

fn read(path: &Path) -> Result<Vec<u8>, Failure> {
    fs::read(path).map_err(|e| Failure::Io(format!("cannot read {}: {e}", path.display())))
}

fn provider(spec: &Path, name: &str) -> Result<Provider, Failure> {
    let loaded = load(spec)?;
    let names: Vec<String> = loaded.ir.providers.iter().map(|p| p.name.clone()).collect();
    loaded
        .ir
        .providers
        .into_iter()
        .find(|p| p.name == name)
        .ok_or_else(|| {
            Failure::Io(format!(
                "no provider `{name}` in {}; the spec has: {}",
                spec.display(),
                names.join(", ")
            ))
        })
}

/// The credentials `recipe` uses, from the environment variables the spec
/// names (`--set` may give an `id` credential instead).
fn credentials(
    scheme: &Scheme,
    recipe: &Recipe,
    set: &[(String, String)],
) -> Result<Credentials, Failure> {
    let mut out = Credentials::new();
    for decl in scheme.credentials_read_by(recipe) {
        if let Some((_, v)) = set.iter().find(|(n, _)| *n == *decl.name) {
            if decl.kind == CredentialKind::Id {
                out.insert(decl.name.clone(), Secret::new(v.clone()));
                continue;
            }
        }
        match from_env(decl)? {
            Some(secret) => out.insert(decl.name.clone(), secret),
            None if decl.kind == CredentialKind::Id => {
                return Err(Failure::Io(format!(
                    "credential `{}` is not set: export {} or pass --set {}=VALUE",
                    decl.name, decl.env, decl.name
                )))
            }
            None => return Err(unset(decl)),
        }
    }
    Ok(out)
}

/// Credential `decl` from the environment variable the spec names; `None`
/// when it is unset or empty. A variable ending in `_FILE` names the file
/// that holds the credential (a PEM key).
fn from_env(decl: &CredentialDecl) -> Result<Option<Secret>, Failure> {
    match std::env::var(&*decl.env) {
        Ok(path) if !path.is_empty() && decl.env.ends_with("_FILE") => {
            let text = fs::read_to_string(&path)
                .map_err(|e| Failure::Io(format!("cannot read {path} (from {}): {e}", decl.env)))?;
            Ok(Some(Secret::new(text)))
        }
        Ok(value) if !value.is_empty() => Ok(Some(Secret::new(value))),
        _ => Ok(None),
    }
}

fn unset(decl: &CredentialDecl) -> Failure {
    Failure::Io(format!(
        "environment variable {} is not set (or empty); export it with the key to use",
        decl.env
    ))
}

/// The first value of `recipe` whose source matches.
fn value_named(recipe: &Recipe, matches: impl Fn(&Source) -> bool) -> Option<String> {
    recipe
        .values
        .iter()
        .find(|v| matches(&v.source))
        .map(|v| v.name.to_string())
}

/// Prints every value of the provider's request recipe (a string that is
/// signed between markers) and the header lines.
pub fn run_sign(args: &SignArgs) -> Result<(), Failure> {
    let method = args.method.to_ascii_uppercase();
    let is_get = method == "GET";
    let provider = provider(&args.spec, &args.provider)?;
    let scheme = &provider.auth.recipes;
    // The token endpoint is signed by the token flow's recipe, with the
    // flow's fixed body unless another is given.
    let token_flow = scheme
        .token
        .as_ref()
        .filter(|flow| flow.method == method && *flow.path == *args.target);
    let body = match (is_get, &args.body) {
        (true, Some(_)) => {
            return Err(Failure::Io(
                "--body is not used with --method GET (a GET request is signed without a body)"
                    .to_owned(),
            ))
        }
        (true, None) => Vec::new(),
        (false, Some(path)) => read(path)?,
        (false, None) => match token_flow {
            Some(flow) => flow.body.as_bytes().to_vec(),
            None => {
                return Err(Failure::Io(format!(
                    "--body FILE is required for {method}: the signature covers the exact body \
                     bytes"
                )))
            }
        },
    };
    let recipe = match token_flow {
        Some(flow) => Some(&flow.request),
        None => scheme.request.as_ref(),
    };
    let Some(recipe) = recipe else {
        return Err(Failure::Io(format!(
            "provider `{}` declares no request recipe (auth.request)",
            provider.name
        )));
    };
    let mut set: Vec<(String, String)> = Vec::new();
    for item in &args.set {
        let Some((name, value)) = item.split_once('=') else {
            return Err(Failure::Io(format!("--set {item}: write NAME=VALUE")));
        };
        set.push((name.to_owned(), value.to_owned()));
    }
    let aliases = [
        (
            &args.client_id,
            scheme
                .credentials
                .iter()
                .find(|c| c.kind == CredentialKind::Id)
                .map(|c| c.name.to_string()),
        ),
        (
            &args.request_id,
            value_named(recipe, |s| s.generated_id_max_len().is_some()),
        ),
        (
            &args.timestamp,
            value_named(recipe, |s| matches!(s, Source::Now(_))),
        ),
    ];
    for (given, name) in aliases {
        if let (Some(value), Some(name)) = (given, name) {
            set.push((name, value.clone()));
        }
    }
    let credentials = credentials(scheme, recipe, &set)?;
    let set_refs: Vec<(&str, &str)> = set.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    let header_inputs: Vec<(String, String)> = set.clone();
    let mut cx = Context::new(&credentials);
    cx.set = &set_refs;
    cx.headers = &header_inputs;
    let (target, query) = match args.target.split_once('?') {
        Some((t, q)) => (t, Some(q)),
        None => (args.target.as_str(), None),
    };
    let message = Message {
        method: &method,
        target,
        query,
        body: &body,
        has_body: !is_get,
    };
    let signed = recipe::sign(scheme, recipe, &message, &cx)
        .map_err(|e| Failure::Io(format!("cannot sign: {e}")))?;
    let trace = signed.trace(scheme, recipe);
    let signed_inputs = signed_strings(recipe);
    let read = values_read(recipe, message.has_body);
    let mut out = String::new();
    for (i, (name, shown)) in trace.iter().enumerate() {
        if i < recipe.values.len() && !read.contains(name) {
            // Computed but signed into nothing (DOKU's digest of a GET,
            // whose Digest line is `when: body`): not shown.
            continue;
        }
        if i < recipe.values.len() {
            if signed_inputs.contains(name) {
                out.push_str(&format!("{BEGIN}\n{shown}\n{END}\n"));
            } else {
                out.push_str(&format!("{name}: {shown}\n"));
            }
        } else {
            out.push_str(&format!("{name}: {shown}\n"));
        }
    }
    print_stdout(&out)
}

/// The values the recipe's outputs read for a message with or without a
/// body, directly or through other values; a line `when: body` of a message
/// without one reads nothing.
fn values_read(recipe: &Recipe, has_body: bool) -> Vec<String> {
    let mut read: Vec<String> = recipe
        .headers
        .iter()
        .chain(recipe.fields.iter())
        .flat_map(|o| o.template.references())
        .map(str::to_owned)
        .collect();
    // A value reads only earlier ones: one pass from the last finds them all.
    for v in recipe.values.iter().rev() {
        if !read.iter().any(|r| *r == *v.name) {
            continue;
        }
        let refs: Vec<&str> = match &v.source {
            Source::Value(name) => vec![name],
            Source::Template(t) => t.references().collect(),
            Source::Lines(lines) | Source::Join { parts: lines, .. } => lines
                .iter()
                .filter(|l| has_body || !l.when_body)
                .flat_map(|l| l.template.references())
                .collect(),
            _ => Vec::new(),
        };
        read.extend(refs.into_iter().map(str::to_owned));
    }
    read
}

/// Values built as text (lines, join, template) that a MAC or signature
/// step signs: what a person compares with the provider's string to sign.
fn signed_strings(recipe: &Recipe) -> Vec<String> {
    let keyed = |steps: &[Step]| steps.iter().any(|s| s.key().is_some());
    recipe
        .values
        .iter()
        .filter(|v| {
            matches!(
                v.source,
                Source::Lines(_) | Source::Join { .. } | Source::Template(_)
            )
        })
        .filter(|v| {
            keyed(&v.steps)
                || recipe.values.iter().any(|w| {
                    matches!(&w.source, Source::Value(n) if *n == v.name) && keyed(&w.steps)
                })
        })
        .map(|v| v.name.to_string())
        .collect()
}

/// Exit 0 when the notification verifies, 1 (saying why) when not, 2 when
/// the body is not JSON or a key is missing.
pub fn run_verify(args: &VerifyArgs) -> Result<(), Failure> {
    let name = args
        .provider
        .strip_suffix("-notification")
        .unwrap_or(&args.provider);
    let bytes = read(&args.body)?;
    if let Err(e) = serde_json::from_slice::<serde_json::Value>(&bytes) {
        return Err(Failure::Io(format!(
            "{} is not JSON: {e}; pass the notification body exactly as received",
            args.body.display()
        )));
    }
    let provider = provider(&args.spec, name)?;
    if let Some(notification) = &args.notification {
        let known = provider
            .endpoints
            .iter()
            .any(|e| e.kind == EndpointKind::Notification && e.name == *notification);
        if !known {
            return Err(Failure::Io(format!(
                "provider `{}` has no notification `{notification}`",
                provider.name
            )));
        }
    }
    let scheme = &provider.auth.recipes;
    let Some(recipe) = &scheme.notification else {
        return Err(Failure::Io(format!(
            "provider `{}` declares no notification recipe (auth.notification)",
            provider.name
        )));
    };
    let mut headers = Vec::new();
    for h in &args.headers {
        let Some((n, v)) = h.split_once(':').or_else(|| h.split_once('=')) else {
            return Err(Failure::Io(format!("--header {h}: write `Name: value`")));
        };
        headers.push((n.trim().to_owned(), v.trim().to_owned()));
    }
    // Only the keys the recipe reads (what the generated verifier takes):
    // an `id` credential is read from the notification.
    let mut credentials = Credentials::new();
    for decl in scheme
        .credentials_read_by(recipe)
        .filter(|c| c.kind != CredentialKind::Id)
    {
        let secret = from_env(decl)?.ok_or_else(|| unset(decl))?;
        credentials.insert(decl.name.clone(), secret);
    }
    let mut cx = Context::new(&credentials);
    cx.headers = &headers;
    let message = Message {
        method: "POST",
        target: &args.target,
        query: None,
        body: &bytes,
        has_body: true,
    };
    match recipe::verify(scheme, recipe, &message, &cx) {
        Ok(_) => {
            let checked: Vec<&str> = recipe
                .headers
                .iter()
                .chain(recipe.fields.iter())
                .filter(|o| {
                    o.template
                        .only_value()
                        .and_then(|v| recipe.value(v))
                        .map_or(true, |v| !v.source.is_carried())
                })
                .map(|o| &*o.name)
                .collect();
            print_stdout(&format!(
                "valid: {} matches the message\n",
                checked.join(", ")
            ))
        }
        Err(e) => {
            // The one piece of advice the signature itself cannot give.
            let advice = match e {
                recipe::RecipeError::Mismatch { .. } => {
                    "; check the key in the environment, or the message was not sent by the provider"
                }
                _ => "",
            };
            print_stdout(&format!("invalid: {e}{advice}\n"))?;
            Err(Failure::Exit(1))
        }
    }
}
