//! Which module a schema file's types go to, and what its root is called.

use std::collections::BTreeMap;

use super::Module;
use crate::load::ENTITIES;
use crate::naming::{self, Names};

/// The file that declares every generated module; include it to use them.
pub const INDEX: &str = "mod.rs";

/// The generator's own module of `ActivityType` and `ActivityInfo`,
/// declared at the crate root.
pub const ACTIVITY_TYPES: &str = "activity_type";

/// The generator's own module of `EventName` and `Event`, declared in the
/// event module.
pub const EVENT_TYPES: &str = "event";

/// The file a module's code is written to.
pub fn file(stem: &str) -> String {
    format!("{stem}.rs")
}

/// Gives each module its output file, in module order: `a::b` → `a_b.rs`.
/// `a::b` and `a_b` flatten to one name, and a module may flatten to one of
/// the generator's own files: a later one takes the first free number
/// (`a_b_2.rs`).
pub(super) fn name_files(modules: &mut BTreeMap<String, Module>) {
    let index = INDEX.strip_suffix(".rs").unwrap_or(INDEX);
    let own = RESERVED.iter().map(|(name, _)| *name);
    let mut stems = Names::reserving(std::iter::once(index).chain(own));
    for module in modules.values_mut() {
        module.file = file(&stems.numbered(&module.name.replace("::", "_"), "_"));
    }
}

/// The module of the file at `path` (relative to the schema folder), as a
/// `::` path: the activity group (`hotels`), `envelope`, or the folders
/// (`backend_events/ecom/` → `backend_events::ecom`). An `entities/` folder holds the shared
/// types of the folder above it, so it adds no module of its own.
pub fn of(path: &str) -> String {
    let mut parts: Vec<&str> = path.split('/').collect();
    let file = parts.pop().unwrap_or_default();
    let folders: Vec<String> = match parts.as_slice() {
        ["activities", group, ..] => vec![naming::snake(group)],
        folders => folders
            .iter()
            .filter(|folder| **folder != ENTITIES)
            .map(|folder| naming::snake(folder))
            .collect(),
    };
    let mut segments = if folders.is_empty() {
        vec![naming::snake(stem(file))]
    } else {
        folders
    };
    for (depth, segment) in segments.iter_mut().enumerate() {
        *segment = reserved_at(depth).primed(segment);
    }
    segments.join("::")
}

/// Where one of the generator's own modules is declared.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Depth {
    /// At the crate root.
    Root,
    /// In any module: the event module is only known once every file's
    /// module is, so its name is kept out of all of them.
    Any,
}

/// The modules the generator declares itself: a schema module of the same
/// name in the same place would be the same Rust module.
const RESERVED: &[(&str, Depth)] = &[(ACTIVITY_TYPES, Depth::Root), (EVENT_TYPES, Depth::Any)];

/// The module names a segment at `depth` may not take.
fn reserved_at(depth: usize) -> Names {
    Names::reserving(
        RESERVED
            .iter()
            .filter(|(_, at)| *at == Depth::Any || depth == 0)
            .map(|(name, _)| *name),
    )
}

/// The file name without `.json`: what the file's root type is named after.
pub fn stem(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.strip_suffix(".json").unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modules_come_from_the_path() {
        assert_eq!(of("activities/e_commerce/cart-add.json"), "e_commerce");
        assert_eq!(stem("activities/e_commerce/cart-add.json"), "cart-add");
        assert_eq!(of("envelope/details.json"), "envelope");
        assert_eq!(of("thing.json"), "thing");
        assert_eq!(of("a/b/thing.json"), "a::b");
        assert_eq!(
            of("backend_events/ecom/cart-created.json"),
            "backend_events::ecom"
        );
        assert_eq!(
            of("backend_events/ecom/entities/money.json"),
            "backend_events::ecom"
        );
        assert_eq!(of("backend_events/metadata.json"), "backend_events");
        assert_eq!(
            of("backend_events/ecom-discounts/x.json"),
            "backend_events::ecom_discounts"
        );
        assert_eq!(of("activities/my-group/x.json"), "my_group");
        assert_eq!(of("activities/type/x.json"), "type_");
        assert_eq!(of("event.json"), "event_");
        assert_eq!(of("a/event/x.json"), "a::event_");
        assert_eq!(of("activity-type.json"), "activity_type_");
        assert_eq!(of("a/activity_type/x.json"), "a::activity_type");
    }

    #[test]
    fn module_files_are_numbered_past_each_other_and_the_generators_own() {
        let mut modules: BTreeMap<String, Module> = ["a::b", "a_b", "event", "mod_", "hotels"]
            .into_iter()
            .map(|name| {
                let module = Module {
                    name: name.to_owned(),
                    doc: None,
                    sources: Vec::new(),
                    file: String::new(),
                    items: Vec::new(),
                };
                (name.to_owned(), module)
            })
            .collect();
        name_files(&mut modules);
        let files: Vec<&str> = modules.values().map(|m| m.file.as_str()).collect();
        assert_eq!(
            files,
            ["a_b.rs", "a_b_2.rs", "event_2.rs", "hotels.rs", "mod_.rs"]
        );
    }
}
