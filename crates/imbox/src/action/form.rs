//! What the contact edit form can be told, the results it waits for, and the form's values as
//! typed and as kept in a draft on disk.

use super::RequestId;
use crossterm::event::KeyEvent;
use imbox_api::ApiError;
use imbox_model::Contact;

/// What the edit form can be told.
#[derive(Debug, Clone, PartialEq, strum::Display)]
#[strum(serialize_all = "snake_case")]
pub enum FormAction {
    /// Open the form for the selected contact (`e`).
    Open,
    /// A key typed into the focused field (or the prompt's text line).
    Key(KeyEvent),
    /// Next field (Tab).
    NextField,
    /// Previous field (Shift-Tab).
    PrevField,
    /// Save: show the changes and ask to confirm (Ctrl-S).
    Save,
    /// Close the form, asking first when something changed (Esc).
    Cancel,
    /// Ask for a local file to upload as the avatar (Ctrl-U).
    Upload,
    /// The answer to the open prompt: yes (Enter, y) or no (n, Esc).
    Answer(bool),
    /// The debounce of the draft write with this sequence number ran out.
    DraftDue(u64),
    /// The draft for a contact was looked for on disk.
    DraftLoaded {
        /// The contact.
        contact_id: String,
        /// The draft, none, or why it could not be read.
        result: Result<Option<Box<Draft>>, String>,
    },
    /// Writing or deleting a draft failed.
    DraftFailed(String),
    /// The server answered a save.
    Saved {
        /// The request this answers.
        req: RequestId,
        /// The contact as the server has it now (None: accepted without a body), or the error.
        result: Result<Option<Box<Contact>>, ApiError>,
    },
    /// An upload finished.
    Uploaded {
        /// The request this answers.
        req: RequestId,
        /// The file's URL, or why the upload failed.
        result: Result<String, String>,
    },
    /// Remove the status-line notice if it still says this.
    ClearNotice(String),
}

/// Every value of the form, as plain strings (gender as its wire letter). Also the body of a
/// draft file.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct FormValues {
    /// Given name.
    pub first_name: String,
    /// Family name.
    pub last_name: String,
    /// E-mail address.
    pub email: String,
    /// Area code.
    pub area_code: String,
    /// Phone number.
    pub phone_number: String,
    /// Gender: "", "m", "f" or "o".
    pub gender: String,
    /// Language code.
    pub language: String,
    /// Avatar URL.
    pub avatar_url: String,
    /// Remark, lines joined with `\n`.
    pub remark: String,
}

/// A draft as kept on disk (`data_dir/drafts/<contact-id>.json`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Draft {
    /// The contact the draft belongs to (checked on load: file names are sanitized).
    pub contact_id: String,
    /// When it was written (RFC 3339), stamped by the job that writes it.
    #[serde(default)]
    pub saved_at: String,
    /// Every value of the form.
    pub values: FormValues,
}
