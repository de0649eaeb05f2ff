//! The contact edit form: one text area per field, validation, diff, save, drafts, upload.
//!
//! Every edit schedules a draft write ([`DRAFT_DEBOUNCE`] after the last keystroke) through
//! `Command::Schedule`, so `update` stays pure and a crash loses at most that much typing; the
//! app loop also writes the draft synchronously on quit and on signals ([`State::exit_commands`]).

pub mod fields;

use super::State;
use crate::action::FormAction;
use crate::action::form::{Draft, FormValues};
use crate::action::{Action, RequestId};
use crate::command::Command;
use crate::command::ContactCommand;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use fields::{FIELDS, Field, GENDERS};
use imbox_api::ApiError;
use imbox_model::Contact;
use ratatui_textarea::TextArea;
use std::time::Duration;

/// How long after the last keystroke the draft is written.
pub const DRAFT_DEBOUNCE: Duration = Duration::from_millis(500);

/// A question the form is asking; it takes the keys until answered.
#[derive(Debug, Clone)]
pub enum Prompt {
    /// "Save these changes?" with the changed fields (field, old, new as shown).
    ConfirmSave(Vec<(Field, String, String)>),
    /// "Discard your changes?"
    ConfirmDiscard,
    /// "Restore the draft from …?"
    Restore(Box<Draft>),
    /// "File to upload:" with the path being typed.
    UploadPath(Box<TextArea<'static>>),
}

/// State of the edit form (present while it is shown).
#[derive(Debug, Clone)]
pub struct FormState {
    /// The contact as it was when the form opened.
    pub contact: Contact,
    /// Its values then: the base of the diff and of the update.
    pub initial: FormValues,
    /// One text area per field, in [`FIELDS`] order (the gender's is unused).
    pub inputs: Vec<TextArea<'static>>,
    /// The gender choice, an index into [`GENDERS`].
    pub gender: usize,
    /// The focused field, an index into [`FIELDS`].
    pub focus: usize,
    /// The open prompt, if any.
    pub prompt: Option<Prompt>,
    /// The save in flight and the values it sends.
    pub saving: Option<(RequestId, FormValues)>,
    /// The upload in flight.
    pub uploading: Option<RequestId>,
    /// The last failure (the server's message), kept until the next attempt.
    pub error: Option<String>,
    /// A short local note ("nothing changed", "fix the marked fields", …).
    pub note: Option<String>,
    /// Whether the draft on disk is still being looked for.
    pub draft_loading: bool,
    /// Which fields the backend edits, in [`FIELDS`] order; the others are hidden and skipped.
    pub shown: Vec<bool>,
    /// The phone is one E.164 string (Chatwoot), not area code and number.
    pub e164: bool,
    draft_seq: u64,
}

fn textarea(value: &str) -> TextArea<'static> {
    let lines: Vec<String> = value.split('\n').map(str::to_string).collect();
    let mut ta = TextArea::new(lines);
    ta.move_cursor(ratatui_textarea::CursorMove::Bottom);
    ta.move_cursor(ratatui_textarea::CursorMove::End);
    ta
}

impl FormState {
    /// A form for `contact`, showing its current values.
    pub fn new(contact: Contact) -> Self {
        let initial = FormValues::of(&contact);
        let mut f = FormState {
            contact,
            initial: initial.clone(),
            inputs: Vec::new(),
            gender: 0,
            focus: 0,
            prompt: None,
            saving: None,
            uploading: None,
            error: None,
            note: None,
            draft_loading: true,
            shown: vec![true; FIELDS.len()],
            e164: false,
            draft_seq: 0,
        };
        f.set_values(&initial);
        f
    }

    /// A form for `contact` showing only the fields a backend with `caps` can change.
    pub fn for_backend(contact: Contact, caps: &imbox_api::Capabilities) -> Self {
        let mut f = FormState::new(contact);
        f.shown = FIELDS.iter().map(|field| caps.edit_fields.contains(&field.wire_name())).collect();
        f.e164 = caps.phone_e164;
        if !f.shown.iter().any(|s| *s) {
            f.shown = vec![true; FIELDS.len()];
        }
        f.focus = f.step(FIELDS.len() - 1, 1);
        f
    }

    /// The index of the next shown field from `from` in direction `dir` (1 or -1), wrapping.
    fn step(&self, from: usize, dir: isize) -> usize {
        let n = FIELDS.len();
        let mut i = from;
        for _ in 0..n {
            i = (i as isize + dir).rem_euclid(n as isize) as usize;
            if self.shown.get(i).copied().unwrap_or(true) {
                return i;
            }
        }
        from
    }

    /// The problems of the shown fields.
    pub fn problems(&self) -> Vec<(Field, String)> {
        self.values().problems_for(&self.shown, self.e164)
    }

    /// The values as typed (single-line fields without surrounding spaces).
    pub fn values(&self) -> FormValues {
        let mut v = FormValues::default();
        for (i, f) in FIELDS.into_iter().enumerate() {
            let value = match f {
                Field::Gender => GENDERS[self.gender].0.to_string(),
                Field::Remark => self.inputs[i].lines().join("\n").trim_end().to_string(),
                _ => self.inputs[i].lines().join(" ").trim().to_string(),
            };
            f.set(&mut v, value);
        }
        v
    }

    /// Puts `v` into the fields.
    pub fn set_values(&mut self, v: &FormValues) {
        self.inputs = FIELDS.iter().map(|f| textarea(f.get(v))).collect();
        self.gender = GENDERS.iter().position(|(w, _)| *w == v.gender).unwrap_or(0);
    }

    /// The focused field.
    pub fn focused(&self) -> Field {
        FIELDS[self.focus]
    }

    /// Whether anything differs from the contact.
    pub fn is_changed(&self) -> bool {
        self.values() != self.initial
    }

    /// The changed fields as (field, old, new), values as the diff shows them.
    pub fn changes(&self) -> Vec<(Field, String, String)> {
        let v = self.values();
        v.changed(&self.initial)
            .into_iter()
            .map(|f| {
                let old = if f == Field::Gender && !self.contact.gender.is_empty() {
                    self.contact.gender.clone()
                } else {
                    f.display(f.get(&self.initial))
                };
                (f, old, f.display(f.get(&v)))
            })
            .collect()
    }
}

fn is_enter(ev: &KeyEvent) -> bool {
    ev.code == KeyCode::Enter
        || (ev.modifiers.contains(KeyModifiers::CONTROL) && matches!(ev.code, KeyCode::Char('m' | 'j')))
}

/// Feeds a key to a text area unless it would type something unsafe; returns whether the text
/// changed.
fn type_into(ta: &mut TextArea<'static>, ev: KeyEvent) -> bool {
    if let KeyCode::Char(c) = ev.code
        && !fields::typeable(c)
    {
        return false;
    }
    super::readline::textarea_key(ta, ev)
}

impl State {
    /// Handles a form action.
    pub(super) fn update_form(&mut self, action: FormAction) -> Vec<Command> {
        let mut cmds = Vec::new();
        match action {
            FormAction::Open => {
                let contact = match &self.details {
                    Some(d) => Some(d.contact.clone()),
                    None => self.contact_in_focus(),
                };
                if let Some(contact) = contact {
                    let contact_id = contact.id.clone();
                    self.form = Some(FormState::for_backend(contact, &self.account.capabilities));
                    cmds.push(Command::Contact(ContactCommand::LoadDraft { contact_id }));
                }
            }
            FormAction::ClearNotice(text) => {
                if self.notice.as_ref() == Some(&text) {
                    self.notice = None;
                }
            }
            FormAction::Saved { req, result } => self.form_saved(req, result, &mut cmds),
            other => {
                if self.form.is_some() {
                    self.form_action(other, &mut cmds);
                }
            }
        }
        cmds
    }

    fn form_action(&mut self, action: FormAction, cmds: &mut Vec<Command>) {
        let Some(form) = self.form.as_mut() else {
            return;
        };
        match action {
            FormAction::Key(ev) => {
                if let Some(Prompt::UploadPath(ta)) = &mut form.prompt {
                    if !is_enter(&ev) {
                        type_into(ta, ev);
                    }
                    return;
                }
                if form.prompt.is_some() {
                    return;
                }
                if form.saving.is_some() {
                    form.note = Some("saving… edits wait until the server answers".into());
                    return;
                }
                let field = form.focused();
                let changed = if field == Field::Gender {
                    let n = GENDERS.len();
                    match ev.code {
                        KeyCode::Right | KeyCode::Char(' ') => form.gender = (form.gender + 1) % n,
                        KeyCode::Left => form.gender = (form.gender + n - 1) % n,
                        KeyCode::Enter => form.focus = form.step(form.focus, 1),
                        _ => return,
                    }
                    !matches!(ev.code, KeyCode::Enter)
                } else if !field.multiline() && is_enter(&ev) {
                    form.focus = form.step(form.focus, 1);
                    false
                } else {
                    type_into(&mut form.inputs[form.focus], ev)
                };
                if changed {
                    form.note = None;
                    self.schedule_draft(cmds);
                }
            }
            FormAction::NextField => form.focus = form.step(form.focus, 1),
            FormAction::PrevField => form.focus = form.step(form.focus, -1),
            FormAction::Save => {
                if form.saving.is_some() {
                    form.note = Some("a save of this contact is already in progress".into());
                    return;
                }
                let problems = form.problems();
                if let Some((first, _)) = problems.first() {
                    form.focus = first.index();
                    form.note = Some(format!(
                        "fix the {} marked field{} before saving",
                        problems.len(),
                        if problems.len() == 1 { "" } else { "s" }
                    ));
                    return;
                }
                let changes = form.changes();
                if changes.is_empty() {
                    form.note = Some("nothing changed".into());
                    return;
                }
                form.note = None;
                form.prompt = Some(Prompt::ConfirmSave(changes));
            }
            FormAction::Cancel => {
                if form.saving.is_some() {
                    form.note = Some("saving… the form closes when the server answers".into());
                } else if form.is_changed() {
                    form.prompt = Some(Prompt::ConfirmDiscard);
                } else {
                    let contact_id = form.contact.id.clone();
                    self.form = None;
                    self.delete_draft(contact_id, cmds);
                }
            }
            FormAction::Upload => {
                if form.uploading.is_some() {
                    form.note = Some("an upload is already in progress".into());
                } else {
                    let mut ta = TextArea::default();
                    ta.set_placeholder_text("/path/to/picture.png");
                    form.prompt = Some(Prompt::UploadPath(Box::new(ta)));
                }
            }
            FormAction::Answer(yes) => self.form_answer(yes, cmds),
            FormAction::DraftDue(seq) => {
                if form.draft_seq != seq || matches!(form.prompt, Some(Prompt::Restore(_))) {
                    return;
                }
                if form.draft_loading {
                    // The old draft has not been read yet: writing now would replace it unseen.
                    cmds.push(Command::Schedule {
                        after: DRAFT_DEBOUNCE,
                        action: Box::new(Action::Form(FormAction::DraftDue(seq))),
                    });
                    return;
                }
                cmds.extend(self.draft_command());
            }
            FormAction::DraftLoaded { contact_id, result } => {
                if form.contact.id != contact_id {
                    return;
                }
                form.draft_loading = false;
                match result {
                    Ok(Some(draft)) if draft.values != form.values() => {
                        form.prompt = Some(Prompt::Restore(draft));
                    }
                    Ok(_) => {}
                    Err(e) => form.note = Some(format!("could not read the draft: {e}")),
                }
            }
            FormAction::DraftFailed(e) => form.note = Some(format!("draft not saved: {e}")),
            FormAction::Uploaded { req, result } => {
                if form.uploading != Some(req) {
                    return;
                }
                form.uploading = None;
                match result {
                    Ok(url) => {
                        let i = Field::Avatar.index();
                        form.inputs[i] = textarea(&url);
                        form.focus = i;
                        form.note = Some("uploaded: the avatar URL is set (Ctrl-S to save)".into());
                        form.error = None;
                        self.schedule_draft(cmds);
                    }
                    Err(e) => form.error = Some(format!("upload failed: {e}")),
                }
            }
            FormAction::Open | FormAction::Saved { .. } | FormAction::ClearNotice(_) => {}
        }
    }

    fn form_answer(&mut self, yes: bool, cmds: &mut Vec<Command>) {
        let offline = self.is_offline();
        let Some(form) = self.form.as_mut() else {
            return;
        };
        let Some(prompt) = form.prompt.take() else {
            return;
        };
        match prompt {
            Prompt::ConfirmSave(_) if yes && offline => {
                // The form keeps every typed value, and its draft on disk.
                form.error =
                    Some(crate::state::cached::offline_refusal("not saved", "your changes stay in the form"));
            }
            Prompt::ConfirmSave(_) if yes => {
                let values = form.values();
                let update = values.update_from(&form.initial);
                let contact_id = form.contact.id.clone();
                let lookup = save_lookup(&form.contact, &values);
                form.error = None;
                let req = self.req();
                if let Some(form) = self.form.as_mut() {
                    form.saving = Some((req, values));
                }
                cmds.push(Command::Contact(ContactCommand::Update {
                    req,
                    contact_id,
                    update: Box::new(update),
                    lookup,
                }));
            }
            Prompt::ConfirmDiscard if yes => {
                let contact_id = form.contact.id.clone();
                self.form = None;
                self.delete_draft(contact_id, cmds);
            }
            Prompt::Restore(draft) => {
                if yes {
                    form.set_values(&draft.values);
                    form.note = Some("draft restored".into());
                } else {
                    // Declining the offer is an explicit discard.
                    let contact_id = form.contact.id.clone();
                    self.delete_draft(contact_id, cmds);
                }
            }
            Prompt::UploadPath(ta) if yes && offline => {
                form.error = Some(crate::state::cached::offline_refusal("not uploaded", "the path stays"));
                form.prompt = Some(Prompt::UploadPath(ta));
            }
            Prompt::UploadPath(ta) if yes => {
                let path = ta.lines().join("").trim().to_string();
                if path.is_empty() {
                    form.prompt = Some(Prompt::UploadPath(ta));
                    return;
                }
                form.note = Some(format!("uploading {path}…"));
                form.error = None;
                let req = self.req();
                if let Some(form) = self.form.as_mut() {
                    form.uploading = Some(req);
                }
                cmds.push(Command::Contact(ContactCommand::Upload { req, path }));
            }
            Prompt::ConfirmSave(_) | Prompt::ConfirmDiscard | Prompt::UploadPath(_) => {}
        }
    }

    fn form_saved(
        &mut self,
        req: RequestId,
        result: Result<Option<Box<Contact>>, ApiError>,
        cmds: &mut Vec<Command>,
    ) {
        let mine = self.form.as_ref().and_then(|f| f.saving.as_ref()).filter(|(r, _)| *r == req).cloned();
        match (result, mine) {
            (Ok(answer), Some((_, sent))) => {
                let Some(form) = self.form.take() else {
                    return;
                };
                let contact = answer.map_or_else(|| sent.apply_to(&form.contact), |c| *c);
                self.replace_contact(&contact);
                self.delete_draft(contact.id.clone(), cmds);
                self.show_notice(format!("saved {}", contact.display_name), cmds);
            }
            // A save whose form is gone (quit raced it): the server has the change; show it.
            (Ok(Some(contact)), None) => self.replace_contact(&contact),
            (Ok(None), None) => {}
            (Err(e), Some(_)) => {
                if let Some(form) = self.form.as_mut() {
                    form.saving = None;
                    form.error = Some(format!("save failed: {e}"));
                }
                // Keep what was typed on disk at once, whatever the debounce is doing.
                cmds.extend(self.draft_command());
            }
            (Err(e), None) => self.last_error = Some(format!("save failed: {e}")),
        }
    }

    fn schedule_draft(&mut self, cmds: &mut Vec<Command>) {
        let seq = self.req();
        if let Some(form) = self.form.as_mut() {
            form.draft_seq = seq;
            cmds.push(Command::Schedule {
                after: DRAFT_DEBOUNCE,
                action: Box::new(Action::Form(FormAction::DraftDue(seq))),
            });
        }
    }

    /// The command that makes the draft on disk match the form: written when something changed,
    /// deleted when nothing did.
    fn draft_command(&mut self) -> Option<Command> {
        let seq = self.req();
        let form = self.form.as_ref()?;
        let values = form.values();
        let contact_id = form.contact.id.clone();
        Some(Command::Contact(if values == form.initial {
            ContactCommand::DeleteDraft { seq, contact_id }
        } else {
            ContactCommand::SaveDraft {
                seq,
                draft: Box::new(Draft { contact_id, saved_at: String::new(), values }),
            }
        }))
    }

    fn delete_draft(&mut self, contact_id: String, cmds: &mut Vec<Command>) {
        let seq = self.req();
        cmds.push(Command::Contact(ContactCommand::DeleteDraft { seq, contact_id }));
    }

    /// What must run before imbox exits (quit, SIGTERM, SIGHUP, SIGINT): the open form's draft,
    /// written synchronously by the app loop so no typed edit is lost.
    pub fn exit_commands(&mut self) -> Vec<Command> {
        let mut cmds = self.compose_exit_commands();
        cmds.extend(self.form_exit_commands());
        cmds
    }

    fn form_exit_commands(&mut self) -> Vec<Command> {
        let pending_offer = self.form.as_ref().is_some_and(|f| matches!(f.prompt, Some(Prompt::Restore(_))));
        let changed = self.form.as_ref().is_some_and(FormState::is_changed);
        if pending_offer || !changed {
            // Nothing typed, or the old draft not yet answered: the file on disk is what to keep.
            return Vec::new();
        }
        self.draft_command().into_iter().collect()
    }
}

/// What a search may find the contact by after a save whose answer was lost: its name, e-mail
/// and phone as they were and as typed (whichever the server holds), without repeats.
fn save_lookup(contact: &Contact, typed: &FormValues) -> Vec<String> {
    let typed_name = format!("{} {}", typed.first_name, typed.last_name).trim().to_string();
    let words = [
        typed.email.as_str(),
        contact.email.as_str(),
        typed.phone_number.as_str(),
        contact.phone_number.as_str(),
        typed_name.as_str(),
        contact.display_name.as_str(),
    ];
    let mut out: Vec<String> = Vec::new();
    for w in words.map(str::trim).into_iter().filter(|w| !w.is_empty()) {
        if !out.iter().any(|o| o == w) {
            out.push(w.to_string());
        }
    }
    out
}
