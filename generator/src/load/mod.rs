//! Stage 1: a folder of schema files → parsed, checked documents.
//!
//! The loader reads Wix's own dialect (draft-03 style: `"required": true` on
//! the property, `"type": "datetime"`) and standard JSON Schema (draft-07 and
//! 2020-12: `required` arrays, `$ref` into `definitions`/`$defs`, `format`)
//! alike. It fails with the file and JSON pointer of the first problem, and
//! it keeps repeated keys for the normalize stage to judge.

mod catalogue;
mod check;
pub mod json;
pub mod refs;

use std::fmt;
use std::path::{Path, PathBuf};

use serde_json::Value;

pub use catalogue::{Catalogue, Deprecated, Group};
pub use check::{ALIASES, EVENT_TYPE, EXPECTED, HANDLER, OPEN_ENUM, REST, REST_PATHS};
pub use json::DuplicateKey;

use crate::error::{Error, Result};

/// Every schema of a folder, in a stable order, with the folder's catalogue.
#[derive(Clone, Debug)]
pub struct Schemas {
    /// The folder they were read from.
    pub root: PathBuf,
    /// The schema files, sorted by relative path.
    pub files: Vec<SchemaFile>,
    /// `catalogue.json`: group docs, deprecated types, notifications.
    pub catalogue: Catalogue,
}

/// One schema file as read, before any repair.
#[derive(Clone, Debug)]
pub struct SchemaFile {
    /// The path relative to the schema folder, with `/` separators.
    pub path: String,
    /// What the file describes, from where it sits in the folder.
    pub role: Role,
    /// The dialect the file is written in.
    pub dialect: Dialect,
    /// The document; of repeated keys, the first.
    pub document: Value,
    /// The other occurrences of repeated keys.
    pub duplicates: Vec<DuplicateKey>,
}

/// What a schema file describes, decided by its place in the folder.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    /// `activities/<group>/<name>.json`: the `info` of activity type `<group>/<name>`.
    Activity {
        /// The wire name, `<group>/<name>`.
        wire_name: String,
    },
    /// `envelope/<name>.json`: a piece of the activity envelope.
    Envelope,
    /// A file that names its handler (`"x-wix-handler": "wixEcom_onCartCreated"`):
    /// a Wix backend event.
    Event {
        /// The handler name, `<app>_on<Event>`.
        handler: String,
        /// The event type Wix's webhooks and SDK name it by
        /// (`wix.ecom.v1.cart_created`), when the file names it.
        event_type: Option<String>,
        /// Where its REST form sends another shape than its SDK form.
        rest: RestPaths,
    },
    /// Any other file: a plain type.
    Plain,
}

/// The places an event's REST form (what a webhook carries) sends another
/// shape than its SDK form, as JSON pointers into the SDK form (`*` for
/// every item of an array), by kind.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct RestPaths {
    /// An image object (`{id, url, width, height, …}`) for the SDK's text.
    pub images: Vec<String>,
    /// A page-URL object (`{relativePath, url}`) for the SDK's text.
    pub page_urls: Vec<String>,
    /// An address with REST names (`addressLine`, `geocode`, `formattedAddress`).
    pub addresses: Vec<String>,
}

/// The schema dialect a file is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Dialect {
    /// Wix's published, draft-03 style dialect.
    Wix,
    /// Standard JSON Schema, draft-07 or 2020-12.
    Standard,
}

impl fmt::Display for Dialect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Dialect::Wix => "wix (draft-03 style)",
            Dialect::Standard => "standard JSON Schema",
        })
    }
}

/// A folder of types shared by the schemas beside it; it adds no module level.
pub const ENTITIES: &str = "entities";

/// The name of the optional file at the top of the folder that is not a schema.
pub const CATALOGUE: &str = "catalogue.json";

/// Reads every `*.json` file under `root` (recursively, in sorted order).
pub fn load(root: &Path) -> Result<Schemas> {
    let mut paths = Vec::new();
    collect(root, root, &mut paths)?;
    if paths.is_empty() {
        return Err(
            Error::schema(root, "", "no schema files (`*.json`) in this folder")
                .with_hint("point `schemas_dir` at the folder that holds the schema files"),
        );
    }
    let mut files = Vec::new();
    let mut catalogue = Catalogue::default();
    for relative in paths {
        let full = root.join(&relative);
        let text = std::fs::read(&full).map_err(|e| Error::io(&full, e))?;
        if relative == CATALOGUE {
            catalogue = catalogue::parse(&full, &text)?;
            continue;
        }
        files.push(read_schema(&full, relative, &text)?);
    }
    refs::check(root, &files)?;
    Ok(Schemas {
        root: root.to_owned(),
        files,
        catalogue,
    })
}

/// Parses and checks one schema file's text.
pub fn read_schema(full: &Path, relative: String, text: &[u8]) -> Result<SchemaFile> {
    let (document, duplicates) = json::parse(text).map_err(|e| Error::Json {
        file: full.to_owned(),
        line: e.line(),
        column: e.column(),
        message: strip_position(&e.to_string()),
    })?;
    check::document(full, &document)?;
    let handler = check::handler(full, &relative, &document)?;
    let event_type = check::event_type(full, &document)?;
    let rest = check::rest_paths(full, &document)?;
    let role = match handler {
        Some(handler) => Role::Event {
            handler,
            event_type,
            rest,
        },
        None => role_of(&relative),
    };
    Ok(SchemaFile {
        dialect: check::dialect(&document),
        path: relative,
        role,
        document,
        duplicates,
    })
}

fn role_of(relative: &str) -> Role {
    let parts: Vec<&str> = relative.split('/').collect();
    match parts.as_slice() {
        ["activities", group, file] => Role::Activity {
            wire_name: format!("{group}/{}", file.trim_end_matches(".json")),
        },
        ["envelope", _] => Role::Envelope,
        _ => Role::Plain,
    }
}

/// serde_json appends " at line L column C"; the error carries those apart.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message.to_owned(),
    }
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<String>) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut children = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        children.push(entry.path());
    }
    // read_dir order is the file system's; sort so every machine agrees.
    children.sort();
    for path in children {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            collect(root, &path, out)?;
        } else if name.ends_with(".json") {
            let relative = path.strip_prefix(root).unwrap_or(&path);
            let parts: Vec<String> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            out.push(parts.join("/"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_come_from_the_path() {
        assert_eq!(
            role_of("activities/hotels/purchase.json"),
            Role::Activity {
                wire_name: "hotels/purchase".into()
            }
        );
        assert_eq!(role_of("envelope/details.json"), Role::Envelope);
        assert_eq!(role_of("extra/thing.json"), Role::Plain);
    }
}
