//! A JSON value kept to be read later, by its exact text where the
//! deserializer gives it: an activity's `info` that comes before its
//! `type`. Kept as a `serde_json::Value`, its numbers would lose their
//! spelling (`1.50` would come back `1.5`); kept as text, it is read later
//! as if it had come after its type, by the typed read and the raw walk alike.
//!
//! serde_json captures that text without its nesting limit, and reads it
//! again with a fresh one. That reads the same as in place: documented
//! shapes nest only as deep as the schemas, and whatever is deeper is an
//! undocumented or schema-less value, kept as [`Json`](crate::Json) at any
//! depth, here and in place alike.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::lenient::Key;

/// A value kept unread.
pub(crate) enum Deferred<'de> {
    /// Its exact JSON text (from serde_json, or a `Value`'s own text).
    Text(Cow<'de, str>),
    /// The value, from a deserializer that gives no text.
    Value(Value),
}

impl<'de> Deserialize<'de> for Deferred<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_newtype_struct(crate::number::RAW, DeferredVisitor)
    }
}

struct DeferredVisitor;

impl<'de> Visitor<'de> for DeferredVisitor {
    type Value = Deferred<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    /// serde_json's raw value (its text under the token), or a real map.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Deferred<'de>, A::Error> {
        let Some(first) = map.next_key::<Key<'de>>()? else {
            return Ok(Deferred::Value(Value::Object(Map::new())));
        };
        if first.as_str() == crate::number::RAW {
            let text = map.next_value::<Key<'de>>()?;
            return Ok(Deferred::Text(text.into_cow()));
        }
        let mut object = Map::new();
        object.insert(first.into_owned(), map.next_value()?);
        while let Some((key, value)) = map.next_entry::<String, Value>()? {
            object.insert(key, value);
        }
        Ok(Deferred::Value(Value::Object(object)))
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Deferred<'de>, D::Error> {
        Value::deserialize(deserializer).map(Deferred::Value)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Deferred<'de>, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Value>()? {
            items.push(item);
        }
        Ok(Deferred::Value(Value::Array(items)))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Deferred<'de>, E> {
        Ok(Deferred::Value(v.into()))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Deferred<'de>, E> {
        Ok(Deferred::Value(v.into()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Deferred<'de>, E> {
        Ok(Deferred::Value(v.into()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Deferred<'de>, E> {
        Ok(Deferred::Value(v.into()))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Deferred<'de>, E> {
        Ok(Deferred::Value(v.into()))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Deferred<'de>, E> {
        Ok(Deferred::Value(Value::Null))
    }

    fn visit_none<E: de::Error>(self) -> Result<Deferred<'de>, E> {
        Ok(Deferred::Value(Value::Null))
    }
}
