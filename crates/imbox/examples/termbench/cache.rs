//! The cache scenario (issue 16): how soon a start shows contact rows with the on-disk cache
//! against without it, on a demo server whose every request takes [`LATENCY`].
//!
//! 1. Starts without a cache (`IMBOX_CACHE=off`): spawn to the first frame that shows the
//!    demo's first contact in row 1 (the first page's request).
//! 2. One session with the cache on in a temporary `IMBOX_CACHE_DIR` pages through every contact
//!    (`PgDn`, each key until the rows on screen are loaded, so every page is answered and
//!    written), then quits; the store's size on disk and its length are read.
//! 3. Starts with that store, then with one holding only what a short session saw (the first
//!    pages): spawn to the first frame showing the first contact; RSS at that frame; and once,
//!    the number of contacts the filter knows, to check the store held every page.
//!
//! Every session is the same account — the demo on one pinned port, named by its URL — so
//! every start opens the same store file.

use crate::term::{Launch, Term};
use crate::{load_all, position, scanned};
use imbox_api::imbrace::{ClientConfig, ImbraceClient};
use imbox_api::{Backend, Secret};
use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What every request of the demo takes in this scenario.
pub const LATENCY: Duration = Duration::from_millis(300);

/// How long rows from a store may be on screen without the cache's mark before the
/// frame is counted anyway (see [`Session::start`]).
const UNMARKED: Duration = Duration::from_millis(50);

/// The scenario's parameters.
pub struct Params<'a> {
    /// The imbox binary.
    pub bin: &'a str,
    /// Contacts the demo serves.
    pub contacts: usize,
    /// Starts timed per case.
    pub runs: usize,
    /// The demo's latency while the big store is filled ([`LATENCY`] unless asked otherwise).
    pub fill_latency: Duration,
    /// Where to copy the store with every contact at the end (to look at it afterwards).
    pub keep_store: Option<PathBuf>,
}

/// A demo server on `port` with `contacts` contacts, each request taking `latency`.
fn demo(
    rt: &tokio::runtime::Runtime,
    port: u16,
    contacts: usize,
    latency: Duration,
) -> imbox_demo::DemoServer {
    let cfg =
        imbox_demo::DemoConfig { port: Some(port), contacts, latency, ..imbox_demo::DemoConfig::default() };
    rt.block_on(imbox_demo::spawn(cfg)).expect("demo server on the pinned port")
}

/// A free port on 127.0.0.1, for every demo server of the scenario.
fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind(("127.0.0.1", 0)).expect("a free port");
    listener.local_addr().expect("its address").port()
}

/// The display name of the demo's first contact, asked over HTTP.
fn first_contact(rt: &tokio::runtime::Runtime, base: &str, token: &str) -> String {
    let client = ImbraceClient::new(ClientConfig::new(base, Secret::new(token))).expect("client");
    let page = rt.block_on(Backend::contacts(&client, 1, 0)).expect("the first contact");
    page.items[0].display_name.clone()
}

/// A session on the demo's account: `--base-url`, its token, the cache on in `dir` or off.
struct Session<'a> {
    bin: &'a str,
    base: &'a str,
    token: &'a str,
    first: &'a str,
}

/// One start, timed: from just before the process is spawned to the frame that shows the first
/// contact in row 1 (the "1 / N" position and the name on screen: not a "Loading" frame).
struct Start {
    took: Duration,
    /// RSS and PSS (MiB) read as soon as that frame was seen.
    rss: f64,
    pss: f64,
    /// Whether the pane's border said the rows were cached ("cached just now", "… min ago").
    cached: bool,
    term: Term,
}

impl Session<'_> {
    fn spawn(&self, cache: Option<&Path>) -> (Instant, Term) {
        let dir = cache.map(|d| d.to_str().expect("utf-8 path").to_string());
        let mut env = vec![("IMBOX_TOKEN", self.token)];
        match &dir {
            Some(d) => env.extend([("IMBOX_CACHE", "on"), ("IMBOX_CACHE_DIR", d.as_str())]),
            None => env.push(("IMBOX_CACHE", "off")),
        }
        let launch = Launch { args: &["--base-url", self.base, "--no-mouse"], env: &env, config: None };
        let start = Instant::now();
        (start, Term::spawn(self.bin, &launch))
    }

    /// With a cache, the frame counted is the one whose border also says "cached …": a
    /// frame reaches the pty in several chunks, and the rows can be on screen a few microseconds
    /// before the bottom border. Rows that stay unmarked for [`UNMARKED`] are counted anyway, as
    /// unmarked (the mark is missing, or the rows came from the server).
    fn start(&self, cache: Option<&Path>) -> Start {
        let (start, term) = self.spawn(cache);
        let rows_seen: Cell<Option<Instant>> = Cell::new(None);
        let marked = Cell::new(false);
        let took = term.until_since(start, "the first contact row", |s| {
            if !(s.contains(self.first) && position(s) == Some(1)) {
                return false;
            }
            marked.set(cache_mark(s));
            if cache.is_none() || marked.get() {
                return true;
            }
            let seen = rows_seen.get().unwrap_or_else(Instant::now);
            rows_seen.set(Some(seen));
            seen.elapsed() >= UNMARKED
        });
        let (rss, pss) = term.memory();
        Start { took, rss, pss, cached: marked.get(), term }
    }
}

/// Whether a pane's border says its rows came from the cache: "cached just now", or "cached 3
/// min ago" (the first start after the fill: the first page was written minutes before).
fn cache_mark(screen: &str) -> bool {
    screen.match_indices("cached ").any(|(at, _)| {
        let rest = &screen[at + "cached ".len()..];
        let label: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == ' ').collect();
        label.starts_with("just now") || label.trim_end().ends_with(" ago")
    })
}

/// The bytes a file takes on disk (allocated blocks, as `du` counts) and its length.
fn file_size(path: &Path) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(path).expect("the store's metadata");
    (meta.blocks() * 512, meta.len())
}

/// Every file of the store directory with its size on disk and length.
fn store_files(dir: &Path) -> Vec<(String, u64, u64)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("the cache directory")
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| {
            let (disk, len) = file_size(&e.path());
            (e.file_name().to_string_lossy().into_owned(), disk, len)
        })
        .collect();
    files.sort();
    files
}

fn print_store(what: &str, dir: &Path) {
    let files = store_files(dir);
    if files.is_empty() {
        println!("  {what}: no file in {}", dir.display());
    }
    for (name, disk, len) in files {
        println!(
            "  {what}: {name}: {:.1} MiB on disk (st_blocks × 512), length {:.1} MiB ({len} bytes)",
            disk as f64 / 1_048_576.0,
            len as f64 / 1_048_576.0
        );
    }
}

/// p50 and the largest of `v` in milliseconds, with the count.
fn p50_max(mut v: Vec<Duration>) -> String {
    v.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    format!("p50 {:.1} ms  max {:.1} ms  (n={})", ms(v[(v.len() - 1) / 2]), ms(v[v.len() - 1]), v.len())
}

/// The median of `v`.
fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[(v.len() - 1) / 2]
}

/// `runs` starts with the store in `dir` (or without a cache): the times, and the RSS at the
/// first frame; each session settles (the server's answer, the scan of the cached contacts) and
/// quits before the next starts, so one store is never opened twice at once.
fn starts(s: &Session<'_>, dir: Option<&Path>, runs: usize, what: &str) {
    let (mut times, mut rss, mut pss, mut marked) = (Vec::new(), Vec::new(), Vec::new(), 0);
    for _ in 0..runs {
        let start = s.start(dir);
        times.push(start.took);
        rss.push(start.rss);
        pss.push(start.pss);
        marked += usize::from(start.cached);
        start.term.settle(Duration::from_millis(500));
        start.term.quit();
    }
    let in_order: Vec<String> = times.iter().map(|d| format!("{:.0}", d.as_secs_f64() * 1000.0)).collect();
    println!(
        "  start → first frame with contact rows, {what}: {}; RSS at that frame p50 {:.1} MiB; \
         PSS {:.1} MiB; marked \"cached …\" in {marked} of {runs}; in order (ms): {}",
        p50_max(times),
        median(rss),
        median(pss),
        in_order.join(" ")
    );
}

/// How many contacts the filter knows in a session on the store in `dir` once the start's
/// loading is done ("Search · n/TOTAL loaded" after one key), and RSS and PSS by then.
fn contacts_known(s: &Session<'_>, dir: &Path) -> (usize, f64, f64) {
    let mut t = s.start(Some(dir)).term;
    // The scan of the cached contacts lands in chunks after the first frame.
    t.settle(Duration::from_millis(1_000));
    let (rss, pss) = t.memory();
    t.send(b"/");
    t.until("the search line", |s| s.contains("Search"));
    t.send(b"e");
    t.until("the filter's count", |s| s.contains("/ e") && scanned(s).is_some());
    let n = scanned(&t.screen()).unwrap_or(0);
    t.send(b"\x1b");
    t.until("the contact list back", |s| s.contains("Contacts") && !s.contains("Search ·"));
    t.quit();
    (n, rss, pss)
}

/// Runs the scenario and prints its figures.
pub fn run(p: &Params<'_>) {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let port = free_port();
    let mut server = demo(&rt, port, p.contacts, LATENCY);
    let base = server.base_url();
    let token = server.token().to_string();
    let first = first_contact(&rt, &base, &token);
    let s = Session { bin: p.bin, base: &base, token: &token, first: &first };
    println!(
        "  account {base} (pinned), first contact \"{first}\", every request {} ms",
        LATENCY.as_millis()
    );

    starts(&s, None, p.runs, "no cache (IMBOX_CACHE=off)");

    // The big store: one session pages through every contact.
    let big = tempfile::tempdir().expect("cache dir");
    if p.fill_latency != LATENCY {
        rt.block_on(server.shutdown());
        server = demo(&rt, port, p.contacts, p.fill_latency);
    }
    let began = Instant::now();
    let (_, mut t) = s.spawn(Some(big.path()));
    t.until("the first page", |s| position(s) == Some(1));
    let keys = load_all(&mut t, p.contacts);
    t.settle(Duration::from_millis(1_000));
    let paged = began.elapsed();
    t.quit();
    let closed = began.elapsed();
    println!(
        "  filled a store: {keys} PgDn keys through all {} contacts at {} ms a request in {:.1} s \
         (quit, store closed, at {:.1} s)",
        p.contacts,
        p.fill_latency.as_millis(),
        paged.as_secs_f64(),
        closed.as_secs_f64()
    );
    print_store("store with every contact", big.path());
    if p.fill_latency != LATENCY {
        rt.block_on(server.shutdown());
        server = demo(&rt, port, p.contacts, LATENCY);
    }

    // A typical session's store: the start, its prefetched pages, quit.
    let small = tempfile::tempdir().expect("cache dir");
    let t = s.start(Some(small.path())).term;
    t.settle(Duration::from_millis(1_000));
    t.quit();
    print_store("store of a short session", small.path());

    starts(&s, Some(big.path()), p.runs, &format!("the store with all {} contacts", p.contacts));
    starts(&s, Some(small.path()), p.runs, "the store of a short session");

    let (n, rss, pss) = contacts_known(&s, big.path());
    println!(
        "  with the big store, 1 s after the start's loading: the filter knows {n} contacts; RSS {rss:.1} MiB, PSS {pss:.1} MiB"
    );
    let (n, rss, pss) = contacts_known(&s, small.path());
    println!(
        "  with the short session's store, the same: the filter knows {n} contacts; RSS {rss:.1} MiB, PSS {pss:.1} MiB"
    );
    print_store("store with every contact, after the starts", big.path());
    if let Some(to) = &p.keep_store {
        for (name, _, _) in store_files(big.path()) {
            std::fs::copy(big.path().join(&name), to.join(&name)).expect("copy the store");
            println!("  kept a copy in {}", to.join(&name).display());
        }
    }
    rt.block_on(server.shutdown());
}
