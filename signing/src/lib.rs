//! Signing and verification with no I/O: the executor of the signature
//! recipes the specs declare, and the primitives it composes.
//!
//! Shared by the `payspec` client runtime, the sandbox and the `payspec`
//! command-line tool (`payspec sign PROVIDER`, `payspec verify PROVIDER`), so
//! it stays small: RustCrypto HMAC/SHA-2/RSA, base64 and constant-time
//! comparison. Nothing here names a provider.
//!
//! The executor and everything it needs (crypto, random ids, path encoding)
//! is the default `run` feature; without it the crate is the recipe
//! vocabulary alone, which is what the generator (`payspec-codegen-core`,
//! `payspec-codegen-emit`, and so a user's `payspec-build` build script)
//! compiles.
//!
//! - [`recipe`]: the recipe vocabulary and (with `run`) its executor.
//! - [`convention`]: where a provider's responses carry their code and message.
//! - [`Secret`]: a string that never prints itself.
//! - [`time`]: timestamps in the formats recipes write, and freshness.
//! - `encode_path_segment` (with `run`): a path parameter as the signed request target has it.

pub mod convention;
pub mod recipe;
mod secret;
#[cfg(feature = "run")]
mod target;
pub mod time;

pub use secret::Secret;
#[cfg(feature = "run")]
pub use target::encode_path_segment;

/// Compares two byte strings in constant time (for equal lengths), so a
/// forged signature cannot be found byte by byte from response timings.
#[cfg(feature = "run")]
pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    use subtle::ConstantTimeEq;
    // Lengths are public (every valid signature has the same length), so an
    // early return on a length difference leaks nothing about the secret.
    a.len() == b.len() && bool::from(a.ct_eq(b))
}
