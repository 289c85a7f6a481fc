//! One module's structs and enums.

use std::collections::BTreeSet;

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use super::format::doc;
use crate::model::{Enum, Field, Item, Module, Struct, Ty, TypeRef};
use crate::naming::{serde_camel, serde_variant, VARIANT_RULES};

/// The `use` lines and the items of one module, each item with the schema
/// file it was first found in.
pub fn module(
    module: &Module,
    options: &super::Options,
    enum_values: crate::validators::EnumValues<'_>,
) -> (TokenStream, Vec<(String, TokenStream)>) {
    let json_schema = match &options.schemars_feature {
        Some(feature) => quote! { #[cfg_attr(feature = #feature, derive(schemars::JsonSchema))] },
        None => TokenStream::new(),
    };
    let local: BTreeSet<&str> = module.items.iter().map(Item::name).collect();
    let mut uses = Uses::default();
    // Each type is followed by its validation impls.
    let mut items: Vec<(String, TokenStream)> = Vec::new();
    for item in &module.items {
        match item {
            Item::Struct(s) => {
                let definition = structure(s, &module.name, &local, &mut uses, &json_schema);
                let validation = crate::validators::structure(
                    s,
                    &extra_ident(s),
                    &mut |ty| rust_type(ty, &module.name, &local, &mut uses),
                    enum_values,
                );
                items.push((s.origin.file.clone(), quote! { #definition #validation }));
            }
            Item::Enum(e) => {
                items.push((e.origin.file.clone(), enumeration(e, &json_schema)));
            }
        }
    }
    let has_struct = module.items.iter().any(|i| matches!(i, Item::Struct(_)));
    // A module of types without fields checks nothing, so it needs fewer names.
    let words: BTreeSet<String> = items
        .iter()
        .flat_map(|(_, tokens)| {
            tokens
                .to_string()
                .split(|c: char| !c.is_alphanumeric() && c != '_')
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect();
    let validation: Vec<Ident> = VALIDATION
        .iter()
        .filter(|name| words.contains(**name))
        .map(|name| ident(name))
        .collect();
    let validate = if validation.is_empty() {
        TokenStream::new()
    } else {
        quote! { use wix_activities::validate::{#(#validation),*}; }
    };
    let serde = if has_struct || module.items.iter().any(|i| matches!(i, Item::Enum(_))) {
        quote! { use serde::{Deserialize, Serialize}; }
    } else {
        TokenStream::new()
    };
    let runtime: Vec<Ident> = uses.runtime.iter().map(|n| ident(n)).collect();
    let runtime = if runtime.is_empty() {
        TokenStream::new()
    } else {
        quote! { use wix_activities::{#(#runtime),*}; }
    };
    let siblings = uses.siblings.iter().map(|(other, names)| {
        let path = module_path(&module.name, other);
        let names: Vec<Ident> = names.iter().map(|n| ident(n)).collect();
        match names.as_slice() {
            [one] => quote! { use #path::#one; },
            many => quote! { use #path::{#(#many),*}; },
        }
    });
    (quote! { #serde #runtime #validate #(#siblings)* }, items)
}

/// The names of `wix_activities::validate` that generated code uses.
const VALIDATION: &[&str] = &[
    "check",
    "walk",
    "FieldRule",
    "JsonRules",
    "Path",
    "Report",
    "Rule",
    "StructRules",
    "Validate",
    "ValidateJson",
];

#[derive(Default)]
struct Uses {
    runtime: BTreeSet<&'static str>,
    siblings: std::collections::BTreeMap<String, BTreeSet<String>>,
}

fn structure(
    s: &Struct,
    module: &str,
    local: &BTreeSet<&str>,
    uses: &mut Uses,
    json_schema: &TokenStream,
) -> TokenStream {
    let name = ident(&s.name);
    let docs = doc(s.doc.as_deref());
    // `rename_all = "camelCase"` when it explains every renamed field; a
    // keyword-escaped field (`type_`) still says its name, for the reader.
    let camel = s
        .fields
        .iter()
        .all(|f| f.ident == f.wire || is_keyword_escape(f) || serde_camel(&f.ident) == f.wire);
    let rename_all = if camel
        && s.fields
            .iter()
            .any(|f| f.ident != f.wire && !is_keyword_escape(f))
    {
        quote! { #[serde(rename_all = "camelCase")] }
    } else {
        TokenStream::new()
    };
    let fields = s.fields.iter().map(|field| {
        let ty = rust_type(&field.ty, module, local, uses);
        let ty = if field.required {
            ty
        } else {
            quote! { Option<#ty> }
        };
        let field_ident = ident(&field.ident);
        let docs = doc(field.doc.as_deref());
        let attrs = field_attrs(field, camel);
        quote! { #docs #attrs pub #field_ident: #ty, }
    });
    let default = if s.fields.iter().all(|f| !f.required) {
        quote! { Default, }
    } else {
        TokenStream::new()
    };
    let extra = ident(&extra_ident(s));
    quote! {
        #docs
        #[derive(Clone, Debug, #default PartialEq, Eq, Deserialize, Serialize)]
        #json_schema
        #rename_all
        pub struct #name {
            #(#fields)*
            /// Fields the schema does not document, kept so that they are written back.
            #[serde(flatten)]
            pub #extra: serde_json::Map<String, serde_json::Value>,
        }
    }
}

/// The name of the field that keeps undocumented fields: `extra`, unless a
/// documented field has that name.
pub(crate) fn extra_ident(s: &Struct) -> String {
    let mut name = "extra".to_owned();
    while s.fields.iter().any(|f| f.ident == name) {
        name.push('_');
    }
    name
}

fn is_keyword_escape(field: &Field) -> bool {
    field.ident.ends_with('_')
}

fn field_attrs(field: &Field, camel: bool) -> TokenStream {
    let mut parts = Vec::new();
    if field.ident != field.wire && (!camel || is_keyword_escape(field)) {
        let wire = &field.wire;
        parts.push(quote! { rename = #wire });
    }
    let lower = field.wire.to_ascii_lowercase();
    if lower != field.wire {
        // Clients lower-case camelCase names (`timezone` for `timeZone`).
        parts.push(quote! { alias = #lower });
    }
    match (&field.ty, field.required) {
        // A required text a client left out reads as empty, and validation
        // reports it; a number or boolean sent for text keeps its text.
        (Ty::String, true) => {
            parts.push(quote! { default, deserialize_with = "wix_activities::lenient::string" })
        }
        (Ty::String, false) => parts.push(
            quote! { default, deserialize_with = "wix_activities::lenient::optional_string" },
        ),
        _ => {}
    }
    if !field.required {
        // Absent and `null` both read as `None`; `None` is written as absent.
        parts.push(quote! { skip_serializing_if = "Option::is_none" });
    }
    if parts.is_empty() {
        TokenStream::new()
    } else {
        quote! { #[serde(#(#parts),*)] }
    }
}

fn rust_type(ty: &Ty, module: &str, local: &BTreeSet<&str>, uses: &mut Uses) -> TokenStream {
    match ty {
        Ty::String => quote! { String },
        Ty::Number => {
            uses.runtime.insert("Number");
            quote! { Number }
        }
        Ty::Integer => quote! { i64 },
        Ty::Bool => quote! { bool },
        Ty::DateTime => {
            uses.runtime.insert("DateTime");
            quote! { DateTime }
        }
        Ty::Decimal => {
            uses.runtime.insert("Decimal");
            quote! { Decimal }
        }
        Ty::Int64 => {
            uses.runtime.insert("Int64");
            quote! { Int64 }
        }
        Ty::Json => quote! { serde_json::Value },
        Ty::JsonObject => quote! { serde_json::Map<String, serde_json::Value> },
        Ty::Vec(inner) => {
            let inner = rust_type(inner, module, local, uses);
            quote! { Vec<#inner> }
        }
        Ty::External(path) => {
            // The loader checked that the path parses.
            syn::parse_str::<syn::Path>(path)
                .map(|p| quote! { #p })
                .unwrap_or_default()
        }
        Ty::Named(reference) => {
            let name = ident(&reference.name);
            if reference.module == module {
                quote! { #name }
            } else if local.contains(reference.name.as_str()) {
                type_path(module, reference)
            } else {
                uses.siblings
                    .entry(reference.module.clone())
                    .or_default()
                    .insert(reference.name.clone());
                quote! { #name }
            }
        }
    }
}

fn enumeration(e: &Enum, json_schema: &TokenStream) -> TokenStream {
    let name = ident(&e.name);
    let docs = doc(e.doc.as_deref());
    let rule = VARIANT_RULES.iter().find(|rule| {
        e.variants
            .iter()
            .all(|v| serde_variant(rule, &v.ident) == v.wire)
    });
    let rename_all = match rule {
        Some(rule) => quote! { #[serde(rename_all = #rule)] },
        None => TokenStream::new(),
    };
    let variants = e.variants.iter().map(|variant| {
        let ident = ident(&variant.ident);
        // A value without its own description is documented by its wire form.
        let wire = &variant.wire;
        let docs = doc(Some(variant.doc.clone().unwrap_or_else(|| format!("`{wire}`"))).as_deref());
        let rename = if rule.is_none() {
            quote! { #[serde(rename = #wire)] }
        } else {
            TokenStream::new()
        };
        quote! { #docs #rename #ident, }
    });
    let arms = e.variants.iter().map(|variant| {
        let ident = ident(&variant.ident);
        let wire = &variant.wire;
        quote! { #name::#ident => #wire, }
    });
    let all = e.variants.iter().map(|variant| ident(&variant.ident));
    let count = e.variants.len();
    quote! {
        #docs
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #json_schema
        #rename_all
        pub enum #name { #(#variants)* }

        impl #name {
            /// Every value, in the published order.
            pub const ALL: [#name; #count] = [#(#name::#all),*];

            /// The value as it travels on the wire.
            pub const fn as_str(self) -> &'static str {
                match self { #(#arms)* }
            }
        }

        /// Reads the documented spelling, or the same letters in another case.
        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                wix_activities::lenient::variant(deserializer, &#name::ALL, #name::as_str)
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    }
}

/// The path of a generated type from inside module `from`.
pub(crate) fn type_path(from: &str, reference: &TypeRef) -> TokenStream {
    let module = module_path(from, &reference.module);
    let name = ident(&reference.name);
    quote! { #module::#name }
}

/// The path from inside module `from` to module `to`, both `::` paths
/// from the root of the generated modules: `super::super::events::ecom`.
pub(crate) fn module_path(from: &str, to: &str) -> TokenStream {
    let from: Vec<&str> = from.split("::").collect();
    let to: Vec<&str> = to.split("::").collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut path: Vec<TokenStream> = from[common..].iter().map(|_| quote! { super }).collect();
    if path.is_empty() {
        path.push(quote! { self });
    }
    path.extend(to[common..].iter().map(|segment| {
        let segment = ident(segment);
        quote! { #segment }
    }));
    quote! { #(#path)::* }
}

pub(crate) fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => format_ident!("{}", name),
    }
}

#[cfg(test)]
mod tests {
    use super::module_path;

    #[test]
    fn paths_between_modules_climb_only_as_far_as_needed() {
        let path = |from, to| module_path(from, to).to_string().replace(' ', "");
        assert_eq!(path("hotels", "common"), "super::common");
        assert_eq!(path("events::ecom", "events"), "super");
        assert_eq!(path("events::ecom", "events::loyalty"), "super::loyalty");
        assert_eq!(path("events::ecom", "common"), "super::super::common");
        assert_eq!(path("events", "events::ecom"), "self::ecom");
        assert_eq!(path("activity_type", "r#type"), "super::r#type");
    }
}
