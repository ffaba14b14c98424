//! The closed set of change codes and the severity each one carries.

use serde::{Serialize, Serializer};

use super::Severity;

macro_rules! change_kinds {
    ($( $(#[$doc:meta])* $variant:ident => $code:literal, $sev:ident; )*) => {
        /// What changed, as a stable snake_case code (`max_len_tightened`).
        /// Each code has one severity, so `--fail-on` and reviewers can rely on it.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum ChangeKind {
            $( $(#[$doc])* $variant, )*
        }

        impl ChangeKind {
            /// Every kind, for docs and exhaustive tests.
            pub const ALL: &'static [ChangeKind] = &[ $( ChangeKind::$variant, )* ];

            /// The stable code (`field_removed`).
            pub fn code(self) -> &'static str {
                match self { $( ChangeKind::$variant => $code, )* }
            }

            /// How serious a change of this kind is.
            pub fn severity(self) -> Severity {
                match self { $( ChangeKind::$variant => Severity::$sev, )* }
            }
        }
    };
}

change_kinds! {
    /// A provider module disappeared.
    ProviderRemoved => "provider_removed", Breaking;
    /// An endpoint or notification disappeared.
    EndpointRemoved => "endpoint_removed", Breaking;
    /// An endpoint disappeared and one with the same method and path, or the
    /// same request body, appeared under another name.
    EndpointRenamed => "endpoint_renamed", Breaking;
    /// The HTTP method changed.
    MethodChanged => "method_changed", Breaking;
    /// The URL path changed.
    HttpPathChanged => "http_path_changed", Breaking;
    /// An environment's base URL changed.
    BaseUrlChanged => "base_url_changed", Breaking;
    /// An environment disappeared.
    EnvironmentRemoved => "environment_removed", Breaking;
    /// A signature recipe (a value, a header or body field it writes, or the
    /// whole direction) changed.
    AuthRecipeChanged => "auth_recipe_changed", Breaking;
    /// The credentials `Config::new` takes changed (name, kind or order).
    CredentialsChanged => "credentials_changed", Breaking;
    /// The access-token flow (endpoint, body, token or lifetime path) changed.
    TokenFlowChanged => "token_flow_changed", Breaking;
    /// What the client reads of `error_convention` (a code or message path,
    /// success codes or flag, the result path, the replay status) changed.
    ErrorConventionChanged => "error_convention_changed", Breaking;
    /// The request body is another struct.
    RequestBodyChanged => "request_body_changed", Breaking;
    /// A response status is no longer documented.
    ResponseRemoved => "response_removed", Breaking;
    /// A response status carries another struct.
    ResponseBodyChanged => "response_body_changed", Breaking;
    /// A struct disappeared.
    StructRemoved => "struct_removed", Breaking;
    /// A struct disappeared and one with the same fields appeared.
    StructRenamed => "struct_renamed", Breaking;
    /// An item moved to another module (its Rust path changed).
    ScopeChanged => "scope_changed", Breaking;
    /// A field (request or response), header or path parameter disappeared.
    FieldRemoved => "field_removed", Breaking;
    /// A field disappeared and a likely replacement appeared (same type and
    /// position, or the old name is an alias of the new one).
    FieldRenamed => "field_renamed", Breaking;
    /// A field keeps its wire name but its Rust name changed.
    FieldRustNameChanged => "field_rust_name_changed", Breaking;
    /// An optional request field became mandatory.
    RequestFieldNowMandatory => "request_field_now_mandatory", Breaking;
    /// A mandatory request field, header or path parameter appeared.
    RequestFieldAddedMandatory => "request_field_added_mandatory", Breaking;
    /// A field's type changed.
    TypeChanged => "type_changed", Breaking;
    /// An enum disappeared.
    EnumRemoved => "enum_removed", Breaking;
    /// An enum disappeared and one with the same values appeared.
    EnumRenamed => "enum_renamed", Breaking;
    /// An enum value disappeared.
    EnumValueRemoved => "enum_value_removed", Breaking;
    /// An enum value keeps its wire spelling but its Rust variant name changed.
    EnumVariantRenamed => "enum_variant_renamed", Breaking;
    /// A request field's maximum length was lowered or added.
    MaxLenTightened => "max_len_tightened", Breaking;
    /// A request field's minimum length was raised or added.
    MinLenRaised => "min_len_raised", Breaking;
    /// A request number's minimum was raised or added (an amount that
    /// allowed zero no longer does).
    MinimumRaised => "minimum_raised", Breaking;
    /// A request field's format was added or changed.
    FormatTightened => "format_tightened", Breaking;
    /// A checked rule was added to a request body.
    RuleAdded => "rule_added", Breaking;
    /// A `max_len_if` limit was lowered.
    RuleTightened => "rule_tightened", Breaking;
    /// A decision function disappeared.
    DecisionRemoved => "decision_removed", Breaking;
    /// A decision function's parameters or result type changed.
    DecisionSignatureChanged => "decision_signature_changed", Breaking;
    /// A decision now answers `false` (or nothing) where it answered `true`
    /// (or a value): a channel or bank was removed from a supported list.
    DecisionNarrowed => "decision_narrowed", Breaking;

    /// A value was added to an enum that responses carry. Generated enums
    /// are `#[non_exhaustive]`, so no caller's `match` stops compiling; code
    /// that matched `Unknown("VALUE")` now sees the new variant instead.
    ResponseEnumValueAdded => "response_enum_value_added", Warning;
    /// A mandatory response field became optional: readers must handle absence.
    ResponseFieldNowOptional => "response_field_now_optional", Warning;
    /// A mandatory request field became optional: `new(..)` loses a parameter.
    RequestFieldNowOptional => "request_field_now_optional", Warning;
    /// The value the provider assumes for an absent field changed.
    DefaultChanged => "default_changed", Warning;
    /// A request field's length or format check was loosened or removed:
    /// requests validation rejected are now sent to the provider.
    ConstraintLoosened => "constraint_loosened", Warning;
    /// A checked rule was removed from a request body.
    RuleRemoved => "rule_removed", Warning;
    /// A `max_len_if` limit was raised.
    RuleLoosened => "rule_loosened", Warning;
    /// A decision with an enum result answers a different value for some inputs.
    DecisionResultChanged => "decision_result_changed", Warning;
    /// A decision table changed in a way too large to evaluate exhaustively.
    DecisionTableChanged => "decision_table_changed", Warning;
    /// A documented error body disappeared or changed struct.
    ErrorBodyChanged => "error_body_changed", Warning;
    /// A response field no longer accepts an alias or another JSON type.
    WireLeniencyReduced => "wire_leniency_reduced", Warning;
    /// A field is no longer marked sensitive: `Debug` now prints it.
    SensitivityRemoved => "sensitivity_removed", Warning;
    /// The authentication documentation, token claims, a credential's
    /// environment variable or the token refresh margin changed.
    AuthChanged => "auth_changed", Warning;

    /// A provider appeared.
    ProviderAdded => "provider_added", Info;
    /// An endpoint or notification appeared.
    EndpointAdded => "endpoint_added", Info;
    /// An endpoint moved to another area.
    EndpointAreaChanged => "endpoint_area_changed", Info;
    /// An environment appeared.
    EnvironmentAdded => "environment_added", Info;
    /// A response status or error body appeared.
    ResponseAdded => "response_added", Info;
    /// A struct appeared.
    StructAdded => "struct_added", Info;
    /// An optional field, or a response field, appeared.
    FieldAdded => "field_added", Info;
    /// A response field became mandatory (always present).
    ResponseFieldNowMandatory => "response_field_now_mandatory", Info;
    /// Presence changed between optional, recommended and conditional.
    PresenceChanged => "presence_changed", Info;
    /// A response field's length or format note changed (responses are not validated).
    ResponseConstraintChanged => "response_constraint_changed", Info;
    /// A field accepts another alias or JSON type.
    WireLeniencyAdded => "wire_leniency_added", Info;
    /// A field is now marked sensitive.
    SensitivityAdded => "sensitivity_added", Info;
    /// An enum appeared.
    EnumAdded => "enum_added", Info;
    /// A value was added to an enum only requests use.
    RequestEnumValueAdded => "request_enum_value_added", Info;
    /// A documentation-only rule (`depends_on_account`) was added or removed.
    DocsOnlyRuleChanged => "docs_only_rule_changed", Info;
    /// A word of `error_convention` only the sandbox writes (`code_kind`,
    /// `message_per_code`, `members`) changed.
    ErrorShapeChanged => "error_shape_changed", Info;
    /// A decision function appeared.
    DecisionAdded => "decision_added", Info;
    /// A decision now answers `true` (or a value) where it answered `false` (or nothing).
    DecisionWidened => "decision_widened", Info;
    /// A description, summary or source quote changed.
    DocChanged => "doc_changed", Info;
    /// A discrepancy note appeared.
    DiscrepancyAdded => "discrepancy_added", Info;
    /// A discrepancy note disappeared.
    DiscrepancyRemoved => "discrepancy_removed", Info;
    /// A discrepancy note's quotes or resolution changed.
    DiscrepancyChanged => "discrepancy_changed", Info;
    /// A body sample appeared, disappeared or changed.
    ExampleChanged => "example_changed", Info;
}

impl Serialize for ChangeKind {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl std::fmt::Display for ChangeKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}
