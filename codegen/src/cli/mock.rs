//! `payspec mock`: the stateful sandbox of every spec'd endpoint, on one
//! loopback address, until Ctrl-C.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Args;
use payspec_sandbox::{serve, MockOptions};

use super::{default_spec, require_spec_dir, Failure};

/// Flags of `payspec mock`. Secrets are best given through the environment
/// (flags end up in shell history); each flag falls back to its variable.
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
    /// How far a DOKU `Request-Timestamp` may be from the sandbox's clock, in
    /// seconds, before the request gets 401 `INVALID_TIMESTAMP`; 0 turns the
    /// check off (to replay recorded requests).
    #[arg(long, value_name = "SECS", default_value_t = payspec_sandbox::DEFAULT_TIMESTAMP_TOLERANCE.as_secs())]
    doku_timestamp_tolerance: u64,
    /// DOKU Client-Id callers must send.
    #[arg(long, env = "DOKU_CLIENT_ID")]
    doku_client_id: Option<String>,
    /// DOKU Secret Key (request and response signatures).
    #[arg(long, env = "DOKU_SECRET_KEY", hide_env_values = true)]
    doku_secret_key: Option<String>,
    /// Midtrans Server Key (Basic auth, notification signature_key).
    #[arg(long, env = "MIDTRANS_SERVER_KEY", hide_env_values = true)]
    midtrans_server_key: Option<String>,
    /// Biller API key (`KEY` header).
    #[arg(long, env = "BILLER_API_KEY", hide_env_values = true)]
    biller_api_key: Option<String>,
    /// Biller JWT secret (`TOKEN` header, HS256).
    #[arg(long, env = "BILLER_TOKEN_SECRET", hide_env_values = true)]
    biller_token_secret: Option<String>,
}

/// Serves until Ctrl-C, logging one line per request (never a secret).
pub fn run(args: &MockArgs) -> Result<(), Failure> {
    require_spec_dir(&args.spec)?;
    let mut opts = MockOptions::new(args.addr, &args.spec);
    opts.seed.clone_from(&args.seed);
    opts.notify_url.clone_from(&args.notify_url);
    opts.doku_timestamp_tolerance = (args.doku_timestamp_tolerance > 0)
        .then(|| std::time::Duration::from_secs(args.doku_timestamp_tolerance));
    let creds = &mut opts.credentials;
    if let Some(id) = &args.doku_client_id {
        creds.doku_client_id.clone_from(id);
    }
    let secrets = [
        (&args.doku_secret_key, &mut creds.doku_secret_key),
        (&args.midtrans_server_key, &mut creds.midtrans_server_key),
        (&args.biller_api_key, &mut creds.biller_api_key),
        (&args.biller_token_secret, &mut creds.biller_token_secret),
    ];
    for (given, slot) in secrets {
        if let Some(value) = given {
            *slot = payspec_signing::Secret::new(value.clone());
        }
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
