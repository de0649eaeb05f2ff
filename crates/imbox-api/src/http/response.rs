//! Turning what came back (a reply, a transport error, a body) into results and [`ApiError`]s.
//!
//! Nothing here may leak the token or a full URL: server messages are sanitized and scrubbed of
//! the token, transport errors are described by kind, never by reqwest's Display (which names
//! the URL, query included).

use crate::error::ApiError;
use crate::sanitize;
use crate::secret::Secret;
use reqwest::StatusCode;
use serde::de::DeserializeOwned;
use std::time::Duration;

/// Longest server-text snippet kept in an error message, in characters.
const SNIPPET_CHARS: usize = 120;

/// What one attempt came to.
pub(crate) enum Outcome {
    /// A 2xx reply and its body.
    Done(Vec<u8>),
    /// A failure worth another try (network, timeout, 5xx, 429).
    Retry {
        /// The error to return if no retry is left.
        error: ApiError,
        /// How long the server asked us to wait, if it did.
        retry_after: Option<Duration>,
        /// A short reason for logs and the retry notice.
        reason: String,
        /// Whether the request may have reached the server (and acted): true unless the
        /// connection was never made or the server said it did not take it (429). A write
        /// that may have reached it is not sent again blindly.
        reached: bool,
    },
    /// A failure that another try would not fix.
    Fail(ApiError),
}

/// Classifies a reqwest error from sending a request or reading its reply.
pub(crate) fn transport_failure(endpoint: &'static str, e: &reqwest::Error) -> Outcome {
    if e.is_builder() {
        return Outcome::Fail(ApiError::Invalid(format!("could not build the request for {endpoint}")));
    }
    // A connection that was never made carried nothing: sending again cannot act twice.
    let reached = !e.is_connect();
    if e.is_timeout() {
        return Outcome::Retry {
            error: ApiError::Timeout { endpoint },
            retry_after: None,
            reason: "timed out".into(),
            reached,
        };
    }
    let detail = super::network::describe(e);
    if e.is_redirect() {
        // Our redirect policy gave up (a loop): repeating the request would loop again.
        return Outcome::Fail(ApiError::Network { endpoint, detail });
    }
    Outcome::Retry {
        reason: format!("network: {detail}"),
        error: ApiError::Network { endpoint, detail },
        retry_after: None,
        reached,
    }
}

/// Classifies a non-2xx reply.
pub(crate) fn status_failure(
    endpoint: &'static str,
    status: StatusCode,
    body: &[u8],
    retry_after: Option<Duration>,
    token: &Secret,
) -> Outcome {
    let code = status.as_u16();
    let server_message = || scrub(server_message(body), token);
    let message = || {
        let m = server_message();
        if !m.is_empty() {
            return m;
        }
        let s = scrub(snippet(&sanitize::line(&String::from_utf8_lossy(body))), token);
        if !s.is_empty() {
            return s;
        }
        status.canonical_reason().map(str::to_string).unwrap_or_else(|| format!("HTTP {code}"))
    };
    match code {
        401 | 403 => {
            tracing::warn!(endpoint, status = code, "token rejected");
            Outcome::Fail(ApiError::Unauthorized { endpoint, message: message() })
        }
        404 => Outcome::Fail(ApiError::NotFound { endpoint, message: message() }),
        429 => Outcome::Retry {
            error: ApiError::RateLimited { endpoint, retry_after },
            retry_after,
            reason: "rate limited (HTTP 429)".into(),
            reached: false,
        },
        500..=599 => Outcome::Retry {
            error: ApiError::Server { endpoint, status: code, message: server_message() },
            retry_after,
            reason: format!("HTTP {code}"),
            reached: true,
        },
        300..=399 => Outcome::Fail(ApiError::BadRequest {
            endpoint,
            status: code,
            message: "redirected to another server; not followed".into(),
        }),
        _ => Outcome::Fail(ApiError::BadRequest { endpoint, status: code, message: message() }),
    }
}

/// An error body as the servers write it: iMBRACE `{"message"}`, Chatwoot `{"error"}`,
/// `{"errors": ["…"]}` (devise) or `{"message", "attributes"}` (validation).
#[derive(serde::Deserialize)]
struct ErrorBody {
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    errors: Option<serde_json::Value>,
}

/// The explanation in an error body, sanitized; empty when the body has none.
pub fn server_message(body: &[u8]) -> String {
    let Ok(b) = serde_json::from_slice::<ErrorBody>(body) else {
        return String::new();
    };
    let from_errors = || match b.errors.as_ref()? {
        serde_json::Value::Array(items) => items.first().and_then(|i| match i {
            serde_json::Value::String(s) => Some(s.clone()),
            other => other.get("message").and_then(|m| m.as_str()).map(str::to_string),
        }),
        serde_json::Value::String(s) => Some(s.clone()),
        _ => None,
    };
    let text = b.message.clone().or_else(|| b.error.clone()).or_else(from_errors);
    text.map(|m| sanitize::line(m.trim())).unwrap_or_default()
}

/// Decodes a reply body as `T`, naming the endpoint and the JSON path of the first problem.
pub fn decode<T: DeserializeOwned>(endpoint: &'static str, body: &[u8]) -> Result<T, ApiError> {
    let mut de = serde_json::Deserializer::from_slice(body);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        decode_error(endpoint, path, &inner)
    })?;
    // Trailing garbage after a valid value is as broken as a syntax error.
    de.end().map_err(|e| decode_error(endpoint, ".".into(), &e))?;
    Ok(value)
}

fn decode_error(endpoint: &'static str, path: String, e: &serde_json::Error) -> ApiError {
    use serde_json::error::Category;
    let error = match e.classify() {
        Category::Syntax | Category::Eof | Category::Io => ApiError::Decode {
            endpoint,
            // A syntax error is about the document, not about a field.
            path: ".".into(),
            detail: format!("not valid JSON at line {}:{} ({})", e.line(), e.column(), category_text(e)),
        },
        Category::Data => ApiError::Decode {
            endpoint,
            path,
            // serde's message may quote server text ("invalid value: string …"): sanitize it.
            detail: snippet(&sanitize::line(&e.to_string())),
        },
    };
    // The path and serde's words, never the body: it may hold personal data.
    if let ApiError::Decode { path, detail, .. } = &error {
        tracing::warn!(endpoint, json_path = %path, %detail, "could not decode the reply");
    }
    error
}

/// serde_json's message without its own " at line L column C" suffix (we print line:col).
fn category_text(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let cut = text.rfind(" at line ").map_or(text.as_str(), |i| &text[..i]);
    sanitize::line(cut)
}

/// Whether a body is empty or only whitespace (writes may answer 200 with nothing).
pub fn is_blank(body: &[u8]) -> bool {
    body.iter().all(u8::is_ascii_whitespace)
}

/// Removes every occurrence of the token from a message, in case a server echoes it back.
fn scrub(message: String, token: &Secret) -> String {
    let t = token.expose();
    if t.len() >= 4 && message.contains(t) { message.replace(t, "[redacted]") } else { message }
}

/// At most [`SNIPPET_CHARS`] characters of `s`, trimmed, with `…` marking a cut.
fn snippet(s: &str) -> String {
    let s = s.trim();
    if s.chars().count() <= SNIPPET_CHARS {
        return s.to_string();
    }
    let mut out: String = s.chars().take(SNIPPET_CHARS).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token() -> Secret {
        Secret::new("acc_top_secret")
    }

    fn fail(outcome: Outcome) -> ApiError {
        match outcome {
            Outcome::Fail(e) => e,
            Outcome::Retry { .. } => panic!("expected a final failure, got a retry"),
            Outcome::Done(_) => panic!("expected a failure"),
        }
    }

    #[test]
    fn statuses_map_to_variants() {
        let body = br#"{"message":"phone_numbers is required"}"#;
        let e = fail(status_failure("E", StatusCode::BAD_REQUEST, body, None, &token()));
        assert_eq!(
            e,
            ApiError::BadRequest { endpoint: "E", status: 400, message: "phone_numbers is required".into() }
        );
        let e = fail(status_failure("E", StatusCode::FORBIDDEN, b"", None, &token()));
        assert_eq!(e, ApiError::Unauthorized { endpoint: "E", message: "Forbidden".into() });
        let e = fail(status_failure("E", StatusCode::NOT_FOUND, b"<h1>gone</h1>", None, &token()));
        assert_eq!(e, ApiError::NotFound { endpoint: "E", message: "<h1>gone</h1>".into() });
        match status_failure(
            "E",
            StatusCode::SERVICE_UNAVAILABLE,
            b"x",
            Some(Duration::from_secs(2)),
            &token(),
        ) {
            Outcome::Retry { error, retry_after, .. } => {
                assert_eq!(retry_after, Some(Duration::from_secs(2)));
                assert_eq!(error, ApiError::Server { endpoint: "E", status: 503, message: String::new() });
            }
            _ => panic!("5xx must be retried"),
        }
    }

    #[test]
    fn messages_are_sanitized_capped_and_scrubbed_of_the_token() {
        let body = br#"{"message":"bad token acc_top_secret \u001b]0;x\u0007"}"#;
        let e = fail(status_failure("E", StatusCode::UNPROCESSABLE_ENTITY, body, None, &token()));
        let shown = e.to_string();
        assert!(!shown.contains("acc_top_secret"), "{shown}");
        assert!(!shown.contains('\u{1b}'), "{shown}");
        assert!(shown.contains("[redacted]"), "{shown}");
        let long = "y".repeat(5000);
        let e = fail(status_failure("E", StatusCode::CONFLICT, long.as_bytes(), None, &token()));
        match e {
            ApiError::BadRequest { message, .. } => {
                assert_eq!(message.chars().count(), SNIPPET_CHARS + 1);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn decode_reports_paths_and_syntax_positions() {
        #[derive(serde::Deserialize, Debug)]
        struct T {
            #[allow(dead_code)]
            data: Vec<bool>,
        }
        let e = decode::<T>("E", br#"{"data":[true,{}]}"#).unwrap_err();
        match e {
            ApiError::Decode { path, .. } => assert_eq!(path, "data[1]"),
            other => panic!("{other:?}"),
        }
        let e = decode::<T>("E", b"{\n\"data\": [tru").unwrap_err();
        match e {
            ApiError::Decode { path, detail, .. } => {
                assert_eq!(path, ".");
                assert!(detail.contains("line 2:"), "{detail}");
            }
            other => panic!("{other:?}"),
        }
        let e = decode::<T>("E", br#"{"data":[]} trailing"#).unwrap_err();
        assert!(matches!(e, ApiError::Decode { ref path, .. } if path == "."), "{e:?}");
    }

    #[test]
    fn blank_bodies_are_recognised() {
        assert!(is_blank(b" \n"));
        assert!(is_blank(b""));
        assert!(!is_blank(b"{}"));
    }
}
