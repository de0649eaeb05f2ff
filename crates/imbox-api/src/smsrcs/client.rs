//! The SMS/RCS client: the shared HTTP core with the key in `api-key` and the login in
//! `api-login`, and the one endpoint it calls.
//!
//! The seed names no URL path, only "Retrieve the conversation messages list"; the client calls
//! `GET {base_url}/conversations/messages`. A provider that mounts it elsewhere is reached by
//! putting the prefix into the base URL (the demo serves it at `<demo>/smsrcs`).

use super::lookup::Lookup;
use super::wire::{MessageList, Record};
use crate::error::ApiError;
use crate::http::{ClientConfig, HttpClient, Query, RetryObserver, decode};
use crate::secret::Secret;
use std::collections::HashMap;
use std::ops::Deref;
use std::sync::{Arc, Mutex};

/// The path of the messages endpoint under the base URL.
pub const MESSAGES_PATH: &str = "/conversations/messages";
/// The route template named in errors and retry notices.
const ENDPOINT: &str = "GET /conversations/messages";
/// Messages asked for per page (the seed's default).
pub const PER_PAGE: u32 = 50;
/// Most pages one lookup reads; the rest is left unread and said so.
pub const MAX_PAGES: u32 = 20;
/// Lookups whose messages are kept for scrolling back (see [`SmsrcsClient::fetch`]).
const CACHED_LOOKUPS: usize = 16;

/// Everything needed to reach one SMS/RCS account.
#[derive(Debug, Clone)]
pub struct SmsrcsConfig {
    /// Where the API lives, e.g. `https://api.example.com/v1` (the client appends
    /// [`MESSAGES_PATH`]).
    pub base_url: String,
    /// The `api-key` header (secret).
    pub api_key: Secret,
    /// The `api-login` header (the account's login, not secret).
    pub api_login: String,
}

impl SmsrcsConfig {
    /// The shared-core configuration: default timeouts and retries, the key in `api-key`, the
    /// login in `api-login`.
    pub fn client_config(&self) -> ClientConfig {
        let mut c = ClientConfig::new(self.base_url.clone(), self.api_key.clone());
        c.token_header = "api-key".into();
        c.extra_headers = vec![("api-login".into(), self.api_login.clone())];
        c
    }
}

/// Every message one lookup found, in server order (oldest first), and whether the page cap
/// stopped the reading early.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Fetched {
    /// The messages, sanitized.
    pub records: Vec<Record>,
    /// True when [`MAX_PAGES`] full pages were read and more may exist.
    pub capped: bool,
}

type Cache = Arc<Mutex<HashMap<Lookup, Arc<Fetched>>>>;

/// A client for one SMS/RCS account. Cheap to clone: clones share one connection pool and the
/// lookup cache.
#[derive(Clone, Debug)]
pub struct SmsrcsClient {
    http: HttpClient,
    cache: Cache,
}

impl SmsrcsClient {
    /// Builds a client; fails with [`ApiError::Invalid`] when the base URL is not an http(s) URL
    /// or the key or login cannot be sent in a header.
    pub fn new(config: SmsrcsConfig) -> Result<Self, ApiError> {
        Self::from_client_config(config.client_config())
    }

    /// Builds a client from a shared-core configuration whose `token` is the API key and whose
    /// `extra_headers` carry `api-login` (the header names are forced to the seed's).
    pub fn from_client_config(mut config: ClientConfig) -> Result<Self, ApiError> {
        config.token_header = "api-key".into();
        if !config.extra_headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("api-login")) {
            return Err(ApiError::Invalid("an SMS/RCS account needs an api-login".into()));
        }
        Ok(SmsrcsClient { http: HttpClient::new(config)?, cache: Cache::default() })
    }

    /// Reports every upcoming retry to `observer`.
    pub fn with_retry_observer(self, observer: RetryObserver) -> Self {
        SmsrcsClient { http: self.http.with_retry_observer(observer), cache: self.cache }
    }

    /// A client for the same server, login and settings with another API key (nothing cached
    /// under the old key is reused).
    pub fn with_token(&self, api_key: Secret) -> Result<Self, ApiError> {
        Ok(SmsrcsClient { http: self.http.with_token(api_key)?, cache: Cache::default() })
    }

    /// One page of a lookup (`page` counts from 1), in server order.
    pub async fn messages_page(
        &self,
        lookup: Option<&Lookup>,
        page: u32,
        per_page: u32,
    ) -> Result<Vec<Record>, ApiError> {
        let mut query: Query = vec![("page", page.to_string()), ("per_page", per_page.to_string())];
        if let Some(l) = lookup {
            query.push((l.kind.param(), l.value.clone()));
        }
        let body = self.http.get(ENDPOINT, MESSAGES_PATH, query).await?;
        let list: MessageList = decode(ENDPOINT, &body)?;
        Ok(list.items.into_iter().map(Record::from).collect())
    }

    /// Every message of a lookup: pages of [`PER_PAGE`] until a short page, at most
    /// [`MAX_PAGES`]. Always asks the server, and keeps the answer for [`Self::cached`].
    pub async fn fetch(&self, lookup: &Lookup) -> Result<Arc<Fetched>, ApiError> {
        let mut fetched = Fetched::default();
        for page in 1..=MAX_PAGES {
            let items = self.messages_page(Some(lookup), page, PER_PAGE).await?;
            let full = items.len() >= PER_PAGE as usize;
            fetched.records.extend(items);
            if !full {
                break;
            }
            if page == MAX_PAGES {
                fetched.capped = true;
                tracing::warn!(pages = MAX_PAGES, "SMS/RCS lookup stopped at the page cap");
            }
        }
        let fetched = Arc::new(fetched);
        let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        if cache.len() >= CACHED_LOOKUPS && !cache.contains_key(lookup) {
            cache.clear();
        }
        cache.insert(lookup.clone(), fetched.clone());
        Ok(fetched)
    }

    /// The messages of a lookup as last fetched, or fetched now. Scrolling back through a
    /// thread uses this, so its older pages come from the same snapshot as its first page and
    /// nothing shifts between them.
    pub async fn cached(&self, lookup: &Lookup) -> Result<Arc<Fetched>, ApiError> {
        let hit = self.cache.lock().unwrap_or_else(|e| e.into_inner()).get(lookup).cloned();
        match hit {
            Some(f) => Ok(f),
            None => self.fetch(lookup).await,
        }
    }
}

impl Deref for SmsrcsClient {
    type Target = HttpClient;

    /// The shared core: `base_url` and the request helpers.
    fn deref(&self) -> &HttpClient {
        &self.http
    }
}
