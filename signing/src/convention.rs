//! Where a provider reports a call's outcome in its response body: its own
//! code and message, which codes mean success, and the envelope a result
//! travels in (`error_convention:` in `provider.yaml`).
//!
//! The client runtime maps every refusal to one typed error from this data,
//! and the sandbox writes its refusals in the same shape, so neither names a
//! provider. Paths are dotted JSON member names (`error.code`,
//! `message.EN`); like the recipes, every type holds `Cow<'static, …>` so
//! generated code keeps a convention as `static` data.

use crate::recipe::{List, Text};

/// One provider's error convention.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ErrorConvention {
    /// Path of the provider's own code (`status_code`, `error.code`,
    /// `responseCode`); a string or a number.
    pub code: Option<Text>,
    /// Paths of the message, the first present one wins (`error.message`,
    /// then a gateway's bare `message`).
    pub message: List<Text>,
    /// Path of the message in the provider's second language (`message.ID`).
    pub message_local: Option<Text>,
    /// Body codes that mean success (`x` matches any one character, so
    /// `2xx` is any three-character code starting with 2). Empty: the HTTP
    /// status alone decides. A body without a code is not refused for it.
    pub success_codes: List<Text>,
    /// A boolean member that must be `true` for success (`success`).
    pub success_flag: Option<Text>,
    /// Path of the result inside a successful envelope (`data`); without
    /// it the whole body is the result.
    pub result: Option<Text>,
    /// The HTTP status with which the provider answers a repeated
    /// idempotency key with the original response (DOKU's 409).
    pub replay_status: Option<u16>,
}

impl ErrorConvention {
    /// Whether `code` is one of `codes` (`x` matching any one character).
    pub fn code_matches<S: AsRef<str>>(codes: &[S], code: &str) -> bool {
        codes.iter().any(|pattern| {
            let pattern = pattern.as_ref();
            pattern.len() == code.len()
                && pattern
                    .bytes()
                    .zip(code.bytes())
                    .all(|(p, c)| p == b'x' || p == c)
        })
    }
}

/// The member at dotted `path` of `value`.
pub fn lookup<'v>(value: &'v serde_json::Value, path: &str) -> Option<&'v serde_json::Value> {
    path.split('.').try_fold(value, |v, key| v.get(key))
}

/// A code or message read as text: a string as it is, a number as written.
pub fn as_text(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;

    #[test]
    fn x_matches_one_character_of_the_same_length() {
        let codes: Vec<Text> = vec![Cow::Borrowed("2xx"), Cow::Borrowed("407")];
        assert!(ErrorConvention::code_matches(&codes, "200"));
        assert!(ErrorConvention::code_matches(&codes, "201"));
        assert!(ErrorConvention::code_matches(&codes, "407"));
        assert!(!ErrorConvention::code_matches(&codes, "412"));
        assert!(!ErrorConvention::code_matches(&codes, "2000"));
        assert!(!ErrorConvention::code_matches(&codes, "20"));
        assert!(!ErrorConvention::code_matches::<&str>(&[], "200"));
    }

    #[test]
    fn dotted_paths_reach_nested_members() {
        let body = serde_json::json!({"error": {"code": "E1"}, "responseCode": 4001});
        assert_eq!(
            lookup(&body, "error.code").and_then(as_text).as_deref(),
            Some("E1")
        );
        assert_eq!(
            lookup(&body, "responseCode").and_then(as_text).as_deref(),
            Some("4001")
        );
        assert!(lookup(&body, "error.message").is_none());
    }
}
