//! The HTTP core every backend client shares: the one connection pool, the auth headers and the
//! retry loop (its settings: [`super::config`]; one exchange with the server, with the pause and
//! the reply size cap: [`super::exchange`]).
//!
//! Each backend's endpoint methods live with the backend (`api/imbrace`, `api/chatwoot`,
//! `api/smsrcs`); turning replies into results or [`ApiError`]s lives in [`super::response`]. This
//! file only decides how a request is sent and whether a failed one is sent again.

use super::config::ClientConfig;
use super::gate::Gate;
use super::response::Outcome;
use crate::error::ApiError;
use crate::retry::RetryPolicy;
use crate::secret::Secret;
use reqwest::header::{ACCEPT, HeaderMap, HeaderName, HeaderValue};
use reqwest::{RequestBuilder, Url};
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

/// Redirects followed at most; more means a loop.
const MAX_REDIRECTS: usize = 5;
/// Idle connections kept per host for reuse.
const MAX_IDLE_CONNECTIONS: usize = 8;

/// A retry about to happen, reported so the UI can show "retrying in 3 s…".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryNotice {
    /// Route template of the call (`GET /v1/backend/contacts`).
    pub endpoint: &'static str,
    /// Which retry this is: 1 for the first retry, up to `max_retries`; 0 for a first attempt
    /// held back because the server asked for a pause (another endpoint's 429).
    pub attempt: u32,
    /// How long the client waits before sending it.
    pub wait: Duration,
    /// Why the previous attempt failed ("HTTP 503", "timed out", …); never a URL or the token.
    pub reason: String,
}

/// Called before each retry sleep; must return quickly (it runs on the request's task).
pub type RetryObserver = Arc<dyn Fn(&RetryNotice) + Send + Sync>;

/// A client for one server and token. Cheap to clone: clones share one connection pool.
#[derive(Clone)]
pub struct HttpClient {
    http: reqwest::Client,
    /// Base URL without a trailing slash; paths are appended to it.
    base: String,
    /// Base URL with any user-info removed, for Debug and logs.
    shown_base: String,
    /// Kept only to scrub it from server messages that might echo it back.
    pub(super) token: Secret,
    token_header: String,
    extra_headers: Vec<(String, String)>,
    pub(super) retry: RetryPolicy,
    connect_timeout: Duration,
    request_timeout: Duration,
    write_timeout: Duration,
    pub(super) max_reply_bytes: u64,
    resolver: Option<Arc<dyn reqwest::dns::Resolve>>,
    pub(super) observer: Option<RetryObserver>,
    /// The pause the server asked for, shared by clones and re-logins.
    pub(super) gate: Gate,
}

impl fmt::Debug for HttpClient {
    // Written by hand: the token must never be printed, and neither must user-info in the URL.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpClient")
            .field("base_url", &self.shown_base)
            .field("token", &"[redacted]")
            .field("retry", &self.retry)
            .field("connect_timeout", &self.connect_timeout)
            .field("request_timeout", &self.request_timeout)
            .field("retry_observer", &self.observer.is_some())
            .finish()
    }
}

impl HttpClient {
    /// Builds a client; fails with [`ApiError::Invalid`] when the base URL is not an http(s) URL
    /// or the token cannot be sent in a header.
    pub fn new(config: ClientConfig) -> Result<Self, ApiError> {
        let base = config.base_url.trim().trim_end_matches('/').to_string();
        let parsed = Url::parse(&base).map_err(|e| ApiError::Invalid(format!("invalid base URL: {e}")))?;
        if !matches!(parsed.scheme(), "http" | "https") || parsed.host().is_none() {
            return Err(ApiError::Invalid(
                "the base URL must be an http:// or https:// URL with a host".into(),
            ));
        }
        if parsed.query().is_some() || parsed.fragment().is_some() {
            return Err(ApiError::Invalid("the base URL must not have a query or fragment".into()));
        }
        let mut shown = parsed.clone();
        // Both only fail for URLs that cannot have user-info, in which case there is none to hide.
        let _ = shown.set_username("");
        let _ = shown.set_password(None);
        let shown_base = shown.as_str().trim_end_matches('/').to_string();

        let mut token = HeaderValue::from_str(config.token.expose()).map_err(|_| {
            ApiError::Invalid("the access token contains characters not allowed in a header".into())
        })?;
        // Sensitive values are left out of hyper's Debug output and HTTP/2 header compression.
        token.set_sensitive(true);
        let mut headers = HeaderMap::new();
        let name = HeaderName::from_bytes(config.token_header.as_bytes())
            .map_err(|_| ApiError::Invalid(format!("invalid header name {:?}", config.token_header)))?;
        headers.insert(name, token);
        for (name, value) in &config.extra_headers {
            let name = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| ApiError::Invalid(format!("invalid header name {name:?}")))?;
            let value = HeaderValue::from_str(value).map_err(|_| {
                ApiError::Invalid(format!("the value of header {name} is not allowed in a header"))
            })?;
            headers.insert(name, value);
        }
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));

        install_tls_provider();
        let mut builder = reqwest::Client::builder()
            .default_headers(headers)
            .user_agent(concat!("imbox/", env!("CARGO_PKG_VERSION")))
            .connect_timeout(config.connect_timeout)
            .timeout(config.request_timeout)
            .redirect(same_origin_redirects())
            // Idle connections each keep their buffers; a handful serves imbox's few requests
            // in flight (page loads are capped per list) without keeping a burst's worth.
            .pool_max_idle_per_host(MAX_IDLE_CONNECTIONS);
        if let Some(resolver) = &config.resolver {
            builder = builder.dns_resolver(resolver.clone());
        }
        if is_loopback(&parsed) {
            // A local server (the demo, a test) must work even with HTTPS_PROXY set in the shell.
            builder = builder.no_proxy();
        }
        let http =
            builder.build().map_err(|_| ApiError::Invalid("could not set up the HTTP client".into()))?;

        Ok(HttpClient {
            http,
            base,
            shown_base,
            token: config.token,
            token_header: config.token_header,
            extra_headers: config.extra_headers,
            retry: config.retry,
            connect_timeout: config.connect_timeout,
            request_timeout: config.request_timeout,
            write_timeout: config.write_timeout,
            max_reply_bytes: config.max_reply_bytes,
            resolver: config.resolver,
            observer: None,
            gate: Gate::default(),
        })
    }

    /// Reports every upcoming retry to `observer` (e.g. to show a countdown in the status bar).
    pub fn with_retry_observer(mut self, observer: RetryObserver) -> Self {
        self.observer = Some(observer);
        self
    }

    /// A client for the same server, retry policy, timeouts and retry observer, with another
    /// token (the in-app re-login).
    pub fn with_token(&self, token: Secret) -> Result<Self, ApiError> {
        let mut config = ClientConfig::new(self.base.clone(), token);
        config.token_header = self.token_header.clone();
        config.extra_headers = self.extra_headers.clone();
        config.retry = self.retry;
        config.connect_timeout = self.connect_timeout;
        config.request_timeout = self.request_timeout;
        config.write_timeout = self.write_timeout;
        config.max_reply_bytes = self.max_reply_bytes;
        config.resolver = self.resolver.clone();
        let mut client = HttpClient::new(config)?;
        client.observer = self.observer.clone();
        // Same server: a pause it asked for holds for the new token too.
        client.gate = self.gate.clone();
        Ok(client)
    }

    /// The base URL requests go to (user-info removed).
    pub fn base_url(&self) -> &str {
        &self.shown_base
    }

    /// The retry policy in use.
    pub fn retry_policy(&self) -> RetryPolicy {
        self.retry
    }

    /// The shared HTTP client, for the endpoint methods to start requests from.
    pub(crate) fn http(&self) -> &reqwest::Client {
        &self.http
    }

    /// The absolute URL of `path` (which starts with `/` and has its ids already encoded).
    pub(crate) fn url(&self, path: &str) -> Result<Url, ApiError> {
        Url::parse(&format!("{}{path}", self.base))
            .map_err(|_| ApiError::Invalid("could not build the request URL".into()))
    }

    /// Sends the request `build` makes, retrying network errors, timeouts, 5xx and 429 up to
    /// `max_retries` times. `build` is called once per attempt because a sent request is consumed.
    /// Returns the body of the first successful (2xx) reply.
    ///
    /// Reads and DELETEs (idempotent: a second delete finds nothing more to do) are retried on
    /// every such failure. Other writes (PUT, POST, PATCH) are retried only when they cannot have
    /// reached the server (no connection was made, or a 429 said it was not taken): a PUT sent
    /// again after a timeout could overwrite a colleague's newer edit with an old value. The
    /// caller of such a write reads the record back instead (see the app's contact save).
    pub(crate) async fn send_retrying(
        &self,
        endpoint: &'static str,
        build: impl Fn() -> RequestBuilder,
    ) -> Result<Vec<u8>, ApiError> {
        let mut retries = 0u32;
        loop {
            match self.attempt(endpoint, build(), retries).await {
                Outcome::Done(body) => return Ok(body),
                Outcome::Fail(error) => return Err(error),
                Outcome::Retry { error, reached, .. } if reached && !self.repeatable(&build) => {
                    tracing::warn!(endpoint, %error, "write not sent again: it may have reached the server");
                    return Err(error);
                }
                Outcome::Retry { error, retry_after, reason, .. } => {
                    if retries >= self.retry.max_retries {
                        tracing::warn!(endpoint, retries, %reason, "giving up");
                        return Err(error);
                    }
                    let wait = self.retry.delay(retries, retry_after);
                    retries += 1;
                    tracing::debug!(
                        endpoint,
                        attempt = retries,
                        wait_ms = wait.as_millis() as u64,
                        %reason,
                        "retrying"
                    );
                    if let Some(observer) = &self.observer {
                        observer(&RetryNotice { endpoint, attempt: retries, wait, reason });
                    }
                    tokio::time::sleep(wait).await;
                }
            }
        }
    }

    /// Whether the request `build` makes may be sent again after it may have reached the
    /// server: GET, HEAD and DELETE may.
    fn repeatable(&self, build: &impl Fn() -> RequestBuilder) -> bool {
        let method = build().build().map(|r| r.method().clone()).unwrap_or(reqwest::Method::POST);
        matches!(method, reqwest::Method::GET | reqwest::Method::HEAD | reqwest::Method::DELETE)
    }

    /// The longest wait for a write: [`ClientConfig::write_timeout`], never longer than the
    /// request timeout.
    pub(crate) fn write_timeout(&self) -> Duration {
        self.write_timeout.min(self.request_timeout)
    }

    /// A POST with a JSON body to `path`, sent **exactly once**: a timeout or a 5xx after the
    /// server may have acted must not make it act twice (a second message, a second SMS). The
    /// caller decides whether to ask again.
    pub(crate) async fn post_json_once(
        &self,
        endpoint: &'static str,
        path: &str,
        body: &impl serde::Serialize,
    ) -> Result<Vec<u8>, ApiError> {
        let url = self.url(path)?;
        let body = super::json_body(endpoint, body)?;
        let request = self
            .http()
            .post(url)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .timeout(self.write_timeout())
            .body(body);
        self.send_once(endpoint, request).await
    }

    /// Sends a request exactly once: for calls that must not be repeated (uploads).
    pub(crate) async fn send_once(
        &self,
        endpoint: &'static str,
        request: RequestBuilder,
    ) -> Result<Vec<u8>, ApiError> {
        match self.attempt(endpoint, request, 0).await {
            Outcome::Done(body) => Ok(body),
            Outcome::Fail(error) | Outcome::Retry { error, .. } => Err(error),
        }
    }
}

/// Follows redirects only within the origin of the first request: reqwest strips
/// `Authorization` on cross-host redirects but not custom headers, so following one would hand
/// the token header to another host. A refused redirect comes back as the 3xx reply itself.
fn same_origin_redirects() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        let same_origin =
            attempt.previous().first().is_some_and(|first| first.origin() == attempt.url().origin());
        if attempt.previous().len() > MAX_REDIRECTS {
            attempt.error("too many redirects")
        } else if same_origin {
            attempt.follow()
        } else {
            attempt.stop()
        }
    })
}

/// Whether the URL points at this machine (`localhost`, 127.0.0.0/8, `::1`).
fn is_loopback(url: &Url) -> bool {
    // `url::Host` is not re-exported by reqwest, so read the host as text; IPv6 comes bracketed.
    let Some(host) = url.host_str() else {
        return false;
    };
    let host = host.trim_start_matches('[').trim_end_matches(']');
    match host.parse::<std::net::IpAddr>() {
        Ok(ip) => ip.is_loopback(),
        Err(_) => host.eq_ignore_ascii_case("localhost") || host.to_ascii_lowercase().ends_with(".localhost"),
    }
}

/// Makes ring the process's TLS cryptography provider, once. reqwest is built without one (its
/// default, aws-lc-rs, builds C with cmake), and a client built without a provider panics.
fn install_tls_provider() {
    // Err means a provider is already installed: this one or an earlier choice, both fine.
    let _ = rustls::crypto::ring::default_provider().install_default();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_hosts_are_recognised() {
        let yes = ["http://127.0.0.1:8080", "http://localhost", "http://[::1]:3000", "http://app.localhost"];
        for u in yes {
            assert!(is_loopback(&Url::parse(u).unwrap()), "{u}");
        }
        let no = ["https://app-gateway.imbrace.co", "http://10.0.0.1"];
        for u in no {
            assert!(!is_loopback(&Url::parse(u).unwrap()), "{u}");
        }
    }

    #[test]
    fn bad_base_urls_and_tokens_are_rejected_without_echoing_the_token() {
        let token = Secret::new("acc_secret_value");
        for base in ["not a url", "ftp://host", "http://host/?q=1", "file:///tmp"] {
            let err = HttpClient::new(ClientConfig::new(base, token.clone())).unwrap_err();
            assert!(matches!(err, ApiError::Invalid(_)), "{base}: {err:?}");
        }
        let bad = Secret::new("acc_secret\nvalue");
        let err = HttpClient::new(ClientConfig::new("http://127.0.0.1:1", bad)).unwrap_err();
        assert!(matches!(err, ApiError::Invalid(_)));
        assert!(!err.to_string().contains("secret"));
    }

    #[test]
    fn debug_hides_token_and_user_info() {
        let client = HttpClient::new(ClientConfig::new(
            "https://user:pw_hidden@app-gateway.imbrace.co/",
            Secret::new("acc_secret_value"),
        ))
        .unwrap();
        let shown = format!("{client:?}");
        assert!(!shown.contains("acc_secret_value"), "{shown}");
        assert!(!shown.contains("pw_hidden"), "{shown}");
        assert!(shown.contains("app-gateway.imbrace.co"), "{shown}");
        assert_eq!(client.base_url(), "https://app-gateway.imbrace.co");
    }
}
