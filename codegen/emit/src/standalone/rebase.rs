//! Moving generated Rust to another place in another crate: the paths a
//! provider module and its type crates write for use inside this
//! repository, rewritten for where they end up.
//!
//! The rewrite works on whole path starts, never inside a longer path:
//! `crate::Error` can become `crate::api::Error` while `my_crate::Error` and
//! `x::crate_like::Error` stay.

/// The names a provider module reaches under `crate::` that belong to the
/// runtime (the client crate's root, or the stand-in of [`super::shim`]).
pub const RUNTIME_NAMES: [&str; 12] = [
    "client",
    "convention",
    "money",
    "recipe",
    "registry",
    "transport",
    "validation",
    "wire",
    "ApiError",
    "Error",
    "PathParam",
    "Secret",
];

/// Rewrites the paths that start `<from>::<name>` to `<new root>::<name>`
/// where `map(name)` gives the new root (`crate::Error` to
/// `crate::api::Error`).
pub fn rebase(code: &str, from: &str, map: impl Fn(&str) -> Option<String>) -> String {
    rewrite_path_starts(code, |head, rest| {
        (head == from).then(|| map(first_segment(rest))).flatten()
    })
}

/// Rewrites every path that starts with a crate's name (a
/// `payspec_<provider>_…` type crate, `payspec_runtime`) to what `map`
/// gives for that name.
pub fn rebase_crates(code: &str, map: impl Fn(&str) -> Option<String>) -> String {
    rewrite_path_starts(code, |head, _| map(head))
}

/// The first identifier of `rest` (after a `::`).
fn first_segment(rest: &str) -> &str {
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    &rest[..end]
}

/// Calls `replace(identifier, text after its "::")` for every identifier
/// that starts a path (followed by `::`, not preceded by `::` or an
/// identifier character) and substitutes the identifier when it answers.
fn rewrite_path_starts(code: &str, replace: impl Fn(&str, &str) -> Option<String>) -> String {
    let mut out = String::with_capacity(code.len() + code.len() / 16);
    let bytes = code.as_bytes();
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if !(b.is_ascii_alphabetic() || b == b'_') {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
            i += 1;
        }
        let preceded = start > 0 && {
            let before = bytes[start - 1];
            before.is_ascii_alphanumeric()
                || before == b'_'
                || !before.is_ascii()
                || (before == b':' && start > 1 && bytes[start - 2] == b':')
        };
        if preceded || !code[i..].starts_with("::") {
            continue;
        }
        if let Some(new) = replace(&code[start..i], &code[i + 2..]) {
            out.push_str(&code[copied..start]);
            out.push_str(&new);
            copied = i;
        }
    }
    out.push_str(&code[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crate_paths_move_and_others_stay() {
        let code = "crate::Error; crate::shop::Client; my_crate::Error; ::crate::x; \
                    crate::client::Client; crate::convention::ErrorConvention; \
                    [`crate::money::Idr`]; crate::other::X";
        let out = rebase(code, "crate", |name| match name {
            "shop" => Some("crate::api".to_owned()),
            n if RUNTIME_NAMES.contains(&n) => Some("crate::api::__payspec".to_owned()),
            _ => None,
        });
        assert_eq!(
            out,
            "crate::api::__payspec::Error; crate::api::shop::Client; my_crate::Error; ::crate::x; \
             crate::api::__payspec::client::Client; \
             crate::api::__payspec::convention::ErrorConvention; \
             [`crate::api::__payspec::money::Idr`]; crate::other::X"
        );
    }

    #[test]
    fn crate_paths_rewrite_only_whole_path_starts() {
        let code = "use payspec_shop_shared::*; x::payspec_shop_shared::Y; \
                    payspec_shop_shared_more::Z; payspec_runtime::wire::optional(a)";
        let out = rebase_crates(code, |name| match name {
            "payspec_shop_shared" => Some("crate::t::payspec_shop_shared".to_owned()),
            "payspec_runtime" => Some("::payspec".to_owned()),
            _ => None,
        });
        assert_eq!(
            out,
            "use crate::t::payspec_shop_shared::*; x::payspec_shop_shared::Y; \
             payspec_shop_shared_more::Z; ::payspec::wire::optional(a)"
        );
    }
}
