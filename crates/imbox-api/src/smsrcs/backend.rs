//! SMS/RCS behind the [`Backend`] interface: lookups become contacts, channels become threads.

use super::client::{INBOX_PER_PAGE, SmsrcsClient};
use super::group;
use super::inbox;
use super::lookup::{Lookup, LookupKind, Ref, normalise_phone};
use crate::ApiError;
use crate::backend::{ApiResult, Backend, BackendKind, Capabilities, MessagesQuery};
use crate::http::RetryObserver;
use crate::secret::Secret;
use imbox_model::{
    Contact, Conversation, InboxPage, InboxQuery, Message, MessageBody, OutgoingMessage, Page, Sender,
    ViewCounts,
};

/// Lookups, the contacts they find and those contacts' threads; the conversations list as one
/// inbox (newest activity first: no views, status filter or filters); replies, with the SMS
/// segment count. No contact list, editing or notifications.
pub const CAPABILITIES: Capabilities = Capabilities {
    contact_list: false,
    contact_search: true,
    lookup: true,
    contact_edit: false,
    edit_fields: &[],
    contact_files: false,
    contact_conversations: true,
    channel_filter: false,
    conversation_views: true,
    mark_conversation_read: false,
    notifications: false,
    dismiss_notifications: false,
    phone_links: false,
    phone_e164: false,
    cursor_history: false,
    mark_all_notifications_read: false,
    inbox_views: false,
    reply: true,
    private_notes: false,
    reply_to: false,
    reply_attachments: false,
    canned_responses: false,
    sms_segments: true,
    conversation_actions: false,
    bulk_actions: false,
    contact_by_id: false,
    realtime: false,
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
        let phone = r.lookups.iter().find(|l| l.kind == LookupKind::PhoneNumber);
        Ok(group::threads(&found)
            .iter()
            .filter(|t| channel_types.is_empty() || channel_types.contains(&t.channel))
            .map(|t| {
                let mut c = t.conversation(contact_id);
                // A conversation of the inbox (`cid_…` and number): its thread keeps the number,
                // so its id is the inbox row's and a reply needs no lookup.
                if let (LookupKind::ConversationId, Some(p)) = (t.lookup.kind, phone) {
                    let lookups = vec![t.lookup.clone(), p.clone()];
                    c.id = Ref { lookups, channel: Some(t.channel.clone()) }.encode();
                }
                c
            })
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

    /// The conversations list as the inbox: one list, newest activity first. The service sends
    /// bare pages without a total, so a full page means "more may follow" and the count is what
    /// is known (one more than read while a page was full). Views, status and `q` do not apply.
    async fn inbox(&self, query: &InboxQuery) -> ApiResult<InboxPage> {
        let page = query.page.max(1);
        let records = self.conversations_page(page, INBOX_PER_PAGE).await?;
        let full = records.len() >= INBOX_PER_PAGE as usize;
        let items = inbox::rows(&records);
        let skip = u64::from(page - 1) * u64::from(INBOX_PER_PAGE);
        let total = skip + items.len() as u64 + u64::from(full);
        Ok(InboxPage {
            page: Page { items, total, has_more: full },
            counts: ViewCounts { all: total, ..ViewCounts::default() },
        })
    }
}

impl SmsrcsClient {
    /// The phone number a reply in conversation `r` goes to: its phone lookup, else the
    /// contact's number in its messages (as last read, or read now).
    async fn recipient(&self, r: &Ref) -> ApiResult<String> {
        if let Some(l) = r.lookups.iter().find(|l| l.kind == LookupKind::PhoneNumber) {
            return Ok(l.value.clone());
        }
        for l in &r.lookups {
            let fetched = self.cached(l).await?;
            let phone = fetched.records.iter().find_map(|m| normalise_phone(&m.contact_phone));
            if let Some(phone) = phone {
                return Ok(phone);
            }
        }
        Err(ApiError::Invalid("no phone number is known for this conversation: cannot reply".into()))
    }
}

/// Agent actions: replies (SMS, RCS, live chat). Conversation actions, agents and canned
/// responses do not exist in the API.
impl crate::backend::AgentActions for SmsrcsClient {
    /// Sends `message` into the conversation on the thread's channel: an SMS through
    /// `POST /sms-campaign/send`, RCS and live chat through the multichannel send, with
    /// `request_id` = the message's `echo_id` (one is made when it is empty). Sent once, never
    /// retried; a refusal of an already used `request_id` answers the message as sent. The
    /// answer is the message as the agent sent it, status `sending` (the delivery report comes
    /// later, in the messages list), or `simulated` in simulation mode.
    async fn send_message(&self, conversation_id: &str, message: &OutgoingMessage) -> ApiResult<Message> {
        if message.private {
            return Err(ApiError::Unsupported { backend: "SMS/RCS", feature: "private notes" });
        }
        if !message.attachments.is_empty() {
            return Err(ApiError::Unsupported { backend: "SMS/RCS", feature: "attachments" });
        }
        let r = Ref::decode(conversation_id, "conversation id")?;
        let channel = r.channel.clone().unwrap_or_else(|| "sms".into());
        if !matches!(channel.as_str(), "sms" | "rcs" | "live_chat") {
            return Err(ApiError::Invalid(format!(
                "replying on {} is not supported (SMS, RCS and live chat are)",
                group::channel_label(&channel)
            )));
        }
        let phone = self.recipient(&r).await?;
        let request_id = if message.echo_id.trim().is_empty() {
            format!("imbox-{}", jiff::Timestamp::now().as_nanosecond())
        } else {
            message.echo_id.clone()
        };
        let cid = r.lookups.iter().find(|l| l.kind == LookupKind::ConversationId).map(|l| l.value.as_str());
        let reply = self.send_text(&channel, &phone, cid, &message.content, &request_id).await?;
        let (id, status) = match (&reply, self.simulation_mode()) {
            (_, true) => (request_id.clone(), "simulated".to_string()),
            (Some(r), false) => (
                if r.ticket.is_empty() { request_id.clone() } else { r.ticket.clone() },
                if r.status.is_empty() { "sending".to_string() } else { r.status.to_lowercase() },
            ),
            (None, false) => (request_id.clone(), "sending".to_string()),
        };
        Ok(Message {
            id,
            conversation_id: conversation_id.to_string(),
            sender: Sender::Agent,
            created_at: Some(jiff::Timestamp::now()),
            body: MessageBody::Text { text: message.content.clone(), is_mail: false },
            status,
            channel,
            echo_id: request_id,
            ..Message::default()
        })
    }
}

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
