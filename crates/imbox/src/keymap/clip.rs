//! Keys for copying (`y`, OSC 52) and opening the thread's links (`o`).

use super::{Binding, Context, Key, k};
use crate::action::{Action, ClipAction as C};

const fn b(
    context: Context,
    keys: &'static [Key],
    label: &'static str,
    action: C,
    help: &'static str,
) -> Binding {
    Binding { context, keys, label, action: Action::Clip(action), help }
}

/// The copy and open bindings.
pub static BINDINGS: &[Binding] = &[
    b(Context::Thread, &[k('y')], "y", C::Copy, "copy the message at the bottom of the view"),
    b(Context::Thread, &[k('o')], "o", C::OpenLink, "open a link or attachment of the thread"),
    b(Context::Details, &[k('y')], "y", C::Copy, "copy the selected URL (none: name, phone, e-mail)"),
    b(Context::Menu, &[k('y')], "y", C::Copy, "links: copy the link under the cursor"),
];
