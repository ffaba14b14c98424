//! Spec names → Rust names, and the checks that they are usable.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Rust's keywords that can be written raw (`r#type`), sorted: the strict
/// and reserved keywords of editions 2015–2024 and the weak ones syn refuses
/// as plain identifiers (`union`, `macro_rules`, `raw` and `default` stay
/// usable and are absent). The generated crates are edition 2021, where
/// `gen` is still a plain word; it is here because edition 2024 reserves it,
/// and `r#gen` means the same field in 2021, so code that names it keeps
/// compiling when the crates (or a user's crate) move to 2024. This is the
/// one keyword table: lowering escapes field names with it and the Rust
/// emitter writes identifiers with it, so the IR's `rust_name` is what the
/// emitted code spells.
const RAW_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers; a field name gets a `_`
/// appended instead.
const UNRAWABLE: &[&str] = &["Self", "_", "crate", "self", "super"];

/// The names a provider cannot take, sorted: `generated/rust/providers.rs`
/// declares each provider module at the root of the `payspec` crate, where
/// these are the crate's own modules (`src/lib.rs`, and the generated
/// `provider_tables`) and the crates its code names by path (a root module
/// of the same name makes `use name::…` ambiguous). `codegen/tests/
/// provider_names.rs` keeps the list in step with `src/lib.rs` and the root
/// `Cargo.toml`.
pub const PAYSPEC_ROOT_NAMES: &[&str] = &[
    "alloc",
    "base64",
    "client",
    "convention",
    "core",
    "doc_examples",
    "error",
    "fastrand",
    "hmac",
    "http",
    "money",
    "notification",
    "payspec_runtime",
    "payspec_signing",
    "provider_tables",
    "recipe",
    "registry",
    "reqwest",
    "retry",
    "secret",
    "serde",
    "serde_json",
    "serde_path_to_error",
    "sha2",
    "std",
    "testing",
    "thiserror",
    "tokio",
    "tracing",
    "transport",
    "uuid",
    "validation",
    "wire",
];

/// Whether a provider named `name` would collide with a module or crate
/// the `payspec` crate's root already names.
pub fn is_payspec_root_name(name: &str) -> bool {
    PAYSPEC_ROOT_NAMES.binary_search(&name).is_ok()
}

/// Whether `word` is a keyword Rust code must write raw (`r#type`).
pub fn is_raw_keyword(word: &str) -> bool {
    RAW_KEYWORDS.binary_search(&word).is_ok()
}

/// Whether `word` is a keyword that cannot be an identifier even raw
/// (`self`, `crate`).
pub fn is_unrawable(word: &str) -> bool {
    UNRAWABLE.binary_search(&word).is_ok()
}

/// Whether `s` is a plain Rust identifier (ASCII, not a keyword).
pub fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    (first.is_ascii_alphabetic() || first == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !is_raw_keyword(s)
        && !is_unrawable(s)
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
    } else if is_raw_keyword(&snake) {
        format!("r#{snake}")
    } else if is_unrawable(&snake) {
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
    fn keyword_tables_are_sorted_for_binary_search() {
        assert!(RAW_KEYWORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(UNRAWABLE.windows(2).all(|w| w[0] < w[1]));
        assert!(is_raw_keyword("gen") && is_raw_keyword("type") && is_raw_keyword("async"));
        assert!(!is_raw_keyword("union") && !is_raw_keyword("self"));
        assert!(is_unrawable("self") && is_unrawable("Self") && !is_unrawable("type"));
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
