//! Requests of the contact details overlay and the edit form: files, comments, the opener
//! check, update, upload and the draft on disk.

use crate::action::RequestId;
use crate::action::form::Draft;
use imbox_model::ContactUpdate;

/// Requests of the details overlay and the edit form.
#[derive(Debug, Clone, PartialEq)]
pub enum ContactCommand {
    /// Fetch a contact's files.
    LoadFiles {
        /// Tag for the result.
        req: RequestId,
        /// The contact.
        contact_id: String,
    },
    /// Fetch a contact's comments.
    LoadComments {
        /// Tag for the result.
        req: RequestId,
        /// The contact.
        contact_id: String,
        /// The comment id the endpoint wants (the contact id stands in: see docs).
        comment_id: String,
    },
    /// Look for a system opener on `PATH`; report whether `url` can be opened.
    CheckOpener {
        /// The URL to open.
        url: String,
    },
    /// Change a contact (PUT).
    Update {
        /// Tag for the result.
        req: RequestId,
        /// The contact.
        contact_id: String,
        /// The changed fields.
        update: Box<ContactUpdate>,
        /// Words a contact search finds this contact by (its name, e-mail and phone before and
        /// after the edit): the read-back after a save whose answer was lost uses them.
        lookup: Vec<String>,
    },
    /// Read a local file and upload it.
    Upload {
        /// Tag for the result.
        req: RequestId,
        /// The file's path as typed (`~/` is the home directory).
        path: String,
    },
    /// Look for a contact's draft.
    LoadDraft {
        /// The contact.
        contact_id: String,
    },
    /// Write a draft (skipped if a later draft command for the contact already ran).
    SaveDraft {
        /// Order of draft commands: an older one never overwrites a newer one.
        seq: u64,
        /// The draft (its `saved_at` is stamped here).
        draft: Box<Draft>,
    },
    /// Delete a contact's draft (skipped if a later draft command already ran).
    DeleteDraft {
        /// Order of draft commands.
        seq: u64,
        /// The contact.
        contact_id: String,
    },
}
