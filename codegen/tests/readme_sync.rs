//! The READMEs quote the code: spec/README.md's diagnostics table is exactly
//! `lower::CODES`, README.md's example is examples/validate_refund.rs, and
//! README.md's sample outputs do not quote counts that change with the specs.

use payspec_codegen::lower::CODES;

#[test]
fn spec_readme_lists_every_diagnostic_code_with_its_meaning() {
    let readme = include_str!("../../spec/README.md");
    let rows: Vec<&str> = readme
        .lines()
        .filter(|l| l.starts_with("| `") && l.as_bytes().get(4).is_some_and(u8::is_ascii_digit))
        .collect();
    let expected: Vec<String> = CODES
        .iter()
        .map(|(code, meaning)| format!("| `{code}` | {} |", meaning.replace('|', "\\|")))
        .collect();
    assert_eq!(rows, expected);
}

#[test]
fn readme_example_is_the_compiled_example() {
    let readme = include_str!("../../README.md");
    let example = include_str!("../../examples/validate_refund.rs");
    let code = &example[example.find("use payspec").unwrap()..];
    let start = readme.find("```rust\n").unwrap() + "```rust\n".len();
    let end = start + readme[start..].find("```\n").unwrap();
    assert_eq!(&readme[start..end], code);
}

/// The number of files `generate`, `check` and `docs` report changes with
/// every endpoint added, so the README shows it as `<N>` (it said 16 while
/// `generate` wrote 38).
#[test]
fn readme_outputs_do_not_quote_spec_dependent_counts() {
    let readme = include_str!("../../README.md");
    let counted = regex::Regex::new(r"\b\d+ (file|page)\(s\)").unwrap();
    let stale: Vec<&str> = readme.lines().filter(|l| counted.is_match(l)).collect();
    assert!(stale.is_empty(), "{stale:#?}");
    assert!(readme.contains("wrote <N> file(s) to generated"));
}

#[test]
fn readme_configuration_example_is_the_compiled_example() {
    let readme = include_str!("../../README.md");
    let example = include_str!("../../examples/configure_client.rs");
    let code = &example[example.find("use std::time").unwrap()..];
    let section = &readme[readme.find("## Configuration").unwrap()..];
    let start = section.find("```rust\n").unwrap() + "```rust\n".len();
    let end = start + section[start..].find("```\n").unwrap();
    assert_eq!(&section[start..end], code);
}
