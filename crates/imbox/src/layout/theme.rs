//! Colours and styles in one place, so panes look alike and a theme can swap them.
//!
//! Two themes: `Colour` (the default) and `Mono`, for terminals without colour — chosen by
//! `NO_COLOR` (set and non-empty, see no-color.org) or `[ui] theme = "mono"`. Colour alone
//! carries no meaning in `Mono`: the selection is reverse video, the focused pane's border is
//! thick and bold, unread rows and errors are bold (their `●`/`✖` glyphs say it in text too),
//! the chosen reply button is reverse video and underlined.
//!
//! The theme is chosen once at start ([`set`]); a test draws in a theme with [`set_for_thread`]
//! (tests run side by side in one process, so theirs must not leak into each other).

use ratatui::style::{Color, Modifier, Style};
use std::cell::Cell;
use std::sync::atomic::{AtomicBool, Ordering};

/// A set of styles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    /// Colours, with reverse video where a meaning must survive a missing colour.
    #[default]
    Colour,
    /// No colour at all: reverse video, bold, underline and glyphs only.
    Mono,
}

impl Theme {
    /// The theme for a `[ui] theme` value and the `NO_COLOR` variable: `NO_COLOR` set and
    /// non-empty always means `Mono`. An unknown name is an error naming the ones that exist.
    pub fn choose(configured: &str, no_color: Option<&std::ffi::OsStr>) -> Result<Theme, String> {
        let named = match configured {
            "default" | "colour" | "color" => Theme::Colour,
            "mono" => Theme::Mono,
            _ => return Err("[ui] theme: expected \"default\" or \"mono\"".into()),
        };
        Ok(if no_color.is_some_and(|v| !v.is_empty()) { Theme::Mono } else { named })
    }
}

static MONO: AtomicBool = AtomicBool::new(false);

thread_local! {
    static THREAD: Cell<Option<Theme>> = const { Cell::new(None) };
}

/// Sets the theme of the process (once, at start, before the first frame).
pub fn set(theme: Theme) {
    MONO.store(theme == Theme::Mono, Ordering::Relaxed);
}

/// Sets (or with `None` clears) this thread's theme, which wins over the process's (tests).
pub fn set_for_thread(theme: Option<Theme>) {
    THREAD.with(|t| t.set(theme));
}

/// The theme in use.
pub fn current() -> Theme {
    THREAD.with(Cell::get).unwrap_or(if MONO.load(Ordering::Relaxed) { Theme::Mono } else { Theme::Colour })
}

/// Whether the monochrome theme is in use.
pub fn mono() -> bool {
    current() == Theme::Mono
}

/// `colour` in the colour theme, `mono` in the monochrome one.
fn pick(colour: Style, mono: Style) -> Style {
    if self::mono() { mono } else { colour }
}

const REV_BOLD: Modifier = Modifier::REVERSED.union(Modifier::BOLD);

/// The header's LIVE marker: changes arrive as they happen.
pub fn live() -> Style {
    pick(
        Style::new().bg(Color::Green).fg(Color::Black).add_modifier(Modifier::BOLD),
        Style::new().add_modifier(REV_BOLD),
    )
}

/// Border of the focused pane.
pub fn focused_border() -> Style {
    pick(Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD), Style::new().add_modifier(Modifier::BOLD))
}

/// Border of an unfocused pane.
pub fn border() -> Style {
    pick(Style::new().fg(Color::DarkGray), Style::new())
}

/// The selected row of a focused list.
pub fn selected() -> Style {
    pick(Style::new().bg(Color::Cyan).fg(Color::Black), Style::new().add_modifier(REV_BOLD))
}

/// The selected row of an unfocused list.
pub fn selected_unfocused() -> Style {
    pick(Style::new().bg(Color::DarkGray).fg(Color::White), Style::new().add_modifier(Modifier::UNDERLINED))
}

/// Secondary text: times, channels, counts.
pub fn dim() -> Style {
    pick(Style::new().fg(Color::DarkGray), Style::new().add_modifier(Modifier::DIM))
}

/// Errors.
pub fn error() -> Style {
    pick(Style::new().fg(Color::Red), Style::new().add_modifier(Modifier::BOLD))
}

/// The header bar.
pub fn header() -> Style {
    pick(Style::new().bg(Color::Blue).fg(Color::White), Style::new())
}

/// The header tab of the account on screen (reverse video, so it shows without colour too).
pub fn tab_active() -> Style {
    // The mono header is plain, so reverse video alone marks the tab.
    header().add_modifier(Modifier::BOLD | Modifier::REVERSED)
}

/// The DEMO marker in the header.
pub fn demo_marker() -> Style {
    pick(
        Style::new().bg(Color::Yellow).fg(Color::Black).add_modifier(Modifier::BOLD),
        Style::new().add_modifier(REV_BOLD),
    )
}

/// The unread badge.
pub fn badge() -> Style {
    pick(
        Style::new().bg(Color::Red).fg(Color::White).add_modifier(Modifier::BOLD),
        Style::new().add_modifier(REV_BOLD),
    )
}

/// The status bar.
pub fn status() -> Style {
    pick(Style::new().bg(Color::Black).fg(Color::Gray), Style::new())
}

/// Key names in hints.
pub fn key() -> Style {
    pick(
        Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
        Style::new().add_modifier(Modifier::BOLD),
    )
}

/// The customer's side of a thread.
pub fn contact_side() -> Style {
    pick(Style::new().fg(Color::Cyan), Style::new().add_modifier(Modifier::BOLD))
}

/// The agent's side of a thread.
pub fn agent_side() -> Style {
    pick(Style::new().fg(Color::Magenta), Style::new().add_modifier(Modifier::BOLD))
}

/// A reply button offered by a message.
pub fn chip() -> Style {
    pick(Style::new().fg(Color::White).bg(Color::DarkGray), Style::new())
}

/// The reply button the customer chose.
pub fn chip_chosen() -> Style {
    pick(
        Style::new().fg(Color::Black).bg(Color::Green).add_modifier(Modifier::BOLD),
        Style::new().add_modifier(REV_BOLD.union(Modifier::UNDERLINED)),
    )
}

/// Links and URLs.
pub fn url() -> Style {
    pick(
        Style::new().fg(Color::Blue).add_modifier(Modifier::UNDERLINED),
        Style::new().add_modifier(Modifier::UNDERLINED),
    )
}

/// Names and titles.
pub fn bold() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

/// A private note's label and gutter: amber, bold (the label and gutter glyph say it in text too).
pub fn private_note() -> Style {
    pick(
        Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
        Style::new().add_modifier(Modifier::BOLD.union(Modifier::ITALIC)),
    )
}

/// What the agent has not seen yet: the thread's "new" divider, "↓ N new", unread markers.
pub fn unseen() -> Style {
    pick(Style::new().fg(Color::Red).add_modifier(Modifier::BOLD), Style::new().add_modifier(Modifier::BOLD))
}

/// The age of cached rows in a pane's frame ("cached 3 h ago"): they may be out of date.
pub fn cached() -> Style {
    pick(Style::new().fg(Color::Yellow), Style::new().add_modifier(Modifier::ITALIC))
}

/// The graphemes of a name that match the search (highlighted inside an unselected row).
pub fn matched() -> Style {
    pick(
        Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
    )
}

/// A match of the thread's find (`/`): every one on screen.
pub fn found() -> Style {
    pick(Style::new().bg(Color::Yellow).fg(Color::Black), Style::new().add_modifier(Modifier::UNDERLINED))
}

/// The match the find is on (the message `n`/`N` went to).
pub fn found_current() -> Style {
    pick(
        Style::new().bg(Color::LightRed).fg(Color::Black).add_modifier(Modifier::BOLD),
        Style::new().add_modifier(REV_BOLD),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;

    #[test]
    fn no_color_set_and_not_empty_chooses_mono_over_the_config() {
        assert_eq!(Theme::choose("default", None), Ok(Theme::Colour));
        assert_eq!(Theme::choose("default", Some(OsStr::new(""))), Ok(Theme::Colour));
        assert_eq!(Theme::choose("default", Some(OsStr::new("1"))), Ok(Theme::Mono));
        assert_eq!(Theme::choose("mono", None), Ok(Theme::Mono));
        assert!(Theme::choose("solarized", None).is_err());
    }

    #[test]
    fn the_mono_theme_has_no_colour_and_keeps_every_meaning() {
        set_for_thread(Some(Theme::Mono));
        let all = [
            live(),
            focused_border(),
            border(),
            selected(),
            selected_unfocused(),
            dim(),
            error(),
            header(),
            tab_active(),
            demo_marker(),
            badge(),
            status(),
            key(),
            contact_side(),
            agent_side(),
            chip(),
            chip_chosen(),
            url(),
            bold(),
            private_note(),
            unseen(),
            matched(),
            found(),
            found_current(),
        ];
        assert!(all.iter().all(|s| s.fg.is_none() && s.bg.is_none()), "{all:?}");
        assert_ne!(found(), found_current(), "the current match stands out from the others");
        assert!(selected().add_modifier.contains(Modifier::REVERSED));
        assert!(chip_chosen().add_modifier.contains(Modifier::REVERSED) && chip() == Style::new());
        assert_ne!(selected_unfocused(), Style::new());
        assert!(error().add_modifier.contains(Modifier::BOLD));
        set_for_thread(None);
        assert!(selected().bg.is_some(), "the thread's choice is undone");
    }
}
