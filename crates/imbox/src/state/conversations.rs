//! The conversations of the open contact, with a channel-type filter.

use crate::action::RequestId;
use imbox_model::{CHANNEL_TYPES, Conversation};

/// State of the conversations pane.
#[derive(Debug, Clone, Default)]
pub struct ConversationsState {
    /// The contact whose conversations are shown.
    pub contact_id: Option<String>,
    /// That contact's display name (for titles and the thread).
    pub contact_name: String,
    /// The conversations, as the server orders them.
    pub items: Vec<Conversation>,
    /// Index of the selected conversation.
    pub selected: usize,
    /// Index of the first visible row.
    pub offset: usize,
    /// 0 = all channels, else `CHANNEL_TYPES[filter - 1]`.
    pub filter: usize,
    pending: Option<RequestId>,
    /// Whether an answer arrived for the current contact and filter.
    pub loaded: bool,
    /// The last load error, in plain words.
    pub error: Option<String>,
}

impl ConversationsState {
    /// The filter's label ("all", "web", …).
    pub fn filter_label(&self) -> &'static str {
        match self.filter {
            0 => "all",
            n => CHANNEL_TYPES.get(n - 1).copied().unwrap_or("all"),
        }
    }

    /// The channel types to ask for: empty for all.
    pub fn channel_types(&self) -> Vec<String> {
        match self.filter {
            0 => Vec::new(),
            n => CHANNEL_TYPES.get(n - 1).map(|c| vec![c.to_string()]).unwrap_or_default(),
        }
    }

    /// Starts loading `contact_id`'s conversations under `req`.
    pub fn open(&mut self, contact_id: String, contact_name: String, req: RequestId) {
        if self.contact_id.as_deref() != Some(&contact_id) {
            self.selected = 0;
            self.offset = 0;
        }
        self.contact_id = Some(contact_id);
        self.contact_name = contact_name;
        self.items.clear();
        self.loaded = false;
        self.error = None;
        self.pending = Some(req);
    }

    /// Asks again for the same contact and filter, keeping what is shown until the answer
    /// arrives, so a failed refresh leaves the last good list on screen.
    pub fn refresh(&mut self, req: RequestId) {
        self.pending = Some(req);
    }

    /// Moves to the next channel filter.
    pub fn cycle_filter(&mut self) {
        self.filter = (self.filter + 1) % (CHANNEL_TYPES.len() + 1);
    }

    /// Whether a request is in flight.
    pub fn is_loading(&self) -> bool {
        self.pending.is_some()
    }

    /// Applies a result; false when it is stale.
    pub fn apply(&mut self, req: RequestId, result: Result<Vec<Conversation>, String>) -> bool {
        if self.pending != Some(req) {
            return false;
        }
        self.pending = None;
        self.loaded = true;
        match result {
            Ok(items) => {
                self.items = items;
                self.error = None;
                self.selected = self.selected.min(self.items.len().saturating_sub(1));
            }
            // A failed refresh keeps the conversations already shown.
            Err(e) => self.error = Some(e),
        }
        true
    }

    /// Applies cached conversations (`state/cached.rs`) while the list is empty and `req` is
    /// out, leaving it pending for the server's answer; false when nothing changed.
    pub fn apply_cached(&mut self, req: RequestId, items: Vec<Conversation>) -> bool {
        if !self.items.is_empty() || !self.apply(req, Ok(items)) {
            return false;
        }
        self.pending = Some(req);
        true
    }

    /// Selects `index` (clamped), keeping it visible in `viewport` rows.
    pub fn select(&mut self, index: usize, viewport: usize) {
        self.selected = index.min(self.items.len().saturating_sub(1));
        self.scroll_to_selection(viewport);
    }

    /// Keeps the selection visible after a move or resize.
    pub fn scroll_to_selection(&mut self, viewport: usize) {
        self.offset = super::paged::keep_visible(self.selected, self.offset, viewport, self.items.len());
    }

    /// The selected conversation.
    pub fn selected_item(&self) -> Option<&Conversation> {
        self.items.get(self.selected)
    }
}
