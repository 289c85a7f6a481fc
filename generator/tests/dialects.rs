//! The repairs made for Wix's published tables touch files in Wix's dialect
//! only: a standard JSON Schema file means what it says.

mod support;

use support::{render, try_render, try_render_with};
use wix_activities_build::{Config, Leniency};

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
            code.contains(&format!(
                r#"("{format}Value", Rule::StrictText(Text::{rule}))"#
            )),
            "{format}: {code}"
        );
    }
}

#[test]
fn a_property_whose_types_include_null_may_be_null() {
    let output = render(&[(
        "demo/pair.json",
        r#"{"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object", "required": ["a", "b"],
            "properties": {"a": {"type": ["string", "null"]}, "b": {"type": "string"}, "c": {"type": ["string", "null"]},
                "d": {"type": "string"}}}"#,
    )]);
    let code: String = output.files.values().map(String::as_str).collect();
    for expected in [
        r#"FieldRule::required("a", Rule::STRICT_TEXT).nullable(),"#,
        r#"FieldRule::required("b", Rule::STRICT_TEXT),"#,
        // Read strictly, `null` is a value only where the types say so.
        r#"FieldRule::optional("c", Rule::STRICT_TEXT).nullable(),"#,
        r#"FieldRule::optional("d", Rule::STRICT_TEXT),"#,
        ".strict()",
        // A required text must be sent: `""` is a value, absent is not.
        "pub b: String,",
    ] {
        assert!(code.contains(expected), "{expected}: {code}");
    }
}

#[test]
fn wix_leniency_is_the_dialects_unless_the_user_or_the_catalogue_chooses() {
    let schema = r#"{"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object", "required": ["b"],
        "properties": {"b": {"type": "string"}, "n": {"type": "integer"}, "currency": {"type": "string"},
            "kind": {"type": "string", "enum": ["chat", "call"]}}}"#;
    let lenient = |code: &str| {
        code.contains(r#"FieldRule::required("b", Rule::TEXT),"#)
            && code.contains("pub b: Nullable<String>,")
            && code.contains("read_as::<OptionalInteger, _>")
            && code.contains("Rule::Text(Text::CURRENCY)")
            && code.contains("lenient::variant(")
            && !code.contains(".strict()")
    };
    let strict = |code: &str| {
        code.contains(r#"FieldRule::required("b", Rule::STRICT_TEXT),"#)
            && code.contains("pub b: String,")
            && code.contains("read_as::<OptionalStrictInteger, _>")
            && code.contains(r#"FieldRule::optional("currency", Rule::STRICT_TEXT),"#)
            && code.contains("lenient::exact_variant(")
            && code.contains(".strict()")
    };
    let code = |config: &mut Config| -> String {
        let output = try_render_with(&[("shop/order.json", schema)], config).unwrap();
        output.files.values().map(String::as_str).collect()
    };
    let by_default = code(&mut Config::new());
    assert!(strict(&by_default), "{by_default}");
    let chosen = code(Config::new().leniency("shop", Leniency::Wix));
    assert!(lenient(&chosen), "{chosen}");
    // The deeper choice wins.
    let deeper = code(
        Config::new()
            .leniency("shop/order.json", Leniency::Strict)
            .leniency("", Leniency::Wix),
    );
    assert!(strict(&deeper), "{deeper}");
    let catalogue = try_render(&[
        ("shop/order.json", schema),
        ("catalogue.json", r#"{"leniency": {"shop": "wix"}}"#),
    ])
    .unwrap();
    let catalogue: String = catalogue.files.values().map(String::as_str).collect();
    assert!(lenient(&catalogue), "{catalogue}");
    let misspelt = try_render_with(
        &[("shop/order.json", schema)],
        Config::new().leniency("shops", Leniency::Wix),
    )
    .unwrap_err()
    .to_string();
    assert!(
        misspelt.contains("the leniency for `shops` covers no schema file"),
        "{misspelt}"
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
        code.contains(r#"Rule::StrictInteger(Range::ANY.one_of(&[1.0, 2.0, 3.0]))"#),
        "{code}"
    );
    assert!(
        code.contains(r#"Rule::StrictNumber(Range::ANY.one_of(&[2.5]))"#),
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
            "tags": {"type": "array", "items": {"type": "string"}, "contains": {"type": "string"}},
            "contains": {"type": "string", "not": {"const": "x"}}
        }}"#,
    )];
    let refused = support::try_render(&files).unwrap_err().to_string();
    assert!(
        refused.contains("/properties/tags/contains: `contains` is not supported"),
        "{refused}"
    );
    assert!(
        refused.contains("/properties/contains/not: `not` is not supported"),
        "{refused}"
    );

    let mut config = wix_activities_build::Config::new();
    config.ignore_keywords(["contains"]);
    let still = support::try_render_with(&files, &mut config)
        .unwrap_err()
        .to_string();
    assert!(
        !still.contains("`contains` is not supported") && still.contains("`not`"),
        "{still}"
    );

    config.ignore_keywords(["not"]);
    let output = support::try_render_with(&files, &mut config).unwrap();
    let schema = &output.normalized["demo/tags.json"]["properties"];
    assert!(schema["tags"].get("contains").is_none(), "{schema}");
    assert!(
        schema["contains"].get("not").is_none(),
        "a property of the name stays: {schema}"
    );
    let code: String = output.files.values().map(String::as_str).collect();
    assert!(code.contains(r#""contains""#), "{code}");
}
