//! The realtime channel of one account: a task that fetches the socket's parameters (the
//! profile's `pubsub_token`), runs [`imbox_api::realtime::run`], and turns each of its updates
//! into an [`Action::Live`] on the account's result channel — the same channel every job
//! answers on, so the loop applies events like any other result and nothing in the UI path
//! waits for the socket. The task ends when that channel closes (the account's loop ended).

use super::JobContext;
use crate::action::{Action, LiveAction};
use imbox_api::realtime::{RealtimeTimings, SocketUpdate, run};
use std::time::Duration;
use tokio::sync::mpsc::{self, UnboundedSender};
use tokio::task::JoinHandle;

/// The first wait before asking again for the socket's parameters (offline at start-up, a
/// server error); doubled up to the timings' `backoff_max`.
const PARAMS_RETRY: Duration = Duration::from_secs(2);

/// Starts the realtime task of the account `jobs` talks to.
pub fn start(jobs: JobContext, timings: RealtimeTimings, tx: UnboundedSender<Action>) -> JoinHandle<()> {
    tokio::spawn(async move {
        tokio::select! {
            () = channel(jobs, timings, &tx) => {}
            // The account's loop is gone: so is every reason to keep the socket.
            () = tx.closed() => {}
        }
    })
}

/// Fetches the parameters (again while they cannot be had) and forwards the socket's updates.
async fn channel(jobs: JobContext, timings: RealtimeTimings, tx: &UnboundedSender<Action>) {
    let mut wait = PARAMS_RETRY;
    let params = loop {
        match jobs.client().realtime_params().await {
            Ok(Some(p)) => break p,
            Ok(None) => {
                let why = "the server gave no realtime token for this user".to_string();
                let _ = tx.send(Action::Live(LiveAction::Unavailable(why)));
                return;
            }
            Err(e) => {
                // Offline at start-up, or the server failing: the socket waits, the polls go on.
                tracing::debug!("realtime parameters: {e}; trying again in {wait:?}");
                tokio::time::sleep(wait).await;
                wait = (wait * 2).min(timings.backoff_max.max(PARAMS_RETRY));
            }
        }
    };
    // Events may come before the state's own profile request answers: say who "me" is first.
    let _ = tx.send(Action::Live(LiveAction::User(params.user_id)));
    let (socket_tx, mut updates) = mpsc::unbounded_channel();
    // `run` ends when `updates` is dropped, which happens when this task ends.
    let socket = tokio::spawn(run(params, timings, socket_tx));
    while let Some(update) = updates.recv().await {
        if tx.send(Action::Live(live_action(update))).is_err() {
            break;
        }
    }
    socket.abort();
}

/// The action a socket update becomes.
pub fn live_action(update: SocketUpdate) -> LiveAction {
    match update {
        SocketUpdate::Connecting => LiveAction::Connecting,
        SocketUpdate::Live => LiveAction::Live,
        SocketUpdate::Event(e) => LiveAction::Event(Box::new(e)),
        SocketUpdate::Lost(why) => LiveAction::Lost(why),
        SocketUpdate::Unavailable(why) => LiveAction::Unavailable(why),
    }
}
