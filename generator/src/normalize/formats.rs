//! Formats the tables state in words: currency codes, emails, URLs.

use serde_json::Value;

use super::{walk_schemas, Change, Document};
use crate::pointer;

/// A text property whose name or description says what it holds gets the
/// matching `format`, so that validation can check it: `currency` or
/// "Currency code (i.e, EUR, USD, CAD)" is an ISO 4217 code (`currency`, a
/// format of this generator's; other validators ignore it), `email` an
/// email address, `url`, `…Url`, `…Link` or a description naming a URL an
/// absolute URL (`uri`).
pub(super) fn implied_format(document: &mut Document) -> Vec<Change> {
    let mut changes = Vec::new();
    walk_schemas(&mut document.value, "", &mut |schema, pointer| {
        let Some(Value::Object(properties)) = schema.get_mut("properties") else {
            return;
        };
        for (name, property) in properties.iter_mut() {
            let Value::Object(property) = property else {
                continue;
            };
            let is_text = property.get("type").and_then(Value::as_str) == Some("string");
            if !is_text || property.contains_key("format") || property.contains_key("enum") {
                continue;
            }
            let description = property
                .get("description")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let Some((format, because)) = implied(name, description) else {
                continue;
            };
            let at = property
                .keys()
                .position(|k| k == "type")
                .map_or(property.len(), |i| i + 1);
            property.shift_insert(at, "format".into(), Value::from(format));
            changes.push(Change::new(
                format!("{pointer}/properties/{}", pointer::escape(name)),
                because,
                format!("`format: \"{format}\"`"),
            ));
        }
    });
    changes
}

/// A `number` named as money (a price, a total, a subtotal, an amount, a
/// tax, a fee, a cost, a discount) beside a `currency`, or in an object
/// inside one with a `currency` (a purchase's `payment.coupon.total`), is
/// an amount of that currency: it gets `format: "decimal"`, so that it is an exact decimal
/// that adds up to the cent, as the events' money is, and not an `f64`. A
/// number in an object without a currency (a guest count) or not named as
/// money (a weight) stays a number.
pub(super) fn money_amount(document: &mut Document) -> Vec<Change> {
    let mut with_currency: Vec<String> = Vec::new();
    walk_schemas(&mut document.value, "", &mut |schema, pointer| {
        if let Some(Value::Object(properties)) = schema.get("properties") {
            if properties.contains_key("currency") {
                with_currency.push(pointer.to_owned());
            }
        }
    });
    let in_currency = |pointer: &str| {
        with_currency
            .iter()
            .any(|outer| pointer == outer || pointer.starts_with(&format!("{outer}/")))
    };
    let mut changes = Vec::new();
    walk_schemas(&mut document.value, "", &mut |schema, pointer| {
        let Some(Value::Object(properties)) = schema.get_mut("properties") else {
            return;
        };
        if !in_currency(pointer) {
            return;
        }
        for (name, property) in properties.iter_mut() {
            let Value::Object(property) = property else {
                continue;
            };
            let is_number = property.get("type").and_then(Value::as_str) == Some("number");
            if !is_number || property.contains_key("format") || !is_money(name) {
                continue;
            }
            let at = property
                .keys()
                .position(|k| k == "type")
                .map_or(property.len(), |i| i + 1);
            property.shift_insert(at, "format".into(), Value::from("decimal"));
            changes.push(Change::new(
                format!("{pointer}/properties/{}", pointer::escape(name)),
                "a number named as money, with a `currency`: an amount of it",
                "`format: \"decimal\"`",
            ));
        }
    });
    changes
}

fn is_money(name: &str) -> bool {
    const WORDS: &[&str] = &[
        "price", "total", "amount", "tax", "fee", "cost", "discount", "refund",
    ];
    let lower = name.to_ascii_lowercase();
    WORDS.iter().any(|word| lower.contains(word))
}

fn implied(name: &str, description: &str) -> Option<(&'static str, String)> {
    let lower = description.to_ascii_lowercase();
    if name == "currency" || name.ends_with("Currency") {
        return Some(("currency", format!("named `{name}`")));
    }
    if lower.contains("currency code") {
        return Some(("currency", "described as a currency code".to_owned()));
    }
    if name == "email" || name.ends_with("Email") {
        return Some(("email", format!("named `{name}`")));
    }
    if name == "url" || name.ends_with("Url") || name == "link" || name.ends_with("Link") {
        return Some(("uri", format!("named `{name}`")));
    }
    if description
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|word| word == "URL")
    {
        return Some(("uri", "described as a URL".to_owned()));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn names_and_descriptions_imply_formats() {
        let mut document = Document::new(json!({"properties": {
            "currency": {"type": "string", "description": "Currency code (i.e, EUR, USD, CAD)"},
            "email": {"type": "string"},
            "infoLink": {"type": "string", "description": "URL for more details"},
            "thumbnail": {"type": "string", "description": "Link to the thumbnail"},
            "title": {"type": "string"},
            "at": {"type": "string", "format": "date-time"},
            "kind": {"type": "string", "enum": ["URL"]}
        }}));
        let changes = implied_format(&mut document);
        let properties = &document.value["properties"];
        assert_eq!(properties["currency"]["format"], "currency");
        assert_eq!(properties["email"]["format"], "email");
        assert_eq!(properties["infoLink"]["format"], "uri");
        assert!(
            properties["thumbnail"].get("format").is_none(),
            "a link to an image may be an image ID"
        );
        assert!(properties["title"].get("format").is_none());
        assert_eq!(properties["at"]["format"], "date-time");
        assert_eq!(changes.len(), 3);
        assert_eq!(
            changes[0],
            Change::new(
                "/properties/currency",
                "named `currency`",
                "`format: \"currency\"`"
            )
        );
        assert_eq!(
            serde_json::to_string(&properties["currency"]).unwrap(),
            r#"{"type":"string","format":"currency","description":"Currency code (i.e, EUR, USD, CAD)"}"#
        );
    }
}
