//! SMS/RCS behind the [`Backend`] interface: lookups become contacts, channels become threads.

use super::client::SmsrcsClient;
use super::group;
use super::lookup::{Lookup, Ref};
use crate::ApiError;
use crate::backend::{ApiResult, Backend, BackendKind, Capabilities, MessagesQuery};
use crate::http::RetryObserver;
use crate::secret::Secret;
use imbox_model::{Contact, Conversation, Message, Page};

/// What the seed's one endpoint supports: lookups, the contacts they find and those contacts'
/// threads. No contact list, editing, notifications or conversation inbox.
pub const CAPABILITIES: Capabilities = Capabilities {
    contact_list: false,
    contact_search: true,
    lookup: true,
    contact_edit: false,
    edit_fields: &[],
    contact_files: false,
    contact_conversations: true,
    channel_filter: false,
    conversation_views: false,
    mark_conversation_read: false,
    notifications: false,
    dismiss_notifications: false,
    phone_links: false,
    phone_e164: false,
    cursor_history: false,
    mark_all_notifications_read: false,
    inbox_views: false,
    reply: false,
    private_notes: false,
    reply_to: false,
    reply_attachments: false,
    canned_responses: false,
    sms_segments: false,
    conversation_actions: false,
    bulk_actions: false,
};

/// `items[skip..skip + limit]` as a page of `items.len()`.
fn slice<T: Clone>(items: &[T], skip: u64, limit: u32) -> Page<T> {
    let start = (skip.min(items.len() as u64)) as usize;
    let end = start.saturating_add(limit as usize).min(items.len());
    Page { items: items[start..end].to_vec(), total: items.len() as u64, has_more: end < items.len() }
}

impl SmsrcsClient {
    /// Runs every lookup of `r` (fresh from the server), in order.
    async fn run(&self, r: &Ref) -> ApiResult<Vec<(Lookup, Vec<super::wire::Record>, bool)>> {
        let mut found = Vec::with_capacity(r.lookups.len());
        for l in &r.lookups {
            let f = self.fetch(l).await?;
            found.push((l.clone(), f.records.clone(), f.capped));
        }
        Ok(found)
    }
}

impl Backend for SmsrcsClient {
    fn kind(&self) -> BackendKind {
        BackendKind::Smsrcs
    }
    fn capabilities(&self) -> Capabilities {
        CAPABILITIES
    }
    fn with_token(&self, token: Secret) -> ApiResult<Self> {
        SmsrcsClient::with_token(self, token)
    }
    fn with_retry_observer(self, observer: RetryObserver) -> Self {
        SmsrcsClient::with_retry_observer(self, observer)
    }

    /// One page of one message with no lookup: only a rejected key or login fails it (a server
    /// that wants a lookup and refuses with another 4xx still accepted the credentials).
    async fn check_token(&self) -> ApiResult<()> {
        match self.messages_page(None, 1, 1).await {
            Ok(_) | Err(ApiError::BadRequest { .. } | ApiError::NotFound { .. }) => Ok(()),
            Err(e) => Err(e),
        }
    }

    /// The lookup: `q` is classified ([`Lookup::parse`]), every page read, and the messages
    /// grouped into contacts.
    async fn search_contacts(&self, q: &str, limit: u32, skip: u64) -> ApiResult<Page<Contact>> {
        let lookup = Lookup::parse(q)?;
        let fetched = self.fetch(&lookup).await?;
        let contacts = group::contacts(&fetched.records, &lookup, fetched.capped);
        Ok(slice(&contacts, skip, limit))
    }

    /// The threads of a contact found by [`Backend::search_contacts`], one per channel, newest
    /// activity first.
    async fn contact_conversations(
        &self,
        contact_id: &str,
        channel_types: &[String],
    ) -> ApiResult<Vec<Conversation>> {
        let r = Ref::decode(contact_id, "contact id")?;
        let found = self.run(&r).await?;
        Ok(group::threads(&found)
            .iter()
            .filter(|t| channel_types.is_empty() || channel_types.contains(&t.channel))
            .map(|t| t.conversation(contact_id))
            .collect())
    }

    /// A thread newest first, with its total. The first page is read fresh; older pages come
    /// from the same snapshot, so they line up with it.
    async fn messages(&self, conversation_id: &str, query: &MessagesQuery) -> ApiResult<Page<Message>> {
        let r = Ref::decode(conversation_id, "conversation id")?;
        let (Some(lookup), Some(channel)) = (r.lookups.first(), r.channel.as_ref()) else {
            return Err(ApiError::Invalid("an SMS/RCS conversation id names a lookup and a channel".into()));
        };
        let fetched = if query.skip == 0 { self.fetch(lookup).await? } else { self.cached(lookup).await? };
        // The server lists oldest first (see docs/api-coverage.md); the thread wants newest first.
        let mut thread: Vec<Message> = fetched
            .records
            .iter()
            .filter(|m| &m.channel == channel)
            .enumerate()
            .map(|(i, m)| group::message(m, conversation_id, i))
            .collect();
        thread.reverse();
        Ok(slice(&thread, query.skip, query.limit.max(1)))
    }
}

/// Agent actions: none yet (every call answers unsupported).
impl crate::backend::AgentActions for SmsrcsClient {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_are_bounded() {
        let v: Vec<u32> = (0..5).collect();
        assert_eq!(slice(&v, 0, 2), Page { items: vec![0, 1], total: 5, has_more: true });
        assert_eq!(slice(&v, 4, 10), Page { items: vec![4], total: 5, has_more: false });
        assert_eq!(slice(&v, 9, 10), Page { items: vec![], total: 5, has_more: false });
    }
}
