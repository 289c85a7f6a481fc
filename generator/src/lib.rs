//! Generates Rust types and validators from Wix's activity and event JSON schemas.
//!
//! A folder of schemas is read by where each file sits and what it says:
//! `activities/<group>/<name>.json` is the `info` of activity type
//! `<group>/<name>`; a file with `"x-wix-handler": "wixEcom_onCartCreated"`
//! is a backend event; any other file is a plain type. Folders become
//! modules (`events/ecom/` → `events::ecom`; an `entities/` folder adds no
//! level), and a `$ref` may name another file of the folder by its relative
//! path (`"$ref": "entities/money.json"`): the type it names is generated
//! once, in the module of the file that defines it.
//!
//! Use it from a build script, in the manner of `prost-build`:
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     wix_activities_build::Config::new().schemas_dir("schemas").generate()?;
//!     Ok(())
//! }
//! ```
//!
//! and include the result where the types should live:
//!
//! ```ignore
//! pub mod wix {
//!     include!(concat!(env!("OUT_DIR"), "/mod.rs"));
//! }
//! ```
//!
//! The generated code uses the `wix-activities` crate's runtime types
//! (`Number`, `DateTime`, `Decimal`, `Int64`, `Activity`), so depend on it too. The `regenerate`
//! binary does the same from the command line.
//!
//! The pipeline, one module per stage:
//! [`load`] → [`normalize`] → [`model`] → [`render`] → [`write`](mod@write).

#![deny(missing_docs)]

mod config;
mod error;
pub mod load;
pub mod model;
pub mod normalize;
pub mod render;
mod validators;
pub mod write;

use std::path::Path;

pub use config::{Config, Output};
pub use error::{Error, Result};
pub use normalize::Repair;

/// Runs the pipeline on a schema folder, writing nothing.
fn render_schemas(schemas_dir: &Path, options: &render::Options) -> Result<Output> {
    let schemas = load::load(schemas_dir)?;
    let (normalized, repairs) = normalize::normalize(&schemas)?;
    let model = model::build(&schemas, &normalized)?;
    let label = schemas_dir
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("schemas");
    let rendered = render::files(&model, label, options)?;

    let mut inputs = vec![schemas_dir.to_owned()];
    inputs.extend(schemas.files.iter().map(|f| schemas_dir.join(&f.path)));
    let catalogue = schemas_dir.join(load::CATALOGUE);
    if catalogue.is_file() {
        inputs.push(catalogue);
    }
    Ok(Output {
        files: rendered.files,
        by_schema: rendered.by_schema,
        normalized: normalized
            .iter()
            .map(|f| (f.path.clone(), f.schema.clone()))
            .collect(),
        repairs,
        dialects: schemas
            .files
            .iter()
            .map(|f| (f.path.clone(), f.dialect))
            .collect(),
        type_count: model.modules.values().map(|m| m.items.len()).sum(),
        inputs,
    })
}
