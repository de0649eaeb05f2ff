//! Snapshots of the SMS/RCS account: the inbox (the conversations list as one list, newest
//! activity first), the lookup pane without a contact list, and a thread reached through a
//! phone lookup showing direction, channel and delivery status. States are driven through
//! `update`; the answers come from SMS/RCS wire bodies through the real wire types, grouping and
//! inbox mapping.

use crate::common::{now, settle};
use imbox::action::Action;
use imbox::action::{InboxAction, SearchAction};
use imbox::command::Command;
use imbox::command::{InboxCommand, SearchCommand};
use imbox::state::{Account, State};
use imbox_api::smsrcs::inbox::{self, ConversationList, ConversationRecord};
use imbox_api::smsrcs::wire::{MessageList, Record};
use imbox_api::smsrcs::{CAPABILITIES, Lookup, Ref, group};
use imbox_api::{BackendKind, http};
use imbox_model::{InboxPage, Message, Page, ViewCounts};
use jiff::tz::TimeZone;

const SIZES: [(u16, u16); 2] = [(80, 24), (140, 40)];
const PHONE: &str = "+886 911 425 977";

/// One contact's SMS and RCS messages, oldest first, as the API lists them.
const BODY: &str = r#"[
  {"message_id": "m1", "text": "Hi, is my parcel on its way?", "direction": "inbound", "delivery_status": null,
   "channel": "sms", "contact_name": "Wei-Ting Chen", "agent_assigned_to": "Jane Wong",
   "contact_identifiers": {"phone_number": "+886911425977", "email": null, "facebook_id": null}},
  {"message_id": "m2", "text": "Yes! It left the warehouse this morning.", "direction": "outbound",
   "delivery_status": "read", "channel": "sms", "contact_name": "Wei-Ting Chen", "agent_assigned_to": "Jane Wong",
   "contact_identifiers": {"phone_number": "+886911425977"}},
  {"message_id": "m3", "text": "Thanks 🙏", "direction": "inbound", "delivery_status": null, "channel": "rcs",
   "contact_name": "Wei-Ting Chen", "contact_identifiers": {"phone_number": "+886911425977"}},
  {"message_id": "m4", "text": "Tracking link: https://track.example/TW123", "direction": "outbound",
   "delivery_status": "failed", "channel": "sms", "contact_name": "Wei-Ting Chen", "agent_assigned_to": "Jane Wong",
   "contact_identifiers": {"phone_number": "+886911425977"}},
  {"message_id": "m5", "text": "Resending the link now.", "direction": "outbound", "delivery_status": "delivered",
   "channel": "sms", "contact_name": "Wei-Ting Chen", "agent_assigned_to": "Jane Wong",
   "contact_identifiers": {"phone_number": "+886911425977"}}
]"#;

fn records() -> Vec<Record> {
    let list: MessageList = http::decode("test", BODY.as_bytes()).expect("body decodes");
    list.items.into_iter().map(Record::from).collect()
}

/// Answers lookups, threads and messages from [`BODY`], as the backend would.
fn answer(cmd: &Command) -> Option<Action> {
    let lookup = Lookup::parse(PHONE).expect("phone lookup");
    let found = vec![(lookup.clone(), records(), false)];
    Some(match cmd {
        Command::Search(SearchCommand::Contacts { req, query, skip, .. }) => {
            let items = group::contacts(&found[0].1, &lookup, false);
            let page = Page { total: items.len() as u64, items, has_more: false };
            Action::Search(SearchAction::Loaded {
                req: *req,
                query: query.clone(),
                skip: *skip,
                result: Ok(page),
            })
        }
        Command::LoadConversations { req, contact_id, .. } => {
            let convs = group::threads(&found).iter().map(|t| t.conversation(contact_id)).collect();
            Action::ConversationsLoaded { req: *req, result: Ok(convs) }
        }
        Command::LoadMessages { req, conversation_id, skip, .. } => {
            let channel = Ref::decode(conversation_id, "id").ok()?.channel?;
            let recs = records();
            let mut items: Vec<Message> = recs
                .iter()
                .filter(|r| r.channel == channel)
                .enumerate()
                .map(|(i, r)| group::message(r, conversation_id, i))
                .collect();
            items.reverse();
            let page = Page { total: items.len() as u64, items, has_more: false };
            Action::MessagesLoaded { req: *req, skip: *skip, result: Ok(page) }
        }
        // No reply draft kept for the thread.
        Command::Compose(imbox::command::ComposeCommand::LoadDraft { conversation_id }) => {
            Action::Compose(imbox::action::ComposeAction::DraftLoaded {
                conversation_id: conversation_id.clone(),
                result: Ok(None),
            })
        }
        // No last-opened times kept yet (the first run): they start now.
        Command::Unread(imbox::command::UnreadCommand::LoadOpened) => {
            Action::Unread(imbox::action::UnreadAction::OpenedLoaded(Ok(None)))
        }
        Command::Unread(imbox::command::UnreadCommand::SaveOpened { .. }) => {
            Action::Unread(imbox::action::UnreadAction::OpenedSaved(Ok(())))
        }
        Command::Inbox(InboxCommand::Load { req, view, skip, .. }) => {
            let body = imbox_testkit::text("smsrcs/constructed-conversations-list.json");
            let list: ConversationList = http::decode("test", body.as_bytes()).expect("list decodes");
            let records: Vec<ConversationRecord> =
                list.items.into_iter().map(ConversationRecord::from).collect();
            let items = inbox::rows(&records);
            let total = items.len() as u64;
            let page = Page { items, total, has_more: false };
            let counts = ViewCounts { all: total, ..ViewCounts::default() };
            Action::Inbox(InboxAction::Loaded {
                req: *req,
                view: *view,
                skip: *skip,
                result: Ok(InboxPage { page, counts }),
            })
        }
        _ => return None,
    })
}

fn sms_state(w: u16, h: u16) -> State {
    let account = Account {
        label: "SMS/RCS · 127.0.0.1:8080".into(),
        name: "SMS/RCS".into(),
        demo: true,
        kind: BackendKind::Smsrcs,
        capabilities: CAPABILITIES,
        gateway: None,
    };
    let mut s = State::new(account, now(), TimeZone::UTC);
    s.update(Action::Resize(w, h));
    s
}

fn snap(name: &str, s: &State) {
    let (w, h) = s.size;
    insta::assert_snapshot!(format!("{name}_{w}x{h}"), crate::common::screen(s));
}

#[test]
fn the_inbox_is_one_list_newest_first_without_views_status_or_filters() {
    for (w, h) in SIZES {
        let mut s = sms_state(w, h);
        let cmds = s.start();
        assert!(
            cmds.iter().all(|c| matches!(
                c,
                Command::Inbox(InboxCommand::Load { .. })
                    | Command::Unread(imbox::command::UnreadCommand::LoadOpened)
            )) && !cmds.is_empty(),
            "only the conversations list (and the last-opened times): no filter options, badge or contact list: {cmds:?}"
        );
        assert!(settle(&mut s, cmds, &answer).is_empty());
        let screen = crate::common::screen(&s);
        for want in ["Louis Bernard · +33698", "SMS · 4 messages · Jane Wong", "RCS · 1 message · unassigned"]
        {
            assert!(screen.contains(want), "{want}\n{screen}");
        }
        assert!(screen.find("Louis Bernard").lt(&screen.find("Camille Martin")), "newest first\n{screen}");
        for absent in ["Mine", "Unassigned", "any status", "s status"] {
            assert!(!screen.contains(absent), "{absent}\n{screen}");
        }
        snap("smsrcs_inbox", &s);
        s.update(Action::Inbox(InboxAction::CycleStatus));
        let screen = crate::common::screen(&s);
        assert!(screen.contains("not available on SMS/RCS"), "{screen}");
        let cmds = s.update(Action::Inbox(InboxAction::OpenFilters));
        assert!(
            !cmds.iter().any(|c| matches!(c, Command::Inbox(InboxCommand::LoadFilterOptions { .. }))),
            "no filter options are asked for: {cmds:?}"
        );
        assert!(s.inbox.picker.is_none());
    }
}

#[test]
fn slash_in_the_inbox_opens_the_lookup_and_c_goes_back() {
    let mut s = sms_state(140, 40);
    let cmds = s.start();
    assert!(settle(&mut s, cmds, &answer).is_empty());
    s.update(Action::Inbox(InboxAction::OpenQuery));
    assert!(!s.inbox_shown() && s.search.editing, "the lookup pane, typing");
    s.update(Action::Search(SearchAction::Cancel));
    s.update(Action::Inbox(InboxAction::ToggleContacts));
    assert!(s.inbox_shown(), "C is back on the inbox");
    s.update(Action::Inbox(InboxAction::ToggleContacts));
    assert!(!s.inbox_shown(), "and C again is the lookup pane");
}

#[test]
fn no_contact_list_then_a_phone_lookup_opens_an_sms_thread() {
    for (w, h) in SIZES {
        let mut s = sms_state(w, h);
        let cmds = s.start();
        assert!(settle(&mut s, cmds, &answer).is_empty());
        // `C`: the lookup pane instead of the inbox.
        s.update(Action::Inbox(InboxAction::ToggleContacts));
        let screen = crate::common::screen(&s);
        assert!(screen.contains("No contact list on SMS/RCS"), "{screen}");
        snap("smsrcs_no_contact_list", &s);

        s.update(Action::Search(SearchAction::Open));
        for c in PHONE.chars() {
            s.update(Action::Search(SearchAction::Insert(c)));
        }
        let cmds = s.update(Action::Search(SearchAction::Submit));
        assert!(
            !cmds.iter().any(|c| matches!(c, Command::Search(SearchCommand::Links { .. }))),
            "no phone-links request on a backend without them: {cmds:?}"
        );
        assert!(settle(&mut s, cmds, &answer).is_empty());
        let cmds = s.update(Action::Open);
        assert!(settle(&mut s, cmds, &answer).is_empty());
        let cmds = s.update(Action::Open);
        assert!(settle(&mut s, cmds, &answer).is_empty());

        let screen = crate::common::screen(&s);
        for want in
            ["SMS · read", "SMS · failed", "SMS · delivered", "Resending the link now.", "Wei-Ting Chen"]
        {
            assert!(screen.contains(want), "{want}\n{screen}");
        }
        assert!(
            screen.contains("Jane Wong  SMS · read"),
            "the agent's name, then channel and status\n{screen}"
        );
        assert!(screen.contains("4 messages"), "the RCS message is in the other thread\n{screen}");
        snap("smsrcs_thread", &s);
    }
}

/// Answers as [`answer`] does, and a thread opened from the inbox with [`BODY`]'s SMS messages
/// (the messages call gives no times; the conversations list does).
fn answer_inbox_thread(cmd: &Command) -> Option<Action> {
    match cmd {
        Command::LoadMessages { req, conversation_id, skip, .. } => {
            let mut items: Vec<Message> = records()
                .iter()
                .filter(|r| r.channel == "sms")
                .enumerate()
                .map(|(i, r)| group::message(r, conversation_id, i))
                .collect();
            items.reverse();
            let page = Page { total: items.len() as u64, items, has_more: false };
            Some(Action::MessagesLoaded { req: *req, skip: *skip, result: Ok(page) })
        }
        other => answer(other),
    }
}

#[test]
fn an_sms_thread_shows_the_conversation_lists_first_and_last_message_times() {
    for (w, h) in SIZES {
        let mut s = sms_state(w, h);
        let cmds = s.start();
        assert!(settle(&mut s, cmds, &answer_inbox_thread).is_empty());
        // The newest conversation first: Louis Bernard, 7 Jun to 22 Jun 2024 (+02:00).
        let cmds = s.update(Action::Open);
        assert!(settle(&mut s, cmds, &answer_inbox_thread).is_empty());
        assert!(s.thread.nth_newest(0).is_some_and(|m| m.created_at.is_none()), "no per-message time");
        let screen = crate::common::screen(&s);
        assert!(screen.contains("last message 22 Jun 2024 03:22"), "the list's last_message_at\n{screen}");
        assert!(screen.contains("first message 7 Jun 2024 03:03"), "the list's first_message_at\n{screen}");
        snap("smsrcs_thread_times", &s);
    }
}
