//! A message's `content_type` and `content_attributes` (§6 of the reference) as a
//! [`MessageBody`]. Every shape problem degrades (an item without a title, attributes that are
//! not an object); an unknown type becomes [`MessageBody::Unsupported`], never an error.

use super::scalar::Scalar;
use crate::sanitize;
use imbox_model::{Card, FormItem, MessageBody, ReplyButton};
use serde_json::Value;

/// `content_type` as a name; the enum integers (§6) are accepted too.
pub fn content_type_name(t: &Scalar) -> String {
    const NAMES: [&str; 13] = [
        "text",
        "input_text",
        "input_textarea",
        "input_email",
        "input_select",
        "cards",
        "form",
        "article",
        "incoming_email",
        "input_csat",
        "integrations",
        "sticker",
        "voice_call",
    ];
    match t {
        Scalar::Int(i) => usize::try_from(*i)
            .ok()
            .and_then(|i| NAMES.get(i))
            .map_or_else(|| i.to_string(), |n| (*n).to_string()),
        other => other.line().to_ascii_lowercase(),
    }
}

/// The string under `key` of a JSON object (numbers printed), raw; empty when missing.
fn raw(v: &Value, key: &str) -> String {
    match v.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        _ => String::new(),
    }
}

fn line(v: &Value, key: &str) -> String {
    sanitize::line(raw(v, key).trim())
}

/// `content_attributes.items` (or another array key) as a slice; empty when not an array.
fn array<'a>(attrs: &'a Value, key: &str) -> &'a [Value] {
    attrs.get(key).and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default()
}

/// `submitted_values` as a list, whether sent as an array or (oddly) one object.
fn submitted(attrs: &Value) -> Vec<&Value> {
    match attrs.get("submitted_values") {
        Some(Value::Array(a)) => a.iter().collect(),
        Some(v @ Value::Object(_)) => vec![v],
        _ => Vec::new(),
    }
}

/// Decodes a body from its content type, its `content` (already sanitized text) and its
/// `content_attributes`.
pub fn message_body(content_type: &str, text: String, attrs: &Value) -> MessageBody {
    match content_type {
        "" | "text" | "input_text" | "input_textarea" => MessageBody::Text { text, is_mail: false },
        "incoming_email" => MessageBody::Text { text: email_text(text, attrs), is_mail: true },
        "input_select" => select(text, attrs),
        "cards" => MessageBody::Cards { cards: array(attrs, "items").iter().map(card).collect() },
        "form" => form(text, attrs),
        "article" => MessageBody::Cards { cards: array(attrs, "items").iter().map(article).collect() },
        "input_email" => {
            let given = line(attrs, "submitted_email");
            let answer = if given.is_empty() {
                "(no e-mail given yet)".to_string()
            } else {
                format!("→ e-mail: {given}")
            };
            MessageBody::Text { text: join(text, answer), is_mail: false }
        }
        "input_csat" => MessageBody::Text { text: join(text, csat(attrs)), is_mail: false },
        other => MessageBody::Unsupported {
            kind: sanitize::line(if other.is_empty() { "(none)" } else { other }),
            raw: if text.is_empty() { sanitize::line(&attrs.to_string()) } else { sanitize::line(&text) },
        },
    }
}

fn join(text: String, more: String) -> String {
    if text.is_empty() { more } else { format!("{text}\n{more}") }
}

/// The dashboard writes a mention into a note as a Markdown link,
/// `[@Dana Levi](mention://user/7/Dana%20Levi)`, and shows it as `@Dana Levi`: so does imbox (the
/// raw link filled the inbox row's preview with a URL).
pub(crate) fn plain_mentions(text: String) -> String {
    const LINK: &str = "](mention://";
    if !text.contains(LINK) {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(open) = rest.find("[@") {
        let after = &rest[open + 1..];
        // The name ends at the first `]`; a mention only when the link follows it at once.
        let Some(close) = after.find(']') else { break };
        let name = &after[..close];
        let tail = &after[close..];
        let end = tail.strip_prefix(LINK).and_then(|t| t.find(')').map(|e| close + LINK.len() + e + 1));
        match end {
            Some(end) if !name.contains('[') => {
                out.push_str(&rest[..open]);
                out.push_str(name);
                rest = &after[end..];
            }
            _ => {
                out.push_str(&rest[..open + 2]);
                rest = &rest[open + 2..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// E-mail text: `content` is the reply part; without it, the reply or full text of the mail.
fn email_text(text: String, attrs: &Value) -> String {
    if !text.trim().is_empty() {
        return text;
    }
    let email = attrs.get("email").unwrap_or(&Value::Null);
    ["text_content", "html_content"]
        .iter()
        .filter_map(|part| email.get(*part))
        .flat_map(|part| [raw(part, "reply"), raw(part, "full")])
        .find(|t| !t.trim().is_empty())
        .map(|t| sanitize::text(&t))
        .unwrap_or_else(|| line(email, "subject"))
}

/// `input_select`: the options as reply chips, with the one(s) the contact picked.
fn select(text: String, attrs: &Value) -> MessageBody {
    let items = array(attrs, "items");
    let buttons: Vec<ReplyButton> = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let value = line(item, "value");
            let title = line(item, "title");
            ReplyButton {
                id: i64::try_from(i).unwrap_or(i64::MAX),
                title: if title.is_empty() { value.clone() } else { title },
                payload: value,
            }
        })
        .collect();
    let chosen = submitted(attrs)
        .into_iter()
        .filter_map(|s| {
            let title = line(s, "title");
            if !title.is_empty() {
                return Some(title);
            }
            // A submission that carries only the value: show the matching option's title.
            let value = line(s, "value");
            let title = buttons.iter().find(|b| b.payload == value).map(|b| b.title.clone());
            title.or((!value.is_empty()).then_some(value))
        })
        .collect();
    MessageBody::Response { title: String::new(), text, buttons, chosen }
}

fn card(item: &Value) -> Card {
    let actions = array(item, "actions")
        .iter()
        .map(|a| {
            let target = [raw(a, "uri"), raw(a, "payload")].into_iter().find(|t| !t.trim().is_empty());
            (line(a, "text"), target.map(|t| sanitize::line(t.trim())).unwrap_or_default())
        })
        .collect();
    Card {
        title: line(item, "title"),
        description: sanitize::text(&raw(item, "description")),
        media_url: line(item, "media_url"),
        actions,
    }
}

/// An article is a card without buttons; its link goes on a line of its own under the text.
fn article(item: &Value) -> Card {
    let link = line(item, "link");
    let description = sanitize::text(&raw(item, "description"));
    Card {
        title: line(item, "title"),
        description: match (description.is_empty(), link.is_empty()) {
            (_, true) => description,
            (true, false) => link,
            (false, false) => format!("{description}\n{link}"),
        },
        media_url: String::new(),
        actions: Vec::new(),
    }
}

/// `form`: the fields in order, each with what the contact submitted under its `name`.
fn form(text: String, attrs: &Value) -> MessageBody {
    let answers = submitted(attrs);
    let fields = array(attrs, "items")
        .iter()
        .map(|item| {
            let name = raw(item, "name");
            let label = [line(item, "label"), line(item, "title"), sanitize::line(&name)]
                .into_iter()
                .find(|l| !l.is_empty())
                .unwrap_or_default();
            let value = answers
                .iter()
                .find(|a| !name.is_empty() && raw(a, "name") == name)
                .map(|a| sanitize::line(&raw(a, "value")))
                .unwrap_or_default();
            FormItem { label, kind: line(item, "type"), value }
        })
        .collect();
    MessageBody::Form { text, fields }
}

/// `input_csat`: the rating (1–5) and feedback once given; `submitted_values` is an object here.
fn csat(attrs: &Value) -> String {
    let response = attrs.get("submitted_values").and_then(|s| s.get("csat_survey_response"));
    let Some(response) = response else {
        return "(no rating yet)".into();
    };
    let rating = line(response, "rating");
    let feedback = line(response, "feedback_message");
    match (rating.is_empty(), feedback.is_empty()) {
        (true, true) => "(no rating yet)".into(),
        (false, true) => format!("→ rated {rating}/5"),
        (true, false) => format!("→ feedback: {feedback}"),
        (false, false) => format!("→ rated {rating}/5: {feedback}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn mention_links_read_as_the_name() {
        let note = "cc [@Dana Levi](mention://user/7/Dana%20Levi) and [@Ops](mention://team/3/Ops): see [docs](https://x.io)";
        assert_eq!(plain_mentions(note.into()), "cc @Dana Levi and @Ops: see [docs](https://x.io)");
        // Not a mention link: left as written.
        for text in
            ["[@half](mention://user/1", "[@a] (mention://user/1/a)", "plain [@x]", "[@]](mention://x)"]
        {
            assert_eq!(plain_mentions(text.into()), text);
        }
    }

    #[test]
    fn content_type_integers_have_names() {
        assert_eq!(content_type_name(&Scalar::Int(4)), "input_select");
        assert_eq!(content_type_name(&Scalar::Int(99)), "99");
        assert_eq!(content_type_name(&Scalar::Text("Cards".into())), "cards");
    }

    #[test]
    fn select_submitted_by_value_only_shows_the_title() {
        let attrs =
            json!({"items":[{"title":"Yes","value":"y"},{"value":"n"}],"submitted_values":[{"value":"y"}]});
        match message_body("input_select", "Sure?".into(), &attrs) {
            MessageBody::Response { buttons, chosen, .. } => {
                assert_eq!(buttons[1].title, "n");
                assert_eq!(chosen, vec!["Yes".to_string()]);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn email_csat_and_unknown_types() {
        let b = message_body("input_email", "Your e-mail?".into(), &json!({"submitted_email":"a@b.co"}));
        assert_eq!(b, MessageBody::Text { text: "Your e-mail?\n→ e-mail: a@b.co".into(), is_mail: false });
        let attrs = json!({"submitted_values":{"csat_survey_response":{"rating":4,"feedback_message":"ok"}}});
        let b = message_body("input_csat", String::new(), &attrs);
        assert_eq!(b, MessageBody::Text { text: "→ rated 4/5: ok".into(), is_mail: false });
        let b = message_body("sticker", String::new(), &json!({"x":1}));
        assert_eq!(b, MessageBody::Unsupported { kind: "sticker".into(), raw: "{\"x\":1}".into() });
        let b = message_body("cards", String::new(), &json!("not an object"));
        assert_eq!(b, MessageBody::Cards { cards: Vec::new() });
    }

    #[test]
    fn email_without_content_falls_back_to_the_mail_text() {
        let attrs = json!({"email":{"text_content":{"reply":"","full":"Full text"},"subject":"S"}});
        let b = message_body("incoming_email", String::new(), &attrs);
        assert_eq!(b, MessageBody::Text { text: "Full text".into(), is_mail: true });
    }
}
