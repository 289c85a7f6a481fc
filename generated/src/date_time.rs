//! An RFC 3339 date-time that keeps the offset and the text it came with.

use std::fmt;
use std::str::FromStr;

use chrono::{FixedOffset, SecondsFormat, TimeZone};
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

use crate::validate::formats;

/// A date-time from a field that Wix documents as `DateTime`.
///
/// Wix sends ISO 8601 / RFC 3339 text such as `2013-07-01T08:07:40.802Z`.
/// Unlike `chrono::DateTime<Utc>`, this type keeps the offset the sender used
/// (`+02:00` stays `+02:00`) and writes back the exact text it read, so a
/// payload parsed and serialized again is the payload that came in.
///
/// A date-time sent without an offset (`2016-09-15T15:53:00`, as Wix's
/// Messaging example does) is read, because real clients send it, but it
/// names no instant: [`DateTime::has_offset`] says so, validation reports
/// it, and [`DateTime::to_chrono`] reads it as UTC.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DateTime {
    text: Box<str>,
    value: chrono::DateTime<FixedOffset>,
    has_offset: bool,
}

impl DateTime {
    /// The instant, with the offset it was written in (UTC when none was).
    pub fn to_chrono(&self) -> chrono::DateTime<FixedOffset> {
        self.value
    }

    /// Whether the text carried a UTC offset (`Z` or `+02:00`), as RFC 3339 requires.
    pub fn has_offset(&self) -> bool {
        self.has_offset
    }

    /// The instant in UTC.
    pub fn to_utc(&self) -> chrono::DateTime<chrono::Utc> {
        self.value.to_utc()
    }

    /// The text this date-time is written as.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl<Tz: TimeZone> From<chrono::DateTime<Tz>> for DateTime {
    /// Writes the instant as RFC 3339 with `Z` for UTC and only the fraction
    /// digits it needs, which is what JavaScript's `toISOString` sends.
    fn from(value: chrono::DateTime<Tz>) -> Self {
        let value = value.fixed_offset();
        DateTime {
            text: value.to_rfc3339_opts(SecondsFormat::AutoSi, true).into(),
            value,
            has_offset: true,
        }
    }
}

/// The error of reading a [`DateTime`] from text that is not RFC 3339.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseDateTimeError {
    text: String,
    reason: String,
}

impl fmt::Display for ParseDateTimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not an RFC 3339 date-time: {}",
            self.text, self.reason
        )
    }
}

impl std::error::Error for ParseDateTimeError {}

impl FromStr for DateTime {
    type Err = ParseDateTimeError;

    /// One rule decides what is a date-time, [`formats::is_date_time`]
    /// (or, read with a warning, [`formats::is_local_date_time`]); chrono
    /// only computes the instant of text that rule accepted.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let invalid = |reason: &str| ParseDateTimeError {
            text: text.to_owned(),
            reason: reason.to_owned(),
        };
        if formats::is_date_time(text) {
            let value =
                chrono::DateTime::parse_from_rfc3339(text).map_err(|e| invalid(&e.to_string()))?;
            return Ok(DateTime {
                text: text.into(),
                value,
                has_offset: true,
            });
        }
        if formats::is_local_date_time(text) {
            // The rule allows `t` as well as `T`; chrono's pattern wants `T`.
            let upper = text.replacen('t', "T", 1);
            let naive = chrono::NaiveDateTime::parse_from_str(&upper, "%Y-%m-%dT%H:%M:%S%.f")
                .map_err(|e| invalid(&e.to_string()))?;
            return Ok(DateTime {
                text: text.into(),
                value: naive.and_utc().fixed_offset(),
                has_offset: false,
            });
        }
        Err(invalid(
            "expected `YYYY-MM-DDTHH:MM:SS`, an optional fraction of 1 to 9 digits, and `Z` or `+HH:MM`",
        ))
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl Serialize for DateTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for DateTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;

        impl de::Visitor<'_> for Visitor {
            type Value = DateTime;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an RFC 3339 date-time string")
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<DateTime, E> {
                text.parse().map_err(E::custom)
            }
        }

        deserializer.deserialize_str(Visitor)
    }
}

#[cfg(feature = "schemars")]
impl schemars::JsonSchema for DateTime {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "DateTime".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "format": "date-time" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_rfc_3339_rule_for_parsing_and_validation() {
        let cases = [
            ("2013-07-01T08:07:40Z", Some(true)),
            ("2013-07-01t08:07:40z", Some(true)),
            ("2013-07-01T08:07:40.802Z", Some(true)),
            ("2013-07-01T08:07:40.123456789+02:00", Some(true)),
            ("2016-12-31T23:59:60Z", Some(true)),
            ("2013-07-01T08:07:40-00:00", Some(true)),
            ("2016-09-15T15:53:00", Some(false)),
            ("2016-09-15t15:53:00.5", Some(false)),
            ("2013-07-01 08:07:40Z", None),
            ("2013-07-01T08:07:40.1234567890Z", None),
            ("2013-07-01T08:07:40+0200", None),
            ("2015-02-29T08:07:40Z", None),
            ("2013-07-01", None),
        ];
        for (text, expected) in cases {
            let parsed = text.parse::<DateTime>().ok().map(|d| d.has_offset());
            assert_eq!(parsed, expected, "{text}");
            assert_eq!(
                formats::is_date_time(text),
                expected == Some(true),
                "{text}"
            );
            assert_eq!(
                formats::is_local_date_time(text),
                expected == Some(false),
                "{text}"
            );
        }
        let leap: DateTime = "2016-12-31T23:59:60Z".parse().unwrap();
        assert_eq!(leap.as_str(), "2016-12-31T23:59:60Z");
    }

    #[test]
    fn keeps_the_offset_and_the_text() {
        for text in [
            "\"2013-07-01T08:07:40.802Z\"",
            "\"2013-07-01T10:07:40+02:00\"",
            "\"2013-07-01T08:07:40.000+00:00\"",
        ] {
            let parsed: DateTime = serde_json::from_str(text).unwrap();
            assert_eq!(serde_json::to_string(&parsed).unwrap(), text);
        }
        let cest: DateTime = "2013-07-01T10:07:40+02:00".parse().unwrap();
        assert_eq!(cest.to_chrono().offset().local_minus_utc(), 7200);
        assert_eq!(cest.to_utc().to_rfc3339(), "2013-07-01T08:07:40+00:00");
    }

    #[test]
    fn a_date_time_without_offset_is_read_and_flagged() {
        let local: DateTime = serde_json::from_str("\"2016-09-15T15:53:00\"").unwrap();
        assert!(!local.has_offset());
        assert_eq!(local.as_str(), "2016-09-15T15:53:00");
        assert_eq!(local.to_utc().to_rfc3339(), "2016-09-15T15:53:00+00:00");
        assert!("2016-09-15T15:53:00.25+01:00"
            .parse::<DateTime>()
            .unwrap()
            .has_offset());
    }

    #[test]
    fn from_chrono_writes_what_javascript_writes() {
        let utc = chrono::Utc
            .with_ymd_and_hms(2026, 11, 23, 12, 0, 0)
            .unwrap();
        assert_eq!(DateTime::from(utc).as_str(), "2026-11-23T12:00:00Z");
    }

    #[test]
    fn rejects_text_that_is_not_a_date_time() {
        let error = serde_json::from_str::<DateTime>("\"yesterday\"").unwrap_err();
        assert!(error
            .to_string()
            .contains("`yesterday` is not an RFC 3339 date-time"));
        assert!(serde_json::from_str::<DateTime>("12").is_err());
    }
}
