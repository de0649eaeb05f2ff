//! The search flow through the pure update: local filtering per keystroke, the debounced server
//! search, stale answers dropped, Enter keeps, Esc restores, phone links open threads.

use crate::common::{screen, seed_answer, settle, state};
use imbox::action::Action;
use imbox::action::SearchAction as S;
use imbox::command::Command;
use imbox::command::SearchCommand;
use imbox::layout::Pane;
use imbox::state::State;
use imbox::state::search::{DEBOUNCE, Row};
use imbox_api::ApiError;
use imbox_model::{Contact, ConversationLink, Page, PhoneLinks};

/// A state with the seed's ten contacts loaded and the third one selected.
fn loaded() -> State {
    let mut s = state(140, 40);
    let cmds = s.start();
    settle(&mut s, cmds, &seed_answer);
    s.update(Action::Down);
    s.update(Action::Down);
    s
}

fn typed(s: &mut State, text: &str) -> Vec<Command> {
    let mut cmds = s.update(Action::Search(S::Open));
    for c in text.chars() {
        cmds.extend(s.update(Action::Search(S::Insert(c))));
    }
    answer_older(s, &cmds);
    cmds
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

fn contact(id: &str, name: &str) -> Contact {
    Contact { id: id.into(), display_name: name.into(), ..Contact::default() }
}

fn search_requests(cmds: &[Command]) -> Vec<(u64, String, u64)> {
    cmds.iter()
        .filter_map(|c| match c {
            Command::Search(SearchCommand::Contacts { req, query, skip, .. }) => {
                Some((*req, query.clone(), *skip))
            }
            _ => None,
        })
        .collect()
}

/// The debounce action the last Schedule of `cmds` would send back.
fn debounced(cmds: &[Command]) -> Action {
    cmds.iter()
        .rev()
        .find_map(|c| match c {
            Command::Schedule { after, action } if *after == DEBOUNCE => Some((**action).clone()),
            _ => None,
        })
        .expect("a debounce was scheduled")
}

fn shown_names(s: &State) -> Vec<String> {
    (0..s.search.len())
        .filter_map(|i| match s.search.row(i) {
            Some(Row::Contact(Some(h))) => Some(h.contact.display_name.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn typing_filters_at_once_asks_the_server_on_the_first_key_and_again_after_the_pause() {
    let mut s = loaded();
    let cmds = typed(&mut s, "HJ9208");
    assert!(s.search.editing && s.search.active);
    assert_eq!(shown_names(&s), vec!["VNM#HJ9208"], "filtered at once, locally");
    assert!(!s.search.showing_server());
    assert_eq!(s.search.scanned, 10);
    let asked = search_requests(&cmds);
    assert_eq!(asked.len(), 1, "the first key asks at once, the others wait for the pause: {cmds:?}");
    assert_eq!((asked[0].1.as_str(), asked[0].2), ("H", 0));
    let schedules = cmds.iter().filter(|c| matches!(c, Command::Schedule { .. })).count();
    assert_eq!(schedules, 5, "one pause per later keystroke, each superseding the last");
    assert!(DEBOUNCE.as_millis() <= 100, "a short pause: {DEBOUNCE:?}");
    assert!(s.search.source_label().contains("searching"), "{}", s.search.source_label());
    // An old timer (an earlier keystroke's generation) asks nothing.
    let first = cmds.iter().find_map(|c| match c {
        Command::Schedule { action, .. } => Some((**action).clone()),
        _ => None,
    });
    assert!(search_requests(&s.update(first.expect("first timer"))).is_empty());
    // The newest one asks the server, once.
    let cmds = s.update(debounced(&cmds));
    let asked = search_requests(&cmds);
    assert_eq!(asked.len(), 1);
    assert_eq!((asked[0].1.as_str(), asked[0].2), ("HJ9208", 0));
    assert!(s.search.source_label().contains("searching"), "{}", s.search.source_label());
    // Matched characters are recorded for highlighting.
    match s.search.row(0) {
        Some(Row::Contact(Some(hit))) => assert_eq!(hit.indices, vec![4, 5, 6, 7, 8, 9]),
        other => panic!("{other:?}"),
    }
    // Emptied and typed again: the first key of the new query asks at once again (once the
    // search in flight answered: one at a time).
    for _ in 0..6 {
        s.update(Action::Search(S::Backspace));
    }
    let (req, query) = (asked[0].0, asked[0].1.clone());
    s.update(Action::Search(S::Loaded { req, query, skip: 0, result: Ok(Page::default()) }));
    let asked = search_requests(&s.update(Action::Search(S::Insert('w'))));
    assert_eq!(asked.iter().map(|r| r.1.as_str()).collect::<Vec<_>>(), ["w"]);
}

#[test]
fn no_matches_is_never_claimed_before_the_server_answered_the_query_on_the_line() {
    let mut s = loaded();
    let cmds = typed(&mut s, "qzqz");
    assert!(s.search.is_empty(), "nothing loaded matches");
    let first = search_requests(&cmds)[0].clone();
    assert_eq!(first.1, "q");
    assert_eq!(s.search.empty_text(), "Searching…", "the pause for \"qzqz\" runs: nothing asked for it yet");
    assert!(!screen(&s).contains("No matches"), "{}", screen(&s));
    // The answer to "z" (an older query) says nothing about "zq".
    s.update(Action::Search(S::Loaded {
        req: first.0,
        query: first.1,
        skip: 0,
        result: Ok(Page::default()),
    }));
    assert_eq!(s.search.empty_text(), "Searching…");
    let asked = search_requests(&s.update(debounced(&cmds)))[0].clone();
    assert_eq!(s.search.empty_text(), "Searching…", "asked, not answered");
    assert!(screen(&s).contains("Searching…"));
    s.update(Action::Search(S::Loaded {
        req: asked.0,
        query: asked.1,
        skip: 0,
        result: Ok(Page::default()),
    }));
    assert_eq!(s.search.empty_text(), "No matches", "the server answered: now it may say so");
    assert!(screen(&s).contains("No matches"));
    // A failed search says what failed instead.
    let cmds = s.update(Action::Search(S::Insert('x')));
    let asked = search_requests(&s.update(debounced(&cmds)))[0].clone();
    let failed = Err(ApiError::Server { endpoint: "contacts/_search", status: 500, message: String::new() });
    s.update(Action::Search(S::Loaded { req: asked.0, query: asked.1, skip: 0, result: failed }));
    assert!(s.search.empty_text().contains("failed"), "{}", s.search.empty_text());
}

#[test]
fn local_matches_are_marked_partial_until_the_server_answered() {
    let mut s = loaded();
    let cmds = typed(&mut s, "HJ9208");
    assert_eq!(shown_names(&s), vec!["VNM#HJ9208"]);
    assert_eq!(s.search.source_label(), "1/10 loaded · searching…", "during the pause");
    let asked = search_requests(&s.update(debounced(&cmds)))[0].clone();
    assert_eq!(s.search.source_label(), "1/10 loaded · searching…", "asked");
    s.update(Action::Search(S::Loaded {
        req: asked.0,
        query: asked.1,
        skip: 0,
        result: Ok(Page::default()),
    }));
    assert_eq!(s.search.source_label(), "1/10 loaded · none on server");
}

#[test]
fn a_superseded_pause_or_an_answer_to_an_older_query_draws_no_frame() {
    let mut s = loaded();
    let cmds = typed(&mut s, "wan");
    let timers: Vec<Action> = cmds
        .iter()
        .filter_map(|c| match c {
            Command::Schedule { action, .. } => Some((**action).clone()),
            _ => None,
        })
        .collect();
    assert_eq!(timers.len(), 2, "one per key after the first");
    let first_ask = search_requests(&cmds)[0].clone();
    s.dirty = false;
    // The pause of "wa", superseded by "n": nothing changes, nothing is drawn.
    assert!(s.update(timers[0].clone()).is_empty());
    assert!(!s.dirty, "a superseded timer draws no frame");
    // The answer to "w" (no longer on the line) arrives: dropped, nothing drawn.
    s.update(Action::Search(S::Loaded {
        req: first_ask.0,
        query: first_ask.1,
        skip: 0,
        result: Ok(Page { items: vec![contact("con_w", "Stale W")], total: 1, has_more: false }),
    }));
    assert!(!s.dirty, "a stale answer draws no frame");
    assert!(!shown_names(&s).contains(&"Stale W".to_string()));
    // The current pause asks: the spinner starts, which is drawn.
    let asked = search_requests(&s.update(timers[1].clone()));
    assert_eq!(asked.iter().map(|r| r.1.as_str()).collect::<Vec<_>>(), ["wan"]);
    assert!(s.dirty);
}

#[test]
fn server_results_replace_local_ones_and_stale_answers_are_dropped() {
    let mut s = loaded();
    let cmds = typed(&mut s, "wa");
    let old = search_requests(&s.update(debounced(&cmds)))[0].clone();
    let cmds = s.update(Action::Search(S::Insert('n')));
    s.dirty = false;
    let waits = s.update(debounced(&cmds));
    assert!(search_requests(&waits).is_empty(), "one search at a time: \"wan\" waits for \"wa\"");
    assert!(!s.dirty, "a pause that can only wait draws nothing");
    let page = |names: &[&str], total| Page {
        items: names.iter().enumerate().map(|(i, n)| contact(&format!("con_{i}"), n)).collect(),
        total,
        has_more: total > names.len() as u64,
    };
    // The answer to "wa" arrives late: it never replaces the answer-to-be of "wan", and lets
    // "wan" go out.
    let asked = s.update(Action::Search(S::Loaded {
        req: old.0,
        query: old.1.clone(),
        skip: 0,
        result: Ok(page(&["Stale Wa"], 1)),
    }));
    assert!(!s.search.showing_server());
    assert!(!shown_names(&s).contains(&"Stale Wa".to_string()));
    let new = search_requests(&asked)[0].clone();
    assert_eq!(new.1, "wan");
    // The right request id with the wrong query is dropped too.
    s.update(Action::Search(S::Loaded {
        req: new.0,
        query: "wa".into(),
        skip: 0,
        result: Ok(page(&["Stale Wa"], 1)),
    }));
    assert!(!s.search.showing_server());
    s.update(Action::Search(S::Loaded {
        req: new.0,
        query: new.1,
        skip: 0,
        result: Ok(page(&["Wan One", "Wan Two"], 120)),
    }));
    assert!(s.search.showing_server());
    assert_eq!(s.search.source_label(), "server results");
    assert_eq!(s.search.len(), 120, "server total, paged");
    assert_eq!(shown_names(&s)[..2], ["Wan One".to_string(), "Wan Two".to_string()]);
    // Scrolling to the end asks for the pages there.
    let cmds = s.update(Action::Bottom);
    let skips: Vec<u64> = search_requests(&cmds).iter().map(|r| r.2).collect();
    assert!(skips.contains(&100), "{skips:?}");
}

#[test]
fn the_server_finding_nothing_keeps_the_local_matches() {
    let mut s = loaded();
    let cmds = typed(&mut s, "vnmhj");
    let req = search_requests(&s.update(debounced(&cmds)))[0].clone();
    s.update(Action::Search(S::Loaded { req: req.0, query: req.1, skip: 0, result: Ok(Page::default()) }));
    assert_eq!(shown_names(&s), vec!["VNM#HJ9208"]);
    assert!(s.search.source_label().contains("none on server"), "{}", s.search.source_label());
}

#[test]
fn enter_keeps_the_results_and_esc_restores_the_full_list_and_selection() {
    let mut s = loaded();
    assert_eq!(s.contacts.selected, 2);
    let before = s.contacts.selected_item().map(|c| c.id.clone());
    typed(&mut s, "HJ9208");
    let cmds = s.update(Action::Search(S::Submit));
    assert!(!s.search.editing && s.search.active, "Enter closes the line and keeps the results");
    assert_eq!(search_requests(&cmds).len(), 1, "Enter asks the server without waiting for the pause");
    assert_eq!(shown_names(&s), vec!["VNM#HJ9208"]);
    // Enter on the result opens its conversations, as in the full list.
    let cmds = s.update(Action::Open);
    assert_eq!(s.focus, Pane::Conversations);
    assert!(
        matches!(&cmds[..], [Command::LoadConversations { contact_id, .. }] if contact_id == "con_d33dfa92-2979-4621-9fd7-eb6731169abf"),
        "{cmds:?}"
    );
    s.update(Action::FocusLeft);
    // `/` edits the kept query again.
    s.update(Action::Search(S::Open));
    assert!(s.search.editing);
    assert_eq!(s.search.line.text(), "HJ9208");
    s.update(Action::Search(S::Cancel));
    assert!(!s.search.active && !s.search.editing);
    assert_eq!(s.contacts.selected, 2);
    assert_eq!(s.contacts.selected_item().map(|c| c.id.clone()), before);
}

#[test]
fn editing_keys_change_the_query_and_refilter() {
    let mut s = loaded();
    typed(&mut s, "hj xx");
    assert!(shown_names(&s).is_empty());
    s.update(Action::Search(S::DeleteWord));
    assert_eq!(s.search.line.text(), "hj ");
    assert_eq!(shown_names(&s), vec!["VNM#HJ9208"]);
    s.update(Action::Search(S::Left));
    s.update(Action::Search(S::Left));
    s.update(Action::Search(S::Insert('x')));
    assert_eq!(s.search.line.text(), "hxj ");
    s.update(Action::Search(S::ClearLine));
    assert_eq!(s.search.line.text(), "j ");
    // An empty query on Enter is a cancel.
    s.update(Action::Search(S::End));
    s.update(Action::Search(S::Backspace));
    s.update(Action::Search(S::Home));
    s.update(Action::Search(S::Delete));
    assert_eq!(s.search.line.text(), "");
    s.update(Action::Search(S::Submit));
    assert!(!s.search.active);
}

#[test]
fn a_phone_query_asks_for_links_and_enter_on_a_link_opens_its_thread() {
    let mut s = loaded();
    let cmds = typed(&mut s, "+886911425977");
    let cmds = s.update(debounced(&cmds));
    let links = cmds.iter().find_map(|c| match c {
        Command::Search(SearchCommand::Links { req, phones, organization_id }) => {
            Some((*req, phones.clone(), organization_id.clone()))
        }
        _ => None,
    });
    let (req, phones, org) = links.expect("a links request");
    assert_eq!(phones, vec!["886911425977"]);
    assert_eq!(org, "org_imbrace", "taken from a loaded contact");
    assert_eq!(search_requests(&cmds).len(), 1, "the contact search is asked too");
    let link = |id: &str| ConversationLink {
        link: format!("https://webapp.dev.imbrace.co/chatroom-routing?conv_id={id}"),
        conversation_id: Some(id.into()),
        created_at: Some("2024-08-16T09:53:34.868Z".parse().expect("time")),
    };
    // A stale id is dropped.
    s.update(Action::Search(S::LinksLoaded { req: req + 1000, result: Ok(vec![]) }));
    assert!(s.search.source_label().contains("loaded"));
    s.update(Action::Search(S::LinksLoaded {
        req,
        result: Ok(vec![PhoneLinks {
            phone_number: "886911425977".into(),
            links: vec![link("conv_a"), link("conv_b"), link("conv_c")],
        }]),
    }));
    assert_eq!(s.search.link_rows(), 4, "a heading and three links");
    assert_eq!(s.search.selected, 1, "the first link is selected");
    s.update(Action::Search(S::Submit));
    s.update(Action::Down);
    let cmds = s.update(Action::Open);
    assert_eq!(s.focus, Pane::Thread);
    assert_eq!(s.thread.conversation_id.as_deref(), Some("conv_b"));
    assert!(
        matches!(&cmds[..], [Command::LoadMessages { conversation_id, skip: 0, .. }] if conversation_id == "conv_b"),
        "{cmds:?}"
    );
}

#[test]
fn no_links_is_a_note_not_an_error() {
    let mut s = loaded();
    let cmds = typed(&mut s, "12345678, 87654321");
    let cmds = s.update(debounced(&cmds));
    let req = cmds
        .iter()
        .find_map(|c| match c {
            Command::Search(SearchCommand::Links { req, phones, .. }) => {
                assert_eq!(phones.len(), 2);
                Some(*req)
            }
            _ => None,
        })
        .expect("links asked");
    let not_found = ApiError::NotFound { endpoint: "GET /3rd/conversations/links", message: "none".into() };
    s.update(Action::Search(S::LinksLoaded { req, result: Err(not_found) }));
    assert_eq!(s.search.link_rows(), 2);
    assert!(s.last_error.is_none());
    // Enter on a note does nothing.
    s.update(Action::Search(S::Submit));
    s.update(Action::Top);
    assert!(s.update(Action::Open).is_empty());
}

#[test]
fn an_edited_contact_is_updated_in_the_results() {
    let mut s = loaded();
    typed(&mut s, "HJ9208");
    let mut edited = match s.search.row(0) {
        Some(Row::Contact(Some(h))) => h.contact.clone(),
        other => panic!("{other:?}"),
    };
    edited.display_name = "VNM#HJ9208 (VIP)".into();
    s.replace_contact(&edited);
    assert_eq!(shown_names(&s), vec!["VNM#HJ9208 (VIP)"]);
}

#[test]
fn server_contacts_arriving_after_the_links_keep_the_link_selected() {
    let mut s = loaded();
    let cmds = typed(&mut s, "886911425977");
    let cmds = s.update(debounced(&cmds));
    let link = ConversationLink { conversation_id: Some("conv_a".into()), ..ConversationLink::default() };
    for cmd in &cmds {
        if let Command::Search(SearchCommand::Links { req, .. }) = cmd {
            s.update(Action::Search(S::LinksLoaded {
                req: *req,
                result: Ok(vec![PhoneLinks {
                    phone_number: "886911425977".into(),
                    links: vec![link.clone()],
                }]),
            }));
        }
    }
    assert_eq!(s.search.selected, 1);
    for (req, query, skip) in search_requests(&cmds) {
        let page = Page { items: vec![contact("con_p", "Phone Owner")], total: 1, has_more: false };
        s.update(Action::Search(S::Loaded { req, query, skip, result: Ok(page) }));
    }
    assert!(s.search.showing_server());
    assert_eq!(s.search.selected, 1, "still on the link");
    let cmds = s.update(Action::Open);
    assert!(
        matches!(&cmds[..], [Command::LoadMessages { conversation_id, .. }] if conversation_id == "conv_a")
    );
}

#[test]
fn details_and_the_form_act_on_the_selected_search_result() {
    let mut s = loaded();
    let cmds = typed(&mut s, "wa");
    let req = search_requests(&s.update(debounced(&cmds)))[0].clone();
    s.update(Action::Search(S::Submit));
    s.update(Action::Search(S::Loaded {
        req: req.0,
        query: req.1,
        skip: 0,
        result: Ok(Page { items: vec![contact("con_found", "Found Wa")], total: 1, has_more: false }),
    }));
    assert_eq!(s.search.selected_contact().map(|c| c.id.as_str()), Some("con_found"));
    // The contact list's own selection is another contact: the form must not edit that one.
    assert_ne!(s.contacts.selected_item().map(|c| c.id.as_str()), Some("con_found"));
    s.update(Action::Form(imbox::action::FormAction::Open));
    assert_eq!(s.form.as_ref().map(|f| f.contact.id.as_str()), Some("con_found"));
    s.update(Action::Form(imbox::action::FormAction::Cancel));
    // Opened into its conversations, `i` in that pane still finds it.
    s.form = None;
    s.update(Action::Open);
    assert_eq!(s.focus, Pane::Conversations);
    s.update(Action::Details(imbox::action::DetailsAction::Open));
    assert_eq!(s.details.as_ref().map(|d| d.contact.id.as_str()), Some("con_found"));
}

/// A 5,000-contact directory answered page by page; contact `i` is "Person i" (and every
/// 1,000th is "Wei Chen i").
fn directory_answer(cmd: &Command) -> Option<Action> {
    match cmd {
        Command::LoadContacts { req, skip, limit, .. } => {
            let items = (*skip..(*skip + u64::from(*limit)).min(5_000))
                .map(|i| {
                    let name = if i % 1_000 == 7 { format!("Wei Chen {i}") } else { format!("Person {i}") };
                    Contact { id: format!("con_{i}"), display_name: name, ..Contact::default() }
                })
                .collect::<Vec<_>>();
            let has_more = *skip + (items.len() as u64) < 5_000;
            Some(Action::ContactsLoaded {
                req: *req,
                skip: *skip,
                result: Ok(Page { items, total: 5_000, has_more }),
            })
        }
        other => seed_answer(other),
    }
}

#[test]
fn the_filter_finds_contacts_whose_pages_were_dropped_while_scrolling() {
    let mut s = state(140, 40);
    let cmds = s.start();
    settle(&mut s, cmds, &directory_answer);
    // Scroll through the whole list a screen at a time: the list keeps only the pages around
    // the viewport, the filter keeps everyone it saw.
    while s.contacts.selected + 1 < s.contacts.len() {
        let cmds = s.update(Action::PageDown);
        settle(&mut s, cmds, &directory_answer);
    }
    assert!(s.contacts.loaded_pages() <= 24, "{} pages", s.contacts.loaded_pages());
    assert!(s.contacts.get(7).is_none(), "the first page was dropped");
    assert_eq!(s.seen.len(), 5_000);
    typed(&mut s, "wei chen");
    assert_eq!(s.search.scanned, 5_000);
    let names = shown_names(&s);
    assert_eq!(names.len(), 5, "{names:?}");
    assert!(names.contains(&"Wei Chen 7".to_string()), "{names:?}");
    // Enter on a hit from a dropped page opens that contact's conversations.
    let i = (0..s.search.len())
        .find(|&i| matches!(s.search.row(i), Some(Row::Contact(Some(h))) if h.contact.id == "con_7"))
        .expect("con_7 is a row");
    for _ in 0..i {
        s.update(Action::Down);
    }
    assert_eq!(s.search.selected_contact().map(|c| c.id.as_str()), Some("con_7"));
    let cmds = s.update(Action::Open);
    assert!(
        cmds.iter()
            .any(|c| matches!(c, Command::LoadConversations { contact_id, .. } if contact_id == "con_7")),
        "{cmds:?}"
    );
}

#[test]
fn a_growing_query_narrows_to_what_a_full_scan_finds() {
    let mut s = state(140, 40);
    let cmds = s.start();
    settle(&mut s, cmds, &directory_answer);
    for _ in 0..30 {
        let cmds = s.update(Action::PageDown);
        settle(&mut s, cmds, &directory_answer);
    }
    let mut cmds = s.update(Action::Search(S::Open));
    for (typed_so_far, c) in "person 12".char_indices().map(|(i, c)| (&"person 12"[..=i], c)) {
        cmds.extend(s.update(Action::Search(S::Insert(c))));
        let full = imbox::state::search::Fuzzy::new(typed_so_far).rank(&s.seen, None);
        assert_eq!(s.search.local, full, "after typing {typed_so_far:?}");
    }
    assert!(!s.search.local.is_empty());
    // Deleting widens again: a full scan, not a narrowing of the longer query's hits.
    s.update(Action::Search(S::Backspace));
    assert_eq!(s.search.local, imbox::state::search::Fuzzy::new("person 1").rank(&s.seen, None));
    drop(cmds);
}
