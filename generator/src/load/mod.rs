//! Stage 1: a folder of schema files → parsed, checked documents.
//!
//! The loader reads Wix's own dialect (draft-03 style: `"required": true` on
//! the property, `"type": "datetime"`) and standard JSON Schema (draft-07 and
//! 2020-12: `required` arrays, `$ref` into `definitions`/`$defs`, `format`)
//! alike. It reports every problem of the folder at once, each with its file
//! and JSON pointer, and it keeps repeated keys for the normalize stage to
//! judge. It reads nothing outside the folder.

mod catalogue;
mod check;
pub mod json;
mod leniency;
pub mod refs;
mod walk;

use std::collections::BTreeSet;
use std::fmt;
use std::path::{Path, PathBuf};

use serde_json::Value;

pub use crate::keywords::REST;
pub use catalogue::{Catalogue, Deprecated, Group};
pub use check::{ALIASES, EVENT_TYPE, EXPECTED, HANDLER, MAX_PROPERTIES, OPEN_ENUM, REST_PATHS};
pub use json::DuplicateKey;
pub use leniency::{Choice, Leniency};

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
    /// How its types read payloads, and whether the repairs that guess
    /// from names apply.
    pub leniency: Leniency,
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

/// The largest schema file read: Wix's largest is 40 KB; a bigger file is
/// not a schema a person wrote, and reading it whole would cost its size.
pub const MAX_SCHEMA_BYTES: u64 = 8 * 1024 * 1024;

/// Reads every `*.json` file under `root` (recursively, in sorted order).
///
/// Every problem of every file is reported, in one error: a file that
/// cannot be read, is not JSON or not a schema, a symbolic link (its
/// target is outside the folder, or inside it and so read twice).
pub fn load(root: &Path) -> Result<Schemas> {
    load_with(root, &Options::default())
}

/// What the loader lets through beyond what the generator enforces.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Keywords not to refuse but to take out of the schemas, by the
    /// user's choice (`Config::ignore_keywords`).
    pub ignored_keywords: BTreeSet<String>,
    /// The readings chosen for folders and files (`Config::leniency`),
    /// over the catalogue's and the dialects'.
    pub leniency: Vec<Choice>,
}

/// [`load`], with `options`.
pub fn load_with(root: &Path, options: &Options) -> Result<Schemas> {
    let mut errors = Vec::new();
    let mut paths = Vec::new();
    walk::collect(root, root, &mut paths, &mut errors);
    if paths.is_empty() && errors.is_empty() {
        return Err(
            Error::file(root, "no schema files (`*.json`) in this folder")
                .with_hint("point `schemas_dir` at the folder that holds the schema files"),
        );
    }
    let mut files = Vec::new();
    let mut unread = Vec::new();
    let mut catalogue = Catalogue::default();
    for relative in paths {
        let full = root.join(&relative);
        let parsed = read_bounded(&full).and_then(|text| {
            if relative == CATALOGUE {
                catalogue = catalogue::parse(&full, &text)?;
            } else {
                files.push(read_schema(&full, relative.clone(), &text, options)?);
            }
            Ok(())
        });
        if let Err(error) = parsed {
            errors.push(error);
            unread.push(relative);
        }
    }
    errors.extend(leniency::assign(
        root,
        &mut files,
        &catalogue.leniency_choices(),
        &options.leniency,
    ));
    errors.extend(refs::check(root, &files, &unread));
    errors.extend(repeated_event_names(root, &files));
    if errors.is_empty() {
        errors.extend(refs::cycles(root, &files));
    }
    Error::check(errors)?;
    Ok(Schemas {
        root: root.to_owned(),
        files,
        catalogue,
    })
}

/// A handler or an event type that two event files name: which of them an
/// event is would be a guess.
fn repeated_event_names(root: &Path, files: &[SchemaFile]) -> Vec<Error> {
    let mut errors = Vec::new();
    let mut seen: Vec<(&str, &str, &str)> = Vec::new();
    for file in files {
        let Role::Event {
            handler,
            event_type,
            ..
        } = &file.role
        else {
            continue;
        };
        let names = [(HANDLER, Some(handler)), (EVENT_TYPE, event_type.as_ref())];
        for (keyword, name) in names {
            let Some(name) = name else { continue };
            match seen.iter().find(|(k, n, _)| *k == keyword && *n == name) {
                Some((_, _, first)) => errors.push(
                    Error::schema(
                        root.join(&file.path),
                        format!("/{keyword}"),
                        format!("`{name}` is named by `{first}` too"),
                    )
                    .with_hint("each event is described by one file"),
                ),
                None => seen.push((keyword, name, &file.path)),
            }
        }
    }
    errors
}

/// The file's bytes, if it is no larger than [`MAX_SCHEMA_BYTES`]; a file
/// that grows while it is read is cut off there, not read to its end.
fn read_bounded(path: &Path) -> Result<Vec<u8>> {
    use std::io::Read;
    let too_large = |size: u64| {
        Error::file(
            path,
            format!("the file is {size} bytes; a schema file may be at most {MAX_SCHEMA_BYTES}"),
        )
        .with_hint("split it into files that refer to each other with `$ref`")
    };
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let size = file.metadata().map_err(|e| Error::io(path, e))?.len();
    if size > MAX_SCHEMA_BYTES {
        return Err(too_large(size));
    }
    let mut text = Vec::with_capacity(size as usize);
    file.take(MAX_SCHEMA_BYTES + 1)
        .read_to_end(&mut text)
        .map_err(|e| Error::io(path, e))?;
    if text.len() as u64 > MAX_SCHEMA_BYTES {
        return Err(too_large(text.len() as u64));
    }
    Ok(text)
}

/// Parses and checks one schema file's text.
pub fn read_schema(
    full: &Path,
    relative: String,
    text: &[u8],
    options: &Options,
) -> Result<SchemaFile> {
    // A byte order mark is legal at the start of UTF-8 text, but not JSON.
    let text = text.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(text);
    if let Err(e) = std::str::from_utf8(text) {
        let (line, column) = json::position(text, e.valid_up_to());
        return Err(Error::Json {
            file: full.to_owned(),
            line,
            column,
            message: "the file is not UTF-8".into(),
        });
    }
    let (mut document, duplicates) = json::parse(text).map_err(|e| Error::Json {
        file: full.to_owned(),
        line: e.line(),
        column: e.column(),
        message: strip_position(&e.to_string()),
    })?;
    check::document(full, &document, &options.ignored_keywords)?;
    check::strip(&mut document, &options.ignored_keywords);
    let handler = check::handler(full, &relative, &document);
    let event_type = check::event_type(full, &document);
    let rest = check::rest_paths(full, &document);
    let (handler, event_type, rest) = match (handler, event_type, rest) {
        (Ok(handler), Ok(event_type), Ok(rest)) => (handler, event_type, rest),
        (handler, event_type, rest) => {
            return Err(Error::all(
                [handler.err(), event_type.err(), rest.err()]
                    .into_iter()
                    .flatten()
                    .collect(),
            ))
        }
    };
    let role = match handler {
        Some(handler) => Role::Event {
            handler,
            event_type,
            rest,
        },
        None => role_of(&relative),
    };
    let dialect = check::dialect(&document);
    Ok(SchemaFile {
        dialect,
        // Until the folder's choices are known: its dialect's.
        leniency: Leniency::of_dialect(dialect),
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
