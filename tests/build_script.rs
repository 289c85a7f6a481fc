//! The build-script integration, end to end: a crate outside this workspace
//! generates its types from its own schemas in its own build script, the way
//! a service would; the `rerun-if-changed` lines cover every input; and the
//! runtime crate stays free of the generator's heavy dependencies.

mod support;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use support::{cargo, run, throwaway_manifest, write};

/// The root of this repository.
const REPO: &str = env!("CARGO_MANIFEST_DIR");

/// The throwaway crate's package name; its build folders are `<name>-<hash>`.
const THROWAWAY: &str = "wix-throwaway";

/// An activity `info` in Wix's draft-03 style dialect.
const VISIT_SCHEMA: &str = r#"{
  "$schema": "http://json-schema.org/draft-03/schema#",
  "description": "When a visitor opens a demo page",
  "type": "object",
  "properties": {
    "page": {
      "type": "string",
      "required": true,
      "description": "The page's path"
    },
    "visitedAt": {
      "type": "datetime",
      "description": "When the page was opened"
    },
    "channel": {
      "type": "string",
      "required": true,
      "enum": ["WEB", "MOBILE_APP"],
      "description": "Where the visit came from"
    },
    "basket": {
      "type": "object",
      "required": true,
      "description": "What the visitor holds",
      "properties": {
        "total": {
          "type": "number",
          "required": true,
          "description": "The basket's total"
        },
        "currency": {
          "type": "string",
          "description": "ISO 4217 code"
        }
      }
    },
    "items": {
      "type": "array",
      "description": "The items shown",
      "items": {
        "type": "object",
        "properties": {
          "sku": {
            "type": "string",
            "required": true,
            "description": "Stock keeping unit"
          },
          "quantity": {
            "type": "number",
            "description": "How many"
          }
        }
      }
    }
  }
}
"#;

/// An activity whose property names and descriptions use the names the
/// generated code itself uses: the runtime's items, the catch-all field,
/// the crates. Each is one decision in the model, so the crate compiles.
const NAMES_SCHEMA: &str = r#"{
  "$schema": "http://json-schema.org/draft-03/schema#",
  "description": "Names that collide: check, walk, Report, Path, Validate, serde, wix_activities",
  "type": "object",
  "properties": {
    "extra": {"type": "string", "required": true, "description": "Not the catch-all: check it"},
    "check": {"type": "string", "description": "A walk through serde"},
    "walk": {"type": "number", "description": "Validate this"},
    "serde": {"type": "string", "description": "use serde::Deserialize"},
    "wix_activities": {"type": "string", "description": "wix_activities::validate::Report"},
    "report": {
      "type": "object",
      "description": "A Report",
      "properties": {"path": {"type": "string", "description": "A Path"}}
    },
    "text": {
      "type": "object",
      "description": "A Text, as the rules call theirs",
      "properties": {"rule": {"type": "string", "required": true, "description": "A Rule"}}
    },
    "items": {
      "type": "object",
      "description": "Items, a StructRules, a FieldRule",
      "properties": {"range": {"type": "number", "description": "A Range"}}
    },
    "validate": {
      "type": "object",
      "description": "Validate, JsonRules",
      "properties": {"json_rules": {"type": "boolean", "description": "JsonRules"}}
    },
    "map": {"type": "string", "description": "Not the map being read"},
    "key": {"type": "string", "description": "Not the key being read"},
    "deserializer": {"type": "string", "description": "Not the deserializer"},
    "timeZone": {"type": "string", "description": "A time zone"},
    "timezone": {"type": "string", "description": "Its lower-case sibling, a property of its own"}
  }
}
"#;

/// A plain type in standard JSON Schema 2020-12.
const THING_SCHEMA: &str = r##"{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "Thing",
  "description": "A plain thing",
  "type": "object",
  "required": ["id", "createdAt", "owner"],
  "properties": {
    "id": {
      "type": "string",
      "description": "The thing's ID"
    },
    "createdAt": {
      "type": "string",
      "format": "date-time",
      "description": "When the thing was made"
    },
    "count": {
      "type": "integer",
      "description": "How many there are"
    },
    "owner": {
      "$ref": "#/$defs/owner"
    }
  },
  "$defs": {
    "owner": {
      "type": "object",
      "description": "Who owns the thing",
      "required": ["name"],
      "properties": {
        "name": {
          "type": "string",
          "description": "The owner's name"
        }
      }
    }
  }
}
"##;

/// The build script, as the `Config` docs tell a user to write it.
const BUILD_RS: &str = r#"fn main() {
    if let Err(error) = wix_activities_build::Config::new().schemas_dir("schemas").generate() {
        // Every problem of the folder, one per line.
        eprintln!("{error}");
        std::process::exit(1);
    }
}
"#;

/// The generated types as a library's public API: nothing is dead there, so
/// every lint (unused imports, dead private helpers, naming) applies to the
/// generated code.
const LIB_RS: &str = r#"//! The generated types, public.

/// The types generated from `schemas/`.
pub mod wix {
    include!(concat!(env!("OUT_DIR"), "/mod.rs"));
}
"#;

/// A binary that includes the generated types privately, as a service would.
/// A binary uses only part of the generated API (`ActivityType::DEPRECATED`,
/// `is_deprecated`, ...), so dead code is allowed here; `LIB_RS` checks it.
const MAIN_RS: &str = r##"#[allow(dead_code)]
mod wix {
    include!(concat!(env!("OUT_DIR"), "/mod.rs"));
}

use wix_activities::validate::{Validate, ValidateJson};
use wix_activities::Activity;

const NAMES: &str = r#"{"type":"demo/names","info":{"extra":"e","check":"c","walk":1,"serde":"s","wix_activities":"w","report":{"path":"p"},"text":{"rule":"r"},"items":{"range":2},"validate":{"json_rules":true},"map":"m","key":"k","deserializer":"d","timeZone":"Z","timezone":"z","notInTheSchema":1}}"#;

const VISIT: &str = r#"{"type":"demo/visit","info":{"page":"/pricing","visitedAt":"2024-03-01T10:30:00+02:00","channel":"MOBILE_APP","basket":{"total":12.5,"currency":"EUR"},"items":[{"sku":"A-1","quantity":2},{"sku":"B-2"}]}}"#;
const THING: &str = r#"{"id":"t-1","createdAt":"2024-03-01T08:30:00Z","count":3,"owner":{"name":"Ada"}}"#;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let activity: Activity<wix::ActivityInfo> = serde_json::from_str(VISIT)?;
    assert_eq!(activity.info.activity_type(), wix::ActivityType::DemoVisit);
    let wix::ActivityInfo::DemoVisit(visit) = &activity.info else {
        return Err(format!("not a demo/visit: {:?}", activity.info).into());
    };
    let visited_at: &wix_activities::DateTime = visit.visited_at.value().ok_or("no visitedAt")?;
    let channel: wix::demo::Channel = visit.channel;
    let basket: &wix::demo::Basket = &visit.basket;
    // Beside a `currency`, `total` is an exact amount.
    let total: &wix_activities::Decimal = &basket.total;
    let items: &[wix::demo::Item] = visit.items.as_deref().ok_or("no items")?;
    let skus: Vec<&str> = items.iter().map(|item| item.sku.as_deref().unwrap_or_default()).collect();
    let quantity = items[0].quantity.value().ok_or("no quantity")?;

    let thing: wix::plain::Thing = serde_json::from_str(THING)?;
    let owner: &wix::plain::Owner = &thing.owner;
    let count: Option<i64> = thing.count.into_value();

    // This crate's own activity types are known and checked, not "undocumented".
    let report = activity.validate();
    assert!(report.violations().is_empty(), "{report}");
    let mut wrong: serde_json::Value = serde_json::from_str(VISIT)?;
    wrong["info"]["channel"] = "FAX".into();
    let report = Activity::<wix::ActivityInfo>::validate_json(&wrong);
    let found: Vec<String> = report.violations().iter().map(|v| v.to_string()).collect();
    assert_eq!(
        found,
        ["/info/channel: `channel` must be one of `WEB`, `MOBILE_APP`, found `FAX`"],
    );

    let names: Activity<wix::ActivityInfo> = serde_json::from_str(NAMES)?;
    let wix::ActivityInfo::DemoNames(info) = &names.info else {
        return Err(format!("not a demo/names: {:?}", names.info).into());
    };
    assert_eq!(info.extra.as_deref(), Some("e"));
    assert!(info.extra_fields.contains_key("notInTheSchema"));
    // Each of two siblings that differ only by case is read as itself.
    assert_eq!(serde_json::to_value(&names)?["info"]["timeZone"], "Z");
    assert_eq!(serde_json::to_value(&names)?["info"]["timezone"], "z");
    let _: &wix_activities::Nullable<wix::demo::Report> = &info.report;
    let _: &wix_activities::Nullable<wix::demo::Text> = &info.text;
    assert!(names.validate().is_valid());
    assert_eq!(serde_json::to_string(&names)?, NAMES);

    let activity_back = serde_json::to_string(&activity)?;
    assert_eq!(activity_back, VISIT);
    assert_eq!(serde_json::from_str::<Activity<wix::ActivityInfo>>(&activity_back)?, activity);
    let thing_back = serde_json::to_string(&thing)?;
    assert_eq!(thing_back, THING);

    println!(
        "ok visit page={} channel={} at={} total={} currency={} skus={} quantity={}",
        visit.page.as_deref().unwrap_or("-"),
        channel,
        visited_at,
        total,
        basket.currency.as_deref().unwrap_or("-"),
        skus.join(","),
        quantity,
    );
    println!(
        "ok thing id={} created={} count={} owner={}",
        // A standard file is read strictly: its required text is a `String`.
        thing.id,
        thing.created_at.to_utc().to_rfc3339(),
        count.ok_or("no count")?,
        owner.name,
    );
    println!("ok round-trip {activity_back}");
    Ok(())
}
"##;

/// What the binary prints.
const EXPECTED_STDOUT: &str = r#"ok visit page=/pricing channel=MOBILE_APP at=2024-03-01T10:30:00+02:00 total=12.5 currency=EUR skus=A-1,B-2 quantity=2
ok thing id=t-1 created=2024-03-01T08:30:00+00:00 count=3 owner=Ada
ok round-trip {"type":"demo/visit","info":{"page":"/pricing","visitedAt":"2024-03-01T10:30:00+02:00","channel":"MOBILE_APP","basket":{"total":12.5,"currency":"EUR"},"items":[{"sku":"A-1","quantity":2},{"sku":"B-2"}]}}
"#;

/// Every `*.json` file under `dir`, recursively, sorted.
fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|ext| ext == "json") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The newest build-script `output` file of package `package` under `target`.
fn newest_build_output(target: &Path, package: &str) -> PathBuf {
    let build = target.join("debug").join("build");
    let prefix = format!("{package}-");
    fs::read_dir(&build)
        .unwrap_or_else(|e| panic!("{}: {e}", build.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|dir| {
            dir.file_name()
                .and_then(|name| name.to_str())
                .is_some_and(|name| name.starts_with(&prefix))
        })
        .map(|dir| dir.join("output"))
        .filter(|output| output.is_file())
        .max_by_key(|output| {
            fs::metadata(output)
                .and_then(|m| m.modified())
                .unwrap_or(SystemTime::UNIX_EPOCH)
        })
        .unwrap_or_else(|| panic!("no {prefix}*/output under {}", build.display()))
}

#[test]
fn a_throwaway_crate_generates_and_compiles_from_its_own_build_script() {
    let repo = Path::new(REPO);
    let dir = tempfile::tempdir().unwrap();
    let krate = dir.path();
    assert!(
        !krate.starts_with(repo),
        "the throwaway crate must live outside the workspace, not in {}",
        krate.display()
    );

    throwaway_manifest(krate, THROWAWAY, "");
    write(krate, "schemas/activities/demo/visit.json", VISIT_SCHEMA);
    write(krate, "schemas/plain/thing.json", THING_SCHEMA);
    write(krate, "schemas/activities/demo/names.json", NAMES_SCHEMA);
    write(krate, "build.rs", BUILD_RS);
    write(krate, "src/lib.rs", LIB_RS);
    write(krate, "src/main.rs", MAIN_RS);

    // A fixed target folder, so later runs reuse the compiled dependencies.
    let target = repo.join("target").join("throwaway");

    let (build, report) = run(cargo()
        .args(["build", "--offline", "--message-format", "short"])
        .current_dir(krate)
        .env("CARGO_TARGET_DIR", &target));
    assert!(
        build.status.success(),
        "the throwaway crate does not build:\n{report}"
    );
    let stderr = String::from_utf8_lossy(&build.stderr);
    assert!(
        !stderr.contains("warning"),
        "building the throwaway crate (and its generated code) warns:\n{report}"
    );

    let (ran, report) = run(cargo()
        .args(["run", "--offline", "--quiet"])
        .current_dir(krate)
        .env("CARGO_TARGET_DIR", &target));
    assert!(
        ran.status.success(),
        "the throwaway binary fails:\n{report}"
    );
    assert_eq!(
        String::from_utf8_lossy(&ran.stdout),
        EXPECTED_STDOUT,
        "unexpected output:\n{report}"
    );

    let output_file = newest_build_output(&target, THROWAWAY);
    let output = fs::read_to_string(&output_file).unwrap();
    let lines: BTreeSet<&str> = output.lines().collect();
    let context = format!("{}:\n{output}", output_file.display());
    for line in &lines {
        assert!(
            line.starts_with("cargo:"),
            "not a cargo instruction: {line:?} in {context}"
        );
    }
    assert!(
        lines.contains("cargo:rerun-if-changed=schemas"),
        "no rerun-if-changed line for the schema folder in {context}"
    );
    let schema_files = json_files(&krate.join("schemas"));
    assert_eq!(schema_files.len(), 3, "{schema_files:?}");
    for file in schema_files {
        let relative = file.strip_prefix(krate).unwrap();
        let line = format!("cargo:rerun-if-changed={}", relative.display());
        assert!(lines.contains(line.as_str()), "no {line:?} in {context}");
    }
    assert!(
        lines.contains("cargo:rerun-if-env-changed=OUT_DIR"),
        "no rerun-if-env-changed=OUT_DIR in {context}"
    );

    // Two broken files: the build fails and says both, readably.
    write(krate, "schemas/plain/thing.json", "{\"type\": \"object\",}");
    write(
        krate,
        "schemas/activities/demo/names.json",
        r#"{"type": "object", "properties": {"at": {"type": "datetme"}}}"#,
    );
    let (broken, report) = run(cargo()
        .args(["build", "--offline", "--message-format", "short"])
        .current_dir(krate)
        .env("CARGO_TARGET_DIR", &target));
    assert!(!broken.status.success(), "{report}");
    let stderr = String::from_utf8_lossy(&broken.stderr);
    for problem in [
        "2 problems:",
        "  schemas/activities/demo/names.json#/properties/at/type: unknown type `datetme` (hint: expected one of",
        "  schemas/plain/thing.json: invalid JSON at line 1, column 19: trailing comma",
    ] {
        assert!(stderr.contains(problem), "no {problem:?} in:\n{report}");
    }
    assert!(!stderr.contains("Schema {"), "a Debug form in:\n{report}");
}

#[test]
fn rerun_lines_cover_the_folder_and_every_file() {
    let schemas = Path::new(REPO).join("schemas");
    let output = wix_activities_build::Config::new()
        .schemas_dir(&schemas)
        .render()
        .unwrap_or_else(|e| panic!("rendering {} failed: {e}", schemas.display()));
    let rerun = output.rerun_if_changed();
    let lines: BTreeSet<&str> = rerun.iter().map(String::as_str).collect();
    let listing = rerun.join("\n");

    let folder = format!("cargo:rerun-if-changed={}", schemas.display());
    assert!(
        lines.contains(folder.as_str()),
        "no {folder:?} in\n{listing}"
    );
    let files = json_files(&schemas);
    assert!(
        files.iter().any(|f| f.ends_with("catalogue.json")),
        "the repository's schemas have a catalogue: {files:?}"
    );
    for file in &files {
        let line = format!("cargo:rerun-if-changed={}", file.display());
        assert!(lines.contains(line.as_str()), "no {line:?} in\n{listing}");
    }
    assert!(
        lines.contains("cargo:rerun-if-env-changed=OUT_DIR"),
        "no rerun-if-env-changed=OUT_DIR in\n{listing}"
    );
    for line in &rerun {
        assert!(
            line.starts_with("cargo:"),
            "not a cargo instruction: {line:?}"
        );
    }
}

/// The package names `cargo tree --prefix none` lists for `wix-activities`,
/// with `args` added; each line is `<name> v<version> ...`.
fn tree(args: &[&str]) -> (Vec<(String, String)>, String) {
    let manifest = Path::new(REPO).join("Cargo.toml");
    let (output, report) = run(cargo()
        .arg("tree")
        .arg("--manifest-path")
        .arg(&manifest)
        .args(["-p", "wix-activities", "--prefix", "none", "--offline"])
        .args(args));
    assert!(output.status.success(), "cargo tree failed:\n{report}");
    let packages = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| {
            let mut words = line.split_whitespace();
            Some((words.next()?.to_owned(), words.next()?.to_owned()))
        })
        .collect();
    (packages, report)
}

fn assert_absent(packages: &[(String, String)], forbidden: &[&str], report: &str) {
    for (name, version) in packages {
        assert!(
            !forbidden.contains(&name.as_str()),
            "wix-activities depends on {name} {version}:\n{report}"
        );
    }
}

#[test]
fn the_generated_crate_keeps_light_dependencies() {
    const GENERATOR: &[&str] = &["typify", "schemars", "prettyplease", "wix-activities-build"];
    const CODE_GEN: &[&str] = &["syn", "quote", "proc-macro2"];

    // Nowhere in the normal tree, proc-macros (serde_derive) included.
    let (packages, report) = tree(&["-e", "normal"]);
    assert!(
        packages.iter().any(|(name, _)| name == "serde"),
        "the tree lists nothing:\n{report}"
    );
    assert_absent(&packages, GENERATOR, &report);

    // syn, quote and proc-macro2 come in only under proc-macros (serde_derive),
    // never as a direct dependency, and nothing linked into the crate uses them.
    let (packages, report) = tree(&["-e", "normal", "--depth", "1"]);
    assert_absent(&packages, GENERATOR, &report);
    assert_absent(&packages, CODE_GEN, &report);
    let (packages, report) = tree(&["-e", "normal,no-proc-macro"]);
    assert_absent(&packages, GENERATOR, &report);
    assert_absent(&packages, CODE_GEN, &report);

    // The `schemars` feature is real: it adds schemars 1.x (not the
    // generator's 0.8) as a direct dependency, and nothing of the generator.
    let (packages, report) = tree(&["-e", "normal", "--depth", "1", "--features", "schemars"]);
    assert!(
        packages
            .iter()
            .any(|(name, version)| name == "schemars" && version.starts_with("v1.")),
        "the schemars feature adds no schemars 1.x:\n{report}"
    );
    let (packages, report) = tree(&["-e", "normal", "--features", "schemars"]);
    assert_absent(
        &packages,
        &["typify", "prettyplease", "wix-activities-build"],
        &report,
    );
    assert!(
        !packages
            .iter()
            .any(|(name, version)| name == "schemars" && !version.starts_with("v1.")),
        "the schemars feature pulls another schemars than 1.x:\n{report}"
    );
}

#[test]
fn the_generated_crate_changes_nothing_in_a_users_serde_json() {
    // Cargo unifies features: a serde_json feature the crate switched on
    // (`preserve_order`, `arbitrary_precision`, ...) would change or slow
    // every `serde_json::Value` in the user's program.
    let manifest = Path::new(REPO).join("Cargo.toml");
    let (output, report) = run(cargo()
        .arg("tree")
        .arg("--manifest-path")
        .arg(&manifest)
        .args(["-p", "wix-activities", "--prefix", "none", "--offline"])
        .args([
            "-e",
            "features,normal",
            "--all-features",
            "-i",
            "serde_json",
        ]));
    assert!(output.status.success(), "cargo tree failed:\n{report}");
    let tree = String::from_utf8_lossy(&output.stdout);
    let features: BTreeSet<&str> = tree
        .lines()
        .filter_map(|line| line.strip_prefix("serde_json feature \""))
        .filter_map(|rest| rest.split('"').next())
        .collect();
    assert!(features.contains("std"), "the tree lists nothing:\n{tree}");
    // `raw_value` only adds `RawValue` (how `Number` keeps its text); `Value` is unchanged.
    let harmless: BTreeSet<&str> = ["alloc", "default", "std", "raw_value"].into();
    assert!(
        features.is_subset(&harmless),
        "wix-activities switches on serde_json features {:?}:\n{tree}",
        features.difference(&harmless).collect::<Vec<_>>()
    );
}
