//! The iMBRACE HTTP client (filled by the API helper).

/// Placeholder until the client lands.
pub struct ImbraceClient;
