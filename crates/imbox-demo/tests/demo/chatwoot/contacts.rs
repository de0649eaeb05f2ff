//! Contacts (spec §4): list, search, show, update with Rails' validation bodies, conversations;
//! the same people as the iMBRACE API.

use super::{cw, ids, is_unix, send};
use reqwest::Method;
use serde_json::{Value, json};
use std::collections::BTreeSet;

async fn all_contacts(t: &super::Cw, base: &str) -> (Vec<Value>, u64) {
    let mut out = Vec::new();
    let mut count = 0;
    for page in 1.. {
        let body = t.ok(&format!("{base}page={page}")).await;
        assert_eq!(
            body["meta"]["current_page"],
            json!(page.to_string()),
            "a sent page comes back as a string"
        );
        count = body["meta"]["count"].as_u64().expect("count");
        let items = body["payload"].as_array().expect("payload").clone();
        assert!(items.len() <= 15);
        let n = items.len();
        out.extend(items);
        if n < 15 {
            break;
        }
    }
    (out, count)
}

#[tokio::test]
async fn the_list_pages_by_15_and_holds_the_imbrace_people_with_a_way_to_reach_them() {
    let t = cw().await;
    let first = t.ok("/contacts").await;
    assert_eq!(first["meta"]["current_page"], json!(1), "no page sent: the integer 1");
    let (all, count) = all_contacts(&t, "/contacts?").await;
    assert_eq!(all.len() as u64, count);
    assert!(count > 100 && count < 300, "visitors without e-mail or phone are left out: {count}");
    let unique: BTreeSet<u64> = ids(&all).into_iter().collect();
    assert_eq!(unique.len(), all.len());
    for c in &all {
        assert!(c["email"].is_string() || c["phone_number"].is_string() || c["identifier"].is_string());
        assert!(c["contact_inboxes"].is_array() && is_unix(&c["created_at"]));
        assert_ne!(c.get("last_activity_at"), Some(&Value::Null), "absent, never null");
        if let Some(p) = c["phone_number"].as_str() {
            assert!(p.starts_with('+') && p[1..].chars().all(|d| d.is_ascii_digit()), "E.164: {p}");
        }
    }
    let imbrace = send(
        t.http
            .get(format!("{}/v1/backend/contacts?limit=300", t.server.base_url()))
            .header("x-access-token", t.server.token()),
    )
    .await
    .1;
    let people: BTreeSet<(String, String, String)> = imbrace["data"]
        .as_array()
        .expect("data")
        .iter()
        .map(|p| {
            let s = |k: &str| p[k].as_str().unwrap_or("").to_string();
            let phone = if s("phone_number").is_empty() {
                String::new()
            } else {
                format!("+{}{}", s("area_code"), s("phone_number"))
            };
            (s("display_name"), s("email"), phone)
        })
        .collect();
    for c in &all {
        let s = |k: &str| c[k].as_str().unwrap_or("").to_string();
        assert!(people.contains(&(s("name"), s("email"), s("phone_number"))), "{c} is an iMBRACE person");
    }
    let sorted = t.ok("/contacts?sort=-last_activity_at").await;
    let times: Vec<i64> = sorted["payload"]
        .as_array()
        .expect("payload")
        .iter()
        .filter_map(|c| c["last_activity_at"].as_i64())
        .collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]));
}

#[tokio::test]
async fn search_matches_name_email_and_phone() {
    let t = cw().await;
    let list = t.ok("/contacts?page=3").await;
    let c = list["payload"]
        .as_array()
        .and_then(|l| l.iter().find(|c| c["email"].is_string()))
        .expect("one with e-mail")
        .clone();
    let email = c["email"].as_str().unwrap_or_default();
    let part = &email[..email.find('@').unwrap_or(email.len())].to_uppercase();
    let hits = t.ok(&format!("/contacts/search?q={part}&page=1")).await;
    assert_eq!(hits["meta"]["current_page"], "1");
    assert!(
        ids(hits["payload"].as_array().expect("payload")).contains(&c["id"].as_u64().unwrap_or(0)),
        "ILIKE"
    );
    if let Some(phone) =
        list["payload"].as_array().and_then(|l| l.iter().find_map(|c| c["phone_number"].as_str()))
    {
        let hits = t.ok(&format!("/contacts/search?q={}", &phone[1..8])).await;
        assert!(hits["payload"].as_array().is_some_and(|l| l.iter().any(|c| c["phone_number"] == phone)));
    }
    let blank = t.ok("/contacts/search?q=").await;
    assert_eq!(blank, json!({"meta": {"count": null, "current_page": 1}, "payload": []}));
}

#[tokio::test]
async fn updates_validate_persist_and_show_everywhere() {
    let t = cw().await;
    let list = t.ok("/contacts?page=2").await;
    let people = list["payload"].as_array().expect("payload");
    let id = people[0]["id"].as_u64().expect("id");
    let other_email =
        people.iter().skip(1).find_map(|c| c["email"].as_str()).expect("another e-mail").to_string();
    let path = format!("/contacts/{id}");
    let shown = t.ok(&path).await;
    assert_eq!(shown["payload"]["id"], id);
    assert!(shown["payload"]["contact_inboxes"].is_array());
    let (status, body) = t.send_json(Method::PUT, &path, json!({"phone_number": "0501234567"})).await;
    assert_eq!(
        (status, body),
        (422, json!({"message": "Phone number should be in e164 format", "attributes": ["phone_number"]}))
    );
    let (status, body) =
        t.send_json(Method::PATCH, &path, json!({"email": other_email.to_uppercase()})).await;
    assert_eq!(
        (status, body),
        (422, json!({"message": "Email has already been taken", "attributes": ["email"]}))
    );
    let change = json!({"name": "Renamed Person", "email": "Renamed.Person@Example.org", "phone_number": "+85298760000", "custom_attributes": {"tier": "gold"}});
    let (status, body) = t.send_json(Method::PUT, &path, change).await;
    assert_eq!(status, 200, "{body}");
    let card = &body["payload"];
    assert_eq!(
        (card["name"].as_str(), card["email"].as_str(), card["phone_number"].as_str()),
        (Some("Renamed Person"), Some("renamed.person@example.org"), Some("+85298760000"))
    );
    assert_eq!(card["custom_attributes"]["tier"], "gold");
    let (status, body) =
        t.send_json(Method::PATCH, &path, json!({"custom_attributes": {"plan": "pro"}})).await;
    assert_eq!(
        (status, body["payload"]["custom_attributes"]["tier"].as_str()),
        (200, Some("gold")),
        "attributes merge"
    );
    assert_eq!(t.ok(&path).await["payload"]["name"], "Renamed Person");
    let hits = t.ok("/contacts/search?q=renamed.person").await;
    assert_eq!(ids(hits["payload"].as_array().expect("payload")), [id]);
    let imbrace = send(
        t.http
            .post(format!("{}/v1/backend/contacts/_search?q=renamed.person", t.server.base_url()))
            .header("x-access-token", t.server.token()),
    )
    .await
    .1;
    assert_eq!(imbrace["data"][0]["display_name"], "Renamed Person", "one data set backs both APIs");
    assert_eq!(imbrace["data"][0]["email"], "renamed.person@example.org");
    assert_eq!(t.get("/contacts/999999").await, (404, json!({"error": "Resource could not be found"})));
}

#[tokio::test]
async fn a_contacts_conversations_are_conversation_objects() {
    let t = cw().await;
    let c = t.ok(&format!("/conversations/{}", imbox_demo::chatwoot::WHATSAPP_CONV)).await;
    let contact = c["meta"]["sender"]["id"].as_u64().expect("sender id");
    let body = t.ok(&format!("/contacts/{contact}/conversations")).await;
    let list = body["payload"].as_array().expect("payload");
    assert!(list.iter().any(|x| x["id"] == c["id"]));
    assert!(list.iter().all(|x| x["meta"]["sender"]["id"] == contact && x["updated_at"].is_f64()));
}
