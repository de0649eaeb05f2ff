//! The notification centre, drawn over the body (between header and status line).

use crate::state::State;
use ratatui::Frame;
use ratatui::layout::Rect;

/// Draws the notification centre into `area`.
pub fn draw(_state: &State, _frame: &mut Frame, _area: Rect) {}
