//! Whether a realtime socket brings the changes as they happen (Chatwoot): the polls it covers
//! then pause (`poll.rs`). The realtime work (branch live-app) owns this flag and sets it from
//! the channel's state; until that is merged nothing sets it, and every backend polls.

use super::State;

impl State {
    /// Whether the realtime channel is live: changes arrive as they happen, so the polls it
    /// covers may pause.
    pub fn socket_live(&self) -> bool {
        self.socket_live
    }
}
