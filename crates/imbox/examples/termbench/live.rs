//! The live scenario: imbox on a Chatwoot account of the demo server with its realtime channel
//! open and the inbox's first conversation in the thread, and three figures — a message posted
//! over HTTP by another agent to the first frame that shows it in the thread; the CPU the imbox
//! process uses while idle with the socket open; and its memory after 10,000 events against
//! before them.

use crate::composer::{chatwoot_config, first_mine};
use crate::term::{Launch, Term, percentiles};
use std::time::{Duration, Instant};

/// Events the memory figure is taken after (the issue's figure).
const EVENTS: u64 = 10_000;

/// Runs the scenario: `posts` timed messages, `idle` of idle CPU, then the memory figure.
pub fn run(bin: &str, posts: usize, idle: Duration) {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let server = rt.block_on(imbox_demo::spawn(imbox_demo::DemoConfig::default())).expect("demo server");
    let conversation = first_mine(&rt, &server);
    let config = chatwoot_config(&server.base_url(), server.token());
    let mut t =
        Term::spawn(bin, &Launch { args: &["--no-mouse"], config: Some(&config), ..Launch::default() });
    let row = format!("#{conversation}");
    t.until("the Chatwoot inbox", |s| s.contains("Mine") && s.contains(&row));
    t.send(b"\r");
    t.until("the thread, live", |s| s.contains(" LIVE ") && s.contains("loaded"));
    t.settle(Duration::from_millis(500));

    let client = Colleague::new(&server, conversation);
    let mut times = Vec::with_capacity(posts);
    for i in 0..posts {
        // The last word only shows in the thread (the rows' previews are cut before it).
        let token = format!("LV{i:05}");
        let text = format!("a colleague's note number {i} for the live benchmark {token}");
        let start = Instant::now();
        rt.block_on(client.post(&text));
        times.push(t.until_since(start, "the posted message in the thread", |s| s.contains(&token)));
    }
    println!("  message posted over HTTP → first frame showing it: {}", percentiles(times));

    t.settle(Duration::from_millis(500));
    let pid = t.pid();
    let before = cpu_ticks(pid);
    let bytes = t.bytes();
    std::thread::sleep(idle);
    let used = cpu_ticks(pid).saturating_sub(before) as f64 / ticks_per_second();
    println!(
        "  idle with the socket open for {} s: {:.3} % of a core ({used:.2} s of CPU), {} bytes written",
        idle.as_secs(),
        100.0 * used / idle.as_secs_f64(),
        t.bytes() - bytes
    );

    let (rss0, _) = t.memory();
    let others: Vec<u64> = client.others(&rt);
    let mut written = 0;
    // Twice: growth in the first round only is the allocator's high-water mark; growth in both
    // would be something kept per event.
    for round in 1..=2 {
        let sent0 = server.cable_events_sent();
        written = burst(&rt, &server, &client, &mut t, &others, written, round);
        let (rss, _) = t.memory();
        println!(
            "  RSS before {} events ×{round} {rss0:.1} MiB, after {rss:.1} MiB ({:+.1} MiB; {written} customer messages so far)",
            server.cable_events_sent() - sent0,
            rss - rss0
        );
    }
    t.quit();
}

/// [`EVENTS`] events from customers writing in the conversations of `others` (not the open
/// one): each write is a message.created, often a message.updated and a notification; the rows
/// move, the badge changes. Paced so the socket keeps up as with real traffic. Returns how many
/// messages were written in all.
fn burst(
    rt: &tokio::runtime::Runtime,
    server: &imbox_demo::DemoServer,
    client: &Colleague,
    t: &mut Term,
    others: &[u64],
    mut i: usize,
    round: u32,
) -> usize {
    let sent0 = server.cable_events_sent();
    while server.cable_events_sent() - sent0 < EVENTS {
        let id = others[i % others.len()];
        server.customer_writes(id, &format!("customer message {i} for the memory figure"));
        i += 1;
        if i.is_multiple_of(10) {
            std::thread::sleep(Duration::from_millis(10));
        }
    }
    // Events arrive in order: once a message posted after them shows, every one before it was
    // applied (or, after a reconnect, caught up with).
    let mark = format!("ENDMARK{round}");
    rt.block_on(client.post(&format!("the end of the memory figure's events {mark}")));
    t.until("the marker after the events", |s| s.contains(&mark));
    t.settle(Duration::from_millis(1_000));
    i
}

/// Another agent of the demo, posting over real HTTP.
struct Colleague {
    http: reqwest::Client,
    url: String,
    base: String,
    token: String,
    me: String,
}

impl Colleague {
    fn new(server: &imbox_demo::DemoServer, conversation: u64) -> Colleague {
        Colleague {
            http: imbox_testkit::http_client(),
            url: format!("{}/api/v1/accounts/1/conversations/{conversation}/messages", server.base_url()),
            base: server.base_url(),
            token: server.other_agent_token(),
            me: server.token().to_string(),
        }
    }

    async fn post(&self, text: &str) {
        let body = serde_json::json!({ "content": text, "message_type": "outgoing" });
        let reply =
            self.http.post(&self.url).header("api_access_token", &self.token).json(&body).send().await;
        assert!(reply.is_ok_and(|r| r.status().is_success()), "termbench: the colleague's POST failed");
    }

    /// The display ids of the "Mine" view's first page but its first row (the open one): their
    /// rows are on screen, so the last write's row shows when everything was applied.
    fn others(&self, rt: &tokio::runtime::Runtime) -> Vec<u64> {
        let url =
            format!("{}/api/v1/accounts/1/conversations?assignee_type=me&status=open&page=1", self.base);
        let list: serde_json::Value = rt.block_on(async {
            let reply = self.http.get(url).header("api_access_token", &self.me).send().await.expect("list");
            reply.json().await.expect("a JSON list")
        });
        let ids: Vec<u64> = list["data"]["payload"]
            .as_array()
            .map(|a| a.iter().filter_map(|c| c["id"].as_u64()).collect())
            .unwrap_or_default();
        ids.into_iter().skip(1).collect()
    }
}

/// User plus system CPU time of process `pid` so far, in clock ticks (`/proc/<pid>/stat`).
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // The command name may hold spaces: fields are counted after its closing parenthesis.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    let field = |i: usize| fields.get(i).and_then(|f| f.parse::<u64>().ok()).unwrap_or(0);
    field(11) + field(12)
}

/// Clock ticks per second (`sysconf(_SC_CLK_TCK)`).
fn ticks_per_second() -> f64 {
    // SAFETY: sysconf only reads a configuration value.
    let n = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    if n > 0 { n as f64 } else { 100.0 }
}
