//! Key bindings of the contact details overlay.

use super::{Binding, Context, code, k};
use crate::action::Action;
use crate::action::DetailsAction as D;
use crate::action::FormAction;
use crossterm::event::KeyCode;

const fn b(keys: &'static [super::Key], label: &'static str, action: Action, help: &'static str) -> Binding {
    Binding { context: Context::Details, keys, label, action, help }
}

/// The bindings of the contact details overlay.
pub static BINDINGS: &[Binding] = &[
    b(&[k('j'), code(KeyCode::Down)], "j ↓", Action::Details(D::Scroll(1)), "scroll down"),
    b(&[k('k'), code(KeyCode::Up)], "k ↑", Action::Details(D::Scroll(-1)), "scroll up"),
    b(&[code(KeyCode::PageDown), super::ctrl('f')], "PgDn", Action::Details(D::Page(1)), "down one screen"),
    b(&[code(KeyCode::PageUp), super::ctrl('b')], "PgUp", Action::Details(D::Page(-1)), "up one screen"),
    b(&[k('g'), code(KeyCode::Home)], "g Home", Action::Details(D::Top), "top"),
    b(&[k('G'), code(KeyCode::End)], "G End", Action::Details(D::Bottom), "bottom"),
    b(&[code(KeyCode::Tab)], "Tab", Action::Details(D::NextUrl), "select the next URL"),
    b(&[code(KeyCode::BackTab)], "S-Tab", Action::Details(D::PrevUrl), "select the previous URL"),
    b(&[k('o'), code(KeyCode::Enter)], "o Enter", Action::Details(D::OpenUrl), "open the selected URL"),
    b(&[k('e')], "e", Action::Form(FormAction::Open), "edit the contact"),
    b(&[code(KeyCode::Esc), k('i'), k('q')], "Esc i q", Action::Details(D::Close), "close"),
];
