//! The run: load → normalize → model → render, as the builder and the command start it.

use std::path::Path;

use crate::config::Output;
use crate::error::Result;
use crate::{load, model, normalize, render};

/// Runs the pipeline on a schema folder, writing nothing.
pub(crate) fn run(schemas_dir: &Path, options: &render::Options) -> Result<Output> {
    let schemas = load::load(schemas_dir)?;
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
fn inputs(schemas_dir: &Path, normalized: &normalize::Normalized) -> Vec<std::path::PathBuf> {
    let mut inputs = vec![schemas_dir.to_owned()];
    inputs.extend(normalized.files.iter().map(|f| schemas_dir.join(&f.path)));
    let catalogue = schemas_dir.join(load::CATALOGUE);
    if catalogue.is_file() {
        inputs.push(catalogue);
    }
    inputs
}
