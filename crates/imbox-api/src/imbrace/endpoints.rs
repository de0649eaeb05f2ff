//! The iMBRACE endpoints, one method each: the thirteen of seeds 000 and 002, plus one contact by
//! id on the channel-service layout.
//!
//! The contact and notification paths come from the gateway layout in use ([`super::layout`]);
//! the `/3rd/conversations/...` ones are the same on both. Every reply may come wrapped in
//! `{"data": …}` ([`super::unwrap`]). Every id placed in a path is percent-encoded as one
//! segment, so an id can never add a segment or start a query.

use super::client::ImbraceClient;
use super::layout::Layout;
use super::unwrap::{Shape, decode_data};
use super::wire::{
    CommentList, ContactList, ConversationList, LinksResponse, MessageList, NotificationList, UploadResponse,
    WireContact, WireFile,
};
use crate::error::ApiError;
use crate::http::{Query, is_blank, segment};
use crate::sanitize;
use imbox_model::{
    CHANNEL_TYPES, Comment, Contact, ContactFile, ContactUpdate, Conversation, Message, NotificationPage,
    Page, PhoneLinks,
};
use reqwest::Method;

const MESSAGES: &str = "GET /3rd/conversations/{conversation_id}/messages";
const LINKS: &str = "GET /3rd/conversations/links";

/// Comments asked for per contact on the channel-service layout (one page: the details view
/// shows them all, and a contact has a handful).
const COMMENTS_LIMIT: u32 = 100;

impl ImbraceClient {
    /// A page of a conversation's messages, newest first (`GET /3rd/conversations/{id}/messages`,
    /// on both layouts).
    pub async fn conversation_messages(
        &self,
        conversation_id: &str,
        limit: u32,
        skip: u64,
    ) -> Result<Page<Message>, ApiError> {
        let path = format!("/3rd/conversations/{}/messages", segment("conversation id", conversation_id)?);
        let query = vec![("limit", limit.to_string()), ("skip", skip.to_string())];
        let body = self.get(MESSAGES, &path, query).await?;
        Ok(decode_data::<MessageList>(MESSAGES, &body, Shape::Envelope)?.into_page(skip))
    }

    /// The conversation links of each phone number (`GET /3rd/conversations/links`, on both
    /// layouts, the `phone_numbers` parameter repeated once per number). Both of the seed's
    /// shapes are read; the prose one is `{"data": [...]}` already.
    pub async fn conversation_links(
        &self,
        phone_numbers: &[String],
        organization_id: &str,
    ) -> Result<Vec<PhoneLinks>, ApiError> {
        let mut query: Query = phone_numbers.iter().map(|p| ("phone_numbers", p.clone())).collect();
        query.push(("organization_id", organization_id.to_string()));
        let body = self.get(LINKS, "/3rd/conversations/links", query).await?;
        Ok(crate::http::decode::<LinksResponse>(LINKS, &body)?.into_links())
    }

    /// A page of contacts (`GET {prefix}/contacts`); `sort` as the server takes it, e.g.
    /// `-created_at` for newest first.
    pub async fn contacts(&self, limit: u32, skip: u64, sort: &str) -> Result<Page<Contact>, ApiError> {
        let r = self.routes().await?;
        let query =
            vec![("limit", limit.to_string()), ("skip", skip.to_string()), ("sort", sort.to_string())];
        let body = self.get(r.contacts, &format!("{}/contacts", r.prefix), query).await?;
        Ok(decode_data::<ContactList>(r.contacts, &body, Shape::Envelope)?.into_page(skip))
    }

    /// One contact by id (`GET /channel-service/v1/contacts/{id}`); `None` when the gateway has
    /// no such contact (404). The seed layout has no such call: there it answers
    /// [`ApiError::Unsupported`].
    pub async fn contact(&self, contact_id: &str) -> Result<Option<Contact>, ApiError> {
        let layout = self.resolve_layout().await?;
        if layout == Layout::Seed {
            return Err(ApiError::Unsupported {
                backend: "iMBRACE (seed gateway layout)",
                feature: "one contact by id",
            });
        }
        let r = layout.routes();
        let path = format!("{}/contacts/{}", r.prefix, segment("contact id", contact_id)?);
        match self.get(r.contact, &path, Vec::new()).await {
            Ok(body) => Ok(Some(Contact::from(decode_data::<WireContact>(r.contact, &body, Shape::Object)?))),
            Err(ApiError::NotFound { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// A contact's conversations on the given channel types (`channel_types` repeated); an empty
    /// slice asks for all seven of [`CHANNEL_TYPES`], as the server requires at least one.
    pub async fn contact_conversations(
        &self,
        contact_id: &str,
        channel_types: &[String],
    ) -> Result<Vec<Conversation>, ApiError> {
        let r = self.routes().await?;
        let path = format!("{}/contacts/{}/conversations", r.prefix, segment("contact id", contact_id)?);
        let query: Query = if channel_types.is_empty() {
            CHANNEL_TYPES.iter().map(|c| ("channel_types", (*c).to_string())).collect()
        } else {
            channel_types.iter().map(|c| ("channel_types", c.clone())).collect()
        };
        let body = self.get(r.contact_conversations, &path, query).await?;
        Ok(decode_data::<ConversationList>(r.contact_conversations, &body, Shape::Envelope)?
            .into_conversations())
    }

    /// Searches contacts (`GET {prefix}/contacts/_search`); `kind` is the seeds' `type`
    /// parameter, `"text"` for a free-text search.
    pub async fn search_contacts(
        &self,
        q: &str,
        kind: &str,
        limit: u32,
        skip: u64,
    ) -> Result<Page<Contact>, ApiError> {
        let r = self.routes().await?;
        let query = vec![
            ("limit", limit.to_string()),
            ("skip", skip.to_string()),
            ("q", q.to_string()),
            ("type", kind.to_string()),
        ];
        let body = self.get(r.search, &format!("{}/contacts/_search", r.prefix), query).await?;
        Ok(decode_data::<ContactList>(r.search, &body, Shape::Envelope)?.into_page(skip))
    }

    /// Changes a contact (`PUT {prefix}/contacts/{id}`). Returns the contact as the server now
    /// has it, or `None` when the server accepted the change but sent no body; the caller then
    /// keeps its own copy with the update applied (or reloads it).
    pub async fn update_contact(
        &self,
        contact_id: &str,
        update: &ContactUpdate,
    ) -> Result<Option<Contact>, ApiError> {
        let r = self.routes().await?;
        let path = format!("{}/contacts/{}", r.prefix, segment("contact id", contact_id)?);
        let body = self.send_json(r.update_contact, Method::PUT, &path, update).await?;
        if is_blank(&body) {
            return Ok(None);
        }
        Ok(Some(Contact::from(decode_data::<WireContact>(r.update_contact, &body, Shape::Object)?)))
    }

    /// A page of notifications with the unread count (`GET {prefix}/notifications`).
    pub async fn notifications(&self, limit: u32, skip: u64) -> Result<NotificationPage, ApiError> {
        let r = self.routes().await?;
        let query = vec![("limit", limit.to_string()), ("skip", skip.to_string())];
        let body = self.get(r.notifications, &format!("{}/notifications", r.prefix), query).await?;
        Ok(decode_data::<NotificationList>(r.notifications, &body, Shape::Envelope)?.into_page(skip))
    }

    /// Marks notifications read (`PUT {prefix}/notifications/read`, a JSON array of ids).
    /// With no ids nothing is sent. The reply body is ignored (the server sends none).
    pub async fn mark_notifications_read(&self, ids: &[String]) -> Result<(), ApiError> {
        if ids.is_empty() {
            return Ok(());
        }
        let r = self.routes().await?;
        let path = format!("{}/notifications/read", r.prefix);
        self.send_json(r.notifications_read, Method::PUT, &path, &ids).await.map(drop)
    }

    /// Dismisses notifications (`DELETE {prefix}/notifications/dismiss`, a JSON array of ids).
    /// With no ids nothing is sent. The reply body is ignored.
    pub async fn dismiss_notifications(&self, ids: &[String]) -> Result<(), ApiError> {
        if ids.is_empty() {
            return Ok(());
        }
        let r = self.routes().await?;
        let path = format!("{}/notifications/dismiss", r.prefix);
        self.send_json(r.notifications_dismiss, Method::DELETE, &path, &ids).await.map(drop)
    }

    /// Dismisses every notification of a kind (`DELETE {prefix}/notifications/dismiss/all?type=`),
    /// `"conversations"` in the seeds. The reply body is ignored.
    pub async fn dismiss_all_notifications(&self, kind: &str) -> Result<(), ApiError> {
        let r = self.routes().await?;
        let url = self.url(&format!("{}/notifications/dismiss/all", r.prefix))?;
        let query = [("type", kind)];
        self.send_retrying(r.notifications_dismiss_all, || self.http().delete(url.clone()).query(&query))
            .await
            .map(drop)
    }

    /// A contact's comments. Channel-service layout: the SDK's list,
    /// `GET /channel-service/v1/contacts/{contact_id}/comments?skip=0&limit=100`, which takes no
    /// comment id (`comment_id` is not sent). Seed layout: seed 002's
    /// `GET /v1/backend/contacts/{contact_id}/comment/{comment_id}`, whose comment id nothing
    /// in the seeds provides; the caller passes what it has (the app: the contact id).
    pub async fn contact_comments(
        &self,
        contact_id: &str,
        comment_id: &str,
    ) -> Result<Vec<Comment>, ApiError> {
        let layout = self.resolve_layout().await?;
        let r = layout.routes();
        let contact = segment("contact id", contact_id)?;
        let body = match layout {
            Layout::ChannelService => {
                let path = format!("{}/contacts/{contact}/comments", r.prefix);
                let query = vec![("skip", "0".to_string()), ("limit", COMMENTS_LIMIT.to_string())];
                self.get(r.comments, &path, query).await?
            }
            Layout::Seed => {
                let path =
                    format!("{}/contacts/{contact}/comment/{}", r.prefix, segment("comment id", comment_id)?);
                self.get(r.comments, &path, Vec::new()).await?
            }
        };
        Ok(decode_data::<CommentList>(r.comments, &body, Shape::Envelope)?.into_comments())
    }

    /// Uploads a file for a contact (`POST {prefix}/contacts/_fileupload`, multipart field
    /// `file`) and returns its URL. Never retried: a retry after a lost reply could store the
    /// file twice, so failures go straight to the caller, who may ask the user.
    pub async fn upload_contact_file(
        &self,
        file_name: &str,
        bytes: Vec<u8>,
        mime: &str,
    ) -> Result<String, ApiError> {
        let r = self.routes().await?;
        let url = self.url(&format!("{}/contacts/_fileupload", r.prefix))?;
        let part = reqwest::multipart::Part::bytes(bytes)
            .file_name(file_name.to_string())
            .mime_str(mime)
            .map_err(|_| ApiError::Invalid(format!("invalid MIME type {:?}", sanitize::line(mime))))?;
        let form = reqwest::multipart::Form::new().part("file", part);
        let body = self.send_once(r.upload, self.http().post(url).multipart(form)).await?;
        let url = decode_data::<UploadResponse>(r.upload, &body, Shape::Object)?
            .url
            .filter(|u| !u.trim().is_empty())
            .ok_or_else(|| ApiError::Decode {
                endpoint: r.upload,
                path: "url".into(),
                detail: "the reply has no file URL".into(),
            })?;
        Ok(sanitize::line(&url))
    }

    /// The files sent to or by a contact (`GET {prefix}/contact/{id}/files`; `contact`
    /// singular, as the seed writes it).
    pub async fn contact_files(&self, contact_id: &str) -> Result<Vec<ContactFile>, ApiError> {
        let r = self.routes().await?;
        let path = format!("{}/contact/{}/files", r.prefix, segment("contact id", contact_id)?);
        let body = self.get(r.files, &path, Vec::new()).await?;
        Ok(decode_data::<Vec<WireFile>>(r.files, &body, Shape::Array)?
            .into_iter()
            .map(ContactFile::from)
            .collect())
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
