//! The system opener (`xdg-open`, `open` on macOS): whether it exists, and handing it a URL.

use crate::action::details::opener_name;
use std::path::Path;

/// Whether the system opener is an executable file in a `PATH` directory.
pub(super) fn on_path() -> bool {
    let name = opener_name();
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|d| is_executable(&d.join(name))))
}

fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// Hands a URL to the system opener, detached, output discarded so nothing reaches the terminal
/// the UI is drawing on (never blocks: the opener is not waited for).
pub(super) fn open(url: &str) {
    let opener = opener_name();
    let spawned = std::process::Command::new(opener)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if let Err(e) = spawned {
        tracing::warn!("could not start {opener}: {e}");
    }
}
