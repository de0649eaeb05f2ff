//! The help overlay at every size: it scrolls (keys, wheel), says when more is above or below,
//! wraps long descriptions instead of cutting them, and the status hints end on a whole hint
//! with `? help` kept. Keys go through the real keymap.

use crate::common::{seed_answer, settle, state};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use imbox::action::Action;
use imbox::keymap;
use imbox::state::State;

const SIZES: [(u16, u16); 3] = [(140, 40), (80, 24), (60, 20)];

fn snap(name: &str, s: &State) {
    let (w, h) = s.size;
    insta::assert_snapshot!(format!("{name}_{w}x{h}"), crate::common::screen(s));
}

fn press(s: &mut State, code: KeyCode) {
    if let Some(a) = keymap::action_for(s, &KeyEvent::new(code, KeyModifiers::NONE)) {
        s.update(a);
    }
}

/// The thread of the seed's first conversation: the pane with the most keys.
fn at_thread(w: u16, h: u16) -> State {
    let mut s = state(w, h);
    let cmds = s.start();
    settle(&mut s, cmds, &seed_answer);
    let cmds = s.update(Action::Open);
    settle(&mut s, cmds, &seed_answer);
    let cmds = s.update(Action::Open);
    settle(&mut s, cmds, &seed_answer);
    s
}

#[test]
fn the_help_scrolls_to_every_line_and_says_what_is_above_and_below() {
    for (w, h) in SIZES {
        let mut s = at_thread(w, h);
        press(&mut s, KeyCode::Char('?'));
        assert!(s.help);
        let page = keymap::help::page(&s);
        assert!(page.width <= w && page.height <= h, "fits {w}x{h}");
        let screen = crate::common::screen(&s);
        if page.max_scroll() > 0 {
            assert!(screen.contains("↓ more"), "{screen}");
        }
        snap("help_thread_top", &s);
        // G: the end, at once; the last line is the mouse note.
        press(&mut s, KeyCode::Char('G'));
        assert_eq!(s.help_scroll, page.max_scroll());
        let screen = crate::common::screen(&s);
        assert!(screen.contains("Mouse: click selects"), "{screen}");
        assert!(!screen.contains("↓ more"), "{screen}");
        snap("help_thread_end", &s);
        // Past the end does not pile up: one k moves one line up at once.
        for _ in 0..5 {
            press(&mut s, KeyCode::Char('j'));
        }
        assert_eq!(s.help_scroll, page.max_scroll());
        press(&mut s, KeyCode::Char('k'));
        assert_eq!(s.help_scroll, page.max_scroll().saturating_sub(1));
        press(&mut s, KeyCode::Char('g'));
        assert_eq!(s.help_scroll, 0);
        // The wheel scrolls it too.
        let wheel = crossterm::event::Event::Mouse(crossterm::event::MouseEvent {
            kind: crossterm::event::MouseEventKind::ScrollDown,
            column: w / 2,
            row: h / 2,
            modifiers: KeyModifiers::NONE,
        });
        if let Some(a) = imbox::app::action_for_event(&s, wheel) {
            s.update(a);
        }
        assert_eq!(s.help_scroll, 3.min(page.max_scroll()), "the wheel scrolls the help at {w}x{h}");
    }
}

#[test]
fn no_description_is_cut_it_wraps_under_its_own_column() {
    for (w, h) in SIZES {
        let mut s = at_thread(w, h);
        press(&mut s, KeyCode::Char('?'));
        let page = keymap::help::page(&s);
        for line in &page.lines {
            let cells = 13 + unicode_width::UnicodeWidthStr::width(line.text.as_str());
            assert!(cells + 2 <= usize::from(page.width), "{line:?} fits in {} at {w}x{h}", page.width);
        }
    }
}

#[test]
fn the_status_hints_end_on_a_whole_hint_and_keep_the_help() {
    for (w, h) in SIZES {
        for focus in
            [imbox::layout::Pane::Contacts, imbox::layout::Pane::Conversations, imbox::layout::Pane::Thread]
        {
            let mut s = at_thread(w, h);
            s.focus = focus;
            let screen = crate::common::screen(&s);
            let status = screen.lines().last().unwrap_or_default().trim_end().to_string();
            assert!(status.contains("? help"), "{w}x{h} {focus:?}: {status}");
            assert!(!status.ends_with("hel") && !status.contains('…'), "{w}x{h} {focus:?}: {status}");
            if focus == imbox::layout::Pane::Thread {
                snap("hints_thread", &s);
            }
            let header = screen.lines().next().unwrap_or_default().to_string();
            // The badge is never cut at the edge: the account's label gives way first.
            assert!(header.trim_end().ends_with("✉ 595 unread"), "{w}x{h}: {header}");
            // The demo's hint whole (either form) or not at all.
            let long = "demo data · connect a real account: IMBOX_TOKEN=… imbox --env prod";
            let short = "real account: imbox --help";
            let whole = header.contains(long) || header.contains(short);
            assert!(
                whole || !(header.contains("demo data") || header.contains("real a")),
                "{w}x{h}: {header}"
            );
        }
    }
}
