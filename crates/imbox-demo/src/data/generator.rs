//! The deterministic data set: contacts by position, computed on demand from `(seed, position)`.
//!
//! Position 0 is the newest contact. Positions 0..10 are the seeds' contacts-list example,
//! a handful of hand-placed contacts ([`super::seeds::specials`]) sit at fixed fractions of the
//! list, and every other position is generated. Creation times decrease strictly with the
//! position (piecewise-linear between the fixed contacts, plus jitter), so sorting by
//! `created_at` is just walking positions. Nothing here grows with the number of contacts.

use super::names::{CULTURES, DOMAINS, EMOJI, VISITOR_PREFIXES};
use super::person::Person;
use super::rng::{DAY, HOUR, MINUTE, Rng, decode_id, encode_id, h, iso, parse_iso, random_id};
use super::seeds::{self, ConvSpec, SpecialSpec, TEST_CONTACT_ALIAS, TWN_CONTACT};
use imbox_model::CHANNEL_TYPES;
use serde_json::Value;

/// Tags separating the hash streams of different kinds of records.
pub(crate) mod tag {
    pub const CONTACT: u64 = 1;
    pub const CONV: u64 = 2;
    pub const TCU: u64 = 3;
    pub const MSG: u64 = 4;
    pub const NOTIF: u64 = 5;
    pub const CHANNEL: u64 = 6;
    pub const COMMENT: u64 = 7;
}

/// How many seed contacts open the list.
const SEED_CONTACTS: u32 = 10;
/// The oldest creation time generated contacts reach (the seeds' default team was created then).
const OLDEST: &str = "2022-06-22T09:19:58.929Z";

/// A contact placed by hand, resolved to its position.
pub struct Special {
    /// Position in the newest-first list.
    pub pos: u32,
    /// Its spec.
    pub spec: SpecialSpec,
}

/// The immutable, generated part of the demo data.
pub struct Dataset {
    /// Generator seed.
    pub seed: u64,
    /// Number of contacts.
    pub n: u32,
    /// Number of notifications.
    pub n_notifications: u32,
    /// The demo's "now", epoch ms.
    pub now: i64,
    seed_people: Vec<Person>,
    /// Hand-placed contacts, by increasing position.
    pub specials: Vec<Special>,
    anchors: Vec<(u32, i64)>,
    tail_step: i64,
}

/// The smallest contact count that still holds every seed and hand-placed contact.
pub fn min_contacts() -> usize {
    SEED_CONTACTS as usize + seeds::specials().len()
}

impl Dataset {
    /// Builds the data set; `contacts` below [`min_contacts`] is raised to it.
    pub fn new(seed: u64, contacts: usize, notifications: usize) -> Dataset {
        let specs = seeds::specials();
        let k = specs.len() as u32;
        let n = contacts.clamp(min_contacts(), u32::MAX as usize / 8) as u32;
        let free = u64::from(n - SEED_CONTACTS - k);
        let specials: Vec<Special> = specs
            .into_iter()
            .enumerate()
            .map(|(i, spec)| Special {
                pos: SEED_CONTACTS + i as u32 + (free * u64::from(spec.permille) / 1000) as u32,
                spec,
            })
            .collect();
        let seed_people: Vec<Person> =
            seeds::array(&seeds::parse(seeds::CONTACTS), "data").iter().map(Person::from_json).collect();
        let mut anchors: Vec<(u32, i64)> =
            seed_people.last().map(|p| (SEED_CONTACTS - 1, p.created_at)).into_iter().collect();
        anchors.extend(specials.iter().map(|s| (s.pos, s.spec.person.created_at)));
        let (last_pos, last_t) = anchors.last().copied().unwrap_or((0, 0));
        let oldest = parse_iso(OLDEST).unwrap_or(0);
        let tail_step = ((last_t - oldest) / i64::from((n - 1 - last_pos).max(1))).max(MINUTE);
        Dataset {
            seed,
            n,
            n_notifications: notifications.min(u32::MAX as usize / 2) as u32,
            now: parse_iso(seeds::DEMO_NOW).unwrap_or(0),
            seed_people,
            specials,
            anchors,
            tail_step,
        }
    }

    /// The hand-placed contact at `pos`, if any.
    pub fn special_at(&self, pos: u32) -> Option<&Special> {
        self.specials.iter().find(|s| s.pos == pos)
    }

    /// Position of a contact id, if it exists.
    pub fn position(&self, id: &str) -> Option<u32> {
        // The update example PUTs to `con_test_contact` and answers with TWN#NJ9585's record.
        let id = if id == TEST_CONTACT_ALIAS { TWN_CONTACT } else { id };
        if let Some(i) = self.seed_people.iter().position(|p| p.id == id) {
            return Some(i as u32);
        }
        if let Some(s) = self.specials.iter().find(|s| s.spec.person.id == id) {
            return Some(s.pos);
        }
        let pos = decode_id(id, "con_", self.seed, tag::CONTACT)?;
        (pos >= SEED_CONTACTS && pos < self.n && self.special_at(pos).is_none()).then_some(pos)
    }

    /// Creation time of the contact at a generated position.
    fn created_at(&self, pos: u32) -> i64 {
        let jitter = |step: i64| {
            let span = (step / 3).max(1);
            (h(self.seed, tag::CONTACT, u64::from(pos), 1) % span as u64) as i64 - span / 2
        };
        for w in self.anchors.windows(2) {
            let ((p0, t0), (p1, t1)) = (w[0], w[1]);
            if pos > p0 && pos < p1 {
                let step = (t0 - t1) / i64::from(p1 - p0);
                return t0 - step * i64::from(pos - p0) + jitter(step);
            }
        }
        let (p0, t0) = self.anchors.last().copied().unwrap_or((0, self.now));
        t0 - self.tail_step * i64::from(pos.saturating_sub(p0)) + jitter(self.tail_step)
    }

    /// The contact at `pos` as generated (before any edit).
    pub fn person(&self, pos: u32) -> Person {
        if let Some(p) = self.seed_people.get(pos as usize) {
            return p.clone();
        }
        if let Some(s) = self.special_at(pos) {
            return s.spec.person.clone();
        }
        self.generate(pos)
    }

    fn generate(&self, pos: u32) -> Person {
        let mut r = Rng::new(h(self.seed, tag::CONTACT, u64::from(pos), 0));
        let id = encode_id("con_", self.seed, tag::CONTACT, pos);
        let created_at = self.created_at(pos);
        let culture = r.pick(&CULTURES);
        let visitor = r.chance(18);
        let mut p = Person {
            id,
            display_name: String::new(),
            first_name: String::new(),
            last_name: String::new(),
            gender: String::new(),
            area_code: String::new(),
            phone_number: String::new(),
            language: culture.language.into(),
            email: String::new(),
            remark: String::new(),
            avatar_url: String::new(),
            time_zone: (*r.pick(culture.zones)).into(),
            channel_type: "web".into(),
            channel_id: String::new(),
            last_seen: String::new(),
            created_at,
            updated_at: None,
        };
        if visitor {
            let l = |x: u64| char::from(b'A' + (x % 26) as u8);
            p.display_name =
                format!("{}#{}{}{:04}", r.pick(&VISITOR_PREFIXES), l(r.next()), l(r.next()), r.below(10_000));
        } else {
            let gi = r.below(culture.given.len() as u64) as usize;
            let given = culture.given[gi];
            let family = *r.pick(culture.family);
            let sep = if culture.no_space { "" } else { " " };
            p.display_name = if culture.family_first {
                format!("{family}{sep}{given}")
            } else {
                format!("{given}{sep}{family}")
            };
            if r.chance(8) {
                p.display_name = format!("{} {}", p.display_name, r.pick(&EMOJI));
            }
            if r.chance(70) {
                p.first_name = given.into();
                p.last_name = family.into();
            }
            p.channel_type = (*r.pick(&CHANNEL_TYPES)).into();
            if r.chance(60) {
                let ascii: String = culture.ascii_given.get(gi).map(|s| s.to_string()).unwrap_or_else(|| {
                    given.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_lowercase()
                });
                let local = if ascii.is_empty() { "user".to_string() } else { ascii };
                p.email = format!("{local}{}@{}", r.below(1000), r.pick(&DOMAINS));
            }
            if r.chance(65) || p.channel_type == "whatsapp" {
                let (code, first, len) = culture.phone;
                let mut num = String::from(first);
                while num.len() < len {
                    num.push(char::from(b'0' + r.below(10) as u8));
                }
                if num == "911425977" {
                    num.replace_range(0..1, "8"); // keep the links example's number unique
                }
                p.area_code = code.into();
                p.phone_number = num;
            }
            p.gender = match r.below(10) {
                0..=3 => "Male",
                4..=7 => "Female",
                _ => "",
            }
            .into();
            if r.chance(5) {
                p.remark = (*r.pick(&super::names::COMMENTS)).into();
            }
            if r.chance(10) {
                p.avatar_url = format!(
                    "https://imbrace-uat.s3.ap-east-1.amazonaws.com/contact/org_imbrace/file_{:x}.png",
                    r.next()
                );
            }
        }
        let ch = CHANNEL_TYPES.iter().position(|c| *c == p.channel_type).unwrap_or(0) as u64;
        p.channel_id = random_id("ch_", h(self.seed, tag::CHANNEL, ch, 0));
        if !r.chance(5) {
            let age = match r.below(4) {
                0 => r.below(90) as i64 * MINUTE,
                1 => r.below(48) as i64 * HOUR,
                2 => r.below(30) as i64 * DAY,
                _ => r.below(240) as i64 * DAY,
            } + r.below(60_000) as i64;
            let mut seen = self.now - age;
            if seen < created_at {
                seen =
                    created_at + r.below(((self.now - created_at).max(1) as u64).min(7 * DAY as u64)) as i64;
            }
            p.last_seen = iso(seen.min(self.now));
        }
        p
    }

    /// Number of conversations of a generated contact.
    pub fn generated_conv_count(&self, pos: u32) -> u32 {
        1 + (h(self.seed, tag::CONV, u64::from(pos), 99) % 100 / 40) as u32
    }

    /// The hand-placed conversation with this id: (contact position, index in its list).
    pub fn special_conv(&self, id: &str) -> Option<(u32, usize)> {
        self.specials.iter().find_map(|s| s.spec.convs.iter().position(|c| c.id == id).map(|i| (s.pos, i)))
    }

    /// The hand-placed conversation whose `tcu_…` id this is.
    #[cfg(test)]
    pub fn special_tcu(&self, tcu: &str) -> Option<(u32, usize)> {
        self.specials.iter().find_map(|s| s.spec.convs.iter().position(|c| c.tcu == tcu).map(|i| (s.pos, i)))
    }

    /// The spec of a hand-placed conversation.
    pub fn conv_spec(&self, pos: u32, index: usize) -> Option<&ConvSpec> {
        self.special_at(pos)?.spec.convs.get(index)
    }

    /// Verbatim files list of a hand-placed contact.
    pub fn special_files(&self, pos: u32) -> Option<&Value> {
        self.special_at(pos)?.spec.files.as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_notifications_point_at_real_conversations_and_data_is_varied() {
        let d = Dataset::new(1, 300, 640);
        for i in 0..40 {
            let n = d.notification(i);
            let tcu = n["action_to"]["team_conversation_user_id"].as_str().unwrap_or_default();
            let (pos, index) = d.find_tcu(tcu).unwrap_or_else(|| panic!("notification {i}: {tcu}"));
            let conv = d.conv(pos, index, &d.person(pos)).map(|c| c.name);
            assert_eq!(conv.as_deref(), n["title"].as_str(), "notification {i}");
        }
        let people: Vec<Person> = (0..d.n).map(|p| d.person(p)).collect();
        assert!(people.windows(2).all(|w| w[0].created_at > w[1].created_at));
        for ch in CHANNEL_TYPES {
            assert!(people.iter().any(|p| p.channel_type == ch), "{ch}");
        }
        let has = |f: fn(char) -> bool| people.iter().any(|p| p.display_name.chars().any(f));
        assert!(has(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)), "CJK");
        assert!(has(|c| ('\u{0E00}'..='\u{0E7F}').contains(&c)), "Thai");
        assert!(has(|c| ('\u{0600}'..='\u{06FF}').contains(&c)), "Arabic");
        assert!(has(|c| ('\u{AC00}'..='\u{D7AF}').contains(&c)), "Korean");
        assert!(has(|c| c as u32 >= 0x1F300), "emoji");
        assert!(people.iter().filter(|p| p.display_name.starts_with("UNK#")).count() > 10);
        assert!(people.iter().all(|p| p.last_seen.is_empty() || p.last_seen.as_str() <= seeds::DEMO_NOW));
    }
}
