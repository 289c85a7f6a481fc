//! A struct's rules as a static table: `impl JsonRules`, one line per field.
//! Everything else of validation is the runtime's, the same for every type.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::items::ident;
use super::scope::Scope;
use crate::load::Leniency;
use crate::model::{Consistency, Items, Range, Rule, Struct, TextFormat, TextRule, Union};

/// How the table writes the path of a generated type.
pub(super) type TypePath<'a> = &'a mut dyn FnMut(&crate::model::Ty) -> TokenStream;

/// `impl JsonRules` for a struct.
pub(super) fn table(s: &Struct, scope: &Scope, type_path: TypePath<'_>) -> TokenStream {
    let name = ident(&s.name);
    let (json_rules, struct_rules) = (scope.name("JsonRules"), scope.name("StructRules"));
    let strict = s.leniency == Leniency::Strict;
    let fields = s.fields.iter().map(|f| {
        let field_rule = scope.name("FieldRule");
        let (wire, rule) = (&f.wire, rule(&f.rule, scope, type_path));
        let mut tokens = if f.required {
            quote! { #field_rule::required(#wire, #rule) }
        } else if f.expected {
            quote! { #field_rule::expected(#wire, #rule) }
        } else {
            quote! { #field_rule::optional(#wire, #rule) }
        };
        if f.nullable && (f.required || strict) {
            tokens.extend(quote! { .nullable() });
        }
        if !f.aliases.is_empty() {
            let aliases = &f.aliases;
            tokens.extend(quote! { .aliases(&[#(#aliases),*]) });
        }
        quote! { #tokens, }
    });
    let mut table = quote! { #struct_rules::new(&[#(#fields)*]) };
    if s.closed {
        table.extend(quote! { .closed() });
    }
    if strict {
        table.extend(quote! { .strict() });
    }
    let properties = &s.properties;
    if let Some(min) = properties.min.map(Literal::u64_unsuffixed) {
        table.extend(quote! { .min_properties(#min) });
    }
    if let Some(max) = properties.max.map(Literal::u64_unsuffixed) {
        table.extend(quote! { .max_properties(#max) });
    }
    if !properties.dependent.is_empty() {
        let pairs = properties.dependent.iter().map(|(name, needed)| {
            quote! { (#name, &[#(#needed),*]) }
        });
        table.extend(quote! { .dependent_required(&[#(#pairs),*]) });
    }
    if let Some(names) = &properties.names {
        let names = text_rule(names, scope);
        table.extend(quote! { .property_names(#names) });
    }
    if s.lowercase_aliases {
        table.extend(quote! { .lowercase_aliases() });
    }
    if s.warn_unknown && !s.closed {
        table.extend(quote! { .warn_unknown() });
    }
    let pairs: Vec<TokenStream> = s
        .consistency
        .iter()
        .filter_map(|c| match c {
            Consistency::Order { earlier, later } => Some(quote! { (#earlier, #later) }),
            Consistency::Sum { .. } => None,
        })
        .collect();
    if !pairs.is_empty() {
        table.extend(quote! { .ordered(&[#(#pairs),*]) });
    }
    for check in &s.consistency {
        if let Consistency::Sum { total, parts } = check {
            table.extend(quote! { .sum(#total, &[#(#parts),*]) });
        }
    }
    quote! {
        impl #json_rules for #name {
            const RULES: #struct_rules = #table;
        }
    }
}

/// A union's alternatives as a static table, and its `Validate`, which
/// checks its JSON against them.
pub(super) fn union_table(u: &Union, scope: &Scope, type_path: TypePath<'_>) -> TokenStream {
    let name = ident(&u.name);
    let (union, validate) = (scope.name("Union"), scope.name("Validate"));
    let (path, report) = (scope.name("Path"), scope.name("Report"));
    let branches: Vec<TokenStream> = u
        .variants
        .iter()
        .map(|variant| rule(&variant.rule, scope, type_path))
        .collect();
    let mut table = match u.exactly_one {
        true => quote! { #union::one_of(&[#(#branches),*]) },
        false => quote! { #union::any_of(&[#(#branches),*]) },
    };
    if let Some(tag) = &u.tag {
        let values = u
            .variants
            .iter()
            .map(|v| v.tag.as_deref().unwrap_or_default());
        table.extend(quote! { .tagged(#tag, &[#(#values),*]) });
    }
    quote! {
        impl #name {
            /// Its alternatives' rules.
            #[doc(hidden)]
            pub const UNION: #union = #table;
        }

        impl #validate for #name {
            fn validate_into(&self, path: &mut #path, report: &mut #report) {
                wix_activities::validate::check_alternatives(self, &Self::UNION, path, report);
            }
        }
    }
}

fn rule(rule: &Rule, scope: &Scope, type_path: TypePath<'_>) -> TokenStream {
    let name = scope.name("Rule");
    match rule {
        Rule::Text(text) if *text == TextRule::default() => quote! { #name::TEXT },
        Rule::Text(text) => {
            let text = text_rule(text, scope);
            quote! { #name::Text(#text) }
        }
        Rule::StrictText(text) if *text == TextRule::default() => quote! { #name::STRICT_TEXT },
        Rule::StrictText(text) => {
            let text = text_rule(text, scope);
            quote! { #name::StrictText(#text) }
        }
        Rule::Number(range) if *range == Range::default() => quote! { #name::NUMBER },
        Rule::Number(range) => {
            let range = range_rule(range, scope);
            quote! { #name::Number(#range) }
        }
        Rule::Integer(range) if *range == Range::default() => quote! { #name::INTEGER },
        Rule::Integer(range) => {
            let range = range_rule(range, scope);
            quote! { #name::Integer(#range) }
        }
        Rule::StrictNumber(range) if *range == Range::default() => quote! { #name::STRICT_NUMBER },
        Rule::StrictNumber(range) => {
            let range = range_rule(range, scope);
            quote! { #name::StrictNumber(#range) }
        }
        Rule::StrictInteger(range) if *range == Range::default() => {
            quote! { #name::STRICT_INTEGER }
        }
        Rule::StrictInteger(range) => {
            let range = range_rule(range, scope);
            quote! { #name::StrictInteger(#range) }
        }
        Rule::Bool => quote! { #name::Bool },
        Rule::DateTime => quote! { #name::DateTime },
        Rule::Decimal => quote! { #name::Decimal },
        Rule::Int64 => quote! { #name::Int64 },
        Rule::Enum(values) => quote! { #name::Enum(&[#(#values),*]) },
        Rule::ExactEnum(values) => quote! { #name::ExactEnum(&[#(#values),*]) },
        Rule::OpenEnum(values) => quote! { #name::OpenEnum(&[#(#values),*]) },
        Rule::Object(reference) => {
            let path = type_path(&crate::model::Ty::Named(reference.clone()));
            let json_rules = scope.name("JsonRules");
            if json_rules.to_string() == "JsonRules" {
                // The trait is in scope: the short form reads as what it is.
                quote! { #name::Object(&#path::RULES) }
            } else {
                quote! { #name::Object(&<#path as #json_rules>::RULES) }
            }
        }
        Rule::Union(reference) => {
            let path = type_path(&crate::model::Ty::Named(reference.clone()));
            quote! { #name::Union(&#path::UNION) }
        }
        Rule::Array(items, inner) if *items == Items::default() => {
            let inner = self::rule(inner, scope, type_path);
            quote! { #name::array(&#inner) }
        }
        Rule::Array(items, inner) => {
            let (items, inner) = (
                items_rule(items, scope),
                self::rule(inner, scope, type_path),
            );
            quote! { #name::Array(#items, &#inner) }
        }
        Rule::RawArray => quote! { #name::RawArray },
        Rule::RawObject => quote! { #name::RawObject },
        Rule::Any => quote! { #name::Any },
        Rule::External(path) => {
            let path = type_path(&crate::model::Ty::External(path.clone()));
            quote! { #name::External(<#path as wix_activities::validate::ValidateJson>::validate_json_into) }
        }
    }
}

fn text_rule(text: &TextRule, scope: &Scope) -> TokenStream {
    let name = scope.name("Text");
    let mut tokens = match text.format {
        None => quote! { #name::ANY },
        Some(TextFormat::Currency) => quote! { #name::CURRENCY },
        Some(TextFormat::Email) => quote! { #name::EMAIL },
        Some(TextFormat::Url) => quote! { #name::URL },
        Some(TextFormat::Date) => quote! { #name::DATE },
        Some(TextFormat::Time) => quote! { #name::TIME },
        Some(TextFormat::Uuid) => quote! { #name::UUID },
        Some(TextFormat::Ipv4) => quote! { #name::IPV4 },
        Some(TextFormat::Ipv6) => quote! { #name::IPV6 },
        Some(TextFormat::Hostname) => quote! { #name::HOSTNAME },
        Some(TextFormat::UriReference) => quote! { #name::URI_REFERENCE },
    };
    if text.format_is_warning {
        tokens.extend(quote! { .format_is_warning() });
    }
    if let Some(min) = text.min_length.map(Literal::u64_unsuffixed) {
        tokens.extend(quote! { .min_length(#min) });
    }
    if let Some(max) = text.max_length.map(Literal::u64_unsuffixed) {
        tokens.extend(quote! { .max_length(#max) });
    }
    if let Some(constant) = &text.constant {
        tokens.extend(quote! { .constant(#constant) });
    }
    if let Some(pattern) = &text.pattern {
        tokens.extend(quote! { .pattern(#pattern) });
    }
    if text.rest.is_some() {
        tokens.extend(quote! { .or_rest_object() });
    }
    tokens
}

fn range_rule(range: &Range, scope: &Scope) -> TokenStream {
    let mut tokens = {
        let name = scope.name("Range");
        quote! { #name::ANY }
    };
    let bounds = [
        ("minimum", range.minimum),
        ("maximum", range.maximum),
        ("exclusive_minimum", range.exclusive_minimum),
        ("exclusive_maximum", range.exclusive_maximum),
        ("multiple_of", range.multiple_of),
    ];
    for (method, bound) in bounds {
        if let Some(bound) = bound {
            let (method, bound) = (ident(method), Literal::f64_unsuffixed(bound));
            tokens.extend(quote! { .#method(#bound) });
        }
    }
    if let Some(values) = &range.one_of {
        let values = values.iter().map(|v| Literal::f64_unsuffixed(*v));
        tokens.extend(quote! { .one_of(&[#(#values),*]) });
    }
    tokens
}

fn items_rule(items: &Items, scope: &Scope) -> TokenStream {
    let mut tokens = {
        let name = scope.name("Items");
        quote! { #name::ANY }
    };
    if let Some(min) = items.min_items.map(Literal::u64_unsuffixed) {
        tokens.extend(quote! { .min_items(#min) });
    }
    if let Some(max) = items.max_items.map(Literal::u64_unsuffixed) {
        tokens.extend(quote! { .max_items(#max) });
    }
    if items.unique {
        tokens.extend(quote! { .unique() });
    }
    tokens
}
