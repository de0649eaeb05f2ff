//! Snapshots of the conversation inbox (views, counts, filters, unread badges, the picker) and
//! of a thread with every specially drawn message kind, at 140x40 (three panes) and 80x24 (one
//! pane), from states driven through `update` and the keymap.

use crate::common::inbox::{Inbox, key, press, started};
use crate::common::settle;
use crossterm::event::KeyCode;
use imbox::action::Action;
use imbox::action::InboxAction as I;
use imbox::command::Command;
use imbox::state::State;
use imbox_model::Page;

const SIZES: [(u16, u16); 2] = [(80, 24), (140, 40)];

fn snap(name: &str, s: &State) {
    let (w, h) = s.size;
    insta::assert_snapshot!(format!("{name}_{w}x{h}"), crate::common::screen(s));
}

/// The inbox on Mine, filtered by a team, the second row selected.
fn filtered(w: u16, h: u16, inbox: &Inbox) -> State {
    let mut s = started(w, h, inbox);
    key(&mut s, 'f');
    s
}

#[test]
fn inbox_views_with_counts_filters_and_badges() {
    let inbox = Inbox::new(57, 12, 30);
    for (w, h) in SIZES {
        let mut s = filtered(w, h, &inbox);
        snap("inbox_picker", &s);
        // Past the two inboxes to the team.
        key(&mut s, 'j');
        key(&mut s, 'j');
        let cmds = press(&mut s, KeyCode::Enter);
        settle(&mut s, cmds, &|c| inbox.answer(c));
        key(&mut s, 'j');
        snap("inbox_mine_team_filter", &s);
        let cmds = key(&mut s, '2');
        settle(&mut s, cmds, &|c| inbox.answer(c));
        key(&mut s, '/');
        crate::common::inbox::type_text(&mut s, "refund");
        snap("inbox_unassigned_typing_search", &s);
    }
}

#[test]
fn inbox_loading_and_failed_first_page() {
    for (w, h) in SIZES {
        let mut s = crate::common::inbox::state(w, h);
        let cmds = s.start();
        snap("inbox_loading", &s);
        settle(&mut s, cmds, &|c| match c {
            Command::Inbox(imbox::command::InboxCommand::Load { req, view, skip, .. }) => {
                Some(Action::Inbox(I::Loaded {
                    req: *req,
                    view: *view,
                    skip: *skip,
                    result: Err(imbox_api::ApiError::Server {
                        endpoint: "GET /api/v1/accounts/{id}/conversations",
                        status: 503,
                        message: "maintenance".into(),
                    }),
                }))
            }
            other => Inbox::new(0, 0, 0).answer(other),
        });
        snap("inbox_error", &s);
    }
}

/// The first conversation opened, its thread answered with one message of every special kind.
pub(crate) fn rich(w: u16, h: u16) -> State {
    let inbox = Inbox::new(57, 12, 30);
    let mut s = started(w, h, &inbox);
    let cmds = press(&mut s, KeyCode::Enter);
    let mut items = crate::common::inbox::rich_thread();
    items.reverse();
    let page = Page { items, total: 0, has_more: false };
    settle(&mut s, cmds, &|c| match c {
        Command::LoadMessages { req, skip, .. } => {
            Some(Action::MessagesLoaded { req: *req, skip: *skip, result: Ok(page.clone()) })
        }
        Command::Inbox(imbox::command::InboxCommand::MarkRead { req, conversation_id }) => {
            Some(Action::Inbox(I::MarkedRead {
                req: *req,
                conversation_id: conversation_id.clone(),
                result: Ok(()),
            }))
        }
        Command::LoadConversations { req, .. } => Some(Action::ConversationsLoaded {
            req: *req,
            result: Ok(inbox.rows(imbox_model::InboxView::Mine)[..3].to_vec()),
        }),
        _ => None,
    });
    s
}

#[test]
fn thread_with_chips_cards_form_activity_private_note_and_attachments() {
    for (w, h) in SIZES {
        let mut s = rich(w, h);
        snap("thread_rich_bottom", &s);
        key(&mut s, 'g');
        snap("thread_rich_top", &s);
    }
}

#[test]
fn help_lists_the_inbox_keys() {
    let inbox = Inbox::new(57, 12, 30);
    let mut s = started(140, 40, &inbox);
    key(&mut s, '?');
    snap("help_inbox", &s);
}

#[test]
fn every_size_draws_without_panicking() {
    for w in [40, 41, 57, 99, 100, 120, 200] {
        for h in [8, 9, 12, 24, 40] {
            let mut s = rich(w, h);
            crate::common::screen(&s);
            key(&mut s, 'g');
            crate::common::screen(&s);
            let mut s = filtered(w, h, &Inbox::new(57, 12, 30));
            crate::common::screen(&s);
            press(&mut s, KeyCode::Esc);
            crate::common::screen(&s);
        }
    }
}
