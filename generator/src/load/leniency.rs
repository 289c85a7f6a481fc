//! Which reading each file's types get: Wix's leniencies or standard JSON
//! Schema's, decided by the user where they say so and by the dialect
//! where they do not.

use std::fmt;
use std::path::Path;

use serde::Deserialize;

use super::{Dialect, SchemaFile, CATALOGUE};
use crate::error::Error;

/// How the types of a schema file read what a payload sends, and which
/// repairs guess what its properties mean.
///
/// Wix's own clients send what its tables do not say (`"id": 1` for a text
/// property, `"CHAT"` for `chat`, `""` for a required text they leave out),
/// and Wix's tables leave unsaid what their names do (a `currency` is an
/// ISO 4217 code, a `price` beside it an exact amount). [`Leniency::Wix`]
/// reads and repairs those; [`Leniency::Strict`] reads a payload as serde
/// and standard JSON Schema do. Files in Wix's dialect are `Wix` and
/// standard JSON Schema files `Strict` unless the configuration
/// ([`Config::leniency`](crate::Config::leniency)) or the folder's
/// `catalogue.json` (`"leniency": {"backend_events": "wix"}`) says otherwise.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Leniency {
    /// Wix's leniencies: a text property reads a number or a boolean as its
    /// text and a number or integer property text holding one; an enum
    /// value matches in any case and is written as documented; `null` for an
    /// optional property is read as absent; a required text left out or
    /// empty is read, and reported by validation; the `implied-format` and
    /// `money-amount` repairs give properties the formats their names imply.
    Wix,
    /// Standard JSON Schema as serde reads it: a number is not text, an enum
    /// value is exactly one of the documented ones, `""` is a value, `null`
    /// is a value only where the schema's types include `null`, and a
    /// property means what its schema says, whatever its name.
    Strict,
}

impl Leniency {
    /// The reading a file gets when nobody says: its dialect's.
    pub fn of_dialect(dialect: Dialect) -> Leniency {
        match dialect {
            Dialect::Wix => Leniency::Wix,
            Dialect::Standard => Leniency::Strict,
        }
    }

    /// The name it is configured by: `wix` or `strict`.
    pub fn name(self) -> &'static str {
        match self {
            Leniency::Wix => "wix",
            Leniency::Strict => "strict",
        }
    }

    /// The reading named `name` (`wix`, `strict`), if it is one.
    pub fn named(name: &str) -> Option<Leniency> {
        [Leniency::Wix, Leniency::Strict]
            .into_iter()
            .find(|l| l.name() == name)
    }
}

impl fmt::Display for Leniency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A reading chosen for a folder or a file of the schema folder: `path` is
/// relative to it (`backend_events`, `shop/order.json`), `""` for all of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    /// The folder or file.
    pub path: String,
    /// Its reading.
    pub leniency: Leniency,
}

impl Choice {
    /// Whether the choice covers the file at `file` (relative path).
    fn covers(&self, file: &str) -> bool {
        let path = self.path.trim_matches('/');
        path.is_empty()
            || path == "."
            || file == path
            || file
                .strip_prefix(path)
                .is_some_and(|rest| rest.starts_with('/'))
    }

    /// How specific the choice is: a deeper path wins over its folder.
    fn depth(&self) -> usize {
        let path = self.path.trim_matches('/');
        match path {
            "" | "." => 0,
            path => path.split('/').count(),
        }
    }
}

/// Gives each file its reading: the most specific choice that covers it
/// (the configuration's over the catalogue's at the same depth), else its
/// dialect's. A choice that covers no file is an error: a misspelt folder
/// would otherwise change nothing, silently.
pub(super) fn assign(
    root: &Path,
    files: &mut [SchemaFile],
    catalogue: &[Choice],
    configured: &[Choice],
) -> Vec<Error> {
    let choices: Vec<(&Choice, bool)> = catalogue
        .iter()
        .map(|c| (c, false))
        .chain(configured.iter().map(|c| (c, true)))
        .collect();
    for file in files.iter_mut() {
        let chosen = choices
            .iter()
            .filter(|(c, _)| c.covers(&file.path))
            .max_by_key(|(c, configured)| (c.depth(), *configured));
        file.leniency = chosen.map_or(Leniency::of_dialect(file.dialect), |(c, _)| c.leniency);
    }
    choices
        .iter()
        .filter(|(c, _)| !files.iter().any(|f| c.covers(&f.path)))
        .map(|(c, configured)| {
            let message = format!("the leniency for `{}` covers no schema file", c.path);
            let hint =
                "name a folder or file relative to the schema folder, or `\"\"` for all of it";
            match configured {
                true => Error::file(root, message).with_hint(hint),
                false => Error::schema(
                    root.join(CATALOGUE),
                    format!("/leniency/{}", crate::pointer::escape(&c.path)),
                    message,
                )
                .with_hint(hint),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choice(path: &str, leniency: Leniency) -> Choice {
        Choice {
            path: path.into(),
            leniency,
        }
    }

    #[test]
    fn a_choice_covers_its_folder_and_file_and_the_deepest_wins() {
        let folder = choice("shop", Leniency::Wix);
        assert!(folder.covers("shop/order.json"));
        assert!(folder.covers("shop/deep/order.json"));
        assert!(!folder.covers("shopping/order.json"));
        assert!(choice("", Leniency::Wix).covers("any.json"));
        assert!(choice("shop/order.json", Leniency::Wix).covers("shop/order.json"));
        assert!(folder.depth() < choice("shop/order.json", Leniency::Wix).depth());
    }

    #[test]
    fn names_round_trip() {
        for leniency in [Leniency::Wix, Leniency::Strict] {
            assert_eq!(Leniency::named(leniency.name()), Some(leniency));
        }
        assert_eq!(Leniency::named("loose"), None);
    }
}
