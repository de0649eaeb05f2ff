//! Composing in the user's own editor: the draft goes into a private temporary file (0600, in
//! the data directory so it never lands in a shared `/tmp`), `$VISUAL` (else `$EDITOR`, else
//! `vi`) runs on it with the terminal, and the text comes back. The file is removed afterwards
//! whatever happened.
//!
//! Blocking by design: the app loop gives the terminal to the editor and waits, the way `git
//! commit` does; API jobs keep running on the runtime meanwhile.

use std::fs::{self, DirBuilder, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The editor command: `$VISUAL`, else `$EDITOR`, else `vi` (as git and mutt choose).
pub fn editor_command() -> String {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string())
}

/// Removes the file when dropped, so an editor that fails or a panic leaves nothing behind.
struct TempFile(PathBuf);

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.0);
    }
}

/// Writes `text` to a new 0600 file under `dir`, runs the editor on it and returns what it
/// holds when the editor exits successfully. The editor command may carry arguments
/// (`code --wait`): it runs through `sh -c` with the file as its last argument.
pub fn edit(dir: &Path, text: &str) -> Result<String, String> {
    DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?;
    let nanos = jiff::Timestamp::now().as_nanosecond();
    let path = dir.join(format!("imbox-reply-{}-{nanos}.md", std::process::id()));
    let file = TempFile(path.clone());
    let mut f = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&path)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    f.write_all(text.as_bytes())
        .and_then(|()| f.sync_all())
        .map_err(|e| format!("{}: {e}", path.display()))?;
    drop(f);
    let editor = editor_command();
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("imbox-editor")
        .arg(&path)
        .status()
        .map_err(|e| format!("could not start {editor}: {e}"))?;
    if !status.success() {
        return Err(format!("{editor} exited with {status}; the draft is unchanged"));
    }
    let edited = fs::read_to_string(&file.0).map_err(|e| format!("{}: {e}", path.display()))?;
    // Editors end the last line with a newline; a chat message does not.
    Ok(edited.trim_end_matches(['\n', '\r']).to_string())
}
