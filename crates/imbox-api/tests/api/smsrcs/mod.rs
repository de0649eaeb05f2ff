//! The SMS/RCS client: the seed's body through the wire types, the requests it sends (scripted
//! server), and lookups, the inbox and replies against the demo.

mod answer;
mod demo;
mod requests;
mod wire;

use imbox_api::Secret;
use imbox_api::retry::RetryPolicy;
use imbox_api::smsrcs::{SmsrcsClient, SmsrcsConfig};
use std::time::Duration;

/// A client for `base_url` with fast retries (3, a few ms apart).
pub fn client_at(base_url: String, key: &str, login: &str, simulation_mode: bool) -> SmsrcsClient {
    let cfg = SmsrcsConfig { base_url, api_key: Secret::new(key), api_login: login.into(), simulation_mode };
    let mut cc = cfg.client_config();
    cc.retry = RetryPolicy {
        max_retries: 3,
        base_delay: Duration::from_millis(2),
        max_delay: Duration::from_millis(50),
    };
    SmsrcsClient::from_client_config(cc).expect("client builds").with_simulation_mode(simulation_mode)
}
