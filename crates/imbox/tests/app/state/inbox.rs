//! The conversation inbox, cursor thread history, mark read on open and the notification
//! additions, through the pure update and the real keymap. No I/O: the backend's answers are
//! built here as domain values.

use crate::common::inbox::{Inbox, key, pages, press, started, texts, type_text};
use crate::common::settle;
use crossterm::event::KeyCode;
use imbox::action::Action;
use imbox::action::InboxAction as I;
use imbox::action::NotificationAction as N;
use imbox::command::Command;
use imbox::command::InboxCommand as IC;
use imbox::command::NotificationCommand as NC;
use imbox::layout::Pane;
use imbox::state::State;
use imbox_api::ApiError;
use imbox_model::{InboxView, Notification, NotificationPage, Page, StatusFilter};

fn queries(cmds: &[Command]) -> Vec<imbox_model::InboxQuery> {
    cmds.iter()
        .filter_map(|c| match c {
            Command::Inbox(IC::Load { query, .. }) => Some(query.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn start_asks_for_the_first_page_of_mine_and_shows_the_counts() {
    let inbox = Inbox::new(57, 12, 30);
    let mut s = crate::common::inbox::state(140, 40);
    let cmds = s.start();
    assert_eq!(pages(&cmds), vec![(InboxView::Mine, 1)]);
    assert!(
        !cmds.iter().any(|c| matches!(c, Command::LoadContacts { .. })),
        "no contact list behind the inbox"
    );
    let q = &queries(&cmds)[0];
    assert_eq!((q.status, q.q.as_str(), q.inbox_id, q.team_id), (StatusFilter::Open, "", None, None));
    settle(&mut s, cmds, &|c| inbox.answer(c));
    assert_eq!(s.inbox.counts, Some(inbox.counts()));
    assert_eq!(s.inbox.active().len(), 12);
    let screen = crate::common::screen(&s);
    assert!(screen.contains("[Mine 12]│ Unassigned 30 │ All 57 "), "{screen}");
}

#[test]
fn switching_views_shows_cached_rows_at_once_and_refreshes_them_in_the_background() {
    let inbox = Inbox::new(57, 12, 30);
    let mut s = started(140, 40, &inbox);
    let cmds = key(&mut s, '3');
    assert_eq!(pages(&cmds), vec![(InboxView::All, 1)]);
    settle(&mut s, cmds, &|c| inbox.answer(c));
    assert_eq!(s.inbox.active().len(), 57);
    let cmds = key(&mut s, '1');
    assert_eq!(s.inbox.view, InboxView::Mine);
    assert_eq!(
        s.inbox.active().get(0).map(|c| c.id.as_str()),
        Some("1000"),
        "cached rows shown before any answer"
    );
    assert_eq!(pages(&cmds), vec![(InboxView::Mine, 1)], "the page in view is asked again");
    settle(&mut s, cmds, &|c| inbox.answer(c));
    assert_eq!(s.inbox.active().len(), 12);
    // [ and ] walk the views, wrapping.
    key(&mut s, '[');
    assert_eq!(s.inbox.view, InboxView::All);
    key(&mut s, ']');
    key(&mut s, ']');
    assert_eq!(s.inbox.view, InboxView::Unassigned);
}

#[test]
fn the_status_key_cycles_and_every_list_starts_over() {
    let inbox = Inbox::new(57, 12, 30);
    let mut s = started(140, 40, &inbox);
    key(&mut s, 'j');
    let mut seen = Vec::new();
    for _ in 0..5 {
        let cmds = key(&mut s, 's');
        seen.push(s.inbox.status);
        assert_eq!(s.inbox.active().selected, 0, "a new question starts at the top");
        assert_eq!(s.inbox.counts, None, "the old counts answered another question");
        let q = queries(&cmds);
        assert_eq!(q.len(), 1);
        assert_eq!((q[0].status, q[0].page), (s.inbox.status, 1));
        settle(&mut s, cmds, &|c| inbox.answer(c));
    }
    use StatusFilter::*;
    assert_eq!(seen, vec![Pending, Snoozed, Resolved, All, Open]);
}

#[test]
fn the_filter_picker_turns_choices_into_the_query() {
    let inbox = Inbox::new(57, 12, 30);
    let mut s = started(140, 40, &inbox);
    // The options were asked for at start (they also name the inboxes on the rows).
    assert!(key(&mut s, 'f').is_empty(), "the picker opens on the options already loaded");
    // Inboxes, then teams, then labels: the third choice is the team.
    key(&mut s, 'j');
    key(&mut s, 'j');
    let cmds = press(&mut s, KeyCode::Enter);
    assert!(s.inbox.picker.is_none());
    let q = queries(&cmds);
    assert_eq!((q[0].team_id, q[0].inbox_id, q[0].page), (Some(7), None, 1));
    settle(&mut s, cmds, &|c| inbox.answer(c));
    let cmds = key(&mut s, 'f');
    assert!(cmds.is_empty(), "the options are asked once");
    for _ in 0..4 {
        key(&mut s, 'j');
    }
    let q = queries(&press(&mut s, KeyCode::Enter));
    assert_eq!((q[0].team_id, q[0].labels.clone()), (Some(7), vec!["billing".to_string()]));
    assert!(crate::common::screen(&s).contains("open · team sales · label billing"));
    key(&mut s, 'f');
    let q = queries(&key(&mut s, 'x'));
    assert_eq!((q[0].team_id, q[0].labels.len(), q[0].inbox_id), (None, 0, None));
    // Esc closes without a request.
    key(&mut s, 'f');
    assert!(press(&mut s, KeyCode::Esc).is_empty());
    assert!(s.inbox.picker.is_none());
}

#[test]
fn slash_types_a_message_search_that_enter_applies_and_esc_clears() {
    let inbox = Inbox::new(57, 12, 30);
    let mut s = started(140, 40, &inbox);
    key(&mut s, '/');
    type_text(&mut s, "refund q");
    assert!(s.inbox.q.is_empty(), "nothing is asked while typing");
    let q = queries(&press(&mut s, KeyCode::Enter));
    assert_eq!(q[0].q, "refund q");
    assert!(crate::common::screen(&s).contains("any status · q “refund q”"));
    let q = queries(&press(&mut s, KeyCode::Esc));
    assert_eq!(q[0].q, "", "Esc on the list clears the search");
    key(&mut s, '/');
    type_text(&mut s, "x");
    let q = queries(&press(&mut s, KeyCode::Esc));
    assert!(
        q.is_empty() && s.inbox.q.is_empty() && s.inbox.query.is_none(),
        "nothing applied, nothing asked"
    );
}

#[test]
fn only_the_pages_in_view_load_and_g_asks_for_the_last_page_alone() {
    let inbox = Inbox::new(1000, 100, 300);
    let mut s = started(140, 40, &inbox);
    assert_eq!(s.inbox_viewport(), 11, "three rows a conversation under the tab and filter lines");
    let cmds = key(&mut s, '3');
    assert_eq!(pages(&cmds), vec![(InboxView::All, 1)]);
    settle(&mut s, cmds, &|c| inbox.answer(c));
    assert_eq!(s.inbox.active().len(), 1000, "the view's count is the list's length");
    let mut asked = Vec::new();
    for _ in 0..30 {
        let cmds = key(&mut s, 'j');
        asked.extend(pages(&cmds));
        settle(&mut s, cmds, &|c| inbox.answer(c));
    }
    assert_eq!(asked, vec![(InboxView::All, 2)], "the next page as the viewport nears it");
    let cmds = key(&mut s, 'G');
    assert_eq!(pages(&cmds), vec![(InboxView::All, 40)], "one request for the end");
    settle(&mut s, cmds, &|c| inbox.answer(c));
    assert_eq!(s.inbox.active().selected_item().map(|c| c.id.as_str()), Some("1999"));
    assert_eq!(s.inbox.active().loaded_pages(), 3);
}

#[test]
fn enter_opens_the_thread_and_the_contacts_conversations_and_marks_it_read() {
    let inbox = Inbox::new(57, 12, 30);
    let mut s = started(140, 40, &inbox);
    let conv = s.inbox.active().get(0).cloned().expect("loaded");
    assert_eq!(conv.unread_count, 2);
    let cmds = press(&mut s, KeyCode::Enter);
    assert_eq!(s.focus, Pane::Thread);
    assert!(s.thread.cursor, "the thread pages by message id");
    assert!(cmds.iter().any(|c| matches!(c,
        Command::LoadMessages { conversation_id, skip: 0, before: None, after: None, .. } if *conversation_id == conv.id)));
    assert!(cmds.iter().any(|c| matches!(c,
        Command::LoadConversations { contact_id, .. } if *contact_id == conv.contact_id)));
    let mark = cmds.iter().find_map(|c| match c {
        Command::Inbox(IC::MarkRead { req, conversation_id }) => Some((*req, conversation_id.clone())),
        _ => None,
    });
    let (req, id) = mark.expect("opening marks it read");
    assert_eq!(id, conv.id);
    assert_eq!(s.inbox.active().get(0).map(|c| c.unread_count), Some(2), "cleared on success only");
    // The contact's conversations arrive: the opened one is selected in the middle pane.
    let mut others = inbox.rows(InboxView::All)[20..23].to_vec();
    others.push(conv.clone());
    let req_conv = cmds.iter().find_map(|c| match c {
        Command::LoadConversations { req, .. } => Some(*req),
        _ => None,
    });
    s.update(Action::ConversationsLoaded { req: req_conv.expect("asked"), result: Ok(others) });
    assert_eq!(s.conversations.selected_item().map(|c| c.id.clone()), Some(conv.id.clone()));
    s.update(Action::Inbox(I::MarkedRead { req, conversation_id: id.clone(), result: Ok(()) }));
    assert_eq!(s.inbox.active().get(0).map(|c| c.unread_count), Some(0));
    assert_eq!(s.conversations.selected_item().map(|c| c.unread_count), Some(0), "everywhere it is shown");
}

#[test]
fn mark_read_on_open_follows_the_setting_and_the_capability() {
    let inbox = Inbox::new(57, 12, 30);
    let is_mark = |c: &Command| matches!(c, Command::Inbox(IC::MarkRead { .. }));
    let mut s = started(140, 40, &inbox);
    s.mark_read_on_open = false;
    assert!(!press(&mut s, KeyCode::Enter).iter().any(is_mark));
    let mut s = started(140, 40, &inbox);
    s.account.capabilities.mark_conversation_read = false;
    assert!(!press(&mut s, KeyCode::Enter).iter().any(is_mark));
    // A refusal leaves the badge and says why.
    let mut s = started(140, 40, &inbox);
    let cmds = press(&mut s, KeyCode::Enter);
    let Some(Command::Inbox(IC::MarkRead { req, conversation_id })) = cmds.into_iter().find(is_mark) else {
        panic!("no mark read")
    };
    let refused = ApiError::NotFound { endpoint: "POST update_last_seen", message: "gone".into() };
    s.update(Action::Inbox(I::MarkedRead { req, conversation_id, result: Err(refused) }));
    assert_eq!(s.inbox.active().get(0).map(|c| c.unread_count), Some(2));
    assert!(s.last_error.as_deref().is_some_and(|e| e.contains("could not mark #1000 read")));
}

fn messages_cmd(cmds: &[Command]) -> (u64, u64, Option<String>, Option<String>) {
    cmds.iter()
        .find_map(|c| match c {
            Command::LoadMessages { req, skip, before, after, .. } => {
                Some((*req, *skip, before.clone(), after.clone()))
            }
            _ => None,
        })
        .expect("a messages request")
}

fn thread_ids(s: &State) -> Vec<String> {
    (0..s.thread.loaded()).rev().filter_map(|i| s.thread.nth_newest(i)).map(|m| m.id.clone()).collect()
}

#[test]
fn cursor_history_scrolls_back_with_before_and_catches_up_with_after_in_order() {
    let inbox = Inbox::new(57, 12, 30);
    let mut s = started(140, 40, &inbox);
    let cmds = press(&mut s, KeyCode::Enter);
    let (req, skip, before, after) = messages_cmd(&cmds);
    assert_eq!((skip, before, after), (0, None, None), "the newest page first");
    let mut cmds = s.update(Action::MessagesLoaded { req, skip, result: Ok(texts(80..100, true)) });
    // Scroll up until the view nears the oldest message held: the page before it is asked.
    while !cmds.iter().any(|c| matches!(c, Command::LoadMessages { .. })) {
        cmds = key(&mut s, 'k');
    }
    let (req, skip, before, after) = messages_cmd(&cmds);
    assert_eq!((before.as_deref(), after), (Some("80"), None));
    let cmds = s.update(Action::MessagesLoaded { req, skip, result: Ok(texts(60..80, false)) });
    assert!(!cmds.iter().any(|c| matches!(c, Command::LoadMessages { .. })), "has_more false: stop");
    let cmds = key(&mut s, 'R');
    let (req, skip, before, after) = messages_cmd(&cmds);
    assert_eq!((before, after.as_deref()), (None, Some("99")), "R catches up after the newest");
    s.update(Action::MessagesLoaded { req, skip, result: Ok(texts(100..103, false)) });
    let want: Vec<String> = (60..103).map(|i| i.to_string()).collect();
    assert_eq!(thread_ids(&s), want, "older above, newer below, each once");
    assert_eq!(s.thread.total, 0, "the total is unknown");
    let screen = crate::common::screen(&s);
    assert!(screen.contains(" 43 loaded "), "{screen}");
    assert!(!screen.contains("messages "), "no count of the whole conversation: {screen}");
}

fn chatwoot_notes() -> Vec<Notification> {
    (0..4)
        .map(|i| Notification {
            id: format!("n{i}"),
            title: format!("New message in #{}", 1000 + i),
            kind: 1,
            conversation_id: Some((1000 + i).to_string()),
            is_read: i == 3,
            ..Default::default()
        })
        .collect()
}

fn open_centre(s: &mut State) {
    let all = chatwoot_notes();
    let cmds = s.update(Action::Notify(N::Toggle));
    settle(s, cmds, &|c| match c {
        Command::Notify(NC::Load { req, skip, .. }) => Some(Action::Notify(N::Loaded {
            req: *req,
            skip: *skip,
            result: Ok(NotificationPage {
                page: Page { items: all.clone(), total: 4, has_more: false },
                unread_count: Some(3),
            }),
        })),
        other => crate::common::seed_answer(other),
    });
}

#[test]
fn enter_on_a_notification_with_a_conversation_opens_it_like_the_inbox() {
    let inbox = Inbox::new(57, 12, 30);
    let mut s = started(140, 40, &inbox);
    open_centre(&mut s);
    key(&mut s, 'j');
    let cmds = press(&mut s, KeyCode::Enter);
    assert!(!s.notifications.open);
    assert_eq!(s.focus, Pane::Thread);
    assert_eq!(s.thread.conversation_id.as_deref(), Some("1001"));
    assert!(
        cmds.iter()
            .any(|c| matches!(c, Command::LoadMessages { conversation_id, .. } if conversation_id == "1001"))
    );
    assert!(
        cmds.iter()
            .any(|c| matches!(c, Command::LoadConversations { contact_id, .. } if contact_id == "501")),
        "loaded in the inbox: the contact's conversations come too"
    );
    assert!(cmds.iter().any(|c| matches!(c, Command::Notify(NC::MarkRead { ids, .. }) if ids == &["n1"])));
}

#[test]
fn mark_all_read_flips_every_row_and_is_put_back_when_refused() {
    let inbox = Inbox::new(57, 12, 30);
    let mut s = started(140, 40, &inbox);
    open_centre(&mut s);
    assert_eq!(s.badge.unread, Some(3));
    let cmds = key(&mut s, 'A');
    let [Command::Notify(NC::MarkAllRead { req })] = cmds[..] else { panic!("{cmds:?}") };
    assert!(s.notifications.items.iter().all(|n| n.is_read));
    assert_eq!(s.badge.unread, Some(0));
    let refused = ApiError::Server { endpoint: "POST read_all", status: 500, message: "boom".into() };
    let cmds = s.update(Action::Notify(N::Written { req, result: Err(refused) }));
    assert_eq!(s.notifications.items.iter().filter(|n| !n.is_read).count(), 3, "put back");
    assert_eq!(s.badge.unread, Some(3));
    assert!(cmds.iter().any(|c| matches!(c, Command::LoadUnreadCount { .. })), "the badge is asked again");
    // A backend without the capability says so, in a notice (asking again cannot help).
    s.account.capabilities.mark_all_notifications_read = false;
    let cmds = key(&mut s, 'A');
    assert!(!cmds.iter().any(|c| matches!(c, Command::Notify(NC::MarkAllRead { .. }))), "{cmds:?}");
    assert!(s.notice.as_deref().is_some_and(|e| e.contains("marking all notifications read: not available")));
}

#[test]
fn c_swaps_the_inbox_for_the_contact_list_and_back() {
    let inbox = Inbox::new(57, 12, 30);
    let mut s = started(140, 40, &inbox);
    let cmds = key(&mut s, 'C');
    assert!(!s.inbox_shown());
    let left = settle(&mut s, cmds, &crate::common::seed_answer);
    assert!(left.iter().all(|c| matches!(c, Command::LoadContacts { skip: 50, .. })), "{left:?}");
    assert_eq!(s.contacts.len(), 65_681, "the contact list loads when shown");
    let cmds = press(&mut s, KeyCode::Enter);
    assert!(cmds.iter().any(|c| matches!(c, Command::LoadConversations { .. })));
    assert_eq!(s.focus, Pane::Conversations);
    key(&mut s, 'h');
    let cmds = key(&mut s, 'C');
    assert!(s.inbox_shown() && cmds.is_empty(), "the inbox was kept");
    assert_eq!(s.inbox.active().len(), 12);
}

#[test]
fn the_list_poll_refreshes_the_view_shown_and_the_badge_comes_with_it() {
    let inbox = Inbox::new(57, 12, 30);
    let mut s = started(140, 40, &inbox);
    let now = crate::common::now();
    assert!(s.update(Action::Tick(now)).is_empty(), "the first tick only sets the timer");
    let later = now + jiff::SignedDuration::try_from(s.poll.config.list).expect("duration");
    let cmds = s.update(Action::Tick(later));
    assert_eq!(pages(&cmds), vec![(InboxView::Mine, 1)]);
    assert!(cmds.iter().any(|c| matches!(c, Command::LoadUnreadCount { .. })));
    settle(&mut s, cmds, &|c| inbox.answer(c));
    assert_eq!(s.inbox.active().len(), 12);
}

#[test]
fn inbox_keys_on_an_account_without_views_say_so() {
    let mut s = crate::common::state(140, 40);
    assert!(s.update(Action::Inbox(I::CycleStatus)).is_empty());
    assert!(s.notice.as_deref().is_some_and(|e| e.contains("iMBRACE has no conversation inbox")));
    assert_eq!(s.last_error, None, "a notice, not an error to retry");
    assert!(!s.inbox_shown());
}

#[test]
fn the_mouse_selects_and_scrolls_the_inbox() {
    let inbox = Inbox::new(57, 12, 30);
    let mut s = started(140, 40, &inbox);
    s.update(Action::FocusRight);
    // Border at row 1, tabs and filters at rows 2 and 3, then three rows per conversation.
    s.update(Action::Click(5, 8));
    assert_eq!((s.focus, s.inbox.active().selected), (Pane::Contacts, 1));
    s.update(Action::Click(5, 3));
    assert_eq!(s.inbox.active().selected, 1, "the filter line selects nothing");
    s.update(Action::ScrollDown(5, 20));
    assert_eq!(s.inbox.active().selected, 4);
}

#[test]
fn after_a_reload_that_re_sorts_the_rows_the_selection_follows_its_conversation() {
    let mut inbox = Inbox::new(30, 10, 10);
    let mut s = started(140, 40, &inbox);
    key(&mut s, 'j');
    key(&mut s, 'j');
    let chosen = s.inbox.active().selected_item().map(|c| c.id.clone()).expect("a row");
    // The chosen conversation got a reply: the server now lists it first.
    let at = inbox.all.iter().position(|c| c.id == chosen).expect("listed");
    let moved = inbox.all.remove(at);
    inbox.all.insert(0, moved);
    let cmds = s.update(Action::Inbox(imbox::action::InboxAction::Reload));
    crate::common::settle(&mut s, cmds, &|c| inbox.answer(c));
    assert_eq!(s.inbox.active().selected, 0);
    assert_eq!(s.inbox.active().selected_item().map(|c| c.id.clone()), Some(chosen), "the same conversation");
}
