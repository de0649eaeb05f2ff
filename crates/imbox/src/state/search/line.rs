//! A one-line text editor for the search line: insert, delete, move, word and line kills.
//!
//! Hand-written rather than a `ratatui-textarea` because the search line needs only these few
//! keys, and a plain `String` + cursor keeps `SearchState` `Clone`/`Debug`/cheap to compare.

/// The query text and a cursor position counted in chars.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineEditor {
    text: String,
    cursor: usize,
}

impl LineEditor {
    /// Applies one edit; whether the text changed.
    pub fn apply(&mut self, edit: crate::action::LineEdit) -> bool {
        use crate::action::LineEdit as E;
        match edit {
            E::Insert(c) => self.insert(c),
            E::Backspace => self.backspace(),
            E::Delete => self.delete(),
            E::DeleteWord => self.delete_word(),
            E::ClearLine => self.clear_before(),
            E::KillToEnd => self.kill_to_end(),
            E::Left => {
                self.left();
                false
            }
            E::Right => {
                self.right();
                false
            }
            E::Home => {
                self.home();
                false
            }
            E::End => {
                self.end();
                false
            }
        }
    }

    /// The text typed so far.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The cursor position, in chars from the start.
    #[cfg(test)]
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Text before the cursor (for placing the terminal cursor by display width).
    pub fn before_cursor(&self) -> &str {
        &self.text[..self.byte_at(self.cursor)]
    }

    fn len(&self) -> usize {
        self.text.chars().count()
    }

    fn byte_at(&self, chars: usize) -> usize {
        self.text.char_indices().nth(chars).map(|(b, _)| b).unwrap_or(self.text.len())
    }

    /// Inserts a printable character at the cursor; control characters are refused so typed
    /// text can never put an escape sequence on screen. Returns whether the text changed.
    pub fn insert(&mut self, c: char) -> bool {
        if c.is_control() {
            return false;
        }
        let at = self.byte_at(self.cursor);
        self.text.insert(at, c);
        self.cursor += 1;
        true
    }

    /// Deletes the character before the cursor.
    pub fn backspace(&mut self) -> bool {
        if self.cursor == 0 {
            return false;
        }
        let (from, to) = (self.byte_at(self.cursor - 1), self.byte_at(self.cursor));
        self.text.replace_range(from..to, "");
        self.cursor -= 1;
        true
    }

    /// Deletes the character under the cursor.
    pub fn delete(&mut self) -> bool {
        if self.cursor >= self.len() {
            return false;
        }
        let (from, to) = (self.byte_at(self.cursor), self.byte_at(self.cursor + 1));
        self.text.replace_range(from..to, "");
        true
    }

    /// Deletes the word before the cursor (and the spaces after it), like Ctrl-W in a shell.
    pub fn delete_word(&mut self) -> bool {
        let chars: Vec<char> = self.text.chars().collect();
        let mut start = self.cursor;
        while start > 0 && chars[start - 1].is_whitespace() {
            start -= 1;
        }
        while start > 0 && !chars[start - 1].is_whitespace() {
            start -= 1;
        }
        if start == self.cursor {
            return false;
        }
        let (from, to) = (self.byte_at(start), self.byte_at(self.cursor));
        self.text.replace_range(from..to, "");
        self.cursor = start;
        true
    }

    /// Deletes everything before the cursor, like Ctrl-U in a shell.
    pub fn clear_before(&mut self) -> bool {
        if self.cursor == 0 {
            return false;
        }
        let to = self.byte_at(self.cursor);
        self.text.replace_range(..to, "");
        self.cursor = 0;
        true
    }

    /// Deletes everything from the cursor to the end, like Ctrl-K in a shell.
    pub fn kill_to_end(&mut self) -> bool {
        let from = self.byte_at(self.cursor);
        if from == self.text.len() {
            return false;
        }
        self.text.truncate(from);
        true
    }

    /// Moves the cursor one character left.
    pub fn left(&mut self) {
        self.cursor = self.cursor.saturating_sub(1);
    }

    /// Moves the cursor one character right.
    pub fn right(&mut self) {
        self.cursor = (self.cursor + 1).min(self.len());
    }

    /// Moves the cursor to the start.
    pub fn home(&mut self) {
        self.cursor = 0;
    }

    /// Moves the cursor to the end.
    pub fn end(&mut self) {
        self.cursor = self.len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(s: &str) -> LineEditor {
        let mut l = LineEditor::default();
        s.chars().for_each(|c| {
            l.insert(c);
        });
        l
    }

    #[test]
    fn edits_at_the_cursor_with_multibyte_text() {
        let mut l = typed("陳 大文");
        l.left();
        l.left();
        assert!(l.insert('x'));
        assert_eq!(l.text(), "陳 x大文");
        assert_eq!(l.before_cursor(), "陳 x");
        assert!(l.backspace());
        assert!(l.delete());
        assert_eq!(l.text(), "陳 文");
        l.end();
        assert!(!l.delete());
        assert!(!l.insert('\u{1b}'), "control characters are refused");
        assert_eq!(l.text(), "陳 文");
    }

    #[test]
    fn ctrl_w_and_ctrl_u_kill_backwards() {
        let mut l = typed("alpha beta  ");
        assert!(l.delete_word());
        assert_eq!(l.text(), "alpha ");
        let mut l = typed("alpha beta");
        l.left();
        assert!(l.clear_before());
        assert_eq!((l.text(), l.cursor()), ("a", 0));
        assert!(!l.delete_word());
    }
}
