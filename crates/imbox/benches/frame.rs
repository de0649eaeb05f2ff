//! Criterion benchmarks: the cost of a full frame with huge lists (it must not grow with the
//! item count), and decoding a 1,000-contact page.
//!
//! Run with `cargo bench`; figures and method are in docs/performance.md.

// A benchmark that cannot set up has nothing to measure: it stops with the reason.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use imbox::action::{Action, FindAction, LineEdit};
use imbox::command::Command;
use imbox::state::{Account, State};
use imbox_api::imbrace::wire;
use imbox_model::{Contact, Message, MessageBody, Page, Sender};
use jiff::Timestamp;
use jiff::tz::TimeZone;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;

fn contact(i: u64) -> Contact {
    Contact {
        id: format!("con_{i:08}"),
        display_name: format!("Customer {i} 陳嘉欣"),
        channel_type: "whatsapp".into(),
        last_seen: Timestamp::from_second(1_700_000_000 - i as i64).ok(),
        ..Contact::default()
    }
}

fn message(i: u64) -> Message {
    Message {
        id: format!("msg_{i}"),
        conversation_id: "conv_bench".into(),
        from: if i.is_multiple_of(2) { "con_1".into() } else { "u_1".into() },
        sender: if i.is_multiple_of(2) { Sender::Contact } else { Sender::Agent },
        created_at: Timestamp::from_second(1_700_000_000 - (i as i64) * 600).ok(),
        body: MessageBody::Text {
            text: format!(
                "Message {i}: the parcel left the warehouse this morning 包裹今天早上已離開倉庫 🚚"
            ),
            is_mail: false,
        },
        ..Default::default()
    }
}

/// A 200x60 state with `contacts` contacts (pages answered as asked) and, if `thread` > 0, a
/// thread of that many messages fully loaded.
fn state_with(contacts: u64, thread: u64) -> State {
    let now: Timestamp = "2026-11-22T12:00:00Z".parse().expect("time");
    let mut s = State::new(
        Account {
            label: "bench".into(),
            name: "bench".into(),
            demo: true,
            kind: imbox_api::BackendKind::Imbrace,
            capabilities: imbox_api::imbrace::CAPABILITIES,
            gateway: None,
        },
        now,
        TimeZone::UTC,
    );
    s.update(Action::Resize(200, 60));
    let mut queue = s.start();
    let mut opened = false;
    while let Some(cmd) = queue.pop() {
        let action = match cmd {
            Command::LoadContacts { req, skip, limit } => {
                let items: Vec<Contact> =
                    (skip..(skip + u64::from(limit)).min(contacts)).map(contact).collect();
                let has_more = skip + (items.len() as u64) < contacts;
                Action::ContactsLoaded { req, skip, result: Ok(Page { items, total: contacts, has_more }) }
            }
            Command::LoadMessages { req, skip, limit, .. } => {
                let items: Vec<Message> =
                    (skip..(skip + u64::from(limit)).min(thread)).map(message).collect();
                let has_more = skip + (items.len() as u64) < thread;
                Action::MessagesLoaded { req, skip, result: Ok(Page { items, total: thread, has_more }) }
            }
            _ => continue,
        };
        queue.extend(s.update(action));
        if !opened && thread > 0 && s.contacts.is_known() {
            opened = true;
            queue.extend(s.update(Action::OpenConversation("conv_bench".into())));
        }
    }
    // Move into the middle of the data so the frame is not a trivially cached first page.
    for _ in 0..3 {
        s.update(Action::PageDown);
    }
    s
}

/// Answers message pages from a thread of `thread` messages until nothing more is asked.
fn answer_messages(s: &mut State, mut queue: Vec<Command>, thread: u64) {
    while let Some(cmd) = queue.pop() {
        if let Command::LoadMessages { req, skip, limit, .. } = cmd {
            let items: Vec<Message> = (skip..(skip + u64::from(limit)).min(thread)).map(message).collect();
            let has_more = skip + (items.len() as u64) < thread;
            queue.extend(s.update(Action::MessagesLoaded {
                req,
                skip,
                result: Ok(Page { items, total: thread, has_more }),
            }));
        }
    }
}

/// A state with every message of a `thread`-message thread loaded (scrolled to the oldest and
/// back to the middle), focused on the thread.
fn whole_thread(thread: u64) -> State {
    let mut s = state_with(1_000, thread);
    s.focus = imbox::layout::Pane::Thread;
    // Scroll to the oldest the way a reader does, a screen at a time; pages load on the way.
    for _ in 0..thread * 4 {
        if s.thread.loaded() >= thread as usize {
            break;
        }
        let cmds = s.update(Action::PageUp);
        answer_messages(&mut s, cmds, thread);
    }
    // Into the middle: every later key moves through loaded messages only.
    for _ in 0..(thread / 8) {
        let cmds = s.update(Action::PageDown);
        answer_messages(&mut s, cmds, thread);
    }
    s
}

fn frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame_200x60");
    for contacts in [1_000u64, 100_000] {
        let s = state_with(contacts, 0);
        let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("terminal");
        group.bench_with_input(BenchmarkId::new("contacts", contacts), &s, |b, s| {
            b.iter(|| terminal.draw(|f| imbox::ui::draw(black_box(s), f)).map(|_| ()))
        });
    }
    for messages in [100u64, 10_000] {
        let mut s = state_with(1_000, messages);
        s.update(Action::FocusNext);
        let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("terminal");
        group.bench_with_input(BenchmarkId::new("thread", messages), &s, |b, s| {
            b.iter(|| terminal.draw(|f| imbox::ui::draw(black_box(s), f)).map(|_| ()))
        });
    }
    let s = whole_thread(10_000);
    assert_eq!(s.thread.loaded(), 10_000, "the whole thread is loaded");
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("terminal");
    group.bench_function("thread_all_loaded/10000", |b| {
        b.iter(|| terminal.draw(|f| imbox::ui::draw(black_box(&s), f)).map(|_| ()))
    });
    // One key and the frame after it, scrolling up and down through the loaded middle.
    let mut s = whole_thread(10_000);
    let mut up = true;
    group.bench_function("thread_all_loaded/10000/page_key_and_frame", |b| {
        b.iter(|| {
            up = !up;
            s.update(if up { Action::PageUp } else { Action::PageDown });
            terminal.draw(|f| imbox::ui::draw(black_box(&s), f)).map(|_| ())
        })
    });
    // A find over the whole thread: `n` (or `N`) and the frame after it. Each step matches the
    // query against every loaded message (that is the cost measured); the frame highlights only
    // the lines on screen.
    let mut s = whole_thread(10_000);
    s.update(Action::Find(FindAction::Open));
    for c in "99:".chars() {
        s.update(Action::Find(FindAction::Edit(LineEdit::Insert(c))));
    }
    s.update(Action::Find(FindAction::Submit));
    assert!(s.find_active(), "the find is on");
    let mut older = true;
    group.bench_function("thread_all_loaded/10000/find_key_and_frame", |b| {
        b.iter(|| {
            older = !older;
            s.update(Action::Find(if older { FindAction::Older } else { FindAction::Newer }));
            terminal.draw(|f| imbox::ui::draw(black_box(&s), f)).map(|_| ())
        })
    });
    group.finish();
}

/// Varied names (the demo's generator) so matching does real work, with e-mail and phone.
fn named_contacts(n: usize) -> Vec<Contact> {
    const FIRST: [&str; 8] = ["Wei-Ting", "Noa", "Sofia", "Kwame", "陳嘉欣", "Priya", "Omar", "Björn"];
    const LAST: [&str; 8] = ["Chen", "Levi", "Rossi", "Mensah", "Wong", "Nair", "Haddad", "Müller"];
    (0..n)
        .map(|i| Contact {
            id: format!("con_{i:08}"),
            display_name: format!("{} {} {i}", FIRST[i % 8], LAST[(i / 8) % 8]),
            email: format!("user{i}@example.com"),
            area_code: "852".into(),
            phone_number: format!("9{:07}", i * 7919 % 10_000_000),
            ..Contact::default()
        })
        .collect()
}

/// Filter-as-you-type: one keystroke's ranking of 100,000 seen contacts. `keystroke` scans
/// every contact (the first key, or after a deletion); `narrowing` is the key that extends the
/// query, which re-scores only the previous query's hits.
fn filter(c: &mut Criterion) {
    use imbox::state::search::Fuzzy;
    let mut seen = imbox::state::seen::SeenContacts::default();
    for (i, contact) in named_contacts(100_000).iter().enumerate() {
        seen.insert(contact, Some(i));
    }
    let mut group = c.benchmark_group("filter_100000");
    for query in ["w", "wei", "wei chen", "zzq"] {
        group.bench_with_input(BenchmarkId::new("keystroke", query), query, |b, q| {
            b.iter(|| Fuzzy::new(black_box(q)).rank(&seen, None).len())
        });
    }
    for (before, query) in [("w", "we"), ("wei", "wei "), ("wei c", "wei ch")] {
        let hits = Fuzzy::new(before).rank(&seen, None);
        group.bench_with_input(BenchmarkId::new("narrowing", query), query, |b, q| {
            b.iter(|| Fuzzy::new(black_box(q)).rank(&seen, Some(&hits)).len())
        });
    }
    group.finish();
}

fn decode(c: &mut Criterion) {
    let data: Vec<serde_json::Value> = (0..1_000)
        .map(|i| {
            serde_json::json!({
                "object_name": "contact", "id": format!("con_{i}"), "organization_id": "org_imbrace",
                "channel_type": "web", "display_name": format!("UNK#AB{i:04}"), "avatar_url": "", "first_name": "",
                "last_name": "", "gender": "", "area_code": "", "phone_number": "", "language": "en", "email": "",
                "remark": "", "time_zone": "Asia/Saigon", "last_seen": "2025-10-15T10:07:59.066Z",
                "created_at": "2025-10-15T10:06:26.630Z", "updated_at": null, "odooContactID": "", "title": "",
                "additional_params": {}
            })
        })
        .collect();
    let body = serde_json::json!({"object_name": "list", "data": data, "has_more": true, "count": 65_681, "total": 1_000})
        .to_string();
    c.bench_function("decode_1000_contacts", |b| {
        b.iter(|| {
            let list: wire::ContactList = serde_json::from_str(black_box(&body)).expect("decodes");
            list.into_page(0)
        })
    });
}

criterion_group!(benches, frame, filter, decode);
criterion_main!(benches);
