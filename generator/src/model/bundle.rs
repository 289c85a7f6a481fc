//! References across files, made local: each schema that refers to others
//! gets a copy of every file it reaches under `$bundle`, and every `$ref`
//! (its own `#/$defs/...` ones included) is rewritten to one canonical form,
//! `#/$bundle/<folder-relative path><fragment>`.
//!
//! The canonical form is what lets the later stages stay per-file and still
//! see one type: the `LineItem` of `checkout.json` is spelled the same in
//! every file that reaches it, so its shape is the same everywhere, and the
//! path in the pointer says which file it belongs to.

use std::collections::{BTreeMap, HashMap};

use serde_json::{Map, Value};

use crate::load::refs;
use crate::normalize::NormalizedFile;
use crate::pointer;

/// The key under which a schema carries the files it refers to.
pub(super) const BUNDLE: &str = "$bundle";

/// Makes every schema that holds a `$ref` self-contained; the others are unchanged.
pub(super) fn bundle(files: &[NormalizedFile]) -> Vec<NormalizedFile> {
    // A file's canonical form does not depend on who refers to it: rewrite
    // each file once, noting the files it reaches.
    let rewritten: HashMap<&str, (Value, Vec<String>)> = files
        .iter()
        .map(|file| {
            let mut copy = file.schema.clone();
            let mut reached = Vec::new();
            rewrite(&mut copy, &file.path, &mut reached);
            if let Value::Object(map) = &mut copy {
                map.shift_remove(BUNDLE);
            }
            (file.path.as_str(), (copy, reached))
        })
        .collect();
    files
        .iter()
        .map(|file| {
            let (own, reached) = &rewritten[file.path.as_str()];
            if reached.is_empty() {
                return file.clone();
            }
            let mut embedded: BTreeMap<String, Value> = BTreeMap::new();
            let mut queue = vec![file.path.clone()];
            while let Some(path) = queue.pop() {
                if embedded.contains_key(&path) {
                    continue;
                }
                // The loader checked that every reference names a file.
                let Some((copy, reached)) = rewritten.get(path.as_str()) else {
                    continue;
                };
                queue.extend(reached.iter().cloned());
                embedded.insert(path, copy.clone());
            }
            let mut schema = own.clone();
            if let Value::Object(map) = &mut schema {
                map.insert(
                    BUNDLE.to_owned(),
                    Value::Object(embedded.into_iter().collect::<Map<_, _>>()),
                );
            }
            NormalizedFile {
                schema,
                ..file.clone()
            }
        })
        .collect()
}

/// The canonical `$ref` of `fragment` in the file at `path`.
fn canonical(path: &str, fragment: &str) -> String {
    format!("#/{BUNDLE}/{}{fragment}", pointer::escape(path))
}

/// Rewrites the references of the document at `from`, noting the files they reach.
fn rewrite(value: &mut Value, from: &str, reached: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map.iter_mut() {
                match (key.as_str(), child) {
                    ("$ref", Value::String(target)) => {
                        let resolved = match target.strip_prefix('#') {
                            Some(fragment) => Some((from.to_owned(), fragment.to_owned())),
                            None => refs::resolve(from, target),
                        };
                        if let Some((path, fragment)) = resolved {
                            *target = canonical(&path, &fragment);
                            reached.push(path);
                        }
                    }
                    (_, child) => rewrite(child, from, reached),
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                rewrite(item, from, reached);
            }
        }
        _ => {}
    }
}

/// Where a canonical fragment points: the file and the pointer inside it
/// (`/$bundle/a~1money.json/$defs/X` → (`a/money.json`, `/$defs/X`)).
pub(super) fn home(fragment: &str) -> Option<(String, &str)> {
    let rest = fragment.strip_prefix(&format!("/{BUNDLE}/"))?;
    let (token, inner) = match rest.find('/') {
        Some(at) => (&rest[..at], &rest[at..]),
        None => (rest, ""),
    };
    Some((pointer::unescape(token), inner))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn file(path: &str, schema: Value) -> NormalizedFile {
        NormalizedFile {
            path: path.into(),
            role: crate::load::Role::Plain,
            dialect: crate::load::Dialect::Standard,
            leniency: crate::load::Leniency::Strict,
            schema,
        }
    }

    #[test]
    fn every_reference_becomes_canonical_and_every_reached_file_is_carried() {
        let files = [
            file(
                "e/cart-created.json",
                json!({"properties": {"entity": {"$ref": "entities/cart.json"}}}),
            ),
            file(
                "e/entities/cart.json",
                json!({"properties": {
                    "items": {"items": {"$ref": "#/$defs/Item"}},
                    "total": {"$ref": "money.json"}
                }, "$defs": {"Item": {"properties": {"price": {"$ref": "money.json"}}}}}),
            ),
            file(
                "e/entities/money.json",
                json!({"properties": {"amount": {"type": "string"}}}),
            ),
            file(
                "alone.json",
                json!({"properties": {"a": {"type": "string"}}}),
            ),
        ];
        let bundled = bundle(&files);
        assert_eq!(bundled[3].schema, files[3].schema);
        let event = &bundled[0].schema;
        assert_eq!(
            event["properties"]["entity"]["$ref"],
            "#/$bundle/e~1entities~1cart.json"
        );
        let carried: Vec<&String> = event[BUNDLE].as_object().unwrap().keys().collect();
        assert_eq!(
            carried,
            [
                "e/cart-created.json",
                "e/entities/cart.json",
                "e/entities/money.json"
            ]
        );
        let cart = &event[BUNDLE]["e/entities/cart.json"];
        assert_eq!(
            cart["properties"]["items"]["items"]["$ref"],
            "#/$bundle/e~1entities~1cart.json/$defs/Item"
        );
        // The cart's own file spells its references the same way.
        assert_eq!(
            bundled[1].schema["properties"], cart["properties"],
            "one spelling in every file"
        );
        let target = cart["properties"]["items"]["items"]["$ref"]
            .as_str()
            .unwrap();
        assert!(event.pointer(target.trim_start_matches('#')).is_some());
        assert_eq!(
            home(target.trim_start_matches('#')),
            Some(("e/entities/cart.json".to_owned(), "/$defs/Item"))
        );
    }
}
