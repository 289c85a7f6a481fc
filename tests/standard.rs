//! The standard JSON Schema corpus (`tests/fixtures/standard/`): schema
//! files written from the draft-07 and 2020-12 specifications, read with
//! the generator's defaults for standard files (strictly, as serde and
//! JSON Schema read them). The build script generates their types; each
//! case of `cases/<name>.json` says whether its instance is valid and, if
//! not, the pointer of every error. The crate's three ways of checking (the
//! one-pass walk of the bytes, the walk of a `Value`, the typed parse and
//! its `Validate`) must give exactly those pointers, a valid instance must
//! round-trip unchanged, and the `jsonschema` crate, given the schema file
//! as written, must agree on every verdict and pointer.

use std::collections::BTreeSet;
use std::path::Path;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use wix_activities::validate::{JsonRules, Report, Validate, ValidateJson};
use wix_activities_harness::standard;

const FOLDER: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/standard");

/// What checking one instance found, by each way.
struct Found {
    bytes: Vec<String>,
    value: Vec<String>,
    /// The typed parse's errors after `Validate`, or the parse error.
    typed: Result<(Vec<String>, Value), String>,
}

fn pointers(report: &Report) -> Vec<String> {
    let set: BTreeSet<String> = report.errors().map(|e| e.pointer.clone()).collect();
    set.into_iter().collect()
}

fn check<T: JsonRules + DeserializeOwned + Serialize>(bytes: &[u8]) -> Found {
    let value: Value = serde_json::from_slice(bytes).expect("a case is JSON");
    Found {
        bytes: pointers(&T::validate_json_bytes(bytes)),
        value: pointers(&T::validate_json(&value)),
        typed: serde_json::from_slice::<T>(bytes)
            .map(|typed| {
                let written = serde_json::to_value(&typed).expect("a typed value serializes");
                (pointers(&typed.validate()), written)
            })
            .map_err(|e| e.to_string()),
    }
}

/// Each schema file's root type, by file stem.
fn checker(stem: &str) -> Option<fn(&[u8]) -> Found> {
    Some(match stem {
        "all-of" => check::<standard::all_of::Employee>,
        "all-of-nested" => check::<standard::all_of_nested::Invoice>,
        "arrays" => check::<standard::arrays::Basket>,
        "booleans" => check::<standard::booleans::Flags>,
        "closed" => check::<standard::closed::Point>,
        "cloud-event" => check::<standard::cloud_event::CloudEvent>,
        "definitions" => check::<standard::definitions::Shipment>,
        "defs-2020" => check::<standard::defs_2020::Library>,
        "dependent-required" => check::<standard::dependent_required::Payment>,
        "empty-string" => check::<standard::empty_string::Comment>,
        "enums" => check::<standard::enums::Ticket>,
        "formats-network" => check::<standard::formats_network::Endpoint>,
        "formats-time" => check::<standard::formats_time::Schedule>,
        "multiple-of" => check::<standard::multiple_of::Pack>,
        "nested" => check::<standard::nested::Customer>,
        "nullable" => check::<standard::nullable::Profile>,
        "nullable-union" => check::<standard::nullable_union::Assignment>,
        "numbers" => check::<standard::numbers::Measurement>,
        "numeric-enums" => check::<standard::numeric_enums::Rating>,
        "object-size" => check::<standard::object_size::Labels>,
        "one-of-scalars" => check::<standard::one_of_scalars::Setting>,
        "one-of-tagged" => check::<standard::one_of_tagged::Drawing>,
        "open" => check::<standard::open::Annotated>,
        "order" => check::<standard::order::Order>,
        "property-names" => check::<standard::property_names::Headers>,
        "push-event" => check::<standard::push_event::PushEvent>,
        "ref-scalar" => check::<standard::ref_scalar::Account>,
        "required" => check::<standard::required::Contact>,
        "strings" => check::<standard::strings::Label>,
        "unique-items" => check::<standard::unique_items::Tags>,
        _ => return None,
    })
}

/// An error of the oracle: the pointer of the value it is about (for a
/// missing required property or an undocumented one, the property's own
/// pointer, where the crate reports it, not the object's), and whether it
/// is a composition's (`oneOf`/`anyOf` matched by no branch), which the
/// crate reports at the values inside that make the branch fail.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct OracleError {
    pointer: String,
    composite: bool,
}

fn oracle(schema: &Value, instance: &Value) -> Vec<OracleError> {
    use jsonschema::error::ValidationErrorKind as K;
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(schema)
        .unwrap_or_else(|e| panic!("the oracle does not take the schema: {e}"));
    let escape = |name: &str| name.replace('~', "~0").replace('/', "~1");
    let at = |pointer: String| OracleError {
        pointer,
        composite: false,
    };
    let mut found = BTreeSet::new();
    for error in validator.iter_errors(instance) {
        let pointer = error.instance_path().as_str().to_owned();
        match error.kind() {
            K::Required { property } => {
                let name = escape(property.as_str().unwrap_or_default());
                found.insert(at(format!("{pointer}/{name}")));
            }
            K::AdditionalProperties { unexpected } => {
                found.extend(
                    unexpected
                        .iter()
                        .map(|name| at(format!("{pointer}/{}", escape(name)))),
                );
            }
            K::AnyOf { .. } | K::OneOfNotValid { .. } => {
                found.insert(OracleError {
                    pointer,
                    composite: true,
                });
            }
            _ => {
                found.insert(at(pointer));
            }
        }
    }
    found.into_iter().collect()
}

/// Whether the oracle's errors are `expected`: each expected pointer is an
/// oracle error's, or inside a composition's that failed; each oracle error
/// has an expected pointer at it (or, for a composition's, inside it).
fn agrees(oracle: &[OracleError], expected: &[String]) -> bool {
    let inside = |pointer: &str, at: &OracleError| {
        pointer == at.pointer
            || (at.composite && pointer.starts_with(&format!("{}/", at.pointer)))
            || (at.composite && at.pointer.is_empty())
    };
    expected.iter().all(|p| oracle.iter().any(|o| inside(p, o)))
        && oracle.iter().all(|o| expected.iter().any(|p| inside(p, o)))
}

/// Whether `written` is `sent`, a number being the same number in another
/// spelling (an `integer` sent as `2.0` is the `i64` 2, written `2`).
fn same(written: &Value, sent: &Value) -> bool {
    match (written, sent) {
        (Value::Number(a), Value::Number(b)) => a.as_f64() == b.as_f64(),
        (Value::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(a, b)| same(a, b))
        }
        (Value::Object(a), Value::Object(b)) => {
            a.len() == b.len() && a.iter().all(|(k, v)| b.get(k).is_some_and(|w| same(v, w)))
        }
        (a, b) => a == b,
    }
}

fn read(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every schema of the corpus, by stem, with its cases.
fn corpus() -> Vec<(String, Value, Vec<Value>)> {
    let mut stems: Vec<String> = std::fs::read_dir(Path::new(FOLDER).join("schemas"))
        .expect("the corpus folder")
        .map(|entry| entry.expect("a folder entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .map(|path| path.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    stems.sort();
    stems
        .into_iter()
        .map(|stem| {
            let schema = read(&Path::new(FOLDER).join(format!("schemas/{stem}.json")));
            let cases = read(&Path::new(FOLDER).join(format!("cases/{stem}.json")));
            let cases = cases.as_array().expect("cases are an array").clone();
            (stem, schema, cases)
        })
        .collect()
}

#[test]
fn every_case_gets_its_verdict_and_pointers_from_the_crate_and_the_oracle() {
    let corpus = corpus();
    assert!(corpus.len() >= 30, "the corpus shrank to {}", corpus.len());
    let mut problems = Vec::new();
    let mut cases = 0;
    for (stem, schema, list) in &corpus {
        let check =
            checker(stem).unwrap_or_else(|| panic!("`{stem}` has no root type listed here"));
        assert!(!list.is_empty(), "{stem}: no cases");
        for case in list {
            cases += 1;
            let what = format!("{stem}: {}", case["description"].as_str().unwrap_or("?"));
            let data = &case["data"];
            let valid = case["valid"].as_bool().expect("`valid`");
            let expected: Vec<String> = case
                .get("errors")
                .and_then(Value::as_array)
                .map(|e| e.iter().map(|p| p.as_str().unwrap().to_owned()).collect())
                .unwrap_or_default();
            assert_eq!(
                valid,
                expected.is_empty(),
                "{what}: `valid` and `errors` disagree"
            );
            let bytes = serde_json::to_vec(data).unwrap();
            let found = check(&bytes);
            if found.bytes != expected {
                problems.push(format!(
                    "{what}: the byte walk says {:?}, expected {expected:?}",
                    found.bytes
                ));
            }
            if found.value != expected {
                problems.push(format!(
                    "{what}: the value walk says {:?}, expected {expected:?}",
                    found.value
                ));
            }
            match (&found.typed, valid) {
                (Ok((typed, written)), _) => {
                    if *typed != expected {
                        problems.push(format!(
                            "{what}: `Validate` says {typed:?}, expected {expected:?}"
                        ));
                    }
                    if !same(written, data) {
                        problems.push(format!("{what}: read and written back it is {written}"));
                    }
                }
                (Err(error), true) => {
                    problems.push(format!("{what}: a valid instance does not parse: {error}"))
                }
                // An instance of the wrong kinds does not parse: the walks report it.
                (Err(_), false) => {}
            }
            let oracle = oracle(schema, data);
            if !agrees(&oracle, &expected) {
                problems.push(format!(
                    "{what}: the oracle says {oracle:?}, expected {expected:?}"
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} of {cases} cases:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
