//! The two gateway layouts (seed `/v1/backend`, SDK `/channel-service/v1`): `auto` finds each on
//! the demo and every feature answers the same; the probe is sent once and an auth error decides
//! nothing; `{"data": …}`-wrapped fixtures decode like bare ones; `x-organization-id`; comments
//! without a comment id; one contact by id.

use super::demo::fast_retry;
use crate::scripted::{Reply, TestServer};
use imbox_api::imbrace::{ClientConfig, GatewayOptions, ImbraceClient, Layout, LayoutChoice};
use imbox_api::retry::RetryPolicy;
use imbox_api::{ApiError, Backend, Secret};
use imbox_demo::seeds::TWN_CONTACT;
use imbox_demo::{self as demo, DemoConfig, ImbraceLayout};
use imbox_model::ContactUpdate;
use std::time::Duration;

fn client(base: &str, layout: LayoutChoice, org: Option<&str>, retry: RetryPolicy) -> ImbraceClient {
    let mut cfg = ClientConfig::new(base, Secret::new(demo::DEMO_TOKEN));
    cfg.retry = retry;
    let options = GatewayOptions { layout, organization_id: org.map(str::to_string) };
    ImbraceClient::with_gateway(cfg, options).unwrap()
}

fn no_retry() -> RetryPolicy {
    RetryPolicy { max_retries: 0, base_delay: Duration::from_millis(1), max_delay: Duration::from_millis(1) }
}

/// Everything the app does on iMBRACE, in one pass, as a comparable summary.
async fn every_feature(c: &ImbraceClient) -> Vec<String> {
    let mut out = Vec::new();
    let page = c.contacts(20, 0, "-created_at").await.unwrap();
    out.push(format!("contacts {} {} {}", page.total, page.items.len(), page.items[3].display_name));
    let found = c.search_contacts("NJ9585", "text", 10, 0).await.unwrap();
    out.push(format!("search {:?}", found.items.iter().map(|c| c.id.clone()).collect::<Vec<_>>()));
    let update = ContactUpdate { remark: Some("layout test".into()), ..ContactUpdate::default() };
    let saved = c.update_contact(TWN_CONTACT, &update).await.unwrap().expect("the contact comes back");
    out.push(format!("saved {} {}", saved.id, saved.remark));
    let convs = c.contact_conversations(TWN_CONTACT, &[]).await.unwrap();
    out.push(format!("conversations {:?}", convs.iter().map(|c| c.id.clone()).collect::<Vec<_>>()));
    let messages = c.conversation_messages(&convs[0].id, 5, 0).await.unwrap();
    out.push(format!("messages {} {:?}", messages.total, messages.items.first().map(|m| m.id.clone())));
    let files = c.contact_files(TWN_CONTACT).await.unwrap();
    out.push(format!("files {:?}", files.iter().map(|f| f.url.clone()).collect::<Vec<_>>()));
    let url = c.upload_contact_file("a.txt", b"hello".to_vec(), "text/plain").await.unwrap();
    out.push(format!("upload {}", url.rsplit('/').next().unwrap_or_default().len()));
    let mut comments = Vec::new();
    for contact in &page.items {
        let list = c.contact_comments(&contact.id, &contact.id).await.unwrap();
        comments.push(list.len());
    }
    out.push(format!("comments {comments:?}"));
    let n = c.notifications(10, 0).await.unwrap();
    out.push(format!("notifications {} {} {}", n.page.total, n.unread_count, n.page.items.len()));
    let unread: Vec<String> = n.page.items.iter().filter(|n| !n.is_read).map(|n| n.id.clone()).collect();
    c.mark_notifications_read(&unread[..1]).await.unwrap();
    c.dismiss_notifications(&[n.page.items[1].id.clone()]).await.unwrap();
    let after = c.notifications(10, 0).await.unwrap();
    out.push(format!("after read+dismiss {} {}", after.page.total, after.unread_count));
    c.dismiss_all_notifications("conversations").await.unwrap();
    let cleared = c.notifications(10, 0).await.unwrap();
    out.push(format!("after dismiss all {}", cleared.page.total));
    out
}

#[tokio::test]
async fn auto_finds_each_layout_of_the_demo_and_every_feature_answers_the_same() {
    let mut summaries = Vec::new();
    for (served, expected) in [
        (ImbraceLayout::Seed, Layout::Seed),
        (ImbraceLayout::ChannelService, Layout::ChannelService),
        // Both served: `auto` asks channel-service first, so it is the one used.
        (ImbraceLayout::Both, Layout::ChannelService),
    ] {
        let server =
            demo::spawn(DemoConfig { imbrace_layout: served, ..DemoConfig::default() }).await.unwrap();
        let c = client(&server.base_url(), LayoutChoice::Auto, None, fast_retry());
        assert_eq!(c.layout(), None, "nothing is asked before the first call");
        let summary = every_feature(&c).await;
        assert_eq!(c.layout(), Some(expected), "{served:?}");
        assert_eq!(c.layout_view().describe(), format!("{} (auto)", expected.name()));
        summaries.push((served, summary));
    }
    let (_, first) = &summaries[0];
    assert!(first.iter().any(|l| l.starts_with("comments ") && l != "comments [0, 0, 0]"), "{first:?}");
    for (served, summary) in &summaries[1..] {
        assert_eq!(summary, first, "{served:?} answers like the seed layout");
    }
}

#[tokio::test]
async fn a_fixed_layout_is_used_without_a_probe_and_the_other_one_is_a_clear_404() {
    let server = demo::spawn(DemoConfig { imbrace_layout: ImbraceLayout::Seed, ..DemoConfig::default() })
        .await
        .unwrap();
    let cs = client(&server.base_url(), LayoutChoice::Fixed(Layout::ChannelService), None, no_retry());
    match cs.contacts(5, 0, "-created_at").await.unwrap_err() {
        ApiError::NotFound { endpoint, .. } => assert_eq!(endpoint, "GET /channel-service/v1/contacts"),
        other => panic!("expected 404, got {other:?}"),
    }
    let auto_on_nothing = TestServer::start(vec![Reply::new(404, r#"{"message":"Not Found"}"#)]).await;
    let c = client(&auto_on_nothing.base_url(), LayoutChoice::Auto, None, no_retry());
    let err = c.notifications(5, 0).await.unwrap_err();
    assert!(err.to_string().contains("neither iMBRACE gateway layout answers"), "{err}");
    assert_eq!(auto_on_nothing.count(), 2, "each layout asked once");
    assert_eq!(c.layout(), None);
}

#[tokio::test]
async fn the_probe_is_sent_once_per_session_and_the_answer_kept() {
    let contacts = imbox_testkit::text("imbrace/002_contacts.json");
    let server = TestServer::start(vec![
        Reply::new(404, r#"{"message":"Not Found"}"#),
        Reply::ok(contacts.clone()),
        Reply::ok(contacts),
    ])
    .await;
    let c = client(&server.base_url(), LayoutChoice::Auto, None, no_retry());
    let (a, b) = tokio::join!(c.contacts(10, 0, "-created_at"), c.search_contacts("x", "text", 10, 0));
    a.unwrap();
    b.unwrap();
    c.clone().contacts(10, 10, "-created_at").await.unwrap();
    // A re-login keeps what was found: the layout belongs to the gateway.
    c.with_token(Secret::new("other")).unwrap().contacts(10, 20, "-created_at").await.unwrap();
    let paths: Vec<String> = server.requests().iter().map(|r| r.path.clone()).collect();
    assert_eq!(paths[..2], ["/channel-service/v1/contacts", "/v1/backend/contacts"]);
    assert_eq!(server.requests()[1].query_values("limit"), ["1"]);
    assert_eq!(paths.len(), 2 + 4, "two probes, then the four calls: {paths:?}");
    assert!(paths[2..].iter().all(|p| p.starts_with("/v1/backend/contacts")), "{paths:?}");
    assert_eq!(c.layout(), Some(Layout::Seed));
    assert!(!c.capabilities().contact_by_id, "no one-contact call on the seed layout");
}

#[tokio::test]
async fn an_auth_error_decides_no_layout() {
    let contacts = imbox_testkit::text("imbrace/002_contacts.json");
    let unauthorized = Reply::new(401, r#"{"message":"Unauthorized"}"#);
    let server = TestServer::start(vec![
        unauthorized.clone(),
        unauthorized,
        Reply::ok(contacts.clone()),
        Reply::ok(contacts),
    ])
    .await;
    let c = client(&server.base_url(), LayoutChoice::Auto, None, no_retry());
    let err = c.contacts(10, 0, "-created_at").await.unwrap_err();
    assert!(matches!(err, ApiError::Unauthorized { .. }), "{err:?}");
    assert_eq!(c.layout(), None, "a rejected token says nothing about the paths");
    // With a token the gateway takes, the next call asks again and decides.
    c.contacts(10, 0, "-created_at").await.unwrap();
    assert_eq!(c.layout(), Some(Layout::ChannelService));
    let paths: Vec<String> = server.requests().iter().map(|r| r.path.clone()).collect();
    assert_eq!(
        paths,
        [
            "/channel-service/v1/contacts",
            "/v1/backend/contacts",
            "/channel-service/v1/contacts",
            "/channel-service/v1/contacts"
        ]
    );
}

#[tokio::test]
async fn an_unreachable_gateway_is_not_asked_twice_per_call() {
    let server = TestServer::start(vec![Reply::new(503, r#"{"message":"down"}"#)]).await;
    let c = client(&server.base_url(), LayoutChoice::Auto, None, no_retry());
    let err = c.contacts(10, 0, "-created_at").await.unwrap_err();
    assert!(matches!(err, ApiError::Server { status: 503, .. }), "{err:?}");
    assert_eq!(server.count(), 1, "a 5xx stops the probe: the other path would fare no better");
    assert_eq!(c.layout(), None);
}

#[tokio::test]
async fn requests_waiting_for_a_failed_probe_share_its_answer_and_the_next_asks_again() {
    let contacts = imbox_testkit::text("imbrace/002_contacts.json");
    let down = Reply::new(503, r#"{"message":"down"}"#).delayed(Duration::from_millis(300));
    let server = TestServer::start(vec![down, Reply::ok(contacts.clone()), Reply::ok(contacts)]).await;
    let c = client(&server.base_url(), LayoutChoice::Auto, None, no_retry());
    let (a, b, n) = tokio::join!(
        c.contacts(10, 0, "-created_at"),
        c.search_contacts("x", "text", 10, 0),
        c.notifications(10, 0)
    );
    for r in [a.map(drop), b.map(drop), n.map(drop)] {
        assert!(matches!(r, Err(ApiError::Server { status: 503, .. })), "{r:?}");
    }
    assert_eq!(server.count(), 1, "one probe for the three: offline, they fail together");
    c.contacts(10, 0, "-created_at").await.unwrap();
    assert_eq!(c.layout(), Some(Layout::ChannelService));
    assert_eq!(server.count(), 3, "a later request asked again, then made its call");
}

#[tokio::test]
async fn x_organization_id_is_sent_when_known_and_never_printed() {
    let server = TestServer::start(vec![Reply::fixture("002_notifications.json")]).await;
    let with = client(
        &server.base_url(),
        LayoutChoice::Fixed(Layout::ChannelService),
        Some("org_canary_77"),
        no_retry(),
    );
    with.notifications(5, 0).await.unwrap();
    let without = client(&server.base_url(), LayoutChoice::Fixed(Layout::Seed), None, no_retry());
    without.notifications(5, 0).await.unwrap();
    let blank = client(&server.base_url(), LayoutChoice::Fixed(Layout::Seed), Some("  "), no_retry());
    blank.notifications(5, 0).await.unwrap();
    let sent: Vec<Option<String>> = server.requests().iter().map(|r| r.header("x-organization-id")).collect();
    assert_eq!(sent, [Some("org_canary_77".to_string()), None, None]);
    assert_eq!(server.requests()[0].header("x-access-token").as_deref(), Some(demo::DEMO_TOKEN));
    assert!(!format!("{with:?}").contains("org_canary_77"));
    assert!(!format!("{:?}", imbox_api::AnyBackend::from(with)).contains("org_canary_77"));
}

/// A seed fixture as the channel-service gateway may send it.
fn wrapped(name: &str) -> String {
    format!(r#"{{"data": {}}}"#, imbox_testkit::text(&format!("imbrace/{name}")))
}

#[tokio::test]
async fn wrapped_and_bare_replies_decode_alike_on_both_layouts() {
    for layout in [Layout::Seed, Layout::ChannelService] {
        let fixed = LayoutChoice::Fixed(layout);
        let bare = TestServer::start(vec![Reply::fixture("002_contacts.json")]).await;
        let wrap = TestServer::start(vec![Reply::ok(wrapped("002_contacts.json"))]).await;
        let a =
            client(&bare.base_url(), fixed, None, no_retry()).contacts(10, 0, "-created_at").await.unwrap();
        let b =
            client(&wrap.base_url(), fixed, None, no_retry()).contacts(10, 0, "-created_at").await.unwrap();
        assert_eq!(a, b);
        assert_eq!(a.items.len(), 10);

        let bare = TestServer::start(vec![Reply::fixture("002_notifications.json")]).await;
        let wrap = TestServer::start(vec![Reply::ok(wrapped("002_notifications.json"))]).await;
        let a = client(&bare.base_url(), fixed, None, no_retry()).notifications(10, 0).await.unwrap();
        let b = client(&wrap.base_url(), fixed, None, no_retry()).notifications(10, 0).await.unwrap();
        assert_eq!(a, b);
        assert!(!a.page.items.is_empty());

        let bare = TestServer::start(vec![Reply::fixture("002_contact_files.json")]).await;
        let wrap = TestServer::start(vec![Reply::ok(wrapped("002_contact_files.json"))]).await;
        let a = client(&bare.base_url(), fixed, None, no_retry()).contact_files("con_1").await.unwrap();
        let b = client(&wrap.base_url(), fixed, None, no_retry()).contact_files("con_1").await.unwrap();
        assert_eq!(a, b);
        assert!(!a.is_empty());

        let update = ContactUpdate { first_name: Some("A".into()), ..ContactUpdate::default() };
        let bare = TestServer::start(vec![Reply::fixture("002_update_contact_response.json")]).await;
        let wrap = TestServer::start(vec![Reply::ok(wrapped("002_update_contact_response.json"))]).await;
        let a =
            client(&bare.base_url(), fixed, None, no_retry()).update_contact("con_1", &update).await.unwrap();
        let b =
            client(&wrap.base_url(), fixed, None, no_retry()).update_contact("con_1", &update).await.unwrap();
        assert_eq!(a, b);
        assert!(!a.unwrap().id.is_empty());

        let bare = TestServer::start(vec![Reply::fixture("002_upload.json")]).await;
        let wrap = TestServer::start(vec![Reply::ok(wrapped("002_upload.json"))]).await;
        let a = client(&bare.base_url(), fixed, None, no_retry())
            .upload_contact_file("f", vec![1], "image/png")
            .await;
        let b = client(&wrap.base_url(), fixed, None, no_retry())
            .upload_contact_file("f", vec![1], "image/png")
            .await;
        assert_eq!(a.unwrap(), b.unwrap());

        let bare = TestServer::start(vec![Reply::fixture("002_contact_conversations.json")]).await;
        let wrap = TestServer::start(vec![Reply::ok(wrapped("002_contact_conversations.json"))]).await;
        let a = client(&bare.base_url(), fixed, None, no_retry())
            .contact_conversations("con_1", &[])
            .await
            .unwrap();
        let b = client(&wrap.base_url(), fixed, None, no_retry())
            .contact_conversations("con_1", &[])
            .await
            .unwrap();
        assert_eq!(a, b);
        assert!(!a.is_empty());

        let bare = TestServer::start(vec![Reply::fixture("000_messages.json")]).await;
        let wrap = TestServer::start(vec![Reply::ok(wrapped("000_messages.json"))]).await;
        let a = client(&bare.base_url(), fixed, None, no_retry())
            .conversation_messages("conv_1", 10, 0)
            .await
            .unwrap();
        let b = client(&wrap.base_url(), fixed, None, no_retry())
            .conversation_messages("conv_1", 10, 0)
            .await
            .unwrap();
        assert_eq!(a, b);
        assert_eq!(a.items.len(), 3);
    }
}

#[tokio::test]
async fn a_bad_field_inside_a_wrapper_is_named_by_its_path() {
    let server = TestServer::start(vec![Reply::ok(r#"{"data": {"data": [{"id": 5}], "count": 1}}"#)]).await;
    let c = client(&server.base_url(), LayoutChoice::Fixed(Layout::ChannelService), None, no_retry());
    match c.contacts(10, 0, "-created_at").await.unwrap_err() {
        ApiError::Decode { endpoint, path, .. } => {
            assert_eq!(endpoint, "GET /channel-service/v1/contacts");
            assert_eq!(path, "data.data[0].id");
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[tokio::test]
async fn comments_need_no_comment_id_on_channel_service_and_keep_the_seed_call_on_seed() {
    let server = TestServer::start(vec![Reply::fixture("002_comments.json")]).await;
    let cs = client(&server.base_url(), LayoutChoice::Fixed(Layout::ChannelService), None, no_retry());
    cs.contact_comments("con_a/b", "con_a/b").await.unwrap();
    let seed = client(&server.base_url(), LayoutChoice::Fixed(Layout::Seed), None, no_retry());
    seed.contact_comments("con_1", "con_1").await.unwrap();
    let r = server.requests();
    assert_eq!(r[0].path, "/channel-service/v1/contacts/con_a%2Fb/comments");
    assert_eq!(
        (r[0].query_values("skip"), r[0].query_values("limit")),
        (vec!["0".into()], vec!["100".into()])
    );
    assert_eq!(r[1].path, "/v1/backend/contacts/con_1/comment/con_1");
    assert_eq!(r[1].query, None);
}

#[tokio::test]
async fn one_contact_by_id_on_channel_service_none_when_missing_unsupported_on_seed() {
    let server = demo::spawn(DemoConfig::default()).await.unwrap();
    let cs = client(&server.base_url(), LayoutChoice::Auto, None, fast_retry());
    assert!(cs.capabilities().contact_by_id, "undecided counts as available");
    let listed = cs.contacts(100, 0, "-created_at").await.unwrap();
    let twn = listed.items.iter().find(|c| c.id == TWN_CONTACT).unwrap();
    let one = Backend::contact(&cs, TWN_CONTACT).await.unwrap().expect("the demo has it");
    assert_eq!(&one, twn);
    assert_eq!(Backend::contact(&cs, "con_nobody").await.unwrap(), None);
    assert!(cs.capabilities().contact_by_id);

    let seed = client(&server.base_url(), LayoutChoice::Fixed(Layout::Seed), None, fast_retry());
    assert!(!seed.capabilities().contact_by_id);
    let err = Backend::contact(&seed, TWN_CONTACT).await.unwrap_err();
    assert!(matches!(err, ApiError::Unsupported { .. }), "{err:?}");
}
