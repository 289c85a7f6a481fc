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

use crate::model::{Enum, Field, Struct, Ty};

/// Date-time pairs that must be in order.
const ORDERED: &[(&str, &str)] = &[("start", "end"), ("checkin", "checkout"), ("from", "until")];

/// How the renderer writes a type's path in the current module.
pub(crate) type TypePath<'a> = &'a mut dyn FnMut(&Ty) -> TokenStream;

/// `impl Validate` and `impl ValidateJson` for a struct.
pub(crate) fn structure(s: &Struct, extra: &str, type_path: TypePath<'_>) -> TokenStream {
    let name = crate::render::ident(&s.name);
    let forbid_extra = s.closed;
    let typed: Vec<TokenStream> = s.fields.iter().filter_map(typed_field).collect();
    let json: Vec<TokenStream> = s.fields.iter().map(|f| json_field(f, type_path)).collect();
    let required: Vec<TokenStream> = s
        .fields
        .iter()
        .filter(|f| f.required)
        .map(|f| {
            let (wire, alias) = (&f.wire, f.wire.to_ascii_lowercase());
            quote! { (#wire, #alias) }
        })
        .collect();
    let known: Vec<TokenStream> = s
        .fields
        .iter()
        .map(|f| {
            let (wire, alias) = (&f.wire, f.wire.to_ascii_lowercase());
            quote! { (#wire, #alias) }
        })
        .collect();
    let extra_ident = crate::render::ident(extra);
    let (typed_extra, json_extra) = if forbid_extra {
        (
            quote! { check::no_extra(&self.#extra_ident, path, report); },
            quote! { check::json_no_extra(object, &[#(#known),*], path, report); },
        )
    } else {
        (TokenStream::new(), TokenStream::new())
    };
    let (typed_rules, json_rules) = consistency(s);
    let required = if required.is_empty() {
        TokenStream::new()
    } else {
        quote! { check::required(object, &[#(#required),*], path, report); }
    };
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

        impl ValidateJson for #name {
            fn validate_json_into(value: &serde_json::Value, path: &mut Path, report: &mut Report) {
                let Some(object) = check::object(value, path, report) else { return };
                #required
                #(#json)*
                #json_extra
                #json_rules
            }
        }
    }
}

/// `impl ValidateJson` for an enum: one of its values, in any case.
pub(crate) fn enumeration(e: &Enum) -> TokenStream {
    let name = crate::render::ident(&e.name);
    let values = e.variants.iter().map(|v| &v.wire);
    quote! {
        impl ValidateJson for #name {
            fn validate_json_into(value: &serde_json::Value, path: &mut Path, report: &mut Report) {
                check::json_enum(value, &[#(#values),*], true, path, report);
            }
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
            if required {
                quote! { check::raw_array(&self.#ident, path, report) }
            } else {
                quote! { if let Some(value) = &self.#ident { check::raw_array(value, path, report) } }
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

/// The raw-JSON check of one field.
fn json_field(field: &Field, type_path: TypePath<'_>) -> TokenStream {
    let (wire, alias) = (&field.wire, field.wire.to_ascii_lowercase());
    let check = json_value(&field.ty, &field.schema, field.required, type_path);
    quote! {
        if let Some((key, value)) = check::get(object, #wire, #alias) {
            path.at(key, |path| #check);
        }
    }
}

/// The raw-JSON check of a value of type `ty` (`value`, `path`, `report` in scope).
fn json_value(ty: &Ty, schema: &Value, required: bool, type_path: TypePath<'_>) -> TokenStream {
    match ty {
        Ty::String => {
            let rules = text_rules(schema);
            quote! { check::json_text(value, &#rules, #required, path, report) }
        }
        Ty::Number => {
            let rules = range_rules(schema);
            quote! { check::json_number(value, &#rules, #required, path, report) }
        }
        Ty::Integer => {
            let rules = range_rules(schema);
            quote! { check::json_integer(value, &#rules, #required, path, report) }
        }
        Ty::Bool => quote! { check::json_bool(value, #required, path, report) },
        Ty::DateTime => quote! { check::json_date_time(value, #required, path, report) },
        Ty::Json if schema.get("type").and_then(Value::as_str) == Some("array") => {
            quote! { check::json_raw_array(value, path, report) }
        }
        Ty::Json => quote! { { let _ = (value, path, report); } },
        Ty::JsonObject => quote! { check::json_raw_object(value, #required, path, report) },
        Ty::Vec(inner) => {
            let rules = items_rules(schema);
            let items = schema.get("items").cloned().unwrap_or(Value::Null);
            let item = match inner.as_ref() {
                // Typed arrays of text are strict: serde reads their items as strings only.
                Ty::String => quote! { check::json_strict_text(value, path, report) },
                other => json_value(other, &items, true, type_path),
            };
            quote! { check::json_array(value, &#rules, #required, path, report, |value, path, report| #item) }
        }
        Ty::Named(_) | Ty::External(_) => {
            let path_tokens = type_path(ty);
            quote! { check::json_nested(value, #required, path, report, <#path_tokens as ValidateJson>::validate_json_into) }
        }
    }
}

fn consistency(s: &Struct) -> (TokenStream, TokenStream) {
    let mut typed = TokenStream::new();
    let mut json = TokenStream::new();
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
        json.extend(quote! { check::json_order(object, (#first, #second), path, report); });
    }
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
            json.extend(quote! { check::json_sum(object, &["adults", "children"], path, report); });
        }
    }
    (typed, json)
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
