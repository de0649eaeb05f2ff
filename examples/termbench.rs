//! The terminal benchmark: runs the real `imbox` binary in a pseudo-terminal against an
//! in-process demo server and reports what a user feels — start to first interactive frame,
//! keystroke to settled screen (p50/p95/p99) for moving through the list and for filtering,
//! bytes written per key, and memory (RSS/PSS) — then the same key latencies while every request
//! takes 2 s.
//!
//! ```sh
//! cargo build --release && cargo run --release --example termbench
//! cargo run --release --example termbench -- --bin target/release/imbox --contacts 65681 --keys 200
//! ```
//!
//! Figures and method: docs/performance.md.

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Longest wait for any one screen (a liveness bound, not a measurement).
const PATIENCE: Duration = Duration::from_secs(30);

struct Options {
    bin: String,
    contacts: usize,
    keys: usize,
}

fn options() -> Options {
    let mut o = Options { bin: "target/release/imbox".into(), contacts: 65_681, keys: 200 };
    let args: Vec<String> = std::env::args().skip(1).collect();
    for pair in args.chunks(2) {
        match (pair[0].as_str(), pair.get(1)) {
            ("--bin", Some(v)) => o.bin = v.clone(),
            ("--contacts", Some(v)) => o.contacts = v.parse().unwrap_or(o.contacts),
            ("--keys", Some(v)) => o.keys = v.parse().unwrap_or(o.keys),
            (other, _) => eprintln!("termbench: ignoring {other}"),
        }
    }
    o
}

/// imbox in a pty: the parsed screen, the raw byte count, and the process id.
struct Term {
    parser: Arc<Mutex<vt100::Parser>>,
    bytes: Arc<Mutex<usize>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    _home: tempfile::TempDir,
}

impl Term {
    fn spawn(bin: &str, base_url: &str, token: &str) -> Term {
        let (cols, rows) = (200, 60);
        let pair = native_pty_system()
            .openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 })
            .expect("open a pty");
        let home = tempfile::tempdir().expect("temp dir");
        let mut cmd = CommandBuilder::new(bin);
        cmd.args(["--base-url", base_url, "--no-mouse"]);
        cmd.env("TERM", "xterm-256color");
        cmd.env("IMBOX_TOKEN", token);
        cmd.env("IMBOX_CONFIG", home.path().join("config.toml"));
        cmd.env("IMBOX_DATA_DIR", home.path().join("data"));
        cmd.env("IMBOX_STATE_DIR", home.path().join("state"));
        let child = pair.slave.spawn_command(cmd).expect("start imbox (build it with cargo build --release)");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let bytes = Arc::new(Mutex::new(0usize));
        let (p, b) = (parser.clone(), bytes.clone());
        std::thread::spawn(move || {
            let _master = pair.master;
            let mut buf = [0u8; 65536];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                if let Ok(mut p) = p.lock() {
                    p.process(&buf[..n]);
                }
                if let Ok(mut b) = b.lock() {
                    *b += n;
                }
            }
        });
        Term { parser, bytes, writer, child, _home: home }
    }

    fn screen(&self) -> String {
        self.parser.lock().map(|p| p.screen().contents()).unwrap_or_default()
    }

    fn bytes(&self) -> usize {
        self.bytes.lock().map(|b| *b).unwrap_or(0)
    }

    /// Waits (polling every 100 µs) until `cond` holds; returns how long it took.
    fn until(&self, what: &str, cond: impl Fn(&str) -> bool) -> Duration {
        let start = Instant::now();
        loop {
            if cond(&self.screen()) {
                return start.elapsed();
            }
            if start.elapsed() > PATIENCE {
                panic!("termbench: gave up waiting for {what}; screen:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_micros(100));
        }
    }

    /// Waits until nothing has been written for `quiet` (background loading done), so the
    /// keys measured next do not pay for it.
    fn settle(&self, quiet: Duration) {
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

    fn send(&mut self, keys: &[u8]) {
        self.writer.write_all(keys).expect("write keys");
        self.writer.flush().expect("flush keys");
    }

    /// (RSS, PSS) in MiB from /proc (Linux).
    fn memory(&self) -> (f64, f64) {
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

/// The "n / total" position shown in the contacts pane's frame, if any.
fn position(screen: &str) -> Option<usize> {
    let at = screen.find(" / ")?;
    let digits: String = screen[..at].chars().rev().take_while(|c| c.is_ascii_digit() || *c == ',').collect();
    digits.chars().rev().filter(char::is_ascii_digit).collect::<String>().parse().ok()
}

fn percentiles(mut v: Vec<Duration>) -> String {
    v.sort();
    let at = |p: f64| v[((v.len() as f64 - 1.0) * p).round() as usize].as_secs_f64() * 1000.0;
    format!("p50 {:.2} ms  p95 {:.2} ms  p99 {:.2} ms  (n={})", at(0.50), at(0.95), at(0.99), v.len())
}

/// Moves the selection `n` times with `j`, timing each key to the screen showing the new position.
fn move_keys(t: &mut Term, n: usize) -> (Vec<Duration>, f64) {
    let mut times = Vec::with_capacity(n);
    let bytes_before = t.bytes();
    for _ in 0..n {
        let from = position(&t.screen()).unwrap_or(0);
        let start = Instant::now();
        t.send(b"j");
        t.until("the selection to move", |s| position(s).is_some_and(|p| p == from + 1));
        times.push(start.elapsed());
    }
    let per_key = (t.bytes() - bytes_before) as f64 / n as f64;
    (times, per_key)
}

/// Types `query` into the search line, timing each key to the screen showing it typed.
fn filter_keys(t: &mut Term, query: &str) -> Vec<Duration> {
    t.send(b"/");
    t.until("the search line", |s| s.contains("Search"));
    let mut typed = String::new();
    let mut times = Vec::new();
    for c in query.chars() {
        typed.push(c);
        let start = Instant::now();
        t.send(c.to_string().as_bytes());
        let want = format!("/ {typed}");
        t.until("the typed query", |s| s.contains(&want));
        times.push(start.elapsed());
    }
    // Esc alone, then wait for the list: a key right behind it would read as Alt-key.
    t.send(b"\x1b");
    t.until("the contact list back", |s| s.contains("Contacts") && !s.contains("Search ·"));
    times
}

fn run(o: &Options, latency: Duration) {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let server = rt
        .block_on(imbox::demo::spawn(imbox::demo::DemoConfig {
            contacts: o.contacts,
            latency,
            ..imbox::demo::DemoConfig::default()
        }))
        .expect("demo server");
    let mut t = Term::spawn(&o.bin, &server.base_url(), server.token());
    let first = t.until("the first page", |s| position(s) == Some(1));
    println!("  start to first interactive frame: {:.1} ms", first.as_secs_f64() * 1000.0);
    t.settle(Duration::from_millis(500));
    let (rss, pss) = t.memory();
    println!("  memory after the first page: RSS {rss:.1} MiB, PSS {pss:.1} MiB");
    let (times, per_key) = move_keys(&mut t, o.keys);
    println!("  move selection (j): {}; {per_key:.0} bytes written per key", percentiles(times));
    t.settle(Duration::from_millis(500));
    let times = filter_keys(&mut t, "wei chen");
    println!("  filter as you type: {}", percentiles(times));
    // Everywhere in the list: the end, then pages around it.
    t.send(b"G");
    t.until("the last contact", |s| position(s) == Some(o.contacts));
    for _ in 0..40 {
        t.send(b"\x1b[5~");
    }
    std::thread::sleep(Duration::from_millis(500));
    let (rss, pss) = t.memory();
    println!("  memory after G and 40 pages up: RSS {rss:.1} MiB, PSS {pss:.1} MiB");
    t.send(b"q");
    let _ = t.child.wait();
}

fn main() {
    let o = options();
    let Ok(bin) = std::fs::canonicalize(&o.bin) else {
        eprintln!("termbench: {} not found; run `cargo build --release` first or pass --bin PATH", o.bin);
        std::process::exit(2);
    };
    let o = Options { bin: bin.to_string_lossy().into_owned(), ..o };
    println!("imbox terminal benchmark: {} contacts, {} keys, 200x60", o.contacts, o.keys);
    println!("requests answered at once:");
    run(&o, Duration::ZERO);
    println!("every request takes 2 s:");
    run(&o, Duration::from_secs(2));
}
