//! The Chatwoot demo's `/cable` over a raw WebSocket (tokio-tungstenite), as ActionCable
//! speaks it: the handshake and its refusals, subscriptions, pings, and an event for every
//! change made over HTTP, whoever made it.

mod activity;
mod events;
mod socket;

use crate::chatwoot::Cw;
use futures_util::{SinkExt, StreamExt};
use imbox_demo::chatwoot::{AGENT_ID, CABLE_PATH, PUBSUB_TOKEN};
use serde_json::{Value, json};
use std::time::Duration;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::{Error, Message};

/// How long a test waits for a frame it expects before failing (generous: the machine is
/// shared; a frame that never comes fails the test, a slow one does not).
pub const DEADLINE: Duration = Duration::from_secs(20);

type Ws = tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// An open socket and the subscription identifier it uses.
pub struct Socket {
    pub ws: Ws,
    pub identifier: String,
}

/// The `ws://` URL of the demo's cable.
pub fn cable_url(t: &Cw) -> String {
    format!("{}{CABLE_PATH}", t.server.base_url().replacen("http://", "ws://", 1))
}

/// Opens the socket with `origin` (none: no header); the handshake's error if refused.
pub async fn open_with(t: &Cw, origin: Option<&str>) -> Result<Ws, Error> {
    let mut req = cable_url(t).into_client_request().expect("request");
    if let Some(o) = origin {
        req.headers_mut().insert("origin", o.parse().expect("header value"));
    }
    tokio_tungstenite::connect_async(req).await.map(|(ws, _)| ws)
}

/// The HTTP status a refused handshake answered.
pub fn refused_status(e: Error) -> u16 {
    match e {
        Error::Http(resp) => resp.status().as_u16(),
        other => panic!("expected an HTTP refusal, got {other}"),
    }
}

/// The subscription identifier of `RoomChannel` with this token and user id.
pub fn room(token: &str, user_id: u64) -> String {
    json!({"channel": "RoomChannel", "pubsub_token": token, "account_id": 1, "user_id": user_id}).to_string()
}

/// The next text frame as JSON; `None` when the socket ended (closed, cut or reset).
pub async fn next(ws: &mut Ws) -> Option<Value> {
    loop {
        let frame = tokio::time::timeout(DEADLINE, ws.next()).await.expect("a frame before the deadline");
        match frame {
            Some(Ok(Message::Text(t))) => {
                return Some(serde_json::from_str(t.as_str()).expect("frame is JSON"));
            }
            Some(Ok(Message::Close(_))) | None | Some(Err(_)) => return None,
            Some(Ok(_)) => {}
        }
    }
}

/// The next frame that is not a ping (the answer to a command; a slow machine may ping first).
pub async fn answer(ws: &mut Ws) -> Option<Value> {
    loop {
        let frame = next(ws).await?;
        if frame["type"] != "ping" {
            return Some(frame);
        }
    }
}

/// Sends a command.
pub async fn command(ws: &mut Ws, v: Value) {
    ws.send(Message::Text(v.to_string().into())).await.expect("command is sent");
}

/// A socket with the right origin, past the welcome, subscribed to the profile's room.
pub async fn subscribed(t: &Cw) -> Socket {
    let mut ws = open_with(t, Some(&t.server.base_url())).await.expect("socket opens");
    assert_eq!(next(&mut ws).await.expect("welcome")["type"], "welcome");
    let identifier = room(PUBSUB_TOKEN, AGENT_ID);
    command(&mut ws, json!({"command": "subscribe", "identifier": identifier})).await;
    let confirm = answer(&mut ws).await.expect("an answer to the subscription");
    assert_eq!(confirm, json!({"type": "confirm_subscription", "identifier": identifier}));
    Socket { ws, identifier }
}

impl Socket {
    /// The next event (pings skipped): its name and data; checks the identifier it came with.
    pub async fn event(&mut self) -> (String, Value) {
        loop {
            let frame = next(&mut self.ws).await.expect("the socket stays open");
            if frame["type"] == "ping" {
                continue;
            }
            assert_eq!(frame["identifier"], self.identifier.as_str(), "{frame}");
            let m = &frame["message"];
            return (m["event"].as_str().expect("event name").to_string(), m["data"].clone());
        }
    }

    /// Skips events until one named `name`; its data.
    pub async fn until(&mut self, name: &str) -> Value {
        loop {
            let (event, data) = self.event().await;
            if event == name {
                return data;
            }
        }
    }
}
