//! Every contact the user has come across, packed small, so filter-as-you-type covers them all.
//!
//! The contact list keeps only the pages around its viewport (see [`super::paged`]), so a filter
//! over what is loaded would miss a contact scrolled past a minute ago. This store keeps every
//! contact that arrived in a page — the list's or the server search's — with all its fields,
//! packed back to back in fixed blocks: about 264 bytes each for the demo's 65,681 contacts (246
//! of them the record, written by `Contact`'s derived serializer in postcard's compact format,
//! the rest matcher keys not found in it), where a `Contact` — a 400-byte struct plus fourteen
//! strings and its extra fields, each a separate allocation — takes well over a kilobyte. The
//! filter reads prepared keys, and only the rows on screen are unpacked into `Contact`s.
//!
//! Bounded: a contact seen again replaces its record only when something changed (a page
//! scrolled away and back costs nothing), and the store stops taking new contacts at
//! [`MAX_BYTES`]. Records are never removed while imbox runs: a contact deleted on the server
//! stays findable here until restart, and opening it then says the server does not know it.

use imbox_model::Contact;
use nucleo_matcher::Utf32Str;
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

/// Arena size past which no new contacts are kept (about 350,000 contacts).
pub const MAX_BYTES: usize = 64 << 20;

/// Where a contact's packed bytes are and where it sits in the contact list.
#[derive(Debug, Clone, Copy)]
struct Record {
    /// Block of [`SeenContacts::blocks`] holding the record.
    block: u32,
    at: u32,
    len: u32,
    /// Row in the contact list when seen there; `u32::MAX` when seen only in search results.
    pos: u32,
    /// The shown name, ready for the matcher.
    name: Key,
    /// E-mail, a space, area code and phone number, ready for the matcher.
    other: Key,
}

/// A matcher haystack kept ready so a keystroke neither validates UTF-8 nor segments
/// graphemes: ASCII text as bytes in the record's block, other text as the matcher's
/// characters (the first char of each grapheme) in the `chars` arena.
#[derive(Debug, Clone, Copy)]
struct Key {
    at: u32,
    len: u32,
    ascii: bool,
}

/// Size of one block of packed records.
const BLOCK: usize = 1 << 20;
/// Most contacts space is reserved for up front from a list's announced total (a server
/// announcing more is believed only as far as this).
const MAX_RESERVE: usize = 400_000;

/// The packed store of seen contacts; see the module documentation.
///
/// Records live in fixed 1 MiB blocks that never grow or move: a doubling `Vec` would copy
/// everything on each growth and leave every old buffer behind as a hole the allocator keeps.
#[derive(Debug, Clone, Default)]
pub struct SeenContacts {
    blocks: Vec<Vec<u8>>,
    /// Matcher characters of the non-ASCII keys.
    chars: Vec<char>,
    /// Scratch for packing and for the grapheme conversion while inserting.
    packing: Vec<u8>,
    scratch: Vec<char>,
    records: Vec<Record>,
    /// Record of each contact id, by the id's hash (a 64-bit collision only costs a duplicate).
    by_id: HashMap<u64, u32>,
    /// Bumped whenever a record is added or replaced, so derived results know they are stale.
    generation: u64,
    bytes: usize,
}

impl SeenContacts {
    /// Number of contacts kept.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// Whether no contact is kept yet.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Changes whenever a record is added or replaced.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Bytes of packed records (the tests check the measured size).
    #[cfg(test)]
    pub fn arena_bytes(&self) -> usize {
        self.bytes
    }

    /// Makes room for the index of `total` contacts at once (the list's total, known from its
    /// first page), so the record table and id map never reallocate while the user scrolls.
    pub fn reserve(&mut self, total: usize) {
        let more = total.min(MAX_RESERVE).saturating_sub(self.records.len());
        self.records.reserve_exact(more);
        self.by_id.reserve(more);
    }

    /// Keeps `contact`, seen at row `pos` of the contact list (None: seen elsewhere, e.g. in
    /// search results). A contact already kept is replaced only if it changed; its list row is
    /// kept when the new sighting has none.
    pub fn insert(&mut self, contact: &Contact, pos: Option<usize>) {
        let key = id_hash(&contact.id);
        let pos = pos.and_then(|p| u32::try_from(p).ok());
        let existing =
            self.by_id.get(&key).copied().filter(|&slot| self.id(slot) == Some(contact.id.as_str()));
        let mut packed = std::mem::take(&mut self.packing);
        packed.clear();
        pack(contact, &mut packed);
        let len = packed.len();
        if let Some(slot) = existing {
            let rec = &mut self.records[slot as usize];
            if let Some(p) = pos {
                rec.pos = p;
            }
            let unchanged = self.bytes(slot) == Some(&packed[..]);
            if unchanged {
                self.packing = packed;
                return;
            }
        } else if self.bytes > MAX_BYTES || u32::try_from(self.records.len() + 1).is_err() {
            self.packing = packed;
            return;
        }
        // The keys point into the packed bytes where they can (an ASCII name is found there);
        // what is not there is appended after the record.
        let name = self.key(&mut packed, crate::state::search::shown_name(contact));
        let other = format!("{} {}{}", contact.email, contact.area_code, contact.phone_number);
        let other = self.key(&mut packed, &other);
        let (block, at) = self.append(&packed);
        let shift = |k: Key| if k.ascii { Key { at: k.at + at, ..k } } else { k };
        let (name, other, len) = (shift(name), shift(other), len as u32);
        self.packing = packed;
        match existing {
            Some(slot) => {
                let rec = &mut self.records[slot as usize];
                (rec.block, rec.at, rec.len, rec.name, rec.other) = (block, at, len, name, other);
            }
            None => {
                let slot = self.records.len() as u32;
                let pos = pos.unwrap_or(u32::MAX);
                self.records.push(Record { block, at, len, pos, name, other });
                self.by_id.insert(key, slot);
            }
        }
        self.generation += 1;
    }

    /// Copies `bytes` into the last block, or a new one when it does not fit; returns where.
    fn append(&mut self, bytes: &[u8]) -> (u32, u32) {
        let fits = self.blocks.last().is_some_and(|b| b.capacity() - b.len() >= bytes.len());
        if !fits {
            self.blocks.push(Vec::with_capacity(BLOCK.max(bytes.len())));
        }
        let index = self.blocks.len() - 1;
        let block = &mut self.blocks[index];
        let at = block.len();
        block.extend_from_slice(bytes);
        self.bytes += bytes.len();
        (index as u32, at as u32)
    }

    /// The matcher key of `text`, relative to the start of `packed`. ASCII text is found in
    /// the packed record or appended to it; other text is converted once, here, instead of on
    /// every keystroke.
    fn key(&mut self, packed: &mut Vec<u8>, text: &str) -> Key {
        let len = text.len() as u32;
        if text.is_ascii() {
            let found = (!text.is_empty())
                .then(|| packed.windows(text.len()).position(|w| w == text.as_bytes()))
                .flatten();
            let at = found.unwrap_or_else(|| {
                packed.extend_from_slice(text.as_bytes());
                packed.len() - text.len()
            });
            return Key { at: at as u32, len, ascii: true };
        }
        let chars = match Utf32Str::new(text, &mut self.scratch) {
            Utf32Str::Ascii(bytes) => bytes.iter().map(|&b| char::from(b)).collect(),
            Utf32Str::Unicode(chars) => chars.to_vec(),
        };
        let at = self.chars.len() as u32;
        self.chars.extend_from_slice(&chars);
        Key { at, len: chars.len() as u32, ascii: false }
    }

    /// The contact in `slot`, unpacked.
    pub fn get(&self, slot: u32) -> Option<Contact> {
        unpack(self.bytes(slot)?)
    }

    /// The kept contact with this id.
    pub fn find(&self, id: &str) -> Option<Contact> {
        let slot = *self.by_id.get(&id_hash(id))?;
        self.get(slot).filter(|c| c.id == id)
    }

    /// The contact list row `slot` was seen at (`u32::MAX` when only in search results).
    pub fn position(&self, slot: u32) -> u32 {
        self.records.get(slot as usize).map_or(u32::MAX, |r| r.pos)
    }

    /// What the filter matches, ready for the matcher: the shown name (display name, else
    /// id) and "e-mail area-code+phone".
    pub fn match_keys(&self, slot: u32) -> Option<(Utf32Str<'_>, Utf32Str<'_>)> {
        let r = self.records.get(slot as usize)?;
        Some((self.haystack(r.block, r.name)?, self.haystack(r.block, r.other)?))
    }

    fn haystack(&self, block: u32, k: Key) -> Option<Utf32Str<'_>> {
        let range = k.at as usize..(k.at + k.len) as usize;
        Some(if k.ascii {
            Utf32Str::Ascii(self.blocks.get(block as usize)?.get(range)?)
        } else {
            Utf32Str::Unicode(self.chars.get(range)?)
        })
    }

    fn id(&self, slot: u32) -> Option<&str> {
        postcard::take_from_bytes::<IdPrefix>(self.bytes(slot)?).ok().map(|(prefix, _)| prefix.id)
    }

    fn bytes(&self, slot: u32) -> Option<&[u8]> {
        let r = self.records.get(slot as usize)?;
        self.blocks.get(r.block as usize)?.get(r.at as usize..(r.at + r.len) as usize)
    }
}

fn id_hash(id: &str) -> u64 {
    let mut h = DefaultHasher::new();
    id.hash(&mut h);
    h.finish()
}

/// Writes `c` with `Contact`'s derived serializer in postcard's compact format: lengths as
/// varints (one byte for nearly every field), times as seconds and nanoseconds.
fn pack(c: &Contact, out: &mut Vec<u8>) {
    let buffer = std::mem::take(out);
    // Writing to a Vec cannot fail; should serde ever report an error, the record stays empty
    // and reads back as nothing rather than as a wrong contact.
    *out = postcard::to_extend(c, buffer).unwrap_or_default();
}

fn unpack(bytes: &[u8]) -> Option<Contact> {
    postcard::from_bytes(bytes).ok()
}

/// The beginning of a packed contact, borrowed from the record: postcard writes a struct's
/// fields in order, and `id` is `Contact`'s first (the tests keep it so).
#[derive(serde::Deserialize)]
struct IdPrefix<'a> {
    id: &'a str,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full(id: &str) -> Contact {
        Contact {
            id: id.into(),
            display_name: "陳威廷 Wei-Ting".into(),
            first_name: "Wei-Ting".into(),
            last_name: "陳".into(),
            email: "wt@example.com".into(),
            area_code: "886".into(),
            phone_number: "911425977".into(),
            gender: "Male".into(),
            language: "zh".into(),
            avatar_url: "https://example.com/a.png".into(),
            remark: "line one\nline two ".repeat(20),
            time_zone: "Asia/Taipei".into(),
            channel_type: "whatsapp".into(),
            organization_id: "org_imbrace".into(),
            last_seen: Some("2025-10-15T10:07:59.066Z".parse().unwrap()),
            created_at: None,
            updated_at: Some("2024-01-02T03:04:05Z".parse().unwrap()),
            extra: vec![("vip".into(), "yes".into()), ("ключ".into(), "значение".into())],
        }
    }

    #[test]
    fn a_contact_comes_back_exactly_as_it_went_in() {
        let mut seen = SeenContacts::default();
        let c = full("con_1");
        seen.insert(&c, Some(7));
        assert_eq!(seen.get(0), Some(c.clone()));
        assert_eq!(seen.find("con_1"), Some(c));
        assert_eq!(seen.find("con_2"), None);
        assert_eq!(seen.position(0), 7);
        let (name, other) = seen.match_keys(0).unwrap();
        assert_eq!(
            (name.to_string(), other.to_string()),
            ("陳威廷 Wei-Ting".into(), "wt@example.com 886911425977".into())
        );
    }

    #[test]
    fn the_id_is_read_from_the_packed_bytes_without_unpacking() {
        // The collision check of `insert` reads only the id: it must be the record's first
        // field, whatever else changes in `Contact`.
        let mut seen = SeenContacts::default();
        for id in ["con_1", "", "陳-ñ"] {
            seen.insert(&full(id), None);
        }
        assert_eq!((seen.id(0), seen.id(1), seen.id(2)), (Some("con_1"), Some(""), Some("陳-ñ")));
    }

    #[test]
    fn the_shown_name_falls_back_to_the_id() {
        let mut seen = SeenContacts::default();
        seen.insert(&Contact { id: "con_x".into(), ..Contact::default() }, None);
        assert_eq!(seen.match_keys(0).unwrap().0.to_string(), "con_x");
        assert_eq!(seen.position(0), u32::MAX);
    }

    #[test]
    fn seeing_a_contact_again_costs_nothing_unless_it_changed() {
        let mut seen = SeenContacts::default();
        let mut c = full("con_1");
        seen.insert(&c, Some(3));
        let (bytes, generation) = (seen.arena_bytes(), seen.generation());
        seen.insert(&c, None);
        assert_eq!((seen.len(), seen.arena_bytes(), seen.generation()), (1, bytes, generation));
        assert_eq!(seen.position(0), 3, "a sighting without a row keeps the row");
        c.display_name = "Zed".into();
        seen.insert(&c, Some(9));
        assert_eq!(seen.len(), 1);
        assert!(seen.generation() > generation);
        assert_eq!(seen.get(0).unwrap().display_name, "Zed");
        assert_eq!(seen.position(0), 9);
    }

    #[test]
    fn long_fields_use_multi_byte_lengths() {
        let mut seen = SeenContacts::default();
        let mut c = full("con_long");
        c.remark = "é".repeat(20_000);
        seen.insert(&c, None);
        assert_eq!(seen.get(0).unwrap().remark.len(), 40_000);
        // A record larger than a block gets a block of its own; the next goes after it.
        let mut big = full("con_big");
        big.remark = "x".repeat(BLOCK + 10);
        seen.insert(&big, None);
        seen.insert(&full("con_after"), None);
        assert_eq!(seen.find("con_big").unwrap().remark.len(), BLOCK + 10);
        assert_eq!(seen.find("con_after"), Some(full("con_after")));
        assert_eq!(seen.find("con_long").unwrap().remark.len(), 40_000);
    }

    #[test]
    fn a_packed_contact_is_a_fraction_of_its_unpacked_size() {
        let mut seen = SeenContacts::default();
        let c = Contact {
            id: "con_0123456789abcdef".into(),
            display_name: "Nguyễn Văn An".into(),
            email: "an.nguyen@example.com".into(),
            channel_type: "web".into(),
            organization_id: "org_imbrace".into(),
            language: "vi".into(),
            time_zone: "Asia/Saigon".into(),
            last_seen: Some("2025-10-15T10:07:59.066Z".parse().unwrap()),
            ..Contact::default()
        };
        seen.insert(&c, Some(0));
        // 14 length bytes + ~110 bytes of text + 3 optional times (one of 5 + 4 bytes, two
        // absent) + 1 extra count.
        assert!(seen.arena_bytes() < 140, "{}", seen.arena_bytes());
        assert!(std::mem::size_of::<Contact>() > 400);
    }
}
