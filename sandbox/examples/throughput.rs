//! Signed DOKU refunds per second against the sandbox on loopback, with 1, 8
//! and 64 concurrent clients: throughput, p50/p99 latency, and a check that
//! no refund was lost or doubled. Bounded: a fixed number of requests per
//! level and a timeout per request.
//!
//! ```sh
//! cargo run --release -p payspec-sandbox --example throughput -- [REQUESTS_PER_LEVEL]
//! ```

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use payspec::doku::cards::{
    RefundRequest, RefundRequestOrder, RefundRequestPayment, RefundRequestRefund,
};
use payspec::money::Idr;
use payspec_sandbox::{spawn_for_tests, Credentials, MockOptions};
use serde_json::{json, Value};

const LEVELS: [usize; 3] = [1, 8, 64];

// `payspec mock`, the sandbox as shipped, allocates with mimalloc (the CLI's
// global allocator); so does this harness, for the sandbox and the clients
// alike. BENCHMARKS.md section 6 has the figures with glibc malloc too.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let per_level: usize = match std::env::args().nth(1) {
        Some(n) => n
            .parse()
            .map_err(|_| format!("REQUESTS_PER_LEVEL must be a number, got {n:?}"))?,
        None => 5_000,
    };
    let spec = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let mut opts = MockOptions::new(([127, 0, 0, 1], 0).into(), spec);
    opts.credentials = Credentials::test();
    let (_addr, sandbox) = spawn_for_tests(opts)?;
    let base = sandbox.base_url();
    let control = reqwest::Client::new();

    println!(
        "| clients | requests | seconds | requests/s | p50 ms | p99 ms | accepted | recorded sum |"
    );
    println!("| --- | --- | --- | --- | --- | --- | --- | --- |");
    for clients in LEVELS {
        let invoice = format!("INV-BENCH-{clients}");
        // Room for every refund of 1 rupiah, so each one is accepted.
        control
            .post(format!("{base}/_sandbox/seed"))
            .json(
                &json!({"provider": "doku", "resource": "card_payment", "id": invoice,
                          "state": "settled", "amount": per_level}),
            )
            .send()
            .await?
            .error_for_status()?;

        let next = Arc::new(AtomicUsize::new(0));
        let started = Instant::now();
        let mut tasks = Vec::new();
        for _ in 0..clients {
            let (next, invoice, base) = (next.clone(), invoice.clone(), base.clone());
            tasks.push(tokio::spawn(async move {
                let c = Credentials::test();
                let config = payspec::doku::Config::new(
                    base,
                    c.by_env("DOKU_CLIENT_ID").expose().to_owned(),
                    c.by_env("DOKU_SECRET_KEY"),
                )
                .timeout(Duration::from_secs(10));
                let client = payspec::doku::Client::new(config);
                let mut latencies = Vec::new();
                let mut accepted = 0_i64;
                while next.fetch_add(1, Ordering::Relaxed) < per_level {
                    let request = RefundRequest::new(
                        RefundRequestOrder::new(invoice.clone()),
                        RefundRequestPayment::new("req-original-1"),
                        RefundRequestRefund::new(Idr(1)),
                    );
                    let sent = Instant::now();
                    let result = client.card_refund(&request).await;
                    latencies.push(sent.elapsed());
                    accepted += i64::from(result.is_ok());
                }
                (latencies, accepted)
            }));
        }
        let mut latencies = Vec::with_capacity(per_level);
        let mut accepted = 0;
        for task in tasks {
            let (l, a) = task.await?;
            latencies.extend(l);
            accepted += a;
        }
        let elapsed = started.elapsed();
        latencies.sort_unstable();
        let pct =
            |p: f64| latencies[((latencies.len() as f64 * p) as usize).min(latencies.len() - 1)];

        let state: Value = control
            .get(format!("{base}/_sandbox/doku/card_payment/{invoice}"))
            .send()
            .await?
            .json()
            .await?;
        let recorded = state["applied"]
            .as_i64()
            .ok_or("the sandbox state has no `applied` sum")?;
        if recorded != accepted || recorded > per_level as i64 {
            return Err(format!(
                "state mismatch with {clients} clients: {accepted} accepted, {recorded} recorded"
            )
            .into());
        }
        println!(
            "| {clients} | {per_level} | {:.2} | {:.0} | {:.2} | {:.2} | {accepted} | {recorded} |",
            elapsed.as_secs_f64(),
            per_level as f64 / elapsed.as_secs_f64(),
            pct(0.50).as_secs_f64() * 1e3,
            pct(0.99).as_secs_f64() * 1e3,
        );
    }
    Ok(())
}
