//! The JSON Schema keywords and formats the generator knows, and what it
//! does with each: stated once, for the loader (which refuses what nothing
//! enforces) and the model (which turns what is honoured into rules and
//! types).

use serde_json::Value;

/// What the generator does with a keyword.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Treatment {
    /// An assertion the generated validators enforce: the model makes it
    /// part of a field's rule.
    Rule,
    /// Says nothing a payload must do (documentation, identity, hints to
    /// tools), so ignoring it loses nothing.
    Annotation,
    /// An assertion no stage reads: refused, where ignoring it would let
    /// through what the schema forbids.
    Unsupported,
}

/// The kind of value a keyword takes, in words, and the test of it.
pub type ValueKind = (&'static str, fn(&Value) -> bool);

/// A keyword the generator knows.
#[derive(Clone, Copy, Debug)]
pub struct Keyword {
    /// The keyword as written.
    pub name: &'static str,
    /// What the generator does with it.
    pub treatment: Treatment,
    /// The kind of value it takes, where the loader checks the kind alone;
    /// keywords whose value needs more than its kind (`pattern`, `const`,
    /// `x-wix-rest`) are checked by their own code.
    pub value: Option<ValueKind>,
}

const TEXT: Option<ValueKind> = Some(("text", Value::is_string));
const NUMBER: Option<ValueKind> = Some(("a number", Value::is_number));
const COUNT: Option<ValueKind> = Some(("a whole number, 0 or more", is_count));
const FLAG: Option<ValueKind> = Some(("`true` or `false`", Value::is_boolean));

fn is_count(value: &Value) -> bool {
    value.is_u64()
}

const STEP: Option<ValueKind> = Some(("a number above 0", is_step));
const DEPENDENT: Option<ValueKind> = Some(("an object of arrays of property names", is_dependent));

fn is_step(value: &Value) -> bool {
    value.as_f64().is_some_and(|step| step > 0.0)
}

fn is_dependent(value: &Value) -> bool {
    value.as_object().is_some_and(|map| {
        map.values().all(|names| {
            names
                .as_array()
                .is_some_and(|n| n.iter().all(Value::is_string))
        })
    })
}

const fn keyword(name: &'static str, treatment: Treatment, value: Option<ValueKind>) -> Keyword {
    Keyword {
        name,
        treatment,
        value,
    }
}

use Treatment::{Annotation, Rule, Unsupported};

/// The keywords whose treatment is decided here. The structural keywords
/// (`type`, `properties`, `required`, `items`, `enum`, `$ref`, …) shape the
/// types themselves and are read where the types are found.
pub const KEYWORDS: &[Keyword] = &[
    keyword("title", Annotation, TEXT),
    keyword("description", Annotation, TEXT),
    keyword("$comment", Annotation, TEXT),
    keyword("$id", Annotation, TEXT),
    keyword("$schema", Annotation, TEXT),
    keyword("readOnly", Annotation, FLAG),
    keyword("writeOnly", Annotation, FLAG),
    keyword("deprecated", Annotation, FLAG),
    keyword("examples", Annotation, Some(("an array", Value::is_array))),
    keyword("format", Rule, TEXT),
    keyword("minimum", Rule, NUMBER),
    keyword("maximum", Rule, NUMBER),
    keyword("exclusiveMinimum", Rule, NUMBER),
    keyword("exclusiveMaximum", Rule, NUMBER),
    keyword("minLength", Rule, COUNT),
    keyword("maxLength", Rule, COUNT),
    keyword("minItems", Rule, COUNT),
    keyword("maxItems", Rule, COUNT),
    keyword("pattern", Rule, None),
    keyword("const", Rule, None),
    keyword(SEVERITY, Rule, None),
    keyword(REST, Rule, None),
    keyword("not", Unsupported, None),
    keyword("if", Unsupported, None),
    keyword("then", Unsupported, None),
    keyword("else", Unsupported, None),
    keyword("uniqueItems", Rule, FLAG),
    keyword("contains", Unsupported, None),
    keyword("minContains", Unsupported, None),
    keyword("maxContains", Unsupported, None),
    keyword("prefixItems", Unsupported, None),
    keyword("additionalItems", Unsupported, None),
    keyword("unevaluatedItems", Unsupported, None),
    keyword("unevaluatedProperties", Unsupported, None),
    keyword("patternProperties", Unsupported, None),
    keyword("propertyNames", Rule, None),
    keyword("dependencies", Unsupported, None),
    keyword("dependentRequired", Rule, DEPENDENT),
    keyword("dependentSchemas", Unsupported, None),
    keyword("minProperties", Rule, COUNT),
    keyword("maxProperties", Rule, COUNT),
    keyword("multipleOf", Rule, STEP),
    keyword("$dynamicRef", Unsupported, None),
    keyword("$recursiveRef", Unsupported, None),
];

/// Makes a wrong `format` a validation warning rather than an error (`warning`).
pub const SEVERITY: &str = "x-severity";

/// The object Wix's REST form sends for a text property: `image`, `page-url`.
pub const REST: &str = "x-wix-rest";

/// The keyword named `name`, if the generator knows it.
pub fn keyword_named(name: &str) -> Option<&'static Keyword> {
    KEYWORDS.iter().find(|k| k.name == name)
}

/// What a format makes of a value: a Rust type of its own, or a check of
/// the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// RFC 3339, as `wix_activities::DateTime`.
    DateTime,
    /// An email address, checked.
    Email,
    /// An absolute URL, checked.
    Url,
    /// An ISO 4217 code, checked.
    Currency,
    /// An exact decimal, as `wix_activities::Decimal`.
    Decimal,
    /// A 64-bit integer sent as text, as `wix_activities::Int64`.
    Int64,
    /// An RFC 3339 full-date, checked.
    Date,
    /// An RFC 3339 full-time, checked.
    Time,
    /// A UUID, checked.
    Uuid,
    /// An IPv4 address, checked.
    Ipv4,
    /// An IPv6 address, checked.
    Ipv6,
    /// An RFC 1123 host name, checked.
    Hostname,
    /// An RFC 3986 URI reference, checked.
    UriReference,
}

/// The formats the generated types or validators enforce, in the order the
/// loader's hint lists them; any other is refused.
pub const FORMATS: &[(&str, Format)] = &[
    ("date-time", Format::DateTime),
    ("email", Format::Email),
    ("uri", Format::Url),
    ("url", Format::Url),
    ("iri", Format::Url),
    ("currency", Format::Currency),
    ("decimal", Format::Decimal),
    ("int64", Format::Int64),
    ("date", Format::Date),
    ("time", Format::Time),
    ("uuid", Format::Uuid),
    ("ipv4", Format::Ipv4),
    ("ipv6", Format::Ipv6),
    ("hostname", Format::Hostname),
    ("uri-reference", Format::UriReference),
];

/// The format named `name`, if it is enforced.
pub fn format_named(name: &str) -> Option<Format> {
    FORMATS.iter().find(|(n, _)| *n == name).map(|(_, f)| *f)
}

/// The enforced format a schema declares, if any.
pub fn format_of(schema: &Value) -> Option<Format> {
    schema
        .get("format")
        .and_then(Value::as_str)
        .and_then(format_named)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_keyword_and_format_is_listed_once() {
        for (index, keyword) in KEYWORDS.iter().enumerate() {
            assert!(
                KEYWORDS[..index].iter().all(|k| k.name != keyword.name),
                "{}",
                keyword.name
            );
        }
        for (index, (name, _)) in FORMATS.iter().enumerate() {
            assert!(FORMATS[..index].iter().all(|(n, _)| n != name), "{name}");
        }
    }
}
