//! Notifications: list, mark read, dismiss, dismiss all.

use super::paging;
use crate::faults::error;
use crate::http::{Params, param};
use crate::shared::Shared;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

/// `GET /v1/backend/notifications?limit&skip`: newest first; `count` = not dismissed,
/// `total` = returned, `unread_count` = not dismissed and unread.
pub async fn list(State(app): State<Shared>, Query(q): Query<Params>) -> Response {
    let (limit, skip) = match paging(&q, 10) {
        Ok(p) => p,
        Err(r) => return *r,
    };
    let slice = app.store.notifications(skip, limit);
    let data: Vec<Value> = slice.page;
    let total = data.len() as u64;
    Json(json!({
        "data": data,
        "count": slice.count,
        "total": total,
        "unread_count": slice.unread,
        "has_more": skip.saturating_add(total) < slice.count,
    }))
    .into_response()
}

/// Reads the body of read/dismiss: a JSON array of notification ids.
fn ids(body: &[u8]) -> Result<Vec<String>, Box<Response>> {
    serde_json::from_slice(body).map_err(|_| {
        Box::new(error(
            StatusCode::BAD_REQUEST,
            "body must be a JSON array of notification ids, e.g. [\"not_…\"]",
        ))
    })
}

/// `PUT /v1/backend/notifications/read` with `["not_…", …]`.
pub async fn read(State(app): State<Shared>, body: Bytes) -> Response {
    match ids(&body) {
        Ok(ids) => {
            app.store.mark_read(&ids);
            Json(json!({})).into_response()
        }
        Err(r) => *r,
    }
}

/// `DELETE /v1/backend/notifications/dismiss` with `["not_…", …]`.
pub async fn dismiss(State(app): State<Shared>, body: Bytes) -> Response {
    match ids(&body) {
        Ok(ids) => {
            app.store.dismiss(&ids);
            Json(json!({})).into_response()
        }
        Err(r) => *r,
    }
}

/// `DELETE /v1/backend/notifications/dismiss/all?type=conversations`. Every demo notification
/// is a conversation notification (type 201), so `conversations` and `all` clear the list.
pub async fn dismiss_all(State(app): State<Shared>, Query(q): Query<Params>) -> Response {
    match param(&q, "type").map(str::trim) {
        None | Some("") => error(StatusCode::BAD_REQUEST, "type is required"),
        Some("conversations" | "all") => {
            app.store.dismiss_all();
            Json(json!({})).into_response()
        }
        Some(other) => error(
            StatusCode::BAD_REQUEST,
            &format!("unsupported type {other:?}; supported: conversations, all"),
        ),
    }
}
