//! The OS keyring (Secret Service on Linux/BSD, Keychain on macOS, Credential Manager on
//! Windows), through the `keyring` crate: service `imbox`, user = the profile name.
//!
//! "Where one is available": on Linux/BSD a secret service needs a D-Bus session. When neither
//! `DBUS_SESSION_BUS_ADDRESS` nor `$XDG_RUNTIME_DIR/bus` exists (CI, containers, ssh sessions)
//! the keyring is skipped without being touched. Otherwise every call runs on a thread of its
//! own and is given [`TIMEOUT`]: a locked or wedged keyring daemon makes imbox fall through to
//! the token file instead of hanging (the stuck thread is left to finish on its own).

use imbox_api::Secret;
use std::ffi::OsString;
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

/// The keyring service name.
pub const SERVICE: &str = "imbox";
/// Longest wait for one keyring call.
pub const TIMEOUT: Duration = Duration::from_secs(2);

/// Whether a keyring may be reachable, judged from the environment only (nothing is contacted).
/// `env` looks a variable up; [`reachable`] passes the process environment.
pub fn reachable_with(env: impl Fn(&str) -> Option<OsString>) -> bool {
    if cfg!(any(target_os = "macos", target_os = "windows")) {
        return true;
    }
    if !cfg!(unix) {
        return false;
    }
    let set = |name: &str| env(name).filter(|v| !v.is_empty());
    if set("DBUS_SESSION_BUS_ADDRESS").is_some() {
        return true;
    }
    set("XDG_RUNTIME_DIR").is_some_and(|dir| Path::new(&dir).join("bus").exists())
}

/// Whether a keyring may be reachable in this process's environment.
pub fn reachable() -> bool {
    reachable_with(|name| std::env::var_os(name))
}

/// Runs `f` on its own thread and waits at most [`TIMEOUT`] for it.
fn bounded<T: Send + 'static>(f: impl FnOnce() -> Result<T, String> + Send + 'static) -> Result<T, String> {
    let (tx, rx) = mpsc::channel();
    let spawned = std::thread::Builder::new().name("imbox-keyring".into()).spawn(move || {
        let _ = tx.send(f());
    });
    if let Err(e) = spawned {
        return Err(format!("cannot start the keyring thread: {e}"));
    }
    rx.recv_timeout(TIMEOUT).unwrap_or_else(|_| Err("the keyring did not answer in time".into()))
}

/// The token stored for `profile`: `None` when the keyring is unreachable, slow, or has none.
/// Never fails loudly: the keyring is one optional place among several.
pub fn lookup(profile: &str) -> Option<Secret> {
    if !reachable() {
        return None;
    }
    let user = profile.to_string();
    match bounded(move || {
        let entry = keyring::Entry::new(SERVICE, &user).map_err(|e| e.to_string())?;
        match entry.get_password() {
            Ok(p) => Ok(Some(p)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(e.to_string()),
        }
    }) {
        Ok(Some(p)) if !p.trim().is_empty() => Some(Secret::new(p.trim())),
        Ok(_) => None,
        Err(e) => {
            tracing::debug!("keyring lookup skipped: {e}");
            None
        }
    }
}

/// Stores `token` for `profile`; an error says why the keyring could not take it.
pub fn store(profile: &str, token: &Secret) -> Result<(), String> {
    if !reachable() {
        return Err("no keyring is reachable (no D-Bus session)".into());
    }
    let (user, token) = (profile.to_string(), token.clone());
    bounded(move || {
        let entry = keyring::Entry::new(SERVICE, &user).map_err(|e| e.to_string())?;
        entry.set_password(token.expose()).map_err(|e| e.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(all(unix, not(target_os = "macos")))]
    fn without_a_session_bus_the_keyring_is_not_reachable() {
        let dir = tempfile::tempdir().expect("tempdir");
        let runtime = dir.path().as_os_str().to_owned();
        let env = |n: &str| (n == "XDG_RUNTIME_DIR").then(|| runtime.clone());
        assert!(!reachable_with(env), "no bus socket in the runtime dir");
        assert!(!reachable_with(|_| None));
        assert!(!reachable_with(|n| (n == "DBUS_SESSION_BUS_ADDRESS").then(OsString::new)), "empty is unset");
        std::fs::write(dir.path().join("bus"), "").expect("fake socket");
        assert!(reachable_with(env));
        assert!(reachable_with(|n| (n == "DBUS_SESSION_BUS_ADDRESS").then(|| "unix:path=/x".into())));
    }

    #[test]
    fn a_slow_keyring_is_given_up_on() {
        let started = std::time::Instant::now();
        let r: Result<(), String> = bounded(|| {
            std::thread::sleep(Duration::from_secs(30));
            Ok(())
        });
        assert!(r.is_err(), "given up on after TIMEOUT ({:?})", started.elapsed());
    }
}
