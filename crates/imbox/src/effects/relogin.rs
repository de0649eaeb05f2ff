//! The in-app re-login: check a new token with one cheap request ([`Backend::check_token`]) on
//! a new client for the same server; on success swap it in for every later job and
//! store the token where `imbox login` would.

use super::JobContext;
use crate::action::relogin::{ReloginAction, ReloginOk};
use crate::action::{Action, RequestId};
use imbox_api::{Backend, Secret};
use std::time::Duration;

/// Longest wait for storing the token (the keyring is bounded on its own; this covers the file).
const STORE_TIMEOUT: Duration = Duration::from_secs(5);

/// Checks `token`, swaps the client on success, stores the token, and reports the outcome.
pub async fn execute(ctx: &JobContext, req: RequestId, token: Secret) -> Action {
    let checked = match ctx.client().with_token(token.clone()) {
        Ok(client) => client.check_token().await.map(|_| client),
        Err(e) => Err(e),
    };
    let client = match checked {
        Ok(c) => c,
        Err(error) => return Action::Relogin(ReloginAction::Checked { req, result: Err(error) }),
    };
    ctx.swap_client(client);
    // What the cache holds was fetched with the old token, which may have been another agent's.
    if let Some(cache) = &ctx.cache {
        cache.rekey(&token);
    }
    tracing::info!("re-login: a new token was accepted");
    let stored = match ctx.token_target.clone() {
        None => None,
        Some(target) => {
            let job = tokio::task::spawn_blocking(move || crate::auth::save(&target, &token));
            Some(match tokio::time::timeout(STORE_TIMEOUT, job).await {
                Ok(Ok(Ok(place))) => Ok(place),
                Ok(Ok(Err(e))) => Err(e.to_string()),
                Ok(Err(_)) | Err(_) => Err("storing the token did not finish".to_string()),
            })
        }
    };
    if let Some(Err(e)) = &stored {
        tracing::warn!("re-login: the token works but was not stored: {e}");
    }
    Action::Relogin(ReloginAction::Checked { req, result: Ok(ReloginOk { stored }) })
}
