//! The help overlay's content and geometry: every binding of the focused layer, then the
//! global ones, wrapped to the overlay's width. Here rather than in `ui/` because the keys that
//! scroll it need to know how far it can go (so `k` after overscrolling moves at once); the
//! drawing (`ui/help.rs`) styles these lines and nothing else.

use super::{Context, bindings_for, help_context, overrides};
use crate::action::{Action, InboxAction};
use crate::layout::text;
use crate::state::State;

/// Cells of the key column, with its indent: `  Home C-a   `.
const KEY_COLUMN: usize = 13;
/// The widest the overlay gets (its text wraps below that).
const MAX_WIDTH: usize = 88;

/// What a line of the help is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpKind {
    /// A section's name ("Contacts", "Everywhere").
    Heading,
    /// A key and (the first line of) what it does.
    Entry,
    /// A further line of the same description.
    More,
    /// An empty line between sections.
    Blank,
    /// A closing remark (mouse, quitting from the composer).
    Note,
}

/// One line of the help: the key column (empty on continuation lines) and the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpLine {
    /// What the line is.
    pub kind: HelpKind,
    /// The key(s), as the overrides write them.
    pub key: String,
    /// The text (one wrapped line of it).
    pub text: String,
}

/// The help laid out for the terminal's size.
#[derive(Debug, Clone)]
pub struct HelpPage {
    /// Every line, wrapped.
    pub lines: Vec<HelpLine>,
    /// The overlay's size, borders included.
    pub width: u16,
    /// The overlay's height, borders included.
    pub height: u16,
}

impl HelpPage {
    /// Lines inside the borders.
    pub fn shown(&self) -> usize {
        usize::from(self.height.saturating_sub(2))
    }

    /// The furthest the overlay scrolls.
    pub fn max_scroll(&self) -> usize {
        self.lines.len().saturating_sub(self.shown())
    }
}

/// The name of the layer the help is about.
pub fn layer_name(state: &State) -> &'static str {
    match help_context(state) {
        Context::Notifications => "Notifications",
        Context::Inbox => "Inbox",
        Context::InboxPicker => "Inbox filters",
        Context::InboxQuery => "Inbox message search",
        Context::Menu => "Menu",
        Context::Confirm => "Question",
        Context::CmdLine => "Command line",
        Context::Find => "Find in the thread (every other key is typed)",
        Context::Composer => "Composer (every other key is typed)",
        _ => state.focus.name(),
    }
}

/// The help for the current state, laid out for the terminal's size.
pub fn page(state: &State) -> HelpPage {
    let (cols, rows) = state.size;
    let width = usize::from(cols).clamp(KEY_COLUMN + 12, MAX_WIDTH);
    // Inside the borders, one cell of margin on the right.
    let text_width = width.saturating_sub(2 + KEY_COLUMN + 1).max(8);
    let entries = entries(state);
    let mut lines =
        vec![HelpLine { kind: HelpKind::Heading, key: String::new(), text: layer_name(state).into() }];
    for (key, help) in entries {
        match key {
            None if help.is_empty() => {
                lines.push(HelpLine { kind: HelpKind::Blank, key: String::new(), text: String::new() })
            }
            None => lines.push(HelpLine { kind: HelpKind::Heading, key: String::new(), text: help.into() }),
            Some(key) => {
                for (i, part) in text::wrap(help, text_width).into_iter().enumerate() {
                    let (kind, key) =
                        if i == 0 { (HelpKind::Entry, key.clone()) } else { (HelpKind::More, String::new()) };
                    lines.push(HelpLine { kind, key, text: part });
                }
            }
        }
    }
    lines.push(HelpLine { kind: HelpKind::Blank, key: String::new(), text: String::new() });
    let mut notes = Vec::new();
    if help_context(state) == Context::Composer {
        notes.push("C-c quits (the draft is kept)");
    }
    notes.push("Mouse: click selects, wheel scrolls");
    for note in notes {
        for part in text::wrap(note, width.saturating_sub(5)) {
            lines.push(HelpLine { kind: HelpKind::Note, key: String::new(), text: part });
        }
    }
    // As narrow as the content allows, never wider than the terminal.
    let content = lines
        .iter()
        .map(|l| match l.kind {
            HelpKind::Entry | HelpKind::More => KEY_COLUMN + text::width(&l.text),
            _ => 2 + text::width(&l.text),
        })
        .max()
        .unwrap_or(20);
    let width = (content + 4).min(width).min(usize::from(cols)) as u16;
    let height = (lines.len() + 2).min(usize::from(rows)) as u16;
    HelpPage { lines, width, height }
}

/// The help's sections: `(Some(key), help)` per binding, `(None, name)` for a heading and
/// `(None, "")` for a blank line.
fn entries(state: &State) -> Vec<(Option<String>, &'static str)> {
    let ctx = help_context(state);
    let mut out = Vec::new();
    let mut in_global = false;
    // Inbox keys are listed only for accounts that have an inbox.
    let inbox = state.account.capabilities.conversation_views;
    // The composer types every other key, so the keys of the panes do not apply there.
    let composing = ctx == Context::Composer;
    // A find on in the thread: its keys first, as they come first.
    let found = (ctx == Context::Thread && state.find_active())
        .then(|| super::all().filter(|b| b.context == Context::Found))
        .into_iter()
        .flatten();
    let bindings = found
        .chain(bindings_for(ctx, state.account.capabilities))
        .filter(|b| !composing || b.context == Context::Composer)
        .filter(|b| inbox || !matches!(b.action, Action::Inbox(_)));
    for b in bindings {
        if b.context == Context::Global && !in_global {
            in_global = true;
            out.push((None, ""));
            out.push((None, "Everywhere"));
        }
        // A one-list inbox (SMS/RCS) has no message search: `/` and `C` reach the lookup.
        let help = match b.action {
            Action::Inbox(InboxAction::OpenQuery) if inbox && state.inbox_is_one_list() => {
                "look up a number, e-mail, fid_… or cid_… (the lookup pane)"
            }
            Action::Inbox(InboxAction::ToggleContacts) if inbox && state.inbox_is_one_list() => {
                "the lookup pane instead of the inbox, and back"
            }
            _ => b.help,
        };
        out.push((Some(overrides::active().label_of(b)), help));
    }
    out
}

/// The scroll that moves the open help by `delta` lines, kept within what it holds (so a key
/// back after the end moves at once).
pub fn scroll(state: &State, delta: isize) -> Action {
    let max = page(state).max_scroll();
    let from = state.help_scroll.min(max);
    let to = from.saturating_add_signed(delta).min(max);
    Action::HelpScroll(to as isize - state.help_scroll as isize)
}

/// The key for the open help overlay: it takes every key; these scroll or close it.
pub fn action_for(state: &State, ev: &crossterm::event::KeyEvent) -> Option<Action> {
    use crossterm::event::{KeyCode, KeyModifiers};
    let page_step = page(state).shown().saturating_sub(1).max(1) as isize;
    match ev.code {
        KeyCode::Char('c') if ev.modifiers.contains(KeyModifiers::CONTROL) => Some(Action::Quit),
        KeyCode::Char('f') if ev.modifiers.contains(KeyModifiers::CONTROL) => Some(scroll(state, page_step)),
        KeyCode::Char('b') if ev.modifiers.contains(KeyModifiers::CONTROL) => Some(scroll(state, -page_step)),
        _ if ev.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) => None,
        KeyCode::Esc | KeyCode::Char('?') | KeyCode::Char('q') | KeyCode::F(1) => Some(Action::ToggleHelp),
        KeyCode::Char('j') | KeyCode::Down => Some(scroll(state, 1)),
        KeyCode::Char('k') | KeyCode::Up => Some(scroll(state, -1)),
        KeyCode::PageDown | KeyCode::Char(' ') => Some(scroll(state, page_step)),
        KeyCode::PageUp => Some(scroll(state, -page_step)),
        KeyCode::Char('g') | KeyCode::Home => Some(scroll(state, isize::MIN / 2)),
        KeyCode::Char('G') | KeyCode::End => Some(scroll(state, isize::MAX / 2)),
        _ => None,
    }
}
