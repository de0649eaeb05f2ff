//! ActionCable's frames, both ways: the commands imbox sends (subscribe, presence) and what
//! the server sends (welcome, ping, confirm or reject, disconnect, and the channel's messages).

use serde::Deserialize;
use serde_json::{Value, json};

/// The channel Chatwoot pushes an agent's events on.
const CHANNEL: &str = "RoomChannel";

/// The subscription's identifier: a JSON object **serialized into a string**, as ActionCable
/// wants it (the server compares it as text).
pub(super) fn identifier(pubsub_token: &str, account_id: u64, user_id: u64) -> String {
    json!({
        "channel": CHANNEL,
        "pubsub_token": pubsub_token,
        "account_id": account_id,
        "user_id": user_id,
    })
    .to_string()
}

/// The `subscribe` command.
pub(super) fn subscribe(identifier: &str) -> String {
    json!({"command": "subscribe", "identifier": identifier}).to_string()
}

/// The presence command, which keeps the agent shown online (its `data` is a string too).
pub(super) fn update_presence(identifier: &str) -> String {
    json!({
        "command": "message",
        "identifier": identifier,
        "data": json!({"action": "update_presence"}).to_string(),
    })
    .to_string()
}

/// One frame from the server.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Incoming {
    /// The connection is accepted: subscribe now.
    Welcome,
    /// The server's heartbeat (every 3 s).
    Ping,
    /// The subscription is confirmed.
    Confirmed,
    /// The subscription is refused (a wrong token, or no such user).
    Rejected,
    /// The server closes the connection; `reconnect: false` means it will refuse again.
    Disconnect {
        /// Its reason (`unauthorized`, `server_restart`, …), possibly empty.
        reason: String,
        /// Whether the server invites a reconnect.
        reconnect: bool,
    },
    /// A channel message: `{"event": …, "data": …}`.
    Message(Value),
    /// Anything else (an unknown `type`, a frame that is not JSON).
    Other,
}

/// The outer shape every server frame has.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Frame {
    #[serde(rename = "type")]
    kind: Option<String>,
    message: Option<Value>,
    reason: Option<String>,
    reconnect: Option<bool>,
}

/// Reads one text frame.
pub(super) fn parse(text: &str) -> Incoming {
    let Ok(frame) = serde_json::from_str::<Frame>(text) else {
        return Incoming::Other;
    };
    match frame.kind.as_deref() {
        Some("welcome") => Incoming::Welcome,
        Some("ping") => Incoming::Ping,
        Some("confirm_subscription") => Incoming::Confirmed,
        Some("reject_subscription") => Incoming::Rejected,
        Some("disconnect") => Incoming::Disconnect {
            reason: frame.reason.unwrap_or_default(),
            reconnect: frame.reconnect.unwrap_or(true),
        },
        Some(_) => Incoming::Other,
        None => frame.message.map_or(Incoming::Other, Incoming::Message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_identifier_is_a_json_string_inside_the_command() {
        let id = identifier("tok\"en", 1, 7);
        let sent: Value = serde_json::from_str(&subscribe(&id)).unwrap();
        assert_eq!(sent["command"], "subscribe");
        let inner: Value = serde_json::from_str(sent["identifier"].as_str().unwrap()).unwrap();
        assert_eq!(
            inner,
            json!({"channel": "RoomChannel", "pubsub_token": "tok\"en", "account_id": 1, "user_id": 7})
        );
        let presence: Value = serde_json::from_str(&update_presence(&id)).unwrap();
        assert_eq!(presence["identifier"].as_str(), Some(id.as_str()));
        assert_eq!(presence["data"], r#"{"action":"update_presence"}"#);
    }

    #[test]
    fn server_frames_are_told_apart() {
        assert_eq!(parse(r#"{"type":"welcome"}"#), Incoming::Welcome);
        assert_eq!(parse(r#"{"type":"ping","message":1764662400}"#), Incoming::Ping);
        assert_eq!(parse(r#"{"identifier":"x","type":"confirm_subscription"}"#), Incoming::Confirmed);
        assert_eq!(parse(r#"{"identifier":"x","type":"reject_subscription"}"#), Incoming::Rejected);
        assert_eq!(
            parse(r#"{"type":"disconnect","reason":"unauthorized","reconnect":false}"#),
            Incoming::Disconnect { reason: "unauthorized".into(), reconnect: false }
        );
        assert_eq!(
            parse(r#"{"identifier":"x","message":{"event":"message.created","data":{}}}"#),
            Incoming::Message(json!({"event": "message.created", "data": {}}))
        );
        assert_eq!(parse("not json"), Incoming::Other);
        assert_eq!(parse(r#"{"type":"confirm_something_new"}"#), Incoming::Other);
        assert_eq!(parse("[1,2]"), Incoming::Other);
    }
}
