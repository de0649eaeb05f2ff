//! Key bindings of the edit form. Every key that is not bound here is typed into the focused
//! field; while the form asks a question (save? discard? restore?) only the answers count.

use super::{Binding, Context, code, ctrl};
use crate::action::Action;
use crate::action::FormAction as F;
use crate::state::State;
use crate::state::form::Prompt;
use crossterm::event::{KeyCode, KeyEvent};

const fn b(keys: &'static [super::Key], label: &'static str, action: Action, help: &'static str) -> Binding {
    Binding { context: Context::Form, keys, label, action, help }
}

/// The bindings of the edit form.
pub static BINDINGS: &[Binding] = &[
    b(&[code(KeyCode::Tab)], "Tab", Action::Form(F::NextField), "next field"),
    b(&[code(KeyCode::BackTab)], "S-Tab", Action::Form(F::PrevField), "previous field"),
    b(&[ctrl('s')], "C-s", Action::Form(F::Save), "review the changes and save"),
    // C-o, as the composer's "attach a file": a key no text field types or edits with (C-u is
    // readline's delete-to-start in every field).
    b(&[ctrl('o')], "C-o", Action::Form(F::Upload), "upload a file as the avatar"),
    b(&[code(KeyCode::Esc)], "Esc", Action::Form(F::Cancel), "close (asks if changed)"),
    b(
        &[ctrl('l')],
        "C-l",
        Action::Relogin(crate::action::ReloginAction::Open),
        "log in again (when the token was rejected); the draft stays",
    ),
];

/// The action for a key while the edit form takes keys: a binding, or the key typed into the text.
pub fn action_for(state: &State, ev: &KeyEvent) -> Option<Action> {
    if let Some(quit) = super::quit_key(ev) {
        return Some(quit);
    }
    match state.form.as_ref().and_then(|f| f.prompt.as_ref()) {
        Some(Prompt::UploadPath(_)) => Some(match ev.code {
            KeyCode::Enter => Action::Form(F::Answer(true)),
            KeyCode::Esc => Action::Form(F::Answer(false)),
            _ => Action::Form(F::Key(*ev)),
        }),
        Some(_) => match ev.code {
            KeyCode::Enter | KeyCode::Char('y' | 'Y') => Some(Action::Form(F::Answer(true))),
            KeyCode::Esc | KeyCode::Char('n' | 'N') => Some(Action::Form(F::Answer(false))),
            _ => None,
        },
        None => super::lookup(Context::Form, ev).or(Some(Action::Form(F::Key(*ev)))),
    }
}
