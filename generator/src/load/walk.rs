//! The folder walk: which files are schemas, confined to the schema folder.
//!
//! Symbolic links are not followed. One that leads outside the folder would
//! read files nobody put in it (`$ref` is confined the same way); one that
//! leads inside it would read the same schemas twice under two names, and
//! two such links can make a walk that never ends.

use std::path::Path;

use crate::error::Error;

/// Adds to `out` the `/`-separated path, relative to `root`, of every
/// `*.json` file under `dir`, in sorted order; each problem goes to `errors`.
pub(super) fn collect(root: &Path, dir: &Path, out: &mut Vec<String>, errors: &mut Vec<Error>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => return errors.push(Error::io(dir, e)),
    };
    let mut children = Vec::new();
    for entry in entries {
        match entry.and_then(|entry| Ok((entry.path(), entry.file_type()?))) {
            Ok(child) => children.push(child),
            Err(e) => errors.push(Error::io(dir, e)),
        }
    }
    // read_dir order is the file system's; sort so every machine agrees.
    children.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, kind) in children {
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            errors.push(Error::file(&path, "the name is not UTF-8").with_hint(
                "schema files and folders are named in UTF-8, as they become Rust names",
            ));
            continue;
        };
        if name.starts_with('.') {
            continue;
        }
        if kind.is_symlink() {
            errors.push(link(root, &path));
        } else if kind.is_dir() {
            collect(root, &path, out, errors);
        } else if name.ends_with(".json") {
            if !kind.is_file() {
                errors.push(
                    Error::file(&path, "not a regular file")
                        .with_hint("a schema is a file; remove the device, pipe or socket"),
                );
                continue;
            }
            out.push(relative(root, &path));
        }
    }
}

/// What is wrong with the symbolic link at `path`.
fn link(root: &Path, path: &Path) -> Error {
    let target = std::fs::read_link(path)
        .map(|t| format!("`{}`", t.display()))
        .unwrap_or_else(|_| "an unreadable target".to_owned());
    let inside = match (std::fs::canonicalize(path), std::fs::canonicalize(root)) {
        (Ok(resolved), Ok(root)) => Some(resolved.starts_with(root)),
        // A link to nothing: not a schema either way.
        _ => None,
    };
    let (message, hint) = match inside {
        Some(true) => (
            format!("a symbolic link to {target}, inside the schema folder: its schemas would be read twice"),
            "remove the link; the folder holds what it points to already",
        ),
        Some(false) => (
            format!("a symbolic link to {target}, outside the schema folder, which is not read"),
            "copy the schemas into the folder, or point `schemas_dir` at a folder that holds them all",
        ),
        None => (
            format!("a symbolic link to {target}, which does not exist"),
            "remove the link",
        ),
    };
    Error::file(path, message).with_hint(hint)
}

fn relative(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}
