//! `State::merge_newer`: new messages from a poll, a catch-up or a realtime event reach the open
//! thread once — an unconfirmed send is confirmed by its echo id, never shown twice — without
//! moving the view, with "↓ N new" and the "new" divider for what the agent did not see.

use crate::common::compose::replying;
use crate::common::inbox::{key, press, type_text};
use crate::common::{now, screen};
use crossterm::event::KeyCode;
use imbox::action::Action;
use imbox::action::compose::{ComposeAction, SendRequest};
use imbox::command::{Command, ComposeCommand};
use imbox_model::{Message, MessageBody, Sender};

fn customer(id: &str, text: &str) -> Message {
    Message {
        id: id.into(),
        conversation_id: "1000".into(),
        sender: Sender::Contact,
        // Ids are numbers that grow with time.
        created_at: Some(now() + jiff::SignedDuration::from_secs(id.parse::<i64>().unwrap_or(0))),
        body: MessageBody::Text { text: text.into(), is_mail: false },
        ..Default::default()
    }
}

fn shown_ids(s: &imbox::state::State) -> Vec<String> {
    (0..s.thread.loaded() + 3).rev().filter_map(|i| s.thread.nth_newest(i)).map(|m| m.id.clone()).collect()
}

fn send(s: &mut imbox::state::State, text: &str) -> SendRequest {
    type_text(s, text);
    let cmds = press(s, KeyCode::Enter);
    cmds.iter()
        .find_map(|c| match c {
            Command::Compose(ComposeCommand::Send(r)) => Some((**r).clone()),
            _ => None,
        })
        .expect("a send")
}

#[test]
fn a_send_seen_on_the_server_before_its_answer_is_shown_once() {
    let (mut s, id) = replying(140, 40, |_| {});
    let req = send(&mut s, "on its way");
    assert_eq!(s.thread.nth_newest(0).map(|m| m.status.as_str()), Some("sending…"));
    let copy = Message {
        id: "901".into(),
        conversation_id: id.clone(),
        sender: Sender::Agent,
        body: MessageBody::Text { text: "on its way".into(), is_mail: false },
        echo_id: req.echo_id.clone(),
        ..Default::default()
    };
    // The poll (or the socket) brings the server's copy first, with a customer's answer.
    let (cmds, added) = s.merge_newer(&id, vec![customer("902", "thanks"), copy.clone()]);
    assert_eq!(added, 1, "the customer's message; the send is confirmed, not added again");
    assert!(s.compose.outbox.is_empty(), "no pending copy left");
    assert!(
        cmds.iter().any(|c| matches!(c, Command::Compose(ComposeCommand::DeleteDraft { .. }))),
        "{cmds:?}"
    );
    // Then the send's own answer: nothing changes.
    s.update(Action::Compose(ComposeAction::Sent {
        conversation_id: id.clone(),
        echo_id: req.echo_id.clone(),
        result: Ok(Box::new(copy.clone())),
    }));
    // And the same copy again, as a realtime event would repeat it.
    assert_eq!(s.merge_newer(&id, vec![copy]).1, 0);
    let ids = shown_ids(&s);
    assert_eq!(ids.iter().filter(|i| *i == "901").count(), 1, "{ids:?}");
    assert_eq!(&ids[ids.len() - 2..], ["901", "902"], "{ids:?}");
}

#[test]
fn a_send_without_an_echo_id_is_matched_by_its_text() {
    let (mut s, id) = replying(140, 40, |_| {});
    send(&mut s, "see you");
    let copy = Message {
        id: "77".into(),
        conversation_id: id.clone(),
        sender: Sender::Agent,
        body: MessageBody::Text { text: "see you".into(), is_mail: false },
        ..Default::default()
    };
    assert_eq!(s.merge_newer(&id, vec![copy]).1, 0);
    assert!(s.compose.outbox.is_empty());
    assert_eq!(s.thread.nth_newest(0).map(|m| m.id.as_str()), Some("77"));
    assert_eq!(s.thread.nth_newest(1).map(|m| m.id.as_str()), Some("5"), "once");
}

#[test]
fn scrolled_up_the_view_stays_and_says_how_many_are_new_below() {
    let (mut s, id) = replying(140, 40, |_| {});
    s.update(Action::Compose(ComposeAction::Close));
    // A thread taller than the pane (followed at the bottom as it grows).
    let many = (6..60).map(|i| customer(&i.to_string(), &format!("earlier {i}"))).collect();
    assert_eq!(s.merge_newer(&id, many).1, 54);
    assert!(s.thread.at_newest());
    assert_eq!(s.thread.nth_newest(0).map(|m| m.id.as_str()), Some("59"), "in time order");
    key(&mut s, 'k');
    key(&mut s, 'k');
    assert!(!s.thread.at_newest(), "scrolled up");
    let (anchor, skip) = (s.thread.anchor, s.thread.anchor_skip);
    s.merge_newer(&id, vec![customer("100", "one")]);
    s.merge_newer(&id, vec![customer("102", "three"), customer("101", "two")]);
    assert_eq!((s.thread.anchor - 3, s.thread.anchor_skip), (anchor, skip), "the view did not move");
    assert_eq!(s.thread.new_below, 3);
    assert!(screen(&s).contains("↓ 3 new"), "{}", screen(&s));
    assert_eq!(s.thread.divider.as_deref(), Some("100"), "the divider above the first unseen");
    key(&mut s, 'G');
    assert!(s.thread.at_newest());
    assert_eq!(s.thread.new_below, 0);
    let text = screen(&s);
    assert!(!text.contains("↓ 3 new") && text.contains("── new ──"), "{text}");
}

#[test]
fn at_the_bottom_a_visible_thread_follows_without_a_divider() {
    let (mut s, id) = replying(140, 40, |_| {});
    s.update(Action::Compose(ComposeAction::Close));
    // (The divider the opening placed, from the conversation's unread count, stays where it is.)
    let opened_with = s.thread.divider.clone();
    s.merge_newer(&id, vec![customer("10", "hello again")]);
    assert!(s.thread.at_newest());
    assert_eq!((s.thread.new_below, &s.thread.divider), (0, &opened_with));
    assert!(screen(&s).contains("hello again"));
    // Messages for another conversation do not touch this thread.
    assert_eq!(s.merge_newer("elsewhere", vec![customer("11", "x")]).1, 0);
}
