//! Requests of the search line: the server's contact search and phone-number lookups.

use crate::action::RequestId;

/// Requests of the search feature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SearchCommand {
    /// One page of the server's contact search.
    Contacts {
        /// Tag for the result.
        req: RequestId,
        /// The query text, as typed (trimmed).
        query: String,
        /// Offset.
        skip: u64,
        /// Page size.
        limit: u32,
    },
    /// The conversations linked to phone numbers.
    Links {
        /// Tag for the result.
        req: RequestId,
        /// The numbers, digits only.
        phones: Vec<String>,
        /// The organisation whose conversations to look in.
        organization_id: String,
    },
}
