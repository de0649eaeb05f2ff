//! The demo's one router: every API's routes behind the same layers — the iMBRACE token check
//! (the other APIs check their own headers), then latency, faults and the hostile mode.

use crate::faults::{self, error};
use crate::shared::{App, Shared};
use axum::Router;
use axum::extract::{Request, State};
use axum::http::{StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::Response;

/// Builds the router with every API of the demo.
pub(crate) fn router(
    app: Shared,
    cw: std::sync::Arc<crate::chatwoot::Cw>,
    layout: crate::imbrace::ImbraceLayout,
) -> Router {
    crate::imbrace::routes(layout)
        .route(crate::smsrcs::PATH, axum::routing::get(crate::smsrcs::messages))
        .route(crate::smsrcs::LIST_PATH, axum::routing::get(crate::smsrcs::messages))
        .route(crate::smsrcs::CONVERSATIONS_PATH, axum::routing::get(crate::smsrcs::conversations_list))
        .route(crate::smsrcs::SMS_SEND_PATH, axum::routing::post(crate::smsrcs::send::sms))
        .route(crate::smsrcs::MULTICHANNEL_SEND_PATH, axum::routing::post(crate::smsrcs::send::multichannel))
        .merge(crate::chatwoot::router(cw))
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
    let own_auth = path.starts_with("/smsrcs/") || crate::chatwoot::owns(path);
    if ok || own_auth || path.starts_with("/files/") {
        next.run(req).await
    } else {
        error(StatusCode::UNAUTHORIZED, "Unauthorized")
    }
}

/// Poisons a response when the server is hostile.
async fn maybe_poison(app: &App, r: Response) -> Response {
    // A WebSocket upgrade has no body; the socket poisons its events itself.
    if app.hostile && r.status() != StatusCode::SWITCHING_PROTOCOLS {
        crate::hostile::poison_response(r).await
    } else {
        r
    }
}

/// Applies the configured latency and the fault chosen for this request (and, when hostile,
/// poisons the body before a fault damages it).
async fn inject_faults(State(app): State<Shared>, mut req: Request, next: Next) -> Response {
    app.faults.record(req.method().as_str(), req.uri().path());
    if !app.faults.latency.is_zero() {
        tokio::time::sleep(app.faults.latency).await;
    }
    let Some(fault) = app.faults.next(req.method().as_str(), req.uri().path()) else {
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
        faults::Fault::ApplyThenStall => {
            // The handler runs in a task of its own, so it completes even when the client
            // gives up and hyper drops this future; the answer is never sent.
            let applied = tokio::spawn(next.run(req));
            let _ = applied.await;
            let mut rx = app.shutdown.clone();
            let _ = rx.wait_for(|stop| *stop).await;
            error(StatusCode::SERVICE_UNAVAILABLE, "Server shutting down")
        }
        faults::Fault::Flood(rows) => {
            if let Some(uri) = faults::flooded(req.uri(), rows) {
                *req.uri_mut() = uri;
            }
            maybe_poison(&app, next.run(req).await).await
        }
        faults::Fault::Huge(mib) => faults::huge(mib),
        faults::Fault::Stall => {
            let mut rx = app.shutdown.clone();
            // Ends only when the server shuts down (or the client gives up and hyper drops us).
            let _ = rx.wait_for(|stop| *stop).await;
            error(StatusCode::SERVICE_UNAVAILABLE, "Server shutting down")
        }
        other => faults::damage(&other, maybe_poison(&app, next.run(req).await).await).await,
    }
}
