//! The SMS/RCS demo over time: a contact writes in. The message joins the contact's thread
//! (the messages call shows it, the conversations list moves the thread to the top with it as
//! the last message), as replies sent through the demo do. The provider publishes no realtime
//! channel, so clients find it by polling.

use super::send::{Sent, message_id, now_ms, thread_of};
use super::{SmsThread, e164};
use crate::shared::Shared;
use std::time::Instant;

/// The contact writes `text` into a thread: `to` is its `cid_…` id, or a phone number (its SMS
/// thread). Answers the message id, or `None` when no contact has that thread or number.
pub(crate) fn customer_writes(app: &Shared, to: &str, text: &str) -> Option<String> {
    let d = &app.store.data;
    let (pos, thread): (u32, SmsThread) = if to.starts_with("cid_") {
        d.find_sms_thread(to)?
    } else {
        let digits: String = to.chars().filter(char::is_ascii_digit).collect();
        thread_of(app, &digits, 0)?
    };
    let person = app.store.person(pos);
    let phone = e164(&person);
    let mut id = String::new();
    app.sms.record(|index| {
        id = message_id(d.seed, index);
        Sent {
            cid: thread.cid.clone(),
            pos: Some(pos),
            digits: phone.chars().filter(char::is_ascii_digit).collect(),
            phone,
            channel: thread.channel_name().to_string(),
            text: text.to_string(),
            message_id: id.clone(),
            at: Instant::now(),
            // Newer than every generated message and every earlier live one.
            at_ms: now_ms().max(d.now + 1000 * (i64::from(index) + 1)),
            inbound: true,
        }
    });
    Some(id)
}
