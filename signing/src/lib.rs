//! Signing and verification for the providers payspec talks to, with no I/O.
//!
//! Shared by the `payspec` client runtime and the `payspec` command-line
//! tool (`payspec sign doku`, `payspec verify midtrans-notification`), so it
//! stays small: HMAC/SHA-2, base64 and constant-time comparison only.
//!
//! - [`doku`]: the non-SNAP `Signature: HMACSHA256=…` header for requests,
//!   responses and inbound HTTP notifications.
//! - [`midtrans`]: the Basic `Authorization` header and the notification
//!   `signature_key`.
//! - [`biller`]: the HS256 JWT sent in the `TOKEN` header.
//! - [`Secret`]: a string that never prints itself.
//! - [`time`]: the UTC timestamps DOKU expects.

pub mod biller;
pub mod doku;
pub mod midtrans;
pub mod recipe;
mod secret;
pub mod time;

pub use secret::Secret;

/// Compares two byte strings in constant time (for equal lengths), so a
/// forged signature cannot be found byte by byte from response timings.
pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    use subtle::ConstantTimeEq;
    // Lengths are public (every valid signature has the same length), so an
    // early return on a length difference leaks nothing about the secret.
    a.len() == b.len() && bool::from(a.ct_eq(b))
}
