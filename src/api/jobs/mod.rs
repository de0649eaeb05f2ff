//! What the worker does for each feature's commands: one file per feature, each turning its
//! commands into calls on the client (or the file system) and the results into actions.

pub mod contact;
pub mod notifications;
pub mod search;

use crate::api::imbrace::ImbraceClient;
use std::path::PathBuf;

/// Everything a job may use: the API client and where drafts live.
#[derive(Clone, Debug)]
pub struct JobContext {
    /// The backend client.
    pub client: ImbraceClient,
    /// The data directory for drafts (None: drafts are not persisted).
    pub data_dir: Option<PathBuf>,
}
