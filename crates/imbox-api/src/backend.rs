//! The one interface every server kind implements, and what each one can do.
//!
//! A backend turns domain requests into its own HTTP calls and its wire types into the domain
//! model ([`imbox_model`]); nothing past this boundary knows which server it talks to. Each
//! backend declares its [`Capabilities`], and the UI offers only those (a key for a missing
//! feature says so in the status bar instead of doing nothing).
//!
//! The trait uses `impl Future + Send` methods, which are not object safe, so the worker holds an
//! [`AnyBackend`] enum that forwards to the concrete client: the set of backends is closed, and
//! static dispatch keeps every call free of boxing.

use crate::ApiError;
use crate::chatwoot::ChatwootClient;
use crate::chatwoot::realtime::RealtimeParams;
use crate::http::RetryObserver;
use crate::imbrace::ImbraceClient;
use crate::secret::Secret;
use crate::smsrcs::SmsrcsClient;
use imbox_model::{
    Agent, CannedResponse, Comment, Contact, ContactFile, ContactUpdate, Conversation, ConversationAction,
    FilterOptions, InboxPage, InboxQuery, Message, NotificationPage, OutgoingMessage, Page, PhoneLinks,
};
use std::future::Future;

/// Which server kind a backend speaks (`backend = "…"` in a profile).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BackendKind {
    /// iMBRACE (seeds 000 and 002).
    #[default]
    Imbrace,
    /// Chatwoot and Chatwoot-based servers (seeds 003 and 004).
    Chatwoot,
    /// The SMS/RCS conversation API (seed 001).
    Smsrcs,
}

impl BackendKind {
    /// The name shown in the header and messages.
    pub fn name(self) -> &'static str {
        match self {
            BackendKind::Imbrace => "iMBRACE",
            BackendKind::Chatwoot => "Chatwoot",
            BackendKind::Smsrcs => "SMS/RCS",
        }
    }

    /// Parses `imbrace`, `chatwoot` or `smsrcs` (as in the config and `--backend`).
    pub fn from_name(name: &str) -> Option<Self> {
        match name.to_ascii_lowercase().as_str() {
            "imbrace" => Some(BackendKind::Imbrace),
            "chatwoot" => Some(BackendKind::Chatwoot),
            "smsrcs" | "sms" | "rcs" | "sms/rcs" => Some(BackendKind::Smsrcs),
            _ => None,
        }
    }
}

/// What a backend can do; the UI shows only these features.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Capabilities {
    /// A paged list of every contact (iMBRACE, Chatwoot).
    pub contact_list: bool,
    /// Free-text contact search.
    pub contact_search: bool,
    /// Looking up conversations by phone, e-mail, `fid_…` or `cid_…` (SMS/RCS; the search line).
    pub lookup: bool,
    /// Editing a contact through the form.
    pub contact_edit: bool,
    /// Which edit-form fields map onto the backend (by [`ContactUpdate`] field name).
    pub edit_fields: &'static [&'static str],
    /// A contact's files, comments and file upload (iMBRACE).
    pub contact_files: bool,
    /// The conversations of one contact.
    pub contact_conversations: bool,
    /// One contact by id ([`Backend::contact`]; iMBRACE's channel-service layout), to show a
    /// person where only a contact id is known. Where a backend's layout is found at start
    /// (iMBRACE `auto`) this is `true` until the seed layout is found; [`Backend::contact`] then
    /// answers [`ApiError::Unsupported`], which callers treat as "show the id".
    pub contact_by_id: bool,
    /// The channel-type filter of a contact's conversations (iMBRACE `c`).
    pub channel_filter: bool,
    /// An inbox of conversations with views, counts and filters (Chatwoot).
    pub conversation_views: bool,
    /// Marking a conversation read when it is opened (Chatwoot `update_last_seen`).
    pub mark_conversation_read: bool,
    /// A notification centre with an unread badge.
    pub notifications: bool,
    /// Deleting (dismissing) notifications.
    pub dismiss_notifications: bool,
    /// Conversation links by phone number (iMBRACE).
    pub phone_links: bool,
    /// Phone numbers are one E.164 string (`+972501234567`, Chatwoot) rather than area code and
    /// number (iMBRACE); the form shows and checks one field then.
    pub phone_e164: bool,
    /// Message history pages by message id ([`MessagesQuery::before`] / [`MessagesQuery::after`],
    /// Chatwoot) rather than by offset; the total is then unknown.
    pub cursor_history: bool,
    /// Marking every notification read in one call.
    pub mark_all_notifications_read: bool,
    /// The inbox has views (Mine, Unassigned, All) with counts, a status filter and filters
    /// (Chatwoot). Without it, an inbox (`conversation_views`) is one list, newest activity first
    /// (the SMS/RCS conversation list).
    pub inbox_views: bool,
    /// Sending a reply into a conversation ([`Backend::send_message`]).
    pub reply: bool,
    /// Private notes: messages only agents see.
    pub private_notes: bool,
    /// Quoting the message a reply answers (`in_reply_to`).
    pub reply_to: bool,
    /// Files attached to a reply.
    pub reply_attachments: bool,
    /// Canned responses to insert into a reply.
    pub canned_responses: bool,
    /// Replies on the `sms` channel are SMS: the composer shows the segment count and encoding
    /// and asks before sending more than one segment.
    pub sms_segments: bool,
    /// Status (resolve, reopen, pending, snooze), assignment, labels, priority, mark unread
    /// ([`Backend::act_on_conversation`]).
    pub conversation_actions: bool,
    /// One action on several conversations in one request ([`Backend::bulk_action`]).
    pub bulk_actions: bool,
    /// A realtime channel pushes changes ([`AnyBackend::realtime_params`], [`crate::realtime`];
    /// Chatwoot). Without it, what is on screen is polled.
    pub realtime: bool,
}

/// Where a page of messages starts. Each backend uses what its API understands: iMBRACE pages by
/// `skip`/`limit` from the newest; Chatwoot by message id (`before` the oldest held to scroll
/// back, `after` the newest held to catch up).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MessagesQuery {
    /// Messages to skip from the newest.
    pub skip: u64,
    /// Page size asked for (a backend may answer with its own fixed size).
    pub limit: u32,
    /// Only messages older than this id.
    pub before: Option<String>,
    /// Only messages newer than this id.
    pub after: Option<String>,
}

/// The result of a call on a backend.
pub type ApiResult<T> = Result<T, ApiError>;

/// The error for a feature `backend` does not have.
pub fn unsupported<T>(backend: BackendKind, feature: &'static str) -> ApiResult<T> {
    Err(ApiError::Unsupported { backend: backend.name(), feature })
}

/// One server kind behind one interface. Every method has a default that answers
/// [`ApiError::Unsupported`], so a backend implements only what its [`Capabilities`] declare.
pub trait Backend: Clone + Send + Sync + 'static {
    /// Which server kind this is.
    fn kind(&self) -> BackendKind;

    /// What it can do.
    fn capabilities(&self) -> Capabilities;

    /// The same server and settings with another token (the in-app re-login).
    fn with_token(&self, token: Secret) -> ApiResult<Self>;

    /// Reports every upcoming retry to `observer`.
    fn with_retry_observer(self, observer: RetryObserver) -> Self;

    /// One cheap call that proves the token works (login, re-login).
    fn check_token(&self) -> impl Future<Output = ApiResult<()>> + Send;

    /// A page of contacts, newest first.
    fn contacts(&self, limit: u32, skip: u64) -> impl Future<Output = ApiResult<Page<Contact>>> + Send {
        let _ = (limit, skip);
        async move { unsupported(self.kind(), "contact list") }
    }

    /// Contacts matching `q` (for SMS/RCS: the contacts a lookup finds).
    fn search_contacts(
        &self,
        q: &str,
        limit: u32,
        skip: u64,
    ) -> impl Future<Output = ApiResult<Page<Contact>>> + Send {
        let _ = (q, limit, skip);
        async move { unsupported(self.kind(), "contact search") }
    }

    /// One contact by id; `Ok(None)` when the server has no such contact. See
    /// [`Capabilities::contact_by_id`].
    fn contact(&self, contact_id: &str) -> impl Future<Output = ApiResult<Option<Contact>>> + Send {
        let _ = contact_id;
        async move { unsupported(self.kind(), "one contact by id") }
    }

    /// Saves `update`; `None` when the server answered without the contact.
    fn update_contact(
        &self,
        contact_id: &str,
        update: &ContactUpdate,
    ) -> impl Future<Output = ApiResult<Option<Contact>>> + Send {
        let _ = (contact_id, update);
        async move { unsupported(self.kind(), "contact editing") }
    }

    /// A contact's conversations, optionally only of some channel types.
    fn contact_conversations(
        &self,
        contact_id: &str,
        channel_types: &[String],
    ) -> impl Future<Output = ApiResult<Vec<Conversation>>> + Send {
        let _ = (contact_id, channel_types);
        async move { unsupported(self.kind(), "contact conversations") }
    }

    /// A page of a conversation's messages, newest first.
    fn messages(
        &self,
        conversation_id: &str,
        query: &MessagesQuery,
    ) -> impl Future<Output = ApiResult<Page<Message>>> + Send;

    /// A page of the conversation inbox with the view counts.
    fn inbox(&self, query: &InboxQuery) -> impl Future<Output = ApiResult<InboxPage>> + Send {
        let _ = query;
        async move { unsupported(self.kind(), "conversation views") }
    }

    /// The inboxes, teams and labels the inbox filters offer.
    fn filter_options(&self) -> impl Future<Output = ApiResult<FilterOptions>> + Send {
        async move { unsupported(self.kind(), "conversation filters") }
    }

    /// Marks a conversation read (its unread count becomes 0).
    fn mark_conversation_read(&self, conversation_id: &str) -> impl Future<Output = ApiResult<()>> + Send {
        let _ = conversation_id;
        async move { unsupported(self.kind(), "marking conversations read") }
    }

    /// A page of notifications with the unread count.
    fn notifications(
        &self,
        limit: u32,
        skip: u64,
    ) -> impl Future<Output = ApiResult<NotificationPage>> + Send {
        let _ = (limit, skip);
        async move { unsupported(self.kind(), "notifications") }
    }

    /// The unread count for the header badge (default: from the first notifications page).
    fn unread_count(&self) -> impl Future<Output = ApiResult<u64>> + Send {
        async move { self.notifications(1, 0).await.map(|p| p.unread_count) }
    }

    /// Marks notifications read.
    fn mark_notifications_read(&self, ids: &[String]) -> impl Future<Output = ApiResult<()>> + Send {
        let _ = ids;
        async move { unsupported(self.kind(), "notifications") }
    }

    /// Marks every notification read.
    fn mark_all_notifications_read(&self) -> impl Future<Output = ApiResult<()>> + Send {
        async move { unsupported(self.kind(), "marking all notifications read") }
    }

    /// Deletes (dismisses) notifications.
    fn dismiss_notifications(&self, ids: &[String]) -> impl Future<Output = ApiResult<()>> + Send {
        let _ = ids;
        async move { unsupported(self.kind(), "dismissing notifications") }
    }

    /// Deletes every notification of `kind` (`all` or `read`).
    fn dismiss_all_notifications(&self, kind: &str) -> impl Future<Output = ApiResult<()>> + Send {
        let _ = kind;
        async move { unsupported(self.kind(), "dismissing notifications") }
    }

    /// Conversation links for phone numbers.
    fn phone_links(
        &self,
        phone_numbers: &[String],
        organization_id: &str,
    ) -> impl Future<Output = ApiResult<Vec<PhoneLinks>>> + Send {
        let _ = (phone_numbers, organization_id);
        async move { unsupported(self.kind(), "phone links") }
    }

    /// A contact's comments.
    fn contact_comments(
        &self,
        contact_id: &str,
        comment_id: &str,
    ) -> impl Future<Output = ApiResult<Vec<Comment>>> + Send {
        let _ = (contact_id, comment_id);
        async move { unsupported(self.kind(), "contact comments") }
    }

    /// A contact's files.
    fn contact_files(&self, contact_id: &str) -> impl Future<Output = ApiResult<Vec<ContactFile>>> + Send {
        let _ = contact_id;
        async move { unsupported(self.kind(), "contact files") }
    }

    /// Uploads a file; returns where it now lives.
    fn upload_contact_file(
        &self,
        file_name: &str,
        bytes: Vec<u8>,
        mime: &str,
    ) -> impl Future<Output = ApiResult<String>> + Send {
        let _ = (file_name, bytes, mime);
        async move { unsupported(self.kind(), "file upload") }
    }
}

/// What an agent does: send, act on conversations, and the pickers those need. Split from
/// [`Backend`] only to keep each trait readable; every backend implements both, and every
/// method answers [`ApiError::Unsupported`] unless the backend's [`Capabilities`] say otherwise.
pub trait AgentActions: Backend {
    /// Who the token belongs to (Chatwoot `GET /api/v1/profile`); "assign to me" sends its id.
    fn profile(&self) -> impl Future<Output = ApiResult<Agent>> + Send {
        async move { unsupported(self.kind(), "the agent profile") }
    }

    /// The account's agents (the assignee picker).
    fn agents(&self) -> impl Future<Output = ApiResult<Vec<Agent>>> + Send {
        async move { unsupported(self.kind(), "agents") }
    }

    /// Canned responses whose short code or content matches `search` (all with an empty one).
    fn canned_responses(&self, search: &str) -> impl Future<Output = ApiResult<Vec<CannedResponse>>> + Send {
        let _ = search;
        async move { unsupported(self.kind(), "canned responses") }
    }

    /// Sends a reply or private note; answers with the server's copy of the message (carrying
    /// the `echo_id` back where the server echoes it). Never retried automatically: a caller
    /// that saw a timeout looks for the message before it offers to send again.
    fn send_message(
        &self,
        conversation_id: &str,
        message: &OutgoingMessage,
    ) -> impl Future<Output = ApiResult<Message>> + Send {
        let _ = (conversation_id, message);
        async move { unsupported(self.kind(), "replying") }
    }

    /// Applies `action` to one conversation.
    fn act_on_conversation(
        &self,
        conversation_id: &str,
        action: &ConversationAction,
    ) -> impl Future<Output = ApiResult<()>> + Send {
        let _ = (conversation_id, action);
        async move { unsupported(self.kind(), "conversation actions") }
    }

    /// A conversation's labels.
    fn conversation_labels(
        &self,
        conversation_id: &str,
    ) -> impl Future<Output = ApiResult<Vec<String>>> + Send {
        let _ = conversation_id;
        async move { unsupported(self.kind(), "conversation labels") }
    }

    /// Applies `action` to several conversations in one request (the server may apply it a
    /// moment later).
    fn bulk_action(
        &self,
        conversation_ids: &[String],
        action: &ConversationAction,
    ) -> impl Future<Output = ApiResult<()>> + Send {
        let _ = (conversation_ids, action);
        async move { unsupported(self.kind(), "bulk actions") }
    }
}

/// Every backend imbox knows, as one type the worker can hold.
#[derive(Debug, Clone)]
pub enum AnyBackend {
    /// iMBRACE.
    Imbrace(ImbraceClient),
    /// Chatwoot and Chatwoot-based servers.
    Chatwoot(ChatwootClient),
    /// The SMS/RCS conversation API.
    Smsrcs(SmsrcsClient),
}

/// Forwards a call to whichever client `self` holds.
macro_rules! forward {
    ($self:ident, $client:ident => $call:expr) => {
        match $self {
            AnyBackend::Imbrace($client) => $call,
            AnyBackend::Chatwoot($client) => $call,
            AnyBackend::Smsrcs($client) => $call,
        }
    };
}

impl AnyBackend {
    /// The base URL requests go to (user-info removed), for the header and logs.
    pub fn base_url(&self) -> &str {
        forward!(self, c => c.base_url())
    }

    /// What [`crate::realtime::run`] needs to open this backend's realtime channel; `None` when
    /// it has none (iMBRACE, SMS/RCS, a Chatwoot too old to give a pubsub token). Chatwoot asks
    /// `GET /api/v1/profile` for the user's id and token.
    pub async fn realtime_params(&self) -> ApiResult<Option<RealtimeParams>> {
        match self {
            AnyBackend::Chatwoot(c) => c.realtime_params().await,
            AnyBackend::Imbrace(_) | AnyBackend::Smsrcs(_) => Ok(None),
        }
    }

    /// The iMBRACE client, for what only iMBRACE has (its gateway layout).
    pub fn as_imbrace(&self) -> Option<&ImbraceClient> {
        match self {
            AnyBackend::Imbrace(c) => Some(c),
            _ => None,
        }
    }
}

impl From<ImbraceClient> for AnyBackend {
    fn from(c: ImbraceClient) -> Self {
        AnyBackend::Imbrace(c)
    }
}

impl From<SmsrcsClient> for AnyBackend {
    fn from(c: SmsrcsClient) -> Self {
        AnyBackend::Smsrcs(c)
    }
}

impl From<ChatwootClient> for AnyBackend {
    fn from(c: ChatwootClient) -> Self {
        AnyBackend::Chatwoot(c)
    }
}

impl Backend for AnyBackend {
    fn kind(&self) -> BackendKind {
        forward!(self, c => c.kind())
    }
    fn capabilities(&self) -> Capabilities {
        forward!(self, c => c.capabilities())
    }
    fn with_token(&self, token: Secret) -> ApiResult<Self> {
        forward!(self, c => Backend::with_token(c, token).map(AnyBackend::from))
    }
    fn with_retry_observer(self, observer: RetryObserver) -> Self {
        forward!(self, c => AnyBackend::from(Backend::with_retry_observer(c, observer)))
    }
    async fn check_token(&self) -> ApiResult<()> {
        forward!(self, c => c.check_token().await)
    }
    async fn contacts(&self, limit: u32, skip: u64) -> ApiResult<Page<Contact>> {
        let page = forward!(self, c => Backend::contacts(c, limit, skip).await)?;
        Ok(crate::limits::cap_page("contacts", page, limit))
    }
    async fn search_contacts(&self, q: &str, limit: u32, skip: u64) -> ApiResult<Page<Contact>> {
        let page = forward!(self, c => Backend::search_contacts(c, q, limit, skip).await)?;
        Ok(crate::limits::cap_page("contact search", page, limit))
    }
    async fn contact(&self, contact_id: &str) -> ApiResult<Option<Contact>> {
        forward!(self, c => Backend::contact(c, contact_id).await)
    }
    async fn update_contact(&self, id: &str, update: &ContactUpdate) -> ApiResult<Option<Contact>> {
        forward!(self, c => Backend::update_contact(c, id, update).await)
    }
    async fn contact_conversations(
        &self,
        id: &str,
        channel_types: &[String],
    ) -> ApiResult<Vec<Conversation>> {
        forward!(self, c => Backend::contact_conversations(c, id, channel_types).await)
    }
    async fn messages(&self, conversation_id: &str, query: &MessagesQuery) -> ApiResult<Page<Message>> {
        let page = forward!(self, c => c.messages(conversation_id, query).await)?;
        Ok(crate::limits::cap_page("messages", page, query.limit))
    }
    async fn inbox(&self, query: &InboxQuery) -> ApiResult<InboxPage> {
        forward!(self, c => c.inbox(query).await)
    }
    async fn filter_options(&self) -> ApiResult<FilterOptions> {
        forward!(self, c => c.filter_options().await)
    }
    async fn mark_conversation_read(&self, conversation_id: &str) -> ApiResult<()> {
        forward!(self, c => c.mark_conversation_read(conversation_id).await)
    }
    async fn notifications(&self, limit: u32, skip: u64) -> ApiResult<NotificationPage> {
        let mut page = forward!(self, c => Backend::notifications(c, limit, skip).await)?;
        page.page = crate::limits::cap_page("notifications", std::mem::take(&mut page.page), limit);
        Ok(page)
    }
    async fn unread_count(&self) -> ApiResult<u64> {
        forward!(self, c => Backend::unread_count(c).await)
    }
    async fn mark_notifications_read(&self, ids: &[String]) -> ApiResult<()> {
        forward!(self, c => Backend::mark_notifications_read(c, ids).await)
    }
    async fn mark_all_notifications_read(&self) -> ApiResult<()> {
        forward!(self, c => c.mark_all_notifications_read().await)
    }
    async fn dismiss_notifications(&self, ids: &[String]) -> ApiResult<()> {
        forward!(self, c => Backend::dismiss_notifications(c, ids).await)
    }
    async fn dismiss_all_notifications(&self, kind: &str) -> ApiResult<()> {
        forward!(self, c => Backend::dismiss_all_notifications(c, kind).await)
    }
    async fn phone_links(&self, phones: &[String], organization_id: &str) -> ApiResult<Vec<PhoneLinks>> {
        forward!(self, c => c.phone_links(phones, organization_id).await)
    }
    async fn contact_comments(&self, contact_id: &str, comment_id: &str) -> ApiResult<Vec<Comment>> {
        forward!(self, c => Backend::contact_comments(c, contact_id, comment_id).await)
    }
    async fn contact_files(&self, contact_id: &str) -> ApiResult<Vec<ContactFile>> {
        forward!(self, c => Backend::contact_files(c, contact_id).await)
    }
    async fn upload_contact_file(&self, file_name: &str, bytes: Vec<u8>, mime: &str) -> ApiResult<String> {
        forward!(self, c => Backend::upload_contact_file(c, file_name, bytes, mime).await)
    }
}

impl AgentActions for AnyBackend {
    async fn profile(&self) -> ApiResult<Agent> {
        forward!(self, c => c.profile().await)
    }
    async fn agents(&self) -> ApiResult<Vec<Agent>> {
        forward!(self, c => c.agents().await)
    }
    async fn canned_responses(&self, search: &str) -> ApiResult<Vec<CannedResponse>> {
        forward!(self, c => c.canned_responses(search).await)
    }
    async fn send_message(&self, conversation_id: &str, message: &OutgoingMessage) -> ApiResult<Message> {
        forward!(self, c => c.send_message(conversation_id, message).await)
    }
    async fn act_on_conversation(&self, conversation_id: &str, action: &ConversationAction) -> ApiResult<()> {
        forward!(self, c => c.act_on_conversation(conversation_id, action).await)
    }
    async fn conversation_labels(&self, conversation_id: &str) -> ApiResult<Vec<String>> {
        forward!(self, c => c.conversation_labels(conversation_id).await)
    }
    async fn bulk_action(&self, conversation_ids: &[String], action: &ConversationAction) -> ApiResult<()> {
        forward!(self, c => c.bulk_action(conversation_ids, action).await)
    }
}
