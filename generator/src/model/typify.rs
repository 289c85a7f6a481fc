//! typify resolves the hoisted schemas; the model checks it and decides the
//! wire types.
//!
//! typify 0.8 sorts fields by name, gives `number` as `f64` (so `2` comes
//! back as `2.0`) and date-times as `DateTime<Utc>` (so `+02:00` comes back
//! as `Z`). So the model takes from typify the shape of each field (optional,
//! list, which named type, which scalar), checks it against the schema, and
//! then chooses: fields in the published order, [`Ty::Number`] for numbers,
//! [`Ty::DateTime`] for date-times.

use std::collections::{BTreeMap, HashMap};

use serde_json::{Map, Value};
use typify::{TypeDetails, TypeSpace, TypeSpaceSettings};

use super::rules::{self, EnumValues};
use super::shapes::{is_enum, is_struct, type_names, Kind, Plan};
use super::{Enum, Field, Item, Module, Presence, Struct, Ty, TypeKind, TypeRef, Variant};
use crate::error::{Error, Result};
use crate::keywords::{format_of, Format};
use crate::load::{Catalogue, Leniency, ALIASES, EXPECTED, OPEN_ENUM};
use crate::naming::{pascal, snake, Names};

pub(super) fn resolve(plan: &Plan, catalogue: &Catalogue) -> Result<BTreeMap<String, Module>> {
    let (space, by_key) = type_space(plan)?;
    let resolved: HashMap<String, typify::Type<'_>> =
        space.iter_types().map(|t| (t.name(), t)).collect();
    let enums: HashMap<TypeRef, EnumValues> = plan
        .types
        .iter()
        .filter(|planned| planned.kind == Kind::Enum)
        .map(|planned| {
            let reference = TypeRef {
                module: planned.module.clone(),
                name: planned.name.clone(),
                kind: TypeKind::Enum,
            };
            let values = EnumValues {
                values: enum_values(&planned.schema),
                open: is_open(&planned.schema),
                any_case: planned.leniency == Leniency::Wix,
            };
            (reference, values)
        })
        .collect();

    let mut modules: BTreeMap<String, Module> = BTreeMap::new();
    for (index, planned) in plan.types.iter().enumerate() {
        let key = plan.typify_key(index);
        let typed = resolved.get(&key).ok_or_else(|| {
            internal(format!(
                "typify emitted no type for `{key}` ({})",
                planned.origin
            ))
        })?;
        let item = match (planned.kind, typed.details()) {
            (Kind::Struct, TypeDetails::Struct(details)) => {
                let from_typify: HashMap<String, (bool, typify::TypeId)> = details
                    .properties_info()
                    .map(|p| (p.name.to_owned(), (p.required, p.type_id)))
                    .collect();
                Item::Struct(build_struct(
                    planned,
                    &from_typify,
                    &space,
                    &by_key,
                    &enums,
                )?)
            }
            // An object that lists no properties: all of it is kept as undocumented fields.
            (Kind::Struct, _) if !is_struct(&planned.schema) => Item::Struct(build_struct(
                planned,
                &HashMap::new(),
                &space,
                &by_key,
                &enums,
            )?),
            (Kind::Enum, TypeDetails::Enum(details)) => {
                let count = details.variants().count();
                Item::Enum(build_enum(planned, count)?)
            }
            (Kind::Union, _) => Item::Union(super::unions::build(planned, plan, &by_key, &enums)),
            _ => {
                return Err(internal(format!(
                    "typify made `{key}` a different kind of type than its schema ({})",
                    planned.origin
                )))
            }
        };
        let module = modules
            .entry(planned.module.clone())
            .or_insert_with(|| Module {
                name: planned.module.clone(),
                doc: catalogue
                    .groups
                    .get(&planned.module)
                    .map(|g| format!("{}: {}", g.title, g.description)),
                sources: Vec::new(),
                // Named once every module is known: numbering goes by module order.
                file: String::new(),
                items: Vec::new(),
            });
        let source = planned.origin.file.clone();
        if !module.sources.contains(&source) {
            module.sources.push(source);
        }
        module.items.push(item);
    }
    Ok(modules)
}

/// typify's answer for every planned type, and the type each typify key names.
fn type_space(plan: &Plan) -> Result<(TypeSpace, HashMap<String, TypeRef>)> {
    let mut definitions = Map::new();
    let mut by_key = HashMap::new();
    for (index, planned) in plan.types.iter().enumerate() {
        let key = plan.typify_key(index);
        let mut schema = match planned.kind {
            // The model types alternatives itself; typify need only know the
            // name, which a one-value enum gives it.
            Kind::Union => serde_json::json!({"type": "string", "enum": ["v0"]}),
            _ => planned.hoisted.clone(),
        };
        neutral_names(&mut schema);
        if let Value::Object(map) = &mut schema {
            map.insert("title".into(), Value::from(key.clone()));
        }
        definitions.insert(key.clone(), schema);
        by_key.insert(
            key,
            TypeRef {
                module: planned.module.clone(),
                name: planned.name.clone(),
                kind: planned.kind.type_kind(),
            },
        );
    }
    let definitions: BTreeMap<String, schemars::schema::Schema> =
        serde_json::from_value(Value::Object(definitions))
            .map_err(|e| internal(format!("hoisted schemas are not draft-07: {e}")))?;
    let mut space = TypeSpace::new(TypeSpaceSettings::default().with_struct_builder(false));
    // typify panics on some inputs instead of returning an error; a build
    // script must get an error, never a panic.
    let added = quietly(|| space.add_ref_types(definitions));
    match added {
        Ok(Ok(())) => {}
        Ok(Err(e)) => {
            return Err(internal(format!(
                "typify rejected the hoisted schemas: {e}"
            )))
        }
        Err(panic) => {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()));
            return Err(internal(format!(
                "typify panicked: {}",
                message.unwrap_or_default()
            )));
        }
    }
    Ok((space, by_key))
}

/// typify names fields and variants itself, and panics or merges where
/// names collide (`itemId` beside `ItemId`, an empty or repeated value). The
/// model names them, so typify sees each property as `p<index>` and each
/// enum text as `v<index>`, in the published order, repetitions left out.
/// Nor does it see `format`, or a number's `enum` and `const`: the model
/// decides what those make of a field (typify would choose crates the
/// runtime does not use, or types of its own).
fn neutral_names(schema: &mut Value) {
    let Value::Object(map) = schema else {
        return;
    };
    map.remove("format");
    // Rules of the model's: typify would make sets of unique items, and
    // reads nothing of the others.
    for keyword in [
        "uniqueItems",
        "multipleOf",
        "minProperties",
        "maxProperties",
        "propertyNames",
        "dependentRequired",
    ] {
        map.remove(keyword);
    }
    // A number's `enum` or `const` is a rule of the model's (typify would
    // make a type of it).
    if matches!(
        map.get("type").and_then(Value::as_str),
        Some("number" | "integer")
    ) {
        map.remove("enum");
        map.remove("const");
    }
    if let Some(Value::Object(properties)) = map.get_mut("properties") {
        let names: Vec<String> = properties.keys().cloned().collect();
        let renamed: Map<String, Value> = std::mem::take(properties)
            .into_iter()
            .enumerate()
            .map(|(index, (_, child))| (neutral_property(index), child))
            .collect();
        *properties = renamed;
        if let Some(Value::Array(required)) = map.get_mut("required") {
            for name in required.iter_mut() {
                if let Some(index) = names.iter().position(|n| Some(n.as_str()) == name.as_str()) {
                    *name = Value::from(neutral_property(index));
                }
            }
        }
    }
    if let Some(Value::Array(values)) = map.get_mut("enum") {
        let mut seen = Vec::new();
        values.retain(|value| {
            let first = !seen.contains(value);
            seen.push(value.clone());
            first
        });
        for (index, value) in values.iter_mut().enumerate() {
            if value.is_string() {
                *value = Value::from(format!("v{index}"));
            }
        }
    }
    for (key, child) in map.iter_mut() {
        if !matches!(key.as_str(), "enum" | "const" | "default" | "examples") {
            match child {
                Value::Array(items) => items.iter_mut().for_each(neutral_names),
                Value::Object(_)
                    if key == "properties" || key == "definitions" || key == "$defs" =>
                {
                    if let Value::Object(children) = child {
                        children.values_mut().for_each(neutral_names);
                    }
                }
                other => neutral_names(other),
            }
        }
    }
}

/// The name typify sees for the property at `index`.
fn neutral_property(index: usize) -> String {
    format!("p{index}")
}

thread_local! {
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f`, catching a panic without printing it: a panic in typify is
/// turned into an error, so its message and backtrace on stderr would only
/// mislead. Panics of other threads, and of this one at other times, print
/// as before.
fn quietly<T>(f: impl FnOnce() -> T) -> std::thread::Result<T> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
    QUIET.with(|quiet| quiet.set(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    QUIET.with(|quiet| quiet.set(false));
    result
}

fn build_struct(
    planned: &super::shapes::Planned,
    from_typify: &HashMap<String, (bool, typify::TypeId)>,
    space: &TypeSpace,
    by_key: &HashMap<String, TypeRef>,
    enums: &HashMap<TypeRef, EnumValues>,
) -> Result<Struct> {
    let names = |keyword: &str| -> Vec<&str> {
        planned
            .schema
            .get(keyword)
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default()
    };
    let (required, expected) = (names("required"), names(EXPECTED));
    let properties = planned.schema["properties"]
        .as_object()
        .cloned()
        .unwrap_or_default();
    let hoisted = planned.hoisted["properties"]
        .as_object()
        .cloned()
        .unwrap_or_default();
    if from_typify.len() != properties.len() {
        return Err(internal(format!(
            "typify gave `{}` {} fields for {} properties ({})",
            planned.name,
            from_typify.len(),
            properties.len(),
            planned.origin
        )));
    }
    let mut fields = Vec::with_capacity(properties.len());
    let mut idents = Names::new();
    let mut setters = Names::reserving(["new"]);
    for (index, (wire, schema)) in properties.iter().enumerate() {
        let ident = idents.primed(&snake(wire));
        let is_required = required.contains(&wire.as_str());
        let neutral = neutral_property(index);
        let (typify_required, type_id) = from_typify.get(&neutral).cloned().ok_or_else(|| {
            internal(format!(
                "typify dropped property `{wire}` of `{}` ({})",
                planned.name, planned.origin
            ))
        })?;
        if typify_required != is_required {
            return Err(internal(format!(
                "typify disagrees on whether `{wire}` of `{}` is required ({})",
                planned.name, planned.origin
            )));
        }
        let mut ty = wire_type(space, &type_id, by_key)?;
        // `null` among its types: a value, where `null` would otherwise be
        // an error (a required property, or any read strictly).
        let nullable = admits_null(schema)
            || admits_null(&hoisted[wire])
            || (is_required && matches!(ty, Shape::Option(_)));
        if !is_required {
            ty = match ty {
                Shape::Option(inner) => *inner,
                other => other,
            };
        }
        let ty = decide(ty, &hoisted[wire]).map_err(|message| {
            internal(format!(
                "`{wire}` of `{}`: {message} ({})",
                planned.name, planned.origin
            ))
        })?;
        let ty = external(ty, schema);
        // What a `$ref` to a scalar definition says is in the hoisted schema,
        // where typify saw it; the property's own schema holds only the `$ref`.
        let rule = rules::of(&ty, &hoisted[wire], enums, planned.leniency);
        let presence = Presence::of(is_required, nullable, &ty, planned.leniency);
        fields.push(Field {
            wire: wire.clone(),
            setter: setter_name(&ident, &mut setters),
            ident,
            doc: schema
                .get("description")
                .and_then(Value::as_str)
                .map(str::to_owned),
            ty,
            required: is_required,
            nullable,
            presence,
            expected: !is_required && expected.contains(&wire.as_str()),
            aliases: schema
                .get(ALIASES)
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(Value::as_str)
                        .map(str::to_owned)
                        .collect()
                })
                .unwrap_or_default(),
            rule,
        });
    }
    Ok(Struct {
        name: planned.name.clone(),
        doc: planned.doc.clone(),
        extra: extra_name(&fields),
        consistency: rules::consistency(&fields),
        fields,
        origin: planned.origin.clone(),
        closed: planned.schema.get("additionalProperties") == Some(&Value::Bool(false)),
        lowercase_aliases: planned.lowercase_aliases,
        warn_unknown: planned.lowercase_aliases,
        leniency: planned.leniency,
        properties: rules::properties(&planned.schema),
    })
}

/// Whether a property's schema lets its value be `null` (`type: [T,
/// "null"]`, `"type": "null"`, `nullable: true`, an `enum` or `const` of
/// `null`, a union with `null`).
fn admits_null(schema: &Value) -> bool {
    let types = match schema.get("type") {
        Some(Value::String(one)) => one == "null",
        Some(Value::Array(many)) => many.iter().any(|t| t == "null"),
        _ => false,
    };
    let values = schema
        .get("enum")
        .and_then(Value::as_array)
        .is_some_and(|values| values.contains(&Value::Null));
    types
        || values
        || schema.get("const") == Some(&Value::Null)
        || schema.get("nullable") == Some(&Value::Bool(true))
        || schema.get(super::compose::NULLABLE) == Some(&Value::Bool(true))
}

/// `with_<field>`, the keyword's `_` left out (`with_type` for `type_`),
/// made distinct from the names in `taken` (`self` and `Self` are `self_`
/// and `self__`: `with_self` and `with_self_`).
fn setter_name(ident: &str, taken: &mut Names) -> String {
    taken.primed(&format!("with_{}", ident.trim_end_matches('_')))
}

/// The name of the field that keeps undocumented properties: the first of
/// `extra`, `extra_fields`, `undocumented` that no documented field takes.
fn extra_name(fields: &[Field]) -> String {
    let mut taken = Names::reserving(fields.iter().map(|f| f.ident.as_str()));
    let name = ["extra", "extra_fields", "undocumented"]
        .into_iter()
        .find(|name| !taken.contains(name))
        .unwrap_or("undocumented");
    taken.primed(name)
}

/// Whether an enum schema says its publisher may add values.
fn is_open(schema: &Value) -> bool {
    schema.get(OPEN_ENUM) == Some(&Value::Bool(true))
}

/// The wire values of an enum schema, in the published order, each once.
fn enum_values(schema: &Value) -> Vec<String> {
    let mut values: Vec<String> = Vec::new();
    for value in schema["enum"].as_array().into_iter().flatten() {
        if let Some(text) = value.as_str().filter(|t| !values.iter().any(|v| v == t)) {
            values.push(text.to_owned());
        }
    }
    values
}

/// The shape typify gives a field.
enum Shape {
    Option(Box<Shape>),
    Vec(Box<Shape>),
    Named(TypeRef),
    Float,
    Integer,
    Bool,
    String,
    DateTime,
    Json,
    Map,
}

fn wire_type(
    space: &TypeSpace,
    id: &typify::TypeId,
    by_key: &HashMap<String, TypeRef>,
) -> Result<Shape> {
    let typed = space
        .get_type(id)
        .map_err(|e| internal(format!("typify lost a type: {e}")))?;
    let details = typed.details();
    let shape = match details {
        TypeDetails::Option(inner) => Shape::Option(Box::new(wire_type(space, &inner, by_key)?)),
        TypeDetails::Vec(inner) => Shape::Vec(Box::new(wire_type(space, &inner, by_key)?)),
        TypeDetails::Struct(_) | TypeDetails::Enum(_) => {
            let name = typed.name();
            Shape::Named(
                by_key
                    .get(&name)
                    .cloned()
                    .ok_or_else(|| internal(format!("typify invented the type `{name}`")))?,
            )
        }
        TypeDetails::Newtype(newtype) => wire_type(space, &newtype.inner(), by_key)?,
        TypeDetails::Box(inner) => wire_type(space, &inner, by_key)?,
        TypeDetails::String => Shape::String,
        TypeDetails::Map(..) => Shape::Map,
        TypeDetails::Builtin(name) => match name {
            "f64" | "f32" => Shape::Float,
            "bool" => Shape::Bool,
            "::serde_json::Value" => Shape::Json,
            name if name.starts_with("i") || name.starts_with("u") || name.contains("NonZero") => {
                Shape::Integer
            }
            name if name.contains("chrono") => Shape::DateTime,
            name => {
                return Err(internal(format!(
                    "typify chose `{name}`, which the generator does not map"
                )))
            }
        },
        _ => {
            return Err(internal(format!(
                "typify chose `{}`, which the generator does not map",
                typed.name()
            )))
        }
    };
    Ok(shape)
}

/// Turns typify's shape into the wire type, checked against the schema.
fn decide(shape: Shape, schema: &Value) -> Result<Ty, String> {
    let names = type_names(schema);
    Ok(match shape {
        Shape::Option(inner) => decide(*inner, schema)?,
        Shape::Vec(inner) => Ty::Vec(Box::new(decide(
            *inner,
            schema.get("items").unwrap_or(&Value::Null),
        )?)),
        Shape::Named(reference) => {
            if schema.get("$ref").is_none() {
                return Err(format!(
                    "typify named it `{}` but the schema holds no named type there",
                    reference.name
                ));
            }
            Ty::Named(reference)
        }
        // An amount (`money-amount`) is exact; it keeps the form it came in.
        Shape::Float if names.contains(&"number") && format_of(schema) == Some(Format::Decimal) => {
            Ty::Amount
        }
        // Keep the JSON number as written: `2` stays `2`, `22.4` stays `22.4`.
        Shape::Float if names.contains(&"number") => Ty::Number,
        Shape::Integer if names.contains(&"integer") => Ty::Integer,
        Shape::Bool => Ty::Bool,
        // Keep the offset as written: `+02:00` stays `+02:00`.
        Shape::DateTime => Ty::DateTime,
        Shape::String => match format_of(schema) {
            Some(Format::DateTime) => Ty::DateTime,
            // Wix sends money amounts and 64-bit counters as text (`"85"`, `"13"`).
            Some(Format::Decimal) => Ty::Decimal,
            Some(Format::Int64) => Ty::Int64,
            // Text, whose rule checks the format (`rules::checked_as_text`).
            Some(_) | None => Ty::String,
        },
        Shape::Json => Ty::Json,
        Shape::Map => Ty::JsonObject,
        Shape::Float | Shape::Integer => {
            return Err(format!(
                "typify's number type disagrees with the schema's `{}`",
                names.join("/")
            ))
        }
    })
}

/// A node annotated with `x-rust-type` is that Rust type, whatever typify
/// made of the (property-less) object around it. An array whose items
/// document nothing is raw JSON: the Contact-Form's `subject` is an
/// `Array[object]` without fields, and its example sends a string.
fn external(ty: Ty, schema: &Value) -> Ty {
    match (ty, schema.get("x-rust-type").and_then(Value::as_str)) {
        (Ty::Json | Ty::JsonObject, Some(path)) => Ty::External(path.to_owned()),
        (Ty::Vec(inner), _) => {
            match external(*inner, schema.get("items").unwrap_or(&Value::Null)) {
                Ty::Json | Ty::JsonObject => Ty::Json,
                inner => Ty::Vec(Box::new(inner)),
            }
        }
        (ty, _) => ty,
    }
}

fn build_enum(planned: &super::shapes::Planned, typify_variants: usize) -> Result<Enum> {
    debug_assert!(is_enum(&planned.schema));
    let values = enum_values(&planned.schema);
    let values: Vec<&str> = values.iter().map(String::as_str).collect();
    if values.len() != typify_variants {
        return Err(internal(format!(
            "typify gave `{}` {typify_variants} variants for {} values ({})",
            planned.name,
            values.len(),
            planned.origin
        )));
    }
    let (doc, variant_docs) = split_enum_doc(planned.doc.as_deref(), &values);
    let mut idents = Names::new();
    let variants = values
        .iter()
        .map(|value| {
            let ident = idents.primed(&pascal(value));
            Variant {
                wire: (*value).to_owned(),
                ident,
                doc: variant_docs.get(*value).cloned(),
            }
        })
        .collect();
    Ok(Enum {
        name: planned.name.clone(),
        doc,
        variants,
        open: is_open(&planned.schema),
        any_case: planned.leniency == Leniency::Wix,
        origin: planned.origin.clone(),
    })
}

/// Wix describes enum values inline: `Type of form: * SURVEY: Form for a
/// general survey. * QUIZ: ...` or `* chat - message sent to ...`. Each
/// value's text becomes its variant's doc; the text before it, the enum's.
fn split_enum_doc(doc: Option<&str>, values: &[&str]) -> (Option<String>, HashMap<String, String>) {
    let mut variant_docs = HashMap::new();
    let Some(doc) = doc else {
        return (None, variant_docs);
    };
    let mut parts = doc.split(" * ");
    let head = parts
        .next()
        .unwrap_or_default()
        .trim()
        .trim_end_matches(':')
        .trim()
        .to_owned();
    let mut matched = 0;
    let mut rest = Vec::new();
    for part in parts {
        let part = part.trim();
        let found = values.iter().find_map(|value| {
            let after = part.strip_prefix(value)?;
            let text = after
                .strip_prefix(':')
                .or_else(|| after.strip_prefix(" -"))?;
            Some((value.to_string(), text.trim().to_owned()))
        });
        match found {
            Some((value, text)) => {
                matched += 1;
                variant_docs.insert(value, text);
            }
            None => rest.push(part.to_owned()),
        }
    }
    if matched == 0 || !rest.is_empty() {
        return (Some(doc.to_owned()), HashMap::new());
    }
    (Some(head), variant_docs)
}

fn internal(message: String) -> Error {
    Error::Internal { message }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_inside_is_caught_and_the_value_passes_through() {
        assert!(quietly(|| panic!("typify gave up")).is_err());
        assert_eq!(quietly(|| 2).unwrap(), 2);
        assert!(
            !QUIET.with(std::cell::Cell::get),
            "later panics print again"
        );
    }

    /// The loader accepts every format the table lists; each must make a
    /// type of its own or a rule that checks the text.
    #[test]
    fn every_format_the_table_accepts_is_enforced() {
        for (name, _) in crate::keywords::FORMATS {
            let schema = serde_json::json!({"type": "string", "format": name});
            let ty = decide(Shape::String, &schema).unwrap();
            let rule = rules::of(&ty, &schema, &HashMap::new(), Leniency::Wix);
            assert_ne!(
                rule,
                rules::Rule::Text(rules::TextRule::default()),
                "`{name}`"
            );
        }
    }

    #[test]
    fn enum_descriptions_split_per_value() {
        let (doc, values) = split_enum_doc(
            Some("Type of form submitted: * SURVEY: Form for a general survey. * OTHER: Anything else."),
            &["SURVEY", "OTHER"],
        );
        assert_eq!(doc.as_deref(), Some("Type of form submitted"));
        assert_eq!(values["SURVEY"], "Form for a general survey.");
        let (doc, values) = split_enum_doc(
            Some("Type of message: * chat - sent on the site. * sms - sent by phone"),
            &["chat", "sms"],
        );
        assert_eq!(doc.as_deref(), Some("Type of message"));
        assert_eq!(values["sms"], "sent by phone");
        let (doc, values) = split_enum_doc(Some("Where it was shared"), &["A"]);
        assert_eq!(doc.as_deref(), Some("Where it was shared"));
        assert!(values.is_empty());
    }
}
