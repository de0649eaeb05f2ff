//! imbox, the app: a fast, keyboard-first terminal inbox for omnichannel customer-messaging
//! platforms. The binary (`src/main.rs`) is a thin command line over this library.
//!
//! # Module map
//!
//! A key press travels `tui` → `keymap` → [`action::Action`] → [`state::State::update`] →
//! [`command::Command`] → `effects` (the worker, over `imbox_api`) → an `Action` again → `ui`
//! draws the state. The arrows between the modules point one way only:
//!
//! - `action`, `command`: the messages — what happened, and what the state asks to be done.
//!   Data only; `command` builds on `action` (a scheduled command carries an action).
//! - `layout`: geometry and text layout that the state and the drawing share (a leaf).
//! - `state`: the one owner of the app's state; `update` is pure (no I/O, no clock).
//! - `effects`: the worker and one job file per feature — with the API clients, the only code
//!   that does I/O.
//! - `ui`: drawing, a pure function of the state; `keymap`: keys to actions, and the help.
//! - `app`: the event loop; `accounts`: one client, state and worker per account; `tui`: the
//!   terminal; `auth`: token sources, keyring and prompt; `config`: the config file and paths.
//!
//! See docs/architecture.md for the picture.

pub mod accounts;
pub mod action;
pub mod app;
pub mod auth;
pub mod command;
pub mod config;
pub mod effects;
pub mod keymap;
pub mod layout;
pub mod state;
pub mod tui;
pub mod ui;
