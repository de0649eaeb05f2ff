//! The HTTP surface: router, authentication, fault injection and shared helpers.

mod contacts;
mod conversations;
mod notifications;
mod uploads;

use super::faults::{self, Faults, error};
use super::store::Store;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post, put};
use serde_json::{Value, json};
use std::sync::Arc;
use tokio::sync::watch;

/// Everything the handlers share.
pub(crate) struct App {
    /// Generated data and changes.
    pub store: Store,
    /// `http://127.0.0.1:PORT`, for upload URLs.
    pub base_url: String,
    /// The one accepted token.
    pub token: String,
    /// Fault injection.
    pub faults: Faults,
    /// Becomes `true` when the server shuts down (ends stalled requests).
    pub shutdown: watch::Receiver<bool>,
    /// Every JSON body is poisoned on its way out ([`super::hostile`]).
    pub hostile: bool,
}

/// Shared handler state.
pub(crate) type Shared = Arc<App>;

/// Largest accepted upload (the limit the 413 message names).
pub(crate) const MAX_UPLOAD: usize = 10 * 1024 * 1024;

/// Builds the router with every endpoint of seeds 000 and 002.
pub(crate) fn router(app: Shared) -> Router {
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
        .route(super::smsrcs::PATH, get(super::smsrcs::messages))
        .merge(super::chatwoot::router(&app))
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(app.clone(), auth))
        .layer(middleware::from_fn_with_state(app.clone(), inject_faults))
        .with_state(app)
}

async fn not_found(uri: Uri) -> Response {
    if uri.path().starts_with("/3rd/conversations//") {
        return error(StatusCode::BAD_REQUEST, "conversation_id is required");
    }
    error(StatusCode::NOT_FOUND, "Not Found")
}

/// Rejects every request without the demo token. Uploaded files are public, like the S3 URLs
/// the real upload returns, so a browser can open them.
async fn auth(State(app): State<Shared>, req: Request, next: Next) -> Response {
    let ok =
        req.headers().get("x-access-token").and_then(|v| v.to_str().ok()).is_some_and(|t| t == app.token);
    // The SMS/RCS API (`api-key`, `api-login`) and the Chatwoot routes (`api_access_token`)
    // check their own headers and answer with their own error bodies.
    let path = req.uri().path();
    let own_auth = path.starts_with("/smsrcs/") || super::chatwoot::owns(path);
    if ok || own_auth || path.starts_with("/files/") {
        next.run(req).await
    } else {
        error(StatusCode::UNAUTHORIZED, "Unauthorized")
    }
}

/// Poisons a response when the server is hostile.
async fn maybe_poison(app: &App, r: Response) -> Response {
    if app.hostile { super::hostile::poison_response(r).await } else { r }
}

/// Applies the configured latency and the fault chosen for this request (and, when hostile,
/// poisons the body before a fault damages it).
async fn inject_faults(State(app): State<Shared>, req: Request, next: Next) -> Response {
    if !app.faults.latency.is_zero() {
        tokio::time::sleep(app.faults.latency).await;
    }
    let Some(fault) = app.faults.next() else {
        return maybe_poison(&app, next.run(req).await).await;
    };
    if let Some(r) = faults::immediate(&fault) {
        return maybe_poison(&app, r).await;
    }
    match fault {
        faults::Fault::Latency(d) => {
            tokio::time::sleep(d).await;
            maybe_poison(&app, next.run(req).await).await
        }
        faults::Fault::Stall => {
            let mut rx = app.shutdown.clone();
            // Ends only when the server shuts down (or the client gives up and hyper drops us).
            let _ = rx.wait_for(|stop| *stop).await;
            error(StatusCode::SERVICE_UNAVAILABLE, "Server shutting down")
        }
        other => faults::damage(&other, maybe_poison(&app, next.run(req).await).await).await,
    }
}

/// The query string as (name, value) pairs, repeated names kept.
pub(crate) type Params = Vec<(String, String)>;

/// The first value of a parameter.
pub(crate) fn param<'a>(q: &'a Params, name: &str) -> Option<&'a str> {
    q.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

/// Every non-empty value of a repeated parameter.
pub(crate) fn params<'a>(q: &'a Params, name: &str) -> Vec<&'a str> {
    q.iter().filter(|(k, v)| k == name && !v.trim().is_empty()).map(|(_, v)| v.trim()).collect()
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

/// Runs a CPU-bound scan off the async workers.
pub(crate) async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Response> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|_| error(StatusCode::INTERNAL_SERVER_ERROR, "internal error"))
}
