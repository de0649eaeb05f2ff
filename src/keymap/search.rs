//! Key bindings of the search line.

use super::Binding;
use crate::action::Action;
use crate::state::State;
use crossterm::event::KeyEvent;

/// The bindings of the search line.
pub static BINDINGS: &[Binding] = &[];

/// The action for a key while the search line takes keys: a binding, or the key typed into the text.
pub fn action_for(_state: &State, ev: &KeyEvent) -> Option<Action> {
    super::lookup(super::Context::Search, ev).or_else(|| super::quit_key(ev))
}
