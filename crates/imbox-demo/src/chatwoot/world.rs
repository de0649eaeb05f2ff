//! The generated Chatwoot account: conversations with their message histories, built once from
//! the demo seed over the same generated people as the iMBRACE API.
//!
//! Unlike the iMBRACE contact list (which can hold tens of thousands of contacts and is computed
//! on demand), the Chatwoot account has a fixed, small number of conversations, so it is built
//! in one go on the first Chatwoot request and kept; only what the API can change (last seen
//! times, notifications, contact extras) lives in [`super::state`].

use super::catalog::{INBOXES, Kind, TEAMS};
use super::script::{self, Draft, Plot};
use super::specials;
use crate::data::generator::Dataset;
use crate::data::person::Person;
use crate::data::rng::{DAY, HOUR, MINUTE, Rng, h, random_id};
use serde_json::Value;
use std::collections::HashMap;

/// Hash-stream tags of the Chatwoot generator (the iMBRACE generator uses 1–7).
pub mod tag {
    /// Conversations.
    pub const CONV: u64 = 21;
    /// Contact extras (company, city, blocked).
    pub const CONTACT: u64 = 22;
    /// Notifications.
    pub const NOTIF: u64 = 23;
}

/// Who wrote a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sender {
    /// Nobody (activity and most template messages): the `sender` key is absent.
    None,
    /// The conversation's contact.
    Contact,
    /// An agent, by index in [`super::catalog::AGENTS`].
    Agent(usize),
    /// The agent bot.
    Bot,
}

/// Who holds a conversation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Assignee {
    /// Nobody.
    Nobody,
    /// An agent, by index in [`super::catalog::AGENTS`].
    Agent(usize),
    /// The agent bot (its `assignee_id` is null, so it counts as unassigned).
    Bot,
}

/// An attachment before rendering.
#[derive(Debug, Clone, PartialEq)]
pub enum Att {
    /// A picture: file name, size, width, height.
    Image(&'static str, u64, u32, u32),
    /// A document: file name, size.
    File(&'static str, u64),
    /// A voice message: file name, size.
    Audio(&'static str, u64),
    /// A shared location: latitude, longitude, title.
    Location(f64, f64, &'static str),
    /// A file an agent sent: its name, size and `file_type` (the bytes are not kept).
    Upload(String, u64, &'static str),
}

/// One message.
#[derive(Debug, Clone)]
pub struct Msg {
    /// Database id (ascending with time across the account).
    pub id: u64,
    /// Creation time, ms.
    pub at: i64,
    /// `message_type`: incoming 0, outgoing 1, activity 2, template 3.
    pub kind: u8,
    /// Text, or none (attachments only).
    pub content: Option<String>,
    /// `content_type` string.
    pub content_type: &'static str,
    /// `content_attributes`.
    pub attrs: Value,
    /// A private note.
    pub private: bool,
    /// `sent`, `delivered`, `read` or `failed`.
    pub status: &'static str,
    /// The channel's id of the message.
    pub source_id: Option<String>,
    /// Who wrote it.
    pub sender: Sender,
    /// Attachments with their ids.
    pub atts: Vec<(u64, Att)>,
}

/// One conversation as generated.
#[derive(Debug, Clone)]
pub struct Conv {
    /// The per-account number shown as `#61` and used in paths.
    pub display_id: u64,
    /// Database id (only notifications' `primary_actor_id` shows it).
    pub db_id: u64,
    /// `uuid`.
    pub uuid: String,
    /// Position of the contact in the demo's people.
    pub pos: u32,
    /// Index in [`INBOXES`].
    pub inbox: usize,
    /// Index in [`TEAMS`], if any.
    pub team: Option<usize>,
    /// Who holds it.
    pub assignee: Assignee,
    /// `open`, `pending`, `snoozed` or `resolved`.
    pub status: &'static str,
    /// `low` … `urgent`, or none.
    pub priority: Option<&'static str>,
    /// Label titles (upstream keeps any title it is given, as a tag).
    pub labels: Vec<String>,
    /// Creation time, ms.
    pub created_at: i64,
    /// Snoozed until, ms.
    pub snoozed_until: Option<i64>,
    /// When an agent last opened it, ms, as generated.
    pub agent_seen: Option<i64>,
    /// When the contact last looked, ms.
    pub contact_seen: Option<i64>,
    /// `additional_attributes`.
    pub additional: Value,
    /// `custom_attributes`.
    pub custom: Value,
    /// The contact inbox: (id, source id, created at ms).
    pub contact_inbox: (u64, String, i64),
    /// Microseconds added to `updated_at` (it is a float with sub-second precision).
    pub micros: u32,
    /// The history, oldest first.
    pub msgs: Vec<Msg>,
}

impl Conv {
    /// Time of the newest message, ms.
    pub fn last_activity(&self) -> i64 {
        self.msgs.last().map_or(self.created_at, |m| m.at)
    }

    /// The inbox kind.
    pub fn kind(&self) -> Kind {
        INBOXES[self.inbox].kind
    }
}

/// Number of generated conversations (display ids 1..=this).
pub const CONVERSATIONS: u64 = 200;
/// The offset between a conversation's display id and its database id (#42 is 3310, as in the
/// constructed examples).
pub const DB_OFFSET: u64 = 3268;
/// The conversation with a long history, for `before`/`after` paging.
pub const LONG_CONV: u64 = 12;
/// Messages in [`LONG_CONV`] (about; the script ends a session once it is reached).
pub const LONG_TARGET: usize = 320;

/// The whole generated account.
#[derive(Clone)]
pub struct World {
    /// Conversations by display id − 1.
    pub convs: Vec<Conv>,
    /// Conversation indices of each contact position.
    pub by_contact: HashMap<u32, Vec<usize>>,
    /// The demo's "now", ms.
    pub now: i64,
}

impl World {
    /// A conversation by display id.
    pub fn conv(&self, display_id: u64) -> Option<&Conv> {
        usize::try_from(display_id).ok().and_then(|d| d.checked_sub(1)).and_then(|i| self.convs.get(i))
    }

    /// A conversation by display id, to change it.
    pub fn conv_mut(&mut self, display_id: u64) -> Option<&mut Conv> {
        usize::try_from(display_id).ok().and_then(|d| d.checked_sub(1)).and_then(|i| self.convs.get_mut(i))
    }

    /// The next free message and attachment database ids (one more than any in the account).
    pub fn next_ids(&self) -> (u64, u64) {
        let msgs = self.convs.iter().flat_map(|c| &c.msgs);
        let (mut msg, mut att) = (0, 0);
        for m in msgs {
            msg = msg.max(m.id);
            att = m.atts.iter().map(|a| a.0).fold(att, u64::max);
        }
        (msg + 1, att + 1)
    }

    /// Builds the account from the data set (people) and the seed.
    pub fn build(data: &Dataset) -> World {
        let mut ci: HashMap<(u32, usize), (u64, String, i64)> = HashMap::new();
        let mut convs: Vec<Conv> = Vec::new();
        let picks = specials::contacts(data);
        for d in 1..=CONVERSATIONS {
            let mut r = Rng::new(h(data.seed, tag::CONV, d, 0));
            let special = picks.iter().find(|(id, _)| *id == d).map(|(_, pos)| *pos);
            let pos = special.unwrap_or_else(|| (r.next() % u64::from(data.n)) as u32);
            let person = data.person(pos);
            let conv = match special {
                Some(_) => specials::build(d, pos, &person, data.now),
                None => generic(d, pos, &person, &mut r, data.now),
            };
            convs.push(conv);
        }
        assign_ids(&mut convs);
        for c in &mut convs {
            let kind = INBOXES[c.inbox].kind;
            let created = c.created_at - 3_000;
            let fresh =
                (200 + c.display_id, source_id(kind, &data.person(c.pos), c.display_id, data.seed), created);
            c.contact_inbox = ci.entry((c.pos, c.inbox)).or_insert(fresh).clone();
        }
        let mut by_contact: HashMap<u32, Vec<usize>> = HashMap::new();
        for (i, c) in convs.iter().enumerate() {
            by_contact.entry(c.pos).or_default().push(i);
        }
        World { convs, by_contact, now: data.now }
    }
}

/// The E.164 form of a person's phone (`+<area><number>`), if any.
pub fn e164(p: &Person) -> Option<String> {
    (!p.phone_number.is_empty()).then(|| format!("+{}{}", p.area_code, p.phone_number))
}

/// The channel's id of a contact (`contact_inboxes[].source_id`).
fn source_id(kind: Kind, p: &Person, d: u64, seed: u64) -> String {
    match kind {
        Kind::Web => random_id("", h(seed, tag::CONV, d, 5)),
        Kind::WhatsApp => format!("{}{}", p.area_code, p.phone_number),
        Kind::Sms => e164(p).unwrap_or_default(),
        Kind::Email => p.email.clone(),
    }
}

/// Gives every message and attachment a database id, ascending with time across the account
/// (as a real database hands them out), so `before`/`after` ids order each history.
fn assign_ids(convs: &mut [Conv]) {
    let mut all: Vec<(i64, usize, usize)> = Vec::new();
    for (ci, c) in convs.iter().enumerate() {
        all.extend(c.msgs.iter().enumerate().map(|(mi, m)| (m.at, ci, mi)));
    }
    all.sort_unstable();
    let (mut next_msg, mut next_att) = (1001u64, 501u64);
    for (_, ci, mi) in all {
        let m = &mut convs[ci].msgs[mi];
        m.id = next_msg;
        next_msg += 1;
        for a in &mut m.atts {
            a.0 = next_att;
            next_att += 1;
        }
    }
}

/// Picks an inbox the person can be reached on.
fn pick_inbox(r: &mut Rng, p: &Person) -> usize {
    let phone = !p.phone_number.is_empty();
    if phone && p.channel_type == "whatsapp" {
        return 1;
    }
    let mut options: Vec<(usize, u64)> = vec![(0, 3)];
    if phone {
        options.extend([(1, 4), (3, 1)]);
    }
    if !p.email.is_empty() {
        options.push((2, 3));
    }
    let total: u64 = options.iter().map(|o| o.1).sum();
    let mut x = r.below(total);
    for (i, w) in options {
        if x < w {
            return i;
        }
        x -= w;
    }
    0
}

/// A generated conversation: status, assignment, labels, then a scripted history.
fn generic(d: u64, pos: u32, p: &Person, r: &mut Rng, now: i64) -> Conv {
    let inbox = pick_inbox(r, p);
    let kind = INBOXES[inbox].kind;
    let status = match r.below(100) {
        0..=47 => "open",
        48..=59 => "pending",
        60..=69 => "snoozed",
        _ => "resolved",
    };
    let assignee = match (status, r.below(100)) {
        ("pending", x) if x < 65 && kind != Kind::Email => Assignee::Bot,
        ("pending", _) => Assignee::Nobody,
        (_, 0..=34) => Assignee::Agent(0),
        (_, 35..=61) => Assignee::Agent(1 + r.below(4) as usize),
        (_, 62..=69) if kind != Kind::Email => Assignee::Bot,
        _ => Assignee::Nobody,
    };
    let team = (!r.chance(40)).then(|| r.below(TEAMS.len() as u64) as usize);
    let priority = match r.below(100) {
        0..=54 => None,
        55..=69 => Some("low"),
        70..=84 => Some("medium"),
        85..=94 => Some("high"),
        _ => Some("urgent"),
    };
    let mut labels: Vec<&'static str> = Vec::new();
    for (title, pct) in
        [("billing", 18), ("vip", 8), ("login", 10), ("bug", 8), ("shipping", 22), ("feedback", 6)]
    {
        if r.chance(pct) || (title == "vip" && team == Some(2)) {
            labels.push(title);
        }
    }
    let target = if d == LONG_CONV { LONG_TARGET } else { 3 + r.below(33) as usize };
    let plot = Plot { kind, assignee, status, team, labels: &labels, person: p, target };
    let drafts = script::thread(r, &plot);
    let age = match status {
        "open" => 5 * MINUTE + r.below((3 * DAY) as u64) as i64,
        "pending" => MINUTE + r.below(DAY as u64) as i64,
        "snoozed" => HOUR + r.below((5 * DAY) as u64) as i64,
        _ => DAY + r.below((60 * DAY) as u64) as i64,
    };
    let mut conv = assemble(d, pos, p, inbox, drafts, now - age, r);
    conv.assignee = assignee;
    conv.status = status;
    conv.team = team;
    conv.priority = priority;
    conv.labels = labels.iter().map(|l| l.to_string()).collect();
    if status == "snoozed" {
        conv.snoozed_until = Some((now / HOUR + 2 + r.below(46) as i64) * HOUR);
    }
    conv.agent_seen = seen(r, &conv, now);
    if let Some(order) = (r.chance(15)).then(|| format!("HK-{}", 20_000 + r.below(9_999))) {
        conv.custom = serde_json::json!({ "order_id": order });
    }
    conv
}

/// When an agent last looked: resolved ones were read; others were read up to a few incoming
/// messages before the end, and some unassigned ones never.
fn seen(r: &mut Rng, c: &Conv, now: i64) -> Option<i64> {
    let last = c.last_activity();
    if c.status == "resolved" || r.chance(35) {
        return Some((last + 30_000 + r.below(HOUR as u64) as i64).min(now));
    }
    if c.assignee == Assignee::Nobody && r.chance(50) {
        return None;
    }
    let incoming: Vec<i64> = c.msgs.iter().filter(|m| m.kind == 0).map(|m| m.at).collect();
    let k = 1 + r.below(4) as usize;
    incoming.len().checked_sub(k).map(|i| incoming[i] - 1)
}

/// Lays a scripted history out in time so that it ends at `end`, and wraps it in a
/// conversation with defaults the caller overrides.
pub fn assemble(
    d: u64,
    pos: u32,
    p: &Person,
    inbox: usize,
    drafts: Vec<Draft>,
    end: i64,
    r: &mut Rng,
) -> Conv {
    let span: i64 = drafts.iter().skip(1).map(|x| x.gap).sum();
    // A contact cannot write before it exists: squeeze the history if it would.
    let room = (end - p.created_at - MINUTE).max(MINUTE);
    let scale = if span > room { room as f64 / span as f64 } else { 1.0 };
    let mut t = end - (span as f64 * scale) as i64;
    let mut msgs: Vec<Msg> = Vec::with_capacity(drafts.len());
    for (i, x) in drafts.into_iter().enumerate() {
        if i > 0 {
            t += ((x.gap as f64 * scale) as i64).max(1);
        }
        let mut m = x.msg;
        // Real messages do not land on whole seconds; times stay strictly increasing, so
        // database ids (handed out by time) follow the history's order.
        let prev = msgs.last().map_or(i64::MIN, |m: &Msg| m.at);
        m.at = (t + r.below(997) as i64).max(prev + 1);
        if m.content_type == "incoming_email" {
            m.attrs["email"]["date"] = serde_json::json!(super::content::mail_date(m.at));
        }
        msgs.push(m);
    }
    let created_at = msgs.first().map_or(end, |m| m.at) - 1_500;
    let kind = INBOXES[inbox].kind;
    let contact_seen =
        (kind == Kind::Web).then(|| msgs.iter().rev().find(|m| m.kind == 0).map(|m| m.at + 20_000));
    Conv {
        display_id: d,
        db_id: d + DB_OFFSET,
        uuid: random_id("", r.next()),
        pos,
        inbox,
        team: None,
        assignee: Assignee::Nobody,
        status: "open",
        priority: None,
        labels: Vec::new(),
        created_at,
        snoozed_until: None,
        agent_seen: None,
        contact_seen: contact_seen.flatten(),
        additional: script::conv_attributes(kind, r, created_at, msgs.first()),
        custom: serde_json::json!({}),
        contact_inbox: (0, String::new(), created_at),
        micros: r.below(1_000_000) as u32,
        msgs,
    }
}
