//! Key bindings of the edit form.

use super::Binding;
use crate::action::Action;
use crate::state::State;
use crossterm::event::KeyEvent;

/// The bindings of the edit form.
pub static BINDINGS: &[Binding] = &[];

/// The action for a key while the edit form takes keys: a binding, or the key typed into the text.
pub fn action_for(_state: &State, ev: &KeyEvent) -> Option<Action> {
    super::lookup(super::Context::Form, ev).or_else(|| super::quit_key(ev))
}
