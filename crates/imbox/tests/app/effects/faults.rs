//! Each demo fault mode produces the behaviour docs/architecture.md documents ("Faults, and
//! what the user sees"): real HTTP against the demo server with injected faults, the worker's
//! own `execute`, every result (and every announced retry, as the app does) fed into
//! `State::update`, and the rendered screen checked. Client timeouts and backoff are shrunk so
//! the suite stays fast.

use crate::common::{screen, state};
use imbox::action::Action;
use imbox::command::Command;
use imbox::effects::JobContext;
use imbox::effects::worker::execute;
use imbox::state::State;
use imbox::state::connection::Link;
use imbox_api::Secret;
use imbox_api::imbrace::{ClientConfig, ImbraceClient, RetryNotice};
use imbox_api::retry::RetryPolicy;
use imbox_demo::{DemoConfig, DemoServer, Fault, spawn};
use jiff::SignedDuration;
use std::sync::{Arc, Mutex};
use std::time::Duration;

const CONTACTS: &str = "GET /v1/backend/contacts";

/// A demo server and a worker context whose client retries quickly and announces retries.
struct Rig {
    server: DemoServer,
    jobs: JobContext,
    notices: Arc<Mutex<Vec<RetryNotice>>>,
}

async fn rig(cfg: DemoConfig) -> Rig {
    let server = spawn(cfg).await.expect("demo server");
    let mut config = ClientConfig::new(server.base_url(), Secret::new(server.token()));
    config.request_timeout = Duration::from_millis(400);
    config.retry = RetryPolicy {
        max_retries: 3,
        base_delay: Duration::from_millis(20),
        max_delay: Duration::from_secs(2),
    };
    let notices = Arc::new(Mutex::new(Vec::new()));
    let seen = notices.clone();
    let client = ImbraceClient::new(config)
        .expect("client")
        .with_retry_observer(Arc::new(move |n: &RetryNotice| seen.lock().expect("notices").push(n.clone())));
    Rig { server, jobs: JobContext::new(client, None), notices }
}

/// Runs `cmds` (and whatever they lead to) against the server. Retries the client announced are
/// fed in before the result, like the app's retry observer does; the screen right after each
/// announcement is returned.
async fn drive(r: &Rig, s: &mut State, cmds: Vec<Command>) -> Vec<String> {
    let mut queue = cmds;
    let mut retry_screens = Vec::new();
    let mut rounds = 0;
    while let Some(cmd) = queue.pop() {
        rounds += 1;
        assert!(rounds < 200, "commands never settle");
        let action = execute(&r.jobs, cmd).await;
        let notices: Vec<RetryNotice> = std::mem::take(&mut *r.notices.lock().expect("notices"));
        for n in notices {
            let wait_ms = u64::try_from(n.wait.as_millis()).unwrap_or(u64::MAX);
            queue.extend(s.update(Action::Retrying {
                endpoint: n.endpoint,
                attempt: n.attempt,
                reason: n.reason.clone(),
                wait_ms,
            }));
            retry_screens.push(screen(s));
        }
        if let Some(action) = action {
            queue.extend(s.update(action));
        }
    }
    retry_screens
}

/// A state with the first contacts page (and the badge) loaded from the healthy server.
async fn loaded(r: &Rig) -> State {
    let mut s = state(140, 40);
    let cmds = s.start();
    drive(r, &mut s, cmds).await;
    let shown = screen(&s);
    assert!(shown.contains("UNK#DO1695") && shown.contains("1 / 300"), "{shown}");
    s
}

/// The retry screens whose countdown is for the contacts request.
fn contacts_retries(screens: Vec<String>) -> Vec<String> {
    screens.into_iter().filter(|sc| sc.contains(&format!("⟳ {CONTACTS} failed"))).collect()
}

/// Lets two seconds pass, as ticks would: an announced retry countdown ends.
fn countdown_over(s: &mut State) -> Vec<Command> {
    s.update(Action::Tick(crate::common::now() + SignedDuration::from_secs(2)))
}

fn header(s: &State) -> String {
    screen(s).lines().next().unwrap_or_default().to_string()
}

#[tokio::test]
async fn latency_shows_loading_then_the_data() {
    let r = rig(DemoConfig::default()).await;
    r.server.inject(Fault::Latency(Duration::from_millis(150)), 10);
    let mut s = state(140, 40);
    let cmds = s.start();
    assert!(screen(&s).contains("Loading contacts…"), "{}", screen(&s));
    drive(&r, &mut s, cmds).await;
    let shown = screen(&s);
    assert!(shown.contains("UNK#DO1695") && shown.contains("1 / 300"), "{shown}");
    assert!(r.notices.lock().expect("notices").is_empty(), "latency is not a failure");
}

#[tokio::test]
async fn a_server_error_is_retried_with_a_countdown_naming_the_endpoint() {
    let r = rig(DemoConfig::default()).await;
    let mut s = loaded(&r).await;
    r.server.inject(Fault::Status(500), 1);
    let cmds = s.update(Action::Refresh);
    let retries = drive(&r, &mut s, cmds).await;
    assert_eq!(retries.len(), 1, "one retry");
    assert!(retries[0].contains(&format!("⟳ {CONTACTS} failed (HTTP 500), retry 1 in")), "{}", retries[0]);
    countdown_over(&mut s);
    let shown = screen(&s);
    assert!(shown.contains("UNK#DO1695") && !shown.contains("failed"), "{shown}");
}

#[tokio::test]
async fn server_errors_outlasting_the_retries_keep_the_data_name_the_endpoint_and_stop() {
    let r = rig(DemoConfig::default()).await;
    let mut s = loaded(&r).await;
    // The first try and three retries of the contacts request (the badge request after it
    // succeeds).
    r.server.inject(Fault::Status(503), 4);
    let cmds = s.update(Action::Refresh);
    let retries = contacts_retries(drive(&r, &mut s, cmds).await);
    assert_eq!(retries.len(), 3, "three retries, then it gives up");
    assert!(retries[2].contains("retry 3 in"), "{}", retries[2]);
    countdown_over(&mut s);
    let shown = screen(&s);
    assert!(shown.contains("UNK#DO1695"), "the last good data stays:\n{shown}");
    assert!(shown.contains(&format!("server error 503 on {CONTACTS}")), "{shown}");
    assert!(shown.contains("┃✖ server error 503 on GET"), "the pane shows the error too:\n{shown}");
    assert_eq!(s.connection.link, Link::Online, "a 5xx is not offline");
    // No retry storm: time passing asks for nothing.
    let later = crate::common::now() + SignedDuration::from_secs(60);
    let cmds = s.update(Action::Tick(later));
    assert!(!cmds.iter().any(|c| matches!(c, Command::LoadContacts { .. })), "{cmds:?}");
    // R asks again; the server is healthy again.
    r.server.inject(Fault::Status(503), 0);
    let cmds = s.update(Action::Refresh);
    drive(&r, &mut s, cmds).await;
    assert!(!screen(&s).contains("server error"), "{}", screen(&s));
}

#[tokio::test]
async fn an_error_rate_is_mostly_absorbed_by_retries() {
    let mut cfg = DemoConfig::default();
    cfg.apply_fault_arg("error-rate:30").expect("fault arg");
    let r = rig(cfg).await;
    let mut s = state(140, 40);
    let cmds = s.start();
    let mut retries = drive(&r, &mut s, cmds).await;
    for _ in 0..5 {
        let cmds = s.update(Action::Refresh);
        retries.extend(drive(&r, &mut s, cmds).await);
    }
    assert!(retries.iter().any(|sc| sc.contains("failed (HTTP 500), retry 1 in")), "some requests failed");
    let shown = screen(&s);
    assert!(
        shown.contains("1 / 300") || shown.contains(&format!("server error 500 on {CONTACTS}")),
        "data, or an error naming the endpoint:\n{shown}"
    );
}

#[tokio::test]
async fn a_rate_limit_waits_for_retry_after_with_a_countdown() {
    let r = rig(DemoConfig::default()).await;
    let mut s = loaded(&r).await;
    r.server.inject(Fault::RateLimited { retry_after_secs: 1 }, 1);
    let cmds = s.update(Action::Refresh);
    let started = std::time::Instant::now();
    let retries = drive(&r, &mut s, cmds).await;
    assert!(started.elapsed() >= Duration::from_millis(900), "Retry-After was honoured");
    assert_eq!(retries.len(), 1);
    assert!(
        retries[0].contains(&format!("⟳ {CONTACTS} failed (rate limited (HTTP 429)), retry 1 in 1s")),
        "{}",
        retries[0]
    );
    assert!(screen(&s).contains("UNK#DO1695"));
}

async fn broken_body_keeps_the_data(fault: Fault) {
    let r = rig(DemoConfig::default()).await;
    let mut s = loaded(&r).await;
    r.server.inject(fault.clone(), 1);
    let cmds = s.update(Action::Refresh);
    let retries = drive(&r, &mut s, cmds).await;
    assert!(retries.is_empty(), "{fault}: a broken body is not retried");
    let shown = screen(&s);
    assert!(shown.contains("UNK#DO1695"), "{fault}: earlier data stays:\n{shown}");
    assert!(shown.contains(&format!("could not read the reply of {CONTACTS} at")), "{fault}:\n{shown}");
    assert_eq!(s.connection.link, Link::Online);
}

#[tokio::test]
async fn a_malformed_body_is_a_decode_error_and_the_data_stays() {
    broken_body_keeps_the_data(Fault::Malformed).await;
}

#[tokio::test]
async fn a_truncated_body_is_a_decode_error_and_the_data_stays() {
    broken_body_keeps_the_data(Fault::Truncated).await;
}

/// A fault that makes the server unreachable: offline marker, data kept, probes, and recovery
/// by itself once the fault stops.
async fn unreachable_then_recovers(fault: Fault) {
    let r = rig(DemoConfig::default()).await;
    let mut s = loaded(&r).await;
    // Both requests of the refresh (contacts and the badge) and all their retries.
    r.server.inject(fault.clone(), 8);
    let cmds = s.update(Action::Refresh);
    let retries = contacts_retries(drive(&r, &mut s, cmds).await);
    assert_eq!(retries.len(), 3, "{fault}: retried");
    assert!(matches!(s.connection.link, Link::Offline { .. }), "{fault}: {:?}", s.connection.link);
    assert!(header(&s).contains("OFFLINE · reconnecting"), "{fault}: {}", header(&s));
    assert!(countdown_over(&mut s).is_empty(), "{fault}: no probe before the first pause");
    let shown = screen(&s);
    assert!(shown.contains("UNK#DO1695"), "{fault}: data stays:\n{shown}");
    // Both requests failed; the status bar names the endpoint of the latest failure.
    assert!(
        shown.contains("on GET /v1/backend/") || shown.contains("GET /v1/backend/notifications timed out"),
        "{fault}: the error names the endpoint:\n{shown}"
    );
    // The fault is used up; the probe after the first pause brings everything back.
    let probe = s.update(Action::Tick(crate::common::now() + SignedDuration::from_secs(3)));
    assert!(probe.iter().any(|c| matches!(c, Command::LoadUnreadCount { .. })), "{fault}: {probe:?}");
    drive(&r, &mut s, probe).await;
    assert_eq!(s.connection.link, Link::Online, "{fault}");
    let shown = screen(&s);
    assert!(!shown.contains("OFFLINE") && !shown.contains("GET /v1/"), "{fault}: recovered:\n{shown}");
    assert!(shown.contains("UNK#DO1695"));
}

#[tokio::test]
async fn a_reset_connection_goes_offline_and_recovers_by_itself() {
    unreachable_then_recovers(Fault::Reset).await;
}

#[tokio::test]
async fn a_stalled_server_times_out_goes_offline_and_recovers_by_itself() {
    unreachable_then_recovers(Fault::Stall).await;
}
