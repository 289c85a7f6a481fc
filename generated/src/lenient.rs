//! How the generated types read what real clients send.
//!
//! Wix's examples, and the clients written from them, do not always send
//! what the tables document. The generated code reads those payloads anyway
//! and writes them back in the documented form. These functions are what
//! its `#[serde(deserialize_with = ...)]` attributes and enum `Deserialize`
//! impls call; see the crate docs for the table of decisions.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};

/// Reads a documented `String` that may arrive as a number or a boolean
/// (`"id": 1`), keeping the text of the value (`"1"`).
pub fn string<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    deserializer.deserialize_any(TextVisitor)
}

/// [`string`] for an optional property: absent and `null` read as `None`.
pub fn optional_string<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    deserializer.deserialize_option(OptionalText)
}

struct TextVisitor;

impl Visitor<'_> for TextVisitor {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string (or a number or boolean, kept as its text)")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_owned())
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
        Ok(v)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<String, E> {
        // JSON's shortest form: `1.5`, not `1.5000000000000000`.
        Ok(serde_json::Number::from_f64(v).map_or_else(|| v.to_string(), |n| n.to_string()))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<String, E> {
        Ok(v.to_string())
    }
}

struct OptionalText;

impl<'de> Visitor<'de> for OptionalText {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string, a number, a boolean or null")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        string(deserializer).map(Some)
    }
}

/// Reads an enum value, matching the documented spelling first and then any
/// other case (`"CHAT"` for `chat`); anything else is an error naming the
/// documented values.
pub fn variant<'de, D, T>(
    deserializer: D,
    values: &[T],
    name: fn(T) -> &'static str,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Copy,
{
    deserializer.deserialize_str(VariantVisitor { values, name })
}

struct VariantVisitor<'a, T> {
    values: &'a [T],
    name: fn(T) -> &'static str,
}

impl<T: Copy> VariantVisitor<'_, T> {
    fn expected(&self) -> String {
        let names: Vec<String> = self
            .values
            .iter()
            .map(|v| format!("`{}`", (self.name)(*v)))
            .collect();
        match names.as_slice() {
            [one] => one.clone(),
            [first, second] => format!("{first} or {second}"),
            many => format!("one of {}", many.join(", ")),
        }
    }
}

impl<T: Copy> Visitor<'_> for VariantVisitor<'_, T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.expected())
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<T, E> {
        let name = self.name;
        let exact = self.values.iter().copied().find(|v| name(*v) == text);
        let loose = || {
            self.values
                .iter()
                .copied()
                .find(|v| name(*v).eq_ignore_ascii_case(text))
        };
        exact.or_else(loose).ok_or_else(|| {
            E::custom(format_args!(
                "unknown variant `{text}`, expected {}",
                self.expected()
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    struct Item {
        #[serde(deserialize_with = "string")]
        id: String,
        #[serde(default, deserialize_with = "optional_string")]
        note: Option<String>,
    }

    #[test]
    fn text_fields_keep_the_text_of_numbers() {
        let item: Item = serde_json::from_str(r#"{"id": 1, "note": 1.5}"#).unwrap();
        assert_eq!((item.id.as_str(), item.note.as_deref()), ("1", Some("1.5")));
        let item: Item = serde_json::from_str(r#"{"id": "a", "note": null}"#).unwrap();
        assert_eq!((item.id.as_str(), item.note), ("a", None));
        let item: Item = serde_json::from_str(r#"{"id": true}"#).unwrap();
        assert_eq!((item.id.as_str(), item.note), ("true", None));
        assert!(serde_json::from_str::<Item>(r#"{"id": [1]}"#).is_err());
    }

    #[derive(Clone, Copy, Debug, PartialEq)]
    enum Kind {
        Chat,
        Sms,
    }

    fn name(kind: Kind) -> &'static str {
        match kind {
            Kind::Chat => "chat",
            Kind::Sms => "sms",
        }
    }

    fn read(json: &str) -> Result<Kind, serde_json::Error> {
        variant(
            &mut serde_json::Deserializer::from_str(json),
            &[Kind::Chat, Kind::Sms],
            name,
        )
    }

    #[test]
    fn enum_values_match_in_any_case() {
        assert_eq!(read(r#""chat""#).unwrap(), Kind::Chat);
        assert_eq!(read(r#""CHAT""#).unwrap(), Kind::Chat);
        assert_eq!(read(r#""Sms""#).unwrap(), Kind::Sms);
        assert_eq!(
            read(r#""fax""#).unwrap_err().to_string(),
            "unknown variant `fax`, expected `chat` or `sms` at line 1 column 5"
        );
    }
}
