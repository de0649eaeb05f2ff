//! How a frame's changed cells reach the terminal, with fewer bytes than ratatui's own
//! crossterm backend writes for the same cells.
//!
//! Bytes per key are a target (issue 7: ≤ 300 while moving the selection) and they are what
//! a user on SSH or a slow link feels. The cells to draw are ratatui's diff, unchanged; only
//! the escape sequences around them differ:
//! - after a wide East Asian character (CJK ideographs, kana, Hangul — two cells in every
//!   terminal) the next cell needs no cursor move: the cursor is already there. ratatui moves
//!   the cursor explicitly after every wide character (6–8 bytes each, many per CJK name).
//!   Emoji and other characters whose width terminals disagree on still get the move, so a
//!   disagreement cannot shift the rest of the row.
//! - a colour change sends only the colour that changed (ratatui sends both).
//! - the closing reset sends only what is not already the default.
//! - hiding an already hidden cursor sends nothing (ratatui hides it on every frame).

use crossterm::cursor::{Hide, MoveTo, Show};
use crossterm::queue;
use crossterm::style::{Attribute, Print, SetAttribute, SetBackgroundColor, SetForegroundColor};
use crossterm::terminal::{self, Clear};
use ratatui::backend::{Backend, ClearType, IntoCrossterm, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};
use std::io::{self, Write};

/// A crossterm backend that writes a frame's changes leanly (see the module documentation).
pub struct LeanBackend<W: Write> {
    writer: W,
    /// Whether the terminal's cursor is hidden, when known.
    cursor_hidden: Option<bool>,
}

impl<W: Write> LeanBackend<W> {
    /// Wraps `writer` (buffer it: a frame is flushed once, after the draw).
    pub fn new(writer: W) -> Self {
        LeanBackend { writer, cursor_hidden: None }
    }

    /// The writer frames go to (to write between frames, never during one).
    pub fn writer_mut(&mut self) -> &mut W {
        &mut self.writer
    }

    /// Forgets the cursor's state (after something else wrote to the terminal).
    pub fn forget_cursor(&mut self) {
        self.cursor_hidden = None;
    }
}

/// Whether `symbol` is a character every terminal draws two cells wide: CJK ideographs, kana,
/// Hangul syllables and full-width forms.
fn surely_wide(symbol: &str) -> bool {
    let mut chars = symbol.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else { return false };
    // The ranges hold a few combining marks (kana voicing, ideographic tone marks): the width
    // check leaves those out.
    unicode_width::UnicodeWidthChar::width(c) == Some(2)
        && matches!(c as u32,
        0x1100..=0x115F        // Hangul Jamo initials
        | 0x2E80..=0x303E      // CJK radicals, punctuation
        | 0x3041..=0x33FF      // kana, CJK symbols
        | 0x3400..=0x4DBF      // CJK extension A
        | 0x4E00..=0x9FFF      // CJK unified ideographs
        | 0xA000..=0xA4CF      // Yi
        | 0xAC00..=0xD7A3      // Hangul syllables
        | 0xF900..=0xFAFF      // CJK compatibility ideographs
        | 0xFF01..=0xFF60      // full-width forms
        | 0xFFE0..=0xFFE6)
}

/// Writes the SGR changes from `from` to `to`.
fn modifiers(w: &mut impl Write, from: Modifier, to: Modifier) -> io::Result<()> {
    let removed = from - to;
    let added = to - from;
    // Bold and dim share one "normal intensity" reset; whichever stays is set again after it.
    let intensity_reset = removed.intersects(Modifier::BOLD | Modifier::DIM);
    let off = [
        (Modifier::REVERSED, Attribute::NoReverse),
        (Modifier::ITALIC, Attribute::NoItalic),
        (Modifier::UNDERLINED, Attribute::NoUnderline),
        (Modifier::CROSSED_OUT, Attribute::NotCrossedOut),
        (Modifier::HIDDEN, Attribute::NoHidden),
        (Modifier::SLOW_BLINK | Modifier::RAPID_BLINK, Attribute::NoBlink),
    ];
    for (m, attr) in off {
        if removed.intersects(m) {
            queue!(w, SetAttribute(attr))?;
        }
    }
    if intensity_reset {
        queue!(w, SetAttribute(Attribute::NormalIntensity))?;
    }
    let on = [
        (Modifier::BOLD, Attribute::Bold),
        (Modifier::DIM, Attribute::Dim),
        (Modifier::REVERSED, Attribute::Reverse),
        (Modifier::ITALIC, Attribute::Italic),
        (Modifier::UNDERLINED, Attribute::Underlined),
        (Modifier::CROSSED_OUT, Attribute::CrossedOut),
        (Modifier::HIDDEN, Attribute::Hidden),
        (Modifier::SLOW_BLINK, Attribute::SlowBlink),
        (Modifier::RAPID_BLINK, Attribute::RapidBlink),
    ];
    for (m, attr) in on {
        let again = intensity_reset && (m == Modifier::BOLD || m == Modifier::DIM) && to.contains(m);
        if added.contains(m) || again {
            queue!(w, SetAttribute(attr))?;
        }
    }
    Ok(())
}

impl<W: Write> Backend for LeanBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let w = &mut self.writer;
        let (mut fg, mut bg, mut modifier) = (Color::Reset, Color::Reset, Modifier::empty());
        // Where the terminal's cursor is after the last cell written, when certain.
        let mut cursor: Option<(u16, u16)> = None;
        for (x, y, cell) in content {
            if cursor != Some((x, y)) {
                queue!(w, MoveTo(x, y))?;
            }
            if cell.modifier != modifier {
                modifiers(w, modifier, cell.modifier)?;
                modifier = cell.modifier;
            }
            if cell.fg != fg {
                queue!(w, SetForegroundColor(cell.fg.into_crossterm()))?;
                fg = cell.fg;
            }
            if cell.bg != bg {
                queue!(w, SetBackgroundColor(cell.bg.into_crossterm()))?;
                bg = cell.bg;
            }
            let symbol = cell.symbol();
            queue!(w, Print(symbol))?;
            // A wide character of another kind (emoji, …) or a zero-width one leaves the cursor
            // where terminals may disagree: the next cell then moves explicitly.
            let advance = if surely_wide(symbol) {
                Some(2)
            } else {
                (unicode_width::UnicodeWidthStr::width(symbol) == 1).then_some(1)
            };
            cursor = advance.map(|a| (x.saturating_add(a), y));
        }
        if fg != Color::Reset {
            queue!(w, SetForegroundColor(crossterm::style::Color::Reset))?;
        }
        if bg != Color::Reset {
            queue!(w, SetBackgroundColor(crossterm::style::Color::Reset))?;
        }
        if !modifier.is_empty() {
            queue!(w, SetAttribute(Attribute::Reset))?;
        }
        Ok(())
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        for _ in 0..n {
            queue!(self.writer, Print("\n"))?;
        }
        self.writer.flush()
    }

    // Cursor commands are queued, not flushed: ratatui flushes once at the end of each draw,
    // so a frame and its cursor leave in one write.
    fn hide_cursor(&mut self) -> io::Result<()> {
        if self.cursor_hidden != Some(true) {
            queue!(self.writer, Hide)?;
            self.cursor_hidden = Some(true);
        }
        Ok(())
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        if self.cursor_hidden != Some(false) {
            queue!(self.writer, Show)?;
            self.cursor_hidden = Some(false);
        }
        Ok(())
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        crossterm::cursor::position().map(|(x, y)| Position { x, y })
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let Position { x, y } = position.into();
        queue!(self.writer, MoveTo(x, y))
    }

    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        let kind = match clear_type {
            ClearType::All => terminal::ClearType::All,
            ClearType::AfterCursor => terminal::ClearType::FromCursorDown,
            ClearType::BeforeCursor => terminal::ClearType::FromCursorUp,
            ClearType::CurrentLine => terminal::ClearType::CurrentLine,
            ClearType::UntilNewLine => terminal::ClearType::UntilNewLine,
        };
        queue!(self.writer, Clear(kind))?;
        self.writer.flush()
    }

    fn size(&self) -> io::Result<Size> {
        let (width, height) = terminal::size()?;
        let (width, height) = super::clamp_size(width, height);
        Ok(Size { width, height })
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        let ws = terminal::window_size()?;
        Ok(WindowSize {
            columns_rows: {
                let (width, height) = super::clamp_size(ws.columns, ws.rows);
                Size { width, height }
            },
            pixels: Size { width: ws.width, height: ws.height },
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        self.writer.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::surely_wide;

    #[test]
    fn only_unambiguous_two_cell_characters_are_surely_wide() {
        for wide in ["陳", "김", "カ", "ｱ"] {
            assert_eq!(surely_wide(wide), wide != "ｱ", "{wide}");
        }
        for other in ["a", "é", "🌈", "\u{3099}", "\u{302A}", "陳威", "", "ก"] {
            assert!(!surely_wide(other), "{other:?}");
        }
    }
}
