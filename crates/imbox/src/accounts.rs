//! Building the open accounts: a backend client per profile (or per demo API), each with its own
//! state, so `P` can switch between them without losing anyone's place.

use crate::config::Profile;
use crate::effects::JobContext;
use crate::state::{Account, State};
use imbox_api::chatwoot::{ChatwootClient, ChatwootConfig};
use imbox_api::imbrace::{ClientConfig, Environment, ImbraceClient};
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
        }
    }
}

/// The client for `endpoint`; a missing required setting is a plain-words error naming it.
pub fn build_backend(endpoint: &Endpoint) -> Result<AnyBackend, String> {
    match endpoint.kind {
        BackendKind::Imbrace => {
            let config = ClientConfig::new(&endpoint.base_url, endpoint.token.clone());
            ImbraceClient::new(config).map(AnyBackend::from).map_err(|e| e.to_string())
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
    }
}
