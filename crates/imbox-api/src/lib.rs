//! Everything that talks to a server: the clients, their errors and retry policy, and the
//! sanitizer that every server string passes through. Depends on `imbox-model` only; nothing
//! here knows a terminal, the app or the demo server.
//!
//! # Module map
//!
//! - [`backend`]: the [`Backend`] trait every server kind implements (domain requests in, domain
//!   values out, each method answering `Unsupported` by default), its [`Capabilities`], and
//!   [`AnyBackend`], the enum that dispatches to a concrete client.
//! - [`imbrace`], [`chatwoot`], [`smsrcs`]: one folder per server kind — the client, its endpoints,
//!   its wire types (the exact server shapes, tolerant of missing, null and extra fields) and its
//!   `Backend` implementation.
//! - [`http`]: the HTTP core the clients share — auth headers, the same-origin redirect rule, the
//!   retry loop ([`retry`] is its policy), error bodies in every shape, decoding with a JSON path.
//! - [`realtime`]: Chatwoot's realtime channel (ActionCable over a WebSocket), one task that
//!   reports the channel's state and this account's events.
//! - [`sanitize`]: the one sanitizer every server string passes at the wire-to-domain boundary.
//! - [`ApiError`]: the one error every call returns; [`Secret`]: a token that never prints.

pub mod backend;
pub mod chatwoot;
mod error;
pub mod http;
pub mod imbrace;
pub mod limits;
pub mod retry;
pub mod sanitize;
mod secret;
pub mod smsrcs;

pub use backend::{AgentActions, AnyBackend, Backend, BackendKind, Capabilities};
pub use chatwoot::realtime;
pub use error::ApiError;
pub use secret::Secret;
