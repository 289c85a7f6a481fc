//! Stage 2: repair what the publications get wrong, in named passes.
//!
//! Each pass is a rule, not a patch of one file: it looks for a pattern in
//! any schema and rewrites it, returning one [`Repair`] per change so that the
//! whole repair is visible (`regenerate --explain`) and snapshot-tested. A
//! pass that finds nothing changes nothing. Passes run file by file, so the
//! result does not depend on the order in which files were read.

mod dialect;
mod duplicates;
mod formats;
mod names;
mod nesting;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use serde_json::Value;

use crate::error::{Error, Result};
use crate::load::{Catalogue, Dialect, DuplicateKey, Leniency, Role, Schemas};

/// One change a pass made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Repair {
    /// The schema file, relative to the schema folder.
    pub file: String,
    /// Where the change was made: a JSON pointer into the document as the
    /// pass found it (the file as read, for the passes that run first).
    pub pointer: String,
    /// The pass that made it.
    pub pass: &'static str,
    /// What was there.
    pub before: String,
    /// What is there now.
    pub after: String,
}

impl fmt::Display for Repair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}#{}: {}: {} → {}",
            self.file, self.pointer, self.pass, self.before, self.after
        )
    }
}

/// A document under repair: the value, and the repeated keys not yet explained.
#[derive(Debug)]
pub struct Document {
    /// The schema.
    pub value: Value,
    /// Repeated keys that no pass has explained yet.
    pub duplicates: Vec<DuplicateKey>,
    /// What the whole folder says, as published, for rules that compare.
    pub corpus: Arc<Corpus>,
}

impl Document {
    /// A document with no repeated keys, in an empty folder.
    pub fn new(value: Value) -> Self {
        Document {
            value,
            duplicates: Vec::new(),
            corpus: Arc::default(),
        }
    }
}

/// Facts about every schema of the folder as published, so that a rule can
/// compare one file with the others. Sorted sets: the same whatever order
/// the files were read in.
#[derive(Debug, Default)]
pub struct Corpus {
    /// Every property name.
    pub names: BTreeSet<String>,
    /// For each name of an array property, the `items` schemas it has (compact JSON).
    pub array_items: BTreeMap<String, BTreeSet<String>>,
}

impl Corpus {
    fn of(schemas: &Schemas) -> Corpus {
        let mut corpus = Corpus::default();
        for file in &schemas.files {
            let mut document = file.document.clone();
            walk_schemas(&mut document, "", &mut |schema, _| {
                let Some(Value::Object(properties)) = schema.get("properties") else {
                    return;
                };
                for (name, property) in properties {
                    corpus.names.insert(name.clone());
                    if let Some(items) = property
                        .get("items")
                        .filter(|_| property.get("type").and_then(Value::as_str) == Some("array"))
                    {
                        corpus
                            .array_items
                            .entry(name.clone())
                            .or_default()
                            .insert(compact(items));
                    }
                }
            });
        }
        corpus
    }
}

/// What a pass records of one change; the runner adds the file and the pass.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Change {
    /// Where, as a JSON pointer into the document as the pass found it.
    pub pointer: String,
    /// What was there.
    pub before: String,
    /// What is there now.
    pub after: String,
}

impl Change {
    pub(crate) fn new(
        pointer: impl Into<String>,
        before: impl Into<String>,
        after: impl Into<String>,
    ) -> Change {
        Change {
            pointer: pointer.into(),
            before: before.into(),
            after: after.into(),
        }
    }
}

/// A named repair rule.
pub(crate) struct Pass {
    pub name: &'static str,
    pub run: fn(&mut Document) -> Vec<Change>,
    /// The files it repairs.
    pub applies: Applies,
}

/// Which files a pass repairs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Applies {
    /// Files in Wix's dialect: the published tables' mistakes and the
    /// dialect itself. A standard JSON Schema file means what it says, so
    /// its names and structure are never rewritten.
    WixDialect,
    /// Files read with Wix's leniencies ([`Leniency::Wix`]): repairs that
    /// guess what a property holds from its name.
    WixLeniency,
    /// Every file.
    Every,
}

impl Applies {
    fn to(self, file: &crate::load::SchemaFile) -> bool {
        match self {
            Applies::WixDialect => file.dialect == Dialect::Wix,
            Applies::WixLeniency => file.leniency == Leniency::Wix,
            Applies::Every => true,
        }
    }
}

/// The passes, in the order they run. Order matters where a pass relies on
/// the published layout (repeated keys, table row order) or on the dialect
/// that a later pass converts away.
pub(crate) const PASSES: &[Pass] = &[
    // A1: reads the repeated keys, which only make sense in the published layout.
    Pass {
        name: "repeated-time-zone",
        run: duplicates::repeated_time_zone,
        applies: Applies::WixDialect,
    },
    // A8: compares with the other files as published, so before any rename.
    Pass {
        name: "singular-array",
        run: nesting::singular_array,
        applies: Applies::WixDialect,
    },
    // Found while transcribing: the tables' text is full of U+00A0.
    Pass {
        name: "non-breaking-space",
        run: names::non_breaking_space,
        applies: Applies::WixDialect,
    },
    // A3, A4, A5: property names, before the rules that move properties by name.
    Pass {
        name: "markdown-residue",
        run: names::markdown_residue,
        applies: Applies::WixDialect,
    },
    Pass {
        name: "property-name-case",
        run: names::property_name_case,
        applies: Applies::WixDialect,
    },
    Pass {
        name: "split-word",
        run: names::split_word,
        applies: Applies::WixDialect,
    },
    // A9: type names are compared in lower case by every later pass.
    Pass {
        name: "type-name-case",
        run: dialect::type_name_case,
        applies: Applies::WixDialect,
    },
    // A2: relies on the table's row order, before anything moves.
    Pass {
        name: "mis-nested-row",
        run: nesting::mis_nested_row,
        applies: Applies::WixDialect,
    },
    // A6, A7: after A2, which empties the arrays it fills.
    Pass {
        name: "unprefixed-item-rows",
        run: nesting::unprefixed_item_rows,
        applies: Applies::WixDialect,
    },
    // Part C: Wix's dialect → draft-07, once the structure is right.
    Pass {
        name: "datetime-type",
        run: dialect::datetime_type,
        applies: Applies::WixDialect,
    },
    // After `datetime-type`, which gives date-times their format.
    Pass {
        name: "implied-format",
        run: formats::implied_format,
        applies: Applies::WixLeniency,
    },
    Pass {
        name: "money-amount",
        run: formats::money_amount,
        applies: Applies::WixLeniency,
    },
    Pass {
        name: "required-on-items",
        run: dialect::required_on_items,
        applies: Applies::WixDialect,
    },
    Pass {
        name: "required-on-property",
        run: dialect::required_on_property,
        applies: Applies::WixDialect,
    },
    Pass {
        name: "declare-draft-07",
        run: dialect::declare_draft_07,
        applies: Applies::Every,
    },
];

/// What the model is built from: every schema file repaired, with what the
/// loader learnt of it, and the report of the repairs.
#[derive(Clone, Debug)]
pub struct Normalized {
    /// The folder the schemas were read from.
    pub root: PathBuf,
    /// The folder's catalogue.
    pub catalogue: Catalogue,
    /// The schema files, sorted by relative path.
    pub files: Vec<NormalizedFile>,
    /// Every repair the passes made, in a stable order.
    pub repairs: Vec<Repair>,
}

/// A schema file after every pass: standard draft-07 JSON Schema.
#[derive(Clone, Debug)]
pub struct NormalizedFile {
    /// The path relative to the schema folder.
    pub path: String,
    /// What the file describes.
    pub role: Role,
    /// The dialect it was written in.
    pub dialect: Dialect,
    /// How its types read payloads.
    pub leniency: Leniency,
    /// The repaired schema.
    pub schema: Value,
}

/// Runs every pass over every file. Repeated keys that no pass explains are errors.
pub fn normalize(schemas: &Schemas) -> Result<Normalized> {
    let mut files = Vec::with_capacity(schemas.files.len());
    let mut repairs = Vec::new();
    let corpus = Arc::new(Corpus::of(schemas));
    for file in &schemas.files {
        let mut document = Document {
            value: file.document.clone(),
            duplicates: file.duplicates.clone(),
            corpus: Arc::clone(&corpus),
        };
        let passes = PASSES.iter().filter(|pass| pass.applies.to(file));
        for pass in passes {
            for change in (pass.run)(&mut document) {
                repairs.push(Repair {
                    file: file.path.clone(),
                    pointer: change.pointer,
                    pass: pass.name,
                    before: change.before,
                    after: change.after,
                });
            }
        }
        if let Some(duplicate) = document.duplicates.first() {
            return Err(Error::schema(
                schemas.root.join(&file.path),
                &duplicate.object,
                format!("duplicate key `{}`", duplicate.key),
            )
            .with_hint("a JSON object may hold each key once; rename or remove the repetition"));
        }
        files.push(NormalizedFile {
            path: file.path.clone(),
            role: file.role.clone(),
            dialect: file.dialect,
            leniency: file.leniency,
            schema: document.value,
        });
    }
    Ok(Normalized {
        root: schemas.root.clone(),
        catalogue: schemas.catalogue.clone(),
        files,
        repairs,
    })
}

/// Calls `visit` on every schema object in `value`, with its JSON pointer,
/// parents before children.
pub(crate) fn walk_schemas(
    value: &mut Value,
    pointer: &str,
    visit: &mut dyn FnMut(&mut serde_json::Map<String, Value>, &str),
) {
    let Value::Object(map) = value else { return };
    visit(map, pointer);
    for keyword in ["properties", "definitions", "$defs"] {
        if let Some(Value::Object(children)) = map.get_mut(keyword) {
            for (name, child) in children.iter_mut() {
                let child_pointer = format!("{pointer}/{keyword}/{}", crate::pointer::escape(name));
                walk_schemas(child, &child_pointer, visit);
            }
        }
    }
    for keyword in ["items", "additionalProperties"] {
        if let Some(child) = map.get_mut(keyword) {
            walk_schemas(child, &format!("{pointer}/{keyword}"), visit);
        }
    }
    for keyword in ["allOf", "anyOf", "oneOf"] {
        if let Some(Value::Array(children)) = map.get_mut(keyword) {
            for (index, child) in children.iter_mut().enumerate() {
                walk_schemas(child, &format!("{pointer}/{keyword}/{index}"), visit);
            }
        }
    }
}

/// The JSON of a small value on one line, for the report.
pub(crate) fn compact(value: &Value) -> String {
    value.to_string()
}
