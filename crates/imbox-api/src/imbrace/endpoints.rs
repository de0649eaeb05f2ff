//! The thirteen iMBRACE endpoints of seeds 000 and 002, one method each.
//!
//! Endpoint paths follow the seeds' endpoint lines (`/v1/backend/notifications/...`), not the
//! `/v1/notifications/...` of some curl examples. Every id placed in a path is percent-encoded as
//! one segment, so an id can never add a segment or start a query.

use super::client::ImbraceClient;
use super::wire::{
    CommentList, ContactList, ConversationList, LinksResponse, MessageList, NotificationList, UploadResponse,
    WireContact, WireFile,
};
use crate::error::ApiError;
use crate::http::{Query, decode, is_blank, segment};
use crate::sanitize;
use imbox_model::{
    CHANNEL_TYPES, Comment, Contact, ContactFile, ContactUpdate, Conversation, Message, NotificationPage,
    Page, PhoneLinks,
};
use reqwest::Method;

const MESSAGES: &str = "GET /3rd/conversations/{conversation_id}/messages";
const LINKS: &str = "GET /3rd/conversations/links";
const CONTACTS: &str = "GET /v1/backend/contacts";
const CONTACT_CONVERSATIONS: &str = "GET /v1/backend/contacts/{contact_id}/conversations";
const SEARCH: &str = "GET /v1/backend/contacts/_search";
const UPDATE_CONTACT: &str = "PUT /v1/backend/contacts/{contact_id}";
const NOTIFICATIONS: &str = "GET /v1/backend/notifications";
const NOTIFICATIONS_READ: &str = "PUT /v1/backend/notifications/read";
const NOTIFICATIONS_DISMISS: &str = "DELETE /v1/backend/notifications/dismiss";
const NOTIFICATIONS_DISMISS_ALL: &str = "DELETE /v1/backend/notifications/dismiss/all";
const COMMENTS: &str = "GET /v1/backend/contacts/{contact_id}/comment/{comment_id}";
const UPLOAD: &str = "POST /v1/backend/contacts/_fileupload";
const FILES: &str = "GET /v1/backend/contact/{contact_id}/files";

impl ImbraceClient {
    /// A page of a conversation's messages, newest first (`GET /3rd/conversations/{id}/messages`).
    pub async fn conversation_messages(
        &self,
        conversation_id: &str,
        limit: u32,
        skip: u64,
    ) -> Result<Page<Message>, ApiError> {
        let path = format!("/3rd/conversations/{}/messages", segment("conversation id", conversation_id)?);
        let query = vec![("limit", limit.to_string()), ("skip", skip.to_string())];
        let body = self.get(MESSAGES, &path, query).await?;
        Ok(decode::<MessageList>(MESSAGES, &body)?.into_page(skip))
    }

    /// The conversation links of each phone number (`GET /3rd/conversations/links`, the
    /// `phone_numbers` parameter repeated once per number).
    pub async fn conversation_links(
        &self,
        phone_numbers: &[String],
        organization_id: &str,
    ) -> Result<Vec<PhoneLinks>, ApiError> {
        let mut query: Query = phone_numbers.iter().map(|p| ("phone_numbers", p.clone())).collect();
        query.push(("organization_id", organization_id.to_string()));
        let body = self.get(LINKS, "/3rd/conversations/links", query).await?;
        Ok(decode::<LinksResponse>(LINKS, &body)?.into_links())
    }

    /// A page of contacts (`GET /v1/backend/contacts`); `sort` as the server takes it, e.g.
    /// `-created_at` for newest first.
    pub async fn contacts(&self, limit: u32, skip: u64, sort: &str) -> Result<Page<Contact>, ApiError> {
        let query =
            vec![("limit", limit.to_string()), ("skip", skip.to_string()), ("sort", sort.to_string())];
        let body = self.get(CONTACTS, "/v1/backend/contacts", query).await?;
        Ok(decode::<ContactList>(CONTACTS, &body)?.into_page(skip))
    }

    /// A contact's conversations on the given channel types (`channel_types` repeated); an empty
    /// slice asks for all seven of [`CHANNEL_TYPES`], as the server requires at least one.
    pub async fn contact_conversations(
        &self,
        contact_id: &str,
        channel_types: &[String],
    ) -> Result<Vec<Conversation>, ApiError> {
        let path = format!("/v1/backend/contacts/{}/conversations", segment("contact id", contact_id)?);
        let query: Query = if channel_types.is_empty() {
            CHANNEL_TYPES.iter().map(|c| ("channel_types", (*c).to_string())).collect()
        } else {
            channel_types.iter().map(|c| ("channel_types", c.clone())).collect()
        };
        let body = self.get(CONTACT_CONVERSATIONS, &path, query).await?;
        Ok(decode::<ConversationList>(CONTACT_CONVERSATIONS, &body)?.into_conversations())
    }

    /// Searches contacts (`GET /v1/backend/contacts/_search`); `kind` is the seeds' `type`
    /// parameter, `"text"` for a free-text search.
    pub async fn search_contacts(
        &self,
        q: &str,
        kind: &str,
        limit: u32,
        skip: u64,
    ) -> Result<Page<Contact>, ApiError> {
        let query = vec![
            ("limit", limit.to_string()),
            ("skip", skip.to_string()),
            ("q", q.to_string()),
            ("type", kind.to_string()),
        ];
        let body = self.get(SEARCH, "/v1/backend/contacts/_search", query).await?;
        Ok(decode::<ContactList>(SEARCH, &body)?.into_page(skip))
    }

    /// Changes a contact (`PUT /v1/backend/contacts/{id}`). Returns the contact as the server
    /// now has it, or `None` when the server accepted the change but sent no body; the caller
    /// then keeps its own copy with the update applied (or reloads it).
    pub async fn update_contact(
        &self,
        contact_id: &str,
        update: &ContactUpdate,
    ) -> Result<Option<Contact>, ApiError> {
        let path = format!("/v1/backend/contacts/{}", segment("contact id", contact_id)?);
        let body = self.send_json(UPDATE_CONTACT, Method::PUT, &path, update).await?;
        if is_blank(&body) {
            return Ok(None);
        }
        Ok(Some(Contact::from(decode::<WireContact>(UPDATE_CONTACT, &body)?)))
    }

    /// A page of notifications with the unread count (`GET /v1/backend/notifications`).
    pub async fn notifications(&self, limit: u32, skip: u64) -> Result<NotificationPage, ApiError> {
        let query = vec![("limit", limit.to_string()), ("skip", skip.to_string())];
        let body = self.get(NOTIFICATIONS, "/v1/backend/notifications", query).await?;
        Ok(decode::<NotificationList>(NOTIFICATIONS, &body)?.into_page(skip))
    }

    /// Marks notifications read (`PUT /v1/backend/notifications/read`, a JSON array of ids).
    /// With no ids nothing is sent. The reply body is ignored (the server sends none).
    pub async fn mark_notifications_read(&self, ids: &[String]) -> Result<(), ApiError> {
        if ids.is_empty() {
            return Ok(());
        }
        self.send_json(NOTIFICATIONS_READ, Method::PUT, "/v1/backend/notifications/read", &ids)
            .await
            .map(drop)
    }

    /// Dismisses notifications (`DELETE /v1/backend/notifications/dismiss`, a JSON array of ids).
    /// With no ids nothing is sent. The reply body is ignored.
    pub async fn dismiss_notifications(&self, ids: &[String]) -> Result<(), ApiError> {
        if ids.is_empty() {
            return Ok(());
        }
        self.send_json(NOTIFICATIONS_DISMISS, Method::DELETE, "/v1/backend/notifications/dismiss", &ids)
            .await
            .map(drop)
    }

    /// Dismisses every notification of a kind (`DELETE /v1/backend/notifications/dismiss/all?type=`),
    /// `"conversations"` in the seeds. The reply body is ignored.
    pub async fn dismiss_all_notifications(&self, kind: &str) -> Result<(), ApiError> {
        let url = self.url("/v1/backend/notifications/dismiss/all")?;
        let query = [("type", kind)];
        self.send_retrying(NOTIFICATIONS_DISMISS_ALL, || self.http().delete(url.clone()).query(&query))
            .await
            .map(drop)
    }

    /// A contact's comments under one comment id
    /// (`GET /v1/backend/contacts/{contact_id}/comment/{comment_id}`).
    pub async fn contact_comments(
        &self,
        contact_id: &str,
        comment_id: &str,
    ) -> Result<Vec<Comment>, ApiError> {
        let path = format!(
            "/v1/backend/contacts/{}/comment/{}",
            segment("contact id", contact_id)?,
            segment("comment id", comment_id)?
        );
        let body = self.get(COMMENTS, &path, Vec::new()).await?;
        Ok(decode::<CommentList>(COMMENTS, &body)?.into_comments())
    }

    /// Uploads a file for a contact (`POST /v1/backend/contacts/_fileupload`, multipart field
    /// `file`) and returns its URL. Never retried: a retry after a lost reply could store the
    /// file twice, so failures go straight to the caller, who may ask the user.
    pub async fn upload_contact_file(
        &self,
        file_name: &str,
        bytes: Vec<u8>,
        mime: &str,
    ) -> Result<String, ApiError> {
        let url = self.url("/v1/backend/contacts/_fileupload")?;
        let part = reqwest::multipart::Part::bytes(bytes)
            .file_name(file_name.to_string())
            .mime_str(mime)
            .map_err(|_| ApiError::Invalid(format!("invalid MIME type {:?}", sanitize::line(mime))))?;
        let form = reqwest::multipart::Form::new().part("file", part);
        let body = self.send_once(UPLOAD, self.http().post(url).multipart(form)).await?;
        let url = decode::<UploadResponse>(UPLOAD, &body)?.url.filter(|u| !u.trim().is_empty()).ok_or_else(
            || ApiError::Decode {
                endpoint: UPLOAD,
                path: "url".into(),
                detail: "the reply has no file URL".into(),
            },
        )?;
        Ok(sanitize::line(&url))
    }

    /// The files sent to or by a contact (`GET /v1/backend/contact/{id}/files`; `contact`
    /// singular, as the seed writes it).
    pub async fn contact_files(&self, contact_id: &str) -> Result<Vec<ContactFile>, ApiError> {
        let path = format!("/v1/backend/contact/{}/files", segment("contact id", contact_id)?);
        let body = self.get(FILES, &path, Vec::new()).await?;
        Ok(decode::<Vec<WireFile>>(FILES, &body)?.into_iter().map(ContactFile::from).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_become_one_segment() {
        assert_eq!(segment("id", "con_1").unwrap(), "con_1");
        assert_eq!(segment("id", "a/b?c#d").unwrap(), "a%2Fb%3Fc%23d");
        assert_eq!(segment("id", "50% off").unwrap(), "50%25%20off");
        assert_eq!(segment("id", "é").unwrap(), "%C3%A9");
        for bad in ["", ".", ".."] {
            assert!(matches!(segment("id", bad), Err(ApiError::Invalid(_))), "{bad:?}");
        }
        // Dots inside an id are ordinary characters.
        assert_eq!(segment("id", "a..b").unwrap(), "a..b");
    }
}
