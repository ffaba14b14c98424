//! The token cache against a loopback server that counts requests: one
//! token request for any number of concurrent callers, one refresh for an
//! expired token, one refresh and one retry on a 401, never a loop.

use std::collections::{HashSet, VecDeque};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::{Json, Router};
use payspec_signing::convention::ErrorConvention;
use payspec_signing::recipe::{
    CredentialDecl, CredentialKind, Credentials, Output, Recipe, Scheme, Template, TokenFlow,
};
use serde_json::{json, Value};
use tokio::sync::Notify;

use crate::client::runtime::Runtime;
use crate::client::{Call, CallOptions};
use crate::retry::RetryPolicy;
use crate::transport::ReqwestTransport;
use crate::Secret;

/// What the loopback provider does and has seen.
#[derive(Default)]
struct Server {
    token_requests: AtomicUsize,
    calls: AtomicUsize,
    /// `expiresIn` of each successive token (900 once these run out).
    lifetimes: Mutex<VecDeque<Value>>,
    /// Tokens it answers 401 for.
    revoked: Mutex<HashSet<String>>,
    /// Answer 401 to every call whatever its token.
    refuse_all: AtomicBool,
    /// Tokens issued, in order.
    issued: Mutex<Vec<String>>,
    /// The Authorization header of every call.
    bearers: Mutex<Vec<String>>,
    /// When set, a token request waits for `release` before answering.
    hold_tokens: AtomicBool,
    release: Notify,
    token_requested: Notify,
    /// When set, every token request is answered with this status and body.
    token_answer: Mutex<Option<(StatusCode, Value)>>,
}

async fn token(State(server): State<Arc<Server>>, headers: HeaderMap) -> (StatusCode, Json<Value>) {
    let n = server.token_requests.fetch_add(1, Ordering::SeqCst) + 1;
    server.token_requested.notify_one();
    if server.hold_tokens.load(Ordering::SeqCst) {
        server.release.notified().await;
    }
    if let Some((status, body)) = server.token_answer.lock().unwrap().clone() {
        return (status, Json(body));
    }
    // The token request is signed by the flow's own recipe.
    let client_key = headers.get("X-CLIENT-KEY").and_then(|v| v.to_str().ok());
    if !client_key.is_some_and(|key| key.starts_with("client-")) {
        return (
            StatusCode::BAD_REQUEST,
            Json(json!({ "error": "unsigned" })),
        );
    }
    let token = format!("tok-{n}");
    server.issued.lock().unwrap().push(token.clone());
    let lifetime = server
        .lifetimes
        .lock()
        .unwrap()
        .pop_front()
        .unwrap_or(json!(900));
    (
        StatusCode::OK,
        Json(json!({ "data": { "accessToken": token }, "expiresIn": lifetime })),
    )
}

async fn pay(State(server): State<Arc<Server>>, headers: HeaderMap) -> (StatusCode, Json<Value>) {
    server.calls.fetch_add(1, Ordering::SeqCst);
    let bearer = headers
        .get("Authorization")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    server.bearers.lock().unwrap().push(bearer.clone());
    let token = bearer.strip_prefix("Bearer ").unwrap_or_default();
    let issued = server.issued.lock().unwrap().iter().any(|t| t == token);
    let revoked = server.revoked.lock().unwrap().contains(token);
    if !issued || revoked || server.refuse_all.load(Ordering::SeqCst) {
        return (StatusCode::UNAUTHORIZED, Json(json!({ "error": "token" })));
    }
    (StatusCode::OK, Json(json!({ "ok": true })))
}

async fn serve(server: Arc<Server>) -> String {
    let app = Router::new()
        .route("/token", post(token))
        .route("/pay", post(pay))
        .with_state(server);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    format!("http://{address}")
}

fn header(name: &'static str, template: &str) -> Output {
    Output {
        name: name.into(),
        template: Template::parse(template).unwrap(),
        ignore_case: false,
    }
}

fn recipe(headers: Vec<Output>) -> Recipe {
    Recipe {
        values: Vec::new().into(),
        headers: headers.into(),
        fields: Vec::new().into(),
    }
}

/// A provider whose token comes from `POST /token` and whose calls send it
/// as a bearer token.
fn scheme() -> &'static Scheme {
    Box::leak(Box::new(Scheme {
        credentials: vec![CredentialDecl {
            name: "client_id".into(),
            kind: CredentialKind::Id,
            env: "CLIENT_ID".into(),
            doc: "".into(),
        }]
        .into(),
        request: Some(recipe(vec![header(
            "Authorization",
            "Bearer {access_token}",
        )])),
        response: None,
        notification: None,
        token: Some(TokenFlow {
            endpoint: "access_token".into(),
            method: "POST".into(),
            path: "/token".into(),
            body: r#"{"grantType":"client_credentials"}"#.into(),
            request: recipe(vec![header("X-CLIENT-KEY", "{client_id}")]),
            access_token: "data.accessToken".into(),
            expires_in: Some("expiresIn".into()),
            refresh_before: 60,
        }),
    }))
}

/// A number no other runtime of this test binary has had.
fn next_run() -> usize {
    static RUNS: AtomicUsize = AtomicUsize::new(0);
    RUNS.fetch_add(1, Ordering::SeqCst)
}

async fn runtime(server: &Arc<Server>) -> Arc<Runtime> {
    Arc::new(Runtime {
        provider: "doku",
        errors: Box::leak(Box::default()),
        call_headers: &[],
        idempotency: None,
        scheme: scheme(),
        // A credential set of its own in the process-wide token cache: a
        // port a finished test released may be handed to the next one, so
        // the base URL alone does not keep two tests' tokens apart.
        credentials: Credentials::new()
            .with("client_id", Secret::new(format!("client-{}", next_run()))),
        base_url: serve(Arc::clone(server)).await,
        retry: RetryPolicy::none(),
        verify_responses: false,
        transport: Arc::new(ReqwestTransport::new(Duration::from_secs(10))),
        fixed_now: None,
        token: Default::default(),
    })
}

async fn call(runtime: &Runtime) -> u16 {
    let exchange = runtime
        .exchange(
            &Call::post("pay", "/pay"),
            b"{}".to_vec(),
            &CallOptions::new(),
        )
        .await
        .unwrap();
    exchange.response.status
}

/// `n` calls at once; their statuses.
async fn concurrent(runtime: &Arc<Runtime>, n: usize) -> Vec<u16> {
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..n {
        let runtime = Arc::clone(runtime);
        tasks.spawn(async move { call(&runtime).await });
    }
    let mut statuses = Vec::new();
    while let Some(status) = tasks.join_next().await {
        statuses.push(status.unwrap());
    }
    statuses
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_callers_without_a_token_share_one_token_request() {
    let server = Arc::new(Server::default());
    server.hold_tokens.store(true, Ordering::SeqCst);
    let runtime = runtime(&server).await;
    let calls = {
        let runtime = Arc::clone(&runtime);
        tokio::spawn(async move { concurrent(&runtime, 64).await })
    };
    // Hold the first token request while the other 63 callers reach the
    // cache: any of them that did not wait would send a request of its own.
    server.token_requested.notified().await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    server.hold_tokens.store(false, Ordering::SeqCst);
    server.release.notify_waiters();
    let statuses = calls.await.unwrap();
    assert_eq!(statuses, vec![200; 64]);
    assert_eq!(server.token_requests.load(Ordering::SeqCst), 1);
    assert_eq!(server.calls.load(Ordering::SeqCst), 64);
    let bearers = server.bearers.lock().unwrap().clone();
    assert!(bearers.iter().all(|b| b == "Bearer tok-1"), "{bearers:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_expired_token_is_refreshed_once() {
    let server = Arc::new(Server::default());
    // The first token is already due (a lifetime inside the 60 s margin,
    // written as a string as DOKU SNAP does); the next lasts 900 s.
    server
        .lifetimes
        .lock()
        .unwrap()
        .extend([json!("30"), json!(900)]);
    let runtime = runtime(&server).await;
    assert_eq!(call(&runtime).await, 200);
    assert_eq!(server.token_requests.load(Ordering::SeqCst), 1);

    let statuses = concurrent(&runtime, 64).await;
    assert_eq!(statuses, vec![200; 64]);
    assert_eq!(server.token_requests.load(Ordering::SeqCst), 2);
    let bearers = server.bearers.lock().unwrap().clone();
    assert_eq!(bearers[0], "Bearer tok-1");
    assert!(
        bearers[1..].iter().all(|b| b == "Bearer tok-2"),
        "{bearers:?}"
    );

    // The fresh one is kept.
    assert_eq!(call(&runtime).await, 200);
    assert_eq!(server.token_requests.load(Ordering::SeqCst), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_401_refreshes_once_and_retries_once() {
    let server = Arc::new(Server::default());
    let runtime = runtime(&server).await;
    assert_eq!(call(&runtime).await, 200);
    server.revoked.lock().unwrap().insert("tok-1".to_owned());

    assert_eq!(call(&runtime).await, 200);
    assert_eq!(server.token_requests.load(Ordering::SeqCst), 2);
    assert_eq!(server.calls.load(Ordering::SeqCst), 3);
    assert_eq!(
        *server.bearers.lock().unwrap(),
        ["Bearer tok-1", "Bearer tok-1", "Bearer tok-2"]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_401s_refresh_once() {
    let server = Arc::new(Server::default());
    let runtime = runtime(&server).await;
    assert_eq!(call(&runtime).await, 200);
    server.revoked.lock().unwrap().insert("tok-1".to_owned());

    let statuses = concurrent(&runtime, 32).await;
    assert_eq!(statuses, vec![200; 32]);
    assert_eq!(server.token_requests.load(Ordering::SeqCst), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_second_401_is_the_answer_not_a_loop() {
    let server = Arc::new(Server::default());
    server.refuse_all.store(true, Ordering::SeqCst);
    let runtime = runtime(&server).await;
    assert_eq!(call(&runtime).await, 401);
    assert_eq!(server.token_requests.load(Ordering::SeqCst), 2);
    assert_eq!(server.calls.load(Ordering::SeqCst), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_token_request_is_an_api_error_naming_the_token_endpoint() {
    let server = Arc::new(Server::default());
    let runtime = runtime(&server).await;
    let mut wrong = (*runtime).clone();
    wrong.credentials = Credentials::new().with("client_id", Secret::new("someone-else"));
    let api = refusal(&wrong).await;
    assert_eq!(api.status, 400);
    assert_eq!(api.operation, "access_token");
    assert_eq!(server.calls.load(Ordering::SeqCst), 0);
}

/// The error of a call whose token request is refused.
async fn refusal(runtime: &Runtime) -> crate::error::ApiError {
    let error = runtime
        .exchange(
            &Call::post("pay", "/pay"),
            b"{}".to_vec(),
            &CallOptions::new(),
        )
        .await
        .err()
        .expect("the token request is refused");
    match error {
        crate::Error::Api(api) => *api,
        other => panic!("expected Error::Api, got {other:?}"),
    }
}

/// A convention of the SNAP kind: the code in `responseCode`, the message
/// in `responseMessage`, success only for the token endpoint's code.
fn snap_like_convention() -> &'static ErrorConvention {
    Box::leak(Box::new(ErrorConvention {
        code: Some("responseCode".into()),
        message: vec!["responseMessage".into()].into(),
        success_codes: vec!["2007300".into()].into(),
        ..ErrorConvention::default()
    }))
}

async fn refused_token(answer: (StatusCode, Value)) -> (crate::error::ApiError, Arc<Server>) {
    let server = Arc::new(Server::default());
    *server.token_answer.lock().unwrap() = Some(answer);
    let mut runtime = (*runtime(&server).await).clone();
    runtime.errors = snap_like_convention();
    (refusal(&runtime).await, server)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_token_request_is_read_by_the_providers_error_convention() {
    let body = json!({
        "responseCode": "4017300",
        "responseMessage": "Unauthorized. Invalid Client",
    });
    let (api, server) = refused_token((StatusCode::UNAUTHORIZED, body.clone())).await;
    assert_eq!(api.provider, "doku");
    assert_eq!(api.operation, "access_token");
    assert_eq!(api.status, 401);
    assert_eq!(api.code.as_deref(), Some("4017300"));
    assert_eq!(api.code_path.as_deref(), Some("responseCode"));
    assert_eq!(api.message.as_deref(), Some("Unauthorized. Invalid Client"));
    assert_eq!(api.body, Some(body));
    // One token request, no call without a token.
    assert_eq!(server.token_requests.load(Ordering::SeqCst), 1);
    assert_eq!(server.calls.load(Ordering::SeqCst), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_answer_under_http_200_with_a_failure_code_is_refused() {
    // A provider that reports failures in the body under HTTP 200: the
    // convention's success codes decide, not the status.
    let body = json!({
        "responseCode": "5007300",
        "responseMessage": "General Error",
        "data": { "accessToken": "not-a-token" },
        "expiresIn": 900,
    });
    let (api, server) = refused_token((StatusCode::OK, body)).await;
    assert_eq!(api.status, 200);
    assert_eq!(api.code.as_deref(), Some("5007300"));
    assert_eq!(api.code_path.as_deref(), Some("responseCode"));
    assert_eq!(api.message.as_deref(), Some("General Error"));
    assert_eq!(server.calls.load(Ordering::SeqCst), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_answer_with_the_success_code_is_used() {
    let server = Arc::new(Server::default());
    *server.token_answer.lock().unwrap() = Some((
        StatusCode::OK,
        json!({
            "responseCode": "2007300",
            "responseMessage": "Successful",
            "data": { "accessToken": "tok-1" },
            "expiresIn": 900,
        }),
    ));
    server.issued.lock().unwrap().push("tok-1".to_owned());
    let mut runtime = (*runtime(&server).await).clone();
    runtime.errors = snap_like_convention();
    assert_eq!(call(&runtime).await, 200);
    assert_eq!(*server.bearers.lock().unwrap(), ["Bearer tok-1"]);
}

/// Counts the allocations made on a thread that asked for counting, so one
/// test can see what a piece of code allocates while other tests allocate
/// on their own threads.
mod allocations {
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::cell::Cell;

    /// The system allocator, counting.
    struct Counting;

    thread_local! {
        /// Allocations so far on this thread; `None`: not counting.
        static COUNT: Cell<Option<u64>> = const { Cell::new(None) };
    }

    fn tally() {
        // `try_with`: the thread's locals may be gone while it exits.
        let _ = COUNT.try_with(|c| c.set(c.get().map(|n| n + 1)));
    }

    // SAFETY: every call is passed on to `System` unchanged; counting only
    // touches a const-initialised thread local, which never allocates.
    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            tally();
            unsafe { System.alloc(layout) }
        }
        unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
            tally();
            unsafe { System.alloc_zeroed(layout) }
        }
        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            tally();
            unsafe { System.realloc(ptr, layout, new_size) }
        }
        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            unsafe { System.dealloc(ptr, layout) }
        }
    }

    #[global_allocator]
    static ALLOCATOR: Counting = Counting;

    /// Starts counting this thread's allocations from zero.
    pub(super) fn start() {
        COUNT.with(|c| c.set(Some(0)));
    }

    /// Stops counting; the allocations since [`start`].
    pub(super) fn stop() -> u64 {
        COUNT.with(|c| c.take()).unwrap_or(0)
    }
}

/// A call with a cached token takes it without allocating: no digest of
/// the credentials, no map lookup that grows, no copy of the token (the
/// exchange itself, here a stand-in that allocates nothing, is the call's
/// own cost). A current-thread runtime keeps every step on this thread.
#[tokio::test(flavor = "current_thread")]
async fn a_cached_token_is_taken_without_allocating() {
    let server = Arc::new(Server::default());
    let runtime = runtime(&server).await;
    assert_eq!(call(&runtime).await, 200);
    let issued = server.issued.lock().unwrap()[0].clone();
    let pay = Call::post("pay", "/pay");
    let handed: Arc<Mutex<Vec<Arc<str>>>> = Arc::default();
    let sends = 100;
    handed.lock().unwrap().reserve(sends);
    allocations::start();
    for _ in 0..sends {
        let exchange = super::authorised(&runtime, &pay, |token| {
            let handed = Arc::clone(&handed);
            async move {
                handed.lock().unwrap().extend(token);
                Ok(crate::client::runtime::Exchange {
                    response: crate::transport::HttpResponse {
                        status: 200,
                        headers: Vec::new(),
                        body: Vec::new(),
                    },
                    sent: Vec::new(),
                })
            }
        })
        .await
        .unwrap();
        assert_eq!(exchange.response.status, 200);
    }
    let allocated = allocations::stop();
    assert_eq!(
        allocated, 0,
        "allocations for {sends} calls with a cached token"
    );
    let handed = handed.lock().unwrap();
    assert_eq!(handed.len(), sends, "every call was given the token");
    assert!(handed.iter().all(|t| **t == *issued));
    assert_eq!(server.token_requests.load(Ordering::SeqCst), 1);
}
