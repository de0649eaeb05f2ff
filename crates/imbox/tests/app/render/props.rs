//! Property tests: any sequence of keys, mouse events, resizes and API results through
//! `update` and `draw` never panics, at any terminal size down to 1x1.

use crate::common::{seed_answer, state};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use imbox::action::Action;
use imbox::app::action_for_event;
use imbox::command::Command;
use proptest::prelude::*;

fn key() -> impl Strategy<Value = Event> {
    let code = prop_oneof![
        any::<char>().prop_map(KeyCode::Char),
        prop::sample::select(vec![
            'j', 'k', 'g', 'G', 'h', 'l', 'c', 'R', '?', '/', 'n', 'i', 'e', 'r', 'd', 'u', 'a', 'V', ' ',
            'D', 'y'
        ])
        .prop_map(KeyCode::Char),
        prop::sample::select(vec![
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::PageUp,
            KeyCode::PageDown,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::Backspace,
        ]),
    ];
    let mods = prop::sample::select(vec![
        KeyModifiers::NONE,
        KeyModifiers::SHIFT,
        KeyModifiers::CONTROL,
        KeyModifiers::ALT,
    ]);
    (code, mods).prop_map(|(c, m)| Event::Key(KeyEvent::new(c, m)))
}

fn event() -> impl Strategy<Value = Event> {
    prop_oneof![
        6 => key(),
        1 => (0u16..300, 0u16..100).prop_map(|(w, h)| Event::Resize(w, h)),
        2 => (0u16..300, 0u16..100, 0u8..3).prop_map(|(c, r, k)| Event::Mouse(MouseEvent {
            kind: match k {
                0 => MouseEventKind::Down(MouseButton::Left),
                1 => MouseEventKind::ScrollUp,
                _ => MouseEventKind::ScrollDown,
            },
            column: c,
            row: r,
            modifiers: KeyModifiers::NONE,
        })),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn random_input_never_panics(events in prop::collection::vec(event(), 1..60), answer_every in 1usize..5) {
        let mut s = state(100, 30);
        let mut pending: Vec<Command> = s.start();
        for (i, ev) in events.into_iter().enumerate() {
            if let Some(action) = action_for_event(&s, ev) {
                if action == Action::Quit {
                    continue;
                }
                pending.extend(s.update(action));
            }
            // Answer some of the outstanding requests, out of order, from the seed fixtures.
            if i % answer_every == 0
                && let Some(cmd) = pending.pop()
                && let Some(result) = seed_answer(&cmd)
            {
                pending.extend(s.update(result));
            }
            let _ = crate::common::screen(&s);
        }
    }
}
