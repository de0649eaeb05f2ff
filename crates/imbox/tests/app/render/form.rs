//! Snapshots of the contact details overlay and the edit form (valid, invalid, saving, failed)
//! at 80x24 and 140x40, from states driven through `update`.

use crate::common::{seed_answer, settle, state};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use imbox::action::Action;
use imbox::action::DetailsAction;
use imbox::action::FormAction;
use imbox::command::Command;
use imbox::command::ContactCommand;
use imbox::state::State;
use imbox_api::ApiError;
use imbox_model::{Comment, ContactFile};

const SIZES: [(u16, u16); 2] = [(80, 24), (140, 40)];

fn snap(name: &str, s: &State) {
    let (w, h) = s.size;
    insta::assert_snapshot!(format!("{name}_{w}x{h}"), crate::common::screen(s));
}

fn key(s: &mut State, code: KeyCode, mods: KeyModifiers) -> Vec<Command> {
    imbox::keymap::action_for(s, &KeyEvent::new(code, mods)).map(|a| s.update(a)).unwrap_or_default()
}

fn typed(s: &mut State, text: &str) {
    for c in text.chars() {
        key(s, KeyCode::Char(c), KeyModifiers::NONE);
    }
}

fn loaded(w: u16, h: u16) -> State {
    let mut s = state(w, h);
    let cmds = s.start();
    settle(&mut s, cmds, &seed_answer);
    s
}

#[test]
fn details() {
    for (w, h) in SIZES {
        let mut s = loaded(w, h);
        let cmds = s.update(Action::Details(DetailsAction::Open));
        snap("details_loading", &s);
        settle(&mut s, cmds, &|c| match c {
            Command::Contact(ContactCommand::LoadFiles { req, .. }) => {
                let files = vec![
                    ContactFile {
                        caption: "cat.gif".into(),
                        url: "https://files.test/chat/cat.gif".into(),
                        extension: "gif".into(),
                        kind: "image".into(),
                        ..Default::default()
                    },
                    ContactFile {
                        caption: "invoice.pdf".into(),
                        url: "https://files.test/chat/invoice.pdf".into(),
                        extension: "pdf".into(),
                        kind: "file".into(),
                        ..Default::default()
                    },
                ];
                Some(Action::Details(DetailsAction::FilesLoaded { req: *req, result: Ok(files) }))
            }
            Command::Contact(ContactCommand::LoadComments { req, .. }) => {
                let comments = vec![Comment {
                    text: "Prefers to be contacted after 6pm.".into(),
                    author: "Agent Kim".into(),
                    created_at: Some(crate::common::now()),
                    ..Default::default()
                }];
                Some(Action::Details(DetailsAction::CommentsLoaded { req: *req, result: Ok(comments) }))
            }
            _ => None,
        });
        key(&mut s, KeyCode::Tab, KeyModifiers::NONE);
        snap("details_loaded", &s);
        s.update(Action::Details(DetailsAction::OpenerChecked {
            url: "https://files.test/chat/cat.gif".into(),
            found: false,
        }));
        snap("details_copy_box", &s);
    }
}

fn form(w: u16, h: u16) -> State {
    let mut s = loaded(w, h);
    s.update(Action::Form(FormAction::Open));
    let id = s.form.as_ref().unwrap().contact.id.clone();
    s.update(Action::Form(FormAction::DraftLoaded { contact_id: id, result: Ok(None) }));
    typed(&mut s, "Ann");
    s
}

#[test]
fn form_states() {
    for (w, h) in SIZES {
        let mut s = form(w, h);
        snap("form_valid", &s);

        let mut invalid = s.clone();
        key(&mut invalid, KeyCode::Tab, KeyModifiers::NONE);
        key(&mut invalid, KeyCode::Tab, KeyModifiers::NONE);
        typed(&mut invalid, "ann@");
        key(&mut invalid, KeyCode::Tab, KeyModifiers::NONE);
        typed(&mut invalid, "85x");
        key(&mut invalid, KeyCode::Char('s'), KeyModifiers::CONTROL);
        snap("form_invalid", &invalid);

        key(&mut s, KeyCode::Char('s'), KeyModifiers::CONTROL);
        snap("form_confirm", &s);
        let cmds = key(&mut s, KeyCode::Enter, KeyModifiers::NONE);
        snap("form_saving", &s);
        let req = cmds
            .iter()
            .find_map(|c| match c {
                Command::Contact(ContactCommand::Update { req, .. }) => Some(*req),
                _ => None,
            })
            .unwrap();
        let err = ApiError::Server {
            endpoint: "PUT /v1/backend/contacts/{id}",
            status: 500,
            message: "injected fault".into(),
        };
        s.update(Action::Form(FormAction::Saved { req, result: Err(err) }));
        snap("form_failed", &s);
    }
}
