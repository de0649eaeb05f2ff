//! The SMS/RCS client against the embedded demo server over real HTTP: lookups by phone,
//! e-mail, `fid_` and `cid_`; threads per channel; directions and delivery statuses; paging;
//! the `api-key` / `api-login` headers; faults and the hostile mode.

use imbox_api::backend::MessagesQuery;
use imbox_api::imbrace::{ClientConfig, ImbraceClient};
use imbox_api::smsrcs::{Lookup, LookupKind, Ref, SmsrcsClient};
use imbox_api::{ApiError, Backend, Secret};
use imbox_demo::smsrcs::{
    DEMO_LOGIN, FACEBOOK_CID, PATH, RCS_CID, SMS_CID, SMS_CONTACT_NAME, SMS_EMAIL, SMS_FACEBOOK_ID,
    SMS_PHONE, SMS_THREAD_SIZES, STATUSES,
};
use imbox_demo::{self as demo, DemoConfig, DemoServer, Fault};
use imbox_model::{Contact, Conversation, Message, Sender};

fn client(server: &DemoServer, key: &str, login: &str) -> SmsrcsClient {
    super::client_at(format!("{}/smsrcs", server.base_url()), key, login, false)
}

async fn start_with(cfg: DemoConfig) -> (DemoServer, SmsrcsClient) {
    let server = demo::spawn(cfg).await.expect("demo starts");
    let c = client(&server, server.token(), DEMO_LOGIN);
    (server, c)
}

async fn start() -> (DemoServer, SmsrcsClient) {
    start_with(DemoConfig::default()).await
}

async fn one_contact(c: &SmsrcsClient, q: &str) -> Contact {
    let page = c.search_contacts(q, 50, 0).await.unwrap_or_else(|e| panic!("{q}: {e}"));
    assert_eq!((page.total, page.items.len()), (1, 1), "{q}: {:?}", page.items);
    page.items.into_iter().next().expect("one contact")
}

async fn all_messages(c: &SmsrcsClient, conv: &Conversation) -> Vec<Message> {
    let page = c
        .messages(&conv.id, &MessagesQuery { skip: 0, limit: 500, ..Default::default() })
        .await
        .expect("messages");
    assert_eq!(page.total, page.items.len() as u64);
    page.items
}

fn channels(convs: &[Conversation]) -> Vec<&str> {
    let mut v: Vec<&str> = convs.iter().map(|c| c.channel_type.as_str()).collect();
    v.sort_unstable();
    v
}

#[tokio::test]
async fn a_phone_lookup_finds_the_contact_and_its_threads_per_channel() {
    let (_server, c) = start().await;
    for q in [SMS_PHONE, "+886 911-425-977", "(886) 911 425 977"] {
        let contact = one_contact(&c, q).await;
        assert_eq!(contact.display_name, SMS_CONTACT_NAME);
        assert_eq!((contact.phone_number.as_str(), contact.email.as_str()), (SMS_PHONE, SMS_EMAIL));
        let r = Ref::decode(&contact.id, "contact id").expect("our id");
        let kinds: Vec<LookupKind> = r.lookups.iter().map(|l| l.kind).collect();
        assert_eq!(kinds, [LookupKind::PhoneNumber, LookupKind::FacebookId], "{}", contact.id);
        assert_eq!(r.lookups[1].value, SMS_FACEBOOK_ID);
    }
    let contact = one_contact(&c, SMS_PHONE).await;
    let convs = c.contact_conversations(&contact.id, &[]).await.expect("threads");
    assert_eq!(channels(&convs), ["facebook", "rcs", "sms"]);
    for (channel, size) in ["sms", "rcs", "facebook"].iter().zip(SMS_THREAD_SIZES) {
        let conv = convs.iter().find(|c| c.channel_type == *channel).expect("thread");
        assert!(conv.status.starts_with(&format!("{size} messages")), "{}", conv.status);
        assert_eq!(conv.contact_name, SMS_CONTACT_NAME);
        assert!(conv.latest_message.as_deref().is_some_and(|m| !m.is_empty()));
        let msgs = all_messages(&c, conv).await;
        assert_eq!(msgs.len() as u32, size, "{channel}");
        assert!(msgs.iter().all(|m| m.channel == *channel && m.conversation_id == conv.id));
    }
}

#[tokio::test]
async fn inbound_and_outbound_messages_carry_direction_and_delivery_status() {
    let (_server, c) = start().await;
    let contact = one_contact(&c, SMS_PHONE).await;
    let convs = c.contact_conversations(&contact.id, &[]).await.expect("threads");
    for conv in convs.iter().filter(|c| c.channel_type != "facebook") {
        let msgs = all_messages(&c, conv).await;
        let inbound: Vec<&Message> = msgs.iter().filter(|m| m.sender == Sender::Contact).collect();
        let outbound: Vec<&Message> = msgs.iter().filter(|m| m.sender == Sender::Agent).collect();
        assert!(!inbound.is_empty() && !outbound.is_empty(), "{}", conv.channel_type);
        assert_eq!(inbound.len() + outbound.len(), msgs.len());
        assert!(inbound.iter().all(|m| m.status.is_empty() && m.sender_name == SMS_CONTACT_NAME));
        assert!(outbound.iter().all(|m| STATUSES.contains(&m.status.as_str())), "{outbound:?}");
        assert!(inbound.iter().all(|m| m.from == SMS_PHONE));
        // Newest first: the thread starts (oldest, last here) with the contact writing in.
        assert_eq!(msgs.last().map(|m| m.sender), Some(Sender::Contact));
    }
}

#[tokio::test]
async fn e_mail_facebook_and_conversation_lookups_find_the_right_contact() {
    let (_server, c) = start().await;
    let by_mail = one_contact(&c, "WeiTing.Chen@gmail.com").await;
    assert_eq!((by_mail.display_name.as_str(), by_mail.phone_number.as_str()), (SMS_CONTACT_NAME, SMS_PHONE));

    let by_fid = one_contact(&c, SMS_FACEBOOK_ID).await;
    assert_eq!(by_fid.display_name, SMS_CONTACT_NAME);
    assert!(by_fid.extra.iter().any(|(k, v)| k == "channels" && v == "Facebook"), "{:?}", by_fid.extra);

    for (cid, channel) in [(SMS_CID, "sms"), (RCS_CID, "rcs"), (FACEBOOK_CID, "facebook")] {
        let by_cid = one_contact(&c, cid).await;
        assert_eq!(by_cid.display_name, SMS_CONTACT_NAME, "{cid}");
        let r = Ref::decode(&by_cid.id, "contact id").expect("our id");
        assert_eq!(r.lookups, [Lookup { kind: LookupKind::ConversationId, value: cid.into() }]);
        let convs = c.contact_conversations(&by_cid.id, &[]).await.expect("threads");
        assert_eq!(channels(&convs), [channel], "a cid_ lookup is one conversation");
    }
}

#[tokio::test]
async fn the_same_people_as_the_imbrace_demo_are_found_by_their_phone() {
    let (server, c) = start().await;
    let imbrace = ImbraceClient::new(ClientConfig::new(server.base_url(), Secret::new(server.token())))
        .expect("client");
    let people = imbrace.contacts(100, 0, "-created_at").await.expect("contacts");
    let with_phone: Vec<&Contact> =
        people.items.iter().filter(|p| !p.phone_number.is_empty()).take(5).collect();
    assert!(with_phone.len() >= 3);
    for p in with_phone {
        let found = one_contact(&c, &format!("+{}{}", p.area_code, p.phone_number)).await;
        assert_eq!(found.display_name, p.display_name);
        let convs = c.contact_conversations(&found.id, &[]).await.expect("threads");
        assert!(channels(&convs).contains(&"sms"), "{}: {convs:?}", p.display_name);
    }
}

#[tokio::test]
async fn paging_reads_every_page_and_older_pages_line_up() {
    let (server, c) = start().await;
    let phone = Lookup::parse(SMS_PHONE).expect("lookup");
    let first = c.messages_page(Some(&phone), 1, 50).await.expect("page 1");
    let second = c.messages_page(Some(&phone), 2, 50).await.expect("page 2");
    let sms_rcs = (SMS_THREAD_SIZES[0] + SMS_THREAD_SIZES[1]) as usize;
    assert_eq!((first.len(), second.len()), (50, sms_rcs - 50), "one page of 50 and the rest");
    let ids =
        |v: &[imbox_api::smsrcs::wire::Record]| v.iter().map(|r| r.message_id.clone()).collect::<Vec<_>>();
    assert!(ids(&second).iter().all(|id| !ids(&first).contains(id)), "pages do not overlap");
    assert_eq!(c.messages_page(Some(&phone), 3, 50).await.expect("page 3").len(), 0);

    // The thread as a whole equals its pages laid end to end (newest first, skip/limit).
    let contact = one_contact(&c, SMS_PHONE).await;
    let convs = c.contact_conversations(&contact.id, &[]).await.expect("threads");
    let sms = convs.iter().find(|c| c.channel_type == "sms").expect("sms");
    let whole = all_messages(&c, sms).await;
    let mut paged = Vec::new();
    let mut skip = 0;
    loop {
        let p = c
            .messages(&sms.id, &MessagesQuery { skip, limit: 15, ..Default::default() })
            .await
            .expect("page");
        assert_eq!(p.total, SMS_THREAD_SIZES[0] as u64);
        paged.extend(p.items);
        skip = paged.len() as u64;
        if !p.has_more {
            break;
        }
    }
    assert_eq!(paged, whole);

    // Bad paging parameters are interpreted, not refused (seed 001).
    let http = imbox_testkit::http_client();
    let url = format!("{}{PATH}", server.base_url());
    let get = |query: Vec<(&'static str, &'static str)>| {
        http.get(&url).header("api-key", server.token()).header("api-login", DEMO_LOGIN).query(&query).send()
    };
    let body: Vec<serde_json::Value> =
        get(vec![("phone_number", SMS_PHONE), ("per_page", "abc"), ("page", "x")])
            .await
            .expect("sent")
            .json()
            .await
            .expect("json");
    assert_eq!(body.len(), 50, "per_page abc → the default 50, page x → 1");
    let body: Vec<serde_json::Value> = get(vec![("contact", "886 911 425 977"), ("per_page", "10junk")])
        .await
        .expect("sent")
        .json()
        .await
        .expect("json");
    assert_eq!(body.len(), 10, "`contact` takes any form; 10junk → 10");
    let body: Vec<serde_json::Value> = get(vec![]).await.expect("sent").json().await.expect("json");
    assert!(body.is_empty(), "no lookup finds nothing");
}

#[tokio::test]
async fn a_wrong_api_key_is_unauthorized_and_api_login_is_required() {
    let (server, good) = start().await;
    good.check_token().await.expect("the demo key and login work");
    let wrong = client(&server, "not-the-key", DEMO_LOGIN);
    let err = wrong.search_contacts(SMS_PHONE, 50, 0).await.unwrap_err();
    assert!(matches!(err, ApiError::Unauthorized { .. }), "{err:?}");
    assert!(wrong.check_token().await.unwrap_err().is_auth());
    let no_login = client(&server, server.token(), "");
    assert!(no_login.search_contacts(SMS_PHONE, 50, 0).await.unwrap_err().is_auth());

    // Raw: no api-login header at all is a 401 with a JSON body.
    let r = imbox_testkit::http_client()
        .get(format!("{}{PATH}?phone_number=1", server.base_url()))
        .header("api-key", server.token())
        .send()
        .await
        .expect("sent");
    assert_eq!(r.status(), 401);
    let body: serde_json::Value = r.json().await.expect("JSON error body");
    assert!(body["message"].as_str().is_some_and(|m| m.contains("api-login")), "{body}");
    // The client refuses to be built without a login header.
    let cfg = ClientConfig::new(server.base_url(), Secret::new(server.token()));
    assert!(matches!(SmsrcsClient::from_client_config(cfg), Err(ApiError::Invalid(_))));
}

#[tokio::test]
async fn text_that_is_no_lookup_is_a_clear_error() {
    let (_server, c) = start().await;
    for q in ["hello there", "ab", "fid_", "x@y"] {
        match c.search_contacts(q, 50, 0).await {
            Err(ApiError::Invalid(msg)) => {
                for form in ["phone number", "e-mail", "fid_", "cid_"] {
                    assert!(msg.contains(form), "{q}: {msg}");
                }
            }
            other => panic!("{q}: {other:?}"),
        }
    }
    assert_eq!(
        c.search_contacts("+1 555 0000 999", 50, 0).await.map(|p| p.total),
        Ok(0),
        "unknown number: none"
    );
    assert!(c.contact_conversations("con_123", &[]).await.is_err(), "not one of our ids");
}

#[tokio::test]
async fn faults_are_retried_and_the_hostile_mode_keeps_directions() {
    let (server, c) = start().await;
    server.inject(Fault::Status(503), 1);
    assert_eq!(one_contact(&c, SMS_PHONE).await.display_name, SMS_CONTACT_NAME);
    server.inject(Fault::Malformed, 1);
    assert!(matches!(c.search_contacts(SMS_PHONE, 50, 0).await, Err(ApiError::Decode { .. })));

    let (_hostile, c) = start_with(DemoConfig { hostile: true, ..DemoConfig::default() }).await;
    let contact = one_contact(&c, SMS_PHONE).await;
    assert!(contact.display_name.starts_with(SMS_CONTACT_NAME));
    let convs = c.contact_conversations(&contact.id, &[]).await.expect("threads");
    assert!(convs.len() >= 2);
    let msgs = all_messages(&c, &convs[0]).await;
    assert!(
        msgs.iter().any(|m| m.sender == Sender::Contact) && msgs.iter().any(|m| m.sender == Sender::Agent)
    );
    for m in &msgs {
        for s in [&m.status, &m.channel, &m.sender_name, &m.from] {
            assert!(!s.chars().any(|ch| ch.is_control() || ch == '\u{202e}'), "{s:?}");
        }
    }
}
