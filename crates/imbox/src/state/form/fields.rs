//! The edit form's fields: their values, validation, the diff against the contact, the update
//! sent on the wire, and the draft kept on disk. Pure data and functions, no I/O.

use crate::action::form::FormValues;
use imbox_model::{Contact, ContactUpdate};

/// One field of the edit form, in the order Tab visits them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// Given name.
    FirstName,
    /// Family name.
    LastName,
    /// E-mail address.
    Email,
    /// Telephone area code (digits).
    AreaCode,
    /// Telephone number (digits).
    Phone,
    /// Gender, a choice (not typed).
    Gender,
    /// Preferred language code.
    Language,
    /// Avatar image URL.
    Avatar,
    /// Free-text remark, the one multi-line field.
    Remark,
}

/// Every field, in Tab order.
pub const FIELDS: [Field; 9] = [
    Field::FirstName,
    Field::LastName,
    Field::Email,
    Field::AreaCode,
    Field::Phone,
    Field::Gender,
    Field::Language,
    Field::Avatar,
    Field::Remark,
];

/// The gender choices as sent on the wire (the server normalises `m` to `Male`, …) and as shown.
pub const GENDERS: [(&str, &str); 4] = [("", "—"), ("m", "Male"), ("f", "Female"), ("o", "Other")];

/// Longest name, language, URL and remark accepted (characters).
const NAME_MAX: usize = 100;
const EMAIL_MAX: usize = 254;
const AREA_CODE_MAX: usize = 4;
/// E.164 allows 15 digits in all.
const PHONE_MAX: usize = 15;
const LANGUAGE_MAX: usize = 16;
const URL_MAX: usize = 2048;
const REMARK_MAX: usize = 2000;

impl Field {
    /// The field's position in [`FIELDS`].
    pub fn index(self) -> usize {
        FIELDS.iter().position(|f| *f == self).unwrap_or(0)
    }

    /// The [`ContactUpdate`] field name, as backends list them in `Capabilities::edit_fields`.
    pub fn wire_name(self) -> &'static str {
        match self {
            Field::FirstName => "first_name",
            Field::LastName => "last_name",
            Field::Email => "email",
            Field::AreaCode => "area_code",
            Field::Phone => "phone_number",
            Field::Gender => "gender",
            Field::Language => "language",
            Field::Avatar => "avatar_url",
            Field::Remark => "remark",
        }
    }

    /// The label shown in the form and the diff.
    pub fn label(self) -> &'static str {
        match self {
            Field::FirstName => "First name",
            Field::LastName => "Last name",
            Field::Email => "Email",
            Field::AreaCode => "Area code",
            Field::Phone => "Phone",
            Field::Gender => "Gender",
            Field::Language => "Language",
            Field::Avatar => "Avatar URL",
            Field::Remark => "Remark",
        }
    }

    /// Whether the field takes more than one line.
    pub fn multiline(self) -> bool {
        self == Field::Remark
    }

    /// The field's value in `v`.
    pub fn get(self, v: &FormValues) -> &str {
        match self {
            Field::FirstName => &v.first_name,
            Field::LastName => &v.last_name,
            Field::Email => &v.email,
            Field::AreaCode => &v.area_code,
            Field::Phone => &v.phone_number,
            Field::Gender => &v.gender,
            Field::Language => &v.language,
            Field::Avatar => &v.avatar_url,
            Field::Remark => &v.remark,
        }
    }

    /// Sets the field's value in `v`.
    pub fn set(self, v: &mut FormValues, value: String) {
        let slot = match self {
            Field::FirstName => &mut v.first_name,
            Field::LastName => &mut v.last_name,
            Field::Email => &mut v.email,
            Field::AreaCode => &mut v.area_code,
            Field::Phone => &mut v.phone_number,
            Field::Gender => &mut v.gender,
            Field::Language => &mut v.language,
            Field::Avatar => &mut v.avatar_url,
            Field::Remark => &mut v.remark,
        };
        *slot = value;
    }

    /// Why `value` is not acceptable for this field, or None when it is.
    pub fn problem(self, value: &str) -> Option<String> {
        let len = value.chars().count();
        let too_long = |max: usize| (len > max).then(|| format!("at most {max} characters ({len} now)"));
        match self {
            Field::FirstName | Field::LastName => too_long(NAME_MAX),
            Field::Email => too_long(EMAIL_MAX).or_else(|| {
                (!value.is_empty() && !imbox_model::is_valid_email(value))
                    .then(|| "not an e-mail address (name@domain.tld)".into())
            }),
            Field::AreaCode => digits_only(value).or_else(|| too_long(AREA_CODE_MAX)),
            Field::Phone => digits_only(value).or_else(|| too_long(PHONE_MAX)),
            Field::Gender => GENDERS.iter().all(|(w, _)| *w != value).then(|| "not a known choice".into()),
            Field::Language => too_long(LANGUAGE_MAX).or_else(|| {
                value
                    .contains(char::is_whitespace)
                    .then(|| "a language code has no spaces (e.g. en, zh-HK)".into())
            }),
            Field::Avatar => too_long(URL_MAX).or_else(|| {
                let ok = value.is_empty()
                    || ((value.starts_with("https://") || value.starts_with("http://"))
                        && !value.contains(char::is_whitespace));
                (!ok).then(|| "must be an http(s):// URL without spaces".into())
            }),
            Field::Remark => too_long(REMARK_MAX),
        }
    }

    /// The value as the diff shows it (gender by name, empty as a dash, remark on one line).
    pub fn display(self, value: &str) -> String {
        if self == Field::Gender {
            return gender_name(value).to_string();
        }
        if value.is_empty() {
            return "—".into();
        }
        value.replace('\n', " ⏎ ")
    }
}

/// Why `value` is not an E.164 number (`+` then 2 to 15 digits, the first not 0), or None.
pub fn e164_problem(value: &str) -> Option<String> {
    let digits = value.strip_prefix('+').unwrap_or("");
    let ok = value.is_empty()
        || (digits.len() >= 2
            && digits.len() <= PHONE_MAX
            && digits.chars().all(|c| c.is_ascii_digit())
            && !digits.starts_with('0'));
    (!ok).then(|| "an international number: + and country code, digits only (+972501234567)".into())
}

fn digits_only(value: &str) -> Option<String> {
    (!value.chars().all(|c| c.is_ascii_digit())).then(|| "digits only".into())
}

/// The wire letter of a gender as the server shows it ("Male" → "m"); unknown values → "".
pub fn gender_wire(shown: &str) -> &'static str {
    match shown.trim().to_lowercase().chars().next() {
        Some('m') => "m",
        Some('f') => "f",
        Some('o') => "o",
        _ => "",
    }
}

/// The name of a wire gender letter ("m" → "Male").
pub fn gender_name(wire: &str) -> &'static str {
    GENDERS.iter().find(|(w, _)| *w == wire).map_or("—", |(_, n)| n)
}

impl FormValues {
    /// The values a contact has now.
    pub fn of(c: &Contact) -> Self {
        FormValues {
            first_name: c.first_name.clone(),
            last_name: c.last_name.clone(),
            email: c.email.clone(),
            area_code: c.area_code.clone(),
            phone_number: c.phone_number.clone(),
            gender: gender_wire(&c.gender).to_string(),
            language: c.language.clone(),
            avatar_url: c.avatar_url.clone(),
            remark: c.remark.clone(),
        }
    }

    /// The fields whose value differs from `base`, in form order.
    pub fn changed(&self, base: &FormValues) -> Vec<Field> {
        FIELDS.into_iter().filter(|f| f.get(self) != f.get(base)).collect()
    }

    /// The problems of the fields a backend edits (`shown`), the phone checked as one E.164
    /// string when `e164`.
    pub fn problems_for(&self, shown: &[bool], e164: bool) -> Vec<(Field, String)> {
        FIELDS
            .into_iter()
            .filter(|f| shown.get(f.index()).copied().unwrap_or(true))
            .filter_map(|f| {
                let value = f.get(self);
                let problem = if e164 && f == Field::Phone { e164_problem(value) } else { f.problem(value) };
                problem.map(|p| (f, p))
            })
            .collect()
    }

    /// The update that changes `base` into these values: only the changed fields are sent.
    pub fn update_from(&self, base: &FormValues) -> ContactUpdate {
        let mut u = ContactUpdate::default();
        for f in self.changed(base) {
            let v = Some(f.get(self).to_string());
            match f {
                Field::FirstName => u.first_name = v,
                Field::LastName => u.last_name = v,
                Field::Email => u.email = v,
                Field::AreaCode => u.area_code = v,
                Field::Phone => u.phone_number = v,
                Field::Gender => u.gender = v,
                Field::Language => u.language = v,
                Field::Avatar => u.avatar_url = v,
                Field::Remark => u.remark = v,
            }
        }
        u
    }

    /// `c` with these values applied the way the server applies them (gender by name, display
    /// name from first and last name): used when the server accepts a change with an empty body.
    pub fn apply_to(&self, c: &Contact) -> Contact {
        let mut out = c.clone();
        out.first_name = self.first_name.clone();
        out.last_name = self.last_name.clone();
        out.email = self.email.clone();
        out.area_code = self.area_code.clone();
        out.phone_number = self.phone_number.clone();
        out.gender = match self.gender.as_str() {
            "" => String::new(),
            g => gender_name(g).to_string(),
        };
        out.language = self.language.clone();
        out.avatar_url = self.avatar_url.clone();
        out.remark = self.remark.clone();
        let full = format!("{} {}", self.first_name, self.last_name).trim().to_string();
        if !full.is_empty() {
            out.display_name = full;
        }
        out
    }
}

/// Whether a typed character may go into a field: no control or invisible format characters
/// (bidi overrides, zero-width), which would corrupt the screen or hide text.
pub fn typeable(c: char) -> bool {
    // The wire sanitizer is the one definition of "safe to show": a character it would change
    // or drop is not typed either.
    let one = c.to_string();
    !c.is_control() && imbox_api::sanitize::line(&one) == one
}
