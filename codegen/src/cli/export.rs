//! `payspec openapi` and `payspec docs`: the exports, on their own.

use std::fs;
use std::path::PathBuf;

use clap::Args;
use payspec_codegen::emit::{docs, openapi};
use payspec_codegen::generate::{write_atomic, Files};

use super::{default_spec, load, print_stdout, Failure};

/// `payspec openapi` arguments.
#[derive(Debug, Args)]
pub struct OpenapiArgs {
    /// The spec directory.
    #[arg(long, value_name = "DIR", default_value_os_t = default_spec())]
    spec: PathBuf,
    /// Write the YAML document here instead of stdout.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

/// `payspec docs` arguments.
#[derive(Debug, Args)]
pub struct DocsArgs {
    /// The spec directory.
    #[arg(long, value_name = "DIR", default_value_os_t = default_spec())]
    spec: PathBuf,
    /// The docs directory, replaced as a whole.
    #[arg(long, value_name = "DIR", default_value = "generated/docs")]
    out: PathBuf,
}

/// Renders the OpenAPI document to stdout or `--out`.
pub fn run_openapi(args: &OpenapiArgs) -> Result<(), Failure> {
    let loaded = load(&args.spec)?;
    let document = openapi::render(&loaded.ir).map_err(|e| {
        eprintln!("error: {e}");
        Failure::Exit(1)
    })?;
    match &args.out {
        Some(path) => {
            // Write beside the target, then rename: readers never see half a file.
            let staging = path.with_extension(format!("new-{}", std::process::id()));
            fs::write(&staging, &document)
                .and_then(|()| fs::rename(&staging, path))
                .map_err(|e| {
                    let _ = fs::remove_file(&staging);
                    Failure::Io(format!("cannot write {}: {e}", path.display()))
                })?;
            eprintln!("wrote {}", path.display());
        }
        None => print_stdout(&document)?,
    }
    Ok(())
}

/// Renders the Markdown reference and replaces `--out` with it.
pub fn run_docs(args: &DocsArgs) -> Result<(), Failure> {
    let loaded = load(&args.spec)?;
    let pages: Files = docs::render(&loaded.ir).map_err(|e| {
        eprintln!("error: {e}");
        Failure::Exit(1)
    })?;
    write_atomic(&args.out, &pages)
        .map_err(|e| Failure::Io(format!("cannot write {}: {e}", args.out.display())))?;
    // The doctest list beside the pages is not a page.
    let count = pages
        .keys()
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .count();
    eprintln!("wrote {count} page(s) to {}", args.out.display());
    Ok(())
}
