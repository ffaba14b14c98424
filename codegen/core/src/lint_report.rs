//! Printing lint results (`payspec lint`) for a terminal, for tools (JSON),
//! and as GitHub Actions annotations.
//!
//! The loader reports locations relative to the spec directory; every format
//! here prefixes them with that directory, so paths are relative to the
//! repository root when `--spec` is (GitHub needs that to place annotations).

use std::fmt::Write as _;
use std::path::Path;

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Diagnostics, Severity};

/// Which format `payspec lint --format` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LintFormat {
    /// One `severity[CODE]: file:line:col: message` line each, then `help:`.
    Text,
    /// A JSON object with counts and a `diagnostics` array.
    Json,
    /// GitHub Actions workflow commands (`::error file=…::message`).
    Github,
}

impl std::str::FromStr for LintFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "text" => Ok(LintFormat::Text),
            "json" => Ok(LintFormat::Json),
            "github" => Ok(LintFormat::Github),
            other => Err(format!(
                "unknown lint format `{other}`: expected text, json or github"
            )),
        }
    }
}

/// Renders `diagnostics` found in `spec_dir` in `format`.
pub fn render(diagnostics: &Diagnostics, spec_dir: &Path, format: LintFormat) -> String {
    match format {
        LintFormat::Text => text(diagnostics, spec_dir),
        LintFormat::Json => json(diagnostics, spec_dir),
        LintFormat::Github => github(diagnostics, spec_dir),
    }
}

/// The file of a diagnostic, relative to where `spec_dir` is relative to,
/// with `/` separators on every platform.
fn file(d: &Diagnostic, spec_dir: &Path) -> String {
    spec_dir
        .join(&d.loc.file)
        .to_string_lossy()
        .replace('\\', "/")
}

fn counts(diagnostics: &Diagnostics) -> (usize, usize) {
    let errors = diagnostics
        .0
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    (errors, diagnostics.0.len() - errors)
}

fn text(diagnostics: &Diagnostics, spec_dir: &Path) -> String {
    let mut out = String::new();
    for d in &diagnostics.0 {
        let _ = writeln!(
            out,
            "{}[{}]: {}:{}:{}: {}",
            d.severity,
            d.code,
            file(d, spec_dir),
            d.loc.line,
            d.loc.column,
            d.message
        );
        if let Some(help) = &d.help {
            let _ = writeln!(out, "  help: {help}");
        }
    }
    let (errors, warnings) = counts(diagnostics);
    let _ = writeln!(out, "{errors} error(s), {warnings} warning(s)");
    out
}

/// One diagnostic in `--format json`; field names are stable.
#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    file: String,
    line: u32,
    column: u32,
    severity: &'static str,
    code: &'a str,
    message: &'a str,
    help: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    errors: usize,
    warnings: usize,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

fn json(diagnostics: &Diagnostics, spec_dir: &Path) -> String {
    let (errors, warnings) = counts(diagnostics);
    let report = JsonReport {
        errors,
        warnings,
        diagnostics: diagnostics
            .0
            .iter()
            .map(|d| JsonDiagnostic {
                file: file(d, spec_dir),
                line: d.loc.line,
                column: d.loc.column,
                severity: match d.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                },
                code: d.code,
                message: &d.message,
                help: d.help.as_deref(),
            })
            .collect(),
    };
    // Serialising plain strings and numbers cannot fail; keep a valid
    // document even so.
    let mut out = serde_json::to_string_pretty(&report).unwrap_or_else(|_| "{}".to_owned());
    out.push('\n');
    out
}

fn github(diagnostics: &Diagnostics, spec_dir: &Path) -> String {
    let mut out = String::new();
    for d in &diagnostics.0 {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        let _ = writeln!(
            out,
            "::{command} file={},line={},col={},title={}::{}",
            escape_property(&file(d, spec_dir)),
            d.loc.line,
            d.loc.column,
            escape_property(d.code),
            escape_data(&message)
        );
    }
    out
}

/// Escapes a workflow command's message (`%`, `\r`, `\n`), as the GitHub
/// Actions toolkit does.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value: like [`escape_data`], plus
/// `:` and `,`, which would otherwise end the value.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_follow_the_actions_toolkit() {
        assert_eq!(escape_data("50% a\r\nb"), "50%25 a%0D%0Ab");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
