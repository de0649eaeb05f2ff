//! The SMS/RCS backend (seed 001): one endpoint that lists conversation messages, found by phone
//! number, e-mail, Facebook id (`fid_…`) or conversation id (`cid_…`), with the `api-key` and
//! `api-login` headers.
//!
//! The API has no contact list and no conversation list: a *lookup* returns messages, and this
//! backend groups them into contacts (by the contact's identifiers) and threads (by channel).
//! Ids handed to the rest of imbox encode how to look the same thing up again
//! ([`lookup::Ref`]), so nothing has to be remembered between calls.

mod backend;
mod client;
pub mod group;
mod lookup;
pub mod wire;

pub use backend::CAPABILITIES;
pub use client::{MAX_PAGES, MESSAGES_PATH, PER_PAGE, SmsrcsClient, SmsrcsConfig};
pub use lookup::{Lookup, LookupKind, Ref};
