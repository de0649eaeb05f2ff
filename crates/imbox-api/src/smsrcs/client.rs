//! The SMS/RCS (Octopush) client: the shared HTTP core with the key in `api-key` and the login
//! in `api-login`, and the calls it makes.
//!
//! The messages call is `GET {base_url}/conversations/messages/list` on the real service; seed
//! 001 documents it without `/list`. The client asks `/list` first and, when that path does not
//! exist (404 or 405) and the seed's does, uses the seed's from then on (remembered for the
//! client's lifetime, shared by its clones). A provider mounted under a prefix is reached by
//! putting the prefix into the base URL (the demo serves it at `<demo>/smsrcs`).

use super::inbox::{ConversationList, ConversationRecord};
use super::lookup::Lookup;
use super::send::{self, MultichannelBody, Recipient, SendReply, SmsBody};
use super::wire::{MessageList, Record};
use crate::error::ApiError;
use crate::http::{ClientConfig, HttpClient, Query, RetryObserver, decode};
use crate::secret::Secret;
use std::collections::HashMap;
use std::ops::Deref;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, Mutex};

/// The path of the messages endpoint under the base URL (the real service's).
pub const MESSAGES_PATH: &str = "/conversations/messages/list";
/// The messages path as seed 001 documents it, used when [`MESSAGES_PATH`] does not exist.
pub const SEED_MESSAGES_PATH: &str = "/conversations/messages";
/// The conversations list (the SMS/RCS inbox).
pub const CONVERSATIONS_PATH: &str = "/conversations/list";
/// Sending an SMS.
pub const SMS_SEND_PATH: &str = "/sms-campaign/send";
/// Sending on another channel (RCS, live chat): the "Multichannel message" page
/// (`post_public_apimulti_channelsend`). The stored copies of that page do not show its URL
/// line; the path follows the service's other send paths (see docs/api-coverage.md).
pub const MULTICHANNEL_SEND_PATH: &str = "/multi-channel/send";
/// The route templates named in errors and retry notices.
const ENDPOINT: &str = "GET /conversations/messages/list";
const SEED_ENDPOINT: &str = "GET /conversations/messages";
const CONVERSATIONS: &str = "GET /conversations/list";
const SMS_SEND: &str = "POST /sms-campaign/send";
const MULTICHANNEL_SEND: &str = "POST /multi-channel/send";
/// Conversations asked for per inbox page (the app's inbox pages hold 25).
pub const INBOX_PER_PAGE: u32 = 25;

/// Which messages path the server has: not known yet, the real one, the seed's.
const PATH_UNKNOWN: u8 = 0;
const PATH_LIST: u8 = 1;
const PATH_SEED: u8 = 2;
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
    /// Every send asks the service to validate only and send nothing (`simulation_mode`).
    pub simulation_mode: bool,
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
    /// Which messages path answers ([`PATH_LIST`] / [`PATH_SEED`]), once known.
    path: Arc<AtomicU8>,
    simulation_mode: bool,
}

impl SmsrcsClient {
    /// Builds a client; fails with [`ApiError::Invalid`] when the base URL is not an http(s) URL
    /// or the key or login cannot be sent in a header.
    pub fn new(config: SmsrcsConfig) -> Result<Self, ApiError> {
        Ok(Self::from_client_config(config.client_config())?.with_simulation_mode(config.simulation_mode))
    }

    /// The same client with every send in simulation mode (or not).
    pub fn with_simulation_mode(self, on: bool) -> Self {
        SmsrcsClient { simulation_mode: on, ..self }
    }

    /// Whether sends are simulated.
    pub fn simulation_mode(&self) -> bool {
        self.simulation_mode
    }

    /// Builds a client from a shared-core configuration whose `token` is the API key and whose
    /// `extra_headers` carry `api-login` (the header names are forced to the seed's).
    pub fn from_client_config(mut config: ClientConfig) -> Result<Self, ApiError> {
        config.token_header = "api-key".into();
        if !config.extra_headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("api-login")) {
            return Err(ApiError::Invalid("an SMS/RCS account needs an api-login".into()));
        }
        Ok(SmsrcsClient {
            http: HttpClient::new(config)?,
            cache: Cache::default(),
            path: Arc::new(AtomicU8::new(PATH_UNKNOWN)),
            simulation_mode: false,
        })
    }

    /// Reports every upcoming retry to `observer`.
    pub fn with_retry_observer(self, observer: RetryObserver) -> Self {
        SmsrcsClient { http: self.http.with_retry_observer(observer), ..self }
    }

    /// A client for the same server, login and settings with another API key (nothing cached
    /// under the old key is reused).
    pub fn with_token(&self, api_key: Secret) -> Result<Self, ApiError> {
        Ok(SmsrcsClient {
            http: self.http.with_token(api_key)?,
            cache: Cache::default(),
            path: self.path.clone(),
            simulation_mode: self.simulation_mode,
        })
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
        let (endpoint, body) = self.get_messages(query).await?;
        let list: MessageList = decode(endpoint, &body)?;
        Ok(list.items.into_iter().map(Record::from).collect())
    }

    /// The messages path in use: `Some(true)` the seed's, `Some(false)` the real one, `None`
    /// not known yet.
    pub fn uses_seed_path(&self) -> Option<bool> {
        match self.path.load(Ordering::Relaxed) {
            PATH_LIST => Some(false),
            PATH_SEED => Some(true),
            _ => None,
        }
    }

    /// One GET of the messages call on the path the server has (see the module docs).
    async fn get_messages(&self, query: Query) -> Result<(&'static str, Vec<u8>), ApiError> {
        if self.path.load(Ordering::Relaxed) == PATH_SEED {
            return Ok((SEED_ENDPOINT, self.http.get(SEED_ENDPOINT, SEED_MESSAGES_PATH, query).await?));
        }
        let missing =
            |e: &ApiError| matches!(e, ApiError::NotFound { .. } | ApiError::BadRequest { status: 405, .. });
        match self.http.get(ENDPOINT, MESSAGES_PATH, query.clone()).await {
            Ok(body) => {
                self.path.store(PATH_LIST, Ordering::Relaxed);
                Ok((ENDPOINT, body))
            }
            Err(e) if missing(&e) && self.path.load(Ordering::Relaxed) == PATH_UNKNOWN => {
                match self.http.get(SEED_ENDPOINT, SEED_MESSAGES_PATH, query).await {
                    Ok(body) => {
                        tracing::info!("the SMS/RCS server has the seed's messages path; using it");
                        self.path.store(PATH_SEED, Ordering::Relaxed);
                        Ok((SEED_ENDPOINT, body))
                    }
                    // Neither path: the real one's answer is the one worth showing.
                    Err(_) => Err(e),
                }
            }
            Err(e) => Err(e),
        }
    }

    /// One page of the conversations list (`page` counts from 1), in server order.
    pub async fn conversations_page(
        &self,
        page: u32,
        per_page: u32,
    ) -> Result<Vec<ConversationRecord>, ApiError> {
        let query: Query = vec![("page", page.to_string()), ("per_page", per_page.to_string())];
        let body = self.http.get(CONVERSATIONS, CONVERSATIONS_PATH, query).await?;
        let list: ConversationList = decode(CONVERSATIONS, &body)?;
        Ok(list.items.into_iter().map(ConversationRecord::from).collect())
    }

    /// Sends `text` to `phone` on `channel` with the idempotency key `request_id`: an SMS
    /// through [`SMS_SEND_PATH`], anything else through [`MULTICHANNEL_SEND_PATH`] (live chat
    /// also names the conversation). Sent exactly once, never retried; a refusal of an already
    /// used `request_id` is a success (`Ok(None)`: the first attempt went through).
    pub async fn send_text(
        &self,
        channel: &str,
        phone: &str,
        conversation_id: Option<&str>,
        text: &str,
        request_id: &str,
    ) -> Result<Option<SendReply>, ApiError> {
        send::check_text(text)?;
        let result = if channel == "sms" {
            let body = SmsBody {
                recipients: vec![Recipient { phone_number: Some(phone.to_string()), conversation_id: None }],
                text,
                sms_type: send::SMS_TYPE,
                purpose: send::PURPOSE,
                with_replies: true,
                request_id,
                simulation_mode: self.simulation_mode,
            };
            self.post_once(SMS_SEND, SMS_SEND_PATH, &body).await
        } else {
            let conversation_id =
                if channel == "live_chat" { conversation_id.map(str::to_string) } else { None };
            let body = MultichannelBody {
                channel,
                text,
                recipients: vec![Recipient { phone_number: Some(phone.to_string()), conversation_id }],
                purpose: send::PURPOSE,
                request_id,
                simulation_mode: self.simulation_mode,
            };
            self.post_once(MULTICHANNEL_SEND, MULTICHANNEL_SEND_PATH, &body).await
        };
        match result {
            Ok(body) => Ok(Some(SendReply::parse(&body))),
            Err(e) if send::is_duplicate(&e) => {
                tracing::info!("the SMS/RCS server already had this request_id: the message was sent");
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }

    /// A JSON POST sent exactly once (a send must never be repeated by a retry).
    async fn post_once(
        &self,
        endpoint: &'static str,
        path: &str,
        body: &impl serde::Serialize,
    ) -> Result<Vec<u8>, ApiError> {
        self.http.post_json_once(endpoint, path, body).await
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
