//! The search jobs against the embedded demo server, through the worker's job path: the search
//! finds TWN#NJ9585 and the phone 886911425977 lists its three conversation links, each of
//! which opens a thread.

use imbox::action::Action;
use imbox::action::SearchAction;
use imbox::command::Command;
use imbox::command::SearchCommand;
use imbox::effects::JobContext;
use imbox::effects::search::execute;
use imbox::state::search::Row;
use imbox::state::{Account, State};
use imbox_api::Backend;
use imbox_api::Secret;
use imbox_api::imbrace::ClientConfig;
use imbox_api::imbrace::ImbraceClient;
use imbox_demo::{self as demo, DemoConfig};

async fn context() -> (demo::DemoServer, JobContext) {
    let server = demo::spawn(DemoConfig::default()).await.expect("demo server");
    let client = ImbraceClient::new(ClientConfig::new(server.base_url(), Secret::new(server.token())))
        .expect("client");
    (server, JobContext::new(client, None))
}

#[tokio::test]
async fn search_finds_twn_nj9585_on_the_demo_server() {
    let (_server, ctx) = context().await;
    let cmd = SearchCommand::Contacts { req: 7, query: "NJ9585".into(), skip: 0, limit: 50 };
    match execute(&ctx, cmd).await {
        Some(Action::Search(SearchAction::Loaded { req: 7, query, skip: 0, result: Ok(page) })) => {
            assert_eq!(query, "NJ9585");
            let names: Vec<&str> = page.items.iter().map(|c| c.display_name.as_str()).collect();
            assert_eq!(names, vec!["TWN#NJ9585"]);
            assert_eq!(page.total, 1);
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_phone_query_lists_three_links_that_each_open_their_thread() {
    let (_server, ctx) = context().await;
    let mut s = State::new(
        Account { capabilities: imbox_api::imbrace::CAPABILITIES, ..Account::default() },
        jiff::Timestamp::now(),
        jiff::tz::TimeZone::UTC,
    );
    s.update(Action::Resize(140, 40));
    let mut cmds = s.update(Action::Search(SearchAction::Open));
    for c in "886911425977".chars() {
        cmds.extend(s.update(Action::Search(SearchAction::Insert(c))));
    }
    // Enter asks at once; run what it asks through the real jobs.
    cmds.extend(s.update(Action::Search(SearchAction::Submit)));
    for cmd in cmds {
        if let Command::Search(c) = cmd
            && let Some(action) = execute(&ctx, c).await
        {
            s.update(action);
        }
    }
    let links: Vec<String> = (0..s.search.len())
        .filter_map(|i| match s.search.row(i) {
            Some(Row::Link(l)) => l.conversation_id.clone(),
            _ => None,
        })
        .collect();
    assert_eq!(
        links,
        vec![
            "conv_85130be2-db16-435e-910e-8c21b5cb2044",
            "conv_e2db3e49-a82a-43ef-912c-345e123d2b19",
            "conv_205e3bc5-774a-45fc-b604-2a762a86262f",
        ]
    );
    for (i, id) in links.iter().enumerate() {
        s.update(Action::Search(SearchAction::Open));
        s.update(Action::Search(SearchAction::Submit));
        s.update(Action::Top);
        for _ in 0..=i {
            s.update(Action::Down);
        }
        let cmds = s.update(Action::Open);
        let Some((req, conversation_id, skip, limit)) = cmds.into_iter().find_map(|c| match c {
            Command::LoadMessages { req, conversation_id, skip, limit, .. } => {
                Some((req, conversation_id, skip, limit))
            }
            _ => None,
        }) else {
            panic!("Enter on link {i} opens no thread");
        };
        // The person with that number, not the id: the search found them.
        assert_eq!(s.thread.contact_name, "陳威廷 Wei-Ting Chen", "link {i}");
        assert_eq!(&conversation_id, id);
        let query = imbox_api::backend::MessagesQuery { skip, limit, ..Default::default() };
        let result = ctx.client().messages(&conversation_id, &query).await;
        s.update(Action::MessagesLoaded { req, skip, result });
        assert_eq!(s.thread.conversation_id.as_ref(), Some(id));
        assert!(s.thread.loaded() > 0, "the thread of {id} has messages");
        s.update(Action::FocusLeft);
        s.update(Action::FocusLeft);
    }
}

/// The first page of a contact search for `query`, tagged `req`.
fn contacts(req: u64, query: &str) -> SearchCommand {
    SearchCommand::Contacts { req, query: query.into(), skip: 0, limit: 50 }
}

#[tokio::test]
async fn a_search_for_an_older_query_is_abandoned_once_a_newer_one_is_asked() {
    let (_server, ctx) = context().await;
    // "wei" is on its way (polled once: its request has started) when "wei-ting" is asked.
    let mut older = Box::pin(execute(&ctx, contacts(3, "wei")));
    assert!(futures_util::poll!(&mut older).is_pending());
    let newer = execute(&ctx, contacts(4, "wei-ting")).await;
    match newer {
        Some(Action::Search(SearchAction::Loaded { req: 4, query, result: Ok(page), .. })) => {
            assert_eq!(query, "wei-ting");
            let names: Vec<&str> = page.items.iter().map(|c| c.display_name.as_str()).collect();
            assert_eq!(names, ["陳威廷 Wei-Ting Chen"]);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(older.await, None, "the older query's request answers nothing");
    // Asked after the newer one already went out, an older query is not even sent.
    assert_eq!(execute(&ctx, contacts(2, "we")).await, None);
    // Later pages of the query on the line are not superseded by each other.
    let page2 = SearchCommand::Contacts { req: 5, query: "wei-ting".into(), skip: 50, limit: 50 };
    assert!(matches!(execute(&ctx, page2).await, Some(Action::Search(SearchAction::Loaded { req: 5, .. }))));
    let again = SearchCommand::Contacts { req: 4, query: "wei-ting".into(), skip: 0, limit: 50 };
    assert!(execute(&ctx, again).await.is_some(), "nor is the query on the line asked again (R)");
}

#[tokio::test]
async fn typing_on_through_the_real_jobs_never_shows_an_older_querys_results() {
    let (_server, ctx) = context().await;
    let mut s = State::new(
        Account { capabilities: imbox_api::imbrace::CAPABILITIES, ..Account::default() },
        jiff::Timestamp::now(),
        jiff::tz::TimeZone::UTC,
    );
    s.update(Action::Resize(140, 40));
    s.update(Action::Search(SearchAction::Open));
    // The first key asks "w" at once; its answer comes back only after "wei-ting" was typed
    // and asked (Enter).
    let first = s.update(Action::Search(SearchAction::Insert('w')));
    let mut jobs: Vec<_> = first
        .into_iter()
        .filter_map(|c| match c {
            Command::Search(c) => Some(Box::pin(execute(&ctx, c))),
            _ => None,
        })
        .collect();
    assert_eq!(jobs.len(), 1);
    assert!(futures_util::poll!(&mut jobs[0]).is_pending());
    for c in "ei-ting".chars() {
        s.update(Action::Search(SearchAction::Insert(c)));
    }
    let cmds = s.update(Action::Search(SearchAction::Submit));
    for cmd in cmds {
        if let Command::Search(c) = cmd
            && let Some(action) = execute(&ctx, c).await
        {
            s.update(action);
        }
    }
    if let Some(late) = jobs.pop().expect("the first job").await {
        s.update(late);
    }
    assert!(s.search.showing_server());
    assert_eq!(s.search.server_query, "wei-ting");
    let names: Vec<String> = (0..s.search.len().min(20))
        .filter_map(|i| match s.search.row(i) {
            Some(Row::Contact(Some(h))) => Some(h.contact.display_name.to_lowercase()),
            _ => None,
        })
        .collect();
    assert!(!names.is_empty());
    assert_eq!(names, ["陳威廷 wei-ting chen"], "the answer to \"w\" never replaced it");
}
