//! The Chatwoot backend (and Chatwoot-based servers such as 99digital): wire types for what the
//! server really returns (`shared/reference/chatwoot-api.md`, not swagger), the HTTP client for
//! one account, and the [`crate::Backend`] implementation.
//!
//! Built from a profile with [`ChatwootConfig`]: base URL, numeric account id, the user access
//! token, and whether to send the token header hyphenated.

mod actions;
mod backend;
mod client;
mod endpoints;
mod paging;
pub mod realtime;
mod update;
pub mod wire;

pub use backend::CAPABILITIES;
pub use client::{ChatwootClient, ChatwootConfig};

/// Conversations per page of the conversation list (the server's `CONVERSATION_RESULTS_PER_PAGE`).
pub const CONVERSATIONS_PER_PAGE: u64 = 25;
/// Contacts per server page (index and search).
pub const CONTACTS_PER_PAGE: u64 = 15;
/// Notifications per server page.
pub const NOTIFICATIONS_PER_PAGE: u64 = 15;
/// Messages in the latest page and in a `before` page; fewer means the start was reached.
pub const MESSAGES_PAGE: usize = 20;
/// Messages at most in an `after` page; that many means more newer ones may exist.
pub const AFTER_PAGE: usize = 100;
