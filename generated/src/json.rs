//! JSON kept as the text it came as: a property the schema does not
//! document, or a value it says nothing of.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use serde::de::{self, DeserializeOwned, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize, Serializer};
use serde_json::Value;

use crate::lenient::Key;
use crate::number::RAW;

/// Any JSON value, kept as its exact text.
///
/// Undocumented properties (each type's `extra`) and values the schemas say
/// nothing of are kept as they came, so that they are written back as they
/// came: every number with its spelling and all its digits (`1.50`, `1e2`,
/// a 30-digit integer, `1e400`), every string with its escapes. Only the
/// whitespace between tokens is dropped. A `serde_json::Value` would write
/// `1.50` as `1.5` and round a 30-digit integer.
///
/// Read it with [`Json::value`] or [`Json::read`]; build it from a `Value`
/// or any JSON text ([`str::parse`]). Two values are equal when they are
/// written the same or read as the same `Value` (`{"a":1,"b":2}` and
/// `{"b":2,"a":1}` are equal; so are `1.5` and `1.50`).
///
/// ```
/// use wix_activities::Json;
///
/// let kept: Json = serde_json::from_str(r#"{ "price": 12.50, "id": 123456789012345678901234567890 }"#)?;
/// assert_eq!(kept.text(), r#"{"price":12.50,"id":123456789012345678901234567890}"#);
/// assert_eq!(serde_json::to_string(&kept)?, kept.text());
/// assert_eq!(kept.value()?["price"], 12.5);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone)]
pub struct Json(Box<str>);

impl PartialEq for Json {
    fn eq(&self, other: &Json) -> bool {
        self.0 == other.0 || matches!((self.value(), other.value()), (Ok(a), Ok(b)) if a == b)
    }
}

impl Eq for Json {}

/// Properties kept as they came, by name and in the order they came: each
/// type's `extra`. A name sent twice keeps its first place and its last value.
pub type JsonMap = indexmap::IndexMap<String, Json>;

impl Json {
    /// The JSON text, without whitespace between tokens.
    pub fn text(&self) -> &str {
        &self.0
    }

    /// The value as a `serde_json::Value`. An error where `Value` cannot
    /// hold it: a number beyond `f64` (`1e400`), a lone surrogate, nesting
    /// beyond serde_json's limit.
    pub fn value(&self) -> serde_json::Result<Value> {
        serde_json::from_str(&self.0)
    }

    /// The value read as a `T`.
    pub fn read<T: DeserializeOwned>(&self) -> serde_json::Result<T> {
        serde_json::from_str(&self.0)
    }

    /// Whether the value is `null`.
    pub fn is_null(&self) -> bool {
        &*self.0 == "null"
    }

    /// Keeps text that is known to be one JSON value.
    fn from_raw(raw: &str) -> Json {
        Json(compact(raw).into())
    }
}

/// `raw` without the whitespace between its tokens (what JSON allows there).
fn compact(raw: &str) -> Cow<'_, str> {
    let spaced = |byte: &u8| matches!(byte, b' ' | b'\t' | b'\n' | b'\r');
    if !raw.as_bytes().iter().any(spaced) {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let (mut in_string, mut escaped) = (false, false);
    for ch in raw.chars() {
        if in_string {
            match ch {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
        } else if ch == '"' {
            in_string = true;
        } else if matches!(ch, ' ' | '\t' | '\n' | '\r') {
            continue;
        }
        out.push(ch);
    }
    Cow::Owned(out)
}

impl From<Value> for Json {
    fn from(value: Value) -> Json {
        Json::from(&value)
    }
}

impl From<&Value> for Json {
    fn from(value: &Value) -> Json {
        Json(value.to_string().into())
    }
}

/// Equal when the text reads as `other` (`Json` `1.50` equals `json!(1.5)`).
impl PartialEq<Value> for Json {
    fn eq(&self, other: &Value) -> bool {
        self.value().is_ok_and(|value| value == *other)
    }
}

impl PartialEq<Json> for Value {
    fn eq(&self, other: &Json) -> bool {
        other == self
    }
}

impl Default for Json {
    /// `null`.
    fn default() -> Json {
        Json("null".into())
    }
}

/// Reads JSON text: one value, kept as written.
impl FromStr for Json {
    type Err = serde_json::Error;

    fn from_str(text: &str) -> serde_json::Result<Json> {
        serde_json::from_str(text)
    }
}

impl fmt::Display for Json {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Json {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Written through serde_json's raw-value hook, as it came; another serde
/// format sees a struct.
impl Serialize for Json {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut raw = serializer.serialize_struct(RAW, 1)?;
        raw.serialize_field(RAW, &*self.0)?;
        raw.end()
    }
}

/// Reads any JSON value by its text from serde_json; from another
/// deserializer, by the value it holds.
impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Json, D::Error> {
        deserializer.deserialize_newtype_struct(RAW, JsonVisitor)
    }
}

struct JsonVisitor;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    /// serde_json's raw value (its text under the token), or a real map.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
        let Some(first) = map.next_key::<Key<'de>>()? else {
            return Ok(Json("{}".into()));
        };
        if first.as_str() == RAW {
            return Ok(Json::from_raw(map.next_value::<Key<'de>>()?.as_str()));
        }
        let mut object = serde_json::Map::new();
        object.insert(first.into_owned(), map.next_value()?);
        while let Some((key, value)) = map.next_entry::<String, Value>()? {
            object.insert(key, value);
        }
        Ok(Json::from(Value::Object(object)))
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, deserializer: D) -> Result<Json, D::Error> {
        Value::deserialize(deserializer).map(Json::from)
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<Json, A::Error> {
        Value::deserialize(de::value::SeqAccessDeserializer::new(seq)).map(Json::from)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Json, E> {
        Ok(Json::from(Value::from(v)))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Json, E> {
        Ok(Json::from(Value::from(v)))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Json, E> {
        Ok(Json::from(Value::from(v)))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Json, E> {
        Ok(Json::from(Value::from(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Json, E> {
        Ok(Json::from(Value::from(v)))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Json, E> {
        Ok(Json::default())
    }

    fn visit_none<E: de::Error>(self) -> Result<Json, E> {
        Ok(Json::default())
    }
}

/// Reads a value as [`Json`] does and as strictly, keeping nothing: what
/// the validator reads where the typed value holds a `Json`.
pub(crate) struct Unkept;

impl<'de> Deserialize<'de> for Unkept {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Unkept, D::Error> {
        deserializer.deserialize_newtype_struct(RAW, UnkeptVisitor)
    }
}

struct UnkeptVisitor;

impl<'de> Visitor<'de> for UnkeptVisitor {
    type Value = Unkept;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Unkept, A::Error> {
        while map.next_entry::<Key<'de>, IgnoredAny>()?.is_some() {}
        Ok(Unkept)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Unkept, D::Error> {
        deserializer
            .deserialize_ignored_any(IgnoredAny)
            .map(|_| Unkept)
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Unkept, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Unkept)
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Unkept, E> {
        Ok(Unkept)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Unkept, E> {
        Ok(Unkept)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Unkept, E> {
        Ok(Unkept)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Unkept, E> {
        Ok(Unkept)
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Unkept, E> {
        Ok(Unkept)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Unkept, E> {
        Ok(Unkept)
    }

    fn visit_none<E: de::Error>(self) -> Result<Unkept, E> {
        Ok(Unkept)
    }
}

#[cfg(feature = "schemars")]
impl schemars::JsonSchema for Json {
    fn schema_name() -> Cow<'static, str> {
        "Json".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::Schema::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_between_tokens_goes_and_text_in_strings_stays() {
        assert_eq!(compact("[1, 2]"), "[1,2]");
        assert_eq!(
            compact("{ \"a b\" : \"c \\\" d\" ,\n\t\"e\": [ ] }"),
            r#"{"a b":"c \" d","e":[]}"#
        );
        assert!(matches!(compact("[1,2]"), Cow::Borrowed(_)));
    }

    #[test]
    fn text_is_kept_as_it_came() {
        for text in ["1.50", "1e400", "-0", r#""\ud800""#, "[1E2,{\"a\":null}]"] {
            let json: Json = text.parse().unwrap();
            assert_eq!(json.text(), text);
            assert_eq!(serde_json::to_string(&json).unwrap(), text);
        }
        let from_value = serde_json::from_value::<Json>(serde_json::json!({"a": [1, 2.5]}));
        assert_eq!(from_value.unwrap().text(), r#"{"a":[1,2.5]}"#);
        assert!("{".parse::<Json>().is_err());
        assert!("1e400".parse::<Json>().unwrap().value().is_err());
    }
}
