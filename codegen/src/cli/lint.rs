//! `payspec lint`: every problem in the specs, in a chosen format.

use std::path::PathBuf;

use clap::Args;
use payspec_codegen::audit::docs_lint;
use payspec_codegen::lint_report::{self, LintFormat};
use payspec_codegen::lower;

use super::{default_spec, print_stdout, require_spec_dir, Failure};

/// `payspec lint` arguments.
#[derive(Debug, Args)]
pub struct LintArgs {
    /// The spec directory; printed paths start with it.
    #[arg(long, value_name = "DIR", default_value_os_t = default_spec())]
    spec: PathBuf,
    /// text (for people), json (for tools) or github (Actions annotations).
    #[arg(long, value_name = "FORMAT", default_value = "text")]
    format: LintFormat,
    /// The provider-docs folder: check that every page named in `docs:` is
    /// in it. Without it the lint cannot know which pages exist and does not
    /// check them.
    #[arg(long, value_name = "DIR")]
    docs: Option<PathBuf>,
}

/// Prints every error and warning on stdout; exit 1 when any is an error.
pub fn run(args: &LintArgs) -> Result<(), Failure> {
    require_spec_dir(&args.spec)?;
    if let Some(docs) = args.docs.as_deref().filter(|d| !d.is_dir()) {
        return Err(Failure::Io(format!(
            "docs directory `{}` does not exist",
            docs.display()
        )));
    }
    let (diagnostics, failed) = match lower::load_dir(&args.spec) {
        Ok(loaded) => {
            let docs = docs_lint::check(&loaded.ir, &args.spec, args.docs.as_deref())
                .map_err(Failure::Io)?;
            let failed = !docs.is_empty();
            let mut all = loaded.warnings;
            all.0.extend(docs);
            all.0.extend(lower::case_coverage(&loaded.ir));
            all.sort();
            (all, failed)
        }
        Err(diagnostics) => {
            let failed = diagnostics.has_errors();
            (diagnostics, failed)
        }
    };
    print_stdout(&lint_report::render(&diagnostics, &args.spec, args.format))?;
    if failed {
        Err(Failure::Exit(1))
    } else {
        Ok(())
    }
}
