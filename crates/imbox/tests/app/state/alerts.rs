//! Alerts: which realtime events deserve one, each rule on and off, quiet hours (across
//! midnight), the terminal's focus, coalescing a burst, and the way each alert goes out.

use imbox::action::alert::AlertNote;
use imbox::action::{Action, AlertAction, LiveAction};
use imbox::command::{AlertChannel, AlertCommand, Command};
use imbox::state::alerts::{AlertKind, AlertRules, AlertTrigger, COALESCE, alert_for_event};
use imbox::state::{Account, State};
use imbox_model::live::{ConversationPulse, LiveEvent, NotificationChange};
use imbox_model::{Conversation, Message, MessageBody, Notification, Sender};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

const ME: u64 = 7;

/// 12:00 local (UTC) on a test day.
fn noon() -> Timestamp {
    "2026-11-22T12:00:00Z".parse().expect("time")
}

/// A state for the account "support" at `now`, in UTC, with `rules`.
fn state_with(rules: AlertRules, now: Timestamp) -> State {
    let account = Account { name: "support".into(), ..Account::default() };
    let mut s = State::new(account, now, TimeZone::UTC);
    s.alerts.rules = rules;
    s
}

/// OSC 777 only, so what went out can be read back from the terminal bytes.
fn osc777() -> AlertRules {
    AlertRules { channels: vec![AlertChannel::Osc777], ..AlertRules::default() }
}

fn customer_message(text: &str) -> Message {
    Message {
        id: "m1".into(),
        conversation_id: "42".into(),
        sender: Sender::Contact,
        sender_name: "Dana Lee".into(),
        body: MessageBody::Text { text: text.into(), is_mail: false },
        ..Message::default()
    }
}

fn created(message: Message, assignee: Option<u64>) -> LiveEvent {
    let pulse = ConversationPulse { assignee_id: assignee, ..ConversationPulse::default() };
    LiveEvent::MessageCreated { message, conversation: Some(pulse) }
}

fn conversation(assignee: Option<u64>) -> Conversation {
    Conversation {
        id: "43".into(),
        contact_name: "Wei Chen".into(),
        latest_message: Some("hello?".into()),
        assignee_id: assignee,
        assignee: if assignee.is_some() { "Someone".into() } else { String::new() },
        ..Conversation::default()
    }
}

/// The terminal bytes waiting for the loop, as text.
fn written(s: &mut State) -> String {
    String::from_utf8(s.take_terminal_alert().unwrap_or_default()).expect("UTF-8")
}

fn trigger(text: &str) -> AlertTrigger {
    AlertTrigger::new_message(&customer_message(text), None)
}

#[test]
fn a_customer_message_alerts_only_in_a_conversation_assigned_to_me() {
    let mine = alert_for_event(&created(customer_message("where is my order?"), Some(ME)), Some(ME));
    let mine = mine.expect("an alert for my conversation");
    assert_eq!(mine.kind, AlertKind::NewMessageMine);
    assert_eq!(mine.headline, "New message from Dana Lee");
    assert_eq!(mine.text, "where is my order?");
    assert_eq!(mine.conversation_id.as_deref(), Some("42"));

    assert_eq!(alert_for_event(&created(customer_message("x"), Some(8)), Some(ME)), None, "a colleague's");
    assert_eq!(alert_for_event(&created(customer_message("x"), None), Some(ME)), None, "unassigned");
    assert_eq!(alert_for_event(&created(customer_message("x"), Some(ME)), None), None, "who am I unknown");
    let no_pulse = LiveEvent::MessageCreated { message: customer_message("x"), conversation: None };
    assert_eq!(alert_for_event(&no_pulse, Some(ME)), None);
    let agent = Message { sender: Sender::Agent, ..customer_message("my own reply") };
    assert_eq!(alert_for_event(&created(agent, Some(ME)), Some(ME)), None, "an agent's message");
    let note = Message { private: true, ..customer_message("x") };
    assert_eq!(alert_for_event(&created(note, Some(ME)), Some(ME)), None, "a private note");
    let updated = LiveEvent::MessageUpdated { message: customer_message("x"), conversation: None };
    assert_eq!(alert_for_event(&updated, Some(ME)), None, "an edit is not new");
}

#[test]
fn an_event_before_the_profile_has_loaded_alerts_as_the_channel_s_user() {
    let mut s = state_with(osc777(), noon());
    assert!(s.acts.profile.is_none(), "the profile request has not answered");
    let event = || Action::Live(LiveAction::Event(Box::new(created(customer_message("early"), Some(ME)))));
    s.update(event());
    assert_eq!(written(&mut s), "", "who am I unknown: no alert");
    s.now += COALESCE;
    s.update(Action::Live(LiveAction::User(ME)));
    s.update(event());
    assert!(written(&mut s).ends_with(";early\u{1b}\\"), "the socket's user is me");
}

#[test]
fn mentions_new_unassigned_conversations_and_new_notifications_are_triggers() {
    let m = alert_for_event(&LiveEvent::Mentioned(conversation(Some(ME))), Some(ME)).expect("mention");
    assert_eq!((m.kind, m.headline.as_str()), (AlertKind::Mention, "You were mentioned · Wei Chen"));

    let n = alert_for_event(&LiveEvent::ConversationCreated(conversation(None)), Some(ME)).expect("new");
    assert_eq!(
        (n.kind, n.headline.as_str(), n.text.as_str()),
        (AlertKind::NewUnassigned, "New conversation · Wei Chen", "hello?")
    );
    assert_eq!(alert_for_event(&LiveEvent::ConversationCreated(conversation(Some(8))), Some(ME)), None);

    let notification = Notification {
        title: "#42 Dana Lee".into(),
        content: "a new message".into(),
        ..Notification::default()
    };
    let event = |change| LiveEvent::Notification {
        change,
        notification: Some(notification.clone()),
        unread_count: 1,
        count: 1,
    };
    let t = alert_for_event(&event(NotificationChange::Created), Some(ME)).expect("notification");
    assert_eq!(
        (t.kind, t.headline.as_str(), t.text.as_str()),
        (AlertKind::Notification, "#42 Dana Lee", "a new message")
    );
    assert_eq!(alert_for_event(&event(NotificationChange::Updated), Some(ME)), None);
    assert_eq!(alert_for_event(&event(NotificationChange::Deleted), Some(ME)), None);
    let bare = LiveEvent::Notification {
        change: NotificationChange::Created,
        notification: None,
        unread_count: 2,
        count: 2,
    };
    assert_eq!(alert_for_event(&bare, None).map(|t| t.headline), Some("New notification".into()));
    let typing =
        LiveEvent::Typing { conversation_id: "42".into(), who: "Dana".into(), agent: false, on: true };
    assert_eq!(alert_for_event(&typing, Some(ME)), None);
}

#[test]
fn each_rule_turns_its_kind_on_and_off() {
    let triggers = [
        trigger("hi"),
        AlertTrigger::mention(&conversation(Some(ME))),
        AlertTrigger::new_conversation(&conversation(None)),
        AlertTrigger::notification(&Notification { title: "n".into(), ..Notification::default() }),
    ];
    // The defaults: my conversations' messages and mentions only.
    let defaults: Vec<bool> = triggers
        .iter()
        .map(|t| {
            let mut s = state_with(osc777(), noon());
            s.raise_alert(t.clone());
            !written(&mut s).is_empty()
        })
        .collect();
    assert_eq!(defaults, [true, true, false, false]);
    for (i, t) in triggers.iter().enumerate() {
        for on in [false, true] {
            let mut rules = AlertRules { new_message_mine: false, mention: false, ..osc777() };
            match i {
                0 => rules.new_message_mine = on,
                1 => rules.mention = on,
                2 => rules.new_unassigned = on,
                _ => rules.any_notification = on,
            }
            let mut s = state_with(rules, noon());
            s.raise_alert(t.clone());
            assert_eq!(!written(&mut s).is_empty(), on, "{:?} with its rule {on}", t.kind);
            assert_eq!(s.alerts.delivered, u64::from(on));
        }
    }
    let mut off = state_with(AlertRules { channels: vec![], ..AlertRules::default() }, noon());
    assert!(off.raise_alert(trigger("hi")).is_empty());
    assert_eq!((off.take_terminal_alert(), off.alerts.delivered), (None, 0), "method off");
}

#[test]
fn quiet_hours_cross_midnight_in_local_time() {
    let at = |hm: &str| -> Timestamp { format!("2026-11-22T{hm}:00Z").parse().expect("time") };
    let night = AlertRules { quiet_hours: Some((22 * 60, 7 * 60)), ..osc777() };
    for (hm, quiet) in [
        ("21:59", false),
        ("22:00", true),
        ("23:30", true),
        ("00:00", true),
        ("06:59", true),
        ("07:00", false),
        ("12:00", false),
    ] {
        let mut s = state_with(night.clone(), at(hm));
        s.raise_alert(trigger("hi"));
        assert_eq!(written(&mut s).is_empty(), quiet, "at {hm}");
    }
    // Within a day, and in the zone the state shows times in (22:30 UTC is 07:30 in Tokyo).
    let lunch = AlertRules { quiet_hours: Some((12 * 60, 13 * 60)), ..osc777() };
    let mut s = state_with(lunch.clone(), at("12:30"));
    s.raise_alert(trigger("hi"));
    assert!(written(&mut s).is_empty(), "in a daytime window");
    let mut s = state_with(night, at("22:30"));
    s.tz = TimeZone::fixed(jiff::tz::offset(9));
    s.raise_alert(trigger("hi"));
    assert!(!written(&mut s).is_empty(), "07:30 in Tokyo is after the window");
}

#[test]
fn nothing_goes_out_while_the_terminal_has_the_focus() {
    let mut s = state_with(osc777(), noon());
    assert!(!s.terminal_focused, "unknown until the terminal reports: alerts go out");
    s.update(Action::Alert(AlertAction::TerminalFocus(true)));
    assert!(s.raise_alert(trigger("hi")).is_empty());
    assert_eq!((s.take_terminal_alert(), s.alerts.delivered), (None, 0));
    s.update(Action::Alert(AlertAction::TerminalFocus(false)));
    s.raise_alert(trigger("hi"));
    assert!(written(&mut s).starts_with("\u{1b}]777;notify;imbox · support · New message from Dana Lee;hi"));
}

#[test]
fn in_a_terminal_that_never_reports_focus_a_recent_key_means_the_agent_is_looking() {
    let mut s = state_with(osc777(), noon());
    s.poll.last_key = Some(noon() - jiff::SignedDuration::from_secs(10));
    assert!(s.raise_alert(trigger("hi")).is_empty());
    assert_eq!((s.take_terminal_alert(), s.alerts.delivered), (None, 0), "typing a moment ago");
    s.now = noon() + jiff::SignedDuration::from_secs(25);
    s.raise_alert(trigger("later"));
    assert!(written(&mut s).contains(";later"), "no key for 35 s: the agent may be elsewhere");
    // Once the terminal reports its focus, its reports decide, keys or not.
    let mut s = state_with(osc777(), noon());
    s.update(Action::Alert(AlertAction::TerminalFocus(false)));
    s.poll.last_key = Some(noon());
    s.raise_alert(trigger("away"));
    assert!(written(&mut s).contains(";away"), "the terminal said it lost the focus");
}

#[test]
fn a_burst_becomes_one_alert_per_window_that_counts_it() {
    let mut s = state_with(osc777(), noon());
    assert!(s.raise_alert(trigger("first")).is_empty());
    assert_eq!(
        written(&mut s),
        "\u{1b}]777;notify;imbox · support · New message from Dana Lee;first\u{1b}\\"
    );
    // Three more within the window: held, one flush scheduled for its end.
    s.update(Action::Tick(noon() + SignedDuration::from_secs(1)));
    let cmds = s.raise_alert(trigger("second"));
    assert_eq!(
        cmds,
        [Command::Schedule {
            after: COALESCE - std::time::Duration::from_secs(1),
            action: Box::new(Action::Alert(AlertAction::Flush)),
        }]
    );
    assert!(s.raise_alert(trigger("third")).is_empty(), "one flush per window");
    assert!(s.raise_alert(AlertTrigger::mention(&conversation(Some(ME)))).is_empty());
    assert_eq!(s.take_terminal_alert(), None, "nothing before the window ends");
    s.update(Action::Tick(noon() + SignedDuration::from_secs(5)));
    s.update(Action::Alert(AlertAction::Flush));
    assert_eq!(
        written(&mut s),
        "\u{1b}]777;notify;imbox · support · 3 new alerts;latest: You were mentioned · Wei Chen · hello?\u{1b}\\"
    );
    assert_eq!(s.alerts.delivered, 2);
    // Of one kind, counted by its name; a flush with nothing held sends nothing.
    s.update(Action::Tick(noon() + SignedDuration::from_secs(6)));
    s.raise_alert(trigger("a"));
    s.raise_alert(trigger("b"));
    s.update(Action::Alert(AlertAction::Flush));
    assert!(
        written(&mut s).contains(";imbox · support · 2 new messages;latest: New message from Dana Lee · b")
    );
    s.update(Action::Alert(AlertAction::Flush));
    assert_eq!(s.take_terminal_alert(), None);
    // After a quiet window, the next one goes out at once.
    s.update(Action::Tick(noon() + SignedDuration::from_secs(20)));
    assert!(s.raise_alert(trigger("later")).is_empty());
    assert!(written(&mut s).ends_with(";later\u{1b}\\"));
}

#[test]
fn what_a_window_held_is_dropped_when_the_agent_looks() {
    let mut s = state_with(osc777(), noon());
    s.raise_alert(trigger("first"));
    written(&mut s);
    s.raise_alert(trigger("second"));
    s.update(Action::Alert(AlertAction::TerminalFocus(true)));
    s.update(Action::Alert(AlertAction::TerminalFocus(false)));
    s.update(Action::Alert(AlertAction::Flush));
    assert_eq!(s.take_terminal_alert(), None);
}

#[test]
fn a_desktop_notification_is_a_command_and_its_failure_falls_through() {
    let rules =
        AlertRules { channels: vec![AlertChannel::Desktop, AlertChannel::Bell], ..AlertRules::default() };
    let mut s = state_with(rules, noon());
    let note = AlertNote { title: "imbox · support · New message from Dana Lee".into(), body: "hi".into() };
    assert_eq!(s.raise_alert(trigger("hi")), [Command::Alert(AlertCommand::Desktop(note.clone()))]);
    assert_eq!(s.take_terminal_alert(), None, "nothing in the terminal meanwhile");
    s.update(Action::Alert(AlertAction::DesktopFailed { note, error: "no notification daemon".into() }));
    assert_eq!(s.take_terminal_alert(), Some(vec![0x07]), "the bell instead");
    // From then on the next way is used at once.
    s.update(Action::Tick(noon() + SignedDuration::from_secs(10)));
    assert!(s.raise_alert(trigger("again")).is_empty());
    assert_eq!(s.take_terminal_alert(), Some(vec![0x07]));
}

#[test]
fn hostile_names_and_texts_leave_one_inert_sequence() {
    let mut message = customer_message("\u{1b}]0;pwned\u{7}\u{9d}8bit\u{9c}; rm -rf\u{202e}evil");
    message.sender_name = "\u{1b}[2J\u{1b}\\Mallory;\u{7}".into();
    let event = created(message, Some(ME));
    let mut s = state_with(osc777(), noon());
    s.raise_alert(alert_for_event(&event, Some(ME)).expect("an alert"));
    let out = written(&mut s);
    assert_eq!(out.matches('\u{1b}').count(), 2, "one ESC ] and one ESC \\: {out:?}");
    let inner = out.strip_prefix("\u{1b}]").and_then(|o| o.strip_suffix("\u{1b}\\")).expect("one OSC");
    assert!(!inner.chars().any(|c| c.is_control() || c == '\u{202e}'), "{inner:?}");
    assert_eq!(inner.split(';').count(), 4, "{inner:?}");
    assert!(inner.contains("Mallory") && inner.contains("rm -rf"), "{inner:?}");
}

#[test]
fn a_notification_about_a_message_just_alerted_is_not_told_twice() {
    let rules = AlertRules { any_notification: true, ..osc777() };
    let mut s = state_with(rules, noon());
    s.raise_alert(trigger("hi"));
    assert!(!written(&mut s).is_empty());
    let about = |id: &str| Notification {
        title: "n".into(),
        conversation_id: Some(id.into()),
        ..Notification::default()
    };
    // Chatwoot's notification for the same message, a moment later: dropped.
    assert!(s.raise_alert(AlertTrigger::notification(&about("42"))).is_empty());
    // One about another conversation is news: held for the window's end.
    assert_eq!(s.raise_alert(AlertTrigger::notification(&about("43"))).len(), 1);
    s.update(Action::Alert(AlertAction::Flush));
    assert!(written(&mut s).contains(";imbox · support · n;"));
    // After the window, the same conversation's notification alerts again.
    s.update(Action::Tick(noon() + SignedDuration::from_secs(30)));
    s.raise_alert(AlertTrigger::notification(&about("42")));
    assert!(!written(&mut s).is_empty());
}

#[test]
fn a_notifications_poll_alerts_for_the_unread_ones_it_had_not_seen() {
    let rules = AlertRules { any_notification: true, ..osc777() };
    let mut s = state_with(rules, noon());
    let n = |id: &str, read: bool| Notification {
        id: id.into(),
        title: format!("title {id}"),
        content: format!("content {id}"),
        is_read: read,
        ..Notification::default()
    };
    // The first poll learns what is there: nothing rings for what was unread before.
    assert!(s.alert_new_notifications(&[n("2", false), n("1", false)]).is_empty());
    assert_eq!(s.take_terminal_alert(), None);
    // The next one holds a new unread notification and a new read one: one alert.
    s.alert_new_notifications(&[n("4", true), n("3", false), n("2", false), n("1", false)]);
    assert_eq!(written(&mut s), "\u{1b}]777;notify;imbox · support · title 3;content 3\u{1b}\\");
    // Nothing new: nothing.
    s.update(Action::Tick(noon() + SignedDuration::from_secs(30)));
    s.alert_new_notifications(&[n("4", true), n("3", false)]);
    assert_eq!(s.take_terminal_alert(), None);
    // Two new at once: the older at once, the newer when the window ends.
    assert_eq!(s.alert_new_notifications(&[n("6", false), n("5", false), n("4", true)]).len(), 1);
    assert!(written(&mut s).contains("· title 5;content 5"));
    s.update(Action::Alert(AlertAction::Flush));
    assert!(written(&mut s).contains("· title 6;content 6"));
    // With the rule off (the default), polling rings for none of them.
    let mut off = state_with(osc777(), noon());
    off.alert_new_notifications(&[n("1", false)]);
    off.alert_new_notifications(&[n("2", false), n("1", false)]);
    assert_eq!(off.take_terminal_alert(), None);
}

#[test]
fn a_poll_s_new_messages_alert_for_what_the_customer_wrote() {
    let mut s = state_with(osc777(), noon());
    let mine = Message { sender: Sender::Agent, ..customer_message("my reply") };
    let unnamed = Message { sender_name: String::new(), ..customer_message("are you there?") };
    assert!(s.alert_new_messages(&[mine, unnamed], "Wei Chen").is_empty());
    assert_eq!(
        written(&mut s),
        "\u{1b}]777;notify;imbox · support · New message from Wei Chen;are you there?\u{1b}\\"
    );
    s.update(Action::Tick(noon() + SignedDuration::from_secs(30)));
    let agent_only = Message { sender: Sender::Agent, ..customer_message("x") };
    s.alert_new_messages(&[agent_only], "Wei Chen");
    assert_eq!(s.take_terminal_alert(), None, "an agent's message rings for nobody");
}
