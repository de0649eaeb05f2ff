//! The pure update: flows driven by actions, asserting state and the commands asked for.
//! No runtime, no network, no terminal.

use crate::common::{seed_answer, settle, state};
use imbox::action::Action;
use imbox::command::Command;
use imbox::layout::Pane;
use imbox_api::ApiError;

fn contacts_requests(cmds: &[Command]) -> Vec<u64> {
    cmds.iter()
        .filter_map(|c| match c {
            Command::LoadContacts { skip, .. } => Some(*skip),
            _ => None,
        })
        .collect()
}

#[test]
fn start_asks_for_the_badge_and_the_first_contacts_page() {
    let mut s = state(140, 40);
    let cmds = s.start();
    assert!(cmds.iter().any(|c| matches!(c, Command::LoadUnreadCount { .. })));
    assert!(cmds.iter().any(|c| matches!(c, Command::LoadContacts { skip: 0, limit: 50, .. })));
    assert_eq!(cmds.len(), 2);
    assert!(s.is_loading());
}

#[test]
fn enter_walks_from_a_contact_to_its_conversations_to_the_thread() {
    let mut s = state(140, 40);
    let cmds = s.start();
    settle(&mut s, cmds, &seed_answer);
    assert_eq!(s.badge.unread, Some(595));
    assert_eq!(s.contacts.len(), 65_681);
    let cmds = s.update(Action::Down);
    assert_eq!(s.contacts.selected, 1);
    assert!(cmds.is_empty(), "moving within the loaded page asks for nothing");
    let cmds = s.update(Action::Open);
    assert_eq!(s.focus, Pane::Conversations);
    assert_eq!(
        cmds,
        vec![Command::LoadConversations {
            req: match &cmds[0] {
                Command::LoadConversations { req, .. } => *req,
                _ => 0,
            },
            contact_id: "con_56e4e804-30f7-497a-905d-dade09b561cc".into(),
            channel_types: vec![],
        }]
    );
    settle(&mut s, cmds, &seed_answer);
    assert_eq!(s.conversations.items[0].name, "TWN#NJ9585@14 Nov 2024");
    let cmds = s.update(Action::Open);
    assert_eq!(s.focus, Pane::Thread);
    assert!(
        matches!(&cmds[..], [Command::LoadMessages { conversation_id, skip: 0, .. }] if conversation_id == "conv_31b75006-beac-49af-b3b3-b8591d3438e6")
    );
    settle(&mut s, cmds, &seed_answer);
    assert_eq!(s.thread.total, 304);
    assert_eq!(s.thread.loaded(), 3);
    assert_eq!(
        s.thread.nth_newest(0).map(|m| m.id.as_str()),
        Some("msg_c41ae57d-a851-4556-b79b-e9b3cce8e2d9")
    );
}

#[test]
fn the_channel_filter_cycles_through_all_seven_types_and_back() {
    let mut s = state(140, 40);
    let cmds = s.start();
    settle(&mut s, cmds, &seed_answer);
    let cmds = s.update(Action::Open);
    settle(&mut s, cmds, &seed_answer);
    let mut seen = Vec::new();
    for _ in 0..8 {
        let cmds = s.update(Action::CycleChannelFilter);
        match &cmds[..] {
            [Command::LoadConversations { channel_types, .. }] => seen.push(channel_types.join(",")),
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(seen, ["web", "whatsapp", "facebook", "email", "wechat", "instagram", "line", ""]);
}

#[test]
fn a_result_for_a_superseded_request_is_dropped() {
    let mut s = state(140, 40);
    let cmds = s.start();
    settle(&mut s, cmds, &seed_answer);
    let first = s.update(Action::Open);
    s.update(Action::FocusLeft);
    s.update(Action::Down);
    let second = s.update(Action::Open);
    let req_of = |c: &[Command]| match c {
        [Command::LoadConversations { req, .. }] => *req,
        other => panic!("unexpected {other:?}"),
    };
    // The newer answer arrives first, then the stale one: the stale one must not win.
    s.update(Action::ConversationsLoaded { req: req_of(&second), result: Ok(vec![]) });
    s.update(Action::ConversationsLoaded {
        req: req_of(&first),
        result: Ok(crate::common::seed_conversations()),
    });
    assert!(s.conversations.items.is_empty());
    assert!(s.conversations.loaded);
}

#[test]
fn jumping_to_the_end_of_65681_contacts_asks_only_for_the_pages_in_view() {
    let mut s = state(140, 40);
    let cmds = s.start();
    settle(&mut s, cmds, &seed_answer);
    let cmds = s.update(Action::Bottom);
    assert_eq!(s.contacts.selected, 65_680);
    let skips = contacts_requests(&cmds);
    assert!(skips.contains(&65_650), "the last page is requested: {skips:?}");
    assert!(skips.len() <= 2, "only the pages around the viewport: {skips:?}");
    // Pressing G again asks for nothing more while those are in flight.
    assert!(contacts_requests(&s.update(Action::Bottom)).is_empty());
}

#[test]
fn a_failed_load_shows_the_error_and_r_asks_again() {
    let mut s = state(140, 40);
    let cmds = s.start();
    let req = match cmds.iter().find(|c| matches!(c, Command::LoadContacts { .. })) {
        Some(Command::LoadContacts { req, .. }) => *req,
        _ => panic!("no contacts request"),
    };
    let cmds = s.update(Action::ContactsLoaded {
        req,
        skip: 0,
        result: Err(ApiError::Timeout { endpoint: "GET /v1/backend/contacts" }),
    });
    assert!(contacts_requests(&cmds).is_empty(), "no retry storm");
    assert_eq!(s.last_error.as_deref(), Some("GET /v1/backend/contacts timed out"));
    // A timeout means the server is out of reach: the pane says so, with what to do.
    let screen = crate::common::screen(&s);
    assert!(screen.contains("Cannot reach") && screen.contains("R to retry now"), "{screen}");
    let cmds = s.update(Action::Refresh);
    assert_eq!(contacts_requests(&cmds), vec![0]);
    assert_eq!(s.last_error, None);
}

#[test]
fn r_while_the_contacts_are_still_on_their_way_sends_nothing_more() {
    let mut s = state(140, 40);
    let start = s.start();
    assert_eq!(contacts_requests(&start), vec![0]);
    // The first load is out: R, R, R add nothing (the badge has its own one-at-a-time rule).
    for _ in 0..3 {
        assert!(contacts_requests(&s.update(Action::Refresh)).is_empty(), "the first load is still out");
    }
    settle(&mut s, start, &seed_answer);
    assert!(s.contacts.get(0).is_some());
    // Loaded: one R asks again once; more R while that refresh is out ask nothing.
    let again = contacts_requests(&s.update(Action::Refresh));
    assert!(!again.is_empty(), "R refreshes a loaded list");
    for _ in 0..3 {
        assert!(contacts_requests(&s.update(Action::Refresh)).is_empty(), "that refresh is still out");
    }
}

#[test]
fn open_goes_straight_to_a_conversation() {
    let mut s = state(80, 24);
    let cmds = s.update(Action::OpenConversation("conv_f262dad4-dcb1-44b9-8d7e-407b022dc4b7".into()));
    assert_eq!(s.focus, Pane::Thread);
    assert!(cmds.iter().any(|c| matches!(c, Command::LoadMessages { conversation_id, skip: 0, .. } if conversation_id == "conv_f262dad4-dcb1-44b9-8d7e-407b022dc4b7")));
}

#[test]
fn narrow_mode_goes_back_with_esc_and_h() {
    let mut s = state(80, 24);
    let cmds = s.start();
    settle(&mut s, cmds, &seed_answer);
    let cmds = s.update(Action::Open);
    settle(&mut s, cmds, &seed_answer);
    s.update(Action::Open);
    assert_eq!(s.focus, Pane::Thread);
    s.update(Action::Back);
    assert_eq!(s.focus, Pane::Conversations);
    s.update(Action::FocusLeft);
    assert_eq!(s.focus, Pane::Contacts);
    s.update(Action::Back);
    assert_eq!(s.focus, Pane::Contacts, "Esc on the first pane stays");
}

#[test]
fn resizing_keeps_the_selection() {
    let mut s = state(140, 40);
    let cmds = s.start();
    settle(&mut s, cmds, &seed_answer);
    for _ in 0..7 {
        s.update(Action::Down);
    }
    s.update(Action::Resize(80, 12));
    assert_eq!(s.contacts.selected, 7);
    assert!(s.contacts.offset <= 7 && 7 < s.contacts.offset + s.contacts_viewport());
    s.update(Action::Resize(1, 1));
    s.update(Action::Resize(140, 40));
    assert_eq!(s.contacts.selected, 7);
}

#[test]
fn a_click_focuses_and_selects_and_the_wheel_scrolls() {
    let mut s = state(140, 40);
    let cmds = s.start();
    settle(&mut s, cmds, &seed_answer);
    s.update(Action::FocusNext);
    // Row 1 is the pane border; row 2 is the first contact, row 5 the fourth.
    s.update(Action::Click(3, 5));
    assert_eq!(s.focus, Pane::Contacts);
    assert_eq!(s.contacts.selected, 3);
    s.update(Action::ScrollDown(3, 10));
    assert_eq!(s.contacts.selected, 6);
}

#[test]
fn help_toggles_and_ticks_only_redraw_when_needed() {
    let mut s = state(140, 40);
    s.update(Action::ToggleHelp);
    assert!(s.help);
    assert!(
        crate::common::screen(&s).contains("cycle channel filter")
            || crate::common::screen(&s).contains("next contact")
    );
    s.update(Action::Back);
    assert!(!s.help);
    s.dirty = false;
    s.update(Action::Tick(crate::common::now()));
    assert!(!s.dirty, "an idle tick in the same minute draws nothing");
}

#[test]
fn a_failed_refresh_keeps_the_conversations_on_screen() {
    let mut s = state(140, 40);
    let cmds = s.start();
    settle(&mut s, cmds, &seed_answer);
    let cmds = s.update(Action::Open);
    settle(&mut s, cmds, &seed_answer);
    assert_eq!(s.conversations.items.len(), 1);
    let cmds = s.update(Action::Refresh);
    let req = cmds
        .iter()
        .find_map(|c| match c {
            Command::LoadConversations { req, .. } => Some(*req),
            _ => None,
        })
        .expect("R asks for the conversations again");
    s.update(Action::ConversationsLoaded { req, result: Err(ApiError::Timeout { endpoint: "GET /x" }) });
    assert_eq!(s.conversations.items.len(), 1, "the last good list stays");
    let screen = crate::common::screen(&s);
    assert!(screen.contains("TWN#NJ9585@14 Nov 2024") && screen.contains("timed out"), "{screen}");
}
