//! What happens in the account without a request of the current user: a customer types and
//! writes, a new conversation opens, another agent assigns a conversation to her or mentions
//! her, an event of her other account. The test controls ([`crate::DemoServer`]) and the
//! activity simulator call these; each change goes through the same events and notifications
//! as a change made over HTTP.

use super::actions::{after_change, number_new_messages, set_assignee};
use super::answer::notify_message;
use super::catalog::{AGENTS, INBOXES, ME};
use super::events::{self, Before};
use super::notify::{self, Secondary};
use super::render::Ctx;
use super::script::{Draft, msg};
use super::state::now_ms;
use super::world::{Assignee, Conv, Sender, assemble};
use super::{Cw, OTHER, OTHER_ACCOUNT_ID};
use crate::data::rng::Rng;
use serde_json::json;

/// Which conversations the simulator picks from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pick {
    /// Open ones assigned to the current user.
    Mine,
    /// Open ones.
    Open,
    /// Open ones nobody holds.
    Unassigned,
}

impl Cw {
    /// The `x`-th (modulo their number) conversation of a kind, by display id.
    pub(crate) fn pick(&self, kind: Pick, x: u64) -> Option<u64> {
        self.with(|w, _, _| {
            let fits = |c: &&Conv| {
                c.status == "open"
                    && match kind {
                        Pick::Mine => c.assignee == Assignee::Agent(ME),
                        Pick::Open => true,
                        Pick::Unassigned => c.assignee == Assignee::Nobody,
                    }
            };
            let list: Vec<u64> = w.convs.iter().filter(fits).map(|c| c.display_id).collect();
            (!list.is_empty()).then(|| list[(x % list.len() as u64) as usize])
        })
    }

    /// The contact of conversation `d` writes `text` (an incoming message): `message.created`,
    /// the agent's earlier replies become `read` (`message.updated`), a resolved or snoozed
    /// conversation opens again (`conversation.status_changed`), and the current user gets a
    /// notification when the conversation is hers. Answers the message id (none: no such
    /// conversation).
    pub(crate) fn customer_writes(&self, d: u64, text: &str) -> Option<u64> {
        self.with_mut(|w, st, store| {
            let (msg_id, _) = w.next_ids();
            let now = now_ms(w);
            let c = w.conv_mut(d)?;
            let before = Before::of(c);
            let mut read = Vec::new();
            for m in c.msgs.iter_mut().rev().take_while(|m| m.kind != 0) {
                if m.kind == 1 && !m.private && m.status != "read" {
                    m.status = "read";
                    read.push(m.id);
                }
            }
            let mut m = msg(0, Sender::Contact, Some(text.to_string()), "text");
            m.id = msg_id;
            m.at = now.max(c.last_activity() + 1);
            c.msgs.push(m);
            if c.status == "resolved" || c.status == "snoozed" {
                c.status = "open";
                c.snoozed_until = None;
            }
            let mine = c.assignee == Assignee::Agent(ME);
            let notif = mine
                .then(|| {
                    let what = ("assigned_conversation_new_message", d, Secondary::Message(msg_id));
                    notify::push(st, w, &store.data, what, Some(msg_id), now)
                })
                .flatten();
            let cx = Ctx { w, st, store };
            let c = w.conv(d)?;
            for m in c.msgs.iter().filter(|m| read.contains(&m.id)) {
                self.bus.emit("message.updated", || cx.message_data(c, m, None));
            }
            events::changes(&self.bus, &cx, &before);
            if let Some(id) = notif {
                events::notification(&self.bus, &cx, "notification.created", id);
            }
            Some(msg_id)
        })
    }

    /// The contact of conversation `d` starts (`on`) or stops typing.
    pub(crate) fn customer_types(&self, d: u64, on: bool) {
        self.with(|w, st, store| {
            let Some(c) = w.conv(d) else { return };
            let cx = Ctx { w, st, store };
            let name = if on { "conversation.typing_on" } else { "conversation.typing_off" };
            self.bus.emit(name, || {
                json!({"conversation": cx.conversation(c), "user": cx.contact_push(c.pos), "is_private": false})
            });
        });
    }

    /// A new, unassigned conversation opens with the contact at position `pos` writing `text`
    /// in the web widget: `conversation.created`, `message.created` and the current user's
    /// `conversation_creation` notification. Answers its display id.
    pub(crate) fn conversation_opens(&self, pos: u32, text: &str, seed: u64) -> Option<u64> {
        self.with_mut(|w, st, store| {
            let pos = pos % store.data.n;
            let d = w.convs.len() as u64 + 1;
            let (msg_id, _) = w.next_ids();
            let now = now_ms(w).max(w.convs.iter().map(Conv::last_activity).max().unwrap_or(0) + 1);
            let first = Draft { gap: 0, msg: msg(0, Sender::Contact, Some(text.to_string()), "text") };
            let person = store.person(pos);
            let mut c = assemble(d, pos, &person, 0, vec![first], now, &mut Rng::new(seed));
            for m in &mut c.msgs {
                m.id = msg_id;
            }
            let source = crate::data::rng::random_id("", seed ^ d);
            c.contact_inbox = (200 + d, source, c.created_at);
            w.by_contact.entry(pos).or_default().push(w.convs.len());
            w.convs.push(c);
            let what = ("conversation_creation", d, Secondary::None);
            let notif = notify::push(st, w, &store.data, what, Some(msg_id), now);
            let cx = Ctx { w, st, store };
            events::conversation(&self.bus, &cx, "conversation.created", d);
            events::messages_since(&self.bus, &cx, d, 0, None);
            if let Some(id) = notif {
                events::notification(&self.bus, &cx, "notification.created", id);
            }
            Some(d)
        })
    }

    /// Another agent ([`OTHER`]) assigns conversation `d` to the current user:
    /// `assignee.changed`, the activity line and a `conversation_assignment` notification.
    pub(crate) fn assigned_to_me(&self, d: u64) -> bool {
        self.with_mut(|w, st, store| {
            let now = now_ms(w);
            let Some(c) = w.conv_mut(d) else { return false };
            let before = Before::of(c);
            set_assignee(c, Assignee::Agent(ME), now, OTHER);
            number_new_messages(w, d);
            after_change(self, (w, st, store), &before, OTHER, now);
            true
        })
    }

    /// Another agent ([`OTHER`]) mentions the current user in a private note of conversation
    /// `d`: `message.created`, `conversation.mentioned` and a `conversation_mention`
    /// notification.
    pub(crate) fn mentions_me(&self, d: u64, text: &str) -> bool {
        self.with_mut(|w, st, store| {
            let (msg_id, _) = w.next_ids();
            let now = now_ms(w);
            let Some(c) = w.conv_mut(d) else { return false };
            let me = &AGENTS[ME];
            let content =
                format!("[@{}](mention://user/{}/{}) {text}", me.name, me.id, me.name.replace(' ', "%20"));
            let mut m = msg(1, Sender::Agent(OTHER), Some(content), "text");
            m.private = true;
            m.id = msg_id;
            m.at = now.max(c.last_activity() + 1);
            c.msgs.push(m);
            let notif = notify_message(st, w, &store.data, (d, msg_id), OTHER, now);
            let cx = Ctx { w, st, store };
            events::messages_since(&self.bus, &cx, d, w.conv(d).map_or(0, |c| c.msgs.len() - 1), None);
            if let Some((id, _)) = notif {
                events::conversation(&self.bus, &cx, "conversation.mentioned", d);
                events::notification(&self.bus, &cx, "notification.created", id);
            }
            true
        })
    }

    /// A `message.created` of the current user's other account ([`OTHER_ACCOUNT_ID`]) for a
    /// conversation with the same display id `d` as one of account 1 (the world of account 1
    /// does not change): a client that forgets to filter by account shows it in the wrong
    /// thread.
    pub(crate) fn other_account_event(&self, d: u64, text: &str) -> bool {
        self.with(|w, st, store| {
            let Some(c) = w.conv(d) else { return false };
            let (msg_id, _) = w.next_ids();
            let mut m = msg(0, Sender::Contact, Some(text.to_string()), "text");
            m.id = msg_id + 1_000_000;
            m.at = now_ms(w);
            let cx = Ctx { w, st, store };
            self.bus.emit("message.created", || {
                let mut v = cx.message_data(c, &m, None);
                v["account_id"] = json!(OTHER_ACCOUNT_ID);
                v["inbox_id"] = json!(INBOXES.iter().map(|i| i.id).max().unwrap_or(0) + 100);
                v
            });
            true
        })
    }
}
