//! Hostile names still give a crate that builds clean: a throwaway crate
//! generates `tests/fixtures/hostile-names/schemas/` in its build script
//! (keywords, digits, `-`, spaces, `::`, quotes, newlines, emoji, non-Latin
//! letters, empty names, names that differ by case or map to one snake
//! case, the generator's own names and std and runtime types, repeated enum
//! values, descriptions with `*/`, fences, HTML, `\r` and `\0`), passes
//! `clippy -D warnings`, and its binary reads and writes every property
//! and enum value under its exact wire name.

mod support;

use std::path::Path;

use support::{cargo, run, throwaway_manifest, write};

const REPO: &str = env!("CARGO_MANIFEST_DIR");

/// Reads each property of `demo/names.json` with a value of its own, every
/// enum value, and an event body of hostile names; each must come back as
/// it went in, and be valid.
const MAIN_RS: &str = r##"use hostile::wix;
use serde_json::{json, Map, Value};
use wix_activities::validate::Validate;

const NAMES: &str = include_str!("SCHEMA");

fn value_for(index: usize, schema: &Value) -> Value {
    if let Some(values) = schema["enum"].as_array() {
        return values[0].clone();
    }
    match schema["type"].as_str() {
        Some("object") => json!({}),
        Some("array") => json!([]),
        _ => json!(format!("value {index}")),
    }
}

fn main() {
    let schema: Value = serde_json::from_str(NAMES).unwrap();
    let properties = schema["properties"].as_object().unwrap();
    let payload: Map<String, Value> = properties
        .iter()
        .enumerate()
        .map(|(index, (name, property))| (name.clone(), value_for(index, property)))
        .collect();
    let payload = Value::Object(payload);
    let names: wix::demo::Names = serde_json::from_value(payload.clone()).unwrap();
    assert_eq!(serde_json::to_value(&names).unwrap(), payload, "a wire name changed");
    let report = names.validate();
    assert!(report.violations().is_empty(), "{report}");

    for (property, schema) in properties {
        let Some(values) = schema["enum"].as_array() else { continue };
        for value in values {
            let mut one = payload.clone();
            one[property] = value.clone();
            let names: wix::demo::Names = serde_json::from_value(one.clone()).unwrap();
            assert_eq!(serde_json::to_value(&names).unwrap(), one, "{property} = {value}");
        }
    }

    let body = json!({"type": "t", "self": "s", "Self": "S", "entity": "e", "metadata": "m",
        "data": "d", "extra": "x", "itemId": "i", "ItemId": "I", "item_id": "_", "🚀": "r", "": "empty",
        "unknown": 1});
    let event = wix::backend::Event::from_json("wixType_onTypeCreated", body.to_string().as_bytes()).unwrap();
    assert_eq!(event.name(), wix::backend::EventName::TypeCreated);
    assert_eq!(serde_json::to_value(&event).unwrap(), body);

    let thing: wix::plain::a_b::Thing = serde_json::from_str(r#"{"a": "1"}"#).unwrap();
    let other: wix::plain::a_b::Other = serde_json::from_str(r#"{"a": "2"}"#).unwrap();
    let string: wix::plain::StringSchema = serde_json::from_str(r#"{"a": "3"}"#).unwrap();
    // `backend/event.json` and `plain/event.json` are one shape, shared.
    let event: wix::common::Event = serde_json::from_str(r#"{"a": "4"}"#).unwrap();
    let _: wix::backend::EventNameSchema = serde_json::from_str("{}").unwrap();
    assert_eq!([&thing.a, &other.a, &string.a, &event.a].map(|a| a.as_deref().unwrap()), ["1", "2", "3", "4"]);
    println!("ok");
}
"##;

#[test]
fn hostile_names_generate_a_crate_that_is_clean_under_clippy_and_keeps_every_wire_name() {
    let repo = Path::new(REPO);
    let schemas = repo.join("tests/fixtures/hostile-names/schemas");
    let dir = tempfile::tempdir().unwrap();
    let krate = dir.path();
    throwaway_manifest(krate, "hostile", "\n[features]\nschemars = []\n");
    write(
        krate,
        "build.rs",
        &format!(
            r#"fn main() {{
    let schemas = r"{}";
    if let Err(error) = wix_activities_build::Config::new().schemas_dir(schemas).generate() {{
        eprintln!("{{error}}");
        std::process::exit(1);
    }}
}}
"#,
            schemas.display()
        ),
    );
    write(
        krate,
        "src/lib.rs",
        "//! Types from hostile names, public, so that every lint applies.\n\n/// The generated types.\npub mod wix {\n    include!(concat!(env!(\"OUT_DIR\"), \"/mod.rs\"));\n}\n",
    );
    let names = schemas.join("activities/demo/names.json");
    write(
        krate,
        "src/main.rs",
        &MAIN_RS.replace("SCHEMA", &names.display().to_string()),
    );

    let target = repo.join("target").join("throwaway");
    let (clippy, report) = run(cargo()
        .args([
            "clippy",
            "--offline",
            "--all-targets",
            "--message-format",
            "short",
            "--",
            "-D",
            "warnings",
        ])
        .current_dir(krate)
        .env("CARGO_TARGET_DIR", &target));
    assert!(clippy.status.success(), "clippy finds fault:\n{report}");

    let (ran, report) = run(cargo()
        .args(["run", "--offline", "--quiet"])
        .current_dir(krate)
        .env("CARGO_TARGET_DIR", &target));
    assert!(ran.status.success(), "{report}");
    assert_eq!(String::from_utf8_lossy(&ran.stdout), "ok\n", "{report}");
}
