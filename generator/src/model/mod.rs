//! Stage 3: repaired schemas → the Rust types to emit.
//!
//! The model names every type itself, shares a shape between schemas only
//! when the two are exactly equal and carry the same name, keeps the
//! published property order, and decides each wire behaviour on purpose:
//! `Number` fields keep the JSON number they came as, `DateTime` fields keep
//! their offset, optional arrays keep `[]` apart from absent. typify resolves
//! the types of the hoisted schemas, and its answer is checked against the
//! schema so that nothing it merges or drops goes unnoticed.

mod bundle;
mod compose;
mod modules;
pub mod rules;
mod shapes;
mod typify;
mod unions;

use std::collections::BTreeMap;

pub use modules::{file, ACTIVITY_TYPES, EVENT_TYPES, INDEX};
pub use rules::{Consistency, Items, PropertyRules, Range, RestForm, Rule, TextFormat, TextRule};

use crate::error::Result;
use crate::load::{Catalogue, Leniency, RestPaths, Role};
use crate::normalize::{Normalized, NormalizedFile};

/// Every type to emit, by module, and the activity catalogue.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    /// The modules, by name.
    pub modules: BTreeMap<String, Module>,
    /// The documented activity types, sorted by wire name.
    pub activities: Vec<Activity>,
    /// The backend events, sorted by handler name.
    pub events: Vec<Event>,
    /// The module that holds `Event` and `EventName`: the deepest module
    /// that every event's type is in or under (`backend_events`), or `""`
    /// for the crate root.
    pub event_module: String,
    /// The catalogue (deprecated types, notifications, group docs).
    pub catalogue: Catalogue,
}

/// One generated module.
#[derive(Clone, Debug, PartialEq)]
pub struct Module {
    /// The module name (`hotels`, `e_commerce`, `common`).
    pub name: String,
    /// The module's doc comment.
    pub doc: Option<String>,
    /// The schema files its types come from, relative to the schema folder.
    pub sources: Vec<String>,
    /// The output file its code is written to (`hotels.rs`), distinct from
    /// every other output file.
    pub file: String,
    /// Its types: root types in file order, then nested types in order of first use.
    pub items: Vec<Item>,
}

/// Where a type was first found: a schema file and a JSON pointer into it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Origin {
    /// The schema file, relative to the schema folder.
    pub file: String,
    /// The JSON pointer of the type's schema in that file.
    pub pointer: String,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}#{}", self.file, self.pointer)
    }
}

/// A generated type.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// A struct from an object schema with properties.
    Struct(Struct),
    /// A unit enum from a string schema with `enum` values.
    Enum(Enum),
    /// An enum of alternatives, from `oneOf` or `anyOf`.
    Union(Union),
}

impl Item {
    /// The type's name.
    pub fn name(&self) -> &str {
        match self {
            Item::Struct(s) => &s.name,
            Item::Enum(e) => &e.name,
            Item::Union(u) => &u.name,
        }
    }

    /// Its doc comment.
    pub fn doc(&self) -> Option<&str> {
        match self {
            Item::Struct(s) => s.doc.as_deref(),
            Item::Enum(e) => e.doc.as_deref(),
            Item::Union(u) => u.doc.as_deref(),
        }
    }

    /// Where it was first found.
    pub fn origin(&self) -> &Origin {
        match self {
            Item::Struct(s) => &s.origin,
            Item::Enum(e) => &e.origin,
            Item::Union(u) => &u.origin,
        }
    }

    /// What kind of type it is.
    pub fn kind(&self) -> TypeKind {
        match self {
            Item::Struct(_) => TypeKind::Struct,
            Item::Enum(_) => TypeKind::Enum,
            Item::Union(_) => TypeKind::Union,
        }
    }
}

/// An enum of alternatives (`oneOf`, `anyOf`): one variant for each branch,
/// holding its value. A value reads as the branch its tag names, or as the
/// first branch that reads it; the validators check what serde cannot (that
/// exactly one branch of a `oneOf` matches).
#[derive(Clone, Debug, PartialEq)]
pub struct Union {
    /// The Rust name.
    pub name: String,
    /// The doc comment.
    pub doc: Option<String>,
    /// The branches, in the published order.
    pub variants: Vec<Alternative>,
    /// Whether exactly one branch may match (`oneOf`), not at least one (`anyOf`).
    pub exactly_one: bool,
    /// The property whose value names the branch, when every branch is an
    /// object with a different constant for it (`"kind": {"const": "circle"}`).
    pub tag: Option<String>,
    /// Where the union was first found.
    pub origin: Origin,
    /// How its branches read a value: a number from text too, or only as itself.
    pub leniency: Leniency,
}

/// One branch of a [`Union`].
#[derive(Clone, Debug, PartialEq)]
pub struct Alternative {
    /// The variant name.
    pub ident: String,
    /// The type it holds.
    pub ty: Ty,
    /// What its value must be.
    pub rule: Rule,
    /// Its tag value, when the union has a tag.
    pub tag: Option<String>,
    /// What it is, when its schema says.
    pub doc: Option<String>,
}

/// A struct and its fields, in the published order.
#[derive(Clone, Debug, PartialEq)]
pub struct Struct {
    /// The Rust name.
    pub name: String,
    /// The doc comment.
    pub doc: Option<String>,
    /// The fields, in the order the schema lists the properties.
    pub fields: Vec<Field>,
    /// Where the shape was first found.
    pub origin: Origin,
    /// Whether the schema forbids undocumented properties
    /// (`additionalProperties: false`); they are still kept, and reported.
    pub closed: bool,
    /// The name of the field that keeps undocumented properties: `extra`,
    /// unless a documented property took it.
    pub extra: String,
    /// Whether each field also reads under its wire name in lower case, as
    /// clients of Wix's activity tables send (`timezone` for `timeZone`).
    pub lowercase_aliases: bool,
    /// Whether an undocumented property is a warning (with the documented
    /// name it is likely a typo of), as for payloads people write by hand:
    /// the activity and envelope types. Wix's events carry many fields the
    /// published schemas do not describe, so there it is not.
    pub warn_unknown: bool,
    /// What the fields must say of each other.
    pub consistency: Vec<Consistency>,
    /// How it reads payloads: with Wix's leniencies, or strictly.
    pub leniency: Leniency,
    /// What its properties must be as a whole (`minProperties`, `propertyNames`, …).
    pub properties: PropertyRules,
}

/// A struct field.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// The property name on the wire.
    pub wire: String,
    /// The Rust field name.
    pub ident: String,
    /// The name of its builder method (`with_type` for `type_`), distinct
    /// within the struct.
    pub setter: String,
    /// The property's description.
    pub doc: Option<String>,
    /// The field's type, without the `Option` of an optional property.
    pub ty: Ty,
    /// Whether the schema requires the property.
    pub required: bool,
    /// Whether `null` is among the property's values (`type: [T, "null"]`):
    /// a value, for a required property or any read strictly.
    pub nullable: bool,
    /// How the Rust field holds its value.
    pub presence: Presence,
    /// Whether the sender is documented to always send it, though a payload
    /// without it still reads (`x-wix-expected`): a validation warning.
    pub expected: bool,
    /// Other wire names it is read by (`x-aliases`).
    pub aliases: Vec<String>,
    /// What its value must be.
    pub rule: Rule,
}

/// How a field holds its value, so that what was read is what is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Presence {
    /// A plain value: a payload without it does not parse.
    Always,
    /// `wix_activities::Nullable`: left out, `null` or a value, each
    /// written back as it came.
    Nullable,
}

impl Presence {
    /// Optional properties may be left out or `null`; so may required text
    /// read with Wix's leniencies, which Wix's own examples leave out (a
    /// payload without it reads, and validation reports it); and `null` is
    /// a value of a `nullable` one.
    pub fn of(required: bool, nullable: bool, ty: &Ty, leniency: Leniency) -> Presence {
        let left_out_text = *ty == Ty::String && leniency == Leniency::Wix;
        if required && !nullable && !left_out_text {
            Presence::Always
        } else {
            Presence::Nullable
        }
    }
}

/// A field type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ty {
    /// `String`.
    String,
    /// `wix_activities::Number`: a JSON number kept as written.
    Number,
    /// `i64`, for `integer` properties.
    Integer,
    /// `bool`.
    Bool,
    /// `wix_activities::DateTime`: RFC 3339, offset kept.
    DateTime,
    /// `wix_activities::Decimal`: an exact decimal sent as text (`format: decimal`).
    Decimal,
    /// `wix_activities::Decimal` for a `number` amount (`money-amount`): one
    /// built in code is written as a JSON number; one read keeps its form.
    Amount,
    /// `wix_activities::Int64`: a 64-bit integer sent as text (`format: int64`).
    Int64,
    /// `serde_json::Value`, for schemas that say nothing of their content.
    Json,
    /// `serde_json::Map<String, Value>`, for objects that list no properties.
    JsonObject,
    /// `Vec<T>`.
    Vec(Box<Ty>),
    /// A generated type.
    Named(TypeRef),
    /// An existing Rust type named by the schema's `x-rust-type` (a path
    /// such as `wix_activities::Activity`).
    External(String),
}

/// A generated type's module and name.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeRef {
    /// The module.
    pub module: String,
    /// The type name.
    pub name: String,
    /// What kind of type it is.
    pub kind: TypeKind,
}

/// What kind of type a generated type is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TypeKind {
    /// A struct.
    Struct,
    /// A unit enum of text values.
    Enum,
    /// An enum of alternatives.
    Union,
}

/// A unit enum.
#[derive(Clone, Debug, PartialEq)]
pub struct Enum {
    /// The Rust name.
    pub name: String,
    /// The doc comment.
    pub doc: Option<String>,
    /// The variants, in the published order.
    pub variants: Vec<Variant>,
    /// Whether the publisher may add values (`x-wix-open-enum`): an unknown
    /// value is kept as it came, in an `Other` variant.
    pub open: bool,
    /// Whether a value in another case reads as the documented one
    /// (Wix's leniency) or only the documented spelling does.
    pub any_case: bool,
    /// Where the values were first found.
    pub origin: Origin,
}

/// An enum variant.
#[derive(Clone, Debug, PartialEq)]
pub struct Variant {
    /// The value on the wire.
    pub wire: String,
    /// The Rust variant name.
    pub ident: String,
    /// What the value means, when the description says.
    pub doc: Option<String>,
}

/// A documented activity type.
#[derive(Clone, Debug, PartialEq)]
pub struct Activity {
    /// The wire name (`hotels/purchase`).
    pub wire_name: String,
    /// The `ActivityType` / `ActivityInfo` variant (`HotelsPurchase`).
    pub variant: String,
    /// The `info` type.
    pub info: TypeRef,
    /// What the activity reports.
    pub doc: Option<String>,
}

/// A Wix backend event.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// The handler name (`wixEcom_onCartCreated`).
    pub handler: String,
    /// The Wix event type (`wix.ecom.v1.cart_created`), when the schema names it.
    pub event_type: Option<String>,
    /// The `EventName` / `Event` variant: the event's name (`CartCreated`),
    /// or with its app's in front when two apps have an event of that name.
    pub variant: String,
    /// The event's type.
    pub ty: TypeRef,
    /// What the event reports.
    pub doc: Option<String>,
    /// Where its REST form (webhooks) sends another shape than its SDK form.
    pub rest: RestPaths,
}

impl Model {
    /// The struct `reference` names, if it is one.
    pub fn structure(&self, reference: &TypeRef) -> Option<&Struct> {
        let module = self.modules.get(&reference.module)?;
        module.items.iter().find_map(|item| match item {
            Item::Struct(s) if s.name == reference.name => Some(s),
            _ => None,
        })
    }
}

impl Event {
    /// The app part of the handler name (`wixEcom`).
    pub fn app(&self) -> &str {
        self.handler.split_once("_on").map_or("", |(app, _)| app)
    }

    /// The event part of the handler name (`CartCreated`).
    pub fn name(&self) -> &str {
        self.handler.split_once("_on").map_or("", |(_, name)| name)
    }
}

/// Builds the model of every repaired schema.
pub fn build(normalized: &Normalized) -> Result<Model> {
    let mut files = normalized.files.clone();
    for file in &mut files {
        compose::typed_constants(&mut file.schema);
        compose::nullable_unions(&mut file.schema);
    }
    let mut files = bundle::bundle(&files);
    for file in &mut files {
        // A part may itself be an `allOf`: merged first, then its users.
        for _ in 0..4 {
            let document = file.schema.clone();
            compose::all_of(&mut file.schema, &document);
            if file.schema == document {
                break;
            }
        }
    }
    let event_modules: Vec<String> = files
        .iter()
        .filter(|f| matches!(f.role, Role::Event { .. }))
        .map(|f| modules::of(&f.path))
        .collect();
    let event_module = common_module(event_modules.iter().map(String::as_str));
    // `Event` and `EventName` are written into the event module.
    let generated: Vec<(&str, &str)> = match event_modules.is_empty() {
        true => Vec::new(),
        false => vec![(&event_module, "Event"), (&event_module, "EventName")],
    };
    let plan = shapes::plan(normalized, &files, &generated)?;
    let mut modules = typify::resolve(&plan, &normalized.catalogue)?;
    document_references(&mut modules);
    modules::name_files(&mut modules);
    let mut activities: Vec<Activity> = files
        .iter()
        .filter_map(|file| match &file.role {
            Role::Activity { wire_name } => Some(Activity {
                wire_name: wire_name.clone(),
                variant: crate::naming::pascal(&wire_name.replace('/', "_")),
                info: plan.root_type(file),
                doc: plan.root_doc(&file.path),
            }),
            _ => None,
        })
        .collect();
    activities.sort_by(|a, b| a.wire_name.cmp(&b.wire_name));
    // `demo/item-id` and `demo/item_id` are two activity types.
    let mut variants = crate::naming::Names::new();
    for activity in &mut activities {
        activity.variant = variants.numbered(&activity.variant, "");
    }
    let events = events(&files, &plan);
    Ok(Model {
        modules,
        activities,
        event_module,
        events,
        catalogue: normalized.catalogue.clone(),
    })
}

fn events(files: &[NormalizedFile], plan: &shapes::Plan) -> Vec<Event> {
    let mut events: Vec<Event> = files
        .iter()
        .filter_map(|file| match &file.role {
            Role::Event {
                handler,
                event_type,
                rest,
            } => Some(Event {
                handler: handler.clone(),
                event_type: event_type.clone(),
                rest: rest.clone(),
                variant: String::new(),
                ty: plan.root_type(file),
                doc: plan.root_doc(&file.path),
            }),
            _ => None,
        })
        .collect();
    events.sort_by(|a, b| a.handler.cmp(&b.handler));
    let names: Vec<String> = events.iter().map(|e| e.name().to_owned()).collect();
    for event in &mut events {
        let shared = names.iter().filter(|n| *n == event.name()).count() > 1;
        event.variant = if shared {
            crate::naming::pascal(&format!("{}_{}", event.app(), event.name()))
        } else {
            event.name().to_owned()
        };
    }
    events
}

/// The longest `::` path that each of `modules` starts with.
fn common_module<'a>(mut modules: impl Iterator<Item = &'a str>) -> String {
    let Some(first) = modules.next() else {
        return String::new();
    };
    let mut common: Vec<&str> = first.split("::").collect();
    for module in modules {
        let shared = common
            .iter()
            .zip(module.split("::"))
            .take_while(|(a, b)| *a == b)
            .count();
        common.truncate(shared);
    }
    common.join("::")
}

/// A property that only references a named type (`{"$ref": ...}`) has no
/// description of its own; it takes the description of the type it names.
fn document_references(modules: &mut BTreeMap<String, Module>) {
    let docs: BTreeMap<TypeRef, String> = modules
        .values()
        .flat_map(|m| m.items.iter().map(move |item| (m, item)))
        .filter_map(|(m, item)| {
            let reference = TypeRef {
                module: m.name.clone(),
                name: item.name().to_owned(),
                kind: item.kind(),
            };
            Some((reference, item.doc()?.to_owned()))
        })
        .collect();
    for module in modules.values_mut() {
        for item in &mut module.items {
            let Item::Struct(s) = item else { continue };
            for field in s.fields.iter_mut().filter(|f| f.doc.is_none()) {
                let mut ty = &field.ty;
                while let Ty::Vec(inner) = ty {
                    ty = inner;
                }
                if let Ty::Named(reference) = ty {
                    field.doc = docs.get(reference).cloned();
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::common_module;

    #[test]
    fn events_go_to_the_module_all_of_them_are_under() {
        let common = |modules: &[&str]| common_module(modules.iter().copied());
        assert_eq!(
            common(&["backend_events::ecom", "backend_events::loyalty"]),
            "backend_events"
        );
        assert_eq!(
            common(&["backend_events::ecom", "backend_events"]),
            "backend_events"
        );
        assert_eq!(common(&["shop", "shop"]), "shop");
        assert_eq!(common(&["shop", "club"]), "");
        assert_eq!(common(&[]), "");
    }
}
