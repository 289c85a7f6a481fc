//! `catalogue.json`: facts about activity types that are not schemas.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::Deserialize;

use super::{Choice, Leniency};
use crate::error::{Error, Result};

/// Facts about the activity types of a schema folder.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Catalogue {
    /// Each activity group's title and description, by module name.
    #[serde(default)]
    pub groups: BTreeMap<String, Group>,
    /// Wire names of the activities that raise a dashboard notification.
    #[serde(default)]
    pub notifications: BTreeSet<String>,
    /// Wire names that Wix deprecated; they have no documented `info`.
    #[serde(default)]
    pub deprecated: Vec<Deprecated>,
    /// The readings of folders and files (relative paths, `""` for the
    /// whole folder) that are not their dialect's: this repository's
    /// standard JSON Schema files describe Wix's payloads, so they read
    /// them as Wix's types do.
    #[serde(default)]
    pub leniency: BTreeMap<String, Leniency>,
}

impl Catalogue {
    /// [`Catalogue::leniency`], as choices.
    pub(super) fn leniency_choices(&self) -> Vec<Choice> {
        self.leniency
            .iter()
            .map(|(path, leniency)| Choice {
                path: path.clone(),
                leniency: *leniency,
            })
            .collect()
    }
}

/// An activity group (a generated module).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// The group's name in Wix's documentation.
    pub title: String,
    /// What the group is for.
    pub description: String,
}

/// A deprecated activity type.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Deprecated {
    /// Its wire name.
    #[serde(rename = "type")]
    pub wire_name: String,
    /// The wire names to use instead.
    #[serde(default)]
    pub replaced_by: Vec<String>,
    /// Wix's deprecation note.
    #[serde(default)]
    pub description: String,
}

pub(super) fn parse(path: &Path, text: &[u8]) -> Result<Catalogue> {
    serde_json::from_slice(text).map_err(|e| {
        Error::file(
            path,
            format!(
                "not a catalogue at line {}, column {}: {}",
                e.line(),
                e.column(),
                super::strip_position(&e.to_string())
            ),
        )
        .with_hint(
            "expected `groups`, `notifications`, `deprecated` and `leniency`, see schemas/catalogue.json",
        )
    })
}
