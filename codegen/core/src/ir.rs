//! The intermediate representation: specs resolved, named and typed.
//!
//! The IR is the contract between loading/linting and every emitter (Rust,
//! docs, OpenAPI) and the diff. Every name is already converted (`heck`),
//! every type reference resolved, every rule path resolved to typed steps, so
//! emitters never look anything up by string and never read YAML.
//!
//! Ordering is deterministic: providers by name; within a provider, enums,
//! structs, endpoints and decisions in the order files are read (sorted by
//! path) and, inside a file, in the order the YAML lists them.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

pub use crate::spec::model::{
    CaseErrorKind, CodeKind, EndpointKind, HttpMethod, MemberSource, Presence, TokenClaims,
};

/// A place in a spec file, for messages and diffs.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Loc {
    /// File path as given to the loader (relative to the spec root when loaded from a directory).
    pub file: PathBuf,
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
}

/// Every provider in a spec directory.
#[derive(Debug, Clone, PartialEq)]
pub struct Ir {
    /// Sorted by `name`.
    pub providers: Vec<Provider>,
}

/// One provider: a module of the generated crate.
#[derive(Debug, Clone, PartialEq)]
pub struct Provider {
    /// Module name (`doku`), also the cargo feature name.
    pub name: String,
    /// Human name (`DOKU`).
    pub title: String,
    /// Module rustdoc.
    pub doc: String,
    /// Files of `provider-docs/` the provider is specified from.
    pub docs: Vec<String>,
    /// Authentication.
    pub auth: Auth,
    /// Where responses carry the provider's code and message, and which
    /// codes mean success (`error_convention:`).
    pub error_convention: payspec_signing::convention::ErrorConvention,
    /// What an error body written in the provider's shape holds beyond
    /// the paths the runtime reads (the sandbox's refusals).
    pub error_shape: ErrorShape,
    /// Path parameter reference types (`path_refs:`), in spec order.
    pub path_refs: Vec<PathRef>,
    /// Base URLs, in spec order.
    pub environments: Vec<Environment>,
    /// Headers every request carries.
    pub request_headers: Vec<Header>,
    /// Headers every response carries.
    pub response_headers: Vec<Header>,
    /// Optional headers a caller may add per call (`call_headers:`).
    pub call_headers: Vec<CallHeader>,
    /// What makes repeating a call safe (`retry:`); `None`: only a GET is.
    pub retry: Option<Retry>,
    /// Every enum of the provider (shared and per endpoint), names unique.
    pub enums: Vec<Enum>,
    /// Every struct of the provider (named types, bodies, inline objects).
    pub structs: Vec<Struct>,
    /// Endpoints and notifications, sorted by area then name.
    pub endpoints: Vec<Endpoint>,
    /// Decision tables, as query functions.
    pub decisions: Vec<Decision>,
    /// Every discrepancy note of the provider, wherever it was written.
    pub discrepancies: Vec<Discrepancy>,
    /// Stateful resources and their transitions, in spec order (sandbox only).
    pub lifecycles: Vec<Lifecycle>,
    /// The test credentials the conformance cases are signed with
    /// (`case_credentials:`), in spec order.
    pub case_credentials: Vec<CaseCredential>,
    /// Where `provider.yaml` is.
    pub loc: Loc,
}

impl Provider {
    /// The test value of credential `name` the conformance cases are
    /// signed with, if the spec gives one.
    pub fn case_credential(&self, name: &str) -> Option<&str> {
        self.case_credentials
            .iter()
            .find(|c| c.name == name)
            .map(|c| c.value.as_str())
    }
}

/// A credential's public test value (`case_credentials:` entry).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseCredential {
    /// The `auth.credentials` name.
    pub name: String,
    /// What a client is configured with: the value, or the text of its file.
    pub value: String,
    /// For an `…_FILE` credential, the file the sandbox reads under its
    /// `env`, relative to the spec directory: `sandbox_file` (the other
    /// half of a key pair) or else `file`. `None`: the sandbox takes `value`.
    pub sandbox_file: Option<PathBuf>,
}

/// A stateful resource (an order, a payment) from `lifecycle:`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Lifecycle {
    /// snake_case resource name (`card_payment`).
    pub name: String,
    /// What it is.
    pub doc: String,
    /// Every state.
    pub states: Vec<String>,
    /// The state a new resource starts in (one of `states`).
    pub initial: String,
    /// Actions, in spec order.
    pub transitions: Vec<Transition>,
    /// What the sandbox sends when it changes state, if the spec says.
    pub notification: Option<LifecycleNotification>,
    /// State → the provider's name for it, written by [`Fact::StateName`].
    pub state_names: Vec<(String, String)>,
    /// Per-state values by name (state → text), written by [`Fact::StateValue`].
    pub state_values: Vec<(String, Vec<(String, String)>)>,
    /// Where it is written.
    pub loc: Loc,
}

/// The notification a [`Lifecycle`] resource's state changes send.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LifecycleNotification {
    /// The notification's name (an endpoint of kind notification).
    pub name: String,
    /// Its body struct, whose first example is the body sent.
    pub body: String,
    /// Body path → the resource fact written there.
    pub fill: Vec<(String, Fact)>,
    /// Which example is the body, by resource facts; `None`: the first.
    pub example_by: Option<ExampleChoice<Fact>>,
}

/// Which of a body's examples the sandbox uses for one call (`example_by:`):
/// the first value read from `from` that is a key of `examples` names it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ExampleChoice<T> {
    /// Where the values are read, in order (request paths, or facts).
    pub from: Vec<T>,
    /// Value → example name.
    pub examples: Vec<(String, String)>,
}

impl<T> ExampleChoice<T> {
    /// The example chosen by the first of `values` (one per `from`, in
    /// order; `None` where absent) that has one, with the index of the
    /// `from` entry that chose it.
    pub fn choose<'a>(
        &'a self,
        values: impl IntoIterator<Item = Option<&'a str>>,
    ) -> Option<(usize, &'a str)> {
        values.into_iter().enumerate().find_map(|(i, value)| {
            let value = value?;
            self.examples
                .iter()
                .find(|(v, _)| v == value)
                .map(|(_, example)| (i, example.as_str()))
        })
    }
}

/// One action on a [`Lifecycle`] resource; every state and name in it is checked.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Transition {
    /// snake_case action name (`refund`).
    pub action: String,
    /// The endpoint performing it; `None`: sandbox control only.
    pub endpoint: Option<TransitionEndpoint>,
    /// Allowed from these states.
    pub from: Vec<String>,
    /// Moves to this state (cumulative actions: once the amount is used
    /// up); empty for a read-only action.
    pub to: String,
    /// A read-only action (a status query): answers from the resource and
    /// changes nothing.
    pub reads: bool,
    /// Error body (by spec name) and HTTP status answered when no resource
    /// has the call's key.
    pub not_found: Option<(String, u16)>,
    /// Deadline after entering the from-state, in days.
    pub within_days: Option<u32>,
    /// Dotted request-body path of the amount applied, if any.
    pub amount: Option<String>,
    /// Amounts add up and never exceed the resource's amount.
    pub cumulative: bool,
    /// For a cumulative action: the state while only part of the amount is used.
    pub partial_to: Option<String>,
    /// Dotted request-body path of the call's idempotency key, if any.
    pub idempotent_by: Option<String>,
    /// How long a repeated key replays: days, then the error body (by spec
    /// name) and HTTP status a later repeat is refused with.
    pub idempotent_window: Option<(u32, String, u16)>,
    /// Decision (by name) gating the action, fed from resource attributes:
    /// boolean (must be true) or enum-valued (read through `guard_states`).
    pub guard: Option<String>,
    /// Enum guard: output wire value → states the action is allowed from.
    pub guard_states: Vec<(String, Vec<String>)>,
    /// Error body (by spec name) and HTTP status answered on refusal.
    pub refused: Option<(String, u16)>,
    /// The call creates the resource in state `to` (`from` is empty).
    pub creates: bool,
    /// Resource attributes set from the call, by attribute name.
    pub attributes: Vec<(String, AttributeSource)>,
    /// Request-body path → resource attribute it must equal (when present).
    pub same: Vec<(String, String)>,
    /// The decision table consulted on the call.
    pub decide: Option<Decide>,
    /// Response path → resource fact written there on success.
    pub respond: Vec<(String, Fact)>,
    /// What the sandbox sends when this action changes the state, instead
    /// of the resource's [`Lifecycle::notification`].
    pub notification: Option<LifecycleNotification>,
    /// The doc passage.
    pub source: Option<String>,
    /// Where it is written.
    pub loc: Loc,
}

/// Where a resource attribute set by a call comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttributeSource {
    /// A dotted request-body path to a scalar field.
    Body(String),
    /// A request header by name (`Request-Id`).
    Header(String),
    /// A dotted path of the call's own success answer, as the sandbox
    /// wrote it (the payment type Midtrans answers a charge with).
    Answer(String),
}

/// A decision table consulted by a transition (`decide:`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Decide {
    /// The decision's name (one of the provider's `decisions`).
    pub table: String,
    /// Input name → its source; optional inputs may be absent.
    pub inputs: Vec<(String, DecideInput)>,
    /// Response path the result's wire value is written to.
    pub write: Option<String>,
    /// Refusal message when no row matches or a boolean table gives false.
    pub unmatched: String,
}

/// Where a decision input's value comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum DecideInput {
    /// True when the resource is in one of these states.
    StateIn(Vec<String>),
    /// True when the call's amount equals the resource's whole amount and
    /// nothing was applied before (or the negation, when `false`).
    FullAmount(bool),
    /// The resource attribute of this name.
    Attribute(String),
    /// A fixed value: [`Literal::Boolean`] or [`Literal::String`] (a wire value).
    Value(Literal),
}

/// A fact about a resource, written into a response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fact {
    /// Its id (key).
    Id,
    /// Its current state.
    State,
    /// Its current state as the provider names it (`Lifecycle::state_names`).
    StateName,
    /// Its amount, as a JSON integer.
    Amount,
    /// Its amount as a decimal string with two places (`"30000.00"`).
    AmountDecimal,
    /// The sum applied by cumulative actions so far.
    Applied,
    /// One of its attributes, as a string.
    Attribute(String),
    /// The lifecycle's `state_values` entry of this name for its current
    /// state (nothing is written for a state the entry does not list).
    StateValue(String),
}

/// How an endpoint call names the resource it acts on.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TransitionEndpoint {
    /// Endpoint name (`card_refund`).
    pub name: String,
    /// Where the key is in the call.
    pub key: KeySource,
    /// Resource attribute compared with the key (`id` by default).
    pub matches: String,
}

/// Where a resource key is read from a call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeySource {
    /// A dotted request-body path to a string field.
    Body(String),
    /// A path parameter by name.
    PathParam(String),
}

impl Default for KeySource {
    fn default() -> Self {
        KeySource::PathParam(String::new())
    }
}

/// Authentication: the recipes plus their documentation.
#[derive(Debug, Clone, PartialEq)]
pub struct Auth {
    /// What the docs say.
    pub doc: String,
    /// Biller only: what the JWT claims are.
    pub token_claims: Option<TokenClaims>,
    /// The credentials and the signature recipe of each direction, as the
    /// executor in `payspec-signing` runs them.
    pub recipes: payspec_signing::recipe::Scheme,
}

/// The words of `error_convention:` that only a writer of error bodies
/// needs: the client runtime reads a code of any kind as text.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ErrorShape {
    /// What kind of value the code is; `None`: not declared.
    pub code_kind: Option<CodeKind>,
    /// Whether the message is the fixed text of its code, so a documented
    /// error body keeps its message with its code.
    pub message_per_code: bool,
    /// Further members of every error body, in spec order.
    pub members: Vec<ErrorMember>,
}

/// A member of every error body (`error_convention.members`).
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorMember {
    /// Dotted path (`error.type`).
    pub path: String,
    /// Its value.
    pub value: MemberValue,
}

/// The value of an error member.
#[derive(Debug, Clone, PartialEq)]
pub enum MemberValue {
    /// A fixed JSON value.
    Fixed(serde_json::Value),
    /// Taken from the code or message.
    From(MemberSource),
}

/// A path parameter type whose value is one of several kinds of id in the
/// same path position (Midtrans' order id or transaction id).
#[derive(Debug, Clone, PartialEq)]
pub struct PathRef {
    /// UpperCamel type name (`TransactionRef`).
    pub name: String,
    /// Rustdoc.
    pub doc: String,
    /// (UpperCamel variant name, its doc), in spec order.
    pub variants: Vec<(String, String)>,
}

/// A named base URL.
#[derive(Debug, Clone, PartialEq)]
pub struct Environment {
    /// Spec name (`sandbox`).
    pub name: String,
    /// UpperCamel Rust name (`Sandbox`).
    pub rust_name: String,
    /// Base URL without trailing slash.
    pub base_url: String,
    /// Doc text, if any.
    pub doc: Option<String>,
}

/// A request or response header.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    /// Wire name as the docs spell it (`Request-Id`).
    pub wire_name: String,
    /// The header's constraints; `field.ty` is a primitive.
    pub field: Field,
    /// A request header every call sends with exactly this value (`value:`).
    pub fixed: Option<String>,
}

/// What makes sending a call again safe (`retry:`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Retry {
    /// What the docs say, quoted.
    pub doc: String,
    /// Where the idempotency key travels.
    pub key: RetryKey,
    /// How long the provider remembers a key, in seconds.
    pub key_lifetime_secs: Option<u64>,
}

/// Where a provider's idempotency key travels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RetryKey {
    /// The request recipe's generated id of this name: every call has one.
    Value(String),
    /// This optional per-call header: only calls that carry it have one.
    Header(String),
}

/// An optional per-call request header (`call_headers:`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CallHeader {
    /// Wire name as the docs spell it (`Idempotency-Key`).
    pub wire_name: String,
    /// What it does, quoted from the docs.
    pub doc: String,
    /// The most characters the value may have.
    pub max_length: Option<usize>,
    /// Upper-case methods of the endpoints that take it; empty for all.
    pub methods: Vec<String>,
    /// When the value is a list: separator, most items, most characters per item.
    pub list: Option<(char, usize, Option<usize>)>,
}

/// The area an item is generated into: the provider root or an area submodule.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scope {
    /// Shared by the provider (from `provider.yaml`).
    Provider,
    /// From an endpoint file of this area (`cards`).
    Area(String),
}

/// An enum with a fallback for values the docs do not list.
#[derive(Debug, Clone, PartialEq)]
pub struct Enum {
    /// UpperCamel Rust name, as written in the spec.
    pub name: String,
    /// Where it is generated.
    pub scope: Scope,
    /// Rustdoc.
    pub doc: String,
    /// Documented values, in spec order.
    pub values: Vec<EnumValue>,
    /// Contradiction note, if any.
    pub discrepancy: Option<Discrepancy>,
    /// Used in a request type (so an unknown value is a validation error).
    pub in_request: bool,
    /// Used in a response type.
    pub in_response: bool,
    /// Where it is defined.
    pub loc: Loc,
}

/// One documented enum value.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumValue {
    /// Value on the wire (`"DELETE SUCCESS"`).
    pub wire: String,
    /// UpperCamel variant name (`DeleteSuccess`).
    pub rust_name: String,
    /// Rustdoc.
    pub doc: String,
    /// Other spellings decoded as this value (never sent).
    pub aliases: Vec<String>,
}

/// How a struct is used, which decides what is generated for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Roles {
    /// Reachable from a request body: gets `new()` and validation.
    pub request: bool,
    /// Reachable from a response, error or notification body: `#[non_exhaustive]`.
    pub response: bool,
}

/// A struct: a body, a named type, or an inline object.
#[derive(Debug, Clone, PartialEq)]
pub struct Struct {
    /// UpperCamel Rust name.
    pub name: String,
    /// Where it is generated.
    pub scope: Scope,
    /// Rustdoc.
    pub doc: String,
    /// Fields in spec order.
    pub fields: Vec<Field>,
    /// Cross-field rules rooted at this struct (request bodies only).
    pub rules: Vec<Rule>,
    /// How it is used.
    pub roles: Roles,
    /// Samples from the docs whose root is this struct.
    pub examples: Vec<Example>,
    /// Where it is defined.
    pub loc: Loc,
}

/// A body sample from the docs.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    /// Short name (`success`).
    pub name: String,
    /// The JSON text as the docs print it.
    pub json: String,
}

/// A field of a struct, or a header or path parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Name on the wire.
    pub wire_name: String,
    /// snake_case Rust name, escaped if a keyword (`r#type`).
    pub rust_name: String,
    /// Rustdoc, from the docs' description.
    pub doc: String,
    /// Resolved type.
    pub ty: Type,
    /// The docs' classification.
    pub presence: Presence,
    /// Whether the Rust field is `Option<_>`: everything but mandatory fields.
    pub optional: bool,
    /// Maximum length in characters.
    pub max_len: Option<u32>,
    /// Minimum length in characters.
    pub min_len: Option<u32>,
    /// Shape the value must have.
    pub format: Option<Format>,
    /// The least value a request may carry (numbers only); every
    /// `amount_idr` has one (1 unless the spec says otherwise).
    pub minimum: Option<i64>,
    /// Value the provider assumes when absent.
    pub default: Option<Literal>,
    /// Other wire spellings accepted when deserialising.
    pub aliases: Vec<String>,
    /// Other JSON types accepted on the wire.
    pub also_accepts: Vec<WireKind>,
    /// Never printed by `Debug`.
    pub sensitive: bool,
    /// Contradiction note, if any.
    pub discrepancy: Option<Discrepancy>,
    /// How the sandbox makes up the value the provider generates.
    pub generated: Option<Generated>,
    /// Where it is defined.
    pub loc: Loc,
}

/// A value the provider generates, in its documented shape (`generated:`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Generated {
    /// A random UUID v4 (`249fc620-6017-4540-af7c-5a1c25788f46`).
    UuidV4,
    /// This many random decimal digits.
    Digits(u32),
    /// This many random ASCII letters and digits.
    Alnum(u32),
    /// The sandbox clock, written in `format` at a UTC offset.
    Timestamp {
        /// `utc_timestamp` or `local_date_time`.
        format: Format,
        /// Offset from UTC in minutes (`+07:00` is 420); 0 for `utc_timestamp`.
        offset_minutes: i32,
        /// Seconds added to the clock (an expiry after the event).
        after_secs: i64,
    },
    /// Text with placeholders filled in.
    Template(Vec<TemplatePart>),
    /// A shape chosen by the wire value of a sibling field of the same
    /// object (a VA number's length by its bank).
    BySibling {
        /// The sibling's wire name.
        field: String,
        /// Its value → the shape then.
        shapes: Vec<(String, Generated)>,
        /// The shape for any other value.
        otherwise: Box<Generated>,
    },
    /// A value the caller may choose itself (a custom VA number): the
    /// request body's string at `request` when the call carries one, else
    /// a fresh value of shape `otherwise`.
    Custom {
        /// The request path the caller's value is read from.
        request: String,
        /// The shape made when the request has no value there.
        otherwise: Box<Generated>,
    },
}

/// One piece of a [`Generated::Template`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TemplatePart {
    /// Literal text.
    Text(String),
    /// A generated value (`{uuid_v4}`, `{digits(6)}`).
    Generated(Generated),
    /// The request body's value at a dotted path (`{request:order.invoice_number}`).
    Request(String),
    /// A request header (`{header:Request-Id}`).
    Header(String),
}
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Type {
    /// `String`.
    String,
    /// `i64`.
    Integer,
    /// `bool`.
    Boolean,
    /// Whole rupiah: `payspec::money::Idr`.
    AmountIdr,
    /// An exact decimal carried as a string (`"30000.00"`): `payspec::money::Decimal`.
    Decimal,
    /// Any JSON: `serde_json::Value`.
    Json,
    /// An enum of this provider, by Rust name.
    Enum(String),
    /// A struct of this provider, by Rust name.
    Struct(String),
    /// `Vec<_>`.
    Array(Box<Type>),
}

/// JSON kinds a field may also arrive as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WireKind {
    /// A JSON string.
    String,
    /// A JSON integer.
    Integer,
    /// A JSON boolean.
    Boolean,
}

/// The closed set of value shapes the runtime can check: the runtime's own
/// type, so the generator and the code it writes cannot disagree on it.
pub use payspec_runtime::validation::Format;

/// A literal from a spec (defaults, conditions, decision values), typed
/// against the field or input it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Literal {
    /// A string.
    String(String),
    /// An integer (amounts included).
    Integer(i64),
    /// A boolean.
    Boolean(bool),
    /// An enum value: enum name and variant index into `Enum::values`.
    EnumValue {
        /// Enum Rust name.
        enum_name: String,
        /// Wire value.
        wire: String,
        /// Variant Rust name.
        rust_name: String,
    },
}

/// A contradiction in the docs.
#[derive(Debug, Clone, PartialEq)]
pub struct Discrepancy {
    /// What it concerns: a JSON path (`order.session_id`) or a topic.
    pub about: String,
    /// The passages that contradict each other, verbatim.
    pub quotes: Vec<String>,
    /// What the generated code accepts because of it.
    pub accepts: String,
    /// Where the note is written.
    pub loc: Loc,
}

/// A path from a struct to a field, each step resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldPath {
    /// Steps from the root struct.
    pub steps: Vec<PathStep>,
}

impl FieldPath {
    /// The dotted spec spelling (`order.line_items[].price`).
    pub fn dotted(&self) -> String {
        let mut out = String::new();
        for (i, s) in self.steps.iter().enumerate() {
            if i > 0 {
                out.push('.');
            }
            out.push_str(&s.wire_name);
            if s.each {
                out.push_str("[]");
            }
        }
        out
    }

    /// The type of the last step (the element type when it steps into an array).
    pub fn leaf_type(&self) -> &Type {
        &self
            .steps
            .last()
            .expect("a field path has at least one step")
            .ty
    }
}

/// One step of a [`FieldPath`].
#[derive(Debug, Clone, PartialEq)]
pub struct PathStep {
    /// Wire name of the field.
    pub wire_name: String,
    /// Rust name of the field.
    pub rust_name: String,
    /// The Rust field is `Option<_>`.
    pub optional: bool,
    /// The field is an array and the path continues into every element
    /// (`[]` in the spec); `ty` is then the element type.
    pub each: bool,
    /// The field's type (element type when `each`).
    pub ty: Type,
}

/// A condition on one field.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    /// The field tested.
    pub field: FieldPath,
    /// What it must be.
    pub test: ConditionTest,
}

/// The test a [`Condition`] applies.
#[derive(Debug, Clone, PartialEq)]
pub enum ConditionTest {
    /// Present and equal to one of these (one element for `equals`).
    OneOf(Vec<Literal>),
    /// Absent, or present and equal to one of these (`or_absent: true`).
    AbsentOrOneOf(Vec<Literal>),
    /// Present (`true`) or absent (`false`).
    Present(bool),
}

/// A cross-field rule rooted at a request body struct.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    /// What it checks.
    pub kind: RuleKind,
    /// The doc sentence it encodes.
    pub source: String,
    /// Where it is written.
    pub loc: Loc,
}

/// The closed set of rule kinds.
#[derive(Debug, Clone, PartialEq)]
pub enum RuleKind {
    /// `fields` must be present when `when` holds.
    RequiredIf {
        /// Required fields.
        fields: Vec<FieldPath>,
        /// Condition.
        when: Condition,
    },
    /// At least one of `fields` is present.
    OneOfRequired {
        /// Candidates.
        fields: Vec<FieldPath>,
    },
    /// Σ over `array` of the product of `multiply` equals `equals`.
    SumEquals {
        /// The array (its last step has `each == false`; it is the Vec itself).
        array: FieldPath,
        /// Paths relative to an element.
        multiply: Vec<FieldPath>,
        /// The total.
        equals: FieldPath,
    },
    /// `field` at most `max_len` characters when `when` holds.
    MaxLenIf {
        /// The string field.
        field: FieldPath,
        /// Limit.
        max_len: u32,
        /// Condition.
        when: Condition,
    },
    /// `field` ≤ `than`.
    NotGreaterThan {
        /// Bounded field (may contain `each` steps).
        field: FieldPath,
        /// Bound.
        than: FieldPath,
    },
    /// `fields` may be present only when `when` holds.
    OnlyIf {
        /// Restricted fields.
        fields: Vec<FieldPath>,
        /// Condition.
        when: Condition,
    },
    /// Documented requirement that depends on account configuration; not checked.
    DependsOnAccount {
        /// Fields concerned.
        fields: Vec<FieldPath>,
    },
}

impl RuleKind {
    /// The spec spelling, also the `rule` of a validation violation.
    pub fn spec_name(&self) -> &'static str {
        match self {
            RuleKind::RequiredIf { .. } => "required_if",
            RuleKind::OneOfRequired { .. } => "one_of_required",
            RuleKind::SumEquals { .. } => "sum_equals",
            RuleKind::MaxLenIf { .. } => "max_len_if",
            RuleKind::NotGreaterThan { .. } => "not_greater_than",
            RuleKind::OnlyIf { .. } => "only_if",
            RuleKind::DependsOnAccount { .. } => "depends_on_account",
        }
    }
}

/// An endpoint (merchant → provider) or notification (provider → merchant).
#[derive(Debug, Clone, PartialEq)]
pub struct Endpoint {
    /// Endpoint or notification.
    pub kind: EndpointKind,
    /// snake_case name (`card_refund`), the client method name.
    pub name: String,
    /// Area submodule (`cards`).
    pub area: String,
    /// One-line summary.
    pub summary: String,
    /// Longer doc, if any.
    pub doc: Option<String>,
    /// Source files in `provider-docs/`, at least one; read them through
    /// [`Endpoint::docs_files`].
    pub docs: Vec<String>,
    /// HTTP method (endpoints).
    pub method: Option<HttpMethod>,
    /// Path with `{param}` placeholders (endpoints).
    pub path: Option<String>,
    /// Path parameters, in the order they appear in `path`.
    pub path_params: Vec<Field>,
    /// Request (or notification) body struct name.
    pub request: Option<String>,
    /// Responses by status, ascending.
    pub responses: Vec<Response>,
    /// Documented error bodies.
    pub errors: Vec<ErrorBody>,
    /// Body codes that mean success for this endpoint, replacing the
    /// provider's `error_convention.success_codes`.
    pub success_codes: Option<Vec<String>>,
    /// Conformance cases, as written (checked by the lint).
    pub cases: Vec<Case>,
    /// The spec file.
    pub loc: Loc,
}

impl Endpoint {
    /// The `provider-docs/` files the endpoint is specified from, in the
    /// spec's order: the one accessor every emitter and check reads.
    pub fn docs_files(&self) -> &[String] {
        &self.docs
    }

    /// The files as prose: `` `provider-docs/a.txt` `` or
    /// `` `provider-docs/a.txt` and `provider-docs/b.txt` ``.
    pub fn docs_cited(&self) -> String {
        let cited: Vec<String> = self
            .docs_files()
            .iter()
            .map(|f| format!("`provider-docs/{f}`"))
            .collect();
        match cited.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
            _ => cited.join(""),
        }
    }
}

/// A conformance case and where it is written.
#[derive(Debug, Clone, PartialEq)]
pub struct Case {
    /// The case as the spec writes it.
    pub spec: crate::spec::model::CaseSpec,
    /// Where it is written.
    pub loc: Loc,
}

/// A response body for one HTTP status.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    /// HTTP status.
    pub status: u16,
    /// Body struct name.
    pub body: String,
    /// Which example the sandbox answers, by request-body paths; `None`: the first.
    pub example_by: Option<ExampleChoice<String>>,
}

/// A documented error body.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorBody {
    /// Spec name (`refund_failed`).
    pub name: String,
    /// Body struct name.
    pub body: String,
    /// The HTTP status it arrives with, when the docs say (Midtrans sends
    /// its "Transaction doesn't exist" body under HTTP 200).
    pub status: Option<u16>,
}

/// A decision table as a query function.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    /// snake_case function name.
    pub name: String,
    /// Where it is generated.
    pub scope: Scope,
    /// Rustdoc.
    pub doc: String,
    /// The doc passage it encodes.
    pub source: String,
    /// Parameters in order.
    pub inputs: Vec<DecisionInput>,
    /// Result type.
    pub output: DecisionType,
    /// Rows, first match wins.
    pub rows: Vec<DecisionRow>,
    /// Result when no row matches; `None` makes the function return `Option`.
    pub otherwise: Option<Literal>,
    /// Where it is written.
    pub loc: Loc,
}

/// A decision's input or output type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecisionType {
    /// `bool`.
    Boolean,
    /// An enum by Rust name.
    Enum(String),
}

/// A decision parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct DecisionInput {
    /// snake_case parameter name.
    pub name: String,
    /// Type.
    pub ty: DecisionType,
    /// Rustdoc line.
    pub doc: String,
    /// An `Option` parameter.
    pub optional: bool,
}

/// A decision row.
#[derive(Debug, Clone, PartialEq)]
pub struct DecisionRow {
    /// Conditions by input index; inputs not listed match anything.
    pub when: Vec<(usize, DecisionMatch)>,
    /// Output.
    pub then: Literal,
}

/// What one input must be.
#[derive(Debug, Clone, PartialEq)]
pub enum DecisionMatch {
    /// One of these (present, for an optional input).
    AnyOf(Vec<Literal>),
    /// None of these (an absent optional input matches).
    NoneOf(Vec<Literal>),
}

/// A provider with its enums and structs indexed by name, for emitters that
/// look a type up at each use: a linear search per use made emitting
/// quadratic in the number of endpoints. Derefs to the provider.
#[derive(Debug)]
pub struct Indexed<'a> {
    provider: &'a Provider,
    structs: HashMap<&'a str, &'a Struct>,
    enums: HashMap<&'a str, &'a Enum>,
}

impl<'a> Indexed<'a> {
    /// Indexes `provider`'s types.
    pub fn new(provider: &'a Provider) -> Self {
        Indexed {
            provider,
            structs: provider
                .structs
                .iter()
                .map(|s| (s.name.as_str(), s))
                .collect(),
            enums: provider
                .enums
                .iter()
                .map(|e| (e.name.as_str(), e))
                .collect(),
        }
    }

    /// The provider.
    pub fn provider(&self) -> &'a Provider {
        self.provider
    }

    /// The struct named `name`, if any.
    pub fn struct_named(&self, name: &str) -> Option<&'a Struct> {
        self.structs.get(name).copied()
    }

    /// The enum named `name`, if any.
    pub fn enum_named(&self, name: &str) -> Option<&'a Enum> {
        self.enums.get(name).copied()
    }
}

impl std::ops::Deref for Indexed<'_> {
    type Target = Provider;

    fn deref(&self) -> &Provider {
        self.provider
    }
}

/// Why the type crate of one scope depends on another's: the first item
/// found that names a type of the other scope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScopeReference {
    /// What names it: `` `PayRequest.refund_note` ``, a rule of a struct, or
    /// a decision.
    pub by: String,
    /// The type named.
    pub names: String,
    /// Where the naming item is written.
    pub loc: Loc,
}

impl Provider {
    /// For each scope, the other scopes whose types its type crate names,
    /// each with the first item that does: struct fields (through arrays),
    /// enum values compared by a struct's rules, and the types and values of
    /// an area's decision tables. The provider's own decisions are left out:
    /// they go into the client module, which sees every crate.
    ///
    /// These are the dependencies between the generated type crates: lowering
    /// refuses a cycle in them (L060), and the Rust emitter refuses to write a
    /// reference this map lacks, so the crates it writes never form a cycle.
    pub fn scope_references(&self) -> BTreeMap<Scope, BTreeMap<Scope, ScopeReference>> {
        let scopes: HashMap<&str, &Scope> = self
            .enums
            .iter()
            .map(|e| (e.name.as_str(), &e.scope))
            .chain(self.structs.iter().map(|s| (s.name.as_str(), &s.scope)))
            .collect();
        let mut out: BTreeMap<Scope, BTreeMap<Scope, ScopeReference>> = BTreeMap::new();
        let mut note = |from: &Scope, name: &str, by: &dyn Fn() -> String, loc: &Loc| {
            let Some(&to) = scopes.get(name) else { return };
            if to != from {
                out.entry(from.clone())
                    .or_default()
                    .entry(to.clone())
                    .or_insert_with(|| ScopeReference {
                        by: by(),
                        names: name.to_owned(),
                        loc: loc.clone(),
                    });
            }
        };
        for s in &self.structs {
            for f in &s.fields {
                if let Some(name) = f.ty.named() {
                    note(
                        &s.scope,
                        name,
                        &|| format!("`{}.{}`", s.name, f.wire_name),
                        &f.loc,
                    );
                }
            }
            for r in &s.rules {
                for name in r.kind.condition().into_iter().flat_map(Condition::enums) {
                    let by = || format!("a `{}` rule of `{}`", r.kind.spec_name(), s.name);
                    note(&s.scope, name, &by, &r.loc);
                }
            }
        }
        for d in self.decisions.iter().filter(|d| d.scope != Scope::Provider) {
            let by = || format!("decision `{}`", d.name);
            let types = d.inputs.iter().map(|i| &i.ty).chain([&d.output]);
            for ty in types {
                if let DecisionType::Enum(name) = ty {
                    note(&d.scope, name, &by, &d.loc);
                }
            }
        }
        out
    }
}

impl Type {
    /// The enum or struct this type names, through arrays.
    pub fn named(&self) -> Option<&str> {
        match self {
            Type::Enum(n) | Type::Struct(n) => Some(n),
            Type::Array(inner) => inner.named(),
            _ => None,
        }
    }
}

impl RuleKind {
    /// The condition the rule applies under, if it has one.
    pub fn condition(&self) -> Option<&Condition> {
        match self {
            RuleKind::RequiredIf { when, .. }
            | RuleKind::MaxLenIf { when, .. }
            | RuleKind::OnlyIf { when, .. } => Some(when),
            _ => None,
        }
    }
}

impl Condition {
    /// The enums the condition names: its field's and its values'.
    fn enums(&self) -> impl Iterator<Item = &str> {
        let values: &[Literal] = match &self.test {
            ConditionTest::OneOf(v) | ConditionTest::AbsentOrOneOf(v) => v,
            ConditionTest::Present(_) => &[],
        };
        let field = match self.field.leaf_type() {
            Type::Enum(n) => Some(n.as_str()),
            _ => None,
        };
        field
            .into_iter()
            .chain(values.iter().filter_map(|l| match l {
                Literal::EnumValue { enum_name, .. } => Some(enum_name.as_str()),
                _ => None,
            }))
    }
}
