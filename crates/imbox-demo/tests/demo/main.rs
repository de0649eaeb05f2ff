//! The embedded demo server over raw HTTP: the seeds' curl examples, the generated data set,
//! state kept across requests, faults, and the Chatwoot API's shapes and manners.

// Helpers of a test state its expectations as unwrap/expect/panic too: failing one fails the
// test (clippy.toml allows these inside #[test] functions only).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod cable;
mod chatwoot;
mod common;
mod imbrace;
mod imbrace_layouts;
mod imbrace_state;
mod live;
