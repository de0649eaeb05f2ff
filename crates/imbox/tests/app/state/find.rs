//! `/` in the thread: finding text in the loaded messages from the bottom of the view towards
//! older ones, `n`/`N` between matches, smart case, older pages loaded while a find goes on,
//! the view given back when nothing matches, `Esc`, and the matches highlighted on screen.

use crate::common::inbox::{key, press, type_text};
use crate::common::{now, seed_answer, settle, state};
use crossterm::event::KeyCode;
use imbox::action::Action;
use imbox::command::Command;
use imbox::state::State;
use imbox_model::{Message, MessageBody, Page, Sender};
use jiff::SignedDuration;

/// Messages `first..first+texts.len()` with these texts, oldest first in `texts`, as a page
/// (newest first) of a thread of `total` messages.
fn page(first: usize, texts: &[&str], total: u64) -> Page<Message> {
    let mut items: Vec<Message> = texts
        .iter()
        .enumerate()
        .map(|(k, t)| {
            let i = first + k;
            Message {
                id: format!("m{i}"),
                conversation_id: "conv_1".into(),
                sender: if i.is_multiple_of(2) { Sender::Contact } else { Sender::Agent },
                created_at: Some(now() - SignedDuration::from_mins(1000 - i as i64)),
                body: MessageBody::Text { text: (*t).to_string(), is_mail: false },
                ..Message::default()
            }
        })
        .collect();
    items.reverse();
    // Older messages remain when this page does not start at the first one.
    Page { items, total, has_more: first > 0 }
}

/// The thread of conversation `conv_1` open and focused at 140x40, its newest page answered
/// with `newest` (the last `newest.len()` messages of `total`).
fn thread(newest: &[&str], total: u64) -> State {
    let mut s = state(140, 40);
    let cmds = s.start();
    settle(&mut s, cmds, &seed_answer);
    let cmds = s.update(Action::OpenConversation("conv_1".into()));
    let req = messages_asked(&cmds, 0).expect("the newest page is asked for");
    let first = total as usize - newest.len();
    s.update(Action::MessagesLoaded { req, skip: 0, result: Ok(page(first, newest, total)) });
    assert_eq!(s.focus, imbox::layout::Pane::Thread);
    s
}

/// The request among `cmds` for the page of messages `skip` from the newest.
fn messages_asked(cmds: &[Command], skip: u64) -> Option<u64> {
    cmds.iter().find_map(|c| match c {
        Command::LoadMessages { req, skip: s, .. } if *s == skip => Some(*req),
        _ => None,
    })
}

fn find(s: &mut State, query: &str) -> Vec<Command> {
    key(s, '/');
    type_text(s, query);
    press(s, KeyCode::Enter)
}

fn current(s: &State) -> Option<String> {
    s.thread.find.as_ref().and_then(|f| f.current.clone())
}

fn note(s: &State) -> String {
    s.thread.find.as_ref().map(|f| f.note.clone()).unwrap_or_default()
}

fn status_line(s: &State) -> String {
    crate::common::screen(s).lines().last().unwrap_or_default().to_string()
}

const TEN: [&str; 10] = [
    "I asked for a refund",
    "ok",
    "anything else?",
    "no",
    "fine",
    "where is my Refund?",
    "checking",
    "sorry",
    "thanks",
    "bye",
];

#[test]
fn enter_finds_the_nearest_match_above_the_view_and_n_and_shift_n_walk_the_matches() {
    let mut s = thread(&TEN, 10);
    find(&mut s, "refund");
    assert_eq!(current(&s).as_deref(), Some("m5"), "the newest match, from the bottom of the view");
    assert_eq!(note(&s), "1 of 2 (newest first)");
    let line = status_line(&s);
    assert!(line.contains("/refund · 1 of 2 (newest first) · n older · N newer · Esc done"), "{line}");
    key(&mut s, 'n');
    assert_eq!((current(&s).as_deref(), note(&s).as_str()), (Some("m0"), "2 of 2 (newest first)"));
    key(&mut s, 'n');
    assert_eq!(current(&s).as_deref(), Some("m0"), "it stays on the last match");
    assert_eq!(note(&s), "no older match: this is the oldest message");
    key(&mut s, 'N');
    assert_eq!(current(&s).as_deref(), Some("m5"));
    key(&mut s, 'N');
    assert_eq!(note(&s), "no newer match");
    // Esc ends it: n is the notification centre's again.
    press(&mut s, KeyCode::Esc);
    assert!(s.thread.find.is_none());
    key(&mut s, 'n');
    assert!(s.notifications.open, "n opens the notification centre once the find is done");
}

#[test]
fn a_query_with_a_capital_matches_its_case_only_and_the_line_edits_like_every_line() {
    let mut s = thread(&TEN, 10);
    find(&mut s, "Refund");
    assert_eq!(current(&s).as_deref(), Some("m5"));
    key(&mut s, 'n');
    assert_eq!(note(&s), "no older match: this is the oldest message", "“refund” is not “Refund”");
    // `/` again holds the last query; C-w and typing change it; Esc leaves the line, not the find.
    key(&mut s, '/');
    assert_eq!(s.thread.find.as_ref().map(|f| f.line.text().to_string()).as_deref(), Some("Refund"));
    let screen = crate::common::screen(&s);
    assert!(screen.lines().last().is_some_and(|l| l.starts_with("/Refund")), "{screen}");
    s.update(Action::Find(imbox::action::FindAction::Edit(imbox::action::LineEdit::DeleteWord)));
    type_text(&mut s, "zzz");
    press(&mut s, KeyCode::Esc);
    assert!(s.find_active(), "Esc on the line goes back to the find under way");
    assert_eq!(s.thread.find.as_ref().map(|f| f.query.as_str()), Some("Refund"));
    key(&mut s, '/');
    s.update(Action::Find(imbox::action::FindAction::Edit(imbox::action::LineEdit::ClearLine)));
    press(&mut s, KeyCode::Enter);
    assert!(s.thread.find.is_none(), "an empty query ends the find");
}

#[test]
fn a_match_not_loaded_yet_is_found_in_the_older_pages_the_find_asks_for() {
    // 60 messages, the newest 30 loaded (taller than the pane, so nothing older is asked for
    // yet): the match is in the page before.
    let mut s = thread(&["nothing here"; 30], 60);
    let cmds = find(&mut s, "invoice");
    let older = messages_asked(&cmds, 30)
        .unwrap_or_else(|| panic!("the page before the oldest loaded is asked for: {cmds:?}"));
    assert_eq!(note(&s), "searching older messages… (30 loaded)");
    let mut texts = vec!["hello"; 30];
    texts[4] = "here is the invoice";
    s.update(Action::MessagesLoaded { req: older, skip: 30, result: Ok(page(0, &texts, 60)) });
    assert_eq!(current(&s).as_deref(), Some("m4"));
    assert_eq!(note(&s), "1 of 1 (newest first)");
    // On screen, highlighted as the current match.
    let cells = found_cells(&s);
    assert_eq!(cells.current, "invoice", "{cells:?}");
}

#[test]
fn a_find_that_matches_nothing_anywhere_gives_the_view_back() {
    let mut s = thread(&["a"; 30], 40);
    assert!(s.thread.at_newest());
    let cmds = find(&mut s, "zebra");
    let older = messages_asked(&cmds, 30).expect("an older page");
    assert!(!s.thread.at_newest(), "it went up to load");
    s.update(Action::MessagesLoaded { req: older, skip: 30, result: Ok(page(0, &["k"; 10], 40)) });
    assert_eq!(note(&s), "not found in the 40 messages");
    assert!(s.thread.at_newest(), "back where the agent was reading");
}

/// What the screen highlights as matches: the text of the current match's cells and of the
/// others'.
#[derive(Debug, Default)]
struct Found {
    current: String,
    others: String,
}

fn found_cells(s: &State) -> Found {
    let backend = ratatui::backend::TestBackend::new(s.size.0, s.size.1);
    let mut terminal = ratatui::Terminal::new(backend).expect("terminal");
    terminal.draw(|f| imbox::ui::draw(s, f)).expect("draw");
    let buffer = terminal.backend().buffer().clone();
    let (cur, other) = (imbox::layout::theme::found_current(), imbox::layout::theme::found());
    let mut out = Found::default();
    // The thread's rows: not the header (its DEMO marker) nor the status line.
    let rows = 1..buffer.area.height - 1;
    let cells = rows.flat_map(|y| (0..buffer.area.width).map(move |x| (x, y)));
    for cell in cells.map(|at| &buffer[at]) {
        if cell.bg == cur.bg.unwrap_or_default() && cell.fg == cur.fg.unwrap_or_default() {
            out.current.push_str(cell.symbol());
        } else if cell.bg == other.bg.unwrap_or_default() && cell.fg == other.fg.unwrap_or_default() {
            out.others.push_str(cell.symbol());
        }
    }
    out
}

#[test]
fn every_match_on_screen_is_highlighted_and_the_current_one_stands_out() {
    let mut s = thread(&TEN, 10);
    find(&mut s, "refund");
    let cells = found_cells(&s);
    assert_eq!(cells.current, "Refund", "{cells:?}");
    assert_eq!(cells.others, "refund", "{cells:?}");
    press(&mut s, KeyCode::Esc);
    let cells = found_cells(&s);
    assert!(cells.current.is_empty() && cells.others.is_empty(), "Esc takes the highlights away");
}
