//! Key bindings of the composer, and the reply keys of the panes that open it. While the
//! composer is open it takes every key: a binding, an answer to its question, or the key typed
//! into the text (or into its picker or path line).

use super::{Binding, Context, Key, code, ctrl, k};
use crate::action::Action;
use crate::action::ComposeAction as C;
use crate::state::State;
use crate::state::compose::Prompt;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const fn alt(c: char) -> Key {
    Key { code: KeyCode::Char(c), mods: KeyModifiers::ALT }
}

const fn b(keys: &'static [Key], label: &'static str, action: Action, help: &'static str) -> Binding {
    Binding { context: Context::Composer, keys, label, action, help }
}

const fn pane(
    context: Context,
    keys: &'static [Key],
    label: &'static str,
    action: Action,
    help: &'static str,
) -> Binding {
    Binding { context, keys, label, action, help }
}

/// The bindings of the composer, and its keys in the panes.
pub static BINDINGS: &[Binding] = &[
    b(&[code(KeyCode::Enter)], "Enter", Action::Compose(C::Send), "send"),
    b(
        &[
            Key { code: KeyCode::Enter, mods: KeyModifiers::ALT },
            Key { code: KeyCode::Enter, mods: KeyModifiers::SHIFT },
            ctrl('j'),
        ],
        "M-Enter C-j",
        Action::Compose(C::Newline),
        "new line (also Shift-Enter where the terminal reports it)",
    ),
    b(&[code(KeyCode::Esc)], "Esc", Action::Compose(C::Close), "close; the draft is kept"),
    b(&[ctrl('g')], "C-g", Action::Compose(C::Editor), "edit in $VISUAL / $EDITOR"),
    b(&[ctrl('t')], "C-t /", Action::Compose(C::Canned), "canned responses (/ in an empty composer)"),
    b(&[ctrl('o')], "C-o", Action::Compose(C::Attach), "attach a file (Tab completes)"),
    b(&[alt('d')], "M-d", Action::Compose(C::DropAttachment), "remove the last attachment"),
    b(&[alt('n')], "M-n", Action::Compose(C::ToggleNote), "switch reply / private note"),
    b(&[alt('q')], "M-q", Action::Compose(C::DropQuote), "stop quoting the message"),
    b(
        &[Key { code: KeyCode::Up, mods: KeyModifiers::ALT }],
        "M-↑",
        Action::Compose(C::QuoteOlder),
        "quote an older message (the newest first)",
    ),
    b(
        &[Key { code: KeyCode::Down, mods: KeyModifiers::ALT }],
        "M-↓",
        Action::Compose(C::QuoteNewer),
        "quote a newer message (past the newest: none)",
    ),
    b(&[code(KeyCode::F(1))], "F1", Action::ToggleHelp, "help (? types a question mark here)"),
    pane(Context::Thread, &[k('r')], "r", Action::Compose(C::Reply), "reply"),
    pane(Context::Thread, &[k('N')], "N", Action::Compose(C::Note), "private note"),
    pane(
        Context::Thread,
        &[k('Q')],
        "Q",
        Action::Compose(C::ReplyToMessage),
        "reply quoting the message at the bottom of the view",
    ),
    pane(Context::Thread, &[ctrl('r')], "C-r", Action::Compose(C::Retry), "send a failed message again"),
    pane(Context::Inbox, &[k('r')], "r", Action::Compose(C::Reply), "reply to the selected conversation"),
    pane(
        Context::Inbox,
        &[k('N')],
        "N",
        Action::Compose(C::Note),
        "private note on the selected conversation",
    ),
    pane(
        Context::Conversations,
        &[k('r')],
        "r",
        Action::Compose(C::Reply),
        "reply to the selected conversation",
    ),
    pane(
        Context::Conversations,
        &[k('N')],
        "N",
        Action::Compose(C::Note),
        "private note on the selected one",
    ),
];

/// The action for a key while the composer is open.
pub fn action_for(state: &State, ev: &KeyEvent) -> Option<Action> {
    if let Some(quit) = super::quit_key(ev) {
        return Some(quit);
    }
    let prompt = state.compose.composer.as_ref().and_then(|c| c.prompt.as_ref());
    match prompt {
        Some(Prompt::Unfilled(_) | Prompt::Segments(_)) => match ev.code {
            KeyCode::Enter | KeyCode::Char('y' | 'Y') => Some(Action::Compose(C::Answer(true))),
            KeyCode::Esc | KeyCode::Char('n' | 'N') => Some(Action::Compose(C::Answer(false))),
            _ => None,
        },
        // The picker and the path line take every key themselves.
        Some(Prompt::Canned(_) | Prompt::Attach { .. }) => Some(Action::Compose(C::Key(*ev))),
        // Shift is ignored when bindings are matched (it is part of upper-case letters), so
        // Shift-Enter is told from Enter here.
        None if ev.code == KeyCode::Enter
            && ev.modifiers.intersects(KeyModifiers::SHIFT | KeyModifiers::ALT) =>
        {
            Some(Action::Compose(C::Newline))
        }
        None => super::lookup(Context::Composer, ev).or(Some(Action::Compose(C::Key(*ev)))),
    }
}
