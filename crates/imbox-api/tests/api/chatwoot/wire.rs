//! Every Chatwoot fixture (the reference's constructed examples and the bodies of seeds 003 and
//! 004) goes through the real client, over HTTP from a loopback server, into the domain model
//! with the content it carries.

use crate::chatwoot::{TOKEN, serve_fixture};
use imbox_api::backend::MessagesQuery;
use imbox_model::{
    Attachment, Card, FormItem, InboxQuery, InboxView, MessageBody, Sender, StatusFilter, ViewCounts,
};

fn unix(s: i64) -> Option<jiff::Timestamp> {
    Some(jiff::Timestamp::from_second(s).unwrap())
}

fn all_open() -> InboxQuery {
    InboxQuery { view: InboxView::All, status: StatusFilter::Open, page: 1, ..InboxQuery::default() }
}

#[tokio::test]
async fn conversations_list_maps_counts_and_both_conversations() {
    let (server, client) = serve_fixture("constructed-conversations-list.json").await;
    let inbox = client.conversations(&all_open()).await.unwrap();
    let r = server.single();
    assert_eq!((r.method.as_str(), r.path.as_str()), ("GET", "/api/v1/accounts/1/conversations"));
    assert_eq!(r.query_values("status"), ["open"]);
    assert_eq!(r.query_values("assignee_type"), ["all"]);
    assert_eq!(r.query_values("page"), ["1"]);
    assert_eq!(r.header("api_access_token").as_deref(), Some(TOKEN));

    assert_eq!(inbox.counts, ViewCounts { mine: 1, assigned: 1, unassigned: 1, all: 2 });
    assert_eq!((inbox.page.total, inbox.page.has_more), (2, false), "total is the All view's count");
    let [noa, tom] = &inbox.page.items[..] else { panic!("{:?}", inbox.page.items) };
    assert_eq!(noa.id, "42", "the display id");
    assert_eq!(
        (noa.contact_id.as_str(), noa.name.as_str(), noa.contact_name.as_str()),
        ("118", "Noa Cohen", "Noa Cohen")
    );
    assert_eq!((noa.channel_type.as_str(), noa.status.as_str()), ("whatsapp", "open"));
    assert_eq!((noa.unread_count, noa.assignee.as_str(), noa.priority.as_str()), (2, "Dana Levi", "high"));
    assert_eq!(noa.labels, ["billing", "vip"]);
    assert_eq!(noa.teams, ["billing"]);
    assert_eq!(noa.inbox, "inbox 3");
    assert_eq!(noa.timestamp, unix(1764584500));
    assert_eq!(noa.latest_message.as_deref(), Some("Here is the receipt"));

    assert_eq!((tom.id.as_str(), tom.channel_type.as_str()), ("57", "email"));
    assert_eq!((tom.assignee.as_str(), tom.priority.as_str(), tom.unread_count), ("", "", 1));
    assert!(tom.latest_message.as_deref().unwrap().starts_with("Hello, I was charged twice"), "{tom:?}");
}

#[tokio::test]
async fn conversation_show_has_the_private_note_as_preview() {
    let (server, client) = serve_fixture("constructed-conversation-show.json").await;
    let c = client.conversation("61").await.unwrap();
    assert_eq!(server.single().path, "/api/v1/accounts/1/conversations/61");
    assert_eq!((c.id.as_str(), c.name.as_str(), c.status.as_str()), ("61", "Maya", "snoozed"));
    assert_eq!((c.channel_type.as_str(), c.assignee.as_str()), ("web", "Dana Levi"));
    assert_eq!(c.labels, ["login"]);
    assert_eq!(c.priority, "", "null priority");
    // messages[0] is the activity line; the preview is the last non-activity message, a note.
    assert_eq!(
        c.latest_message.as_deref(),
        Some("(private note) Auth logs: 5 failed attempts, lock expires 08:00 UTC. Snoozing until then.")
    );
}

#[tokio::test]
async fn seed_003_swagger_shaped_conversation_decodes() {
    let (_, client) = serve_fixture("seed003-conversation-show.json").await;
    let c = client.conversation("0").await.unwrap();
    // Swagger's zeros: `snoozed_until: 0`, `updated_at: 0`, `attachment: {}`, a user-shaped assignee.
    assert_eq!((c.id.as_str(), c.status.as_str(), c.name.as_str()), ("0", "open", "string"));
    assert_eq!((c.assignee.as_str(), c.channel_type.as_str()), ("string", "string"));
    assert_eq!(c.timestamp, None, "0 means no time");
    // The example's last_non_activity_message says `"private": true`.
    assert_eq!(c.latest_message.as_deref(), Some("(private note) string"));
}

#[tokio::test]
async fn seed_004_99digital_list_decodes_with_its_extras() {
    let (_, client) = serve_fixture("seed004-conversations-list.json").await;
    let inbox = client.conversations(&all_open()).await.unwrap();
    assert_eq!(inbox.counts, ViewCounts::default(), "new_count is accepted and ignored");
    // The counts say 0 but a conversation came back: the page still shows it.
    assert_eq!((inbox.page.total, inbox.page.has_more), (1, false));
    let c = &inbox.page.items[0];
    assert_eq!((c.id.as_str(), c.contact_id.as_str(), c.name.as_str()), ("0", "0", "string"));
    // `last_non_activity_message: {}` is empty, so the preview comes from messages[0], whose
    // `content_type: "string"` is no type Chatwoot has: shown as unsupported, not a failure.
    assert_eq!(c.latest_message.as_deref(), Some("unsupported: string"));
    assert_eq!(c.labels, ["string"]);
}

#[tokio::test]
async fn messages_index_comes_newest_first_with_every_content_type() {
    let (server, client) = serve_fixture("constructed-messages-index.json").await;
    let page = client.conversation_messages("61", &MessagesQuery::default()).await.unwrap();
    let r = server.single();
    assert_eq!(r.path, "/api/v1/accounts/1/conversations/61/messages");
    assert_eq!(r.query, None, "the latest page takes no parameters");
    assert_eq!((page.total, page.has_more), (0, false), "10 < 20: the start of the thread");
    let ids: Vec<&str> = page.items.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["9079", "9078", "9077", "9076", "9075", "9074", "9073", "9072", "9071", "9070"]);
    let by_id = |id: &str| page.items.iter().find(|m| m.id == id).unwrap();

    let first = by_id("9070");
    assert_eq!(
        (first.sender, first.sender_name.as_str(), first.from.as_str()),
        (Sender::Contact, "Maya", "contact:140")
    );
    assert_eq!(first.created_at, unix(1764581998));
    assert_eq!(first.conversation_id, "61");

    let select = by_id("9071");
    assert_eq!(
        (select.sender, select.sender_name.as_str(), select.from.as_str()),
        (Sender::Agent, "Acme Helper", "agent_bot:2")
    );
    match &select.body {
        MessageBody::Response { text, buttons, chosen, .. } => {
            assert_eq!(text, "What do you need help with?");
            let chips: Vec<(&str, &str)> =
                buttons.iter().map(|b| (b.title.as_str(), b.payload.as_str())).collect();
            assert_eq!(
                chips,
                [("Login problem", "login"), ("Billing", "billing"), ("Something else", "other")]
            );
            assert_eq!(chosen, &["Login problem"]);
        }
        other => panic!("input_select: {other:?}"),
    }

    let form = by_id("9072");
    let expected = vec![
        FormItem { label: "Account email".into(), kind: "email".into(), value: "maya@example.net".into() },
        FormItem {
            label: "What happens?".into(),
            kind: "text_area".into(),
            value: "It says my password is wrong".into(),
        },
    ];
    assert_eq!(form.body, MessageBody::Form { text: "Please share a few details".into(), fields: expected });

    let cards = by_id("9073");
    let card = Card {
        title: "Reset your password".into(),
        description: "Step-by-step guide".into(),
        media_url: "https://help.acme.io/img/reset.png".into(),
        actions: vec![
            ("Open guide".into(), "https://help.acme.io/reset-password".into()),
            ("Talk to a human".into(), "HANDOFF".into()),
        ],
    };
    assert_eq!(cards.body, MessageBody::Cards { cards: vec![card] });

    let activity = by_id("9074");
    assert_eq!(activity.sender, Sender::Other);
    assert_eq!((activity.from.as_str(), activity.sender_name.as_str()), ("", ""), "activity has no sender");
    assert_eq!(
        activity.body,
        MessageBody::Activity { text: "Dana Levi self-assigned this conversation".into() }
    );

    let reply = by_id("9075");
    assert_eq!(
        (reply.sender, reply.sender_name.as_str(), reply.private),
        (Sender::Agent, "Dana Levi", false)
    );
    assert_eq!(reply.status, "sent");

    let attachment = by_id("9076");
    assert_eq!(
        attachment.attachments,
        [Attachment {
            kind: "file".into(),
            url: "https://chat.acme.io/rails/active_storage/blobs/redirect/eyJfcmFpbHMiOnsiZGF0YSI6780,\"pur\":\"blob_id\"}}--7e6d5c4b3a/login-error.pdf".into(),
            title: "login-error.pdf".into(),
        }]
    );
    assert_eq!(attachment.body, MessageBody::Text { text: "This is what I get".into(), is_mail: false });

    let note = by_id("9078");
    assert!(note.private, "the private note is flagged");
    assert_eq!((note.sender, note.sender_name.as_str()), (Sender::Agent, "Dana Levi"));
    assert!(page.items.iter().filter(|m| m.private).count() == 1);
}

#[tokio::test]
async fn incoming_email_and_image_attachment_in_the_list_previews() {
    // The conversation list's latest messages are MessageEvents: check them through the thread's
    // own decoder by serving the list's `messages[0]` bodies as a messages page.
    let list: serde_json::Value =
        serde_json::from_slice(&imbox_testkit::bytes("chatwoot/constructed-conversations-list.json"))
            .unwrap();
    let events: Vec<serde_json::Value> =
        list["data"]["payload"].as_array().unwrap().iter().map(|c| c["messages"][0].clone()).collect();
    let body = serde_json::to_vec(&serde_json::json!({ "meta": {}, "payload": events })).unwrap();
    let (_, client) = crate::chatwoot::serve(vec![crate::scripted::Reply::ok(body)]).await;
    let page = client.conversation_messages("42", &MessagesQuery::default()).await.unwrap();
    let email = &page.items[0];
    assert!(
        matches!(&email.body, MessageBody::Text { text, is_mail: true } if text.starts_with("Hello,\n\nI was charged")),
        "{:?}",
        email.body
    );
    let image = &page.items[1];
    assert_eq!(image.attachments.len(), 1);
    assert_eq!(
        (image.attachments[0].kind.as_str(), image.attachments[0].title.as_str()),
        ("image", "receipt.jpg")
    );
    assert_eq!(image.created_at, unix(1764584500));
}

#[tokio::test]
async fn contact_search_reads_the_card_and_a_string_current_page() {
    let (server, client) = serve_fixture("constructed-contacts-search.json").await;
    let page = client.search_contacts("noa", 15, 0).await.unwrap();
    let r = server.single();
    assert_eq!(r.path, "/api/v1/accounts/1/contacts/search");
    assert_eq!(
        (r.query_values("q"), r.query_values("page")),
        (vec!["noa".to_string()], vec!["1".to_string()])
    );
    assert_eq!((page.total, page.has_more, page.items.len()), (1, false, 1));
    let c = &page.items[0];
    assert_eq!((c.id.as_str(), c.display_name.as_str()), ("118", "Noa Cohen"));
    assert_eq!((c.first_name.as_str(), c.last_name.as_str()), ("Noa", "Cohen"));
    assert_eq!((c.phone_number.as_str(), c.area_code.as_str(), c.email.as_str()), ("+972501234567", "", ""));
    assert_eq!(c.channel_type, "whatsapp");
    assert_eq!((c.last_seen, c.created_at), (unix(1764584500), unix(1764489730)));
    assert_eq!(c.extra, [("inboxes".to_string(), "Support WhatsApp".to_string())]);
}

#[tokio::test]
async fn notifications_point_at_display_ids_with_counts_from_meta() {
    let (server, client) = serve_fixture("constructed-notifications-index.json").await;
    let n = client.notifications(15, 0).await.unwrap();
    let r = server.single();
    assert_eq!(r.path, "/api/v1/accounts/1/notifications");
    assert_eq!(r.query_values("includes[]"), ["read"]);
    assert_eq!(r.query_values("page"), ["1"]);
    assert_eq!((n.unread_count, n.page.total, n.page.has_more), (Some(1), 2, false));
    let [new_message, created] = &n.page.items[..] else { panic!("{:?}", n.page.items) };
    assert_eq!(new_message.id, "5012");
    assert_eq!(
        new_message.conversation_id.as_deref(),
        Some("42"),
        "primary_actor.id, not primary_actor_id 3310"
    );
    assert_eq!(new_message.title, "A new message is created in conversation (#42)");
    assert_eq!(new_message.content, "Noa Cohen: Here is the receipt");
    assert_eq!((new_message.from.as_str(), new_message.channel_type.as_str()), ("Noa Cohen", "whatsapp"));
    assert_eq!((new_message.is_read, new_message.kind), (false, 3));
    assert_eq!(new_message.created_at, unix(1764584501));
    assert_eq!(created.conversation_id.as_deref(), Some("57"), "not 3325");
    assert_eq!((created.is_read, created.kind, created.channel_type.as_str()), (true, 1, "email"));
    assert_eq!(created.from, "Tom Baker", "no secondary actor: the contact");
}
