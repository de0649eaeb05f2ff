//! One socket's life: open it, wait for the welcome, subscribe, then read until it ends —
//! closed, broken, silent past the ping deadline, refused, or no longer wanted. Every frame
//! (not only a ping) proves the socket alive; presence is renewed while subscribed.

use super::connect::{self, Failed, Socket};
use super::events::{Skipped, decode_event};
use super::protocol::{self, Incoming};
use super::{RealtimeParams, RealtimeTimings, SocketUpdate};
use futures_util::{SinkExt, StreamExt};
use std::time::Duration;
use tokio::sync::mpsc::UnboundedSender;
use tokio::time::{Instant, MissedTickBehavior, interval_at, sleep_until, timeout};
use tokio_tungstenite::tungstenite::{Error as WsError, Message as Frame};

/// How a socket's life ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Ended {
    /// Nobody listens any more: stop for good.
    ReceiverGone,
    /// The socket is gone; reconnecting may help.
    Lost {
        /// In plain words.
        reason: String,
        /// Whether the subscription had been confirmed (the backoff starts again then).
        was_live: bool,
    },
    /// The channel is refused here.
    Unavailable(String),
}

/// What woke the loop.
enum Step {
    Frame(Option<Result<Frame, WsError>>),
    Silent,
    Presence,
    ReceiverGone,
}

/// Opens one socket and serves it until it ends; reports `Live` and the events on `tx`.
pub(super) async fn serve(
    params: &RealtimeParams,
    timings: &RealtimeTimings,
    tx: &UnboundedSender<SocketUpdate>,
) -> Ended {
    let target = match connect::target(&params.base_url) {
        Ok(t) => t,
        Err(failed) => return failed_to_open(failed),
    };
    let opened = tokio::select! {
        opened = timeout(timings.ping_timeout, connect::open(&target)) => opened,
        () = tx.closed() => return Ended::ReceiverGone,
    };
    let mut socket = match opened {
        Ok(Ok(socket)) => socket,
        Ok(Err(failed)) => return failed_to_open(failed),
        Err(_) => {
            return lost(
                format!("no answer from {} within {}", target.url, seconds(timings.ping_timeout)),
                false,
            );
        }
    };
    let identifier = protocol::identifier(&params.pubsub_token, params.account_id, params.user_id);
    let mut subscribed = false;
    let mut live = false;
    let mut deadline = Instant::now() + timings.ping_timeout;
    let every = timings.presence_every.max(Duration::from_millis(10));
    let mut presence = interval_at(Instant::now() + every, every);
    presence.set_missed_tick_behavior(MissedTickBehavior::Delay);
    loop {
        let step = tokio::select! {
            frame = socket.next() => Step::Frame(frame),
            () = sleep_until(deadline) => Step::Silent,
            _ = presence.tick(), if live => Step::Presence,
            () = tx.closed() => Step::ReceiverGone,
        };
        let text = match step {
            Step::ReceiverGone => {
                // A polite close; the server forgets the subscription either way.
                let _ = timeout(Duration::from_secs(1), socket.close(None)).await;
                return Ended::ReceiverGone;
            }
            Step::Silent => {
                let what = match (subscribed, live) {
                    (_, true) => "no ping from the server",
                    (true, false) => "no answer to the subscription",
                    (false, false) => "no welcome from the server",
                };
                return lost(format!("{what} for {}", seconds(timings.ping_timeout)), live);
            }
            Step::Presence => {
                if let Err(reason) = send(&mut socket, protocol::update_presence(&identifier)).await {
                    return lost(reason, live);
                }
                continue;
            }
            Step::Frame(None) => return lost("the server closed the socket".into(), live),
            Step::Frame(Some(Err(WsError::Capacity(_)))) => {
                return lost("the server sent a message over 1 MiB: refused, socket closed".into(), live);
            }
            Step::Frame(Some(Err(e))) => return lost(format!("the socket failed: {e}"), live),
            Step::Frame(Some(Ok(frame))) => {
                deadline = Instant::now() + timings.ping_timeout;
                match frame {
                    Frame::Text(text) => text,
                    Frame::Close(close) => {
                        let why = close.map(|c| c.reason.to_string()).filter(|r| !r.is_empty());
                        let reason = match why {
                            Some(why) => format!("the server closed the socket ({why})"),
                            None => "the server closed the socket".into(),
                        };
                        return lost(reason, live);
                    }
                    // Pongs to WebSocket pings are sent by tungstenite; binary frames are not
                    // ActionCable's.
                    _ => continue,
                }
            }
        };
        match protocol::parse(text.as_str()) {
            Incoming::Welcome if !subscribed => {
                if let Err(reason) = send(&mut socket, protocol::subscribe(&identifier)).await {
                    return lost(reason, live);
                }
                subscribed = true;
            }
            Incoming::Confirmed if !live => {
                live = true;
                if tx.send(SocketUpdate::Live).is_err() {
                    return Ended::ReceiverGone;
                }
                // Present at once, then every `presence_every`.
                if let Err(reason) = send(&mut socket, protocol::update_presence(&identifier)).await {
                    return lost(reason, live);
                }
                presence.reset();
            }
            Incoming::Rejected => {
                return Ended::Unavailable(
                    "the server rejected the subscription (the profile's pubsub token or user id is not accepted)"
                        .into(),
                );
            }
            Incoming::Disconnect { reason, reconnect: false } => {
                let reason = if reason.is_empty() { "no reason given".into() } else { reason };
                return Ended::Unavailable(format!("the server closed the socket for good ({reason})"));
            }
            Incoming::Disconnect { reason, reconnect: true } => {
                return lost(format!("the server asked to reconnect ({reason})"), live);
            }
            Incoming::Message(message) => match decode_event(&message, params.account_id) {
                Ok(event) => {
                    if tx.send(SocketUpdate::Event(event)).is_err() {
                        return Ended::ReceiverGone;
                    }
                }
                Err(Skipped::OtherAccount(account)) => {
                    tracing::debug!(?account, "realtime event of another account dropped");
                }
                Err(skipped) => tracing::debug!(?skipped, "realtime event skipped"),
            },
            // Pings only move the deadline (done above); a second welcome or confirmation and
            // unknown frame types change nothing.
            Incoming::Ping | Incoming::Welcome | Incoming::Confirmed | Incoming::Other => {}
        }
    }
}

/// Sends one text frame.
async fn send(socket: &mut Socket, text: String) -> Result<(), String> {
    socket.send(Frame::text(text)).await.map_err(|e| format!("the socket failed while sending: {e}"))
}

fn lost(reason: String, was_live: bool) -> Ended {
    Ended::Lost { reason, was_live }
}

fn failed_to_open(failed: Failed) -> Ended {
    match failed {
        Failed::Lost(reason) => lost(reason, false),
        Failed::Unavailable(reason) => Ended::Unavailable(reason),
    }
}

/// A duration in plain words (`10 s`, `300 ms`).
fn seconds(d: Duration) -> String {
    if d.subsec_millis() == 0 { format!("{} s", d.as_secs()) } else { format!("{} ms", d.as_millis()) }
}
