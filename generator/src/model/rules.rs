//! What each field must be, decided from its repaired schema: the typed
//! rules the renderer prints as a static table, and the consistency checks
//! of a struct. Nothing after the model reads JSON Schema.

use std::collections::HashMap;

use serde_json::Value;

use super::{Field, Ty, TypeKind, TypeRef};
use crate::keywords::{self, Format, REST, SEVERITY};
use crate::load::Leniency;

/// What a value must be.
#[derive(Clone, Debug, PartialEq)]
pub enum Rule {
    /// Text (a number or boolean is read as its text).
    Text(TextRule),
    /// A string only, where an empty one is a value: an item of an array
    /// of text, or text read strictly.
    StrictText(TextRule),
    /// A number, in a range (text holding one is the number).
    Number(Range),
    /// A JSON number only, in a range.
    StrictNumber(Range),
    /// A whole number, in a range (text holding one is the number).
    Integer(Range),
    /// A whole JSON number only, in a range.
    StrictInteger(Range),
    /// `true` or `false`.
    Bool,
    /// An RFC 3339 date-time.
    DateTime,
    /// A decimal number as text.
    Decimal,
    /// A 64-bit integer as text.
    Int64,
    /// One of these wire values, in any case.
    Enum(Vec<String>),
    /// Exactly one of these wire values.
    ExactEnum(Vec<String>),
    /// One of these wire values, or another the publisher added (a warning).
    OpenEnum(Vec<String>),
    /// An object of a generated type.
    Object(TypeRef),
    /// A value of a generated union: one of its alternatives.
    Union(TypeRef),
    /// An array, its length and each item.
    Array(Items, Box<Rule>),
    /// Raw JSON that must be an array.
    RawArray,
    /// Raw JSON that must be an object.
    RawObject,
    /// Anything.
    Any,
    /// A Rust type that checks itself (`x-rust-type`).
    External(String),
}

/// The rules of a text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TextRule {
    /// `format`, where the runtime checks it.
    pub format: Option<TextFormat>,
    /// Whether a wrong format is only a warning (`x-severity: warning`).
    pub format_is_warning: bool,
    /// `minLength`.
    pub min_length: Option<u64>,
    /// `maxLength`.
    pub max_length: Option<u64>,
    /// `const`.
    pub constant: Option<String>,
    /// `pattern` (ECMA-262).
    pub pattern: Option<String>,
    /// The object Wix's REST form sends instead (`x-wix-rest`), read as the SDK's text.
    pub rest: Option<RestForm>,
}

/// An object Wix's REST form sends for a value its SDK types as text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RestForm {
    /// `{id, url, width, height, altText, filename}` for `wix:image://v1/…`.
    Image,
    /// `{relativePath, url}` for the URL.
    PageUrl,
}

/// A text format the runtime checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextFormat {
    /// An ISO 4217 code.
    Currency,
    /// An email address.
    Email,
    /// An absolute URL.
    Url,
    /// An RFC 3339 full-date.
    Date,
    /// An RFC 3339 full-time.
    Time,
    /// A UUID.
    Uuid,
    /// An IPv4 address.
    Ipv4,
    /// An IPv6 address.
    Ipv6,
    /// An RFC 1123 host name.
    Hostname,
    /// An RFC 3986 URI reference.
    UriReference,
}

/// The bounds of a number.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Range {
    /// `minimum`.
    pub minimum: Option<f64>,
    /// `maximum`.
    pub maximum: Option<f64>,
    /// `exclusiveMinimum`.
    pub exclusive_minimum: Option<f64>,
    /// `exclusiveMaximum`.
    pub exclusive_maximum: Option<f64>,
    /// `enum` or `const`: the values it may be.
    pub one_of: Option<Vec<f64>>,
    /// `multipleOf`.
    pub multiple_of: Option<f64>,
}

/// The length of an array.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Items {
    /// `minItems`.
    pub min_items: Option<u64>,
    /// `maxItems`.
    pub max_items: Option<u64>,
    /// `uniqueItems`.
    pub unique: bool,
}

/// What an object's properties must be as a whole.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PropertyRules {
    /// `minProperties`.
    pub min: Option<u64>,
    /// `maxProperties`.
    pub max: Option<u64>,
    /// `dependentRequired`: a property, and those it requires when sent.
    pub dependent: Vec<(String, Vec<String>)>,
    /// `propertyNames`: the rules of every name.
    pub names: Option<TextRule>,
}

/// The rules of an object's properties as a whole, from its schema.
pub(super) fn properties(schema: &Value) -> PropertyRules {
    let dependent = schema
        .get("dependentRequired")
        .and_then(Value::as_object)
        .map(|map| {
            map.iter()
                .map(|(name, needed)| {
                    let needed = needed.as_array().into_iter().flatten();
                    (
                        name.clone(),
                        needed
                            .filter_map(Value::as_str)
                            .map(str::to_owned)
                            .collect(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    PropertyRules {
        min: schema.get("minProperties").and_then(Value::as_u64),
        max: schema.get("maxProperties").and_then(Value::as_u64),
        dependent,
        names: schema
            .get("propertyNames")
            .filter(|n| n.is_object())
            .map(text),
    }
}

/// What the fields of a struct must say of each other (warnings).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Consistency {
    /// Date-time `earlier` is not after `later`.
    Order {
        /// The wire name of the first.
        earlier: String,
        /// The wire name of the second.
        later: String,
    },
    /// Number `total` is the sum of `parts`.
    Sum {
        /// The wire name of the total.
        total: String,
        /// The wire names of the parts.
        parts: Vec<String>,
    },
}

/// Date-time pairs that must be in order, by wire name.
const ORDERED: &[(&str, &str)] = &[("start", "end"), ("checkin", "checkout"), ("from", "until")];

/// What the rules need to know of a generated enum.
#[derive(Clone, Debug)]
pub(super) struct EnumValues {
    /// Its wire values.
    pub values: Vec<String>,
    /// Whether the publisher may add others.
    pub open: bool,
    /// Whether its type reads a value in any case.
    pub any_case: bool,
}

/// The rule of a value of type `ty` with `schema`, read with `leniency`;
/// `enums` gives each generated enum's wire values.
pub(super) fn of(
    ty: &Ty,
    schema: &Value,
    enums: &HashMap<TypeRef, EnumValues>,
    leniency: Leniency,
) -> Rule {
    let strict = leniency == Leniency::Strict;
    match ty {
        Ty::String if strict => Rule::StrictText(text(schema)),
        Ty::String => Rule::Text(text(schema)),
        Ty::Number if strict => Rule::StrictNumber(range(schema)),
        Ty::Number => Rule::Number(range(schema)),
        Ty::Integer if strict => Rule::StrictInteger(range(schema)),
        Ty::Integer => Rule::Integer(range(schema)),
        Ty::Bool => Rule::Bool,
        Ty::DateTime => Rule::DateTime,
        Ty::Decimal | Ty::Amount => Rule::Decimal,
        Ty::Int64 => Rule::Int64,
        Ty::Json if items_are_objects(schema) => {
            Rule::Array(Items::default(), Box::new(Rule::RawObject))
        }
        Ty::Json if schema.get("type").and_then(Value::as_str) == Some("array") => Rule::RawArray,
        Ty::Json => Rule::Any,
        Ty::JsonObject => Rule::RawObject,
        Ty::Vec(inner) => {
            let items = schema.get("items").unwrap_or(&Value::Null);
            let inner = match inner.as_ref() {
                // Typed arrays of text are strict: serde reads their items as strings only.
                Ty::String => Rule::StrictText(text(items)),
                other => of(other, items, enums, leniency),
            };
            Rule::Array(items_of(schema), Box::new(inner))
        }
        Ty::Named(reference) if reference.kind == TypeKind::Union => Rule::Union(reference.clone()),
        Ty::Named(reference) if reference.kind == TypeKind::Enum => match enums.get(reference) {
            Some(e) if e.open => Rule::OpenEnum(e.values.clone()),
            Some(e) if e.any_case => Rule::Enum(e.values.clone()),
            Some(e) => Rule::ExactEnum(e.values.clone()),
            None => Rule::Enum(Vec::new()),
        },
        Ty::Named(reference) => Rule::Object(reference.clone()),
        Ty::External(path) => Rule::External(path.clone()),
    }
}

/// The consistency checks of a struct with `fields`, found by name: date-time
/// pairs that must be in order, and a number `total` beside numbers
/// `adults` and `children` that must be their sum.
pub(super) fn consistency(fields: &[Field]) -> Vec<Consistency> {
    let field = |name: &str| fields.iter().find(|f| f.wire == name);
    let mut checks: Vec<Consistency> = ORDERED
        .iter()
        .filter(|(a, b)| {
            [a, b]
                .iter()
                .all(|name| field(name).is_some_and(|f| f.ty == Ty::DateTime))
        })
        .map(|(a, b)| Consistency::Order {
            earlier: (*a).to_owned(),
            later: (*b).to_owned(),
        })
        .collect();
    let parts = ["adults", "children"];
    if ["total", "adults", "children"]
        .iter()
        .all(|name| field(name).is_some_and(|f| f.ty == Ty::Number))
    {
        checks.push(Consistency::Sum {
            total: "total".to_owned(),
            parts: parts.iter().map(|p| (*p).to_owned()).collect(),
        });
    }
    checks
}

/// Whether an array schema says its items are objects (`Array[object]`).
fn items_are_objects(schema: &Value) -> bool {
    schema.get("type").and_then(Value::as_str) == Some("array")
        && schema
            .get("items")
            .and_then(|i| i.get("type"))
            .and_then(Value::as_str)
            == Some("object")
}

/// The check of a format held as text; `None` for one held by a type of its
/// own (`DateTime`, `Decimal`, `Int64`). Every format is decided here.
pub(crate) fn checked_as_text(format: Format) -> Option<TextFormat> {
    match format {
        Format::Currency => Some(TextFormat::Currency),
        Format::Email => Some(TextFormat::Email),
        Format::Url => Some(TextFormat::Url),
        Format::Date => Some(TextFormat::Date),
        Format::Time => Some(TextFormat::Time),
        Format::Uuid => Some(TextFormat::Uuid),
        Format::Ipv4 => Some(TextFormat::Ipv4),
        Format::Ipv6 => Some(TextFormat::Ipv6),
        Format::Hostname => Some(TextFormat::Hostname),
        Format::UriReference => Some(TextFormat::UriReference),
        Format::DateTime | Format::Decimal | Format::Int64 => None,
    }
}

fn text(schema: &Value) -> TextRule {
    let string = |key: &str| schema.get(key).and_then(Value::as_str).map(str::to_owned);
    TextRule {
        format: keywords::format_of(schema).and_then(checked_as_text),
        format_is_warning: schema.get(SEVERITY).and_then(Value::as_str) == Some("warning"),
        min_length: schema.get("minLength").and_then(Value::as_u64),
        max_length: schema.get("maxLength").and_then(Value::as_u64),
        constant: string("const"),
        pattern: string("pattern"),
        rest: match schema.get(REST).and_then(Value::as_str) {
            Some("image") => Some(RestForm::Image),
            Some("page-url") => Some(RestForm::PageUrl),
            _ => None,
        },
    }
}

fn range(schema: &Value) -> Range {
    let bound = |key: &str| schema.get(key).and_then(Value::as_f64);
    Range {
        minimum: bound("minimum"),
        maximum: bound("maximum"),
        exclusive_minimum: bound("exclusiveMinimum"),
        exclusive_maximum: bound("exclusiveMaximum"),
        one_of: match (schema.get("enum"), schema.get("const")) {
            (Some(Value::Array(values)), _) => {
                Some(values.iter().filter_map(Value::as_f64).collect())
            }
            (None, Some(value)) => value.as_f64().map(|value| vec![value]),
            _ => None,
        },
        multiple_of: bound("multipleOf"),
    }
}

fn items_of(schema: &Value) -> Items {
    Items {
        min_items: schema.get("minItems").and_then(Value::as_u64),
        max_items: schema.get("maxItems").and_then(Value::as_u64),
        unique: schema.get("uniqueItems") == Some(&Value::Bool(true)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn rules_come_from_the_schema_and_the_type() {
        let none = HashMap::new();
        assert_eq!(
            of(
                &Ty::String,
                &json!({"format": "uri", "x-severity": "warning", "maxLength": 9}),
                &none,
                Leniency::Wix
            ),
            Rule::Text(TextRule {
                format: Some(TextFormat::Url),
                format_is_warning: true,
                max_length: Some(9),
                ..TextRule::default()
            })
        );
        assert_eq!(
            of(
                &Ty::Vec(Box::new(Ty::String)),
                &json!({"minItems": 1, "items": {"pattern": "^a"}}),
                &none,
                Leniency::Wix
            ),
            Rule::Array(
                Items {
                    min_items: Some(1),
                    ..Items::default()
                },
                Box::new(Rule::StrictText(TextRule {
                    pattern: Some("^a".into()),
                    ..TextRule::default()
                }))
            )
        );
        assert_eq!(
            of(
                &Ty::Json,
                &json!({"type": "array", "items": {"type": "object"}}),
                &none,
                Leniency::Wix
            ),
            Rule::Array(Items::default(), Box::new(Rule::RawObject))
        );
        assert_eq!(
            of(&Ty::Number, &json!({"minimum": 0}), &none, Leniency::Wix),
            Rule::Number(Range {
                minimum: Some(0.0),
                ..Range::default()
            })
        );
    }

    /// The loader lets a keyword the table calls a rule through because it
    /// is enforced; so each must change the rule of the value it is on.
    #[test]
    fn every_keyword_the_table_honours_becomes_a_rule() {
        use crate::keywords::{Treatment, KEYWORDS};
        let list = Ty::Vec(Box::new(Ty::String));
        // Each honoured keyword: the type it applies to, a schema without
        // it, and a value of it.
        let cases = [
            ("format", Ty::String, json!({}), json!("email")),
            ("minimum", Ty::Number, json!({}), json!(1)),
            ("maximum", Ty::Number, json!({}), json!(1)),
            ("exclusiveMinimum", Ty::Number, json!({}), json!(1)),
            ("exclusiveMaximum", Ty::Number, json!({}), json!(1)),
            ("minLength", Ty::String, json!({}), json!(1)),
            ("maxLength", Ty::String, json!({}), json!(1)),
            ("minItems", list.clone(), json!({"items": {}}), json!(1)),
            ("maxItems", list.clone(), json!({"items": {}}), json!(1)),
            ("uniqueItems", list, json!({"items": {}}), json!(true)),
            ("multipleOf", Ty::Number, json!({}), json!(2)),
            ("pattern", Ty::String, json!({}), json!("^a")),
            ("const", Ty::String, json!({}), json!("a")),
            (
                SEVERITY,
                Ty::String,
                json!({"format": "email"}),
                json!("warning"),
            ),
            (REST, Ty::String, json!({}), json!("image")),
        ];
        let mut honoured: Vec<&str> = KEYWORDS
            .iter()
            .filter(|k| k.treatment == Treatment::Rule)
            .map(|k| k.name)
            .collect();
        let mut tested: Vec<&str> = cases.iter().map(|(name, ..)| *name).collect();
        // The rules of an object's properties as a whole.
        for (keyword, value) in [
            ("minProperties", json!(1)),
            ("maxProperties", json!(1)),
            ("dependentRequired", json!({"a": ["b"]})),
            ("propertyNames", json!({"pattern": "^a"})),
        ] {
            let with = json!({ keyword: value });
            assert_ne!(
                properties(&with),
                PropertyRules::default(),
                "`{keyword}` changes no rule"
            );
            tested.push(keyword);
        }
        honoured.sort_unstable();
        tested.sort_unstable();
        assert_eq!(honoured, tested, "a case for each honoured keyword");
        let none = HashMap::new();
        for (keyword, ty, without, value) in cases {
            let mut with = without.clone();
            with[keyword] = value;
            assert_ne!(
                of(&ty, &without, &none, Leniency::Wix),
                of(&ty, &with, &none, Leniency::Wix),
                "`{keyword}` changes no rule"
            );
        }
    }

    #[test]
    fn read_strictly_text_numbers_and_enums_are_only_themselves() {
        let enums = HashMap::from([(
            TypeRef {
                module: "m".into(),
                name: "Channel".into(),
                kind: TypeKind::Enum,
            },
            EnumValues {
                values: vec!["chat".into()],
                open: false,
                any_case: false,
            },
        )]);
        let strict = |ty: &Ty| of(ty, &json!({}), &enums, Leniency::Strict);
        assert_eq!(strict(&Ty::String), Rule::StrictText(TextRule::default()));
        assert_eq!(strict(&Ty::Number), Rule::StrictNumber(Range::default()));
        assert_eq!(strict(&Ty::Integer), Rule::StrictInteger(Range::default()));
        let channel = Ty::Named(enums.keys().next().cloned().unwrap());
        assert_eq!(strict(&channel), Rule::ExactEnum(vec!["chat".into()]));
        assert_eq!(
            of(&Ty::Number, &json!({}), &enums, Leniency::Wix),
            Rule::Number(Range::default())
        );
    }
}
