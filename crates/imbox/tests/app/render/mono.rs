//! The monochrome theme (`NO_COLOR`, `[ui] theme = "mono"`): no cell carries a colour, and what
//! colours said — the selection, the focused pane, unread rows, errors, the chosen reply button —
//! still shows through reverse video, bold, underline and glyphs.
//!
//! The snapshots show the screen with a line of marks under every row that has emphasis:
//! `R` reverse video, `U` underline, `B` bold, `I` italic, `D` dim (the first that applies).

use crate::common::{seed_answer, settle, state};
use imbox::action::Action;
use imbox::command::Command;
use imbox::layout::theme::{self, Theme};
use imbox::state::State;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

/// Draws in the mono theme on this test's thread while alive.
struct MonoTheme;

impl MonoTheme {
    fn on() -> Self {
        theme::set_for_thread(Some(Theme::Mono));
        MonoTheme
    }
}

impl Drop for MonoTheme {
    fn drop(&mut self) {
        theme::set_for_thread(None);
    }
}

fn buffer(s: &State) -> Buffer {
    let backend = ratatui::backend::TestBackend::new(s.size.0, s.size.1);
    let mut terminal = ratatui::Terminal::new(backend).expect("test terminal");
    terminal.draw(|f| imbox::ui::draw(s, f)).expect("draw");
    terminal.backend().buffer().clone()
}

fn mark(m: Modifier) -> char {
    [
        (Modifier::REVERSED, 'R'),
        (Modifier::UNDERLINED, 'U'),
        (Modifier::BOLD, 'B'),
        (Modifier::ITALIC, 'I'),
        (Modifier::DIM, 'D'),
    ]
    .into_iter()
    .find(|(k, _)| m.contains(*k))
    .map_or(' ', |(_, c)| c)
}

/// The screen with its emphasis marks; panics on any cell that has a colour.
fn styled(s: &State) -> String {
    let buf = buffer(s);
    let mut out = String::new();
    for y in 0..buf.area.height {
        let (mut text, mut marks, mut skip) = (String::new(), String::new(), 0);
        for x in 0..buf.area.width {
            let cell = &buf[(x, y)];
            assert!(
                cell.fg == Color::Reset && cell.bg == Color::Reset,
                "a colour at ({x}, {y}) {:?}/{:?} in the mono theme:\n{}",
                cell.fg,
                cell.bg,
                crate::common::screen(s)
            );
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let w = unicode_width::UnicodeWidthStr::width(cell.symbol()).max(1);
            text.push_str(cell.symbol());
            marks.extend(std::iter::repeat_n(mark(cell.modifier), w));
            skip = w - 1;
        }
        out.push_str(&text);
        out.push('\n');
        if marks.trim().is_empty() {
            continue;
        }
        out.push_str(marks.trim_end());
        out.push('\n');
    }
    out
}

fn snap(name: &str, s: &State) {
    let (w, h) = s.size;
    insta::assert_snapshot!(format!("{name}_{w}x{h}"), styled(s));
}

/// Rows (of the left pane's columns) where a cell is in reverse video.
fn reversed_rows(s: &State, columns: std::ops::Range<u16>) -> Vec<u16> {
    let buf = buffer(s);
    (1..buf.area.height - 1)
        .filter(|y| columns.clone().any(|x| buf[(x, *y)].modifier.contains(Modifier::REVERSED)))
        .collect()
}

fn loaded(w: u16, h: u16) -> State {
    let mut s = state(w, h);
    let cmds = s.start();
    settle(&mut s, cmds, &seed_answer);
    s
}

#[test]
fn the_selection_shows_and_moves_without_colour() {
    let _mono = MonoTheme::on();
    for (w, h) in [(80, 24), (140, 40)] {
        let mut s = loaded(w, h);
        let before = reversed_rows(&s, 1..30);
        assert_eq!(before.len(), 1, "one selected row in reverse video: {before:?}\n{}", styled(&s));
        s.update(Action::Down);
        let after = reversed_rows(&s, 1..30);
        assert_eq!(after, vec![before[0] + 1], "j moves the reverse-video row\n{}", styled(&s));
        snap("mono_contacts", &s);
    }
}

#[test]
fn the_focused_pane_and_the_unfocused_selection_show_without_colour() {
    let _mono = MonoTheme::on();
    let mut s = loaded(140, 40);
    let cmds = s.update(Action::Open);
    settle(&mut s, cmds, &seed_answer);
    let buf = buffer(&s);
    let screen = styled(&s);
    // The focused pane (conversations) has the thick, bold border; the contacts pane a plain one.
    let layout = imbox::layout::compute(140, 40, s.focus);
    let conv = layout.conversations.expect("three panes at 140x40");
    let corner = &buf[(conv.x, conv.y)];
    assert_eq!(corner.symbol(), "┏", "{screen}");
    assert!(corner.modifier.contains(Modifier::BOLD), "{screen}");
    let left = layout.contacts.expect("contacts pane");
    assert_eq!(buf[(left.x, left.y)].symbol(), "┌", "{screen}");
    // The contact whose conversations are shown stays marked (underlined) while unfocused.
    let underlined = (left.y + 1..left.y + left.height - 1)
        .filter(|y| buf[(left.x + 2, *y)].modifier.contains(Modifier::UNDERLINED))
        .count();
    assert_eq!(underlined, 1, "{screen}");
    snap("mono_conversations", &s);
}

#[test]
fn the_chosen_reply_button_and_links_show_without_colour() {
    let _mono = MonoTheme::on();
    let s = crate::render::inbox::rich(140, 40);
    let screen = styled(&s);
    let buf = buffer(&s);
    // The customer chose "No": that button, and no other, is in reverse video.
    let rows: Vec<String> = (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .filter(|x| buf[(*x, y)].modifier.contains(Modifier::REVERSED))
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect()
        })
        .collect();
    assert!(rows.iter().any(|r| r.contains("No")), "{screen}");
    assert!(!rows.iter().any(|r| r.contains("Yes") || r.contains("Later")), "{screen}");
    snap("mono_thread_rich", &s);
}

#[test]
fn unread_rows_and_errors_show_without_colour() {
    let _mono = MonoTheme::on();
    // The notification centre: unread rows carry a bold ● before them.
    let mut s = loaded(80, 24);
    let cmds = s.update(Action::Notify(imbox::action::NotificationAction::Toggle));
    settle(&mut s, cmds, &|c| match c {
        Command::Notify(imbox::command::NotificationCommand::Load { req, skip, .. }) => {
            let page = crate::common::seed_notifications();
            Some(Action::Notify(imbox::action::NotificationAction::Loaded {
                req: *req,
                skip: *skip,
                result: Ok(page),
            }))
        }
        other => seed_answer(other),
    });
    let buf = buffer(&s);
    let dots: Vec<u16> = (0..24)
        .filter(|y| {
            (0..80).any(|x| buf[(x, *y)].symbol() == "●" && buf[(x, *y)].modifier.contains(Modifier::BOLD))
        })
        .collect();
    assert!(!dots.is_empty(), "{}", styled(&s));
    snap("mono_notifications", &s);

    // A failed reload over a kept list: the error line is bold and starts with ✖.
    let mut s = loaded(80, 24);
    let cmds = s.update(Action::Refresh);
    settle(&mut s, cmds, &|c| match c {
        Command::LoadContacts { req, skip, .. } => Some(Action::ContactsLoaded {
            req: *req,
            skip: *skip,
            result: Err(imbox_api::ApiError::Server {
                endpoint: "GET /v1/backend/contacts",
                status: 503,
                message: "upstream unavailable".into(),
            }),
        }),
        other => seed_answer(other),
    });
    let screen = styled(&s);
    let buf = buffer(&s);
    let error_cells = (0..24)
        .flat_map(|y| (0..80).map(move |x| (x, y)))
        .filter(|p| buf[*p].symbol() == "✖")
        .collect::<Vec<_>>();
    assert!(!error_cells.is_empty(), "{screen}");
    assert!(error_cells.iter().all(|p| buf[*p].modifier.contains(Modifier::BOLD)), "{screen}");
}

#[test]
fn every_overlay_draws_without_a_colour() {
    let _mono = MonoTheme::on();
    for (w, h) in [(80, 24), (140, 40)] {
        let mut s = loaded(w, h);
        s.update(Action::ToggleHelp);
        styled(&s);
        let mut s = crate::render::inbox::rich(w, h);
        s.update(Action::Clip(imbox::action::ClipAction::OpenLink));
        assert!(s.acts.menu.is_some(), "the link picker is open");
        styled(&s);
        s.update(Action::Act(imbox::action::ActAction::MenuMove(1)));
        let buf = buffer(&s);
        let cursor: Vec<(u16, u16)> =
            (0..h).flat_map(|y| (0..w).map(move |x| (x, y))).filter(|p| buf[*p].symbol() == "▸").collect();
        assert_eq!(cursor.len(), 1, "one cursor in the picker\n{}", styled(&s));
        assert!(buf[cursor[0]].modifier.contains(Modifier::REVERSED), "{}", styled(&s));
    }
}
