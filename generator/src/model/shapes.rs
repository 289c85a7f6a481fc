//! Finding the types in the schemas: which subschemas become named types,
//! which of them are the same type, and what each is called.
//!
//! A subschema is a named type when it is an object with properties (a
//! struct) or a string with `enum` values (an enum). Two of them are one
//! type when their schemas are exactly equal (property order and nested
//! descriptions included, their own description aside) *and* they would get
//! the same name: an `album` and an `artist` can have the same shape and
//! still mean different things. A type used by more than one module lives in
//! `common`. When two different shapes want one name in a module, each is
//! prefixed with its parent's name (`PurchasePayment`, `PurchaseFailedPayment`).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use serde_json::{Map, Value};

use super::bundle;
use super::modules;
use super::{Origin, TypeKind, TypeRef};
use crate::error::{Error, Result};
use crate::load::{Leniency, Role};
use crate::naming::{pascal, singular, Names, RESERVED_TYPES};
use crate::normalize::{Normalized, NormalizedFile};
use crate::pointer;

/// Names that say nothing alone: they take their parent's name in front.
const GENERIC: &[&str] = &["Type", "Kind", "Value", "Data", "Error"];

/// What kind of type a subschema becomes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Struct,
    Enum,
    Union,
}

impl Kind {
    /// The kind of the type it becomes.
    pub fn type_kind(self) -> TypeKind {
        match self {
            Kind::Struct => TypeKind::Struct,
            Kind::Enum => TypeKind::Enum,
            Kind::Union => TypeKind::Union,
        }
    }
}

/// A named type, before typify resolves its fields.
#[derive(Clone, Debug)]
pub(super) struct Planned {
    pub name: String,
    pub module: String,
    pub kind: Kind,
    /// The subschema, `$ref`s resolved, of its first occurrence.
    pub schema: Value,
    /// The same, with every nested named type replaced by a `$ref` to it.
    pub hoisted: Value,
    pub doc: Option<String>,
    /// Where the first occurrence is defined.
    pub origin: Origin,
    /// Whether it is defined in an activity or envelope file, whose clients
    /// send property names in lower case too.
    /// Whether it is a type of the activity tables, written by people:
    /// lower-cased names read, undocumented ones warned about.
    pub lowercase_aliases: bool,
    /// How it reads payloads: its defining file's reading.
    pub leniency: Leniency,
}

/// Every named type of a schema folder.
#[derive(Debug)]
pub(super) struct Plan {
    pub types: Vec<Planned>,
    roots: BTreeMap<String, usize>,
}

impl Plan {
    pub fn root_name(&self, file: &str) -> &str {
        &self.types[self.roots[file]].name
    }

    /// The type of a file's root, in the file's module.
    pub fn root_type(&self, file: &NormalizedFile) -> TypeRef {
        TypeRef {
            module: modules::of(&file.path),
            name: self.root_name(&file.path).to_owned(),
            kind: TypeKind::Struct,
        }
    }

    pub fn root_doc(&self, file: &str) -> Option<String> {
        self.types[self.roots[file]].doc.clone()
    }

    /// The key typify knows a type by: unique across modules.
    pub fn typify_key(&self, index: usize) -> String {
        typify_key(index)
    }
}

/// The name typify knows type `id` by. typify renames what it is given by
/// its own case rules (`PlainABThing` becomes `PlainAbThing`); a neutral
/// name is one it keeps, and the model names the type.
fn typify_key(id: usize) -> String {
    format!("T{id}")
}

/// One place in one file where a named type occurs.
struct Occurrence {
    candidate: String,
    shape: String,
    kind: Kind,
    module: String,
    file: String,
    pointer: String,
    /// `file#pointer` where the type is defined: for a type reached through
    /// a reference to another file, that file.
    origin: Origin,
    parent: Option<usize>,
    description: Option<String>,
    schema: Value,
}

/// `files` are `normalized`'s files with their references bundled.
/// `generated` names the types the generator writes beside the schemas'
/// (`Event` and `EventName` in the event module), which a schema type in
/// that module may not take.
pub(super) fn plan(
    normalized: &Normalized,
    files: &[NormalizedFile],
    generated: &[(&str, &str)],
) -> Result<Plan> {
    let mut collector = Collector {
        root: &normalized.root,
        occurrences: Vec::new(),
        modules: files
            .iter()
            .map(|f| (f.path.clone(), modules::of(&f.path)))
            .collect(),
    };
    for file in files {
        let candidate =
            title_name(&file.schema).unwrap_or_else(|| pascal(modules::stem(&file.path)));
        let walker = Walker {
            file: &file.path,
            module: modules::of(&file.path),
            document: &file.schema,
            home: None,
        };
        collector.root(&walker, candidate, &file.role)?;
    }
    let occurrences = collector.occurrences;
    let leniency: HashMap<&str, Leniency> = files
        .iter()
        .map(|f| (f.path.as_str(), f.leniency))
        .collect();
    let leniency_of = |o: &Occurrence| leniency[o.origin.file.as_str()];

    // Identity: one type per (name, exact shape, reading).
    let mut identity: HashMap<(String, String, Leniency), usize> = HashMap::new();
    let mut type_of = Vec::with_capacity(occurrences.len());
    let mut first: Vec<usize> = Vec::new();
    for (index, occurrence) in occurrences.iter().enumerate() {
        let key = (
            occurrence.candidate.clone(),
            occurrence.shape.clone(),
            leniency_of(occurrence),
        );
        let id = *identity.entry(key).or_insert_with(|| {
            first.push(index);
            first.len() - 1
        });
        type_of.push(id);
    }
    let mut modules: Vec<BTreeSet<&str>> = vec![BTreeSet::new(); first.len()];
    let mut descriptions: Vec<BTreeSet<Option<&str>>> = vec![BTreeSet::new(); first.len()];
    for (index, occurrence) in occurrences.iter().enumerate() {
        modules[type_of[index]].insert(&occurrence.module);
        descriptions[type_of[index]].insert(occurrence.description.as_deref());
    }
    let module_of: Vec<String> = modules
        .iter()
        .zip(&first)
        .map(|(used_in, &index)| {
            if used_in.len() > 1 {
                "common".to_owned()
            } else {
                occurrences[index].module.clone()
            }
        })
        .collect();
    let names = assign_names(&occurrences, &type_of, &first, &module_of, generated);

    // Hoist: each type's schema, with nested named types as references.
    let location: HashMap<(&str, &str), usize> = occurrences
        .iter()
        .enumerate()
        .map(|(i, o)| ((o.file.as_str(), o.pointer.as_str()), type_of[i]))
        .collect();
    let key = typify_key;
    let documents = files.iter().map(|f| (f.path.as_str(), &f.schema)).collect();
    let hoist = Hoist {
        location,
        documents,
        key: &key,
    };
    let mut types = Vec::with_capacity(first.len());
    for (id, &index) in first.iter().enumerate() {
        let occurrence = &occurrences[index];
        let mut hoisted = occurrence.schema.clone();
        hoist.children(&mut hoisted, &occurrence.file, &occurrence.pointer);
        // Uses that describe the type differently: the first one, or for an
        // enum, its values (the fields keep each use's own description).
        let agreed = match descriptions[id].iter().collect::<Vec<_>>().as_slice() {
            [Some(one)] => Some((*one).to_owned()),
            _ if occurrence.kind == Kind::Enum => enum_summary(&occurrence.schema),
            _ => occurrence.description.clone(),
        };
        // Clients of the activity tables lower-case names (quirk B4); nobody
        // else is known to.
        let lowercase_aliases = files.iter().any(|f| {
            f.path == occurrence.origin.file
                && matches!(f.role, Role::Activity { .. } | Role::Envelope)
        });
        types.push(Planned {
            lowercase_aliases,
            leniency: leniency_of(occurrence),
            name: names[id].clone(),
            module: module_of[id].clone(),
            kind: occurrence.kind,
            schema: occurrence.schema.clone(),
            hoisted,
            doc: agreed,
            origin: occurrence.origin.clone(),
        });
    }
    let roots = occurrences
        .iter()
        .enumerate()
        .filter(|(_, o)| o.parent.is_none())
        .map(|(i, o)| (o.file.clone(), type_of[i]))
        .collect();
    Ok(Plan { types, roots })
}

/// Names every type: its candidate when that is unique in its module,
/// otherwise prefixed with its ancestors' candidates until it is.
fn assign_names(
    occurrences: &[Occurrence],
    type_of: &[usize],
    first: &[usize],
    module_of: &[String],
    generated: &[(&str, &str)],
) -> Vec<String> {
    let chain = |id: usize, depth: usize| {
        let mut name = occurrences[first[id]].candidate.clone();
        let mut at = occurrences[first[id]].parent;
        for _ in 0..depth {
            let Some(parent) = at else { break };
            let parent_name = &occurrences[parent].candidate;
            if !name.starts_with(parent_name.as_str()) {
                name = format!("{parent_name}{name}");
            }
            at = occurrences[parent].parent;
        }
        name
    };
    let roots: BTreeSet<usize> = occurrences
        .iter()
        .enumerate()
        .filter(|(_, o)| o.parent.is_none())
        .map(|(i, _)| type_of[i])
        .collect();
    let mut names: Vec<String> = (0..first.len()).map(|id| chain(id, 0)).collect();
    for depth in 1..=8 {
        let mut by_name: BTreeMap<(&str, &str), Vec<usize>> = BTreeMap::new();
        for (id, name) in names.iter().enumerate() {
            by_name
                .entry((module_of[id].as_str(), name.as_str()))
                .or_default()
                .push(id);
        }
        let clashes: Vec<usize> = by_name
            .values()
            .filter(|ids| ids.len() > 1)
            .flat_map(|ids| ids.iter().copied().filter(|id| !roots.contains(id)))
            .collect();
        if clashes.is_empty() {
            break;
        }
        for id in clashes {
            names[id] = chain(id, depth);
        }
    }
    // What the parents' names could not tell apart (two roots `item-id` and
    // `item_id`, a `nest` in a `nest` in a `nest`): numbered, in file order.
    let mut taken: BTreeMap<&str, Names> = BTreeMap::new();
    for (id, name) in names.iter_mut().enumerate() {
        let module = module_of[id].as_str();
        if generated.contains(&(module, name.as_str())) {
            name.push_str("Schema");
        }
        *name = taken.entry(module).or_default().numbered(name, "");
    }
    names
}

/// Rewrites a type's schema for typify: nested named types become
/// references to their definitions, and references to anything else (a
/// `$defs` string, say) are replaced by what they point to, since typify
/// only sees the definitions of named types.
struct Hoist<'a> {
    location: HashMap<(&'a str, &'a str), usize>,
    documents: HashMap<&'a str, &'a Value>,
    key: &'a dyn Fn(usize) -> String,
}

impl Hoist<'_> {
    fn children(&self, schema: &mut Value, file: &str, pointer: &str) {
        let Value::Object(map) = schema else { return };
        if let Some(Value::Object(properties)) = map.get_mut("properties") {
            for (name, child) in properties.iter_mut() {
                let child_pointer = format!("{pointer}/properties/{}", pointer::escape(name));
                self.replace_or_descend(child, file, &child_pointer);
            }
        }
        if let Some(items) = map.get_mut("items") {
            self.replace_or_descend(items, file, &format!("{pointer}/items"));
        }
        for keyword in ["oneOf", "anyOf"] {
            if let Some(Value::Array(branches)) = map.get_mut(keyword) {
                for (number, branch) in branches.iter_mut().enumerate() {
                    self.replace_or_descend(branch, file, &format!("{pointer}/{keyword}/{number}"));
                }
            }
        }
    }

    fn replace_or_descend(&self, child: &mut Value, file: &str, pointer: &str) {
        if let Some(&id) = self.location.get(&(file, pointer)) {
            *child = serde_json::json!({ "$ref": format!("#/definitions/{}", (self.key)(id)) });
            return;
        }
        // The collector already rejected references that loop or point nowhere.
        for _ in 0..64 {
            let Some(target) = child.get("$ref").and_then(Value::as_str) else {
                break;
            };
            let resolved = self
                .documents
                .get(file)
                .and_then(|d| d.pointer(target.trim_start_matches('#')))
                .cloned();
            match resolved {
                Some(resolved) => *child = resolved,
                None => break,
            }
        }
        if let Value::Object(map) = child {
            // The model reads `x-rust-type` from the schema; typify 0.8 reads it
            // differently (an object naming a crate), so it never sees it.
            map.shift_remove("x-rust-type");
        }
        self.children(child, file, pointer);
    }
}

struct Walker<'a> {
    file: &'a str,
    module: String,
    document: &'a Value,
    /// Where the nodes below a reference to another file are defined.
    home: Option<Home>,
}

/// The nodes at and below `prefix` (a pointer in the walked file) are the
/// ones at and below `pointer` in `file`.
#[derive(Clone)]
struct Home {
    prefix: String,
    file: String,
    pointer: String,
}

impl Walker<'_> {
    /// Where the node at `pointer` is defined.
    fn origin(&self, pointer: &str) -> Origin {
        if let Some(home) = &self.home {
            if let Some(rest) = pointer.strip_prefix(home.prefix.as_str()) {
                return Origin {
                    file: home.file.clone(),
                    pointer: format!("{}{rest}", home.pointer),
                };
            }
        }
        Origin {
            file: self.file.to_owned(),
            pointer: pointer.to_owned(),
        }
    }
}

/// A schema with its `$ref`s followed.
struct Resolved {
    node: Value,
    /// The name it was defined under.
    named: Option<String>,
    /// The file and pointer of its definition, when it came through `$bundle`.
    home: Option<(String, String)>,
}

/// Where a property (or array item) schema sits: its pointer, its name, and
/// the named type it belongs to.
struct Site<'a> {
    pointer: String,
    name: &'a str,
    parent_name: &'a str,
    parent: usize,
}

/// A subschema that becomes a named type: where, what it would be called,
/// its exact shape, and the type it was found in.
struct Named {
    pointer: String,
    candidate: String,
    shape: String,
    parent: Option<usize>,
}

struct Collector<'a> {
    root: &'a Path,
    occurrences: Vec<Occurrence>,
    /// The module of each file, for the types defined in it.
    modules: HashMap<String, String>,
}

impl Collector<'_> {
    fn root(&mut self, walker: &Walker<'_>, candidate: String, role: &Role) -> Result<()> {
        let document = walker.document;
        let object = document.get("type").is_none() || type_names(document).contains(&"object");
        if !object || is_enum(document) {
            return Err(self
                .error(
                    walker,
                    "",
                    "the root of a schema file must be an object type",
                )
                .with_hint("each file describes one object type, such as an activity's `info`"));
        }
        let candidate = avoid_reserved(candidate, None);
        // The files a schema carries are for resolving references, not part
        // of its type: the type (and what typify sees of it) goes without them.
        let document = &match document {
            Value::Object(map) => Value::Object(
                map.iter()
                    .filter(|(key, _)| *key != bundle::BUNDLE)
                    .map(|(key, value)| (key.clone(), value.clone()))
                    .collect(),
            ),
            other => other.clone(),
        };
        let shape = match role {
            // A type of its own that other files refer to: the same type
            // wherever it is reached.
            Role::Plain => shape_of(document),
            // A root is its own type even when another file has the same shape:
            // `hotels::Reservation` and `hotels::Confirmation` stay two types.
            _ => format!("root:{}", walker.file),
        };
        let named = Named {
            pointer: String::new(),
            candidate,
            shape,
            parent: None,
        };
        self.visit(walker, document, named, &mut Vec::new())
    }

    fn visit(
        &mut self,
        walker: &Walker<'_>,
        node: &Value,
        named: Named,
        stack: &mut Vec<String>,
    ) -> Result<()> {
        let Named {
            pointer,
            candidate,
            shape,
            parent,
        } = named;
        // Only objects, string enums and alternatives are visited; a root
        // object may list no properties.
        let kind = if is_enum(node) {
            Kind::Enum
        } else if union_branches(node).is_some() {
            Kind::Union
        } else {
            Kind::Struct
        };
        let index = self.occurrences.len();
        self.occurrences.push(Occurrence {
            candidate: candidate.clone(),
            shape,
            kind,
            module: walker.module.clone(),
            file: walker.file.to_owned(),
            origin: walker.origin(&pointer),
            pointer: pointer.clone(),
            parent,
            description: node
                .get("description")
                .and_then(Value::as_str)
                .map(str::to_owned),
            schema: node.clone(),
        });
        if kind == Kind::Enum {
            return Ok(());
        }
        if let Some((keyword, branches)) = union_branches(node) {
            for (number, branch) in branches.iter().enumerate() {
                let site = Site {
                    pointer: format!("{pointer}/{keyword}/{number}"),
                    name: &format!("{candidate}{}", number + 1),
                    parent_name: &candidate,
                    parent: index,
                };
                self.child(walker, branch, site, stack)?;
            }
            return Ok(());
        }
        let properties = node
            .get("properties")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        for (name, child) in &properties {
            let child_pointer = format!("{pointer}/properties/{}", pointer::escape(name));
            let site = Site {
                pointer: child_pointer,
                name,
                parent_name: &candidate,
                parent: index,
            };
            self.child(walker, child, site, stack)?;
        }
        Ok(())
    }

    /// A property (or array item) schema: descends to the named types in it.
    /// The `$ref`s followed on the way stay on `stack` until the descent
    /// ends, so that a type that contains itself is caught.
    fn child(
        &mut self,
        walker: &Walker<'_>,
        node: &Value,
        site: Site<'_>,
        stack: &mut Vec<String>,
    ) -> Result<()> {
        let depth = stack.len();
        let result = self.descend(walker, node, site, stack);
        stack.truncate(depth);
        result
    }

    fn descend(
        &mut self,
        walker: &Walker<'_>,
        node: &Value,
        site: Site<'_>,
        stack: &mut Vec<String>,
    ) -> Result<()> {
        let Site {
            pointer,
            name,
            parent_name,
            parent,
        } = site;
        let Resolved { node, named, home } = self.resolve(walker, node, &pointer, stack)?;
        // Below a reference to another file, types belong to that file's module.
        let moved;
        let walker = match home {
            Some((file, inner)) => {
                moved = Walker {
                    file: walker.file,
                    module: self
                        .modules
                        .get(&file)
                        .cloned()
                        .unwrap_or_else(|| walker.module.clone()),
                    document: walker.document,
                    home: Some(Home {
                        prefix: pointer.clone(),
                        file,
                        pointer: inner,
                    }),
                };
                &moved
            }
            None => walker,
        };
        if node.get("allOf").is_some() {
            return Err(self
                .error(
                    walker,
                    &pointer,
                    "this `allOf`'s parts do not merge into one schema",
                )
                .with_hint("its parts must be objects whose properties differ, or constraints that do not conflict, none of them closed with `additionalProperties: false`"));
        }
        let types = type_names(&node);
        if types
            .iter()
            .any(|t| matches!(*t, "string" | "number" | "integer" | "boolean"))
            && node.get("properties").is_some()
        {
            return Err(self.error(walker, &pointer, format!("a `{}` property declares child properties", types.join("`/`")))
                .with_hint("a scalar cannot hold fields; if this is a table row printed at the wrong depth, see the `mis-nested-row` pass"));
        }
        if is_struct(&node) || is_enum(&node) || union_branches(&node).is_some() {
            // As the author named it: its title, the definition it is, the property.
            let base = title_name(&node).or(named).unwrap_or_else(|| pascal(name));
            let candidate = avoid_reserved(base, Some(parent_name));
            let shape = shape_of(&node);
            stack.push(pointer.clone());
            let named = Named {
                pointer,
                candidate,
                shape,
                parent: Some(parent),
            };
            let result = self.visit(walker, &node, named, stack);
            stack.pop();
            return result;
        }
        if let Some(items) = node.get("items") {
            if items.is_array() {
                return Err(self.error(
                    walker,
                    &format!("{pointer}/items"),
                    "tuple arrays (`items` as an array) are not supported",
                ));
            }
            let items_pointer = format!("{pointer}/items");
            let mut items = items.clone();
            if let (Value::Object(map), Some(description)) =
                (&mut items, node.get("description").and_then(Value::as_str))
            {
                // An array's items carry no description of their own: say what they are one of.
                map.entry("description")
                    .or_insert_with(|| Value::from(format!("One of the `{name}`: {description}")));
            }
            let site = Site {
                pointer: items_pointer,
                name: &singular(name),
                parent_name,
                parent,
            };
            return self.child(walker, &items, site, stack);
        }
        Ok(())
    }

    /// Follows `$ref`s to the schema they name; returns it, the name it was
    /// defined under, and the file and pointer of its definition.
    fn resolve(
        &self,
        walker: &Walker<'_>,
        node: &Value,
        pointer: &str,
        stack: &mut Vec<String>,
    ) -> Result<Resolved> {
        let mut current = node.clone();
        let mut named = None;
        let mut home = None;
        let mut seen = BTreeSet::new();
        while let Some(target) = current
            .get("$ref")
            .and_then(Value::as_str)
            .map(str::to_owned)
        {
            let fragment = target.trim_start_matches('#');
            if !seen.insert(target.clone()) || stack.iter().any(|p| p == fragment) {
                return Err(self.error(
                    walker,
                    pointer,
                    format!(
                        "`$ref` `{target}` refers to itself; recursive types are not supported"
                    ),
                ));
            }
            let Some(resolved) = walker.document.pointer(fragment) else {
                return Err(self.error(
                    walker,
                    pointer,
                    format!("`$ref` `{target}` points nowhere"),
                ));
            };
            named = fragment.rsplit('/').next().map(|token| {
                let token = pointer::unescape(token);
                pascal(
                    token
                        .rsplit('/')
                        .next()
                        .unwrap_or_default()
                        .trim_end_matches(".json"),
                )
            });
            home = bundle::home(fragment).map(|(file, inner)| (file, inner.to_owned()));
            stack.push(fragment.to_owned());
            current = resolved.clone();
        }
        Ok(Resolved {
            node: current,
            named,
            home,
        })
    }

    fn error(&self, walker: &Walker<'_>, pointer: &str, message: impl Into<String>) -> Error {
        Error::schema(self.root.join(walker.file), pointer, message)
    }
}

fn enum_summary(schema: &Value) -> Option<String> {
    let values: Vec<String> = schema
        .get("enum")?
        .as_array()?
        .iter()
        .filter_map(Value::as_str)
        .map(|v| format!("`{v}`"))
        .collect();
    Some(format!("One of {}.", values.join(", ")))
}

/// The type name a schema's `title` gives (`CloudEvent`, `Shop order` →
/// `ShopOrder`), if it holds a word.
fn title_name(schema: &Value) -> Option<String> {
    let title = schema.get("title")?.as_str()?;
    title
        .chars()
        .any(|c| c.is_ascii_alphanumeric())
        .then(|| pascal(title))
}

fn avoid_reserved(candidate: String, parent: Option<&str>) -> String {
    match parent {
        Some(parent)
            if GENERIC.contains(&candidate.as_str())
                || RESERVED_TYPES.contains(&candidate.as_str()) =>
        {
            format!("{parent}{candidate}")
        }
        None if RESERVED_TYPES.contains(&candidate.as_str()) => format!("{candidate}Schema"),
        _ => candidate,
    }
}

pub(super) fn type_names(node: &Value) -> Vec<&str> {
    match node.get("type") {
        Some(Value::String(name)) => vec![name.as_str()],
        Some(Value::Array(names)) => names.iter().filter_map(Value::as_str).collect(),
        _ => vec![],
    }
}

pub(super) fn is_struct(node: &Value) -> bool {
    let object = node.get("type").is_none() || type_names(node).contains(&"object");
    object
        && node
            .get("properties")
            .and_then(Value::as_object)
            .is_some_and(|p| !p.is_empty())
}

/// The keyword (`oneOf`, `anyOf`) and branches of alternatives, if `node` is one.
pub(super) fn union_branches(node: &Value) -> Option<(&'static str, &Vec<Value>)> {
    ["oneOf", "anyOf"]
        .into_iter()
        .find_map(|keyword| Some((keyword, node.get(keyword)?.as_array()?)))
}

pub(super) fn is_enum(node: &Value) -> bool {
    type_names(node).contains(&"string")
        && node
            .get("enum")
            .and_then(Value::as_array)
            .is_some_and(|values| values.iter().all(Value::is_string))
}

/// The exact shape of a type: its schema without its own description or
/// title, nor what a file's root carries beside its type.
fn shape_of(node: &Value) -> String {
    let mut map: Map<String, Value> = node.as_object().cloned().unwrap_or_default();
    for key in [
        "description",
        "title",
        "$schema",
        "$id",
        "$defs",
        "definitions",
    ] {
        map.shift_remove(key);
    }
    Value::Object(map).to_string()
}
