//! Key binding overrides from the config file's `[keys]` table.
//!
//! A binding is named after its action: `Down` is `down`, `FocusNext` is `focus_next`,
//! `Notify(Toggle)` is `notify.toggle` (see [`crate::action::Action::name`]). An override gives that action new
//! keys wherever it is bound, replacing its default keys there:
//!
//! ```toml
//! [keys]
//! quit = "ctrl-q"
//! down = ["j", "down", "ctrl-n"]
//! ```

use super::{Binding, Key};
use crate::config::KeySpec;
use crossterm::event::{KeyCode, KeyModifiers};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// Action name → replacement keys.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    keys: BTreeMap<String, Vec<Key>>,
}

static ACTIVE: OnceLock<Overrides> = OnceLock::new();

/// Installs the overrides for this run (first call wins; later calls are ignored).
pub fn install(overrides: Overrides) {
    let _ = ACTIVE.set(overrides);
}

/// The overrides in force (none unless installed).
pub fn active() -> &'static Overrides {
    static NONE: OnceLock<Overrides> = OnceLock::new();
    ACTIVE.get().unwrap_or_else(|| NONE.get_or_init(Overrides::default))
}

/// Parses `"ctrl-q"`, `"G"`, `"enter"`, `"pgdn"`, `"space"`, `"f5"` into a key.
pub fn parse_key(spec: &str) -> Result<Key, String> {
    let mut mods = KeyModifiers::NONE;
    let mut rest = spec.trim();
    loop {
        let lower = rest.to_ascii_lowercase();
        if let Some(r) = lower.strip_prefix("ctrl-").or_else(|| lower.strip_prefix("c-")) {
            mods |= KeyModifiers::CONTROL;
            rest = &rest[rest.len() - r.len()..];
        } else if let Some(r) = lower.strip_prefix("alt-").or_else(|| lower.strip_prefix("m-")) {
            mods |= KeyModifiers::ALT;
            rest = &rest[rest.len() - r.len()..];
        } else {
            break;
        }
    }
    let code = match rest.to_ascii_lowercase().as_str() {
        "enter" | "return" => KeyCode::Enter,
        "esc" | "escape" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "backtab" | "shift-tab" => KeyCode::BackTab,
        "space" => KeyCode::Char(' '),
        "backspace" => KeyCode::Backspace,
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "pgup" | "pageup" => KeyCode::PageUp,
        "pgdn" | "pagedown" => KeyCode::PageDown,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "delete" | "del" => KeyCode::Delete,
        f if f.len() >= 2
            && f.starts_with('f')
            && f[1..].parse::<u8>().is_ok_and(|n| (1..=12).contains(&n)) =>
        {
            KeyCode::F(f[1..].parse().unwrap_or(1))
        }
        _ => {
            let mut chars = rest.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => KeyCode::Char(if mods.contains(KeyModifiers::CONTROL) {
                    c.to_ascii_lowercase()
                } else {
                    c
                }),
                _ => return Err(format!("unknown key {spec:?}")),
            }
        }
    };
    Ok(Key { code, mods })
}

/// A key as the help overlay writes it (`C-q`, `M-x`, `Enter`, `j`).
pub fn key_label(k: &Key) -> String {
    let mut s = String::new();
    if k.mods.contains(KeyModifiers::CONTROL) {
        s.push_str("C-");
    }
    if k.mods.contains(KeyModifiers::ALT) {
        s.push_str("M-");
    }
    match k.code {
        KeyCode::Char(' ') => s.push_str("Space"),
        KeyCode::Char(c) => s.push(c),
        KeyCode::F(n) => s.push_str(&format!("F{n}")),
        other => s.push_str(&format!("{other:?}")),
    }
    s
}

impl Overrides {
    /// Builds overrides from the config's `[keys]`, checking every name and key.
    pub fn from_config(
        keys: &BTreeMap<String, KeySpec>,
        bindings: impl Iterator<Item = &'static Binding>,
    ) -> Result<Overrides, String> {
        let known: Vec<String> = bindings.map(|b| b.action.name()).collect();
        let mut out = Overrides::default();
        for (name, spec) in keys {
            if !known.contains(name) {
                return Err(format!(
                    "[keys] {name}: no such binding (names are like down, quit, focus_next, notify.toggle)"
                ));
            }
            let specs = match spec {
                KeySpec::One(s) => vec![s.clone()],
                KeySpec::Many(v) => v.clone(),
            };
            let parsed = specs
                .iter()
                .map(|s| parse_key(s))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| format!("[keys] {name}: {e}"))?;
            out.keys.insert(name.clone(), parsed);
        }
        Ok(out)
    }

    /// The keys of `binding` with overrides applied.
    pub fn keys_of<'a>(&'a self, binding: &'a Binding) -> &'a [Key] {
        self.keys.get(&binding.action.name()).map(Vec::as_slice).unwrap_or(binding.keys)
    }

    /// How the help overlay writes `binding`'s keys: its default label, or the overriding keys.
    pub fn label_of(&self, binding: &Binding) -> String {
        match self.keys.get(&binding.action.name()) {
            Some(keys) => keys.iter().map(key_label).collect::<Vec<_>>().join(" "),
            None => binding.label.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::Action;

    /// How names were made before they were derived: from the `Debug` text.
    fn name_from_debug(action: &Action) -> String {
        fn snake(s: &str) -> String {
            let mut out = String::new();
            for (i, c) in s.chars().enumerate() {
                if c.is_uppercase() {
                    if i > 0 {
                        out.push('_');
                    }
                    out.extend(c.to_lowercase());
                } else {
                    out.push(c);
                }
            }
            out
        }
        let debug = format!("{action:?}");
        debug.split(['(', ')']).filter(|p| !p.is_empty()).map(snake).collect::<Vec<_>>().join(".")
    }

    #[test]
    fn every_bound_action_keeps_the_name_configs_already_use() {
        let mut names = std::collections::BTreeSet::new();
        for b in super::super::all() {
            assert_eq!(b.action.name(), name_from_debug(&b.action), "{:?}", b.action);
            names.insert(b.action.name());
        }
        for name in ["notify.toggle", "search.delete_word", "notify.move.-1", "inbox.set_view.mine"] {
            assert!(names.contains(name), "{name} in {names:?}");
        }
    }

    #[test]
    fn names_follow_the_action_variants() {
        assert_eq!(Action::Down.name(), "down");
        assert_eq!(Action::FocusNext.name(), "focus_next");
        assert_eq!(Action::CycleChannelFilter.name(), "cycle_channel_filter");
    }

    #[test]
    fn keys_parse_with_modifiers_and_names() {
        assert_eq!(parse_key("ctrl-q"), Ok(Key { code: KeyCode::Char('q'), mods: KeyModifiers::CONTROL }));
        assert_eq!(parse_key("G"), Ok(Key { code: KeyCode::Char('G'), mods: KeyModifiers::NONE }));
        assert_eq!(parse_key("pgdn"), Ok(Key { code: KeyCode::PageDown, mods: KeyModifiers::NONE }));
        assert_eq!(parse_key("alt-enter").map(|k| k.mods), Ok(KeyModifiers::ALT));
        assert_eq!(parse_key("f5").map(|k| k.code), Ok(KeyCode::F(5)));
        assert!(parse_key("hyper-x").is_err());
    }

    #[test]
    fn overrides_replace_keys_and_reject_unknown_names() {
        let mut keys = BTreeMap::new();
        keys.insert("quit".to_string(), KeySpec::One("ctrl-q".into()));
        let o = Overrides::from_config(&keys, super::super::all()).expect("valid");
        let quit = super::super::CORE.iter().find(|b| b.action == Action::Quit).expect("quit bound");
        assert_eq!(o.keys_of(quit), &[Key { code: KeyCode::Char('q'), mods: KeyModifiers::CONTROL }]);
        keys.insert("frobnicate".to_string(), KeySpec::One("x".into()));
        assert!(Overrides::from_config(&keys, super::super::all()).is_err());
    }
}
