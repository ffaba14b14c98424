//! What the audit found, and its three renderings (text, json, markdown).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Serialize;

/// How much a finding matters; `--fail-on` compares against it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth a look; never fails the audit.
    Note,
    /// The page changed in a way the spec may want to follow.
    Warning,
    /// The spec no longer says what the page says.
    Error,
}

impl Severity {
    /// The lowercase name used in every format.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// The stable kinds of finding. The names are part of the json output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// A page named in `docs:` is not in the docs directory.
    PageMissing,
    /// A page is binary or not UTF-8.
    PageUnreadable,
    /// A page's text differs from its recorded fingerprint.
    PageChanged,
    /// A page has no recorded fingerprint yet.
    PageUnpinned,
    /// A quoted passage is no longer on the page, and nothing close is.
    QuoteMissing,
    /// A quoted passage is no longer on the page; a similar one is.
    QuoteChanged,
    /// A JSON sample on the page that no `examples:` entry holds, and that
    /// decodes cleanly.
    SampleNew,
    /// A JSON sample no body of the page's endpoints resembles.
    SampleUnmatched,
    /// A sample key the spec's body lacks.
    SampleFieldUnknown,
    /// A mandatory field a sample does not send.
    SampleFieldAbsent,
    /// A sample value of another JSON type than the spec's field.
    SampleTypeDiffers,
    /// A sample value outside the field's enum.
    SampleEnumValue,
    /// A field name in the page's text that no body of the spec has.
    FieldMissing,
    /// A "Possible value" the spec's enum lacks.
    EnumValueMissing,
    /// A documented length that differs from the field's `max_len`.
    LengthDiffers,
    /// A method and path on the page that no spec endpoint has.
    EndpointMissing,
    /// An `audit_accepted:` entry of provider.yaml that no finding matches
    /// any more (the page changed, or the spec now covers it).
    AcceptedUnused,
}

impl Kind {
    /// The snake_case name printed in every format.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::PageMissing => "page_missing",
            Kind::PageUnreadable => "page_unreadable",
            Kind::PageChanged => "page_changed",
            Kind::PageUnpinned => "page_unpinned",
            Kind::QuoteMissing => "quote_missing",
            Kind::QuoteChanged => "quote_changed",
            Kind::SampleNew => "sample_new",
            Kind::SampleUnmatched => "sample_unmatched",
            Kind::SampleFieldUnknown => "sample_field_unknown",
            Kind::SampleFieldAbsent => "sample_field_absent",
            Kind::SampleTypeDiffers => "sample_type_differs",
            Kind::SampleEnumValue => "sample_enum_value",
            Kind::FieldMissing => "field_missing",
            Kind::EnumValueMissing => "enum_value_missing",
            Kind::LengthDiffers => "length_differs",
            Kind::EndpointMissing => "endpoint_missing",
            Kind::AcceptedUnused => "accepted_unused",
        }
    }

    /// The severity of a finding of this kind (a decoding finding on a
    /// response sample may be lower, see [`crate::audit::decode`]).
    pub fn severity(self) -> Severity {
        match self {
            Kind::PageChanged
            | Kind::PageUnpinned
            | Kind::SampleNew
            | Kind::SampleUnmatched
            | Kind::EndpointMissing
            | Kind::AcceptedUnused => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

/// One thing the audit found.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Finding {
    /// The page (a file name in the docs directory).
    pub doc_file: String,
    /// 1-based line on the page; `None` when the page as a whole is meant.
    pub doc_line: Option<u32>,
    /// What kind of change.
    pub kind: Kind,
    /// How much it matters: the kind's, or less where the spec's types
    /// would still read the page (an unknown key in a response sample).
    pub severity: Severity,
    /// The spec file the finding concerns, relative to the spec directory.
    pub spec_file: Option<PathBuf>,
    /// Its 1-based line.
    pub spec_line: Option<u32>,
    /// What changed and what to do about it.
    pub message: String,
}

/// A page's fingerprint status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PageState {
    /// The text is the one the spec was written against.
    Unchanged,
    /// The text differs from the recorded fingerprint.
    Changed,
    /// No fingerprint is recorded.
    Unpinned,
    /// Not in the docs directory.
    Missing,
    /// Binary or not UTF-8.
    Unreadable,
}

/// One audited page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PageStatus {
    /// The provider whose `docs:` names it.
    pub provider: String,
    /// The page's file name.
    pub file: String,
    /// Fingerprint status.
    pub state: PageState,
}

/// Everything one audit run found.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Every page, by provider then name.
    pub pages: Vec<PageStatus>,
    /// Every finding, sorted by page and line.
    pub findings: Vec<Finding>,
}

/// The `--format` of `payspec audit`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One line per finding, for people.
    Text,
    /// A JSON object with `pages` and `findings`, for tools.
    Json,
    /// A pull-request comment.
    Markdown,
}

impl std::str::FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "text" => Ok(Format::Text),
            "json" => Ok(Format::Json),
            "markdown" => Ok(Format::Markdown),
            other => Err(format!(
                "unknown format `{other}`; use text, json or markdown"
            )),
        }
    }
}

impl Report {
    /// Whether any finding is at or above `threshold` (`None`: never).
    pub fn fails(&self, threshold: Option<Severity>) -> bool {
        threshold.is_some_and(|t| self.findings.iter().any(|f| f.severity >= t))
    }

    /// Counts of errors and warnings.
    fn counts(&self) -> (usize, usize) {
        let errors = self
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count();
        let warnings = self
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Warning)
            .count();
        (errors, warnings)
    }

    /// Renders the report. Spec paths are printed below `spec_dir`.
    pub fn render(&self, format: Format, spec_dir: &Path) -> String {
        match format {
            Format::Text => self.text(spec_dir),
            Format::Json => self.json(spec_dir),
            Format::Markdown => self.markdown(spec_dir),
        }
    }

    fn text(&self, spec_dir: &Path) -> String {
        let mut out = String::new();
        for page in &self.pages {
            let _ = writeln!(
                out,
                "page {} ({}): {}",
                page.file,
                page.provider,
                state_name(page.state)
            );
        }
        for f in &self.findings {
            let _ = write!(
                out,
                "{}[{}]: {}",
                f.severity.as_str(),
                f.kind.as_str(),
                doc_place(f)
            );
            if let Some(spec) = spec_place(f, spec_dir) {
                let _ = write!(out, " (spec: {spec})");
            }
            let _ = writeln!(out, ": {}", f.message);
        }
        let (errors, warnings) = self.counts();
        let _ = writeln!(
            out,
            "audit: {} page(s), {errors} error(s), {warnings} warning(s)",
            self.pages.len()
        );
        out
    }

    fn json(&self, spec_dir: &Path) -> String {
        #[derive(Serialize)]
        struct JsonFinding<'a> {
            kind: &'static str,
            severity: &'static str,
            doc_file: &'a str,
            doc_line: Option<u32>,
            spec_file: Option<String>,
            spec_line: Option<u32>,
            message: &'a str,
        }
        #[derive(Serialize)]
        struct JsonReport<'a> {
            pages: &'a [PageStatus],
            findings: Vec<JsonFinding<'a>>,
        }
        let report = JsonReport {
            pages: &self.pages,
            findings: self
                .findings
                .iter()
                .map(|f| JsonFinding {
                    kind: f.kind.as_str(),
                    severity: f.severity.as_str(),
                    doc_file: &f.doc_file,
                    doc_line: f.doc_line,
                    spec_file: f.spec_file.as_ref().map(|p| spec_path(p, spec_dir)),
                    spec_line: f.spec_line,
                    message: &f.message,
                })
                .collect(),
        };
        let mut out = serde_json::to_string_pretty(&report).unwrap_or_else(|_| "{}".to_owned());
        out.push('\n');
        out
    }

    fn markdown(&self, spec_dir: &Path) -> String {
        let (errors, warnings) = self.counts();
        let mut out = format!(
            "### payspec audit: {errors} error(s), {warnings} warning(s) on {} page(s)\n\n",
            self.pages.len()
        );
        out.push_str("| page | provider | fingerprint |\n| --- | --- | --- |\n");
        for page in &self.pages {
            let _ = writeln!(
                out,
                "| `{}` | {} | {} |",
                page.file,
                page.provider,
                state_name(page.state)
            );
        }
        if self.findings.is_empty() {
            out.push_str("\nThe spec still says what the pages say.\n");
            return out;
        }
        out.push_str(
            "\n| severity | kind | page | spec | what to do |\n| --- | --- | --- | --- | --- |\n",
        );
        for f in &self.findings {
            let spec = spec_place(f, spec_dir).map_or_else(String::new, |s| format!("`{s}`"));
            let _ = writeln!(
                out,
                "| {} | `{}` | `{}` | {} | {} |",
                f.severity.as_str(),
                f.kind.as_str(),
                doc_place(f),
                spec,
                markdown_cell(&f.message)
            );
        }
        out
    }
}

fn state_name(state: PageState) -> &'static str {
    match state {
        PageState::Unchanged => "unchanged",
        PageState::Changed => "changed",
        PageState::Unpinned => "no fingerprint",
        PageState::Missing => "missing",
        PageState::Unreadable => "unreadable",
    }
}

fn doc_place(f: &Finding) -> String {
    match f.doc_line {
        Some(line) => format!("{}:{line}", f.doc_file),
        None => f.doc_file.clone(),
    }
}

fn spec_place(f: &Finding, spec_dir: &Path) -> Option<String> {
    let file = spec_path(f.spec_file.as_ref()?, spec_dir);
    Some(match f.spec_line {
        Some(line) => format!("{file}:{line}"),
        None => file,
    })
}

/// A spec path as printed: below the spec directory, with `/` separators.
fn spec_path(file: &Path, spec_dir: &Path) -> String {
    spec_dir.join(file).to_string_lossy().replace('\\', "/")
}

/// Keeps a message inside one table cell.
fn markdown_cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}
