//! The HTTP plumbing every backend client shares: one connection pool per account, auth
//! headers, the retry loop, error classification and tolerant decoding.

mod client;
mod config;
mod exchange;
mod gate;
mod network;
mod response;

pub use client::{HttpClient, RetryNotice, RetryObserver};
pub use config::{ClientConfig, DEFAULT_MAX_REPLY_BYTES, set_default_max_reply_bytes};
pub use response::{decode, is_blank, server_message};

use crate::error::ApiError;
use crate::sanitize;
use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use reqwest::Method;
use reqwest::header::CONTENT_TYPE;

/// Characters encoded inside one path segment: the WHATWG path set plus `/`, `%` (so an id is
/// taken literally), `?`/`#` (no query or fragment can start) and a few more that proxies mangle.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'/')
    .add(b'%')
    .add(b'\\')
    .add(b'^')
    .add(b'|')
    .add(b'[')
    .add(b']')
    .add(b';')
    .add(b'+')
    .add(b'&')
    .add(b'=');

/// Encodes an id as exactly one path segment. Empty, `.` and `..` are refused: URL parsers
/// resolve dot segments (even encoded ones), which would change the route.
pub fn segment(what: &str, id: &str) -> Result<String, ApiError> {
    if id.is_empty() || id == "." || id == ".." {
        return Err(ApiError::Invalid(format!("invalid {what}: {:?}", sanitize::line(id))));
    }
    Ok(utf8_percent_encode(id, SEGMENT).to_string())
}

/// Query parameters of a request, in order (a name may repeat, e.g. `labels[]`).
pub type Query = Vec<(&'static str, String)>;

impl HttpClient {
    /// A GET with query parameters, retried per the policy; returns the raw body.
    pub async fn get(&self, endpoint: &'static str, path: &str, query: Query) -> Result<Vec<u8>, ApiError> {
        let url = self.url(path)?;
        self.send_retrying(endpoint, || self.http().get(url.clone()).query(&query)).await
    }

    /// A request with a JSON body (PUT, DELETE), retried per the policy (a PUT only while it
    /// cannot have reached the server) within the write timeout; returns the raw body.
    pub async fn send_json(
        &self,
        endpoint: &'static str,
        method: Method,
        path: &str,
        body: &impl serde::Serialize,
    ) -> Result<Vec<u8>, ApiError> {
        let url = self.url(path)?;
        let body = json_body(endpoint, body)?;
        self.send_retrying(endpoint, || {
            self.http()
                .request(method.clone(), url.clone())
                .header(CONTENT_TYPE, "application/json")
                .timeout(self.write_timeout())
                .body(body.clone())
        })
        .await
    }
}

/// `body` as JSON bytes, or the error that says which call's body could not be encoded.
pub(crate) fn json_body(endpoint: &'static str, body: &impl serde::Serialize) -> Result<Vec<u8>, ApiError> {
    serde_json::to_vec(body)
        .map_err(|_| ApiError::Invalid(format!("could not encode the body for {endpoint}")))
}
