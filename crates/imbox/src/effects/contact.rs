//! Jobs of the contact details and edit form: files, comments, update, upload, drafts.

use super::drafts;

use super::JobContext;
use crate::action::{Action, DetailsAction, FormAction};
use crate::command::ContactCommand;
use imbox_api::Backend;
use std::path::PathBuf;

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
            let found = super::opener::on_path();
            Some(Action::Details(DetailsAction::OpenerChecked { url, found }))
        }
        ContactCommand::Update { req, contact_id, update, lookup } => {
            let result = super::readback::save(client, &contact_id, &update, &lookup).await;
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

/// Expands a leading `~/` to the home directory.
/// A typed path with a leading `~/` made the home directory.
pub(crate) fn expand(path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(path),
    }
}

/// The file `typed` names (`~/` expanded) and its size, when it is a file of at most `max`
/// bytes; else why not, in words that name the path as typed.
pub(crate) async fn checked_file(typed: &str, max: u64) -> Result<(PathBuf, u64), String> {
    let path = expand(typed);
    let meta = tokio::fs::metadata(&path).await.map_err(|e| format!("{typed}: {e}"))?;
    if !meta.is_file() {
        return Err(format!("{typed}: not a file"));
    }
    if meta.len() > max {
        return Err(format!("{typed}: larger than {} MB", max / 1024 / 1024));
    }
    Ok((path, meta.len()))
}

/// Longest file accepted for upload (the avatar is an image; this keeps memory bounded).
const UPLOAD_MAX_BYTES: u64 = 20 * 1024 * 1024;

async fn upload(ctx: &JobContext, typed: &str) -> Result<String, String> {
    let (path, _) = checked_file(typed, UPLOAD_MAX_BYTES).await?;
    let bytes = tokio::fs::read(&path).await.map_err(|e| format!("{typed}: {e}"))?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "upload".into());
    let mime = mime_guess::from_path(&path).first_or_octet_stream();
    ctx.client().upload_contact_file(&name, bytes, mime.essence_str()).await.map_err(|e| e.to_string())
}
