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

/// Every endpoint of seeds 000 and 002, for the demo router (which adds the token check).
pub(crate) fn routes() -> Router<Shared> {
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
    r.route("/3rd/conversations/links", get(conversations::links))
        .route("/3rd/conversations/{id}/messages", get(conversations::messages))
        // The seed's curl examples for these three GETs pass `--data ''`, which makes curl send a
        // POST with an empty body; answering POST like GET keeps those examples working.
        .route("/v1/backend/contacts", get(contacts::list).post(contacts::list))
        .route("/v1/backend/contacts/_search", get(contacts::search).post(contacts::search))
        .route(
            "/v1/backend/contacts/_fileupload",
            post(uploads::upload).layer(DefaultBodyLimit::max(MAX_UPLOAD + 64 * 1024)),
        )
        .route("/v1/backend/contacts/{id}", put(contacts::update))
        .route("/v1/backend/contacts/{id}/conversations", get(conversations::of_contact))
        .route("/v1/backend/contacts/{id}/comment/{comment_id}", get(contacts::comments))
        .route("/v1/backend/contact/{id}/files", get(contacts::files).post(contacts::files))
        .route("/files/{name}", get(uploads::download))
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
