//! Where imbox keeps things, and the config file: profiles, UI options, key overrides.
//!
//! The file is TOML in the platform config directory (`~/.config/imbox/config.toml` on Linux),
//! or wherever `--config` points. A missing file is not an error: imbox then runs on the demo.
//! See `assets/config.example.toml` and docs/configuration.md.

mod alerts;
mod errors;

pub use alerts::{AlertMethod, AlertsConfig, QuietHours, ResolvedAlerts};
pub use imbox_api::BackendKind;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The directories imbox uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    /// The config file.
    pub config_file: PathBuf,
    /// Drafts and stored tokens live here.
    pub data_dir: PathBuf,
    /// Logs go here.
    pub state_dir: PathBuf,
    /// The on-disk cache of every account (`effects/cache`).
    pub cache_dir: PathBuf,
}

impl Paths {
    /// The platform directories, overridden by `IMBOX_CONFIG`, `IMBOX_DATA_DIR` and
    /// `IMBOX_STATE_DIR`, and the config file by `--config`.
    pub fn discover(config_override: Option<PathBuf>) -> Paths {
        let dirs = directories::ProjectDirs::from("", "", "imbox");
        let fallback = std::env::temp_dir().join("imbox");
        let config_dir =
            dirs.as_ref().map(|d| d.config_dir().to_path_buf()).unwrap_or_else(|| fallback.clone());
        let data_dir = dirs.as_ref().map(|d| d.data_dir().to_path_buf()).unwrap_or_else(|| fallback.clone());
        let state_dir = dirs
            .as_ref()
            .map(|d| d.state_dir().unwrap_or_else(|| d.data_dir()).to_path_buf())
            .unwrap_or_else(|| fallback.clone());
        let env_path = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from);
        // With the data directory moved (tests, a portable setup) the cache moves with it rather
        // than landing in the platform's cache directory beside another setup's.
        let cache_dir = env_path("IMBOX_CACHE_DIR")
            .or_else(|| env_path("IMBOX_DATA_DIR").map(|d| d.join("cache")))
            .or_else(|| dirs.as_ref().map(|d| d.cache_dir().to_path_buf()))
            .unwrap_or_else(|| fallback.join("cache"));
        Paths {
            cache_dir,
            config_file: config_override
                .or_else(|| env_path("IMBOX_CONFIG"))
                .unwrap_or(config_dir.join("config.toml")),
            data_dir: env_path("IMBOX_DATA_DIR").unwrap_or(data_dir),
            state_dir: env_path("IMBOX_STATE_DIR").unwrap_or(state_dir),
        }
    }

    /// The log file.
    pub fn log_file(&self) -> PathBuf {
        self.state_dir.join("imbox.log")
    }

    /// The cache file of the account named `profile` (one store per account).
    pub fn cache_file(&self, profile: &str) -> PathBuf {
        self.cache_dir.join(cache_file_name(profile))
    }

    /// Where a profile's token file lives unless the profile says otherwise.
    pub fn token_file(&self, profile: &str) -> PathBuf {
        self.data_dir.join("tokens").join(format!("{}.token", safe_file_name(profile)))
    }
}

/// The name of the cache file of the account named `profile`.
pub fn cache_file_name(profile: &str) -> String {
    format!("{}.redb", safe_file_name(profile))
}

/// A file-name-safe version of a name: anything but ASCII letters, digits, `-`, `_` and `.`
/// becomes `_`, and a leading dot is escaped, so a profile or contact id can never leave the
/// directory it is joined to.
pub fn safe_file_name(name: &str) -> String {
    let mut s: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') { c } else { '_' })
        .collect();
    if s.is_empty() || s.starts_with('.') {
        s.insert(0, '_');
    }
    s
}

/// One account.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Name used with `--profile`.
    pub name: String,
    /// Which API it speaks.
    #[serde(default)]
    pub backend: BackendKind,
    /// `prod`, `demo` or `dev` (iMBRACE gateways).
    #[serde(default)]
    pub environment: Option<String>,
    /// Any base URL (wins over `environment`).
    #[serde(default)]
    pub base_url: Option<String>,
    /// A command whose standard output is the token (like aerc's and himalaya's password commands).
    #[serde(default)]
    pub token_command: Option<String>,
    /// A file holding the token (default: `<data dir>/tokens/<name>.token`).
    #[serde(default)]
    pub token_file: Option<PathBuf>,
    /// Where `imbox login` and the in-app re-login store a token: unset tries the OS keyring
    /// and falls back to the token file; `file` never touches the keyring; `keyring` insists on it.
    #[serde(default)]
    pub token_store: Option<TokenStore>,
    /// iMBRACE: the organisation id, for the phone-links lookup (default: taken from loaded
    /// contacts) and sent as `x-organization-id` with every request when set, as iMBRACE's SDK
    /// does.
    #[serde(default)]
    pub organization_id: Option<String>,
    /// iMBRACE: which gateway paths to call (`auto`, `seed` or `channel-service`).
    #[serde(default)]
    pub layout: GatewayLayout,
    /// Chatwoot: the numeric account id in `/api/v1/accounts/{id}` (required for Chatwoot).
    #[serde(default)]
    pub account_id: Option<u64>,
    /// Chatwoot: send the token as `api-access-token` instead of `api_access_token`, for servers
    /// behind a proxy that drops header names with underscores.
    #[serde(default)]
    pub hyphenated_header: bool,
    /// Chatwoot: mark a conversation read (`update_last_seen`) when it is opened (default true).
    #[serde(default)]
    pub mark_read_on_open: Option<bool>,
    /// SMS/RCS: the `api-login` identifier sent with the `api-key` (the token). Required there.
    #[serde(default)]
    pub api_login: Option<String>,
    /// SMS/RCS: every reply is sent with `simulation_mode: true` — the service validates it and
    /// answers a fake result, nothing reaches a phone and nothing is charged (default false).
    #[serde(default)]
    pub simulation_mode: bool,
    /// This account's alert rules, over the global `[alerts]` table.
    #[serde(default)]
    pub alerts: Option<AlertsConfig>,
}

/// An iMBRACE profile's gateway layout (`layout = "…"`): the seeds' `/v1/backend/...` paths, the
/// SDK's `/channel-service/v1/...` ones, or `auto`, which asks the gateway once at start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum GatewayLayout {
    /// Ask the gateway once, channel-service first (the default).
    #[default]
    Auto,
    /// `/v1/backend/...` (seeds 000 and 002).
    Seed,
    /// `/channel-service/v1/...` (iMBRACE's SDK 1.2 and later).
    ChannelService,
}

impl GatewayLayout {
    /// The client's setting for it.
    pub fn choice(self) -> imbox_api::imbrace::LayoutChoice {
        use imbox_api::imbrace::{Layout, LayoutChoice};
        match self {
            GatewayLayout::Auto => LayoutChoice::Auto,
            GatewayLayout::Seed => LayoutChoice::Fixed(Layout::Seed),
            GatewayLayout::ChannelService => LayoutChoice::Fixed(Layout::ChannelService),
        }
    }
}

/// Where a profile's token is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenStore {
    /// The OS keyring only (storing fails when none is reachable).
    Keyring,
    /// The 0600 token file only (the keyring is neither read nor written).
    File,
}

/// UI options.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct UiOptions {
    /// Colour theme name: `default`, or `mono` (no colour; `NO_COLOR` chooses it too).
    pub theme: String,
    /// Whether URLs are drawn as OSC 8 hyperlinks; unset: where the terminal is known to
    /// support them, and never inside tmux or screen.
    pub hyperlinks: Option<bool>,
    /// Seconds between notification badge refreshes: the old name of `[poll]
    /// notifications_secs`, still read when that is not given.
    pub notification_refresh_secs: Option<u64>,
    /// Whether imbox captures the mouse.
    pub mouse: bool,
}

impl Default for UiOptions {
    fn default() -> Self {
        UiOptions { theme: "default".into(), hyperlinks: None, notification_refresh_secs: None, mouse: true }
    }
}

/// The whole config file.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Profile used when `--profile` is not given.
    pub default_profile: Option<String>,
    /// The accounts.
    #[serde(rename = "profile")]
    pub profiles: Vec<Profile>,
    /// UI options.
    pub ui: UiOptions,
    /// Key overrides: binding name → key(s), e.g. `quit = "ctrl-q"`.
    pub keys: BTreeMap<String, KeySpec>,
    /// Snooze options.
    pub snooze: SnoozeOptions,
    /// How often what is on screen is asked again.
    pub poll: PollOptions,
    /// The realtime channel (Chatwoot).
    pub realtime: RealtimeOptions,
    /// Limits on what a server can make imbox hold.
    pub network: NetworkOptions,
    /// Alert rules of every account (a profile's `alerts` table overrides them).
    pub alerts: AlertsConfig,
    /// The on-disk cache.
    pub cache: CacheOptions,
}

/// The cache's size cap per account when the config names none, in MB.
pub const DEFAULT_CACHE_MB: u64 = 200;

/// The `[cache]` table: the on-disk cache of what each account has seen.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CacheOptions {
    /// Keep a cache (false: every start asks the server for everything; nothing is written).
    pub enabled: bool,
    /// The largest a store may grow per account, in MB (1–100,000); the least recently used
    /// answers go first.
    pub max_mb: u64,
}

impl Default for CacheOptions {
    fn default() -> Self {
        CacheOptions { enabled: true, max_mb: DEFAULT_CACHE_MB }
    }
}

impl CacheOptions {
    /// The cap in bytes, or why the value is refused.
    pub fn max_bytes(&self) -> Result<u64, String> {
        match self.max_mb {
            1..=100_000 => Ok(self.max_mb * 1_000_000),
            _ => Err("[cache] max_mb: must be between 1 and 100000".to_string()),
        }
    }
}

/// The `[network]` table: limits on what a server can make imbox hold.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct NetworkOptions {
    /// The largest reply body accepted, in MiB (1–1024); a larger one is refused naming the
    /// endpoint.
    pub max_reply_mib: u64,
}

impl Default for NetworkOptions {
    fn default() -> Self {
        NetworkOptions { max_reply_mib: imbox_api::http::DEFAULT_MAX_REPLY_BYTES / (1024 * 1024) }
    }
}

impl NetworkOptions {
    /// The reply cap in bytes, or why the value is refused.
    pub fn max_reply_bytes(&self) -> Result<u64, String> {
        match self.max_reply_mib {
            1..=1024 => Ok(self.max_reply_mib * 1024 * 1024),
            _ => Err("[network] max_reply_mib: must be between 1 and 1024".to_string()),
        }
    }
}

/// The `[realtime]` table: the channel that pushes changes (Chatwoot's `/cable`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RealtimeOptions {
    /// Open the channel where the backend has one (false: poll only, as behind a proxy that
    /// breaks WebSockets).
    pub enabled: bool,
    /// Seconds before trying again after the channel was refused (a proxy, an old server).
    pub retry_secs: u64,
    /// Longest wait in seconds between reconnects after the channel was lost.
    pub reconnect_max_secs: u64,
}

impl Default for RealtimeOptions {
    fn default() -> Self {
        RealtimeOptions { enabled: true, retry_secs: 60, reconnect_max_secs: 30 }
    }
}

impl RealtimeOptions {
    /// The socket's timings, or None when the channel is off.
    pub fn timings(&self) -> Option<imbox_api::realtime::RealtimeTimings> {
        let defaults = imbox_api::realtime::RealtimeTimings::default();
        self.enabled.then(|| imbox_api::realtime::RealtimeTimings {
            unavailable_retry: std::time::Duration::from_secs(self.retry_secs.max(1)),
            backoff_max: std::time::Duration::from_secs(self.reconnect_max_secs.max(1)),
            ..defaults
        })
    }
}

/// The `[poll]` table: how often what is on screen is asked again (see docs/configuration.md).
/// Every key is optional; a missing one keeps its default.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PollOptions {
    /// The open thread's newest messages, while it is on screen (default 5, at least 2).
    pub thread_secs: Option<u64>,
    /// The conversation list in view (default 30, at least 5).
    pub list_secs: Option<u64>,
    /// The notification badge and the open centre's first page (default 15, at least 5;
    /// `[ui] notification_refresh_secs` is its old name).
    pub notifications_secs: Option<u64>,
    /// No key for this long makes the agent idle (default 600, at least 60).
    pub idle_after_secs: Option<u64>,
    /// Every interval is multiplied by this while idle (default 4, 1 to 60).
    pub idle_factor: Option<u32>,
    /// A failing resource's interval doubles up to this (default 300, 10 to 3600).
    pub max_backoff_secs: Option<u64>,
    /// While the realtime socket is live (Chatwoot), the list and the badge are still asked
    /// this often as a safety net; the thread not at all (default 300, 30 to 3600).
    pub socket_safety_secs: Option<u64>,
}

/// A poll interval's key, its value (or its default) and its allowed range.
struct Bound {
    key: &'static str,
    value: u64,
    min: u64,
    max: u64,
}

impl PollOptions {
    /// The intervals in seconds, each checked against its range: (thread, list,
    /// notifications, idle after, idle factor, max backoff, socket safety). `ui` supplies the
    /// old name of the notifications interval.
    pub fn resolve(&self, ui: &UiOptions) -> Result<[u64; 7], String> {
        let notifications = self.notifications_secs.or(ui.notification_refresh_secs);
        let bounds = [
            Bound { key: "thread_secs", value: self.thread_secs.unwrap_or(5), min: 2, max: 3600 },
            Bound { key: "list_secs", value: self.list_secs.unwrap_or(30), min: 5, max: 3600 },
            Bound { key: "notifications_secs", value: notifications.unwrap_or(15), min: 5, max: 3600 },
            Bound {
                key: "idle_after_secs",
                value: self.idle_after_secs.unwrap_or(600),
                min: 60,
                max: 86_400,
            },
            Bound { key: "idle_factor", value: u64::from(self.idle_factor.unwrap_or(4)), min: 1, max: 60 },
            Bound {
                key: "max_backoff_secs",
                value: self.max_backoff_secs.unwrap_or(300),
                min: 10,
                max: 3600,
            },
            Bound {
                key: "socket_safety_secs",
                value: self.socket_safety_secs.unwrap_or(300),
                min: 30,
                max: 3600,
            },
        ];
        let mut out = [0; 7];
        for (i, b) in bounds.iter().enumerate() {
            if b.value < b.min || b.value > b.max {
                return Err(format!("[poll] {}: must be between {} and {}", b.key, b.min, b.max));
            }
            out[i] = b.value;
        }
        Ok(out)
    }
}

/// The `[snooze]` table.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SnoozeOptions {
    /// The snooze menu's presets, each a time as `:snooze` reads it (`"1h"`, `"tomorrow 9:00"`,
    /// `"mon 9:00"`, `"reply"`); empty: those four.
    pub presets: Vec<String>,
}

/// One key or several, as written in the config.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum KeySpec {
    /// `"ctrl-q"`
    One(String),
    /// `["q", "ctrl-q"]`
    Many(Vec<String>),
}

/// Why the config could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file exists but could not be read.
    #[error("cannot read {}: {source}", errors::shown_path(path))]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not valid config TOML.
    #[error("{}: {message}", errors::shown_path(path))]
    Parse {
        /// The file.
        path: PathBuf,
        /// What is wrong, with line and column.
        message: String,
    },
    /// `--profile` or `default_profile` names no profile.
    #[error("no profile named {0:?} in the config file")]
    UnknownProfile(String),
}

impl Config {
    /// Reads the config file; a missing file gives the defaults.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        match std::fs::read_to_string(path) {
            Ok(text) => Config::parse(&text, path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(source) => Err(ConfigError::Read { path: path.to_path_buf(), source }),
        }
    }

    /// Parses config text (`path` only names the file in errors).
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        // toml's own rendering of an error quotes the line, value and all (a token written by
        // mistake, escape bytes): `errors::describe` names the place and the key instead.
        let config: Config = toml::from_str(text).map_err(|e| ConfigError::Parse {
            path: path.to_path_buf(),
            message: errors::describe(text, &e),
        })?;
        // A value out of range is refused now, with the file, the line and the key: the
        // message reads "[table] key: must be …".
        let out_of_range = |message: String| {
            let mut words = message.split_whitespace();
            let table = words.next().unwrap_or("");
            let key = words.next().unwrap_or("").trim_end_matches(':');
            let message = match errors::line_of_key(text, table, key) {
                Some(line) => format!("line {line}: {message}"),
                None => message,
            };
            ConfigError::Parse { path: path.to_path_buf(), message }
        };
        config.poll.resolve(&config.ui).map_err(out_of_range)?;
        config.network.max_reply_bytes().map_err(out_of_range)?;
        config.cache.max_bytes().map_err(out_of_range)?;
        // Two profiles of one name: `--profile NAME` could only ever reach the first, and its
        // tokens and drafts would be shared (they are kept by name).
        for (i, p) in config.profiles.iter().enumerate() {
            if let Some(first) = config.profiles[..i].iter().position(|q| q.name == p.name) {
                let at = |n| {
                    errors::line_of_header(text, "[[profile]]", n).map_or(String::new(), |l| l.to_string())
                };
                let message = format!(
                    "line {}: this [[profile]] has the name of the one at line {}: give each profile a name of its own",
                    at(i),
                    at(first)
                );
                return Err(ConfigError::Parse { path: path.to_path_buf(), message });
            }
        }
        Ok(config)
    }

    /// The alert settings of the profile named `profile` (none: the global table).
    pub fn alerts_for(&self, profile: Option<&str>) -> ResolvedAlerts {
        let own =
            profile.and_then(|n| self.profiles.iter().find(|p| p.name == n)).and_then(|p| p.alerts.as_ref());
        AlertsConfig::resolve(own, &self.alerts)
    }

    /// The profile to use: `wanted`, else `default_profile`, else the only profile, else none.
    pub fn profile(&self, wanted: Option<&str>) -> Result<Option<&Profile>, ConfigError> {
        let name = wanted.or(self.default_profile.as_deref());
        match name {
            Some(n) => self
                .profiles
                .iter()
                .find(|p| p.name == n)
                .map(Some)
                .ok_or(ConfigError::UnknownProfile(n.into())),
            None if self.profiles.len() == 1 => Ok(self.profiles.first()),
            None => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_config_parses_and_picks_the_default_profile() {
        let text = include_str!("../../../assets/config.example.toml");
        let c = Config::parse(text, Path::new("example")).expect("example parses");
        let p = c.profile(None).expect("default exists").expect("a profile");
        assert_eq!(p.name, "work");
        assert_eq!(p.environment.as_deref(), Some("prod"));
        assert_eq!(c.ui.notification_refresh_secs, None, "moved to [poll]");
        assert_eq!(c.poll.resolve(&c.ui), Ok([5, 30, 15, 600, 4, 300, 300]));
        assert!(c.profile(Some("nope")).is_err());
        let cw = c.profile(Some("support")).expect("listed").expect("a profile");
        assert_eq!(
            (cw.backend, cw.account_id, cw.hyphenated_header),
            (BackendKind::Chatwoot, Some(1), false)
        );
        let sms = c.profile(Some("sms")).expect("listed").expect("a profile");
        assert_eq!((sms.backend, sms.api_login.as_deref()), (BackendKind::Smsrcs, Some("my-login")));
        assert!(sms.simulation_mode, "the example keeps replies simulated");
        assert!(!cw.simulation_mode, "off unless set");
    }

    #[test]
    fn a_missing_file_is_the_default_and_a_bad_one_names_line_and_field() {
        assert_eq!(Config::load(Path::new("/nonexistent/imbox.toml")).ok(), Some(Config::default()));
        let err = Config::parse("[ui]\nmouse = \"yes\"\n", Path::new("c.toml")).expect_err("bad type");
        let msg = err.to_string();
        assert!(msg.contains("c.toml") && msg.contains("mouse"), "{msg}");
        assert!(
            Config::parse("[[profile]]\nname = \"a\"\ntoken = \"secret\"\n", Path::new("c")).is_err(),
            "tokens never live in the config"
        );
    }

    #[test]
    fn the_reply_cap_defaults_to_16_mib_and_is_checked() {
        let c = Config::parse("", Path::new("c.toml")).expect("empty config");
        assert_eq!(c.network.max_reply_bytes(), Ok(16 * 1024 * 1024));
        let c = Config::parse("[network]\nmax_reply_mib = 4\n", Path::new("c.toml")).expect("4 MiB");
        assert_eq!(c.network.max_reply_bytes(), Ok(4 * 1024 * 1024));
        let err = Config::parse("[network]\nmax_reply_mib = 0\n", Path::new("c.toml")).expect_err("zero");
        assert_eq!(err.to_string(), "c.toml: line 2: [network] max_reply_mib: must be between 1 and 1024");
    }

    #[test]
    fn poll_intervals_default_read_the_old_name_and_are_checked() {
        let c = Config::parse("", Path::new("c")).expect("empty");
        assert_eq!(c.poll.resolve(&c.ui), Ok([5, 30, 15, 600, 4, 300, 300]));
        let c = Config::parse("[ui]\nnotification_refresh_secs = 45\n", Path::new("c")).expect("old name");
        assert_eq!(c.poll.resolve(&c.ui).map(|v| v[2]), Ok(45), "the old name still works");
        let text = "[ui]\nnotification_refresh_secs = 45\n[poll]\nnotifications_secs = 20\nthread_secs = 3\n";
        let c = Config::parse(text, Path::new("c")).expect("both");
        assert_eq!(c.poll.resolve(&c.ui).map(|v| (v[0], v[2])), Ok((3, 20)), "the new name wins");
        let err = Config::parse("[poll]\nthread_secs = 1\n", Path::new("c.toml")).expect_err("too often");
        assert_eq!(err.to_string(), "c.toml: line 2: [poll] thread_secs: must be between 2 and 3600");
        let err = Config::parse("[poll]\nidle_factor = 0\n", Path::new("c")).expect_err("zero");
        assert!(err.to_string().contains("idle_factor"), "{err}");
        assert!(Config::parse("[poll]\nthread = 5\n", Path::new("c")).is_err(), "unknown keys are errors");
    }

    #[test]
    fn the_cache_is_on_at_200_mb_unless_the_file_says_otherwise_and_its_cap_is_checked() {
        let c = Config::parse("", Path::new("c.toml")).expect("empty config");
        assert_eq!((c.cache.enabled, c.cache.max_bytes()), (true, Ok(200_000_000)));
        let c =
            Config::parse("[cache]\nenabled = false\nmax_mb = 50\n", Path::new("c.toml")).expect("config");
        assert_eq!((c.cache.enabled, c.cache.max_bytes()), (false, Ok(50_000_000)));
        let e = Config::parse("[cache]\nmax_mb = 0\n", Path::new("c.toml")).expect_err("refused").to_string();
        assert!(e.contains("max_mb") && e.contains("line 2"), "{e}");
    }

    #[test]
    fn two_profiles_of_one_name_are_refused_with_the_name() {
        let text =
            "[[profile]]\nname = \"work\"\n[[profile]]\nname = \"home\"\n[[profile]]\nname = \"work\"\n";
        let e = Config::parse(text, Path::new("c.toml")).expect_err("a duplicate");
        assert!(e.to_string().contains("line 5: this [[profile]] has the name of the one at line 1"), "{e}");
        let ok = "[[profile]]\nname = \"work\"\n[[profile]]\nname = \"home\"\n";
        assert_eq!(Config::parse(ok, Path::new("c.toml")).expect("distinct").profiles.len(), 2);
    }

    #[test]
    fn alert_rules_are_global_with_a_profile_override_and_bad_values_name_the_key() {
        let text = "[alerts]\nquiet_hours = \"22:00-07:00\"\nmethod = \"osc777\"\nnew_unassigned = true\n\
                    [[profile]]\nname = \"a\"\n[profile.alerts]\nmention = false\nmethod = \"off\"\n\
                    [[profile]]\nname = \"b\"\n";
        let c = Config::parse(text, Path::new("c.toml")).expect("parses");
        let a = c.alerts_for(Some("a"));
        assert_eq!((a.mention, a.new_unassigned, a.method), (false, true, AlertMethod::Off));
        assert_eq!(a.quiet_hours, Some((22 * 60, 7 * 60)));
        let b = c.alerts_for(Some("b"));
        assert_eq!((b.mention, b.method, b.new_message_mine), (true, AlertMethod::Osc777, true));
        assert_eq!(c.alerts_for(None), b, "the demo accounts follow the global table");

        let err = |t: &str| Config::parse(t, Path::new("c.toml")).expect_err(t).to_string();
        let e = err("[alerts]\nquiet_hours = \"22:00-7\"\n");
        assert!(
            e.contains("c.toml") && e.contains("line 2") && e.contains("the end is not a time of day"),
            "{e}"
        );
        let e = err("[alerts]\nmethod = \"popup\"\n");
        assert!(e.contains("method") && e.contains("osc777") && e.contains("bell"), "{e}");
        let e = err("[alerts]\nmentions = true\n");
        assert!(e.contains("mentions") && e.contains("new_message_mine"), "{e}");
        let e = err("[[profile]]\nname = \"a\"\n[profile.alerts]\nquiet_hours = \"9:00-9:00\"\n");
        assert!(e.contains("line 4") && e.contains("the same time"), "{e}");
    }

    #[test]
    fn file_names_cannot_escape_their_directory() {
        assert_eq!(safe_file_name("../../etc/passwd"), "_.._.._etc_passwd");
        assert_eq!(safe_file_name("con_1b1a92ca"), "con_1b1a92ca");
        assert_eq!(safe_file_name(""), "_");
        assert_eq!(safe_file_name(".hidden"), "_.hidden");
    }
}
