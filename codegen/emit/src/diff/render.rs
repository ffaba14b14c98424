//! Printing a [`DiffReport`] as text, Markdown or JSON.

use std::fmt::Write as _;

use serde::Serialize;

use super::{Change, DiffReport, RustApiDiff, Severity};

fn location(c: &Change) -> Option<String> {
    c.loc
        .as_ref()
        .map(|l| format!("{}:{}", l.file.display(), l.line))
}

fn summary(r: &DiffReport) -> String {
    let (b, w, i) = (
        r.count(Severity::Breaking),
        r.count(Severity::Warning),
        r.count(Severity::Info),
    );
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    format!(
        "{}, {}, {}",
        plural(b, "breaking change", "breaking changes"),
        plural(w, "warning", "warnings"),
        plural(i, "info", "info")
    )
}

/// `BREAKING doku card_refund order.invoice_number: max length tightened 64 → 27 (doku/cards/refund.yaml:12) — why`
pub fn text(r: &DiffReport) -> String {
    let mut out = String::new();
    for c in &r.changes {
        let _ = write!(
            out,
            "{} {} {} {}: {}",
            c.severity.label(),
            c.provider,
            c.endpoint.as_deref().unwrap_or("-"),
            c.path,
            one_line(&c.title)
        );
        if let Some(loc) = location(c) {
            let _ = write!(out, " ({loc})");
        }
        let _ = writeln!(out, " — {}", one_line(&c.message));
    }
    let api = &r.rust_api;
    if !api.is_empty() {
        let _ = writeln!(
            out,
            "Rust API: {} removed, {} added, {} changed",
            api.removed.len(),
            api.added.len(),
            api.changed.len()
        );
        for i in &api.removed {
            let _ = writeln!(out, "  - {}", i.signature);
        }
        for i in &api.added {
            let _ = writeln!(out, "  + {}", i.signature);
        }
        for c in &api.changed {
            let _ = writeln!(out, "  ~ {} → {}", c.before, c.after);
        }
    }
    let _ = writeln!(out, "{}", summary(r));
    out
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A Markdown table cell: one line, `|` escaped.
fn cell(s: &str) -> String {
    one_line(s).replace('|', "\\|")
}

/// Longest before/after value shown in a table; the JSON has them whole.
const MAX_CELL_CHARS: usize = 100;

fn shorten(s: &str) -> String {
    if s.chars().count() <= MAX_CELL_CHARS {
        return s.to_owned();
    }
    let mut out: String = s.chars().take(MAX_CELL_CHARS - 1).collect();
    out.push('…');
    out
}

/// A code span inside a table cell.
fn code_cell(s: &str) -> String {
    if s.contains('`') {
        // A double-backtick span, padded so a leading or trailing backtick
        // in the value does not merge with the delimiters.
        format!("`` {} ``", cell(s))
    } else {
        format!("`{}`", cell(s))
    }
}

fn table(out: &mut String, changes: &[&Change]) {
    out.push_str(
        "| Provider | Endpoint | Path | Change | Before | After | Why it matters | Where |\n",
    );
    out.push_str("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for c in changes {
        let opt = |v: &Option<String>| {
            v.as_deref()
                .map(|v| code_cell(&shorten(v)))
                .unwrap_or_default()
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            cell(&c.provider),
            c.endpoint.as_deref().map(cell).unwrap_or_default(),
            code_cell(&c.path),
            cell(&c.title),
            opt(&c.before),
            opt(&c.after),
            cell(&c.message),
            location(c).as_deref().map(code_cell).unwrap_or_default(),
        );
    }
}

/// A ready pull-request comment.
pub fn markdown(r: &DiffReport) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## payspec diff: {}\n", summary(r));
    if r.changes.is_empty() {
        out.push_str("No change for API callers.\n\n");
    }
    for (severity, heading, folded) in [
        (Severity::Breaking, "Breaking changes", false),
        (Severity::Warning, "Warnings", false),
        (Severity::Info, "Info", true),
    ] {
        let list: Vec<&Change> = r
            .changes
            .iter()
            .filter(|c| c.severity == severity)
            .collect();
        if list.is_empty() {
            continue;
        }
        if folded {
            let _ = writeln!(
                out,
                "<details>\n<summary>{heading} ({})</summary>\n",
                list.len()
            );
        } else {
            let _ = writeln!(out, "### {heading} ({})\n", list.len());
        }
        table(&mut out, &list);
        out.push('\n');
        if folded {
            out.push_str("</details>\n\n");
        }
    }
    rust_api_markdown(&mut out, &r.rust_api);
    out
}

fn rust_api_markdown(out: &mut String, api: &RustApiDiff) {
    out.push_str("### Rust API\n\n");
    if api.is_empty() {
        out.push_str("No change to the generated Rust API.\n");
        return;
    }
    if !api.removed.is_empty() {
        let _ = writeln!(out, "**Removed** ({})\n", api.removed.len());
        for i in &api.removed {
            let _ = writeln!(out, "- `{}`", i.signature);
        }
        out.push('\n');
    }
    if !api.changed.is_empty() {
        let _ = writeln!(out, "**Changed signatures** ({})\n", api.changed.len());
        for c in &api.changed {
            let _ = writeln!(out, "- `{}` → `{}`", c.before, c.after);
        }
        out.push('\n');
    }
    if !api.added.is_empty() {
        let _ = writeln!(out, "**Added** ({})\n", api.added.len());
        for i in &api.added {
            let _ = writeln!(out, "- `{}`", i.signature);
        }
        out.push('\n');
    }
}

#[derive(Serialize)]
struct Counts {
    breaking: usize,
    warning: usize,
    info: usize,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    summary: Counts,
    changes: &'a [Change],
    rust_api: &'a RustApiDiff,
}

/// Pretty JSON: `{"summary": {..}, "changes": [..], "rust_api": {..}}`.
pub fn json(r: &DiffReport) -> String {
    let report = JsonReport {
        summary: Counts {
            breaking: r.count(Severity::Breaking),
            warning: r.count(Severity::Warning),
            info: r.count(Severity::Info),
        },
        changes: &r.changes,
        rust_api: &r.rust_api,
    };
    // Serialising plain strings and numbers cannot fail; say so if it ever does.
    serde_json::to_string_pretty(&report)
        .unwrap_or_else(|e| format!("{{\"error\": {:?}}}", e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::{cell, code_cell, shorten};

    #[test]
    fn cells_are_one_line_with_pipes_escaped() {
        assert_eq!(cell("a | b\n  c"), "a \\| b c");
        assert_eq!(code_cell("x|y"), "`x\\|y`");
        assert_eq!(code_cell("alias `a`"), "`` alias `a` ``");
    }

    #[test]
    fn long_values_are_shortened_on_a_char_boundary() {
        let long = "é".repeat(150);
        let short = shorten(&long);
        assert_eq!(short.chars().count(), 100);
        assert!(short.ends_with("é…"));
        assert_eq!(shorten("short"), "short");
    }
}
