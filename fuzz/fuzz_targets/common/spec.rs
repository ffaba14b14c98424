//! What both spec targets do with a set of spec files: load them, and when
//! they load, emit Rust and check that every emitted `.rs` file parses.

use std::collections::BTreeMap;
use std::path::PathBuf;

/// Loads `files`; diagnostics are a fine outcome. A loaded spec must emit
/// without panicking (an emit error is a located diagnostic too), and what
/// it emits must be Rust that `syn` parses.
pub fn load_and_emit(files: &BTreeMap<PathBuf, Vec<u8>>) {
    let Ok(loaded) = payspec_codegen::lower::load_files(files) else {
        return;
    };
    for provider in &loaded.ir.providers {
        let Ok(emitted) = payspec_codegen::emit::rust::render_provider(provider) else {
            continue;
        };
        for (path, text) in &emitted {
            if path.extension().is_some_and(|e| e == "rs") {
                if let Err(e) = syn::parse_file(text) {
                    panic!("emitted {} does not parse: {e}", path.display());
                }
            }
        }
    }
}
