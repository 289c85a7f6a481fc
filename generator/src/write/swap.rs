//! Replacing an output folder as a whole.
//!
//! The new folder is built beside the old one (`.<name>.staging-<pid>-…`),
//! complete, then swapped in with one `renameat2(RENAME_EXCHANGE)` (macOS:
//! `RENAME_SWAP`), so a reader, a concurrent run or a run killed at any
//! moment sees the old folder or the new one, never a mix. Unchanged files
//! are hard links to the old ones, so their modification times stay, and
//! whatever else the folder holds (hand-written files, other folders) is
//! carried over as it is.
//!
//! Where the parent folder cannot take the staging folder (read-only, or
//! another file system), the caller falls back to replacing file by file.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Why the folder could not be replaced as a whole.
pub(super) enum Failed {
    /// Not possible here: the caller writes file by file instead.
    Unsupported,
    /// It failed; the old folder is as it was.
    Error(Error),
}

impl From<Error> for Failed {
    fn from(error: Error) -> Self {
        Failed::Error(error)
    }
}

/// Replaces `dir` with a folder holding `files`: those named in `fresh`
/// written anew, the others linked from the old folder; generated files
/// that `files` lacks (`orphans`) left out; anything else carried over.
pub(super) fn replace(
    dir: &Path,
    files: &BTreeMap<String, String>,
    fresh: &BTreeSet<&str>,
    orphans: &BTreeSet<String>,
) -> std::result::Result<(), Failed> {
    // Through a link to the output folder, not over the link.
    let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_owned());
    let (Some(parent), Some(name)) = (dir.parent(), dir.file_name().and_then(|n| n.to_str()))
    else {
        return Err(Failed::Unsupported);
    };
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    remove_abandoned(parent, name);
    let prefix = staging_prefix(name, std::process::id());
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix);
    if let Some(permissions) = folder_permissions(&dir, parent) {
        builder.permissions(permissions);
    }
    let staging = builder
        .tempdir_in(parent)
        .map_err(|e| unsupported_or(parent, e))?;
    let new = staging.path();
    if dir.is_dir() {
        for entry in std::fs::read_dir(&dir).map_err(|e| Error::io(&dir, e))? {
            let entry = entry.map_err(|e| Error::io(&dir, e))?;
            let entry_name = entry.file_name();
            let key = entry_name.to_str().unwrap_or_default();
            let ours = files.contains_key(key) || orphans.contains(key);
            if ours && (fresh.contains(key) || orphans.contains(key)) {
                continue;
            }
            carry(&entry.path(), &new.join(&entry_name))?;
        }
    }
    for name in fresh {
        let path = new.join(name);
        write_new(&path, &files[*name], &dir.join(name)).map_err(|e| Error::io(&path, e))?;
    }
    sync_folder(new)?;
    exchange(new, &dir)?;
    // `staging` now names the old folder; dropping it removes it.
    drop(staging);
    Ok(())
}

fn staging_prefix(name: &str, pid: u32) -> String {
    format!(".{name}.staging-{pid}-")
}

/// Removes staging folders that runs killed midway left beside `name`:
/// those whose process is gone.
fn remove_abandoned(parent: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let prefix = format!(".{name}.staging-");
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(rest) = file_name.to_str().and_then(|n| n.strip_prefix(&prefix)) else {
            continue;
        };
        let pid = rest.split('-').next().and_then(|p| p.parse::<u32>().ok());
        if pid.is_some_and(|pid| !alive(pid)) {
            // Another run may remove it at the same moment; either is fine.
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

#[cfg(unix)]
fn alive(pid: u32) -> bool {
    let Some(pid) = i32::try_from(pid)
        .ok()
        .and_then(rustix::process::Pid::from_raw)
    else {
        return false;
    };
    // EPERM: it exists, owned by someone else.
    !matches!(
        rustix::process::test_kill_process(pid),
        Err(rustix::io::Errno::SRCH)
    )
}

#[cfg(not(unix))]
fn alive(pid: u32) -> bool {
    // No portable test: only this process is known to be alive.
    pid == std::process::id()
}

/// The permissions of the old folder, or of a new one (under the umask).
fn folder_permissions(dir: &Path, parent: &Path) -> Option<std::fs::Permissions> {
    match std::fs::metadata(dir) {
        Ok(metadata) => Some(metadata.permissions()),
        Err(_) => new_folder_permissions(parent),
    }
}

#[cfg(unix)]
fn new_folder_permissions(_parent: &Path) -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(std::fs::Permissions::from_mode(0o777))
}

#[cfg(not(unix))]
fn new_folder_permissions(parent: &Path) -> Option<std::fs::Permissions> {
    let mut permissions = std::fs::metadata(parent).ok()?.permissions();
    permissions.set_readonly(false);
    Some(permissions)
}

/// A failure to create the staging folder: a reason to write file by file
/// when the parent folder will not take it, an error otherwise.
fn unsupported_or(parent: &Path, e: io::Error) -> Failed {
    match e.kind() {
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => Failed::Unsupported,
        _ => Failed::Error(Error::io(parent, e)),
    }
}

/// Puts what `from` is at `to`: a file as a hard link (same contents, same
/// modification time), a folder recreated with its contents, a link as a link.
fn carry(from: &Path, to: &Path) -> Result<()> {
    let metadata = std::fs::symlink_metadata(from).map_err(|e| Error::io(from, e))?;
    let kind = metadata.file_type();
    if kind.is_dir() {
        std::fs::create_dir(to).map_err(|e| Error::io(to, e))?;
        std::fs::set_permissions(to, metadata.permissions()).map_err(|e| Error::io(to, e))?;
        for entry in std::fs::read_dir(from).map_err(|e| Error::io(from, e))? {
            let entry = entry.map_err(|e| Error::io(from, e))?;
            carry(&entry.path(), &to.join(entry.file_name()))?;
        }
        return Ok(());
    }
    if kind.is_symlink() {
        let target = std::fs::read_link(from).map_err(|e| Error::io(from, e))?;
        return link(&target, to).map_err(|e| Error::io(to, e));
    }
    if std::fs::hard_link(from, to).is_ok() {
        return Ok(());
    }
    // A file system without hard links: a copy, with the old time.
    std::fs::copy(from, to).map_err(|e| Error::io(to, e))?;
    let modified = metadata.modified().map_err(|e| Error::io(from, e))?;
    std::fs::File::options()
        .write(true)
        .open(to)
        .and_then(|file| file.set_modified(modified))
        .map_err(|e| Error::io(to, e))
}

#[cfg(unix)]
fn link(target: &Path, at: &Path) -> io::Result<()> {
    std::os::unix::fs::symlink(target, at)
}

#[cfg(windows)]
fn link(target: &Path, at: &Path) -> io::Result<()> {
    std::os::windows::fs::symlink_file(target, at)
}

#[cfg(not(any(unix, windows)))]
fn link(_target: &Path, _at: &Path) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

/// Writes a new file at `path`, with the permissions `old` has if it exists.
fn write_new(path: &Path, text: &str, old: &Path) -> io::Result<()> {
    let mut file = std::fs::File::create_new(path)?;
    if let Ok(old) = std::fs::metadata(old) {
        file.set_permissions(old.permissions())?;
    }
    file.write_all(text.as_bytes())?;
    file.sync_all()
}

#[cfg(unix)]
fn sync_folder(dir: &Path) -> Result<()> {
    std::fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| Error::io(dir, e))
}

#[cfg(not(unix))]
fn sync_folder(_dir: &Path) -> Result<()> {
    Ok(())
}

/// Puts the folder `new` at `dir`, and what was at `dir` (if anything) at `new`.
fn exchange(new: &Path, dir: &Path) -> Result<()> {
    if !dir.exists() {
        match std::fs::rename(new, dir) {
            Ok(()) => return Ok(()),
            // Another run created it meanwhile: swap with that one.
            Err(_) if dir.is_dir() => {}
            Err(e) => return Err(Error::io(dir, e)),
        }
    }
    #[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
    {
        use rustix::fs::{renameat_with, RenameFlags, CWD};
        match renameat_with(CWD, new, CWD, dir, RenameFlags::EXCHANGE) {
            Ok(()) => return Ok(()),
            // The file system cannot swap: move aside, then in.
            Err(rustix::io::Errno::INVAL | rustix::io::Errno::NOSYS) => {}
            Err(e) => return Err(Error::io(dir, e.into())),
        }
    }
    let aside = PathBuf::from(format!("{}.old", new.display()));
    std::fs::rename(dir, &aside).map_err(|e| Error::io(dir, e))?;
    if let Err(e) = std::fs::rename(new, dir) {
        // Put the old one back, so that nothing is lost.
        let _ = std::fs::rename(&aside, dir);
        return Err(Error::io(dir, e));
    }
    std::fs::rename(&aside, new).map_err(|e| Error::io(&aside, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abandoned_staging_folders_are_removed_and_live_ones_kept() {
        let parent = tempfile::tempdir().unwrap();
        // A process that has ended, so its pid is (for now) nobody's.
        let mut child = std::process::Command::new(std::env::current_exe().unwrap())
            .arg("--list")
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let dead = child.id();
        child.wait().unwrap();
        let abandoned = parent
            .path()
            .join(format!("{}x", staging_prefix("types", dead)));
        let live = parent
            .path()
            .join(format!("{}x", staging_prefix("types", std::process::id())));
        let other = parent
            .path()
            .join(format!("{}x", staging_prefix("other", dead)));
        for dir in [&abandoned, &live, &other] {
            std::fs::create_dir(dir).unwrap();
        }
        remove_abandoned(parent.path(), "types");
        assert!(!abandoned.exists());
        assert!(live.exists());
        assert!(other.exists(), "another folder's staging is not ours");
    }
}
