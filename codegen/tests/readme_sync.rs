//! The READMEs quote the code: spec/README.md's diagnostics table is exactly
//! `lower::CODES`, and README.md's example is examples/validate_refund.rs.

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
