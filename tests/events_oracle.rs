//! The event validators checked against an oracle: the `jsonschema` crate
//! (JSON Schema 2020-12) on the event schemas as written, their references
//! across files resolved by a retriever that reads the schema folder.
//!
//! Every published example is valid for both. Then every place of every
//! example is broken in turn, two ways: each property removed (invalid for
//! both exactly when the schema requires it), and each value replaced by one
//! of another JSON kind (invalid for both, at the same JSON pointer). The one
//! disagreement by design is listed: a decimal or 64-bit integer field also
//! accepts a JSON number, which the schema (text) does not. (The oracle
//! reports a missing property at the object that lacks it, ours at the
//! property; the comparison reads ours at the object.)

use std::path::{Path, PathBuf};

use jsonschema::{Retrieve, Uri};
use serde_json::{json, Value};
use wix_activities::validate::{event_json, Kind, Severity};

const BASE: &str = "https://schemas.invalid/";

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Serves `https://schemas.invalid/<path>` from the repository's `schemas/`.
struct Folder(PathBuf);

impl Retrieve for Folder {
    fn retrieve(
        &self,
        uri: &Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let path = uri
            .as_str()
            .strip_prefix(BASE)
            .ok_or_else(|| format!("not in the schema folder: {uri}"))?;
        let text = std::fs::read_to_string(self.0.join(path))?;
        Ok(as_the_types_read_it(serde_json::from_str(&text)?))
    }
}

/// The one widening by design, told to the oracle: a text property with
/// `x-wix-rest` also takes Wix's REST object for it (an image, a page URL),
/// which the types read as the SDK's text.
fn as_the_types_read_it(mut schema: Value) -> Value {
    fn widen(value: &mut Value) {
        match value {
            Value::Object(map) => {
                if map.contains_key("x-wix-rest") {
                    map.insert("type".into(), serde_json::json!(["string", "object"]));
                }
                map.values_mut().for_each(widen);
            }
            Value::Array(items) => items.iter_mut().for_each(widen),
            _ => {}
        }
    }
    widen(&mut schema);
    schema
}

fn oracle(schema_path: &str) -> jsonschema::Validator {
    let text = std::fs::read_to_string(repo().join("schemas").join(schema_path)).unwrap();
    let schema: Value = as_the_types_read_it(serde_json::from_str(&text).unwrap());
    jsonschema::options()
        .with_base_uri(format!("{BASE}{schema_path}"))
        .with_retriever(Folder(repo().join("schemas")))
        .should_validate_formats(true)
        .should_ignore_unknown_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("{schema_path}: the oracle does not take the schema: {e}"))
}

/// (handler, event schema path, published example).
fn examples() -> Vec<(String, String, Value)> {
    let text = std::fs::read_to_string(repo().join("tests/fixtures/backend_events/handlers.json"))
        .unwrap();
    let handlers: Vec<Value> = serde_json::from_str(&text).unwrap();
    handlers
        .iter()
        .filter_map(|h| {
            let fixture = h["fixture"].as_str()?;
            // tests/fixtures/backend_events/<app>/<event>.json ↔ schemas/backend_events/<app>/<event>.json
            let schema = fixture.strip_prefix("tests/fixtures/")?.to_owned();
            let example =
                serde_json::from_str(&std::fs::read_to_string(repo().join(fixture)).unwrap())
                    .unwrap();
            Some((h["handler"].as_str()?.to_owned(), schema, example))
        })
        .collect()
}

fn oracle_errors(validator: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    let mut pointers: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| e.instance_path().to_string())
        .collect();
    pointers.sort();
    pointers.dedup();
    pointers
}

fn our_errors(handler: &str, instance: &Value) -> Vec<String> {
    let report = event_json(handler, &serde_json::to_vec(instance).unwrap());
    let mut pointers: Vec<String> = report
        .violations()
        .iter()
        .filter(|v| v.severity == Severity::Error)
        // The oracle reports a missing property at the object that lacks it.
        .map(|v| match v.kind {
            Kind::Required => v
                .pointer
                .rsplit_once('/')
                .map_or("", |(parent, _)| parent)
                .to_owned(),
            _ => v.pointer.clone(),
        })
        .collect();
    pointers.sort();
    pointers.dedup();
    pointers
}

/// Every JSON pointer of `value`, parents first.
fn places(value: &Value, pointer: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let child_pointer =
                    format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1"));
                out.push(child_pointer.clone());
                places(child, child_pointer, out);
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                let child_pointer = format!("{pointer}/{index}");
                out.push(child_pointer.clone());
                places(item, child_pointer, out);
            }
        }
        _ => {}
    }
}

/// A value of another JSON kind than `value`.
fn other_kind(value: &Value) -> Value {
    match value {
        Value::Object(_) | Value::Array(_) => json!("not a container"),
        _ => json!({"not": "a scalar"}),
    }
}

fn split(pointer: &str) -> (&str, String) {
    let (parent, last) = pointer.rsplit_once('/').unwrap();
    (parent, last.replace("~1", "/").replace("~0", "~"))
}

#[test]
fn the_published_examples_are_valid_for_both() {
    let examples = examples();
    assert_eq!(examples.len(), 15);
    for (handler, schema, example) in examples {
        let validator = oracle(&schema);
        assert_eq!(
            oracle_errors(&validator, &example),
            Vec::<String>::new(),
            "{handler}"
        );
        assert_eq!(
            our_errors(&handler, &example),
            Vec::<String>::new(),
            "{handler}"
        );
    }
}

#[test]
fn every_break_of_every_example_is_seen_by_both_at_the_same_place() {
    let mut compared = 0;
    for (handler, schema, example) in examples() {
        let validator = oracle(&schema);
        let mut all = Vec::new();
        places(&example, String::new(), &mut all);
        for pointer in &all {
            let (parent, last) = split(pointer);

            // Removed: both agree on whether (and where) it was required.
            let mut removed = example.clone();
            match removed.pointer_mut(parent) {
                Some(Value::Object(map)) => {
                    map.shift_remove(&last);
                }
                Some(Value::Array(items)) => {
                    items.remove(last.parse::<usize>().unwrap());
                }
                _ => unreachable!(),
            }
            let theirs = oracle_errors(&validator, &removed);
            let ours = our_errors(&handler, &removed);
            assert_eq!(ours, theirs, "{handler}: {pointer} removed");

            // Replaced by another kind: both reject it, at that place.
            let mut replaced = example.clone();
            let original = replaced.pointer(pointer).unwrap().clone();
            *replaced.pointer_mut(pointer).unwrap() = other_kind(&original);
            let theirs = oracle_errors(&validator, &replaced);
            let ours = our_errors(&handler, &replaced);
            assert_eq!(
                ours, theirs,
                "{handler}: {pointer} replaced by another kind"
            );
            compared += 2;
        }
    }
    // 1,883 places in the 15 examples, each broken two ways.
    assert_eq!(compared, 3766);
}

#[test]
fn decimals_and_counters_also_take_json_numbers_where_the_schema_wants_text() {
    // The one disagreement by design: Wix's own clients send amounts as
    // text, but a number is the same amount, and it is read and written back
    // as a number. The oracle holds to the schema's `"type": "string"`.
    let (handler, schema, mut example) = examples()
        .into_iter()
        .find(|(h, ..)| h == "wixEcom_onCartCreated")
        .unwrap();
    example["entity"]["subtotal"]["amount"] = json!(255);
    let validator = oracle(&schema);
    assert_eq!(
        oracle_errors(&validator, &example),
        ["/entity/subtotal/amount"]
    );
    assert_eq!(our_errors(&handler, &example), Vec::<String>::new());
    example["entity"]["subtotal"]["amount"] = json!("255 dollars");
    // Not a decimal: ours rejects it; the oracle does not know `format: decimal`.
    assert_eq!(our_errors(&handler, &example), ["/entity/subtotal/amount"]);
    assert_eq!(oracle_errors(&validator, &example), Vec::<String>::new());
}
