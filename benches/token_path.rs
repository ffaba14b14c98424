//! What a cached access token costs a call. The client generated from the
//! SNAP fixture (`codegen/tests/expected/snap.rs`: DOKU SNAP's scheme, a B2B
//! token signed SHA256withRSA, then calls that carry the token in
//! `Authorization: Bearer` and in their HMAC-SHA512 signature) calls a
//! provider in memory. The token is fetched once before the rows run, so
//! every iteration is a call with a cached token: validate, serialise, take
//! the token, sign, hand over, read the answer.
//!
//! Before timing, the bench checks that every call carries the one token
//! and prints the allocations per call, counted by this binary's allocator.
//! Where the token's share of a call goes (the cache lookup, inclusive):
//! `callgrind_annotate --inclusive=yes` on the `cached_token_call` row's
//! output, the `payspec::client::token::` lines.
//!
//! Run: `cargo bench -p payspec --bench token_path -- --warm-up-time 1 --measurement-time 3`.
//! Instruction counts per row: `bash benches/callgrind.sh token_path`.

#![deny(missing_docs)]

#[path = "support/callgrind.rs"]
mod callgrind;

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use criterion::Criterion;
use payspec::transport::{BoxFuture, HttpRequest, HttpResponse, Transport, TransportError};
use payspec::{Error, Secret};
use rsa::pkcs8::{EncodePrivateKey as _, LineEnding};

include!("../tests/support/generated_root.rs");

include!("../codegen/tests/expected/snap.rs");

/// The system allocator, counting allocations (the bench runs every call on
/// one thread, so one counter is this bench's).
struct Counting;

static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);

// SAFETY: every call is passed on to `System` unchanged.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const TOKEN_PATH: &str = "/authorization/v1/access-token/b2b";
const TOKEN: &str = "bench-token-1";
const TOKEN_ANSWER: &[u8] = br#"{"responseCode":"2007300","responseMessage":"Successful","accessToken":"bench-token-1","tokenType":"Bearer","expiresIn":"900"}"#;
const VA_ANSWER: &[u8] = br#"{"responseCode":"2002700","responseMessage":"Successful"}"#;

/// A provider in memory: a token for the token request, a success for
/// every call; it keeps each call's `Authorization` header.
#[derive(Default)]
struct InMemory {
    token_requests: AtomicUsize,
    bearers: Mutex<Vec<String>>,
    /// Whether to keep `Authorization` headers (off while timing).
    record: std::sync::atomic::AtomicBool,
}

impl Transport for InMemory {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        let answer = if request.url.ends_with(TOKEN_PATH) {
            self.token_requests.fetch_add(1, Ordering::Relaxed);
            TOKEN_ANSWER
        } else {
            if self.record.load(Ordering::Relaxed) {
                let bearer = request
                    .headers
                    .iter()
                    .find(|(name, _)| name.eq_ignore_ascii_case("authorization"))
                    .map(|(_, value)| value.clone())
                    .unwrap_or_default();
                self.bearers.lock().unwrap().push(bearer);
            }
            VA_ANSWER
        };
        Box::pin(async move {
            Ok(HttpResponse {
                status: 200,
                headers: Vec::new(),
                body: answer.to_vec(),
            })
        })
    }
}

fn va_request() -> snap::va::CreateVaRequest {
    snap::va::CreateVaRequest::new(
        "  088899",
        "12345678901234567890",
        "Jokul Doe",
        "trx-1",
        snap::va::Amount::new(
            "12345678.00"
                .parse::<payspec::money::Decimal>()
                .expect("an amount"),
            "IDR",
        ),
    )
}

/// One call with the cached token.
fn call(
    rt: &tokio::runtime::Runtime,
    client: &snap::Client,
    request: &snap::va::CreateVaRequest,
) -> Result<snap::va::CreateVaAnswer, Error> {
    rt.block_on(client.create_va(black_box(request)))
}

fn main() {
    let key = rsa::RsaPrivateKey::new(&mut rsa::rand_core::OsRng, 1024).expect("a key");
    let pem = key.to_pkcs8_pem(LineEnding::LF).expect("PEM").to_string();
    let provider = Arc::new(InMemory::default());
    let transport: Arc<dyn Transport> = provider.clone();
    let client = snap::Client::with_transport(
        snap::Config::new(
            "https://snap.invalid",
            "MCH-0008-1296507211683",
            Secret::new(pem),
            Secret::new("SK-bench-secret"),
        ),
        transport,
    );
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a runtime");
    let request = va_request();

    // The first call fetches the token; later ones carry it from the cache.
    provider.record.store(true, Ordering::Relaxed);
    for _ in 0..3 {
        let answer = call(&rt, &client, &request).expect("the call succeeds");
        assert_eq!(answer.response_code, "2002700");
    }
    provider.record.store(false, Ordering::Relaxed);
    assert_eq!(provider.token_requests.load(Ordering::Relaxed), 1);
    let bearer = format!("Bearer {TOKEN}");
    assert_eq!(*provider.bearers.lock().unwrap(), [bearer.as_str(); 3]);

    let calls = 1_000u64;
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    for _ in 0..calls {
        drop(black_box(call(&rt, &client, &request)));
    }
    let allocations = ALLOCATIONS.load(Ordering::Relaxed) - before;
    eprintln!(
        "token_path: {} allocations per call with a cached token ({allocations} in {calls} calls)",
        allocations as f64 / calls as f64
    );
    assert_eq!(provider.token_requests.load(Ordering::Relaxed), 1);

    let rows = [callgrind::Row {
        name: "token_path/cached_token_call",
        run: &|| drop(black_box(call(&rt, &client, &request))),
    }];
    if callgrind::run_requested(&rows) {
        return;
    }

    let mut c = Criterion::default().configure_from_args();
    let mut g = c.benchmark_group("token_path");
    g.bench_function("cached_token_call", |b| {
        b.iter(|| call(&rt, &client, &request))
    });
    g.finish();
    c.final_summary();
}
