//! Unread markers and the next-unread key through the pure update: iMBRACE conversations and
//! their contact marked from the unread notifications (and read when opened, with the divider
//! above what came after); SMS/RCS conversations marked from the last-opened times kept on
//! disk; `u` and `:next-unread` opening the next conversation with something unread.

use crate::common::inbox::{Inbox, key, started};
use crate::common::{now, screen, seed_answer, settle, state};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use imbox::action::unread::{OpenedTimes, UnreadAction};
use imbox::action::{Action, NotificationAction};
use imbox::command::{Command, NotificationCommand, UnreadCommand};
use imbox::state::State;
use imbox_model::{Conversation, Notification, NotificationPage, Page};
use jiff::SignedDuration;

/// The seed iMBRACE account with its first contact's conversations open (no thread yet).
fn contact_open() -> State {
    let mut s = state(140, 40);
    let cmds = s.start();
    settle(&mut s, cmds, &seed_answer);
    let enter = KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE);
    let action = imbox::keymap::action_for(&s, &enter).expect("Enter is bound");
    let cmds = s.update(action);
    settle(&mut s, cmds, &seed_answer);
    assert!(!s.conversations.items.is_empty());
    s
}

fn note(id: &str, handle: &str, read: bool, mins_ago: i64) -> Notification {
    Notification {
        id: id.into(),
        title: "conversation".into(),
        kind: 201,
        handle_id: Some(handle.into()),
        is_read: read,
        created_at: Some(now() - SignedDuration::from_mins(mins_ago)),
        ..Default::default()
    }
}

/// Delivers a polled notifications page (the poll's own request, so it is taken as a poll).
fn poll_notes(s: &mut State, items: Vec<Notification>) {
    s.update(Action::Tick(now()));
    let cmds = s.update(Action::Tick(now() + SignedDuration::from_secs(15)));
    let req = cmds
        .iter()
        .find_map(|c| match c {
            Command::Notify(NotificationCommand::Load { req, .. }) => Some(*req),
            _ => None,
        })
        .expect("the notifications poll");
    let total = items.len() as u64;
    let page = NotificationPage { page: Page { items, total, has_more: false }, unread_count: Some(3) };
    s.update(Action::Notify(NotificationAction::Loaded { req, skip: 0, result: Ok(page) }));
}

#[test]
fn imbrace_conversations_and_contacts_with_unread_notifications_are_marked_and_read_when_opened() {
    let mut s = contact_open();
    let conv = s.conversations.items[0].clone();
    let contact = s.conversations.contact_id.clone().expect("a contact is open");
    assert!(!s.conversation_unread(&conv) && !s.contact_unread(&contact), "nothing unread yet");
    poll_notes(
        &mut s,
        vec![
            note("not_a", &conv.handle_id, false, 5),
            note("not_b", &conv.handle_id, false, 90),
            note("not_c", &conv.handle_id, true, 200),
            note("not_d", "tcu_elsewhere", false, 1),
        ],
    );
    assert_eq!(s.badge.unread, Some(3), "the page carries the badge");
    assert!(s.conversation_unread(&conv), "the conversation has unread notifications");
    assert!(s.contact_unread(&contact), "and so does its contact");
    let text = screen(&s);
    assert!(text.lines().any(|l| l.contains(&format!("●{}", &conv.name[..6]))), "{text}");
    // Opening it reads its notifications (as opening the notification would) and clears both.
    let enter = KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE);
    let action = imbox::keymap::action_for(&s, &enter).expect("Enter");
    let cmds = s.update(action);
    let read: Vec<&Vec<String>> = cmds
        .iter()
        .filter_map(|c| match c {
            Command::Notify(NotificationCommand::MarkRead { ids, .. }) => Some(ids),
            _ => None,
        })
        .collect();
    assert_eq!(read, [&vec!["not_a".to_string(), "not_b".to_string()]], "{cmds:?}");
    assert_eq!(s.badge.unread, Some(1));
    assert!(!s.conversation_unread(&conv) && !s.contact_unread(&contact));
}

/// A state on an SMS/RCS-like account (one list, no contact list) showing `rows`.
fn sms(rows: &[Conversation]) -> State {
    let mut s = crate::common::inbox::state(140, 40);
    s.account.kind = imbox_api::BackendKind::Smsrcs;
    s.account.capabilities.inbox_views = false;
    s.account.capabilities.notifications = false;
    s.account.capabilities.mark_conversation_read = false;
    let cmds = s.start();
    assert!(cmds.contains(&Command::Unread(UnreadCommand::LoadOpened)), "{cmds:?}");
    let rows = rows.to_vec();
    settle(&mut s, cmds, &move |c| match c {
        Command::Inbox(imbox::command::InboxCommand::Load { req, view, skip, .. }) => {
            let page = Page { items: rows.clone(), total: rows.len() as u64, has_more: false };
            let counts = imbox_model::ViewCounts { all: rows.len() as u64, ..Default::default() };
            Some(Action::Inbox(imbox::action::InboxAction::Loaded {
                req: *req,
                view: *view,
                skip: *skip,
                result: Ok(imbox_model::InboxPage { page, counts }),
            }))
        }
        _ => None,
    });
    s
}

fn sms_row(id: &str, mins_ago: i64) -> Conversation {
    Conversation {
        id: id.into(),
        name: format!("+33 6 {id}"),
        contact_name: format!("+33 6 {id}"),
        timestamp: Some(now() - SignedDuration::from_mins(mins_ago)),
        ..Default::default()
    }
}

#[test]
fn sms_conversations_with_activity_since_last_opened_here_are_marked() {
    let rows = [sms_row("a", 1), sms_row("b", 30), sms_row("c", 120)];
    let mut s = sms(&rows);
    let at = |m: i64| (now() - SignedDuration::from_mins(m)).as_second();
    let mut kept = OpenedTimes { since: Some(at(60)), ..Default::default() };
    kept.opened.insert("a".into(), at(10));
    kept.opened.insert("b".into(), at(5));
    s.update(Action::Unread(UnreadAction::OpenedLoaded(Ok(Some(Box::new(kept))))));
    let unread: Vec<bool> = rows.iter().map(|c| s.conversation_unread(c)).collect();
    // a: written after it was opened; b: nothing since; c: never opened, older than `since`.
    assert_eq!(unread, [true, false, false]);
    assert!(screen(&s).contains("●+33 6 a"), "{}", screen(&s));
    // Opening it keeps the time (on disk, by the worker) and it is read.
    let cmds = key(&mut s, 'u');
    assert_eq!(s.thread.conversation_id.as_deref(), Some("a"), "u opened the unread one");
    let saved = cmds.iter().find_map(|c| match c {
        Command::Unread(UnreadCommand::SaveOpened { opened, .. }) => Some(opened.clone()),
        _ => None,
    });
    assert_eq!(saved.and_then(|o| o.opened.get("a").copied()), Some(now().as_second()), "{cmds:?}");
    assert!(!s.conversation_unread(&rows[0]));
    let cmds = key(&mut s, 'u');
    assert!(cmds.iter().all(|c| !matches!(c, Command::LoadMessages { .. })), "nothing else unread");
    assert!(s.notice.as_deref().unwrap_or_default().contains("nothing unread"), "{:?}", s.notice);
}

#[test]
fn a_first_run_keeps_its_start_time_and_marks_nothing_older() {
    let rows = [sms_row("a", 1)];
    let mut s = sms(&rows);
    let cmds = s.update(Action::Unread(UnreadAction::OpenedLoaded(Ok(None))));
    let saved = cmds.iter().find_map(|c| match c {
        Command::Unread(UnreadCommand::SaveOpened { opened, .. }) => Some(opened.since),
        _ => None,
    });
    assert_eq!(saved, Some(Some(now().as_second())), "the start is kept at once: {cmds:?}");
    assert!(!s.conversation_unread(&rows[0]), "activity before the first run is not news");
}

#[test]
fn u_and_next_unread_open_the_next_unread_conversation_of_the_inbox_wrapping() {
    let inbox = Inbox::new(30, 12, 10);
    let mut s = started(140, 40, &inbox);
    s.mark_read_on_open = false;
    let unread: Vec<String> =
        inbox.all.iter().take(12).filter(|c| c.unread_count > 0).map(|c| c.id.clone()).collect();
    assert!(unread.len() >= 3, "{unread:?}");
    let mut opened = Vec::new();
    for _ in 0..unread.len() {
        let cmds = key(&mut s, 'u');
        settle(&mut s, cmds, &|c| inbox.answer(c));
        opened.push(s.thread.conversation_id.clone().unwrap_or_default());
    }
    // The first row is selected at the start: the search begins below it, and wraps.
    let mut want = unread.clone();
    if want[0] == inbox.all[0].id {
        want.rotate_left(1);
    }
    assert_eq!(opened, want);
    assert_eq!(s.inbox.active().selected_item().map(|c| c.id.clone()), want.last().cloned());
    // The command line sends the same action.
    let cmd = imbox::state::acts::cmdline::find("next-unread").expect("a command");
    assert_eq!((cmd.build)(&s, ""), Ok(Action::Unread(UnreadAction::Next)));
}
