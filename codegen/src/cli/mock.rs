//! `payspec mock`: the stateful sandbox of every spec'd endpoint, on one
//! loopback address, until Ctrl-C.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Args;
use payspec_sandbox::{serve, MockOptions};

use super::{default_spec, require_spec_dir, Failure};

/// Flags of `payspec mock`. Secrets are best given through the environment
/// (flags end up in shell history); every credential falls back to the
/// variable the spec names for it.
#[derive(Debug, Args)]
pub struct MockArgs {
    /// Address to listen on; keep it on loopback.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// The spec directory the sandbox serves.
    #[arg(long, default_value_os_t = default_spec())]
    spec: PathBuf,
    /// A JSON file of orders and transactions to create at start.
    #[arg(long)]
    seed: Option<PathBuf>,
    /// Where to POST signed notifications when a transaction changes state.
    #[arg(long)]
    notify_url: Option<String>,
    /// How far a timestamp a request signs may be from the sandbox's
    /// clock, in seconds, before the request gets 401 `INVALID_TIMESTAMP`;
    /// 0 turns the check off (to replay recorded requests).
    #[arg(
        long,
        value_name = "SECS",
        alias = "doku-timestamp-tolerance",
        default_value_t = payspec_sandbox::DEFAULT_TIMESTAMP_TOLERANCE.as_secs()
    )]
    timestamp_tolerance: u64,
    /// A credential callers must use, by the environment variable the spec
    /// names for it (`auth.credentials.<name>.env`): `ENV=VALUE`, repeatable.
    /// Unset ones are read from that variable, else `sandbox-<ENV>`. For an
    /// `…_FILE` variable the value is a file (for an RSA signature the
    /// sandbox verifies, the PEM public key).
    #[arg(long = "credential", value_name = "ENV=VALUE")]
    credentials: Vec<String>,
}

/// Serves until Ctrl-C, logging one line per request (never a secret).
pub fn run(args: &MockArgs) -> Result<(), Failure> {
    require_spec_dir(&args.spec)?;
    let mut opts = MockOptions::new(args.addr, &args.spec);
    opts.seed.clone_from(&args.seed);
    opts.notify_url.clone_from(&args.notify_url);
    opts.timestamp_tolerance = (args.timestamp_tolerance > 0)
        .then(|| std::time::Duration::from_secs(args.timestamp_tolerance));
    for assignment in &args.credentials {
        opts.credentials
            .set_assignment(assignment)
            .map_err(|e| Failure::Io(format!("--credential: {e}")))?;
    }
    // Colours only on a terminal: a redirected log stays plain text.
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr());
    tracing_subscriber::fmt()
        .with_target(false)
        .with_ansi(ansi)
        .with_writer(std::io::stderr)
        .init();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::Io(format!("cannot start the async runtime: {e}")))?;
    runtime
        .block_on(serve(opts, async {
            // Ctrl-C, or a failure to listen for it, both end the server.
            let _ = tokio::signal::ctrl_c().await;
        }))
        .map_err(|e| Failure::Io(e.to_string()))
}
