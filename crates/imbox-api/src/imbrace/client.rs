//! The iMBRACE client: the shared HTTP core with the token in `x-access-token`, the organization
//! id in `x-organization-id` when known, and the gateway layout (chosen, or found once).
//!
//! The endpoint methods live in [`super::endpoints`]; the layouts in [`super::layout`].

use super::layout::{Layout, LayoutChoice, Routes};
use super::unwrap::{Shape, decode_data};
use super::wire::ContactList;
use crate::error::ApiError;
use crate::http::{ClientConfig, HttpClient, RetryObserver};
use crate::retry::RetryPolicy;
use crate::secret::Secret;
use std::ops::Deref;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use tokio::sync::{Mutex, OnceCell};

/// The header the SDK sends the organization id in.
pub const ORGANIZATION_HEADER: &str = "x-organization-id";

/// How a profile reaches its gateway beyond the base URL and token.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GatewayOptions {
    /// Which paths to call (default `auto`: ask the gateway once).
    pub layout: LayoutChoice,
    /// Sent as `x-organization-id` with every request when set (as the SDK does).
    pub organization_id: Option<String>,
}

/// A client for one iMBRACE gateway and token. Cheap to clone: clones share one connection pool
/// and the layout found by the probe.
#[derive(Clone, Debug)]
pub struct ImbraceClient {
    http: HttpClient,
    choice: LayoutChoice,
    /// What `auto` found; set once per session, shared by clones and by re-logins.
    found: Arc<OnceCell<Layout>>,
    /// Held while a probe runs; keeps the last failed probe's number and error, shared like
    /// `found`.
    probing: Arc<Mutex<Option<(u64, ApiError)>>>,
    /// How many probes have failed (read without the lock, before waiting for it).
    failures: Arc<AtomicU64>,
}

impl ImbraceClient {
    /// A client on the seeds' layout (`/v1/backend/...`) without an organization id; fails with
    /// [`ApiError::Invalid`] when the base URL is not an http(s) URL or the token cannot be sent
    /// in a header. A profile's client is built with [`ImbraceClient::with_gateway`].
    pub fn new(config: ClientConfig) -> Result<Self, ApiError> {
        let options = GatewayOptions { layout: LayoutChoice::Fixed(Layout::Seed), organization_id: None };
        ImbraceClient::with_gateway(config, options)
    }

    /// A client with a layout choice and an organization id. The token always goes in
    /// `x-access-token`; the organization id, when set and not blank, in `x-organization-id`
    /// (sent, never printed: the client's Debug output does not show headers).
    pub fn with_gateway(mut config: ClientConfig, options: GatewayOptions) -> Result<Self, ApiError> {
        config.token_header = "x-access-token".into();
        config.extra_headers.retain(|(name, _)| !name.eq_ignore_ascii_case(ORGANIZATION_HEADER));
        if let Some(org) = options.organization_id.as_deref().map(str::trim).filter(|o| !o.is_empty()) {
            config.extra_headers.push((ORGANIZATION_HEADER.into(), org.to_string()));
        }
        Ok(ImbraceClient {
            http: HttpClient::new(config)?,
            choice: options.layout,
            found: Arc::new(OnceCell::new()),
            probing: Arc::default(),
            failures: Arc::default(),
        })
    }

    /// Reports every upcoming retry to `observer` (e.g. to show a countdown in the status bar).
    pub fn with_retry_observer(self, observer: RetryObserver) -> Self {
        ImbraceClient { http: self.http.with_retry_observer(observer), ..self }
    }

    /// A client for the same server and settings with another token (the in-app re-login). The
    /// layout found so far is kept: it belongs to the gateway, not to the token.
    pub fn with_token(&self, token: Secret) -> Result<Self, ApiError> {
        Ok(ImbraceClient { http: self.http.with_token(token)?, ..self.clone() })
    }

    /// The retry policy in use.
    pub fn retry_policy(&self) -> RetryPolicy {
        self.http.retry_policy()
    }

    /// What the profile asked for.
    pub fn layout_choice(&self) -> LayoutChoice {
        self.choice
    }

    /// The layout in use: the fixed one, or what `auto` found; `None` while `auto` has not
    /// had an answer yet.
    pub fn layout(&self) -> Option<Layout> {
        match self.choice {
            LayoutChoice::Fixed(l) => Some(l),
            LayoutChoice::Auto => self.found.get().copied(),
        }
    }

    /// The layout in use, asking the gateway first if `auto` has no answer yet. The answer is
    /// kept for the session (and for clones): the gateway is asked once, not per request.
    /// Concurrent first requests wait for the one probe. A probe that gets no answer (offline,
    /// token rejected, server error) decides nothing: its error is returned to every request
    /// that was waiting for it (so offline, a burst of requests fails together instead of
    /// probing one after another), and the next request asks again.
    pub async fn resolve_layout(&self) -> Result<Layout, ApiError> {
        if let LayoutChoice::Fixed(l) = self.choice {
            return Ok(l);
        }
        if let Some(l) = self.found.get() {
            return Ok(*l);
        }
        let failed_before = self.failures.load(Ordering::Acquire);
        let mut last_failure = self.probing.lock().await;
        if let Some(l) = self.found.get() {
            return Ok(*l);
        }
        if let Some((n, e)) = last_failure.as_ref()
            && *n > failed_before
        {
            // The probe this request waited for failed: its answer is this request's too.
            return Err(e.clone());
        }
        match self.probe().await {
            Ok(l) => {
                // Only this task sets it, under the lock; a lost race cannot happen.
                let _ = self.found.set(l);
                Ok(l)
            }
            Err(e) => {
                let n = self.failures.fetch_add(1, Ordering::AcqRel) + 1;
                *last_failure = Some((n, e.clone()));
                Err(e)
            }
        }
    }

    /// A read-only view of the layout in use, for display (see [`LayoutView`]).
    pub fn layout_view(&self) -> LayoutView {
        LayoutView { choice: self.choice, found: self.found.clone() }
    }

    /// The routes of the layout in use (see [`ImbraceClient::resolve_layout`]).
    pub(crate) async fn routes(&self) -> Result<&'static Routes, ApiError> {
        Ok(self.resolve_layout().await?.routes())
    }

    /// Asks each layout, channel-service first ([`Layout::PROBE_ORDER`]), for one contact — a
    /// cheap GET both layouts have. A reply that reads as a contact list decides. A 404 or 405
    /// (no such route), a 401/403 (a gateway may guard unknown paths before routing: the other
    /// layout may still answer) or a reply that is not a contact list goes on to the next
    /// layout. Anything else (offline, timeout, 5xx after retries, 429) stops: the other path
    /// would not fare better, and the error is the one worth showing.
    async fn probe(&self) -> Result<Layout, ApiError> {
        let mut first_error: Option<ApiError> = None;
        for layout in Layout::PROBE_ORDER {
            let routes = layout.routes();
            let path = format!("{}/contacts", routes.prefix);
            let query = vec![("limit", "1".to_string()), ("skip", "0".to_string())];
            let answer = match self.http.get(routes.contacts, &path, query).await {
                Ok(body) => decode_data::<ContactList>(routes.contacts, &body, Shape::Envelope).map(drop),
                Err(e) => Err(e),
            };
            match answer {
                Ok(()) => {
                    tracing::info!(layout = layout.name(), "iMBRACE gateway layout found");
                    return Ok(layout);
                }
                Err(e) if goes_on(&e) => {
                    tracing::debug!(layout = layout.name(), error = %e, "not this iMBRACE gateway layout");
                    // A rejected token is what the user must hear about, before any 404.
                    let keep = match &first_error {
                        None => true,
                        Some(ApiError::NotFound { .. }) => !matches!(e, ApiError::NotFound { .. }),
                        Some(_) => false,
                    };
                    if keep {
                        first_error = Some(e);
                    }
                }
                Err(e) => return Err(e),
            }
        }
        Err(match first_error {
            Some(ApiError::NotFound { .. }) | None => ApiError::NotFound {
                endpoint: Layout::ChannelService.routes().contacts,
                message: "neither iMBRACE gateway layout answers at this base URL (tried \
                          /channel-service/v1/contacts and /v1/backend/contacts)"
                    .into(),
            },
            Some(other) => other,
        })
    }
}

/// What the client's layout is, for the header and the log: cheap to clone, never blocks, never
/// asks the gateway. It shows the probe's answer as soon as the client has it.
#[derive(Clone, Debug)]
pub struct LayoutView {
    choice: LayoutChoice,
    found: Arc<OnceCell<Layout>>,
}

impl LayoutView {
    /// The layout in use, or `None` while `auto` has had no answer yet.
    pub fn layout(&self) -> Option<Layout> {
        match self.choice {
            LayoutChoice::Fixed(l) => Some(l),
            LayoutChoice::Auto => self.found.get().copied(),
        }
    }

    /// What the profile asked for.
    pub fn choice(&self) -> LayoutChoice {
        self.choice
    }

    /// In words: `channel-service`, `seed`, `channel-service (auto)`, or `auto: not asked yet`.
    pub fn describe(&self) -> String {
        match (self.choice, self.layout()) {
            (LayoutChoice::Fixed(l), _) => l.name().to_string(),
            (LayoutChoice::Auto, Some(l)) => format!("{} (auto)", l.name()),
            (LayoutChoice::Auto, None) => "auto: not asked yet".to_string(),
        }
    }
}

/// Whether a probe answer leaves the other layout worth asking.
fn goes_on(e: &ApiError) -> bool {
    matches!(
        e,
        ApiError::NotFound { .. }
            | ApiError::BadRequest { status: 405, .. }
            | ApiError::Unauthorized { .. }
            | ApiError::Decode { .. }
    )
}

impl Deref for ImbraceClient {
    type Target = HttpClient;

    /// The shared core: `base_url`, and the request helpers the endpoint methods use.
    fn deref(&self) -> &HttpClient {
        &self.http
    }
}
