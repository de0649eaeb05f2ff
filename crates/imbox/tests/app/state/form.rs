//! The details overlay and the edit form through the pure update: keys in, state and commands out.

use crate::common::{seed_answer, settle, state};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use imbox::action::Action;
use imbox::action::DetailsAction;
use imbox::action::FormAction;
use imbox::action::form::{Draft, FormValues};
use imbox::command::Command;
use imbox::command::ContactCommand;
use imbox::keymap;
use imbox::state::State;
use imbox::state::details::Loadable;
use imbox::state::form::Prompt;
use imbox_api::ApiError;
use imbox_model::{ContactFile, ContactUpdate};

/// Presses a key through the real keymap; returns the commands.
pub fn press(s: &mut State, code: KeyCode, mods: KeyModifiers) -> Vec<Command> {
    match keymap::action_for(s, &KeyEvent::new(code, mods)) {
        Some(a) => s.update(a),
        None => Vec::new(),
    }
}

/// Types text through the keymap.
pub fn type_text(s: &mut State, text: &str) -> Vec<Command> {
    text.chars().flat_map(|c| press(s, KeyCode::Char(c), KeyModifiers::NONE)).collect()
}

fn loaded(w: u16, h: u16) -> State {
    let mut s = state(w, h);
    let cmds = s.start();
    settle(&mut s, cmds, &seed_answer);
    s
}

/// The form open on the first seed contact, its draft check answered with "none".
fn form_open() -> State {
    let mut s = loaded(140, 40);
    let cmds = press(&mut s, KeyCode::Char('e'), KeyModifiers::NONE);
    let id = s.form.as_ref().expect("form open").contact.id.clone();
    assert_eq!(cmds, vec![Command::Contact(ContactCommand::LoadDraft { contact_id: id.clone() })]);
    s.update(Action::Form(FormAction::DraftLoaded { contact_id: id, result: Ok(None) }));
    s
}

fn clear_field(s: &mut State) {
    press(s, KeyCode::Char('a'), KeyModifiers::CONTROL);
    press(s, KeyCode::Char('k'), KeyModifiers::CONTROL);
}

fn ctrl_s(s: &mut State) -> Vec<Command> {
    press(s, KeyCode::Char('s'), KeyModifiers::CONTROL)
}

fn update_of(cmds: &[Command]) -> Option<(u64, String, ContactUpdate)> {
    cmds.iter().find_map(|c| match c {
        Command::Contact(ContactCommand::Update { req, contact_id, update, .. }) => {
            Some((*req, contact_id.clone(), (**update).clone()))
        }
        _ => None,
    })
}

#[test]
fn typing_a_first_name_saves_after_the_diff_is_confirmed_and_updates_everywhere() {
    let mut s = form_open();
    let original = s.form.as_ref().unwrap().contact.clone();
    clear_field(&mut s);
    let cmds = type_text(&mut s, "Zoë");
    assert!(
        cmds.iter().any(|c| matches!(c, Command::Schedule { action, .. }
            if matches!(**action, Action::Form(FormAction::DraftDue(_))))),
        "typing schedules a draft write: {cmds:?}"
    );
    assert_eq!(s.form.as_ref().unwrap().values().first_name, "Zoë");
    // Ctrl-S first shows what changes.
    let cmds = ctrl_s(&mut s);
    assert!(cmds.is_empty());
    match &s.form.as_ref().unwrap().prompt {
        Some(Prompt::ConfirmSave(changes)) => {
            assert_eq!(changes.len(), 1);
            assert_eq!(changes[0].0.label(), "First name");
            assert_eq!(changes[0].2, "Zoë");
        }
        other => panic!("expected the diff, got {other:?}"),
    }
    let cmds = press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    let (req, id, update) = update_of(&cmds).expect("a PUT");
    assert_eq!(id, original.id);
    assert_eq!(update, ContactUpdate { first_name: Some("Zoë".into()), ..Default::default() });
    // A second Ctrl-S while saving sends nothing and says why.
    assert!(update_of(&ctrl_s(&mut s)).is_none());
    assert!(s.form.as_ref().unwrap().note.as_deref().unwrap().contains("already in progress"));
    // The server accepts with an empty body: the typed values are applied locally.
    let cmds = s.update(Action::Form(FormAction::Saved { req, result: Ok(None) }));
    assert!(s.form.is_none(), "success closes the form");
    let shown = s.contacts.get(0).unwrap();
    assert_eq!(shown.first_name, "Zoë");
    assert_eq!(shown.display_name, format!("Zoë {}", original.last_name).trim());
    assert!(cmds.iter().any(|c| matches!(c, Command::Contact(ContactCommand::DeleteDraft { .. }))));
    assert!(s.notice.as_deref().unwrap().starts_with("✔ saved"));
}

#[test]
fn a_returned_contact_replaces_the_list_row_the_conversations_title_and_the_details() {
    let mut s = loaded(140, 40);
    let cmds = s.update(Action::Open);
    settle(&mut s, cmds, &seed_answer);
    s.update(Action::FocusLeft);
    s.update(Action::Details(DetailsAction::Open));
    let cmds = s.update(Action::Form(FormAction::Open));
    assert_eq!(cmds.len(), 1);
    let mut c = s.form.as_ref().unwrap().contact.clone();
    type_text(&mut s, "x");
    ctrl_s(&mut s);
    let (req, ..) = update_of(&press(&mut s, KeyCode::Char('y'), KeyModifiers::NONE)).unwrap();
    c.display_name = "Renamed Person".into();
    s.update(Action::Form(FormAction::Saved { req, result: Ok(Some(Box::new(c.clone()))) }));
    assert_eq!(s.contacts.get(0).unwrap().display_name, "Renamed Person");
    assert_eq!(s.conversations.contact_name, "Renamed Person");
    assert_eq!(s.details.as_ref().unwrap().contact.display_name, "Renamed Person");
}

#[test]
fn invalid_values_are_marked_and_block_saving() {
    let mut s = form_open();
    press(&mut s, KeyCode::Tab, KeyModifiers::NONE);
    press(&mut s, KeyCode::Tab, KeyModifiers::NONE);
    clear_field(&mut s);
    type_text(&mut s, "not-an-email");
    press(&mut s, KeyCode::Tab, KeyModifiers::NONE);
    type_text(&mut s, "8a");
    let problems = s.form.as_ref().unwrap().problems();
    assert_eq!(problems.len(), 2, "{problems:?}");
    let cmds = ctrl_s(&mut s);
    assert!(cmds.is_empty());
    let form = s.form.as_ref().unwrap();
    assert!(form.prompt.is_none(), "no diff while invalid");
    assert_eq!(form.focused().label(), "Email", "focus goes to the first invalid field");
    assert!(form.note.as_deref().unwrap().contains("fix the 2 marked fields"));
}

#[test]
fn a_refused_save_keeps_the_form_the_message_and_every_typed_value() {
    let mut s = form_open();
    clear_field(&mut s);
    type_text(&mut s, "Kept");
    ctrl_s(&mut s);
    let (req, ..) = update_of(&press(&mut s, KeyCode::Enter, KeyModifiers::NONE)).unwrap();
    let err =
        ApiError::Server { endpoint: "PUT /v1/backend/contacts/{id}", status: 500, message: "boom".into() };
    let cmds = s.update(Action::Form(FormAction::Saved { req, result: Err(err) }));
    let form = s.form.as_ref().expect("still open");
    assert!(form.error.as_deref().unwrap().contains("boom"));
    assert_eq!(form.values().first_name, "Kept");
    assert!(form.saving.is_none(), "a new attempt is allowed");
    assert!(
        cmds.iter().any(|c| matches!(c, Command::Contact(ContactCommand::SaveDraft { draft, .. })
            if draft.values.first_name == "Kept")),
        "the typed values go to disk at once: {cmds:?}"
    );
    assert_ne!(s.contacts.get(0).unwrap().first_name, "Kept");
}

#[test]
fn esc_on_a_changed_form_asks_before_discarding() {
    let mut s = form_open();
    // Unchanged: Esc closes at once.
    press(&mut s, KeyCode::Esc, KeyModifiers::NONE);
    assert!(s.form.is_none());
    let mut s = form_open();
    type_text(&mut s, "z");
    press(&mut s, KeyCode::Esc, KeyModifiers::NONE);
    assert!(matches!(s.form.as_ref().unwrap().prompt, Some(Prompt::ConfirmDiscard)));
    press(&mut s, KeyCode::Char('n'), KeyModifiers::NONE);
    assert!(s.form.as_ref().unwrap().prompt.is_none());
    assert!(s.form.as_ref().unwrap().values().first_name.ends_with('z'));
    press(&mut s, KeyCode::Esc, KeyModifiers::NONE);
    let cmds = press(&mut s, KeyCode::Char('y'), KeyModifiers::NONE);
    assert!(s.form.is_none());
    assert!(cmds.iter().any(|c| matches!(c, Command::Contact(ContactCommand::DeleteDraft { .. }))));
}

#[test]
fn the_draft_is_written_after_the_pause_and_on_exit_and_offered_back() {
    let mut s = form_open();
    type_text(&mut s, "ab");
    let due: Vec<u64> = (0..200)
        .filter(|seq| {
            // Only the last keystroke's debounce writes: earlier ones are stale.
            !s.clone().update(Action::Form(FormAction::DraftDue(*seq))).is_empty()
        })
        .collect();
    assert_eq!(due.len(), 1, "exactly one pending debounce is current: {due:?}");
    let cmds = s.update(Action::Form(FormAction::DraftDue(due[0])));
    let draft = match &cmds[..] {
        [Command::Contact(ContactCommand::SaveDraft { draft, .. })] => draft.clone(),
        other => panic!("expected a draft write, got {other:?}"),
    };
    assert!(draft.values.first_name.ends_with("ab"));
    // Quitting writes it once more, synchronously (the app loop runs these before leaving).
    let exit = s.exit_commands();
    assert!(matches!(&exit[..], [Command::Contact(ContactCommand::SaveDraft { .. })]));

    // Next time the form opens, the draft is offered back.
    let mut s = loaded(140, 40);
    press(&mut s, KeyCode::Char('e'), KeyModifiers::NONE);
    let id = s.form.as_ref().unwrap().contact.id.clone();
    let stored = Draft { contact_id: id.clone(), saved_at: "2026-11-22T11:00:00Z".into(), ..*draft };
    s.update(Action::Form(FormAction::DraftLoaded {
        contact_id: id,
        result: Ok(Some(Box::new(stored.clone()))),
    }));
    assert!(matches!(s.form.as_ref().unwrap().prompt, Some(Prompt::Restore(_))));
    assert!(s.exit_commands().is_empty(), "an unanswered offer leaves the file alone");
    press(&mut s, KeyCode::Char('y'), KeyModifiers::NONE);
    assert_eq!(s.form.as_ref().unwrap().values(), stored.values);
}

#[test]
fn declining_the_draft_deletes_it() {
    let mut s = loaded(140, 40);
    press(&mut s, KeyCode::Char('e'), KeyModifiers::NONE);
    let form = s.form.as_ref().unwrap();
    let values = FormValues { first_name: "Other".into(), ..form.initial.clone() };
    let draft = Draft { contact_id: form.contact.id.clone(), saved_at: String::new(), values };
    let id = draft.contact_id.clone();
    s.update(Action::Form(FormAction::DraftLoaded {
        contact_id: id.clone(),
        result: Ok(Some(Box::new(draft))),
    }));
    let cmds = press(&mut s, KeyCode::Char('n'), KeyModifiers::NONE);
    assert!(cmds.iter().any(
        |c| matches!(c, Command::Contact(ContactCommand::DeleteDraft { contact_id, .. }) if *contact_id == id)
    ));
    assert_ne!(s.form.as_ref().unwrap().values().first_name, "Other");
}

#[test]
fn upload_puts_the_returned_url_in_the_avatar_field() {
    let mut s = form_open();
    press(&mut s, KeyCode::Char('o'), KeyModifiers::CONTROL);
    assert!(matches!(s.form.as_ref().unwrap().prompt, Some(Prompt::UploadPath(_))));
    type_text(&mut s, "/tmp/me.png");
    let cmds = press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    let req = match &cmds[..] {
        [Command::Contact(ContactCommand::Upload { req, path })] if path == "/tmp/me.png" => *req,
        other => panic!("expected an upload, got {other:?}"),
    };
    s.update(Action::Form(FormAction::Uploaded { req, result: Ok("https://x.test/files/a.png".into()) }));
    let form = s.form.as_ref().unwrap();
    assert_eq!(form.values().avatar_url, "https://x.test/files/a.png");
    assert_eq!(form.focused().label(), "Avatar URL");
    // A failed upload is shown in the form.
    press(&mut s, KeyCode::Char('o'), KeyModifiers::CONTROL);
    type_text(&mut s, "/nope");
    let cmds = press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    let Some(Command::Contact(ContactCommand::Upload { req, .. })) = cmds.first() else { panic!() };
    s.update(Action::Form(FormAction::Uploaded { req: *req, result: Err("/nope: not found".into()) }));
    assert!(s.form.as_ref().unwrap().error.as_deref().unwrap().contains("not found"));
}

#[test]
fn ctrl_u_in_a_field_deletes_to_the_start_of_the_line_and_never_opens_the_upload_prompt() {
    let mut s = form_open();
    clear_field(&mut s);
    type_text(&mut s, "Ann Lee");
    // The cursor one word back: C-u keeps what is after it, as on the search line.
    for _ in 0..3 {
        press(&mut s, KeyCode::Left, KeyModifiers::NONE);
    }
    press(&mut s, KeyCode::Char('u'), KeyModifiers::CONTROL);
    let form = s.form.as_ref().unwrap();
    assert!(form.prompt.is_none(), "no upload prompt: {:?}", form.prompt.is_some());
    assert_eq!(form.values().first_name, "Lee");
    // C-k deletes to the end, C-w the word before the cursor.
    type_text(&mut s, "Mrs ");
    press(&mut s, KeyCode::Char('k'), KeyModifiers::CONTROL);
    assert_eq!(s.form.as_ref().unwrap().values().first_name, "Mrs", "(single-line values are trimmed)");
    press(&mut s, KeyCode::Char('w'), KeyModifiers::CONTROL);
    assert_eq!(s.form.as_ref().unwrap().values().first_name, "");
    // The upload prompt's path line edits the same way.
    press(&mut s, KeyCode::Char('o'), KeyModifiers::CONTROL);
    type_text(&mut s, "/tmp/wrong.png");
    press(&mut s, KeyCode::Char('u'), KeyModifiers::CONTROL);
    type_text(&mut s, "/tmp/me.png");
    let cmds = press(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    assert!(
        matches!(&cmds[..], [Command::Contact(ContactCommand::Upload { path, .. })] if path == "/tmp/me.png"),
        "{cmds:?}"
    );
}

#[test]
fn gender_is_a_choice_sent_as_a_letter_and_control_characters_are_not_typed() {
    let mut s = form_open();
    for _ in 0..5 {
        press(&mut s, KeyCode::Tab, KeyModifiers::NONE);
    }
    type_text(&mut s, "Q");
    let before = s.form.as_ref().unwrap().gender;
    press(&mut s, KeyCode::Right, KeyModifiers::NONE);
    let v = s.form.as_ref().unwrap().values();
    assert_ne!(s.form.as_ref().unwrap().gender, before);
    assert!(["", "m", "f", "o"].contains(&v.gender.as_str()));
    press(&mut s, KeyCode::BackTab, KeyModifiers::NONE);
    type_text(&mut s, "1\u{1b}\u{202e}2");
    assert!(s.form.as_ref().unwrap().values().phone_number.ends_with("12"));
}

#[test]
fn details_load_files_and_comments_and_open_a_url_or_show_it_to_copy() {
    let mut s = loaded(140, 40);
    let cmds = press(&mut s, KeyCode::Char('i'), KeyModifiers::NONE);
    let d = s.details.as_ref().expect("details open");
    assert!(matches!(d.files, Loadable::Loading(_)));
    let (mut files_req, mut comments) = (0, None);
    for c in &cmds {
        match c {
            Command::Contact(ContactCommand::LoadFiles { req, .. }) => files_req = *req,
            Command::Contact(ContactCommand::LoadComments { req, contact_id, comment_id }) => {
                comments = Some((*req, contact_id.clone(), comment_id.clone()))
            }
            _ => {}
        }
    }
    let (comments_req, id, comment_id) = comments.expect("comments asked for");
    assert_eq!(comment_id, id, "the contact id stands in for the comment id");
    let file =
        ContactFile { url: "https://f.test/a.pdf".into(), caption: "a.pdf".into(), ..Default::default() };
    s.update(Action::Details(DetailsAction::FilesLoaded { req: files_req, result: Ok(vec![file]) }));
    let err = ApiError::NotFound { endpoint: "comments", message: "gone".into() };
    s.update(Action::Details(DetailsAction::CommentsLoaded { req: comments_req, result: Err(err) }));
    let d = s.details.as_ref().unwrap();
    assert!(matches!(d.comments, Loadable::Failed(_)));
    let urls = d.urls();
    let last = urls.len() - 1;
    press(&mut s, KeyCode::BackTab, KeyModifiers::NONE);
    assert_eq!(s.details.as_ref().unwrap().url, last);
    let cmds = press(&mut s, KeyCode::Char('o'), KeyModifiers::NONE);
    assert_eq!(
        cmds,
        vec![Command::Contact(ContactCommand::CheckOpener { url: "https://f.test/a.pdf".into() })]
    );
    let found =
        s.update(Action::Details(DetailsAction::OpenerChecked { url: urls[last].clone(), found: true }));
    assert!(found.contains(&Command::OpenUrl("https://f.test/a.pdf".into())));
    s.update(Action::Details(DetailsAction::OpenerChecked { url: urls[last].clone(), found: false }));
    assert_eq!(s.details.as_ref().unwrap().copy_box.as_deref(), Some("https://f.test/a.pdf"));
    press(&mut s, KeyCode::Esc, KeyModifiers::NONE);
    assert!(s.details.is_some(), "Esc closes the copy box first");
    press(&mut s, KeyCode::Esc, KeyModifiers::NONE);
    assert!(s.details.is_none());
}

/// A backend that edits only names, e-mail, an E.164 phone and the avatar (Chatwoot's set).
fn e164_backend(s: &mut State) {
    s.account.kind = imbox_api::BackendKind::Chatwoot;
    s.account.capabilities.edit_fields = &["first_name", "last_name", "email", "phone_number", "avatar_url"];
    s.account.capabilities.phone_e164 = true;
    s.account.capabilities.contact_files = false;
}

#[test]
fn the_form_shows_only_the_fields_the_backend_edits_and_checks_e164_phones() {
    let mut s = loaded(140, 40);
    e164_backend(&mut s);
    press(&mut s, KeyCode::Char('e'), KeyModifiers::NONE);
    let form = s.form.as_ref().expect("form open");
    use imbox::state::form::fields::Field;
    let mut visited = vec![form.focused()];
    for _ in 0..5 {
        press(&mut s, KeyCode::Tab, KeyModifiers::NONE);
        visited.push(s.form.as_ref().unwrap().focused());
    }
    assert_eq!(
        visited,
        [Field::FirstName, Field::LastName, Field::Email, Field::Phone, Field::Avatar, Field::FirstName],
        "Tab skips area code, gender, language and remark"
    );
    // To the phone: a number without + is refused before anything is sent.
    for _ in 0..3 {
        press(&mut s, KeyCode::Tab, KeyModifiers::NONE);
    }
    assert_eq!(s.form.as_ref().unwrap().focused(), Field::Phone);
    clear_field(&mut s);
    type_text(&mut s, "0501234567");
    assert!(update_of(&ctrl_s(&mut s)).is_none(), "nothing sent with a bad phone");
    let form = s.form.as_ref().unwrap();
    assert_eq!(form.problems().len(), 1, "{:?}", form.problems());
    assert!(form.note.as_deref().unwrap_or_default().contains("fix the 1 marked field"));
    clear_field(&mut s);
    type_text(&mut s, "+972501234567");
    assert!(s.form.as_ref().unwrap().problems().is_empty());
    // Upload is an iMBRACE feature: the key says so instead of opening the prompt.
    press(&mut s, KeyCode::Char('o'), KeyModifiers::CONTROL);
    assert!(s.form.as_ref().unwrap().prompt.is_none());
    assert_eq!(s.notice.as_deref(), Some("ⓘ file upload: not available on Chatwoot"));
}
