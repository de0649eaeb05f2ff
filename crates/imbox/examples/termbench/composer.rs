//! The composer scenario: imbox on a Chatwoot account of the demo server, a reply composer on
//! the inbox's first conversation, and two latencies a user feels there — a key typed into a
//! 2,000-character draft to the screen showing it, and Enter to the message on screen in the
//! thread marked `sending…`.

use crate::term::{Launch, Term, percentiles};
use std::time::{Duration, Instant};

/// Characters in the draft the typed keys go into (the issue's figure).
const DRAFT_CHARS: usize = 2_000;

/// Keys typed before they are erased again, so the draft stays between `DRAFT_CHARS` and
/// `DRAFT_CHARS + ROUND` characters however many keys are measured.
const ROUND: usize = 100;

/// What is typed, over and over: words and spaces, so the composer's word wrap moves words to
/// the next row as a person's typing would.
const WORDS: &str = "thanks for waiting we have refunded the order and the courier will call you tomorrow ";

/// How long the server holds each send, so `sending…` stays on screen long enough to be seen
/// whatever the client does (the key's latency is measured to its first frame, not to this).
const SEND_HELD: Duration = Duration::from_millis(300);

/// Runs the scenario: `typed` keys into the draft, then `sends` replies, each part on an imbox
/// of its own (Esc keeps a draft, and a reply must not carry the draft along).
pub fn run(bin: &str, typed: usize, sends: usize) {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let server = rt.block_on(imbox_demo::spawn(imbox_demo::DemoConfig::default())).expect("demo server");
    let conversation = first_mine(&rt, &server);
    let config = chatwoot_config(&server.base_url(), server.token());

    let mut t = start(bin, &config, conversation);
    open_composer(&mut t);
    // The thread behind the composer loads now: not inside the figures.
    t.settle(Duration::from_millis(500));
    let draft = draft();
    fill(&mut t, &draft);
    let (times, per_key) = typing(&mut t, &draft, typed);
    println!("  typing into a {DRAFT_CHARS}-character draft: {}", percentiles(times));
    println!("  bytes written per typed key: {per_key:.0}");
    // Esc first: `q` would be typed into the composer.
    t.send(b"\x1b");
    t.until_screen("the composer closed", |s| text_box(s).is_none());
    t.quit();

    if sends == 0 {
        return;
    }
    let mut t = start(bin, &config, conversation);
    let times = send_replies(&mut t, &server, conversation, sends);
    println!("  Enter to the message on screen marked sending…: {}", percentiles(times));
    t.quit();
}

/// imbox on `config` in a pty, on the Chatwoot inbox with `conversation` listed (the first
/// row, selected), once the start-up loading is done.
fn start(bin: &str, config: &str, conversation: u64) -> Term {
    let t = Term::spawn(bin, &Launch { args: &["--no-mouse"], config: Some(config), ..Launch::default() });
    let row = format!("#{conversation}");
    t.until("the Chatwoot inbox", |s| s.contains("Mine") && s.contains(&row));
    t.settle(Duration::from_millis(500));
    t
}

/// The config file of one Chatwoot profile on the demo server (as the e2e tests' rig writes it).
pub fn chatwoot_config(base_url: &str, token: &str) -> String {
    format!(
        "[[profile]]\nname = \"cw\"\nbackend = \"chatwoot\"\nbase_url = \"{base_url}\"\naccount_id = 1\n\
         token_command = \"echo {token}\"\ntoken_store = \"file\"\n"
    )
}

/// The display id of the conversation the inbox opens on: the first of Mine (open, assigned to
/// me) as the server lists it. Sends are slowed down on this conversation's route.
pub fn first_mine(rt: &tokio::runtime::Runtime, server: &imbox_demo::DemoServer) -> u64 {
    let url =
        format!("{}/api/v1/accounts/1/conversations?assignee_type=me&status=open&page=1", server.base_url());
    let token = server.token().to_string();
    let list: serde_json::Value = rt.block_on(async move {
        let reply = imbox_testkit::http_client()
            .get(url)
            .header("api_access_token", token)
            .send()
            .await
            .expect("list conversations");
        reply.json().await.expect("a JSON list")
    });
    list["data"]["payload"][0]["id"]
        .as_u64()
        .unwrap_or_else(|| panic!("termbench: no conversation in {list}"))
}

/// `DRAFT_CHARS` characters of [`WORDS`].
fn draft() -> String {
    WORDS.chars().cycle().take(DRAFT_CHARS).collect()
}

/// Where the composer's text is on screen: the cells inside its frame, ends exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct TextBox {
    top: u16,
    bottom: u16,
    left: u16,
    right: u16,
}

/// The open reply composer's text box: inside the frame whose top edge carries `✎ Reply to`.
fn text_box(screen: &vt100::Screen) -> Option<TextBox> {
    let (rows, cols) = screen.size();
    let glyph = |r: u16, c: u16| screen.cell(r, c).map_or("", vt100::Cell::contents);
    let title = screen.rows(0, cols).position(|row| row.contains("✎ Reply to"))? as u16;
    let pen = (0..cols).find(|&c| glyph(title, c) == "✎")?;
    let left = (0..pen).rev().find(|&c| glyph(title, c) == "┌")?;
    let right = (pen..cols).find(|&c| glyph(title, c) == "┐")?;
    let bottom = (title + 1..rows).find(|&r| glyph(r, left) == "└")?;
    Some(TextBox { top: title + 1, bottom, left: left + 1, right })
}

/// Stands for the text area's cursor in [`composer_view`]: the text area draws its cursor as
/// one cell in the selected style (black on cyan), which the screen's text does not show.
const CURSOR: char = '▮';

/// The composer's text as drawn: its rows joined by newlines, the cursor cell as [`CURSOR`];
/// `None` when no composer is open.
fn composer_view(screen: &vt100::Screen) -> Option<String> {
    let b = text_box(screen)?;
    let mut view = String::new();
    for r in b.top..b.bottom {
        for c in b.left..b.right {
            let Some(cell) = screen.cell(r, c) else { continue };
            if cell.bgcolor() == vt100::Color::Idx(6) {
                view.push(CURSOR);
            } else if cell.has_contents() {
                view.push_str(cell.contents());
            } else if !cell.is_wide_continuation() {
                view.push(' ');
            }
        }
        view.push('\n');
    }
    Some(view)
}

/// `s` without white space or the cursor: what the soft wrap cannot change.
fn squeeze(s: &str) -> String {
    s.chars().filter(|&c| !c.is_whitespace() && c != CURSOR).collect()
}

/// The last `n` characters of `s` that [`squeeze`] keeps.
fn squeezed_tail(s: &str, n: usize) -> String {
    let all: Vec<char> = squeeze(s).chars().collect();
    all[all.len().saturating_sub(n)..].iter().collect()
}

/// Whether the composer's text, as drawn, ends with `tail` (squeezed).
fn composer_ends_with(screen: &vt100::Screen, tail: &str) -> bool {
    composer_view(screen).is_some_and(|v| squeeze(&v).ends_with(tail))
}

/// `r` on the selected conversation, and waits for the composer.
fn open_composer(t: &mut Term) {
    t.send(b"r");
    t.until_screen("the composer", |s| text_box(s).is_some());
}

/// Types `draft` into the composer, one key at a time, each waiting until it shows (setup, not
/// measured). Not in one write, as a paste would come without bracketed paste: crossterm 0.29
/// reads the terminal 1,024 bytes at a time on an edge-triggered poll and returns as soon as
/// those give a key, and bytes of a burst it has not read wait there until the next key comes
/// (a 2,000-character write showed exactly 1,024 characters until one more key was written;
/// 500-byte writes stalled too).
fn fill(t: &mut Term, draft: &str) {
    let mut typed = String::new();
    for key in draft.chars() {
        typed.push(key);
        key_until_shown(t, key.to_string().as_bytes(), &typed);
    }
    // The draft is written to disk half a second after the last key: not inside the figures.
    t.settle(Duration::from_millis(700));
}

/// Writes `key` and waits until the composer shows `text` (the whole text after the key);
/// returns the time from the write to the arrival of the output after which it did, and the
/// bytes the terminal received meanwhile.
///
/// "Shows": the composer's text box differs from what it was before the key (a space shows only
/// as the cursor moving on) and its text, white space aside, ends with the end of `text` —
/// robust to the soft wrap moving a word to the next row and to the box scrolling.
fn key_until_shown(t: &mut Term, key: &[u8], text: &str) -> (Duration, usize) {
    let tail = squeezed_tail(text, 24);
    let before = t.look(composer_view);
    let bytes_before = t.bytes();
    let start = Instant::now();
    t.send(key);
    let took = t.until_screen_since(start, "a key's effect in the composer", |s| {
        composer_view(s).is_some_and(|v| Some(&v) != before.as_ref() && squeeze(&v).ends_with(&tail))
    });
    (took, t.bytes() - bytes_before)
}

/// Types `n` keys of [`WORDS`] into the composer holding `draft`, each timed by
/// [`key_until_shown`]; every [`ROUND`] keys they are erased again with Backspace (not timed).
/// Returns the times and the bytes the terminal received per typed key.
fn typing(t: &mut Term, draft: &str, n: usize) -> (Vec<Duration>, f64) {
    let mut keys = WORDS.chars().cycle();
    let mut times = Vec::with_capacity(n);
    let mut bytes = 0;
    let mut text = draft.to_string();
    while times.len() < n {
        let key = keys.next().expect("an endless cycle");
        text.push(key);
        let (took, written) = key_until_shown(t, key.to_string().as_bytes(), &text);
        times.push(took);
        bytes += written;
        if text.len() - draft.len() == ROUND || times.len() == n {
            while text.len() > draft.len() {
                text.pop();
                key_until_shown(t, b"\x7f", &text);
            }
        }
    }
    (times, bytes as f64 / n as f64)
}

/// Sends `n` short replies to conversation `id`, each from `r` (which opens the composer
/// again), its text in one write and Enter; times Enter to the thread showing the message
/// marked `sending…`. The server holds each send [`SEND_HELD`], and the next reply waits for the
/// answer, so the one `sending…` on screen is always the reply just sent.
fn send_replies(t: &mut Term, server: &imbox_demo::DemoServer, id: u64, n: usize) -> Vec<Duration> {
    let route = format!("/conversations/{id}/messages");
    let mut times = Vec::with_capacity(n);
    for i in 0..n {
        open_composer(t);
        let text = format!("bench reply {i:03} done");
        t.send(text.as_bytes());
        let tail = squeeze(&text);
        t.until_screen("the reply in the composer", |s| composer_ends_with(s, &tail));
        // The first `r` opened the conversation too: its thread loads before Enter is timed.
        t.settle(Duration::from_millis(100));
        server.inject_on("POST", &route, imbox_demo::Fault::Latency(SEND_HELD), 1);
        let start = Instant::now();
        t.send(b"\r");
        times.push(t.until_screen_since(start, "the reply marked sending…", |s| {
            let screen = s.contents();
            text_box(s).is_none() && screen.contains(&text) && screen.contains("sending…")
        }));
        t.until("the server's answer", |s| !s.contains("sending…"));
        t.settle(Duration::from_millis(50));
    }
    times
}
