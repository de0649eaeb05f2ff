//! Key bindings of the notification centre.

use super::{Binding, Context, code, ctrl, k};
use crate::action::Action;
use crate::action::NotificationAction as N;
use crate::state::State;
use crossterm::event::{KeyCode, KeyEvent};

const fn b(keys: &'static [super::Key], label: &'static str, action: N, help: &'static str) -> Binding {
    Binding { context: Context::Notifications, keys, label, action: Action::Notify(action), help }
}

/// The bindings of the notification centre.
pub static BINDINGS: &[Binding] = &[
    b(&[k('j'), code(KeyCode::Down)], "j ↓", N::Move(1), "next notification"),
    b(&[k('k'), code(KeyCode::Up)], "k ↑", N::Move(-1), "previous notification"),
    b(&[code(KeyCode::PageDown), ctrl('f')], "PgDn C-f", N::Page(1), "down one screen"),
    b(&[code(KeyCode::PageUp), ctrl('b')], "PgUp C-b", N::Page(-1), "up one screen"),
    b(&[k('g'), code(KeyCode::Home)], "g Home", N::Top, "newest notification"),
    b(&[k('G'), code(KeyCode::End)], "G End", N::Bottom, "last loaded notification"),
    b(&[code(KeyCode::Enter)], "Enter", N::Open, "open its conversation (or details); marks it read"),
    b(&[k('r')], "r", N::MarkRead, "mark read (marked rows, else this one)"),
    b(&[k('A')], "A", N::MarkAllRead, "mark every notification read (where the server can)"),
    b(&[k('d')], "d", N::Dismiss, "dismiss (marked rows, else this one)"),
    b(&[k(' ')], "Space", N::ToggleMark, "mark / unmark this row, move down"),
    b(&[k('V')], "V", N::MarkRange, "mark from the last marked row to here"),
    b(&[k('a')], "a", N::MarkAll, "mark all loaded rows (again: unmark all)"),
    b(&[k('D')], "D", N::AskDismissAll, "dismiss all conversation notifications (asks; 5 s to undo)"),
    b(&[k('z')], "z", N::Undo, "undo dismiss all while the countdown runs"),
    b(&[k('u')], "u", N::ToggleUnreadOnly, "unread only / all"),
    b(&[k('R')], "R", N::Reload, "reload the list and the badge"),
    b(&[k('n')], "n", N::Toggle, "close the notification centre"),
    b(&[code(KeyCode::Esc)], "Esc", N::Escape, "close details / prompt / the centre"),
];

/// The action for a key while the centre is shown. The "dismiss all?" prompt takes every key
/// (y confirms, anything else declines); the details box closes on Esc, Enter, n or q.
pub fn action_for(state: &State, ev: &KeyEvent) -> Option<Action> {
    let nc = &state.notifications;
    if nc.confirm {
        let yes = matches!(ev.code, KeyCode::Char('y') | KeyCode::Char('Y'));
        return super::quit_key(ev).or(Some(Action::Notify(N::Confirm(yes))));
    }
    if nc.details.is_some() {
        return match ev.code {
            KeyCode::Esc | KeyCode::Enter | KeyCode::Char('n') | KeyCode::Char('q') => {
                Some(Action::Notify(N::Escape))
            }
            _ => super::quit_key(ev),
        };
    }
    super::lookup(Context::Notifications, ev).or_else(|| super::lookup(Context::Global, ev))
}
