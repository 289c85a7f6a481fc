//! The builder a build script or the `regenerate` command configures.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::load::{Choice, Leniency};
use crate::pipeline::Output;
use crate::write::{Drift, Written};

/// Configuration for one generation: where the schemas are and where the
/// Rust goes.
///
/// ```no_run
/// // build.rs
/// fn main() {
///     if let Err(error) = wix_activities_build::Config::new().schemas_dir("schemas").generate() {
///         // Every problem of the folder, one per line.
///         eprintln!("{error}");
///         std::process::exit(1);
///     }
/// }
/// ```
#[derive(Clone, Debug)]
pub struct Config {
    schemas_dir: PathBuf,
    out_dir: Option<PathBuf>,
    emit_rerun_if_changed: Option<bool>,
    schemars_feature: Option<String>,
    json_schemas_file: Option<PathBuf>,
    load: crate::load::Options,
}

impl Default for Config {
    fn default() -> Self {
        Config::new()
    }
}

impl Config {
    /// A configuration that reads `schemas/` and writes to `OUT_DIR`.
    pub fn new() -> Self {
        Config {
            schemas_dir: PathBuf::from("schemas"),
            out_dir: None,
            emit_rerun_if_changed: None,
            schemars_feature: None,
            json_schemas_file: None,
            load: crate::load::Options::default(),
        }
    }

    /// Keywords the generator cannot enforce (`contains`, `not`, …) to
    /// take out of the schemas rather than refuse: an explicit choice to
    /// let through what they forbid. Each is removed wherever it is a
    /// keyword; a property of that name stays.
    ///
    /// ```
    /// let mut config = wix_activities_build::Config::new();
    /// config.ignore_keywords(["contains", "not"]);
    /// ```
    pub fn ignore_keywords<I, S>(&mut self, keywords: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let keywords = keywords.into_iter().map(|k| k.as_ref().to_owned());
        self.load.ignored_keywords.extend(keywords);
        self
    }

    /// How the types of the schema files at `path` (a folder or a file,
    /// relative to the schema folder; `""` for all of it) read payloads:
    /// with Wix's leniencies or strictly, as standard JSON Schema does (see
    /// [`Leniency`]). Without a choice, a file in Wix's dialect is `Wix`
    /// and a standard JSON Schema file `Strict`; the deepest choice that
    /// covers a file wins, and one that covers no file is an error.
    ///
    /// ```
    /// use wix_activities_build::{Config, Leniency};
    /// let mut config = Config::new();
    /// config.leniency("", Leniency::Strict).leniency("legacy", Leniency::Wix);
    /// ```
    pub fn leniency(&mut self, path: impl Into<String>, leniency: Leniency) -> &mut Self {
        self.load.leniency.push(Choice {
            path: path.into(),
            leniency,
        });
        self
    }

    /// The folder of schema files to read, recursively.
    ///
    /// Default: `schemas`, relative to the working directory (a build
    /// script runs in its package's folder).
    ///
    /// ```
    /// # let mut config = wix_activities_build::Config::new();
    /// config.schemas_dir("wix/schemas");
    /// ```
    pub fn schemas_dir(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.schemas_dir = path.as_ref().to_owned();
        self
    }

    /// The folder to write the generated Rust into.
    ///
    /// Default: the `OUT_DIR` environment variable, which Cargo sets for
    /// build scripts. Include the result with
    /// `include!(concat!(env!("OUT_DIR"), "/mod.rs"));`.
    ///
    /// ```
    /// # let mut config = wix_activities_build::Config::new();
    /// config.out_dir("src/types");
    /// ```
    pub fn out_dir(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.out_dir = Some(path.as_ref().to_owned());
        self
    }

    /// Whether [`Config::generate`] prints `cargo:rerun-if-changed` lines
    /// for the schema folder and every file it read.
    ///
    /// Default: on when `OUT_DIR` is set, that is, inside a build script.
    ///
    /// ```
    /// # let mut config = wix_activities_build::Config::new();
    /// config.emit_rerun_if_changed(false);
    /// ```
    pub fn emit_rerun_if_changed(&mut self, emit: bool) -> &mut Self {
        self.emit_rerun_if_changed = Some(emit);
        self
    }

    /// The Cargo feature of the including crate under which every generated
    /// type derives `schemars::JsonSchema` (schemars 1.x).
    ///
    /// Default: none, so the generated code mentions no feature and needs
    /// no `schemars` dependency. The including crate declares the feature
    /// and an optional `schemars` dependency; `wix-activities` calls it
    /// `schemars`.
    ///
    /// ```
    /// # let mut config = wix_activities_build::Config::new();
    /// config.schemars_feature("schemars");
    /// ```
    pub fn schemars_feature(&mut self, feature: impl Into<String>) -> &mut Self {
        self.schemars_feature = Some(feature.into());
        self
    }

    /// Also writes the repaired schemas, as one JSON document of standard
    /// draft-07 JSON Schemas by path ([`Output::json_schemas`]), to `path`:
    /// to check payloads with any validator against exactly what the types
    /// were built from. `check` compares it too.
    ///
    /// ```
    /// # let mut config = wix_activities_build::Config::new();
    /// config.json_schemas_file("generated/json-schemas.json");
    /// ```
    pub fn json_schemas_file(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.json_schemas_file = Some(path.as_ref().to_owned());
        self
    }

    /// Renders every output file without writing anything.
    pub fn render(&self) -> Result<Output> {
        let options = crate::render::Options {
            schemars_feature: self.schemars_feature.clone(),
        };
        crate::pipeline::run(&self.schemas_dir, &self.load, &options)
    }

    /// Renders and writes the output, then prints the `rerun-if-changed`
    /// lines when enabled. Returns what was rendered and what changed.
    pub fn generate(&self) -> Result<(Output, Written)> {
        let out_dir = self.resolved_out_dir()?;
        let output = self.render()?;
        let mut written = crate::write::write(&out_dir, &output.files)?;
        if let Some(path) = &self.json_schemas_file {
            let name = path.display().to_string();
            if crate::write::write_file(path, &output.json_schemas())? {
                written.changed.push(name);
            } else {
                written.unchanged += 1;
            }
        }
        if self
            .emit_rerun_if_changed
            .unwrap_or_else(|| std::env::var_os("OUT_DIR").is_some())
        {
            for line in output.rerun_if_changed() {
                println!("{line}");
            }
        }
        Ok((output, written))
    }

    /// Renders and compares with what the output folder holds, writing nothing.
    pub fn check(&self) -> Result<(Output, Drift)> {
        let out_dir = self.resolved_out_dir()?;
        let output = self.render()?;
        let mut drift = crate::write::compare(&out_dir, &output.files)?;
        if let Some(path) = &self.json_schemas_file {
            let name = path.display().to_string();
            match crate::write::compare_file(path, &output.json_schemas())? {
                None => {}
                Some(Some(diff)) => drift.changed.push((name, diff)),
                Some(None) => drift.missing.push(name),
            }
        }
        Ok((output, drift))
    }

    /// The output folder: the one set, or `OUT_DIR`.
    pub fn resolved_out_dir(&self) -> Result<PathBuf> {
        match &self.out_dir {
            Some(dir) => Ok(dir.clone()),
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or(Error::OutDirNotSet),
        }
    }
}
