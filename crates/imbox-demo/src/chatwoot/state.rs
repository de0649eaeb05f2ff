//! What the Chatwoot API can change: when a conversation was last seen, the notifications, and
//! the contact fields iMBRACE does not have (identifier, blocked, attribute maps). Name, e-mail
//! and phone edits go to the shared demo store, so both APIs show them.

use super::notify::Notif;
use super::people::Extra;
use super::world::{Assignee, Conv, World};
use std::collections::HashMap;

/// The mutable state, behind one lock (held only for short, synchronous sections).
pub struct State {
    /// `update_last_seen` / `unread` overrides: display id → (agent, assignee) last seen, ms.
    pub seen: HashMap<u64, (Option<i64>, Option<i64>)>,
    /// Every notification, deleted ones included (flagged).
    pub notifs: Vec<Notif>,
    /// Chatwoot-only contact fields that were edited, by contact position.
    pub extras: HashMap<u32, Extra>,
}

impl State {
    /// The state at start: nothing changed, the generated notifications.
    pub fn new(notifs: Vec<Notif>) -> State {
        State { seen: HashMap::new(), notifs, extras: HashMap::new() }
    }

    /// (agent_last_seen_at, assignee_last_seen_at) of a conversation, ms.
    pub fn seen(&self, c: &Conv) -> (Option<i64>, Option<i64>) {
        self.seen.get(&c.display_id).copied().unwrap_or_else(|| {
            let assignee = matches!(c.assignee, Assignee::Agent(_)).then_some(c.agent_seen).flatten();
            (c.agent_seen, assignee)
        })
    }

    /// Incoming messages newer than the agent's last look, capped at 10 as Chatwoot does.
    pub fn unread(&self, c: &Conv) -> usize {
        let seen = self.seen(c).0.unwrap_or(i64::MIN);
        c.msgs.iter().filter(|m| m.kind == 0 && m.at > seen).count().min(10)
    }

    /// A live notification by id.
    pub fn notif_mut(&mut self, id: u64) -> Option<&mut Notif> {
        self.notifs.iter_mut().find(|n| n.id == id && !n.deleted)
    }
}

/// The time the demo writes for "now": the real clock, but never before the demo's generated
/// "now" (so a write is always newer than every generated record).
pub fn now_ms(w: &World) -> i64 {
    jiff::Timestamp::now().as_millisecond().max(w.now + 1_000)
}
