//! The realtime channel on screen: the header's LIVE / CONNECTING… / POLLING / OFFLINE at
//! 140x40 and 80x24, and "… is typing…" under the open thread (snapshots of the typing frame).

use crate::common::acts::acting_at;
use crate::common::inbox::{Inbox, press, texts};
use crate::common::screen;
use crossterm::event::KeyCode;
use imbox::action::{Action, LiveAction};
use imbox::command::Command;
use imbox::state::State;
use imbox_api::ApiError;
use imbox_model::live::LiveEvent;

const SIZES: [(u16, u16); 2] = [(140, 40), (80, 24)];

fn header(s: &State) -> String {
    screen(s).lines().next().unwrap_or_default().to_string()
}

#[test]
fn the_header_says_how_the_picture_is_kept_current() {
    for (w, h) in SIZES {
        let mut s = acting_at(w, h, &Inbox::new(30, 10, 10));
        assert!(header(&s).contains(" POLLING "), "{w}x{h}: {}", header(&s));
        s.expect_realtime();
        assert!(header(&s).contains(" CONNECTING… "), "{w}x{h}: {}", header(&s));
        s.update(Action::Live(LiveAction::Live));
        let top = header(&s);
        assert!(top.contains(" LIVE ") && !top.contains("POLLING"), "{w}x{h}: {top}");
        assert!(top.contains("unread"), "the badge still fits at {w}x{h}: {top}");
        s.update(Action::Live(LiveAction::Unavailable("the server refused the socket (503)".into())));
        assert!(header(&s).contains(" POLLING "), "{w}x{h}: {}", header(&s));
        assert!(
            screen(&s).contains("POLLING · realtime unavailable"),
            "said once in the status line at {w}x{h}: {}",
            screen(&s)
        );
        // The server cannot be reached at all: OFFLINE, whatever the socket says.
        s.update(Action::Live(LiveAction::Live));
        let refused = ApiError::Network { endpoint: "notifications", detail: "connection refused".into() };
        s.update(Action::Probed(Err(refused)));
        let top = header(&s);
        assert!(top.contains("OFFLINE") && !top.contains(" LIVE "), "{w}x{h}: {top}");
    }
}

#[test]
fn typing_under_the_open_thread() {
    for (w, h) in SIZES {
        let mut s = acting_at(w, h, &Inbox::new(30, 10, 10));
        let cmds = press(&mut s, KeyCode::Enter);
        let req = cmds.iter().find_map(|c| match c {
            Command::LoadMessages { req, .. } => Some(*req),
            _ => None,
        });
        s.update(Action::MessagesLoaded { req: req.expect("load"), skip: 0, result: Ok(texts(1..6, false)) });
        s.expect_realtime();
        s.update(Action::Live(LiveAction::Live));
        let id = s.thread.conversation_id.clone().expect("open");
        let newest = "message 5";
        assert!(screen(&s).contains(newest));
        s.update(Action::Live(LiveAction::Event(Box::new(LiveEvent::Typing {
            conversation_id: id,
            who: "Nguyễn Hương".into(),
            agent: false,
            on: true,
        }))));
        let text = screen(&s);
        assert!(text.contains("✎ Nguyễn Hương is typing…"), "{w}x{h}:\n{text}");
        assert!(text.contains(newest), "the newest message stays on screen above it");
        insta::assert_snapshot!(format!("live_typing_{w}x{h}"), text);
    }
}
