//! What the Chatwoot client sends (method, path, query, body, header) and how it pages, writes
//! and fails, against scripted servers on 127.0.0.1.

use crate::chatwoot::{TOKEN, client_for, serve, serve_fixture};
use crate::scripted::{Recorded, Reply, TestServer};
use imbox_api::backend::MessagesQuery;
use imbox_api::{AnyBackend, ApiError, Backend, BackendKind};
use imbox_model::{ContactUpdate, InboxQuery, InboxView, StatusFilter};
use serde_json::{Value, json};

fn body(r: &Recorded) -> Value {
    serde_json::from_slice(&r.body).unwrap()
}

/// A contact list page with contacts `ids` and the given total.
fn contacts_page(ids: std::ops::Range<u64>, count: u64) -> Reply {
    let payload: Vec<Value> =
        ids.map(|i| json!({"id": i, "name": format!("Contact {i}"), "phone_number": "+15550100"})).collect();
    Reply::ok(
        serde_json::to_vec(&json!({"meta": {"count": count, "current_page": "1"}, "payload": payload}))
            .unwrap(),
    )
}

fn ids<T>(items: &[T], id: impl Fn(&T) -> &str) -> Vec<String> {
    items.iter().map(|i| id(i).to_string()).collect()
}

#[tokio::test]
async fn inbox_sends_every_filter_and_pages_by_the_view_count() {
    let counts = json!({"data":{"meta":{"mine_count":60,"assigned_count":70,"unassigned_count":5,"all_count":75},"payload":[]}});
    let (server, client) = serve(vec![Reply::ok(serde_json::to_vec(&counts).unwrap())]).await;
    let query = InboxQuery {
        view: InboxView::Mine,
        status: StatusFilter::Snoozed,
        inbox_id: Some(3),
        team_id: Some(2),
        labels: vec!["billing".into(), "vip".into()],
        q: "receipt".into(),
        page: 2,
    };
    let page = client.conversations(&query).await.unwrap();
    let r = server.single();
    for (name, values) in [
        ("status", vec!["snoozed"]),
        ("assignee_type", vec!["me"]),
        ("page", vec!["2"]),
        ("inbox_id", vec!["3"]),
        ("team_id", vec!["2"]),
        ("labels[]", vec!["billing", "vip"]),
        ("q", vec!["receipt"]),
    ] {
        assert_eq!(r.query_values(name), values, "{name}");
    }
    assert_eq!((page.page.total, page.page.has_more), (60, true), "page 2 of 60: 50 < 60");
    let last = client.conversations(&InboxQuery { page: 3, ..query.clone() }).await.unwrap();
    assert!(!last.page.has_more, "page 3 holds 51..60");
    let unassigned =
        client.conversations(&InboxQuery { view: InboxView::Unassigned, ..query }).await.unwrap();
    assert_eq!(unassigned.page.total, 5);
    assert_eq!(unassigned.counts.assigned, 70);
}

#[tokio::test]
async fn check_token_asks_for_the_meta_with_the_chosen_header() {
    let server =
        TestServer::start(vec![Reply::ok(r#"{"meta":{"mine_count":1,"unassigned_count":0,"all_count":1}}"#)])
            .await;
    let backend = AnyBackend::from(client_for(&server, true));
    assert_eq!(backend.kind(), BackendKind::Chatwoot);
    assert!(backend.capabilities().conversation_views && backend.capabilities().phone_e164);
    assert_eq!(
        backend.capabilities().edit_fields,
        ["first_name", "last_name", "email", "phone_number", "avatar_url"]
    );
    backend.check_token().await.unwrap();
    let r = server.single();
    assert_eq!(r.path, "/api/v1/accounts/1/conversations/meta");
    assert_eq!(r.query_values("page"), Vec::<String>::new());
    assert_eq!(r.header("api-access-token").as_deref(), Some(TOKEN));
    assert_eq!(r.header("api_access_token"), None);
}

#[tokio::test]
async fn history_pages_by_message_id() {
    let (server, client) = serve_fixture("constructed-messages-index.json").await;
    let before = MessagesQuery { before: Some("9070".into()), ..MessagesQuery::default() };
    let older = client.conversation_messages("61", &before).await.unwrap();
    let after = MessagesQuery { after: Some("9079".into()), ..MessagesQuery::default() };
    client.conversation_messages("61", &after).await.unwrap();
    let sent = server.requests();
    assert_eq!(sent[0].query.as_deref(), Some("before=9070"));
    assert_eq!(sent[1].query.as_deref(), Some("after=9079"));
    assert!(!older.has_more);

    // A full page of 20 means older messages exist.
    let twenty: Vec<Value> =
        (1..=20).map(|i| json!({"id": i, "message_type": 0, "content": format!("m{i}")})).collect();
    let (_, client) = serve(vec![Reply::ok(serde_json::to_vec(&json!({"payload": twenty})).unwrap())]).await;
    let page = client.conversation_messages("61", &MessagesQuery::default()).await.unwrap();
    assert_eq!((page.items[0].id.as_str(), page.items.len(), page.has_more), ("20", 20, true));
    // 20 after `after` is not the 100 that would mean "more to catch up".
    assert!(!client.conversation_messages("61", &after).await.unwrap().has_more);

    // Offsets have no meaning here, and ids are integers: refused before sending.
    let skip = MessagesQuery { skip: 20, limit: 20, ..MessagesQuery::default() };
    assert!(matches!(client.conversation_messages("61", &skip).await, Err(ApiError::Invalid(_))));
    let bad = MessagesQuery { before: Some("1;2".into()), ..MessagesQuery::default() };
    assert!(matches!(client.conversation_messages("61", &bad).await, Err(ApiError::Invalid(_))));
}

#[tokio::test]
async fn contacts_map_limit_and_skip_onto_pages_of_15() {
    let server = TestServer::start(vec![contacts_page(0..15, 20), contacts_page(15..20, 20)]).await;
    let client = client_for(&server, false);
    let page = client.contacts(10, 10).await.unwrap();
    let pages: Vec<Vec<String>> = server.requests().iter().map(|r| r.query_values("page")).collect();
    assert_eq!(pages, [["1"], ["2"]]);
    assert_eq!(server.requests()[0].path, "/api/v1/accounts/1/contacts");
    assert_eq!(ids(&page.items, |c| &c.id), (10..20).map(|i| i.to_string()).collect::<Vec<_>>());
    assert_eq!((page.total, page.has_more), (20, false));

    // Blank searches are never sent.
    let quiet = TestServer::start(vec![Reply::new(500, "")]).await;
    let empty = client_for(&quiet, false).search_contacts("   ", 15, 0).await.unwrap();
    assert!(empty.items.is_empty() && quiet.count() == 0);
}

#[tokio::test]
async fn notifications_skip_maps_to_pages_and_writes_use_their_routes() {
    let (server, client) = serve_fixture("constructed-notifications-index.json").await;
    let page = client.notifications(1, 20).await.unwrap();
    assert_eq!(server.single().query_values("page"), ["2"]);
    assert_eq!((page.page.items.len(), page.page.total, page.unread_count), (0, 2, Some(1)));

    let (server, client) = serve(vec![Reply::ok("3")]).await;
    assert_eq!(client.unread_count().await.unwrap(), 3);
    assert_eq!(server.single().path, "/api/v1/accounts/1/notifications/unread_count");

    let (server, client) = serve(vec![Reply::ok("")]).await;
    let backend = AnyBackend::from(client);
    backend.mark_notifications_read(&["5012".into(), "4990".into()]).await.unwrap();
    backend.mark_all_notifications_read().await.unwrap();
    backend.dismiss_notifications(&["5012".into()]).await.unwrap();
    backend.dismiss_all_notifications("conversations").await.unwrap();
    backend.dismiss_all_notifications("read").await.unwrap();
    backend.mark_conversation_read("42").await.unwrap();
    let sent: Vec<(String, String)> =
        server.requests().iter().map(|r| (r.method.clone(), r.path.clone())).collect();
    let n = "/api/v1/accounts/1/notifications";
    let expected = [
        ("PATCH", format!("{n}/5012")),
        ("PATCH", format!("{n}/4990")),
        ("POST", format!("{n}/read_all")),
        ("DELETE", format!("{n}/5012")),
        ("POST", format!("{n}/destroy_all")),
        ("POST", format!("{n}/destroy_all")),
        ("POST", "/api/v1/accounts/1/conversations/42/update_last_seen".to_string()),
    ];
    assert_eq!(sent, expected.map(|(m, p)| (m.to_string(), p)));
    let requests = server.requests();
    assert_eq!(body(&requests[4]), json!({"type": "all"}));
    assert_eq!(body(&requests[5]), json!({"type": "read"}));
}

#[tokio::test]
async fn contact_update_sends_chatwoot_fields_and_reads_the_payload_back() {
    let card = |name: &str| {
        let c = json!({"payload": {"id": 118, "name": name, "email": "noa@example.com", "phone_number": "+972501234567"}});
        Reply::ok(serde_json::to_vec(&c).unwrap())
    };
    // Only the last name changes: the first name is read from the server, then one name is sent.
    let (server, client) = serve(vec![card("Noa Cohen"), card("Noa Levi")]).await;
    let update = ContactUpdate {
        last_name: Some("Levi".into()),
        phone_number: Some("+972 50-123-4567".into()),
        ..ContactUpdate::default()
    };
    let saved = client.update_contact("118", &update).await.unwrap().unwrap();
    let sent = server.requests();
    assert_eq!((sent[0].method.as_str(), sent[0].path.as_str()), ("GET", "/api/v1/accounts/1/contacts/118"));
    assert_eq!((sent[1].method.as_str(), sent[1].path.as_str()), ("PUT", "/api/v1/accounts/1/contacts/118"));
    assert_eq!(body(&sent[1]), json!({"name": "Noa Levi", "phone_number": "+972501234567"}));
    assert_eq!((saved.first_name.as_str(), saved.last_name.as_str()), ("Noa", "Levi"));

    // A number that is not E.164 is refused before anything is sent.
    let quiet = TestServer::start(vec![Reply::new(500, "")]).await;
    let bad = ContactUpdate { phone_number: Some("050-1234567".into()), ..ContactUpdate::default() };
    let err = client_for(&quiet, false).update_contact("118", &bad).await.unwrap_err();
    assert!(matches!(&err, ApiError::Invalid(m) if m.contains("E.164")), "{err}");
    assert_eq!(quiet.count(), 0);
}

#[tokio::test]
async fn contact_conversations_and_filter_lists() {
    let list = imbox_testkit::bytes("chatwoot/constructed-conversations-list.json");
    let v: Value = serde_json::from_slice(&list).unwrap();
    let payload = json!({"payload": v["data"]["payload"]});
    let (server, client) = serve(vec![Reply::ok(serde_json::to_vec(&payload).unwrap())]).await;
    let backend = AnyBackend::from(client.clone());
    let whatsapp = backend.contact_conversations("118", &["whatsapp".into()]).await.unwrap();
    assert_eq!(ids(&whatsapp, |c| &c.id), ["42"], "the channel filter is applied client-side");
    assert_eq!(server.single().path, "/api/v1/accounts/1/contacts/118/conversations");

    let (server, client) = serve(vec![
        Reply::ok(r#"{"payload":[{"id":3,"name":"Support WhatsApp","channel_type":"Channel::Whatsapp"}]}"#),
        Reply::ok(r#"[{"id":2,"name":"billing","description":"Billing & refunds"}]"#),
        Reply::ok(r##"{"payload":[{"id":9,"title":"vip","color":"#ff0000"}]}"##),
    ])
    .await;
    assert_eq!(client.inboxes().await.unwrap(), [(3, "Support WhatsApp".to_string())]);
    assert_eq!(client.teams().await.unwrap(), [(2, "billing".to_string())]);
    assert_eq!(client.labels().await.unwrap(), ["vip"]);
    let paths: Vec<String> = server.requests().iter().map(|r| r.path.clone()).collect();
    assert_eq!(
        paths,
        ["/api/v1/accounts/1/inboxes", "/api/v1/accounts/1/teams", "/api/v1/accounts/1/labels"]
    );

    // All three at once (concurrently, so one reply that fits every shape).
    let (server, client) = serve(vec![Reply::ok(r#"{"payload":[{"id":1,"name":"Sales"}]}"#)]).await;
    let options = Backend::filter_options(&client).await.unwrap();
    assert_eq!(
        (options.inboxes.len(), options.teams.len(), options.labels.as_slice()),
        (1, 1, &["Sales".to_string()][..])
    );
    assert_eq!(server.count(), 3);
}

#[tokio::test]
async fn inbox_names_learned_once_serve_every_clone_and_relogin() {
    let list = imbox_testkit::bytes("chatwoot/constructed-conversations-list.json");
    let (_, client) =
        serve(vec![Reply::ok(r#"{"payload":[{"id":3,"name":"Support WhatsApp"}]}"#), Reply::ok(list)]).await;
    // A re-login made before the names were learned shares them.
    let relogged = client.with_token(imbox_api::Secret::new("cw_other")).unwrap();
    client.inboxes().await.unwrap();
    let inboxes: Vec<String> = relogged
        .conversations(&InboxQuery::default())
        .await
        .unwrap()
        .page
        .items
        .iter()
        .map(|c| c.inbox.clone())
        .collect();
    assert_eq!(inboxes, ["Support WhatsApp", "inbox 5"]);
}

#[tokio::test]
async fn error_bodies_read_as_the_server_wrote_them() {
    let cases: Vec<(Reply, ApiError)> = vec![
        (
            Reply::new(401, r#"{"error":"Invalid Access Token"}"#),
            ApiError::Unauthorized { endpoint: META, message: "Invalid Access Token".into() },
        ),
        (
            Reply::new(401, r#"{"errors":["You need to sign in or sign up before continuing."]}"#),
            ApiError::Unauthorized {
                endpoint: META,
                message: "You need to sign in or sign up before continuing.".into(),
            },
        ),
        (
            Reply::new(401, r#"{"error":"You are not authorized to access this account"}"#),
            ApiError::Unauthorized {
                endpoint: META,
                message: "You are not authorized to access this account".into(),
            },
        ),
        (
            // Pundit says 401 for "not allowed", which is no reason to ask for a new token.
            Reply::new(401, r#"{"error":"You are not authorized to do this action"}"#),
            ApiError::BadRequest {
                endpoint: META,
                status: 401,
                message: "You are not authorized to do this action".into(),
            },
        ),
        (
            Reply::new(404, r#"{"error":"Resource could not be found"}"#),
            ApiError::NotFound { endpoint: META, message: "Resource could not be found".into() },
        ),
        (
            // Swagger's shape, never produced, still reads.
            Reply::new(
                403,
                r#"{"description":"string","errors":[{"field":"x","message":"Forbidden here","code":"c"}]}"#,
            ),
            ApiError::Unauthorized { endpoint: META, message: "Forbidden here".into() },
        ),
    ];
    for (reply, expected) in cases {
        let (server, client) = serve(vec![reply]).await;
        let err = Backend::check_token(&client).await.unwrap_err();
        assert_eq!(err, expected);
        assert_eq!(server.count(), 1, "never retried");
        assert!(!err.to_string().contains(TOKEN));
    }

    let (_, client) = serve(vec![
        Reply::ok(r#"{"payload":{"id":118,"name":"Noa Cohen"}}"#),
        Reply::new(422, r#"{"message":"Email has already been taken","attributes":["email"]}"#),
    ])
    .await;
    let update = ContactUpdate { email: Some("taken@example.com".into()), ..ContactUpdate::default() };
    // The first reply is consumed by a read so the PUT meets the 422.
    client.contact("118").await.unwrap();
    let err = client.update_contact("118", &update).await.unwrap_err();
    assert_eq!(
        err,
        ApiError::BadRequest {
            endpoint: "PUT /api/v1/accounts/{account_id}/contacts/{contact_id}",
            status: 422,
            message: "Email has already been taken".into()
        }
    );
    assert_eq!(
        err.to_string(),
        "PUT /api/v1/accounts/{account_id}/contacts/{contact_id} refused the request (422): Email has already been taken"
    );
}

const META: &str = "GET /api/v1/accounts/{account_id}/conversations/meta";
