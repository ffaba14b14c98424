//! Generation speed: load + lint + lower (`lower::load_files` on in-memory
//! files) and emit + format (`emit::rust::render_provider`), for the real
//! `spec/` and synthetic specs of 10, 100 and 1,000 endpoints.
//!
//! Run: `cargo bench -p payspec-codegen --bench generate -- --warm-up-time 1 --measurement-time 3`.
//! `PAYSPEC_SYNTH_DIR=<dir> PAYSPEC_SYNTH_N=<n>` instead writes the synthetic
//! endpoints (provider `doku`, no provider.yaml) under `<dir>` and exits:
//! that is how the compile-cost-at-scale measurement gets its spec.
//! `PAYSPEC_SCALING=1` prints a time-per-endpoint table instead (see
//! `scaling`), and `PAYSPEC_REAL_RUNS=<n>` renders the real spec `n` times
//! without criterion (see `real_runs`).

mod synth;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use criterion::{criterion_group, BenchmarkId, Criterion, Throughput};
use payspec_codegen::lower::load_files;

// The `payspec` binary's allocator (codegen/src/main.rs), so these figures
// are those of `payspec generate`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Every `*.yaml` under the repository's `spec/`, keyed relative to it.
fn real_spec() -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .expect("spec dir readable")
            .map(|e| e.expect("dir entry").path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(root, &path, out);
            } else if path.extension().is_some_and(|e| e == "yaml") {
                let rel = path.strip_prefix(root).expect("under root").to_path_buf();
                out.insert(rel, std::fs::read(&path).expect("spec file readable"));
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let mut out = BTreeMap::new();
    walk(&root, &root, &mut out);
    out
}

fn render_all(files: &BTreeMap<PathBuf, Vec<u8>>) -> usize {
    let loaded = load_files(files).expect("spec loads");
    loaded
        .ir
        .providers
        .iter()
        .map(|p| {
            rust_bytes(&payspec_codegen::emit::rust::render_provider(p).expect("spec renders"))
        })
        .sum()
}

fn bench_real(c: &mut Criterion) {
    let files = real_spec();
    let loaded = load_files(&files).expect("real spec loads");
    let mut g = c.benchmark_group("real_spec");
    g.bench_function("load_lint_ir", |b| b.iter(|| load_files(&files).is_ok()));
    g.bench_function("emit_format", |b| {
        b.iter(|| {
            loaded
                .ir
                .providers
                .iter()
                .map(|p| {
                    payspec_codegen::emit::rust::render_provider(p).map_or(0, |f| rust_bytes(&f))
                })
                .sum::<usize>()
        })
    });
    g.bench_function("end_to_end", |b| b.iter(|| render_all(&files)));
    g.finish();
}

fn bench_synthetic(c: &mut Criterion) {
    let mut g = c.benchmark_group("synthetic");
    g.sample_size(10);
    for n in [10usize, 100, 1000] {
        let files = synth::files("synth", n, true);
        let loaded = load_files(&files).expect("synthetic spec loads");
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::new("load_lint_ir", n), &files, |b, files| {
            b.iter(|| load_files(files).is_ok())
        });
        g.bench_with_input(BenchmarkId::new("emit_format", n), &loaded, |b, loaded| {
            b.iter(|| {
                payspec_codegen::emit::rust::render_provider(&loaded.ir.providers[0])
                    .map_or(0, |f| rust_bytes(&f))
            })
        });
    }
    g.finish();
}

/// One timed run per size, printed as a table: a quick check that time per
/// endpoint stays flat (`PAYSPEC_SCALING=1`). For one-shot runs under `perf`
/// or callgrind, `PAYSPEC_SCALING_SIZES=250,1000` picks the sizes and
/// `PAYSPEC_SCALING_PHASE=load` (or `emit`) stops after that phase.
fn scaling() {
    let sizes: Vec<usize> = std::env::var("PAYSPEC_SCALING_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![10, 100, 250, 500, 1000]);
    let phase = std::env::var("PAYSPEC_SCALING_PHASE").unwrap_or_default();
    println!(
        "endpoints  load_ms  load_us/ep  emit_ms  emit_us/ep  of_which_reparse_ms  reprint_ms"
    );
    for n in sizes {
        let files = synth::files("synth", n, true);
        let start = std::time::Instant::now();
        let loaded = load_files(&files).expect("synthetic spec loads");
        let load = start.elapsed();
        let ms = |d: std::time::Duration| d.as_secs_f64() * 1e3;
        let per_ep = |d: std::time::Duration| d.as_secs_f64() * 1e6 / n as f64;
        if phase == "load" {
            println!("{n:9}  {:7.1}  {:10.0}", ms(load), per_ep(load));
            continue;
        }
        let start = std::time::Instant::now();
        let files =
            payspec_codegen::emit::rust::render_provider(&loaded.ir.providers[0]).expect("renders");
        let code = rust_bytes(&files);
        let emit = start.elapsed();
        if phase == "emit" {
            println!(
                "{n:9}  {:7.1}  {:10.0}  {:7.1}  {:10.0}   ({} bytes of Rust)",
                ms(load),
                per_ep(load),
                ms(emit),
                per_ep(emit),
                code
            );
            continue;
        }
        // How much of emit is syn + prettyplease: parse and print the output
        // again (render_provider parses its tokens and prints them once).
        let sources = files
            .iter()
            .filter(|(path, _)| path.extension().is_some_and(|e| e == "rs"));
        let start = std::time::Instant::now();
        let parsed: Vec<syn::File> = sources
            .map(|(_, code)| syn::parse_file(code).expect("output parses"))
            .collect();
        let reparse = start.elapsed();
        let start = std::time::Instant::now();
        let printed: usize = parsed.iter().map(|f| prettyplease::unparse(f).len()).sum();
        let reprint = start.elapsed();
        println!(
            "{n:9}  {:7.1}  {:10.0}  {:7.1}  {:10.0}  {:19.1}  {:10.1}   ({} bytes of Rust, {} reprinted)",
            ms(load),
            per_ep(load),
            ms(emit),
            per_ep(emit),
            ms(reparse),
            ms(reprint),
            code,
            printed
        );
    }
}

/// The bytes of every file a provider renders to.
fn rust_bytes(files: &payspec_codegen::emit::rust::RustFiles) -> usize {
    files.values().map(String::len).sum()
}

/// `PAYSPEC_REAL_RUNS=<n>`: the real spec end to end `n` times, each timed,
/// without criterion (for `perf` and callgrind, whose counts are per run).
fn real_runs(runs: usize) {
    let files = real_spec();
    for _ in 0..runs {
        let start = std::time::Instant::now();
        let bytes = render_all(&files);
        println!(
            "real spec end to end: {:.1} ms ({bytes} bytes)",
            start.elapsed().as_secs_f64() * 1e3
        );
    }
}

criterion_group!(benches, bench_real, bench_synthetic);

fn main() {
    if let Some(dir) = std::env::var_os("PAYSPEC_SYNTH_DIR") {
        let n = std::env::var("PAYSPEC_SYNTH_N")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(1000);
        let files = synth::files("doku", n, false);
        for (rel, bytes) in &files {
            let path = Path::new(&dir).join(rel);
            std::fs::create_dir_all(path.parent().expect("has parent")).expect("mkdir");
            std::fs::write(&path, bytes).expect("write synthetic spec");
        }
        eprintln!(
            "wrote {n} endpoints ({} bytes) under {}",
            synth::total_bytes(&files),
            Path::new(&dir).display()
        );
        return;
    }
    if let Some(runs) = std::env::var("PAYSPEC_REAL_RUNS")
        .ok()
        .and_then(|n| n.parse::<usize>().ok())
    {
        real_runs(runs);
        return;
    }
    if std::env::var_os("PAYSPEC_SCALING").is_some() {
        scaling();
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
