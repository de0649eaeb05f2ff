//! The readline keys of every multi-line text field (the edit form's fields, its upload path,
//! the composer and its attach line), so a key means the same in each of them and on the
//! one-line editors (`search::LineEditor`: the search lines and the `:` line).
//!
//! The text area's own bindings already give C-w, C-k, C-a, C-e, C-b, C-f, C-d and C-h their
//! readline meaning; C-u is its undo, which would make C-u clear a line in one field and undo in
//! the next. So C-u deletes to the start of the line here, and undo moves to M-u.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;

/// Feeds `ev` to `ta` with the readline meaning of the shared keys; returns whether the text
/// changed. Characters the sanitizer would change are the caller's to refuse.
pub(crate) fn textarea_key(ta: &mut TextArea<'static>, ev: KeyEvent) -> bool {
    let before = ta.lines().to_vec();
    let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
    let alt = ev.modifiers.contains(KeyModifiers::ALT);
    match ev.code {
        KeyCode::Char('u') if ctrl => {
            ta.delete_line_by_head();
        }
        KeyCode::Char('u') if alt => {
            ta.undo();
        }
        _ => {
            ta.input(ev);
        }
    }
    ta.lines() != before.as_slice()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(text: &str) -> TextArea<'static> {
        let mut ta = TextArea::default();
        ta.insert_str(text);
        ta
    }

    fn ctrl(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    #[test]
    fn the_shared_keys_have_their_readline_meaning() {
        let mut ta = typed("hello big world");
        assert!(textarea_key(&mut ta, ctrl('w')));
        assert_eq!(ta.lines(), ["hello big "]);
        textarea_key(&mut ta, ctrl('a'));
        textarea_key(&mut ta, KeyEvent::new(KeyCode::Right, KeyModifiers::NONE));
        assert!(textarea_key(&mut ta, ctrl('k')));
        assert_eq!(ta.lines(), ["h"]);
        textarea_key(&mut ta, ctrl('e'));
        assert!(textarea_key(&mut ta, ctrl('u')), "C-u deletes to the start of the line");
        assert_eq!(ta.lines(), [""]);
        assert!(textarea_key(&mut ta, KeyEvent::new(KeyCode::Char('u'), KeyModifiers::ALT)));
        assert_eq!(ta.lines(), ["h"], "M-u undoes");
    }
}
