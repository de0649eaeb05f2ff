//! The socket's state machine against a scripted loopback `/cable`: each accepted connection
//! runs the next script, so a test can make the server misbehave exactly once, then behave.
//! What the client sent (the upgrade request, every text frame) is recorded.

use super::{Updates, fast_timings, json_text};
use futures_util::{SinkExt, StreamExt};
use imbox_api::realtime::{RealtimeParams, SocketUpdate, run};
use imbox_model::live::LiveEvent;
use serde_json::{Value, json};
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::handshake::server::{Request, Response};

/// What one connection does.
#[derive(Clone)]
enum Script {
    /// Upgrade, welcome, confirm the subscription, then send these frames and keep the socket
    /// open (pinging) until the client goes.
    Confirm(Vec<String>),
    /// Upgrade, welcome, reject the subscription.
    Reject,
    /// Upgrade, welcome, then say nothing at all.
    Silent,
    /// Upgrade, then `{"type":"disconnect","reconnect":false}`.
    DisconnectForGood,
    /// Answer the upgrade with a plain HTML page (a proxy's login page).
    NotWebSocket,
}

/// What the server saw.
#[derive(Default)]
struct Seen {
    /// Path and `Origin` of each upgrade.
    upgrades: Vec<(String, Option<String>)>,
    /// Every text frame a client sent, in order.
    frames: Vec<String>,
}

struct CableServer {
    base_url: String,
    seen: Arc<Mutex<Seen>>,
}

impl CableServer {
    /// Serves `scripts` to connections in order; the last one repeats.
    async fn start(scripts: Vec<Script>) -> CableServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base_url = format!("http://{}", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Seen::default()));
        let shared = seen.clone();
        let mut scripts: VecDeque<Script> = scripts.into();
        tokio::spawn(async move {
            loop {
                let Ok((tcp, _)) = listener.accept().await else { return };
                let script =
                    if scripts.len() > 1 { scripts.pop_front().unwrap() } else { scripts[0].clone() };
                tokio::spawn(serve(tcp, script, shared.clone()));
            }
        });
        CableServer { base_url, seen }
    }

    fn params(&self) -> RealtimeParams {
        RealtimeParams {
            base_url: format!("{}/", self.base_url),
            pubsub_token: "tok-1".into(),
            account_id: 1,
            user_id: 7,
        }
    }

    fn frames(&self) -> Vec<Value> {
        self.seen.lock().unwrap().frames.iter().map(|f| serde_json::from_str(f).unwrap()).collect()
    }
}

async fn serve(mut tcp: TcpStream, script: Script, seen: Arc<Mutex<Seen>>) {
    if let Script::NotWebSocket = script {
        let mut buf = [0u8; 2048];
        let _ = tcp.read(&mut buf).await;
        let body = "<html>Please log in to the proxy</html>";
        let reply = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: {}\r\n\r\n{body}",
            body.len()
        );
        let _ = tcp.write_all(reply.as_bytes()).await;
        return;
    }
    let record = seen.clone();
    // The Result type is tungstenite's callback signature, not ours to shrink.
    #[allow(clippy::result_large_err)]
    let callback = move |req: &Request, resp: Response| {
        let origin = req.headers().get("origin").and_then(|v| v.to_str().ok()).map(String::from);
        record.lock().unwrap().upgrades.push((req.uri().path().to_string(), origin));
        Ok(resp)
    };
    let Ok(mut ws) = tokio_tungstenite::accept_hdr_async(tcp, callback).await else { return };
    let _ = ws.send(Message::text(r#"{"type":"welcome"}"#)).await;
    // The subscribe command comes first.
    let Some(identifier) = read_frame(&mut ws, &seen).await.map(|f| f["identifier"].clone()) else { return };
    let reply = |kind: &str| Message::text(json!({"identifier": identifier, "type": kind}).to_string());
    match script {
        Script::Reject => {
            let _ = ws.send(reply("reject_subscription")).await;
        }
        Script::DisconnectForGood => {
            let _ = ws
                .send(Message::text(r#"{"type":"disconnect","reason":"unauthorized","reconnect":false}"#))
                .await;
        }
        Script::Silent => {}
        Script::Confirm(frames) => {
            let _ = ws.send(reply("confirm_subscription")).await;
            for f in frames {
                if ws.send(Message::text(f)).await.is_err() {
                    return;
                }
            }
            let mut ping = tokio::time::interval(std::time::Duration::from_millis(100));
            loop {
                tokio::select! {
                    _ = ping.tick() => {
                        if ws.send(Message::text(r#"{"type":"ping","message":1764585000}"#)).await.is_err() {
                            return;
                        }
                    }
                    frame = read_frame(&mut ws, &seen) => if frame.is_none() { return },
                }
            }
        }
        Script::NotWebSocket => {}
    }
    // Keep the socket open (reading) until the client leaves.
    while read_frame(&mut ws, &seen).await.is_some() {}
}

/// The next text frame from the client, recorded; `None` when the socket ends.
async fn read_frame(ws: &mut WebSocketStream<TcpStream>, seen: &Mutex<Seen>) -> Option<Value> {
    loop {
        match ws.next().await? {
            Ok(Message::Text(t)) => {
                seen.lock().unwrap().frames.push(t.to_string());
                return serde_json::from_str(t.as_str()).ok();
            }
            Ok(Message::Close(_)) | Err(_) => return None,
            Ok(_) => {}
        }
    }
}

/// A channel message frame for the subscription.
fn event_frame(event: &str, data: Value) -> String {
    json!({"identifier": "x", "message": {"event": event, "data": data}}).to_string()
}

fn message_data(id: u64, account: u64) -> Value {
    json!({"id": id, "content": format!("message {id}"), "conversation_id": 42, "message_type": 0,
           "account_id": account, "created_at": 1764585000, "sender": {"id": 118, "name": "Noa", "type": "contact"}})
}

#[tokio::test]
async fn subscribes_as_actioncable_wants_and_keeps_presence() {
    let server = CableServer::start(vec![Script::Confirm(Vec::new())]).await;
    let mut u = Updates::start(server.params(), fast_timings());
    assert_eq!(u.next().await, SocketUpdate::Connecting);
    assert_eq!(u.next().await, SocketUpdate::Live);
    // Presence right after the confirmation, then every `presence_every` (100 ms here).
    super::wait_for("three presence frames", || {
        server.frames().iter().filter(|f| f["command"] == "message").count() >= 3
    })
    .await;
    let frames = server.frames();
    assert_eq!(frames[0]["command"], "subscribe");
    let identifier = frames[0]["identifier"].as_str().expect("the identifier is a JSON string");
    assert_eq!(
        json_text(identifier),
        json!({"channel": "RoomChannel", "pubsub_token": "tok-1", "account_id": 1, "user_id": 7})
    );
    for presence in frames.iter().skip(1) {
        assert_eq!(presence["identifier"].as_str(), Some(identifier));
        assert_eq!(json_text(presence["data"].as_str().unwrap()), json!({"action": "update_presence"}));
    }
    let upgrades = &server.seen.lock().unwrap().upgrades;
    assert_eq!(upgrades[0], ("/cable".to_string(), Some(server.base_url.clone())));
}

#[tokio::test]
async fn only_this_accounts_events_come_through() {
    let frames = vec![
        event_frame("message.created", message_data(9990, 2)),
        event_frame("presence.update", json!({"account_id": 1})),
        "{not json".to_string(),
        event_frame("message.created", json!({"account_id": 1, "id": [1]})),
        event_frame("message.created", message_data(9001, 1)),
    ];
    let server = CableServer::start(vec![Script::Confirm(frames)]).await;
    let mut u = Updates::start(server.params(), fast_timings());
    u.until(|x| *x == SocketUpdate::Live).await;
    // Account 2's message was sent first: had it passed, it would come first.
    let SocketUpdate::Event(LiveEvent::MessageCreated { message, .. }) = u.next().await else {
        panic!("{:?}", u.seen)
    };
    assert_eq!(message.id, "9001");
    // Skipped frames did not end the socket.
    assert!(!u.seen.iter().any(|x| matches!(x, SocketUpdate::Lost(_))), "{:?}", u.seen);
}

#[tokio::test]
async fn an_oversized_frame_loses_the_socket_and_the_next_one_is_live() {
    let huge = event_frame("message.created", json!({"account_id": 1, "content": "x".repeat(2 << 20)}));
    let server = CableServer::start(vec![
        Script::Confirm(vec![huge]),
        Script::Confirm(vec![event_frame("message.created", message_data(9002, 1))]),
    ])
    .await;
    let mut u = Updates::start(server.params(), fast_timings());
    u.until(|x| *x == SocketUpdate::Live).await;
    let lost = u.until(|x| matches!(x, SocketUpdate::Lost(_))).await;
    assert!(format!("{lost:?}").contains("over 1 MiB"), "{lost:?}");
    u.until(|x| *x == SocketUpdate::Live).await;
    let event = u.until(|x| matches!(x, SocketUpdate::Event(_))).await;
    assert!(
        matches!(event, SocketUpdate::Event(LiveEvent::MessageCreated { ref message, .. }) if message.id == "9002")
    );
}

#[tokio::test]
async fn a_rejected_subscription_is_unavailable_then_retried() {
    let server = CableServer::start(vec![Script::Reject, Script::Confirm(Vec::new())]).await;
    let mut u = Updates::start(server.params(), fast_timings());
    let why = u.until(|x| matches!(x, SocketUpdate::Unavailable(_))).await;
    assert!(format!("{why:?}").contains("rejected the subscription"), "{why:?}");
    u.until(|x| *x == SocketUpdate::Live).await;
    assert_eq!(u.seen.iter().filter(|x| **x == SocketUpdate::Connecting).count(), 2, "{:?}", u.seen);
}

#[tokio::test]
async fn a_disconnect_for_good_and_a_page_that_is_no_socket_are_unavailable() {
    let server = CableServer::start(vec![Script::DisconnectForGood, Script::NotWebSocket]).await;
    let mut u = Updates::start(server.params(), fast_timings());
    let first = u.until(|x| matches!(x, SocketUpdate::Unavailable(_))).await;
    assert!(format!("{first:?}").contains("for good (unauthorized)"), "{first:?}");
    let second = u.until(|x| matches!(x, SocketUpdate::Unavailable(_))).await;
    assert!(format!("{second:?}").contains("HTTP 200"), "{second:?}");
}

#[tokio::test]
async fn a_server_that_never_confirms_is_lost_after_the_ping_timeout() {
    let server = CableServer::start(vec![Script::Silent, Script::Confirm(Vec::new())]).await;
    let mut u = Updates::start(server.params(), fast_timings());
    let lost = u.until(|x| matches!(x, SocketUpdate::Lost(_))).await;
    assert!(format!("{lost:?}").contains("no answer to the subscription"), "{lost:?}");
    u.until(|x| *x == SocketUpdate::Live).await;
}

#[tokio::test]
async fn nothing_listening_is_lost_and_retried() {
    // A port nothing listens on: bind one, then free it.
    let port = TcpListener::bind("127.0.0.1:0").await.unwrap().local_addr().unwrap().port();
    let params = RealtimeParams {
        base_url: format!("http://127.0.0.1:{port}"),
        pubsub_token: "t".into(),
        account_id: 1,
        user_id: 7,
    };
    let mut u = Updates::start(params, fast_timings());
    u.until(|x| matches!(x, SocketUpdate::Lost(_))).await;
    u.until(|x| matches!(x, SocketUpdate::Lost(_))).await;
    let connecting = u.seen.iter().filter(|x| **x == SocketUpdate::Connecting).count();
    assert!(connecting >= 2, "a Connecting before each attempt: {:?}", u.seen);
}

#[tokio::test]
async fn the_task_ends_when_the_receiver_is_dropped() {
    let server = CableServer::start(vec![Script::Confirm(Vec::new())]).await;
    let (tx, mut rx) = mpsc::unbounded_channel();
    let task = tokio::spawn(run(server.params(), fast_timings(), tx));
    while rx.recv().await != Some(SocketUpdate::Live) {}
    drop(rx);
    tokio::time::timeout(std::time::Duration::from_secs(20), task)
        .await
        .expect("the task ends once nobody listens")
        .unwrap();
}
