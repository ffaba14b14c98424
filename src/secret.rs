//! Credentials: [`Secret`] never prints its value.

pub use payspec_signing::Secret;
