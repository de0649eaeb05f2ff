//! Keeping the SMS/RCS conversations' last-opened times in the data directory.

use crate::action::unread::OpenedTimes;

/// Last-opened times on disk (`data_dir/opened/<account>.json`, 0600, written by the worker).
#[derive(Debug, Clone, PartialEq)]
pub enum UnreadCommand {
    /// Read the account's file.
    LoadOpened,
    /// Write it; `seq` orders writes that run concurrently (the latest wins).
    SaveOpened {
        /// Order of this write.
        seq: u64,
        /// What to write.
        opened: Box<OpenedTimes>,
    },
}
