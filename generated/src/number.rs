//! A JSON number that is written back exactly as it was read.

use std::borrow::Cow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Unexpected, Visitor};
use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize, Serializer};

/// The name serde_json gives its raw values: a `Deserializer` asked for a
/// newtype struct of this name hands over the value's exact text, and a
/// `Serializer` asked for a struct of this name writes its one field's
/// text as it is (serde_json's `raw_value` feature, which leaves
/// `serde_json::Value` as it is; `arbitrary_precision` would change it).
pub(crate) const RAW: &str = "$serde_json::private::RawValue";

/// A number from a field that Wix documents as `Number`.
///
/// The number keeps the text it came as, whatever its spelling: `2` is
/// written back as `2`, `1e2` as `1e2`, `1.50` as `1.50`, `-0` as `-0`, a
/// 30-digit integer with all its digits, `1e400` and `1e-400` as they are.
/// This holds when the number is read by serde_json from text or bytes; one
/// read from a `serde_json::Value` has only the value's own form to keep
/// (`Value` holds `1e2` as `100.0`). Use [`Number::as_f64`] for arithmetic
/// and [`Number::as_i64`] when a whole number is expected.
///
/// Two numbers are equal when they are written the same: `1.5` and `1.50`
/// are the same value written two ways, and are not equal (compare
/// [`Number::as_f64`] for the value). A number built in code is written in
/// its shortest form (`Number::from(2)` is `2`, `Number::try_from(2.5)` is
/// `2.5`).
///
/// A number whose text is not its shortest form is written through
/// serde_json's raw-value hook: to serde_json (text, bytes or a `Value`)
/// it is that number; another serde format sees a struct.
///
/// ```
/// use wix_activities::Number;
///
/// let price: Number = serde_json::from_str("12.50")?;
/// assert_eq!(price.as_f64(), 12.5);
/// assert_eq!(serde_json::to_string(&price)?, "12.50");
/// let big: Number = serde_json::from_str("123456789012345678901234567890")?;
/// assert!(big.is_integer() && big.as_i64().is_none());
/// assert_eq!(big.to_string(), "123456789012345678901234567890");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Number {
    /// The value, or the nearest one serde_json holds (for `1e400`, the
    /// largest finite `f64` of its sign: serde_json holds no infinity).
    json: serde_json::Number,
    /// The text it came as, when that is not `json`'s own shortest form.
    text: Option<Box<str>>,
}

impl Number {
    /// The value as a floating-point number (always possible, maybe lossy:
    /// `1e400` is infinite, `1e-400` is zero).
    pub fn as_f64(&self) -> f64 {
        if let Some(text) = &self.text {
            // JSON's number grammar is a subset of Rust's float grammar.
            if let Ok(value) = text.parse::<f64>() {
                return value;
            }
        }
        // serde_json only refuses `as_f64` with `arbitrary_precision`, which
        // this crate does not enable.
        self.json.as_f64().unwrap_or(f64::NAN)
    }

    /// The value as an `i64`, when it is a whole number that fits.
    pub fn as_i64(&self) -> Option<i64> {
        self.json.as_i64()
    }

    /// The value as a `u64`, when it is a non-negative whole number that fits.
    pub fn as_u64(&self) -> Option<u64> {
        self.json.as_u64()
    }

    /// Whether the number was written without a fraction or exponent
    /// (`2`, `-0`, a 30-digit integer; not `2.0` or `2e0`).
    pub fn is_integer(&self) -> bool {
        match &self.text {
            Some(text) => !text.contains(['.', 'e', 'E']),
            None => self.json.is_i64() || self.json.is_u64(),
        }
    }

    /// A number from a float; `None` for NaN or infinity, which JSON cannot hold.
    pub fn from_f64(value: f64) -> Option<Self> {
        serde_json::Number::from_f64(value).map(Number::from)
    }

    /// The nearest [`serde_json::Number`] (the largest finite `f64` of its
    /// sign for a number beyond `f64`'s range).
    pub fn as_json(&self) -> &serde_json::Number {
        &self.json
    }

    /// The text the number is written as: the text it came as.
    pub fn as_text(&self) -> Cow<'_, str> {
        match &self.text {
            Some(text) => Cow::Borrowed(text),
            None => Cow::Owned(self.json.to_string()),
        }
    }

    /// The number that JSON number text spells, keeping the text; `None`
    /// for text that is not a JSON number (`+1`, `.5`, `0x10`, `NaN`).
    pub(crate) fn from_json_text(text: &str) -> Option<Number> {
        if !is_json_number(text) {
            return None;
        }
        let whole = !text.contains(['.', 'e', 'E']);
        if whole {
            let exact = match text.strip_prefix('-') {
                Some(_) => text.parse::<i64>().ok().map(serde_json::Number::from),
                None => text.parse::<u64>().ok().map(serde_json::Number::from),
            };
            if let Some(json) = exact {
                // The grammar allows no leading zero, so only `-0` is not
                // the integer's own form.
                let text = (text == "-0").then(|| text.into());
                return Some(Number { json, text });
            }
        }
        let value = text.parse::<f64>().ok()?;
        let json = serde_json::Number::from_f64(value).unwrap_or_else(|| {
            let nearest = if value < 0.0 { f64::MIN } else { f64::MAX };
            serde_json::Number::from_f64(nearest).expect("a finite float")
        });
        let text = (whole || !writes_as(&json, text)).then(|| text.into());
        Some(Number { json, text })
    }
}

/// Whether `text` follows JSON's number grammar:
/// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
fn is_json_number(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = usize::from(bytes.first() == Some(&b'-'));
    let digits = |i: &mut usize| {
        let start = *i;
        while bytes.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    match bytes.get(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => {
            digits(&mut i);
        }
        _ => return false,
    }
    if bytes.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    }
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(bytes.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == bytes.len()
}

/// Whether `json` is written as exactly `text`, compared as it is
/// formatted, without allocating.
fn writes_as(json: &serde_json::Number, text: &str) -> bool {
    struct Compare<'a>(Option<&'a str>);

    impl fmt::Write for Compare<'_> {
        fn write_str(&mut self, part: &str) -> fmt::Result {
            self.0 = self.0.and_then(|rest| rest.strip_prefix(part));
            Ok(())
        }
    }

    let mut compare = Compare(Some(text));
    let _ = fmt::write(&mut compare, format_args!("{json}"));
    compare.0 == Some("")
}

macro_rules! from_integer {
    ($($t:ty),*) => {$(
        impl From<$t> for Number {
            fn from(value: $t) -> Self {
                Number::from(serde_json::Number::from(value))
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

/// A `serde_json::Number`, written in its own (shortest) form.
impl From<serde_json::Number> for Number {
    fn from(value: serde_json::Number) -> Self {
        Number {
            json: value,
            text: None,
        }
    }
}

impl From<Number> for serde_json::Number {
    fn from(value: Number) -> Self {
        value.json
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.text {
            Some(text) => f.write_str(text),
            None => fmt::Display::fmt(&self.json, f),
        }
    }
}

impl PartialEq for Number {
    fn eq(&self, other: &Self) -> bool {
        // `text` is kept only when it differs from `json`'s own form, so
        // equal texts mean both have one, or neither and equal values.
        match (&self.text, &other.text) {
            (Some(a), Some(b)) => a == b,
            (None, None) => same_value(&self.json, &other.json),
            _ => false,
        }
    }
}

impl Eq for Number {}

/// Equal as serde_json writes them: `0.0` and `-0.0` differ, and an
/// integer differs from the float of its value.
fn same_value(a: &serde_json::Number, b: &serde_json::Number) -> bool {
    if a.is_f64() || b.is_f64() {
        a.is_f64() && b.is_f64() && a.as_f64().map(f64::to_bits) == b.as_f64().map(f64::to_bits)
    } else {
        a == b
    }
}

impl Hash for Number {
    fn hash<H: Hasher>(&self, state: &mut H) {
        match &self.text {
            Some(text) => text.hash(state),
            None => match self.json.as_f64() {
                Some(float) if self.json.is_f64() => float.to_bits().hash(state),
                _ => self.json.hash(state),
            },
        }
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

/// Reads JSON number text (`12.50`, `1e400`), keeping it as written.
impl FromStr for Number {
    type Err = ParseNumberError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Number::from_json_text(text).ok_or_else(|| ParseNumberError(text.to_owned()))
    }
}

impl Serialize for Number {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.text {
            None => self.json.serialize(serializer),
            Some(text) => {
                let mut raw = serializer.serialize_struct(RAW, 1)?;
                raw.serialize_field(RAW, &**text)?;
                raw.end()
            }
        }
    }
}

/// Reads a JSON number, or a string that holds one (`"1"`, as Wix's
/// examples send prices): the number is written back as a JSON number,
/// with the text it came as.
impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        const EXPECTING: &str = "a JSON number or a numeric string";
        match read(deserializer, EXPECTING)? {
            Read::Number(number) => Ok(number),
            Read::Str(text) => Number::from_json_text(text.trim())
                .ok_or_else(|| de::Error::invalid_value(Unexpected::Str(&text), &EXPECTING)),
        }
    }
}

/// What a field that holds a number read: a JSON number, or text.
pub(crate) enum Read<'de> {
    Number(Number),
    Str(Cow<'de, str>),
}

/// Reads a number with its exact text where the deserializer gives it
/// (serde_json's), or a string; anything else is an error expecting
/// `expecting`. Any other deserializer gives the value it holds.
pub(crate) fn read<'de, D: Deserializer<'de>>(
    deserializer: D,
    expecting: &'static str,
) -> Result<Read<'de>, D::Error> {
    deserializer.deserialize_newtype_struct(RAW, ReadVisitor(expecting))
}

struct ReadVisitor(&'static str);

impl ReadVisitor {
    /// Classifies a value's exact JSON text.
    fn raw<'de, E: de::Error>(self, raw: Cow<'de, str>) -> Result<Read<'de>, E> {
        let unexpected = |what: Unexpected<'_>| Err(E::invalid_type(what, &self.0));
        match raw.as_bytes().first() {
            Some(b'-' | b'0'..=b'9') => match Number::from_json_text(&raw) {
                Some(number) => Ok(Read::Number(number)),
                None => Err(E::custom(format_args!("`{raw}` is not a JSON number"))),
            },
            // Without an escape, the text between the quotes is the string.
            Some(b'"') if !raw.contains('\\') => Ok(Read::Str(match raw {
                Cow::Borrowed(raw) => Cow::Borrowed(&raw[1..raw.len() - 1]),
                Cow::Owned(raw) => Cow::Owned(raw[1..raw.len() - 1].to_owned()),
            })),
            Some(b'"') => serde_json::from_str::<String>(&raw)
                .map(|text| Read::Str(Cow::Owned(text)))
                .map_err(E::custom),
            Some(b't') => unexpected(Unexpected::Bool(true)),
            Some(b'f') => unexpected(Unexpected::Bool(false)),
            Some(b'n') => unexpected(Unexpected::Unit),
            Some(b'[') => unexpected(Unexpected::Seq),
            Some(b'{') => unexpected(Unexpected::Map),
            _ => Err(E::custom(format_args!("`{raw}` is not JSON"))),
        }
    }
}

impl<'de> Visitor<'de> for ReadVisitor {
    type Value = Read<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }

    /// serde_json's raw value: one entry, its key the token, its value the text.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Read<'de>, A::Error> {
        match map.next_key::<crate::lenient::Key<'de>>()? {
            Some(key) if key.as_str() == RAW => {
                let raw = map.next_value::<RawText<'de>>()?;
                self.raw(raw.0)
            }
            _ => {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Err(de::Error::invalid_type(Unexpected::Map, &self.0))
            }
        }
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Read<'de>, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Read<'de>, E> {
        Ok(Read::Number(Number::from(v)))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Read<'de>, E> {
        Ok(Read::Number(Number::from(v)))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Read<'de>, E> {
        Number::from_f64(v)
            .map(Read::Number)
            .ok_or_else(|| E::custom("a number must be finite"))
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Read<'de>, E> {
        Ok(Read::Str(Cow::Borrowed(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Read<'de>, E> {
        Ok(Read::Str(Cow::Owned(v.to_owned())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Read<'de>, E> {
        Ok(Read::Str(Cow::Owned(v)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Read<'de>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Err(de::Error::invalid_type(Unexpected::Seq, &self.0))
    }
}

/// The text of a raw value, borrowed from the input when it can be.
struct RawText<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for RawText<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::lenient::Key::deserialize(deserializer).map(|key| RawText(key.into_cow()))
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
    fn every_spelling_comes_back_as_it_came() {
        for text in [
            "2",
            "-7",
            "22.4",
            "0.6",
            "1e3",
            "1E+3",
            "1e2",
            "1.50",
            "-0",
            "-0.0",
            "0.0",
            "18446744073709551615",
            "-9223372036854775808",
            "123456789012345678901234567890",
            "-123456789012345678901234567890",
            "1e400",
            "-1e400",
            "1e-400",
            "95.0",
        ] {
            let number: Number = serde_json::from_str(text).unwrap();
            assert_eq!(serde_json::to_string(&number).unwrap(), text);
            assert_eq!(number.to_string(), text);
            assert_eq!(text.parse::<Number>().unwrap(), number, "{text}");
            let from_reader: Number = serde_json::from_reader(text.as_bytes()).unwrap();
            assert_eq!(from_reader, number, "{text}");
        }
    }

    #[test]
    fn values_and_kinds_are_read_from_the_text() {
        let two: Number = serde_json::from_str("2").unwrap();
        assert!(two.is_integer());
        assert_eq!(
            (two.as_i64(), two.as_u64(), two.as_f64()),
            (Some(2), Some(2), 2.0)
        );
        let big: Number = serde_json::from_str("123456789012345678901234567890").unwrap();
        assert!(big.is_integer());
        assert_eq!((big.as_i64(), big.as_u64()), (None, None));
        assert_eq!(big.as_f64(), 1.2345678901234568e29);
        let huge: Number = serde_json::from_str("-1e400").unwrap();
        assert_eq!(huge.as_f64(), f64::NEG_INFINITY);
        assert!(!huge.is_integer());
        let tiny: Number = serde_json::from_str("1e-400").unwrap();
        assert_eq!(tiny.as_f64(), 0.0);
        let minus_zero: Number = serde_json::from_str("-0").unwrap();
        assert!(minus_zero.is_integer());
        assert_eq!(minus_zero.as_i64(), Some(0));
        assert!(minus_zero.as_f64().is_sign_negative());
        let hundred: Number = serde_json::from_str("1e2").unwrap();
        assert!(!hundred.is_integer());
        assert_eq!((hundred.as_f64(), hundred.as_i64()), (100.0, None));
    }

    #[test]
    fn numbers_are_equal_when_written_the_same() {
        let read = |text: &str| serde_json::from_str::<Number>(text).unwrap();
        assert_eq!(read("1.5"), Number::try_from(1.5).unwrap());
        assert_eq!(read("2"), Number::from(2));
        assert_ne!(read("1.50"), read("1.5"));
        assert_ne!(read("1e2"), read("100.0"));
        assert_ne!(read("2.0"), read("2"));
        assert_ne!(read("-0.0"), read("0.0"));
        assert_ne!(read("-0"), read("0"));
        use std::collections::HashSet;
        let set: HashSet<Number> = ["1.5", "1.50", "1.5", "2", "2.0"].map(read).into();
        assert_eq!(set.len(), 4);
    }

    #[test]
    fn a_value_has_only_its_own_form_to_keep() {
        let value: serde_json::Value = serde_json::from_str("1.50").unwrap();
        let number: Number = serde_json::from_value(value).unwrap();
        assert_eq!(number.to_string(), "1.5");
        let written = serde_json::to_value(serde_json::from_str::<Number>("1.50").unwrap());
        assert_eq!(written.unwrap(), serde_json::json!(1.5));
    }

    #[test]
    fn reads_numeric_strings_and_writes_numbers() {
        let one: Number = serde_json::from_str(r#""1""#).unwrap();
        assert_eq!(serde_json::to_string(&one).unwrap(), "1");
        let price: Number = serde_json::from_str(r#"" 22.40 ""#).unwrap();
        assert_eq!(serde_json::to_string(&price).unwrap(), "22.40");
        let escaped: Number = serde_json::from_str(r#""\u0031e2""#).unwrap();
        assert_eq!(serde_json::to_string(&escaped).unwrap(), "1e2");
        let error = serde_json::from_str::<Number>(r#""12 euros""#)
            .unwrap_err()
            .to_string();
        assert!(
            error.starts_with(
                "invalid value: string \"12 euros\", expected a JSON number or a numeric string"
            ),
            "{error}"
        );
        for not_json in ["+1", ".5", "1.", "0x10", "NaN", "inf", "01", "1e"] {
            let quoted = format!("\"{not_json}\"");
            assert!(
                serde_json::from_str::<Number>(&quoted).is_err(),
                "{not_json}"
            );
            assert!(not_json.parse::<Number>().is_err(), "{not_json}");
        }
    }

    #[test]
    fn rejects_what_is_not_a_number() {
        for json in ["true", "null", "[1]", "{\"a\": 1}", "\"\\ud800\""] {
            let error = serde_json::from_str::<Number>(json)
                .unwrap_err()
                .to_string();
            assert!(!error.is_empty(), "{json}");
        }
        assert!(serde_json::from_str::<Number>("true")
            .unwrap_err()
            .to_string()
            .starts_with(
                "invalid type: boolean `true`, expected a JSON number or a numeric string"
            ));
        // Inside an object, serde_json gives the error its position.
        let error =
            serde_json::from_str::<std::collections::BTreeMap<String, Number>>(r#"{"a": true}"#)
                .unwrap_err();
        assert_eq!((error.line(), error.column()), (1, 11));
        assert!("abc".parse::<Number>().is_err());
        assert_eq!(Number::from_f64(f64::NAN), None);
        assert_eq!("1.5".parse::<Number>().unwrap().as_f64(), 1.5);
    }
}
