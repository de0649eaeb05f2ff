//! Runs the real `imbox` binary in a pseudo-terminal and reads its screen through a VT parser.

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long a journey step may take before the test gives up (a liveness bound on a loaded
/// 2-core machine, not a performance assertion).
pub const PATIENCE: Duration = Duration::from_secs(30);

/// A running imbox in a pseudo-terminal.
pub struct PtyApp {
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    /// Set by the reader thread once the terminal is closed and every byte has been parsed.
    drained: Arc<AtomicBool>,
    /// The sandbox directory holding config, data and state of this run.
    pub home: tempfile::TempDir,
}

/// The imbox binary under test, for typing into a shell.
pub fn imbox_path() -> &'static str {
    env!("CARGO_BIN_EXE_imbox")
}

impl PtyApp {
    /// Starts `imbox args…` in a `cols` x `rows` terminal with extra environment variables.
    pub fn spawn(args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> PtyApp {
        Self::spawn_program(env!("CARGO_BIN_EXE_imbox"), args, cols, rows, env)
    }

    /// Starts an interactive shell with job control (`bash`), for journeys that need one
    /// (Ctrl-Z and `fg`); imbox is then started by typing its path, see [`imbox_path`].
    pub fn spawn_shell(cols: u16, rows: u16) -> PtyApp {
        Self::spawn_program("bash", &["--norc", "--noprofile", "-i"], cols, rows, &[("PS1", "$ ")])
    }

    /// Starts `program args…` in a `cols` x `rows` terminal with extra environment variables.
    pub fn spawn_program(program: &str, args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> PtyApp {
        let pty = native_pty_system();
        let pair = pty.openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).expect("open pty");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("IMBOX_TOKEN");
        // Never read the developer's own config or write into their home: a private sandbox
        // per run, unless the test says otherwise.
        let home = tempfile::tempdir().expect("temp dir");
        cmd.env("IMBOX_CONFIG", home.path().join("config.toml"));
        cmd.env("IMBOX_DATA_DIR", home.path().join("data"));
        cmd.env("IMBOX_STATE_DIR", home.path().join("state"));
        // The embedded demo stays still (no simulated customers) unless a test asks for its
        // activity with ("IMBOX_NO_ACTIVITY", "0").
        cmd.env("IMBOX_NO_ACTIVITY", "1");
        // No on-disk cache unless a test asks for it with ("IMBOX_CACHE", "on"): every other
        // journey starts from the server alone, as it did before the cache existed.
        cmd.env("IMBOX_CACHE", "off");
        cmd.env_remove("IMBOX_CACHE_DIR");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn imbox");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let drained = Arc::new(AtomicBool::new(false));
        let (p, r, d) = (parser.clone(), raw.clone(), drained.clone());
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                if let Ok(mut parser) = p.lock() {
                    parser.process(&buf[..n]);
                }
                if let Ok(mut raw) = r.lock() {
                    raw.extend_from_slice(&buf[..n]);
                }
            }
            d.store(true, Ordering::SeqCst);
        });
        PtyApp { child, master: pair.master, writer, parser, raw, drained, home }
    }

    /// The screen's text now.
    pub fn screen(&self) -> String {
        self.parser.lock().map(|p| p.screen().contents()).unwrap_or_default()
    }

    /// The rows that have cells in reverse video, each with the text of those cells.
    pub fn reversed(&self) -> Vec<(u16, String)> {
        let Ok(p) = self.parser.lock() else { return Vec::new() };
        let screen = p.screen();
        let (rows, cols) = screen.size();
        (0..rows)
            .filter_map(|r| {
                let text: String = (0..cols)
                    .filter_map(|c| {
                        screen.cell(r, c).filter(|cell| cell.inverse()).map(|cell| cell.contents())
                    })
                    .collect();
                (!text.is_empty()).then_some((r, text))
            })
            .collect()
    }

    /// Every byte imbox wrote so far.
    pub fn raw(&self) -> Vec<u8> {
        self.raw.lock().map(|r| r.clone()).unwrap_or_default()
    }

    /// Whether the terminal is in the alternate screen and whether the cursor is hidden.
    pub fn modes(&self) -> (bool, bool) {
        self.parser
            .lock()
            .map(|p| (p.screen().alternate_screen(), p.screen().hide_cursor()))
            .unwrap_or((false, false))
    }

    /// Waits until the screen contains every one of `needles`; panics with the screen if not.
    pub fn wait_for(&self, needles: &[&str]) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if needles.iter().all(|n| screen.contains(n)) {
                return screen;
            }
            if start.elapsed() > PATIENCE {
                panic!("timed out waiting for {needles:?}; screen:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until `cond` holds for the screen; panics with the screen if it never does.
    pub fn wait_until(&self, what: &str, cond: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if cond(&screen) {
                return screen;
            }
            if start.elapsed() > PATIENCE {
                panic!("timed out waiting for {what}; screen:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Types bytes (keys) into the terminal.
    pub fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).expect("write to pty");
        self.writer.flush().expect("flush pty");
    }

    /// Resizes the terminal (and the parser's idea of it).
    pub fn resize(&mut self, cols: u16, rows: u16) {
        if let Ok(mut p) = self.parser.lock() {
            p.screen_mut().set_size(rows, cols);
        }
        self.master.resize(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).expect("resize pty");
    }

    /// Tells imbox the terminal is `cols` x `rows` without resizing the parser (for sizes no
    /// parser could hold: what imbox draws then is not read, only that it lives through it).
    pub fn resize_pty_only(&mut self, cols: u16, rows: u16) {
        self.master.resize(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).expect("resize pty");
    }

    /// The process id of imbox.
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("child pid")
    }

    /// Sends a signal (SIGTERM, SIGHUP, …) to imbox.
    pub fn signal(&self, sig: i32) {
        let pid = self.child.process_id().expect("child pid");
        // SAFETY: kill() only sends a signal to the child we spawned.
        let rc = unsafe { libc::kill(pid as i32, sig) };
        assert_eq!(rc, 0, "kill failed");
    }

    /// Waits for the process to exit and for its last bytes (the terminal restore) to be
    /// parsed, and returns whether it succeeded.
    pub fn wait_exit(&mut self) -> bool {
        let start = Instant::now();
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                // The reader ends at the end of the output, not at a guessed moment: a loaded
                // machine may parse the restore sequence long after the process is gone.
                while !self.drained.load(Ordering::SeqCst) && start.elapsed() <= PATIENCE {
                    std::thread::sleep(Duration::from_millis(20));
                }
                return status.success();
            }
            if start.elapsed() > PATIENCE {
                let _ = self.child.kill();
                panic!("imbox did not exit; screen:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for PtyApp {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}
