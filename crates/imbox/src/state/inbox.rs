//! The conversation inbox of backends with `capabilities.conversation_views` (Chatwoot): the
//! left pane lists conversations in the views Mine / Unassigned / All with the counts the
//! server reports, filtered by status, inbox, team, labels and a `q` message search.
//!
//! Each view keeps its own [`PagedList`] (25 rows a page, the page number is `skip / 25 + 1`,
//! the total is the view's count), so switching views shows the cached rows at once while the
//! page in view is asked again in the background, `G` asks for the last page only, and only the
//! pages near the viewport load. Changing a filter empties every list: their rows answer another
//! question. `C` swaps the pane for the plain contact list and back.
//!
//! The actions are handled in `inbox/ops.rs` and `inbox/nav.rs`; the filter picker is
//! `inbox/picker.rs`.

mod nav;
mod ops;
mod picker;

use super::paged::PagedList;
use super::search::LineEditor;
use crate::action::RequestId;
use imbox_model::{Conversation, FilterOptions, InboxQuery, InboxView, StatusFilter, ViewCounts};
use picker::Picker;
use std::collections::HashMap;

/// Conversations per page (the server's fixed page size).
pub const PAGE_SIZE: u32 = 25;
/// Rows each conversation takes in the list.
pub const ROW_HEIGHT: usize = 3;
/// Rows above the list inside the pane: the view tabs and the filter line.
pub const HEADER_ROWS: usize = 2;

/// The filter options as far as they are known.
#[derive(Debug, Clone, Default)]
pub struct OptionsState {
    /// The options, once loaded.
    pub options: Option<FilterOptions>,
    /// The request in flight.
    pub(crate) pending: Option<RequestId>,
    /// Why the last load failed.
    pub error: Option<String>,
}

/// State of the inbox pane.
#[derive(Debug, Clone)]
pub struct InboxState {
    /// The view shown.
    pub view: InboxView,
    /// The status filter.
    pub status: StatusFilter,
    /// Only this inbox: (id, name).
    pub inbox: Option<(u64, String)>,
    /// Only this team: (id, name).
    pub team: Option<(u64, String)>,
    /// Only conversations with any of these labels.
    pub labels: Vec<String>,
    /// The message search applied; empty for none.
    pub q: String,
    /// The search line while `/` is typing.
    pub query: Option<LineEditor>,
    /// The counts of the latest answer for the current filters.
    pub counts: Option<ViewCounts>,
    /// Whether the pane shows the plain contact list instead (`C`).
    pub show_contacts: bool,
    /// The filter picker, while shown.
    pub picker: Option<Picker>,
    /// The filter options for the picker.
    pub options: OptionsState,
    lists: [PagedList<Conversation>; 3],
    /// Mark-read requests in flight: request → conversation id.
    pub(crate) mark_read: HashMap<RequestId, String>,
    /// A conversation opened from the inbox: selected in the middle pane when it loads.
    pub(crate) select_in_conversations: Option<String>,
}

impl InboxState {
    /// Rows that arrived before the inbox names did show "inbox 3"; give them their names.
    pub(crate) fn name_inboxes(&mut self, options: &FilterOptions) {
        for list in self.lists.iter_mut() {
            for c in list.loaded_mut() {
                if let Some((_, name)) =
                    options.inboxes.iter().find(|(id, _)| c.inbox == format!("inbox {id}"))
                {
                    c.inbox = name.clone();
                }
            }
        }
    }
}

impl Default for InboxState {
    fn default() -> Self {
        InboxState {
            view: InboxView::default(),
            status: StatusFilter::default(),
            inbox: None,
            team: None,
            labels: Vec::new(),
            q: String::new(),
            query: None,
            counts: None,
            show_contacts: false,
            picker: None,
            options: OptionsState::default(),
            lists: std::array::from_fn(|_| PagedList::new(PAGE_SIZE)),
            mark_read: HashMap::new(),
            select_in_conversations: None,
        }
    }
}

/// Index of a view in [`InboxView::ALL`].
fn slot(view: InboxView) -> usize {
    InboxView::ALL.iter().position(|v| *v == view).unwrap_or(0)
}

impl InboxState {
    /// The list of `view`.
    pub fn list(&self, view: InboxView) -> &PagedList<Conversation> {
        &self.lists[slot(view)]
    }

    /// The list of `view`, mutably.
    pub fn list_mut(&mut self, view: InboxView) -> &mut PagedList<Conversation> {
        &mut self.lists[slot(view)]
    }

    /// The list of the view shown.
    pub fn active(&self) -> &PagedList<Conversation> {
        self.list(self.view)
    }

    /// The list of the view shown, mutably.
    pub fn active_mut(&mut self) -> &mut PagedList<Conversation> {
        let view = self.view;
        self.list_mut(view)
    }

    /// Whether any inbox request is in flight.
    pub fn is_loading(&self) -> bool {
        self.lists.iter().any(PagedList::is_loading) || self.options.pending.is_some()
    }

    /// What to ask the server for page `page` (0-based) of the view shown.
    pub fn query_for(&self, page: u64) -> InboxQuery {
        InboxQuery {
            view: self.view,
            status: self.status,
            inbox_id: self.inbox.as_ref().map(|(id, _)| *id),
            team_id: self.team.as_ref().map(|(id, _)| *id),
            labels: self.labels.clone(),
            q: self.q.clone(),
            page: u32::try_from(page + 1).unwrap_or(u32::MAX),
        }
    }

    /// The filters changed: every list (and the counts) answered another question. The
    /// selection returns to the top.
    pub fn filters_changed(&mut self) {
        for l in &mut self.lists {
            l.clear();
            l.selected = 0;
            l.offset = 0;
        }
        self.counts = None;
    }

    /// Whether any filter besides the status is set.
    pub fn has_filters(&self) -> bool {
        self.inbox.is_some() || self.team.is_some() || !self.labels.is_empty()
    }

    /// Every loaded conversation of every view, mutably (to clear an unread badge).
    pub(crate) fn conversations_mut(&mut self) -> impl Iterator<Item = &mut Conversation> {
        self.lists.iter_mut().flat_map(|l| l.loaded_mut())
    }

    /// A loaded conversation with this id, in any view.
    pub fn find(&self, id: &str) -> Option<&Conversation> {
        self.lists.iter().flat_map(|l| l.loaded().map(|(_, c)| c)).find(|c| c.id == id)
    }
}

/// The thread title for a conversation of the inbox: its name, else `#id`.
pub fn conversation_title(c: &Conversation) -> String {
    let id = format!("#{}", c.id);
    match (c.name.is_empty(), c.contact_name.is_empty()) {
        (false, _) if c.name != c.contact_name => c.name.clone(),
        (_, false) => format!("{} {id}", c.contact_name),
        _ => id,
    }
}
