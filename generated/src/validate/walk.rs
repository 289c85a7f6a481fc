//! The raw walk: JSON checked against a type's rules as it is read, in one
//! streaming pass over any serde `Deserializer` (the bytes of a payload, or
//! a `serde_json::Value` already in hand). A value of the wrong kind is
//! recorded and skipped, and the walk goes on, so one pass finds every
//! error. Scalars are checked where the parser hands them over, borrowed;
//! only the few a consistency rule compares are kept, until their object ends.

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::Value;

use super::check::{self, Found, Kept};
use super::object::ObjectState;
use super::rules::{Items, Rule, StructRules};
use super::{Path, Report};

/// The scalar `visit_*` methods of a visitor: each hands what it found to
/// `self.found`, which checks it.
macro_rules! scalars_are_found {
    () => {
        fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Self::Value, E> {
            Ok(self.found($crate::validate::check::Found::Bool(v)))
        }

        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(self.found($crate::validate::check::Found::I64(v)))
        }

        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(self.found($crate::validate::check::Found::U64(v)))
        }

        fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Self::Value, E> {
            Ok(self.found($crate::validate::check::Found::F64(v)))
        }

        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(self.found($crate::validate::check::Found::Str(v)))
        }

        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(self.found($crate::validate::check::Found::Null))
        }

        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(self.found($crate::validate::check::Found::Null))
        }
    };
}
pub(crate) use scalars_are_found;

/// Walks `deserializer` against `rules`, adding every violation to `report`.
/// Returns `Err` only when the input is not JSON at all; what was found
/// before that stays in the report.
pub(crate) fn object<'de, D: Deserializer<'de>>(
    deserializer: D,
    rules: &'static StructRules,
    path: &mut Path,
    report: &mut Report,
) -> Result<(), D::Error> {
    deserializer.deserialize_any(ObjectVisitor {
        rules,
        required: true,
        path,
        report,
        unknown: None,
    })
}

/// [`object`], also collecting the names of undocumented properties.
pub(crate) fn object_noting_unknown<'de, D: Deserializer<'de>>(
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

/// A seed that checks one value against `rule` as it is read.
pub(crate) fn seed<'r, 'p>(
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

/// Walks the JSON `text` of one value (read once already) against `rule`.
pub(crate) fn text(text: &str, rule: &Rule, required: bool, path: &mut Path, report: &mut Report) {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let _ = seed(rule, required, path, report).deserialize(&mut deserializer);
}

/// A seed that reads a scalar as a `Value`; a container is skipped and
/// stands as an empty one, enough for the type error a scalar rule reports.
pub(crate) fn scalar() -> impl for<'de> DeserializeSeed<'de, Value = Value> {
    ScalarValue
}

/// What the typed parser keeps as [`Json`](crate::Json) (an undocumented
/// property, raw JSON, the `info` of an unknown type) is read as that reads
/// it: any JSON text, at any depth, kept as it came; nothing is built.
pub(crate) use crate::json::Unkept;

struct ScalarValue;

impl ScalarValue {
    fn found(self, found: Found<'_>) -> Value {
        match found {
            Found::Null => Value::Null,
            Found::Bool(b) => Value::Bool(b),
            Found::I64(i) => i.into(),
            Found::U64(u) => u.into(),
            Found::F64(f) => f.into(),
            Found::Str(s) => s.into(),
            Found::Array => Value::Array(Vec::new()),
            Found::Object => Value::Object(serde_json::Map::new()),
        }
    }
}

impl<'de> DeserializeSeed<'de> for ScalarValue {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ScalarValue {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(self.found(Found::Array))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(self.found(Found::Object))
    }

    scalars_are_found!();
}

/// Walks a `serde_json::Value` against `rules`.
pub(crate) fn value(
    value: &Value,
    rules: &'static StructRules,
    path: &mut Path,
    report: &mut Report,
) {
    // A `Value` is always well-formed JSON: the walk cannot fail.
    let _ = object(value, rules, path, report);
}

/// Walks the bytes of a JSON document against `rules`, in one pass.
pub(crate) fn bytes(bytes: &[u8], rules: &'static StructRules) -> Report {
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
            Rule::Array(items, inner)
                if matches!(inner, Rule::RawObject | Rule::RawArray | Rule::Any) =>
            {
                // Kept whole as `Json` by the typed value: read as that reads
                // it (any JSON text), then its items walked.
                let json = crate::Json::deserialize(deserializer)?;
                let visitor = ArrayVisitor {
                    items: *items,
                    inner,
                    required: self.required,
                    path: self.path,
                    report: self.report,
                };
                if json.text().starts_with('[') {
                    let mut items = serde_json::Deserializer::from_str(json.text());
                    items
                        .deserialize_any(visitor)
                        .map_err(serde::de::Error::custom)
                } else {
                    visitor.found(check::raw_text(json.text()));
                    Ok(())
                }
            }
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
            Rule::Union(union) => {
                let json = crate::Json::deserialize(deserializer)?;
                super::union::check(json.text(), union, self.required, self.path, self.report);
                Ok(())
            }
            Rule::Any => Unkept::deserialize(deserializer).map(drop),
            scalar => ScalarVisitor {
                rule: scalar,
                required: self.required,
                keep: false,
                path: self.path,
                report: self.report,
            }
            .read(deserializer)
            .map(drop),
        }
    }
}

/// Checks a scalar where the parser hands it over; a container is skipped
/// and reported by its kind. Keeps the value when asked.
struct ScalarVisitor<'r, 'p> {
    rule: &'r Rule,
    required: bool,
    keep: bool,
    path: &'p mut Path,
    report: &'p mut Report,
}

impl ScalarVisitor<'_, '_> {
    fn found(self, found: Found<'_>) -> Option<Kept> {
        check::found(self.rule, found, self.required, self.path, self.report);
        self.keep.then(|| Kept::of(found))
    }

    /// Reads the value: a number property by its exact text, as `Number`
    /// reads it (so that `1e400` is the number it is, not an error); raw
    /// JSON by its text, as `Json` keeps it (a lone surrogate in it too).
    fn read<'de, D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<Kept>, D::Error> {
        if matches!(
            self.rule,
            Rule::Number(_)
                | Rule::StrictNumber(_)
                | Rule::Decimal
                | Rule::RawArray
                | Rule::RawObject
        ) {
            deserializer.deserialize_newtype_struct(crate::number::RAW, RawNumber(self))
        } else {
            deserializer.deserialize_any(self)
        }
    }
}

/// A number property's value, by its exact text where the deserializer
/// gives it (serde_json's raw value), else as it comes.
struct RawNumber<'r, 'p>(ScalarVisitor<'r, 'p>);

impl<'de> Visitor<'de> for RawNumber<'_, '_> {
    type Value = Option<Kept>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let key = map.next_key::<crate::lenient::Key<'de>>()?;
        if key.as_deref() != Some(crate::number::RAW) {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            return Ok(self.0.found(Found::Object));
        }
        let raw = map.next_value::<crate::lenient::Key<'de>>()?;
        if matches!(self.0.rule, Rule::RawArray | Rule::RawObject) {
            // Kept as its text by the typed value (`Json`): only its kind counts.
            return Ok(self.0.found(check::raw_text(&raw)));
        }
        if raw.starts_with('"') {
            // A numeric string: read as the string it is (escapes, surrogates).
            let text: std::borrow::Cow<'_, str> = if raw.contains('\\') {
                serde_json::from_str::<String>(&raw)
                    .map_err(serde::de::Error::custom)?
                    .into()
            } else {
                raw[1..raw.len() - 1].into()
            };
            return Ok(self.0.found(Found::Str(&text)));
        }
        if matches!(self.0.rule, Rule::Decimal) {
            let ScalarVisitor {
                required,
                keep,
                path,
                report,
                ..
            } = self.0;
            check::decimal_number(&raw, required, path, report);
            return Ok(keep.then(|| Kept::of(check::raw_text(&raw))));
        }
        Ok(self.0.found(check::raw_text(&raw)))
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self.0)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self.0)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        self.0.visit_seq(seq)
    }

    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Self::Value, E> {
        self.0.visit_bool(v)
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Self::Value, E> {
        self.0.visit_i64(v)
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
        self.0.visit_u64(v)
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Self::Value, E> {
        self.0.visit_f64(v)
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
        self.0.visit_str(v)
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        self.0.visit_unit()
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        self.0.visit_none()
    }
}

impl<'de> Visitor<'de> for ScalarVisitor<'_, '_> {
    type Value = Option<Kept>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        // Raw JSON is kept by the typed value, so read as strictly; any other
        // array here is already an error, and is skipped without recursion.
        if matches!(self.rule, Rule::RawArray) {
            while seq.next_element::<Unkept>()?.is_some() {}
        } else {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
        }
        Ok(self.found(Found::Array))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        if matches!(self.rule, Rule::RawObject) {
            while map.next_entry::<Unkept, Unkept>()?.is_some() {}
        } else {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        }
        Ok(self.found(Found::Object))
    }

    scalars_are_found!();
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
    /// A value that is not an object.
    fn found(self, found: Found<'_>) {
        if found != Found::Null || self.required {
            check::object(found, self.path, self.report);
        }
    }
}

impl<'de> Visitor<'de> for ObjectVisitor<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        let mut state = ObjectState::new(self.rules);
        while let Some(key) = map.next_key::<crate::lenient::Key<'de>>()? {
            if self.report.is_full() {
                map.next_value::<IgnoredAny>()?;
                continue;
            }
            let Some(found) = state.field(&key) else {
                map.next_value::<Unkept>()?;
                state.undocumented(&key, self.path, self.report);
                if let Some(unknown) = self.unknown.as_deref_mut() {
                    unknown.push(key.into_owned());
                }
                continue;
            };
            // The pointer is spelled as the payload spells the property.
            self.path.push_key(&key);
            if found.repeated {
                check::duplicate(self.path, self.report);
                map.next_value::<Unkept>()?;
                self.path.pop();
                continue;
            }
            let field = found.rule;
            if state.compares(field) {
                let kept = map.next_value_seed(KeepSeed(ScalarVisitor {
                    rule: &field.rule,
                    required: state.null_is_error(field),
                    keep: true,
                    path: self.path,
                    report: self.report,
                }))?;
                state.keep(field, kept.unwrap_or(Kept::Other));
            } else {
                let seed = RuleSeed {
                    rule: &field.rule,
                    required: state.null_is_error(field),
                    path: self.path,
                    report: self.report,
                };
                if field.expected {
                    if map.next_value_seed(OrNull(seed))? {
                        state.null(field);
                    }
                } else {
                    map.next_value_seed(seed)?;
                }
            }
            self.path.pop();
        }
        state.finish(self.path, self.report);
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        self.found(Found::Array);
        Ok(())
    }

    scalars_are_found!();
}

/// Reads a value by its rule, telling whether it was `null`.
struct OrNull<'r, 'p>(RuleSeed<'r, 'p>);

impl<'de> DeserializeSeed<'de> for OrNull<'_, '_> {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        deserializer.deserialize_option(self)
    }
}

impl<'de> Visitor<'de> for OrNull<'_, '_> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<bool, E> {
        Ok(true)
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<bool, E> {
        Ok(true)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        self.0.deserialize(deserializer).map(|()| false)
    }
}

/// Reads a scalar a consistency rule compares: checked, and kept.
struct KeepSeed<'r, 'p>(ScalarVisitor<'r, 'p>);

impl<'de> DeserializeSeed<'de> for KeepSeed<'_, '_> {
    type Value = Option<Kept>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        self.0.read(deserializer)
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
    /// A value that is not an array.
    fn found(self, found: Found<'_>) {
        let rule = Rule::Array(self.items, self.inner);
        check::found(&rule, found, self.required, self.path, self.report);
    }
}

impl<'de> Visitor<'de> for ArrayVisitor<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON array")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0;
        // Items that must differ are kept, as their text, to compare.
        let mut kept: Vec<Value> = Vec::new();
        loop {
            if self.report.is_full() {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                break;
            }
            self.path.push_index(index);
            let more = if self.items.unique {
                seq.next_element::<crate::Json>()?.map(|json| {
                    text(json.text(), self.inner, true, self.path, self.report);
                    kept.extend(json.value().ok());
                })
            } else {
                seq.next_element_seed(RuleSeed {
                    rule: self.inner,
                    required: true,
                    path: self.path,
                    report: self.report,
                })?
            };
            self.path.pop();
            if more.is_none() {
                break;
            }
            index += 1;
        }
        check::items(index, &self.items, self.path, self.report);
        check::unique(&kept, self.path, self.report);
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        self.found(Found::Object);
        Ok(())
    }

    scalars_are_found!();
}
