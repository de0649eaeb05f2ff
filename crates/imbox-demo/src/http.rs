//! HTTP helpers every demo API uses: query parameters as sent (repeated names kept) and
//! running a CPU-bound scan off the async workers.

use crate::faults::error;
use axum::http::StatusCode;
use axum::response::Response;

/// The query string as (name, value) pairs, repeated names kept.
pub(crate) type Params = Vec<(String, String)>;

/// The first value of a parameter.
pub(crate) fn param<'a>(q: &'a Params, name: &str) -> Option<&'a str> {
    q.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

/// Every non-empty value of a repeated parameter.
pub(crate) fn params<'a>(q: &'a Params, name: &str) -> Vec<&'a str> {
    q.iter().filter(|(k, v)| k == name && !v.trim().is_empty()).map(|(_, v)| v.trim()).collect()
}

/// Runs a CPU-bound scan off the async workers.
pub(crate) async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Response> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|_| error(StatusCode::INTERNAL_SERVER_ERROR, "internal error"))
}
