//! Bad schema folders get a clear, located error, never a panic.

mod support;

use std::path::Path;

use support::{render, try_render};
use wix_activities_build::{Config, Error};

fn error(files: &[(&str, &str)]) -> String {
    let message = try_render(files)
        .expect_err("the folder is invalid")
        .to_string();
    // The temporary folder's name varies; keep what follows it.
    message
        .split_once("/activities/")
        .map(|(_, rest)| format!("activities/{rest}"))
        .unwrap_or(message)
}

const OK: &str = r#"{"type": "object", "properties": {"a": {"type": "string"}}}"#;

#[test]
fn invalid_json_names_the_file_line_and_column() {
    assert_eq!(
        error(&[("activities/demo/a.json", "{\n  \"type\": \"object\",\n}")]),
        "activities/demo/a.json: invalid JSON at line 3, column 1: trailing comma"
    );
    assert_eq!(
        error(&[("activities/demo/a.json", "")]),
        "activities/demo/a.json: invalid JSON at line 1, column 0: EOF while parsing a value"
    );
}

#[test]
fn schema_problems_name_the_file_and_pointer() {
    let cases = [
        (r#"{"type": "object", "properties": {"a": {"type": "strnig"}}}"#, "activities/demo/a.json#/properties/a/type: unknown type `strnig`"),
        (r#"{"type": "object", "properties": {"a": "string"}}"#, "activities/demo/a.json#/properties/a: property `a` is not an object but the string `string`"),
        (r##"{"type": "object", "properties": {"a": {"$ref": "#/definitions/B"}}}"##, "activities/demo/a.json#/properties/a/$ref: `$ref` `#/definitions/B` points nowhere"),
        (r#"{"type": "object", "properties": {"a": {"type": "object", "properties": {"b": {"type": "string"}, "b": {"type": "number"}}}}}"#, "activities/demo/a.json#/properties/a/properties: duplicate key `b`"),
        (r#"{"type": "object", "properties": {"a": {"allOf": [{"type": "string"}, {"type": "integer"}]}}}"#, "activities/demo/a.json#/properties/a: this `allOf`'s parts do not merge into one schema"),
        (r#"{"type": "object", "properties": {"a": {"type": "string", "properties": {"b": {"type": "string"}}}}}"#, "activities/demo/a.json#/properties/a: a `string` property declares child properties"),
        (r#"{"type": "array"}"#, "activities/demo/a.json#: the root of a schema file must be an object type"),
        (r#"[1, 2]"#, "activities/demo/a.json#: a schema file must hold an object, found an array"),
        (r#"{"type": "object", "properties": {"a": {"type": "string", "pattern": "([a-z"}}}"#, "activities/demo/a.json#/properties/a/pattern: `pattern` must be an ECMA-262 regular expression, found the string `([a-z`"),
        (r##"{"type": "object", "properties": {"a": {"$ref": "#/definitions/A"}}, "definitions": {"A": {"type": "object", "properties": {"self": {"$ref": "#/definitions/A"}}}}}"##, "recursive types are not supported"),
    ];
    for (text, expected) in cases {
        let message = error(&[
            ("activities/demo/a.json", text),
            ("activities/demo/b.json", OK),
        ]);
        assert!(
            message.starts_with(expected) || message.contains(expected),
            "expected {expected:?}, got {message:?}"
        );
    }
}

#[test]
fn references_to_other_files_and_handler_names_are_checked() {
    let event = |handler: &str, entity: &str| {
        format!(
            r#"{{"x-wix-handler": "{handler}", "type": "object", "properties": {{"entity": {entity}}}}}"#
        )
    };
    let located = |files: &[(&str, &str)]| {
        let message = try_render(files)
            .expect_err("the folder is invalid")
            .to_string();
        message
            .split_once("/events/")
            .map(|(_, rest)| format!("events/{rest}"))
            .unwrap_or(message)
    };
    let cases = [
        (
            event("wixEcom_onCartCreated", r#"{"$ref": "entities/cart.json"}"#),
            "events/ecom/cart-created.json#/properties/entity/$ref: `$ref` `entities/cart.json` names no schema file",
        ),
        (
            event("wixEcom_onCartCreated", r#"{"$ref": "entities/money.json#/$defs/Nothing"}"#),
            "events/ecom/cart-created.json#/properties/entity/$ref: `$ref` `entities/money.json#/$defs/Nothing` points nowhere: `events/ecom/entities/money.json` has nothing at `/$defs/Nothing`",
        ),
        (
            event("wixEcom_onCartCreated", r#"{"$ref": "../../../outside.json"}"#),
            "events/ecom/cart-created.json#/properties/entity/$ref: `$ref` `../../../outside.json` points outside the schema folder",
        ),
        (
            event("wixEcom_onCartCreated", r#"{"$ref": "https://example.com/cart.json"}"#),
            "events/ecom/cart-created.json#/properties/entity/$ref: `$ref` `https://example.com/cart.json` points outside the schema folder",
        ),
        (
            event("wixEcom_onCartUpdated", r#"{"type": "object"}"#),
            "events/ecom/cart-created.json#/x-wix-handler: handler `wixEcom_onCartUpdated` names the event `CartUpdated`, but the file is named for `CartCreated`",
        ),
        (
            event("on_cart_created", r#"{"type": "object"}"#),
            "events/ecom/cart-created.json#/x-wix-handler: `on_cart_created` is not a handler name",
        ),
        (
            r#"{"x-wix-event-type": "wix.ecom.v1.cart_created", "type": "object"}"#.to_owned(),
            "events/ecom/cart-created.json#/x-wix-event-type: `x-wix-event-type` without `x-wix-handler`",
        ),
        (
            r#"{"x-wix-handler": "wixEcom_onCartCreated", "x-wix-event-type": 5, "type": "object"}"#.to_owned(),
            "events/ecom/cart-created.json#/x-wix-event-type: `x-wix-event-type` must be a string, found the number `5`",
        ),
        (
            r#"{"x-wix-handler": "wixEcom_onCartCreated", "x-wix-event-type": "Cart Created", "type": "object"}"#.to_owned(),
            "events/ecom/cart-created.json#/x-wix-event-type: `Cart Created` is not a Wix event type (hint: an event type is what Wix's SDK tags `@eventType`, such as `wix.ecom.v1.cart_created`)",
        ),
        (
            r#"{"x-wix-rest-paths": {"image": ["/entity/image"]}, "type": "object"}"#.to_owned(),
            "events/ecom/cart-created.json#/x-wix-rest-paths: `x-wix-rest-paths` without `x-wix-handler`",
        ),
        (
            r#"{"x-wix-handler": "wixEcom_onCartCreated", "x-wix-rest-paths": {"video": []}, "type": "object"}"#.to_owned(),
            "events/ecom/cart-created.json#/x-wix-rest-paths/video: `video` is not a kind of REST path (one of image, page-url, address)",
        ),
        (
            r#"{"x-wix-handler": "wixEcom_onCartCreated", "x-wix-rest-paths": {"image": "/entity/image"}, "type": "object"}"#.to_owned(),
            "events/ecom/cart-created.json#/x-wix-rest-paths/image: must be an array of JSON pointers, found the string `/entity/image`",
        ),
        (
            r#"{"x-wix-handler": "wixEcom_onCartCreated", "x-wix-rest-paths": {"page-url": ["/entity/url", "entity.url"]}, "type": "object"}"#.to_owned(),
            "events/ecom/cart-created.json#/x-wix-rest-paths/page-url/1: must be a JSON pointer (`/entity/image`), found the string `entity.url`",
        ),
        (
            r#"{"type": "object", "x-wix-expected": ["entity"], "properties": {"metadata": {"type": "object"}}}"#.to_owned(),
            "events/ecom/cart-created.json#/x-wix-expected/0: `x-wix-expected` names `entity`, which is not a property here",
        ),
        (
            r#"{"type": "object", "properties": {"status": {"type": "string", "x-wix-open-enum": true}}}"#.to_owned(),
            "events/ecom/cart-created.json#/properties/status/x-wix-open-enum: `x-wix-open-enum` must be `true` or `false`, beside an `enum`, found the boolean `true`",
        ),
        (
            r#"{"type": "object", "properties": {"image": {"type": "string", "x-wix-rest": "picture"}}}"#.to_owned(),
            "events/ecom/cart-created.json#/properties/image/x-wix-rest: `x-wix-rest` must be `image` or `page-url`, found the string `picture`",
        ),
        (
            r#"{"type": "object", "properties": {"id": {"type": "string", "x-aliases": "_id"}}}"#.to_owned(),
            "events/ecom/cart-created.json#/properties/id/x-aliases: `x-aliases` must be an array of strings, found the string `_id`",
        ),
    ];
    for (text, expected) in cases {
        let message = located(&[
            ("events/ecom/cart-created.json", &text),
            ("events/ecom/entities/money.json", OK),
        ]);
        assert!(
            message.starts_with(expected),
            "expected {expected:?}, got {message:?}"
        );
    }
}

#[test]
fn hints_say_what_to_do() {
    let message = error(&[(
        "activities/demo/a.json",
        r#"{"type": "object", "properties": {"a": {"type": "strnig"}}}"#,
    )]);
    assert!(message.ends_with("(hint: expected one of string, number, integer, boolean, object, array, null, datetime)"), "{message}");
}

#[test]
fn unreadable_and_missing_inputs_name_the_path() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("activities/demo")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        dir.path().join("nowhere.json"),
        dir.path().join("activities/demo/dangling.json"),
    )
    .unwrap();
    #[cfg(unix)]
    {
        let message = Config::new()
            .schemas_dir(dir.path())
            .render()
            .unwrap_err()
            .to_string();
        assert!(
            message.contains("activities/demo/dangling.json: a symbolic link to `")
                && message.contains("nowhere.json`, which does not exist"),
            "{message}"
        );
    }
    let message = Config::new()
        .schemas_dir(Path::new("/nonexistent/schemas"))
        .render()
        .unwrap_err()
        .to_string();
    assert!(
        message.starts_with("/nonexistent/schemas: No such file or directory"),
        "{message}"
    );
    let empty = tempfile::tempdir().unwrap();
    let message = Config::new()
        .schemas_dir(empty.path())
        .render()
        .unwrap_err()
        .to_string();
    assert!(
        message.contains("no schema files (`*.json`) in this folder"),
        "{message}"
    );
}

#[test]
fn every_problem_of_the_folder_comes_in_one_error() {
    let error = try_render(&[
        (
            "activities/demo/a.json",
            r#"{"type": "object", "properties": {"a": {"type": "strnig"}, "b": 5}}"#,
        ),
        ("activities/demo/b.json", "{"),
        ("activities/demo/c.json", OK),
    ])
    .unwrap_err();
    let problems: Vec<String> = error
        .problems()
        .iter()
        .map(|p| {
            p.to_string()
                .split_once("/activities/")
                .unwrap()
                .1
                .to_owned()
        })
        .collect();
    assert_eq!(
        problems,
        [
            "demo/a.json#/properties/a/type: unknown type `strnig` (hint: expected one of string, number, integer, boolean, object, array, null, datetime)",
            "demo/a.json#/properties/b: property `b` is not an object but the number `5` (hint: each property maps its name to a schema object such as `{\"type\": \"string\"}`)",
            "demo/b.json: invalid JSON at line 1, column 1: EOF while parsing an object",
        ]
    );
    let message = error.to_string();
    assert!(message.starts_with("3 problems:\n  /"), "{message}");
    assert_eq!(message.lines().count(), 4, "{message}");
}

#[test]
fn out_dir_must_be_known() {
    if std::env::var_os("OUT_DIR").is_none() {
        let error = Config::new().schemas_dir("unused").generate().unwrap_err();
        assert!(matches!(error, Error::OutDirNotSet));
        assert!(error.to_string().contains("call `Config::out_dir`"));
    }
}

#[test]
fn a_bad_catalogue_is_located_too() {
    let message = error(&[
        ("activities/demo/a.json", OK),
        ("catalogue.json", r#"{"groupz": {}}"#),
    ]);
    assert!(
        message.contains(
            "catalogue.json: not a catalogue at line 1, column 9: unknown field `groupz`"
        ),
        "{message}"
    );
}

#[test]
fn mangled_versions_of_the_real_schemas_never_panic() {
    // Every prefix of a real schema at a stride, and each with a value of
    // the wrong kind spliced in, through the whole pipeline.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schemas/activities");
    let real = std::fs::read_to_string(root.join("hotels/purchase.json")).unwrap();
    let mut variants: Vec<String> = (0..real.len())
        .step_by(97)
        .filter(|i| real.is_char_boundary(*i))
        .map(|i| real[..i].to_owned())
        .collect();
    for (from, to) in [
        ("\"object\"", "\"array\""),
        ("\"string\"", "3"),
        ("\"properties\": {", "\"properties\": [{"),
        ("true", "\"yes\""),
        ("\"items\": {", "\"items\": ["),
    ] {
        variants.push(real.replacen(from, to, 1));
    }
    for text in variants {
        let result =
            std::panic::catch_unwind(|| try_render(&[("activities/hotels/purchase.json", &text)]));
        assert!(result.is_ok(), "panicked on:\n{text}");
    }
}

#[test]
fn standard_json_schema_is_read_too() {
    let standard = r##"{
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "required": ["at", "who"],
        "properties": {
            "at": {"type": "string", "format": "date-time", "description": "When"},
            "who": {"$ref": "#/$defs/Person"},
            "count": {"type": "integer"},
            "until": {"$ref": "#/$defs/Instant"},
            "tags": {"type": "array", "items": {"type": "string", "enum": ["a", "b"]}}
        },
        "$defs": {
            "Person": {"type": "object", "description": "Who visited", "required": ["name"], "properties": {"name": {"type": "string"}, "born": {"$ref": "#/$defs/Instant"}}},
            "Instant": {"type": "string", "format": "date-time"}
        }
    }"##;
    let output = render(&[("plain/visit.json", standard)]);
    assert_eq!(output.dialects[0].1.to_string(), "standard JSON Schema");
    assert!(
        output.repairs.is_empty(),
        "a standard schema needs no repair: {:?}",
        output.repairs
    );
    let rust = &output.files["plain.rs"];
    assert!(rust.contains("pub struct Visit {"), "{rust}");
    assert!(rust.contains("pub at: DateTime,"), "{rust}");
    assert!(
        rust.contains("/// Who visited\n    pub who: Person,"),
        "a `$ref` field takes its type's description: {rust}"
    );
    assert!(rust.contains("pub count: Nullable<i64>,"), "{rust}");
    assert!(rust.contains("pub tags: Nullable<Vec<Tag>>,"), "{rust}");
    assert!(rust.contains("pub struct Person {"), "{rust}");
    assert!(rust.contains("pub until: Nullable<DateTime>,"), "{rust}");
    assert!(rust.contains("pub born: Nullable<DateTime>,"), "{rust}");
}

#[test]
fn json_schema_keywords_become_validation_rules() {
    let schema = r#"{
        "$schema": "http://json-schema.org/draft-07/schema#",
        "type": "object",
        "additionalProperties": false,
        "required": ["code", "count"],
        "properties": {
            "code": {"type": "string", "minLength": 2, "maxLength": 8, "const": "ab", "pattern": "^[a-z]+$"},
            "count": {"type": "integer", "minimum": 1, "exclusiveMaximum": 100},
            "tags": {"type": "array", "minItems": 1, "maxItems": 3, "items": {"type": "string", "format": "email"}}
        }
    }"#;
    let output = render(&[("plain/limits.json", schema)]);
    let rust = &output.files["plain.rs"];
    let compact: String = rust.chars().filter(|c| !c.is_whitespace()).collect();
    for expected in [
        "FieldRule::required(\"code\",Rule::StrictText(Text::ANY.min_length(2).max_length(8).constant(\"ab\").pattern(\"^[a-z]+$\"),),)",
        "Rule::StrictInteger(Range::ANY.minimum(1.0).exclusive_maximum(100.0))",
        ".closed()",
        "FieldRule::optional(\"tags\",Rule::Array(Items::ANY.min_items(1).max_items(3),&Rule::StrictText(Text::EMAIL),),)",
    ] {
        assert!(compact.contains(expected), "missing {expected:?} in:\n{rust}");
    }
}
