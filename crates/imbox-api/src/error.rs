//! The one error type every API call returns.
//!
//! Each variant names the endpoint (a route template such as `GET /v1/backend/contacts`, never a
//! URL with ids or the token in it) so a person can tell which call failed. Server messages are
//! sanitized before they are stored here.

use std::time::Duration;

/// What went wrong with one API call.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ApiError {
    /// 401/403: the token was rejected.
    #[error("token rejected by {endpoint}: {message}")]
    Unauthorized {
        /// Route template of the call.
        endpoint: &'static str,
        /// The server's message.
        message: String,
    },
    /// 404: the thing asked for does not exist.
    #[error("not found ({endpoint}): {message}")]
    NotFound {
        /// Route template of the call.
        endpoint: &'static str,
        /// The server's message.
        message: String,
    },
    /// Any other 4xx: the server refused the request and said why.
    #[error("{endpoint} refused the request ({status}): {message}")]
    BadRequest {
        /// Route template of the call.
        endpoint: &'static str,
        /// HTTP status.
        status: u16,
        /// The server's message.
        message: String,
    },
    /// 429 after the retries ran out. (Said in the past tense: the message stays on screen
    /// after the pause is over, so it must not read like a countdown.)
    #[error("rate limited by {endpoint}{}", retry_after.map(|d| format!(" (the server asked for a {}s pause)", d.as_secs().max(1))).unwrap_or_default())]
    RateLimited {
        /// Route template of the call.
        endpoint: &'static str,
        /// How long the server asked us to wait, if it said.
        retry_after: Option<Duration>,
    },
    /// 5xx after the retries ran out.
    #[error("server error {status} on {endpoint}{}", if message.is_empty() { String::new() } else { format!(": {message}") })]
    Server {
        /// Route template of the call.
        endpoint: &'static str,
        /// HTTP status.
        status: u16,
        /// The server's message, if any.
        message: String,
    },
    /// The connection failed or was reset.
    #[error("network error on {endpoint}: {detail}")]
    Network {
        /// Route template of the call.
        endpoint: &'static str,
        /// What the HTTP stack reported (no URL, no token).
        detail: String,
    },
    /// The request took longer than the timeout.
    #[error("{endpoint} timed out")]
    Timeout {
        /// Route template of the call.
        endpoint: &'static str,
    },
    /// The reply was not the JSON expected.
    #[error("could not read the reply of {endpoint} at {path}: {detail}")]
    Decode {
        /// Route template of the call.
        endpoint: &'static str,
        /// JSON path where decoding failed (`data[3].is_read`, or `.` for the whole body).
        path: String,
        /// What was wrong there.
        detail: String,
    },
    /// The reply was larger than the client accepts (the cap protects memory from a server
    /// that answers far more than it was asked for); reading stopped at the cap.
    #[error("the server's reply to {endpoint} was over {limit_mib} MiB")]
    TooLarge {
        /// Route template of the call.
        endpoint: &'static str,
        /// The cap, in MiB.
        limit_mib: u64,
    },
    /// The request could not be built (bad base URL, unreadable file, …).
    #[error("{0}")]
    Invalid(String),
    /// Something inside imbox failed while handling the call (a job that panicked): not the
    /// server's doing, and not worth retrying as is. The details are in the log.
    #[error("internal error while {0} (see the log)")]
    Internal(String),
    /// The active backend has no such feature (the UI normally hides it; this is the backstop).
    #[error("{backend} has no {feature}")]
    Unsupported {
        /// The backend's name ("Chatwoot").
        backend: &'static str,
        /// What was asked for ("contact files").
        feature: &'static str,
    },
}

impl ApiError {
    /// Whether this error means the token must be replaced.
    pub fn is_auth(&self) -> bool {
        matches!(self, ApiError::Unauthorized { .. })
    }

    /// Whether the server could not be reached at all (shown as "offline").
    pub fn is_offline(&self) -> bool {
        matches!(self, ApiError::Network { .. } | ApiError::Timeout { .. })
    }
}
