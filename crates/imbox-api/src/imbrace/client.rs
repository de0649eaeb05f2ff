//! The iMBRACE client: the shared HTTP core with the token in `x-access-token`.
//!
//! The thirteen endpoint methods live in [`super::endpoints`].

use crate::error::ApiError;
use crate::http::{ClientConfig, HttpClient, RetryObserver};
use crate::retry::RetryPolicy;
use crate::secret::Secret;
use std::ops::Deref;

/// A client for one iMBRACE gateway and token. Cheap to clone: clones share one connection pool.
#[derive(Clone, Debug)]
pub struct ImbraceClient {
    http: HttpClient,
}

impl ImbraceClient {
    /// Builds a client; fails with [`ApiError::Invalid`] when the base URL is not an http(s) URL
    /// or the token cannot be sent in a header. The token always goes in `x-access-token`.
    pub fn new(mut config: ClientConfig) -> Result<Self, ApiError> {
        config.token_header = "x-access-token".into();
        Ok(ImbraceClient { http: HttpClient::new(config)? })
    }

    /// Reports every upcoming retry to `observer` (e.g. to show a countdown in the status bar).
    pub fn with_retry_observer(self, observer: RetryObserver) -> Self {
        ImbraceClient { http: self.http.with_retry_observer(observer) }
    }

    /// A client for the same server and settings with another token (the in-app re-login).
    pub fn with_token(&self, token: Secret) -> Result<Self, ApiError> {
        Ok(ImbraceClient { http: self.http.with_token(token)? })
    }

    /// The retry policy in use.
    pub fn retry_policy(&self) -> RetryPolicy {
        self.http.retry_policy()
    }
}

impl Deref for ImbraceClient {
    type Target = HttpClient;

    /// The shared core: `base_url`, and the request helpers the endpoint methods use.
    fn deref(&self) -> &HttpClient {
        &self.http
    }
}
