//! Helpers of the inbox tests: a state on an account whose backend has conversation views,
//! cursor history and mark-read (as Chatwoot declares them, written here so the tests do not
//! depend on a client), a deterministic inbox to answer its pages from, and keys pressed
//! through the real keymap. Domain values are built directly: no I/O.

use crate::common::settle;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use imbox::action::Action;
use imbox::action::InboxAction;
use imbox::command::Command;
use imbox::command::InboxCommand;
use imbox::state::{Account, State};
use imbox_api::{BackendKind, Capabilities};
use imbox_model::{
    Attachment, Card, Conversation, FormItem, InboxPage, InboxView, Message, MessageBody, Page, ReplyButton,
    Sender, ViewCounts,
};
use jiff::SignedDuration;
use jiff::tz::TimeZone;

/// What a Chatwoot-like backend can do.
pub fn capabilities() -> Capabilities {
    Capabilities {
        contact_list: true,
        contact_search: true,
        contact_edit: true,
        edit_fields: &["first_name", "last_name", "email", "phone_number"],
        contact_conversations: true,
        conversation_views: true,
        inbox_views: true,
        mark_conversation_read: true,
        notifications: true,
        dismiss_notifications: true,
        phone_e164: true,
        cursor_history: true,
        mark_all_notifications_read: true,
        ..Capabilities::default()
    }
}

/// A state of the given size on an inbox account, at the fixed now, in UTC (not started).
pub fn state(width: u16, height: u16) -> State {
    let account = Account {
        label: "Chatwoot · 127.0.0.1:3000".into(),
        name: "Chatwoot".into(),
        demo: false,
        kind: BackendKind::Chatwoot,
        capabilities: capabilities(),
        gateway: None,
    };
    let mut s = State::new(account, crate::common::now(), TimeZone::UTC);
    s.update(Action::Resize(width, height));
    s
}

/// A deterministic inbox: the first `mine` conversations are assigned to me, the next
/// `unassigned` to nobody, the rest to someone else; "All" is every one of them.
pub struct Inbox {
    /// Every conversation, newest activity first.
    pub all: Vec<Conversation>,
    /// How many are mine.
    pub mine: usize,
    /// How many are unassigned.
    pub unassigned: usize,
}

const PEOPLE: [&str; 6] =
    ["Dana Levi", "Omar Haddad", "李小龙", "Sofia Rossi", "Kwame Mensah", "Aiko Tanaka"];
const INBOXES: [&str; 3] = ["Website", "WhatsApp Support", "Email"];
const PREVIEWS: [&str; 4] = [
    "Is my order shipped yet?",
    "Thanks, that worked!",
    "Can I change the delivery address?",
    "退款什么时候到账？",
];

impl Inbox {
    /// An inbox of `all` conversations with `mine` mine and `unassigned` unassigned.
    pub fn new(all: usize, mine: usize, unassigned: usize) -> Inbox {
        let all = (0..all)
            .map(|i| {
                let assignee = if i < mine {
                    "Me Agent"
                } else if i < mine + unassigned {
                    ""
                } else {
                    "Lee Chen"
                };
                Conversation {
                    id: (1000 + i).to_string(),
                    contact_id: (500 + i % 40).to_string(),
                    contact_name: PEOPLE[i % PEOPLE.len()].to_string(),
                    name: PEOPLE[i % PEOPLE.len()].to_string(),
                    channel_type: "web_widget".into(),
                    status: "open".into(),
                    timestamp: Some(crate::common::now() - SignedDuration::from_mins(7 * i as i64 + 3)),
                    latest_message: Some(PREVIEWS[i % PREVIEWS.len()].to_string()),
                    unread_count: [2, 0, 0, 11, 0][i % 5],
                    assignee: assignee.into(),
                    inbox: INBOXES[i % INBOXES.len()].to_string(),
                    ..Default::default()
                }
            })
            .collect();
        Inbox { all, mine, unassigned }
    }

    /// The rows of `view`.
    pub fn rows(&self, view: InboxView) -> &[Conversation] {
        match view {
            InboxView::Mine => &self.all[..self.mine],
            InboxView::Unassigned => &self.all[self.mine..self.mine + self.unassigned],
            InboxView::All => &self.all,
        }
    }

    /// The counts the server reports.
    pub fn counts(&self) -> ViewCounts {
        ViewCounts {
            mine: self.mine as u64,
            unassigned: self.unassigned as u64,
            assigned: (self.all.len() - self.unassigned) as u64,
            all: self.all.len() as u64,
        }
    }

    /// The answer to an inbox page request (25 a page, 1-based page numbers).
    pub fn page(&self, cmd: &Command) -> Option<Action> {
        let Command::Inbox(InboxCommand::Load { req, view, skip, query }) = cmd else { return None };
        assert_eq!(query.view, *view, "the query asks for the list it fills");
        let start = (query.page as usize - 1) * 25;
        assert_eq!(start as u64, *skip, "page {} starts at row {skip}", query.page);
        let rows = self.rows(*view);
        let items = rows[start.min(rows.len())..(start + 25).min(rows.len())].to_vec();
        let has_more = start + items.len() < rows.len();
        let page = Page { items, total: rows.len() as u64, has_more };
        Some(Action::Inbox(InboxAction::Loaded {
            req: *req,
            view: *view,
            skip: *skip,
            result: Ok(InboxPage { page, counts: self.counts() }),
        }))
    }

    /// Answers inbox pages and the filter options asked for at start, then the seeds (badge, …).
    pub fn answer(&self, cmd: &Command) -> Option<Action> {
        if let Command::Inbox(InboxCommand::LoadFilterOptions { req }) = cmd {
            return Some(Action::Inbox(InboxAction::OptionsLoaded { req: *req, result: Ok(options()) }));
        }
        self.page(cmd).or_else(|| crate::common::seed_answer(cmd))
    }
}

/// The inboxes, teams and labels the filter picker offers.
pub fn options() -> imbox_model::FilterOptions {
    imbox_model::FilterOptions {
        inboxes: vec![(1, "Website".into()), (2, "WhatsApp Support".into())],
        teams: vec![(7, "sales".into())],
        labels: vec!["vip".into(), "billing".into()],
    }
}

/// A started inbox state at `w`x`h` with the first page of Mine answered from `inbox`.
pub fn started(w: u16, h: u16, inbox: &Inbox) -> State {
    let mut s = state(w, h);
    let cmds = s.start();
    let left = settle(&mut s, cmds, &|c| inbox.answer(c));
    assert!(left.is_empty(), "{left:?}");
    s
}

/// Presses `code` through the real keymap; returns the commands.
pub fn press(s: &mut State, code: KeyCode) -> Vec<Command> {
    let mods = match code {
        KeyCode::Char(c) if c.is_ascii_uppercase() => KeyModifiers::SHIFT,
        _ => KeyModifiers::NONE,
    };
    match imbox::keymap::action_for(s, &KeyEvent::new(code, mods)) {
        Some(a) => s.update(a),
        None => panic!("{code:?} is not bound here"),
    }
}

/// Presses a character key.
pub fn key(s: &mut State, c: char) -> Vec<Command> {
    press(s, KeyCode::Char(c))
}

/// Types `text` (each character through the keymap).
pub fn type_text(s: &mut State, text: &str) {
    for c in text.chars() {
        key(s, c);
    }
}

/// The inbox page requests among `cmds`: (view, 1-based page).
pub fn pages(cmds: &[Command]) -> Vec<(InboxView, u32)> {
    cmds.iter()
        .filter_map(|c| match c {
            Command::Inbox(InboxCommand::Load { view, query, .. }) => Some((*view, query.page)),
            _ => None,
        })
        .collect()
}

/// Text messages with ids `ids`, one minute apart, newest first (as the Backend trait returns).
pub fn texts(ids: std::ops::Range<u64>, has_more: bool) -> Page<Message> {
    let mut items: Vec<Message> = ids
        .map(|i| Message {
            id: i.to_string(),
            conversation_id: "1000".into(),
            sender: if i % 2 == 0 { Sender::Contact } else { Sender::Agent },
            created_at: Some(crate::common::now() - SignedDuration::from_mins(500 - i as i64)),
            body: MessageBody::Text { text: format!("message {i}"), is_mail: false },
            ..Default::default()
        })
        .collect();
    items.reverse();
    Page { items, total: 0, has_more }
}

/// One of each kind the thread draws specially, oldest first: a question with options and the
/// submitted answer, cards, a form, an activity line, a private note, and attachments.
pub fn rich_thread() -> Vec<Message> {
    let at = |m: i64| Some(crate::common::now() - SignedDuration::from_mins(m));
    let base = |id: &str, sender: Sender, name: &str, mins: i64, body: MessageBody| Message {
        id: id.into(),
        conversation_id: "1000".into(),
        sender,
        sender_name: name.into(),
        created_at: at(mins),
        body,
        ..Default::default()
    };
    let buttons = ["Yes", "No", "Later"]
        .iter()
        .enumerate()
        .map(|(i, t)| ReplyButton { id: i as i64, title: t.to_string(), payload: t.to_lowercase() })
        .collect();
    let mut note = base(
        "105",
        Sender::Agent,
        "Me Agent",
        20,
        MessageBody::Text {
            text: "Customer is a VIP — refund without the usual checks.".into(),
            is_mail: false,
        },
    );
    note.private = true;
    let mut photo = base(
        "106",
        Sender::Contact,
        "",
        10,
        MessageBody::Text { text: "Here is the damaged box".into(), is_mail: false },
    );
    photo.attachments = vec![
        Attachment {
            kind: "image".into(),
            url: "https://cdn.example.com/u/box.jpg".into(),
            title: "box.jpg".into(),
        },
        Attachment {
            kind: "file".into(),
            url: "https://cdn.example.com/u/receipt-2026-11-20.pdf".into(),
            title: "receipt.pdf".into(),
        },
    ];
    vec![
        base(
            "101",
            Sender::Agent,
            "Support Bot",
            60,
            MessageBody::Response {
                title: String::new(),
                text: "Did the parcel arrive?".into(),
                buttons,
                chosen: vec!["no".into()],
            },
        ),
        base(
            "102",
            Sender::Agent,
            "Support Bot",
            50,
            MessageBody::Cards {
                cards: vec![Card {
                    title: "Express reship".into(),
                    description: "A new parcel leaves today.".into(),
                    media_url: "https://cdn.example.com/reship.png".into(),
                    actions: vec![
                        ("Choose".into(), "RESHIP".into()),
                        ("Details".into(), "https://shop.example.com/reship".into()),
                    ],
                }],
            },
        ),
        base(
            "103",
            Sender::Agent,
            "Support Bot",
            40,
            MessageBody::Form {
                text: "Where should we send it?".into(),
                fields: vec![
                    FormItem { label: "Name".into(), kind: "text".into(), value: "Dana Levi".into() },
                    FormItem { label: "Phone".into(), kind: "text".into(), value: String::new() },
                ],
            },
        ),
        base(
            "104",
            Sender::Other,
            "",
            30,
            MessageBody::Activity { text: "Conversation was assigned to Me Agent".into() },
        ),
        note,
        photo,
    ]
}
