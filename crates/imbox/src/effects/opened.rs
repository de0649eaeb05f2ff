//! The SMS/RCS conversations' last-opened times on disk: `data_dir/opened/<account>.json`, in
//! a 0700 directory, 0600, written atomically like the drafts (see `drafts.rs`). Only the
//! worker reads and writes it; the UI path never waits for the disk.

use super::JobContext;
use super::drafts;
use crate::action::Action;
use crate::action::unread::{OpenedTimes, UnreadAction};
use crate::command::UnreadCommand;
use std::path::{Path, PathBuf};

/// Where the directory of the last-opened files is under the data directory.
const DIR: &str = "opened";

/// The account's last-opened file under `data_dir` (its name made safe by
/// [`drafts::file_name`]).
pub fn path(data_dir: &Path, account: &str) -> PathBuf {
    data_dir.join(DIR).join(drafts::file_name(if account.is_empty() { "default" } else { account }))
}

/// Runs one command; without a data directory there is nothing to keep (and nothing to say).
pub async fn execute(ctx: &JobContext, cmd: UnreadCommand) -> Option<Action> {
    let dir = ctx.data_dir.as_ref()?;
    let file = path(dir, &ctx.account);
    Some(Action::Unread(match cmd {
        UnreadCommand::LoadOpened => {
            UnreadAction::OpenedLoaded(drafts::read::<OpenedTimes>(&file).map(|o| o.map(Box::new)))
        }
        UnreadCommand::SaveOpened { seq, opened } => {
            UnreadAction::OpenedSaved(drafts::write(dir, file, seq, &*opened))
        }
    }))
}
