//! A JSON number that is written back exactly as it was read.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A number from a field that Wix documents as `Number`.
///
/// An integer stays an integer: `2` is written back as `2`, not `2.0`, and
/// integers beyond `f64`'s precision are kept exactly. A fraction is kept as
/// the nearest `f64` and written in its shortest form, so `22.4` stays
/// `22.4` but `12.50` comes back as `12.5`. Use [`Number::as_f64`] for
/// arithmetic and [`Number::as_i64`] when a whole number is expected.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Number(serde_json::Number);

impl Number {
    /// The value as a floating-point number (always possible, maybe lossy).
    pub fn as_f64(&self) -> f64 {
        // serde_json only refuses `as_f64` with `arbitrary_precision`, which
        // this crate does not enable; NaN is unreachable from JSON input.
        self.0.as_f64().unwrap_or(f64::NAN)
    }

    /// The value as an `i64`, when it is a whole number that fits.
    pub fn as_i64(&self) -> Option<i64> {
        self.0.as_i64()
    }

    /// The value as a `u64`, when it is a non-negative whole number that fits.
    pub fn as_u64(&self) -> Option<u64> {
        self.0.as_u64()
    }

    /// Whether the number was written without a fraction or exponent.
    pub fn is_integer(&self) -> bool {
        self.0.is_i64() || self.0.is_u64()
    }

    /// A number from a float; `None` for NaN or infinity, which JSON cannot hold.
    pub fn from_f64(value: f64) -> Option<Self> {
        serde_json::Number::from_f64(value).map(Number)
    }

    /// The underlying [`serde_json::Number`].
    pub fn as_json(&self) -> &serde_json::Number {
        &self.0
    }
}

macro_rules! from_integer {
    ($($t:ty),*) => {$(
        impl From<$t> for Number {
            fn from(value: $t) -> Self {
                Number(serde_json::Number::from(value))
            }
        }
    )*};
}
from_integer!(i8, i16, i32, i64, u8, u16, u32, u64);

/// A float is a `Number` unless it is NaN or infinite, which JSON cannot
/// hold: `Number::try_from(230.5)?`.
impl TryFrom<f64> for Number {
    type Error = ParseNumberError;

    fn try_from(value: f64) -> Result<Self, Self::Error> {
        Number::from_f64(value).ok_or_else(|| ParseNumberError(value.to_string()))
    }
}

impl TryFrom<f32> for Number {
    type Error = ParseNumberError;

    fn try_from(value: f32) -> Result<Self, Self::Error> {
        // Through its shortest text, so that `0.1f32` is `0.1`, not `0.10000000149011612`.
        value
            .to_string()
            .parse::<f64>()
            .ok()
            .and_then(Number::from_f64)
            .ok_or_else(|| ParseNumberError(value.to_string()))
    }
}

impl From<serde_json::Number> for Number {
    fn from(value: serde_json::Number) -> Self {
        Number(value)
    }
}

impl From<Number> for serde_json::Number {
    fn from(value: Number) -> Self {
        value.0
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

/// The error of parsing a [`Number`] from text that is not a JSON number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseNumberError(String);

impl fmt::Display for ParseNumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a JSON number", self.0)
    }
}

impl std::error::Error for ParseNumberError {}

impl FromStr for Number {
    type Err = ParseNumberError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match serde_json::from_str::<serde_json::Number>(text) {
            Ok(number) => Ok(Number(number)),
            Err(_) => Err(ParseNumberError(text.to_owned())),
        }
    }
}

impl Serialize for Number {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

/// Reads a JSON number, or a string that holds one (`"1"`, as Wix's
/// examples send prices): the number is written back as a JSON number.
impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;

        impl serde::de::Visitor<'_> for Visitor {
            type Value = Number;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON number or a numeric string")
            }

            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Number, E> {
                Ok(Number::from(v))
            }

            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Number, E> {
                Ok(Number::from(v))
            }

            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Number, E> {
                Number::from_f64(v).ok_or_else(|| E::custom("a number must be finite"))
            }

            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Number, E> {
                v.trim()
                    .parse()
                    .map_err(|_| E::invalid_value(serde::de::Unexpected::Str(v), &self))
            }
        }

        deserializer.deserialize_any(Visitor)
    }
}

#[cfg(feature = "schemars")]
impl schemars::JsonSchema for Number {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Number".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "number" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_convert_unless_json_cannot_hold_them() {
        assert_eq!(Number::try_from(230.5).unwrap().to_string(), "230.5");
        assert_eq!(Number::try_from(0.1f32).unwrap().to_string(), "0.1");
        assert!(Number::try_from(f64::NAN).is_err());
        assert_eq!(
            Number::try_from(f64::INFINITY).unwrap_err().to_string(),
            "`inf` is not a JSON number"
        );
        assert_eq!(Number::from(2u8).to_string(), "2");
    }

    #[test]
    fn integers_stay_integers_and_floats_stay_floats() {
        for text in ["2", "-7", "22.4", "0.6", "1e3", "18446744073709551615"] {
            let number: Number = serde_json::from_str(text).unwrap();
            let back = serde_json::to_string(&number).unwrap();
            let reparsed: serde_json::Value = serde_json::from_str(&back).unwrap();
            assert_eq!(
                reparsed,
                serde_json::from_str::<serde_json::Value>(text).unwrap()
            );
        }
        let two: Number = serde_json::from_str("2").unwrap();
        assert_eq!(serde_json::to_string(&two).unwrap(), "2");
        assert!(two.is_integer());
        assert_eq!(two.as_i64(), Some(2));
    }

    #[test]
    fn reads_numeric_strings_and_writes_numbers() {
        let one: Number = serde_json::from_str(r#""1""#).unwrap();
        assert_eq!(serde_json::to_string(&one).unwrap(), "1");
        let price: Number = serde_json::from_str(r#"" 22.40 ""#).unwrap();
        assert_eq!(serde_json::to_string(&price).unwrap(), "22.4");
        let error = serde_json::from_str::<Number>(r#""12 euros""#)
            .unwrap_err()
            .to_string();
        assert!(
            error.starts_with(
                "invalid value: string \"12 euros\", expected a JSON number or a numeric string"
            ),
            "{error}"
        );
    }

    #[test]
    fn rejects_what_is_not_a_number() {
        assert!(serde_json::from_str::<Number>("true").is_err());
        assert!("abc".parse::<Number>().is_err());
        assert_eq!(Number::from_f64(f64::NAN), None);
        assert_eq!("1.5".parse::<Number>().unwrap().as_f64(), 1.5);
    }
}
