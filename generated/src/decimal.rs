//! An exact decimal that Wix sends as text, written back as it came.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A decimal number from a field that Wix sends as text, such as a money
/// amount (`"85"`, `"55.70"`) or a tax rate (`"0.04"`).
///
/// The value is exact (a [`rust_decimal::Decimal`], never an `f64`), so
/// amounts add up to the cent: use [`Decimal::value`] for arithmetic. The
/// text is kept, so `"55.70"` is written back as `"55.70"` and `"5.0"` as
/// `"5.0"`; a JSON number (`85`) is read too and written back as a number.
/// Two decimals are equal when their values are (`"5.0"` equals `"5"`).
///
/// ```
/// use wix_activities::Decimal;
///
/// let price: Decimal = serde_json::from_str(r#""55.70""#)?;
/// let shipping: Decimal = serde_json::from_str(r#""5.0""#)?;
/// assert_eq!((price.value() + shipping.value()).to_string(), "60.70");
/// assert_eq!(serde_json::to_string(&price)?, r#""55.70""#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Decimal {
    value: rust_decimal::Decimal,
    wire: Wire,
}

/// How the value travelled.
#[derive(Clone, Debug)]
enum Wire {
    /// As a string, with this text.
    Text(Box<str>),
    /// As a JSON number, with its text.
    Number(crate::Number),
    /// Not read but built in code: written as text, or as a JSON number in
    /// a field whose schema says number (see [`crate::lenient::amount`]).
    Built,
}

impl Decimal {
    /// The exact value.
    pub fn value(&self) -> rust_decimal::Decimal {
        self.value
    }

    /// The text the value is written as (without quotes).
    pub fn as_text(&self) -> std::borrow::Cow<'_, str> {
        match &self.wire {
            Wire::Text(text) => std::borrow::Cow::Borrowed(text),
            Wire::Number(number) => number.as_text(),
            Wire::Built => std::borrow::Cow::Owned(self.value.to_string()),
        }
    }

    /// Whether it was built in code rather than read, so that it has no
    /// form of its own to keep.
    pub(crate) fn is_built(&self) -> bool {
        matches!(self.wire, Wire::Built)
    }

    /// Whether the value came as a JSON number rather than as text.
    pub fn is_json_number(&self) -> bool {
        matches!(self.wire, Wire::Number(_))
    }
}

/// A decimal built in code: written as text at its own scale
/// (`Decimal::from(dec!(5.0))` is written `"5.0"`), or as a JSON number in
/// an activity's amount, whose schema says number.
impl From<rust_decimal::Decimal> for Decimal {
    fn from(value: rust_decimal::Decimal) -> Self {
        Decimal {
            value,
            wire: Wire::Built,
        }
    }
}

impl From<Decimal> for rust_decimal::Decimal {
    fn from(value: Decimal) -> Self {
        value.value
    }
}

macro_rules! from_integer {
    ($($t:ty),*) => {$(
        impl From<$t> for Decimal {
            fn from(value: $t) -> Self {
                Decimal::from(rust_decimal::Decimal::from(value))
            }
        }
    )*};
}
from_integer!(i8, i16, i32, i64, u8, u16, u32, u64);

/// The error of reading a [`Decimal`] from text that is not a decimal number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseDecimalError(String);

impl fmt::Display for ParseDecimalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a decimal number", self.0)
    }
}

impl std::error::Error for ParseDecimalError {}

/// Parses decimal text (`"85"`, `"-0.5"`, `"1e3"`), as it would arrive in JSON.
pub(crate) fn parse(text: &str) -> Option<rust_decimal::Decimal> {
    let plain = text
        .bytes()
        .enumerate()
        .all(|(i, b)| b.is_ascii_digit() || b == b'.' || (i == 0 && (b == b'-' || b == b'+')));
    let has_digit = text.bytes().any(|b| b.is_ascii_digit());
    if plain && has_digit {
        rust_decimal::Decimal::from_str_exact(text).ok()
    } else if text.contains(['e', 'E']) && has_digit {
        rust_decimal::Decimal::from_scientific(text).ok()
    } else {
        None
    }
}

/// The decimal a JSON number is, when a decimal holds it (not `1e-400`).
pub(crate) fn of_number(number: &crate::Number) -> Option<rust_decimal::Decimal> {
    match number.as_i64() {
        Some(whole) if number.is_integer() => Some(whole.into()),
        _ => parse(&number.as_text()),
    }
}

impl FromStr for Decimal {
    type Err = ParseDecimalError;

    /// Reads decimal text, as a value built in code (`"801.66".parse()`):
    /// written as text at its own scale, or as a JSON number in an amount.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match parse(text) {
            Some(value) => Ok(Decimal {
                value,
                wire: Wire::Built,
            }),
            None => Err(ParseDecimalError(text.to_owned())),
        }
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.as_text())
    }
}

impl PartialEq for Decimal {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl Eq for Decimal {}

impl Hash for Decimal {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.value.hash(state);
    }
}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Decimal {
    fn cmp(&self, other: &Self) -> Ordering {
        self.value.cmp(&other.value)
    }
}

impl Serialize for Decimal {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.wire {
            Wire::Text(text) => serializer.serialize_str(text),
            Wire::Number(number) => number.serialize(serializer),
            Wire::Built => serializer.collect_str(&self.value),
        }
    }
}

/// Reads decimal text (as Wix sends amounts) or a JSON number, by its
/// exact text (`55.70` is 55.70, at scale 2).
impl<'de> Deserialize<'de> for Decimal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        const EXPECTING: &str = "a decimal number as text, such as \"85\" or \"55.70\"";
        // Read, not built: the text or number is kept as it came.
        match crate::number::read(deserializer, EXPECTING)? {
            crate::number::Read::Number(number) => match of_number(&number) {
                Some(value) => Ok(Decimal {
                    value,
                    wire: Wire::Number(number),
                }),
                None => Err(serde::de::Error::custom(format_args!(
                    "the number {number} does not fit a decimal"
                ))),
            },
            crate::number::Read::Str(text) => match parse(&text) {
                Some(value) => Ok(Decimal {
                    value,
                    wire: Wire::Text(text.into()),
                }),
                None => Err(serde::de::Error::invalid_value(
                    serde::de::Unexpected::Str(&text),
                    &EXPECTING,
                )),
            },
        }
    }
}

#[cfg(feature = "schemars")]
impl schemars::JsonSchema for Decimal {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Decimal".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": ["string", "number"], "format": "decimal" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(json: &str) -> String {
        let decimal: Decimal = serde_json::from_str(json).unwrap();
        serde_json::to_string(&decimal).unwrap()
    }

    #[test]
    fn text_and_numbers_come_back_as_they_came() {
        for json in [
            r#""85""#,
            r#""55.70""#,
            r#""5.0""#,
            r#""0.0""#,
            r#""-0.5""#,
            r#""085""#,
            r#""+3""#,
            r#""1e3""#,
            "85",
            "-7",
            "2.5",
            "55.70",
            "1e2",
            "-0",
        ] {
            assert_eq!(round_trip(json), json);
        }
    }

    #[test]
    fn values_are_exact_and_compare_by_value() {
        let a: Decimal = "0.1".parse().unwrap();
        let b: Decimal = "0.2".parse().unwrap();
        assert_eq!((a.value() + b.value()).to_string(), "0.3");
        assert_eq!("5.0".parse::<Decimal>().unwrap(), Decimal::from(5));
        assert!("5.01".parse::<Decimal>().unwrap() > Decimal::from(5));
        let big: Decimal = "79228162514264337593543950335".parse().unwrap();
        assert_eq!(big.to_string(), "79228162514264337593543950335");
    }

    #[test]
    fn rejects_what_is_not_a_decimal() {
        for text in [
            "", "abc", "12 euros", "1.2.3", "-", ".", "0x10", "1e", "NaN",
        ] {
            assert!(text.parse::<Decimal>().is_err(), "{text}");
        }
        let error = serde_json::from_str::<Decimal>(r#""12 euros""#)
            .unwrap_err()
            .to_string();
        assert!(
            error.starts_with("invalid value: string \"12 euros\""),
            "{error}"
        );
        assert!(serde_json::from_str::<Decimal>("true").is_err());
        assert!(serde_json::from_str::<Decimal>("1e40").is_err());
    }

    #[test]
    fn a_built_decimal_is_written_as_text() {
        let decimal = Decimal::from(rust_decimal::Decimal::new(4570, 2));
        assert_eq!(serde_json::to_string(&decimal).unwrap(), r#""45.70""#);
        assert!(!decimal.is_json_number());
    }
}
