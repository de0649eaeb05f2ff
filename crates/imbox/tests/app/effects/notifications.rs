//! The notification centre's writes against the real demo server: the state drives the flow,
//! every command runs through the real jobs with a real `JobContext`, and the server is then
//! asked what it holds.

use imbox::action::Action;
use imbox::action::NotificationAction as N;
use imbox::command::Command;
use imbox::effects::JobContext;
use imbox::effects::worker;
use imbox::state::State;
use imbox_api::Backend;
use imbox_api::Secret;
use imbox_api::imbrace::{ClientConfig, ImbraceClient};
use imbox_api::retry::RetryPolicy;
use imbox_demo::{self as demo, DemoConfig, DemoServer, Fault};
use std::time::Duration;

async fn setup() -> (DemoServer, JobContext) {
    let server = demo::spawn(DemoConfig::default()).await.expect("demo server starts");
    let mut config = ClientConfig::new(format!("{}/", server.base_url()), Secret::new(server.token()));
    // Retries stay on (refusals must outlast them) but wait next to nothing.
    config.retry = RetryPolicy {
        max_retries: 2,
        base_delay: Duration::from_millis(1),
        max_delay: Duration::from_millis(2),
    };
    let client = ImbraceClient::new(config).expect("client");
    (server, JobContext::new(client, None))
}

/// Runs every command (notification ones through `imbox::effects::notifications::execute`) and feeds the
/// results back until nothing is left. Scheduled actions are delivered at once unless `hold`.
async fn run(ctx: &JobContext, s: &mut State, cmds: Vec<Command>, hold: bool) -> Vec<Action> {
    let mut queue = cmds;
    let mut held = Vec::new();
    while let Some(cmd) = queue.pop() {
        let action = match cmd {
            Command::Notify(c) => imbox::effects::notifications::execute(ctx, c).await,
            Command::Schedule { action, .. } if hold => {
                held.push(*action);
                None
            }
            Command::Schedule { action, .. } => Some(*action),
            other => worker::execute(ctx, other).await,
        };
        if let Some(a) = action {
            queue.extend(s.update(a));
        }
    }
    held
}

/// A started state with the centre open and its first page loaded.
async fn centre(ctx: &JobContext) -> State {
    let mut s = crate::common::state(140, 40);
    let cmds = s.start();
    run(ctx, &mut s, cmds, false).await;
    let cmds = s.update(Action::Notify(N::Toggle));
    run(ctx, &mut s, cmds, false).await;
    assert!(s.notifications.is_known(), "first page loaded");
    s
}

async fn server_read(ctx: &JobContext, id: &str) -> Option<bool> {
    let page = ctx.client().notifications(50, 0).await.expect("listing");
    page.page.items.iter().find(|n| n.id == id).map(|n| n.is_read)
}

#[tokio::test]
async fn marking_one_read_lowers_the_badge_by_exactly_one_and_the_server_agrees() {
    let (_server, ctx) = setup().await;
    let mut s = centre(&ctx).await;
    let before = s.badge.unread.expect("badge known");
    let first = s.notifications.selected_item().expect("a row").clone();
    assert!(!first.is_read);
    let cmds = s.update(Action::Notify(N::MarkRead));
    assert_eq!(s.badge.unread, Some(before - 1), "optimistic");
    run(&ctx, &mut s, cmds, false).await;
    assert_eq!(s.badge.unread, Some(before - 1), "after the server's own count came back");
    assert_eq!(server_read(&ctx, &first.id).await, Some(true));
    let page = ctx.client().notifications(1, 0).await.expect("count");
    assert_eq!(page.unread_count, Some(before - 1));
}

#[tokio::test]
async fn dismissed_notifications_vanish_from_later_listings() {
    let (_server, ctx) = setup().await;
    let mut s = centre(&ctx).await;
    let total = s.notifications.total.expect("total");
    s.update(Action::Notify(N::Move(1)));
    s.update(Action::Notify(N::ToggleMark));
    s.update(Action::Notify(N::ToggleMark));
    let ids = s.notifications.targets();
    assert_eq!(ids.len(), 2);
    let cmds = s.update(Action::Notify(N::Dismiss));
    run(&ctx, &mut s, cmds, false).await;
    assert_eq!(s.notifications.total, Some(total - 2));
    let page = ctx.client().notifications(50, 0).await.expect("listing");
    assert_eq!(page.page.total, total - 2);
    for id in &ids {
        assert!(page.page.items.iter().all(|n| &n.id != id), "{id} is gone");
        assert!(s.notifications.items.iter().all(|n| &n.id != id));
    }
}

#[tokio::test]
async fn a_refused_mark_read_is_rolled_back_with_a_visible_error() {
    let (server, ctx) = setup().await;
    let mut s = centre(&ctx).await;
    let before = s.badge.unread.expect("badge");
    let first = s.notifications.selected_item().expect("row").id.clone();
    // One more than the attempts of a call (1 + 2 retries), so the write fails for good.
    server.inject(Fault::Status(500), 3);
    let cmds = s.update(Action::Notify(N::MarkRead));
    assert!(s.notifications.selected_item().expect("row").is_read, "optimistic");
    run(&ctx, &mut s, cmds, false).await;
    assert!(!s.notifications.selected_item().expect("row").is_read, "rolled back");
    assert_eq!(s.badge.unread, Some(before));
    let err = s.notifications.error_write.clone().expect("error shown");
    assert!(err.contains("could not mark 1 notification read") && err.contains("500"), "{err}");
    assert_eq!(server_read(&ctx, &first).await, Some(false), "the server never took it");
}

#[tokio::test]
async fn a_refused_dismiss_puts_the_rows_back_where_they_were() {
    let (server, ctx) = setup().await;
    let mut s = centre(&ctx).await;
    let ids: Vec<String> = s.notifications.items.iter().take(3).map(|n| n.id.clone()).collect();
    let loaded = s.notifications.items.len();
    s.update(Action::Notify(N::Move(1)));
    server.inject(Fault::Status(400), 1);
    let cmds = s.update(Action::Notify(N::Dismiss));
    assert_eq!(s.notifications.items.len(), loaded - 1, "gone at once");
    run(&ctx, &mut s, cmds, false).await;
    let now: Vec<String> = s.notifications.items.iter().take(3).map(|n| n.id.clone()).collect();
    assert_eq!(now, ids);
    assert!(s.notifications.error_write.as_deref().is_some_and(|e| e.contains("could not dismiss")));
    assert!(server_read(&ctx, &ids[1]).await.is_some(), "still listed by the server");
}

#[tokio::test]
async fn dismiss_all_is_sent_after_the_undo_window_and_empties_the_list() {
    let (_server, ctx) = setup().await;
    let mut s = centre(&ctx).await;
    s.update(Action::Notify(N::AskDismissAll));
    let cmds = s.update(Action::Notify(N::Confirm(true)));
    // The request waits out the undo window: only a schedule is asked for.
    let held = run(&ctx, &mut s, cmds, true).await;
    assert_eq!(held.len(), 1);
    assert_eq!(ctx.client().notifications(1, 0).await.expect("count").page.total, 640, "nothing sent yet");
    let cmds = s.update(held[0].clone());
    run(&ctx, &mut s, cmds, false).await;
    let page = ctx.client().notifications(50, 0).await.expect("listing");
    assert_eq!((page.page.total, page.unread_count), (0, Some(0)));
    assert_eq!(s.badge.unread, Some(0));
    assert!(s.notifications.view.is_empty());
}

#[tokio::test]
async fn a_refused_dismiss_all_restores_the_list() {
    let (server, ctx) = setup().await;
    let mut s = centre(&ctx).await;
    let (before, rows) = (s.badge.unread, s.notifications.items.len());
    s.update(Action::Notify(N::AskDismissAll));
    let cmds = s.update(Action::Notify(N::Confirm(true)));
    assert!(s.notifications.items.is_empty());
    server.inject(Fault::Status(500), 3);
    run(&ctx, &mut s, cmds, false).await;
    assert_eq!((s.badge.unread, s.notifications.items.len()), (before, rows));
    assert!(s.notifications.error_write.as_deref().is_some_and(|e| e.contains("dismiss all")));
    assert_eq!(ctx.client().notifications(1, 0).await.expect("count").page.total, 640);
}

#[tokio::test]
async fn enter_on_a_notification_finds_its_conversation_through_the_contact_search() {
    let (_server, ctx) = setup().await;
    let mut s = centre(&ctx).await;
    // A notification further down: nothing of its contact is loaded.
    s.update(Action::Notify(N::Move(5)));
    let n = s.notifications.selected_item().expect("a row").clone();
    let handle = n.handle_id.clone().expect("an iMBRACE notification names its tcu");
    assert!(!s.conversations.items.iter().any(|c| c.handle_id == handle));
    let cmds = s.update(Action::Notify(N::Open));
    assert!(s.notifications.finding.is_some());
    run(&ctx, &mut s, cmds, false).await;
    assert!(!s.notifications.open, "{:?}", s.notifications.details_note);
    assert_eq!(s.focus, imbox::layout::Pane::Thread);
    // The thread is the conversation with that handle, among its contact's conversations.
    let contact = s.conversations.contact_id.clone().expect("the contact's conversations");
    let convs = ctx.client().contact_conversations(&contact, &[]).await.expect("conversations");
    let conv = convs.iter().find(|c| c.handle_id == handle).expect("the contact has it");
    assert_eq!(s.thread.conversation_id.as_deref(), Some(conv.id.as_str()));
    assert_eq!(s.conversations.selected_item().map(|c| c.id.as_str()), Some(conv.id.as_str()));
    let name = imbox::state::notification_find::name_in_title(&n.title);
    assert_eq!((s.thread.contact_name.as_str(), s.conversations.contact_name.as_str()), (name, name));
    assert!(s.thread.loaded() > 0, "the thread's first page arrived");
}

#[tokio::test]
async fn the_search_checks_every_contact_of_a_shared_name_and_says_how_many_when_none_has_it() {
    // The full demo data set, where 49 contacts are called 王伟.
    let server = demo::spawn(DemoConfig { contacts: 65_681, ..DemoConfig::default() })
        .await
        .expect("demo server starts");
    let config = ClientConfig::new(format!("{}/", server.base_url()), Secret::new(server.token()));
    let ctx = JobContext::new(ImbraceClient::new(config).expect("client"), None);
    let client = ctx.client();
    // A name several demo contacts share: its conversations belong to the last of them.
    let hits = client.search_contacts("王伟", 50, 0).await.expect("search");
    let same: Vec<_> = hits.items.iter().filter(|c| c.display_name == "王伟").collect();
    assert!(same.len() >= 2, "the demo has several 王伟: {}", same.len());
    let last = same[same.len() - 1];
    let convs = client.contact_conversations(&last.id, &[]).await.expect("conversations");
    let wanted = convs.first().expect("a conversation").clone();
    let found = imbox::effects::notifications::find_conversation(&client, &wanted.handle_id, "王伟")
        .await
        .expect("the chain runs");
    assert_eq!(found.conversation.as_ref().map(|c| c.id.as_str()), Some(wanted.id.as_str()));
    assert_eq!(found.conversation.map(|c| c.contact_name), Some("王伟".to_string()));
    assert!(found.checked >= same.len(), "exact names first: {} of {}", found.checked, same.len());
    // A handle no one has: every candidate is checked, and the answer says how many.
    let none = imbox::effects::notifications::find_conversation(&client, "tcu_nobody", "王伟")
        .await
        .expect("the chain runs");
    assert!(none.conversation.is_none());
    assert!(none.candidates >= same.len() as u64);
    assert_eq!(
        none.checked as u64,
        none.candidates.min(imbox::effects::notifications::FIND_MAX_CHECKED as u64)
    );
}

#[tokio::test]
async fn a_lookup_nobody_waits_for_stops_instead_of_running_its_requests_out() {
    // 49 contacts are called 王伟 and none has this handle: a full run asks for 49 lists.
    let server = demo::spawn(DemoConfig {
        contacts: 65_681,
        latency: Duration::from_millis(50),
        ..DemoConfig::default()
    })
    .await
    .expect("demo server starts");
    let config = ClientConfig::new(format!("{}/", server.base_url()), Secret::new(server.token()));
    let ctx = JobContext::new(ImbraceClient::new(config).expect("client"), None);
    let find = Command::Notify(imbox::command::NotificationCommand::Find {
        req: 7,
        handle_id: "tcu_nobody".into(),
        name: "王伟".into(),
    });
    let job = tokio::spawn({
        let ctx = ctx.clone();
        async move { imbox::effects::worker::execute(&ctx, find).await }
    });
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    while server.requests_seen("GET", "/conversations") < 2 {
        assert!(tokio::time::Instant::now() < deadline, "the lookup never reached the conversations");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    // Esc in the centre: the state sends this.
    let stop = Command::Notify(imbox::command::NotificationCommand::StopFind { req: 7 });
    assert_eq!(imbox::effects::worker::execute(&ctx, stop).await, None);
    assert_eq!(job.await.expect("the job"), None, "a stopped lookup answers nothing");
    let asked = server.requests_seen("GET", "/conversations");
    assert!(asked < 10, "stopped after {asked} of 49 lists");
    // A stop that reaches the worker before its lookup started: the lookup does not start.
    let stop = Command::Notify(imbox::command::NotificationCommand::StopFind { req: 8 });
    imbox::effects::worker::execute(&ctx, stop).await;
    let late = Command::Notify(imbox::command::NotificationCommand::Find {
        req: 8,
        handle_id: "tcu_nobody".into(),
        name: "王伟".into(),
    });
    assert_eq!(imbox::effects::worker::execute(&ctx, late).await, None);
    assert_eq!(server.requests_seen("GET", "/conversations"), asked, "not one more list");
}
