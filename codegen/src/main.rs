//! `payspec`: generate the client crate's sources, docs and OpenAPI from
//! `spec/`, check that `generated/` is up to date, and the review tools
//! (`lint`, `diff`, `openapi`, `docs`, `sign`, `verify`), and the `mock`
//! sandbox server.
//!
//! Exit codes: 0 success; 1 spec errors, a stale `generated/`, lint errors,
//! a diff over the `--fail-on` threshold, or an invalid signature; 2 usage or
//! I/O errors (and, for `diff`, a spec that does not load).

mod cli;

use std::process::ExitCode;

use clap::Parser;

// Generation allocates and frees millions of small token and syntax-tree
// nodes; glibc's malloc and free were about a third of `payspec generate`'s
// time at 1,000 endpoints (BENCHMARKS.md, section 1).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(cli::Failure::Exit(code)) => ExitCode::from(code),
        Err(cli::Failure::Io(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}
