//! The cache through the real worker, over real HTTP to the demo server, with a real store on
//! disk: answers are written as they arrive; a second session gets them back before the
//! server's own (which then replace them); with the server gone they are all there is; the
//! token never reaches the file. Also every cached kind round-trips through its encoding.

use imbox::action::{ActAction, Action, ComposeAction, InboxAction, NotificationAction};
use imbox::command::{ActCommand, Command, ComposeCommand, InboxCommand, NotificationCommand};
use imbox::effects::JobContext;
use imbox::effects::cache::Cache;
use imbox::effects::cache::kinds::Kind;
use imbox::effects::worker::Worker;
use imbox::state::State;
use imbox_api::Secret;
use imbox_api::imbrace::{ClientConfig, ImbraceClient};
use imbox_api::retry::RetryPolicy;
use imbox_demo::{self as demo, DemoConfig};
use imbox_model::{Agent, CannedResponse, FilterOptions, InboxPage, InboxQuery, InboxView, Page};
use std::path::Path;
use std::time::Duration;
use tokio::sync::mpsc;

fn context(base: &str, token: &str, store: &Path) -> JobContext {
    let mut config = ClientConfig::new(format!("{base}/"), Secret::new(token));
    config.retry = RetryPolicy {
        max_retries: 0,
        base_delay: Duration::from_millis(1),
        max_delay: Duration::from_millis(1),
    };
    let client = ImbraceClient::new(config).expect("client");
    let mut ctx = JobContext::new(client, None);
    ctx.cache = Some(Cache::open(store.to_path_buf(), "imbrace test", &Secret::new(token), 50_000_000));
    ctx
}

/// Starts a state on `ctx` and feeds it every result until `done` holds (or 20 s pass);
/// returns the state and every action in the order it arrived. `keys` are pressed once the
/// first contacts are on screen.
async fn session(ctx: &JobContext, keys: &[Action], done: impl Fn(&State) -> bool) -> (State, Vec<Action>) {
    let (tx, mut rx) = mpsc::unbounded_channel();
    let worker = Worker::new(ctx.clone(), tx);
    let mut s = crate::common::state(140, 40);
    worker.run_all(s.start());
    worker.run_all(vec![Command::LoadCachedContacts]);
    let mut seen = Vec::new();
    let mut keys = keys.to_vec();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    while !done(&s) {
        if s.contacts.get(0).is_some() {
            for key in keys.drain(..) {
                let cmds = s.update(key);
                worker.run_all(
                    cmds.into_iter().filter(|c| matches!(c, Command::LoadContacts { .. })).collect(),
                );
            }
        }
        let Ok(Some(action)) = tokio::time::timeout_at(deadline, rx.recv()).await else { break };
        seen.push(action.clone());
        let cmds = s.update(action);
        // Only what the list asks for; no polls or timers in this test.
        worker.run_all(cmds.into_iter().filter(|c| matches!(c, Command::LoadContacts { .. })).collect());
    }
    (s, seen)
}

#[tokio::test]
async fn the_second_session_shows_the_first_sessions_rows_before_the_servers_then_the_servers() {
    let server = demo::spawn(DemoConfig { latency: Duration::from_millis(300), ..DemoConfig::default() })
        .await
        .expect("demo server");
    let dir = tempfile::tempdir().expect("dir");
    let store = dir.path().join("cache").join("acc.redb");
    let ctx = context(&server.base_url(), server.token(), &store);
    // The agent goes to the end of the list: its last page is cached too.
    let (first, _) =
        session(&ctx, &[Action::Bottom], |s| s.contacts.get(299).is_some() && s.badge.unread.is_some()).await;
    let last = first.contacts.get(299).map(|c| c.id.clone()).expect("the last contact");
    let names: Vec<String> =
        (0..10).filter_map(|i| first.contacts.get(i).map(|c| c.display_name.clone())).collect();
    assert_eq!(names.len(), 10);
    ctx.cache.as_ref().expect("cache").close().await;

    // Second session: the cached page comes first, marked; then the server's answer.
    let ctx = context(&server.base_url(), server.token(), &store);
    let (second, seen) =
        session(&ctx, &[], |s| s.contacts.len() == 300 && s.contacts_cache_label().is_none()).await;
    let first_contacts = seen
        .iter()
        .position(|a| matches!(a, Action::Cached { action, .. } if matches!(**action, Action::ContactsLoaded { skip: 0, .. })))
        .expect("a cached first page");
    let fresh = seen
        .iter()
        .position(|a| matches!(a, Action::ContactsLoaded { skip: 0, result: Ok(_), .. }))
        .expect("the server's first page");
    assert!(first_contacts < fresh, "the cache answered before the server");
    assert!(seen.iter().any(
        |a| matches!(a, Action::Cached { action, .. } if matches!(**action, Action::UnreadLoaded { .. }))
    ));
    let shown: Vec<String> =
        (0..10).filter_map(|i| second.contacts.get(i).map(|c| c.display_name.clone())).collect();
    assert_eq!(shown, names);
    assert_eq!(second.contacts_cache_label(), None, "the server's rows replaced the cached ones");
    ctx.cache.as_ref().expect("cache").close().await;

    // The server gone: the cached rows, marked, and every cached contact for the filter.
    server.shutdown().await;
    let ctx = context("http://127.0.0.1:9", demo::DEMO_TOKEN, &store);
    let (offline, seen) = session(&ctx, &[], |s| s.is_offline() && s.seen.find(&last).is_some()).await;
    assert!(offline.is_offline());
    assert_eq!(offline.contacts.get(0).map(|c| c.display_name.clone()), names.first().cloned());
    assert_eq!(offline.contacts_cache_label().as_deref(), Some("cached just now"));
    let cached: usize =
        seen.iter().map(|a| if let Action::CachedContacts(rows) = a { rows.len() } else { 0 }).sum();
    // The first two pages and the last at least (a prefetch still out when the first session
    // ended may have added one more); every one of them reached the filter.
    assert!(cached >= 150, "{cached}");
    assert_eq!(offline.seen.len(), cached, "every cached contact reached the filter");
    assert!(offline.seen.find(&last).is_some(), "the last page's too");
    assert!(offline.contacts.get(299).is_none(), "which the list itself never asked for");
    ctx.cache.as_ref().expect("cache").close().await;

    // The stores hold customer data, never the token.
    for file in [store.clone(), imbox::effects::cache::start_path(&store)] {
        let bytes = std::fs::read(&file).expect("store file");
        let token = demo::DEMO_TOKEN.as_bytes();
        assert!(!bytes.windows(token.len()).any(|w| w == token), "the token is in {}", file.display());
        assert!(bytes.windows(names[0].len()).any(|w| w == names[0].as_bytes()), "the contacts are");
    }

    // Another token on the same account (another agent logged in): none of those rows. A
    // cached answer goes out before a failure of the same request, so once the list's failure
    // is here, nothing cached is still on its way.
    let ctx = context("http://127.0.0.1:9", "acc_another-agents-token", &store);
    let failed = |a: &Action| matches!(a, Action::ContactsLoaded { skip: 0, result: Err(_), .. });
    let (other, seen) = session(&ctx, &[], |s| s.contacts.error.is_some()).await;
    assert!(seen.iter().any(failed), "{seen:?}");
    assert!(!seen.iter().any(|a| matches!(a, Action::Cached { .. })), "{seen:?}");
    assert_eq!(other.contacts.get(0), None);
    let cache = ctx.cache.as_ref().expect("cache");
    assert!(cache.scan("contacts/".into(), None, 10).await.is_empty(), "the store was emptied");
    cache.close().await;
}

/// The FNV-1a hash of the samples' encoding under schema version 1.
const PINNED_ENCODING: u64 = 0x9096_89f5_61b7_501e;

#[test]
fn every_cached_kind_round_trips_through_its_encoding() {
    let agent = Agent { id: 7, name: "Ann".into(), email: "ann@x.io".into(), ..Agent::default() };
    let page = crate::common::seed_contacts();
    let query = InboxQuery { view: InboxView::Mine, page: 1, q: "refund".into(), ..InboxQuery::default() };
    let inbox = InboxPage {
        page: Page { items: crate::common::seed_conversations(), total: 9, has_more: true },
        ..InboxPage::default()
    };
    let cases: Vec<(Command, Action)> = vec![
        (
            Command::LoadContacts { req: 1, skip: 50, limit: 50 },
            Action::ContactsLoaded { req: 1, skip: 50, result: Ok(page) },
        ),
        (
            Command::LoadConversations {
                req: 2,
                contact_id: "con_1".into(),
                channel_types: vec!["web".into()],
            },
            Action::ConversationsLoaded { req: 2, result: Ok(crate::common::seed_conversations()) },
        ),
        (
            Command::LoadMessages {
                req: 3,
                conversation_id: "conv_1".into(),
                skip: 0,
                limit: 30,
                before: None,
                after: None,
            },
            Action::MessagesLoaded { req: 3, skip: 0, result: Ok(crate::common::seed_messages()) },
        ),
        (
            Command::LoadUnreadCount { req: 4 },
            Action::UnreadLoaded {
                req: 4,
                result: Ok(imbox_model::NotificationPage { unread_count: Some(595), ..Default::default() }),
            },
        ),
        (
            Command::Notify(NotificationCommand::Load { req: 5, skip: 0, limit: 50 }),
            Action::Notify(NotificationAction::Loaded {
                req: 5,
                skip: 0,
                result: Ok(crate::common::seed_notifications()),
            }),
        ),
        (
            Command::Inbox(InboxCommand::Load { req: 6, view: InboxView::Mine, skip: 0, query }),
            Action::Inbox(InboxAction::Loaded { req: 6, view: InboxView::Mine, skip: 0, result: Ok(inbox) }),
        ),
        (
            Command::Inbox(InboxCommand::LoadFilterOptions { req: 7 }),
            Action::Inbox(InboxAction::OptionsLoaded {
                req: 7,
                result: Ok(FilterOptions {
                    inboxes: vec![(1, "Web".into())],
                    teams: vec![],
                    labels: vec!["vip".into()],
                }),
            }),
        ),
        (
            Command::Act(ActCommand::LoadProfile { req: 8 }),
            Action::Act(ActAction::ProfileLoaded { req: 8, result: Ok(agent.clone()) }),
        ),
        (
            Command::Act(ActCommand::LoadAgents { req: 9 }),
            Action::Act(ActAction::AgentsLoaded { req: 9, result: Ok(vec![agent]) }),
        ),
        (
            Command::Compose(ComposeCommand::LoadCanned { req: 10 }),
            Action::Compose(ComposeAction::CannedLoaded {
                req: 10,
                result: Ok(vec![CannedResponse {
                    id: 1,
                    short_code: "hi".into(),
                    content: "Hello {{contact.name}}".into(),
                }]),
            }),
        ),
    ];
    let mut keys = std::collections::HashSet::new();
    let mut all = Vec::new();
    for (cmd, action) in cases {
        let kind = Kind::of(&cmd).unwrap_or_else(|| panic!("{cmd:?} is cached"));
        assert!(keys.insert(kind.key()), "one key per request: {}", kind.key());
        let bytes = kind.encode(&action).unwrap_or_else(|| panic!("{action:?} encodes"));
        all.extend_from_slice(&bytes);
        assert_eq!(kind.decode(&cmd, &bytes), Some(action.clone()), "{cmd:?}");
        // A different kind's bytes never pass for this one's answer.
        assert_eq!(kind.decode(&Command::Probe, &bytes), None);
    }
    // The encoding of every sample, pinned: postcard is not self-describing, so a store written
    // before a cached type changed would misread. When this fails, bump
    // `imbox::effects::cache::store::SCHEMA_VERSION` (old stores are then discarded) and pin
    // the new value here.
    let fnv =
        all.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3));
    assert_eq!(
        (fnv, imbox::effects::cache::store::SCHEMA_VERSION),
        (PINNED_ENCODING, 1),
        "a cached type's encoding changed: bump SCHEMA_VERSION and pin {fnv:#x}"
    );
    // Not kept: an older page of a thread, a search, a write.
    assert_eq!(
        Kind::of(&Command::LoadMessages {
            req: 1,
            conversation_id: "c".into(),
            skip: 30,
            limit: 30,
            before: None,
            after: None
        }),
        None
    );
    assert_eq!(
        Kind::of(&Command::Act(ActCommand::Bulk {
            req: 1,
            ids: vec![],
            action: imbox_model::ConversationAction::MarkUnread
        })),
        None
    );
    // A failure is never written over the last good answer.
    let kind = Kind::of(&Command::LoadUnreadCount { req: 1 }).expect("badge");
    let failed =
        Action::UnreadLoaded { req: 1, result: Err(imbox_api::ApiError::Timeout { endpoint: "GET /x" }) };
    assert_eq!(kind.encode(&failed), None);
}
