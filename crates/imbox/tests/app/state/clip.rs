//! `y` copies (OSC 52 bytes for the loop to write, a notice saying what), `o` opens the
//! thread's links (one at once, several through a numbered picker), and without a system
//! opener the link is copied instead.

use crate::common::inbox::{key, press};
use crate::common::{seed_answer, settle};
use crossterm::event::KeyCode;
use imbox::action::{ActAction, Action, ClipAction, DetailsAction};
use imbox::command::{Command, ContactCommand};
use imbox::layout::osc;
use imbox::state::State;
use imbox_model::{Message, MessageBody, Page, Sender};

/// The text an OSC 52 sequence carries.
fn clipboard(bytes: &[u8]) -> String {
    let s = std::str::from_utf8(bytes).expect("ASCII");
    let b64 = s.strip_prefix("\u{1b}]52;c;").and_then(|r| r.strip_suffix("\u{1b}\\")).expect("one OSC 52");
    assert!(b64.bytes().all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b)), "{b64:?}");
    let mut bits = 0u32;
    let mut n = 0;
    let mut out = Vec::new();
    for c in b64.bytes().filter(|c| *c != b'=') {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            _ => 63,
        };
        bits = (bits << 6) | u32::from(v);
        n += 6;
        if n >= 8 {
            n -= 8;
            out.push((bits >> n) as u8);
        }
    }
    String::from_utf8(out).expect("UTF-8")
}

fn text_message(id: &str, text: &str) -> Message {
    Message {
        id: id.into(),
        conversation_id: "conv_1".into(),
        sender: Sender::Contact,
        body: MessageBody::Text { text: text.into(), is_mail: false },
        ..Default::default()
    }
}

/// A thread of `messages` (oldest first), opened by id.
fn thread(messages: Vec<Message>) -> State {
    let mut s = crate::common::state(140, 40);
    let mut items = messages;
    items.reverse();
    let total = items.len() as u64;
    let cmds = s.update(Action::OpenConversation("conv_1".into()));
    settle(&mut s, cmds, &|c| match c {
        Command::LoadMessages { req, skip, .. } => Some(Action::MessagesLoaded {
            req: *req,
            skip: *skip,
            result: Ok(Page { items: items.clone(), total, has_more: false }),
        }),
        _ => None,
    });
    s
}

#[test]
fn y_copies_the_message_at_the_bottom_of_the_view_and_says_so() {
    let mut messages: Vec<Message> =
        (1..=40).map(|i| text_message(&i.to_string(), &format!("message {i}"))).collect();
    messages.push(text_message("41", "Hello, 你好 — call me back"));
    let mut s = thread(messages);
    assert_eq!(s.focus, imbox::layout::Pane::Thread);
    key(&mut s, 'y');
    let out = s.take_terminal_output().expect("an OSC 52 sequence");
    assert_eq!(clipboard(&out), "Hello, 你好 — call me back");
    assert_eq!(s.notice.as_deref(), Some("✔ copied message (24 chars)"));
    assert_eq!(s.take_terminal_output(), None, "written once");
    // Scrolled up past the newest message, `y` copies the one now at the bottom.
    for _ in 0..100 {
        if s.thread.anchor > 0 {
            break;
        }
        key(&mut s, 'k');
    }
    let anchor = s.thread.anchor;
    assert!(anchor > 0, "k scrolls the thread");
    key(&mut s, 'y');
    assert_eq!(clipboard(&s.take_terminal_output().expect("copied")), format!("message {}", 41 - anchor));
}

#[test]
fn a_copy_is_sanitized_and_capped() {
    let mut s = thread(vec![text_message("1", "a\u{1b}]52;c;ZXZpbA==\u{7}b\u{202e}c")]);
    key(&mut s, 'y');
    let copied = clipboard(&s.take_terminal_output().expect("copied"));
    assert!(!copied.chars().any(|c| c.is_control() && c != '\n' || c == '\u{202e}'), "{copied:?}");
    assert!(copied.starts_with('a') && copied.ends_with('c'), "{copied:?}");

    // The sanitizer keeps 16,384 graphemes; family emoji (25 bytes each) make far more bytes.
    let long = "👨\u{200d}👩\u{200d}👧\u{200d}👦".repeat(4_000);
    let mut s = thread(vec![text_message("1", &long)]);
    key(&mut s, 'y');
    let out = s.take_terminal_output().expect("copied");
    assert!(out.len() < 100_000, "{} bytes", out.len());
    let copied = clipboard(&out);
    assert!(
        copied.len() <= osc::MAX_COPY_BYTES && copied.len() > osc::MAX_COPY_BYTES - 4,
        "{}",
        copied.len()
    );
    assert!(long.starts_with(&copied));
    assert!(s.notice.as_deref().is_some_and(|n| n.contains("cut to 74,000 bytes")), "{:?}", s.notice);
}

#[test]
fn o_opens_the_one_link_or_offers_a_numbered_picker() {
    let mut s = thread(vec![text_message("1", "menu at https://shop.example/menu.")]);
    let cmds = key(&mut s, 'o');
    assert_eq!(
        cmds,
        vec![Command::Contact(ContactCommand::CheckOpener { url: "https://shop.example/menu".into() })]
    );

    let mut pic = text_message("2", "");
    pic.body = MessageBody::Image {
        caption: String::new(),
        url: "https://cdn.example/p.jpg".into(),
        extension: "jpg".into(),
    };
    let mut s = thread(vec![
        text_message("1", "see https://a.example/1 and file:///etc/passwd"),
        pic,
        text_message("3", "and https://b.example/2, again https://a.example/1"),
    ]);
    let cmds = key(&mut s, 'o');
    assert!(cmds.is_empty(), "{cmds:?}");
    // Newest first, each once; the file: URL is never offered.
    assert_eq!(
        s.thread_links(),
        vec!["https://b.example/2", "https://a.example/1", "https://cdn.example/p.jpg"]
    );
    let labels: Vec<String> = s.menu_items().into_iter().map(|i| i.label).collect();
    assert_eq!(labels, vec!["1 https://b.example/2", "2 https://a.example/1", "3 https://cdn.example/p.jpg"]);
    // `y` in the picker copies the link under the cursor and keeps the picker open.
    press(&mut s, KeyCode::Down);
    key(&mut s, 'y');
    assert_eq!(clipboard(&s.take_terminal_output().expect("copied")), "https://a.example/1");
    assert!(s.acts.menu.is_some());
    let cmds = key(&mut s, '3');
    assert_eq!(
        cmds,
        vec![Command::Contact(ContactCommand::CheckOpener { url: "https://cdn.example/p.jpg".into() })]
    );
    assert!(s.acts.menu.is_none(), "choosing closes the picker");
    // A number past the list does nothing.
    key(&mut s, 'o');
    assert!(s.update(Action::Act(ActAction::MenuPick(9))).is_empty());
    assert!(s.acts.menu.is_some());
}

#[test]
fn without_an_opener_the_link_is_copied_and_the_notice_says_so() {
    let mut s = thread(vec![text_message("1", "https://shop.example/menu")]);
    let url = "https://shop.example/menu".to_string();
    let cmds = s.update(Action::Details(DetailsAction::OpenerChecked { url: url.clone(), found: true }));
    assert!(cmds.contains(&Command::OpenUrl(url.clone())), "{cmds:?}");
    s.update(Action::Details(DetailsAction::OpenerChecked { url: url.clone(), found: false }));
    assert_eq!(clipboard(&s.take_terminal_output().expect("copied")), url);
    let name = if cfg!(target_os = "macos") { "open" } else { "xdg-open" };
    assert_eq!(s.notice.as_deref(), Some(format!("✔ no {name}: copied {url}").as_str()));
    // No link at all: said, nothing asked.
    let mut s = thread(vec![text_message("1", "no links here")]);
    let cmds = key(&mut s, 'o');
    assert!(!cmds.iter().any(|c| matches!(c, Command::Contact(_) | Command::OpenUrl(_))), "{cmds:?}");
    assert!(s.notice.as_deref().is_some_and(|n| n.contains("no link")), "{:?}", s.notice);
    assert!(s.update(Action::Clip(ClipAction::OpenUrl("file:///etc/passwd".into()))).is_empty());
}

#[test]
fn y_in_the_contact_details_copies_the_selected_url() {
    let mut s = crate::common::state(140, 40);
    let cmds = s.start();
    settle(&mut s, cmds, &seed_answer);
    let cmds = key(&mut s, 'i');
    settle(&mut s, cmds, &|c| match c {
        Command::Contact(ContactCommand::LoadFiles { req, .. }) => {
            Some(Action::Details(DetailsAction::FilesLoaded {
                req: *req,
                result: Ok(vec![imbox_model::ContactFile {
                    url: "https://files.example/a.pdf".into(),
                    ..Default::default()
                }]),
            }))
        }
        _ => None,
    });
    let urls = s.details.as_ref().expect("details open").urls();
    let selected = s.details.as_ref().map(|d| d.url).unwrap_or_default();
    key(&mut s, 'y');
    assert_eq!(clipboard(&s.take_terminal_output().expect("copied")), urls[selected]);
    assert!(s.notice.as_deref().is_some_and(|n| n.starts_with("✔ copied https://")), "{:?}", s.notice);
}

#[test]
fn long_links_in_the_picker_keep_their_ends_apart() {
    let base = "https://imbrace-data.s3.ap-east-1.amazonaws.com/chat/org_imbrace/file_";
    let mut s = thread(vec![
        text_message("1", &format!("{base}1c8YA635lBjV7yHpKQwlZerYgF.pdf")),
        text_message("2", &format!("{base}Dn7biYBy10nApd9ScoC4HOND5n.mp4")),
    ]);
    key(&mut s, 'o');
    let labels: Vec<String> = s.menu_items().into_iter().map(|i| i.label).collect();
    assert_eq!(
        labels,
        vec![
            "1 https://imbrace-…le_Dn7biYBy10nApd9ScoC4HOND5n.mp4",
            "2 https://imbrace-…le_1c8YA635lBjV7yHpKQwlZerYgF.pdf"
        ]
    );
}
