//! Emitter stub.
