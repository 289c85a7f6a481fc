//! The rules of a generated type, as static tables: what each property must
//! be, and what the properties must say of each other.
//!
//! The generator writes one [`StructRules`] per object type; the same table
//! checks a typed value (as it is serialized) and raw JSON (as it is read),
//! so the two can never disagree. The `const` constructors keep a table to
//! one line per property:
//!
//! ```
//! use wix_activities::validate::{FieldRule, Rule, StructRules, Text};
//!
//! const STAY: StructRules = StructRules::new(&[
//!     FieldRule::required("checkin", Rule::DateTime),
//!     FieldRule::required("checkout", Rule::DateTime),
//!     FieldRule::optional("note", Rule::Text(Text::ANY.max_length(200))),
//! ])
//! .ordered(&[("checkin", "checkout")]);
//! # let _ = STAY;
//! ```

/// The rules of one object type.
#[derive(Debug)]
pub struct StructRules {
    /// The documented properties, in the published order.
    pub fields: &'static [FieldRule],
    /// Whether undocumented properties are errors (`additionalProperties: false`).
    pub closed: bool,
    /// Whether a property also reads under its wire name in lower case
    /// (`timezone` for `timeZone`), as clients of Wix's activity tables send.
    pub lowercase_aliases: bool,
    /// Whether an undocumented property is a warning (it is kept either
    /// way), naming the documented one it is likely a typo of.
    pub warn_unknown: bool,
    /// Whether the object is read as standard JSON Schema reads it: `null`
    /// for an optional property is an error unless it is
    /// [`nullable`](FieldRule::nullable), where Wix's clients send `null` for
    /// a value they leave out and Wix's types read it as absent.
    pub strict: bool,
    /// Date-time pairs that must be in order (warnings).
    pub order: &'static [(&'static str, &'static str)],
    /// A number that must be the sum of others (a warning): `(total, parts)`.
    pub sum: Option<(&'static str, &'static [&'static str])>,
    /// `minProperties`: how many properties, documented or not, it has at least.
    pub min_properties: Option<u64>,
    /// `maxProperties`: how many it has at most.
    pub max_properties: Option<u64>,
    /// `dependentRequired`: a property, and those it requires when sent.
    pub dependent_required: &'static [(&'static str, &'static [&'static str])],
    /// `propertyNames`: the rules every property name keeps.
    pub property_names: Option<Text>,
}

impl StructRules {
    /// An open object with these properties and nothing to compare.
    pub const fn new(fields: &'static [FieldRule]) -> StructRules {
        StructRules {
            fields,
            closed: false,
            lowercase_aliases: false,
            warn_unknown: false,
            strict: false,
            order: &[],
            sum: None,
            min_properties: None,
            max_properties: None,
            dependent_required: &[],
            property_names: None,
        }
    }

    /// At least `min` properties.
    pub const fn min_properties(self, min: u64) -> StructRules {
        StructRules {
            min_properties: Some(min),
            ..self
        }
    }

    /// At most `max` properties.
    pub const fn max_properties(self, max: u64) -> StructRules {
        StructRules {
            max_properties: Some(max),
            ..self
        }
    }

    /// Each property of `dependent`, when sent, requires the ones beside it.
    pub const fn dependent_required(
        self,
        dependent: &'static [(&'static str, &'static [&'static str])],
    ) -> StructRules {
        StructRules {
            dependent_required: dependent,
            ..self
        }
    }

    /// Every property name keeps `names`.
    pub const fn property_names(self, names: Text) -> StructRules {
        StructRules {
            property_names: Some(names),
            ..self
        }
    }

    /// Whether the object's property names must be kept to the end, for a
    /// rule that needs them all.
    pub(crate) fn keeps_names(&self) -> bool {
        self.property_names.is_some() || !self.dependent_required.is_empty()
    }

    /// Undocumented properties are errors.
    pub const fn closed(self) -> StructRules {
        StructRules {
            closed: true,
            ..self
        }
    }

    /// An undocumented property is a warning.
    pub const fn warn_unknown(self) -> StructRules {
        StructRules {
            warn_unknown: true,
            ..self
        }
    }

    /// Read as standard JSON Schema reads it: `null` is a value only for a
    /// nullable property.
    pub const fn strict(self) -> StructRules {
        StructRules {
            strict: true,
            ..self
        }
    }

    /// Each property also reads under its wire name in lower case.
    pub const fn lowercase_aliases(self) -> StructRules {
        StructRules {
            lowercase_aliases: true,
            ..self
        }
    }

    /// These date-time pairs must be in order.
    pub const fn ordered(self, order: &'static [(&'static str, &'static str)]) -> StructRules {
        StructRules { order, ..self }
    }

    /// Number `total` must be the sum of `parts`.
    pub const fn sum(self, total: &'static str, parts: &'static [&'static str]) -> StructRules {
        StructRules {
            sum: Some((total, parts)),
            ..self
        }
    }

    /// The property `key` names, by wire name or (where allowed) its lower-case alias.
    pub(crate) fn field(&self, key: &str) -> Option<usize> {
        self.fields.iter().position(|f| {
            f.wire == key
                || f.aliases.contains(&key)
                || (self.lowercase_aliases && is_lowercase_of(key, f.wire))
        })
    }

    /// Whether the consistency rules compare property `wire`, so a walker keeps its value.
    pub(crate) fn compares(&self, wire: &str) -> bool {
        if self.sum.is_none() && self.order.is_empty() {
            return false;
        }
        self.sum
            .is_some_and(|(total, parts)| total == wire || parts.contains(&wire))
            || self.order.iter().any(|(a, b)| *a == wire || *b == wire)
    }
}

/// Whether `key` is `wire` in lower case (and differs from it), without allocating.
fn is_lowercase_of(key: &str, wire: &str) -> bool {
    key.len() == wire.len()
        && key != wire
        && key
            .bytes()
            .zip(wire.bytes())
            .all(|(k, w)| k == w.to_ascii_lowercase())
}

/// The rules of one property.
#[derive(Debug)]
pub struct FieldRule {
    /// The wire name.
    pub wire: &'static str,
    /// Whether the property is required.
    pub required: bool,
    /// Whether the sender is documented to always send it, though a payload
    /// without it is still read: missing, it is a warning.
    pub expected: bool,
    /// Whether `null` is among its values (its schema's types include
    /// `null`): for a required property, or any of an object read strictly,
    /// where `null` would otherwise be an error.
    pub nullable: bool,
    /// Other wire names it is read by.
    pub aliases: &'static [&'static str],
    /// What its value must be.
    pub rule: Rule,
}

impl FieldRule {
    /// A property that must be present.
    pub const fn required(wire: &'static str, rule: Rule) -> FieldRule {
        FieldRule {
            wire,
            required: true,
            expected: false,
            nullable: false,
            aliases: &[],
            rule,
        }
    }

    /// A property that may be absent (or `null`).
    pub const fn optional(wire: &'static str, rule: Rule) -> FieldRule {
        FieldRule {
            wire,
            required: false,
            expected: false,
            nullable: false,
            aliases: &[],
            rule,
        }
    }

    /// A property the sender is documented to always send; a payload
    /// without it is still read, with a warning.
    pub const fn expected(wire: &'static str, rule: Rule) -> FieldRule {
        FieldRule {
            wire,
            required: false,
            expected: true,
            nullable: false,
            aliases: &[],
            rule,
        }
    }

    /// May be `null`: though it must be sent, or in an object read strictly.
    pub const fn nullable(self) -> FieldRule {
        FieldRule {
            nullable: true,
            ..self
        }
    }

    /// Whether `null` for it is an error (its rule's `required`), in an
    /// object read strictly or not ([`StructRules::strict`]).
    pub(crate) const fn null_is_error(&self, strict: bool) -> bool {
        (self.required || strict) && !self.nullable
    }

    /// Also read under these wire names.
    pub const fn aliases(self, aliases: &'static [&'static str]) -> FieldRule {
        FieldRule { aliases, ..self }
    }
}

/// What a value must be.
#[derive(Debug)]
pub enum Rule {
    /// Text (a number or boolean is read as its text).
    Text(Text),
    /// A string only (serde reads no number there): an item of an array of
    /// text, or any text of a type read as standard JSON Schema, where an
    /// empty string is a value too.
    StrictText(Text),
    /// A number (a numeric string is read as the number).
    Number(Range),
    /// A JSON number only, as standard JSON Schema reads `number`.
    StrictNumber(Range),
    /// A whole number (text holding one is read as the number).
    Integer(Range),
    /// A whole JSON number only, as standard JSON Schema reads `integer`.
    StrictInteger(Range),
    /// `true` or `false`.
    Bool,
    /// An RFC 3339 date-time.
    DateTime,
    /// A decimal number as text (or a JSON number).
    Decimal,
    /// A 64-bit integer as text (or a JSON integer).
    Int64,
    /// One of these values, in any case (`"CHAT"` for `chat`), as Wix's
    /// types read their enums.
    Enum(&'static [&'static str]),
    /// Exactly one of these values, as standard JSON Schema reads `enum`.
    ExactEnum(&'static [&'static str]),
    /// Text, documented as one of these values; the publisher may add
    /// others, so another is a warning.
    OpenEnum(&'static [&'static str]),
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
    /// One of these alternatives (`oneOf`, `anyOf`; the value is buffered).
    Union(&'static Union),
    /// A type checked by its own [`ValidateJson`](super::ValidateJson) (the value is buffered).
    External(fn(&serde_json::Value, &mut super::Path, &mut super::Report)),
}

impl Rule {
    /// Text with no rule beyond being text.
    pub const TEXT: Rule = Rule::Text(Text::ANY);
    /// A string with no rule beyond being one.
    pub const STRICT_TEXT: Rule = Rule::StrictText(Text::ANY);
    /// Any number.
    pub const NUMBER: Rule = Rule::Number(Range::ANY);
    /// Any whole number.
    pub const INTEGER: Rule = Rule::Integer(Range::ANY);
    /// Any JSON number.
    pub const STRICT_NUMBER: Rule = Rule::StrictNumber(Range::ANY);
    /// Any whole JSON number.
    pub const STRICT_INTEGER: Rule = Rule::StrictInteger(Range::ANY);

    /// An array of any length, each item by `item`.
    pub const fn array(item: &'static Rule) -> Rule {
        Rule::Array(Items::ANY, item)
    }
}

/// Alternatives a value must match: `oneOf` (exactly one) or `anyOf` (at
/// least one), each branch a rule; an object's branches may be named by a
/// property (`"kind": "circle"`), which then says which branch applies.
#[derive(Debug)]
pub struct Union {
    /// The branches, in the published order.
    pub branches: &'static [Rule],
    /// Whether exactly one branch may match (`oneOf`), not at least one (`anyOf`).
    pub exactly_one: bool,
    /// The property that names the branch, and its value in each branch.
    pub tag: Option<(&'static str, &'static [&'static str])>,
}

impl Union {
    /// `oneOf`: exactly one of `branches`.
    pub const fn one_of(branches: &'static [Rule]) -> Union {
        Union {
            branches,
            exactly_one: true,
            tag: None,
        }
    }

    /// `anyOf`: at least one of `branches`.
    pub const fn any_of(branches: &'static [Rule]) -> Union {
        Union {
            branches,
            exactly_one: false,
            tag: None,
        }
    }

    /// The branches are objects whose property `property` holds `values`, one for each.
    pub const fn tagged(self, property: &'static str, values: &'static [&'static str]) -> Union {
        Union {
            tag: Some((property, values)),
            ..self
        }
    }
}

/// A format a text property must have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// An ISO 4217 currency code.
    Currency,
    /// An email address.
    Email,
    /// An absolute URL.
    Url,
    /// An RFC 3339 full-date (`2020-01-02`).
    Date,
    /// An RFC 3339 full-time, with its offset (`08:07:40Z`).
    Time,
    /// A UUID in its hyphenated text form.
    Uuid,
    /// An IPv4 address.
    Ipv4,
    /// An IPv6 address.
    Ipv6,
    /// A host name (RFC 1123).
    Hostname,
    /// An RFC 3986 URI reference: absolute, or relative to one.
    UriReference,
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
    /// Whether Wix's REST form of the value, an object (an image, a page
    /// URL), is accepted too: the type reads it as the text the SDK makes of it.
    pub rest_object: bool,
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
        rest_object: false,
    };
    /// An ISO 4217 currency code.
    pub const CURRENCY: Text = Text::ANY.format(Format::Currency);
    /// An email address.
    pub const EMAIL: Text = Text::ANY.format(Format::Email);
    /// An absolute URL.
    pub const URL: Text = Text::ANY.format(Format::Url);
    /// An RFC 3339 full-date.
    pub const DATE: Text = Text::ANY.format(Format::Date);
    /// An RFC 3339 full-time.
    pub const TIME: Text = Text::ANY.format(Format::Time);
    /// A UUID.
    pub const UUID: Text = Text::ANY.format(Format::Uuid);
    /// An IPv4 address.
    pub const IPV4: Text = Text::ANY.format(Format::Ipv4);
    /// An IPv6 address.
    pub const IPV6: Text = Text::ANY.format(Format::Ipv6);
    /// A host name.
    pub const HOSTNAME: Text = Text::ANY.format(Format::Hostname);
    /// A URI reference.
    pub const URI_REFERENCE: Text = Text::ANY.format(Format::UriReference);

    /// In `format`.
    pub const fn format(self, format: Format) -> Text {
        Text {
            format: Some(format),
            ..self
        }
    }

    /// A wrong format is a warning, not an error.
    pub const fn format_is_warning(self) -> Text {
        Text {
            format_is_warning: true,
            ..self
        }
    }

    /// At least `min` characters.
    pub const fn min_length(self, min: u64) -> Text {
        Text {
            min_length: Some(min),
            ..self
        }
    }

    /// At most `max` characters.
    pub const fn max_length(self, max: u64) -> Text {
        Text {
            max_length: Some(max),
            ..self
        }
    }

    /// Exactly `value`.
    pub const fn constant(self, value: &'static str) -> Text {
        Text {
            constant: Some(value),
            ..self
        }
    }

    /// Or Wix's REST object for the value (an image, a page URL).
    pub const fn or_rest_object(self) -> Text {
        Text {
            rest_object: true,
            ..self
        }
    }

    /// Matching the ECMA-262 `pattern`.
    pub const fn pattern(self, pattern: &'static str) -> Text {
        Text {
            pattern: Some(pattern),
            ..self
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
    /// `enum` (or `const`): the values it may be.
    pub one_of: Option<&'static [f64]>,
    /// `multipleOf`: what it must be a whole multiple of.
    pub multiple_of: Option<f64>,
}

impl Range {
    /// Any number.
    pub const ANY: Range = Range {
        minimum: None,
        maximum: None,
        exclusive_minimum: None,
        exclusive_maximum: None,
        one_of: None,
        multiple_of: None,
    };

    /// A whole multiple of `step`.
    pub const fn multiple_of(self, step: f64) -> Range {
        Range {
            multiple_of: Some(step),
            ..self
        }
    }

    /// One of `values`.
    pub const fn one_of(self, values: &'static [f64]) -> Range {
        Range {
            one_of: Some(values),
            ..self
        }
    }

    /// At least `min`.
    pub const fn minimum(self, min: f64) -> Range {
        Range {
            minimum: Some(min),
            ..self
        }
    }

    /// At most `max`.
    pub const fn maximum(self, max: f64) -> Range {
        Range {
            maximum: Some(max),
            ..self
        }
    }

    /// More than `min`.
    pub const fn exclusive_minimum(self, min: f64) -> Range {
        Range {
            exclusive_minimum: Some(min),
            ..self
        }
    }

    /// Less than `max`.
    pub const fn exclusive_maximum(self, max: f64) -> Range {
        Range {
            exclusive_maximum: Some(max),
            ..self
        }
    }
}

/// The rules of an array property.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Items {
    /// `minItems`.
    pub min_items: Option<u64>,
    /// `maxItems`.
    pub max_items: Option<u64>,
    /// `uniqueItems`: no two items are the same JSON value.
    pub unique: bool,
}

impl Items {
    /// Any length.
    pub const ANY: Items = Items {
        min_items: None,
        max_items: None,
        unique: false,
    };

    /// No two items the same.
    pub const fn unique(self) -> Items {
        Items {
            unique: true,
            ..self
        }
    }

    /// At least `min` items.
    pub const fn min_items(self, min: u64) -> Items {
        Items {
            min_items: Some(min),
            ..self
        }
    }

    /// At most `max` items.
    pub const fn max_items(self, max: u64) -> Items {
        Items {
            max_items: Some(max),
            ..self
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_case_aliases_only_where_allowed() {
        const FIELDS: &[FieldRule] = &[FieldRule::optional("timeZone", Rule::TEXT)];
        let open = StructRules::new(FIELDS);
        assert_eq!(open.field("timeZone"), Some(0));
        assert_eq!(open.field("timezone"), None);
        let lenient = StructRules::new(FIELDS).lowercase_aliases();
        assert_eq!(lenient.field("timezone"), Some(0));
        assert_eq!(lenient.field("TIMEZONE"), None);
        const ALIASED: &[FieldRule] = &[FieldRule::expected("id", Rule::TEXT).aliases(&["_id"])];
        assert_eq!(StructRules::new(ALIASED).field("_id"), Some(0));
    }
}
