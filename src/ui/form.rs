//! The contact edit form, a modal over everything.

use crate::state::State;
use crate::state::form::FormState;
use ratatui::Frame;
use ratatui::layout::Rect;

/// Draws the edit form centred in `area`.
pub fn draw(_state: &State, _form: &FormState, _frame: &mut Frame, _area: Rect) {}
