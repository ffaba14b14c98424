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
    /// The new specs: a spec directory, or a git revision. `HEAD` itself,
    /// when the spec directory has uncommitted changes, is the working tree
    /// (with a note); name the commit another way (`HEAD~0`) to compare it.
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
    let head_is_dirty_head = args.head == "HEAD"
        && !Path::new(&args.head).is_dir()
        && working_tree_is_dirty(&args.spec_subdir);
    let head = if head_is_dirty_head {
        eprintln!(
            "note: {} has uncommitted changes, so HEAD is the working tree (untracked \
             files included); to compare the last commit, name it another way (`HEAD~0`)",
            args.spec_subdir.display()
        );
        load_dir_side("HEAD", &args.head, &args.spec_subdir)?
    } else {
        load_side("HEAD", &args.head, &args.spec_subdir)?
    };
    let report = diff::diff(&base.ir, &head.ir);
    print_stdout(&report.render(args.format))?;
    match report.exit_code(args.fail_on) {
        0 => Ok(()),
        _ => Err(Failure::Exit(1)),
    }
}

/// Whether the spec directory in the repository of the current directory
/// differs from its last commit. Outside a repository (or when git fails)
/// it is not: `HEAD` is then read as a revision, which reports the error.
fn working_tree_is_dirty(spec_subdir: &Path) -> bool {
    spec_subdir.is_dir()
        && diff::has_uncommitted_changes(Path::new("."), spec_subdir).unwrap_or(false)
}

/// Loads a spec directory; a spec that does not load is reported and exits 2.
fn load_dir_side(side: &str, arg: &str, dir: &Path) -> Result<Loaded, Failure> {
    report_unloadable(side, arg, dir, lower::load_dir(dir))
}

fn report_unloadable(
    side: &str,
    arg: &str,
    shown: &Path,
    loaded: Result<Loaded, payspec_codegen::Diagnostics>,
) -> Result<Loaded, Failure> {
    loaded.map_err(|diagnostics| {
        eprintln!(
            "{side} ({arg}) does not load; paths are relative to {}:",
            shown.display()
        );
        eprintln!("{diagnostics}");
        Failure::Exit(2)
    })
}

/// An existing directory wins; anything else is a revision of the
/// repository containing the current directory, read without touching the
/// working tree. A spec that does not load is reported and exits 2.
fn load_side(side: &str, arg: &str, spec_subdir: &Path) -> Result<Loaded, Failure> {
    let dir = Path::new(arg);
    if dir.is_dir() {
        return load_dir_side(side, arg, dir);
    }
    let files = diff::read_spec_at_revision(Path::new("."), arg, spec_subdir).map_err(|e| {
        Failure::Io(format!(
            "{side} `{arg}` is neither a directory nor a readable git revision: {e}"
        ))
    })?;
    report_unloadable(side, arg, spec_subdir, lower::load_files(&files))
}
