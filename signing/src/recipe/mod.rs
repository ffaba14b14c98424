//! Signature recipes: a closed vocabulary of inputs, transforms, MACs and
//! signatures that a provider's spec composes (`auth:` in `provider.yaml`),
//! and (with the `run` feature) the executor that runs them.
//!
//! A [`Recipe`] is a list of named [`Value`]s, each a [`Source`] followed by
//! [`Step`]s, and the headers (and body fields) built from them by
//! [`Template`]s. The same recipe signs (compute every value, write every
//! output) and verifies (take the values a message carries from its headers,
//! recompute the rest, compare every other output in constant time): see
//! [`sign`], and [`verify`] or [`check`] (the verdict alone).
//!
//! Every type here holds `Cow<'static, …>`, so a generated client keeps its
//! recipes as `const` data and a loader builds the same types from YAML.
//! Nothing in this module names a provider.

mod prim;
#[cfg(feature = "run")]
mod run;
mod taint;

use std::borrow::Cow;

pub use prim::{minify_json, TimeFormat};
#[cfg(feature = "run")]
pub use run::{
    check, sign, sign_notification, verify, BodyFields, Context, CredentialSource, Credentials,
    Headers, Message, RecipeError, Signed, Values,
};
pub use taint::{secret_reaches, Taint};

/// Text in a recipe: borrowed in generated code, owned when loaded.
pub type Text = Cow<'static, str>;
/// A list in a recipe: borrowed in generated code, owned when loaded.
pub type List<T> = Cow<'static, [T]>;

/// What a provider's authentication is: its credentials and one recipe per
/// direction.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Scheme {
    /// The named credentials a client is configured with, in constructor order.
    pub credentials: List<CredentialDecl>,
    /// Signs our requests.
    pub request: Option<Recipe>,
    /// Verifies the provider's responses.
    pub response: Option<Recipe>,
    /// Verifies the provider's inbound notifications.
    pub notification: Option<Recipe>,
    /// The provider's access-token flow, when its calls carry a token.
    pub token: Option<TokenFlow>,
}

/// The input word a request recipe writes for the access token
/// (`Authorization: "Bearer {access_token}"`).
pub const ACCESS_TOKEN: &str = "access_token";

/// How a client obtains the access token its later calls carry: which
/// endpoint issues it, how that request is signed, and where the token and
/// its lifetime are in the answer.
#[derive(Debug, Clone, PartialEq)]
pub struct TokenFlow {
    /// The spec name of the token endpoint (`access_token_b2b`).
    pub endpoint: Text,
    /// Its HTTP method, upper case.
    pub method: Text,
    /// Its path below the base URL.
    pub path: Text,
    /// The request body, sent exactly as written.
    pub body: Text,
    /// The recipe that signs the token request (it cannot use the token).
    pub request: Recipe,
    /// Dotted JSON path of the token in a successful answer.
    pub access_token: Text,
    /// Dotted JSON path of its lifetime in seconds (a JSON number or a
    /// string of digits); `None`: kept until the provider answers 401.
    pub expires_in: Option<Text>,
    /// How many seconds before it expires a token is replaced.
    pub refresh_before: u64,
}

impl Scheme {
    /// The declaration of credential `name`.
    pub fn credential(&self, name: &str) -> Option<&CredentialDecl> {
        self.credentials.iter().find(|c| c.name == name)
    }

    /// The credentials running `recipe` reads, in declaration order: what a
    /// caller of that recipe must supply (a notification verifier takes
    /// only these keys, by name).
    pub fn credentials_read_by<'s>(
        &'s self,
        recipe: &'s Recipe,
    ) -> impl Iterator<Item = &'s CredentialDecl> + 's {
        self.credentials
            .iter()
            .filter(move |c| recipe.reads_credential(&c.name))
    }
}

/// One named credential of the client configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialDecl {
    /// snake_case name (`secret_key`), the `Config` constructor argument.
    pub name: Text,
    /// How it may be used.
    pub kind: CredentialKind,
    /// The environment variable the command-line tools read it from.
    pub env: Text,
    /// What it is, for rustdoc.
    pub doc: Text,
}

/// How a credential may be used; the lint enforces it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CredentialKind {
    /// A public identifier (a client id): may appear in outputs as it is.
    Id,
    /// A signing key: only a MAC, signature or digest may cover it.
    Key,
    /// A secret the provider wants sent as it is (an API key header):
    /// redacted in `Debug` and traces, allowed in an output.
    Sent,
}

/// One direction's recipe.
#[derive(Debug, Clone, PartialEq)]
pub struct Recipe {
    /// Named values, each computed from inputs and earlier values.
    pub values: List<Value>,
    /// Headers: name and value template.
    pub headers: List<Output>,
    /// Top-level JSON body fields the signature travels in.
    pub fields: List<Output>,
}

impl Recipe {
    /// The header that carries the recipe's `now` value as it is (DOKU's
    /// `Request-Timestamp`): where a verifier reads the signed time.
    pub fn timestamp_header(&self) -> Option<&str> {
        let value = self
            .values
            .iter()
            .find(|v| matches!(v.source, Source::Now(_)))?;
        self.headers
            .iter()
            .find(|h| h.template.only_value() == Some(&*value.name))
            .map(|h| &*h.name)
    }

    /// The value named `name`.
    pub fn value(&self, name: &str) -> Option<&Value> {
        self.values.iter().find(|v| v.name == name)
    }

    /// Whether running the recipe reads credential `name`: as a source, as
    /// the key of a step, as a Basic user or password, or as a `{name}`
    /// reference that no value of the recipe shadows (values are looked up
    /// before credentials).
    pub fn reads_credential(&self, name: &str) -> bool {
        let refers = |r: &str| r == name && self.value(name).is_none();
        let in_template = |t: &Template| t.references().any(refers);
        self.values.iter().any(|v| {
            let source = match &v.source {
                Source::Credential(c) => c == name,
                Source::Value(r) => refers(r),
                Source::Basic { user, password } => {
                    user == name || password.as_deref() == Some(name)
                }
                Source::Template(t) => in_template(t),
                Source::Lines(lines) | Source::Join { parts: lines, .. } => {
                    lines.iter().any(|l| in_template(&l.template))
                }
                _ => false,
            };
            source || v.steps.iter().any(|s| s.key() == Some(name))
        }) || self
            .headers
            .iter()
            .chain(self.fields.iter())
            .any(|o| in_template(&o.template))
    }
}

/// A named value: a source, then transforms in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    /// snake_case name, referred to as `{name}` in templates.
    pub name: Text,
    /// Where its bytes start.
    pub source: Source,
    /// What is applied to them, in order.
    pub steps: List<Step>,
}

/// Where a value's bytes come from.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    /// An earlier value, by name.
    Value(Text),
    /// The HTTP method, upper case (`POST`).
    Method,
    /// The request target: the path without host and query.
    Target,
    /// The path with `?query` when there is one.
    TargetWithQuery,
    /// The body bytes exactly as sent or received; `or` replaces an empty body.
    Body {
        /// Text used when the message has no body.
        or: Option<Text>,
    },
    /// A header of the message (as received when verifying; from the
    /// caller's values when signing).
    Header(Text),
    /// A configured credential, by name.
    Credential(Text),
    /// The current time in a format; when verifying, taken from the header
    /// that carries it.
    Now(TimeFormat),
    /// A fresh UUID v4, or the caller's own id (at most `max_len` characters);
    /// when verifying, taken from the header that carries it.
    Uuid {
        /// The longest id the provider accepts.
        max_len: usize,
    },
    /// A fresh numeric id of `max_len` random decimal digits, or the
    /// caller's own (1 to `max_len` ASCII digits); when verifying, taken
    /// from the header that carries it (DOKU SNAP's X-EXTERNAL-ID, a
    /// "Numeric String").
    Digits {
        /// The longest id the provider accepts; a fresh one has this length.
        max_len: usize,
    },
    /// A string member of the JSON body by dotted path, exactly as received.
    Field(Text),
    /// A value the request recipe computed (for verifying its response).
    Sent(Text),
    /// A fixed text.
    Literal(Text),
    /// A template over earlier values.
    Template(Template),
    /// Templates joined by `\n`, without a trailing newline.
    Lines(List<Line>),
    /// Templates joined by a separator.
    Join {
        /// The separator.
        sep: Text,
        /// The parts.
        parts: List<Line>,
    },
    /// HTTP Basic credentials: `base64(user + ":" + password)` (without the
    /// `Basic ` prefix, which the header template writes).
    Basic {
        /// Credential used as the user name.
        user: Text,
        /// Credential used as the password; empty when absent.
        password: Option<Text>,
    },
    /// The access token of the provider's token flow (the word
    /// `access_token`).
    Token,
}

impl Source {
    /// Whether a verifier reads this value from the header that carries it
    /// instead of producing it.
    pub fn is_carried(&self) -> bool {
        matches!(
            self,
            Source::Now(_) | Source::Uuid { .. } | Source::Digits { .. }
        )
    }

    /// The longest value of a generated id (a UUID or a numeric id), which a
    /// caller may also choose; `None` for any other source.
    pub fn generated_id_max_len(&self) -> Option<usize> {
        match self {
            Source::Uuid { max_len } | Source::Digits { max_len } => Some(*max_len),
            _ => None,
        }
    }
}

/// One part of a `lines` or `join` source.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The text.
    pub template: Template,
    /// Only when the message has a body (every method but GET).
    pub when_body: bool,
}

/// A transform.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// SHA-256 digest.
    Sha256,
    /// SHA-512 digest.
    Sha512,
    /// Lowercase hexadecimal.
    Hex,
    /// Standard base64 with padding.
    Base64,
    /// URL-safe base64 without padding.
    Base64Url,
    /// JSON minify: whitespace outside strings removed, nothing else.
    Minify,
    /// HMAC-SHA256 keyed with a credential.
    HmacSha256(Text),
    /// HMAC-SHA512 keyed with a credential.
    HmacSha512(Text),
    /// RSASSA-PKCS1-v1_5 with SHA-256, signed with a PEM private-key
    /// credential; verified with the PEM public key of the same name.
    RsaSha256(Text),
    /// An HS256 JWT whose claim set is the input, keyed with a credential.
    JwtHs256(Text),
}

impl Step {
    /// The credential this step is keyed with.
    pub fn key(&self) -> Option<&str> {
        match self {
            Step::HmacSha256(k) | Step::HmacSha512(k) | Step::RsaSha256(k) | Step::JwtHs256(k) => {
                Some(k)
            }
            _ => None,
        }
    }
}

/// Text with `{value}` references.
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    /// Literal text and references, in order.
    pub pieces: List<Piece>,
}

impl Template {
    /// Parses `HMACSHA256={mac}`: `{name}` refers to a value; `{{` and `}}`
    /// are literal braces. `Err` names what is wrong.
    pub fn parse(text: &str) -> Result<Template, String> {
        let mut pieces = Vec::new();
        let mut literal = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    literal.push('{');
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                    literal.push('}');
                }
                '{' => {
                    let mut name = String::new();
                    loop {
                        match chars.next() {
                            Some('}') => break,
                            Some(c) => name.push(c),
                            None => return Err(format!("`{{{name}` is not closed")),
                        }
                    }
                    if name.is_empty() {
                        return Err("`{}` names no value".to_owned());
                    }
                    if !literal.is_empty() {
                        pieces.push(Piece::Text(std::mem::take(&mut literal).into()));
                    }
                    pieces.push(Piece::Value(name.into()));
                }
                '}' => return Err("a `}` without its `{` (write `}}` for a brace)".to_owned()),
                c => literal.push(c),
            }
        }
        if !literal.is_empty() {
            pieces.push(Piece::Text(literal.into()));
        }
        Ok(Template {
            pieces: pieces.into(),
        })
    }

    /// The single value this template is exactly (`{timestamp}`), if so.
    pub fn only_value(&self) -> Option<&str> {
        match &*self.pieces {
            [Piece::Value(v)] => Some(v),
            _ => None,
        }
    }

    /// The literal text the template starts with.
    pub fn prefix(&self) -> &str {
        match self.pieces.first() {
            Some(Piece::Text(t)) => t,
            _ => "",
        }
    }

    /// The values it refers to.
    pub fn references(&self) -> impl Iterator<Item = &str> {
        self.pieces.iter().filter_map(|p| match p {
            Piece::Value(v) => Some(&**v),
            Piece::Text(_) => None,
        })
    }
}

/// A piece of a template.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    /// Literal text.
    Text(Text),
    /// A value by name.
    Value(Text),
}

/// A header or body field a recipe writes (signing) or checks (verifying).
#[derive(Debug, Clone, PartialEq)]
pub struct Output {
    /// Header name, or top-level body field name.
    pub name: Text,
    /// Its value.
    pub template: Template,
    /// Whether a received value is compared ignoring ASCII case (hex).
    pub ignore_case: bool,
}

// The tests run recipes, so they need the executor.
#[cfg(all(test, feature = "run"))]
mod tests;
