//! Message contents with structure: buttons (`input_select`), cards, articles, forms, CSAT,
//! incoming e-mail, private notes, and the conversation's browser details. Shapes follow §6 of
//! the Chatwoot spec (`content_attributes` whitelists).

use super::catalog::AGENTS;
use super::script::msg;
use super::world::{Msg, Sender};
use crate::data::names::CHOICES;
use crate::data::rng::{DAY, Rng, iso};
use serde_json::{Value, json};

/// Subjects of generated e-mails.
pub const SUBJECTS: [&str; 6] = [
    "Question about my order",
    "Refund for order #58213",
    "Invoice request",
    "Delivery address change",
    "訂單查詢",
    "Damaged item received",
];

/// Pictures contacts send: (file name, width, height).
pub const IMAGES: [(&str, u32, u32); 4] = [
    ("receipt.jpg", 1080, 1920),
    ("damaged-box.png", 1280, 960),
    ("screenshot 2024-11-02.png", 1170, 2532),
    ("cat.gif", 480, 270),
];

/// Documents contacts send.
pub const DOCS: [&str; 3] = ["invoice-58213.pdf", "warranty terms.docx", "price-list.xlsx"];

/// Why a WhatsApp message failed (Meta's error, as Chatwoot stores it in `external_error`).
pub const WHATSAPP_ERROR: &str = "(#131047) Re-engagement message: More than 24 hours have passed since the customer last replied to this number.";

/// The web widget's greeting template.
pub const GREETING: &str = "Hi there 👋 We usually reply in a few minutes.";

/// A private note that mentions the current user (Chatwoot's mention markup).
pub const MENTION: &str =
    "[@Dana Levi](mention://user/7/Dana%20Levi) can you take a look? The customer asked for you by name.";

/// `content_attributes` of an incoming e-mail (`date` is set once the time is known).
pub fn incoming_email(text: &str, from: &str, subject: &str, x: u64) -> Value {
    let html = format!("<div dir=\"ltr\">{}</div>", text.replace('\n', "<br>"));
    let part = json!({"full": text, "reply": text, "quoted": text});
    json!({
        "email": {
            "bcc": null, "cc": null,
            "content_type": format!("multipart/alternative; boundary=\"{:024x}\"", x as u128),
            "date": null,
            "from": [from],
            "html_content": {"full": html, "reply": text, "quoted": text},
            "in_reply_to": null,
            "message_id": format!("CA{x:x}@mail.gmail.com"),
            "multipart": true, "number_of_attachments": 0, "references": [],
            "subject": subject,
            "text_content": part,
            "to": ["support@acme.io"],
            "auto_reply": false,
        },
        "cc_email": null, "bcc_email": null,
    })
}

/// The value of a button: its title in lower-case ASCII words, or its position.
fn slug(title: &str, i: usize) -> String {
    let words: Vec<String> = title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if words.is_empty() { format!("option_{}", i + 1) } else { words.join("_") }
}

/// The bot's buttons; with `answered`, the contact's choice in `submitted_values`.
pub fn input_select(r: &mut Rng, answered: bool) -> Msg {
    let (question, buttons) = r.pick(&CHOICES);
    let items: Vec<Value> =
        buttons.iter().enumerate().map(|(i, t)| json!({"title": t, "value": slug(t, i)})).collect();
    let mut m = msg(1, Sender::Bot, Some(question.to_string()), "input_select");
    m.attrs = json!({ "items": items });
    if answered {
        let pick = items[r.below(items.len() as u64) as usize].clone();
        m.attrs["submitted_values"] = json!([pick]);
    }
    m
}

/// Cards with a link and a postback action each.
pub fn cards() -> Msg {
    let card = |title: &str, description: &str, img: &str, uri: &str| {
        json!({
            "title": title, "description": description,
            "media_url": format!("https://help.acme.io/img/{img}.png"),
            "actions": [
                {"type": "link", "text": "Open guide", "uri": uri},
                {"type": "postback", "text": "Talk to a human", "payload": "HANDOFF"},
            ],
        })
    };
    let mut m = msg(1, Sender::Bot, Some("These guides might help".into()), "cards");
    m.attrs = json!({"items": [
        card("Track your order", "See where your parcel is right now", "track", "https://help.acme.io/track"),
        card("Returns in 3 steps", "Print the label, pack, drop off", "returns", "https://help.acme.io/returns"),
    ]});
    m
}

/// A list of help-centre articles.
pub fn article() -> Msg {
    let mut m = msg(1, Sender::Bot, Some("Here are some articles that might help".into()), "article");
    m.attrs = json!({"items": [
        {"title": "Reset your password", "description": "Step-by-step guide", "link": "https://help.acme.io/reset-password"},
        {"title": "Delivery times", "description": "When your order arrives", "link": "https://help.acme.io/delivery"},
    ]});
    m
}

/// A form; with `answered`, what the contact filled in.
pub fn form(r: &mut Rng, answered: bool, email: &str) -> Msg {
    let mut m = msg(1, Sender::Bot, Some("Please share a few details".into()), "form");
    m.attrs = json!({"items": [
        {"name": "email", "label": "Your e-mail", "type": "email", "placeholder": "you@example.com", "required": true},
        {"name": "order", "label": "Order number", "type": "text", "placeholder": "HK-12345", "required": false,
         "pattern": "^HK-\\d{5}$", "pattern_error": "Use the format HK-12345"},
        {"name": "topic", "label": "Topic", "type": "select", "required": true,
         "options": [{"label": "Delivery", "value": "delivery"}, {"label": "Refund", "value": "refund"}]},
        {"name": "details", "label": "Anything else?", "type": "text_area", "placeholder": "Describe the problem", "required": false},
    ]});
    if answered {
        let email = if email.is_empty() { "customer@example.com" } else { email };
        let topic = if r.chance(50) { "delivery" } else { "refund" };
        m.attrs["submitted_values"] = json!([
            {"name": "email", "value": email},
            {"name": "order", "value": format!("HK-{}", 10_000 + r.below(89_999))},
            {"name": "topic", "value": topic},
            {"name": "details", "value": "The parcel has not arrived yet"},
        ]);
    }
    m
}

/// A private note by an agent.
pub fn note(text: &str, agent: usize) -> Msg {
    let mut m = msg(1, Sender::Agent(agent.min(AGENTS.len() - 1)), Some(text.to_string()), "text");
    m.private = true;
    m
}

/// The satisfaction survey sent on resolution, answered most of the time (an object, not an
/// array, unlike other `submitted_values`).
pub fn csat(r: &mut Rng) -> Msg {
    let mut m = msg(3, Sender::None, Some("Please rate the conversation".into()), "input_csat");
    if r.chance(70) {
        let rating = 3 + r.below(3);
        let feedback = ["", "Quick and friendly, thanks!", "Took a while but solved."][r.below(3) as usize];
        m.attrs = json!({"submitted_values": {"csat_survey_response": {"rating": rating, "feedback_message": feedback}}});
    }
    m
}

const WEEKDAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
const MONTHS: [&str; 12] =
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// A JavaScript `Date#toString` in UTC, as the widget sends `initiated_at.timestamp`.
fn js_date(ms: i64) -> String {
    let s = iso(ms);
    let month = s.get(5..7).and_then(|m| m.parse::<usize>().ok()).unwrap_or(1);
    format!(
        "{} {} {} {} {} GMT+0000 (Coordinated Universal Time)",
        WEEKDAYS[ms.div_euclid(DAY).rem_euclid(7) as usize],
        MONTHS[(month + 11) % 12],
        s.get(8..10).unwrap_or("01"),
        s.get(0..4).unwrap_or("1970"),
        s.get(11..19).unwrap_or("00:00:00"),
    )
}

/// `2025-12-01 10:05:09 UTC`, as the e-mail channel writes `initiated_at.timestamp`.
pub fn utc_stamp(ms: i64) -> String {
    let s = iso(ms);
    format!("{} {} UTC", s.get(0..10).unwrap_or(""), s.get(11..19).unwrap_or(""))
}

/// An e-mail `Date` header value (ISO with an offset).
pub fn mail_date(ms: i64) -> String {
    iso(ms).replace('Z', "+00:00")
}

/// A web-widget conversation's browser details.
pub fn browser(r: &mut Rng, created_at: i64) -> Value {
    let (device, platform, version) = [
        ("Macbook", "macOS", "10.15.7"),
        ("iPhone", "iOS", "18.1"),
        ("Unknown", "Windows", "10"),
        ("Pixel 8", "Android", "15"),
    ][r.below(4) as usize];
    let (browser, bversion) =
        [("Chrome", "131.0.0.0"), ("Safari", "18.1"), ("Firefox", "133.0")][r.below(3) as usize];
    let language = ["en", "zh", "ja", "th"][r.below(4) as usize];
    let referer =
        ["https://acme.io/", "https://acme.io/login", "https://acme.io/orders"][r.below(3) as usize];
    json!({
        "browser_language": language,
        "browser": {
            "device_name": device, "browser_name": browser, "platform_name": platform,
            "browser_version": bversion, "platform_version": version,
        },
        "initiated_at": {"timestamp": js_date(created_at)},
        "referer": referer,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_like_the_examples() {
        let ms = crate::data::rng::parse_iso("2025-12-01T09:39:58.000Z").unwrap_or(0);
        assert_eq!(js_date(ms), "Mon Dec 01 2025 09:39:58 GMT+0000 (Coordinated Universal Time)");
        assert_eq!(utc_stamp(ms), "2025-12-01 09:39:58 UTC");
        assert_eq!(slug("Yes 👍", 0), "yes");
        assert_eq!(slug("中文", 1), "option_2");
    }
}
