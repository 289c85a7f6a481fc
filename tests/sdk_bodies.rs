//! Bodies built from Wix's own SDK declarations (`tools/wix-sdk/bodies.py`
//! over the field lists extracted from the pinned `@wix/auto_sdk_*`
//! packages): for each of the 33 events, one with every path the SDK
//! declares filled, one with every optional field absent, and one with every
//! nullable field `null`. None may fail to parse, and none may get an error
//! (a warning, such as a documented field left out, is allowed).

use std::path::Path;

use serde_json::Value;
use wix_activities::backend_events::{Event, EventName};
use wix_activities::validate::{self, Validate};

/// Every body, with its handler and kind (`full`, `absent`, `null`).
fn bodies() -> Vec<(String, String, String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sdk");
    let fields = root.join("fields");
    let mut found = Vec::new();
    for app in std::fs::read_dir(root.join("bodies")).unwrap() {
        let app = app.unwrap().path();
        for file in std::fs::read_dir(&app).unwrap() {
            let file = file.unwrap().path();
            let name = file.file_name().unwrap().to_str().unwrap().to_owned();
            let (event, kind) = name.trim_end_matches(".json").rsplit_once('.').unwrap();
            let list = fields
                .join(app.file_name().unwrap())
                .join(format!("{event}.json"));
            let list: Value =
                serde_json::from_str(&std::fs::read_to_string(list).unwrap()).unwrap();
            let handler = list["handler"].as_str().unwrap().to_owned();
            found.push((
                handler,
                event.to_owned(),
                kind.to_owned(),
                std::fs::read(&file).unwrap(),
            ));
        }
    }
    found.sort();
    found
}

#[test]
fn every_body_the_sdk_calls_legal_parses_and_has_no_error() {
    let bodies = bodies();
    assert_eq!(bodies.len(), 99, "33 events, three bodies each");
    for (handler, event, kind, bytes) in &bodies {
        let parsed =
            Event::from_json(handler, bytes).unwrap_or_else(|e| panic!("{event}.{kind}.json: {e}"));
        assert!(!matches!(parsed, Event::Other { .. }), "{handler}");
        for report in [parsed.validate(), validate::event_json(handler, bytes)] {
            let errors: Vec<String> = report.errors().map(|v| v.to_string()).collect();
            assert!(errors.is_empty(), "{event}.{kind}.json: {errors:#?}");
        }
    }
}

#[test]
fn every_body_comes_back_as_it_came_absent_and_null_alike() {
    let mut compared = 0;
    for (handler, event, kind, bytes) in bodies() {
        let parsed = Event::from_json(&handler, &bytes).unwrap();
        let mut sent: Value = serde_json::from_slice(&bytes).unwrap();
        // The one spelling that changes: the SDK's `metadata._id` is written as
        // the documented `id`.
        if let Some(metadata) = sent.get_mut("metadata").and_then(Value::as_object_mut) {
            if let Some(id) = metadata.shift_remove("_id") {
                metadata.insert("id".into(), id);
            }
        }
        let written = serde_json::to_value(&parsed).unwrap();
        assert_eq!(written, sent, "{event}.{kind}.json");
        compared += 1;
    }
    assert_eq!(compared, 99);
}

#[test]
fn every_body_is_read_by_its_event_type_too() {
    for (handler, ..) in bodies() {
        let name = EventName::from_handler(&handler);
        assert_eq!(EventName::from_event_type(name.event_type().unwrap()), name);
    }
}

/// Every field Wix's SDK declares as an enum, with the body it is in:
/// `(handler, event, pointer into the full body)`.
fn enum_fields() -> Vec<(String, String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sdk/fields");
    let mut found = Vec::new();
    for app in std::fs::read_dir(&root).unwrap() {
        let app = app.unwrap().path();
        if !app.is_dir() {
            continue;
        }
        for list in std::fs::read_dir(&app).unwrap() {
            let list = list.unwrap().path();
            let fields: Value = serde_json::from_slice(&std::fs::read(&list).unwrap()).unwrap();
            let event = format!(
                "{}/{}",
                app.file_name().unwrap().to_str().unwrap(),
                list.file_stem().unwrap().to_str().unwrap()
            );
            for field in fields["fields"].as_array().unwrap() {
                if field["kind"] == "enum" && field.get("cut").is_none() {
                    // The full body has one item per array.
                    let pointer = field["path"].as_str().unwrap().replace("/*", "/0");
                    let handler = fields["handler"].as_str().unwrap().to_owned();
                    found.push((handler, event.clone(), pointer));
                }
            }
        }
    }
    found.sort();
    found
}

#[test]
fn every_sdk_enum_the_schemas_describe_keeps_a_new_value_and_warns_about_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sdk/bodies");
    let (mut typed, mut undescribed) = (0, 0);
    for (handler, event, pointer) in enum_fields() {
        let body = std::fs::read(root.join(format!("{event}.full.json"))).unwrap();
        let mut body: Value = serde_json::from_slice(&body).unwrap();
        let Some(slot) = body.pointer_mut(&pointer) else {
            continue; // under a field the body builder leaves out
        };
        *slot = "A_VALUE_WIX_ADDS_LATER".into();
        let bytes = body.to_string().into_bytes();
        let parsed = Event::from_json(&handler, &bytes)
            .unwrap_or_else(|e| panic!("{event} {pointer}: a new value fails the parse: {e}"));
        assert_eq!(
            serde_json::to_value(&parsed).unwrap().pointer(&pointer),
            Some(&Value::from("A_VALUE_WIX_ADDS_LATER")),
            "{event} {pointer}: the new value is not kept"
        );
        let warned = validate::event_json(&handler, &bytes)
            .warnings()
            .any(|w| w.pointer == pointer && w.to_string().contains("is documented as one of"));
        // A field the published schemas do not describe is kept raw, unchecked.
        let described = parsed.validate().warnings().any(|w| w.pointer == pointer);
        assert_eq!(warned, described, "{event} {pointer}: the walks disagree");
        if warned {
            typed += 1;
        } else {
            undescribed += 1;
        }
    }
    // Each of the SDK's enum fields that the published schemas describe is
    // an open enum; the others are fields the schemas do not list.
    assert_eq!((typed, undescribed), (113, 461));
}
