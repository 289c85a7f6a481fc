//! Raw-JSON validation in one streaming pass.
//!
//! The generator emits, per type, a static table of its rules
//! ([`StructRules`]); this walker reads any serde `Deserializer` against it:
//! the bytes of a payload (no `serde_json::Value` is built) or a `Value`
//! already in hand. A value of the wrong kind is recorded and skipped, and
//! the walk goes on, so one pass finds every error. Only the scalars a rule
//! needs are kept, and only until their object ends.

use std::borrow::Cow;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::{Map, Value};

use super::check::{self, Items, Range, Text};
use super::{Kind, Path, Report};

/// The scalar `visit_*` methods of a visitor that expects a container:
/// each hands the scalar it found to `self.wrong_kind`, which reports it.
macro_rules! scalars_are_wrong_kind {
    () => {
        fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<(), E> {
            self.wrong_kind(serde_json::Value::Bool(v))
        }

        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<(), E> {
            self.wrong_kind(serde_json::Value::from(v))
        }

        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<(), E> {
            self.wrong_kind(serde_json::Value::from(v))
        }

        fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<(), E> {
            self.wrong_kind(serde_json::Value::from(v))
        }

        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<(), E> {
            self.wrong_kind(serde_json::Value::String(v.to_owned()))
        }

        fn visit_unit<E: serde::de::Error>(self) -> Result<(), E> {
            self.wrong_kind(serde_json::Value::Null)
        }
    };
}
pub(crate) use scalars_are_wrong_kind;

/// The rules of one object type.
#[derive(Debug)]
pub struct StructRules {
    /// The documented properties, in the published order.
    pub fields: &'static [FieldRule],
    /// Whether undocumented properties are errors (`additionalProperties: false`).
    pub closed: bool,
    /// Date-time pairs that must be in order (warnings).
    pub order: &'static [(&'static str, &'static str)],
    /// Whether `total` must be `adults + children` (a warning).
    pub sum: bool,
}

/// The rules of one property.
#[derive(Debug)]
pub struct FieldRule {
    /// The wire name.
    pub wire: &'static str,
    /// The lower-case spelling that is read too.
    pub alias: &'static str,
    /// Whether the property is required.
    pub required: bool,
    /// What its value must be.
    pub rule: Rule,
}

/// What a value must be.
#[derive(Debug)]
pub enum Rule {
    /// Text (a number or boolean is read as its text).
    Text(Text),
    /// A number (a numeric string is read as the number).
    Number(Range),
    /// A whole number.
    Integer(Range),
    /// `true` or `false`.
    Bool,
    /// An RFC 3339 date-time.
    DateTime,
    /// A decimal number as text (or a JSON number).
    Decimal,
    /// A 64-bit integer as text (or a JSON integer).
    Int64,
    /// A string in an array of text (read strictly: serde reads no number there).
    StrictText(Text),
    /// One of these values, in any case.
    Enum(&'static [&'static str]),
    /// An object of a generated type.
    Object(&'static StructRules),
    /// An array, each item by the inner rule.
    Array(Items, &'static Rule),
    /// Raw JSON that must be an array.
    RawArray,
    /// Raw JSON that must be an object.
    RawObject,
    /// Anything.
    Any,
    /// A type checked by its own `ValidateJson` (the value is buffered).
    External(fn(&Value, &mut Path, &mut Report)),
}

/// Walks `deserializer` against `rules`, adding every violation to `report`.
/// Returns `Err` only when the input is not JSON at all; what was found
/// before that stays in the report.
pub fn object<'de, D: Deserializer<'de>>(
    deserializer: D,
    rules: &'static StructRules,
    path: &mut Path,
    report: &mut Report,
) -> Result<(), D::Error> {
    let rule = Rule::Object(rules);
    RuleSeed {
        rule: &rule,
        required: true,
        path,
        report,
    }
    .deserialize(deserializer)
}

/// A seed that checks one value against `rule` as it is read.
pub fn seed<'r, 'p>(
    rule: &'r Rule,
    required: bool,
    path: &'p mut Path,
    report: &'p mut Report,
) -> impl for<'de> DeserializeSeed<'de, Value = ()> + use<'r, 'p> {
    RuleSeed {
        rule,
        required,
        path,
        report,
    }
}

/// A seed that reads a scalar as a `Value` (an array or object is skipped
/// and stands as an empty one).
pub fn scalar() -> impl for<'de> DeserializeSeed<'de, Value = Value> {
    KeepSeed
}

/// [`object`], also collecting the names of undocumented properties.
pub fn object_noting_unknown<'de, D: Deserializer<'de>>(
    deserializer: D,
    rules: &'static StructRules,
    path: &mut Path,
    report: &mut Report,
    unknown: &mut Vec<String>,
) -> Result<(), D::Error> {
    deserializer.deserialize_any(ObjectVisitor {
        rules,
        required: true,
        path,
        report,
        unknown: Some(unknown),
    })
}

/// Walks a `serde_json::Value` against `rules`.
pub fn value(value: &Value, rules: &'static StructRules, path: &mut Path, report: &mut Report) {
    // A `Value` is always well-formed JSON: the walk cannot fail.
    let _ = object(value, rules, path, report);
}

/// Walks the bytes of a JSON document against `rules`, in one pass.
pub fn bytes(bytes: &[u8], rules: &'static StructRules) -> Report {
    let mut report = Report::new();
    let mut path = Path::new();
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let walked =
        object(&mut deserializer, rules, &mut path, &mut report).and_then(|()| deserializer.end());
    if let Err(error) = walked {
        report.not_json(&error);
    }
    report
}

/// Checks one value against one rule while reading it.
struct RuleSeed<'r, 'p> {
    rule: &'r Rule,
    required: bool,
    path: &'p mut Path,
    report: &'p mut Report,
}

impl<'de> DeserializeSeed<'de> for RuleSeed<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        match self.rule {
            Rule::Object(rules) => deserializer.deserialize_any(ObjectVisitor {
                rules,
                required: self.required,
                path: self.path,
                report: self.report,
                unknown: None,
            }),
            Rule::Array(items, inner) => deserializer.deserialize_any(ArrayVisitor {
                items: *items,
                inner,
                required: self.required,
                path: self.path,
                report: self.report,
            }),
            Rule::External(check) => {
                let value = Value::deserialize(deserializer)?;
                if !value.is_null() || self.required {
                    check(&value, self.path, self.report);
                }
                Ok(())
            }
            scalar => {
                let value = deserializer.deserialize_any(ScalarVisitor)?;
                check_scalar(scalar, &value, self.required, self.path, self.report);
                Ok(())
            }
        }
    }
}

/// Applies a scalar rule to a value read by [`ScalarVisitor`].
fn check_scalar(rule: &Rule, value: &Value, required: bool, path: &mut Path, report: &mut Report) {
    match rule {
        Rule::Text(text) => check::json_text(value, text, required, path, report),
        Rule::Number(range) => check::json_number(value, range, required, path, report),
        Rule::Integer(range) => check::json_integer(value, range, required, path, report),
        Rule::Bool => check::json_bool(value, required, path, report),
        Rule::DateTime => check::json_date_time(value, required, path, report),
        Rule::Decimal => check::json_decimal(value, required, path, report),
        Rule::Int64 => check::json_int64(value, required, path, report),
        Rule::StrictText(text) => match value {
            Value::String(s) => check::text(s, text, false, path, report),
            other => check::json_strict_text(other, path, report),
        },
        Rule::Enum(values) => check::json_enum(value, values, required, path, report),
        Rule::RawArray => check::json_raw_array(value, path, report),
        Rule::RawObject => check::json_raw_object(value, required, path, report),
        Rule::Any | Rule::Object(_) | Rule::Array(..) | Rule::External(_) => {}
    }
}

/// Reads a scalar as a `Value`; an array or object is skipped and stands as
/// an empty one, enough for the type error that a scalar rule reports.
struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Value::Array(Vec::new()))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Value::Object(Map::new()))
    }
}

struct ObjectVisitor<'p> {
    rules: &'static StructRules,
    required: bool,
    path: &'p mut Path,
    report: &'p mut Report,
    /// Where to note undocumented property names, when the caller wants them.
    unknown: Option<&'p mut Vec<String>>,
}

impl ObjectVisitor<'_> {
    fn wrong_kind<E>(self, found: Value) -> Result<(), E> {
        if !found.is_null() || self.required {
            check::object(&found, self.path, self.report);
        }
        Ok(())
    }
}

impl<'de> Visitor<'de> for ObjectVisitor<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        let rules = self.rules;
        let mut seen = vec![false; rules.fields.len()];
        // The scalars that the consistency rules compare, kept until the object ends.
        let mut kept: Vec<(&'static str, Value)> = Vec::new();
        let keeps = |wire: &str| {
            rules.sum && matches!(wire, "total" | "adults" | "children")
                || rules.order.iter().any(|(a, b)| *a == wire || *b == wire)
        };
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            if self.report.is_full() {
                map.next_value::<IgnoredAny>()?;
                continue;
            }
            let found = rules
                .fields
                .iter()
                .position(|f| f.wire == key || f.alias == key);
            match found {
                Some(index) => {
                    seen[index] = true;
                    let field = &rules.fields[index];
                    self.path.push_key(&key);
                    if keeps(field.wire) {
                        let value = map.next_value_seed(KeepSeed)?;
                        check_scalar(&field.rule, &value, field.required, self.path, self.report);
                        kept.push((field.wire, value));
                    } else {
                        map.next_value_seed(RuleSeed {
                            rule: &field.rule,
                            required: field.required,
                            path: self.path,
                            report: self.report,
                        })?;
                    }
                    self.path.pop();
                }
                None => {
                    map.next_value::<IgnoredAny>()?;
                    if let Some(unknown) = self.unknown.as_deref_mut() {
                        unknown.push(key.to_string());
                    }
                    if rules.closed {
                        self.path.at(&key, |path| {
                            self.report.error(
                                path,
                                Kind::UnknownProperty,
                                format_args!("`{key}` is not a documented property"),
                            )
                        });
                    }
                }
            }
        }
        for (field, seen) in rules.fields.iter().zip(&seen) {
            if field.required && !seen {
                let wire = field.wire;
                self.path.at(wire, |path| {
                    self.report.error(
                        path,
                        Kind::Required,
                        format_args!("`{wire}` is required but missing or empty"),
                    )
                });
            }
        }
        let object: Map<String, Value> = kept.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
        for names in rules.order {
            check::json_order(&object, *names, self.path, self.report);
        }
        if rules.sum {
            check::json_sum(&object, &["adults", "children"], self.path, self.report);
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        self.wrong_kind(Value::Array(Vec::new()))
    }

    scalars_are_wrong_kind!();
}

/// Reads a scalar a consistency rule needs, keeping it.
struct KeepSeed;

impl<'de> DeserializeSeed<'de> for KeepSeed {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(ScalarVisitor)
    }
}

struct ArrayVisitor<'p> {
    items: Items,
    inner: &'static Rule,
    required: bool,
    path: &'p mut Path,
    report: &'p mut Report,
}

impl ArrayVisitor<'_> {
    fn wrong_kind<E>(self, found: Value) -> Result<(), E> {
        check::json_array(&found, &self.items, self.required, self.path, self.report);
        Ok(())
    }
}

impl<'de> Visitor<'de> for ArrayVisitor<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON array")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0;
        loop {
            if self.report.is_full() {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                break;
            }
            self.path.push_index(index);
            let more = seq.next_element_seed(RuleSeed {
                rule: self.inner,
                required: true,
                path: self.path,
                report: self.report,
            })?;
            self.path.pop();
            if more.is_none() {
                break;
            }
            index += 1;
        }
        check::items(index, &self.items, self.path, self.report);
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        self.wrong_kind(Value::Object(Map::new()))
    }

    scalars_are_wrong_kind!();
}
