//! Repeated keys that carry a meaning (quirk A1).

use serde_json::Value;

use super::{Change, Document};
use crate::pointer;

/// A repeated key in the `properties` of a `time` object whose description
/// names a time zone is the time zone: the Scheduler tables list
/// `time.end` twice, once "Scheduled end time" and once "Scheduled time
/// zone", where the Cancel table says `time.timeZone`.
pub(super) fn repeated_time_zone(document: &mut Document) -> Vec<Change> {
    let mut changes = Vec::new();
    let duplicates = std::mem::take(&mut document.duplicates);
    for duplicate in duplicates {
        let in_time_object = duplicate
            .object
            .strip_suffix("/properties")
            .is_some_and(|owner| owner.ends_with("/time"));
        let names_time_zone = duplicate
            .value
            .get("description")
            .and_then(Value::as_str)
            .is_some_and(|d| d.to_ascii_lowercase().contains("time zone"));
        let properties = document
            .value
            .pointer_mut(&duplicate.object)
            .and_then(Value::as_object_mut);
        match properties {
            Some(properties)
                if in_time_object && names_time_zone && !properties.contains_key("timeZone") =>
            {
                let at = properties
                    .keys()
                    .position(|k| *k == duplicate.key)
                    .map_or(properties.len(), |i| i + 1);
                properties.shift_insert(at, "timeZone".to_owned(), duplicate.value.clone());
                changes.push(Change::new(
                    format!("{}/{}", duplicate.object, pointer::escape(&duplicate.key)),
                    format!(
                        "second `{}` ({})",
                        duplicate.key,
                        super::compact(&duplicate.value["description"])
                    ),
                    "`timeZone`".to_owned(),
                ));
            }
            _ => document.duplicates.push(duplicate),
        }
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::json;

    #[test]
    fn the_repeated_end_described_as_a_time_zone_becomes_time_zone() {
        let text = br#"{"properties": {"time": {"type": "object", "properties": {
            "start": {"type": "datetime"},
            "end": {"type": "datetime", "description": "Scheduled end time"},
            "end": {"type": "string", "description": "Scheduled time zone"},
            "x": {"type": "string"}}}}}"#;
        let (value, duplicates) = json::parse(text).unwrap();
        let mut document = Document {
            duplicates,
            ..Document::new(value)
        };
        let changes = repeated_time_zone(&mut document);
        assert!(document.duplicates.is_empty());
        let time = &document.value["properties"]["time"]["properties"];
        assert_eq!(
            time.as_object().unwrap().keys().collect::<Vec<_>>(),
            ["start", "end", "timeZone", "x"]
        );
        assert_eq!(time["end"]["type"], "datetime");
        assert_eq!(time["timeZone"]["description"], "Scheduled time zone");
        assert_eq!(
            changes,
            vec![Change::new(
                "/properties/time/properties/end",
                "second `end` (\"Scheduled time zone\")",
                "`timeZone`"
            )]
        );
    }

    #[test]
    fn other_repeated_keys_are_left_for_the_error() {
        let (value, duplicates) =
            json::parse(br#"{"properties": {"a": {}, "a": {"description": "time zone"}}}"#)
                .unwrap();
        let mut document = Document {
            duplicates,
            ..Document::new(value.clone())
        };
        assert!(repeated_time_zone(&mut document).is_empty());
        assert_eq!(document.duplicates.len(), 1);
        assert_eq!(document.value, value);
    }
}
