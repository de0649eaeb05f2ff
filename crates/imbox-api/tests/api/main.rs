//! The API clients over real HTTP: against a scripted loopback server (every error path and the
//! exact requests sent) and against the embedded demo server; every seed example body through
//! the wire types; and property tests of the decoders.

// Helpers of a test state its expectations as unwrap/expect/panic too: failing one fails the
// test (clippy.toml allows these inside #[test] functions only).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod chatwoot;
mod hostile;
mod imbrace;
mod realtime;
mod scripted;
mod smsrcs;
