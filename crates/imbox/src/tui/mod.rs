//! The terminal guard: raw mode, alternate screen and mouse capture on the way in, and a
//! restore that always runs on the way out — on return, on error (Drop) and on panic (hook).

use crossterm::event::{
    DisableFocusChange, DisableMouseCapture, EnableFocusChange, EnableMouseCapture, KeyboardEnhancementFlags,
    PopKeyboardEnhancementFlags, PushKeyboardEnhancementFlags,
};
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use std::io::{self, BufWriter, Stdout, Write};
use std::sync::Once;

mod lean;
pub use lean::LeanBackend;

/// The widest terminal imbox draws on. A terminal (or a hostile pty) may report any size up to
/// 65535x65535; ratatui allocates two cells per position, so 65535² aborted with a failed
/// allocation and 10000² took 7 GB. No screen holds more than this; beyond it imbox draws the
/// top-left part.
pub const MAX_COLS: u16 = 2000;
/// The tallest terminal imbox draws on (see [`MAX_COLS`]).
pub const MAX_ROWS: u16 = 1000;

/// A reported terminal size, clamped to what imbox will allocate for.
pub fn clamp_size(width: u16, height: u16) -> (u16, u16) {
    (width.min(MAX_COLS), height.min(MAX_ROWS))
}

/// The terminal imbox draws on. Buffered so a frame leaves in one write (ratatui flushes after
/// each draw): `Stdout` alone is line-buffered with a small buffer, and split a frame into
/// several writes the terminal could show half-drawn.
pub type Term = Terminal<LeanBackend<BufWriter<Stdout>>>;

/// Owns the terminal while the UI runs; restores it when dropped.
pub struct Tui {
    /// The ratatui terminal.
    pub terminal: Term,
    mouse: bool,
}

/// Puts the terminal back as it was. Safe to call more than once; never panics, because it
/// runs inside the panic hook and on every exit path.
pub fn restore(mouse: bool) {
    let mut out = io::stdout();
    let _ = execute!(out, PopKeyboardEnhancementFlags, DisableFocusChange);
    if mouse {
        let _ = execute!(out, DisableMouseCapture);
    }
    let _ = execute!(out, LeaveAlternateScreen, cursor::Show);
    let _ = disable_raw_mode();
}

/// Asks terminals that speak the kitty keyboard protocol to tell modified keys apart, so the
/// composer sees Shift-Enter as itself (a new line) rather than Enter (send). Sent without
/// asking first: a terminal that does not know the sequence ignores it, and asking would wait
/// for an answer some terminals never give. Alt-Enter and Ctrl-J work everywhere.
fn push_keyboard_flags(out: &mut Stdout) -> io::Result<()> {
    execute!(out, PushKeyboardEnhancementFlags(KeyboardEnhancementFlags::DISAMBIGUATE_ESCAPE_CODES))
}

/// Bytes buffered before a write: more than a full 200x60 repaint with colours.
const FRAME_BUFFER: usize = 64 * 1024;

static PANIC_HOOK: Once = Once::new();

/// Installs (once) a panic hook that restores the terminal before a fatal panic is reported, so
/// the message is readable and the shell is usable.
fn install_panic_hook() {
    PANIC_HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            // Only a panic on the UI thread ends the program. A panic inside a request task is
            // caught by the worker and answered with an error; printing it would scribble over
            // the screen, so it goes to the log only.
            if std::thread::current().name() == Some("main") {
                restore(true);
                previous(info);
            } else {
                tracing::error!("panic in a background task: {info}");
            }
        }));
    });
}

impl Tui {
    /// Enters raw mode and the alternate screen (and mouse capture when `mouse`).
    pub fn enter(mouse: bool) -> io::Result<Tui> {
        install_panic_hook();
        enable_raw_mode()?;
        let mut out = io::stdout();
        // Focus reports tell the alerts whether the agent is looking at imbox.
        let entered = execute!(out, EnterAlternateScreen, cursor::Hide, EnableFocusChange)
            .and_then(|_| push_keyboard_flags(&mut out))
            .and_then(|_| if mouse { execute!(out, EnableMouseCapture) } else { Ok(()) });
        if let Err(e) = entered {
            restore(mouse);
            return Err(e);
        }
        match Terminal::new(LeanBackend::new(BufWriter::with_capacity(FRAME_BUFFER, io::stdout()))) {
            Ok(terminal) => Ok(Tui { terminal, mouse }),
            Err(e) => {
                restore(mouse);
                Err(e)
            }
        }
    }
}

impl Tui {
    /// Takes the terminal back after a suspend and forces a full redraw.
    pub fn resume(&mut self) -> io::Result<()> {
        enable_raw_mode()?;
        let mut out = io::stdout();
        execute!(out, EnterAlternateScreen, cursor::Hide, EnableFocusChange)?;
        push_keyboard_flags(&mut out)?;
        if self.mouse {
            execute!(out, EnableMouseCapture)?;
        }
        // Not `Terminal::clear`: it asks the terminal for the cursor position, and that answer
        // would be read by the event stream instead. `resize` clears the screen and forgets the
        // last frame without asking anything, so the next draw repaints every cell.
        self.terminal.backend_mut().forget_cursor();
        let size = self.terminal.size()?;
        self.terminal.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))
    }
}

impl Tui {
    /// Writes a terminal notification (OSC 777, OSC 9 or BEL: bytes the state made inert) or a
    /// clipboard copy (OSC 52, base64) between two frames, through the frame's own writer so it
    /// can never land inside one.
    pub fn write_alert(&mut self, bytes: &[u8]) -> io::Result<()> {
        let writer = self.terminal.backend_mut().writer_mut();
        writer.write_all(bytes)?;
        writer.flush()
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        restore(self.mouse);
    }
}
