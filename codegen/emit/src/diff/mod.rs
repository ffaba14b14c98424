//! Comparing two IRs and classifying every change.
//!
//! `payspec diff BASE HEAD` answers a reviewer's two questions about a spec
//! pull request: what changed for API callers, and does it break them. The
//! comparison is between two [`Ir`]s, never YAML text, so moving an item to
//! another file or reordering keys is no change; items are matched by
//! identity (provider name, endpoint name, struct name, field wire name, enum
//! wire value, decision name).
//!
//! Submodules, one job each: [`uses`] finds where a struct or enum is reached
//! from an endpoint body (to name the endpoint and JSON path),
//! `compare` classifies spec changes, `decision` compares decision tables by
//! evaluating them, [`rust_api`] diffs the generated Rust public API, `render`
//! prints reports, and [`git`] reads a spec directory at a git revision.
//!
//! # Classification decisions
//!
//! Every [`ChangeKind`] has exactly one [`Severity`]; the list is in `kind.rs`.
//! Where the review issue left a choice open:
//!
//! - A change is classified per use: a struct reached from a request and a
//!   response is reported once per endpoint and side, so a field becoming
//!   mandatory is breaking for request builders and info for response readers.
//! - A removed response field is breaking (callers reading it stop compiling).
//! - A value added to an enum only requests use is info: nothing that worked
//!   stops working. Added to an enum responses carry, it is a warning: the
//!   generated enum's `Unknown(String)` fallback keeps deserialisation working
//!   and the enum is `#[non_exhaustive]`, so no caller's `match` stops
//!   compiling, but code that matched `Unknown("VALUE")` silently stops
//!   seeing it. (A provider enum reused by several bodies, as spec/README
//!   recommends, is reported once per use, each a warning.)
//! - A removed enum value is breaking on either side (the variant is gone).
//! - Loosening a request check (max length raised or removed, min length
//!   lowered, format removed, rule removed, `max_len_if` raised) is a warning:
//!   requests validation rejected before now reach the provider, which may
//!   still reject them. Constraint changes on response fields are info, since
//!   responses are not validated.
//! - A mandatory request field becoming optional is a warning: the wire
//!   accepts more, but `new(..)` loses a parameter.
//! - A response field becoming optional is a warning, as the issue asks, even
//!   though the Rust field type changes to `Option<_>`; the Rust API section
//!   lists that signature change.
//! - `depends_on_account` rules are never checked, so adding or removing one
//!   is info. A changed rule is a removal plus an addition, except a
//!   `max_len_if` whose field and condition are unchanged (tightened/loosened).
//! - Decision tables are compared by their answers over every input
//!   combination: `true` → `false` (or a value → `None`) is breaking,
//!   the reverse is info, and a different enum answer is a warning.
//! - Renames are a removal plus an addition that look alike: a field with the
//!   old name as an alias, or of the same type at the same position; a struct
//!   with the same fields or in the same endpoint body slot; an enum with the
//!   same values; an endpoint with the same method and path or request body.
//! - Reordering is no change. Reordering mandatory request fields does
//!   reorder `new(..)`'s parameters, which the Rust API section shows.
//! - A changed struct is not reported against endpoints that are new in HEAD.

mod compare;
mod decision;
mod display;
mod field;
pub mod git;
mod kind;
mod render;
mod rules;
pub mod rust_api;
pub mod uses;

use std::fmt;

use serde::Serialize;

use crate::ir::{Ir, Loc};

pub use git::{has_uncommitted_changes, read_spec_at_revision, DiffError};
pub use kind::ChangeKind;
pub use rust_api::{RustApiDiff, RustItem, RustItemKind, RustSignatureChange};

/// How a change affects API callers. Ordered most serious first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Code or requests that worked before can stop compiling or be rejected.
    Breaking,
    /// Behaviour changes that may affect some callers.
    Warning,
    /// Documentation, additions and other changes no caller has to act on.
    Info,
}

impl Severity {
    /// Upper-case label used in text output (`BREAKING`).
    pub fn label(self) -> &'static str {
        match self {
            Severity::Breaking => "BREAKING",
            Severity::Warning => "WARNING",
            Severity::Info => "INFO",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// One classified change between BASE and HEAD.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// How it affects callers (always `kind.severity()`).
    pub severity: Severity,
    /// Stable snake_case code of what changed.
    pub kind: ChangeKind,
    /// Provider module name (`doku`).
    pub provider: String,
    /// Endpoint or notification names that reach the changed item, joined
    /// with `, ` when several do; `None` for provider-wide items.
    pub endpoint: Option<String>,
    /// JSON path from the body root (`order.invoice_number`;
    /// `response[200].` or `error[name].` prefixes for response and error
    /// bodies), or the item's name for items that are not fields.
    pub path: String,
    /// Value in BASE, when it has one.
    pub before: Option<String>,
    /// Value in HEAD, when it has one.
    pub after: Option<String>,
    /// Short statement of the change (`max length tightened 64 → 27`).
    pub title: String,
    /// Plain words: what it means, and why and for whom it breaks.
    pub message: String,
    /// Spec file and line in HEAD (in BASE for removals).
    #[serde(serialize_with = "serialize_loc")]
    pub loc: Option<Loc>,
}

fn serialize_loc<S: serde::Serializer>(loc: &Option<Loc>, s: S) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct JsonLoc<'a> {
        file: std::borrow::Cow<'a, str>,
        line: u32,
    }
    match loc {
        Some(l) => s.serialize_some(&JsonLoc {
            file: l.file.to_string_lossy(),
            line: l.line,
        }),
        None => s.serialize_none(),
    }
}

/// Everything that changed between two IRs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiffReport {
    /// Sorted by severity, provider, endpoint, path (then kind and title).
    pub changes: Vec<Change>,
    /// The effect on the generated Rust public API.
    pub rust_api: RustApiDiff,
}

/// Which format `payspec diff --format` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    /// [`DiffReport::render_text`].
    Text,
    /// [`DiffReport::render_markdown`].
    Markdown,
    /// [`DiffReport::render_json`].
    Json,
}

impl std::str::FromStr for ReportFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "text" => Ok(ReportFormat::Text),
            "markdown" | "md" => Ok(ReportFormat::Markdown),
            "json" => Ok(ReportFormat::Json),
            other => Err(format!(
                "unknown report format `{other}`: expected text, markdown or json"
            )),
        }
    }
}

/// Which severities make `payspec diff` exit non-zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailOn {
    /// Fail when any change is breaking.
    Breaking,
    /// Fail when any change is breaking or a warning.
    Warning,
    /// Never fail.
    None,
}

impl std::str::FromStr for FailOn {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "breaking" => Ok(FailOn::Breaking),
            "warning" => Ok(FailOn::Warning),
            "none" => Ok(FailOn::None),
            other => Err(format!(
                "unknown --fail-on value `{other}`: expected breaking, warning or none"
            )),
        }
    }
}

/// Compare BASE with HEAD and classify every change.
pub fn diff(base: &Ir, head: &Ir) -> DiffReport {
    let mut changes = merge_endpoints(compare::compare(base, head));
    changes.sort_by(|a, b| sort_key(a).cmp(&sort_key(b)));
    DiffReport {
        changes,
        rust_api: rust_api::diff_rust_api(base, head),
    }
}

type SortKey<'a> = (
    Severity,
    &'a str,
    Option<&'a str>,
    &'a str,
    &'static str,
    &'a str,
    Option<&'a str>,
    Option<&'a str>,
);

fn sort_key(c: &Change) -> SortKey<'_> {
    (
        c.severity,
        &c.provider,
        c.endpoint.as_deref(),
        &c.path,
        c.kind.code(),
        &c.title,
        c.before.as_deref(),
        c.after.as_deref(),
    )
}

/// A change to a struct shared by several endpoints is found once per
/// endpoint; report it once, naming every endpoint, when everything else
/// about it is the same.
fn merge_endpoints(changes: Vec<Change>) -> Vec<Change> {
    let mut merged: Vec<Change> = Vec::with_capacity(changes.len());
    for change in changes {
        let same = merged.iter_mut().find(|m| {
            m.kind == change.kind
                && m.provider == change.provider
                && m.path == change.path
                && m.before == change.before
                && m.after == change.after
                && m.title == change.title
                && m.message == change.message
        });
        match same {
            Some(m) => {
                if let Some(ep) = change.endpoint {
                    let mut names: Vec<String> = m
                        .endpoint
                        .as_deref()
                        .map(|e| e.split(", ").map(str::to_owned).collect())
                        .unwrap_or_default();
                    if !names.contains(&ep) {
                        names.push(ep);
                    }
                    names.sort();
                    m.endpoint = Some(names.join(", "));
                }
            }
            None => merged.push(change),
        }
    }
    merged
}

impl DiffReport {
    /// Number of changes of one severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.changes
            .iter()
            .filter(|c| c.severity == severity)
            .count()
    }

    /// One line per change, for a terminal.
    pub fn render_text(&self) -> String {
        render::text(self)
    }

    /// A pull-request comment: summary, tables by severity, Rust API section.
    pub fn render_markdown(&self) -> String {
        render::markdown(self)
    }

    /// Pretty JSON with stable field names.
    pub fn render_json(&self) -> String {
        render::json(self)
    }

    /// The report in one of the formats.
    pub fn render(&self, format: ReportFormat) -> String {
        match format {
            ReportFormat::Text => self.render_text(),
            ReportFormat::Markdown => self.render_markdown(),
            ReportFormat::Json => self.render_json(),
        }
    }

    /// Process exit code for `payspec diff --fail-on`.
    pub fn exit_code(&self, fail_on: FailOn) -> i32 {
        let fails = match fail_on {
            FailOn::Breaking => self.count(Severity::Breaking) > 0,
            FailOn::Warning => {
                self.count(Severity::Breaking) > 0 || self.count(Severity::Warning) > 0
            }
            FailOn::None => false,
        };
        i32::from(fails)
    }
}
