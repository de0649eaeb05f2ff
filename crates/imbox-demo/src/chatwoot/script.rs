//! Scripted histories for generated conversations: the contact writes, a bot may ask with
//! buttons, cards or a form, an agent takes over, notes are left, and the conversation ends as
//! its status says. Texts come from the iMBRACE generator's word lists.

use super::catalog::{AGENTS, Kind, TEAMS};
use super::content;
use super::world::{Assignee, Att, Msg, Sender};
use crate::data::names::{AGENT_TEXTS, COMMENTS, CONTACT_TEXTS, LONG_TEXTS, PLACES};
use crate::data::person::Person;
use crate::data::rng::{HOUR, MINUTE, Rng};
use serde_json::{Value, json};

/// What the script needs to know about the conversation.
pub struct Plot<'a> {
    /// The inbox kind.
    pub kind: Kind,
    /// Who holds the conversation at the end.
    pub assignee: Assignee,
    /// Its status at the end.
    pub status: &'static str,
    /// Its team, by index.
    pub team: Option<usize>,
    /// Its labels.
    pub labels: &'a [&'static str],
    /// The contact.
    pub person: &'a Person,
    /// Roughly how many messages the body should reach.
    pub target: usize,
}

/// A message and the time since the one before it (ms).
pub struct Draft {
    /// Gap before this message.
    pub gap: i64,
    /// The message (`id` and `at` are filled in later).
    pub msg: Msg,
}

/// A message with defaults: no attributes, not private, `sent`, no attachments.
pub fn msg(kind: u8, sender: Sender, content: Option<String>, content_type: &'static str) -> Msg {
    Msg {
        id: 0,
        at: 0,
        kind,
        content,
        content_type,
        attrs: json!({}),
        private: false,
        status: "sent",
        source_id: None,
        sender,
        atts: Vec::new(),
    }
}

/// An activity line (no sender).
pub fn activity(text: String) -> Msg {
    msg(2, Sender::None, Some(text), "text")
}

/// Collects drafts and stamps channel details on them.
pub struct Builder<'a> {
    /// The random stream.
    pub r: &'a mut Rng,
    /// Inbox kind.
    pub kind: Kind,
    /// Drafts so far.
    pub out: Vec<Draft>,
}

impl Builder<'_> {
    /// Appends `m` after `gap` ms, giving incoming and outgoing messages the channel's source id.
    pub fn push(&mut self, gap: i64, mut m: Msg) {
        if m.kind <= 1 && !m.private && m.sender != Sender::Bot {
            let x = self.r.next();
            m.source_id = match (self.kind, m.kind) {
                (Kind::WhatsApp, _) => Some(format!("wamid.HBgM{x:016X}FQIAEhgg{:016X}", self.r.next())),
                (Kind::Email, 0) => Some(format!("CA{x:x}@mail.gmail.com")),
                (Kind::Email, _) => Some(format!("conversation/{x:x}@reply.acme.io")),
                (Kind::Sms, _) => Some(format!("SM{x:016x}")),
                (Kind::Web, _) => None,
            };
        }
        self.out.push(Draft { gap, msg: m });
    }

    /// A gap between messages of one exchange (20 s – 4 min).
    pub fn short(&mut self) -> i64 {
        20_000 + self.r.below(220_000) as i64
    }

    /// A gap between exchanges (2 – 40 h).
    pub fn long(&mut self) -> i64 {
        2 * HOUR + self.r.below((38 * HOUR) as u64) as i64
    }

    /// Number of messages so far.
    pub fn len(&self) -> usize {
        self.out.len()
    }
}

/// The contact's first or a later message in this inbox.
fn incoming(b: &mut Builder, p: &Person, first: bool) -> Msg {
    if b.kind == Kind::Email {
        let text = if first || b.r.chance(30) { *b.r.pick(&LONG_TEXTS) } else { *b.r.pick(&CONTACT_TEXTS) };
        let subject = *b.r.pick(&content::SUBJECTS);
        let mut m = msg(0, Sender::Contact, Some(text.to_string()), "incoming_email");
        m.attrs = content::incoming_email(text, &p.email, subject, b.r.next());
        return m;
    }
    let x = b.r.below(100);
    let mut m = msg(0, Sender::Contact, None, "text");
    match x {
        0..=7 => {
            let (name, w, hgt) = *b.r.pick(&content::IMAGES);
            m.atts.push((0, Att::Image(name, 40_000 + b.r.below(900_000), w, hgt)));
        }
        8..=11 => {
            m.content = Some("Here is the document".into());
            let doc = *b.r.pick(&content::DOCS);
            m.atts.push((0, Att::File(doc, 12_000 + b.r.below(400_000))));
        }
        12..=16 if b.kind != Kind::Sms => {
            m.atts.push((0, Att::Audio("voice-message.ogg", 8_000 + b.r.below(90_000))));
        }
        17..=20 if b.kind != Kind::Sms => {
            let (lat, lon, title) = *b.r.pick(&PLACES);
            m.atts.push((0, Att::Location(lat, lon, title)));
        }
        21..=24 => m.content = Some(b.r.pick(&LONG_TEXTS).to_string()),
        _ => m.content = Some(b.r.pick(&CONTACT_TEXTS).to_string()),
    }
    m
}

/// An agent's reply.
fn reply(b: &mut Builder, agent: usize, p: &Person) -> Msg {
    let mut m = msg(1, Sender::Agent(agent), None, "text");
    match b.r.below(100) {
        0..=7 => {
            m.content = Some("Here is the invoice you asked for.".into());
            m.atts.push((0, Att::File("invoice-58213.pdf", 48_211 + b.r.below(20_000))));
        }
        8..=12 => m.content = Some(LONG_TEXTS[2].to_string()),
        _ => m.content = Some(b.r.pick(&AGENT_TEXTS).to_string()),
    }
    if b.kind == Kind::Email {
        m.attrs = json!({"cc_emails": [], "bcc_emails": [], "to_emails": [p.email]});
    }
    if b.kind == Kind::WhatsApp && b.r.chance(5) {
        m.status = "failed";
        m.attrs = json!({"external_error": content::WHATSAPP_ERROR});
    }
    m
}

/// The bot's opening: buttons (answered unless the contact went quiet), then maybe cards, an
/// article list or a form.
fn bot_flow(b: &mut Builder, answered: bool, email: &str) {
    let g = b.short();
    let ask = content::input_select(b.r, answered);
    b.push(g, ask);
    if answered {
        let title = b
            .out
            .last()
            .and_then(|d| d.msg.attrs["submitted_values"][0]["title"].as_str().map(str::to_string));
        let g = b.short();
        b.push(g, msg(0, Sender::Contact, title, "text"));
    }
    let x = b.r.below(100);
    let follow = match x {
        0..=34 => Some(content::cards()),
        35..=54 => Some(content::article()),
        55..=69 => Some(content::form(b.r, answered, email)),
        _ => None,
    };
    if let Some(m) = follow {
        let g = b.short();
        b.push(g, m);
    }
}

/// The agent who writes in the body: the assignee, or for conversations nobody holds now,
/// someone who handled them before (none for open, unassigned ones: they wait).
fn replier(r: &mut Rng, p: &Plot) -> Option<usize> {
    match p.assignee {
        Assignee::Agent(i) => Some(i),
        _ if p.status == "open" || p.status == "pending" => None,
        _ => Some(r.below(AGENTS.len() as u64) as usize),
    }
}

/// A whole history for `p`.
pub fn thread(r: &mut Rng, p: &Plot) -> Vec<Draft> {
    let agent = replier(r, p);
    let mut b = Builder { r, kind: p.kind, out: Vec::new() };
    let first = incoming(&mut b, p.person, true);
    b.push(0, first);
    if p.kind == Kind::Web && b.r.chance(50) {
        b.push(1_000, msg(3, Sender::None, Some(content::GREETING.into()), "text"));
        if b.r.chance(40) {
            let mut m = msg(3, Sender::None, Some("Get notified by email".into()), "input_email");
            if !p.person.email.is_empty() {
                m.attrs = json!({"submitted_email": p.person.email});
            }
            b.push(1_000, m);
        }
    }
    let bot = p.assignee == Assignee::Bot || (matches!(p.kind, Kind::Web | Kind::WhatsApp) && b.r.chance(30));
    if bot {
        let answered = !(p.assignee == Assignee::Bot && p.status == "pending" && b.r.chance(60));
        bot_flow(&mut b, answered, &p.person.email);
    }
    if let Some(a) = agent {
        let by = if b.r.chance(50) { a } else { b.r.below(AGENTS.len() as u64) as usize };
        let text = if by == a {
            format!("{} self-assigned this conversation", AGENTS[a].name)
        } else {
            format!("Assigned to {} by {}", AGENTS[a].name, AGENTS[by].name)
        };
        let g = b.short();
        b.push(g, activity(text));
        if let Some(t) = p.team {
            let g = b.short();
            b.push(g, activity(format!("Assigned to {} by {}", TEAMS[t].1, AGENTS[by].name)));
        }
        if !p.labels.is_empty() {
            let g = b.short();
            b.push(g, activity(format!("{} added {}", AGENTS[a].name, p.labels.join(", "))));
        }
    }
    let mut session = 0;
    while b.len() < p.target && !(p.assignee == Assignee::Bot && p.status == "pending") {
        let (g, talk) = if session == 0 { (b.short(), 1) } else { (b.long(), 1 + b.r.below(3)) };
        session += 1;
        for i in 0..talk {
            let m = incoming(&mut b, p.person, false);
            let gap = if i == 0 { g } else { b.short() };
            b.push(gap, m);
        }
        let Some(a) = agent else { continue };
        if b.r.chance(10) {
            let text = *b.r.pick(&COMMENTS);
            let note = content::note(text, a);
            let g = b.short();
            b.push(g, note);
        }
        if a != 0 && b.r.chance(12) {
            let other = 1 + b.r.below(AGENTS.len() as u64 - 1) as usize;
            let g = b.short();
            b.push(g, content::note(content::MENTION, other));
        }
        for _ in 0..1 + b.r.below(2) {
            let m = reply(&mut b, a, p.person);
            let g = b.short();
            b.push(g, m);
        }
    }
    ending(&mut b, p, agent);
    let mut out = b.out;
    delivery(&mut out, p.kind);
    out
}

/// The last lines the status implies.
fn ending(b: &mut Builder, p: &Plot, agent: Option<usize>) {
    match (p.status, agent) {
        ("resolved", Some(a)) => {
            let g = b.short();
            b.push(g, activity(format!("Conversation was marked resolved by {}", AGENTS[a].name)));
            if p.kind == Kind::Web && b.r.chance(60) {
                let csat = content::csat(b.r);
                b.push(2_000, csat);
            }
        }
        ("snoozed", Some(a)) => {
            let g = b.short();
            b.push(g, activity(format!("Conversation was snoozed by {}", AGENTS[a].name)));
        }
        ("open", _) if b.r.chance(55) => {
            let m = incoming(b, p.person, false);
            let g = b.long().min(6 * HOUR);
            b.push(g, m);
        }
        _ => {}
    }
    if b.out.len() == 1 {
        // A one-message conversation still gets a second line so its list preview varies.
        let g = b.short().max(MINUTE);
        let text = b.r.pick(&CONTACT_TEXTS).to_string();
        b.push(g, msg(0, Sender::Contact, Some(text), "text"));
    }
}

/// Outgoing WhatsApp messages are `read` except the newest (`delivered`); SMS ones `delivered`.
fn delivery(out: &mut [Draft], kind: Kind) {
    let outgoing = |d: &Draft| d.msg.kind == 1 && !d.msg.private && d.msg.status != "failed";
    let last = out.iter().rposition(outgoing);
    for (i, d) in out.iter_mut().enumerate() {
        if !outgoing(d) {
            continue;
        }
        d.msg.status = match kind {
            Kind::WhatsApp if Some(i) == last => "delivered",
            Kind::WhatsApp => "read",
            Kind::Sms => "delivered",
            _ => "sent",
        };
    }
}

/// The conversation's `additional_attributes` for its inbox kind.
pub fn conv_attributes(kind: Kind, r: &mut Rng, created_at: i64, first: Option<&Msg>) -> Value {
    match kind {
        Kind::Web => content::browser(r, created_at),
        Kind::Email => json!({
            "source": "email", "in_reply_to": null, "auto_reply": false,
            "mail_subject": first.and_then(|m| m.attrs["email"]["subject"].as_str()).unwrap_or(""),
            "initiated_at": {"timestamp": content::utc_stamp(created_at)},
        }),
        _ => json!({}),
    }
}
