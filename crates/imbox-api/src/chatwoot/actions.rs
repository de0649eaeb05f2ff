//! Answering customers on Chatwoot: who I am, the agents and canned responses the composer
//! offers, sending a reply or private note, and acting on one or several conversations
//! (`shared/reference/chatwoot-actions-realtime.md`; docs/api-coverage.md, "Chatwoot: answering").
//!
//! Every write here is a POST sent **once** ([`ChatwootClient::post_once`]): a timeout after the
//! server acted must not send a message twice. The bodies are built by pure functions so the
//! decisions (what is omitted, what a bulk request cannot express) are unit-tested.

use super::client::ChatwootClient;
use super::endpoints::message_id;
use super::realtime::RealtimeParams;
use super::wire::{WireAgent, WireCanned, WireMessage, label_titles, list_items};
use crate::error::ApiError;
use crate::http::decode;
use imbox_model::{Agent, CannedResponse, ConversationAction, ConversationStatus, Message, OutgoingMessage};
use reqwest::multipart::{Form, Part};
use serde_json::{Map, Value, json};

const PROFILE: &str = "GET /api/v1/profile";
const AGENTS: &str = "GET /api/v1/accounts/{account_id}/agents";
const CANNED: &str = "GET /api/v1/accounts/{account_id}/canned_responses";
const LABELS: &str = "GET /api/v1/accounts/{account_id}/conversations/{conversation_id}/labels";
const SET_LABELS: &str = "POST /api/v1/accounts/{account_id}/conversations/{conversation_id}/labels";
const CREATE_MESSAGE: &str = "POST /api/v1/accounts/{account_id}/conversations/{conversation_id}/messages";
const TOGGLE_STATUS: &str =
    "POST /api/v1/accounts/{account_id}/conversations/{conversation_id}/toggle_status";
const ASSIGNMENTS: &str = "POST /api/v1/accounts/{account_id}/conversations/{conversation_id}/assignments";
const TOGGLE_PRIORITY: &str =
    "POST /api/v1/accounts/{account_id}/conversations/{conversation_id}/toggle_priority";
const UNREAD: &str = "POST /api/v1/accounts/{account_id}/conversations/{conversation_id}/unread";
const BULK: &str = "POST /api/v1/accounts/{account_id}/bulk_actions";

/// `content_attributes` of an outgoing message: only `in_reply_to` (an integer message id), or
/// nothing.
fn reply_attributes(m: &OutgoingMessage) -> Result<Option<Value>, ApiError> {
    let Some(id) = m.in_reply_to.as_deref().filter(|i| !i.trim().is_empty()) else { return Ok(None) };
    let id: u64 = message_id("in_reply_to", id)?
        .parse()
        .map_err(|_| ApiError::Invalid("the replied-to message id is too large".into()))?;
    Ok(Some(json!({ "in_reply_to": id })))
}

/// A message needs text or a file: Chatwoot would store an empty bubble otherwise.
fn check_message(m: &OutgoingMessage) -> Result<(), ApiError> {
    if m.content.trim().is_empty() && m.attachments.is_empty() {
        return Err(ApiError::Invalid("a message needs text or an attachment".into()));
    }
    Ok(())
}

/// The JSON body of a message without files: `content`, `private`, and `echo_id` /
/// `content_attributes` only when there is one.
pub fn message_json(m: &OutgoingMessage) -> Result<Value, ApiError> {
    check_message(m)?;
    let mut body = Map::new();
    body.insert("content".into(), json!(m.content));
    body.insert("private".into(), json!(m.private));
    if !m.echo_id.is_empty() {
        body.insert("echo_id".into(), json!(m.echo_id));
    }
    if let Some(attrs) = reply_attributes(m)? {
        body.insert("content_attributes".into(), attrs);
    }
    Ok(Value::Object(body))
}

/// The text fields of a multipart message, in order: as the web app sends them, with
/// `content_attributes` as a JSON **string** (a form field cannot nest).
pub fn message_form_fields(m: &OutgoingMessage) -> Result<Vec<(&'static str, String)>, ApiError> {
    check_message(m)?;
    let mut fields = Vec::new();
    if !m.content.is_empty() {
        fields.push(("content", m.content.clone()));
    }
    fields.push(("private", m.private.to_string()));
    if !m.echo_id.is_empty() {
        fields.push(("echo_id", m.echo_id.clone()));
    }
    if let Some(attrs) = reply_attributes(m)? {
        fields.push(("content_attributes", attrs.to_string()));
    }
    Ok(fields)
}

/// The multipart form: the fields, then one `attachments[]` part per file.
fn message_form(m: &OutgoingMessage) -> Result<Form, ApiError> {
    let mut form = Form::new();
    for (name, value) in message_form_fields(m)? {
        form = form.text(name, value);
    }
    for a in &m.attachments {
        let part = Part::bytes(a.bytes.clone()).file_name(a.file_name.clone());
        // A malformed type is sent as plain bytes rather than refused: the server sniffs files.
        let part = match part.mime_str(&a.mime) {
            Ok(p) => p,
            Err(_) => Part::bytes(a.bytes.clone())
                .file_name(a.file_name.clone())
                .mime_str("application/octet-stream")
                .map_err(|_| ApiError::Invalid("could not build the attachment".into()))?,
        };
        form = form.part("attachments[]", part);
    }
    Ok(form)
}

/// Unix seconds of a snooze end, only with the snoozed status (the model's contract).
fn snooze_seconds(
    status: ConversationStatus,
    until: Option<jiff::Timestamp>,
) -> Result<Option<i64>, ApiError> {
    match (status, until) {
        (_, None) => Ok(None),
        (ConversationStatus::Snoozed, Some(t)) => Ok(Some(t.as_second())),
        (other, Some(_)) => Err(ApiError::Invalid(format!(
            "a snooze time goes with the snoozed status, not {}",
            other.as_str()
        ))),
    }
}

/// Labels as sent: trimmed, blanks dropped, each once, in the given order.
fn clean_labels(labels: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for l in labels.iter().map(|l| l.trim()).filter(|l| !l.is_empty()) {
        if !out.iter().any(|o| o == l) {
            out.push(l.to_string());
        }
    }
    out
}

/// `current` with `add` appended (when missing) and `remove` taken out.
pub fn edited_labels(current: &[String], add: &[String], remove: &[String]) -> Vec<String> {
    let remove = clean_labels(remove);
    let mut all = current.to_vec();
    all.extend(clean_labels(add));
    clean_labels(&all).into_iter().filter(|l| !remove.contains(l)).collect()
}

/// Conversation display ids for a bulk request: integers, as upstream looks them up.
fn display_ids(ids: &[String]) -> Result<Vec<u64>, ApiError> {
    ids.iter()
        .map(|i| {
            i.trim().parse::<u64>().map_err(|_| {
                ApiError::Invalid(format!("invalid conversation id {:?}", crate::sanitize::line(i)))
            })
        })
        .collect()
}

/// The body of `POST bulk_actions` (upstream `BulkActionsController#conversation_params`:
/// `snoozed_until` at the top level, `fields` = status / assignee_id / team_id,
/// `labels` = add / remove). What the endpoint cannot express is refused before sending.
pub fn bulk_body(ids: &[String], action: &ConversationAction) -> Result<Value, ApiError> {
    let unsupported = |feature| Err(ApiError::Unsupported { backend: "Chatwoot", feature });
    let mut body = json!({"type": "Conversation", "ids": display_ids(ids)?});
    match action {
        ConversationAction::Status { status, snoozed_until } => {
            body["fields"] = json!({"status": status.as_str()});
            if let Some(s) = snooze_seconds(*status, *snoozed_until)? {
                body["snoozed_until"] = json!(s);
            }
        }
        ConversationAction::AssignAgent(Some(id)) => body["fields"] = json!({"assignee_id": id}),
        // The job drops null fields and the controller refuses an id that is no user's, so a
        // bulk request cannot unassign.
        ConversationAction::AssignAgent(None) => return unsupported("unassigning in a bulk action"),
        ConversationAction::AssignTeam(team) => {
            // 0 removes the team (what the dashboard sends; the controller accepts it).
            body["fields"] = json!({"team_id": team.unwrap_or(0)});
        }
        // A bulk request can only add and remove; replacing becomes adding.
        ConversationAction::SetLabels(labels) => body["labels"] = json!({"add": clean_labels(labels)}),
        ConversationAction::EditLabels { add, remove } => {
            let mut labels = Map::new();
            for (key, list) in [("add", clean_labels(add)), ("remove", clean_labels(remove))] {
                if !list.is_empty() {
                    labels.insert(key.into(), json!(list));
                }
            }
            body["labels"] = Value::Object(labels);
        }
        ConversationAction::Priority(_) => return unsupported("priority in a bulk action"),
        ConversationAction::MarkUnread => return unsupported("marking unread in a bulk action"),
    }
    Ok(body)
}

impl ChatwootClient {
    /// The user the token belongs to (`GET /api/v1/profile`, not under the account), with the
    /// role it has in this account.
    pub async fn profile(&self) -> Result<Agent, ApiError> {
        let w: WireAgent = self.get_json(PROFILE, "/api/v1/profile", Vec::new()).await?;
        Ok(w.into_agent(Some(self.account_id())))
    }

    /// What the realtime channel needs (`GET /api/v1/profile`: the user's id and
    /// `pubsub_token`, with this client's base URL and account); `None` when the server gives
    /// no token (a server too old for the channel).
    pub async fn realtime_params(&self) -> Result<Option<RealtimeParams>, ApiError> {
        let w: WireAgent = self.get_json(PROFILE, "/api/v1/profile", Vec::new()).await?;
        let pubsub_token = w.pubsub_token.line();
        let user_id = w.id.count().unwrap_or(0);
        if pubsub_token.is_empty() || user_id == 0 {
            tracing::debug!("the profile has no pubsub token or user id: no realtime channel");
            return Ok(None);
        }
        Ok(Some(RealtimeParams {
            base_url: self.base_url().to_string(),
            pubsub_token,
            account_id: self.account_id(),
            user_id,
        }))
    }

    /// The account's agents (`GET agents`, a bare array of the agent partial).
    pub async fn agents(&self) -> Result<Vec<Agent>, ApiError> {
        let body: Value = self.get_json(AGENTS, &self.path("/agents"), Vec::new()).await?;
        Ok(list_items::<WireAgent>(body).into_iter().map(|a| a.into_agent(None)).collect())
    }

    /// Canned responses whose short code or content contains `search` (`GET
    /// canned_responses?search=`); every one for a blank search (then no parameter is sent).
    pub async fn canned_responses(&self, search: &str) -> Result<Vec<CannedResponse>, ApiError> {
        let search = search.trim();
        let query = if search.is_empty() { Vec::new() } else { vec![("search", search.to_string())] };
        let body: Value = self.get_json(CANNED, &self.path("/canned_responses"), query).await?;
        Ok(list_items::<WireCanned>(body).into_iter().map(CannedResponse::from).collect())
    }

    /// A conversation's labels (`GET conversations/{id}/labels`, `{"payload": [titles]}`).
    pub async fn conversation_labels(&self, conversation_id: &str) -> Result<Vec<String>, ApiError> {
        let path = self.member("conversations", "conversation id", conversation_id, "/labels")?;
        Ok(label_titles(self.get_json(LABELS, &path, Vec::new()).await?))
    }

    /// Sends a reply or private note (`POST conversations/{id}/messages`): JSON without files,
    /// multipart with them. Sent once. Returns the server's message with the `echo_id` (the
    /// server echoes it; when a fork does not, the one sent is filled in).
    pub async fn send_message(
        &self,
        conversation_id: &str,
        message: &OutgoingMessage,
    ) -> Result<Message, ApiError> {
        let path = self.member("conversations", "conversation id", conversation_id, "/messages")?;
        let reply = if message.attachments.is_empty() {
            self.post_once(CREATE_MESSAGE, &path, &message_json(message)?).await?
        } else {
            self.post_multipart_once(CREATE_MESSAGE, &path, message_form(message)?).await?
        };
        let w: WireMessage = decode(CREATE_MESSAGE, &reply)?;
        let mut m = Message::from(w);
        if m.echo_id.is_empty() {
            m.echo_id = crate::sanitize::line(&message.echo_id);
        }
        if m.conversation_id.is_empty() {
            m.conversation_id = crate::sanitize::line(conversation_id);
        }
        Ok(m)
    }

    /// Replaces a conversation's labels (`POST conversations/{id}/labels {labels}`).
    async fn set_labels(&self, conversation_id: &str, labels: &[String]) -> Result<(), ApiError> {
        let path = self.member("conversations", "conversation id", conversation_id, "/labels")?;
        self.post_once(SET_LABELS, &path, &json!({ "labels": clean_labels(labels) })).await.map(drop)
    }

    /// Applies one action to one conversation. Each is one POST sent once, except editing
    /// labels, which reads the set first (`GET …/labels`) since the write replaces it.
    pub async fn act_on_conversation(
        &self,
        conversation_id: &str,
        action: &ConversationAction,
    ) -> Result<(), ApiError> {
        let at = |tail: &str| self.member("conversations", "conversation id", conversation_id, tail);
        let (endpoint, path, body) = match action {
            ConversationAction::Status { status, snoozed_until } => {
                let mut body = json!({"status": status.as_str()});
                if let Some(s) = snooze_seconds(*status, *snoozed_until)? {
                    body["snoozed_until"] = json!(s);
                }
                (TOGGLE_STATUS, at("/toggle_status")?, body)
            }
            // `find_by(id: nil)` finds nobody, which unassigns (upstream assignments_controller).
            ConversationAction::AssignAgent(id) => {
                (ASSIGNMENTS, at("/assignments")?, json!({"assignee_id": id}))
            }
            ConversationAction::AssignTeam(id) => (ASSIGNMENTS, at("/assignments")?, json!({"team_id": id})),
            ConversationAction::SetLabels(labels) => return self.set_labels(conversation_id, labels).await,
            ConversationAction::EditLabels { add, remove } => {
                let current = self.conversation_labels(conversation_id).await?;
                return self.set_labels(conversation_id, &edited_labels(&current, add, remove)).await;
            }
            ConversationAction::Priority(p) => {
                (TOGGLE_PRIORITY, at("/toggle_priority")?, json!({"priority": p.map(|p| p.as_str())}))
            }
            ConversationAction::MarkUnread => (UNREAD, at("/unread")?, json!({})),
        };
        self.post_once(endpoint, &path, &body).await.map(drop)
    }

    /// One action on several conversations (`POST bulk_actions`, 200 with an empty body; the
    /// server applies it in a background job). No ids: nothing is sent.
    pub async fn bulk_action(
        &self,
        conversation_ids: &[String],
        action: &ConversationAction,
    ) -> Result<(), ApiError> {
        if conversation_ids.is_empty() {
            return Ok(());
        }
        let body = bulk_body(conversation_ids, action)?;
        self.post_once(BULK, &self.path("/bulk_actions"), &body).await.map(drop)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use imbox_model::{OutgoingAttachment, Priority};

    fn note() -> OutgoingMessage {
        OutgoingMessage {
            content: "Checked the logs".into(),
            private: true,
            echo_id: "e-42".into(),
            in_reply_to: Some("9070".into()),
            attachments: Vec::new(),
        }
    }

    #[test]
    fn absent_keys_are_omitted_from_a_message() {
        assert_eq!(
            message_json(&note()).unwrap(),
            json!({"content": "Checked the logs", "private": true, "echo_id": "e-42", "content_attributes": {"in_reply_to": 9070}})
        );
        let plain = OutgoingMessage { content: "Hi".into(), ..OutgoingMessage::default() };
        assert_eq!(message_json(&plain).unwrap(), json!({"content": "Hi", "private": false}));
        assert!(matches!(message_json(&OutgoingMessage::default()), Err(ApiError::Invalid(_))));
        let bad = OutgoingMessage { in_reply_to: Some("x1".into()), ..note() };
        assert!(matches!(message_json(&bad), Err(ApiError::Invalid(_))));
    }

    #[test]
    fn multipart_fields_carry_attributes_as_a_json_string() {
        let file = OutgoingAttachment { file_name: "a.png".into(), mime: "image/png".into(), bytes: vec![1] };
        let m = OutgoingMessage { content: String::new(), attachments: vec![file], ..note() };
        let fields = message_form_fields(&m).unwrap();
        assert_eq!(
            fields,
            vec![
                ("private", "true".to_string()),
                ("echo_id", "e-42".to_string()),
                ("content_attributes", r#"{"in_reply_to":9070}"#.to_string())
            ]
        );
    }

    #[test]
    fn labels_are_edited_in_order_without_repeats() {
        let current = vec!["billing".to_string(), "vip".to_string()];
        let add = vec!["login".to_string(), "vip".to_string(), " ".to_string()];
        assert_eq!(edited_labels(&current, &add, &["billing".to_string()]), ["vip", "login"]);
    }

    #[test]
    fn bulk_bodies_follow_the_controller() {
        let ids = vec!["61".to_string(), "42".to_string()];
        let until = jiff::Timestamp::from_second(1_764_662_400).unwrap();
        let snooze =
            ConversationAction::Status { status: ConversationStatus::Snoozed, snoozed_until: Some(until) };
        assert_eq!(
            bulk_body(&ids, &snooze).unwrap(),
            json!({"type": "Conversation", "ids": [61, 42], "fields": {"status": "snoozed"}, "snoozed_until": 1_764_662_400})
        );
        assert_eq!(
            bulk_body(&ids, &ConversationAction::AssignTeam(None)).unwrap()["fields"],
            json!({"team_id": 0})
        );
        assert_eq!(
            bulk_body(&ids, &ConversationAction::SetLabels(vec!["vip".into()])).unwrap()["labels"],
            json!({"add": ["vip"]})
        );
        for refused in [
            ConversationAction::AssignAgent(None),
            ConversationAction::Priority(Some(Priority::High)),
            ConversationAction::MarkUnread,
        ] {
            assert!(matches!(bulk_body(&ids, &refused), Err(ApiError::Unsupported { .. })), "{refused:?}");
        }
        assert!(matches!(
            bulk_body(&["6 1".to_string()], &ConversationAction::MarkUnread),
            Err(ApiError::Invalid(_))
        ));
        let resolve_later =
            ConversationAction::Status { status: ConversationStatus::Resolved, snoozed_until: Some(until) };
        assert!(matches!(bulk_body(&ids, &resolve_later), Err(ApiError::Invalid(_))));
    }
}
