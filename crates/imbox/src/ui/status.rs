//! The status line: spinner, key hints for the focused pane, and the last error in plain words.

use crate::action::{Action, ComposeAction};
use crate::keymap::{self, Context};
use crate::layout::Pane;
use crate::layout::{text, theme};
use crate::state::State;
use crate::state::connection::Link;
use crate::ui::spinner;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The pane's hints: the actions whose keys are shown (joined with `/`) and what they do. The keys
/// come from the binding tables, so a config override shows up here too.
fn pane_hints(pane: Pane) -> (Context, &'static [(&'static [Action], &'static str)]) {
    use Action::*;
    match pane {
        Pane::Contacts => (
            Context::Contacts,
            &[
                (&[Down, Up], "move"),
                (&[Open], "open"),
                (&[Refresh], "reload"),
                (&[FocusNext], "pane"),
                (&[ToggleHelp], "help"),
                (&[Quit], "quit"),
            ],
        ),
        Pane::Conversations => (
            Context::Conversations,
            &[
                (&[Down, Up], "move"),
                (&[Open], "open"),
                (&[Act(crate::action::ActAction::ToggleResolved)], "resolve"),
                (&[Act(crate::action::ActAction::AssignMenu)], "assign"),
                (&[CycleChannelFilter], "channel"),
                (&[Refresh], "reload"),
                (&[ToggleHelp], "help"),
                (&[Quit], "quit"),
            ],
        ),
        Pane::Thread => (
            Context::Thread,
            &[
                (&[Down, Up], "scroll"),
                (&[Act(crate::action::ActAction::ToggleResolved)], "resolve"),
                (&[Act(crate::action::ActAction::SnoozeMenu)], "snooze"),
                (&[Act(crate::action::ActAction::AssignMenu)], "assign"),
                (&[Top, Bottom], "oldest/newest"),
                (&[Compose(ComposeAction::Reply)], "reply"),
                (&[Compose(ComposeAction::Note)], "note"),
                (&[Refresh], "reload"),
                (&[FocusLeft], "back"),
                (&[ToggleHelp], "help"),
                (&[Quit], "quit"),
            ],
        ),
    }
}

/// Hints while the composer is open: what its bottom edge does not say.
fn composer_hints() -> &'static [(&'static [Action], &'static str)] {
    use crate::action::ComposeAction as C;
    use Action::*;
    &[
        (&[Compose(C::Canned)], "canned"),
        (&[Compose(C::Attach)], "attach"),
        (&[Compose(C::Editor)], "editor"),
        (&[Compose(C::ToggleNote)], "reply/note"),
        (&[ToggleHelp], "help"),
    ]
}

/// Hints of the contacts pane on a backend without a contact list (SMS/RCS): there is nothing
/// to move through or reload until a lookup.
fn lookup_hints() -> &'static [(&'static [Action], &'static str)] {
    use Action::*;
    &[
        (&[Search(crate::action::SearchAction::Open)], "look up"),
        (&[FocusNext], "pane"),
        (&[ToggleHelp], "help"),
        (&[Quit], "quit"),
    ]
}

/// The pane's hints with their current keys, leaving out features the backend lacks.
fn hints(pane: Pane, caps: &imbox_api::Capabilities, composing: bool) -> Vec<(String, &'static str)> {
    let (mut ctx, mut list) = pane_hints(pane);
    if pane == Pane::Contacts && !caps.contact_list {
        list = lookup_hints();
    }
    if composing && pane == Pane::Thread {
        (ctx, list) = (Context::Composer, composer_hints());
    }
    list.iter()
        .filter(|(actions, _)| actions.iter().all(|a| keymap::features::allowed(a, caps)))
        .map(|(actions, what)| {
            let keys: Vec<String> = actions.iter().filter_map(|a| keymap::hint_key(ctx, a)).collect();
            (keys.join("/"), *what)
        })
        .collect()
}

/// Hints while typing a search.
const SEARCH_EDITING: &[(&str, &str)] =
    &[("Enter", "keep results"), ("Esc", "cancel"), ("↑/↓", "move"), ("C-w/C-u", "delete word/line")];
/// Hints on kept search results.
const SEARCH_KEPT: &[(&str, &str)] =
    &[("j/k", "move"), ("Enter", "open"), ("/", "edit search"), ("Esc", "all contacts"), ("?", "help")];
/// Hints while the notification centre is shown (its own keys are on its message line).
const CENTRE_HINTS: &[(&str, &str)] =
    &[("j/k", "move"), ("g/G", "top/bottom"), ("n Esc", "close"), ("?", "help"), ("q", "quit")];

/// The hints that fit in `room` cells, whole: the first ones (the list is in order of use)
/// and the help, which is always kept, so a line never ends mid-word and `?` is always named.
/// Hints are dropped from the end of the list, except the help.
pub fn fit_hints(hints: Vec<(String, &'static str)>, room: usize) -> Vec<(String, &'static str)> {
    let cost = |(k, w): &(String, &str)| text::width(k) + 1 + text::width(w) + 2;
    let is_help = |(_, w): &(String, &str)| *w == "help";
    let help: usize = hints.iter().filter(|h| is_help(h)).map(cost).sum();
    // The trailing two spaces of the last hint need not fit.
    let mut used = help;
    let mut full = false;
    let mut keep = vec![false; hints.len()];
    for (i, h) in hints.iter().enumerate() {
        if is_help(h) {
            keep[i] = true;
        } else if !full && used + cost(h) <= room + 2 {
            used += cost(h);
            keep[i] = true;
        } else {
            // Whole hints in order: one that does not fit ends the list but for the help (a
            // later, shorter one would jump the order of importance).
            full = true;
        }
    }
    hints.into_iter().zip(keep).filter(|(_, k)| *k).map(|(h, _)| h).collect()
}

/// Draws the status line (the `:` command line or a y/n question replace it while open).
pub fn draw(state: &State, frame: &mut Frame, area: Rect) {
    if crate::ui::cmdline::draw(state, frame, area) || crate::ui::find::draw(state, frame, area) {
        return;
    }
    let mut spans = vec![];
    if state.is_loading() {
        spans.push(Span::styled(format!(" {} ", spinner(state.spinner)), theme::key()));
    } else {
        spans.push(Span::raw(" "));
    }
    if let Some(r) = &state.connection.retrying {
        let secs = (r.at.as_second() - state.now.as_second()).max(0);
        let msg = if r.attempt == 0 {
            // Held back by another endpoint's 429: nothing failed yet.
            format!("⟳ {} waits {secs}s: {}", r.endpoint, r.reason)
        } else {
            format!("⟳ {} failed ({}), retry {} in {secs}s", r.endpoint, r.reason, r.attempt)
        };
        spans.push(Span::styled(text::truncate(&msg, (area.width as usize).saturating_sub(4)), theme::key()));
    } else if let Some(err) = state.error_shown() {
        // What helps depends on the error: a rejected token needs a new one, a message that was
        // not sent is sent again from the thread, a failure of the network or the server is
        // asked again; anything else (a refused value, a missing record) offers nothing.
        let fix = if state.connection.link == Link::Rejected {
            "  L log in again"
        } else if err.starts_with(crate::state::compose::NOT_SENT) {
            "  C-r retry"
        } else if state.error_retryable() {
            "  R retry"
        } else {
            ""
        };
        let room = (area.width as usize).saturating_sub(4 + text::width(fix));
        spans.push(Span::styled(format!("✖ {}", text::truncate(err, room)), theme::error()));
        spans.push(Span::styled(fix, theme::dim()));
    } else {
        // What is left of the line after the spinner.
        let used: usize = spans.iter().map(|s| s.width()).sum();
        let mut room = (area.width as usize).saturating_sub(used);
        if let Some(notice) = &state.notice {
            let shown = format!("{}  ", text::truncate(notice, 62.min(room.saturating_sub(8))));
            room = room.saturating_sub(text::width(&shown));
            spans.push(Span::styled(shown, theme::key()));
        }
        let fixed =
            |list: &[(&'static str, &'static str)]| list.iter().map(|(k, w)| (k.to_string(), *w)).collect();
        let hints: Vec<(String, &str)> =
            match (state.search.editing, state.search.active && state.focus == Pane::Contacts) {
                _ if state.notifications.open => fixed(CENTRE_HINTS),
                _ if crate::ui::inbox::shows_hints(state) => crate::ui::inbox::hints(state),
                (true, _) => fixed(SEARCH_EDITING),
                (false, true) => fixed(SEARCH_KEPT),
                _ => hints(state.focus, &state.account.capabilities, state.compose.composer.is_some()),
            };
        for (key, what) in fit_hints(hints, room) {
            spans.push(Span::styled(key, theme::key()));
            spans.push(Span::raw(format!(" {what}  ")));
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)).style(theme::status()), area);
}
