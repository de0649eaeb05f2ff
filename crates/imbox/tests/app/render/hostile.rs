//! Text written by strangers cannot reach the terminal as control sequences: hostile names,
//! messages and button titles decoded through the real wire types and drawn through a real
//! crossterm backend, checking the raw bytes written.

use crate::common::{settle, state};
use imbox::action::Action;
use imbox::command::Command;
use imbox::state::State;
use imbox_api::imbrace::wire;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use std::io::Write;
use std::sync::{Arc, Mutex};

/// Payloads that would retitle the window, set the clipboard, clear the screen, hide text or
/// reorder it if they reached the terminal raw.
const ATTACKS: [&str; 8] = [
    "\u{1b}]0;pwned\u{7}",
    "\u{1b}]52;c;ZXZpbA==\u{7}",
    "\u{1b}[2J\u{1b}[H",
    "\u{9b}31m8bit",
    "\u{1b}]8;;https://evil.example\u{1b}\\link\u{1b}]8;;\u{1b}\\",
    "\u{1b}P1$qm\u{1b}\\",
    "bidi\u{202e}txet",
    "zero\u{200b}width\u{2066}iso",
];

fn hostile_json() -> (String, String, String) {
    let contacts = serde_json::json!({
        "data": ATTACKS.iter().enumerate().map(|(i, a)| serde_json::json!({
            "id": format!("con_{i}"), "display_name": format!("name{a}"), "channel_type": format!("web{a}")
        })).collect::<Vec<_>>(),
        "count": ATTACKS.len(), "has_more": false
    });
    let conversations = serde_json::json!({
        "data": [{ "public_id": "tcu_1", "conversation": { "public_id": "conv_1", "name": ATTACKS.concat(), "status": ATTACKS[0], "channel_type": "web" },
                   "latest_message": { "type": "text", "content": { "text": ATTACKS.concat() } }, "teams": [{ "name": ATTACKS[1] }] }]
    });
    let messages = serde_json::json!({
        "items": [
            { "_id": "m1", "from": "u_1", "type": "response", "created_at": "2024-12-10T09:53:09Z",
              "content": { "title": ATTACKS[2], "text": ATTACKS.concat(), "quick_replies": ATTACKS.iter().map(|a| serde_json::json!({"title": a})).collect::<Vec<_>>() } },
            { "_id": "m2", "from": "con_1", "type": ATTACKS[0], "created_at": "2024-12-10T09:54:09Z", "content": { "x": ATTACKS[3] } },
            { "_id": "m3", "from": "con_1", "type": "image", "created_at": "2024-12-10T09:55:09Z", "content": { "caption": ATTACKS[4], "url": ATTACKS[5] } }
        ],
        "count": 3, "has_more": false
    });
    (contacts.to_string(), conversations.to_string(), messages.to_string())
}

fn answer(cmd: &Command) -> Option<Action> {
    let (contacts, conversations, messages) = hostile_json();
    Some(match cmd {
        Command::LoadContacts { req, skip, .. } => {
            let list: wire::ContactList = serde_json::from_str(&contacts).ok()?;
            Action::ContactsLoaded { req: *req, skip: *skip, result: Ok(list.into_page(*skip)) }
        }
        Command::LoadConversations { req, .. } => {
            let list: wire::ConversationList = serde_json::from_str(&conversations).ok()?;
            Action::ConversationsLoaded { req: *req, result: Ok(list.into_conversations()) }
        }
        Command::LoadMessages { req, skip, .. } => {
            let list: wire::MessageList = serde_json::from_str(&messages).ok()?;
            Action::MessagesLoaded { req: *req, skip: *skip, result: Ok(list.into_page(*skip)) }
        }
        _ => return None,
    })
}

/// A writer that keeps what the backend wrote, readable after drawing.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("capture lock").extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn raw_bytes(s: &State) -> Vec<u8> {
    let (w, h) = s.size;
    let capture = Capture::default();
    let backend = CrosstermBackend::new(capture.clone());
    let mut terminal =
        Terminal::with_options(backend, TerminalOptions { viewport: Viewport::Fixed(Rect::new(0, 0, w, h)) })
            .expect("terminal");
    terminal.draw(|f| imbox::ui::draw(s, f)).expect("draw");
    capture.0.lock().expect("capture lock").clone()
}

fn assert_clean(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    for bad in [
        "\u{1b}]",
        "\u{1b}P",
        "\u{1b}[2J",
        "\u{1b}[H",
        "\u{1b}\\",
        "\u{7}",
        "\u{9b}",
        "\u{202e}",
        "\u{2066}",
        "\u{200b}",
    ] {
        assert!(!text.contains(bad), "{bad:?} reached the terminal");
    }
    // ratatui itself only writes CSI sequences (cursor moves and colours): every ESC must be
    // followed by '['.
    for (i, b) in bytes.iter().enumerate() {
        if *b == 0x1b {
            assert_eq!(bytes.get(i + 1), Some(&b'['), "a non-CSI escape at byte {i}");
        }
    }
}

#[test]
fn hostile_text_in_every_pane_writes_no_control_sequence() {
    for (w, h) in [(140, 40), (80, 24)] {
        let mut s = state(w, h);
        let cmds = s.start();
        settle(&mut s, cmds, &answer);
        assert_eq!(s.contacts.len(), ATTACKS.len());
        assert_clean(&raw_bytes(&s));
        let cmds = s.update(Action::Open);
        settle(&mut s, cmds, &answer);
        assert_eq!(s.conversations.items.len(), 1);
        assert_clean(&raw_bytes(&s));
        let cmds = s.update(Action::Open);
        settle(&mut s, cmds, &answer);
        assert_eq!(s.thread.loaded(), 3);
        let screen = crate::common::screen(&s);
        assert!(screen.contains("unsupported: ␛]0;pwned␇"), "{screen}");
        assert_clean(&raw_bytes(&s));
    }
}
