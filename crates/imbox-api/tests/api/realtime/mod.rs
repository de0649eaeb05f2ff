//! The realtime client (Chatwoot's `/cable`): every event of the constructed fixture through
//! the decoder, the socket's state machine against a scripted loopback cable server, and the
//! whole client against the demo server's `/cable`.

mod decode;
mod demo;
mod scripted_cable;
mod tls;

use imbox_api::realtime::{RealtimeParams, RealtimeTimings, SocketUpdate, run};
use serde_json::Value;
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::time::{Instant, timeout};

/// The longest any test waits for something that should happen (a deadline, not a threshold:
/// on an idle machine everything arrives in milliseconds).
const DEADLINE: Duration = Duration::from_secs(30);

/// Short timings for the scripted server (which pings every 100 ms).
fn fast_timings() -> RealtimeTimings {
    RealtimeTimings {
        ping_timeout: Duration::from_millis(1500),
        presence_every: Duration::from_millis(100),
        backoff_min: Duration::from_millis(20),
        backoff_max: Duration::from_millis(200),
        unavailable_retry: Duration::from_millis(100),
    }
}

/// A running [`run`] task and everything it reported so far.
struct Updates {
    rx: mpsc::UnboundedReceiver<SocketUpdate>,
    seen: Vec<SocketUpdate>,
    _task: AbortOnDrop,
}

/// Stops the socket task when a test ends (a failed one too).
struct AbortOnDrop(tokio::task::JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

impl Updates {
    fn start(params: RealtimeParams, timings: RealtimeTimings) -> Updates {
        let (tx, rx) = mpsc::unbounded_channel();
        let task = tokio::spawn(run(params, timings, tx));
        Updates { rx, seen: Vec::new(), _task: AbortOnDrop(task) }
    }

    /// The next update, within the deadline.
    async fn next(&mut self) -> SocketUpdate {
        match timeout(DEADLINE, self.rx.recv()).await {
            Ok(Some(u)) => {
                self.seen.push(u.clone());
                u
            }
            Ok(None) => panic!("the task ended; seen {:?}", self.seen),
            Err(_) => panic!("no update within {DEADLINE:?}; seen {:?}", self.seen),
        }
    }

    /// The first update from now on that matches `want`.
    async fn until(&mut self, want: impl Fn(&SocketUpdate) -> bool) -> SocketUpdate {
        let end = Instant::now() + DEADLINE;
        loop {
            let left = end.saturating_duration_since(Instant::now());
            match timeout(left, self.rx.recv()).await {
                Ok(Some(u)) => {
                    self.seen.push(u.clone());
                    if want(&u) {
                        return u;
                    }
                }
                Ok(None) => panic!("the task ended; seen {:?}", self.seen),
                Err(_) => panic!("not seen within {DEADLINE:?}; seen {:?}", self.seen),
            }
        }
    }
}

/// Waits until `ok()` holds, within the deadline.
async fn wait_for(what: &str, ok: impl Fn() -> bool) {
    let end = Instant::now() + DEADLINE;
    while !ok() {
        assert!(Instant::now() < end, "{what}: not within {DEADLINE:?}");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// A JSON document held in a string (ActionCable's identifier and data).
fn json_text(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}
