//! Turning a lookup's messages into the domain: contacts (one per set of contact identifiers),
//! threads (one per channel) and messages.
//!
//! Everything here works on sanitized [`Record`]s and is pure, so it is tested without a server.

use super::lookup::{Lookup, LookupKind, Ref, normalise_phone};
use super::wire::{Direction, Record};
use imbox_model::{Contact, Conversation, Message, MessageBody, Sender};
use jiff::Timestamp;

/// How a channel is named on screen: `SMS`, `RCS`, `Facebook`, `Multi-channel`.
pub fn channel_label(channel: &str) -> String {
    match channel {
        "sms" | "rcs" | "mms" => channel.to_ascii_uppercase(),
        "multi_channel" => "Multi-channel".into(),
        "" => "Unknown channel".into(),
        other => {
            let mut c = other.chars();
            c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
        }
    }
}

/// What tells one contact from another in a lookup's messages: the phone's digits, else the
/// e-mail, else the Facebook id, else the name.
fn contact_key(r: &Record) -> String {
    let digits: String = r.contact_phone.chars().filter(char::is_ascii_digit).collect();
    if !digits.is_empty() {
        return format!("p:{digits}");
    }
    if !r.contact_email.is_empty() {
        return format!("e:{}", r.contact_email.to_lowercase());
    }
    if !r.contact_facebook_id.is_empty() {
        return format!("f:{}", r.contact_facebook_id);
    }
    format!("n:{}", r.contact_name)
}

fn first<'a>(records: &[&'a Record], f: impl Fn(&'a Record) -> &'a str) -> String {
    records.iter().map(|r| f(r)).find(|s| !s.is_empty()).unwrap_or_default().to_string()
}

/// The lookups that find this contact again: a `cid_…` lookup stays what it was (the user asked
/// for that one conversation); otherwise the contact's phone number (its sms/rcs threads) and
/// Facebook id (its Facebook threads), falling back to the lookup that found it.
fn lookups_for(records: &[&Record], found_by: &Lookup) -> Vec<Lookup> {
    if found_by.kind == LookupKind::ConversationId {
        return vec![found_by.clone()];
    }
    let mut out = Vec::new();
    if let Some(phone) = normalise_phone(&first(records, |r| &r.contact_phone)) {
        out.push(Lookup { kind: LookupKind::PhoneNumber, value: phone });
    }
    if let Some(fb) = Lookup::facebook(&first(records, |r| &r.contact_facebook_id)) {
        out.push(fb);
    }
    if !out.contains(found_by) && !out.iter().any(|l| l.kind == found_by.kind) {
        // E.g. a Facebook lookup whose messages carry no Facebook id: keep what worked.
        out.push(found_by.clone());
    }
    out
}

/// The contacts among a lookup's messages, in the order they first appear.
pub fn contacts(records: &[Record], found_by: &Lookup, capped: bool) -> Vec<Contact> {
    let mut groups: Vec<(String, Vec<&Record>)> = Vec::new();
    for r in records {
        let key = contact_key(r);
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, g)) => g.push(r),
            None => groups.push((key, vec![r])),
        }
    }
    groups.into_iter().map(|(_, g)| contact(&g, found_by, capped)).collect()
}

fn contact(g: &[&Record], found_by: &Lookup, capped: bool) -> Contact {
    let id = Ref { lookups: lookups_for(g, found_by), channel: None }.encode();
    let phone = first(g, |r| &r.contact_phone);
    let email = first(g, |r| &r.contact_email);
    let name = first(g, |r| &r.contact_name);
    let display_name = [&name, &phone, &email].into_iter().find(|s| !s.is_empty()).cloned();
    let mut channels: Vec<&str> = Vec::new();
    for r in g {
        if !channels.contains(&r.channel.as_str()) {
            channels.push(&r.channel);
        }
    }
    let latest = g.last().map(|r| r.channel.clone()).unwrap_or_default();
    let mut extra: Vec<(String, String)> = Vec::new();
    let mut add = |k: &str, v: String| {
        if !v.is_empty() {
            extra.push((k.to_string(), v));
        }
    };
    add("facebook_id", first(g, |r| &r.contact_facebook_id));
    add("channels", channels.iter().map(|c| channel_label(c)).collect::<Vec<_>>().join(", "));
    let inbound = g.iter().filter(|r| r.direction == Direction::Inbound).count();
    let count = if capped { format!("{}+", g.len()) } else { g.len().to_string() };
    add("messages", format!("{count} ({inbound} inbound, {} outbound)", g.len() - inbound));
    add(
        "agent_assigned_to",
        g.iter().rev().map(|r| r.agent.as_str()).find(|a| !a.is_empty()).unwrap_or_default().into(),
    );
    add("user_identifier", first(g, |r| &r.user_identifier));
    add("user_phone_number", first(g, |r| &r.user_phone));
    add("user_email", first(g, |r| &r.user_email));
    add("facebook_page_id", first(g, |r| &r.facebook_page_id));
    add("lookup", format!("{}={}", found_by.kind.param(), found_by.value));
    if capped {
        add("note", capped_note());
    }
    Contact {
        id,
        display_name: display_name.unwrap_or_else(|| found_by.value.clone()),
        email,
        phone_number: phone,
        channel_type: latest,
        extra,
        ..Contact::default()
    }
}

/// Said wherever a capped lookup's results are shown.
pub fn capped_note() -> String {
    format!(
        "only the first {} messages were read ({} pages of {})",
        super::MAX_PAGES * super::PER_PAGE,
        super::MAX_PAGES,
        super::PER_PAGE
    )
}

/// One thread: the conversation and its messages oldest first (as the server lists them).
pub struct Thread<'a> {
    /// The lookup that found it.
    pub lookup: Lookup,
    /// Its channel.
    pub channel: String,
    /// Its messages, in server order.
    pub records: Vec<&'a Record>,
    /// Whether the lookup hit the page cap.
    pub capped: bool,
    /// Sort key: latest timestamp, then the position of its newest message.
    order: (Option<Timestamp>, usize),
}

/// Splits the messages of each `(lookup, records, capped)` into threads by channel, newest
/// activity first; a message two lookups both found is kept once (by message id).
pub fn threads<'a>(found: &'a [(Lookup, Vec<Record>, bool)]) -> Vec<Thread<'a>> {
    let mut out: Vec<Thread<'a>> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut position = 0;
    for (lookup, records, capped) in found {
        for r in records {
            position += 1;
            if !r.message_id.is_empty() && !seen.insert((r.channel.as_str(), r.message_id.as_str())) {
                continue;
            }
            let t = match out.iter_mut().position(|t| t.channel == r.channel) {
                Some(i) => &mut out[i],
                None => {
                    out.push(Thread {
                        lookup: lookup.clone(),
                        channel: r.channel.clone(),
                        records: Vec::new(),
                        capped: *capped,
                        order: (None, 0),
                    });
                    let last = out.len() - 1;
                    &mut out[last]
                }
            };
            t.records.push(r);
            t.order = (t.order.0.max(r.timestamp), position);
        }
    }
    out.sort_by_key(|t| std::cmp::Reverse(t.order));
    out
}

impl Thread<'_> {
    /// The conversation id: the lookup and the channel.
    pub fn id(&self) -> String {
        Ref { lookups: vec![self.lookup.clone()], channel: Some(self.channel.clone()) }.encode()
    }

    /// The thread as a conversation of `contact_id`.
    pub fn conversation(&self, contact_id: &str) -> Conversation {
        let contact_name = first(&self.records, |r| &r.contact_name);
        let label = channel_label(&self.channel);
        let newest = self.records.last();
        let inbound = self.records.iter().filter(|r| r.direction == Direction::Inbound).count();
        let total = self.records.len();
        let plus = if self.capped { "+" } else { "" };
        Conversation {
            id: self.id(),
            contact_id: contact_id.to_string(),
            channel_type: self.channel.clone(),
            // The API reports no conversation status; the counts are what is worth showing.
            status: format!(
                "{total}{plus} message{} · {inbound} in · {} out",
                if total == 1 && !self.capped { "" } else { "s" },
                total - inbound
            ),
            name: if contact_name.is_empty() { label } else { format!("{label} · {contact_name}") },
            timestamp: self.records.iter().filter_map(|r| r.timestamp).max(),
            latest_message: newest.map(|r| format!("{}: {}", sender_name(r), r.text.replace('\n', " "))),
            assignee: self
                .records
                .iter()
                .rev()
                .map(|r| r.agent.as_str())
                .find(|a| !a.is_empty())
                .unwrap_or_default()
                .into(),
            contact_name,
            ..Conversation::default()
        }
    }
}

fn sender_name(r: &Record) -> String {
    let name = match r.direction {
        Direction::Inbound => &r.contact_name,
        _ => &r.agent,
    };
    if !name.is_empty() {
        return name.clone();
    }
    match r.direction {
        Direction::Inbound => "Contact".into(),
        Direction::Outbound => "Agent".into(),
        Direction::Unknown => "Unknown".into(),
    }
}

/// A record as a message of `conversation_id`; `index` (oldest = 0) stands in for a missing id.
pub fn message(r: &Record, conversation_id: &str, index: usize) -> Message {
    let sender = match r.direction {
        Direction::Inbound => Sender::Contact,
        Direction::Outbound => Sender::Agent,
        Direction::Unknown => Sender::Other,
    };
    let from = match r.direction {
        Direction::Inbound => [&r.contact_phone, &r.contact_email, &r.contact_facebook_id]
            .into_iter()
            .find(|s| !s.is_empty())
            .cloned()
            .unwrap_or_default(),
        _ => r.user_identifier.clone(),
    };
    let name = match r.direction {
        Direction::Inbound => r.contact_name.clone(),
        _ => r.agent.clone(),
    };
    Message {
        id: if r.message_id.is_empty() { format!("{}#{index}", r.channel) } else { r.message_id.clone() },
        conversation_id: conversation_id.to_string(),
        from,
        sender,
        created_at: r.timestamp,
        body: MessageBody::Text { text: r.text.clone(), is_mail: false },
        status: r.delivery_status.clone(),
        channel: r.channel.clone(),
        sender_name: name,
        ..Message::default()
    }
}
