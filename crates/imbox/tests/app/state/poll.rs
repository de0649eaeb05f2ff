//! The polling cadence through the pure update, with ticks carrying the time: what is asked at
//! 0, 5, 15 and 30 s with an iMBRACE thread open; nothing twice while a request is in flight;
//! ×4 when no key was pressed for 10 minutes (and at once on the first key after); doubling
//! backoff while a resource fails, back to normal at the first success; only the badge for an
//! account not on screen; the thread paused and the rest slowed under a live socket.

use crate::common::{now, seed_answer, seed_messages, seed_notifications, settle, state};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use imbox::action::{Action, NotificationAction};
use imbox::command::{Command, NotificationCommand};
use imbox::state::State;
use imbox_api::ApiError;
use jiff::{SignedDuration, Timestamp};

/// The seed iMBRACE account at 140×40 with its first contact's first conversation open.
fn thread_open() -> State {
    let mut s = state(140, 40);
    let cmds = s.start();
    settle(&mut s, cmds, &seed_answer);
    let enter = KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE);
    for _ in 0..2 {
        let action = imbox::keymap::action_for(&s, &enter).expect("Enter is bound");
        let cmds = s.update(action);
        settle(&mut s, cmds, &answer);
    }
    assert!(s.thread.conversation_id.is_some() && s.thread.loaded() > 0, "a thread is open");
    s
}

fn at(secs: i64) -> Timestamp {
    now() + SignedDuration::from_secs(secs)
}

/// What each poll request asks for.
fn kinds(cmds: &[Command]) -> Vec<&'static str> {
    cmds.iter()
        .filter_map(|c| match c {
            Command::LoadMessages { .. } => Some("thread"),
            Command::LoadConversations { .. } | Command::Inbox(imbox::command::InboxCommand::Load { .. }) => {
                Some("list")
            }
            Command::Notify(NotificationCommand::Load { .. }) => Some("notifications"),
            Command::LoadUnreadCount { .. } => Some("badge"),
            _ => None,
        })
        .collect()
}

/// The seed's answers, and the notifications page too.
fn answer(cmd: &Command) -> Option<Action> {
    match cmd {
        Command::Notify(NotificationCommand::Load { req, skip, .. }) => {
            Some(Action::Notify(NotificationAction::Loaded {
                req: *req,
                skip: *skip,
                result: Ok(seed_notifications()),
            }))
        }
        _ => seed_answer(cmd),
    }
}

/// Ticks every second from `from` to `to` (inclusive), answering with `reply`; returns when
/// each kind of request went out.
fn run(
    s: &mut State,
    from: i64,
    to: i64,
    reply: &dyn Fn(&Command) -> Option<Action>,
) -> Vec<(i64, &'static str)> {
    let mut asked = Vec::new();
    for t in from..=to {
        let cmds = s.update(Action::Tick(at(t)));
        asked.extend(kinds(&cmds).into_iter().map(|k| (t, k)));
        settle(s, cmds, reply);
    }
    asked
}

fn times(asked: &[(i64, &str)], kind: &str) -> Vec<i64> {
    asked.iter().filter(|(_, k)| *k == kind).map(|(t, _)| *t).collect()
}

#[test]
fn what_is_asked_at_0_5_15_and_30_seconds() {
    let mut s = thread_open();
    let asked = run(&mut s, 0, 30, &answer);
    assert_eq!(times(&asked, "thread"), [5, 10, 15, 20, 25, 30], "the open thread every 5 s");
    assert_eq!(times(&asked, "notifications"), [15, 30], "the notifications every 15 s");
    assert_eq!(times(&asked, "list"), [30], "the contact's conversations every 30 s");
    assert_eq!(times(&asked, "badge"), Vec::<i64>::new(), "iMBRACE: the page carries the badge");
    // The thread's poll asks for the newest page (offset paging).
    let cmds = s.update(Action::Tick(at(35)));
    assert!(
        cmds.iter().any(|c| matches!(c, Command::LoadMessages { skip: 0, before: None, after: None, .. })),
        "{cmds:?}"
    );
}

#[test]
fn nothing_is_asked_again_while_a_request_is_in_flight() {
    let mut s = thread_open();
    let asked = run(&mut s, 0, 40, &|_| None);
    assert_eq!(times(&asked, "thread"), [5], "one thread request, never answered");
    assert_eq!(times(&asked, "notifications"), [15]);
    assert_eq!(times(&asked, "list"), [30]);
}

#[test]
fn an_idle_agent_is_polled_four_times_slower_and_a_key_brings_it_back() {
    let mut s = thread_open();
    let asked = run(&mut s, 0, 700, &answer);
    let thread = times(&asked, "thread");
    let gaps: Vec<i64> = thread.windows(2).map(|w| w[1] - w[0]).collect();
    assert!(gaps.iter().take_while(|_| true).take(100).all(|g| *g == 5), "{gaps:?}");
    let late: Vec<i64> = thread.iter().copied().filter(|t| *t > 620).collect();
    assert!(late.windows(2).all(|w| w[1] - w[0] == 20), "idle after 600 s: every 20 s {late:?}");
    // A key after the idle spell asks at once, then the normal pace is back.
    let last = *thread.last().unwrap_or(&0);
    s.input(Action::Down, at(701));
    let again = run(&mut s, 701, 720, &answer);
    let t = times(&again, "thread");
    assert_eq!(t.first(), Some(&701), "at once (last poll was at {last})");
    assert!(t.windows(2).all(|w| w[1] - w[0] == 5), "{t:?}");
}

#[test]
fn a_failing_resource_backs_off_doubling_and_recovers_at_the_first_success() {
    let mut s = thread_open();
    // (No idle slowdown in the way of the arithmetic.)
    s.poll.config.idle_after = std::time::Duration::from_secs(86_400);
    let fail = |cmd: &Command| match cmd {
        Command::LoadMessages { req, skip, .. } => Some(Action::MessagesLoaded {
            req: *req,
            skip: *skip,
            result: Err(ApiError::Server { endpoint: "messages", status: 503, message: String::new() }),
        }),
        _ => answer(cmd),
    };
    let asked = run(&mut s, 0, 900, &fail);
    let thread = times(&asked, "thread");
    let gaps: Vec<i64> = thread.windows(2).map(|w| w[1] - w[0]).collect();
    assert_eq!(&gaps[..6], [10, 20, 40, 80, 160, 300], "doubling from 5 s, capped at 5 min");
    assert!(s.thread.error.is_none() && s.thread.loaded() > 0, "the thread keeps what it shows");
    assert_eq!(times(&asked, "notifications")[..3], [15, 30, 45], "the other resources keep their pace");
    let last = *thread.last().unwrap_or(&0);
    let back = run(&mut s, 901, last + 320, &answer);
    let t = times(&back, "thread");
    assert!(t.len() >= 3, "{t:?}");
    assert!(t.windows(2).all(|w| w[1] - w[0] == 5), "normal again after one success: {t:?}");
}

#[test]
fn only_the_badge_for_an_account_not_on_screen() {
    let mut s = thread_open();
    s.poll.background = true;
    let asked = run(&mut s, 0, 60, &answer);
    assert_eq!(times(&asked, "thread"), Vec::<i64>::new());
    assert_eq!(times(&asked, "list"), Vec::<i64>::new());
    assert_eq!(times(&asked, "notifications"), [15, 30, 45, 60]);
}

#[test]
fn under_a_live_socket_the_thread_pauses_and_the_rest_is_a_slow_safety_net() {
    let mut s = thread_open();
    s.live.status = imbox_model::live::LiveStatus::Live;
    let asked = run(&mut s, 0, 610, &answer);
    assert_eq!(times(&asked, "thread"), Vec::<i64>::new(), "the socket brings the messages");
    assert_eq!(times(&asked, "notifications"), [300, 600]);
    assert_eq!(times(&asked, "list"), [300, 600]);
}

#[test]
fn a_thread_hidden_behind_the_notification_centre_is_not_polled() {
    let mut s = thread_open();
    assert!(kinds(&s.update(Action::Tick(at(0)))).is_empty(), "the first tick schedules");
    let cmds = s.update(Action::Notify(NotificationAction::Toggle));
    settle(&mut s, cmds, &answer);
    let asked = run(&mut s, 1, 20, &answer);
    assert_eq!(times(&asked, "thread"), Vec::<i64>::new());
    assert_eq!(times(&asked, "notifications"), [15]);
    // Back: what is due is asked at once.
    s.update(Action::Notify(NotificationAction::Toggle));
    assert_eq!(kinds(&s.update(Action::Tick(at(21)))), ["thread"]);
}

#[test]
fn a_polled_page_appends_only_what_is_new_without_moving_the_view() {
    let mut s = thread_open();
    let held = s.thread.loaded();
    let newest = s.thread.nth_newest(0).map(|m| m.id.clone());
    // The server's newest page now starts with a message the thread does not hold.
    let fresh = |cmd: &Command| match cmd {
        Command::LoadMessages { req, skip: 0, .. } => {
            let mut page = seed_messages();
            let mut m = page.items[0].clone();
            m.id = "msg_new".into();
            m.sender = imbox_model::Sender::Contact;
            m.body = imbox_model::MessageBody::Text { text: "Are you there?".into(), is_mail: false };
            page.items.insert(0, m);
            page.total += 1;
            Some(Action::MessagesLoaded { req: *req, skip: 0, result: Ok(page) })
        }
        _ => answer(cmd),
    };
    run(&mut s, 0, 5, &fresh);
    assert_eq!(s.thread.loaded(), held + 1, "one new message, the rest held already");
    assert_eq!(s.thread.nth_newest(0).map(|m| m.id.as_str()), Some("msg_new"));
    assert_eq!(s.thread.nth_newest(1).map(|m| m.id.clone()), newest);
    assert!(s.thread.at_newest(), "at the bottom the view follows");
    assert!(crate::common::screen(&s).contains("Are you there?"));
    run(&mut s, 6, 10, &fresh);
    assert_eq!(s.thread.loaded(), held + 1, "the same page again adds nothing");
}

/// Requests per minute over `[from, to)` seconds of ticks (answered at once), with a key every
/// 30 s when `active`.
fn per_minute(
    s: &mut State,
    from: i64,
    to: i64,
    active: bool,
    reply: &dyn Fn(&Command) -> Option<Action>,
) -> f64 {
    let mut asked = 0;
    for t in 0..to {
        if active && t % 30 == 0 {
            // A key that changes nothing on screen (Tab twice: back to the same pane).
            for _ in 0..2 {
                let cmds = s.input(Action::FocusNext, at(t));
                settle(s, cmds, reply);
            }
        }
        let cmds = s.update(Action::Tick(at(t)));
        if t >= from {
            asked += kinds(&cmds).len();
        }
        settle(s, cmds, reply);
    }
    asked as f64 * 60.0 / (to - from) as f64
}

/// The figures of docs/performance.md ("Polling: requests per minute"), counted.
#[test]
fn requests_per_minute_of_an_active_and_an_idle_agent_on_each_backend() {
    // iMBRACE, a thread open: 12 thread + 2 conversations + 4 notifications pages.
    let mut s = thread_open();
    assert_eq!(per_minute(&mut s, 60, 600, true, &answer), 18.0);
    let mut s = thread_open();
    assert_eq!(per_minute(&mut s, 1200, 2400, false, &answer), 4.5, "idle: ×4 slower");

    // Chatwoot polling (no socket), a conversation open from the inbox: 12 + 2 + 4 badge counts.
    let inbox = crate::common::inbox::Inbox::new(30, 12, 10);
    let chatwoot = || {
        let mut s = crate::common::inbox::started(140, 40, &inbox);
        let cmds = crate::common::inbox::press(&mut s, KeyCode::Enter);
        settle(&mut s, cmds, &|c| inbox.answer(c));
        assert!(s.thread.conversation_id.is_some());
        s
    };
    let reply = |c: &Command| inbox.answer(c);
    let mut s = chatwoot();
    assert_eq!(per_minute(&mut s, 60, 600, true, &reply), 18.0);
    let mut s = chatwoot();
    assert_eq!(per_minute(&mut s, 1200, 2400, false, &reply), 4.5);
    // With the socket live: the inbox page and the badge every 5 minutes, no thread polls.
    let mut s = chatwoot();
    s.live.status = imbox_model::live::LiveStatus::Live;
    assert_eq!(per_minute(&mut s, 1, 1201, true, &reply), 0.4);
}

#[test]
fn a_reply_then_the_customers_answer_on_an_offset_thread_is_merged_not_reloaded() {
    use imbox::action::compose::ComposeAction;
    use imbox_model::{Message, MessageBody, Page, Sender};
    let (mut s, id) = crate::common::compose::replying(140, 40, |c| c.cursor_history = false);
    // The server's count of the five messages held.
    s.thread.total = 5;
    crate::common::inbox::type_text(&mut s, "on its way");
    let cmds = crate::common::inbox::press(&mut s, KeyCode::Enter);
    let req = cmds
        .iter()
        .find_map(|c| match c {
            Command::Compose(imbox::command::ComposeCommand::Send(r)) => Some((**r).clone()),
            _ => None,
        })
        .expect("a send");
    let text = |t: &str| MessageBody::Text { text: t.into(), is_mail: false };
    let mine =
        Message { id: "901".into(), sender: Sender::Agent, body: text("on its way"), ..Default::default() };
    s.update(Action::Compose(ComposeAction::Sent {
        conversation_id: id.clone(),
        echo_id: req.echo_id,
        result: Ok(Box::new(mine.clone())),
    }));
    assert_eq!(s.thread.total, 6, "the reply counts");
    let total = 6;
    // The next poll: the customer answered; the server counts the reply and the answer.
    s.update(Action::Tick(at(0)));
    let cmds = s.update(Action::Tick(at(5)));
    let poll = cmds
        .iter()
        .find_map(|c| match c {
            Command::LoadMessages { req, skip: 0, .. } => Some(*req),
            _ => None,
        })
        .expect("the thread's poll");
    let answer =
        Message { id: "902".into(), sender: Sender::Contact, body: text("thanks!"), ..Default::default() };
    let mut items = vec![answer, mine];
    items.extend(crate::common::inbox::texts(1..6, false).items);
    let page = Page { items, total: total + 1, has_more: false };
    let after = s.update(Action::MessagesLoaded { req: poll, skip: 0, result: Ok(page) });
    assert!(!after.iter().any(|c| matches!(c, Command::LoadMessages { .. })), "no gap, no reload: {after:?}");
    assert_eq!(s.thread.nth_newest(0).map(|m| m.id.as_str()), Some("902"));
    assert_eq!(s.thread.nth_newest(1).map(|m| m.id.as_str()), Some("901"), "the reply once");
    assert_eq!(s.thread.total, total + 1);
}
