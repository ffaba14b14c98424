//! spec/README.md's diagnostics table lists exactly `lower::CODES`.

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
