//! The envelopes around the objects: list wrappers with their `meta` (view counts, contact
//! counts, `current_page`), and the inbox/team/label lists behind the inbox filters.

use super::contact::WireContact;
use super::conversation::WireConversation;
use super::message::WireMessage;
use super::scalar::Scalar;
use imbox_model::ViewCounts;
use serde::Deserialize;
use serde_json::Value;

/// The view counts of the conversations index, `meta` and filter endpoints.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ViewCountsWire {
    /// Assigned to me.
    pub mine_count: Scalar,
    /// Assigned to somebody (absent from search and filter replies).
    pub assigned_count: Scalar,
    /// Assigned to nobody.
    pub unassigned_count: Scalar,
    /// All matches.
    pub all_count: Scalar,
    /// 99digital only; accepted, not shown (upstream has no "new" view).
    pub new_count: Scalar,
}

impl ViewCountsWire {
    /// The domain counts; a missing `assigned_count` is `all − unassigned`, as upstream
    /// computes it.
    pub fn counts(&self) -> ViewCounts {
        let all = self.all_count.count().unwrap_or(0);
        let unassigned = self.unassigned_count.count().unwrap_or(0);
        ViewCounts {
            mine: self.mine_count.count().unwrap_or(0),
            unassigned,
            assigned: self.assigned_count.count().unwrap_or(all.saturating_sub(unassigned)),
            all,
        }
    }
}

/// `GET conversations`: `{data: {meta, payload}}` upstream; `{meta, payload}` (no `data`) from
/// the filter endpoint and `{payload}` from a contact's conversations are read by the same type.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ConversationList {
    /// The wrapper of the index.
    pub data: Option<ConversationListBody>,
    /// Counts, when not wrapped.
    pub meta: Option<ViewCountsWire>,
    /// Conversations, when not wrapped.
    pub payload: Option<Vec<WireConversation>>,
}

/// The inside of `data`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ConversationListBody {
    /// The view counts.
    pub meta: Option<ViewCountsWire>,
    /// The conversations of this page.
    pub payload: Option<Vec<WireConversation>>,
}

impl ConversationList {
    /// The counts and the conversations, wherever the server put them.
    pub fn into_parts(self) -> (ViewCounts, Vec<WireConversation>) {
        let (meta, payload) = match self.data {
            Some(d) => (d.meta.or(self.meta), d.payload.or(self.payload)),
            None => (self.meta, self.payload),
        };
        (meta.unwrap_or_default().counts(), payload.unwrap_or_default())
    }
}

/// `GET conversations/meta`: `{meta: {…counts}}`, no `data` wrapper.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ConversationsMeta {
    /// The counts.
    pub meta: Option<ViewCountsWire>,
}

/// `GET conversations/{id}/messages`: `{meta, payload}`, payload ascending by time.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct MessageList {
    /// Labels, contact, assignee, last-seen times; not needed for the thread.
    pub meta: Option<Value>,
    /// The messages, oldest first.
    pub payload: Option<Vec<WireMessage>>,
}

/// `GET contacts` and `contacts/search`: `{meta: {count, current_page}, payload}`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ContactList {
    /// Counts.
    pub meta: Option<ListMeta>,
    /// The contacts of this page.
    pub payload: Option<Vec<WireContact>>,
}

/// A contact or notification list's `meta`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ListMeta {
    /// Every match (null after a blank search).
    pub count: Scalar,
    /// `1` when no page was sent, the string `"2"` when one was.
    pub current_page: Scalar,
    /// Unread notifications (notifications only).
    pub unread_count: Scalar,
}

/// `GET contacts/{id}` and the update reply: `{payload: ContactCard}`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ContactShow {
    /// The contact.
    pub payload: Option<WireContact>,
}

/// An inbox, team or label of the filter lists (upstream shapes, not in the reference).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Named {
    /// Id.
    pub id: Scalar,
    /// Inbox or team name.
    pub name: Scalar,
    /// Label title.
    pub title: Scalar,
}

/// A filter list: inboxes and labels come as `{"payload": [...]}`, teams as a bare array.
#[derive(Debug, Default)]
pub struct NamedList(pub Vec<Named>);

impl NamedList {
    /// Reads either shape from a decoded body; items that are not objects are skipped.
    pub fn from_value(body: Value) -> Self {
        NamedList(super::agent::list_items(body))
    }

    /// `(id, name)` pairs (a label's `title` when it has no `name`), skipping unusable rows.
    pub fn pairs(&self) -> Vec<(u64, String)> {
        self.0
            .iter()
            .filter_map(|n| {
                let name = if n.name.is_set() { n.name.line() } else { n.title.line() };
                Some((n.id.count()?, name)).filter(|(_, name)| !name.is_empty())
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn assigned_is_derived_when_missing() {
        let w: ViewCountsWire =
            serde_json::from_value(json!({"mine_count":1,"unassigned_count":"3","all_count":10})).unwrap();
        assert_eq!(w.counts(), ViewCounts { mine: 1, unassigned: 3, assigned: 7, all: 10 });
    }

    #[test]
    fn filter_lists_in_both_shapes() {
        let teams = NamedList::from_value(json!([{"id":2,"name":"billing"},"junk",{"id":null,"name":"x"}]));
        assert_eq!(teams.pairs(), vec![(2, "billing".to_string())]);
        let labels = NamedList::from_value(json!({"payload":[{"id":"5","title":"vip"}]}));
        assert_eq!(labels.pairs(), vec![(5, "vip".to_string())]);
        assert!(NamedList::from_value(json!("nope")).pairs().is_empty());
    }
}
