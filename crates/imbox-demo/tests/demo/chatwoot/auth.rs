//! Authentication and error bodies (spec §0), the account's inboxes, teams and labels, and the
//! demo's fault and hostile modes on the Chatwoot routes.

use super::{cw, keys, send, start};
use imbox_demo::chatwoot::{LABELS, TEAM_IDS, WELL_KNOWN_CONV};
use imbox_demo::{DemoConfig, Fault};
use serde_json::json;

#[tokio::test]
async fn both_token_headers_work_and_errors_have_chatwoots_bodies() {
    let t = cw().await;
    let url = t.url("/conversations/meta");
    for header in ["api_access_token", "api-access-token", "Api-Access-Token"] {
        let (status, _) = send(t.http.get(&url).header(header, t.server.token())).await;
        assert_eq!(status, 200, "{header}");
    }
    let (status, body) = send(t.http.get(&url)).await;
    assert_eq!(
        (status, body),
        (401, json!({"errors": ["You need to sign in or sign up before continuing."]}))
    );
    let (status, body) = send(t.http.get(&url).header("x-access-token", t.server.token())).await;
    assert_eq!(status, 401, "the iMBRACE header is not Chatwoot's: {body}");
    let (status, body) = send(t.http.get(&url).header("api_access_token", "wrong")).await;
    assert_eq!((status, body), (401, json!({"error": "Invalid Access Token"})));
    let other = format!("{}/api/v1/accounts/2/conversations", t.server.base_url());
    let (status, body) = send(t.http.get(&other).header("api_access_token", t.server.token())).await;
    assert_eq!((status, body), (401, json!({"error": "You are not authorized to access this account"})));
    assert_eq!(t.get("/no_such_thing").await, (404, json!({"error": "Resource could not be found"})));
    assert_eq!(t.get(&format!("/conversations/{WELL_KNOWN_CONV}/nope")).await.0, 404);
}

#[tokio::test]
async fn inboxes_teams_and_labels_have_upstreams_shapes() {
    let t = cw().await;
    let inboxes = t.ok("/inboxes").await;
    assert_eq!(keys(&inboxes), ["payload"]);
    let list = inboxes["payload"].as_array().expect("payload");
    let types: Vec<&str> = list.iter().filter_map(|i| i["channel_type"].as_str()).collect();
    for want in ["Channel::WebWidget", "Channel::Whatsapp", "Channel::Email"] {
        assert!(types.contains(&want), "{want}");
    }
    assert!(list.iter().all(|i| i["id"].is_u64() && i["name"].is_string()));
    let teams = t.ok("/teams").await;
    let teams = teams.as_array().expect("a bare array");
    assert_eq!(teams.iter().filter_map(|x| x["id"].as_u64()).collect::<Vec<_>>(), TEAM_IDS);
    assert_eq!(
        keys(&teams[0]),
        ["account_id", "allow_auto_assign", "description", "id", "is_member", "name"]
    );
    let labels = t.ok("/labels").await;
    let titles: Vec<&str> =
        labels["payload"].as_array().expect("payload").iter().filter_map(|l| l["title"].as_str()).collect();
    assert_eq!(titles, LABELS);
    assert_eq!(keys(&labels["payload"][0]), ["color", "description", "id", "show_on_sidebar", "title"]);
}

#[tokio::test]
async fn faults_and_latency_apply_to_chatwoot_routes() {
    let t = cw().await;
    t.server.inject(Fault::Status(503), 1);
    assert_eq!(t.get("/conversations").await.0, 503);
    assert_eq!(t.get("/conversations").await.0, 200);
    t.server.inject(Fault::Malformed, 1);
    let resp = t.req(reqwest::Method::GET, "/notifications/unread_count").send().await.expect("answered");
    let text = resp.text().await.unwrap_or_default();
    assert!(serde_json::from_str::<serde_json::Value>(&text).is_err(), "malformed body");
}

#[tokio::test]
async fn hostile_mode_poisons_chatwoot_strings_but_keeps_ids_enums_and_times() {
    let t = start(DemoConfig { hostile: true, ..DemoConfig::default() }).await;
    let c = t.ok(&format!("/conversations/{WELL_KNOWN_CONV}")).await;
    assert_eq!((c["id"].as_u64(), c["status"].as_str()), (Some(WELL_KNOWN_CONV), Some("snoozed")));
    assert_eq!(c["meta"]["channel"], "Channel::WebWidget");
    assert!(super::is_iso(&c["snoozed_until"]) && c["updated_at"].is_f64());
    let name = c["meta"]["sender"]["name"].as_str().unwrap_or_default();
    assert!(
        name.chars().any(|ch| ch.is_control() || ('\u{2000}'..='\u{2FFF}').contains(&ch) || !ch.is_ascii()),
        "{name:?}"
    );
    let note = c["last_non_activity_message"]["content"].as_str().unwrap_or_default();
    assert!(note.starts_with("Auth logs") && note.len() > 80, "poisoned after the text");
    let messages = t.ok(&format!("/conversations/{WELL_KNOWN_CONV}/messages")).await;
    let select = messages["payload"]
        .as_array()
        .and_then(|l| l.iter().find(|m| m["content_type"] == "input_select"))
        .expect("buttons")
        .clone();
    let items = select["content_attributes"]["items"].as_array().expect("items");
    let chosen = &select["content_attributes"]["submitted_values"][0]["value"];
    assert!(items.iter().any(|i| i["value"] == *chosen), "the choice still matches an option");
    let (status, body) = send(t.http.get(t.url("/conversations"))).await;
    assert_eq!(status, 401);
    assert!(body["errors"][0].as_str().is_some_and(|s| s.starts_with("You need to sign in") && s.len() > 60));
    let page = t.ok("/contacts?page=2").await;
    assert_eq!(page["meta"]["current_page"], "2", "kept parseable");
}
