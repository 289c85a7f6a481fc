//! Property names as the tables print them, and as clients send them
//! (quirks A3, A4, A5), and the tables' stray characters.

use serde_json::{Map, Value};

use super::{walk_schemas, Change, Document};
use crate::pointer;

/// Given a property name and its siblings, the new name (or `None`).
type Rename<'a> = &'a dyn Fn(&str, &Map<String, Value>) -> Option<String>;

/// Renames keys of every `properties` map by `rename` (which returns the
/// new name, or `None` to keep it), in place, keeping the order. A rename
/// onto a name the map already has is not made.
fn rename_properties(document: &mut Document, pass: Rename<'_>) -> Vec<Change> {
    let mut changes = Vec::new();
    walk_schemas(&mut document.value, "", &mut |schema, pointer| {
        let Some(Value::Object(properties)) = schema.get_mut("properties") else {
            return;
        };
        let renames: Vec<(String, String)> = properties
            .keys()
            .filter_map(|key| {
                pass(key, properties)
                    .filter(|new| new != key && !properties.contains_key(new))
                    .map(|new| (key.clone(), new))
            })
            .collect();
        if renames.is_empty() {
            return;
        }
        let old = std::mem::take(properties);
        for (key, value) in old {
            match renames.iter().find(|(from, _)| *from == key) {
                Some((from, to)) => {
                    changes.push(Change::new(
                        format!("{pointer}/properties/{}", pointer::escape(from)),
                        format!("`{from}`"),
                        format!("`{to}`"),
                    ));
                    properties.insert(to.clone(), value);
                }
                None => {
                    properties.insert(key, value);
                }
            }
        }
    });
    changes
}

/// A property name carrying Markdown emphasis is the name without it: the
/// eCommerce tables print `item**.price`, the bold markers of a table cell
/// left in the path (A3).
pub(super) fn markdown_residue(document: &mut Document) -> Vec<Change> {
    rename_properties(document, &|key, _| {
        key.contains('*')
            .then(|| {
                key.replace('*', "")
                    .trim_start_matches('.')
                    .trim()
                    .to_owned()
            })
            .filter(|k| !k.is_empty())
    })
}

/// A PascalCase property name among camelCase siblings is camelCase: the
/// Social tables print `ItemId`, `ItemType`, `ItemThumbnail` beside
/// `itemUrl`, and the examples send `itemId` (A4); the eCommerce Purchase
/// table prints `coupon.FormattedTotal` beside `total` and `title` (A5).
pub(super) fn property_name_case(document: &mut Document) -> Vec<Change> {
    rename_properties(document, &|key, siblings| {
        let mut chars = key.chars();
        let first = chars.next()?;
        let pascal =
            first.is_ascii_uppercase() && chars.next().is_some_and(|c| c.is_ascii_lowercase());
        let camel_siblings = siblings
            .keys()
            .any(|k| k.starts_with(|c: char| c.is_ascii_lowercase()));
        (pascal && camel_siblings).then(|| first.to_ascii_lowercase().to_string() + &key[1..])
    })
}

/// Two words of a camelCase name that together spell a one-word property
/// name used elsewhere in the folder are that one word: the eCommerce
/// Purchase table prints `subTotal` and `formattedSubTotal` where every
/// other table, and the example, says `subtotal` (A5).
pub(super) fn split_word(document: &mut Document) -> Vec<Change> {
    let corpus = std::sync::Arc::clone(&document.corpus);
    rename_properties(document, &|key, _| {
        let words = crate::naming::words(key);
        for pair in 0..words.len().saturating_sub(1) {
            let joined = format!("{}{}", words[pair], words[pair + 1]).to_ascii_lowercase();
            if corpus.names.contains(&joined) {
                let mut merged: Vec<String> = words[..pair].to_vec();
                merged.push(joined);
                merged.extend(words[pair + 2..].iter().cloned());
                // Back to camelCase: the first word lower case, the others capitalised.
                let mut name = String::new();
                for (index, word) in merged.iter().enumerate() {
                    if index == 0 {
                        name.push_str(&word.to_ascii_lowercase());
                    } else {
                        let mut chars = word.chars();
                        if let Some(first) = chars.next() {
                            name.push(first.to_ascii_uppercase());
                            name.push_str(&chars.as_str().to_ascii_lowercase());
                        }
                    }
                }
                return Some(name);
            }
        }
        None
    })
}

/// A non-breaking space (U+00A0) in a description is a space: the tables
/// were copied from HTML, where `&nbsp;` sits between words and at the ends
/// of cells.
pub(super) fn non_breaking_space(document: &mut Document) -> Vec<Change> {
    let mut changes = Vec::new();
    walk_schemas(&mut document.value, "", &mut |schema, pointer| {
        if let Some(Value::String(text)) = schema.get_mut("description") {
            if text.contains('\u{a0}') {
                let before = format!("{} non-breaking space(s)", text.matches('\u{a0}').count());
                *text = text.replace('\u{a0}', " ");
                changes.push(Change::new(
                    format!("{pointer}/description"),
                    before,
                    "spaces".to_owned(),
                ));
            }
        }
    });
    changes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::Corpus;
    use serde_json::json;

    fn run(pass: fn(&mut Document) -> Vec<Change>, value: Value) -> (Value, Vec<Change>) {
        let mut document = Document::new(value);
        let changes = pass(&mut document);
        (document.value, changes)
    }

    #[test]
    fn markdown_emphasis_is_dropped_from_names() {
        let (value, changes) = run(
            markdown_residue,
            json!({"properties": {"quantity": {}, "**.price": {"type": "number"}, "currency": {}}}),
        );
        assert_eq!(
            value,
            json!({"properties": {"quantity": {}, "price": {"type": "number"}, "currency": {}}})
        );
        assert_eq!(
            serde_json::to_string(&value).unwrap(),
            r#"{"properties":{"quantity":{},"price":{"type":"number"},"currency":{}}}"#
        );
        assert_eq!(
            changes,
            vec![Change::new("/properties/**.price", "`**.price`", "`price`")]
        );
    }

    #[test]
    fn pascal_case_names_among_camel_case_siblings_are_camel_case() {
        let (value, changes) = run(
            property_name_case,
            json!({"properties": {"itemUrl": {}, "ItemThumbnail": {}, "ItemId": {}}}),
        );
        assert_eq!(
            value,
            json!({"properties": {"itemUrl": {}, "itemThumbnail": {}, "itemId": {}}})
        );
        assert_eq!(changes.len(), 2);
        // Without camelCase siblings there is nothing to agree with.
        let alone = json!({"properties": {"Id": {}, "URL": {}}});
        assert_eq!(run(property_name_case, alone.clone()), (alone, vec![]));
    }

    #[test]
    fn words_that_spell_a_known_name_are_joined() {
        let corpus = Corpus {
            names: ["subtotal".to_owned(), "total".to_owned()].into(),
            ..Corpus::default()
        };
        let mut document = Document {
            corpus: corpus.into(),
            ..Document::new(json!({"properties": {
                "total": {}, "subTotal": {}, "formattedSubTotal": {}, "timeZone": {}
            }}))
        };
        let changes = split_word(&mut document);
        assert_eq!(
            document.value,
            json!({"properties": {"total": {}, "subtotal": {}, "formattedSubtotal": {}, "timeZone": {}}})
        );
        assert_eq!(
            changes[1],
            Change::new(
                "/properties/formattedSubTotal",
                "`formattedSubTotal`",
                "`formattedSubtotal`"
            )
        );
    }

    #[test]
    fn non_breaking_spaces_become_spaces() {
        let (value, changes) = run(
            non_breaking_space,
            json!({"properties": {"a": {"description": "Currency\u{a0}code"}}}),
        );
        assert_eq!(
            value,
            json!({"properties": {"a": {"description": "Currency code"}}})
        );
        assert_eq!(
            changes,
            vec![Change::new(
                "/properties/a/description",
                "1 non-breaking space(s)",
                "spaces"
            )]
        );
    }
}
