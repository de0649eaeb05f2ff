//! Jobs of the composer: send a message, read the thread back after an uncertain send, fetch
//! canned responses, complete and inspect attachment paths, and keep reply drafts on disk.
//!
//! A send is never repeated here: the HTTP core does not retry a POST, and this job sends once.
//! Whether a failed send may have reached the server is decided by [`send_failure`]; the state
//! then reads the thread back ([`ComposeCommand::CheckSent`]) before it offers a retry.

use super::JobContext;
use super::contact::{checked_file, expand};
use super::drafts;
use crate::action::Action;
use crate::action::compose::{ComposeAction, SendFailure, SendRequest};
use crate::command::compose::ComposeCommand;
use imbox_api::backend::MessagesQuery;
use imbox_api::{AgentActions, ApiError, Backend};
use imbox_model::{Message, OutgoingAttachment, OutgoingMessage};

/// Largest file that can be attached (Chatwoot's own limit is 40 MB; this keeps memory bounded).
pub const ATTACHMENT_MAX_BYTES: u64 = 40 * 1024 * 1024;
/// Completions offered at most for one Tab.
const MAX_COMPLETIONS: usize = 200;
/// Newest messages read back to look for an unconfirmed send.
const CHECK_MESSAGES: u32 = 30;

/// Runs one composer command.
pub async fn execute(ctx: &JobContext, cmd: ComposeCommand) -> Option<Action> {
    Some(Action::Compose(match cmd {
        ComposeCommand::Send(req) => {
            let (conversation_id, echo_id) = (req.conversation_id.clone(), req.echo_id.clone());
            let result = send(ctx, &req).await.map(Box::new);
            ComposeAction::Sent { conversation_id, echo_id, result }
        }
        ComposeCommand::CheckSent(req) => {
            let result = find_sent(ctx, &req).await.map(|m| m.map(Box::new));
            ComposeAction::Checked { conversation_id: req.conversation_id, echo_id: req.echo_id, result }
        }
        ComposeCommand::LoadCanned { req } => {
            let result = ctx.client().canned_responses("").await.map_err(|e| e.to_string());
            ComposeAction::CannedLoaded { req, result }
        }
        ComposeCommand::Complete { req, typed } => {
            let candidates = complete(&typed).await;
            ComposeAction::Completed { req, typed, candidates }
        }
        ComposeCommand::Inspect { path } => {
            let result = inspect(&path).await;
            ComposeAction::Inspected { path, result }
        }
        ComposeCommand::LoadDraft { conversation_id } => {
            let result = match &ctx.data_dir {
                Some(dir) => drafts::load_reply(dir, &ctx.account, &conversation_id).map(|d| d.map(Box::new)),
                None => Ok(None),
            };
            ComposeAction::DraftLoaded { conversation_id, result }
        }
        ComposeCommand::SaveDraft { seq, draft } => {
            let dir = ctx.data_dir.as_ref()?;
            return drafts::save_reply(dir, &ctx.account, seq, *draft)
                .err()
                .map(|e| Action::Compose(ComposeAction::DraftFailed(e)));
        }
        ComposeCommand::DeleteDraft { seq, conversation_id } => {
            let dir = ctx.data_dir.as_ref()?;
            return drafts::delete_reply(dir, &ctx.account, seq, &conversation_id)
                .err()
                .map(|e| Action::Compose(ComposeAction::DraftFailed(e)));
        }
    }))
}

/// Whether a failed send may have reached the server: it may when the answer was lost (a
/// timeout, a dropped connection), when the server failed after receiving it (5xx), when the
/// answer could not be read, or when the job itself died. It did not when the server refused
/// it (4xx, 429) or it was never built.
pub fn send_failure(e: &ApiError) -> SendFailure {
    let uncertain = matches!(
        e,
        ApiError::Timeout { .. }
            | ApiError::Network { .. }
            | ApiError::Server { .. }
            | ApiError::Decode { .. }
            | ApiError::Internal(_)
    );
    SendFailure { message: e.to_string(), uncertain }
}

/// Reads the attachments and sends the message once.
async fn send(ctx: &JobContext, req: &SendRequest) -> Result<Message, SendFailure> {
    let mut attachments = Vec::with_capacity(req.attachments.len());
    for typed in &req.attachments {
        // Nothing was sent yet: a file that cannot be read is a certain failure.
        let file =
            read_attachment(typed).await.map_err(|message| SendFailure { message, uncertain: false })?;
        attachments.push(file);
    }
    let message = OutgoingMessage {
        content: req.content.clone(),
        private: req.private,
        echo_id: req.echo_id.clone(),
        in_reply_to: req.in_reply_to.clone(),
        attachments,
    };
    ctx.client().send_message(&req.conversation_id, &message).await.map_err(|e| send_failure(&e))
}

/// Looks among the conversation's newest messages for `req`: by echo id where the server keeps
/// it, else an agent's message of the same kind (reply or note) with the same text.
async fn find_sent(ctx: &JobContext, req: &SendRequest) -> Result<Option<Message>, String> {
    let query = MessagesQuery { skip: 0, limit: CHECK_MESSAGES, before: None, after: None };
    let page = ctx.client().messages(&req.conversation_id, &query).await.map_err(|e| e.to_string())?;
    Ok(page.items.into_iter().find(|m| req.is_echoed_by(m)))
}

async fn read_attachment(typed: &str) -> Result<OutgoingAttachment, String> {
    let (path, _) = checked_file(typed, ATTACHMENT_MAX_BYTES).await?;
    let bytes = tokio::fs::read(&path).await.map_err(|e| format!("{typed}: {e}"))?;
    let file_name =
        path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "attachment".into());
    let mime = mime_guess::from_path(&path).first_or_octet_stream().essence_str().to_string();
    Ok(OutgoingAttachment { file_name, mime, bytes })
}

/// A file's name and size, or why it cannot be attached.
async fn inspect(typed: &str) -> Result<(String, u64), String> {
    let typed = typed.trim();
    let (path, size) = checked_file(typed, ATTACHMENT_MAX_BYTES).await?;
    // Opening it now tells a permission problem before the send would.
    tokio::fs::File::open(&path).await.map_err(|e| format!("{typed}: {e}"))?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    Ok((name, size))
}

/// The paths that complete `typed`: entries of its directory whose names start with its last
/// part, sorted, directories with a trailing `/`, hidden files only when the part starts with
/// a dot. Each candidate keeps `typed`'s own spelling of the directory (`~/` stays `~/`).
pub async fn complete(typed: &str) -> Vec<String> {
    let (dir_typed, prefix) = match typed.rfind('/') {
        Some(i) => (&typed[..=i], &typed[i + 1..]),
        None => ("", typed),
    };
    let dir = if dir_typed.is_empty() { std::path::PathBuf::from(".") } else { expand(dir_typed) };
    let Ok(mut entries) = tokio::fs::read_dir(&dir).await else { return Vec::new() };
    let mut out = Vec::new();
    while let Ok(Some(entry)) = entries.next_entry().await {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.starts_with(prefix) || (name.starts_with('.') && !prefix.starts_with('.')) {
            continue;
        }
        let is_dir = entry.file_type().await.is_ok_and(|t| t.is_dir());
        out.push(format!("{dir_typed}{name}{}", if is_dir { "/" } else { "" }));
        if out.len() >= MAX_COMPLETIONS {
            break;
        }
    }
    out.sort();
    out
}
