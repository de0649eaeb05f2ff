//! The SMS/RCS (Octopush) API of seed 001 on the demo server, over the same people as the
//! iMBRACE demo.
//!
//! Served under `/smsrcs` (so a client's base URL is `<demo>/smsrcs`), at the real paths:
//! `GET /conversations/messages/list` (and seed 001's `GET /conversations/messages`),
//! `GET /conversations/list` ([`conversations`]), `POST /sms-campaign/send` and
//! `POST /multi-channel/send` ([`send`]). Every route checks its own headers: `api-key` must be
//! the demo token and `api-login` must be present.
//! Every contact with a phone number has an SMS thread and often an RCS one; some contacts have
//! a Facebook id (`fid_…`) and a Facebook thread. Each thread has a `cid_…` id. Messages are
//! generated on demand from `(seed, contact, channel, index)`, like the rest of the demo; the
//! reply is the seed's bare array, oldest message first, without timestamps (the seed shows
//! none). One hand-placed contact, [`SMS_PHONE`], has known threads for tests.

mod conversations;
mod inbound;
mod route;
pub mod send;

pub(crate) use conversations::list as conversations_list;
pub(crate) use inbound::customer_writes;
pub(crate) use route::messages;
pub(crate) use send::Outbox;
pub use send::{DELIVERY_DELAY, FAILING_SUFFIX};

use crate::data::generator::Dataset;
use crate::data::names::{AGENT_TEXTS, AGENTS, CONTACT_TEXTS};
use crate::data::person::Person;
use crate::data::rng::{DAY, HOUR, MINUTE, Rng, decode_id, encode_id, h, random_id};
use crate::data::seeds::PHONE_CONTACT;
use serde_json::{Value, json};

/// The path of the messages endpoint on the demo server as seed 001 documents it.
pub const PATH: &str = "/smsrcs/conversations/messages";
/// The path of the messages endpoint on the demo server as the real service has it.
pub const LIST_PATH: &str = "/smsrcs/conversations/messages/list";
/// The conversations list.
pub const CONVERSATIONS_PATH: &str = "/smsrcs/conversations/list";
/// Sending an SMS.
pub const SMS_SEND_PATH: &str = "/smsrcs/sms-campaign/send";
/// Sending on any channel.
pub const MULTICHANNEL_SEND_PATH: &str = "/smsrcs/multi-channel/send";
/// A login the demo accepts (any non-empty `api-login` is accepted).
pub const DEMO_LOGIN: &str = "demo";
/// The well-known contact's phone number (陳威廷 Wei-Ting Chen, the iMBRACE links example's
/// number): inbound and outbound messages on SMS and RCS, more than one page of them.
pub const SMS_PHONE: &str = "+886911425977";
/// The well-known contact's name.
pub const SMS_CONTACT_NAME: &str = "陳威廷 Wei-Ting Chen";
/// The well-known contact's e-mail.
pub const SMS_EMAIL: &str = "weiting.chen@gmail.com";
/// The well-known contact's Facebook lookup.
pub const SMS_FACEBOOK_ID: &str = "fid_100088691142597";
/// The well-known contact's SMS thread.
pub const SMS_CID: &str = "cid_886e1a2b-4c3d-4e5f-8a6b-911425977501";
/// The well-known contact's RCS thread.
pub const RCS_CID: &str = "cid_886e1a2b-4c3d-4e5f-8a6b-911425977502";
/// The well-known contact's Facebook thread.
pub const FACEBOOK_CID: &str = "cid_886e1a2b-4c3d-4e5f-8a6b-911425977503";
/// Messages in the well-known contact's SMS, RCS and Facebook threads.
pub const SMS_THREAD_SIZES: [u32; 3] = [40, 24, 6];
/// The business number messages go out from.
pub const BUSINESS_PHONE: &str = "+85230018800";
/// The business's Facebook page.
pub const FACEBOOK_PAGE: &str = "104455667788990";
/// Delivery statuses of outbound messages (`null` for inbound).
pub const STATUSES: [&str; 5] = ["sending", "sent", "delivered", "read", "failed"];

/// The channels, in the order of their index in a thread key.
const CHANNELS: [&str; 3] = ["sms", "rcs", "facebook"];
/// Hash tag of SMS/RCS threads (far from the generator's tags).
const TAG: u64 = 0x5353_0001;

/// One thread of a contact on one channel.
#[derive(Debug, Clone)]
pub struct SmsThread {
    /// `cid_…` id.
    pub cid: String,
    /// Index into the channels (0 sms, 1 rcs, 2 facebook).
    pub channel: usize,
    /// Messages in it.
    pub count: u32,
    key: u64,
    /// Time of the newest message, ms (used only to order; never sent).
    end: i64,
    gap: i64,
    agent: Option<usize>,
}

impl SmsThread {
    /// The channel name.
    pub fn channel_name(&self) -> &'static str {
        CHANNELS[self.channel]
    }

    /// When message `r` (0 = oldest) was sent, ms.
    pub fn time(&self, r: u32) -> i64 {
        self.end - i64::from(self.count - 1 - r) * self.gap
    }
}

/// The `+<area><number>` of a person, empty without a phone.
pub fn e164(p: &Person) -> String {
    if p.phone_number.is_empty() { String::new() } else { format!("+{}{}", p.area_code, p.phone_number) }
}

impl Dataset {
    /// The Facebook id (digits, without `fid_`) of the contact at `pos`, if it has one.
    pub fn facebook_id(&self, pos: u32, person: &Person) -> Option<String> {
        if person.id == PHONE_CONTACT {
            return SMS_FACEBOOK_ID.strip_prefix("fid_").map(str::to_string);
        }
        let x = h(self.seed, TAG, u64::from(pos), 1);
        (person.channel_type == "facebook" || x % 100 < 15)
            .then(|| (100_000_000_000_000 + (x >> 8) % 900_000_000_000_000).to_string())
    }

    /// The SMS/RCS threads of the contact at `pos` (`person` as generated).
    pub fn sms_threads(&self, pos: u32, person: &Person) -> Vec<SmsThread> {
        let well_known = person.id == PHONE_CONTACT;
        let x = h(self.seed, TAG, u64::from(pos), 2);
        let has = [
            !person.phone_number.is_empty(),
            !person.phone_number.is_empty() && (well_known || x % 100 < 55),
            self.facebook_id(pos, person).is_some(),
        ];
        (0..CHANNELS.len())
            .filter(|&ch| has[ch])
            .map(|ch| {
                let key = h(self.seed, TAG, u64::from(pos) * 4 + ch as u64, 3);
                let cid = if well_known {
                    [SMS_CID, RCS_CID, FACEBOOK_CID][ch].to_string()
                } else {
                    encode_id("cid_", self.seed, TAG, pos * 4 + ch as u32)
                };
                let count = if well_known { SMS_THREAD_SIZES[ch] } else { 1 + (key % 24) as u32 };
                let end = self.now - (key >> 8) as i64 % (30 * DAY);
                let gap = 5 * MINUTE + (key >> 24) as i64 % (2 * HOUR);
                let agent = (key % 10 >= 3).then(|| (key >> 40) as usize % AGENTS.len());
                SmsThread { cid, channel: ch, count, key, end, gap, agent }
            })
            .collect()
    }

    /// The contact and thread of a `cid_…` id (a bare uuid is read as if prefixed).
    pub fn find_sms_thread(&self, cid: &str) -> Option<(u32, SmsThread)> {
        let cid = if cid.starts_with("cid_") { cid.to_string() } else { format!("cid_{cid}") };
        let (pos, ch) = match [SMS_CID, RCS_CID, FACEBOOK_CID].iter().position(|c| *c == cid) {
            Some(ch) => (self.position(PHONE_CONTACT)?, ch),
            None => {
                let k = decode_id(&cid, "cid_", self.seed, TAG)?;
                (k / 4, (k % 4) as usize)
            }
        };
        if pos >= self.n {
            return None;
        }
        let thread = self.sms_threads(pos, &self.person(pos)).into_iter().find(|t| t.channel == ch)?;
        (thread.cid == cid).then_some((pos, thread))
    }

    /// Message `r` (0 = oldest) of a thread in the seed's shape; `current` is the contact as it
    /// is now (edits included), `fb` its Facebook id.
    pub fn sms_message(&self, t: &SmsThread, r: u32, current: &Person, fb: Option<&str>) -> Value {
        let mut rng = Rng::new(h(t.key, TAG, u64::from(r), 4));
        // A thread starts with the contact writing in.
        let inbound = r == 0 || rng.chance(50);
        let text = if inbound { *rng.pick(&CONTACT_TEXTS) } else { *rng.pick(&AGENT_TEXTS) };
        let status = if inbound {
            Value::Null
        } else if r + 1 == t.count && rng.chance(50) {
            json!("sending")
        } else {
            json!(STATUSES[1 + rng.below(STATUSES.len() as u64 - 1) as usize])
        };
        let facebook = t.channel == 2;
        let null_if_empty = |s: String| if s.is_empty() { Value::Null } else { Value::String(s) };
        json!({
            "message_id": random_id("", h(t.key, TAG, u64::from(r), 5)),
            "text": text,
            "direction": if inbound { "inbound" } else { "outbound" },
            "delivery_status": status,
            "channel": t.channel_name(),
            "user_identifier": if facebook { FACEBOOK_PAGE } else { BUSINESS_PHONE },
            "user_identifiers": {
                "phone_number": BUSINESS_PHONE,
                "email": "support@imbox-demo.example",
                "facebook_page_id": if facebook { json!(FACEBOOK_PAGE) } else { Value::Null },
            },
            "agent_assigned_to": t.agent.map(|a| AGENTS[a].1),
            "contact_name": current.display_name,
            "contact_identifiers": {
                "phone_number": null_if_empty(e164(current)),
                "email": null_if_empty(current.email.clone()),
                "facebook_id": fb,
            },
        })
    }
}

/// A reply sent through the demo (or a message a contact sent while it ran), in the seed's message shape; `current` is the contact, when
/// the number is one of the data set's.
pub(crate) fn sent_message(s: &send::Sent, current: Option<&Person>) -> Value {
    json!({
        "message_id": s.message_id,
        "text": s.text,
        "direction": if s.inbound { "inbound" } else { "outbound" },
        "delivery_status": if s.inbound { Value::Null } else { json!(s.status()) },
        "channel": s.channel,
        "user_identifier": BUSINESS_PHONE,
        "user_identifiers": {
            "phone_number": BUSINESS_PHONE,
            "email": "support@imbox-demo.example",
            "facebook_page_id": null,
        },
        "agent_assigned_to": null,
        "contact_name": current.map(|p| p.display_name.clone()),
        "contact_identifiers": {
            "phone_number": s.phone,
            "email": current.map(|p| p.email.clone()).filter(|e| !e.is_empty()),
            "facebook_id": null,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_well_known_contact_has_its_threads_and_cids_resolve() {
        let d = Dataset::new(7, 300, 10);
        let pos = d.position(PHONE_CONTACT).unwrap_or(u32::MAX);
        let p = d.person(pos);
        assert_eq!(
            (e164(&p).as_str(), p.display_name.as_str(), p.email.as_str()),
            (SMS_PHONE, SMS_CONTACT_NAME, SMS_EMAIL)
        );
        let threads = d.sms_threads(pos, &p);
        assert_eq!(threads.iter().map(|t| t.count).collect::<Vec<_>>(), SMS_THREAD_SIZES);
        for t in &threads {
            assert_eq!(d.find_sms_thread(&t.cid).map(|(p, t)| (p, t.channel)), Some((pos, t.channel)));
        }
        let generated =
            (0..d.n).flat_map(|i| d.sms_threads(i, &d.person(i)).into_iter().map(move |t| (i, t)));
        let mut seen = 0;
        for (i, t) in generated.take(40) {
            assert_eq!(d.find_sms_thread(&t.cid).map(|(p, _)| p), Some(i), "{}", t.cid);
            seen += 1;
        }
        assert_eq!(seen, 40);
        assert!(d.find_sms_thread("cid_nope").is_none());
    }
}
