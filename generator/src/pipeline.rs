//! The run: load → normalize → model → render, as the builder and the command start it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::error::Result;
use crate::load::{Dialect, Leniency};
use crate::normalize::Repair;
use crate::{load, model, normalize, render};

/// Runs the pipeline on a schema folder, writing nothing.
pub(crate) fn run(
    schemas_dir: &Path,
    loading: &load::Options,
    options: &render::Options,
) -> Result<Output> {
    let schemas = load::load_with(schemas_dir, loading)?;
    let normalized = normalize::normalize(&schemas)?;
    let model = model::build(&normalized)?;
    let rendered = render::files(&model, &folder_label(schemas_dir), options)?;
    Ok(Output {
        files: rendered.files,
        by_schema: rendered.by_schema,
        type_count: model.modules.values().map(|m| m.items.len()).sum(),
        inputs: inputs(schemas_dir, &normalized),
        dialects: normalized
            .files
            .iter()
            .map(|f| (f.path.clone(), f.dialect))
            .collect(),
        leniency: normalized
            .files
            .iter()
            .map(|f| (f.path.clone(), f.leniency))
            .collect(),
        normalized: normalized
            .files
            .into_iter()
            .map(|f| (f.path, f.schema))
            .collect(),
        repairs: normalized.repairs,
    })
}

/// How generated headers name the schema folder: its last component.
fn folder_label(schemas_dir: &Path) -> String {
    schemas_dir
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("schemas")
        .to_owned()
}

/// The schema folder and every file read from it, for `rerun-if-changed`.
fn inputs(schemas_dir: &Path, normalized: &normalize::Normalized) -> Vec<PathBuf> {
    let mut inputs = vec![schemas_dir.to_owned()];
    inputs.extend(normalized.files.iter().map(|f| schemas_dir.join(&f.path)));
    let catalogue = schemas_dir.join(load::CATALOGUE);
    if catalogue.is_file() {
        inputs.push(catalogue);
    }
    inputs
}

/// Everything one run produced, before it is written.
#[derive(Clone, Debug)]
pub struct Output {
    /// Every output file: name (relative to the output folder) → text.
    pub files: BTreeMap<String, String>,
    /// For each schema file (relative path), the Rust of the types first
    /// found in it: what a reviewer reads to see what a schema produces.
    pub by_schema: BTreeMap<String, String>,
    /// Every schema file (relative path) after the normalize passes, as
    /// standard draft-07 JSON Schema: what the types were built from.
    pub normalized: BTreeMap<String, serde_json::Value>,
    /// Every repair the normalize passes made, in a stable order.
    pub repairs: Vec<Repair>,
    /// Each schema file (relative path) and the dialect it was read in.
    pub dialects: Vec<(String, Dialect)>,
    /// Each schema file (relative path) and how its types read payloads.
    pub leniency: Vec<(String, Leniency)>,
    /// How many types were generated.
    pub type_count: usize,
    /// The schema folder and every file read from it.
    pub inputs: Vec<PathBuf>,
}

impl Output {
    /// The repaired schemas as one JSON document (`{"$comment", "schemas":
    /// {path: schema}}`), to check payloads with any standard validator
    /// against exactly what the types were built from.
    pub fn json_schemas(&self) -> String {
        crate::render::json_schemas::bundle("schemas/", &self.normalized)
    }

    /// The lines a build script prints so that Cargo reruns it when an input changes.
    ///
    /// Once a build script prints one `rerun-if-changed`, Cargo watches
    /// nothing else, so the list covers the folder (new files), every file
    /// read, and the one environment variable read.
    pub fn rerun_if_changed(&self) -> Vec<String> {
        let mut lines: Vec<String> = self
            .inputs
            .iter()
            .map(|p| format!("cargo:rerun-if-changed={}", p.display()))
            .collect();
        lines.push("cargo:rerun-if-env-changed=OUT_DIR".to_owned());
        lines
    }
}
