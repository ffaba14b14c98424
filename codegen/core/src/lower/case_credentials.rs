//! `case_credentials:` lowered: the public test values the conformance
//! cases are signed with, read by every runner of the cases, each
//! malformed entry reported at its line.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use payspec_signing::recipe::Scheme;

use super::{Sink, Src};
use crate::ir::CaseCredential;
use crate::spec::model::ProviderFile;

/// What a provider's case credentials are checked against.
pub(crate) struct Input<'a> {
    /// The provider directory, relative to the spec root.
    pub dir: &'a str,
    /// Every file of the spec, by path relative to the spec root.
    pub files: &'a BTreeMap<PathBuf, Vec<u8>>,
    /// The lowered credentials and recipes.
    pub recipes: &'a Scheme,
    /// Whether any endpoint or notification of the provider has cases.
    pub has_cases: bool,
}

/// Lowers `case_credentials:`: `L110` an unknown name, `L111` a file that is
/// not in the provider directory, `L112` a credential without a test value
/// where cases need one, `L113` the wrong form for the credential's `env`.
pub(crate) fn lower(
    sink: &mut Sink,
    src: Src<'_>,
    pfile: &ProviderFile,
    input: &Input<'_>,
) -> Vec<CaseCredential> {
    let mut out = Vec::new();
    for (name, spec) in &pfile.case_credentials {
        let key = format!("case_credentials.{name}");
        let Some(decl) = input.recipes.credentials.iter().find(|d| d.name == *name) else {
            let declared: Vec<&str> = input
                .recipes
                .credentials
                .iter()
                .map(|d| d.name.as_ref())
                .collect();
            sink.error(
                src.loc(&key),
                "L110",
                format!("`{name}` is not one of the provider's `auth.credentials`"),
                format!(
                    "give a test value to a declared credential ({})",
                    list_or_none(&declared)
                ),
            );
            continue;
        };
        let from_file = decl.env.ends_with("_FILE");
        let value = match (&spec.value, &spec.file) {
            (None, None) => {
                sink.error(
                    src.loc(&key),
                    "L112",
                    format!("`{name}` has no test value"),
                    if from_file {
                        "write `file: <path in the provider directory>`"
                    } else {
                        "write `value: <the test value the cases are signed with>`"
                    },
                );
                continue;
            }
            (Some(_), Some(_)) => {
                sink.error(
                    src.loc(&key),
                    "L113",
                    format!("`{name}` has both `value` and `file`"),
                    "keep one: `file` for an `…_FILE` credential, `value` for any other",
                );
                continue;
            }
            (Some(_), None) if from_file => {
                sink.error(
                    src.loc(&format!("{key}.value")),
                    "L113",
                    format!(
                        "`{name}` is read from a file (`{}`): a `value` cannot stand for it",
                        decl.env
                    ),
                    "put the test key in the provider directory and write `file: <its path>`",
                );
                continue;
            }
            (None, Some(_)) if !from_file => {
                sink.error(
                    src.loc(&format!("{key}.file")),
                    "L113",
                    format!(
                        "`{name}` is not read from a file (`{}` does not end in `_FILE`)",
                        decl.env
                    ),
                    "write the test value with `value:`",
                );
                continue;
            }
            (Some(value), None) => value.clone(),
            (None, Some(file)) => match read(input, file) {
                Ok((_, text)) => text,
                Err(problem) => {
                    missing_file(sink, src, &format!("{key}.file"), file, problem);
                    continue;
                }
            },
        };
        if spec.sandbox_file.is_some() && !from_file {
            sink.error(
                src.loc(&format!("{key}.sandbox_file")),
                "L113",
                format!("`{name}` is not read from a file: it has no `sandbox_file`"),
                "drop `sandbox_file`; it is the sandbox's half of an `…_FILE` key pair",
            );
            continue;
        }
        let sandbox_file = match spec.sandbox_file.as_ref().or(spec.file.as_ref()) {
            None => None,
            Some(file) => match read(input, file) {
                Ok((path, _)) => Some(path),
                Err(problem) => {
                    missing_file(sink, src, &format!("{key}.sandbox_file"), file, problem);
                    continue;
                }
            },
        };
        out.push(CaseCredential {
            name: name.clone(),
            value,
            sandbox_file,
        });
    }
    if input.has_cases {
        for decl in input.recipes.credentials.iter() {
            if !pfile.case_credentials.contains_key(decl.name.as_ref()) {
                let at = if pfile.case_credentials.is_empty() {
                    format!("auth.credentials.{}", decl.name)
                } else {
                    "case_credentials".to_owned()
                };
                sink.error(
                    src.loc(&at),
                    "L112",
                    format!(
                        "`{}` has no test value, and the provider's conformance cases are \
                         signed with one",
                        decl.name
                    ),
                    format!(
                        "add `{}: {{ {} }}` under `case_credentials:` (a public test value, \
                         never a real secret)",
                        decl.name,
                        if decl.env.ends_with("_FILE") {
                            "file: <path>"
                        } else {
                            "value: <test value>"
                        }
                    ),
                );
            }
        }
    }
    out
}

/// Reports a `file`/`sandbox_file` the provider directory does not hold.
fn missing_file(sink: &mut Sink, src: Src<'_>, key: &str, file: &str, problem: &str) {
    sink.error(
        src.loc(key),
        "L111",
        format!("`{file}` {problem}"),
        "give a path relative to the provider directory, of a text file (a PEM key) in it",
    );
}

/// The path (relative to the spec root) and text of `file`, a path
/// relative to the provider directory; `Err` says what is wrong with it.
fn read(input: &Input<'_>, file: &str) -> Result<(PathBuf, String), &'static str> {
    let rel = Path::new(file);
    if !rel.components().all(|c| matches!(c, Component::Normal(_))) {
        return Err("is not a path inside the provider directory");
    }
    let path = Path::new(input.dir).join(rel);
    let bytes = input
        .files
        .get(&path)
        .ok_or("is not a file in the provider directory")?;
    let text = String::from_utf8(bytes.clone()).map_err(|_| "is not UTF-8 text")?;
    Ok((path, text))
}

/// `a`, `b` or `none`.
fn list_or_none(names: &[&str]) -> String {
    if names.is_empty() {
        "it declares none".to_owned()
    } else {
        names
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}
