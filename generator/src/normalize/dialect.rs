//! Wix's schema dialect (quirks part C, and A9) → draft-07.

use serde_json::{Map, Value};

use super::{compact, walk_schemas, Change, Document};
use crate::pointer;

/// A type name written with capitals (`Datetime`, quirk A9) is that type.
pub(super) fn type_name_case(document: &mut Document) -> Vec<Change> {
    let mut changes = Vec::new();
    walk_schemas(&mut document.value, "", &mut |schema, pointer| {
        if let Some(Value::String(name)) = schema.get_mut("type") {
            let lower = name.to_ascii_lowercase();
            if *name != lower {
                changes.push(Change::new(
                    format!("{pointer}/type"),
                    format!("`{name}`"),
                    format!("`{lower}`"),
                ));
                *name = lower;
            }
        }
    });
    changes
}

/// `"type": "datetime"` is a string in RFC 3339 date-time format.
pub(super) fn datetime_type(document: &mut Document) -> Vec<Change> {
    let mut changes = Vec::new();
    walk_schemas(&mut document.value, "", &mut |schema, pointer| {
        if schema.get("type").and_then(Value::as_str) == Some("datetime") {
            schema.insert("type".into(), Value::from("string"));
            let at = schema
                .keys()
                .position(|k| k == "type")
                .map_or(schema.len(), |i| i + 1);
            schema.shift_insert(at, "format".into(), Value::from("date-time"));
            changes.push(Change::new(
                format!("{pointer}/type"),
                "`\"datetime\"`",
                "`\"string\"`, `format: \"date-time\"`",
            ));
        }
    });
    changes
}

/// `required` on an array's `items` object means nothing (there is no parent
/// object to require it in), so it goes.
pub(super) fn required_on_items(document: &mut Document) -> Vec<Change> {
    let mut changes = Vec::new();
    walk_schemas(&mut document.value, "", &mut |schema, pointer| {
        if let Some(Value::Object(items)) = schema.get_mut("items") {
            if let Some(required) = items.get("required").filter(|r| !r.is_array()).cloned() {
                items.shift_remove("required");
                changes.push(Change::new(
                    format!("{pointer}/items/required"),
                    format!("`{}`", compact(&required)),
                    "removed",
                ));
            }
        }
    });
    changes
}

/// `"required": true` (or `"true"`) on a property becomes the property's name
/// in its parent's `required` array; `false` / `"false"` is the default and goes.
pub(super) fn required_on_property(document: &mut Document) -> Vec<Change> {
    let mut changes = Vec::new();
    if let Value::Object(root) = &mut document.value {
        if let Some(flag) = root.get("required").filter(|r| !r.is_array()).cloned() {
            root.shift_remove("required");
            changes.push(Change::new(
                "/required",
                format!("`{}` on the root", compact(&flag)),
                "removed",
            ));
        }
    }
    walk_schemas(&mut document.value, "", &mut |schema, pointer| {
        let Some(Value::Object(properties)) = schema.get_mut("properties") else {
            return;
        };
        let mut names = Vec::new();
        for (name, property) in properties.iter_mut() {
            let Value::Object(property) = property else {
                continue;
            };
            let flag = match property.get("required") {
                Some(Value::Bool(flag)) => *flag,
                Some(Value::String(text)) => text == "true",
                _ => continue,
            };
            let before = compact(&property["required"]);
            property.shift_remove("required");
            let at = format!("{pointer}/properties/{}/required", pointer::escape(name));
            if flag {
                names.push(Value::from(name.clone()));
                changes.push(Change::new(
                    at,
                    format!("`{before}`"),
                    format!("listed in `{pointer}/required`"),
                ));
            } else {
                changes.push(Change::new(
                    at,
                    format!("`{before}`"),
                    "removed (optional is the default)",
                ));
            }
        }
        if !names.is_empty() {
            merge_required(schema, names);
        }
    });
    changes
}

fn merge_required(schema: &mut Map<String, Value>, names: Vec<Value>) {
    match schema.get_mut("required") {
        Some(Value::Array(existing)) => {
            for name in names {
                if !existing.contains(&name) {
                    existing.push(name);
                }
            }
        }
        _ => {
            // `required` goes right before `properties`, where a reader looks for it.
            let at = schema
                .keys()
                .position(|k| k == "properties")
                .unwrap_or(schema.len());
            schema.shift_insert(at, "required".into(), Value::Array(names));
        }
    }
}

/// A file in Wix's dialect declares draft-03; once converted it is draft-07.
pub(super) fn declare_draft_07(document: &mut Document) -> Vec<Change> {
    const DRAFT_07: &str = "http://json-schema.org/draft-07/schema#";
    let Value::Object(root) = &mut document.value else {
        return vec![];
    };
    match root.get("$schema").and_then(Value::as_str) {
        Some(declared) if declared.contains("draft-03") => {
            let before = format!("`{declared}`");
            root.insert("$schema".into(), Value::from(DRAFT_07));
            vec![Change::new("/$schema", before, format!("`{DRAFT_07}`"))]
        }
        _ => vec![],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn run(pass: fn(&mut Document) -> Vec<Change>, value: Value) -> (Value, Vec<Change>) {
        let mut document = Document::new(value);
        let changes = pass(&mut document);
        (document.value, changes)
    }

    #[test]
    fn type_names_are_lower_case() {
        let (value, changes) = run(
            type_name_case,
            json!({"properties": {"start": {"type": "Datetime"}}}),
        );
        assert_eq!(
            value,
            json!({"properties": {"start": {"type": "datetime"}}})
        );
        assert_eq!(
            changes,
            vec![Change::new(
                "/properties/start/type",
                "`Datetime`",
                "`datetime`"
            )]
        );
    }

    #[test]
    fn datetime_is_a_formatted_string() {
        let (value, changes) = run(
            datetime_type,
            json!({"properties": {"at": {"type": "datetime", "description": "d"}}}),
        );
        assert_eq!(
            value,
            json!({"properties": {"at": {"type": "string", "format": "date-time", "description": "d"}}})
        );
        assert_eq!(
            serde_json::to_string(&value).unwrap(),
            r#"{"properties":{"at":{"type":"string","format":"date-time","description":"d"}}}"#
        );
        assert_eq!(changes.len(), 1);
    }

    #[test]
    fn required_moves_to_the_parent_array() {
        let input = json!({
            "type": "object",
            "properties": {
                "a": {"type": "string", "required": true},
                "b": {"type": "string", "required": "false"},
                "c": {"type": "object", "required": "true", "properties": {"d": {"type": "number", "required": true}}},
                "e": {"type": "array", "items": {"type": "object", "required": true}}
            }
        });
        let (value, _) = run(required_on_items, input);
        let (value, changes) = run(required_on_property, value);
        assert_eq!(
            value,
            json!({
                "type": "object",
                "required": ["a", "c"],
                "properties": {
                    "a": {"type": "string"},
                    "b": {"type": "string"},
                    "c": {"type": "object", "required": ["d"], "properties": {"d": {"type": "number"}}},
                    "e": {"type": "array", "items": {"type": "object"}}
                }
            })
        );
        assert_eq!(
            changes[0],
            Change::new("/properties/a/required", "`true`", "listed in `/required`")
        );
        assert_eq!(changes.len(), 4);
    }

    #[test]
    fn standard_schemas_are_left_alone() {
        let standard = json!({
            "$schema": "http://json-schema.org/draft-07/schema#",
            "required": ["a"],
            "properties": {"a": {"type": "string", "format": "date-time"}}
        });
        for pass in [
            type_name_case,
            datetime_type,
            required_on_items,
            required_on_property,
            declare_draft_07,
        ] {
            let (value, changes) = run(pass, standard.clone());
            assert_eq!(value, standard);
            assert!(changes.is_empty());
        }
    }
}
