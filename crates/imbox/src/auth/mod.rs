//! The one home of credentials: where the access token comes from, how it is kept, and how it
//! is typed.
//!
//! Lookup order: `IMBOX_TOKEN`, then the profile's `token_command`, then the OS keyring where one
//! is reachable (see [`keyring`]), then the token file. A token is never taken from the command
//! line, where `ps` would show it to every user of the machine.
//!
//! Secret files are created 0600 inside a 0700 directory and written atomically (temp file +
//! rename), and a token file that other users can read is refused rather than used.
//!
//! - this file: token sources, lookup and storing; [`keyring`]: the OS keyring with a timeout;
//!   [`prompt`]: reading a token from the terminal without echo (`imbox login`).

pub mod keyring;
pub mod prompt;

use crate::config::{Paths, Profile, TokenStore};
use imbox_api::Secret;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Where a token was found (for messages; never the token itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenSource {
    /// The `IMBOX_TOKEN` environment variable.
    Env,
    /// The profile's `token_command`.
    Command,
    /// The OS keyring.
    Keyring,
    /// A token file.
    File(PathBuf),
}

/// Why no token could be had.
#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    /// Nothing configured gave a token.
    #[error("no access token for {profile}: run `{login}`, set IMBOX_TOKEN, or add a token_command")]
    Missing {
        /// The profile, as the user named it (`profile "work"`, or the server of `--base-url`).
        profile: String,
        /// The `imbox login …` command that stores a token for exactly this account, as it must
        /// be typed (a `--base-url` account has no profile name to give).
        login: String,
    },
    /// `IMBOX_TOKEN` is set to bytes that are not UTF-8 (no token is).
    #[error(
        "IMBOX_TOKEN is set but is not valid UTF-8 text: check how it was exported (a token is plain ASCII)"
    )]
    NotUnicode,
    /// The token command failed.
    #[error("token_command failed: {0}")]
    Command(String),
    /// `token_store = "keyring"` but the keyring could not take the token.
    #[error("the OS keyring could not store the token: {0}")]
    Keyring(String),
    /// The token file is readable by others.
    #[error("{path} is readable by other users (mode {mode:o}); run `chmod 600 {path}` and try again")]
    Insecure {
        /// The file.
        path: String,
        /// Its permission bits.
        mode: u32,
    },
    /// Reading or writing a secret file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
}

/// `word` as one shell word: as it is when it needs no quoting, else in single quotes.
pub fn shell_word(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/' | ':' | '@' | '='));
    if plain { word.to_string() } else { format!("'{}'", word.replace('\'', "'\\''")) }
}

fn io_err(path: &Path, source: std::io::Error) -> TokenError {
    TokenError::Io { path: path.display().to_string(), source }
}

/// Finds the token for `profile`, in the documented order.
pub fn resolve(profile: &Profile, paths: &Paths) -> Result<(Secret, TokenSource), TokenError> {
    let env = match std::env::var("IMBOX_TOKEN") {
        Ok(t) => Some(t),
        Err(std::env::VarError::NotPresent) => None,
        // Set but not text: taking it as unset would send the user looking for a missing token.
        Err(std::env::VarError::NotUnicode(_)) => return Err(TokenError::NotUnicode),
    };
    resolve_with(profile, paths, env.as_deref(), &keyring::lookup)
}

/// [`resolve`] with the environment token and the keyring lookup passed in (for tests).
pub fn resolve_with(
    profile: &Profile,
    paths: &Paths,
    env_token: Option<&str>,
    keyring: &dyn Fn(&str) -> Option<Secret>,
) -> Result<(Secret, TokenSource), TokenError> {
    if let Some(t) = env_token.map(str::trim).filter(|t| !t.is_empty()) {
        return Ok((Secret::new(t), TokenSource::Env));
    }
    if let Some(cmd) = profile.token_command.as_deref().filter(|c| !c.trim().is_empty()) {
        return run_token_command(cmd).map(|t| (t, TokenSource::Command));
    }
    if profile.token_store != Some(TokenStore::File)
        && let Some(t) = keyring(&profile.name)
    {
        return Ok((t, TokenSource::Keyring));
    }
    let file = profile.token_file.clone().unwrap_or_else(|| paths.token_file(&profile.name));
    // imbox's own tokens directory is checked before a token is read from it; a token_file the
    // user placed elsewhere is judged by the file's own mode only.
    if profile.token_file.is_none()
        && let Some(dir) = file.parent().filter(|d| d.exists())
    {
        secure_dir(dir).map_err(|e| io_err(dir, e))?;
    }
    match read_secret_file(&file)? {
        Some(t) => Ok((t, TokenSource::File(file))),
        None => Err(TokenError::Missing {
            profile: format!("profile {:?}", profile.name),
            login: format!("imbox login --profile {}", shell_word(&profile.name)),
        }),
    }
}

/// Runs `cmd` with `sh -c` and takes the first line of its output as the token. Its stderr is
/// captured (never shown raw on the UI's terminal) and summarised in the error.
pub fn run_token_command(cmd: &str) -> Result<Secret, TokenError> {
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(cmd)
        .stdin(std::process::Stdio::null())
        .output()
        .map_err(|e| TokenError::Command(format!("cannot run sh: {e}")))?;
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let first = imbox_api::sanitize::line(stderr.lines().next().unwrap_or(""));
        return Err(TokenError::Command(format!("exited with {}: {first}", out.status)));
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    let token = stdout.lines().next().unwrap_or("").trim().to_string();
    if token.is_empty() {
        return Err(TokenError::Command("printed nothing".into()));
    }
    Ok(Secret::new(token))
}

/// Reads a secret file: `None` when it does not exist; an error when others can read it.
pub fn read_secret_file(path: &Path) -> Result<Option<Secret>, TokenError> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_err(path, e)),
    };
    check_private(path, &meta)?;
    let text = std::fs::read_to_string(path).map_err(|e| io_err(path, e))?;
    let token = text.trim();
    Ok((!token.is_empty()).then(|| Secret::new(token)))
}

#[cfg(unix)]
fn check_private(path: &Path, meta: &std::fs::Metadata) -> Result<(), TokenError> {
    use std::os::unix::fs::PermissionsExt;
    let mode = meta.permissions().mode() & 0o777;
    if mode & 0o077 != 0 {
        return Err(TokenError::Insecure { path: path.display().to_string(), mode });
    }
    Ok(())
}

#[cfg(not(unix))]
fn check_private(_path: &Path, _meta: &std::fs::Metadata) -> Result<(), TokenError> {
    Ok(())
}

/// Creates `dir` (and parents) with mode 0700 where it does not exist yet, and makes an existing
/// one private (see [`secure_dir`]).
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)?;
        secure_dir(dir).map(|_| ())
    }
    #[cfg(not(unix))]
    {
        std::fs::create_dir_all(dir)
    }
}

/// Makes sure a directory of secrets is ours and private: one that others may enter or write
/// (an existing tokens directory made 0777 by a careless `chmod -R`, or created by another tool)
/// is set to 0700 with a warning, since whoever can write there can swap the token file; one owned
/// by another user is refused. Returns whether the mode was changed.
#[cfg(unix)]
pub fn secure_dir(dir: &Path) -> std::io::Result<bool> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let meta = std::fs::symlink_metadata(dir)?;
    if !meta.is_dir() {
        return Err(std::io::Error::other(format!("{} is not a directory", dir.display())));
    }
    // SAFETY: getuid has no preconditions and cannot fail.
    let me = unsafe { libc::getuid() };
    if meta.uid() != me {
        return Err(std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            format!(
                "{} belongs to another user (uid {}); imbox keeps its private files (tokens, cache) only in a directory of its own user",
                dir.display(),
                meta.uid()
            ),
        ));
    }
    let mode = meta.permissions().mode() & 0o777;
    if mode & 0o077 == 0 {
        return Ok(false);
    }
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    tracing::warn!(dir = %dir.display(), mode = format!("{mode:o}"), "private directory (tokens, cache) was open to others; set to 0700");
    Ok(true)
}

/// Non-Unix systems have no mode bits to check.
#[cfg(not(unix))]
pub fn secure_dir(_dir: &Path) -> std::io::Result<bool> {
    Ok(false)
}

/// Writes `contents` to `path` atomically with mode 0600, creating a 0700 parent directory.
pub fn write_private_file(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    create_private_dir(dir)?;
    let tmp = dir.join(format!(
        ".{}.tmp{}",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("secret"),
        std::process::id()
    ));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let result = (|| {
        let mut f = options.open(&tmp)?;
        f.write_all(contents)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Stores a token in a profile's token file.
pub fn store(path: &Path, token: &Secret) -> Result<(), TokenError> {
    write_private_file(path, format!("{}\n", token.expose()).as_bytes()).map_err(|e| io_err(path, e))
}

/// Where [`save`] keeps a profile's token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenTarget {
    /// The profile name (the keyring user).
    pub profile: String,
    /// The token file used when the keyring is not.
    pub file: PathBuf,
    /// The profile's `token_store` choice.
    pub store: Option<TokenStore>,
}

impl TokenTarget {
    /// The target for `profile`: its own token file, or the default one under `paths`.
    pub fn for_profile(profile: &Profile, paths: &Paths) -> TokenTarget {
        TokenTarget {
            profile: profile.name.clone(),
            file: profile.token_file.clone().unwrap_or_else(|| paths.token_file(&profile.name)),
            store: profile.token_store,
        }
    }
}

/// Stores `token` as `target` says: the OS keyring when reachable (unless `token_store = "file"`),
/// else the 0600 token file (unless `token_store = "keyring"`). Returns where, in words.
pub fn save(target: &TokenTarget, token: &Secret) -> Result<String, TokenError> {
    save_with(target, token, &keyring::store)
}

/// [`save`] with the keyring store passed in (for tests).
pub fn save_with(
    target: &TokenTarget,
    token: &Secret,
    keyring: &dyn Fn(&str, &Secret) -> Result<(), String>,
) -> Result<String, TokenError> {
    if target.store != Some(TokenStore::File) {
        match keyring(&target.profile, token) {
            Ok(()) => {
                return Ok(format!("the OS keyring ({} / {})", keyring::SERVICE, target.profile));
            }
            Err(e) if target.store == Some(TokenStore::Keyring) => {
                return Err(TokenError::Keyring(e));
            }
            Err(e) => tracing::info!("keyring not used: {e}; storing in the token file"),
        }
    }
    store(&target.file, token)?;
    Ok(format!("{} (mode 0600)", target.file.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn stored_tokens_are_private_and_read_back() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("tokens/work.token");
        store(&path, &Secret::new("acc_123")).expect("store");
        let mode = std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let dmode =
            std::fs::metadata(path.parent().expect("parent")).expect("meta").permissions().mode() & 0o777;
        assert_eq!(dmode, 0o700);
        assert_eq!(
            read_secret_file(&path).expect("read").map(|s| s.expose().to_string()),
            Some("acc_123".into())
        );
    }

    #[test]
    fn an_open_token_directory_is_made_private_before_use() {
        let dir = tempfile::tempdir().expect("tempdir");
        let tokens = dir.path().join("tokens");
        std::fs::create_dir(&tokens).expect("mkdir");
        std::fs::set_permissions(&tokens, std::fs::Permissions::from_mode(0o777)).expect("chmod");
        store(&tokens.join("a.token"), &Secret::new("acc_1")).expect("stored after fixing");
        let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode(&tokens), 0o700, "an existing 0777 directory is made private when writing");
        std::fs::set_permissions(&tokens, std::fs::Permissions::from_mode(0o757)).expect("chmod");
        assert!(secure_dir(&tokens).expect("ours"), "a 0757 directory is fixed");
        assert_eq!(mode(&tokens), 0o700, "and when reading");
        assert!(!secure_dir(&tokens).expect("ours"), "a private one is left alone");
        let not_dir = tokens.join("a.token");
        assert!(secure_dir(&not_dir).is_err(), "a file is not a token directory");
    }

    #[test]
    fn a_world_readable_token_file_is_refused_with_a_clear_message() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("t");
        std::fs::write(&path, "acc_leaky").expect("write");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        let err = read_secret_file(&path).expect_err("refused");
        let msg = err.to_string();
        assert!(msg.contains("chmod 600") && !msg.contains("acc_leaky"), "{msg}");
    }

    fn no_keyring(_: &str) -> Option<Secret> {
        None
    }

    #[test]
    fn the_lookup_order_is_env_command_keyring_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let paths = Paths {
            config_file: dir.path().join("c.toml"),
            data_dir: dir.path().join("data"),
            state_dir: dir.path().join("state"),
            cache_dir: dir.path().join("cache"),
        };
        let mut p = Profile { name: "work".into(), ..Profile::default() };
        let file = paths.token_file("work");
        store(&file, &Secret::new("acc_file")).expect("store");
        let keyring = |user: &str| (user == "work").then(|| Secret::new("acc_keyring"));
        let got = |p: &Profile, env: Option<&str>, k: &dyn Fn(&str) -> Option<Secret>| {
            let (t, src) = resolve_with(p, &paths, env, k).expect("a token");
            (t.expose().to_string(), src)
        };
        assert_eq!(got(&p, Some("acc_env"), &keyring), ("acc_env".into(), TokenSource::Env));
        assert_eq!(got(&p, None, &keyring), ("acc_keyring".into(), TokenSource::Keyring));
        // No keyring reachable (the case in CI): straight on to the file.
        assert_eq!(got(&p, None, &no_keyring), ("acc_file".into(), TokenSource::File(file.clone())));
        p.token_store = Some(TokenStore::File);
        assert_eq!(got(&p, None, &keyring), ("acc_file".into(), TokenSource::File(file)));
        p.token_command = Some("echo acc_cmd".into());
        assert_eq!(got(&p, Some(" "), &keyring), ("acc_cmd".into(), TokenSource::Command));
    }

    #[test]
    fn the_real_lookup_falls_through_without_a_session_bus() {
        // This machine and CI have no D-Bus session; where one exists the call is bounded anyway.
        if !keyring::reachable() {
            assert!(keyring::lookup("imbox-test-no-such-profile").is_none());
        }
    }

    #[test]
    fn saving_prefers_the_keyring_and_falls_back_to_the_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut target =
            TokenTarget { profile: "work".into(), file: dir.path().join("work.token"), store: None };
        let token = Secret::new("acc_new");
        let ok = |_: &str, _: &Secret| Ok(());
        let down = |_: &str, _: &Secret| Err("no keyring".to_string());
        assert!(save_with(&target, &token, &ok).expect("saved").contains("keyring"));
        assert!(!target.file.exists());
        let place = save_with(&target, &token, &down).expect("saved");
        assert!(place.contains("0600") && !place.contains("acc_new"), "{place}");
        assert_eq!(
            read_secret_file(&target.file).expect("read").map(|s| s.expose().to_string()),
            Some("acc_new".into())
        );
        target.store = Some(TokenStore::Keyring);
        assert!(save_with(&target, &token, &down).is_err(), "keyring insisted on");
        target.store = Some(TokenStore::File);
        let never = |_: &str, _: &Secret| -> Result<(), String> { panic!("keyring touched") };
        assert!(save_with(&target, &token, &never).expect("saved").contains("0600"));
    }

    #[test]
    fn token_commands_give_their_first_line_or_a_clean_error() {
        assert_eq!(run_token_command("printf 'acc_cmd\\nignored'").expect("ok").expose(), "acc_cmd");
        let err = run_token_command("echo nope >&2; exit 3").expect_err("fails").to_string();
        assert!(err.contains("nope") && err.contains("3"), "{err}");
        assert!(run_token_command("true").is_err(), "empty output is no token");
    }
}
