//! The terminal benchmark: runs the real `imbox` binary in a pseudo-terminal against an
//! in-process demo server and reports what a user feels — start to first interactive frame,
//! keystroke to settled screen (p50/p95/p99) for moving through the list and for filtering,
//! bytes written per key, and memory (RSS/PSS) after the first page and with every contact
//! loaded; a server search on a fresh start (last key to results, "No matches" shown too
//! early, frames drawn for nothing); frames beyond one per `j` — then the same key latencies
//! while every request takes 2 s; and the composer on a
//! Chatwoot account: a typed key to the screen showing it in a 2,000-character draft, and
//! Enter to the message on screen marked `sending…` (`composer.rs`); and live on Chatwoot: a
//! message posted over HTTP to the frame showing it, idle CPU with the socket open, memory
//! after 10,000 events (`live.rs`); and the on-disk cache with every request taking 300 ms:
//! start to the first frame with contact rows without a cache, with a store holding every
//! contact and with one of a short session, and the big store's size on disk (`cache.rs`).
//!
//! Timing is event-driven: a reader thread feeds the terminal's output to a VT parser and
//! stamps each chunk with its arrival time; after each chunk the waiting side looks at the
//! screen, and a key's latency is the arrival of the chunk after which the screen showed its
//! effect (no polling interval inside the figures).
//!
//! ```sh
//! cargo build --release && cargo run --release --example termbench
//! cargo run --release --example termbench -- --bin target/release/imbox --contacts 65681 --keys 200
//! cargo run --release --example termbench -- --only composer --typed 2000 --sends 50
//! cargo run --release --example termbench -- --only live --posts 300 --idle 60
//! cargo run --release --example termbench -- --only search --searches 10
//! cargo run --release --example termbench -- --only cache --runs 10
//! ```
//!
//! Figures and method: docs/performance.md.

// A benchmark that cannot set up has nothing to measure: it stops with the reason.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod cache;
mod composer;
mod live;
mod term;

use std::time::{Duration, Instant};
use term::{Frames, Launch, Term, percentiles};

struct Options {
    bin: String,
    contacts: usize,
    keys: usize,
    /// Which scenarios run: `list` (contacts, with the fresh-start search), `search` (that
    /// alone), `composer`, `live`, `cache`, or every one (`all`).
    only: String,
    /// Keys typed into the composer's 2,000-character draft.
    typed: usize,
    /// Replies sent from the composer.
    sends: usize,
    /// Messages posted by another agent in the live scenario.
    posts: usize,
    /// Seconds of idle CPU measured in the live scenario.
    idle: u64,
    /// Fresh starts timed for the server search, per typing pace.
    searches: usize,
    /// Starts timed per case in the cache scenario.
    runs: usize,
    /// The demo's latency (ms) while the cache scenario fills its big store.
    fill_latency: u64,
    /// A directory the cache scenario copies its store of every contact into, at the end.
    keep_store: Option<String>,
}

fn options() -> Options {
    let mut o = Options {
        bin: "target/release/imbox".into(),
        contacts: 65_681,
        keys: 200,
        only: "all".into(),
        typed: 2_000,
        sends: 50,
        posts: 300,
        idle: 60,
        searches: 10,
        runs: 10,
        fill_latency: cache::LATENCY.as_millis() as u64,
        keep_store: None,
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    for pair in args.chunks(2) {
        match (pair[0].as_str(), pair.get(1)) {
            ("--bin", Some(v)) => o.bin = v.clone(),
            ("--contacts", Some(v)) => o.contacts = v.parse().unwrap_or(o.contacts),
            ("--keys", Some(v)) => o.keys = v.parse().unwrap_or(o.keys),
            ("--only", Some(v)) => o.only = v.clone(),
            ("--typed", Some(v)) => o.typed = v.parse().unwrap_or(o.typed),
            ("--sends", Some(v)) => o.sends = v.parse().unwrap_or(o.sends),
            ("--posts", Some(v)) => o.posts = v.parse().unwrap_or(o.posts),
            ("--idle", Some(v)) => o.idle = v.parse().unwrap_or(o.idle),
            ("--searches", Some(v)) => o.searches = v.parse().unwrap_or(o.searches),
            ("--runs", Some(v)) => o.runs = v.parse().unwrap_or(o.runs).max(1),
            ("--fill-latency", Some(v)) => o.fill_latency = v.parse().unwrap_or(o.fill_latency),
            ("--keep-store", Some(v)) => o.keep_store = Some(v.clone()),
            (other, _) => eprintln!("termbench: ignoring {other}"),
        }
    }
    o
}

/// The "n / total" position shown in the contacts pane's frame, if any.
fn position(screen: &str) -> Option<usize> {
    let at = screen.find(" / ")?;
    let digits: String = screen[..at].chars().rev().take_while(|c| c.is_ascii_digit() || *c == ',').collect();
    digits.chars().rev().filter(char::is_ascii_digit).collect::<String>().parse().ok()
}

/// Moves the selection `n` times with `j`, timing each key to the screen showing the new
/// position; also the bytes written per key and the frames drawn beyond one per key (a second
/// frame after a key settled: a prefetched page landing, a spinner), counted until the screen
/// has been quiet for 500 ms after the last key.
fn move_keys(t: &mut Term, n: usize) -> (Vec<Duration>, f64, Frames) {
    let mut times = Vec::with_capacity(n);
    let bytes_before = t.bytes();
    let began = Instant::now();
    for _ in 0..n {
        let from = position(&t.screen()).unwrap_or(0);
        let start = Instant::now();
        t.send(b"j");
        times.push(
            t.until_since(start, "the selection to move", |s| position(s).is_some_and(|p| p == from + 1)),
        );
    }
    let per_key = (t.bytes() - bytes_before) as f64 / n as f64;
    t.settle(Duration::from_millis(500));
    let frames = t.frames_since(began);
    (times, per_key, frames)
}

/// Search on a fresh start: a new imbox (only the first contact page seen), `/`, then `query`
/// typed a key every `pace`; timed from the last key to the server's results on screen (the
/// title says "server results"). Also: whether "No matches" was ever shown before them, and
/// the frames drawn from the first key until the screen was quiet for 500 ms after the
/// results, with those that changed nothing (a superseded debounce timer's cursor-only frame).
fn fresh_search(
    o: &Options,
    base_url: &str,
    token: &str,
    query: &str,
    pace: Duration,
) -> (Duration, bool, Frames) {
    let env = [("IMBOX_TOKEN", token)];
    let launch = Launch { args: &["--base-url", base_url, "--no-mouse"], env: &env, config: None };
    let mut t = Term::spawn(&o.bin, &launch);
    t.until("the first page", |s| position(s) == Some(1));
    t.settle(Duration::from_millis(500));
    t.send(b"/");
    t.until("the search line", |s| s.contains("Search"));
    t.settle(Duration::from_millis(100));
    let began = Instant::now();
    let said_none = std::cell::Cell::new(false);
    let mut last = began;
    for (i, c) in query.chars().enumerate() {
        if i > 0 {
            std::thread::sleep(pace.saturating_sub(last.elapsed()));
        }
        last = Instant::now();
        t.send(c.to_string().as_bytes());
    }
    // The results for the whole query: the search line shows it, and the title says the server
    // answered. (The title alone can still be the previous query's answer when the last key is
    // sent, which timed as 0 ms with a server faster than the pace.)
    let line = format!("/ {query}");
    let took = t.until_since(last, "the server's results", |s| {
        said_none.set(said_none.get() || s.contains("No matches"));
        s.contains(&line) && s.contains("server results")
    });
    t.settle(Duration::from_millis(500));
    let frames = t.frames_since(began);
    // Esc alone closes the search line (`q` there is typed); then quit.
    t.send(b"\x1b");
    t.until("the contact list back", |s| s.contains("Contacts") && !s.contains("Search ·"));
    t.quit();
    (took, said_none.get(), frames)
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

/// The server search on a fresh start, [`Options::searches`] times at each typing pace, a new
/// imbox each time on `server`.
fn search_scenario(o: &Options, server: &imbox_demo::DemoServer) {
    let (base_url, token) = (server.base_url(), server.token().to_string());
    for pace in [Duration::from_millis(100), Duration::from_millis(20)] {
        let mut times = Vec::new();
        let (mut none, mut frames) = (0, Frames::default());
        for _ in 0..o.searches {
            let (took, said_none, f) = fresh_search(o, &base_url, &token, "wei-ting", pace);
            times.push(took);
            none += usize::from(said_none);
            frames.drawn += f.drawn;
            frames.empty += f.empty;
        }
        println!(
            "  server search on a fresh start (\"wei-ting\", a key every {} ms), last key to results: {}; \
             \"No matches\" shown before them in {none} of {}; frames {} drawn, {} for nothing (superseded timers)",
            pace.as_millis(),
            percentiles(times),
            o.searches,
            frames.drawn,
            frames.empty
        );
    }
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
    let base_url = server.base_url();
    let env = [("IMBOX_TOKEN", server.token())];
    let launch = Launch { args: &["--base-url", &base_url, "--no-mouse"], env: &env, config: None };
    let mut t = Term::spawn(&o.bin, &launch);
    let first = t.until("the first page", |s| position(s) == Some(1));
    println!("  start to first interactive frame: {:.1} ms", first.as_secs_f64() * 1000.0);
    t.settle(Duration::from_millis(500));
    let (rss, pss) = t.memory();
    println!("  memory after the first page: RSS {rss:.1} MiB, PSS {pss:.1} MiB");
    let (times, per_key, frames) = move_keys(&mut t, o.keys);
    println!("  move selection (j): {}; {per_key:.0} bytes written per key", percentiles(times));
    println!(
        "  frames for {} j keys: {} drawn, second frames (beyond one per key): {}, drawn for nothing: {}",
        o.keys,
        frames.drawn,
        frames.drawn.saturating_sub(o.keys),
        frames.empty
    );
    t.settle(Duration::from_millis(500));
    let (times, looked_at) = filter_keys(&mut t, "wei chen");
    println!("  filter as you type over {looked_at} contacts seen: {}", percentiles(times));
    if latency.is_zero() {
        search_scenario(o, &server);
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
    t.quit();
}

fn main() {
    let o = options();
    let Ok(bin) = std::fs::canonicalize(&o.bin) else {
        eprintln!("termbench: {} not found; run `cargo build --release` first or pass --bin PATH", o.bin);
        std::process::exit(2);
    };
    let o = Options { bin: bin.to_string_lossy().into_owned(), ..o };
    if matches!(o.only.as_str(), "all" | "list") {
        println!("imbox terminal benchmark: {} contacts, {} keys, 200x60", o.contacts, o.keys);
        println!("requests answered at once:");
        run(&o, Duration::ZERO);
        println!("every request takes 2 s:");
        run(&o, Duration::from_secs(2));
    }
    if o.only == "search" {
        println!("server search on a fresh start, {} contacts, 200x60:", o.contacts);
        let rt = tokio::runtime::Runtime::new().expect("runtime");
        let cfg = imbox_demo::DemoConfig { contacts: o.contacts, ..imbox_demo::DemoConfig::default() };
        let server = rt.block_on(imbox_demo::spawn(cfg)).expect("demo server");
        search_scenario(&o, &server);
    }
    if matches!(o.only.as_str(), "all" | "composer") {
        println!("composer on a Chatwoot account, 200x60:");
        composer::run(&o.bin, o.typed, o.sends);
    }
    if matches!(o.only.as_str(), "all" | "live") {
        println!("live on a Chatwoot account (realtime channel open), 200x60:");
        live::run(&o.bin, o.posts, Duration::from_secs(o.idle));
    }
    if matches!(o.only.as_str(), "all" | "cache") {
        println!(
            "on-disk cache, {} contacts, every request {} ms, 200x60:",
            o.contacts,
            cache::LATENCY.as_millis()
        );
        cache::run(&cache::Params {
            bin: &o.bin,
            contacts: o.contacts,
            runs: o.runs,
            fill_latency: Duration::from_millis(o.fill_latency),
            keep_store: o.keep_store.as_ref().map(std::path::PathBuf::from),
        });
    }
}
