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
