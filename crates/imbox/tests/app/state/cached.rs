//! Answers from the on-disk cache through the pure update: shown where a pane is empty and
//! marked with their age, the request left pending, replaced in place by the server's answer
//! (the selection following its item), kept when the server cannot be reached, never claiming
//! the server answered; writes refused offline with what was typed kept.

use crate::common::compose::replying;
use crate::common::{now, screen, seed_contacts, seed_conversations, seed_messages, state};
use crate::state::form::{press, type_text};
use crossterm::event::{KeyCode, KeyModifiers};
use imbox::action::{Action, FormAction, RequestId, SearchAction};
use imbox::command::{Command, ComposeCommand, ContactCommand};
use imbox::state::State;
use imbox::state::connection::Link;
use imbox::state::form::Prompt;
use imbox_api::ApiError;
use imbox_model::{Contact, Page};
use jiff::{SignedDuration, Timestamp};

fn three_hours_ago() -> Timestamp {
    now() - SignedDuration::from_hours(3)
}

fn cached(action: Action) -> Action {
    Action::Cached { stored_at: three_hours_ago(), action: Box::new(action) }
}

fn offline() -> ApiError {
    ApiError::Network { endpoint: "GET /contacts", detail: "connection refused".into() }
}

fn first_page_req(cmds: &[Command]) -> RequestId {
    cmds.iter()
        .find_map(|c| match c {
            Command::LoadContacts { req, skip: 0, .. } => Some(*req),
            _ => None,
        })
        .expect("the first contacts page is asked for")
}

/// A started state whose first contacts page came from the cache.
fn started_from_cache() -> (State, RequestId) {
    let mut s = state(140, 40);
    let cmds = s.start();
    let req = first_page_req(&cmds);
    s.update(cached(Action::ContactsLoaded { req, skip: 0, result: Ok(seed_contacts()) }));
    (s, req)
}

#[test]
fn a_cached_page_fills_the_empty_list_marked_with_its_age_and_leaves_the_request_out() {
    let (s, _) = started_from_cache();
    assert_eq!(s.contacts.len(), 65_681);
    assert_eq!(s.contacts.get(0).map(|c| c.id.clone()), seed_contacts().items.first().map(|c| c.id.clone()));
    assert_eq!(s.contacts_cache_label().as_deref(), Some("cached 3 h ago"));
    assert!(s.contacts.is_loading(), "the server's answer is still awaited");
    let shown = screen(&s);
    assert!(shown.contains("cached 3 h ago"), "{shown}");
    assert!(shown.contains(&seed_contacts().items[0].display_name), "{shown}");
    assert_eq!(s.connection.link, Link::Online, "a cached answer says nothing about the server");
}

#[test]
fn the_servers_answer_replaces_cached_rows_in_place_and_the_selection_follows_its_contact() {
    let (mut s, req) = started_from_cache();
    s.update(Action::Down);
    s.update(Action::Down);
    let chosen = s.contacts.selected_item().map(|c| c.id.clone()).expect("a selection");
    // Since the cache was written a new contact arrived at the top and one row changed.
    let mut fresh = seed_contacts();
    fresh.items[1].display_name = "Renamed Since".into();
    fresh
        .items
        .insert(0, Contact { id: "con_new".into(), display_name: "Brand New".into(), ..Contact::default() });
    fresh.items.pop();
    s.update(Action::ContactsLoaded { req, skip: 0, result: Ok(fresh) });
    assert_eq!(s.contacts.get(0).map(|c| c.display_name.as_str()), Some("Brand New"));
    assert_eq!(s.contacts.get(2).map(|c| c.display_name.as_str()), Some("Renamed Since"));
    assert_eq!(s.contacts.selected_item().map(|c| c.id.clone()), Some(chosen), "still on the same contact");
    assert_eq!(s.contacts.selected, 3, "which moved down one row");
    assert_eq!(s.contacts_cache_label(), None, "fresh rows carry no mark");
}

#[test]
fn offline_the_cached_rows_stay_marked_and_the_header_says_offline() {
    let (mut s, req) = started_from_cache();
    s.update(Action::ContactsLoaded { req, skip: 0, result: Err(offline()) });
    assert!(s.is_offline());
    assert_eq!(s.contacts.len(), 65_681, "the cached rows stay");
    assert_eq!(s.contacts_cache_label().as_deref(), Some("cached 3 h ago"));
    let shown = screen(&s);
    assert!(
        shown.contains("cached 3 h ago") && shown.contains(&seed_contacts().items[0].display_name),
        "{shown}"
    );
    assert!(!shown.contains("Cannot reach"), "rows, not the offline placeholder: {shown}");
}

#[test]
fn a_cached_answer_never_replaces_fresh_rows() {
    let mut s = state(140, 40);
    let cmds = s.start();
    let req = first_page_req(&cmds);
    s.update(Action::ContactsLoaded { req, skip: 0, result: Ok(seed_contacts()) });
    // A reload asks again; the cache answers first with an older page.
    let cmds = s.update(Action::Refresh);
    let req = first_page_req(&cmds);
    let old = Page {
        items: vec![Contact { id: "con_old".into(), display_name: "Old".into(), ..Contact::default() }],
        total: 1,
        has_more: false,
    };
    s.dirty = false;
    s.update(cached(Action::ContactsLoaded { req, skip: 0, result: Ok(old) }));
    assert_eq!(s.contacts.get(0).map(|c| c.id.clone()), seed_contacts().items.first().map(|c| c.id.clone()));
    assert_eq!(s.contacts_cache_label(), None);
    assert!(!s.dirty, "nothing changed, nothing drawn");
}

#[test]
fn a_cached_thread_is_replaced_by_the_servers_page_without_doubling_or_reordering() {
    let (mut s, req) = started_from_cache();
    s.update(Action::ContactsLoaded { req, skip: 0, result: Ok(seed_contacts()) });
    let cmds = s.update(Action::Open);
    let creq = cmds.iter().find_map(|c| match c {
        Command::LoadConversations { req, .. } => Some(*req),
        _ => None,
    });
    let creq = creq.expect("conversations asked");
    s.update(cached(Action::ConversationsLoaded { req: creq, result: Ok(seed_conversations()) }));
    assert_eq!(s.conversations.items.len(), seed_conversations().len());
    assert_eq!(s.conversations_cache_label().as_deref(), Some("cached 3 h ago"));
    let cmds = s.update(Action::Open);
    let mreq = cmds
        .iter()
        .find_map(|c| match c {
            Command::LoadMessages { req, skip: 0, .. } => Some(*req),
            _ => None,
        })
        .expect("the newest page asked");
    // The cache holds the thread without its newest message.
    let full = seed_messages();
    let mut older = full.clone();
    older.items.remove(0);
    s.update(cached(Action::MessagesLoaded { req: mreq, skip: 0, result: Ok(older) }));
    assert_eq!(s.thread.loaded(), full.items.len() - 1);
    assert_eq!(s.thread_cache_label().as_deref(), Some("cached 3 h ago"));
    s.update(Action::MessagesLoaded { req: mreq, skip: 0, result: Ok(full.clone()) });
    assert_eq!(s.thread.loaded(), full.items.len(), "each message once");
    let newest = s.thread.nth_newest(0).map(|m| m.id.clone());
    assert_eq!(newest, full.items.first().map(|m| m.id.clone()), "the newest at the bottom");
    assert_eq!(s.thread_cache_label(), None);
}

#[test]
fn cached_contacts_join_the_filter_so_it_finds_a_contact_never_loaded_this_session() {
    let (mut s, req) = started_from_cache();
    s.update(Action::ContactsLoaded { req, skip: 0, result: Err(offline()) });
    let far = Contact { id: "con_far".into(), display_name: "Quentin Faraway".into(), ..Contact::default() };
    s.update(Action::CachedContacts(vec![(4_000, far)]));
    s.update(Action::Search(SearchAction::Open));
    for c in "farawa".chars() {
        s.update(Action::Search(SearchAction::Insert(c)));
    }
    let shown = screen(&s);
    assert!(shown.contains("Quentin Faraway"), "{shown}");
}

#[test]
fn offline_a_reply_is_refused_and_stays_in_the_composer() {
    let (mut s, _) = replying(140, 40, |_| {});
    type_text(&mut s, "Your refund is on its way");
    s.connection.link = Link::Offline { next_probe: now() + SignedDuration::from_secs(3), pause: 3 };
    let cmds = press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    assert!(!cmds.iter().any(|c| matches!(c, Command::Compose(ComposeCommand::Send(_)))), "{cmds:?}");
    let c = s.compose.composer.as_ref().expect("the composer stays open");
    assert_eq!(c.text(), "Your refund is on its way");
    assert!(
        c.note.as_deref().is_some_and(|n| n.starts_with("offline: not sent — your text stays here")),
        "{:?}",
        c.note
    );
    assert!(s.compose.outbox.is_empty(), "nothing is waiting to go either");
}

#[test]
fn offline_a_contact_save_is_refused_and_the_form_keeps_every_typed_value() {
    let (mut s, req) = started_from_cache();
    s.update(Action::ContactsLoaded { req, skip: 0, result: Err(offline()) });
    press(&mut s, KeyCode::Char('e'), KeyModifiers::NONE);
    let id = s.form.as_ref().expect("the form opens on a cached contact").contact.id.clone();
    s.update(Action::Form(FormAction::DraftLoaded { contact_id: id, result: Ok(None) }));
    press(&mut s, KeyCode::Char('a'), KeyModifiers::CONTROL);
    press(&mut s, KeyCode::Char('k'), KeyModifiers::CONTROL);
    type_text(&mut s, "Zoë");
    press(&mut s, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(matches!(s.form.as_ref().and_then(|f| f.prompt.as_ref()), Some(Prompt::ConfirmSave(_))));
    let cmds = press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    assert!(!cmds.iter().any(|c| matches!(c, Command::Contact(ContactCommand::Update { .. }))), "{cmds:?}");
    let form = s.form.as_ref().expect("the form stays open");
    assert_eq!(form.values().first_name, "Zoë");
    assert!(
        form.error
            .as_deref()
            .is_some_and(|e| e.starts_with("offline: not saved — your changes stay in the form")),
        "{:?}",
        form.error
    );
}

#[test]
fn a_cached_inbox_page_with_its_counts_is_shown_then_replaced_keeping_the_selection_on_its_conversation() {
    use crate::common::inbox::{Inbox, state as inbox_state};
    use imbox::action::InboxAction;
    use imbox::command::InboxCommand;
    let inbox = Inbox::new(30, 10, 10);
    let mut s = inbox_state(140, 40);
    let cmds = s.start();
    let page = cmds
        .iter()
        .find(|c| matches!(c, Command::Inbox(InboxCommand::Load { .. })))
        .cloned()
        .expect("the first inbox page is asked for");
    let Some(Action::Inbox(InboxAction::Loaded { req, view, skip, result: Ok(answer) })) = inbox.page(&page)
    else {
        panic!("an inbox page")
    };
    s.update(cached(Action::Inbox(InboxAction::Loaded { req, view, skip, result: Ok(answer.clone()) })));
    assert_eq!(s.inbox.active().len(), 10, "the cached rows of Mine");
    assert_eq!(s.inbox.counts.map(|c| c.all), Some(30), "with the cached counts");
    assert_eq!(s.inbox_cache_label().as_deref(), Some("cached 3 h ago"));
    assert!(screen(&s).contains("cached 3 h ago"));
    s.update(Action::Down);
    let chosen = s.inbox.active().selected_item().map(|c| c.id.clone());
    // Since then a new conversation of mine came in at the top.
    let mut fresh = answer;
    let mut newest = fresh.page.items[0].clone();
    newest.id = "9999".into();
    fresh.page.items.insert(0, newest);
    s.update(Action::Inbox(InboxAction::Loaded { req, view, skip, result: Ok(fresh) }));
    assert_eq!(s.inbox.active().get(0).map(|c| c.id.as_str()), Some("9999"));
    assert_eq!(s.inbox.active().selected_item().map(|c| c.id.clone()), chosen, "still on its conversation");
    assert_eq!(s.inbox_cache_label(), None);
}

#[test]
fn cached_notifications_are_replaced_by_the_servers_not_merged_with_them() {
    use imbox::action::NotificationAction as N;
    use imbox::command::NotificationCommand;
    let mut s = state(140, 40);
    let cmds = s.start();
    let badge = cmds
        .iter()
        .find_map(|c| match c {
            Command::LoadUnreadCount { req } => Some(*req),
            _ => None,
        })
        .expect("the badge is asked for");
    let page = crate::common::seed_notifications();
    s.update(cached(Action::UnreadLoaded { req: badge, result: Ok(page.clone()) }));
    assert_eq!(s.badge.unread, Some(595), "the cached badge at once");
    let cmds = s.update(Action::Notify(N::Toggle));
    let (req, skip) = cmds
        .iter()
        .find_map(|c| match c {
            Command::Notify(NotificationCommand::Load { req, skip, .. }) => Some((*req, *skip)),
            _ => None,
        })
        .expect("the centre asks for its first page");
    s.update(cached(Action::Notify(N::Loaded { req, skip, result: Ok(page.clone()) })));
    assert_eq!(s.notifications.items.len(), page.page.items.len());
    assert_eq!(s.notifications_cache_label().as_deref(), Some("cached 3 h ago"));
    assert!(screen(&s).contains("cached 3 h ago"), "{}", screen(&s));
    // Since then one was dismissed elsewhere and one arrived.
    let mut fresh = page.clone();
    let gone = fresh.page.items.remove(1).id;
    let mut new = fresh.page.items[0].clone();
    new.id = "n_new".into();
    fresh.page.items.insert(0, new);
    s.update(Action::Notify(N::Loaded { req, skip, result: Ok(fresh.clone()) }));
    let ids: Vec<&str> = s.notifications.items.iter().map(|n| n.id.as_str()).collect();
    let want: Vec<&str> = fresh.page.items.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, want, "the server's list, in its order");
    assert!(!ids.contains(&gone.as_str()));
    assert_eq!(s.notifications_cache_label(), None);
}

#[test]
fn a_cached_page_fetched_ahead_off_screen_draws_no_frame() {
    let mut s = state(140, 40);
    let cmds = s.start();
    let req = first_page_req(&cmds);
    let cmds = s.update(cached(Action::ContactsLoaded { req, skip: 0, result: Ok(seed_contacts()) }));
    // The list asks for the page ahead of the rows on screen.
    let (req, skip) = cmds
        .iter()
        .find_map(|c| match c {
            Command::LoadContacts { req, skip, .. } if *skip > 0 => Some((*req, *skip)),
            _ => None,
        })
        .expect("a page ahead is asked for");
    let mut page = seed_contacts();
    for (i, c) in page.items.iter_mut().enumerate() {
        c.id = format!("con_ahead_{i}");
    }
    s.dirty = false;
    s.update(cached(Action::ContactsLoaded { req, skip, result: Ok(page) }));
    assert!(s.contacts.get(skip as usize).is_some(), "applied");
    assert!(!s.dirty, "off screen, in a list already marked: no frame");
}
