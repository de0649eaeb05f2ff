//! `Action::Live`: every realtime event changes what the state holds without a key — the open
//! thread, the rows and their order (the selection stays on the chosen conversation), the views
//! and their counts, typing, the badge and the notification centre — and after the channel was
//! lost, the next `Live` asks for what may have been missed.

use crate::common::acts::acting;
use crate::common::compose::replying;
use crate::common::inbox::{Inbox, key, press, texts, type_text};
use crate::common::{now, screen, settle};
use crossterm::event::KeyCode;
use imbox::action::compose::ComposeAction;
use imbox::action::{Action, LiveAction};
use imbox::command::{Command, ComposeCommand, InboxCommand};
use imbox::state::State;
use imbox_model::live::{ConversationChange, ConversationPulse, LiveEvent, LiveStatus, NotificationChange};
use imbox_model::{Contact, Conversation, InboxView, Message, MessageBody, Notification, Sender};
use jiff::SignedDuration;

fn event(s: &mut State, e: LiveEvent) -> Vec<Command> {
    s.update(Action::Live(LiveAction::Event(Box::new(e))))
}

fn customer(conversation: &str, id: &str, text: &str) -> Message {
    Message {
        id: id.into(),
        conversation_id: conversation.into(),
        sender: Sender::Contact,
        created_at: Some(now() + SignedDuration::from_secs(60)),
        body: MessageBody::Text { text: text.into(), is_mail: false },
        ..Default::default()
    }
}

fn created(m: Message) -> LiveEvent {
    let pulse = ConversationPulse {
        unread_count: Some(1),
        last_activity_at: m.created_at,
        status: "open".into(),
        ..Default::default()
    };
    LiveEvent::MessageCreated { message: m, conversation: Some(pulse) }
}

/// The ids of the loaded rows of `view`, in order.
fn rows(s: &State, view: InboxView) -> Vec<String> {
    s.inbox.list(view).loaded().map(|(_, c)| c.id.clone()).collect()
}

fn selected(s: &State, view: InboxView) -> Option<String> {
    s.inbox.list(view).selected_item().map(|c| c.id.clone())
}

/// The inbox of 30 (10 mine, 10 unassigned), profile loaded, "Mine" shown, the rows' assignees
/// known by id as the server's copies would carry them.
fn inbox_state() -> (State, Inbox) {
    let mut inbox = Inbox::new(30, 10, 10);
    for (i, c) in inbox.all.iter_mut().enumerate() {
        c.assignee_id = if i < 10 {
            Some(1)
        } else if i < 20 {
            None
        } else {
            Some(3)
        };
    }
    let mut s = acting(&inbox);
    // Every view loaded, as after visiting them.
    for v in ['2', '3', '1'] {
        let cmds = key(&mut s, v);
        settle(&mut s, cmds, &|c| inbox.answer(c));
    }
    (s, inbox)
}

#[test]
fn a_message_reaches_the_open_thread_and_moves_its_row_to_the_top_keeping_the_selection() {
    let (mut s, _inbox) = inbox_state();
    key(&mut s, 'j');
    key(&mut s, 'j');
    assert_eq!(selected(&s, InboxView::Mine).as_deref(), Some("1002"));
    // A customer writes in the sixth conversation of Mine: it goes to the top of Mine and All.
    let cmds = event(&mut s, created(customer("1005", "900", "Is anyone there?")));
    assert!(cmds.is_empty(), "no request for a message of a conversation not open: {cmds:?}");
    assert_eq!(rows(&s, InboxView::Mine)[..4], ["1005", "1000", "1001", "1002"]);
    assert_eq!(rows(&s, InboxView::All)[0], "1005");
    assert_eq!(selected(&s, InboxView::Mine).as_deref(), Some("1002"), "the selection stays on it");
    let row = s.inbox.find("1005").expect("the row");
    assert_eq!(row.latest_message.as_deref(), Some("Is anyone there?"));
    assert_eq!(row.unread_count, 1, "the pulse's unread count");
    assert_eq!(s.live.events, 1);
    // Open the selected one and let a message arrive there.
    let cmds = press(&mut s, KeyCode::Enter);
    let req = cmds
        .iter()
        .find_map(|c| match c {
            Command::LoadMessages { req, .. } => Some(*req),
            _ => None,
        })
        .expect("the thread loads");
    s.update(Action::MessagesLoaded { req, skip: 0, result: Ok(texts(1..6, false)) });
    let cmds = event(&mut s, created(customer("1002", "901", "Here is my order number")));
    assert_eq!(s.thread.nth_newest(0).map(|m| m.id.as_str()), Some("901"), "below the newest");
    assert_eq!(s.thread.loaded(), 6);
    assert!(screen(&s).contains("Here is my order number"), "{}", screen(&s));
    assert!(
        cmds.iter().any(|c| matches!(c, Command::Inbox(InboxCommand::MarkRead { conversation_id, .. }) if conversation_id == "1002")),
        "the agent sees it: read, as opening it would mark it: {cmds:?}"
    );
    assert_eq!(s.inbox.find("1002").map(|c| c.unread_count), Some(0));
    // The same event again (a catch-up overlapping the socket) adds nothing.
    event(&mut s, created(customer("1002", "901", "Here is my order number")));
    assert_eq!(s.thread.loaded(), 6, "a message id already held is not added again");
    assert_eq!(screen(&s).matches("Here is my order number").count(), 2, "the thread and the row's preview");
}

#[test]
fn a_message_of_another_conversation_leaves_the_open_thread_alone() {
    let (mut s, _inbox) = inbox_state();
    let cmds = press(&mut s, KeyCode::Enter);
    let req = cmds.iter().find_map(|c| match c {
        Command::LoadMessages { req, .. } => Some(*req),
        _ => None,
    });
    s.update(Action::MessagesLoaded { req: req.expect("load"), skip: 0, result: Ok(texts(1..6, false)) });
    event(&mut s, created(customer("1007", "950", "elsewhere")));
    assert_eq!(s.thread.loaded(), 5);
    assert_eq!(s.thread.nth_newest(0).map(|m| m.id.as_str()), Some("5"));
}

#[test]
fn the_agents_own_send_is_shown_once_whether_the_event_comes_before_or_after_the_answer() {
    for event_first in [true, false] {
        let (mut s, id) = replying(140, 40, |_| {});
        type_text(&mut s, "on its way");
        let cmds = press(&mut s, KeyCode::Enter);
        let req = cmds
            .iter()
            .find_map(|c| match c {
                Command::Compose(ComposeCommand::Send(r)) => Some((**r).clone()),
                _ => None,
            })
            .expect("a send");
        let copy = Message {
            id: "777".into(),
            conversation_id: id.clone(),
            sender: Sender::Agent,
            created_at: Some(now()),
            body: MessageBody::Text { text: "on its way".into(), is_mail: false },
            echo_id: req.echo_id.clone(),
            ..Default::default()
        };
        let answer = Action::Compose(ComposeAction::Sent {
            conversation_id: id.clone(),
            echo_id: req.echo_id.clone(),
            result: Ok(Box::new(copy.clone())),
        });
        let ev = LiveEvent::MessageCreated { message: copy.clone(), conversation: None };
        if event_first {
            event(&mut s, ev);
            assert!(s.compose.outbox.is_empty(), "the event confirms the send");
            s.update(answer);
        } else {
            s.update(answer);
            event(&mut s, ev);
        }
        let held: Vec<String> =
            (0..s.thread.loaded() + 2).filter_map(|i| s.thread.nth_newest(i)).map(|m| m.id.clone()).collect();
        assert_eq!(
            held.iter().filter(|i| i.as_str() == "777").count(),
            1,
            "event first: {event_first}: {held:?}"
        );
        assert!(!held.iter().any(|i| i.starts_with("local:")), "no pending copy left: {held:?}");
        assert_eq!(screen(&s).matches("on its way").count(), 2, "the thread and the row: {}", screen(&s));
    }
}

#[test]
fn a_view_scrolled_up_stays_put_and_says_what_arrived_below() {
    let (mut s, _inbox) = inbox_state();
    let cmds = press(&mut s, KeyCode::Enter);
    let req = cmds.iter().find_map(|c| match c {
        Command::LoadMessages { req, .. } => Some(*req),
        _ => None,
    });
    s.update(Action::MessagesLoaded { req: req.expect("load"), skip: 0, result: Ok(texts(1..40, false)) });
    for _ in 0..5 {
        key(&mut s, 'k');
    }
    let (anchor, skip) = (s.thread.anchor, s.thread.anchor_skip);
    let bottom = s.thread.nth_newest(anchor).map(|m| m.id.clone());
    event(&mut s, created(customer("1000", "990", "below the fold")));
    assert_eq!(
        s.thread.nth_newest(s.thread.anchor).map(|m| m.id.clone()),
        bottom,
        "the same message at the edge"
    );
    assert_eq!(s.thread.anchor_skip, skip);
    assert_eq!(s.thread.anchor, anchor + 1);
    assert!(screen(&s).contains("↓ 1 new"), "{}", screen(&s));
    assert_eq!(screen(&s).matches("below the fold").count(), 1, "only in the row's preview: {}", screen(&s));
}

#[test]
fn a_resolved_conversation_leaves_open_and_one_assigned_to_me_joins_mine() {
    let (mut s, inbox) = inbox_state();
    let counts = s.inbox.counts.expect("counts");
    key(&mut s, 'j');
    let chosen = selected(&s, InboxView::Mine);
    // Mine's first conversation is resolved by a colleague.
    let mut resolved = inbox.all[0].clone();
    resolved.status = "resolved".into();
    let cmds = event(
        &mut s,
        LiveEvent::ConversationUpdated { change: ConversationChange::StatusChanged, conversation: resolved },
    );
    assert!(cmds.is_empty(), "{cmds:?}");
    assert!(!rows(&s, InboxView::Mine).contains(&"1000".to_string()), "it left Mine (open)");
    assert!(!rows(&s, InboxView::All).contains(&"1000".to_string()), "and All (open)");
    assert_eq!(selected(&s, InboxView::Mine), chosen, "the selection stays on the chosen conversation");
    let now_counts = s.inbox.counts.expect("counts");
    assert_eq!((now_counts.mine, now_counts.all), (counts.mine - 1, counts.all - 1));
    assert_eq!(s.inbox.list(InboxView::Mine).len(), 9);
    // An unassigned conversation is assigned to me: it joins Mine where its activity puts it.
    let mut mine = inbox.all[12].clone();
    mine.assignee_id = Some(1);
    mine.assignee = "Me Agent".into();
    event(
        &mut s,
        LiveEvent::ConversationUpdated { change: ConversationChange::AssigneeChanged, conversation: mine },
    );
    let m = rows(&s, InboxView::Mine);
    assert_eq!(m.last().map(String::as_str), Some("1012"), "after Mine's older rows: {m:?}");
    assert!(!rows(&s, InboxView::Unassigned).contains(&"1012".to_string()));
    let c = s.inbox.counts.expect("counts");
    assert_eq!(
        (c.mine, c.unassigned, c.assigned, c.all),
        (counts.mine, counts.unassigned - 1, counts.assigned, counts.all - 1)
    );
    // Once the burst settled the page in view (and its counts) is asked again, once.
    let later = s.update(Action::Tick(now() + SignedDuration::from_secs(3)));
    let loads = later.iter().filter(|c| matches!(c, Command::Inbox(InboxCommand::Load { .. }))).count();
    assert_eq!(loads, 1, "{later:?}");
    let again = s.update(Action::Tick(now() + SignedDuration::from_secs(4)));
    assert!(!again.iter().any(|c| matches!(c, Command::Inbox(InboxCommand::Load { .. }))), "{again:?}");
}

#[test]
fn a_new_unassigned_conversation_opens_at_the_top_of_unassigned_and_all() {
    let (mut s, inbox) = inbox_state();
    let before = s.inbox.counts.expect("counts");
    let new = Conversation {
        id: "2000".into(),
        contact_name: "Nguyễn Hương".into(),
        name: "Nguyễn Hương".into(),
        status: "open".into(),
        timestamp: Some(now() + SignedDuration::from_secs(30)),
        latest_message: Some("Xin chào".into()),
        unread_count: 1,
        ..inbox.all[15].clone()
    };
    event(&mut s, LiveEvent::ConversationCreated(new));
    assert_eq!(rows(&s, InboxView::Unassigned)[0], "2000");
    assert_eq!(rows(&s, InboxView::All)[0], "2000");
    assert!(!rows(&s, InboxView::Mine).contains(&"2000".to_string()));
    let c = s.inbox.counts.expect("counts");
    assert_eq!((c.unassigned, c.all, c.mine), (before.unassigned + 1, before.all + 1, before.mine));
    key(&mut s, '2');
    let text = screen(&s);
    assert!(text.contains("Nguyễn Hương") && text.contains("Xin chào"), "{text}");
}

#[test]
fn typing_shows_under_the_thread_until_off_or_thirty_seconds_without_renewal() {
    let (mut s, _inbox) = inbox_state();
    let cmds = press(&mut s, KeyCode::Enter);
    let req = cmds.iter().find_map(|c| match c {
        Command::LoadMessages { req, .. } => Some(*req),
        _ => None,
    });
    s.update(Action::MessagesLoaded { req: req.expect("load"), skip: 0, result: Ok(texts(1..6, false)) });
    let id = s.thread.conversation_id.clone().expect("open");
    let typing =
        |on| LiveEvent::Typing {
            conversation_id: id.clone(), who: "Nguyễn Hương".into(), agent: false, on
        };
    event(&mut s, typing(true));
    assert_eq!(s.typing_line().as_deref(), Some("Nguyễn Hương is typing…"));
    assert!(screen(&s).contains("Nguyễn Hương is typing…"), "{}", screen(&s));
    event(&mut s, typing(false));
    assert_eq!(s.typing_line(), None, "typing_off clears it");
    assert!(!screen(&s).contains("is typing"));
    // Typing elsewhere does not show here.
    event(
        &mut s,
        LiveEvent::Typing { conversation_id: "1009".into(), who: "Omar".into(), agent: false, on: true },
    );
    assert_eq!(s.typing_line(), None);
    event(&mut s, typing(true));
    s.update(Action::Tick(now() + SignedDuration::from_secs(20)));
    assert!(s.typing_line().is_some(), "still within 30 s");
    s.update(Action::Tick(now() + SignedDuration::from_secs(31)));
    assert_eq!(s.typing_line(), None, "not renewed for 30 s: gone");
    assert!(!screen(&s).contains("is typing"));
    // The customer's message ends their typing.
    event(&mut s, typing(true));
    event(&mut s, created(customer(&id, "960", "done typing")));
    assert_eq!(s.typing_line(), None);
}

#[test]
fn notifications_move_the_badge_and_the_open_centre() {
    let (mut s, inbox) = inbox_state();
    let n = |id: &str, read: bool| Notification {
        id: id.into(),
        title: "Omar Haddad #1004".into(),
        content: "You were mentioned".into(),
        conversation_id: Some("1004".into()),
        is_read: read,
        created_at: Some(now()),
        ..Default::default()
    };
    let note = |change, n: Option<Notification>, unread| LiveEvent::Notification {
        change,
        notification: n,
        unread_count: unread,
        count: 9,
    };
    event(&mut s, note(NotificationChange::Created, Some(n("n-new", false)), 596));
    assert_eq!(s.badge.unread, Some(596));
    assert!(screen(&s).contains("596 unread"));
    // Open the centre, its first page answered.
    let cmds = key(&mut s, 'n');
    settle(&mut s, cmds, &|c| match c {
        Command::Notify(imbox::command::NotificationCommand::Load { req, skip, .. }) => {
            Some(Action::Notify(imbox::action::NotificationAction::Loaded {
                req: *req,
                skip: *skip,
                result: Ok(crate::common::seed_notifications()),
            }))
        }
        c => inbox.answer(c),
    });
    assert!(s.notifications.open);
    let before = s.notifications.items.len();
    event(&mut s, note(NotificationChange::Created, Some(n("n-live", false)), 597));
    assert_eq!(s.notifications.items.len(), before + 1);
    assert_eq!(s.notifications.items[0].id, "n-live", "a new one at the top");
    event(&mut s, note(NotificationChange::Updated, Some(n("n-live", true)), 596));
    assert!(s.notifications.items[0].is_read);
    assert_eq!(s.badge.unread, Some(596));
    event(&mut s, note(NotificationChange::Deleted, Some(n("n-live", true)), 596));
    assert_eq!(s.notifications.items.len(), before);
    assert!(!s.notifications.items.iter().any(|x| x.id == "n-live"));
}

#[test]
fn a_contact_update_renames_it_where_it_shows() {
    let mut s = crate::common::state(140, 40);
    let cmds = s.start();
    settle(&mut s, cmds, &crate::common::seed_answer);
    let mut c: Contact = s.contacts.get(0).cloned().expect("a contact");
    c.display_name = "Renamed Live".into();
    event(&mut s, LiveEvent::ContactUpdated(c));
    assert_eq!(s.contacts.get(0).map(|c| c.display_name.as_str()), Some("Renamed Live"));
    assert!(screen(&s).contains("Renamed Live"));
}

#[test]
fn the_channel_state_and_the_catch_up_after_a_loss() {
    let (mut s, _inbox) = inbox_state();
    let cmds = press(&mut s, KeyCode::Enter);
    let req = cmds.iter().find_map(|c| match c {
        Command::LoadMessages { req, .. } => Some(*req),
        _ => None,
    });
    s.update(Action::MessagesLoaded { req: req.expect("load"), skip: 0, result: Ok(texts(1..6, false)) });
    assert!(!s.socket_live());
    assert_eq!(s.live.status, LiveStatus::Polling);
    s.expect_realtime();
    assert_eq!(s.live.status, LiveStatus::Connecting);
    let first = s.update(Action::Live(LiveAction::Live));
    assert!(s.socket_live());
    assert!(first.is_empty(), "nothing was missed before the first subscription: {first:?}");
    s.update(Action::Live(LiveAction::Lost("no ping for 10 s".into())));
    assert!(!s.socket_live());
    assert_eq!(s.live.status, LiveStatus::Connecting);
    s.update(Action::Live(LiveAction::Connecting));
    let cmds = s.update(Action::Live(LiveAction::Live));
    assert!(s.socket_live());
    let after = cmds.iter().find_map(|c| match c {
        Command::LoadMessages { after, .. } => Some(after.clone()),
        _ => None,
    });
    assert_eq!(after, Some(Some("5".to_string())), "the thread after its newest id: {cmds:?}");
    assert!(
        cmds.iter().any(|c| matches!(c, Command::Inbox(InboxCommand::Load { .. }))),
        "the inbox page: {cmds:?}"
    );
    assert!(cmds.iter().any(|c| matches!(c, Command::LoadUnreadCount { .. })), "the badge: {cmds:?}");
    assert!(
        cmds.iter().any(|c| matches!(c, Command::LoadConversations { .. })),
        "the contact's conversations: {cmds:?}"
    );
    // A catch-up that overlaps what the socket already brought adds nothing twice.
    event(&mut s, created(customer("1000", "6", "while away")));
    let req = cmds.iter().find_map(|c| match c {
        Command::LoadMessages { req, .. } => Some(*req),
        _ => None,
    });
    let mut page = texts(6..8, false);
    page.items.iter_mut().for_each(|m| m.conversation_id = "1000".into());
    s.update(Action::MessagesLoaded { req: req.expect("catch-up"), skip: 0, result: Ok(page) });
    let ids: Vec<String> = (0..10).filter_map(|i| s.thread.nth_newest(i)).map(|m| m.id.clone()).collect();
    assert_eq!(ids[..3], ["7", "6", "5"], "each once: {ids:?}");
    // Refused: polling, said once.
    s.update(Action::Live(LiveAction::Unavailable("the server refused the socket (503)".into())));
    assert!(matches!(s.live.status, LiveStatus::Fallback(_)));
    assert!(
        s.notice.as_deref().is_some_and(|n| n.contains("POLLING · realtime unavailable: the server refused"))
    );
    s.notice = None;
    s.update(Action::Live(LiveAction::Connecting));
    assert!(matches!(s.live.status, LiveStatus::Fallback(_)), "still polling while it tries again");
    s.update(Action::Live(LiveAction::Unavailable("again".into())));
    assert_eq!(s.notice, None, "said once");
}

#[test]
fn a_message_update_replaces_the_held_copy() {
    let (mut s, _inbox) = inbox_state();
    let cmds = press(&mut s, KeyCode::Enter);
    let req = cmds.iter().find_map(|c| match c {
        Command::LoadMessages { req, .. } => Some(*req),
        _ => None,
    });
    s.update(Action::MessagesLoaded { req: req.expect("load"), skip: 0, result: Ok(texts(1..6, false)) });
    let mut m = s.thread.nth_newest(0).cloned().expect("a message");
    m.body = MessageBody::Text { text: "edited live".into(), is_mail: false };
    event(&mut s, LiveEvent::MessageUpdated { message: m, conversation: None });
    assert_eq!(s.thread.loaded(), 5);
    assert!(screen(&s).contains("edited live"));
}

#[test]
fn a_customer_message_in_a_conversation_of_mine_raises_an_alert_after_it_is_applied() {
    let (mut s, _inbox) = inbox_state();
    s.alerts.rules.channels = vec![imbox::command::AlertChannel::Osc777];
    let mut m = customer("1003", "930", "Where is my parcel?");
    m.sender_name = "Omar Haddad".into();
    let pulse = ConversationPulse { assignee_id: Some(1), unread_count: Some(1), ..Default::default() };
    event(&mut s, LiveEvent::MessageCreated { message: m, conversation: Some(pulse) });
    assert_eq!(rows(&s, InboxView::Mine)[0], "1003", "applied first");
    let out = s.take_terminal_alert().map(|b| String::from_utf8_lossy(&b).into_owned());
    assert!(out.as_deref().is_some_and(|o| o.contains("Where is my parcel?")), "{out:?}");
    // Another agent's conversation: no alert.
    let pulse = ConversationPulse { assignee_id: Some(3), ..Default::default() };
    let later = now() + SignedDuration::from_secs(60);
    s.update(Action::Tick(later));
    event(
        &mut s,
        LiveEvent::MessageCreated {
            message: customer("1025", "931", "not yours"),
            conversation: Some(pulse),
        },
    );
    assert_eq!(s.take_terminal_alert(), None);
}

#[test]
fn a_mention_and_a_new_conversation_of_the_open_contact_update_the_conversations_pane() {
    let (mut s, inbox) = inbox_state();
    let cmds = press(&mut s, KeyCode::Enter);
    // The contact's conversations, as the server lists them.
    let contact = inbox.all[0].contact_id.clone();
    let theirs: Vec<Conversation> = inbox.all.iter().filter(|c| c.contact_id == contact).cloned().collect();
    settle(&mut s, cmds, &|c| match c {
        Command::LoadConversations { req, .. } => {
            Some(Action::ConversationsLoaded { req: *req, result: Ok(theirs.clone()) })
        }
        Command::LoadMessages { req, .. } => {
            Some(Action::MessagesLoaded { req: *req, skip: 0, result: Ok(texts(1..3, false)) })
        }
        c => inbox.answer(c),
    });
    let before = s.conversations.items.len();
    assert!(before > 0);
    let chosen = s.conversations.selected_item().map(|c| c.id.clone());
    let new = Conversation {
        id: "3000".into(),
        timestamp: Some(now()),
        status: "open".into(),
        ..inbox.all[0].clone()
    };
    event(&mut s, LiveEvent::ConversationCreated(new));
    assert_eq!(s.conversations.items.len(), before + 1);
    assert_eq!(s.conversations.items[0].id, "3000", "at the top");
    assert_eq!(s.conversations.selected_item().map(|c| c.id.clone()), chosen, "the selection stays");
    // A colleague mentions me in the open conversation: its labels change with it.
    let mut mentioned = s.conversation("1000").cloned().expect("open");
    mentioned.labels = vec!["vip".into()];
    event(&mut s, LiveEvent::Mentioned(mentioned));
    assert_eq!(s.conversation("1000").map(|c| c.labels.clone()), Some(vec!["vip".to_string()]));
    assert!(screen(&s).contains("◇ vip"), "the thread's title says it: {}", screen(&s));
}
