//! Drafts on disk: the edit form's in `data_dir/drafts/<contact-id>.json`, the composer's in
//! `data_dir/replies/<conversation-id>.json`; the directories 0700 and the files 0600 (a draft
//! holds customer data), written atomically (temp file, fsync, rename) so a crash mid-write
//! leaves the previous draft, never half a file.
//!
//! Draft commands carry a sequence number: jobs run concurrently, and a write that was
//! scheduled earlier must never land after a later write or delete of the same draft.

use crate::action::compose::ReplyDraft;
use crate::action::form::Draft;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use std::fs::{self, DirBuilder, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The newest sequence number applied per draft file; held while writing, so draft file
/// operations of this process are serialised.
static APPLIED: Mutex<Option<HashMap<PathBuf, u64>>> = Mutex::new(None);

/// Where the edit form's drafts live under the data directory.
const CONTACT_DIR: &str = "drafts";
/// Where the composer's drafts live under the data directory.
const REPLY_DIR: &str = "replies";

/// The draft file name for an id: characters other than ASCII letters, digits, `-` and `_`
/// become `_`, so an id can never name a path outside its drafts directory.
pub fn file_name(id: &str) -> String {
    let safe: String = id
        .chars()
        .take(128)
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' })
        .collect();
    format!("{}.json", if safe.is_empty() { "_" } else { &safe })
}

/// Where a contact's draft lives under `data_dir`.
pub fn path(data_dir: &Path, contact_id: &str) -> PathBuf {
    data_dir.join(CONTACT_DIR).join(file_name(contact_id))
}

/// Where a conversation's reply draft of `account` lives under `data_dir`:
/// `replies/<account>/<conversation>.json` (both names made safe by [`file_name`]).
pub fn reply_path(data_dir: &Path, account: &str, conversation_id: &str) -> PathBuf {
    let dir = data_dir.join(REPLY_DIR);
    let dir = if account.is_empty() { dir } else { dir.join(file_name(account).trim_end_matches(".json")) };
    dir.join(file_name(conversation_id))
}

/// Reads a JSON draft file; `Ok(None)` when there is none.
pub(super) fn read<T: DeserializeOwned>(p: &Path) -> Result<Option<T>, String> {
    let bytes = match fs::read(p) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("{}: {e}", p.display())),
    };
    serde_json::from_slice(&bytes).map(Some).map_err(|e| format!("{}: not a draft ({e})", p.display()))
}

/// Reads a contact's draft; `Ok(None)` when there is none (or it belongs to another contact
/// whose id sanitizes to the same name).
pub fn load(data_dir: &Path, contact_id: &str) -> Result<Option<Draft>, String> {
    let Some(mut draft) = read::<Draft>(&path(data_dir, contact_id))? else { return Ok(None) };
    if draft.contact_id != contact_id {
        return Ok(None);
    }
    // The file is ours, but it is read back onto the screen: treat its text like any input.
    draft.saved_at = imbox_api::sanitize::line(&draft.saved_at);
    Ok(Some(draft))
}

/// Reads a conversation's reply draft; `Ok(None)` when there is none (or it belongs to another
/// conversation whose id sanitizes to the same name).
pub fn load_reply(
    data_dir: &Path,
    account: &str,
    conversation_id: &str,
) -> Result<Option<ReplyDraft>, String> {
    let Some(mut draft) = read::<ReplyDraft>(&reply_path(data_dir, account, conversation_id))? else {
        return Ok(None);
    };
    if draft.conversation_id != conversation_id {
        return Ok(None);
    }
    // Read back onto the screen: the text like any typed input (line breaks and tabs kept),
    // the rest like any single line.
    draft.saved_at = imbox_api::sanitize::line(&draft.saved_at);
    draft.draft.text = imbox_api::sanitize::text(&draft.draft.text);
    for u in &mut draft.unsent {
        u.content = imbox_api::sanitize::text(&u.content);
    }
    Ok(Some(draft))
}

/// Runs `op` on a draft file unless a newer sequence number was already applied to it.
fn ordered(file: PathBuf, seq: u64, op: impl FnOnce(&Path) -> io::Result<()>) -> Result<(), String> {
    // A poisoned lock only means another draft write panicked; the map is still usable.
    let mut guard = APPLIED.lock().unwrap_or_else(|e| e.into_inner());
    let map = guard.get_or_insert_with(HashMap::new);
    if map.get(&file).is_some_and(|&done| done > seq) {
        return Ok(());
    }
    op(&file).map_err(|e| format!("{}: {e}", file.display()))?;
    map.insert(file, seq);
    Ok(())
}

/// Writes a contact's draft (stamping `saved_at` with the current time).
pub fn save(data_dir: &Path, seq: u64, mut draft: Draft) -> Result<(), String> {
    draft.saved_at = jiff::Timestamp::now().to_string();
    write(data_dir, path(data_dir, &draft.contact_id), seq, &draft)
}

/// Writes a conversation's reply draft of `account` (stamping `saved_at` with the current time).
pub fn save_reply(data_dir: &Path, account: &str, seq: u64, mut draft: ReplyDraft) -> Result<(), String> {
    draft.saved_at = jiff::Timestamp::now().to_string();
    write(data_dir, reply_path(data_dir, account, &draft.conversation_id), seq, &draft)
}

/// Writes `value` as JSON to `file` atomically, 0600 in a 0700 directory.
pub(super) fn write<T: Serialize>(data_dir: &Path, file: PathBuf, seq: u64, value: &T) -> Result<(), String> {
    let body = serde_json::to_vec_pretty(value).map_err(|e| e.to_string())?;
    ordered(file, seq, |file| {
        let dir = file.parent().unwrap_or(data_dir);
        DirBuilder::new().recursive(true).mode(0o700).create(dir)?;
        let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
        let mut f = OpenOptions::new().write(true).create(true).truncate(true).mode(0o600).open(&tmp)?;
        f.write_all(&body)?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, file)
    })
}

/// Deletes a contact's draft, if there is one.
pub fn delete(data_dir: &Path, seq: u64, contact_id: &str) -> Result<(), String> {
    remove(path(data_dir, contact_id), seq)
}

/// Deletes a conversation's reply draft, if there is one.
pub fn delete_reply(data_dir: &Path, account: &str, seq: u64, conversation_id: &str) -> Result<(), String> {
    remove(reply_path(data_dir, account, conversation_id), seq)
}

fn remove(file: PathBuf, seq: u64) -> Result<(), String> {
    ordered(file, seq, |file| match fs::remove_file(file) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    })
}
