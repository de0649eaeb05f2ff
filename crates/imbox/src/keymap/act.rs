//! Keys for acting on conversations (the inbox, the conversations pane and the thread), the
//! inbox's marks for bulk actions, the menus, the y/n question and the `:` command line.

use super::{Binding, Context, Key, code, ctrl, k};
use crate::action::{ActAction as A, Action, CmdLineAction as C, LineEdit as E};
use crate::state::State;
use crossterm::event::{KeyCode, KeyEvent};

const fn b(
    context: Context,
    keys: &'static [Key],
    label: &'static str,
    action: A,
    help: &'static str,
) -> Binding {
    Binding { context, keys, label, action: Action::Act(action), help }
}

const fn line(keys: &'static [Key], label: &'static str, action: C, help: &'static str) -> Binding {
    Binding { context: Context::CmdLine, keys, label, action: Action::CmdLine(action), help }
}

/// Each conversation action's keys, in each pane where a conversation is current.
macro_rules! in_every_pane {
    ($(($keys:expr, $label:expr, $action:expr, $help:expr)),* $(,)?) => {
        &[$(
            b(Context::Inbox, $keys, $label, $action, $help),
            b(Context::Conversations, $keys, $label, $action, $help),
            b(Context::Thread, $keys, $label, $action, $help),
        )*]
    };
}

/// The conversation actions, in every pane where a conversation is current.
pub static ACTIONS: &[Binding] = in_every_pane![
    (&[k('x')], "x", A::ToggleResolved, "resolve (reopen when resolved)"),
    (&[k('S')], "S", A::StatusMenu, "status: open, pending, resolved, snoozed"),
    (&[k('z')], "z", A::SnoozeMenu, "snooze: a preset or a typed time"),
    (&[k('A')], "A", A::AssignMenu, "assign: me, agent, team, unassign"),
    (&[k('m')], "m", A::AssignMe, "assign to me"),
    (&[k('t')], "t", A::LabelsPicker, "labels (tags)"),
    (&[k('!')], "!", A::PriorityPicker, "priority"),
    (&[k('U')], "U", A::MarkUnread, "mark unread"),
];

/// The marks for bulk actions (inbox), the menus, the question and the command line.
pub static OTHERS: &[Binding] = &[
    b(Context::Inbox, &[k(' ')], "Space", A::ToggleMark, "mark / unmark for a bulk action, move down"),
    b(Context::Inbox, &[k('V')], "V", A::MarkRange, "mark from the last mark to here"),
    b(Context::Inbox, &[k('a')], "a", A::MarkAll, "mark every loaded row (again: none)"),
    b(Context::Menu, &[k('j'), code(KeyCode::Down)], "j ↓", A::MenuMove(1), "next"),
    b(Context::Menu, &[k('k'), code(KeyCode::Up)], "k ↑", A::MenuMove(-1), "previous"),
    b(Context::Menu, &[k(' ')], "Space", A::MenuToggle, "check / uncheck (labels); choose"),
    b(Context::Menu, &[code(KeyCode::Enter)], "Enter", A::MenuApply, "choose; labels: save the checked set"),
    b(Context::Menu, &[code(KeyCode::Esc), k('q')], "Esc q", A::MenuClose, "close"),
    b(Context::Confirm, &[k('y'), code(KeyCode::Enter)], "y Enter", A::ConfirmYes, "yes, send it"),
    b(Context::Confirm, &[k('n'), code(KeyCode::Esc)], "n Esc", A::ConfirmNo, "no"),
    Binding {
        context: Context::Global,
        keys: &[k(':')],
        label: ":",
        action: Action::CmdLine(C::Open),
        help: "command line (:resolve, :view all…)",
    },
    line(&[code(KeyCode::Enter)], "Enter", C::Submit, "run the command"),
    line(&[code(KeyCode::Esc), ctrl('c')], "Esc", C::Cancel, "close"),
    line(&[code(KeyCode::Tab)], "Tab", C::Complete, "complete (again: next)"),
    line(&[code(KeyCode::BackTab)], "S-Tab", C::CompleteBack, "previous completion"),
    line(&[code(KeyCode::Up), ctrl('p')], "↑ C-p", C::HistoryPrev, "older command"),
    line(&[code(KeyCode::Down), ctrl('n')], "↓ C-n", C::HistoryNext, "newer command"),
    line(
        &[code(KeyCode::Backspace), ctrl('h')],
        "Bksp",
        C::Edit(E::Backspace),
        "delete before the cursor (empty: close)",
    ),
];

const fn cmdline_edit(e: E) -> Action {
    Action::CmdLine(C::Edit(e))
}

/// The command line's readline keys (the ones every line shares).
pub static LINE_EDITS: &[Binding] = &line_edits!(Context::CmdLine, cmdline_edit);

/// The layer of the command line, the question and the menus: `Some` when one of them is open
/// (each takes every key; the command line types the rest).
pub fn action_for(state: &State, ev: &KeyEvent) -> Option<Option<Action>> {
    if state.acts.cmdline.is_some() {
        let typed = super::typed_char(ev).map(|c| Action::CmdLine(C::Edit(E::Insert(c))));
        return Some(super::lookup(Context::CmdLine, ev).or(typed));
    }
    if state.acts.confirm.is_some() {
        return Some(super::lookup(Context::Confirm, ev).or_else(|| super::quit_key(ev)));
    }
    if state.acts.menu.is_some() {
        // A digit chooses that item (the link picker numbers its rows).
        if let KeyCode::Char(c @ '1'..='9') = ev.code {
            return Some(Some(Action::Act(A::MenuPick(c as usize - '0' as usize))));
        }
        return Some(super::lookup(Context::Menu, ev).or_else(|| super::quit_key(ev)));
    }
    None
}
