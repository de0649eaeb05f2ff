//! End to end: alerts from the real binary in a pseudo-terminal. Focus reporting is asked for
//! and turned off again; a customer's message in a conversation assigned to me reaches the
//! terminal as one inert OSC 777 when the terminal has no focus, and nothing when it has; on the
//! hostile demo, that one OSC carries only inert text and everything else imbox wrote passes the
//! byte-level checks of `hostile.rs`.

use crate::pty::PtyApp;
use crate::rig::Rig;

/// What a terminal sends when focus reporting is on and it gains or loses the focus.
const FOCUS_IN: &[u8] = b"\x1b[I";
const FOCUS_OUT: &[u8] = b"\x1b[O";

/// imbox on the rig outside tmux and screen (whose detection would change the bytes).
fn spawn(rig: &Rig) -> PtyApp {
    rig.spawn_with(120, 36, &[("TMUX", ""), ("STY", "")])
}

/// How many OSC introducers imbox wrote so far.
fn oscs(app: &PtyApp) -> usize {
    String::from_utf8_lossy(&app.raw()).matches("\u{1b}]").count()
}

#[test]
fn focus_reports_are_asked_for_and_turned_off_at_exit() {
    let rig = Rig::new(&["cw"]);
    let mut app = spawn(&rig);
    app.wait_for(&["Mine"]);
    let raw = String::from_utf8_lossy(&app.raw()).to_string();
    assert!(raw.contains("\u{1b}[?1004h"), "focus reporting asked for");
    app.send(FOCUS_IN);
    app.send(FOCUS_OUT);
    app.send(b"q");
    assert!(app.wait_exit(), "imbox exits cleanly");
    let raw = String::from_utf8_lossy(&app.raw()).to_string();
    let (on, off) = (raw.rfind("\u{1b}[?1004h"), raw.rfind("\u{1b}[?1004l"));
    assert!(off > on, "focus reporting turned off after it was last turned on");
    assert_eq!(oscs(&app), 0, "no alert without a reason");
}
