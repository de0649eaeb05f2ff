//! The API worker: the only code that touches the network. It runs each command in its own
//! task, concurrently, and sends the result back as an action tagged with the command's
//! request id, so a slow or failing request never blocks keys or other requests.

use super::JobContext;
use super::cache::kinds::{self, Kind};
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
                if cmd == Command::LoadCachedContacts {
                    return cached_contacts(&ctx, &results).await;
                }
                // The job runs in a task of its own so a panic inside it is caught here and
                // still answers its request (with an error) instead of spinning forever. It
                // starts at once: the cache never delays a request.
                let mut job = tokio::spawn({
                    let (ctx, cmd) = (ctx.clone(), cmd.clone());
                    async move { execute(&ctx, cmd).await }
                });
                let kind = ctx.cache.as_ref().and_then(|_| Kind::of(&cmd));
                let joined = match &kind {
                    Some(kind) => cached_first(&ctx, kind, &cmd, &mut job, &results).await,
                    None => job.await,
                };
                let action = match joined {
                    Ok(action) => action,
                    Err(e) => {
                        tracing::error!("a job panicked: {e}");
                        Some(failure(&cmd, ApiError::Internal(cmd.describe())))
                    }
                };
                if let Some(action) = action {
                    if let (Some(cache), Some(kind)) = (&ctx.cache, &kind)
                        && let Some(bytes) = kind.encode(&action)
                    {
                        cache.put(kind.key(), bytes);
                    }
                    // The receiver is gone only when the app is quitting; nothing to report then.
                    let _ = results.send(action);
                }
            });
        }
    }
}

/// Contact pages read from the cache per batch at start: 2,000 contacts of 50-contact pages,
/// small enough that applying them never holds a frame back noticeably, while 65,681 contacts
/// still arrive in 33 actions.
const SCAN_PAGES: usize = 40;
/// How long the scan of every cached contact waits after the start (see `cached_contacts`).
const SCAN_DELAY: std::time::Duration = std::time::Duration::from_millis(100);

/// What a job's task answers: its action, or the panic that ended it.
type Joined = Result<Option<Action>, tokio::task::JoinError>;

/// Sends the cached answer to `cmd` (if the store has one) unless the server's success comes
/// first, then waits for the job. The cached answer always goes out before the job's, so it can
/// never overtake the server's. A failure that comes first (offline, a connection refused at
/// once) still lets the cached answer go out ahead of it: that is when it is needed most.
async fn cached_first(
    ctx: &JobContext,
    kind: &Kind,
    cmd: &Command,
    job: &mut tokio::task::JoinHandle<Option<Action>>,
    results: &UnboundedSender<Action>,
) -> Joined {
    let Some(cache) = &ctx.cache else { return job.await };
    let get = cache.get(kind.key());
    tokio::pin!(get);
    let finished = tokio::select! {
        biased;
        finished = &mut *job => finished,
        entry = &mut get => {
            send_cached(kind, cmd, entry, results);
            return job.await;
        }
    };
    let succeeded = matches!(&finished, Ok(Some(action)) if kind.encode(action).is_some());
    if !succeeded {
        send_cached(kind, cmd, get.await, results);
    }
    finished
}

/// Sends a cached entry as the answer to `cmd`, marked with its age (`Action::Cached`).
fn send_cached(
    kind: &Kind,
    cmd: &Command,
    entry: Option<super::cache::Entry>,
    results: &UnboundedSender<Action>,
) {
    if let Some(entry) = entry
        && let Some(action) = kind.decode(cmd, &entry.bytes)
    {
        let _ = results.send(Action::Cached { stored_at: entry.stored_at, action: Box::new(action) });
    }
}

/// Reads every cached contact page and sends its contacts, a batch of pages at a time (nothing
/// without a cache): read, decoded and sent in batches, so a store of 65,681 contacts is never
/// in memory twice over (all of it at once cost 60 MiB more than the contacts themselves), and
/// the cache thread answers other reads between two batches.
async fn cached_contacts(ctx: &JobContext, results: &UnboundedSender<Action>) {
    let Some(cache) = &ctx.cache else { return };
    // The start's own reads (the first page, the badge) go to the cache thread first, and the
    // filter needs these only once the user types.
    tokio::time::sleep(SCAN_DELAY).await;
    let mut after = None;
    loop {
        let pages = cache.scan(kinds::CONTACTS.to_string(), after.take(), SCAN_PAGES).await;
        let Some((last, _)) = pages.last() else { return };
        after = Some(last.clone());
        let rows = tokio::task::spawn_blocking(move || {
            pages.iter().flat_map(|(key, entry)| kinds::contact_rows(key, &entry.bytes)).collect::<Vec<_>>()
        })
        .await
        .unwrap_or_default();
        if !rows.is_empty() && results.send(Action::CachedContacts(rows)).is_err() {
            return;
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
        // Handled by `run_all`, which sends the contacts in chunks.
        Command::LoadCachedContacts => return None,
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
