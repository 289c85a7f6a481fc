//! Table rows that landed at the wrong depth (quirk A2).

use serde_json::{Map, Value};

use super::{walk_schemas, Change, Document};
use crate::load::json::escape_token;

const SCALARS: &[&str] = &["string", "number", "integer", "boolean", "datetime"];

/// A scalar property that declares child properties is a mis-nested table
/// row. The published tables list rows in order and prefix each with its
/// parent's path; a row printed without that prefix right after an array of
/// objects that lists no fields of its own is that array's field, and the
/// rows printed under it belong beside the array.
///
/// The Hotels tables print `kind`, `kind.maxOccupancy`, `kind.amenities`
/// after `rooms.beds`: `kind` is each bed's (`rooms[].beds[].kind`), and
/// `maxOccupancy` and `amenities` are each room's.
pub(super) fn mis_nested_row(document: &mut Document) -> Vec<Change> {
    let mut changes = Vec::new();
    walk_schemas(&mut document.value, "", &mut |schema, pointer| {
        while let Some(change) = repair_one(schema, pointer) {
            changes.extend(change);
        }
    });
    changes
}

fn is_mis_nested(property: &Value) -> bool {
    let scalar = property
        .get("type")
        .and_then(Value::as_str)
        .is_some_and(|t| SCALARS.contains(&t));
    scalar && property.get("properties").is_some_and(Value::is_object)
}

fn repair_one(schema: &mut Map<String, Value>, pointer: &str) -> Option<Vec<Change>> {
    let properties = schema.get("properties")?.as_object()?;
    let index = properties.values().position(is_mis_nested)?;
    let name = properties.keys().nth(index)?.clone();
    let target = properties
        .iter()
        .take(index)
        .rev()
        .find_map(|(sibling, value)| {
            last_empty_array(value)
                .map(|inner| format!("/properties/{}{inner}", escape_token(sibling)))
        })?;

    // Work on the schema as a Value so that pointers can address it.
    let mut owner = Value::Object(std::mem::take(schema));
    let mut row = owner["properties"].as_object_mut()?.shift_remove(&name)?;
    let children = row.as_object_mut()?.shift_remove("properties")?;
    let mut changes = Vec::new();
    let from = format!("{pointer}/properties/{}", escape_token(&name));

    let items = owner
        .pointer_mut(&format!("{target}/items"))?
        .as_object_mut()?;
    let item_properties = items
        .entry("properties")
        .or_insert_with(|| Value::Object(Map::new()));
    item_properties.as_object_mut()?.insert(name.clone(), row);
    changes.push((
        from.clone(),
        format!("`{name}` beside the array"),
        format!(
            "`{pointer}{target}/items/properties/{}`",
            escape_token(&name)
        ),
    ));

    // The array's holder is the object whose `properties` lists the array.
    let holder = &target[..target.rfind("/properties/")?];
    let holder_properties = owner
        .pointer_mut(&format!("{holder}/properties"))?
        .as_object_mut()?;
    if let Value::Object(children) = children {
        for (child, value) in children {
            changes.push((
                format!("{from}/properties/{}", escape_token(&child)),
                format!("`{name}.{child}`"),
                format!("`{pointer}{holder}/properties/{}`", escape_token(&child)),
            ));
            holder_properties.insert(child, value);
        }
    }
    *schema = match owner {
        Value::Object(map) => map,
        _ => unreachable!("owner was built from an object"),
    };
    Some(changes)
}

/// The pointer (relative to `schema`) of the last array, in document order,
/// whose items are objects that list no properties.
fn last_empty_array(schema: &Value) -> Option<String> {
    if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
        for (name, child) in properties.iter().rev() {
            if let Some(inner) = last_empty_array(child) {
                return Some(format!("/properties/{}{inner}", escape_token(name)));
            }
            let items = child.get("items");
            let empty_objects = items.is_some_and(|i| {
                i.get("type").and_then(Value::as_str) == Some("object")
                    && i.get("properties").is_none()
            });
            if child.get("type").and_then(Value::as_str) == Some("array") && empty_objects {
                return Some(format!("/properties/{}", escape_token(name)));
            }
        }
    }
    let items = schema.get("items")?;
    last_empty_array(items).map(|inner| format!("/items{inner}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn hotel_rooms() -> Value {
        json!({"type": "object", "properties": {
            "rooms": {"type": "array", "items": {"type": "object", "properties": {
                "id": {"type": "string"},
                "beds": {"type": "array", "items": {"type": "object"}}
            }}},
            "kind": {"type": "string", "required": true, "properties": {
                "maxOccupancy": {"type": "number"},
                "amenities": {"type": "array", "items": {"type": "string"}}
            }}
        }})
    }

    #[test]
    fn the_unprefixed_row_goes_to_the_array_and_its_children_beside_it() {
        let mut document = Document {
            value: hotel_rooms(),
            duplicates: vec![],
        };
        let changes = mis_nested_row(&mut document);
        assert_eq!(
            document.value,
            json!({"type": "object", "properties": {
                "rooms": {"type": "array", "items": {"type": "object", "properties": {
                    "id": {"type": "string"},
                    "beds": {"type": "array", "items": {"type": "object", "properties": {
                        "kind": {"type": "string", "required": true}
                    }}},
                    "maxOccupancy": {"type": "number"},
                    "amenities": {"type": "array", "items": {"type": "string"}}
                }}}
            }})
        );
        let pointers: Vec<_> = changes
            .iter()
            .map(|c| (c.0.as_str(), c.2.as_str()))
            .collect();
        assert_eq!(
            pointers,
            [
                (
                    "/properties/kind",
                    "`/properties/rooms/items/properties/beds/items/properties/kind`"
                ),
                (
                    "/properties/kind/properties/maxOccupancy",
                    "`/properties/rooms/items/properties/maxOccupancy`"
                ),
                (
                    "/properties/kind/properties/amenities",
                    "`/properties/rooms/items/properties/amenities`"
                ),
            ]
        );
    }

    #[test]
    fn a_well_formed_schema_is_unchanged() {
        let mut repaired = Document {
            value: hotel_rooms(),
            duplicates: vec![],
        };
        mis_nested_row(&mut repaired);
        let before = repaired.value.clone();
        assert!(mis_nested_row(&mut repaired).is_empty());
        assert_eq!(repaired.value, before);
    }

    #[test]
    fn without_a_preceding_array_nothing_moves() {
        let value = json!({"properties": {"kind": {"type": "string", "properties": {"a": {"type": "string"}}}}});
        let mut document = Document {
            value: value.clone(),
            duplicates: vec![],
        };
        assert!(mis_nested_row(&mut document).is_empty());
        assert_eq!(document.value, value);
    }
}
