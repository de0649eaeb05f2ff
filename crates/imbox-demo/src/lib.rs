//! The embedded demo server: a real HTTP server on 127.0.0.1 that speaks the iMBRACE APIs
//! (seeds 000 and 002), Chatwoot's and the SMS/RCS provider's over one deterministic, generated
//! data set, with state. Depends on `imbox-model` only (never on the clients it serves).
//!
//! Newcomers run it with `imbox demo-server`; tests and benchmarks [`spawn`] it on an ephemeral
//! port. The data is a pure function of [`DemoConfig::seed`] and the sizes: every example object
//! of the seeds is present verbatim (see [`seeds`] for the fixed ids), everything else is
//! generated on demand, and only changes (edits, read/dismissed notifications, uploads, what
//! happened live) are kept in memory. The Chatwoot API also serves realtime events at
//! [`chatwoot::CABLE_PATH`]. Generated times lie before a fixed demo "now", [`DEMO_NOW`]; only
//! `updated_at` of an edit uses the real clock.
//!
//! # Module map
//!
//! - this file: [`DemoConfig`], [`spawn`] and [`DemoServer`], `imbox demo-server`;
//! - `data/`: the generated data set and the store of changes ([`seeds`]: the seeds' examples);
//! - `imbrace/`, [`chatwoot`], [`smsrcs`]: one folder per API;
//! - `router.rs`: every API's routes behind the token check, latency, faults and the hostile
//!   mode; `shared.rs`: what every handler shares; `http.rs`: query parameters, blocking scans;
//! - `faults.rs` ([`Fault`]) and [`hostile`]: what the demo can do to a client on purpose.
//! - `controls.rs`: the live test controls on [`DemoServer`] (sockets cut or refused, pings
//!   paused, a customer writes, an event of another account, the other agent's token);
//!   `activity.rs` ([`Activity`]): the simulator that makes the demo live.

mod activity;
pub mod chatwoot;
mod controls;
mod data;
mod faults;
pub mod hostile;
mod http;
mod imbrace;
mod router;
mod shared;
pub mod smsrcs;

pub use activity::Activity;
pub use data::seeds;
pub use faults::Fault;
pub use imbrace::ImbraceLayout;
pub use seeds::DEMO_NOW;

use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;

/// The one access token the demo server accepts (header `x-access-token`).
pub const DEMO_TOKEN: &str = "imbox-demo-token";

/// How to run the demo server.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoConfig {
    /// Port on 127.0.0.1; `None` picks a free one.
    pub port: Option<u16>,
    /// Number of contacts (default 300; at least 16, the seed and hand-placed contacts).
    pub contacts: usize,
    /// Number of notifications (default 640).
    pub notifications: usize,
    /// Seed of the generated data.
    pub seed: u64,
    /// Delay added to every request.
    pub latency: Duration,
    /// A standing fault, applied to `fault_rate` percent of requests.
    pub fault: Option<Fault>,
    /// Percentage (0–100) of requests that get `fault` (default 100).
    pub fault_rate: u8,
    /// Every string the server sends is an attack on the terminal (see [`hostile`]).
    pub hostile: bool,
    /// The access token the server accepts (default [`DEMO_TOKEN`]); tests give it a unique
    /// canary to prove the token leaks nowhere.
    pub token: String,
    /// The activity simulator (see [`Activity`]): customers write and type, conversations
    /// open, notifications arrive. Off by default (tests ask for it); `imbox`, `imbox --demo`
    /// and `imbox demo-server` turn it on unless `--no-activity`.
    pub activity: Option<Activity>,
    /// Which iMBRACE gateway layout is served (default both; `--imbrace-layout`).
    pub imbrace_layout: ImbraceLayout,
}

impl Default for DemoConfig {
    fn default() -> Self {
        DemoConfig {
            port: None,
            contacts: 300,
            notifications: 640,
            seed: 0x1AB0_C5EE_D000_0001,
            latency: Duration::ZERO,
            fault: None,
            fault_rate: 100,
            hostile: false,
            token: DEMO_TOKEN.to_string(),
            activity: None,
            imbrace_layout: ImbraceLayout::Both,
        }
    }
}

impl DemoConfig {
    /// Applies one `--fault` argument: a [`Fault`] (`latency:2000`, `status:500`, `429:5`,
    /// `malformed`, `truncated`, `reset`, `stall`) or `error-rate:PERCENT`, which sets
    /// [`DemoConfig::fault_rate`] and, when no fault is set yet, makes the fault `status:500`.
    pub fn apply_fault_arg(&mut self, arg: &str) -> Result<(), String> {
        if let Some(rate) = arg.trim().strip_prefix("error-rate:") {
            let rate: u8 = rate
                .trim()
                .trim_end_matches('%')
                .parse()
                .ok()
                .filter(|r| *r <= 100)
                .ok_or_else(|| format!("error-rate: expected 0–100, got {rate:?}"))?;
            self.fault_rate = rate;
            self.fault.get_or_insert(Fault::Status(500));
        } else {
            self.fault = Some(arg.parse()?);
        }
        Ok(())
    }
}

/// A running demo server; dropping it stops the server.
pub struct DemoServer {
    base_url: String,
    app: Arc<shared::App>,
    cw: Arc<chatwoot::Cw>,
    /// Conversations opened through [`DemoServer::conversation_opens`] (picks their contacts).
    opened: std::sync::atomic::AtomicU64,
    stop: watch::Sender<bool>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl DemoServer {
    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub fn base_url(&self) -> String {
        self.base_url.clone()
    }

    /// The token to send as `x-access-token` ([`DemoConfig::token`], by default [`DEMO_TOKEN`]).
    pub fn token(&self) -> &str {
        &self.app.token
    }

    /// The next `times` requests get `fault`, whatever the standing configuration says
    /// (replaces an earlier injection that is not used up yet).
    pub fn inject(&self, fault: Fault, times: usize) {
        self.app.faults.inject(fault, times);
    }

    /// The next `times` requests of one route — `method` on a path ending with `path_end`, e.g.
    /// `("POST", "/conversations/42/messages")` — get `fault`; other routes answer normally.
    pub fn inject_on(&self, method: &str, path_end: &str, fault: Fault, times: usize) {
        self.app.faults.inject_on(method, path_end, fault, times);
    }

    /// How many requests with `method` on a path ending with `path_end` reached the server
    /// (counted before any fault or the token check), e.g. `("PUT", "/contacts/con_1")`.
    pub fn requests_seen(&self, method: &str, path_end: &str) -> u64 {
        self.app.faults.seen(method, path_end)
    }

    /// Stops accepting requests, ends stalled ones and waits for the server task to finish.
    pub async fn shutdown(mut self) {
        let _ = self.stop.send(true);
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for DemoServer {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
    }
}

/// Binds 127.0.0.1 (the configured or a free port) and serves in a tokio task.
pub async fn spawn(cfg: DemoConfig) -> std::io::Result<DemoServer> {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", cfg.port.unwrap_or(0))).await?;
    let base_url = format!("http://{}", listener.local_addr()?);
    let (stop, stopped) = watch::channel(false);
    let data = data::generator::Dataset::new(cfg.seed, cfg.contacts, cfg.notifications);
    let app = Arc::new(shared::App {
        store: data::store::Store::new(data),
        base_url: base_url.clone(),
        token: cfg.token.clone(),
        faults: faults::Faults::new(cfg.seed, cfg.latency, cfg.fault, cfg.fault_rate),
        shutdown: stopped.clone(),
        hostile: cfg.hostile,
        sms: smsrcs::Outbox::default(),
    });
    // The contact search's index, built off the async threads before the first search needs it.
    let warm = app.clone();
    tokio::task::spawn_blocking(move || {
        warm.store.search_index();
    });
    let cw = chatwoot::Cw::new(&app);
    let router = router::router(app.clone(), cw.clone(), cfg.imbrace_layout);
    if let Some(a) = cfg.activity {
        activity::start(a, app.clone(), cw.clone(), stopped.clone());
    }
    let mut signal = stopped;
    let task = tokio::spawn(async move {
        let stop = async move {
            let _ = signal.wait_for(|s| *s).await;
        };
        // Serving ends only on shutdown; an accept error is not recoverable here and there is
        // no one to report it to (nothing may be printed), so the task just ends.
        let _ = axum::serve(listener, router).with_graceful_shutdown(stop).await;
    });
    Ok(DemoServer { base_url, app, cw, opened: Default::default(), stop, task: Some(task) })
}

/// Runs the demo server for `imbox demo-server`: prints the base URL, the token and a curl
/// example, then serves until Ctrl-C.
pub async fn run_standalone(cfg: DemoConfig) -> std::io::Result<()> {
    let (contacts, fault, rate, hostile, activity, layout) = (
        cfg.contacts.max(data::generator::min_contacts()),
        cfg.fault.clone(),
        cfg.fault_rate,
        cfg.hostile,
        cfg.activity,
        cfg.imbrace_layout,
    );
    let token = cfg.token.clone();
    let server = spawn(cfg).await?;
    let url = server.base_url();
    println!("imbox demo server listening on {url}");
    println!("  token:    {token}");
    println!("  contacts: {contacts}   demo now: {DEMO_NOW}");
    println!("  iMBRACE:  {} gateway layout (--imbrace-layout seed|channel-service|both)", layout.name());
    if let Some(f) = fault {
        println!("  fault:    {f} on {rate}% of requests");
    }
    if hostile {
        println!("  hostile:  every string is an attack on the terminal (do not curl it raw)");
    }
    match activity {
        Some(a) => println!(
            "  activity: customers write every ~{} s (seed {:#x}; --no-activity turns it off)",
            a.pace.as_secs_f64(),
            a.seed
        ),
        None => println!("  activity: off"),
    }
    println!(
        "  realtime: {}{} (Chatwoot ActionCable)",
        url.replacen("http://", "ws://", 1),
        chatwoot::CABLE_PATH
    );
    println!();
    println!("Try:");
    let prefix =
        if layout == ImbraceLayout::ChannelService { imbrace::CHANNEL_SERVICE } else { "/v1/backend" };
    println!(
        "  curl -s '{url}{prefix}/contacts?limit=10&skip=0&sort=-created_at' --header 'x-access-token: {token}'"
    );
    println!(
        "  curl -s '{url}{}?phone_number=%2B886911425977' --header 'api-key: {token}' --header 'api-login: {}'",
        smsrcs::LIST_PATH,
        smsrcs::DEMO_LOGIN
    );
    println!(
        "  curl -s '{url}/api/v1/accounts/1/conversations' --header 'api_access_token: {token}'   # Chatwoot"
    );
    println!();
    println!("Press Ctrl-C to stop.");
    tokio::signal::ctrl_c().await?;
    server.shutdown().await;
    Ok(())
}
