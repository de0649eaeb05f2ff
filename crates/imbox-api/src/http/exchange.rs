//! One exchange with the server: the wait for its pause, the request, the reply read under the
//! size cap, the classification, and the log line (method, path without the query, status,
//! duration, retry number — never a header value or a body).

use super::client::{HttpClient, RetryNotice};
use super::response::{self, Outcome};
use crate::error::ApiError;
use reqwest::RequestBuilder;
use std::time::Instant;

/// Most of an error reply's body read: only a message snippet is kept from it.
const MAX_ERROR_BODY_BYTES: u64 = 64 * 1024;

impl HttpClient {
    /// One request and its reply, classified; logged (method, path without the query, status,
    /// duration, retry number — never a header value or a body). Waits first while the server's
    /// pause lasts, and starts one when the reply asks for it.
    pub(super) async fn attempt(
        &self,
        endpoint: &'static str,
        request: RequestBuilder,
        retry: u32,
    ) -> Outcome {
        let (client, request) = request.build_split();
        let request = match request {
            Ok(r) => r,
            Err(e) => return response::transport_failure(endpoint, &e),
        };
        let method = request.method().clone();
        // The path only: query values can be personal (a search for a name, a phone number).
        let path = request.url().path().to_string();
        self.wait_for_gate(endpoint, retry).await;
        let started = Instant::now();
        let (outcome, code) = self.exchange(endpoint, client, request).await;
        let ms = started.elapsed().as_millis() as u64;
        // The reply's status, or what came instead of one.
        let status = match (&outcome, code) {
            (_, Some(code)) => code.to_string(),
            (Outcome::Retry { error, .. } | Outcome::Fail(error), None) => error_status(error),
            (Outcome::Done(_), None) => "-".into(),
        };
        match &outcome {
            Outcome::Done(_) => tracing::debug!(%method, %path, %status, ms, retry, "request"),
            Outcome::Retry { retry_after, .. } => {
                if let Some(wait) = retry_after {
                    self.gate.close_for((*wait).min(self.retry.max_delay));
                }
                tracing::info!(%method, %path, %status, ms, retry, "request failed");
            }
            Outcome::Fail(_) => tracing::info!(%method, %path, %status, ms, retry, "request failed"),
        }
        outcome
    }

    /// Holds a request back while the server's pause lasts, announcing the wait (attempt 0 for
    /// a first try; a retry announced its own wait already).
    async fn wait_for_gate(&self, endpoint: &'static str, retry: u32) {
        let wait = self.gate.remaining();
        if wait.is_zero() {
            return;
        }
        tracing::debug!(endpoint, wait_ms = wait.as_millis() as u64, "waiting for the server's pause");
        if retry == 0
            && let Some(observer) = &self.observer
        {
            let reason = "the server asked for a pause".to_string();
            observer(&RetryNotice { endpoint, attempt: 0, wait, reason });
        }
        tokio::time::sleep(wait).await;
    }

    /// Sends `request` and reads the reply, refusing a body over the cap while it streams.
    /// Returns the outcome and the reply's status code, when a reply came.
    async fn exchange(
        &self,
        endpoint: &'static str,
        client: reqwest::Client,
        request: reqwest::Request,
    ) -> (Outcome, Option<u16>) {
        let mut reply = match client.execute(request).await {
            Ok(reply) => reply,
            Err(e) => return (response::transport_failure(endpoint, &e), None),
        };
        let status = reply.status();
        let code = Some(status.as_u16());
        let retry_after = reply
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| crate::retry::parse_retry_after(v, std::time::SystemTime::now()));
        let too_large = || {
            let limit_mib = self.max_reply_bytes.div_ceil(1024 * 1024);
            tracing::warn!(endpoint, limit_mib, "reply refused: over the size cap");
            Outcome::Fail(ApiError::TooLarge { endpoint, limit_mib })
        };
        // An error reply is read for its message only: a snippet's worth is enough.
        let cap = if status.is_success() { self.max_reply_bytes } else { MAX_ERROR_BODY_BYTES };
        if status.is_success() && reply.content_length().is_some_and(|n| n > cap) {
            return (too_large(), code);
        }
        let mut body: Vec<u8> = Vec::new();
        loop {
            match reply.chunk().await {
                Ok(Some(chunk)) => {
                    if (body.len() + chunk.len()) as u64 > cap {
                        if !status.is_success() {
                            let room = (cap as usize).saturating_sub(body.len());
                            body.extend_from_slice(&chunk[..room.min(chunk.len())]);
                            break;
                        }
                        return (too_large(), code);
                    }
                    body.extend_from_slice(&chunk);
                }
                Ok(None) => break,
                Err(e) => return (response::transport_failure(endpoint, &e), code),
            }
        }
        if status.is_success() {
            return (Outcome::Done(body), code);
        }
        (response::status_failure(endpoint, status, &body, retry_after, &self.token), code)
    }
}

/// The status column of a failed request's log line: the HTTP status, or what failed instead.
fn error_status(e: &ApiError) -> String {
    match e {
        ApiError::Unauthorized { .. } => "401/403".into(),
        ApiError::NotFound { .. } => "404".into(),
        ApiError::BadRequest { status, .. } | ApiError::Server { status, .. } => status.to_string(),
        ApiError::RateLimited { .. } => "429".into(),
        ApiError::Timeout { .. } => "timeout".into(),
        ApiError::Network { detail, .. } => format!("network ({detail})"),
        ApiError::TooLarge { .. } => "too large".into(),
        _ => "error".into(),
    }
}
