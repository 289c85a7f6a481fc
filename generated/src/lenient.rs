//! How the generated types read what real clients send.
//!
//! Wix's examples, and the clients written from them, do not always send
//! what the tables document. The generated code reads those payloads anyway
//! and writes them back in the documented form. These functions are what
//! its `#[serde(deserialize_with = ...)]` attributes and enum `Deserialize`
//! impls call; see the crate docs for the table of decisions.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, Visitor};

use crate::{Nullable, Number};

/// Reads a documented `String` that may arrive as a number or a boolean
/// (`"id": 1`), keeping the text of the value (`"1"`).
pub fn string<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    deserializer.deserialize_any(TextVisitor)
}

/// [`string`] for a property that may be left out or `null`, each kept
/// apart ([`Nullable`]); the field's `#[serde(default)]` gives `Absent`.
pub fn optional_string<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Nullable<String>, D::Error> {
    deserializer.deserialize_option(OptionalText)
}

/// Reads a documented integer that may arrive as text holding one (`"2"`),
/// as a number field may: one rule for both. A JSON number with a zero
/// fraction (`2.0`) is the integer too; anything else is an error.
pub fn integer<'de, D: Deserializer<'de>>(deserializer: D) -> Result<i64, D::Error> {
    deserializer.deserialize_any(IntegerVisitor { text: true })
}

/// [`integer`] for a property that may be left out or `null` ([`Nullable`]).
pub fn optional_integer<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Nullable<i64>, D::Error> {
    use serde::Deserialize;
    #[derive(Deserialize)]
    #[serde(transparent)]
    struct Lenient(#[serde(deserialize_with = "integer")] i64);
    Ok(Nullable::<Lenient>::deserialize(deserializer)?.map(|Lenient(n)| n))
}

/// Reads an integer as standard JSON Schema counts one: a whole JSON
/// number (`2.0` too), never text.
pub fn strict_integer<'de, D: Deserializer<'de>>(deserializer: D) -> Result<i64, D::Error> {
    deserializer.deserialize_any(IntegerVisitor { text: false })
}

/// [`strict_integer`] for a property that may be left out or `null` ([`Nullable`]).
pub fn optional_strict_integer<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Nullable<i64>, D::Error> {
    Ok(Nullable::<StrictInteger>::deserialize(deserializer)?.map(|StrictInteger(n)| n))
}

/// Reads a number as standard JSON Schema counts one: a JSON number, kept
/// as written, never text.
pub fn strict_number<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Number, D::Error> {
    const EXPECTING: &str = "a JSON number";
    match crate::number::read(deserializer, EXPECTING)? {
        crate::number::Read::Number(number) => Ok(number),
        crate::number::Read::Str(text) => Err(de::Error::invalid_type(
            de::Unexpected::Str(&text),
            &EXPECTING,
        )),
    }
}

/// [`strict_number`] for a property that may be left out or `null` ([`Nullable`]).
pub fn optional_strict_number<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Nullable<Number>, D::Error> {
    Ok(Nullable::<StrictNumber>::deserialize(deserializer)?.map(|StrictNumber(n)| n))
}

/// Reads an integer; `text` says whether text holding one is read too.
struct IntegerVisitor {
    text: bool,
}

impl Visitor<'_> for IntegerVisitor {
    type Value = i64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self.text {
            true => "a whole number (or text holding one)",
            false => "a whole number",
        })
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<i64, E> {
        Ok(v)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<i64, E> {
        i64::try_from(v).map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<i64, E> {
        // `2.0` is 2; the bounds keep the cast exact.
        if v.fract() == 0.0 && v.abs() < 9_007_199_254_740_992.0 {
            Ok(v as i64)
        } else {
            Err(E::invalid_value(de::Unexpected::Float(v), &self))
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<i64, E> {
        if !self.text {
            return Err(E::invalid_type(de::Unexpected::Str(v), &self));
        }
        v.trim()
            .parse()
            .map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self))
    }
}

/// Writes an amount whose schema says `number` (an activity's price or
/// total): one read is written back as it came (`230.50` as a number,
/// `"230.50"` as text), one built in code as a JSON number.
pub fn amount<S: serde::Serializer>(
    value: &crate::Decimal,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    use serde::Serialize;
    if !value.is_built() {
        return value.serialize(serializer);
    }
    let exact = value.value();
    // An integer exactly; a fraction as the nearest `f64`, whose shortest
    // form is the decimal for amounts of up to 15 significant digits.
    if exact.fract().is_zero() {
        if let Ok(whole) = i64::try_from(exact) {
            return serializer.serialize_i64(whole);
        }
    }
    match exact.to_string().parse::<f64>() {
        Ok(float) if float.is_finite() => serializer.serialize_f64(float),
        _ => value.serialize(serializer),
    }
}

/// [`amount`] for a property that may be left out or `null`.
pub fn optional_amount<S: serde::Serializer>(
    value: &Nullable<crate::Decimal>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Nullable::Value(decimal) => amount(decimal, serializer),
        Nullable::Absent | Nullable::Null => serializer.serialize_none(),
    }
}

struct TextVisitor;

impl Visitor<'_> for TextVisitor {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string (or a number or boolean, kept as its text)")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_owned())
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
        Ok(v)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<String, E> {
        // JSON's shortest form: `1.5`, not `1.5000000000000000`.
        Ok(serde_json::Number::from_f64(v).map_or_else(|| v.to_string(), |n| n.to_string()))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<String, E> {
        Ok(v.to_string())
    }
}

struct OptionalText;

impl<'de> Visitor<'de> for OptionalText {
    type Value = Nullable<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string, a number, a boolean or null")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Nullable::Null)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Nullable::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        string(deserializer).map(Nullable::Value)
    }
}

/// Reads a value of an enum whose publisher may add values: a documented
/// one (exactly as documented), or any other text kept whole by `other`.
/// Only text: a number kept as text would be written back as text.
pub fn open_variant<'de, D, T>(
    deserializer: D,
    values: &[T],
    name: fn(&T) -> &str,
    other: fn(String) -> T,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Clone,
{
    let text = <String as serde::Deserialize>::deserialize(deserializer)?;
    Ok(values
        .iter()
        .find(|value| name(value) == text)
        .cloned()
        .unwrap_or_else(|| other(text)))
}

/// How a generated union reads one of its alternatives from the value's JSON.
pub type Alternative<T> = (&'static str, fn(&crate::Json) -> serde_json::Result<T>);

/// Reads a value of a union (`oneOf`, `anyOf`): kept as its JSON text, then
/// read as the branch its `tag` property names, or else as the first
/// branch that reads it. Each branch is its tag value (`""` without a tag)
/// and its reader.
pub fn alternatives<'de, D, T>(
    deserializer: D,
    name: &str,
    tag: Option<&str>,
    branches: &[Alternative<T>],
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    let json = crate::Json::deserialize(deserializer)?;
    let tagged = tag.and_then(|tag| {
        let value = json.value().ok()?;
        let tag = value.get(tag)?.as_str()?.to_owned();
        branches.iter().find(|(value, _)| *value == tag)
    });
    if let Some((_, read)) = tagged {
        return read(&json).map_err(de::Error::custom);
    }
    let mut errors = Vec::new();
    for (_, read) in branches {
        match read(&json) {
            Ok(value) => return Ok(value),
            Err(error) => errors.push(error.to_string()),
        }
    }
    Err(de::Error::custom(format_args!(
        "a `{name}` matches none of its alternatives: {}",
        errors.join("; ")
    )))
}

/// Reads an enum value, matching the documented spelling first and then any
/// other case (`"CHAT"` for `chat`); anything else is an error naming the
/// documented values.
pub fn variant<'de, D, T>(
    deserializer: D,
    values: &[T],
    name: fn(T) -> &'static str,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Copy,
{
    read_variant(deserializer, values, name, true)
}

/// Reads an enum value spelled exactly as documented, as standard JSON
/// Schema's `enum` reads it; anything else is an error naming the
/// documented values.
pub fn exact_variant<'de, D, T>(
    deserializer: D,
    values: &[T],
    name: fn(T) -> &'static str,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Copy,
{
    read_variant(deserializer, values, name, false)
}

fn read_variant<'de, D: Deserializer<'de>, T: Copy>(
    deserializer: D,
    values: &[T],
    name: fn(T) -> &'static str,
    any_case: bool,
) -> Result<T, D::Error> {
    deserializer.deserialize_str(VariantVisitor {
        values,
        name,
        any_case,
    })
}

struct VariantVisitor<'a, T> {
    values: &'a [T],
    name: fn(T) -> &'static str,
    any_case: bool,
}

impl<T: Copy> VariantVisitor<'_, T> {
    fn expected(&self) -> String {
        let names: Vec<String> = self
            .values
            .iter()
            .map(|v| format!("`{}`", (self.name)(*v)))
            .collect();
        match names.as_slice() {
            [one] => one.clone(),
            [first, second] => format!("{first} or {second}"),
            many => format!("one of {}", many.join(", ")),
        }
    }
}

impl<T: Copy> Visitor<'_> for VariantVisitor<'_, T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.expected())
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<T, E> {
        let name = self.name;
        let exact = self.values.iter().copied().find(|v| name(*v) == text);
        let loose = || {
            self.values
                .iter()
                .copied()
                .find(|v| self.any_case && name(*v).eq_ignore_ascii_case(text))
        };
        exact.or_else(loose).ok_or_else(|| {
            E::custom(format_args!(
                "unknown variant `{text}`, expected {}",
                self.expected()
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    struct Item {
        #[serde(deserialize_with = "string")]
        id: String,
        #[serde(default, deserialize_with = "optional_string")]
        note: Nullable<String>,
    }

    #[derive(Debug, Deserialize)]
    struct Line {
        #[serde(deserialize_with = "integer")]
        quantity: i64,
        #[serde(default, deserialize_with = "optional_integer")]
        limit: Nullable<i64>,
    }

    #[test]
    fn integer_fields_read_text_holding_a_whole_number_as_number_fields_do() {
        let line: Line = serde_json::from_str(r#"{"quantity": "2", "limit": 3.0}"#).unwrap();
        assert_eq!((line.quantity, line.limit), (2, Nullable::Value(3)));
        let line: Line = serde_json::from_str(r#"{"quantity": 2, "limit": null}"#).unwrap();
        assert_eq!((line.quantity, line.limit), (2, Nullable::Null));
        for wrong in [
            r#"{"quantity": "two"}"#,
            r#"{"quantity": 2.5}"#,
            r#"{"quantity": true}"#,
        ] {
            assert!(serde_json::from_str::<Line>(wrong).is_err(), "{wrong}");
        }
    }

    #[test]
    fn text_fields_keep_the_text_of_numbers() {
        let item: Item = serde_json::from_str(r#"{"id": 1, "note": 1.5}"#).unwrap();
        assert_eq!((item.id.as_str(), item.note.as_deref()), ("1", Some("1.5")));
        let item: Item = serde_json::from_str(r#"{"id": "a", "note": null}"#).unwrap();
        assert_eq!((item.id.as_str(), item.note), ("a", Nullable::Null));
        let item: Item = serde_json::from_str(r#"{"id": true}"#).unwrap();
        assert_eq!((item.id.as_str(), item.note), ("true", Nullable::Absent));
        assert!(serde_json::from_str::<Item>(r#"{"id": [1]}"#).is_err());
    }

    #[derive(Clone, Copy, Debug, PartialEq)]
    enum Kind {
        Chat,
        Sms,
    }

    fn name(kind: Kind) -> &'static str {
        match kind {
            Kind::Chat => "chat",
            Kind::Sms => "sms",
        }
    }

    fn read(json: &str) -> Result<Kind, serde_json::Error> {
        variant(
            &mut serde_json::Deserializer::from_str(json),
            &[Kind::Chat, Kind::Sms],
            name,
        )
    }

    #[test]
    fn enum_values_match_in_any_case() {
        assert_eq!(read(r#""chat""#).unwrap(), Kind::Chat);
        assert_eq!(read(r#""CHAT""#).unwrap(), Kind::Chat);
        assert_eq!(read(r#""Sms""#).unwrap(), Kind::Sms);
        assert_eq!(
            read(r#""fax""#).unwrap_err().to_string(),
            "unknown variant `fax`, expected `chat` or `sms` at line 1 column 5"
        );
    }
}

/// Reads an image field the SDK types as text (`wix:image://v1/…`) that
/// Wix's REST form sends as an object `{id, url, width, height, altText,
/// filename}`, converting the object as Wix's SDK does
/// (`transformRESTImageToSDKImage`): `wix:image://v1/<id>/<filename or alt
/// text>#originWidth=<width>&originHeight=<height>`, or the `url` when there
/// is no `id`. The object's `url` (and `altText`, beside a file name) are not
/// kept, as in the SDK.
pub fn optional_image<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Nullable<String>, D::Error> {
    rest_text(deserializer, image_uri)
}

/// Reads a page-URL field the SDK types as text that Wix's REST form sends
/// as an object `{relativePath, url}`, keeping its `url`, as the SDK does
/// (`transformRESTPageURLV2ToSDKPageURLV2`); the `relativePath` is not kept.
pub fn optional_page_url<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Nullable<String>, D::Error> {
    rest_text(deserializer, |object| {
        object
            .get("url")
            .and_then(serde_json::Value::as_str)
            .map(str::to_owned)
    })
}

/// Text as [`optional_string`] reads it, or an object made text by `convert`
/// (an object it makes nothing of reads as absent, as the SDK's `undefined`).
fn rest_text<'de, D: Deserializer<'de>>(
    deserializer: D,
    convert: fn(&serde_json::Map<String, serde_json::Value>) -> Option<String>,
) -> Result<Nullable<String>, D::Error> {
    use serde::Deserialize;
    use serde_json::Value;
    match Option::<Value>::deserialize(deserializer)? {
        None | Some(Value::Null) => Ok(Nullable::Null),
        Some(Value::String(text)) => Ok(Nullable::Value(text)),
        Some(Value::Bool(b)) => Ok(Nullable::Value(b.to_string())),
        Some(Value::Number(n)) => Ok(Nullable::Value(n.to_string())),
        Some(Value::Object(object)) => Ok(convert(&object).into()),
        Some(Value::Array(_)) => Err(de::Error::invalid_type(
            de::Unexpected::Seq,
            &"text, or Wix's REST object for it",
        )),
    }
}

fn image_uri(object: &serde_json::Map<String, serde_json::Value>) -> Option<String> {
    use serde_json::Value;
    // The SDK converts the image before it renames `id` to `_id`; a webhook
    // here is renamed first, so either spelling is the image's ID.
    let renamed;
    let object = match (object.get("id"), object.get("_id")) {
        (None, Some(id)) => {
            let mut copy = object.clone();
            copy.insert("id".to_owned(), id.clone());
            renamed = copy;
            &renamed
        }
        _ => object,
    };
    // JavaScript's template literal: a missing value prints as `undefined`.
    let js = |key: &str| match object.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) => "null".to_owned(),
        Some(other) => other.to_string(),
        None => "undefined".to_owned(),
    };
    let truthy = |key: &str| match object.get(key) {
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Null) | None => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_f64() != Some(0.0),
        Some(_) => true,
    };
    if !truthy("id") {
        return object.get("url").and_then(Value::as_str).map(str::to_owned);
    }
    let name = ["filename", "altText"]
        .into_iter()
        .find(|key| truthy(key))
        .map(|key| format!("/{}", encode_uri_component(&js(key))))
        .unwrap_or_default();
    Some(format!(
        "wix:image://v1/{}{name}#originWidth={}&originHeight={}",
        js("id"),
        js("width"),
        js("height")
    ))
}

/// JavaScript's `encodeURIComponent`: every byte but the unreserved marks, percent-encoded.
fn encode_uri_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'_'
            | b'.'
            | b'!'
            | b'~'
            | b'*'
            | b'\''
            | b'('
            | b')' => out.push(byte as char),
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod rest_tests {
    use super::*;
    use serde_json::json;

    fn image(value: serde_json::Value) -> Option<String> {
        optional_image(value).unwrap().into_value()
    }

    #[test]
    fn rest_images_and_page_urls_become_what_the_sdk_makes_of_them() {
        assert_eq!(
            image(
                json!({"id": "a1b2.png", "url": "https://static.wixstatic.com/a1b2.png", "width": 500, "height": 400, "filename": "my shirt.png"})
            ),
            Some("wix:image://v1/a1b2.png/my%20shirt.png#originWidth=500&originHeight=400".into())
        );
        assert_eq!(
            image(json!({"id": "a1b2", "altText": "A shirt", "width": 5, "height": 4})),
            Some("wix:image://v1/a1b2/A%20shirt#originWidth=5&originHeight=4".into())
        );
        assert_eq!(
            image(json!({"url": "https://x.test/i.png"})),
            Some("https://x.test/i.png".into())
        );
        assert_eq!(
            image(json!({"_id": "a1", "width": 1, "height": 2})),
            Some("wix:image://v1/a1#originWidth=1&originHeight=2".into())
        );
        assert_eq!(
            image(json!("wix:image://v1/abc")),
            Some("wix:image://v1/abc".into())
        );
        assert_eq!(image(json!(null)), None);
        assert!(optional_image(json!([1])).is_err());
        assert_eq!(
            optional_page_url(json!({"relativePath": "/product-page/shirt", "url": "https://shop.test/product-page/shirt"})).unwrap(),
            Nullable::Value("https://shop.test/product-page/shirt".into())
        );
        assert_eq!(encode_uri_component("a b/ü"), "a%20b%2F%C3%BC");
    }
}

/// Where an event's REST form (what a webhook carries) sends another shape
/// than its SDK form, as Wix's SDK lists them for each event: JSON pointers
/// into the SDK form of the body, `*` standing for every item of an array.
/// [`EventName::rest_paths`](crate::backend_events::EventName::rest_paths) gives an
/// event's; [`RestPaths::to_sdk`] makes a body what the SDK makes of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RestPaths {
    /// Images: an object `{id, url, width, height, altText, filename}` for
    /// the SDK's `wix:image://v1/…` text.
    pub images: &'static [&'static str],
    /// Page URLs: an object `{relativePath, url}` for the SDK's URL text.
    pub page_urls: &'static [&'static str],
    /// Addresses, whose REST names `addressLine`, `geocode` and
    /// `formattedAddress` the SDK calls `addressLine1`, `location` and
    /// `formatted`.
    pub addresses: &'static [&'static str],
}

impl RestPaths {
    /// No REST shapes: an event with none, or one this crate does not know.
    pub const NONE: RestPaths = RestPaths {
        images: &[],
        page_urls: &[],
        addresses: &[],
    };

    /// Converts, in `body` (already renamed to the SDK's `_id`s), each value
    /// at these paths that is in its REST shape, as Wix's SDK does
    /// (`transformRESTImageToSDKImage`, `transformRESTPageURLV2ToSDKPageURLV2`,
    /// `transformRESTAddressToSDKAddress`). A value already in the SDK's
    /// shape, `null`, or missing is left as it is. Of an image object only
    /// what the SDK's text holds is kept (its ID, file name or alt text, and
    /// size), of a page URL only its `url`; an address keeps every field,
    /// renamed.
    pub fn to_sdk(&self, body: &mut serde_json::Value) {
        use serde_json::Value;
        for pointer in self.images {
            at_each(body, pointer, &mut |value| {
                if let Value::Object(object) = value {
                    *value = image_uri(object).map_or(Value::Null, Value::String);
                }
            });
        }
        for pointer in self.page_urls {
            at_each(body, pointer, &mut |value| {
                if let Value::Object(object) = value {
                    *value = object.get("url").cloned().unwrap_or(Value::Null);
                }
            });
        }
        for pointer in self.addresses {
            at_each(body, pointer, &mut |value| {
                if let Value::Object(address) = value {
                    for (rest, sdk) in [
                        ("addressLine", "addressLine1"),
                        ("geocode", "location"),
                        ("formattedAddress", "formatted"),
                    ] {
                        if !address.contains_key(sdk) {
                            if let Some(field) = address.remove(rest) {
                                address.insert(sdk.to_owned(), field);
                            }
                        }
                    }
                }
            });
        }
    }
}

/// Calls `f` on each value `pointer` reaches in `value`, `*` reaching every
/// item of an array.
fn at_each(
    value: &mut serde_json::Value,
    pointer: &str,
    f: &mut dyn FnMut(&mut serde_json::Value),
) {
    use serde_json::Value;
    let Some(rest) = pointer.strip_prefix('/') else {
        f(value);
        return;
    };
    // `rest` keeps its leading `/`, so that it is a pointer again.
    let (token, rest) = rest.find('/').map_or((rest, ""), |i| rest.split_at(i));
    match (value, token) {
        (Value::Array(items), "*") => {
            for item in items {
                at_each(item, rest, f);
            }
        }
        (Value::Object(map), token) => {
            if let Some(child) = map.get_mut(&*crate::validate::unescape(token)) {
                at_each(child, rest, f);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod rest_path_tests {
    use serde_json::json;

    use super::RestPaths;

    #[test]
    fn rest_shapes_at_the_listed_paths_become_the_sdk_shapes() {
        let paths = RestPaths {
            images: &["/entity/lineItems/*/image"],
            page_urls: &["/entity/lineItems/*/url"],
            addresses: &["/entity/address"],
        };
        let mut body = json!({"entity": {
            "lineItems": [
                {"image": {"_id": "a1", "width": 4, "height": 3, "filename": "a b.png"}, "url": {"relativePath": "/p", "url": "https://x.test/p"}},
                {"image": "wix:image://v1/b2", "url": null}
            ],
            "address": {"addressLine": "1 Main St", "geocode": {"latitude": 1.5}, "city": "Springfield"}
        }});
        paths.to_sdk(&mut body);
        assert_eq!(
            body,
            json!({"entity": {
                "lineItems": [
                    {"image": "wix:image://v1/a1/a%20b.png#originWidth=4&originHeight=3", "url": "https://x.test/p"},
                    {"image": "wix:image://v1/b2", "url": null}
                ],
                "address": {"addressLine1": "1 Main St", "location": {"latitude": 1.5}, "city": "Springfield"}
            }})
        );
    }
}

/// A property name as a generated `Deserialize` reads it: borrowed from the
/// input when it can be, so that a documented name is never copied (serde's
/// own `Cow<str>` always copies).
pub struct Key<'de>(std::borrow::Cow<'de, str>);

impl<'de> Key<'de> {
    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The name, owned: for a property kept in `extra`.
    pub fn into_owned(self) -> String {
        self.0.into_owned()
    }

    /// The name, borrowed from the input when it was.
    pub(crate) fn into_cow(self) -> std::borrow::Cow<'de, str> {
        self.0
    }
}

impl std::ops::Deref for Key<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Key<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for Key<'_> {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl<'de> serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;

        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a property name")
            }

            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Borrowed(v)))
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Owned(v.to_owned())))
            }

            fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Owned(v)))
            }
        }

        deserializer.deserialize_str(KeyVisitor)
    }
}

/// The readers above as types, for a generated `Deserialize`, which reads
/// a field with `next_value::<Reader>()`.
macro_rules! readers {
    ($($(#[$doc:meta])* $name:ident($ty:ty) = $reader:ident;)*) => {$(
        $(#[$doc])*
        pub struct $name(pub $ty);

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $reader(deserializer).map($name)
            }
        }

        impl Reader<$ty> for $name {
            fn into_value(self) -> $ty {
                self.0
            }
        }
    )*};
}

readers! {
    /// [`optional_string`] as a type.
    OptionalString(Nullable<String>) = optional_string;
    /// [`optional_image`] as a type.
    OptionalImage(Nullable<String>) = optional_image;
    /// [`optional_page_url`] as a type.
    OptionalPageUrl(Nullable<String>) = optional_page_url;
    /// [`integer`] as a type.
    Integer(i64) = integer;
    /// [`optional_integer`] as a type.
    OptionalInteger(Nullable<i64>) = optional_integer;
    /// [`strict_integer`] as a type.
    StrictInteger(i64) = strict_integer;
    /// [`optional_strict_integer`] as a type.
    OptionalStrictInteger(Nullable<i64>) = optional_strict_integer;
    /// [`strict_number`] as a type.
    StrictNumber(Number) = strict_number;
    /// [`optional_strict_number`] as a type.
    OptionalStrictNumber(Nullable<Number>) = optional_strict_number;
}

/// One property being read by a generated `Deserialize`: empty until read;
/// read twice is an error, so that the first is not silently dropped.
pub struct Slot<T> {
    wire: &'static str,
    value: Option<T>,
}

impl<T> Slot<T> {
    /// The slot of property `wire`.
    pub const fn new(wire: &'static str) -> Self {
        Slot { wire, value: None }
    }

    /// Reads the property's value.
    pub fn read<'de, A: de::MapAccess<'de>>(&mut self, map: &mut A) -> Result<(), A::Error>
    where
        T: serde::Deserialize<'de>,
    {
        let value = map.next_value()?;
        self.put(value)
    }

    /// Reads the property's value with reader `R` ([`OptionalString`], ...).
    pub fn read_as<'de, R, A>(&mut self, map: &mut A) -> Result<(), A::Error>
    where
        R: Reader<T> + serde::Deserialize<'de>,
        A: de::MapAccess<'de>,
    {
        let value = map.next_value::<R>()?.into_value();
        self.put(value)
    }

    fn put<E: de::Error>(&mut self, value: T) -> Result<(), E> {
        if self.value.is_some() {
            return Err(E::duplicate_field(self.wire));
        }
        self.value = Some(value);
        Ok(())
    }

    /// The value of a required property; an error if it was not sent.
    pub fn required<E: de::Error>(self) -> Result<T, E> {
        self.value.ok_or_else(|| E::missing_field(self.wire))
    }
}

impl<T> Slot<Nullable<T>> {
    /// The value read, or `Absent`.
    pub fn or_absent(self) -> Nullable<T> {
        self.value.unwrap_or(Nullable::Absent)
    }
}

/// A reader of one field's value: the value it holds.
pub trait Reader<T> {
    /// The value read.
    fn into_value(self) -> T;
}

/// A generated type read from an object in one pass ([`object`]).
pub trait FromMap: Sized {
    /// The type's name, for the error of a value that is not an object.
    const NAME: &'static str;

    /// Reads the object's properties.
    fn from_map<'de, A: de::MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

/// Reads a [`FromMap`] type: the body of each generated `Deserialize`.
pub fn object<'de, D: Deserializer<'de>, T: FromMap>(deserializer: D) -> Result<T, D::Error> {
    struct Object<T>(std::marker::PhantomData<T>);

    impl<'de, T: FromMap> Visitor<'de> for Object<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "an object ({})", T::NAME)
        }

        fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
            T::from_map(map)
        }
    }

    deserializer.deserialize_map(Object(std::marker::PhantomData))
}
