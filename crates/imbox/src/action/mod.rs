//! Everything that can happen to the app: user intents (from the keymap and mouse) and API
//! results (from the worker). One enum, so every change of state has a name; each feature's
//! own intents and results are one variant carrying that feature's enum, defined in a file of
//! its own here (`search.rs`, `form.rs`, …) beside the types they carry.
//!
//! This module is the one home of the messages: the state, the keymap, the effects and the
//! drawing all import it, and it imports none of them.

pub mod act;
pub mod alert;
pub mod clip;
pub mod compose;
pub(crate) mod details;
pub mod find;
pub mod form;
mod inbox;
pub mod line;
pub mod live;
mod notifications;
pub mod relogin;
mod search;
pub mod unread;

pub use act::{ActAction, CmdLineAction};
pub use alert::AlertAction;
pub use clip::ClipAction;
pub use compose::ComposeAction;
pub use details::DetailsAction;
pub use find::FindAction;
pub use form::FormAction;
pub use inbox::InboxAction;
pub use line::LineEdit;
pub use live::LiveAction;
pub use notifications::{FoundConversation, NotificationAction};
pub use relogin::ReloginAction;
pub use search::SearchAction;
pub use unread::UnreadAction;

use imbox_api::ApiError;
use imbox_model::{Contact, Conversation, Message, NotificationPage, Page};

/// A request id: each command carries one, and a result whose id is no longer current is dropped.
pub type RequestId = u64;

/// One thing that happened.
#[derive(Debug, Clone, PartialEq, strum::Display)]
#[strum(serialize_all = "snake_case")]
pub enum Action {
    /// Leave imbox.
    Quit,
    /// Move focus to the next pane (Tab).
    FocusNext,
    /// Move focus to the previous pane (Shift-Tab).
    FocusPrev,
    /// Move focus one pane left (h, ←); in narrow mode, go back.
    FocusLeft,
    /// Move focus one pane right (l, →).
    FocusRight,
    /// Move the selection (or scroll) up one row.
    Up,
    /// Move the selection (or scroll) down one row.
    Down,
    /// Up one screen.
    PageUp,
    /// Down one screen.
    PageDown,
    /// To the first item (g, Home); in the thread, the oldest loaded message.
    Top,
    /// To the last item (G, End); in the thread, the newest message.
    Bottom,
    /// Open the selected item in the next pane (Enter).
    Open,
    /// Reload the focused pane (R).
    Refresh,
    /// Show or hide the help overlay (?).
    ToggleHelp,
    /// Scroll the help overlay by this many lines (negative: up), when it is taller than the
    /// terminal.
    #[strum(to_string = "help_scroll.{0}")]
    HelpScroll(isize),
    /// Close the topmost overlay, or go back in narrow mode (Esc).
    Back,
    /// Cycle the conversations' channel-type filter (c).
    CycleChannelFilter,
    /// Open a conversation by id, without a contact (`--open`).
    OpenConversation(String),
    /// The terminal was resized to (columns, rows).
    Resize(u16, u16),
    /// A mouse click at (column, row).
    Click(u16, u16),
    /// Mouse wheel up at (column, row).
    ScrollUp(u16, u16),
    /// Mouse wheel down at (column, row).
    ScrollDown(u16, u16),
    /// Time passed (spinner, relative times, timers); carries the clock so update stays pure.
    Tick(jiff::Timestamp),
    /// A page of contacts arrived (or failed).
    ContactsLoaded {
        /// The request this answers.
        req: RequestId,
        /// Offset the page was asked for.
        skip: u64,
        /// The page or the error.
        result: Result<Page<Contact>, ApiError>,
    },
    /// A contact's conversations arrived (or failed).
    ConversationsLoaded {
        /// The request this answers.
        req: RequestId,
        /// The conversations or the error.
        result: Result<Vec<Conversation>, ApiError>,
    },
    /// A page of messages arrived (or failed), newest first as the server sends them.
    MessagesLoaded {
        /// The request this answers.
        req: RequestId,
        /// Offset the page was asked for.
        skip: u64,
        /// The page or the error.
        result: Result<Page<Message>, ApiError>,
    },
    /// The notification badge count arrived (or failed).
    UnreadLoaded {
        /// The request this answers.
        req: RequestId,
        /// The first notification page (for its `unread_count`) or the error.
        result: Result<NotificationPage, ApiError>,
    },
    /// The answer to an offline probe (`Command::Probe`).
    Probed(Result<(), ApiError>),
    /// An answer from the on-disk cache to a request still out (see `state/cached.rs`): shown
    /// at once where its pane is empty, marked with its age, and replaced when the server
    /// answers; the request stays pending. Never counts as the server answering.
    Cached {
        /// When the answer was stored.
        stored_at: jiff::Timestamp,
        /// The answer as the request's own result action (always a success).
        action: Box<Action>,
    },
    /// Contacts of every page in the on-disk cache, in chunks at start, so filter-as-you-type
    /// covers them (they join the contacts seen; the list itself asks page by page).
    CachedContacts(Vec<(u64, Contact)>),
    /// The client is about to retry a request (for the status-bar countdown).
    Retrying {
        /// Route template being retried.
        endpoint: &'static str,
        /// Which retry (1-based).
        attempt: u32,
        /// Why the previous try failed.
        reason: String,
        /// Milliseconds until the retry.
        wait_ms: u64,
    },
    /// Suspend to the shell (Ctrl-Z); the terminal is restored and taken back on resume.
    Suspend,
    /// Switch to the next account (P); the event loop handles it, each account keeps its place.
    NextAccount,
    /// A key asked for a feature the active backend does not have (named here).
    Unavailable(&'static str),
    /// Search line and phone lookup (see `state/search.rs`).
    #[strum(to_string = "search.{0}")]
    Search(SearchAction),
    /// Notification centre (see `state/notifications.rs`).
    #[strum(to_string = "notify.{0}")]
    Notify(NotificationAction),
    /// Contact details overlay (see `state/details.rs`).
    #[strum(to_string = "details.{0}")]
    Details(DetailsAction),
    /// Contact edit form (see `state/form.rs`).
    #[strum(to_string = "form.{0}")]
    Form(FormAction),
    /// The re-login prompt shown while the token is rejected (see `state/relogin.rs`).
    #[strum(to_string = "relogin.{0}")]
    Relogin(ReloginAction),
    /// The conversation inbox (see `state/inbox.rs`).
    #[strum(to_string = "inbox.{0}")]
    Inbox(InboxAction),
    /// The composer: replies, private notes and their sends (see `state/compose.rs`).
    #[strum(to_string = "compose.{0}")]
    Compose(ComposeAction),
    /// Acting on conversations: status, snooze, assign, labels, priority, bulk (see `state/acts.rs`).
    #[strum(to_string = "act.{0}")]
    Act(ActAction),
    /// The `:` command line (see `state/acts/cmdline.rs`).
    #[strum(to_string = "cmd_line.{0}")]
    CmdLine(CmdLineAction),
    /// Unread markers: the next-unread key, the SMS/RCS last-opened times (see `state/unread.rs`).
    #[strum(to_string = "unread.{0}")]
    Unread(UnreadAction),
    /// The realtime channel's state and events (see `state/live.rs`).
    #[strum(to_string = "live.{0}")]
    Live(LiveAction),
    /// Alerts: the terminal's focus, coalescing, delivery fallbacks (see `state/alerts.rs`).
    #[strum(to_string = "alert.{0}")]
    Alert(AlertAction),
    /// Copying (`y`, OSC 52) and opening the thread's links (`o`) (see `state/clip.rs`).
    #[strum(to_string = "clip.{0}")]
    Clip(ClipAction),
    /// Finding text in the open thread (`/`, `n`, `N`; see `state/find.rs`).
    #[strum(to_string = "find.{0}")]
    Find(FindAction),
}

impl Action {
    /// The action's name in the key configuration: its variant in snake case, and for a
    /// feature's action the feature's and its own joined by a dot (`quit`, `focus_next`,
    /// `notify.toggle`, `search.delete_word`), with a step or view where a binding carries one
    /// (`notify.move.1`, `inbox.set_view.mine`). Derived with the variants (their `Display`), so
    /// a new action gets its name with it.
    pub fn name(&self) -> String {
        self.to_string()
    }
}
