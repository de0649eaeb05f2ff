//! The hostile demo's corpus against the one sanitizer: every attack comes out harmless, every
//! legitimate text (Arabic, Hebrew, CJK, emoji, …) comes out as it went in.

use imbox_api::sanitize;
use imbox_demo::hostile::{ATTACKS, LEGIT};

#[test]
fn the_corpus_is_hostile_and_the_legitimate_text_survives_the_sanitizer() {
    for a in ATTACKS {
        let clean = sanitize::line(a);
        assert!(!clean.contains('\u{1b}') && !clean.chars().any(|c| c.is_control()), "{a:?}");
    }
    for l in LEGIT {
        assert_eq!(sanitize::line(l), l);
    }
}
