//! `regenerate`: rewrites the generated crate's sources from the schemas.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use wix_activities_build::{Config, Leniency};

/// Regenerate the `wix-activities` types from a folder of schema files.
#[derive(Debug, Parser)]
#[command(name = "regenerate", version)]
struct Args {
    /// The folder of schema files.
    #[arg(long, value_name = "DIR", default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/../schemas"))]
    schemas: PathBuf,
    /// The folder the generated Rust goes to [default: the repository's
    /// generated/src/types, and the repaired schemas to
    /// generated/json-schemas.json]
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Also write the repaired schemas, as one JSON document of standard
    /// JSON Schemas by path, to this file.
    #[arg(long, value_name = "FILE")]
    json_schemas: Option<PathBuf>,
    /// Write nothing; exit with 1 and list the stale files if the output is out of date.
    #[arg(long)]
    check: bool,
    /// Print how each file was read and every repair the normalize passes
    /// made; write nothing.
    #[arg(long)]
    explain: bool,
    /// Print nothing but errors (and the stale files of `--check`).
    #[arg(long)]
    quiet: bool,
    /// The feature under which the generated types derive `schemars::JsonSchema`.
    #[arg(long, value_name = "FEATURE", default_value = "schemars")]
    schemars_feature: String,
    /// A keyword the generator cannot enforce, to take out of the schemas
    /// rather than refuse (repeatable): `--ignore-keyword contains`.
    #[arg(long = "ignore-keyword", value_name = "KEYWORD")]
    ignore_keywords: Vec<String>,
    /// How the types of a folder or file read payloads (repeatable):
    /// `wix` (Wix's leniencies) or `strict` (standard JSON Schema), for the
    /// whole folder or, after `=`, for a folder or file in it:
    /// `--leniency strict --leniency wix=legacy`. Without it a file reads
    /// as its dialect does.
    #[arg(long, value_name = "READING[=PATH]", value_parser = choice)]
    leniency: Vec<(Leniency, String)>,
}

/// `wix`, `strict`, `wix=legacy`, `strict=shop/order.json`.
fn choice(text: &str) -> Result<(Leniency, String), String> {
    let (name, path) = text.split_once('=').unwrap_or((text, ""));
    let leniency = Leniency::named(name)
        .ok_or_else(|| format!("`{name}` is not a reading; expected `wix` or `strict`"))?;
    Ok((leniency, path.to_owned()))
}

/// The repository's generated crate, where `regenerate` writes by default.
const GENERATED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../generated");

impl Args {
    /// The Rust's folder, and the repaired schemas' file if any: the
    /// repository's when no `--out` is given.
    fn outputs(&self) -> (PathBuf, Option<PathBuf>) {
        match &self.out {
            Some(out) => (out.clone(), self.json_schemas.clone()),
            None => (
                Path::new(GENERATED).join("src/types"),
                Some(
                    self.json_schemas
                        .clone()
                        .unwrap_or_else(|| Path::new(GENERATED).join("json-schemas.json")),
                ),
            ),
        }
    }

    fn config(&self) -> Config {
        let (out, json_schemas) = self.outputs();
        let mut config = Config::new();
        config
            .schemas_dir(&self.schemas)
            .out_dir(out)
            .schemars_feature(&self.schemars_feature)
            .ignore_keywords(&self.ignore_keywords)
            .emit_rerun_if_changed(false);
        for (leniency, path) in &self.leniency {
            config.leniency(path, *leniency);
        }
        if let Some(file) = json_schemas {
            config.json_schemas_file(file);
        }
        config
    }
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("regenerate: {error}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &Args) -> Result<ExitCode, wix_activities_build::Error> {
    let config = args.config();
    let (out, _) = args.outputs();
    let say = |text: String| {
        if !args.quiet {
            eprintln!("{text}");
        }
    };
    say(format!("regenerate: reading {}", args.schemas.display()));
    let (output, code) = if args.check {
        let (output, drift) = config.check()?;
        for (file, diff) in &drift.changed {
            eprintln!("stale: {}\n{diff}", out.join(file).display());
        }
        for file in &drift.missing {
            eprintln!("missing: {}", out.join(file).display());
        }
        for file in &drift.extra {
            eprintln!("extra: {}", out.join(file).display());
        }
        if drift.is_empty() {
            say(format!(
                "regenerate: {} files up to date",
                output.files.len()
            ));
            (output, ExitCode::SUCCESS)
        } else {
            eprintln!("regenerate: the generated code is out of date; run the same command without `--check` to update it");
            (output, ExitCode::from(1))
        }
    } else if args.explain {
        (config.render()?, ExitCode::SUCCESS)
    } else {
        let (output, written) = config.generate()?;
        for file in &written.changed {
            say(format!("  wrote {}", out.join(file).display()));
        }
        for file in &written.removed {
            say(format!("  removed {}", out.join(file).display()));
        }
        say(format!(
            "regenerate: {} types in {} files; {} changed, {} removed, {} unchanged",
            output.type_count,
            output.files.len(),
            written.changed.len(),
            written.removed.len(),
            written.unchanged
        ));
        (output, ExitCode::SUCCESS)
    };
    if args.explain {
        for ((file, dialect), (_, leniency)) in output.dialects.iter().zip(&output.leniency) {
            println!("{file}: read as {dialect}, {leniency} leniency");
        }
        for repair in &output.repairs {
            println!("{repair}");
        }
    }
    Ok(code)
}
