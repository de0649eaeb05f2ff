//! The API worker: the only code that touches the network. It runs each command in its own
//! task, concurrently, and sends the result back as an action tagged with the command's
//! request id, so a slow or failing request never blocks keys or other requests.

use super::JobContext;
use super::failure::failure;
use crate::action::Action;
use crate::command::Command;
use imbox_api::backend::MessagesQuery;
use imbox_api::{ApiError, Backend};
use tokio::sync::mpsc::UnboundedSender;

/// Runs commands against one backend and reports results on a channel.
#[derive(Clone)]
pub struct Worker {
    ctx: JobContext,
    results: UnboundedSender<Action>,
}

impl Worker {
    /// A worker for the context's client that sends results to `results`.
    pub fn new(ctx: JobContext, results: UnboundedSender<Action>) -> Self {
        Worker { ctx, results }
    }

    /// Starts every command in its own task; returns at once.
    pub fn run_all(&self, commands: Vec<Command>) {
        for cmd in commands {
            let ctx = self.ctx.clone();
            let results = self.results.clone();
            tokio::spawn(async move {
                // The job runs in a task of its own so a panic inside it is caught here and
                // still answers its request (with an error) instead of spinning forever.
                let job = tokio::spawn({
                    let (ctx, cmd) = (ctx.clone(), cmd.clone());
                    async move { execute(&ctx, cmd).await }
                });
                let action = match job.await {
                    Ok(action) => action,
                    Err(e) => {
                        tracing::error!("a job panicked: {e}");
                        Some(failure(&cmd, ApiError::Internal(cmd.describe())))
                    }
                };
                if let Some(action) = action {
                    // The receiver is gone only when the app is quitting; nothing to report then.
                    let _ = results.send(action);
                }
            });
        }
    }
}

/// Runs one command to completion and turns its result into an action (None: nothing to
/// report, e.g. a URL handed to the opener).
pub async fn execute(ctx: &JobContext, cmd: Command) -> Option<Action> {
    let client = &ctx.client();
    Some(match cmd {
        Command::LoadContacts { req, skip, limit } => {
            let result = client.contacts(limit, skip).await;
            Action::ContactsLoaded { req, skip, result }
        }
        Command::LoadConversations { req, contact_id, channel_types } => {
            let result = client.contact_conversations(&contact_id, &channel_types).await;
            Action::ConversationsLoaded { req, result }
        }
        Command::LoadMessages { req, conversation_id, skip, limit, before, after } => {
            let query = MessagesQuery { skip, limit, before, after };
            let result = client.messages(&conversation_id, &query).await;
            Action::MessagesLoaded { req, skip, result }
        }
        Command::LoadUnreadCount { req } => {
            let result = client
                .unread_count()
                .await
                .map(|unread_count| imbox_model::NotificationPage { unread_count, ..Default::default() });
            Action::UnreadLoaded { req, result }
        }
        Command::Probe => Action::Probed(client.check_token().await),
        Command::Schedule { after, action } => {
            tokio::time::sleep(after).await;
            *action
        }
        Command::OpenUrl(url) => {
            super::opener::open(&url);
            return None;
        }
        Command::Search(c) => return super::search::execute(ctx, c).await,
        Command::Notify(c) => return super::notifications::execute(ctx, c).await,
        Command::Inbox(c) => return Some(super::inbox::execute(ctx, c).await),
        Command::Contact(c) => return super::contact::execute(ctx, c).await,
        Command::Compose(c) => return super::compose::execute(ctx, c).await,
        Command::Act(c) => return Some(super::act::execute(ctx, c).await),
        Command::Relogin { req, token } => return Some(super::relogin::execute(ctx, req, token).await),
        Command::Unread(c) => return super::opened::execute(ctx, c).await,
        Command::Alert(c) => return super::alert::execute(c).await,
    })
}
