//! Everything that talks to a server: the clients, their errors and retry policy, and the
//! sanitizer that every server string passes through.

pub mod backend;
pub mod chatwoot;
mod error;
pub mod http;
pub mod imbrace;
pub mod retry;
pub mod sanitize;
mod secret;
pub mod smsrcs;

pub use backend::{AnyBackend, Backend, BackendKind, Capabilities};
pub use error::ApiError;
pub use secret::Secret;
