//! Building the open accounts: a backend client per profile (or per demo API), each with its own
//! state, so `P` can switch between them without losing anyone's place.

use crate::config::{AlertMethod, Profile, ResolvedAlerts};
use crate::effects::JobContext;
use crate::state::alerts::terminals::TerminalSupport;
use crate::state::alerts::{AlertChannel, AlertRules};
use crate::state::{Account, State};
use imbox_api::chatwoot::{ChatwootClient, ChatwootConfig};
use imbox_api::imbrace::{ClientConfig, Environment, GatewayOptions, ImbraceClient, LayoutChoice};
use imbox_api::smsrcs::{SmsrcsClient, SmsrcsConfig};
use imbox_api::{AnyBackend, Backend, BackendKind, Secret};

/// One open account: what it shows and how it talks to its server.
pub struct Session {
    /// The account's whole UI state (its place in every pane).
    pub state: State,
    /// Its backend, draft directory and token target.
    pub jobs: JobContext,
}

/// Where and how to reach one account's server.
#[derive(Debug, Clone)]
pub struct Endpoint {
    /// Which API it speaks.
    pub kind: BackendKind,
    /// Base URL (for SMS/RCS the URL `/conversations/messages/list` and the other paths are
    /// appended to).
    pub base_url: String,
    /// The token (Chatwoot access token, SMS/RCS api-key, iMBRACE access token).
    pub token: Secret,
    /// Chatwoot account id.
    pub account_id: Option<u64>,
    /// Chatwoot: the hyphenated header instead of `api_access_token`.
    pub hyphenated_header: bool,
    /// SMS/RCS `api-login`.
    pub api_login: Option<String>,
    /// SMS/RCS: replies are sent in simulation mode.
    pub simulation_mode: bool,
    /// iMBRACE: which gateway layout to call (`auto` finds it once at start).
    pub layout: LayoutChoice,
    /// iMBRACE: sent as `x-organization-id` when set.
    pub organization_id: Option<String>,
}

impl Endpoint {
    /// The endpoint a profile describes, with its resolved token.
    pub fn from_profile(profile: &Profile, base_url: String, token: Secret) -> Self {
        Endpoint {
            kind: profile.backend,
            base_url,
            token,
            account_id: profile.account_id,
            hyphenated_header: profile.hyphenated_header,
            api_login: profile.api_login.clone(),
            simulation_mode: profile.simulation_mode,
            layout: profile.layout.choice(),
            organization_id: profile.organization_id.clone(),
        }
    }
}

/// The client for `endpoint`; a missing required setting is a plain-words error naming it.
pub fn build_backend(endpoint: &Endpoint) -> Result<AnyBackend, String> {
    match endpoint.kind {
        BackendKind::Imbrace => {
            let config = ClientConfig::new(&endpoint.base_url, endpoint.token.clone());
            let options =
                GatewayOptions { layout: endpoint.layout, organization_id: endpoint.organization_id.clone() };
            ImbraceClient::with_gateway(config, options).map(AnyBackend::from).map_err(|e| e.to_string())
        }
        BackendKind::Smsrcs => {
            let api_login = endpoint
                .api_login
                .clone()
                .filter(|l| !l.trim().is_empty())
                .ok_or("an SMS/RCS profile needs api_login (sent as the api-login header)")?;
            let config = SmsrcsConfig {
                base_url: endpoint.base_url.clone(),
                api_key: endpoint.token.clone(),
                api_login,
                simulation_mode: endpoint.simulation_mode,
            };
            SmsrcsClient::new(config).map(AnyBackend::from).map_err(|e| e.to_string())
        }
        BackendKind::Chatwoot => {
            let account_id = endpoint
                .account_id
                .ok_or("a Chatwoot profile needs account_id (the number in /accounts/N/)")?;
            let config = ChatwootConfig {
                hyphenated_header: endpoint.hyphenated_header,
                ..ChatwootConfig::new(&endpoint.base_url, account_id, endpoint.token.clone())
            };
            ChatwootClient::new(config).map(AnyBackend::from).map_err(|e| e.to_string())
        }
    }
}

/// The base URL a profile names: `base_url`, else the iMBRACE gateway of `environment`.
pub fn profile_base_url(p: &Profile) -> Result<String, String> {
    if let Some(url) = &p.base_url {
        return Ok(url.clone());
    }
    if p.backend != BackendKind::Imbrace {
        return Err(format!("profile {:?}: a {} profile needs base_url", p.name, p.backend.name()));
    }
    let name = p.environment.as_deref().unwrap_or("prod");
    Environment::from_name(name)
        .map(|e| e.base_url().to_string())
        .ok_or_else(|| format!("profile {:?}: unknown environment {name:?}", p.name))
}

/// The header label and tab name of an account.
pub fn account_for(backend: &AnyBackend, name: &str, demo: bool) -> Account {
    let host = Environment::Custom(backend.base_url().to_string()).label();
    let kind = backend.kind();
    let label = if name.is_empty() || name == kind.name() {
        format!("{} · {host}", kind.name())
    } else {
        format!("{name} · {} {host}", kind.name())
    };
    Account {
        label,
        name: if name.is_empty() { kind.name().to_string() } else { name.to_string() },
        demo,
        kind,
        capabilities: backend.capabilities(),
        gateway: backend.as_imbrace().map(ImbraceClient::layout_view),
    }
}

/// An account's alert rules: what its config says, delivered the ways this terminal and
/// desktop allow (`desktop`: a desktop notification can be tried — a session bus, or macOS).
/// A failed desktop notification falls through to the next way.
pub fn alert_rules(config: &ResolvedAlerts, terminal: &TerminalSupport, desktop: bool) -> AlertRules {
    let in_terminal = terminal.osc.unwrap_or(AlertChannel::Bell);
    let channels = match config.method {
        AlertMethod::Off => Vec::new(),
        AlertMethod::Bell => vec![AlertChannel::Bell],
        AlertMethod::Osc777 => vec![AlertChannel::Osc777],
        AlertMethod::Osc9 => vec![AlertChannel::Osc9],
        // Asked for by name: tried even without a bus in sight.
        AlertMethod::Desktop => vec![AlertChannel::Desktop, in_terminal],
        AlertMethod::Auto if desktop => vec![AlertChannel::Desktop, in_terminal],
        AlertMethod::Auto => vec![in_terminal],
    };
    AlertRules {
        new_message_mine: config.new_message_mine,
        mention: config.mention,
        new_unassigned: config.new_unassigned,
        any_notification: config.any_notification,
        quiet_hours: config.quiet_hours,
        channels,
        tmux: terminal.tmux,
    }
}

/// The Chatwoot account the embedded demo serves (`/api/v1/accounts/1`).
pub const DEMO_CHATWOOT_ACCOUNT: u64 = 1;

/// The base URL of each demo API on a demo server rooted at `root`.
pub fn demo_base_url(root: &str, kind: BackendKind) -> String {
    match kind {
        BackendKind::Smsrcs => format!("{}/smsrcs", root.trim_end_matches('/')),
        BackendKind::Imbrace | BackendKind::Chatwoot => root.to_string(),
    }
}

/// The endpoint of the embedded demo's `kind` API.
pub fn demo_endpoint(root: &str, token: &str, kind: BackendKind) -> Endpoint {
    Endpoint {
        kind,
        base_url: demo_base_url(root, kind),
        token: Secret::new(token),
        account_id: Some(DEMO_CHATWOOT_ACCOUNT),
        hyphenated_header: false,
        api_login: Some(imbox_demo::smsrcs::DEMO_LOGIN.into()),
        simulation_mode: false,
        // The demo serves both layouts unless told otherwise: `auto` finds one, as on a real
        // gateway.
        layout: LayoutChoice::Auto,
        organization_id: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::AlertsConfig;
    use AlertChannel::*;

    fn channels(method: AlertMethod, term: &str, desktop: bool) -> Vec<AlertChannel> {
        let terminal = TerminalSupport::detect(|k| (k == "TERM").then(|| term.to_string()));
        let config = ResolvedAlerts { method, ..AlertsConfig::resolve(None, &AlertsConfig::default()) };
        alert_rules(&config, &terminal, desktop).channels
    }

    #[test]
    fn each_method_has_its_order_of_ways() {
        assert_eq!(channels(AlertMethod::Auto, "foot", true), [Desktop, Osc777]);
        assert_eq!(channels(AlertMethod::Auto, "foot", false), [Osc777]);
        assert_eq!(channels(AlertMethod::Auto, "xterm-kitty", false), [Osc9]);
        assert_eq!(channels(AlertMethod::Auto, "xterm-256color", false), [Bell]);
        assert_eq!(channels(AlertMethod::Auto, "xterm-256color", true), [Desktop, Bell]);
        assert_eq!(channels(AlertMethod::Desktop, "xterm-256color", false), [Desktop, Bell]);
        assert_eq!(channels(AlertMethod::Osc777, "xterm-256color", true), [Osc777]);
        assert_eq!(channels(AlertMethod::Osc9, "foot", true), [Osc9]);
        assert_eq!(channels(AlertMethod::Bell, "foot", true), [Bell]);
        assert!(channels(AlertMethod::Off, "foot", true).is_empty());
    }
}
