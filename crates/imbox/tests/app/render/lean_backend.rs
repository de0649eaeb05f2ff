//! The lean terminal backend: what it writes must put exactly the frame's cells on a terminal
//! (read back through a VT parser), in fewer bytes than ratatui's crossterm backend.

use imbox::tui::LeanBackend;
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::{Terminal, TerminalOptions, Viewport};
use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

const W: u16 = 40;

/// A writer whose bytes stay readable after the backend took it.
#[derive(Clone, Default)]
struct Capture(Rc<RefCell<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
const H: u16 = 6;

/// Draws two frames (the second a change of the first) and returns the bytes of each.
fn frames<B: Backend>(backend: B, capture: &Capture) -> (Vec<u8>, Vec<u8>)
where
    B::Error: std::fmt::Debug,
{
    let out = |_: &B| capture.0.borrow().clone();
    let options = TerminalOptions { viewport: Viewport::Fixed(Rect::new(0, 0, W, H)) };
    let mut t = Terminal::with_options(backend, options).unwrap();
    t.draw(|f| f.render_widget(Paragraph::new(lines(0)), f.area())).unwrap();
    let first = out(t.backend());
    t.draw(|f| f.render_widget(Paragraph::new(lines(1)), f.area())).unwrap();
    let both = out(t.backend());
    (first.clone(), both[first.len()..].to_vec())
}

/// Rows with wide CJK and Hangul names, an emoji, colours and modifiers; `selected` is drawn
/// reversed-out like a selection.
fn lines(selected: usize) -> Vec<Line<'static>> {
    let names = ["陳威廷 Wei-Ting", "김지우", "Zoë O'Brien 🌈 x", "สมศรี วงศ์ใหญ่", "黃志偉"];
    names
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let style =
                if i == selected { Style::new().fg(Color::Black).bg(Color::Cyan) } else { Style::new() };
            Line::from(vec![
                Span::raw(format!(" {n:<18}")),
                Span::styled("whatsapp ", Style::new().fg(Color::DarkGray)),
                Span::styled("2d", Style::new().add_modifier(Modifier::BOLD | Modifier::DIM)),
            ])
            .style(style)
        })
        .collect()
}

/// The screen a VT parser shows after `bytes`: text, and each cell's colours and attributes.
fn screen(bytes: &[u8]) -> (String, Vec<String>) {
    let mut p = vt100::Parser::new(H, W, 0);
    p.process(bytes);
    let s = p.screen();
    let mut cells = Vec::new();
    for row in 0..H {
        for col in 0..W {
            if let Some(c) = s.cell(row, col) {
                cells.push(format!(
                    "{row},{col}:{}:{:?}/{:?}/b{}i{}",
                    c.contents(),
                    c.fgcolor(),
                    c.bgcolor(),
                    c.bold(),
                    c.inverse()
                ));
            }
        }
    }
    (s.contents(), cells)
}

#[test]
fn the_lean_backend_shows_the_same_screen_in_fewer_bytes() {
    let (lc, rc) = (Capture::default(), Capture::default());
    let (lean_first, lean_second) = frames(LeanBackend::new(lc.clone()), &lc);
    let (rat_first, rat_second) = frames(CrosstermBackend::new(rc.clone()), &rc);
    let lean = [lean_first.clone(), lean_second.clone()].concat();
    let rat = [rat_first.clone(), rat_second.clone()].concat();
    assert_eq!(screen(&lean_first), screen(&rat_first), "first frame");
    assert_eq!(screen(&lean), screen(&rat), "after the change");
    assert!(screen(&lean).0.contains("김지우"), "{}", screen(&lean).0);
    assert!(
        lean_second.len() * 10 < rat_second.len() * 9,
        "a selection move: {} bytes lean vs {} ratatui",
        lean_second.len(),
        rat_second.len()
    );
    assert!(lean_first.len() < rat_first.len());
}
