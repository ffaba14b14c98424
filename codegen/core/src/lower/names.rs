//! Spec names → Rust names, and the checks that they are usable.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Keywords that can be written raw (`r#type`).
const RAW_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers; a `_` is appended instead.
const UNRAWABLE: &[&str] = &["crate", "self", "Self", "super", "_"];

/// Whether `s` is a plain Rust identifier (ASCII, not a keyword).
pub fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    (first.is_ascii_alphabetic() || first == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !RAW_KEYWORDS.contains(&s)
        && !UNRAWABLE.contains(&s)
}

/// Whether `s` is usable as a type name and already UpperCamel.
pub fn is_upper_camel(s: &str) -> bool {
    is_identifier(s) && s.to_upper_camel_case() == s
}

/// Whether `s` is usable as a module, function or parameter name and already snake_case.
pub fn is_snake(s: &str) -> bool {
    is_identifier(s) && s.to_snake_case() == s
}

/// The Rust field name for a wire name: snake_case, keyword-escaped, and
/// prefixed with `_` when it would start with a digit. `None` when nothing
/// usable remains (a wire name of punctuation only).
pub fn field_name(wire: &str) -> Option<String> {
    let snake = wire.to_snake_case();
    if snake.is_empty() {
        return None;
    }
    let name = if snake.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{snake}")
    } else if RAW_KEYWORDS.contains(&snake.as_str()) {
        format!("r#{snake}")
    } else if UNRAWABLE.contains(&snake.as_str()) {
        format!("{snake}_")
    } else {
        snake
    };
    let bare = name.strip_prefix("r#").unwrap_or(&name);
    bare.chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_')
        .then_some(name)
}

/// The UpperCamel name for a spec name (`sandbox` → `Sandbox`, `DELETE SUCCESS` → `DeleteSuccess`).
pub fn upper_camel(s: &str) -> String {
    s.to_upper_camel_case()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_names_are_snake_and_escaped() {
        assert_eq!(
            field_name("invoice_number").as_deref(),
            Some("invoice_number")
        );
        assert_eq!(field_name("Request-Id").as_deref(), Some("request_id"));
        assert_eq!(field_name("type").as_deref(), Some("r#type"));
        assert_eq!(field_name("self").as_deref(), Some("self_"));
        assert_eq!(field_name("3ds_url").as_deref(), Some("_3ds_url"));
        assert_eq!(field_name("grossAmount").as_deref(), Some("gross_amount"));
        assert_eq!(field_name("--"), None);
        assert_eq!(field_name("naïve"), None);
    }

    #[test]
    fn case_checks() {
        assert!(is_upper_camel("CardRefundRequest"));
        assert!(!is_upper_camel("card_refund"));
        assert!(!is_upper_camel("Self"));
        assert!(is_snake("card_refund"));
        assert!(!is_snake("CardRefund"));
        assert!(!is_snake("type"));
        assert_eq!(upper_camel("DELETE SUCCESS"), "DeleteSuccess");
    }
}
