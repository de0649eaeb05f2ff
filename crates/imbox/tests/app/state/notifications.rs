//! The notification centre through the pure update: open, page, mark, read, dismiss, dismiss
//! all with its prompt and undo window, unread-only, the badge, and Enter. No I/O.

use crate::common::{seed_answer, seed_conversations, settle, state};
use imbox::action::Action;
use imbox::action::FoundConversation;
use imbox::action::NotificationAction as N;
use imbox::command::Command;
use imbox::command::NotificationCommand as NC;
use imbox::layout::Pane;
use imbox::state::State;
use imbox::state::notifications::UNDO_WINDOW;
use imbox_api::ApiError;
use imbox_model::{Notification, NotificationPage, Page};

/// `n` notifications, newest first; every third is read; all conversation notifications.
pub fn notes(n: usize) -> Vec<Notification> {
    (0..n)
        .map(|i| Notification {
            id: format!("not_{i}"),
            title: format!("Conversation {i}"),
            content: String::new(),
            from: ["General", "VIP Care"][i % 2].into(),
            kind: 201,
            handle_id: Some(format!("tcu_{i}")),
            is_read: i % 3 == 2,
            channel_type: ["web", "whatsapp", "email"][i % 3].into(),
            created_at: Some(crate::common::now() - jiff::SignedDuration::from_hours(i as i64 * 3)),
            conversation_id: None,
        })
        .collect()
}

/// Answers list pages from `all`, every write with `write`, and the rest from the seeds.
fn answer_with<'a>(
    all: &'a [Notification],
    write: &'a dyn Fn() -> Result<(), ApiError>,
) -> impl Fn(&Command) -> Option<Action> + 'a {
    move |cmd| match cmd {
        Command::Notify(NC::Load { req, skip, limit }) => {
            let items: Vec<Notification> =
                all.iter().skip(*skip as usize).take(*limit as usize).cloned().collect();
            let has_more = (*skip as usize + items.len()) < all.len();
            let unread_count = Some(all.iter().filter(|n| !n.is_read).count() as u64);
            let page = Page { items, total: all.len() as u64, has_more };
            Some(Action::Notify(N::Loaded {
                req: *req,
                skip: *skip,
                result: Ok(NotificationPage { page, unread_count }),
            }))
        }
        Command::Notify(NC::MarkRead { req, .. } | NC::Dismiss { req, .. } | NC::DismissAll { req, .. }) => {
            Some(Action::Notify(N::Written { req: *req, result: write() }))
        }
        other => seed_answer(other),
    }
}

fn ok() -> Result<(), ApiError> {
    Ok(())
}

fn refused() -> Result<(), ApiError> {
    Err(ApiError::BadRequest {
        endpoint: "PUT /v1/backend/notifications/read",
        status: 400,
        message: "not yours".into(),
    })
}

/// A started state at `w`x`h` with the centre open on `all`.
fn open_centre(w: u16, h: u16, all: &[Notification]) -> State {
    let mut s = state(w, h);
    let cmds = s.start();
    settle(&mut s, cmds, &seed_answer);
    let cmds = s.update(Action::Notify(N::Toggle));
    assert!(s.notifications.open);
    let left = settle(&mut s, cmds, &answer_with(all, &ok));
    assert!(left.is_empty(), "{left:?}");
    s
}

fn notify(s: &mut State, a: N) -> Vec<Command> {
    s.update(Action::Notify(a))
}

fn has_badge_request(cmds: &[Command]) -> bool {
    cmds.iter().any(|c| matches!(c, Command::LoadUnreadCount { .. }))
}

#[test]
fn opening_loads_pages_as_the_cursor_nears_the_end() {
    let all = notes(120);
    let mut s = open_centre(80, 24, &all);
    // 19 rows on screen: the first page covers two screens' margin.
    assert_eq!(s.notifications.items.len(), 50);
    assert_eq!(s.notifications.total, Some(120));
    assert_eq!(s.badge.unread, Some(80), "the list's own unread count updates the badge");
    assert!(notify(&mut s, N::Page(1)).is_empty(), "more than a screen still loaded below");
    let cmds = notify(&mut s, N::Page(1));
    assert!(matches!(&cmds[..], [Command::Notify(NC::Load { skip: 50, limit: 50, .. })]), "{cmds:?}");
    settle(&mut s, cmds, &answer_with(&all, &ok));
    assert_eq!(s.notifications.items.len(), 100);
    let cmds = notify(&mut s, N::Bottom);
    settle(&mut s, cmds, &answer_with(&all, &ok));
    assert_eq!(s.notifications.items.len(), 120);
    assert!(!s.notifications.has_more());
    assert!(notify(&mut s, N::Bottom).is_empty(), "nothing more to ask");
}

#[test]
fn mark_read_is_optimistic_and_rolled_back_when_refused() {
    let all = notes(10);
    let mut s = open_centre(140, 40, &all);
    let cmds = notify(&mut s, N::MarkRead);
    assert!(s.notifications.items[0].is_read);
    assert_eq!(s.badge.unread, Some(6));
    assert!(matches!(&cmds[..], [Command::Notify(NC::MarkRead { ids, .. })] if ids == &["not_0"]));
    // A badge answer that raced the write is not applied (the server is behind).
    let badge = notify(&mut s, N::Reload);
    let left = settle(&mut s, badge, &seed_answer);
    assert!(left.is_empty());
    assert_eq!(s.badge.unread, Some(6));
    let after = settle(&mut s, cmds, &answer_with(&all, &refused));
    assert!(!s.notifications.items[0].is_read, "rolled back");
    assert_eq!(s.badge.unread, Some(595), "the badge is asked again after the write (seed answer)");
    assert!(after.is_empty());
    let err = s.notifications.error_write.clone().expect("visible error");
    assert!(err.contains("could not mark 1 notification read") && err.contains("not yours"), "{err}");
    assert_eq!(s.last_error.as_deref(), Some(err.as_str()));
    // The next key clears the centre's message.
    notify(&mut s, N::Move(1));
    assert!(s.notifications.error_write.is_none());
}

#[test]
fn every_write_refreshes_the_badge_when_it_lands() {
    let all = notes(10);
    let mut s = open_centre(140, 40, &all);
    let cmds = notify(&mut s, N::Dismiss);
    assert!(!has_badge_request(&cmds));
    let req = match &cmds[..] {
        [Command::Notify(NC::Dismiss { req, .. })] => *req,
        other => panic!("{other:?}"),
    };
    let after = notify(&mut s, N::Written { req, result: Ok(()) });
    assert!(has_badge_request(&after), "{after:?}");
    // A stale or unknown write result does nothing.
    assert!(notify(&mut s, N::Written { req, result: Ok(()) }).is_empty());
}

#[test]
fn the_badge_is_polled_with_the_newest_notifications() {
    let mut s = state(140, 40);
    let cmds = s.start();
    settle(&mut s, cmds, &seed_answer);
    assert_eq!(s.poll.config.notifications, std::time::Duration::from_secs(15));
    let t0 = crate::common::now();
    let polled = |cmds: &[Command]| {
        cmds.iter().any(|c| matches!(c, Command::Notify(NC::Load { skip: 0, limit: 15, .. })))
    };
    assert!(!polled(&s.update(Action::Tick(t0))), "the first tick sets the timer");
    assert!(!polled(&s.update(Action::Tick(t0 + jiff::SignedDuration::from_secs(14)))));
    let cmds = s.update(Action::Tick(t0 + jiff::SignedDuration::from_secs(15)));
    assert!(polled(&cmds), "{cmds:?}");
    // iMBRACE: the page is the badge (one request, not two).
    assert!(!has_badge_request(&cmds));
    let req = match cmds.iter().find(|c| matches!(c, Command::Notify(NC::Load { .. }))) {
        Some(Command::Notify(NC::Load { req, .. })) => *req,
        other => panic!("{other:?}"),
    };
    let mut page = crate::common::seed_notifications();
    page.unread_count = Some(7);
    s.update(Action::Notify(N::Loaded { req, skip: 0, result: Ok(page) }));
    assert_eq!(s.badge.unread, Some(7));
    assert!(!polled(&s.update(Action::Tick(t0 + jiff::SignedDuration::from_secs(29)))));
    assert!(polled(&s.update(Action::Tick(t0 + jiff::SignedDuration::from_secs(30)))));
}

#[test]
fn space_marks_rows_and_dismiss_removes_every_marked_one() {
    let all = notes(10);
    let mut s = open_centre(140, 40, &all);
    notify(&mut s, N::ToggleMark);
    notify(&mut s, N::ToggleMark);
    assert_eq!(s.notifications.selected, 2, "Space moves down");
    notify(&mut s, N::Move(2));
    notify(&mut s, N::ToggleMark);
    assert_eq!(s.notifications.marked.len(), 3);
    let cmds = notify(&mut s, N::Dismiss);
    assert!(
        matches!(&cmds[..], [Command::Notify(NC::Dismiss { ids, .. })] if ids == &["not_0", "not_1", "not_4"]),
        "{cmds:?}"
    );
    let left: Vec<&str> = s.notifications.items.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(left, ["not_2", "not_3", "not_5", "not_6", "not_7", "not_8", "not_9"]);
    assert_eq!(s.notifications.total, Some(7));
    assert_eq!(s.badge.unread, Some(4), "three unread gone");
    assert!(s.notifications.marked.is_empty());
    // Refused: back where they were.
    settle(&mut s, cmds, &answer_with(&all, &refused));
    let back: Vec<&str> = s.notifications.items.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(back, all.iter().map(|n| n.id.as_str()).collect::<Vec<_>>());
    assert_eq!((s.notifications.total, s.badge.unread), (Some(10), Some(595)));
}

#[test]
fn v_marks_a_range_from_the_last_marked_row_and_a_marks_all() {
    let all = notes(10);
    let mut s = open_centre(140, 40, &all);
    notify(&mut s, N::Move(1));
    notify(&mut s, N::ToggleMark); // marks 1, cursor on 2
    notify(&mut s, N::Move(2)); // cursor on 4
    notify(&mut s, N::MarkRange);
    let marked: Vec<&str> = s.notifications.marked.iter().map(String::as_str).collect();
    assert_eq!(marked, ["not_1", "not_2", "not_3", "not_4"]);
    // The range goes upwards too, from the row V was last pressed on.
    notify(&mut s, N::Top);
    notify(&mut s, N::MarkRange);
    assert_eq!(s.notifications.marked.len(), 5);
    // Without an anchor, V starts a range at the cursor.
    let mut t = open_centre(140, 40, &all);
    notify(&mut t, N::Move(7));
    notify(&mut t, N::MarkRange);
    assert_eq!(t.notifications.marked.iter().collect::<Vec<_>>(), ["not_7"]);
    notify(&mut t, N::Move(2));
    notify(&mut t, N::MarkRange);
    assert_eq!(t.notifications.marked.len(), 3);
    notify(&mut t, N::MarkAll);
    assert_eq!(t.notifications.marked.len(), 10);
    let cmds = notify(&mut t, N::MarkRead);
    match &cmds[..] {
        [Command::Notify(NC::MarkRead { ids, .. })] => assert_eq!(ids.len(), 7, "only the unread are sent"),
        other => panic!("{other:?}"),
    }
    assert_eq!(t.badge.unread, Some(0));
    notify(&mut t, N::MarkAll);
    notify(&mut t, N::MarkAll);
    assert!(t.notifications.marked.is_empty(), "a second a unmarks");
}

#[test]
fn dismiss_all_asks_then_waits_out_the_undo_window_then_sends() {
    let all = notes(10);
    let mut s = open_centre(140, 40, &all);
    assert!(notify(&mut s, N::AskDismissAll).is_empty());
    assert!(s.notifications.confirm);
    assert!(notify(&mut s, N::Confirm(false)).is_empty());
    assert!(!s.notifications.confirm);
    assert_eq!(s.notifications.items.len(), 10, "declined: nothing changed");
    notify(&mut s, N::AskDismissAll);
    let cmds = notify(&mut s, N::Confirm(true));
    let due = match &cmds[..] {
        [Command::Schedule { after, action }] => {
            assert_eq!(*after, UNDO_WINDOW);
            (**action).clone()
        }
        other => panic!("{other:?}"),
    };
    assert!(s.notifications.items.is_empty() && s.notifications.view.is_empty());
    assert_eq!(s.badge.unread, Some(0));
    assert_eq!(s.notifications.undo_seconds_left(s.now), Some(5));
    s.update(Action::Tick(crate::common::now() + jiff::SignedDuration::from_millis(2_100)));
    assert_eq!(s.notifications.undo_seconds_left(s.now), Some(3), "the countdown runs on ticks");
    let cmds = s.update(due);
    assert!(
        matches!(&cmds[..], [Command::Notify(NC::DismissAll { kind, .. })] if kind == "conversations"),
        "{cmds:?}"
    );
    assert!(s.notifications.undo.is_none());
}

#[test]
fn undo_restores_everything_and_cancels_the_request() {
    let all = notes(10);
    let mut s = open_centre(140, 40, &all);
    notify(&mut s, N::Move(3));
    notify(&mut s, N::AskDismissAll);
    let cmds = notify(&mut s, N::Confirm(true));
    let Some(Command::Schedule { action, .. }) = cmds.into_iter().next() else { panic!("no schedule") };
    notify(&mut s, N::Undo);
    assert_eq!(s.notifications.items.len(), 10);
    assert_eq!(s.badge.unread, Some(7));
    assert!(s.notifications.undo.is_none());
    assert!(s.update(*action).is_empty(), "the undone generation sends nothing");
}

#[test]
fn unread_only_filters_the_loaded_rows_and_keeps_paging() {
    // 60 read notifications, then unread ones: the first page holds no unread at all.
    let mut all = notes(120);
    for n in all.iter_mut().take(60) {
        n.is_read = true;
    }
    let mut s = open_centre(80, 24, &all);
    assert_eq!(s.notifications.items.len(), 50);
    let cmds = notify(&mut s, N::ToggleUnreadOnly);
    assert!(s.notifications.unread_only);
    assert!(s.notifications.view.is_empty());
    assert!(matches!(&cmds[..], [Command::Notify(NC::Load { skip: 50, .. })]), "looks further: {cmds:?}");
    settle(&mut s, cmds, &answer_with(&all, &ok));
    assert!(!s.notifications.view.is_empty());
    assert!(s.notifications.view.iter().all(|i| !s.notifications.items[*i].is_read));
    assert_eq!(s.notifications.selected_item().map(|n| n.id.as_str()), Some("not_60"));
    // Marking read makes the row leave the unread view.
    notify(&mut s, N::MarkRead);
    assert_eq!(s.notifications.selected_item().map(|n| n.id.as_str()), Some("not_61"));
    notify(&mut s, N::ToggleUnreadOnly);
    assert_eq!(s.notifications.view.len(), s.notifications.items.len());
    assert_eq!(s.notifications.selected_item().map(|n| n.id.as_str()), Some("not_61"), "cursor stays");
}

#[test]
fn enter_opens_a_resolvable_conversation_and_marks_it_read() {
    let conv = seed_conversations().remove(0);
    let mut all = notes(5);
    all[0].handle_id = Some(conv.handle_id.clone());
    // Open a contact's conversations first, as a user would.
    let mut s = state(140, 40);
    let cmds = s.start();
    settle(&mut s, cmds, &seed_answer);
    let cmds = s.update(Action::Open);
    settle(&mut s, cmds, &seed_answer);
    let name = s.conversations.contact_name.clone();
    let cmds = notify(&mut s, N::Toggle);
    settle(&mut s, cmds, &answer_with(&all, &ok));
    let cmds = notify(&mut s, N::Open);
    assert!(!s.notifications.open);
    assert_eq!(s.focus, Pane::Thread);
    assert_eq!(s.thread.conversation_id.as_deref(), Some(conv.id.as_str()));
    assert_eq!(
        (s.thread.title.as_str(), s.thread.contact_name.as_str()),
        (conv.name.as_str(), name.as_str())
    );
    assert!(
        cmds.iter().any(
            |c| matches!(c, Command::LoadMessages { conversation_id, .. } if conversation_id == &conv.id)
        )
    );
    assert!(cmds.iter().any(|c| matches!(c, Command::Notify(NC::MarkRead { ids, .. }) if ids == &["not_0"])));
}

/// A conversation `conv_9` of contact `con_9` (王伟) whose handle is `tcu_1`.
fn found_conversation() -> imbox_model::Conversation {
    let mut c = seed_conversations().remove(0);
    c.id = "conv_9".into();
    c.handle_id = "tcu_1".into();
    c.contact_id = "con_9".into();
    c.contact_name = "王伟".into();
    c.name = "王伟@16 Sep 2025".into();
    c
}

fn found(req: u64, conversation: Option<imbox_model::Conversation>) -> N {
    let result =
        Ok(FoundConversation { conversation: conversation.map(Box::new), candidates: 3, checked: 3 });
    N::Found { req, result }
}

fn find_req(cmds: &[Command]) -> (u64, String, String) {
    cmds.iter()
        .find_map(|c| match c {
            Command::Notify(NC::Find { req, handle_id, name }) => {
                Some((*req, handle_id.clone(), name.clone()))
            }
            _ => None,
        })
        .expect("a Find request")
}

/// The lookups `cmds` stop.
fn stops(cmds: &[Command]) -> Vec<u64> {
    cmds.iter()
        .filter_map(|c| match c {
            Command::Notify(NC::StopFind { req }) => Some(*req),
            _ => None,
        })
        .collect()
}

#[test]
fn enter_on_a_notification_not_loaded_finds_its_conversation_through_the_contact() {
    let mut all = notes(5);
    all[1].title = "王伟@16 Sep 2025".into();
    let mut s = open_centre(140, 40, &all);
    notify(&mut s, N::Move(1));
    let cmds = notify(&mut s, N::Open);
    // The chain runs in the worker: the name from the title, the handle from `action_to`.
    let (req, handle, name) = find_req(&cmds);
    assert_eq!((handle.as_str(), name.as_str()), ("tcu_1", "王伟"));
    assert!(cmds.iter().any(|c| matches!(c, Command::Notify(NC::MarkRead { ids, .. }) if ids == &["not_1"])));
    assert!(s.notifications.open && s.notifications.details.is_none());
    assert_eq!(s.notifications.finding.as_ref().map(|f| f.name.as_str()), Some("王伟"));
    assert!(s.is_loading(), "the spinner turns while it runs");
    // Found: the thread opens, with the contact's conversations beside it, this one selected.
    let cmds = notify(&mut s, found(req, Some(found_conversation())));
    assert!(!s.notifications.open && s.notifications.finding.is_none());
    assert_eq!(s.focus, Pane::Thread);
    assert_eq!(s.thread.conversation_id.as_deref(), Some("conv_9"));
    assert_eq!(s.thread.contact_name, "王伟");
    assert_eq!(s.conversations.contact_id.as_deref(), Some("con_9"));
    assert_eq!(s.conversations.contact_name, "王伟");
    let answer = |c: &Command| match c {
        Command::LoadConversations { req, contact_id, .. } if contact_id == "con_9" => {
            let mut list = seed_conversations();
            list.push(found_conversation());
            Some(Action::ConversationsLoaded { req: *req, result: Ok(list) })
        }
        other => seed_answer(other),
    };
    settle(&mut s, cmds, &answer);
    assert_eq!(s.conversations.selected_item().map(|c| c.id.as_str()), Some("conv_9"));
}

#[test]
fn a_notification_whose_conversation_is_not_found_says_what_was_tried() {
    let mut all = notes(5);
    all[1].title = "王伟@16 Sep 2025".into();
    let mut s = open_centre(140, 40, &all);
    notify(&mut s, N::Move(1));
    let (req, ..) = find_req(&notify(&mut s, N::Open));
    notify(&mut s, found(req, None));
    assert!(s.notifications.open && s.notifications.finding.is_none());
    let shown = s.notifications.details.clone().expect("details box");
    assert_eq!(shown.id, "not_1");
    assert!(shown.is_read, "opened means read");
    let note = &s.notifications.details_note;
    assert!(note.contains("None of the 3 contacts found for “王伟” has this conversation"), "{note}");
    notify(&mut s, N::Escape);
    assert!(s.notifications.details.is_none() && s.notifications.open);
    notify(&mut s, N::Escape);
    assert!(!s.notifications.open);
}

#[test]
fn finding_a_conversation_is_cancelled_by_esc_or_enter_again_and_its_answer_ignored() {
    let mut all = notes(5);
    all[1].title = "王伟@16 Sep 2025".into();
    all[2].title = "李娜@12 Sep 2025".into();
    let mut s = open_centre(140, 40, &all);
    notify(&mut s, N::Move(1));
    // Esc stops waiting (and the lookup itself); the centre stays open, a late answer changes
    // nothing.
    let (req, ..) = find_req(&notify(&mut s, N::Open));
    assert_eq!(stops(&notify(&mut s, N::Escape)), vec![req]);
    assert!(s.notifications.open && s.notifications.finding.is_none());
    notify(&mut s, found(req, Some(found_conversation())));
    assert!(s.notifications.open && s.thread.conversation_id.is_none());
    // Enter again on the same row stops too.
    let (req, ..) = find_req(&notify(&mut s, N::Open));
    let cmds = notify(&mut s, N::Open);
    assert!(!cmds.iter().any(|c| matches!(c, Command::Notify(NC::Find { .. }))));
    assert_eq!(stops(&cmds), vec![req]);
    assert_eq!(stops(&cmds), vec![req]);
    assert!(s.notifications.finding.is_none());
    notify(&mut s, found(req, Some(found_conversation())));
    assert!(s.thread.conversation_id.is_none());
    // Enter on another row looks for that one instead: only its answer counts.
    let (first, ..) = find_req(&notify(&mut s, N::Open));
    notify(&mut s, N::Move(1));
    let cmds = notify(&mut s, N::Open);
    let (second, _, name) = find_req(&cmds);
    assert_eq!(name, "李娜");
    assert_eq!(stops(&cmds), vec![first], "the first lookup stops");
    notify(&mut s, found(first, Some(found_conversation())));
    assert!(s.notifications.open && s.thread.conversation_id.is_none());
    assert!(stops(&notify(&mut s, found(second, None))).is_empty(), "its own answer ended it");
    assert!(s.notifications.details_note.contains("李娜"), "{}", s.notifications.details_note);
    // Closing the centre stops it as well.
    notify(&mut s, N::Escape);
    let (req, ..) = find_req(&notify(&mut s, N::Open));
    assert_eq!(stops(&notify(&mut s, N::Toggle)), vec![req]);
    notify(&mut s, found(req, Some(found_conversation())));
    assert!(s.thread.conversation_id.is_none() && !s.notifications.open);
}

#[test]
fn a_notification_without_a_conversation_or_a_name_shows_its_details_saying_why() {
    let mut all = notes(3);
    all[0].handle_id = None;
    all[1].title = String::new();
    let mut s = open_centre(140, 40, &all);
    let cmds = notify(&mut s, N::Open);
    assert!(!cmds.iter().any(|c| matches!(c, Command::Notify(NC::Find { .. }))));
    assert_eq!(s.notifications.details_note, "It points at no conversation.");
    notify(&mut s, N::Escape);
    notify(&mut s, N::Move(1));
    notify(&mut s, N::Open);
    assert!(s.notifications.details_note.contains("names no contact"), "{}", s.notifications.details_note);
}

#[test]
fn keys_open_the_centre_from_any_pane_and_the_prompt_takes_y_or_anything_else() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let key = |c: char| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    let mut s = state(140, 40);
    for pane in [Pane::Contacts, Pane::Conversations, Pane::Thread] {
        s.focus = pane;
        assert_eq!(imbox::keymap::action_for(&s, &key('n')), Some(Action::Notify(N::Toggle)));
    }
    s.notifications.open = true;
    assert_eq!(imbox::keymap::action_for(&s, &key('r')), Some(Action::Notify(N::MarkRead)));
    assert_eq!(imbox::keymap::action_for(&s, &key(' ')), Some(Action::Notify(N::ToggleMark)));
    assert_eq!(imbox::keymap::action_for(&s, &key('n')), Some(Action::Notify(N::Toggle)));
    s.notifications.confirm = true;
    assert_eq!(imbox::keymap::action_for(&s, &key('y')), Some(Action::Notify(N::Confirm(true))));
    assert_eq!(imbox::keymap::action_for(&s, &key('n')), Some(Action::Notify(N::Confirm(false))));
    assert_eq!(imbox::keymap::action_for(&s, &key('d')), Some(Action::Notify(N::Confirm(false))));
}

#[test]
fn a_page_without_an_unread_count_makes_the_badge_unknown_never_zero() {
    let all = notes(6);
    let mut s = state(140, 40);
    let cmds = s.start();
    settle(&mut s, cmds, &seed_answer);
    assert_eq!(s.badge.unread, Some(595), "the seed's count at start");
    let cmds = notify(&mut s, N::Toggle);
    let answer = |c: &Command| match c {
        Command::Notify(NC::Load { req, skip, .. }) => Some(Action::Notify(N::Loaded {
            req: *req,
            skip: *skip,
            result: Ok(NotificationPage {
                page: Page { items: all.clone(), total: 6, has_more: false },
                unread_count: None,
            }),
        })),
        other => seed_answer(other),
    };
    settle(&mut s, cmds, &answer);
    assert_eq!(s.badge.unread, None, "the server did not say: unknown");
    let text = crate::common::screen(&s);
    assert!(text.contains("● "), "unread rows are shown:\n{text}");
    assert!(!text.contains("0 unread"), "{text}");
    // Marking one read keeps it unknown rather than inventing a number.
    notify(&mut s, N::MarkRead);
    assert_eq!(s.badge.unread, None);
    // The badge's own request answering without a count leaves it unknown too.
    let mut s = state(140, 40);
    let cmds = s.start();
    settle(&mut s, cmds, &|c| match c {
        Command::LoadUnreadCount { req } => {
            Some(Action::UnreadLoaded { req: *req, result: Ok(NotificationPage::default()) })
        }
        other => seed_answer(other),
    });
    assert_eq!(s.badge.unread, None);
}
