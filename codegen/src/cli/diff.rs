//! `payspec diff BASE HEAD`: what changed between two versions of the specs.

use std::path::{Path, PathBuf};

use clap::Args;
use payspec_codegen::diff::{self, FailOn, ReportFormat};
use payspec_codegen::lower::{self, Loaded};

use super::{print_stdout, Failure};

/// `payspec diff` arguments.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The old specs: a spec directory, or a git revision (`main`, `HEAD~1`).
    #[arg(value_name = "BASE")]
    base: String,
    /// The new specs: a spec directory, or a git revision.
    #[arg(value_name = "HEAD")]
    head: String,
    /// For git revisions: the spec directory, relative to the current directory.
    #[arg(long, value_name = "DIR", default_value = "spec")]
    spec_subdir: PathBuf,
    /// text, markdown (a pull-request comment) or json.
    #[arg(long, value_name = "FORMAT", default_value = "text")]
    format: ReportFormat,
    /// Exit 1 when a change of this severity or worse is found: breaking, warning or none.
    #[arg(long, value_name = "SEVERITY", default_value = "breaking")]
    fail_on: FailOn,
}

/// Loads both sides, prints the report on stdout, exits per `--fail-on`.
pub fn run(args: &DiffArgs) -> Result<(), Failure> {
    let base = load_side("BASE", &args.base, &args.spec_subdir)?;
    let head = load_side("HEAD", &args.head, &args.spec_subdir)?;
    let report = diff::diff(&base.ir, &head.ir);
    print_stdout(&report.render(args.format))?;
    match report.exit_code(args.fail_on) {
        0 => Ok(()),
        _ => Err(Failure::Exit(1)),
    }
}

/// An existing directory wins; anything else is a revision of the
/// repository containing the current directory, read without touching the
/// working tree. A spec that does not load is reported and exits 2.
fn load_side(side: &str, arg: &str, spec_subdir: &Path) -> Result<Loaded, Failure> {
    let dir = Path::new(arg);
    let (loaded, shown) = if dir.is_dir() {
        (lower::load_dir(dir), dir.to_path_buf())
    } else {
        let files = diff::read_spec_at_revision(Path::new("."), arg, spec_subdir).map_err(|e| {
            Failure::Io(format!(
                "{side} `{arg}` is neither a directory nor a readable git revision: {e}"
            ))
        })?;
        (lower::load_files(&files), spec_subdir.to_path_buf())
    };
    loaded.map_err(|diagnostics| {
        eprintln!(
            "{side} ({arg}) does not load; paths are relative to {}:",
            shown.display()
        );
        eprintln!("{diagnostics}");
        Failure::Exit(2)
    })
}
