//! Serde types that mirror the YAML spec files one to one.
//!
//! Nothing here is resolved: type names are still strings, paths are still
//! dotted text. `crate::ir` is where names are checked and converted. Every
//! struct denies unknown keys so a typo in a spec is a located load error
//! rather than a silently ignored setting. `spec/README.md` documents every
//! key defined here; keep the two in step.

use indexmap::IndexMap;
use serde::Deserialize;

use crate::spec::value::Yaml;

/// `error_convention:`: where a provider reports a call's outcome in its
/// response body (spec/README.md, "Error conventions").
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorConventionSpec {
    /// What the docs say about it.
    #[serde(default)]
    pub doc: Option<String>,
    /// Dotted path of the provider's code.
    #[serde(default)]
    pub code: Option<String>,
    /// Dotted paths of the message, the first present one wins.
    #[serde(default, deserialize_with = "one_or_more_strings")]
    pub message: Vec<String>,
    /// Dotted path of the message in a second language.
    #[serde(default)]
    pub message_local: Option<String>,
    /// Codes (`x`: any character) that mean success.
    #[serde(default)]
    pub success_codes: Vec<String>,
    /// A boolean member that must be `true` for success.
    #[serde(default)]
    pub success_flag: Option<String>,
    /// Where the result is in a successful envelope.
    #[serde(default)]
    pub result: Option<String>,
    /// The HTTP status of a replayed original response.
    #[serde(default)]
    pub replay_status: Option<u16>,
    /// What kind of value the code is (`symbol`, `numeric_string`, `number`).
    #[serde(default)]
    pub code_kind: Option<CodeKind>,
    /// Whether the message is the fixed text of its code (a status table's
    /// wording), not a sentence about the one failure.
    #[serde(default)]
    pub message_per_code: bool,
    /// Further members every error body carries, by dotted path (DOKU's
    /// `error.type`).
    #[serde(default)]
    pub members: IndexMap<String, ErrorMemberSpec>,
}

/// The kind of value a provider's code is (`error_convention.code_kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CodeKind {
    /// A symbolic string naming the failure (`"PAYMENT_FAILED"`).
    Symbol,
    /// A string of digits (`"412"`).
    NumericString,
    /// A JSON integer (`600`).
    Number,
}

/// `error_convention.members.<path>`: a member of every error body, with a
/// fixed value or one taken from the code or message.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorMemberSpec {
    /// What the docs say about it.
    #[serde(default)]
    pub doc: Option<String>,
    /// A fixed JSON value.
    #[serde(default)]
    pub value: Option<Yaml>,
    /// Where its value comes from instead.
    #[serde(default)]
    pub from: Option<MemberSource>,
}

/// Where an error member's value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MemberSource {
    /// The code, as it is.
    Code,
    /// The words of a symbolic code, each capitalised
    /// (`PAYMENT_FAILED` → `Payment Failed`).
    CodeWords,
    /// The message.
    Message,
}

/// `path_refs.<Name>`: a path parameter type whose value is one of several
/// kinds of id (spec/README.md, "Path reference types").
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PathRefSpec {
    /// What it is.
    pub doc: String,
    /// UpperCamel variant name → what that kind of id is.
    pub variants: IndexMap<String, String>,
}

/// One string or a list of strings.
fn one_or_more_strings<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMore {
        One(String),
        More(Vec<String>),
    }
    Ok(match OneOrMore::deserialize(d)? {
        OneOrMore::One(s) => vec![s],
        OneOrMore::More(v) => v,
    })
}

/// `spec/<provider>/provider.yaml`: what every endpoint of one provider shares.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProviderFile {
    /// Module name of the provider in the generated crate (`doku`).
    pub provider: String,
    /// Human name (`DOKU`).
    pub title: String,
    /// Rustdoc for the provider module.
    pub doc: String,
    /// The files in `provider-docs/` this provider is specified from, each
    /// with the SHA-256 of the text the spec was written against.
    #[serde(default)]
    pub docs: Vec<DocRef>,
    /// Audit findings a maintainer reviewed and accepted, each with why
    /// (read by `payspec audit`).
    #[serde(default)]
    pub audit_accepted: Vec<AcceptedFinding>,
    /// How requests are authenticated.
    pub auth: AuthSpec,
    /// Where the provider's responses carry its code and message, and which
    /// codes mean success.
    #[serde(default)]
    pub error_convention: Option<ErrorConventionSpec>,
    /// Reference types for path parameters: an id that may be one of
    /// several kinds in the same path position.
    #[serde(default)]
    pub path_refs: IndexMap<String, PathRefSpec>,
    /// Base URLs by environment name (`sandbox`, `production`).
    pub environments: IndexMap<String, EnvironmentSpec>,
    /// Headers every request carries, by wire name.
    #[serde(default)]
    pub request_headers: IndexMap<String, FieldSpec>,
    /// Headers every response carries, by wire name.
    #[serde(default)]
    pub response_headers: IndexMap<String, FieldSpec>,
    /// Optional request headers a caller may add per call (an idempotency
    /// key), by wire name, with their documented limits.
    #[serde(default)]
    pub call_headers: IndexMap<String, CallHeaderSpec>,
    /// When a call may be sent again after a transient failure: the
    /// idempotency key that makes a repeat safe (`retry:`). Without it only
    /// a GET is repeated.
    #[serde(default)]
    pub retry: Option<RetrySpec>,
    /// Enums shared by the provider's endpoints.
    #[serde(default)]
    pub enums: IndexMap<String, EnumSpec>,
    /// Named object types shared by the provider's endpoints.
    #[serde(default)]
    pub types: IndexMap<String, TypeSpec>,
    /// Decision tables (channel and bank rules) that become query functions.
    #[serde(default)]
    pub decisions: IndexMap<String, DecisionSpec>,
    /// Contradictions in the docs that concern no single field.
    #[serde(default)]
    pub discrepancies: Vec<DiscrepancySpec>,
    /// Stateful resources (orders, payments) and how endpoints move them
    /// between states; read by the sandbox (`payspec mock`).
    #[serde(default)]
    pub lifecycle: IndexMap<String, LifecycleSpec>,
    /// The public test values the conformance cases are signed with, by
    /// `auth.credentials` name (`case_credentials:`).
    #[serde(default)]
    pub case_credentials: IndexMap<String, CaseCredentialSpec>,
}

/// `case_credentials:` entry: a credential's test value, which the
/// conformance cases' signatures were computed with. Never a real secret.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseCredentialSpec {
    /// The value itself (a credential whose `env` does not end in `_FILE`).
    #[serde(default)]
    pub value: Option<String>,
    /// The file that holds it, relative to the provider directory (an
    /// `…_FILE` credential: a PEM key).
    #[serde(default)]
    pub file: Option<String>,
    /// The file the sandbox reads under the credential's `env` instead of
    /// `file`: the other half of a key pair.
    #[serde(default)]
    pub sandbox_file: Option<String>,
}

/// `call_headers:` entry: an optional per-call request header.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CallHeaderSpec {
    /// What it does, quoted from the docs.
    pub doc: String,
    /// The most characters the value may have, as documented.
    #[serde(default)]
    pub max_length: Option<usize>,
    /// The methods of the endpoints that take it (all when absent).
    #[serde(default)]
    pub methods: Vec<String>,
    /// When the value is a list (URLs separated by a comma).
    #[serde(default)]
    pub list: Option<CallHeaderListSpec>,
}

/// `retry:` in provider.yaml: what makes sending a call again safe.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetrySpec {
    /// What the docs say about repeating a request, quoted.
    pub doc: String,
    /// Where the key the provider de-duplicates by travels.
    pub idempotency_key: RetryKeySpec,
    /// How long the provider remembers a key, as documented: after it, a
    /// repeat is processed again, so no retry is sent later than this.
    #[serde(default)]
    pub key_lifetime_secs: Option<u64>,
}

/// `retry.idempotency_key`: exactly one of `value` or `header`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetryKeySpec {
    /// A generated id (`uuid_v4`) of the request recipe, which every
    /// attempt of a call reuses: every call carries the key.
    #[serde(default)]
    pub value: Option<String>,
    /// A `call_headers` entry the caller sets per call: only a call that
    /// carries it is repeated.
    #[serde(default)]
    pub header: Option<String>,
}

/// `list:` of a `call_headers:` entry.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CallHeaderListSpec {
    /// The one character between items.
    pub separator: String,
    /// The most items allowed.
    pub max_items: usize,
    /// The most characters one item may have, if documented.
    #[serde(default)]
    pub item_max_length: Option<usize>,
}

/// One entry of a provider's `docs:`: a page name, or a page name with the
/// fingerprint of the text the spec was written against (`payspec audit`
/// compares it, `payspec audit --accept` writes it).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum DocRef {
    /// `- page.txt`: no fingerprint recorded yet.
    Name(String),
    /// `- { file: page.txt, sha256: … }`.
    Pinned(DocPin),
}

/// `audit_accepted:` entry: a finding of `payspec audit` the spec
/// deliberately leaves as it is.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AcceptedFinding {
    /// The finding's kind (`endpoint_missing`).
    pub kind: String,
    /// The page it is on.
    pub page: String,
    /// Text the finding's message contains (a path, a field name), so the
    /// acceptance follows the finding when the page's lines move.
    #[serde(rename = "match")]
    pub matches: String,
    /// Why the spec differs from the page here.
    pub reason: String,
}

/// A page name with its fingerprint.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocPin {
    /// File name in the provider-docs folder.
    pub file: String,
    /// Lowercase hex SHA-256 of the page's bytes.
    pub sha256: String,
}

impl DocRef {
    /// The page's file name.
    pub fn file(&self) -> &str {
        match self {
            DocRef::Name(file) | DocRef::Pinned(DocPin { file, .. }) => file,
        }
    }

    /// The recorded fingerprint, if any.
    pub fn sha256(&self) -> Option<&str> {
        match self {
            DocRef::Name(_) => None,
            DocRef::Pinned(pin) => Some(&pin.sha256),
        }
    }
}

/// `generated_by:` on a field: which sibling field picks the shape, and the
/// shape for each of its values.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GeneratedBySpec {
    /// The wire name of a field of the same object (`bank`).
    pub field: String,
    /// That field's wire value → the `generated:` shape used then.
    pub shapes: IndexMap<String, String>,
}

/// `lifecycle.<resource>`: one stateful resource of the provider.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LifecycleSpec {
    /// What the resource is, in the docs' words.
    pub doc: String,
    /// Every state, in a readable order.
    pub states: Vec<String>,
    /// The state a new resource starts in.
    pub initial: String,
    /// Named actions (`capture`, `settle`) that move the resource.
    pub transitions: IndexMap<String, TransitionSpec>,
    /// The notification the sandbox sends when the resource changes state.
    #[serde(default)]
    pub notification: Option<LifecycleNotificationSpec>,
    /// State → the provider's own name for it (the wire value of its status
    /// field), written by the `state_name` fact; a state not listed is
    /// written as it is.
    #[serde(default)]
    pub state_names: IndexMap<String, String>,
    /// Per-state values written by the `state_value.<name>` fact: name →
    /// state → the text written (Midtrans' notification `status_code` per
    /// transaction state). A state not listed leaves the body's value.
    #[serde(default)]
    pub state_values: IndexMap<String, IndexMap<String, String>>,
}

/// `example_by:` — which of a body's examples the sandbox answers or sends
/// for one call: the first `from` value that is a key of `examples` picks
/// the example named there (without one, the body's first example).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleBySpec {
    /// Where the choosing values are read, in order: dotted request-body
    /// paths on a response, resource facts on a lifecycle notification.
    pub from: Vec<String>,
    /// Value → the name of the example chosen for it.
    pub examples: IndexMap<String, String>,
}

/// `lifecycle.<resource>.notification`: the body the sandbox POSTs on a
/// state change is this notification's first example, with resource facts
/// written into it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LifecycleNotificationSpec {
    /// A `kind: notification` of the provider, with an example body.
    pub name: String,
    /// Body path → the resource fact written there, as in a transition's `respond`.
    #[serde(default)]
    pub fill: IndexMap<String, String>,
    /// Which example is the body, by resource facts (the payment method's
    /// own sample); without it, the first example.
    #[serde(default)]
    pub example_by: Option<ExampleBySpec>,
}

/// One action on a lifecycle resource: by an endpoint, or by sandbox control
/// when `endpoint` is absent.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransitionSpec {
    /// The endpoint whose call performs the action; absent: test control only.
    #[serde(default)]
    pub endpoint: Option<String>,
    /// Where the resource's key is in the call: a dotted request-body path
    /// (`order.invoice_number`) or `path.<param>` for a path parameter.
    #[serde(default)]
    pub key: Option<String>,
    /// The resource attribute `key` is compared with (default `id`).
    #[serde(default)]
    pub matches: Option<String>,
    /// The call creates the resource (named by `key`) in state `to`; `from`
    /// is then empty, and a second call with the same key is refused.
    #[serde(default)]
    pub creates: bool,
    /// States the action is allowed from (empty for a creating action).
    #[serde(default)]
    pub from: Vec<String>,
    /// The state it moves to (for a `cumulative` action: once the whole
    /// amount is used up); absent for a read-only action (`reads`).
    #[serde(default)]
    pub to: Option<String>,
    /// The call only reads the resource (a status query): it answers the
    /// endpoint's success body with the `respond` facts and moves nothing.
    /// `from`, when given, limits the states it answers in.
    #[serde(default)]
    pub reads: bool,
    /// The endpoint's documented error body answered when no resource has
    /// the call's key.
    #[serde(default)]
    pub not_found: Option<String>,
    /// HTTP status of that answer (default: the error body's `status:`,
    /// else 404).
    #[serde(default)]
    pub not_found_status: Option<u16>,
    /// The action must happen within this many days of entering the from-state.
    #[serde(default)]
    pub within_days: Option<u32>,
    /// Request-body path of an amount the action applies; at most the
    /// resource's amount (absent in the request: the whole amount).
    #[serde(default)]
    pub amount: Option<String>,
    /// Amounts of repeated actions add up and may never exceed the resource's amount.
    #[serde(default)]
    pub cumulative: bool,
    /// For a `cumulative` action: the state entered while only part of the
    /// amount is used (`partial_refund`); `to` once the whole is.
    #[serde(default)]
    pub partial_to: Option<String>,
    /// A request-body path (a string field) naming the call's idempotency
    /// key: a call repeating an earlier call's value on the same resource
    /// gets that call's answer again and applies nothing.
    #[serde(default)]
    pub idempotent_by: Option<String>,
    /// How long an `idempotent_by` key replays its first answer; a repeat
    /// after that is refused with a documented error.
    #[serde(default)]
    pub idempotent_window: Option<IdempotentWindowSpec>,
    /// A decision table gating the action; its inputs are read from the
    /// resource's attributes of the same names. A boolean decision must
    /// return true; an enum decision is read through `guard_states`.
    #[serde(default)]
    pub guard: Option<String>,
    /// For an enum-valued `guard`: output wire value → the states the action
    /// is allowed from when the decision gives that value. A value not listed
    /// (or no result) leaves `from` as the only restriction.
    #[serde(default)]
    pub guard_states: IndexMap<String, Vec<String>>,
    /// The endpoint's documented error body answered when the action is refused.
    #[serde(default)]
    pub refused: Option<String>,
    /// HTTP status of that refusal (default: the error body's `status:`,
    /// else 400).
    #[serde(default)]
    pub refused_status: Option<u16>,
    /// Resource attributes set from the call: attribute name → a dotted
    /// request-body path of a scalar field, or `header.<Name>` for a request
    /// header (`header.Request-Id`).
    #[serde(default)]
    pub attributes: IndexMap<String, String>,
    /// Request-body path → resource attribute it must equal, checked only
    /// when the resource has that attribute (a refund's
    /// `payment.original_request_id` against the payment's Request-Id).
    #[serde(default)]
    pub same: IndexMap<String, String>,
    /// A decision table consulted on the call: its result is written to the
    /// response, and no matching row refuses the action.
    #[serde(default)]
    pub decide: Option<DecideSpec>,
    /// Response path → the resource fact written there on success: `id`,
    /// `state`, `amount`, `amount_decimal` (`"30000.00"`), `applied`, or
    /// `attribute.<name>`.
    #[serde(default)]
    pub respond: IndexMap<String, String>,
    /// The notification the sandbox sends when this action changes the
    /// resource's state, instead of the resource's `notification`: the
    /// provider documents a different body for it (Midtrans' refund and
    /// expire notifications).
    #[serde(default)]
    pub notification: Option<LifecycleNotificationSpec>,
    /// The doc passage the action encodes.
    #[serde(default)]
    pub source: Option<String>,
}

/// `idempotent_window:` on a lifecycle transition: a repeated idempotency
/// key replays its first answer for `days` (sandbox clock) after the first
/// call; later it is refused with the endpoint's error body `refused`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IdempotentWindowSpec {
    /// Days after the first call during which a repeat replays its answer.
    pub days: u32,
    /// The endpoint's documented error body answered to a later repeat.
    pub refused: String,
    /// Its HTTP status (default: the error body's `status:`, else 400).
    #[serde(default)]
    pub refused_status: Option<u16>,
}

/// `decide:` on a lifecycle transition: which decision table the call
/// consults, where each input comes from, and what its result does.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecideSpec {
    /// The decision table's name (`refund_type`).
    pub table: String,
    /// Input name → where its value comes from. Optional inputs may be left out.
    pub inputs: IndexMap<String, DecideInputSpec>,
    /// Response path the result's wire value is written to (`refund.type`).
    #[serde(default)]
    pub write: Option<String>,
    /// Refusal message when no row matches (or a boolean table says false).
    pub unmatched: String,
}

/// Where one decision input comes from: exactly one of the keys.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecideInputSpec {
    /// True when the resource is in one of these states.
    #[serde(default)]
    pub state_in: Option<Vec<String>>,
    /// True when the call's amount is the resource's whole amount, nothing
    /// having been applied before.
    #[serde(default)]
    pub full_amount: Option<bool>,
    /// The resource attribute of this name (a wire value, or `true`/`false`).
    #[serde(default)]
    pub attribute: Option<String>,
    /// A fixed value (a boolean or an enum wire value).
    #[serde(default)]
    pub value: Option<Yaml>,
}

/// How the provider's requests, responses and notifications are
/// authenticated: credentials and one recipe per direction.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthSpec {
    /// The retired `scheme:` key, read only to say that the recipes
    /// replace it (L089).
    #[serde(default, rename = "scheme")]
    pub retired_scheme: Option<Yaml>,
    /// What the docs say about it.
    pub doc: String,
    /// Biller only: what the JWT's claims are (the docs do not say).
    #[serde(default)]
    pub token_claims: Option<TokenClaims>,
    /// The credentials a client is configured with, by snake_case name, in
    /// constructor order.
    #[serde(default)]
    pub credentials: IndexMap<String, CredentialSpec>,
    /// The recipe that signs our requests.
    #[serde(default)]
    pub request: Option<Box<RecipeSpec>>,
    /// The recipe that verifies the provider's responses.
    #[serde(default)]
    pub response: Option<Box<RecipeSpec>>,
    /// The recipe that verifies the provider's notifications.
    #[serde(default)]
    pub notification: Option<Box<RecipeSpec>>,
    /// The access-token flow, when later calls carry a bearer token.
    #[serde(default)]
    pub token: Option<Box<TokenSpec>>,
}

/// `auth.token`: the endpoint that issues an access token, how its request
/// is signed, and where the token and its lifetime are in its answer.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokenSpec {
    /// The token endpoint's `name` (an endpoint file of this provider).
    pub endpoint: String,
    /// The request body, sent exactly as written (JSON).
    pub body: String,
    /// The recipe that signs the token request.
    pub request: Box<RecipeSpec>,
    /// Dotted JSON path of the token in the success response.
    pub access_token: String,
    /// Dotted JSON path of the token's lifetime in seconds.
    #[serde(default)]
    pub expires_in: Option<String>,
    /// Seconds before expiry a token is replaced (default 60).
    #[serde(default)]
    pub refresh_before: Option<u64>,
}

/// `auth.credentials.<name>`: one credential of the client configuration.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CredentialSpec {
    /// `id` (public), `key` (signs only) or `sent` (a secret sent as it is).
    pub kind: CredentialKindSpec,
    /// The environment variable the command-line tools read it from.
    pub env: String,
    /// What it is.
    pub doc: String,
}

/// How a credential may be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CredentialKindSpec {
    /// A public identifier.
    Id,
    /// A signing key: only a MAC, signature or digest may cover it.
    Key,
    /// A secret the provider wants sent as it is.
    Sent,
}

/// `auth.request` / `response` / `notification`: one direction's recipe.
/// The values are read by the lowering (`lower::recipes`), which reports
/// every unknown word at its line.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecipeSpec {
    /// Named values in order: a source, or `[source, step, …]`.
    #[serde(default)]
    pub values: IndexMap<String, Yaml>,
    /// Headers: name → template (`HMACSHA256={mac}`).
    #[serde(default)]
    pub headers: IndexMap<String, OutputSpec>,
    /// Top-level body fields: name → template.
    #[serde(default)]
    pub fields: IndexMap<String, OutputSpec>,
}

/// A header or body field: a template, or a template with options.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum OutputSpec {
    /// `"HMACSHA256={mac}"`.
    Template(String),
    /// `{ template: "{expected}", ignore_case: true }`.
    Options {
        /// The template.
        template: String,
        /// Compare a received value ignoring ASCII case.
        #[serde(default)]
        ignore_case: bool,
    },
}

/// What the biller's JWT carries as claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenClaims {
    /// The JSON request body, as sent, is the claim set.
    RequestBody,
    /// An empty claim set.
    Empty,
}

/// One environment's base URL.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnvironmentSpec {
    /// Scheme and host, no trailing slash (`https://api.doku.com`).
    pub base_url: String,
    /// Where the docs give it.
    #[serde(default)]
    pub doc: Option<String>,
}

/// An endpoint or notification file: `spec/<provider>/<area>/<name>.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EndpointFile {
    /// `endpoint` (we call the provider) or `notification` (the provider calls us).
    pub kind: EndpointKind,
    /// snake_case name; becomes the client method name (`card_refund`).
    pub name: String,
    /// Product area; becomes the submodule (`cards`, `checkout`).
    pub area: String,
    /// One line for the method's rustdoc.
    pub summary: String,
    /// Longer description.
    #[serde(default)]
    pub doc: Option<String>,
    /// Files in `provider-docs/` this endpoint is specified from: one name,
    /// or a list when the endpoint spans pages (a reference page and a
    /// status-code table).
    #[serde(deserialize_with = "one_or_more_files")]
    pub docs: Vec<String>,
    /// HTTP method (endpoints only).
    #[serde(default)]
    pub method: Option<HttpMethod>,
    /// Path below the base URL, with `{param}` placeholders (endpoints only).
    #[serde(default)]
    pub path: Option<String>,
    /// Path parameters by name.
    #[serde(default)]
    pub path_params: IndexMap<String, FieldSpec>,
    /// The JSON request body (endpoints) or the notification body.
    #[serde(default)]
    pub request: Option<BodySpec>,
    /// Response bodies by HTTP status (`"200"`).
    #[serde(default)]
    pub responses: IndexMap<String, BodySpec>,
    /// Error bodies the docs show: by a name that says when they come.
    #[serde(default)]
    pub errors: IndexMap<String, BodySpec>,
    /// Body codes that mean success for this endpoint, replacing the
    /// provider's `error_convention.success_codes` (Midtrans' expire
    /// succeeds with `status_code` "407").
    #[serde(default)]
    pub success_codes: Option<Vec<String>>,
    /// Cross-field rules on the request body.
    #[serde(default)]
    pub rules: Vec<RuleSpec>,
    /// Enums introduced by this endpoint (names are per provider).
    #[serde(default)]
    pub enums: IndexMap<String, EnumSpec>,
    /// Named object types introduced by this endpoint.
    #[serde(default)]
    pub types: IndexMap<String, TypeSpec>,
    /// Decision tables introduced by this endpoint.
    #[serde(default)]
    pub decisions: IndexMap<String, DecisionSpec>,
    /// Contradictions in the docs that concern no single field.
    #[serde(default)]
    pub discrepancies: Vec<DiscrepancySpec>,
    /// Conformance cases: request values and what the client must send, or
    /// a canned answer and what the client must make of it.
    #[serde(default)]
    pub cases: Vec<CaseSpec>,
}

/// One conformance case (`cases:`). Of an endpoint: a request, and either
/// the exact wire request (`wire`), a canned answer with the decoded value
/// or error (`response` with `decoded` or `error`), or a validation error.
/// Of a notification: what arrives (`notification`), and the decoded value
/// or the error it is refused with.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseSpec {
    /// snake_case name, unique in the file.
    pub name: String,
    /// What the case shows.
    #[serde(default)]
    pub doc: Option<String>,
    /// The call's inputs (endpoints; empty when the call takes none).
    #[serde(default)]
    pub request: CaseRequestSpec,
    /// The notification as received (notifications only).
    #[serde(default)]
    pub notification: Option<CaseNotificationSpec>,
    /// The exact request the client must send.
    #[serde(default)]
    pub wire: Option<WireSpec>,
    /// The answer the provider gives.
    #[serde(default)]
    pub response: Option<CaseResponseSpec>,
    /// The value the client returns, as JSON text.
    #[serde(default)]
    pub decoded: Option<String>,
    /// The error the client returns.
    #[serde(default)]
    pub error: Option<CaseErrorSpec>,
}

/// The inputs of a case: request values and the fixed per-call values.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseRequestSpec {
    /// The request body's values, as JSON text.
    #[serde(default)]
    pub body: Option<String>,
    /// Path parameters by name.
    #[serde(default)]
    pub path_params: IndexMap<String, String>,
    /// The Request-Id to send, where the scheme sends one.
    #[serde(default)]
    pub request_id: Option<String>,
    /// The request timestamp to sign with, where the scheme signs one.
    #[serde(default)]
    pub timestamp: Option<String>,
}

/// A notification as the merchant's server receives it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseNotificationSpec {
    /// The path of the merchant's notification URL as the provider called
    /// it: given exactly when the scheme signs it (a `target` input).
    #[serde(default)]
    pub target: Option<String>,
    /// The headers as received, by name.
    #[serde(default)]
    pub headers: IndexMap<String, String>,
    /// The exact body bytes.
    pub body: String,
    /// Also refuse a notification whose signed timestamp is more than this
    /// many seconds from the receiver's clock (schemes that sign one).
    #[serde(default)]
    pub max_age_secs: Option<u64>,
}

/// A request as it goes on the wire.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireSpec {
    /// The HTTP method.
    pub method: HttpMethod,
    /// The path below the base URL, parameters encoded.
    pub path: String,
    /// Every header, by name (compared without regard to case).
    pub headers: IndexMap<String, String>,
    /// The exact body bytes (absent: no body).
    #[serde(default)]
    pub body: Option<String>,
}

/// A canned answer.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseResponseSpec {
    /// HTTP status.
    pub status: u16,
    /// Headers by name.
    #[serde(default)]
    pub headers: IndexMap<String, String>,
    /// The exact body bytes.
    pub body: String,
}

/// The error a case expects.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseErrorSpec {
    /// Which kind of error.
    pub kind: CaseErrorKind,
    /// `api`: the HTTP status.
    #[serde(default)]
    pub status: Option<u16>,
    /// `api`: the provider's code.
    #[serde(default)]
    pub code: Option<String>,
    /// `decode`: the JSON path that did not decode.
    #[serde(default)]
    pub path: Option<String>,
    /// `validation`: the JSON paths of every violation, in order.
    #[serde(default)]
    pub paths: Vec<String>,
}

/// The kinds of error a case can expect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseErrorKind {
    /// The request breaks the spec's checks; nothing is sent.
    Validation,
    /// The provider refused (`Error::Api`).
    Api,
    /// The answer does not decode (`Error::Decode`).
    Decode,
    /// The answer's (or notification's) signature does not verify.
    Signature,
    /// A notification whose signed timestamp is older than `max_age_secs`.
    Stale,
}

/// `docs:` as one file name or a list of them.
fn one_or_more_files<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Files {
        One(String),
        More(Vec<String>),
    }
    // An empty list is refused by the linter, which can point at it.
    Ok(match Files::deserialize(d)? {
        Files::One(file) => vec![file],
        Files::More(files) => files,
    })
}

/// What an endpoint file describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EndpointKind {
    /// An HTTP call the merchant makes to the provider.
    Endpoint,
    /// An HTTP notification the provider sends to the merchant.
    Notification,
}

/// HTTP methods used by the specs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum HttpMethod {
    /// `GET`: signed without a Digest line.
    GET,
    /// `POST`.
    POST,
}

/// A JSON body: either a reference to a named type or an inline object.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BodySpec {
    /// Rust name of the struct (`CardRefundRequest`); with `fields` it is
    /// defined here, without them it names a type from `types:`.
    #[serde(rename = "type")]
    pub type_name: String,
    /// Rustdoc for the body type.
    #[serde(default)]
    pub doc: Option<String>,
    /// Fields by wire name, when the type is defined here.
    #[serde(default)]
    pub fields: Option<IndexMap<String, FieldSpec>>,
    /// Bodies shown in the docs, verbatim.
    #[serde(default)]
    pub examples: Vec<ExampleSpec>,
    /// Error bodies only: the HTTP status the body arrives with, when the
    /// docs say (it need not be an error status).
    #[serde(default)]
    pub status: Option<u16>,
    /// Response, error and notification bodies: conditions the docs state
    /// on what the provider sends (rules rooted at this body). A request
    /// body's rules are the file's `rules:`.
    #[serde(default)]
    pub rules: Vec<RuleSpec>,
    /// Response bodies only: which example the sandbox answers, by request
    /// values (each bank's charge answer).
    #[serde(default)]
    pub example_by: Option<ExampleBySpec>,
}

/// A body shown in the provider docs.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleSpec {
    /// Short name (`success`, `failed`).
    pub name: String,
    /// The JSON text as the docs print it.
    pub json: String,
}

/// A named object type.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypeSpec {
    /// Rustdoc for the type.
    pub doc: String,
    /// Fields by wire name.
    pub fields: IndexMap<String, FieldSpec>,
}

/// One field, header or path parameter.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldSpec {
    /// A primitive (`string`, `integer`, `boolean`, `amount_idr`, `decimal`,
    /// `json`), `object` (with `fields`), `array` (with `items`), or the name
    /// of an enum or named type.
    #[serde(rename = "type")]
    pub ty: String,
    /// Whether the docs require it.
    pub presence: Presence,
    /// The doc's own description; becomes rustdoc.
    #[serde(default)]
    pub doc: Option<String>,
    /// Maximum length in characters (strings only).
    #[serde(default)]
    pub max_len: Option<u32>,
    /// Minimum length in characters (strings only).
    #[serde(default)]
    pub min_len: Option<u32>,
    /// Allowed characters or shape, from a closed set (strings only).
    #[serde(default)]
    pub format: Option<String>,
    /// The least value a request may carry (`amount_idr` and `integer`
    /// only). An `amount_idr` without it must be at least 1: amounts are
    /// positive unless the docs say otherwise.
    #[serde(default)]
    pub minimum: Option<i64>,
    /// Value the provider assumes when the field is absent.
    #[serde(default)]
    pub default: Option<Yaml>,
    /// Other wire spellings accepted when deserialising.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Other JSON types accepted on the wire for this field (`integer`, `string`, `boolean`).
    #[serde(default)]
    pub also_accepts: Vec<String>,
    /// Rust name of the struct generated for an inline `object`.
    #[serde(default)]
    pub name: Option<String>,
    /// Fields of an inline `object`.
    #[serde(default)]
    pub fields: Option<IndexMap<String, FieldSpec>>,
    /// Element of an `array`.
    #[serde(default)]
    pub items: Option<Box<FieldSpec>>,
    /// Marks values that must never be printed (tokens, card data).
    #[serde(default)]
    pub sensitive: bool,
    /// Where the docs contradict themselves about this field.
    #[serde(default)]
    pub discrepancy: Option<DiscrepancySpec>,
    /// Request headers only: the fixed value every request sends (the
    /// biller's `Cache-Control: no-cache`).
    #[serde(default)]
    pub value: Option<String>,
    /// A value the provider makes up (ids, codes, times, URLs), in its
    /// documented shape: `uuid_v4`, `digits(6)`, `alnum(20)`,
    /// `timestamp(local_date_time, +07:00)` or `template(…{uuid_v4}…)`.
    /// The sandbox generates it instead of repeating the docs' sample.
    #[serde(default)]
    pub generated: Option<String>,
    /// A `generated:` shape that depends on a sibling field's wire value
    /// (a VA number's length on its `bank`); `generated` stays the shape of
    /// any value not listed.
    #[serde(default)]
    pub generated_by: Option<GeneratedBySpec>,
    /// A request path (`bank_transfer.va_number`) where the caller may
    /// choose the value itself: when the request carries a string there,
    /// the sandbox answers with it instead of a `generated:` one.
    #[serde(default)]
    pub custom_from: Option<String>,
    /// Why `doc` is not a verbatim quote of the page (the page has no words
    /// for the field, or the doc adds a note to them). `payspec audit` then
    /// checks only the passages `doc` puts in double quotes.
    #[serde(default)]
    pub paraphrase: Option<String>,
}

/// How the docs classify a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Presence {
    /// Always present.
    Mandatory,
    /// May be absent.
    Optional,
    /// Required under a condition a rule states.
    Conditional,
    /// Optional, but the provider advises sending it.
    Recommended,
}

/// A contradiction in the docs, quoted from both sides.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiscrepancySpec {
    /// What it concerns, for notes not attached to a field (`order.session_id`).
    #[serde(default)]
    pub about: Option<String>,
    /// The contradicting passages, verbatim; at least two.
    pub quotes: Vec<String>,
    /// What the generated code sends and accepts on the wire because of it.
    pub accepts: String,
}

/// An enum: wire values with their descriptions.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnumSpec {
    /// Rustdoc for the enum.
    pub doc: String,
    /// Wire values, in the docs' order, each with its description.
    pub values: IndexMap<String, EnumValueSpec>,
    /// Where the docs contradict themselves about the values.
    #[serde(default)]
    pub discrepancy: Option<DiscrepancySpec>,
}

/// One enum value: a description, or a description with a Rust name.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum EnumValueSpec {
    /// Just the description.
    Doc(String),
    /// Description plus an explicit Rust variant name and/or other
    /// spellings.
    Full {
        /// Rustdoc for the variant.
        doc: String,
        /// Variant name when the derived one would be unclear.
        #[serde(default)]
        rust: Option<String>,
        /// Other spellings the provider sends for the same value
        /// (`pending` beside `PENDING`); decoded as this value, which is
        /// always sent as the key's spelling.
        #[serde(default)]
        aliases: Vec<String>,
    },
}

/// A cross-field rule; exactly one kind key is set.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    /// The doc sentence the rule encodes, verbatim.
    pub source: String,
    /// Fields required when a condition holds.
    #[serde(default)]
    pub required_if: Option<RequiredIfSpec>,
    /// At least one of the fields must be present.
    #[serde(default)]
    pub one_of_required: Option<OneOfRequiredSpec>,
    /// Sum over an array of the product of item fields equals a field.
    #[serde(default)]
    pub sum_equals: Option<SumEqualsSpec>,
    /// A tighter maximum length when a condition holds.
    #[serde(default)]
    pub max_len_if: Option<MaxLenIfSpec>,
    /// A numeric field must not exceed another.
    #[serde(default)]
    pub not_greater_than: Option<NotGreaterThanSpec>,
    /// A field may only be sent when a condition holds.
    #[serde(default)]
    pub only_if: Option<OnlyIfSpec>,
    /// A requirement that depends on the merchant's account, which the
    /// request alone cannot show; documented, not checked.
    #[serde(default)]
    pub depends_on_account: Option<DependsOnAccountSpec>,
}

/// `required_if`: `fields` must be present when `when` holds.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequiredIfSpec {
    /// Dotted paths from the body root; `[]` steps into every array element.
    pub fields: Vec<String>,
    /// The condition.
    pub when: ConditionSpec,
}

/// `one_of_required`: at least one of `fields` is present.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OneOfRequiredSpec {
    /// Dotted paths from the body root.
    pub fields: Vec<String>,
}

/// `sum_equals`: Σ over `array` of the product of `multiply` equals `equals`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SumEqualsSpec {
    /// Path of the array.
    pub array: String,
    /// Numeric fields of each element, multiplied together.
    pub multiply: Vec<String>,
    /// Path of the numeric total.
    pub equals: String,
}

/// `max_len_if`: `field` is at most `max_len` characters when `when` holds.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MaxLenIfSpec {
    /// Path of the string field.
    pub field: String,
    /// The tighter limit.
    pub max_len: u32,
    /// The condition.
    pub when: ConditionSpec,
}

/// `not_greater_than`: `field` ≤ `than` (both numeric; `[]` allowed in `field`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotGreaterThanSpec {
    /// Path of the bounded field.
    pub field: String,
    /// Path of the bound.
    pub than: String,
}

/// `only_if`: `fields` may be present only when `when` holds.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OnlyIfSpec {
    /// Dotted paths from the body root.
    pub fields: Vec<String>,
    /// The condition.
    pub when: ConditionSpec,
}

/// `depends_on_account`: the fields' requirement depends on account setup.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DependsOnAccountSpec {
    /// Dotted paths from the body root.
    pub fields: Vec<String>,
}

/// A condition on one field: exactly one of `equals`, `one_of`, `present`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConditionSpec {
    /// Path of the field tested.
    pub field: String,
    /// Holds when the field is present and equal to this value.
    #[serde(default)]
    pub equals: Option<Yaml>,
    /// Holds when the field is present and equal to one of these values.
    #[serde(default)]
    pub one_of: Option<Vec<Yaml>>,
    /// `true`: holds when the field is present; `false`: when absent.
    #[serde(default)]
    pub present: Option<bool>,
    /// With `equals` or `one_of`: the condition also holds when the field is
    /// absent (a field the docs let the merchant omit when it would carry the
    /// only value their account has).
    #[serde(default)]
    pub or_absent: bool,
}

/// A decision table: inputs (enums or booleans) to an output, first match wins.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionSpec {
    /// Rustdoc for the generated function.
    pub doc: String,
    /// The doc passage the table encodes, verbatim.
    pub source: String,
    /// Parameters by name: `boolean` or an enum name.
    pub inputs: IndexMap<String, DecisionInputSpec>,
    /// `boolean` or an enum name.
    pub output: String,
    /// Rows, tried in order.
    pub rows: Vec<DecisionRowSpec>,
    /// Result when no row matches; without it the function returns `Option`.
    #[serde(default)]
    pub otherwise: Option<Yaml>,
}

/// One decision input.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionInputSpec {
    /// `boolean` or an enum name.
    #[serde(rename = "type")]
    pub ty: String,
    /// Rustdoc for the parameter.
    pub doc: String,
    /// The caller may pass `None` (an `Option` parameter).
    #[serde(default)]
    pub optional: bool,
}

/// One decision row: conditions on inputs (absent input = any value).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionRowSpec {
    /// Input name to the value(s) it must have.
    pub when: IndexMap<String, DecisionMatchSpec>,
    /// The output for this row.
    pub then: Yaml,
}

/// What a decision input must be for a row to match.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum DecisionMatchSpec {
    /// Any of these values (`not` form below for exclusions).
    Not {
        /// The input must be none of these (an absent optional input matches).
        not: Vec<Yaml>,
    },
    /// Any of these values.
    AnyOf(Vec<Yaml>),
    /// Exactly this value.
    One(Yaml),
}
