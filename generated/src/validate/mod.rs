//! Validation: everything wrong with a payload, each with a JSON pointer.
//!
//! Two entry points check the same rules: [`Validate`] checks a value built
//! in code (or parsed), as it would be serialized, and [`activity_json`],
//! [`event_json`] and [`ValidateJson`] check raw JSON, reporting also what
//! would stop it from parsing. A value and its JSON get the same verdicts
//! (the JSON's pointers spell a property as the JSON did: `additionalinfourl`
//! where the value knows only `additionalInfoUrl`). [`activity_json`] takes
//! the bytes of an activity envelope the fast way: straight into the typed
//! value, then the typed checks; only a payload that does not parse, or has
//! something to report, is walked as JSON to collect every violation, in
//! the payload's order. [`event_json`] walks the body of a backend event,
//! by handler name or event type.
//!
//! What the typed parser refuses, the raw walk refuses: a property it
//! does not check (undocumented, or raw JSON) is still read as strictly as
//! a `serde_json::Value` (nesting depth, UTF-8, surrogates, numbers beyond
//! `f64`), and a documented property sent twice is an error
//! ([`Kind::Duplicate`]), as it is for the typed parser. An undocumented
//! property sent twice keeps its last value, in both.
//!
//! Validation never stops at the first problem and never panics; it stops
//! recording after [`Report::LIMIT`] violations. A property the schema does
//! not list is kept, and reported as a warning (with the documented name it
//! likely means); [`Report::unknown_as_errors`] makes those errors.

pub(crate) mod check;
pub mod formats;
mod object;
// The rule tables the generated code writes: public for generated code in
// other crates (build scripts), not part of the API.
#[doc(hidden)]
pub mod rules;
mod typed;
pub(crate) mod union;
pub(crate) mod walk;

#[doc(hidden)]
pub use rules::{FieldRule, Format, Items, Range, Rule, StructRules, Text, Union};

use std::fmt;

use serde::Serialize;

/// How serious a violation is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The payload breaks a documented rule; Wix may reject it.
    Error,
    /// The payload is allowed, but a careful integrator would look twice.
    Warning,
}

/// What kind of rule a violation breaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Kind {
    /// A required property is missing (or, for text, empty).
    Required,
    /// A value has the wrong JSON type.
    Type,
    /// A value is not one of the documented values.
    Enum,
    /// A text is not in its documented format (date-time, currency code, email, URL).
    Format,
    /// A number is outside its documented range.
    Range,
    /// A text or list is shorter or longer than documented.
    Length,
    /// A property the schema forbids (`additionalProperties: false`).
    UnknownProperty,
    /// A value differs from the schema's `const`.
    Const,
    /// A text does not match the schema's `pattern`.
    Pattern,
    /// Values that disagree with each other (a total that is not the sum of its parts, an end before its start).
    Consistency,
    /// A property sent more than once in one object; the typed parser refuses it.
    Duplicate,
    /// A value matches none of its alternatives (`oneOf`, `anyOf`), or more
    /// than one where exactly one is allowed.
    Alternatives,
    /// The report stopped recording: too many violations.
    Limit,
}

impl Kind {
    /// The kind's machine-readable name (`required`, `type`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Required => "required",
            Kind::Type => "type",
            Kind::Enum => "enum",
            Kind::Format => "format",
            Kind::Range => "range",
            Kind::Length => "length",
            Kind::UnknownProperty => "unknown_property",
            Kind::Const => "const",
            Kind::Pattern => "pattern",
            Kind::Consistency => "consistency",
            Kind::Duplicate => "duplicate",
            Kind::Alternatives => "alternatives",
            Kind::Limit => "limit",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One thing wrong with a payload.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Violation {
    /// Where, as a JSON pointer (`/info/rooms/0/beds/1/kind`).
    pub pointer: String,
    /// Which kind of rule.
    pub kind: Kind,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, in plain words, naming the field and what was expected.
    pub message: String,
}

/// The pointer, then the message. A pointer too long to read (through a
/// 100 MB key) is shown by its start and its length; `pointer` keeps it whole.
impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const SHOWN: usize = 256;
        let pointer = match self.pointer.as_str() {
            "" => "/",
            pointer => pointer,
        };
        if pointer.len() > SHOWN {
            let mut end = SHOWN;
            while !pointer.is_char_boundary(end) {
                end -= 1;
            }
            write!(f, "{}… ({} bytes)", &pointer[..end], pointer.len())?;
        } else {
            f.write_str(pointer)?;
        }
        match self.severity {
            Severity::Error => write!(f, ": {}", self.message),
            Severity::Warning => write!(f, ": warning: {}", self.message),
        }
    }
}

/// Every violation found, in the order found.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    violations: Vec<Violation>,
}

impl Report {
    /// The most violations a report records; a hostile payload cannot make it grow further.
    pub const LIMIT: usize = 1000;

    /// An empty report.
    pub fn new() -> Self {
        Report::default()
    }

    /// Records an error at `path`.
    pub fn error(&mut self, path: &Path, kind: Kind, message: impl fmt::Display) {
        self.push(path, kind, Severity::Error, message);
    }

    /// Records that the document is not JSON at all, at its root.
    pub(crate) fn not_json(&mut self, error: &serde_json::Error) {
        self.error(
            &Path::new(),
            Kind::Type,
            format_args!("not valid JSON: {error}"),
        );
    }

    /// Records a warning at `path`.
    pub fn warning(&mut self, path: &Path, kind: Kind, message: impl fmt::Display) {
        self.push(path, kind, Severity::Warning, message);
    }

    /// Records a warning at `path`, or, when one of `kind` is already
    /// recorded there, says it in these more precise words instead.
    pub(crate) fn refine(&mut self, path: &Path, kind: Kind, message: impl fmt::Display) {
        let pointer = path.pointer();
        match self
            .violations
            .iter_mut()
            .find(|v| v.kind == kind && v.pointer == pointer)
        {
            Some(found) => found.message = message.to_string(),
            None => self.warning(path, kind, message),
        }
    }

    /// Every warning about an undocumented property becomes an error, for
    /// a caller who wants payloads to hold only what the schemas document
    /// (a typo such as `storName` is then refused, not just told).
    ///
    /// ```
    /// use wix_activities::validate;
    ///
    /// let body = br#"{"type": "music/album-fan", "info": {"album": {"name": "X", "nmae": "Y"}}}"#;
    /// let report = validate::activity_json(body);
    /// assert!(report.is_valid());
    /// let warning = report.warnings().next().unwrap().to_string();
    /// assert_eq!(warning, "/info/album/nmae: warning: `nmae` is not a documented property; did you mean `name`?");
    /// assert!(!report.unknown_as_errors().is_valid());
    /// ```
    pub fn unknown_as_errors(mut self) -> Report {
        for violation in &mut self.violations {
            if violation.kind == Kind::UnknownProperty {
                violation.severity = Severity::Error;
            }
        }
        self
    }

    fn push(&mut self, path: &Path, kind: Kind, severity: Severity, message: impl fmt::Display) {
        match self.violations.len() {
            n if n < Self::LIMIT => self.violations.push(Violation {
                pointer: path.pointer().to_owned(),
                kind,
                severity,
                message: message.to_string(),
            }),
            n if n == Self::LIMIT => self.violations.push(Violation {
                pointer: String::new(),
                kind: Kind::Limit,
                severity: Severity::Error,
                message: format!(
                    "more than {} violations; the rest are not listed",
                    Self::LIMIT
                ),
            }),
            _ => {}
        }
    }

    /// Adds what `other` found, as far as the limit allows.
    pub(crate) fn extend(&mut self, other: Report) {
        for violation in other.violations {
            if self.violations.len() >= Self::LIMIT {
                break;
            }
            self.violations.push(violation);
        }
    }

    /// Whether the report stopped recording; walkers return early then.
    pub fn is_full(&self) -> bool {
        self.violations.len() > Self::LIMIT
    }

    /// Whether there is no error (warnings allowed).
    pub fn is_valid(&self) -> bool {
        self.errors().next().is_none()
    }

    /// Every violation.
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }

    /// The errors.
    pub fn errors(&self) -> impl Iterator<Item = &Violation> {
        self.violations
            .iter()
            .filter(|v| v.severity == Severity::Error)
    }

    /// The warnings.
    pub fn warnings(&self) -> impl Iterator<Item = &Violation> {
        self.violations
            .iter()
            .filter(|v| v.severity == Severity::Warning)
    }

    /// The violations, taken out.
    pub fn into_violations(self) -> Vec<Violation> {
        self.violations
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for violation in &self.violations {
            writeln!(f, "{violation}")?;
        }
        Ok(())
    }
}

/// The location being checked, built up as the walk goes down and back up,
/// so that a pointer is only written out when something is reported.
#[derive(Clone, Debug, Default)]
pub struct Path {
    pointer: String,
    marks: Vec<usize>,
}

impl Path {
    /// The root of a document.
    pub fn new() -> Self {
        Path::default()
    }

    /// The JSON pointer of the current location.
    pub fn pointer(&self) -> &str {
        &self.pointer
    }

    /// Goes down into property `key`, escaping it as RFC 6901 says.
    pub fn push_key(&mut self, key: &str) {
        self.marks.push(self.pointer.len());
        self.pointer.push('/');
        // Almost every key needs no escape: one copy.
        if !key.bytes().any(|b| b == b'~' || b == b'/') {
            self.pointer.push_str(key);
            return;
        }
        for c in key.chars() {
            match c {
                '~' => self.pointer.push_str("~0"),
                '/' => self.pointer.push_str("~1"),
                c => self.pointer.push(c),
            }
        }
    }

    /// Goes down into array element `index`.
    pub fn push_index(&mut self, index: usize) {
        use fmt::Write;
        self.marks.push(self.pointer.len());
        let _ = write!(self.pointer, "/{index}");
    }

    /// Goes back up one level.
    pub fn pop(&mut self) {
        if let Some(mark) = self.marks.pop() {
            self.pointer.truncate(mark);
        }
    }

    /// Runs `check` one level down, in property `key`.
    pub fn at<R>(&mut self, key: &str, check: impl FnOnce(&mut Path) -> R) -> R {
        self.push_key(key);
        let result = check(self);
        self.pop();
        result
    }
}

/// Unescapes one token of a JSON pointer (`a~1b` → `a/b`), as [`Path::push_key`] escapes it.
pub(crate) fn unescape(token: &str) -> std::borrow::Cow<'_, str> {
    if token.contains('~') {
        token.replace("~1", "/").replace("~0", "~").into()
    } else {
        token.into()
    }
}

/// Checks a typed value against its type's rules: everything the raw
/// check would find in the JSON the value serializes to.
///
/// Every generated type has it, through [`JsonRules`]; so do the envelopes
/// ([`Activity`](crate::Activity), [`ActivityInfo`](crate::ActivityInfo),
/// [`Event`](crate::backend_events::Event)).
pub trait Validate {
    /// Adds what is wrong with `self` (at `path`) to `report`.
    fn validate_into(&self, path: &mut Path, report: &mut Report);

    /// Everything wrong with `self`.
    fn validate(&self) -> Report {
        let mut report = Report::new();
        self.validate_into(&mut Path::new(), &mut report);
        report
    }
}

/// Checks raw JSON against a type's rules, including what would stop it
/// from parsing (missing required properties, wrong JSON types).
pub trait ValidateJson {
    /// Adds what is wrong with `value` (at `path`) to `report`.
    fn validate_json_into(value: &serde_json::Value, path: &mut Path, report: &mut Report);

    /// Everything wrong with `value`.
    fn validate_json(value: &serde_json::Value) -> Report {
        let mut report = Report::new();
        Self::validate_json_into(value, &mut Path::new(), &mut report);
        report
    }
}

/// The static table of a generated object type's rules: the one thing the
/// generator writes per type for validation. [`Validate`] and
/// [`ValidateJson`] come with it.
pub trait JsonRules {
    /// The rules.
    #[doc(hidden)]
    const RULES: StructRules;

    /// Everything wrong with the JSON `bytes`, read in one pass (no
    /// `serde_json::Value` is built).
    fn validate_json_bytes(bytes: &[u8]) -> Report
    where
        Self: Sized,
    {
        walk::bytes(bytes, rules_of::<Self>())
    }
}

/// Adds what is wrong with `value`, a value of a generated union, to
/// `report`: its JSON checked against each alternative. What a union's
/// [`Validate`] calls.
#[doc(hidden)]
pub fn check_alternatives<T: Serialize + ?Sized>(
    value: &T,
    union: &'static Union,
    path: &mut Path,
    report: &mut Report,
) {
    if let Ok(text) = serde_json::to_string(value) {
        union::check(&text, union, true, path, report);
    }
}

/// The rules of `T`, as a `'static` reference.
pub(crate) fn rules_of<T: JsonRules>() -> &'static StructRules {
    struct Promote<T>(std::marker::PhantomData<T>);
    impl<T: JsonRules> Promote<T> {
        const RULES: &'static StructRules = &T::RULES;
    }
    Promote::<T>::RULES
}

impl<T: JsonRules + serde::Serialize> Validate for T {
    fn validate_into(&self, path: &mut Path, report: &mut Report) {
        typed::value(self, rules_of::<T>(), path, report);
    }
}

impl<T: JsonRules> ValidateJson for T {
    fn validate_json_into(value: &serde_json::Value, path: &mut Path, report: &mut Report) {
        walk::value(value, rules_of::<T>(), path, report);
    }
}

impl<T: Validate> Validate for Option<T> {
    fn validate_into(&self, path: &mut Path, report: &mut Report) {
        if let Some(value) = self {
            value.validate_into(path, report);
        }
    }
}

impl<T: Validate> Validate for Vec<T> {
    fn validate_into(&self, path: &mut Path, report: &mut Report) {
        for (index, item) in self.iter().enumerate() {
            if report.is_full() {
                return;
            }
            path.push_index(index);
            item.validate_into(path, report);
            path.pop();
        }
    }
}

/// A date-time is valid as parsed; one without a UTC offset names no instant.
impl Validate for crate::DateTime {
    fn validate_into(&self, path: &mut Path, report: &mut Report) {
        check::date_time_offset(self, path, report);
    }
}

/// Validates the bytes of an activity envelope, in either form.
pub fn activity_json(bytes: &[u8]) -> Report {
    crate::activity::validate_json_bytes(bytes)
}

/// The raw walk of [`activity_json`] alone, without its typed fast path:
/// for the fuzz targets and tests that check that the walk finds whatever
/// the typed parser refuses. Not part of the API.
#[doc(hidden)]
pub fn activity_json_walk(bytes: &[u8]) -> Report {
    crate::activity::walk_bytes(bytes)
}

/// Validates the `info` of an activity of type `activity_type`, as raw JSON.
pub fn info_json(activity_type: &crate::ActivityType, value: &serde_json::Value) -> Report {
    let mut report = Report::new();
    if let Some(rules) =
        <crate::ActivityInfo as crate::TypedInfo>::info_rules(activity_type.as_str())
    {
        walk::value(value, rules, &mut Path::new(), &mut report);
    }
    report
}

/// Validates the bytes of the `info` of an activity of type
/// `activity_type`, in one streaming pass. A type without a documented
/// shape (deprecated or unknown) has nothing to check but that it is JSON.
pub fn info_bytes(activity_type: &crate::ActivityType, bytes: &[u8]) -> Report {
    match <crate::ActivityInfo as crate::TypedInfo>::info_rules(activity_type.as_str()) {
        Some(rules) => walk::bytes(bytes, rules),
        // Kept whole as `Json` by the typed read: it must still be JSON.
        None => {
            let mut report = Report::new();
            if let Err(error) = serde_json::from_slice::<walk::Unkept>(bytes) {
                report.not_json(&error);
            }
            report
        }
    }
}

/// Validates the JSON body of the backend event that `name` names, by its
/// handler (`wixEcom_onCartCreated`) or its event type
/// (`wix.ecom.v1.cart_created`), in one streaming pass: every violation,
/// each with its JSON pointer. An unknown name is a warning, naming the
/// documented event it is likely a typo of, and then there is nothing to
/// check but that the body reads as JSON.
///
/// ```
/// let report = wix_activities::validate::event_json("wixEcom_onCardCreated", b"{}");
/// assert_eq!(
///     report.warnings().next().unwrap().to_string(),
///     "/: warning: `wixEcom_onCardCreated` is not a documented event; its body is not checked; did you mean `wixEcom_onCartCreated`?"
/// );
/// ```
///
/// ```
/// let report = wix_activities::validate::event_json(
///     "wixEcom_onCartDeleted",
///     br#"{"metadata": {"id": "c350", "eventTime": "yesterday"}}"#,
/// );
/// let found: Vec<String> = report.violations().iter().map(|v| v.to_string()).collect();
/// assert_eq!(found, [
///     "/metadata/eventTime: `eventTime` must be an RFC 3339 date-time such as `2013-07-01T08:07:40.802Z`, found `yesterday`",
///     "/metadata/entityId: warning: `entityId` is documented as always sent, but is missing",
/// ]);
/// ```
pub fn event_json(name: &str, bytes: &[u8]) -> Report {
    use crate::backend_events::EventName;
    let mut event = EventName::from_handler(name);
    if matches!(event, EventName::Other(_)) {
        event = EventName::from_event_type(name);
    }
    match event.json_rules() {
        Some(rules) => walk::bytes(bytes, rules),
        // Read as `Event::from_json` reads it, so that the verdicts agree.
        None => {
            let mut report = Report::new();
            let names = EventName::ALL
                .iter()
                .flat_map(|e| std::iter::once(e.as_str()).chain(e.event_type()));
            let likely = check::nearest(name, names)
                .map(|known| format!("; did you mean `{known}`?"))
                .unwrap_or_default();
            report.warning(
                &Path::new(),
                Kind::Enum,
                format_args!("`{name}` is not a documented event; its body is not checked{likely}"),
            );
            if let Err(error) = serde_json::from_slice::<walk::Unkept>(bytes) {
                report.not_json(&error);
            }
            report
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_are_escaped_and_unwound() {
        let mut path = Path::new();
        path.push_key("info");
        path.push_key("a/b~c");
        path.push_index(3);
        assert_eq!(path.pointer(), "/info/a~1b~0c/3");
        path.pop();
        path.pop();
        assert_eq!(path.pointer(), "/info");
        path.pop();
        path.pop();
        assert_eq!(path.pointer(), "");
    }

    #[test]
    fn a_report_stops_growing_at_its_limit() {
        let mut report = Report::new();
        let path = Path::new();
        for _ in 0..Report::LIMIT + 50 {
            report.error(&path, Kind::Type, "bad");
        }
        assert_eq!(report.violations().len(), Report::LIMIT + 1);
        assert_eq!(report.violations().last().unwrap().kind, Kind::Limit);
        assert!(report.is_full() && !report.is_valid());
    }

    #[test]
    fn a_required_nullable_property_must_be_sent_and_may_be_null() {
        #[derive(serde::Serialize)]
        struct Pair {
            #[serde(skip_serializing_if = "crate::Nullable::is_absent")]
            a: crate::Nullable<String>,
            #[serde(skip_serializing_if = "crate::Nullable::is_absent")]
            b: crate::Nullable<String>,
        }
        impl JsonRules for Pair {
            const RULES: StructRules = StructRules::new(&[
                FieldRule::required("a", Rule::TEXT).nullable(),
                FieldRule::required("b", Rule::TEXT),
            ]);
        }
        use crate::Nullable::{Absent, Null, Value};
        for (body, pair, errors) in [
            (
                r#"{"a":null,"b":"x"}"#,
                Pair {
                    a: Null,
                    b: Value("x".into()),
                },
                vec![],
            ),
            (
                r#"{"b":"x"}"#,
                Pair {
                    a: Absent,
                    b: Value("x".into()),
                },
                vec!["/a"],
            ),
            (
                r#"{"a":"x","b":null}"#,
                Pair {
                    a: Value("x".into()),
                    b: Null,
                },
                vec!["/b"],
            ),
        ] {
            let pointers = |report: Report| -> Vec<String> {
                report.errors().map(|v| v.pointer.clone()).collect()
            };
            assert_eq!(
                pointers(Pair::validate_json_bytes(body.as_bytes())),
                errors,
                "{body}"
            );
            assert_eq!(pointers(pair.validate()), errors, "{body}");
        }
    }
}
