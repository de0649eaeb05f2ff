//! What a pane with nothing to show says while the server cannot be reached: not an empty
//! frame, but who cannot be reached, why, when imbox tries again and what the user can do.

use crate::layout::theme;
use crate::state::State;
use crate::state::connection::Link;
use ratatui::text::Line;

/// The lines for an empty pane while the account is offline; `None` while it is online.
pub fn lines(state: &State) -> Option<Vec<Line<'static>>> {
    let Link::Offline { next_probe, .. } = state.connection.link else { return None };
    let who = if state.account.label.is_empty() { state.account.kind.name() } else { &state.account.label };
    let reason = state.connection.offline_reason.as_deref().unwrap_or("no answer");
    let secs = (next_probe.as_second() - state.now.as_second()).max(0);
    let when = if secs == 0 { "Retrying now".to_string() } else { format!("Retrying in {secs} s") };
    let mut what = vec!["R to retry now"];
    if state.accounts.len() > 1 {
        what.push("P for another account");
    }
    what.push("q to quit");
    // One thought a line, so a narrow pane wraps inside them, not across them.
    Some(vec![
        Line::styled(format!("Cannot reach {who}"), theme::error()),
        Line::raw(reason.to_string()),
        Line::default(),
        Line::styled(when, theme::dim()),
        Line::styled(what.join(" · "), theme::dim()),
    ])
}

/// What a list with nothing loaded yet says: the offline lines while the server is out of
/// reach, else why its first load failed (`error`), else that `what` is loading.
pub fn or_loading(state: &State, what: &str, error: Option<&str>) -> Vec<Line<'static>> {
    if let Some(offline) = lines(state) {
        return offline;
    }
    match error {
        Some(e) => vec![
            Line::styled(format!("Could not load {what}"), theme::error()),
            Line::raw(e.to_string()),
            Line::styled("R to retry", theme::dim()),
        ],
        None => vec![Line::styled(format!("Loading {what}…"), theme::dim())],
    }
}
