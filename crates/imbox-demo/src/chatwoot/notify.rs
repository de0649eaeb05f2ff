//! The current user's notifications: generated from what happened in the conversations
//! (assignments to Dana, new messages in her conversations, mentions in private notes, new
//! conversations, replies where she took part), some read, some snoozed; and their two shapes,
//! the index item and the raw model the update calls return.

use super::catalog::{self, ACCOUNT_ID, AGENTS, INBOXES, ME};
use super::render::Ctx;
use super::world::{Assignee, Conv, Msg, Sender, World, tag};
use crate::data::generator::Dataset;
use crate::data::rng::{HOUR, MINUTE, h, iso};
use serde_json::{Value, json};

/// Number of generated notifications.
pub const NOTIFICATIONS: usize = 60;
/// Id of the oldest generated notification (the newest is this + [`NOTIFICATIONS`] − 1).
pub const FIRST_NOTIFICATION_ID: u64 = 4001;

/// What else a notification points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Secondary {
    /// Nothing (a new conversation).
    None,
    /// A message, by id.
    Message(u64),
    /// The agent who did it (an assignment), by index.
    User(usize),
}

/// One notification of the current user.
#[derive(Debug, Clone)]
pub struct Notif {
    /// Id.
    pub id: u64,
    /// `notification_type`.
    pub ntype: &'static str,
    /// The conversation's display id.
    pub conv: u64,
    /// What else it points at.
    pub secondary: Secondary,
    /// `push_message_title`.
    pub title: String,
    /// `push_message_body`.
    pub body: String,
    /// Created, ms.
    pub created_at: i64,
    /// Last activity (sort key), ms.
    pub last_activity: i64,
    /// Read at, ms.
    pub read_at: Option<i64>,
    /// Snoozed until, ms.
    pub snoozed_until: Option<i64>,
    /// Last change, ms.
    pub updated_at: i64,
    /// Deleted (kept so ids are never reused).
    pub deleted: bool,
}

/// Rails' `truncate_words(10)`: the first ten words with their separators, then `...`.
fn truncate_words(s: &str, n: usize) -> String {
    let (mut words, mut in_word) = (0, false);
    for (i, ch) in s.char_indices() {
        if ch.is_whitespace() {
            if in_word && words == n {
                return format!("{}...", &s[..i]);
            }
            in_word = false;
        } else if !in_word {
            in_word = true;
            words += 1;
        }
    }
    s.to_string()
}

/// `"<sender name>: <first ten words>"`, or `Attachment` for a message without text.
fn body(data: &Dataset, c: &Conv, m: Option<&Msg>) -> String {
    let Some(m) = m else { return String::new() };
    let name = match m.sender {
        Sender::Contact => data.person(c.pos).display_name,
        Sender::Agent(i) => AGENTS[i].name.to_string(),
        Sender::Bot => catalog::BOT_NAME.to_string(),
        Sender::None => String::new(),
    };
    let text = match m.content.as_deref() {
        Some(t) if !t.trim().is_empty() => truncate_words(t, 10),
        _ if !m.atts.is_empty() => "Attachment".to_string(),
        _ => String::new(),
    };
    format!("{name}: {text}")
}

fn title(ntype: &str, c: &Conv) -> String {
    let d = c.display_id;
    match ntype {
        "conversation_creation" => {
            format!("A conversation (#{d}) has been created in {}", INBOXES[c.inbox].name)
        }
        "conversation_assignment" => format!("A conversation (#{d}) has been assigned to you"),
        "conversation_mention" => format!("You have been mentioned in conversation (#{d})"),
        _ => format!("A new message is created in conversation (#{d})"),
    }
}

/// Candidate events of one conversation: (type, time, secondary, the message the body shows).
fn events(c: &Conv) -> Vec<(&'static str, i64, Secondary, Option<&Msg>)> {
    let mut out = Vec::new();
    let last_in =
        c.msgs.iter().rev().find(|m| m.kind == 0).or_else(|| c.msgs.iter().rev().find(|m| m.kind == 1));
    out.push(("conversation_creation", c.created_at + 1_000, Secondary::None, c.msgs.first()));
    let me = AGENTS[ME].name;
    let assigned = c.msgs.iter().find(|m| {
        m.kind == 2 && m.content.as_deref().is_some_and(|t| t.starts_with(&format!("Assigned to {me} by ")))
    });
    if let (Assignee::Agent(ME), Some(a)) = (c.assignee, assigned) {
        let by = AGENTS.iter().position(|x| a.content.as_deref().is_some_and(|t| t.ends_with(x.name)));
        out.push(("conversation_assignment", a.at + 1_000, Secondary::User(by.unwrap_or(1)), last_in));
        for m in c.msgs.iter().filter(|m| m.kind == 0 && m.at > a.at).rev().take(2) {
            out.push(("assigned_conversation_new_message", m.at + 1_000, Secondary::Message(m.id), Some(m)));
        }
    }
    for m in c
        .msgs
        .iter()
        .filter(|m| m.private && m.content.as_deref().is_some_and(|t| t.contains("mention://user/7/")))
    {
        out.push(("conversation_mention", m.at + 1_000, Secondary::Message(m.id), Some(m)));
    }
    let took_part = c.msgs.iter().position(|m| m.sender == Sender::Agent(ME) && !m.private);
    if let (Some(i), false) = (took_part, c.assignee == Assignee::Agent(ME))
        && let Some(m) = c.msgs[i..].iter().rev().find(|m| m.kind == 0)
    {
        out.push(("participating_conversation_new_message", m.at + 1_000, Secondary::Message(m.id), Some(m)));
    }
    out
}

/// Picks [`NOTIFICATIONS`] events, newest of each type in turn, and marks some read or snoozed.
pub fn generate(w: &World, data: &Dataset) -> Vec<Notif> {
    const TYPES: [&str; 5] = [
        "conversation_assignment",
        "assigned_conversation_new_message",
        "conversation_mention",
        "conversation_creation",
        "participating_conversation_new_message",
    ];
    let mut pools: Vec<Vec<Notif>> = TYPES.iter().map(|_| Vec::new()).collect();
    for c in &w.convs {
        for (ntype, at, secondary, shown) in events(c) {
            let Some(k) = TYPES.iter().position(|t| *t == ntype) else { continue };
            pools[k].push(Notif {
                id: 0,
                ntype,
                conv: c.display_id,
                secondary,
                title: title(ntype, c),
                body: body(data, c, shown),
                created_at: at.min(w.now),
                last_activity: at.min(w.now),
                read_at: None,
                snoozed_until: None,
                updated_at: at.min(w.now),
                deleted: false,
            });
        }
    }
    for p in &mut pools {
        p.sort_by_key(|n| std::cmp::Reverse(n.created_at));
        p.reverse(); // pop() takes the newest
    }
    let mut out: Vec<Notif> = Vec::new();
    while out.len() < NOTIFICATIONS && pools.iter().any(|p| !p.is_empty()) {
        for p in &mut pools {
            if out.len() < NOTIFICATIONS
                && let Some(n) = p.pop()
            {
                out.push(n);
            }
        }
    }
    out.sort_by_key(|n| (n.created_at, n.conv));
    for (i, n) in out.iter_mut().enumerate() {
        n.id = FIRST_NOTIFICATION_ID + i as u64;
        let x = h(data.seed, tag::NOTIF, n.id, 0);
        // The newest few stay unread; older ones are more often read.
        let newest = out_len_from_end(i);
        if newest >= 4 && x % 100 < 45 {
            n.read_at = Some((n.created_at + 2 * MINUTE + (x >> 8) as i64 % (3 * HOUR)).min(w.now));
            n.updated_at = n.read_at.unwrap_or(n.updated_at);
        } else if newest >= 2 && x % 100 >= 88 {
            n.snoozed_until = Some((w.now / HOUR + 1 + (x >> 16) as i64 % 48) * HOUR);
        }
    }
    out
}

/// Adds a notification of the current user now (what upstream's notification services create
/// on an assignment, a mention, a new message or conversation): the next id, unread. `shown` is
/// the message its body quotes.
pub fn push(
    st: &mut super::state::State,
    w: &World,
    data: &Dataset,
    (ntype, d, secondary): (&'static str, u64, Secondary),
    shown: Option<u64>,
    now: i64,
) -> Option<u64> {
    let c = w.conv(d)?;
    let id = st.notifs.iter().map(|n| n.id).max().unwrap_or(FIRST_NOTIFICATION_ID - 1) + 1;
    let m = shown.and_then(|id| c.msgs.iter().find(|m| m.id == id));
    st.notifs.push(Notif {
        id,
        ntype,
        conv: d,
        secondary,
        title: title(ntype, c),
        body: body(data, c, m),
        created_at: now,
        last_activity: now,
        read_at: None,
        snoozed_until: None,
        updated_at: now,
        deleted: false,
    });
    Some(id)
}

/// How far from the newest notification index `i` is.
fn out_len_from_end(i: usize) -> usize {
    NOTIFICATIONS.saturating_sub(i + 1)
}

impl Ctx<'_> {
    /// One item of the notifications index.
    pub fn notification(&self, n: &Notif) -> Value {
        let conv = self.w.conv(n.conv);
        let secondary = match (n.secondary, conv) {
            (Secondary::Message(id), Some(c)) => {
                c.msgs.iter().find(|m| m.id == id).map_or(Value::Null, |m| self.message_event(c, m))
            }
            (Secondary::User(i), _) => catalog::user_push(&AGENTS[i]),
            _ => Value::Null,
        };
        json!({
            "id": n.id, "notification_type": n.ntype, "push_message_title": n.title,
            "push_message_body": n.body, "primary_actor_type": "Conversation",
            "primary_actor_id": conv.map(|c| c.db_id), "primary_actor": conv.map(|c| self.conversation_event(c)),
            "read_at": n.read_at.map(iso), "secondary_actor": secondary, "user": catalog::user_push(&AGENTS[ME]),
            "created_at": n.created_at.div_euclid(1000), "last_activity_at": n.last_activity.div_euclid(1000),
            "snoozed_until": n.snoozed_until.map(iso), "meta": {},
        })
    }
}

/// The raw model (`as_json`) the update, unread and snooze calls return: every time ISO.
pub fn raw(n: &Notif, w: &World) -> Value {
    let (stype, sid) = match n.secondary {
        Secondary::None => (Value::Null, Value::Null),
        Secondary::Message(id) => (json!("Message"), json!(id)),
        Secondary::User(i) => (json!("User"), json!(AGENTS[i].id)),
    };
    json!({
        "id": n.id, "account_id": ACCOUNT_ID, "user_id": AGENTS[ME].id, "notification_type": n.ntype,
        "primary_actor_type": "Conversation", "primary_actor_id": w.conv(n.conv).map(|c| c.db_id),
        "secondary_actor_type": stype, "secondary_actor_id": sid, "read_at": n.read_at.map(iso),
        "created_at": iso(n.created_at), "updated_at": iso(n.updated_at),
        "snoozed_until": n.snoozed_until.map(iso), "last_activity_at": iso(n.last_activity), "meta": {},
    })
}

#[cfg(test)]
mod tests {
    use super::truncate_words;

    #[test]
    fn bodies_keep_ten_words() {
        let t = "Hello,\n\nI was charged twice for invoice INV-2291 in December and need a refund";
        assert_eq!(
            truncate_words(t, 10),
            "Hello,\n\nI was charged twice for invoice INV-2291 in December..."
        );
        assert_eq!(truncate_words("Here is the receipt", 10), "Here is the receipt");
    }
}
