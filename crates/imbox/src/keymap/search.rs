//! Key bindings of the search line.

use super::{Binding, Context, code, ctrl};
use crate::action::Action;
use crate::action::SearchAction as S;
use crate::state::State;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The bindings of the search line, and Esc on kept results in the contacts pane.
pub static BINDINGS: &[Binding] = &[
    Binding {
        context: Context::Contacts,
        keys: &[code(KeyCode::Esc)],
        label: "Esc",
        action: Action::Search(S::Cancel),
        help: "leave search results, back to the full list",
    },
    Binding {
        context: Context::Search,
        keys: &[code(KeyCode::Enter)],
        label: "Enter",
        action: Action::Search(S::Submit),
        help: "keep the results (j/k/Enter on them)",
    },
    Binding {
        context: Context::Search,
        keys: &[code(KeyCode::Esc)],
        label: "Esc",
        action: Action::Search(S::Cancel),
        help: "back to the full list and selection",
    },
    Binding {
        context: Context::Search,
        keys: &[code(KeyCode::Up)],
        label: "↑",
        action: Action::Up,
        help: "previous result",
    },
    Binding {
        context: Context::Search,
        keys: &[code(KeyCode::Down)],
        label: "↓",
        action: Action::Down,
        help: "next result",
    },
    Binding {
        context: Context::Search,
        keys: &[code(KeyCode::PageUp)],
        label: "PgUp",
        action: Action::PageUp,
        help: "results up one screen",
    },
    Binding {
        context: Context::Search,
        keys: &[code(KeyCode::PageDown)],
        label: "PgDn",
        action: Action::PageDown,
        help: "results down one screen",
    },
    Binding {
        context: Context::Search,
        keys: &[code(KeyCode::Backspace), ctrl('h')],
        label: "Bksp",
        action: Action::Search(S::Backspace),
        help: "delete the character before the cursor",
    },
    Binding {
        context: Context::Search,
        keys: &[code(KeyCode::Delete), ctrl('d')],
        label: "Del C-d",
        action: Action::Search(S::Delete),
        help: "delete the character under the cursor",
    },
    Binding {
        context: Context::Search,
        keys: &[ctrl('w')],
        label: "C-w",
        action: Action::Search(S::DeleteWord),
        help: "delete the word before the cursor",
    },
    Binding {
        context: Context::Search,
        keys: &[ctrl('u')],
        label: "C-u",
        action: Action::Search(S::ClearLine),
        help: "delete to the start of the line",
    },
    Binding {
        context: Context::Search,
        keys: &[ctrl('k')],
        label: "C-k",
        action: Action::Search(S::KillToEnd),
        help: "delete to the end of the line",
    },
    Binding {
        context: Context::Search,
        keys: &[code(KeyCode::Left), ctrl('b')],
        label: "← C-b",
        action: Action::Search(S::Left),
        help: "cursor left",
    },
    Binding {
        context: Context::Search,
        keys: &[code(KeyCode::Right), ctrl('f')],
        label: "→ C-f",
        action: Action::Search(S::Right),
        help: "cursor right",
    },
    Binding {
        context: Context::Search,
        keys: &[code(KeyCode::Home), ctrl('a')],
        label: "Home C-a",
        action: Action::Search(S::Home),
        help: "cursor to the start",
    },
    Binding {
        context: Context::Search,
        keys: &[code(KeyCode::End), ctrl('e')],
        label: "End C-e",
        action: Action::Search(S::End),
        help: "cursor to the end",
    },
];

/// The action for a key while the search line takes keys: a binding, or the key typed into the text.
pub fn action_for(_state: &State, ev: &KeyEvent) -> Option<Action> {
    super::lookup(Context::Search, ev).or_else(|| super::quit_key(ev)).or_else(|| typed(ev))
}

/// A printable character typed without Ctrl or Alt (control characters never reach the query).
fn typed(ev: &KeyEvent) -> Option<Action> {
    match ev.code {
        KeyCode::Char(c)
            if !ev.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) && !c.is_control() =>
        {
            Some(Action::Search(S::Insert(c)))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::Account;

    #[test]
    fn typed_keys_go_into_the_query_and_ctrl_c_still_quits() {
        let mut s = State::new(
            Account { capabilities: imbox_api::imbrace::CAPABILITIES, ..Account::default() },
            jiff::Timestamp::UNIX_EPOCH,
            jiff::tz::TimeZone::UTC,
        );
        s.search.editing = true;
        let key = |c, m| action_for(&s, &KeyEvent::new(c, m));
        assert_eq!(key(KeyCode::Char('q'), KeyModifiers::NONE), Some(Action::Search(S::Insert('q'))));
        assert_eq!(key(KeyCode::Char('N'), KeyModifiers::SHIFT), Some(Action::Search(S::Insert('N'))));
        assert_eq!(key(KeyCode::Char('w'), KeyModifiers::CONTROL), Some(Action::Search(S::DeleteWord)));
        assert_eq!(key(KeyCode::Char('c'), KeyModifiers::CONTROL), Some(Action::Quit));
        assert_eq!(key(KeyCode::Char('x'), KeyModifiers::ALT), None);
        assert_eq!(key(KeyCode::Esc, KeyModifiers::NONE), Some(Action::Search(S::Cancel)));
    }
}
