//! A local, stateful emulator of every endpoint in payspec's specs
//! (`payspec mock`).
//!
//! Everything it enforces comes from the spec: routes, request validation
//! (the request structs of the IR it loads, read as the generated types
//! read them), authentication (the recipes, and access tokens issued and
//! checked as `auth.token` says), the `lifecycle:` data (states,
//! transitions, cumulative amounts, time limits, guards) and the decision
//! tables (`refund_type`, `checkout_cancel_supported`). It never compiles
//! the client generated from the spec, so `payspec mock --spec DIR` serves
//! any spec. Error bodies are the docs' own examples with the call's values
//! filled in.
//!
//! Test control lives under [`CONTROL_PREFIX`]; see `sandbox/README.md`.

#![warn(missing_docs)]

mod auth;
mod body;
mod choose;
mod clock;
mod control;
mod credentials;
mod decide;
mod dispatch;
mod drop_body;
mod engine;
mod generate;
mod guards;
mod notify;
mod respond;
mod token;
mod world;

use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use payspec_codegen_core::ir::Ir;

pub use clock::DEFAULT_TOLERANCE as DEFAULT_TIMESTAMP_TOLERANCE;
pub use credentials::Credentials;
pub use world::{Fault, Seed};

/// The reserved path prefix of the test-control API.
pub const CONTROL_PREFIX: &str = "/_sandbox";

/// What `payspec mock` was asked to serve.
#[derive(Debug, Clone)]
pub struct MockOptions {
    /// Where to listen (`127.0.0.1:8080`; port 0 picks one).
    pub addr: SocketAddr,
    /// The spec directory (`spec/`).
    pub spec_dir: PathBuf,
    /// A JSON file of resources to create at start (an array of [`Seed`]).
    pub seed: Option<PathBuf>,
    /// The credentials callers must use.
    pub credentials: Credentials,
    /// Where to POST notifications when a resource changes state, unless the
    /// resource names its own URL.
    pub notify_url: Option<String>,
    /// How far a timestamp a request recipe signs (`now:`) may be from the
    /// sandbox clock (default [`DEFAULT_TIMESTAMP_TOLERANCE`], 5 minutes);
    /// `None` accepts any well-formed timestamp (to replay recorded requests).
    pub timestamp_tolerance: Option<std::time::Duration>,
}

impl MockOptions {
    /// Options for `spec_dir` on `addr`, credentials from the environment.
    pub fn new(addr: SocketAddr, spec_dir: impl Into<PathBuf>) -> Self {
        MockOptions {
            addr,
            spec_dir: spec_dir.into(),
            seed: None,
            credentials: Credentials::from_env(),
            notify_url: None,
            timestamp_tolerance: Some(clock::DEFAULT_TOLERANCE),
        }
    }
}

/// Why the sandbox could not start.
#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    /// The spec directory does not load; the diagnostics say where.
    #[error("the spec does not load:\n{0}")]
    Spec(String),
    /// A credential cannot be read (the file an `…_FILE` variable names).
    #[error("credential: {0}")]
    Credential(String),
    /// The seed file is unreadable or not a JSON array of seeds.
    #[error("seed file {path}: {message}")]
    Seed {
        /// The file.
        path: PathBuf,
        /// What is wrong, with the JSON path.
        message: String,
    },
    /// Binding or serving failed.
    #[error("cannot serve on {addr}: {source}")]
    Io {
        /// The address.
        addr: SocketAddr,
        /// The cause.
        source: std::io::Error,
    },
}

/// Shared state of one sandbox server.
pub(crate) struct App {
    pub ir: Ir,
    /// Every credential the spec declares, final (files read).
    pub credentials: Credentials,
    pub notify_url: Option<String>,
    pub timestamp_tolerance: Option<std::time::Duration>,
    pub world: Mutex<world::World>,
    pub http: reqwest::Client,
}

fn build_app(opts: &MockOptions) -> Result<Arc<App>, SandboxError> {
    let loaded = payspec_codegen_core::lower::load_dir(&opts.spec_dir)
        .map_err(|d| SandboxError::Spec(d.to_string()))?;
    let credentials = opts
        .credentials
        .resolved(&loaded.ir)
        .map_err(SandboxError::Credential)?;
    let mut world = world::World::default();
    if let Some(path) = &opts.seed {
        let text = std::fs::read(path).map_err(|e| SandboxError::Seed {
            path: path.clone(),
            message: e.to_string(),
        })?;
        let seeds: Vec<Seed> = serde_json::from_slice(&text).map_err(|e| SandboxError::Seed {
            path: path.clone(),
            message: e.to_string(),
        })?;
        for seed in seeds {
            world
                .seed(&loaded.ir, seed)
                .map_err(|message| SandboxError::Seed {
                    path: path.clone(),
                    message,
                })?;
        }
    }
    Ok(Arc::new(App {
        ir: loaded.ir,
        credentials,
        notify_url: opts.notify_url.clone(),
        timestamp_tolerance: opts.timestamp_tolerance,
        world: Mutex::new(world),
        http: reqwest::Client::new(),
    }))
}

/// Serves the sandbox on `opts.addr` until `shutdown` completes.
pub async fn serve(
    opts: MockOptions,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), SandboxError> {
    let app = build_app(&opts)?;
    let listener = tokio::net::TcpListener::bind(opts.addr)
        .await
        .map_err(|source| SandboxError::Io {
            addr: opts.addr,
            source,
        })?;
    let local = listener.local_addr().unwrap_or(opts.addr);
    tracing::info!(addr = %local, "payspec sandbox listening");
    axum::serve(listener, dispatch::router(app))
        .with_graceful_shutdown(shutdown)
        .await
        .map_err(|source| SandboxError::Io {
            addr: opts.addr,
            source,
        })
}

/// The sandbox's request handling without a socket: the same router the
/// server runs (control API, authentication, faults, replays, validation,
/// lifecycle), driven one request at a time. For fuzzing and for tests that
/// want no loopback port. Notifications, if a URL is configured, are sent
/// with `tokio::spawn`, so call [`InProcess::handle`] inside a tokio runtime.
#[derive(Clone)]
pub struct InProcess {
    router: axum::Router,
}

impl std::fmt::Debug for InProcess {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("InProcess").finish_non_exhaustive()
    }
}

/// What [`InProcess::handle`] answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// HTTP status.
    pub status: u16,
    /// Response headers (name, value), values that are not UTF-8 left out.
    pub headers: Vec<(String, String)>,
    /// The body; `None` when it broke off (an injected drop-after-processing fault).
    pub body: Option<Vec<u8>>,
}

impl InProcess {
    /// Loads the spec and seeds of `opts` (`opts.addr` is ignored).
    pub fn new(opts: &MockOptions) -> Result<Self, SandboxError> {
        Ok(InProcess {
            router: dispatch::router(build_app(opts)?),
        })
    }

    /// Handles one request. A method or header that is not valid HTTP is
    /// answered 400 here, as a server's HTTP parser would refuse it.
    pub async fn handle(
        &self,
        method: &str,
        path_and_query: &str,
        headers: &[(String, String)],
        body: Vec<u8>,
    ) -> Answer {
        use tower::ServiceExt as _;
        let refused = Answer {
            status: 400,
            headers: Vec::new(),
            body: Some(Vec::new()),
        };
        let mut builder = axum::http::Request::builder()
            .method(method)
            .uri(path_and_query);
        for (name, value) in headers {
            builder = builder.header(name.as_str(), value.as_str());
        }
        let Ok(request) = builder.body(axum::body::Body::from(body)) else {
            return refused;
        };
        let response = match self.router.clone().oneshot(request).await {
            Ok(r) => r,
            Err(never) => match never {},
        };
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .filter_map(|(n, v)| Some((n.as_str().to_owned(), v.to_str().ok()?.to_owned())))
            .collect();
        let body = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .ok()
            .map(|b| b.to_vec());
        Answer {
            status,
            headers,
            body,
        }
    }
}

/// A sandbox running in this process; stops when dropped.
#[derive(Debug)]
pub struct SandboxHandle {
    addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

impl SandboxHandle {
    /// `http://127.0.0.1:PORT`, the base URL for every provider's client.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

impl Drop for SandboxHandle {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            // The server may already be gone; nothing left to stop then.
            let _ = stop.send(());
        }
    }
}

/// Starts a sandbox on 127.0.0.1, port 0, inside the current tokio runtime
/// (`opts.addr` is ignored). Must be called from within a runtime.
pub fn spawn_for_tests(opts: MockOptions) -> Result<(SocketAddr, SandboxHandle), SandboxError> {
    let app = build_app(&opts)?;
    let loopback = SocketAddr::from(([127, 0, 0, 1], 0));
    let io = |source| SandboxError::Io {
        addr: loopback,
        source,
    };
    let std_listener = std::net::TcpListener::bind(loopback).map_err(io)?;
    std_listener.set_nonblocking(true).map_err(io)?;
    let addr = std_listener.local_addr().map_err(io)?;
    let listener = tokio::net::TcpListener::from_std(std_listener).map_err(io)?;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(async move {
        let served = axum::serve(listener, dispatch::router(app))
            .with_graceful_shutdown(async {
                let _ = stopped.await;
            })
            .await;
        if let Err(e) = served {
            tracing::warn!(error = %e, "sandbox server stopped with an error");
        }
    });
    Ok((
        addr,
        SandboxHandle {
            addr,
            stop: Some(stop),
        },
    ))
}
