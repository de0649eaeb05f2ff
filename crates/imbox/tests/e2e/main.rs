//! End to end: the real `imbox` binary in a pseudo-terminal, read through a VT parser, against
//! the embedded demo server. Every step waits (with a deadline) for the screen it checks.

// Helpers of a test state its expectations as unwrap/expect/panic too: failing one fails the
// test (clippy.toml allows these inside #[test] functions only).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod accounts;
mod acts;
mod alerts;
mod browse;
mod cache;
mod cli;
mod compose;
mod form;
mod gateway;
mod hostile;
mod links;
mod live;
mod notifications;
mod poll;
mod pty;
mod relogin;
mod rig;
mod screens;
mod search;
mod signals;
mod token;
