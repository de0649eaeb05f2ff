//! Answering a customer: the bodies of `POST /sms-campaign/send` (SMS) and of the multichannel
//! send (RCS, live chat), and what their replies mean.
//!
//! A send is never retried automatically (it costs money and reaches a phone). Every send
//! carries a `request_id` (the outgoing message's `echo_id`); Octopush refuses a second request
//! with the same id with a validation error ("A SMS with the same request_id has already been
//! sent", return code 120). That refusal means the first attempt went through, so it is read as
//! success: this is what makes a manual "send again" after a timeout safe.

use crate::ApiError;
use serde::Serialize;
use serde_json::Value;

/// SMS type of a reply: premium (the only type whose replies come back, `with_replies`).
pub const SMS_TYPE: &str = "sms_premium";
/// Purpose of a reply: `alert` (transactional). `wholesale` is marketing, which in France must
/// carry "STOP au XXXXX" and may only be sent at certain hours; an answer to a customer is not
/// marketing.
pub const PURPOSE: &str = "alert";
/// Longest text the service takes (characters).
pub const MAX_TEXT: usize = 1224;

/// One recipient: a phone number, and for live chat the conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Recipient {
    /// `+33…`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    /// `cid_…` (live chat only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conversation_id: Option<String>,
}

/// The body of `POST /sms-campaign/send`.
#[derive(Debug, Clone, Serialize)]
pub struct SmsBody<'a> {
    /// One recipient.
    pub recipients: Vec<Recipient>,
    /// The text.
    pub text: &'a str,
    /// [`SMS_TYPE`].
    #[serde(rename = "type")]
    pub sms_type: &'static str,
    /// [`PURPOSE`].
    pub purpose: &'static str,
    /// Replies come back into the conversation.
    pub with_replies: bool,
    /// The idempotency key (the message's `echo_id`).
    pub request_id: &'a str,
    /// Validate only, send nothing (the profile's `simulation_mode`).
    pub simulation_mode: bool,
}

/// The body of the multichannel send. The reference page lists no `request_id`; it is sent
/// anyway (the service ignores what it does not know, and honours it where it does).
#[derive(Debug, Clone, Serialize)]
pub struct MultichannelBody<'a> {
    /// `rcs`, `live_chat`, …
    pub channel: &'a str,
    /// The text.
    pub text: &'a str,
    /// One recipient.
    pub recipients: Vec<Recipient>,
    /// [`PURPOSE`].
    pub purpose: &'static str,
    /// The idempotency key.
    pub request_id: &'a str,
    /// Validate only, send nothing.
    pub simulation_mode: bool,
}

/// Refuses text the service would refuse: empty, or longer than [`MAX_TEXT`].
pub fn check_text(text: &str) -> Result<(), ApiError> {
    let n = text.chars().count();
    if text.trim().is_empty() {
        return Err(ApiError::Invalid("nothing to send: the message is empty".into()));
    }
    if n > MAX_TEXT {
        return Err(ApiError::Invalid(format!(
            "the message is {n} characters; SMS/RCS takes at most {MAX_TEXT}"
        )));
    }
    Ok(())
}

/// Whether `e` is the service refusing a `request_id` it has already seen (the first send went
/// through).
pub fn is_duplicate(e: &ApiError) -> bool {
    match e {
        ApiError::BadRequest { status: 400..=499, message, .. } => {
            let m = message.to_ascii_lowercase();
            m.contains("request_id")
                && (m.contains("already") || m.contains("duplicat") || m.contains("same"))
        }
        _ => false,
    }
}

/// What a successful send answered, as far as it says: a ticket (the campaign id) and a status.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SendReply {
    /// `ticket_number` (or `ticket`, `message_id`), empty when absent.
    pub ticket: String,
    /// `status`, empty when absent.
    pub status: String,
}

impl SendReply {
    /// Reads a reply body: any JSON object; fields that are missing or of another type are
    /// left empty, a body that is not JSON at all gives an empty reply (the send succeeded).
    pub fn parse(body: &[u8]) -> SendReply {
        let v: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
        // Ids may come as numbers; a status only counts as text (a number says nothing).
        let field = |names: &[&str], numbers: bool| {
            names
                .iter()
                .find_map(|n| match v.get(*n) {
                    Some(Value::String(s)) => Some(crate::sanitize::line(s.trim())),
                    Some(Value::Number(n)) if numbers => Some(n.to_string()),
                    _ => None,
                })
                .unwrap_or_default()
        };
        SendReply {
            ticket: field(&["ticket_number", "ticket", "message_id"], true),
            status: field(&["status"], false),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicates_are_recognised_by_the_message() {
        let dup = ApiError::BadRequest {
            endpoint: "E",
            status: 400,
            message: "A SMS with the same request_id has already been sent.".into(),
        };
        assert!(is_duplicate(&dup));
        let other = ApiError::BadRequest { endpoint: "E", status: 400, message: "text is missing".into() };
        assert!(!is_duplicate(&other));
        assert!(!is_duplicate(&ApiError::Server {
            endpoint: "E",
            status: 503,
            message: "request_id already".into()
        }));
    }

    #[test]
    fn replies_and_texts() {
        let r = SendReply::parse(br#"{"ticket_number": "sms_1", "status": 3, "cost": 0.06}"#);
        assert_eq!((r.ticket.as_str(), r.status.as_str()), ("sms_1", ""));
        assert_eq!(SendReply::parse(b"not json"), SendReply::default());
        assert!(check_text(" ").is_err());
        assert!(check_text(&"a".repeat(MAX_TEXT)).is_ok());
        assert!(check_text(&"é".repeat(MAX_TEXT + 1)).is_err());
    }
}
