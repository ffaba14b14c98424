//! `payspec`: generate the client crate's sources from `spec/`, or check that
//! the committed `generated/` directory is up to date.
//!
//! Exit codes: 0 success; 1 spec errors or a stale `generated/`; 2 usage or
//! I/O errors.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use payspec_codegen::generate::{self, GenerateError};
use payspec_codegen::lower::{self, Loaded};

/// Generates typed payment-gateway clients from YAML specs.
#[derive(Debug, Parser)]
#[command(name = "payspec", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Regenerate the output directory from the specs (atomically).
    Generate(Dirs),
    /// Fail if the output directory differs from what `generate` would write.
    Check(Dirs),
}

/// Where the specs are read from and the output is written to.
#[derive(Debug, Args)]
struct Dirs {
    /// The spec directory: one folder per provider.
    #[arg(long, value_name = "DIR", default_value = "spec")]
    spec: PathBuf,
    /// The output directory.
    #[arg(long, value_name = "DIR", default_value = "generated")]
    out: PathBuf,
}

/// How a command ends when it does not succeed.
enum Failure {
    /// The specs or the output are wrong (exit 1); already reported.
    Rejected,
    /// The tool could not do its job (exit 2).
    Io(String),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Generate(dirs) => run_generate(dirs),
        Command::Check(dirs) => run_check(dirs),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Rejected) => ExitCode::from(1),
        Err(Failure::Io(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

/// Loads and lowers the specs, printing warnings, or prints the errors.
fn load(spec: &Path) -> Result<Loaded, Failure> {
    match lower::load_dir(spec) {
        Ok(loaded) => {
            if !loaded.warnings.0.is_empty() {
                eprintln!("{}", loaded.warnings);
            }
            Ok(loaded)
        }
        Err(diagnostics) => {
            eprintln!("{diagnostics}");
            Err(Failure::Rejected)
        }
    }
}

fn run_generate(dirs: &Dirs) -> Result<(), Failure> {
    let loaded = load(&dirs.spec)?;
    match generate::generate(&loaded.ir, &dirs.out) {
        Ok(files) => {
            eprintln!("wrote {} file(s) to {}", files.len(), dirs.out.display());
            Ok(())
        }
        Err(GenerateError::Emit(e)) => {
            eprintln!("error: {e}");
            Err(Failure::Rejected)
        }
        Err(e @ GenerateError::Io { .. }) => Err(Failure::Io(e.to_string())),
    }
}

fn run_check(dirs: &Dirs) -> Result<(), Failure> {
    let loaded = load(&dirs.spec)?;
    let files = generate::render_all(&loaded.ir).map_err(|e| {
        eprintln!("error: {e}");
        Failure::Rejected
    })?;
    let stale = generate::check(&dirs.out, &files)
        .map_err(|e| Failure::Io(format!("cannot read {}: {e}", dirs.out.display())))?;
    if stale.is_empty() {
        eprintln!(
            "{} is up to date ({} file(s))",
            dirs.out.display(),
            files.len()
        );
        return Ok(());
    }
    eprintln!("{} is stale:", dirs.out.display());
    for s in &stale {
        eprintln!("  {s}");
    }
    eprintln!(
        "run `payspec generate --spec {} --out {}` and commit the result",
        dirs.spec.display(),
        dirs.out.display()
    );
    Err(Failure::Rejected)
}
