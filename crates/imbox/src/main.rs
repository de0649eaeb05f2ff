//! The `imbox` command line: start the UI on the embedded demo or a real account, log in, show
//! paths, or run the demo server on its own.

use clap::{Parser, Subcommand};
use imbox::accounts::{self, Endpoint, Session};
use imbox::app::{self, StartOptions};
use imbox::auth;
use imbox::config::{BackendKind, Config, Paths, Profile};
use imbox::effects::JobContext;
use imbox::state::{Account, State};
use imbox_api::Backend;
use imbox_api::imbrace::Environment;
use imbox_demo::{self as demo, DemoConfig};
use imbox_model::conversation_id_from_link;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

const AFTER_HELP: &str = "\
Without an account, imbox starts its embedded demo server on 127.0.0.1 and opens the inbox on
it, so you can try everything with one command.

To connect a real iMBRACE account, either
  imbox login --env prod           (asks for the token, checks it, stores it 0600)
  IMBOX_TOKEN=acc_… imbox --env prod
  IMBOX_TOKEN=acc_… imbox --base-url https://gateway.example.com
or add a [[profile]] to the config file (see `imbox --print-paths`). The token is never taken
from the command line.

Note: `--env demo` is iMBRACE's own remote demo gateway (app-gateway.demo.imbrace.co), which
needs a token of its own. imbox's embedded demo server is `--demo`.";

/// A fast, keyboard-first terminal inbox for omnichannel customer messaging.
#[derive(Debug, Parser)]
#[command(name = "imbox", version, about, after_help = AFTER_HELP)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Use the embedded demo server (the default when no account is configured).
    #[arg(long, conflicts_with_all = ["base_url", "env", "profile"])]
    demo: bool,
    /// Connect to any iMBRACE-compatible server at URL (token from IMBOX_TOKEN).
    #[arg(long, value_name = "URL", conflicts_with = "env", global = true)]
    base_url: Option<String>,
    /// Connect to one of iMBRACE's gateways (token from IMBOX_TOKEN). `demo` is iMBRACE's
    /// remote demo gateway, not imbox's embedded demo server.
    #[arg(long, value_name = "ENV", value_parser = ["prod", "demo", "dev"], global = true)]
    env: Option<String>,
    /// Use this profile of the config file.
    #[arg(long, value_name = "NAME", global = true)]
    profile: Option<String>,
    /// Read the config from PATH instead of the platform config directory.
    #[arg(long, value_name = "PATH", global = true)]
    config: Option<PathBuf>,
    /// Print where imbox keeps its config, data (drafts, tokens) and log, then exit.
    #[arg(long)]
    print_paths: bool,
    /// Log level for the log file: error, warn, info, debug, trace.
    #[arg(long, value_name = "LEVEL", default_value = "info", global = true,
          value_parser = ["off", "error", "warn", "info", "debug", "trace"])]
    log_level: String,
    /// Open a conversation at start: a `conv_…` id or a web-app link containing `conv_id=`.
    #[arg(long, value_name = "ID")]
    open: Option<String>,
    /// Contacts in the embedded demo data set.
    #[arg(long, value_name = "N", default_value_t = 300, value_parser = demo_size)]
    demo_contacts: usize,
    /// Run on a hostile embedded demo server whose every string is an attack on the terminal
    /// (escape sequences, bidi overrides, invisible characters, 100 KB values); implies --demo.
    #[arg(long, conflicts_with_all = ["base_url", "env", "profile"])]
    demo_hostile: bool,
    /// Do not capture the mouse (lets the terminal select text).
    #[arg(long)]
    no_mouse: bool,
    /// Keep the embedded demo still: no simulated customers writing, typing or opening
    /// conversations, no arriving notifications (the activity simulator is on by default).
    #[arg(long, env = "IMBOX_NO_ACTIVITY", value_parser = clap::builder::BoolishValueParser::new())]
    no_activity: bool,
    /// With --demo: open only this demo API (imbrace, chatwoot or smsrcs). Without it the demo
    /// opens all three as accounts (P switches).
    #[arg(long, value_name = "KIND", value_parser = ["imbrace", "chatwoot", "smsrcs"])]
    backend: Option<String>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Ask for an access token (without echo), check it with one request, and store it 0600.
    Login,
    /// The on-disk cache of what each account has seen.
    Cache {
        /// What to do with it.
        #[command(subcommand)]
        action: CacheAction,
    },
    /// Run the embedded demo server on its own and print its base URL and token.
    DemoServer {
        /// Port on 127.0.0.1 (default: any free port).
        #[arg(long)]
        port: Option<u16>,
        /// Contacts in the data set (65681 matches the API documents).
        #[arg(long, default_value_t = 300, value_parser = demo_size)]
        contacts: usize,
        /// Delay added to every response, in milliseconds.
        #[arg(long, default_value_t = 0)]
        latency_ms: u64,
        /// A fault to inject: latency:MS, status:CODE, 429:SECS, malformed, truncated, reset,
        /// stall, apply-then-stall, flood:ROWS, huge:MIB, or error-rate:PERCENT (500s on that
        /// share of requests). Repeatable.
        #[arg(long)]
        fault: Vec<String>,
        /// Percentage of requests the fault applies to (0–100).
        #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u8).range(0..=100))]
        fault_rate: u8,
        /// Make every string the server sends an attack on the terminal (escape sequences,
        /// bidi overrides, invisible characters, 100 KB values), for testing clients.
        #[arg(long)]
        hostile: bool,
        /// No simulated activity (customers writing, conversations opening, notifications
        /// arriving); the data changes only when a client changes it.
        #[arg(long, env = "IMBOX_NO_ACTIVITY", value_parser = clap::builder::BoolishValueParser::new())]
        no_activity: bool,
        /// Which iMBRACE gateway layout to serve: seed (/v1/backend/...), channel-service
        /// (/channel-service/v1/..., replies wrapped in {"data": …}) or both.
        #[arg(long, value_name = "LAYOUT", default_value = "both",
              value_parser = ["seed", "channel-service", "both"])]
        imbrace_layout: String,
    },
}

/// `imbox cache …`.
#[derive(Debug, Subcommand)]
enum CacheAction {
    /// Delete the cache of every account, or of the account --profile NAME names (with
    /// --base-url or --env, the account of that server). Refused for a cache a running imbox has
    /// open.
    Clear,
}

/// The demo's data set size: up to half a million contacts (the documents' 65,681 and then some);
/// more would only make the demo take minutes and gigabytes to generate.
fn demo_size(text: &str) -> Result<usize, String> {
    const MAX: usize = 500_000;
    match text.parse::<usize>() {
        Ok(n) if n <= MAX => Ok(n),
        Ok(_) => Err(format!("at most {MAX} contacts")),
        Err(_) => Err(format!("a number of contacts, 0 to {MAX}")),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("imbox: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            // A message can carry text from the config, the command line or a server: never let
            // it steer the terminal (escape sequences, bidi overrides).
            eprintln!("imbox: {}", imbox_api::sanitize::text(&msg));
            ExitCode::FAILURE
        }
    }
}

/// For `--print-paths`: the gateway layout of each iMBRACE profile of a readable config file
/// (nothing for a missing or broken one: the paths are what was asked for). `auto` is decided at
/// start, so only the setting can be said here; the header names the layout found.
fn print_gateway_layouts(paths: &Paths) {
    let Ok(config) = Config::load(&paths.config_file) else {
        return;
    };
    for p in config.profiles.iter().filter(|p| p.backend == BackendKind::Imbrace) {
        let choice = p.layout.choice();
        let how = if choice == imbox_api::imbrace::LayoutChoice::Auto {
            " (asked once at start, channel-service first; the header shows the answer)"
        } else {
            ""
        };
        println!(
            "profile {}: iMBRACE gateway layout {}{how}",
            imbox_api::sanitize::line(&p.name),
            choice.name()
        );
    }
}

/// Starts logging to the log file (never to the terminal); returns the guard that flushes it.
fn start_logging(paths: &Paths, level: &str) -> Option<tracing_appender::non_blocking::WorkerGuard> {
    auth::create_private_dir(&paths.state_dir).ok()?;
    let appender = tracing_appender::rolling::never(&paths.state_dir, "imbox.log");
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let filter = tracing_subscriber::EnvFilter::try_new(format!("warn,imbox={level}")).ok()?;
    tracing_subscriber::fmt().with_writer(writer).with_ansi(false).with_env_filter(filter).try_init().ok()?;
    Some(guard)
}

/// An account resolved from the command line and the config: where and with which token.
struct Connection {
    endpoint: Endpoint,
    /// The profile name ("" for `--base-url`/`--env`).
    profile: String,
    /// Where a token accepted by the in-app re-login is stored.
    target: auth::TokenTarget,
}

/// The account's on-disk cache, or None where it is off: `IMBOX_CACHE=on|off` decides first
/// (tests, termbench), then `[cache] enabled` — except on the demo, which is always fresh and
/// starts without one unless asked.
fn cache_for(
    backend: &imbox_api::AnyBackend,
    account: &Account,
    token: &imbox_api::Secret,
    config: &Config,
    paths: &Paths,
) -> Option<imbox::effects::cache::Cache> {
    let forced = std::env::var("IMBOX_CACHE").ok().and_then(|v| match v.to_ascii_lowercase().as_str() {
        "on" | "1" | "true" | "yes" => Some(true),
        "off" | "0" | "false" | "no" => Some(false),
        _ => None,
    });
    if !forced.unwrap_or(config.cache.enabled && !account.demo) {
        return None;
    }
    let kind = backend.kind().name();
    // The demo's port changes with every start: its store is named by the API alone.
    let (file, name) = if account.demo {
        (paths.cache_file(&format!("demo-{kind}")), format!("demo {kind}"))
    } else {
        // A profile's store is named by the profile; `--base-url`/`--env` (no profile: the
        // account is named by its backend) by the server's URL.
        let url = backend.base_url().trim_end_matches('/');
        let name = if account.name == kind { url } else { account.name.as_str() };
        (paths.cache_file(name), format!("{kind} {url} {}", account.name))
    };
    let cap = config.cache.max_bytes().unwrap_or(imbox::config::DEFAULT_CACHE_MB * 1_000_000);
    Some(imbox::effects::cache::Cache::open(file, &name, token, cap))
}

/// `imbox cache clear [--profile NAME]`: deletes the store files and says which.
fn clear_cache(cli: &Cli, paths: &Paths) -> Result<(), String> {
    // The account as its store is named: a profile, else the server's URL (`--base-url`, `--env`).
    let url = cli
        .base_url
        .clone()
        .or_else(|| cli.env.as_deref().and_then(Environment::from_name).map(|e| e.base_url().to_string()));
    let account = cli.profile.clone().or_else(|| url.map(|u| u.trim_end_matches('/').to_string()));
    let file = account.as_deref().map(imbox::config::cache_file_name);
    let deleted = imbox::effects::cache::clear(&paths.cache_dir, file.as_deref()).map_err(|e| match e {
        imbox::effects::cache::store::StoreError::InUse => {
            "the cache is in use by a running imbox: quit it, then clear again".to_string()
        }
        other => format!("cache {}: {other}", paths.cache_dir.display()),
    })?;
    match (deleted.is_empty(), account) {
        (true, Some(a)) => {
            println!("no cache for {} in {}", imbox_api::sanitize::line(&a), paths.cache_dir.display())
        }
        (true, None) => println!("no cache in {}", paths.cache_dir.display()),
        (false, _) => deleted.iter().for_each(|p| println!("deleted {}", p.display())),
    }
    Ok(())
}

/// Picks the accounts: `--base-url`/`--env` with IMBOX_TOKEN (one iMBRACE account), else every
/// profile of the config (the chosen or default one first), else none (the demo). A secondary
/// profile whose token cannot be found is skipped with a warning rather than stopping imbox.
fn connections(cli: &Cli, config: &Config, paths: &Paths) -> Result<(Vec<Connection>, Vec<String>), String> {
    let adhoc = match (&cli.base_url, &cli.env) {
        (Some(url), _) => Some(Environment::Custom(url.clone())),
        (None, Some(name)) => Environment::from_name(name),
        (None, None) => None,
    };
    let chosen = config.profile(cli.profile.as_deref()).map_err(|e| e.to_string())?;
    if let Some(env) = adhoc {
        let mut p =
            chosen.cloned().unwrap_or_else(|| Profile { name: "default".into(), ..Profile::default() });
        p.base_url = None;
        p.backend = BackendKind::Imbrace;
        let (token, source) = auth::resolve(&p, paths).map_err(|e| match e {
            // No profile was named: the account is the server, and so is the login command.
            auth::TokenError::Missing { .. } if chosen.is_none() => auth::TokenError::Missing {
                profile: env.base_url().to_string(),
                login: format!("imbox login {}", adhoc_args(cli)),
            }
            .to_string(),
            e => e.to_string(),
        })?;
        tracing::info!(profile = %p.name, ?source, "token found");
        let target = auth::TokenTarget::for_profile(&p, paths);
        let endpoint = Endpoint::from_profile(&p, env.base_url().to_string(), token);
        let profile = if chosen.is_some() { p.name.clone() } else { String::new() };
        return Ok((vec![Connection { endpoint, profile, target }], Vec::new()));
    }
    let Some(primary) = chosen.or(config.profiles.first()) else {
        return Ok((Vec::new(), Vec::new()));
    };
    let order = std::iter::once(primary).chain(config.profiles.iter().filter(|p| p.name != primary.name));
    let (mut out, mut skipped) = (Vec::new(), Vec::new());
    for (i, p) in order.enumerate() {
        let base_url = accounts::profile_base_url(p)?;
        // IMBOX_TOKEN belongs to the account imbox was asked for, never to the others.
        let found = if i == 0 {
            auth::resolve(p, paths)
        } else {
            auth::resolve_with(p, paths, None, &imbox::auth::keyring::lookup)
        };
        let (token, source) = match found {
            Ok(t) => t,
            Err(e) if i == 0 => return Err(e.to_string()),
            Err(e) => {
                tracing::warn!(profile = %p.name, "account skipped: {e}");
                skipped.push(format!("{}: {e}", p.name));
                continue;
            }
        };
        tracing::info!(profile = %p.name, ?source, "token found");
        let target = auth::TokenTarget::for_profile(p, paths);
        out.push(Connection {
            endpoint: Endpoint::from_profile(p, base_url, token),
            profile: p.name.clone(),
            target,
        });
    }
    Ok((out, skipped))
}

/// The poll intervals of the config file (already checked when it was read).
fn poll_config(config: &Config) -> imbox::state::poll::PollConfig {
    let defaults = imbox::state::poll::PollConfig::default();
    let Ok([thread, list, notifications, idle_after, idle_factor, max_backoff, socket_safety]) =
        config.poll.resolve(&config.ui)
    else {
        return defaults;
    };
    imbox::state::poll::PollConfig {
        thread: Duration::from_secs(thread),
        list: Duration::from_secs(list),
        notifications: Duration::from_secs(notifications),
        idle_after: Duration::from_secs(idle_after),
        idle_factor: u32::try_from(idle_factor).unwrap_or(defaults.idle_factor),
        max_backoff: Duration::from_secs(max_backoff),
        socket_safety: Duration::from_secs(socket_safety),
    }
}

async fn run(cli: Cli) -> Result<(), String> {
    let paths = Paths::discover(cli.config.clone());
    if cli.print_paths {
        println!("config: {}", paths.config_file.display());
        println!("data:   {}", paths.data_dir.display());
        println!("log:    {}", paths.log_file().display());
        println!("cache:  {}", paths.cache_dir.display());
        print_gateway_layouts(&paths);
        return Ok(());
    }
    let _log_guard = start_logging(&paths, &cli.log_level);
    match &cli.command {
        Some(Command::DemoServer {
            port,
            contacts,
            latency_ms,
            fault,
            fault_rate,
            hostile,
            no_activity,
            imbrace_layout,
        }) => {
            let mut cfg = DemoConfig {
                hostile: *hostile,
                activity: (!*no_activity).then(demo::Activity::default),
                port: *port,
                contacts: *contacts,
                latency: Duration::from_millis(*latency_ms),
                fault_rate: *fault_rate,
                imbrace_layout: imbrace_layout.parse()?,
                ..DemoConfig::default()
            };
            for f in fault {
                cfg.apply_fault_arg(f).map_err(|e| format!("--fault {f}: {e}"))?;
            }
            return demo::run_standalone(cfg).await.map_err(|e| format!("demo server: {e}"));
        }
        Some(Command::Login) => return login(&cli, &paths).await,
        Some(Command::Cache { action: CacheAction::Clear }) => return clear_cache(&cli, &paths),
        None => {}
    }
    let config = Config::load(&paths.config_file).map_err(|e| e.to_string())?;
    // NO_COLOR (set and non-empty) or `[ui] theme = "mono"`: meaning without colour.
    let theme =
        imbox::layout::theme::Theme::choose(&config.ui.theme, std::env::var_os("NO_COLOR").as_deref())
            .map_err(|e| format!("{}: {e}", paths.config_file.display()))?;
    imbox::layout::theme::set(theme);
    // OSC 8 links where the terminal draws them, unless the config says otherwise.
    let hyperlinks = config.ui.hyperlinks.unwrap_or_else(|| {
        imbox::layout::osc::terminal_has_hyperlinks(&|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
    });
    imbox::layout::osc::set_hyperlinks(hyperlinks);
    // Checked when the file was read; every client built from here on takes the cap.
    if let Ok(cap) = config.network.max_reply_bytes() {
        imbox_api::http::set_default_max_reply_bytes(cap);
    }
    let overrides = imbox::keymap::overrides::Overrides::from_config(&config.keys, imbox::keymap::all())
        .map_err(|e| format!("{}: {e}", paths.config_file.display()))?;
    imbox::keymap::overrides::install(overrides);
    let open = match &cli.open {
        // The sanitizer first: bidi and invisible characters never reach the id, the screen
        // or this error.
        Some(s) => Some(conversation_id_from_link(&imbox_api::sanitize::line(s)).ok_or_else(|| {
            format!(
                "--open {}: expected a conv_… id or a link containing conv_id=",
                imbox_api::sanitize::line(s)
            )
        })?),
        None => None,
    };
    let (connections, skipped) = if cli.demo || cli.demo_hostile {
        (Vec::new(), Vec::new())
    } else {
        connections(&cli, &config, &paths)?
    };
    if cli.backend.is_some() && !connections.is_empty() {
        return Err(
            "--backend chooses a demo API; a real Chatwoot or SMS/RCS account is a [[profile]]".into()
        );
    }
    let tz = jiff::tz::TimeZone::try_system().unwrap_or(jiff::tz::TimeZone::UTC);
    // A preset that cannot be read is a config error now, not a surprise in the menu.
    let now = jiff::Timestamp::now();
    for p in &config.snooze.presets {
        imbox::state::acts::when::parse(p, now, &tz).map_err(|e| format!("[snooze] presets: “{p}”: {e}"))?;
    }
    let config_ref = &config;
    // How alerts can reach the agent here: a desktop notification where a session bus exists
    // (always on macOS), the terminal's own notification where it is known to have one.
    let terminal = imbox::state::alerts::terminals::TerminalSupport::detect(|k| std::env::var(k).ok());
    let desktop = imbox::auth::keyring::reachable();
    tracing::info!(terminal = terminal.name, tmux = terminal.tmux, desktop, "alert delivery");
    let new_session =
        |backend: imbox_api::AnyBackend, account: Account, token: &imbox_api::Secret, mark_read: bool| {
            let name = account.name.clone();
            // The demo's accounts follow the global [alerts] table; a profile's own table wins.
            let profile = (!account.demo).then_some(name.as_str());
            let alerts = accounts::alert_rules(&config_ref.alerts_for(profile), &terminal, desktop);
            let cache = cache_for(&backend, &account, token, config_ref, &paths);
            let mut state = State::new(account, jiff::Timestamp::now(), tz.clone());
            state.alerts.rules = alerts;
            state.poll.config = poll_config(config_ref);
            state.mark_read_on_open = mark_read;
            if !config_ref.snooze.presets.is_empty() {
                state.acts.snooze_presets = config_ref.snooze.presets.clone();
            }
            let mut jobs = JobContext::new(backend, Some(paths.data_dir.clone())).for_account(&name);
            jobs.realtime = config_ref.realtime.timings();
            jobs.cache = cache;
            Session { state, jobs }
        };
    let mut sessions = Vec::new();
    // The demo server must outlive the UI; keep its handle here.
    let mut _demo = None;
    if connections.is_empty() {
        let cfg = DemoConfig {
            contacts: cli.demo_contacts,
            hostile: cli.demo_hostile,
            activity: (!cli.no_activity).then(demo::Activity::default),
            ..DemoConfig::default()
        };
        let server = demo::spawn(cfg).await.map_err(|e| format!("cannot start the demo server: {e}"))?;
        let kinds = match cli.backend.as_deref().and_then(BackendKind::from_name) {
            Some(kind) => vec![kind],
            None => vec![BackendKind::Imbrace, BackendKind::Chatwoot, BackendKind::Smsrcs],
        };
        for kind in kinds {
            let endpoint = accounts::demo_endpoint(&server.base_url(), server.token(), kind);
            match accounts::build_backend(&endpoint) {
                Ok(backend) => {
                    let account = accounts::account_for(&backend, "", true);
                    sessions.push(new_session(backend, account, &endpoint.token, true));
                }
                Err(e) if cli.backend.is_some() => return Err(e),
                Err(e) => tracing::warn!("demo {} skipped: {e}", kind.name()),
            }
        }
        tracing::info!("starting on the embedded demo server");
        _demo = Some(server);
    }
    for c in connections {
        let backend =
            accounts::build_backend(&c.endpoint).map_err(|e| format!("profile {:?}: {e}", c.profile))?;
        let account = accounts::account_for(&backend, &c.profile, false);
        let mark_read =
            config.profiles.iter().find(|p| p.name == c.profile).and_then(|p| p.mark_read_on_open);
        let mut session = new_session(backend, account, &c.endpoint.token, mark_read.unwrap_or(true));
        session.jobs.token_target = Some(c.target);
        tracing::info!(profile = %c.profile, backend = c.endpoint.kind.name(), "starting");
        sessions.push(session);
    }
    if let Some(first) = sessions.first_mut().filter(|_| !skipped.is_empty()) {
        first.state.last_error = Some(format!("accounts skipped: {}", skipped.join("; ")));
    }
    let opts = StartOptions { open_conversation: open, mouse: config.ui.mouse && !cli.no_mouse };
    app::run_accounts(sessions, opts).await.map_err(|e| format!("terminal error: {e}"))
}

/// `--base-url URL` or `--env NAME` as given on the command line, ready to be typed again.
fn adhoc_args(cli: &Cli) -> String {
    match (&cli.base_url, &cli.env) {
        (Some(url), _) => format!("--base-url {}", auth::shell_word(url)),
        (None, Some(env)) => format!("--env {}", auth::shell_word(env)),
        (None, None) => String::new(),
    }
}

/// `imbox login`: reads a token without echo, checks it with one request, stores it.
async fn login(cli: &Cli, paths: &Paths) -> Result<(), String> {
    let config = Config::load(&paths.config_file).map_err(|e| e.to_string())?;
    let profile = config.profile(cli.profile.as_deref()).map_err(|e| e.to_string())?.cloned();
    let (base_url, target) = match (&cli.base_url, &cli.env, &profile) {
        (Some(url), _, p) => (url.clone(), p.clone().map(|p| Profile { backend: BackendKind::Imbrace, ..p })),
        (None, Some(env), p) => (
            Environment::from_name(env).unwrap_or(Environment::Prod).base_url().to_string(),
            p.clone().map(|p| Profile { backend: BackendKind::Imbrace, ..p }),
        ),
        (None, None, Some(p)) => (accounts::profile_base_url(p)?, Some(p.clone())),
        (None, None, None) => {
            return Err(
                "login: say where to log in: --env prod|dev|demo, --base-url URL, or --profile NAME".into()
            );
        }
    };
    let profile_named = target.is_some();
    let profile = target.unwrap_or_else(|| Profile { name: "default".into(), ..Profile::default() });
    let name = profile.name.clone();
    let target = auth::TokenTarget::for_profile(&profile, paths);
    let host = Environment::Custom(base_url.clone()).label();
    let what = match profile.backend {
        BackendKind::Smsrcs => "api-key",
        BackendKind::Imbrace | BackendKind::Chatwoot => "Access token",
    };
    let token =
        imbox::auth::prompt::read_hidden(&format!("{what} for {name} ({} {host}): ", profile.backend.name()))
            .map_err(|e| format!("cannot read the token: {e}"))?;
    if token.is_empty() {
        return Err("no token entered; nothing stored".into());
    }
    let backend = accounts::build_backend(&Endpoint::from_profile(&profile, base_url, token.clone()))?;
    match backend.check_token().await {
        Ok(()) => println!("Token accepted."),
        Err(e) if e.is_auth() => return Err("token rejected by the server; nothing stored".into()),
        Err(e) => return Err(format!("could not check the token ({e}); nothing stored")),
    }
    let place = auth::save(&target, &token).map_err(|e| format!("{e}; nothing stored"))?;
    // The command printed is the one that finds this token again: a profile by its name, an
    // ad-hoc server by the same --base-url/--env (its token is stored under "default").
    if profile_named {
        println!(
            "Stored in {place}. Start imbox with `imbox --profile {}`, or make it default_profile.",
            auth::shell_word(&name)
        );
    } else {
        println!("Stored in {place}. Start imbox with `imbox {}`.", adhoc_args(cli));
    }
    Ok(())
}
