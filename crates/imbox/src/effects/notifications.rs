//! Jobs of the notification centre: listing, mark read, mark all read, dismiss, dismiss all,
//! and finding the conversation of an iMBRACE notification.

use super::JobContext;
use crate::action::Action;
use crate::action::FoundConversation;
use crate::action::NotificationAction;
use crate::action::RequestId;
use crate::command::NotificationCommand;
use imbox_api::Backend;
use imbox_api::backend::ApiResult;
use imbox_model::Contact;
use std::sync::Arc;
use tokio::sync::watch;

/// Contacts asked for per search page while finding a notification's conversation.
pub const FIND_PAGE: u32 = 50;
/// At most this many contacts have their conversations checked for one notification: a name
/// shared by more people than this is reported as not found rather than searched for minutes.
pub const FIND_MAX_CHECKED: usize = 100;

/// The lookup of a notification's conversation that is still wanted. Shared by the jobs of one
/// account (clones share it): a lookup stops between two requests — dropping the one in flight
/// — once it is no longer the one wanted.
#[derive(Debug, Clone, Default)]
pub struct Finds(Arc<watch::Sender<Wanted>>);

/// The request id of the lookup wanted (0: none), and the newest one stopped: a stop may reach
/// the worker before its lookup has started, which then does not start at all.
#[derive(Debug, Clone, Copy, Default)]
struct Wanted {
    now: RequestId,
    stopped: RequestId,
}

impl Finds {
    /// `req` is the lookup wanted now (an older one still running stops); false when it was
    /// stopped already.
    fn start(&self, req: RequestId) -> bool {
        let mut started = false;
        self.0.send_if_modified(|w| {
            started = req > w.stopped && req >= w.now;
            let newer = started && req > w.now;
            if newer {
                w.now = req;
            }
            newer
        });
        started
    }

    /// Nobody waits for `req` any more.
    fn stop(&self, req: RequestId) {
        self.0.send_if_modified(|w| {
            w.stopped = w.stopped.max(req);
            let was = w.now == req;
            if was {
                w.now = 0;
            }
            was
        });
    }

    /// Resolves once `req` is no longer the lookup wanted.
    async fn unwanted(&self, req: RequestId) {
        let mut rx = self.0.subscribe();
        if rx.wait_for(|w| w.now != req).await.is_err() {
            // The sender lives as long as the context: wanted until the job ends, then.
            std::future::pending::<()>().await;
        }
    }
}

/// Runs one notification command.
pub async fn execute(ctx: &JobContext, cmd: NotificationCommand) -> Option<Action> {
    let client = &ctx.client();
    let action = match cmd {
        NotificationCommand::Load { req, skip, limit } => {
            let result = client.notifications(limit, skip).await;
            NotificationAction::Loaded { req, skip, result }
        }
        NotificationCommand::MarkRead { req, ids } => {
            NotificationAction::Written { req, result: client.mark_notifications_read(&ids).await }
        }
        NotificationCommand::MarkAllRead { req } => {
            NotificationAction::Written { req, result: client.mark_all_notifications_read().await }
        }
        NotificationCommand::Dismiss { req, ids } => {
            NotificationAction::Written { req, result: client.dismiss_notifications(&ids).await }
        }
        NotificationCommand::DismissAll { req, kind } => {
            NotificationAction::Written { req, result: client.dismiss_all_notifications(&kind).await }
        }
        NotificationCommand::Find { req, handle_id, name } => {
            if !ctx.finds.start(req) {
                return None;
            }
            let result = tokio::select! {
                result = find_conversation(client, &handle_id, &name) => result,
                () = ctx.finds.unwanted(req) => {
                    tracing::debug!("a notification's lookup stopped: nobody waits for it");
                    return None;
                }
            };
            ctx.finds.stop(req);
            NotificationAction::Found { req, result }
        }
        NotificationCommand::StopFind { req } => {
            ctx.finds.stop(req);
            return None;
        }
    };
    Some(Action::Notify(action))
}

/// The conversation whose handle is `handle_id`, among the conversations of the contacts a
/// search for `name` finds: contacts whose name is exactly `name` are checked first (the search
/// matches substrings), then the others, one at a time, stopping at the first match and after
/// [`FIND_MAX_CHECKED`] contacts.
pub async fn find_conversation(
    client: &impl Backend,
    handle_id: &str,
    name: &str,
) -> ApiResult<FoundConversation> {
    let mut found = FoundConversation::default();
    let mut candidates: Vec<Contact> = Vec::new();
    let mut skip = 0;
    loop {
        let page = client.search_contacts(name, FIND_PAGE, skip).await?;
        found.candidates = page.total.max(skip + page.items.len() as u64);
        skip += page.items.len() as u64;
        let empty = page.items.is_empty();
        candidates.extend(page.items);
        if !page.has_more || empty || candidates.len() >= FIND_MAX_CHECKED {
            break;
        }
    }
    let wanted = name.trim().to_lowercase();
    // Stable: exact names first, each group in the server's order.
    candidates.sort_by_key(|c| c.display_name.trim().to_lowercase() != wanted);
    for contact in candidates.into_iter().take(FIND_MAX_CHECKED) {
        found.checked += 1;
        let conversations = client.contact_conversations(&contact.id, &[]).await?;
        if let Some(mut c) = conversations.into_iter().find(|c| c.handle_id == handle_id) {
            if c.contact_id.is_empty() {
                c.contact_id = contact.id.clone();
            }
            c.contact_name = contact.display_name;
            found.conversation = Some(Box::new(c));
            break;
        }
    }
    Ok(found)
}
