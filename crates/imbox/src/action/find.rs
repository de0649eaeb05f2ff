//! Finding text in the open thread (`/` in the thread pane), as a pager does.

/// What the find line and its keys do.
#[derive(Debug, Clone, PartialEq, Eq, strum::Display)]
#[strum(serialize_all = "snake_case")]
pub enum FindAction {
    /// Open the find line (`/`), holding the last query.
    Open,
    /// An edit of the line (typing, deleting, moving the cursor).
    #[strum(to_string = "edit.{0}")]
    Edit(super::line::LineEdit),
    /// Find the query, from the bottom of the view towards older messages (`Enter`).
    Submit,
    /// The next match towards older messages (`n`).
    Older,
    /// The next match towards newer messages (`N`).
    Newer,
    /// Close the line, or end the find and its highlights (`Esc`).
    Close,
}
