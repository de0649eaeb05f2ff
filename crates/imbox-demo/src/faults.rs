//! Fault injection: slow, failing, rate-limited, broken and silent responses on demand, so the
//! client's error handling and retry policy can be exercised against a real server.

use axum::body::{Body, Bytes};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// A way for the demo server to misbehave on a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// Wait this long, then answer normally.
    Latency(Duration),
    /// Answer with this status and a `{"message": …}` body.
    Status(u16),
    /// Answer `429 Too Many Requests` with a `Retry-After` header.
    RateLimited {
        /// Seconds announced in `Retry-After`.
        retry_after_secs: u64,
    },
    /// Answer `200` with a body that is not JSON.
    Malformed,
    /// Answer `200` with the real JSON body cut in half.
    Truncated,
    /// Send the real status and headers (announcing the full length), half the body, then drop
    /// the connection.
    Reset,
    /// Never answer (until the server shuts down).
    Stall,
    /// Carry the request out (a write is applied), then never answer: the client's timeout
    /// fires although the server has acted — the case a blind re-send gets wrong.
    ApplyThenStall,
    /// Answer as if `limit` had been this many rows (a server ignoring the page size).
    Flood(u64),
    /// Answer `200` with a JSON body this many MiB long, streamed without a Content-Length.
    Huge(u64),
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fault::Latency(d) => write!(f, "latency:{}", d.as_millis()),
            Fault::Status(s) => write!(f, "status:{s}"),
            Fault::RateLimited { retry_after_secs } => write!(f, "429:{retry_after_secs}"),
            Fault::Malformed => f.write_str("malformed"),
            Fault::Truncated => f.write_str("truncated"),
            Fault::Reset => f.write_str("reset"),
            Fault::Stall => f.write_str("stall"),
            Fault::ApplyThenStall => f.write_str("apply-then-stall"),
            Fault::Flood(rows) => write!(f, "flood:{rows}"),
            Fault::Huge(mib) => write!(f, "huge:{mib}"),
        }
    }
}

impl FromStr for Fault {
    type Err = String;

    /// Parses `latency:MS`, `status:CODE`, `429[:SECS]` (also `rate-limit[:SECS]`), `malformed`,
    /// `truncated`, `reset`, `stall`, `apply-then-stall`, `flood:ROWS` or `huge:MIB`. The share of affected requests is a separate setting
    /// ([`super::DemoConfig::fault_rate`]).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim().to_ascii_lowercase();
        let (name, arg) = match s.split_once(':') {
            Some((n, a)) => (n, Some(a)),
            None => (s.as_str(), None),
        };
        let num = |what: &str| -> Result<u64, String> {
            arg.ok_or(format!("{name} needs a value, e.g. {name}:{what}"))?
                .parse::<u64>()
                .map_err(|_| format!("{name}: expected a whole number, got {:?}", arg.unwrap_or("")))
        };
        match name {
            "latency" => Ok(Fault::Latency(Duration::from_millis(num("2000")?))),
            "status" => match num("500")? {
                code @ 100..=599 => Ok(Fault::Status(code as u16)),
                code => Err(format!("status: {code} is not an HTTP status code")),
            },
            "429" | "rate-limit" | "ratelimit" => {
                Ok(Fault::RateLimited { retry_after_secs: if arg.is_some() { num("5")? } else { 1 } })
            }
            "flood" => Ok(Fault::Flood(num("50000")?)),
            "huge" => Ok(Fault::Huge(num("20")?)),
            "malformed" | "truncated" | "reset" | "stall" | "apply-then-stall" if arg.is_some() => {
                Err(format!("{name} takes no value"))
            }
            "malformed" => Ok(Fault::Malformed),
            "truncated" => Ok(Fault::Truncated),
            "reset" => Ok(Fault::Reset),
            "stall" => Ok(Fault::Stall),
            "apply-then-stall" => Ok(Fault::ApplyThenStall),
            _ => Err(format!(
                "unknown fault {s:?}; expected latency:MS, status:CODE, 429:SECS, error-rate:PERCENT, malformed, truncated, reset, stall, apply-then-stall, flood:ROWS or huge:MIB"
            )),
        }
    }
}

/// Which requests get which fault.
pub(crate) struct Faults {
    seed: u64,
    /// Added to every request.
    pub latency: Duration,
    standing: Option<Fault>,
    rate: u8,
    injected: Mutex<Option<(Fault, usize)>>,
    /// Faults for the next requests of one route only: (method, path ending, fault, times).
    targeted: Mutex<Vec<(String, String, Fault, usize)>>,
    requests: AtomicU64,
    /// Requests received per (method, path), for tests that check what reached the server.
    seen: Mutex<HashMap<(String, String), u64>>,
}

impl Faults {
    pub fn new(seed: u64, latency: Duration, standing: Option<Fault>, rate: u8) -> Faults {
        Faults {
            seed,
            latency,
            standing,
            rate: rate.min(100),
            injected: Mutex::new(None),
            targeted: Mutex::new(Vec::new()),
            requests: AtomicU64::new(0),
            seen: Mutex::new(HashMap::new()),
        }
    }

    /// Counts a request that reached the server.
    pub fn record(&self, method: &str, path: &str) {
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        *seen.entry((method.to_ascii_uppercase(), path.to_string())).or_default() += 1;
    }

    /// How many requests with `method` on a path ending with `path_end` reached the server.
    pub fn seen(&self, method: &str, path_end: &str) -> u64 {
        let seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        seen.iter()
            .filter(|((m, p), _)| m.eq_ignore_ascii_case(method) && p.ends_with(path_end))
            .map(|(_, n)| n)
            .sum()
    }

    /// The next `times` requests get `fault` (replacing any earlier injection).
    pub fn inject(&self, fault: Fault, times: usize) {
        *self.injected.lock().unwrap_or_else(|e| e.into_inner()) = (times > 0).then_some((fault, times));
    }

    /// The next `times` requests whose method is `method` and whose path ends with `path_end`
    /// get `fault`; other requests are not counted (a test can fail one call while the client
    /// keeps polling others).
    pub fn inject_on(&self, method: &str, path_end: &str, fault: Fault, times: usize) {
        let mut targeted = self.targeted.lock().unwrap_or_else(|e| e.into_inner());
        targeted.retain(|(m, p, _, _)| !(m.eq_ignore_ascii_case(method) && p == path_end));
        if times > 0 {
            targeted.push((method.to_string(), path_end.to_string(), fault, times));
        }
    }

    /// The fault for the request being handled now (`method` on `path`), if any.
    pub fn next(&self, method: &str, path: &str) -> Option<Fault> {
        {
            let mut targeted = self.targeted.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(i) = targeted
                .iter()
                .position(|(m, p, _, _)| m.eq_ignore_ascii_case(method) && path.ends_with(p.as_str()))
            {
                let fault = targeted[i].2.clone();
                targeted[i].3 -= 1;
                if targeted[i].3 == 0 {
                    targeted.remove(i);
                }
                return Some(fault);
            }
        }
        {
            let mut injected = self.injected.lock().unwrap_or_else(|e| e.into_inner());
            if let Some((fault, left)) = injected.as_mut() {
                let fault = fault.clone();
                *left -= 1;
                if *left == 0 {
                    *injected = None;
                }
                return Some(fault);
            }
        }
        let n = self.requests.fetch_add(1, Ordering::Relaxed);
        let hit = crate::data::rng::h(self.seed, 99, n, 0) % 100 < u64::from(self.rate);
        self.standing.clone().filter(|_| hit)
    }
}

/// A `{"message": …}` error response.
pub fn error(status: StatusCode, message: &str) -> Response {
    (status, axum::Json(serde_json::json!({ "message": message }))).into_response()
}

/// The response for a fault that does not need the real response.
pub fn immediate(fault: &Fault) -> Option<Response> {
    match fault {
        Fault::Status(code) => {
            let status = StatusCode::from_u16(*code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let reason = status.canonical_reason().unwrap_or("Injected fault");
            Some(error(status, reason))
        }
        Fault::RateLimited { retry_after_secs } => {
            let mut r = error(StatusCode::TOO_MANY_REQUESTS, "Too Many Requests");
            if let Ok(v) = HeaderValue::from_str(&retry_after_secs.to_string()) {
                r.headers_mut().insert(header::RETRY_AFTER, v);
            }
            Some(r)
        }
        Fault::Malformed => Some(json_bytes(
            StatusCode::OK,
            Bytes::from_static(b"{\"data\": [{\"id\": \"not_\" oops,, <html>"),
        )),
        _ => None,
    }
}

/// A `200` JSON body of `mib` MiB (`{"data":[],"pad":"xxx…"}`), streamed in 64 KiB chunks
/// without a Content-Length, so a client must count while it reads.
pub fn huge(mib: u64) -> Response {
    const CHUNK: usize = 64 * 1024;
    let total = usize::try_from(mib.saturating_mul(1024 * 1024)).unwrap_or(usize::MAX);
    let chunks = total / CHUNK;
    let head = Bytes::from_static(b"{\"data\":[],\"pad\":\"");
    let pad = Bytes::from(vec![b'x'; CHUNK]);
    let tail = Bytes::from_static(b"\"}");
    let body = std::iter::once(head)
        .chain(std::iter::repeat_n(pad, chunks))
        .chain(std::iter::once(tail))
        .map(Ok::<Bytes, std::io::Error>);
    let mut r = Response::new(Body::from_stream(futures_util::stream::iter(body)));
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    r
}

/// `uri` with its `limit` query parameter set to `rows` (added when absent).
pub fn flooded(uri: &axum::http::Uri, rows: u64) -> Option<axum::http::Uri> {
    let mut pairs: Vec<String> = uri
        .query()
        .unwrap_or_default()
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("limit="))
        .map(str::to_string)
        .collect();
    pairs.push(format!("limit={rows}"));
    format!("{}?{}", uri.path(), pairs.join("&")).parse().ok()
}

fn json_bytes(status: StatusCode, bytes: Bytes) -> Response {
    let mut r = (status, bytes).into_response();
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    r
}

/// Turns a real response into its truncated or reset form.
pub async fn damage(fault: &Fault, real: Response) -> Response {
    let (parts, body) = real.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX).await.unwrap_or_default();
    let half = bytes.slice(..bytes.len() / 2);
    match fault {
        Fault::Reset => {
            let full = bytes.len();
            let chunks: Vec<Result<Bytes, std::io::Error>> = vec![
                Ok(half),
                Err(std::io::Error::new(std::io::ErrorKind::ConnectionReset, "demo fault: reset")),
            ];
            let mut r = Response::from_parts(parts, Body::from_stream(futures_util::stream::iter(chunks)));
            r.headers_mut().insert(header::CONTENT_LENGTH, HeaderValue::from(full));
            r
        }
        _ => json_bytes(StatusCode::OK, half),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hostile_server_faults_parse_and_print_back() {
        for text in ["apply-then-stall", "flood:50000", "huge:20"] {
            let fault: Fault = text.parse().expect(text);
            assert_eq!(fault.to_string(), text);
        }
        assert!("flood".parse::<Fault>().is_err(), "flood needs a row count");
        assert!("apply-then-stall:1".parse::<Fault>().is_err());
    }

    #[test]
    fn a_flood_replaces_the_limit_and_keeps_the_rest() {
        let uri: axum::http::Uri =
            "/v1/backend/contacts?limit=50&skip=0&sort=-created_at".parse().expect("uri");
        let flooded = flooded(&uri, 50_000).expect("a uri");
        assert_eq!(flooded.to_string(), "/v1/backend/contacts?skip=0&sort=-created_at&limit=50000");
        let bare: axum::http::Uri = "/x".parse().expect("uri");
        assert_eq!(flooded_or(&bare), "/x?limit=7");
    }

    fn flooded_or(uri: &axum::http::Uri) -> String {
        flooded(uri, 7).map(|u| u.to_string()).unwrap_or_default()
    }
}
