//! Copying to the clipboard (`y`, OSC 52) and opening links of the thread (`o`).

/// What copying and opening can be told.
#[derive(Debug, Clone, PartialEq, strum::Display)]
#[strum(serialize_all = "snake_case")]
pub enum ClipAction {
    /// Copy what is selected (`y`): in the thread the message at the bottom of the view, in the
    /// contact details the selected URL (or the contact's name, phone and e-mail), in the link
    /// picker the link under the cursor.
    Copy,
    /// Open a link or attachment of the thread (`o`): one is opened at once, several are
    /// offered in a numbered picker.
    OpenLink,
    /// Open this link of the thread (chosen in the picker).
    #[strum(to_string = "open_url")]
    OpenUrl(String),
}
