//! Colours and styles in one place, so panes look alike and a theme option can swap them.

use ratatui::style::{Color, Modifier, Style};

/// The header's LIVE marker: changes arrive as they happen.
pub fn live() -> Style {
    Style::new().bg(Color::Green).fg(Color::Black).add_modifier(Modifier::BOLD)
}

/// Border of the focused pane.
pub fn focused_border() -> Style {
    Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
}

/// Border of an unfocused pane.
pub fn border() -> Style {
    Style::new().fg(Color::DarkGray)
}

/// The selected row of a focused list.
pub fn selected() -> Style {
    Style::new().bg(Color::Cyan).fg(Color::Black)
}

/// The selected row of an unfocused list.
pub fn selected_unfocused() -> Style {
    Style::new().bg(Color::DarkGray).fg(Color::White)
}

/// Secondary text: times, channels, counts.
pub fn dim() -> Style {
    Style::new().fg(Color::DarkGray)
}

/// Errors.
pub fn error() -> Style {
    Style::new().fg(Color::Red)
}

/// The header bar.
pub fn header() -> Style {
    Style::new().bg(Color::Blue).fg(Color::White)
}

/// The header tab of the account on screen (reverse video, so it shows without colour too).
pub fn tab_active() -> Style {
    header().add_modifier(Modifier::BOLD | Modifier::REVERSED)
}

/// The DEMO marker in the header.
pub fn demo_marker() -> Style {
    Style::new().bg(Color::Yellow).fg(Color::Black).add_modifier(Modifier::BOLD)
}

/// The unread badge.
pub fn badge() -> Style {
    Style::new().bg(Color::Red).fg(Color::White).add_modifier(Modifier::BOLD)
}

/// The status bar.
pub fn status() -> Style {
    Style::new().bg(Color::Black).fg(Color::Gray)
}

/// Key names in hints.
pub fn key() -> Style {
    Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)
}

/// The customer's side of a thread.
pub fn contact_side() -> Style {
    Style::new().fg(Color::Cyan)
}

/// The agent's side of a thread.
pub fn agent_side() -> Style {
    Style::new().fg(Color::Magenta)
}

/// A reply button offered by a message.
pub fn chip() -> Style {
    Style::new().fg(Color::White).bg(Color::DarkGray)
}

/// The reply button the customer chose.
pub fn chip_chosen() -> Style {
    Style::new().fg(Color::Black).bg(Color::Green).add_modifier(Modifier::BOLD)
}

/// Links and URLs.
pub fn url() -> Style {
    Style::new().fg(Color::Blue).add_modifier(Modifier::UNDERLINED)
}

/// Names and titles.
pub fn bold() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

/// A private note's label and gutter: amber, bold (the label and gutter glyph say it in text too).
pub fn private_note() -> Style {
    Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)
}

/// What the agent has not seen yet: the thread's "new" divider, "↓ N new", unread markers.
pub fn unseen() -> Style {
    Style::new().fg(Color::Red).add_modifier(Modifier::BOLD)
}
