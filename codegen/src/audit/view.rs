//! The spec as the audit reads it: one provider's IR next to its files as
//! written (text, YAML tree and key positions), so that findings can name
//! the spec line of a quote, a field or a `docs:` entry.

use std::path::{Path, PathBuf};

use crate::audit::page::normalise;
use crate::ir::{self, Provider, Struct};
use crate::spec::model::DocRef;
use crate::spec::spans::Spans;

/// One spec file as written.
#[derive(Debug)]
pub struct SpecFile {
    /// Path relative to the spec directory.
    pub path: PathBuf,
    /// The file's text.
    pub text: String,
    /// The YAML tree.
    pub value: serde_yaml::Value,
    /// Where each key is.
    pub spans: Spans,
}

impl SpecFile {
    /// Reads `path` (relative to `spec_dir`): text, YAML tree and key index.
    pub fn read(spec_dir: &Path, path: &Path) -> Result<SpecFile, String> {
        let full = spec_dir.join(path);
        let text = std::fs::read_to_string(&full)
            .map_err(|e| format!("cannot read `{}`: {e}", full.display()))?;
        let value = serde_yaml::from_str(&text)
            .map_err(|e| format!("cannot read `{}`: {e}", full.display()))?;
        let spans = Spans::index(&text);
        Ok(SpecFile {
            path: path.to_path_buf(),
            text,
            value,
            spans,
        })
    }

    /// The 1-based line of the key at dotted `path` (or its nearest ancestor).
    pub fn line(&self, path: &str) -> u32 {
        self.spans.locate(path).line
    }
}

/// One entry of the provider's `docs:`.
#[derive(Debug, Clone)]
pub struct DocEntry {
    /// Index in the `docs:` list.
    pub index: usize,
    /// The page's file name.
    pub file: String,
    /// The recorded fingerprint.
    pub sha256: Option<String>,
    /// Line of the entry in provider.yaml.
    pub line: u32,
}

/// A page the audit reads for a provider, and where the spec names it.
#[derive(Debug, Clone)]
pub struct PageRef {
    /// The page's file name.
    pub file: String,
    /// The spec file naming it.
    pub spec_file: PathBuf,
    /// The line naming it.
    pub spec_line: u32,
    /// Its recorded fingerprint (provider `docs:` entries only).
    pub sha256: Option<String>,
}

/// One provider: IR and files.
#[derive(Debug)]
pub struct ProviderView<'a> {
    /// The lowered provider.
    pub ir: &'a Provider,
    /// provider.yaml.
    pub provider_file: SpecFile,
    /// The endpoint and notification files, in IR order.
    pub endpoint_files: Vec<SpecFile>,
    /// The `docs:` entries of provider.yaml.
    pub docs: Vec<DocEntry>,
}

impl<'a> ProviderView<'a> {
    /// Reads the files of a provider that lowered without errors.
    pub fn read(spec_dir: &Path, ir: &'a Provider) -> Result<ProviderView<'a>, String> {
        let provider_file = SpecFile::read(spec_dir, &ir.loc.file)?;
        let mut endpoint_files = Vec::new();
        for endpoint in &ir.endpoints {
            endpoint_files.push(SpecFile::read(spec_dir, &endpoint.loc.file)?);
        }
        let docs = doc_entries(&provider_file)?;
        Ok(ProviderView {
            ir,
            provider_file,
            endpoint_files,
            docs,
        })
    }

    /// Every page the provider is specified from: its `docs:` entries, then
    /// endpoint pages not among them, each once.
    pub fn pages(&self) -> Vec<PageRef> {
        page_refs(self.ir, &self.provider_file.path, &self.docs, |i| {
            self.endpoint_files[i].line("docs")
        })
    }

    /// Every spec file of the provider with the pages its quotes may come
    /// from: an endpoint's own pages first, then every page of the provider.
    pub fn files_with_pages(&self) -> Vec<(&SpecFile, Vec<String>)> {
        let all: Vec<String> = self.pages().into_iter().map(|p| p.file).collect();
        let mut out = vec![(&self.provider_file, all.clone())];
        for (endpoint, file) in self.ir.endpoints.iter().zip(&self.endpoint_files) {
            let mut pages: Vec<String> = endpoint_pages(endpoint)
                .into_iter()
                .map(str::to_owned)
                .collect();
            pages.extend(
                all.iter()
                    .filter(|p| !pages.contains(p))
                    .cloned()
                    .collect::<Vec<_>>(),
            );
            out.push((file, pages));
        }
        out
    }

    /// A struct of the provider by Rust name.
    pub fn strukt(&self, name: &str) -> Option<&'a Struct> {
        self.ir.structs.iter().find(|s| s.name == name)
    }

    /// An enum of the provider by Rust name.
    pub fn enumeration(&self, name: &str) -> Option<&'a ir::Enum> {
        self.ir.enums.iter().find(|e| e.name == name)
    }

    /// The bodies (request, responses, errors) of the endpoints specified
    /// from `page` (every endpoint's for `None`), each once.
    pub fn bodies(&self, page: Option<&str>) -> Vec<&'a Struct> {
        let mut out: Vec<&Struct> = Vec::new();
        for endpoint in &self.ir.endpoints {
            if page.is_some_and(|page| !endpoint_pages(endpoint).contains(&page)) {
                continue;
            }
            let names = endpoint
                .request
                .iter()
                .chain(endpoint.responses.iter().map(|r| &r.body))
                .chain(endpoint.errors.iter().map(|e| &e.body));
            for name in names {
                if let Some(s) = self.strukt(name) {
                    if !out.iter().any(|seen| seen.name == s.name) {
                        out.push(s);
                    }
                }
            }
        }
        out
    }

    /// Whether a discrepancy note of the provider quotes `subject` (as a
    /// whole word): the spec then says on purpose how it reads the page
    /// there, and the audit stays quiet about it.
    pub fn acknowledges(&self, subject: &str) -> bool {
        self.ir
            .discrepancies
            .iter()
            .flat_map(|d| &d.quotes)
            .any(|quote| contains_word(&normalise(quote), subject))
    }
}

/// `haystack` contains `word` with no letter, digit or `_` on either side.
pub fn contains_word(haystack: &str, word: &str) -> bool {
    let part = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    haystack.match_indices(word).any(|(i, _)| {
        !part(haystack[..i].chars().next_back()) && !part(haystack[i + word.len()..].chars().next())
    })
}

/// Every page `provider` is specified from: its `docs:` entries (from
/// `provider_file`), then endpoint pages not among them, each once.
/// `docs_line(i)` is the line of endpoint `i`'s `docs` key; it is asked only
/// for the endpoint that first names a page, so a caller may read that one
/// file then rather than every file up front.
pub fn page_refs(
    provider: &Provider,
    provider_file: &Path,
    docs: &[DocEntry],
    mut docs_line: impl FnMut(usize) -> u32,
) -> Vec<PageRef> {
    let mut pages: Vec<PageRef> = docs
        .iter()
        .map(|d| PageRef {
            file: d.file.clone(),
            spec_file: provider_file.to_path_buf(),
            spec_line: d.line,
            sha256: d.sha256.clone(),
        })
        .collect();
    for (i, endpoint) in provider.endpoints.iter().enumerate() {
        for page in endpoint_pages(endpoint) {
            if !pages.iter().any(|p| p.file == page) {
                pages.push(PageRef {
                    file: page.to_owned(),
                    spec_file: endpoint.loc.file.clone(),
                    spec_line: docs_line(i),
                    sha256: None,
                });
            }
        }
    }
    pages
}

/// The pages an endpoint is specified from. Every read of an endpoint's
/// `docs` goes through here, so that its shape (one page or several) is
/// known in one place.
pub fn endpoint_pages(endpoint: &ir::Endpoint) -> Vec<&str> {
    endpoint.docs.iter().map(String::as_str).collect()
}

/// The `docs:` entries of a provider.yaml, with their lines.
pub fn doc_entries(file: &SpecFile) -> Result<Vec<DocEntry>, String> {
    let Some(list) = file.value.get("docs") else {
        return Ok(Vec::new());
    };
    let refs: Vec<DocRef> = serde_yaml::from_value(list.clone())
        .map_err(|e| format!("`{}`: docs: {e}", file.path.display()))?;
    Ok(refs
        .into_iter()
        .enumerate()
        .map(|(index, r)| DocEntry {
            index,
            file: r.file().to_owned(),
            sha256: r.sha256().map(str::to_owned),
            line: file.line(&format!("docs[{index}]")),
        })
        .collect())
}
