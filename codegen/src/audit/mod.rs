//! `payspec audit`: what a change of a provider's pages means for the spec.
//!
//! The spec names its pages (`docs:`) and quotes them; the audit reads the
//! pages from a directory given on the command line and reports, per page:
//! whether its text still has the fingerprint recorded in provider.yaml
//! ([`fingerprint`]), every quoted passage no longer on it ([`quotes`]),
//! every JSON sample the spec's examples lack, decoded with the spec's
//! types ([`samples`], [`decode`]), field names, value lists and lengths
//! the spec disagrees with ([`tables`]) and endpoints it lacks
//! ([`endpoints`]). Deterministic and local: the pages and the spec are
//! all it reads.

pub mod accepted;
pub mod decode;
pub mod docs_lint;
pub mod endpoints;
pub mod fingerprint;
pub mod page;
pub mod quotes;
pub mod report;
pub mod samples;
pub mod similar;
pub mod tables;
pub mod view;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::ir::Ir;
use page::Page;
use report::{Finding, Kind, PageState, PageStatus, Report};
use view::{PageRef, ProviderView};

/// One audit run: the report, and the fingerprints `--accept` would write.
#[derive(Debug)]
pub struct Audit {
    /// What was found.
    pub report: Report,
    /// provider.yaml files (full paths) with their text pinned to the pages
    /// as read, for those whose fingerprints differ.
    pinned: Vec<(PathBuf, String, Vec<String>)>,
}

/// Audits every provider of `ir` (loaded from `spec_dir`) against the pages
/// in `docs_dir`. `Err` when a file cannot be read at all (not a finding).
pub fn run(ir: &Ir, spec_dir: &Path, docs_dir: &Path) -> Result<Audit, String> {
    let mut report = Report::default();
    let mut pinned = Vec::new();
    for provider in &ir.providers {
        let view = ProviderView::read(spec_dir, provider)?;
        let mut pages = BTreeMap::new();
        let mut fingerprints = BTreeMap::new();
        for page_ref in view.pages() {
            let (state, finding) = read_page(&page_ref, docs_dir, &mut pages, &mut fingerprints)?;
            report.pages.push(PageStatus {
                provider: provider.name.clone(),
                file: page_ref.file.clone(),
                state,
            });
            report.findings.extend(finding);
        }
        let mut found = quotes::check(&view, &pages);
        for page in pages.values() {
            found.extend(samples::check(&view, page));
            found.extend(tables::check(&view, page));
            found.extend(endpoints::check(&view, page));
        }
        accepted::apply(&view.provider_file, &mut found)?;
        report.findings.extend(found);
        if let Some(text) =
            fingerprint::pinned_text(&view.provider_file, &view.docs, &fingerprints)?
        {
            let names = view
                .docs
                .iter()
                .filter(|d| fingerprints.contains_key(&d.file))
                .map(|d| d.file.clone())
                .collect();
            pinned.push((spec_dir.join(&view.provider_file.path), text, names));
        }
    }
    report.findings.sort();
    report.findings.dedup();
    Ok(Audit { report, pinned })
}

impl Audit {
    /// Writes the new fingerprints into provider.yaml (each file replaced
    /// atomically), and marks the pages accepted in the report. Returns
    /// the files written.
    pub fn accept(&mut self) -> Result<Vec<PathBuf>, String> {
        let mut written = Vec::new();
        for (path, text, names) in &self.pinned {
            fingerprint::write_atomically(path, text)?;
            written.push(path.clone());
            for page in &mut self.report.pages {
                if names.contains(&page.file)
                    && matches!(page.state, PageState::Changed | PageState::Unpinned)
                {
                    page.state = PageState::Unchanged;
                }
            }
            self.report.findings.retain(|f| {
                !(matches!(f.kind, Kind::PageChanged | Kind::PageUnpinned)
                    && names.contains(&f.doc_file))
            });
        }
        self.pinned.clear();
        Ok(written)
    }
}

/// Reads one page: its state, and the finding that state is, if any.
fn read_page(
    page_ref: &PageRef,
    docs_dir: &Path,
    pages: &mut BTreeMap<String, Page>,
    fingerprints: &mut BTreeMap<String, String>,
) -> Result<(PageState, Option<Finding>), String> {
    let finding = |kind: Kind, doc_line: Option<u32>, message: String| Finding {
        doc_file: page_ref.file.clone(),
        doc_line,
        kind,
        severity: kind.severity(),
        spec_file: Some(page_ref.spec_file.clone()),
        spec_line: Some(page_ref.spec_line),
        message,
    };
    let path = docs_dir.join(&page_ref.file);
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let message = format!(
                "the spec names `{}` in `docs:`, but the docs directory has no such page: restore the page, or, if the provider withdrew it, remove it from `docs:` and review what the spec quotes from it",
                page_ref.file
            );
            return Ok((
                PageState::Missing,
                Some(finding(Kind::PageMissing, None, message)),
            ));
        }
        Err(e) => return Err(format!("cannot read `{}`: {e}", path.display())),
    };
    let page = match Page::read(&page_ref.file, &bytes) {
        Ok(page) => page,
        Err(bad) => {
            let message = format!(
                "{}: the audit reads pages as UTF-8 text; save the page as text (the spec's quotes cannot be compared with it)",
                bad.reason
            );
            return Ok((
                PageState::Unreadable,
                Some(finding(Kind::PageUnreadable, Some(bad.line), message)),
            ));
        }
    };
    let hex = fingerprint::sha256_hex(&bytes);
    let result = match page_ref.sha256.as_deref() {
        Some(recorded) if recorded == hex => (PageState::Unchanged, None),
        Some(_) => (
            PageState::Changed,
            Some(finding(
                Kind::PageChanged,
                None,
                "the page's text differs from the fingerprint in `docs:`: review the findings below, update the spec, then run `payspec audit --accept` to record the new text".to_owned(),
            )),
        ),
        None => (
            PageState::Unpinned,
            Some(finding(
                Kind::PageUnpinned,
                None,
                "no fingerprint is recorded for this page: once the spec says what the page says, run `payspec audit --accept` (endpoint pages must also be listed in provider.yaml `docs:`)".to_owned(),
            )),
        ),
    };
    fingerprints.insert(page_ref.file.clone(), hex);
    pages.insert(page_ref.file.clone(), page);
    Ok(result)
}
