//! The account's canned responses: twenty saved answers in the languages the demo's customers
//! write in, some with the variables the web app fills in (`{{contact.name}}`,
//! `{{contact.first_name}}`, `{{contact.email}}`, `{{contact.phone_number}}`, `{{agent.name}}`).
//!
//! `GET canned_responses?search=` matches the short code or the content, case-insensitively
//! (upstream: `short_code ILIKE :search OR content ILIKE :search`), best first as upstream's
//! `order_by_search` ranks them: short code starting with the search, then containing it, then
//! content containing it.

use super::catalog::ACCOUNT_ID;
use crate::data::rng::{DAY, iso};
use serde_json::{Value, json};

/// (short code, content), ids 1.. in this order.
pub const CANNED: [(&str, &str); 20] = [
    (
        "hello",
        "Hi {{contact.first_name}}, thanks for reaching out! My name is {{agent.name}}, how can I help?",
    ),
    ("thanks", "Thank you for your patience, {{contact.name}}. Is there anything else I can do for you?"),
    ("refund", "I've started your refund. It usually reaches your account within 5–7 business days."),
    (
        "shipping",
        "Orders ship within 2 business days. You'll get a tracking link by e-mail at {{contact.email}}.",
    ),
    (
        "reset-password",
        "You can reset your password at https://acme.io/reset. The link is valid for 30 minutes.",
    ),
    ("call-back", "We'll call you back on {{contact.phone_number}} within the next hour."),
    (
        "closing",
        "I'm closing this conversation now. Just reply here if anything else comes up. — {{agent.name}}",
    ),
    ("escalate", "I've passed this on to our specialist team; they'll get back to you by tomorrow."),
    ("hola", "¡Hola {{contact.first_name}}! Gracias por escribirnos. ¿En qué podemos ayudarte?"),
    ("reembolso", "Hemos iniciado tu reembolso; lo verás en tu cuenta en 5 a 7 días hábiles."),
    (
        "bonjour",
        "Bonjour {{contact.first_name}}, merci de nous avoir contactés ! Comment puis-je vous aider ?",
    ),
    ("livraison", "Votre commande est expédiée sous 48 h ; le lien de suivi arrivera par e-mail."),
    ("hallo", "Hallo {{contact.name}}, danke für Ihre Nachricht! Wie kann ich Ihnen helfen?"),
    ("rueckerstattung", "Ihre Rückerstattung ist veranlasst und in 5–7 Werktagen auf Ihrem Konto."),
    ("xin-chao", "Xin chào {{contact.first_name}}! Cảm ơn bạn đã liên hệ. Chúng tôi có thể giúp gì cho bạn?"),
    ("cam-on", "Cảm ơn bạn đã kiên nhẫn chờ đợi. {{agent.name}} sẽ phản hồi trong ít phút nữa."),
    ("shalom", "שלום {{contact.first_name}}, תודה שפנית אלינו! איך אפשר לעזור?"),
    ("todah", "תודה על הסבלנות. ההחזר יופיע בחשבון תוך 5–7 ימי עסקים."),
    ("nihao", "您好 {{contact.name}}，感谢您的来信！请问有什么可以帮您？"),
    ("wuliu", "您的订单将在两个工作日内发货，物流单号会发送到 {{contact.email}}。"),
];

/// One canned response as upstream renders the model (`render json:`): every column, times ISO.
fn json_of(i: usize, now: i64) -> Value {
    let (short_code, content) = CANNED[i];
    let created = now - (90 - i as i64) * DAY;
    json!({
        "id": i + 1, "account_id": ACCOUNT_ID, "short_code": short_code, "content": content,
        "created_at": iso(created), "updated_at": iso(created),
    })
}

/// `GET canned_responses`: every one, or those matching `search`, best match first.
pub fn list(search: Option<&str>, now: i64) -> Value {
    let needle = search.map(str::to_lowercase).filter(|s| !s.is_empty());
    let mut hits: Vec<(u8, usize)> = Vec::new();
    for (i, (code, content)) in CANNED.iter().enumerate() {
        let rank = match &needle {
            None => 0,
            Some(n) if code.to_lowercase().starts_with(n.as_str()) => 3,
            Some(n) if code.to_lowercase().contains(n.as_str()) => 2,
            Some(n) if content.to_lowercase().contains(n.as_str()) => 1,
            Some(_) => continue,
        };
        hits.push((rank, i));
    }
    hits.sort_by_key(|(rank, i)| (std::cmp::Reverse(*rank), *i));
    Value::Array(hits.into_iter().map(|(_, i)| json_of(i, now)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(v: &Value) -> Vec<&str> {
        v.as_array().unwrap().iter().map(|c| c["short_code"].as_str().unwrap()).collect()
    }

    #[test]
    fn search_matches_code_or_content_best_first() {
        assert_eq!(list(None, 0).as_array().unwrap().len(), 20);
        // "refund" is a short code and appears in no other content; "re" starts two codes.
        assert_eq!(codes(&list(Some("REFUND"), 0)), ["refund"]);
        let re = list(Some("re"), 0);
        assert_eq!(&codes(&re)[..3], ["refund", "reset-password", "reembolso"]);
        assert_eq!(codes(&list(Some("感谢"), 0)), ["nihao"]);
        assert!(codes(&list(Some("zzz"), 0)).is_empty());
    }
}
