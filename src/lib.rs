//! imbox: a fast, keyboard-first terminal inbox for omnichannel customer-messaging platforms.
//!
//! The crate is a library (everything testable) plus a thin binary (`src/main.rs`).
//! See docs/architecture.md for how the pieces fit.

pub mod accounts;
pub mod action;
pub mod api;
pub mod app;
pub mod command;
pub mod config;
pub mod demo;
pub mod keymap;
pub mod keystore;
pub mod login;
pub mod model;
pub mod secrets;
pub mod state;
pub mod tui;
pub mod ui;
