//! The stable diagnostic codes, one line each, for `spec/README.md` and `payspec --help`.
//!
//! `E0xx` come from loading files, `L0xx` are lint errors (the spec cannot be
//! generated from), `W0xx` are warnings (it generates, but is likely wrong or
//! incomplete). Codes are never reused for another meaning.

/// Every diagnostic code with a one-line description.
pub const CODES: &[(&str, &str)] = &[
    ("E001", "malformed YAML, a YAML tag (`!x`) or a second `---` document, or a file that is not UTF-8"),
    ("E002", "unknown key (a typo, or a rule kind that does not exist)"),
    ("E003", "wrong type, invalid value, missing key, or a file that is not a mapping"),
    ("E004", "the same key written twice in one mapping"),
    ("E005", "nesting deeper than the loader's limit (128), or a YAML anchor or alias (`&a`, `*a`: spec files write values out)"),
    ("E006", "file layout: a provider directory without provider.yaml, or a spec file outside any provider directory"),
    ("L001", "unknown type name (not a primitive, nor a defined enum or type)"),
    ("L002", "unknown string format"),
    ("L003", "rule path names a field that does not exist"),
    ("L004", "rule path steps through a non-object, misuses `[]`, or names a field of the wrong type for the rule"),
    ("L005", "rule entry with zero or several rule kinds"),
    ("L006", "two fields of one struct map to the same Rust name"),
    ("L007", "duplicate enum, struct or endpoint name within a provider"),
    ("L008", "enum without values, or variant names that collide, are reserved, or are not Rust identifiers"),
    ("L009", "max_len, min_len or format on a field that is not a string, or minimum on one that is not `amount_idr` or `integer`"),
    ("L010", "literal (default, condition or decision value) that is not of the field's type or not an enum member"),
    ("L011", "sum_equals or not_greater_than on non-numeric fields"),
    ("L012", "condition without exactly one of equals, one_of, present, or with `or_absent` beside `present`"),
    ("L013", "also_accepts names an unknown JSON kind"),
    ("L014", "body `type:` without `fields` that names no defined type"),
    ("L015", "endpoint without method/path, notification with them, or a path not starting with `/`"),
    ("L016", "name not in the required case (types UpperCamel; endpoints, areas, decisions snake_case)"),
    ("L017", "object/array shape: inline object without fields, array without items, fields or items on another type"),
    ("L018", "discrepancy with fewer than two quotes or an empty `accepts`"),
    ("L019", "two endpoints with the same method and path"),
    ("L020", "path parameter not declared, declared but unused, or repeated"),
    ("L021", "response or error status that is not an HTTP status code, or a `status` on a request or response body"),
    ("L022", "decision table: unknown input or output type, or a row naming an unknown input"),
    ("L023", "rules on an endpoint without a request body, or `rules` inside the request body itself"),
    ("L024", "lifecycle: unknown state, endpoint, key or amount path, guard that is not a boolean decision, a refusal or not-found body the endpoint does not document, or a `notification` that is not one of the provider's notifications with an example"),
    ("L026", "a type that contains itself without an array in between (Rust cannot size it)"),
    ("L027", "lifecycle call data: a creating action with from-states or without endpoint and key, an action without from-states or `to`, a read-only action with no endpoint or with keys that write, an attribute, `same`, `respond` or notification `fill` path the bodies lack, an unknown fact, or a `decide` with an unknown table, input or source"),
    ("L028", "docs: entry whose sha256 is not 64 lowercase hex digits"),
    ("L029", "page named in docs: that is not in the provider-docs folder (only with `payspec lint --docs DIR`)"),
    ("L031", "a fixed `value` on anything but a mandatory string request header"),
    ("L032", "a `generated` value shape that does not parse, or on a field that is not a string"),
    ("L033", "a conformance case without one outcome, with request values outside the request type (an enum value it lacks, an unknown member), or a wire method or path other than the endpoint's"),
    ("L034", "signature recipe: unknown source (input) word, or a source written in the wrong shape"),
    ("L035", "signature recipe: unknown transform, or a keyed transform without its credential"),
    ("L036", "signature recipe: a name the direction does not have (value, credential, `sent` value of the request)"),
    ("L037", "signature recipe: a signing key reaches a header or field without a MAC, signature or digest"),
    ("L038", "signature recipe: a timestamp format or zone the runtime cannot write"),
    ("L039", "signature recipe: malformed item (template, name, line, key kind, uuid or numeric_id length, no outputs)"),
    ("L040", "error convention: a path that is not a dotted JSON path, or a `replay_status` that is not an HTTP status code"),
    ("L041", "success codes: an empty code or one with a space, or `success_codes` without the convention's `code` path"),
    ("L045", "token flow: `auth.token.endpoint` names no endpoint of the provider, a notification, or an endpoint without a success response body"),
    ("L046", "signature recipe: `access_token` used without a token flow, or outside the request recipe"),
    ("L047", "token flow: the token request `body` is not a JSON object"),
    ("L048", "token flow: `access_token` or `expires_in` is not a field of the token answer of the right type"),
    ("L049", "token flow: no request recipe sends the token (`access_token`)"),
    ("L060", "area type crates that name each other's types in a cycle (cargo cannot build crates that depend on each other)"),
    ("L065", "lifecycle `state_names`: a key that is not a declared state, or a `state_name` fact on a resource without `state_names`"),
    ("L066", "lifecycle `partial_to`: a state that is not declared, or on an action that is not `cumulative`"),
    ("L067", "lifecycle `idempotent_by`: not a string field of the endpoint's request body, or on an action without an endpoint, a creating or a read-only one"),
    ("L070", "a notification case without `notification` and exactly one of `decoded` or `error`, or with an endpoint case's `request`, `wire` or `response`"),
    ("L071", "a notification case's body that is not JSON or not a value of the notification type, where the case expects it verified (`decoded`) or `stale`"),
    ("L072", "a notification case whose `target`, headers or `max_age_secs` do not fit the provider's notification recipe"),
    ("L073", "a notification case's error other than `signature`, `decode` (with `path`) or `stale` (with `max_age_secs`)"),
    ("L074", "a notification case's `decoded` that is not JSON, or not a value of the notification type"),
    ("L075", "lifecycle: a transition's own `notification` on a read-only action (it changes no state, so it sends nothing)"),
    ("L076", "`generated_by`: a `field` that is not another field of the same object, or no `generated` shape for the values it does not list"),
    ("L077", "a header that is both a `request_headers` and a `call_headers` entry"),
    ("L078", "`call_headers` `methods`: a method other than GET or POST"),
    ("L079", "`call_headers` `list`: a `separator` that is not one character, or `max_items` of 0"),
    ("L080", "a provider name that a module or crate at the root of the `payspec` crate already has (`client`, `registry`, `serde`, …), where the generated provider list declares each provider's module"),
    ("L085", "error convention: `code_kind` without a `code` path, or `message_per_code` without both a `code` and a `message` path"),
    ("L086", "error convention member: a path that overlaps the code, message, result or another member, or without exactly one of `value` and `from`"),
    ("L087", "error convention: a member taken from a code or message the convention lacks, `from: code_words` without `code_kind: symbol`, or a success code that is not digits for a numeric `code_kind`"),
    ("L088", "error convention: a documented sample whose code is not of the declared `code_kind`"),
    ("L089", "`auth.scheme`: the retired key; the recipes and credentials replace it"),
    ("L090", "`retry.idempotency_key` without exactly one of `value` or `header`"),
    ("L091", "`retry.idempotency_key.value` that is not a generated id (`uuid_v4`) of the request recipe"),
    ("L092", "`retry.idempotency_key.header` that is not a `call_headers` entry"),
    ("L093", "`retry.key_lifetime_secs` of 0"),
    ("L100", "`example_by`: on a body that is not a response, an example the body lacks, a `from` that is not a scalar request field (response) or a resource fact (notification), or no `from` or `examples`"),
    ("L101", "lifecycle `state_values`: a state that is not declared, or a `state_value.<name>` fact naming no entry"),
    ("L102", "lifecycle `idempotent_window`: without `idempotent_by`, of 0 days, or a `refused` body the endpoint does not document"),
    ("L105", "`custom_from`: without a `generated` shape, or not a dotted request path of snake_case names"),
    ("L110", "`case_credentials`: a name that is not one of `auth.credentials`"),
    ("L111", "`case_credentials`: a `file` or `sandbox_file` that is not a UTF-8 file inside the provider directory"),
    ("L112", "`case_credentials`: a credential without a test value (an entry with neither `value` nor `file`, or a declared credential left out while the provider has cases)"),
    ("L113", "`case_credentials`: `value` and `file` together, `value` on an `…_FILE` credential, or `file`/`sandbox_file` on another"),
    ("W001", "enum or named type that nothing references"),
    ("W002", "conditional field that no rule makes conditional"),
    ("W003", "field without a description (`doc`)"),
    ("W004", "discrepancy that quotes nothing: a blank quote, or the same passage twice"),
    ("W005", "example that is not valid JSON"),
    ("W006", "endpoint without conformance cases"),
    ("W008", "token flow without `expires_in`: a token is kept until the provider answers 401"),
    ("W011", "notification without conformance cases, or an endpoint or notification with fewer than three cases or none of them an error path"),
    ("W012", "a documented error sample whose `error_convention.members` value is not what the convention writes"),
    ("W013", "lifecycle `state_values` entry that no `respond` or `fill` writes"),
];

/// The diagnostic codes (`"E001"`, `"L012"`, `"W003"` as string literals)
/// that `source` quotes and [`CODES`] does not list: a check for any crate
/// that reports diagnostics, run by its tests over its own source.
pub fn undocumented_codes(source: &str) -> Vec<&str> {
    let mut missing = Vec::new();
    for (i, _) in source.match_indices('"') {
        let code = source.get(i + 1..i + 5).unwrap_or("");
        let close = source.get(i + 5..i + 6).unwrap_or("");
        let shaped = code.len() == 4
            && code.is_ascii()
            && matches!(&code[..1], "E" | "L" | "W")
            && code[1..].chars().all(|c| c.is_ascii_digit());
        if shaped && close == "\"" && !CODES.iter().any(|(c, _)| *c == code) {
            missing.push(code);
        }
    }
    missing
}

#[cfg(test)]
mod tests {
    use super::{undocumented_codes, CODES};

    #[test]
    fn codes_are_unique_and_sorted() {
        let mut sorted: Vec<&str> = CODES.iter().map(|(c, _)| *c).collect();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted, CODES.iter().map(|(c, _)| *c).collect::<Vec<_>>());
    }

    #[test]
    fn every_code_used_in_the_source_is_documented() {
        let sources = [
            include_str!("../spec/load.rs"),
            include_str!("mod.rs"),
            include_str!("provider.rs"),
            include_str!("fields.rs"),
            include_str!("rules.rs"),
            include_str!("decisions.rs"),
            include_str!("checks.rs"),
            include_str!("lifecycle.rs"),
            include_str!("lifecycle_calls.rs"),
            include_str!("cases.rs"),
            include_str!("convention.rs"),
            include_str!("lifecycle_notification.rs"),
            include_str!("recipes.rs"),
            include_str!("token_flow.rs"),
        ];
        for src in sources {
            assert_eq!(undocumented_codes(src), Vec::<&str>::new());
        }
    }
}
