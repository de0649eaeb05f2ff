//! What the realtime channel of an account reports to the app: its state and the events it
//! pushes (the socket task in `effects/live.rs` turns each of its updates into one of these).

use imbox_model::live::LiveEvent;

/// One update from the account's realtime channel.
#[derive(Debug, Clone, PartialEq, strum::Display)]
#[strum(serialize_all = "snake_case")]
pub enum LiveAction {
    /// The channel's user id (from the profile its token came with): who "me" is for the
    /// events' alerts, even before the state's own profile request has answered.
    User(u64),
    /// Opening the channel (first time, or again after losing it).
    Connecting,
    /// Subscribed: changes arrive as they happen from now on.
    Live,
    /// A change pushed by the server (already of this account).
    Event(Box<LiveEvent>),
    /// The channel was lost (closed, no ping); the task reconnects by itself.
    Lost(String),
    /// The channel cannot be had (refused, rejected, a proxy): polling instead, and why.
    Unavailable(String),
}
