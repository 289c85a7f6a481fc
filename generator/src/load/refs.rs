//! References between schema files: `{"$ref": "money.json"}`,
//! `{"$ref": "../metadata.json"}`, `{"$ref": "checkout.json#/$defs/LineItem"}`.
//!
//! A reference names another file by its path relative to the referring
//! file, and optionally a JSON pointer into it. Nothing outside the schema
//! folder can be named: no URLs, no absolute paths, no `..` above the root.

use std::path::Path;

use serde_json::Value;

use super::SchemaFile;
use crate::error::Error;
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
/// folder, and a place that exists in it; every one that does not. A
/// reference to one of the `unread` files (which have errors of their own)
/// is not judged.
pub(super) fn check(root: &Path, files: &[SchemaFile], unread: &[String]) -> Vec<Error> {
    let mut errors = Vec::new();
    for file in files {
        let mut found = Vec::new();
        collect(&file.document, String::new(), &mut found);
        for (pointer, target) in found {
            if target.starts_with('#') {
                continue;
            }
            let error = |message: String| Error::schema(root.join(&file.path), &pointer, message);
            let Some((path, fragment)) = resolve(&file.path, &target) else {
                errors.push(error(format!(
                    "`$ref` `{target}` points outside the schema folder"
                )));
                continue;
            };
            let Some(other) = files.iter().find(|f| f.path == path) else {
                if unread.contains(&path) {
                    continue;
                }
                errors.push(
                    error(format!("`$ref` `{target}` names no schema file")).with_hint(format!(
                    "there is no `{path}` in the schema folder; the path is relative to this file"
                )),
                );
                continue;
            };
            if other.document.pointer(&fragment).is_none() {
                errors.push(error(format!(
                    "`$ref` `{target}` points nowhere: `{path}` has nothing at `{fragment}`"
                )));
            }
        }
    }
    errors
}

/// Every set of `$ref`s that makes a type contain itself, one error each,
/// located at its first `$ref` as written: a `$ref` whose target holds a
/// `$ref` whose target holds … the first again. (References that point
/// nowhere are [`check`]'s to report.)
pub(super) fn cycles(root: &Path, files: &[SchemaFile]) -> Vec<Error> {
    let mut refs = Vec::new();
    for file in files {
        let mut found = Vec::new();
        collect(&file.document, String::new(), &mut found);
        for (at, target) in found {
            let resolved = match target.strip_prefix('#') {
                Some(fragment) => Some((file.path.clone(), fragment.to_owned())),
                None => resolve(&file.path, &target),
            };
            if let Some((target_file, target_pointer)) = resolved {
                let object = at.strip_suffix("/$ref").unwrap_or(&at).to_owned();
                refs.push(Edge {
                    file: &file.path,
                    at,
                    object,
                    target,
                    target_file,
                    target_pointer,
                });
            }
        }
    }
    // R → S when S lies inside what R names: expanding R expands S.
    let next: Vec<Vec<usize>> = refs
        .iter()
        .map(|r| {
            refs.iter()
                .enumerate()
                .filter(|(_, s)| {
                    s.file == r.target_file
                        && (r.target_pointer.is_empty()
                            || s.object == r.target_pointer
                            || s.object.starts_with(&format!("{}/", r.target_pointer)))
                })
                .map(|(index, _)| index)
                .collect()
        })
        .collect();
    strongly_connected(&next)
        .into_iter()
        .filter(|members| members.len() > 1 || next[members[0]].contains(&members[0]))
        .map(|members| {
            let first = &refs[members[0]];
            let others: Vec<String> = members[1..]
                .iter()
                .map(|&m| format!("`{}#{}`", refs[m].file, refs[m].at))
                .collect();
            let through = if others.is_empty() {
                String::new()
            } else {
                format!(", through {}", others.join(", "))
            };
            Error::schema(
                root.join(first.file),
                &first.at,
                format!(
                    "`$ref` `{}` makes a type contain itself{through}; recursive types are not supported",
                    first.target
                ),
            )
            .with_hint("describe the nested value without referring back, or as `{}` (any JSON)")
        })
        .collect()
}

/// A `$ref` where it is written, and the place it names.
struct Edge<'a> {
    file: &'a str,
    /// The pointer of the `$ref` key.
    at: String,
    /// The pointer of the object holding it.
    object: String,
    /// The reference as written.
    target: String,
    target_file: String,
    target_pointer: String,
}

/// The strongly connected components of the graph `next` (Tarjan's
/// algorithm, iterative so that no input can exhaust the stack), each
/// sorted, in the order of their smallest node.
fn strongly_connected(next: &[Vec<usize>]) -> Vec<Vec<usize>> {
    const UNSEEN: usize = usize::MAX;
    let mut index = vec![UNSEEN; next.len()];
    let mut low = vec![0; next.len()];
    let mut on_stack = vec![false; next.len()];
    let mut stack = Vec::new();
    let mut components = Vec::new();
    let mut counter = 0;
    for start in 0..next.len() {
        if index[start] != UNSEEN {
            continue;
        }
        // (node, how many of its successors are done)
        let mut work = vec![(start, 0)];
        while let Some(&mut (node, ref mut done)) = work.last_mut() {
            if *done == 0 && index[node] == UNSEEN {
                index[node] = counter;
                low[node] = counter;
                counter += 1;
                stack.push(node);
                on_stack[node] = true;
            }
            if let Some(&successor) = next[node].get(*done) {
                *done += 1;
                if index[successor] == UNSEEN {
                    work.push((successor, 0));
                } else if on_stack[successor] {
                    low[node] = low[node].min(index[successor]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == index[node] {
                let mut members = Vec::new();
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    members.push(member);
                    if member == node {
                        break;
                    }
                }
                members.sort_unstable();
                components.push(members);
            }
        }
    }
    components.sort();
    components
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

    #[test]
    fn components_are_found_without_recursion() {
        // 0 → 1 → 2 → 0, 3 → 3, 4 → 0; and a chain long enough to overflow
        // a recursive walk.
        let mut next = vec![vec![1], vec![2], vec![0], vec![3], vec![0]];
        let long = 200_000;
        let base = next.len();
        next.extend((0..long).map(|i| {
            if i + 1 < long {
                vec![base + i + 1]
            } else {
                vec![]
            }
        }));
        let components = strongly_connected(&next);
        assert_eq!(components[0], [0, 1, 2]);
        assert!(components.contains(&vec![3]));
        assert!(components.contains(&vec![4]));
        assert_eq!(components.len(), 3 + long);
    }
}
