//! Chatwoot's realtime channel: ActionCable's `RoomChannel` over a WebSocket at `/cable`
//! (`shared/reference/chatwoot-actions-realtime.md`, §Realtime).
//!
//! [`run`] keeps one socket open for as long as its receiver lives: it connects, subscribes
//! with the profile's `pubsub_token`, keeps the agent present, watches the server's pings, and
//! reconnects when the socket dies. What it learns goes out as [`SocketUpdate`]s: the state of
//! the channel for the header, and each event of this account as a [`LiveEvent`] whose every
//! string passed the sanitizer (the wire types of [`super::wire`] do the converting).
//!
//! - [`connect`]: the URL, TCP and TLS (rustls on ring, the platform's trust roots as reqwest),
//!   the upgrade with the `Origin` header, and which failures mean "not available here".
//! - [`proxy`]: the environment's proxy (as reqwest reads it) and a `CONNECT` tunnel through it.
//! - [`protocol`]: ActionCable's frames, both ways.
//! - [`events`]: event name and data into a [`LiveEvent`], other accounts' dropped.
//! - [`session`]: one socket's life, from the welcome to its end.
//! - [`backoff`]: how long to wait before the next attempt.

mod backoff;
mod connect;
mod events;
mod protocol;
mod proxy;
mod session;

pub use events::{Skipped, decode_event};

use imbox_model::live::LiveEvent;
use session::Ended;
use std::time::Duration;
use tokio::sync::mpsc::UnboundedSender;

/// What the socket needs to subscribe: where, and as whom. Its `Debug` leaves the token out.
#[derive(Clone, PartialEq, Eq)]
pub struct RealtimeParams {
    /// The installation's base URL (`https://app.chatwoot.com`); the socket opens at
    /// `/cable` under it, with this URL as its `Origin`.
    pub base_url: String,
    /// The user's `pubsub_token` (from `GET /api/v1/profile`).
    pub pubsub_token: String,
    /// The account imbox works in: events of any other account are dropped.
    pub account_id: u64,
    /// The user's id: without it the server takes the token for a contact's.
    pub user_id: u64,
}

impl std::fmt::Debug for RealtimeParams {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The pubsub token lets anyone read this agent's events: never in a log.
        f.debug_struct("RealtimeParams")
            .field("base_url", &self.base_url)
            .field("pubsub_token", &"<hidden>")
            .field("account_id", &self.account_id)
            .field("user_id", &self.user_id)
            .finish()
    }
}

/// How patient the socket is. The defaults suit a real server; tests shorten them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RealtimeTimings {
    /// No ping (nor any other frame) for this long: the socket is dead. The server pings every
    /// 3 s.
    pub ping_timeout: Duration,
    /// How often the agent's presence is renewed (upstream's web app: every 20 s; an agent
    /// shows offline after ~20 s without).
    pub presence_every: Duration,
    /// The shortest wait before reconnecting a lost socket (the first wait is a random point
    /// between this and twice this).
    pub backoff_min: Duration,
    /// The longest wait between attempts; the waits double up to it (jittered in its upper half).
    pub backoff_max: Duration,
    /// The wait after the channel was refused (a rejected subscription, an upgrade refused by
    /// a proxy or an old server) before trying again.
    pub unavailable_retry: Duration,
}

impl Default for RealtimeTimings {
    /// 10 s without a ping, presence every 15 s, reconnect after 1 s to 30 s, refused: 60 s.
    fn default() -> Self {
        RealtimeTimings {
            ping_timeout: Duration::from_secs(10),
            presence_every: Duration::from_secs(15),
            backoff_min: Duration::from_secs(1),
            backoff_max: Duration::from_secs(30),
            unavailable_retry: Duration::from_secs(60),
        }
    }
}

/// What the socket task reports.
// Nearly every update is an `Event`: boxing it would allocate for the common case to shrink
// the rare state changes.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum SocketUpdate {
    /// About to open the socket (sent before every attempt).
    Connecting,
    /// Subscribed: events flow from now on. Anything that happened while the socket was down
    /// was not replayed: the receiver fetches what it may have missed.
    Live,
    /// One change of this account.
    Event(LiveEvent),
    /// The socket closed, failed, or went silent; a reconnect follows after a backoff.
    Lost(String),
    /// The channel cannot be had here (the subscription was rejected, the upgrade refused):
    /// poll instead; another attempt follows after [`RealtimeTimings::unavailable_retry`].
    Unavailable(String),
}

/// Keeps the realtime channel open and reports on `tx` until `tx`'s receiver is dropped.
///
/// Never returns an error: a failure is reported ([`SocketUpdate::Lost`] or
/// [`SocketUpdate::Unavailable`]) and followed by another attempt.
pub async fn run(params: RealtimeParams, timings: RealtimeTimings, tx: UnboundedSender<SocketUpdate>) {
    let mut backoff = backoff::Backoff::new(timings.backoff_min, timings.backoff_max);
    loop {
        if tx.send(SocketUpdate::Connecting).is_err() {
            return;
        }
        let wait = match session::serve(&params, &timings, &tx).await {
            Ended::ReceiverGone => return,
            Ended::Lost { reason, was_live } => {
                if was_live {
                    // A good subscription proves the way works: start again from the shortest wait.
                    backoff.reset();
                }
                tracing::debug!(%reason, "realtime socket lost");
                if tx.send(SocketUpdate::Lost(reason)).is_err() {
                    return;
                }
                backoff.next_delay()
            }
            Ended::Unavailable(reason) => {
                backoff.reset();
                tracing::debug!(%reason, "realtime channel unavailable");
                if tx.send(SocketUpdate::Unavailable(reason)).is_err() {
                    return;
                }
                timings.unavailable_retry
            }
        };
        tokio::select! {
            () = tokio::time::sleep(wait) => {}
            () = tx.closed() => return,
        }
    }
}
