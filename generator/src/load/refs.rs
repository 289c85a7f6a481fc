//! References between schema files: `{"$ref": "money.json"}`,
//! `{"$ref": "../metadata.json"}`, `{"$ref": "checkout.json#/$defs/LineItem"}`.
//!
//! A reference names another file by its path relative to the referring
//! file, and optionally a JSON pointer into it. Nothing outside the schema
//! folder can be named: no URLs, no absolute paths, no `..` above the root.

use std::path::Path;

use serde_json::Value;

use super::SchemaFile;
use crate::error::{Error, Result};
use crate::pointer;

/// Splits a reference to another file into its path and fragment
/// (`checkout.json#/$defs/LineItem` → (`checkout.json`, `/$defs/LineItem`));
/// `None` for what is not a relative reference to a `.json` file.
pub fn split(target: &str) -> Option<(&str, &str)> {
    let (path, fragment) = target.split_once('#').unwrap_or((target, ""));
    let relative = !path.is_empty()
        && path.ends_with(".json")
        && !path.starts_with('/')
        && !path.contains(':')
        && !path.contains('\\');
    relative.then_some((path, fragment))
}

/// The folder-relative path that `target` names from the file `from` (both
/// `/`-separated), and the fragment; `None` when it climbs above the folder.
pub fn resolve(from: &str, target: &str) -> Option<(String, String)> {
    let (path, fragment) = split(target)?;
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            name => parts.push(name),
        }
    }
    Some((parts.join("/"), fragment.to_owned()))
}

/// Checks that every reference to another file names a schema file of the
/// folder, and a place that exists in it.
pub(super) fn check(root: &Path, files: &[SchemaFile]) -> Result<()> {
    for file in files {
        let mut found = Vec::new();
        collect(&file.document, String::new(), &mut found);
        for (pointer, target) in found {
            if target.starts_with('#') {
                continue;
            }
            let error = |message: String| Error::schema(root.join(&file.path), &pointer, message);
            let Some((path, fragment)) = resolve(&file.path, &target) else {
                return Err(error(format!(
                    "`$ref` `{target}` points outside the schema folder"
                )));
            };
            let Some(other) = files.iter().find(|f| f.path == path) else {
                return Err(
                    error(format!("`$ref` `{target}` names no schema file")).with_hint(format!(
                    "there is no `{path}` in the schema folder; the path is relative to this file"
                )),
                );
            };
            if other.document.pointer(&fragment).is_none() {
                return Err(error(format!(
                    "`$ref` `{target}` points nowhere: `{path}` has nothing at `{fragment}`"
                )));
            }
        }
    }
    Ok(())
}

/// Every `$ref` string in `value`, with the JSON pointer of the `$ref` key.
pub(crate) fn collect(value: &Value, pointer: String, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let child_pointer = format!("{pointer}/{}", pointer::escape(key));
                match (key.as_str(), child) {
                    ("$ref", Value::String(target)) => out.push((child_pointer, target.clone())),
                    _ => collect(child, child_pointer, out),
                }
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                collect(item, format!("{pointer}/{index}"), out);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_resolve_relative_to_the_referring_file() {
        let resolved = |from, target| resolve(from, target);
        assert_eq!(
            resolved("events/ecom/cart-created.json", "entities/cart.json"),
            Some(("events/ecom/entities/cart.json".into(), String::new()))
        );
        assert_eq!(
            resolved("events/ecom/cart-created.json", "../metadata.json"),
            Some(("events/metadata.json".into(), String::new()))
        );
        assert_eq!(
            resolved(
                "events/ecom/entities/cart.json",
                "./checkout.json#/$defs/LineItem"
            ),
            Some((
                "events/ecom/entities/checkout.json".into(),
                "/$defs/LineItem".into()
            ))
        );
        assert_eq!(resolved("a.json", "../b.json"), None);
        assert_eq!(resolved("a/b.json", "https://example.com/c.json"), None);
        assert_eq!(resolved("a/b.json", "/etc/c.json"), None);
        assert_eq!(resolved("a/b.json", "c.yaml"), None);
    }
}
