//! Jobs of the contact details and edit form: files, comments, update, upload, drafts.

pub mod drafts;

use super::JobContext;
use crate::action::{Action, RequestId};
use crate::api::Backend;
use crate::model::ContactUpdate;
use crate::state::details::DetailsAction;
use crate::state::form::FormAction;
use crate::state::form::fields::Draft;
use std::path::{Path, PathBuf};

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

/// Runs one contact command.
pub async fn execute(ctx: &JobContext, cmd: ContactCommand) -> Option<Action> {
    let client = &ctx.client();
    match cmd {
        ContactCommand::LoadFiles { req, contact_id } => {
            let result = client.contact_files(&contact_id).await;
            Some(Action::Details(DetailsAction::FilesLoaded { req, result }))
        }
        ContactCommand::LoadComments { req, contact_id, comment_id } => {
            let result = client.contact_comments(&contact_id, &comment_id).await;
            Some(Action::Details(DetailsAction::CommentsLoaded { req, result }))
        }
        ContactCommand::CheckOpener { url } => {
            let found = opener_on_path();
            Some(Action::Details(DetailsAction::OpenerChecked { url, found }))
        }
        ContactCommand::Update { req, contact_id, update } => {
            let result = client.update_contact(&contact_id, &update).await.map(|c| c.map(Box::new));
            Some(Action::Form(FormAction::Saved { req, result }))
        }
        ContactCommand::Upload { req, path } => {
            let result = upload(ctx, &path).await;
            Some(Action::Form(FormAction::Uploaded { req, result }))
        }
        ContactCommand::LoadDraft { contact_id } => {
            let result = match &ctx.data_dir {
                Some(dir) => drafts::load(dir, &contact_id).map(|d| d.map(Box::new)),
                None => Ok(None),
            };
            Some(Action::Form(FormAction::DraftLoaded { contact_id, result }))
        }
        ContactCommand::SaveDraft { seq, draft } => {
            let dir = ctx.data_dir.as_ref()?;
            drafts::save(dir, seq, *draft).err().map(|e| Action::Form(FormAction::DraftFailed(e)))
        }
        ContactCommand::DeleteDraft { seq, contact_id } => {
            let dir = ctx.data_dir.as_ref()?;
            drafts::delete(dir, seq, &contact_id).err().map(|e| Action::Form(FormAction::DraftFailed(e)))
        }
    }
}

/// The system opener's name on this platform.
pub fn opener_name() -> &'static str {
    if cfg!(target_os = "macos") { "open" } else { "xdg-open" }
}

/// Whether the system opener is an executable file in a `PATH` directory.
fn opener_on_path() -> bool {
    let name = opener_name();
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|d| is_executable(&d.join(name))))
}

fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// Expands a leading `~/` to the home directory.
fn expand(path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(path),
    }
}

/// Longest file accepted for upload (the avatar is an image; this keeps memory bounded).
const UPLOAD_MAX_BYTES: u64 = 20 * 1024 * 1024;

async fn upload(ctx: &JobContext, typed: &str) -> Result<String, String> {
    let path = expand(typed);
    let meta = tokio::fs::metadata(&path).await.map_err(|e| format!("{typed}: {e}"))?;
    if !meta.is_file() {
        return Err(format!("{typed}: not a file"));
    }
    if meta.len() > UPLOAD_MAX_BYTES {
        return Err(format!("{typed}: larger than {} MB", UPLOAD_MAX_BYTES / 1024 / 1024));
    }
    let bytes = tokio::fs::read(&path).await.map_err(|e| format!("{typed}: {e}"))?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "upload".into());
    let mime = mime_guess::from_path(&path).first_or_octet_stream();
    ctx.client().upload_contact_file(&name, bytes, mime.essence_str()).await.map_err(|e| e.to_string())
}
