//! Snapshots of the notification centre at 80x24 and 140x40: mixed read and unread rows with
//! marks, the "dismiss all?" prompt, the undo countdown, a refused write and the details box.

use crate::common::{seed_answer, settle, state};
use imbox::action::Action;
use imbox::action::NotificationAction as N;
use imbox::command::Command;
use imbox::command::NotificationCommand as NC;
use imbox::state::State;
use imbox_api::ApiError;
use imbox_model::{Notification, NotificationPage, Page};

const SIZES: [(u16, u16); 2] = [(80, 24), (140, 40)];

fn snap(name: &str, s: &State) {
    let (w, h) = s.size;
    insta::assert_snapshot!(format!("{name}_{w}x{h}"), crate::common::screen(s));
}

fn notes() -> Vec<Notification> {
    let titles =
        ["TWN#NJ9585@14 Nov 2024", "Jane test MC from Postman", "陳嘉欣 🌈@14 Sep 2025", "UNK#DO1695"];
    (0..30)
        .map(|i| Notification {
            id: format!("not_{i}"),
            title: format!("{} #{i}", titles[i % titles.len()]),
            content: if i == 1 { "Customer asked for a call back".into() } else { String::new() },
            from: ["General", "VIP Care", "Harris Grab mode long line team"][i % 3].into(),
            kind: 201,
            handle_id: Some(format!("tcu_{i}")),
            is_read: i % 4 == 3,
            channel_type: ["web", "whatsapp", "instagram"][i % 3].into(),
            created_at: Some(crate::common::now() - jiff::SignedDuration::from_mins(i as i64 * 97)),
            conversation_id: None,
        })
        .collect()
}

fn answer(cmd: &Command) -> Option<Action> {
    match cmd {
        Command::Notify(NC::Load { req, skip, .. }) => {
            let items = notes();
            let unread_count = Some(items.iter().filter(|n| !n.is_read).count() as u64);
            let page = Page { total: items.len() as u64, items, has_more: false };
            Some(Action::Notify(N::Loaded {
                req: *req,
                skip: *skip,
                result: Ok(NotificationPage { page, unread_count }),
            }))
        }
        other => seed_answer(other),
    }
}

fn centre(w: u16, h: u16) -> State {
    let mut s = state(w, h);
    let cmds = s.start();
    settle(&mut s, cmds, &seed_answer);
    let cmds = s.update(Action::Notify(N::Toggle));
    settle(&mut s, cmds, &answer);
    s
}

#[test]
fn centre_states() {
    for (w, h) in SIZES {
        let mut loading = state(w, h);
        loading.start();
        loading.update(Action::Notify(N::Toggle));
        snap("notifications_loading", &loading);

        let mut s = centre(w, h);
        s.update(Action::Notify(N::MarkRead));
        s.update(Action::Notify(N::Move(1)));
        s.update(Action::Notify(N::ToggleMark));
        s.update(Action::Notify(N::ToggleMark));
        s.update(Action::Notify(N::Move(1)));
        snap("notifications_list_marked", &s);

        let mut unread = centre(w, h);
        unread.update(Action::Notify(N::ToggleUnreadOnly));
        snap("notifications_unread_only", &unread);

        let mut ask = centre(w, h);
        ask.update(Action::Notify(N::AskDismissAll));
        snap("notifications_confirm", &ask);
        ask.update(Action::Notify(N::Confirm(true)));
        ask.update(Action::Tick(crate::common::now() + jiff::SignedDuration::from_millis(1_200)));
        snap("notifications_undo_countdown", &ask);

        let mut refused = centre(w, h);
        let cmds = refused.update(Action::Notify(N::Dismiss));
        settle(&mut refused, cmds, &|c| match c {
            Command::Notify(NC::Dismiss { req, .. }) => Some(Action::Notify(N::Written {
                req: *req,
                result: Err(ApiError::Server {
                    endpoint: "DELETE /v1/backend/notifications/dismiss",
                    status: 500,
                    message: String::new(),
                }),
            })),
            other => answer(other),
        });
        snap("notifications_write_refused", &refused);

        // Enter looks for the conversation through the contact search (progress on the message
        // line); when no contact found has it, the details say what was tried.
        let mut details = centre(w, h);
        details.update(Action::Notify(N::Move(1)));
        let cmds = details.update(Action::Notify(N::Open));
        snap("notifications_finding", &details);
        let req = cmds
            .iter()
            .find_map(|c| match c {
                Command::Notify(NC::Find { req, .. }) => Some(*req),
                _ => None,
            })
            .expect("a Find request");
        let found = imbox::action::FoundConversation { conversation: None, candidates: 2, checked: 2 };
        details.update(Action::Notify(N::Found { req, result: Ok(found) }));
        snap("notifications_details", &details);
    }
}
