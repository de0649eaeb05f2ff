//! The messages index (spec §3): MessageView items, `before`/`after` paging, meta.

use super::{cw, ids, is_iso, is_unix, keys};
use imbox_demo::chatwoot::{AGENT_ID, EMAIL_CONV, LONG_CONV, LONG_TARGET, WELL_KNOWN_CONV};
use serde_json::Value;

fn ascending(list: &[Value]) -> bool {
    let ids = ids(list);
    let times: Vec<i64> = list.iter().map(|m| m["created_at"].as_i64().unwrap_or(0)).collect();
    ids.windows(2).all(|w| w[0] < w[1]) && times.windows(2).all(|w| w[0] <= w[1])
}

fn payload(body: &Value) -> Vec<Value> {
    body["payload"].as_array().expect("payload").clone()
}

#[tokio::test]
async fn before_after_and_both_page_the_long_history_ascending() {
    let t = cw().await;
    let base = format!("/conversations/{LONG_CONV}/messages");
    let latest = payload(&t.ok(&base).await);
    assert_eq!(latest.len(), 20, "latest 20");
    assert!(ascending(&latest));
    // Scroll back with the smallest id held until fewer than 20 come back.
    let mut history = latest.clone();
    loop {
        let oldest = ids(&history)[0];
        let page = payload(&t.ok(&format!("{base}?before={oldest}")).await);
        assert!(ascending(&page));
        assert!(ids(&page).iter().all(|id| *id < oldest));
        let n = page.len();
        assert!(n <= 20);
        history.splice(0..0, page);
        if n < 20 {
            break;
        }
    }
    assert!(ascending(&history), "the pages join up");
    assert!(history.len() >= LONG_TARGET, "{} messages", history.len());
    let all = ids(&history);
    let after = payload(&t.ok(&format!("{base}?after={}", all[0])).await);
    assert_eq!(ids(&after), all[1..101].to_vec(), "after: the 100 next, ascending");
    let between = payload(&t.ok(&format!("{base}?after={}&before={}", all[10], all[250])).await);
    assert_eq!(ids(&between), all[10..250].to_vec(), "after <= id < before");
    let caught_up = payload(&t.ok(&format!("{base}?after={}", all[all.len() - 1])).await);
    assert!(caught_up.is_empty());
    let internal =
        payload(&t.ok(&format!("{base}?after={}&filter_internal_messages=false", all[0] - 1)).await);
    assert!(internal.iter().all(|m| m["message_type"] != 2 && m["private"] == false), "any value filters");
    assert_eq!(t.get("/conversations/9999/messages").await.0, 404);
}

#[tokio::test]
async fn message_views_have_their_keys_and_no_event_keys() {
    let t = cw().await;
    let body = t.ok(&format!("/conversations/{WELL_KNOWN_CONV}/messages")).await;
    assert_eq!(keys(&body), ["meta", "payload"]);
    let list = payload(&body);
    for m in &list {
        for k in [
            "id",
            "content",
            "inbox_id",
            "conversation_id",
            "message_type",
            "content_type",
            "status",
            "content_attributes",
            "created_at",
            "private",
            "source_id",
        ] {
            assert!(m.get(k).is_some(), "{k} in {m}");
        }
        for k in [
            "account_id",
            "updated_at",
            "sender_type",
            "sender_id",
            "processed_message_content",
            "conversation",
            "echo_id",
        ] {
            assert!(m.get(k).is_none(), "{k} not in a MessageView");
        }
        assert_eq!(m["conversation_id"], WELL_KNOWN_CONV, "display id");
        assert!(is_unix(&m["created_at"]) && m["message_type"].is_u64());
        assert_ne!(m.get("attachments"), Some(&Value::Array(Vec::new())), "absent, never empty");
        assert_ne!(m.get("sender"), Some(&Value::Null), "absent, never null");
    }
    let select = list.iter().find(|m| m["content_type"] == "input_select").expect("buttons");
    let items = select["content_attributes"]["items"].as_array().expect("items");
    assert!(items.len() >= 2 && items.iter().all(|i| keys(i) == ["title", "value"]));
    let chosen = &select["content_attributes"]["submitted_values"][0];
    assert!(items.contains(chosen), "the submitted value is one of the options");
    assert_eq!(select["sender"]["type"], "agent_bot");
    let newest: Vec<&Value> = list.iter().rev().take(3).collect();
    assert!(
        newest
            .iter()
            .any(|m| m["message_type"] == 1 && m["private"] == true && m["sender"]["type"] == "user"),
        "a private note among the newest"
    );
    let activity = list.iter().find(|m| m["message_type"] == 2).expect("activity");
    assert!(activity.get("sender").is_none());
    let cards = list.iter().find(|m| m["content_type"] == "cards").expect("cards");
    let actions: Vec<&str> = cards["content_attributes"]["items"][0]["actions"]
        .as_array()
        .expect("actions")
        .iter()
        .filter_map(|a| a["type"].as_str())
        .collect();
    assert_eq!(actions, ["link", "postback"]);
    let form = list.iter().find(|m| m["content_type"] == "form").expect("form");
    assert!(form["content_attributes"]["submitted_values"].as_array().is_some_and(|v| !v.is_empty()));
    let file = list.iter().find(|m| m.get("attachments").is_some()).expect("attachment");
    let a = &file["attachments"][0];
    assert_eq!((a["file_type"].as_str(), a["message_id"].clone()), (Some("file"), file["id"].clone()));
    assert!(a["data_url"].as_str().is_some_and(|u| u.starts_with("https://")));
    let meta = &body["meta"];
    assert_eq!(meta["assignee"]["id"], AGENT_ID);
    assert_eq!(
        (meta["contact"]["type"].as_str(), meta["labels"].clone()),
        (Some("contact"), serde_json::json!(["login"]))
    );
    assert!(
        is_iso(&meta["agent_last_seen_at"]) && is_iso(&meta["assignee_last_seen_at"]),
        "ISO here, not unix"
    );
    let email = t.ok(&format!("/conversations/{EMAIL_CONV}/messages")).await;
    assert!(email["meta"].get("assignee").is_none(), "absent when unassigned");
    assert!(
        email["meta"]["agent_last_seen_at"].is_null() && email["meta"]["assignee_last_seen_at"].is_null()
    );
}

#[tokio::test]
async fn the_account_has_every_kind_of_message() {
    let t = cw().await;
    let mut seen = std::collections::BTreeSet::new();
    let mut failed = false;
    for c in t.all_conversations("status=all").await.iter().take(120) {
        let id = c["id"].as_u64().unwrap_or(0);
        let body = t.ok(&format!("/conversations/{id}/messages?after=0")).await;
        for m in payload(&body) {
            seen.insert(format!("type:{}", m["message_type"]));
            seen.insert(format!("content:{}", m["content_type"].as_str().unwrap_or("")));
            for a in m["attachments"].as_array().into_iter().flatten() {
                seen.insert(format!("file:{}", a["file_type"].as_str().unwrap_or("")));
            }
            if m["private"] == true {
                seen.insert("private".into());
            }
            if m["content_type"] == "input_select"
                && m["content_attributes"].get("submitted_values").is_none()
            {
                seen.insert("unanswered buttons".into());
            }
            failed |= m["status"] == "failed" && m["content_attributes"]["external_error"].is_string();
        }
    }
    for want in [
        "type:0",
        "type:1",
        "type:2",
        "type:3",
        "content:input_select",
        "content:cards",
        "content:form",
        "content:article",
        "content:incoming_email",
        "content:input_csat",
        "file:image",
        "file:file",
        "file:audio",
        "file:location",
        "private",
        "unanswered buttons",
    ] {
        assert!(seen.contains(want), "{want} missing from {seen:?}");
    }
    assert!(failed, "a failed message with external_error");
}
