//! The realtime events of the Chatwoot demo: one broadcast of every change of the account,
//! whoever made it, rendered once per change (not per socket) and fanned out to every
//! subscribed `/cable` socket (`cable.rs`).
//!
//! Shapes as upstream's `ActionCableListener` sends them: `message.*` carries the message as the
//! messages index renders it plus `account_id` and a `conversation` block; `conversation.*`,
//! `assignee.changed` and `team.changed` carry the conversation as the list renders it;
//! `notification.*` carries `{notification, unread_count, count}`. Nothing is rendered while no
//! socket listens.

use super::catalog::{ACCOUNT_ID, ME};
use super::notify::Notif;
use super::render::Ctx;
use super::world::{Assignee, Conv, Msg};
use serde_json::{Value, json};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use tokio::sync::broadcast;

/// Events a socket may fall behind by before it is closed (a slow socket never slows the world).
const BACKLOG: usize = 1024;

/// The one broadcast of the account's events.
pub struct Bus {
    tx: broadcast::Sender<Arc<str>>,
    sent: AtomicU64,
    hostile: bool,
    /// Told when a socket subscribes (the activity simulator starts then).
    pub listening: tokio::sync::Notify,
}

impl Bus {
    /// A bus; in hostile mode every event's data is poisoned as the HTTP bodies are.
    pub fn new(hostile: bool) -> Bus {
        Bus {
            tx: broadcast::channel(BACKLOG).0,
            sent: AtomicU64::new(0),
            hostile,
            listening: tokio::sync::Notify::new(),
        }
    }

    /// A receiver of every later event (the `{"event", "data"}` object as JSON text).
    pub fn subscribe(&self) -> broadcast::Receiver<Arc<str>> {
        self.tx.subscribe()
    }

    /// Events sent to the sockets so far (each once, however many sockets had it).
    pub fn sent(&self) -> u64 {
        self.sent.load(Ordering::Relaxed)
    }

    /// Renders and sends one event, unless no socket listens. `data` gets `account_id` 1
    /// unless it names its own account.
    pub fn emit(&self, name: &str, data: impl FnOnce() -> Value) {
        if self.tx.receiver_count() == 0 {
            return;
        }
        let mut data = data();
        if let Some(m) = data.as_object_mut() {
            m.entry("account_id").or_insert(json!(ACCOUNT_ID));
        }
        if self.hostile {
            crate::hostile::poison_keeping(&mut data, &super::KEEP);
        }
        let text = json!({ "event": name, "data": data }).to_string();
        self.sent.fetch_add(1, Ordering::Relaxed);
        // An error means every socket went away meanwhile: nobody missed anything.
        let _ = self.tx.send(Arc::from(text));
    }
}

impl Ctx<'_> {
    /// A `message.*` event's data: the message as the messages index renders it, its
    /// `echo_id` when the sender gave one, `account_id` and the conversation block the web app
    /// updates its list from.
    pub fn message_data(&self, c: &Conv, m: &Msg, echo_id: Option<&str>) -> Value {
        let mut v = self.message_view(c, m);
        if let Some(o) = v.as_object_mut() {
            if let Some(e) = echo_id {
                o.insert("echo_id".into(), json!(e));
            }
            o.insert("account_id".into(), json!(ACCOUNT_ID));
            o.insert(
                "conversation".into(),
                json!({
                    "assignee_id": super::render::assignee_id(c),
                    "unread_count": self.st.unread(c),
                    "last_activity_at": c.last_activity().div_euclid(1000),
                    "status": c.status,
                    "contact_inbox": {"source_id": c.contact_inbox.1},
                }),
            );
        }
        v
    }

    /// A `notification.created` / `updated` event's data.
    pub fn notification_data(&self, n: &Notif) -> Value {
        let (unread, count) = counts(self);
        json!({"notification": self.notification(n), "unread_count": unread, "count": count})
    }

    /// A `notification.deleted` event's data: upstream sends only the id.
    pub fn notification_deleted(&self, id: u64) -> Value {
        let (unread, count) = counts(self);
        json!({"notification": {"id": id}, "unread_count": unread, "count": count})
    }
}

/// (unread and not snoozed, not deleted) notifications: the badge and the list's size.
fn counts(cx: &Ctx) -> (usize, usize) {
    let live = cx.st.notifs.iter().filter(|n| !n.deleted);
    let unread = live.clone().filter(|n| n.read_at.is_none() && n.snoozed_until.is_none()).count();
    (unread, live.count())
}

/// `message.created` for every message of conversation `d` from index `from` on (a reply and
/// the activity lines a change wrote), the first with `echo_id`.
pub fn messages_since(bus: &Bus, cx: &Ctx, d: u64, from: usize, echo_id: Option<&str>) {
    let Some(c) = cx.w.conv(d) else { return };
    for (i, m) in c.msgs.iter().enumerate().skip(from) {
        let echo = echo_id.filter(|_| i == from);
        bus.emit("message.created", || cx.message_data(c, m, echo));
    }
}

/// A conversation event (`conversation.updated`, `assignee.changed`, …) for conversation `d`.
pub fn conversation(bus: &Bus, cx: &Ctx, name: &str, d: u64) {
    if let Some(c) = cx.w.conv(d) {
        bus.emit(name, || cx.conversation(c));
    }
}

/// `notification.created` / `notification.updated` for notification `id`.
pub fn notification(bus: &Bus, cx: &Ctx, name: &str, id: u64) {
    if let Some(n) = cx.st.notifs.iter().find(|n| n.id == id) {
        bus.emit(name, || cx.notification_data(n));
    }
}

/// What a conversation looked like before a change: which events the change makes.
pub struct Before {
    d: u64,
    msgs: usize,
    status: &'static str,
    assignee: Assignee,
    team: Option<usize>,
    labels: Vec<String>,
    priority: Option<&'static str>,
    custom: Value,
}

impl Before {
    /// The conversation before the change.
    pub fn of(c: &Conv) -> Before {
        Before {
            d: c.display_id,
            msgs: c.msgs.len(),
            status: c.status,
            assignee: c.assignee,
            team: c.team,
            labels: c.labels.clone(),
            priority: c.priority,
            custom: c.custom.clone(),
        }
    }

    /// The conversation's display id.
    pub fn id(&self) -> u64 {
        self.d
    }

    /// Whether the conversation became the current user's.
    pub fn assigned_to_me(&self, c: &Conv) -> bool {
        self.assignee != Assignee::Agent(ME) && c.assignee == Assignee::Agent(ME)
    }
}

/// The events of a change of one conversation, as upstream's callbacks dispatch them: status,
/// assignee, team, other attributes, then `message.created` for the activity lines it wrote.
pub fn changes(bus: &Bus, cx: &Ctx, before: &Before) {
    let Some(c) = cx.w.conv(before.d) else { return };
    if c.status != before.status {
        bus.emit("conversation.status_changed", || cx.conversation(c));
    }
    if c.assignee != before.assignee {
        bus.emit("assignee.changed", || cx.conversation(c));
    }
    if c.team != before.team {
        bus.emit("team.changed", || cx.conversation(c));
    }
    if c.labels != before.labels || c.priority != before.priority || c.custom != before.custom {
        bus.emit("conversation.updated", || cx.conversation(c));
    }
    messages_since(bus, cx, before.d, before.msgs, None);
}
