//! The terminal benchmark: runs the real `imbox` binary in a pseudo-terminal against an
//! in-process demo server and reports what a user feels — start to first interactive frame,
//! keystroke to settled screen (p50/p95/p99) for moving through the list and for filtering,
//! bytes written per key, and memory (RSS/PSS) after the first page and with every contact
//! loaded — then the same key latencies while every request takes 2 s.
//!
//! Timing is event-driven: a reader thread feeds the terminal's output to a VT parser and
//! stamps each chunk with its arrival time; after each chunk the waiting side looks at the
//! screen, and a key's latency is the arrival of the chunk after which the screen showed its
//! effect (no polling interval inside the figures).
//!
//! ```sh
//! cargo build --release && cargo run --release --example termbench
//! cargo run --release --example termbench -- --bin target/release/imbox --contacts 65681 --keys 200
//! ```
//!
//! Figures and method: docs/performance.md.

// A benchmark that cannot set up has nothing to measure: it stops with the reason.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::{Arc, Condvar, Mutex};
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

/// What the reader thread has seen: the parsed screen, bytes so far, when the last chunk came.
struct Output {
    parser: vt100::Parser,
    bytes: usize,
    last_chunk: Instant,
}

/// imbox in a pty: its output (with a condition variable signalled per chunk) and its input.
struct Term {
    out: Arc<(Mutex<Output>, Condvar)>,
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
        let output =
            Output { parser: vt100::Parser::new(rows, cols, 0), bytes: 0, last_chunk: Instant::now() };
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
                    o.parser.process(&buf[..n]);
                    o.bytes += n;
                    o.last_chunk = arrived;
                }
                ready.notify_all();
            }
        });
        Term { out, writer, child, _home: home }
    }

    fn screen(&self) -> String {
        self.out.0.lock().map(|o| o.parser.screen().contents()).unwrap_or_default()
    }

    fn bytes(&self) -> usize {
        self.out.0.lock().map(|o| o.bytes).unwrap_or(0)
    }

    /// Waits until the screen satisfies `cond`, looking after every chunk of output; returns
    /// the time from `start` to the arrival of the chunk after which it held.
    fn until_since(&self, start: Instant, what: &str, cond: impl Fn(&str) -> bool) -> Duration {
        let (lock, ready) = &*self.out;
        let mut o = lock.lock().expect("output lock");
        loop {
            if cond(&o.parser.screen().contents()) {
                return o.last_chunk.saturating_duration_since(start);
            }
            if start.elapsed() > PATIENCE {
                panic!("termbench: gave up waiting for {what}; screen:\n{}", o.parser.screen().contents());
            }
            o = ready.wait_timeout(o, Duration::from_millis(50)).expect("output lock").0;
        }
    }

    /// [`Term::until_since`] from now.
    fn until(&self, what: &str, cond: impl Fn(&str) -> bool) -> Duration {
        self.until_since(Instant::now(), what, cond)
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
        times.push(
            t.until_since(start, "the selection to move", |s| position(s).is_some_and(|p| p == from + 1)),
        );
    }
    let per_key = (t.bytes() - bytes_before) as f64 / n as f64;
    (times, per_key)
}

/// How many contacts the local filter looked at, from the search pane's title
/// ("Search · 12/65,681 loaded").
fn scanned(screen: &str) -> Option<usize> {
    let end = screen.find(" loaded")?;
    let head = &screen[..end];
    let digits = &head[head.rfind('/')? + 1..];
    digits.chars().filter(char::is_ascii_digit).collect::<String>().parse().ok()
}

/// Pages down through the whole list, each key waiting until the rows on screen are loaded
/// (as someone reading the list would), so every contact page is fetched; returns the keys.
fn load_all(t: &mut Term, total: usize) -> usize {
    let mut keys = 0;
    loop {
        let from = position(&t.screen()).unwrap_or(0);
        if from >= total {
            return keys;
        }
        t.send(b"\x1b[6~");
        // A row not loaded yet is drawn as " …" and nothing else up to the pane's border.
        let placeholder = format!(" …{}", " ".repeat(20));
        t.until("the next page, loaded", |s| {
            position(s).is_some_and(|p| p > from) && !s.contains(&placeholder)
        });
        keys += 1;
    }
}

/// Types `query` into the search line, timing each key to the screen showing it typed; also
/// returns how many contacts the filter looked at.
fn filter_keys(t: &mut Term, query: &str) -> (Vec<Duration>, usize) {
    t.send(b"/");
    t.until("the search line", |s| s.contains("Search"));
    let mut typed = String::new();
    let mut times = Vec::new();
    for c in query.chars() {
        typed.push(c);
        let start = Instant::now();
        t.send(c.to_string().as_bytes());
        let want = format!("/ {typed}");
        times.push(t.until_since(start, "the typed query", |s| s.contains(&want)));
    }
    let looked_at = scanned(&t.screen()).unwrap_or(0);
    // Esc alone, then wait for the list: a key right behind it would read as Alt-key.
    t.send(b"\x1b");
    t.until("the contact list back", |s| s.contains("Contacts") && !s.contains("Search ·"));
    (times, looked_at)
}

fn run(o: &Options, latency: Duration) {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let server = rt
        .block_on(imbox_demo::spawn(imbox_demo::DemoConfig {
            contacts: o.contacts,
            latency,
            ..imbox_demo::DemoConfig::default()
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
    let (times, looked_at) = filter_keys(&mut t, "wei chen");
    println!("  filter as you type over {looked_at} contacts seen: {}", percentiles(times));
    if latency.is_zero() {
        // Every contact: page down through the whole list, then measure memory and filtering.
        let started = Instant::now();
        let keys = load_all(&mut t, o.contacts);
        t.settle(Duration::from_millis(1000));
        let took = started.elapsed().as_secs_f64();
        println!("  paged through all {} contacts: {keys} PgDn keys in {took:.1} s", o.contacts);
        let (rss, pss) = t.memory();
        println!("  memory with every contact loaded: RSS {rss:.1} MiB, PSS {pss:.1} MiB");
        let mut all = Vec::new();
        let mut looked_at = 0;
        for _ in 0..5 {
            let (times, n) = filter_keys(&mut t, "wei chen");
            all.extend(times);
            looked_at = n;
        }
        println!("  filter as you type over {looked_at} contacts seen (5 x 8 keys): {}", percentiles(all));
        let (rss, pss) = t.memory();
        println!("  memory after filtering them: RSS {rss:.1} MiB, PSS {pss:.1} MiB");
    } else {
        // Everywhere in the list: the end, then pages around it.
        t.send(b"G");
        t.until("the last contact", |s| position(s) == Some(o.contacts));
        for _ in 0..40 {
            t.send(b"\x1b[5~");
        }
        std::thread::sleep(Duration::from_millis(500));
        let (rss, pss) = t.memory();
        println!("  memory after G and 40 pages up: RSS {rss:.1} MiB, PSS {pss:.1} MiB");
    }
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
