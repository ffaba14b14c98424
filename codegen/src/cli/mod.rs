//! The command line: argument definitions and one module per command group.

mod audit;
mod diff;
mod export;
mod generate;
mod lint;
mod mock;
mod sign;

use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};
use payspec_codegen::lower::{self, Loaded};

/// Generates typed payment-gateway clients from YAML specs, and the tools to
/// review changes to those specs.
#[derive(Debug, Parser)]
#[command(name = "payspec", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Regenerate the output directory (rust/, docs/, openapi.yaml) from the specs, atomically.
    Generate(generate::Dirs),
    /// Fail if the output directory differs from what `generate` would write.
    Check(generate::Dirs),
    /// Report every spec problem with file, line, column, code and how to fix it.
    Lint(lint::LintArgs),
    /// Compare the spec with the provider pages it quotes: changed pages, lost quotes, new samples, fields, values and endpoints.
    Audit(audit::AuditArgs),
    /// Compare two spec directories or git revisions and classify every change.
    Diff(diff::DiffArgs),
    /// Print (or write) the OpenAPI 3.1 document of every provider.
    Openapi(export::OpenapiArgs),
    /// Write the Markdown reference docs.
    Docs(export::DocsArgs),
    /// Show every step of a provider's request signature, to debug a rejected request.
    Sign(sign::SignArgs),
    /// Check a received notification's signature with the provider's recipe.
    Verify(sign::VerifyArgs),
    /// Serve a stateful sandbox of every spec'd endpoint on one loopback address.
    Mock(mock::MockArgs),
}

/// How a command ends when it does not succeed.
pub enum Failure {
    /// Already reported; exit with this code (1 rejected, 2 could not run).
    Exit(u8),
    /// The tool could not do its job: print `error: <message>`, exit 2.
    Io(String),
}

/// Runs the parsed command.
pub fn run(cli: &Cli) -> Result<(), Failure> {
    match &cli.command {
        Command::Generate(dirs) => generate::run_generate(dirs),
        Command::Check(dirs) => generate::run_check(dirs),
        Command::Lint(args) => lint::run(args),
        Command::Audit(args) => audit::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Openapi(args) => export::run_openapi(args),
        Command::Docs(args) => export::run_docs(args),
        Command::Sign(cmd) => sign::run_sign(cmd),
        Command::Verify(cmd) => sign::run_verify(cmd),
        Command::Mock(args) => mock::run(args),
    }
}

/// A missing spec directory is a usage error (exit 2), not a spec error.
fn require_spec_dir(spec: &Path) -> Result<(), Failure> {
    if spec.is_dir() {
        Ok(())
    } else {
        Err(Failure::Io(format!(
            "spec directory `{}` does not exist (pass --spec DIR)",
            spec.display()
        )))
    }
}

/// Loads and lowers the specs, printing warnings to stderr, or prints the
/// errors and fails with exit code 1.
fn load(spec: &Path) -> Result<Loaded, Failure> {
    require_spec_dir(spec)?;
    match lower::load_dir(spec) {
        Ok(loaded) => {
            if !loaded.warnings.0.is_empty() {
                eprintln!("{}", loaded.warnings);
            }
            Ok(loaded)
        }
        Err(diagnostics) => {
            eprintln!("{diagnostics}");
            eprintln!(
                "run `payspec lint --spec {}` for the same list with file paths from the repository root",
                spec.display()
            );
            Err(Failure::Exit(1))
        }
    }
}

/// Writes a command's report to stdout. A closed pipe (`payspec openapi |
/// head`) ends the output quietly instead of panicking as `print!` would.
fn print_stdout(text: &str) -> Result<(), Failure> {
    use std::io::Write as _;
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::Io(format!("cannot write to stdout: {e}"))),
    }
}

/// The default spec directory of every command.
fn default_spec() -> PathBuf {
    PathBuf::from("spec")
}
