//! `GET /cable`: ActionCable over a WebSocket, as a Chatwoot server speaks it to an agent.
//!
//! The upgrade is refused (403) unless `Origin` is the server's base URL (Rails refuses
//! cross-origin sockets), or (503) while a test refuses sockets. An open socket gets
//! `{"type":"welcome"}`, a ping every [`PING_EVERY`], and after a `RoomChannel` subscription with
//! the profile's `pubsub_token` and user id, every event of the bus (`events.rs`) wrapped with
//! its identifier. A socket that falls too far behind is closed; `cut_sockets` drops every
//! socket without a close frame, as a dying proxy would.

use super::catalog::{AGENTS, ME};
use super::{Cw, PUBSUB_TOKEN};
use axum::Extension;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicUsize, Ordering};
use std::time::Duration;
use tokio::sync::{broadcast, watch};

/// The path of the socket.
pub const PATH: &str = "/cable";
/// How often the server pings (ActionCable's beat).
pub const PING_EVERY: Duration = Duration::from_secs(3);
/// A socket that cannot take a frame for this long is given up (the client stopped reading).
const SEND_TIMEOUT: Duration = Duration::from_secs(10);

/// What tests can do to the sockets.
pub struct Controls {
    /// Upgrades answer 503.
    pub refuse: AtomicBool,
    /// No pings are sent.
    pub pings_paused: AtomicBool,
    /// Bumped to drop every open socket.
    pub cut: watch::Sender<u64>,
    /// Unix seconds of the last `update_presence` (0: never).
    pub presence: AtomicI64,
    /// Sockets open now.
    pub open: AtomicUsize,
}

impl Default for Controls {
    fn default() -> Self {
        Controls {
            refuse: AtomicBool::new(false),
            pings_paused: AtomicBool::new(false),
            cut: watch::channel(0).0,
            presence: AtomicI64::new(0),
            open: AtomicUsize::new(0),
        }
    }
}

/// `GET /cable`: checks the origin, then upgrades.
pub async fn upgrade(
    Extension(cw): Extension<Arc<Cw>>,
    headers: HeaderMap,
    ws: WebSocketUpgrade,
) -> Response {
    if cw.cable.refuse.load(Ordering::Relaxed) {
        return (StatusCode::SERVICE_UNAVAILABLE, "Service Unavailable").into_response();
    }
    let origin = headers.get("origin").and_then(|v| v.to_str().ok());
    if origin.map(|o| o.trim_end_matches('/')) != Some(cw.app.base_url.as_str()) {
        // Rails answers a refused cross-origin socket with a bare 404 page; 403 says why.
        return (StatusCode::FORBIDDEN, "Request origin not allowed").into_response();
    }
    ws.on_upgrade(move |socket| serve(socket, cw))
}

/// What one socket has subscribed to: identifier strings, in order.
type Subs = Vec<String>;

/// Counts a socket as open while it lives.
struct Open<'a>(&'a AtomicUsize);

impl<'a> Open<'a> {
    fn new(n: &'a AtomicUsize) -> Self {
        n.fetch_add(1, Ordering::Relaxed);
        Open(n)
    }
}

impl Drop for Open<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

/// Serves one socket until the client leaves, the socket is cut, it lags or the server stops.
async fn serve(socket: WebSocket, cw: Arc<Cw>) {
    let (mut tx, mut rx) = socket.split();
    // Declared after the socket's halves, so it is dropped first: the count is down before the
    // client can see the socket end.
    let _open = Open::new(&cw.cable.open);
    let mut cut = cw.cable.cut.subscribe();
    let mut stop = cw.app.shutdown.clone();
    let mut subs: Subs = Vec::new();
    let mut events: Option<broadcast::Receiver<Arc<str>>> = None;
    let mut ping = tokio::time::interval_at(tokio::time::Instant::now() + PING_EVERY, PING_EVERY);
    // A socket that was blocked sending gets one ping afterwards, not a burst.
    ping.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    if send(&mut tx, json!({"type": "welcome"}).to_string()).await.is_err() {
        return;
    }
    loop {
        let out: Vec<String> = tokio::select! {
            _ = cut.changed() => return,
            // The demo server only ever changes it to "stopped" (or drops it, stopping too).
            _ = stop.changed() => return,
            _ = ping.tick() => {
                if cw.cable.pings_paused.load(Ordering::Relaxed) {
                    continue;
                }
                vec![json!({"type": "ping", "message": jiff::Timestamp::now().as_second()}).to_string()]
            }
            frame = rx.next() => match frame {
                Some(Ok(Message::Text(t))) => command(&cw, &mut subs, &mut events, t.as_str()),
                Some(Ok(Message::Close(_))) | None | Some(Err(_)) => return,
                Some(Ok(_)) => continue,
            },
            ev = next_event(&mut events) => match ev {
                Ok(raw) => subs.iter().map(|id| wrap(id, &raw)).collect(),
                // Too far behind (or the server is gone): close, the client reconnects and
                // fetches what it missed.
                Err(_) => {
                    let _ = tx.send(Message::Close(None)).await;
                    return;
                }
            },
        };
        for text in out {
            if send(&mut tx, text).await.is_err() {
                return;
            }
        }
    }
}

type Sink = futures_util::stream::SplitSink<WebSocket, Message>;

async fn send(tx: &mut Sink, text: String) -> Result<(), ()> {
    match tokio::time::timeout(SEND_TIMEOUT, tx.send(Message::Text(text.into()))).await {
        Ok(Ok(())) => Ok(()),
        _ => Err(()),
    }
}

/// The next event, or never while nothing is subscribed.
async fn next_event(
    events: &mut Option<broadcast::Receiver<Arc<str>>>,
) -> Result<Arc<str>, broadcast::error::RecvError> {
    match events {
        Some(rx) => rx.recv().await,
        None => std::future::pending().await,
    }
}

/// One event for one subscription: `{"identifier": …, "message": {"event", "data"}}`.
fn wrap(identifier: &str, raw: &str) -> String {
    format!("{{\"identifier\":{},\"message\":{raw}}}", Value::String(identifier.to_string()))
}

/// Handles a client command; answers the frames to send back.
fn command(
    cw: &Cw,
    subs: &mut Subs,
    events: &mut Option<broadcast::Receiver<Arc<str>>>,
    text: &str,
) -> Vec<String> {
    let Ok(cmd) = serde_json::from_str::<Value>(text) else { return Vec::new() };
    let Some(identifier) = cmd["identifier"].as_str() else { return Vec::new() };
    match cmd["command"].as_str() {
        Some("subscribe") => {
            if subs.iter().any(|s| s == identifier) {
                // ActionCable logs "already subscribed" and answers nothing.
                return Vec::new();
            }
            let kind = if accepts(identifier) {
                subs.push(identifier.to_string());
                events.get_or_insert_with(|| cw.bus.subscribe());
                cw.bus.listening.notify_one();
                "confirm_subscription"
            } else {
                "reject_subscription"
            };
            vec![json!({"type": kind, "identifier": identifier}).to_string()]
        }
        Some("unsubscribe") => {
            subs.retain(|s| s != identifier);
            if subs.is_empty() {
                *events = None;
            }
            Vec::new()
        }
        Some("message") if subs.iter().any(|s| s == identifier) => {
            let data: Value =
                cmd["data"].as_str().and_then(|d| serde_json::from_str(d).ok()).unwrap_or_default();
            if data["action"] == "update_presence" {
                cw.cable.presence.store(jiff::Timestamp::now().as_second(), Ordering::Relaxed);
            }
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// Whether a subscription identifier is the profile's `RoomChannel` (user id as a number or
/// a string of digits, as JavaScript clients send either).
fn accepts(identifier: &str) -> bool {
    let Ok(id) = serde_json::from_str::<Value>(identifier) else { return false };
    let user = match &id["user_id"] {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    };
    id["channel"] == "RoomChannel" && id["pubsub_token"] == PUBSUB_TOKEN && user == Some(AGENTS[ME].id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_profiles_room_is_accepted() {
        let room = |token: &str, user: Value| {
            json!({"channel": "RoomChannel", "pubsub_token": token, "account_id": 1, "user_id": user})
                .to_string()
        };
        assert!(accepts(&room(PUBSUB_TOKEN, json!(7))));
        assert!(accepts(&room(PUBSUB_TOKEN, json!("7"))));
        assert!(!accepts(&room("wrong", json!(7))));
        assert!(!accepts(&room(PUBSUB_TOKEN, json!(8))));
        assert!(!accepts(&room(PUBSUB_TOKEN, Value::Null)));
        assert!(!accepts("not json"));
    }

    #[test]
    fn an_event_is_wrapped_with_its_identifier_as_a_string() {
        let framed = wrap("{\"channel\":\"RoomChannel\"}", "{\"event\":\"x\",\"data\":{}}");
        let v: Value = serde_json::from_str(&framed).unwrap();
        assert_eq!(v["identifier"], "{\"channel\":\"RoomChannel\"}");
        assert_eq!(v["message"]["event"], "x");
    }
}
