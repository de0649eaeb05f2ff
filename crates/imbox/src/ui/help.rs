//! The help overlay: every binding of the focused pane, then the global ones.

use crate::action::{Action, InboxAction};
use crate::keymap;
use crate::layout::{text, theme};
use crate::state::State;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

/// Draws the help overlay centred in `area`.
pub fn draw(state: &State, frame: &mut Frame, area: Rect) {
    let ctx = keymap::help_context(state);
    let name = match ctx {
        keymap::Context::Notifications => "Notifications",
        keymap::Context::Inbox => "Inbox",
        keymap::Context::InboxPicker => "Inbox filters",
        keymap::Context::InboxQuery => "Inbox message search",
        keymap::Context::Menu => "Menu",
        keymap::Context::Confirm => "Question",
        keymap::Context::CmdLine => "Command line",
        keymap::Context::Composer => "Composer (every other key is typed)",
        _ => state.focus.name(),
    };
    let mut lines = vec![Line::styled(format!(" {name} "), theme::bold())];
    let mut in_global = false;
    // Inbox keys are listed only for accounts that have an inbox.
    let inbox = state.account.capabilities.conversation_views;
    let bindings = keymap::bindings_for(ctx, state.account.capabilities);
    // The composer types every other key, so the keys of the panes do not apply there.
    let composing = ctx == keymap::Context::Composer;
    let bindings = bindings.filter(|b| !composing || b.context == keymap::Context::Composer);
    for b in bindings.filter(|b| inbox || !matches!(b.action, Action::Inbox(_))) {
        if b.context == keymap::Context::Global && !in_global {
            in_global = true;
            lines.push(Line::default());
            lines.push(Line::styled(" Everywhere ", theme::bold()));
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
        lines.push(Line::from(vec![
            Span::styled(format!("  {:<10} ", keymap::overrides::active().label_of(b)), theme::key()),
            Span::raw(help),
        ]));
    }
    lines.push(Line::default());
    if composing {
        lines.push(Line::styled("  C-c quits (the draft is kept)", theme::dim()));
    }
    lines.push(Line::styled("  Mouse: click selects, wheel scrolls", theme::dim()));
    let width = (lines.iter().map(|l| l.width()).max().unwrap_or(20) + 4).min(area.width as usize) as u16;
    let height = (lines.len() + 2).min(area.height as usize) as u16;
    let rect = crate::ui::centred(area, width, height);
    frame.render_widget(Clear, rect);
    // Taller than the terminal: j/k scroll, and the title says so.
    let shown = height.saturating_sub(2) as usize;
    let scroll = state.help_scroll.min(lines.len().saturating_sub(shown));
    let title = if lines.len() > shown {
        format!(" Help · j/k scroll {}/{} · Esc ", scroll + shown, lines.len())
    } else {
        " Help · Esc or ? to close ".to_string()
    };
    let title = text::truncate(&title, width.saturating_sub(2) as usize);
    let block = crate::ui::modal_frame().title(title);
    let lines: Vec<Line> = lines.into_iter().skip(scroll).collect();
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}
