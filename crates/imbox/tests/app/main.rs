//! The app without a terminal: the state driven through the real `update` (`state`), frames
//! drawn through ratatui's test backend and compared with snapshots (`render`), and the
//! effects — jobs run against the embedded demo server over real HTTP, their results fed back
//! into the state (`effects`).

// Helpers of a test state its expectations as unwrap/expect/panic too: failing one fails the
// test (clippy.toml allows these inside #[test] functions only).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod architecture;
mod common;
mod effects;
mod render;
mod state;
