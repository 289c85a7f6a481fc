//! The loader's structural checks: what makes a document unusable as a schema.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::path::Path;

use serde_json::{Map, Value};

use super::Dialect;
use crate::error::{Error, Result};
use crate::keywords::{self, Treatment, REST};
use crate::pointer;

/// Types a schema may name. `datetime` is Wix's; the case of a name is the
/// normalize stage's business (quirk A9 writes `Datetime`).
const KNOWN_TYPES: &[&str] = &[
    "string", "number", "integer", "boolean", "object", "array", "null", "datetime",
];

/// Which dialect the document is written in.
pub(super) fn dialect(document: &Value) -> Dialect {
    let declared = document
        .get("$schema")
        .and_then(Value::as_str)
        .unwrap_or_default();
    if declared.contains("draft-03") || uses_wix_keywords(document) {
        Dialect::Wix
    } else {
        Dialect::Standard
    }
}

fn uses_wix_keywords(node: &Value) -> bool {
    match node {
        Value::Object(map) => {
            let wix_required =
                matches!(map.get("required"), Some(Value::Bool(_) | Value::String(_)));
            let wix_type = map
                .get("type")
                .and_then(Value::as_str)
                .is_some_and(|t| t.eq_ignore_ascii_case("datetime"));
            wix_required || wix_type || map.values().any(uses_wix_keywords)
        }
        Value::Array(items) => items.iter().any(uses_wix_keywords),
        _ => false,
    }
}

/// Checks that `document` is a schema the later stages can work on.
pub(super) fn document(file: &Path, document: &Value, ignored: &BTreeSet<String>) -> Result<()> {
    if !document.is_object() {
        return Err(Error::schema(
            file,
            "",
            format!(
                "a schema file must hold an object, found {}",
                kind(document)
            ),
        ));
    }
    let checker = Checker {
        file,
        document,
        ignored,
        errors: RefCell::new(Vec::new()),
    };
    checker.schema(document, "");
    Error::check(checker.errors.into_inner())
}

/// The most properties one object may list: rustc's stack overflows on a
/// struct of 10,000 fields, and no real payload comes near this.
pub const MAX_PROPERTIES: usize = 2_000;

/// The key that makes a schema file a Wix backend event.
pub const HANDLER: &str = "x-wix-handler";

/// The handler an event file names, checked against the file's name:
/// `cart-created.json` must name `<app>_onCartCreated`.
pub(super) fn handler(file: &Path, relative: &str, document: &Value) -> Result<Option<String>> {
    let Some(value) = document.get(HANDLER) else {
        return Ok(None);
    };
    let pointer = format!("/{HANDLER}");
    let stem = relative.rsplit('/').next().unwrap_or(relative);
    let expected = crate::naming::pascal(stem.trim_end_matches(".json"));
    let hint = format!("a handler is named `<app>_on<Event>`, here `<app>_on{expected}`, such as `wixEcom_on{expected}`");
    let Some(handler) = value.as_str() else {
        return Err(Error::schema(
            file,
            &pointer,
            format!("`{HANDLER}` must be a string, found {}", kind(value)),
        )
        .with_hint(hint));
    };
    let well_formed = handler.split_once("_on").filter(|(app, event)| {
        app.starts_with(|c: char| c.is_ascii_lowercase())
            && app.chars().all(|c| c.is_ascii_alphanumeric())
            && event.starts_with(|c: char| c.is_ascii_uppercase())
            && event.chars().all(|c| c.is_ascii_alphanumeric())
    });
    match well_formed {
        Some((_, event)) if event == expected => Ok(Some(handler.to_owned())),
        Some((_, event)) => Err(Error::schema(
            file,
            &pointer,
            format!("handler `{handler}` names the event `{event}`, but the file is named for `{expected}`"),
        )
        .with_hint("name the file after the event, in kebab-case")),
        None => Err(Error::schema(file, &pointer, format!("`{handler}` is not a handler name")).with_hint(hint)),
    }
}

/// The keyword an event file names its Wix event type with (`wix.ecom.v1.cart_created`).
pub const EVENT_TYPE: &str = "x-wix-event-type";

/// The Wix event type an event file names, if any: dot-separated lower-case
/// words (`wix.ecom.v1.cart_created`), and only beside a handler.
pub(super) fn event_type(file: &Path, document: &Value) -> Result<Option<String>> {
    let Some(value) = document.get(EVENT_TYPE) else {
        return Ok(None);
    };
    let pointer = format!("/{EVENT_TYPE}");
    let hint =
        "an event type is what Wix's SDK tags `@eventType`, such as `wix.ecom.v1.cart_created`";
    if document.get(HANDLER).is_none() {
        return Err(Error::schema(
            file,
            &pointer,
            format!("`{EVENT_TYPE}` without `{HANDLER}`"),
        )
        .with_hint("an event file names its handler and its event type"));
    }
    let Some(event_type) = value.as_str() else {
        return Err(Error::schema(
            file,
            &pointer,
            format!("`{EVENT_TYPE}` must be a string, found {}", kind(value)),
        )
        .with_hint(hint));
    };
    let well_formed = event_type.split('.').count() >= 3
        && event_type.split('.').all(|word| {
            !word.is_empty()
                && word
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        });
    if !well_formed {
        return Err(Error::schema(
            file,
            &pointer,
            format!("`{event_type}` is not a Wix event type"),
        )
        .with_hint(hint));
    }
    Ok(Some(event_type.to_owned()))
}

/// The keyword an event file lists, by kind, the places its REST form
/// (webhooks) sends another shape than its SDK form with:
/// `{"image": ["/entity/lineItems/*/image"], "page-url": [...], "address": [...]}`.
pub const REST_PATHS: &str = "x-wix-rest-paths";

/// The kinds [`REST_PATHS`] lists.
const REST_PATH_KINDS: &[&str] = &["image", "page-url", "address"];

/// The REST paths an event file lists, checked: each an array of JSON
/// pointers into the SDK form of the event's body, `*` standing for every
/// item of an array; and only beside a handler.
pub(super) fn rest_paths(file: &Path, document: &Value) -> Result<super::RestPaths> {
    let mut paths = super::RestPaths::default();
    let Some(value) = document.get(REST_PATHS) else {
        return Ok(paths);
    };
    let at = format!("/{REST_PATHS}");
    let hint = "it lists, by kind (`image`, `page-url`, `address`), the JSON pointers where Wix's REST form sends another shape than its SDK";
    if document.get(HANDLER).is_none() {
        return Err(
            Error::schema(file, &at, format!("`{REST_PATHS}` without `{HANDLER}`")).with_hint(hint),
        );
    }
    let Some(kinds) = value.as_object() else {
        return Err(Error::schema(
            file,
            &at,
            format!("`{REST_PATHS}` must be an object, found {}", kind(value)),
        )
        .with_hint(hint));
    };
    for (name, list) in kinds {
        let at = format!("{at}/{}", crate::pointer::escape(name));
        let target = match name.as_str() {
            "image" => &mut paths.images,
            "page-url" => &mut paths.page_urls,
            "address" => &mut paths.addresses,
            _ => {
                return Err(Error::schema(
                    file,
                    &at,
                    format!(
                        "`{name}` is not a kind of REST path (one of {})",
                        REST_PATH_KINDS.join(", ")
                    ),
                )
                .with_hint(hint))
            }
        };
        let Some(items) = list.as_array() else {
            return Err(Error::schema(
                file,
                &at,
                format!("must be an array of JSON pointers, found {}", kind(list)),
            )
            .with_hint(hint));
        };
        for (index, item) in items.iter().enumerate() {
            match item.as_str() {
                Some(pointer) if pointer.starts_with('/') => target.push(pointer.to_owned()),
                _ => {
                    return Err(Error::schema(
                        file,
                        format!("{at}/{index}"),
                        format!(
                            "must be a JSON pointer (`/entity/image`), found {}",
                            kind(item)
                        ),
                    )
                    .with_hint(hint))
                }
            }
        }
    }
    Ok(paths)
}

/// Marks a string enum whose publisher may add values (`true`).
pub const OPEN_ENUM: &str = "x-wix-open-enum";

/// The values of [`REST`].
pub const REST_FORMS: &[&str] = &["image", "page-url"];

/// Other wire names a property is read by (`["_id"]` for `id`).
pub const ALIASES: &str = "x-aliases";

/// The properties of an object that its sender is documented to always
/// send, without `required` making a payload that lacks one unreadable:
/// a missing one is a validation warning.
pub const EXPECTED: &str = "x-wix-expected";

struct Checker<'a> {
    file: &'a Path,
    document: &'a Value,
    /// Keywords the user chose to have taken out rather than refused.
    ignored: &'a BTreeSet<String>,
    /// Every problem found so far: one run reports them all.
    errors: RefCell<Vec<Error>>,
}

impl Checker<'_> {
    fn report(&self, error: Error) {
        self.errors.borrow_mut().push(error);
    }

    fn note(&self, result: Result<()>) {
        if let Err(error) = result {
            self.report(error);
        }
    }

    fn schema(&self, node: &Value, pointer: &str) {
        let map = match node {
            Value::Object(map) => map,
            // `true` and `false` are schemas in draft-06 and later.
            Value::Bool(_) => return,
            other => {
                return self.report(self.error(
                    pointer,
                    format!("expected a schema object, found {}", kind(other)),
                ))
            }
        };
        if let Some(kind) = map.get("type") {
            self.note(self.types(kind, &format!("{pointer}/type")));
        }
        if let Some(reference) = map.get("$ref") {
            self.note(self.reference(reference, &format!("{pointer}/$ref")));
        }
        if let Some(required) = map.get("required") {
            self.note(self.required(required, &format!("{pointer}/required")));
            self.required_listed(map, required, &format!("{pointer}/required"));
        }
        self.annotations(map, pointer);
        self.keyword_kinds(map, pointer);
        self.supported(map, pointer);
        self.children(map, pointer);
    }

    /// Standard keywords whose value has the wrong kind, which the later
    /// stages could only misread.
    fn keyword_kinds(&self, map: &Map<String, Value>, pointer: &str) {
        for (keyword, value) in map {
            let Some((expected, fits)) = keywords::keyword_named(keyword).and_then(|k| k.value)
            else {
                continue;
            };
            if !fits(value) {
                self.report(self.error(
                    &format!("{pointer}/{}", pointer::escape(keyword)),
                    format!("`{keyword}` must be {expected}, found {}", kind(value)),
                ));
            }
        }
    }

    /// Keywords the generator cannot honour yet: an error, where silently
    /// ignoring one would let through what the schema forbids.
    fn supported(&self, map: &Map<String, Value>, pointer: &str) {
        for (keyword, value) in map {
            if self.ignored.contains(keyword) {
                continue;
            }
            let unsupported = keywords::keyword_named(keyword)
                .is_some_and(|k| k.treatment == Treatment::Unsupported);
            let what = match (keyword.as_str(), value) {
                (keyword, _) if unsupported => format!("`{keyword}`"),
                ("items", Value::Array(_)) => "`items` as an array of schemas (a tuple)".to_owned(),
                ("const", value) if !fits_values(value, map) => {
                    format!("a `const` of {}", kind(value))
                }
                ("propertyNames", names) if !is_names_schema(names) => {
                    "`propertyNames` with other rules than a text's (`pattern`, `minLength`, `maxLength`, `format`, `const`)".to_owned()
                }
                ("format", Value::String(format)) if keywords::format_named(format).is_none() => {
                    format!("`format` `{format}`")
                }
                ("additionalProperties", Value::Object(values)) if constrains(values) => {
                    "`additionalProperties` with a schema (a map whose values are checked)"
                        .to_owned()
                }
                (
                    "minimum" | "maximum" | "exclusiveMinimum" | "exclusiveMaximum",
                    Value::Number(bound),
                ) if is_integer(map)
                    && bound.as_i64().is_none()
                    && bound.as_f64().is_some_and(|b| b.abs() >= 9.2e18) =>
                {
                    format!("an integer `{keyword}` beyond a 64-bit signed integer (`{bound}`)")
                }
                _ => continue,
            };
            {
                self.report(
                    self.error(
                        &format!("{pointer}/{}", pointer::escape(keyword)),
                        format!("{what} is not supported: the generated types and validators could not enforce it"),
                    )
                    .with_hint(if keyword == "format" {
                        let formats: Vec<&str> = keywords::FORMATS.iter().map(|(name, _)| *name).collect();
                        format!("the formats enforced are {}; remove it, or describe the text with `pattern`", formats.join(", "))
                    } else if keyword == "additionalProperties" {
                        "list the properties, or write `true` to keep the others as JSON, unchecked".to_owned()
                    } else if !unsupported && keyword.contains("imum") {
                        "an integer is an `i64`: keep its bounds within ±9223372036854775807, or make it a `number`".to_owned()
                    } else {
                        "remove it, or describe the constraint with the keywords the generator reads (`type`, `properties`, `required`, `items`, `enum`, `pattern`, `minimum`, `maxLength`, …)".to_owned()
                    }),
                );
            }
        }
    }

    /// The generator's own keywords and `pattern`, `enum`: each well-formed.
    fn annotations(&self, map: &Map<String, Value>, pointer: &str) {
        if let Some(path) = map.get("x-rust-type") {
            let valid = path
                .as_str()
                .is_some_and(|p| syn::parse_str::<syn::Path>(p).is_ok());
            if !valid {
                self.report(self.error(
                    &format!("{pointer}/x-rust-type"),
                    format!(
                        "`x-rust-type` must be a Rust path such as `my_crate::MyType`, found {}",
                        kind(path)
                    ),
                ));
            }
        }
        if let Some(form) = map.get(REST) {
            if !form.as_str().is_some_and(|f| REST_FORMS.contains(&f)) {
                self.report(self
                    .error(
                        &format!("{pointer}/{REST}"),
                        format!("`{REST}` must be `image` or `page-url`, found {}", kind(form)),
                    )
                    .with_hint("it names the object Wix's REST form sends for a value its SDK types as text"));
            }
        }
        if let Some(open) = map.get(OPEN_ENUM) {
            if !open.is_boolean() || !map.get("enum").is_some_and(Value::is_array) {
                self.report(
                    self.error(
                        &format!("{pointer}/{OPEN_ENUM}"),
                        format!(
                            "`{OPEN_ENUM}` must be `true` or `false`, beside an `enum`, found {}",
                            kind(open)
                        ),
                    )
                    .with_hint("it says the publisher may add values to the `enum`"),
                );
            }
        }
        for keyword in [ALIASES, EXPECTED] {
            if let Some(names) = map.get(keyword) {
                self.note(self.names(keyword, names, &format!("{pointer}/{keyword}")));
            }
        }
        if let Some(expected) = map.get(EXPECTED).and_then(Value::as_array) {
            let properties = map.get("properties").and_then(Value::as_object);
            for (index, name) in expected.iter().filter_map(Value::as_str).enumerate() {
                if !properties.is_some_and(|p| p.contains_key(name)) {
                    self.report(
                        self.error(
                            &format!("{pointer}/{EXPECTED}/{index}"),
                            format!("`{EXPECTED}` names `{name}`, which is not a property here"),
                        )
                        .with_hint("list the properties a sender is documented to always send"),
                    );
                }
            }
        }
        if let Some(pattern) = map.get("pattern") {
            // Validation compiles it at run time; a pattern that cannot compile is found here.
            let compiles = pattern
                .as_str()
                .is_some_and(|p| regress::Regex::new(p).is_ok());
            if !compiles {
                self.report(self.error(
                    &format!("{pointer}/pattern"),
                    format!(
                        "`pattern` must be an ECMA-262 regular expression, found {}",
                        kind(pattern)
                    ),
                ));
            }
        }
        match map.get("enum") {
            Some(Value::Array(values)) => {
                if let Some(index) = values.iter().position(|v| !fits_values(v, map)) {
                    self.report(
                        self.error(
                            &format!("{pointer}/enum/{index}"),
                            format!(
                                "an `enum` of other values than {} is not supported: found {}",
                                if is_number(map) { "numbers" } else { "text" },
                                kind(&values[index])
                            ),
                        )
                        .with_hint("list text values, or numbers for a `number` or `integer`"),
                    );
                }
            }
            Some(values) => self.report(self.error(
                &format!("{pointer}/enum"),
                format!("`enum` must be an array, found {}", kind(values)),
            )),
            None => {}
        }
    }

    /// The subschemas, each checked in turn.
    fn children(&self, map: &Map<String, Value>, pointer: &str) {
        for keyword in ["properties", "definitions", "$defs", "patternProperties"] {
            let Some(children) = map.get(keyword) else {
                continue;
            };
            let child_pointer = format!("{pointer}/{}", pointer::escape(keyword));
            let Value::Object(children) = children else {
                self.report(self.error(
                    &child_pointer,
                    format!("`{keyword}` must be an object, found {}", kind(children)),
                ));
                continue;
            };
            if keyword == "properties" && children.len() > MAX_PROPERTIES {
                self.report(self.error(
                    &child_pointer,
                    format!("{} properties in one object; at most {MAX_PROPERTIES} are supported", children.len()),
                ).with_hint("so many fields make a struct the Rust compiler cannot build; describe the object as a map (`additionalProperties`) instead"));
                continue;
            }
            for (name, child) in children {
                let pointer = format!("{child_pointer}/{}", pointer::escape(name));
                if !child.is_object() && !child.is_boolean() {
                    self.report(self.error(&pointer, format!("property `{name}` is not an object but {}", kind(child)))
                        .with_hint("each property maps its name to a schema object such as `{\"type\": \"string\"}`"));
                    continue;
                }
                self.schema(child, &pointer);
            }
        }
        for keyword in ["items", "additionalProperties", "not", "contains"] {
            match map.get(keyword) {
                Some(Value::Array(items)) if keyword == "items" => {
                    for (index, item) in items.iter().enumerate() {
                        self.schema(item, &format!("{pointer}/items/{index}"));
                    }
                }
                Some(child) => self.schema(child, &format!("{pointer}/{keyword}")),
                None => {}
            }
        }
        for keyword in ["allOf", "anyOf", "oneOf", "prefixItems"] {
            let Some(children) = map.get(keyword) else {
                continue;
            };
            let Value::Array(children) = children else {
                self.report(self.error(
                    &format!("{pointer}/{keyword}"),
                    format!("`{keyword}` must be an array, found {}", kind(children)),
                ));
                continue;
            };
            for (index, child) in children.iter().enumerate() {
                self.schema(child, &format!("{pointer}/{keyword}/{index}"));
            }
        }
    }

    fn types(&self, value: &Value, pointer: &str) -> Result<()> {
        let names: Vec<&Value> = match value {
            Value::Array(names) => names.iter().collect(),
            single => vec![single],
        };
        for name in names {
            let Some(name) = name.as_str() else {
                return Err(self.error(
                    pointer,
                    format!(
                        "`type` must be a string or an array of strings, found {}",
                        kind(name)
                    ),
                ));
            };
            if !KNOWN_TYPES
                .iter()
                .any(|known| known.eq_ignore_ascii_case(name))
            {
                return Err(self
                    .error(pointer, format!("unknown type `{name}`"))
                    .with_hint(format!("expected one of {}", KNOWN_TYPES.join(", "))));
            }
        }
        Ok(())
    }

    fn reference(&self, value: &Value, pointer: &str) -> Result<()> {
        let Some(target) = value.as_str() else {
            return Err(self.error(
                pointer,
                format!("`$ref` must be a string, found {}", kind(value)),
            ));
        };
        let Some(fragment) = target.strip_prefix('#') else {
            // Another file of the folder: checked once every file is read.
            if super::refs::split(target).is_none() {
                return Err(self.error(pointer, format!("`$ref` `{target}` points outside the schema folder"))
                    .with_hint("refer to this file's definitions (`#/$defs/...`) or to another schema file by its relative path (`money.json`, `../metadata.json#/$defs/Id`)"));
            }
            return Ok(());
        };
        if self.document.pointer(fragment).is_none() {
            return Err(self.error(pointer, format!("`$ref` `{target}` points nowhere")));
        }
        Ok(())
    }

    /// A keyword whose value is a list of names.
    fn names(&self, keyword: &str, value: &Value, pointer: &str) -> Result<()> {
        let names = value
            .as_array()
            .filter(|names| names.iter().all(Value::is_string));
        if names.is_none() {
            return Err(self.error(
                pointer,
                format!(
                    "`{keyword}` must be an array of strings, found {}",
                    kind(value)
                ),
            ));
        }
        Ok(())
    }

    fn required(&self, value: &Value, pointer: &str) -> Result<()> {
        match value {
            Value::Bool(_) => Ok(()),
            Value::String(text) if text == "true" || text == "false" => Ok(()),
            Value::Array(names) if names.iter().all(Value::is_string) => Ok(()),
            other => Err(self.error(pointer, format!("`required` must be a boolean, `\"true\"`/`\"false\"` or an array of property names, found {}", kind(other)))),
        }
    }

    /// Each name of a `required` array is a property of the object: a
    /// struct has no field for a name it does not list.
    fn required_listed(&self, map: &Map<String, Value>, required: &Value, pointer: &str) {
        let (Some(names), Some(properties)) = (
            required.as_array(),
            map.get("properties").and_then(Value::as_object),
        ) else {
            return;
        };
        for (index, name) in names.iter().enumerate() {
            if let Some(name) = name.as_str().filter(|n| !properties.contains_key(*n)) {
                self.report(
                    self.error(
                        &format!("{pointer}/{index}"),
                        format!("`required` names `{name}`, which is not among the `properties`"),
                    )
                    .with_hint(format!(
                        "describe it under `properties` (`\"{name}\": {{}}` for any JSON value)"
                    )),
                );
            }
        }
    }

    fn error(&self, pointer: &str, message: String) -> Error {
        Error::schema(self.file, pointer, message)
    }
}

/// Takes the `ignored` keywords out of a schema, wherever they are keywords:
/// not the names in `properties` and the like, nor inside values.
pub(super) fn strip(schema: &mut Value, ignored: &BTreeSet<String>) {
    if ignored.is_empty() {
        return;
    }
    match schema {
        Value::Object(map) => {
            map.retain(|keyword, _| !ignored.contains(keyword));
            for (keyword, child) in map.iter_mut() {
                match keyword.as_str() {
                    "properties" | "$defs" | "definitions" | "patternProperties"
                    | "dependentSchemas" => {
                        if let Value::Object(named) = child {
                            named.values_mut().for_each(|s| strip(s, ignored));
                        }
                    }
                    "enum" | "const" | "default" | "examples" | "required" => {}
                    _ => strip(child, ignored),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|s| strip(s, ignored)),
        _ => {}
    }
}

/// Whether a schema asserts anything (more than `{}` and annotations do).
fn constrains(schema: &Map<String, Value>) -> bool {
    schema.keys().any(|keyword| {
        keywords::keyword_named(keyword).is_none_or(|k| k.treatment != Treatment::Annotation)
    })
}

/// Whether `value` may stand in the schema's `enum` or `const`: numbers
/// for a `number` or `integer`, text for anything else (what the rules enforce).
fn fits_values(value: &Value, map: &Map<String, Value>) -> bool {
    if is_number(map) {
        value.is_number()
    } else {
        value.is_string()
    }
}

/// Whether a schema is of type `number` or `integer` (alone).
fn is_number(map: &Map<String, Value>) -> bool {
    matches!(
        map.get("type").and_then(Value::as_str),
        Some("number" | "integer")
    )
}

/// Whether a schema is of type `integer` (alone, or with `null`).
fn is_integer(map: &Map<String, Value>) -> bool {
    match map.get("type") {
        Some(Value::String(name)) => name == "integer",
        Some(Value::Array(names)) => names.iter().any(|n| n == "integer"),
        _ => false,
    }
}

/// How a value is named in messages.
pub(crate) fn kind(value: &Value) -> String {
    match value {
        Value::Null => "`null`".into(),
        Value::Bool(b) => format!("the boolean `{b}`"),
        Value::Number(n) => format!("the number `{n}`"),
        Value::String(s) => format!("the string `{s}`"),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

/// Whether a `propertyNames` schema says only what a text rule can check
/// of a name: its pattern (one that compiles), length, format and constant.
fn is_names_schema(schema: &Value) -> bool {
    let Value::Object(map) = schema else {
        return schema == &Value::Bool(true);
    };
    map.iter().all(|(key, value)| match key.as_str() {
        "type" => value == "string",
        "pattern" => value
            .as_str()
            .is_some_and(|p| regress::Regex::new(p).is_ok()),
        "minLength" | "maxLength" => value.is_u64(),
        "format" => value.as_str().and_then(keywords::format_named).is_some(),
        "const" => value.is_string(),
        "title" | "description" | "$comment" => true,
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn check(value: Value) -> String {
        document(Path::new("s.json"), &value, &BTreeSet::new())
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn every_problem_names_the_file_and_pointer() {
        assert_eq!(
            check(json!([])),
            "s.json#: a schema file must hold an object, found an array"
        );
        assert!(
            check(json!({"properties": {"a": {"type": "strnig"}}})).starts_with(
                "s.json#/properties/a/type: unknown type `strnig` (hint: expected one of"
            )
        );
        assert!(check(json!({"properties": {"a": "string"}})).starts_with(
            "s.json#/properties/a: property `a` is not an object but the string `string`"
        ));
        assert_eq!(
            check(json!({"properties": {"a": {"$ref": "#/definitions/B"}}})),
            "s.json#/properties/a/$ref: `$ref` `#/definitions/B` points nowhere"
        );
        assert!(
            check(json!({"items": {"$ref": "https://example.com/other.json"}}))
                .contains("points outside the schema folder")
        );
        assert!(check(json!({"properties": []})).contains("`properties` must be an object"));
        assert!(check(json!({"properties": {"a": {"required": 1}}})).contains("`required` must be"));
    }

    #[test]
    fn accepts_both_dialects() {
        let wix = json!({"properties": {"a": {"type": "Datetime", "required": "true"}}});
        document(Path::new("s.json"), &wix, &BTreeSet::new()).unwrap();
        assert_eq!(dialect(&wix), Dialect::Wix);
        let standard = json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "required": ["a"],
            "properties": {"a": {"$ref": "#/$defs/A"}},
            "$defs": {"A": {"type": "string", "format": "date-time"}}
        });
        document(Path::new("s.json"), &standard, &BTreeSet::new()).unwrap();
        assert_eq!(dialect(&standard), Dialect::Standard);
    }
}
