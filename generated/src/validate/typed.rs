//! The typed walk: a value checked against its type's rules as it is
//! serialized, with the same checks as the raw walk.
//!
//! Serializing is how a typed value says what it would put on the wire, so
//! walking that (into no output at all) checks exactly what would be sent,
//! with the table the raw walk uses: a value built in code and the same
//! value read from JSON get the same verdicts and the same pointers. What
//! no rule looks inside (raw JSON) is not walked.

use std::cell::Cell;
use std::fmt;

use serde::de::DeserializeSeed;
use serde::ser::{self, Impossible, Serialize, Serializer};

use super::check::{self, Found};
use super::object::ObjectState;
use super::rules::{FieldRule, Items as ItemRules, Rule, StructRules};
use super::{walk, Path, Report};

/// Checks `value`, an object of a type with `rules`.
pub(crate) fn value<T: Serialize + ?Sized>(
    value: &T,
    rules: &'static StructRules,
    path: &mut Path,
    report: &mut Report,
) {
    let rule = Rule::Object(rules);
    // The checker never fails; a `Serialize` impl that does stops the walk there.
    let _ = value.serialize(Check {
        rule: &rule,
        required: true,
        path,
        report,
        null: None,
    });
}

/// Why the walk stopped: only a `Serialize` impl's own error.
#[derive(Debug)]
pub(crate) struct Stop;

impl fmt::Display for Stop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the value could not be serialized")
    }
}

impl std::error::Error for Stop {}

impl ser::Error for Stop {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Stop
    }
}

/// Checks one value against one rule as it is serialized.
struct Check<'p> {
    rule: &'p Rule,
    required: bool,
    path: &'p mut Path,
    report: &'p mut Report,
    /// Set when the value is `null`, for a field whose `null` counts as missing.
    null: Option<&'p Cell<bool>>,
}

impl<'p> Check<'p> {
    /// Checks `value`: serialized into the check, or, for alternatives,
    /// written as JSON and walked against each.
    fn value<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Stop> {
        if let Rule::Union(union) = self.rule {
            let text = serde_json::to_string(value).map_err(|_| Stop)?;
            super::union::check(&text, union, self.required, self.path, self.report);
            return Ok(());
        }
        value.serialize(self)
    }

    fn found(self, found: Found<'_>) -> Result<(), Stop> {
        if let (Found::Null, Some(null)) = (found, self.null) {
            null.set(true);
        }
        check::found(self.rule, found, self.required, self.path, self.report);
        Ok(())
    }

    /// A value kept as its JSON text (a number's own spelling, a `Json`): a
    /// scalar checked as the value it spells; a container by the raw walk
    /// of its text, as the raw walk checks it in place (its items too).
    fn text(self, text: &str) -> Result<(), Stop> {
        if !text.starts_with(['[', '{']) {
            return self.found(check::raw_text(text));
        }
        let mut deserializer = serde_json::Deserializer::from_str(text);
        walk::seed(self.rule, self.required, self.path, self.report)
            .deserialize(&mut deserializer)
            .map_err(|_| Stop)
    }

    fn seq(self) -> Elements<'p> {
        match self.rule {
            Rule::Array(items, inner) => Elements::Checking {
                items: *items,
                inner,
                index: 0,
                kept: Vec::new(),
                path: self.path,
                report: self.report,
            },
            Rule::Any | Rule::RawArray | Rule::External(_) => Elements::Skipping,
            _ => {
                check::found(
                    self.rule,
                    Found::Array,
                    self.required,
                    self.path,
                    self.report,
                );
                Elements::Skipping
            }
        }
    }

    fn map(self) -> Fields<'p> {
        match self.rule {
            Rule::Object(rules) => Fields::Checking {
                state: ObjectState::new(rules),
                key: None,
                path: self.path,
                report: self.report,
            },
            Rule::Any | Rule::RawObject | Rule::External(_) => Fields::Skipping,
            _ => {
                check::found(
                    self.rule,
                    Found::Object,
                    self.required,
                    self.path,
                    self.report,
                );
                Fields::Skipping
            }
        }
    }
}

impl<'p> Serializer for Check<'p> {
    type Ok = ();
    type Error = Stop;
    type SerializeSeq = Elements<'p>;
    type SerializeTuple = Elements<'p>;
    type SerializeTupleStruct = Elements<'p>;
    type SerializeTupleVariant = Elements<'p>;
    type SerializeMap = Fields<'p>;
    type SerializeStruct = Fields<'p>;
    type SerializeStructVariant = Fields<'p>;

    fn serialize_bool(self, v: bool) -> Result<(), Stop> {
        self.found(Found::Bool(v))
    }

    fn serialize_i8(self, v: i8) -> Result<(), Stop> {
        self.found(Found::I64(v.into()))
    }

    fn serialize_i16(self, v: i16) -> Result<(), Stop> {
        self.found(Found::I64(v.into()))
    }

    fn serialize_i32(self, v: i32) -> Result<(), Stop> {
        self.found(Found::I64(v.into()))
    }

    fn serialize_i64(self, v: i64) -> Result<(), Stop> {
        self.found(Found::I64(v))
    }

    fn serialize_u8(self, v: u8) -> Result<(), Stop> {
        self.found(Found::U64(v.into()))
    }

    fn serialize_u16(self, v: u16) -> Result<(), Stop> {
        self.found(Found::U64(v.into()))
    }

    fn serialize_u32(self, v: u32) -> Result<(), Stop> {
        self.found(Found::U64(v.into()))
    }

    fn serialize_u64(self, v: u64) -> Result<(), Stop> {
        self.found(Found::U64(v))
    }

    fn serialize_f32(self, v: f32) -> Result<(), Stop> {
        self.found(Found::F64(v.into()))
    }

    fn serialize_f64(self, v: f64) -> Result<(), Stop> {
        self.found(Found::F64(v))
    }

    fn serialize_char(self, v: char) -> Result<(), Stop> {
        self.found(Found::Str(v.encode_utf8(&mut [0; 4])))
    }

    fn serialize_str(self, v: &str) -> Result<(), Stop> {
        self.found(Found::Str(v))
    }

    fn serialize_bytes(self, _: &[u8]) -> Result<(), Stop> {
        self.found(Found::Array)
    }

    fn serialize_none(self) -> Result<(), Stop> {
        self.found(Found::Null)
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Stop> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Stop> {
        self.found(Found::Null)
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Stop> {
        self.found(Found::Null)
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Stop> {
        self.found(Found::Str(variant))
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Stop> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Stop> {
        self.map();
        Ok(())
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Elements<'p>, Stop> {
        Ok(self.seq())
    }

    fn serialize_tuple(self, _: usize) -> Result<Elements<'p>, Stop> {
        Ok(self.seq())
    }

    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Elements<'p>, Stop> {
        Ok(self.seq())
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Elements<'p>, Stop> {
        Ok(self.seq())
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Fields<'p>, Stop> {
        Ok(self.map())
    }

    fn serialize_struct(self, name: &'static str, _: usize) -> Result<Fields<'p>, Stop> {
        // A `Number` kept with text of its own is written as serde_json's
        // raw value: checked as the number that text is, as the raw walk does.
        if name == crate::number::RAW {
            return Ok(Fields::Raw(self));
        }
        Ok(self.map())
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Fields<'p>, Stop> {
        Ok(self.map())
    }
}

/// The items of an array: each checked by the inner rule, then the count.
enum Elements<'p> {
    Checking {
        items: ItemRules,
        inner: &'static Rule,
        index: usize,
        /// The items, where they must differ (`uniqueItems`).
        kept: Vec<serde_json::Value>,
        path: &'p mut Path,
        report: &'p mut Report,
    },
    /// Nothing to check inside (raw JSON, or reported as the wrong kind).
    Skipping,
}

impl Elements<'_> {
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Stop> {
        let Elements::Checking {
            items,
            inner,
            index,
            kept,
            path,
            report,
        } = self
        else {
            return Ok(());
        };
        if report.is_full() {
            return Ok(());
        }
        if items.unique {
            kept.extend(serde_json::to_value(value).ok());
        }
        path.push_index(*index);
        *index += 1;
        let result = Check {
            rule: inner,
            required: true,
            path,
            report,
            null: None,
        }
        .value(value);
        path.pop();
        result
    }

    fn finish(self) -> Result<(), Stop> {
        if let Elements::Checking {
            items,
            index,
            kept,
            path,
            report,
            ..
        } = self
        {
            check::items(index, &items, path, report);
            check::unique(&kept, path, report);
        }
        Ok(())
    }
}

macro_rules! elements {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for Elements<'_> {
            type Ok = ();
            type Error = Stop;

            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Stop> {
                self.element(value)
            }

            fn end(self) -> Result<(), Stop> {
                self.finish()
            }
        }
    )*};
}

elements!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

/// The properties of an object: each by its rule, then what is missing.
enum Fields<'p> {
    Checking {
        state: ObjectState,
        /// The property a map's next value belongs to.
        key: Option<Key>,
        path: &'p mut Path,
        report: &'p mut Report,
    },
    /// Nothing to check inside (raw JSON, or reported as the wrong kind).
    Skipping,
    /// A raw JSON value's text, to be checked as the value it is.
    Raw(Check<'p>),
}

/// A property name, looked up in the rules.
enum Key {
    Documented(&'static FieldRule, &'static str),
    /// A documented property written a second time (a name in `extra` that
    /// a field also writes): the typed parser would refuse what this sends.
    Repeated(&'static str),
    Undocumented(String),
}

impl Key {
    /// The rule of property `key`: copied only when undocumented.
    fn of(state: &mut ObjectState, key: &str) -> Key {
        match state.field(key) {
            Some(found) if found.repeated => Key::Repeated(found.rule.wire),
            Some(found) => Key::Documented(found.rule, found.rule.wire),
            None => Key::Undocumented(key.to_owned()),
        }
    }
}

impl Fields<'_> {
    fn key(&mut self, key: &str) -> Key {
        match self {
            Fields::Checking { state, .. } => Key::of(state, key),
            Fields::Skipping | Fields::Raw(_) => Key::Undocumented(String::new()),
        }
    }

    fn value<T: Serialize + ?Sized>(&mut self, key: Key, value: &T) -> Result<(), Stop> {
        if let Fields::Raw(_) = self {
            let Fields::Raw(check) = std::mem::replace(self, Fields::Skipping) else {
                unreachable!("matched above")
            };
            // A number's own spelling or a `Json`: its text, buffered once.
            return match serde_json::to_value(value) {
                Ok(serde_json::Value::String(text)) => check.text(&text),
                _ => Err(Stop),
            };
        }
        let Fields::Checking {
            state,
            path,
            report,
            ..
        } = self
        else {
            return Ok(());
        };
        if report.is_full() {
            return Ok(());
        }
        let (field, wire) = match key {
            Key::Documented(field, wire) => (field, wire),
            Key::Repeated(wire) => {
                path.at(wire, |path| check::duplicate(path, report));
                return Ok(());
            }
            Key::Undocumented(name) => {
                state.undocumented(&name, path, report);
                return Ok(());
            }
        };
        path.push_key(wire);
        let result = if state.compares(field) || matches!(field.rule, Rule::External(_)) {
            // Buffered: a value to keep for a consistency rule, or one checked as JSON.
            let buffered = serde_json::to_value(value).map_err(|_| Stop);
            if buffered.is_err() && !matches!(field.rule, Rule::External(_)) {
                // Text a `Value` cannot hold (a `Number` of `1e400`): its text
                // is checked and kept as the raw walk reads it.
                let Ok(text) = serde_json::to_string(value) else {
                    path.pop();
                    return Err(Stop);
                };
                let found = check::raw_text(&text);
                check::found(&field.rule, found, state.null_is_error(field), path, report);
                state.keep(field, check::Kept::of(found));
                path.pop();
                return Ok(());
            }
            if let Ok(buffered) = &buffered {
                if buffered.is_null() && field.expected {
                    state.null(field);
                }
                if let Rule::External(check) = field.rule {
                    if !buffered.is_null() || state.null_is_error(field) {
                        check(buffered, path, report);
                    }
                } else {
                    check::found(
                        &field.rule,
                        buffered.into(),
                        state.null_is_error(field),
                        path,
                        report,
                    );
                    state.keep(field, check::Kept::of(buffered.into()));
                }
            }
            buffered.map(drop)
        } else {
            // As the raw walk counts it: `null` for an expected field is missing.
            let null = Cell::new(false);
            let result = Check {
                rule: &field.rule,
                required: state.null_is_error(field),
                path,
                report,
                null: field.expected.then_some(&null),
            }
            .value(value);
            if null.get() {
                state.null(field);
            }
            result
        };
        path.pop();
        result
    }

    fn finish(self) -> Result<(), Stop> {
        if let Fields::Checking {
            state,
            path,
            report,
            ..
        } = self
        {
            state.finish(path, report);
        }
        Ok(())
    }
}

impl ser::SerializeStruct for Fields<'_> {
    type Ok = ();
    type Error = Stop;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Stop> {
        let key = self.key(key);
        self.value(key, value)
    }

    fn end(self) -> Result<(), Stop> {
        self.finish()
    }
}

impl ser::SerializeStructVariant for Fields<'_> {
    type Ok = ();
    type Error = Stop;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Stop> {
        ser::SerializeStruct::serialize_field(self, key, value)
    }

    fn end(self) -> Result<(), Stop> {
        self.finish()
    }
}

impl ser::SerializeMap for Fields<'_> {
    type Ok = ();
    type Error = Stop;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Stop> {
        if let Fields::Checking {
            state,
            key: pending,
            ..
        } = self
        {
            *pending = Some(key.serialize(KeyName(state))?);
        }
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Stop> {
        let key = match self {
            Fields::Checking { key, .. } => key.take(),
            Fields::Skipping | Fields::Raw(_) => None,
        };
        match key {
            Some(key) => self.value(key, value),
            None => Ok(()),
        }
    }

    fn end(self) -> Result<(), Stop> {
        self.finish()
    }
}

/// Reads a map key as the text JSON would write it, and looks up its rule
/// while the text is at hand (a key is copied only when undocumented).
struct KeyName<'s>(&'s mut ObjectState);

macro_rules! key_from_display {
    ($($method:ident: $ty:ty),*) => {$(
        fn $method(self, v: $ty) -> Result<Key, Stop> {
            Ok(Key::of(self.0, &v.to_string()))
        }
    )*};
}

impl Serializer for KeyName<'_> {
    type Ok = Key;
    type Error = Stop;
    type SerializeSeq = Impossible<Self::Ok, Stop>;
    type SerializeTuple = Impossible<Self::Ok, Stop>;
    type SerializeTupleStruct = Impossible<Self::Ok, Stop>;
    type SerializeTupleVariant = Impossible<Self::Ok, Stop>;
    type SerializeMap = Impossible<Self::Ok, Stop>;
    type SerializeStruct = Impossible<Self::Ok, Stop>;
    type SerializeStructVariant = Impossible<Self::Ok, Stop>;

    key_from_display!(
        serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32,
        serialize_i64: i64, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32,
        serialize_u64: u64, serialize_f32: f32, serialize_f64: f64, serialize_char: char
    );

    fn serialize_str(self, v: &str) -> Result<Key, Stop> {
        Ok(Key::of(self.0, v))
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<Self::Ok, Stop> {
        Ok(Key::of(self.0, variant))
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<Self::Ok, Stop> {
        value.serialize(self)
    }

    fn serialize_bytes(self, _: &[u8]) -> Result<Self::Ok, Stop> {
        Err(Stop)
    }

    fn serialize_none(self) -> Result<Self::Ok, Stop> {
        Err(Stop)
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Self::Ok, Stop> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<Self::Ok, Stop> {
        Err(Stop)
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<Self::Ok, Stop> {
        Err(Stop)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<Self::Ok, Stop> {
        Err(Stop)
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Stop> {
        Err(Stop)
    }

    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Stop> {
        Err(Stop)
    }

    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Stop> {
        Err(Stop)
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Stop> {
        Err(Stop)
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Stop> {
        Err(Stop)
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Stop> {
        Err(Stop)
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Stop> {
        Err(Stop)
    }
}
