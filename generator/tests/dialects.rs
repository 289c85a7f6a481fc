//! The repairs made for Wix's published tables touch files in Wix's dialect
//! only: a standard JSON Schema file means what it says.

mod support;

use support::render;

#[test]
fn standard_files_keep_their_names_and_wix_files_are_repaired() {
    let properties = r#""itemId": {"type": "string"}, "storeName": {"type": "string"}, "FormattedTotal": {"type": "string"}"#;
    let output = render(&[
        (
            "activities/demo/standard.json",
            &format!(
                r#"{{"type": "object", "required": ["itemId"], "properties": {{{properties}}}}}"#
            ),
        ),
        (
            "activities/demo/wix.json",
            &format!(
                r#"{{"$schema": "http://json-schema.org/draft-03/schema#", "type": "object", "properties": {{{properties}}}}}"#
            ),
        ),
    ]);
    let renamed: Vec<(&str, &str)> = output
        .repairs
        .iter()
        .filter(|r| r.pass == "property-name-case")
        .map(|r| (r.file.as_str(), r.after.as_str()))
        .collect();
    assert_eq!(renamed, [("activities/demo/wix.json", "`formattedTotal`")]);
    let standard = output.normalized["activities/demo/standard.json"]["properties"]
        .as_object()
        .unwrap();
    assert!(standard.contains_key("FormattedTotal"), "{standard:?}");
    let code = &output.files["demo.rs"];
    assert!(
        code.contains(r#""FormattedTotal""#),
        "the wire name is kept"
    );
}

#[test]
fn types_are_named_by_title_then_definition_then_property_then_file() {
    let output = render(&[(
        "cloud/ce.json",
        r##"{
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "CloudEvent",
            "type": "object",
            "properties": {
                "data": {"$ref": "#/$defs/data"},
                "source": {"title": "Source info", "type": "object", "properties": {"uri": {"type": "string"}}},
                "extension": {"$ref": "#/$defs/extension"},
                "owner": {"type": "object", "properties": {"name": {"type": "string"}}}
            },
            "$defs": {
                "data": {"title": "EventData", "type": "object", "properties": {"v": {"type": "string"}}},
                "extension": {"type": "object", "properties": {"k": {"type": "string"}}}
            }
        }"##,
    )]);
    let code = &output.files["cloud.rs"];
    for name in [
        "CloudEvent",
        "EventData",
        "SourceInfo",
        "Extension",
        "Owner",
    ] {
        assert!(
            code.contains(&format!("pub struct {name} {{")),
            "no {name} in:\n{code}"
        );
    }
    assert!(!code.contains("pub struct Ce "), "{code}");
}

#[test]
fn string_formats_get_their_own_checks() {
    let formats = ["date", "time", "uuid", "ipv4", "ipv6", "hostname"];
    let properties: Vec<String> = formats
        .iter()
        .map(|f| format!(r#""{f}Value": {{"type": "string", "format": "{f}"}}"#))
        .collect();
    let output = render(&[(
        "demo/formats.json",
        &format!(
            r#"{{"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object", "properties": {{{}}}}}"#,
            properties.join(", ")
        ),
    )]);
    let code: String = output.files.values().map(String::as_str).collect();
    for (format, rule) in formats
        .iter()
        .zip(["DATE", "TIME", "UUID", "IPV4", "IPV6", "HOSTNAME"])
    {
        assert!(
            code.contains(&format!(r#"("{format}Value", Rule::Text(Text::{rule}))"#)),
            "{format}: {code}"
        );
    }
}

#[test]
fn a_required_property_whose_types_include_null_may_be_null() {
    let output = render(&[(
        "demo/pair.json",
        r#"{"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object", "required": ["a", "b"],
            "properties": {"a": {"type": ["string", "null"]}, "b": {"type": "string"}, "c": {"type": ["string", "null"]}}}"#,
    )]);
    let code: String = output.files.values().map(String::as_str).collect();
    assert!(
        code.contains(r#"FieldRule::required("a", Rule::TEXT).nullable()"#),
        "{code}"
    );
    assert!(
        code.contains(r#"FieldRule::required("b", Rule::TEXT),"#),
        "{code}"
    );
    assert!(
        code.contains(r#"FieldRule::optional("c", Rule::TEXT),"#),
        "{code}"
    );
}

#[test]
fn a_number_enum_or_const_is_a_rule() {
    let output = render(&[(
        "demo/numbers.json",
        r#"{"type": "object", "properties": {"d": {"type": "integer", "enum": [1, 2, 3]}, "e": {"type": "number", "const": 2.5}}}"#,
    )]);
    let code: String = output.files.values().map(String::as_str).collect();
    assert!(
        code.contains(r#"Rule::Integer(Range::ANY.one_of(&[1.0, 2.0, 3.0]))"#),
        "{code}"
    );
    assert!(
        code.contains(r#"Rule::Number(Range::ANY.one_of(&[2.5]))"#),
        "{code}"
    );
    assert!(
        code.contains("pub d: Nullable<i64>") && code.contains("pub e: Nullable<Number>"),
        "{code}"
    );
}

#[test]
fn a_keyword_the_user_ignores_is_taken_out_not_refused() {
    let files = [(
        "demo/tags.json",
        r#"{"type": "object", "properties": {
            "tags": {"type": "array", "items": {"type": "string"}, "uniqueItems": true},
            "uniqueItems": {"type": "string", "not": {"const": "x"}}
        }}"#,
    )];
    let refused = support::try_render(&files).unwrap_err().to_string();
    assert!(
        refused.contains("/properties/tags/uniqueItems: `uniqueItems` is not supported"),
        "{refused}"
    );
    assert!(
        refused.contains("/properties/uniqueItems/not: `not` is not supported"),
        "{refused}"
    );

    let mut config = wix_activities_build::Config::new();
    config.ignore_keywords(["uniqueItems"]);
    let still = support::try_render_with(&files, &mut config)
        .unwrap_err()
        .to_string();
    assert!(
        !still.contains("`uniqueItems` is not supported") && still.contains("`not`"),
        "{still}"
    );

    config.ignore_keywords(["not"]);
    let output = support::try_render_with(&files, &mut config).unwrap();
    let schema = &output.normalized["demo/tags.json"]["properties"];
    assert!(schema["tags"].get("uniqueItems").is_none(), "{schema}");
    assert!(
        schema["uniqueItems"].get("not").is_none(),
        "a property of the name stays: {schema}"
    );
    let code: String = output.files.values().map(String::as_str).collect();
    assert!(code.contains(r#""uniqueItems""#), "{code}");
}
