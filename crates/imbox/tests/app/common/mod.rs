//! Helpers shared by the integration tests: seed fixtures decoded through the real wire types,
//! and states driven through the real `update`.

pub mod acts;
pub mod compose;
pub mod inbox;

use imbox::action::Action;
use imbox::command::Command;
use imbox::state::{Account, State};
use imbox_api::imbrace::wire;
use imbox_model::{Contact, Conversation, Message, NotificationPage, Page};
use jiff::Timestamp;
use jiff::tz::TimeZone;

/// The fixed "now" of every test state.
pub fn now() -> Timestamp {
    "2026-11-22T12:00:00Z".parse().expect("valid timestamp")
}

/// The seed's contacts page (10 contacts, count 65,681).
pub fn seed_contacts() -> Page<Contact> {
    let list: wire::ContactList =
        serde_json::from_str(&imbox_testkit::text("imbrace/002_contacts.json")).expect("contacts fixture");
    list.into_page(0)
}

/// The seed's conversations of TWN#NJ9585.
pub fn seed_conversations() -> Vec<Conversation> {
    let list: wire::ConversationList =
        serde_json::from_str(&imbox_testkit::text("imbrace/002_contact_conversations.json"))
            .expect("conversations fixture");
    list.into_conversations()
}

/// The seed's three newest messages of conv_f262… (count 304).
pub fn seed_messages() -> Page<Message> {
    let list: wire::MessageList =
        serde_json::from_str(&imbox_testkit::text("imbrace/000_messages.json")).expect("messages fixture");
    list.into_page(0)
}

/// The seed's notifications page (unread 595).
pub fn seed_notifications() -> NotificationPage {
    let list: wire::NotificationList =
        serde_json::from_str(&imbox_testkit::text("imbrace/002_notifications.json"))
            .expect("notifications fixture");
    list.into_page(0)
}

/// A state of the given size on the demo account, at the fixed now, in UTC.
pub fn state(width: u16, height: u16) -> State {
    let mut s = State::new(
        Account {
            label: "iMBRACE · 127.0.0.1:8080".into(),
            name: "iMBRACE".into(),
            demo: true,
            kind: imbox_api::BackendKind::Imbrace,
            capabilities: imbox_api::imbrace::CAPABILITIES,
            gateway: None,
        },
        now(),
        TimeZone::UTC,
    );
    s.update(Action::Resize(width, height));
    s
}

/// Answers every command of `cmds` that `answer` knows, feeding the results back in, until
/// no new command appears. Returns the commands nobody answered.
pub fn settle(
    s: &mut State,
    cmds: Vec<Command>,
    answer: &dyn Fn(&Command) -> Option<Action>,
) -> Vec<Command> {
    let mut queue = cmds;
    let mut unanswered = Vec::new();
    let mut rounds = 0;
    while let Some(cmd) = queue.pop() {
        rounds += 1;
        assert!(rounds < 1000, "commands never settle");
        match answer(&cmd) {
            Some(action) => queue.extend(s.update(action)),
            None => unanswered.push(cmd),
        }
    }
    unanswered
}

/// Answers from the seed fixtures: contacts, conversations, messages and the badge.
pub fn seed_answer(cmd: &Command) -> Option<Action> {
    Some(match cmd {
        Command::LoadContacts { req, skip, .. } if *skip == 0 => {
            Action::ContactsLoaded { req: *req, skip: 0, result: Ok(seed_contacts()) }
        }
        Command::LoadContacts { .. } => return None,
        Command::LoadConversations { req, .. } => {
            Action::ConversationsLoaded { req: *req, result: Ok(seed_conversations()) }
        }
        Command::LoadMessages { req, skip, .. } if *skip == 0 => {
            Action::MessagesLoaded { req: *req, skip: 0, result: Ok(seed_messages()) }
        }
        Command::LoadMessages { .. } => return None,
        Command::LoadUnreadCount { req } => {
            Action::UnreadLoaded { req: *req, result: Ok(seed_notifications()) }
        }
        _ => return None,
    })
}

/// The screen as text: one line per row, wide characters counted once.
pub fn screen(s: &State) -> String {
    let backend = ratatui::backend::TestBackend::new(s.size.0, s.size.1);
    let mut terminal = ratatui::Terminal::new(backend).expect("test terminal");
    terminal.draw(|f| imbox::ui::draw(s, f)).expect("draw");
    let buffer = terminal.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut skip = 0;
        for x in 0..buffer.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buffer[(x, y)].symbol();
            out.push_str(sym);
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
        }
        out.push('\n');
    }
    out
}
