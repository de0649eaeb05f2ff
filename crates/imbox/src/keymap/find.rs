//! Keys of the thread's find: `/` in the thread pane, the find line, and `n`/`N`/`Esc` while a
//! find is on (see `state/find.rs`).

use super::{Binding, Context, Key, code, ctrl, k};
use crate::action::{Action, FindAction as F, LineEdit as E};
use crate::layout::Pane;
use crate::state::State;
use crossterm::event::{KeyCode, KeyEvent};

const fn line(keys: &'static [Key], label: &'static str, action: F, help: &'static str) -> Binding {
    Binding { context: Context::Find, keys, label, action: Action::Find(action), help }
}

const fn found(keys: &'static [Key], label: &'static str, action: F, help: &'static str) -> Binding {
    Binding { context: Context::Found, keys, label, action: Action::Find(action), help }
}

/// The bindings of the thread's find.
pub static BINDINGS: &[Binding] = &[
    Binding {
        context: Context::Thread,
        keys: &[k('/')],
        label: "/",
        action: Action::Find(F::Open),
        help: "find text in the thread (then n, N, Esc)",
    },
    found(&[k('n')], "n", F::Older, "next match, towards older messages"),
    found(&[k('N')], "N", F::Newer, "next match, towards newer messages"),
    found(&[code(KeyCode::Esc)], "Esc", F::Close, "end the find (n and N are yours again)"),
    line(&[code(KeyCode::Enter)], "Enter", F::Submit, "find, from the bottom of the view towards older"),
    line(&[code(KeyCode::Esc), ctrl('c')], "Esc", F::Close, "close the line"),
    line(&[code(KeyCode::Backspace), ctrl('h')], "Bksp", F::Edit(E::Backspace), "delete before the cursor"),
];

const fn find_edit(e: E) -> Action {
    Action::Find(F::Edit(e))
}

/// The find line's readline keys (the ones every line shares).
pub static LINE_EDITS: &[Binding] = &line_edits!(Context::Find, find_edit);

/// The find's layer: `Some` when it takes the key — the line types every other key; a find
/// that is on answers `n`, `N` and `Esc` before the thread does.
pub fn action_for(state: &State, ev: &KeyEvent) -> Option<Option<Action>> {
    if state.focus != Pane::Thread || state.notifications.open {
        return None;
    }
    let find = state.thread.find.as_ref()?;
    if find.editing {
        let typed = super::typed_char(ev).map(|c| Action::Find(F::Edit(E::Insert(c))));
        return Some(super::lookup(Context::Find, ev).or(typed).or_else(|| super::quit_key(ev)));
    }
    if state.find_active() {
        return super::lookup(Context::Found, ev).map(Some);
    }
    None
}
