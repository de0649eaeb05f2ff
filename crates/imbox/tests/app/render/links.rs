//! OSC 8 hyperlinks over the thread's URLs: every linked cell is exactly
//! `ESC ] 8 ; ; <url> ESC \ <glyph> ESC ] 8 ; ; ESC \`, the URL printable ASCII, and a hostile
//! URL never becomes a link (nor an escape).

use crate::common::settle;
use imbox::action::Action;
use imbox::command::Command;
use imbox::layout::osc;
use imbox::state::State;
use imbox_model::{Message, MessageBody, Page, Sender};
use ratatui::buffer::Buffer;

/// Draws hyperlinks on this test's thread while alive.
struct Hyperlinks;

impl Hyperlinks {
    fn on() -> Self {
        osc::set_hyperlinks_for_thread(Some(true));
        Hyperlinks
    }
}

impl Drop for Hyperlinks {
    fn drop(&mut self) {
        osc::set_hyperlinks_for_thread(None);
    }
}

fn buffer(s: &State) -> Buffer {
    let backend = ratatui::backend::TestBackend::new(s.size.0, s.size.1);
    let mut terminal = ratatui::Terminal::new(backend).expect("test terminal");
    terminal.draw(|f| imbox::ui::draw(s, f)).expect("draw");
    terminal.backend().buffer().clone()
}

/// Every linked cell as (url, glyph); panics on a cell with an escape that is not exactly one
/// self-contained link.
fn linked_cells(buf: &Buffer) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for cell in buf.content() {
        let sym = cell.symbol();
        if !sym.contains('\u{1b}') {
            continue;
        }
        let rest = sym.strip_prefix("\u{1b}]8;;").unwrap_or_else(|| panic!("not a link: {sym:?}"));
        let (url, rest) = rest.split_once("\u{1b}\\").unwrap_or_else(|| panic!("unterminated: {sym:?}"));
        let glyph = rest.strip_suffix("\u{1b}]8;;\u{1b}\\").unwrap_or_else(|| panic!("unclosed: {sym:?}"));
        assert!(url.bytes().all(|b| b.is_ascii_graphic()), "control or space in {url:?}");
        assert!(url.starts_with("https://") || url.starts_with("http://"), "{url:?}");
        assert!(!glyph.chars().any(char::is_control), "{glyph:?}");
        out.push((url.to_string(), glyph.to_string()));
    }
    out
}

/// The glyphs linked to `url`, in screen order.
fn label(cells: &[(String, String)], url: &str) -> String {
    cells.iter().filter(|(u, _)| u == url).map(|(_, g)| g.as_str()).collect()
}

#[test]
fn the_threads_urls_are_hyperlinks_cell_by_cell() {
    let _on = Hyperlinks::on();
    let s = crate::render::inbox::rich(140, 40);
    let cells = linked_cells(&buffer(&s));
    let shot = label(&cells, "https://cdn.example.com/u/box.jpg");
    assert!(shot.contains("https://cdn.example.com/u/box.jpg"), "{cells:?}");
    assert!(!label(&cells, "https://shop.example.com/reship").is_empty(), "the card's link: {cells:?}");
    // Off (the default where the terminal is not known to draw them): no escape at all.
    osc::set_hyperlinks_for_thread(Some(false));
    assert!(linked_cells(&buffer(&s)).is_empty());
}

#[test]
fn a_hostile_url_is_never_a_link_and_a_clean_one_beside_it_is() {
    let _on = Hyperlinks::on();
    let raw = "see https://ok.example/a and https://evil.example/\u{1b}]0;pwned\u{7}x and \
               https://evil.example/\u{202e}gpj.exe and javascript:alert(1)";
    let text = imbox_api::sanitize::text(raw);
    let msg = Message {
        id: "1".into(),
        conversation_id: "conv_1".into(),
        sender: Sender::Contact,
        body: MessageBody::Text { text, is_mail: false },
        ..Default::default()
    };
    let mut s = crate::common::state(140, 40);
    let cmds = s.update(Action::OpenConversation("conv_1".into()));
    settle(&mut s, cmds, &|c| match c {
        Command::LoadMessages { req, skip, .. } => Some(Action::MessagesLoaded {
            req: *req,
            skip: *skip,
            result: Ok(Page { items: vec![msg.clone()], total: 1, has_more: false }),
        }),
        _ => None,
    });
    let cells = linked_cells(&buffer(&s));
    let urls: std::collections::BTreeSet<&str> = cells.iter().map(|(u, _)| u.as_str()).collect();
    assert!(urls.contains("https://ok.example/a"), "{cells:?}\n{}", crate::common::screen(&s));
    // What is left of the hostile ones after the sanitizer ends where the attack begins.
    assert!(urls.iter().all(|u| u.bytes().all(|b| b.is_ascii_graphic())), "{urls:?}");
    assert!(!urls.iter().any(|u| u.contains("pwned") || u.contains("javascript")), "{urls:?}");
}
