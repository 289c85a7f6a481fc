//! A 64-bit integer that Wix sends as text, written back as it came.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A 64-bit counter that Wix sends as text (`"revision": "13"`), as
/// protobuf's JSON mapping writes every 64-bit integer.
///
/// [`Int64::get`] gives the `i64` to compute with; the text is written back
/// as it came (`"13"` stays `"13"`), and a JSON number (`13`) is read too
/// and written back as a number. Two values are equal when their numbers are.
///
/// ```
/// use wix_activities::Int64;
///
/// let revision: Int64 = serde_json::from_str(r#""1226""#)?;
/// assert_eq!(revision.get() + 1, 1227);
/// assert_eq!(serde_json::to_string(&revision)?, r#""1226""#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Int64 {
    value: i64,
    /// The text it came as; `None` for a JSON number.
    text: Option<Box<str>>,
}

impl Int64 {
    /// The number.
    pub fn get(&self) -> i64 {
        self.value
    }

    /// Whether the value came as a JSON number rather than as text.
    pub fn is_json_number(&self) -> bool {
        self.text.is_none()
    }
}

/// A value written as text, as Wix writes it.
impl From<i64> for Int64 {
    fn from(value: i64) -> Self {
        Int64 {
            value,
            text: Some(value.to_string().into()),
        }
    }
}

impl From<Int64> for i64 {
    fn from(value: Int64) -> Self {
        value.value
    }
}

impl PartialEq<i64> for Int64 {
    fn eq(&self, other: &i64) -> bool {
        self.value == *other
    }
}

impl PartialEq for Int64 {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl Eq for Int64 {}

impl Hash for Int64 {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.value.hash(state);
    }
}

impl PartialOrd for Int64 {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Int64 {
    fn cmp(&self, other: &Self) -> Ordering {
        self.value.cmp(&other.value)
    }
}

/// The error of reading an [`Int64`] from text that is not a 64-bit integer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseInt64Error(String);

impl fmt::Display for ParseInt64Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a 64-bit integer", self.0)
    }
}

impl std::error::Error for ParseInt64Error {}

impl FromStr for Int64 {
    type Err = ParseInt64Error;

    /// Reads integer text; the text is kept as written.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.parse::<i64>() {
            Ok(value) => Ok(Int64 {
                value,
                text: Some(text.into()),
            }),
            Err(_) => Err(ParseInt64Error(text.to_owned())),
        }
    }
}

impl fmt::Display for Int64 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.text {
            Some(text) => f.write_str(text),
            None => write!(f, "{}", self.value),
        }
    }
}

impl Serialize for Int64 {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.text {
            Some(text) => serializer.serialize_str(text),
            None => serializer.serialize_i64(self.value),
        }
    }
}

/// Reads integer text (as Wix sends 64-bit counters) or a JSON integer.
impl<'de> Deserialize<'de> for Int64 {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;

        impl serde::de::Visitor<'_> for Visitor {
            type Value = Int64;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a 64-bit integer as text, such as \"13\"")
            }

            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Int64, E> {
                Ok(Int64 {
                    value: v,
                    text: None,
                })
            }

            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Int64, E> {
                let value = i64::try_from(v)
                    .map_err(|_| E::invalid_value(serde::de::Unexpected::Unsigned(v), &self))?;
                self.visit_i64(value)
            }

            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Int64, E> {
                v.parse()
                    .map_err(|_| E::invalid_value(serde::de::Unexpected::Str(v), &self))
            }
        }

        deserializer.deserialize_any(Visitor)
    }
}

#[cfg(feature = "schemars")]
impl schemars::JsonSchema for Int64 {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Int64".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": ["string", "integer"], "format": "int64" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_numbers_come_back_as_they_came() {
        for json in [
            r#""13""#,
            r#""-1""#,
            r#""007""#,
            r#""9223372036854775807""#,
            "13",
            "-2",
        ] {
            let value: Int64 = serde_json::from_str(json).unwrap();
            assert_eq!(serde_json::to_string(&value).unwrap(), json);
        }
        let seven: Int64 = serde_json::from_str(r#""007""#).unwrap();
        assert_eq!(seven, 7);
        assert_eq!(seven, Int64::from(7));
        assert_eq!(serde_json::to_string(&Int64::from(7)).unwrap(), r#""7""#);
    }

    #[test]
    fn rejects_what_is_not_a_64_bit_integer() {
        for json in [
            r#""1.5""#,
            r#""""#,
            r#""thirteen""#,
            r#""9223372036854775808""#,
            "1.5",
            "18446744073709551615",
            "true",
        ] {
            assert!(serde_json::from_str::<Int64>(json).is_err(), "{json}");
        }
    }
}
