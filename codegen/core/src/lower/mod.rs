//! Checking specs and resolving them into the IR.
//!
//! [`load_dir`] / [`load_files`] read every spec file ([`crate::spec::load`]),
//! group them by provider directory, and lower each provider
//! (`provider`): names converted, types resolved, rules and decision tables
//! typed, roles computed, and every problem reported with its file, line and
//! column. All problems are collected before anything is returned, so a
//! maintainer sees every mistake in one run.

mod case_credentials;
mod cases;
pub use cases::coverage as case_coverage;
mod checks;
mod codes;
mod convention;
mod decisions;
mod example_by;
mod fields;
mod generated;
mod lifecycle;
mod lifecycle_calls;
mod lifecycle_notification;
pub mod names;
mod provider;
mod recipes;
mod retry;
mod rules;
mod token_flow;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use codes::{undocumented_codes, CODES};
pub use convention::code_words;
pub use names::{is_raw_keyword, is_unrawable};

use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::ir::{Ir, Loc, Scope};
use crate::spec::load::{self, Parsed};
use crate::spec::model::{EndpointFile, ProviderFile};
use crate::spec::spans::{Pos, Spans};

/// A spec directory lowered to the IR, with the warnings found on the way.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The resolved specs.
    pub ir: Ir,
    /// Problems that do not stop generation, sorted.
    pub warnings: Diagnostics,
}

/// Reads every `*.yaml` under `spec_dir` (`provider.yaml` per provider
/// directory, endpoint files below it; README.md and other non-YAML files
/// are not spec files), checks it, lowers it. The other files inside
/// provider directories are read too: `case_credentials:` may name them.
///
/// `Err` holds ALL problems found (errors and warnings), sorted; `Ok` carries
/// the warnings. Locations are relative to `spec_dir`.
pub fn load_dir(spec_dir: &Path) -> Result<Loaded, Diagnostics> {
    let mut files = BTreeMap::new();
    let mut problems = Vec::new();
    collect_files(spec_dir, spec_dir, &mut files, &mut problems);
    if !problems.is_empty() {
        let mut all = Diagnostics(problems);
        all.sort();
        return Err(all);
    }
    load_files(&files)
}

/// Walks `dir` for `*.yaml`, and every file below a provider directory,
/// keyed by path relative to `root`.
fn collect_files(
    root: &Path,
    dir: &Path,
    files: &mut BTreeMap<PathBuf, Vec<u8>>,
    problems: &mut Vec<Diagnostic>,
) {
    let unreadable = |path: &Path, err: std::io::Error| {
        load::diagnostic(
            path.strip_prefix(root).unwrap_or(path),
            Pos::START,
            Severity::Error,
            "E006",
            format!("cannot read `{}`: {err}", path.display()),
            None,
        )
    };
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            problems.push(unreadable(dir, err));
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let is_dir = entry.file_type().map(|t| t.is_dir()).unwrap_or(false);
        if is_dir {
            collect_files(root, &path, files, problems);
        } else if dir != root || path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            match std::fs::read(&path) {
                Ok(bytes) => {
                    let rel = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
                    files.insert(rel, bytes);
                }
                Err(err) => problems.push(unreadable(&path, err)),
            }
        }
    }
}

/// Same as [`load_dir`] from in-memory files (relative path → bytes), for
/// tests, fuzzing, and `git show` based diffs. Paths not ending in `.yaml`
/// are not spec files (`case_credentials:` may name them), except `.yml`,
/// which is reported so a misnamed spec file is not silently skipped.
pub fn load_files(files: &BTreeMap<PathBuf, Vec<u8>>) -> Result<Loaded, Diagnostics> {
    let mut sink = Sink::default();
    let mut groups: BTreeMap<String, Group> = BTreeMap::new();
    // Which files to read, in order; reading (the bulk of loading) may then
    // run on several threads, and the results are taken in this order.
    let mut steps = Vec::new();
    for (path, bytes) in files {
        if path.extension().is_some_and(|e| e == "yml") {
            steps.push(Step::Refuse {
                path,
                message: format!(
                    "`{}` is not read: spec files end in `.yaml`",
                    path.display()
                ),
                help: "rename it to .yaml",
            });
            continue;
        }
        if path.extension().map_or(true, |e| e != "yaml") {
            continue;
        }
        let mut parts = path.components();
        let first = parts
            .next()
            .map(|c| c.as_os_str().to_string_lossy().into_owned());
        let rest = parts.as_path();
        let Some(dir) = first.filter(|_| !rest.as_os_str().is_empty()) else {
            steps.push(Step::Refuse {
                path,
                message: format!("`{}` is outside any provider directory", path.display()),
                help: "move it to <provider>/provider.yaml or <provider>/<area>/<name>.yaml",
            });
            continue;
        };
        steps.push(Step::Read(ReadJob {
            dir,
            path,
            bytes,
            provider_file: rest == Path::new("provider.yaml"),
        }));
    }
    let jobs: Vec<&ReadJob<'_>> = steps
        .iter()
        .filter_map(|step| match step {
            Step::Read(job) => Some(job),
            Step::Refuse { .. } => None,
        })
        .collect();
    let mut read = read_all(&jobs).into_iter();
    for step in &steps {
        let job = match step {
            Step::Refuse {
                path,
                message,
                help,
            } => {
                sink.error_at(path, Pos::START, "E006", message.clone(), *help);
                continue;
            }
            Step::Read(job) => job,
        };
        let Some(file) = read.next() else {
            break;
        };
        let group = groups.entry(job.dir.clone()).or_default();
        match file {
            ReadFile::Provider(Ok(parsed)) => {
                group.provider = Some((job.path.clone(), *parsed));
                group.has_provider_file = true;
            }
            ReadFile::Provider(Err(ds)) => {
                group.failed = true;
                group.has_provider_file = true;
                sink.diags.extend(ds);
            }
            ReadFile::Endpoint(result) => {
                match result {
                    Ok(parsed) => group.endpoints.push((job.path.clone(), *parsed)),
                    Err(ds) => {
                        group.failed = true;
                        sink.diags.extend(ds);
                    }
                }
                group.any_file.get_or_insert_with(|| job.path.clone());
            }
        }
    }

    let mut providers = Vec::new();
    for (dir, group) in &groups {
        if !group.has_provider_file {
            if let Some(file) = &group.any_file {
                sink.error_at(
                    file,
                    Pos::START,
                    "E006",
                    format!("provider directory `{dir}` has no provider.yaml"),
                    format!(
                        "add {dir}/provider.yaml with the provider's name, auth and environments"
                    ),
                );
            }
            continue;
        }
        // Lint only providers whose files all loaded: resolution against a
        // half-read provider would report names as unknown that are merely unread.
        if group.failed {
            continue;
        }
        if let Some((path, parsed)) = &group.provider {
            let input = provider::ProviderInput {
                dir,
                provider: (path, parsed),
                endpoints: group.endpoints.iter().map(|(p, e)| (p, e)).collect(),
                files,
            };
            providers.push(provider::lower(&input, &mut sink));
        }
    }
    providers.sort_by(|a, b| a.name.cmp(&b.name));

    let mut diags = Diagnostics(sink.diags);
    diags.sort();
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(Loaded {
            ir: Ir { providers },
            warnings: diags,
        })
    }
}

/// One spec file of [`load_files`]: refused by its name, or to be read.
enum Step<'a> {
    /// Not a spec file where one may be: an `E006` error.
    Refuse {
        path: &'a PathBuf,
        message: String,
        help: &'static str,
    },
    /// A spec file to read.
    Read(ReadJob<'a>),
}

/// A spec file to read, and the provider directory it belongs to.
struct ReadJob<'a> {
    dir: String,
    path: &'a PathBuf,
    bytes: &'a [u8],
    /// `<provider>/provider.yaml` rather than an endpoint file.
    provider_file: bool,
}

/// What reading one spec file gave.
enum ReadFile {
    Provider(Result<Box<Parsed<ProviderFile>>, Vec<Diagnostic>>),
    Endpoint(Result<Box<Parsed<EndpointFile>>, Vec<Diagnostic>>),
}

impl ReadJob<'_> {
    fn read(&self) -> ReadFile {
        if self.provider_file {
            ReadFile::Provider(load::parse(self.path, self.bytes, "a provider file").map(Box::new))
        } else {
            ReadFile::Endpoint(load::parse(self.path, self.bytes, "an endpoint file").map(Box::new))
        }
    }
}

/// Below this much YAML, reading on one thread is quicker than starting
/// others (tests, fuzzing, a single provider).
const PARALLEL_READ_BYTES: usize = 64 * 1024;

/// Reads every job, in order. Each file is read on its own (YAML parse,
/// key index, serde model), so large inputs are spread over the available
/// cores, each thread taking the next unread file.
fn read_all(jobs: &[&ReadJob<'_>]) -> Vec<ReadFile> {
    let total: usize = jobs.iter().map(|job| job.bytes.len()).sum();
    let workers = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(jobs.len());
    if workers < 2 || total < PARALLEL_READ_BYTES {
        return jobs.iter().map(|job| job.read()).collect();
    }
    let order: Vec<usize> = (0..jobs.len()).collect();
    let slots = crate::work_queue::run(&order, || (), |(), i| jobs[i].read());
    // Every index was taken by exactly one thread.
    slots.into_iter().flatten().collect()
}

/// The files of one provider directory.
#[derive(Default)]
struct Group {
    provider: Option<(PathBuf, Parsed<ProviderFile>)>,
    has_provider_file: bool,
    endpoints: Vec<(PathBuf, Parsed<EndpointFile>)>,
    any_file: Option<PathBuf>,
    failed: bool,
}

/// One spec file being lowered: where its keys are and which scope it fills.
#[derive(Clone, Copy)]
pub(crate) struct Src<'a> {
    /// Path relative to the spec root.
    pub file: &'a Path,
    /// Its key index.
    pub spans: &'a Spans,
    /// `Provider` for provider.yaml, `Area` for endpoint files.
    pub scope: &'a Scope,
}

impl Src<'_> {
    /// Location of the key at dotted `path` (or its nearest written ancestor).
    pub fn loc(&self, path: &str) -> Loc {
        let pos = self.spans.locate(path);
        Loc {
            file: self.file.to_path_buf(),
            line: pos.line,
            column: pos.column,
        }
    }
}

/// Collects diagnostics.
#[derive(Default)]
pub(crate) struct Sink {
    /// Everything reported so far.
    pub diags: Vec<Diagnostic>,
}

impl Sink {
    /// Reports an error with a how-to-fix hint.
    pub fn error(
        &mut self,
        loc: Loc,
        code: &'static str,
        message: String,
        help: impl Into<String>,
    ) {
        self.push(loc, Severity::Error, code, message, help.into());
    }

    /// Reports a warning with a how-to-fix hint.
    pub fn warn(&mut self, loc: Loc, code: &'static str, message: String, help: impl Into<String>) {
        self.push(loc, Severity::Warning, code, message, help.into());
    }

    fn error_at(
        &mut self,
        file: &Path,
        pos: Pos,
        code: &'static str,
        message: String,
        help: impl Into<String>,
    ) {
        let loc = Loc {
            file: file.to_path_buf(),
            line: pos.line,
            column: pos.column,
        };
        self.error(loc, code, message, help);
    }

    fn push(
        &mut self,
        loc: Loc,
        severity: Severity,
        code: &'static str,
        message: String,
        help: String,
    ) {
        self.diags.push(Diagnostic {
            loc,
            severity,
            code,
            message,
            help: (!help.is_empty()).then_some(help),
        });
    }
}
