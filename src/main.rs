//! The `imbox` command line: start the UI on the embedded demo or a real account, or run the
//! demo server on its own.

use clap::{Parser, Subcommand};
use imbox::api::Secret;
use imbox::api::imbrace::client::ClientConfig;
use imbox::api::imbrace::{Environment, ImbraceClient};
use imbox::app::{self, StartOptions};
use imbox::demo::{self, DemoConfig};
use imbox::model::conversation_id_from_link;
use imbox::state::{Account, State};
use std::process::ExitCode;
use std::time::Duration;

const AFTER_HELP: &str = "\
Without --base-url or --env, imbox starts its embedded demo server on 127.0.0.1 and opens the
inbox on it, so you can try everything without an account.

To connect a real iMBRACE account, put the access token in the IMBOX_TOKEN environment variable
(never on the command line) and choose a gateway:
  IMBOX_TOKEN=acc_… imbox --env prod
  IMBOX_TOKEN=acc_… imbox --base-url https://gateway.example.com

Note: `--env demo` is iMBRACE's own remote demo gateway (app-gateway.demo.imbrace.co), which
needs a token of its own. imbox's embedded demo server is `--demo` (or no option at all).";

/// A fast, keyboard-first terminal inbox for omnichannel customer messaging.
#[derive(Debug, Parser)]
#[command(name = "imbox", version, about, after_help = AFTER_HELP)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Use the embedded demo server (the default when no account is given).
    #[arg(long, conflicts_with_all = ["base_url", "env"])]
    demo: bool,
    /// Connect to any iMBRACE-compatible server at URL (token from IMBOX_TOKEN).
    #[arg(long, value_name = "URL", conflicts_with = "env")]
    base_url: Option<String>,
    /// Connect to one of iMBRACE's gateways (token from IMBOX_TOKEN). `demo` is iMBRACE's
    /// remote demo gateway, not imbox's embedded demo server.
    #[arg(long, value_name = "ENV", value_parser = ["prod", "demo", "dev"])]
    env: Option<String>,
    /// Open a conversation at start: a `conv_…` id or a web-app link containing `conv_id=`.
    #[arg(long, value_name = "ID")]
    open: Option<String>,
    /// Contacts in the embedded demo data set.
    #[arg(long, value_name = "N", default_value_t = 300)]
    demo_contacts: usize,
    /// Do not capture the mouse (lets the terminal select text).
    #[arg(long)]
    no_mouse: bool,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the embedded demo server on its own and print its base URL and token.
    DemoServer {
        /// Port on 127.0.0.1 (default: any free port).
        #[arg(long)]
        port: Option<u16>,
        /// Contacts in the data set (65681 matches the API documents).
        #[arg(long, default_value_t = 300)]
        contacts: usize,
        /// Delay added to every response, in milliseconds.
        #[arg(long, default_value_t = 0)]
        latency_ms: u64,
        /// A fault to inject: latency:MS, status:CODE, 429:SECS, malformed, truncated, reset,
        /// stall, or error-rate:PERCENT (500s on that share of requests). Repeatable.
        #[arg(long)]
        fault: Vec<String>,
        /// Percentage of requests the fault applies to.
        #[arg(long, default_value_t = 100)]
        fault_rate: u8,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("imbox: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("imbox: {msg}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<(), String> {
    if let Some(Command::DemoServer {
        port,
        contacts,
        latency_ms,
        fault,
        fault_rate,
    }) = cli.command
    {
        let mut cfg = DemoConfig {
            port,
            contacts,
            latency: Duration::from_millis(latency_ms),
            fault_rate,
            ..DemoConfig::default()
        };
        for f in &fault {
            cfg.apply_fault_arg(f)
                .map_err(|e| format!("--fault {f}: {e}"))?;
        }
        return demo::run_standalone(cfg)
            .await
            .map_err(|e| format!("demo server: {e}"));
    }
    let open = match &cli.open {
        Some(s) => Some(conversation_id_from_link(s).ok_or_else(|| {
            format!("--open {s}: expected a conv_… id or a link containing conv_id=")
        })?),
        None => None,
    };
    let environment = match (&cli.base_url, &cli.env) {
        (Some(url), _) => Some(Environment::Custom(url.clone())),
        (None, Some(name)) => Environment::from_name(name),
        (None, None) => None,
    };
    // The demo server must outlive the UI; keep its handle here.
    let (client, account, _demo) = match environment {
        Some(env) if !cli.demo => {
            let token = std::env::var("IMBOX_TOKEN").unwrap_or_default();
            if token.trim().is_empty() {
                return Err("no access token: set IMBOX_TOKEN to your iMBRACE access token (see imbox --help)".into());
            }
            let client =
                ImbraceClient::new(ClientConfig::new(env.base_url(), Secret::new(token.trim())))
                    .map_err(|e| e.to_string())?;
            (
                client,
                Account {
                    label: format!("iMBRACE · {}", env.label()),
                    demo: false,
                },
                None,
            )
        }
        _ => {
            let server = demo::spawn(DemoConfig {
                contacts: cli.demo_contacts,
                ..DemoConfig::default()
            })
            .await
            .map_err(|e| format!("cannot start the demo server: {e}"))?;
            let base = server.base_url();
            let client = ImbraceClient::new(ClientConfig::new(&base, Secret::new(server.token())))
                .map_err(|e| e.to_string())?;
            let label = format!("iMBRACE · {}", Environment::Custom(base).label());
            (client, Account { label, demo: true }, Some(server))
        }
    };
    let tz = jiff::tz::TimeZone::try_system().unwrap_or(jiff::tz::TimeZone::UTC);
    let state = State::new(account, jiff::Timestamp::now(), tz);
    app::run(
        state,
        client,
        StartOptions {
            open_conversation: open,
            mouse: !cli.no_mouse,
        },
    )
    .await
    .map_err(|e| format!("terminal error: {e}"))
}
