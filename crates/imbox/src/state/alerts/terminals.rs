//! Which notification sequence a terminal understands, told from its environment variables. A
//! pure table: the caller passes
//! the environment (`main.rs` passes the real one), so tests can pass any.
//!
//! | terminal | how it is recognised | sequence |
//! |---|---|---|
//! | tmux | `TMUX` | the bell (the outer terminal is unknown, and passthrough is off by default) |
//! | GNU screen | `STY`, or `TERM` `screen*` | the bell |
//! | foot | `TERM` `foot*` | OSC 777 |
//! | urxvt | `TERM` `rxvt-unicode*` | OSC 777 |
//! | WezTerm | `TERM_PROGRAM=WezTerm`, `WEZTERM_PANE` | OSC 777 |
//! | Ghostty | `TERM_PROGRAM=ghostty`, `TERM=xterm-ghostty` | OSC 777 |
//! | Konsole | `KONSOLE_VERSION` | OSC 777 |
//! | iTerm2 | `TERM_PROGRAM=iTerm.app`, `LC_TERMINAL=iTerm2` | OSC 9 |
//! | kitty | `KITTY_WINDOW_ID`, `TERM=xterm-kitty` | OSC 9 |
//! | anything else | | the bell |

use crate::command::AlertChannel;

/// What the terminal imbox runs in can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TerminalSupport {
    /// The terminal's own notification sequence, when the terminal is known to have one.
    pub osc: Option<AlertChannel>,
    /// Inside tmux: a terminal sequence needs tmux's passthrough to reach the terminal.
    pub tmux: bool,
    /// The terminal's name as recognised ("foot", "kitty"; "" when unknown), for the log.
    pub name: &'static str,
}

impl TerminalSupport {
    /// Recognises the terminal from its environment (`env` answers a variable's value; an
    /// empty value counts as unset).
    pub fn detect(env: impl Fn(&str) -> Option<String>) -> TerminalSupport {
        let get = |k: &str| env(k).filter(|v| !v.is_empty());
        let term = get("TERM").unwrap_or_default();
        let program = get("TERM_PROGRAM").unwrap_or_default();
        let has = |k: &str| get(k).is_some();
        let (osc, name) = if has("TMUX") {
            return TerminalSupport { osc: None, tmux: true, name: "tmux" };
        } else if has("STY") || term.starts_with("screen") {
            (None, "screen")
        } else if term.starts_with("foot") {
            (Some(AlertChannel::Osc777), "foot")
        } else if term.starts_with("rxvt-unicode") {
            (Some(AlertChannel::Osc777), "urxvt")
        } else if program == "WezTerm" || has("WEZTERM_PANE") {
            (Some(AlertChannel::Osc777), "wezterm")
        } else if program.eq_ignore_ascii_case("ghostty") || term == "xterm-ghostty" {
            (Some(AlertChannel::Osc777), "ghostty")
        } else if has("KONSOLE_VERSION") {
            (Some(AlertChannel::Osc777), "konsole")
        } else if program == "iTerm.app" || get("LC_TERMINAL").as_deref() == Some("iTerm2") {
            (Some(AlertChannel::Osc9), "iterm2")
        } else if has("KITTY_WINDOW_ID") || term == "xterm-kitty" {
            (Some(AlertChannel::Osc9), "kitty")
        } else {
            (None, "")
        };
        TerminalSupport { osc, tmux: false, name }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use AlertChannel::*;

    fn detect(vars: &[(&str, &str)]) -> TerminalSupport {
        TerminalSupport::detect(|k| vars.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string()))
    }

    #[test]
    fn known_terminals_get_their_sequence_and_the_rest_the_bell() {
        let osc = |vars: &[(&str, &str)]| detect(vars).osc;
        assert_eq!(osc(&[("TERM", "foot")]), Some(Osc777));
        assert_eq!(osc(&[("TERM", "foot-extra")]), Some(Osc777));
        assert_eq!(osc(&[("TERM", "rxvt-unicode-256color")]), Some(Osc777));
        assert_eq!(osc(&[("TERM", "xterm-256color"), ("TERM_PROGRAM", "WezTerm")]), Some(Osc777));
        assert_eq!(osc(&[("TERM", "xterm-ghostty")]), Some(Osc777));
        assert_eq!(osc(&[("TERM", "xterm-256color"), ("KONSOLE_VERSION", "230401")]), Some(Osc777));
        assert_eq!(osc(&[("TERM_PROGRAM", "iTerm.app")]), Some(Osc9));
        assert_eq!(osc(&[("TERM", "xterm-kitty")]), Some(Osc9));
        assert_eq!(osc(&[("KITTY_WINDOW_ID", "1")]), Some(Osc9));
        assert_eq!(osc(&[("TERM", "xterm-256color")]), None);
        assert_eq!(osc(&[("TERM", "alacritty")]), None);
        assert_eq!(osc(&[("TERM", "screen-256color"), ("KITTY_WINDOW_ID", "1")]), None, "screen hides it");
        assert_eq!(osc(&[("KITTY_WINDOW_ID", "")]), None, "empty is unset");
        let t = detect(&[
            ("TMUX", "/tmp/tmux-0/default,1,0"),
            ("TERM_PROGRAM", "tmux"),
            ("KITTY_WINDOW_ID", "1"),
        ]);
        assert_eq!((t.osc, t.tmux), (None, true));
    }
}
