//! Stage 4b: the validation code of each type, from the same model as the types.
//!
//! Each struct gets two impls that apply one rule set: `Validate` on the
//! typed value (what serde cannot express: required text left empty,
//! formats, ranges, lengths, undocumented fields where forbidden) and
//! `ValidateJson` on raw JSON (the same, plus what would stop the payload
//! from parsing: missing properties, wrong JSON types). Both call the
//! runtime's `validate::check` functions, so messages agree. Two warnings
//! come from names, as rules: date-time pairs `start`/`end`,
//! `checkin`/`checkout` and `from`/`until` must be in order, and a number
//! `total` beside numbers `adults` and `children` is their sum.

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

use crate::model::{Field, Struct, Ty};

/// Date-time pairs that must be in order.
const ORDERED: &[(&str, &str)] = &[("start", "end"), ("checkin", "checkout"), ("from", "until")];

/// How the renderer writes a type's path in the current module.
pub(crate) type TypePath<'a> = &'a mut dyn FnMut(&Ty) -> TokenStream;

/// Looks up the wire values of a generated enum.
pub(crate) type EnumValues<'a> = &'a dyn Fn(&crate::model::TypeRef) -> Vec<String>;

/// `impl Validate`, the static `JsonRules` table and `impl ValidateJson` for a struct.
pub(crate) fn structure(
    s: &Struct,
    extra: &str,
    type_path: TypePath<'_>,
    enum_values: EnumValues<'_>,
) -> TokenStream {
    let name = crate::render::ident(&s.name);
    let typed: Vec<TokenStream> = s.fields.iter().filter_map(typed_field).collect();
    let fields: Vec<TokenStream> = s
        .fields
        .iter()
        .map(|f| {
            let (wire, alias, required) = (&f.wire, f.wire.to_ascii_lowercase(), f.required);
            let rule = rule(&f.ty, &f.schema, type_path, enum_values);
            quote! { FieldRule { wire: #wire, alias: #alias, required: #required, rule: #rule }, }
        })
        .collect();
    let extra_ident = crate::render::ident(extra);
    let closed = s.closed;
    let typed_extra = if closed {
        quote! { check::no_extra(&self.#extra_ident, path, report); }
    } else {
        TokenStream::new()
    };
    let (typed_rules, order, sum) = consistency(s);
    let typed_body = if typed.is_empty() && typed_extra.is_empty() && typed_rules.is_empty() {
        quote! { let _ = (path, report); }
    } else {
        quote! { #(#typed)* #typed_extra #typed_rules }
    };
    quote! {
        impl Validate for #name {
            fn validate_into(&self, path: &mut Path, report: &mut Report) {
                #typed_body
            }
        }

        impl JsonRules for #name {
            const RULES: StructRules = StructRules {
                fields: &[#(#fields)*],
                closed: #closed,
                order: &[#(#order),*],
                sum: #sum,
            };
        }

        impl ValidateJson for #name {
            fn validate_json_into(value: &serde_json::Value, path: &mut Path, report: &mut Report) {
                walk::value(value, &Self::RULES, path, report);
            }
        }
    }
}

/// The raw-JSON rule of a value of type `ty`.
fn rule(
    ty: &Ty,
    schema: &Value,
    type_path: TypePath<'_>,
    enum_values: EnumValues<'_>,
) -> TokenStream {
    match ty {
        Ty::String => {
            let rules = text_rules(schema);
            quote! { Rule::Text(#rules) }
        }
        Ty::Number => {
            let rules = range_rules(schema);
            quote! { Rule::Number(#rules) }
        }
        Ty::Integer => {
            let rules = range_rules(schema);
            quote! { Rule::Integer(#rules) }
        }
        Ty::Bool => quote! { Rule::Bool },
        Ty::DateTime => quote! { Rule::DateTime },
        Ty::Decimal => quote! { Rule::Decimal },
        Ty::Int64 => quote! { Rule::Int64 },
        Ty::Json if items_are_objects(schema) => {
            quote! { Rule::Array(check::Items::ANY, &Rule::RawObject) }
        }
        Ty::Json if schema.get("type").and_then(Value::as_str) == Some("array") => {
            quote! { Rule::RawArray }
        }
        Ty::Json => quote! { Rule::Any },
        Ty::JsonObject => quote! { Rule::RawObject },
        Ty::Vec(inner) => {
            let rules = items_rules(schema);
            let items = schema.get("items").cloned().unwrap_or(Value::Null);
            let inner = match inner.as_ref() {
                // Typed arrays of text are strict: serde reads their items as strings only.
                Ty::String => {
                    let rules = text_rules(&items);
                    quote! { Rule::StrictText(#rules) }
                }
                other => rule(other, &items, type_path, enum_values),
            };
            quote! { Rule::Array(#rules, &#inner) }
        }
        Ty::Named(reference) if reference.is_enum => {
            let values = enum_values(reference);
            quote! { Rule::Enum(&[#(#values),*]) }
        }
        Ty::Named(_) => {
            let path = type_path(ty);
            quote! { Rule::Object(&<#path as JsonRules>::RULES) }
        }
        Ty::External(_) => {
            let path = type_path(ty);
            quote! { Rule::External(<#path as ValidateJson>::validate_json_into) }
        }
    }
}

/// The typed check of one field, if it has anything to check.
fn typed_field(field: &Field) -> Option<TokenStream> {
    let ident = crate::render::ident(&field.ident);
    let wire = &field.wire;
    let required = field.required;
    let check = match (&field.ty, required) {
        (Ty::String, true) => {
            let rules = text_rules(&field.schema);
            quote! { check::text(&self.#ident, &#rules, true, path, report) }
        }
        (Ty::String, false) if has_text_rules(&field.schema) => {
            let rules = text_rules(&field.schema);
            quote! { if let Some(value) = &self.#ident { check::text(value, &#rules, false, path, report) } }
        }
        (Ty::Number, _) | (Ty::Integer, _) if has_range(&field.schema) => {
            let rules = range_rules(&field.schema);
            let call = if field.ty == Ty::Number {
                quote! { check::number(value, &#rules, path, report) }
            } else {
                quote! { check::integer(*value, &#rules, path, report) }
            };
            if required {
                quote! { { let value = &self.#ident; #call } }
            } else {
                quote! { if let Some(value) = &self.#ident { #call } }
            }
        }
        (Ty::DateTime | Ty::Named(_) | Ty::External(_), _) if !is_enum_like(field) => {
            quote! { self.#ident.validate_into(path, report) }
        }
        (Ty::Json, _) if field.schema.get("type").and_then(Value::as_str) == Some("array") => {
            let check = if items_are_objects(&field.schema) {
                quote! { check::raw_array_of_objects }
            } else {
                quote! { check::raw_array }
            };
            if required {
                quote! { #check(&self.#ident, path, report) }
            } else {
                quote! { if let Some(value) = &self.#ident { #check(value, path, report) } }
            }
        }
        (Ty::Vec(inner), _) => {
            let length = has_items_rules(&field.schema).then(|| {
                let rules = items_rules(&field.schema);
                if required {
                    quote! { check::items(self.#ident.len(), &#rules, path, report); }
                } else {
                    quote! { if let Some(value) = &self.#ident { check::items(value.len(), &#rules, path, report); } }
                }
            });
            let elements = match inner.as_ref() {
                Ty::DateTime | Ty::Named(_) | Ty::External(_) if !is_enum_like(field) => {
                    Some(quote! { self.#ident.validate_into(path, report); })
                }
                Ty::String if has_text_rules(field.schema.get("items").unwrap_or(&Value::Null)) => {
                    let rules = text_rules(field.schema.get("items").unwrap_or(&Value::Null));
                    let list = if required {
                        quote! { Some(&self.#ident) }
                    } else {
                        quote! { self.#ident.as_ref() }
                    };
                    Some(quote! {
                        for (index, value) in #list.into_iter().flatten().enumerate() {
                            path.push_index(index);
                            check::text(value, &#rules, false, path, report);
                            path.pop();
                        }
                    })
                }
                _ => None,
            };
            if length.is_none() && elements.is_none() {
                return None;
            }
            quote! { { #length #elements } }
        }
        _ => return None,
    };
    Some(quote! { path.at(#wire, |path| #check); })
}

/// Named types that are enums need no typed check; the model marks them.
fn is_enum_like(field: &Field) -> bool {
    let mut ty = &field.ty;
    while let Ty::Vec(inner) = ty {
        ty = inner;
    }
    matches!(ty, Ty::Named(reference) if reference.is_enum)
}

fn consistency(s: &Struct) -> (TokenStream, Vec<TokenStream>, bool) {
    let mut typed = TokenStream::new();
    let mut order = Vec::new();
    let field = |name: &str| s.fields.iter().find(|f| f.wire == name);
    for (first, second) in ORDERED {
        let (Some(a), Some(b)) = (field(first), field(second)) else {
            continue;
        };
        if a.ty != Ty::DateTime || b.ty != Ty::DateTime {
            continue;
        }
        let as_option = |f: &Field| {
            let ident = crate::render::ident(&f.ident);
            if f.required {
                quote! { Some(&self.#ident) }
            } else {
                quote! { self.#ident.as_ref() }
            }
        };
        let (x, y) = (as_option(a), as_option(b));
        typed.extend(quote! { check::order(#x, #y, (#first, #second), path, report); });
        order.push(quote! { (#first, #second) });
    }
    let mut sum = false;
    if let (Some(total), Some(adults), Some(children)) =
        (field("total"), field("adults"), field("children"))
    {
        if [total, adults, children].iter().all(|f| f.ty == Ty::Number) {
            let value = |f: &Field| {
                let ident = crate::render::ident(&f.ident);
                if f.required {
                    quote! { Some(self.#ident.as_f64()) }
                } else {
                    quote! { self.#ident.as_ref().map(wix_activities::Number::as_f64) }
                }
            };
            let (t, a, c) = (value(total), value(adults), value(children));
            typed.extend(
                quote! { check::sum(#t, &[("adults", #a), ("children", #c)], path, report); },
            );
            sum = true;
        }
    }
    (typed, order, sum)
}

/// Whether an array schema says its items are objects (`Array[object]`).
fn items_are_objects(schema: &Value) -> bool {
    schema.get("type").and_then(Value::as_str) == Some("array")
        && schema
            .get("items")
            .and_then(|i| i.get("type"))
            .and_then(Value::as_str)
            == Some("object")
}

fn has_text_rules(schema: &Value) -> bool {
    text_rules_of(schema).is_some()
}

fn text_rules(schema: &Value) -> TokenStream {
    text_rules_of(schema).unwrap_or_else(|| quote! { check::Text::ANY })
}

fn text_rules_of(schema: &Value) -> Option<TokenStream> {
    let format = match schema.get("format").and_then(Value::as_str) {
        Some("currency") => Some(quote! { check::Format::Currency }),
        Some("email") => Some(quote! { check::Format::Email }),
        Some("uri" | "url" | "iri") => Some(quote! { check::Format::Url }),
        _ => None,
    };
    let warning = schema.get("x-severity").and_then(Value::as_str) == Some("warning");
    let min = schema.get("minLength").and_then(Value::as_u64);
    let max = schema.get("maxLength").and_then(Value::as_u64);
    let constant = schema.get("const").and_then(Value::as_str);
    let pattern = schema.get("pattern").and_then(Value::as_str);
    if format.is_none() && min.is_none() && max.is_none() && constant.is_none() && pattern.is_none()
    {
        return None;
    }
    if let (Some(format), false, None, None, None, None) =
        (&format, warning, min, max, constant, pattern)
    {
        // The common case reads as what it is.
        return Some(quote! { check::Text::format(#format) });
    }
    let pattern = pattern.map_or_else(|| quote! { None }, |p| quote! { Some(#p) });
    let format = format.map_or_else(|| quote! { None }, |f| quote! { Some(#f) });
    let (min, max) = (option_u64(min), option_u64(max));
    let constant = constant.map_or_else(|| quote! { None }, |c| quote! { Some(#c) });
    Some(
        quote! { check::Text { format: #format, format_is_warning: #warning, min_length: #min, max_length: #max, constant: #constant, pattern: #pattern } },
    )
}

fn has_range(schema: &Value) -> bool {
    ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"]
        .iter()
        .any(|k| schema.get(k).is_some_and(Value::is_number))
}

fn range_rules(schema: &Value) -> TokenStream {
    if !has_range(schema) {
        return quote! { check::Range::ANY };
    }
    let bound = |key: &str| match schema.get(key).and_then(Value::as_f64) {
        Some(v) => {
            let v = proc_macro2::Literal::f64_unsuffixed(v);
            quote! { Some(#v) }
        }
        None => quote! { None },
    };
    let (min, max, xmin, xmax) = (
        bound("minimum"),
        bound("maximum"),
        bound("exclusiveMinimum"),
        bound("exclusiveMaximum"),
    );
    quote! { check::Range { minimum: #min, maximum: #max, exclusive_minimum: #xmin, exclusive_maximum: #xmax } }
}

fn has_items_rules(schema: &Value) -> bool {
    schema.get("minItems").is_some() || schema.get("maxItems").is_some()
}

fn items_rules(schema: &Value) -> TokenStream {
    if !has_items_rules(schema) {
        return quote! { check::Items::ANY };
    }
    let (min, max) = (
        option_u64(schema.get("minItems").and_then(Value::as_u64)),
        option_u64(schema.get("maxItems").and_then(Value::as_u64)),
    );
    quote! { check::Items { min_items: #min, max_items: #max } }
}

fn option_u64(value: Option<u64>) -> TokenStream {
    match value {
        Some(v) => {
            let v = proc_macro2::Literal::u64_unsuffixed(v);
            quote! { Some(#v) }
        }
        None => quote! { None },
    }
}
