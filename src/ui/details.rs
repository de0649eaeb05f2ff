//! The contact details overlay.

use crate::state::State;
use crate::state::details::DetailsState;
use ratatui::Frame;
use ratatui::layout::Rect;

/// Draws the details overlay centred in `area`.
pub fn draw(_state: &State, _details: &DetailsState, _frame: &mut Frame, _area: Rect) {}
