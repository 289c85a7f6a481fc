//! Rust names from wire names: cases, plurals, keywords; and names kept
//! distinct within one namespace.

use std::collections::BTreeSet;

/// Words that cannot be identifiers; a field named so gets a trailing `_`.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "try",
    "type", "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield",
];

/// Type names the generated code uses unqualified; a schema type may not take them.
pub const RESERVED_TYPES: &[&str] = &[
    "Box",
    "DateTime",
    "Deserialize",
    "Error",
    "Map",
    "Number",
    "Option",
    "Result",
    "Serialize",
    "String",
    "Value",
    "Vec",
    "Self",
];

/// The words of a wire name: split at `_`, `-`, `.`, spaces and other
/// punctuation, and before an upper-case letter that follows a lower-case
/// letter or digit (`additionalInfoUrl` → additional, info, url). Other
/// scripts and emoji are spelled in ASCII first (`größe` → grosse, `🚀` →
/// rocket), so that a name keeps its meaning and stays a plain identifier.
pub fn words(name: &str) -> Vec<String> {
    let spelled;
    let name = if name.is_ascii() {
        name
    } else {
        spelled = deunicode::deunicode(name);
        spelled.as_str()
    };
    let mut words = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = name.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            continue;
        }
        let boundary = c.is_ascii_uppercase()
            && i > 0
            && (chars[i - 1].is_ascii_lowercase()
                || chars[i - 1].is_ascii_digit()
                || (chars[i - 1].is_ascii_uppercase()
                    && chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase())));
        if boundary && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        current.push(c);
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// `additionalInfoUrl` → `AdditionalInfoUrl`; `GOOGLE_PLUS` → `GooglePlus`.
pub fn pascal(name: &str) -> String {
    let mut out = String::new();
    for word in words(name) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars.map(|c| c.to_ascii_lowercase()));
        }
    }
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'V');
    }
    if KEYWORDS.contains(&out.as_str()) {
        out.push('_');
    }
    out
}

/// `additionalInfoUrl` → `additional_info_url`; `type` → `type_`.
pub fn snake(name: &str) -> String {
    let mut out = words(name)
        .iter()
        .map(|w| w.to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join("_");
    if out.is_empty() {
        out.push_str("field");
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert_str(0, "n_");
    }
    if KEYWORDS.contains(&out.as_str()) {
        out.push('_');
    }
    out
}

/// The name of one element of a collection named `name` (`rates` → `rate`).
pub fn singular(name: &str) -> String {
    const SAME: &[&str] = &[
        "media", "metadata", "content", "data", "info", "news", "series", "status", "address",
    ];
    let lower = name.to_ascii_lowercase();
    if SAME.iter().any(|s| lower.ends_with(s)) {
        return name.to_owned();
    }
    for (plural, single) in [
        ("ies", "y"),
        ("sses", "ss"),
        ("xes", "x"),
        ("ches", "ch"),
        ("shes", "sh"),
        ("es", "e"),
        ("s", ""),
    ] {
        if lower.ends_with(plural) && !lower.ends_with("ss") && name.len() > plural.len() + 1 {
            // `addresses`: "sses" → "ss"; `taxes` → `tax`; `amenities` → `amenity`; `rates` → `rate`.
            return format!("{}{single}", &name[..name.len() - plural.len()]);
        }
    }
    name.to_owned()
}

/// What serde's `rename_all = "camelCase"` makes of a field identifier.
pub fn serde_camel(ident: &str) -> String {
    let ident = ident.strip_prefix("r#").unwrap_or(ident);
    let mut pascal = String::new();
    let mut capitalize = true;
    for c in ident.chars() {
        if c == '_' {
            capitalize = true;
        } else if capitalize {
            pascal.push(c.to_ascii_uppercase());
            capitalize = false;
        } else {
            pascal.push(c);
        }
    }
    let mut chars = pascal.chars();
    match chars.next() {
        Some(first) => first.to_ascii_lowercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

/// serde's `rename_all` rules for enum variants that the renderer may use.
pub const VARIANT_RULES: &[&str] = &[
    "SCREAMING_SNAKE_CASE",
    "lowercase",
    "UPPERCASE",
    "snake_case",
    "kebab-case",
    "camelCase",
];

/// What serde's `rename_all = rule` makes of a PascalCase variant identifier.
pub fn serde_variant(rule: &str, variant: &str) -> String {
    let snake = {
        let mut out = String::new();
        for (i, c) in variant.char_indices() {
            if i > 0 && c.is_uppercase() {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        }
        out
    };
    match rule {
        "SCREAMING_SNAKE_CASE" => snake.to_ascii_uppercase(),
        "lowercase" => variant.to_ascii_lowercase(),
        "UPPERCASE" => variant.to_ascii_uppercase(),
        "snake_case" => snake,
        "kebab-case" => snake.replace('_', "-"),
        "camelCase" => {
            let mut chars = variant.chars();
            chars
                .next()
                .map(|c| c.to_ascii_lowercase().to_string() + chars.as_str())
                .unwrap_or_default()
        }
        _ => variant.to_owned(),
    }
}

/// The names taken in one namespace (a module's types, a struct's fields,
/// the output folder's files): each name given out is new in it.
#[derive(Clone, Debug, Default)]
pub struct Names {
    taken: BTreeSet<String>,
}

impl Names {
    /// A namespace where nothing is taken yet.
    pub fn new() -> Names {
        Names::default()
    }

    /// A namespace whose `reserved` names are already someone else's.
    pub fn reserving<I, S>(reserved: I) -> Names
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Names {
            taken: reserved.into_iter().map(Into::into).collect(),
        }
    }

    /// Whether `name` is taken.
    pub fn contains(&self, name: &str) -> bool {
        self.taken.contains(name)
    }

    /// `name`, or else the first of `name{separator}2`, `name{separator}3`,
    /// … that is free; taken from now on. Counting starts at 2 because the
    /// bare name is the first.
    pub fn numbered(&mut self, name: &str, separator: &str) -> String {
        let mut candidate = name.to_owned();
        let mut number = 1;
        while !self.taken.insert(candidate.clone()) {
            number += 1;
            candidate = format!("{name}{separator}{number}");
        }
        candidate
    }

    /// `name`, or else the first of `name_`, `name__`, … that is free;
    /// taken from now on. For identifiers, where a number would read as
    /// part of the wire name (`with_self_` beside `with_self`, not
    /// `with_self2`).
    pub fn primed(&mut self, name: &str) -> String {
        let mut candidate = name.to_owned();
        while !self.taken.insert(candidate.clone()) {
            candidate.push('_');
        }
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cases() {
        assert_eq!(pascal("additionalInfoUrl"), "AdditionalInfoUrl");
        assert_eq!(pascal("GOOGLE_PLUS"), "GooglePlus");
        assert_eq!(pascal("e_commerce"), "ECommerce");
        assert_eq!(pascal("cart-add"), "CartAdd");
        assert_eq!(pascal("openId"), "OpenId");
        assert_eq!(pascal("3d"), "V3d");
        assert_eq!(snake("additionalInfoUrl"), "additional_info_url");
        assert_eq!(snake("ItemThumbnail"), "item_thumbnail");
        assert_eq!(snake("**.price"), "price");
        assert_eq!(snake("type"), "type_");
        assert_eq!(snake("_id"), "id");
        assert_eq!(snake("HTTPServer"), "http_server");
        assert_eq!(snake(""), "field");
    }

    #[test]
    fn other_scripts_and_emoji_are_spelled_in_ascii() {
        assert_eq!(snake("größe"), "grosse");
        assert_eq!(pascal("über"), "Uber");
        assert_eq!(pascal("🚀 ship"), "RocketShip");
        assert_eq!(snake("日本"), "ri_ben");
    }

    #[test]
    fn plurals() {
        for (plural, single) in [
            ("rates", "rate"),
            ("taxes", "tax"),
            ("rooms", "room"),
            ("amenities", "amenity"),
            ("attendees", "attendee"),
            ("additionalFields", "additionalField"),
            ("media", "media"),
            ("metadata", "metadata"),
            ("content", "content"),
            ("addresses", "address"),
            ("items", "item"),
            ("variants", "variant"),
            ("beds", "bed"),
            ("class", "class"),
        ] {
            assert_eq!(singular(plural), single, "{plural}");
        }
    }

    #[test]
    fn serde_rules_match_serde() {
        assert_eq!(serde_camel("additional_info_url"), "additionalInfoUrl");
        assert_eq!(serde_camel("type_"), "type");
        assert_eq!(
            serde_variant("SCREAMING_SNAKE_CASE", "GooglePlus"),
            "GOOGLE_PLUS"
        );
        assert_eq!(serde_variant("lowercase", "Chat"), "chat");
    }

    #[test]
    fn numbered_names_take_the_first_free_number() {
        let mut names = Names::reserving(["mod"]);
        assert_eq!(names.numbered("a_b", "_"), "a_b");
        assert_eq!(names.numbered("a_b", "_"), "a_b_2");
        assert_eq!(names.numbered("a_b", "_"), "a_b_3");
        assert_eq!(names.numbered("mod", "_"), "mod_2");
        // A name that a number made is taken like any other.
        assert_eq!(names.numbered("a_b_2", "_"), "a_b_2_2");
        assert_eq!(names.numbered("Item", ""), "Item");
        assert_eq!(names.numbered("Item", ""), "Item2");
        assert!(names.contains("Item2"));
        assert!(!names.contains("Item3"));
    }

    #[test]
    fn primed_names_add_underscores_until_free() {
        let mut names = Names::reserving(["new"]);
        assert_eq!(names.primed("with_self"), "with_self");
        assert_eq!(names.primed("with_self"), "with_self_");
        assert_eq!(names.primed("with_self"), "with_self__");
        assert_eq!(names.primed("new"), "new_");
        assert_eq!(names.primed("with_self_"), "with_self___");
        let mut fresh = Names::new();
        assert_eq!(fresh.primed("a"), "a");
    }
}
