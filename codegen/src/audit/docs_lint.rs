//! The lint checks of `docs:`: a fingerprint has the shape of one, and,
//! when the lint is given the docs directory (`payspec lint --docs DIR`),
//! every page named in `docs:` is in it. Without the directory the lint
//! cannot know which pages exist and says nothing about them.

use std::path::Path;

use crate::audit::fingerprint::is_fingerprint;
use crate::audit::view::{doc_entries, page_refs, SpecFile};
use crate::diagnostic::{Diagnostic, Severity};
use crate::ir::{Ir, Loc};
use crate::spec::spans::Spans;

/// The diagnostics of every provider's `docs:` entries.
pub fn check(ir: &Ir, spec_dir: &Path, docs_dir: Option<&Path>) -> Result<Vec<Diagnostic>, String> {
    let mut out = Vec::new();
    for provider in &ir.providers {
        // provider.yaml alone: the lint has read every file once already,
        // and an endpoint file is read again only to place an L029 on it.
        let provider_file = SpecFile::read(spec_dir, &provider.loc.file)?;
        let docs = doc_entries(&provider_file)?;
        for entry in &docs {
            if let Some(sha) = entry.sha256.as_deref().filter(|s| !is_fingerprint(s)) {
                out.push(Diagnostic {
                    loc: loc(&provider_file.path, entry.line),
                    severity: Severity::Error,
                    code: "L028",
                    message: format!(
                        "docs: `{}` has sha256 `{sha}`, which is not 64 lowercase hex digits",
                        entry.file
                    ),
                    help: Some(
                        "run `payspec audit --docs DIR --accept` to record the page's fingerprint"
                            .into(),
                    ),
                });
            }
        }
        let Some(dir) = docs_dir else {
            continue;
        };
        let mut unreadable = None;
        let pages = page_refs(provider, &provider_file.path, &docs, |i| {
            let file = &provider.endpoints[i].loc.file;
            match std::fs::read_to_string(spec_dir.join(file)) {
                Ok(text) => Spans::index(&text).locate("docs").line,
                Err(e) => {
                    unreadable.get_or_insert(format!("cannot read `{}`: {e}", file.display()));
                    1
                }
            }
        });
        if let Some(error) = unreadable {
            return Err(error);
        }
        for page in pages {
            if !dir.join(&page.file).is_file() {
                out.push(Diagnostic {
                    loc: loc(&page.spec_file, page.spec_line),
                    severity: Severity::Error,
                    code: "L029",
                    message: format!(
                        "docs: `{}` is not in the provider-docs folder `{}`",
                        page.file,
                        dir.display()
                    ),
                    help: Some(
                        "check the file name against the folder's INDEX.md, or add the page".into(),
                    ),
                });
            }
        }
    }
    Ok(out)
}

fn loc(file: &Path, line: u32) -> Loc {
    Loc {
        file: file.to_path_buf(),
        line,
        column: 1,
    }
}

#[cfg(test)]
mod codes_tests {
    #[test]
    fn every_code_it_reports_is_documented() {
        let missing = crate::lower::undocumented_codes(include_str!("docs_lint.rs"));
        assert_eq!(missing, Vec::<&str>::new());
    }
}
