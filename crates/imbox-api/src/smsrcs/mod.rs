//! The SMS/RCS backend (seed 001, Octopush): the conversation messages found by phone number,
//! e-mail, Facebook id (`fid_…`) or conversation id (`cid_…`), the conversations list (the
//! inbox), and sending a reply (SMS, or RCS / live chat through the multichannel send), with the
//! `api-key` and `api-login` headers.
//!
//! The API has no contact list: a *lookup* returns messages, and this backend groups them into
//! contacts (by the contact's identifiers) and threads (by channel).
//! Ids handed to the rest of imbox encode how to look the same thing up again
//! ([`lookup::Ref`]), so nothing has to be remembered between calls.

mod backend;
mod client;
pub mod group;
pub mod inbox;
mod lookup;
pub mod send;
pub mod wire;

pub use backend::CAPABILITIES;
pub use client::{
    CONVERSATIONS_PATH, INBOX_PER_PAGE, MAX_PAGES, MESSAGES_PATH, MULTICHANNEL_SEND_PATH, PER_PAGE,
    SEED_MESSAGES_PATH, SMS_SEND_PATH, SmsrcsClient, SmsrcsConfig,
};
pub use lookup::{Lookup, LookupKind, Ref};
