//! How an [`super::HttpClient`] is set up: server, token, timeouts, retries and limits.

use crate::retry::RetryPolicy;
use crate::secret::Secret;
use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// The default cap on one reply's body: far above any page imbox asks for (a 100-contact page
/// is ~100 KB), far below what would hurt (a hostile 156 MB page).
pub const DEFAULT_MAX_REPLY_BYTES: u64 = 16 * 1024 * 1024;
/// The cap [`ClientConfig::new`] starts from: [`DEFAULT_MAX_REPLY_BYTES`] unless the
/// configuration (`[network] max_reply_mib`) changed it at start-up.
static DEFAULT_CAP: AtomicU64 = AtomicU64::new(DEFAULT_MAX_REPLY_BYTES);

/// Sets the reply cap of every client configured from now on (the `[network]` table is read
/// once at start-up, before any client is built; a client's own setting still wins).
pub fn set_default_max_reply_bytes(bytes: u64) {
    DEFAULT_CAP.store(bytes.max(1), Ordering::Relaxed);
}

/// Everything needed to build an [`HttpClient`](super::HttpClient).
#[derive(Clone)]
pub struct ClientConfig {
    /// Gateway base URL, e.g. `https://app-gateway.imbrace.co` (a trailing `/` is ignored).
    pub base_url: String,
    /// The access token, sent in the header named by `token_header`.
    pub token: Secret,
    /// The header the token goes in (`x-access-token` on iMBRACE, `api_access_token` on Chatwoot).
    pub token_header: String,
    /// Further headers sent with every request (e.g. the SMS/RCS `api-login`); not secret.
    pub extra_headers: Vec<(String, String)>,
    /// Longest wait for a TCP/TLS connection.
    pub connect_timeout: Duration,
    /// Longest wait for a whole request, reply body included.
    pub request_timeout: Duration,
    /// When and how often failed calls are retried.
    pub retry: RetryPolicy,
    /// Longest wait for a write (PUT, POST, DELETE, PATCH). Shorter than `request_timeout`: a
    /// write keeps a form locked, and one that timed out is read back, not sent again.
    pub write_timeout: Duration,
    /// Largest reply body accepted, in bytes; a larger one is refused while it streams in.
    pub max_reply_bytes: u64,
    /// A name resolver to use instead of the system's (tests: a lookup that fails locally,
    /// never asking a DNS server on the network).
    pub resolver: Option<Arc<dyn reqwest::dns::Resolve>>,
}

impl ClientConfig {
    /// A configuration with the defaults: 5 s to connect, 30 s per request (15 s per write),
    /// [`RetryPolicy::default`], replies up to [`DEFAULT_MAX_REPLY_BYTES`].
    pub fn new(base_url: impl Into<String>, token: Secret) -> Self {
        ClientConfig {
            base_url: base_url.into(),
            token,
            token_header: "x-access-token".into(),
            extra_headers: Vec::new(),
            connect_timeout: Duration::from_secs(5),
            request_timeout: Duration::from_secs(30),
            retry: RetryPolicy::default(),
            write_timeout: Duration::from_secs(15),
            max_reply_bytes: DEFAULT_CAP.load(Ordering::Relaxed),
            resolver: None,
        }
    }
}

impl fmt::Debug for ClientConfig {
    // By hand: the resolver has no Debug, and the token stays redacted (Secret's own Debug).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientConfig")
            .field("base_url", &self.base_url)
            .field("token", &self.token)
            .field("token_header", &self.token_header)
            .field("extra_headers", &self.extra_headers)
            .field("connect_timeout", &self.connect_timeout)
            .field("request_timeout", &self.request_timeout)
            .field("retry", &self.retry)
            .field("write_timeout", &self.write_timeout)
            .field("max_reply_bytes", &self.max_reply_bytes)
            .field("resolver", &self.resolver.is_some())
            .finish()
    }
}
