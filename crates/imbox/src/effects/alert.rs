//! The desktop notification (notify-rust: the freedesktop notification service over zbus on
//! Linux and BSD, the native path on macOS). Run on a blocking thread with a deadline, so a
//! wedged notification daemon costs a thread for a while, never the UI; a failure answers
//! `AlertAction::DesktopFailed` and the state delivers the alert the next way.

use crate::action::alert::AlertNote;
use crate::action::{Action, AlertAction};
use crate::command::AlertCommand;
use std::time::Duration;

/// How long the notification service may take to answer.
const DEADLINE: Duration = Duration::from_secs(3);

/// `text` with the characters of the notification spec's body markup escaped: servers that
/// announce `body-markup` read `<a href>`, `<img>`, `<b>` in the body, and a customer's message
/// must not add a link or load an image.
pub fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// Shows the notification; `None` when it was shown.
pub async fn execute(cmd: AlertCommand) -> Option<Action> {
    let AlertCommand::Desktop(note) = cmd;
    let shown = {
        let note = note.clone();
        tokio::time::timeout(DEADLINE, tokio::task::spawn_blocking(move || show(&note))).await
    };
    let error = match shown {
        Ok(Ok(Ok(()))) => return None,
        Ok(Ok(Err(e))) => e,
        Ok(Err(e)) => format!("the notification thread failed: {e}"),
        Err(_) => format!("no answer from the notification service in {} s", DEADLINE.as_secs()),
    };
    tracing::warn!("desktop notification failed, using the next way: {error}");
    Some(Action::Alert(AlertAction::DesktopFailed { note, error }))
}

fn show(note: &AlertNote) -> Result<(), String> {
    notify_rust::Notification::new()
        .appname("imbox")
        .summary(&note.title)
        .body(&escape_markup(&note.body))
        .show()
        .map(drop)
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_a_message_stays_text() {
        assert_eq!(
            escape_markup("<a href=\"https://evil.example\">pay</a> & <img src=x>"),
            "&lt;a href=\"https://evil.example\"&gt;pay&lt;/a&gt; &amp; &lt;img src=x&gt;"
        );
    }
}

#[cfg(test)]
mod bus_tests {
    use super::*;

    /// Runs in a child process of the test binary (the session bus address is process-wide):
    /// with a bus address that leads nowhere, the notification fails and says so.
    #[test]
    fn child_without_a_bus() {
        if std::env::var_os("IMBOX_ALERT_TEST_CHILD").is_none() {
            return;
        }
        let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
        let note = AlertNote { title: "t".into(), body: "b".into() };
        let answer = rt.block_on(execute(AlertCommand::Desktop(note.clone())));
        match answer {
            Some(Action::Alert(AlertAction::DesktopFailed { note: n, error })) => {
                assert_eq!(n, note);
                println!("FAILED-OVER: {error}");
            }
            other => panic!("expected a failure, got {other:?}"),
        }
    }

    #[test]
    fn without_a_session_bus_the_desktop_notification_fails_over_with_its_note() {
        let out = std::process::Command::new(std::env::current_exe().expect("test binary"))
            .args(["--exact", "effects::alert::bus_tests::child_without_a_bus", "--nocapture"])
            .env("IMBOX_ALERT_TEST_CHILD", "1")
            .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/imbox-test-bus")
            .env_remove("XDG_RUNTIME_DIR")
            .output()
            .expect("run the child");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && text.contains("FAILED-OVER: "),
            "{text}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
