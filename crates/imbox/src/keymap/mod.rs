//! Keys to actions: tables that both the dispatcher and the help overlay read, so the help
//! always lists exactly the bindings in force. The core table is here; each feature keeps its
//! own table in a file beside this one.

/// The readline keys every one-line editor shares (docs/keybindings.md, "Typing") beyond
/// typing, `Enter`, `Esc` and `Backspace` (which each line words its own way): an array of
/// bindings of context `$ctx` whose action is `$edit(LineEdit::…)`, `$edit` a `const fn`. One
/// list for the `:` line and the thread's find line.
macro_rules! line_edits {
    ($ctx:expr, $edit:path) => {{
        use crossterm::event::KeyCode;
        use $crate::action::LineEdit as E;
        use $crate::keymap::{Binding, code, ctrl};
        const fn edit(
            keys: &'static [$crate::keymap::Key],
            label: &'static str,
            e: E,
            help: &'static str,
        ) -> Binding {
            Binding { context: $ctx, keys, label, action: $edit(e), help }
        }
        [
            edit(&[code(KeyCode::Delete), ctrl('d')], "Del C-d", E::Delete, "delete under the cursor"),
            edit(&[ctrl('w')], "C-w", E::DeleteWord, "delete the word before the cursor"),
            edit(&[ctrl('u')], "C-u", E::ClearLine, "delete to the start of the line"),
            edit(&[ctrl('k')], "C-k", E::KillToEnd, "delete to the end of the line"),
            edit(&[code(KeyCode::Left), ctrl('b')], "← C-b", E::Left, "cursor left"),
            edit(&[code(KeyCode::Right), ctrl('f')], "→ C-f", E::Right, "cursor right"),
            edit(&[code(KeyCode::Home), ctrl('a')], "Home C-a", E::Home, "cursor to the start"),
            edit(&[code(KeyCode::End), ctrl('e')], "End C-e", E::End, "cursor to the end"),
        ]
    }};
}

mod act;
mod clip;
mod compose;
mod details;
pub(crate) mod features;
mod find;
mod form;
pub mod help;
mod inbox;
mod notifications;
pub mod overrides;
mod search;

use crate::action::Action;
use crate::layout::Pane;
use crate::state::State;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use imbox_api::Capabilities;

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Everywhere (unless an overlay takes the key first).
    Global,
    /// The contacts pane is focused.
    Contacts,
    /// The conversations pane is focused.
    Conversations,
    /// The thread pane is focused.
    Thread,
    /// The search line is open and taking keys.
    Search,
    /// The notification centre is shown.
    Notifications,
    /// The contact details overlay is shown.
    Details,
    /// The edit form is shown.
    Form,
    /// The conversation inbox is shown in the left pane and focused.
    Inbox,
    /// The inbox's filter picker is shown.
    InboxPicker,
    /// The inbox's `q` search line is taking keys.
    InboxQuery,
    /// The composer is open (at the bottom of the thread).
    Composer,
    /// A menu or picker of conversation actions is shown.
    Menu,
    /// A y/n question is in the status line.
    Confirm,
    /// The `:` command line is taking keys.
    CmdLine,
    /// The thread's find line (`/` in the thread) is taking keys.
    Find,
    /// A find is on in the thread: its keys come before the thread's.
    Found,
}

/// One key: a code plus the modifiers that must be held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Required modifiers (Shift is implied by upper-case characters and ignored for them).
    pub mods: KeyModifiers,
}

pub(crate) const fn k(c: char) -> Key {
    Key { code: KeyCode::Char(c), mods: KeyModifiers::NONE }
}

pub(crate) const fn code(code: KeyCode) -> Key {
    Key { code, mods: KeyModifiers::NONE }
}

pub(crate) const fn ctrl(c: char) -> Key {
    Key { code: KeyCode::Char(c), mods: KeyModifiers::CONTROL }
}

/// A binding: keys, the action they trigger, where, and what the help says.
#[derive(Debug)]
pub struct Binding {
    /// Where it applies.
    pub context: Context,
    /// The keys (any of them).
    pub keys: &'static [Key],
    /// How the help writes the keys.
    pub label: &'static str,
    /// The action.
    pub action: Action,
    /// What it does, in the help overlay.
    pub help: &'static str,
}

const NAV_UP: &[Key] = &[k('k'), code(KeyCode::Up)];
const NAV_DOWN: &[Key] = &[k('j'), code(KeyCode::Down)];
const NAV_TOP: &[Key] = &[k('g'), code(KeyCode::Home)];
const NAV_BOTTOM: &[Key] = &[k('G'), code(KeyCode::End)];

/// The core bindings: panes and global. Pane bindings are looked up before global ones.
pub static CORE: &[Binding] = &[
    Binding {
        context: Context::Contacts,
        keys: NAV_DOWN,
        label: "j ↓",
        action: Action::Down,
        help: "next contact",
    },
    Binding {
        context: Context::Contacts,
        keys: NAV_UP,
        label: "k ↑",
        action: Action::Up,
        help: "previous contact",
    },
    Binding {
        context: Context::Contacts,
        keys: NAV_TOP,
        label: "g Home",
        action: Action::Top,
        help: "first contact",
    },
    Binding {
        context: Context::Contacts,
        keys: NAV_BOTTOM,
        label: "G End",
        action: Action::Bottom,
        help: "last contact",
    },
    Binding {
        context: Context::Contacts,
        keys: &[code(KeyCode::Enter)],
        label: "Enter",
        action: Action::Open,
        help: "open the contact's conversations",
    },
    Binding {
        context: Context::Contacts,
        keys: &[k('/')],
        label: "/",
        action: Action::Search(crate::action::SearchAction::Open),
        help: "search contacts (or edit the kept search)",
    },
    Binding {
        context: Context::Contacts,
        keys: &[k('R')],
        label: "R",
        action: Action::Refresh,
        help: "reload contacts",
    },
    Binding {
        context: Context::Contacts,
        keys: &[k('i')],
        label: "i",
        action: Action::Details(crate::action::DetailsAction::Open),
        help: "contact details",
    },
    Binding {
        context: Context::Contacts,
        keys: &[k('e')],
        label: "e",
        action: Action::Form(crate::action::FormAction::Open),
        help: "edit the contact",
    },
    Binding {
        context: Context::Conversations,
        keys: &[k('i')],
        label: "i",
        action: Action::Details(crate::action::DetailsAction::Open),
        help: "the open contact's details",
    },
    Binding {
        context: Context::Conversations,
        keys: NAV_DOWN,
        label: "j ↓",
        action: Action::Down,
        help: "next conversation",
    },
    Binding {
        context: Context::Conversations,
        keys: NAV_UP,
        label: "k ↑",
        action: Action::Up,
        help: "previous conversation",
    },
    Binding {
        context: Context::Conversations,
        keys: NAV_TOP,
        label: "g Home",
        action: Action::Top,
        help: "first conversation",
    },
    Binding {
        context: Context::Conversations,
        keys: NAV_BOTTOM,
        label: "G End",
        action: Action::Bottom,
        help: "last conversation",
    },
    Binding {
        context: Context::Conversations,
        keys: &[code(KeyCode::Enter)],
        label: "Enter",
        action: Action::Open,
        help: "open the thread",
    },
    Binding {
        context: Context::Conversations,
        keys: &[k('c')],
        label: "c",
        action: Action::CycleChannelFilter,
        help: "cycle channel filter",
    },
    Binding {
        context: Context::Conversations,
        keys: &[k('R')],
        label: "R",
        action: Action::Refresh,
        help: "reload conversations",
    },
    Binding {
        context: Context::Thread,
        keys: NAV_UP,
        label: "k ↑",
        action: Action::Up,
        help: "scroll to older",
    },
    Binding {
        context: Context::Thread,
        keys: NAV_DOWN,
        label: "j ↓",
        action: Action::Down,
        help: "scroll to newer",
    },
    Binding {
        context: Context::Thread,
        keys: NAV_TOP,
        label: "g Home",
        action: Action::Top,
        help: "oldest loaded message",
    },
    Binding {
        context: Context::Thread,
        keys: NAV_BOTTOM,
        label: "G End",
        action: Action::Bottom,
        help: "newest message",
    },
    Binding {
        context: Context::Thread,
        keys: &[k('R')],
        label: "R",
        action: Action::Refresh,
        help: "reload the thread",
    },
    Binding {
        context: Context::Global,
        keys: &[code(KeyCode::PageUp), ctrl('b')],
        label: "PgUp C-b",
        action: Action::PageUp,
        help: "up one screen",
    },
    Binding {
        context: Context::Global,
        keys: &[code(KeyCode::PageDown), ctrl('f')],
        label: "PgDn C-f",
        action: Action::PageDown,
        help: "down one screen",
    },
    Binding {
        context: Context::Global,
        keys: &[code(KeyCode::Tab)],
        label: "Tab",
        action: Action::FocusNext,
        help: "next pane",
    },
    Binding {
        context: Context::Global,
        keys: &[code(KeyCode::BackTab)],
        label: "S-Tab",
        action: Action::FocusPrev,
        help: "previous pane",
    },
    Binding {
        context: Context::Global,
        keys: &[k('h'), code(KeyCode::Left)],
        label: "h ←",
        action: Action::FocusLeft,
        help: "pane to the left",
    },
    Binding {
        context: Context::Global,
        keys: &[k('l'), code(KeyCode::Right)],
        label: "l →",
        action: Action::FocusRight,
        help: "pane to the right",
    },
    Binding {
        context: Context::Global,
        keys: &[code(KeyCode::Esc)],
        label: "Esc",
        action: Action::Back,
        help: "close overlay / back (narrow)",
    },
    Binding {
        context: Context::Global,
        keys: &[k('n')],
        label: "n",
        action: Action::Notify(crate::action::NotificationAction::Toggle),
        help: "notification centre",
    },
    Binding {
        context: Context::Global,
        keys: &[k('u')],
        label: "u",
        action: Action::Unread(crate::action::UnreadAction::Next),
        help: "next conversation with something unread",
    },
    Binding {
        context: Context::Global,
        keys: &[k('L')],
        label: "L",
        action: Action::Relogin(crate::action::ReloginAction::Open),
        help: "log in again (when the token was rejected)",
    },
    Binding {
        context: Context::Global,
        keys: &[k('P')],
        label: "P",
        action: Action::NextAccount,
        help: "switch to the next account",
    },
    Binding {
        context: Context::Global,
        keys: &[k('?')],
        label: "?",
        action: Action::ToggleHelp,
        help: "this help",
    },
    Binding {
        context: Context::Global,
        keys: &[k('q'), ctrl('c')],
        label: "q C-c",
        action: Action::Quit,
        help: "quit",
    },
    Binding {
        context: Context::Global,
        keys: &[ctrl('z')],
        label: "C-z",
        action: Action::Suspend,
        help: "suspend to the shell (fg resumes)",
    },
];

/// Every table, core first.
pub static TABLES: [&[Binding]; 13] = [
    CORE,
    search::BINDINGS,
    notifications::BINDINGS,
    details::BINDINGS,
    form::BINDINGS,
    inbox::BINDINGS,
    compose::BINDINGS,
    act::ACTIONS,
    act::OTHERS,
    act::LINE_EDITS,
    clip::BINDINGS,
    find::BINDINGS,
    find::LINE_EDITS,
];

/// Every binding of every table.
pub fn all() -> impl Iterator<Item = &'static Binding> {
    TABLES.iter().flat_map(|t| t.iter())
}

fn context_of(pane: Pane) -> Context {
    match pane {
        Pane::Contacts => Context::Contacts,
        Pane::Conversations => Context::Conversations,
        Pane::Thread => Context::Thread,
    }
}

/// The binding for `ev` in `ctx`, if any.
pub fn lookup(ctx: Context, ev: &KeyEvent) -> Option<Action> {
    let overrides = overrides::active();
    all()
        .filter(|b| b.context == ctx)
        .find(|b| overrides.keys_of(b).iter().any(|k| matches(k, ev)))
        .map(|b| b.action.clone())
}

fn matches(key: &Key, ev: &KeyEvent) -> bool {
    if key.code != ev.code {
        return false;
    }
    // Shift is part of upper-case characters and Shift-Tab; compare the other modifiers only.
    let relevant = KeyModifiers::CONTROL | KeyModifiers::ALT;
    (ev.modifiers & relevant) == (key.mods & relevant)
}

/// The action for a key press in the current state, if any.
pub fn action_for(state: &State, ev: &KeyEvent) -> Option<Action> {
    if ev.kind == KeyEventKind::Release {
        return None;
    }
    // Modal layers first, topmost wins: re-login, form, details, help, search line, centre.
    if state.relogin.is_some() {
        return relogin_action(ev);
    }
    if state.form.is_some() {
        return form::action_for(state, ev).map(|a| features::gate(a, &state.account.capabilities));
    }
    if state.details.is_some() {
        return lookup(Context::Details, ev).or_else(|| quit_key(ev));
    }
    if state.compose.composer.is_some() && state.focus == Pane::Thread && !state.help {
        return compose::action_for(state, ev).map(|a| features::gate(a, &state.account.capabilities));
    }
    if state.help {
        // The help overlay takes every key: these scroll or close it, the rest do nothing.
        return help::action_for(state, ev);
    }
    let caps = &state.account.capabilities;
    if let Some(action) = act::action_for(state, ev) {
        return action.map(|a| features::gate(a, caps));
    }
    if let Some(action) = find::action_for(state, ev) {
        return action;
    }
    if state.search.editing {
        return search::action_for(state, ev);
    }
    if state.notifications.open {
        return notifications::action_for(state, ev).map(|a| features::gate(a, caps));
    }
    if let Some(action) = inbox::action_for(state, ev) {
        return action.map(|a| features::gate(a, caps));
    }
    lookup(context_of(state.focus), ev)
        .or_else(|| lookup(Context::Global, ev))
        .map(|a| features::gate(a, caps))
}

/// How the status bar writes the key for `action` in `ctx` (or globally): the first key bound to
/// it, after config overrides, so the hints never advertise a key that does something else.
pub fn hint_key(ctx: Context, action: &Action) -> Option<String> {
    let overrides = overrides::active();
    [ctx, Context::Global].into_iter().find_map(|c| {
        all()
            .filter(|b| b.context == c && &b.action == action)
            .find_map(|b| overrides.keys_of(b).first().map(overrides::key_label))
    })
}

/// The re-login prompt takes every key: Enter checks, Esc cancels, the rest is typed (hidden).
fn relogin_action(ev: &KeyEvent) -> Option<Action> {
    use crate::action::relogin::{HiddenChar, ReloginAction as R};
    if let Some(quit) = quit_key(ev) {
        return Some(quit);
    }
    let ctrl_or_alt = ev.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    Some(Action::Relogin(match ev.code {
        KeyCode::Enter => R::Submit,
        KeyCode::Esc => R::Cancel,
        KeyCode::Backspace => R::Backspace,
        KeyCode::Char('u') if ev.modifiers.contains(KeyModifiers::CONTROL) => R::ClearLine,
        KeyCode::Char(c) if !ctrl_or_alt => R::Type(HiddenChar(c)),
        _ => return None,
    }))
}

/// The character a key types into a line: a printable character without Ctrl or Alt.
pub(crate) fn typed_char(ev: &KeyEvent) -> Option<char> {
    match ev.code {
        KeyCode::Char(c)
            if !ev.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) && !c.is_control() =>
        {
            Some(c)
        }
        _ => None,
    }
}

/// Ctrl-C quits from every layer.
pub fn quit_key(ev: &KeyEvent) -> Option<Action> {
    (ev.code == KeyCode::Char('c') && ev.modifiers.contains(KeyModifiers::CONTROL)).then_some(Action::Quit)
}

/// The context whose bindings the help overlay lists first, for the current state.
pub fn help_context(state: &State) -> Context {
    if state.acts.cmdline.is_some() {
        Context::CmdLine
    } else if state.acts.confirm.is_some() {
        Context::Confirm
    } else if state.acts.menu.is_some() {
        Context::Menu
    } else if state.notifications.open {
        Context::Notifications
    } else if state.compose.composer.is_some() && state.focus == Pane::Thread {
        Context::Composer
    } else if state.focus == Pane::Thread && state.thread.find.as_ref().is_some_and(|f| f.editing) {
        Context::Find
    } else if state.inbox.picker.is_some() {
        Context::InboxPicker
    } else if state.inbox.query.is_some() {
        Context::InboxQuery
    } else if state.inbox_shown() && state.focus == Pane::Contacts {
        Context::Inbox
    } else {
        context_of(state.focus)
    }
}

/// The bindings the help overlay lists for `ctx` on a backend with `caps`: its own, then the
/// global ones, leaving out those whose feature the backend lacks.
pub fn bindings_for(ctx: Context, caps: Capabilities) -> impl Iterator<Item = &'static Binding> {
    all()
        .filter(move |b| b.context == ctx)
        .chain(all().filter(|b| b.context == Context::Global))
        .filter(move |b| features::allowed(&b.action, &caps))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::Account;

    fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn pane_bindings_win_and_modifiers_matter() {
        let account = Account { capabilities: imbox_api::imbrace::CAPABILITIES, ..Account::default() };
        let mut s = State::new(account, jiff::Timestamp::UNIX_EPOCH, jiff::tz::TimeZone::UTC);
        assert_eq!(action_for(&s, &press(KeyCode::Char('j'), KeyModifiers::NONE)), Some(Action::Down));
        assert_eq!(action_for(&s, &press(KeyCode::Char('G'), KeyModifiers::SHIFT)), Some(Action::Bottom));
        assert_eq!(action_for(&s, &press(KeyCode::Char('c'), KeyModifiers::CONTROL)), Some(Action::Quit));
        assert_eq!(
            action_for(&s, &press(KeyCode::Char('c'), KeyModifiers::NONE)),
            None,
            "c filters only in conversations"
        );
        s.focus = Pane::Conversations;
        assert_eq!(
            action_for(&s, &press(KeyCode::Char('c'), KeyModifiers::NONE)),
            Some(Action::CycleChannelFilter)
        );
        s.help = true;
        assert_eq!(
            action_for(&s, &press(KeyCode::Char('c'), KeyModifiers::NONE)),
            None,
            "help swallows keys"
        );
        assert_eq!(
            action_for(&s, &press(KeyCode::Char('j'), KeyModifiers::NONE)),
            Some(Action::HelpScroll(1)),
            "j scrolls the help"
        );
        assert_eq!(action_for(&s, &press(KeyCode::Esc, KeyModifiers::NONE)), Some(Action::ToggleHelp));
        s.help = false;
        s.account.capabilities.channel_filter = false;
        assert_eq!(
            action_for(&s, &press(KeyCode::Char('c'), KeyModifiers::NONE)),
            Some(Action::Unavailable("the channel filter")),
            "a key whose feature the backend lacks says so"
        );
    }
}
