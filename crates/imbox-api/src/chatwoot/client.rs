//! The Chatwoot client: the shared HTTP core with the token in `api_access_token` (or
//! `api-access-token` behind proxies that drop underscored headers), bound to one account.
//!
//! The endpoint methods live in [`super::endpoints`].

use crate::error::ApiError;
use crate::http::{ClientConfig, HttpClient, RetryObserver, decode, segment};
use crate::retry::RetryPolicy;
use crate::secret::Secret;
use reqwest::Method;
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use std::ops::Deref;
use std::sync::{Arc, RwLock};
use std::time::Duration;

/// Everything needed to build a [`ChatwootClient`].
#[derive(Debug, Clone)]
pub struct ChatwootConfig {
    /// Installation base URL, e.g. `https://app.chatwoot.com` (a trailing `/` is ignored; a
    /// path prefix is kept).
    pub base_url: String,
    /// The account every call works in (`/api/v1/accounts/{account_id}/…`).
    pub account_id: u64,
    /// The user access token (Profile settings → Access token).
    pub token: Secret,
    /// Send the token as `api-access-token` instead of `api_access_token`, for reverse proxies
    /// (nginx by default) that drop header names with underscores. Rails reads both the same.
    pub hyphenated_header: bool,
    /// Longest wait for a TCP/TLS connection.
    pub connect_timeout: Duration,
    /// Longest wait for a whole request.
    pub request_timeout: Duration,
    /// When and how often failed calls are retried.
    pub retry: RetryPolicy,
}

impl ChatwootConfig {
    /// A configuration with the underscored header and the shared defaults (5 s to connect,
    /// 30 s per request, [`RetryPolicy::default`]).
    pub fn new(base_url: impl Into<String>, account_id: u64, token: Secret) -> Self {
        let defaults = ClientConfig::new("", Secret::new(""));
        ChatwootConfig {
            base_url: base_url.into(),
            account_id,
            token,
            hyphenated_header: false,
            connect_timeout: defaults.connect_timeout,
            request_timeout: defaults.request_timeout,
            retry: defaults.retry,
        }
    }

    /// The header the token goes in.
    pub fn token_header(&self) -> &'static str {
        if self.hyphenated_header { "api-access-token" } else { "api_access_token" }
    }
}

/// A client for one Chatwoot account and token. Cheap to clone: clones share one connection
/// pool and one inbox-name cache.
#[derive(Clone, Debug)]
pub struct ChatwootClient {
    http: HttpClient,
    account_id: u64,
    /// Inbox names by id, filled by [`ChatwootClient::inboxes`] (and so by `filter_options`),
    /// so conversations can show their inbox by name.
    inbox_names: Arc<RwLock<HashMap<u64, String>>>,
}

impl ChatwootClient {
    /// Builds a client; fails with [`ApiError::Invalid`] when the base URL is not an http(s) URL
    /// or the token cannot be sent in a header.
    pub fn new(config: ChatwootConfig) -> Result<Self, ApiError> {
        let mut http = ClientConfig::new(config.base_url.clone(), config.token.clone());
        http.token_header = config.token_header().into();
        http.connect_timeout = config.connect_timeout;
        http.request_timeout = config.request_timeout;
        http.retry = config.retry;
        Ok(ChatwootClient {
            http: HttpClient::new(http)?,
            account_id: config.account_id,
            inbox_names: Arc::default(),
        })
    }

    /// Reports every upcoming retry to `observer`.
    pub fn with_retry_observer(self, observer: RetryObserver) -> Self {
        ChatwootClient { http: self.http.with_retry_observer(observer), ..self }
    }

    /// The same server, account and settings with another token (the in-app re-login).
    pub fn with_token(&self, token: Secret) -> Result<Self, ApiError> {
        Ok(ChatwootClient { http: self.http.with_token(token)?, ..self.clone() })
    }

    /// The account this client works in.
    pub fn account_id(&self) -> u64 {
        self.account_id
    }

    /// The retry policy in use.
    pub fn retry_policy(&self) -> RetryPolicy {
        self.http.retry_policy()
    }

    /// The account-scoped path of `rest` (which starts with `/` and has its ids encoded).
    pub(crate) fn path(&self, rest: &str) -> String {
        format!("/api/v1/accounts/{}{rest}", self.account_id)
    }

    /// `…/{collection}/{id}{tail}` with `id` encoded as one path segment.
    pub(crate) fn member(
        &self,
        collection: &str,
        what: &str,
        id: &str,
        tail: &str,
    ) -> Result<String, ApiError> {
        Ok(self.path(&format!("/{collection}/{}{tail}", segment(what, id)?)))
    }

    /// A GET decoded as `T`.
    pub(crate) async fn get_json<T: DeserializeOwned>(
        &self,
        endpoint: &'static str,
        path: &str,
        query: Vec<(&'static str, String)>,
    ) -> Result<T, ApiError> {
        let body = self.http.get(endpoint, path, query).await.map_err(refine)?;
        decode(endpoint, &body)
    }

    /// A write with a JSON body; returns the raw reply body (often empty).
    pub(crate) async fn write(
        &self,
        endpoint: &'static str,
        method: Method,
        path: &str,
        body: &impl serde::Serialize,
    ) -> Result<Vec<u8>, ApiError> {
        self.http.send_json(endpoint, method, path, body).await.map_err(refine)
    }

    /// A write without a body (DELETE, and POSTs that take none); returns the raw reply body.
    pub(crate) async fn write_empty(
        &self,
        endpoint: &'static str,
        method: Method,
        path: &str,
    ) -> Result<Vec<u8>, ApiError> {
        let url = self.http.url(path)?;
        self.http
            .send_retrying(endpoint, || self.http.http().request(method.clone(), url.clone()))
            .await
            .map_err(refine)
    }

    /// A POST with a JSON body, sent **exactly once**: a timeout or a 5xx after the server may
    /// have acted must not make it act twice (a second message, a second toggle). The caller
    /// decides whether to ask again.
    pub(crate) async fn post_once(
        &self,
        endpoint: &'static str,
        path: &str,
        body: &impl serde::Serialize,
    ) -> Result<Vec<u8>, ApiError> {
        self.http.post_json_once(endpoint, path, body).await.map_err(refine)
    }

    /// A multipart POST, sent exactly once (as [`Self::post_once`]).
    pub(crate) async fn post_multipart_once(
        &self,
        endpoint: &'static str,
        path: &str,
        form: reqwest::multipart::Form,
    ) -> Result<Vec<u8>, ApiError> {
        let url = self.http.url(path)?;
        self.http.send_once(endpoint, self.http.http().post(url).multipart(form)).await.map_err(refine)
    }

    /// The inbox names learned so far.
    pub(crate) fn inbox_names(&self) -> HashMap<u64, String> {
        self.inbox_names.read().map(|m| m.clone()).unwrap_or_default()
    }

    /// Remembers inbox names for later conversation lists.
    pub(crate) fn remember_inboxes(&self, inboxes: &[(u64, String)]) {
        if let Ok(mut names) = self.inbox_names.write() {
            names.extend(inboxes.iter().cloned());
        }
    }
}

/// The Pundit refusal: the token is fine, the user just may not do this. Chatwoot answers it
/// with 401 (swagger says 403), which would otherwise read as "token rejected" and send the
/// user to re-login for nothing.
const POLICY_REFUSAL: &str = "You are not authorized to do this action";

/// Turns a policy refusal into [`ApiError::BadRequest`] (status kept as 401); every other
/// error is returned as it is.
pub(crate) fn refine(e: ApiError) -> ApiError {
    match e {
        ApiError::Unauthorized { endpoint, message } if message.trim() == POLICY_REFUSAL => {
            ApiError::BadRequest { endpoint, status: 401, message }
        }
        other => other,
    }
}

impl Deref for ChatwootClient {
    type Target = HttpClient;

    /// The shared core: `base_url` and the request helpers.
    fn deref(&self) -> &HttpClient {
        &self.http
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_name_follows_the_option() {
        let mut c = ChatwootConfig::new("http://127.0.0.1:1", 1, Secret::new("t"));
        assert_eq!(c.token_header(), "api_access_token");
        c.hyphenated_header = true;
        assert_eq!(c.token_header(), "api-access-token");
        assert!(ChatwootClient::new(c).is_ok());
    }

    #[test]
    fn only_the_policy_refusal_is_refined() {
        let policy = ApiError::Unauthorized { endpoint: "E", message: POLICY_REFUSAL.into() };
        assert_eq!(
            refine(policy),
            ApiError::BadRequest { endpoint: "E", status: 401, message: POLICY_REFUSAL.into() }
        );
        let token = ApiError::Unauthorized { endpoint: "E", message: "Invalid Access Token".into() };
        assert!(refine(token).is_auth());
    }

    #[test]
    fn paths_are_account_scoped_and_ids_encoded() {
        let c = ChatwootClient::new(ChatwootConfig::new("http://127.0.0.1:1/", 7, Secret::new("t"))).unwrap();
        assert_eq!(c.path("/conversations"), "/api/v1/accounts/7/conversations");
        assert_eq!(
            c.member("contacts", "contact id", "1/2", "/conversations").unwrap(),
            "/api/v1/accounts/7/contacts/1%2F2/conversations"
        );
        assert!(c.member("contacts", "contact id", "..", "").is_err());
    }
}
