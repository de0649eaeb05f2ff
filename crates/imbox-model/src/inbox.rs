//! The conversation inbox of backends that list conversations rather than contacts (Chatwoot):
//! the views with their counts, the filters, and one page of the list.

use super::{Conversation, Page};

/// Which conversations the inbox shows, as the Chatwoot web app's tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum InboxView {
    /// Assigned to me.
    #[default]
    Mine,
    /// Assigned to nobody (a bot-only assignment counts as nobody).
    Unassigned,
    /// Everything that matches the filters.
    All,
}

/// The view's name in configuration and logs: `mine`, `unassigned`, `all`.
impl std::fmt::Display for InboxView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            InboxView::Mine => "mine",
            InboxView::Unassigned => "unassigned",
            InboxView::All => "all",
        })
    }
}

impl InboxView {
    /// The three views in tab order.
    pub const ALL: [InboxView; 3] = [InboxView::Mine, InboxView::Unassigned, InboxView::All];

    /// The tab label.
    pub fn label(self) -> &'static str {
        match self {
            InboxView::Mine => "Mine",
            InboxView::Unassigned => "Unassigned",
            InboxView::All => "All",
        }
    }

    /// The `assignee_type` query value.
    pub fn assignee_type(self) -> &'static str {
        match self {
            InboxView::Mine => "me",
            InboxView::Unassigned => "unassigned",
            InboxView::All => "all",
        }
    }
}

/// The conversation status filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum StatusFilter {
    /// Open (the server's default).
    #[default]
    Open,
    /// Pending (waiting on a bot).
    Pending,
    /// Snoozed until later.
    Snoozed,
    /// Resolved.
    Resolved,
    /// No status filter.
    All,
}

impl StatusFilter {
    /// The filters in the order the status key cycles through them.
    pub const CYCLE: [StatusFilter; 5] = [
        StatusFilter::Open,
        StatusFilter::Pending,
        StatusFilter::Snoozed,
        StatusFilter::Resolved,
        StatusFilter::All,
    ];

    /// The `status` query value, also the label.
    pub fn as_str(self) -> &'static str {
        match self {
            StatusFilter::Open => "open",
            StatusFilter::Pending => "pending",
            StatusFilter::Snoozed => "snoozed",
            StatusFilter::Resolved => "resolved",
            StatusFilter::All => "all",
        }
    }

    /// The next filter in [`StatusFilter::CYCLE`], wrapping.
    pub fn next(self) -> StatusFilter {
        let i = Self::CYCLE.iter().position(|s| *s == self).unwrap_or(0);
        Self::CYCLE[(i + 1) % Self::CYCLE.len()]
    }
}

/// What the inbox list asks the server for.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct InboxQuery {
    /// The view (assignee type).
    pub view: InboxView,
    /// The status filter (ignored by the server while `q` is set).
    pub status: StatusFilter,
    /// Only this inbox.
    pub inbox_id: Option<u64>,
    /// Only this team.
    pub team_id: Option<u64>,
    /// Only conversations with any of these labels.
    pub labels: Vec<String>,
    /// Only conversations with a message containing this text; empty for none.
    pub q: String,
    /// 1-based page number.
    pub page: u32,
}

/// How many conversations each view holds, as the server counts them (before the view filter).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct ViewCounts {
    /// Assigned to me.
    pub mine: u64,
    /// Assigned to nobody.
    pub unassigned: u64,
    /// Assigned to somebody.
    pub assigned: u64,
    /// All matches.
    pub all: u64,
}

impl ViewCounts {
    /// The count shown on `view`'s tab.
    pub fn of(&self, view: InboxView) -> u64 {
        match view {
            InboxView::Mine => self.mine,
            InboxView::Unassigned => self.unassigned,
            InboxView::All => self.all,
        }
    }
}

/// One page of the inbox and the counts that came with it.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct InboxPage {
    /// The conversations; `total` is the active view's count.
    pub page: Page<Conversation>,
    /// The counts of every view.
    pub counts: ViewCounts,
}

/// The values the inbox filters can take, as the server lists them.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct FilterOptions {
    /// Inboxes: (id, name).
    pub inboxes: Vec<(u64, String)>,
    /// Teams: (id, name).
    pub teams: Vec<(u64, String)>,
    /// Label titles.
    pub labels: Vec<String>,
}
