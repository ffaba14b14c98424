//! Emitters: IR to Rust source (and later docs and OpenAPI).
