//! One module's structs and enums.

use std::collections::BTreeSet;

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use super::format::doc;
use super::scope::Scope;
use crate::load::Leniency;
use crate::model::{
    Enum, Field, Item, Module, Presence, RestForm, Rule, Struct, Ty, TypeRef, Union,
};
use crate::naming::{serde_camel, serde_variant, Names, VARIANT_RULES};

/// The `use` lines and the items of one module, each item with the schema
/// file it was first found in.
pub fn module(
    module: &Module,
    options: &super::Options,
) -> (TokenStream, Vec<(String, TokenStream)>) {
    let json_schema = match &options.schemars_feature {
        Some(feature) => quote! { #[cfg_attr(feature = #feature, derive(schemars::JsonSchema))] },
        None => TokenStream::new(),
    };
    let local: BTreeSet<&str> = module.items.iter().map(Item::name).collect();
    let scope = Scope::new(names_in_scope(module, &local));
    let mut uses = Uses::default();
    // Each type is followed by its rules.
    let mut items: Vec<(String, TokenStream)> = Vec::new();
    for item in &module.items {
        let tokens = match item {
            Item::Struct(s) => {
                let definition =
                    structure(s, &module.name, &local, &mut uses, &scope, &json_schema);
                let table = super::validators::table(s, &scope, &mut |ty| {
                    rust_type(ty, &module.name, &local, &mut uses, &scope)
                });
                quote! { #definition #table }
            }
            Item::Enum(e) if e.open => open_enumeration(e, &scope, options),
            Item::Enum(e) => enumeration(e, &scope, &json_schema),
            Item::Union(u) => {
                let mut type_path =
                    |ty: &Ty| rust_type(ty, &module.name, &local, &mut uses, &scope);
                let definition = union(u, &scope, &json_schema, &mut type_path);
                let table = super::validators::union_table(u, &scope, &mut type_path);
                quote! { #definition #table }
            }
        };
        items.push((item.origin().file.clone(), tokens));
    }
    let runtime = scope.uses();
    let siblings = uses.siblings.iter().map(|(other, names)| {
        let path = module_path(&module.name, other);
        let names: Vec<Ident> = names.iter().map(|n| ident(n)).collect();
        match names.as_slice() {
            [one] => quote! { use #path::#one; },
            many => quote! { use #path::{#(#many),*}; },
        }
    });
    (quote! { #runtime #(#siblings)* }, items)
}

/// The type names a module's code sees: its own, and those it imports from
/// other modules (a name it has itself is written with its module's path).
fn names_in_scope(module: &Module, local: &BTreeSet<&str>) -> BTreeSet<String> {
    let mut names: BTreeSet<String> = local.iter().map(|n| (*n).to_owned()).collect();
    let types: Vec<&Ty> = module
        .items
        .iter()
        .flat_map(|item| match item {
            Item::Struct(s) => s.fields.iter().map(|f| &f.ty).collect(),
            Item::Union(u) => u.variants.iter().map(|v| &v.ty).collect(),
            Item::Enum(_) => Vec::new(),
        })
        .collect();
    for mut ty in types {
        while let Ty::Vec(inner) = ty {
            ty = inner;
        }
        if let Ty::Named(reference) = ty {
            names.insert(reference.name.clone());
        }
    }
    names
}

#[derive(Default)]
struct Uses {
    siblings: std::collections::BTreeMap<String, BTreeSet<String>>,
}

/// The serde rename rule that names most fields: none, or `camelCase`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum RenameAll {
    None,
    Camel,
}

impl RenameAll {
    /// Whether the rule gives `field` its wire name.
    fn names(self, field: &Field) -> bool {
        match self {
            RenameAll::None => field.ident == field.wire,
            // serde drops a keyword escape's `_`; a reader would not guess it.
            RenameAll::Camel => {
                !is_keyword_escape(field) && serde_camel(&field.ident) == field.wire
            }
        }
    }

    /// The rule that names the most fields (none, when it is a tie).
    fn of(s: &Struct) -> RenameAll {
        let count = |rule: RenameAll| s.fields.iter().filter(|f| rule.names(f)).count();
        if count(RenameAll::Camel) > count(RenameAll::None) {
            RenameAll::Camel
        } else {
            RenameAll::None
        }
    }
}

fn structure(
    s: &Struct,
    module: &str,
    local: &BTreeSet<&str>,
    uses: &mut Uses,
    scope: &Scope,
    json_schema: &TokenStream,
) -> TokenStream {
    let name = ident(&s.name);
    let docs = doc(s.doc.as_deref());
    let rename = RenameAll::of(s);
    let rename_all = match rename {
        RenameAll::Camel => quote! { #[serde(rename_all = "camelCase")] },
        RenameAll::None => TokenStream::new(),
    };
    let typed: Vec<Typed> = s
        .fields
        .iter()
        .map(|field| {
            let inner = rust_type(&field.ty, module, local, uses, scope);
            let nullable = (field.presence == Presence::Nullable).then(|| scope.name("Nullable"));
            Typed {
                field,
                inner,
                nullable,
            }
        })
        .collect();
    let fields = typed.iter().map(|t| {
        let (field, ty) = (t.field, t.ty());
        let path = t.nullable.as_ref().map(|n| n.to_string().replace(' ', ""));
        let field_ident = ident(&field.ident);
        let docs = doc(field.doc.as_deref());
        let attrs = field_attrs(field, rename, path.as_deref());
        quote! { #docs #attrs pub #field_ident: #ty, }
    });
    let default = if s.fields.iter().all(|f| f.presence == Presence::Nullable) {
        quote! { Default, }
    } else {
        TokenStream::new()
    };
    let extra = ident(&s.extra);
    let json_map = scope.name("JsonMap");
    let serialize = scope.name("Serialize");
    let builder = builder(s, &typed, scope);
    let deserialize = deserialize(s, &typed, scope);
    quote! {
        #docs
        #[derive(Clone, Debug, #default PartialEq, Eq, #serialize)]
        #json_schema
        #rename_all
        pub struct #name {
            #(#fields)*
            /// Fields the schema does not document, kept so that they are written back.
            #[serde(flatten)]
            pub #extra: #json_map,
        }

        #deserialize

        #builder
    }
}

/// A union: an enum with a variant for each alternative, written as the
/// value it holds; read by the runtime's `alternatives`, by tag or in order.
fn union(
    u: &Union,
    scope: &Scope,
    json_schema: &TokenStream,
    type_path: super::validators::TypePath<'_>,
) -> TokenStream {
    let name = ident(&u.name);
    let docs = doc(u.doc.as_deref());
    let (serialize, deserialize) = (scope.name("Serialize"), scope.name("Deserialize"));
    let lenient = scope.name("lenient");
    let strict = u.leniency == Leniency::Strict;
    let variants = u.variants.iter().map(|variant| {
        let (ident, ty) = (ident(&variant.ident), type_path(&variant.ty));
        let docs = doc(variant.doc.as_deref());
        quote! { #docs #ident(#ty), }
    });
    let branches = u.variants.iter().map(|variant| {
        let ident = ident(&variant.ident);
        let tag = variant.tag.as_deref().unwrap_or_default();
        // A branch reads the value as its field would: strictly, a number is not text.
        let reader = match (&variant.ty, strict) {
            (Ty::Number, true) => Some(scope.name("StrictNumber")),
            (Ty::Integer, true) => Some(scope.name("StrictInteger")),
            (Ty::Integer, false) => Some(scope.name("Integer")),
            _ => None,
        };
        match reader {
            Some(reader) => {
                quote! { (#tag, |json| json.read::<#reader>().map(|read| #name::#ident(read.0))) }
            }
            None => quote! { (#tag, |json| json.read().map(#name::#ident)) },
        }
    });
    let tag = match &u.tag {
        Some(tag) => quote! { Some(#tag) },
        None => quote! { None },
    };
    let wire_name = &u.name;
    quote! {
        #docs
        #[derive(Clone, Debug, PartialEq, Eq, #serialize)]
        #json_schema
        #[serde(untagged)]
        pub enum #name { #(#variants)* }

        impl<'de> #deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                #lenient::alternatives(deserializer, #wire_name, #tag, &[#(#branches),*])
            }
        }
    }
}

/// The names each field is read under: its wire name, its aliases, and,
/// where clients lower-case names, the lower-case spelling; a name is read
/// as the first field that has it.
fn read_names(s: &Struct) -> Vec<Vec<String>> {
    let mut taken: BTreeSet<String> = s.fields.iter().map(|f| f.wire.clone()).collect();
    s.fields
        .iter()
        .map(|field| {
            let mut names = vec![field.wire.clone()];
            let lower = field.wire.to_ascii_lowercase();
            let lower = (s.lowercase_aliases && lower != field.wire).then_some(lower);
            for alias in field.aliases.iter().chain(&lower) {
                if taken.insert(alias.clone()) {
                    names.push(alias.clone());
                }
            }
            names
        })
        .collect()
}

/// `Deserialize`, read in one pass: each documented property by its names
/// straight into its field, every other one into `extra` (serde's
/// `flatten` would buffer the whole object first). A documented property
/// sent twice is an error, as with serde's derive; a required one missing
/// is an error unless it is `Nullable`.
fn deserialize(s: &Struct, typed: &[Typed], scope: &Scope) -> TokenStream {
    let name = ident(&s.name);
    let wire_name = &s.name;
    let extra = ident(&s.extra);
    let json_map = scope.name("JsonMap");
    let lenient = scope.name("lenient");
    let (deserialize, deserializer, map_access) = (
        scope.name("Deserialize"),
        scope.name("Deserializer"),
        scope.name("MapAccess"),
    );
    // Each field is read into a local of its name; `map` and `key` are the loop's.
    let mut locals = Names::reserving(["map", "key"]);
    let slots: Vec<Ident> = typed
        .iter()
        .map(|t| ident(&locals.primed(&t.field.ident)))
        .collect();
    let declarations = slots.iter().zip(typed).map(|(slot, t)| {
        let (ty, wire) = (t.ty(), &t.field.wire);
        let slot_type = scope.name("Slot");
        quote! { let mut #slot: #slot_type<#ty> = #slot_type::new(#wire); }
    });
    let arms = slots
        .iter()
        .zip(typed)
        .zip(read_names(s))
        .map(|((slot, t), names)| {
            let rest = match &t.field.rule {
                Rule::Text(text) | Rule::StrictText(text) => text.rest,
                _ => None,
            };
            let strict = s.leniency == Leniency::Strict;
            let reader = match (&t.field.ty, t.nullable.is_some(), rest) {
                (Ty::String, true, Some(RestForm::Image)) => Some("OptionalImage"),
                (Ty::String, true, Some(RestForm::PageUrl)) => Some("OptionalPageUrl"),
                (Ty::String, _, _) if strict => None,
                (Ty::String, true, _) => Some("OptionalString"),
                (Ty::Integer, true, _) if strict => Some("OptionalStrictInteger"),
                (Ty::Integer, false, _) if strict => Some("StrictInteger"),
                (Ty::Number, true, _) if strict => Some("OptionalStrictNumber"),
                (Ty::Number, false, _) if strict => Some("StrictNumber"),
                (Ty::Integer, true, _) => Some("OptionalInteger"),
                (Ty::Integer, false, _) => Some("Integer"),
                _ => None,
            };
            let read = match reader {
                Some(reader) => {
                    let reader = scope.name(reader);
                    quote! { #slot.read_as::<#reader, _>(&mut map)? }
                }
                None => quote! { #slot.read(&mut map)? },
            };
            quote! { #(#names)|* => #read, }
        });
    let keep = quote! { #extra.insert(key.into_owned(), map.next_value()?); };
    let body = if typed.is_empty() {
        keep
    } else {
        quote! {
            match key.as_str() {
                #(#arms)*
                _ => {
                    #keep
                }
            }
        }
    };
    let values = slots.iter().zip(typed).map(|(slot, t)| {
        let field = ident(&t.field.ident);
        match &t.nullable {
            Some(_) => quote! { #field: #slot.or_absent(), },
            None => quote! { #field: #slot.required()?, },
        }
    });
    quote! {
        impl<'de> #deserialize<'de> for #name {
            fn deserialize<D: #deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                #lenient::object(deserializer)
            }
        }

        impl #lenient::FromMap for #name {
            const NAME: &'static str = #wire_name;

            fn from_map<'de, A: #map_access<'de>>(mut map: A) -> Result<Self, A::Error> {
                #(#declarations)*
                let mut #extra = #json_map::new();
                while let Some(key) = map.next_key::<#lenient::Key<'de>>()? {
                    #body
                }
                Ok(#name {
                    #(#values)*
                    #extra,
                })
            }
        }
    }
}

/// A field with its Rust type: `inner`, held in `nullable` when it is one.
struct Typed<'a> {
    field: &'a Field,
    inner: TokenStream,
    nullable: Option<TokenStream>,
}

impl Typed<'_> {
    fn ty(&self) -> TokenStream {
        let inner = &self.inner;
        match &self.nullable {
            Some(nullable) => quote! { #nullable<#inner> },
            None => inner.clone(),
        }
    }
}

/// `new`, taking the required fields, and a `with_` setter for each field
/// that may be absent: a value is built without naming the others, and a
/// field a later schema adds breaks no caller.
fn builder(s: &Struct, typed: &[Typed], scope: &Scope) -> TokenStream {
    let name = ident(&s.name);
    let required: Vec<&Typed> = typed.iter().filter(|t| t.field.required).collect();
    let params = required.iter().map(|t| {
        let (param, inner) = (ident(&t.field.ident), &t.inner);
        quote! { #param: impl Into<#inner> }
    });
    let values = typed.iter().map(|t| {
        let field = ident(&t.field.ident);
        match (&t.nullable, t.field.required) {
            (Some(nullable), true) => quote! { #field: #nullable::Value(#field.into()), },
            (None, _) => quote! { #field: #field.into(), },
            (Some(nullable), false) => quote! { #field: #nullable::Absent, },
        }
    });
    let extra = ident(&s.extra);
    let json_map = scope.name("JsonMap");
    let wires: Vec<String> = required
        .iter()
        .map(|t| format!("`{}`", t.field.wire))
        .collect();
    let article = match s.name.chars().next() {
        Some('A' | 'E' | 'I' | 'O' | 'U') => "An",
        _ => "A",
    };
    let new_doc = if wires.is_empty() {
        format!("{article} `{}` with every field absent.", s.name)
    } else {
        format!(
            "{article} `{}` with its required {}; every other field is absent.",
            s.name,
            match wires.as_slice() {
                [one] => format!("field, {one}"),
                many => format!("fields, {}", many.join(", ")),
            }
        )
    };
    let new_doc = doc(Some(&new_doc));
    // The schema decides how many fields are required.
    let allow = (required.len() > 7).then(|| quote! { #[allow(clippy::too_many_arguments)] });
    let setters = typed.iter().filter_map(|t| {
        let nullable = t.nullable.as_ref()?;
        let (field, inner) = (ident(&t.field.ident), &t.inner);
        let setter = ident(&t.field.setter);
        let docs = doc(Some(&format!("Sets `{}` to a value.", t.field.wire)));
        // A setter takes what converts to the value (`"text"`, `2`), not to
        // the `Nullable`: `Into` does not chain. `null` is set on the field.
        Some(quote! {
            #docs
            pub fn #setter(mut self, #field: impl Into<#inner>) -> Self {
                self.#field = #nullable::Value(#field.into());
                self
            }
        })
    });
    quote! {
        impl #name {
            #new_doc
            #allow
            pub fn new(#(#params),*) -> Self {
                #name {
                    #(#values)*
                    #extra: #json_map::new(),
                }
            }

            #(#setters)*
        }
    }
}

fn is_keyword_escape(field: &Field) -> bool {
    field.ident.ends_with('_')
}

/// The field's serde attributes, for `Serialize` (its `Deserialize` is
/// generated: [`deserialize`]). `nullable` is how the module writes
/// `Nullable`, for a field that is one.
fn field_attrs(field: &Field, rename: RenameAll, nullable: Option<&str>) -> TokenStream {
    let mut parts = Vec::new();
    if !rename.names(field) {
        let wire = &field.wire;
        parts.push(quote! { rename = #wire });
    }
    if nullable.is_some() {
        // Absent is written as absent (and, for `schemars`, not required).
        parts.push(quote! { default });
    }
    if field.ty == Ty::Amount {
        // Built in code, an amount is written as the JSON number its schema says.
        let writer = if nullable.is_some() {
            "wix_activities::lenient::optional_amount"
        } else {
            "wix_activities::lenient::amount"
        };
        parts.push(quote! { serialize_with = #writer });
    }
    if let Some(nullable) = nullable {
        let skip = format!("{nullable}::is_absent");
        parts.push(quote! { skip_serializing_if = #skip });
    }
    if parts.is_empty() {
        TokenStream::new()
    } else {
        quote! { #[serde(#(#parts),*)] }
    }
}

fn rust_type(
    ty: &Ty,
    module: &str,
    local: &BTreeSet<&str>,
    uses: &mut Uses,
    scope: &Scope,
) -> TokenStream {
    match ty {
        Ty::String => quote! { String },
        Ty::Number => scope.name("Number"),
        Ty::Integer => quote! { i64 },
        Ty::Bool => quote! { bool },
        Ty::DateTime => scope.name("DateTime"),
        Ty::Decimal | Ty::Amount => scope.name("Decimal"),
        Ty::Int64 => scope.name("Int64"),
        Ty::Json => scope.name("Json"),
        Ty::JsonObject => scope.name("JsonMap"),
        Ty::Vec(inner) => {
            let inner = rust_type(inner, module, local, uses, scope);
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

fn enumeration(e: &Enum, scope: &Scope, json_schema: &TokenStream) -> TokenStream {
    let name = ident(&e.name);
    let (deserialize, serialize) = (scope.name("Deserialize"), scope.name("Serialize"));
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
    let (reader, read_doc) = match e.any_case {
        true => (
            format_ident!("variant"),
            "Reads the documented spelling, or the same letters in another case.",
        ),
        false => (
            format_ident!("exact_variant"),
            "Reads the documented spelling only.",
        ),
    };
    let read_doc = doc(Some(read_doc));
    quote! {
        #docs
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, #serialize)]
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

        #read_doc
        impl<'de> #deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                wix_activities::lenient::#reader(deserializer, &#name::ALL, #name::as_str)
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    }
}

/// An enum whose publisher may add values: the documented ones, and
/// `Other` keeping any other as it came, so a new value parses and round-trips.
fn open_enumeration(e: &Enum, scope: &Scope, options: &super::Options) -> TokenStream {
    let name = ident(&e.name);
    let (deserialize, serialize) = (scope.name("Deserialize"), scope.name("Serialize"));
    let docs = doc(e.doc.as_deref());
    let variants = e.variants.iter().map(|variant| {
        let ident = ident(&variant.ident);
        let wire = &variant.wire;
        let docs = doc(Some(variant.doc.clone().unwrap_or_else(|| format!("`{wire}`"))).as_deref());
        quote! { #docs #ident, }
    });
    let arms = e.variants.iter().map(|variant| {
        let (ident, wire) = (ident(&variant.ident), &variant.wire);
        quote! { #name::#ident => #wire, }
    });
    let all: Vec<Ident> = e
        .variants
        .iter()
        .map(|variant| ident(&variant.ident))
        .collect();
    let count = all.len();
    let values: Vec<&str> = e.variants.iter().map(|v| v.wire.as_str()).collect();
    let schema = options.schemars_feature.as_ref().map(|feature| {
        let schema_name = &e.name;
        quote! {
            #[cfg(feature = #feature)]
            impl schemars::JsonSchema for #name {
                fn schema_name() -> std::borrow::Cow<'static, str> {
                    #schema_name.into()
                }

                /// The documented values, though any other text reads too.
                fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                    schemars::json_schema!({ "type": "string", "examples": [#(#values),*] })
                }
            }
        }
    });
    quote! {
        #docs
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #name {
            #(#variants)*
            /// A value Wix added after these types were generated, kept as it came.
            Other(String),
        }

        impl #name {
            /// Every documented value, in the published order.
            pub const ALL: [#name; #count] = [#(#name::#all),*];

            /// The value as it travels on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#arms)*
                    #name::Other(value) => value,
                }
            }
        }

        impl #serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        /// Reads a documented value, or keeps any other in `Other`.
        impl<'de> #deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                wix_activities::lenient::open_variant(deserializer, &#name::ALL, #name::as_str, #name::Other)
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        #schema
    }
}

/// The path of a generated type from inside module `from`.
pub(crate) fn type_path(from: &str, reference: &TypeRef) -> TokenStream {
    let module = module_path(from, &reference.module);
    let name = ident(&reference.name);
    quote! { #module::#name }
}

/// The path from inside module `from` to module `to`, both `::` paths
/// from the root of the generated modules: `super::super::backend_events::ecom`.
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
        assert_eq!(path("backend_events::ecom", "backend_events"), "super");
        assert_eq!(
            path("backend_events::ecom", "backend_events::loyalty"),
            "super::loyalty"
        );
        assert_eq!(
            path("backend_events::ecom", "common"),
            "super::super::common"
        );
        assert_eq!(path("backend_events", "backend_events::ecom"), "self::ecom");
        assert_eq!(path("activity_type", "r#type"), "super::r#type");
    }
}
