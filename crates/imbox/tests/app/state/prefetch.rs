//! Contact pages fetched ahead of the rows on screen are background work: they turn no spinner
//! and a page that lands off screen draws no frame, unless it changes something on screen (the
//! `n / total` counter, an error, a refresh ending). Issue 15, item 4: a `j` that scrolled half
//! a page drew the spinner, and a second frame ~2 ms later cleared it when the page arrived.

use crate::common::{seed_answer, settle, state};
use imbox::action::Action;
use imbox::command::Command;
use imbox::state::State;
use imbox_api::ApiError;
use imbox_model::{Contact, Page};

/// Contacts `skip..skip + 50` of a list of `total`.
fn page(skip: u64, total: u64) -> Page<Contact> {
    let items: Vec<Contact> = (skip..(skip + 50).min(total))
        .map(|i| Contact {
            id: format!("con_{i}"),
            display_name: format!("Person {i}"),
            ..Contact::default()
        })
        .collect();
    let has_more = skip + (items.len() as u64) < total;
    Page { items, total, has_more }
}

/// The contact page requests among `cmds`: (req, skip).
fn page_requests(cmds: &[Command]) -> Vec<(u64, u64)> {
    cmds.iter()
        .filter_map(|c| match c {
            Command::LoadContacts { req, skip, .. } => Some((*req, *skip)),
            _ => None,
        })
        .collect()
}

/// A 140x40 state with the first page of 300 contacts loaded, every page asked for around
/// the first screen answered, and the screen drawn (`dirty` false).
fn loaded() -> State {
    let mut s = state(140, 40);
    let cmds = s.start();
    settle(&mut s, cmds, &|cmd| match cmd {
        Command::LoadContacts { req, skip, .. } => {
            Some(Action::ContactsLoaded { req: *req, skip: *skip, result: Ok(page(*skip, 300)) })
        }
        other => seed_answer(other),
    });
    assert_eq!(s.contacts.len(), 300);
    assert!(!s.is_loading(), "everything asked at start answered");
    s.dirty = false;
    s
}

/// Presses `j` until a key asks for a page ahead; returns that request.
fn j_until_a_prefetch(s: &mut State) -> (u64, u64) {
    for _ in 0..300 {
        let asked = page_requests(&s.update(Action::Down));
        if let Some(first) = asked.first() {
            return *first;
        }
    }
    panic!("no page was fetched ahead");
}

#[test]
fn a_page_fetched_ahead_turns_no_spinner_and_draws_nothing_when_it_lands_off_screen() {
    let mut s = loaded();
    let (req, skip) = j_until_a_prefetch(&mut s);
    let viewport = s.contacts_viewport();
    assert!(
        skip as usize >= s.contacts.offset + viewport,
        "the page asked is below the screen: skip {skip}, rows {}..{}",
        s.contacts.offset,
        s.contacts.offset + viewport
    );
    assert!(s.dirty, "the key itself moved the selection: one frame");
    assert!(s.contacts.is_loading(), "the page is on its way");
    assert!(!s.is_loading(), "but nobody waits for it: no spinner in that frame");
    s.dirty = false;
    // The spinner does not turn either: a tick while only background pages load draws nothing.
    s.update(Action::Tick(s.now));
    assert!(!s.dirty, "no spinner frame for a background page");
    // The page lands off screen: no second frame.
    s.update(Action::ContactsLoaded { req, skip, result: Ok(page(skip, 300)) });
    assert!(s.contacts.get(skip as usize).is_some(), "the page is kept");
    assert!(!s.dirty, "a page that lands off screen draws nothing");
    assert_eq!(s.contacts.len(), 300);
}

#[test]
fn a_page_that_lands_on_screen_changes_the_total_or_fails_is_drawn() {
    let viewport = loaded().contacts_viewport();
    // Rows waited for: the selection jumped onto rows whose page is not loaded yet.
    let mut s = loaded();
    let cmds = s.update(Action::Bottom);
    let on_screen = page_requests(&cmds)
        .into_iter()
        .find(|(_, skip)| {
            (*skip as usize) + 50 > s.contacts.offset && (*skip as usize) < s.contacts.offset + viewport
        })
        .expect("a page under the rows on screen is asked for");
    assert!(s.is_loading(), "rows on screen are loading: the spinner shows");
    s.dirty = false;
    s.update(Action::Tick(s.now));
    assert!(s.dirty, "and turns");
    s.dirty = false;
    s.update(Action::ContactsLoaded {
        req: on_screen.0,
        skip: on_screen.1,
        result: Ok(page(on_screen.1, 300)),
    });
    assert!(s.dirty, "rows on screen arrived: drawn");

    // An off-screen page that says the list grew: the counter changes.
    let mut s = loaded();
    let (req, skip) = j_until_a_prefetch(&mut s);
    s.dirty = false;
    s.update(Action::ContactsLoaded { req, skip, result: Ok(page(skip, 301)) });
    assert!(s.dirty, "the total changed: the `n / total` counter is redrawn");
    assert_eq!(s.contacts.len(), 301);

    // An off-screen page that failed: the error is shown.
    let mut s = loaded();
    let (req, skip) = j_until_a_prefetch(&mut s);
    s.dirty = false;
    let failed = Err(ApiError::Server { endpoint: "contacts", status: 500, message: "boom".into() });
    s.update(Action::ContactsLoaded { req, skip, result: failed });
    assert!(s.dirty, "a failure is drawn");
}

#[test]
fn a_later_page_of_the_server_search_that_lands_off_screen_draws_nothing() {
    use imbox::action::SearchAction as S;
    use imbox::command::SearchCommand;
    let mut s = loaded();
    let mut cmds = s.update(Action::Search(S::Open));
    for c in "person".chars() {
        cmds.extend(s.update(Action::Search(S::Insert(c))));
    }
    cmds.extend(s.update(Action::Search(S::Submit)));
    // Answer every search request until one asks for a page beyond the first: that page is a
    // page of the results fetched ahead, below the rows on screen.
    let mut later = None;
    let mut queue = cmds;
    for _ in 0..20 {
        let mut next = Vec::new();
        for cmd in queue {
            if let Command::Search(SearchCommand::Contacts { req, query, skip, .. }) = cmd {
                if skip > 0 && query == s.search.server_query && later.is_none() {
                    later = Some((req, query, skip));
                    continue;
                }
                next.extend(s.update(Action::Search(S::Loaded {
                    req,
                    query,
                    skip,
                    result: Ok(page(skip, 300)),
                })));
            }
        }
        if next.is_empty() {
            break;
        }
        queue = next;
    }
    let (req, query, skip) = later.expect("a later page of the results was asked for");
    assert!(skip as usize >= s.search_viewport(), "the page is below the screen: skip {skip}");
    s.dirty = false;
    s.update(Action::Search(S::Loaded { req, query, skip, result: Ok(page(skip, 300)) }));
    assert!(!s.dirty, "a results page that lands off screen changes nothing drawn");
    assert!(s.search.server.get(skip as usize).is_some(), "but it is kept");
}
