//! The iMBRACE demo API (seeds 000 and 002): contacts, conversations and messages,
//! notifications, uploads, and the list envelope and paging they share.

mod contacts;
mod conversations;
pub(crate) mod live;
mod notifications;
mod uploads;

use crate::faults::error;
use crate::http::{Params, param};
use crate::shared::Shared;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post, put};
use serde_json::{Value, json};

/// Largest accepted upload (the limit the 413 message names).
pub(crate) const MAX_UPLOAD: usize = 10 * 1024 * 1024;

/// Which of iMBRACE's two gateway layouts the demo serves (`imbox demo-server --imbrace-layout`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ImbraceLayout {
    /// Only the seeds' `/v1/backend/...` paths (an old gateway).
    Seed,
    /// Only the SDK's `/channel-service/v1/...` paths (today's gateway, per the SDK); most of its
    /// replies come wrapped in `{"data": …}`.
    ChannelService,
    /// Both (the default): a client that probes finds whichever it asks for first.
    #[default]
    Both,
}

impl ImbraceLayout {
    /// The name `--imbrace-layout` takes (`seed`, `channel-service`, `both`).
    pub fn name(self) -> &'static str {
        match self {
            ImbraceLayout::Seed => "seed",
            ImbraceLayout::ChannelService => "channel-service",
            ImbraceLayout::Both => "both",
        }
    }

    fn seed(self) -> bool {
        self != ImbraceLayout::ChannelService
    }

    fn channel_service(self) -> bool {
        self != ImbraceLayout::Seed
    }
}

impl std::str::FromStr for ImbraceLayout {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "seed" => Ok(ImbraceLayout::Seed),
            "channel-service" => Ok(ImbraceLayout::ChannelService),
            "both" => Ok(ImbraceLayout::Both),
            _ => Err("expected seed, channel-service or both".into()),
        }
    }
}

/// The path prefix of the SDK's layout.
pub(crate) const CHANNEL_SERVICE: &str = "/channel-service/v1";

/// Every iMBRACE endpoint of the layouts asked for, for the demo router (which adds the token
/// check). The `/3rd/conversations/...` routes and the uploaded files are the same in both.
pub(crate) fn routes(layout: ImbraceLayout) -> Router<Shared> {
    let mut r = Router::new()
        .route("/3rd/conversations/links", get(conversations::links))
        .route("/3rd/conversations/{id}/messages", get(conversations::messages))
        .route("/files/{name}", get(uploads::download));
    if layout.seed() {
        r = r.merge(seed_routes());
    }
    if layout.channel_service() {
        r = r.merge(channel_service_routes());
    }
    r
}

/// Seeds 000 and 002.
fn seed_routes() -> Router<Shared> {
    let mut r = Router::new();
    // The endpoint lines say /v1/backend/notifications; some curl examples say
    // /v1/notifications. The endpoint lines are the contract, the aliases keep the examples
    // working.
    for base in ["/v1/backend/notifications", "/v1/notifications"] {
        r = r
            .route(base, get(notifications::list))
            .route(&format!("{base}/read"), put(notifications::read))
            .route(&format!("{base}/dismiss"), delete(notifications::dismiss))
            .route(&format!("{base}/dismiss/all"), delete(notifications::dismiss_all));
    }
    // The seed's curl examples for these three GETs pass `--data ''`, which makes curl send a
    // POST with an empty body; answering POST like GET keeps those examples working.
    r.route("/v1/backend/contacts", get(contacts::list).post(contacts::list))
        .route("/v1/backend/contacts/_search", get(contacts::search).post(contacts::search))
        .route(
            "/v1/backend/contacts/_fileupload",
            post(uploads::upload).layer(DefaultBodyLimit::max(MAX_UPLOAD + 64 * 1024)),
        )
        .route("/v1/backend/contacts/{id}", put(contacts::update))
        .route("/v1/backend/contacts/{id}/conversations", get(conversations::of_contact))
        .route("/v1/backend/contacts/{id}/comment/{comment_id}", get(contacts::comments))
        .route("/v1/backend/contact/{id}/files", get(contacts::files).post(contacts::files))
}

/// The SDK's layout: the seeds' resources under `/channel-service/v1`, plus one contact by id and
/// a contact's comments without a comment id. The SDK says replies *may* come wrapped in
/// `{"data": …}`: here the contact list and search, one contact, a saved contact, the
/// notifications, the files and the upload reply are; the conversations, the comments and the
/// writes without a body are not, so a client meets both forms on one gateway.
fn channel_service_routes() -> Router<Shared> {
    let p = CHANNEL_SERVICE;
    let wrapped = Router::new()
        .route(&format!("{p}/contacts"), get(contacts::list))
        .route(&format!("{p}/contacts/_search"), get(contacts::search))
        .route(
            &format!("{p}/contacts/_fileupload"),
            post(uploads::upload).layer(DefaultBodyLimit::max(MAX_UPLOAD + 64 * 1024)),
        )
        .route(&format!("{p}/contacts/{{id}}"), get(contacts::one).put(contacts::update))
        .route(&format!("{p}/contact/{{id}}/files"), get(contacts::files))
        .route(&format!("{p}/notifications"), get(notifications::list))
        .layer(axum::middleware::map_response(wrap_data));
    Router::new()
        .route(&format!("{p}/notifications/read"), put(notifications::read))
        .route(&format!("{p}/notifications/dismiss"), delete(notifications::dismiss))
        .route(&format!("{p}/notifications/dismiss/all"), delete(notifications::dismiss_all))
        .route(&format!("{p}/contacts/{{id}}/conversations"), get(conversations::of_contact))
        .route(&format!("{p}/contacts/{{id}}/comments"), get(contacts::comment_list))
        .merge(wrapped)
}

/// Largest reply body the wrapper reads (a page of contacts is far smaller).
const MAX_WRAPPED: usize = 64 * 1024 * 1024;

/// Wraps a successful JSON reply in `{"data": …}`; errors and other bodies pass unchanged.
async fn wrap_data(r: Response) -> Response {
    let json = r
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !r.status().is_success() || !json {
        return r;
    }
    let (parts, body) = r.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_WRAPPED).await else {
        return error(StatusCode::INTERNAL_SERVER_ERROR, "reply too large to wrap");
    };
    let Ok(value) = serde_json::from_slice::<Value>(&bytes) else {
        return Response::from_parts(parts, axum::body::Body::from(bytes));
    };
    let mut out = axum::Json(json!({ "data": value })).into_response();
    *out.status_mut() = parts.status;
    out
}

/// `limit` (default `default_limit`) and `skip` (default 0), or a 400 response.
pub(crate) fn paging(q: &Params, default_limit: u64) -> Result<(u64, u64), Box<Response>> {
    let num = |name: &str, default: u64| match param(q, name).map(str::trim) {
        None | Some("") => Ok(default),
        Some(v) => v.parse::<u64>().map_err(|_| {
            Box::new(error(
                StatusCode::BAD_REQUEST,
                &format!("{name} must be a non-negative integer, got {v:?}"),
            ))
        }),
    };
    Ok((num("limit", default_limit)?, num("skip", 0)?))
}

/// The seeds' list envelope: `count` = all matches, `total` = returned.
pub(crate) fn envelope(data: Vec<Value>, count: u64, skip: u64) -> Response {
    let total = data.len() as u64;
    axum::Json(json!({
        "object_name": "list",
        "data": data,
        "nested": {},
        "has_more": skip.saturating_add(total) < count,
        "count": count,
        "total": total,
    }))
    .into_response()
}
