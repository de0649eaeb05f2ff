//! Key bindings of the conversation inbox (the left pane of backends with conversation views),
//! its filter picker and its `q` search line.

use super::{Binding, Context, code, ctrl, k};
use crate::action::Action;
use crate::action::InboxAction as I;
use crate::layout::Pane;
use crate::state::State;
use crossterm::event::{KeyCode, KeyEvent};
use imbox_model::InboxView;

const fn b(
    context: Context,
    keys: &'static [super::Key],
    label: &'static str,
    action: Action,
    help: &'static str,
) -> Binding {
    Binding { context, keys, label, action, help }
}

const fn inbox(keys: &'static [super::Key], label: &'static str, action: I, help: &'static str) -> Binding {
    b(Context::Inbox, keys, label, Action::Inbox(action), help)
}

const fn picker(keys: &'static [super::Key], label: &'static str, action: I, help: &'static str) -> Binding {
    b(Context::InboxPicker, keys, label, Action::Inbox(action), help)
}

const fn query(keys: &'static [super::Key], label: &'static str, action: I, help: &'static str) -> Binding {
    b(Context::InboxQuery, keys, label, Action::Inbox(action), help)
}

/// The bindings of the inbox, its picker and its search line.
pub static BINDINGS: &[Binding] = &[
    b(Context::Inbox, &[k('j'), code(KeyCode::Down)], "j ↓", Action::Down, "next conversation"),
    b(Context::Inbox, &[k('k'), code(KeyCode::Up)], "k ↑", Action::Up, "previous conversation"),
    b(Context::Inbox, &[k('g'), code(KeyCode::Home)], "g Home", Action::Top, "first conversation"),
    b(
        Context::Inbox,
        &[k('G'), code(KeyCode::End)],
        "G End",
        Action::Bottom,
        "last conversation (its page only)",
    ),
    b(
        Context::Inbox,
        &[code(KeyCode::Enter)],
        "Enter",
        Action::Open,
        "open the thread and the contact's conversations",
    ),
    inbox(&[k('1')], "1", I::SetView(InboxView::Mine), "view: Mine"),
    inbox(&[k('2')], "2", I::SetView(InboxView::Unassigned), "view: Unassigned"),
    inbox(&[k('3')], "3", I::SetView(InboxView::All), "view: All"),
    inbox(&[k(']')], "]", I::NextView, "next view"),
    inbox(&[k('[')], "[", I::PrevView, "previous view"),
    inbox(&[k('s')], "s", I::CycleStatus, "status: open → pending → snoozed → resolved → all"),
    inbox(&[k('f')], "f", I::OpenFilters, "filter by inbox, team or label"),
    inbox(&[k('/')], "/", I::OpenQuery, "search messages (q)"),
    inbox(&[code(KeyCode::Esc)], "Esc", I::QueryCancel, "unmark all; else clear the message search"),
    inbox(&[k('C')], "C", I::ToggleContacts, "the contact list instead of the inbox"),
    b(Context::Inbox, &[k('R')], "R", Action::Refresh, "reload the view and its counts"),
    b(Context::Contacts, &[k('C')], "C", Action::Inbox(I::ToggleContacts), "back to the conversation inbox"),
    picker(&[k('j'), code(KeyCode::Down)], "j ↓", I::PickerMove(1), "next choice"),
    picker(&[k('k'), code(KeyCode::Up)], "k ↑", I::PickerMove(-1), "previous choice"),
    picker(&[code(KeyCode::Enter)], "Enter", I::PickerApply, "apply this filter (again: remove it)"),
    picker(&[k('x')], "x", I::PickerClear, "clear the inbox, team and label filters"),
    picker(&[code(KeyCode::Esc), k('f')], "Esc f", I::PickerClose, "close"),
    query(&[code(KeyCode::Enter)], "Enter", I::QuerySubmit, "search (empty: no search)"),
    query(&[code(KeyCode::Esc)], "Esc", I::QueryCancel, "clear the search"),
    query(&[code(KeyCode::Backspace), ctrl('h')], "Bksp", I::QueryBackspace, "delete before the cursor"),
    query(&[code(KeyCode::Delete), ctrl('d')], "Del C-d", I::QueryDelete, "delete under the cursor"),
    query(&[ctrl('w')], "C-w", I::QueryDeleteWord, "delete the word before the cursor"),
    query(&[ctrl('u')], "C-u", I::QueryClearLine, "delete to the start of the line"),
    query(&[ctrl('k')], "C-k", I::QueryKillToEnd, "delete to the end of the line"),
    query(&[code(KeyCode::Left), ctrl('b')], "← C-b", I::QueryLeft, "cursor left"),
    query(&[code(KeyCode::Right), ctrl('f')], "→ C-f", I::QueryRight, "cursor right"),
    query(&[code(KeyCode::Home), ctrl('a')], "Home C-a", I::QueryHome, "cursor to the start"),
    query(&[code(KeyCode::End), ctrl('e')], "End C-e", I::QueryEnd, "cursor to the end"),
];

/// The inbox's layer of the dispatcher: `Some(action)` when the inbox takes the key (the picker
/// and the search line take every key; the pane its bindings, then the global ones), `None`
/// when the inbox is not what the key goes to.
pub fn action_for(state: &State, ev: &KeyEvent) -> Option<Option<Action>> {
    if state.inbox.picker.is_some() {
        return Some(super::lookup(Context::InboxPicker, ev).or_else(|| super::quit_key(ev)));
    }
    if state.inbox.query.is_some() {
        let typed = super::typed_char(ev).map(|c| Action::Inbox(I::QueryInsert(c)));
        return Some(super::lookup(Context::InboxQuery, ev).or_else(|| super::quit_key(ev)).or(typed));
    }
    if state.inbox_shown() && state.focus == Pane::Contacts {
        return Some(super::lookup(Context::Inbox, ev).or_else(|| super::lookup(Context::Global, ev)));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::Account;
    use crossterm::event::KeyModifiers;

    fn chatwoot() -> State {
        let mut account = Account::default();
        account.capabilities.conversation_views = true;
        account.capabilities.inbox_views = true;
        account.capabilities.contact_list = true;
        State::new(account, jiff::Timestamp::UNIX_EPOCH, jiff::tz::TimeZone::UTC)
    }

    #[test]
    fn the_inbox_takes_its_keys_and_the_layers_take_theirs() {
        let mut s = chatwoot();
        let key = |s: &State, c| crate::keymap::action_for(s, &KeyEvent::new(c, KeyModifiers::NONE));
        assert_eq!(key(&s, KeyCode::Char('2')), Some(Action::Inbox(I::SetView(InboxView::Unassigned))));
        assert_eq!(key(&s, KeyCode::Char('j')), Some(Action::Down));
        assert_eq!(key(&s, KeyCode::Char('i')), None, "contact details do not apply to conversations");
        assert_eq!(
            key(&s, KeyCode::Char('n')),
            Some(Action::Notify(crate::action::NotificationAction::Toggle))
        );
        s.inbox.query = Some(Default::default());
        assert_eq!(key(&s, KeyCode::Char('q')), Some(Action::Inbox(I::QueryInsert('q'))), "q is typed");
        s.inbox.query = None;
        s.inbox.picker = Some(Default::default());
        assert_eq!(key(&s, KeyCode::Char('x')), Some(Action::Inbox(I::PickerClear)));
        assert_eq!(key(&s, KeyCode::Char('q')), None, "the picker takes every key");
        s.inbox.picker = None;
        s.inbox.show_contacts = true;
        assert_eq!(key(&s, KeyCode::Char('i')), Some(Action::Details(crate::action::DetailsAction::Open)));
        assert_eq!(key(&s, KeyCode::Char('C')), Some(Action::Inbox(I::ToggleContacts)));
    }
}
