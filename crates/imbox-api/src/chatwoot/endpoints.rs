//! The Chatwoot endpoints imbox calls, one method each (docs/api-coverage.md, "Chatwoot").
//!
//! Paths are account-scoped (`/api/v1/accounts/{account_id}/…`); conversation ids in paths are
//! display ids; every id is percent-encoded as one segment. Route templates name the call in
//! errors and logs, never a URL with ids or the token.

use super::client::ChatwootClient;
use super::paging::{Window, fetch_window};
use super::update::{needs_current_name, update_body};
use super::wire::{
    ContactList, ContactShow, ConversationList, ConversationsMeta, MessageList, NamedList, NotificationList,
    Scalar, WireConversation, split_name,
};
use super::{AFTER_PAGE, CONTACTS_PER_PAGE, CONVERSATIONS_PER_PAGE, MESSAGES_PAGE, NOTIFICATIONS_PER_PAGE};
use crate::backend::MessagesQuery;
use crate::error::ApiError;
use crate::http::{decode, is_blank};
use imbox_model::{
    Contact, ContactUpdate, Conversation, FilterOptions, InboxPage, InboxQuery, Message, Notification,
    NotificationPage, Page, ViewCounts,
};
use reqwest::Method;
use serde_json::json;

const CONVERSATIONS: &str = "GET /api/v1/accounts/{account_id}/conversations";
const CONVERSATIONS_META: &str = "GET /api/v1/accounts/{account_id}/conversations/meta";
const CONVERSATION: &str = "GET /api/v1/accounts/{account_id}/conversations/{conversation_id}";
const MESSAGES: &str = "GET /api/v1/accounts/{account_id}/conversations/{conversation_id}/messages";
const UPDATE_LAST_SEEN: &str =
    "POST /api/v1/accounts/{account_id}/conversations/{conversation_id}/update_last_seen";
const CONTACTS: &str = "GET /api/v1/accounts/{account_id}/contacts";
const CONTACTS_SEARCH: &str = "GET /api/v1/accounts/{account_id}/contacts/search";
const CONTACT: &str = "GET /api/v1/accounts/{account_id}/contacts/{contact_id}";
const UPDATE_CONTACT: &str = "PUT /api/v1/accounts/{account_id}/contacts/{contact_id}";
const CONTACT_CONVERSATIONS: &str = "GET /api/v1/accounts/{account_id}/contacts/{contact_id}/conversations";
const NOTIFICATIONS: &str = "GET /api/v1/accounts/{account_id}/notifications";
const UNREAD_COUNT: &str = "GET /api/v1/accounts/{account_id}/notifications/unread_count";
const NOTIFICATION_READ: &str = "PATCH /api/v1/accounts/{account_id}/notifications/{notification_id}";
const NOTIFICATIONS_READ_ALL: &str = "POST /api/v1/accounts/{account_id}/notifications/read_all";
const NOTIFICATION_DELETE: &str = "DELETE /api/v1/accounts/{account_id}/notifications/{notification_id}";
const NOTIFICATIONS_DESTROY_ALL: &str = "POST /api/v1/accounts/{account_id}/notifications/destroy_all";
const INBOXES: &str = "GET /api/v1/accounts/{account_id}/inboxes";
const TEAMS: &str = "GET /api/v1/accounts/{account_id}/teams";
const LABELS: &str = "GET /api/v1/accounts/{account_id}/labels";

/// The conversation filters as query parameters (`labels[]` repeated; `q` only when non-blank).
fn inbox_params(query: &InboxQuery, with_page: bool) -> Vec<(&'static str, String)> {
    let mut params = vec![
        ("status", query.status.as_str().to_string()),
        ("assignee_type", query.view.assignee_type().to_string()),
    ];
    if with_page {
        params.push(("page", query.page.max(1).to_string()));
    }
    params.extend(query.inbox_id.map(|i| ("inbox_id", i.to_string())));
    params.extend(query.team_id.map(|t| ("team_id", t.to_string())));
    params.extend(query.labels.iter().filter(|l| !l.trim().is_empty()).map(|l| ("labels[]", l.clone())));
    if !query.q.trim().is_empty() {
        params.push(("q", query.q.trim().to_string()));
    }
    params
}

/// A message id for `before`/`after` (and `in_reply_to`, bulk conversation ids): Chatwoot ids
/// are integers.
pub(super) fn message_id(what: &str, id: &str) -> Result<String, ApiError> {
    let id = id.trim();
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ApiError::Invalid(format!("invalid {what} message id {:?}", crate::sanitize::line(id))));
    }
    Ok(id.to_string())
}

impl ChatwootClient {
    /// One page (25) of the conversation list with the view counts (`GET conversations`).
    /// `page.total` is the active view's count, so the list knows its length.
    pub async fn conversations(&self, query: &InboxQuery) -> Result<InboxPage, ApiError> {
        let list: ConversationList =
            self.get_json(CONVERSATIONS, &self.path("/conversations"), inbox_params(query, true)).await?;
        let (counts, items) = list.into_parts();
        let names = self.inbox_names();
        let items: Vec<Conversation> = items.into_iter().map(|c| c.into_conversation(&names)).collect();
        let before = u64::from(query.page.max(1) - 1) * CONVERSATIONS_PER_PAGE;
        // An empty page past the end says nothing about the length; only items do.
        let seen = if items.is_empty() { 0 } else { before + items.len() as u64 };
        let total = counts.of(query.view);
        // A server without counts (or counts lagging the payload) still pages by a full page.
        let (total, has_more) = if total >= seen {
            (total, before + CONVERSATIONS_PER_PAGE < total)
        } else {
            (seen, items.len() as u64 >= CONVERSATIONS_PER_PAGE)
        };
        Ok(InboxPage { page: Page { items, total, has_more }, counts })
    }

    /// The view counts alone (`GET conversations/meta`, no `data` wrapper).
    pub async fn conversation_counts(&self, query: &InboxQuery) -> Result<ViewCounts, ApiError> {
        let meta: ConversationsMeta = self
            .get_json(CONVERSATIONS_META, &self.path("/conversations/meta"), inbox_params(query, false))
            .await?;
        Ok(meta.meta.unwrap_or_default().counts())
    }

    /// One conversation (`GET conversations/{display_id}`); its `messages` hold only the latest.
    pub async fn conversation(&self, conversation_id: &str) -> Result<Conversation, ApiError> {
        let path = self.member("conversations", "conversation id", conversation_id, "")?;
        let w: WireConversation = self.get_json(CONVERSATION, &path, Vec::new()).await?;
        Ok(w.into_conversation(&self.inbox_names()))
    }

    /// A page of history (`GET conversations/{id}/messages`), returned **newest first**.
    ///
    /// `before` scrolls back (20 older than that id), `after` catches up (up to 100 newer),
    /// neither gives the latest 20. `total` is 0 (Chatwoot never says); `has_more` means older
    /// messages exist (a full page of 20 came back) or, with `after`, that more newer ones do
    /// (100 came back). Offsets cannot be expressed: `skip > 0` without a cursor is refused.
    pub async fn conversation_messages(
        &self,
        conversation_id: &str,
        query: &MessagesQuery,
    ) -> Result<Page<Message>, ApiError> {
        let path = self.member("conversations", "conversation id", conversation_id, "/messages")?;
        let before = query.before.as_deref().filter(|b| !b.trim().is_empty());
        let after = query.after.as_deref().filter(|a| !a.trim().is_empty());
        if query.skip > 0 && before.is_none() && after.is_none() {
            return Err(ApiError::Invalid(
                "Chatwoot pages history by message id: pass `before` (the oldest id held), not an offset"
                    .into(),
            ));
        }
        let mut params = Vec::new();
        if let Some(b) = before {
            params.push(("before", message_id("before", b)?));
        }
        if let Some(a) = after {
            params.push(("after", message_id("after", a)?));
        }
        let list: MessageList = self.get_json(MESSAGES, &path, params).await?;
        let mut items: Vec<Message> =
            list.payload.unwrap_or_default().into_iter().map(Message::from).collect();
        let full = match (before, after) {
            (_, None) => MESSAGES_PAGE,
            (None, Some(_)) => AFTER_PAGE,
            // Both bounds: up to 1000 between them.
            (Some(_), Some(_)) => 1000,
        };
        let has_more = items.len() >= full;
        // The server answers oldest first; the thread takes pages newest first.
        items.reverse();
        Ok(Page { items, total: 0, has_more })
    }

    /// Marks a conversation read (`POST conversations/{id}/update_last_seen`): its unread count
    /// becomes 0. Returns the conversation when the server sent it back.
    pub async fn update_last_seen(&self, conversation_id: &str) -> Result<Option<Conversation>, ApiError> {
        let path = self.member("conversations", "conversation id", conversation_id, "/update_last_seen")?;
        let body = self.write_empty(UPDATE_LAST_SEEN, Method::POST, &path).await?;
        if is_blank(&body) {
            return Ok(None);
        }
        let w: WireConversation = decode(UPDATE_LAST_SEEN, &body)?;
        Ok(Some(w.into_conversation(&self.inbox_names())))
    }

    /// One server page (15) of contacts and the total.
    async fn contacts_page(
        &self,
        endpoint: &'static str,
        page: u64,
        q: Option<&str>,
    ) -> Result<(Vec<Contact>, Option<u64>), ApiError> {
        let mut params = vec![("page", page.to_string())];
        let route = match q {
            Some(q) => {
                params.push(("q", q.to_string()));
                "/contacts/search"
            }
            None => "/contacts",
        };
        let list: ContactList = self.get_json(endpoint, &self.path(route), params).await?;
        let count = list.meta.as_ref().and_then(|m| m.count.count());
        Ok((list.payload.unwrap_or_default().into_iter().map(Contact::from).collect(), count))
    }

    /// `limit` contacts from offset `skip` (`GET contacts`, as many 15-item pages as that spans).
    pub async fn contacts(&self, limit: u32, skip: u64) -> Result<Page<Contact>, ApiError> {
        let window = Window::new(skip, limit, CONTACTS_PER_PAGE);
        let (items, count, end) = fetch_window(window, |p| self.contacts_page(CONTACTS, p, None)).await?;
        Ok(window.cut(items, count.flatten(), end))
    }

    /// Contacts matching `q` in name, e-mail, phone or company (`GET contacts/search`). A blank
    /// `q` is never sent (the server's answer to it is undefined): it finds nothing.
    pub async fn search_contacts(&self, q: &str, limit: u32, skip: u64) -> Result<Page<Contact>, ApiError> {
        let q = q.trim();
        if q.is_empty() {
            return Ok(Page::default());
        }
        let window = Window::new(skip, limit, CONTACTS_PER_PAGE);
        let (items, count, end) =
            fetch_window(window, |p| self.contacts_page(CONTACTS_SEARCH, p, Some(q))).await?;
        Ok(window.cut(items, count.flatten(), end))
    }

    /// One contact (`GET contacts/{id}`).
    pub async fn contact(&self, contact_id: &str) -> Result<Contact, ApiError> {
        let path = self.member("contacts", "contact id", contact_id, "")?;
        let show: ContactShow = self.get_json(CONTACT, &path, Vec::new()).await?;
        Ok(Contact::from(show.payload.unwrap_or_default()))
    }

    /// Changes a contact (`PUT contacts/{id}`, 200 `{payload: ContactCard}`). The body is checked
    /// first (E.164 phone, fields Chatwoot has); changing only one half of the name reads the
    /// other half from the server first, since Chatwoot stores one `name`.
    pub async fn update_contact(
        &self,
        contact_id: &str,
        update: &ContactUpdate,
    ) -> Result<Option<Contact>, ApiError> {
        let path = self.member("contacts", "contact id", contact_id, "")?;
        let current = if needs_current_name(update) {
            let c = self.contact(contact_id).await?;
            Some(split_name(&c.display_name))
        } else {
            None
        };
        let body = update_body(update, current.as_ref().map(|(f, l)| (f.as_str(), l.as_str())))?;
        if body.is_empty() {
            return Ok(None);
        }
        let reply = self.write(UPDATE_CONTACT, Method::PUT, &path, &body).await?;
        if is_blank(&reply) {
            return Ok(None);
        }
        let show: ContactShow = decode(UPDATE_CONTACT, &reply)?;
        Ok(show.payload.map(Contact::from))
    }

    /// A contact's latest 20 conversations (`GET contacts/{id}/conversations`, no paging).
    pub async fn contact_conversations(&self, contact_id: &str) -> Result<Vec<Conversation>, ApiError> {
        let path = self.member("contacts", "contact id", contact_id, "/conversations")?;
        let list: ConversationList = self.get_json(CONTACT_CONVERSATIONS, &path, Vec::new()).await?;
        let names = self.inbox_names();
        Ok(list.into_parts().1.into_iter().map(|c| c.into_conversation(&names)).collect())
    }

    /// One server page (15) of notifications, read ones included, with (count, unread count).
    /// Snoozed ones stay hidden until they wake, as in the web app, so the centre's unread count
    /// agrees with the badge (`unread_count` leaves snoozed ones out).
    async fn notifications_page(
        &self,
        page: u64,
    ) -> Result<(Vec<Notification>, (Option<u64>, Option<u64>)), ApiError> {
        let params = vec![("includes[]", "read".to_string()), ("page", page.to_string())];
        let list: NotificationList =
            self.get_json(NOTIFICATIONS, &self.path("/notifications"), params).await?;
        let (meta, items) = list.into_parts();
        let counts = (meta.count.count(), meta.unread_count.count());
        Ok((items.into_iter().map(Notification::from).collect(), counts))
    }

    /// `limit` notifications from offset `skip` (`GET notifications`, 15 per server page), with
    /// the unread count from `meta`.
    pub async fn notifications(&self, limit: u32, skip: u64) -> Result<NotificationPage, ApiError> {
        let window = Window::new(skip, limit, NOTIFICATIONS_PER_PAGE);
        let (items, meta, end) = fetch_window(window, |p| self.notifications_page(p)).await?;
        let (count, unread) = meta.unwrap_or_default();
        Ok(NotificationPage { page: window.cut(items, count, end), unread_count: unread })
    }

    /// Unread, not snoozed notifications (`GET notifications/unread_count`, a bare integer).
    pub async fn unread_count(&self) -> Result<u64, ApiError> {
        let n: Scalar =
            self.get_json(UNREAD_COUNT, &self.path("/notifications/unread_count"), Vec::new()).await?;
        n.count().ok_or_else(|| ApiError::Decode {
            endpoint: UNREAD_COUNT,
            path: ".".into(),
            detail: "expected a count".into(),
        })
    }

    /// Marks one notification read (`PATCH notifications/{id}`; the reply, the raw model, is
    /// not needed).
    pub async fn mark_notification_read(&self, id: &str) -> Result<(), ApiError> {
        let path = self.member("notifications", "notification id", id, "")?;
        self.write(NOTIFICATION_READ, Method::PATCH, &path, &json!({})).await.map(drop)
    }

    /// Marks every notification read (`POST notifications/read_all`, empty reply).
    pub async fn read_all_notifications(&self) -> Result<(), ApiError> {
        self.write(NOTIFICATIONS_READ_ALL, Method::POST, &self.path("/notifications/read_all"), &json!({}))
            .await
            .map(drop)
    }

    /// Deletes one notification (`DELETE notifications/{id}`, empty reply).
    pub async fn delete_notification(&self, id: &str) -> Result<(), ApiError> {
        let path = self.member("notifications", "notification id", id, "")?;
        self.write_empty(NOTIFICATION_DELETE, Method::DELETE, &path).await.map(drop)
    }

    /// Deletes notifications in bulk (`POST notifications/destroy_all {type}`): `"read"` deletes
    /// the read ones, anything else all of them. Done by the server in a background job.
    pub async fn destroy_all_notifications(&self, kind: &str) -> Result<(), ApiError> {
        let path = self.path("/notifications/destroy_all");
        self.write(NOTIFICATIONS_DESTROY_ALL, Method::POST, &path, &json!({ "type": kind })).await.map(drop)
    }

    /// A filter list as (id, name) pairs.
    async fn named(&self, endpoint: &'static str, route: &str) -> Result<Vec<(u64, String)>, ApiError> {
        let body: serde_json::Value = self.get_json(endpoint, &self.path(route), Vec::new()).await?;
        Ok(NamedList::from_value(body).pairs())
    }

    /// The inboxes the user can see (`GET inboxes`, `{payload: [{id, name, channel_type}]}`);
    /// also remembered so conversations show their inbox by name.
    pub async fn inboxes(&self) -> Result<Vec<(u64, String)>, ApiError> {
        let inboxes = self.named(INBOXES, "/inboxes").await?;
        self.remember_inboxes(&inboxes);
        Ok(inboxes)
    }

    /// The account's teams (`GET teams`, a bare array of `{id, name}`).
    pub async fn teams(&self) -> Result<Vec<(u64, String)>, ApiError> {
        self.named(TEAMS, "/teams").await
    }

    /// The account's labels (`GET labels`, `{payload: [{id, title}]}`), by title.
    pub async fn labels(&self) -> Result<Vec<String>, ApiError> {
        Ok(self.named(LABELS, "/labels").await?.into_iter().map(|(_, title)| title).collect())
    }

    /// Inboxes, teams and labels for the inbox filters, fetched together.
    pub async fn filter_options(&self) -> Result<FilterOptions, ApiError> {
        let (inboxes, teams, labels) = tokio::try_join!(self.inboxes(), self.teams(), self.labels())?;
        Ok(FilterOptions { inboxes, teams, labels })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use imbox_model::{InboxView, StatusFilter};

    #[test]
    fn filters_become_query_parameters() {
        let q = InboxQuery {
            view: InboxView::Unassigned,
            status: StatusFilter::All,
            inbox_id: Some(3),
            team_id: None,
            labels: vec!["vip".into(), " ".into(), "billing".into()],
            q: "  refund ".into(),
            page: 0,
        };
        let p = inbox_params(&q, true);
        let expected: Vec<(&str, String)> = vec![
            ("status", "all".into()),
            ("assignee_type", "unassigned".into()),
            ("page", "1".into()),
            ("inbox_id", "3".into()),
            ("labels[]", "vip".into()),
            ("labels[]", "billing".into()),
            ("q", "refund".into()),
        ];
        assert_eq!(p, expected);
        assert!(!inbox_params(&q, false).iter().any(|(k, _)| *k == "page"));
    }

    #[test]
    fn message_ids_must_be_integers() {
        assert_eq!(message_id("before", " 9070 ").unwrap(), "9070");
        assert!(message_id("before", "9070&x=1").is_err());
        assert!(message_id("after", "").is_err());
    }
}
