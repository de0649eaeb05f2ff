//! People instead of ids: rows whose names repeat on screen carry what tells them apart, a
//! missing name falls back once in every pane, a conversation opened by id alone shows its
//! person, and `--open` text passes the sanitizer.

use crate::common::{screen, seed_answer, seed_conversations, settle, state};
use imbox::action::Action;
use imbox::action::SearchAction as S;
use imbox::command::{Command, SearchCommand};
use imbox::state::State;
use imbox_model::{Contact, Message, MessageBody, Page, Sender};

const SIZES: [(u16, u16); 2] = [(80, 24), (140, 40)];

fn contact(id: &str, name: &str, phone: &str, email: &str) -> Contact {
    Contact {
        id: id.into(),
        display_name: name.into(),
        area_code: if phone.is_empty() { String::new() } else { "86".into() },
        phone_number: phone.into(),
        email: email.into(),
        channel_type: "web".into(),
        ..Contact::default()
    }
}

/// Five people called 王伟 (told apart by phone, e-mail or id) and one 李娜.
fn namesakes() -> Vec<Contact> {
    vec![
        contact("con_a1", "王伟", "13800004821", ""),
        contact("con_a2", "王伟", "", "wang.wei7@example.com"),
        contact("con_a3", "李娜", "13900001234", ""),
        contact("con_a4", "王伟", "13700009917", "wei@example.com"),
        contact("con_a5", "王伟", "", ""),
        contact("con_a6", "王伟", "", "w.wang@example.org"),
    ]
}

fn searched(w: u16, h: u16, query: &str, found: Vec<Contact>) -> State {
    let mut s = state(w, h);
    let cmds = s.start();
    settle(&mut s, cmds, &seed_answer);
    let mut cmds = s.update(Action::Search(S::Open));
    for c in query.chars() {
        cmds.extend(s.update(Action::Search(S::Insert(c))));
    }
    let debounce = cmds.iter().rev().find_map(|c| match c {
        Command::Schedule { action, .. } => Some((**action).clone()),
        _ => None,
    });
    let total = found.len() as u64;
    let page = Page { items: found, total, has_more: false };
    let answer = move |c: &Command| match c {
        Command::Search(SearchCommand::Contacts { req, query, skip, .. }) => {
            Some(Action::Search(S::Loaded {
                req: *req,
                query: query.clone(),
                skip: *skip,
                result: Ok(page.clone()),
            }))
        }
        other => seed_answer(other),
    };
    // The first key's request (asked at once) is answered, then the pause after the last key
    // asks for the whole query.
    settle(&mut s, cmds, &answer);
    let cmds = s.update(debounce.expect("debounce scheduled"));
    settle(&mut s, cmds, &answer);
    s.update(Action::Search(S::Submit));
    s
}

#[test]
fn names_repeated_on_screen_carry_a_phone_or_email_tail() {
    for (w, h) in SIZES {
        let s = searched(w, h, "王伟", namesakes());
        let text = screen(&s);
        insta::assert_snapshot!(format!("people_namesakes_{w}x{h}"), text);
        for tail in
            ["王伟 · …4821", "王伟 · wang.wei7@…", "王伟 · …9917", "王伟 · #con_a5", "王伟 · w.wang@…"]
        {
            assert!(text.contains(tail), "{tail} at {w}x{h}:\n{text}");
        }
        // A name that is unique on screen has no tail.
        assert!(text.contains("李娜 ") && !text.contains("李娜 ·"), "{text}");
    }
}

#[test]
fn a_missing_name_falls_back_once_in_the_contact_list_search_and_conversations() {
    let nameless = vec![
        contact("41", "", "", ""),
        contact("42", "", "91234821", ""),
        contact("43", "", "", "ann@example.com"),
        contact("con_9", "Named", "", ""),
    ];
    let page = Page { items: nameless.clone(), total: 4, has_more: false };
    let answer = move |c: &Command| match c {
        Command::LoadContacts { req, skip: 0, .. } => {
            Some(Action::ContactsLoaded { req: *req, skip: 0, result: Ok(page.clone()) })
        }
        other => seed_answer(other),
    };
    let mut s = state(140, 40);
    let cmds = s.start();
    settle(&mut s, cmds, &answer);
    let text = screen(&s);
    for shown in ["Contact #41", "+86 91234821", "ann@example.com", "Named"] {
        assert_eq!(text.matches(shown).count(), 1, "{shown}:\n{text}");
    }
    assert!(!text.contains("#41 #41") && !text.contains(" 41 "), "{text}");
    // The conversations pane and the thread call the person the same way.
    let cmds = s.update(Action::Open);
    settle(&mut s, cmds, &seed_answer);
    assert_eq!(s.conversations.contact_name, "Contact #41");
    let cmds = s.update(Action::Open);
    settle(&mut s, cmds, &seed_answer);
    assert_eq!(s.thread.contact_name, "Contact #41");
    assert!(!screen(&s).contains("Customer"), "{}", screen(&s));
    // The search results too.
    let s = searched(140, 40, "ann", vec![nameless[2].clone()]);
    assert!(screen(&s).contains("ann@example.com"), "{}", screen(&s));
}

#[test]
fn an_inbox_conversation_without_a_contact_name_says_contact_and_its_number_once() {
    use crate::common::inbox::{Inbox, started};
    let mut inbox = Inbox::new(3, 3, 0);
    inbox.all[0].contact_name = String::new();
    inbox.all[0].name = "#1000".into();
    for (w, h) in SIZES {
        let s = started(w, h, &inbox);
        let text = screen(&s);
        assert_eq!(text.matches("1000").count(), 1, "{text}");
        assert!(text.contains("Contact #1000") && !text.contains("#1000 #1000"), "{text}");
    }
}

fn customer_message(id: &str, from: &str, sender_name: &str) -> Message {
    Message {
        id: id.into(),
        conversation_id: "conv_x".into(),
        from: from.into(),
        sender: Sender::Contact,
        sender_name: sender_name.into(),
        body: MessageBody::Text { text: "hello".into(), is_mail: false },
        created_at: Some(crate::common::now()),
        ..Message::default()
    }
}

#[test]
fn a_conversation_opened_by_id_shows_its_person_once_the_data_tells() {
    // iMBRACE messages name no sender: the sender's conversations are loaded, and the
    // conversation's name (`<contact>@<date>`) tells who it is.
    let mut s = state(140, 40);
    let cmds = s.start();
    settle(&mut s, cmds, &seed_answer);
    let cmds = s.update(Action::OpenConversation("conv_x".into()));
    assert_eq!(s.thread.title, "conv_x");
    let mut conv = seed_conversations().remove(0);
    conv.id = "conv_x".into();
    conv.name = "Ann Lee@16 Sep 2025".into();
    let answer = |c: &Command| match c {
        Command::LoadMessages { req, skip, .. } => Some(Action::MessagesLoaded {
            req: *req,
            skip: *skip,
            result: Ok(Page { items: vec![customer_message("m1", "con_7", "")], total: 1, has_more: false }),
        }),
        Command::LoadConversations { req, contact_id, .. } => {
            assert_eq!(contact_id, "con_7", "the sender's conversations");
            let mut list = seed_conversations();
            list.push(conv.clone());
            Some(Action::ConversationsLoaded { req: *req, result: Ok(list) })
        }
        other => seed_answer(other),
    };
    settle(&mut s, cmds, &answer);
    assert_eq!((s.thread.title.as_str(), s.thread.contact_name.as_str()), ("Ann Lee@16 Sep 2025", "Ann Lee"));
    assert_eq!(s.conversations.contact_name, "Ann Lee");
    assert_eq!(s.conversations.selected_item().map(|c| c.id.as_str()), Some("conv_x"));
    let text = screen(&s);
    assert!(!text.contains("Customer") && text.contains("Ann Lee"), "{text}");

    // A server that names the sender (Chatwoot, SMS/RCS) needs nothing more.
    let mut s = state(140, 40);
    let cmds = s.start();
    settle(&mut s, cmds, &seed_answer);
    let cmds = s.update(Action::OpenConversation("conv_y".into()));
    let answer = |c: &Command| match c {
        Command::LoadMessages { req, skip, .. } => Some(Action::MessagesLoaded {
            req: *req,
            skip: *skip,
            result: Ok(Page {
                items: vec![customer_message("m1", "", "Bo Chen")],
                total: 1,
                has_more: false,
            }),
        }),
        other => seed_answer(other),
    };
    settle(&mut s, cmds, &answer);
    assert_eq!((s.thread.title.as_str(), s.thread.contact_name.as_str()), ("Bo Chen", "Bo Chen"));
}

#[test]
fn open_input_with_bidi_and_invisible_characters_is_sanitized_before_it_is_used_or_shown() {
    let mut s = state(140, 40);
    let cmds = s.start();
    settle(&mut s, cmds, &seed_answer);
    let cmds = s.update(Action::OpenConversation("conv_\u{202e}abc\u{200b}\u{1b}[2J".into()));
    let asked: Vec<&str> = cmds
        .iter()
        .filter_map(|c| match c {
            Command::LoadMessages { conversation_id, .. } => Some(conversation_id.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(asked, ["conv_abc␛[2J"]);
    let text = screen(&s);
    assert!(text.contains("conv_abc␛[2J"), "{text}");
    for bad in ['\u{202e}', '\u{200b}', '\u{1b}'] {
        assert!(!text.contains(bad), "{bad:?} on screen:\n{text}");
    }
}
