//! imbox in a pseudo-terminal: a reader thread feeds its output to a VT parser and stamps each
//! chunk with its arrival time, so the waiting side can look at the screen after every chunk
//! and time a key to the chunk after which the screen showed its effect.

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// Longest wait for any one screen (a liveness bound, not a measurement).
pub const PATIENCE: Duration = Duration::from_secs(30);

/// The terminal's size: the one every figure in docs/performance.md was taken at.
const COLS: u16 = 200;
const ROWS: u16 = 60;

/// What the reader thread has seen: the parsed screen, bytes so far, when the last chunk came,
/// and every chunk's arrival with whether it changed anything on screen.
struct Output {
    parser: vt100::Parser,
    bytes: usize,
    last_chunk: Instant,
    chunks: Vec<Chunk>,
}

/// One read of the terminal's output.
#[derive(Clone, Copy)]
struct Chunk {
    at: Instant,
    /// Whether the screen (a cell, or the cursor's place or visibility) differs after it.
    changed: bool,
}

/// Chunks closer together than this are one frame (a frame leaves imbox in one write, which
/// the pty may hand over in pieces microseconds apart).
const FRAME_GAP: Duration = Duration::from_micros(500);

/// Frames (writes of imbox) seen in a span of time.
#[derive(Debug, Default, Clone, Copy)]
pub struct Frames {
    /// Frames that arrived.
    pub drawn: usize,
    /// Frames after which the screen was exactly as before (cells, cursor place and
    /// visibility): drawn for nothing, e.g. by a superseded timer.
    pub empty: usize,
}

/// How to start imbox: its arguments, extra environment, and the config file to give it.
#[derive(Default)]
pub struct Launch<'a> {
    pub args: &'a [&'a str],
    pub env: &'a [(&'a str, &'a str)],
    /// Written to the config file `IMBOX_CONFIG` names (none: the file does not exist).
    pub config: Option<&'a str>,
}

/// imbox in a pty: its output (with a condition variable signalled per chunk) and its input.
pub struct Term {
    out: Arc<(Mutex<Output>, Condvar)>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    _home: tempfile::TempDir,
}

impl Term {
    /// Starts `bin` in a 200x60 pty with its own config, data and state directories.
    pub fn spawn(bin: &str, launch: &Launch<'_>) -> Term {
        let pair = native_pty_system()
            .openpty(PtySize { rows: ROWS, cols: COLS, pixel_width: 0, pixel_height: 0 })
            .expect("open a pty");
        let home = tempfile::tempdir().expect("temp dir");
        let config = home.path().join("config.toml");
        if let Some(text) = launch.config {
            std::fs::write(&config, text).expect("write the config file");
        }
        let mut cmd = CommandBuilder::new(bin);
        cmd.args(launch.args);
        cmd.env("TERM", "xterm-256color");
        cmd.env("IMBOX_CONFIG", config);
        cmd.env("IMBOX_DATA_DIR", home.path().join("data"));
        cmd.env("IMBOX_STATE_DIR", home.path().join("state"));
        for (k, v) in launch.env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("start imbox (build it with cargo build --release)");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let output = Output {
            parser: vt100::Parser::new(ROWS, COLS, 0),
            bytes: 0,
            last_chunk: Instant::now(),
            chunks: Vec::new(),
        };
        let out = Arc::new((Mutex::new(output), Condvar::new()));
        let shared = out.clone();
        std::thread::spawn(move || {
            let _master = pair.master;
            let mut buf = [0u8; 65536];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let arrived = Instant::now();
                let (lock, ready) = &*shared;
                if let Ok(mut o) = lock.lock() {
                    let before = o.parser.screen().clone();
                    o.parser.process(&buf[..n]);
                    let after = o.parser.screen();
                    let changed = !after.rows_formatted(0, COLS).eq(before.rows_formatted(0, COLS))
                        || after.cursor_position() != before.cursor_position()
                        || after.hide_cursor() != before.hide_cursor();
                    o.bytes += n;
                    o.last_chunk = arrived;
                    o.chunks.push(Chunk { at: arrived, changed });
                }
                ready.notify_all();
            }
        });
        Term { out, writer, child, _home: home }
    }

    /// The screen's text.
    pub fn screen(&self) -> String {
        self.look(vt100::Screen::contents)
    }

    /// What `f` reads off the screen as it is now.
    pub fn look<T>(&self, f: impl FnOnce(&vt100::Screen) -> T) -> T {
        let o = self.out.0.lock().expect("output lock");
        f(o.parser.screen())
    }

    /// The frames that arrived from `from` on: chunks closer than [`FRAME_GAP`] are one frame,
    /// which changed the screen when any of its chunks did.
    pub fn frames_since(&self, from: Instant) -> Frames {
        let o = self.out.0.lock().expect("output lock");
        let mut frames = Frames::default();
        let mut last: Option<Instant> = None;
        let mut changed = false;
        for c in o.chunks.iter().filter(|c| c.at >= from) {
            let joins = last.is_some_and(|l| c.at.saturating_duration_since(l) < FRAME_GAP);
            if !joins {
                if last.is_some() && !changed {
                    frames.empty += 1;
                }
                frames.drawn += 1;
                changed = false;
            }
            changed |= c.changed;
            last = Some(c.at);
        }
        if last.is_some() && !changed {
            frames.empty += 1;
        }
        frames
    }

    /// Bytes the terminal has received so far.
    pub fn bytes(&self) -> usize {
        self.out.0.lock().map(|o| o.bytes).unwrap_or(0)
    }

    /// Waits until the screen satisfies `cond`, looking after every chunk of output; returns
    /// the time from `start` to the arrival of the chunk after which it held.
    pub fn until_screen_since(
        &self,
        start: Instant,
        what: &str,
        cond: impl Fn(&vt100::Screen) -> bool,
    ) -> Duration {
        let (lock, ready) = &*self.out;
        let mut o = lock.lock().expect("output lock");
        loop {
            if cond(o.parser.screen()) {
                return o.last_chunk.saturating_duration_since(start);
            }
            if start.elapsed() > PATIENCE {
                panic!("termbench: gave up waiting for {what}; screen:\n{}", o.parser.screen().contents());
            }
            o = ready.wait_timeout(o, Duration::from_millis(50)).expect("output lock").0;
        }
    }

    /// [`Term::until_screen_since`] on the screen's text.
    pub fn until_since(&self, start: Instant, what: &str, cond: impl Fn(&str) -> bool) -> Duration {
        self.until_screen_since(start, what, |s| cond(&s.contents()))
    }

    /// [`Term::until_since`] from now.
    pub fn until(&self, what: &str, cond: impl Fn(&str) -> bool) -> Duration {
        self.until_since(Instant::now(), what, cond)
    }

    /// [`Term::until_screen_since`] from now.
    pub fn until_screen(&self, what: &str, cond: impl Fn(&vt100::Screen) -> bool) -> Duration {
        self.until_screen_since(Instant::now(), what, cond)
    }

    /// Waits until nothing has been written for `quiet` (background loading done), so the
    /// keys measured next do not pay for it.
    pub fn settle(&self, quiet: Duration) {
        let start = Instant::now();
        let (mut last, mut since) = (self.bytes(), Instant::now());
        while since.elapsed() < quiet && start.elapsed() < PATIENCE {
            std::thread::sleep(Duration::from_millis(10));
            let now = self.bytes();
            if now != last {
                (last, since) = (now, Instant::now());
            }
        }
    }

    pub fn send(&mut self, keys: &[u8]) {
        self.writer.write_all(keys).expect("write keys");
        self.writer.flush().expect("flush keys");
    }

    /// `q`, and waits for imbox to exit.
    pub fn quit(mut self) {
        self.send(b"q");
        let _ = self.child.wait();
    }

    /// The process id of imbox.
    pub fn pid(&self) -> u32 {
        self.child.process_id().unwrap_or(0)
    }

    /// (RSS, PSS) in MiB from /proc (Linux).
    pub fn memory(&self) -> (f64, f64) {
        let Some(pid) = self.child.process_id() else { return (0.0, 0.0) };
        let text = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).unwrap_or_default();
        let field = |name: &str| {
            text.lines()
                .find(|l| l.starts_with(name))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
                .map_or(0.0, |kb| kb / 1024.0)
        };
        (field("Rss:"), field("Pss:"))
    }
}

/// p50, p95, p99 and the largest of `v`, in milliseconds, with the count.
pub fn percentiles(mut v: Vec<Duration>) -> String {
    v.sort();
    let at = |p: f64| v[((v.len() as f64 - 1.0) * p).round() as usize].as_secs_f64() * 1000.0;
    format!(
        "p50 {:.2} ms  p95 {:.2} ms  p99 {:.2} ms  max {:.2} ms  (n={})",
        at(0.50),
        at(0.95),
        at(0.99),
        at(1.0),
        v.len()
    )
}
