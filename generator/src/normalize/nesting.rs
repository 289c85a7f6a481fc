//! Table rows that landed at the wrong depth or shape (quirks A2, A6, A7, A8).

use serde_json::{Map, Value};

use super::{walk_schemas, Change, Document};
use crate::pointer;

const SCALARS: &[&str] = &["string", "number", "integer", "boolean", "datetime"];

/// Whether `property` is an array of objects that says nothing about them:
/// what a table prints as `Array[object]` before (or instead of) its rows.
fn is_array_of_unknown_objects(property: &Value) -> bool {
    let items = property.get("items").and_then(Value::as_object);
    property.get("type").and_then(Value::as_str) == Some("array")
        && items.is_some_and(|items| {
            items.get("type").and_then(Value::as_str) == Some("object")
                && items.keys().all(|k| k == "type" || k == "required")
        })
}

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
                .map(|inner| format!("/properties/{}{inner}", pointer::escape(sibling)))
        })?;

    // Work on the schema as a Value so that pointers can address it.
    let mut owner = Value::Object(std::mem::take(schema));
    let mut row = owner["properties"].as_object_mut()?.shift_remove(&name)?;
    let children = row.as_object_mut()?.shift_remove("properties")?;
    let mut changes = Vec::new();
    let from = format!("{pointer}/properties/{}", pointer::escape(&name));

    let items = owner
        .pointer_mut(&format!("{target}/items"))?
        .as_object_mut()?;
    let item_properties = items
        .entry("properties")
        .or_insert_with(|| Value::Object(Map::new()));
    item_properties.as_object_mut()?.insert(name.clone(), row);
    changes.push(Change::new(
        from.clone(),
        format!("`{name}` beside the array"),
        format!(
            "`{pointer}{target}/items/properties/{}`",
            pointer::escape(&name)
        ),
    ));

    // The array's holder is the object whose `properties` lists the array.
    let holder = &target[..target.rfind("/properties/")?];
    let holder_properties = owner
        .pointer_mut(&format!("{holder}/properties"))?
        .as_object_mut()?;
    if let Value::Object(children) = children {
        for (child, value) in children {
            changes.push(Change::new(
                format!("{from}/properties/{}", pointer::escape(&child)),
                format!("`{name}.{child}`"),
                format!("`{pointer}{holder}/properties/{}`", pointer::escape(&child)),
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
                return Some(format!("/properties/{}{inner}", pointer::escape(name)));
            }
            if is_array_of_unknown_objects(child) {
                return Some(format!("/properties/{}", pointer::escape(name)));
            }
        }
    }
    let items = schema.get("items")?;
    last_empty_array(items).map(|inner| format!("/items{inner}"))
}

/// Root rows printed without a prefix right after an array of objects that
/// lists no fields of its own are that array's fields: the Messaging table
/// prints `metadata`, then `name` and `value` (A6), the Form table `fields`,
/// then `name` and `value` (A7). The run of such rows ends at the first row
/// that is not a plain scalar.
pub(super) fn unprefixed_item_rows(document: &mut Document) -> Vec<Change> {
    let mut changes = Vec::new();
    let Some(Value::Object(properties)) = document.value.get_mut("properties") else {
        return changes;
    };
    let keys: Vec<String> = properties.keys().cloned().collect();
    let mut index = 0;
    while index < keys.len() {
        let array = &keys[index];
        if !properties
            .get(array)
            .is_some_and(is_array_of_unknown_objects)
        {
            index += 1;
            continue;
        }
        let rows: Vec<String> = keys[index + 1..]
            .iter()
            .take_while(|k| {
                properties.get(*k).is_some_and(|p| {
                    let scalar = p
                        .get("type")
                        .and_then(Value::as_str)
                        .is_some_and(|t| SCALARS.contains(&t));
                    scalar && p.get("properties").is_none() && p.get("items").is_none()
                })
            })
            .cloned()
            .collect();
        if !rows.is_empty() {
            let mut fields = Map::new();
            for row in &rows {
                if let Some(value) = properties.shift_remove(row) {
                    changes.push(Change::new(
                        format!("/properties/{}", pointer::escape(row)),
                        format!("`{row}` at the root"),
                        format!(
                            "`/properties/{}/items/properties/{}`",
                            pointer::escape(array),
                            pointer::escape(row)
                        ),
                    ));
                    fields.insert(row.clone(), value);
                }
            }
            if let Some(Value::Object(items)) =
                properties.get_mut(array).and_then(|p| p.get_mut("items"))
            {
                items.insert("properties".into(), Value::Object(fields));
            }
        }
        index += rows.len() + 1;
    }
    changes
}

/// An array with a singular name whose items are exactly the items of the
/// plural-named array elsewhere in the folder is one object: the Cart-add
/// and Cart-remove tables say `item Array[object]` where Cart-abandon,
/// Cart-checkout and Purchase say `items`, with the same fields, and every
/// example sends `item` as one object (A8).
pub(super) fn singular_array(document: &mut Document) -> Vec<Change> {
    let corpus = std::sync::Arc::clone(&document.corpus);
    let mut changes = Vec::new();
    walk_schemas(&mut document.value, "", &mut |schema, pointer| {
        let Some(Value::Object(properties)) = schema.get_mut("properties") else {
            return;
        };
        for (name, property) in properties.iter_mut() {
            let Value::Object(map) = property else {
                continue;
            };
            if map.get("type").and_then(Value::as_str) != Some("array") {
                continue;
            }
            let Some(items) = map
                .get("items")
                .filter(|i| i.get("properties").is_some())
                .cloned()
            else {
                continue;
            };
            let shape = super::compact(&items);
            let plural_has_it = [format!("{name}s"), format!("{name}es")]
                .iter()
                .any(|plural| {
                    corpus
                        .array_items
                        .get(plural)
                        .is_some_and(|shapes| shapes.contains(&shape))
                });
            if !plural_has_it {
                continue;
            }
            // The object keeps the property's own keywords (required,
            // description) and takes the items' type and fields.
            let Value::Object(items) = items else {
                continue;
            };
            map.shift_remove("items");
            for (key, value) in items {
                map.insert(key, value);
            }
            changes.push(Change::new(
                format!("{pointer}/properties/{}", pointer::escape(name)),
                "an array of objects".to_owned(),
                format!("one object, as `{name}s` holds"),
            ));
        }
    });
    changes
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
        let mut document = Document::new(hotel_rooms());
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
            .map(|c| (c.pointer.as_str(), c.after.as_str()))
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
        let mut repaired = Document::new(hotel_rooms());
        mis_nested_row(&mut repaired);
        let before = repaired.value.clone();
        assert!(mis_nested_row(&mut repaired).is_empty());
        assert_eq!(repaired.value, before);
    }

    #[test]
    fn root_rows_after_an_empty_array_are_its_fields() {
        let mut document = Document::new(json!({"properties": {
            "type": {"type": "string"},
            "metadata": {"type": "array", "items": {"type": "object"}},
            "name": {"type": "string", "required": true},
            "value": {"type": "string", "required": true}
        }}));
        let changes = unprefixed_item_rows(&mut document);
        assert_eq!(
            document.value,
            json!({"properties": {
                "type": {"type": "string"},
                "metadata": {"type": "array", "items": {"type": "object", "properties": {
                    "name": {"type": "string", "required": true},
                    "value": {"type": "string", "required": true}
                }}}
            }})
        );
        assert_eq!(changes[0].pointer, "/properties/name");
        // An object row ends the run: the Contact-Form's `subject` keeps `content`.
        let contact_form = json!({"properties": {
            "subject": {"type": "array", "items": {"type": "object"}},
            "content": {"type": "object", "properties": {"message": {"type": "string"}}}
        }});
        let mut document = Document::new(contact_form.clone());
        assert!(unprefixed_item_rows(&mut document).is_empty());
        assert_eq!(document.value, contact_form);
    }

    #[test]
    fn a_singular_array_shaped_like_a_plural_one_is_one_object() {
        let items = json!({"type": "object", "properties": {"id": {"type": "string"}}});
        let corpus = crate::normalize::Corpus {
            array_items: [("items".to_owned(), [items.to_string()].into())].into(),
            ..Default::default()
        };
        let mut document = Document {
            corpus: corpus.into(),
            ..Document::new(json!({"properties": {
                "item": {"type": "array", "required": true, "description": "Item added", "items": items},
                "tags": {"type": "array", "items": {"type": "object", "properties": {"id": {"type": "string"}}}}
            }}))
        };
        let changes = singular_array(&mut document);
        assert_eq!(
            document.value["properties"]["item"],
            json!({
                "type": "object", "required": true, "description": "Item added", "properties": {"id": {"type": "string"}}
            })
        );
        assert_eq!(
            document.value["properties"]["tags"]["type"], "array",
            "no `tagss` anywhere: stays an array"
        );
        assert_eq!(changes.len(), 1);
    }

    #[test]
    fn without_a_preceding_array_nothing_moves() {
        let value = json!({"properties": {"kind": {"type": "string", "properties": {"a": {"type": "string"}}}}});
        let mut document = Document::new(value.clone());
        assert!(mis_nested_row(&mut document).is_empty());
        assert_eq!(document.value, value);
    }
}
