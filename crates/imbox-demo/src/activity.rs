//! The activity simulator: a live demo. Every few seconds (jittered around [`Activity::pace`])
//! something happens, chosen by a generator seeded with [`Activity::seed`], so two servers with
//! the same seed (and no other traffic) do the same things in the same order:
//!
//! - a customer types (`conversation.typing_on`), 1–3 s later writes and stops typing — often
//!   in a conversation of the current user, so her notifications and alerts have something;
//! - a new, unassigned conversation opens;
//! - another agent assigns a conversation to the current user, or mentions her in a note;
//! - an iMBRACE contact writes (a message and a notification, for polling to find);
//! - an SMS/RCS contact writes.
//!
//! And after any agent's public reply in Chatwoot, that customer answers 3–6 s later. Every
//! delay scales with the pace (the defaults are for a pace of 8 s). One task, asleep between
//! steps; it waits for the first `/cable` subscription (or a grace period) before its first
//! step, so an app that connects at once sees every change.

use crate::chatwoot::Cw;
use crate::chatwoot::happen::Pick;
use crate::data::names::CONTACT_TEXTS;
use crate::data::rng::{Rng, h};
use crate::shared::Shared;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;
use tokio::time::{Instant, sleep, sleep_until};

/// How the activity simulator runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Activity {
    /// Seed of every choice the simulator makes.
    pub seed: u64,
    /// Mean time between two steps (default 8 s); typing and answer delays scale with it.
    pub pace: Duration,
}

impl Default for Activity {
    fn default() -> Self {
        Activity { seed: 0x11FE_DE30_0000_0001, pace: REFERENCE_PACE }
    }
}

/// The pace the delays of the module docs are given for.
const REFERENCE_PACE: Duration = Duration::from_secs(8);
/// Hash tag of the simulator's generators.
const TAG: u64 = 0xAC71_0001;
/// The longest wait for a first socket before the first step.
const GRACE: Duration = Duration::from_secs(5);

impl Activity {
    /// What a simulated customer answers to an agent's reply (one of these).
    pub const ANSWERS: [&'static str; 8] = ANSWERS;
}

/// What customers answer to an agent's reply.
const ANSWERS: [&str; 8] = [
    "Thanks!",
    "Great, that works for me.",
    "Ok, I'll try that now.",
    "Hmm, it still does not work 😕",
    "Perfect, thank you so much 🙏",
    "Could you check again please?",
    "When will it arrive?",
    "Got it 👍",
];

/// What a new conversation starts with.
const OPENERS: [&str; 5] = [
    "Hello, I need help with my order",
    "Hi! Do you ship to Macau?",
    "My payment failed twice, can you check?",
    "Is the store open on Sunday?",
    "I want to return an item",
];

/// What another agent writes when mentioning the current user.
const MENTIONS: [&str; 3] =
    ["can you take this one?", "this customer asked for you", "please double-check the refund"];

/// Starts the simulator in a task that ends when the server stops.
pub(crate) fn start(activity: Activity, app: Shared, cw: Arc<Cw>, stop: watch::Receiver<bool>) {
    tokio::spawn(run(activity, app, cw, stop));
}

/// `d` × the pace / the reference pace.
fn scaled(pace: Duration, d: Duration) -> Duration {
    d.mul_f64(pace.as_secs_f64() / REFERENCE_PACE.as_secs_f64())
}

/// A delay between `lo` and `hi` milliseconds (at the reference pace).
fn between(r: &mut Rng, pace: Duration, lo: u64, hi: u64) -> Duration {
    scaled(pace, Duration::from_millis(lo + r.below(hi - lo + 1)))
}

async fn run(activity: Activity, app: Shared, cw: Arc<Cw>, mut stop: watch::Receiver<bool>) {
    let pace = activity.pace.max(Duration::from_millis(1));
    let mut r = Rng::new(h(activity.seed, TAG, 0, 0));
    let mut replies = cw.watch_replies();
    // Customer answers due: (when, conversation).
    let mut due: Vec<(Instant, u64)> = Vec::new();
    let mut answered = 0u64;
    tokio::select! {
        _ = stop.changed() => return,
        _ = cw.listening() => {}
        _ = sleep(GRACE.max(pace)) => {}
    }
    let mut next = Instant::now() + scaled(pace, Duration::from_millis(r.below(2_000)));
    loop {
        let wake = due.iter().map(|d| d.0).min().map_or(next, |a| a.min(next));
        tokio::select! {
            _ = stop.changed() => return,
            Some(d) = replies.recv() => {
                let mut ar = Rng::new(h(activity.seed, TAG, 1, answered));
                due.push((Instant::now() + between(&mut ar, pace, 3_000, 6_000), d));
                continue;
            }
            _ = sleep_until(wake) => {}
        }
        if let Some(i) = due.iter().position(|d| d.0 <= Instant::now()) {
            let (_, d) = due.remove(i);
            let mut ar = Rng::new(h(activity.seed, TAG, 2, answered));
            answered += 1;
            let text = *ar.pick(&ANSWERS);
            if !customer_writes(&cw, &mut ar, pace, d, text, &mut stop).await {
                return;
            }
            continue;
        }
        if !step(&app, &cw, &mut r, pace, &mut stop).await {
            return;
        }
        // Jittered around the pace: a quarter of it to one and three quarters.
        next = Instant::now() + scaled(pace, Duration::from_millis(2_000 + r.below(12_001)));
    }
}

/// Typing, then the message 1–3 s later and the end of typing. `false` when the server stopped.
async fn customer_writes(
    cw: &Cw,
    r: &mut Rng,
    pace: Duration,
    d: u64,
    text: &str,
    stop: &mut watch::Receiver<bool>,
) -> bool {
    cw.customer_types(d, true);
    tokio::select! {
        _ = stop.changed() => return false,
        _ = sleep(between(r, pace, 1_000, 3_000)) => {}
    }
    cw.customer_writes(d, text);
    cw.customer_types(d, false);
    true
}

/// One step of the simulation. `false` when the server stopped.
async fn step(app: &Shared, cw: &Cw, r: &mut Rng, pace: Duration, stop: &mut watch::Receiver<bool>) -> bool {
    let x = r.next();
    match r.below(100) {
        0..=29 => {
            if let Some(d) = cw.pick(Pick::Mine, x) {
                let text = *r.pick(&CONTACT_TEXTS);
                return customer_writes(cw, r, pace, d, text, stop).await;
            }
        }
        30..=49 => {
            if let Some(d) = cw.pick(Pick::Open, x) {
                let text = *r.pick(&CONTACT_TEXTS);
                return customer_writes(cw, r, pace, d, text, stop).await;
            }
        }
        50..=59 => {
            let text = *r.pick(&OPENERS);
            cw.conversation_opens(x as u32, text, r.next());
        }
        60..=67 => {
            if let Some(d) = cw.pick(Pick::Unassigned, x) {
                cw.assigned_to_me(d);
            }
        }
        68..=75 => {
            if let Some(d) = cw.pick(Pick::Mine, x) {
                let text = *r.pick(&MENTIONS);
                cw.mentions_me(d, text);
            }
        }
        76..=89 => imbrace_writes(app, r, x),
        _ => sms_writes(app, r, x),
    }
    true
}

/// An iMBRACE contact writes: often the seeds' well-known conversation, else the newest
/// conversation of a generated contact.
fn imbrace_writes(app: &Shared, r: &mut Rng, x: u64) {
    let d = &app.store.data;
    let text = *r.pick(&CONTACT_TEXTS);
    let conv = if r.chance(30) {
        Some(crate::seeds::F262_CONV.to_string())
    } else {
        let pos = (x % u64::from(d.n)) as u32;
        d.conversations(pos, &d.person(pos)).first().map(|c| c.id.clone())
    };
    if let Some(id) = conv {
        crate::imbrace::live::customer_writes(app, &id, text);
    }
}

/// An SMS/RCS contact writes: often the well-known contact, else a generated one with a thread.
fn sms_writes(app: &Shared, r: &mut Rng, x: u64) {
    let d = &app.store.data;
    let text = *r.pick(&CONTACT_TEXTS);
    let cid = if r.chance(40) {
        Some(crate::smsrcs::SMS_CID.to_string())
    } else {
        let pos = (x % u64::from(d.n)) as u32;
        d.sms_threads(pos, &d.person(pos)).into_iter().find(|t| t.channel < 2).map(|t| t.cid)
    };
    if let Some(cid) = cid {
        crate::smsrcs::customer_writes(app, &cid, text);
    }
}
