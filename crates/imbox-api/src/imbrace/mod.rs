//! The iMBRACE backend: wire types (seeds 000 and 002), the two gateway layouts (the seeds'
//! `/v1/backend` and the SDK's `/channel-service/v1`), replies wrapped in `{"data": …}` or not,
//! and the HTTP client.

mod backend;
mod client;
mod endpoints;
mod layout;
mod unwrap;
pub mod wire;

pub use crate::http::{ClientConfig, RetryNotice, RetryObserver};
pub use backend::CAPABILITIES;
pub use client::{GatewayOptions, ImbraceClient, LayoutView, ORGANIZATION_HEADER};
pub use layout::{Layout, LayoutChoice};

/// The gateways the seeds name, or any other base URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Environment {
    /// `https://app-gateway.imbrace.co` — production.
    Prod,
    /// `https://app-gateway.demo.imbrace.co` — iMBRACE's own remote demo gateway (not imbox's
    /// embedded demo server).
    Demo,
    /// `https://app-gateway.dev.imbrace.co` — iMBRACE's development gateway.
    Dev,
    /// Any other iMBRACE-compatible server, e.g. `http://127.0.0.1:8080`.
    Custom(String),
}

impl Environment {
    /// The base URL requests are made against, without a trailing slash.
    pub fn base_url(&self) -> &str {
        match self {
            Environment::Prod => "https://app-gateway.imbrace.co",
            Environment::Demo => "https://app-gateway.demo.imbrace.co",
            Environment::Dev => "https://app-gateway.dev.imbrace.co",
            Environment::Custom(url) => url.trim_end_matches('/'),
        }
    }

    /// Parses `prod`, `demo` or `dev`.
    pub fn from_name(name: &str) -> Option<Self> {
        match name.to_ascii_lowercase().as_str() {
            "prod" | "production" => Some(Environment::Prod),
            "demo" => Some(Environment::Demo),
            "dev" | "development" => Some(Environment::Dev),
            _ => None,
        }
    }

    /// A short label for the header ("prod", "dev", or the host of a custom URL).
    pub fn label(&self) -> String {
        match self {
            Environment::Prod => "prod".into(),
            Environment::Demo => "imbrace-demo".into(),
            Environment::Dev => "dev".into(),
            Environment::Custom(url) => {
                let rest = url.split("://").nth(1).unwrap_or(url);
                rest.split('/').next().unwrap_or(rest).to_string()
            }
        }
    }
}
