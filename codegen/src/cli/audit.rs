//! `payspec audit`: compare the spec with the provider pages it quotes.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use payspec_codegen::audit::{self, report};

use super::{default_spec, load, print_stdout, Failure};

/// `payspec audit` arguments.
#[derive(Debug, Args)]
pub struct AuditArgs {
    /// The folder of provider pages (the files named in `docs:`).
    #[arg(long, value_name = "DIR")]
    docs: PathBuf,
    /// The spec directory; printed spec paths start with it.
    #[arg(long, value_name = "DIR", default_value_os_t = default_spec())]
    spec: PathBuf,
    /// text (for people), json (for tools) or markdown (a pull-request comment).
    #[arg(long, value_name = "FORMAT", default_value = "text")]
    format: AuditFormat,
    /// Exit 1 when a finding is at or above this severity.
    #[arg(long, value_name = "LEVEL", default_value = "error")]
    fail_on: FailOn,
    /// Record the pages' current fingerprints in provider.yaml (after
    /// reviewing the findings). Without it the audit never writes.
    #[arg(long)]
    accept: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum AuditFormat {
    Text,
    Json,
    Markdown,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    None,
}

/// Prints the report; exit 1 when a finding reaches `--fail-on`.
pub fn run(args: &AuditArgs) -> Result<(), Failure> {
    if !args.docs.is_dir() {
        return Err(Failure::Io(format!(
            "docs directory `{}` does not exist (pass --docs DIR, the folder of provider pages)",
            args.docs.display()
        )));
    }
    let loaded = load(&args.spec)?;
    let mut result = audit::run(&loaded.ir, &args.spec, &args.docs).map_err(Failure::Io)?;
    if args.accept {
        for file in result.accept().map_err(Failure::Io)? {
            eprintln!("recorded the pages' fingerprints in {}", file.display());
        }
    }
    let format = match args.format {
        AuditFormat::Text => report::Format::Text,
        AuditFormat::Json => report::Format::Json,
        AuditFormat::Markdown => report::Format::Markdown,
    };
    print_stdout(&result.report.render(format, &args.spec))?;
    let threshold = match args.fail_on {
        FailOn::Error => Some(report::Severity::Error),
        FailOn::Warning => Some(report::Severity::Warning),
        FailOn::None => None,
    };
    if result.report.fails(threshold) {
        Err(Failure::Exit(1))
    } else {
        Ok(())
    }
}
