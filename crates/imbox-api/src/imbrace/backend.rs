//! iMBRACE behind the [`Backend`] interface: every feature, through the endpoint methods.

use super::{ImbraceClient, Layout};
use crate::backend::{ApiResult, Backend, BackendKind, Capabilities, MessagesQuery};
use crate::http::RetryObserver;
use crate::secret::Secret;
use imbox_model::{
    Comment, Contact, ContactFile, ContactUpdate, Conversation, Message, NotificationPage, Page, PhoneLinks,
};

/// Everything iMBRACE offers through the seeds, and one contact by id (the channel-service
/// layout's; [`ImbraceClient`]'s `capabilities` turns it off once the seed layout is in use).
pub const CAPABILITIES: Capabilities = Capabilities {
    contact_list: true,
    contact_search: true,
    lookup: false,
    contact_edit: true,
    edit_fields: &[
        "first_name",
        "last_name",
        "email",
        "area_code",
        "phone_number",
        "gender",
        "language",
        "avatar_url",
        "remark",
    ],
    contact_files: true,
    contact_conversations: true,
    contact_by_id: true,
    channel_filter: true,
    conversation_views: false,
    mark_conversation_read: false,
    notifications: true,
    dismiss_notifications: true,
    phone_links: true,
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
    realtime: false,
};

impl Backend for ImbraceClient {
    fn kind(&self) -> BackendKind {
        BackendKind::Imbrace
    }
    fn capabilities(&self) -> Capabilities {
        // Undecided (`auto` before its probe) counts as available: the call then finds out.
        Capabilities { contact_by_id: self.layout() != Some(Layout::Seed), ..CAPABILITIES }
    }
    fn with_token(&self, token: Secret) -> ApiResult<Self> {
        ImbraceClient::with_token(self, token)
    }
    fn with_retry_observer(self, observer: RetryObserver) -> Self {
        ImbraceClient::with_retry_observer(self, observer)
    }
    async fn check_token(&self) -> ApiResult<()> {
        ImbraceClient::contacts(self, 1, 0, "-created_at").await.map(|_| ())
    }
    async fn contacts(&self, limit: u32, skip: u64) -> ApiResult<Page<Contact>> {
        ImbraceClient::contacts(self, limit, skip, "-created_at").await
    }
    async fn search_contacts(&self, q: &str, limit: u32, skip: u64) -> ApiResult<Page<Contact>> {
        ImbraceClient::search_contacts(self, q, "text", limit, skip).await
    }
    async fn contact(&self, contact_id: &str) -> ApiResult<Option<Contact>> {
        ImbraceClient::contact(self, contact_id).await
    }
    async fn update_contact(&self, id: &str, update: &ContactUpdate) -> ApiResult<Option<Contact>> {
        ImbraceClient::update_contact(self, id, update).await
    }
    async fn contact_conversations(
        &self,
        id: &str,
        channel_types: &[String],
    ) -> ApiResult<Vec<Conversation>> {
        ImbraceClient::contact_conversations(self, id, channel_types).await
    }
    async fn messages(&self, conversation_id: &str, query: &MessagesQuery) -> ApiResult<Page<Message>> {
        self.conversation_messages(conversation_id, query.limit, query.skip).await
    }
    async fn notifications(&self, limit: u32, skip: u64) -> ApiResult<NotificationPage> {
        ImbraceClient::notifications(self, limit, skip).await
    }
    async fn mark_notifications_read(&self, ids: &[String]) -> ApiResult<()> {
        ImbraceClient::mark_notifications_read(self, ids).await
    }
    async fn dismiss_notifications(&self, ids: &[String]) -> ApiResult<()> {
        ImbraceClient::dismiss_notifications(self, ids).await
    }
    async fn dismiss_all_notifications(&self, kind: &str) -> ApiResult<()> {
        ImbraceClient::dismiss_all_notifications(self, kind).await
    }
    async fn phone_links(&self, phones: &[String], organization_id: &str) -> ApiResult<Vec<PhoneLinks>> {
        self.conversation_links(phones, organization_id).await
    }
    async fn contact_comments(&self, contact_id: &str, comment_id: &str) -> ApiResult<Vec<Comment>> {
        ImbraceClient::contact_comments(self, contact_id, comment_id).await
    }
    async fn contact_files(&self, contact_id: &str) -> ApiResult<Vec<ContactFile>> {
        ImbraceClient::contact_files(self, contact_id).await
    }
    async fn upload_contact_file(&self, file_name: &str, bytes: Vec<u8>, mime: &str) -> ApiResult<String> {
        ImbraceClient::upload_contact_file(self, file_name, bytes, mime).await
    }
}

/// Agent actions: none yet (every call answers unsupported).
impl crate::backend::AgentActions for ImbraceClient {}
