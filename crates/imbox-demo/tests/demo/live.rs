//! The iMBRACE and SMS/RCS demos change over time (no realtime channel: clients poll): a
//! contact writes, and the thread, the lists and the notifications show it.

use crate::common::{T, default, send};
use imbox_demo::seeds::{F262_CONTACT, F262_CONV};
use imbox_demo::smsrcs::{DEMO_LOGIN, LIST_PATH, SMS_CID, SMS_PHONE, SMS_THREAD_SIZES};
use reqwest::Method;
use serde_json::Value;

async fn notifications(t: &T) -> Value {
    t.get("/v1/backend/notifications?limit=5").await.1
}

#[tokio::test]
async fn an_imbrace_contact_writing_adds_a_message_on_top_and_a_notification() {
    let t = default().await;
    let path = format!("/3rd/conversations/{F262_CONV}/messages?limit=3");
    let before = t.get(&path).await.1;
    let notes_before = notifications(&t).await;
    let id =
        t.server.imbrace_customer_writes(F262_CONV, "Is my order shipped?").expect("the conversation exists");
    let after = t.get(&path).await.1;
    assert_eq!(after["count"].as_u64(), before["count"].as_u64().map(|n| n + 1));
    assert_eq!(after["items"][0]["_id"], id.as_str());
    assert_eq!(after["items"][0]["content"]["text"], "Is my order shipped?");
    assert_eq!(after["items"][0]["conversation_id"], F262_CONV);
    assert_eq!(after["items"][1], before["items"][0], "the older messages follow");
    assert!(after["items"][0]["created_at"].as_str() > before["items"][0]["created_at"].as_str());
    // Paging past the new message still reaches the oldest one.
    let n = after["count"].as_u64().unwrap();
    let last = t.get(&format!("/3rd/conversations/{F262_CONV}/messages?limit=1&skip={}", n - 1)).await.1;
    assert_eq!(last["items"].as_array().unwrap().len(), 1);

    // The contact's conversations show it as the newest activity.
    let records = t.get(&format!("/v1/backend/contacts/{F262_CONTACT}/conversations")).await.1;
    let first = &records["data"][0];
    assert_eq!(first["conversation"]["_id"], F262_CONV, "{records}");
    assert_eq!(first["latest_message"]["_id"], id.as_str());
    assert_eq!(first["latest_message"]["content"]["text"], "Is my order shipped?");
    assert_eq!(first["conversation"]["timestamp"], after["items"][0]["created_at"]);

    let notes = notifications(&t).await;
    assert_eq!(notes["count"].as_u64(), notes_before["count"].as_u64().map(|n| n + 1));
    assert_eq!(notes["unread_count"].as_u64(), notes_before["unread_count"].as_u64().map(|n| n + 1));
    let top = &notes["data"][0];
    assert_eq!(top["is_read"], false);
    assert_eq!(top["content"], "Is my order shipped?");
    assert!(
        top["action_to"]["team_conversation_user_id"].as_str().is_some_and(|s| s.starts_with("tcu_")),
        "{top}"
    );
    // It can be read and dismissed like the others.
    let nid = top["id"].as_str().unwrap().to_string();
    let (status, _) =
        t.with_body(Method::PUT, "/v1/backend/notifications/read", &format!("[\"{nid}\"]")).await;
    assert_eq!(status, 200);
    assert_eq!(notifications(&t).await["unread_count"], notes_before["unread_count"]);
    let (status, _) =
        t.with_body(Method::DELETE, "/v1/backend/notifications/dismiss", &format!("[\"{nid}\"]")).await;
    assert_eq!(status, 200);
    assert_eq!(notifications(&t).await["count"], notes_before["count"]);
    assert_eq!(t.server.imbrace_customer_writes("conv_nope", "x"), None);
}

fn sms(t: &T, path: &str) -> reqwest::RequestBuilder {
    t.http
        .get(format!("{}{path}", t.server.base_url()))
        .header("api-key", t.server.token())
        .header("api-login", DEMO_LOGIN)
}

#[tokio::test]
async fn an_sms_contact_writing_joins_the_thread_and_tops_the_list() {
    let t = default().await;
    let id = t.server.sms_customer_writes(SMS_PHONE, "Thanks, received!").expect("a contact has the number");
    let (status, thread) =
        send(sms(&t, &format!("{LIST_PATH}?conversation_id={SMS_CID}&per_page=500"))).await;
    assert_eq!(status, 200);
    let items = thread.as_array().unwrap();
    assert_eq!(items.len() as u32, SMS_THREAD_SIZES[0] + 1);
    let newest = items.last().unwrap();
    assert_eq!(
        (newest["message_id"].as_str(), newest["direction"].as_str()),
        (Some(id.as_str()), Some("inbound"))
    );
    assert_eq!(
        (newest["text"].as_str(), newest["delivery_status"].clone()),
        (Some("Thanks, received!"), Value::Null)
    );
    let (_, list) = send(sms(&t, imbox_demo::smsrcs::CONVERSATIONS_PATH)).await;
    assert_eq!(list[0]["conversation_id"], SMS_CID);
    assert_eq!(list[0]["last_message"], "Thanks, received!");
    // By thread id too.
    assert!(t.server.sms_customer_writes(SMS_CID, "again").is_some());
    assert_eq!(t.server.sms_customer_writes("+000", "nobody"), None);
}
