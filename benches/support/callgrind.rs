//! Instruction counts for one bench row, for a machine too loaded for
//! timings to settle a ratio.
//!
//! With `PAYSPEC_BENCH_ROW=<group>/<row>` set, a bench binary skips
//! criterion and runs that row's closure `PAYSPEC_BENCH_ITERS` times (default
//! 1,000) inside [`callgrind_measured_loop`], the only function callgrind is
//! told to collect:
//!
//! ```text
//! PAYSPEC_BENCH_ROW=midtrans_notification/runtime_verify_decode \
//!   valgrind --tool=callgrind --toggle-collect='*callgrind_measured_loop*' \
//!   --callgrind-out-file=/tmp/row.out <bench executable>
//! ```
//!
//! The `summary:` line of the output divided by the iteration count is the
//! instructions per iteration; `benches/callgrind.sh` does this for every row.
//!
//! With `PAYSPEC_BENCH_INTERLEAVE=<rounds>` set instead, every row is timed
//! in turn, round after round (batches of `PAYSPEC_BENCH_ITERS`, default
//! 200), and each row's minimum and median time per iteration are printed.
//! Interleaving exposes every row to the same load, and the minimum is the
//! run least disturbed by other processes: on a shared machine this settles
//! a timing ratio better than criterion's one-row-after-another runs.

use std::hint::black_box;

/// One named row: what criterion times and callgrind counts.
pub struct Row<'a> {
    /// `<group>/<row>`, as criterion names it.
    pub name: &'static str,
    /// One iteration; its result goes through `black_box`.
    pub run: &'a dyn Fn(),
}

/// Runs the row named by `PAYSPEC_BENCH_ROW`, if set; returns whether it did.
pub fn run_requested(rows: &[Row<'_>]) -> bool {
    if let Some(rounds) = std::env::var("PAYSPEC_BENCH_INTERLEAVE")
        .ok()
        .and_then(|n| n.parse().ok())
    {
        interleave(rows, rounds);
        return true;
    }
    let Ok(wanted) = std::env::var("PAYSPEC_BENCH_ROW") else {
        return false;
    };
    let iterations = std::env::var("PAYSPEC_BENCH_ITERS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000u64);
    let Some(row) = rows.iter().find(|row| row.name == wanted) else {
        let names: Vec<_> = rows.iter().map(|row| row.name).collect();
        eprintln!("no row {wanted:?}; rows: {}", names.join(" "));
        std::process::exit(2);
    };
    callgrind_measured_loop(row.run, black_box(iterations));
    eprintln!("{wanted}: {iterations} iterations");
    true
}

/// The loop callgrind collects; never inlined so its name survives.
#[inline(never)]
pub fn callgrind_measured_loop(run: &dyn Fn(), iterations: u64) {
    for _ in 0..iterations {
        run();
    }
}

/// Times every row in turn, `rounds` times; prints min and median per row.
fn interleave(rows: &[Row<'_>], rounds: usize) {
    let batch = std::env::var("PAYSPEC_BENCH_ITERS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(200u32);
    let mut samples = vec![Vec::with_capacity(rounds); rows.len()];
    for _ in 0..rounds {
        for (row, times) in rows.iter().zip(&mut samples) {
            let start = std::time::Instant::now();
            callgrind_measured_loop(row.run, u64::from(batch));
            times.push(start.elapsed().as_secs_f64() * 1e9 / f64::from(batch));
        }
    }
    for (row, times) in rows.iter().zip(&mut samples) {
        times.sort_by(f64::total_cmp);
        let min = times.first().copied().unwrap_or(f64::NAN);
        let median = times.get(times.len() / 2).copied().unwrap_or(f64::NAN);
        println!("{:<55} min {min:9.1} ns  median {median:9.1} ns", row.name);
    }
}
