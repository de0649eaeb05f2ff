//! The event loop: terminal events, ticks, API results and signals in one `select!`; one
//! owner of state; a redraw only when something changed.

use crate::accounts::Session;
use crate::action::{Action, AlertAction, ComposeAction};
use crate::effects::JobContext;
use crate::effects::worker::Worker;
use crate::keymap;
use crate::state::{AccountTab, State};
use crate::tui::Tui;
use crate::ui;
use crossterm::event::{Event, EventStream, MouseButton, MouseEventKind};
use futures_util::StreamExt;
use imbox_api::Backend;
use imbox_api::imbrace::RetryNotice;
use std::io;
use std::time::Duration;
use tokio::signal::unix::{SignalKind, signal};
use tokio::sync::mpsc;

/// How often time advances for spinners and relative times.
const TICK: Duration = Duration::from_millis(200);

/// Results applied at most between two frames (more wait for the next loop turn, so keys are
/// still read between them).
const RESULT_BURST: usize = 256;

/// What to do at start-up besides loading the contacts.
#[derive(Debug, Clone, Default)]
pub struct StartOptions {
    /// A conversation to open straight away.
    pub open_conversation: Option<String>,
    /// Whether to capture the mouse.
    pub mouse: bool,
}

/// Translates a terminal event into an action, if it means anything.
pub fn action_for_event(state: &State, event: Event) -> Option<Action> {
    match event {
        Event::Key(key) => keymap::action_for(state, &key),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click(m.column, m.row)),
            // The help overlay takes the wheel too (it covers the panes).
            MouseEventKind::ScrollUp if state.help => Some(keymap::help::scroll(state, -3)),
            MouseEventKind::ScrollDown if state.help => Some(keymap::help::scroll(state, 3)),
            MouseEventKind::ScrollUp => Some(Action::ScrollUp(m.column, m.row)),
            MouseEventKind::ScrollDown => Some(Action::ScrollDown(m.column, m.row)),
            _ => None,
        },
        Event::Resize(w, h) => {
            let (w, h) = crate::tui::clamp_size(w, h);
            Some(Action::Resize(w, h))
        }
        Event::FocusGained => Some(Action::Alert(AlertAction::TerminalFocus(true))),
        Event::FocusLost => Some(Action::Alert(AlertAction::TerminalFocus(false))),
        _ => None,
    }
}

/// Ctrl-Z: give the terminal back, stop like any job-controlled program, and take the terminal
/// again (with a full redraw) when the shell resumes us.
fn suspend(tui: &mut Tui, mouse: bool) -> io::Result<()> {
    crate::tui::restore(mouse);
    // SAFETY: raise() only sends a signal to this process; SIGTSTP's default action stops it
    // until SIGCONT, after which execution continues here.
    unsafe {
        libc::raise(libc::SIGTSTP);
    }
    tui.resume()
}

/// Gives the terminal to `$VISUAL`/`$EDITOR` on `text` and takes it back (with a full redraw);
/// the edited text, or why the editor could not run.
async fn run_editor(
    tui: &mut Tui,
    mouse: bool,
    dir: std::path::PathBuf,
    text: String,
) -> Result<String, String> {
    crate::tui::restore(mouse);
    let result = tokio::task::spawn_blocking(move || crate::effects::editor::edit(&dir, &text))
        .await
        .unwrap_or_else(|e| Err(format!("the editor could not run: {e}")));
    match tui.resume() {
        Ok(()) => result,
        Err(e) => Err(format!("could not take the terminal back: {e}")),
    }
}

/// One open account in the loop: its state and the worker running its requests.
struct Open {
    state: State,
    jobs: JobContext,
    worker: Worker,
}

/// Starts the worker of `session`, reporting its results (and retry notices) tagged with `index`.
fn open(index: usize, session: Session, all: &mpsc::UnboundedSender<(usize, Action)>) -> Open {
    let Session { mut state, jobs } = session;
    let (tx, mut rx) = mpsc::unbounded_channel();
    // A backend with a realtime channel: its task reports on the same channel as the jobs.
    if let Some(timings) = jobs.realtime.filter(|_| state.account.capabilities.realtime) {
        state.expect_realtime();
        crate::effects::live::start(jobs.clone(), timings, tx.clone());
    }
    // Retries are announced to the UI as actions, for the status-bar countdown.
    let retries = tx.clone();
    // A re-login builds its client from this one, so the observer stays on after a swap.
    jobs.swap_client(jobs.client().with_retry_observer(std::sync::Arc::new(move |n: &RetryNotice| {
        let _ = retries.send(Action::Retrying {
            endpoint: n.endpoint,
            attempt: n.attempt,
            reason: n.reason.clone(),
            wait_ms: u64::try_from(n.wait.as_millis()).unwrap_or(u64::MAX),
        });
    })));
    let worker = Worker::new(jobs.clone(), tx);
    let all = all.clone();
    tokio::spawn(async move {
        while let Some(action) = rx.recv().await {
            if all.send((index, action)).is_err() {
                break;
            }
        }
    });
    Open { state, jobs, worker }
}

/// The header's account tabs, or none with a single account.
fn tabs(open: &[Open], active: usize) -> Vec<AccountTab> {
    if open.len() < 2 {
        return Vec::new();
    }
    open.iter()
        .enumerate()
        .map(|(i, o)| AccountTab {
            name: o.state.account.name.clone(),
            unread: o.state.badge.unread.filter(|_| o.state.account.capabilities.notifications),
            active: i == active,
        })
        .collect()
}

/// Runs the UI over one or more accounts until the user quits or a signal arrives; `P` switches
/// between them. Every account keeps loading and refreshing its badge in the background; keys go
/// to the one on screen. The terminal is restored on return, on error and on panic.
pub async fn run_accounts(sessions: Vec<Session>, opts: StartOptions) -> io::Result<()> {
    let (tx, mut results) = mpsc::unbounded_channel();
    let mut open: Vec<Open> = sessions.into_iter().enumerate().map(|(i, s)| open(i, s, &tx)).collect();
    if open.is_empty() {
        return Ok(());
    }
    let mut active = 0;
    let mut sigterm = signal(SignalKind::terminate())?;
    let mut sighup = signal(SignalKind::hangup())?;
    let mut sigint = signal(SignalKind::interrupt())?;
    let mut tui = Tui::enter(opts.mouse)?;
    let size = tui.terminal.size()?;
    for o in open.iter_mut() {
        o.state.update(Action::Resize(size.width, size.height));
        let commands = o.state.start();
        o.worker.run_all(commands);
        // Every cached contact for filter-as-you-type (nothing without a cache); after the
        // start's own reads, which the cache thread answers first.
        o.worker.run_all(vec![crate::command::Command::LoadCachedContacts]);
    }
    if let Some(id) = opts.open_conversation {
        let commands = open[0].state.update(Action::OpenConversation(id));
        open[0].worker.run_all(commands);
    }
    let mut events = EventStream::new();
    let mut tick = tokio::time::interval(TICK);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let mut shown_tabs = Vec::new();
    // A resize event arrived since the last frame: the next frame repaints every cell.
    let mut repaint = false;
    loop {
        // Only the account on screen polls what its panes show; the others their badge.
        for (i, o) in open.iter_mut().enumerate() {
            o.state.poll.background = i != active;
        }
        // When the action below came from a key or a click (for the polls' idle slowdown).
        let mut keyed = None;
        let tabs = tabs(&open, active);
        let current = &mut open[active].state;
        if tabs != shown_tabs {
            // A background account's badge changed: the header shows it.
            current.accounts = tabs.clone();
            current.dirty = true;
            shown_tabs = tabs;
        }
        if std::mem::take(&mut repaint) {
            // The terminal may have dropped what it showed when it changed size (a shrink cuts
            // the lines, a quick shrink and grow leaves blanks), and the size ratatui finds may
            // already be the final one, so its diff would write nothing: start from a clear
            // screen and draw every cell.
            let size = tui.terminal.size()?;
            tui.terminal.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))?;
            current.dirty = true;
        }
        if current.dirty {
            tui.terminal.draw(|f| ui::draw(current, f))?;
            current.dirty = false;
        }
        // Terminal alerts of every account go out here, between two frames.
        for o in open.iter_mut() {
            if let Some(bytes) = o.state.take_terminal_alert() {
                tui.write_alert(&bytes)?;
            }
        }
        // A copy (`y`, OSC 52) of the account on screen, likewise between two frames.
        if let Some(bytes) = open[active].state.take_terminal_output() {
            tui.write_alert(&bytes)?;
        }
        if open[active].state.quit {
            break;
        }
        let (target, action) = tokio::select! {
            ev = events.next() => match ev {
                Some(Ok(ev)) => match ev {
                    // Every account keeps the terminal size, so a switch draws at once.
                    Event::Resize(w, h) => {
                        let (w, h) = crate::tui::clamp_size(w, h);
                        repaint = true;
                        for (i, o) in open.iter_mut().enumerate() {
                            if i != active {
                                o.state.update(Action::Resize(w, h));
                            }
                        }
                        (active, Some(Action::Resize(w, h)))
                    }
                    // The terminal's focus is every account's (their alerts all depend on it).
                    Event::FocusGained | Event::FocusLost => {
                        let focused = matches!(ev, Event::FocusGained);
                        for (i, o) in open.iter_mut().enumerate() {
                            if i != active {
                                o.state.update(Action::Alert(AlertAction::TerminalFocus(focused)));
                            }
                        }
                        (active, Some(Action::Alert(AlertAction::TerminalFocus(focused))))
                    }
                    ev => {
                        keyed = Some(jiff::Timestamp::now());
                        (active, action_for_event(&open[active].state, ev))
                    }
                },
                // The terminal went away: nothing more can be read or shown.
                Some(Err(_)) | None => (active, Some(Action::Quit)),
            },
            Some((index, result)) = results.recv() => (index, Some(result)),
            _ = tick.tick() => {
                let now = jiff::Timestamp::now();
                for (i, o) in open.iter_mut().enumerate() {
                    if i != active {
                        let commands = o.state.update(Action::Tick(now));
                        o.worker.run_all(commands);
                    }
                }
                (active, Some(Action::Tick(now)))
            }
            _ = sigterm.recv() => (active, Some(Action::Quit)),
            _ = sighup.recv() => (active, Some(Action::Quit)),
            _ = sigint.recv() => (active, Some(Action::Quit)),
        };
        match action {
            Some(Action::Suspend) => {
                suspend(&mut tui, opts.mouse)?;
                open[active].state.dirty = true;
            }
            Some(Action::NextAccount) if open.len() > 1 => {
                active = (active + 1) % open.len();
                open[active].state.dirty = true;
                shown_tabs.clear();
            }
            Some(action) => {
                let Some(o) = open.get_mut(target) else { continue };
                let commands = match keyed {
                    Some(at) => o.state.input(action, at),
                    None => o.state.update(action),
                };
                o.worker.run_all(commands);
                if let Some(text) = o.state.take_editor_request() {
                    // The editor gets the terminal and the keyboard: the event stream's reader
                    // stops while it runs (it would take keys from it), and starts again after.
                    drop(events);
                    let dir = o.jobs.data_dir.clone().unwrap_or_else(std::env::temp_dir);
                    let result = run_editor(&mut tui, opts.mouse, dir, text).await;
                    events = EventStream::new();
                    let commands = o.state.update(Action::Compose(ComposeAction::EditorDone(result)));
                    o.worker.run_all(commands);
                    o.state.dirty = true;
                }
                // `:account` asks the loop to switch, as `P` does.
                if o.state.acts.forward.take() == Some(Action::NextAccount) && open.len() > 1 {
                    active = (active + 1) % open.len();
                    open[active].state.dirty = true;
                    shown_tabs.clear();
                }
            }
            None => {}
        }
        // A burst of results (realtime events, pages answering together) is applied before the
        // next frame: one draw for the burst instead of one per result, which kept a burst of
        // events queued behind their own frames.
        for _ in 0..RESULT_BURST {
            let Ok((index, action)) = results.try_recv() else { break };
            if let Some(o) = open.get_mut(index) {
                let commands = o.state.update(action);
                o.worker.run_all(commands);
            }
        }
    }
    // Quit and the signals all end the loop here: write what must not be lost (every account's
    // open form draft) before leaving, synchronously, so it cannot race the runtime's shutdown.
    for o in open.iter_mut() {
        for cmd in o.state.exit_commands() {
            let _ = crate::effects::worker::execute(&o.jobs, cmd).await;
        }
        // The last answers waiting for the cache's next batch go to disk, and the file is
        // closed for the next imbox (bounded: a stuck disk must not keep imbox from leaving).
        if let Some(cache) = &o.jobs.cache {
            let _ = tokio::time::timeout(std::time::Duration::from_secs(2), cache.close()).await;
        }
    }
    drop(tui);
    Ok(())
}
