//! "Nguyễn Hương is typing…" under the open thread: set by `typing_on`, cleared by `typing_off`,
//! by the typist's message, or when nobody renewed it for a while (ticks carry the time).

use crate::state::State;
use jiff::{SignedDuration, Timestamp};

/// How long typing shows without a renewal (upstream's clients renew every few seconds while
/// the text changes and send `typing_off` when done; a lost `off` must not stay forever).
pub const TYPING_LASTS: SignedDuration = SignedDuration::from_secs(30);

/// Someone typing in a conversation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Typist {
    /// The conversation's id.
    pub conversation_id: String,
    /// Who types (a display name, may be empty).
    pub who: String,
    /// An agent (a colleague) rather than the customer.
    pub agent: bool,
    /// When it ends unless renewed.
    pub until: Timestamp,
}

impl State {
    /// A typing event.
    pub(super) fn typing_changed(&mut self, conversation_id: String, who: String, agent: bool, on: bool) {
        let typing = &mut self.live.typing;
        typing.retain(|t| !(t.conversation_id == conversation_id && t.who == who && t.agent == agent));
        if on {
            let until = self.now + TYPING_LASTS;
            typing.push(Typist { conversation_id, who, agent, until });
        }
    }

    /// The customer of `conversation_id` sent their message: their typing ends.
    pub(super) fn customer_stopped_typing(&mut self, conversation_id: &str) {
        self.live.typing.retain(|t| t.agent || t.conversation_id != conversation_id);
    }

    /// Drops typing that was not renewed in time; whether anything was dropped.
    pub(super) fn expire_typing(&mut self, now: Timestamp) -> bool {
        let before = self.live.typing.len();
        self.live.typing.retain(|t| t.until > now);
        self.live.typing.len() != before
    }

    /// Rows the typing line takes under messages of `rows` rows (none in a pane too small to
    /// give one up).
    pub fn typing_rows(&self, rows: usize) -> usize {
        usize::from(rows > 3 && self.typing_line().is_some())
    }

    /// The line under the open thread while someone types in it: "Nguyễn Hương is typing…".
    pub fn typing_line(&self) -> Option<String> {
        let open = self.thread.conversation_id.as_deref()?;
        let names: Vec<String> = self
            .live
            .typing
            .iter()
            .filter(|t| t.conversation_id == open)
            .map(|t| match (t.who.trim(), t.agent) {
                ("", true) => "an agent".to_string(),
                ("", false) => "the customer".to_string(),
                (name, _) => name.to_string(),
            })
            .collect();
        match names.as_slice() {
            [] => None,
            [one] => Some(format!("{one} is typing…")),
            [first, second] => Some(format!("{first} and {second} are typing…")),
            [first, rest @ ..] => Some(format!("{first} and {} others are typing…", rest.len())),
        }
    }
}
