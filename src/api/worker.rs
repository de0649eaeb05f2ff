//! The API worker: the only code that touches the network. It runs each command in its own
//! task, concurrently, and sends the result back as an action tagged with the command's
//! request id, so a slow or failing request never blocks keys or other requests.

use crate::action::Action;
use crate::api::imbrace::ImbraceClient;
use crate::command::Command;
use tokio::sync::mpsc::UnboundedSender;

/// Runs commands against one backend and reports results on a channel.
#[derive(Clone)]
pub struct Worker {
    client: ImbraceClient,
    results: UnboundedSender<Action>,
}

impl Worker {
    /// A worker for `client` that sends results to `results`.
    pub fn new(client: ImbraceClient, results: UnboundedSender<Action>) -> Self {
        Worker { client, results }
    }

    /// Starts every command in its own task; returns at once.
    pub fn run_all(&self, commands: Vec<Command>) {
        for cmd in commands {
            let client = self.client.clone();
            let results = self.results.clone();
            tokio::spawn(async move {
                let action = execute(&client, cmd).await;
                // The receiver is gone only when the app is quitting; nothing to report then.
                let _ = results.send(action);
            });
        }
    }
}

/// Runs one command to completion and turns its result into an action.
pub async fn execute(client: &ImbraceClient, cmd: Command) -> Action {
    match cmd {
        Command::LoadContacts { req, skip, limit } => {
            let result = client.contacts(limit, skip, "-created_at").await;
            Action::ContactsLoaded { req, skip, result }
        }
        Command::LoadConversations {
            req,
            contact_id,
            channel_types,
        } => {
            let result = client
                .contact_conversations(&contact_id, &channel_types)
                .await;
            Action::ConversationsLoaded { req, result }
        }
        Command::LoadMessages {
            req,
            conversation_id,
            skip,
            limit,
        } => {
            let result = client
                .conversation_messages(&conversation_id, limit, skip)
                .await;
            Action::MessagesLoaded { req, skip, result }
        }
        Command::LoadUnreadCount { req } => {
            let result = client.notifications(1, 0).await;
            Action::UnreadLoaded { req, result }
        }
    }
}
