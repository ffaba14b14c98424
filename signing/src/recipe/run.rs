//! The executor: computes a recipe's values and writes or checks its outputs.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::time::SystemTime;

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::{Digest as _, Sha256, Sha512};

use super::taint::{taints, template_taint};
use super::{CredentialKind, Line, Output, Piece, Recipe, Scheme, Source, Step, Template, Text};
use crate::{constant_time_eq, Secret};

/// The configured credentials, by name.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Credentials {
    entries: Vec<(Text, Secret)>,
}

impl Credentials {
    /// No credentials.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds (or replaces) credential `name`.
    pub fn with(mut self, name: impl Into<Text>, value: impl Into<Secret>) -> Self {
        self.insert(name, value);
        self
    }

    /// Adds (or replaces) credential `name`.
    pub fn insert(&mut self, name: impl Into<Text>, value: impl Into<Secret>) {
        let name = name.into();
        let value = value.into();
        match self.entries.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = value,
            None => self.entries.push((name, value)),
        }
    }

    /// Credential `name`, if configured.
    pub fn get(&self, name: &str) -> Option<&Secret> {
        self.entries.iter().find(|(n, _)| n == name).map(|(_, s)| s)
    }
}

/// Where a recipe finds its credentials by name: the [`Credentials`] a
/// client owns, or keys a verifier borrows for one call (nothing copied).
pub trait CredentialSource {
    /// Credential `name`, if configured.
    fn get(&self, name: &str) -> Option<&Secret>;
}

impl CredentialSource for Credentials {
    fn get(&self, name: &str) -> Option<&Secret> {
        Credentials::get(self, name)
    }
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Names only: even an id credential stays out of logs by default.
        f.debug_list()
            .entries(self.entries.iter().map(|(n, _)| n))
            .finish()
    }
}

/// The headers of a message, looked up by case-insensitive name.
pub trait Headers {
    /// The value of header `name`, if present.
    fn header(&self, name: &str) -> Option<&str>;
}

impl Headers for () {
    fn header(&self, _: &str) -> Option<&str> {
        None
    }
}

impl Headers for [(String, String)] {
    fn header(&self, name: &str) -> Option<&str> {
        self.iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

impl Headers for Vec<(String, String)> {
    fn header(&self, name: &str) -> Option<&str> {
        self.as_slice().header(name)
    }
}

/// Top-level string fields already read from a body, by name: what a
/// caller that reads the body anyway hands the executor so it need not
/// read it again.
pub trait BodyFields {
    /// The string field `name`; `None` when absent or not a string.
    fn field(&self, name: &str) -> Option<&str>;
}

impl BodyFields for [(&str, Option<&str>)] {
    fn field(&self, name: &str) -> Option<&str> {
        self.iter().find(|(n, _)| *n == name).and_then(|(_, v)| *v)
    }
}

impl<const N: usize> BodyFields for [(&str, Option<&str>); N] {
    fn field(&self, name: &str) -> Option<&str> {
        self.as_slice().field(name)
    }
}

impl BodyFields for Vec<(&str, Option<&str>)> {
    fn field(&self, name: &str) -> Option<&str> {
        self.as_slice().field(name)
    }
}

/// The message a recipe signs or verifies.
#[derive(Debug, Clone, Copy)]
pub struct Message<'a> {
    /// HTTP method, upper case.
    pub method: &'a str,
    /// Path without host or query (for a notification: the merchant's own path).
    pub target: &'a str,
    /// Query string without `?`, if any.
    pub query: Option<&'a str>,
    /// The body bytes exactly as sent or received.
    pub body: &'a [u8],
    /// Whether the message carries a body (every request but a GET, every
    /// response and notification); `when: body` lines depend on it.
    pub has_body: bool,
}

/// Everything a recipe reads besides the message.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    /// The configured credentials.
    pub credentials: &'a dyn CredentialSource,
    /// Values the caller chooses, by value name (a stored Request-Id, a
    /// timestamp to reproduce a signature): they replace generated ids and
    /// timestamps and supply `header` inputs.
    pub set: &'a [(&'a str, &'a str)],
    /// The message's headers (received, when verifying).
    pub headers: &'a dyn Headers,
    /// Top-level string fields already read from the body, by name (so a
    /// caller that reads the body once anyway need not have it read again);
    /// `None` to let the executor read the body.
    pub fields: Option<&'a dyn BodyFields>,
    /// The request's values, when verifying its response.
    pub sent: &'a [(Text, Vec<u8>)],
    /// The clock.
    pub now: SystemTime,
    /// The access token, for recipes that use one.
    pub token: Option<&'a str>,
}

impl<'a> Context<'a> {
    /// A context with `credentials`, the system clock and nothing else.
    pub fn new(credentials: &'a dyn CredentialSource) -> Self {
        Context {
            credentials,
            set: &[],
            headers: &(),
            fields: None,
            sent: &[],
            now: SystemTime::now(),
            token: None,
        }
    }
}

/// Why a recipe could not sign, or a message did not verify. Carries no
/// secret and no signed text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecipeError {
    /// A header the recipe reads or checks is absent.
    MissingHeader(String),
    /// A body field the recipe reads is absent or not a string.
    MissingField(String),
    /// The body field that carries the signature is absent or not a string.
    MissingSignatureField(String),
    /// A credential the recipe uses is not configured.
    MissingCredential(String),
    /// The recipe uses the access token and there is none.
    NoToken,
    /// A received header does not start with the recipe's literal prefix.
    WrongPrefix {
        /// The header.
        name: String,
        /// What it must start with.
        prefix: String,
    },
    /// A received header or field does not match the message.
    Mismatch {
        /// The header or field.
        name: String,
        /// Whether it is a body field.
        field: bool,
    },
    /// A caller-chosen or received id is longer than the provider accepts.
    TooLong {
        /// The value.
        name: String,
        /// Its limit.
        max: usize,
    },
    /// A caller-chosen or received id has characters other than printable ASCII.
    NotPrintable(String),
    /// A caller-chosen or received numeric id has characters other than digits.
    NotDigits(String),
    /// A value written into a header is not UTF-8.
    NotText(String),
    /// A credential used as an RSA key is not a PEM RSA key.
    BadKey(String),
    /// A name the recipe refers to is not defined (the lint prevents this).
    UnknownValue(String),
}

impl std::fmt::Display for RecipeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RecipeError::MissingHeader(h) => write!(f, "the {h} header is missing"),
            RecipeError::MissingField(name) => write!(
                f,
                "the message has no string field `{name}`, which its signature covers"
            ),
            RecipeError::MissingSignatureField(name) => write!(
                f,
                "the message has no string field `{name}`, which carries its signature"
            ),
            RecipeError::MissingCredential(c) => write!(f, "credential `{c}` is not configured"),
            RecipeError::NoToken => f.write_str("the recipe needs an access token and has none"),
            RecipeError::WrongPrefix { name, prefix } => {
                write!(f, "the {name} header does not start with {prefix}")
            }
            RecipeError::Mismatch { name, field: false } => {
                write!(f, "the {name} header does not match the message")
            }
            RecipeError::Mismatch { name, field: true } => {
                write!(f, "the `{name}` field does not match the message")
            }
            RecipeError::TooLong { name, max } => {
                write!(f, "`{name}` is longer than {max} characters")
            }
            RecipeError::NotPrintable(name) => {
                write!(f, "`{name}` has characters other than printable ASCII")
            }
            RecipeError::NotDigits(name) => {
                write!(f, "`{name}` has characters other than the digits 0-9")
            }
            RecipeError::NotText(name) => write!(f, "`{name}` is not UTF-8 text"),
            RecipeError::BadKey(c) => write!(f, "credential `{c}` is not a PEM RSA key"),
            RecipeError::UnknownValue(v) => write!(f, "the recipe has no value `{v}`"),
        }
    }
}

impl std::error::Error for RecipeError {}

/// Named values, in recipe order.
pub type Values = Vec<(Text, Vec<u8>)>;

/// What a recipe produced: every value, and the outputs.
#[derive(Clone, PartialEq, Eq)]
pub struct Signed {
    /// Every value, in recipe order.
    pub values: Values,
    /// The headers, in recipe order (`name`, `value`).
    pub headers: Vec<(String, String)>,
    /// The body fields, in recipe order.
    pub fields: Vec<(String, String)>,
}

impl std::fmt::Debug for Signed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Values and headers may carry credentials (Basic, a sent API key).
        f.debug_struct("Signed")
            .field(
                "headers",
                &self.headers.iter().map(|(n, _)| n).collect::<Vec<_>>(),
            )
            .finish_non_exhaustive()
    }
}

impl Signed {
    /// The value named `name`.
    pub fn value(&self, name: &str) -> Option<&[u8]> {
        self.values
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_slice())
    }

    /// Every value and output as `(label, text)` lines for a person
    /// debugging a signature, with anything carrying a credential replaced
    /// by `<redacted>` (values that are not UTF-8 are shown as base64).
    pub fn trace(&self, scheme: &Scheme, recipe: &Recipe) -> Vec<(String, String)> {
        let taints = taints(scheme, recipe);
        let mut lines = Vec::new();
        for (i, (name, bytes)) in self.values.iter().enumerate() {
            let shown = if taints.get(i).is_some_and(|t| t.redacted) {
                "<redacted>".to_owned()
            } else {
                match std::str::from_utf8(bytes) {
                    Ok(text) => text.to_owned(),
                    Err(_) => format!("(bytes, base64) {}", STANDARD.encode(bytes)),
                }
            };
            lines.push((name.to_string(), shown));
        }
        for (output, (name, value)) in recipe
            .headers
            .iter()
            .chain(recipe.fields.iter())
            .zip(self.headers.iter().chain(self.fields.iter()))
        {
            let redacted = template_taint(scheme, recipe, &taints, &output.template).redacted;
            let shown = if redacted {
                format!("{}<redacted>", output.template.prefix())
            } else {
                value.clone()
            };
            lines.push((name.clone(), shown));
        }
        lines
    }
}

/// Signs a notification as the provider sends one: a POST of `body` to
/// `target` (the receiver's path), with the caller's values `set` (the
/// provider's id and clock). `None` when the scheme signs no notifications.
pub fn sign_notification(
    scheme: &Scheme,
    credentials: &Credentials,
    set: &[(&str, &str)],
    target: &str,
    body: &[u8],
) -> Option<Result<Signed, RecipeError>> {
    let recipe = scheme.notification.as_ref()?;
    let message = Message {
        method: "POST",
        target,
        query: None,
        body,
        has_body: true,
    };
    let mut cx = Context::new(credentials);
    cx.set = set;
    Some(sign(scheme, recipe, &message, &cx))
}

/// Runs `recipe` to sign `message`: every value computed, every output written.
pub fn sign(
    scheme: &Scheme,
    recipe: &Recipe,
    message: &Message<'_>,
    cx: &Context<'_>,
) -> Result<Signed, RecipeError> {
    let json = OnceCell::new();
    let mut run = Run::<Vec<u8>>::new(scheme, recipe, message, cx, Vec::new(), &json);
    run.values()?;
    let headers = run.render_outputs(&recipe.headers)?;
    let fields = run.render_outputs(&recipe.fields)?;
    Ok(Signed {
        values: run.values,
        headers,
        fields,
    })
}

/// Runs `recipe` to verify a received `message`: the values it carries (a
/// generated id, a timestamp, an id credential the verifier was not given)
/// are read from the headers that carry them, the rest recomputed, and every
/// other output compared in constant time with what was received.
///
/// Returns every value and output, as [`sign`] does; a caller that only
/// needs the verdict calls [`check`], which builds none of them.
pub fn verify(
    scheme: &Scheme,
    recipe: &Recipe,
    message: &Message<'_>,
    cx: &Context<'_>,
) -> Result<Signed, RecipeError> {
    let json = OnceCell::new();
    let run = verified::<Vec<u8>>(scheme, recipe, message, cx, &json)?;
    let headers = recipe
        .headers
        .iter()
        .map(|output| {
            let received = cx.headers.header(&output.name).unwrap_or_default().trim();
            (output.name.to_string(), received.to_owned())
        })
        .collect();
    let fields = recipe
        .fields
        .iter()
        .map(|output| {
            // Present: `verified` checked it.
            let received = run.field(&output.name).unwrap_or_default();
            (output.name.to_string(), received.to_owned())
        })
        .collect();
    Ok(Signed {
        values: run.values,
        headers,
        fields,
    })
}

/// [`verify`] without its result: the same checks in the same order, with
/// the same errors, but no values or outputs copied out (what a notification
/// handler needs before it trusts a body).
pub fn check(
    scheme: &Scheme,
    recipe: &Recipe,
    message: &Message<'_>,
    cx: &Context<'_>,
) -> Result<(), RecipeError> {
    let json = OnceCell::new();
    verified::<Cow<'_, [u8]>>(scheme, recipe, message, cx, &json).map(drop)
}

/// The checks of [`verify`]; the run holds the values it computed.
fn verified<'r, V: Stored<'r>>(
    scheme: &'r Scheme,
    recipe: &'r Recipe,
    message: &'r Message<'r>,
    cx: &'r Context<'r>,
    json: &'r OnceCell<Option<serde_json::Value>>,
) -> Result<Run<'r, V>, RecipeError> {
    let mut carried = Vec::new();
    for output in recipe.headers.iter() {
        if let Some(value) = output
            .template
            .only_value()
            .filter(|v| is_carrier(scheme, recipe, cx, v))
        {
            let received = cx
                .headers
                .header(&output.name)
                .ok_or_else(|| RecipeError::MissingHeader(output.name.to_string()))?;
            carried.push((value, received));
        }
    }
    // A received header is checked before anything is computed from the
    // body, so a missing signature is reported as missing.
    for output in recipe.headers.iter().filter(|o| compared(&carried, o)) {
        let received = cx
            .headers
            .header(&output.name)
            .ok_or_else(|| RecipeError::MissingHeader(output.name.to_string()))?;
        let prefix = output.template.prefix();
        if !received.trim().starts_with(prefix) {
            return Err(RecipeError::WrongPrefix {
                name: output.name.to_string(),
                prefix: prefix.to_owned(),
            });
        }
    }
    let mut run = Run::new(scheme, recipe, message, cx, carried, json);
    run.values()?;
    for output in recipe.headers.iter() {
        if compared(&run.carried, output) {
            let received = cx.headers.header(&output.name).unwrap_or_default().trim();
            run.check(output, received, false)?;
        }
    }
    for output in recipe.fields.iter() {
        let received = run
            .field(&output.name)
            .ok_or_else(|| RecipeError::MissingSignatureField(output.name.to_string()))?;
        run.check(output, received, true)?;
    }
    Ok(run)
}

/// Whether a verifier compares header `output` with what it computes: every
/// header but those it read a `carried` value from.
fn compared(carried: &[(&str, &str)], output: &Output) -> bool {
    match output.template.only_value() {
        Some(v) => !carried.iter().any(|(name, _)| *name == v),
        None => true,
    }
}

/// Whether a verifier takes `value` from the header that carries it.
fn is_carrier(scheme: &Scheme, recipe: &Recipe, cx: &Context<'_>, value: &str) -> bool {
    match recipe.value(value) {
        Some(v) => v.source.is_carried(),
        None => {
            scheme
                .credential(value)
                .is_some_and(|c| c.kind == CredentialKind::Id)
                && cx.credentials.get(value).is_none()
        }
    }
}

/// How a run keeps its values: owned (`Vec<u8>`, when they are returned
/// as [`Values`]) or borrowed where they are inputs as they are (`Cow`,
/// when only the verdict is).
trait Stored<'r>: From<Cow<'r, [u8]>> + AsRef<[u8]> {}

impl<'r, V: From<Cow<'r, [u8]>> + AsRef<[u8]>> Stored<'r> for V {}

/// One execution. Everything it reads lives as long as `'r`, so a value
/// that is an input as it is (a body field, a header, a credential) need
/// not be copied.
struct Run<'r, V> {
    scheme: &'r Scheme,
    recipe: &'r Recipe,
    message: &'r Message<'r>,
    cx: &'r Context<'r>,
    /// Values read from the message's headers (verifying): name, text.
    carried: Vec<(&'r str, &'r str)>,
    /// The values computed so far, named, in recipe order.
    values: Vec<(Text, V)>,
    /// The body parsed as JSON, once, when a field is read from it.
    json: &'r OnceCell<Option<serde_json::Value>>,
}

impl<'r, V: Stored<'r>> Run<'r, V> {
    fn new(
        scheme: &'r Scheme,
        recipe: &'r Recipe,
        message: &'r Message<'r>,
        cx: &'r Context<'r>,
        carried: Vec<(&'r str, &'r str)>,
        json: &'r OnceCell<Option<serde_json::Value>>,
    ) -> Self {
        Run {
            scheme,
            recipe,
            message,
            cx,
            carried,
            values: Vec::with_capacity(recipe.values.len()),
            json,
        }
    }

    fn given(&self, name: &str) -> Option<&'r str> {
        self.carried
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| *v)
            .or_else(|| {
                self.cx
                    .set
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| *v)
            })
    }

    fn values(&mut self) -> Result<(), RecipeError> {
        let recipe = self.recipe;
        for value in recipe.values.iter() {
            let bytes = self.computed(&value.name, &value.source, &value.steps)?;
            self.values.push((value.name.clone(), V::from(bytes)));
        }
        Ok(())
    }

    /// A source followed by steps; inputs are read in place, not copied,
    /// and a value without steps that is an input stays borrowed.
    fn computed(
        &self,
        name: &str,
        source: &'r Source,
        steps: &[Step],
    ) -> Result<Cow<'r, [u8]>, RecipeError> {
        let Some((first, rest)) = steps.split_first() else {
            return self.source(name, source);
        };
        // A digest or MAC is kept where it is computed and encoded from
        // there; a composed source is fed to it without being assembled.
        let composed = matches!(
            source,
            Source::Template(_) | Source::Lines(_) | Source::Join { .. }
        );
        let streamed = match composed {
            true => self.digest(first, Input::Composed(source))?,
            false => None,
        };
        let (mut bytes, rest) = match streamed {
            Some(digest) => self.encoded(&digest, rest)?,
            None => {
                let input = match source {
                    Source::Value(v) => self.lookup(v)?,
                    _ => self.source(name, source)?,
                };
                match self.digest(first, Input::Bytes(&input))? {
                    Some(digest) => self.encoded(&digest, rest)?,
                    None => (self.step(first, &input)?, rest),
                }
            }
        };
        for step in rest {
            bytes = self.step(step, &bytes)?;
        }
        Ok(Cow::Owned(bytes))
    }

    /// A digest with the next of the `rest` steps applied, and the steps
    /// after that.
    fn encoded<'s>(
        &self,
        digest: &Digest,
        rest: &'s [Step],
    ) -> Result<(Vec<u8>, &'s [Step]), RecipeError> {
        Ok(match rest.split_first() {
            Some((next, rest)) => (self.step(next, digest.bytes())?, rest),
            None => (digest.bytes().to_vec(), rest),
        })
    }

    /// The digest or MAC `step` of `input`; `None` for any other step, or a
    /// key not configured (the general path then reports errors in its
    /// usual order).
    #[inline(always)]
    fn digest(&self, step: &Step, input: Input<'_>) -> Result<Option<Digest>, RecipeError> {
        let key = |k: &str| self.credential(k).ok().map(|s| s.expose().as_bytes());
        Ok(match step {
            Step::Sha256 => Some(self.fed(Sha256::new(), input)?),
            Step::Sha512 => Some(self.fed(Sha512::new(), input)?),
            Step::HmacSha256(k) => {
                match key(k).and_then(|k| Hmac::<Sha256>::new_from_slice(k).ok()) {
                    Some(mac) => Some(self.fed(mac, input)?),
                    None => None,
                }
            }
            Step::HmacSha512(k) => {
                match key(k).and_then(|k| Hmac::<Sha512>::new_from_slice(k).ok()) {
                    Some(mac) => Some(self.fed(mac, input)?),
                    None => None,
                }
            }
            _ => None,
        })
    }

    /// Feeds `input` to `hash` and finishes it.
    #[inline(always)]
    fn fed<H>(&self, hash: H, input: Input<'_>) -> Result<Digest, RecipeError>
    where
        H: hmac::digest::Update + hmac::digest::FixedOutput,
    {
        let mut feed = Feed(hash);
        match input {
            Input::Bytes(bytes) => feed.put(bytes),
            Input::Composed(Source::Template(t)) => self.render_into(&mut feed, t)?,
            Input::Composed(Source::Lines(lines)) => self.join_into(&mut feed, b"\n", lines)?,
            Input::Composed(Source::Join { sep, parts }) => {
                self.join_into(&mut feed, sep.as_bytes(), parts)?
            }
            Input::Composed(_) => {}
        }
        Ok(Digest::of(feed.0.finalize_fixed().as_slice()))
    }

    fn credential(&self, name: &str) -> Result<&'r Secret, RecipeError> {
        self.cx
            .credentials
            .get(name)
            .ok_or_else(|| RecipeError::MissingCredential(name.to_owned()))
    }

    fn source(&self, name: &str, source: &'r Source) -> Result<Cow<'r, [u8]>, RecipeError> {
        let borrowed = |text: &'r str| Cow::Borrowed(text.as_bytes());
        Ok(match source {
            Source::Value(v) => Cow::Owned(self.lookup(v)?.into_owned()),
            Source::Method => borrowed(self.message.method),
            Source::Target => borrowed(self.message.target),
            Source::TargetWithQuery => Cow::Owned(target_with_query(self.message).into_bytes()),
            Source::Body { or } => match (self.message.body.is_empty(), or) {
                (true, Some(text)) => borrowed(text),
                _ => Cow::Borrowed(self.message.body),
            },
            Source::Header(h) => borrowed(
                self.given(name)
                    .or_else(|| self.cx.headers.header(h))
                    .ok_or_else(|| RecipeError::MissingHeader(h.to_string()))?,
            ),
            Source::Credential(c) => borrowed(self.credential(c)?.expose()),
            Source::Now(format) => match self.given(name) {
                Some(given) => borrowed(given),
                None => Cow::Owned(format.format(self.cx.now).into_bytes()),
            },
            Source::Uuid { max_len } => match self.given(name) {
                Some(given) => {
                    check_id(name, given, *max_len)?;
                    borrowed(given)
                }
                None => {
                    let id = uuid::Uuid::new_v4();
                    let mut text = if *max_len >= 36 {
                        id.hyphenated().to_string()
                    } else {
                        id.simple().to_string()
                    };
                    text.truncate(*max_len);
                    Cow::Owned(text.into_bytes())
                }
            },
            Source::Digits { max_len } => match self.given(name) {
                Some(given) => {
                    check_id(name, given, *max_len)?;
                    if !given.bytes().all(|b| b.is_ascii_digit()) {
                        return Err(RecipeError::NotDigits(name.to_owned()));
                    }
                    borrowed(given)
                }
                None => Cow::Owned(random_digits(*max_len).into_bytes()),
            },
            Source::Field(path) => borrowed(
                self.field(path)
                    .ok_or_else(|| RecipeError::MissingField(path.to_string()))?,
            ),
            Source::Sent(v) => self
                .cx
                .sent
                .iter()
                .find(|(n, _)| n == v)
                .map(|(_, b)| Cow::Borrowed(b.as_slice()))
                .ok_or_else(|| RecipeError::UnknownValue(v.to_string()))?,
            Source::Literal(text) => borrowed(text),
            Source::Template(t) => Cow::Owned(self.render(t)?),
            Source::Lines(lines) => Cow::Owned(self.join(b"\n", lines)?),
            Source::Join { sep, parts } => Cow::Owned(self.join(sep.as_bytes(), parts)?),
            Source::Basic { user, password } => {
                let mut pair = self.credential(user)?.expose().to_owned();
                pair.push(':');
                if let Some(password) = password {
                    pair.push_str(self.credential(password)?.expose());
                }
                Cow::Owned(STANDARD.encode(pair).into_bytes())
            }
            Source::Token => borrowed(self.token()?),
        })
    }

    /// The access token: the caller's (`Context::token`), or one given by
    /// name (`--set access_token=…`, to reproduce a signature).
    fn token(&self) -> Result<&'r str, RecipeError> {
        self.cx
            .token
            .or_else(|| self.given(super::ACCESS_TOKEN))
            .ok_or(RecipeError::NoToken)
    }

    fn join(&self, sep: &[u8], parts: &[Line]) -> Result<Vec<u8>, RecipeError> {
        // One buffer for every part: a string to sign is a few hundred bytes.
        let mut out = Vec::with_capacity(256);
        self.join_into(&mut out, sep, parts)?;
        Ok(out)
    }

    fn join_into(
        &self,
        out: &mut impl Sink,
        sep: &[u8],
        parts: &[Line],
    ) -> Result<(), RecipeError> {
        let mut first = true;
        for part in parts {
            if part.when_body && !self.message.has_body {
                continue;
            }
            if !first {
                out.put(sep);
            }
            first = false;
            self.render_into(out, &part.template)?;
        }
        Ok(())
    }

    /// A value, input word or id/sent credential referred to by name.
    fn lookup(&self, name: &str) -> Result<Cow<'_, [u8]>, RecipeError> {
        if let Some(given) = self.carried.iter().find(|(n, _)| *n == name) {
            return Ok(Cow::Borrowed(given.1.as_bytes()));
        }
        if let Some((_, bytes)) = self.values.iter().find(|(n, _)| n == name) {
            return Ok(Cow::Borrowed(bytes.as_ref()));
        }
        match name {
            "method" => return Ok(Cow::Borrowed(self.message.method.as_bytes())),
            "target" => return Ok(Cow::Borrowed(self.message.target.as_bytes())),
            "target_with_query" => {
                return Ok(Cow::Owned(target_with_query(self.message).into_bytes()))
            }
            super::ACCESS_TOKEN => return Ok(Cow::Borrowed(self.token()?.as_bytes())),
            _ => {}
        }
        if self.scheme.credential(name).is_some() {
            return Ok(Cow::Borrowed(self.credential(name)?.expose().as_bytes()));
        }
        Err(RecipeError::UnknownValue(name.to_owned()))
    }

    fn render(&self, template: &Template) -> Result<Vec<u8>, RecipeError> {
        let mut out = Vec::new();
        self.render_into(&mut out, template)?;
        Ok(out)
    }

    fn render_into(&self, out: &mut impl Sink, template: &Template) -> Result<(), RecipeError> {
        for piece in template.pieces.iter() {
            match piece {
                Piece::Text(t) => out.put(t.as_bytes()),
                Piece::Value(v) => out.put(&self.lookup(v)?),
            }
        }
        Ok(())
    }

    fn render_text(&self, name: &str, template: &Template) -> Result<String, RecipeError> {
        String::from_utf8(self.render(template)?).map_err(|_| RecipeError::NotText(name.to_owned()))
    }

    fn render_outputs(&self, outputs: &[Output]) -> Result<Vec<(String, String)>, RecipeError> {
        outputs
            .iter()
            .map(|o| Ok((o.name.to_string(), self.render_text(&o.name, &o.template)?)))
            .collect()
    }

    fn step(&self, step: &Step, input: &[u8]) -> Result<Vec<u8>, RecipeError> {
        Ok(match step {
            Step::Sha256 => Sha256::digest(input).to_vec(),
            Step::Sha512 => Sha512::digest(input).to_vec(),
            Step::Hex => lower_hex(input),
            Step::Base64 => STANDARD.encode(input).into_bytes(),
            Step::Base64Url => URL_SAFE_NO_PAD.encode(input).into_bytes(),
            Step::Minify => super::minify_json(input),
            Step::HmacSha256(k) => hmac::<Hmac<Sha256>>(self.credential(k)?, input),
            Step::HmacSha512(k) => hmac::<Hmac<Sha512>>(self.credential(k)?, input),
            Step::RsaSha256(k) => {
                let key = self.credential(k)?;
                if is_public_key(key) {
                    // A verifier holds the public key: it cannot produce
                    // the signature, and checks the received one instead
                    // (`rsa_check`).
                    Vec::new()
                } else {
                    rsa_sign(k, key, input)?
                }
            }
            Step::JwtHs256(k) => {
                const HEADER: &str = r#"{"alg":"HS256","typ":"JWT"}"#;
                let signing_input = format!(
                    "{}.{}",
                    URL_SAFE_NO_PAD.encode(HEADER),
                    URL_SAFE_NO_PAD.encode(input)
                );
                let mac = hmac::<Hmac<Sha256>>(self.credential(k)?, signing_input.as_bytes());
                format!("{signing_input}.{}", URL_SAFE_NO_PAD.encode(mac)).into_bytes()
            }
        })
    }

    /// A string field of the body by dotted path, exactly as received.
    fn field(&self, path: &str) -> Option<&'r str> {
        if let Some(fields) = self.cx.fields {
            return fields.field(path);
        }
        let body = self.message.body;
        let json = self.json.get_or_init(|| serde_json::from_slice(body).ok());
        let mut node = json.as_ref();
        for key in path.split('.') {
            node = node.and_then(|n| n.get(key));
        }
        node.and_then(|n| n.as_str())
    }

    fn check(&self, output: &Output, received: &str, field: bool) -> Result<(), RecipeError> {
        let mismatch = || RecipeError::Mismatch {
            name: output.name.to_string(),
            field,
        };
        if let Some(verified) = self.rsa_check(output, received) {
            return verified.and_then(|ok| if ok { Ok(()) } else { Err(mismatch()) });
        }
        // A template that is one value (`{signature_key}`) is that value.
        let expected = match output.template.only_value() {
            Some(value) => self.lookup(value)?,
            None => Cow::Owned(self.render(&output.template)?),
        };
        let same = if output.ignore_case {
            constant_time_eq_ignore_ascii_case(&expected, received.as_bytes())
        } else {
            constant_time_eq(&expected, received.as_bytes())
        };
        if same {
            Ok(())
        } else {
            Err(mismatch())
        }
    }

    /// An RSA signature is checked with the public key, not recomputed: for
    /// an output `prefix{v}` where `v` ends in `rsa_sha256: k` (then
    /// optionally `base64`) and credential `k` is a PEM public key.
    fn rsa_check(&self, output: &Output, received: &str) -> Option<Result<bool, RecipeError>> {
        let [rest @ .., Piece::Value(name)] = &*output.template.pieces else {
            return None;
        };
        if rest.iter().any(|p| matches!(p, Piece::Value(_))) {
            return None;
        }
        let value = self.recipe.value(name)?;
        let (signed_steps, encoded) = match &*value.steps {
            [before @ .., Step::RsaSha256(_), Step::Base64] => (before, true),
            [before @ .., Step::RsaSha256(_)] => (before, false),
            _ => return None,
        };
        let key_name = value.steps.iter().find_map(|s| match s {
            Step::RsaSha256(k) => Some(k),
            _ => None,
        })?;
        let key = self.cx.credentials.get(key_name)?;
        if !is_public_key(key) {
            return None;
        }
        Some((|| {
            let input = self.computed(name, &value.source, signed_steps)?;
            let signature = received
                .strip_prefix(output.template.prefix())
                .unwrap_or(received);
            let signature = if encoded {
                match STANDARD.decode(signature) {
                    Ok(bytes) => bytes,
                    Err(_) => return Ok(false),
                }
            } else {
                signature.as_bytes().to_vec()
            };
            rsa_verify(key_name, key, &input, &signature)
        })())
    }
}

/// Where rendered text goes: a buffer, or straight into a digest or MAC.
trait Sink {
    fn put(&mut self, bytes: &[u8]);
}

impl Sink for Vec<u8> {
    fn put(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }
}

/// What a digest or MAC is fed: bytes, or a composed source (`template`,
/// `lines`, `join`) rendered piece by piece.
#[derive(Clone, Copy)]
enum Input<'x> {
    Bytes(&'x [u8]),
    Composed(&'x Source),
}

/// A digest or MAC being fed.
struct Feed<H>(H);

impl<H: hmac::digest::Update> Sink for Feed<H> {
    fn put(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }
}

/// A digest or MAC result, kept where it was computed (every one a recipe
/// streams is at most 64 bytes).
struct Digest {
    buf: [u8; 64],
    len: usize,
}

impl Digest {
    fn of(bytes: &[u8]) -> Self {
        let mut buf = [0; 64];
        let len = bytes.len().min(buf.len());
        buf[..len].copy_from_slice(&bytes[..len]);
        Digest { buf, len }
    }

    fn bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }
}

/// [`constant_time_eq`] after ASCII lowercasing both sides, without
/// allocating (hex of any case is the same hash).
fn constant_time_eq_ignore_ascii_case(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut diff = 0u8;
    for (x, y) in a.iter().zip(b) {
        diff |= x.to_ascii_lowercase() ^ y.to_ascii_lowercase();
    }
    bool::from(subtle::ConstantTimeEq::ct_eq(&diff, &0u8))
}

fn target_with_query(message: &Message<'_>) -> String {
    match message.query {
        Some(q) if !q.is_empty() => format!("{}?{q}", message.target),
        _ => message.target.to_owned(),
    }
}

fn check_id(name: &str, id: &str, max_len: usize) -> Result<(), RecipeError> {
    if id.is_empty() || id.len() > max_len {
        return Err(RecipeError::TooLong {
            name: name.to_owned(),
            max: max_len,
        });
    }
    if !id.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return Err(RecipeError::NotPrintable(name.to_owned()));
    }
    Ok(())
}

/// `len` random decimal digits, from the random bytes of UUID v4s (the
/// version and variant bytes skipped; bytes of 250 and above dropped, so
/// every digit is equally likely).
pub(crate) fn random_digits(len: usize) -> String {
    let mut out = String::with_capacity(len);
    while out.len() < len {
        let bytes = uuid::Uuid::new_v4().into_bytes();
        let random = bytes
            .iter()
            .enumerate()
            .filter(|(i, b)| *i != 6 && *i != 8 && **b < 250)
            .map(|(_, b)| char::from(b'0' + b % 10));
        out.extend(random.take(len - out.len()));
    }
    out
}

/// Lowercase hexadecimal.
fn lower_hex(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() * 2);
    out.extend(
        bytes
            .iter()
            .flat_map(|&b| [hex_digit(b >> 4), hex_digit(b & 0x0f)]),
    );
    out
}

/// The lowercase hex digit of a nibble, by arithmetic: no branch and no
/// table indexed by (secret-derived) bytes, and cheaper than either.
fn hex_digit(nibble: u8) -> u8 {
    // `9 - nibble` wraps, setting its top bit, exactly when nibble > 9.
    let letter = 9u8.wrapping_sub(nibble) >> 7;
    nibble + b'0' + letter * (b'a' - b'0' - 10)
}

fn hmac<M: Mac + hmac::digest::KeyInit>(key: &Secret, message: &[u8]) -> Vec<u8> {
    // HMAC accepts keys of any length, so this never fails; the fallback
    // keeps the function total without a panic path.
    match <M as hmac::digest::KeyInit>::new_from_slice(key.expose().as_bytes()) {
        Ok(mut mac) => {
            mac.update(message);
            mac.finalize().into_bytes().to_vec()
        }
        Err(_) => Vec::new(),
    }
}

fn is_public_key(key: &Secret) -> bool {
    key.expose().contains("-----BEGIN PUBLIC KEY-----")
        || key.expose().contains("-----BEGIN RSA PUBLIC KEY-----")
}

fn rsa_sign(name: &str, key: &Secret, message: &[u8]) -> Result<Vec<u8>, RecipeError> {
    use rsa::pkcs1::DecodeRsaPrivateKey as _;
    use rsa::pkcs8::DecodePrivateKey as _;
    use rsa::signature::{SignatureEncoding as _, Signer as _};
    let pem = key.expose();
    let private = rsa::RsaPrivateKey::from_pkcs8_pem(pem)
        .or_else(|_| rsa::RsaPrivateKey::from_pkcs1_pem(pem))
        .map_err(|_| RecipeError::BadKey(name.to_owned()))?;
    let signer = rsa::pkcs1v15::SigningKey::<Sha256>::new(private);
    signer
        .try_sign(message)
        .map(|s| s.to_vec())
        .map_err(|_| RecipeError::BadKey(name.to_owned()))
}

fn rsa_verify(
    name: &str,
    key: &Secret,
    message: &[u8],
    signature: &[u8],
) -> Result<bool, RecipeError> {
    use rsa::pkcs1::DecodeRsaPublicKey as _;
    use rsa::pkcs8::DecodePublicKey as _;
    use rsa::signature::Verifier as _;
    let pem = key.expose();
    let public = rsa::RsaPublicKey::from_public_key_pem(pem)
        .or_else(|_| rsa::RsaPublicKey::from_pkcs1_pem(pem))
        .map_err(|_| RecipeError::BadKey(name.to_owned()))?;
    let verifier = rsa::pkcs1v15::VerifyingKey::<Sha256>::new(public);
    let Ok(signature) = rsa::pkcs1v15::Signature::try_from(signature) else {
        return Ok(false);
    };
    Ok(verifier.verify(message, &signature).is_ok())
}
