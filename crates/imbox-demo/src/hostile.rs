//! The hostile demo: every string the server sends becomes an attack on the terminal.
//!
//! With [`super::DemoConfig::hostile`] set, every JSON body the demo answers (lists, records,
//! error bodies) is rewritten on its way out: each string value becomes
//! `original + legitimate text + attack`, drawn deterministically from [`ATTACKS`] and
//! [`LEGIT`], and records that carry a name get an extra field whose *key* is an attack too.
//! Ids, sender ids, times, message types and SMS/RCS directions stay valid so navigation still
//! works; links keep their `conv_id=` and get the attack after a `#`; a phone-links record keeps
//! its number. An iMBRACE notification list leaves out its `unread_count`.
//!
//! The legitimate strings (Arabic, Hebrew, CJK, emoji, ZWJ sequences) must survive imbox's
//! sanitizer; the attacks must not reach the terminal as anything but visible text.

use axum::body::Body;
use axum::http::header;
use axum::response::Response;
use serde_json::{Map, Value};

/// Text that is real and must reach the screen intact.
pub const LEGIT: [&str; 8] = [
    "مرحبا بالعالم",
    "שלום עולם",
    "你好世界",
    "こんにちは",
    "안녕하세요",
    "👩\u{200d}💻 coder",
    "👨\u{200d}👩\u{200d}👧\u{200d}👦 family",
    "café 🎉",
];

/// Attacks on the terminal: escape sequences of every family, 8-bit C1, C0 controls, bidi and
/// invisible characters, Zalgo. ([`long_attack`] adds a 100 KB one.)
pub const ATTACKS: [&str; 34] = [
    "\u{1b}[2J\u{1b}[H",
    "\u{1b}[31;1;5mred\u{1b}[0m",
    "\u{1b}]0;pwned-title\u{7}",
    "\u{1b}]2;pwned-title\u{1b}\\",
    "\u{1b}]8;;https://evil.example/\u{1b}\\click\u{1b}]8;;\u{1b}\\",
    "\u{1b}]52;c;ZXZpbA==\u{7}",
    "\u{1b}P1$qm\u{1b}\\",
    "\u{1b}_apc-payload\u{1b}\\",
    "\u{1b}^pm-payload\u{1b}\\",
    "\u{1b}Xsos-payload\u{1b}\\",
    "\u{9b}2J8bit-csi",
    "\u{9d}0;c1-title\u{9c}",
    "\u{90}1$qm\u{9c}",
    "\u{85}nel\u{8d}ri",
    "bell\u{7}\u{7}",
    "back\u{8}\u{8}\u{8}space",
    "carriage\rreturn",
    "del\u{7f}del",
    "nul\u{0}byte",
    "tab\tvt\u{b}ff\u{c}",
    "\u{1b}[6n\u{1b}[c",
    "\u{1b}[?1049l\u{1b}[?25h",
    "\u{1b}c\u{1b}#8",
    "\u{1b}[1;1H\u{1b}[K",
    "bidi\u{202e}live\u{202c}",
    "\u{202a}lre\u{202b}rle\u{202d}lro\u{202c}",
    "\u{2066}lri\u{2067}rli\u{2068}fsi\u{2069}",
    "\u{200e}lrm\u{200f}rlm\u{61c}alm",
    "zero\u{200b}width\u{2060}word\u{feff}bom\u{ad}shy",
    "tag\u{e0001}\u{e0041}\u{e0042}\u{e007f}",
    "line\u{2028}sep\u{2029}para",
    "\u{1b}[1;31m\u{202e}\u{200b}\u{9b}mixed\u{7}",
    "\u{1b}]1337;File=inline=1:AAAA\u{7}",
    "\u{1b}]777;notify;pwned;body\u{1b}\\",
];

/// A Zalgo stack: one letter under 80 combining marks.
pub fn zalgo() -> String {
    let marks: String =
        ['\u{300}', '\u{301}', '\u{316}', '\u{35c}', '\u{489}'].iter().cycle().take(80).collect();
    format!("Z{marks}algo")
}

/// A 100 KB value made of escape sequences and bidi overrides.
pub fn long_attack() -> String {
    "\u{1b}[2J\u{202e}long\u{200b}".repeat(100_000 / 12)
}

/// Fields whose value must stay valid for the client to navigate.
fn keep_verbatim(key: &str) -> bool {
    matches!(key, "id" | "_id" | "public_id" | "from" | "type" | "last_seen" | "object_name" | "direction")
        || key.ends_with("_id")
        || key.ends_with("_at")
}

fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3))
}

/// The attack for a value: chosen from its key and text, so the same record always looks the same.
fn attack_for(key: &str, value: &str) -> String {
    let h = fnv(key) ^ fnv(value).rotate_left(17);
    match h % (ATTACKS.len() as u64 + 3) {
        i if (i as usize) < ATTACKS.len() => ATTACKS[i as usize].to_string(),
        i if i as usize == ATTACKS.len() => zalgo(),
        // Long values only where they are long on real servers too.
        _ if matches!(key, "text" | "remark" | "content" | "message" | "display_name") => long_attack(),
        _ => ATTACKS[(h >> 8) as usize % ATTACKS.len()].to_string(),
    }
}

fn legit_for(key: &str, value: &str) -> &'static str {
    LEGIT[(fnv(value) ^ fnv(key)).rotate_right(7) as usize % LEGIT.len()]
}

/// Poisons one string value of field `key`.
fn poison_str(key: &str, value: &str) -> String {
    let (legit, attack) = (legit_for(key, value), attack_for(key, value));
    if key == "link" {
        // `conv_id=` must stay parseable: the attack goes into the fragment.
        return format!("{value}#{legit}{attack}");
    }
    if value.is_empty() { format!("{legit} {attack}") } else { format!("{value} {legit} {attack}") }
}

/// Rewrites every string of a JSON document (see the module docs).
pub fn poison(value: &mut Value) {
    poison_in("", value, &[]);
}

/// [`poison`], keeping `extra` fields valid too (the realtime events keep what their API's
/// bodies keep).
pub(crate) fn poison_keeping(value: &mut Value, extra: &[&str]) {
    poison_in("", value, extra);
}

/// A response extension naming more fields to keep valid in that response (another API's
/// enums, times and tokens the client navigates by), on top of [`keep_verbatim`]'s.
#[derive(Debug, Clone, Copy)]
pub(crate) struct KeepKeys(pub &'static [&'static str]);

fn poison_in(key: &str, value: &mut Value, extra: &[&str]) {
    match value {
        Value::String(s) if !keep_verbatim(key) && !extra.contains(&key) => *s = poison_str(key, s),
        Value::Array(items) => items.iter_mut().for_each(|v| poison_in(key, v, extra)),
        Value::Object(map) => {
            // A phone-links record is matched to the number that was asked for: its number stays.
            let links_record = map.contains_key("conversation_links");
            for (k, v) in map.iter_mut() {
                if !(links_record && k == "phone_number") {
                    poison_in(k, v, extra);
                }
            }
            if map.contains_key("display_name") || map.contains_key("title") {
                add_hostile_key(map);
            }
        }
        _ => {}
    }
}

/// An iMBRACE notification list (`{data, count, total, unread_count, has_more}`) without its
/// `unread_count`: a client must show the badge as unknown then, never "0 unread" beside
/// unread rows.
fn leave_out_unread_count(json: &mut Value) {
    let Value::Object(map) = json else { return };
    if map.contains_key("has_more") && map.get("data").is_some_and(Value::is_array) {
        map.remove("unread_count");
    } else if map.len() == 1
        && let Some(inner @ Value::Object(_)) = map.get_mut("data")
    {
        // The channel-service layout's `{"data": {…the list…}}`.
        leave_out_unread_count(inner);
    }
}

/// A field whose name is an attack (clients that show unknown fields show the key too).
fn add_hostile_key(map: &mut Map<String, Value>) {
    let seed = map.get("id").or_else(|| map.get("_id")).map(Value::to_string).unwrap_or_default();
    let key = format!("x-{}{}", legit_for("key", &seed), ATTACKS[fnv(&seed) as usize % ATTACKS.len()]);
    map.insert(key, Value::String(attack_for("extra", &seed)));
}

/// Poisons a response's JSON body; a body that is not JSON is passed on unchanged.
pub async fn poison_response(response: Response) -> Response {
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let Ok(mut json) = serde_json::from_slice::<Value>(&bytes) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    let extra = parts.extensions.get::<KeepKeys>().map_or(&[][..], |k| k.0);
    poison_in("", &mut json, extra);
    leave_out_unread_count(&mut json);
    let out = serde_json::to_vec(&json).unwrap_or_else(|_| bytes.to_vec());
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shown_string_is_poisoned_and_ids_stay_valid() {
        let mut v = serde_json::json!({
            "data": [{ "id": "con_1", "display_name": "Jane", "email": "", "created_at": "2024-01-01T00:00:00Z",
                       "link": "https://x/?conv_id=conv_1" }],
            "message": "Not Found"
        });
        poison(&mut v);
        let c = &v["data"][0];
        assert_eq!(c["id"], "con_1");
        assert_eq!(c["created_at"], "2024-01-01T00:00:00Z");
        assert!(c["display_name"].as_str().is_some_and(|s| s.starts_with("Jane ") && s.len() > 8));
        assert!(c["email"].as_str().is_some_and(|s| !s.is_empty()));
        assert!(v["message"].as_str().is_some_and(|s| s.starts_with("Not Found ")));
        let link = c["link"].as_str().unwrap_or_default();
        assert_eq!(imbox_model::conversation_id_from_link(link).as_deref(), Some("conv_1"));
        assert!(c.as_object().is_some_and(|m| m.keys().any(|k| k.starts_with("x-"))));
    }

    #[test]
    fn a_notification_list_leaves_out_its_unread_count_and_nothing_else_does() {
        let mut list =
            serde_json::json!({"data": [], "count": 3, "total": 0, "unread_count": 2, "has_more": false});
        leave_out_unread_count(&mut list);
        assert!(list.get("unread_count").is_none() && list["count"] == 3);
        let mut wrapped =
            serde_json::json!({"data": {"data": [], "count": 3, "unread_count": 2, "has_more": false}});
        leave_out_unread_count(&mut wrapped);
        assert!(wrapped["data"].get("unread_count").is_none(), "the channel-service wrapper too");
        let mut other = serde_json::json!({"unread_count": 2, "meta": {}});
        leave_out_unread_count(&mut other);
        assert_eq!(other["unread_count"], 2);
    }
}
