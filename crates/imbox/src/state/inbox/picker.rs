//! The filter picker (`f`): the inboxes, teams and labels the server offers, in one list.
//! Enter on an item sets that filter (or removes it when it is already set; labels add up),
//! `x` clears them all, Esc closes.

use super::InboxState;
use imbox_model::FilterOptions;

/// One choice of the picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickerItem {
    /// Only this inbox: (id, name).
    Inbox(u64, String),
    /// Only this team: (id, name).
    Team(u64, String),
    /// Conversations with this label.
    Label(String),
}

impl PickerItem {
    /// The group heading the item is listed under.
    pub fn group(&self) -> &'static str {
        match self {
            PickerItem::Inbox(..) => "Inboxes",
            PickerItem::Team(..) => "Teams",
            PickerItem::Label(_) => "Labels",
        }
    }

    /// The text shown.
    pub fn label(&self) -> &str {
        match self {
            PickerItem::Inbox(_, name) | PickerItem::Team(_, name) | PickerItem::Label(name) => name,
        }
    }
}

/// The picker's cursor (an index into [`items`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Picker {
    /// The item under the cursor.
    pub selected: usize,
}

/// Every choice, grouped: inboxes, teams, labels.
pub fn items(options: &FilterOptions) -> Vec<PickerItem> {
    let inboxes = options.inboxes.iter().map(|(id, n)| PickerItem::Inbox(*id, n.clone()));
    let teams = options.teams.iter().map(|(id, n)| PickerItem::Team(*id, n.clone()));
    let labels = options.labels.iter().map(|l| PickerItem::Label(l.clone()));
    inboxes.chain(teams).chain(labels).collect()
}

impl InboxState {
    /// The picker's choices (none until the options are loaded).
    pub fn picker_items(&self) -> Vec<PickerItem> {
        self.options.options.as_ref().map(items).unwrap_or_default()
    }

    /// Whether `item` is one of the filters in force.
    pub fn is_chosen(&self, item: &PickerItem) -> bool {
        match item {
            PickerItem::Inbox(id, _) => self.inbox.as_ref().is_some_and(|(i, _)| i == id),
            PickerItem::Team(id, _) => self.team.as_ref().is_some_and(|(i, _)| i == id),
            PickerItem::Label(l) => self.labels.contains(l),
        }
    }

    /// Sets the filter `item` stands for, or removes it when it is set.
    pub(super) fn toggle(&mut self, item: PickerItem) {
        let chosen = self.is_chosen(&item);
        match item {
            PickerItem::Inbox(id, name) => self.inbox = (!chosen).then_some((id, name)),
            PickerItem::Team(id, name) => self.team = (!chosen).then_some((id, name)),
            PickerItem::Label(l) if chosen => self.labels.retain(|x| *x != l),
            PickerItem::Label(l) => self.labels.push(l),
        }
    }
}
