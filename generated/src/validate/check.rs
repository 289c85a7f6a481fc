//! The checks behind every rule, one function each, on the values the
//! walkers find: both the typed walk (a value as it is serialized) and the
//! raw walk (JSON as it is read) call them, so the two agree on every
//! verdict and every message.

use serde_json::Value;

use super::formats;
use super::rules::{FieldRule, Format, Items, Range, Rule, StructRules, Text};
use super::{Kind, Path, Report};
use crate::{DateTime, Number};

/// A value as a walker finds it: a scalar, borrowed, or the kind of a container.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Found<'a> {
    Null,
    Bool(bool),
    I64(i64),
    U64(u64),
    F64(f64),
    Str(&'a str),
    Array,
    Object,
}

impl<'a> From<&'a Value> for Found<'a> {
    fn from(value: &'a Value) -> Found<'a> {
        match value {
            Value::Null => Found::Null,
            Value::Bool(b) => Found::Bool(*b),
            Value::Number(n) => match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => Found::U64(u),
                (None, Some(i)) => Found::I64(i),
                _ => Found::F64(n.as_f64().unwrap_or_default()),
            },
            Value::String(s) => Found::Str(s),
            Value::Array(_) => Found::Array,
            Value::Object(_) => Found::Object,
        }
    }
}

impl Found<'_> {
    fn is_null(self) -> bool {
        matches!(self, Found::Null)
    }

    /// The JSON number, if this is one.
    fn number(self) -> Option<serde_json::Number> {
        match self {
            Found::I64(i) => Some(i.into()),
            Found::U64(u) => Some(u.into()),
            Found::F64(f) => serde_json::Number::from_f64(f),
            _ => None,
        }
    }

    fn as_i64(self) -> Option<i64> {
        match self {
            Found::I64(i) => Some(i),
            Found::U64(u) => i64::try_from(u).ok(),
            _ => None,
        }
    }
}

/// What the exact text of a JSON value is, for a walker: a number as the
/// value it spells (beyond `f64`'s range, an infinite `F64`), a container
/// by its kind, a string by the text between its quotes.
pub(crate) fn raw_text(raw: &str) -> Found<'_> {
    match raw.as_bytes().first() {
        Some(b'-' | b'0'..=b'9') => match Number::from_json_text(raw) {
            Some(number) => {
                let json = number.as_json();
                match (json.as_u64(), json.as_i64()) {
                    (Some(u), _) => Found::U64(u),
                    (None, Some(i)) => Found::I64(i),
                    _ => Found::F64(number.as_f64()),
                }
            }
            None => Found::Str(raw),
        },
        Some(b't') => Found::Bool(true),
        Some(b'f') => Found::Bool(false),
        Some(b'n') => Found::Null,
        Some(b'[') => Found::Array,
        Some(b'{') => Found::Object,
        // Kept JSON text: a string shown by its content, escapes as written.
        Some(b'"') if raw.len() >= 2 => Found::Str(&raw[1..raw.len() - 1]),
        _ => Found::Str(raw),
    }
}

/// A scalar a consistency rule compares, kept until its object ends.
#[derive(Clone, Debug)]
pub(crate) enum Kept {
    Number(f64),
    Text(String),
    Other,
}

impl Kept {
    pub(crate) fn of(found: Found<'_>) -> Kept {
        match found {
            Found::Str(s) => Kept::Text(s.to_owned()),
            other => match other.number() {
                Some(n) => Kept::Number(n.as_f64().unwrap_or_default()),
                None => Kept::Other,
            },
        }
    }
}

/// Applies a scalar rule to what a walker found. Container rules
/// ([`Rule::Object`], [`Rule::Array`]) get here only when the value is not
/// a container of the right kind.
pub(crate) fn found(
    rule: &Rule,
    value: Found<'_>,
    required: bool,
    path: &Path,
    report: &mut Report,
) {
    match rule {
        Rule::Text(text) => json_text(value, text, required, path, report),
        Rule::Number(range) => json_number(value, range, Reading::Lenient, required, path, report),
        Rule::StrictNumber(range) => {
            json_number(value, range, Reading::Strict, required, path, report)
        }
        Rule::Integer(range) => {
            json_integer(value, range, Reading::Lenient, required, path, report)
        }
        Rule::StrictInteger(range) => {
            json_integer(value, range, Reading::Strict, required, path, report)
        }
        Rule::Bool => json_bool(value, required, path, report),
        Rule::DateTime => json_date_time(value, required, path, report),
        Rule::Decimal => json_decimal(value, required, path, report),
        Rule::Int64 => json_int64(value, required, path, report),
        Rule::StrictText(text) => json_strict_text(value, text, required, path, report),
        Rule::Enum(values) => json_enum(value, values, Reading::Lenient, required, path, report),
        Rule::ExactEnum(values) => {
            json_enum(value, values, Reading::Strict, required, path, report)
        }
        Rule::OpenEnum(values) => json_open_enum(value, values, required, path, report),
        Rule::RawArray => json_raw_array(value, path, report),
        Rule::RawObject => json_raw_object(value, required, path, report),
        Rule::Object(_) => {
            if !value.is_null() || required {
                object(value, path, report);
            }
        }
        Rule::Array(items, _) => json_array(value, items, required, path, report),
        Rule::Union(union) => {
            // Walkers hand alternatives over whole; a scalar kept for a
            // consistency rule gets here, as the text it is.
            let text = match value {
                Found::Null => Some("null".to_owned()),
                Found::Bool(b) => Some(b.to_string()),
                Found::Str(s) => serde_json::to_string(s).ok(),
                Found::Array | Found::Object => None,
                number => number.number().map(|n| n.to_string()),
            };
            if let Some(text) = text {
                super::union::check(&text, union, required, &mut path.clone(), report);
            }
        }
        Rule::Any | Rule::External(_) => {}
    }
}

/// The last token of the pointer: the name of the field being checked.
fn field(path: &Path) -> String {
    let token = path.pointer().rsplit('/').next().unwrap_or_default();
    // Shown shortly, so cut before it is unescaped (a 100 MB key is not copied).
    let mut end = token.len().min(80);
    while !token.is_char_boundary(end) {
        end -= 1;
    }
    let token = if end < token.len() {
        format!("{}…", super::unescape(&token[..end]))
    } else {
        super::unescape(token).into_owned()
    };
    if token.chars().all(|c| c.is_ascii_digit()) && !token.is_empty() {
        format!("item {token}")
    } else {
        shown(&token)
    }
}

/// What a JSON value is, for messages.
fn described(value: Found<'_>) -> String {
    match value {
        Found::Null => "null".to_owned(),
        Found::Bool(b) => format!("the boolean `{b}`"),
        Found::Str(s) if s.len() > 64 => format!("a string of {} bytes", s.len()),
        Found::Str(s) => format!("the string `{s}`"),
        Found::Array => "an array".to_owned(),
        Found::Object => "an object".to_owned(),
        number => match number.number() {
            Some(n) => format!("the number `{n}`"),
            None => "a number".to_owned(),
        },
    }
}

fn shown(text: &str) -> String {
    if text.len() > 64 {
        let mut end = 61;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        format!("`{}…`", &text[..end])
    } else {
        format!("`{text}`")
    }
}

fn wrong_type(expected: &str, value: Found<'_>, path: &Path, report: &mut Report) {
    report.error(
        path,
        Kind::Type,
        format_args!(
            "{} must be {expected}, found {}",
            field(path),
            described(value)
        ),
    );
}

/// What an empty text is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Empty {
    /// Read leniently, a required text left out: Wix's clients send `""`.
    Missing,
    /// Read leniently, an optional text left out: no rule applies.
    Absent,
    /// Read strictly, a text like any other.
    Value,
}

/// A text's rules.
fn text_rules(value: &str, rules: &Text, empty: Empty, path: &Path, report: &mut Report) {
    if value.is_empty() && empty != Empty::Value {
        if empty == Empty::Missing {
            report.error(
                path,
                Kind::Required,
                format_args!("{} is required but missing or empty", field(path)),
            );
        }
        return;
    }
    if let Some(format) = rules.format {
        let (ok, expected) = match format {
            Format::Currency => (
                formats::is_currency_code(value),
                "an ISO 4217 currency code such as `USD`",
            ),
            Format::Email => (formats::is_email(value), "an email address"),
            Format::Url => (
                formats::is_url(value),
                "an absolute URL such as `https://example.com/page`",
            ),
            Format::Date => (formats::is_date(value), "a date such as `2020-01-02`"),
            Format::Time => (
                formats::is_time(value),
                "a time with its offset such as `08:07:40Z`",
            ),
            Format::Uuid => (
                formats::is_uuid(value),
                "a UUID such as `123e4567-e89b-12d3-a456-426614174000`",
            ),
            Format::Ipv4 => (
                formats::is_ipv4(value),
                "an IPv4 address such as `192.0.2.1`",
            ),
            Format::Ipv6 => (
                formats::is_ipv6(value),
                "an IPv6 address such as `2001:db8::1`",
            ),
            Format::Hostname => (
                formats::is_hostname(value),
                "a host name such as `example.com`",
            ),
            Format::UriReference => (
                formats::is_uri_reference(value),
                "a URI reference such as `/shop?page=2`",
            ),
        };
        if !ok {
            let message = format!("{} must be {expected}, found {}", field(path), shown(value));
            if rules.format_is_warning {
                report.warning(path, Kind::Format, message);
            } else {
                report.error(path, Kind::Format, message);
            }
        }
    }
    let length = || value.chars().count() as u64;
    if let Some(min) = rules.min_length.filter(|min| length() < *min) {
        report.error(
            path,
            Kind::Length,
            format_args!("{} must be at least {min} characters long", field(path)),
        );
    }
    if let Some(max) = rules.max_length.filter(|max| length() > *max) {
        report.error(
            path,
            Kind::Length,
            format_args!("{} must be at most {max} characters long", field(path)),
        );
    }
    if let Some(constant) = rules.constant.filter(|c| *c != value) {
        report.error(
            path,
            Kind::Const,
            format_args!(
                "{} must be `{constant}`, found {}",
                field(path),
                shown(value)
            ),
        );
    }
    if let Some(pattern) = rules.pattern.filter(|p| !matches(p, value)) {
        report.error(
            path,
            Kind::Pattern,
            format_args!(
                "{} must match `{pattern}`, found {}",
                field(path),
                shown(value)
            ),
        );
    }
}

/// Whether `text` matches the ECMA-262 `pattern` (anywhere, as JSON Schema
/// says). Each pattern is compiled once; the generator has checked that it
/// compiles, so a pattern that does not is treated as matching nothing.
fn matches(pattern: &'static str, text: &str) -> bool {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    type Cache = Mutex<HashMap<&'static str, Option<regress::Regex>>>;
    static COMPILED: OnceLock<Cache> = OnceLock::new();
    let cache = COMPILED.get_or_init(Default::default);
    let mut cache = cache
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let regex = cache
        .entry(pattern)
        .or_insert_with(|| regress::Regex::new(pattern).ok());
    regex.as_ref().is_some_and(|r| r.find(text).is_some())
}

fn range(
    value: f64,
    text: &dyn std::fmt::Display,
    rules: &Range,
    path: &Path,
    report: &mut Report,
) {
    let mut fail = |bound: &str, limit: f64| {
        report.error(
            path,
            Kind::Range,
            format_args!("{} must be {bound} {limit}, found {text}", field(path)),
        );
    };
    if let Some(min) = rules.minimum.filter(|m| value < *m) {
        fail("at least", min);
    }
    if let Some(max) = rules.maximum.filter(|m| value > *m) {
        fail("at most", max);
    }
    if let Some(min) = rules.exclusive_minimum.filter(|m| value <= *m) {
        fail("more than", min);
    }
    if let Some(max) = rules.exclusive_maximum.filter(|m| value >= *m) {
        fail("less than", max);
    }
    if let Some(step) = rules
        .multiple_of
        .filter(|step| !is_multiple(value, text, *step))
    {
        report.error(
            path,
            Kind::Range,
            format_args!("{} must be a multiple of {step}, found {text}", field(path)),
        );
    }
    if let Some(values) = rules.one_of.filter(|values| !values.contains(&value)) {
        let values: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
        report.error(
            path,
            Kind::Enum,
            format_args!(
                "{} must be one of {}, found `{text}`",
                field(path),
                values.join(", ")
            ),
        );
    }
}

/// Whether `value` (written `text`) is a whole multiple of `step`: exactly,
/// in decimal, where both are decimals (`0.3` of `0.1`), else in `f64`.
fn is_multiple(value: f64, text: &dyn std::fmt::Display, step: f64) -> bool {
    use rust_decimal::Decimal;
    let exact = |text: &str| {
        text.parse::<Decimal>()
            .or_else(|_| Decimal::from_scientific(text))
            .ok()
    };
    match (exact(&text.to_string()), exact(&step.to_string())) {
        (Some(value), Some(step)) if !step.is_zero() => (value % step).is_zero(),
        _ => (value / step).fract() == 0.0,
    }
}

/// `uniqueItems`: the first two items that are the same JSON value.
pub(crate) fn unique(items: &[Value], path: &Path, report: &mut Report) {
    for (later, item) in items.iter().enumerate() {
        if let Some(earlier) = items[..later]
            .iter()
            .position(|other| same_json(other, item))
        {
            report.error(
                path,
                Kind::Length,
                format_args!(
                    "{} must hold no two items alike; items {earlier} and {later} are the same",
                    field(path)
                ),
            );
            return;
        }
    }
}

/// Whether two JSON values are the same, as JSON Schema compares them: a
/// number by its value (`1` is `1.0`), an object whatever its key order.
fn same_json(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(a), Value::Number(b)) => match (a.as_i64(), b.as_i64()) {
            (Some(a), Some(b)) => a == b,
            _ => a.as_f64() == b.as_f64(),
        },
        (Value::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(a, b)| same_json(a, b))
        }
        (Value::Object(a), Value::Object(b)) => {
            a.len() == b.len()
                && a.iter()
                    .all(|(k, v)| b.get(k).is_some_and(|w| same_json(v, w)))
        }
        (a, b) => a == b,
    }
}

/// `minProperties`, `maxProperties`: how many properties an object has.
pub(crate) fn properties(count: usize, rules: &StructRules, path: &Path, report: &mut Report) {
    let what = match path.pointer().is_empty() {
        true => "the object".to_owned(),
        false => field(path),
    };
    if let Some(min) = rules.min_properties.filter(|m| (count as u64) < *m) {
        report.error(
            path,
            Kind::Length,
            format_args!("{what} must have at least {min} properties, found {count}"),
        );
    }
    if let Some(max) = rules.max_properties.filter(|m| (count as u64) > *m) {
        report.error(
            path,
            Kind::Length,
            format_args!("{what} must have at most {max} properties, found {count}"),
        );
    }
}

/// `propertyNames`: a property's name breaks `rules`; told at the object.
pub(crate) fn property_name(name: &str, rules: &Text, path: &Path, report: &mut Report) {
    let mut named = path.clone();
    named.push_key(name);
    let mut found = Report::new();
    text_rules(name, rules, Empty::Value, &named, &mut found);
    for violation in found.into_violations() {
        report.error(
            path,
            violation.kind,
            format_args!("the property name {}", violation.message),
        );
    }
}

/// The length of an array.
pub(crate) fn items(len: usize, rules: &Items, path: &Path, report: &mut Report) {
    if let Some(min) = rules.min_items.filter(|m| (len as u64) < *m) {
        report.error(
            path,
            Kind::Length,
            format_args!(
                "{} must have at least {min} items, found {len}",
                field(path)
            ),
        );
    }
    if let Some(max) = rules.max_items.filter(|m| (len as u64) > *m) {
        report.error(
            path,
            Kind::Length,
            format_args!("{} must have at most {max} items, found {len}", field(path)),
        );
    }
}

/// A property the schema does not document, where it forbids them.
/// A property the schema does not list: an error in a closed object, else
/// a warning; with the documented property it is likely a typo of.
pub(crate) fn undocumented(path: &Path, closed: bool, likely: Option<&str>, report: &mut Report) {
    let message = match likely {
        Some(name) => format!(
            "{} is not a documented property; did you mean `{name}`?",
            field(path)
        ),
        None => format!("{} is not a documented property", field(path)),
    };
    if closed {
        report.error(path, Kind::UnknownProperty, message);
    } else {
        report.warning(path, Kind::UnknownProperty, message);
    }
}

/// The documented property an undocumented name is most likely a typo of.
pub(crate) fn likely_meant(key: &str, fields: &'static [FieldRule]) -> Option<&'static str> {
    nearest(key, fields.iter().map(|f| f.wire))
}

/// The name among `known` that `name` is most likely a typo of: the nearest
/// by edit distance (ignoring case), when it is near enough, one edit in
/// four letters at most.
pub(crate) fn nearest<'a>(name: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let length = name.chars().count();
    let limit = (length / 4).max(1);
    // The distance is at least the difference in length: a name far longer
    // than every documented one (a 100 MB key) is compared with none.
    let near: Vec<&str> = known
        .into_iter()
        .filter(|k| k.chars().count().abs_diff(length) <= limit)
        .collect();
    if near.is_empty() {
        return None;
    }
    let name = name.to_ascii_lowercase();
    near.into_iter()
        .map(|k| {
            (
                strsim::damerau_levenshtein(&name, &k.to_ascii_lowercase()),
                k,
            )
        })
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, k)| k)
}

/// A required property that is not there.
pub(crate) fn missing(path: &Path, report: &mut Report) {
    report.error(
        path,
        Kind::Required,
        format_args!("{} is required but missing or empty", field(path)),
    );
}

/// A documented property sent a second time in one object: an error, as
/// the typed parser refuses it rather than drop one of the two.
pub(crate) fn duplicate(path: &Path, report: &mut Report) {
    report.error(
        path,
        Kind::Duplicate,
        format_args!("{} is sent more than once", field(path)),
    );
}

/// A property the sender is documented to always send, but did not: a warning.
pub(crate) fn expected(path: &Path, report: &mut Report) {
    report.warning(
        path,
        Kind::Required,
        format_args!(
            "{} is documented as always sent, but is missing",
            field(path)
        ),
    );
}

/// The value at `path` must be an object.
pub(crate) fn object(value: Found<'_>, path: &Path, report: &mut Report) {
    if value != Found::Object {
        let what = if path.pointer().is_empty() {
            "the document".to_owned()
        } else {
            field(path)
        };
        report.error(
            path,
            Kind::Type,
            format_args!("{what} must be an object, found {}", described(value)),
        );
    }
}

/// Whether an optional property's value is `null` (read as absent).
fn absent(
    value: Found<'_>,
    required: bool,
    expected: &str,
    path: &Path,
    report: &mut Report,
) -> bool {
    if value.is_null() {
        if required {
            wrong_type(expected, value, path, report);
        }
        return true;
    }
    false
}

/// A text property: a string (or a number or boolean, kept as its text).
pub(crate) fn json_text(
    value: Found<'_>,
    rules: &Text,
    required: bool,
    path: &Path,
    report: &mut Report,
) {
    if absent(value, required, "text", path, report) {
        return;
    }
    let empty = match required {
        true => Empty::Missing,
        false => Empty::Absent,
    };
    match value {
        Found::Str(s) => text_rules(s, rules, empty, path, report),
        Found::Bool(b) => text_rules(&b.to_string(), rules, empty, path, report),
        Found::Object if rules.rest_object => {}
        Found::Array | Found::Object => wrong_type("text", value, path, report),
        number => {
            let text = number.number().map(|n| n.to_string()).unwrap_or_default();
            text_rules(&text, rules, empty, path, report)
        }
    }
}

/// Text read strictly: a string only, as serde reads it; empty is a value.
fn json_strict_text(
    value: Found<'_>,
    rules: &Text,
    required: bool,
    path: &Path,
    report: &mut Report,
) {
    if absent(value, required, "a string", path, report) {
        return;
    }
    match value {
        Found::Str(s) => text_rules(s, rules, Empty::Value, path, report),
        other => wrong_type("a string", other, path, report),
    }
}

/// Whether a scalar reads as Wix's types read it (text holding a number is
/// the number, an enum value matches in any case) or only as itself.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Reading {
    Lenient,
    Strict,
}

/// A number property: a JSON number, or (read leniently) a string holding one.
fn json_number(
    value: Found<'_>,
    rules: &Range,
    reading: Reading,
    required: bool,
    path: &Path,
    report: &mut Report,
) {
    if absent(value, required, "a number", path, report) {
        return;
    }
    let parsed = match value {
        Found::Str(_) if reading == Reading::Strict => None,
        Found::Str(s) => s.trim().parse::<Number>().ok(),
        // `1e400` is a JSON number, beyond what `f64` (or serde_json) holds.
        Found::F64(f) if f.is_infinite() => return range(f, &f, rules, path, report),
        number => number.number().map(Number::from),
    };
    match parsed {
        Some(number) => range(number.as_f64(), &number, rules, path, report),
        None => wrong_type("a number", value, path, report),
    }
}

/// An integer property: a whole JSON number that fits in 64 bits, or
/// (read leniently) text holding one.
fn json_integer(
    value: Found<'_>,
    rules: &Range,
    reading: Reading,
    required: bool,
    path: &Path,
    report: &mut Report,
) {
    if absent(value, required, "a whole number", path, report) {
        return;
    }
    // `2.0` is the integer 2, as JSON Schema counts it.
    let parsed = match value {
        Found::Str(_) if reading == Reading::Strict => None,
        Found::Str(s) => s.trim().parse::<i64>().ok(),
        Found::F64(f) if f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0 => Some(f as i64),
        other => other.as_i64(),
    };
    match parsed {
        Some(n) => range(n as f64, &n, rules, path, report),
        None => wrong_type("a whole number", value, path, report),
    }
}

/// A boolean property.
fn json_bool(value: Found<'_>, required: bool, path: &Path, report: &mut Report) {
    if !absent(value, required, "`true` or `false`", path, report)
        && !matches!(value, Found::Bool(_))
    {
        wrong_type("`true` or `false`", value, path, report);
    }
}

/// What a decimal property holds, and an example, for its messages.
const DECIMAL: (&str, &str) = ("a decimal number", r#"`"85"` or `"55.70"`"#);

/// A decimal property: text that holds a decimal number (`"85"`, `"55.70"`), or a JSON number.
fn json_decimal(value: Found<'_>, required: bool, path: &Path, report: &mut Report) {
    let valid = match value {
        Found::Str(s) => crate::decimal::parse(s).is_some(),
        // Every 64-bit integer is a decimal; so is a float whose shortest
        // form has a scale and an integer part a decimal holds, as these
        // do. The rest is decided by that form, as the text would be.
        Found::I64(_) | Found::U64(_) => true,
        Found::F64(f) if f == 0.0 || (1e-6..7.9e28).contains(&f.abs()) => true,
        number => number
            .number()
            .is_some_and(|n| crate::decimal::parse(&n.to_string()).is_some()),
    };
    number_as_text(value, valid, required, DECIMAL, path, report);
}

/// A JSON number in a decimal property, by its exact text: valid when
/// `Decimal` reads it (a float's value alone cannot tell `0.0` from `1e-400`).
pub(crate) fn decimal_number(raw: &str, required: bool, path: &Path, report: &mut Report) {
    let valid =
        Number::from_json_text(raw).is_some_and(|n| crate::decimal::of_number(&n).is_some());
    number_as_text(raw_text(raw), valid, required, DECIMAL, path, report);
}

/// A 64-bit integer property: text that holds a whole number (`"13"`), or a JSON integer.
fn json_int64(value: Found<'_>, required: bool, path: &Path, report: &mut Report) {
    let valid = match value {
        Found::Str(s) => s.parse::<i64>().is_ok(),
        other => other.as_i64().is_some(),
    };
    number_as_text(
        value,
        valid,
        required,
        ("a 64-bit integer", r#"`"13"`"#),
        path,
        report,
    );
}

/// Reports a number that travels as text when it is missing or `valid` is false;
/// `what` names it and gives an example.
fn number_as_text(
    value: Found<'_>,
    valid: bool,
    required: bool,
    (name, example): (&str, &str),
    path: &Path,
    report: &mut Report,
) {
    if absent(value, required, name, path, report) || valid {
        return;
    }
    wrong_type(
        &format!("{name} as text, such as {example}"),
        value,
        path,
        report,
    );
}

/// A date-time property: RFC 3339 text; without an offset it is read, with a warning.
fn json_date_time(value: Found<'_>, required: bool, path: &Path, report: &mut Report) {
    if absent(value, required, "a date-time", path, report) {
        return;
    }
    match value {
        Found::Str(s) => match s.parse::<DateTime>() {
            Ok(date_time) => date_time_offset(&date_time, path, report),
            Err(_) => report.error(
                path,
                Kind::Format,
                format_args!(
                    "{} must be an RFC 3339 date-time such as `2013-07-01T08:07:40.802Z`, found {}",
                    field(path),
                    shown(s)
                ),
            ),
        },
        other => wrong_type("a date-time string", other, path, report),
    }
}

/// A date-time without a UTC offset names no instant: a warning.
pub(crate) fn date_time_offset(date_time: &DateTime, path: &Path, report: &mut Report) {
    if !date_time.has_offset() {
        report.warning(
            path,
            Kind::Format,
            format_args!(
                "`{}` has no UTC offset (such as `Z` or `+02:00`), so it names no instant",
                date_time.as_str()
            ),
        );
    }
}

/// An enum property: one of `values`, exactly or (read leniently) in any case.
fn json_enum(
    value: Found<'_>,
    values: &[&str],
    reading: Reading,
    required: bool,
    path: &Path,
    report: &mut Report,
) {
    if absent(value, required, "text", path, report) {
        return;
    }
    let matches = |s: &str, v: &str| match reading {
        Reading::Lenient => v.eq_ignore_ascii_case(s),
        Reading::Strict => v == s,
    };
    match value {
        Found::Str(s) if values.iter().any(|v| matches(s, v)) => {}
        Found::Str(s) => {
            let names: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
            report.error(
                path,
                Kind::Enum,
                format_args!(
                    "{} must be one of {}, found {}",
                    field(path),
                    names.join(", "),
                    shown(s)
                ),
            );
        }
        other => wrong_type("text", other, path, report),
    }
}

/// An open enum property: text; a value not documented is a warning.
fn json_open_enum(
    value: Found<'_>,
    values: &[&str],
    required: bool,
    path: &Path,
    report: &mut Report,
) {
    if absent(value, required, "text", path, report) {
        return;
    }
    match value {
        Found::Str(s) if values.contains(&s) => {}
        Found::Str(s) => {
            let names: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
            report.warning(
                path,
                Kind::Enum,
                format_args!(
                    "{} is documented as one of {}, found {} (kept as it came)",
                    field(path),
                    names.join(", "),
                    shown(s)
                ),
            );
        }
        other => wrong_type("text", other, path, report),
    }
}

/// An array property that is not an array (the walkers check the items of one that is).
fn json_array(value: Found<'_>, _rules: &Items, required: bool, path: &Path, report: &mut Report) {
    if !absent(value, required, "an array", path, report) && value != Found::Array {
        wrong_type("an array", value, path, report);
    }
}

/// A property kept as raw JSON that must be an array.
fn json_raw_array(value: Found<'_>, path: &Path, report: &mut Report) {
    if !value.is_null() && value != Found::Array {
        wrong_type("an array", value, path, report);
    }
}

/// A property kept as a raw JSON object.
fn json_raw_object(value: Found<'_>, required: bool, path: &Path, report: &mut Report) {
    if !absent(value, required, "an object", path, report) && value != Found::Object {
        wrong_type("an object", value, path, report);
    }
}

/// Two date-times that must be in order (`checkin` before `checkout`), from
/// the values a walker kept: only when both are valid date-times.
pub(crate) fn order(kept: &[(&str, Kept)], names: (&str, &str), path: &Path, report: &mut Report) {
    let read = |name: &str| {
        kept.iter()
            .find(|(k, _)| *k == name)
            .and_then(|(_, v)| match v {
                Kept::Text(s) => s.parse::<DateTime>().ok(),
                _ => None,
            })
    };
    if let (Some(a), Some(b)) = (read(names.0), read(names.1)) {
        if b.to_utc() < a.to_utc() {
            report.warning(
                path,
                Kind::Consistency,
                format_args!("`{}` ({}) is before `{}` ({})", names.1, b, names.0, a),
            );
        }
    }
}

/// A total that must be the sum of its parts (`guests.total` = `adults` +
/// `children`), from the values a walker kept: only when every value is a number.
pub(crate) fn sum(
    kept: &[(&str, Kept)],
    (total, parts): (&str, &[&str]),
    path: &Path,
    report: &mut Report,
) {
    let read = |name: &str| {
        kept.iter()
            .find(|(k, _)| *k == name)
            .and_then(|(_, v)| match v {
                Kept::Number(n) => Some(*n),
                Kept::Text(s) => s.trim().parse::<Number>().ok().map(|n| n.as_f64()),
                Kept::Other => None,
            })
    };
    let Some(value) = read(total) else { return };
    let Some(values) = parts.iter().map(|p| read(p)).collect::<Option<Vec<f64>>>() else {
        return;
    };
    let added: f64 = values.iter().sum();
    if (added - value).abs() > 1e-9 {
        let names: Vec<String> = parts.iter().map(|n| format!("`{n}`")).collect();
        report.warning(
            path,
            Kind::Consistency,
            format_args!(
                "`{total}` is {value} but {} add up to {added}",
                names.join(" + ")
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn run(check: impl FnOnce(&mut Path, &mut Report)) -> Vec<String> {
        let mut path = Path::new();
        path.push_key("field");
        let mut report = Report::new();
        check(&mut path, &mut report);
        report
            .violations()
            .iter()
            .map(|v| format!("{} {} {}", v.pointer, v.kind, v.message))
            .collect()
    }

    #[test]
    fn decimals_and_64_bit_integers_as_text_or_numbers() {
        for good in [
            json!("85"),
            json!("55.70"),
            json!("-0.5"),
            json!(85),
            json!(2.5),
        ] {
            assert!(
                run(|p, r| json_decimal(Found::from(&good), true, p, r)).is_empty(),
                "{good}"
            );
        }
        for bad in [json!("85 USD"), json!(""), json!(true), json!({})] {
            assert_eq!(
                run(|p, r| json_decimal(Found::from(&bad), true, p, r)).len(),
                1,
                "{bad}"
            );
        }
        assert_eq!(
            run(|p, r| json_decimal(Found::from(&json!(null)), true, p, r)),
            ["/field type `field` must be a decimal number, found null"]
        );
        assert!(run(|p, r| json_decimal(Found::from(&json!(null)), false, p, r)).is_empty());
        for good in [json!("13"), json!("-9223372036854775808"), json!(13)] {
            assert!(
                run(|p, r| json_int64(Found::from(&good), true, p, r)).is_empty(),
                "{good}"
            );
        }
        for bad in [
            json!("1.5"),
            json!("9223372036854775808"),
            json!(1.5),
            json!("x"),
        ] {
            assert_eq!(
                run(|p, r| json_int64(Found::from(&bad), true, p, r)).len(),
                1,
                "{bad}"
            );
        }
    }

    #[test]
    fn numbers_from_an_enum_or_a_const() {
        let one_of = Range::ANY.one_of(&[1.0, 2.0, 3.0]);
        assert!(run(|p, r| json_integer(
            Found::from(&json!(2)),
            &one_of,
            Reading::Lenient,
            true,
            p,
            r
        ))
        .is_empty());
        assert!(run(|p, r| json_integer(
            Found::from(&json!(2.0)),
            &one_of,
            Reading::Lenient,
            true,
            p,
            r
        ))
        .is_empty());
        assert_eq!(
            run(|p, r| json_integer(
                Found::from(&json!(4)),
                &one_of,
                Reading::Lenient,
                true,
                p,
                r
            )),
            ["/field enum `field` must be one of `1`, `2`, `3`, found `4`"]
        );
        let constant = Range::ANY.one_of(&[2.5]);
        assert!(run(|p, r| json_number(
            Found::from(&json!(2.5)),
            &constant,
            Reading::Lenient,
            true,
            p,
            r
        ))
        .is_empty());
        assert_eq!(
            run(|p, r| json_number(
                Found::from(&json!(3)),
                &constant,
                Reading::Lenient,
                true,
                p,
                r
            ))
            .len(),
            1
        );
    }

    #[test]
    fn ranges_lengths_and_constants() {
        let range = Range {
            minimum: Some(1.0),
            maximum: Some(10.0),
            exclusive_minimum: None,
            exclusive_maximum: Some(10.0),
            ..Range::ANY
        };
        assert_eq!(
            run(|p, r| json_number(Found::from(&json!(0)), &range, Reading::Lenient, true, p, r)),
            ["/field range `field` must be at least 1, found 0"]
        );
        assert_eq!(
            run(|p, r| json_number(
                Found::from(&json!("10")),
                &range,
                Reading::Lenient,
                true,
                p,
                r
            )),
            ["/field range `field` must be less than 10, found 10"]
        );
        assert!(run(|p, r| json_integer(
            Found::from(&json!(5)),
            &range,
            Reading::Lenient,
            true,
            p,
            r
        ))
        .is_empty());
        let pattern = Text {
            pattern: Some("^[A-Z]{3}$"),
            ..Text::ANY
        };
        assert!(run(|p, r| json_text(Found::from(&json!("EUR")), &pattern, true, p, r)).is_empty());
        assert_eq!(
            run(|p, r| json_text(Found::from(&json!("euro")), &pattern, true, p, r)),
            ["/field pattern `field` must match `^[A-Z]{3}$`, found `euro`"]
        );
        let text = Text {
            min_length: Some(2),
            max_length: Some(3),
            constant: Some("ab"),
            ..Text::ANY
        };
        assert_eq!(
            run(|p, r| json_text(Found::from(&json!("abcd")), &text, true, p, r)),
            [
                "/field length `field` must be at most 3 characters long",
                "/field const `field` must be `ab`, found `abcd`"
            ]
        );
        assert_eq!(
            run(|p, r| json_text(Found::from(&json!("é")), &text, true, p, r))[0],
            "/field length `field` must be at least 2 characters long"
        );
        let items = Items {
            min_items: Some(1),
            max_items: Some(2),
            ..Items::ANY
        };
        assert_eq!(
            run(|p, r| self::items(0, &items, p, r)),
            ["/field length `field` must have at least 1 items, found 0"]
        );
        assert_eq!(run(|p, r| self::items(3, &items, p, r)).len(), 1);
    }

    #[test]
    fn undocumented_and_missing_properties() {
        assert_eq!(
            run(|p, r| undocumented(p, true, None, r)),
            ["/field unknown_property `field` is not a documented property"]
        );
        assert_eq!(
            run(|p, r| undocumented(p, false, Some("fields"), r)),
            ["/field unknown_property `field` is not a documented property; did you mean `fields`?"]
        );
        assert_eq!(
            run(|p, r| missing(p, r)),
            ["/field required `field` is required but missing or empty"]
        );
    }

    #[test]
    fn null_is_absent_when_optional_and_a_type_error_when_required() {
        assert!(run(|p, r| json_number(
            Found::from(&Value::Null),
            &Range::ANY,
            Reading::Lenient,
            false,
            p,
            r
        ))
        .is_empty());
        assert_eq!(
            run(|p, r| json_number(
                Found::from(&Value::Null),
                &Range::ANY,
                Reading::Lenient,
                true,
                p,
                r
            )),
            ["/field type `field` must be a number, found null"]
        );
        assert_eq!(
            run(|p, r| json_integer(
                Found::from(&json!(1.5)),
                &Range::ANY,
                Reading::Lenient,
                true,
                p,
                r
            )),
            ["/field type `field` must be a whole number, found the number `1.5`"]
        );
        assert_eq!(
            run(|p, r| json_bool(Found::from(&json!("true")), true, p, r)),
            ["/field type `field` must be `true` or `false`, found the string `true`"]
        );
    }

    #[test]
    fn read_strictly_text_is_only_a_string_and_an_enum_value_only_itself() {
        let strict = |rule: &Rule, value: Value, required: bool| {
            run(|p, r| found(rule, Found::from(&value), required, p, r))
        };
        let text = Rule::StrictText(Text::ANY);
        assert!(
            strict(&text, json!(""), true).is_empty(),
            "empty is a value"
        );
        assert_eq!(
            strict(&text, json!(1), false),
            ["/field type `field` must be a string, found the number `1`"]
        );
        assert_eq!(
            strict(&text, Value::Null, true),
            ["/field type `field` must be a string, found null"]
        );
        assert!(strict(&text, Value::Null, false).is_empty());
        assert_eq!(
            strict(&Rule::StrictNumber(Range::ANY), json!("10"), true).len(),
            1
        );
        assert!(strict(&Rule::StrictNumber(Range::ANY), json!(10), true).is_empty());
        assert_eq!(
            strict(&Rule::StrictInteger(Range::ANY), json!("2"), true).len(),
            1
        );
        assert!(strict(&Rule::StrictInteger(Range::ANY), json!(2.0), true).is_empty());
        assert_eq!(
            strict(&Rule::ExactEnum(&["chat"]), json!("CHAT"), true).len(),
            1
        );
        assert!(strict(&Rule::ExactEnum(&["chat"]), json!("chat"), true).is_empty());
        assert!(strict(&Rule::Enum(&["chat"]), json!("CHAT"), true).is_empty());
    }
}
