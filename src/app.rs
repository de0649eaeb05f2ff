//! The event loop: terminal events, ticks, API results and signals in one `select!`; one
//! owner of state; a redraw only when something changed.

use crate::action::Action;
use crate::api::Backend;
use crate::api::imbrace::RetryNotice;
use crate::api::jobs::JobContext;
use crate::api::worker::Worker;
use crate::keymap;
use crate::state::State;
use crate::tui::Tui;
use crate::ui;
use crossterm::event::{Event, EventStream, MouseButton, MouseEventKind};
use futures_util::StreamExt;
use std::io;
use std::time::Duration;
use tokio::signal::unix::{SignalKind, signal};
use tokio::sync::mpsc;

/// How often time advances for spinners and relative times.
const TICK: Duration = Duration::from_millis(200);

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
            MouseEventKind::ScrollUp => Some(Action::ScrollUp(m.column, m.row)),
            MouseEventKind::ScrollDown => Some(Action::ScrollDown(m.column, m.row)),
            _ => None,
        },
        Event::Resize(w, h) => Some(Action::Resize(w, h)),
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

/// Runs the UI until the user quits or a signal arrives. The terminal is restored on return,
/// on error and on panic.
pub async fn run(mut state: State, jobs: JobContext, opts: StartOptions) -> io::Result<()> {
    let (tx, mut results) = mpsc::unbounded_channel();
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
    let mut sigterm = signal(SignalKind::terminate())?;
    let mut sighup = signal(SignalKind::hangup())?;
    let mut sigint = signal(SignalKind::interrupt())?;
    let mut tui = Tui::enter(opts.mouse)?;
    let size = tui.terminal.size()?;
    state.update(Action::Resize(size.width, size.height));
    let mut commands = state.start();
    if let Some(id) = opts.open_conversation {
        commands.extend(state.update(Action::OpenConversation(id)));
    }
    worker.run_all(commands);
    let mut events = EventStream::new();
    let mut tick = tokio::time::interval(TICK);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    loop {
        if state.dirty {
            tui.terminal.draw(|f| ui::draw(&state, f))?;
            state.dirty = false;
        }
        if state.quit {
            break;
        }
        let action = tokio::select! {
            ev = events.next() => match ev {
                Some(Ok(ev)) => action_for_event(&state, ev),
                // The terminal went away: nothing more can be read or shown.
                Some(Err(_)) | None => Some(Action::Quit),
            },
            Some(result) = results.recv() => Some(result),
            _ = tick.tick() => Some(Action::Tick(jiff::Timestamp::now())),
            _ = sigterm.recv() => Some(Action::Quit),
            _ = sighup.recv() => Some(Action::Quit),
            _ = sigint.recv() => Some(Action::Quit),
        };
        match action {
            Some(Action::Suspend) => {
                suspend(&mut tui, opts.mouse)?;
                state.dirty = true;
            }
            Some(action) => {
                let commands = state.update(action);
                worker.run_all(commands);
            }
            None => {}
        }
    }
    // Quit and the signals all end the loop here: write what must not be lost (the open
    // form's draft) before leaving, synchronously, so it cannot race the runtime's shutdown.
    for cmd in state.exit_commands() {
        let _ = crate::api::worker::execute(&jobs, cmd).await;
    }
    drop(tui);
    Ok(())
}
