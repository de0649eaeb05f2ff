//! Chatwoot behind the [`Backend`] interface.

use super::ChatwootClient;
use crate::backend::{AgentActions, ApiResult, Backend, BackendKind, Capabilities, MessagesQuery};
use crate::http::RetryObserver;
use crate::secret::Secret;
use imbox_model::{
    Agent, CannedResponse, Contact, ContactUpdate, Conversation, ConversationAction, FilterOptions,
    InboxPage, InboxQuery, Message, NotificationPage, OutgoingMessage, Page,
};

/// What Chatwoot offers imbox: the conversation inbox with views, contacts with E.164 phones,
/// history by message id, a notification centre that can mark all read and delete, and
/// answering: replies, private notes, quoting, files, canned responses, conversation actions
/// one by one and in bulk; and the realtime channel.
pub const CAPABILITIES: Capabilities = Capabilities {
    contact_list: true,
    contact_search: true,
    lookup: false,
    contact_edit: true,
    edit_fields: &["first_name", "last_name", "email", "phone_number", "avatar_url"],
    contact_files: false,
    contact_conversations: true,
    channel_filter: false,
    conversation_views: true,
    mark_conversation_read: true,
    notifications: true,
    dismiss_notifications: true,
    phone_links: false,
    phone_e164: true,
    cursor_history: true,
    mark_all_notifications_read: true,
    inbox_views: true,
    reply: true,
    private_notes: true,
    reply_to: true,
    reply_attachments: true,
    canned_responses: true,
    sms_segments: false,
    conversation_actions: true,
    bulk_actions: true,
    contact_by_id: false,
    realtime: true,
};

impl Backend for ChatwootClient {
    fn kind(&self) -> BackendKind {
        BackendKind::Chatwoot
    }
    fn capabilities(&self) -> Capabilities {
        CAPABILITIES
    }
    fn with_token(&self, token: Secret) -> ApiResult<Self> {
        ChatwootClient::with_token(self, token)
    }
    fn with_retry_observer(self, observer: RetryObserver) -> Self {
        ChatwootClient::with_retry_observer(self, observer)
    }
    /// `GET conversations/meta`: cheap, needs a valid token and membership of the account.
    async fn check_token(&self) -> ApiResult<()> {
        self.conversation_counts(&InboxQuery::default()).await.map(drop)
    }
    async fn contacts(&self, limit: u32, skip: u64) -> ApiResult<Page<Contact>> {
        ChatwootClient::contacts(self, limit, skip).await
    }
    async fn search_contacts(&self, q: &str, limit: u32, skip: u64) -> ApiResult<Page<Contact>> {
        ChatwootClient::search_contacts(self, q, limit, skip).await
    }
    async fn update_contact(&self, id: &str, update: &ContactUpdate) -> ApiResult<Option<Contact>> {
        ChatwootClient::update_contact(self, id, update).await
    }
    /// Chatwoot cannot filter a contact's conversations by channel; the filter is applied here.
    async fn contact_conversations(
        &self,
        id: &str,
        channel_types: &[String],
    ) -> ApiResult<Vec<Conversation>> {
        let mut all = ChatwootClient::contact_conversations(self, id).await?;
        if !channel_types.is_empty() {
            all.retain(|c| channel_types.iter().any(|t| t.eq_ignore_ascii_case(&c.channel_type)));
        }
        Ok(all)
    }
    async fn messages(&self, conversation_id: &str, query: &MessagesQuery) -> ApiResult<Page<Message>> {
        self.conversation_messages(conversation_id, query).await
    }
    async fn inbox(&self, query: &InboxQuery) -> ApiResult<InboxPage> {
        self.conversations(query).await
    }
    async fn filter_options(&self) -> ApiResult<FilterOptions> {
        ChatwootClient::filter_options(self).await
    }
    async fn mark_conversation_read(&self, conversation_id: &str) -> ApiResult<()> {
        self.update_last_seen(conversation_id).await.map(drop)
    }
    async fn unread_count(&self) -> ApiResult<u64> {
        // The badge the web app shows: unread and not snoozed (the index's meta counts snoozed
        // ones too when they are included).
        ChatwootClient::unread_count(self).await
    }
    async fn notifications(&self, limit: u32, skip: u64) -> ApiResult<NotificationPage> {
        ChatwootClient::notifications(self, limit, skip).await
    }
    /// One `PATCH` per id, in order; stops at the first failure.
    async fn mark_notifications_read(&self, ids: &[String]) -> ApiResult<()> {
        for id in ids {
            self.mark_notification_read(id).await?;
        }
        Ok(())
    }
    async fn mark_all_notifications_read(&self) -> ApiResult<()> {
        self.read_all_notifications().await
    }
    /// One `DELETE` per id, in order; stops at the first failure.
    async fn dismiss_notifications(&self, ids: &[String]) -> ApiResult<()> {
        for id in ids {
            self.delete_notification(id).await?;
        }
        Ok(())
    }
    /// `read` deletes the read notifications; any other kind (iMBRACE's `conversations`
    /// included, since every Chatwoot notification is about a conversation) deletes all.
    async fn dismiss_all_notifications(&self, kind: &str) -> ApiResult<()> {
        self.destroy_all_notifications(if kind == "read" { "read" } else { "all" }).await
    }
}

/// Answering customers (`super::actions`).
impl AgentActions for ChatwootClient {
    async fn profile(&self) -> ApiResult<Agent> {
        ChatwootClient::profile(self).await
    }
    async fn agents(&self) -> ApiResult<Vec<Agent>> {
        ChatwootClient::agents(self).await
    }
    async fn canned_responses(&self, search: &str) -> ApiResult<Vec<CannedResponse>> {
        ChatwootClient::canned_responses(self, search).await
    }
    async fn send_message(&self, conversation_id: &str, message: &OutgoingMessage) -> ApiResult<Message> {
        ChatwootClient::send_message(self, conversation_id, message).await
    }
    async fn act_on_conversation(&self, conversation_id: &str, action: &ConversationAction) -> ApiResult<()> {
        ChatwootClient::act_on_conversation(self, conversation_id, action).await
    }
    async fn conversation_labels(&self, conversation_id: &str) -> ApiResult<Vec<String>> {
        ChatwootClient::conversation_labels(self, conversation_id).await
    }
    async fn bulk_action(&self, conversation_ids: &[String], action: &ConversationAction) -> ApiResult<()> {
        ChatwootClient::bulk_action(self, conversation_ids, action).await
    }
}
