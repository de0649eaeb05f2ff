//! Snapshots of every pane in its loading, empty, error and populated states, at 80x24 (one
//! pane at a time) and 140x40 (three panes), drawn from states driven through `update`.

use crate::common::{seed_answer, settle, state};
use imbox::action::Action;
use imbox::command::Command;
use imbox::state::State;
use imbox_api::ApiError;
use imbox_model::Page;

const SIZES: [(u16, u16); 2] = [(80, 24), (140, 40)];

fn snap(name: &str, s: &State) {
    let (w, h) = s.size;
    insta::assert_snapshot!(format!("{name}_{w}x{h}"), crate::common::screen(s));
}

fn server_error() -> ApiError {
    ApiError::Server {
        endpoint: "GET /v1/backend/contacts",
        status: 503,
        message: "upstream unavailable".into(),
    }
}

/// Loaded contacts, then `Enter`, with conversations answered by `conv`.
fn at_conversations(w: u16, h: u16, conv: &dyn Fn(&Command) -> Option<Action>) -> State {
    let mut s = state(w, h);
    let cmds = s.start();
    settle(&mut s, cmds, &seed_answer);
    let cmds = s.update(Action::Open);
    settle(&mut s, cmds, conv);
    s
}

/// At the thread, with messages answered by `msgs`.
fn at_thread(w: u16, h: u16, msgs: &dyn Fn(&Command) -> Option<Action>) -> State {
    let mut s = at_conversations(w, h, &seed_answer);
    let cmds = s.update(Action::Open);
    settle(&mut s, cmds, msgs);
    s
}

#[test]
fn contacts_states() {
    for (w, h) in SIZES {
        let mut s = state(w, h);
        let cmds = s.start();
        let loading = s.clone();
        snap("contacts_loading", &loading);

        let mut failed = s.clone();
        settle(&mut failed, cmds.clone(), &|c| match c {
            Command::LoadContacts { req, skip, .. } => {
                Some(Action::ContactsLoaded { req: *req, skip: *skip, result: Err(server_error()) })
            }
            other => seed_answer(other),
        });
        snap("contacts_error", &failed);

        let mut empty = s.clone();
        settle(&mut empty, cmds.clone(), &|c| match c {
            Command::LoadContacts { req, skip, .. } => {
                Some(Action::ContactsLoaded { req: *req, skip: *skip, result: Ok(Page::default()) })
            }
            other => seed_answer(other),
        });
        snap("contacts_empty", &empty);

        settle(&mut s, cmds, &seed_answer);
        s.update(Action::Down);
        s.update(Action::Down);
        snap("contacts_populated", &s);
    }
}

#[test]
fn conversations_states() {
    for (w, h) in SIZES {
        snap("conversations_loading", &at_conversations(w, h, &|_| None));
        snap(
            "conversations_error",
            &at_conversations(w, h, &|c| match c {
                Command::LoadConversations { req, .. } => Some(Action::ConversationsLoaded {
                    req: *req,
                    result: Err(ApiError::NotFound {
                        endpoint: "GET /v1/backend/contacts/{id}/conversations",
                        message: "Not Found".into(),
                    }),
                }),
                _ => None,
            }),
        );
        snap(
            "conversations_empty",
            &at_conversations(w, h, &|c| match c {
                Command::LoadConversations { req, .. } => {
                    Some(Action::ConversationsLoaded { req: *req, result: Ok(vec![]) })
                }
                _ => None,
            }),
        );
        snap("conversations_populated", &at_conversations(w, h, &seed_answer));
    }
}

#[test]
fn thread_states() {
    for (w, h) in SIZES {
        snap("thread_loading", &at_thread(w, h, &|_| None));
        snap(
            "thread_error",
            &at_thread(w, h, &|c| match c {
                Command::LoadMessages { req, skip, .. } => Some(Action::MessagesLoaded {
                    req: *req,
                    skip: *skip,
                    result: Err(ApiError::NotFound {
                        endpoint: "GET /3rd/conversations/{id}/messages",
                        message: "Conversation not found".into(),
                    }),
                }),
                _ => None,
            }),
        );
        snap(
            "thread_empty",
            &at_thread(w, h, &|c| match c {
                Command::LoadMessages { req, skip, .. } => {
                    Some(Action::MessagesLoaded { req: *req, skip: *skip, result: Ok(Page::default()) })
                }
                _ => None,
            }),
        );
        let quick_reply = at_thread(w, h, &seed_answer);
        let screen = crate::common::screen(&quick_reply);
        assert!(screen.contains("[ Red ] [ Blue ] [ White ]"), "{screen}");
        assert!(screen.contains("chose [ Red ]"), "{screen}");
        assert!(screen.contains("Jane test MC from Postman"), "{screen}");
        assert!(screen.contains("304 messages"), "{screen}");
        snap("thread_quick_reply", &quick_reply);
    }
}

#[test]
fn help_overlay_and_tiny_terminals() {
    for (w, h) in SIZES {
        let mut s = at_conversations(w, h, &seed_answer);
        s.update(Action::ToggleHelp);
        snap("help_conversations", &s);
    }
    for (w, h) in [(1, 1), (20, 5), (39, 30)] {
        let mut s = state(w, h);
        let cmds = s.start();
        settle(&mut s, cmds, &seed_answer);
        let screen = crate::common::screen(&s);
        if w >= 20 {
            assert!(screen.contains("Terminal too small"), "{screen}");
        }
    }
    let mut s = state(30, 6);
    s.update(Action::Resize(30, 6));
    snap("too_small", &s);
}
