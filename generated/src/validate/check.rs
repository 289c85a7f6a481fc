//! The checks generated validators call, one function per rule, for typed
//! values and for raw JSON alike, so that both entry points apply exactly
//! the same rules with the same messages.

use serde_json::{Map, Value};

use super::formats;
use super::{Kind, Path, Report};
use crate::{DateTime, Number};

/// A format a text property must have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// An ISO 4217 currency code.
    Currency,
    /// An email address.
    Email,
    /// An absolute URL.
    Url,
}

/// The rules of a text property.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Text {
    /// The format, if any.
    pub format: Option<Format>,
    /// Whether a wrong format is only a warning.
    pub format_is_warning: bool,
    /// `minLength`, in characters.
    pub min_length: Option<u64>,
    /// `maxLength`, in characters.
    pub max_length: Option<u64>,
    /// `const`.
    pub constant: Option<&'static str>,
    /// `pattern`: an ECMA-262 regular expression the text must match.
    pub pattern: Option<&'static str>,
}

impl Text {
    /// No rule beyond being text.
    pub const ANY: Text = Text {
        format: None,
        format_is_warning: false,
        min_length: None,
        max_length: None,
        constant: None,
        pattern: None,
    };

    /// Text in `format`.
    pub const fn format(format: Format) -> Text {
        Text {
            format: Some(format),
            ..Text::ANY
        }
    }
}

/// The rules of a number property.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Range {
    /// `minimum`.
    pub minimum: Option<f64>,
    /// `maximum`.
    pub maximum: Option<f64>,
    /// `exclusiveMinimum`.
    pub exclusive_minimum: Option<f64>,
    /// `exclusiveMaximum`.
    pub exclusive_maximum: Option<f64>,
}

impl Range {
    /// Any number.
    pub const ANY: Range = Range {
        minimum: None,
        maximum: None,
        exclusive_minimum: None,
        exclusive_maximum: None,
    };
}

/// The rules of an array property.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Items {
    /// `minItems`.
    pub min_items: Option<u64>,
    /// `maxItems`.
    pub max_items: Option<u64>,
}

impl Items {
    /// Any length.
    pub const ANY: Items = Items {
        min_items: None,
        max_items: None,
    };
}

/// The last token of the pointer: the name of the field being checked.
fn field(path: &Path) -> String {
    let token = path.pointer().rsplit('/').next().unwrap_or_default();
    let token = token.replace("~1", "/").replace("~0", "~");
    if token.chars().all(|c| c.is_ascii_digit()) && !token.is_empty() {
        format!("item {token}")
    } else {
        format!("`{token}`")
    }
}

/// What a JSON value is, for messages.
fn found(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => format!("the boolean `{b}`"),
        Value::Number(n) => format!("the number `{n}`"),
        Value::String(s) if s.len() > 64 => format!("a string of {} bytes", s.len()),
        Value::String(s) => format!("the string `{s}`"),
        Value::Array(_) => "an array".to_owned(),
        Value::Object(_) => "an object".to_owned(),
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

// ----- typed values -----

/// A text field. A required text that is empty was missing (or sent empty).
pub fn text(value: &str, rules: &Text, required: bool, path: &Path, report: &mut Report) {
    if value.is_empty() {
        if required {
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

/// A number field.
pub fn number(value: &Number, rules: &Range, path: &Path, report: &mut Report) {
    range(value.as_f64(), &value.to_string(), rules, path, report);
}

/// An integer field.
pub fn integer(value: i64, rules: &Range, path: &Path, report: &mut Report) {
    range(value as f64, &value.to_string(), rules, path, report);
}

fn range(value: f64, text: &str, rules: &Range, path: &Path, report: &mut Report) {
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
}

/// The length of an array field.
pub fn items(len: usize, rules: &Items, path: &Path, report: &mut Report) {
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

/// A field kept as raw JSON because its schema documents nothing inside:
/// only its JSON type is known (an array).
pub fn raw_array(value: &Value, path: &Path, report: &mut Report) {
    if !value.is_array() {
        report.error(
            path,
            Kind::Type,
            format_args!("{} must be an array, found {}", field(path), found(value)),
        );
    }
}

/// [`raw_array`] for an `Array[object]` without fields: each item must be an object.
pub fn raw_array_of_objects(value: &Value, path: &mut Path, report: &mut Report) {
    raw_array(value, path, report);
    for (index, item) in value.as_array().into_iter().flatten().enumerate() {
        path.push_index(index);
        json_raw_object(item, true, path, report);
        path.pop();
    }
}

/// Undocumented properties, where the schema forbids them.
pub fn no_extra(extra: &Map<String, Value>, path: &mut Path, report: &mut Report) {
    for key in extra.keys() {
        path.at(key, |path| {
            report.error(
                path,
                Kind::UnknownProperty,
                format_args!("{} is not a documented property", field(path)),
            )
        });
    }
}

/// Two date-times that must be in order (`checkin` before `checkout`).
pub fn order(
    earlier: Option<&DateTime>,
    later: Option<&DateTime>,
    names: (&str, &str),
    path: &Path,
    report: &mut Report,
) {
    if let (Some(a), Some(b)) = (earlier, later) {
        if b.to_utc() < a.to_utc() {
            report.warning(
                path,
                Kind::Consistency,
                format_args!("`{}` ({}) is before `{}` ({})", names.1, b, names.0, a),
            );
        }
    }
}

/// A total that must be the sum of its parts (`guests.total` = `adults` + `children`).
pub fn sum(total: Option<f64>, parts: &[(&str, Option<f64>)], path: &Path, report: &mut Report) {
    let Some(total) = total else { return };
    let Some(values) = parts.iter().map(|(_, v)| *v).collect::<Option<Vec<f64>>>() else {
        return;
    };
    let sum: f64 = values.iter().sum();
    if (sum - total).abs() > 1e-9 {
        let names: Vec<String> = parts.iter().map(|(n, _)| format!("`{n}`")).collect();
        report.warning(
            path,
            Kind::Consistency,
            format_args!(
                "`total` is {total} but {} add up to {sum}",
                names.join(" + ")
            ),
        );
    }
}

// ----- raw JSON -----

/// The object at `path`, or a type error.
pub fn object<'a>(
    value: &'a Value,
    path: &Path,
    report: &mut Report,
) -> Option<&'a Map<String, Value>> {
    match value {
        Value::Object(map) => Some(map),
        other => {
            report.error(
                path,
                Kind::Type,
                format_args!(
                    "{} must be an object, found {}",
                    field_or_document(path),
                    found(other)
                ),
            );
            None
        }
    }
}

fn field_or_document(path: &Path) -> String {
    if path.pointer().is_empty() {
        "the document".to_owned()
    } else {
        field(path)
    }
}

/// Whether an optional property's value is `null` (read as absent).
fn absent(value: &Value, required: bool, expected: &str, path: &Path, report: &mut Report) -> bool {
    if value.is_null() {
        if required {
            report.error(
                path,
                Kind::Type,
                format_args!("{} must be {expected}, found null", field(path)),
            );
        }
        return true;
    }
    false
}

/// A text property: a string (or a number or boolean, kept as its text).
pub fn json_text(value: &Value, rules: &Text, required: bool, path: &Path, report: &mut Report) {
    if absent(value, required, "text", path, report) {
        return;
    }
    match value {
        Value::String(s) => text(s, rules, required, path, report),
        Value::Number(n) => text(&n.to_string(), rules, required, path, report),
        Value::Bool(b) => text(&b.to_string(), rules, required, path, report),
        other => report.error(
            path,
            Kind::Type,
            format_args!("{} must be text, found {}", field(path), found(other)),
        ),
    }
}

/// An item of an array of text: a string only, as serde reads it.
pub fn json_strict_text(value: &Value, path: &Path, report: &mut Report) {
    if !value.is_string() {
        report.error(
            path,
            Kind::Type,
            format_args!("{} must be a string, found {}", field(path), found(value)),
        );
    }
}

/// A number property: a JSON number, or a string holding one.
pub fn json_number(value: &Value, rules: &Range, required: bool, path: &Path, report: &mut Report) {
    if absent(value, required, "a number", path, report) {
        return;
    }
    let parsed = match value {
        Value::Number(n) => Some(Number::from(n.clone())),
        Value::String(s) => s.trim().parse::<Number>().ok(),
        _ => None,
    };
    match parsed {
        Some(number) => self::number(&number, rules, path, report),
        None => report.error(
            path,
            Kind::Type,
            format_args!("{} must be a number, found {}", field(path), found(value)),
        ),
    }
}

/// An integer property: a whole JSON number that fits in 64 bits.
pub fn json_integer(
    value: &Value,
    rules: &Range,
    required: bool,
    path: &Path,
    report: &mut Report,
) {
    if absent(value, required, "a whole number", path, report) {
        return;
    }
    match value.as_i64() {
        Some(n) => integer(n, rules, path, report),
        None => report.error(
            path,
            Kind::Type,
            format_args!(
                "{} must be a whole number, found {}",
                field(path),
                found(value)
            ),
        ),
    }
}

/// A boolean property.
pub fn json_bool(value: &Value, required: bool, path: &Path, report: &mut Report) {
    if absent(value, required, "`true` or `false`", path, report) {
        return;
    }
    if !value.is_boolean() {
        report.error(
            path,
            Kind::Type,
            format_args!(
                "{} must be `true` or `false`, found {}",
                field(path),
                found(value)
            ),
        );
    }
}

/// A decimal property: text that holds a decimal number (`"85"`, `"55.70"`), or a JSON number.
pub fn json_decimal(value: &Value, required: bool, path: &Path, report: &mut Report) {
    let valid = match value {
        Value::String(s) => crate::decimal::parse(s).is_some(),
        Value::Number(n) => crate::decimal::parse(&n.to_string()).is_some(),
        _ => false,
    };
    number_as_text(
        value,
        valid,
        required,
        ("a decimal number", r#"`"85"` or `"55.70"`"#),
        path,
        report,
    );
}

/// A 64-bit integer property: text that holds a whole number (`"13"`), or a JSON integer.
pub fn json_int64(value: &Value, required: bool, path: &Path, report: &mut Report) {
    let valid = match value {
        Value::String(s) => s.parse::<i64>().is_ok(),
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
    value: &Value,
    valid: bool,
    required: bool,
    (name, example): (&str, &str),
    path: &Path,
    report: &mut Report,
) {
    if absent(value, required, name, path, report) || valid {
        return;
    }
    report.error(
        path,
        Kind::Type,
        format_args!(
            "{} must be {name} as text, such as {example}, found {}",
            field(path),
            found(value)
        ),
    );
}

/// A date-time property: RFC 3339 text; without an offset it is read, with a warning.
pub fn json_date_time(value: &Value, required: bool, path: &Path, report: &mut Report) {
    if absent(value, required, "a date-time", path, report) {
        return;
    }
    match value {
        Value::String(s) => match s.parse::<DateTime>() {
            Ok(date_time) => super::Validate::validate_into(&date_time, &mut path.clone(), report),
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
        other => report.error(
            path,
            Kind::Type,
            format_args!(
                "{} must be a date-time string, found {}",
                field(path),
                found(other)
            ),
        ),
    }
}

/// An enum property: one of `values`, in any case.
pub fn json_enum(value: &Value, values: &[&str], required: bool, path: &Path, report: &mut Report) {
    if absent(value, required, "text", path, report) {
        return;
    }
    match value {
        Value::String(s) if values.iter().any(|v| v.eq_ignore_ascii_case(s)) => {}
        Value::String(s) => {
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
        other => report.error(
            path,
            Kind::Type,
            format_args!("{} must be text, found {}", field(path), found(other)),
        ),
    }
}

/// An array property read by the streaming walker, which checks the items
/// itself: here only that it is an array, and its length.
pub fn json_array(value: &Value, rules: &Items, required: bool, path: &Path, report: &mut Report) {
    if absent(value, required, "an array", path, report) {
        return;
    }
    match value {
        Value::Array(values) => items(values.len(), rules, path, report),
        other => report.error(
            path,
            Kind::Type,
            format_args!("{} must be an array, found {}", field(path), found(other)),
        ),
    }
}

/// A property kept as raw JSON that must be an array.
pub fn json_raw_array(value: &Value, path: &Path, report: &mut Report) {
    if !value.is_null() {
        raw_array(value, path, report);
    }
}

/// A property kept as a raw JSON object.
pub fn json_raw_object(value: &Value, required: bool, path: &Path, report: &mut Report) {
    if !absent(value, required, "an object", path, report) && !value.is_object() {
        report.error(
            path,
            Kind::Type,
            format_args!("{} must be an object, found {}", field(path), found(value)),
        );
    }
}

/// [`order`] on the values the walker kept, by wire name: only when both are valid date-times.
pub fn json_order(
    object: &Map<String, Value>,
    names: (&str, &str),
    path: &Path,
    report: &mut Report,
) {
    let read = |name: &str| {
        object
            .get(name)
            .and_then(|v| v.as_str()?.parse::<DateTime>().ok())
    };
    order(
        read(names.0).as_ref(),
        read(names.1).as_ref(),
        names,
        path,
        report,
    );
}

/// [`sum`] on the values the walker kept, by wire name: only when every value is a number.
pub fn json_sum(object: &Map<String, Value>, parts: &[&str], path: &Path, report: &mut Report) {
    let read = |name: &str| {
        object.get(name).and_then(|v| match v {
            Value::Number(n) => n.as_f64(),
            Value::String(s) => s.trim().parse::<Number>().ok().map(|n| n.as_f64()),
            _ => None,
        })
    };
    let parts: Vec<(&str, Option<f64>)> = parts.iter().map(|p| (*p, read(p))).collect();
    sum(read("total"), &parts, path, report);
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
                run(|p, r| json_decimal(&good, true, p, r)).is_empty(),
                "{good}"
            );
        }
        for bad in [json!("85 USD"), json!(""), json!(true), json!({})] {
            assert_eq!(run(|p, r| json_decimal(&bad, true, p, r)).len(), 1, "{bad}");
        }
        assert_eq!(
            run(|p, r| json_decimal(&json!(null), true, p, r)),
            ["/field type `field` must be a decimal number, found null"]
        );
        assert!(run(|p, r| json_decimal(&json!(null), false, p, r)).is_empty());
        for good in [json!("13"), json!("-9223372036854775808"), json!(13)] {
            assert!(
                run(|p, r| json_int64(&good, true, p, r)).is_empty(),
                "{good}"
            );
        }
        for bad in [
            json!("1.5"),
            json!("9223372036854775808"),
            json!(1.5),
            json!("x"),
        ] {
            assert_eq!(run(|p, r| json_int64(&bad, true, p, r)).len(), 1, "{bad}");
        }
    }

    #[test]
    fn ranges_lengths_and_constants() {
        let range = Range {
            minimum: Some(1.0),
            maximum: Some(10.0),
            exclusive_minimum: None,
            exclusive_maximum: Some(10.0),
        };
        assert_eq!(
            run(|p, r| json_number(&json!(0), &range, true, p, r)),
            ["/field range `field` must be at least 1, found 0"]
        );
        assert_eq!(
            run(|p, r| json_number(&json!("10"), &range, true, p, r)),
            ["/field range `field` must be less than 10, found 10"]
        );
        assert!(run(|p, r| json_integer(&json!(5), &range, true, p, r)).is_empty());
        let pattern = Text {
            pattern: Some("^[A-Z]{3}$"),
            ..Text::ANY
        };
        assert!(run(|p, r| json_text(&json!("EUR"), &pattern, true, p, r)).is_empty());
        assert_eq!(
            run(|p, r| json_text(&json!("euro"), &pattern, true, p, r)),
            ["/field pattern `field` must match `^[A-Z]{3}$`, found `euro`"]
        );
        let text = Text {
            min_length: Some(2),
            max_length: Some(3),
            constant: Some("ab"),
            ..Text::ANY
        };
        assert_eq!(
            run(|p, r| json_text(&json!("abcd"), &text, true, p, r)),
            [
                "/field length `field` must be at most 3 characters long",
                "/field const `field` must be `ab`, found `abcd`"
            ]
        );
        assert_eq!(
            run(|p, r| json_text(&json!("é"), &text, true, p, r))[0],
            "/field length `field` must be at least 2 characters long"
        );
        let items = Items {
            min_items: Some(1),
            max_items: Some(2),
        };
        assert_eq!(
            run(|p, r| json_array(&json!([]), &items, true, p, r)),
            ["/field length `field` must have at least 1 items, found 0"]
        );
        assert_eq!(
            run(|p, r| json_array(&json!([1, 2, 3]), &items, true, p, r)).len(),
            1
        );
    }

    #[test]
    fn undocumented_properties_where_forbidden() {
        let extra: Map<String, Value> = [("b".to_owned(), json!(2))].into_iter().collect();
        assert_eq!(
            run(|p, r| no_extra(&extra, p, r)),
            ["/field/b unknown_property `b` is not a documented property"]
        );
    }

    #[test]
    fn null_is_absent_when_optional_and_a_type_error_when_required() {
        assert!(run(|p, r| json_number(&Value::Null, &Range::ANY, false, p, r)).is_empty());
        assert_eq!(
            run(|p, r| json_number(&Value::Null, &Range::ANY, true, p, r)),
            ["/field type `field` must be a number, found null"]
        );
        assert_eq!(
            run(|p, r| json_integer(&json!(1.5), &Range::ANY, true, p, r)),
            ["/field type `field` must be a whole number, found the number `1.5`"]
        );
        assert_eq!(
            run(|p, r| json_bool(&json!("true"), true, p, r)),
            ["/field type `field` must be `true` or `false`, found the string `true`"]
        );
    }
}
