//! The names a module's code writes: each runtime item by its short name,
//! imported, unless a type of the module (or one it imports) has that name;
//! then by its full path. The `use` lines are exactly the names written.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::quote;

use super::items::ident;

/// The items generated code may use, and the module each comes from.
const RUNTIME: &[(&str, &str)] = &[
    ("Deserialize", "serde"),
    ("Deserializer", "serde"),
    ("Serialize", "serde"),
    ("MapAccess", "serde::de"),
    ("lenient", "wix_activities"),
    ("Slot", "wix_activities::lenient"),
    ("OptionalString", "wix_activities::lenient"),
    ("OptionalImage", "wix_activities::lenient"),
    ("OptionalPageUrl", "wix_activities::lenient"),
    ("OptionalInteger", "wix_activities::lenient"),
    ("Integer", "wix_activities::lenient"),
    ("StrictInteger", "wix_activities::lenient"),
    ("OptionalStrictInteger", "wix_activities::lenient"),
    ("StrictNumber", "wix_activities::lenient"),
    ("OptionalStrictNumber", "wix_activities::lenient"),
    ("DateTime", "wix_activities"),
    ("Decimal", "wix_activities"),
    ("Int64", "wix_activities"),
    ("Json", "wix_activities"),
    ("JsonMap", "wix_activities"),
    ("Nullable", "wix_activities"),
    ("Number", "wix_activities"),
    ("FieldRule", "wix_activities::validate"),
    ("Items", "wix_activities::validate"),
    ("JsonRules", "wix_activities::validate"),
    ("Range", "wix_activities::validate"),
    ("Rule", "wix_activities::validate"),
    ("StructRules", "wix_activities::validate"),
    ("Text", "wix_activities::validate"),
    ("Union", "wix_activities::validate"),
    ("Validate", "wix_activities::validate"),
    ("Path", "wix_activities::validate"),
    ("Report", "wix_activities::validate"),
];

/// The names taken in one module, and the runtime names written so far.
pub(super) struct Scope {
    taken: BTreeSet<String>,
    used: RefCell<BTreeSet<&'static str>>,
}

impl Scope {
    /// A module whose own types and imported types have the names `taken`.
    pub(super) fn new(taken: BTreeSet<String>) -> Scope {
        Scope {
            taken,
            used: RefCell::default(),
        }
    }

    /// How the module writes runtime item `name` (one of [`RUNTIME`]).
    pub(super) fn name(&self, name: &'static str) -> TokenStream {
        let module = RUNTIME
            .iter()
            .find(|(n, _)| *n == name)
            .map_or("wix_activities", |(_, m)| m);
        let short = ident(name);
        if self.taken.contains(name) {
            let path: syn::Path = syn::parse_str(&format!("{module}::{name}"))
                .unwrap_or_else(|_| syn::Path::from(ident(name)));
            quote! { #path }
        } else {
            self.used.borrow_mut().insert(name);
            quote! { #short }
        }
    }

    /// The `use` lines of the runtime names written by short name.
    pub(super) fn uses(&self) -> TokenStream {
        let mut by_module: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (name, module) in RUNTIME {
            if self.used.borrow().contains(name) {
                by_module.entry(module).or_default().push(name);
            }
        }
        // serde first, then the runtime, as a person would order them.
        let mut lines = TokenStream::new();
        for (module, names) in by_module
            .iter()
            .filter(|(m, _)| **m == "serde")
            .chain(by_module.iter().filter(|(m, _)| **m != "serde"))
        {
            let path: syn::Path = match syn::parse_str(module) {
                Ok(path) => path,
                Err(_) => continue,
            };
            let mut names: Vec<&str> = names.clone();
            names.sort_unstable();
            let names = names.iter().map(|n| ident(n));
            lines.extend(quote! { use #path::{#(#names),*}; });
        }
        lines
    }
}
