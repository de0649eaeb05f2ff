//! Acting on conversations: each action is optimistic, sends one request, rolls back with the
//! reason when refused and reloads the view and counts when accepted; bulk marks and the y/n
//! question; the menus; the `:` command line (parsing, completion, history); keys and commands
//! send the same actions.

use crate::common::acts::{acting, agents, answer};
use crate::common::inbox::{Inbox, key, pages, press, started, type_text};
use crate::common::settle;
use crossterm::event::KeyCode;
use imbox::action::{ActAction as A, Action, CmdLineAction as C, InboxAction};
use imbox::command::{ActCommand as AC, Command};
use imbox::layout::Pane;
use imbox::state::State;
use imbox::state::acts::cmdline;
use imbox_api::ApiError;
use imbox_model::{ConversationAction as CA, ConversationStatus, InboxView, Priority};
use jiff::SignedDuration;

/// The one request acting on conversations among `cmds`: (request, ids, action).
fn sent(cmds: &[Command]) -> (u64, Vec<String>, CA) {
    let acts: Vec<_> = cmds
        .iter()
        .filter_map(|c| match c {
            Command::Act(AC::One { req, conversation_id, action }) => {
                Some((*req, vec![conversation_id.clone()], action.clone()))
            }
            Command::Act(AC::Bulk { req, ids, action }) => Some((*req, ids.clone(), action.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(acts.len(), 1, "one request: {cmds:?}");
    acts[0].clone()
}

fn done(s: &mut State, req: u64, result: Result<(), ApiError>) -> Vec<Command> {
    s.update(Action::Act(A::Done { req, result }))
}

fn refused() -> ApiError {
    ApiError::BadRequest {
        endpoint: "POST /conversations/{id}/toggle_status",
        status: 422,
        message: "Conversation is locked".into(),
    }
}

fn row(s: &State, i: usize) -> imbox_model::Conversation {
    s.inbox.active().get(i).cloned().expect("row loaded")
}

fn resolved() -> CA {
    CA::Status { status: ConversationStatus::Resolved, snoozed_until: None }
}

#[test]
fn resolve_shows_at_once_reloads_the_view_and_the_row_leaves_with_the_count() {
    let mut inbox = Inbox::new(57, 12, 30);
    let mut s = acting(&inbox);
    let cmds = key(&mut s, 'x');
    let (req, ids, action) = sent(&cmds);
    assert_eq!((ids, action), (vec!["1000".to_string()], resolved()));
    assert_eq!(row(&s, 0).status, "resolved", "optimistic");
    let screen = crate::common::screen(&s);
    assert!(screen.contains("Me Agent · Website · resolved"), "{screen}");
    // The server agrees; the conversation leaves the open view.
    inbox.all.remove(0);
    inbox.mine -= 1;
    let cmds = done(&mut s, req, Ok(()));
    assert_eq!(s.notice.as_deref(), Some("✔ resolved #1000"));
    assert_eq!(pages(&cmds), vec![(InboxView::Mine, 1)], "the page in view is asked again");
    settle(&mut s, cmds, &|c| answer(&inbox, c));
    assert_eq!(row(&s, 0).id, "1001");
    assert_eq!(s.inbox.counts.map(|c| c.mine), Some(11));
    assert!(crate::common::screen(&s).contains("[Mine 11]"));
}

#[test]
fn a_refusal_puts_the_row_back_and_says_why() {
    let inbox = Inbox::new(57, 12, 30);
    let mut s = acting(&inbox);
    let (req, _, _) = sent(&key(&mut s, 'x'));
    let cmds = done(&mut s, req, Err(refused()));
    assert!(pages(&cmds).is_empty(), "nothing to reload");
    assert_eq!(row(&s, 0).status, "open", "rolled back");
    let err = s.last_error.clone().unwrap_or_default();
    assert!(err.starts_with("could not resolve #1000: "), "{err}");
    assert!(err.contains("Conversation is locked"), "{err}");
    let screen = crate::common::screen(&s);
    assert!(screen.contains("✖ could not resolve #1000"), "{screen}");
    // A late answer for the same request changes nothing.
    done(&mut s, req, Ok(()));
    assert_eq!(s.notice, None);
}

#[test]
fn a_refusal_rolls_back_only_what_it_changed_not_a_later_action_on_the_same_row() {
    let inbox = Inbox::new(57, 12, 30);
    let mut s = acting(&inbox);
    let before = row(&s, 0);
    let (urgent, _, _) = sent(&run(&mut s, "priority urgent"));
    let (resolve, _, _) = sent(&key(&mut s, 'x'));
    assert_eq!((row(&s, 0).priority.as_str(), row(&s, 0).status.as_str()), ("urgent", "resolved"));
    // The priority is refused while the resolve is still out: only the priority goes back.
    done(&mut s, urgent, Err(refused()));
    assert_eq!(row(&s, 0).priority, before.priority, "its own change rolled back");
    assert_eq!(row(&s, 0).status, "resolved", "the resolve still in flight keeps showing");
    done(&mut s, resolve, Ok(()));
    assert_eq!(row(&s, 0).status, "resolved");
    // The same field twice: the first refused after the second was made keeps the second.
    let (high, _, _) = sent(&run(&mut s, "priority high"));
    let (low, _, _) = sent(&run(&mut s, "priority low"));
    done(&mut s, high, Err(refused()));
    assert_eq!(row(&s, 0).priority, "low", "the newer choice stays");
    done(&mut s, low, Err(refused()));
    assert_eq!(row(&s, 0).priority, before.priority, "both refused: the server's value, not “high”");
}

#[test]
fn x_reopens_a_resolved_conversation() {
    let mut inbox = Inbox::new(10, 5, 3);
    inbox.all[0].status = "resolved".into();
    let mut s = acting(&inbox);
    let (_, _, action) = sent(&key(&mut s, 'x'));
    assert_eq!(action, CA::Status { status: ConversationStatus::Open, snoozed_until: None });
}

#[test]
fn snooze_presets_from_the_menu_and_a_typed_time_from_the_command_line() {
    let inbox = Inbox::new(10, 5, 3);
    let mut s = acting(&inbox);
    key(&mut s, 'z');
    let items: Vec<String> = s.menu_items().iter().map(|i| format!("{} {}", i.label, i.detail)).collect();
    assert_eq!(
        items[..4],
        [
            "1h until 13:00",
            "tomorrow 9:00 until tomorrow 09:00",
            "mon 9:00 until tomorrow 09:00",
            "reply until the customer replies",
        ]
        .map(String::from),
        "now is Sunday {}",
        crate::common::now()
    );
    let (_, _, action) = sent(&press(&mut s, KeyCode::Enter));
    let hour = crate::common::now() + SignedDuration::from_hours(1);
    assert_eq!(action, CA::Status { status: ConversationStatus::Snoozed, snoozed_until: Some(hour) });
    assert_eq!(row(&s, 0).snoozed_until, Some(hour));
    assert!(s.acts.menu.is_none());
    // Until the customer replies: no time.
    key(&mut s, 'j');
    key(&mut s, 'z');
    for _ in 0..3 {
        key(&mut s, 'j');
    }
    let (_, ids, action) = sent(&press(&mut s, KeyCode::Enter));
    assert_eq!(ids, ["1001"]);
    assert_eq!(action, CA::Status { status: ConversationStatus::Snoozed, snoozed_until: None });
    // A typed time.
    key(&mut s, ':');
    type_text(&mut s, "snooze 2026-12-24 10:30");
    let (_, _, action) = sent(&press(&mut s, KeyCode::Enter));
    let at: jiff::Timestamp = "2026-12-24T10:30:00Z".parse().unwrap();
    assert_eq!(action, CA::Status { status: ConversationStatus::Snoozed, snoozed_until: Some(at) });
    // A bad one keeps the line open with the reason and sends nothing.
    key(&mut s, ':');
    type_text(&mut s, "snooze someday");
    assert!(press(&mut s, KeyCode::Enter).iter().all(|c| !matches!(c, Command::Act(_))));
    let error = s.acts.cmdline.as_ref().and_then(|c| c.error.clone()).unwrap_or_default();
    assert!(error.contains(":snooze cannot read “someday”"), "{error}");
}

#[test]
fn assign_to_me_an_agent_a_team_and_unassign() {
    let inbox = Inbox::new(57, 12, 30);
    let mut s = acting(&inbox);
    let cmds = s.update(Action::Inbox(InboxAction::SetView(InboxView::Unassigned)));
    settle(&mut s, cmds, &|c| answer(&inbox, c));
    let (req, ids, action) = sent(&key(&mut s, 'm'));
    assert_eq!((ids, action), (vec!["1012".to_string()], CA::AssignAgent(Some(1))));
    assert_eq!(row(&s, 0).assignee, "Me Agent");
    let cmds = done(&mut s, req, Ok(()));
    assert_eq!(s.notice.as_deref(), Some("✔ assigned #1012 to Me Agent"));
    assert_eq!(pages(&cmds), vec![(InboxView::Unassigned, 1)], "the view and its counts reload");
    // The assign menu: agent… then the second agent.
    key(&mut s, 'j');
    key(&mut s, 'A');
    key(&mut s, 'j');
    press(&mut s, KeyCode::Enter);
    let names: Vec<String> = s.menu_items().iter().map(|i| i.label.clone()).collect();
    assert_eq!(names, ["Me Agent", "Dana Levi", "Lee Chen"]);
    key(&mut s, 'j');
    let (_, _, action) = sent(&press(&mut s, KeyCode::Enter));
    assert_eq!(action, CA::AssignAgent(Some(2)));
    assert_eq!(row(&s, 1).assignee, "Dana Levi");
    // A team, by the command line, and unassign.
    let (_, _, action) = sent(&run(&mut s, "assign team sales"));
    assert_eq!(action, CA::AssignTeam(Some(7)));
    assert_eq!(row(&s, 1).teams, ["sales"]);
    let (_, _, action) = sent(&run(&mut s, "unassign"));
    assert_eq!(action, CA::AssignAgent(None));
    assert_eq!(row(&s, 1).assignee, "");
}

#[test]
fn assign_to_me_loads_the_profile_first_when_it_is_not_known() {
    let inbox = Inbox::new(10, 5, 3);
    let mut s = crate::common::inbox::state(140, 40);
    s.account.capabilities.conversation_actions = true;
    let cmds = s.start();
    // Everything but the profile is answered.
    let left = settle(&mut s, cmds, &|c| match c {
        Command::Act(AC::LoadProfile { .. }) => None,
        c => answer(&inbox, c),
    });
    let Some(Command::Act(AC::LoadProfile { req })) = left.first().cloned() else { panic!("{left:?}") };
    s.update(Action::Act(A::ProfileLoaded { req, result: Err(refused()) }));
    assert_eq!(s.last_error, None, "nobody asked yet");
    let cmds = key(&mut s, 'm');
    let Some(Command::Act(AC::LoadProfile { req })) = cmds.first().cloned() else { panic!("{cmds:?}") };
    assert!(!cmds.iter().any(|c| matches!(c, Command::Act(AC::One { .. }))), "not before knowing who");
    let cmds = s.update(Action::Act(A::ProfileLoaded { req, result: Ok(agents()[0].clone()) }));
    assert_eq!(sent(&cmds).2, CA::AssignAgent(Some(1)));
}

/// Runs `line` on the command line; returns the commands.
fn run(s: &mut State, line: &str) -> Vec<Command> {
    key(s, ':');
    type_text(s, line);
    press(s, KeyCode::Enter)
}

#[test]
fn the_labels_picker_starts_from_the_conversation_s_labels_and_saves_the_set() {
    let mut inbox = Inbox::new(10, 5, 3);
    inbox.all[0].labels = vec!["billing".into()];
    let mut s = acting(&inbox);
    key(&mut s, 't');
    let checked: Vec<(String, bool)> = s.menu_items().iter().map(|i| (i.label.clone(), i.checked)).collect();
    assert_eq!(checked, [("vip".to_string(), false), ("billing".to_string(), true)]);
    key(&mut s, ' '); // vip on
    key(&mut s, 'j');
    key(&mut s, ' '); // billing off
    let (req, _, action) = sent(&press(&mut s, KeyCode::Enter));
    assert_eq!(action, CA::SetLabels(vec!["vip".into()]));
    assert_eq!(row(&s, 0).labels, ["vip"]);
    done(&mut s, req, Err(refused()));
    assert_eq!(row(&s, 0).labels, ["billing"], "rolled back");
    // `:label +vip -billing` on one known conversation is the same whole set.
    let (_, _, action) = sent(&run(&mut s, "label +vip -billing"));
    assert_eq!(action, CA::SetLabels(vec!["vip".into()]));
    assert!(run(&mut s, "label +nosuch").iter().all(|c| !matches!(c, Command::Act(_))));
    let error = s.acts.cmdline.as_ref().and_then(|c| c.error.clone()).unwrap_or_default();
    assert_eq!(error, ":label no label called “nosuch” in this account");
}

#[test]
fn priority_and_unread() {
    let inbox = Inbox::new(10, 5, 3);
    let mut s = acting(&inbox);
    key(&mut s, '!');
    let labels: Vec<String> = s.menu_items().iter().map(|i| i.label.clone()).collect();
    assert_eq!(labels, ["none", "low", "medium", "high", "urgent"]);
    key(&mut s, 'j');
    key(&mut s, 'j');
    let (_, _, action) = sent(&press(&mut s, KeyCode::Enter));
    assert_eq!(action, CA::Priority(Some(Priority::Medium)));
    assert!(crate::common::screen(&s).contains("! medium"));
    let (_, _, action) = sent(&run(&mut s, "priority none"));
    assert_eq!(action, CA::Priority(None));
    assert_eq!(row(&s, 0).priority, "");
    let (_, _, action) = sent(&key(&mut s, 'U'));
    assert_eq!(action, CA::MarkUnread);
    assert!(row(&s, 0).unread_count >= 1);
}

#[test]
fn bulk_marks_ask_first_then_send_one_request() {
    let inbox = Inbox::new(57, 12, 30);
    let mut s = acting(&inbox);
    key(&mut s, ' ');
    key(&mut s, ' ');
    assert_eq!(s.acts.marked, ["1000", "1001"]);
    key(&mut s, 'j');
    key(&mut s, 'j');
    key(&mut s, 'V');
    assert_eq!(s.acts.marked, ["1000", "1001", "1002", "1003", "1004"], "V marks from the last mark to here");
    key(&mut s, ' ');
    key(&mut s, 'k');
    key(&mut s, 'k');
    key(&mut s, ' ');
    assert_eq!(s.acts.marked, ["1000", "1001", "1002"], "Space unmarks");
    assert!(crate::common::screen(&s).contains("✓ 3 marked"));
    // The question first; no means nothing is sent.
    assert!(key(&mut s, 'x').is_empty());
    assert_eq!(s.acts.confirm.as_ref().map(|c| c.question.as_str()), Some("resolve 3 conversations?"));
    assert!(crate::common::screen(&s).contains("resolve 3 conversations? y/n"));
    assert!(key(&mut s, 'n').is_empty());
    assert!(s.acts.confirm.is_none());
    key(&mut s, 'x');
    let cmds = key(&mut s, 'y');
    let (req, ids, action) = sent(&cmds);
    assert_eq!(ids, ["1000", "1001", "1002"]);
    assert_eq!(action, resolved());
    assert!(s.acts.marked.is_empty(), "marks are used up");
    assert!((0..3).all(|i| row(&s, i).status == "resolved"), "optimistic for each");
    let cmds = done(&mut s, req, Ok(()));
    assert_eq!(s.notice.as_deref(), Some("✔ resolved 3 conversations"));
    assert_eq!(pages(&cmds), vec![(InboxView::Mine, 1)]);
    assert!(
        cmds.iter().any(|c| matches!(c, Command::Schedule { action, .. } if **action == Action::Inbox(InboxAction::Reload))),
        "asked again once the server has applied it: {cmds:?}"
    );
    // `a` marks every loaded row; again, none. Priority cannot go in bulk.
    key(&mut s, 'a');
    assert_eq!(s.acts.marked.len(), 12);
    assert!(run(&mut s, "priority high").iter().all(|c| !matches!(c, Command::Act(_))));
    assert!(s.notice.as_deref().unwrap_or("").contains("one conversation at a time"), "{:?}", s.notice);
    // The picker does not open for marked rows either: it says so first.
    key(&mut s, '!');
    assert!(s.acts.menu.is_none());
    assert!(s.notice.as_deref().unwrap_or("").contains("set the priority: one conversation at a time"));
    key(&mut s, 'a');
    assert!(s.acts.marked.is_empty());
    // Esc drops the marks (the search stays).
    key(&mut s, ' ');
    s.inbox.q = "refund".into();
    press(&mut s, KeyCode::Esc);
    assert!(s.acts.marked.is_empty());
    assert_eq!(s.inbox.q, "refund");
    // Marks belong to the view they were made in.
    key(&mut s, ' ');
    key(&mut s, '3');
    assert!(s.acts.marked.is_empty(), "another view, other rows");
}

#[test]
fn a_refused_bulk_action_puts_every_row_back() {
    let inbox = Inbox::new(57, 12, 30);
    let mut s = acting(&inbox);
    key(&mut s, 'a');
    let cmds = run(&mut s, "assign Dana");
    assert!(cmds.is_empty());
    let (req, ids, action) = sent(&key(&mut s, 'y'));
    assert_eq!((ids.len(), action), (12, CA::AssignAgent(Some(2))));
    assert!((0..12).all(|i| row(&s, i).assignee == "Dana Levi"));
    done(&mut s, req, Err(refused()));
    assert!((0..12).all(|i| row(&s, i).assignee == "Me Agent"));
    assert!(
        s.last_error.as_deref().unwrap_or("").starts_with("could not assign 12 conversations to Dana Levi")
    );
}

#[test]
fn in_the_thread_the_open_conversation_is_the_one_acted_on() {
    let inbox = Inbox::new(10, 5, 3);
    let mut s = acting(&inbox);
    key(&mut s, 'j');
    press(&mut s, KeyCode::Enter);
    assert_eq!(s.focus, Pane::Thread);
    key(&mut s, 'k'); // scrolls the thread, not the inbox
    let (_, ids, _) = sent(&key(&mut s, 'x'));
    assert_eq!(ids, ["1001"]);
    let screen = crate::common::screen(&s);
    assert!(
        screen.contains("Omar Haddad #1001 · resolved · Me Agent"),
        "the thread header shows it: {screen}"
    );
}

#[test]
fn on_an_account_without_actions_the_keys_say_so() {
    // The inbox account of these tests without the capability (as Chatwoot before it had it).
    let inbox = Inbox::new(10, 5, 3);
    let mut s = started(140, 40, &inbox);
    assert!(key(&mut s, 'x').iter().all(|c| !matches!(c, Command::Act(_))));
    assert_eq!(s.notice.as_deref(), Some("ⓘ conversation actions: not available on Chatwoot"));
    assert!(run(&mut s, "resolve").iter().all(|c| !matches!(c, Command::Act(_))));
}

#[test]
fn each_command_sends_the_action_its_key_sends() {
    let inbox = Inbox::new(10, 5, 3);
    let s = acting(&inbox);
    let key_action = |c: char| {
        let ev = crossterm::event::KeyEvent::new(KeyCode::Char(c), crossterm::event::KeyModifiers::NONE);
        imbox::keymap::action_for(&s, &ev).expect("bound")
    };
    for (line, k) in [
        ("snooze", 'z'),
        ("assign", 'A'),
        ("assign me", 'm'),
        ("label", 't'),
        ("priority", '!'),
        ("unread", 'U'),
        ("notifications", 'n'),
        ("filter", 'f'),
        ("refresh", 'R'),
        ("help", '?'),
        ("quit", 'q'),
    ] {
        assert_eq!(cmdline::parse(&s, line), Ok(key_action(k)), ":{line} and {k}");
    }
    assert_eq!(cmdline::parse(&s, "view unassigned"), Ok(key_action('2')));
    assert_eq!(cmdline::parse(&s, "q"), Ok(Action::Quit));
    assert_eq!(cmdline::parse(&s, "res"), Ok(Action::Act(A::Resolve)), "a unique prefix");
    assert_eq!(
        cmdline::parse(&s, "status resolved"),
        Ok(Action::Inbox(InboxAction::SetStatus(imbox_model::StatusFilter::Resolved)))
    );
    assert_eq!(
        cmdline::parse(&s, "search refund please"),
        Ok(Action::Inbox(InboxAction::SetQuery("refund please".into())))
    );
    assert_eq!(
        cmdline::parse(&s, "re").unwrap_err(),
        ":re is ambiguous: resolve, reopen, reply, retry, refresh"
    );
    assert_eq!(cmdline::parse(&s, "frob").unwrap_err(), "unknown command :frob (Tab lists them)");
    assert_eq!(cmdline::parse(&s, "resolve now").unwrap_err(), ":resolve takes no argument (got “now”)");
    assert_eq!(
        cmdline::parse(&s, "priority huge").unwrap_err(),
        ":priority “huge” is not a priority: none low medium high urgent"
    );
    assert_eq!(cmdline::parse(&s, "assign Nobody").unwrap_err(), ":assign no agent called “Nobody”");
    assert_eq!(
        cmdline::parse(&s, "assign e").unwrap_err(),
        ":assign “e” could be Me Agent, Dana Levi, Lee Chen"
    );
    assert_eq!(cmdline::parse(&s, "assign lee"), Ok(Action::Act(A::AssignAgent(3))), "case does not matter");
    assert_eq!(
        cmdline::parse(&s, "view nowhere").unwrap_err(),
        ":view “nowhere” is not a view: mine unassigned all"
    );
}

#[test]
fn tab_completes_names_then_arguments_and_cycles() {
    let inbox = Inbox::new(10, 5, 3);
    let mut s = acting(&inbox);
    let line = |s: &State| s.acts.cmdline.as_ref().map(|c| c.line.text().to_string()).unwrap_or_default();
    key(&mut s, ':');
    type_text(&mut s, "una");
    press(&mut s, KeyCode::Tab);
    assert_eq!(line(&s), "unassign ", "one candidate: completed with a space");
    press(&mut s, KeyCode::Esc);
    key(&mut s, ':');
    type_text(&mut s, "prio");
    press(&mut s, KeyCode::Tab);
    assert_eq!(line(&s), "priority ");
    press(&mut s, KeyCode::Tab);
    assert_eq!(line(&s), "priority none", "Tab again goes on to the arguments");
    press(&mut s, KeyCode::Esc);
    key(&mut s, ':');
    type_text(&mut s, "re");
    press(&mut s, KeyCode::Tab);
    assert_eq!(line(&s), "resolve");
    press(&mut s, KeyCode::Tab);
    assert_eq!(line(&s), "reopen");
    press(&mut s, KeyCode::BackTab);
    assert_eq!(line(&s), "resolve");
    let screen = crate::common::screen(&s);
    assert!(screen.contains(":resolve  resolve  reopen  reply  retry  refresh"), "{screen}");
    press(&mut s, KeyCode::Esc);
    for (typed, want) in [
        ("assign Da", "assign Dana Levi "),
        ("assign team s", "assign team sales "),
        ("label +vip -bi", "label +vip -billing "),
        ("priority ur", "priority urgent "),
        ("view un", "view unassigned "),
        ("snooze rep", "snooze reply "),
        ("snooze tom", "snooze tomorrow 9:00"),
    ] {
        key(&mut s, ':');
        type_text(&mut s, typed);
        press(&mut s, KeyCode::Tab);
        assert_eq!(line(&s), want, "{typed}");
        press(&mut s, KeyCode::Esc);
    }
    key(&mut s, ':');
    type_text(&mut s, "quit x");
    press(&mut s, KeyCode::Tab);
    assert_eq!(s.acts.cmdline.as_ref().and_then(|c| c.error.clone()).as_deref(), Some("nothing to complete"));
}

#[test]
fn history_walks_back_and_forth_and_keeps_what_was_typed() {
    let inbox = Inbox::new(10, 5, 3);
    let mut s = acting(&inbox);
    run(&mut s, "view all");
    assert_eq!(s.inbox.view, InboxView::All);
    run(&mut s, "priority high");
    run(&mut s, "priority high");
    assert_eq!(s.acts.history, ["view all", "priority high"], "a repeat is kept once");
    let line = |s: &State| s.acts.cmdline.as_ref().map(|c| c.line.text().to_string()).unwrap_or_default();
    key(&mut s, ':');
    type_text(&mut s, "ass");
    press(&mut s, KeyCode::Up);
    assert_eq!(line(&s), "priority high");
    press(&mut s, KeyCode::Up);
    assert_eq!(line(&s), "view all");
    press(&mut s, KeyCode::Up);
    assert_eq!(line(&s), "view all", "the oldest stays");
    press(&mut s, KeyCode::Down);
    press(&mut s, KeyCode::Down);
    assert_eq!(line(&s), "ass", "back to what was typed");
    // Backspace on an empty line closes it; the keys are typed, not bound, while it is open.
    s.update(Action::CmdLine(C::Edit(imbox::action::LineEdit::ClearLine)));
    press(&mut s, KeyCode::Backspace);
    assert!(s.acts.cmdline.is_none());
    run(&mut s, "quit");
    assert!(s.quit);
}

#[test]
fn the_config_file_names_the_new_keys_and_the_snooze_presets() {
    let text = r#"
[keys]
"act.toggle_resolved" = "e"
"cmd_line.open" = [":", ";"]
"act.menu_move.1" = "ctrl-n"
[snooze]
presets = ["2h", "fri 9:00", "reply"]
"#;
    let config = imbox::config::Config::parse(text, std::path::Path::new("config.toml")).expect("valid");
    assert_eq!(config.snooze.presets, ["2h", "fri 9:00", "reply"]);
    let o =
        imbox::keymap::overrides::Overrides::from_config(&config.keys, imbox::keymap::all()).expect("known");
    // Every pane's `x` binding takes the new key.
    let resolve: Vec<_> = imbox::keymap::all()
        .filter(|b| b.action == Action::Act(A::ToggleResolved))
        .map(|b| o.keys_of(b).iter().map(imbox::keymap::overrides::key_label).collect::<Vec<_>>())
        .collect();
    assert_eq!(resolve, vec![vec!["e".to_string()]; 3], "inbox, conversations, thread");
    let mut keys = config.keys.clone();
    keys.insert("act.frobnicate".into(), imbox::config::KeySpec::One("x".into()));
    assert!(imbox::keymap::overrides::Overrides::from_config(&keys, imbox::keymap::all()).is_err());
    // The presets are what the snooze menu offers.
    let inbox = Inbox::new(10, 5, 3);
    let mut s = acting(&inbox);
    s.acts.snooze_presets = config.snooze.presets.clone();
    key(&mut s, 'z');
    let items: Vec<String> = s.menu_items().iter().map(|i| format!("{} {}", i.label, i.detail)).collect();
    assert_eq!(
        items,
        [
            "2h until 14:00",
            "fri 9:00 until Fri 09:00",
            "reply until the customer replies",
            "other… type a time: 2h, fri 9:00, 2026-12-24 10:30"
        ]
    );
}
