//! Hand-written conversations that mirror the constructed examples, so tests and newcomers have
//! fixed things to look at: #61 (web widget, snoozed, bot buttons with a submitted choice, form,
//! cards, a private note just before the newest message), #42 (WhatsApp, two unread, an image)
//! and #57 (e-mail, unassigned, never opened). Their contacts are generated people.

use super::catalog::Kind;
use super::content;
use super::script::{Builder, activity, msg};
use super::world::{self, Assignee, Att, Conv, Sender, tag};
use crate::data::generator::Dataset;
use crate::data::person::Person;
use crate::data::rng::{DAY, HOUR, MINUTE, Rng, h};
use serde_json::json;

/// The conversation with an answered `input_select` and a private note among the newest messages.
pub const WELL_KNOWN_CONV: u64 = 61;
/// A WhatsApp conversation assigned to the current user with two unread messages.
pub const WHATSAPP_CONV: u64 = 42;
/// An unassigned e-mail conversation nobody has opened.
pub const EMAIL_CONV: u64 = 57;

/// The contact position of each hand-written conversation: generated people with an e-mail
/// address (#61, #57) or a phone number (#42), each a different person.
pub fn contacts(data: &Dataset) -> Vec<(u64, u32)> {
    let mut taken: Vec<u32> = Vec::new();
    let mut out = Vec::new();
    for (d, wants_phone) in [(WELL_KNOWN_CONV, false), (WHATSAPP_CONV, true), (EMAIL_CONV, false)] {
        let start = h(data.seed, tag::CONV, d, 1) % u64::from(data.n);
        let fits = |p: &Person| if wants_phone { !p.phone_number.is_empty() } else { !p.email.is_empty() };
        let pos = (0..u64::from(data.n))
            .map(|k| ((start + k) % u64::from(data.n)) as u32)
            .find(|pos| !taken.contains(pos) && fits(&data.person(*pos)))
            .unwrap_or(0);
        taken.push(pos);
        out.push((d, pos));
    }
    out
}

fn first_name(p: &Person) -> String {
    if p.first_name.is_empty() {
        p.display_name.split_whitespace().next().unwrap_or("there").to_string()
    } else {
        p.first_name.clone()
    }
}

/// Builds hand-written conversation `d` for the person at `pos`.
pub fn build(d: u64, pos: u32, p: &Person, now: i64) -> Conv {
    let mut r = Rng::new(h(0x5EC1A1, tag::CONV, d, 2));
    match d {
        WHATSAPP_CONV => whatsapp(pos, p, now, &mut r),
        EMAIL_CONV => email(pos, p, now, &mut r),
        _ => well_known(pos, p, now, &mut r),
    }
}

fn text(kind: u8, sender: Sender, s: &str) -> super::world::Msg {
    msg(kind, sender, Some(s.to_string()), "text")
}

fn well_known(pos: u32, p: &Person, now: i64, r: &mut Rng) -> Conv {
    let mut b = Builder { r, kind: Kind::Web, out: Vec::new() };
    b.push(0, text(0, Sender::Contact, "Hi, I can't log in to my account"));
    let mut ask = text(1, Sender::Bot, "What do you need help with?");
    ask.content_type = "input_select";
    ask.attrs = json!({
        "items": [
            {"title": "Login problem", "value": "login"},
            {"title": "Billing", "value": "billing"},
            {"title": "Something else", "value": "other"},
        ],
        "submitted_values": [{"title": "Login problem", "value": "login"}],
    });
    b.push(7_000, ask);
    let mut form = content::form(b.r, true, &p.email);
    form.attrs["submitted_values"][3]["value"] = json!("It says my password is wrong");
    b.push(36_000, form);
    b.push(49_000, content::cards());
    b.push(100_000, activity("Dana Levi self-assigned this conversation".into()));
    let reset = format!("Hi {}, I've sent a password reset link to {}.", first_name(p), p.email);
    b.push(52_000, text(1, Sender::Agent(0), &reset));
    let mut shot = text(0, Sender::Contact, "This is what I get");
    shot.atts.push((0, Att::File("login-error.pdf", 48_211)));
    b.push(208_000, shot);
    b.push(
        130_000,
        text(
            1,
            Sender::Agent(0),
            "Your account was locked after several failed attempts; it unlocks tomorrow at 08:00 UTC. I will follow up then.",
        ),
    );
    b.push(
        25_000,
        content::note("Auth logs: 5 failed attempts, lock expires 08:00 UTC. Snoozing until then.", 0),
    );
    b.push(15_000, activity("Conversation was snoozed by Dana Levi".into()));
    let drafts = b.out;
    let end = now - 40 * MINUTE;
    let mut c = world::assemble(WELL_KNOWN_CONV, pos, p, 0, drafts, end, r);
    c.assignee = Assignee::Agent(0);
    c.status = "snoozed";
    c.labels = vec!["login".into()];
    c.snoozed_until = Some((now / DAY + 1) * DAY + 8 * HOUR);
    c.agent_seen = Some(end);
    c
}

fn whatsapp(pos: u32, p: &Person, now: i64, r: &mut Rng) -> Conv {
    let mut b = Builder { r, kind: Kind::WhatsApp, out: Vec::new() };
    b.push(0, text(0, Sender::Contact, "Hi, I was charged twice for my last order 😟"));
    b.push(90_000, activity("Assigned to Dana Levi by Harris Lam".into()));
    b.push(5_000, activity("Assigned to billing by Harris Lam".into()));
    b.push(4_000, activity("Harris Lam added billing, vip".into()));
    let mut ask = text(1, Sender::Agent(0), "Sorry about that! Could you send me the receipt?");
    ask.status = "read";
    b.push(150_000, ask);
    b.push(60_000, text(0, Sender::Contact, "Sure, one moment"));
    let mut receipt = text(0, Sender::Contact, "Here is the receipt");
    receipt.atts.push((0, Att::Image("receipt.jpg", 184_233, 1080, 1920)));
    b.push(40_000, receipt);
    let drafts = b.out;
    let end = now - 25 * MINUTE;
    let mut c = world::assemble(WHATSAPP_CONV, pos, p, 1, drafts, end, r);
    c.assignee = Assignee::Agent(0);
    c.team = Some(1);
    c.labels = vec!["billing".into(), "vip".into()];
    c.priority = Some("high");
    c.agent_seen = c.msgs.get(4).map(|m| m.at + 10_000);
    c
}

fn email(pos: u32, p: &Person, now: i64, r: &mut Rng) -> Conv {
    let body = format!(
        "Hello,\n\nI was charged twice for invoice INV-2291 in December and need a refund for one of the payments.\n\nThanks,\n{}",
        first_name(p)
    );
    let mut b = Builder { r, kind: Kind::Email, out: Vec::new() };
    let mut m = text(0, Sender::Contact, &body);
    m.content_type = "incoming_email";
    m.attrs = content::incoming_email(&body, &p.email, "Double charge on invoice INV-2291", 0x3f1c0d2e9b);
    b.push(0, m);
    let drafts = b.out;
    let mut c = world::assemble(EMAIL_CONV, pos, p, 2, drafts, now - 2 * HOUR, r);
    c.agent_seen = None;
    c
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chatwoot::world::World;

    #[test]
    fn the_account_is_deterministic_and_histories_are_ordered() {
        let data = Dataset::new(7, 300, 10);
        let (a, b) = (World::build(&data), World::build(&data));
        assert_eq!(a.convs.len(), 200);
        for (x, y) in a.convs.iter().zip(&b.convs) {
            let ids = |c: &Conv| c.msgs.iter().map(|m| (m.id, m.at)).collect::<Vec<_>>();
            assert_eq!((x.pos, x.status, ids(x)), (y.pos, y.status, ids(y)), "#{}", x.display_id);
            assert!(x.msgs.windows(2).all(|w| w[0].id < w[1].id && w[0].at < w[1].at), "#{}", x.display_id);
            assert!(x.msgs.iter().all(|m| m.at <= data.now), "#{} lies before the demo's now", x.display_id);
        }
        let c = a.conv(WELL_KNOWN_CONV).expect("#61");
        let newest: Vec<_> = c.msgs.iter().rev().take(3).collect();
        assert!(newest.iter().any(|m| m.private && m.kind == 1));
        assert!(
            c.msgs
                .iter()
                .any(|m| m.content_type == "input_select" && m.attrs.get("submitted_values").is_some())
        );
        assert!(!data.person(c.pos).email.is_empty());
        assert!(!data.person(a.conv(WHATSAPP_CONV).expect("#42").pos).phone_number.is_empty());
    }
}
