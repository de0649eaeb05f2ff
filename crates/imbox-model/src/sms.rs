//! How many SMS a text costs: its encoding and segment count, as a carrier splits it.
//!
//! GSM 03.38 (GSM-7) fits 160 characters in one SMS and 153 in each part of a longer one; the
//! characters of its extension table (`^{}\[~]|€` and form feed) take two places. One character
//! outside the alphabet turns the whole message into UCS-2: 70 in one SMS, 67 per part, and
//! characters beyond the Basic Multilingual Plane (most emoji) take two places.

/// How an SMS is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmsEncoding {
    /// The GSM 7-bit default alphabet.
    Gsm7,
    /// UCS-2 (UTF-16 code units).
    Ucs2,
}

impl SmsEncoding {
    /// The name shown in the composer.
    pub fn label(self) -> &'static str {
        match self {
            SmsEncoding::Gsm7 => "GSM-7",
            SmsEncoding::Ucs2 => "UCS-2",
        }
    }
}

/// What a text costs as SMS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SmsCount {
    /// Encoding the text needs.
    pub encoding: SmsEncoding,
    /// Places the text takes in that encoding (septets or UTF-16 units).
    pub units: usize,
    /// SMS parts it is split into (1 for an empty text).
    pub segments: usize,
    /// Places per part at this length (160/153 or 70/67).
    pub per_segment: usize,
}

/// The GSM 03.38 basic alphabet (one septet each).
const GSM7_BASIC: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
/// The GSM 03.38 extension table (an escape and a septet: two places each).
const GSM7_EXTENDED: &str = "^{}\\[~]|€\u{000C}";

/// Places `c` takes in GSM-7, or `None` when it has no GSM-7 form.
fn gsm7_units(c: char) -> Option<usize> {
    if GSM7_BASIC.contains(c) {
        Some(1)
    } else if GSM7_EXTENDED.contains(c) {
        Some(2)
    } else {
        None
    }
}

/// Counts the SMS `text` costs.
pub fn count(text: &str) -> SmsCount {
    let gsm: Option<usize> = text.chars().map(gsm7_units).sum();
    let (encoding, units, single, multi) = match gsm {
        Some(units) => (SmsEncoding::Gsm7, units, 160, 153),
        None => (SmsEncoding::Ucs2, text.encode_utf16().count(), 70, 67),
    };
    let (segments, per_segment) = if units <= single { (1, single) } else { (units.div_ceil(multi), multi) };
    SmsCount { encoding, units, segments, per_segment }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gsm7_fits_160_then_153_per_part() {
        assert_eq!(count("").segments, 1);
        let one = count(&"a".repeat(160));
        assert_eq!(
            (one.encoding, one.units, one.segments, one.per_segment),
            (SmsEncoding::Gsm7, 160, 1, 160)
        );
        let two = count(&"a".repeat(161));
        assert_eq!((two.segments, two.per_segment), (2, 153));
        assert_eq!(count(&"a".repeat(306)).segments, 2);
        assert_eq!(count(&"a".repeat(307)).segments, 3);
    }

    #[test]
    fn extension_characters_take_two_places() {
        let c = count("price: 5€ [approx]");
        assert_eq!(c.encoding, SmsEncoding::Gsm7);
        assert_eq!(c.units, "price: 5€ [approx]".chars().count() + 3);
        assert_eq!(count(&"€".repeat(80)).segments, 1);
        assert_eq!(count(&"€".repeat(81)).segments, 2);
    }

    #[test]
    fn one_character_outside_gsm7_makes_it_ucs2() {
        let c = count(&format!("{}ł", "a".repeat(69)));
        assert_eq!((c.encoding, c.units, c.segments, c.per_segment), (SmsEncoding::Ucs2, 70, 1, 70));
        let c = count(&format!("{}ł", "a".repeat(70)));
        assert_eq!((c.segments, c.per_segment), (2, 67));
        // An emoji is two UTF-16 units.
        assert_eq!(count("👍").units, 2);
        assert_eq!(count("Xin chào").encoding, SmsEncoding::Gsm7);
        assert_eq!(count("Xin chào, cảm ơn").encoding, SmsEncoding::Ucs2);
        assert_eq!(count("Grüße, Ça va? ñ").encoding, SmsEncoding::Gsm7);
    }
}
