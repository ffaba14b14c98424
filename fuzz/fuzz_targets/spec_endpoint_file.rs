//! The spec loader on arbitrary bytes as an endpoint file of the real DOKU
//! provider: diagnostics or an IR, never a panic; a loaded IR must emit
//! without panicking.
#![no_main]

use std::collections::BTreeMap;
use std::path::PathBuf;

use libfuzzer_sys::fuzz_target;

const PROVIDER: &str = include_str!("../../spec/doku/provider.yaml");

fuzz_target!(|data: &[u8]| {
    let mut files = BTreeMap::new();
    files.insert(
        PathBuf::from("doku/provider.yaml"),
        PROVIDER.as_bytes().to_vec(),
    );
    files.insert(PathBuf::from("doku/cards/fuzzed.yaml"), data.to_vec());
    if let Ok(loaded) = payspec_codegen::lower::load_files(&files) {
        for p in &loaded.ir.providers {
            let _ = payspec_codegen::emit::rust::render_provider(p);
        }
    }
});
