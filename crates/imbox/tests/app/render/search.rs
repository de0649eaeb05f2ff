//! Snapshots of the search line: local matches while typing (with highlighted characters) and
//! phone-link results, at 80x24 and 140x40.

use crate::common::{seed_answer, settle, state};
use imbox::action::Action;
use imbox::action::SearchAction as S;
use imbox::command::Command;
use imbox::command::SearchCommand;
use imbox::state::State;
use imbox_model::{Contact, ConversationLink, Page, PhoneLinks};
use ratatui::style::Modifier;

const SIZES: [(u16, u16); 2] = [(80, 24), (140, 40)];

fn snap(name: &str, s: &State) {
    let (w, h) = s.size;
    insta::assert_snapshot!(format!("{name}_{w}x{h}"), crate::common::screen(s));
}

fn searching(w: u16, h: u16, query: &str) -> (State, Vec<Command>) {
    let mut s = state(w, h);
    let cmds = s.start();
    settle(&mut s, cmds, &seed_answer);
    let mut cmds = s.update(Action::Search(S::Open));
    for c in query.chars() {
        cmds.extend(s.update(Action::Search(S::Insert(c))));
    }
    answer_older(&mut s, &cmds);
    (s, cmds)
}

/// Answers (with nothing) the server searches among `cmds` for queries no longer on the line:
/// one search goes out at a time, so the next waits for these.
fn answer_older(s: &mut State, cmds: &[Command]) {
    for c in cmds {
        if let Command::Search(SearchCommand::Contacts { req, query, skip, .. }) = c
            && query.as_str() != s.search.query()
        {
            let (req, query, skip) = (*req, query.clone(), *skip);
            s.update(Action::Search(S::Loaded { req, query, skip, result: Ok(Page::default()) }));
        }
    }
}

fn fire_debounce(s: &mut State, cmds: &[Command]) -> Vec<Command> {
    let action = cmds.iter().rev().find_map(|c| match c {
        Command::Schedule { action, .. } => Some((**action).clone()),
        _ => None,
    });
    s.update(action.expect("debounce scheduled"))
}

#[test]
fn typing_shows_local_matches_with_highlights() {
    for (w, h) in SIZES {
        let (s, _) = searching(w, h, "unk");
        snap("search_local", &s);
        // The matched characters of the first row are drawn as matches; the others are not.
        let backend = ratatui::backend::TestBackend::new(w, h);
        let mut terminal = ratatui::Terminal::new(backend).expect("terminal");
        terminal.draw(|f| imbox::ui::draw(&s, f)).expect("draw");
        let buf = terminal.backend().buffer();
        let y = if w < 100 { 4 } else { 3 };
        let row: String = (0..w).map(|x| buf[(x, y)].symbol().to_string()).collect();
        let at = row.find("UNK#").expect("a matching row");
        let x0 = row[..at].chars().count() as u16;
        for (dx, matched) in [(0, true), (1, true), (2, true), (3, false), (4, false)] {
            let bold = buf[(x0 + dx, y)].modifier.contains(Modifier::UNDERLINED);
            assert_eq!(bold, matched, "cell {dx} of {row:?}");
        }
    }
}

#[test]
fn phone_query_shows_its_links_above_the_contacts() {
    for (w, h) in SIZES {
        let (mut s, cmds) = searching(w, h, "886911425977");
        let cmds = fire_debounce(&mut s, &cmds);
        let mut looking = s.clone();
        looking.update(Action::Search(S::Submit));
        for cmd in cmds {
            match cmd {
                Command::Search(SearchCommand::Links { req, .. }) => {
                    let link = |id: &str, at: &str| ConversationLink {
                        link: format!("https://webapp.dev.imbrace.co/chatroom-routing?conv_id={id}"),
                        conversation_id: Some(id.into()),
                        created_at: Some(at.parse().expect("time")),
                    };
                    s.update(Action::Search(S::LinksLoaded {
                        req,
                        result: Ok(vec![PhoneLinks {
                            phone_number: "886911425977".into(),
                            links: vec![
                                link("conv_85130be2-db16-435e-910e-8c21b5cb2044", "2024-08-16T09:53:34.868Z"),
                                link("conv_e2db3e49-a82a-43ef-912c-345e123d2b19", "2024-08-16T07:25:50.293Z"),
                                link("conv_205e3bc5-774a-45fc-b604-2a762a86262f", "2024-01-25T09:30:20.414Z"),
                            ],
                        }]),
                    }));
                }
                Command::Search(SearchCommand::Contacts { req, query, skip, .. }) => {
                    let c = Contact {
                        id: "con_886e1a2b-4c3d-4e5f-8a6b-911425977000".into(),
                        display_name: "陳威廷 Wei-Ting Chen".into(),
                        channel_type: "whatsapp".into(),
                        area_code: "886".into(),
                        phone_number: "911425977".into(),
                        ..Contact::default()
                    };
                    let page = Page { items: vec![c], total: 1, has_more: false };
                    s.update(Action::Search(S::Loaded { req, query, skip, result: Ok(page) }));
                }
                _ => {}
            }
        }
        s.update(Action::Search(S::Submit));
        snap("search_phone_links", &s);
        snap("search_phone_looking_up", &looking);
    }
}
