//! Editing a line of text: the keys every typed line shares (the `:` command line; the search
//! lines have their own older variants). Every text field gives these keys the readline meaning
//! (docs/keybindings.md, "Typing"): C-u deletes to the start of the line, C-k to its end, C-w the
//! word before the cursor, C-a / C-e go to the start / end.

/// One edit of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::Display)]
#[strum(serialize_all = "snake_case")]
pub enum LineEdit {
    /// A character typed.
    Insert(char),
    /// Delete before the cursor.
    Backspace,
    /// Delete under the cursor.
    Delete,
    /// Delete the word before the cursor.
    DeleteWord,
    /// Delete everything before the cursor.
    ClearLine,
    /// Delete everything from the cursor to the end.
    KillToEnd,
    /// Cursor left.
    Left,
    /// Cursor right.
    Right,
    /// Cursor to the start.
    Home,
    /// Cursor to the end.
    End,
}
