//! JSON parsing that sees what `serde_json::Value` hides: repeated keys.
//!
//! Wix's published tables repeat a key (two `time.end` rows, see quirk A1).
//! A plain parse keeps the last one and silently loses the other, so this
//! parser keeps the first in the value and reports every repetition.

use std::cell::RefCell;
use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use crate::pointer;

/// A key that appeared more than once in the same object.
#[derive(Clone, Debug, PartialEq)]
pub struct DuplicateKey {
    /// The JSON pointer of the object holding the key.
    pub object: String,
    /// The repeated key.
    pub key: String,
    /// The value of the repetition (the first occurrence stays in the document).
    pub value: Value,
}

/// Parses JSON text, keeping the first of repeated keys and listing the others.
pub fn parse(text: &[u8]) -> Result<(Value, Vec<DuplicateKey>), serde_json::Error> {
    let duplicates = RefCell::new(Vec::new());
    let mut deserializer = serde_json::Deserializer::from_slice(text);
    let value = ValueSeed {
        pointer: String::new(),
        duplicates: &duplicates,
    }
    .deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok((value, duplicates.into_inner()))
}

/// The one-based line and column of byte `offset` of `text`, counted as
/// serde_json counts them.
pub fn position(text: &[u8], offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |at| at + 1);
    (line, before.len() - line_start + 1)
}

struct ValueSeed<'a> {
    pointer: String,
    duplicates: &'a RefCell<Vec<DuplicateKey>>,
}

impl<'de> DeserializeSeed<'de> for ValueSeed<'_> {
    type Value = Value;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueSeed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        loop {
            let pointer = format!("{}/{}", self.pointer, items.len());
            match seq.next_element_seed(ValueSeed {
                pointer,
                duplicates: self.duplicates,
            })? {
                Some(item) => items.push(item),
                None => return Ok(Value::Array(items)),
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let pointer = format!("{}/{}", self.pointer, pointer::escape(&key));
            let value = map.next_value_seed(ValueSeed {
                pointer,
                duplicates: self.duplicates,
            })?;
            if object.contains_key(&key) {
                self.duplicates.borrow_mut().push(DuplicateKey {
                    object: self.pointer.clone(),
                    key,
                    value,
                });
            } else {
                object.insert(key, value);
            }
        }
        Ok(Value::Object(object))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn keeps_the_first_of_repeated_keys_and_reports_the_rest() {
        let text = br#"{"time": {"properties": {"end": {"type": "datetime"}, "end": {"type": "string"}}}}"#;
        let (value, duplicates) = parse(text).unwrap();
        assert_eq!(
            value,
            json!({"time": {"properties": {"end": {"type": "datetime"}}}})
        );
        assert_eq!(
            duplicates,
            vec![DuplicateKey {
                object: "/time/properties".into(),
                key: "end".into(),
                value: json!({"type": "string"}),
            }]
        );
    }

    #[test]
    fn escapes_pointer_tokens_and_keeps_key_order() {
        let (value, duplicates) = parse(br#"{"z": 1, "a/b": {"~": 1, "~": 2}}"#).unwrap();
        assert_eq!(
            value.as_object().unwrap().keys().collect::<Vec<_>>(),
            ["z", "a/b"]
        );
        assert_eq!(duplicates[0].object, "/a~1b");
        assert_eq!(duplicates[0].key, "~");
    }

    #[test]
    fn reports_invalid_json_with_a_position() {
        let error = parse(b"{\"a\": 1,\n}").unwrap_err();
        assert_eq!(error.line(), 2);
        assert!(parse(b"{} trailing").is_err());
        let deep = "[".repeat(10_000);
        assert!(
            parse(deep.as_bytes()).is_err(),
            "deep nesting is an error, not a stack overflow"
        );
    }
}
