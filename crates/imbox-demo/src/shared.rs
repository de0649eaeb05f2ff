//! What every handler of every demo API shares: the data store, the token, the faults.

use crate::data::store::Store;
use crate::faults::Faults;
use std::sync::Arc;
use tokio::sync::watch;

/// Everything the handlers share.
pub(crate) struct App {
    /// Generated data and changes.
    pub store: Store,
    /// `http://127.0.0.1:PORT`, for upload URLs.
    pub base_url: String,
    /// The one accepted token.
    pub token: String,
    /// Fault injection.
    pub faults: Faults,
    /// Becomes `true` when the server shuts down (ends stalled requests).
    pub shutdown: watch::Receiver<bool>,
    /// Every JSON body is poisoned on its way out ([`crate::hostile`]).
    pub hostile: bool,
    /// SMS/RCS replies sent and `request_id`s seen.
    pub sms: crate::smsrcs::Outbox,
}

/// Shared handler state.
pub(crate) type Shared = Arc<App>;
