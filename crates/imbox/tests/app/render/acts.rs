//! Snapshots of acting on conversations at 140x40 and 80x24: the action menus and pickers (the
//! snooze presets with their times, assign, agents, labels with check marks, priority), the
//! marks and the y/n question of a bulk action, the command line with completion candidates and
//! with an error, and a row and thread header changed at once.

use crate::common::acts::acting_at;
use crate::common::inbox::{Inbox, key, press, type_text};
use crossterm::event::KeyCode;
use imbox::state::State;

const SIZES: [(u16, u16); 2] = [(80, 24), (140, 40)];

fn snap(name: &str, s: &State) {
    let (w, h) = s.size;
    insta::assert_snapshot!(format!("{name}_{w}x{h}"), crate::common::screen(s));
}

fn inbox() -> Inbox {
    let mut inbox = Inbox::new(57, 12, 30);
    inbox.all[1].labels = vec!["billing".into()];
    inbox.all[1].priority = "high".into();
    inbox
}

#[test]
fn menus_and_pickers() {
    let inbox = inbox();
    for (w, h) in SIZES {
        let mut s = acting_at(w, h, &inbox);
        key(&mut s, 'j');
        key(&mut s, 'z');
        snap("acts_snooze_menu", &s);
        press(&mut s, KeyCode::Esc);
        key(&mut s, 'A');
        snap("acts_assign_menu", &s);
        key(&mut s, 'j');
        press(&mut s, KeyCode::Enter);
        snap("acts_agent_picker", &s);
        press(&mut s, KeyCode::Esc);
        key(&mut s, 't');
        key(&mut s, ' ');
        snap("acts_labels_picker", &s);
        press(&mut s, KeyCode::Esc);
        key(&mut s, '!');
        snap("acts_priority_picker", &s);
        press(&mut s, KeyCode::Esc);
        key(&mut s, 'S');
        snap("acts_status_menu", &s);
    }
}

#[test]
fn bulk_marks_the_question_and_rows_changed_at_once() {
    let inbox = inbox();
    for (w, h) in SIZES {
        let mut s = acting_at(w, h, &inbox);
        key(&mut s, ' ');
        key(&mut s, 'j');
        key(&mut s, ' ');
        key(&mut s, 'x');
        snap("acts_bulk_question", &s);
        key(&mut s, 'y');
        snap("acts_bulk_sent", &s);
    }
}

#[test]
fn the_command_line() {
    let inbox = inbox();
    for (w, h) in SIZES {
        let mut s = acting_at(w, h, &inbox);
        key(&mut s, ':');
        type_text(&mut s, "assign ");
        press(&mut s, KeyCode::Tab);
        snap("acts_cmdline_completion", &s);
        press(&mut s, KeyCode::Esc);
        key(&mut s, ':');
        type_text(&mut s, "snooze someday");
        press(&mut s, KeyCode::Enter);
        snap("acts_cmdline_error", &s);
    }
}

#[test]
fn the_help_lists_the_action_keys_and_scrolls_when_taller_than_the_terminal() {
    let inbox = inbox();
    for (w, h) in SIZES {
        let mut s = acting_at(w, h, &inbox);
        key(&mut s, '?');
        for _ in 0..40 {
            key(&mut s, 'j');
        }
        let screen = crate::common::screen(&s);
        assert!(screen.contains("C-z        suspend"), "scrolled to the end: {screen}");
        snap("acts_help_scrolled_to_the_end", &s);
    }
}
