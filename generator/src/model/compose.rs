//! Schemas that say what a plainer one would: a `const` or `enum` without
//! a `type`, and compositions: `oneOf`/`anyOf` of a
//! schema and `null` (the commonest way to write a nullable value), and an
//! `allOf` of objects (one object with every part's properties). They are
//! rewritten into that schema before the types are found; any other
//! composition is left for the later stages to type or refuse.
//!
//! The normalized schemas (what `json-schemas.json` holds) keep the
//! composition as written: the rewrite is the model's reading of it.

use serde_json::{Map, Value};

/// Marks a schema rewritten from a union with `null`: `null` is one of its values.
pub(super) const NULLABLE: &str = "x-nullable";

/// The keywords a part of an `allOf` may hold for the parts to merge into
/// one schema: each is either the same in every part that has it or, for
/// `properties` and `required`, the union of the parts'.
const MERGED: &[&str] = &["properties", "required"];

/// Keywords that say nothing a value must do: the outer schema's win.
const ANNOTATIONS: &[&str] = &[
    "title",
    "description",
    "$comment",
    "examples",
    "deprecated",
    "readOnly",
    "writeOnly",
];

/// Gives every `const` or `enum` without a `type` the type of its values,
/// when they are all text, all whole numbers, all numbers or all booleans:
/// `{"const": "circle"}` says what `{"type": "string", "const": "circle"}` does.
pub(super) fn typed_constants(schema: &mut Value) {
    each_schema(schema, &mut |node| {
        let Value::Object(map) = node else { return };
        if map.contains_key("type") {
            return;
        }
        let values: Vec<&Value> = match (map.get("const"), map.get("enum")) {
            (Some(one), None) => vec![one],
            (None, Some(Value::Array(many))) if !many.is_empty() => many.iter().collect(),
            _ => return,
        };
        let kind = if values.iter().all(|v| v.is_string()) {
            "string"
        } else if values.iter().all(|v| v.is_i64() || v.is_u64()) {
            "integer"
        } else if values.iter().all(|v| v.is_number()) {
            "number"
        } else if values.iter().all(|v| v.is_boolean()) {
            "boolean"
        } else {
            return;
        };
        map.insert("type".to_owned(), Value::from(kind));
    });
}

/// Rewrites every `oneOf`/`anyOf` of one schema, alone or beside
/// `{"type": "null"}`, in `schema` (at any depth) into that schema, marked
/// [`NULLABLE`] when `null` was the other branch.
pub(super) fn nullable_unions(schema: &mut Value) {
    each_schema(schema, &mut |node| {
        let Value::Object(map) = node else { return };
        for keyword in ["oneOf", "anyOf"] {
            let Some(Value::Array(branches)) = map.get(keyword) else {
                continue;
            };
            // One branch is that branch; one beside `null`, that branch, nullable.
            let (value, nullable) = match branches.as_slice() {
                [only] => (only.clone(), false),
                [one, other] => match (is_null(one), is_null(other)) {
                    (true, false) => (other.clone(), true),
                    (false, true) => (one.clone(), true),
                    _ => continue,
                },
                _ => continue,
            };
            let Value::Object(value) = value else {
                continue;
            };
            let mut outer = map.clone();
            outer.shift_remove(keyword);
            if let Some(merged) = merge(&outer, &value) {
                *map = merged;
                if nullable {
                    map.insert(NULLABLE.to_owned(), Value::Bool(true));
                }
                break;
            }
        }
    });
}

/// Rewrites every `allOf` in `schema` whose parts (each inline or a `$ref`
/// into `document`) merge into one schema: objects whose properties are
/// the union of the parts', or constraints on one value that do not conflict.
pub(super) fn all_of(schema: &mut Value, document: &Value) {
    each_schema(schema, &mut |node| {
        let Value::Object(map) = node else { return };
        let Some(Value::Array(parts)) = map.get("allOf") else {
            return;
        };
        let mut merged = map.clone();
        merged.shift_remove("allOf");
        for part in parts {
            let Some(part) = resolve(part, document) else {
                return;
            };
            match merge(&merged, &part) {
                Some(next) => merged = next,
                None => return,
            }
        }
        *map = merged;
    });
}

/// A `$ref` part, followed (in `document`) to what it names; an inline part as it is.
fn resolve(part: &Value, document: &Value) -> Option<Map<String, Value>> {
    let mut part = part.clone();
    for _ in 0..64 {
        let Some(target) = part.get("$ref").and_then(Value::as_str) else {
            return match part {
                Value::Object(map) => Some(map),
                _ => None,
            };
        };
        let Value::Object(map) = &part else {
            return None;
        };
        // A reference beside constraints of its own is two parts.
        if map
            .keys()
            .any(|k| k != "$ref" && !ANNOTATIONS.contains(&k.as_str()))
        {
            return None;
        }
        part = document.pointer(target.strip_prefix('#')?)?.clone();
    }
    None
}

/// `outer` and `part` as one schema, if no keyword of theirs conflicts:
/// each keyword is the same in both, an annotation (the outer one's wins),
/// or `properties` and `required`, merged.
fn merge(outer: &Map<String, Value>, part: &Map<String, Value>) -> Option<Map<String, Value>> {
    let mut merged = outer.clone();
    for (key, value) in part {
        match merged.get(key) {
            None => {
                merged.insert(key.clone(), value.clone());
            }
            Some(existing) if existing == value => {}
            Some(_) if ANNOTATIONS.contains(&key.as_str()) => {}
            Some(existing) if MERGED.contains(&key.as_str()) => {
                let joined = join(key, existing, value)?;
                merged.insert(key.clone(), joined);
            }
            Some(_) => return None,
        }
    }
    // One part closed to undocumented properties would refuse the others'.
    let closes =
        |map: &Map<String, Value>| map.get("additionalProperties") == Some(&Value::Bool(false));
    let both_list_properties = outer.contains_key("properties") && part.contains_key("properties");
    if both_list_properties && (closes(outer) || closes(part)) {
        return None;
    }
    Some(merged)
}

fn join(key: &str, existing: &Value, value: &Value) -> Option<Value> {
    match (key, existing, value) {
        ("properties", Value::Object(a), Value::Object(b)) => {
            let mut joined = a.clone();
            for (name, schema) in b {
                match joined.get(name) {
                    Some(same) if same == schema => {}
                    // The same property described twice: which description is the type is a guess.
                    Some(_) => return None,
                    None => {
                        joined.insert(name.clone(), schema.clone());
                    }
                }
            }
            Some(Value::Object(joined))
        }
        ("required", Value::Array(a), Value::Array(b)) => {
            let mut joined = a.clone();
            joined.extend(b.iter().filter(|name| !a.contains(name)).cloned());
            Some(Value::Array(joined))
        }
        _ => None,
    }
}

fn is_null(schema: &Value) -> bool {
    let Value::Object(map) = schema else {
        return false;
    };
    map.get("type") == Some(&Value::from("null"))
        && map
            .keys()
            .all(|k| k == "type" || ANNOTATIONS.contains(&k.as_str()))
}

/// Calls `visit` on `schema` and every schema below it, children first, so
/// that a composition inside another is rewritten before the outer one.
fn each_schema(schema: &mut Value, visit: &mut dyn FnMut(&mut Value)) {
    if let Value::Object(map) = schema {
        for keyword in ["properties", "definitions", "$defs", "patternProperties"] {
            if let Some(Value::Object(children)) = map.get_mut(keyword) {
                for child in children.values_mut() {
                    each_schema(child, visit);
                }
            }
        }
        for keyword in ["items", "additionalProperties", "not", "contains"] {
            if let Some(child) = map.get_mut(keyword) {
                each_schema(child, visit);
            }
        }
        for keyword in ["allOf", "anyOf", "oneOf", "prefixItems"] {
            if let Some(Value::Array(children)) = map.get_mut(keyword) {
                for child in children.iter_mut() {
                    each_schema(child, visit);
                }
            }
        }
        if let Some(Value::Object(bundled)) = map.get_mut(super::bundle::BUNDLE) {
            for child in bundled.values_mut() {
                each_schema(child, visit);
            }
        }
    }
    visit(schema);
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_union_with_null_is_the_other_schema_marked_nullable() {
        let mut schema = json!({"properties": {
            "a": {"description": "A", "oneOf": [{"$ref": "#/$defs/x"}, {"type": "null"}]},
            "b": {"anyOf": [{"type": "null"}, {"type": "string", "maxLength": 3}]},
            "c": {"oneOf": [{"type": "string"}, {"type": "integer"}]},
            "d": {"anyOf": [{"type": "string"}]},
        }});
        nullable_unions(&mut schema);
        assert_eq!(
            schema["properties"]["a"],
            json!({"description": "A", "$ref": "#/$defs/x", NULLABLE: true})
        );
        assert_eq!(
            schema["properties"]["b"],
            json!({"type": "string", "maxLength": 3, NULLABLE: true})
        );
        assert_eq!(
            schema["properties"]["c"]["oneOf"][1],
            json!({"type": "integer"}),
            "a union of two values is not rewritten"
        );
        assert_eq!(schema["properties"]["d"], json!({"type": "string"}));
    }

    #[test]
    fn a_constant_without_a_type_has_its_values_type() {
        let mut schema = json!({"properties": {"a": {"const": "x"}, "b": {"enum": [1, 2]},
            "c": {"enum": [1, "x"]}, "d": {"type": "string", "const": "y"}}});
        typed_constants(&mut schema);
        assert_eq!(schema["properties"]["a"]["type"], "string");
        assert_eq!(schema["properties"]["b"]["type"], "integer");
        assert!(schema["properties"]["c"].get("type").is_none());
        assert_eq!(
            schema["properties"]["d"],
            json!({"type": "string", "const": "y"})
        );
    }

    #[test]
    fn an_all_of_of_objects_is_one_object() {
        let document = json!({"$defs": {"named": {"type": "object", "required": ["name"],
            "properties": {"name": {"type": "string"}}}}});
        let mut schema = json!({"description": "D", "allOf": [
            {"$ref": "#/$defs/named"},
            {"type": "object", "required": ["age"], "properties": {"age": {"type": "integer"}}},
        ]});
        all_of(&mut schema, &document);
        assert_eq!(
            schema,
            json!({"description": "D", "type": "object", "required": ["name", "age"],
                "properties": {"name": {"type": "string"}, "age": {"type": "integer"}}})
        );
        let mut conflict = json!({"allOf": [{"type": "string"}, {"type": "integer"}]});
        all_of(&mut conflict, &document);
        assert!(conflict.get("allOf").is_some(), "conflicting parts stay");
        let mut closed = json!({"allOf": [
            {"type": "object", "additionalProperties": false, "properties": {"a": {}}},
            {"type": "object", "properties": {"b": {}}},
        ]});
        all_of(&mut closed, &document);
        assert!(
            closed.get("allOf").is_some(),
            "a closed part refuses the others' properties"
        );
    }
}
